use clap::Args as ClapArgs;
use serde_json::json;

use crate::app;
use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::hooks::{self, Action, ConfigScope};

/// Install the pre-commit and commit-msg hooks into the hooks directory git uses, chaining any
/// existing hook.
///
/// The directory is the one `git rev-parse --git-path hooks` names: a repo-local
/// core.hooksPath, else the common git dir's hooks (shared by every linked worktree). A hook
/// that is already there is moved to <hook>.wfc-chained and runs first. When pre-commit, prek,
/// lefthook or husky manages the hooks, nothing is installed and the snippet to add to that
/// tool's configuration is printed instead.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Install even when another hook manager owns the hooks, or core.hooksPath comes from the
    /// user's or system's git config (the manager's hook is chained and still runs first)
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let info = ctx.repo()?.clone();
    let dir = hooks::resolve(&info)?;
    if dir.scope == Some(ConfigScope::Global) && !args.force {
        return Err(AppError::failed(format!(
            "core.hooksPath is set in your global or system git config ({}): hooks installed in {} \
             would run for every repository",
            dir.hooks_path.as_deref().unwrap_or_default(),
            dir.path.display()
        ))
        .with_hint("set a repo-local core.hooksPath (`git config core.hooksPath .git/hooks`), or pass --force to install there anyway"));
    }
    let detected = hooks::detect(&info, &dir);
    // A manager owns the hooks when its hook files are installed; a config file alone (a clone
    // of a repository that uses pre-commit, before `pre-commit install`) does not.
    let managers: Vec<&hooks::Detected> = hooks::Detected::owners(&detected);
    if !managers.is_empty() && !args.force {
        let names: Vec<&str> = managers.iter().map(|d| d.manager.name()).collect();
        let mut snippets: Vec<&str> = managers.iter().map(|d| d.manager.snippet()).collect();
        snippets.dedup();
        if ctx.ui.json_mode() {
            ctx.ui.json(&json!({
                "installed": false,
                "hooks_dir": dir.path,
                "managers": managers,
                "snippets": snippets,
            }))?;
        } else {
            ctx.ui.out(&snippets.join("\n"))?;
        }
        let mut err = AppError::failed(format!(
            "the hooks of this repository are managed by {}; wfc installed nothing",
            names.join(" and ")
        ));
        for d in &managers {
            err = err.with_cause(d.evidence.clone());
        }
        return Err(err
            .with_hint(format!(
                "add wfc to {}'s configuration with the snippet printed above",
                names[0]
            ))
            .with_hint(
                "or run `wfc hook install --force`: the manager's hook is chained and runs first",
            ));
    }

    let app::setup::HooksInstalled { binary, changes } =
        app::setup::hook_install(ctx, &dir, &detected, args.force)?;

    if ctx.ui.json_mode() {
        ctx.ui.json(&json!({
            "installed": true,
            "hooks_dir": dir.path,
            "hooks_path": dir.hooks_path,
            "binary": binary,
            "managers": detected,
            "hooks": changes,
        }))?;
    } else {
        let mut lines = Vec::new();
        for c in &changes {
            let what = match c.action {
                Action::Installed => "installed".to_string(),
                Action::Updated => "updated".to_string(),
                Action::Unchanged => "already installed".to_string(),
                Action::Chained => format!(
                    "installed; the previous hook runs first from {}",
                    c.chained
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ),
                other => format!("{other:?}").to_lowercase(),
            };
            lines.push(format!("{}: {what}", c.path.display()));
        }
        ctx.ui.out(&lines.join("\n"))?;
        for d in detected.iter().filter(|d| !d.installed) {
            ctx.ui.status(&format!(
                "note: {} is configured ({}) but its hooks are not installed; if you install it, \
                 add wfc to its configuration:\n{}",
                d.manager.name(),
                d.evidence,
                d.manager.snippet().trim_end()
            ));
        }
        if !managers.is_empty() {
            ctx.ui.warn(&format!(
                "installed over {} (--force); its hooks still run first",
                managers
                    .iter()
                    .map(|d| d.manager.name())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ));
        }
        ctx.ui.status(&format!(
            "hooks call {}; commits now need a passing review (skip once with WFC_SKIP=1)",
            binary.display()
        ));
    }
    Ok(Outcome::Success)
}
