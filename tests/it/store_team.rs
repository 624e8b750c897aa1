//! A team on one PostgreSQL store: knowledge in the store's table (shared by every host, shown,
//! searched, pruned and exported as the file backend keeps it), and `wfc store migrate` moving an
//! existing SQLite store onto it. Skipped, with a message, when no server is given.

use std::path::{Path, PathBuf};

use crate::harness::{Run, TestEnv, stage_file, wait_all};
use crate::store::pg_database;

/// `wfc args...` in `dir` on the PostgreSQL store `url`, as host `host`.
fn on_pg(env: &TestEnv, dir: &Path, url: &str, host: &str, args: &[&str]) -> Run {
    Run::from_output(
        env.wfc_cmd(dir)
            .env("WFC_DATABASE_URL", url)
            .env("WFC_HOST_ID", host)
            .args(args)
            .output()
            .unwrap(),
    )
}

fn host() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    (env, repo)
}

fn append_args<'a>(section: &'a str, text: &'a str, scope: &'a str) -> Vec<&'a str> {
    vec![
        "--developer-id",
        "dana",
        "knowledge",
        "append",
        "--reviewer",
        "security",
        "--section",
        section,
        "--text",
        text,
        "--source",
        "review r-1",
        "--scope",
        scope,
    ]
}

/// Two hosts append at once to one reviewer's knowledge on the shared store: nothing is lost or
/// doubled, either host sees every entry, `knowledge show` prints the very KNOWLEDGE.md the file
/// backend writes for the same entries, search ranks them, prune archives them in the table, and
/// export writes both files.
#[test]
fn knowledge_on_postgres_is_shared_by_hosts_and_renders_and_exports_as_files() {
    if crate::harness::on_postgres() {
        eprintln!("skipped on the PostgreSQL store: this test runs on both stores itself");
        return;
    }
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let (a, repo_a) = host();
    let (b, repo_b) = host();
    // Eight appends from each host at once, each host's texts its own, plus one text both add.
    let mut children = Vec::new();
    for (env, repo, name) in [(&a, &repo_a, "host-a"), (&b, &repo_b, "host-b")] {
        for i in 0..8 {
            let text = format!("{name} lesson {i} about parameterised queries");
            let args = append_args("patterns_found", &text, "global");
            children.push(
                env.wfc_cmd(repo)
                    .env("WFC_DATABASE_URL", &url)
                    .env("WFC_HOST_ID", name)
                    .args(&args)
                    .spawn()
                    .unwrap(),
            );
        }
        let args = append_args("false_positives", "Test fixtures hold fake keys", "global");
        children.push(
            env.wfc_cmd(repo)
                .env("WFC_DATABASE_URL", &url)
                .env("WFC_HOST_ID", name)
                .args(&args)
                .spawn()
                .unwrap(),
        );
    }
    for r in wait_all(children) {
        r.success();
    }
    let shown = on_pg(
        &b,
        &repo_b,
        &url,
        "host-b",
        &[
            "knowledge",
            "show",
            "security",
            "--scope",
            "global",
            "--json",
        ],
    )
    .json();
    assert_eq!(shown["entries"], 17, "{shown}");
    assert_eq!(
        shown["sections"]["false_positives"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "the text both hosts added is kept once: {shown}"
    );
    let devs: Vec<&serde_json::Value> = shown["sections"]["patterns_found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["developer"])
        .collect();
    assert!(devs.iter().all(|d| *d == "dana"), "{shown}");
    // The audit trail has one row per entry added (16 + 1), and verifies.
    let rows = on_pg(&a, &repo_a, &url, "host-a", &["audit", "--json"]).json();
    let appends = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "knowledge.append")
        .count();
    assert_eq!(appends, 17, "{rows}");
    on_pg(&a, &repo_a, &url, "host-a", &["audit", "verify"]).success();

    // The same appends, one at a time, on a SQLite store and on a fresh PostgreSQL one, render
    // the same KNOWLEDGE.md.
    let Some((url2, _db2)) = pg_database() else {
        return;
    };
    let (c, repo_c) = host();
    let texts = [
        (
            "patterns_found",
            "SQL built by string concatenation",
            "global",
        ),
        ("repo_rules", "All queries go through db::query", "project"),
        (
            "patterns_found",
            "sql built by  STRING concatenation",
            "global",
        ),
        (
            "codebase_context",
            "Money is kept in integer cents",
            "project",
        ),
    ];
    for (section, text, scope) in texts {
        let args = append_args(section, text, scope);
        c.wfc(&repo_c, &args).success();
        on_pg(&c, &repo_c, &url2, "host-c", &args).success();
    }
    for scope in ["global", "project"] {
        let file = c.wfc(&repo_c, ["knowledge", "show", "security", "--scope", scope]);
        let table = on_pg(
            &c,
            &repo_c,
            &url2,
            "host-c",
            &["knowledge", "show", "security", "--scope", scope],
        );
        file.success();
        table.success();
        assert_eq!(table.stdout, file.stdout, "{scope}");
    }
    let hits = on_pg(
        &c,
        &repo_c,
        &url2,
        "host-c",
        &["knowledge", "search", "integer money", "--json"],
    )
    .json();
    assert_eq!(
        hits["hits"][0]["text"], "Money is kept in integer cents",
        "{hits}"
    );
    assert_eq!(hits["hits"][0]["scope"], "project", "{hits}");

    // Export writes the files the SQLite store keeps: the same bytes.
    let file_global = c
        .wfc_home
        .join("knowledge/global/reviewers/security/KNOWLEDGE.md");
    let file_project = repo_c.join(".wfc/knowledge/reviewers/security/KNOWLEDGE.md");
    let before = (
        std::fs::read(&file_global).unwrap(),
        std::fs::read(&file_project).unwrap(),
    );
    std::fs::remove_file(&file_global).unwrap();
    std::fs::remove_file(&file_project).unwrap();
    let r = on_pg(
        &c,
        &repo_c,
        &url2,
        "host-c",
        &["knowledge", "export", "--json"],
    );
    r.success();
    assert_eq!(r.json()["kept_in"], "table", "{r}");
    assert_eq!(std::fs::read(&file_global).unwrap(), before.0);
    assert_eq!(std::fs::read(&file_project).unwrap(), before.1);
    // Again: nothing new is written, and what a file holds of its own stays.
    let mut with_own = before.0.clone();
    with_own.extend_from_slice(b"\nhand-written note\n");
    std::fs::write(&file_global, &with_own).unwrap();
    let again = on_pg(
        &c,
        &repo_c,
        &url2,
        "host-c",
        &["knowledge", "export", "--json"],
    )
    .json();
    assert!(
        again["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["added"] == 0),
        "{again}"
    );
    assert_eq!(std::fs::read(&file_global).unwrap(), with_own);
    // On the SQLite store there is nothing to export.
    let r = c.wfc(&repo_c, ["knowledge", "export", "--json"]);
    r.success();
    assert_eq!(r.json()["kept_in"], "files");

    // Prune moves old entries to the archive table, audited; export writes the archive.
    let later = ["--scope", "global", "--older-than", "30d"];
    let mut args = vec!["knowledge", "prune"];
    args.extend(later);
    let r = Run::from_output(
        c.wfc_cmd(&repo_c)
            .env("WFC_DATABASE_URL", &url2)
            .env("WFC_NOW", "2026-06-01T00:00:00Z")
            .args(&args)
            .args(["--json"])
            .output()
            .unwrap(),
    );
    r.success();
    assert_eq!(r.json()["moved"], 1, "{r}");
    let now_shown = on_pg(
        &c,
        &repo_c,
        &url2,
        "host-c",
        &[
            "knowledge",
            "show",
            "security",
            "--scope",
            "global",
            "--json",
        ],
    )
    .json();
    assert_eq!(now_shown["entries"], 0, "{now_shown}");
    let rows = on_pg(&c, &repo_c, &url2, "host-c", &["audit", "--json"]).json();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["action"] == "knowledge.prune"),
        "{rows}"
    );
    std::fs::remove_file(&file_global).unwrap();
    on_pg(
        &c,
        &repo_c,
        &url2,
        "host-c",
        &["knowledge", "export", "--scope", "global"],
    )
    .success();
    let archive = std::fs::read_to_string(
        c.wfc_home
            .join("knowledge/global/reviewers/security/KNOWLEDGE-ARCHIVE.md"),
    )
    .unwrap();
    assert!(
        archive.contains("SQL built by string concatenation"),
        "{archive}"
    );
    let current = std::fs::read_to_string(&file_global).unwrap_or_default();
    assert!(!current.contains("SQL built by"), "{current}");
}

/// A review on the PostgreSQL store learns into the knowledge table, and the next prompt of the
/// reviewer that learnt it carries the lesson, on another host too.
#[test]
fn reviews_on_postgres_learn_into_the_table_and_prompts_use_it() {
    if crate::harness::on_postgres() {
        eprintln!("skipped on the PostgreSQL store: this test runs on both stores itself");
        return;
    }
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let (a, repo_a) = host();
    let repo = git2::Repository::open(&repo_a).unwrap();
    let key = format!("AKIA{}", "Q7ZB3XK2LMNP4RST");
    stage_file(&repo, "deploy/creds.py", &format!("KEY = \"{key}\"\n"));
    let r = on_pg(
        &a,
        &repo_a,
        &url,
        "host-a",
        &["--developer-id", "lee", "review", "--json"],
    );
    r.code(1);
    assert_eq!(r.json()["learned"], 1, "{r}");
    assert!(
        !a.wfc_home
            .join("knowledge/global/reviewers/security/KNOWLEDGE.md")
            .exists(),
        "the lesson went to the table, not a file"
    );
    let (b, repo_b) = host();
    let shown = on_pg(
        &b,
        &repo_b,
        &url,
        "host-b",
        &["knowledge", "show", "security", "--json"],
    )
    .json();
    let entry = &shown["sections"]["incidents_prevented"][0];
    assert!(
        entry["text"].as_str().unwrap().contains("deploy/creds.py") && entry["developer"] == "lee",
        "{shown}"
    );
    assert!(
        !shown.to_string().contains(&key),
        "the key leaked into the knowledge base"
    );
    // The same lesson again adds nothing.
    let r = on_pg(&a, &repo_a, &url, "host-a", &["review", "--json"]);
    assert_eq!(r.json()["learned"], 0, "{r}");
    let rb = git2::Repository::open(&repo_b).unwrap();
    stage_file(&rb, "deploy/creds.py", "KEY = load_key()\n");
    let prep = on_pg(
        &b,
        &repo_b,
        &url,
        "host-b",
        &["review", "prepare", "--json"],
    )
    .json();
    let security = prep["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reviewer_id"] == "security")
        .unwrap();
    let prompt = security["prompt"].as_str().unwrap();
    assert!(
        prompt.contains("deploy/creds.py") && prompt.contains("Developer: lee"),
        "{prompt}"
    );
}

/// `wfc store migrate` copies a SQLite store into an empty PostgreSQL one: the same audit rows
/// with the same hashes (plus the migration's own row), a chain that verifies, the jobs, the
/// leases, the trusted configs and the knowledge; it refuses a store that is not empty, a URL
/// that is not PostgreSQL, and a SQLite trail that does not verify, and copies nothing then.
#[test]
fn store_migrate_copies_a_sqlite_store_with_its_chain_and_knowledge() {
    if crate::harness::on_postgres() {
        eprintln!("skipped on the PostgreSQL store: this test runs on both stores itself");
        return;
    }
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let (env, repo) = host();
    std::fs::write(repo.join("app.py"), "print('hello')\n").unwrap();
    env.wfc(&repo, ["review", "--task-id", "first"]).success();
    env.wfc(&repo, ["worktree", "create", "feature-x"])
        .success();
    let append = append_args("repo_rules", "Every handler checks the tenant", "project");
    env.wfc(&repo, &append).success();
    let append = append_args("patterns_found", "Unchecked tenant ids", "global");
    env.wfc(&repo, &append).success();
    let before = env.wfc(&repo, ["audit", "--json"]).json();
    let jobs_before = env.wfc(&repo, ["review", "list", "--json"]).json();
    let shown_before: Vec<String> = ["global", "project"]
        .iter()
        .map(|scope| {
            env.wfc(&repo, ["knowledge", "show", "security", "--scope", scope])
                .stdout
        })
        .collect();

    // A committed knowledge folder of a name that is no reviewer's stays out of the table.
    let intruder = repo.join(".wfc/knowledge/reviewers/intruder");
    std::fs::create_dir_all(&intruder).unwrap();
    std::fs::write(
        intruder.join("KNOWLEDGE.md"),
        "# KNOWLEDGE.md -- intruder\n\n## Patterns Found\n- [2026-01-01] planted (Source: x)\n",
    )
    .unwrap();

    // Not PostgreSQL: a usage error.
    env.wfc(&repo, ["store", "migrate", "--to", "/tmp/other.db"])
        .code(2);

    let r = env.wfc(&repo, ["store", "migrate", "--to", &url, "--json"]);
    r.success();
    let m = r.json();
    assert_eq!(
        m["copied"]["audit"],
        before.as_array().unwrap().len(),
        "{m}"
    );
    assert_eq!(m["copied"]["jobs"], 1, "{m}");
    assert_eq!(m["copied"]["worktrees"], 1, "{m}");
    assert!(
        !r.stdout.contains("postgres@"),
        "no user or password is printed: {r}"
    );

    let after = on_pg(&env, &repo, &url, "host-a", &["audit", "--json"]).json();
    let (before, after) = (before.as_array().unwrap(), after.as_array().unwrap());
    assert_eq!(after.len(), before.len() + 1);
    for (x, y) in before.iter().zip(after) {
        assert_eq!(x["seq"], y["seq"]);
        assert_eq!(x["hash"], y["hash"], "row {} keeps its hash", x["seq"]);
    }
    assert_eq!(after.last().unwrap()["action"], "store.migrate");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let planted: i64 = c
        .query_one(
            "SELECT count(*) FROM knowledge WHERE reviewer = 'intruder'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(planted, 0);
    let v = on_pg(&env, &repo, &url, "host-a", &["audit", "verify", "--json"]);
    v.success();
    assert_eq!(v.json()["ok"], true);
    let jobs_after = on_pg(&env, &repo, &url, "host-a", &["review", "list", "--json"]).json();
    assert_eq!(jobs_after, jobs_before);
    let wt = on_pg(&env, &repo, &url, "host-a", &["worktree", "list", "--json"]).json();
    assert!(wt.to_string().contains("feature-x"), "{wt}");
    for (scope, before) in ["global", "project"].iter().zip(&shown_before) {
        let after = on_pg(
            &env,
            &repo,
            &url,
            "host-a",
            &["knowledge", "show", "security", "--scope", scope],
        );
        assert_eq!(&after.stdout, before, "{scope}");
    }

    // A second copy into the same store is refused and adds nothing.
    let r = env.wfc(&repo, ["store", "migrate", "--to", &url]);
    r.code(1);
    assert!(r.stderr.contains("only be copied into an empty one"), "{r}");
    let again = on_pg(&env, &repo, &url, "host-a", &["audit", "--json"]).json();
    assert_eq!(again.as_array().unwrap().len(), after.len());

    // A SQLite trail that does not verify is not copied.
    let Some((url2, _db2)) = pg_database() else {
        return;
    };
    {
        let db = rusqlite::Connection::open(env.wfc_home.join("wfc.db")).unwrap();
        db.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET status = 'edited' WHERE seq = 1;",
        )
        .unwrap();
    }
    let r = env.wfc(&repo, ["store", "migrate", "--to", &url2]);
    r.code(1);
    assert!(r.stderr.contains("does not verify"), "{r}");
    let empty = on_pg(&env, &repo, &url2, "host-a", &["audit", "--json"]).json();
    assert_eq!(empty, serde_json::json!([]));
}

/// Twenty reviews at once, ten on each of two hosts, call one API reviewer whose rate-limit
/// bucket (capacity 1, four tokens a second) lives in the shared store: every review completes,
/// and no two calls, from whichever host, come closer together than the rate allows.
#[test]
fn twenty_reviews_on_two_hosts_share_one_rate_limit_bucket() {
    if crate::harness::on_postgres() {
        eprintln!("skipped on the PostgreSQL store: this test runs on both stores itself");
        return;
    }
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let log = tempfile::tempdir().unwrap();
    let hosts: Vec<(TestEnv, PathBuf, &str)> = ["host-a", "host-b"]
        .into_iter()
        .map(|name| {
            let (env, repo) = host();
            let s = crate::review::script(
                &env,
                "api.sh",
                &format!(
                    "cat >/dev/null\ndate +%s%N > {}/{name}-$$\necho '[]'",
                    log.path().display()
                ),
            );
            std::fs::create_dir_all(repo.join(".wfc")).unwrap();
            std::fs::write(
                repo.join(".wfc/config.toml"),
                format!(
                    "[rate_limit.api]\ncapacity = 1\nrefill_per_sec = 4\n\n{}",
                    crate::review::reviewer_toml("api", &s, "wfc-json", "rate_limit = \"api\"")
                ),
            )
            .unwrap();
            on_pg(&env, &repo, &url, name, &["trust"]).success();
            let r = git2::Repository::open(&repo).unwrap();
            stage_file(&r, "a.txt", &format!("{name}\n"));
            (env, repo, name)
        })
        .collect();
    let mut children = Vec::new();
    for (env, repo, name) in &hosts {
        for _ in 0..10 {
            children.push(
                env.wfc_cmd(repo)
                    .env("WFC_DATABASE_URL", &url)
                    .env("WFC_HOST_ID", name)
                    .args(["review", "--no-learn", "-q", "--reviewers", "api"])
                    .spawn()
                    .unwrap(),
            );
        }
    }
    for r in wait_all(children) {
        assert_eq!(r.code, 0, "{r}");
    }
    let mut starts: Vec<(u128, String)> = std::fs::read_dir(log.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let at = std::fs::read_to_string(e.path())
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            (at, e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    starts.sort();
    assert_eq!(starts.len(), 20);
    for host in ["host-a", "host-b"] {
        assert_eq!(
            starts.iter().filter(|(_, n)| n.starts_with(host)).count(),
            10
        );
    }
    // One token every 250 ms for both hosts together: the k-th call after any one came at least
    // k * 250 ms later, less the jitter between a token and its script's first line at each end
    // (up to 300 ms each with twenty processes on two cores; it does not add up over calls).
    // One bucket per host would put the twenty calls in about 2.3 s instead of 4.75.
    for (i, a) in starts.iter().enumerate() {
        for (k, b) in starts[i + 1..].iter().enumerate() {
            let gap_ms = ((b.0 - a.0) / 1_000_000) as i64;
            let least = (k as i64 + 1) * 250 - 600;
            assert!(
                gap_ms >= least,
                "{} calls in {gap_ms} ms exceed the rate: {starts:?}",
                k + 2
            );
        }
    }
}

/// Whoever can write to the shared table is not trusted with the files export writes: a reviewer
/// name that is not a reviewer id is refused (nothing is written outside the knowledge folders),
/// and a text with line breaks and headings still renders as one entry line.
#[test]
fn a_hostile_knowledge_row_cannot_escape_on_export_or_forge_structure() {
    if crate::harness::on_postgres() {
        eprintln!("skipped on the PostgreSQL store: this test runs on both stores itself");
        return;
    }
    let Some((url, _db)) = pg_database() else {
        return;
    };
    let (env, repo) = host();
    let args = append_args("patterns_found", "A real lesson", "global");
    on_pg(&env, &repo, &url, "host-a", &args).success();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(
        "INSERT INTO knowledge (scope, reviewer, section, date, text, normalized, source, developer)
         VALUES ('global', 'security', 'patterns_found', '2026-01-01',
                 E'first\\n## Incidents Prevented\\n- [2026-01-01] forged', 'x', E'src\\nx', NULL)",
    )
    .unwrap();
    let shown = on_pg(
        &env,
        &repo,
        &url,
        "host-a",
        &[
            "knowledge",
            "show",
            "security",
            "--scope",
            "global",
            "--json",
        ],
    )
    .json();
    assert_eq!(
        shown["sections"]["incidents_prevented"],
        serde_json::json!([]),
        "{shown}"
    );
    assert_eq!(shown["entries"], 2, "{shown}");
    on_pg(
        &env,
        &repo,
        &url,
        "host-a",
        &["knowledge", "export", "--scope", "global"],
    )
    .success();
    let file = std::fs::read_to_string(
        env.wfc_home
            .join("knowledge/global/reviewers/security/KNOWLEDGE.md"),
    )
    .unwrap();
    let headings = file.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(headings, 5, "{file}");
    let entries = file.lines().filter(|l| l.starts_with("- [")).count();
    assert_eq!(entries, 2, "{file}");

    c.batch_execute(
        "INSERT INTO knowledge (scope, reviewer, section, date, text, normalized, source, developer)
         VALUES ('global', '../../../escaped', 'patterns_found', '2026-01-01', 'x', 'x', 's', NULL)",
    )
    .unwrap();
    let r = on_pg(
        &env,
        &repo,
        &url,
        "host-a",
        &["knowledge", "export", "--scope", "global"],
    );
    r.code(1);
    assert!(r.stderr.contains("cannot be a folder"), "{r}");
    assert!(!env.root.join("escaped").exists());
    assert!(!env.wfc_home.join("escaped").exists());
    let mut found = Vec::new();
    for dir in [&env.root, &env.home] {
        for e in walk(dir) {
            if e.to_string_lossy().contains("escaped") {
                found.push(e);
            }
        }
    }
    assert!(found.is_empty(), "{found:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            out.push(e.path());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(walk(&e.path()));
            }
        }
    }
    out
}
