//! Hostile file systems: repositories whose committed symbolic links try to lead wfc's deletions,
//! moves, writes and reads outside the repository (DESIGN.md "Trust and safety": no symlink leads
//! wfc out). Every attack is committed to a repository that is then really cloned with git, so
//! the links come from git; a victim folder outside the repository must be intact afterwards.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::TestEnv;

/// A victim folder outside every repository, with a home-like layout.
fn victim(env: &TestEnv) -> PathBuf {
    let v = env.root.join("victim");
    for (rel, text) in [
        (".ssh/id_ed25519", "PRIVATE KEY\n"),
        (".ssh/config", "Host *\n"),
        ("notes.txt", "mine\n"),
        ("p/idle/todo.txt", "keep me\n"),
        ("cfg/.env", "VICTIM=1\n"),
        ("shadow", "root:$6$secret:19000::::::\n"),
        (
            "KNOWLEDGE.md",
            "# KNOWLEDGE.md -- security\n\n## Repository-Specific Rules\n- [2026-01-01] victim password rule (Source: victim)\n",
        ),
        (
            "kdir/KNOWLEDGE.md",
            "# KNOWLEDGE.md -- security\n\n## Repository-Specific Rules\n- [2026-01-01] victim password rule (Source: victim)\n",
        ),
    ] {
        let p = v.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    v
}

/// Every path below `dir` (links not followed) with its content, for before/after comparison.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                out.insert(rel, "<dir>".into());
                walk(base, &p, out);
            } else if ft.is_symlink() {
                out.insert(
                    rel,
                    format!("-> {}", std::fs::read_link(&p).unwrap().display()),
                );
            } else {
                out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Builds a repository with `build`, commits everything in it on `main`, and clones it with the
/// real git CLI; returns the clone.
fn hostile_clone(env: &TestEnv, name: &str, build: impl FnOnce(&Path)) -> PathBuf {
    let src = env.root.join(format!("{name}-src"));
    std::fs::create_dir_all(&src).unwrap();
    env.git(&src, ["init", "-q", "-b", "main"]).success();
    std::fs::write(src.join("README.md"), "# hostile\n").unwrap();
    build(&src);
    env.git(&src, ["add", "-A"]).success();
    env.git(&src, ["commit", "-q", "-m", "hostile"]).success();
    let dst = env.root.join(name);
    let r = env.git(
        &env.root,
        ["clone", "-q", src.to_str().unwrap(), dst.to_str().unwrap()],
    );
    r.success();
    dst
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Attack (case 1): a clone commits `.worktrees/.trash` as a link to the victim's home; a plain
/// `wfc cleanup` used to empty it as "left behind by an interrupted removal". Now cleanup refuses
/// the whole pass (exit 1, an error naming `.worktrees` with a hint) and the home is intact.
#[test]
fn committed_trash_link_is_refused_and_its_target_kept() {
    let env = TestEnv::new();
    let v = victim(&env);
    let before = tree(&v);
    let repo = hostile_clone(&env, "repo", |src| {
        std::fs::create_dir_all(src.join(".worktrees")).unwrap();
        symlink(&v, src.join(".worktrees/.trash")).unwrap();
    });
    assert!(
        std::fs::symlink_metadata(repo.join(".worktrees/.trash"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    for args in [
        vec!["cleanup"],
        vec!["cleanup", "--force", "--older-than", "0s"],
    ] {
        let r = env.wfc(&repo, &args);
        r.code(1);
        assert!(r.stderr.contains("error: refusing to use"), "{r}");
        assert!(r.stderr.contains(".worktrees"), "{r}");
        assert!(r.stderr.contains("hint:"), "{r}");
    }
    assert_eq!(tree(&v), before, "the victim folder changed");
}

/// Attack (case 1, by hand): a `.worktrees/.trash` link that git does not track, in a repository
/// whose worktrees are otherwise real. Cleanup reports the trash as an error (exit 1), never
/// empties the link's target, and still handles everything else.
#[test]
fn untracked_trash_link_is_an_error_and_its_target_kept() {
    let env = TestEnv::new();
    let v = victim(&env);
    let before = tree(&v);
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    symlink(&v, repo.join(".worktrees/.trash")).unwrap();
    let r = env.wfc(&repo, ["--json", "cleanup"]);
    r.code(1);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let errors = j["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{r}");
    assert_eq!(errors[0]["kind"], "trash");
    assert!(
        errors[0]["reason"]
            .as_str()
            .unwrap()
            .contains("symbolic link"),
        "{r}"
    );
    assert_eq!(tree(&v), before, "the victim folder changed");
    assert!(repo.join(".worktrees/repo/wfc-t/.git").exists());
}

/// Attack (case 2): a clone commits `.worktrees` as a link to a victim folder and sets
/// `[project] id`, so that `<victim>/<project>/` looks like wfc's namespace. Cleanup used to
/// delete idle folders there and `worktree create` wrote through it. Both now refuse (exit 1)
/// before touching anything, and leave no branch behind.
#[test]
fn committed_worktrees_link_is_refused_by_cleanup_and_create() {
    let env = TestEnv::new();
    let v = victim(&env);
    let old = std::process::Command::new("touch")
        .args(["-d", "2020-01-01T00:00:00Z"])
        .arg(v.join("p/idle"))
        .status()
        .unwrap();
    assert!(old.success());
    let before = tree(&v);
    let repo = hostile_clone(&env, "repo", |src| {
        symlink(&v, src.join(".worktrees")).unwrap();
        std::fs::create_dir_all(src.join(".wfc")).unwrap();
        std::fs::write(src.join(".wfc/config.toml"), "[project]\nid = \"p\"\n").unwrap();
    });
    for args in [
        vec!["cleanup", "--older-than", "0s"],
        vec!["cleanup", "--force", "--all-projects", "--older-than", "0s"],
        vec!["worktree", "create", "t"],
        vec!["worktree", "remove", "--force", "idle"],
    ] {
        let r = env.wfc(&repo, &args);
        r.code(1);
        assert!(r.stderr.contains("refusing to use"), "{args:?}\n{r}");
        assert!(r.stderr.contains("symbolic link"), "{args:?}\n{r}");
    }
    assert_eq!(tree(&v), before, "the victim folder changed");
    let branches = env.git(&repo, ["branch", "--list", "wfc/*"]);
    assert_eq!(branches.stdout.trim(), "", "a branch was left behind");
}

/// Attack (case 2, the marker): a folder under `.worktrees/<project>/` that wfc did not make
/// (no creation marker) is kept by cleanup with the reason, `--force` included; a folder wfc
/// made whose git entry was lost is still removed.
#[test]
fn cleanup_deletes_only_folders_wfc_made() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "create", "lost"]).success();
    // git forgets the worktree: its folder is now unregistered, but wfc made it.
    std::fs::remove_dir_all(repo.join(".git/worktrees/wfc.repo.lost")).unwrap();
    let foreign = repo.join(".worktrees/repo/wfc-foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("data.txt"), "not wfc's\n").unwrap();
    let r = env.wfc(
        &repo,
        ["--json", "cleanup", "--force", "--older-than", "0s"],
    );
    r.success();
    let j = r.json();
    let find = |key: &str, tail: &str| {
        j[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"].as_str().is_some_and(|p| p.ends_with(tail)))
            .cloned()
    };
    let kept = find("kept", "wfc-foreign").unwrap_or_else(|| panic!("not kept: {r}"));
    assert_eq!(kept["kind"], "unregistered-dir");
    assert!(
        kept["reason"].as_str().unwrap().contains("not made by wfc"),
        "{kept}"
    );
    assert!(find("removed", "wfc-lost").is_some(), "{r}");
    assert_eq!(
        std::fs::read_to_string(foreign.join("data.txt")).unwrap(),
        "not wfc's\n"
    );
    assert!(!repo.join(".worktrees/repo/wfc-lost").exists());
}

/// Attack (case 5): an untracked `.env` in the main checkout is a link to a file outside the
/// repository (`/etc/shadow`). `worktree create` used to copy it as a regular file holding the
/// target's content. Now it is skipped with a warning naming it, and nothing of it reaches the
/// worktree; a link to a file inside the repository is still copied as that file.
#[test]
fn env_link_pointing_outside_is_not_copied() {
    let env = TestEnv::new();
    let v = victim(&env);
    let repo = hostile_clone(&env, "repo", |src| {
        std::fs::write(src.join("shared.env"), "SHARED=1\n").unwrap();
    });
    symlink(v.join("shadow"), repo.join(".env")).unwrap();
    symlink(repo.join("shared.env"), repo.join(".env.local")).unwrap();
    let r = env.wfc(&repo, ["worktree", "create", "t"]);
    r.success();
    assert!(
        r.stderr
            .contains("warning: skipped .env: a symbolic link pointing outside the repository"),
        "{r}"
    );
    let wt = repo.join(".worktrees/repo/wfc-t");
    assert!(std::fs::symlink_metadata(wt.join(".env")).is_err());
    assert_eq!(
        std::fs::read_to_string(wt.join(".env.local")).unwrap(),
        "SHARED=1\n"
    );
    // Re-copying says the same and still copies nothing of it.
    let r = env.wfc(&repo, ["--json", "worktree", "copy-env", "t"]);
    r.success();
    assert_eq!(r.json()["refused"][0][0], ".env", "{r}");
    assert!(std::fs::symlink_metadata(wt.join(".env")).is_err());
}

/// Attack (case 5): the base branch has `config` as a link to a victim folder and the repo config
/// copies `config/.env*`. `worktree create` used to write the developer's `config/.env` into the
/// victim folder and rename the victim's own file to a backup. Now the file is skipped with a
/// warning and the victim folder is intact.
#[test]
fn env_copy_never_writes_through_a_symlinked_folder() {
    let env = TestEnv::new();
    let v = victim(&env);
    let before = tree(&v);
    let repo = hostile_clone(&env, "repo", |src| {
        std::fs::create_dir_all(src.join("config")).unwrap();
        std::fs::write(src.join("config/app.toml"), "a = 1\n").unwrap();
        std::fs::create_dir_all(src.join(".wfc")).unwrap();
        std::fs::write(
            src.join(".wfc/config.toml"),
            "[worktree]\ncopy = [\"config/.env*\"]\n",
        )
        .unwrap();
    });
    // The attacker's branch replaces the folder with a link.
    let src = env.root.join("repo-src");
    env.git(&src, ["checkout", "-q", "-b", "evil"]).success();
    std::fs::remove_dir_all(src.join("config")).unwrap();
    symlink(v.join("cfg"), src.join("config")).unwrap();
    env.git(&src, ["add", "-A"]).success();
    env.git(&src, ["commit", "-q", "-m", "evil"]).success();
    env.git(&repo, ["fetch", "-q", "origin"]).success();
    // The developer's own env file, untracked in the main checkout.
    std::fs::write(repo.join("config/.env"), "DEV_SECRET=1\n").unwrap();
    let r = env.wfc(&repo, ["worktree", "create", "t", "--base", "origin/evil"]);
    r.success();
    assert!(r.stderr.contains("warning: skipped config/.env"), "{r}");
    assert!(r.stderr.contains("symbolic link"), "{r}");
    assert_eq!(tree(&v), before, "the victim folder changed");
}

fn append_project(env: &TestEnv, repo: &Path, text: &str) -> crate::harness::Run {
    env.wfc(
        repo,
        [
            "knowledge",
            "append",
            "--scope",
            "project",
            "--reviewer",
            "security",
            "--section",
            "repo_rules",
            "--text",
            text,
        ],
    )
}

/// Attack (case 6): a clone commits its project KNOWLEDGE.md as a link to a file outside the
/// repository, or the reviewer's folder as a link to a folder outside it. `knowledge append`
/// used to read and rewrite the target and put its `.lock` beside it. Now append, show and prune
/// refuse (exit 1, naming the link), the review's knowledge search skips it, and the victim is
/// intact, with no lock file in it.
#[test]
fn project_knowledge_links_are_neither_read_nor_rewritten() {
    let env = TestEnv::new();
    if env.sqlite_only("project knowledge is the repository's files only on the SQLite store") {
        return;
    }
    let v = victim(&env);
    let before = tree(&v);
    let k = ".wfc/knowledge/reviewers/security";
    let file_link = hostile_clone(&env, "file-link", |src| {
        std::fs::create_dir_all(src.join(k)).unwrap();
        symlink(v.join("KNOWLEDGE.md"), src.join(k).join("KNOWLEDGE.md")).unwrap();
    });
    let dir_link = hostile_clone(&env, "dir-link", |src| {
        std::fs::create_dir_all(src.join(".wfc/knowledge/reviewers")).unwrap();
        symlink(v.join("kdir"), src.join(k)).unwrap();
    });
    for repo in [&file_link, &dir_link] {
        let r = append_project(&env, repo, "never written");
        r.code(1);
        assert!(r.stderr.contains("error: refusing to use"), "{r}");
        assert!(r.stderr.contains("symbolic link"), "{r}");
        assert!(r.stderr.contains("hint:"), "{r}");
        let r = env.wfc(
            repo,
            ["knowledge", "show", "security", "--scope", "project"],
        );
        r.code(1);
        assert!(!r.stdout.contains("victim"), "{r}");
        let r = env.wfc(
            repo,
            [
                "knowledge",
                "prune",
                "--scope",
                "project",
                "--reviewer",
                "security",
                "--older-than",
                "1d",
            ],
        );
        r.code(1);
        let r = env.wfc(repo, ["knowledge", "search", "victim"]);
        assert!(!r.stdout.contains("victim"), "{r}");
    }
    assert_eq!(tree(&v), before, "the victim folder changed");
}

/// Attack (case 6): the lock of a project knowledge file used to be created beside it, in the
/// tracked folder, where `git add -A` picks it up. It now lives in the git common dir; after an
/// append only KNOWLEDGE.md itself is new in `git status`.
#[test]
fn project_knowledge_lock_lives_in_the_git_dir() {
    let env = TestEnv::new();
    if env.sqlite_only("project knowledge is the repository's files only on the SQLite store") {
        return;
    }
    let repo = hostile_clone(&env, "repo", |src| {
        std::fs::create_dir_all(src.join(".wfc/knowledge/reviewers/security")).unwrap();
        std::fs::write(
            src.join(".wfc/knowledge/reviewers/security/KNOWLEDGE.md"),
            "# KNOWLEDGE.md -- security\n\n## Repository-Specific Rules\n",
        )
        .unwrap();
    });
    append_project(&env, &repo, "parameterise every query").success();
    let st = env.git(&repo, ["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(
        st.stdout.trim(),
        "M .wfc/knowledge/reviewers/security/KNOWLEDGE.md",
        "{st}"
    );
    assert!(
        repo.join(".git/wfc/locks/knowledge/security/KNOWLEDGE.md.lock")
            .is_file()
    );
    let text = std::fs::read_to_string(repo.join(".wfc/knowledge/reviewers/security/KNOWLEDGE.md"))
        .unwrap();
    assert!(text.contains("parameterise every query"), "{text}");
}

/// Attack (reports): a clone commits `.wfc/output` as a link to a victim folder. The review used
/// to write its reports through it. Now the review fails (exit 1) before writing, and the victim
/// is intact; a committed file under `.wfc/output` is refused the same way.
#[test]
fn report_folder_links_and_tracked_reports_are_refused() {
    let env = TestEnv::new();
    let v = victim(&env);
    let before = tree(&v);
    let linked = hostile_clone(&env, "linked", |src| {
        std::fs::create_dir_all(src.join(".wfc")).unwrap();
        symlink(&v, src.join(".wfc/output")).unwrap();
        std::fs::write(src.join("app.py"), "print(1)\n").unwrap();
    });
    let tracked = hostile_clone(&env, "tracked", |src| {
        std::fs::create_dir_all(src.join(".wfc/output/tracked")).unwrap();
        std::fs::write(src.join(".wfc/output/tracked/REVIEW-x.md"), "old\n").unwrap();
        std::fs::write(src.join("app.py"), "print(1)\n").unwrap();
    });
    for repo in [&linked, &tracked] {
        std::fs::write(repo.join("app.py"), "print(2)\n").unwrap();
        let r = env.wfc(repo, ["review", "--no-learn"]);
        r.code(1);
        assert!(r.stderr.contains("error: refusing to use"), "{r}");
        assert!(r.stderr.contains(".wfc/output"), "{r}");
    }
    assert_eq!(tree(&v), before, "the victim folder changed");
    assert_eq!(
        std::fs::read_to_string(tracked.join(".wfc/output/tracked/REVIEW-x.md")).unwrap(),
        "old\n"
    );
}

/// Attack (case 11): `--files` with a committed link to a file outside the repository, an
/// absolute path outside it, or a `..` path out of it. The review used to read those files and
/// send them to the reviewers. Now each is a usage error (exit 2) naming the path, and no report
/// is written.
#[test]
fn files_outside_the_repository_are_refused() {
    let env = TestEnv::new();
    let v = victim(&env);
    let repo = hostile_clone(&env, "repo", |src| {
        symlink(v.join("shadow"), src.join("shadow.txt")).unwrap();
        std::fs::write(src.join("ok.py"), "print(1)\n").unwrap();
    });
    let abs = v.join("shadow");
    for f in ["shadow.txt", abs.to_str().unwrap(), "../victim/shadow"] {
        let r = env.wfc(&repo, ["review", "--no-learn", "--files", f]);
        r.code(2);
        assert!(r.stderr.contains("outside the repository"), "{f}\n{r}");
        assert!(
            !r.stdout.contains("secret") && !r.stderr.contains("secret"),
            "{r}"
        );
    }
    assert!(!repo.join(".wfc/output").exists());
    // A file of the repository is still reviewed.
    env.wfc(&repo, ["review", "--no-learn", "--files", "ok.py"])
        .success();
}

/// Attack (case 10): `cleanup --force --older-than 0s` while a review runs in a task worktree
/// (a running job whose pid is alive). It used to remove the worktree from under the review. Now
/// the worktree is kept with the job named as the reason, `--force` included; once the review
/// is over, the same cleanup removes it.
#[test]
fn cleanup_never_removes_a_worktree_a_live_review_runs_in() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    let wt = repo.join(".worktrees/repo/wfc-t");
    let started = env.root.join("started");
    let release = env.root.join("release");
    let script = env.root.join("slow.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat >/dev/null\ntouch '{}'\nwhile [ ! -e '{}' ]; do sleep 0.05; done\necho '[]'\n",
            started.display(),
            release.display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The user's own config: always trusted.
    let cfg = env.home.join(".config/wfc/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        format!(
            "[[review.reviewer]]\nid = \"slow\"\ncommand = \"{}\"\nformat = \"wfc-json\"\ntimeout = \"5m\"\n",
            script.display()
        ),
    )
    .unwrap();
    std::fs::write(wt.join("app.py"), "print(1)\n").unwrap();
    let review = env
        .wfc_cmd(&wt)
        .args(["review", "--no-learn"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("the reviewer to start", || started.exists());
    let r = env.wfc(
        &repo,
        ["--json", "cleanup", "--force", "--older-than", "0s"],
    );
    r.success();
    let j = r.json();
    let kept = j["kept"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "worktree" && i["task_id"] == "t")
        .unwrap_or_else(|| panic!("not kept: {r}"))
        .clone();
    assert!(
        kept["reason"].as_str().unwrap().contains("runs in it"),
        "{kept}"
    );
    assert!(wt.join("app.py").exists());
    std::fs::write(&release, "").unwrap();
    let done = crate::harness::wait_all(vec![review]);
    assert!(done[0].code == 0 || done[0].code == 1, "{}", done[0]);
    let r = env.wfc(
        &repo,
        ["--json", "cleanup", "--force", "--older-than", "0s"],
    );
    r.success();
    assert!(!wt.exists(), "{r}");
}

/// Attack: a clone commits `.wfc/config.toml` as a link to a file outside the repository (or
/// `.wfc` as a link to a folder holding one). wfc used to read it through the link, and a parse
/// error quoted the target's content. Now every command refuses the config as invalid (exit 2,
/// naming the link) without reading it; `wfc init` never writes through a `.wfc` link either.
#[test]
fn repo_config_links_are_not_read() {
    let env = TestEnv::new();
    let v = victim(&env);
    std::fs::create_dir_all(v.join("wfcdir")).unwrap();
    std::fs::write(v.join("wfcdir/config.toml"), "[review]\nlearn = false\n").unwrap();
    let before = tree(&v);
    let file_link = hostile_clone(&env, "file-link", |src| {
        std::fs::create_dir_all(src.join(".wfc")).unwrap();
        symlink(v.join("shadow"), src.join(".wfc/config.toml")).unwrap();
    });
    let dir_link = hostile_clone(&env, "dir-link", |src| {
        symlink(v.join("wfcdir"), src.join(".wfc")).unwrap();
    });
    for repo in [&file_link, &dir_link] {
        for args in [vec!["worktree", "list"], vec!["init", "--force"]] {
            let r = env.wfc(repo, &args);
            r.code(2);
            assert!(r.stderr.contains("is a symbolic link"), "{r}");
            assert!(!r.stderr.contains("secret"), "{r}");
        }
    }
    assert_eq!(tree(&v), before, "the victim folder changed");
}

/// Attack (case 2, copy-env): a clone commits `.worktrees` as a link to a victim folder that
/// holds a repository of its own at `<project>/wfc-<task>`. `worktree copy-env` used to write
/// the developer's env files into it. Now the copy refuses the link (exit 1) and the victim's
/// repository gets nothing.
#[test]
fn copy_env_never_writes_through_a_worktrees_link() {
    let env = TestEnv::new();
    let v = victim(&env);
    crate::harness::init_repo(&v.join("p/wfc-t"));
    let before = tree(&v);
    let repo = hostile_clone(&env, "repo", |src| {
        symlink(&v, src.join(".worktrees")).unwrap();
        std::fs::create_dir_all(src.join(".wfc")).unwrap();
        std::fs::write(src.join(".wfc/config.toml"), "[project]\nid = \"p\"\n").unwrap();
    });
    std::fs::write(repo.join(".env"), "DEV_SECRET=1\n").unwrap();
    let r = env.wfc(&repo, ["worktree", "copy-env", "t"]);
    r.code(1);
    assert!(r.stderr.contains("symbolic link"), "{r}");
    assert_eq!(tree(&v), before, "the victim folder changed");
}
