use clap::Args as ClapArgs;
use std::time::Duration;

use crate::context::Context;
use crate::error::CommandResult;

/// Remove orphaned worktrees: owner dead or unknown and idle longer than the threshold.
///
/// Prunes git metadata one entry at a time, never deletes a dirty worktree without --force
/// or an unmerged branch without --delete-branch, marks jobs whose process died as
/// interrupted, and reports every item it kept with the reason.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub older_than: Option<Duration>,
    /// Print the plan on stdout and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Remove orphaned worktrees even with uncommitted changes
    #[arg(long)]
    pub force: bool,
    /// Delete the task branches of removed worktrees even when not merged
    #[arg(long)]
    pub delete_branch: bool,
    /// Clean every project of the repository, not only the current one
    #[arg(long)]
    pub all_projects: bool,
    /// Repeat every INTERVAL (e.g. 6h) until stopped
    #[arg(long, value_name = "INTERVAL", value_parser = crate::cli::duration_arg)]
    pub watch: Option<Duration>,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc cleanup")
}
