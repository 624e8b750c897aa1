//! What the main commands print, as a user sees it: stdout, stderr and the exit status, as
//! snapshots. Paths under the test root, job ids, times and durations are replaced by stable
//! placeholders so that a snapshot changes only when the output really does.

use std::path::Path;

use crate::harness::{Run, TestEnv};
use crate::hooks::{HARMLESS, write};

fn shown(env: &TestEnv, r: &Run) -> String {
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    );
    let text = crate::harness::redact(env, &text);
    let rules: [(&str, &str); 7] = [
        (r"\[\d{4}-\d{2}-\d{2}\]", "[DATE]"),
        (r"r\d{14}-[0-9a-f]{12}", "[JOB]"),
        (
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?",
            "[TIME]",
        ),
        // Right-aligned durations: the padding goes with the digits.
        (r" *\b\d+ ?ms\b", " [MS]"),
        (r"\b[0-9a-f]{40}\b", "[OID]"),
        (r"\b[0-9a-f]{10,12}\b", "[SHORT]"),
        (r"\b\d+(\.\d+)?s\b", "[SECS]"),
    ];
    rules.iter().fold(text, |t, (re, to)| {
        regex::Regex::new(re)
            .unwrap()
            .replace_all(&t, *to)
            .into_owned()
    })
}

fn run(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    shown(env, &env.wfc(dir, args))
}

#[test]
fn worktree_commands() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    insta::assert_snapshot!(run(&env, &repo, &["--developer-id", "alice", "worktree", "create", "fix-1"]), @r#"
    exit: 0
    --- stdout
    [ROOT]/repo/.worktrees/repo/wfc-fix-1
    --- stderr
    created the worktree of task fix-1 on new branch wfc/repo/fix-1 at [SHORT]
    commits in it are authored by WFC Agent (alice) <wfc+alice@noreply.local>
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["worktree", "path", "fix-1"]), @r#"
    exit: 0
    --- stdout
    [ROOT]/repo/.worktrees/repo/wfc-fix-1
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["worktree", "create", "../x"]), @r#"
    exit: 2
    --- stdout
    --- stderr
    error: invalid task id: "../x" contains '.'; it must match ^[A-Za-z0-9_-]{1,64}$
    hint: ids may contain only letters, digits, `_` and `-`, 1 to 64 characters, and may not start with `-`
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["worktree", "remove", "nope"]), @r#"
    exit: 1
    --- stdout
    --- stderr
    error: no worktree for task nope in project repo
    hint: create it with `wfc worktree create nope`; `wfc worktree list --all-projects` shows every project's worktrees
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["worktree", "remove", "fix-1"]), @r#"
    exit: 0
    --- stdout
    --- stderr
    removed the worktree of task fix-1 (.worktrees/repo/wfc-fix-1)
    deleted branch wfc/repo/fix-1
    "#);
}

#[test]
fn review_commands() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    insta::assert_snapshot!(run(&env, &repo, &["review"]), @r#"
    exit: 0
    --- stdout
    nothing to review: no working tree changes
    --- stderr
    "#);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    insta::assert_snapshot!(run(&env, &repo, &["review", "--no-learn", "--task-id", "t"]), @r#"
    exit: 0
    --- stdout
    PASSED  CS 0.000 (informational, fails at important)  task t  job [JOB]
      security         ok [MS]  0 findings
      correctness      ok [MS]  0 findings
      performance      ok [MS]  0 findings
      maintainability  ok [MS]  0 findings
      reliability      ok [MS]  0 findings
    0 findings from 5 reviewers; consensus score 0.000 (informational), below the fail threshold (important)
    report: [ROOT]/repo/.wfc/output/repo/jobs/[JOB].md
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["review", "--reviewers", "bogus"]), @r#"
    exit: 2
    --- stdout
    --- stderr
    error: unknown reviewer "bogus"
    hint: valid reviewers: security, correctness, performance, maintainability, reliability (external ones come from [[review.reviewer]] in the config)
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["review", "show", "r1"]), @r#"
    exit: 1
    --- stdout
    --- stderr
    error: no review job "r1"
    hint: `wfc review list --all-projects` lists the jobs
    "#);
}

#[test]
fn knowledge_commands() {
    let env = TestEnv::new();
    if env.sqlite_only("the snapshot names KNOWLEDGE.md files") {
        return;
    }
    let repo = env.init_repo("repo");
    insta::assert_snapshot!(run(&env, &repo, &["knowledge", "append", "--reviewer", "security", "--section", "repo_rules", "--text", "secrets come from vault"]), @r#"
    exit: 0
    --- stdout
    added to repo_rules of [ROOT]/repo/.wfc/knowledge/reviewers/security/KNOWLEDGE.md: - [DATE] secrets come from vault (Source: manual, Developer: owner)
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["knowledge", "append", "--reviewer", "nobody", "--section", "repo_rules", "--text", "x"]), @r#"
    exit: 2
    --- stdout
    --- stderr
    error: unknown reviewer "nobody"; valid reviewers: security, correctness, performance, maintainability, reliability
    hint: reviewers are the five built-in ones and the ids of [[review.reviewer]] entries in the config
    "#);
}

#[test]
fn usage_errors_and_json_errors() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    insta::assert_snapshot!(run(&env, &repo, &["frobnicate"]), @r#"
    exit: 2
    --- stdout
    --- stderr
    error: unrecognized subcommand 'frobnicate'

    Usage: wfc [OPTIONS] <COMMAND>

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["--json", "worktree", "path", "nope"]), @r#"
    exit: 1
    --- stdout
    {
      "error": {
        "causes": [],
        "exit_code": 1,
        "hints": [
          "create it with `wfc worktree create nope`; `wfc worktree list --all-projects` shows every project's worktrees"
        ],
        "kind": "failed",
        "message": "no worktree for task nope in project repo"
      }
    }
    --- stderr
    error: no worktree for task nope in project repo
    hint: create it with `wfc worktree create nope`; `wfc worktree list --all-projects` shows every project's worktrees
    "#);
}

#[test]
fn gate_audit_trust_hook_and_cleanup_commands() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    insta::assert_snapshot!(run(&env, &repo, &["gate", "check"]), @r#"
    exit: 1
    --- stdout
    --- stderr
    error: the staged change ([SHORT]) has no passing or bypassed review
      caused by: it was never reviewed
    hint: review it with `wfc review --staged`
    "#);
    env.wfc(&repo, ["review", "--no-learn", "--task-id", "t"])
        .success();
    insta::assert_snapshot!(run(&env, &repo, &["gate", "check"]), @r#"
    exit: 0
    --- stdout
    the staged change ([SHORT]) passes the gate: review [JOB] (passed)
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["audit", "verify"]), @r#"
    exit: 0
    --- stdout
    ok: audit trail intact: 1 rows, every link verified
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["trust", "--show"]), @r#"
    exit: 0
    --- stdout
    [ROOT]/repo/.wfc/config.toml does not exist: nothing to trust
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["hook", "status"]), @r#"
    exit: 0
    --- stdout
    hooks directory: [ROOT]/repo/.git/hooks
    owner: none
    pre-commit: not installed
    commit-msg: not installed
    --- stderr
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["cleanup", "--dry-run"]), @r#"
    exit: 0
    --- stdout
    --- stderr
    nothing to clean up
    "#);
    insta::assert_snapshot!(run(&env, &repo, &["cleanup", "--watch", "0s"]), @r#"
    exit: 2
    --- stdout
    --- stderr
    error: --watch needs an interval above zero
    "#);
}
