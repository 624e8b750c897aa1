use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{AppError, CommandResult, Outcome};
use crate::app::hook::PreCommit;
use crate::cli::context::Context;
use crate::cli::review::output::{ReviewProgress, summary};

/// Run a hook as git would (called from the installed hook scripts).
///
/// pre-commit reviews the staged tree with the hook reviewers (`hook.reviewers`, the built-in
/// five by default) and blocks the commit when the review fails (exit 1) or is incomplete
/// (exit 3). commit-msg MSGFILE adds `Review-Hash: v1:<verdict>:<sha256>` for the tree being
/// committed when a passing or bypassed review of exactly that tree exists, and blocks the commit
/// otherwise. WFC_SKIP=1 skips the review (recorded in the audit trail); the commit then gets a
/// trailer only if its tree was already reviewed.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// pre-commit or commit-msg
    pub hook: String,
    /// Arguments git passed to the hook
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    match args.hook.as_str() {
        "pre-commit" => pre_commit(ctx),
        "commit-msg" => {
            let file = args.args.first().map(PathBuf::from).ok_or_else(|| {
                AppError::usage("the commit-msg hook needs the message file git passes")
                    .with_hint("git runs it as `wfc hook run commit-msg .git/COMMIT_EDITMSG`")
            })?;
            app::hook::commit_msg(ctx, &file)?;
            Ok(Outcome::Success)
        }
        other => Err(AppError::usage(format!("wfc has no {other:?} hook"))
            .with_hint("wfc runs the pre-commit and commit-msg hooks")),
    }
}

fn pre_commit(ctx: &mut Context) -> CommandResult {
    // Ctrl-C kills the reviewers and marks the job interrupted instead of ending at once.
    crate::interrupt::install();
    let ui = ctx.ui.clone();
    let mut progress = ReviewProgress::new();
    let decided = app::hook::pre_commit(ctx, &mut |plan, p| progress.update(&ui, plan, p));
    progress.clear();
    match decided? {
        PreCommit::Skipped | PreCommit::NothingStaged => Ok(Outcome::Success),
        PreCommit::Passed(result) => {
            ctx.ui.status(summary(&ctx.ui, &result).trim_end());
            Ok(Outcome::Success)
        }
        PreCommit::Bypassed {
            result,
            job_id,
            reason,
        } => {
            ctx.ui.status(summary(&ctx.ui, &result).trim_end());
            ctx.ui.warn(&format!(
                "the review {}, but review {job_id} bypassed this tree ({}): commit allowed",
                result.status.as_str(),
                reason.as_deref().unwrap_or("no reason given")
            ));
            Ok(Outcome::Success)
        }
        PreCommit::Blocked { result, error } => {
            ctx.ui.status(summary(&ctx.ui, &result).trim_end());
            Err(error)
        }
    }
}
