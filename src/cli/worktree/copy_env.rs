use clap::Args as ClapArgs;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

use crate::app;

/// Copy the env and version files (`worktree.copy`) into TASK's worktree again.
///
/// A file tracked by git in the worktree is never overwritten; an untracked copy that differs is
/// backed up to `<name>.wfc-backup-<time>` first. Prints the files copied.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let report = app::worktree::copy_env(ctx, &args.task)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&report)?;
        return Ok(Outcome::Success);
    }
    for (file, backup) in &report.backups {
        ctx.ui
            .status(&format!("backed up the previous {file} to {backup}"));
    }
    for (file, why) in &report.skipped {
        ctx.ui.debug(&format!("skipped {file}: {why}"));
    }
    if report.copied.is_empty() {
        ctx.ui
            .status("nothing to copy: every selected file is up to date");
    } else {
        ctx.ui.out(&report.copied.join("\n"))?;
    }
    Ok(Outcome::Success)
}
