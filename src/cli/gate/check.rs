use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;

/// Exit 0 when the staged tree (or REV's tree) has a passing or bypassed review, 1 otherwise.
///
/// The staged tree is read from $GIT_INDEX_FILE when set (inside a hook), else from the index.
/// A tree equal to HEAD's also passes when HEAD carries a valid Review-Hash for it.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Check this commit's tree instead of the staged tree
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let checked = app::gate::check(ctx, args.rev.as_deref())?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&checked)?;
        return Ok(if checked.passed {
            Outcome::Success
        } else {
            Outcome::Failed
        });
    }
    match &checked.granted_by {
        Some(by) => {
            ctx.ui.out(&format!(
                "{} ({}) passes the gate: {by}",
                checked.what, checked.short_tree
            ))?;
            Ok(Outcome::Success)
        }
        None => {
            let err = AppError::failed(format!(
                "{} ({}) has no passing or bypassed review",
                checked.what, checked.short_tree
            ))
            .with_cause(checked.reason.clone().unwrap_or_default());
            Err(match &args.rev {
                Some(rev) => err.with_hint(format!(
                    "review that commit with `wfc review --range {rev}~1..{rev}`"
                )),
                None => err.with_hint("review it with `wfc review --staged`"),
            })
        }
    }
}
