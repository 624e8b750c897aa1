//! Namespaced task worktrees: create, remove, inspect, copy env files, pool limits with leases,
//! and orphan cleanup.
//!
//! A task's worktree lives at `<main>/.worktrees/<project>/wfc-<task>` on branch
//! `wfc/<project>/<task>`; git knows it as the linked worktree `wfc.<project>.<task>` (ids never
//! contain a dot, so the name cannot collide across projects). Every change to the set of
//! worktrees of a repository happens under one file lock in the repository's common dir, so
//! concurrent wfc processes never race on git's metadata; slow work that touches only one
//! worktree (its identity, its env files) runs after the lock is released.
//!
//! Domain code here returns data; the commands in `crate::cli` print it.

pub mod cleanup;
pub mod copy_env;
pub mod create;
pub mod inspect;
pub mod pending;
pub mod pool;
pub mod remove;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::fsutil::FsError;
use crate::git::{GitError, RepoInfo};
use crate::ids::{ProjectId, TaskId};
use crate::lock::{FileLock, LockError};
use crate::store::StoreError;

/// The folder under the main checkout that holds every project's worktrees.
pub use crate::layout::WORKTREES_DIR;
/// Folder (not a valid project id) where removed worktrees wait to be deleted outside the lock.
pub const TRASH_DIR: &str = ".trash";

#[derive(Debug, thiserror::Error)]
pub enum WorktreeError {
    #[error("the worktree of task {task} already exists at {path}")]
    Exists { task: String, path: PathBuf },
    #[error("{path} exists but is not the registered worktree of task {task}")]
    PathTaken { task: String, path: PathBuf },
    #[error("no worktree for task {task} in project {project}")]
    NotFound { task: String, project: String },
    #[error("the worktree of task {task} has {count} uncommitted change(s): {sample}")]
    Dirty {
        task: String,
        count: usize,
        sample: String,
    },
    #[error("the worktree of task {task} is locked by `git worktree lock`: {reason}")]
    Locked { task: String, reason: String },
    #[error("the worktree of task {task} is still being created by pid {pid}")]
    BeingCreated { task: String, pid: u32 },
    #[error("the current directory is inside the worktree of task {task} ({path})")]
    InUse { task: String, path: PathBuf },
    #[error("the worktree pool is full: {detail}")]
    PoolFull { detail: String, waited: bool },
    #[error("invalid worktree.copy pattern {pattern:?}: {message}")]
    Pattern { pattern: String, message: String },
    #[error("interrupted")]
    Interrupted,
    #[error("{original}")]
    RollbackFailed {
        original: Box<WorktreeError>,
        problems: Vec<String>,
    },
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// Why an owner counts as alive, as this host can tell; `None` when it is dead. An owner on
/// another host is never judged by a local pid: it counts as alive here. A row an older wfc
/// wrote names only a pid of this machine.
pub(crate) fn owner_lives(
    owner: Option<&crate::store::host::Owner>,
    pid: Option<u32>,
    here: &crate::store::host::Host,
) -> Option<String> {
    use crate::store::host::Liveness;
    match owner {
        Some(o) => match o.liveness(here) {
            Liveness::Alive => Some(format!("pid {} is alive", o.pid)),
            Liveness::OtherHost(h) => Some(format!(
                "its owner runs on host {h} (pid {}); only that host can tell whether it lives",
                o.pid
            )),
            Liveness::Dead => None,
        },
        None => pid
            .filter(|p| crate::process::is_alive(*p))
            .map(|p| format!("pid {p} is alive")),
    }
}

pub(crate) fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> WorktreeError {
    let context = context.into();
    move |source| WorktreeError::Io { context, source }
}

/// One task's worktree: where it lives and on which branch. Built only from validated ids and
/// the paths of `Context` (see `Target::new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub project: String,
    pub task: String,
    pub path: PathBuf,
    pub branch: String,
}

impl Target {
    /// `path` and `branch` come from `Context::worktree_path` and `Context::branch_name`.
    pub fn new(project: &ProjectId, task: &TaskId, path: PathBuf, branch: String) -> Target {
        Target {
            project: project.to_string(),
            task: task.to_string(),
            path,
            branch,
        }
    }

    /// Rebuilds the target of a task of any project in the repository at `main_root`, with the
    /// same layout as `Context`; `None` unless both ids are valid.
    pub fn in_repo(main_root: &Path, project: &str, task: &str) -> Option<Target> {
        let p = ProjectId::parse(project).ok()?;
        let t = TaskId::parse(task).ok()?;
        Some(Target {
            path: crate::layout::worktree_path(main_root, &p, &t),
            branch: crate::layout::branch_name(&p, &t),
            project: p.to_string(),
            task: t.to_string(),
        })
    }

    /// The name git knows the linked worktree by: `wfc.<project>.<task>`.
    pub fn admin_name(&self) -> String {
        crate::layout::admin_name(&self.project, &self.task)
    }

    pub fn path_str(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// Splits `<main>/.worktrees/<project>/wfc-<task>` into valid ids.
pub fn parse_path(main_root: &Path, path: &Path) -> Option<(String, String)> {
    let (p, t) = crate::layout::parse_worktree_path(main_root, path)?;
    Some((p.to_string(), t.to_string()))
}

/// Splits an admin name `wfc.<project>.<task>` into valid ids.
pub fn parse_admin_name(name: &str) -> Option<(String, String)> {
    let (p, t) = crate::layout::parse_admin_name(name)?;
    Some((p.to_string(), t.to_string()))
}

/// The repository-wide pieces every operation needs.
#[derive(Debug, Clone)]
pub struct Repo {
    pub info: RepoInfo,
}

impl Repo {
    pub fn new(info: RepoInfo) -> Repo {
        Repo { info }
    }

    /// The key of this repository in the leases table: the main checkout's path.
    pub fn key(&self) -> String {
        self.info.main_root.to_string_lossy().into_owned()
    }

    /// `<common dir>/wfc-worktrees.lock`
    pub fn lock_path(&self) -> PathBuf {
        self.info.common_dir.join("wfc-worktrees.lock")
    }

    pub fn worktrees_root(&self) -> PathBuf {
        self.info.main_root.join(WORKTREES_DIR)
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.worktrees_root().join(TRASH_DIR)
    }

    /// Takes the per-repository worktree lock.
    pub fn lock(
        &self,
        timeout: Duration,
        notify: &mut dyn FnMut(Notice<'_>),
    ) -> Result<FileLock, WorktreeError> {
        let path = self.lock_path();
        Ok(FileLock::acquire(&path, timeout, &mut |p| {
            notify(Notice::WaitingForLock(p))
        })?)
    }

    /// Whether `path` is strictly inside `<main>/.worktrees/`: the only place wfc deletes folders.
    pub fn owns(&self, path: &Path) -> bool {
        let root = self.worktrees_root();
        path != root
            && path.starts_with(&root)
            && !path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
    }

    /// Checks that `.worktrees` and, for `project`, `.worktrees/<project>` are real folders (or
    /// missing) and that git tracks nothing under `.worktrees`: a clone must never be able to
    /// point wfc's deletions or writes somewhere else with a committed symbolic link.
    pub fn check_layout(
        &self,
        main: &git2::Repository,
        project: Option<&str>,
    ) -> Result<(), WorktreeError> {
        let root = &self.info.main_root;
        crate::fsutil::real_dir(root, Path::new(WORKTREES_DIR), false)?;
        if let Some(p) = project {
            crate::fsutil::real_dir(root, &Path::new(WORKTREES_DIR).join(p), false)?;
        }
        if let Some(tracked) = crate::git::worktree::tracked_under(main, WORKTREES_DIR) {
            return Err(crate::fsutil::FsError::Unsafe {
                path: root.join(WORKTREES_DIR),
                problem: format!(
                    "git tracks {tracked} in it, and wfc keeps only its own worktrees there (`git rm -r --cached {WORKTREES_DIR}` and a commit untrack it)"
                ),
                link: false,
            }
            .into());
        }
        Ok(())
    }

    /// `.worktrees/<project>`, made if missing, every component a real folder.
    pub fn project_dir(&self, project: &str) -> Result<PathBuf, WorktreeError> {
        Ok(crate::fsutil::real_dir(
            &self.info.main_root,
            &Path::new(WORKTREES_DIR).join(project),
            true,
        )?)
    }

    /// The trash folder, checked to be a real folder; made when `create` is set. `None` when it
    /// does not exist (and `create` is not set).
    pub fn checked_trash(&self, create: bool) -> Result<Option<PathBuf>, WorktreeError> {
        let rel = Path::new(WORKTREES_DIR).join(TRASH_DIR);
        let p = crate::fsutil::real_dir(&self.info.main_root, &rel, create)?;
        Ok((create || p.exists()).then_some(p))
    }

    /// Moves a folder inside `.worktrees/` out of the way (an atomic rename) and returns where it
    /// went; the slow delete happens later, outside the lock, with [`delete_trash`]. Every folder
    /// above it and the trash must be real folders, so the rename can never reach outside.
    pub fn to_trash(&self, path: &Path) -> Result<PathBuf, WorktreeError> {
        let refuse = || WorktreeError::Io {
            context: format!(
                "refusing to delete {}: it is not inside {}",
                path.display(),
                self.worktrees_root().display()
            ),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        if !self.owns(path) {
            return Err(refuse());
        }
        let rel = path
            .strip_prefix(&self.info.main_root)
            .map_err(|_| refuse())?;
        if let Some(parent) = rel.parent() {
            crate::fsutil::real_dir(&self.info.main_root, parent, false)?;
        }
        let trash = self
            .checked_trash(true)?
            .unwrap_or_else(|| self.trash_dir());
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dest = trash.join(format!("{name}.{}.{stamp}", std::process::id()));
        std::fs::rename(path, &dest)
            .map_err(io_err(format!("cannot move {} away", path.display())))?;
        Ok(dest)
    }
}

/// Whether a trash entry's name is one [`Repo::to_trash`] gives: `<name>.<pid>.<nanos>`; returns
/// the pid.
pub fn trash_entry_pid(name: &str) -> Option<u32> {
    let mut parts = name.rsplitn(3, '.');
    let stamp = parts.next()?;
    let pid = parts.next()?;
    let base = parts.next()?;
    if base.is_empty() || stamp.is_empty() || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Deletes a folder moved to the trash (missing is fine: another process got there first), and
/// the trash folder itself once it is empty. Never follows a symbolic link.
pub fn delete_trash(path: &Path) -> Result<(), WorktreeError> {
    crate::fsutil::remove_tree(path)
        .map_err(io_err(format!("cannot delete {}", path.display())))?;
    if let Some(trash) = path.parent() {
        // Fails while another removal still has something there; that one tries again.
        let _ = std::fs::remove_dir(trash);
    }
    Ok(())
}

/// Things a long operation wants the user to know while it waits.
#[derive(Debug)]
pub enum Notice<'a> {
    WaitingForLock(&'a Path),
    WaitingForSlot { detail: &'a str, wait: Duration },
}

/// The identity written into a worktree's own config.
pub fn identity(developer: &str) -> (String, String) {
    (
        format!("WFC Agent ({developer})"),
        format!("wfc+{developer}@noreply.local"),
    )
}

/// The developer an identity written by [`identity`] names: `alice` for
/// `wfc+alice@noreply.local`; `None` for any other address.
pub fn developer_of_identity(email: &str) -> Option<crate::ids::DeveloperId> {
    let local = email.strip_suffix("@noreply.local")?.strip_prefix("wfc+")?;
    crate::ids::DeveloperId::parse(local).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_name_their_developer() {
        let (_, email) = identity("alice");
        assert_eq!(developer_of_identity(&email).unwrap().as_str(), "alice");
        assert!(developer_of_identity("alice@example.com").is_none());
        assert!(developer_of_identity("wfc+alice@example.com").is_none());
        assert!(developer_of_identity("wfc+../x@noreply.local").is_none());
    }

    #[test]
    fn names_round_trip_and_refuse_garbage() {
        let root = Path::new("/r");
        let t = Target::in_repo(root, "proj", "task-1").unwrap();
        assert_eq!(t.path, Path::new("/r/.worktrees/proj/wfc-task-1"));
        assert_eq!(t.branch, "wfc/proj/task-1");
        assert_eq!(t.admin_name(), "wfc.proj.task-1");
        assert_eq!(
            parse_admin_name(&t.admin_name()),
            Some(("proj".into(), "task-1".into()))
        );
        assert_eq!(
            parse_path(root, &t.path),
            Some(("proj".into(), "task-1".into()))
        );
        assert!(Target::in_repo(root, "..", "x").is_none());
        assert!(Target::in_repo(root, "p", "-rf").is_none());
        assert!(parse_path(root, Path::new("/r/.worktrees/p/other")).is_none());
        assert!(parse_path(root, Path::new("/r/.worktrees/.trash/wfc-x")).is_none());
        assert!(parse_admin_name("wfc-x").is_none());
    }

    #[test]
    fn trash_entries_are_recognised_by_their_name() {
        assert_eq!(
            trash_entry_pid("wfc-t.4242.1767225600000000000"),
            Some(4242)
        );
        assert_eq!(trash_entry_pid("junk.dir.7.99"), Some(7));
        for other in [".ssh", "notes.txt", "wfc-t.4242", ".1.2", "a.b.c", "a.1.x2"] {
            assert_eq!(trash_entry_pid(other), None, "{other}");
        }
    }

    #[test]
    fn only_folders_inside_worktrees_are_owned() {
        let info = RepoInfo {
            main_root: "/r".into(),
            common_dir: "/r/.git".into(),
            git_dir: "/r/.git".into(),
            workdir: "/r".into(),
            is_linked: false,
        };
        let repo = Repo::new(info);
        assert!(repo.owns(Path::new("/r/.worktrees/p/wfc-a")));
        assert!(!repo.owns(Path::new("/r/.worktrees")));
        assert!(!repo.owns(Path::new("/r/src")));
        assert!(!repo.owns(Path::new("/r/.worktrees/../src")));
    }
}
