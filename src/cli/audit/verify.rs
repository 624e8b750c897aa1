use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::ui::Tone;

/// Check that the audit trail was not altered: every row's hash, every link, the append-only
/// triggers, SQLite's integrity check of the whole file, and every audit head anchored by a
/// signed review attestation in the repository's history (a chain recomputed after being
/// rewritten fails there).
///
/// The database is opened read-only and never migrated, so this works on a read-only copy.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Read anchors from these commits (default: everything reachable from HEAD, in a repository)
    #[arg(long, value_name = "RANGE")]
    pub anchors: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let report = app::history::audit_verify(ctx, args.anchors.as_deref())?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&report)?;
    } else if report.ok {
        ctx.ui.out(&format!(
            "{} audit trail intact: {} rows, every link verified",
            ctx.ui.paint("ok:", Tone::Good),
            report.rows
        ))?;
    } else {
        let mut text = format!(
            "{} audit trail altered: {} problem(s) in {} rows\n",
            ctx.ui.paint("broken:", Tone::Bad),
            report.problems.len(),
            report.rows
        );
        for (i, p) in report.problems.iter().enumerate() {
            let marker = if i == 0 { "first break" } else { "also" };
            text.push_str(&format!("  {marker}: {}\n", p.detail));
        }
        ctx.ui.out(&text)?;
    }
    Ok(if report.ok {
        Outcome::Success
    } else {
        Outcome::Failed
    })
}
