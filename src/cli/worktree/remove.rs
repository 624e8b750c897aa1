use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Remove TASK's worktree. A worktree with uncommitted changes is refused without --force.
///
/// The task branch is deleted when it is merged into HEAD, or with --delete-branch; otherwise it
/// is kept (and checked out again by the next `wfc worktree create TASK`).
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

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let done = app::worktree::remove(
        ctx,
        &app::worktree::RemoveRequest {
            task: args.task.clone(),
            force: args.force,
            delete_branch: args.delete_branch,
        },
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&done)?;
        return Ok(Outcome::Success);
    }
    if done.worktree_removed || done.lease_removed {
        ctx.ui.status(&format!(
            "removed the worktree of task {} ({})",
            done.task_id,
            super::rel(ctx, &done.path)
        ));
    }
    if done.branch_deleted {
        ctx.ui.status(&format!("deleted branch {}", done.branch));
    } else if let Some(why) = &done.branch_kept {
        ctx.ui
            .status(&format!("kept branch {}: {why}", done.branch));
    }
    Ok(Outcome::Success)
}
