use std::time::Duration;

use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::ui::{Table, Tone};

#[derive(Debug, ClapArgs)]
#[group(id = "audit_list")]
pub struct Args {
    /// Only rows newer than this (e.g. 24h, 7d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub since: Option<Duration>,
    /// Only rows with this action (e.g. init, worktree.create, review)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// At most this many rows (the newest)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let rows = app::history::audit_list(ctx, args.since, args.action.as_deref(), args.limit)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&rows)?;
        return Ok(Outcome::Success);
    }
    if rows.is_empty() {
        ctx.ui.status("no audit rows match");
        return Ok(Outcome::Success);
    }
    let mut table = Table::new(&[
        "SEQ",
        "TIME",
        "PROJECT",
        "DEVELOPER",
        "ACTION",
        "STATUS",
        "RESOURCE",
    ]);
    for r in &rows {
        let status = match r.status.as_str() {
            "ok" | "passed" => ctx.ui.paint(&r.status, Tone::Good),
            "failed" | "error" => ctx.ui.paint(&r.status, Tone::Bad),
            _ => r.status.clone(),
        };
        table.row(vec![
            r.seq.to_string(),
            r.ts[..19].replace('T', " "),
            r.project_id.clone(),
            r.developer_id.clone(),
            r.action.clone(),
            status,
            crate::ui::escape(&r.resource).into_owned(),
        ]);
    }
    ctx.ui.out(&table.render())?;
    Ok(Outcome::Success)
}
