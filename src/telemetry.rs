//! Telemetry events, always namespaced by project, kept in the local store only.
//!
//! `DO_NOT_TRACK=1` or `[telemetry] enabled = false` records nothing.

use std::time::SystemTime;

use rusqlite::params;

use crate::store::{Store, StoreError, sql};

/// Event kinds other modules record.
pub mod kind {
    pub const REVIEW: &str = "review";
    pub const WORKTREE_CREATED: &str = "worktree.created";
    pub const WORKTREE_REMOVED: &str = "worktree.removed";
    pub const CLEANUP: &str = "cleanup";
    pub const KNOWLEDGE_APPEND: &str = "knowledge.append";
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub project_id: &'a str,
    pub developer_id: &'a str,
    pub kind: &'a str,
    pub data: serde_json::Value,
}

/// Records `event` inside an existing write transaction.
pub fn record_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    event: &Event<'_>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            crate::time::rfc3339(now),
            event.project_id,
            event.developer_id,
            event.kind,
            event.data.to_string()
        ],
    )
    .map_err(sql("cannot record a telemetry event"))?;
    Ok(())
}

/// Records `event` in its own transaction.
pub fn record(store: &mut Store, now: SystemTime, event: &Event<'_>) -> Result<(), StoreError> {
    store.write(|tx| record_tx(tx, now, event))
}
