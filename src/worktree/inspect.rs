//! What is there: every task worktree of a repository with its lease, owner, changes and ages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Repo, Target, WorktreeError, parse_admin_name, parse_path};
use crate::git::worktree::{self as gitwt, Changed, Registered};
use crate::store::Backend;
use crate::store::leases::{CopiedFile, Lease};

/// Hex sha256 of a file's bytes.
pub fn sha256_file(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(hex(&Sha256::digest(&bytes)))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Uncommitted changes of the worktree at `path`, leaving out files wfc copied in and nobody
/// changed since.
pub fn changes(path: &Path, copied: &[CopiedFile]) -> Result<Vec<Changed>, WorktreeError> {
    let repo = gitwt::open(path)?;
    let all = gitwt::changes(&repo)?;
    Ok(all
        .into_iter()
        .filter(|c| {
            !(c.code == "??"
                && copied.iter().any(|f| {
                    f.path == c.path
                        && sha256_file(&path.join(&f.path)).as_deref() == Some(&f.sha256)
                }))
        })
        .collect())
}

/// A short list of changed paths for messages.
pub fn sample(changes: &[Changed]) -> String {
    let mut s: Vec<String> = changes
        .iter()
        .take(5)
        .map(|c| format!("{} {}", c.code.trim(), c.path))
        .collect();
    if changes.len() > 5 {
        s.push(format!("and {} more", changes.len() - 5));
    }
    s.join(", ")
}

/// One task worktree as `wfc worktree list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub project_id: String,
    pub task_id: String,
    pub path: String,
    pub branch: String,
    /// `ok`, `missing` (registered or leased, folder gone), `unleased` (no lease: made by
    /// another tool or an older wfc, or the lease was lost) or `unregistered` (leased, folder
    /// there, but git no longer knows it).
    pub state: &'static str,
    pub developer_id: Option<String>,
    pub owner_pid: Option<u32>,
    pub owner_alive: bool,
    /// Number of uncommitted changes (files wfc copied in and nobody edited are not counted);
    /// `null` when the worktree cannot be read.
    pub dirty: Option<usize>,
    pub locked: Option<String>,
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    /// Time since creation, short (`45s`, `12m`, `3h`, `5d`).
    pub age: Option<String>,
    /// Time since last use, short.
    pub idle: Option<String>,
    #[serde(skip)]
    pub lease: Option<Lease>,
    #[serde(skip)]
    pub registered: Option<Registered>,
}

/// The registered linked worktrees that belong to wfc's namespace, by (project, task).
pub fn registered_in_namespace(
    repo: &Repo,
    main: &git2::Repository,
) -> Result<BTreeMap<(String, String), Registered>, WorktreeError> {
    let mut out = BTreeMap::new();
    for r in gitwt::list(main)? {
        let ids = parse_admin_name(&r.name).or_else(|| parse_path(&repo.info.main_root, &r.path));
        if let Some(ids) = ids {
            out.insert(ids, r);
        }
    }
    Ok(out)
}

fn parse_ts(s: &str) -> Option<SystemTime> {
    crate::time::parse_time(s)
}

/// Every task worktree of the repository (of one project, or all), leased or only registered.
pub fn list(
    repo: &Repo,
    store: &mut dyn Backend,
    project: Option<&str>,
    now: SystemTime,
) -> Result<Vec<Entry>, WorktreeError> {
    let main = repo.info.open_main()?;
    let mut registered = registered_in_namespace(repo, &main)?;
    let mut pairs: Vec<(Option<Lease>, Option<Registered>)> = Vec::new();
    for lease in store.leases(&repo.key(), project)? {
        let reg = registered.remove(&(lease.project_id.clone(), lease.task_id.clone()));
        pairs.push((Some(lease), reg));
    }
    for ((p, _), reg) in registered {
        if project.is_some_and(|want| want != p) {
            continue;
        }
        pairs.push((None, Some(reg)));
    }
    // Each worktree's status is independent and the slow part; one repository handle per task.
    let mut out: Vec<Entry> = pairs
        .into_par_iter()
        .map(|(lease, reg)| entry(lease, reg, repo, now))
        .collect();
    out.sort_by(|a, b| {
        (a.project_id.as_str(), a.task_id.as_str())
            .cmp(&(b.project_id.as_str(), b.task_id.as_str()))
    });
    Ok(out)
}

fn entry(lease: Option<Lease>, reg: Option<Registered>, repo: &Repo, now: SystemTime) -> Entry {
    let (project_id, task_id, path, branch) = match (&lease, &reg) {
        (Some(l), _) => (
            l.project_id.clone(),
            l.task_id.clone(),
            PathBuf::from(&l.path),
            l.branch.clone(),
        ),
        (None, Some(r)) => {
            let (p, t) = parse_admin_name(&r.name)
                .or_else(|| parse_path(&repo.info.main_root, &r.path))
                .unwrap_or_default();
            let target = Target::in_repo(&repo.info.main_root, &p, &t);
            (
                p,
                t,
                r.path.clone(),
                target.map(|t| t.branch).unwrap_or_default(),
            )
        }
        (None, None) => unreachable!("an entry has a lease or a registration"),
    };
    let present = path.join(".git").exists();
    let state = match (&lease, present, &reg) {
        (_, false, _) => "missing",
        (None, true, _) => "unleased",
        (Some(_), true, None) => "unregistered",
        (Some(_), true, Some(_)) => "ok",
    };
    let copied = lease
        .as_ref()
        .map(|l| l.copied_files.clone())
        .unwrap_or_default();
    let dirty = if present {
        changes(&path, &copied).ok().map(|c| c.len())
    } else {
        None
    };
    let branch = if present {
        gitwt::open(&path)
            .ok()
            .and_then(|r| gitwt::head_branch(&r))
            .unwrap_or(branch)
    } else {
        branch
    };
    let owner_pid = lease.as_ref().and_then(|l| l.owner_pid);
    let created = lease.as_ref().and_then(|l| parse_ts(&l.created_at));
    let used = lease.as_ref().and_then(|l| parse_ts(&l.last_used_at));
    Entry {
        project_id,
        task_id,
        path: path.to_string_lossy().into_owned(),
        branch,
        state,
        developer_id: lease.as_ref().map(|l| l.developer_id.clone()),
        owner_pid,
        owner_alive: owner_pid.is_some_and(crate::process::is_alive),
        dirty,
        locked: reg.as_ref().and_then(|r| r.locked.clone()),
        created_at: lease.as_ref().map(|l| l.created_at.clone()),
        last_used_at: lease.as_ref().map(|l| l.last_used_at.clone()),
        age: created.map(|t| crate::time::age(now, t)),
        idle: used.map(|t| crate::time::age(now, t)),
        lease,
        registered: reg,
    }
}
