use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::{CommandResult, Outcome};
use crate::store::audit;
use crate::ui::Tone;

#[derive(Debug, ClapArgs)]
pub struct Args {}

/// Check that the audit trail was not altered: every row's hash, every link, the append-only
/// triggers, and SQLite's integrity check of the whole file.
///
/// The database is opened read-only and never migrated, so this works on a read-only copy.
pub fn run(ctx: &mut Context, _args: &Args) -> CommandResult {
    let path = ctx.db_path();
    let store = crate::store::Store::open_read_only(&path).map_err(|e| {
        crate::error::CommandError::from(e).with_hint(format!(
            "point WFC_HOME at the folder holding the wfc.db to verify (now {})",
            ctx.home.display()
        ))
    })?;
    let report = audit::verify(&store)?;
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
        Outcome::SUCCESS
    } else {
        Outcome::FAILED
    })
}
