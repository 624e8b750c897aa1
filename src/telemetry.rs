//! Telemetry events, always namespaced by project, kept in the local store only.
//!
//! `DO_NOT_TRACK=1` or `[telemetry] enabled = false` records nothing.

use std::time::SystemTime;

use crate::store::{Store, StoreError};

/// Event kinds other modules record.
pub mod kind {
    pub const REVIEW: &str = "review";
    pub const WORKTREE_CREATED: &str = "worktree.created";
    pub const WORKTREE_REMOVED: &str = "worktree.removed";
    pub const CLEANUP: &str = "cleanup";
    pub const KNOWLEDGE_APPEND: &str = "knowledge.append";
}

pub use crate::store::events::{EventFilter, EventRow, NewEvent as Event, record_tx};

/// Records `event` in its own transaction.
pub fn record(store: &mut Store, now: SystemTime, event: &Event<'_>) -> Result<(), StoreError> {
    store.write(|tx| record_tx(tx, now, event))
}

pub mod export;
pub mod summary;

/// The events matching `filter`, oldest first.
pub fn list_events(
    conn: &rusqlite::Connection,
    filter: &EventFilter,
) -> Result<Vec<EventRow>, StoreError> {
    crate::store::events::list(conn, filter)
}

/// Live worktree leases per project (the `worktrees` table), for every project or one.
pub fn active_worktrees(
    conn: &rusqlite::Connection,
    project_id: Option<&str>,
) -> Result<std::collections::BTreeMap<String, u64>, StoreError> {
    crate::store::events::lease_counts(conn, project_id)
}
