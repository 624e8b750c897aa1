//! `wfc worktree create|list|path|status|remove|copy-env`: layout, ids, attribution, env files,
//! the creation lock under concurrency, roll-back, leases and pool limits.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Run, TestEnv, redact, wait_all};

/// Runs a prepared command and collects what it did.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The real git CLI without the harness's GIT_AUTHOR_*/GIT_COMMITTER_* variables, so that the
/// identity comes from git's config files, as it does for a user.
pub fn git_config_identity(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    run(Command::new("git")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("GIT_CONFIG_GLOBAL", env.home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .current_dir(dir)
        .args(args))
}

pub fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::to_string).collect()
}

/// Local branches, sorted.
pub fn branches(env: &TestEnv, repo: &Path) -> Vec<String> {
    let r = env.git(repo, ["branch", "--format=%(refname:short)"]);
    r.success();
    let mut b = lines(&r.stdout);
    b.sort();
    b
}

/// Paths of `git worktree list`, main checkout first.
pub fn git_worktrees(env: &TestEnv, repo: &Path) -> Vec<String> {
    let r = env.git(repo, ["worktree", "list", "--porcelain"]);
    r.success();
    r.stdout
        .lines()
        .filter_map(|l| l.strip_prefix("worktree "))
        .map(str::to_string)
        .collect()
}

pub fn count(env: &TestEnv, sql: &str) -> i64 {
    env.count(sql)
}

fn wt(repo: &Path, project: &str, task: &str) -> PathBuf {
    repo.join(".worktrees")
        .join(project)
        .join(format!("wfc-{task}"))
}

#[test]
fn create_prints_the_path_alone_and_lays_out_the_namespace() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let r = env.wfc(&repo, ["--project-id", "alpha", "worktree", "create", "t1"]);
    r.success();
    let path = wt(&repo, "alpha", "t1");
    assert_eq!(r.stdout, format!("{}\n", path.display()));
    assert!(path.join("README.md").is_file());
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/alpha/t1"]);
    let head = env.git(&path, ["rev-parse", "--abbrev-ref", "HEAD"]);
    assert_eq!(head.stdout.trim(), "wfc/alpha/t1");
    // The namespace is excluded, so the main checkout stays clean.
    let exclude = std::fs::read_to_string(repo.join(".git/info/exclude")).unwrap();
    assert!(exclude.lines().any(|l| l == ".worktrees/"), "{exclude}");
    assert_eq!(env.git(&repo, ["status", "--porcelain"]).stdout, "");
    // Path and its aliases.
    for cmd in ["path", "go", "switch"] {
        let p = env.wfc(&repo, ["--project-id", "alpha", "worktree", cmd, "t1"]);
        p.success();
        assert_eq!(p.stdout, r.stdout, "{cmd}");
    }
    let missing = env.wfc(&repo, ["--project-id", "alpha", "worktree", "path", "nope"]);
    missing.code(1);
    assert!(missing.stdout.is_empty());
    insta::assert_snapshot!(redact(&env, &missing.stderr), @r"
    error: no worktree for task nope in project alpha
    hint: create it with `wfc worktree create nope`; `wfc worktree list --all-projects` shows every project's worktrees
    ");
}

#[test]
fn the_same_task_in_two_projects_never_collides() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["--project-id", "a", "worktree", "create", "same"])
        .success();
    env.wfc(&repo, ["--project-id", "b", "worktree", "create", "same"])
        .success();
    assert!(wt(&repo, "a", "same").join(".git").exists());
    assert!(wt(&repo, "b", "same").join(".git").exists());
    assert_eq!(
        branches(&env, &repo),
        vec!["main", "wfc/a/same", "wfc/b/same"]
    );
    let a = env.wfc(&repo, ["--project-id", "a", "--json", "worktree", "list"]);
    let a = a.json();
    assert_eq!(a.as_array().unwrap().len(), 1);
    assert_eq!(a[0]["project_id"], "a");
    let all = env.wfc(&repo, ["--json", "worktree", "list", "--all-projects"]);
    assert_eq!(all.json().as_array().unwrap().len(), 2);
}

#[test]
fn hostile_task_ids_are_usage_errors_and_create_nothing() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let long = "x".repeat(65);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["../x".into()], "\"../x\" contains '.'"),
        (vec!["a/b".into()], "\"a/b\" contains '/'"),
        (vec!["--".into(), "-rf".into()], "\"-rf\" starts with `-`"),
        (vec![long.clone()], "is 65 characters long"),
        (vec!["".into()], "\"\" is empty"),
        (vec!["..".into()], "contains '.'"),
        (vec!["a\tb".into()], "contains '\\t'"),
    ];
    for (tail, expect) in cases {
        for cmd in ["create", "remove", "path", "copy-env", "status"] {
            let mut args = vec!["worktree".to_string(), cmd.to_string()];
            args.extend(tail.iter().cloned());
            let r = env.wfc(&repo, &args);
            r.code(2);
            assert!(r.stderr.contains(expect), "{args:?}: {r}");
            assert!(r.stderr.contains("invalid task id"), "{args:?}: {r}");
            assert!(r.stdout.is_empty(), "{args:?}: {r}");
        }
    }
    // `--base=` form with a hostile task after it.
    let r = env.wfc(&repo, ["worktree", "create", "--base=main", "--", "-rf"]);
    r.code(2);
    assert!(!repo.join(".worktrees").exists(), "nothing may be created");
    assert_eq!(branches(&env, &repo), vec!["main"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 1);
    assert!(
        !env.wfc_home.join("wfc.db").exists(),
        "no store may be made"
    );
}

#[test]
fn attribution_is_per_worktree_and_leaves_the_main_identity_alone() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let alice = env.wfc(
        &repo,
        ["--developer-id", "alice", "worktree", "create", "ta"],
    );
    alice.success();
    let bob = env
        .wfc_cmd(&repo)
        .env("WFC_DEVELOPER_ID", "bob")
        .args(["worktree", "create", "tb"])
        .output()
        .unwrap();
    assert_eq!(bob.status.code(), Some(0));
    let cfg = |key: &str| {
        git_config_identity(&env, &repo, &["config", "--file", ".git/config", key])
            .stdout
            .trim()
            .to_string()
    };
    assert_eq!(cfg("extensions.worktreeConfig"), "true");
    assert_eq!(cfg("core.repositoryformatversion"), "1");

    let commit_in = |dir: &Path, file: &str| {
        std::fs::write(dir.join(file), file).unwrap();
        git_config_identity(&env, dir, &["add", file]).success();
        git_config_identity(&env, dir, &["commit", "-q", "-m", file]).success();
        git_config_identity(&env, dir, &["log", "-1", "--format=%an <%ae>|%cn <%ce>"])
            .stdout
            .trim()
            .to_string()
    };
    assert_eq!(
        commit_in(&wt(&repo, "repo", "ta"), "a.txt"),
        "WFC Agent (alice) <wfc+alice@noreply.local>|WFC Agent (alice) <wfc+alice@noreply.local>"
    );
    assert_eq!(
        commit_in(&wt(&repo, "repo", "tb"), "b.txt"),
        "WFC Agent (bob) <wfc+bob@noreply.local>|WFC Agent (bob) <wfc+bob@noreply.local>"
    );
    assert_eq!(
        commit_in(&repo, "m.txt"),
        "Repo Owner <owner@example.com>|Repo Owner <owner@example.com>"
    );
    // git2 (libgit2) still opens everything, and wfc keeps working on the repository.
    git2::Repository::open(&repo).unwrap();
    let a = git2::Repository::open(wt(&repo, "repo", "ta")).unwrap();
    assert_eq!(
        a.config().unwrap().get_string("user.email").unwrap(),
        "wfc+alice@noreply.local"
    );
    let list = env.wfc(&repo, ["--json", "worktree", "list"]);
    let list = list.json();
    let devs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["developer_id"].as_str().unwrap())
        .collect();
    assert_eq!(devs, vec!["alice", "bob"]);
    // A derived developer id (from git's user.email here) leaves the identity as it is.
    env.wfc(&repo, ["worktree", "create", "tc"]).success();
    assert_eq!(
        commit_in(&wt(&repo, "repo", "tc"), "c.txt"),
        "Repo Owner <owner@example.com>|Repo Owner <owner@example.com>"
    );
}

#[test]
fn exist_ok_base_and_reattaching_an_unused_branch() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let first = env
        .git(&repo, ["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string();
    {
        let r = git2::Repository::open(&repo).unwrap();
        crate::harness::commit_file(&r, "second.txt", "2\n", "second");
    }
    let r = env.wfc(
        &repo,
        ["--json", "worktree", "create", "t", "--base", &first],
    );
    r.success();
    let j = r.json();
    assert_eq!(j["created"], true);
    assert_eq!(j["reattached"], false);
    assert_eq!(j["base"], first.as_str());
    let path = wt(&repo, "repo", "t");
    assert!(!path.join("second.txt").exists());

    let again = env.wfc(&repo, ["worktree", "create", "t"]);
    again.code(1);
    assert!(again.stderr.contains("already exists"), "{again}");
    let ok = env.wfc(&repo, ["worktree", "create", "t", "--exist-ok"]);
    ok.success();
    assert_eq!(ok.stdout.trim(), path.to_string_lossy());

    // Work on the branch, remove the worktree (the unmerged branch stays), create it again:
    // the branch is checked out again with its commit.
    std::fs::write(path.join("work.txt"), "w").unwrap();
    env.git(&path, ["add", "work.txt"]).success();
    env.git(&path, ["commit", "-q", "-m", "work"]).success();
    let rm = env.wfc(&repo, ["worktree", "remove", "t"]);
    rm.success();
    assert!(
        rm.stderr.contains("kept branch wfc/repo/t: not merged"),
        "{rm}"
    );
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/repo/t"]);
    let r = env.wfc(&repo, ["--json", "worktree", "create", "t"]);
    r.success();
    assert_eq!(r.json()["reattached"], true);
    assert!(path.join("work.txt").exists());

    let bad = env.wfc(&repo, ["worktree", "create", "u", "--base", "no-such-ref"]);
    bad.code(2);
    assert!(
        bad.stderr
            .contains("cannot resolve the base \"no-such-ref\""),
        "{bad}"
    );
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/repo/t"]);
}

#[test]
fn env_files_are_copied_backed_up_and_do_not_count_as_changes() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    {
        let r = git2::Repository::open(&repo).unwrap();
        crate::harness::commit_file(&r, ".tool-versions", "rust 1.0\n", "tools");
    }
    for (f, c) in [
        (".env", "A=1\n"),
        (".env.local", "B=2\n"),
        (".env.example", "A=\n"),
        (".nvmrc", "20\n"),
        (".tool-versions", "rust 9.9\n"),
    ] {
        std::fs::write(repo.join(f), c).unwrap();
    }
    let r = env.wfc(&repo, ["--json", "worktree", "create", "t"]);
    r.success();
    let j = r.json();
    assert_eq!(
        j["copy"]["copied"],
        serde_json::json!([".env", ".env.local", ".nvmrc"])
    );
    let path = wt(&repo, "repo", "t");
    assert_eq!(std::fs::read_to_string(path.join(".env")).unwrap(), "A=1\n");
    assert!(!path.join(".env.example").exists());
    // A tracked file is never overwritten by the main checkout's edited copy.
    assert_eq!(
        std::fs::read_to_string(path.join(".tool-versions")).unwrap(),
        "rust 1.0\n"
    );
    // Copied files are untracked here (not ignored), yet the worktree counts as clean.
    let st = env.git(&path, ["status", "--porcelain"]);
    assert!(st.stdout.contains("?? .env"), "{st}");
    let list = env.wfc(&repo, ["--json", "worktree", "list"]).json();
    assert_eq!(list[0]["dirty"], 0);
    let status = env.wfc(&repo, ["worktree", "status", "t"]);
    status.success();
    assert_eq!(status.stdout, "## t (wfc/repo/t) clean\n");

    // Editing a copy makes it a change.
    std::fs::write(path.join(".env"), "A=edited\n").unwrap();
    let list = env.wfc(&repo, ["--json", "worktree", "list"]).json();
    assert_eq!(list[0]["dirty"], 1);
    // copy-env puts the main checkout's version back and keeps the edited one as a backup.
    std::fs::write(repo.join(".env"), "A=2\n").unwrap();
    let c = env.wfc(&repo, ["worktree", "copy-env", "t"]);
    c.success();
    assert_eq!(c.stdout, ".env\n");
    assert!(
        c.stderr
            .contains("backed up the previous .env to .env.wfc-backup-"),
        "{c}"
    );
    assert_eq!(std::fs::read_to_string(path.join(".env")).unwrap(), "A=2\n");
    let backup = std::fs::read_dir(&path)
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".env.wfc-backup-")
        })
        .expect("a backup");
    assert_eq!(
        std::fs::read_to_string(backup.path()).unwrap(),
        "A=edited\n"
    );
    // The `env` alias; nothing left to copy.
    let again = env.wfc(&repo, ["worktree", "env", "t"]);
    again.success();
    assert_eq!(again.stdout, "");
    // The backup holds the user's edit: it is a change, the fresh copy is not.
    let list = env.wfc(&repo, ["--json", "worktree", "list"]).json();
    assert_eq!(list[0]["dirty"], 1);

    // --no-copy-env, and worktree.copy from the repository config.
    env.wfc(&repo, ["worktree", "create", "bare", "--no-copy-env"])
        .success();
    assert!(!wt(&repo, "repo", "bare").join(".env").exists());
    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::fs::write(
        repo.join(".wfc/config.toml"),
        "[worktree]\ncopy = [\".nvmrc\"]\n",
    )
    .unwrap();
    let r = env.wfc(&repo, ["--json", "worktree", "create", "cfg"]);
    r.success();
    assert_eq!(r.json()["copy"]["copied"], serde_json::json!([".nvmrc"]));
    std::fs::write(
        repo.join(".wfc/config.toml"),
        "[worktree]\ncopy = [\"../outside\"]\n",
    )
    .unwrap();
    let bad = env.wfc(&repo, ["worktree", "create", "bad"]);
    bad.code(2);
    assert!(
        bad.stderr.contains("invalid worktree.copy pattern"),
        "{bad}"
    );
    assert!(!wt(&repo, "repo", "bad").exists());
    assert!(!branches(&env, &repo).contains(&"wfc/repo/bad".to_string()));
}

#[test]
fn fifty_concurrent_creates_give_fifty_worktrees_and_nothing_else() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::write(repo.join(".env"), "A=1\n").unwrap();
    let children: Vec<_> = (0..50)
        .map(|i| {
            env.spawn(
                &repo,
                [
                    "--developer-id".to_string(),
                    format!("dev{i}"),
                    "worktree".into(),
                    "create".into(),
                    format!("task-{i}"),
                ],
            )
        })
        .collect();
    let runs = wait_all(children);
    for (i, r) in runs.iter().enumerate() {
        r.success();
        assert_eq!(
            r.stdout,
            format!("{}\n", wt(&repo, "repo", &format!("task-{i}")).display())
        );
        assert!(!r.stderr.contains("could not lock"), "{r}");
    }
    let mut expected: Vec<String> = (0..50).map(|i| format!("wfc/repo/task-{i}")).collect();
    expected.push("main".into());
    expected.sort();
    assert_eq!(branches(&env, &repo), expected);
    assert_eq!(git_worktrees(&env, &repo).len(), 51);
    let dirs = std::fs::read_dir(repo.join(".worktrees/repo"))
        .unwrap()
        .count();
    assert_eq!(dirs, 50);
    assert!(!repo.join(".worktrees/.trash").exists());
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 50);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit WHERE action = 'worktree.create'"
        ),
        50
    );
    for i in [0, 17, 49] {
        let p = wt(&repo, "repo", &format!("task-{i}"));
        assert_eq!(std::fs::read_to_string(p.join(".env")).unwrap(), "A=1\n");
        let who = git_config_identity(&env, &p, &["config", "user.name"]);
        assert_eq!(who.stdout.trim(), format!("WFC Agent (dev{i})"));
    }
    env.git(&repo, ["fsck", "--no-progress"]).success();
    env.wfc(&repo, ["audit", "verify"]).success();
}

#[test]
fn ten_concurrent_creates_of_one_task_give_one_worktree_and_nine_clean_errors() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let children: Vec<_> = (0..10)
        .map(|_| env.spawn(&repo, ["worktree", "create", "same"]))
        .collect();
    let runs = wait_all(children);
    let ok: Vec<&Run> = runs.iter().filter(|r| r.code == 0).collect();
    let failed: Vec<&Run> = runs.iter().filter(|r| r.code == 1).collect();
    assert_eq!(ok.len(), 1, "{runs:#?}");
    assert_eq!(failed.len(), 9, "{runs:#?}");
    for f in failed {
        assert!(f.stdout.is_empty(), "{f}");
        // Narration ("waiting for lock at ...") may come first; then exactly one error.
        let errors: Vec<&str> = f
            .stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert_eq!(errors.len(), 1, "{f}");
        assert!(
            errors[0].starts_with("error: the worktree of task same already exists at "),
            "{f}"
        );
    }
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/repo/same"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 2);
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 1);
}

#[test]
fn a_failure_inside_the_lock_rolls_back_the_branch() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // `.worktrees/p` is a file: the branch is made, then the folder cannot be.
    std::fs::create_dir_all(repo.join(".worktrees")).unwrap();
    std::fs::write(repo.join(".worktrees/p"), "not a folder").unwrap();
    let r = env.wfc(&repo, ["--project-id", "p", "worktree", "create", "t"]);
    r.code(1);
    assert!(r.stderr.contains("p: it is not a directory"), "{r}");
    assert_eq!(branches(&env, &repo), vec!["main"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 1);
    assert!(!repo.join(".git/worktrees/wfc.p.t").exists());
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 0);
}

#[test]
fn a_failure_after_the_lock_rolls_back_branch_worktree_metadata_and_lease() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // At the base commit `sub` is a file; the main checkout has a folder `sub/` with an env file
    // in it, so copying `sub/.env` into the new worktree fails after it was made.
    let base = {
        let r = git2::Repository::open(&repo).unwrap();
        crate::harness::commit_file(&r, "sub", "file\n", "sub is a file");
        let base = env
            .git(&repo, ["rev-parse", "HEAD"])
            .stdout
            .trim()
            .to_string();
        env.git(&repo, ["rm", "-q", "sub"]).success();
        env.git(&repo, ["commit", "-q", "-m", "drop sub"]).success();
        crate::harness::commit_file(&r, "sub/keep.txt", "k\n", "sub is a folder");
        base
    };
    std::fs::write(repo.join("sub/.env"), "S=1\n").unwrap();
    let r = env
        .wfc_cmd(&repo)
        .env("WFC_WORKTREE_COPY", "sub/.env")
        .args([
            "--developer-id",
            "alice",
            "worktree",
            "create",
            "t",
            "--base",
            &base,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("wfc-t/sub"), "{stderr}");
    assert!(r.stdout.is_empty());
    assert_eq!(branches(&env, &repo), vec!["main"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 1);
    assert!(!wt(&repo, "repo", "t").exists());
    assert!(!repo.join(".git/worktrees/wfc.repo.t").exists());
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 0);
    // And the task can be made once the cause is gone.
    env.wfc(
        &repo,
        ["worktree", "create", "t", "--base", &base, "--no-copy-env"],
    )
    .success();
}

#[test]
fn a_held_lock_is_reported_and_times_out_with_exit_4() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let lock_path = repo.join(".git/wfc-worktrees.lock");
    let held =
        wfc::lock::FileLock::acquire(&lock_path, Duration::from_secs(5), &mut |_| {}).unwrap();
    let r = run(env
        .wfc_cmd(&repo)
        .env("WFC_WORKTREE_LOCK_TIMEOUT", "1")
        .args(["worktree", "create", "t"]));
    r.code(4);
    assert!(
        r.stderr
            .contains(&format!("waiting for lock at {}", lock_path.display())),
        "{r}"
    );
    assert!(r.stderr.contains("timed out"), "{r}");
    assert_eq!(branches(&env, &repo), vec!["main"]);
    drop(held);
    env.wfc(&repo, ["worktree", "create", "t"]).success();
}

#[test]
fn remove_refuses_dirty_worktrees_and_settles_the_branch() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    let path = wt(&repo, "repo", "t");
    std::fs::write(path.join("wip.txt"), "wip").unwrap();
    let r = env.wfc(&repo, ["worktree", "rm", "t"]);
    r.code(1);
    insta::assert_snapshot!(r.stderr, @r"
    error: the worktree of task t has 1 uncommitted change(s): ?? wip.txt
    hint: commit or stash the changes, or pass --force to discard them
    ");
    assert!(path.join("wip.txt").exists());
    // From inside the worktree: refused, the shell would be left in a deleted folder.
    std::fs::remove_file(path.join("wip.txt")).unwrap();
    let inside = env.wfc(&path, ["worktree", "remove", "t"]);
    inside.code(1);
    assert!(
        inside.stderr.contains("the current directory is inside"),
        "{inside}"
    );
    // A clean worktree on a merged branch: both go.
    let r = env.wfc(&repo, ["--json", "worktree", "remove", "t"]);
    r.success();
    let j = r.json();
    assert_eq!(j["worktree_removed"], true);
    assert_eq!(j["branch_deleted"], true);
    assert!(!path.exists());
    assert_eq!(branches(&env, &repo), vec!["main"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 1);
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 0);

    // Dirty with --force, unmerged branch with --delete-branch.
    env.wfc(&repo, ["worktree", "create", "u"]).success();
    let upath = wt(&repo, "repo", "u");
    std::fs::write(upath.join("c.txt"), "c").unwrap();
    env.git(&upath, ["add", "c.txt"]).success();
    env.git(&upath, ["commit", "-q", "-m", "c"]).success();
    std::fs::write(upath.join("dirty.txt"), "d").unwrap();
    env.wfc(
        &repo,
        ["worktree", "remove", "u", "--force", "--delete-branch"],
    )
    .success();
    assert!(!upath.exists());
    assert_eq!(branches(&env, &repo), vec!["main"]);
    let none = env.wfc(&repo, ["worktree", "remove", "u"]);
    none.code(1);
    assert!(none.stderr.contains("no worktree for task u"), "{none}");
    assert!(!repo.join(".worktrees/.trash").exists());
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit WHERE action = 'worktree.remove'"
        ),
        2
    );
}

#[test]
fn list_json_status_and_last_use_inside_a_worktree() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let at =
        |now: &str, dir: &Path, args: &[&str]| run(env.wfc_cmd(dir).env("WFC_NOW", now).args(args));
    at(
        "2026-03-01T00:00:00Z",
        &repo,
        &[
            "worktree",
            "create",
            "t",
            "--owner-pid",
            &std::process::id().to_string(),
        ],
    )
    .success();
    let path = wt(&repo, "repo", "t");
    std::fs::write(path.join("a.txt"), "a").unwrap();
    std::fs::write(path.join("README.md"), "changed").unwrap();
    // A command run inside the worktree marks it used.
    at("2026-03-03T00:00:00Z", &path, &["worktree", "status"]).success();
    let list = at(
        "2026-03-03T06:00:00Z",
        &repo,
        &["--json", "worktree", "list"],
    );
    list.success();
    let j = list.json();
    let e = &j[0];
    for key in [
        "project_id",
        "task_id",
        "path",
        "branch",
        "developer_id",
        "owner_pid",
        "owner_alive",
        "dirty",
        "created_at",
        "last_used_at",
        "age",
    ] {
        assert!(e.get(key).is_some(), "{key} missing in {e}");
    }
    assert_eq!(e["project_id"], "repo");
    assert_eq!(e["task_id"], "t");
    assert_eq!(e["branch"], "wfc/repo/t");
    assert_eq!(e["developer_id"], "owner");
    assert_eq!(e["owner_pid"], std::process::id());
    assert_eq!(e["owner_alive"], true);
    assert_eq!(e["dirty"], 2);
    assert_eq!(e["created_at"], "2026-03-01T00:00:00.000000Z");
    assert_eq!(e["last_used_at"], "2026-03-03T00:00:00.000000Z");
    assert_eq!(e["age"], "2d");
    assert_eq!(e["idle"], "6h");

    let text = at("2026-03-03T06:00:00Z", &repo, &["worktree", "ls"]);
    text.success();
    let pid = std::process::id().to_string();
    let fields: Vec<Vec<&str>> = text
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        fields,
        vec![
            vec![
                "TASK",
                "BRANCH",
                "DEVELOPER",
                "OWNER",
                "DIRTY",
                "AGE",
                "IDLE",
                "STATE"
            ],
            vec![
                "t",
                "wfc/repo/t",
                "owner",
                pid.as_str(),
                "2",
                "2d",
                "6h",
                "ok"
            ],
        ]
    );
    let st = env.wfc(&repo, ["--json", "worktree", "status"]);
    let st = st.json();
    assert_eq!(
        st[0]["changes"],
        serde_json::json!([
            { "code": " M", "path": "README.md" },
            { "code": "??", "path": "a.txt" }
        ])
    );
    let text = env.wfc(&repo, ["worktree", "status"]);
    assert_eq!(
        text.stdout,
        "## t (wfc/repo/t) 2 change(s)\n M README.md\n?? a.txt\n"
    );
}

#[test]
fn commands_outside_task_worktrees_do_not_open_the_store() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "path", "x"]).code(1);
    // A plain linked worktree that wfc did not make is not a task worktree either.
    env.git(&repo, ["worktree", "add", "-q", "-b", "other", "../other"])
        .success();
    env.wfc(&env.root.join("other"), ["worktree", "path", "x"])
        .code(1);
    assert!(!env.wfc_home.join("wfc.db").exists());
}

fn wfc_with(env: &TestEnv, dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = env.wfc_cmd(dir);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    run(cmd.args(args))
}

#[test]
fn pool_limits_refuse_with_exit_4_or_evict_the_least_recently_used() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let limit = [("WFC_WORKTREE_MAX_PER_PROJECT", "2")];
    let me = std::process::id().to_string();
    wfc_with(&env, &repo, &limit, &["worktree", "create", "a"]).success();
    wfc_with(
        &env,
        &repo,
        &limit,
        &["worktree", "create", "b", "--owner-pid", &me],
    )
    .success();
    let full = wfc_with(&env, &repo, &limit, &["worktree", "create", "c"]);
    full.code(4);
    insta::assert_snapshot!(full.stderr, @r"
    error: the worktree pool is full: project repo has 2 of worktree.max_per_project = 2 worktrees
    hint: remove a worktree (`wfc worktree remove <task>`), run `wfc cleanup`, or raise worktree.max_per_project / worktree.max_total
    hint: `--wait SECS` waits for a free slot; `--evict` removes the least recently used clean worktree with no live owner
    ");
    assert!(!wt(&repo, "repo", "c").exists());
    assert!(!branches(&env, &repo).contains(&"wfc/repo/c".to_string()));
    // Other projects have their own per-project pool.
    wfc_with(
        &env,
        &repo,
        &limit,
        &["--project-id", "other", "worktree", "create", "c"],
    )
    .success();

    // `a` is dirty, `b` has a live owner: nothing may be evicted.
    std::fs::write(wt(&repo, "repo", "a").join("wip"), "x").unwrap();
    let r = wfc_with(&env, &repo, &limit, &["worktree", "create", "c", "--evict"]);
    r.code(4);
    // Clean again: `a` is the one to go.
    std::fs::remove_file(wt(&repo, "repo", "a").join("wip")).unwrap();
    let r = wfc_with(
        &env,
        &repo,
        &limit,
        &["--json", "worktree", "create", "c", "--evict"],
    );
    r.success();
    let j = r.json();
    assert_eq!(j["evicted"][0]["task_id"], "a");
    assert!(!wt(&repo, "repo", "a").exists());
    assert!(wt(&repo, "repo", "b").exists());
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM telemetry_events WHERE kind = 'worktree.removed'"
        ),
        1
    );

    // The repository-wide limit counts every project.
    let total = [("WFC_WORKTREE_MAX_TOTAL", "3")];
    let r = wfc_with(
        &env,
        &repo,
        &total,
        &["--project-id", "third", "worktree", "create", "x"],
    );
    r.code(4);
    assert!(
        r.stderr
            .contains("the repository has 3 of worktree.max_total = 3"),
        "{r}"
    );
}

#[test]
fn wait_takes_the_slot_that_frees_up() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let limit = [("WFC_WORKTREE_MAX_TOTAL", "1")];
    wfc_with(&env, &repo, &limit, &["worktree", "create", "a"]).success();
    // Short wait, nothing frees up: exit 4 after waiting.
    let r = wfc_with(
        &env,
        &repo,
        &limit,
        &["worktree", "create", "b", "--wait", "1"],
    );
    r.code(4);
    assert!(r.stderr.contains("waiting up to 1s for a free slot"), "{r}");

    let mut child = env
        .wfc_cmd(&repo)
        .env("WFC_WORKTREE_MAX_TOTAL", "1")
        .args(["worktree", "create", "b", "--wait", "300"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(
        first.contains("waiting up to 5m for a free slot"),
        "{first}"
    );
    env.wfc(&repo, ["worktree", "remove", "a"]).success();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "the waiting create did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert!(wt(&repo, "repo", "b").join(".git").exists());
}

#[test]
fn ctrl_c_while_waiting_for_the_lock_exits_130_and_leaves_nothing() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let lock_path = repo.join(".git/wfc-worktrees.lock");
    let held =
        wfc::lock::FileLock::acquire(&lock_path, Duration::from_secs(5), &mut |_| {}).unwrap();
    let mut child = env
        .wfc_cmd(&repo)
        .args(["worktree", "create", "t"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(first.starts_with("waiting for lock at"), "{first}");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "wfc did not stop");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(130));
    drop(held);
    assert_eq!(branches(&env, &repo), vec!["main"]);
    assert!(!wt(&repo, "repo", "t").exists());
}

#[test]
fn leftovers_of_a_killed_creation_do_not_block_the_task() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // The folder vanished but git's entry and the lease remain.
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    std::fs::remove_dir_all(wt(&repo, "repo", "t")).unwrap();
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    assert!(wt(&repo, "repo", "t").join("README.md").exists());
    assert_eq!(git_worktrees(&env, &repo).len(), 2);
    assert_eq!(count(&env, "SELECT count(*) FROM worktrees"), 1);
    // A half-written entry: git's folder for it exists without the files that describe it.
    std::fs::create_dir_all(repo.join(".git/worktrees/wfc.repo.u")).unwrap();
    env.wfc(&repo, ["worktree", "create", "u"]).success();
    assert!(wt(&repo, "repo", "u").join("README.md").exists());
    // A folder git does not know at the task's path is not overwritten.
    std::fs::create_dir_all(wt(&repo, "repo", "v")).unwrap();
    std::fs::write(wt(&repo, "repo", "v").join("mine.txt"), "keep").unwrap();
    let r = env.wfc(&repo, ["worktree", "create", "v"]);
    r.code(1);
    assert!(
        r.stderr
            .contains("exists but is not the registered worktree of task v"),
        "{r}"
    );
    assert!(wt(&repo, "repo", "v").join("mine.txt").exists());
    assert!(!branches(&env, &repo).contains(&"wfc/repo/v".to_string()));
    // Nor removed without --force.
    let r = env.wfc(&repo, ["worktree", "remove", "v"]);
    r.code(1);
    assert!(wt(&repo, "repo", "v").join("mine.txt").exists());
    env.wfc(&repo, ["worktree", "remove", "v", "--force"])
        .success();
    assert!(!wt(&repo, "repo", "v").exists());
}

/// Everything a finished `create` of `task` leaves, or `None` when nothing of it is left;
/// panics on anything in between.
fn whole_or_nothing(env: &TestEnv, repo: &Path, task: &str) -> Option<()> {
    let path = wt(repo, "repo", task);
    let branch = format!("wfc/repo/{task}");
    let has_branch = branches(env, repo).contains(&branch);
    let registered = git_worktrees(env, repo)
        .iter()
        .any(|p| Path::new(p) == path);
    let admin = repo.join(".git/worktrees").join(format!("wfc.repo.{task}"));
    let leases = count(
        env,
        &format!("SELECT count(*) FROM worktrees WHERE task_id = '{task}'"),
    );
    let marker = repo
        .join(".git/wfc-creating")
        .join(format!("wfc.repo.{task}"));
    let state = format!(
        "branch {has_branch}, registered {registered}, folder {}, admin {}, leases {leases}, marker {}",
        path.exists(),
        admin.exists(),
        marker.exists()
    );
    if !has_branch && !registered && !path.exists() && !admin.exists() && leases == 0 {
        assert!(!marker.exists(), "{task}: {state}");
        return None;
    }
    assert!(
        has_branch && registered && leases == 1 && !marker.exists(),
        "{task}: half made: {state}"
    );
    let status = env.git(&path, ["status", "--porcelain"]);
    status.success();
    assert_eq!(status.stdout, "", "{task}: incomplete checkout");
    let who = git_config_identity(env, &path, &["config", "user.name"]);
    assert_eq!(who.stdout.trim(), "WFC Agent (alice)", "{task}: {state}");
    Some(())
}

#[test]
fn a_create_killed_at_any_step_leaves_a_whole_worktree_or_nothing_after_cleanup() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    {
        // Enough files that the checkout takes a moment to kill it in.
        let r = git2::Repository::open(&repo).unwrap();
        for i in 0..600 {
            std::fs::create_dir_all(repo.join(format!("src/d{}", i % 20))).unwrap();
            std::fs::write(
                repo.join(format!("src/d{}/f{i}.txt", i % 20)),
                format!("{i}\n"),
            )
            .unwrap();
        }
        let mut index = r.index().unwrap();
        index
            .add_all(["src"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree = r.find_tree(index.write_tree().unwrap()).unwrap();
        let head = r.head().unwrap().peel_to_commit().unwrap();
        let sig = git2::Signature::now("T", "t@example.com").unwrap();
        r.commit(Some("HEAD"), &sig, &sig, "many files", &tree, &[&head])
            .unwrap();
    }
    // The moments to kill at, by what the creation has made so far.
    let steps = [
        "marker written",
        "branch made",
        "git entry made",
        "checkout begun",
        "identity written",
    ];
    let reached = |step: &str, t: &str| match step {
        "marker written" => repo
            .join(".git/wfc-creating")
            .join(format!("wfc.repo.{t}"))
            .exists(),
        "branch made" => repo.join(format!(".git/refs/heads/wfc/repo/{t}")).exists(),
        "git entry made" => repo.join(format!(".git/worktrees/wfc.repo.{t}")).exists(),
        "checkout begun" => wt(&repo, "repo", t).join("src").exists(),
        _ => repo
            .join(format!(".git/worktrees/wfc.repo.{t}/config.worktree"))
            .exists(),
    };
    for (i, step) in steps.into_iter().enumerate() {
        let task = format!("k{i}");
        let mut child = env
            .wfc_cmd(&repo)
            .args(["--developer-id", "alice", "worktree", "create", &task])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !reached(step, &task) && child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "{step}: never reached");
        }
        child.kill().unwrap();
        child.wait().unwrap();
        env.wfc(&repo, ["cleanup"]).success();
        whole_or_nothing(&env, &repo, &task);
        // The task can be made (again), whole.
        env.wfc(
            &repo,
            [
                "--developer-id",
                "alice",
                "worktree",
                "create",
                &task,
                "--exist-ok",
            ],
        )
        .success();
        assert!(whole_or_nothing(&env, &repo, &task).is_some(), "{step}");
    }
    // A killed creation does not block the next create of its task either, without cleanup.
    let mut child = env
        .wfc_cmd(&repo)
        .args(["--developer-id", "alice", "worktree", "create", "again"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !wt(&repo, "repo", "again").join("src").exists() && child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let r = env.wfc(
        &repo,
        ["--developer-id", "alice", "worktree", "create", "again"],
    );
    // Either it had finished (exists) or its leftovers were rolled back and it was made now.
    assert!(r.code == 0 || r.stderr.contains("already exists"), "{r}");
    assert!(whole_or_nothing(&env, &repo, "again").is_some());
    env.git(&repo, ["fsck", "--no-progress"]).success();
}

/// Every file under `dir` (but `.git`) with its bytes and, for files, whether it is executable.
fn tree_bytes(dir: &Path) -> Vec<(String, Vec<u8>, bool)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_name() == ".git" {
                continue;
            }
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&p).unwrap();
                out.push((rel, target.to_string_lossy().as_bytes().to_vec(), false));
            } else {
                let exec = meta.permissions().mode() & 0o111 != 0;
                out.push((rel, std::fs::read(&p).unwrap(), exec));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn checkouts_match_git_with_and_without_end_of_line_rules() {
    let env = TestEnv::new();
    // (what sets the rules, how)
    type Setup<'a> = (&'a str, &'a dyn Fn(&Path));
    let setups: [Setup; 4] = [
        ("no rules", &|_: &Path| {}),
        ("a .gitattributes in a subfolder", &|r: &Path| {
            std::fs::write(r.join("sub/.gitattributes"), "*.txt text eol=crlf\n").unwrap();
        }),
        ("info/attributes", &|r: &Path| {
            std::fs::write(r.join(".git/info/attributes"), "*.txt text eol=crlf\n").unwrap();
        }),
        ("core.autocrlf", &|r: &Path| {
            std::fs::write(r.join(".gitattributes"), "").unwrap();
            let cfg = r.join(".git/config");
            let mut text = std::fs::read_to_string(&cfg).unwrap();
            text.push_str("[core]\n\tautocrlf = true\n");
            std::fs::write(cfg, text).unwrap();
        }),
    ];
    for (i, (what, setup)) in setups.iter().enumerate() {
        let repo = env.init_repo(&format!("r{i}"));
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        std::fs::write(repo.join("sub/a.txt"), "one\ntwo\n").unwrap();
        std::fs::write(repo.join("top.txt"), "x\ny\n").unwrap();
        std::fs::write(repo.join("run.sh"), "#!/bin/sh\necho hi\n").unwrap();
        std::os::unix::fs::symlink("top.txt", repo.join("link")).unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(repo.join("run.sh"), std::fs::Permissions::from_mode(0o755))
                .unwrap();
        }
        setup(&repo);
        env.git(&repo, ["add", "-A"]).success();
        env.git(&repo, ["commit", "-q", "-m", "files"]).success();
        env.git(
            &repo,
            ["worktree", "add", "-q", "-b", "by-git", "../by-git-{i}"]
                .map(|a| a.replace("{i}", &i.to_string()))
                .as_slice(),
        )
        .success();
        env.wfc(&repo, ["worktree", "create", "t"]).success();
        let by_git = tree_bytes(&env.root.join(format!("by-git-{i}")));
        let by_wfc = tree_bytes(&wt(&repo, &format!("r{i}"), "t"));
        assert_eq!(by_wfc, by_git, "{what}");
        let crlf = by_wfc
            .iter()
            .any(|(_, b, _)| b.windows(2).any(|w| w == b"\r\n"));
        assert_eq!(crlf, i > 0, "{what}: end-of-line rules applied");
        let status = env.git(&wt(&repo, &format!("r{i}"), "t"), ["status", "--porcelain"]);
        assert_eq!(status.stdout, "", "{what}");
    }
}

#[test]
fn a_task_branch_checked_out_elsewhere_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.git(&repo, ["switch", "-q", "-c", "wfc/repo/t"])
        .success();
    let r = env.wfc(&repo, ["worktree", "create", "t"]);
    r.code(1);
    assert!(
        r.stderr
            .contains("branch wfc/repo/t is already checked out at"),
        "{r}"
    );
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/repo/t"]);
    assert_eq!(git_worktrees(&env, &repo).len(), 1);
    assert!(!wt(&repo, "repo", "t").exists());
    assert!(!repo.join(".git/worktrees/wfc.repo.t").exists());
}

#[test]
fn a_creation_in_progress_is_not_removed_evicted_or_cleaned_up() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    // What a live `worktree create` of t records until it is done (this test's pid is alive).
    std::fs::create_dir_all(repo.join(".git/wfc-creating")).unwrap();
    std::fs::write(
        repo.join(".git/wfc-creating/wfc.repo.t"),
        format!("pid {}\nnew-branch-at -\n", std::process::id()),
    )
    .unwrap();
    let r = env.wfc(&repo, ["worktree", "remove", "t", "--force"]);
    r.code(1);
    assert!(
        r.stderr.contains(&format!(
            "the worktree of task t is still being created by pid {}",
            std::process::id()
        )),
        "{r}"
    );
    let r = env.wfc(&repo, ["worktree", "create", "t"]);
    r.code(1);
    assert!(r.stderr.contains("already exists"), "{r}");
    let r = env.wfc(&repo, ["cleanup", "--older-than", "0s", "--force"]);
    r.success();
    assert!(
        r.stdout.contains("interrupted-create")
            && r.stdout
                .contains(&format!("being created by pid {}", std::process::id())),
        "{r}"
    );
    let r = wfc_with(
        &env,
        &repo,
        &[("WFC_WORKTREE_MAX_TOTAL", "1")],
        &["worktree", "create", "u", "--evict"],
    );
    r.code(4);
    assert!(wt(&repo, "repo", "t").join("README.md").exists());
    assert_eq!(branches(&env, &repo), vec!["main", "wfc/repo/t"]);
}

#[test]
fn reviews_and_hooks_work_in_a_task_worktree_with_its_own_identity() {
    use crate::hooks::{HARMLESS, assert_trailer_matches, hooked_repo, write};
    use wfc::gate::trailer::Verdict;
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    let path = env.wfc(
        &repo,
        ["--developer-id", "alice", "worktree", "create", "fix-1"],
    );
    path.success();
    let path = PathBuf::from(path.stdout.trim());
    // The review names the task from the branch wfc/repo/fix-1 and reports into the main
    // repository's namespace.
    write(&path, "src/lib.rs", HARMLESS);
    env.git(&path, ["add", "src/lib.rs"]).success();
    let r = env.wfc(&path, ["review", "--json", "--no-learn"]);
    r.success();
    let v = r.json();
    assert_eq!(v["task_id"], "fix-1", "{r}");
    assert_eq!(v["project_id"], "repo");
    assert_eq!(v["developer_id"], "alice");
    assert_eq!(
        Path::new(v["latest_report_path"].as_str().unwrap()),
        repo.join(".wfc/output/repo/REVIEW-fix-1.md")
    );
    assert_eq!(
        Path::new(v["report_path"].as_str().unwrap()),
        repo.join(format!(
            ".wfc/output/repo/jobs/{}.md",
            v["job_id"].as_str().unwrap()
        ))
    );
    // git's own identity lookup (no GIT_AUTHOR_* variables) and the shared hooks.
    let c = git_config_identity(&env, &path, &["commit", "-q", "-m", "Add add"]);
    c.success();
    assert_trailer_matches(&env, &path, "HEAD", Verdict::Passed);
    let who = git_config_identity(&env, &path, &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(
        who.stdout.trim(),
        "WFC Agent (alice) <wfc+alice@noreply.local>"
    );
    env.wfc(&path, ["gate", "verify", "main..wfc/repo/fix-1"])
        .success();
}

#[test]
fn every_mutating_command_writes_one_audit_row_and_reading_writes_none() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::write(repo.join(".env"), "A=1\n").unwrap();
    let rows = || {
        if env.database.is_none() && !env.wfc_home.join("wfc.db").exists() {
            return Vec::new();
        }
        env.texts("SELECT action || ' ' || status FROM audit ORDER BY seq")
    };
    let steps: [(&[&str], Option<&str>); 9] = [
        (&["worktree", "create", "t"], Some("worktree.create ok")),
        (&["worktree", "create", "t", "--exist-ok"], None),
        (&["worktree", "list"], None),
        (&["worktree", "path", "t"], None),
        (&["worktree", "status"], None),
        (&["worktree", "copy-env", "t"], Some("worktree.copy-env ok")),
        (&["cleanup", "--dry-run"], None),
        (&["worktree", "remove", "t"], Some("worktree.remove ok")),
        (&["cleanup"], Some("cleanup ok")),
    ];
    let mut expected: Vec<String> = Vec::new();
    for (args, row) in steps {
        env.wfc(&repo, args).success();
        expected.extend(row.map(str::to_string));
        assert_eq!(rows(), expected, "after {args:?}");
    }
    env.wfc(&repo, ["audit", "verify"]).success();
}

#[test]
fn outside_a_repository_every_worktree_command_is_a_clear_error() {
    let env = TestEnv::new();
    let plain = env.root.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let gone = env.root.join("gone");
    for args in [
        vec!["worktree", "create", "t"],
        vec!["worktree", "list"],
        vec!["worktree", "path", "t"],
        vec!["worktree", "status"],
        vec!["worktree", "remove", "t"],
        vec!["worktree", "copy-env", "t"],
        vec!["cleanup"],
    ] {
        let r = env.wfc(&plain, &args);
        r.code(2);
        assert!(
            r.stderr.starts_with("error: not a git repository"),
            "{args:?}: {r}"
        );
        assert!(r.stdout.is_empty());
        let mut with_c = vec!["-C", gone.to_str().unwrap()];
        with_c.extend(&args);
        let r = env.wfc(&plain, &with_c);
        r.code(2);
        assert!(r.stderr.contains("no such directory"), "{args:?}: {r}");
    }
    assert_eq!(std::fs::read_dir(&plain).unwrap().count(), 0);
    assert!(!env.wfc_home.join("wfc.db").exists());
}
