//! Pool limits: `worktree.max_per_project` and `worktree.max_total` (per repository), counted
//! from live leases, and eviction of the least recently used clean worktree with no live owner.
//!
//! Both are evaluated with the worktree lock held, so two creators never take the last slot.

use std::path::{Path, PathBuf};

use git2::Repository;

use super::inspect::changes;
use super::remove::{RemoveOptions, Removed, registration, remove_locked};
use super::{Repo, Target, WorktreeError};
use crate::store::Backend;
use crate::store::leases::Lease;

#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// 0 means no limit.
    pub max_per_project: u32,
    /// 0 means no limit.
    pub max_total: u32,
}

/// A full pool: which limit, and a sentence for the user.
#[derive(Debug, Clone)]
pub struct Full {
    /// The per-project limit is reached (else the repository-wide one).
    pub per_project: bool,
    pub detail: String,
}

fn live(l: &Lease) -> bool {
    Path::new(&l.path).join(".git").exists()
}

/// `None` when `target` may take a slot; the limit it hits otherwise.
pub fn check(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    limits: Limits,
) -> Result<Option<Full>, WorktreeError> {
    if limits.max_per_project == 0 && limits.max_total == 0 {
        return Ok(None);
    }
    let all: Vec<Lease> = store
        .leases(&repo.key(), None)?
        .into_iter()
        .filter(|l| live(l) && !(l.project_id == target.project && l.task_id == target.task))
        .collect();
    let in_project = all
        .iter()
        .filter(|l| l.project_id == target.project)
        .count() as u32;
    let total = all.len() as u32;
    if limits.max_per_project > 0 && in_project >= limits.max_per_project {
        return Ok(Some(Full {
            per_project: true,
            detail: format!(
                "project {} has {in_project} of worktree.max_per_project = {} worktrees",
                target.project, limits.max_per_project
            ),
        }));
    }
    if limits.max_total > 0 && total >= limits.max_total {
        return Ok(Some(Full {
            per_project: false,
            detail: format!(
                "the repository has {total} of worktree.max_total = {} worktrees",
                limits.max_total
            ),
        }));
    }
    Ok(None)
}

/// Removes the least recently used worktree that is clean, has no live owner, is not locked and
/// does not contain `protect`, within the scope of the limit that is full. `None` when no
/// worktree qualifies.
pub fn evict_one(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    full: &Full,
    protect: Option<&PathBuf>,
) -> Result<Option<Removed>, WorktreeError> {
    let scope = if full.per_project {
        Some(target.project.as_str())
    } else {
        None
    };
    let here = store.host().clone();
    let mut candidates: Vec<Lease> = store
        .leases(&repo.key(), scope)?
        .into_iter()
        .filter(|l| live(l) && !(l.project_id == target.project && l.task_id == target.task))
        .filter(|l| super::owner_lives(l.owner.as_ref(), l.owner_pid, &here).is_none())
        .filter(|l| !protect.is_some_and(|p| p.starts_with(&l.path)))
        .collect();
    candidates.sort_by(|a, b| a.last_used_at.cmp(&b.last_used_at));
    for l in candidates {
        let Some(victim) = Target::in_repo(&repo.info.main_root, &l.project_id, &l.task_id) else {
            continue;
        };
        if victim.path_str() != l.path {
            continue;
        }
        if registration(main, &victim)?.is_some_and(|r| r.locked.is_some())
            || super::pending::read(repo, &victim).is_some()
        {
            continue;
        }
        match changes(&victim.path, &l.copied_files) {
            Ok(c) if c.is_empty() => {}
            _ => continue,
        }
        let opts = RemoveOptions {
            force: false,
            delete_branch: false,
            protect: protect.cloned(),
        };
        return Ok(Some(remove_locked(repo, main, store, &victim, &opts)?));
    }
    Ok(None)
}
