use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::{self, Grant};
use crate::store::jobs;

/// Exit 0 when the staged tree (or REV's tree) has a passing or bypassed review, 1 otherwise.
///
/// The staged tree is read from $GIT_INDEX_FILE when set (inside a hook), else from the index.
/// A tree equal to HEAD's also passes when HEAD carries a valid Review-Hash for it.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Check this commit's tree instead of the staged tree
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let info = ctx.repo()?.clone();
    let repo = info.open_current()?;
    let (tree, commit, what, shape, policy) = match &args.rev {
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
                gate::index_tree(&repo, &info.workdir, ctx.env.git_index_file.as_deref())?,
                None,
                "the staged change".to_string(),
                shape,
                policy,
            )
        }
    };
    let tree_hex = tree.to_string();
    let grant = gate::grant_for_change(ctx.store()?, &info, &repo, &shape, tree, &policy)?;
    let latest = match &grant {
        Some(_) => None,
        None => jobs::latest_for_tree(ctx.store()?, &gate::repo_key(&info), &tree_hex)?,
    };
    let reason = match (&grant, &latest) {
        (Some(_), _) => None,
        (None, Some(job)) => Some(format!(
            "the latest review of it {} (review {})",
            job.status, job.id
        )),
        (None, None) => Some("it was never reviewed".to_string()),
    };
    if ctx.ui.json_mode() {
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
        ctx.ui.json(&json!({
            "tree_id": tree_hex,
            "parent_trees": shape.parent_trees,
            "policy": policy.short_digest(),
            "source": if args.rev.is_some() { "rev" } else { "staged" },
            "rev": args.rev,
            "commit": commit.map(|c| c.to_string()),
            "passed": grant.is_some(),
            "grant": grant_json,
            "reason": reason,
            "latest_job_id": latest.as_ref().map(|j| j.id.clone()),
        }))?;
        return Ok(if grant.is_some() {
            Outcome::SUCCESS
        } else {
            Outcome::FAILED
        });
    }
    match grant {
        Some(g) => {
            ctx.ui.out(&format!(
                "{} ({}) passes the gate: {}",
                what,
                gate::short(tree),
                g.describe()
            ))?;
            Ok(Outcome::SUCCESS)
        }
        None => {
            let mut err = AppError::failed(format!(
                "{what} ({}) has no passing or bypassed review",
                gate::short(tree)
            ))
            .with_cause(reason.unwrap_or_default());
            err = if args.rev.is_some() {
                err.with_hint(format!(
                    "review that commit with `wfc review --range {0}~1..{0}`",
                    args.rev.as_deref().unwrap_or("HEAD")
                ))
            } else {
                err.with_hint("review it with `wfc review --staged`")
            };
            Err(err)
        }
    }
}
