//! Removing one task worktree: its folder, its git metadata (that one entry only), its lease,
//! and its branch when merged or asked for.

use std::path::PathBuf;
use std::time::Duration;

use git2::Repository;
use serde::Serialize;

use super::inspect::{changes, sample};
use super::{Notice, Repo, Target, WorktreeError, delete_trash};
use crate::git::worktree::{self as gitwt, Registered};
use crate::store::Backend;

#[derive(Debug, Clone, Default)]
pub struct RemoveOptions {
    /// Remove even with uncommitted changes, a `git worktree lock`, or the current directory
    /// inside it.
    pub force: bool,
    /// Delete the task branch even when it is not merged into HEAD.
    pub delete_branch: bool,
    /// The directory the command runs in; a worktree containing it is kept unless forced.
    pub protect: Option<PathBuf>,
}

/// What a removal did.
#[derive(Debug, Clone, Serialize)]
pub struct Removed {
    pub project_id: String,
    pub task_id: String,
    pub path: String,
    pub branch: String,
    /// The folder and the git metadata were removed.
    pub worktree_removed: bool,
    pub lease_removed: bool,
    pub branch_deleted: bool,
    /// Why the branch was kept, when it was.
    pub branch_kept: Option<String>,
    /// A folder that could not be deleted after the worktree was unregistered.
    pub leftover: Option<String>,
    #[serde(skip)]
    pub trash: Option<PathBuf>,
}

/// The registration of `target`: by its wfc name, else any entry whose folder is `target.path`.
pub(crate) fn registration(
    main: &Repository,
    target: &Target,
) -> Result<Option<Registered>, WorktreeError> {
    if let Some(r) = gitwt::find(main, &target.admin_name())? {
        return Ok(Some(r));
    }
    // Made by another tool at our path (git names it after the folder). Without the folder
    // there is nothing such an entry could hold, and scanning every entry costs time.
    if !target.path.exists() {
        return Ok(None);
    }
    Ok(gitwt::list(main)?
        .into_iter()
        .find(|r| r.path == target.path))
}

/// Deletes the branch when asked or merged; returns (deleted, reason kept).
pub(crate) fn settle_branch(
    main: &Repository,
    branch: &str,
    delete_branch: bool,
) -> (bool, Option<String>) {
    let merged = match gitwt::is_merged(main, branch) {
        Ok(None) => return (false, None),
        Ok(Some(m)) => m,
        Err(e) => {
            return (
                false,
                Some(format!("cannot tell whether it is merged: {e}")),
            );
        }
    };
    if !merged && !delete_branch {
        return (
            false,
            Some("not merged into HEAD; --delete-branch deletes it".into()),
        );
    }
    match gitwt::delete_branch(main, branch) {
        Ok(deleted) => (deleted, None),
        Err(e) => (false, Some(format!("cannot delete it: {e}"))),
    }
}

/// Removes `target` with the worktree lock already held. The folder is moved to the trash;
/// the caller deletes `Removed::trash` after releasing the lock.
pub(crate) fn remove_locked(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    opts: &RemoveOptions,
) -> Result<Removed, WorktreeError> {
    let pending = super::pending::read(repo, target);
    if let Some(p) = &pending
        && p.is_live()
    {
        return Err(WorktreeError::BeingCreated {
            task: target.task.clone(),
            pid: p.pid,
        });
    }
    repo.check_layout(main, Some(&target.project))?;
    let key = repo.key();
    let lease = store.lease(&key, &target.project, &target.task)?;
    let reg = registration(main, target)?;
    let exists = target.path.exists();
    let mut done = Removed {
        project_id: target.project.clone(),
        task_id: target.task.clone(),
        path: target.path_str(),
        branch: target.branch.clone(),
        worktree_removed: false,
        lease_removed: false,
        branch_deleted: false,
        branch_kept: None,
        leftover: None,
        trash: None,
    };
    if lease.is_none() && reg.is_none() && !exists {
        if opts.delete_branch && gitwt::branch_exists(main, &target.branch)? {
            done.branch_deleted = gitwt::delete_branch(main, &target.branch)?;
            return Ok(done);
        }
        return Err(WorktreeError::NotFound {
            task: target.task.clone(),
            project: target.project.clone(),
        });
    }
    if exists && reg.is_none() && !opts.force {
        // Not a worktree git knows: whatever is in there was not made by `worktree create`.
        return Err(WorktreeError::PathTaken {
            task: target.task.clone(),
            path: target.path.clone(),
        });
    }
    if !opts.force
        && let Some(reason) = reg.as_ref().and_then(|r| r.locked.clone())
    {
        return Err(WorktreeError::Locked {
            task: target.task.clone(),
            reason,
        });
    }
    if target.path.join(".git").exists() && !opts.force {
        if let Some(cwd) = &opts.protect
            && cwd.starts_with(&target.path)
        {
            return Err(WorktreeError::InUse {
                task: target.task.clone(),
                path: target.path.clone(),
            });
        }
        let copied = lease
            .as_ref()
            .map(|l| l.copied_files.clone())
            .unwrap_or_default();
        let dirty = changes(&target.path, &copied)?;
        if !dirty.is_empty() {
            return Err(WorktreeError::Dirty {
                task: target.task.clone(),
                count: dirty.len(),
                sample: sample(&dirty),
            });
        }
    }
    if exists {
        done.trash = Some(repo.to_trash(&target.path)?);
    }
    if let Some(r) = &reg
        && let Err(e) = gitwt::prune_entry(main, &r.name, true)
    {
        // Put the folder back so that git's metadata and the folder stay together.
        if let Some(t) = done.trash.take() {
            let _ = std::fs::rename(&t, &target.path);
        }
        return Err(e.into());
    }
    done.worktree_removed = exists || reg.is_some();
    let (deleted, kept) = settle_branch(main, &target.branch, opts.delete_branch);
    done.branch_deleted = deleted;
    done.branch_kept = kept;
    if let Some(l) = lease {
        store.release_lease(l.id, None)?;
        done.lease_removed = true;
    }
    if exists {
        super::pending::clear_made(repo, target)?;
    }
    if pending.is_some() {
        // A dead creation's marker: what it made is gone now.
        super::pending::clear(repo, target)?;
    }
    Ok(done)
}

/// Removes `target` under the worktree lock, then deletes its folder.
pub fn remove(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    opts: &RemoveOptions,
    lock_timeout: Duration,
    notify: &mut dyn FnMut(Notice<'_>),
) -> Result<Removed, WorktreeError> {
    let lock = repo.lock(lock_timeout, notify)?;
    let main = repo.info.open_main()?;
    let mut done = remove_locked(repo, &main, store, target, opts)?;
    drop(lock);
    finish(&mut done);
    Ok(done)
}

/// Deletes the moved-away folder of a removal (outside the lock).
pub(crate) fn finish(done: &mut Removed) {
    if let Some(t) = done.trash.take()
        && let Err(e) = delete_trash(&t)
    {
        done.leftover = Some(format!("{} ({e})", t.display()));
    }
}
