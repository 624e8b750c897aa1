//! Telemetry events and live-lease counts as [`super::Backend`] records them, with the SQLite
//! queries behind them (the same SQL `crate::telemetry` runs today, which moves here once its
//! callers use the trait).

use std::collections::BTreeMap;
use std::time::SystemTime;

use rusqlite::params;

use super::{StoreError, sql};

/// One event to record.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub project_id: &'a str,
    pub developer_id: &'a str,
    pub kind: &'a str,
    pub data: serde_json::Value,
}

/// Which events to read.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only this project; `None` for every project.
    pub project_id: Option<String>,
    /// Only events at or after this time.
    pub since: Option<SystemTime>,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EventRow {
    pub id: i64,
    /// RFC 3339, UTC.
    pub time: String,
    pub project_id: String,
    pub developer_id: String,
    pub kind: String,
    /// The event's data; a row whose data is not JSON carries it as a string.
    pub data: serde_json::Value,
}

/// The data as stored: redacted JSON text.
pub(crate) fn stored_data(event: &NewEvent<'_>) -> String {
    let mut data = event.data.clone();
    crate::review::redact::json(&mut data);
    data.to_string()
}

pub(crate) fn parse_data(raw: String) -> serde_json::Value {
    serde_json::from_str(&raw).unwrap_or(serde_json::Value::String(raw))
}

pub fn record_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    event: &NewEvent<'_>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            crate::time::rfc3339(now),
            event.project_id,
            event.developer_id,
            event.kind,
            stored_data(event)
        ],
    )
    .map_err(sql("cannot record a telemetry event"))?;
    Ok(())
}

/// The events matching `filter`, oldest first.
pub fn list(
    conn: &rusqlite::Connection,
    filter: &EventFilter,
) -> Result<Vec<EventRow>, StoreError> {
    let since = filter.since.map(crate::time::rfc3339);
    let mut stmt = conn
        .prepare(
            "SELECT id, ts, project_id, developer_id, kind, data FROM telemetry_events
             WHERE (?1 IS NULL OR project_id = ?1) AND (?2 IS NULL OR ts >= ?2)
             ORDER BY ts, id",
        )
        .map_err(sql("cannot read telemetry events"))?;
    let rows = stmt
        .query_map(params![filter.project_id, since], |r| {
            Ok(EventRow {
                id: r.get(0)?,
                time: r.get(1)?,
                project_id: r.get(2)?,
                developer_id: r.get(3)?,
                kind: r.get(4)?,
                data: parse_data(r.get(5)?),
            })
        })
        .map_err(sql("cannot read telemetry events"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read telemetry events"))
}

/// Live worktree leases per project, for every project or one.
pub fn lease_counts(
    conn: &rusqlite::Connection,
    project_id: Option<&str>,
) -> Result<BTreeMap<String, u64>, StoreError> {
    let mut stmt = conn
        .prepare(
            "SELECT project_id, COUNT(*) FROM worktrees
             WHERE (?1 IS NULL OR project_id = ?1) GROUP BY project_id",
        )
        .map_err(sql("cannot count worktrees"))?;
    let rows = stmt
        .query_map(params![project_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })
        .map_err(sql("cannot count worktrees"))?;
    rows.collect::<Result<_, _>>()
        .map_err(sql("cannot count worktrees"))
}
