//! `wfc hook`: installed hooks driven by the real git CLI, one test per way of committing.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use wfc::gate::trailer::{ReviewHash, Verdict};

use crate::harness::{Run, TestEnv, WFC};

/// Code no reviewer objects to.
pub const HARMLESS: &str = "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n";
/// An AWS access key id (`AKIA` + 16 base32 characters), split so that this file holds none.
pub const SECRET_KEY_ID: &str = concat!("AKIA", "Q7RZ4XK2MB3TWJ5N");
/// A line that fails the review: the key id committed (R 9.0, minority protection, critical).
pub const SECRET: &str = concat!("pub const KEY: &str = \"AKIA", "Q7RZ4XK2MB3TWJ5N\";\n");

pub fn write(dir: &Path, rel: &str, content: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// A repository with the wfc hooks installed.
pub fn hooked_repo(env: &TestEnv) -> PathBuf {
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["hook", "install"]).success();
    repo
}

pub fn git_out(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let r = env.git(dir, args);
    r.success();
    r.stdout.trim_end().to_string()
}

pub fn tree_of(env: &TestEnv, dir: &Path, rev: &str) -> String {
    git_out(env, dir, &["rev-parse", &format!("{rev}^{{tree}}")])
}

pub fn message_of(env: &TestEnv, dir: &Path, rev: &str) -> String {
    git_out(env, dir, &["log", "-1", "--format=%B", rev])
}

/// The `Review-Hash` lines of `rev`'s message.
pub fn trailers_of(env: &TestEnv, dir: &Path, rev: &str) -> Vec<String> {
    message_of(env, dir, rev)
        .lines()
        .filter(|l| l.starts_with("Review-Hash:"))
        .map(str::to_string)
        .collect()
}

/// The v2 trailer line `rev` should carry with `verdict`: made for its own change (its parents'
/// trees and its tree) under the gate policy committed in its first parent.
pub fn expected_trailer(dir: &Path, rev: &str, verdict: Verdict) -> String {
    let repo = git2::Repository::open(dir).unwrap();
    let commit = repo.revparse_single(rev).unwrap().peel_to_commit().unwrap();
    let shape = wfc::git::commit::of_commit(&repo, &commit).unwrap();
    let policy =
        wfc::gate::policy::Policy::at_commit(&repo, commit.parent_ids().next(), "parent").unwrap();
    ReviewHash::v2(
        &shape.parent_trees,
        &commit.tree_id().to_string(),
        verdict,
        &policy.digest(),
    )
    .line()
}

/// Asserts that `rev` carries exactly one trailer, made for its own change with `verdict`.
#[track_caller]
pub fn assert_trailer_matches(env: &TestEnv, dir: &Path, rev: &str, verdict: Verdict) {
    let expected = expected_trailer(dir, rev, verdict);
    assert_eq!(
        trailers_of(env, dir, rev),
        vec![expected],
        "message of {rev}:\n{}",
        message_of(env, dir, rev)
    );
}

pub fn head(env: &TestEnv, dir: &Path) -> String {
    git_out(env, dir, &["rev-parse", "HEAD"])
}

fn commit(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut full = vec!["commit"];
    full.extend_from_slice(args);
    env.git(dir, &full)
}

fn verify_ok(env: &TestEnv, dir: &Path, range: &str) {
    let r = env.wfc(dir, ["gate", "verify", range]);
    r.success();
}

#[test]
fn plain_commit_gets_a_trailer_for_its_tree() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    let r = commit(&env, &repo, &["-s", "-m", "Add add"]);
    r.success();
    assert!(r.stderr.contains("PASSED"), "{r}");
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    // The review report the hook wrote is ignored by git, so `git add -A` cannot commit it.
    assert_eq!(git_out(&env, &repo, &["status", "--porcelain"]), "");
    // Existing trailers stay, in one block.
    let msg = message_of(&env, &repo, "HEAD");
    assert!(
        msg.contains(
            "\n\nSigned-off-by: Test Author <author@example.com>\nReview-Hash: v2:passed:"
        ),
        "{msg}"
    );
    verify_ok(&env, &repo, "HEAD~1..HEAD");
    env.wfc(&repo, ["gate", "check", "--rev", "HEAD"]).success();
}

#[test]
fn edited_verbose_message_keeps_the_trailer_above_the_comments() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    // With an editor and -v, the message file holds comments and, below the scissors line, the
    // diff; git strips both after commit-msg ran.
    let r = Run::from_output(
        env.git_cmd(&repo)
            .args([
                "commit",
                "-v",
                "-e",
                "-m",
                "Subject line",
                "-m",
                "Body paragraph.",
            ])
            .env("GIT_EDITOR", "true")
            .output()
            .unwrap(),
    );
    r.success();
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    let msg = message_of(&env, &repo, "HEAD");
    assert!(
        msg.starts_with("Subject line\n\nBody paragraph.\n\nReview-Hash: v2:passed:"),
        "{msg}"
    );
    assert!(!msg.contains('#'), "{msg}");
}

#[test]
fn commit_all_reviews_and_stamps_what_is_committed() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    // Staged: one version; working tree: another. `git commit -a` commits the second, through
    // a temporary index the hooks see as $GIT_INDEX_FILE.
    write(&repo, "README.md", "# test\n\nstaged line\n");
    env.git(&repo, ["add", "README.md"]).success();
    write(&repo, "README.md", "# test\n\nworking tree line\n");
    commit(&env, &repo, &["-a", "-m", "Update readme"]).success();
    let shown = git_out(&env, &repo, &["show", "HEAD:README.md"]);
    assert!(shown.contains("working tree line"));
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    verify_ok(&env, &repo, "HEAD~1..HEAD");
}

#[test]
fn commit_of_paths_stamps_the_partial_tree() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    // Staged but not part of this commit:
    write(&repo, "src/other.rs", HARMLESS);
    env.git(&repo, ["add", "src/other.rs"]).success();
    // Committed by path from the working tree:
    write(&repo, "README.md", "# test\n\nmore words\n");
    commit(&env, &repo, &["-m", "Readme only", "README.md"]).success();
    let files = git_out(&env, &repo, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "README.md");
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    // The other file is still staged, not committed.
    let staged = git_out(&env, &repo, &["diff", "--cached", "--name-only"]);
    assert_eq!(staged, "src/other.rs");
    verify_ok(&env, &repo, "HEAD~1..HEAD");
}

#[test]
fn amend_replaces_the_stale_trailer() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["-m", "Add add"]).success();
    let first_tree = tree_of(&env, &repo, "HEAD");

    write(
        &repo,
        "src/lib.rs",
        &format!("{HARMLESS}\npub fn two() -> i32 {{\n    2\n}}\n"),
    );
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["--amend", "--no-edit"]).success();
    assert_ne!(tree_of(&env, &repo, "HEAD"), first_tree);
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);

    // Amending only the message keeps the tree, and the verdict carries over.
    commit(&env, &repo, &["--amend", "-m", "Add add and two"]).success();
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    assert_eq!(
        git_out(&env, &repo, &["log", "-1", "--format=%s"]),
        "Add add and two"
    );
    verify_ok(&env, &repo, "HEAD~1..HEAD");

    // Through a git alias too, and the amended commit is measured from HEAD's parent: a secret
    // added by the amend is reviewed and blocks it.
    env.git(&repo, ["config", "alias.ca", "commit --amend"])
        .success();
    write(
        &repo,
        "src/lib.rs",
        &format!("{HARMLESS}\npub fn three() -> i32 {{\n    3\n}}\n"),
    );
    env.git(&repo, ["add", "src/lib.rs"]).success();
    env.git(&repo, ["ca", "-q", "--no-edit"]).success();
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    verify_ok(&env, &repo, "HEAD~1..HEAD");
    write(&repo, "src/keys.rs", SECRET);
    env.git(&repo, ["add", "src/keys.rs"]).success();
    let before = head(&env, &repo);
    assert_ne!(env.git(&repo, ["ca", "-q", "--no-edit"]).code, 0);
    assert_eq!(head(&env, &repo), before);
}

#[test]
fn linked_worktree_uses_the_shared_hooks() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let wt = env.root.join("wt");
    env.git(
        &repo,
        ["worktree", "add", "-b", "feature", wt.to_str().unwrap()],
    )
    .success();
    // Installed from inside the linked worktree: into the common dir's hooks, as git uses them.
    let status = env.wfc(&wt, ["hook", "install", "--json"]);
    status.success();
    let hooks_dir = status.json()["hooks_dir"].as_str().unwrap().to_string();
    let git_says = git_out(&env, &wt, &["rev-parse", "--git-path", "hooks"]);
    assert_eq!(
        std::fs::canonicalize(&hooks_dir).unwrap(),
        std::fs::canonicalize(wt.join(git_says)).unwrap()
    );
    assert_eq!(
        std::fs::canonicalize(&hooks_dir).unwrap(),
        repo.join(".git/hooks")
    );

    write(&wt, "src/lib.rs", HARMLESS);
    env.git(&wt, ["add", "src/lib.rs"]).success();
    commit(&env, &wt, &["-m", "Add add in the worktree"]).success();
    assert_trailer_matches(&env, &wt, "HEAD", Verdict::Passed);
    verify_ok(&env, &wt, "main..feature");
    // The main checkout sees the same gate.
    verify_ok(&env, &repo, "main..feature");
}

#[test]
fn a_chained_hook_that_stages_more_is_reviewed_with_it() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // A hook that was there before wfc: it stages a generated file.
    write(
        &repo,
        ".git/hooks/pre-commit",
        "#!/bin/sh\necho generated > generated.txt\ngit add generated.txt\n",
    );
    std::fs::set_permissions(
        repo.join(".git/hooks/pre-commit"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let r = env.wfc(&repo, ["hook", "install"]);
    r.success();
    assert!(r.stdout.contains("previous hook runs first"), "{r}");

    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["-m", "Add add"]).success();
    let files = git_out(&env, &repo, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "generated.txt\nsrc/lib.rs");
    // The trailer is for the tree that was committed, generated file included.
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    verify_ok(&env, &repo, "HEAD~1..HEAD");
}

#[test]
fn index_changed_after_the_review_blocks_the_commit() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    // A pre-commit hook that stages a file after wfc's review ran.
    write(
        &repo,
        ".git/hooks/pre-commit",
        &format!(
            "#!/bin/sh\n'{WFC}' hook run pre-commit || exit $?\necho late > late.txt\ngit add late.txt\n"
        ),
    );
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    let before = head(&env, &repo);
    let r = commit(&env, &repo, &["-m", "Add add"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stderr
            .contains("no passing or bypassed review of the tree being committed"),
        "{r}"
    );
    assert!(r.stderr.contains("hint:"), "{r}");
    assert_eq!(head(&env, &repo), before, "nothing was committed");

    // Reviewing what is now staged lets the same commit through, stamped for that tree.
    env.wfc(&repo, ["review", "--staged"]).success();
    write(
        &repo,
        ".git/hooks/pre-commit",
        &format!("#!/bin/sh\nexec '{WFC}' hook run pre-commit\n"),
    );
    commit(&env, &repo, &["-m", "Add add"]).success();
    let files = git_out(&env, &repo, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "late.txt\nsrc/lib.rs");
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
}

#[test]
fn a_failing_review_blocks_the_commit_until_bypassed() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/keys.rs", SECRET);
    env.git(&repo, ["add", "src/keys.rs"]).success();
    let before = head(&env, &repo);
    let r = commit(&env, &repo, &["-m", "Add keys"]);
    r.code(1);
    assert!(r.stderr.contains("FAILED"), "{r}");
    assert!(r.stderr.contains("commit blocked"), "{r}");
    let report = r
        .stderr
        .lines()
        .find_map(|l| l.split("report: ").nth(1))
        .expect("report path on stderr")
        .trim()
        .to_string();
    assert!(Path::new(&report).is_file(), "{report}");
    assert!(!r.stderr.contains(SECRET_KEY_ID), "secret redacted: {r}");
    assert_eq!(head(&env, &repo), before);

    // `wfc gate check` agrees.
    env.wfc(&repo, ["gate", "check"]).code(1);

    // A recorded bypass of exactly this tree lets it through, marked as such.
    env.wfc(
        &repo,
        ["review", "--staged", "--bypass-reason", "test fixture key"],
    )
    .success();
    let r = commit(&env, &repo, &["-m", "Add keys"]);
    r.success();
    assert!(r.stderr.contains("bypassed"), "{r}");
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Bypassed);
    // A bypass is refused by default, and accepted only when CI says so.
    let denied = env.wfc(&repo, ["gate", "verify", "HEAD~1..HEAD"]);
    denied.code(1);
    assert!(denied.stdout.contains("bypassed"), "{denied}");
    env.wfc(
        &repo,
        ["gate", "verify", "--allow-bypassed", "HEAD~1..HEAD"],
    )
    .success();
}

#[test]
fn wfc_skip_commits_without_review_and_leaves_an_audit_row() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/keys.rs", SECRET);
    env.git(&repo, ["add", "src/keys.rs"]).success();
    let out = env
        .git_cmd(&repo)
        .args(["commit", "-m", "Skipped"])
        .env("WFC_SKIP", "1")
        .output()
        .unwrap();
    let r = Run::from_output(out);
    r.success();
    assert!(r.stderr.contains("WFC_SKIP"), "{r}");
    assert!(trailers_of(&env, &repo, "HEAD").is_empty());

    let audit = env.wfc(&repo, ["audit", "--action", "hook.skip", "--json"]);
    audit.success();
    let rows = audit.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{audit}");
    assert_eq!(rows[0]["status"], "skipped");
    // No review job was recorded for the skipped tree.
    env.wfc(&repo, ["gate", "check", "--rev", "HEAD"]).code(1);
    // CI catches it.
    let v = env.wfc(&repo, ["gate", "verify", "HEAD~1..HEAD"]);
    v.code(1);
    assert!(v.stdout.contains("missing"), "{v}");
}

#[test]
fn install_and_uninstall_restore_an_existing_hook_byte_for_byte() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let hooks = repo.join(".git/hooks");
    let original: &[u8] = b"#!/bin/sh\n# team hook \xe2\x9c\x93\ntouch \"$(git rev-parse --git-dir)/team-hook-ran\"\n";
    let pre = hooks.join("pre-commit");
    std::fs::write(&pre, original).unwrap();
    std::fs::set_permissions(&pre, std::fs::Permissions::from_mode(0o750)).unwrap();
    let msg_hook: &[u8] = b"#!/bin/sh\nexit 0\n";
    let cm = hooks.join("commit-msg");
    std::fs::write(&cm, msg_hook).unwrap();
    std::fs::set_permissions(&cm, std::fs::Permissions::from_mode(0o700)).unwrap();
    let listing_before = listing(&hooks);

    env.wfc(&repo, ["hook", "install"]).success();
    assert!(hooks.join("pre-commit.wfc-chained").is_file());
    let status = env.wfc(&repo, ["hook", "status", "--json"]);
    status.success();
    let s = status.json();
    assert_eq!(s["owner"], "wfc");
    assert_eq!(s["installed"], true);
    assert_eq!(s["hooks"][0]["state"], "wfc");
    assert!(s["hooks"][0]["chained"].is_string());

    // The chained hook runs first, then the review.
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["-m", "Add add"]).success();
    assert!(repo.join(".git/team-hook-ran").exists());
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);

    env.wfc(&repo, ["hook", "uninstall"]).success();
    assert_eq!(std::fs::read(&pre).unwrap(), original);
    assert_eq!(std::fs::read(&cm).unwrap(), msg_hook);
    assert_eq!(listing(&hooks), listing_before);
    let status = env.wfc(&repo, ["hook", "status", "--json"]);
    assert_eq!(status.json()["owner"], "other");

    let audit = env.wfc(&repo, ["audit", "--json"]);
    let actions: Vec<String> = audit
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect();
    assert!(actions.contains(&"hook.install".to_string()), "{actions:?}");
    assert!(
        actions.contains(&"hook.uninstall".to_string()),
        "{actions:?}"
    );
}

#[test]
fn concurrent_installs_chain_the_old_hook_exactly_once() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let hooks = repo.join(".git/hooks");
    let original: &[u8] = b"#!/bin/sh\necho original\n";
    std::fs::write(hooks.join("pre-commit"), original).unwrap();
    std::fs::set_permissions(
        hooks.join("pre-commit"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let children = (0..8)
        .map(|_| env.spawn(&repo, ["hook", "install"]))
        .collect();
    for r in crate::harness::wait_all(children) {
        r.success();
    }
    assert_eq!(
        std::fs::read(hooks.join("pre-commit.wfc-chained")).unwrap(),
        original
    );
    let status = env.wfc(&repo, ["hook", "status", "--json"]).json();
    assert_eq!(status["installed"], true, "{status}");
    // Uninstalling puts the one original back.
    env.wfc(&repo, ["hook", "uninstall"]).success();
    assert_eq!(std::fs::read(hooks.join("pre-commit")).unwrap(), original);
    assert!(!hooks.join("pre-commit.wfc-chained").exists());
    assert!(!hooks.join("commit-msg").exists());
}

/// Names, modes and contents of every file in `dir`, sorted.
fn listing(dir: &Path) -> Vec<(String, u32, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                meta.permissions().mode(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn core_hooks_path_is_where_git_looks() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.git(&repo, ["config", "core.hooksPath", ".githooks"])
        .success();
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    // From a subdirectory, the relative path is still taken from the top of the worktree.
    let r = env.wfc(&repo.join("sub"), ["hook", "install", "--json"]);
    r.success();
    let dir = PathBuf::from(r.json()["hooks_dir"].as_str().unwrap());
    let git_says = git_out(
        &env,
        &repo.join("sub"),
        &["rev-parse", "--git-path", "hooks"],
    );
    assert_eq!(
        std::fs::canonicalize(&dir).unwrap(),
        std::fs::canonicalize(repo.join("sub").join(git_says)).unwrap()
    );
    assert_eq!(dir, repo.join(".githooks"));
    assert!(repo.join(".githooks/pre-commit").is_file());
    assert!(!repo.join(".git/hooks/pre-commit").exists());

    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["-m", "Add add"]).success();
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);

    // An absolute core.hooksPath too.
    let abs = env.root.join("shared-hooks");
    env.git(&repo, ["config", "core.hooksPath", abs.to_str().unwrap()])
        .success();
    let r = env.wfc(&repo, ["hook", "status", "--json"]);
    assert_eq!(r.json()["hooks_dir"], abs.to_str().unwrap());
    assert_eq!(r.json()["owner"], "none");
}

#[test]
fn a_global_hooks_path_is_refused_without_force() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let global = env.root.join("global-hooks");
    env.git(
        &repo,
        [
            "config",
            "--global",
            "core.hooksPath",
            global.to_str().unwrap(),
        ],
    )
    .success();
    let r = env.wfc(&repo, ["hook", "install"]);
    r.code(1);
    assert!(r.stderr.contains("every repository"), "{r}");
    assert!(!global.join("pre-commit").exists());
    env.wfc(&repo, ["hook", "install", "--force"]).success();
    assert!(global.join("pre-commit").is_file());
}

#[test]
fn another_hook_manager_is_detected_and_left_alone() {
    struct Case {
        name: &'static str,
        setup: fn(&TestEnv, &Path),
        snippet: &'static str,
    }
    let cases = [
        Case {
            name: "pre-commit",
            setup: |_, repo| {
                write(repo, ".pre-commit-config.yaml", "repos: []\n");
                write(
                    repo,
                    ".git/hooks/pre-commit",
                    "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexit 0\n",
                )
            },
            snippet: "entry: wfc hook run pre-commit",
        },
        Case {
            name: "prek",
            setup: |_, repo| {
                write(
                    repo,
                    ".git/hooks/pre-commit",
                    "#!/usr/bin/env bash\n# File generated by prek: https://github.com/j178/prek\nexit 0\n",
                )
            },
            snippet: "entry: wfc hook run commit-msg",
        },
        Case {
            name: "lefthook",
            setup: |_, repo| {
                write(repo, "lefthook.yml", "pre-commit:\n  commands: {}\n");
                write(
                    repo,
                    ".git/hooks/pre-commit",
                    "#!/bin/sh\ncall_lefthook run \"pre-commit\" \"$@\"\n",
                )
            },
            snippet: "run: wfc hook run commit-msg {1}",
        },
        Case {
            name: "husky",
            setup: |env, repo| {
                env.git(repo, ["config", "core.hooksPath", ".husky/_"])
                    .success();
            },
            snippet: "wfc hook run commit-msg \"$1\"",
        },
    ];
    for case in cases {
        let env = TestEnv::new();
        let repo = env.init_repo("repo");
        (case.setup)(&env, &repo);
        let dir = PathBuf::from(
            env.wfc(&repo, ["hook", "status", "--json"]).json()["hooks_dir"]
                .as_str()
                .unwrap(),
        );
        let before = if dir.exists() {
            listing(&dir)
        } else {
            Vec::new()
        };
        let r = env.wfc(&repo, ["hook", "install"]);
        r.code(1);
        assert!(
            r.stderr.contains(&format!("managed by {}", case.name)),
            "{}: {r}",
            case.name
        );
        assert!(r.stdout.contains(case.snippet), "{}: {r}", case.name);
        let after = if dir.exists() {
            listing(&dir)
        } else {
            Vec::new()
        };
        assert_eq!(before, after, "{}: nothing may change", case.name);
        let status = env.wfc(&repo, ["hook", "status", "--json"]).json();
        assert_eq!(status["managers"][0]["manager"], case.name);

        // --force installs anyway and keeps the manager's hook in the chain.
        let r = env.wfc(&repo, ["hook", "install", "--force"]);
        r.success();
        assert!(r.stderr.contains("--force"), "{}: {r}", case.name);
        assert!(dir.join("pre-commit").is_file());
        assert_eq!(
            env.wfc(&repo, ["hook", "status", "--json"]).json()["owner"],
            "wfc"
        );
    }
}

/// A clone of a repository that uses a hook manager carries its config file, but until the
/// manager is installed no hook of its runs: wfc installs its own, says the manager is only
/// configured, and warns about no chained hook, because there is none.
#[test]
fn a_managers_config_file_alone_does_not_own_the_hooks() {
    for (file, text, name) in [
        (".pre-commit-config.yaml", "repos: []\n", "pre-commit"),
        ("prek.toml", "repos = []\n", "prek"),
        ("lefthook.yml", "pre-commit:\n  commands: {}\n", "lefthook"),
    ] {
        let env = TestEnv::new();
        let repo = env.init_repo("repo");
        write(&repo, file, text);
        let status = env.wfc(&repo, ["hook", "status", "--json"]).json();
        assert_eq!(status["owner"], "none", "{name}");
        assert_eq!(status["managers"][0]["manager"], name);
        assert_eq!(status["managers"][0]["installed"], false);
        let r = env.wfc(&repo, ["hook", "install"]);
        r.success();
        assert!(!r.stderr.contains("--force"), "{name}: {r}");
        assert!(!r.stderr.contains("warning"), "{name}: {r}");
        assert!(
            r.stderr
                .contains(&format!("{name} is configured ({file} exists)")),
            "{name}: {r}"
        );
        let hooks = repo.join(".git/hooks");
        assert!(!hooks.join("pre-commit.wfc-chained").exists(), "{name}");
        let status = env.wfc(&repo, ["hook", "status"]);
        assert!(status.stdout.contains("owner: wfc"), "{name}: {status}");
        assert!(
            status.stdout.contains("configured but not installed"),
            "{name}: {status}"
        );
    }
}

#[test]
fn hook_run_rejects_unknown_hooks_and_missing_arguments() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let r = env.wfc(&repo, ["hook", "run", "pre-push"]);
    r.code(2);
    assert!(r.stderr.contains("pre-push"), "{r}");
    let r = env.wfc(&repo, ["hook", "run", "commit-msg"]);
    r.code(2);
    assert!(r.stderr.contains("message file"), "{r}");
}

#[test]
fn nothing_staged_passes_pre_commit() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    let r = env.wfc(&repo, ["hook", "run", "pre-commit"]);
    r.success();
    assert!(r.stdout.is_empty(), "{r}");
    // An empty commit changes nothing: it needs no review and carries no trailer.
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    commit(&env, &repo, &["-m", "Add add"]).success();
    commit(&env, &repo, &["--allow-empty", "-m", "Empty"]).success();
    assert!(trailers_of(&env, &repo, "HEAD").is_empty());
    verify_ok(&env, &repo, "HEAD~2..HEAD");
}

/// An empty commit on an unreviewed HEAD goes through (it adds nothing), and the unreviewed
/// commit below it is still what `gate verify` reports.
#[test]
fn an_empty_commit_on_an_unreviewed_head_adds_nothing_to_review() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    env.git(&repo, ["commit", "--no-verify", "-m", "Unreviewed"])
        .success();
    commit(&env, &repo, &["--allow-empty", "-m", "Empty"]).success();
    assert!(trailers_of(&env, &repo, "HEAD").is_empty());
    let r = env.wfc(&repo, ["gate", "verify", "--json", "HEAD~2..HEAD"]);
    r.code(1);
    let v = r.json();
    let statuses: Vec<&str> = v["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["missing", "ok"], "{r}");
}

/// A Python tool from PyPI (`pre-commit`, `prek`) in a venv under the target dir, installed
/// once and reused; `Err` says why it could not be installed (offline, no venv module).
fn python_tool(name: &str) -> Result<PathBuf, String> {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hook-tools-venv");
    let bin = root.join("bin").join(name);
    let works = |bin: &Path| {
        std::process::Command::new(bin)
            .arg("--version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if works(&bin) {
        return Ok(bin);
    }
    let run = |cmd: &mut std::process::Command| -> Result<(), String> {
        let out = cmd.output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    };
    if !root.join("bin/python").exists() {
        run(std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&root))?;
    }
    run(std::process::Command::new(root.join("bin/python")).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        name,
    ]))?;
    if works(&bin) {
        Ok(bin)
    } else {
        Err(format!("{} does not run after the install", bin.display()))
    }
}

/// A commit through pre-commit or prek, configured with this project's .pre-commit-hooks.yaml.
#[allow(clippy::print_stderr)]
fn through_framework(tool: &str) {
    let bin = match python_tool(tool) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipped: cannot install {tool} from PyPI: {why}");
            return;
        }
    };
    let env = TestEnv::new();
    // A hooks repository holding exactly the project's .pre-commit-hooks.yaml.
    let hooks_repo = env.init_repo("wfc-hooks");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks_repo.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    env.git(&hooks_repo, ["add", ".pre-commit-hooks.yaml"])
        .success();
    env.git(&hooks_repo, ["commit", "-m", "hooks"]).success();
    let rev = head(&env, &hooks_repo);

    let repo = env.init_repo("repo");
    write(
        &repo,
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: wfc-review\n      - id: wfc-review-hash\n",
            hooks_repo.display()
        ),
    );
    env.git(&repo, ["add", ".pre-commit-config.yaml"]).success();
    env.git(&repo, ["commit", "--no-verify", "-m", "Use wfc hooks"])
        .success();

    let wfc_dir = Path::new(WFC).parent().unwrap();
    let path = format!(
        "{}:{}",
        wfc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cache = env.root.join("tool-cache");
    let with_env = |mut cmd: std::process::Command| {
        cmd.env("PATH", &path)
            .env("PRE_COMMIT_HOME", &cache)
            .env("PREK_HOME", &cache);
        cmd
    };
    let out = std::process::Command::new(&bin)
        .args([
            "install",
            "--hook-type",
            "pre-commit",
            "--hook-type",
            "commit-msg",
        ])
        .current_dir(&repo)
        .env("HOME", &env.home)
        .env("PATH", &path)
        .env("PRE_COMMIT_HOME", &cache)
        .env("PREK_HOME", &cache)
        .env("GIT_CONFIG_GLOBAL", env.home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let r = Run::from_output(out);
    r.success();

    // wfc sees who owns the hooks, and would not install over them.
    let status = env.wfc(&repo, ["hook", "status", "--json"]).json();
    assert_eq!(status["owner"], tool, "{status}");

    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    let r = Run::from_output(
        with_env(env.git_cmd(&repo))
            .args(["commit", "-m", "Add add"])
            .output()
            .unwrap(),
    );
    r.success();
    assert_trailer_matches(&env, &repo, "HEAD", Verdict::Passed);
    verify_ok(&env, &repo, "HEAD~1..HEAD");

    write(&repo, "src/keys.rs", SECRET);
    env.git(&repo, ["add", "src/keys.rs"]).success();
    let before = head(&env, &repo);
    let r = Run::from_output(
        with_env(env.git_cmd(&repo))
            .args(["commit", "-m", "Add keys"])
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stdout.contains("commit blocked") || r.stderr.contains("commit blocked"),
        "{r}"
    );
    assert_eq!(head(&env, &repo), before);
}

#[test]
fn pre_commit_runs_the_hooks_of_pre_commit_hooks_yaml() {
    through_framework("pre-commit");
}

#[test]
fn prek_runs_the_hooks_of_pre_commit_hooks_yaml() {
    through_framework("prek");
}

#[test]
fn refusal_output_snapshot() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(&repo, "lefthook.yml", "pre-commit:\n  commands: {}\n");
    write(
        &repo,
        ".git/hooks/commit-msg",
        "#!/bin/sh\ncall_lefthook run \"commit-msg\" \"$@\"\n",
    );
    let r = env.wfc(&repo, ["hook", "install"]);
    insta::assert_snapshot!(
        crate::harness::redact(
            &env,
            &format!("exit: {}\n--- stdout\n{}--- stderr\n{}", r.code, r.stdout, r.stderr)
        ),
        @r"
    exit: 1
    --- stdout
    # lefthook.yml (then: `lefthook install`)
    pre-commit:
      commands:
        wfc-review:
          run: wfc hook run pre-commit
    commit-msg:
      commands:
        wfc-review-hash:
          run: wfc hook run commit-msg {1}
    --- stderr
    error: the hooks of this repository are managed by lefthook; wfc installed nothing
      caused by: [ROOT]/repo/.git/hooks/commit-msg runs lefthook
    hint: add wfc to lefthook's configuration with the snippet printed above
    hint: or run `wfc hook install --force`: the manager's hook is chained and runs first
    "
    );
}
