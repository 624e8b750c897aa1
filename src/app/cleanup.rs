//! The cleanup use case: one pass over the repository's worktrees, with its audit row and
//! telemetry. Repeating it (`--watch`) is the caller's business.

use std::time::Duration;

use serde_json::json;

use super::{AppError, Session};
use crate::telemetry::kind;
use crate::worktree::Repo;
use crate::worktree::cleanup::{self, CleanupOptions, Report};

/// What `cleanup` was asked for.
#[derive(Debug, Clone, Default)]
pub struct CleanupRequest {
    /// Idle time after which a worktree is an orphan (default: `worktree.orphan_after`).
    pub older_than: Option<Duration>,
    /// Plan only: change nothing, the database included.
    pub dry_run: bool,
    pub force: bool,
    pub delete_branch: bool,
    /// Every project of the repository, not only the session's.
    pub all_projects: bool,
}

/// Removes orphaned worktrees, prunes what git and the store hold of them, and marks dead jobs
/// interrupted; the report says what was removed, kept and why.
pub fn run(s: &mut Session, req: &CleanupRequest) -> Result<Report, AppError> {
    let repo = Repo::new(s.repo()?.clone());
    let older_than = req.older_than.unwrap_or(s.config.worktree.orphan_after.0);
    let resource = if req.all_projects {
        repo.worktrees_root()
    } else {
        s.worktrees_dir()?
    };
    let resource = resource.to_string_lossy().into_owned();
    let opts = CleanupOptions {
        older_than,
        dry_run: req.dry_run,
        force: req.force,
        delete_branch: req.delete_branch,
        project: (!req.all_projects).then(|| s.project_id.to_string()),
        protect: Some(s.cwd.clone()),
        lock_timeout: s.config.worktree.lock_timeout.0,
        now: s.now(),
    };
    let mut notice = super::worktree::notifier(s);
    let report = cleanup::run(&repo, s.backend()?, &opts, &mut notice)?;
    if req.dry_run {
        return Ok(report);
    }
    let removed = report.removed.len();
    let kept = report.kept.len();
    s.audit(
        "cleanup",
        &resource,
        if report.errors.is_empty() {
            "ok"
        } else {
            "partial"
        },
        json!({
            "older_than": humantime::format_duration(older_than).to_string(),
            "all_projects": req.all_projects,
            "removed": removed,
            "kept": kept,
            "jobs_interrupted": report.jobs_interrupted.len(),
            "errors": report.errors.len(),
        }),
    )?;
    s.telemetry(kind::CLEANUP, json!({ "removed": removed, "kept": kept }))?;
    Ok(report)
}
