//! Git access through git2: finding the main repository from anywhere inside it.
//!
//! `git2::Repository` is not `Sync`; open one per thread with [`RepoInfo::open`].

pub mod commit;
pub mod worktree;

use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("not a git repository (or any parent up to the root): {path}")]
    NotARepository { path: PathBuf },
    #[error("{path} is a bare repository; wfc needs a working tree")]
    Bare { path: PathBuf },
    #[error("{context}")]
    Git {
        context: String,
        #[source]
        source: git2::Error,
    },
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// What the caller asked for cannot be done as asked (an unknown revision, a bad range).
    #[error("{message}")]
    Invalid { message: String },
    /// Another process held what was needed for too long.
    #[error("{message}")]
    Busy { message: String },
    #[error("{message}")]
    Other { message: String },
}

impl GitError {
    /// Whether the request was at fault (no repository, a bare one, an unknown revision), not
    /// the repository or the machine.
    pub fn is_invalid(&self) -> bool {
        matches!(
            self,
            GitError::NotARepository { .. } | GitError::Bare { .. } | GitError::Invalid { .. }
        )
    }

    /// The same failure, as a message of the same class (for an error that must be reported
    /// again after being borrowed).
    pub fn restated(&self) -> GitError {
        let message = self.to_string();
        match self {
            e if e.is_invalid() => GitError::Invalid { message },
            GitError::Busy { .. } => GitError::Busy { message },
            _ => GitError::Other { message },
        }
    }

    pub fn git(context: impl Into<String>, source: git2::Error) -> GitError {
        GitError::Git {
            context: context.into(),
            source,
        }
    }
}

/// Process-wide git2 settings, set once at start-up before any repository is opened.
///
/// Objects read are not hashed again to check their id, as git itself does not on every read
/// (`git fsck` does): a review reads every blob of its change once, and re-hashing them with the
/// collision-detecting SHA-1 cost as much as the rest of reading them. Nor are the objects an
/// index entry names read again when a checkout writes them (a quarter of a worktree's checkout).
pub fn init() {
    git2::opts::strict_hash_verification(false);
    git2::opts::strict_object_creation(false);
}

/// Opens the index git uses right now: `$GIT_INDEX_FILE` in a hook (relative to the work tree),
/// else the repository's.
pub fn open_index(
    repo: &git2::Repository,
    index_file: Option<&Path>,
) -> Result<git2::Index, GitError> {
    match index_file {
        Some(p) => {
            let p = if p.is_absolute() {
                p.to_path_buf()
            } else {
                repo.workdir()
                    .map(|w| w.join(p))
                    .unwrap_or_else(|| p.to_path_buf())
            };
            git2::Index::open(&p).map_err(ctx(format!("cannot read the index {}", p.display())))
        }
        None => repo.index().map_err(ctx("cannot read the index")),
    }
}

/// Writes the tree of `index` (objects only; the index file is not touched).
pub fn tree_of_index(
    repo: &git2::Repository,
    index: &mut git2::Index,
) -> Result<git2::Oid, GitError> {
    if index.has_conflicts() {
        return Err(GitError::Other {
            message: "the index has unresolved merge conflicts".into(),
        });
    }
    index
        .write_tree_to(repo)
        .map_err(ctx("cannot compute the staged tree"))
}

/// The staged tree: the tree of the index git uses right now (see [`open_index`]).
pub fn staged_tree(
    repo: &git2::Repository,
    index_file: Option<&Path>,
) -> Result<git2::Oid, GitError> {
    tree_of_index(repo, &mut open_index(repo, index_file)?)
}

/// Builds a closure that wraps a git2 error with context, for `map_err`.
pub fn ctx(context: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError {
    let context = context.into();
    move |source| GitError::Git { context, source }
}

/// Where the repository is, seen from the current directory.
#[derive(Debug, Clone)]
pub struct RepoInfo {
    /// Work tree of the repository's common dir: the namespace root for every project.
    pub main_root: PathBuf,
    /// The common git dir (`<main>/.git`).
    pub common_dir: PathBuf,
    /// The git dir of the worktree we are in (equal to `common_dir` in the main checkout).
    pub git_dir: PathBuf,
    /// Top of the worktree we are in.
    pub workdir: PathBuf,
    /// True inside a linked worktree.
    pub is_linked: bool,
}

fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl RepoInfo {
    /// Finds the repository containing `start`; `Ok(None)` when there is none.
    pub fn discover(start: &Path) -> Result<Option<RepoInfo>, GitError> {
        Ok(Self::discover_open(start)?.map(|(info, _)| info))
    }

    /// [`discover`](Self::discover), keeping the repository it opened: the worktree we are in, as
    /// [`open_current`](Self::open_current) would open it again.
    pub fn discover_open(start: &Path) -> Result<Option<(RepoInfo, git2::Repository)>, GitError> {
        let repo = match git2::Repository::discover(start) {
            Ok(r) => r,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(e) => {
                return Err(GitError::git(
                    format!("cannot open the git repository at {}", start.display()),
                    e,
                ));
            }
        };
        let Some(workdir) = repo.workdir().map(canon) else {
            return Err(GitError::Bare {
                path: canon(repo.path()),
            });
        };
        let git_dir = canon(repo.path());
        let common_dir = canon(repo.commondir());
        let is_linked = repo.is_worktree();
        let main_root = if is_linked {
            let main = git2::Repository::open(&common_dir).map_err(ctx(format!(
                "cannot open the main repository at {}",
                common_dir.display()
            )))?;
            match main.workdir() {
                Some(w) => canon(w),
                None => common_dir
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| common_dir.clone()),
            }
        } else {
            workdir.clone()
        };
        let info = RepoInfo {
            main_root,
            common_dir,
            git_dir,
            workdir,
            is_linked,
        };
        Ok(Some((info, repo)))
    }

    /// Like [`discover`](Self::discover), but outside a repository is an error.
    pub fn require(start: &Path) -> Result<RepoInfo, GitError> {
        Self::discover(start)?.ok_or_else(|| GitError::NotARepository {
            path: start.to_path_buf(),
        })
    }

    /// Opens the main repository (one handle per thread).
    pub fn open_main(&self) -> Result<git2::Repository, GitError> {
        git2::Repository::open(&self.main_root).map_err(ctx(format!(
            "cannot open the git repository at {}",
            self.main_root.display()
        )))
    }

    /// Opens the worktree we are in.
    pub fn open_current(&self) -> Result<git2::Repository, GitError> {
        git2::Repository::open(&self.workdir).map_err(ctx(format!(
            "cannot open the git repository at {}",
            self.workdir.display()
        )))
    }

    /// The repository's directory name, the default project id source.
    pub fn dir_name(&self) -> String {
        self.main_root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// `<common dir>/info/exclude`, shared by every worktree.
    pub fn exclude_file(&self) -> PathBuf {
        self.common_dir.join("info").join("exclude")
    }
}

/// Adds `entries` to `.git/info/exclude` when missing; returns the ones added.
///
/// The file is rewritten under `<common dir>/wfc-exclude.lock`, re-read after the lock is taken,
/// so that wfc processes adding different entries at once never drop one another's.
pub fn ensure_excluded(info: &RepoInfo, entries: &[&str]) -> Result<Vec<String>, GitError> {
    let path = info.exclude_file();
    if missing_excludes(&path, entries)?.1.is_empty() {
        return Ok(Vec::new());
    }
    let lock_path = info.common_dir.join("wfc-exclude.lock");
    let _lock = crate::lock::FileLock::acquire(&lock_path, Duration::from_secs(30), &mut |_| {})
        .map_err(|e| {
            let message = format!("cannot update {}: {e}", path.display());
            match e {
                crate::lock::LockError::Timeout { .. } => GitError::Busy { message },
                _ => GitError::Other { message },
            }
        })?;
    let (current, missing) = missing_excludes(&path, entries)?;
    if missing.is_empty() {
        return Ok(missing);
    }
    let present: Vec<&str> = current.lines().map(str::trim).collect();
    let mut next = current.clone();
    if !next.is_empty() && !next.ends_with('\n') {
        next.push('\n');
    }
    if !present.contains(&"# wfc") {
        next.push_str("# wfc\n");
    }
    for m in &missing {
        next.push_str(m);
        next.push('\n');
    }
    crate::fsutil::write_atomic(&path, next.as_bytes()).map_err(|e| GitError::Other {
        message: e.to_string(),
    })?;
    Ok(missing)
}

/// The exclude file's text and the `entries` it lacks.
fn missing_excludes(path: &Path, entries: &[&str]) -> Result<(String, Vec<String>), GitError> {
    let current = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(GitError::Io {
                context: format!("cannot read {}", path.display()),
                source: e,
            });
        }
    };
    let missing = {
        let present: Vec<&str> = current.lines().map(str::trim).collect();
        entries
            .iter()
            .filter(|e| !present.contains(e))
            .map(|e| e.to_string())
            .collect()
    };
    Ok((current, missing))
}
