//! The SQLite store at `$WFC_HOME/wfc.db`: audit trail, projects, worktree leases, jobs and
//! reviewer runs, telemetry events and rate-limit buckets.
//!
//! WAL mode with a busy timeout, `PRAGMA user_version` migrations, foreign keys on, and every write
//! in a `BEGIN IMMEDIATE` transaction so that concurrent writers queue on the busy handler instead
//! of failing with "database is locked" when a read transaction tries to upgrade.

pub mod audit;
pub mod backend;
pub mod events;
pub mod host;
pub mod jobs;
pub mod knowledge;
pub mod leases;
pub mod migrations;
pub mod postgres;
pub mod projects;
pub mod queue;
pub mod ratelimit;
mod sqlite;
pub mod trust;

pub use backend::{Backend, BackendKind, Location};
pub use host::{Host, Liveness, Owner};
pub use postgres::import::Copied;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

/// How long a writer waits for another process's transaction before giving up (exit 4).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// WAL size past which a closing connection checkpoints and truncates it. Every process that
/// opens the database first reads the whole WAL to rebuild its index, and frames it recovers
/// count as not yet checkpointed, so a WAL left large would make every writer checkpoint.
const WAL_TRUNCATE_BYTES: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{context}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the database {path} has schema version {found}, newer than this wfc understands ({supported})"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot create the state folder {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{context}")]
    Postgres {
        context: String,
        #[source]
        source: ::postgres::Error,
    },
    #[error(
        "the PostgreSQL store {database} has schema version {found}, newer than this wfc understands ({supported})"
    )]
    NewerServer {
        database: String,
        found: i64,
        supported: i64,
    },
    #[error("{0}")]
    Unsupported(&'static str),
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Sqlite { source, .. } => matches!(
                source.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::Newer { .. } => {
                Some("upgrade wfc, or point WFC_HOME at another folder".into())
            }
            StoreError::NewerServer { .. } => {
                Some("upgrade wfc, or point it at another database".into())
            }
            _ if self.is_busy() => {
                Some("another wfc process kept the database busy; try again".into())
            }
            _ => None,
        }
    }
}

/// Wraps a rusqlite error with what we were doing.
pub fn sql(context: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    move |source| StoreError::Sqlite {
        context: context.to_string(),
        source,
    }
}

/// Makes the database private before SQLite touches it: a new file is created 0600 (SQLite gives
/// its `-wal` and `-shm` the mode of the database file), and an existing database, its `-wal`
/// and `-shm` that group or others can read are tightened to 0600, as is the folder holding them
/// (an older wfc made them 0644 in a 0755 `$WFC_HOME`). Best effort: a file that is not ours
/// keeps its mode, and SQLite then reports what it cannot open. A folder that is not ours, or a
/// shared one (sticky or writable by all, like `/tmp`), is never touched.
fn private_files(db: &Path) {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let private = std::fs::Permissions::from_mode(0o600);
    if !db.exists() {
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(db);
        if created.is_ok() {
            let _ = std::fs::set_permissions(db, private.clone());
        }
        return;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if let Ok(meta) = std::fs::symlink_metadata(&p)
            && meta.is_file()
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = std::fs::set_permissions(&p, private.clone());
        }
    }
    if let Some(dir) = db.parent()
        && let Ok(meta) = std::fs::metadata(dir)
        && meta.permissions().mode() & 0o077 != 0
        && !shared_folder(&meta)
    {
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
}

/// Whether a folder is someone else's or shared by everyone (sticky, or writable by all).
fn shared_folder(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = meta.permissions().mode();
    meta.uid() != rustix::process::geteuid().as_raw() || mode & 0o1000 != 0 || mode & 0o002 != 0
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The host owners are recorded for ([`Backend`]); detected on first use.
    host: std::sync::OnceLock<Host>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        let big = std::fs::metadata(&wal)
            .map(|m| m.len() > WAL_TRUNCATE_BYTES)
            .unwrap_or(false);
        if big {
            // Best effort: a busy database is checkpointed by a later process instead.
            let _ = self.conn.busy_timeout(Duration::from_millis(200));
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            crate::fsutil::create_private_dir(dir).map_err(|e| StoreError::Io {
                path: dir.to_path_buf(),
                source: e.into_io_error(),
            })?;
        }
        private_files(path);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Sqlite {
            context: format!("cannot open the database {}", path.display()),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            host: std::sync::OnceLock::new(),
        };
        store.configure()?;
        migrations::migrate(&mut store, migrations::LATEST)?;
        Ok(store)
    }

    /// Opens an existing database read-only, without creating, migrating or tightening anything:
    /// for `audit verify`, which must work on a read-only copy (a 0400 file in a read-only
    /// folder). When SQLite cannot open the WAL there (no `-shm` and no right to create one), the
    /// file is read as immutable.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Invalid(format!(
                "no database at {}",
                path.display()
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let cant = |source| StoreError::Sqlite {
            context: format!("cannot open the database {} read-only", path.display()),
            source,
        };
        let probe = |conn: &Connection| {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
        };
        let conn = Connection::open_with_flags(path, flags).map_err(cant)?;
        let conn = match probe(&conn) {
            Ok(_) => conn,
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
                ) =>
            {
                drop(conn);
                let conn =
                    Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags)
                        .map_err(cant)?;
                probe(&conn).map_err(cant)?;
                conn
            }
            // A file that is not a database, or whose header is damaged: `verify` reports it.
            Err(_) => conn,
        };
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            host: std::sync::OnceLock::new(),
        })
    }

    /// Opens the file without migrating (for tests that build an older schema).
    pub fn open_unmigrated(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(sql("cannot open the database"))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            host: std::sync::OnceLock::new(),
        };
        store.configure()?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sql("cannot set the busy timeout"))?;
        // Switching to WAL needs an exclusive moment; when many processes create the database at
        // once, SQLite may answer BUSY without calling the busy handler, so retry here.
        let start = Instant::now();
        loop {
            let mode: Result<String, _> =
                self.conn
                    .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0));
            match mode {
                Ok(_) => break,
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    ) && start.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(sql("cannot switch the database to WAL mode")(e)),
            }
        }
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(sql("cannot configure the database"))?;
        // By default the last connection to close checkpoints the WAL into the database and
        // deletes it, fsyncing both; the next process then recreates the WAL and fsyncs its
        // folder. For a short-lived CLI (a git hook runs one per commit) that was most of the
        // run time (~40 ms of ~55 ms). Instead the WAL stays, and is folded in and truncated
        // only once it has grown past WAL_TRUNCATE_BYTES (see `Drop`). What is committed is as
        // safe as synchronous=NORMAL makes it.
        self.conn
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .map_err(sql("cannot configure the database"))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store, recording owners as running on `host` (a name from `WFC_HOST_ID`, say).
    pub fn with_host(mut self, host: Host) -> Store {
        self.host = std::sync::OnceLock::from(host);
        self
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction and commits it; rolls back on error.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("cannot start a write transaction"))?;
        let value = f(&tx)?;
        tx.commit()
            .map_err(sql("cannot commit a write transaction"))?;
        Ok(value)
    }

    pub fn user_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql("cannot read the schema version"))
    }
}

/// `file:` URI of a path, with the characters that URIs reserve percent-encoded.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri
}

/// Random-enough id for jobs: time plus a hash of time, pid and a counter.
pub fn new_id(prefix: &str, now: std::time::SystemTime) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let stamp = crate::time::rfc3339(now);
    let mut h = Sha256::new();
    h.update(stamp.as_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos()
            .to_le_bytes(),
    );
    let digest = h.finalize();
    let compact: String = stamp[..19].chars().filter(|c| c.is_ascii_digit()).collect();
    // 48 random bits: ids made in the same second by many machines sharing one store do not meet.
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{compact}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_folder_keeps_its_mode_and_an_own_loose_one_is_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let root = tempfile::tempdir().unwrap();
        let shared = root.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let db = shared.join("wfc.db");
        std::fs::write(&db, b"").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        private_files(&db);
        assert_eq!(
            mode(&shared),
            0o1777,
            "a folder like /tmp is never tightened"
        );
        assert_eq!(mode(&db), 0o600);

        let own = root.path().join("home");
        std::fs::create_dir(&own).unwrap();
        std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
        let db = own.join("wfc.db");
        std::fs::write(&db, b"").unwrap();
        private_files(&db);
        assert_eq!(mode(&own), 0o700);
    }

    fn wal_len(db: &Path) -> u64 {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0)
    }

    #[test]
    fn a_small_wal_survives_close_and_a_large_one_is_folded_in() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("wfc.db");
        let now = std::time::SystemTime::now();
        {
            let mut s = Store::open(&db).unwrap();
            projects::touch(&mut s, now, "p1", None).unwrap();
        }
        // Closing did not checkpoint: the row is still in the WAL, and readable.
        assert!(wal_len(&db) > 0);
        assert!(wal_len(&db) <= WAL_TRUNCATE_BYTES);
        {
            let mut s = Store::open(&db).unwrap();
            assert_eq!(projects::list(&s).unwrap(), vec!["p1".to_string()]);
            let blob = "x".repeat(64 * 1024);
            for i in 0..24 {
                s.write(|tx| {
                    tx.execute(
                        "INSERT INTO telemetry_events (ts, project_id, developer_id, kind, data)
                         VALUES ('t', 'p1', 'd', ?1, ?2)",
                        rusqlite::params![format!("k{i}"), blob],
                    )
                    .map_err(sql("insert"))?;
                    Ok(())
                })
                .unwrap();
            }
            assert!(wal_len(&db) > WAL_TRUNCATE_BYTES);
        }
        // The last close folded the large WAL into the database and truncated it.
        assert_eq!(wal_len(&db), 0);
        let s = Store::open(&db).unwrap();
        let n: i64 = s
            .conn()
            .query_row("SELECT COUNT(*) FROM telemetry_events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 24);
    }
}
