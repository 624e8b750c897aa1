//! Reviewers that try to outlive their deadline, outlive wfc, drown it in output, or pass a
//! review with numbers that are not numbers. Reviewers are defined in the user config (always
//! trusted), so these tests depend on nothing but the reviewer itself.

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use crate::harness::{Run, TestEnv, stage_file};

/// An executable script under the test root.
fn script(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = env.root.join("scripts");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// Writes the user config (`$XDG_CONFIG_HOME/wfc/config.toml`): `extra` then one reviewer.
fn user_config(env: &TestEnv, extra: &str, id: &str, command: &Path, format: &str, opts: &str) {
    let dir = env.home.join(".config/wfc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "{extra}\n[[review.reviewer]]\nid = \"{id}\"\ncommand = \"{}\"\nformat = \"{format}\"\n{opts}\n",
            command.display()
        ),
    )
    .unwrap();
}

fn repo(env: &TestEnv) -> (PathBuf, git2::Repository) {
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    (path, repo)
}

fn reviewer<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no reviewer {id} in {v}"))
}

/// A live process that is not a zombie.
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

fn kill(pid: i32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
}

/// Polls until `path` holds a pid.
fn read_pid(path: &Path, within: Duration) -> Option<i32> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(p) = std::fs::read_to_string(path)
            .ok()
            .and_then(|s| s.trim().parse().ok())
        {
            return Some(p);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` up to `within`; on overrun kills it and the `daemon`, then fails.
fn finish_within(mut child: Child, within: Duration, daemon: &Path, what: &str) -> Run {
    let deadline = Instant::now() + within;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            if let Some(p) = read_pid(daemon, Duration::ZERO) {
                kill(p);
            }
            panic!("{what}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from_output(child.wait_with_output().unwrap())
}

/// A daemon that escaped the reviewer's process group (`setsid`) and keeps its stdin, stdout and
/// stderr open (and a request too big for the pipe, which the reviewer never reads) cannot
/// stretch a 1 s timeout: the group is killed at the deadline and wfc returns at once,
/// exit 3 with the reviewer timed out.
#[test]
fn a_daemon_holding_the_pipes_cannot_stretch_the_deadline() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let pid = env.root.join("daemon.pid");
    let s = script(
        &env,
        "daemon.sh",
        &format!(
            // sh gives a background job /dev/null as stdin; fd 3 hands the real one over.
            "exec 3<&0\nsetsid sh -c 'echo $$ > {p}.tmp; mv {p}.tmp {p}; exec sleep 300' <&3 &\nexec sleep 300",
            p = pid.display()
        ),
    );
    user_config(&env, "", "stuck", &s, "wfc-json", "timeout = \"1s\"");
    // A request well past the 64 KiB a pipe buffers.
    stage_file(&repo, "big.txt", &"a line of the change\n".repeat(20_000));
    let child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let r = finish_within(
        child,
        Duration::from_secs(60),
        &pid,
        "wfc waited for a daemon past the reviewer's deadline",
    );
    let daemon = read_pid(&pid, Duration::from_secs(10));
    r.code(3);
    let v = r.json();
    assert_eq!(v["status"], "incomplete");
    assert_eq!(reviewer(&v, "stuck")["status"], "timeout", "{v}");
    let daemon = daemon.expect("the daemon never started");
    assert!(alive(daemon), "the test needs the daemon to outlive wfc");
    kill(daemon);
}

/// A reviewer that answers and exits, leaving a `setsid` daemon that holds its stdout and stderr,
/// is read and the review ends: wfc gives the pipes half a second after the exit, not the
/// daemon's lifetime.
#[test]
fn a_reviewer_that_leaves_a_daemon_behind_is_read_and_the_review_ends() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let pid = env.root.join("daemon.pid");
    let s = script(
        &env,
        "answer.sh",
        &format!(
            "cat >/dev/null\nsetsid sh -c 'echo $$ > {p}.tmp; mv {p}.tmp {p}; exec sleep 300' &\n\
             echo '[{{\"description\":\"from the reviewer\",\"severity\":2,\"confidence\":5,\"file\":\"a.txt\",\"line\":1}}]'",
            p = pid.display()
        ),
    );
    user_config(&env, "", "leaver", &s, "wfc-json", "timeout = \"5m\"");
    stage_file(&repo, "a.txt", "a\n");
    let child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let r = finish_within(
        child,
        Duration::from_secs(60),
        &pid,
        "wfc waited for the reviewer's daemon to close its pipes",
    );
    if let Some(p) = read_pid(&pid, Duration::from_secs(10)) {
        kill(p);
    }
    r.success();
    let v = r.json();
    let rv = reviewer(&v, "leaver");
    assert_eq!(rv["status"], "ok", "{v}");
    assert_eq!(rv["findings"], 1, "{v}");
}

/// SIGKILL of `wfc review` (no clean-up runs) still takes the reviewer's whole process group
/// down, grandchildren included: the reviewer dies with wfc.
#[test]
fn reviewers_die_with_wfc_even_when_it_is_killed() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let pid = env.root.join("grandchild.pid");
    let s = script(
        &env,
        "hang.sh",
        &format!(
            "cat >/dev/null\nsleep 300 &\necho $! > {p}.tmp && mv {p}.tmp {p}\nwait",
            p = pid.display()
        ),
    );
    user_config(&env, "", "hang", &s, "wfc-json", "timeout = \"5m\"");
    stage_file(&repo, "a.txt", "a\n");
    let mut child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let Some(grandchild) = read_pid(&pid, Duration::from_secs(60)) else {
        let _ = child.kill();
        panic!("the reviewer never started");
    };
    assert!(alive(grandchild));
    child.kill().unwrap();
    child.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while alive(grandchild) {
        if Instant::now() > deadline {
            kill(grandchild);
            panic!("the reviewer's process outlived a killed wfc");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A reviewer that writes without end is stopped at the stdout cap (64 MiB), its group killed,
/// and the review is incomplete with an error that says so (not a timeout minutes later).
#[test]
fn a_reviewer_flooding_stdout_is_stopped_at_the_cap() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let s = script(&env, "flood.sh", "cat >/dev/null\nexec yes '[]'");
    user_config(&env, "", "flood", &s, "wfc-json", "timeout = \"10m\"");
    stage_file(&repo, "a.txt", "a\n");
    let child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let r = finish_within(
        child,
        Duration::from_secs(120),
        Path::new("/nonexistent"),
        "wfc kept reading an endless answer",
    );
    r.code(3);
    let v = r.json();
    let rv = reviewer(&v, "flood");
    assert_eq!(rv["status"], "error", "{v}");
    let err = rv["error"].as_str().unwrap();
    assert!(err.contains("more than 64 MiB"), "{err}");
}

/// 500 findings (one of them critical, in the middle) and one 2 MB description: wfc keeps the
/// `review.max_findings` most severe ones, the critical one among them, cuts the description to
/// 4 KiB, says so in the reviewer's outcome and report, and stores only what it kept.
#[test]
fn a_flood_of_findings_is_cut_to_the_most_severe_and_says_so() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let mut items: Vec<String> = (0..500)
        .map(|i| {
            format!(
                r#"{{"description":"trivia {i}","severity":1,"confidence":5,"file":"a.txt","line":{}}}"#,
                1 + i * 10
            )
        })
        .collect();
    items[250] = r#"{"description":"the one that matters","severity":9,"confidence":9,"file":"b.txt","line":1}"#.into();
    items[300] = format!(
        r#"{{"description":"{}","severity":5,"confidence":5,"file":"c.txt","line":1}}"#,
        "x".repeat(2_000_000)
    );
    let answer = env.root.join("answer.json");
    std::fs::write(&answer, format!("[{}]", items.join(","))).unwrap();
    let s = script(
        &env,
        "flood.sh",
        &format!("cat >/dev/null\ncat {}", answer.display()),
    );
    user_config(
        &env,
        "[review]\nmax_findings = 20\n",
        "many",
        &s,
        "wfc-json",
        "",
    );
    stage_file(&repo, "a.txt", "a\n");
    let r = env.wfc(&path, ["review", "--json", "--no-learn"]);
    let v = r.json();
    let rv = reviewer(&v, "many");
    assert_eq!(rv["status"], "ok", "{r}");
    assert_eq!(rv["findings"], 20, "{rv}");
    let note = rv["error"].as_str().unwrap_or_default();
    assert!(
        note.contains("kept the 20 most severe of 500 findings"),
        "{note}"
    );
    assert!(note.contains("1 text field cut to 4 KiB"), "{note}");
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.to_string().contains("the one that matters")),
        "the critical finding was dropped: {v}"
    );
    assert!(
        findings.iter().all(|f| f.to_string().len() < 16 * 1024),
        "a finding kept a text field past 4 KiB"
    );
    let md_path = v["report_path"].as_str().unwrap();
    let md = std::fs::read_to_string(md_path).unwrap();
    assert!(md.contains("kept the 20 most severe"), "{md}");
    for p in [
        PathBuf::from(md_path),
        PathBuf::from(v["json_report_path"].as_str().unwrap()),
    ] {
        let len = std::fs::metadata(&p).unwrap().len();
        assert!(len < 200_000, "{} is {len} bytes", p.display());
    }
    let show = env.wfc(
        &path,
        ["review", "show", v["job_id"].as_str().unwrap(), "--json"],
    );
    show.success();
    assert!(
        show.stdout.len() < 400_000,
        "the job stores {} bytes",
        show.stdout.len()
    );
    let db = match &env.database {
        // What the job rows hold (a new database alone takes several megabytes).
        Some(_) => env.count(
            "SELECT COALESCE(sum(octet_length(COALESCE(request, ''))
                              + octet_length(COALESCE(result, ''))), 0)::bigint FROM jobs",
        ) as u64,
        None => std::fs::metadata(env.wfc_home.join("wfc.db"))
            .unwrap()
            .len(),
    };
    assert!(db < 4_000_000, "the database grew to {db} bytes");
}

/// Severities and confidences that are not finite numbers (`"NaN"`, `"inf"`, `"1e400"`, a literal
/// `1e400`, SARIF `security-severity: "1e999"`, `SCORE: NaN`) make the reviewer's answer
/// unreadable: the review is incomplete (exit 3) and the error names the field, never a zero
/// that passes.
#[test]
fn non_finite_scores_make_the_review_incomplete() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    stage_file(&repo, "a.txt", "a\n");
    let wfc_json = |sev: &str, conf: &str| {
        format!(
            r#"[{{"description":"x","severity":{sev},"confidence":{conf},"file":"a.txt","line":1}}]"#
        )
    };
    let sarif = |sec: &str| {
        format!(
            r#"{{"version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"t","rules":[{{"id":"R1","properties":{{"security-severity":{sec}}}}}]}}}},"results":[{{"ruleId":"R1","message":{{"text":"m"}}}}]}}]}}"#
        )
    };
    let cases = [
        ("wfc-json", wfc_json("\"NaN\"", "9"), "severity"),
        ("wfc-json", wfc_json("\"inf\"", "9"), "severity"),
        ("wfc-json", wfc_json("\"1e400\"", "9"), "severity"),
        ("wfc-json", wfc_json("1e400", "9"), "severity"),
        ("wfc-json", wfc_json("9", "\"-inf\""), "confidence"),
        ("sarif", sarif("\"1e999\""), "security-severity"),
        (
            "llm-text",
            wfc_json("\"NaN\"", "9") + "\nSCORE: 10",
            "severity",
        ),
        (
            "llm-text",
            "[]\nSUMMARY: fine\nSCORE: NaN".to_string(),
            "SCORE",
        ),
    ];
    for (i, (format, answer, field)) in cases.iter().enumerate() {
        let file = env.root.join(format!("answer{i}"));
        std::fs::write(&file, answer).unwrap();
        let s = script(
            &env,
            &format!("r{i}.sh"),
            &format!("cat >/dev/null\ncat {}", file.display()),
        );
        user_config(&env, "", "odd", &s, format, "");
        let r = env.wfc(&path, ["review", "--json", "--no-learn"]);
        r.code(3);
        let v = r.json();
        assert_eq!(v["status"], "incomplete", "{format} {answer}: {v}");
        let rv = reviewer(&v, "odd");
        assert_eq!(rv["status"], "error", "{format} {answer}: {rv}");
        let err = rv["error"].as_str().unwrap();
        assert!(
            err.contains(&format!("`{field}` is not a finite number")),
            "{format} {answer}: {err}"
        );
    }
}

/// Under the supervisor, a reviewer whose program does not exist is still a start failure that
/// names the program (not an "unreadable answer"), and the review is incomplete.
#[test]
fn a_missing_reviewer_program_is_a_clear_start_error() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let dir = env.home.join(".config/wfc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[[review.reviewer]]\nid = \"gone\"\ncommand = [\"/nonexistent/reviewer\", \"--flag\"]\n",
    )
    .unwrap();
    stage_file(&repo, "a.txt", "a\n");
    let r = env.wfc(&path, ["review", "--json", "--no-learn"]);
    r.code(3);
    let v = r.json();
    let rv = reviewer(&v, "gone");
    assert_eq!(rv["status"], "error", "{v}");
    let err = rv["error"].as_str().unwrap();
    assert!(
        err.starts_with("cannot start") && err.contains("/nonexistent/reviewer"),
        "{err}"
    );
}

/// An llm-text answer of 8 MB of unbalanced brackets (each one a place where an array might
/// start) cannot make the lenient search for the findings array run for hours: the search has a
/// budget, and the answer is unreadable, exit 3.
#[test]
fn an_answer_of_unbalanced_brackets_is_unreadable_not_endless() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let answer = env.root.join("brackets.txt");
    std::fs::write(&answer, "[ [a] ".repeat(1_400_000)).unwrap();
    let s = script(
        &env,
        "brackets.sh",
        &format!("cat >/dev/null\ncat {}", answer.display()),
    );
    user_config(&env, "", "brackets", &s, "llm-text", "timeout = \"10m\"");
    stage_file(&repo, "a.txt", "a\n");
    let child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let r = finish_within(
        child,
        Duration::from_secs(120),
        Path::new("/nonexistent"),
        "the search for a findings array did not end",
    );
    r.code(3);
    let v = r.json();
    let rv = reviewer(&v, "brackets");
    assert_eq!(rv["status"], "error", "{v}");
    assert!(
        rv["error"]
            .as_str()
            .unwrap()
            .contains("no JSON array of findings"),
        "{rv}"
    );
}

/// `review.max_findings = 0` would drop every finding of every external reviewer, a review that
/// always passes: it is a config error (exit 2) that names the key.
#[test]
fn max_findings_of_zero_is_refused() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env);
    let s = script(&env, "one.sh", "cat >/dev/null\necho '[]'");
    user_config(
        &env,
        "[review]\nmax_findings = 0\n",
        "one",
        &s,
        "wfc-json",
        "",
    );
    stage_file(&repo, "a.txt", "a\n");
    let r = env.wfc(&path, ["review", "--no-learn"]);
    r.code(2);
    assert!(r.stderr.contains("max_findings must be at least 1"), "{r}");
}
