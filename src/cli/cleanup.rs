use clap::Args as ClapArgs;
use std::time::{Duration, Instant};

use crate::app;
use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::ui::{Table, Tone};
use crate::worktree::cleanup::{Item, Report};

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

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    if args.watch.is_some_and(|w| w.is_zero()) {
        return Err(AppError::usage("--watch needs an interval above zero"));
    }
    if args.watch.is_some() {
        crate::interrupt::install();
    }
    let req = app::cleanup::CleanupRequest {
        older_than: args.older_than,
        dry_run: args.dry_run,
        force: args.force,
        delete_branch: args.delete_branch,
        all_projects: args.all_projects,
    };
    loop {
        let report = app::cleanup::run(ctx, &req)?;
        print(ctx, &report, args.watch.is_some())?;
        let Some(interval) = args.watch else {
            if report.errors.is_empty() {
                return Ok(Outcome::Success);
            }
            return Err(AppError::failed(format!(
                "cleanup could not handle {} item(s); see the errors above",
                report.errors.len()
            )));
        };
        if !report.errors.is_empty() {
            ctx.ui.warn(&format!(
                "{} item(s) could not be handled; retrying in {}",
                report.errors.len(),
                humantime::format_duration(interval)
            ));
        }
        let until = Instant::now() + interval;
        while Instant::now() < until {
            if crate::interrupt::is_interrupted() {
                return Err(AppError::interrupted());
            }
            std::thread::sleep((until - Instant::now()).min(Duration::from_millis(100)));
        }
        if crate::interrupt::is_interrupted() {
            return Err(AppError::interrupted());
        }
    }
}

fn name(ctx: &Context, item: &Item) -> String {
    match item.kind {
        "branch" => item.branch.clone().unwrap_or_default(),
        "job" => item.job_id.clone().unwrap_or_default(),
        _ => item
            .path
            .as_deref()
            .map(|p| crate::cli::worktree::rel(ctx, p))
            .unwrap_or_default(),
    }
}

fn print(ctx: &Context, report: &Report, watching: bool) -> Result<(), AppError> {
    if ctx.ui.json_mode() {
        if watching {
            // One compact document per pass: NDJSON.
            return ctx.ui.out(&serde_json::to_string(report)?);
        }
        return ctx.ui.json(report);
    }
    let dry = report.dry_run;
    let mut table = Table::new(&["ACTION", "KIND", "ITEM", "REASON"]);
    let mut add = |action: String, item: &Item| {
        table.row(vec![
            action,
            item.kind.to_string(),
            name(ctx, item),
            item.reason.clone(),
        ]);
    };
    let (rm, mark) = if dry {
        ("would remove", "would mark interrupted")
    } else {
        ("removed", "marked interrupted")
    };
    for i in &report.removed {
        add(ctx.ui.paint(rm, Tone::Good), i);
    }
    for i in &report.jobs_interrupted {
        add(ctx.ui.paint(mark, Tone::Good), i);
    }
    for i in &report.kept {
        add(ctx.ui.paint("kept", Tone::Dim), i);
    }
    for i in &report.errors {
        add(ctx.ui.paint("error", Tone::Bad), i);
    }
    if table.is_empty() {
        ctx.ui.status("nothing to clean up");
        return Ok(());
    }
    ctx.ui.out(&table.render())?;
    ctx.ui.status(&format!(
        "{}{} removed, {} kept, {} job(s) marked interrupted, {} error(s)",
        if dry { "dry run: " } else { "" },
        report.removed.len(),
        report.kept.len(),
        report.jobs_interrupted.len(),
        report.errors.len()
    ));
    Ok(())
}
