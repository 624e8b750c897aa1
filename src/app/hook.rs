//! The git hooks' decisions: whether a commit may go on (pre-commit), and the Review-Hash
//! trailer of the tree being committed (commit-msg).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::review::{self, Ran};
use super::{AppError, ErrorKind, Outcome, Session};
use crate::gate::trailer::{self, Comments, ReviewHash};
use crate::gate::{self, Grant};
use crate::review::engine::{Planned, Progress};
use crate::review::input::Selection;
use crate::review::result::ReviewResult;
use crate::store::jobs;

fn kind_of(outcome: Outcome) -> ErrorKind {
    match outcome {
        Outcome::Incomplete => ErrorKind::Incomplete,
        Outcome::Busy => ErrorKind::Busy,
        Outcome::Interrupted => ErrorKind::Interrupted,
        Outcome::Success | Outcome::Failed => ErrorKind::Failed,
    }
}

/// What the pre-commit hook concluded about the staged change.
#[derive(Debug)]
pub enum PreCommit {
    /// `WFC_SKIP` is set: no review (recorded in the audit trail).
    Skipped,
    /// Nothing is staged: nothing to review.
    NothingStaged,
    Passed(Box<ReviewResult>),
    /// The review did not pass, but a bypass recorded for exactly this tree lets it through.
    Bypassed {
        result: Box<ReviewResult>,
        job_id: String,
        reason: Option<String>,
    },
    /// The commit must not happen; `error` says why and how to go on.
    Blocked {
        result: Box<ReviewResult>,
        error: AppError,
    },
}

/// Reviews the staged change with the hook reviewers and decides whether the commit may go on.
pub fn pre_commit(
    ctx: &mut Session,
    on_progress: &mut dyn FnMut(&[Planned], Progress),
) -> Result<PreCommit, AppError> {
    let info = ctx.repo()?.clone();
    if ctx.env.skip {
        ctx.audit(
            "hook.skip",
            "pre-commit",
            "skipped",
            json!({ "hook": "pre-commit", "reason": "WFC_SKIP", "workdir": info.workdir }),
        )?;
        ctx.notify.warn(
            "WFC_SKIP is set: the review is skipped (recorded in the audit trail); the commit gets \
             a Review-Hash only if its tree was already reviewed, and `wfc gate verify` reports it \
             otherwise",
        );
        return Ok(PreCommit::Skipped);
    }
    let req = review::Request {
        selection: Some(Selection::Staged),
        hook: true,
        ..review::Request::default()
    };
    let result = match review::run(ctx, &req, on_progress)? {
        Ran::Nothing { .. } => {
            ctx.notify.debug("nothing staged: nothing to review");
            return Ok(PreCommit::NothingStaged);
        }
        Ran::Done(r) => r,
    };
    let outcome = Outcome::of_review(&result);
    if outcome == Outcome::Success {
        return Ok(PreCommit::Passed(result));
    }
    // A bypass recorded for exactly this tree (`wfc review --bypass-reason`) lets it through.
    if let Some(job) = ctx
        .backend()?
        .passing_for_tree(&gate::repo_key(&info), &result.tree_id)?
        && job.status == jobs::JobStatus::Bypassed
    {
        return Ok(PreCommit::Bypassed {
            result,
            job_id: job.id,
            reason: job.bypass_reason,
        });
    }
    let report = result.report_path.as_deref().unwrap_or("(no report)");
    let untrusted = result.untrusted_reviewers();
    let error = if !untrusted.is_empty() {
        AppError::new(
            kind_of(outcome),
            format!(
                "the review of the staged change is incomplete: reviewer {} is defined by .wfc/config.toml, which is not trusted, so its command did not run: commit blocked",
                untrusted.join(", ")
            ),
        )
        .with_hint("check what it runs with `wfc trust --show`, then `wfc trust` to let it run")
    } else {
        AppError::new(
            kind_of(outcome),
            format!(
                "the review of the staged change did not pass ({}): commit blocked; report: {report}",
                result.status.as_str()
            ),
        )
        .with_hint("fix the findings, stage the fix and commit again")
        .with_hint(bypass_hint(ctx, &info))
        .with_hint(
            "WFC_SKIP=1 skips the review once (audited); the commit then has no Review-Hash and `wfc gate verify` reports it",
        )
    };
    Ok(PreCommit::Blocked { result, error })
}

/// How comment lines look in the message being edited (`core.commentChar`, `core.commentString`).
fn comment_style(repo: &git2::Repository) -> Comments {
    let value = repo.config().ok().and_then(|c| {
        c.get_string("core.commentString")
            .or_else(|_| c.get_string("core.commentChar"))
            .ok()
    });
    match value.as_deref() {
        Some("auto") => Comments::Auto,
        Some(s) if !s.is_empty() => Comments::Prefix(s.to_string()),
        _ => Comments::Prefix("#".into()),
    }
}

/// Adds the Review-Hash trailer (and, with a signing key, the signed attestation) for the tree
/// being committed when a review grants it, and blocks the commit otherwise.
pub fn commit_msg(ctx: &mut Session, file: &Path) -> Result<(), AppError> {
    let path = ctx.cwd.join(file);
    let info = ctx.repo()?.clone();
    let repo = info.open_current()?;
    // Recomputed here, not remembered from pre-commit: a hook may have changed the index since.
    let tree = crate::git::staged_tree(&repo, ctx.env.git_index_file.as_deref())?;
    let tree_hex = tree.to_string();
    let (shape, policy) = gate::pending(&repo, &info)?;
    let grant = gate::grant_for_change(ctx.backend()?, &info, &repo, &shape, tree, &policy)?;
    let Some(grant) = grant else {
        if ctx.env.skip {
            ctx.notify.warn(&format!(
                "WFC_SKIP is set and the change to tree {} has no granting review: no Review-Hash added",
                gate::short(tree)
            ));
            return Ok(());
        }
        return Err(blocked(ctx, &info, &repo, tree)?);
    };
    if matches!(grant, Grant::NoChange) {
        ctx.notify
            .debug("the commit changes nothing: no Review-Hash needed");
        return Ok(());
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        AppError::failed(format!("cannot read the commit message {}", path.display())).with_cause(e)
    })?;
    let (text, utf8) = trailer::decode(&bytes);
    let hash = ReviewHash::v2(
        &shape.parent_trees,
        &tree_hex,
        grant.verdict(),
        &policy.digest(),
    );
    let attestation = attest(ctx, &repo, &grant, &shape, &tree_hex, &policy)?;
    let changed =
        match trailer::apply_with(&text, &hash, attestation.as_ref(), &comment_style(&repo)) {
            Some(next) => {
                replace_message(&path, &trailer::encode(&next, utf8))?;
                true
            }
            None => false,
        };
    let job_id = match &grant {
        Grant::Review(job) => Some(job.id.clone()),
        Grant::Head { .. } | Grant::NoChange => None,
    };
    ctx.audit(
        "hook.commit-msg",
        &tree_hex,
        grant.verdict().as_str(),
        json!({
            "tree_id": tree_hex,
            "parent_trees": shape.parent_trees,
            "policy": policy.short_digest(),
            "verdict": grant.verdict(),
            "job_id": job_id,
            "granted_by": grant.describe(),
            "message_changed": changed,
            "signed": attestation.is_some(),
        }),
    )?;
    ctx.notify.debug(&format!(
        "Review-Hash for tree {tree_hex}: {} (granted by {})",
        hash.value(),
        grant.describe()
    ));
    Ok(())
}

/// The signing key: `[gate] signing_key` of the user config, else the key `wfc gate keygen`
/// made, when there is one.
fn signing_key(ctx: &Session) -> Option<PathBuf> {
    match &ctx.config.gate.signing_key {
        Some(k) => {
            let p = match k.strip_prefix("~/") {
                Some(rest) => ctx.env.home.clone().unwrap_or_default().join(rest),
                None => PathBuf::from(k),
            };
            Some(p)
        }
        None => {
            let default = ctx.home.join("keys").join("wfc-review");
            default.is_file().then_some(default)
        }
    }
}

/// The signed attestation of the change: the payload the trailer binds plus the granting job
/// and its audit head, signed with the signing key. A message-only amend keeps HEAD's.
fn attest(
    ctx: &mut Session,
    repo: &git2::Repository,
    grant: &Grant,
    shape: &crate::git::commit::Shape,
    tree_hex: &str,
    policy: &crate::gate::policy::Policy,
) -> Result<Option<trailer::Attestation>, AppError> {
    match grant {
        Grant::Head { commit, .. } => {
            let head = repo
                .find_commit(*commit)
                .map_err(crate::git::ctx("cannot read HEAD"))?;
            Ok(trailer::attestation(
                &trailer::decode(head.message_bytes()).0,
            ))
        }
        Grant::NoChange => Ok(None),
        Grant::Review(job) => {
            let Some(key) = signing_key(ctx) else {
                return Ok(None);
            };
            let audit = ctx.backend()?.audit_head_for_job(&job.id)?;
            let payload = trailer::payload(
                &shape.parent_trees,
                tree_hex,
                grant.verdict(),
                &policy.digest(),
                &job.id,
                audit.as_ref().map(|(s, h)| (*s, h.as_str())),
            );
            let signature = crate::gate::signature::sign_payload(&key, payload.as_bytes())?;
            Ok(Some(trailer::Attestation {
                job_id: job.id.clone(),
                audit,
                signature,
            }))
        }
    }
}

/// Replaces the message file through a temp file and a rename, keeping its mode. No fsync: git
/// reads the file right after the hook, and a crash aborts the commit anyway.
fn replace_message(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let fail = |e: std::io::Error| {
        AppError::failed(format!(
            "cannot write the commit message {}",
            path.display()
        ))
        .with_cause(e)
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".wfc-msg.")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// How to record a bypass for the change being committed. Under `git commit -a` or
/// `git commit <paths>` git commits a temporary index, so the change must be staged in the real
/// index first, or `wfc review --staged` would review something else (or nothing).
fn bypass_hint(ctx: &Session, info: &crate::git::RepoInfo) -> String {
    let temporary = ctx.env.git_index_file.as_deref().is_some_and(|p| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            info.workdir.join(p)
        };
        let real = info.git_dir.join("index");
        std::fs::canonicalize(&p).unwrap_or(p) != std::fs::canonicalize(&real).unwrap_or(real)
    });
    if temporary {
        "to let this exact change through, stage it first (this commit uses a temporary index:          `git commit -a` or `git commit <paths>`): `git add <the same paths>` (or `git add -u`),          then `wfc review --staged --bypass-reason TEXT`, then `git commit` without paths or -a"
            .to_string()
    } else {
        "to let this exact change through, record why: `wfc review --staged --bypass-reason TEXT`, then commit again"
            .to_string()
    }
}

/// The error for a commit whose tree no review lets through, saying what is known about it.
fn blocked(
    ctx: &mut Session,
    info: &crate::git::RepoInfo,
    repo: &git2::Repository,
    tree: git2::Oid,
) -> Result<AppError, AppError> {
    let latest = ctx
        .backend()?
        .latest_for_tree(&gate::repo_key(info), &tree.to_string())?;
    let short = gate::short(tree);
    let mut err = match &latest {
        Some(job) => AppError::failed(format!(
            "the review of the tree being committed ({short}) did not pass ({}): commit blocked",
            job.status
        ))
        .with_cause(format!(
            "review {}; report: {}",
            job.id,
            job.report_path.as_deref().unwrap_or("(none)")
        ))
        .with_hint("fix the findings, stage the fix and commit again"),
        None => AppError::failed(format!(
            "no passing or bypassed review of the tree being committed ({short}): commit blocked"
        ))
        .with_hint(
            "if a hook staged more changes after the pre-commit review, review what is committed \
             (`git add` it, `wfc review --staged`) and commit again",
        ),
    };
    let head_tree = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .map(|c| c.tree_id())
        .ok();
    if latest.is_none() && head_tree == Some(tree) {
        err = err.with_hint(
            "this commit changes no file and HEAD's tree was never reviewed: \
             `wfc review --range HEAD~1..HEAD` reviews it",
        );
    }
    Ok(err.with_hint(bypass_hint(ctx, info)).with_hint(
        "WFC_SKIP=1 commits without a Review-Hash (`wfc gate verify` will report the commit)",
    ))
}
