//! Creations in progress.
//!
//! `worktree create` writes a marker `<common dir>/wfc-creating/<admin name>` under the lock,
//! before it makes the branch, and deletes it once the worktree is complete (identity written,
//! env files copied, lease recorded), before the path is printed. A marker whose process is gone
//! is a creation killed mid-way: everything it made is rolled back, by the next `create` of the
//! task or by `cleanup`. That is safe because the path was never handed out.
//!
//! The marker is written to a temp file and renamed, so a killed writer never leaves a torn one;
//! it is not fsynced: it only has to survive the death of a process, not of the machine.

use std::path::{Path, PathBuf};

use git2::Repository;

use super::{Repo, Target, WorktreeError, io_err, parse_admin_name};
use crate::git::worktree as gitwt;
use crate::store::Backend;

/// What an unfinished creation recorded about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub pid: u32,
    /// The commit a branch made by this creation started at; `None` when it reattached an
    /// existing branch (which is then never deleted by a roll-back).
    pub new_branch_at: Option<String>,
}

impl Pending {
    fn encode(&self) -> String {
        format!(
            "pid {}\nnew-branch-at {}\n",
            self.pid,
            self.new_branch_at.as_deref().unwrap_or("-")
        )
    }

    fn decode(text: &str) -> Option<Pending> {
        let mut pid = None;
        let mut at = None;
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("pid", v)) => pid = v.parse().ok(),
                Some(("new-branch-at", "-")) => at = Some(None),
                Some(("new-branch-at", v)) if git2::Oid::from_str(v).is_ok() => {
                    at = Some(Some(v.to_string()))
                }
                _ => {}
            }
        }
        Some(Pending {
            pid: pid?,
            new_branch_at: at?,
        })
    }

    /// The creating process still runs (and is not this one, which never waits for itself).
    pub fn is_live(&self) -> bool {
        self.pid != std::process::id() && crate::process::is_alive(self.pid)
    }
}

pub fn dir(repo: &Repo) -> PathBuf {
    repo.info.common_dir.join("wfc-creating")
}

fn path(repo: &Repo, target: &Target) -> PathBuf {
    dir(repo).join(target.admin_name())
}

/// Records that this process is creating `target`.
pub fn write(repo: &Repo, target: &Target, p: &Pending) -> Result<(), WorktreeError> {
    let d = dir(repo);
    std::fs::create_dir_all(&d).map_err(io_err(format!("cannot create {}", d.display())))?;
    let dest = path(repo, target);
    let tmp = d.join(format!(".{}.{}", target.admin_name(), std::process::id()));
    std::fs::write(&tmp, p.encode()).map_err(io_err(format!("cannot write {}", tmp.display())))?;
    std::fs::rename(&tmp, &dest).map_err(io_err(format!("cannot write {}", dest.display())))
}

/// The marker of `target`. An unreadable one counts as a dead creator that made no branch: the
/// marker is renamed into place whole, so only a foreign hand can leave one like that.
pub fn read(repo: &Repo, target: &Target) -> Option<Pending> {
    read_path(&path(repo, target))
}

fn read_path(p: &Path) -> Option<Pending> {
    match std::fs::read_to_string(p) {
        Ok(text) => Some(Pending::decode(&text).unwrap_or(Pending {
            pid: 0,
            new_branch_at: None,
        })),
        Err(_) => None,
    }
}

/// Deletes the marker of `target` (missing is fine).
pub fn clear(repo: &Repo, target: &Target) -> Result<(), WorktreeError> {
    let p = path(repo, target);
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(format!("cannot delete {}", p.display()))(e)),
    }
}

/// Every marker of the repository: (project, task, marker), sorted.
pub fn list(repo: &Repo) -> Vec<(String, String, Pending)> {
    let Ok(read) = std::fs::read_dir(dir(repo)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String, Pending)> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let (p, t) = parse_admin_name(&name)?;
            Some((p, t, read_path(&e.path())?))
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

/// `<common dir>/wfc-made`: one file per worktree folder wfc made, named by its admin name and
/// holding its path. It outlives git's own entry, so that cleanup can tell a folder wfc made (and
/// may delete once git forgot it) from anything else found under `.worktrees/`. It lives in the
/// common dir, which no clone or checkout can write.
pub fn made_dir(repo: &Repo) -> PathBuf {
    repo.info.common_dir.join("wfc-made")
}

/// Records that wfc makes the folder of `target`.
pub fn mark_made(repo: &Repo, target: &Target) -> Result<(), WorktreeError> {
    let d = made_dir(repo);
    std::fs::create_dir_all(&d).map_err(io_err(format!("cannot create {}", d.display())))?;
    let dest = d.join(target.admin_name());
    let tmp = d.join(format!(".{}.{}", target.admin_name(), std::process::id()));
    std::fs::write(&tmp, format!("{}\n", target.path_str()))
        .map_err(io_err(format!("cannot write {}", tmp.display())))?;
    std::fs::rename(&tmp, &dest).map_err(io_err(format!("cannot write {}", dest.display())))
}

/// Whether wfc made the folder of `target` (its marker names exactly that path).
pub fn is_made(repo: &Repo, target: &Target) -> bool {
    std::fs::read_to_string(made_dir(repo).join(target.admin_name()))
        .is_ok_and(|t| t.trim_end_matches('\n') == target.path_str())
}

/// Forgets the marker of `target` once its folder is gone (missing is fine).
pub fn clear_made(repo: &Repo, target: &Target) -> Result<(), WorktreeError> {
    let p = made_dir(repo).join(target.admin_name());
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(format!("cannot delete {}", p.display()))(e)),
    }
}

/// What rolling back an interrupted creation did.
#[derive(Debug, Default)]
pub struct RolledBack {
    /// The folder, moved to the trash; delete it with [`super::delete_trash`] after the lock.
    pub trash: Option<PathBuf>,
    pub entry_pruned: bool,
    pub branch_deleted: bool,
    /// Why a branch the creation made was kept (it moved since).
    pub branch_kept: Option<String>,
    pub lease_deleted: bool,
    /// git's lock file of the branch, left by the killed process, was deleted.
    pub ref_lock_removed: bool,
}

/// Undoes what the dead creation of `target` made. Call with the worktree lock held, after
/// checking that the creator is gone.
pub fn roll_back_locked(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    p: &Pending,
) -> Result<RolledBack, WorktreeError> {
    let mut done = RolledBack::default();
    if target.path.exists() {
        done.trash = Some(repo.to_trash(&target.path)?);
    }
    if gitwt::find(main, &target.admin_name())?.is_some() {
        gitwt::prune_entry(main, &target.admin_name(), true)?;
        done.entry_pruned = true;
    }
    if p.new_branch_at.is_some() {
        // A creation killed while libgit2 wrote the branch leaves git's lock file for it, which
        // would fail every later write of the branch. Only wfc writes `wfc/` branches, under
        // the lock held here, so the lock file is the dead creator's.
        let ref_lock = repo
            .info
            .common_dir
            .join("refs/heads")
            .join(format!("{}.lock", target.branch));
        match std::fs::remove_file(&ref_lock) {
            Ok(()) => done.ref_lock_removed = true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(format!("cannot delete {}", ref_lock.display()))(e)),
        }
    }
    if let Some(at) = &p.new_branch_at {
        let tip = main
            .find_branch(&target.branch, git2::BranchType::Local)
            .ok()
            .and_then(|b| b.get().target());
        match tip {
            Some(t) if t.to_string() == *at => {
                done.branch_deleted = gitwt::delete_branch(main, &target.branch)?;
            }
            Some(_) => {
                done.branch_kept = Some(format!(
                    "{} moved since the interrupted creation made it",
                    target.branch
                ));
            }
            None => {}
        }
    }
    if let Some(l) = store.lease(&repo.key(), &target.project, &target.task)? {
        store.release_lease(l.id, None)?;
        done.lease_deleted = true;
    }
    clear_made(repo, target)?;
    clear(repo, target)?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_and_garbage_reads_as_a_dead_creator() {
        let p = Pending {
            pid: 42,
            new_branch_at: Some("0123456789abcdef0123456789abcdef01234567".into()),
        };
        assert_eq!(Pending::decode(&p.encode()), Some(p));
        let q = Pending {
            pid: 7,
            new_branch_at: None,
        };
        assert_eq!(Pending::decode(&q.encode()), Some(q));
        assert_eq!(Pending::decode("pid 7\n"), None);
        assert_eq!(Pending::decode("pid x\nnew-branch-at -\n"), None);
        assert_eq!(Pending::decode("pid 7\nnew-branch-at ../../x\n"), None);
    }
}
