//! Attacks through a repository's own config: a cloned repository (or a pull-request branch, or an
//! uncommitted edit) that defines commands must not get them run until the user trusts the file.
//! Each test builds a crafted upstream repository, really clones it, and checks that nothing ran:
//! the commands would create a marker file outside the repository.

use std::path::{Path, PathBuf};

use crate::harness::{Run, TestEnv, commit_file, init_repo};

/// A reviewer entry whose command leaves `marker` behind and answers no findings.
fn marker_reviewer(id: &str, marker: &Path, extra: &str) -> String {
    format!(
        "[[review.reviewer]]\nid = \"{id}\"\ncommand = \"touch '{}'; echo []\"\n{extra}\n",
        marker.display()
    )
}

/// Commits `config` as `.wfc/config.toml` in an upstream repository, clones it with the git CLI and
/// leaves an unstaged change to review. Returns the clone.
fn cloned_with_config(env: &TestEnv, name: &str, config: &str) -> PathBuf {
    let upstream = env.root.join(format!("{name}-upstream"));
    let repo = init_repo(&upstream);
    commit_file(&repo, ".wfc/config.toml", config, "add wfc config");
    commit_file(&repo, "app.py", "x = 1\n", "add app");
    let clone = env.root.join(name);
    env.git(
        &env.root,
        [
            "clone",
            "-q",
            upstream.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    )
    .success();
    std::fs::write(clone.join("app.py"), "x = 2\n").unwrap();
    clone
}

fn review(env: &TestEnv, dir: &Path) -> (Run, serde_json::Value) {
    let r = env.wfc(dir, ["review", "--json", "--no-learn"]);
    let v = r.json();
    (r, v)
}

fn status_of(v: &serde_json::Value, id: &str) -> String {
    v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no reviewer {id} in {v}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A freshly cloned repository whose config defines an external reviewer: `wfc review` does not
/// run it, the review is incomplete (exit 3), and the hint names the file and `wfc trust`.
#[test]
fn a_cloned_repository_cannot_run_its_reviewer_command() {
    let env = TestEnv::new();
    let marker = env.root.join("pwned");
    let clone = cloned_with_config(&env, "clone", &marker_reviewer("evil", &marker, ""));
    let (r, v) = review(&env, &clone);
    r.code(3);
    assert!(!marker.exists(), "the repository's command ran\n{r}");
    assert_eq!(v["status"], "incomplete");
    assert_eq!(status_of(&v, "evil"), "untrusted");
    let error = v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "evil")
        .unwrap()["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        error.contains(".wfc/config.toml") && error.contains("touch"),
        "{error}"
    );
    assert!(r.stderr.contains("wfc trust --show"), "{r}");

    // The text face says the same.
    let r = env.wfc(&clone, ["review", "--no-learn"]);
    r.code(3);
    assert!(r.stdout.contains("untrusted"), "{r}");
    assert!(
        r.stderr.contains("hint:") && r.stderr.contains("wfc trust"),
        "{r}"
    );
    assert!(!marker.exists());
}

/// The same clone with wfc's git hooks installed: committing runs the hook, which must not run
/// the repository's command either, and the commit is blocked with the trust hint.
#[test]
fn the_pre_commit_hook_does_not_run_an_untrusted_command() {
    let env = TestEnv::new();
    let marker = env.root.join("pwned");
    let clone = cloned_with_config(
        &env,
        "clone",
        &format!(
            "[hook]\nreviewers = [\"security\", \"evil\"]\n\n{}",
            marker_reviewer("evil", &marker, "")
        ),
    );
    env.wfc(&clone, ["hook", "install"]).success();
    env.git(&clone, ["add", "app.py"]).success();
    let before = env.git(&clone, ["rev-parse", "HEAD"]).stdout;
    let r = env.git(&clone, ["commit", "-q", "-m", "change"]);
    assert_ne!(r.code, 0, "the commit went through\n{r}");
    assert!(
        !marker.exists(),
        "the hook ran the repository's command\n{r}"
    );
    assert!(
        r.stderr.contains("not trusted") && r.stderr.contains("wfc trust"),
        "{r}"
    );
    assert_eq!(env.git(&clone, ["rev-parse", "HEAD"]).stdout, before);

    // Once trusted, the hook runs it.
    env.wfc(&clone, ["trust"]).success();
    let r = env.git(&clone, ["commit", "-q", "-m", "change"]);
    assert_eq!(r.code, 0, "{r}");
    assert!(marker.exists(), "the trusted command did not run\n{r}");
}

/// Trust is bound to the file's exact content: after `wfc trust` the command runs; any edit, even
/// an uncommitted one, makes it untrusted again until it is trusted anew; `--revoke` undoes it.
#[test]
fn trust_follows_the_content_of_the_file() {
    let env = TestEnv::new();
    let marker = env.root.join("ran");
    let clone = cloned_with_config(&env, "clone", &marker_reviewer("ext", &marker, ""));

    let show = env.wfc(&clone, ["trust", "--show"]);
    show.success();
    assert!(
        show.stdout.contains("NOT trusted") && show.stdout.contains("touch"),
        "{show}"
    );
    assert!(!marker.exists(), "--show ran the command");

    env.wfc(&clone, ["trust"]).success();
    let (r, v) = review(&env, &clone);
    r.success();
    assert_eq!(status_of(&v, "ext"), "ok");
    assert!(marker.exists());
    std::fs::remove_file(&marker).unwrap();

    // An uncommitted edit that swaps the command.
    let other = env.root.join("swapped");
    std::fs::write(
        clone.join(".wfc/config.toml"),
        marker_reviewer("ext", &other, ""),
    )
    .unwrap();
    let (r, v) = review(&env, &clone);
    r.code(3);
    assert_eq!(status_of(&v, "ext"), "untrusted");
    assert!(
        !other.exists() && !marker.exists(),
        "an edited file ran its command"
    );
    let show = env.wfc(&clone, ["trust", "--show", "--json"]);
    assert_eq!(show.json()["state"], "changed", "{show}");

    env.wfc(&clone, ["trust"]).success();
    review(&env, &clone).0.success();
    assert!(other.exists());
    std::fs::remove_file(&other).unwrap();

    let revoked = env.wfc(&clone, ["trust", "--revoke", "--json"]);
    revoked.success();
    assert_eq!(revoked.json()["action"], "revoked");
    review(&env, &clone).0.code(3);
    assert!(!other.exists());

    // Each step left an audit row.
    let audit = env.wfc(&clone, ["audit", "--json"]);
    let rows = audit.json();
    let actions: Vec<&str> = rows["rows"]
        .as_array()
        .or_else(|| rows.as_array())
        .unwrap()
        .iter()
        .filter_map(|r| r["action"].as_str())
        .filter(|a| a.starts_with("trust"))
        .collect();
    assert_eq!(actions, ["trust", "trust", "trust-revoke"], "{audit}");
}

/// Trust is recorded per repository: trusting one clone does not trust another clone of the same
/// content elsewhere.
#[test]
fn trust_is_per_repository() {
    let env = TestEnv::new();
    let marker = env.root.join("ran");
    let cfg = marker_reviewer("ext", &marker, "");
    let a = cloned_with_config(&env, "a", &cfg);
    let b = cloned_with_config(&env, "b", &cfg);
    env.wfc(&a, ["trust"]).success();
    review(&env, &b).0.code(3);
    assert!(!marker.exists());
    review(&env, &a).0.success();
    assert!(marker.exists());
}

/// A reviewer `cwd` outside the repository is refused, absolute or with `..` (a config error,
/// exit 2, nothing runs), and so is one that leaves through a symlink committed in the repository
/// (the reviewer fails, even trusted).
#[test]
fn a_reviewer_cwd_cannot_leave_the_repository() {
    let env = TestEnv::new();
    for (i, cwd) in ["/etc", "../../..", "sub/../../x"].iter().enumerate() {
        let marker = env.root.join(format!("ran-{i}"));
        let clone = cloned_with_config(
            &env,
            &format!("c{i}"),
            &marker_reviewer("ext", &marker, &format!("cwd = \"{cwd}\"")),
        );
        let r = env.wfc(&clone, ["review", "--no-learn"]);
        r.code(2);
        assert!(
            r.stderr.contains("cwd") && r.stderr.contains("inside the repository"),
            "{r}"
        );
        assert!(!marker.exists());
    }

    // A committed symlink to a folder outside.
    let outside = env.root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let marker = env.root.join("ran-link");
    let upstream = env.root.join("link-upstream");
    let repo = init_repo(&upstream);
    std::os::unix::fs::symlink(&outside, upstream.join("tools")).unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("tools")).unwrap();
    index.write().unwrap();
    commit_file(
        &repo,
        ".wfc/config.toml",
        &marker_reviewer("ext", &marker, "cwd = \"tools\""),
        "config",
    );
    commit_file(&repo, "app.py", "x = 1\n", "app");
    let clone = env.root.join("link");
    env.git(
        &env.root,
        [
            "clone",
            "-q",
            upstream.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    )
    .success();
    assert!(
        std::fs::symlink_metadata(clone.join("tools"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    std::fs::write(clone.join("app.py"), "x = 2\n").unwrap();
    env.wfc(&clone, ["trust"]).success();
    let (r, v) = review(&env, &clone);
    r.code(3);
    assert_eq!(status_of(&v, "ext"), "error");
    assert!(r.stdout.contains("outside the repository"), "{r}");
    assert!(!marker.exists(), "the reviewer ran outside the repository");
}

/// The user's own config is always trusted: a reviewer defined there runs without `wfc trust`.
/// But a repository entry with the same id (which replaces the user's entry) makes that reviewer
/// untrusted, so a repository cannot swap the command behind a reviewer the user relies on.
#[test]
fn user_reviewers_run_and_the_repository_cannot_tamper_with_them() {
    let env = TestEnv::new();
    let marker = env.root.join("user-ran");
    let user_cfg = env.home.join(".config/wfc/config.toml");
    std::fs::create_dir_all(user_cfg.parent().unwrap()).unwrap();
    std::fs::write(&user_cfg, marker_reviewer("mine", &marker, "")).unwrap();
    let clone = cloned_with_config(&env, "plain", "[review]\nfail_on = \"critical\"\n");
    let (r, v) = review(&env, &clone);
    r.success();
    assert_eq!(status_of(&v, "mine"), "ok");
    assert!(marker.exists());
    std::fs::remove_file(&marker).unwrap();

    let swapped = env.root.join("swapped-ran");
    let hostile = cloned_with_config(&env, "tamper", &marker_reviewer("mine", &swapped, ""));
    let (r, v) = review(&env, &hostile);
    r.code(3);
    assert_eq!(status_of(&v, "mine"), "untrusted");
    assert!(!marker.exists() && !swapped.exists());
}

/// `on_reviewer_error = "warn"` in the same untrusted file does not turn the skipped command into
/// a pass.
#[test]
fn an_untrusted_file_cannot_downgrade_its_own_skipped_reviewer_to_a_warning() {
    let env = TestEnv::new();
    let marker = env.root.join("ran");
    let clone = cloned_with_config(
        &env,
        "clone",
        &format!(
            "[review]\non_reviewer_error = \"warn\"\n\n{}",
            marker_reviewer("ext", &marker, "")
        ),
    );
    let (r, v) = review(&env, &clone);
    r.code(3);
    assert_eq!(v["passed"], false);
    assert!(!marker.exists());
}

/// A repository whose `.wfc/config.toml` (or `.wfc` itself) is a symlink is refused with a clear
/// error (exit 2), and the file it points at is neither parsed into the answer nor quoted.
#[test]
fn a_symlinked_config_is_refused_without_reading_its_target() {
    let env = TestEnv::new();
    let secret = env.root.join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-LINE = [unterminated\n").unwrap();
    for (name, link_at, target) in [
        ("file", ".wfc/config.toml", secret.clone()),
        ("dir", ".wfc", env.root.clone()),
    ] {
        let upstream = env.root.join(format!("{name}-upstream"));
        let repo = init_repo(&upstream);
        let link = upstream.join(link_at);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new(link_at)).unwrap();
        index.write().unwrap();
        commit_file(&repo, "app.py", "x = 1\n", "app");
        let clone = env.root.join(name);
        env.git(
            &env.root,
            [
                "clone",
                "-q",
                upstream.to_str().unwrap(),
                clone.to_str().unwrap(),
            ],
        )
        .success();
        if name == "dir" {
            // The link's target holds a config of its own that would run a command.
            std::fs::write(
                env.root.join("config.toml"),
                marker_reviewer("ext", &env.root.join("ran"), ""),
            )
            .unwrap();
        }
        let r = env.wfc(&clone, ["review", "--no-learn"]);
        r.code(2);
        assert!(r.stderr.contains("symbolic link"), "{r}");
        assert!(
            !r.stderr.contains("TOP-SECRET") && !r.stdout.contains("TOP-SECRET"),
            "{r}"
        );
        assert!(!env.root.join("ran").exists());
    }
}

/// Rate-limit buckets are shared by every project on the machine, so an untrusted repository
/// cannot redefine one (here starving the user's `api` bucket): its tables are ignored until it is
/// trusted, and then they hold.
#[test]
fn an_untrusted_repository_cannot_redefine_a_shared_rate_limit_bucket() {
    let env = TestEnv::new();
    let marker = env.root.join("user-ran");
    let user_cfg = env.home.join(".config/wfc/config.toml");
    std::fs::create_dir_all(user_cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &user_cfg,
        format!(
            "{}\n[rate_limit.api]\ncapacity = 100\nrefill_per_sec = 100\n",
            marker_reviewer("mine", &marker, "rate_limit = \"api\"\ntimeout = \"1s\"")
        ),
    )
    .unwrap();
    let clone = cloned_with_config(
        &env,
        "clone",
        "[rate_limit.api]\ncapacity = 1\nrefill_per_sec = 0.0001\n",
    );
    for _ in 0..3 {
        let (r, v) = review(&env, &clone);
        r.success();
        assert_eq!(status_of(&v, "mine"), "ok");
    }
    env.wfc(&clone, ["trust"]).success();
    // The starving table now holds: one token, then none within the reviewer's timeout.
    let codes: Vec<i32> = (0..2).map(|_| review(&env, &clone).0.code).collect();
    assert_eq!(codes, [0, 4], "the trusted bucket did not apply");
}
