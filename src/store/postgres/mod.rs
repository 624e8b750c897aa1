//! The shared PostgreSQL store: every machine of a team writes one audit trail, one job history,
//! one set of leases and rate-limit buckets, and one knowledge table.
//!
//! Synchronous `postgres` client (tokio-postgres underneath, on a runtime of its own that exists
//! only while a PostgreSQL store is open). Transactions are READ COMMITTED, so no writer ever
//! meets "could not serialize": what must happen one at a time is serialised by a lock instead,
//! the audit chain by `pg_advisory_xact_lock` (across processes and machines), a rate-limit bucket
//! by its row lock.

pub mod import;
mod migrations;
mod ops;

use std::collections::HashMap;
use std::str::FromStr;

use postgres::{Client, GenericClient, NoTls, Statement};

pub use migrations::LATEST;

use super::StoreError;
use super::host::Host;

/// `pg_advisory_xact_lock` key that serialises audit appends ("wfc" and 1); written out in
/// `wfc_audit_append` (migrations.rs).
pub const AUDIT_LOCK: i64 = 0x0077_6663_0001;
/// `pg_advisory_xact_lock` key that serialises schema migrations ("wfc" and 2).
pub const MIGRATION_LOCK: i64 = 0x0077_6663_0002;

/// Wraps a PostgreSQL error with what we were doing.
pub fn pg(context: &'static str) -> impl Fn(postgres::Error) -> StoreError {
    move |source| StoreError::Postgres {
        context: context.to_string(),
        source,
    }
}

/// Prepared statements by their text, so that hot paths (audit appends, rate-limit tokens) parse
/// once per connection.
#[derive(Default)]
struct Statements(HashMap<&'static str, Statement>);

impl Statements {
    fn get(
        &mut self,
        client: &mut impl GenericClient,
        sql: &'static str,
    ) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.0.get(sql) {
            return Ok(s.clone());
        }
        let s = client.prepare(sql)?;
        self.0.insert(sql, s.clone());
        Ok(s)
    }
}

pub struct PgStore {
    client: Client,
    statements: Statements,
    host: Host,
    /// Server and database, for messages (never the password).
    database: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("database", &self.database)
            .finish()
    }
}

/// `host:port/dbname` of a connection string, without user or password.
pub fn describe_url(url: &str) -> String {
    let Ok(cfg) = postgres::Config::from_str(url) else {
        return "a PostgreSQL server".into();
    };
    let host = match cfg.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = cfg.get_ports().first().copied().unwrap_or(5432);
    let db = cfg.get_dbname().or(cfg.get_user()).unwrap_or("postgres");
    format!("postgres://{host}:{port}/{db}")
}

impl PgStore {
    /// Connects to `url` (no TLS) and brings the schema up to date; owners are recorded as
    /// running on `host`.
    pub fn connect(url: &str, host: Host) -> Result<PgStore, StoreError> {
        let database = describe_url(url);
        let mut client = Client::connect(url, NoTls).map_err(|source| StoreError::Postgres {
            context: format!("cannot connect to the PostgreSQL store {database}"),
            source,
        })?;
        // As the SQLite store (WAL, synchronous=NORMAL): a commit does not wait for its WAL to
        // reach the disk, so a crash of the server may lose the last fraction of a second of
        // writes, never consistency (a lost audit row takes its head with it). Audit appends are
        // serialised, and a flush inside the lock would cap them at one per fsync. A connection
        // string whose options set synchronous_commit (`?options=-c%20synchronous_commit%3Don`)
        // keeps its own choice.
        let chosen = postgres::Config::from_str(url)
            .ok()
            .and_then(|c| c.get_options().map(|o| o.contains("synchronous_commit")))
            .unwrap_or(false);
        if !chosen {
            client
                .batch_execute("SET synchronous_commit = off")
                .map_err(pg("cannot configure the PostgreSQL session"))?;
        }
        let mut store = PgStore {
            client,
            statements: Statements::default(),
            host,
            database,
        };
        migrations::migrate(&mut store)?;
        Ok(store)
    }

    pub fn database(&self) -> &str {
        &self.database
    }
}

impl<'a> postgres::types::FromSql<'a> for super::jobs::JobStatus {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        let s = <&str as postgres::types::FromSql>::from_sql(ty, raw)?;
        super::jobs::JobStatus::parse(s).ok_or_else(|| format!("unknown job status {s:?}").into())
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        <&str as postgres::types::FromSql>::accepts(ty)
    }
}

impl postgres::types::ToSql for super::jobs::JobStatus {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        self.as_str().to_sql(ty, out)
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        <&str as postgres::types::ToSql>::accepts(ty)
    }

    postgres::types::to_sql_checked!();
}
