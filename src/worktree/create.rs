//! Creating a task's worktree.
//!
//! Under the per-repository lock: look at what exists (rolling back a creation killed mid-way),
//! apply the pool limits (waiting or evicting), write the in-progress marker, make or reattach
//! the branch, register the worktree with git, enable per-worktree config, and record the lease.
//! After the lock, touching only the new worktree: check it out, write its own identity and copy
//! env files, then drop the marker. A failure at any step after the branch was made rolls back
//! the branch, the folder, git's metadata and the lease.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use git2::Repository;
use serde::Serialize;

use super::copy_env::{self, CopyReport};
use super::pending::{self, Pending};
use super::pool::{self, Limits};
use super::remove::{Removed, finish, registration};
use super::{Notice, Repo, Target, WorktreeError, delete_trash};
use crate::git::worktree as gitwt;
use crate::store::leases::NewLease;
use crate::store::{Backend, StoreError};

#[derive(Debug, Clone)]
pub struct CreateOptions<'a> {
    /// Start a new branch here (default: HEAD of the checkout the command runs in).
    pub base: Option<&'a str>,
    /// An existing worktree of the task is not an error.
    pub exist_ok: bool,
    /// When the pool is full, wait this long for a slot.
    pub wait: Option<Duration>,
    /// When the pool is full, evict the least recently used clean worktree with no live owner.
    pub evict: bool,
    pub owner_pid: Option<u32>,
    pub developer: &'a str,
    /// `(user.name, user.email)` for the worktree's own config; `None` leaves identity alone.
    pub identity: Option<(String, String)>,
    /// `worktree.copy` patterns; `None` copies nothing.
    pub copy_patterns: Option<&'a [String]>,
    pub limits: Limits,
    pub lock_timeout: Duration,
    pub now: SystemTime,
    /// The directory the command runs in (never evicted).
    pub protect: Option<PathBuf>,
    /// The user's and the system's gitattributes files (whether a checkout may need filters).
    pub global_attributes: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Created {
    pub project_id: String,
    pub task_id: String,
    pub path: String,
    pub branch: String,
    pub developer_id: String,
    /// False when `--exist-ok` found the worktree already there.
    pub created: bool,
    /// An existing task branch was checked out instead of a new one.
    pub reattached: bool,
    /// The commit a new branch started from.
    pub base: Option<String>,
    pub owner_pid: Option<u32>,
    /// `Name <email>` written to the worktree's own config.
    pub identity: Option<String>,
    pub copy: Option<CopyReport>,
    /// Worktrees removed to make room (`--evict`).
    pub evicted: Vec<Removed>,
    /// Only with `--exist-ok`: the lease was made or its owner changed.
    #[serde(skip)]
    pub lease_changed: bool,
}

fn check_interrupt() -> Result<(), WorktreeError> {
    if crate::interrupt::is_interrupted() {
        Err(WorktreeError::Interrupted)
    } else {
        Ok(())
    }
}

enum Found {
    Nothing,
    Worktree,
    PathTaken,
    /// Another live process is still creating it.
    Creating,
}

/// What is already there for `target`; rolls back a creation killed mid-way and clears stale
/// git metadata and stale leases on the way. The trash of a roll-back goes to `trash`.
fn inspect(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    trash: &mut Vec<PathBuf>,
) -> Result<Found, WorktreeError> {
    // `.worktrees/<project>` itself is checked when it is made, below.
    repo.check_layout(main, None)?;
    if let Some(p) = pending::read(repo, target) {
        if p.is_live() {
            return Ok(Found::Creating);
        }
        let r = pending::roll_back_locked(repo, main, store, target, &p)?;
        trash.extend(r.trash);
    }
    let reg = registration(main, target)?;
    let present = target.path.join(".git").exists();
    match (&reg, present) {
        (Some(_), true) => return Ok(Found::Worktree),
        (Some(r), false) => {
            // Registered, folder gone: prune that one entry so it can be made again.
            if target.path.exists() {
                return Ok(Found::PathTaken);
            }
            if let Some(reason) = &r.locked {
                return Err(WorktreeError::Locked {
                    task: target.task.clone(),
                    reason: reason.clone(),
                });
            }
            gitwt::prune_entry(main, &r.name, false)?;
        }
        (None, _) if target.path.exists() => return Ok(Found::PathTaken),
        (None, _) => {}
    }
    if let Some(l) = store.lease(&repo.key(), &target.project, &target.task)? {
        store.release_lease(l.id, None)?;
    }
    Ok(Found::Nothing)
}

/// Accepts an existing worktree for `--exist-ok`: makes sure it has a lease and records a new
/// owner if one was given.
fn adopt(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    opts: &CreateOptions<'_>,
) -> Result<Created, WorktreeError> {
    let key = repo.key();
    let mut changed = false;
    let lease = store.lease(&key, &target.project, &target.task)?;
    let (developer, owner) = match lease {
        Some(l) => {
            if opts.owner_pid.is_some() && opts.owner_pid != l.owner_pid {
                store.set_lease_owner(l.id, opts.owner_pid)?;
                changed = true;
            }
            (l.developer_id, opts.owner_pid.or(l.owner_pid))
        }
        None => {
            insert_lease(store, &key, target, opts)?;
            changed = true;
            (opts.developer.to_string(), opts.owner_pid)
        }
    };
    Ok(Created {
        project_id: target.project.clone(),
        task_id: target.task.clone(),
        path: target.path_str(),
        branch: target.branch.clone(),
        developer_id: developer,
        created: false,
        reattached: false,
        base: None,
        owner_pid: owner,
        identity: None,
        copy: None,
        evicted: Vec::new(),
        lease_changed: changed,
    })
}

/// What to undo if a later step fails.
#[derive(Debug, Default)]
struct Undo {
    marked: bool,
    made_branch: bool,
    added: bool,
    lease_id: Option<i64>,
}

fn undo(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    done: &Undo,
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    if done.added
        && let Err(e) = crate::fsutil::remove_tree(&target.path)
    {
        problems.push(format!("cannot delete {}: {e}", target.path.display()));
    }
    if done.added
        && problems.is_empty()
        && let Err(e) = pending::clear_made(repo, target)
    {
        problems.push(e.to_string());
    }
    if done.added
        && let Err(e) = gitwt::prune_entry(main, &target.admin_name(), true)
    {
        problems.push(e.to_string());
    }
    if done.made_branch
        && let Err(e) = gitwt::delete_branch(main, &target.branch)
    {
        problems.push(e.to_string());
    }
    if let Some(id) = done.lease_id
        && let Err(e) = store.release_lease(id, None)
    {
        problems.push(e.to_string());
    }
    // Kept when something is left, so that the next create or cleanup finishes the job.
    if done.marked
        && problems.is_empty()
        && let Err(e) = pending::clear(repo, target)
    {
        problems.push(e.to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn rolled_back(original: WorktreeError, result: Result<(), Vec<String>>) -> WorktreeError {
    match result {
        Ok(()) => original,
        Err(problems) => WorktreeError::RollbackFailed {
            original: Box::new(original),
            problems,
        },
    }
}

/// What step 1 of a creation ends with.
enum Slot {
    /// The worktree lock is held, the pool has room and nothing is in the way.
    Free {
        lock: crate::lock::FileLock,
        main: Repository,
        evicted: Vec<Removed>,
    },
    /// With `exist_ok`, the worktree that was already there.
    Adopted(Box<Created>),
}

/// Step 1: takes the worktree lock with a free slot in the pool (evicting or waiting as asked)
/// and nothing in the way of the target.
fn take_slot(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    opts: &CreateOptions<'_>,
    notify: &mut dyn FnMut(Notice<'_>),
) -> Result<Slot, WorktreeError> {
    let deadline = opts.wait.map(|w| Instant::now() + w);
    let mut evicted: Vec<Removed> = Vec::new();
    let mut told_wait = false;
    let mut trash: Vec<PathBuf> = Vec::new();
    let creating_deadline = Instant::now() + opts.lock_timeout;
    loop {
        let lock = repo.lock(opts.lock_timeout, notify)?;
        check_interrupt()?;
        let main = repo.info.open_main()?;
        let found = inspect(repo, &main, store, target, &mut trash);
        if !trash.is_empty() {
            // A killed creation's folder: delete it outside the lock.
            drop(lock);
            trash.drain(..).for_each(|t| {
                let _ = delete_trash(&t);
            });
            found?;
            continue;
        }
        match found? {
            Found::Nothing => {}
            Found::Creating if opts.exist_ok && Instant::now() < creating_deadline => {
                // Hand out the path only once the other process has finished the worktree.
                drop(lock);
                std::thread::sleep(Duration::from_millis(20));
                check_interrupt()?;
                continue;
            }
            Found::Worktree if opts.exist_ok => {
                drop(lock);
                evicted.iter_mut().for_each(finish);
                let mut c = adopt(repo, store, target, opts)?;
                c.evicted = evicted;
                return Ok(Slot::Adopted(Box::new(c)));
            }
            Found::Worktree | Found::Creating => {
                return Err(WorktreeError::Exists {
                    task: target.task.clone(),
                    path: target.path.clone(),
                });
            }
            Found::PathTaken => {
                return Err(WorktreeError::PathTaken {
                    task: target.task.clone(),
                    path: target.path.clone(),
                });
            }
        }
        let mut full = pool::check(repo, store, target, opts.limits)?;
        while opts.evict
            && let Some(f) = &full
        {
            match pool::evict_one(repo, &main, store, target, f, opts.protect.as_ref())? {
                Some(r) => {
                    evicted.push(r);
                    full = pool::check(repo, store, target, opts.limits)?;
                }
                None => break,
            }
        }
        let Some(full) = full else {
            return Ok(Slot::Free {
                lock,
                main,
                evicted,
            });
        };
        drop(lock);
        evicted.iter_mut().for_each(finish);
        let now = Instant::now();
        match deadline {
            Some(d) if now < d => {
                if !told_wait {
                    notify(Notice::WaitingForSlot {
                        detail: &full.detail,
                        wait: opts.wait.unwrap_or_default(),
                    });
                    told_wait = true;
                }
                std::thread::sleep((d - now).min(Duration::from_millis(200)));
                check_interrupt()?;
            }
            _ => {
                return Err(WorktreeError::PoolFull {
                    detail: full.detail,
                    waited: deadline.is_some(),
                });
            }
        }
    }
}

/// Step 2, under the lock: the branch, the worktree's registration, the config and the lease.
/// `done` records each step made, for the roll-back.
fn register(
    repo: &Repo,
    main: &Repository,
    store: &mut dyn Backend,
    target: &Target,
    opts: &CreateOptions<'_>,
    base: &Result<git2::Oid, crate::git::GitError>,
    done: &mut Undo,
) -> Result<(bool, Option<String>, git2::Oid), WorktreeError> {
    let reattached = gitwt::branch_exists(main, &target.branch)?;
    let new_branch_at = if reattached {
        None
    } else {
        match base {
            Ok(o) => Some(*o),
            Err(e) => {
                return Err(e.restated().into());
            }
        }
    };
    pending::write(
        repo,
        target,
        &Pending {
            pid: std::process::id(),
            new_branch_at: new_branch_at.map(|o| o.to_string()),
        },
    )?;
    done.marked = true;
    let mut base_id = None;
    if let Some(oid) = new_branch_at {
        gitwt::create_branch(main, &target.branch, oid)?;
        done.made_branch = true;
        base_id = Some(oid.to_string());
    }
    repo.project_dir(&target.project)?;
    pending::mark_made(repo, target)?;
    done.added = true;
    let tip = gitwt::register(main, &target.admin_name(), &target.path, &target.branch)?;
    check_interrupt()?;
    crate::git::ensure_excluded(&repo.info, &[".worktrees/"])?;
    if opts.identity.is_some() {
        let change = gitwt::enable_worktree_config(&repo.info.common_dir)?;
        // libgit2 refuses extensions it does not know; make sure it still opens the
        // repository before handing the worktree out.
        if let Err(e) = Repository::open(&repo.info.main_root) {
            gitwt::revert_worktree_config(&repo.info.common_dir, &change)?;
            return Err(crate::git::GitError::git(
                "the repository cannot be opened with extensions.worktreeConfig enabled",
                e,
            )
            .into());
        }
    }
    done.lease_id = Some(insert_lease(store, &repo.key(), target, opts)?);
    Ok((reattached, base_id, tip))
}

/// Step 3, after the lock: only this worktree's own files (checkout, identity, env files), so
/// that concurrent creations check out in parallel. The creation marker tells others it is not
/// finished.
fn fill(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    opts: &CreateOptions<'_>,
    tip: git2::Oid,
    done: &Undo,
) -> Result<(Option<String>, Option<CopyReport>), WorktreeError> {
    gitwt::check_out(
        &target.path,
        &gitwt::admin_dir(&repo.info.common_dir, &target.admin_name()),
        tip,
        &opts.global_attributes,
    )?;
    check_interrupt()?;
    let mut ident = None;
    if let Some((name, email)) = &opts.identity {
        let admin = gitwt::admin_dir(&repo.info.common_dir, &target.admin_name());
        gitwt::write_identity(&admin, name, email)?;
        let wt = gitwt::open(&target.path)?;
        let seen = wt
            .config()
            .and_then(|c| c.get_string("user.name"))
            .unwrap_or_default();
        if &seen != name {
            return Err(crate::git::GitError::Other {
                message: format!(
                    "the worktree's own identity did not take effect (user.name is {seen:?})"
                ),
            }
            .into());
        }
        ident = Some(format!("{name} <{email}>"));
    }
    check_interrupt()?;
    let mut report = None;
    if let Some(patterns) = opts.copy_patterns {
        let r = copy_env::copy(&repo.info.main_root, &target.path, patterns, &[], opts.now)?;
        if let Some(id) = done.lease_id
            && !r.records.is_empty()
        {
            store.set_copied_files(id, &r.records)?;
        }
        report = Some(r);
    }
    check_interrupt()?;
    Ok((ident, report))
}

/// Creates the worktree of `target`.
pub fn create(
    repo: &Repo,
    store: &mut dyn Backend,
    target: &Target,
    opts: &CreateOptions<'_>,
    notify: &mut dyn FnMut(Notice<'_>),
) -> Result<Created, WorktreeError> {
    if let Some(p) = opts.copy_patterns {
        copy_env::validate(p)?;
    }
    // Resolved in the checkout the command runs in, so `HEAD` means what it means to git there.
    // An unresolvable base only matters when a new branch is needed.
    let base = {
        let current = repo.info.open_current()?;
        gitwt::resolve_base(&current, opts.base)
    };
    if opts.base.is_some()
        && let Err(e) = &base
        && e.is_invalid()
    {
        return Err(base.unwrap_err().into());
    }

    let (lock, main, mut evicted) = match take_slot(repo, store, target, opts, notify)? {
        Slot::Free {
            lock,
            main,
            evicted,
        } => (lock, main, evicted),
        Slot::Adopted(c) => return Ok(*c),
    };

    // Still under the lock: branch, worktree, config, lease.
    let mut done = Undo::default();
    let (reattached, base_id, tip) =
        match register(repo, &main, store, target, opts, &base, &mut done) {
            Ok(v) => v,
            Err(e) => {
                let r = undo(repo, &main, store, target, &done);
                drop(lock);
                evicted.iter_mut().for_each(finish);
                return Err(rolled_back(e, r));
            }
        };
    drop(lock);
    evicted.iter_mut().for_each(finish);

    // After the lock: only this worktree's own files.
    let (identity, copy) = match fill(repo, store, target, opts, tip, &done) {
        Ok(v) => v,
        Err(e) => {
            // Take the lock again: the roll-back changes shared git state.
            let relock = repo.lock(opts.lock_timeout, notify);
            let r = match repo.info.open_main() {
                Ok(main) => undo(repo, &main, store, target, &done),
                Err(oe) => Err(vec![oe.to_string()]),
            };
            drop(relock);
            return Err(rolled_back(e, r));
        }
    };
    // Complete: from here on the worktree is the caller's.
    pending::clear(repo, target)?;
    Ok(Created {
        project_id: target.project.clone(),
        task_id: target.task.clone(),
        path: target.path_str(),
        branch: target.branch.clone(),
        developer_id: opts.developer.to_string(),
        created: true,
        reattached,
        base: base_id,
        owner_pid: opts.owner_pid,
        identity,
        copy,
        evicted,
        lease_changed: true,
    })
}

/// Records the lease of a task's worktree for the developer and owner of `opts`.
fn insert_lease(
    store: &mut dyn Backend,
    repo_key: &str,
    target: &Target,
    opts: &CreateOptions<'_>,
) -> Result<i64, StoreError> {
    store.take_lease(
        opts.now,
        &NewLease {
            repo: repo_key,
            project_id: &target.project,
            task_id: &target.task,
            path: &target.path_str(),
            branch: &target.branch,
            developer_id: opts.developer,
            owner_pid: opts.owner_pid,
        },
        None,
    )
}
