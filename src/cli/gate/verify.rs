use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::{CommandError, CommandResult, Outcome};
use crate::gate::verify::{self, Status};
use crate::ui::{Table, Tone};

/// For CI: every non-merge commit in RANGE must carry a Review-Hash trailer matching its own
/// tree. Lists offenders with the reason and exits 1.
///
/// Reasons: missing (no trailer: committed with --no-verify or without the hooks), mismatched
/// (made for another tree: amended or rebased after the review), malformed (unreadable, or more
/// than one). Needs the full history of the range (in CI, fetch with depth 0). Reads nothing
/// but the repository.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Commit range, e.g. origin/main..HEAD (A...B and a single revision work too)
    pub range: String,
    /// Also reject commits whose review was bypassed
    #[arg(long)]
    pub deny_bypassed: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let info = ctx.repo()?.clone();
    let repo = info.open_current()?;
    let report = verify::verify(&repo, &args.range, args.deny_bypassed).map_err(|e| {
        let hint = matches!(e, crate::git::GitError::Other { .. });
        let err = CommandError::from(e);
        if hint {
            err.with_hint("in CI, fetch the base branch and the full history first (e.g. `git fetch origin main`, checkout with fetch-depth 0)")
        } else {
            err
        }
    })?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&report)?;
    } else {
        let mut table = Table::new(&["commit", "reason", "subject", "detail"]);
        for c in report.commits.iter().filter(|c| c.status != Status::Ok) {
            table.row(vec![
                c.commit[..c.commit.len().min(12)].to_string(),
                ctx.ui.paint(c.status.as_str(), Tone::Bad),
                c.subject.chars().take(60).collect(),
                c.detail.clone().unwrap_or_default(),
            ]);
        }
        if !table.is_empty() {
            ctx.ui.out(&table.render())?;
        }
        let merges = if report.merges_skipped > 0 {
            format!(" ({} merge commits skipped)", report.merges_skipped)
        } else {
            String::new()
        };
        if report.checked == 0 {
            ctx.ui
                .status(&format!("{}: no commits to check{merges}", report.range));
        } else if report.ok {
            ctx.ui.status(&format!(
                "{}: all {} commits carry a Review-Hash matching their tree{merges}",
                report.range, report.checked
            ));
        } else {
            ctx.ui.status(&format!(
                "{}: {} of {} commits fail the review gate{merges}",
                report.range, report.offenders, report.checked
            ));
        }
    }
    Ok(if report.ok {
        Outcome::SUCCESS
    } else {
        Outcome::FAILED
    })
}
