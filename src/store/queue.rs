//! The job queue: `queued -> claimed (worker, lease) -> running -> passed|failed|...`, in the jobs
//! table. A claim is a random token with a lease; a job whose lease ran out goes back to the queue
//! (or, once it was tried `max_attempts` times, fails), and only the current claim can start,
//! renew, finish or release a job, so each job is done exactly once however many workers on
//! however many machines claim at once. Leases are judged by the claimers' clocks: machines that
//! share a store keep their clocks in step (NTP).
//!
//! This module holds the SQLite half (each operation one `BEGIN IMMEDIATE` transaction); the
//! PostgreSQL half claims with `FOR UPDATE SKIP LOCKED`.

use std::time::{Duration, SystemTime};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::jobs::{JobStatus, NewJob};
use super::{Backend, Store, StoreError, sql};

/// A worker's hold on one job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub job_id: String,
    /// Who claimed it (a worker name, e.g. `host:pid`).
    pub worker: String,
    #[serde(skip)]
    pub token: String,
    /// 1 for the first claim of the job.
    pub attempt: u32,
    /// RFC 3339; the job goes back to the queue after this unless the claim is renewed.
    pub lease_until: String,
}

/// The statuses a job takes when its claim ran out: back to the queue, or failed when it has
/// no attempt left.
pub(crate) const SWEEP_SQL: &str = "
    UPDATE jobs SET
        status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
        finished_at = CASE WHEN attempts >= max_attempts THEN ?1 ELSE NULL END,
        claimed_by = NULL, claim_token = NULL, lease_until = NULL
    WHERE claim_token IS NOT NULL AND status IN ('claimed', 'running') AND lease_until < ?1";

pub(crate) fn lease_end(now: SystemTime, lease: Duration) -> String {
    crate::time::rfc3339(now + lease)
}

pub fn enqueue(
    store: &mut Store,
    now: SystemTime,
    job: &NewJob<'_>,
    max_attempts: u32,
) -> Result<(), StoreError> {
    let request = job.request.map(crate::review::redact::json_text);
    store.write(|tx| {
        tx.execute(
            "INSERT INTO jobs (id, kind, repo, project_id, developer_id, task_id, tree_id,
                               status, started_at, request, max_attempts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9, ?10)",
            params![
                job.id,
                job.kind,
                job.repo,
                job.project_id,
                job.developer_id,
                job.task_id,
                job.tree_id,
                crate::time::rfc3339(now),
                request.as_deref(),
                max_attempts.max(1),
            ],
        )
        .map_err(sql("cannot queue the job"))?;
        Ok(())
    })
}

pub fn claim(
    store: &mut Store,
    now: SystemTime,
    worker: &str,
    lease: Duration,
) -> Result<Option<Claim>, StoreError> {
    let at = crate::time::rfc3339(now);
    let until = lease_end(now, lease);
    let token = super::new_id("c", now);
    store.write(|tx| {
        tx.execute(SWEEP_SQL, params![at])
            .map_err(sql("cannot put expired claims back"))?;
        let next: Option<(String, u32)> = tx
            .query_row(
                "SELECT id, attempts FROM jobs WHERE status = 'queued'
                 ORDER BY started_at, rowid LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql("cannot read the queue"))?;
        let Some((job_id, attempts)) = next else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE jobs SET status = 'claimed', claimed_by = ?2, claim_token = ?3,
                             lease_until = ?4, attempts = attempts + 1
             WHERE id = ?1 AND status = 'queued'",
            params![job_id, worker, token, until],
        )
        .map_err(sql("cannot claim the job"))?;
        Ok(Some(Claim {
            job_id,
            worker: worker.to_string(),
            token: token.clone(),
            attempt: attempts + 1,
            lease_until: until.clone(),
        }))
    })
}

/// Runs `update` (whose `?1` is the job id and `?2` the token) when `claim` still holds its job
/// and its lease has not run out at `now`; returns whether it did.
fn under_claim(
    store: &mut Store,
    now: SystemTime,
    claim: &Claim,
    update: &str,
    extra: &[&dyn rusqlite::ToSql],
) -> Result<bool, StoreError> {
    let at = crate::time::rfc3339(now);
    store.write(|tx| {
        tx.execute(SWEEP_SQL, params![at])
            .map_err(sql("cannot put expired claims back"))?;
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&claim.job_id, &claim.token];
        args.extend_from_slice(extra);
        let n = tx
            .execute(update, args.as_slice())
            .map_err(sql("cannot update the claimed job"))?;
        Ok(n > 0)
    })
}

pub fn renew(
    store: &mut Store,
    now: SystemTime,
    claim: &Claim,
    lease: Duration,
) -> Result<bool, StoreError> {
    let until = lease_end(now, lease);
    under_claim(
        store,
        now,
        claim,
        "UPDATE jobs SET lease_until = ?3 WHERE id = ?1 AND claim_token = ?2",
        &[&until],
    )
}

pub fn start(
    store: &mut Store,
    now: SystemTime,
    claim: &Claim,
    pid: u32,
) -> Result<bool, StoreError> {
    let host = store.host().clone();
    under_claim(
        store,
        now,
        claim,
        "UPDATE jobs SET status = 'running', pid = ?3, host = ?4, boot_id = ?5
         WHERE id = ?1 AND claim_token = ?2 AND status = 'claimed'",
        &[&pid, &host.name, &host.boot_id],
    )
}

pub fn finish(
    store: &mut Store,
    now: SystemTime,
    claim: &Claim,
    status: JobStatus,
) -> Result<bool, StoreError> {
    let at = crate::time::rfc3339(now);
    under_claim(
        store,
        now,
        claim,
        "UPDATE jobs SET status = ?3, finished_at = ?4, claim_token = NULL, lease_until = NULL
         WHERE id = ?1 AND claim_token = ?2",
        &[&status, &at],
    )
}

pub fn release(store: &mut Store, now: SystemTime, claim: &Claim) -> Result<bool, StoreError> {
    under_claim(
        store,
        now,
        claim,
        "UPDATE jobs SET status = 'queued', claimed_by = NULL, claim_token = NULL,
                         lease_until = NULL, attempts = attempts - 1, pid = NULL
         WHERE id = ?1 AND claim_token = ?2",
        &[],
    )
}
