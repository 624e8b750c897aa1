//! Telemetry events, always namespaced by project, kept in the local store only.
//!
//! `DO_NOT_TRACK=1` or `[telemetry] enabled = false` records nothing.

use std::time::SystemTime;

use crate::store::StoreError;

/// Event kinds other modules record.
pub mod kind {
    pub const REVIEW: &str = "review";
    pub const WORKTREE_CREATED: &str = "worktree.created";
    pub const WORKTREE_REMOVED: &str = "worktree.removed";
    pub const CLEANUP: &str = "cleanup";
    pub const KNOWLEDGE_APPEND: &str = "knowledge.append";
}

pub use crate::store::events::{EventFilter, EventRow, NewEvent as Event};

/// Records `event` in its own transaction.
pub fn record(
    store: &mut dyn crate::store::Backend,
    now: SystemTime,
    event: &Event<'_>,
) -> Result<(), StoreError> {
    store.record_event(now, event)
}

pub mod export;
pub mod summary;
