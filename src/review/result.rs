//! The result of a review: what `--json` prints, `REVIEW-<task>.json` holds and the job keeps.

use serde::{Deserialize, Serialize};

use super::consensus::Merged;
use super::engine::Status;
use crate::tier::Tier;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Passed,
    Failed,
    Incomplete,
    Bypassed,
    Interrupted,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Passed => "passed",
            ReviewStatus::Failed => "failed",
            ReviewStatus::Incomplete => "incomplete",
            ReviewStatus::Bypassed => "bypassed",
            ReviewStatus::Interrupted => "interrupted",
        }
    }
}

/// One reviewer's line in the result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewerReport {
    pub id: String,
    pub status: Status,
    pub duration_ms: u64,
    pub error: Option<String>,
    pub findings: usize,
    pub summary: Option<String>,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewResult {
    pub schema_version: u32,
    pub job_id: String,
    pub project_id: String,
    pub developer_id: String,
    pub task_id: String,
    pub tree_id: String,
    /// `staged`, `working-tree`, `base`, `range`, `diff-file`, `files` or `finalize`.
    pub mode: String,
    pub status: ReviewStatus,
    pub passed: bool,
    pub cs: f64,
    pub tier: Tier,
    pub fail_on: Tier,
    pub minority_protection_applied: bool,
    /// Reviewers that ran and answered (the `n` of the score).
    pub n: usize,
    pub findings: Vec<Merged>,
    pub reviewers: Vec<ReviewerReport>,
    pub files: Vec<String>,
    /// This job's own report, `<main>/.wfc/output/<project>/jobs/<job>.md`, never overwritten.
    pub report_path: Option<String>,
    pub json_report_path: Option<String>,
    /// The task's latest report, `REVIEW-<task>.md`, a copy of the newest job's.
    #[serde(default)]
    pub latest_report_path: Option<String>,
    #[serde(default)]
    pub latest_json_report_path: Option<String>,
    pub sarif_path: Option<String>,
    pub bypass_reason: Option<String>,
    pub started_at: String,
    pub finished_at: String,
    pub duration_ms: u64,
    pub summary: String,
    /// Knowledge entries this review added.
    #[serde(default)]
    pub learned: usize,
    /// Why learning failed, when it did (the review itself stands).
    #[serde(default)]
    pub learn_error: Option<String>,
    /// What the review grants at the gate (staged reviews only).
    #[serde(default)]
    pub gate: Option<GateGrant>,
}

/// What a review lets through the gate: exactly the change from `parent_trees` to the tree,
/// under the policy whose digest it carries; nothing when `policy_digest` is absent (`reason`
/// says why).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GateGrant {
    pub parent_trees: Vec<String>,
    pub merge: bool,
    /// The HEAD policy's short digest.
    pub policy: Option<String>,
    /// The full digest of the policy this review satisfies; `None`: it grants nothing.
    pub policy_digest: Option<String>,
    pub reason: Option<String>,
}

impl ReviewResult {
    /// The reviewers that did not run because an untrusted repository config defines them.
    pub fn untrusted_reviewers(&self) -> Vec<&str> {
        self.reviewers
            .iter()
            .filter(|rv| rv.status == Status::Untrusted)
            .map(|rv| rv.id.as_str())
            .collect()
    }

    /// Whether the review was incomplete only because rate-limit tokens ran out: busy rather
    /// than broken.
    pub fn only_rate_limited(&self) -> bool {
        let failures: Vec<_> = self
            .reviewers
            .iter()
            .filter(|r| r.status.is_failure())
            .collect();
        !failures.is_empty() && failures.iter().all(|r| r.status == Status::RateLimited)
    }
}
