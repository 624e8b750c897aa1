use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Remove TASK's worktree. A worktree with uncommitted changes is refused without --force.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
    /// Remove even with uncommitted changes
    #[arg(long)]
    pub force: bool,
    /// Delete the task branch too
    #[arg(long)]
    pub delete_branch: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree remove")
}
