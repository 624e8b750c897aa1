//! PostgreSQL schema migrations, numbered in `wfc_schema`.
//!
//! Applied under `pg_advisory_xact_lock(MIGRATION_LOCK)` after re-reading the version, so any
//! number of processes on any number of machines may connect to a new or old database at once.
//! Never edit a migration that has shipped; add the next one. Text that is ordered or compared
//! uses the "C" collation, so listings sort as on SQLite whatever the database's locale.

use super::{MIGRATION_LOCK, PgStore, pg};
use crate::store::StoreError;

/// Version 1: every table of the SQLite store at its version 5, plus `audit_head` (the highest
/// sequence number handed out, which `sqlite_sequence` keeps on SQLite) and knowledge. A
/// worktree lives on one machine, so its lease is keyed by host too: two machines' clones of
/// one repository at the same path never share a lease.
const V1: &str = r#"
CREATE TABLE projects (
    id           TEXT COLLATE "C" PRIMARY KEY,
    root         TEXT,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

CREATE TABLE audit (
    seq          BIGINT PRIMARY KEY,
    ts           TEXT COLLATE "C" NOT NULL,
    project_id   TEXT COLLATE "C" NOT NULL,
    developer_id TEXT NOT NULL,
    action       TEXT COLLATE "C" NOT NULL,
    resource     TEXT NOT NULL,
    status       TEXT NOT NULL,
    details      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_ts ON audit (ts);
CREATE INDEX audit_project ON audit (project_id, seq);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);

CREATE FUNCTION wfc_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only';
END
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION wfc_audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION wfc_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION wfc_audit_append_only();

CREATE FUNCTION wfc_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.seq <= OLD.seq THEN
        RAISE EXCEPTION 'the audit head only moves forward';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION wfc_audit_head_forward();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION wfc_audit_append_only();

-- One audit append in one statement: under the advisory lock (held until the transaction ends,
-- across every process and machine), the next number and link, the row's hash by the formula of
-- `audit::row_hash` (sha256 of the compact JSON array [seq, ts, project, developer, action,
-- resource, status, details, prev_hash]; to_json escapes strings as serde_json does), the row
-- and the head. Doing it server-side keeps the lock for one round trip instead of three.
CREATE FUNCTION wfc_audit_append(
    p_ts TEXT, p_project TEXT, p_developer TEXT, p_action TEXT, p_resource TEXT,
    p_status TEXT, p_details TEXT, p_touch BOOLEAN, p_root TEXT
) RETURNS TABLE (out_seq BIGINT, out_hash TEXT) LANGUAGE plpgsql AS $$
DECLARE
    v_high BIGINT;
    v_last BIGINT;
    v_prev TEXT;
    v_seq  BIGINT;
    v_hash TEXT;
BEGIN
    IF p_touch THEN
        INSERT INTO projects (id, root, created_at, last_seen_at)
        VALUES (p_project, p_root, p_ts, p_ts)
        ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
            root = COALESCE(excluded.root, projects.root);
    END IF;
    PERFORM pg_advisory_xact_lock(512818872321);
    SELECT h.seq INTO v_high FROM audit_head h WHERE h.id = 1;
    SELECT a.seq, a.hash INTO v_last, v_prev FROM audit a ORDER BY a.seq DESC LIMIT 1;
    v_prev := COALESCE(v_prev, repeat('0', 64));
    v_seq := GREATEST(COALESCE(v_high, 0), COALESCE(v_last, 0)) + 1;
    v_hash := encode(sha256(convert_to(
        '[' || v_seq::text || ',' || to_json(p_ts)::text || ',' || to_json(p_project)::text
        || ',' || to_json(p_developer)::text || ',' || to_json(p_action)::text
        || ',' || to_json(p_resource)::text || ',' || to_json(p_status)::text
        || ',' || to_json(p_details)::text || ',' || to_json(v_prev)::text || ']',
        'UTF8')), 'hex');
    INSERT INTO audit (seq, ts, project_id, developer_id, action, resource, status, details,
                       prev_hash, hash)
    VALUES (v_seq, p_ts, p_project, p_developer, p_action, p_resource, p_status, p_details,
            v_prev, v_hash);
    INSERT INTO audit_head (id, seq, hash) VALUES (1, v_seq, v_hash)
    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
    RETURN QUERY SELECT v_seq, v_hash;
END
$$;

CREATE TABLE worktrees (
    id            BIGSERIAL PRIMARY KEY,
    host          TEXT COLLATE "C" NOT NULL,
    repo          TEXT COLLATE "C" NOT NULL,
    project_id    TEXT COLLATE "C" NOT NULL,
    task_id       TEXT COLLATE "C" NOT NULL,
    path          TEXT COLLATE "C" NOT NULL,
    branch        TEXT NOT NULL,
    developer_id  TEXT NOT NULL,
    owner_pid     BIGINT,
    owner_host    TEXT,
    owner_boot_id TEXT,
    created_at    TEXT COLLATE "C" NOT NULL,
    last_used_at  TEXT COLLATE "C" NOT NULL,
    copied_files  TEXT NOT NULL DEFAULT '[]',
    UNIQUE (host, repo, project_id, task_id)
);
CREATE INDEX worktrees_path ON worktrees (host, path);

CREATE TABLE jobs (
    id            TEXT COLLATE "C" PRIMARY KEY,
    kind          TEXT NOT NULL,
    repo          TEXT COLLATE "C",
    project_id    TEXT COLLATE "C" NOT NULL,
    developer_id  TEXT NOT NULL,
    task_id       TEXT COLLATE "C",
    tree_id       TEXT COLLATE "C",
    status        TEXT COLLATE "C" NOT NULL,
    pid           BIGINT,
    host          TEXT,
    boot_id       TEXT,
    started_at    TEXT COLLATE "C" NOT NULL,
    finished_at   TEXT COLLATE "C",
    cs            DOUBLE PRECISION,
    tier          TEXT,
    passed        BOOLEAN,
    report_path   TEXT,
    request       TEXT,
    result        TEXT,
    bypass_reason TEXT,
    parent_trees  TEXT COLLATE "C",
    policy_digest TEXT COLLATE "C"
);
CREATE INDEX jobs_project ON jobs (project_id, started_at);
CREATE INDEX jobs_tree ON jobs (tree_id, status);
CREATE INDEX jobs_grant ON jobs (tree_id, policy_digest);

CREATE TABLE reviewer_runs (
    job_id      TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    reviewer_id TEXT COLLATE "C" NOT NULL,
    status      TEXT NOT NULL,
    duration_ms BIGINT,
    findings    BIGINT NOT NULL DEFAULT 0,
    error       TEXT,
    PRIMARY KEY (job_id, reviewer_id)
);

CREATE TABLE telemetry_events (
    id           BIGSERIAL PRIMARY KEY,
    ts           TEXT COLLATE "C" NOT NULL,
    project_id   TEXT COLLATE "C" NOT NULL,
    developer_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX telemetry_project ON telemetry_events (project_id, ts);

CREATE TABLE rate_buckets (
    name       TEXT PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);

CREATE TABLE trusted_configs (
    repo         TEXT NOT NULL,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    developer_id TEXT NOT NULL,
    trusted_at   TEXT NOT NULL,
    PRIMARY KEY (repo, path)
);

CREATE TABLE knowledge (
    id          BIGSERIAL PRIMARY KEY,
    scope       TEXT COLLATE "C" NOT NULL,
    reviewer    TEXT COLLATE "C" NOT NULL,
    section     TEXT NOT NULL,
    date        TEXT NOT NULL,
    text        TEXT NOT NULL,
    normalized  TEXT NOT NULL,
    source      TEXT NOT NULL,
    developer   TEXT,
    UNIQUE (scope, reviewer, section, normalized)
);
"#;

/// Version 2: the archive `knowledge prune` moves old entries to (KNOWLEDGE-ARCHIVE.md on the
/// file backend; an entry keeps its id, the same text is archived once per section), and the
/// order jobs were recorded in (SQLite's rowid), which breaks ties between jobs of one instant, and
/// the job queue's claims (as SQLite's version 6), and jobs by task (version 7).
const V2: &str = r#"
ALTER TABLE jobs ADD COLUMN seq BIGSERIAL;
CREATE INDEX jobs_seq ON jobs (seq);
ALTER TABLE jobs ADD COLUMN claimed_by TEXT;
ALTER TABLE jobs ADD COLUMN claim_token TEXT;
ALTER TABLE jobs ADD COLUMN lease_until TEXT COLLATE "C";
ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1;
CREATE INDEX jobs_queue ON jobs (status, started_at, seq);
CREATE INDEX jobs_task ON jobs (repo, project_id, task_id, finished_at, report_path, id);

CREATE TABLE knowledge_archive (
    id          BIGINT PRIMARY KEY,
    scope       TEXT COLLATE "C" NOT NULL,
    reviewer    TEXT COLLATE "C" NOT NULL,
    section     TEXT NOT NULL,
    date        TEXT NOT NULL,
    text        TEXT NOT NULL,
    normalized  TEXT NOT NULL,
    source      TEXT NOT NULL,
    developer   TEXT,
    archived_at TEXT NOT NULL,
    UNIQUE (scope, reviewer, section, normalized)
);
"#;

/// Version 3: the jobs of a task that still have a report, alone (as SQLite's version 8): the
/// jobs whose report was pruned leave the index, so what every review asks reads a few rows, not
/// the task's whole history.
const V3: &str = r#"
DROP INDEX jobs_task;
CREATE INDEX jobs_reported ON jobs (repo, project_id, task_id, finished_at DESC NULLS LAST, seq DESC)
    WHERE report_path IS NOT NULL;
"#;

pub const MIGRATIONS: &[&str] = &[V1, V2, V3];
pub const LATEST: i64 = MIGRATIONS.len() as i64;

fn current(store: &mut PgStore) -> Result<Option<i64>, StoreError> {
    let row = store
        .client
        .query_opt("SELECT version FROM wfc_schema WHERE id = 1", &[]);
    match row {
        Ok(r) => Ok(r.map(|r| r.get(0))),
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => Ok(None),
        Err(e) => Err(pg("cannot read the schema version")(e)),
    }
}

/// Brings the schema to [`LATEST`].
pub fn migrate(store: &mut PgStore) -> Result<(), StoreError> {
    let database = store.database.clone();
    match current(store)? {
        Some(v) if v == LATEST => return Ok(()),
        Some(found) if found > LATEST => {
            return Err(StoreError::NewerServer {
                database,
                found,
                supported: LATEST,
            });
        }
        _ => {}
    }
    let mut tx = store
        .client
        .transaction()
        .map_err(pg("cannot start a migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(pg("cannot lock the schema for a migration"))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS wfc_schema (
             id      INTEGER PRIMARY KEY CHECK (id = 1),
             version BIGINT NOT NULL
         )",
    )
    .map_err(pg("cannot create the schema version table"))?;
    let version: i64 = tx
        .query_opt("SELECT version FROM wfc_schema WHERE id = 1", &[])
        .map_err(pg("cannot read the schema version"))?
        .map(|r| r.get(0))
        .unwrap_or(0);
    if version > LATEST {
        return Err(StoreError::NewerServer {
            database,
            found: version,
            supported: LATEST,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate() {
        let v = i as i64 + 1;
        if v > version {
            tx.batch_execute(step)
                .map_err(pg("cannot apply a schema migration"))?;
        }
    }
    if version < LATEST {
        tx.execute(
            "INSERT INTO wfc_schema (id, version) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            &[&LATEST],
        )
        .map_err(pg("cannot record the schema version"))?;
    }
    tx.commit().map_err(pg("cannot commit a migration"))
}

/// The schema version recorded in the database (0 before any migration).
pub fn version(store: &mut PgStore) -> Result<i64, StoreError> {
    Ok(current(store)?.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_append_function_takes_the_audit_lock() {
        let taken = format!("pg_advisory_xact_lock({})", super::super::AUDIT_LOCK);
        assert_eq!(V1.matches(&taken).count(), 1, "{taken}");
        assert_ne!(super::super::AUDIT_LOCK, MIGRATION_LOCK);
    }
}
