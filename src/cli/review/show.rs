use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Show one past review: its outcome, reviewers and findings.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Job id (from `wfc review list`)
    pub job: String,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let app::history::JobShown {
        job,
        reviewer_runs: runs,
        result,
    } = app::history::review_show(ctx, &args.job)?;
    if ctx.ui.json_mode() {
        let mut v = serde_json::to_value(&job)?;
        v["reviewer_runs"] = serde_json::to_value(&runs)?;
        v["result"] = match &result {
            Some(r) => serde_json::to_value(r)?,
            None => serde_json::Value::Null,
        };
        ctx.ui.json(&v)?;
        return Ok(Outcome::Success);
    }
    match &result {
        Some(r) => ctx.ui.out(&super::output::summary(&ctx.ui, r))?,
        None => {
            let mut s = format!(
                "job {}  project {}  developer {}  task {}  status {}\n  started {}\n",
                job.id,
                job.project_id,
                job.developer_id,
                job.task_id.as_deref().unwrap_or("-"),
                job.status,
                job.started_at
            );
            for r in &runs {
                s.push_str(&format!("  {}  {}\n", r.reviewer_id, r.status));
            }
            ctx.ui.out(&s)?;
        }
    }
    Ok(Outcome::Success)
}
