//! The store as one trait of intent-level operations ([`Backend`]), implemented by the embedded
//! SQLite store ([`super::Store`]) and the shared PostgreSQL store ([`super::postgres::PgStore`]).
//!
//! Records are typed and carry no SQL; every change that has an audit row is one operation, so
//! the change and its row commit together on either backend. Owners are host-aware
//! ([`super::host`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::StoreError;
use super::audit::{AuditFilter, AuditRow, NewAudit, VerifyReport};
use super::events::{EventFilter, EventRow, NewEvent};
use super::host::{Host, Liveness};
use super::jobs::{Completion, Job, JobStatus, NewJob, ReviewerRun, RunningJob};
use super::knowledge::{KnowledgeRow, KnowledgeScope};
use super::leases::{CopiedFile, Lease, NewLease};
use super::queue::Claim;
use super::ratelimit::RateLimitError;
use super::trust::TrustRecord;
use crate::config::RateLimitConfig;
use crate::knowledge::{AppendOutcome, NewEntry};

/// Which backend a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl BackendKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgres",
        }
    }
}

/// Where a store lives: a SQLite file, or a PostgreSQL connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://...` or `postgresql://...` is a PostgreSQL server; anything else a file.
    pub fn parse(value: &str) -> Location {
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Location::Postgres(value.to_string())
        } else {
            Location::Sqlite(PathBuf::from(value))
        }
    }
}

/// Opens (creating and migrating as needed) the store at `location`, whose owners are recorded
/// as running on `host`. Nothing asynchronous starts unless the location is PostgreSQL.
pub fn open(location: &Location, host: Host) -> Result<Box<dyn Backend>, StoreError> {
    Ok(match location {
        Location::Sqlite(path) => Box::new(super::Store::open(path)?.with_host(host)),
        Location::Postgres(url) => Box::new(super::postgres::PgStore::connect(url, host)?),
    })
}

/// Copies the SQLite store `src` into the empty PostgreSQL store at `url` (see
/// [`super::postgres::import::from_sqlite`]) and returns that store, opened for this host.
pub fn copy_into_postgres(
    src: &super::Store,
    url: &str,
    host: Host,
) -> Result<(Box<dyn Backend>, super::postgres::import::Copied), StoreError> {
    let mut dst = super::postgres::PgStore::connect(url, host)?;
    let copied = super::postgres::import::from_sqlite(src, &mut dst)?;
    Ok((Box::new(dst), copied))
}

/// A running job as judged from this host.
#[derive(Debug, Clone)]
pub struct JobVerdict {
    pub job: RunningJob,
    /// `None` when no process was recorded.
    pub liveness: Option<Liveness>,
    /// Whether it was marked interrupted (dead, and not a dry run).
    pub interrupted: bool,
}

/// Every operation wfc asks of its store. Reads take `&mut self` too: a PostgreSQL client needs
/// it for every query.
pub trait Backend {
    fn kind(&self) -> BackendKind;
    /// The file, or the server and database (never a password).
    fn describe(&self) -> String;
    fn schema_version(&mut self) -> Result<i64, StoreError>;
    /// The newest schema this wfc knows for this kind of store.
    fn supported_schema_version(&self) -> i64;
    /// The host this store records owners for.
    fn host(&self) -> &Host;

    // ---- projects ----
    fn touch_project(
        &mut self,
        now: SystemTime,
        project_id: &str,
        root: Option<&Path>,
    ) -> Result<(), StoreError>;
    fn projects(&mut self) -> Result<Vec<String>, StoreError>;

    // ---- audit ----
    /// Appends one row (and notes its project as seen, with `root` when known); returns its
    /// sequence number. Appends from every process and machine form one chain.
    fn append_audit(
        &mut self,
        now: SystemTime,
        entry: &NewAudit<'_>,
        root: Option<&Path>,
    ) -> Result<i64, StoreError>;
    fn audit_rows(&mut self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError>;
    /// Walks the whole chain (and, on SQLite, the file's integrity) and reports every problem.
    fn verify_audit(&mut self) -> Result<VerifyReport, StoreError>;
    fn audit_hash_of(&mut self, seq: i64) -> Result<Option<String>, StoreError>;
    /// The sequence and hash of the `review` (or `review.bypass`) row of a job.
    fn audit_head_for_job(&mut self, job_id: &str) -> Result<Option<(i64, String)>, StoreError>;

    /// Checks audit heads anchored elsewhere (signed commits) against the trail.
    fn check_anchors(
        &mut self,
        anchors: &[(i64, String, String)],
        report: &mut VerifyReport,
    ) -> Result<(), StoreError> {
        super::audit::check_anchors_with(anchors, report, |seq| self.audit_hash_of(seq))
    }

    // ---- jobs ----
    /// Records a job started by this process on this host (and notes its project as seen).
    fn start_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        root: Option<&Path>,
    ) -> Result<(), StoreError>;
    /// Records how a job ended, its reviewer runs, its audit row and (when given) its telemetry
    /// event, all in one transaction; returns the audit row's sequence number.
    fn finish_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        done: &Completion<'_>,
        audit: &NewAudit<'_>,
        event: Option<&NewEvent<'_>>,
    ) -> Result<i64, StoreError>;
    /// Marks a job interrupted if it is still running (or, with `prepared`, prepared too);
    /// returns whether it was.
    fn interrupt_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        prepared: bool,
    ) -> Result<bool, StoreError>;
    fn job(&mut self, id: &str) -> Result<Option<Job>, StoreError>;
    /// Jobs newest first, of one project or all.
    fn jobs(&mut self, project: Option<&str>, limit: usize) -> Result<Vec<Job>, StoreError>;
    fn reviewer_runs(&mut self, job_id: &str) -> Result<Vec<ReviewerRun>, StoreError>;
    /// The ids of one task's jobs that wrote a report, beyond the newest `keep`.
    fn reported_beyond(
        &mut self,
        repo: &str,
        project: &str,
        task: &str,
        keep: usize,
    ) -> Result<Vec<String>, StoreError>;
    /// Notes that these jobs' report files were deleted, so that no later prune asks for them.
    fn forget_reports(&mut self, ids: &[String]) -> Result<(), StoreError>;
    fn passing_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError>;
    fn grant_for_change(
        &mut self,
        repo: &str,
        parent_trees: &str,
        tree_id: &str,
        policy_digest: &str,
    ) -> Result<Option<Job>, StoreError>;
    fn latest_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError>;
    fn running_jobs(&mut self, project: Option<&str>) -> Result<Vec<RunningJob>, StoreError>;

    /// Judges every running job from this host and marks the dead ones interrupted (none with
    /// `dry_run`). A job of another host is never judged dead here.
    fn interrupt_dead_jobs(
        &mut self,
        now: SystemTime,
        project: Option<&str>,
        dry_run: bool,
    ) -> Result<Vec<JobVerdict>, StoreError> {
        let here = self.host().clone();
        let mut out = Vec::new();
        for job in self.running_jobs(project)? {
            let liveness = job.owner.as_ref().map(|o| o.liveness(&here));
            let interrupted = liveness == Some(Liveness::Dead)
                && !dry_run
                && self.interrupt_job(now, &job.id, false)?;
            out.push(JobVerdict {
                job,
                liveness,
                interrupted,
            });
        }
        Ok(out)
    }

    // ---- worktree leases ----
    /// The lease of one task on this host.
    fn lease(&mut self, repo: &str, project: &str, task: &str)
    -> Result<Option<Lease>, StoreError>;
    /// Every lease of `repo` on this host (worktrees are local), of one project or all; oldest
    /// first.
    fn leases(&mut self, repo: &str, project: Option<&str>) -> Result<Vec<Lease>, StoreError>;
    /// Every lease of every host, of one project or all (a SQLite store has one host).
    fn team_leases(&mut self, project: Option<&str>) -> Result<Vec<Lease>, StoreError>;
    /// Records a lease (replacing a stale one for the same task), owned by `lease.owner_pid` on
    /// this host, with its audit row when given; returns its id.
    fn take_lease(
        &mut self,
        now: SystemTime,
        lease: &NewLease<'_>,
        audit: Option<&NewAudit<'_>>,
    ) -> Result<i64, StoreError>;
    /// Deletes a lease, with its audit row (and the row's time) when given; returns whether
    /// there was one.
    fn release_lease(
        &mut self,
        id: i64,
        audit: Option<(SystemTime, &NewAudit<'_>)>,
    ) -> Result<bool, StoreError>;
    /// Records `pid` on this host as the lease's owner (`None`: no owner).
    fn set_lease_owner(&mut self, id: i64, pid: Option<u32>) -> Result<(), StoreError>;
    fn set_copied_files(&mut self, id: i64, files: &[CopiedFile]) -> Result<(), StoreError>;
    /// Marks the worktree at `path` as used now; returns how many leases matched.
    fn touch_lease_path(&mut self, now: SystemTime, path: &str) -> Result<usize, StoreError>;
    /// Leases per project, for every project or one.
    fn lease_counts(&mut self, project: Option<&str>) -> Result<BTreeMap<String, u64>, StoreError>;

    // ---- rate limits ----
    /// Takes one token of bucket `name` if there is one; else says how long to wait. Shared by
    /// every process (and, on PostgreSQL, every machine): never more than `capacity` at once.
    fn try_take_token(
        &mut self,
        name: &str,
        cfg: &RateLimitConfig,
    ) -> Result<Option<Duration>, StoreError>;

    /// Waits (outside any transaction) for a token until `timeout`; returns how long it waited.
    fn take_token(
        &mut self,
        name: &str,
        cfg: &RateLimitConfig,
        timeout: Duration,
    ) -> Result<Duration, RateLimitError> {
        let start = Instant::now();
        loop {
            let Some(wait) = self.try_take_token(name, cfg)? else {
                return Ok(start.elapsed());
            };
            if crate::interrupt::is_interrupted() {
                return Err(RateLimitError::Interrupted { name: name.into() });
            }
            let waited = start.elapsed();
            if waited + wait > timeout {
                return Err(RateLimitError::Timeout {
                    name: name.into(),
                    waited,
                });
            }
            std::thread::sleep(wait.min(Duration::from_millis(250)));
        }
    }

    // ---- telemetry ----
    fn record_event(&mut self, now: SystemTime, event: &NewEvent<'_>) -> Result<(), StoreError>;
    /// The events matching `filter`, oldest first.
    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError>;

    // ---- trusted configs ----
    fn trusted_config(&mut self, repo: &str, path: &str)
    -> Result<Option<TrustRecord>, StoreError>;
    /// Whether `path` in `repo` is trusted with exactly this content.
    fn is_trusted(&mut self, repo: &str, path: &str, sha256: &str) -> Result<bool, StoreError> {
        Ok(self
            .trusted_config(repo, path)?
            .is_some_and(|r| r.sha256 == sha256))
    }
    /// Records a trusted config with its audit row.
    fn trust_config(
        &mut self,
        now: SystemTime,
        record: &TrustRecord,
        audit: &NewAudit<'_>,
    ) -> Result<(), StoreError>;
    /// Forgets a trusted config with its audit row; returns whether there was one.
    fn revoke_trust(
        &mut self,
        now: SystemTime,
        repo: &str,
        path: &str,
        audit: &NewAudit<'_>,
    ) -> Result<bool, StoreError>;

    // ---- the job queue (see `store::queue`) ----
    /// Records a job waiting for a worker, to be tried at most `max_attempts` times.
    fn enqueue_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        max_attempts: u32,
    ) -> Result<(), StoreError>;
    /// Claims the oldest queued job for `worker` until `now + lease`, after putting back (or, with
    /// no attempt left, failing) every job whose claim ran out; `None` when nothing is queued.
    /// Two claimers never get the same job.
    fn claim_job(
        &mut self,
        now: SystemTime,
        worker: &str,
        lease: Duration,
    ) -> Result<Option<Claim>, StoreError>;
    /// Extends a claim (a heartbeat); false when it is no longer the job's.
    fn renew_claim(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        lease: Duration,
    ) -> Result<bool, StoreError>;
    /// Marks the claimed job running in this process; false when the claim is gone.
    fn start_claimed(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError>;
    /// Ends the claimed job with `status`; only the current claim can (false otherwise, and
    /// nothing changes).
    fn finish_claimed(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        status: JobStatus,
    ) -> Result<bool, StoreError>;
    /// Gives a claim back: the job is queued again and the attempt does not count.
    fn release_claim(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError>;

    // ---- knowledge ----
    /// Whether knowledge lives in this store (PostgreSQL) rather than in KNOWLEDGE.md files.
    fn keeps_knowledge(&self) -> bool;
    /// Appends entries (de-duplicated exactly within their section), with `audit` (its details
    /// gain the outcomes) in the same transaction when anything was added; the outcomes are in
    /// the order of `entries`.
    fn append_knowledge(
        &mut self,
        now: SystemTime,
        scope: &KnowledgeScope,
        entries: &[NewEntry],
        audit: Option<&NewAudit<'_>>,
    ) -> Result<Vec<AppendOutcome>, StoreError>;
    /// One reviewer's entries (or, with `archived`, those `prune` archived), in the order they
    /// were added.
    fn knowledge(
        &mut self,
        scope: &KnowledgeScope,
        reviewer: &str,
        archived: bool,
    ) -> Result<Vec<KnowledgeRow>, StoreError>;
    /// Moves the entries `ids` of one reviewer to the archive, with `audit` in the same
    /// transaction; returns how many moved (an entry another process archived first is not).
    fn archive_knowledge(
        &mut self,
        now: SystemTime,
        scope: &KnowledgeScope,
        reviewer: &str,
        ids: &[i64],
        audit: &NewAudit<'_>,
    ) -> Result<usize, StoreError>;
    /// Adds entries as they were written elsewhere (dated, attributed), de-duplicated like an
    /// append, with no audit row of their own: a copy of knowledge, not new knowledge.
    fn import_knowledge(
        &mut self,
        scope: &KnowledgeScope,
        rows: &[KnowledgeRow],
    ) -> Result<Vec<AppendOutcome>, StoreError>;
    /// The reviewers with knowledge in `scope`, sorted.
    fn knowledge_reviewers(&mut self, scope: &KnowledgeScope) -> Result<Vec<String>, StoreError>;
}
