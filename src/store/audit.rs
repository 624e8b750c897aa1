//! The audit trail: append-only rows, each carrying the hash of the row before it.
//!
//! `hash = sha256(json([seq, ts, project, developer, action, resource, status, details, prev_hash]))`.
//! Editing a row breaks its own hash; deleting one breaks the next row's `prev_hash` link; deleting
//! the newest rows leaves `sqlite_sequence` (on PostgreSQL, `audit_head`) ahead of the last row.

use std::time::SystemTime;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Store, StoreError, sql};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A row to append.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub project_id: &'a str,
    pub developer_id: &'a str,
    pub action: &'a str,
    pub resource: &'a str,
    pub status: &'a str,
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditRow {
    pub seq: i64,
    pub ts: String,
    pub project_id: String,
    pub developer_id: String,
    pub action: String,
    pub resource: String,
    pub status: String,
    pub details: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The fields of one audit row that its hash covers, in the order they are hashed.
#[derive(Debug, Clone, Copy)]
pub struct Linked<'a> {
    pub seq: i64,
    pub ts: &'a str,
    pub project: &'a str,
    pub developer: &'a str,
    pub action: &'a str,
    pub resource: &'a str,
    pub status: &'a str,
    pub details: &'a str,
    /// The hash of the row before (the chain's link).
    pub prev: &'a str,
}

fn row_hash(row: &Linked<'_>) -> String {
    let Linked {
        seq,
        ts,
        project,
        developer,
        action,
        resource,
        status,
        details,
        prev,
    } = *row;
    let canonical = serde_json::json!([
        seq, ts, project, developer, action, resource, status, details, prev
    ])
    .to_string();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A row ready to insert: its texts redacted, its link and hash computed. Both backends build
/// rows here, so one chain formula (and one `verify`) serves both.
#[derive(Debug, Clone)]
pub struct Sealed {
    pub seq: i64,
    pub ts: String,
    pub resource: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The row's time and texts as stored: its details and resource redacted.
pub fn scrub(now: SystemTime, entry: &NewAudit<'_>) -> (String, String, String) {
    let ts = crate::time::rfc3339(now);
    // Every row passes here, so this is where its texts are redacted (DESIGN.md "Secrets never
    // leave their line"): a bypass reason or a knowledge text never reaches the file.
    let mut details = entry.details.clone();
    crate::review::redact::json(&mut details);
    let details = details.to_string();
    let resource = crate::review::redact::text(entry.resource).into_owned();
    (ts, resource, details)
}

/// Seals `entry` as row `seq` after the row whose hash is `prev` ([`GENESIS`] for the first).
pub fn seal(seq: i64, prev: &str, now: SystemTime, entry: &NewAudit<'_>) -> Sealed {
    let (ts, resource, details) = scrub(now, entry);
    let hash = row_hash(&Linked {
        seq,
        ts: &ts,
        project: entry.project_id,
        developer: entry.developer_id,
        action: entry.action,
        resource: &resource,
        status: entry.status,
        details: &details,
        prev,
    });
    Sealed {
        seq,
        ts,
        resource,
        details,
        prev_hash: prev.to_string(),
        hash,
    }
}

/// Appends one row inside an existing write transaction.
pub fn append_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    entry: &NewAudit<'_>,
) -> Result<i64, StoreError> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql("cannot read the audit trail"))?;
    // AUTOINCREMENT never reuses a number, even after the newest row was deleted.
    let high: Option<i64> = tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql("cannot read the audit trail"))?;
    let (seq, prev) = next_link(last, high);
    let row = seal(seq, &prev, now, entry);
    tx.execute(
        "INSERT INTO audit (seq, ts, project_id, developer_id, action, resource, status, details, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            row.seq,
            row.ts,
            entry.project_id,
            entry.developer_id,
            entry.action,
            row.resource,
            entry.status,
            row.details,
            row.prev_hash,
            row.hash
        ],
    )
    .map_err(sql("cannot append to the audit trail"))?;
    Ok(seq)
}

/// The next row's number and link, from the newest row (`seq`, `hash`) and the highest number
/// ever handed out (which stays ahead of the rows when the newest were deleted).
pub fn next_link(last: Option<(i64, String)>, high: Option<i64>) -> (i64, String) {
    let prev = last
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| GENESIS.to_string());
    let seq = high.unwrap_or(0).max(last.map(|(s, _)| s).unwrap_or(0)) + 1;
    (seq, prev)
}

/// The audit head a review job left: the sequence and hash of its `review` (or
/// `review.bypass`) row.
pub fn head_for_job(store: &Store, job_id: &str) -> Result<Option<(i64, String)>, StoreError> {
    store
        .conn()
        .query_row(
            "SELECT seq, hash FROM audit
             WHERE action IN ('review', 'review.bypass') AND json_extract(details, '$.job_id') = ?1
             ORDER BY seq DESC LIMIT 1",
            [job_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql("cannot read the audit trail"))
}

/// Checks audit heads anchored elsewhere (signed commits) against the trail; each
/// `(seq, hash, where)` that the trail does not have exactly becomes a problem of `report`.
pub fn check_anchors(
    store: &Store,
    anchors: &[(i64, String, String)],
    report: &mut VerifyReport,
) -> Result<(), StoreError> {
    check_anchors_with(anchors, report, |seq| hash_of(store, seq))
}

/// [`check_anchors`] over any trail: `hash_of` gives the hash of a row, when there is one.
pub fn check_anchors_with(
    anchors: &[(i64, String, String)],
    report: &mut VerifyReport,
    mut hash_of: impl FnMut(i64) -> Result<Option<String>, StoreError>,
) -> Result<(), StoreError> {
    for (seq, hash, place) in anchors {
        let problem = match hash_of(*seq)? {
            Some(h) if &h == hash => continue,
            Some(h) => format!(
                "row {seq} has hash {}, but {place} anchored {}: the chain was rewritten after that review",
                &h[..h.len().min(12)],
                &hash[..hash.len().min(12)]
            ),
            None => format!("row {seq}, anchored by {place}, is gone"),
        };
        report.problems.push(Problem {
            seq: Some(*seq),
            kind: ProblemKind::Anchor,
            detail: problem,
        });
        report.ok = false;
    }
    Ok(())
}

/// The hash of row `seq`, when there is one.
pub fn hash_of(store: &Store, seq: i64) -> Result<Option<String>, StoreError> {
    store
        .conn()
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()
        .map_err(sql("cannot read the audit trail"))
}

/// Appends one row in its own transaction.
pub fn append(store: &mut Store, now: SystemTime, entry: &NewAudit<'_>) -> Result<i64, StoreError> {
    store.write(|tx| append_tx(tx, now, entry))
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only rows at or after this time.
    pub since: Option<SystemTime>,
    pub action: Option<String>,
    pub project_id: Option<String>,
    /// The newest `limit` rows (still listed oldest first).
    pub limit: Option<usize>,
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    let details: String = r.get(7)?;
    Ok(AuditRow {
        seq: r.get(0)?,
        ts: r.get(1)?,
        project_id: r.get(2)?,
        developer_id: r.get(3)?,
        action: r.get(4)?,
        resource: r.get(5)?,
        status: r.get(6)?,
        details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}

const COLUMNS: &str =
    "seq, ts, project_id, developer_id, action, resource, status, details, prev_hash, hash";

/// Rows matching `filter`, oldest first.
pub fn list(store: &Store, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError> {
    let since = filter.since.map(crate::time::rfc3339);
    let limit = filter.limit.map(|l| l as i64).unwrap_or(-1);
    let mut stmt = store
        .conn()
        .prepare(&format!(
            "SELECT {COLUMNS} FROM audit
             WHERE (?1 IS NULL OR ts >= ?1)
               AND (?2 IS NULL OR action = ?2)
               AND (?3 IS NULL OR project_id = ?3)
             ORDER BY seq DESC LIMIT ?4"
        ))
        .map_err(sql("cannot read the audit trail"))?;
    let mut rows = stmt
        .query_map(
            params![since, filter.action, filter.project_id, limit],
            read_row,
        )
        .map_err(sql("cannot read the audit trail"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read the audit trail"))?;
    rows.reverse();
    Ok(rows)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The row's content no longer matches its hash.
    Edited,
    /// Rows before this one are missing (its link points at a hash that is not the previous row's).
    Missing,
    /// The newest rows were deleted.
    TailDeleted,
    /// An append-only trigger was dropped.
    TriggerMissing,
    /// SQLite's `integrity_check` failed, or the file could not be read as a database.
    Corrupt,
    /// A signed review attestation in the history names an audit head (sequence and hash) that
    /// the trail no longer has: the chain was rewritten, or rows were deleted, after it.
    Anchor,
}

#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub seq: Option<i64>,
    pub kind: ProblemKind,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub rows: usize,
    pub ok: bool,
    pub problems: Vec<Problem>,
}

/// Most `integrity_check` messages listed.
const INTEGRITY_MESSAGES: usize = 20;

/// Runs SQLite's `integrity_check` on the whole file, then walks the whole chain, and reports every
/// problem, the first one first. A file too damaged to read is a problem, not an error: the report
/// says the trail cannot be trusted.
pub fn verify(store: &Store) -> Result<VerifyReport, StoreError> {
    let mut problems = integrity(store);
    if !problems.is_empty() {
        // Walk what can still be read; a read that fails is one more reason for the verdict.
        match verify_chain(store) {
            Ok(mut r) => {
                problems.append(&mut r.problems);
                return Ok(VerifyReport {
                    rows: r.rows,
                    ok: false,
                    problems,
                });
            }
            Err(e) => {
                problems.push(Problem {
                    seq: None,
                    kind: ProblemKind::Corrupt,
                    detail: format!("the audit trail cannot be read: {}", error_chain(&e)),
                });
                return Ok(VerifyReport {
                    rows: 0,
                    ok: false,
                    problems,
                });
            }
        }
    }
    verify_chain(store)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// `PRAGMA integrity_check`, as problems (none when it answers `ok`).
fn integrity(store: &Store) -> Vec<Problem> {
    let corrupt = |detail: String| Problem {
        seq: None,
        kind: ProblemKind::Corrupt,
        detail,
    };
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = store
            .conn()
            .prepare(&format!("PRAGMA integrity_check({INTEGRITY_MESSAGES})"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Vec::new(),
        Ok(lines) => lines
            .into_iter()
            .map(|l| corrupt(format!("the database fails SQLite's integrity check: {l}")))
            .collect(),
        Err(e) => vec![corrupt(format!(
            "the database fails SQLite's integrity check: {e}"
        ))],
    }
}

/// Walks a chain row by row (oldest first) and collects every break; both backends feed it.
#[derive(Debug)]
pub struct ChainCheck {
    problems: Vec<Problem>,
    expected_prev: String,
    expected_seq: i64,
    count: usize,
}

impl Default for ChainCheck {
    fn default() -> Self {
        ChainCheck {
            problems: Vec::new(),
            expected_prev: GENESIS.to_string(),
            expected_seq: 1,
            count: 0,
        }
    }
}

impl ChainCheck {
    /// The next stored row, with its fields and its hash as stored.
    pub fn row(&mut self, row: &Linked<'_>, hash: &str) {
        let Linked {
            seq,
            ts,
            action,
            prev,
            ..
        } = *row;
        self.count += 1;
        let expected_seq = self.expected_seq;
        if seq != expected_seq || prev != self.expected_prev {
            let detail = if seq > expected_seq {
                if seq == expected_seq + 1 {
                    format!("row {expected_seq} was deleted")
                } else {
                    format!("rows {expected_seq} to {} were deleted", seq - 1)
                }
            } else {
                format!("row {seq} does not link to the row before it")
            };
            self.problems.push(Problem {
                seq: Some(seq),
                kind: ProblemKind::Missing,
                detail,
            });
        }
        let actual = row_hash(row);
        if actual != hash {
            self.problems.push(Problem {
                seq: Some(seq),
                kind: ProblemKind::Edited,
                detail: format!("row {seq} ({action} at {ts}) was edited: its hash does not match"),
            });
        }
        self.expected_prev = hash.to_string();
        self.expected_seq = seq + 1;
    }

    /// The report, given the highest number ever handed out and which append-only triggers are
    /// present (checked after the rows, so that the first problem listed is the first broken
    /// link).
    pub fn finish(mut self, high: Option<i64>, triggers: &[(&str, bool)]) -> VerifyReport {
        let expected_seq = self.expected_seq;
        if let Some(high) = high
            && high >= expected_seq
        {
            self.problems.push(Problem {
                seq: Some(expected_seq),
                kind: ProblemKind::TailDeleted,
                detail: if high == expected_seq {
                    format!("the newest row ({high}) was deleted")
                } else {
                    format!("the newest rows ({expected_seq} to {high}) were deleted")
                },
            });
        }
        for (trigger, present) in triggers {
            if !present {
                self.problems.push(Problem {
                    seq: None,
                    kind: ProblemKind::TriggerMissing,
                    detail: format!("the append-only trigger {trigger} was dropped"),
                });
            }
        }
        VerifyReport {
            rows: self.count,
            ok: self.problems.is_empty(),
            problems: self.problems,
        }
    }
}

/// Walks the whole chain and reports every break, the first one first.
fn verify_chain(store: &Store) -> Result<VerifyReport, StoreError> {
    let conn = store.conn();
    let mut check = ChainCheck::default();
    let mut stmt = conn
        .prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))
        .map_err(sql("cannot read the audit trail"))?;
    let mut rows = stmt.query([]).map_err(sql("cannot read the audit trail"))?;
    while let Some(r) = rows.next().map_err(sql("cannot read the audit trail"))? {
        let seq: i64 = r.get(0).map_err(sql("cannot read the audit trail"))?;
        let get = |i| -> Result<String, StoreError> {
            r.get::<_, String>(i)
                .map_err(sql("cannot read the audit trail"))
        };
        let (ts, project, developer, action, resource, status, details, prev, hash) = (
            get(1)?,
            get(2)?,
            get(3)?,
            get(4)?,
            get(5)?,
            get(6)?,
            get(7)?,
            get(8)?,
            get(9)?,
        );
        check.row(
            &Linked {
                seq,
                ts: &ts,
                project: &project,
                developer: &developer,
                action: &action,
                resource: &resource,
                status: &status,
                details: &details,
                prev: &prev,
            },
            &hash,
        );
    }
    let high: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql("cannot read the audit trail"))?;
    let mut triggers = Vec::new();
    for trigger in ["audit_no_update", "audit_no_delete"] {
        let present: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
                [trigger],
                |r| r.get(0),
            )
            .map_err(sql("cannot read the schema"))?;
        triggers.push((trigger, present));
    }
    Ok(check.finish(high, &triggers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(&d.path().join("w.db")).unwrap();
        (d, s)
    }

    fn add(s: &mut Store, action: &str) {
        append(
            s,
            SystemTime::now(),
            &NewAudit {
                project_id: "p",
                developer_id: "d",
                action,
                resource: "r",
                status: "ok",
                details: serde_json::json!({"k": 1}),
            },
        )
        .unwrap();
    }

    #[test]
    fn chain_verifies_and_triggers_refuse_changes() {
        let (_d, mut s) = store();
        for a in ["a", "b", "c"] {
            add(&mut s, a);
        }
        assert!(verify(&s).unwrap().ok);
        let err = s
            .conn()
            .execute("UPDATE audit SET action = 'x' WHERE seq = 2", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        assert!(s.conn().execute("DELETE FROM audit", []).is_err());
    }

    #[test]
    fn detects_edit_middle_delete_and_tail_delete() {
        let (_d, mut s) = store();
        for a in ["a", "b", "c", "d", "e"] {
            add(&mut s, a);
        }
        s.conn()
            .execute_batch(
                "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
                 UPDATE audit SET status = 'forged' WHERE seq = 2;
                 DELETE FROM audit WHERE seq = 3;
                 DELETE FROM audit WHERE seq = 5;",
            )
            .unwrap();
        let r = verify(&s).unwrap();
        let kinds: Vec<_> = r.problems.iter().map(|p| (p.kind.clone(), p.seq)).collect();
        assert_eq!(
            kinds,
            vec![
                (ProblemKind::Edited, Some(2)),
                (ProblemKind::Missing, Some(4)),
                (ProblemKind::TailDeleted, Some(5)),
                (ProblemKind::TriggerMissing, None),
                (ProblemKind::TriggerMissing, None),
            ]
        );
    }

    #[test]
    fn list_filters_and_limits() {
        let (_d, mut s) = store();
        for a in ["a", "b", "a", "c"] {
            add(&mut s, a);
        }
        let f = AuditFilter {
            action: Some("a".into()),
            ..Default::default()
        };
        assert_eq!(list(&s, &f).unwrap().len(), 2);
        let f = AuditFilter {
            limit: Some(2),
            ..Default::default()
        };
        let rows = list(&s, &f).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
    }
}
