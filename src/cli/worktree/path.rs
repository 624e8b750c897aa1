use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::worktree::WorktreeError;

/// Print the path of TASK's worktree, for `cd "$(wfc worktree path T)"`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let (_, target) = super::target(ctx, &args.task)?;
    if !target.path.join(".git").exists() {
        return Err(WorktreeError::NotFound {
            task: target.task,
            project: target.project,
        }
        .into());
    }
    if ctx.ui.json_mode() {
        ctx.ui.json(&json!({
            "project_id": target.project,
            "task_id": target.task,
            "path": target.path_str(),
            "branch": target.branch,
        }))?;
    } else {
        ctx.ui.out(&target.path_str())?;
    }
    Ok(Outcome::SUCCESS)
}
