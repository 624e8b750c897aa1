//! Many projects and agents on one machine: two projects' worktrees of the same task, worked in
//! by two developers at once, never share a report, a telemetry count or an identity; every job
//! keeps its own report; knowledge goes to the scope its section belongs to.

use std::path::{Path, PathBuf};

use crate::harness::{Run, TestEnv, wait_all};
use crate::hooks::{HARMLESS, write};

/// A repository whose committed config names a project of its own (`mainp`), as a real one does.
fn repo_with_project(env: &TestEnv) -> PathBuf {
    let repo = env.init_repo("repo");
    write(&repo, ".wfc/config.toml", "[project]\nid = \"mainp\"\n");
    env.git(&repo, ["add", ".wfc/config.toml"]).success();
    env.git(&repo, ["commit", "-q", "-m", "wfc config"])
        .success();
    repo
}

fn create(env: &TestEnv, repo: &Path, project: &str, developer: &str, task: &str) -> PathBuf {
    let r = env.wfc(
        repo,
        [
            "--project-id",
            project,
            "--developer-id",
            developer,
            "worktree",
            "create",
            task,
        ],
    );
    r.success();
    PathBuf::from(r.stdout.trim())
}

fn reviews_in(env: &TestEnv, dir: &Path) -> (String, u64) {
    let v = env.wfc(dir, ["telemetry", "--json"]).json();
    let p = &v["projects"][0];
    (
        p["project_id"].as_str().unwrap_or_default().to_string(),
        p["reviews"].as_u64().unwrap_or(0),
    )
}

#[test]
fn two_projects_worktrees_of_one_task_keep_their_own_reports_counts_and_identity() {
    let env = TestEnv::new();
    let repo = repo_with_project(&env);
    let web = create(&env, &repo, "web", "alice", "fix-login");
    let api = create(&env, &repo, "api", "bob", "fix-login");
    for dir in [&web, &api] {
        write(dir, "src/lib.rs", HARMLESS);
        env.git(dir, ["add", "src/lib.rs"]).success();
    }
    // Both agents review at the same moment, each from inside its own worktree, with no flag.
    let children = [&web, &api]
        .iter()
        .map(|dir| env.spawn(dir, ["review", "--json", "--no-learn"]))
        .collect();
    let runs: Vec<Run> = wait_all(children);
    let mut reports = Vec::new();
    for (run, (project, developer)) in runs.iter().zip([("web", "alice"), ("api", "bob")]) {
        run.success();
        let v = run.json();
        assert_eq!(v["project_id"], project, "{run}");
        assert_eq!(v["developer_id"], developer, "{run}");
        assert_eq!(v["task_id"], "fix-login", "{run}");
        let latest = repo.join(format!(".wfc/output/{project}/REVIEW-fix-login.md"));
        assert_eq!(v["latest_report_path"], latest.to_str().unwrap());
        let md = std::fs::read_to_string(&latest).unwrap();
        assert!(md.contains(&format!("| Project | {project} |")), "{md}");
        assert!(md.contains(&format!("| Developer | {developer} |")), "{md}");
        reports.push(v["report_path"].as_str().unwrap().to_string());
    }
    assert_ne!(reports[0], reports[1]);
    assert!(!repo.join(".wfc/output/mainp").exists());

    // Telemetry and audit count each review for its own project and developer.
    assert_eq!(reviews_in(&env, &web), ("web".to_string(), 1));
    assert_eq!(reviews_in(&env, &api), ("api".to_string(), 1));
    let audit = env
        .wfc(&repo, ["audit", "--json", "--action", "review"])
        .json();
    let mut who: Vec<(String, String)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["project_id"].as_str().unwrap().to_string(),
                r["developer_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    who.sort();
    assert_eq!(
        who,
        [
            ("api".to_string(), "bob".to_string()),
            ("web".to_string(), "alice".to_string())
        ]
    );

    // Knowledge written from inside a worktree is attributed to its developer, not `wfc-alice`.
    let r = env.wfc(
        &web,
        [
            "--json",
            "knowledge",
            "append",
            "--reviewer",
            "security",
            "--section",
            "patterns_found",
            "--text",
            "tokens come from the vault",
        ],
    );
    r.success();
    assert_eq!(r.json()["developer_id"], "alice");
    assert!(
        r.json()["line"]
            .as_str()
            .unwrap()
            .ends_with("(Source: manual, Developer: alice)")
    );

    // Worktree commands inside a worktree act for its project: `api`'s list holds api's only,
    // and `status` of the task finds it.
    let list = env.wfc(&api, ["--json", "worktree", "list"]).json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["branch"], "wfc/api/fix-login");
    env.wfc(&api, ["worktree", "status", "fix-login"]).success();
    // Removing the worktree one stands in is refused with the reason, not "does not exist".
    let r = env.wfc(&api, ["worktree", "remove", "fix-login"]);
    r.code(1);
    assert!(
        r.stderr.contains("inside the worktree of task fix-login"),
        "{r}"
    );
    assert!(api.exists() && web.exists());

    // A flag or a variable still says otherwise.
    let r = env.wfc(
        &web,
        ["--project-id", "other", "review", "--json", "--no-learn"],
    );
    r.success();
    assert_eq!(r.json()["project_id"], "other");
    let mut cmd = env.wfc_cmd(&web);
    cmd.env("WFC_DEVELOPER_ID", "carol")
        .args(["review", "--json", "--no-learn"]);
    let r = Run::from_output(cmd.output().unwrap());
    r.success();
    assert_eq!(r.json()["developer_id"], "carol");
    assert_eq!(r.json()["project_id"], "web");
}

/// The identity wfc writes into a worktree names its developer as given, wherever it is read.
#[test]
fn a_worktree_identity_names_its_developer_even_without_a_worktree_layout() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    env.git(&repo, ["config", "user.email", "wfc+dana@noreply.local"])
        .success();
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    let r = env.wfc(&repo, ["review", "--json", "--no-learn"]);
    r.success();
    assert_eq!(r.json()["developer_id"], "dana");
}

fn commit_all(env: &TestEnv, dir: &Path, msg: &str) -> String {
    env.git(dir, ["add", "-A"]).success();
    env.git(dir, ["commit", "-q", "-m", msg]).success();
    env.git(dir, ["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string()
}

fn review_range(env: &TestEnv, dir: &Path, range: &str, keep: &str) -> serde_json::Value {
    let mut cmd = env.wfc_cmd(dir);
    cmd.env("WFC_REVIEW_KEEP_REPORTS", keep).args([
        "review",
        "--range",
        range,
        "--task-id",
        "t",
        "--json",
        "--no-learn",
    ]);
    let r = Run::from_output(cmd.output().unwrap());
    r.success();
    r.json()
}

#[test]
fn every_job_keeps_its_own_report_and_the_oldest_beyond_keep_reports_go() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let a = env
        .git(&repo, ["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string();
    write(&repo, "src/one.rs", HARMLESS);
    let b = commit_all(&env, &repo, "one");
    write(&repo, "src/two.rs", HARMLESS);
    commit_all(&env, &repo, "two");
    // Two ranges that end at the same tree: the reports differ (the files reviewed differ).
    let first = review_range(&env, &repo, &format!("{a}..HEAD"), "2");
    let second = review_range(&env, &repo, &format!("{b}..HEAD"), "2");
    assert_eq!(first["tree_id"], second["tree_id"]);
    assert_ne!(first["job_id"], second["job_id"]);
    let path = |v: &serde_json::Value, key: &str| PathBuf::from(v[key].as_str().unwrap());
    let read_json = |v: &serde_json::Value| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path(v, "json_report_path")).unwrap())
            .unwrap()
    };
    assert_eq!(
        read_json(&first)["files"],
        serde_json::json!(["src/one.rs", "src/two.rs"])
    );
    assert_eq!(
        read_json(&second)["files"],
        serde_json::json!(["src/two.rs"])
    );
    let second_md = std::fs::read_to_string(path(&second, "report_path")).unwrap();
    assert!(
        second_md.contains(second["job_id"].as_str().unwrap()),
        "{second_md}"
    );
    // REVIEW-t.md is the latest job's.
    assert_eq!(
        std::fs::read_to_string(path(&second, "latest_report_path")).unwrap(),
        second_md
    );
    // `review show` of the older job shows that job's report, not the later one's.
    let job = first["job_id"].as_str().unwrap();
    let shown = env.wfc(&repo, ["review", "show", job, "--json"]).json();
    assert_eq!(shown["result"]["report_path"], first["report_path"]);
    assert_eq!(shown["result"]["files"], first["files"]);
    assert_eq!(read_json(&first)["job_id"], first["job_id"]);

    // A third review with keep_reports = 2 deletes the first job's files, and only those.
    let third = review_range(&env, &repo, &format!("{a}..{b}"), "2");
    assert!(!path(&first, "report_path").exists());
    assert!(!path(&first, "json_report_path").exists());
    // Its row says so, so that later reviews do not look for those files again.
    let still = env.texts("SELECT id FROM jobs WHERE report_path IS NOT NULL ORDER BY id");
    assert!(
        !still.contains(&first["job_id"].as_str().unwrap().to_string()) && still.len() == 2,
        "{still:?}"
    );
    for v in [&second, &third] {
        assert!(path(v, "report_path").exists());
        assert!(path(v, "json_report_path").exists());
    }
    let jobs_dir = repo.join(".wfc/output/repo/jobs");
    assert_eq!(std::fs::read_dir(&jobs_dir).unwrap().count(), 4);
    // The job row stays: history outlives the files.
    env.wfc(&repo, ["review", "show", job]).success();
    // The reports stay out of `git status`.
    let st = env.git(&repo, ["status", "--porcelain"]);
    assert_eq!(st.stdout, "", "{st}");
}

#[test]
fn copy_env_replaces_its_own_untouched_copy_without_a_backup() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::write(repo.join(".env"), "A=1\n").unwrap();
    env.wfc(&repo, ["worktree", "create", "t"]).success();
    let wt = repo.join(".worktrees/repo/wfc-t");
    std::fs::write(repo.join(".env"), "A=2\n").unwrap();
    let r = env.wfc(&repo, ["--json", "worktree", "copy-env", "t"]);
    r.success();
    let v = r.json();
    assert_eq!(v["copied"], serde_json::json!([".env"]), "{r}");
    assert_eq!(v["backups"], serde_json::json!([]), "{r}");
    assert_eq!(std::fs::read_to_string(wt.join(".env")).unwrap(), "A=2\n");
    let names: Vec<String> = std::fs::read_dir(&wt)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains(".wfc-backup-")),
        "{names:?}"
    );
    // Nothing of the developer's is in the worktree, so it goes without --force.
    env.wfc(&repo, ["worktree", "remove", "t"]).success();
    assert!(!wt.exists());
}

fn append(env: &TestEnv, dir: &Path, section: &str, text: &str, scope: Option<&str>) -> Run {
    let mut args = vec![
        "--json",
        "knowledge",
        "append",
        "--reviewer",
        "security",
        "--section",
        section,
        "--text",
        text,
    ];
    if let Some(s) = scope {
        args.extend(["--scope", s]);
    }
    let r = env.wfc(dir, args);
    r.success();
    r
}

#[test]
fn knowledge_sections_go_to_their_scope_and_reads_look_in_both() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let project_file = repo.join(".wfc/knowledge/reviewers/security/KNOWLEDGE.md");
    let global_file = env
        .wfc_home
        .join("knowledge/global/reviewers/security/KNOWLEDGE.md");
    let r = append(&env, &repo, "repo_rules", "vault tokens only", None);
    assert_eq!(r.json()["scope"], "project");
    let r = append(&env, &repo, "codebase_context", "vault client in src", None);
    assert_eq!(r.json()["scope"], "project");
    let r = append(&env, &repo, "patterns_found", "vault token in logs", None);
    assert_eq!(r.json()["scope"], "global");
    let r = append(
        &env,
        &repo,
        "repo_rules",
        "vault rule kept global",
        Some("global"),
    );
    assert_eq!(r.json()["scope"], "global");
    // The files on the SQLite store; what the table renders to on PostgreSQL.
    let read = |scope: &str, file: &std::path::Path| match &env.database {
        Some(_) => {
            env.wfc(&repo, ["knowledge", "show", "security", "--scope", scope])
                .stdout
        }
        None => std::fs::read_to_string(file).unwrap(),
    };
    let project = read("project", &project_file);
    let global = read("global", &global_file);
    assert!(project.contains("vault tokens only") && project.contains("vault client in src"));
    assert!(global.contains("vault token in logs") && global.contains("vault rule kept global"));
    assert!(!global.contains("vault tokens only"));

    // search: both scopes unless narrowed.
    let hits = |scope: Option<&str>| -> Vec<(String, String)> {
        let mut args = vec!["--json", "knowledge", "search", "vault", "--limit", "0"];
        if let Some(s) = scope {
            args.extend(["--scope", s]);
        }
        let v = env.wfc(&repo, args).json();
        let mut out: Vec<(String, String)> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["scope"].as_str().unwrap().to_string(),
                    h["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let all = hits(None);
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(all.contains(&("project".into(), "vault tokens only".into())));
    assert!(all.contains(&("global".into(), "vault token in logs".into())));
    assert!(hits(Some("global")).iter().all(|(s, _)| s == "global"));
    assert_eq!(hits(Some("project")).len(), 2);

    // show: both files, the global one first; --scope narrows to one file, printed as it is.
    let shown = env.wfc(&repo, ["knowledge", "show", "security"]);
    shown.success();
    let at = |t: &str| {
        shown
            .stdout
            .find(t)
            .unwrap_or_else(|| panic!("{t}: {shown}"))
    };
    assert!(at("vault token in logs") < at("vault tokens only"));
    assert!(shown.stdout.contains("<!-- project knowledge: "), "{shown}");
    let only = env.wfc(
        &repo,
        ["knowledge", "show", "security", "--scope", "project"],
    );
    assert_eq!(only.stdout, project);
    let v = env
        .wfc(&repo, ["--json", "knowledge", "show", "security"])
        .json();
    assert_eq!(v["scope"], "all");
    assert_eq!(v["entries"], 4);
    assert_eq!(v["sections"]["repo_rules"].as_array().unwrap().len(), 2);
    assert_eq!(v["sections"]["codebase_context"][0]["scope"], "project");
    let section = env.wfc(
        &repo,
        ["knowledge", "show", "security", "--section", "repo_rules"],
    );
    assert_eq!(section.stdout.lines().count(), 2, "{section}");

    // Outside a repository there is no project: repo_rules fall back to the global scope.
    let outside = env.root.join("plain");
    std::fs::create_dir_all(&outside).unwrap();
    let r = append(&env, &outside, "repo_rules", "outside rule", None);
    assert_eq!(r.json()["scope"], "global");
}
