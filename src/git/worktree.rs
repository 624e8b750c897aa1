//! Linked worktrees through git2: add one on a task branch, inspect, prune one entry, delete a
//! branch, and per-worktree configuration (`extensions.worktreeConfig`).
//!
//! Nothing here takes the per-repository creation lock; the callers in `crate::worktree` do.

use std::path::{Path, PathBuf};

use git2::{BranchType, Oid, Repository, StatusOptions, WorktreePruneOptions};

use super::{GitError, ctx};

/// Extensions that both git and this build's libgit2 understand. A repository whose format is
/// raised to version 1 makes libgit2 refuse every extension outside its own list, so the format is
/// raised only when every extension already present is in this list.
const SAFE_EXTENSIONS: &[&str] = &["noop", "objectformat", "worktreeconfig", "preciousobjects"];

/// One registered linked worktree, as git records it under `<common dir>/worktrees/<name>`.
#[derive(Debug, Clone)]
pub struct Registered {
    pub name: String,
    /// The working directory git points at (may no longer exist).
    pub path: PathBuf,
    /// The working directory exists.
    pub present: bool,
    /// `git worktree lock` was used on it; the reason when one was given.
    pub locked: Option<String>,
}

/// One changed path in a worktree, as `git status --short` would show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changed {
    /// Two-letter code: index then worktree (`M `, ` M`, `??`, `A `, `D `, ...).
    pub code: String,
    pub path: String,
}

fn other(message: String) -> GitError {
    GitError::Other { message }
}

/// The commit a new task branch starts from: `base` resolved in `repo`, else its HEAD.
pub fn resolve_base(repo: &Repository, base: Option<&str>) -> Result<Oid, GitError> {
    match base {
        Some(spec) => {
            let obj = repo.revparse_single(spec).map_err(|e| GitError::Invalid {
                message: format!("cannot resolve the base {spec:?}: {}", e.message()),
            })?;
            let commit = obj.peel_to_commit().map_err(|e| GitError::Invalid {
                message: format!("the base {spec:?} does not name a commit: {}", e.message()),
            })?;
            Ok(commit.id())
        }
        None => {
            let head = repo.head().map_err(|e| GitError::Other {
                message: format!(
                    "the repository has no commit to start a branch from (HEAD: {})",
                    e.message()
                ),
            })?;
            let commit = head
                .peel_to_commit()
                .map_err(ctx("cannot read the commit HEAD points at"))?;
            Ok(commit.id())
        }
    }
}

pub fn branch_exists(repo: &Repository, branch: &str) -> Result<bool, GitError> {
    match repo.find_branch(branch, BranchType::Local) {
        Ok(_) => Ok(true),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(false),
        Err(e) => Err(GitError::git(format!("cannot read branch {branch}"), e)),
    }
}

/// Creates `branch` at `commit`; fails if it exists.
pub fn create_branch(repo: &Repository, branch: &str, commit: Oid) -> Result<(), GitError> {
    let c = repo
        .find_commit(commit)
        .map_err(ctx(format!("cannot read commit {commit}")))?;
    repo.branch(branch, &c, false)
        .map_err(ctx(format!("cannot create branch {branch}")))?;
    Ok(())
}

/// Whether checking out `commit` could run a filter (end-of-line conversion, `ident`, a filter
/// driver). Filters only apply through gitattributes or end-of-line settings, so without any
/// `.gitattributes` in the tree, `info/attributes`, the user's or system's attributes file
/// (`global_attributes`), `core.attributesFile`, `core.autocrlf` or `core.eol`, every filter
/// would leave the content as it is. Anything unreadable counts as "could".
pub fn may_filter(repo: &Repository, commit: Oid, global_attributes: &[PathBuf]) -> bool {
    let Ok(cfg) = repo.config().and_then(|mut c| c.snapshot()) else {
        return true;
    };
    let autocrlf = cfg
        .get_string("core.autocrlf")
        .ok()
        .map(|v| v.to_ascii_lowercase());
    if autocrlf.is_some_and(|v| !matches!(v.as_str(), "false" | "no" | "off" | "0" | "")) {
        return true;
    }
    if cfg.get_entry("core.eol").is_ok() || cfg.get_entry("core.attributesfile").is_ok() {
        return true;
    }
    // An empty file holds no rule; a file that cannot be read might.
    let counts = |p: &Path| match std::fs::metadata(p) {
        Ok(m) => !(m.is_file() && m.len() == 0),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    };
    if counts(&repo.commondir().join("info").join("attributes"))
        || global_attributes.iter().any(|p| counts(p))
    {
        return true;
    }
    let Ok(tree) = repo.find_commit(commit).and_then(|c| c.tree()) else {
        return true;
    };
    let mut found = false;
    let walked = tree.walk(git2::TreeWalkMode::PreOrder, |_, entry| {
        if entry.name_bytes() == b".gitattributes" {
            found = true;
            git2::TreeWalkResult::Abort
        } else {
            git2::TreeWalkResult::Ok
        }
    });
    found || walked.is_err()
}

/// The worktree (main or linked) that has `refname` checked out, read from the HEAD files.
fn checked_out_at(repo: &Repository, refname: &str) -> Option<PathBuf> {
    let wanted = format!("ref: {refname}");
    let is_it = |head: &Path| std::fs::read_to_string(head).is_ok_and(|h| h.trim_end() == wanted);
    let common = repo.commondir();
    if !repo.is_bare() && is_it(&common.join("HEAD")) {
        return Some(repo.workdir().unwrap_or(common).to_path_buf());
    }
    let entries = std::fs::read_dir(common.join("worktrees")).ok()?;
    for e in entries.flatten() {
        if is_it(&e.path().join("HEAD")) {
            let at = std::fs::read_to_string(e.path().join("gitdir"))
                .map(|g| PathBuf::from(g.trim_end()))
                .unwrap_or_else(|_| e.path());
            return Some(at.parent().map(Path::to_path_buf).unwrap_or(at));
        }
    }
    None
}

fn write_new(path: &Path, text: &str) -> Result<(), GitError> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|source| GitError::Io {
            context: format!("cannot write {}", path.display()),
            source,
        })
}

/// Adds the linked worktree `name` at `path` with `branch` (which must exist) checked out:
/// [`register`], then [`check_out`].
pub fn add(
    repo: &Repository,
    name: &str,
    path: &Path,
    branch: &str,
    global_attributes: &[PathBuf],
) -> Result<(), GitError> {
    let tip = register(repo, name, path, branch)?;
    check_out(
        path,
        &admin_dir(repo.commondir(), name),
        tip,
        global_attributes,
    )
}

/// Registers the linked worktree `name` at `path` on `branch` (which must exist and not be
/// checked out anywhere) and returns the commit the branch points at. `path` must not exist;
/// its parent must. The working directory stays empty until [`check_out`].
///
/// Writes the same files as `git worktree add` (and libgit2's `git_worktree_add`): the entry
/// `<common dir>/worktrees/<name>` with `HEAD`, `commondir` and `gitdir`, locked as
/// "initializing" until the checkout is done so that a concurrent `git worktree prune` leaves
/// it alone, and the worktree's `.git` file. Doing it here rather than in `git_worktree_add`
/// lets the shared part (this) run under wfc's lock and the checkout after it, and lets the
/// checkout skip the per-file attribute lookup when no filter can apply.
pub fn register(repo: &Repository, name: &str, path: &Path, branch: &str) -> Result<Oid, GitError> {
    let b = repo
        .find_branch(branch, BranchType::Local)
        .map_err(ctx(format!("cannot read branch {branch}")))?;
    let refname = format!("refs/heads/{branch}");
    let tip = b
        .get()
        .target()
        .ok_or_else(|| other(format!("branch {branch} points nowhere")))?;
    if let Some(at) = checked_out_at(repo, &refname) {
        return Err(other(format!(
            "branch {branch} is already checked out at {}",
            at.display()
        )));
    }
    let common = repo.commondir();
    let all = common.join("worktrees");
    std::fs::create_dir_all(&all).map_err(io(format!("cannot create {}", all.display())))?;
    let admin = all.join(name);
    std::fs::create_dir(&admin).map_err(io(format!("cannot create {}", admin.display())))?;
    write_new(&admin.join("locked"), "initializing\n")?;
    std::fs::create_dir(path).map_err(io(format!("cannot create {}", path.display())))?;
    write_new(
        &path.join(".git"),
        &format!("gitdir: {}\n", admin.display()),
    )?;
    write_new(&admin.join("commondir"), "../..\n")?;
    write_new(
        &admin.join("gitdir"),
        &format!("{}\n", path.join(".git").display()),
    )?;
    write_new(&admin.join("HEAD"), &format!("ref: {refname}\n"))?;
    Ok(tip)
}

/// Checks out `tip` (the branch's commit) in the worktree at `path` that [`register`] made, then
/// lifts its "initializing" lock. Touches only that worktree's files and its entry `admin`.
/// Filters run only when they could change something (see [`may_filter`]; `global_attributes`
/// are the user's and the system's attributes files): the per-file attribute lookup resolves
/// every file's real path and otherwise costs about a third of the checkout.
pub fn check_out(
    path: &Path,
    admin: &Path,
    tip: Oid,
    global_attributes: &[PathBuf],
) -> Result<(), GitError> {
    let wt = Repository::open(path).map_err(ctx(format!(
        "cannot open the new worktree at {}",
        path.display()
    )))?;
    let mut co = git2::build::CheckoutBuilder::new();
    co.safe()
        .disable_filters(!may_filter(&wt, tip, global_attributes));
    wt.checkout_head(Some(&mut co))
        .map_err(ctx(format!("cannot check out {}", path.display())))?;
    std::fs::remove_file(admin.join("locked"))
        .map_err(io(format!("cannot unlock {}", admin.display())))?;
    Ok(())
}

fn io(what: String) -> impl FnOnce(std::io::Error) -> GitError {
    move |source| GitError::Io {
        context: what,
        source,
    }
}

/// `<common dir>/worktrees/<name>`: the per-worktree git dir.
pub fn admin_dir(common_dir: &Path, name: &str) -> PathBuf {
    common_dir.join("worktrees").join(name)
}

/// The registered worktree `name`, if git knows it.
pub fn find(repo: &Repository, name: &str) -> Result<Option<Registered>, GitError> {
    match repo.find_worktree(name) {
        Ok(wt) => Ok(Some(describe(name, &wt))),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => {
            // A half-written entry (a process killed while adding it): there is a folder but not
            // the files libgit2 needs to open it.
            if admin_dir(repo.commondir(), name).exists() {
                Ok(Some(Registered {
                    name: name.to_string(),
                    path: PathBuf::new(),
                    present: false,
                    locked: None,
                }))
            } else {
                Err(GitError::git(format!("cannot read worktree {name}"), e))
            }
        }
    }
}

fn describe(name: &str, wt: &git2::Worktree) -> Registered {
    let path = wt.path().to_path_buf();
    let present = path.join(".git").exists();
    let locked = match wt.is_locked() {
        Ok(git2::WorktreeLockStatus::Locked(reason)) => Some(
            reason
                .filter(|r| !r.trim().is_empty())
                .unwrap_or_else(|| "locked".into()),
        ),
        _ => None,
    };
    Registered {
        name: name.to_string(),
        path,
        present,
        locked,
    }
}

/// Every registered linked worktree.
pub fn list(repo: &Repository) -> Result<Vec<Registered>, GitError> {
    let names = repo
        .worktrees()
        .map_err(ctx("cannot list the repository's worktrees"))?;
    let mut out = Vec::new();
    for name in names.iter().flatten().flatten() {
        if let Ok(wt) = repo.find_worktree(name) {
            out.push(describe(name, &wt));
        }
    }
    Ok(out)
}

/// Removes the git metadata of the one worktree `name` (never a repository-wide prune). The
/// working directory is not touched. A locked entry is pruned only with `even_locked`.
pub fn prune_entry(repo: &Repository, name: &str, even_locked: bool) -> Result<(), GitError> {
    match repo.find_worktree(name) {
        Ok(wt) => {
            let mut opts = WorktreePruneOptions::new();
            opts.valid(true).locked(even_locked).working_tree(false);
            wt.prune(Some(&mut opts)).map_err(ctx(format!(
                "cannot prune the git metadata of worktree {name}"
            )))
        }
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(()),
        Err(_) => {
            // Half-written entry that libgit2 cannot open: remove its folder, which is all
            // that prune would do.
            let dir = admin_dir(repo.commondir(), name);
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(source) => Err(GitError::Io {
                    context: format!("cannot remove {}", dir.display()),
                    source,
                }),
            }
        }
    }
}

/// Deletes the local `branch`. `Ok(false)` when there was none.
pub fn delete_branch(repo: &Repository, branch: &str) -> Result<bool, GitError> {
    match repo.find_branch(branch, BranchType::Local) {
        Ok(mut b) => {
            b.delete()
                .map_err(ctx(format!("cannot delete branch {branch}")))?;
            Ok(true)
        }
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(false),
        Err(e) => Err(GitError::git(format!("cannot read branch {branch}"), e)),
    }
}

/// Whether every commit of `branch` is reachable from the main checkout's HEAD.
/// `None` when the branch does not exist.
pub fn is_merged(main: &Repository, branch: &str) -> Result<Option<bool>, GitError> {
    let tip = match main.find_branch(branch, BranchType::Local) {
        Ok(b) => match b.get().target() {
            Some(t) => t,
            None => return Ok(Some(false)),
        },
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(GitError::git(format!("cannot read branch {branch}"), e)),
    };
    let head = match main.head().ok().and_then(|h| h.target()) {
        Some(h) => h,
        None => return Ok(Some(false)),
    };
    if head == tip {
        return Ok(Some(true));
    }
    let merged = main
        .graph_descendant_of(head, tip)
        .map_err(ctx(format!("cannot compare {branch} with HEAD")))?;
    Ok(Some(merged))
}

/// What [`enable_worktree_config`] changed in the common config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigChange {
    pub enabled_extension: bool,
    pub raised_format_version: bool,
    pub moved_core_worktree: bool,
}

fn common_config(common_dir: &Path) -> Result<git2::Config, GitError> {
    let path = common_dir.join("config");
    git2::Config::open(&path).map_err(ctx(format!("cannot open {}", path.display())))
}

/// Turns on `extensions.worktreeConfig` so that each worktree can carry its own identity in
/// `<admin dir>/config.worktree`, the way `git sparse-checkout` and `git worktree` do it:
/// the repository format is raised to version 1 (git 2.28.0 honours extensions only there)
/// unless another extension that git or libgit2 might not know is present, in which case it
/// stays at 0, where git (since 2.28.1) and libgit2 still honour `worktreeConfig`; and a
/// `core.worktree` in the shared config moves to the main worktree's own config file.
///
/// Call with the creation lock held: this writes the shared `.git/config`.
pub fn enable_worktree_config(common_dir: &Path) -> Result<ConfigChange, GitError> {
    let mut change = ConfigChange::default();
    let mut cfg = common_config(common_dir)?;
    let snapshot = cfg
        .snapshot()
        .map_err(ctx("cannot read the repository config"))?;
    let enabled = snapshot
        .get_bool("extensions.worktreeconfig")
        .unwrap_or(false);
    let version = snapshot
        .get_i32("core.repositoryformatversion")
        .unwrap_or(0);
    let mut extensions = Vec::new();
    if let Ok(mut entries) = snapshot.entries(Some("^extensions\\.")) {
        while let Some(Ok(entry)) = entries.next() {
            if let Ok(name) = entry.name() {
                extensions.push(name.trim_start_matches("extensions.").to_ascii_lowercase());
            }
        }
    }
    let core_worktree = snapshot.get_string("core.worktree").ok();
    drop(snapshot);

    if let Some(wt) = core_worktree {
        let main_cfg = common_dir.join("config.worktree");
        let mut own = git2::Config::open(&main_cfg)
            .map_err(ctx(format!("cannot open {}", main_cfg.display())))?;
        own.set_str("core.worktree", &wt)
            .map_err(ctx(format!("cannot write {}", main_cfg.display())))?;
        cfg.remove("core.worktree")
            .map_err(ctx("cannot move core.worktree out of the shared config"))?;
        change.moved_core_worktree = true;
    }
    if version == 0
        && extensions
            .iter()
            .all(|e| SAFE_EXTENSIONS.contains(&e.as_str()))
    {
        cfg.set_i32("core.repositoryformatversion", 1)
            .map_err(ctx("cannot raise core.repositoryformatversion to 1"))?;
        change.raised_format_version = true;
    }
    if !enabled {
        cfg.set_bool("extensions.worktreeConfig", true)
            .map_err(ctx("cannot enable extensions.worktreeConfig"))?;
        change.enabled_extension = true;
    }
    Ok(change)
}

/// Undoes what [`enable_worktree_config`] changed.
pub fn revert_worktree_config(common_dir: &Path, change: &ConfigChange) -> Result<(), GitError> {
    let mut cfg = common_config(common_dir)?;
    if change.enabled_extension {
        cfg.remove("extensions.worktreeConfig")
            .map_err(ctx("cannot disable extensions.worktreeConfig"))?;
    }
    if change.raised_format_version {
        cfg.set_i32("core.repositoryformatversion", 0)
            .map_err(ctx("cannot restore core.repositoryformatversion"))?;
    }
    if change.moved_core_worktree {
        let main_cfg = common_dir.join("config.worktree");
        let own = git2::Config::open(&main_cfg)
            .map_err(ctx(format!("cannot open {}", main_cfg.display())))?;
        if let Ok(wt) = own.get_string("core.worktree") {
            cfg.set_str("core.worktree", &wt)
                .map_err(ctx("cannot restore core.worktree"))?;
        }
    }
    Ok(())
}

/// Whether the shared config already has `extensions.worktreeConfig = true`.
pub fn worktree_config_enabled(common_dir: &Path) -> Result<bool, GitError> {
    let cfg = common_config(common_dir)?;
    Ok(cfg.get_bool("extensions.worktreeconfig").unwrap_or(false))
}

/// Writes `user.name` and `user.email` into the worktree's own `config.worktree`.
pub fn write_identity(admin_dir: &Path, name: &str, email: &str) -> Result<(), GitError> {
    let path = admin_dir.join("config.worktree");
    let mut cfg =
        git2::Config::open(&path).map_err(ctx(format!("cannot open {}", path.display())))?;
    cfg.set_str("user.name", name)
        .map_err(ctx(format!("cannot write user.name to {}", path.display())))?;
    cfg.set_str("user.email", email).map_err(ctx(format!(
        "cannot write user.email to {}",
        path.display()
    )))?;
    Ok(())
}

/// Opens the repository of a worktree's working directory.
pub fn open(path: &Path) -> Result<Repository, GitError> {
    Repository::open(path).map_err(ctx(format!(
        "cannot open the worktree at {}",
        path.display()
    )))
}

/// The current branch of a worktree (`None` when detached or unreadable).
pub fn head_branch(repo: &Repository) -> Option<String> {
    let head = repo.find_reference("HEAD").ok()?;
    head.symbolic_target()
        .ok()
        .flatten()
        .map(|t| t.trim_start_matches("refs/heads/").to_string())
}

/// Uncommitted changes of a worktree: staged, unstaged and untracked files (each untracked file
/// on its own), ignored files excluded.
pub fn changes(repo: &Repository) -> Result<Vec<Changed>, GitError> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(false)
        .renames_head_to_index(false);
    let statuses = repo
        .statuses(Some(&mut opts))
        .map_err(ctx("cannot read the status of the worktree"))?;
    let mut out = Vec::with_capacity(statuses.len());
    for entry in statuses.iter() {
        let s = entry.status();
        let Ok(path) = entry.path() else { continue };
        out.push(Changed {
            code: short_code(s),
            path: path.to_string(),
        });
    }
    Ok(out)
}

fn short_code(s: git2::Status) -> String {
    use git2::Status as S;
    if s.contains(S::WT_NEW) && !s.intersects(S::INDEX_NEW | S::INDEX_MODIFIED) {
        return "??".into();
    }
    if s.contains(S::CONFLICTED) {
        return "UU".into();
    }
    let x = if s.contains(S::INDEX_NEW) {
        'A'
    } else if s.contains(S::INDEX_MODIFIED) {
        'M'
    } else if s.contains(S::INDEX_DELETED) {
        'D'
    } else if s.contains(S::INDEX_RENAMED) {
        'R'
    } else if s.contains(S::INDEX_TYPECHANGE) {
        'T'
    } else {
        ' '
    };
    let y = if s.contains(S::WT_MODIFIED) {
        'M'
    } else if s.contains(S::WT_DELETED) {
        'D'
    } else if s.contains(S::WT_RENAMED) {
        'R'
    } else if s.contains(S::WT_TYPECHANGE) {
        'T'
    } else if s.contains(S::WT_NEW) {
        '?'
    } else {
        ' '
    };
    format!("{x}{y}")
}

/// Whether `rel` is tracked in the worktree's index.
pub fn is_tracked(repo: &Repository, rel: &Path) -> bool {
    repo.index()
        .ok()
        .is_some_and(|i| i.get_path(rel, 0).is_some())
}

/// The first path the index of `repo` tracks at `prefix` or below it (`prefix` relative to the
/// work tree, `/`-separated, without a trailing `/`).
pub fn tracked_under(repo: &Repository, prefix: &str) -> Option<String> {
    let index = repo.index().ok()?;
    if index.get_path(Path::new(prefix), 0).is_some() {
        return Some(prefix.to_string());
    }
    // Entries are sorted by path: a binary search finds the first one below `prefix/`.
    let at = index.find_prefix(format!("{prefix}/")).ok()?;
    index
        .get(at)
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn init(dir: &Path) -> Repository {
        let mut o = git2::RepositoryInitOptions::new();
        o.initial_head("main");
        let repo = Repository::init_opts(dir, &o).unwrap();
        {
            let sig = git2::Signature::now("T", "t@example.com").unwrap();
            let tree_id = repo.index().unwrap().write_tree().unwrap();
            let tree = repo.find_tree(tree_id).unwrap();
            repo.commit(Some("HEAD"), &sig, &sig, "i", &tree, &[])
                .unwrap();
        }
        repo
    }

    #[test]
    fn worktree_config_is_readable_by_libgit2_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("r");
        let repo = init(&root);
        let head = resolve_base(&repo, None).unwrap();
        create_branch(&repo, "wfc/p/t", head).unwrap();
        std::fs::create_dir_all(root.join(".worktrees/p")).unwrap();
        let wt_path = root.join(".worktrees/p/wfc-t");
        add(&repo, "wfc.p.t", &wt_path, "wfc/p/t", &[]).unwrap();

        repo.config()
            .unwrap()
            .set_str("user.name", "Owner")
            .unwrap();
        let change = enable_worktree_config(repo.commondir()).unwrap();
        assert!(change.enabled_extension && change.raised_format_version);
        // Idempotent.
        assert_eq!(
            enable_worktree_config(repo.commondir()).unwrap(),
            ConfigChange::default()
        );
        write_identity(
            &admin_dir(repo.commondir(), "wfc.p.t"),
            "WFC Agent (a)",
            "wfc+a@noreply.local",
        )
        .unwrap();

        // libgit2 still opens both, and reads the worktree's own identity only there.
        let main = Repository::open(&root).unwrap();
        let wt = Repository::open(&wt_path).unwrap();
        assert_eq!(
            wt.config().unwrap().get_string("user.name").unwrap(),
            "WFC Agent (a)"
        );
        assert_eq!(
            main.config().unwrap().get_string("user.name").unwrap(),
            "Owner"
        );
        assert_eq!(head_branch(&wt).as_deref(), Some("wfc/p/t"));
        assert_eq!(is_merged(&main, "wfc/p/t").unwrap(), Some(true));
    }

    #[test]
    fn unknown_extension_keeps_format_version_zero() {
        let dir = tempfile::tempdir().unwrap();
        let repo = init(dir.path());
        repo.config()
            .unwrap()
            .set_str("extensions.partialclone", "origin")
            .unwrap();
        let change = enable_worktree_config(repo.commondir()).unwrap();
        assert!(change.enabled_extension);
        assert!(!change.raised_format_version);
        Repository::open(dir.path()).unwrap();
    }

    #[test]
    fn prune_entry_removes_one_entry_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("r");
        let repo = init(&root);
        let head = resolve_base(&repo, None).unwrap();
        for t in ["a", "b"] {
            create_branch(&repo, &format!("wfc/p/{t}"), head).unwrap();
            std::fs::create_dir_all(root.join(".worktrees/p")).unwrap();
            add(
                &repo,
                &format!("wfc.p.{t}"),
                &root.join(format!(".worktrees/p/wfc-{t}")),
                &format!("wfc/p/{t}"),
                &[],
            )
            .unwrap();
        }
        // Both working directories vanish; only one entry is pruned.
        std::fs::remove_dir_all(root.join(".worktrees/p")).unwrap();
        prune_entry(&repo, "wfc.p.a", false).unwrap();
        let names: Vec<String> = list(&repo).unwrap().into_iter().map(|r| r.name).collect();
        assert_eq!(names, vec!["wfc.p.b".to_string()]);
        assert!(delete_branch(&repo, "wfc/p/a").unwrap());
        assert!(!delete_branch(&repo, "wfc/p/a").unwrap());
    }
}
