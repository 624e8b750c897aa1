//! The CI check: every non-merge commit of a range carries a `Review-Hash` trailer made for its
//! own tree. It needs nothing but the repository, so it runs on a fresh clone in CI.

use git2::{Oid, Repository, RevparseMode, Sort};
use serde::Serialize;

use super::trailer::{self, Found, Verdict};
use crate::error::ErrorKind;
use crate::git::{GitError, ctx};

/// The verdict on one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// No trailer (a commit made with `--no-verify`, or without the hooks).
    Missing,
    /// A well-formed trailer made for another tree (amended or rebased after the review).
    Mismatched,
    /// A trailer that cannot be read, or more than one.
    Malformed,
    /// A valid trailer whose verdict is `bypassed`, when bypasses are refused.
    Bypassed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Mismatched => "mismatched",
            Status::Malformed => "malformed",
            Status::Bypassed => "bypassed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitCheck {
    pub commit: String,
    pub tree: String,
    pub subject: String,
    pub status: Status,
    /// The verdict the trailer claims, when it could be read.
    pub verdict: Option<Verdict>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub range: String,
    /// Non-merge commits checked.
    pub checked: usize,
    pub merges_skipped: usize,
    pub offenders: usize,
    pub ok: bool,
    /// Every checked commit, oldest first.
    pub commits: Vec<CommitCheck>,
}

fn usage(message: String) -> GitError {
    GitError::Other {
        message,
        kind: ErrorKind::Usage,
    }
}

fn resolve(repo: &Repository, spec: &str, what: &str) -> Result<Oid, GitError> {
    let obj = repo
        .revparse_single(spec)
        .map_err(|e| usage(format!("cannot resolve {what} {spec:?}: {}", e.message())))?;
    obj.peel_to_commit()
        .map(|c| c.id())
        .map_err(ctx(format!("{spec} is not a commit")))
}

/// The commits of `range` (`A..B`, `A...B`, or one revision for its whole history), oldest
/// first.
fn commits(repo: &Repository, range: &str) -> Result<Vec<Oid>, GitError> {
    let spec = range.trim();
    if spec.is_empty() {
        return Err(usage("the range is empty".into()));
    }
    let mut walk = repo.revwalk().map_err(ctx("cannot walk the history"))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(ctx("cannot walk the history"))?;
    let (dots, symmetric) = if let Some(i) = spec.find("...") {
        (Some((i, 3)), true)
    } else {
        (spec.find("..").map(|i| (i, 2)), false)
    };
    match dots {
        Some((i, n)) => {
            let left = if spec[..i].is_empty() {
                "HEAD"
            } else {
                &spec[..i]
            };
            let right = if spec[i + n..].is_empty() {
                "HEAD"
            } else {
                &spec[i + n..]
            };
            let from = resolve(repo, left, "the start of the range")?;
            let to = resolve(repo, right, "the end of the range")?;
            walk.push(to).map_err(ctx("cannot walk the history"))?;
            if symmetric {
                walk.push(from).map_err(ctx("cannot walk the history"))?;
                if let Ok(base) = repo.merge_base(from, to) {
                    walk.hide(base).map_err(ctx("cannot walk the history"))?;
                }
            } else {
                walk.hide(from).map_err(ctx("cannot walk the history"))?;
            }
        }
        None => {
            // Let git2 reject what is not one revision (`^A`, `A@{..}` typos) with its message.
            let parsed = repo
                .revparse(spec)
                .map_err(|e| usage(format!("cannot resolve {spec:?}: {}", e.message())))?;
            if !parsed.mode().contains(RevparseMode::SINGLE) {
                return Err(usage(format!("{spec:?} is not a range or a revision")));
            }
            walk.push(resolve(repo, spec, "the revision")?)
                .map_err(ctx("cannot walk the history"))?;
        }
    }
    walk.collect::<Result<Vec<Oid>, _>>().map_err(|e| {
        GitError::git(
            format!("cannot walk {spec}: the history is incomplete (a shallow clone?)"),
            e,
        )
    })
}

/// Checks one commit's trailer against its tree.
pub fn check_commit(commit: &git2::Commit<'_>, deny_bypassed: bool) -> CommitCheck {
    let tree = commit.tree_id().to_string();
    let message = trailer::decode(commit.message_bytes()).0;
    let subject = message.lines().next().unwrap_or("").to_string();
    let (status, verdict, detail) = match trailer::find(&message) {
        Found::Missing => (
            Status::Missing,
            None,
            Some(format!(
                "no {} trailer (committed with --no-verify, or without wfc's hooks?)",
                trailer::KEY
            )),
        ),
        Found::Malformed(why) => (Status::Malformed, None, Some(why)),
        Found::Valid(h) if !h.matches(&tree) => (
            Status::Mismatched,
            Some(h.verdict),
            Some(format!(
                "the trailer was made for another tree, not {} (amended or rebased after the review?)",
                &tree[..tree.len().min(12)]
            )),
        ),
        Found::Valid(h) if deny_bypassed && h.verdict == Verdict::Bypassed => (
            Status::Bypassed,
            Some(h.verdict),
            Some("the review was bypassed, and --deny-bypassed is set".to_string()),
        ),
        Found::Valid(h) => (Status::Ok, Some(h.verdict), None),
    };
    CommitCheck {
        commit: commit.id().to_string(),
        tree,
        subject,
        status,
        verdict,
        detail,
    }
}

/// Checks every non-merge commit of `range`; offenders are reported, not raised.
pub fn verify(repo: &Repository, range: &str, deny_bypassed: bool) -> Result<Report, GitError> {
    let mut checks = Vec::new();
    let mut merges = 0;
    for id in commits(repo, range)? {
        let commit = repo
            .find_commit(id)
            .map_err(ctx(format!("cannot read commit {id}")))?;
        if commit.parent_count() > 1 {
            merges += 1;
            continue;
        }
        checks.push(check_commit(&commit, deny_bypassed));
    }
    let offenders = checks.iter().filter(|c| c.status != Status::Ok).count();
    Ok(Report {
        range: range.to_string(),
        checked: checks.len(),
        merges_skipped: merges,
        offenders,
        ok: offenders == 0,
        commits: checks,
    })
}
