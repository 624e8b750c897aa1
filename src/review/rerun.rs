//! Re-running the built-in reviewers of a gate policy on a change, as CI does for every commit
//! of a range (`gate verify --rerun`): deterministic, needs no key, no store and no trust in the
//! machine that made the commit.

use super::builtin::{self, Builtin};
use super::change::Change;
use super::consensus::{self, Reported};
use crate::tier::Tier;

/// The verdict of the rules on one change.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rerun {
    pub passed: bool,
    pub cs: f64,
    pub tier: Tier,
    pub findings: usize,
    /// The rule ids of the strongest findings, for the offender list.
    pub rules: Vec<String>,
}

/// Scores `change` with `reviewers` at `fail_on`, as a review would.
pub fn rerun(change: &Change, reviewers: &[Builtin], fail_on: Tier) -> Rerun {
    let mut reported = Vec::new();
    let mut n = 0;
    for &b in reviewers {
        if !builtin::is_relevant(b, change) {
            continue;
        }
        n += 1;
        for finding in builtin::review(b, change) {
            reported.push(Reported {
                reviewer: b.id().to_string(),
                finding,
            });
        }
    }
    let merged = consensus::dedup(reported, change);
    let score = consensus::score(&merged, n, fail_on);
    let mut rules: Vec<String> = merged
        .iter()
        .filter(|m| m.weight > 0.0)
        .flat_map(|m| m.rules.iter().cloned())
        .collect();
    rules.sort();
    rules.dedup();
    rules.truncate(5);
    Rerun {
        passed: score.passed,
        cs: score.cs,
        tier: score.tier,
        findings: merged.len(),
        rules,
    }
}
