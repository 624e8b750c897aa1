use clap::Args as ClapArgs;

use crate::app;
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

pub use crate::app::setup::EXCLUDES;

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let result = app::setup::init(ctx, args.force)?;
    let repo = ctx.repo()?.clone();
    let path = std::path::PathBuf::from(&result.config_path);
    let write = result.config_written;
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
    Ok(Outcome::Success)
}
