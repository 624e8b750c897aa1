//! The CI check: every commit of a range, merges included, carries a `Review-Hash` trailer made
//! for its own change under the CI's gate policy (read from the target branch, never from the
//! commits under test), optionally signed by an allowed key; or, with `--rerun`, passes the
//! policy's built-in reviewers now. It needs nothing but the repository, so it runs on a fresh
//! clone in CI.

use git2::{Oid, Repository, RevparseMode, Sort};
use serde::Serialize;

use super::GateError;
use super::policy::Policy;
use super::trailer::{self, Found, Verdict, Version};
use crate::git::{GitError, ctx};
use crate::review::rerun::{Rerun, rerun};

/// The verdict on one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    /// No trailer (a commit made with `--no-verify`, or without the hooks).
    Missing,
    /// A well-formed trailer made for another change (amended, rebased or squashed after the
    /// review), or a forged one.
    Mismatched,
    /// A trailer that cannot be read, or more than one.
    Malformed,
    /// A trailer made under another gate policy than the CI's.
    WeakerPolicy,
    /// A version 1 trailer: it binds no parent and no policy.
    V1,
    /// A valid trailer whose verdict is `bypassed`, without `--allow-bypassed`.
    Bypassed,
    /// `--allowed-signers` given, and the commit has no `Review-Signature`.
    Unsigned,
    /// A `Review-Signature` that does not verify against the allowed signers.
    BadSignature,
    /// `--rerun`: the policy's built-in reviewers fail the commit's change now.
    FailsOnRerun,
    /// A merge that adds content beyond the automatic merge of its parents, without a trailer.
    EvilMerge,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Mismatched => "mismatched",
            Status::Malformed => "malformed",
            Status::WeakerPolicy => "weaker-policy",
            Status::V1 => "v1",
            Status::Bypassed => "bypassed",
            Status::Unsigned => "unsigned",
            Status::BadSignature => "bad-signature",
            Status::FailsOnRerun => "fails-on-rerun",
            Status::EvilMerge => "evil-merge",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitCheck {
    pub commit: String,
    pub tree: String,
    pub parent_trees: Vec<String>,
    pub merge: bool,
    pub subject: String,
    pub status: Status,
    /// The verdict the trailer claims, when it could be read.
    pub verdict: Option<Verdict>,
    pub detail: Option<String>,
    /// `--rerun`: what the rules say now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rerun: Option<Rerun>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub range: String,
    /// The CI policy: where it was read and its digest.
    pub policy_from: String,
    pub policy: String,
    pub rerun: bool,
    pub checked: usize,
    pub merges: usize,
    pub offenders: usize,
    pub ok: bool,
    /// Every checked commit, oldest first.
    pub commits: Vec<CommitCheck>,
}

/// How `gate verify` judges.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the policy is read (default: the range's base; the built-in defaults without one).
    pub policy_from: Option<String>,
    pub allow_v1: bool,
    pub allow_bypassed: bool,
    /// The allowed-signers file's text: a valid `Review-Signature` is required.
    pub allowed_signers: Option<String>,
    /// Ignore trailers; re-run the policy's built-in reviewers on every commit's change.
    pub rerun: bool,
}

fn usage(message: String) -> GitError {
    GitError::Invalid { message }
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
/// first, and the range's base (`A`, or the merge base for `A...B`).
fn commits(repo: &Repository, range: &str) -> Result<(Vec<Oid>, Option<Oid>), GitError> {
    let spec = range.trim();
    if spec.is_empty() {
        return Err(usage("the range is empty".into()));
    }
    let mut walk = repo.revwalk().map_err(ctx("cannot walk the history"))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(ctx("cannot walk the history"))?;
    let mut base_of = None;
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
                    base_of = Some(base);
                }
            } else {
                walk.hide(from).map_err(ctx("cannot walk the history"))?;
                base_of = Some(from);
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
    let list = walk.collect::<Result<Vec<Oid>, _>>().map_err(|e| {
        GitError::git(
            format!("cannot walk {spec}: the history is incomplete (a shallow clone?)"),
            e,
        )
    })?;
    Ok((list, base_of))
}

/// Checks one commit against the CI policy.
pub fn check_commit(
    repo: &Repository,
    commit: &git2::Commit<'_>,
    policy: &Policy,
    opts: &Options,
) -> Result<CommitCheck, GitError> {
    let tree = commit.tree_id().to_string();
    let message = trailer::decode(commit.message_bytes()).0;
    let subject = message.lines().next().unwrap_or("").to_string();
    let shape = crate::git::commit::of_commit(repo, commit)?;
    let mut check = CommitCheck {
        commit: commit.id().to_string(),
        tree: tree.clone(),
        parent_trees: shape.parent_trees.clone(),
        merge: shape.merge,
        subject,
        status: Status::Ok,
        verdict: None,
        detail: None,
        rerun: None,
    };
    if shape.base_tree == commit.tree_id() {
        check.detail = Some(if shape.merge {
            "a merge equal to the automatic merge of its parents".into()
        } else {
            "changes no file".into()
        });
        return Ok(check);
    }
    let digest = policy.digest();
    let found = trailer::find(&message);
    if opts.rerun {
        let change = crate::review::input::change_between(repo, shape.base_tree, commit.tree_id())?;
        let r = rerun(&change, &policy.builtins(), policy.fail_on);
        if !r.passed {
            check.status = Status::FailsOnRerun;
            check.detail = Some(format!(
                "the policy's built-in reviewers fail its {}change now: CS {:.3} ({}){}",
                if shape.merge { "merge " } else { "" },
                r.cs,
                r.tier,
                if r.rules.is_empty() {
                    String::new()
                } else {
                    format!(", rules {}", r.rules.join(", "))
                }
            ));
        }
        check.rerun = Some(r);
        if let Found::Valid(h) = &found {
            check.verdict = Some(h.verdict);
        }
        if check.status == Status::Ok && opts.allowed_signers.is_some() {
            signature_check(&mut check, &message, &shape, &tree, &digest, opts);
        }
        return Ok(check);
    }
    let (status, detail) = match found {
        Found::Missing if shape.merge => (
            Status::EvilMerge,
            "a merge that adds content beyond the automatic merge of its parents, with no trailer"
                .to_string(),
        ),
        Found::Missing => (
            Status::Missing,
            format!(
                "no {} trailer (committed with --no-verify or WFC_SKIP, or without wfc's hooks?)",
                trailer::KEY
            ),
        ),
        Found::Malformed(why) => (Status::Malformed, why),
        Found::Valid(h) => {
            check.verdict = Some(h.verdict);
            match h.version {
                Version::V1 if opts.allow_v1 && h.matches(&tree) => (Status::Ok, String::new()),
                Version::V1 if opts.allow_v1 => (
                    Status::Mismatched,
                    "a v1 trailer made for another tree".to_string(),
                ),
                Version::V1 => (
                    Status::V1,
                    "a v1 trailer binds no parent and no policy (--allow-v1 accepts history made before v2)"
                        .to_string(),
                ),
                Version::V2 if h.policy.as_deref() != Some(&digest[..12]) => (
                    Status::WeakerPolicy,
                    format!(
                        "reviewed under policy {}, but CI requires {} ({})",
                        h.policy.as_deref().unwrap_or("?"),
                        &digest[..12],
                        policy.source
                    ),
                ),
                Version::V2 if !h.matches_v2(&shape.parent_trees, &tree, &digest) => (
                    Status::Mismatched,
                    "the trailer was not made for this commit's change (amended, rebased or squashed after the review, or written by hand)"
                        .to_string(),
                ),
                Version::V2 if h.verdict == Verdict::Bypassed && !opts.allow_bypassed => (
                    Status::Bypassed,
                    "the review was bypassed (--allow-bypassed accepts it)".to_string(),
                ),
                Version::V2 => (Status::Ok, String::new()),
            }
        }
    };
    check.status = status;
    check.detail = (!detail.is_empty()).then_some(detail);
    if check.status == Status::Ok && opts.allowed_signers.is_some() {
        signature_check(&mut check, &message, &shape, &tree, &digest, opts);
    }
    Ok(check)
}

/// Requires a `Review-Signature` from an allowed signer over the commit's attestation.
fn signature_check(
    check: &mut CommitCheck,
    message: &str,
    shape: &crate::git::commit::Shape,
    tree: &str,
    digest: &str,
    opts: &Options,
) {
    let Some(signers) = &opts.allowed_signers else {
        return;
    };
    match trailer::attestation(message) {
        None => {
            check.status = Status::Unsigned;
            check.detail = Some(format!(
                "no {} trailer, and --allowed-signers requires one",
                trailer::SIGNATURE_KEY
            ));
        }
        Some(att) => {
            let verdict = check.verdict.unwrap_or(Verdict::Passed);
            let payload = trailer::payload(
                &shape.parent_trees,
                tree,
                verdict,
                digest,
                &att.job_id,
                att.audit.as_ref().map(|(s, h)| (*s, h.as_str())),
            );
            if let Err(e) =
                super::signature::verify_payload(signers, payload.as_bytes(), &att.signature)
            {
                check.status = Status::BadSignature;
                check.detail = Some(e.to_string());
            }
        }
    }
}

/// Checks every commit of `range`, merges included; offenders are reported, not raised.
pub fn verify(repo: &Repository, range: &str, opts: &Options) -> Result<Report, GateError> {
    let (ids, base) = commits(repo, range)?;
    let (policy, from) = match &opts.policy_from {
        Some(r) => {
            let id = resolve(repo, r, "--policy-from")?;
            (Policy::at_commit(repo, Some(id), r)?, r.clone())
        }
        None => match base {
            Some(b) => (
                Policy::at_commit(repo, Some(b), "the range's base")?,
                format!("the range's base {}", super::short(b)),
            ),
            None => (Policy::from_text("defaults", None)?, "defaults".to_string()),
        },
    };
    let mut checks = Vec::new();
    let mut merges = 0;
    for id in ids {
        let commit = repo
            .find_commit(id)
            .map_err(ctx(format!("cannot read commit {id}")))?;
        if commit.parent_count() > 1 {
            merges += 1;
        }
        checks.push(check_commit(repo, &commit, &policy, opts)?);
    }
    let offenders = checks.iter().filter(|c| c.status != Status::Ok).count();
    Ok(Report {
        range: range.to_string(),
        policy_from: from,
        policy: policy.short_digest(),
        rerun: opts.rerun,
        checked: checks.len(),
        merges,
        offenders,
        ok: offenders == 0,
        commits: checks,
    })
}
