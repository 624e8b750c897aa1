//! Trusted repository configs: `wfc trust` records the sha256 of a repository's
//! `.wfc/config.toml`; its commands run only while the file still has that hash.

use std::time::SystemTime;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::audit::{self, NewAudit};
use super::{Store, StoreError, sql};

/// What `wfc trust` recorded for one config file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustRecord {
    pub repo: String,
    pub path: String,
    pub sha256: String,
    pub developer_id: String,
    pub trusted_at: String,
}

/// The record for `path` in `repo`, whatever hash it has.
pub fn get(store: &Store, repo: &str, path: &str) -> Result<Option<TrustRecord>, StoreError> {
    store
        .conn()
        .query_row(
            "SELECT repo, path, sha256, developer_id, trusted_at FROM trusted_configs
             WHERE repo = ?1 AND path = ?2",
            params![repo, path],
            |r| {
                Ok(TrustRecord {
                    repo: r.get(0)?,
                    path: r.get(1)?,
                    sha256: r.get(2)?,
                    developer_id: r.get(3)?,
                    trusted_at: r.get(4)?,
                })
            },
        )
        .optional()
        .map_err(sql("cannot read the trusted configs"))
}

/// Whether `path` in `repo` is trusted with exactly this content.
pub fn is_trusted(store: &Store, repo: &str, path: &str, sha256: &str) -> Result<bool, StoreError> {
    Ok(get(store, repo, path)?.is_some_and(|r| r.sha256 == sha256))
}

/// Records `sha256` as the trusted content of `path` (replacing an earlier hash), with its audit
/// row in the same transaction.
pub fn trust(
    store: &mut Store,
    now: SystemTime,
    record: &TrustRecord,
    entry: &NewAudit<'_>,
) -> Result<(), StoreError> {
    store.write(|tx| {
        tx.execute(
            "INSERT INTO trusted_configs (repo, path, sha256, developer_id, trusted_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (repo, path) DO UPDATE SET sha256 = ?3, developer_id = ?4, trusted_at = ?5",
            params![
                record.repo,
                record.path,
                record.sha256,
                record.developer_id,
                record.trusted_at
            ],
        )
        .map_err(sql("cannot record the trusted config"))?;
        audit::append_tx(tx, now, entry)?;
        Ok(())
    })
}

/// Forgets the trust of `path` in `repo`, with its audit row. Returns whether there was one.
pub fn revoke(
    store: &mut Store,
    now: SystemTime,
    repo: &str,
    path: &str,
    entry: &NewAudit<'_>,
) -> Result<bool, StoreError> {
    store.write(|tx| {
        let n = tx
            .execute(
                "DELETE FROM trusted_configs WHERE repo = ?1 AND path = ?2",
                params![repo, path],
            )
            .map_err(sql("cannot revoke the trusted config"))?;
        audit::append_tx(tx, now, entry)?;
        Ok(n > 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_is_bound_to_the_hash_and_revocable() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.db")).unwrap();
        let rec = TrustRecord {
            repo: "/r".into(),
            path: "/r/.wfc/config.toml".into(),
            sha256: "aa".into(),
            developer_id: "d".into(),
            trusted_at: "t".into(),
        };
        let entry = NewAudit {
            project_id: "p",
            developer_id: "d",
            action: "trust",
            resource: "/r/.wfc/config.toml",
            status: "ok",
            details: serde_json::json!({}),
        };
        let now = SystemTime::UNIX_EPOCH;
        assert!(!is_trusted(&s, "/r", &rec.path, "aa").unwrap());
        trust(&mut s, now, &rec, &entry).unwrap();
        assert!(is_trusted(&s, "/r", &rec.path, "aa").unwrap());
        assert!(!is_trusted(&s, "/r", &rec.path, "bb").unwrap());
        assert!(!is_trusted(&s, "/other", &rec.path, "aa").unwrap());
        trust(
            &mut s,
            now,
            &TrustRecord {
                sha256: "bb".into(),
                ..rec.clone()
            },
            &entry,
        )
        .unwrap();
        assert!(!is_trusted(&s, "/r", &rec.path, "aa").unwrap());
        assert!(revoke(&mut s, now, "/r", &rec.path, &entry).unwrap());
        assert!(!is_trusted(&s, "/r", &rec.path, "bb").unwrap());
        assert!(!revoke(&mut s, now, "/r", &rec.path, &entry).unwrap());
    }
}
