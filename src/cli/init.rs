use clap::Args as ClapArgs;
use serde::Serialize;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Write a commented `.wfc/config.toml` for this project and add `.worktrees/` and `.wfc/output/`
/// to `.git/info/exclude`. An existing config file is kept unless `--force`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Rewrite an existing .wfc/config.toml
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct InitResult {
    project_id: String,
    config_path: String,
    config_written: bool,
    exclude_added: Vec<String>,
}

pub const EXCLUDES: [&str; 2] = [".worktrees/", ".wfc/output/"];

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let repo = ctx.repo()?.clone();
    let path = ctx.repo_config_path()?;
    let exists = path.exists();
    let write = !exists || args.force;
    if write {
        let text = crate::config::init_template(ctx.project_id.as_str());
        // Never through a committed `.wfc` link.
        crate::fsutil::real_dir(&repo.main_root, std::path::Path::new(".wfc"), true)?;
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
    }
    let added = crate::git::ensure_excluded(&repo, &EXCLUDES)?;
    ctx.audit(
        "init",
        &path.to_string_lossy(),
        "ok",
        serde_json::json!({ "config_written": write, "exclude_added": added }),
    )?;
    let result = InitResult {
        project_id: ctx.project_id.to_string(),
        config_path: path.to_string_lossy().into_owned(),
        config_written: write,
        exclude_added: added,
    };
    if ctx.ui.json_mode() {
        ctx.ui.json(&result)?;
    } else {
        if write {
            ctx.ui.status(&format!(
                "wrote {} (project {})",
                path.display(),
                ctx.project_id
            ));
        } else {
            ctx.ui.status(&format!(
                "kept the existing {} (use --force to rewrite it)",
                path.display()
            ));
        }
        if !result.exclude_added.is_empty() {
            ctx.ui.status(&format!(
                "added {} to {}",
                result.exclude_added.join(", "),
                repo.exclude_file().display()
            ));
        }
        ctx.ui.out(&result.config_path)?;
    }
    Ok(Outcome::SUCCESS)
}
