//! What a CLI command runs with: the application [`Session`] and the terminal.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::app::{AppError, Notify, Session, SessionOptions};
use crate::env::Env;
use crate::ui::Ui;

pub struct Context {
    pub session: Session,
    pub ui: Ui,
}

impl Notify for Ui {
    fn warn(&self, message: &str) {
        Ui::warn(self, message)
    }
    fn status(&self, message: &str) {
        Ui::status(self, message)
    }
    fn debug(&self, message: &str) {
        Ui::debug(self, message)
    }
}

impl Context {
    /// Resolves the session for a command; its notes go to `ui`.
    pub fn load(
        opts: &SessionOptions,
        env: Env,
        ui: Ui,
    ) -> Result<(Context, Vec<String>), AppError> {
        let (mut session, warnings) = Session::load(opts, env, Arc::new(ui.clone()))?;
        session.stdin = Some(Box::new(std::io::stdin()));
        Ok((Context { session, ui }, warnings))
    }
}

impl Deref for Context {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

impl DerefMut for Context {
    fn deref_mut(&mut self) -> &mut Session {
        &mut self.session
    }
}
