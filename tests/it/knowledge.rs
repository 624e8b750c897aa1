//! The shared knowledge base: format, de-duplication, foreign content, scopes, locks, and many
//! real `wfc knowledge append` processes at once (including ones killed with SIGKILL).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use wfc::knowledge::{Document, Entry, NewEntry, Section};

use crate::harness::{TestEnv, wait_all};

const NOW: &str = "2026-03-04T10:00:00Z";

fn global_file(env: &TestEnv, reviewer: &str) -> PathBuf {
    env.wfc_home
        .join("knowledge/global/reviewers")
        .join(reviewer)
        .join("KNOWLEDGE.md")
}

/// A reviewer's global KNOWLEDGE.md: the file on the SQLite store, the document the knowledge
/// table renders to on PostgreSQL.
fn global_text(env: &TestEnv, reviewer: &str) -> String {
    match &env.database {
        Some(_) => {
            let r = env.wfc(
                &env.root,
                ["knowledge", "show", reviewer, "--scope", "global"],
            );
            r.success();
            r.stdout
        }
        None => std::fs::read_to_string(global_file(env, reviewer)).unwrap(),
    }
}

fn append_cmd(env: &TestEnv, dir: &Path, reviewer: &str, section: &str, text: &str) -> Command {
    let mut cmd = env.wfc_cmd(dir);
    cmd.env("WFC_NOW", NOW).args([
        "--developer-id",
        "alice",
        "knowledge",
        "append",
        "--reviewer",
        reviewer,
        "--section",
        section,
        "--text",
        text,
        "--source",
        "test",
    ]);
    cmd
}

fn run(cmd: &mut Command) -> crate::harness::Run {
    let out = cmd.output().unwrap();
    crate::harness::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Parses `text` and checks that it is a complete, untorn knowledge file: the title line, the
/// five sections once each and in order, and nothing but blank lines and entries below them.
#[track_caller]
fn well_formed(text: &str, reviewer: &str) -> Vec<Entry> {
    assert!(
        text.starts_with(&format!("# KNOWLEDGE.md -- {reviewer}\n")),
        "bad title:\n{text}"
    );
    assert!(text.ends_with('\n'), "no final newline:\n{text}");
    let doc = Document::parse(text.to_string());
    assert_eq!(doc.sections(), Section::ALL.to_vec(), "sections:\n{text}");
    let entry_lines: BTreeSet<usize> = doc.entries().iter().map(|e| e.line).collect();
    for (i, line) in text.lines().enumerate() {
        let ok = i == 0
            || line.is_empty()
            || Section::ALL
                .iter()
                .any(|s| line == format!("## {}", s.heading()))
            || entry_lines.contains(&i);
        assert!(
            ok,
            "line {} is not part of the format: {line:?}\n{text}",
            i + 1
        );
    }
    doc.entries().to_vec()
}

fn texts(entries: &[Entry]) -> Vec<String> {
    entries.iter().map(|e| e.text.clone()).collect()
}

#[test]
fn append_creates_the_file_in_the_design_format() {
    let env = TestEnv::new();
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "incidents_prevented",
        "AWS key in config/prod.yml",
    ));
    r.success();
    assert!(
        r.stdout.starts_with("added to incidents_prevented of "),
        "{r}"
    );
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "patterns_found",
        "SQL built with format! in db::query_user",
    ))
    .success();
    let text = global_text(&env, "security");
    insta::assert_snapshot!(text, @r"
    # KNOWLEDGE.md -- security

    ## Patterns Found
    - [2026-03-04] SQL built with format! in db::query_user (Source: test, Developer: alice)

    ## False Positives to Avoid

    ## Incidents Prevented
    - [2026-03-04] AWS key in config/prod.yml (Source: test, Developer: alice)

    ## Repository-Specific Rules

    ## Codebase Context
    ");
    well_formed(&text, "security");
}

#[test]
fn unknown_reviewer_or_section_is_a_usage_error_listing_the_valid_ones() {
    let env = TestEnv::new();
    for reviewer in ["nobody", "../etc", "security/x"] {
        let r = run(&mut append_cmd(
            &env,
            &env.root,
            reviewer,
            "repo_rules",
            "x",
        ));
        r.code(2);
        assert!(
            r.stderr.contains(
                "valid reviewers: security, correctness, performance, maintainability, reliability"
            ),
            "{r}"
        );
    }
    let r = run(&mut append_cmd(&env, &env.root, "security", "rules", "x"));
    r.code(2);
    assert!(
        r.stderr.contains(
            "valid sections: patterns_found, false_positives, incidents_prevented, repo_rules, codebase_context"
        ),
        "{r}"
    );
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "repo_rules",
        " \n\t ",
    ));
    r.code(2);
    assert!(r.stderr.contains("the entry text is empty"), "{r}");
    assert!(!env.wfc_home.join("knowledge").exists());

    // An external reviewer from the config is a valid name, and is listed.
    let cfg = env.home.join(".config/wfc/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        "[[review.reviewer]]\nid = \"semgrep\"\ncommand = \"semgrep --json\"\n",
    )
    .unwrap();
    run(&mut append_cmd(
        &env,
        &env.root,
        "semgrep",
        "false_positives",
        "test fixtures",
    ))
    .success();
    assert!(global_text(&env, "semgrep").contains("test fixtures"));
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "nobody",
        "repo_rules",
        "x",
    ));
    assert!(r.stderr.contains("reliability, semgrep"), "{r}");
}

#[test]
fn de_duplication_is_an_exact_match_not_a_substring() {
    let env = TestEnv::new();
    let outcome = |section: &str, text: &str| {
        let r = run(append_cmd(&env, &env.root, "correctness", section, text).arg("--json"));
        r.success();
        r.json()["outcome"].as_str().unwrap().to_string()
    };
    assert_eq!(outcome("patterns_found", "Finding 10"), "added");
    assert_eq!(outcome("patterns_found", "Finding 1"), "added");
    assert_eq!(outcome("patterns_found", "Finding 1"), "duplicate");
    assert_eq!(outcome("patterns_found", "  finding\n 10 "), "duplicate");
    assert_eq!(outcome("repo_rules", "Finding 1"), "added");
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "correctness",
        "patterns_found",
        "Finding 1",
    ));
    assert!(r.stdout.starts_with("duplicate: patterns_found of "), "{r}");
    let text = global_text(&env, "correctness");
    let entries = well_formed(&text, "correctness");
    assert_eq!(texts(&entries), ["Finding 10", "Finding 1", "Finding 1"]);
    assert_eq!(entries[2].section, Section::RepoRules);
}

#[test]
fn text_and_source_are_sanitised() {
    let env = TestEnv::new();
    let long = "word ".repeat(200);
    let mut cmd = env.wfc_cmd(&env.root);
    cmd.env("WFC_NOW", NOW).args([
        "knowledge",
        "append",
        "--reviewer",
        "reliability",
        "--section",
        "repo_rules",
        "--text",
        "## Heading-like\nsecond line\r\nthird",
        "--source",
        "- [x] a\nb",
    ]);
    run(&mut cmd).success();
    run(&mut append_cmd(
        &env,
        &env.root,
        "reliability",
        "repo_rules",
        &long,
    ))
    .success();
    run(&mut append_cmd(
        &env,
        &env.root,
        "reliability",
        "codebase_context",
        "- [2020-01-01] fake",
    ))
    .success();
    let text = global_text(&env, "reliability");
    let entries = well_formed(&text, "reliability");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].text, "\\## Heading-like second line third");
    assert_eq!(entries[0].source, "\\- [x] a b");
    assert_eq!(entries[1].text.chars().count(), 500);
    assert!(entries[1].text.ends_with('…'));
    assert_eq!(entries[2].text, "\\- [2020-01-01] fake");
    assert_eq!(entries[2].date, "2026-03-04");
}

#[test]
fn a_hand_edited_crlf_file_keeps_every_byte_but_the_inserted_line() {
    let env = TestEnv::new();
    if env.sqlite_only("hand edits of a KNOWLEDGE.md file (the SQLite store's knowledge)") {
        return;
    }
    let path = global_file(&env, "performance");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let original = "<!-- kept by hand -->\r\n# KNOWLEDGE.md -- performance\r\n\r\n\
                    ## Patterns Found\r\n- [2025-12-01] N+1 queries in OrderList (Source: r1)\r\n\
                    A note someone wrote here.   \r\n\r\n## Team Links\r\n* https://example.com\r\n\
                    - [2025-12-02] looks like an entry but is not in a section (Source: x)\r\n\r\n\
                    ## Codebase Context\r\n- [2025-12-03] orders table has 40M rows (Source: r2)";
    std::fs::write(&path, original).unwrap();

    run(&mut append_cmd(
        &env,
        &env.root,
        "performance",
        "patterns_found",
        "unbounded cache",
    ))
    .success();
    let line = "- [2026-03-04] unbounded cache (Source: test, Developer: alice)";
    let expected = original.replace(
        "A note someone wrote here.   \r\n",
        &format!("A note someone wrote here.   \r\n{line}\r\n"),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);

    // The last section has no final line break; the new line keeps that shape.
    run(&mut append_cmd(
        &env,
        &env.root,
        "performance",
        "codebase_context",
        "uses sqlx",
    ))
    .success();
    let expected =
        format!("{expected}\r\n- [2026-03-04] uses sqlx (Source: test, Developer: alice)");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);

    // A missing section is added before the next one in the design's order.
    run(&mut append_cmd(
        &env,
        &env.root,
        "performance",
        "repo_rules",
        "no ORM in hot paths",
    ))
    .success();
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        expected.replace(
            "\r\n## Codebase Context\r\n",
            "\r\n## Repository-Specific Rules\r\n- [2026-03-04] no ORM in hot paths (Source: test, Developer: alice)\r\n\r\n## Codebase Context\r\n"
        )
    );
    // The duplicate check sees entries written by hand.
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "performance",
        "patterns_found",
        "N+1 queries in OrderList",
    ));
    assert!(r.stdout.starts_with("duplicate"), "{r}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn a_file_that_is_not_utf8_is_left_alone() {
    let env = TestEnv::new();
    if env.sqlite_only("a KNOWLEDGE.md file (the SQLite store's knowledge)") {
        return;
    }
    let path = global_file(&env, "security");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let bytes =
        b"# KNOWLEDGE.md -- security\n\n## Patterns Found\n- [2026-01-01] caf\xe9 (Source: s)\n";
    std::fs::write(&path, bytes).unwrap();
    let r = run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "patterns_found",
        "x",
    ));
    r.code(1);
    assert!(r.stderr.contains("is not UTF-8 text"), "{r}");
    assert!(r.stderr.contains("hint:"), "{r}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn project_scope_writes_into_the_repository() {
    let env = TestEnv::new();
    if env.sqlite_only(
        "project knowledge files (the SQLite store's knowledge); store_team covers the table",
    ) {
        return;
    }
    let repo = env.init_repo("repo");
    let sub = repo.join("src");
    std::fs::create_dir_all(&sub).unwrap();
    run(append_cmd(
        &env,
        &sub,
        "maintainability",
        "repo_rules",
        "modules stay under 500 lines",
    )
    .args(["--scope", "project"]))
    .success();
    let path = repo.join(".wfc/knowledge/reviewers/maintainability/KNOWLEDGE.md");
    let entries = well_formed(&std::fs::read_to_string(&path).unwrap(), "maintainability");
    assert_eq!(texts(&entries), ["modules stay under 500 lines"]);
    assert!(!global_file(&env, "maintainability").exists());

    let r = env.wfc(
        &repo,
        ["knowledge", "show", "maintainability", "--scope", "project"],
    );
    r.success();
    assert_eq!(r.stdout, std::fs::read_to_string(&path).unwrap());

    let outside = env.root.join("not-a-repo");
    std::fs::create_dir_all(&outside).unwrap();
    let r =
        run(append_cmd(&env, &outside, "security", "repo_rules", "x").args(["--scope", "project"]));
    r.code(2);
    assert!(r.stderr.contains("not a git repository"), "{r}");
}

#[test]
fn a_held_lock_makes_append_wait_then_exit_busy() {
    let env = TestEnv::new();
    if env.sqlite_only("the lock of a KNOWLEDGE.md file") {
        return;
    }
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "patterns_found",
        "first",
    ))
    .success();
    let path = global_file(&env, "security");
    let before = std::fs::read(&path).unwrap();
    let lock = wfc::lock::FileLock::acquire(
        &path.with_file_name("KNOWLEDGE.md.lock"),
        Duration::from_secs(5),
        &mut |_| {},
    )
    .unwrap();
    let r = run(
        append_cmd(&env, &env.root, "security", "patterns_found", "second")
            .args(["--lock-timeout", "300ms"]),
    );
    r.code(4);
    assert!(r.stderr.contains("waiting for lock at "), "{r}");
    assert!(r.stderr.contains("KNOWLEDGE.md.lock"), "{r}");
    // The wait is said as a reader would say it, not to the nanosecond.
    assert!(r.stderr.contains("timed out after 300ms waiting"), "{r}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "patterns_found",
        "second",
    ))
    .success();
}

#[test]
fn a_hundred_concurrent_appends_give_a_hundred_entries() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..100)
        .map(|i| {
            append_cmd(
                &env,
                &env.root,
                "security",
                "patterns_found",
                &format!("lesson {i}"),
            )
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for r in wait_all(children) {
        r.success();
    }
    let text = global_text(&env, "security");
    let entries = well_formed(&text, "security");
    assert_eq!(entries.len(), 100);
    let got: BTreeSet<String> = texts(&entries).into_iter().collect();
    let want: BTreeSet<String> = (0..100).map(|i| format!("lesson {i}")).collect();
    assert_eq!(got, want);
    // One audit row per append.
    let n = env
        .count("SELECT COUNT(*) FROM audit WHERE action = 'knowledge.append' AND status = 'added'");
    assert_eq!(n, 100);
    env.wfc(&env.root, ["audit", "verify"]).success();
}

#[test]
fn ten_writers_of_the_same_text_give_one_entry() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..10)
        .map(|_| {
            append_cmd(
                &env,
                &env.root,
                "reliability",
                "incidents_prevented",
                "Finding 1",
            )
            .arg("--json")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let outcomes: Vec<String> = wait_all(children)
        .iter()
        .map(|r| {
            r.success();
            r.json()["outcome"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "added").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes.iter().filter(|o| *o == "duplicate").count(),
        9,
        "{outcomes:?}"
    );
    let text = global_text(&env, "reliability");
    assert_eq!(texts(&well_formed(&text, "reliability")), ["Finding 1"]);
}

/// A small xorshift generator, so the kill moments vary from run to run without a new crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[test]
fn writers_killed_at_random_moments_never_tear_the_file() {
    let env = TestEnv::new();
    if env.sqlite_only("torn KNOWLEDGE.md files; on PostgreSQL an append is one transaction") {
        return;
    }
    let path = global_file(&env, "security");
    // A larger file makes each rewrite take longer, so kills land inside writes more often.
    let seed_entries: Vec<NewEntry> = (0..400)
        .map(|i| NewEntry {
            reviewer: "security".into(),
            section: Section::ALL[i % 5],
            text: format!("seed entry {i} {}", "padding ".repeat(20)),
            source: "seed".into(),
            developer: None,
        })
        .collect();
    wfc::knowledge::append_many(
        &path,
        &seed_entries,
        SystemTime::now(),
        Duration::from_secs(5),
        &mut |_| {},
    )
    .unwrap();

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let mut confirmed: BTreeSet<String> = (0..400)
        .map(|i| {
            format!("seed entry {i} {}", "padding ".repeat(20))
                .trim_end()
                .to_string()
        })
        .collect();
    let mut survivors = Vec::new();
    let mut killed = 0;
    for round in 0..40 {
        let steady = format!("steady {round}");
        survivors.push((
            steady.clone(),
            append_cmd(&env, &env.root, "security", "patterns_found", &steady)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap(),
        ));
        let victim = format!("victim {round}");
        let mut child = append_cmd(&env, &env.root, "security", "repo_rules", &victim)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The kill moment itself is the random part of this test, not a wait for a result.
        std::thread::sleep(Duration::from_micros(rng.next(40_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            confirmed.insert(victim);
        } else {
            killed += 1;
        }
        // Writers seen finished before the file is read must all be in it; one that finishes
        // after the read is checked in a later round.
        survivors.retain_mut(|(t, c)| match c.try_wait().unwrap() {
            Some(s) => {
                assert!(s.success(), "a writer that was not killed failed");
                confirmed.insert(t.clone());
                false
            }
            None => true,
        });
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.is_empty(), "empty file after a kill (seed {seed})");
        let present: BTreeSet<String> =
            texts(&well_formed(&text, "security")).into_iter().collect();
        let lost: Vec<_> = confirmed.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "entries lost after round {round} (seed {seed}): {lost:?}"
        );
    }
    let deadline = Instant::now() + Duration::from_secs(300);
    for (t, mut c) in survivors {
        loop {
            if let Some(s) = c.try_wait().unwrap() {
                assert!(s.success(), "writer of {t:?} failed");
                confirmed.insert(t);
                break;
            }
            assert!(Instant::now() < deadline, "a writer did not finish");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    assert!(
        killed > 0,
        "no writer was killed before it finished (seed {seed})"
    );
    // One more append clears the temp files killed writers left behind.
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "codebase_context",
        "final",
    ))
    .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let present: BTreeSet<String> = texts(&well_formed(&text, "security")).into_iter().collect();
    let lost: Vec<_> = confirmed.difference(&present).collect();
    assert!(lost.is_empty(), "lost (seed {seed}): {lost:?}");
    let temps: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

#[test]
fn search_ranks_entries_and_understands_identifiers() {
    let env = TestEnv::new();
    for (reviewer, section, text) in [
        (
            "security",
            "patterns_found",
            "SQL injection via string formatting in cursor.execute",
        ),
        (
            "security",
            "false_positives",
            "test fixtures under tests/data hold fake keys",
        ),
        (
            "correctness",
            "patterns_found",
            "getUserName returns None for deleted accounts",
        ),
        (
            "performance",
            "patterns_found",
            "N+1 queries when iterating order_items",
        ),
    ] {
        run(&mut append_cmd(&env, &env.root, reviewer, section, text)).success();
    }
    let r = env.wfc(
        &env.root,
        ["--json", "knowledge", "search", "execute raw sql string"],
    );
    r.success();
    let v = r.json();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(hits[0]["reviewer"], "security");
    assert_eq!(hits[0]["section"], "patterns_found");
    assert_eq!(hits[0]["developer"], "alice");
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);
    // Where the entry is kept: the reviewer's file, or its place in the PostgreSQL table.
    let path = hits[0]["path"].as_str().unwrap();
    match &env.database {
        Some(_) => assert_eq!(path, "knowledge table global/security"),
        None => assert!(path.ends_with("security/KNOWLEDGE.md"), "{path}"),
    }

    // camelCase and snake_case identifiers match their words, and the words match them.
    let r = env.wfc(
        &env.root,
        ["--json", "knowledge", "search", "user_name lookup"],
    );
    assert_eq!(r.json()["hits"][0]["reviewer"], "correctness", "{r}");
    let r = env.wfc(&env.root, ["--json", "knowledge", "search", "orderItems"]);
    assert_eq!(r.json()["hits"][0]["reviewer"], "performance", "{r}");

    // --reviewer and --limit narrow the answer.
    let r = env.wfc(
        &env.root,
        [
            "--json",
            "knowledge",
            "search",
            "keys sql",
            "--reviewer",
            "correctness",
        ],
    );
    assert_eq!(r.json()["hits"].as_array().unwrap().len(), 0, "{r}");
    let r = env.wfc(
        &env.root,
        ["--json", "knowledge", "search", "keys sql", "--limit", "1"],
    );
    assert_eq!(r.json()["hits"].as_array().unwrap().len(), 1, "{r}");
    let r = env.wfc(&env.root, ["knowledge", "search", "keys sql"]);
    r.success();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{r}");
    assert!(lines[0].starts_with("SCORE  REVIEWER  SECTION"), "{r}");

    let r = env.wfc(&env.root, ["knowledge", "search", "the and"]);
    r.code(2);
    let r = env.wfc(
        &env.root,
        ["knowledge", "search", "x", "--reviewer", "../x"],
    );
    r.code(2);
}

#[test]
fn search_library_feeds_prompts_within_a_budget() {
    let env = TestEnv::new();
    if env.sqlite_only("the search library over KNOWLEDGE.md files; store_team::reviews_on_postgres_learn_into_the_table_and_prompts_use_it") {
        return;
    }
    for i in 0..30 {
        run(&mut append_cmd(
            &env,
            &env.root,
            "security",
            "patterns_found",
            &format!("token leak number {i} in request logging"),
        ))
        .success();
    }
    let root = env.wfc_home.join("knowledge/global/reviewers");
    let hits =
        wfc::knowledge::search::search(&[root], Some("security"), "token logging", 0).unwrap();
    assert_eq!(hits.len(), 30);
    let one = hits[0].estimated_tokens() + 1;
    let kept = wfc::knowledge::search::within_budget(&hits, one * 5);
    assert_eq!(kept.len(), 5);
    assert_eq!(kept, hits[..5].to_vec());
}

#[test]
fn prune_moves_old_entries_to_the_archive_under_the_lock() {
    let env = TestEnv::new();
    if env.sqlite_only("KNOWLEDGE-ARCHIVE.md files; store_team prunes the table") {
        return;
    }
    let at = |now: &str, section: &str, text: &str| {
        let mut cmd = append_cmd(&env, &env.root, "security", section, text);
        cmd.env("WFC_NOW", now);
        run(&mut cmd).success();
    };
    at("2025-01-10T00:00:00Z", "patterns_found", "old pattern");
    at("2025-06-01T00:00:00Z", "codebase_context", "old context");
    at("2026-03-01T00:00:00Z", "patterns_found", "recent pattern");
    let path = global_file(&env, "security");
    let before = std::fs::read_to_string(&path).unwrap();

    let prune = |extra: &[&str]| {
        let mut cmd = env.wfc_cmd(&env.root);
        cmd.env("WFC_NOW", NOW)
            .args(["knowledge", "prune", "--older-than", "180d"])
            .args(extra);
        run(&mut cmd)
    };
    let r = prune(&["--dry-run"]);
    r.success();
    assert!(r.stdout.contains("would move 2 entries"), "{r}");
    assert!(r.stdout.contains("old pattern"), "{r}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert!(!path.with_file_name("KNOWLEDGE-ARCHIVE.md").exists());

    let r = prune(&["--json"]);
    r.success();
    let v = r.json();
    assert_eq!(v["moved"], 2, "{v}");
    assert_eq!(v["cutoff"], "2025-09-05");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(texts(&well_formed(&after, "security")), ["recent pattern"]);
    let archive = std::fs::read_to_string(path.with_file_name("KNOWLEDGE-ARCHIVE.md")).unwrap();
    assert!(
        archive.starts_with("# KNOWLEDGE-ARCHIVE.md -- security\n"),
        "{archive}"
    );
    let archived = Document::parse(archive);
    assert_eq!(texts(archived.entries()), ["old pattern", "old context"]);
    assert_eq!(archived.entries()[1].section, Section::CodebaseContext);
    assert_eq!(archived.entries()[0].date, "2025-01-10");

    // Nothing left to move; the second run changes nothing.
    let r = prune(&[]);
    r.success();
    assert!(r.stdout.is_empty(), "{r}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);

    // While another writer holds the lock, prune waits and gives up with exit 4.
    let _lock = wfc::lock::FileLock::acquire(
        &path.with_file_name("KNOWLEDGE.md.lock"),
        Duration::from_secs(5),
        &mut |_| {},
    )
    .unwrap();
    let r = prune(&["--lock-timeout", "200ms"]);
    r.code(4);
}

#[test]
fn show_prints_the_file_a_section_or_json() {
    let env = TestEnv::new();
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "patterns_found",
        "one",
    ))
    .success();
    run(&mut append_cmd(
        &env,
        &env.root,
        "security",
        "repo_rules",
        "two",
    ))
    .success();
    let r = env.wfc(
        &env.root,
        ["knowledge", "show", "security", "--section", "repo_rules"],
    );
    r.success();
    assert_eq!(
        r.stdout,
        "- [2026-03-04] two (Source: test, Developer: alice)\n"
    );
    let r = env.wfc(&env.root, ["--json", "knowledge", "show", "security"]);
    let v = r.json();
    assert_eq!(v["exists"], true);
    assert_eq!(v["entries"], 2);
    assert_eq!(v["sections"]["patterns_found"][0]["text"], "one");
    assert_eq!(v["sections"]["repo_rules"][0]["developer"], "alice");
    assert_eq!(v["sections"]["incidents_prevented"], serde_json::json!([]));

    let r = env.wfc(&env.root, ["knowledge", "show", "reliability"]);
    r.success();
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no knowledge yet for reliability"), "{r}");
    env.wfc(&env.root, ["knowledge", "show", "nobody"]).code(2);
}

fn telemetry_rows(env: &TestEnv) -> i64 {
    env.count("SELECT COUNT(*) FROM telemetry_events WHERE kind = 'knowledge.append'")
}

#[test]
fn append_records_telemetry_unless_the_user_opts_out() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    run(&mut append_cmd(
        &env,
        &repo,
        "security",
        "patterns_found",
        "a",
    ))
    .success();
    assert_eq!(telemetry_rows(&env), 1);

    run(append_cmd(&env, &repo, "security", "patterns_found", "b").env("DO_NOT_TRACK", "1"))
        .success();
    assert_eq!(telemetry_rows(&env), 1);

    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::fs::write(
        repo.join(".wfc/config.toml"),
        "[telemetry]\nenabled = false\n",
    )
    .unwrap();
    run(&mut append_cmd(
        &env,
        &repo,
        "security",
        "patterns_found",
        "c",
    ))
    .success();
    assert_eq!(telemetry_rows(&env), 1);

    // The entries themselves and their audit rows are written either way.
    let entries = well_formed(&global_text(&env, "security"), "security");
    assert_eq!(texts(&entries), ["a", "b", "c"]);
    let ids = env.texts("SELECT project_id || ' ' || developer_id FROM telemetry_events");
    assert_eq!(ids, ["repo alice"]);
    let data = env.texts("SELECT data FROM telemetry_events").remove(0);
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["outcome"], "added");
    assert_eq!(data["section"], "patterns_found");
}
