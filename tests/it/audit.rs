//! The audit trail: listing, filters, and tamper detection.

use crate::harness::TestEnv;

fn tamper(env: &TestEnv, sql: &str) {
    let conn = rusqlite::Connection::open(env.wfc_home.join("wfc.db")).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn setup(rows: usize) -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    for _ in 0..rows {
        env.wfc(&repo, ["init"]).success();
    }
    (env, repo)
}

#[test]
fn rows_cannot_be_changed_while_the_triggers_stand() {
    let (env, _repo) = setup(2);
    if env.sqlite_only("it edits the SQLite file; store_backends::the_audit_table_refuses_update_delete_and_truncate runs on both stores") {
        return;
    }
    let conn = rusqlite::Connection::open(env.wfc_home.join("wfc.db")).unwrap();
    let err = conn
        .execute("UPDATE audit SET status = 'x' WHERE seq = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"));
    let err = conn
        .execute("DELETE FROM audit WHERE seq = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"));
}

#[test]
fn verify_catches_an_edited_row() {
    let (env, repo) = setup(4);
    if env.sqlite_only("it edits the SQLite file; store_backends::verify_finds_an_edited_row_a_deleted_row_a_deleted_tail_and_dropped_triggers runs on both stores") {
        return;
    }
    env.wfc(&repo, ["audit", "verify"]).success();
    tamper(
        &env,
        "DROP TRIGGER audit_no_update; UPDATE audit SET developer_id = 'mallory' WHERE seq = 2;",
    );
    let r = env.wfc(&repo, ["audit", "verify"]);
    r.code(1);
    assert!(r.stdout.contains("first break: row 2"), "{r}");
    assert!(r.stdout.contains("edited"), "{r}");
    assert!(
        r.stdout.contains("trigger audit_no_update was dropped"),
        "{r}"
    );
}

#[test]
fn verify_catches_deleted_rows_in_the_middle_and_at_the_end() {
    let (env, repo) = setup(5);
    if env.sqlite_only("it edits the SQLite file; store_backends::verify_finds_an_edited_row_a_deleted_row_a_deleted_tail_and_dropped_triggers runs on both stores") {
        return;
    }
    tamper(
        &env,
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;",
    );
    let r = env.wfc(&repo, ["audit", "verify"]);
    r.code(1);
    assert!(r.stdout.contains("first break: row 3 was deleted"), "{r}");

    let (env, repo) = setup(3);
    tamper(
        &env,
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;",
    );
    let r = env.wfc(&repo, ["audit", "verify", "--json"]);
    r.code(1);
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"][0]["kind"], "tail_deleted");
    assert_eq!(v["problems"][0]["seq"], 3);
}

#[test]
fn verify_catches_a_recomputed_row_by_the_next_link() {
    // Someone who edits a row and also rewrites its hash still breaks the next row's link.
    let (env, repo) = setup(3);
    if env.sqlite_only(
        "it edits the SQLite file; store_backends::verify_finds_an_edited_row_a_deleted_row_a_deleted_tail_and_dropped_triggers runs on both stores",
    ) {
        return;
    }
    let conn = rusqlite::Connection::open(env.wfc_home.join("wfc.db")).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update;").unwrap();
    conn.execute(
        "UPDATE audit SET status = 'forged', hash = 'ffff' WHERE seq = 1",
        [],
    )
    .unwrap();
    let r = env.wfc(&repo, ["audit", "verify"]);
    r.code(1);
    assert!(r.stdout.contains("row 1"), "{r}");
    assert!(r.stdout.contains("row 2 does not link"), "{r}");
}

#[test]
fn filters_and_json() {
    let env = TestEnv::new();
    let a = env.init_repo("alpha");
    let b = env.init_repo("beta");
    // Old rows, written with a clock in the past.
    let old = env
        .wfc_cmd(&a)
        .env("WFC_NOW", "2020-01-01T00:00:00Z")
        .args(["init"])
        .output()
        .unwrap();
    assert!(old.status.success());
    env.wfc(&a, ["init"]).success();
    env.wfc(&b, ["init"]).success();
    env.wfc(&b, ["init", "--force"]).success();

    let all = env.wfc(&a, ["audit", "--json"]).json();
    assert_eq!(
        all.as_array().unwrap().len(),
        4,
        "no filter by the derived project"
    );
    let row = &all[0];
    for key in [
        "seq",
        "ts",
        "project_id",
        "developer_id",
        "action",
        "resource",
        "status",
        "details",
        "prev_hash",
        "hash",
    ] {
        assert!(row.get(key).is_some(), "{key} missing in {row}");
    }
    assert_eq!(all[0]["ts"].as_str().unwrap().get(..10), Some("2020-01-01"));

    let recent = env.wfc(&a, ["audit", "--json", "--since", "1d"]).json();
    assert_eq!(recent.as_array().unwrap().len(), 3);

    let only_b = env
        .wfc(&a, ["audit", "--json", "--project-id", "beta"])
        .json();
    assert_eq!(only_b.as_array().unwrap().len(), 2);

    let limited = env.wfc(&a, ["audit", "--json", "--limit", "1"]).json();
    assert_eq!(limited.as_array().unwrap().len(), 1);
    assert_eq!(limited[0]["seq"], 4, "the newest row");

    let by_action = env
        .wfc(&a, ["audit", "--json", "--action", "nothing"])
        .json();
    assert_eq!(by_action.as_array().unwrap().len(), 0);

    let text = env.wfc(&a, ["audit", "--limit", "2"]);
    text.success();
    let lines: Vec<_> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("SEQ"));
    assert!(lines[2].contains("beta") && lines[2].contains("init"));
}
