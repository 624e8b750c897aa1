//! Telemetry: per-project figures and export, built on events recorded through the public
//! telemetry API into the real store under the test's WFC_HOME.

use serde_json::{Value, json};
use wfc::telemetry::{self, Event, kind};

use crate::harness::{Run, TestEnv};

const NOW: &str = "2026-03-10T12:00:00Z";

fn at(when: &str) -> std::time::SystemTime {
    wfc::time::parse_time(when).unwrap()
}

fn record(env: &TestEnv, when: &str, project: &str, developer: &str, kind: &str, data: Value) {
    telemetry::record(
        env.backend().as_mut(),
        at(when),
        &Event {
            project_id: project,
            developer_id: developer,
            kind,
            data,
        },
    )
    .unwrap();
}

/// A worktree lease row, as worktree creation writes it.
fn lease(env: &TestEnv, project: &str, task: &str) {
    // The PostgreSQL table keys a lease by host too.
    let host = if env.database.is_some() { "host, " } else { "" };
    let host_value = if env.database.is_some() { "'h', " } else { "" };
    env.execute(&format!(
        "INSERT INTO worktrees ({host}repo, project_id, task_id, path, branch, developer_id,
                                created_at, last_used_at)
         VALUES ({host_value}'/r', '{project}', '{task}', '/r/.worktrees/x', 'wfc/x', 'dev',
                 '{NOW}', '{NOW}')"
    ));
}

fn reviewer(id: &str, status: &str, ms: u64, findings: u64) -> Value {
    let error = match status {
        "error" => json!("exit status 2"),
        "timeout" => json!("timed out after 30s"),
        _ => Value::Null,
    };
    json!({"id": id, "status": status, "duration_ms": ms, "error": error, "findings": findings})
}

fn review(n: u64, status: &str, cs: f64, ms: u64, reviewers: Vec<Value>) -> Value {
    json!({
        "job_id": format!("job-{n}"),
        "task_id": format!("task-{n}"),
        "status": status,
        "passed": status == "passed",
        "cs": cs,
        "tier": if cs < 4.0 { "informational" } else if cs < 7.0 { "moderate" } else { "important" },
        "duration_ms": ms,
        "findings": 3,
        "categories": {"security": 1, "correctness": 2},
        "reviewers": reviewers,
    })
}

fn wfc_at(env: &TestEnv, dir: &std::path::Path, args: &[&str]) -> Run {
    let out = env
        .wfc_cmd(dir)
        .env("WFC_NOW", NOW)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Ten reviews of project `demo` over ten days, plus worktrees and a cleanup; two reviews of
/// project `other`.
fn populate(env: &TestEnv) {
    let statuses = [
        "passed",
        "passed",
        "failed",
        "passed",
        "passed",
        "incomplete",
        "passed",
        "passed",
        "bypassed",
        "passed",
    ];
    for (i, status) in statuses.iter().enumerate() {
        let n = i as u64 + 1;
        let llm_status = match n {
            3 | 6 => "error",
            9 => "timeout",
            _ => "ok",
        };
        let data = review(
            n,
            status,
            n as f64,
            n * 1000,
            vec![
                reviewer("security", "ok", 40, 1),
                reviewer("correctness", "ok", 60 + n, 2),
                reviewer("llm", llm_status, n * 900, 0),
                reviewer("performance", "skipped", 0, 0),
            ],
        );
        let when = format!("2026-03-{:02}T09:00:00Z", n);
        record(env, &when, "demo", "alice", kind::REVIEW, data);
    }
    for task in ["a", "b", "c"] {
        record(
            env,
            "2026-03-05T10:00:00Z",
            "demo",
            "bob",
            kind::WORKTREE_CREATED,
            json!({"task_id": task, "path": format!("/r/.worktrees/demo/wfc-{task}"), "branch": format!("wfc/demo/{task}")}),
        );
    }
    record(
        env,
        "2026-03-06T10:00:00Z",
        "demo",
        "bob",
        kind::WORKTREE_REMOVED,
        json!({"task_id": "a", "path": "/r/.worktrees/demo/wfc-a", "branch": "wfc/demo/a"}),
    );
    record(
        env,
        "2026-03-07T10:00:00Z",
        "demo",
        "bob",
        kind::CLEANUP,
        json!({"removed": 1, "kept": 2, "dry_run": false}),
    );
    lease(env, "demo", "b");
    lease(env, "demo", "c");
    for n in 1..=2 {
        record(
            env,
            &format!("2026-01-0{n}T09:00:00Z"),
            "other",
            "carol",
            kind::REVIEW,
            review(
                n,
                "failed",
                8.0,
                500,
                vec![reviewer("security", "ok", 20, 3)],
            ),
        );
    }
    lease(env, "other", "x");
}

#[test]
fn summary_shows_the_figures_of_the_current_project() {
    let env = TestEnv::new();
    let repo = env.init_repo("demo");
    populate(&env);
    let r = wfc_at(&env, &repo, &["telemetry"]);
    r.success();
    insta::assert_snapshot!(r.stdout, @r"
    project demo: 10 reviews
      pass rate          70% (7 of 10 passed; 1 bypassed, 1 failed, 1 incomplete)
      review time        p50 5.0s, p95 10.0s, max 10.0s
      slowest reviewers  llm p50 4.5s p95 9.0s; correctness p50 65ms p95 70ms; security p50 40ms p95 40ms
      most failing       llm failed 3 of 10 runs (2 errors, 1 timeout)
      findings           30 (correctness 20, security 10)
      worktrees          2 active, 3 created, 1 removed, 1 cleanup (1 removed)
      CS, last 10        ▂▂▃▄▅▅▆▇▇█  latest 10.00, max 10.00
      time, last 10      ▂▂▃▄▅▅▆▇▇█  latest 10.0s
    ");

    let r = wfc_at(&env, &repo, &["--json", "telemetry"]);
    r.success();
    let v = r.json();
    assert_eq!(v["since"], Value::Null);
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 1);
    let p = &projects[0];
    assert_eq!(p["project_id"], "demo");
    assert_eq!(p["reviews"], 10);
    assert_eq!(p["passed"], 7);
    assert_eq!(p["pass_rate"], 0.7);
    assert_eq!(p["statuses"]["bypassed"], 1);
    assert_eq!(p["review_time"]["p50_ms"], 5000);
    assert_eq!(p["review_time"]["p95_ms"], 10000);
    assert_eq!(
        p["slowest_reviewers"],
        json!(["llm", "correctness", "security"])
    );
    assert_eq!(p["most_failing_reviewers"], json!(["llm"]));
    let llm = &p["reviewers"][0];
    assert_eq!(llm["id"], "llm");
    assert_eq!(
        (llm["errors"].as_u64(), llm["timeouts"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(llm["failure_rate"], 0.3);
    let perf = p["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "performance")
        .unwrap();
    assert_eq!(
        (perf["runs"].as_u64(), perf["skipped"].as_u64()),
        (Some(0), Some(10))
    );
    assert_eq!(
        p["findings_per_category"],
        json!([{"category": "correctness", "findings": 20}, {"category": "security", "findings": 10}])
    );
    assert_eq!(p["worktrees_active"], 2);
    assert_eq!(p["trend"].as_array().unwrap().len(), 10);
    assert_eq!(p["trend"][9]["cs"], 10.0);
    assert_eq!(p["cs_sparkline"], "▂▂▃▄▅▅▆▇▇█");
}

#[test]
fn since_and_all_projects_choose_the_events() {
    let env = TestEnv::new();
    let repo = env.init_repo("demo");
    populate(&env);
    // The last four days hold reviews 7 to 10 of demo and none of other.
    let r = wfc_at(&env, &repo, &["--json", "telemetry", "--since", "4d"]);
    let v = r.json();
    assert_eq!(v["since"], "2026-03-06T12:00:00.000000Z");
    let p = &v["projects"][0];
    assert_eq!(p["reviews"], 4);
    assert_eq!(p["statuses"], json!({"bypassed": 1, "passed": 3}));
    assert_eq!(p["most_failing_reviewers"], json!(["llm"]));
    assert_eq!(p["worktrees_created"], 0);
    // Active worktrees are a count of now, not of the window.
    assert_eq!(p["worktrees_active"], 2);
    let r = wfc_at(&env, &repo, &["telemetry", "--since", "4d"]);
    assert!(
        r.stdout
            .starts_with("project demo since 2026-03-06 12:00 UTC: 4 reviews\n"),
        "{r}"
    );

    let r = wfc_at(&env, &repo, &["--json", "telemetry", "--all-projects"]);
    let v = r.json();
    let ids: Vec<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["project_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["demo", "other"]);
    let other = &v["projects"][1];
    assert_eq!(other["reviews"], 2);
    assert_eq!(other["pass_rate"], 0.0);
    assert_eq!(other["worktrees_active"], 1);

    let r = wfc_at(&env, &repo, &["telemetry", "--all-projects"]);
    r.success();
    assert!(r.stdout.contains("\nproject other: 2 reviews\n"), "{r}");
    assert!(
        r.stdout
            .contains("  pass rate          0% (0 of 2 passed; 2 failed)\n"),
        "{r}"
    );

    // --project-id chooses the project; one without events still answers, with zeros.
    let r = wfc_at(
        &env,
        &repo,
        &["--project-id", "other", "--json", "telemetry"],
    );
    assert_eq!(r.json()["projects"][0]["reviews"], 2);
    let r = wfc_at(&env, &repo, &["--project-id", "quiet", "telemetry"]);
    r.success();
    assert_eq!(
        r.stdout,
        "project quiet: 0 reviews\n  worktrees          0 active\n"
    );
    let r = wfc_at(
        &env,
        &repo,
        &["--project-id", "quiet", "--json", "telemetry"],
    );
    assert_eq!(r.json()["projects"][0]["pass_rate"], Value::Null);
}

/// A small RFC 4180 reader, to check that the export parses back into the same fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn export_writes_every_event_with_project_developer_and_time() {
    let env = TestEnv::new();
    let repo = env.init_repo("demo");
    populate(&env);
    let tricky = json!({"note": "comma, \"quote\"\nand a new line", "removed": 0, "kept": 0, "dry_run": true});
    record(
        &env,
        "2026-03-10T11:00:00Z",
        "demo",
        "dave",
        kind::CLEANUP,
        tricky.clone(),
    );

    let r = wfc_at(&env, &repo, &["telemetry", "export"]);
    r.success();
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // 10 reviews, 3 created, 1 removed, 1 cleanup, and the tricky one; `other` is left out.
    assert_eq!(lines.len(), 16);
    assert!(lines.iter().all(|l| l["project_id"] == "demo"));
    let last = lines.last().unwrap();
    assert_eq!(last["developer_id"], "dave");
    assert_eq!(last["time"], "2026-03-10T11:00:00.000000Z");
    assert_eq!(last["kind"], "cleanup");
    assert_eq!(last["data"], tricky);
    assert!(r.stderr.contains("16 event(s) from project demo"), "{r}");

    let r = wfc_at(
        &env,
        &repo,
        &["telemetry", "export", "--format", "csv", "--all-projects"],
    );
    r.success();
    let rows = parse_csv(&r.stdout);
    assert_eq!(
        rows[0],
        ["id", "time", "project_id", "developer_id", "kind", "data"]
    );
    assert_eq!(rows.len(), 1 + 18);
    assert!(rows[1..].iter().all(|row| row.len() == 6), "{rows:?}");
    // Oldest first: the two January reviews of `other` lead.
    assert_eq!(rows[1][2], "other");
    assert_eq!(rows[1][3], "carol");
    let last = rows.last().unwrap();
    assert_eq!(last[1], "2026-03-10T11:00:00.000000Z");
    let data: Value = serde_json::from_str(&last[5]).unwrap();
    assert_eq!(data, tricky);

    let r = wfc_at(
        &env,
        &repo,
        &["--json", "telemetry", "export", "--since", "2h"],
    );
    r.success();
    let v = r.json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["developer_id"], "dave");
    let r = wfc_at(
        &env,
        &repo,
        &["--json", "telemetry", "export", "--format", "csv"],
    );
    r.code(2);
    let v = r.json();
    assert_eq!(v["error"]["kind"], "usage", "{r}");
    assert_eq!(v["error"]["exit_code"], 2);
}

#[test]
fn a_fresh_home_answers_with_zeros_and_unreadable_events_are_counted() {
    let env = TestEnv::new();
    let repo = env.init_repo("demo");
    let r = wfc_at(&env, &repo, &["--json", "telemetry", "--all-projects"]);
    r.success();
    assert_eq!(r.json()["projects"], json!([]));
    let r = wfc_at(&env, &repo, &["telemetry", "--all-projects"]);
    r.success();
    assert!(r.stderr.contains("no telemetry recorded yet"), "{r}");

    // A review event without the expected fields is counted, not fatal.
    record(
        &env,
        "2026-03-09T00:00:00Z",
        "demo",
        "x",
        kind::REVIEW,
        json!({"status": 5}),
    );
    record(
        &env,
        "2026-03-09T00:00:01Z",
        "demo",
        "x",
        kind::REVIEW,
        json!([1, 2]),
    );
    let r = wfc_at(&env, &repo, &["--json", "telemetry"]);
    let p = &r.json()["projects"][0];
    assert_eq!(p["reviews"], 1);
    assert_eq!(p["unreadable_events"], 1);
    assert_eq!(p["review_time"], Value::Null);
    wfc_at(&env, &repo, &["telemetry"]).success();
}
