mod list;
mod verify;

use clap::{Args as ClapArgs, Subcommand};

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// List the audit trail (oldest first), or verify its hash chain with `wfc audit verify`.
///
/// Rows of every project are listed unless a project id is given with --project-id or
/// WFC_PROJECT_ID.
#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub list: list::Args,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check that no audit row was edited or deleted; exit 1 and name the first break if one was
    Verify(verify::Args),
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    match &args.command {
        Some(Command::Verify(a)) => verify::run(ctx, a),
        None => list::run(ctx, &args.list),
    }
}
