use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Print the path of TASK's worktree, for `cd "$(wfc worktree path T)"`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree path")
}
