//! [`Backend`] for the embedded SQLite store: each operation is the existing function, or the
//! existing `*_tx` functions composed in one `BEGIN IMMEDIATE` transaction.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::params;

use super::audit::{self, AuditFilter, AuditRow, NewAudit, VerifyReport};
use super::backend::{Backend, BackendKind};
use super::events::{self, EventFilter, EventRow, NewEvent};
use super::host::Host;
use super::jobs::{self, Completion, Job, JobStatus, NewJob, ReviewerRun, RunningJob};
use super::knowledge::{KnowledgeRow, KnowledgeScope};
use super::leases::{self, CopiedFile, Lease, NewLease};
use super::queue::{self, Claim};
use super::{Store, StoreError, projects, ratelimit, sql, trust};
use crate::config::RateLimitConfig;
use crate::knowledge::{AppendOutcome, NewEntry};

const FILES_KEEP_KNOWLEDGE: &str =
    "on the SQLite store, knowledge lives in KNOWLEDGE.md files, not in the database";

impl Backend for Store {
    fn kind(&self) -> BackendKind {
        BackendKind::Sqlite
    }

    fn describe(&self) -> String {
        self.path().display().to_string()
    }

    fn supported_schema_version(&self) -> i64 {
        super::migrations::LATEST
    }

    fn schema_version(&mut self) -> Result<i64, StoreError> {
        self.user_version()
    }

    fn host(&self) -> &Host {
        self.host.get_or_init(|| Host::detect(None))
    }

    fn touch_project(
        &mut self,
        now: SystemTime,
        project_id: &str,
        root: Option<&Path>,
    ) -> Result<(), StoreError> {
        projects::touch(self, now, project_id, root)
    }

    fn projects(&mut self) -> Result<Vec<String>, StoreError> {
        projects::list(self)
    }

    fn append_audit(
        &mut self,
        now: SystemTime,
        entry: &NewAudit<'_>,
        root: Option<&Path>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            projects::touch_tx(tx, now, entry.project_id, root)?;
            audit::append_tx(tx, now, entry)
        })
    }

    fn audit_rows(&mut self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError> {
        audit::list(self, filter)
    }

    fn verify_audit(&mut self) -> Result<VerifyReport, StoreError> {
        audit::verify(self)
    }

    fn audit_hash_of(&mut self, seq: i64) -> Result<Option<String>, StoreError> {
        audit::hash_of(self, seq)
    }

    fn audit_head_for_job(&mut self, job_id: &str) -> Result<Option<(i64, String)>, StoreError> {
        audit::head_for_job(self, job_id)
    }

    fn start_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        root: Option<&Path>,
    ) -> Result<(), StoreError> {
        let owner = Backend::host(self).owner(std::process::id());
        self.write(|tx| {
            projects::touch_tx(tx, now, job.project_id, root)?;
            jobs::insert_owned_tx(tx, now, job, Some(&owner))
        })
    }

    fn finish_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        done: &Completion<'_>,
        entry: &NewAudit<'_>,
        event: Option<&NewEvent<'_>>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            jobs::complete_tx(tx, now, job_id, done)?;
            let seq = audit::append_tx(tx, now, entry)?;
            if let Some(e) = event {
                events::record_tx(tx, now, e)?;
            }
            Ok(seq)
        })
    }

    fn interrupt_job(
        &mut self,
        now: SystemTime,
        job_id: &str,
        prepared: bool,
    ) -> Result<bool, StoreError> {
        if !prepared {
            return jobs::mark_job_interrupted(self, now, job_id);
        }
        let ts = crate::time::rfc3339(now);
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE jobs SET status = 'interrupted', finished_at = ?2
                     WHERE id = ?1 AND status IN ('running', 'prepared')",
                    params![job_id, ts],
                )
                .map_err(sql("cannot mark the job interrupted"))?;
            Ok(n == 1)
        })
    }

    fn job(&mut self, id: &str) -> Result<Option<Job>, StoreError> {
        jobs::get(self, id)
    }

    fn jobs(&mut self, project: Option<&str>, limit: usize) -> Result<Vec<Job>, StoreError> {
        jobs::list(self, project, limit)
    }

    fn reviewer_runs(&mut self, job_id: &str) -> Result<Vec<ReviewerRun>, StoreError> {
        jobs::runs(self, job_id)
    }

    fn reported_beyond(
        &mut self,
        repo: &str,
        project: &str,
        task: &str,
        keep: usize,
    ) -> Result<Vec<String>, StoreError> {
        jobs::reported_beyond(self, repo, project, task, keep)
    }

    fn forget_reports(&mut self, ids: &[String]) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut st = tx
                .prepare_cached("UPDATE jobs SET report_path = NULL WHERE id = ?1")
                .map_err(sql("cannot update jobs"))?;
            for id in ids {
                st.execute(params![id]).map_err(sql("cannot update jobs"))?;
            }
            Ok(())
        })
    }

    fn passing_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError> {
        jobs::passing_for_tree(self, repo, tree_id)
    }

    fn grant_for_change(
        &mut self,
        repo: &str,
        parent_trees: &str,
        tree_id: &str,
        policy_digest: &str,
    ) -> Result<Option<Job>, StoreError> {
        jobs::grant_for_change(self, repo, parent_trees, tree_id, policy_digest)
    }

    fn latest_for_tree(&mut self, repo: &str, tree_id: &str) -> Result<Option<Job>, StoreError> {
        jobs::latest_for_tree(self, repo, tree_id)
    }

    fn running_jobs(&mut self, project: Option<&str>) -> Result<Vec<RunningJob>, StoreError> {
        jobs::running_jobs(self, project)
    }

    fn lease(
        &mut self,
        repo: &str,
        project: &str,
        task: &str,
    ) -> Result<Option<Lease>, StoreError> {
        leases::get(self, repo, project, task)
    }

    fn leases(&mut self, repo: &str, project: Option<&str>) -> Result<Vec<Lease>, StoreError> {
        leases::list(self, repo, project)
    }

    fn team_leases(&mut self, project: Option<&str>) -> Result<Vec<Lease>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {} FROM worktrees WHERE (?1 IS NULL OR project_id = ?1)
                 ORDER BY repo, project_id, created_at, task_id",
                leases::COLUMNS
            ))
            .map_err(sql("cannot read worktree leases"))?;
        let rows = stmt
            .query_map(params![project], leases::from_row)
            .map_err(sql("cannot read worktree leases"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sql("cannot read worktree leases"))?;
        Ok(rows)
    }

    fn take_lease(
        &mut self,
        now: SystemTime,
        lease: &NewLease<'_>,
        entry: Option<&NewAudit<'_>>,
    ) -> Result<i64, StoreError> {
        let owner = lease.owner_pid.map(|pid| Backend::host(self).owner(pid));
        self.write(|tx| {
            let id = leases::insert_tx(tx, now, lease, owner.as_ref())?;
            if let Some(e) = entry {
                audit::append_tx(tx, now, e)?;
            }
            Ok(id)
        })
    }

    fn release_lease(
        &mut self,
        id: i64,
        entry: Option<(SystemTime, &NewAudit<'_>)>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx
                .execute("DELETE FROM worktrees WHERE id = ?1", params![id])
                .map_err(sql("cannot delete a worktree lease"))?;
            if let Some((now, e)) = entry {
                audit::append_tx(tx, now, e)?;
            }
            Ok(n == 1)
        })
    }

    fn set_lease_owner(&mut self, id: i64, pid: Option<u32>) -> Result<(), StoreError> {
        let owner = pid.map(|pid| Backend::host(self).owner(pid));
        leases::set_owner_record(self, id, owner.as_ref())
    }

    fn set_copied_files(&mut self, id: i64, files: &[CopiedFile]) -> Result<(), StoreError> {
        leases::set_copied_files(self, id, files)
    }

    fn touch_lease_path(&mut self, now: SystemTime, path: &str) -> Result<usize, StoreError> {
        leases::touch_path(self, now, path)
    }

    fn lease_counts(&mut self, project: Option<&str>) -> Result<BTreeMap<String, u64>, StoreError> {
        events::lease_counts(self.conn(), project)
    }

    fn try_take_token(
        &mut self,
        name: &str,
        cfg: &RateLimitConfig,
    ) -> Result<Option<Duration>, StoreError> {
        ratelimit::try_take(self, name, cfg)
    }

    fn record_event(&mut self, now: SystemTime, event: &NewEvent<'_>) -> Result<(), StoreError> {
        self.write(|tx| events::record_tx(tx, now, event))
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        events::list(self.conn(), filter)
    }

    fn trusted_config(
        &mut self,
        repo: &str,
        path: &str,
    ) -> Result<Option<super::trust::TrustRecord>, StoreError> {
        trust::get(self, repo, path)
    }

    fn trust_config(
        &mut self,
        now: SystemTime,
        record: &super::trust::TrustRecord,
        entry: &NewAudit<'_>,
    ) -> Result<(), StoreError> {
        trust::trust(self, now, record, entry)
    }

    fn revoke_trust(
        &mut self,
        now: SystemTime,
        repo: &str,
        path: &str,
        entry: &NewAudit<'_>,
    ) -> Result<bool, StoreError> {
        trust::revoke(self, now, repo, path, entry)
    }

    fn enqueue_job(
        &mut self,
        now: SystemTime,
        job: &NewJob<'_>,
        max_attempts: u32,
    ) -> Result<(), StoreError> {
        queue::enqueue(self, now, job, max_attempts)
    }

    fn claim_job(
        &mut self,
        now: SystemTime,
        worker: &str,
        lease: Duration,
    ) -> Result<Option<Claim>, StoreError> {
        queue::claim(self, now, worker, lease)
    }

    fn renew_claim(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        queue::renew(self, now, claim, lease)
    }

    fn start_claimed(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError> {
        queue::start(self, now, claim, std::process::id())
    }

    fn finish_claimed(
        &mut self,
        now: SystemTime,
        claim: &Claim,
        status: JobStatus,
    ) -> Result<bool, StoreError> {
        queue::finish(self, now, claim, status)
    }

    fn release_claim(&mut self, now: SystemTime, claim: &Claim) -> Result<bool, StoreError> {
        queue::release(self, now, claim)
    }

    fn keeps_knowledge(&self) -> bool {
        false
    }

    fn append_knowledge(
        &mut self,
        _now: SystemTime,
        _scope: &KnowledgeScope,
        _entries: &[NewEntry],
        _audit: Option<&NewAudit<'_>>,
    ) -> Result<Vec<AppendOutcome>, StoreError> {
        Err(StoreError::Unsupported(FILES_KEEP_KNOWLEDGE))
    }

    fn knowledge(
        &mut self,
        _scope: &KnowledgeScope,
        _reviewer: &str,
        _archived: bool,
    ) -> Result<Vec<KnowledgeRow>, StoreError> {
        Err(StoreError::Unsupported(FILES_KEEP_KNOWLEDGE))
    }

    fn archive_knowledge(
        &mut self,
        _now: SystemTime,
        _scope: &KnowledgeScope,
        _reviewer: &str,
        _ids: &[i64],
        _audit: &NewAudit<'_>,
    ) -> Result<usize, StoreError> {
        Err(StoreError::Unsupported(FILES_KEEP_KNOWLEDGE))
    }

    fn import_knowledge(
        &mut self,
        _scope: &KnowledgeScope,
        _rows: &[KnowledgeRow],
    ) -> Result<Vec<AppendOutcome>, StoreError> {
        Err(StoreError::Unsupported(FILES_KEEP_KNOWLEDGE))
    }

    fn knowledge_reviewers(&mut self, _scope: &KnowledgeScope) -> Result<Vec<String>, StoreError> {
        Err(StoreError::Unsupported(FILES_KEEP_KNOWLEDGE))
    }
}
