//! Timestamps and durations as wfc writes and reads them.
//!
//! Stored times are RFC 3339 in UTC with microseconds (`2026-11-24T09:40:00.123456Z`): fixed width,
//! so they sort as text in SQLite. Durations on the command line use humantime's form (`24h`,
//! `180d`, `6h30m`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, thiserror::Error)]
#[error("invalid duration {value:?}: {reason}")]
pub struct DurationError {
    pub value: String,
    pub reason: String,
}

/// Parses `24h`, `180d`, `90s`, `1w`, `6h 30m`. A bare number is seconds.
pub fn parse_duration(value: &str) -> Result<Duration, DurationError> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    humantime::parse_duration(v).map_err(|e| DurationError {
        value: value.to_string(),
        reason: format!("{e} (examples: 90s, 30m, 24h, 180d)"),
    })
}

/// clap value parser for durations.
pub fn duration_arg(value: &str) -> Result<Duration, String> {
    parse_duration(value).map_err(|e| e.reason)
}

/// The clock: the real time, or a fixed instant from `WFC_NOW` for reproducible output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    fixed: Option<SystemTime>,
}

impl Clock {
    pub fn from_env(now: Option<&str>) -> Clock {
        let fixed = now.and_then(|n| {
            humantime::parse_rfc3339_weak(n)
                .or_else(|_| humantime::parse_rfc3339_weak(&format!("{n} 00:00:00")))
                .ok()
        });
        Clock { fixed }
    }

    pub fn fixed(at: SystemTime) -> Clock {
        Clock { fixed: Some(at) }
    }

    pub fn now(&self) -> SystemTime {
        self.fixed.unwrap_or_else(SystemTime::now)
    }
}

/// `2026-11-24T09:40:00.123456Z`
/// A duration for messages, rounded to what a reader cares about: `250ms`, `1.5s`, `2m 5s`.
pub fn brief(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    if ms < 60_000 {
        let tenths = (ms + 50) / 100;
        return if tenths.is_multiple_of(10) {
            format!("{}s", tenths / 10)
        } else {
            format!("{}.{}s", tenths / 10, tenths % 10)
        };
    }
    humantime::format_duration(Duration::from_secs((ms as u64 + 500) / 1000)).to_string()
}

pub fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_micros(t).to_string()
}

/// `2026-11-24`
pub fn date(t: SystemTime) -> String {
    rfc3339(t)[..10].to_string()
}

/// Parses a stored timestamp or a `YYYY-MM-DD` date.
pub fn parse_time(s: &str) -> Option<SystemTime> {
    let s = s.trim();
    if s.len() == 10 {
        return humantime::parse_rfc3339(&format!("{s}T00:00:00Z")).ok();
    }
    humantime::parse_rfc3339_weak(s).ok()
}

/// `t - d`, saturating at the epoch.
pub fn before(t: SystemTime, d: Duration) -> SystemTime {
    t.checked_sub(d).unwrap_or(UNIX_EPOCH)
}

pub fn unix_secs_f64(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Short human age: `45s`, `12m`, `3h`, `5d`.
pub fn age(now: SystemTime, then: SystemTime) -> String {
    let secs = now.duration_since(then).map(|d| d.as_secs()).unwrap_or(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_durations_are_rounded() {
        assert_eq!(brief(Duration::from_nanos(1_000_093_848)), "1s");
        assert_eq!(brief(Duration::from_millis(250)), "250ms");
        assert_eq!(brief(Duration::from_millis(1_540)), "1.5s");
        assert_eq!(brief(Duration::from_millis(59_960)), "60s");
        assert_eq!(brief(Duration::from_millis(125_400)), "2m 5s");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("24h").unwrap(), Duration::from_secs(86400));
        assert_eq!(
            parse_duration("180d").unwrap(),
            Duration::from_secs(180 * 86400)
        );
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn fixed_clock_and_formats() {
        let c = Clock::from_env(Some("2026-01-02T03:04:05Z"));
        assert_eq!(rfc3339(c.now()), "2026-01-02T03:04:05.000000Z");
        assert_eq!(date(c.now()), "2026-01-02");
        let d = Clock::from_env(Some("2026-01-02"));
        assert_eq!(date(d.now()), "2026-01-02");
        assert_eq!(parse_time("2026-01-02"), Some(d.now()));
        assert_eq!(
            age(c.now(), before(c.now(), Duration::from_secs(7200))),
            "2h"
        );
    }
}
