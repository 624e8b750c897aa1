//! `wfc store migrate`: an embedded SQLite store copied into PostgreSQL row for row, in one
//! transaction. The audit rows keep their numbers, links and hashes, so the chain (and every
//! audit head a signed commit carries) stays valid; rows that an older wfc wrote without a host
//! are recorded as this host's, the machine that kept the SQLite file.

use postgres::Transaction;
use rusqlite::types::Value;
use serde::Serialize;

use super::{AUDIT_LOCK, PgStore, pg};
use crate::store::{Store, StoreError, sql};

/// How many rows of each table were copied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Copied {
    pub projects: usize,
    pub audit: usize,
    pub worktrees: usize,
    pub jobs: usize,
    pub reviewer_runs: usize,
    pub telemetry_events: usize,
    pub rate_buckets: usize,
    pub trusted_configs: usize,
    /// The last audit row copied: sequence number and hash.
    pub audit_head: Option<(i64, String)>,
}

/// A SQLite value as PostgreSQL takes it.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Null | Value::Blob(_) => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    }
}

fn real(v: &Value) -> Option<f64> {
    match v {
        Value::Real(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// Every row of `select` on the SQLite store, as values.
fn rows(src: &Store, select: &str) -> Result<Vec<Vec<Value>>, StoreError> {
    let conn = src.conn();
    let mut st = conn
        .prepare(select)
        .map_err(sql("cannot read the SQLite store"))?;
    let n = st.column_count();
    let out = st
        .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .map_err(sql("cannot read the SQLite store"))?
        .collect::<Result<Vec<Vec<Value>>, _>>()
        .map_err(sql("cannot read the SQLite store"))?;
    Ok(out)
}

fn count(tx: &mut Transaction<'_>, table: &str) -> Result<i64, StoreError> {
    Ok(tx
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .map_err(pg("cannot read the PostgreSQL store"))?
        .get(0))
}

/// Copies every table of `src` into `dst`, which must hold no audit rows and no jobs yet (two
/// chains cannot be merged). The copy is one transaction under the audit lock: it lands whole or
/// not at all, and no append can slip in between the copied rows.
pub fn from_sqlite(src: &Store, dst: &mut PgStore) -> Result<Copied, StoreError> {
    let host = dst.host.clone();
    let mut tx = dst
        .client
        .transaction()
        .map_err(pg("cannot start the copy"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&AUDIT_LOCK])
        .map_err(pg("cannot lock the audit trail"))?;
    let (audit, jobs) = (count(&mut tx, "audit")?, count(&mut tx, "jobs")?);
    if audit > 0 || jobs > 0 {
        return Err(StoreError::Invalid(format!(
            "the PostgreSQL store {} already holds {audit} audit row(s) and {jobs} job(s); a store \
             can only be copied into an empty one, since two audit chains cannot be merged",
            dst.database
        )));
    }
    let mut copied = Copied::default();

    for r in rows(
        src,
        "SELECT id, root, created_at, last_seen_at FROM projects",
    )? {
        copied.projects += tx
            .execute(
                "INSERT INTO projects (id, root, created_at, last_seen_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                &[&text(&r[0]), &text(&r[1]), &text(&r[2]), &text(&r[3])],
            )
            .map_err(pg("cannot copy the projects"))? as usize;
    }

    let insert_audit = tx
        .prepare(
            "INSERT INTO audit (seq, ts, project_id, developer_id, action, resource, status,
                                details, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .map_err(pg("cannot copy the audit trail"))?;
    for r in rows(
        src,
        "SELECT seq, ts, project_id, developer_id, action, resource, status, details,
                prev_hash, hash FROM audit ORDER BY seq",
    )? {
        let seq = int(&r[0]).unwrap_or_default();
        let hash = text(&r[9]).unwrap_or_default();
        tx.execute(
            &insert_audit,
            &[
                &seq,
                &text(&r[1]),
                &text(&r[2]),
                &text(&r[3]),
                &text(&r[4]),
                &text(&r[5]),
                &text(&r[6]),
                &text(&r[7]),
                &text(&r[8]),
                &hash,
            ],
        )
        .map_err(pg("cannot copy the audit trail"))?;
        copied.audit += 1;
        copied.audit_head = Some((seq, hash));
    }
    // The highest number SQLite ever handed out goes along, so a tail deleted from the file
    // before the copy still shows as deleted.
    let handed_out: Option<i64> = src
        .conn()
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some((last, hash)) = &copied.audit_head {
        let head = handed_out.unwrap_or(*last).max(*last);
        tx.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)",
            &[&head, hash],
        )
        .map_err(pg("cannot copy the audit head"))?;
    }

    for r in rows(
        src,
        "SELECT repo, project_id, task_id, path, branch, developer_id, owner_pid, created_at,
                last_used_at, copied_files, owner_host, owner_boot_id FROM worktrees ORDER BY id",
    )? {
        let pid = int(&r[6]);
        let owner_host = text(&r[10]).or_else(|| pid.map(|_| host.name.clone()));
        copied.worktrees += tx
            .execute(
                "INSERT INTO worktrees
                   (host, repo, project_id, task_id, path, branch, developer_id, owner_pid,
                    created_at, last_used_at, copied_files, owner_host, owner_boot_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (host, repo, project_id, task_id) DO NOTHING",
                &[
                    &host.name,
                    &text(&r[0]),
                    &text(&r[1]),
                    &text(&r[2]),
                    &text(&r[3]),
                    &text(&r[4]),
                    &text(&r[5]),
                    &pid,
                    &text(&r[7]),
                    &text(&r[8]),
                    &text(&r[9]).unwrap_or_else(|| "[]".into()),
                    &owner_host,
                    &text(&r[11]),
                ],
            )
            .map_err(pg("cannot copy the worktree leases"))? as usize;
    }

    for r in rows(
        src,
        "SELECT id, kind, repo, project_id, developer_id, task_id, tree_id, status, pid,
                started_at, finished_at, cs, tier, passed, report_path, request, result,
                bypass_reason, parent_trees, policy_digest, host, boot_id, claimed_by,
                claim_token, lease_until, attempts, max_attempts
         FROM jobs ORDER BY started_at, rowid",
    )? {
        let passed = int(&r[13]).map(|p| p != 0);
        copied.jobs += tx
            .execute(
                "INSERT INTO jobs
                   (id, kind, repo, project_id, developer_id, task_id, tree_id, status, pid,
                    started_at, finished_at, cs, tier, passed, report_path, request, result,
                    bypass_reason, parent_trees, policy_digest, host, boot_id, claimed_by,
                    claim_token, lease_until, attempts, max_attempts)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                         $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
                 ON CONFLICT (id) DO NOTHING",
                &[
                    &text(&r[0]),
                    &text(&r[1]),
                    &text(&r[2]),
                    &text(&r[3]),
                    &text(&r[4]),
                    &text(&r[5]),
                    &text(&r[6]),
                    &text(&r[7]),
                    &int(&r[8]),
                    &text(&r[9]),
                    &text(&r[10]),
                    &real(&r[11]),
                    &text(&r[12]),
                    &passed,
                    &text(&r[14]),
                    &text(&r[15]),
                    &text(&r[16]),
                    &text(&r[17]),
                    &text(&r[18]),
                    &text(&r[19]),
                    &text(&r[20]).or_else(|| Some(host.name.clone())),
                    &text(&r[21]),
                    &text(&r[22]),
                    &text(&r[23]),
                    &text(&r[24]),
                    &(int(&r[25]).unwrap_or(0) as i32),
                    &(int(&r[26]).unwrap_or(1) as i32),
                ],
            )
            .map_err(pg("cannot copy the jobs"))? as usize;
    }

    for r in rows(
        src,
        "SELECT job_id, reviewer_id, status, duration_ms, findings, error FROM reviewer_runs",
    )? {
        copied.reviewer_runs += tx
            .execute(
                "INSERT INTO reviewer_runs
                   (job_id, reviewer_id, status, duration_ms, findings, error)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    &text(&r[0]),
                    &text(&r[1]),
                    &text(&r[2]),
                    &int(&r[3]),
                    &int(&r[4]).unwrap_or_default(),
                    &text(&r[5]),
                ],
            )
            .map_err(pg("cannot copy the reviewer runs"))? as usize;
    }

    for r in rows(
        src,
        "SELECT ts, project_id, developer_id, kind, data FROM telemetry_events ORDER BY id",
    )? {
        copied.telemetry_events +=
            tx.execute(
                "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &text(&r[0]),
                    &text(&r[1]),
                    &text(&r[2]),
                    &text(&r[3]),
                    &text(&r[4]),
                ],
            )
            .map_err(pg("cannot copy the telemetry events"))? as usize;
    }

    for r in rows(src, "SELECT name, tokens, updated_at FROM rate_buckets")? {
        copied.rate_buckets +=
            tx.execute(
                "INSERT INTO rate_buckets (name, tokens, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING",
                &[&text(&r[0]), &real(&r[1]), &real(&r[2])],
            )
            .map_err(pg("cannot copy the rate-limit buckets"))? as usize;
    }

    for r in rows(
        src,
        "SELECT repo, path, sha256, developer_id, trusted_at FROM trusted_configs",
    )? {
        copied.trusted_configs +=
            tx.execute(
                "INSERT INTO trusted_configs (repo, path, sha256, developer_id, trusted_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (repo, path) DO NOTHING",
                &[
                    &text(&r[0]),
                    &text(&r[1]),
                    &text(&r[2]),
                    &text(&r[3]),
                    &text(&r[4]),
                ],
            )
            .map_err(pg("cannot copy the trusted configs"))? as usize;
    }

    tx.commit().map_err(pg("cannot commit the copy"))?;
    Ok(copied)
}
