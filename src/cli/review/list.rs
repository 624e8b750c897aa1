use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::store::jobs::JobStatus;
use crate::ui::{Table, Tone};

/// List past reviews of the project, newest first.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
    /// At most N reviews
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let rows = app::history::review_list(ctx, args.all_projects, args.limit)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&rows)?;
        return Ok(Outcome::Success);
    }
    if rows.is_empty() {
        ctx.ui.status("no reviews yet");
        return Ok(Outcome::Success);
    }
    let mut t = Table::new(&[
        "JOB",
        "STARTED",
        "PROJECT",
        "DEVELOPER",
        "TASK",
        "STATUS",
        "CS",
        "TIER",
    ]);
    for j in &rows {
        let tone = match j.status {
            JobStatus::Passed => Tone::Good,
            JobStatus::Failed | JobStatus::Incomplete => Tone::Bad,
            _ => Tone::Warn,
        };
        let status = ctx.ui.paint(j.status.as_str(), tone);
        t.row(vec![
            j.id.clone(),
            j.started_at
                .get(..19)
                .unwrap_or(&j.started_at)
                .replace('T', " "),
            j.project_id.clone(),
            j.developer_id.clone(),
            j.task_id.clone().unwrap_or_default(),
            status,
            j.cs.map(|c| format!("{c:.3}"))
                .unwrap_or_else(|| "-".into()),
            j.tier.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    ctx.ui.out(&t.render())?;
    Ok(Outcome::Success)
}
