//! [`Backend`] for PostgreSQL: the same operations, records and audit chain as the SQLite store.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use postgres::{GenericClient, IsolationLevel, Row, Transaction};

use super::{PgStore, Statements, pg};
use crate::config::RateLimitConfig;
use crate::knowledge::{AppendOutcome, NewEntry, Section};
use crate::store::StoreError;
use crate::store::audit::{self, AuditFilter, AuditRow, ChainCheck, NewAudit, VerifyReport};
use crate::store::backend::{Backend, BackendKind};
use crate::store::events::{self, EventFilter, EventRow, NewEvent};
use crate::store::host::{Host, Owner};
use crate::store::jobs::{Completion, Job, JobStatus, NewJob, ReviewerRun, RunningJob, owner_of};
use crate::store::knowledge::{self, KnowledgeRow, KnowledgeScope};
use crate::store::leases::{CopiedFile, Lease, NewLease};
use crate::store::queue::{self, Claim};
use crate::store::trust::TrustRecord;

const AUDIT_COLUMNS: &str =
    "seq, ts, project_id, developer_id, action, resource, status, details, prev_hash, hash";

const JOB_COLUMNS: &str = "id, kind, repo, project_id, developer_id, task_id, tree_id, status, pid,
    started_at, finished_at, cs, tier, passed, report_path, request, result, bypass_reason,
    host, boot_id";

const LEASE_COLUMNS: &str = "id, repo, project_id, task_id, path, branch, developer_id, owner_pid, \
                             created_at, last_used_at, copied_files, owner_host, owner_boot_id";

const TOUCH_PROJECT: &str = "INSERT INTO projects (id, root, created_at, last_seen_at)
    VALUES ($1, $2, $3, $3)
    ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
        root = COALESCE(excluded.root, projects.root)";
const AUDIT_APPEND: &str =
    "SELECT out_seq FROM wfc_audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9)";

const INSERT_JOB: &str =
    "INSERT INTO jobs (id, kind, repo, project_id, developer_id, task_id, tree_id, status,
                               pid, started_at, request, host, boot_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
const INSERT_RUN: &str =
    "INSERT INTO reviewer_runs (job_id, reviewer_id, status, duration_ms, findings, error)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (job_id, reviewer_id) DO UPDATE SET
                    status = excluded.status, duration_ms = excluded.duration_ms,
                    findings = excluded.findings, error = excluded.error";
const INSERT_EVENT: &str = "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
                 VALUES ($1, $2, $3, $4, $5)";
const FINISH_JOB: &str =
    "UPDATE jobs SET status = $2, finished_at = $3, cs = $4, tier = $5, passed = $6,
                    report_path = $7, result = $8, bypass_reason = $9, parent_trees = $10,
                    policy_digest = $11
             WHERE id = $1";

/// Appends one audit row (noting its project as seen when `touch`): the chain is serialised
/// across every process and machine by the advisory lock `wfc_audit_append` takes, held until
/// the transaction of `client` ends (at once, outside a transaction).
fn append_in(
    client: &mut impl GenericClient,
    statements: &mut Statements,
    now: SystemTime,
    entry: &NewAudit<'_>,
    touch: Option<Option<&Path>>,
) -> Result<i64, StoreError> {
    let (ts, resource, details) = audit::scrub(now, entry);
    let st = statements
        .get(client, AUDIT_APPEND)
        .map_err(pg("cannot prepare the audit append"))?;
    let root = touch.flatten().map(|r| r.to_string_lossy().into_owned());
    let row = client
        .query_one(
            &st,
            &[
                &ts,
                &entry.project_id,
                &entry.developer_id,
                &entry.action,
                &resource,
                &entry.status,
                &details,
                &touch.is_some(),
                &root,
            ],
        )
        .map_err(pg("cannot append to the audit trail"))?;
    Ok(row.get(0))
}

/// Inserts knowledge entries of one scope, each unless its section already holds its normalised
/// text; the outcomes are in the order of `entries`.
fn insert_knowledge(
    tx: &mut Transaction<'_>,
    scope: &str,
    entries: &[knowledge::Prepared],
) -> Result<Vec<AppendOutcome>, StoreError> {
    let mut outcomes = Vec::with_capacity(entries.len());
    for p in entries {
        let added = tx
            .query_opt(
                "INSERT INTO knowledge
                   (scope, reviewer, section, date, text, normalized, source, developer)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (scope, reviewer, section, normalized) DO NOTHING
                 RETURNING id",
                &[
                    &scope,
                    &p.reviewer,
                    &p.section.key(),
                    &p.date,
                    &p.text,
                    &p.normalized,
                    &p.source,
                    &p.developer,
                ],
            )
            .map_err(pg("cannot record a knowledge entry"))?
            .is_some();
        outcomes.push(if added {
            AppendOutcome::Added
        } else {
            AppendOutcome::Duplicate
        });
    }
    Ok(outcomes)
}

/// `queue::SWEEP_SQL` in PostgreSQL's placeholders.
fn pg_sweep() -> String {
    queue::SWEEP_SQL.replace("?1", "$1")
}

impl PgStore {
    /// Runs `update` (`$1` the job id, `$2` the token, then `extra`) when `claim` still holds
    /// its job and its lease has not run out at `now`; returns whether it did.
    fn under_claim(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        update: &str,
        extra: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<bool, StoreError> {
        let at = crate::time::rfc3339(now);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        tx.execute(&pg_sweep(), &[&at])
            .map_err(pg("cannot put expired claims back"))?;
        let mut args: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![&claim.job_id, &claim.token];
        args.extend_from_slice(extra);
        let n = tx
            .execute(update, &args)
            .map_err(pg("cannot update the claimed job"))?;
        tx.commit().map_err(pg("cannot update the claimed job"))?;
        Ok(n > 0)
    }
}

fn touch_in(
    tx: &mut Transaction<'_>,
    statements: &mut Statements,
    now: SystemTime,
    project_id: &str,
    root: Option<&Path>,
) -> Result<(), StoreError> {
    let st = statements
        .get(tx, TOUCH_PROJECT)
        .map_err(pg("cannot record the project"))?;
    let root = root.map(|r| r.to_string_lossy().into_owned());
    tx.execute(&st, &[&project_id, &root, &crate::time::rfc3339(now)])
        .map_err(pg("cannot record the project"))?;
    Ok(())
}

fn read_job(r: &Row) -> Job {
    Job {
        id: r.get(0),
        kind: r.get(1),
        repo: r.get(2),
        project_id: r.get(3),
        developer_id: r.get(4),
        task_id: r.get(5),
        tree_id: r.get(6),
        status: r.get(7),
        pid: r.get(8),
        started_at: r.get(9),
        finished_at: r.get(10),
        cs: r.get(11),
        tier: r.get(12),
        passed: r.get(13),
        report_path: r.get(14),
        request: r.get(15),
        result: r.get(16),
        bypass_reason: r.get(17),
        owner: owner_of(r.get(8), r.get(18), r.get(19)),
    }
}

fn read_lease(r: &Row) -> Lease {
    let copied: String = r.get(10);
    let pid: Option<i64> = r.get(7);
    Lease {
        id: r.get(0),
        repo: r.get(1),
        project_id: r.get(2),
        task_id: r.get(3),
        path: r.get(4),
        branch: r.get(5),
        developer_id: r.get(6),
        owner_pid: pid.and_then(|p| u32::try_from(p).ok()),
        created_at: r.get(8),
        last_used_at: r.get(9),
        copied_files: serde_json::from_str(&copied).unwrap_or_default(),
        owner: owner_of(pid, r.get(11), r.get(12)),
    }
}

fn read_audit(r: &Row) -> AuditRow {
    let details: String = r.get(7);
    AuditRow {
        seq: r.get(0),
        ts: r.get(1),
        project_id: r.get(2),
        developer_id: r.get(3),
        action: r.get(4),
        resource: r.get(5),
        status: r.get(6),
        details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
        prev_hash: r.get(8),
        hash: r.get(9),
    }
}

impl PgStore {
    fn one_job(
        &mut self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Option<Job>, StoreError> {
        Ok(self
            .client
            .query_opt(sql, params)
            .map_err(pg("cannot read jobs"))?
            .map(|r| read_job(&r)))
    }

    fn owner_here(&self, pid: Option<u32>) -> Option<Owner> {
        pid.map(|p| self.host.owner(p))
    }
}

fn pid_of(owner: Option<&Owner>) -> Option<i64> {
    owner.map(|o| i64::from(o.pid))
}

impl Backend for PgStore {
    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }

    fn describe(&self) -> String {
        self.database.clone()
    }

    fn supported_schema_version(&self) -> i64 {
        super::LATEST
    }

    fn schema_version(&mut self) -> Result<i64, StoreError> {
        super::migrations::version(self)
    }

    fn host(&self) -> &Host {
        &self.host
    }

    fn touch_project(
        &mut self,
        now: SystemTime,
        project_id: &str,
        root: Option<&Path>,
    ) -> Result<(), StoreError> {
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        touch_in(&mut tx, &mut self.statements, now, project_id, root)?;
        tx.commit().map_err(pg("cannot record the project"))
    }

    fn projects(&mut self) -> Result<Vec<String>, StoreError> {
        let rows = self
            .client
            .query("SELECT id FROM projects ORDER BY id", &[])
            .map_err(pg("cannot read projects"))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn append_audit(
        &mut self,
        now: SystemTime,
        entry: &NewAudit<'_>,
        root: Option<&Path>,
    ) -> Result<i64, StoreError> {
        // One statement, so one round trip and its own transaction.
        append_in(
            &mut self.client,
            &mut self.statements,
            now,
            entry,
            Some(root),
        )
    }

    fn audit_rows(&mut self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError> {
        let since = filter.since.map(crate::time::rfc3339);
        let limit = filter.limit.map(|l| l as i64);
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit
                     WHERE ($1::text IS NULL OR ts >= $1)
                       AND ($2::text IS NULL OR action = $2)
                       AND ($3::text IS NULL OR project_id = $3)
                     ORDER BY seq DESC LIMIT $4"
                ),
                &[&since, &filter.action, &filter.project_id, &limit],
            )
            .map_err(pg("cannot read the audit trail"))?;
        let mut out: Vec<AuditRow> = rows.iter().map(read_audit).collect();
        out.reverse();
        Ok(out)
    }

    fn verify_audit(&mut self) -> Result<VerifyReport, StoreError> {
        // One snapshot for the rows, the head and the triggers: an append that commits while
        // the chain is read must not look like a deleted tail.
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(pg("cannot read the audit trail"))?;
        let mut check = ChainCheck::default();
        {
            let rows = tx
                .query_raw(
                    &format!("SELECT {AUDIT_COLUMNS} FROM audit ORDER BY seq"),
                    std::iter::empty::<i64>(),
                )
                .map_err(pg("cannot read the audit trail"))?;
            use postgres::fallible_iterator::FallibleIterator;
            let mut rows = rows;
            while let Some(r) = rows.next().map_err(pg("cannot read the audit trail"))? {
                let s = |i| -> String { r.get(i) };
                check.row(
                    &audit::Linked {
                        seq: r.get(0),
                        ts: &s(1),
                        project: &s(2),
                        developer: &s(3),
                        action: &s(4),
                        resource: &s(5),
                        status: &s(6),
                        details: &s(7),
                        prev: &s(8),
                    },
                    &s(9),
                );
            }
        }
        let high: Option<i64> = tx
            .query_opt("SELECT seq FROM audit_head WHERE id = 1", &[])
            .map_err(pg("cannot read the audit trail"))?
            .map(|r| r.get(0));
        let mut triggers = Vec::new();
        for name in ["audit_no_update", "audit_no_delete", "audit_no_truncate"] {
            let present: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_trigger
                     WHERE tgrelid = 'audit'::regclass AND tgname = $1 AND tgenabled <> 'D')",
                    &[&name],
                )
                .map_err(pg("cannot read the schema"))?
                .get(0);
            triggers.push((name, present));
        }
        tx.commit().map_err(pg("cannot read the audit trail"))?;
        Ok(check.finish(high, &triggers))
    }

    fn audit_hash_of(&mut self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .client
            .query_opt("SELECT hash FROM audit WHERE seq = $1", &[&seq])
            .map_err(pg("cannot read the audit trail"))?
            .map(|r| r.get(0)))
    }

    fn audit_head_for_job(&mut self, job_id: &str) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self
            .client
            .query_opt(
                "SELECT seq, hash FROM audit
                 WHERE action IN ('review', 'review.bypass') AND details::jsonb ->> 'job_id' = $1
                 ORDER BY seq DESC LIMIT 1",
                &[&job_id],
            )
            .map_err(pg("cannot read the audit trail"))?
            .map(|r| (r.get(0), r.get(1))))
    }

    fn start_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        root: Option<&Path>,
    ) -> Result<(), StoreError> {
        let owner = self.host.owner(std::process::id());
        let request = job.request.map(crate::review::redact::json_text);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        touch_in(&mut tx, &mut self.statements, now, job.project_id, root)?;
        let st = self
            .statements
            .get(&mut tx, INSERT_JOB)
            .map_err(pg("cannot record the job"))?;
        tx.execute(
            &st,
            &[
                &job.id,
                &job.kind,
                &job.repo,
                &job.project_id,
                &job.developer_id,
                &job.task_id,
                &job.tree_id,
                &job.status,
                &i64::from(owner.pid),
                &crate::time::rfc3339(now),
                &request.as_deref(),
                &owner.host,
                &owner.boot_id,
            ],
        )
        .map_err(pg("cannot record the job"))?;
        tx.commit().map_err(pg("cannot record the job"))
    }

    fn finish_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        c: &Completion<'_>,
        entry: &NewAudit<'_>,
        event: Option<&NewEvent<'_>>,
    ) -> Result<i64, StoreError> {
        let result = c.result.map(|r| r.as_str());
        let bypass_reason = c.bypass_reason.map(crate::review::redact::text);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let st = self
            .statements
            .get(&mut tx, FINISH_JOB)
            .map_err(pg("cannot record the job outcome"))?;
        tx.execute(
            &st,
            &[
                &job_id,
                &c.status,
                &crate::time::rfc3339(now),
                &c.cs,
                &c.tier,
                &c.passed,
                &c.report_path,
                &result,
                &bypass_reason.as_deref(),
                &c.parent_trees,
                &c.policy_digest,
            ],
        )
        .map_err(pg("cannot record the job outcome"))?;
        for r in c.runs {
            let error = crate::review::redact::opt(r.error.as_deref());
            let st = self
                .statements
                .get(&mut tx, INSERT_RUN)
                .map_err(pg("cannot record a reviewer outcome"))?;
            tx.execute(
                &st,
                &[
                    &job_id,
                    &r.reviewer_id,
                    &r.status,
                    &r.duration_ms.map(|d| d as i64),
                    &(r.findings as i64),
                    &error.as_deref(),
                ],
            )
            .map_err(pg("cannot record a reviewer outcome"))?;
        }
        if let Some(e) = event {
            let st = self
                .statements
                .get(&mut tx, INSERT_EVENT)
                .map_err(pg("cannot record a telemetry event"))?;
            tx.execute(
                &st,
                &[
                    &crate::time::rfc3339(now),
                    &e.project_id,
                    &e.developer_id,
                    &e.kind,
                    &events::stored_data(e),
                ],
            )
            .map_err(pg("cannot record a telemetry event"))?;
        }
        // Last, so that the chain stays locked only for the append itself.
        let seq = append_in(&mut tx, &mut self.statements, now, entry, None)?;
        tx.commit().map_err(pg("cannot record the job outcome"))?;
        Ok(seq)
    }

    fn interrupt_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        prepared: bool,
    ) -> Result<bool, StoreError> {
        let sql = if prepared {
            "UPDATE jobs SET status = 'interrupted', finished_at = $2
             WHERE id = $1 AND status IN ('running', 'prepared')"
        } else {
            "UPDATE jobs SET status = 'interrupted', finished_at = $2
             WHERE id = $1 AND status = 'running'"
        };
        let n = self
            .client
            .execute(sql, &[&job_id, &crate::time::rfc3339(now)])
            .map_err(pg("cannot mark the job interrupted"))?;
        Ok(n == 1)
    }

    fn job(&mut self, id: &str) -> Result<Option<Job>, StoreError> {
        self.one_job(
            &format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"),
            &[&id],
        )
    }

    fn jobs(&mut self, project: Option<&str>, limit: usize) -> Result<Vec<Job>, StoreError> {
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT {JOB_COLUMNS} FROM jobs WHERE ($1::text IS NULL OR project_id = $1)
                     ORDER BY started_at DESC, seq DESC LIMIT $2"
                ),
                &[&project, &(limit as i64)],
            )
            .map_err(pg("cannot read jobs"))?;
        Ok(rows.iter().map(read_job).collect())
    }

    fn reviewer_runs(&mut self, job_id: &str) -> Result<Vec<ReviewerRun>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT reviewer_id, status, duration_ms, findings, error FROM reviewer_runs
                 WHERE job_id = $1 ORDER BY reviewer_id",
                &[&job_id],
            )
            .map_err(pg("cannot read reviewer runs"))?;
        Ok(rows
            .iter()
            .map(|r| ReviewerRun {
                reviewer_id: r.get(0),
                status: r.get(1),
                duration_ms: r.get::<_, Option<i64>>(2).map(|d| d as u64),
                findings: r.get::<_, i64>(3) as usize,
                error: r.get(4),
            })
            .collect())
    }

    fn reported_beyond(
        &mut self,
        repo: &str,
        project: &str,
        task: &str,
        keep: usize,
    ) -> Result<Vec<String>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT id FROM jobs
                 WHERE repo = $1 AND project_id = $2 AND task_id = $3 AND report_path IS NOT NULL
                 ORDER BY finished_at DESC NULLS LAST, seq DESC OFFSET $4",
                &[&repo, &project, &task, &(keep as i64)],
            )
            .map_err(pg("cannot read jobs"))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn forget_reports(&mut self, ids: &[String]) -> Result<(), StoreError> {
        self.client
            .execute(
                "UPDATE jobs SET report_path = NULL WHERE id = ANY($1)",
                &[&ids],
            )
            .map_err(pg("cannot update jobs"))?;
        Ok(())
    }

    fn passing_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError> {
        self.one_job(
            &format!(
                "SELECT {JOB_COLUMNS} FROM jobs
                 WHERE tree_id = $2 AND status IN ('passed', 'bypassed') AND repo = $1
                 ORDER BY finished_at DESC NULLS LAST, seq DESC LIMIT 1"
            ),
            &[&repo, &tree_id],
        )
    }

    fn grant_for_change(
        &mut self,
        repo: &str,
        parent_trees: &str,
        tree_id: &str,
        policy_digest: &str,
    ) -> Result<Option<Job>, StoreError> {
        self.one_job(
            &format!(
                "SELECT {JOB_COLUMNS} FROM jobs
                 WHERE tree_id = $2 AND policy_digest = $4 AND parent_trees = $3
                   AND status IN ('passed', 'bypassed') AND repo = $1
                 ORDER BY finished_at DESC NULLS LAST, seq DESC LIMIT 1"
            ),
            &[&repo, &tree_id, &parent_trees, &policy_digest],
        )
    }

    fn latest_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError> {
        self.one_job(
            &format!(
                "SELECT {JOB_COLUMNS} FROM jobs
                 WHERE tree_id = $2 AND repo = $1 AND finished_at IS NOT NULL
                 ORDER BY finished_at DESC, seq DESC LIMIT 1"
            ),
            &[&repo, &tree_id],
        )
    }

    fn running_jobs(&mut self, project: Option<&str>) -> Result<Vec<RunningJob>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT id, project_id, kind, pid, started_at, task_id, repo, host, boot_id FROM jobs
                 WHERE status = 'running' AND ($1::text IS NULL OR project_id = $1)
                 ORDER BY started_at, seq",
                &[&project],
            )
            .map_err(pg("cannot read jobs"))?;
        Ok(rows
            .iter()
            .map(|r| {
                let pid: Option<i64> = r.get(3);
                RunningJob {
                    id: r.get(0),
                    project_id: r.get(1),
                    kind: r.get(2),
                    pid: pid.and_then(|p| u32::try_from(p).ok()),
                    started_at: r.get(4),
                    task_id: r.get(5),
                    repo: r.get(6),
                    owner: owner_of(pid, r.get(7), r.get(8)),
                }
            })
            .collect())
    }

    fn lease(
        &mut self,
        repo: &str,
        project: &str,
        task: &str,
    ) -> Result<Option<Lease>, StoreError> {
        Ok(self
            .client
            .query_opt(
                &format!(
                    "SELECT {LEASE_COLUMNS} FROM worktrees
                     WHERE host = $4 AND repo = $1 AND project_id = $2 AND task_id = $3"
                ),
                &[&repo, &project, &task, &self.host.name],
            )
            .map_err(pg("cannot read a worktree lease"))?
            .map(|r| read_lease(&r)))
    }

    fn leases(&mut self, repo: &str, project: Option<&str>) -> Result<Vec<Lease>, StoreError> {
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT {LEASE_COLUMNS} FROM worktrees
                     WHERE host = $3 AND repo = $1 AND ($2::text IS NULL OR project_id = $2)
                     ORDER BY project_id, created_at, task_id"
                ),
                &[&repo, &project, &self.host.name],
            )
            .map_err(pg("cannot read worktree leases"))?;
        Ok(rows.iter().map(read_lease).collect())
    }

    fn team_leases(&mut self, project: Option<&str>) -> Result<Vec<Lease>, StoreError> {
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT {LEASE_COLUMNS} FROM worktrees
                     WHERE ($1::text IS NULL OR project_id = $1)
                     ORDER BY host, repo, project_id, created_at, task_id"
                ),
                &[&project],
            )
            .map_err(pg("cannot read worktree leases"))?;
        Ok(rows.iter().map(read_lease).collect())
    }

    fn take_lease(
        &mut self,
        now: SystemTime,
        lease: &NewLease<'_>,
        entry: Option<&NewAudit<'_>>,
    ) -> Result<i64, StoreError> {
        let owner = self.owner_here(lease.owner_pid);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO worktrees
                   (repo, project_id, task_id, path, branch, developer_id, owner_pid,
                    created_at, last_used_at, copied_files, owner_host, owner_boot_id, host)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, '[]', $9, $10, $11)
                 ON CONFLICT (host, repo, project_id, task_id) DO UPDATE SET
                   path = excluded.path, branch = excluded.branch,
                   developer_id = excluded.developer_id, owner_pid = excluded.owner_pid,
                   created_at = excluded.created_at, last_used_at = excluded.last_used_at,
                   copied_files = '[]', owner_host = excluded.owner_host,
                   owner_boot_id = excluded.owner_boot_id
                 RETURNING id",
                &[
                    &lease.repo,
                    &lease.project_id,
                    &lease.task_id,
                    &lease.path,
                    &lease.branch,
                    &lease.developer_id,
                    &pid_of(owner.as_ref()),
                    &crate::time::rfc3339(now),
                    &owner.as_ref().and_then(|o| o.host.clone()),
                    &owner.as_ref().and_then(|o| o.boot_id.clone()),
                    &self.host.name,
                ],
            )
            .map_err(pg("cannot record the worktree lease"))?
            .get(0);
        if let Some(e) = entry {
            append_in(&mut tx, &mut self.statements, now, e, None)?;
        }
        tx.commit()
            .map_err(pg("cannot record the worktree lease"))?;
        Ok(id)
    }

    fn release_lease(
        &mut self,
        id: i64,
        entry: Option<(SystemTime, &NewAudit<'_>)>,
    ) -> Result<bool, StoreError> {
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let n = tx
            .execute("DELETE FROM worktrees WHERE id = $1", &[&id])
            .map_err(pg("cannot delete a worktree lease"))?;
        if let Some((now, e)) = entry {
            append_in(&mut tx, &mut self.statements, now, e, None)?;
        }
        tx.commit().map_err(pg("cannot delete a worktree lease"))?;
        Ok(n == 1)
    }

    fn set_lease_owner(&mut self, id: i64, pid: Option<u32>) -> Result<(), StoreError> {
        let owner = self.owner_here(pid);
        self.client
            .execute(
                "UPDATE worktrees SET owner_pid = $2, owner_host = $3, owner_boot_id = $4
                 WHERE id = $1",
                &[
                    &id,
                    &pid_of(owner.as_ref()),
                    &owner.as_ref().and_then(|o| o.host.clone()),
                    &owner.as_ref().and_then(|o| o.boot_id.clone()),
                ],
            )
            .map_err(pg("cannot record the worktree owner"))?;
        Ok(())
    }

    fn set_copied_files(&mut self, id: i64, files: &[CopiedFile]) -> Result<(), StoreError> {
        let text = serde_json::to_string(files)
            .map_err(|e| StoreError::Invalid(format!("cannot encode copied files: {e}")))?;
        self.client
            .execute(
                "UPDATE worktrees SET copied_files = $2 WHERE id = $1",
                &[&id, &text],
            )
            .map_err(pg("cannot record the copied files"))?;
        Ok(())
    }

    fn touch_lease_path(&mut self, now: SystemTime, path: &str) -> Result<usize, StoreError> {
        let ts = crate::time::rfc3339(now);
        let n = self
            .client
            .execute(
                "UPDATE worktrees SET last_used_at = $2
                 WHERE host = $3 AND path = $1 AND last_used_at < $2",
                &[&path, &ts, &self.host.name],
            )
            .map_err(pg("cannot record the worktree's last use"))?;
        Ok(n as usize)
    }

    fn lease_counts(&mut self, project: Option<&str>) -> Result<BTreeMap<String, u64>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT project_id, COUNT(*) FROM worktrees
                 WHERE ($1::text IS NULL OR project_id = $1) GROUP BY project_id",
                &[&project],
            )
            .map_err(pg("cannot count worktrees"))?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1) as u64))
            .collect())
    }

    fn try_take_token(
        &mut self,
        name: &str,
        cfg: &RateLimitConfig,
    ) -> Result<Option<Duration>, StoreError> {
        const LOCK: &str = "SELECT tokens, updated_at FROM rate_buckets WHERE name = $1 FOR UPDATE";
        const CREATE: &str = "INSERT INTO rate_buckets (name, tokens, updated_at)
            VALUES ($1, $2, extract(epoch FROM clock_timestamp())::float8)
            ON CONFLICT (name) DO NOTHING";
        // The server's clock, read once the row is locked: every machine refills by one clock.
        const NOW: &str = "SELECT extract(epoch FROM clock_timestamp())::float8";
        const SET: &str = "UPDATE rate_buckets SET tokens = $2, updated_at = $3 WHERE name = $1";
        let st = &mut self.statements;
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let lock = st
            .get(&mut tx, LOCK)
            .map_err(pg("cannot prepare a token"))?;
        let mut row = tx
            .query_opt(&lock, &[&name])
            .map_err(pg("cannot read a rate-limit bucket"))?;
        if row.is_none() {
            let create = st
                .get(&mut tx, CREATE)
                .map_err(pg("cannot prepare a token"))?;
            tx.execute(&create, &[&name, &cfg.capacity])
                .map_err(pg("cannot create a rate-limit bucket"))?;
            row = tx
                .query_opt(&lock, &[&name])
                .map_err(pg("cannot read a rate-limit bucket"))?;
        }
        let row =
            row.ok_or_else(|| StoreError::Invalid(format!("rate limit {name:?} vanished")))?;
        let (tokens, updated): (f64, f64) = (row.get(0), row.get(1));
        let now_st = st.get(&mut tx, NOW).map_err(pg("cannot prepare a token"))?;
        let now: f64 = tx
            .query_one(&now_st, &[])
            .map_err(pg("cannot read the server's clock"))?
            .get(0);
        let elapsed = (now - updated).max(0.0);
        let available = (tokens + elapsed * cfg.refill_per_sec).min(cfg.capacity);
        let (left, wait) = if available >= 1.0 {
            (available - 1.0, None)
        } else {
            let secs = (1.0 - available) / cfg.refill_per_sec;
            (available, Some(Duration::from_secs_f64(secs.max(0.001))))
        };
        let set = st.get(&mut tx, SET).map_err(pg("cannot prepare a token"))?;
        tx.execute(&set, &[&name, &left, &now])
            .map_err(pg("cannot update a rate-limit bucket"))?;
        tx.commit()
            .map_err(pg("cannot update a rate-limit bucket"))?;
        Ok(wait)
    }

    fn record_event(&mut self, now: SystemTime, event: &NewEvent<'_>) -> Result<(), StoreError> {
        self.client
            .execute(
                "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &crate::time::rfc3339(now),
                    &event.project_id,
                    &event.developer_id,
                    &event.kind,
                    &events::stored_data(event),
                ],
            )
            .map_err(pg("cannot record a telemetry event"))?;
        Ok(())
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let since = filter.since.map(crate::time::rfc3339);
        let rows = self
            .client
            .query(
                "SELECT id, ts, project_id, developer_id, kind, data FROM telemetry_events
                 WHERE ($1::text IS NULL OR project_id = $1) AND ($2::text IS NULL OR ts >= $2)
                 ORDER BY ts, id",
                &[&filter.project_id, &since],
            )
            .map_err(pg("cannot read telemetry events"))?;
        Ok(rows
            .iter()
            .map(|r| EventRow {
                id: r.get(0),
                time: r.get(1),
                project_id: r.get(2),
                developer_id: r.get(3),
                kind: r.get(4),
                data: events::parse_data(r.get(5)),
            })
            .collect())
    }

    fn trusted_config(
        &mut self,
        repo: &str,
        path: &str,
    ) -> Result<Option<TrustRecord>, StoreError> {
        Ok(self
            .client
            .query_opt(
                "SELECT repo, path, sha256, developer_id, trusted_at FROM trusted_configs
                 WHERE repo = $1 AND path = $2",
                &[&repo, &path],
            )
            .map_err(pg("cannot read the trusted configs"))?
            .map(|r| TrustRecord {
                repo: r.get(0),
                path: r.get(1),
                sha256: r.get(2),
                developer_id: r.get(3),
                trusted_at: r.get(4),
            }))
    }

    fn trust_config(
        &mut self,
        now: SystemTime,
        record: &TrustRecord,
        entry: &NewAudit<'_>,
    ) -> Result<(), StoreError> {
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        tx.execute(
            "INSERT INTO trusted_configs (repo, path, sha256, developer_id, trusted_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (repo, path) DO UPDATE SET sha256 = excluded.sha256,
                developer_id = excluded.developer_id, trusted_at = excluded.trusted_at",
            &[
                &record.repo,
                &record.path,
                &record.sha256,
                &record.developer_id,
                &record.trusted_at,
            ],
        )
        .map_err(pg("cannot record the trusted config"))?;
        append_in(&mut tx, &mut self.statements, now, entry, None)?;
        tx.commit().map_err(pg("cannot record the trusted config"))
    }

    fn revoke_trust(
        &mut self,
        now: SystemTime,
        repo: &str,
        path: &str,
        entry: &NewAudit<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let n = tx
            .execute(
                "DELETE FROM trusted_configs WHERE repo = $1 AND path = $2",
                &[&repo, &path],
            )
            .map_err(pg("cannot revoke the trusted config"))?;
        append_in(&mut tx, &mut self.statements, now, entry, None)?;
        tx.commit()
            .map_err(pg("cannot revoke the trusted config"))?;
        Ok(n > 0)
    }

    fn enqueue_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        max_attempts: u32,
    ) -> Result<(), StoreError> {
        let request = job.request.map(crate::review::redact::json_text);
        self.client
            .execute(
                "INSERT INTO jobs (id, kind, repo, project_id, developer_id, task_id, tree_id,
                                   status, started_at, request, max_attempts)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9, $10)",
                &[
                    &job.id,
                    &job.kind,
                    &job.repo,
                    &job.project_id,
                    &job.developer_id,
                    &job.task_id,
                    &job.tree_id,
                    &crate::time::rfc3339(now),
                    &request.as_deref(),
                    &(max_attempts.max(1) as i32),
                ],
            )
            .map_err(pg("cannot queue the job"))?;
        Ok(())
    }

    fn claim_job(
        &mut self,
        now: SystemTime,
        worker: &str,
        lease: Duration,
    ) -> Result<Option<Claim>, StoreError> {
        let at = crate::time::rfc3339(now);
        let until = queue::lease_end(now, lease);
        let token = crate::store::new_id("c", now);
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        tx.execute(&pg_sweep(), &[&at])
            .map_err(pg("cannot put expired claims back"))?;
        // A job another claimer holds locked is skipped, not waited for.
        let next = tx
            .query_opt(
                "SELECT id, attempts FROM jobs WHERE status = 'queued'
                 ORDER BY started_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED",
                &[],
            )
            .map_err(pg("cannot read the queue"))?;
        let Some(row) = next else {
            tx.commit().map_err(pg("cannot read the queue"))?;
            return Ok(None);
        };
        let (job_id, attempts): (String, i32) = (row.get(0), row.get(1));
        tx.execute(
            "UPDATE jobs SET status = 'claimed', claimed_by = $2, claim_token = $3,
                             lease_until = $4, attempts = attempts + 1
             WHERE id = $1",
            &[&job_id, &worker, &token, &until],
        )
        .map_err(pg("cannot claim the job"))?;
        tx.commit().map_err(pg("cannot claim the job"))?;
        Ok(Some(Claim {
            job_id,
            worker: worker.to_string(),
            token,
            attempt: attempts as u32 + 1,
            lease_until: until,
        }))
    }

    fn renew_claim(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let until = queue::lease_end(now, lease);
        self.under_claim(
            now,
            claim,
            "UPDATE jobs SET lease_until = $3 WHERE id = $1 AND claim_token = $2",
            &[&until],
        )
    }

    fn start_claimed(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError> {
        let owner = self.host.owner(std::process::id());
        self.under_claim(
            now,
            claim,
            "UPDATE jobs SET status = 'running', pid = $3, host = $4, boot_id = $5
             WHERE id = $1 AND claim_token = $2 AND status = 'claimed'",
            &[&i64::from(owner.pid), &owner.host, &owner.boot_id],
        )
    }

    fn finish_claimed(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        status: JobStatus,
    ) -> Result<bool, StoreError> {
        let at = crate::time::rfc3339(now);
        self.under_claim(
            now,
            claim,
            "UPDATE jobs SET status = $3, finished_at = $4, claim_token = NULL, lease_until = NULL
             WHERE id = $1 AND claim_token = $2",
            &[&status.as_str(), &at],
        )
    }

    fn release_claim(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError> {
        self.under_claim(
            now,
            claim,
            "UPDATE jobs SET status = 'queued', claimed_by = NULL, claim_token = NULL,
                             lease_until = NULL, attempts = attempts - 1, pid = NULL
             WHERE id = $1 AND claim_token = $2",
            &[],
        )
    }

    fn keeps_knowledge(&self) -> bool {
        true
    }

    fn append_knowledge(
        &mut self,
        now: SystemTime,
        scope: &KnowledgeScope,
        entries: &[NewEntry],
        entry: Option<&NewAudit<'_>>,
    ) -> Result<Vec<AppendOutcome>, StoreError> {
        let prepared = knowledge::prepare(entries, now)?;
        let scope = scope.key();
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let outcomes = insert_knowledge(&mut tx, &scope, &prepared)?;
        if let Some(e) = entry
            && outcomes.contains(&AppendOutcome::Added)
        {
            let details = knowledge::with_outcomes(&e.details, &outcomes);
            let e = NewAudit {
                details,
                ..e.clone()
            };
            append_in(&mut tx, &mut self.statements, now, &e, None)?;
        }
        tx.commit().map_err(pg("cannot record knowledge entries"))?;
        Ok(outcomes)
    }

    fn knowledge(
        &mut self,
        scope: &KnowledgeScope,
        reviewer: &str,
        archived: bool,
    ) -> Result<Vec<KnowledgeRow>, StoreError> {
        let sql = if archived {
            "SELECT id, reviewer, section, date, text, source, developer FROM knowledge_archive
             WHERE scope = $1 AND reviewer = $2 ORDER BY id"
        } else {
            "SELECT id, reviewer, section, date, text, source, developer FROM knowledge
             WHERE scope = $1 AND reviewer = $2 ORDER BY id"
        };
        let rows = self
            .client
            .query(sql, &[&scope.key(), &reviewer])
            .map_err(pg("cannot read knowledge"))?;
        rows.iter()
            .map(|r| {
                let key: String = r.get(2);
                let section = Section::parse(&key).ok_or_else(|| {
                    StoreError::Invalid(format!("a knowledge entry has an unknown section {key:?}"))
                })?;
                // The table is shared with every machine that can write to it: what comes back
                // is cleaned as an append cleans it, so it can only ever render as one line.
                let clean = crate::knowledge::file::sanitize;
                let date: String = r.get(3);
                Ok(KnowledgeRow {
                    id: r.get(0),
                    reviewer: r.get(1),
                    section,
                    date: clean(&date),
                    text: clean(r.get(4)),
                    source: clean(r.get(5)),
                    developer: r.get::<_, Option<&str>>(6).map(clean),
                })
            })
            .collect()
    }

    fn archive_knowledge(
        &mut self,
        now: SystemTime,
        scope: &KnowledgeScope,
        reviewer: &str,
        ids: &[i64],
        entry: &NewAudit<'_>,
    ) -> Result<usize, StoreError> {
        let scope = scope.key();
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        // The rows are locked as they are copied, so two prunes at once move each entry once.
        let moved = tx
            .query(
                "DELETE FROM knowledge WHERE scope = $1 AND reviewer = $2 AND id = ANY($3)
                 RETURNING id, section, date, text, normalized, source, developer",
                &[&scope, &reviewer, &ids],
            )
            .map_err(pg("cannot archive knowledge"))?;
        let at = crate::time::rfc3339(now);
        for r in &moved {
            let (id, section, date, text, normalized, source, developer): (
                i64,
                String,
                String,
                String,
                String,
                String,
                Option<String>,
            ) = (
                r.get(0),
                r.get(1),
                r.get(2),
                r.get(3),
                r.get(4),
                r.get(5),
                r.get(6),
            );
            tx.execute(
                "INSERT INTO knowledge_archive
                   (id, scope, reviewer, section, date, text, normalized, source, developer,
                    archived_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (scope, reviewer, section, normalized) DO NOTHING",
                &[
                    &id,
                    &scope,
                    &reviewer,
                    &section,
                    &date,
                    &text,
                    &normalized,
                    &source,
                    &developer,
                    &at,
                ],
            )
            .map_err(pg("cannot archive knowledge"))?;
        }
        if !moved.is_empty() {
            append_in(&mut tx, &mut self.statements, now, entry, None)?;
        }
        tx.commit().map_err(pg("cannot archive knowledge"))?;
        Ok(moved.len())
    }

    fn import_knowledge(
        &mut self,
        scope: &KnowledgeScope,
        rows: &[KnowledgeRow],
    ) -> Result<Vec<AppendOutcome>, StoreError> {
        let scope = scope.key();
        let mut tx = self
            .client
            .transaction()
            .map_err(pg("cannot start a write"))?;
        let prepared: Vec<knowledge::Prepared> = rows
            .iter()
            .map(|r| knowledge::Prepared {
                reviewer: r.reviewer.clone(),
                section: r.section,
                date: r.date.clone(),
                text: r.text.clone(),
                normalized: crate::knowledge::file::normalize(&r.text),
                source: r.source.clone(),
                developer: r.developer.clone(),
            })
            .collect();
        let outcomes = insert_knowledge(&mut tx, &scope, &prepared)?;
        tx.commit().map_err(pg("cannot import knowledge"))?;
        Ok(outcomes)
    }

    fn knowledge_reviewers(&mut self, scope: &KnowledgeScope) -> Result<Vec<String>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT reviewer FROM knowledge WHERE scope = $1
                 UNION SELECT reviewer FROM knowledge_archive WHERE scope = $1
                 ORDER BY 1",
                &[&scope.key()],
            )
            .map_err(pg("cannot read knowledge"))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}
