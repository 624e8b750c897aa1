pub(crate) mod install;
mod run;
mod status;
mod uninstall;

use clap::Subcommand;

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// Git hooks that run the review and add the Review-Hash trailer.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install the hooks
    Install(install::Args),
    /// Remove the hooks, restoring the previous ones
    Uninstall(uninstall::Args),
    /// Show what is installed
    Status(status::Args),
    /// Run a hook (used by the installed scripts)
    Run(run::Args),
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Install(a) => install::run(ctx, a),
        Command::Uninstall(a) => uninstall::run(ctx, a),
        Command::Status(a) => status::run(ctx, a),
        Command::Run(a) => run::run(ctx, a),
    }
}
