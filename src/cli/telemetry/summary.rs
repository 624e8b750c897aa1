use std::time::Duration;

use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::telemetry::summary::{ProjectSummary, ReviewerStats, Timing};
use crate::ui::Tone;

#[derive(Debug, ClapArgs)]
#[group(id = "telemetry_summary")]
pub struct Args {
    /// Only events newer than this (e.g. 7d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub since: Option<Duration>,
    /// Every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let summary = app::history::telemetry_summary(ctx, args.all_projects, args.since)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&summary)?;
        return Ok(Outcome::Success);
    }
    if summary.projects.is_empty() {
        ctx.ui.status("no telemetry recorded yet");
        return Ok(Outcome::Success);
    }
    let window = match &summary.since {
        Some(from) => format!(" since {} UTC", from[..16].replace('T', " ")),
        None => String::new(),
    };
    let blocks: Vec<String> = summary
        .projects
        .iter()
        .map(|p| render(ctx, p, &window))
        .collect();
    ctx.ui.out(&blocks.join("\n"))?;
    Ok(Outcome::Success)
}

/// `850ms`, `1.2s`, `2m05s`.
fn ms(v: u64) -> String {
    match v {
        v if v < 1000 => format!("{v}ms"),
        v if v < 60_000 => format!("{:.1}s", v as f64 / 1000.0),
        v => format!("{}m{:02}s", v / 60_000, (v % 60_000) / 1000),
    }
}

fn timing(t: &Timing) -> String {
    format!(
        "p50 {}, p95 {}, max {}",
        ms(t.p50_ms),
        ms(t.p95_ms),
        ms(t.max_ms)
    )
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn reviewer<'a>(p: &'a ProjectSummary, id: &str) -> Option<&'a ReviewerStats> {
    p.reviewers.iter().find(|r| r.id == id)
}

fn render(ctx: &Context, p: &ProjectSummary, window: &str) -> String {
    let ui = &ctx.ui;
    let mut lines = vec![format!(
        "{} {}{window}: {}",
        ui.paint("project", Tone::Dim),
        ui.paint(&p.project_id, Tone::Strong),
        plural(p.reviews, "review", "reviews")
    )];
    let mut row = |label: &str, value: String| lines.push(format!("  {label:<18} {value}"));
    if let Some(rate) = p.pass_rate {
        let others: Vec<String> = p
            .statuses
            .iter()
            .filter(|(s, _)| s.as_str() != "passed")
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let pct = format!("{:.0}%", rate * 100.0);
        let tone = if rate >= 0.8 {
            Tone::Good
        } else if rate >= 0.5 {
            Tone::Warn
        } else {
            Tone::Bad
        };
        let mut value = format!(
            "{} ({} of {} passed",
            ui.paint(&pct, tone),
            p.passed,
            p.reviews
        );
        if !others.is_empty() {
            value.push_str(&format!("; {}", others.join(", ")));
        }
        value.push(')');
        row("pass rate", value);
    }
    if let Some(t) = &p.review_time {
        row("review time", timing(t));
    }
    let slow: Vec<String> = p
        .slowest_reviewers
        .iter()
        .filter_map(|id| reviewer(p, id))
        .filter_map(|r| {
            r.timing
                .map(|t| format!("{} p50 {} p95 {}", r.id, ms(t.p50_ms), ms(t.p95_ms)))
        })
        .collect();
    if !slow.is_empty() {
        row("slowest reviewers", slow.join("; "));
    }
    let failing: Vec<String> = p
        .most_failing_reviewers
        .iter()
        .filter_map(|id| reviewer(p, id))
        .map(|r| {
            let mut why = Vec::new();
            if r.errors > 0 {
                why.push(plural(r.errors, "error", "errors"));
            }
            if r.timeouts > 0 {
                why.push(plural(r.timeouts, "timeout", "timeouts"));
            }
            format!(
                "{} failed {} of {} runs ({})",
                r.id,
                r.failures,
                r.runs,
                why.join(", ")
            )
        })
        .collect();
    if !failing.is_empty() {
        row("most failing", ui.paint(&failing.join("; "), Tone::Warn));
    } else if p.reviews > 0 {
        row("most failing", "none: every reviewer answered".into());
    }
    if p.reviews > 0 {
        let cats: Vec<String> = p
            .findings_per_category
            .iter()
            .map(|c| format!("{} {}", c.category, c.findings))
            .collect();
        let value = if cats.is_empty() {
            p.findings.to_string()
        } else {
            format!("{} ({})", p.findings, cats.join(", "))
        };
        row("findings", value);
    }
    let mut wt = format!("{} active", p.worktrees_active);
    if p.worktrees_created + p.worktrees_removed > 0 {
        wt.push_str(&format!(
            ", {} created, {} removed",
            p.worktrees_created, p.worktrees_removed
        ));
    }
    if p.cleanups > 0 {
        wt.push_str(&format!(
            ", {} ({} removed)",
            plural(p.cleanups, "cleanup", "cleanups"),
            p.cleanup_removed
        ));
    }
    row("worktrees", wt);
    if p.knowledge_added + p.knowledge_duplicates > 0 {
        row(
            "knowledge",
            format!(
                "{} added, {}",
                plural(p.knowledge_added, "entry", "entries"),
                plural(p.knowledge_duplicates, "duplicate", "duplicates")
            ),
        );
    }
    let n = p.trend.len();
    if !p.cs_sparkline.is_empty() {
        let latest = p.trend.iter().rev().find_map(|t| t.cs).unwrap_or(0.0);
        row(
            &format!("CS, last {n}"),
            format!(
                "{}  latest {latest:.2}, max {:.2}",
                ui.paint(&p.cs_sparkline, Tone::Accent),
                p.cs_max.unwrap_or(0.0)
            ),
        );
    }
    if !p.time_sparkline.is_empty() {
        let latest = p
            .trend
            .iter()
            .rev()
            .find_map(|t| t.duration_ms)
            .unwrap_or(0);
        row(
            &format!("time, last {n}"),
            format!(
                "{}  latest {}",
                ui.paint(&p.time_sparkline, Tone::Accent),
                ms(latest)
            ),
        );
    }
    lines.join("\n") + "\n"
}
