//! The gate check use case: does the staged tree (or a commit's tree) have a review that lets it
//! through, and if not, what is known about it.

use serde::Serialize;
use serde_json::{Value, json};

use super::{AppError, Session};
use crate::gate::{self, Grant};

/// What `gate check` found: the document `--json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub tree_id: String,
    pub parent_trees: Vec<String>,
    pub policy: String,
    /// `staged` or `rev`.
    pub source: &'static str,
    pub rev: Option<String>,
    pub commit: Option<String>,
    pub passed: bool,
    pub grant: Option<Value>,
    /// Why it does not pass (none when it does).
    pub reason: Option<String>,
    pub latest_job_id: Option<String>,
    /// What was checked, in words ("the staged change", "the change of HEAD").
    #[serde(skip)]
    pub what: String,
    /// How the grant reads, when there is one.
    #[serde(skip)]
    pub granted_by: Option<String>,
    /// The tree id, short.
    #[serde(skip)]
    pub short_tree: String,
}

/// Checks the staged tree (read from `$GIT_INDEX_FILE` when set), or the tree of `rev`.
pub fn check(s: &mut Session, rev: Option<&str>) -> Result<Checked, AppError> {
    let info = s.repo()?.clone();
    let repo = info.open_current()?;
    let (tree, commit, what, shape, policy) = match rev {
        Some(rev) => {
            let (commit, tree) = gate::rev_tree(&repo, rev)?;
            let c = repo
                .find_commit(commit)
                .map_err(crate::git::ctx(format!("cannot read {rev}")))?;
            let (shape, policy) = gate::of_commit(&repo, &c)?;
            (
                tree,
                Some(commit),
                format!("the change of {rev}"),
                shape,
                policy,
            )
        }
        None => {
            let (shape, policy) = gate::pending(&repo, &info)?;
            (
                crate::git::staged_tree(&repo, s.env.git_index_file.as_deref())?,
                None,
                "the staged change".to_string(),
                shape,
                policy,
            )
        }
    };
    let tree_hex = tree.to_string();
    let grant = gate::grant_for_change(s.backend()?, &info, &repo, &shape, tree, &policy)?;
    let latest = match &grant {
        Some(_) => None,
        None => s
            .backend()?
            .latest_for_tree(&gate::repo_key(&info), &tree_hex)?,
    };
    let reason = match (&grant, &latest) {
        (Some(_), _) => None,
        (None, Some(job)) => Some(format!(
            "the latest review of it {} (review {})",
            job.status, job.id
        )),
        (None, None) => Some("it was never reviewed".to_string()),
    };
    let grant_json = grant.as_ref().map(|g| match g {
        Grant::Review(job) => json!({
            "kind": "review",
            "job_id": job.id,
            "status": job.status,
            "verdict": g.verdict(),
            "report_path": job.report_path,
            "bypass_reason": job.bypass_reason,
        }),
        Grant::Head { commit, verdict } => json!({
            "kind": "head-trailer",
            "commit": commit.to_string(),
            "verdict": verdict,
        }),
        Grant::NoChange => json!({ "kind": "no-change", "verdict": g.verdict() }),
    });
    Ok(Checked {
        tree_id: tree_hex,
        parent_trees: shape.parent_trees.clone(),
        policy: policy.short_digest(),
        source: if rev.is_some() { "rev" } else { "staged" },
        rev: rev.map(str::to_string),
        commit: commit.map(|c| c.to_string()),
        passed: grant.is_some(),
        grant: grant_json,
        reason,
        latest_job_id: latest.as_ref().map(|j| j.id.clone()),
        what,
        granted_by: grant.as_ref().map(Grant::describe),
        short_tree: gate::short(tree),
    })
}

/// What `gate verify` was asked for, besides the range.
#[derive(Debug, Clone, Default)]
pub struct VerifyRequest {
    /// Read the policy from this commit instead of the range's base.
    pub policy_from: Option<String>,
    pub allow_v1: bool,
    pub allow_bypassed: bool,
    /// An allowed-signers file (relative to the session's directory): every commit must carry a
    /// signature by one of them.
    pub allowed_signers: Option<std::path::PathBuf>,
    /// Ignore trailers: re-run the policy's built-in reviewers on every commit's change.
    pub rerun: bool,
}

/// Checks that every commit of `range` was reviewed (or passes the policy's reviewers again).
pub fn verify(
    s: &mut Session,
    range: &str,
    req: &VerifyRequest,
) -> Result<crate::gate::verify::Report, AppError> {
    let info = s.repo()?.clone();
    let repo = info.open_current()?;
    let allowed_signers = match &req.allowed_signers {
        Some(p) => {
            let path = s.cwd.join(p);
            Some(std::fs::read_to_string(&path).map_err(|e| {
                AppError::usage(format!(
                    "cannot read the allowed-signers file {}",
                    path.display()
                ))
                .with_cause(e)
            })?)
        }
        None => None,
    };
    let opts = crate::gate::verify::Options {
        policy_from: req.policy_from.clone(),
        allow_v1: req.allow_v1,
        allow_bypassed: req.allow_bypassed,
        allowed_signers,
        rerun: req.rerun,
    };
    let report = crate::gate::verify::verify(&repo, range, &opts).map_err(|e| {
        let hint = matches!(
            e,
            crate::gate::GateError::Git(
                crate::git::GitError::Other { .. } | crate::git::GitError::Invalid { .. }
            )
        );
        let err = AppError::from(e);
        if hint {
            err.with_hint("in CI, fetch the base branch and the full history first (e.g. `git fetch origin main`, checkout with fetch-depth 0)")
        } else {
            err
        }
    })?;
    Ok(report)
}
