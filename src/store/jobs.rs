//! Review jobs and the outcome of every reviewer in them.

use std::time::SystemTime;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::host::Owner;
use super::{Store, StoreError, sql};

/// Where a job is in its life: `running` (or `prepared`, waiting for a harness's responses),
/// then how its review ended, or `interrupted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    /// Waiting in the queue for a worker.
    Queued,
    /// Claimed by a worker, not started yet.
    Claimed,
    Running,
    Prepared,
    Passed,
    Failed,
    Incomplete,
    Bypassed,
    Interrupted,
}

impl JobStatus {
    pub const ALL: [JobStatus; 9] = [
        JobStatus::Queued,
        JobStatus::Claimed,
        JobStatus::Running,
        JobStatus::Prepared,
        JobStatus::Passed,
        JobStatus::Failed,
        JobStatus::Incomplete,
        JobStatus::Bypassed,
        JobStatus::Interrupted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Claimed => "claimed",
            JobStatus::Running => "running",
            JobStatus::Prepared => "prepared",
            JobStatus::Passed => "passed",
            JobStatus::Failed => "failed",
            JobStatus::Incomplete => "incomplete",
            JobStatus::Bypassed => "bypassed",
            JobStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        JobStatus::ALL.into_iter().find(|j| j.as_str() == s)
    }
}

impl From<crate::review::result::ReviewStatus> for JobStatus {
    fn from(s: crate::review::result::ReviewStatus) -> JobStatus {
        use crate::review::result::ReviewStatus as R;
        match s {
            R::Passed => JobStatus::Passed,
            R::Failed => JobStatus::Failed,
            R::Incomplete => JobStatus::Incomplete,
            R::Bypassed => JobStatus::Bypassed,
            R::Interrupted => JobStatus::Interrupted,
        }
    }
}

impl std::fmt::Display for JobStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl rusqlite::types::ToSql for JobStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for JobStatus {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        JobStatus::parse(s).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("unknown job status {s:?}").into())
        })
    }
}

/// A job as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Serialised as `job_id`, as every other document names a job.
    #[serde(rename = "job_id")]
    pub id: String,
    pub kind: String,
    pub repo: Option<String>,
    pub project_id: String,
    pub developer_id: String,
    pub task_id: Option<String>,
    pub tree_id: Option<String>,
    pub status: JobStatus,
    pub pid: Option<i64>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub cs: Option<f64>,
    pub tier: Option<String>,
    pub passed: Option<bool>,
    pub report_path: Option<String>,
    #[serde(skip)]
    pub request: Option<String>,
    #[serde(skip)]
    pub result: Option<String>,
    pub bypass_reason: Option<String>,
    /// The process running it, with its host (left out of JSON until the documents say so).
    #[serde(skip)]
    pub owner: Option<Owner>,
}

/// A new job row.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub repo: Option<&'a str>,
    pub project_id: &'a str,
    pub developer_id: &'a str,
    pub task_id: Option<&'a str>,
    pub tree_id: Option<&'a str>,
    pub status: JobStatus,
    pub request: Option<&'a str>,
}

pub fn insert_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    job: &NewJob<'_>,
) -> Result<(), StoreError> {
    insert_owned_tx(tx, now, job, None)
}

/// [`insert_tx`] with the host and boot of the process that runs the job (this process).
pub fn insert_owned_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    job: &NewJob<'_>,
    owner: Option<&Owner>,
) -> Result<(), StoreError> {
    // Job rows keep what reviewers saw and said; no secret in them reaches the file.
    let request = job.request.map(crate::review::redact::json_text);
    tx.execute(
        "INSERT INTO jobs (id, kind, repo, project_id, developer_id, task_id, tree_id, status, pid,
                           started_at, request, host, boot_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            job.id,
            job.kind,
            job.repo,
            job.project_id,
            job.developer_id,
            job.task_id,
            job.tree_id,
            job.status,
            std::process::id(),
            crate::time::rfc3339(now),
            request.as_deref(),
            owner.and_then(|o| o.host.as_deref()),
            owner.and_then(|o| o.boot_id.as_deref())
        ],
    )
    .map_err(sql("cannot record the job"))?;
    Ok(())
}

/// The outcome of one reviewer in a job.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerRun {
    pub reviewer_id: String,
    pub status: String,
    pub duration_ms: Option<u64>,
    pub findings: usize,
    pub error: Option<String>,
}

/// How a job ended.
#[derive(Debug, Clone)]
pub struct Completion<'a> {
    pub status: JobStatus,
    pub cs: Option<f64>,
    pub tier: Option<&'a str>,
    pub passed: Option<bool>,
    pub report_path: Option<&'a str>,
    /// Masked by the caller (possibly beside other work), never stored as given.
    pub result: Option<&'a crate::review::redact::RedactedJson<'a>>,
    pub bypass_reason: Option<&'a str>,
    pub runs: &'a [ReviewerRun],
    /// The change a granting review covers (parent trees joined by `,`) and the policy digest it
    /// satisfied; both `None` when it grants nothing.
    pub parent_trees: Option<&'a str>,
    pub policy_digest: Option<&'a str>,
}

pub fn complete_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    job_id: &str,
    c: &Completion<'_>,
) -> Result<(), StoreError> {
    let result = c.result.map(|r| r.as_str());
    let bypass_reason = c.bypass_reason.map(crate::review::redact::text);
    tx.execute(
        "UPDATE jobs SET status = ?2, finished_at = ?3, cs = ?4, tier = ?5, passed = ?6,
                report_path = ?7, result = ?8, bypass_reason = ?9, parent_trees = ?10,
                policy_digest = ?11
         WHERE id = ?1",
        params![
            job_id,
            c.status,
            crate::time::rfc3339(now),
            c.cs,
            c.tier,
            c.passed,
            c.report_path,
            result,
            bypass_reason.as_deref(),
            c.parent_trees,
            c.policy_digest
        ],
    )
    .map_err(sql("cannot record the job outcome"))?;
    for r in c.runs {
        tx.execute(
            "INSERT INTO reviewer_runs (job_id, reviewer_id, status, duration_ms, findings, error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (job_id, reviewer_id) DO UPDATE SET
                status = ?3, duration_ms = ?4, findings = ?5, error = ?6",
            params![
                job_id,
                r.reviewer_id,
                r.status,
                r.duration_ms.map(|d| d as i64),
                r.findings as i64,
                crate::review::redact::opt(r.error.as_deref())
            ],
        )
        .map_err(sql("cannot record a reviewer outcome"))?;
    }
    Ok(())
}

/// Marks a job interrupted (Ctrl-C, or its process died).
pub fn mark_interrupted(
    store: &mut Store,
    now: SystemTime,
    job_id: &str,
) -> Result<(), StoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE jobs SET status = 'interrupted', finished_at = ?2
             WHERE id = ?1 AND status IN ('running', 'prepared')",
            params![job_id, crate::time::rfc3339(now)],
        )
        .map_err(sql("cannot mark the job interrupted"))?;
        Ok(())
    })
}

const COLUMNS: &str = "id, kind, repo, project_id, developer_id, task_id, tree_id, status, pid,
    started_at, finished_at, cs, tier, passed, report_path, request, result, bypass_reason,
    host, boot_id";

/// The owner of a row from its pid, host and boot id (no pid: no owner).
pub(crate) fn owner_of(
    pid: Option<i64>,
    host: Option<String>,
    boot_id: Option<String>,
) -> Option<Owner> {
    let pid = u32::try_from(pid?).ok()?;
    Some(Owner { host, boot_id, pid })
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    Ok(Job {
        id: r.get(0)?,
        kind: r.get(1)?,
        repo: r.get(2)?,
        project_id: r.get(3)?,
        developer_id: r.get(4)?,
        task_id: r.get(5)?,
        tree_id: r.get(6)?,
        status: r.get(7)?,
        pid: r.get(8)?,
        started_at: r.get(9)?,
        finished_at: r.get(10)?,
        cs: r.get(11)?,
        tier: r.get(12)?,
        passed: r.get(13)?,
        report_path: r.get(14)?,
        request: r.get(15)?,
        result: r.get(16)?,
        bypass_reason: r.get(17)?,
        owner: owner_of(r.get(8)?, r.get(18)?, r.get(19)?),
    })
}

pub fn get(store: &Store, id: &str) -> Result<Option<Job>, StoreError> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1"),
            [id],
            read,
        )
        .optional()
        .map_err(sql("cannot read the job"))
}

/// Jobs newest first, of one project or all.
pub fn list(store: &Store, project: Option<&str>, limit: usize) -> Result<Vec<Job>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare(&format!(
            "SELECT {COLUMNS} FROM jobs WHERE (?1 IS NULL OR project_id = ?1)
             ORDER BY started_at DESC, rowid DESC LIMIT ?2"
        ))
        .map_err(sql("cannot read jobs"))?;
    let rows = stmt
        .query_map(params![project, limit as i64], read)
        .map_err(sql("cannot read jobs"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read jobs"))?;
    Ok(rows)
}

/// [`reported_beyond`]'s query: answered from the partial index `jobs_reported` (schema 8).
const REPORTED_BEYOND: &str = "SELECT id FROM jobs
     WHERE repo = ?1 AND project_id = ?2 AND task_id = ?3 AND report_path IS NOT NULL
     ORDER BY finished_at DESC, rowid DESC LIMIT -1 OFFSET ?4";

/// The ids of one task's jobs that wrote a report, beyond the newest `keep` (newest first).
pub fn reported_beyond(
    store: &Store,
    repo: &str,
    project: &str,
    task: &str,
    keep: usize,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare(REPORTED_BEYOND)
        .map_err(sql("cannot read jobs"))?;
    let rows = stmt
        .query_map(params![repo, project, task, keep as i64], |r| r.get(0))
        .map_err(sql("cannot read jobs"))?
        .collect::<Result<Vec<String>, _>>()
        .map_err(sql("cannot read jobs"))?;
    Ok(rows)
}

/// The reviewer outcomes of a job.
pub fn runs(store: &Store, job_id: &str) -> Result<Vec<ReviewerRun>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT reviewer_id, status, duration_ms, findings, error FROM reviewer_runs
             WHERE job_id = ?1 ORDER BY reviewer_id",
        )
        .map_err(sql("cannot read reviewer runs"))?;
    let rows = stmt
        .query_map([job_id], |r| {
            Ok(ReviewerRun {
                reviewer_id: r.get(0)?,
                status: r.get(1)?,
                duration_ms: r.get::<_, Option<i64>>(2)?.map(|d| d as u64),
                findings: r.get::<_, i64>(3)? as usize,
                error: r.get(4)?,
            })
        })
        .map_err(sql("cannot read reviewer runs"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read reviewer runs"))?;
    Ok(rows)
}

/// Whether a passing or bypassed review exists for exactly this tree in this repository.
pub fn passing_for_tree(
    store: &Store,
    repo: &str,
    tree_id: &str,
) -> Result<Option<Job>, StoreError> {
    store
        .conn()
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM jobs
                 WHERE tree_id = ?2 AND status IN ('passed', 'bypassed') AND repo = ?1
                 ORDER BY finished_at DESC, rowid DESC LIMIT 1"
            ),
            params![repo, tree_id],
            read,
        )
        .optional()
        .map_err(sql("cannot read jobs"))
}

/// The newest passing or bypassed review that grants exactly the change `parent_trees` ->
/// `tree_id` under the policy `policy_digest`.
pub fn grant_for_change(
    store: &Store,
    repo: &str,
    parent_trees: &str,
    tree_id: &str,
    policy_digest: &str,
) -> Result<Option<Job>, StoreError> {
    store
        .conn()
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM jobs
                 WHERE tree_id = ?2 AND policy_digest = ?4 AND parent_trees = ?3
                   AND status IN ('passed', 'bypassed') AND repo = ?1
                 ORDER BY finished_at DESC, rowid DESC LIMIT 1"
            ),
            params![repo, tree_id, parent_trees, policy_digest],
            read,
        )
        .optional()
        .map_err(sql("cannot read jobs"))
}

/// The newest finished review of exactly this tree in this repository, whatever its outcome.
pub fn latest_for_tree(
    store: &Store,
    repo: &str,
    tree_id: &str,
) -> Result<Option<Job>, StoreError> {
    store
        .conn()
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM jobs
                 WHERE tree_id = ?2 AND repo = ?1 AND finished_at IS NOT NULL
                 ORDER BY finished_at DESC, rowid DESC LIMIT 1"
            ),
            params![repo, tree_id],
            read,
        )
        .optional()
        .map_err(sql("cannot read jobs"))
}

/// A job recorded as running, with the process that runs it.
#[derive(Debug, Clone, Serialize)]
pub struct RunningJob {
    pub id: String,
    pub project_id: String,
    pub kind: String,
    pub pid: Option<u32>,
    pub started_at: String,
    pub task_id: Option<String>,
    /// The repository's common dir, when recorded.
    pub repo: Option<String>,
    /// The process running it, with its host (left out of JSON until the documents say so).
    #[serde(skip)]
    pub owner: Option<Owner>,
}

/// Jobs with status `running`, of one project or of all.
pub fn running_jobs(
    store: &Store,
    project_id: Option<&str>,
) -> Result<Vec<RunningJob>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT id, project_id, kind, pid, started_at, task_id, repo, host, boot_id FROM jobs
             WHERE status = 'running' AND (?1 IS NULL OR project_id = ?1)
             ORDER BY started_at, rowid",
        )
        .map_err(sql("cannot read jobs"))?;
    let rows = stmt
        .query_map(params![project_id], |r| {
            let pid: Option<i64> = r.get(3)?;
            Ok(RunningJob {
                id: r.get(0)?,
                project_id: r.get(1)?,
                kind: r.get(2)?,
                pid: pid.and_then(|p| u32::try_from(p).ok()),
                started_at: r.get(4)?,
                task_id: r.get(5)?,
                repo: r.get(6)?,
                owner: owner_of(pid, r.get(7)?, r.get(8)?),
            })
        })
        .map_err(sql("cannot read jobs"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read jobs"))?;
    Ok(rows)
}

/// Marks the job `id` interrupted if it is still recorded as running; returns whether it was.
pub fn mark_job_interrupted(
    store: &mut Store,
    now: SystemTime,
    id: &str,
) -> Result<bool, StoreError> {
    let ts = crate::time::rfc3339(now);
    store.write(|tx| {
        let n = tx
            .execute(
                "UPDATE jobs SET status = 'interrupted', finished_at = ?2
                 WHERE id = ?1 AND status = 'running'",
                params![id, ts],
            )
            .map_err(sql("cannot mark a job interrupted"))?;
        Ok(n == 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The question every review asks once it finished walks the jobs that still have a report
    /// in index order: no scan of the task's history, no sort.
    #[test]
    fn reported_beyond_reads_the_partial_index_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("w.db")).unwrap();
        let plan: Vec<String> = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {REPORTED_BEYOND}"))
            .unwrap()
            .query_map(params!["r", "p", "t", 5], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            plan,
            vec!["SEARCH jobs USING INDEX jobs_reported (repo=? AND project_id=? AND task_id=?)"],
        );
    }
}
