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
/// a PostgreSQL address in the environment is reported as not in use, without its password.
#[test]
fn store_info_names_the_store_in_use_and_its_schema() {
    let env = TestEnv::new();
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
    assert_eq!(v["notes"], serde_json::json!([]));

    let r = env
        .wfc_cmd(&repo)
        .env("WFC_HOST_ID", "build-7")
        .env(
            "WFC_DATABASE_URL",
            "postgres://app:s3cret-pw@db.example:5432/wfc",
        )
        .args(["store", "info"])
        .output()
        .unwrap();
    let r = crate::harness::Run::from_output(r);
    r.success();
    assert!(r.stdout.contains("backend: sqlite"), "{}", r.stdout);
    assert!(r.stdout.contains("host: build-7"), "{}", r.stdout);
    assert!(r.stderr.contains("WFC_DATABASE_URL is set"), "{}", r.stderr);
    assert!(!format!("{}{}", r.stdout, r.stderr).contains("s3cret-pw"));
}
