//! Setting a repository or a developer up: `init`, the signing key, and the git hooks, each with
//! its audit row.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use super::{AppError, Session};
use crate::gate::hooks::{self, Action, Change, Detected, HooksDir};
use crate::gate::signature::{self, KeyFiles};
use crate::lock::FileLock;

pub use crate::layout::EXCLUDES;

#[derive(Debug, Serialize)]
pub struct Initialised {
    pub project_id: String,
    pub config_path: String,
    pub config_written: bool,
    pub exclude_added: Vec<String>,
}

/// Writes `.wfc/config.toml` (unless it exists and `force` is not given) and the exclude entries.
pub fn init(s: &mut Session, force: bool) -> Result<Initialised, AppError> {
    let repo = s.repo()?.clone();
    let path = s.repo_config_path()?;
    let write = !path.exists() || force;
    if write {
        let text = crate::config::init_template(s.project_id.as_str());
        // Never through a committed `.wfc` link.
        crate::fsutil::real_dir(&repo.main_root, Path::new(".wfc"), true)?;
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
    }
    let added = crate::git::ensure_excluded(&repo, &EXCLUDES)?;
    s.audit(
        "init",
        &path.to_string_lossy(),
        "ok",
        json!({ "config_written": write, "exclude_added": added }),
    )?;
    Ok(Initialised {
        project_id: s.project_id.to_string(),
        config_path: path.to_string_lossy().into_owned(),
        config_written: write,
        exclude_added: added,
    })
}

#[derive(Debug, Serialize)]
pub struct KeyMade {
    pub private_key: String,
    pub public_key: String,
    pub allowed_signers: String,
    pub fingerprint: String,
    pub principal: String,
    pub replaced: bool,
}

/// Makes the developer's review-signing key under `$WFC_HOME/keys`.
pub fn keygen(s: &mut Session, comment: Option<&str>, force: bool) -> Result<KeyMade, AppError> {
    let files = KeyFiles::in_home(&s.home);
    let principal = s.developer_id.to_string();
    let comment = comment
        .map(str::to_string)
        .unwrap_or_else(|| format!("wfc-review key of {principal}"));
    let key = signature::generate_key_files(&files, &comment, force)?;
    let made = KeyMade {
        private_key: files.private_key.display().to_string(),
        public_key: files.public_key.display().to_string(),
        allowed_signers: signature::allowed_signers_line(&principal, &key.public_key),
        fingerprint: key.fingerprint.clone(),
        principal,
        replaced: key.replaced,
    };
    s.audit(
        "gate.keygen",
        &made.private_key,
        if key.replaced { "replaced" } else { "created" },
        json!({
            "public_key": made.public_key,
            "fingerprint": made.fingerprint,
            "principal": made.principal,
        }),
    )?;
    Ok(made)
}

/// The binary the hook scripts call: this very one, by absolute path.
pub fn current_binary() -> Result<PathBuf, AppError> {
    let exe = std::env::current_exe()
        .map_err(|e| AppError::failed("cannot find the path of this wfc binary").with_cause(e))?;
    Ok(std::fs::canonicalize(&exe).unwrap_or(exe))
}

fn hooks_lock(s: &Session, common_dir: &Path) -> Result<FileLock, AppError> {
    let notify = s.notify.clone();
    Ok(FileLock::acquire(
        &common_dir.join("wfc-hooks.lock"),
        Duration::from_secs(30),
        &mut |p| notify.status(&format!("waiting for lock at {}", p.display())),
    )?)
}

/// The hooks installed.
#[derive(Debug)]
pub struct HooksInstalled {
    pub binary: PathBuf,
    pub changes: Vec<Change>,
}

/// Installs the wfc hooks into `dir` (resolved and judged by the caller: `forced` says whether a
/// manager's or a global hooks folder was overridden), and keeps `.wfc/output/` out of git.
pub fn hook_install(
    s: &mut Session,
    dir: &HooksDir,
    detected: &[Detected],
    forced: bool,
) -> Result<HooksInstalled, AppError> {
    let info = s.repo()?.clone();
    let binary = current_binary()?;
    let _lock = hooks_lock(s, &info.common_dir)?;
    let changes = hooks::install(&dir.path, &binary)?;
    // Every commit now writes a review report under .wfc/output/: keep it out of `git add -A`.
    let excluded = crate::git::ensure_excluded(&info, &EXCLUDES)?;
    s.audit(
        "hook.install",
        &dir.path.to_string_lossy(),
        "ok",
        json!({
            "hooks": changes,
            "binary": binary,
            "forced": forced,
            "managers": detected,
            "excluded": excluded,
        }),
    )?;
    Ok(HooksInstalled { binary, changes })
}

/// Removes the wfc hooks (putting back what they chained), under the hooks lock.
pub fn hook_uninstall(s: &mut Session) -> Result<(HooksDir, Vec<Change>), AppError> {
    let info = s.repo()?.clone();
    let dir = hooks::resolve(&info)?;
    let _lock = hooks_lock(s, &info.common_dir)?;
    let changes = hooks::uninstall(&dir.path)?;
    let changed = changes
        .iter()
        .any(|c| matches!(c.action, Action::Removed | Action::Restored));
    s.audit(
        "hook.uninstall",
        &dir.path.to_string_lossy(),
        if changed { "ok" } else { "unchanged" },
        json!({ "hooks": changes }),
    )?;
    Ok((dir, changes))
}
