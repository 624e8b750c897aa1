//! The review gate: which tree a commit will have, whether a review lets it through, and the
//! trailer that carries the verdict into the commit (DESIGN.md "Gate").
//!
//! - [`trailer`]: the `Review-Hash` format, its hash, and where it sits in a message.
//! - [`hooks`]: the hooks directory git uses, installing and restoring hook scripts, and other
//!   hook managers.
//! - [`verify`]: checking every commit of a range, for CI.

pub mod hooks;
pub use crate::review::policy;
pub mod signature;
pub mod trailer;
pub mod verify;

use git2::{Oid, Repository};

use crate::git::commit::Shape;
use crate::git::{GitError, RepoInfo, ctx};
use crate::store::{Backend, StoreError, jobs};
use policy::Policy;
use trailer::{Found, Verdict};

/// The tree of the commit `rev` names.
pub fn rev_tree(repo: &Repository, rev: &str) -> Result<(Oid, Oid), GitError> {
    let obj = repo.revparse_single(rev).map_err(|e| GitError::Invalid {
        message: format!("cannot resolve {rev:?}: {}", e.message()),
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

/// What lets a change through the gate.
#[derive(Debug, Clone)]
pub enum Grant {
    /// A passing or bypassed review recorded for exactly this change under this policy.
    Review(Box<jobs::Job>),
    /// HEAD carries a valid trailer for exactly this change under this policy: a commit that
    /// only rewrites the message (`--amend`) keeps HEAD's verdict.
    Head { commit: Oid, verdict: Verdict },
    /// The commit adds nothing: its tree is its parent's, or a merge's tree is the automatic
    /// merge of its parents. Nothing to review, no trailer needed.
    NoChange,
}

impl Grant {
    pub fn verdict(&self) -> Verdict {
        match self {
            Grant::Review(job) => {
                Verdict::from_status(job.status.as_str()).unwrap_or(Verdict::Passed)
            }
            Grant::Head { verdict, .. } => *verdict,
            Grant::NoChange => Verdict::Passed,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Grant::Review(job) => format!("review {} ({})", job.id, job.status),
            Grant::Head { commit, verdict } => {
                format!(
                    "HEAD {} ({verdict}), which made the same change",
                    short(*commit)
                )
            }
            Grant::NoChange => "no change to review".to_string(),
        }
    }
}

/// The abbreviated form of an object id.
pub fn short(id: Oid) -> String {
    let s = id.to_string();
    s[..s.len().min(12)].to_string()
}

/// The commit being made from the index: its shape, and the policy committed in its first
/// parent (HEAD; HEAD's parent under `--amend`).
pub fn pending(repo: &Repository, info: &RepoInfo) -> Result<(Shape, Policy), GateError> {
    let parents = crate::git::commit::pending_parents(repo, &info.git_dir)?;
    let shape = crate::git::commit::shape(repo, &parents)?;
    let policy = Policy::at_commit(repo, shape.first_parent, "HEAD")?;
    Ok((shape, policy))
}

/// An existing commit's shape, and the policy committed in its first parent (the HEAD it was
/// made on).
pub fn of_commit(
    repo: &Repository,
    commit: &git2::Commit<'_>,
) -> Result<(Shape, Policy), GateError> {
    let shape = crate::git::commit::of_commit(repo, commit)?;
    let policy = Policy::at_commit(repo, commit.parent_ids().next(), "the parent")?;
    Ok((shape, policy))
}

/// The audit heads carried by signed review attestations in `range` (default: everything
/// reachable from HEAD): `(seq, hash, "commit <id>")`.
pub fn audit_anchors(
    repo: &Repository,
    range: Option<&str>,
) -> Result<Vec<(i64, String, String)>, GitError> {
    let mut walk = repo.revwalk().map_err(ctx("cannot walk the history"))?;
    match range {
        Some(r) if r.contains("..") => walk
            .push_range(r)
            .map_err(ctx(format!("cannot walk {r}")))?,
        Some(r) => {
            let id = repo
                .revparse_single(r)
                .and_then(|o| o.peel_to_commit())
                .map_err(ctx(format!("cannot resolve {r}")))?
                .id();
            walk.push(id).map_err(ctx("cannot walk the history"))?;
        }
        None => {
            if walk.push_head().is_err() {
                return Ok(Vec::new());
            }
        }
    }
    let mut out = Vec::new();
    for id in walk {
        let id = id.map_err(ctx("cannot walk the history"))?;
        let commit = repo
            .find_commit(id)
            .map_err(ctx(format!("cannot read commit {id}")))?;
        let message = trailer::decode(commit.message_bytes()).0;
        if let Some(att) = trailer::attestation(&message)
            && let Some((seq, hash)) = att.audit
        {
            out.push((seq, hash, format!("commit {}", short(id))));
        }
    }
    Ok(out)
}

/// Finds what lets the change `shape` -> `tree` through under `policy`: a recorded review of
/// exactly that change, else HEAD's own valid trailer for it, else nothing when the change is
/// empty.
pub fn grant_for_change(
    store: &mut dyn Backend,
    info: &RepoInfo,
    repo: &Repository,
    shape: &Shape,
    tree: Oid,
    policy: &Policy,
) -> Result<Option<Grant>, GateError> {
    let tree_hex = tree.to_string();
    if shape.base_tree == tree {
        return Ok(Some(Grant::NoChange));
    }
    let digest = policy.digest();
    if let Some(job) =
        store.grant_for_change(&repo_key(info), &shape.parents_key(), &tree_hex, &digest)?
    {
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
        Found::Valid(h) if h.matches_v2(&shape.parent_trees, &tree_hex, &digest) => {
            Ok(Some(Grant::Head {
                commit: head.id(),
                verdict: h.verdict,
            }))
        }
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
    #[error(transparent)]
    Policy(#[from] policy::PolicyError),
}
