//! One store test suite, run against both backends: the embedded SQLite store (a temp file) and
//! PostgreSQL (a fresh database per test on the server in `WFC_TEST_DATABASE_URL`;
//! `tests/pg/server.sh` starts one, and `.ci/run` always does). Without the variable the
//! PostgreSQL half of each test says so and is skipped.
//!
//! Concurrency is tested with real processes: this test binary re-runs itself as a child
//! (`child_process`, ignored unless `WFC_STORE_CHILD_OP` is set), each child a simulated host.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use wfc::config::RateLimitConfig;
use wfc::knowledge::{AppendOutcome, NewEntry, Section};
use wfc::store::audit::{AuditFilter, NewAudit, ProblemKind};
use wfc::store::backend::{self, Backend, BackendKind, Location};
use wfc::store::events::{EventFilter, NewEvent};
use wfc::store::jobs::{Completion, JobStatus, NewJob, ReviewerRun};
use wfc::store::knowledge::{self, KnowledgeScope};
use wfc::store::leases::{CopiedFile, NewLease};
use wfc::store::trust::TrustRecord;
use wfc::store::{Host, Liveness, StoreError};

const SKIPPED: &str =
    "skipped: no PostgreSQL (set WFC_TEST_DATABASE_URL or run tests/pg/server.sh)";

/// A database for one test, removed afterwards.
struct Db {
    location: Location,
    _dir: Option<tempfile::TempDir>,
    /// (connection string of the server's own database, name of ours)
    drop: Option<(String, String)>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.drop
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

impl Db {
    fn kind(&self) -> BackendKind {
        match self.location {
            Location::Sqlite(_) => BackendKind::Sqlite,
            Location::Postgres(_) => BackendKind::Postgres,
        }
    }

    fn location_arg(&self) -> String {
        match &self.location {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(u) => u.clone(),
        }
    }

    fn open(&self, host: &str) -> Box<dyn Backend> {
        backend::open(&self.location, host_named(host)).unwrap()
    }

    /// Runs SQL as the database owner, bypassing the store (what a tamperer could try).
    fn raw(&self, sql: &str) -> Result<(), String> {
        match &self.location {
            Location::Sqlite(p) => rusqlite::Connection::open(p)
                .unwrap()
                .execute_batch(sql)
                .map_err(|e| e.to_string()),
            Location::Postgres(u) => postgres::Client::connect(u, postgres::NoTls)
                .unwrap()
                .batch_execute(sql)
                .map_err(|e| {
                    e.as_db_error()
                        .map(|d| d.message().to_string())
                        .unwrap_or_else(|| e.to_string())
                }),
        }
    }
}

fn host_named(name: &str) -> Host {
    Host {
        name: name.into(),
        boot_id: Host::detect(None).boot_id,
    }
}

fn sqlite_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    Db {
        location: Location::Sqlite(dir.path().join("wfc.db")),
        _dir: Some(dir),
        drop: None,
    }
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{prefix}/{name}{query}")
}

/// `url` connecting as `user` (no password: the test server trusts local connections).
fn with_user(url: &str, user: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let host = rest.split_once('@').map(|(_, h)| h).unwrap_or(rest);
    format!("{scheme}://{user}@{host}")
}

/// A fresh database on the test server, or `None` (and the skip message) without one.
fn pg_db() -> Option<Db> {
    let Some(url) = wfc::env::Env::capture().test_database_url else {
        eprintln!("{SKIPPED}");
        return None;
    };
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "wfc_t{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("WFC_TEST_DATABASE_URL is set, but {url} refuses: {e}"));
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    Some(Db {
        location: Location::Postgres(with_database(&url, &name)),
        _dir: None,
        drop: Some((url, name)),
    })
}

/// Runs `case` on SQLite, then on PostgreSQL (when there is a server).
fn on_both(case: impl Fn(&Db)) {
    case(&sqlite_db());
    if let Some(db) = pg_db() {
        case(&db);
    }
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
}

fn row<'a>(action: &'a str, resource: &'a str, details: serde_json::Value) -> NewAudit<'a> {
    NewAudit {
        project_id: "p",
        developer_id: "dev",
        action,
        resource,
        status: "ok",
        details,
    }
}

fn new_job<'a>(id: &'a str, status: &'a str) -> NewJob<'a> {
    NewJob {
        id,
        kind: "review",
        repo: Some("/r/.git"),
        project_id: "p",
        developer_id: "dev",
        task_id: Some("t"),
        tree_id: Some("tree1"),
        status: JobStatus::parse(status).unwrap(),
        request: Some(r#"{"mode":"staged"}"#),
    }
}

static PASSED_RESULT: std::sync::LazyLock<wfc::review::redact::RedactedJson<'static>> =
    std::sync::LazyLock::new(|| wfc::review::redact::RedactedJson::of(r#"{"cs":1.5}"#));

fn passed<'a>(report: Option<&'a str>, runs: &'a [ReviewerRun]) -> Completion<'a> {
    Completion {
        status: JobStatus::Passed,
        cs: Some(1.5),
        tier: Some("informational"),
        passed: Some(true),
        report_path: report,
        result: Some(&PASSED_RESULT),
        bypass_reason: None,
        runs,
        parent_trees: Some("ptree"),
        policy_digest: Some("pol"),
    }
}

fn audit_count(s: &mut dyn Backend) -> usize {
    s.audit_rows(&AuditFilter::default()).unwrap().len()
}

#[test]
fn every_operation_on_both_backends() {
    on_both(|db| {
        let kind = db.kind();
        let mut s = db.open("host-a");
        assert_eq!(s.kind(), kind);
        assert_eq!(s.host().name, "host-a");
        assert!(s.schema_version().unwrap() >= 1, "{kind:?}");

        // Projects.
        s.touch_project(at(0), "zeta", Some(std::path::Path::new("/z")))
            .unwrap();
        s.touch_project(at(1), "alpha", None).unwrap();
        assert_eq!(s.projects().unwrap(), ["alpha", "zeta"], "{kind:?}");

        // Audit: texts a JSON encoder must escape, in every field the hash covers.
        let nasty =
            "quote \" backslash \\ tab \t newline \n bell \u{7} del \u{7f} é 🚀 \u{2028} </x>";
        let seq1 = s
            .append_audit(
                at(2),
                &row("init", nasty, serde_json::json!({ "k": nasty })),
                None,
            )
            .unwrap();
        let seq2 = s
            .append_audit(
                at(3),
                &row("worktree.create", "t1", serde_json::json!({})),
                None,
            )
            .unwrap();
        assert_eq!((seq1, seq2), (1, 2), "{kind:?}");
        assert!(s.projects().unwrap().contains(&"p".to_string()));
        let rows = s.audit_rows(&AuditFilter::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].resource, nasty);
        assert_eq!(rows[0].details["k"], nasty);
        assert_eq!(rows[1].prev_hash, rows[0].hash);
        assert_eq!(rows[0].prev_hash, wfc::store::audit::GENESIS);
        let only_init = AuditFilter {
            action: Some("init".into()),
            ..Default::default()
        };
        assert_eq!(s.audit_rows(&only_init).unwrap().len(), 1);
        let since = AuditFilter {
            since: Some(at(3)),
            ..Default::default()
        };
        assert_eq!(s.audit_rows(&since).unwrap()[0].action, "worktree.create");
        assert_eq!(s.audit_hash_of(2).unwrap(), Some(rows[1].hash.clone()));
        assert_eq!(s.audit_hash_of(99).unwrap(), None);

        // Jobs with their reviewer runs, audit row and telemetry event in one operation.
        let runs = [
            ReviewerRun {
                reviewer_id: "security".into(),
                status: "ok".into(),
                duration_ms: Some(120),
                findings: 2,
                error: None,
            },
            ReviewerRun {
                reviewer_id: "perf".into(),
                status: "error".into(),
                duration_ms: None,
                findings: 0,
                error: Some("exit 3".into()),
            },
        ];
        for (i, id) in ["j1", "j2", "j3"].into_iter().enumerate() {
            let t = 10 + i as u64 * 10;
            s.start_job(at(t), &new_job(id, "running"), None).unwrap();
            let report = format!("/out/{id}.md");
            let seq = s
                .finish_job(
                    at(t + 1),
                    id,
                    &passed(Some(&report), &runs),
                    &row("review", "t", serde_json::json!({ "job_id": id })),
                    Some(&NewEvent {
                        project_id: "p",
                        developer_id: "dev",
                        kind: "review",
                        data: serde_json::json!({ "job": id }),
                    }),
                )
                .unwrap();
            assert_eq!(s.audit_head_for_job(id).unwrap().map(|h| h.0), Some(seq));
        }
        let j1 = s.job("j1").unwrap().unwrap();
        assert_eq!(
            (j1.status.as_str(), j1.cs, j1.passed, j1.tier.as_deref()),
            ("passed", Some(1.5), Some(true), Some("informational"))
        );
        assert_eq!(j1.started_at, wfc::time::rfc3339(at(10)));
        assert_eq!(j1.finished_at, Some(wfc::time::rfc3339(at(11))));
        let owner = j1.owner.clone().unwrap();
        assert_eq!(owner.host.as_deref(), Some("host-a"));
        assert_eq!(owner.pid, std::process::id());
        assert_eq!(owner.boot_id, Host::detect(None).boot_id);
        assert!(s.job("nope").unwrap().is_none());
        let listed: Vec<_> = s
            .jobs(Some("p"), 10)
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(listed, ["j3", "j2", "j1"], "{kind:?}");
        assert_eq!(s.jobs(Some("q"), 10).unwrap().len(), 0);
        assert_eq!(s.jobs(None, 2).unwrap().len(), 2);
        let got: Vec<_> = s
            .reviewer_runs("j1")
            .unwrap()
            .into_iter()
            .map(|r| (r.reviewer_id, r.status, r.duration_ms, r.findings, r.error))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "perf".into(),
                    "error".into(),
                    None,
                    0,
                    Some("exit 3".into())
                ),
                ("security".into(), "ok".into(), Some(120), 2, None)
            ]
        );
        assert_eq!(
            s.reported_beyond("/r/.git", "p", "t", 1).unwrap(),
            ["j2", "j1"],
            "{kind:?}"
        );
        assert_eq!(
            s.passing_for_tree("/r/.git", "tree1").unwrap().unwrap().id,
            "j3"
        );
        assert!(s.passing_for_tree("/other", "tree1").unwrap().is_none());
        assert_eq!(
            s.grant_for_change("/r/.git", "ptree", "tree1", "pol")
                .unwrap()
                .unwrap()
                .id,
            "j3"
        );
        assert!(
            s.grant_for_change("/r/.git", "ptree", "tree1", "other")
                .unwrap()
                .is_none()
        );
        assert_eq!(
            s.latest_for_tree("/r/.git", "tree1").unwrap().unwrap().id,
            "j3"
        );

        // Running, prepared and interrupted jobs.
        s.start_job(at(50), &new_job("run", "running"), None)
            .unwrap();
        s.start_job(at(51), &new_job("prep", "prepared"), None)
            .unwrap();
        let running = s.running_jobs(Some("p")).unwrap();
        assert_eq!(
            running.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(),
            ["run"]
        );
        assert_eq!(running[0].pid, Some(std::process::id()));
        assert_eq!(
            running[0].owner.as_ref().unwrap().liveness(s.host()),
            Liveness::Alive
        );
        // This process is alive: nothing is interrupted.
        let verdicts = s.interrupt_dead_jobs(at(52), None, false).unwrap();
        assert_eq!(verdicts.len(), 1);
        assert!(!verdicts[0].interrupted);
        assert!(s.interrupt_job(at(53), "run", false).unwrap());
        assert!(!s.interrupt_job(at(53), "run", false).unwrap());
        assert!(!s.interrupt_job(at(53), "prep", false).unwrap());
        assert!(s.interrupt_job(at(53), "prep", true).unwrap());
        assert_eq!(
            s.job("prep").unwrap().unwrap().status,
            JobStatus::Interrupted
        );
        assert!(s.running_jobs(None).unwrap().is_empty());

        // Leases.
        let me = std::process::id();
        let lease = |task: &'static str, pid| NewLease {
            repo: "/r",
            project_id: "p",
            task_id: task,
            path: if task == "a" { "/r/.wt/a" } else { "/r/.wt/b" },
            branch: "wfc/p/x",
            developer_id: "dev",
            owner_pid: pid,
        };
        let before = audit_count(s.as_mut());
        let id = s
            .take_lease(
                at(60),
                &lease("a", Some(me)),
                Some(&row("worktree.create", "a", serde_json::json!({}))),
            )
            .unwrap();
        assert_eq!(audit_count(s.as_mut()), before + 1);
        let l = s.lease("/r", "p", "a").unwrap().unwrap();
        assert_eq!((l.id, l.owner_pid), (id, Some(me)));
        assert_eq!(l.owner.as_ref().unwrap().host.as_deref(), Some("host-a"));
        assert_eq!(l.created_at, l.last_used_at);
        assert_eq!(s.touch_lease_path(at(61), "/r/.wt/a").unwrap(), 1);
        assert_eq!(s.touch_lease_path(at(60), "/r/.wt/a").unwrap(), 0);
        assert_eq!(
            s.lease("/r", "p", "a").unwrap().unwrap().last_used_at,
            wfc::time::rfc3339(at(61))
        );
        let files = vec![CopiedFile {
            path: ".env".into(),
            sha256: "ab".into(),
        }];
        s.set_copied_files(id, &files).unwrap();
        assert_eq!(
            s.lease("/r", "p", "a").unwrap().unwrap().copied_files,
            files
        );
        s.set_lease_owner(id, None).unwrap();
        let l = s.lease("/r", "p", "a").unwrap().unwrap();
        assert_eq!((l.owner_pid, l.owner), (None, None));
        // A second take of the same task replaces the stale lease.
        let id2 = s.take_lease(at(62), &lease("a", Some(me)), None).unwrap();
        assert_eq!(id2, id);
        assert!(
            s.lease("/r", "p", "a")
                .unwrap()
                .unwrap()
                .copied_files
                .is_empty()
        );
        s.take_lease(at(63), &lease("b", None), None).unwrap();
        assert_eq!(s.leases("/r", Some("p")).unwrap().len(), 2);
        assert_eq!(s.leases("/r", Some("q")).unwrap().len(), 0);
        assert_eq!(s.leases("/other", None).unwrap().len(), 0);
        assert_eq!(s.team_leases(None).unwrap().len(), 2);
        assert_eq!(
            s.lease_counts(None).unwrap(),
            BTreeMap::from([("p".to_string(), 2)])
        );
        let before = audit_count(s.as_mut());
        assert!(
            s.release_lease(
                id,
                Some((at(64), &row("worktree.remove", "a", serde_json::json!({}))))
            )
            .unwrap()
        );
        assert_eq!(audit_count(s.as_mut()), before + 1);
        assert!(!s.release_lease(id, None).unwrap());
        assert!(s.lease("/r", "p", "a").unwrap().is_none());

        // Rate-limit tokens.
        let cfg = RateLimitConfig {
            capacity: 2.0,
            refill_per_sec: 20.0,
        };
        assert_eq!(s.try_take_token("api", &cfg).unwrap(), None);
        assert_eq!(s.try_take_token("api", &cfg).unwrap(), None);
        let wait = s.try_take_token("api", &cfg).unwrap().unwrap();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(60),
            "{wait:?}"
        );
        let waited = s.take_token("api", &cfg, Duration::from_secs(5)).unwrap();
        assert!(waited > Duration::ZERO);
        let slow = RateLimitConfig {
            capacity: 1.0,
            refill_per_sec: 0.001,
        };
        assert_eq!(s.try_take_token("slow", &slow).unwrap(), None);
        assert!(matches!(
            s.take_token("slow", &slow, Duration::from_millis(20)),
            Err(wfc::store::ratelimit::RateLimitError::Timeout { .. })
        ));

        // Telemetry events (three came with the jobs).
        s.record_event(
            at(70),
            &NewEvent {
                project_id: "q",
                developer_id: "dev",
                kind: "cleanup",
                data: serde_json::json!({ "removed": 1 }),
            },
        )
        .unwrap();
        let all = s.events(&EventFilter::default()).unwrap();
        assert_eq!(all.len(), 4);
        assert_eq!(all[3].data["removed"], 1);
        let q = s
            .events(&EventFilter {
                project_id: Some("q".into()),
                since: None,
            })
            .unwrap();
        assert_eq!(q.len(), 1);
        let late = s
            .events(&EventFilter {
                project_id: None,
                since: Some(at(25)),
            })
            .unwrap();
        assert_eq!(late.len(), 2, "j3's event and q's");

        // Trusted configs, each change with its audit row.
        let rec = TrustRecord {
            repo: "/r".into(),
            path: "/r/.wfc/config.toml".into(),
            sha256: "aa".into(),
            developer_id: "dev".into(),
            trusted_at: wfc::time::rfc3339(at(80)),
        };
        let trust_row = row("trust", "/r/.wfc/config.toml", serde_json::json!({}));
        assert!(!s.is_trusted("/r", &rec.path, "aa").unwrap());
        let before = audit_count(s.as_mut());
        s.trust_config(at(80), &rec, &trust_row).unwrap();
        assert_eq!(
            s.trusted_config("/r", &rec.path).unwrap(),
            Some(rec.clone())
        );
        assert!(s.is_trusted("/r", &rec.path, "aa").unwrap());
        assert!(!s.is_trusted("/r", &rec.path, "bb").unwrap());
        assert!(s.revoke_trust(at(81), "/r", &rec.path, &trust_row).unwrap());
        assert!(!s.revoke_trust(at(82), "/r", &rec.path, &trust_row).unwrap());
        assert_eq!(audit_count(s.as_mut()), before + 3);
        assert!(s.trusted_config("/r", &rec.path).unwrap().is_none());

        // Knowledge: a table on PostgreSQL; files on SQLite.
        let entry = NewEntry {
            reviewer: "security".into(),
            section: Section::PatternsFound,
            text: "Check input".into(),
            source: "r1".into(),
            developer: Some("dev".into()),
        };
        let appended = s.append_knowledge(at(90), &KnowledgeScope::Global, &[entry], None);
        match kind {
            BackendKind::Sqlite => {
                assert!(!s.keeps_knowledge());
                assert!(matches!(appended, Err(StoreError::Unsupported(_))));
            }
            BackendKind::Postgres => {
                assert!(s.keeps_knowledge());
                assert_eq!(appended.unwrap(), [AppendOutcome::Added]);
                assert_eq!(
                    s.knowledge_reviewers(&KnowledgeScope::Global).unwrap(),
                    ["security"]
                );
            }
        }

        // The chain of everything above verifies, and anchors are checked against it.
        let report = s.verify_audit().unwrap();
        assert!(report.ok, "{kind:?}: {:?}", report.problems);
        assert_eq!(report.rows, audit_count(s.as_mut()));
        let head = s.audit_head_for_job("j2").unwrap().unwrap();
        let mut r = s.verify_audit().unwrap();
        s.check_anchors(&[(head.0, head.1.clone(), "commit c1".into())], &mut r)
            .unwrap();
        assert!(r.ok);
        s.check_anchors(&[(head.0, "f".repeat(64), "commit c2".into())], &mut r)
            .unwrap();
        assert!(!r.ok);
        assert_eq!(r.problems[0].kind, ProblemKind::Anchor);
    });
}

#[test]
fn the_audit_table_refuses_update_delete_and_truncate() {
    on_both(|db| {
        let mut s = db.open("host-a");
        for a in ["a", "b", "c"] {
            s.append_audit(at(0), &row(a, "r", serde_json::json!({})), None)
                .unwrap();
        }
        let refusals = [
            "UPDATE audit SET status = 'forged' WHERE seq = 2",
            "DELETE FROM audit WHERE seq = 3",
            match db.kind() {
                // SQLite has no TRUNCATE: an unqualified DELETE is its truncate.
                BackendKind::Sqlite => "DELETE FROM audit",
                BackendKind::Postgres => "TRUNCATE audit",
            },
        ];
        for sql in refusals {
            let err = db.raw(sql).unwrap_err();
            assert!(err.contains("append-only"), "{:?} {sql}: {err}", db.kind());
        }
        if db.kind() == BackendKind::Postgres {
            // The head that catches a deleted tail cannot be moved back or removed either.
            for sql in [
                "UPDATE audit_head SET seq = 1",
                "DELETE FROM audit_head",
                "TRUNCATE audit_head",
            ] {
                assert!(db.raw(sql).is_err(), "{sql}");
            }
        }
        let report = s.verify_audit().unwrap();
        assert!(report.ok, "{:?}", report.problems);
        assert_eq!(report.rows, 3);
    });
}

#[test]
fn verify_finds_an_edited_row_a_deleted_row_a_deleted_tail_and_dropped_triggers() {
    on_both(|db| {
        let mut s = db.open("host-a");
        for a in ["a", "b", "c", "d", "e"] {
            s.append_audit(at(0), &row(a, "r", serde_json::json!({})), None)
                .unwrap();
        }
        let (drop, triggers) = match db.kind() {
            BackendKind::Sqlite => (
                "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
                2,
            ),
            BackendKind::Postgres => (
                "DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_no_delete ON audit;
                 DROP TRIGGER audit_no_truncate ON audit;",
                3,
            ),
        };
        db.raw(&format!(
            "{drop}
             UPDATE audit SET status = 'forged' WHERE seq = 2;
             DELETE FROM audit WHERE seq = 3;
             DELETE FROM audit WHERE seq = 5;"
        ))
        .unwrap();
        let r = s.verify_audit().unwrap();
        let mut expected = vec![
            (ProblemKind::Edited, Some(2)),
            (ProblemKind::Missing, Some(4)),
            (ProblemKind::TailDeleted, Some(5)),
        ];
        expected.extend((0..triggers).map(|_| (ProblemKind::TriggerMissing, None)));
        let kinds: Vec<_> = r.problems.iter().map(|p| (p.kind.clone(), p.seq)).collect();
        assert_eq!(kinds, expected, "{:?}", db.kind());
        assert!(!r.ok);
    });
}

// ---- many processes, many hosts ----

/// Starts this test binary as a child that runs `op` on the store as host `host`.
fn spawn_child(
    db: &Db,
    op: &str,
    host: &str,
    n: usize,
    start_at: f64,
    repo: &str,
) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "store_backends::child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("WFC_STORE_CHILD_OP", op)
        .env("WFC_STORE_CHILD_LOCATION", db.location_arg())
        .env("WFC_STORE_CHILD_HOST", host)
        .env("WFC_STORE_CHILD_N", n.to_string())
        .env("WFC_STORE_CHILD_START", format!("{start_at}"))
        .env("WFC_STORE_CHILD_REPO", repo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a child printed on its `RESULT` lines.
fn child_results(children: Vec<std::process::Child>) -> Vec<Vec<String>> {
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(
                out.status.success(),
                "child failed: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // libtest prints `test <name> ... ` before the test's own first line.
            let results: Vec<String> = stdout
                .lines()
                .filter_map(|l| l.split_once("RESULT ").map(|(_, r)| r))
                .map(str::to_string)
                .collect();
            assert!(!results.is_empty(), "the child ran nothing: {stdout}");
            results
        })
        .collect()
}

fn start_in(secs: f64) -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        + secs
}

/// Child half of the process tests; does nothing unless started by `spawn_child`.
#[test]
#[ignore = "run by the store_backends tests as a child process"]
fn child_process() {
    let Ok(op) = std::env::var("WFC_STORE_CHILD_OP") else {
        return;
    };
    let var = |k: &str| std::env::var(format!("WFC_STORE_CHILD_{k}")).unwrap();
    let location = Location::parse(&var("LOCATION"));
    let host = var("HOST");
    let n: usize = var("N").parse().unwrap();
    let start: f64 = var("START").parse().unwrap();
    let repo = var("REPO");
    let mut s = backend::open(&location, host_named(&host)).unwrap();
    let wait = start - start_in(0.0);
    if wait > 0.0 {
        std::thread::sleep(Duration::from_secs_f64(wait));
    }
    match op.as_str() {
        "audit" => {
            for i in 0..n {
                let resource = format!("{host} row {i}");
                let r = s.append_audit(
                    SystemTime::now(),
                    &NewAudit {
                        project_id: "team",
                        developer_id: &host,
                        action: "concurrent",
                        resource: &resource,
                        status: "ok",
                        details: serde_json::json!({ "i": i }),
                    },
                    None,
                );
                match r {
                    Ok(seq) => println!("RESULT ok {seq}"),
                    Err(e) => println!("RESULT err {}", error_chain(&e)),
                }
            }
        }
        "token" => {
            let cfg = RateLimitConfig {
                capacity: 10.0,
                refill_per_sec: 0.001,
            };
            let until = start + n as f64;
            let mut granted = 0;
            while start_in(0.0) < until {
                if s.try_take_token("shared", &cfg).unwrap().is_none() {
                    granted += 1;
                }
                std::thread::sleep(Duration::from_millis(3));
            }
            println!("RESULT granted {granted}");
        }
        "lease" => {
            for i in 0..n {
                let task = format!("t{i}");
                let path = format!("{repo}/.worktrees/team/wfc-{task}");
                let id = s
                    .take_lease(
                        SystemTime::now(),
                        &NewLease {
                            repo: &repo,
                            project_id: "team",
                            task_id: &task,
                            path: &path,
                            branch: &format!("wfc/team/{task}"),
                            developer_id: &host,
                            owner_pid: Some(std::process::id()),
                        },
                        Some(&NewAudit {
                            project_id: "team",
                            developer_id: &host,
                            action: "worktree.create",
                            resource: &path,
                            status: "ok",
                            details: serde_json::json!({}),
                        }),
                    )
                    .unwrap();
                println!("RESULT lease {id}");
            }
        }
        "job-then-exit" => {
            let id = format!("job-of-{host}");
            s.start_job(
                SystemTime::now(),
                &NewJob {
                    id: &id,
                    kind: "review",
                    repo: Some(&repo),
                    project_id: "team",
                    developer_id: &host,
                    task_id: Some("t0"),
                    tree_id: None,
                    status: JobStatus::Running,
                    request: None,
                },
                None,
            )
            .unwrap();
            println!("RESULT pid {}", std::process::id());
        }
        "worker" => {
            let worker = format!("{host}:{}", std::process::id());
            loop {
                let now = SystemTime::now();
                let Some(claim) = s.claim_job(now, &worker, Duration::from_secs(60)).unwrap()
                else {
                    break;
                };
                assert!(s.start_claimed(SystemTime::now(), &claim).unwrap());
                let done = s
                    .finish_claimed(SystemTime::now(), &claim, JobStatus::Passed)
                    .unwrap();
                println!(
                    "RESULT {} {}",
                    if done { "done" } else { "lost" },
                    claim.job_id
                );
            }
            println!("RESULT idle");
        }
        other => panic!("unknown child op {other}"),
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[test]
fn sixteen_hosts_append_800_rows_to_one_valid_chain() {
    on_both(|db| {
        // Create the schema first, so that the children measure appends, not migrations.
        let mut s = db.open("parent");
        let start = start_in(3.0);
        let children: Vec<_> = (0..16)
            .map(|i| spawn_child(db, "audit", &format!("host-{i:02}"), 50, start, ""))
            .collect();
        let results = child_results(children);
        let errors: Vec<&String> = results
            .iter()
            .flatten()
            .filter(|r| r.starts_with("err"))
            .collect();
        let serialize = errors
            .iter()
            .filter(|e| e.contains("could not serialize"))
            .count();
        assert_eq!(serialize, 0, "{:?}", db.kind());
        assert!(errors.is_empty(), "{:?}: {errors:?}", db.kind());
        let seqs: BTreeSet<i64> = results
            .iter()
            .flatten()
            .map(|r| r.strip_prefix("ok ").unwrap().parse().unwrap())
            .collect();
        assert_eq!(seqs, (1..=800).collect(), "every row its own number");
        let rows = s.audit_rows(&AuditFilter::default()).unwrap();
        assert_eq!(rows.len(), 800, "{:?}: rows lost", db.kind());
        let hosts: BTreeSet<&str> = rows.iter().map(|r| r.developer_id.as_str()).collect();
        assert_eq!(hosts.len(), 16);
        for h in &hosts {
            assert_eq!(rows.iter().filter(|r| r.developer_id == *h).count(), 50);
        }
        let report = s.verify_audit().unwrap();
        assert!(report.ok, "{:?}: {:?}", db.kind(), report.problems);
        assert_eq!(report.rows, 800);
    });
}

fn queued<'a>(id: &'a str) -> NewJob<'a> {
    NewJob {
        id,
        kind: "review",
        repo: Some("/r"),
        project_id: "team",
        developer_id: "dev",
        task_id: Some("t"),
        tree_id: None,
        status: JobStatus::Queued,
        request: None,
    }
}

fn status_of(s: &mut dyn Backend, id: &str) -> JobStatus {
    s.job(id).unwrap().unwrap().status
}

/// The queue: the oldest job is claimed first, a claim is renewed, started and finished only by
/// its holder, an expired claim goes back to the queue (its old holder can no longer finish it),
/// a job out of attempts fails, and a released claim does not count as an attempt.
#[test]
fn the_queue_hands_each_job_to_one_claim_and_puts_expired_claims_back() {
    on_both(|db| {
        let mut s = db.open("host-a");
        let lease = Duration::from_secs(60);
        assert!(s.claim_job(at(0), "w1", lease).unwrap().is_none());
        s.enqueue_job(at(1), &queued("j1"), 2).unwrap();
        s.enqueue_job(at(2), &queued("j2"), 1).unwrap();
        s.enqueue_job(at(2), &queued("j3"), 1).unwrap();
        assert_eq!(status_of(s.as_mut(), "j1"), JobStatus::Queued);

        let c1 = s.claim_job(at(10), "w1", lease).unwrap().unwrap();
        assert_eq!((c1.job_id.as_str(), c1.attempt), ("j1", 1));
        assert_eq!(status_of(s.as_mut(), "j1"), JobStatus::Claimed);
        let c2 = s.claim_job(at(10), "w2", lease).unwrap().unwrap();
        assert_eq!(c2.job_id, "j2", "{:?}", db.kind());
        assert!(s.start_claimed(at(11), &c2).unwrap());
        assert_eq!(status_of(s.as_mut(), "j2"), JobStatus::Running);
        assert!(s.renew_claim(at(50), &c2, lease).unwrap());
        assert!(s.finish_claimed(at(60), &c2, JobStatus::Passed).unwrap());
        assert!(
            !s.finish_claimed(at(61), &c2, JobStatus::Failed).unwrap(),
            "a job is finished once"
        );
        assert_eq!(status_of(s.as_mut(), "j2"), JobStatus::Passed);

        // j1's claim runs out at 70 (never renewed): the next claim puts it back and takes it.
        let c1b = s.claim_job(at(80), "w3", lease).unwrap().unwrap();
        assert_eq!((c1b.job_id.as_str(), c1b.attempt), ("j1", 2));
        assert!(!s.renew_claim(at(81), &c1, lease).unwrap());
        assert!(!s.finish_claimed(at(81), &c1, JobStatus::Passed).unwrap());
        // Its second claim runs out too: j1 has no attempt left and fails.
        let c3 = s.claim_job(at(200), "w4", lease).unwrap().unwrap();
        assert_eq!(c3.job_id, "j3");
        let j1 = s.job("j1").unwrap().unwrap();
        assert_eq!(j1.status, JobStatus::Failed);
        assert!(j1.finished_at.is_some());
        assert!(!s.finish_claimed(at(201), &c1b, JobStatus::Passed).unwrap());

        // A released claim queues the job again without spending an attempt.
        assert!(s.release_claim(at(201), &c3).unwrap());
        assert_eq!(status_of(s.as_mut(), "j3"), JobStatus::Queued);
        let c3b = s.claim_job(at(202), "w5", lease).unwrap().unwrap();
        assert_eq!((c3b.job_id.as_str(), c3b.attempt), ("j3", 1));
        assert!(!s.release_claim(at(203), &c3).unwrap());
        assert!(s.finish_claimed(at(203), &c3b, JobStatus::Failed).unwrap());
        assert!(s.claim_job(at(300), "w6", lease).unwrap().is_none());
    });
}

/// Eight workers on two hosts, as separate processes, drain one queue of 120 jobs: every job is
/// done exactly once, and none is lost or finished twice.
#[test]
fn eight_workers_on_two_hosts_do_each_queued_job_exactly_once() {
    on_both(|db| {
        let mut s = db.open("parent");
        let ids: Vec<String> = (0..120).map(|i| format!("job-{i:03}")).collect();
        for id in &ids {
            s.enqueue_job(SystemTime::now(), &queued(id), 1).unwrap();
        }
        let start = start_in(3.0);
        let children: Vec<_> = (0..8)
            .map(|i| {
                let host = if i % 2 == 0 { "host-a" } else { "host-b" };
                spawn_child(db, "worker", host, 0, start, "")
            })
            .collect();
        let results: Vec<String> = child_results(children).into_iter().flatten().collect();
        let done: Vec<&str> = results
            .iter()
            .filter_map(|r| r.strip_prefix("done "))
            .collect();
        let lost: Vec<&String> = results.iter().filter(|r| r.starts_with("lost")).collect();
        assert!(lost.is_empty(), "{:?}: {lost:?}", db.kind());
        let unique: BTreeSet<&str> = done.iter().copied().collect();
        assert_eq!(
            done.len(),
            120,
            "{:?}: a job was done twice or not at all",
            db.kind()
        );
        assert_eq!(unique, ids.iter().map(String::as_str).collect());
        for id in &ids {
            assert_eq!(status_of(s.as_mut(), id), JobStatus::Passed);
        }
    });
}

#[test]
fn twenty_processes_sharing_a_bucket_never_exceed_its_capacity() {
    on_both(|db| {
        let _schema = db.open("parent");
        let start = start_in(3.0);
        // Each child takes tokens for 2 s; capacity 10, refilled by 0.001 a second.
        let children: Vec<_> = (0..20)
            .map(|i| spawn_child(db, "token", &format!("host-{i:02}"), 2, start, ""))
            .collect();
        let granted: u32 = child_results(children)
            .iter()
            .map(|r| {
                r[0].strip_prefix("granted ")
                    .unwrap()
                    .parse::<u32>()
                    .unwrap()
            })
            .sum();
        assert_eq!(granted, 10, "{:?}", db.kind());
    });
}

#[test]
fn two_hosts_record_leases_in_their_own_clones_without_clashes() {
    on_both(|db| {
        let mut parent = db.open("parent");
        // On PostgreSQL the two machines' clones sit at the same path; a SQLite store is one
        // machine, where two clones cannot.
        let repo_of = |h: &str| match db.kind() {
            BackendKind::Postgres => "/home/dev/repo".to_string(),
            BackendKind::Sqlite => format!("/home/{h}/repo"),
        };
        let start = start_in(3.0);
        let children: Vec<_> = ["host-a", "host-b"]
            .iter()
            .map(|h| spawn_child(db, "lease", h, 10, start, &repo_of(h)))
            .collect();
        let results = child_results(children);
        let ids: BTreeSet<&String> = results.iter().flatten().collect();
        assert_eq!(
            ids.len(),
            20,
            "{:?}: a lease id was handed out twice",
            db.kind()
        );
        assert_eq!(parent.team_leases(Some("team")).unwrap().len(), 20);
        for h in ["host-a", "host-b"] {
            let mut s = db.open(h);
            let mine = s.leases(&repo_of(h), Some("team")).unwrap();
            assert_eq!(mine.len(), 10, "{:?} {h}", db.kind());
            for l in &mine {
                assert_eq!(l.developer_id, h);
                assert_eq!(l.owner.as_ref().unwrap().host.as_deref(), Some(h));
            }
            assert!(s.lease(&repo_of(h), "team", "t3").unwrap().is_some());
        }
        let report = parent.verify_audit().unwrap();
        assert!(report.ok, "{:?}", report.problems);
        assert_eq!(report.rows, 20);
    });
}

#[test]
fn another_hosts_lease_and_job_are_never_judged_dead_by_a_local_pid() {
    on_both(|db| {
        let repo = "/home/dev/repo";
        let _schema = db.open("parent");
        let lease = spawn_child(db, "lease", "host-b", 1, 0.0, repo);
        let job = spawn_child(db, "job-then-exit", "host-b", 1, 0.0, repo);
        let results = child_results(vec![lease, job]);
        // Both children have exited: their pids are dead on this machine.
        let pid: u32 = results[1][0].strip_prefix("pid ").unwrap().parse().unwrap();
        assert!(!wfc::process::is_alive(pid));

        let mut a = db.open("host-a");
        let leases = a.team_leases(Some("team")).unwrap();
        assert_eq!(leases.len(), 1);
        let owner = leases[0].owner.clone().unwrap();
        assert_eq!(owner.host.as_deref(), Some("host-b"));
        assert_eq!(
            owner.liveness(a.host()),
            Liveness::OtherHost("host-b".into())
        );
        let verdicts = a
            .interrupt_dead_jobs(SystemTime::now(), Some("team"), false)
            .unwrap();
        assert_eq!(verdicts.len(), 1);
        assert_eq!(
            verdicts[0].liveness,
            Some(Liveness::OtherHost("host-b".into()))
        );
        assert!(!verdicts[0].interrupted);
        assert_eq!(
            a.job("job-of-host-b").unwrap().unwrap().status,
            JobStatus::Running
        );

        // Host b itself knows its process is gone.
        let mut b = db.open("host-b");
        assert_eq!(owner.liveness(b.host()), Liveness::Dead);
        let verdicts = b
            .interrupt_dead_jobs(SystemTime::now(), Some("team"), false)
            .unwrap();
        assert_eq!(verdicts[0].liveness, Some(Liveness::Dead));
        assert!(verdicts[0].interrupted);
        assert_eq!(
            b.job("job-of-host-b").unwrap().unwrap().status,
            JobStatus::Interrupted
        );
    });
}

// ---- PostgreSQL only ----

#[test]
fn knowledge_in_postgres_renders_the_file_the_file_backend_writes() {
    let Some(db) = pg_db() else {
        return;
    };
    let mut s = db.open("host-a");
    let entry = |section, text: &str, dev: Option<&str>| NewEntry {
        reviewer: "security".into(),
        section,
        text: text.into(),
        source: "review r1".into(),
        developer: dev.map(str::to_string),
    };
    let batches = vec![
        vec![
            entry(Section::PatternsFound, "Check  every\ninput", Some("ann")),
            entry(Section::RepoRules, "## not a heading", None),
        ],
        vec![
            // The same normalised text in the same section: a duplicate.
            entry(Section::PatternsFound, "check every input", Some("bob")),
            // The same text in another section is not.
            entry(Section::FalsePositives, "Check every input", Some("bob")),
            entry(Section::PatternsFound, "Check every input twice", None),
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("KNOWLEDGE.md");
    let now = at(100);
    for batch in &batches {
        let in_file =
            wfc::knowledge::append_many(&file, batch, now, Duration::from_secs(5), &mut |_| {})
                .unwrap();
        let in_store = s
            .append_knowledge(
                now,
                &KnowledgeScope::Project("p".into()),
                batch,
                Some(&row("knowledge.append", "security", serde_json::json!({}))),
            )
            .unwrap();
        assert_eq!(in_store, in_file);
    }
    let rows = s
        .knowledge(&KnowledgeScope::Project("p".into()), "security", false)
        .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].developer.as_deref(), Some("ann"));
    assert_eq!(
        knowledge::render("security", &rows),
        std::fs::read_to_string(&file).unwrap()
    );
    assert!(
        s.knowledge(&KnowledgeScope::Global, "security", false)
            .unwrap()
            .is_empty()
    );
    let audit = s.audit_rows(&AuditFilter::default()).unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!(
        audit[1].details["outcomes"],
        serde_json::json!(["duplicate", "added", "added"])
    );
    assert!(s.verify_audit().unwrap().ok);
}

#[test]
fn postgres_migrations_record_their_version_and_refuse_a_newer_one() {
    let Some(db) = pg_db() else {
        return;
    };
    // Several processes' worth of connections to a new database at once.
    let Location::Postgres(url) = &db.location else {
        unreachable!()
    };
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut s =
                    wfc::store::postgres::PgStore::connect(&url, host_named(&format!("h{i}")))
                        .unwrap();
                s.schema_version().unwrap()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), wfc::store::postgres::LATEST);
    }
    db.raw("UPDATE wfc_schema SET version = 999").unwrap();
    let err = backend::open(&db.location, host_named("a")).err().unwrap();
    assert!(
        err.to_string().contains("newer than this wfc understands"),
        "{err}"
    );
    assert!(!err.to_string().contains("password"));
}

#[test]
fn postgres_url_is_described_without_its_password() {
    assert_eq!(
        wfc::store::postgres::describe_url("postgres://app:s3cret@db.example:6543/wfc"),
        "postgres://db.example:6543/wfc"
    );
    assert_eq!(
        Location::parse("postgresql://h/db"),
        Location::Postgres("postgresql://h/db".into())
    );
    assert_eq!(
        Location::parse("/home/me/.wfc/wfc.db"),
        Location::Sqlite(PathBuf::from("/home/me/.wfc/wfc.db"))
    );
}

#[test]
fn the_readme_app_role_cannot_rewrite_the_audit_trail_but_can_append() {
    let Some(db) = pg_db() else {
        return;
    };
    let Location::Postgres(url) = &db.location else {
        unreachable!()
    };
    // The owner (here the server's superuser) migrates.
    db.open("host-a")
        .append_audit(at(0), &row("init", "r", serde_json::json!({})), None)
        .unwrap();
    // The grants exactly as README.md gives them, to a role of this test's own.
    let readme = include_str!("../../README.md");
    let block = readme
        .split("CREATE ROLE wfc_app LOGIN;")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md gives the app role's grants");
    let role = format!("wfc_app_{}", std::process::id());
    let grants: String = block
        .lines()
        .map(|l| l.split("--").next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.replace("wfc_app", &role) + "\n")
        .collect();
    assert!(
        grants.contains("REVOKE UPDATE, DELETE, TRUNCATE ON audit"),
        "{grants}"
    );
    db.raw(&format!("CREATE ROLE {role} LOGIN; {grants}"))
        .unwrap();
    let app_url = with_user(url, &role);

    let app = Db {
        location: Location::Postgres(app_url),
        _dir: None,
        drop: None,
    };
    let mut s = app.open("host-b");
    s.append_audit(at(1), &row("review", "r", serde_json::json!({})), None)
        .unwrap();
    s.take_lease(
        at(2),
        &NewLease {
            repo: "/r",
            project_id: "p",
            task_id: "t",
            path: "/r/.wt/t",
            branch: "b",
            developer_id: "dev",
            owner_pid: None,
        },
        Some(&row("worktree.create", "t", serde_json::json!({}))),
    )
    .unwrap();
    for sql in [
        "UPDATE audit SET status = 'forged'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "DELETE FROM audit_head",
        "DROP TRIGGER audit_no_update ON audit",
    ] {
        let err = app.raw(sql).unwrap_err();
        assert!(
            err.contains("permission denied") || err.contains("must be owner"),
            "{sql}: {err}"
        );
    }
    let report = s.verify_audit().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(report.rows, 3);
    drop(s);
    db.raw(&format!("DROP OWNED BY {role}; DROP ROLE {role}"))
        .unwrap();
}
