use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Short git status of one task's worktree, or of every worktree of the project.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id (default: every worktree of the project)
    pub task: Option<String>,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree status")
}
