use std::time::Duration;

use clap::{Args as ClapArgs, ValueEnum};

use crate::app;
use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::telemetry::export;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line
    Jsonl,
    /// Comma-separated, with a header line; `data` is the event's JSON
    Csv,
}

/// Write every event (oldest first) with its id, time, project, developer, kind and data.
///
/// With --json the events are one JSON array instead of JSON lines.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Output format [default: jsonl]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only events newer than this (e.g. 7d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub since: Option<Duration>,
    /// Every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    if ctx.ui.json_mode() && args.format == Some(Format::Csv) {
        return Err(
            AppError::usage("--json and --format csv ask for two different outputs")
                .with_hint("drop --json for CSV, or --format csv for one JSON array"),
        );
    }
    let rows = app::history::telemetry_events(ctx, args.all_projects, args.since)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&rows)?;
        return Ok(Outcome::Success);
    }
    let mut out = Vec::new();
    match args.format.unwrap_or(Format::Jsonl) {
        Format::Jsonl => export::write_jsonl(&rows, &mut out)?,
        Format::Csv => export::write_csv(&rows, &mut out)?,
    }
    ctx.ui.out_raw(&out)?;
    ctx.ui.status(&format!(
        "{} event(s) from {}",
        rows.len(),
        if args.all_projects {
            "every project".to_string()
        } else {
            format!("project {}", ctx.project_id)
        }
    ));
    Ok(Outcome::Success)
}
