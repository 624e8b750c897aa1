use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::verify::Status;
use crate::ui::{Table, Tone};

/// For CI: every commit in RANGE, merges included, must carry a Review-Hash trailer made for its
/// own change (its parents' trees and its tree) under the CI's gate policy. Lists every offender
/// with the reason and exits 1.
///
/// The policy is `[gate]` of .wfc/config.toml as committed on the target branch (--policy-from,
/// default the range's base), never as the commits under test have it. Reasons: missing (no
/// trailer), mismatched (made for another change, or by hand), malformed, weaker-policy (made
/// under another policy), v1 (binds no parent or policy), bypassed, unsigned and bad-signature
/// (with --allowed-signers), fails-on-rerun (with --rerun), evil-merge (a merge that adds content
/// beyond the automatic merge, without a trailer). A merge equal to the automatic merge of its
/// parents, and a commit that changes no file, need nothing. Needs the full history of the range
/// (in CI, fetch with depth 0). Reads nothing but the repository.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Commit range, e.g. origin/main..HEAD (A...B and a single revision work too)
    pub range: String,
    /// Read the gate policy from this commit (default: the range's base)
    #[arg(long, value_name = "REF")]
    pub policy_from: Option<String>,
    /// Also require a valid Review-Signature from a key listed in FILE (git's allowed-signers format)
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
    /// Ignore trailers: re-run the policy's built-in reviewers on every commit's change
    #[arg(long)]
    pub rerun: bool,
    /// Accept commits whose review was bypassed
    #[arg(long)]
    pub allow_bypassed: bool,
    /// Accept v1 trailers (history made before v2) when they match the commit's tree
    #[arg(long)]
    pub allow_v1: bool,
    /// Reject bypassed reviews (the default; kept for older CI scripts)
    #[arg(long, hide = true, conflicts_with = "allow_bypassed")]
    pub deny_bypassed: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let report = app::gate::verify(
        ctx,
        &args.range,
        &app::gate::VerifyRequest {
            policy_from: args.policy_from.clone(),
            allow_v1: args.allow_v1,
            allow_bypassed: args.allow_bypassed,
            allowed_signers: args.allowed_signers.clone(),
            rerun: args.rerun,
        },
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&report)?;
    } else {
        let mut table = Table::new(&["commit", "reason", "subject", "detail"]);
        for c in report.commits.iter().filter(|c| c.status != Status::Ok) {
            table.row(vec![
                c.commit[..c.commit.len().min(12)].to_string(),
                ctx.ui.paint(c.status.as_str(), Tone::Bad),
                crate::ui::escape(&c.subject.chars().take(60).collect::<String>()).into_owned(),
                c.detail.clone().unwrap_or_default(),
            ]);
        }
        if !table.is_empty() {
            ctx.ui.out(&table.render())?;
        }
        let how = if report.rerun {
            "pass the policy's built-in reviewers"
        } else {
            "carry a Review-Hash for their own change"
        };
        if report.checked == 0 {
            ctx.ui
                .status(&format!("{}: no commits to check", report.range));
        } else if report.ok {
            ctx.ui.status(&format!(
                "{}: all {} commits ({} merges) {how} under policy {} ({})",
                report.range, report.checked, report.merges, report.policy, report.policy_from
            ));
        } else {
            ctx.ui.status(&format!(
                "{}: {} of {} commits fail the review gate (policy {}, {})",
                report.range, report.offenders, report.checked, report.policy, report.policy_from
            ));
        }
    }
    Ok(if report.ok {
        Outcome::Success
    } else {
        Outcome::Failed
    })
}
