//! Schema migrations, numbered by `PRAGMA user_version`.
//!
//! A migration is applied once, inside `BEGIN IMMEDIATE`, after re-reading the version, so any
//! number of processes may open a new or old database at the same moment. Never edit a migration
//! that has shipped; add the next one.

use super::{Store, StoreError, sql};

/// Version 1: projects and the append-only, hash-chained audit trail.
const V1: &str = r#"
CREATE TABLE projects (
    id           TEXT PRIMARY KEY,
    root         TEXT,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    ts           TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    developer_id TEXT NOT NULL,
    action       TEXT NOT NULL,
    resource     TEXT NOT NULL,
    status       TEXT NOT NULL,
    details      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
) STRICT;
CREATE INDEX audit_ts ON audit (ts);
CREATE INDEX audit_project ON audit (project_id, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
"#;

/// Version 2: worktree leases, jobs and reviewer runs, telemetry events, rate-limit buckets.
const V2: &str = r#"
CREATE TABLE worktrees (
    id           INTEGER PRIMARY KEY,
    repo         TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    task_id      TEXT NOT NULL,
    path         TEXT NOT NULL,
    branch       TEXT NOT NULL,
    developer_id TEXT NOT NULL,
    owner_pid    INTEGER,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    copied_files TEXT NOT NULL DEFAULT '[]',
    UNIQUE (repo, project_id, task_id)
) STRICT;
CREATE INDEX worktrees_path ON worktrees (path);

CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    repo          TEXT,
    project_id    TEXT NOT NULL,
    developer_id  TEXT NOT NULL,
    task_id       TEXT,
    tree_id       TEXT,
    status        TEXT NOT NULL,
    pid           INTEGER,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    cs            REAL,
    tier          TEXT,
    passed        INTEGER,
    report_path   TEXT,
    request       TEXT,
    result        TEXT,
    bypass_reason TEXT
) STRICT;
CREATE INDEX jobs_project ON jobs (project_id, started_at);
CREATE INDEX jobs_tree ON jobs (tree_id, status);

CREATE TABLE reviewer_runs (
    job_id      TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    reviewer_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    duration_ms INTEGER,
    findings    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    PRIMARY KEY (job_id, reviewer_id)
) STRICT;

CREATE TABLE telemetry_events (
    id           INTEGER PRIMARY KEY,
    ts           TEXT NOT NULL,
    project_id   TEXT NOT NULL,
    developer_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    data         TEXT NOT NULL
) STRICT;
CREATE INDEX telemetry_project ON telemetry_events (project_id, ts);

CREATE TABLE rate_buckets (
    name       TEXT PRIMARY KEY,
    tokens     REAL NOT NULL,
    updated_at REAL NOT NULL
) STRICT;
"#;

/// Version 3: trusted repository configs (`wfc trust`): one sha256 per repository config file.
const V3: &str = r#"
CREATE TABLE trusted_configs (
    repo         TEXT NOT NULL,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    developer_id TEXT NOT NULL,
    trusted_at   TEXT NOT NULL,
    PRIMARY KEY (repo, path)
) STRICT;
"#;

/// Version 4: what a review grants: the change (parent trees, tree) and the gate policy it
/// satisfied (NULL: it grants nothing).
const V4: &str = r#"
ALTER TABLE jobs ADD COLUMN parent_trees TEXT;
ALTER TABLE jobs ADD COLUMN policy_digest TEXT;
CREATE INDEX jobs_grant ON jobs (tree_id, policy_digest);
"#;

/// Version 5: host-aware owners of jobs and leases (host name and boot id beside the pid), so
/// that a store shared by several machines never judges one machine's process from another.
const V5: &str = r#"
ALTER TABLE jobs ADD COLUMN host TEXT;
ALTER TABLE jobs ADD COLUMN boot_id TEXT;
ALTER TABLE worktrees ADD COLUMN owner_host TEXT;
ALTER TABLE worktrees ADD COLUMN owner_boot_id TEXT;
"#;

/// Version 6: the job queue (`store::queue`): who claimed a job, the claim's token and lease, and
/// how many times it may be tried.
const V6: &str = r#"
ALTER TABLE jobs ADD COLUMN claimed_by TEXT;
ALTER TABLE jobs ADD COLUMN claim_token TEXT;
ALTER TABLE jobs ADD COLUMN lease_until TEXT;
ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1;
CREATE INDEX jobs_queue ON jobs (status, started_at);
"#;

/// Version 7: jobs by task, for what every review asks after it finished (the task's job reports
/// beyond `review.keep_reports`), which otherwise reads the whole job history; the index alone
/// answers it.
const V7: &str = r#"
CREATE INDEX jobs_task ON jobs (repo, project_id, task_id, finished_at, report_path, id);
"#;

/// Version 8: the jobs of a task that still have a report, alone: `jobs_task` held every job of
/// the task, so the question of version 7 still read the task's whole history (a long-lived
/// task's thousands of jobs, on every review). The jobs whose report was pruned leave this index.
const V8: &str = r#"
DROP INDEX jobs_task;
CREATE INDEX jobs_reported ON jobs (repo, project_id, task_id, finished_at)
    WHERE report_path IS NOT NULL;
"#;

pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the schema to `target` (used with [`LATEST`]; tests pass older versions).
pub fn migrate(store: &mut Store, target: i64) -> Result<(), StoreError> {
    let current = store.user_version()?;
    if current > LATEST {
        return Err(StoreError::Newer {
            path: store.path().to_path_buf(),
            found: current,
            supported: LATEST,
        });
    }
    if current >= target {
        return Ok(());
    }
    store.write(|tx| {
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql("cannot read the schema version"))?;
        for (i, step) in MIGRATIONS.iter().enumerate() {
            let v = i as i64 + 1;
            if v > version && v <= target {
                tx.execute_batch(step)
                    .map_err(sql("cannot apply a schema migration"))?;
            }
        }
        if version < target {
            tx.pragma_update(None, "user_version", target)
                .map_err(sql("cannot record the schema version"))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_step_by_step() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let mut s = Store::open_unmigrated(&p).unwrap();
        migrate(&mut s, 1).unwrap();
        assert_eq!(s.user_version().unwrap(), 1);
        migrate(&mut s, LATEST).unwrap();
        assert_eq!(s.user_version().unwrap(), LATEST);
        migrate(&mut s, LATEST).unwrap();
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        {
            let s = Store::open_unmigrated(&p).unwrap();
            s.conn().pragma_update(None, "user_version", 99).unwrap();
        }
        let err = Store::open(&p).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
