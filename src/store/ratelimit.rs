//! Token buckets shared by every wfc process on the machine, kept in the database.
//!
//! Taking a token is one short `BEGIN IMMEDIATE` transaction; waiting happens outside any
//! transaction, so a waiter never blocks other processes.

use std::time::{Duration, SystemTime};

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, sql};
use crate::config::RateLimitConfig;

#[derive(Debug, thiserror::Error)]
pub enum RateLimitError {
    #[error("no token from rate limit {name:?} within {waited:?}")]
    Timeout { name: String, waited: Duration },
    #[error("interrupted while waiting for rate limit {name:?}")]
    Interrupted { name: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn now_secs() -> f64 {
    crate::time::unix_secs_f64(SystemTime::now())
}

/// Tries to take one token; returns how long to wait before trying again when none is left.
pub fn try_take(
    store: &mut Store,
    name: &str,
    cfg: &RateLimitConfig,
) -> Result<Option<Duration>, StoreError> {
    store.write(|tx| {
        let now = now_secs();
        let row: Option<(f64, f64)> = tx
            .query_row(
                "SELECT tokens, updated_at FROM rate_buckets WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql("cannot read a rate-limit bucket"))?;
        let (tokens, updated) = row.unwrap_or((cfg.capacity, now));
        let elapsed = (now - updated).max(0.0);
        let available = (tokens + elapsed * cfg.refill_per_sec).min(cfg.capacity);
        let (left, wait) = if available >= 1.0 {
            (available - 1.0, None)
        } else {
            let secs = (1.0 - available) / cfg.refill_per_sec;
            (available, Some(Duration::from_secs_f64(secs.max(0.001))))
        };
        tx.execute(
            "INSERT INTO rate_buckets (name, tokens, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET tokens = ?2, updated_at = ?3",
            params![name, left, now],
        )
        .map_err(sql("cannot update a rate-limit bucket"))?;
        Ok(wait)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Backend;

    #[test]
    fn bucket_empties_and_refills() {
        let d = tempfile::tempdir().unwrap();
        let mut s = Store::open(&d.path().join("w.db")).unwrap();
        let cfg = RateLimitConfig {
            capacity: 2.0,
            refill_per_sec: 20.0,
        };
        assert!(try_take(&mut s, "api", &cfg).unwrap().is_none());
        assert!(try_take(&mut s, "api", &cfg).unwrap().is_none());
        let wait = try_take(&mut s, "api", &cfg).unwrap();
        assert!(wait.is_some());
        let waited = s.take_token("api", &cfg, Duration::from_secs(5)).unwrap();
        assert!(waited > Duration::ZERO);
        let slow = RateLimitConfig {
            capacity: 1.0,
            refill_per_sec: 0.001,
        };
        try_take(&mut s, "slow", &slow).unwrap();
        assert!(matches!(
            s.take_token("slow", &slow, Duration::from_millis(20)),
            Err(RateLimitError::Timeout { .. })
        ));
    }
}
