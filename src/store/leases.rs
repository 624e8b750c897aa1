//! Worktree leases (the `worktrees` table) and the "mark interrupted" update of dead jobs.
//!
//! A lease says who made a task's worktree, which process owns it (if any), when it was made and
//! last used, and which files wfc copied into it. Leases are keyed by repository (the main
//! checkout's path), project and task.

use std::time::SystemTime;

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::host::Owner;
use super::{Store, StoreError, sql};

/// A file wfc copied into a worktree, with the hash of what it wrote, so that an untouched copy
/// does not count as an uncommitted change and an edited one does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopiedFile {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lease {
    pub id: i64,
    pub repo: String,
    pub project_id: String,
    pub task_id: String,
    pub path: String,
    pub branch: String,
    pub developer_id: String,
    pub owner_pid: Option<u32>,
    pub created_at: String,
    pub last_used_at: String,
    pub copied_files: Vec<CopiedFile>,
    /// The owning process with its host (left out of JSON until the documents say so).
    #[serde(skip)]
    pub owner: Option<Owner>,
}

/// A lease to record.
#[derive(Debug, Clone)]
pub struct NewLease<'a> {
    pub repo: &'a str,
    pub project_id: &'a str,
    pub task_id: &'a str,
    pub path: &'a str,
    pub branch: &'a str,
    pub developer_id: &'a str,
    pub owner_pid: Option<u32>,
}

pub(crate) const COLUMNS: &str = "id, repo, project_id, task_id, path, branch, developer_id, owner_pid, \
                       created_at, last_used_at, copied_files, owner_host, owner_boot_id";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Lease> {
    let copied: String = r.get(10)?;
    let pid: Option<i64> = r.get(7)?;
    Ok(Lease {
        id: r.get(0)?,
        repo: r.get(1)?,
        project_id: r.get(2)?,
        task_id: r.get(3)?,
        path: r.get(4)?,
        branch: r.get(5)?,
        developer_id: r.get(6)?,
        owner_pid: pid.and_then(|p| u32::try_from(p).ok()),
        created_at: r.get(8)?,
        last_used_at: r.get(9)?,
        // A list this version cannot read counts as "nothing copied": files then count as
        // changes, which errs on the side of keeping the worktree.
        copied_files: serde_json::from_str(&copied).unwrap_or_default(),
        owner: super::jobs::owner_of(pid, r.get(11)?, r.get(12)?),
    })
}

/// The lease of one task, if any.
pub fn get(
    store: &Store,
    repo: &str,
    project_id: &str,
    task_id: &str,
) -> Result<Option<Lease>, StoreError> {
    store
        .conn()
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM worktrees WHERE repo = ?1 AND project_id = ?2 AND task_id = ?3"
            ),
            params![repo, project_id, task_id],
            from_row,
        )
        .optional()
        .map_err(sql("cannot read a worktree lease"))
}

/// Every lease of `repo`, of one project or of all; oldest first.
pub fn list(store: &Store, repo: &str, project_id: Option<&str>) -> Result<Vec<Lease>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM worktrees
             WHERE repo = ?1 AND (?2 IS NULL OR project_id = ?2)
             ORDER BY project_id, created_at, task_id"
        ))
        .map_err(sql("cannot read worktree leases"))?;
    let rows = stmt
        .query_map(params![repo, project_id], from_row)
        .map_err(sql("cannot read worktree leases"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql("cannot read worktree leases"))?;
    Ok(rows)
}

/// Records a new lease (replacing a stale one for the same task) and returns its id.
pub fn insert(store: &mut Store, now: SystemTime, lease: &NewLease<'_>) -> Result<i64, StoreError> {
    let owner = lease.owner_pid.map(|pid| Owner {
        host: None,
        boot_id: None,
        pid,
    });
    store.write(|tx| insert_tx(tx, now, lease, owner.as_ref()))
}

/// [`insert`] inside an existing write transaction, with the owner's host (`lease.owner_pid` is
/// `owner`'s pid).
pub fn insert_tx(
    tx: &rusqlite::Transaction<'_>,
    now: SystemTime,
    lease: &NewLease<'_>,
    owner: Option<&Owner>,
) -> Result<i64, StoreError> {
    let ts = crate::time::rfc3339(now);
    tx.execute(
        "INSERT INTO worktrees
           (repo, project_id, task_id, path, branch, developer_id, owner_pid,
            created_at, last_used_at, copied_files, owner_host, owner_boot_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, '[]', ?9, ?10)
         ON CONFLICT (repo, project_id, task_id) DO UPDATE SET
           path = excluded.path, branch = excluded.branch,
           developer_id = excluded.developer_id, owner_pid = excluded.owner_pid,
           created_at = excluded.created_at, last_used_at = excluded.last_used_at,
           copied_files = '[]', owner_host = excluded.owner_host,
           owner_boot_id = excluded.owner_boot_id",
        params![
            lease.repo,
            lease.project_id,
            lease.task_id,
            lease.path,
            lease.branch,
            lease.developer_id,
            owner.map(|o| i64::from(o.pid)),
            ts,
            owner.and_then(|o| o.host.as_deref()),
            owner.and_then(|o| o.boot_id.as_deref())
        ],
    )
    .map_err(sql("cannot record the worktree lease"))?;
    tx.query_row(
        "SELECT id FROM worktrees WHERE repo = ?1 AND project_id = ?2 AND task_id = ?3",
        params![lease.repo, lease.project_id, lease.task_id],
        |r| r.get(0),
    )
    .map_err(sql("cannot record the worktree lease"))
}

pub fn delete(store: &mut Store, id: i64) -> Result<(), StoreError> {
    store.write(|tx| {
        tx.execute("DELETE FROM worktrees WHERE id = ?1", params![id])
            .map_err(sql("cannot delete a worktree lease"))?;
        Ok(())
    })
}

pub fn set_copied_files(
    store: &mut Store,
    id: i64,
    files: &[CopiedFile],
) -> Result<(), StoreError> {
    let text = serde_json::to_string(files)
        .map_err(|e| StoreError::Invalid(format!("cannot encode copied files: {e}")))?;
    store.write(|tx| {
        tx.execute(
            "UPDATE worktrees SET copied_files = ?2 WHERE id = ?1",
            params![id, text],
        )
        .map_err(sql("cannot record the copied files"))?;
        Ok(())
    })
}

pub fn set_owner(store: &mut Store, id: i64, pid: Option<u32>) -> Result<(), StoreError> {
    let owner = pid.map(|pid| Owner {
        host: None,
        boot_id: None,
        pid,
    });
    set_owner_record(store, id, owner.as_ref())
}

/// Records `owner` (with its host) as the owner of lease `id`.
pub fn set_owner_record(
    store: &mut Store,
    id: i64,
    owner: Option<&Owner>,
) -> Result<(), StoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE worktrees SET owner_pid = ?2, owner_host = ?3, owner_boot_id = ?4 WHERE id = ?1",
            params![
                id,
                owner.map(|o| i64::from(o.pid)),
                owner.and_then(|o| o.host.as_deref()),
                owner.and_then(|o| o.boot_id.as_deref())
            ],
        )
        .map_err(sql("cannot record the worktree owner"))?;
        Ok(())
    })
}

/// Marks the worktree at `path` as used now; returns how many leases matched (0 or 1).
pub fn touch_path(store: &mut Store, now: SystemTime, path: &str) -> Result<usize, StoreError> {
    let ts = crate::time::rfc3339(now);
    store.write(|tx| {
        tx.execute(
            "UPDATE worktrees SET last_used_at = ?2 WHERE path = ?1 AND last_used_at < ?2",
            params![path, ts],
        )
        .map_err(sql("cannot record the worktree's last use"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::jobs::{mark_job_interrupted, running_jobs};
    use std::time::Duration;

    fn lease<'a>(task: &'a str, path: &'a str) -> NewLease<'a> {
        NewLease {
            repo: "/r",
            project_id: "p",
            task_id: task,
            path,
            branch: "wfc/p/x",
            developer_id: "dev",
            owner_pid: Some(42),
        }
    }

    #[test]
    fn insert_get_touch_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.db")).unwrap();
        let t0 = std::time::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let id = insert(&mut s, t0, &lease("a", "/r/.worktrees/p/wfc-a")).unwrap();
        let l = get(&s, "/r", "p", "a").unwrap().unwrap();
        assert_eq!((l.id, l.owner_pid), (id, Some(42)));
        assert_eq!(l.created_at, l.last_used_at);

        let t1 = t0 + Duration::from_secs(60);
        assert_eq!(touch_path(&mut s, t1, "/r/.worktrees/p/wfc-a").unwrap(), 1);
        // Never moves backwards.
        assert_eq!(touch_path(&mut s, t0, "/r/.worktrees/p/wfc-a").unwrap(), 0);
        let l = get(&s, "/r", "p", "a").unwrap().unwrap();
        assert_eq!(l.last_used_at, crate::time::rfc3339(t1));

        let files = vec![CopiedFile {
            path: ".env".into(),
            sha256: "ab".into(),
        }];
        set_copied_files(&mut s, id, &files).unwrap();
        assert_eq!(
            get(&s, "/r", "p", "a").unwrap().unwrap().copied_files,
            files
        );

        // A second insert for the same task replaces the stale lease.
        insert(&mut s, t1, &lease("a", "/r/.worktrees/p/wfc-a")).unwrap();
        let l = get(&s, "/r", "p", "a").unwrap().unwrap();
        assert!(l.copied_files.is_empty());
        insert(&mut s, t1, &lease("b", "/r/.worktrees/p/wfc-b")).unwrap();
        assert_eq!(list(&s, "/r", Some("p")).unwrap().len(), 2);
        assert_eq!(list(&s, "/r", Some("q")).unwrap().len(), 0);
        assert_eq!(list(&s, "/other", None).unwrap().len(), 0);
        delete(&mut s, id).unwrap();
        assert!(get(&s, "/r", "p", "a").unwrap().is_none());
    }

    #[test]
    fn only_running_jobs_are_marked() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.db")).unwrap();
        s.conn()
            .execute_batch(
                "INSERT INTO jobs (id, kind, project_id, developer_id, status, pid, started_at)
                 VALUES ('j1', 'review', 'p', 'd', 'running', 999999, '2026-01-01T00:00:00Z'),
                        ('j2', 'review', 'p', 'd', 'passed', 999999, '2026-01-01T00:00:00Z'),
                        ('j3', 'review', 'q', 'd', 'running', 1, '2026-01-01T00:00:00Z');",
            )
            .unwrap();
        let ids: Vec<String> = running_jobs(&s, Some("p"))
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(ids, vec!["j1"]);
        assert_eq!(running_jobs(&s, None).unwrap().len(), 2);
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert!(mark_job_interrupted(&mut s, now, "j1").unwrap());
        assert!(!mark_job_interrupted(&mut s, now, "j1").unwrap());
        assert!(!mark_job_interrupted(&mut s, now, "j2").unwrap());
        let (status, finished): (String, Option<String>) = s
            .conn()
            .query_row(
                "SELECT status, finished_at FROM jobs WHERE id = 'j1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(status, "interrupted");
        assert!(finished.is_some());
    }
}
