use std::time::Duration;

use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::hooks::{self, Action};
use crate::lock::FileLock;

/// Remove the wfc hooks and restore what was there before.
///
/// A hook wfc chained is put back byte for byte, with its mode. A hook that is not wfc's is
/// left alone.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: &Args) -> CommandResult {
    let info = ctx.repo()?.clone();
    let dir = hooks::resolve(&info)?;
    let ui = ctx.ui.clone();
    let _lock = FileLock::acquire(
        &info.common_dir.join("wfc-hooks.lock"),
        Duration::from_secs(30),
        &mut |p| ui.status(&format!("waiting for lock at {}", p.display())),
    )?;
    let changes = hooks::uninstall(&dir.path)?;
    let changed = changes
        .iter()
        .any(|c| matches!(c.action, Action::Removed | Action::Restored));
    ctx.audit(
        "hook.uninstall",
        &dir.path.to_string_lossy(),
        if changed { "ok" } else { "unchanged" },
        json!({ "hooks": changes }),
    )?;
    if ctx.ui.json_mode() {
        ctx.ui
            .json(&json!({ "hooks_dir": dir.path, "hooks": changes }))?;
        return Ok(Outcome::SUCCESS);
    }
    let mut lines = Vec::new();
    for c in &changes {
        let what = match c.action {
            Action::Removed => "removed",
            Action::Restored => "removed; the previous hook is back",
            Action::Kept => "not a wfc hook; left alone",
            _ => "no wfc hook installed",
        };
        lines.push(format!("{}: {what}", c.path.display()));
    }
    ctx.ui.out(&lines.join("\n"))?;
    Ok(Outcome::SUCCESS)
}
