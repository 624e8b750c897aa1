//! Worktree use cases: create, remove, path and copy-env, each with its audit row and telemetry.

use std::time::Duration;

use serde_json::json;

use super::{AppError, Session};
use crate::store::leases::NewLease;
use crate::telemetry::kind;
use crate::worktree::copy_env::{self, CopyReport};
use crate::worktree::create::{self, CreateOptions, Created};
use crate::worktree::pool::Limits;
use crate::worktree::remove::{self, RemoveOptions, Removed};
use crate::worktree::{Notice, Repo, Target, WorktreeError};

/// The repository and the target of `raw` (a task id from the caller, validated here).
pub fn target(s: &Session, raw: &str) -> Result<(Repo, Target), AppError> {
    let task = s.task_id(raw)?;
    let repo = Repo::new(s.repo()?.clone());
    let target = Target::new(
        &s.project_id,
        &task,
        s.worktree_path(&task)?,
        s.branch_name(&task),
    );
    Ok((repo, target))
}

/// The target of an existing worktree of `raw`.
pub fn existing(s: &Session, raw: &str) -> Result<(Repo, Target), AppError> {
    let (repo, target) = target(s, raw)?;
    if !target.path.join(".git").exists() {
        return Err(WorktreeError::NotFound {
            task: target.task,
            project: target.project,
        }
        .into());
    }
    Ok((repo, target))
}

/// Tells the session's [`super::Notify`] what a worktree operation waits for.
pub(super) fn notifier(s: &Session) -> impl FnMut(Notice<'_>) + use<> {
    let notify = s.notify.clone();
    move |n| match n {
        Notice::WaitingForLock(p) => notify.status(&format!("waiting for lock at {}", p.display())),
        Notice::WaitingForSlot { detail, wait } => notify.status(&format!(
            "{detail}; waiting up to {} for a free slot",
            humantime::format_duration(wait)
        )),
    }
}

/// What `worktree create` was asked for.
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    pub task: String,
    pub base: Option<String>,
    pub exist_ok: bool,
    pub wait: Option<Duration>,
    pub evict: bool,
    pub owner_pid: Option<u32>,
    pub no_copy_env: bool,
}

/// Creates (or, with `exist_ok`, finds) the worktree of a task, and records it.
pub fn create(s: &mut Session, req: &CreateRequest) -> Result<Created, AppError> {
    let (repo, target) = target(s, &req.task)?;
    let cfg = s.config.worktree.clone();
    if let Some(pid) = req.owner_pid
        && !crate::process::is_alive(pid)
    {
        s.notify.warn(&format!(
            "owner pid {pid} is not running; the worktree counts as having no live owner"
        ));
    }
    let developer = s.developer_id.to_string();
    let identity = s
        .developer_source
        .is_explicit()
        .then(|| crate::worktree::identity(&developer));
    let opts = CreateOptions {
        base: req.base.as_deref(),
        exist_ok: req.exist_ok,
        wait: req.wait,
        evict: req.evict,
        owner_pid: req.owner_pid,
        developer: &developer,
        identity,
        copy_patterns: (!req.no_copy_env).then_some(cfg.copy.0.as_slice()),
        limits: Limits {
            max_per_project: cfg.max_per_project,
            max_total: cfg.max_total,
        },
        lock_timeout: cfg.lock_timeout.0,
        now: s.now(),
        protect: Some(s.cwd.clone()),
        global_attributes: s.env.git_attributes_files(),
    };
    let mut notice = notifier(s);
    let created = create::create(&repo, s.backend()?, &target, &opts, &mut notice)?;

    for e in &created.evicted {
        s.telemetry(
            kind::WORKTREE_REMOVED,
            json!({ "task_id": e.task_id, "path": e.path, "branch": e.branch }),
        )?;
    }
    if created.created {
        s.audit(
            "worktree.create",
            &created.path,
            "ok",
            json!({
                "task_id": created.task_id,
                "branch": created.branch,
                "reattached": created.reattached,
                "base": created.base,
                "owner_pid": created.owner_pid,
                "identity": created.identity,
                "copied": created.copy.as_ref().map(|c| c.copied.clone()).unwrap_or_default(),
                "evicted": created.evicted.iter().map(|e| e.path.clone()).collect::<Vec<_>>(),
            }),
        )?;
        s.telemetry(
            kind::WORKTREE_CREATED,
            json!({ "task_id": created.task_id, "path": created.path, "branch": created.branch }),
        )?;
    } else if created.lease_changed {
        s.audit(
            "worktree.create",
            &created.path,
            "existing",
            json!({ "task_id": created.task_id, "owner_pid": created.owner_pid }),
        )?;
    }
    for (file, why) in created.copy.iter().flat_map(|c| &c.refused) {
        s.notify.warn(&format!("skipped {file}: {why}"));
    }
    Ok(created)
}

/// What `worktree remove` was asked for.
#[derive(Debug, Clone, Default)]
pub struct RemoveRequest {
    pub task: String,
    /// Remove even with uncommitted changes.
    pub force: bool,
    pub delete_branch: bool,
}

/// Removes the worktree of a task (and its branch when merged or asked), and records it.
pub fn remove(s: &mut Session, req: &RemoveRequest) -> Result<Removed, AppError> {
    let (repo, target) = target(s, &req.task)?;
    let opts = RemoveOptions {
        force: req.force,
        delete_branch: req.delete_branch,
        protect: Some(s.cwd.clone()),
    };
    let timeout = s.config.worktree.lock_timeout.0;
    let mut notice = notifier(s);
    let done = remove::remove(&repo, s.backend()?, &target, &opts, timeout, &mut notice)?;
    s.audit(
        "worktree.remove",
        &done.path,
        "ok",
        json!({
            "task_id": done.task_id,
            "branch": done.branch,
            "force": req.force,
            "worktree_removed": done.worktree_removed,
            "branch_deleted": done.branch_deleted,
            "branch_kept": done.branch_kept,
        }),
    )?;
    if done.worktree_removed {
        s.telemetry(
            kind::WORKTREE_REMOVED,
            json!({ "task_id": done.task_id, "path": done.path, "branch": done.branch }),
        )?;
    }
    if let Some(left) = &done.leftover {
        s.notify
            .warn(&format!("could not delete {left}; `wfc cleanup` retries"));
    }
    Ok(done)
}

/// Copies the env and version files of `worktree.copy` into the worktree of a task again.
pub fn copy_env(s: &mut Session, task: &str) -> Result<CopyReport, AppError> {
    let (repo, target) = existing(s, task)?;
    let patterns = s.config.worktree.copy.0.clone();
    let now = s.now();
    let developer = s.developer_id.to_string();
    let key = repo.key();
    let store = s.backend()?;
    let lease = store.lease(&key, &target.project, &target.task)?;
    let previous = lease
        .as_ref()
        .map(|l| l.copied_files.clone())
        .unwrap_or_default();
    let report = copy_env::copy(
        &repo.info.main_root,
        &target.path,
        &patterns,
        &previous,
        now,
    )?;
    let id = match lease {
        Some(l) => l.id,
        None => {
            let path = target.path_str();
            store.take_lease(
                now,
                &NewLease {
                    repo: &key,
                    project_id: &target.project,
                    task_id: &target.task,
                    path: &path,
                    branch: &target.branch,
                    developer_id: &developer,
                    owner_pid: None,
                },
                None,
            )?
        }
    };
    store.set_copied_files(id, &report.records)?;
    s.audit(
        "worktree.copy-env",
        &target.path_str(),
        "ok",
        json!({ "task_id": target.task, "copied": report.copied, "backups": report.backups }),
    )?;
    for (file, why) in &report.refused {
        s.notify.warn(&format!("skipped {file}: {why}"));
    }
    Ok(report)
}
