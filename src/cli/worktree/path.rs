use clap::Args as ClapArgs;
use serde_json::json;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Print the path of TASK's worktree, for `cd "$(wfc worktree path T)"`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let (_, target) = app::worktree::existing(ctx, &args.task)?;
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
    Ok(Outcome::Success)
}
