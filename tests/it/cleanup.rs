//! `wfc cleanup`: orphan rules, per-entry pruning, unregistered folders, branches, dead jobs,
//! dry runs, JSON, and `--watch`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{Run, TestEnv};
use crate::worktree::{branches, count, git_worktrees, run};

const T0: &str = "2026-03-01T00:00:00Z";
const LATER: &str = "2026-03-05T00:00:00Z";

fn at(env: &TestEnv, now: &str, dir: &Path, args: &[&str]) -> Run {
    run(env.wfc_cmd(dir).env("WFC_NOW", now).args(args))
}

fn wt(repo: &Path, project: &str, task: &str) -> PathBuf {
    repo.join(".worktrees")
        .join(project)
        .join(format!("wfc-{task}"))
}

/// The pid of a process that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

/// Everything cleanup could touch, to compare before and after a dry run.
fn snapshot(env: &TestEnv, repo: &Path) -> String {
    let mut dirs: Vec<String> = walk(&repo.join(".worktrees"));
    dirs.sort();
    let leases = env.texts("SELECT task_id || ' ' || last_used_at FROM worktrees ORDER BY task_id");
    let jobs = env.texts("SELECT id || ' ' || status FROM jobs ORDER BY id");
    let rows = (
        count(env, "SELECT count(*) FROM audit"),
        count(env, "SELECT count(*) FROM telemetry_events"),
    );
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{rows:?}\n{:?}",
        git_worktrees(env, repo),
        branches(env, repo),
        dirs,
        leases,
        jobs,
        std::fs::read_dir(repo.join(".git/worktrees"))
            .map(|r| r.count())
            .unwrap_or(0)
    )
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            out.push(e.path().to_string_lossy().into_owned());
            if e.path().is_dir() && e.file_name() != ".git" {
                out.extend(walk(&e.path()));
            }
        }
    }
    out
}

fn insert_job(env: &TestEnv, id: &str, project: &str, pid: u32) {
    // The store exists (and is migrated) once any wfc ran; the scene runs one first.
    env.execute(&format!(
        "INSERT INTO jobs (id, kind, project_id, developer_id, status, pid, started_at)
         VALUES ('{id}', 'review', '{project}', 'dev', 'running', {pid}, '{T0}')"
    ));
}

fn job_status(env: &TestEnv, id: &str) -> (String, Option<String>) {
    let row = env.texts(&format!(
        "SELECT status || ' ' || COALESCE(finished_at, '-') FROM jobs WHERE id = '{id}'"
    ));
    let (status, finished) = row[0].split_once(' ').unwrap();
    (
        status.to_string(),
        (finished != "-").then(|| finished.to_string()),
    )
}

/// A repository with one worktree of each kind cleanup must tell apart, and the dead pids used.
fn scene(env: &TestEnv) -> (PathBuf, Vec<String>) {
    let repo = env.init_repo("repo");
    std::fs::write(repo.join(".env"), "A=1\n").unwrap();
    let me = std::process::id().to_string();
    let dead = dead_pid().to_string();
    // orphan: no owner, idle; only a copied .env in it.
    at(env, T0, &repo, &["worktree", "create", "orphan"]).success();
    // owner dead, idle, and its branch has unmerged work.
    at(
        env,
        T0,
        &repo,
        &["worktree", "create", "gone", "--owner-pid", &dead],
    )
    .success();
    let gone = wt(&repo, "repo", "gone");
    std::fs::write(gone.join("w.txt"), "w").unwrap();
    env.git(&gone, ["add", "w.txt"]).success();
    env.git(&gone, ["commit", "-q", "-m", "w"]).success();
    // owner alive.
    at(
        env,
        T0,
        &repo,
        &["worktree", "create", "owned", "--owner-pid", &me],
    )
    .success();
    // dirty.
    at(env, T0, &repo, &["worktree", "create", "dirty"]).success();
    std::fs::write(wt(&repo, "repo", "dirty").join("wip.txt"), "wip").unwrap();
    // recently used.
    at(env, T0, &repo, &["worktree", "create", "fresh"]).success();
    at(
        env,
        "2026-03-04T20:00:00Z",
        &wt(&repo, "repo", "fresh"),
        &["worktree", "list"],
    )
    .success();
    // folder deleted by hand: registered but missing.
    at(env, T0, &repo, &["worktree", "create", "vanished"]).success();
    std::fs::remove_dir_all(wt(&repo, "repo", "vanished")).unwrap();
    // another project's orphan.
    at(
        env,
        T0,
        &repo,
        &["--project-id", "other", "worktree", "create", "o"],
    )
    .success();
    // an unregistered folder, and one holding a repository of its own.
    std::fs::create_dir_all(repo.join(".worktrees/repo/junk/deep")).unwrap();
    // Last modified before the pinned "now" of the passes below.
    Command::new("touch")
        .args(["-d", "2026-02-01T00:00:00Z"])
        .arg(repo.join(".worktrees/repo/junk"))
        .status()
        .unwrap();
    std::fs::create_dir_all(repo.join(".worktrees/repo/clone/.git")).unwrap();
    // a user's own worktree outside wfc's namespace, folder deleted: not wfc's to prune.
    env.git(&repo, ["worktree", "add", "-q", "-b", "mine", "../mine"])
        .success();
    std::fs::remove_dir_all(env.root.join("mine")).unwrap();
    let dead_job = dead_pid();
    insert_job(env, "job-dead", "repo", dead_job);
    insert_job(env, "job-live", "repo", std::process::id());
    (repo, vec![dead, dead_job.to_string()])
}

#[test]
fn dry_run_prints_the_plan_and_touches_nothing() {
    let env = TestEnv::new();
    let (repo, dead) = scene(&env);
    let before = snapshot(&env, &repo);
    let r = at(&env, LATER, &repo, &["cleanup", "--dry-run"]);
    r.success();
    assert_eq!(snapshot(&env, &repo), before);
    let mut text = r.stdout.replace(&std::process::id().to_string(), "ME");
    for pid in &dead {
        text = text.replace(&format!("pid {pid} "), "pid DEAD ");
    }
    insta::assert_snapshot!(text, @r"
    ACTION                  KIND              ITEM                          REASON
    would remove            worktree          .worktrees/repo/wfc-gone      orphan: owner pid DEAD is gone, idle 4d
    would remove            worktree          .worktrees/repo/wfc-orphan    orphan: no owner, idle 4d
    would remove            branch            wfc/repo/orphan               merged into HEAD
    would remove            missing-worktree  .worktrees/repo/wfc-vanished  its folder is gone
    would remove            branch            wfc/repo/vanished             merged into HEAD
    would mark interrupted  job               job-dead                      review job started 2026-03-01T00:00:00Z: pid DEAD is gone
    kept                    worktree          .worktrees/repo/wfc-dirty     1 uncommitted change(s) (?? wip.txt); --force removes it
    kept                    worktree          .worktrees/repo/wfc-fresh     used 4h ago; an orphan after 1d idle
    kept                    branch            wfc/repo/gone                 not merged into HEAD; --delete-branch deletes it
    kept                    worktree          .worktrees/repo/wfc-owned     owner pid ME is alive
    kept                    unregistered-dir  .worktrees/repo/clone         contains a git repository of its own
    kept                    unregistered-dir  .worktrees/repo/junk          not registered with git and not made by wfc (no creation marker)
    kept                    job               job-live                      pid ME is alive
    ");
    assert!(
        r.stderr
            .contains("dry run: 5 removed, 7 kept, 1 job(s) marked interrupted"),
        "{r}"
    );
}

#[test]
fn cleanup_removes_orphans_and_keeps_everything_else_with_a_reason() {
    let env = TestEnv::new();
    let (repo, _) = scene(&env);
    let r = at(&env, LATER, &repo, &["--json", "cleanup"]);
    r.success();
    let j = r.json();
    assert_eq!(j["dry_run"], false);
    let names = |key: &str| -> Vec<String> {
        let mut v: Vec<String> = j[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i["kind"].as_str().unwrap(),
                    i["task_id"]
                        .as_str()
                        .or(i["job_id"].as_str())
                        .or(i["path"].as_str().map(|p| p.rsplit('/').next().unwrap()))
                        .unwrap_or("")
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names("removed"),
        vec![
            "branch orphan",
            "branch vanished",
            "missing-worktree vanished",
            "worktree gone",
            "worktree orphan"
        ]
    );
    assert_eq!(
        names("kept"),
        vec![
            "branch gone",
            "job job-live",
            "unregistered-dir clone",
            "unregistered-dir junk",
            "worktree dirty",
            "worktree fresh",
            "worktree owned"
        ]
    );
    assert_eq!(names("jobs_interrupted"), vec!["job job-dead"]);
    for item in j["kept"].as_array().unwrap() {
        assert!(!item["reason"].as_str().unwrap().is_empty(), "{item}");
    }
    // On disk and in git.
    for gone in ["orphan", "gone", "vanished"] {
        assert!(!wt(&repo, "repo", gone).exists(), "{gone}");
    }
    for kept in ["owned", "dirty", "fresh"] {
        assert!(wt(&repo, "repo", kept).join(".git").exists(), "{kept}");
    }
    // Not made by wfc: never deleted.
    assert!(repo.join(".worktrees/repo/junk/deep").exists());
    assert!(repo.join(".worktrees/repo/clone/.git").exists());
    // The merged branches went, the unmerged one stayed; the other project was not touched.
    assert_eq!(
        branches(&env, &repo),
        vec![
            "main",
            "mine",
            "wfc/other/o",
            "wfc/repo/dirty",
            "wfc/repo/fresh",
            "wfc/repo/gone",
            "wfc/repo/owned"
        ]
    );
    assert!(wt(&repo, "other", "o").exists());
    // Pruned one entry at a time: the user's own missing worktree is still registered.
    let listed = git_worktrees(&env, &repo);
    assert!(listed.iter().any(|p| p.ends_with("/mine")), "{listed:?}");
    assert!(
        !listed.iter().any(|p| p.ends_with("wfc-vanished")),
        "{listed:?}"
    );
    assert!(repo.join(".git/worktrees/mine").exists());
    // Leases, jobs, audit, telemetry.
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM worktrees WHERE project_id = 'repo'"
        ),
        3
    );
    let (status, finished) = job_status(&env, "job-dead");
    assert_eq!(status, "interrupted");
    assert_eq!(finished.as_deref(), Some("2026-03-05T00:00:00.000000Z"));
    assert_eq!(job_status(&env, "job-live").0, "running");
    assert_eq!(
        count(&env, "SELECT count(*) FROM audit WHERE action = 'cleanup'"),
        1
    );
    let data = env
        .texts("SELECT data FROM telemetry_events WHERE kind = 'cleanup'")
        .remove(0);
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data, serde_json::json!({ "removed": 5, "kept": 7 }));

    // --force takes the dirty orphan; --delete-branch the unmerged branch of what it removes.
    at(
        &env,
        LATER,
        &repo,
        &["cleanup", "--force", "--delete-branch"],
    )
    .success();
    assert!(!wt(&repo, "repo", "dirty").exists());
    assert!(!branches(&env, &repo).contains(&"wfc/repo/dirty".to_string()));
    // The branch of `gone` has no worktree any more; it is unmerged, so it is still kept.
    assert!(branches(&env, &repo).contains(&"wfc/repo/gone".to_string()));
    // --all-projects reaches the other project.
    let r = at(&env, LATER, &repo, &["cleanup", "--all-projects"]);
    r.success();
    assert!(!wt(&repo, "other", "o").exists());
    assert!(r.stdout.contains("removed"), "{r}");
}

#[test]
fn older_than_overrides_the_threshold() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    at(&env, T0, &repo, &["worktree", "create", "t"]).success();
    let r = at(&env, "2026-03-01T02:00:00Z", &repo, &["cleanup"]);
    r.success();
    assert!(
        r.stdout.contains("used 2h ago; an orphan after 1d idle"),
        "{r}"
    );
    assert!(wt(&repo, "repo", "t").exists());
    let r = at(
        &env,
        "2026-03-01T02:00:00Z",
        &repo,
        &["cleanup", "--older-than", "1h"],
    );
    r.success();
    assert!(!wt(&repo, "repo", "t").exists(), "{r}");
    let bad = at(&env, T0, &repo, &["cleanup", "--older-than", "soon"]);
    bad.code(2);
    let none = at(&env, T0, &repo, &["cleanup"]);
    none.success();
    assert_eq!(none.stdout, "");
    assert!(none.stderr.contains("nothing to clean up"), "{none}");
}

#[test]
fn watch_repeats_until_stopped() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let mut child = env
        .wfc_cmd(&repo)
        .args(["cleanup", "--watch", "1s"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let db = env.wfc_home.join("wfc.db");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let started = match &env.database {
            Some(_) => env.count("SELECT count(*) FROM pg_tables WHERE tablename = 'audit'") > 0,
            None => db.exists(),
        };
        if started
            && env
                .texts("SELECT action FROM audit WHERE action = 'cleanup'")
                .len()
                >= 2
        {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "cleanup --watch exited on its own"
        );
        assert!(Instant::now() < deadline, "no second pass in time");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let zero = env.wfc(&repo, ["cleanup", "--watch", "0s"]);
    zero.code(2);
}

/// Owners are host-aware: a worktree whose owner runs on another host is never judged dead by a
/// local pid check, so cleanup on host B leaves it alone; on its own host the dead owner makes
/// it an orphan. The same holds for a job of another host.
#[test]
fn cleanup_on_another_host_never_judges_an_owner_by_a_local_pid() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let dead = dead_pid().to_string();
    let on = |host: &str, now: &str, args: &[&str]| {
        run(env
            .wfc_cmd(&repo)
            .env("WFC_HOST_ID", host)
            .env("WFC_NOW", now)
            .args(args))
    };
    on(
        "host-a",
        T0,
        &["worktree", "create", "t1", "--owner-pid", &dead],
    )
    .success();
    assert!(wt(&repo, "repo", "t1").is_dir());

    let b = on("host-b", LATER, &["cleanup", "--json"]);
    b.success();
    let v = b.json();
    let kept: Vec<&serde_json::Value> = v["kept"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["task_id"] == "t1")
        .collect();
    assert_eq!(kept.len(), 1, "{v}");
    let reason = kept[0]["reason"].as_str().unwrap();
    assert!(reason.contains("host-a"), "{reason}");
    assert!(
        wt(&repo, "repo", "t1").is_dir(),
        "host B removed host A's worktree"
    );

    let a = on("host-a", LATER, &["cleanup", "--json"]);
    a.success();
    let v = a.json();
    assert!(
        v["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["task_id"] == "t1" && i["kind"] == "worktree"),
        "{v}"
    );
    assert!(!wt(&repo, "repo", "t1").exists());
}
