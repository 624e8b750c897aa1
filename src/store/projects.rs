//! The projects table: every project id wfc has seen, with the repository it was last used in.

use std::path::Path;
use std::time::SystemTime;

use rusqlite::params;

use super::{Store, StoreError, sql};

/// Records that `project_id` was used in `root`, inside an existing write transaction.
pub fn touch_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    project_id: &str,
    root: Option<&Path>,
) -> Result<(), StoreError> {
    let ts = crate::time::rfc3339(now);
    let root = root.map(|r| r.to_string_lossy().into_owned());
    tx.execute(
        "INSERT INTO projects (id, root, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (id) DO UPDATE SET last_seen_at = ?3, root = COALESCE(?2, root)",
        params![project_id, root, ts],
    )
    .map_err(sql("cannot record the project"))?;
    Ok(())
}

pub fn touch(
    store: &mut Store,
    now: SystemTime,
    project_id: &str,
    root: Option<&Path>,
) -> Result<(), StoreError> {
    store.write(|tx| touch_tx(tx, now, project_id, root))
}

/// Every known project id, sorted.
pub fn list(store: &Store) -> Result<Vec<String>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id FROM projects ORDER BY id")
        .map_err(sql("cannot read projects"))?;
    let ids = stmt
        .query_map([], |r| r.get(0))
        .map_err(sql("cannot read projects"))?
        .collect::<Result<Vec<String>, _>>()
        .map_err(sql("cannot read projects"))?;
    Ok(ids)
}
