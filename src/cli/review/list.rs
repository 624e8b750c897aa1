use clap::Args as ClapArgs;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::store::jobs;
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
    let project = (!args.all_projects).then(|| ctx.project_id.to_string());
    let rows = jobs::list(ctx.store()?, project.as_deref(), args.limit)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&rows)?;
        return Ok(Outcome::SUCCESS);
    }
    if rows.is_empty() {
        ctx.ui.status("no reviews yet");
        return Ok(Outcome::SUCCESS);
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
        let status = match j.status.as_str() {
            "passed" => ctx.ui.paint(&j.status, Tone::Good),
            "failed" | "incomplete" => ctx.ui.paint(&j.status, Tone::Bad),
            _ => ctx.ui.paint(&j.status, Tone::Warn),
        };
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
    Ok(Outcome::SUCCESS)
}
