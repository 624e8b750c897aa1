use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// List worktrees with project, task, branch, developer, dirty count, age and last use.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Show the worktrees of every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree list")
}
