//! Orphan cleanup.
//!
//! A task worktree is an orphan when its owner process is dead or unknown and it has been idle
//! longer than the threshold. Cleanup removes orphans (never a dirty one without `force`, never a
//! locked one), prunes git's metadata one entry at a time for worktrees whose folder is gone,
//! removes unregistered folders under `.worktrees/<project>/`, deletes task branches that no
//! worktree uses when they are merged (or, for removed worktrees, with `delete_branch`), and
//! marks running jobs whose process died as interrupted. Every item it looked at and kept is
//! reported with the reason. Each removal re-checks its item under the worktree lock.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use git2::{BranchType, Repository};
use serde::Serialize;

use super::inspect::{changes, registered_in_namespace, sample};
use super::remove::{RemoveOptions, finish, remove_locked};
use super::{Notice, Repo, Target, WorktreeError, delete_trash, pending};
use crate::git::worktree::{self as gitwt, Registered};
use crate::ids::ProjectId;
use crate::store::Backend;
use crate::store::leases::Lease;

#[derive(Debug, Clone)]
pub struct CleanupOptions {
    pub older_than: Duration,
    pub dry_run: bool,
    /// Remove orphans even with uncommitted changes.
    pub force: bool,
    /// Delete the branches of removed worktrees even when not merged.
    pub delete_branch: bool,
    /// One project, or `None` for every project of the repository.
    pub project: Option<String>,
    /// The directory the command runs in; a worktree containing it is kept.
    pub protect: Option<PathBuf>,
    pub lock_timeout: Duration,
    pub now: SystemTime,
}

/// One thing cleanup looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `interrupted-create`, `worktree`, `missing-worktree`, `stale-lease`, `unregistered-dir`,
    /// `branch`, `trash`, `job`.
    pub kind: &'static str,
    pub project_id: Option<String>,
    pub task_id: Option<String>,
    pub path: Option<String>,
    pub branch: Option<String>,
    pub job_id: Option<String>,
    pub reason: String,
}

impl Item {
    fn new(kind: &'static str, reason: impl Into<String>) -> Item {
        Item {
            kind,
            project_id: None,
            task_id: None,
            path: None,
            branch: None,
            job_id: None,
            reason: reason.into(),
        }
    }

    fn target(mut self, t: &Target) -> Item {
        self.project_id = Some(t.project.clone());
        self.task_id = Some(t.task.clone());
        self.path = Some(t.path_str());
        self.branch = Some(t.branch.clone());
        self
    }

    fn path(mut self, p: &Path) -> Item {
        self.path = Some(p.to_string_lossy().into_owned());
        self
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub dry_run: bool,
    /// Removed (or, in a dry run, to be removed).
    pub removed: Vec<Item>,
    pub kept: Vec<Item>,
    /// Jobs marked interrupted (or to be marked).
    pub jobs_interrupted: Vec<Item>,
    /// Items that could not be handled; the pass went on.
    pub errors: Vec<Item>,
}

enum Verdict {
    Remove(String),
    Keep(String),
}

fn short(d: Duration) -> String {
    let now = SystemTime::UNIX_EPOCH + d;
    crate::time::age(now, SystemTime::UNIX_EPOCH)
}

fn idle_for(now: SystemTime, since: Option<SystemTime>) -> Option<Duration> {
    since.map(|s| now.duration_since(s).unwrap_or_default())
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// When a worktree without a lease was last touched: its index, HEAD, or folder.
fn unleased_activity(common_dir: &Path, reg: &Registered) -> Option<SystemTime> {
    let admin = gitwt::admin_dir(common_dir, &reg.name);
    [
        admin.join("index"),
        admin.join("HEAD"),
        admin,
        reg.path.clone(),
    ]
    .iter()
    .filter_map(|p| mtime(p))
    .max()
}

struct Candidate {
    target: Target,
    lease: Option<Lease>,
    reg: Registered,
}

/// Whether the folder of `reg` is the one git registered: a real folder whose `.git` file names
/// git's entry of it. Cleanup deletes a registered worktree only then.
fn points_back(common_dir: &Path, reg: &Registered) -> bool {
    let real_dir = std::fs::symlink_metadata(&reg.path).is_ok_and(|m| m.is_dir());
    let dotgit = reg.path.join(".git");
    if !real_dir || !std::fs::symlink_metadata(&dotgit).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(&dotgit) else {
        return false;
    };
    let Some(named) = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("gitdir:"))
        .map(|g| reg.path.join(g.trim()))
    else {
        return false;
    };
    let admin = gitwt::admin_dir(common_dir, &reg.name);
    match (std::fs::canonicalize(named), std::fs::canonicalize(admin)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Jobs recorded as running whose process is alive; an error when the store cannot say (then
/// no worktree is removed).
type LiveJobs = Result<Vec<crate::store::jobs::RunningJob>, String>;

fn live_jobs(store: &mut dyn Backend) -> LiveJobs {
    let here = store.host().clone();
    store
        .running_jobs(None)
        .map(|jobs| {
            jobs.into_iter()
                .filter(|j| super::owner_lives(j.owner.as_ref(), j.pid, &here).is_some())
                .collect()
        })
        .map_err(|e| e.to_string())
}

/// A live job that runs in the worktree of `target`: recorded for its task in this repository,
/// or with its process's current directory inside the folder.
fn job_in<'a>(
    jobs: &'a [crate::store::jobs::RunningJob],
    repo: &Repo,
    target: &Target,
) -> Option<&'a crate::store::jobs::RunningJob> {
    let common = repo.info.common_dir.to_string_lossy();
    jobs.iter().find(|j| {
        let same_task = j.project_id == target.project
            && j.task_id.as_deref() == Some(target.task.as_str())
            && j.repo.as_deref().is_none_or(|r| r == common);
        same_task
            || j.pid
                .and_then(crate::process::cwd)
                .is_some_and(|d| d.starts_with(&target.path))
    })
}

fn judge(
    c: &Candidate,
    repo: &Repo,
    opts: &CleanupOptions,
    jobs: &LiveJobs,
    here: &crate::store::host::Host,
) -> Verdict {
    // Before everything else, `--force` included: removing it would pull the tree from under
    // a review that is still reading it.
    let jobs = match jobs {
        Ok(j) => j,
        Err(e) => return Verdict::Keep(format!("cannot tell whether a job runs in it: {e}")),
    };
    if let Some(j) = job_in(jobs, repo, &c.target) {
        return Verdict::Keep(format!(
            "{} job {} runs in it (pid {} is alive)",
            j.kind,
            j.id,
            j.pid.unwrap_or_default()
        ));
    }
    if opts
        .protect
        .as_ref()
        .is_some_and(|p| p.starts_with(&c.target.path))
    {
        return Verdict::Keep("the current directory is inside it".into());
    }
    if let Some(l) = &c.lease
        && let Some(why) = super::owner_lives(l.owner.as_ref(), l.owner_pid, here)
    {
        return Verdict::Keep(format!("owner {why}"));
    }
    let since = match &c.lease {
        Some(l) => crate::time::parse_time(&l.last_used_at),
        None => unleased_activity(&repo.info.common_dir, &c.reg),
    };
    let idle = idle_for(opts.now, since);
    match idle {
        Some(i) if i < opts.older_than => {
            return Verdict::Keep(format!(
                "used {} ago; an orphan after {} idle",
                short(i),
                short(opts.older_than)
            ));
        }
        None => return Verdict::Keep("cannot tell when it was last used".into()),
        _ => {}
    }
    if let Some(reason) = &c.reg.locked {
        return Verdict::Keep(format!(
            "locked by `git worktree lock` ({reason}); unlock it to let cleanup remove it"
        ));
    }
    if !points_back(&repo.info.common_dir, &c.reg) {
        return Verdict::Keep(format!(
            "its folder is not the one git's entry {} points at (no .git file naming it)",
            c.reg.name
        ));
    }
    if !opts.force {
        let copied = c
            .lease
            .as_ref()
            .map(|l| l.copied_files.clone())
            .unwrap_or_default();
        match changes(&c.target.path, &copied) {
            Ok(ch) if !ch.is_empty() => {
                return Verdict::Keep(format!(
                    "{} uncommitted change(s) ({}); --force removes it",
                    ch.len(),
                    sample(&ch)
                ));
            }
            Ok(_) => {}
            Err(e) => return Verdict::Keep(format!("cannot read its status: {e}")),
        }
    }
    let owner = c
        .lease
        .as_ref()
        .and_then(|l| l.owner.as_ref().map(|o| o.pid).or(l.owner_pid));
    let who = match owner {
        Some(pid) => format!("owner pid {pid} is gone"),
        None if c.lease.is_some() => "no owner".to_string(),
        None => "no lease".to_string(),
    };
    Verdict::Remove(format!(
        "orphan: {who}, idle {}",
        short(idle.unwrap_or_default())
    ))
}

fn in_scope(opts: &CleanupOptions, project: &str) -> bool {
    opts.project.as_deref().is_none_or(|p| p == project)
}

/// Runs one cleanup pass.
/// One cleanup pass: what every step reads, and the report they fill.
struct Pass<'a> {
    repo: &'a Repo,
    main: Repository,
    store: &'a mut dyn Backend,
    opts: &'a CleanupOptions,
    notify: &'a mut dyn FnMut(Notice<'_>),
    report: Report,
}

pub fn run(
    repo: &Repo,
    store: &mut dyn Backend,
    opts: &CleanupOptions,
    notify: &mut dyn FnMut(Notice<'_>),
) -> Result<Report, WorktreeError> {
    let main = repo.info.open_main()?;
    // A committed `.worktrees` link (or anything git tracks there) would point every deletion
    // below somewhere else: refuse the whole pass before touching anything.
    repo.check_layout(&main, opts.project.as_deref())?;
    let mut pass = Pass {
        repo,
        main,
        store,
        opts,
        notify,
        report: Report {
            dry_run: opts.dry_run,
            ..Report::default()
        },
    };

    // 0. Creations killed mid-way; what they (may) have made is handled here alone.
    let creating = pass.interrupted_creations();

    let mut registered = registered_in_namespace(repo, &pass.main)?;
    registered.retain(|(p, t), _| in_scope(opts, p) && !creating.contains(&(p.clone(), t.clone())));
    let all_registered_paths: BTreeSet<PathBuf> = gitwt::list(&pass.main)?
        .into_iter()
        .map(|r| r.path)
        .collect();
    let mut leased: BTreeMap<(String, String), Lease> = pass
        .store
        .leases(&repo.key(), opts.project.as_deref())?
        .into_iter()
        .map(|l| ((l.project_id.clone(), l.task_id.clone()), l))
        .filter(|(k, _)| !creating.contains(k))
        .collect();
    let running = live_jobs(pass.store);
    // On a store several hosts share, a worktree on a filesystem they share (network home
    // folders) may be leased by another host; its owner is then judged as that host's. Such a
    // lease only speaks for a registered folder that is here: it is never taken for a stale one.
    let here = pass.store.host().name.clone();
    let elsewhere: BTreeMap<(String, String), Lease> = pass
        .store
        .team_leases(opts.project.as_deref())
        .unwrap_or_default()
        .into_iter()
        .filter(|l| {
            l.repo == repo.key()
                && l.owner
                    .as_ref()
                    .and_then(|o| o.host.as_deref())
                    .is_some_and(|h| h != here)
        })
        .map(|l| ((l.project_id.clone(), l.task_id.clone()), l))
        .collect();

    // 1. Registered task worktrees (with or without a lease).
    pass.registered(registered, &mut leased, &elsewhere, &running);
    // 2. Leases git does not know: stale when their folder is gone; a folder still there is an
    //    unregistered folder (step 3).
    let lease_of_dir = pass.unknown_leases(leased);
    // 3. Unregistered folders under .worktrees/<project>/.
    pass.unregistered(&all_registered_paths, &lease_of_dir, &creating, &running);
    // 4. Task branches no worktree uses.
    branches(repo, &pass.main, opts, &mut pass.report);
    // 5. Folders a removal moved away but did not get to delete.
    trash(repo, opts, &mut pass.report);
    // 6. Jobs whose process died.
    jobs(pass.store, opts, &mut pass.report);
    Ok(pass.report)
}

impl Pass<'_> {
    /// Step 1: each registered task worktree is judged, and removed when it is an orphan. Takes
    /// the leases of the worktrees it handles out of `leased`.
    fn registered(
        &mut self,
        registered: BTreeMap<(String, String), Registered>,
        leased: &mut BTreeMap<(String, String), Lease>,
        elsewhere: &BTreeMap<(String, String), Lease>,
        running: &LiveJobs,
    ) {
        let (repo, opts) = (self.repo, self.opts);
        let key = repo.key();
        let here = self.store.host().clone();
        for ((p, t), reg) in registered {
            let Some(target) = Target::in_repo(&repo.info.main_root, &p, &t) else {
                continue;
            };
            let key_pt = (p.clone(), t.clone());
            let lease = leased
                .remove(&key_pt)
                .or_else(|| elsewhere.get(&key_pt).cloned());
            if !reg.present {
                if let Some(reason) = &reg.locked {
                    self.report.kept.push(
                        Item::new(
                            "missing-worktree",
                            format!("folder is gone but the entry is locked ({reason})"),
                        )
                        .target(&target),
                    );
                    continue;
                }
                self.handle(
                    &target,
                    |_, _| Verdict::Remove("its folder is gone".into()),
                    "missing-worktree",
                );
                continue;
            }
            let cand = Candidate {
                target: target.clone(),
                lease,
                reg,
            };
            match judge(&cand, repo, opts, running, &here) {
                Verdict::Keep(reason) => self
                    .report
                    .kept
                    .push(Item::new("worktree", reason).target(&target)),
                Verdict::Remove(_) => {
                    self.handle(
                        &target,
                        |store, main| {
                            // Re-check under the lock: the owner may have come back, or someone
                            // used it.
                            let lease = store
                                .lease(&key, &target.project, &target.task)
                                .ok()
                                .flatten();
                            let reg = match super::remove::registration(main, &target) {
                                Ok(Some(r)) if r.present => r,
                                _ => return Verdict::Keep("it changed while cleanup ran".into()),
                            };
                            judge(
                                &Candidate {
                                    target: target.clone(),
                                    lease,
                                    reg,
                                },
                                repo,
                                opts,
                                &live_jobs(store),
                                &here,
                            )
                        },
                        "worktree",
                    );
                }
            }
        }
    }

    /// Step 2: leases git does not know. One whose folder is gone is stale and deleted; one
    /// whose folder is still there is returned, by folder, for step 3.
    fn unknown_leases(
        &mut self,
        leased: BTreeMap<(String, String), Lease>,
    ) -> BTreeMap<PathBuf, Lease> {
        let mut lease_of_dir: BTreeMap<PathBuf, Lease> = BTreeMap::new();
        for ((p, t), lease) in leased {
            let Some(target) = Target::in_repo(&self.repo.info.main_root, &p, &t) else {
                continue;
            };
            if Path::new(&lease.path).exists() {
                lease_of_dir.insert(PathBuf::from(&lease.path), lease);
                continue;
            }
            let item = Item::new("stale-lease", "no worktree and no folder").target(&target);
            if self.opts.dry_run {
                self.report.removed.push(item);
            } else {
                match self.store.release_lease(lease.id, None) {
                    Ok(_) => self.report.removed.push(item),
                    Err(e) => self.report.errors.push(Item {
                        reason: e.to_string(),
                        ..item
                    }),
                }
            }
        }
        lease_of_dir
    }

    /// Step 3: folders under `.worktrees/<project>/` that git does not know. Only what wfc made
    /// (a creation marker), idle long enough and with no live job in it, is removed.
    fn unregistered(
        &mut self,
        all_registered_paths: &BTreeSet<PathBuf>,
        lease_of_dir: &BTreeMap<PathBuf, Lease>,
        creating: &BTreeSet<(String, String)>,
        running: &LiveJobs,
    ) {
        let (repo, opts) = (self.repo, self.opts);
        let root = &repo.info.main_root;
        for dir in project_dirs(repo, opts) {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<(PathBuf, std::fs::FileType)> = read
                .flatten()
                .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (path, ftype) in entries {
                if all_registered_paths.contains(&path) {
                    continue;
                }
                if ftype.is_symlink() {
                    self.report.kept.push(
                        Item::new(
                            "unregistered-dir",
                            "a symbolic link, not made by wfc; cleanup never follows it",
                        )
                        .path(&path),
                    );
                    continue;
                }
                if !ftype.is_dir() {
                    continue;
                }
                let ids = super::parse_path(root, &path);
                if ids.as_ref().is_some_and(|k| creating.contains(k)) {
                    continue;
                }
                let base = Item::new("unregistered-dir", "").path(&path);
                let base = match &ids {
                    Some((p, t)) => Item {
                        project_id: Some(p.clone()),
                        task_id: Some(t.clone()),
                        ..base
                    },
                    None => base,
                };
                let keep = |reason: String| Item {
                    reason,
                    ..base.clone()
                };
                if path.join(".git").is_dir() {
                    self.report
                        .kept
                        .push(keep("contains a git repository of its own".into()));
                    continue;
                }
                if opts.protect.as_ref().is_some_and(|p| p.starts_with(&path)) {
                    self.report
                        .kept
                        .push(keep("the current directory is inside it".into()));
                    continue;
                }
                let made = ids
                    .as_ref()
                    .and_then(|(p, t)| Target::in_repo(root, p, t))
                    .filter(|t| t.path == path && pending::is_made(repo, t));
                let Some(made) = made else {
                    self.report.kept.push(keep(
                        "not registered with git and not made by wfc (no creation marker)".into(),
                    ));
                    continue;
                };
                if let Err(e) = running {
                    self.report
                        .kept
                        .push(keep(format!("cannot tell whether a job runs in it: {e}")));
                    continue;
                }
                if let Some(j) = running
                    .as_ref()
                    .ok()
                    .and_then(|jobs| job_in(jobs, repo, &made))
                {
                    self.report.kept.push(keep(format!(
                        "{} job {} runs in it (pid {} is alive)",
                        j.kind,
                        j.id,
                        j.pid.unwrap_or_default()
                    )));
                    continue;
                }
                let idle = idle_for(opts.now, mtime(&path)).unwrap_or_default();
                if idle < opts.older_than {
                    self.report.kept.push(keep(format!(
                        "not registered with git, but modified {} ago; removed after {} idle",
                        short(idle),
                        short(opts.older_than)
                    )));
                    continue;
                }
                let item = keep(format!(
                    "made by wfc, no longer registered with git; idle {}",
                    short(idle)
                ));
                if opts.dry_run {
                    self.report.removed.push(item);
                    continue;
                }
                match self.remove_unregistered(&path, &made, lease_of_dir.get(&path)) {
                    Ok(Some(trash)) => {
                        let _ = delete_trash(&trash);
                        self.report.removed.push(item);
                    }
                    Ok(None) => self
                        .report
                        .kept
                        .push(keep("it changed while cleanup ran".into())),
                    Err(e) => self.report.errors.push(keep(e.to_string())),
                }
            }
        }
    }

    /// Moves an unregistered folder wfc made to the trash under the worktrees lock, unless git
    /// registered it meanwhile or it is gone; returns where it went.
    fn remove_unregistered(
        &mut self,
        path: &Path,
        made: &Target,
        lease: Option<&Lease>,
    ) -> Result<Option<PathBuf>, WorktreeError> {
        let _lock = self.repo.lock(self.opts.lock_timeout, self.notify)?;
        let now_registered = gitwt::list(&self.main)?.into_iter().any(|r| r.path == path);
        if now_registered || !path.exists() {
            return Ok(None);
        }
        let trash = self.repo.to_trash(path)?;
        pending::clear_made(self.repo, made)?;
        if let Some(l) = lease {
            self.store.release_lease(l.id, None)?;
        }
        Ok(Some(trash))
    }

    /// Removes one worktree step 1 judged an orphan: under the lock, after `recheck` says it
    /// still is one (a dry run only reports what would happen).
    fn handle(
        &mut self,
        target: &Target,
        recheck: impl FnOnce(&mut dyn Backend, &Repository) -> Verdict,
        kind: &'static str,
    ) {
        let (repo, opts) = (self.repo, self.opts);
        let report = &mut self.report;
        if opts.dry_run {
            let reason = match recheck(self.store, &self.main) {
                Verdict::Remove(r) | Verdict::Keep(r) => r,
            };
            report.removed.push(Item::new(kind, reason).target(target));
            match gitwt::is_merged(&self.main, &target.branch) {
                Ok(Some(true)) => report
                    .removed
                    .push(Item::new("branch", "merged into HEAD").target(target)),
                Ok(Some(false)) if opts.delete_branch => report
                    .removed
                    .push(Item::new("branch", "not merged; --delete-branch given").target(target)),
                Ok(Some(false)) => report.kept.push(
                    Item::new("branch", "not merged into HEAD; --delete-branch deletes it")
                        .target(target),
                ),
                _ => {}
            }
            return;
        }
        let lock = match repo.lock(opts.lock_timeout, self.notify) {
            Ok(l) => l,
            Err(e) => {
                report
                    .errors
                    .push(Item::new(kind, e.to_string()).target(target));
                return;
            }
        };
        let reason = match recheck(self.store, &self.main) {
            Verdict::Keep(reason) => {
                report.kept.push(Item::new(kind, reason).target(target));
                return;
            }
            Verdict::Remove(reason) => reason,
        };
        let ropts = RemoveOptions {
            force: opts.force,
            delete_branch: opts.delete_branch,
            protect: opts.protect.clone(),
        };
        let result = remove_locked(repo, &self.main, self.store, target, &ropts);
        drop(lock);
        match result {
            Ok(mut done) => {
                finish(&mut done);
                let mut item = Item::new(kind, reason).target(target);
                if let Some(left) = &done.leftover {
                    item.reason.push_str(&format!(" (could not delete {left})"));
                }
                report.removed.push(item);
                if done.branch_deleted {
                    let why = if opts.delete_branch {
                        "deleted with its worktree (--delete-branch)"
                    } else {
                        "merged into HEAD"
                    };
                    report.removed.push(Item::new("branch", why).target(target));
                }
                if let Some(why) = done.branch_kept {
                    report.kept.push(Item::new("branch", why).target(target));
                }
            }
            Err(e) => report
                .errors
                .push(Item::new(kind, e.to_string()).target(target)),
        }
    }

    /// Step 0: rolls back creations whose process died (see [`super::pending`]) and reports
    /// live ones as kept. Returns every (project, task) it reported, for the later steps to
    /// leave alone.
    fn interrupted_creations(&mut self) -> BTreeSet<(String, String)> {
        let (repo, opts) = (self.repo, self.opts);
        let main = &self.main;
        let store = &mut *self.store;
        let notify = &mut *self.notify;
        let report = &mut self.report;
        let mut seen = BTreeSet::new();
        for (p, t, marker) in pending::list(repo) {
            if !in_scope(opts, &p) {
                continue;
            }
            let Some(target) = Target::in_repo(&repo.info.main_root, &p, &t) else {
                continue;
            };
            seen.insert((p, t));
            let item = |reason: String| Item::new("interrupted-create", reason).target(&target);
            if marker.is_live() {
                report
                    .kept
                    .push(item(format!("being created by pid {}", marker.pid)));
                continue;
            }
            let why = format!(
                "creation by pid {} was killed before it finished; the path was never handed out",
                marker.pid
            );
            if opts.dry_run {
                report.removed.push(item(why));
                continue;
            }
            let result = (|| -> Result<Option<pending::RolledBack>, WorktreeError> {
                let _lock = repo.lock(opts.lock_timeout, notify)?;
                // Re-read under the lock: another create of the task may have finished the job.
                match pending::read(repo, &target) {
                    Some(m) if !m.is_live() => Ok(Some(pending::roll_back_locked(
                        repo, main, store, &target, &m,
                    )?)),
                    _ => Ok(None),
                }
            })();
            match result {
                Ok(Some(mut done)) => {
                    if let Some(t) = done.trash.take() {
                        let _ = delete_trash(&t);
                    }
                    report.removed.push(item(why));
                    if done.branch_deleted {
                        report.removed.push(
                            Item::new("branch", "made by the interrupted creation").target(&target),
                        );
                    }
                    if let Some(k) = done.branch_kept {
                        report.kept.push(Item::new("branch", k).target(&target));
                    }
                }
                Ok(None) => report
                    .kept
                    .push(item("it changed while cleanup ran".into())),
                Err(e) => report.errors.push(item(e.to_string())),
            }
        }
        seen
    }
}

fn project_dirs(repo: &Repo, opts: &CleanupOptions) -> Vec<PathBuf> {
    let root = repo.worktrees_root();
    match &opts.project {
        Some(p) => vec![root.join(p)],
        None => {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
                .map(|r| {
                    r.flatten()
                        .filter(|e| {
                            e.file_name()
                                .to_str()
                                .is_some_and(|n| ProjectId::parse(n).is_ok())
                                // Never a link: cleanup deletes only inside real folders.
                                && e.file_type().is_ok_and(|t| t.is_dir())
                        })
                        .map(|e| e.path())
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        }
    }
}

fn branches(repo: &Repo, main: &Repository, opts: &CleanupOptions, report: &mut Report) {
    let prefix = match &opts.project {
        Some(p) => format!("wfc/{p}/"),
        None => "wfc/".to_string(),
    };
    let Ok(iter) = main.branches(Some(BranchType::Local)) else {
        return;
    };
    let mut names: Vec<String> = iter
        .flatten()
        .filter_map(|(b, _)| b.name().ok().flatten().map(str::to_string))
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    let used: BTreeSet<String> = gitwt::list(main)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| {
            gitwt::open(&r.path)
                .ok()
                .and_then(|w| gitwt::head_branch(&w))
        })
        .chain(gitwt::head_branch(main))
        .collect();
    // Branches of worktrees handled above were reported with them.
    let reported: BTreeSet<String> = report
        .removed
        .iter()
        .chain(&report.kept)
        .chain(&report.errors)
        .filter_map(|i| i.branch.clone())
        .collect();
    for name in names {
        if reported.contains(&name) {
            continue;
        }
        let mut parts = name.splitn(3, '/');
        let (_, Some(p), Some(t)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Some(target) = Target::in_repo(&repo.info.main_root, p, t) else {
            continue;
        };
        if used.contains(&name) || target.path.exists() {
            continue;
        }
        match gitwt::is_merged(main, &name) {
            Ok(Some(true)) => {
                let item = Item::new("branch", "merged into HEAD and no worktree uses it")
                    .target(&target);
                if opts.dry_run {
                    report.removed.push(item);
                } else {
                    match gitwt::delete_branch(main, &name) {
                        Ok(_) => report.removed.push(item),
                        Err(e) => report.errors.push(Item {
                            reason: e.to_string(),
                            ..item
                        }),
                    }
                }
            }
            Ok(Some(false)) => report.kept.push(
                Item::new(
                    "branch",
                    "no worktree uses it, but it is not merged into HEAD (`wfc worktree remove <task> --delete-branch` deletes it)",
                )
                .target(&target),
            ),
            Ok(None) => {}
            Err(e) => report
                .errors
                .push(Item::new("branch", e.to_string()).target(&target)),
        }
    }
}

fn trash(repo: &Repo, opts: &CleanupOptions, report: &mut Report) {
    // Only a real folder holds what wfc moved there; a link would empty its target.
    let dir = match repo.checked_trash(false) {
        Ok(Some(d)) => d,
        Ok(None) => return,
        Err(e) => {
            report
                .errors
                .push(Item::new("trash", e.to_string()).path(&repo.trash_dir()));
            return;
        }
    };
    let Ok(read) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut entries: Vec<_> = read.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // `<name>.<pid>.<nanos>`: a live pid is still deleting it.
        let Some(pid) = super::trash_entry_pid(&name) else {
            report.kept.push(
                Item::new(
                    "trash",
                    "not named like something wfc moved there; delete it yourself if it is not needed",
                )
                .path(&path),
            );
            continue;
        };
        if crate::process::is_alive(pid) {
            continue;
        }
        let item = Item::new("trash", "left behind by an interrupted removal").path(&path);
        if opts.dry_run {
            report.removed.push(item);
            continue;
        }
        match delete_trash(&path) {
            Ok(()) => report.removed.push(item),
            Err(e) => report.errors.push(Item {
                reason: e.to_string(),
                ..item
            }),
        }
    }
    if !opts.dry_run {
        // Only succeeds when empty.
        let _ = std::fs::remove_dir(&dir);
    }
}

fn jobs(store: &mut dyn Backend, opts: &CleanupOptions, report: &mut Report) {
    let running = match store.running_jobs(opts.project.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            report.errors.push(Item::new("job", e.to_string()));
            return;
        }
    };
    let here = store.host().clone();
    for job in running {
        let mut item = Item::new("job", "");
        item.job_id = Some(job.id.clone());
        item.project_id = Some(job.project_id.clone());
        let Some(pid) = job.owner.as_ref().map(|o| o.pid).or(job.pid) else {
            item.reason = "running, with no process recorded".into();
            report.kept.push(item);
            continue;
        };
        if let Some(why) = super::owner_lives(job.owner.as_ref(), job.pid, &here) {
            item.reason = why;
            report.kept.push(item);
            continue;
        }
        item.reason = format!(
            "{} job started {}: pid {pid} is gone",
            job.kind, job.started_at
        );
        if opts.dry_run {
            report.jobs_interrupted.push(item);
            continue;
        }
        match store.interrupt_job(opts.now, &job.id, false) {
            Ok(true) => report.jobs_interrupted.push(item),
            Ok(false) => {}
            Err(e) => report.errors.push(Item {
                reason: e.to_string(),
                ..item
            }),
        }
    }
}
