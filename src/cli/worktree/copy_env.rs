use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Copy the env and version files (`worktree.copy`) into TASK's worktree again.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree copy-env")
}
