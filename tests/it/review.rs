//! `wfc review`: change selection, reviewers (built-in and external), scoring, outputs, jobs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::{Run, TestEnv, commit_file, stage_file, wait_all};

/// A credential of a known format, assembled so this file holds no literal key.
fn aws_key() -> String {
    format!("AKIA{}", "Q7ZB3XK2LMNP4RST")
}

fn repo_with(env: &TestEnv, name: &str) -> (PathBuf, git2::Repository) {
    let path = env.init_repo(name);
    let repo = git2::Repository::open(&path).unwrap();
    (path, repo)
}

/// Writes the repository config and trusts it, as its owner would after reading it: external
/// reviewers in a repository config run only once `wfc trust` recorded the file.
pub(crate) fn write_config(env: &TestEnv, repo: &Path, text: &str) {
    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::fs::write(repo.join(".wfc/config.toml"), text).unwrap();
    env.wfc(repo, ["trust"]).success();
}

/// An executable script under the test root.
pub(crate) fn script(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = env.root.join("scripts");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

pub(crate) fn reviewer_toml(id: &str, command: &Path, format: &str, extra: &str) -> String {
    format!(
        "[[review.reviewer]]\nid = \"{id}\"\ncommand = \"{}\"\nformat = \"{format}\"\n{extra}\n",
        command.display()
    )
}

fn reviewer_status<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no reviewer {id} in {v}"))
}

fn review_json(env: &TestEnv, dir: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = vec!["review", "--json", "--no-learn"];
    all.extend_from_slice(args);
    let r = env.wfc(dir, &all);
    let v = r.json();
    (r, v)
}

#[test]
fn nothing_to_review_is_exit_zero() {
    let env = TestEnv::new();
    let (path, _repo) = repo_with(&env, "repo");
    let r = env.wfc(&path, ["review"]);
    r.success();
    assert!(r.stdout.contains("nothing to review"), "{r}");
    let (r, v) = review_json(&env, &path, &["--staged"]);
    r.success();
    assert_eq!(v["nothing_to_review"], true);
    assert!(!path.join(".wfc/output").exists(), "no report for nothing");
}

#[test]
fn reports_leave_git_status_clean() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    commit_file(&repo, "app.py", "print(1)\n", "Add app");
    std::fs::write(path.join("app.py"), "print(2)\n").unwrap();
    env.wfc(&path, ["review"]).success();
    assert!(path.join(".wfc/output/repo").is_dir());
    let st = env.git(&path, ["status", "--porcelain"]);
    assert_eq!(
        st.stdout, " M app.py\n",
        "only the user's change is listed: {st}"
    );
    let exclude = std::fs::read_to_string(path.join(".git/info/exclude")).unwrap();
    assert_eq!(exclude.matches(".wfc/output/").count(), 1);
    // A second review does not add the entry again.
    env.wfc(&path, ["review", "--task-id", "again"]).success();
    let exclude = std::fs::read_to_string(path.join(".git/info/exclude")).unwrap();
    assert_eq!(exclude.matches(".wfc/output/").count(), 1);
}

#[test]
fn a_committed_credential_fails_the_review_on_its_own_and_is_redacted_everywhere() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let key = aws_key();
    stage_file(
        &repo,
        "config/settings.py",
        &format!("AWS_ACCESS_KEY_ID = \"{key}\"\n"),
    );
    let sarif = env.root.join("out.sarif");
    let r = env.wfc(
        &path,
        [
            "review",
            "--json",
            "--no-learn",
            "--sarif",
            sarif.to_str().unwrap(),
        ],
    );
    r.code(1);
    let v = r.json();
    assert_eq!(v["status"], "failed");
    assert_eq!(v["passed"], false);
    assert_eq!(v["minority_protection_applied"], true);
    let top = &v["findings"][0];
    let r_i = top["r"].as_f64().unwrap();
    assert!(
        r_i >= 8.5,
        "a known credential must reach R 8.5 alone: {top}"
    );
    assert_eq!(top["file"], "config/settings.py");
    assert_eq!(top["line_start"], 1);
    assert!(
        top["reviewers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "security")
    );
    for key_field in [
        "job_id",
        "project_id",
        "developer_id",
        "task_id",
        "tree_id",
        "status",
        "passed",
        "cs",
        "tier",
        "minority_protection_applied",
        "findings",
        "reviewers",
        "report_path",
    ] {
        assert!(v.get(key_field).is_some(), "{key_field} missing");
    }
    for rv in v["reviewers"].as_array().unwrap() {
        for f in ["id", "status", "duration_ms", "error"] {
            assert!(rv.get(f).is_some(), "{f} missing in {rv}");
        }
    }
    let md = std::fs::read_to_string(v["report_path"].as_str().unwrap()).unwrap();
    let json = std::fs::read_to_string(v["json_report_path"].as_str().unwrap()).unwrap();
    let sarif_text = std::fs::read_to_string(&sarif).unwrap();
    for (what, text) in [
        ("stdout", &r.stdout),
        ("md", &md),
        ("json", &json),
        ("sarif", &sarif_text),
    ] {
        assert!(!text.contains(&key), "the key leaked into {what}");
    }
    let audit = env.wfc(&path, ["audit", "--json"]).json();
    assert!(
        !audit.to_string().contains(&key),
        "the key leaked into the audit trail"
    );
}

#[test]
fn the_review_is_bound_to_the_staged_tree() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "a.txt", "staged\n");
    // An unstaged edit must not change what is reviewed.
    std::fs::write(path.join("a.txt"), "unstaged edit\n").unwrap();
    let (r, v) = review_json(&env, &path, &[]);
    r.success();
    let write_tree = env.git(&path, ["write-tree"]);
    assert_eq!(v["tree_id"], write_tree.stdout.trim());
    assert_eq!(v["mode"], "staged");
    // Nothing staged: the working tree against HEAD, untracked files included.
    env.git(&path, ["reset", "-q"]).success();
    std::fs::write(path.join("new.txt"), "fresh\n").unwrap();
    let (r, v) = review_json(&env, &path, &[]);
    r.success();
    assert_eq!(v["mode"], "working-tree");
    let files: Vec<_> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"a.txt") && files.contains(&"new.txt"),
        "{files:?}"
    );
    // The index on disk was not touched by hashing the working tree.
    assert_eq!(
        env.git(&path, ["diff", "--cached", "--name-only"]).stdout,
        ""
    );
}

#[test]
fn review_reads_git_index_file_without_taking_the_lock() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "x.txt", "x\n");
    // A temporary index like `git commit -a` makes, while index.lock is held.
    let tmp_index = env.root.join("tmp-index");
    std::fs::copy(path.join(".git/index"), &tmp_index).unwrap();
    std::fs::write(path.join(".git/index.lock"), b"").unwrap();
    let out = env
        .wfc_cmd(&path)
        .env("GIT_INDEX_FILE", &tmp_index)
        .args(["review", "--json", "--no-learn", "--staged"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0], "x.txt");
    std::fs::remove_file(path.join(".git/index.lock")).unwrap();
}

#[test]
fn task_id_from_flag_branch_or_tree() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "proj");
    stage_file(&repo, "a.txt", "a\n");
    let (_, v) = review_json(&env, &path, &["--task-id", "fix-42"]);
    assert_eq!(v["task_id"], "fix-42");
    assert!(path.join(".wfc/output/proj/REVIEW-fix-42.md").exists());
    let (_, v) = review_json(&env, &path, &[]);
    assert!(v["task_id"].as_str().unwrap().starts_with("tree-"), "{v}");
    env.git(&path, ["checkout", "-q", "-b", "wfc/proj/login-form"])
        .success();
    let (_, v) = review_json(&env, &path, &[]);
    assert_eq!(v["task_id"], "login-form");
    for bad in ["../x", "a/b"] {
        let r = env.wfc(&path, ["review", "--task-id", bad]);
        r.code(2);
        assert!(r.stderr.contains("invalid task id"), "{r}");
    }
    let r = env.wfc(&path, ["review", "--task-id=-rf"]);
    r.code(2);
}

#[test]
fn ids_flow_into_every_output() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "a.txt", "a\n");
    let r = env.wfc(
        &path,
        [
            "--project-id",
            "alpha",
            "--developer-id",
            "agent-7",
            "review",
            "--json",
            "--task-id",
            "t1",
        ],
    );
    r.success();
    let v = r.json();
    assert_eq!(v["project_id"], "alpha");
    assert_eq!(v["developer_id"], "agent-7");
    let report = path.join(".wfc/output/alpha/REVIEW-t1.md");
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(
        md.contains("| Project | alpha |") && md.contains("| Developer | agent-7 |"),
        "{md}"
    );
    let jobs = env
        .wfc(&path, ["--project-id", "alpha", "review", "list", "--json"])
        .json();
    assert_eq!(jobs[0]["developer_id"], "agent-7");
    assert_eq!(jobs[0]["job_id"], v["job_id"]);
    assert!(
        jobs[0].get("id").is_none(),
        "one name for a job id: {}",
        jobs[0]
    );
    let audit = env
        .wfc(&path, ["audit", "--json", "--action", "review"])
        .json();
    assert_eq!(audit[0]["project_id"], "alpha");
    assert_eq!(audit[0]["developer_id"], "agent-7");
    let ids = env.texts(
        "SELECT project_id || ' ' || developer_id FROM telemetry_events WHERE kind = 'review'",
    );
    assert_eq!(ids, ["alpha agent-7"]);
    let show = env
        .wfc(
            &path,
            ["review", "show", v["job_id"].as_str().unwrap(), "--json"],
        )
        .json();
    assert_eq!(show["result"]["status"], "passed");
    assert_eq!(show["reviewer_runs"].as_array().unwrap().len(), 5);
}

#[test]
fn external_reviewers_in_every_format_are_fed_the_request() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let seen = env.root.join("request.json");
    let wfc_json = script(
        &env,
        "wfcjson.sh",
        &format!(
            "cat > {}\necho '[{{\"file\":\"app.py\",\"line_start\":2,\"category\":\"correctness\",\"severity\":6,\"confidence\":9,\"description\":\"off by one\",\"remediation\":\"use <=\"}}]'",
            seen.display()
        ),
    );
    let rdjson = script(
        &env,
        "rd.sh",
        "cat >/dev/null\necho '{\"diagnostics\":[{\"message\":\"unused import\",\"location\":{\"path\":\"app.py\",\"range\":{\"start\":{\"line\":1}}},\"severity\":\"WARNING\",\"code\":{\"value\":\"F401\"}}]}'",
    );
    let llm = script(
        &env,
        "llm.sh",
        "cat >/dev/null\nprintf 'Review:\\n```json\\n[{\"file\":\"app.py\",\"line_start\":3,\"category\":\"correctness\",\"severity\":5,\"confidence\":9,\"description\":\"off by one again\"}]\\n```\\nSUMMARY: one issue\\nSCORE: 7\\n'",
    );
    let sarif = script(
        &env,
        "sarif.sh",
        "cat >/dev/null\necho '{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{\"ruleId\":\"R1\",\"level\":\"warning\",\"message\":{\"text\":\"sarif says\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"app.py\"},\"region\":{\"startLine\":1}}}]}]}]}'",
    );
    write_config(
        &env,
        &path,
        &[
            reviewer_toml("ext-json", &wfc_json, "wfc-json", ""),
            reviewer_toml("ext-rd", &rdjson, "rdjson", ""),
            reviewer_toml("ext-llm", &llm, "llm-text", ""),
            reviewer_toml("ext-sarif", &sarif, "sarif", ""),
        ]
        .concat(),
    );
    stage_file(
        &repo,
        "app.py",
        "import os\nfor i in range(n):\n    x = a[i + 1]\n",
    );
    let (r, v) = review_json(&env, &path, &["--task-id", "ext"]);
    assert!(r.code == 0 || r.code == 1, "{r}");
    for id in ["ext-json", "ext-rd", "ext-llm", "ext-sarif", "security"] {
        assert_eq!(reviewer_status(&v, id)["status"], "ok", "{id}: {v}");
    }
    assert_eq!(reviewer_status(&v, "ext-llm")["summary"], "one issue");
    let descriptions = v["findings"].to_string();
    for d in [
        "off by one",
        "unused import",
        "off by one again",
        "sarif says",
    ] {
        assert!(descriptions.contains(d), "{d} missing: {descriptions}");
    }
    // Findings on lines 2 and 3 of the same file and category merged into one with k = 2.
    let merged = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["descriptions"].to_string().contains("off by one"))
        .unwrap();
    assert_eq!(merged["k"], 2, "{merged}");
    let req: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&seen).unwrap()).unwrap();
    assert_eq!(req["schema_version"], 1);
    assert_eq!(req["reviewer_id"], "ext-json");
    assert_eq!(req["project_id"], "repo");
    assert_eq!(req["task_id"], "ext");
    assert_eq!(req["tree_id"], v["tree_id"]);
    assert_eq!(req["files"][0]["path"], "app.py");
    assert!(req["diff"].as_str().unwrap().contains("+import os"));
    assert!(
        req["prompt"]
            .as_str()
            .unwrap()
            .contains("+    x = a[i + 1]")
    );
}

#[test]
fn a_crashing_or_garbled_reviewer_makes_the_review_incomplete_and_the_others_still_count() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let crash = script(
        &env,
        "crash.sh",
        "cat >/dev/null\necho 'Traceback: boom' >&2\nexit 2",
    );
    let garbage = script(
        &env,
        "garbage.sh",
        "cat >/dev/null\necho 'I think the code is fine!'",
    );
    let empty = script(&env, "empty.sh", "cat >/dev/null\nexit 0");
    write_config(
        &env,
        &path,
        &[
            reviewer_toml("crash", &crash, "wfc-json", ""),
            reviewer_toml("garbage", &garbage, "wfc-json", ""),
            reviewer_toml("empty", &empty, "llm-text", ""),
        ]
        .concat(),
    );
    stage_file(&repo, "a.py", &format!("KEY = \"{}\"\n", aws_key()));
    let (r, v) = review_json(&env, &path, &[]);
    r.code(3);
    assert_eq!(v["status"], "incomplete");
    assert_eq!(v["passed"], false);
    let crash = reviewer_status(&v, "crash");
    assert_eq!(crash["status"], "error");
    assert!(crash["error"].as_str().unwrap().contains("boom"), "{crash}");
    assert!(
        crash["error"].as_str().unwrap().contains("exit 2"),
        "{crash}"
    );
    assert_eq!(reviewer_status(&v, "garbage")["status"], "error");
    assert!(
        reviewer_status(&v, "empty")["error"]
            .as_str()
            .unwrap()
            .contains("nothing")
    );
    // The built-in reviewers still ran and their finding is scored.
    assert_eq!(reviewer_status(&v, "security")["status"], "ok");
    assert_eq!(v["n"], 5);
    assert!(!v["findings"].as_array().unwrap().is_empty());
    let md = std::fs::read_to_string(v["report_path"].as_str().unwrap()).unwrap();
    assert!(md.contains("INCOMPLETE") && md.contains("boom"), "{md}");
    let show = env
        .wfc(
            &path,
            ["review", "show", v["job_id"].as_str().unwrap(), "--json"],
        )
        .json();
    let runs = show["reviewer_runs"].as_array().unwrap();
    assert!(runs.iter().any(|x| x["reviewer_id"] == "crash"
        && x["status"] == "error"
        && x["error"].as_str().unwrap().contains("boom")));

    // With on_reviewer_error = "warn", the score decides.
    let mut cfg = std::fs::read_to_string(path.join(".wfc/config.toml")).unwrap();
    cfg = format!("[review]\non_reviewer_error = \"warn\"\n\n{cfg}");
    write_config(&env, &path, &cfg);
    let (r, v) = review_json(&env, &path, &[]);
    r.code(1);
    assert_eq!(v["status"], "failed");
    stage_file(&repo, "a.py", "print('fine')\n");
    let (r, v) = review_json(&env, &path, &[]);
    r.success();
    assert_eq!(v["status"], "passed");
    assert_eq!(reviewer_status(&v, "crash")["status"], "error");
}

#[test]
fn a_reviewer_that_times_out_is_killed_with_its_process_group() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let marker = env.root.join("grandchild-survived");
    let slow = script(
        &env,
        "slow.sh",
        &format!(
            "cat >/dev/null\n(sleep 1; touch {}) &\nsleep 30",
            marker.display()
        ),
    );
    write_config(
        &env,
        &path,
        &reviewer_toml("slow", &slow, "wfc-json", "timeout = \"300ms\""),
    );
    stage_file(&repo, "a.txt", "a\n");
    let start = Instant::now();
    let (r, v) = review_json(&env, &path, &[]);
    r.code(3);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the reviewer was not stopped"
    );
    let slow = reviewer_status(&v, "slow");
    assert_eq!(slow["status"], "timeout");
    assert!(
        slow["error"].as_str().unwrap().contains("timed out"),
        "{slow}"
    );
    // Wait past the moment the grandchild would have written its marker.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !marker.exists(),
        "a grandchild of the reviewer outlived the timeout"
    );
}

#[test]
fn external_reviewers_run_in_parallel() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let log = env.root.join("log");
    std::fs::create_dir_all(&log).unwrap();
    let mut cfg = String::new();
    for i in 0..5 {
        let s = script(
            &env,
            &format!("sleepy{i}.sh"),
            &format!(
                "cat >/dev/null\ndate +%s%N > {log}/start{i}\nsleep 2\ndate +%s%N > {log}/end{i}\necho '[]'",
                log = log.display()
            ),
        );
        cfg.push_str(&reviewer_toml(&format!("sleepy{i}"), &s, "wfc-json", ""));
    }
    write_config(&env, &path, &cfg);
    stage_file(&repo, "a.txt", "a\n");
    let (r, _) = review_json(&env, &path, &[]);
    r.success();
    let read = |n: String| -> u128 {
        std::fs::read_to_string(log.join(n))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let last_start = (0..5).map(|i| read(format!("start{i}"))).max().unwrap();
    let first_end = (0..5).map(|i| read(format!("end{i}"))).min().unwrap();
    assert!(
        last_start < first_end,
        "every reviewer must have started before any finished (they ran one after another)"
    );
}

#[test]
fn reviewers_are_chosen_by_flag_config_and_relevance() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let py_only = script(&env, "py.sh", "cat >/dev/null\necho '[]'");
    write_config(
        &env,
        &path,
        &reviewer_toml("pyonly", &py_only, "wfc-json", "extensions = [\"py\"]"),
    );
    stage_file(&repo, "main.rs", "fn main() {}\n");
    let (_, v) = review_json(&env, &path, &[]);
    assert_eq!(reviewer_status(&v, "pyonly")["status"], "skipped");
    let (_, v) = review_json(&env, &path, &["--reviewers", "security,pyonly"]);
    let ids: Vec<_> = v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["security", "pyonly"]);
    stage_file(&repo, "tool.py", "print(1)\n");
    let (_, v) = review_json(&env, &path, &["--reviewers", "pyonly"]);
    assert_eq!(reviewer_status(&v, "pyonly")["status"], "ok");
    let r = env.wfc(&path, ["review", "--reviewers", "securty"]);
    r.code(2);
    assert!(
        r.stderr.contains("unknown reviewer \"securty\"") && r.stderr.contains("pyonly"),
        "{r}"
    );
}

#[test]
fn git_variables_do_not_leak_into_reviewers() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let dump = env.root.join("env.txt");
    let s = script(
        &env,
        "envdump.sh",
        &format!("cat >/dev/null\nenv > {}\necho '[]'", dump.display()),
    );
    write_config(
        &env,
        &path,
        &reviewer_toml(
            "envdump",
            &s,
            "wfc-json",
            "env = { EXTRA_SETTING = \"on\" }",
        ),
    );
    stage_file(&repo, "a.txt", "a\n");
    let out = env
        .wfc_cmd(&path)
        .env("GIT_INDEX_FILE", path.join(".git/index"))
        .env("GIT_DIR", path.join(".git"))
        .env("GIT_WORK_TREE", &path)
        .args(["review", "--no-learn", "--staged"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = std::fs::read_to_string(&dump).unwrap();
    for var in ["GIT_INDEX_FILE=", "GIT_DIR=", "GIT_WORK_TREE="] {
        assert!(!seen.lines().any(|l| l.starts_with(var)), "{var} leaked");
    }
    assert!(seen.contains("EXTRA_SETTING=on") && seen.contains("WFC_REVIEWER_ID=envdump"));
}

#[test]
fn bypass_lets_a_failed_review_through_and_is_audited() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "a.py", &format!("K = \"{}\"\n", aws_key()));
    let r = env.wfc(
        &path,
        [
            "--developer-id",
            "dana",
            "review",
            "--json",
            "--no-learn",
            "--bypass-reason",
            "test fixture key, revoked",
        ],
    );
    r.success();
    let v = r.json();
    assert_eq!(v["status"], "bypassed");
    assert_eq!(v["bypass_reason"], "test fixture key, revoked");
    let md = std::fs::read_to_string(v["report_path"].as_str().unwrap()).unwrap();
    assert!(md.contains("BYPASSED") && md.contains("test fixture key, revoked"));
    let audit = env
        .wfc(&path, ["audit", "--json", "--action", "review.bypass"])
        .json();
    assert_eq!(audit[0]["developer_id"], "dana");
    assert_eq!(
        audit[0]["details"]["bypass_reason"],
        "test fixture key, revoked"
    );
    assert_eq!(audit[0]["details"]["tree_id"], v["tree_id"]);
    // A passing review is not "bypassed" even with a reason.
    stage_file(&repo, "a.py", "ok = 1\n");
    let r = env.wfc(&path, ["review", "--json", "--bypass-reason", "x"]);
    r.success();
    assert_eq!(r.json()["status"], "passed");
}

#[test]
fn fail_on_changes_the_verdict() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "a.py", &format!("K = \"{}\"\n", aws_key()));
    let (r, v) = review_json(&env, &path, &["--fail-on", "critical"]);
    let cs = v["cs"].as_f64().unwrap();
    if cs < 9.0 {
        r.success();
        assert_eq!(v["status"], "passed");
    } else {
        r.code(1);
    }
    let (r, _) = review_json(&env, &path, &["--fail-on", "informational"]);
    r.code(1);
}

#[test]
fn six_concurrent_reviews_in_six_projects_keep_six_reports() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "shared");
    stage_file(&repo, "a.txt", "a\n");
    let children: Vec<_> = (0..6)
        .map(|i| {
            env.spawn(
                &path,
                [
                    "--project-id".to_string(),
                    format!("proj{i}"),
                    "review".into(),
                    "--json".into(),
                    "--no-learn".into(),
                    "--task-id".into(),
                    "same-task".into(),
                ],
            )
        })
        .collect();
    let runs = wait_all(children);
    let mut jobs = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        assert_eq!(r.code, 0, "{r}");
        let v = r.json();
        assert_eq!(v["project_id"], format!("proj{i}"));
        let report = path.join(format!(".wfc/output/proj{i}/REVIEW-same-task.md"));
        let md = std::fs::read_to_string(&report).unwrap();
        assert!(md.contains(&format!("| Project | proj{i} |")), "{md}");
        assert_eq!(v["latest_report_path"], report.to_str().unwrap());
        let own = path.join(format!(
            ".wfc/output/proj{i}/jobs/{}.md",
            v["job_id"].as_str().unwrap()
        ));
        assert_eq!(v["report_path"], own.to_str().unwrap());
        assert_eq!(std::fs::read_to_string(&own).unwrap(), md);
        jobs.push(v["job_id"].as_str().unwrap().to_string());
    }
    jobs.sort();
    jobs.dedup();
    assert_eq!(jobs.len(), 6);
    let all = env
        .wfc(&path, ["review", "list", "--all-projects", "--json"])
        .json();
    assert_eq!(all.as_array().unwrap().len(), 6);
}

#[test]
fn two_phase_prepare_and_finalize() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "svc.py", "def f(x):\n    return eval(x)\n");
    let r = env.wfc(&path, ["review", "prepare", "--json", "--task-id", "tp"]);
    r.success();
    let prep = r.json();
    let job = prep["job_id"].as_str().unwrap().to_string();
    let tasks = prep["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 5);
    for t in tasks {
        for f in [
            "reviewer_id",
            "prompt",
            "temperature",
            "relevant",
            "token_count",
        ] {
            assert!(t.get(f).is_some(), "{f} missing");
        }
        assert!(t["prompt"].as_str().unwrap().contains("return eval(x)"));
        assert!(t["token_count"].as_u64().unwrap() > 10);
    }
    let show = env.wfc(&path, ["review", "show", &job, "--json"]).json();
    assert_eq!(show["status"], "prepared");

    // Two answers with findings, three clean answers: n = 5, the two merge.
    let finding = |sev: u32| {
        format!(
            "[{{\"file\":\"svc.py\",\"line_start\":2,\"category\":\"security\",\"severity\":{sev},\"confidence\":10,\"description\":\"eval of input\"}}]\nSUMMARY: eval\nSCORE: 2"
        )
    };
    let responses = serde_json::json!([
        {"reviewer_id": "security", "response": finding(10)},
        {"reviewer_id": "reliability", "response": finding(9)},
        {"reviewer_id": "correctness", "response": "[]\nSUMMARY: fine\nSCORE: 9"},
        {"reviewer_id": "performance", "response": "```json\n[]\n```"},
        {"reviewer_id": "maintainability", "response": "[]"},
    ]);
    let file = env.root.join("responses.json");
    std::fs::write(&file, responses.to_string()).unwrap();
    let r = env.wfc(
        &path,
        [
            "review",
            "finalize",
            "--job",
            &job,
            "--responses",
            file.to_str().unwrap(),
            "--json",
            "--no-learn",
        ],
    );
    r.code(1);
    let v = r.json();
    assert_eq!(v["job_id"], job.as_str());
    assert_eq!(v["n"], 5);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["k"], 2);
    assert_eq!(v["status"], "failed");
    assert!(path.join(".wfc/output/repo/REVIEW-tp.md").exists());
    // The job is complete; finalizing again is refused.
    let r = env.wfc(
        &path,
        [
            "review",
            "finalize",
            "--job",
            &job,
            "--responses",
            file.to_str().unwrap(),
        ],
    );
    r.code(1);
    assert!(r.stderr.contains("not waiting for responses"), "{r}");
}

#[test]
fn finalize_never_passes_on_empty_or_missing_responses() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    // Even with on_reviewer_error = "warn", no answer is no pass.
    write_config(&env, &path, "[review]\non_reviewer_error = \"warn\"\n");
    stage_file(&repo, "a.py", "x = 1\n");
    let prepare = |env: &TestEnv| -> String {
        let v = env.wfc(&path, ["review", "prepare", "--json"]).json();
        v["job_id"].as_str().unwrap().to_string()
    };
    let finalize = |env: &TestEnv, job: &str, body: &str| -> Run {
        let mut cmd = env.wfc_cmd(&path);
        cmd.args([
            "review",
            "finalize",
            "--job",
            job,
            "--responses",
            "-",
            "--json",
            "--no-learn",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        wait_all(vec![child]).remove(0)
    };
    let r = finalize(&env, &prepare(&env), "[]");
    r.code(3);
    assert_eq!(r.json()["status"], "incomplete");
    assert_eq!(r.json()["n"], 0);
    let r = finalize(
        &env,
        &prepare(&env),
        r#"[{"reviewer_id":"security","response":""},{"reviewer_id":"correctness","response":"   "}]"#,
    );
    r.code(3);
    let r = finalize(
        &env,
        &prepare(&env),
        r#"[{"reviewer_id":"nobody","response":"[]"}]"#,
    );
    r.code(2);
    assert!(r.stderr.contains("not a reviewer of job"), "{r}");
    let r = finalize(&env, &prepare(&env), "not json");
    r.code(2);
    // Every relevant reviewer answering `[]` is a valid clean review.
    let all_clean = serde_json::json!(
        [
            "security",
            "correctness",
            "performance",
            "maintainability",
            "reliability"
        ]
        .iter()
        .map(|id| serde_json::json!({"reviewer_id": id, "response": "[]"}))
        .collect::<Vec<_>>()
    );
    let r = finalize(&env, &prepare(&env), &all_clean.to_string());
    r.success();
    assert_eq!(r.json()["status"], "passed");
    assert_eq!(r.json()["n"], 5);
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(&repo, "src/app.py", &format!("k = \"{}\"\n", aws_key()));
    let out = env.root.join("r.sarif");
    env.wfc(
        &path,
        ["review", "--no-learn", "--sarif", out.to_str().unwrap()],
    )
    .code(1);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "wfc");
    let result = &run["results"][0];
    let rule_id = result["ruleId"].as_str().unwrap();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let idx = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], rule_id);
    assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/app.py");
    assert_eq!(loc["region"]["startLine"], 1);
    assert!(
        result["partialFingerprints"]
            .as_object()
            .unwrap()
            .values()
            .all(|f| f.is_string())
    );
    assert!(result["message"]["text"].as_str().unwrap().len() > 3);
    // The same finding keeps its ruleId and fingerprint after an unrelated line shift.
    stage_file(
        &repo,
        "src/app.py",
        &format!("import os\n\nk = \"{}\"\n", aws_key()),
    );
    let out2 = env.root.join("r2.sarif");
    env.wfc(
        &path,
        ["review", "--no-learn", "--sarif", out2.to_str().unwrap()],
    )
    .code(1);
    let v2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out2).unwrap()).unwrap();
    let r2 = v2["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == rule_id)
        .unwrap();
    assert_eq!(r2["partialFingerprints"], result["partialFingerprints"]);
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    let env = TestEnv::new();
    let (path, _repo) = repo_with(&env, "repo");
    let notdiff = env.root.join("notes.txt");
    std::fs::write(&notdiff, "just some text\n").unwrap();
    let r = env.wfc(&path, ["review", "--diff-file", notdiff.to_str().unwrap()]);
    r.code(2);
    assert!(r.stderr.contains("is not a unified diff"), "{r}");
    let r = env.wfc(&path, ["review", "--range", "nope..HEAD"]);
    r.code(2);
    assert!(r.stderr.contains("cannot resolve range"), "{r}");
    let r = env.wfc(&path, ["review", "--staged", "--range", "a..b"]);
    r.code(2);
    let plain = env.root.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let r = env.wfc(&plain, ["review"]);
    r.code(2);
    assert!(r.stderr.contains("not a git repository"), "{r}");
}

#[test]
fn range_diff_file_and_files_inputs() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let first = repo.head().unwrap().peel_to_commit().unwrap().id();
    commit_file(&repo, "b.py", "import os\n", "add b");
    let (r, v) = review_json(&env, &path, &["--range", &format!("{first}..HEAD")]);
    r.success();
    assert_eq!(v["mode"], "range");
    let head_tree = repo
        .head()
        .unwrap()
        .peel_to_tree()
        .unwrap()
        .id()
        .to_string();
    assert_eq!(v["tree_id"], head_tree.as_str());
    assert_eq!(v["files"][0], "b.py");

    let patch = env.git(&path, ["format-patch", "-1", "--stdout"]).stdout;
    let pfile = env.root.join("p.diff");
    std::fs::write(&pfile, &patch).unwrap();
    let (r, v) = review_json(&env, &path, &["--diff-file", pfile.to_str().unwrap()]);
    r.success();
    assert_eq!(v["mode"], "diff-file");
    assert!(v["tree_id"].as_str().unwrap().starts_with("diff-"));

    let (r, v) = review_json(&env, &path, &["--files", "b.py", "README.md"]);
    r.success();
    assert_eq!(v["mode"], "files");
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
}

#[test]
fn rate_limited_reviewers_share_one_bucket_across_processes() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let log = env.root.join("starts");
    std::fs::create_dir_all(&log).unwrap();
    let s = script(
        &env,
        "api.sh",
        &format!(
            "cat >/dev/null\ndate +%s%N > {}/$$\necho '[]'",
            log.display()
        ),
    );
    write_config(
        &env,
        &path,
        &format!(
            "[rate_limit.api]\ncapacity = 1\nrefill_per_sec = 4\n\n{}",
            reviewer_toml("api", &s, "wfc-json", "rate_limit = \"api\"")
        ),
    );
    stage_file(&repo, "a.txt", "a\n");
    let children: Vec<_> = (0..4)
        .map(|_| env.spawn(&path, ["review", "--no-learn", "-q", "--reviewers", "api"]))
        .collect();
    for r in wait_all(children) {
        assert_eq!(r.code, 0, "{r}");
    }
    let mut starts: Vec<u128> = std::fs::read_dir(&log)
        .unwrap()
        .map(|e| {
            std::fs::read_to_string(e.unwrap().path())
                .unwrap()
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    starts.sort();
    assert_eq!(starts.len(), 4);
    // One token every 250 ms: consecutive calls are spaced by about that (allow scheduling slack).
    for w in starts.windows(2) {
        let gap_ms = (w[1] - w[0]) / 1_000_000;
        assert!(
            gap_ms >= 180,
            "calls {gap_ms} ms apart exceed the rate: {starts:?}"
        );
    }
}

#[test]
fn ctrl_c_kills_reviewers_and_marks_the_job_interrupted() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    let pidfile = env.root.join("reviewer.pid");
    let s = script(
        &env,
        "hang.sh",
        &format!(
            "echo $$ > {}.tmp && mv {0}.tmp {0}\nexec sleep 60",
            pidfile.display()
        ),
    );
    write_config(&env, &path, &reviewer_toml("hang", &s, "wfc-json", ""));
    stage_file(&repo, "a.txt", "a\n");
    let child = env.spawn(&path, ["review", "--json", "--no-learn"]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !pidfile.exists() {
        assert!(Instant::now() < deadline, "the reviewer never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let reviewer_pid: i32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let r = wait_all(vec![child]).remove(0);
    assert_eq!(r.code, 130, "{r}");
    let gone_by = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{reviewer_pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{reviewer_pid}/stat"))
            .unwrap_or_default()
            .contains(") Z")
    {
        assert!(
            Instant::now() < gone_by,
            "the reviewer process survived Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let jobs = env.wfc(&path, ["review", "list", "--json"]).json();
    assert_eq!(jobs[0]["status"], "interrupted");
}

#[test]
fn a_review_in_a_linked_worktree_reports_into_the_main_repository() {
    let env = TestEnv::new();
    let (path, _repo) = repo_with(&env, "main");
    let linked = env.root.join("wt");
    env.git(
        &path,
        [
            "worktree",
            "add",
            "-q",
            "-b",
            "wfc/main/side",
            linked.to_str().unwrap(),
        ],
    )
    .success();
    std::fs::write(linked.join("side.txt"), "side\n").unwrap();
    env.git(&linked, ["add", "side.txt"]).success();
    let (r, v) = review_json(&env, &linked, &[]);
    r.success();
    assert_eq!(v["task_id"], "side");
    assert!(path.join(".wfc/output/main/REVIEW-side.md").exists());
    assert!(!linked.join(".wfc").exists());
}

/// A tool the CI run installs (see .ci/run); locally a test that needs it says so and stops.
fn optional_tool(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ => {
            eprintln!("skipped: {what} is not installed (set {var}; .ci/run does)");
            None
        }
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some(schema) = optional_tool("WFC_TEST_SARIF_SCHEMA", "the SARIF 2.1.0 JSON schema") else {
        return;
    };
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(
        &repo,
        "src/app.py",
        &format!("k = \"{}\"\nx = 1\n", aws_key()),
    );
    let out = env.root.join("r.sarif");
    env.wfc(
        &path,
        ["review", "--no-learn", "--sarif", out.to_str().unwrap()],
    )
    .code(1);
    let check = std::process::Command::new("python3")
        .args([
            "-c",
            "import json,sys,jsonschema\n\
             schema=json.load(open(sys.argv[1]))\n\
             doc=json.load(open(sys.argv[2]))\n\
             jsonschema.validate(doc, schema)\n\
             print('valid', len(doc['runs'][0]['results']))",
            &schema,
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && stdout.starts_with("valid"),
        "{stdout}{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn bandit_is_a_real_sarif_reviewer() {
    let Some(_) = optional_tool("WFC_TEST_BANDIT", "bandit with SARIF output") else {
        return;
    };
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    write_config(
        &env,
        &path,
        "[[review.reviewer]]\nid = \"bandit\"\ncommand = [\"python3\", \"-m\", \"bandit\", \"-f\", \"sarif\", \"-q\", \"-r\", \".\"]\nformat = \"sarif\"\nextensions = [\"py\"]\ntimeout = \"2m\"\n",
    );
    stage_file(
        &repo,
        "tools/run.py",
        "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n",
    );
    let (r, v) = review_json(&env, &path, &["--reviewers", "bandit"]);
    assert!(r.code == 0 || r.code == 1, "{r}");
    assert_eq!(reviewer_status(&v, "bandit")["status"], "ok", "{v}");
    let shell = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rules"].to_string().contains("B602"))
        .unwrap_or_else(|| panic!("bandit's shell=True finding is missing: {v}"));
    assert_eq!(shell["file"], "tools/run.py");
    assert_eq!(shell["line_start"], 5);
    assert_eq!(shell["weight"], 1.0);
    assert_eq!(shell["category"], "security");
}

#[test]
fn reviews_learn_into_the_knowledge_base_and_prompts_use_it() {
    let env = TestEnv::new();
    if env.sqlite_only("the KNOWLEDGE.md file; store_team::reviews_on_postgres_learn_into_the_table_and_prompts_use_it") {
        return;
    }
    let (path, repo) = repo_with(&env, "repo");
    stage_file(
        &repo,
        "deploy/creds.py",
        &format!("KEY = \"{}\"\n", aws_key()),
    );
    let r = env.wfc(&path, ["--developer-id", "lee", "review", "--json"]);
    r.code(1);
    assert_eq!(r.json()["learned"], 1);
    let file = env
        .wfc_home
        .join("knowledge/global/reviewers/security/KNOWLEDGE.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let section = text.split("## Incidents Prevented").nth(1).unwrap();
    let entry = section.lines().find(|l| l.starts_with("- [")).unwrap();
    assert!(
        entry.contains("deploy/creds.py") && entry.contains("Developer: lee)"),
        "{entry}"
    );
    assert!(
        !text.contains(&aws_key()),
        "the key leaked into the knowledge base"
    );
    // The same lesson again adds nothing.
    let r = env.wfc(&path, ["review", "--json"]);
    assert_eq!(r.json()["learned"], 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // --no-learn writes nothing.
    stage_file(
        &repo,
        "other/creds.py",
        &format!("KEY = \"{}\"\n", aws_key()),
    );
    env.wfc(&path, ["review", "--no-learn"]).code(1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // The next prompt for the security reviewer carries the lesson.
    let prep = env.wfc(&path, ["review", "prepare", "--json"]).json();
    let security = prep["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reviewer_id"] == "security")
        .unwrap();
    let prompt = security["prompt"].as_str().unwrap();
    assert!(
        prompt.contains("What earlier reviews in this codebase taught you"),
        "{prompt}"
    );
    assert!(prompt.contains("deploy/creds.py"), "{prompt}");
}

/// Credentials of known formats as `(file, content, pieces that must never be shown)`, each
/// assembled at run time so that this file holds none.
fn known_credentials() -> Vec<(&'static str, String, Vec<String>)> {
    let github = format!("ghp_{}", "u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXH");
    let body = [
        "k5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/",
        "yy6yxz4Uk0yGfuBXunJJm/oSHoNrKsFXJu59awr2qxPDjpLK4NFQV7FZmH+UzHQR",
        "1xfxRXmyqhAPu7NPpZP+rtJySLdi46tYBfB2WiucHX4PN8RJIb0/ZWTq338UKnJm",
        "jEfiI9Fu3YxHtGr8W67iYfU7JhUtJjuoOwN81JYuQ0gBJWuIXpyQUfMgsNuD856n",
    ];
    let pem = format!(
        "-----BEGIN RSA PRIVATE {}-----\n{}\n-----END RSA PRIVATE {}-----\n",
        "KEY",
        body.join("\n"),
        "KEY"
    );
    vec![
        (
            "config/settings.py",
            format!("AWS_ACCESS_KEY_ID = \"{}\"\n", aws_key()),
            vec![aws_key()],
        ),
        (
            "scripts/release.sh",
            format!("export GITHUB_TOKEN={github}\n"),
            vec![github.clone(), github[4..].to_string()],
        ),
        (
            "deploy/id_rsa",
            pem,
            body.iter().map(|l| l.to_string()).collect(),
        ),
    ]
}

/// `path` itself or every file under it whose bytes contain `needle`.
fn files_containing(path: &Path, needle: &str, out: &mut Vec<PathBuf>) {
    if !path.exists() {
        // `$WFC_HOME` on the PostgreSQL store, where nothing may have been written to it.
        return;
    }
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            files_containing(&entry.unwrap().path(), needle, out);
        }
    } else if std::fs::read(path)
        .unwrap()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
    {
        out.push(path.to_path_buf());
    }
}

#[test]
fn each_known_credential_fails_a_review_alone_and_is_redacted_in_every_output() {
    for (file, content, pieces) in known_credentials() {
        let env = TestEnv::new();
        let (path, repo) = repo_with(&env, "repo");
        stage_file(&repo, file, &content);
        let sarif = env.root.join("out.sarif");
        // Human summary, with learning on so that the finding reaches the knowledge base.
        let r = env.wfc(&path, ["review", "--sarif", sarif.to_str().unwrap()]);
        r.code(1);
        assert!(
            r.stdout.contains("minority protection applied"),
            "{file}: {r}"
        );
        let report = path
            .join(".wfc/output/repo")
            .read_dir()
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
            .unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(v["status"], "failed", "{file}");
        assert_eq!(v["minority_protection_applied"], true, "{file}");
        assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{file}: {v}");
        let top = &v["findings"][0];
        assert!(top["r"].as_f64().unwrap() >= 8.5, "{file}: {top}");
        assert_eq!(top["file"], file);
        assert_eq!(top["reviewers"], serde_json::json!(["security"]), "{file}");
        assert_eq!(v["learned"], 1, "{file}: {v}");
        let job = v["job_id"].as_str().unwrap();
        let shown = env.wfc(&path, ["review", "show", job, "--json"]);
        shown.success();
        let audit = env.wfc(&path, ["audit", "--json"]);
        audit.success();
        let knowledge = env
            .wfc(
                &path,
                ["knowledge", "show", "security", "--scope", "global"],
            )
            .stdout;
        assert!(knowledge.contains(file), "{knowledge}");
        // The search reads every output: each names the file (the job's own report and the
        // task's latest copy, each as .md and .json).
        let mut places = vec![(path.join(".wfc"), 4), (sarif.clone(), 1)];
        if env.database.is_none() {
            places.push((env.wfc_home.join("knowledge"), 1));
        }
        for (place, expect) in places {
            let mut found = Vec::new();
            files_containing(&place, file, &mut found);
            assert_eq!(found.len(), expect, "{file} in {place:?}: {found:?}");
        }
        for piece in &pieces {
            for (what, text) in [
                ("stdout", &r.stdout),
                ("stderr", &r.stderr),
                ("job row", &shown.stdout),
                ("audit", &audit.stdout),
            ] {
                assert!(!text.contains(piece.as_str()), "{file}: leaked into {what}");
            }
            // Reports, SARIF, the database (with its WAL) and the knowledge base.
            let mut leaks = Vec::new();
            files_containing(&path.join(".wfc"), piece, &mut leaks);
            files_containing(&env.wfc_home, piece, &mut leaks);
            files_containing(&sarif, piece, &mut leaks);
            assert!(leaks.is_empty(), "{file}: leaked into {leaks:?}");
            if env.database.is_some() {
                let dump = env.store_dump();
                assert!(
                    !dump.contains(piece.as_str()),
                    "{file}: leaked into the store"
                );
            }
        }
    }
}

#[test]
fn wfc_allow_on_the_line_lets_a_known_credential_through_and_nothing_else() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "repo");
    stage_file(
        &repo,
        "tests/fixtures/settings.py",
        &format!(
            "AWS_ACCESS_KEY_ID = \"{}\"  # wfc:allow sec.aws-access-key -- revoked sample\n",
            aws_key()
        ),
    );
    let (r, v) = review_json(&env, &path, &["--staged"]);
    r.success();
    assert_eq!(v["passed"], true);
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");

    // Another rule's id does not silence it.
    stage_file(
        &repo,
        "tests/fixtures/settings.py",
        &format!(
            "AWS_ACCESS_KEY_ID = \"{}\"  # wfc:allow sec.generic-secret\n",
            aws_key()
        ),
    );
    let (r, v) = review_json(&env, &path, &["--staged"]);
    r.code(1);
    assert_eq!(
        v["findings"][0]["rules"],
        serde_json::json!(["sec.aws-access-key"])
    );
    assert!(!r.stdout.contains(&aws_key()), "{r}");
}
