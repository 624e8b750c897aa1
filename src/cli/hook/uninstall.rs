use clap::Args as ClapArgs;
use serde_json::json;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::hooks::Action;

/// Remove the wfc hooks and restore what was there before.
///
/// A hook wfc chained is put back byte for byte, with its mode. A hook that is not wfc's is
/// left alone.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: &Args) -> CommandResult {
    let (dir, changes) = app::setup::hook_uninstall(ctx)?;
    if ctx.ui.json_mode() {
        ctx.ui
            .json(&json!({ "hooks_dir": dir.path, "hooks": changes }))?;
        return Ok(Outcome::Success);
    }
    let mut lines = Vec::new();
    for c in &changes {
        let what = match c.action {
            Action::Removed => "removed",
            Action::Restored => "removed; the previous hook is back",
            Action::Kept => "not a wfc hook; left alone",
            _ => "no wfc hook installed",
        };
        lines.push(format!("{}: {what}", c.path.display()));
    }
    ctx.ui.out(&lines.join("\n"))?;
    Ok(Outcome::Success)
}
