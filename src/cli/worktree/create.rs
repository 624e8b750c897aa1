use clap::Args as ClapArgs;
use std::time::Duration;

use crate::context::Context;
use crate::error::CommandResult;

/// Create the worktree of TASK at `.worktrees/<project>/wfc-<task>` on branch
/// `wfc/<project>/<task>` and print its path.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id (letters, digits, `_`, `-`)
    pub task: String,
    /// Start the branch from REF (default: the repository's current HEAD)
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// Print the existing path and exit 0 if the worktree already exists
    #[arg(long)]
    pub exist_ok: bool,
    /// When the pool is full, wait up to SECS for a free slot
    #[arg(long, value_name = "SECS", value_parser = crate::cli::duration_arg)]
    pub wait: Option<Duration>,
    /// When the pool is full, remove the least recently used clean worktree with no live owner
    #[arg(long)]
    pub evict: bool,
    /// Process that owns this worktree; it is not an orphan while PID lives
    #[arg(long, value_name = "PID")]
    pub owner_pid: Option<u32>,
    /// Do not copy env and version files into the worktree
    #[arg(long)]
    pub no_copy_env: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc worktree create")
}
