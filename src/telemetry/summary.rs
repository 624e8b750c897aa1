//! Per-project figures from the telemetry events: reviews, pass rate, review time percentiles,
//! slowest and most failing reviewers, findings per category, worktrees, and the recent trend.
//!
//! Events are read as other modules record them (see [`super::kind`]); a field that is missing
//! or of the wrong type leaves that event out of the one figure that needs it, and the event is
//! counted in `unreadable_events` when it cannot be used at all.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use serde::Serialize;
use serde_json::Value;

use super::{EventFilter, EventRow, kind};
use crate::store::StoreError;

/// How many of the most recent reviews the trend covers.
pub const TREND_LEN: usize = 20;
/// How many reviewers the slowest and most-failing lists name.
pub const TOP: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct SummaryOptions {
    /// One project, or `None` for every project with events or active worktrees.
    pub project_id: Option<String>,
    pub since: Option<SystemTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub generated_at: String,
    pub since: Option<String>,
    pub projects: Vec<ProjectSummary>,
}

/// Nearest-rank percentiles of a set of durations, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    pub p50_ms: u64,
    pub p95_ms: u64,
    pub max_ms: u64,
    pub mean_ms: u64,
}

impl Timing {
    pub fn of(values: &[u64]) -> Option<Timing> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        v.sort_unstable();
        Some(Timing {
            p50_ms: percentile(&v, 50.0),
            p95_ms: percentile(&v, 95.0),
            max_ms: *v.last().expect("not empty"),
            mean_ms: (v.iter().map(|x| *x as u128).sum::<u128>() / v.len() as u128) as u64,
        })
    }
}

/// Nearest rank: the smallest value with at least `p` percent of the values at or below it.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewerStats {
    pub id: String,
    /// Runs that were not skipped.
    pub runs: u64,
    pub ok: u64,
    pub errors: u64,
    pub timeouts: u64,
    pub skipped: u64,
    /// Errors plus timeouts.
    pub failures: u64,
    /// `failures / runs`.
    pub failure_rate: f64,
    pub findings: u64,
    pub timing: Option<Timing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryCount {
    pub category: String,
    pub findings: u64,
}

/// One review in the trend, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub time: String,
    pub status: Option<String>,
    pub cs: Option<f64>,
    pub duration_ms: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectSummary {
    pub project_id: String,
    pub reviews: u64,
    pub passed: u64,
    /// Reviews by status (passed, failed, incomplete, bypassed, interrupted).
    pub statuses: BTreeMap<String, u64>,
    /// `passed / reviews`; `None` without reviews.
    pub pass_rate: Option<f64>,
    pub review_time: Option<Timing>,
    pub cs_mean: Option<f64>,
    pub cs_max: Option<f64>,
    /// Every reviewer that ran, slowest (by p50) first.
    pub reviewers: Vec<ReviewerStats>,
    /// Ids of the slowest reviewers by p50 time.
    pub slowest_reviewers: Vec<String>,
    /// Ids of the reviewers with the most errors and timeouts (only those with any).
    pub most_failing_reviewers: Vec<String>,
    pub findings: u64,
    /// Findings per category, most first.
    pub findings_per_category: Vec<CategoryCount>,
    /// Live worktree leases now (not limited by `since`).
    pub worktrees_active: u64,
    pub worktrees_created: u64,
    pub worktrees_removed: u64,
    pub cleanups: u64,
    pub cleanup_removed: u64,
    pub knowledge_added: u64,
    pub knowledge_duplicates: u64,
    /// The last [`TREND_LEN`] reviews, oldest first.
    pub trend: Vec<TrendPoint>,
    /// Sparkline of the consensus score over `trend`.
    pub cs_sparkline: String,
    /// Sparkline of the review time over `trend`.
    pub time_sparkline: String,
    pub events: u64,
    pub unreadable_events: u64,
    pub first_event: Option<String>,
    pub last_event: Option<String>,
}

#[derive(Default)]
struct Acc {
    reviews: u64,
    passed: u64,
    statuses: BTreeMap<String, u64>,
    durations: Vec<u64>,
    cs: Vec<f64>,
    reviewers: BTreeMap<String, RevAcc>,
    categories: BTreeMap<String, u64>,
    findings: u64,
    worktrees_created: u64,
    worktrees_removed: u64,
    cleanups: u64,
    cleanup_removed: u64,
    knowledge_added: u64,
    knowledge_duplicates: u64,
    trend: Vec<TrendPoint>,
    events: u64,
    unreadable: u64,
    first: Option<String>,
    last: Option<String>,
}

#[derive(Default)]
struct RevAcc {
    ok: u64,
    errors: u64,
    timeouts: u64,
    skipped: u64,
    findings: u64,
    durations: Vec<u64>,
}

fn u64_of(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
}

impl Acc {
    fn add(&mut self, e: &EventRow) {
        self.events += 1;
        if self.first.is_none() {
            self.first = Some(e.time.clone());
        }
        self.last = Some(e.time.clone());
        let d = &e.data;
        if !d.is_object() {
            self.unreadable += 1;
            return;
        }
        match e.kind.as_str() {
            kind::REVIEW => self.add_review(e),
            kind::WORKTREE_CREATED => self.worktrees_created += 1,
            kind::WORKTREE_REMOVED => self.worktrees_removed += 1,
            // A dry run removed nothing.
            kind::CLEANUP if d["dry_run"].as_bool() != Some(true) => {
                self.cleanups += 1;
                self.cleanup_removed += u64_of(&d["removed"]).unwrap_or(0);
            }
            kind::KNOWLEDGE_APPEND => match d["outcome"].as_str() {
                Some("added") => self.knowledge_added += 1,
                Some("duplicate") => self.knowledge_duplicates += 1,
                _ => self.unreadable += 1,
            },
            _ => {}
        }
    }

    fn add_review(&mut self, e: &EventRow) {
        let d = &e.data;
        self.reviews += 1;
        let status = d["status"].as_str().map(str::to_string);
        if let Some(s) = &status {
            *self.statuses.entry(s.clone()).or_default() += 1;
        }
        if d["passed"].as_bool() == Some(true) {
            self.passed += 1;
        }
        let duration = u64_of(&d["duration_ms"]);
        if let Some(ms) = duration {
            self.durations.push(ms);
        }
        let cs = d["cs"].as_f64().filter(|c| c.is_finite());
        if let Some(c) = cs {
            self.cs.push(c);
        }
        self.findings += u64_of(&d["findings"]).unwrap_or(0);
        if let Some(cats) = d["categories"].as_object() {
            for (cat, n) in cats {
                *self.categories.entry(cat.to_lowercase()).or_default() += u64_of(n).unwrap_or(0);
            }
        }
        for r in d["reviewers"].as_array().into_iter().flatten() {
            let Some(id) = r["id"].as_str() else { continue };
            let acc = self.reviewers.entry(id.to_string()).or_default();
            match r["status"].as_str() {
                Some("skipped") => {
                    acc.skipped += 1;
                    continue;
                }
                Some("error") => acc.errors += 1,
                Some("timeout") => acc.timeouts += 1,
                _ => acc.ok += 1,
            }
            acc.findings += u64_of(&r["findings"]).unwrap_or(0);
            if let Some(ms) = u64_of(&r["duration_ms"]) {
                acc.durations.push(ms);
            }
        }
        self.trend.push(TrendPoint {
            time: e.time.clone(),
            status,
            cs,
            duration_ms: duration,
        });
        if self.trend.len() > TREND_LEN {
            self.trend.remove(0);
        }
    }

    fn finish(self, project_id: String, worktrees_active: u64) -> ProjectSummary {
        let mut reviewers: Vec<ReviewerStats> = self
            .reviewers
            .into_iter()
            .map(|(id, a)| {
                let runs = a.ok + a.errors + a.timeouts;
                let failures = a.errors + a.timeouts;
                ReviewerStats {
                    id,
                    runs,
                    ok: a.ok,
                    errors: a.errors,
                    timeouts: a.timeouts,
                    skipped: a.skipped,
                    failures,
                    failure_rate: if runs > 0 {
                        failures as f64 / runs as f64
                    } else {
                        0.0
                    },
                    findings: a.findings,
                    timing: Timing::of(&a.durations),
                }
            })
            .collect();
        reviewers.sort_by(|a, b| {
            let key = |r: &ReviewerStats| r.timing.map(|t| (t.p50_ms, t.p95_ms));
            key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
        });
        let slowest_reviewers = reviewers
            .iter()
            .filter(|r| r.timing.is_some())
            .take(TOP)
            .map(|r| r.id.clone())
            .collect();
        let mut failing: Vec<&ReviewerStats> =
            reviewers.iter().filter(|r| r.failures > 0).collect();
        failing.sort_by(|a, b| {
            b.failures
                .cmp(&a.failures)
                .then_with(|| b.failure_rate.total_cmp(&a.failure_rate))
                .then_with(|| a.id.cmp(&b.id))
        });
        let most_failing_reviewers = failing.iter().take(TOP).map(|r| r.id.clone()).collect();
        let mut findings_per_category: Vec<CategoryCount> = self
            .categories
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(category, findings)| CategoryCount { category, findings })
            .collect();
        findings_per_category.sort_by(|a, b| {
            b.findings
                .cmp(&a.findings)
                .then_with(|| a.category.cmp(&b.category))
        });
        let cs_values: Vec<f64> = self.trend.iter().filter_map(|t| t.cs).collect();
        let time_values: Vec<f64> = self
            .trend
            .iter()
            .filter_map(|t| t.duration_ms.map(|d| d as f64))
            .collect();
        let cs_mean =
            (!self.cs.is_empty()).then(|| self.cs.iter().sum::<f64>() / self.cs.len() as f64);
        let cs_max = self.cs.iter().cloned().reduce(f64::max);
        ProjectSummary {
            project_id,
            reviews: self.reviews,
            passed: self.passed,
            statuses: self.statuses,
            pass_rate: (self.reviews > 0).then(|| self.passed as f64 / self.reviews as f64),
            review_time: Timing::of(&self.durations),
            cs_mean,
            cs_max,
            reviewers,
            slowest_reviewers,
            most_failing_reviewers,
            findings: self.findings,
            findings_per_category,
            worktrees_active,
            worktrees_created: self.worktrees_created,
            worktrees_removed: self.worktrees_removed,
            cleanups: self.cleanups,
            cleanup_removed: self.cleanup_removed,
            knowledge_added: self.knowledge_added,
            knowledge_duplicates: self.knowledge_duplicates,
            cs_sparkline: sparkline(&cs_values),
            time_sparkline: sparkline(&time_values),
            trend: self.trend,
            events: self.events,
            unreadable_events: self.unreadable,
            first_event: self.first,
            last_event: self.last,
        }
    }
}

/// Builds the figures from `events` (oldest first) and the live worktree counts. With a project
/// in `opts` that project is always present, even without events.
pub fn summarize(
    events: &[EventRow],
    worktrees: &BTreeMap<String, u64>,
    opts: &SummaryOptions,
    now: SystemTime,
) -> Summary {
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();
    for e in events {
        if opts.project_id.as_ref().is_some_and(|p| *p != e.project_id) {
            continue;
        }
        accs.entry(e.project_id.clone()).or_default().add(e);
    }
    let mut ids: BTreeSet<String> = accs.keys().cloned().collect();
    match &opts.project_id {
        Some(p) => {
            ids.insert(p.clone());
        }
        None => ids.extend(
            worktrees
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(p, _)| p.clone()),
        ),
    }
    let projects = ids
        .into_iter()
        .map(|id| {
            let acc = accs.remove(&id).unwrap_or_default();
            let active = worktrees.get(&id).copied().unwrap_or(0);
            acc.finish(id, active)
        })
        .collect();
    Summary {
        generated_at: crate::time::rfc3339(now),
        since: opts.since.map(crate::time::rfc3339),
        projects,
    }
}

/// Reads the store and builds the figures.
pub fn load(
    store: &mut dyn crate::store::Backend,
    opts: &SummaryOptions,
    now: SystemTime,
) -> Result<Summary, StoreError> {
    let events = store.events(&EventFilter {
        project_id: opts.project_id.clone(),
        since: opts.since,
    })?;
    let worktrees = store.lease_counts(opts.project_id.as_deref())?;
    Ok(summarize(&events, &worktrees, opts, now))
}

/// A one-line chart of `values` with the eight block characters, scaled from 0 to the maximum.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().cloned().fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|v| {
            if max <= 0.0 || !v.is_finite() {
                BARS[0]
            } else {
                let i = ((v / max) * 7.0).round().clamp(0.0, 7.0) as usize;
                BARS[i]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales() {
        assert_eq!(sparkline(&[0.0, 5.0, 10.0]), "▁▅█");
        assert_eq!(sparkline(&[]), "");
    }
    use serde_json::json;

    fn ev(id: i64, project: &str, kind: &str, data: Value) -> EventRow {
        EventRow {
            id,
            time: format!("2026-01-01T00:00:{:02}.000000Z", id % 60),
            project_id: project.into(),
            developer_id: "dev".into(),
            kind: kind.into(),
            data,
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 95.0), 95);
        assert_eq!(percentile(&[7], 95.0), 7);
        assert_eq!(percentile(&[1, 2], 50.0), 1);
        assert_eq!(percentile(&[], 50.0), 0);
        let t = Timing::of(&[300, 100, 200]).unwrap();
        assert_eq!(
            (t.p50_ms, t.p95_ms, t.max_ms, t.mean_ms),
            (200, 300, 300, 200)
        );
    }

    #[test]
    fn figures_from_events() {
        let review = |passed: bool, ms: u64, llm: &str| {
            json!({
                "status": if passed { "passed" } else { "failed" }, "passed": passed,
                "cs": if passed { 2.0 } else { 7.5 }, "tier": "x", "duration_ms": ms,
                "findings": 2, "categories": {"Security": 1, "style": 1},
                "reviewers": [
                    {"id": "security", "status": "ok", "duration_ms": 10, "error": null, "findings": 1},
                    {"id": "llm", "status": llm, "duration_ms": ms, "error": null, "findings": 1},
                    {"id": "performance", "status": "skipped", "duration_ms": 0, "error": null, "findings": 0},
                ]
            })
        };
        let events = vec![
            ev(1, "p", kind::REVIEW, review(true, 1000, "ok")),
            ev(2, "p", kind::REVIEW, review(false, 3000, "timeout")),
            ev(3, "p", kind::REVIEW, review(true, 2000, "error")),
            ev(4, "p", kind::WORKTREE_CREATED, json!({"task_id": "t"})),
            ev(
                5,
                "p",
                kind::CLEANUP,
                json!({"removed": 2, "kept": 1, "dry_run": false}),
            ),
            ev(
                6,
                "p",
                kind::CLEANUP,
                json!({"removed": 5, "kept": 0, "dry_run": true}),
            ),
            ev(7, "p", kind::REVIEW, json!("garbage")),
            ev(8, "q", kind::REVIEW, review(true, 5, "ok")),
        ];
        let wt = BTreeMap::from([("p".to_string(), 3), ("z".to_string(), 1)]);
        let s = summarize(
            &events,
            &wt,
            &SummaryOptions::default(),
            SystemTime::UNIX_EPOCH,
        );
        let ids: Vec<_> = s.projects.iter().map(|p| p.project_id.as_str()).collect();
        assert_eq!(ids, ["p", "q", "z"]);
        let p = &s.projects[0];
        assert_eq!((p.reviews, p.passed), (3, 2));
        assert_eq!(p.pass_rate, Some(2.0 / 3.0));
        assert_eq!(p.review_time.unwrap().p50_ms, 2000);
        assert_eq!(p.review_time.unwrap().p95_ms, 3000);
        assert_eq!(p.slowest_reviewers, ["llm", "security"]);
        assert_eq!(p.most_failing_reviewers, ["llm"]);
        let llm = &p.reviewers[0];
        assert_eq!(
            (llm.runs, llm.errors, llm.timeouts, llm.failures),
            (3, 1, 1, 2)
        );
        let perf = p.reviewers.iter().find(|r| r.id == "performance").unwrap();
        assert_eq!((perf.runs, perf.skipped), (0, 3));
        assert_eq!(p.findings, 6);
        assert_eq!(p.findings_per_category[0].category, "security");
        assert_eq!(p.findings_per_category[0].findings, 3);
        assert_eq!((p.worktrees_active, p.worktrees_created), (3, 1));
        assert_eq!((p.cleanups, p.cleanup_removed), (1, 2));
        assert_eq!(p.unreadable_events, 1);
        assert_eq!(p.trend.len(), 3);
        assert_eq!(p.cs_sparkline.chars().count(), 3);
        assert_eq!(s.projects[2].reviews, 0);

        let only = summarize(
            &events,
            &wt,
            &SummaryOptions {
                project_id: Some("none".into()),
                since: None,
            },
            SystemTime::UNIX_EPOCH,
        );
        assert_eq!(only.projects.len(), 1);
        assert_eq!(only.projects[0].project_id, "none");
        assert_eq!(only.projects[0].pass_rate, None);
    }
}
