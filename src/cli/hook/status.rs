use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::hooks::{self, HookState};

/// Say which hooks are installed and who owns the hooks directory.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: &Args) -> CommandResult {
    let info = ctx.repo()?.clone();
    let dir = hooks::resolve(&info)?;
    let found = hooks::inspect(&dir.path);
    let managers = hooks::detect(&info, &dir);
    let ours = found.iter().filter(|h| h.state == HookState::Wfc).count();
    let owner = if ours > 0 {
        "wfc".to_string()
    } else if let Some(m) = hooks::Detected::owners(&managers).first() {
        m.manager.name().to_string()
    } else if found.iter().any(|h| h.state == HookState::Other) {
        "other".to_string()
    } else {
        "none".to_string()
    };
    let installed = ours == found.len();
    if ctx.ui.json_mode() {
        ctx.ui.json(&json!({
            "hooks_dir": dir.path,
            "hooks_path": dir.hooks_path,
            "hooks_path_scope": dir.scope,
            "owner": owner,
            "installed": installed,
            "managers": managers,
            "hooks": found,
        }))?;
        return Ok(Outcome::Success);
    }
    let mut s = format!("hooks directory: {}", dir.path.display());
    if let Some(raw) = &dir.hooks_path {
        s.push_str(&format!(" (core.hooksPath = {raw})"));
    }
    s.push_str(&format!("\nowner: {owner}\n"));
    for h in &found {
        let state = match h.state {
            HookState::Absent => "not installed".to_string(),
            HookState::Other => "another tool's hook".to_string(),
            HookState::Wfc => format!(
                "wfc (calls {})",
                h.binary.as_deref().unwrap_or("wfc on PATH")
            ),
        };
        s.push_str(&format!("{}: {state}", h.name));
        if let Some(c) = &h.chained {
            s.push_str(&format!("; runs {} first", c.display()));
        }
        if h.state != HookState::Absent && !h.executable {
            s.push_str("; not executable, so git ignores it");
        }
        s.push('\n');
    }
    for m in &managers {
        let how = if m.installed {
            ""
        } else {
            ", configured but not installed"
        };
        s.push_str(&format!(
            "manager: {} ({}{how})\n",
            m.manager.name(),
            m.evidence
        ));
    }
    ctx.ui.out(&s)?;
    Ok(Outcome::Success)
}
