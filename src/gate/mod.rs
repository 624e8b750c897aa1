//! The review gate: which tree a commit will have, whether a review lets it through, and the
//! trailer that carries the verdict into the commit (DESIGN.md "Gate").
//!
//! - [`trailer`]: the `Review-Hash` format, its hash, and where it sits in a message.
//! - [`hooks`]: the hooks directory git uses, installing and restoring hook scripts, and other
//!   hook managers.
//! - [`verify`]: checking every commit of a range, for CI.

pub mod hooks;
pub mod signature;
pub mod trailer;
pub mod verify;

use std::path::Path;

use git2::{Oid, Repository};

use crate::git::{GitError, RepoInfo, ctx};
use crate::store::{Store, StoreError, jobs};
use trailer::{Found, Verdict};

/// The tree the index would commit: `$GIT_INDEX_FILE` when git set it (the index of
/// `git commit -a`, `git commit <paths>` or `--amend`), else the worktree's index.
///
/// The index is only read, never locked; the tree objects are written to the object database as
/// `git commit` itself does.
pub fn index_tree(
    repo: &Repository,
    workdir: &Path,
    index_file: Option<&Path>,
) -> Result<Oid, GitError> {
    let mut index = match index_file {
        Some(p) => {
            let p = if p.is_absolute() {
                p.to_path_buf()
            } else {
                workdir.join(p)
            };
            git2::Index::open(&p).map_err(ctx(format!("cannot read the index {}", p.display())))?
        }
        None => repo.index().map_err(ctx("cannot read the index"))?,
    };
    if index.has_conflicts() {
        return Err(GitError::Other {
            message: "the index has unresolved merge conflicts".into(),
            kind: crate::error::ErrorKind::Failed,
        });
    }
    index
        .write_tree_to(repo)
        .map_err(ctx("cannot compute the tree of the index"))
}

/// The tree of the commit `rev` names.
pub fn rev_tree(repo: &Repository, rev: &str) -> Result<(Oid, Oid), GitError> {
    let obj = repo.revparse_single(rev).map_err(|e| GitError::Other {
        message: format!("cannot resolve {rev:?}: {}", e.message()),
        kind: crate::error::ErrorKind::Usage,
    })?;
    let commit = obj
        .peel_to_commit()
        .map_err(ctx(format!("{rev} is not a commit")))?;
    Ok((commit.id(), commit.tree_id()))
}

/// Whether the worktree is concluding a merge (its commit will have two parents).
pub fn merging(info: &RepoInfo) -> bool {
    info.git_dir.join("MERGE_HEAD").exists()
}

/// The key reviews are recorded under: the canonical common git dir.
pub fn repo_key(info: &RepoInfo) -> String {
    info.common_dir.to_string_lossy().into_owned()
}

/// What lets a tree through the gate.
#[derive(Debug, Clone)]
pub enum Grant {
    /// A passing or bypassed review recorded for exactly this tree.
    Review(Box<jobs::Job>),
    /// HEAD has this very tree and a valid trailer for it: a commit that changes no file
    /// (`--amend` of the message only, `--allow-empty`) inherits HEAD's verdict.
    Head { commit: Oid, verdict: Verdict },
}

impl Grant {
    pub fn verdict(&self) -> Verdict {
        match self {
            Grant::Review(job) => Verdict::from_status(&job.status).unwrap_or(Verdict::Passed),
            Grant::Head { verdict, .. } => *verdict,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Grant::Review(job) => format!("review {} ({})", job.id, job.status),
            Grant::Head { commit, verdict } => {
                format!(
                    "HEAD {} ({verdict}), which has the same tree",
                    short(*commit)
                )
            }
        }
    }
}

/// The abbreviated form of an object id.
pub fn short(id: Oid) -> String {
    let s = id.to_string();
    s[..s.len().min(12)].to_string()
}

/// Finds what lets `tree` through: a recorded review of it, else a valid trailer on HEAD when
/// HEAD has the same tree.
pub fn grant_for_tree(
    store: &Store,
    info: &RepoInfo,
    repo: &Repository,
    tree: Oid,
) -> Result<Option<Grant>, GateError> {
    let tree_hex = tree.to_string();
    if let Some(job) = jobs::passing_for_tree(store, &repo_key(info), &tree_hex)? {
        return Ok(Some(Grant::Review(Box::new(job))));
    }
    let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(None);
    };
    if head.tree_id() != tree {
        return Ok(None);
    }
    let message = trailer::decode(head.message_bytes()).0;
    match trailer::find(&message) {
        Found::Valid(h) if h.matches(&tree_hex) => Ok(Some(Grant::Head {
            commit: head.id(),
            verdict: h.verdict,
        })),
        _ => Ok(None),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GateError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hook(#[from] hooks::HookError),
}
