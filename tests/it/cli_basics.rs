//! Ids, repository detection, exit codes and output discipline.

use crate::harness::{TestEnv, redact};

#[test]
fn hostile_ids_are_usage_errors_and_touch_nothing() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let long = "x".repeat(65);
    let cases = [
        ("--project-id=../x".to_string(), "\"../x\" contains '.'"),
        ("--project-id=a/b".to_string(), "\"a/b\" contains '/'"),
        ("--project-id=-rf".to_string(), "\"-rf\" starts with `-`"),
        (format!("--project-id={long}"), "is 65 characters long"),
        ("--project-id=".to_string(), "\"\" is empty"),
        ("--developer-id=../x".to_string(), "invalid developer id"),
        ("--developer-id=a b".to_string(), "\"a b\" contains ' '"),
    ];
    for (flag, expect) in cases {
        let r = env.wfc(&repo, [flag.as_str(), "init"]);
        r.code(2);
        assert!(r.stderr.contains(expect), "{flag}: {r}");
        assert!(r.stderr.contains("^[A-Za-z0-9_-]{1,64}$"), "{flag}: {r}");
        assert!(r.stdout.is_empty(), "{flag}: {r}");
    }
    assert!(!repo.join(".wfc").exists(), "nothing may be written");
    assert!(
        !env.wfc_home.join("wfc.db").exists(),
        "no store may be made"
    );
}

#[test]
fn hostile_ids_from_env_and_config_are_rejected() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let r = env
        .wfc_cmd(&repo)
        .env("WFC_PROJECT_ID", "../../etc")
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("invalid project id"));

    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::fs::write(
        repo.join(".wfc/config.toml"),
        "[project]\nid = \"a/../b\"\n",
    )
    .unwrap();
    let r = env.wfc(&repo, ["audit"]);
    r.code(2);
    assert!(r.stderr.contains(".wfc/config.toml"), "{r}");
    assert!(r.stderr.contains("[project] id"), "{r}");
}

#[test]
fn outside_a_repository_is_a_clear_error_not_128() {
    let env = TestEnv::new();
    let dir = env.root.join("plain");
    std::fs::create_dir_all(&dir).unwrap();
    let r = env.wfc(&dir, ["init"]);
    r.code(2);
    insta::assert_snapshot!(redact(&env, &r.stderr), @r"
    error: not a git repository (or any parent up to the root): [ROOT]/plain
    hint: run wfc inside a git repository, pass `-C <dir>`, or create one with `git init`
    ");
    // Commands that need no repository still work there.
    env.wfc(&dir, ["audit"]).success();
}

#[test]
fn main_repository_is_found_from_a_subdirectory_and_a_linked_worktree() {
    let env = TestEnv::new();
    let repo = env.init_repo("mainrepo");
    let sub = repo.join("deep/er");
    std::fs::create_dir_all(&sub).unwrap();
    let r = env.wfc(&sub, ["init", "--json"]);
    r.success();
    let v = r.json();
    assert_eq!(v["project_id"], "mainrepo");
    assert_eq!(
        v["config_path"].as_str().unwrap(),
        repo.join(".wfc/config.toml").to_str().unwrap()
    );

    let linked = env.root.join("linked");
    env.git(
        &repo,
        [
            "worktree",
            "add",
            "-q",
            linked.to_str().unwrap(),
            "-b",
            "side",
        ],
    )
    .success();
    let r = env.wfc(&linked, ["init", "--json"]);
    r.success();
    let v = r.json();
    assert_eq!(v["project_id"], "mainrepo", "{r}");
    assert_eq!(
        v["config_path"].as_str().unwrap(),
        repo.join(".wfc/config.toml").to_str().unwrap()
    );
    assert!(
        !linked.join(".wfc").exists(),
        "no config inside the linked worktree"
    );
    // -C works the same.
    let r = env.wfc(&env.root, ["-C", "linked", "init", "--json"]);
    r.success();
    assert_eq!(r.json()["project_id"], "mainrepo");
}

#[test]
fn derived_project_id_is_made_valid() {
    let env = TestEnv::new();
    let repo = env.init_repo("my.repo name");
    let r = env.wfc(&repo, ["init", "--json"]);
    r.success();
    assert_eq!(r.json()["project_id"], "my-repo-name");
}

#[test]
fn init_writes_config_and_excludes_once() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["init"]).success();
    let cfg = std::fs::read_to_string(repo.join(".wfc/config.toml")).unwrap();
    assert!(cfg.contains("id = \"repo\""));
    assert!(cfg.contains("reviewers = [\"security\", \"correctness\", \"performance\", \"maintainability\", \"reliability\"]"));
    assert!(
        cfg.lines().filter(|l| l.starts_with('#')).count() > 10,
        "commented"
    );
    std::fs::write(repo.join(".wfc/config.toml"), "[project]\nid = \"kept\"\n").unwrap();
    let r = env.wfc(&repo, ["init"]);
    r.success();
    assert!(r.stderr.contains("kept the existing"), "{r}");
    assert_eq!(
        std::fs::read_to_string(repo.join(".wfc/config.toml")).unwrap(),
        "[project]\nid = \"kept\"\n"
    );
    env.wfc(&repo, ["init", "--force"]).success();
    let cfg = std::fs::read_to_string(repo.join(".wfc/config.toml")).unwrap();
    assert!(cfg.contains("# wfc configuration"));
    let exclude = std::fs::read_to_string(repo.join(".git/info/exclude")).unwrap();
    assert_eq!(exclude.matches(".worktrees/").count(), 1, "{exclude}");
    assert_eq!(exclude.matches(".wfc/output/").count(), 1, "{exclude}");
    // The tree stays clean apart from the config itself.
    let status = env.git(&repo, ["status", "--porcelain"]);
    assert_eq!(status.stdout.trim(), "?? .wfc/");
}

#[test]
fn help_and_usage_exit_codes() {
    let env = TestEnv::new();
    let r = env.wfc(&env.root, ["--help"]);
    r.success();
    assert!(r.stdout.contains("Usage: wfc"), "{r}");
    let r = env.wfc(&env.root, ["--no-such-flag"]);
    r.code(2);
    assert!(r.stdout.is_empty() && r.stderr.contains("error:"), "{r}");
    let r = env.wfc(&env.root, ["audit", "--since", "soon"]);
    r.code(2);
    assert!(
        r.stderr.contains("invalid duration") || r.stderr.contains("soon"),
        "{r}"
    );
}

#[test]
fn broken_pipe_exits_quietly() {
    use std::io::Read;
    let env = TestEnv::new();
    // Enough rows that the listing is far larger than a pipe buffer.
    let mut store = env.backend();
    for i in 0..3000 {
        store
            .append_audit(
                std::time::SystemTime::now(),
                &wfc::store::audit::NewAudit {
                    project_id: "p",
                    developer_id: "d",
                    action: "test.fill",
                    resource: &format!("resource-{i}-{}", "x".repeat(40)),
                    status: "ok",
                    details: serde_json::json!({}),
                },
                None,
            )
            .unwrap();
    }
    drop(store);
    let mut child = env.spawn(&env.root, ["audit"]);
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let r = crate::harness::wait_all(vec![child]).remove(0);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stderr.is_empty(), "a closed pipe is not an error: {r}");
}

#[test]
fn concurrent_writers_of_info_exclude_keep_every_entry() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let info = wfc::git::RepoInfo::require(&repo).unwrap();
    // Threads here (each with its own lock file handle); the processes below go through wfc.
    let entries: Vec<String> = (0..16).map(|i| format!("/entry-{i}/")).collect();
    std::thread::scope(|s| {
        for e in &entries {
            let info = &info;
            s.spawn(move || wfc::git::ensure_excluded(info, &[e.as_str()]).unwrap());
        }
    });
    let exclude = std::fs::read_to_string(repo.join(".git/info/exclude")).unwrap();
    for e in &entries {
        assert_eq!(
            exclude.lines().filter(|l| l == e).count(),
            1,
            "{e}: {exclude}"
        );
    }

    // A review (adds .wfc/output/) and worktree creations (add .worktrees/) at once.
    std::fs::write(repo.join("app.py"), "print(1)\n").unwrap();
    env.git(&repo, ["add", "app.py"]).success();
    let mut children = Vec::new();
    for i in 0..4 {
        children.push(env.spawn(&repo, ["review", "--task-id", &format!("r{i}")]));
        children.push(env.spawn(&repo, ["worktree", "create", &format!("t{i}")]));
    }
    for r in crate::harness::wait_all(children) {
        r.success();
    }
    let exclude = std::fs::read_to_string(repo.join(".git/info/exclude")).unwrap();
    assert_eq!(exclude.matches(".wfc/output/").count(), 1, "{exclude}");
    assert_eq!(exclude.matches(".worktrees/").count(), 1, "{exclude}");
    assert_eq!(exclude.matches("/entry-").count(), 16, "{exclude}");
}

/// With `--json`, a failing command prints exactly one document on stdout, the error, with its
/// kind, message, causes, hints and exit code; whatever the failure (an operation, a bad id,
/// outside a repository, a bad flag).
#[test]
fn json_failures_are_one_error_document() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let outside = env.root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    for (dir, args, code, kind) in [
        (
            &repo,
            vec!["--json", "worktree", "path", "nope"],
            1,
            "failed",
        ),
        (
            &repo,
            vec!["--json", "worktree", "create", "../x"],
            2,
            "usage",
        ),
        (&outside, vec!["--json", "review"], 2, "usage"),
        (&repo, vec!["--json", "review", "--bogus"], 2, "usage"),
    ] {
        let r = env.wfc(dir, &args);
        r.code(code);
        let v = r.json();
        let e = &v["error"];
        assert_eq!(e["kind"], kind, "{args:?}: {r}");
        assert_eq!(e["exit_code"], code);
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{r}");
        assert!(e["causes"].is_array() && e["hints"].is_array(), "{r}");
        assert!(r.stderr.contains("error:"), "stderr keeps the message: {r}");
    }
    // `review prepare` with nothing to review still names its tasks: none.
    let r = env.wfc(&repo, ["--json", "review", "prepare"]);
    r.success();
    assert_eq!(r.json()["tasks"], serde_json::json!([]), "{r}");
}
