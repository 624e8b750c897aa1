//! The SQLite store: migrations and many writers at once.

use std::time::SystemTime;

use wfc::store::{Store, audit, migrations};

use crate::harness::{TestEnv, wait_all};

fn user_version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn table_exists(path: &std::path::Path, name: &str) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn migrates_an_empty_file() {
    let env = TestEnv::new();
    if env.sqlite_only("the SQLite file's migrations; store_backends::postgres_migrations_record_their_version_and_refuse_a_newer_one") {
        return;
    }
    std::fs::create_dir_all(&env.wfc_home).unwrap();
    let db = env.wfc_home.join("wfc.db");
    std::fs::write(&db, b"").unwrap();
    env.wfc(&env.root, ["audit"]).success();
    assert_eq!(user_version(&db), migrations::LATEST);
    for t in [
        "projects",
        "audit",
        "worktrees",
        "jobs",
        "reviewer_runs",
        "telemetry_events",
        "rate_buckets",
    ] {
        assert!(table_exists(&db, t), "{t}");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn migrates_an_older_schema_and_keeps_its_rows() {
    let env = TestEnv::new();
    if env.sqlite_only("the SQLite file's migrations") {
        return;
    }
    let repo = env.init_repo("repo");
    let db = env.wfc_home.join("wfc.db");
    std::fs::create_dir_all(&env.wfc_home).unwrap();
    {
        let mut s = Store::open_unmigrated(&db).unwrap();
        migrations::migrate(&mut s, 1).unwrap();
        for action in ["old.one", "old.two"] {
            audit::append(
                &mut s,
                SystemTime::now(),
                &audit::NewAudit {
                    project_id: "legacy",
                    developer_id: "dev",
                    action,
                    resource: "r",
                    status: "ok",
                    details: serde_json::json!({}),
                },
            )
            .unwrap();
        }
    }
    assert_eq!(user_version(&db), 1);
    assert!(!table_exists(&db, "jobs"));
    env.wfc(&repo, ["init"]).success();
    assert_eq!(user_version(&db), migrations::LATEST);
    assert!(table_exists(&db, "jobs"));
    let rows = env.wfc(&repo, ["audit", "--json"]).json();
    let actions: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions, ["old.one", "old.two", "init"]);
    env.wfc(&repo, ["audit", "verify"]).success();
}

#[test]
fn refuses_a_newer_schema() {
    let env = TestEnv::new();
    if env.sqlite_only("the SQLite file's migrations; store_backends::postgres_migrations_record_their_version_and_refuse_a_newer_one") {
        return;
    }
    std::fs::create_dir_all(&env.wfc_home).unwrap();
    let db = env.wfc_home.join("wfc.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let r = env.wfc(&env.root, ["audit"]);
    r.code(1);
    assert!(r.stderr.contains("newer than this wfc understands"), "{r}");
    assert_eq!(user_version(&db), 999, "left untouched");
}

#[test]
fn sixteen_processes_write_at_once_without_losing_a_row() {
    let env = TestEnv::new();
    let repos: Vec<_> = (0..16).map(|i| env.init_repo(&format!("r{i}"))).collect();
    // Four rounds' worth of processes, all started before any is awaited: 64 writers at once,
    // starting on a database that does not exist yet.
    let mut children = Vec::new();
    for _round in 0..4 {
        for repo in &repos {
            children.push(env.spawn(repo, ["init", "--force", "-q"]));
        }
    }
    let runs = wait_all(children);
    for r in &runs {
        assert_eq!(r.code, 0, "{r}");
        assert!(!r.stderr.contains("locked"), "{r}");
    }
    let rows = env.wfc(&env.root, ["audit", "--json"]).json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 64);
    for i in 0..16 {
        let n = rows
            .iter()
            .filter(|r| r["project_id"] == format!("r{i}").as_str())
            .count();
        assert_eq!(n, 4, "project r{i}");
    }
    let seqs: Vec<i64> = rows.iter().map(|r| r["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=64).collect::<Vec<_>>());
    env.wfc(&env.root, ["audit", "verify"]).success();
}

/// `wfc store info` names the store every command uses, its schema and this machine's host id;
/// a PostgreSQL store that cannot be reached is a clear error that never shows the password.
#[test]
fn store_info_names_the_store_in_use_and_its_schema() {
    let env = TestEnv::new();
    if env.sqlite_only("it names the SQLite file; store::two_hosts_share_one_audit_trail_and_job_history_on_postgres checks store info there") {
        return;
    }
    let repo = env.init_repo("repo");
    let v = env.wfc(&repo, ["store", "info", "--json"]).json();
    assert_eq!(v["backend"], "sqlite", "{v}");
    assert_eq!(
        v["location"].as_str().unwrap(),
        env.wfc_home.join("wfc.db").to_str().unwrap()
    );
    assert_eq!(v["schema_version"], migrations::LATEST);
    assert_eq!(v["supported_schema_version"], migrations::LATEST);
    assert_eq!(
        user_version(&env.wfc_home.join("wfc.db")),
        migrations::LATEST
    );
    let r = env
        .wfc_cmd(&repo)
        .env("WFC_HOST_ID", "build-7")
        .args(["store", "info"])
        .output()
        .unwrap();
    let r = crate::harness::Run::from_output(r);
    r.success();
    assert!(r.stdout.contains("backend: sqlite"), "{}", r.stdout);
    assert!(r.stdout.contains("host: build-7"), "{}", r.stdout);

    // Nothing listens on port 1.
    let r = env
        .wfc_cmd(&repo)
        .env(
            "WFC_DATABASE_URL",
            "postgres://app:s3cret-pw@127.0.0.1:1/wfc",
        )
        .args(["store", "info"])
        .output()
        .unwrap();
    let r = crate::harness::Run::from_output(r);
    r.code(1);
    assert!(
        r.stderr
            .contains("cannot connect to the PostgreSQL store postgres://127.0.0.1:1/wfc"),
        "{}",
        r.stderr
    );
    assert!(!format!("{}{}", r.stdout, r.stderr).contains("s3cret-pw"));
}

/// A fresh database on the test server (`WFC_TEST_DATABASE_URL`), or `None` with the skip
/// message; dropped when the guard goes.
pub(crate) fn pg_database() -> Option<(String, impl Drop)> {
    struct Dropper(String, String);
    impl Drop for Dropper {
        fn drop(&mut self) {
            if let Ok(mut c) = postgres::Client::connect(&self.0, postgres::NoTls) {
                let _ =
                    c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.1));
            }
        }
    }
    let Some(url) = wfc::env::Env::capture().test_database_url else {
        eprintln!("skipped: no PostgreSQL (set WFC_TEST_DATABASE_URL or run tests/pg/server.sh)");
        return None;
    };
    let name = format!(
        "wfc_cli_{}_{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    Some((format!("{base}/{name}"), Dropper(url, name)))
}

/// Two simulated hosts (their own clones, `WFC_HOME`s and host ids) on one PostgreSQL store
/// share one audit trail and one job history: every review of both is listed from either, the
/// chain verifies, and each job names the host that ran it.
#[test]
fn two_hosts_share_one_audit_trail_and_job_history_on_postgres() {
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let hosts: Vec<(TestEnv, std::path::PathBuf, &str)> = ["host-a", "host-b"]
        .into_iter()
        .map(|h| {
            let env = TestEnv::new();
            let repo = env.init_repo("repo");
            (env, repo, h)
        })
        .collect();
    let wfc = |env: &TestEnv, repo: &std::path::Path, host: &str, args: &[&str]| {
        crate::harness::Run::from_output(
            env.wfc_cmd(repo)
                .env("WFC_DATABASE_URL", &url)
                .env("WFC_HOST_ID", host)
                .env_remove("WFC_NOW")
                .args(args)
                .output()
                .unwrap(),
        )
    };
    // Both hosts review at once, three times each.
    std::thread::scope(|scope| {
        for (env, repo, host) in &hosts {
            scope.spawn(move || {
                for i in 0..3 {
                    std::fs::write(repo.join(format!("f{i}.txt")), format!("{host} {i}\n"))
                        .unwrap();
                    let r = wfc(
                        env,
                        repo,
                        host,
                        &[
                            "--developer-id",
                            &host.replace("host-", "dev-"),
                            "review",
                            "--no-learn",
                            "--task-id",
                            &format!("t{i}"),
                        ],
                    );
                    r.success();
                }
            });
        }
    });
    for (env, repo, host) in &hosts {
        let info = wfc(env, repo, host, &["store", "info", "--json"]).json();
        assert_eq!(info["backend"], "postgres", "{info}");
        let jobs = wfc(
            env,
            repo,
            host,
            &["review", "list", "--all-projects", "--json"],
        )
        .json();
        assert_eq!(jobs.as_array().unwrap().len(), 6, "{jobs}");
        let rows = wfc(env, repo, host, &["audit", "--json"]).json();
        let reviews: Vec<&serde_json::Value> = rows
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["action"] == "review")
            .collect();
        assert_eq!(reviews.len(), 6, "{rows}");
        for dev in ["dev-a", "dev-b"] {
            assert_eq!(
                reviews.iter().filter(|r| r["developer_id"] == dev).count(),
                3
            );
        }
        let v = wfc(env, repo, host, &["audit", "verify", "--json"]);
        v.success();
        assert_eq!(v.json()["ok"], true);
        // Nothing of the shared store went into the local SQLite file.
        assert!(!env.wfc_home.join("wfc.db").exists());
    }
}

/// A repository cannot choose where wfc keeps its audit trail: `[store]` in its config is
/// ignored, with a warning, and the store stays the user's.
#[test]
fn a_repository_config_cannot_redirect_the_store() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::fs::write(
        repo.join(".wfc/config.toml"),
        "[store]\nurl = \"postgres://collector@203.0.113.9/audit\"\n",
    )
    .unwrap();
    let r = env.wfc(&repo, ["store", "info", "--json"]);
    r.success();
    let want = if env.database.is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(r.json()["backend"], want, "{}", r.stdout);
    assert!(!r.stdout.contains("203.0.113.9"), "{}", r.stdout);
    assert!(
        r.stderr.contains("ignoring [store]") && r.stderr.contains("cannot choose"),
        "{}",
        r.stderr
    );
}
