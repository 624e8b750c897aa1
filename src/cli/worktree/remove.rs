use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::telemetry::kind;
use crate::worktree::remove::{self, RemoveOptions};

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
    let (repo, target) = super::target(ctx, &args.task)?;
    let opts = RemoveOptions {
        force: args.force,
        delete_branch: args.delete_branch,
        protect: Some(ctx.cwd.clone()),
    };
    let timeout = ctx.config.worktree.lock_timeout.0;
    let ui = ctx.ui.clone();
    let done = remove::remove(
        &repo,
        ctx.store()?,
        &target,
        &opts,
        timeout,
        &mut super::notifier(&ui),
    )?;
    ctx.audit(
        "worktree.remove",
        &done.path,
        "ok",
        json!({
            "task_id": done.task_id,
            "branch": done.branch,
            "force": args.force,
            "worktree_removed": done.worktree_removed,
            "branch_deleted": done.branch_deleted,
            "branch_kept": done.branch_kept,
        }),
    )?;
    if done.worktree_removed {
        ctx.telemetry(
            kind::WORKTREE_REMOVED,
            json!({ "task_id": done.task_id, "path": done.path, "branch": done.branch }),
        )?;
    }
    if let Some(left) = &done.leftover {
        ctx.ui
            .warn(&format!("could not delete {left}; `wfc cleanup` retries"));
    }
    if ctx.ui.json_mode() {
        ctx.ui.json(&done)?;
        return Ok(Outcome::SUCCESS);
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
    Ok(Outcome::SUCCESS)
}
