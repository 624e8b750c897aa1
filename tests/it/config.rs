//! Configuration layers and their errors.

use crate::harness::TestEnv;

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The (project, developer) of the newest audit row written by `wfc init`.
fn ids_after_init(
    env: &TestEnv,
    repo: &std::path::Path,
    extra: &[&str],
    envs: &[(&str, &str)],
) -> (String, String) {
    let mut cmd = env.wfc_cmd(repo);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.args(extra).args(["init", "--json"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = env.wfc(repo, ["audit", "--json", "--limit", "1"]);
    r.success();
    let row = &r.json()[0];
    (
        row["project_id"].as_str().unwrap().to_string(),
        row["developer_id"].as_str().unwrap().to_string(),
    )
}

#[test]
fn layers_override_in_order() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // Built-in: the directory name; the local part of the repo's user.email.
    assert_eq!(
        ids_after_init(&env, &repo, &[], &[]),
        ("repo".into(), "owner".into())
    );
    // `init` wrote a repository file; take it away to see the user layer alone.
    std::fs::remove_file(repo.join(".wfc/config.toml")).unwrap();

    // User file.
    write(
        &env.home.join(".config/wfc/config.toml"),
        "[project]\nid = \"user-proj\"\n[developer]\nid = \"user-dev\"\n",
    );
    assert_eq!(
        ids_after_init(&env, &repo, &[], &[]),
        ("user-proj".into(), "user-dev".into())
    );
    std::fs::remove_file(repo.join(".wfc/config.toml")).unwrap();

    // Repository file beats the user file.
    write(
        &repo.join(".wfc/config.toml"),
        "[project]\nid = \"repo-proj\"\n",
    );
    assert_eq!(
        ids_after_init(&env, &repo, &[], &[]),
        ("repo-proj".into(), "user-dev".into())
    );

    // Environment beats files.
    assert_eq!(
        ids_after_init(
            &env,
            &repo,
            &[],
            &[
                ("WFC_PROJECT_ID", "env-proj"),
                ("WFC_DEVELOPER_ID", "env-dev")
            ]
        ),
        ("env-proj".into(), "env-dev".into())
    );

    // Flags beat everything.
    assert_eq!(
        ids_after_init(
            &env,
            &repo,
            &["--project-id", "flag-proj", "--developer-id", "flag-dev"],
            &[
                ("WFC_PROJECT_ID", "env-proj"),
                ("WFC_DEVELOPER_ID", "env-dev")
            ]
        ),
        ("flag-proj".into(), "flag-dev".into())
    );
}

#[test]
fn wfc_config_names_the_user_file() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let file = env.root.join("elsewhere.toml");
    write(&file, "[developer]\nid = \"from-wfc-config\"\n");
    let (_, dev) = ids_after_init(&env, &repo, &[], &[("WFC_CONFIG", file.to_str().unwrap())]);
    assert_eq!(dev, "from-wfc-config");
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let path = repo.join(".wfc/config.toml");
    write(
        &path,
        "[review]\nfail_on = \"important\"\nreviewers = [\"security\",\n",
    );
    let r = env.wfc(&repo, ["audit"]);
    r.code(2);
    assert!(
        r.stderr
            .contains(&format!("invalid config {}:3:", path.display())),
        "{r}"
    );
    assert!(r.stderr.contains("hint:"), "{r}");
}

#[test]
fn type_error_names_file_and_line() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let path = env.home.join(".config/wfc/config.toml");
    write(&path, "[worktree]\n# comment\nmax_total = \"many\"\n");
    let r = env.wfc(&repo, ["audit"]);
    r.code(2);
    assert!(
        r.stderr
            .contains(&format!("invalid config {}:3:", path.display())),
        "{r}"
    );
    write(&path, "[review]\nfail_on = \"sometimes\"\n");
    let r = env.wfc(&repo, ["audit"]);
    r.code(2);
    assert!(r.stderr.contains(":2:"), "{r}");
    assert!(
        r.stderr.contains("informational"),
        "lists valid values: {r}"
    );
}

#[test]
fn unknown_keys_warn_but_work() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let path = repo.join(".wfc/config.toml");
    write(&path, "[worktree]\nmax_totl = 3\n\n[colour]\nx = 1\n");
    let r = env.wfc(&repo, ["audit"]);
    r.success();
    assert!(
        r.stderr.contains(&format!(
            "unknown config key `worktree.max_totl` in {}:2",
            path.display()
        )),
        "{r}"
    );
    assert!(r.stderr.contains("`colour`"), "{r}");
}

#[test]
fn environment_overrides_are_checked() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let r = env
        .wfc_cmd(&repo)
        .env("WFC_WORKTREE_MAX_TOTAL", "lots")
        .arg("audit")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("WFC_WORKTREE_MAX_TOTAL"));
    let r = env
        .wfc_cmd(&repo)
        .env("WFC_REVEIW_FAIL_ON", "critical")
        .arg("audit")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&r.stderr)
            .contains("unknown environment variable WFC_REVEIW_FAIL_ON")
    );
}

/// A bad value in a variable is one line, with the key it sets; an unknown reviewer in a config
/// file's list names the file, line and column that wrote it.
#[test]
fn value_errors_are_one_line_and_unknown_reviewers_name_their_place() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::write(repo.join("a.py"), "x = 1\n").unwrap();
    env.git(&repo, ["add", "a.py"]).success();
    let out = env
        .wfc_cmd(&repo)
        .env("WFC_REVIEW_FAIL_ON", "bogus")
        .args(["review", "--no-learn"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("\n\n"), "{stderr}");
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("error: invalid value in environment variable WFC_REVIEW_FAIL_ON: "),
        "{stderr}"
    );
    assert!(first.ends_with("in `review.fail_on`"), "{stderr}");

    let user = env.home.join(".config/wfc/config.toml");
    write(
        &user,
        "[telemetry]\nenabled = true\n\n[review]\nreviewers = [\"security\", \"bogus\"]\n",
    );
    let r = env.wfc(&repo, ["review", "--no-learn"]);
    r.code(2);
    assert!(
        r.stderr.contains(&format!(
            "error: invalid config {}:5:27: [review] reviewers: unknown reviewer \"bogus\"",
            user.display()
        )),
        "{r}"
    );
    assert!(
        r.stderr
            .contains("hint: valid reviewers: security, correctness"),
        "{r}"
    );
    // Commands that do not run reviewers are not stopped by the list.
    env.wfc(&repo, ["worktree", "list"]).success();
    // A repository layer that replaces the list decides it.
    write(
        &repo.join(".wfc/config.toml"),
        "[review]\nreviewers = \"security\"\n",
    );
    env.wfc(&repo, ["review", "--no-learn"]).success();
}
