//! Hostile text: secrets that must never leave their line, text that must not steer a terminal or
//! a Markdown report, SARIF locations outside the repository, a knowledge writer killed between
//! its change and its audit row, and an audit trail checked on a damaged or read-only copy.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{Run, TestEnv, stage_file};

/// A real-format AWS access key id (not AWS's `...EXAMPLE` one), assembled so this file holds none.
fn aws() -> String {
    format!("AKIA{}", "Q3EGRZ5TN7WB4KXD")
}

/// A GitHub personal access token of the documented shape (`ghp_` and 36 base62 characters).
fn github() -> String {
    format!("ghp_{}", "fmFSkJQv8Icde1wEqNEHfEWOMD1TOL1oYYgD")
}

/// The random parts: finding either anywhere means a secret leaked, prefix kept or not.
fn secret_bodies() -> [String; 2] {
    [aws()[4..].to_string(), github()[4..].to_string()]
}

/// An executable script under the test root.
fn script(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = env.root.join("scripts");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// An external reviewer in the user config (always trusted) that saves the request it gets on
/// stdin to `<root>/requests/<id>.json` and answers with `answer` in wfc-json.
fn hostile_reviewer(env: &TestEnv, id: &str, answer: &serde_json::Value) -> PathBuf {
    let answer_path = env.root.join(format!("{id}-answer.json"));
    std::fs::write(&answer_path, answer.to_string()).unwrap();
    let requests = env.root.join("requests");
    std::fs::create_dir_all(&requests).unwrap();
    let capture = requests.join(format!("{id}.json"));
    let cmd = script(
        env,
        id,
        &format!(
            "cat > '{}'\ncat '{}'",
            capture.display(),
            answer_path.display()
        ),
    );
    let cfg_dir = env.home.join(".config/wfc");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    let path = cfg_dir.join("config.toml");
    let mut cfg = std::fs::read_to_string(&path).unwrap_or_default();
    cfg.push_str(&format!(
        "[[review.reviewer]]\nid = \"{id}\"\ncommand = \"{}\"\nformat = \"wfc-json\"\n\n",
        cmd.display()
    ));
    std::fs::write(&path, cfg).unwrap();
    capture
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let ft = e.file_type().unwrap();
        if ft.is_dir() {
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            all_files(&p, out);
        } else if ft.is_file() {
            out.push(p);
        }
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[track_caller]
fn assert_no_secret_in_bytes(what: &str, bytes: &[u8]) {
    for s in secret_bodies() {
        assert!(
            !contains(bytes, &s),
            "{what} holds the secret {s}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[track_caller]
fn assert_no_secret(r: &Run) {
    assert_no_secret_in_bytes("stdout", r.stdout.as_bytes());
    assert_no_secret_in_bytes("stderr", r.stderr.as_bytes());
}

/// Attack: a secret sent through every entry point — `knowledge append` text and source (both
/// scopes), `--bypass-reason`, an external reviewer that quotes the secrets back in its
/// description, remediation, category and rule, the staged change itself (which the review's
/// learnings, the job's stored plan and every prompt carry), and a hand-edited committed
/// KNOWLEDGE.md that already holds one. Expected: the secret appears in no file wfc writes (any
/// KNOWLEDGE.md, the reports, the SARIF log, every byte of wfc.db and its -wal), in no request an
/// external reviewer receives, and on no stdout or stderr; masked forms (`AKIA****`) do appear.
#[test]
fn secrets_never_leave_their_line() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    let (aws, gh) = (aws(), github());
    let mut runs = Vec::new();

    // A committed, hand-edited knowledge file that already quotes a secret (written before
    // redaction existed): it must not reach a prompt.
    let legacy = path.join(".wfc/knowledge/reviewers/security/KNOWLEDGE.md");
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    std::fs::write(
        &legacy,
        format!(
            "# KNOWLEDGE.md -- security\n\n## Patterns Found\n\n- [2026-01-01] deploy key {gh} in deploy.py config (Source: manual)\n"
        ),
    )
    .unwrap();

    for scope in ["global", "project"] {
        let r = env.wfc(
            &path,
            [
                "knowledge",
                "append",
                "--reviewer",
                "security",
                "--section",
                "repo_rules",
                "--scope",
                scope,
                "--text",
                &format!("the CI key {aws} leaked in deploy.py"),
                "--source",
                &format!("chat with token {gh}"),
            ],
        );
        r.success();
        assert!(r.stdout.contains("AKIA****"), "{r}");
        runs.push(r);
    }
    // The same text again is a duplicate of the masked entry: dedup compares masked forms.
    let r = env.wfc(
        &path,
        [
            "knowledge",
            "append",
            "--reviewer",
            "security",
            "--section",
            "repo_rules",
            "--text",
            &format!("the CI key {aws} leaked in deploy.py"),
            "--json",
        ],
    );
    r.success();
    assert_eq!(r.json()["outcome"], "duplicate", "{r}");
    runs.push(r);

    let answer = serde_json::json!([{
        "file": "deploy.py",
        "line_start": 1,
        "category": format!("security {aws}"),
        "severity": 9.5,
        "confidence": 10,
        "description": format!("hard-coded AWS key {aws} and token {gh}"),
        "remediation": format!("rotate {gh}"),
        "rule": format!("leak-{aws}"),
    }]);
    let capture = hostile_reviewer(&env, "quoter", &answer);
    stage_file(
        &repo,
        "deploy.py",
        &format!("AWS_KEY = \"{aws}\"\nGITHUB = \"{gh}\"\n"),
    );
    let sarif = env.root.join("out.sarif");
    let r = env.wfc(
        &path,
        [
            "review",
            "--task-id",
            "leak",
            "--reviewers",
            "security,quoter",
            "--sarif",
            sarif.to_str().unwrap(),
            "--bypass-reason",
            &format!("hotfix, the key {aws} is revoked"),
        ],
    );
    r.success();
    assert!(r.stdout.contains("BYPASSED"), "{r}");
    runs.push(r);
    let r = env.wfc(
        &path,
        [
            "review",
            "--task-id",
            "leak-json",
            "--reviewers",
            "quoter",
            "--json",
        ],
    );
    r.code(1);
    let v = r.json();
    assert!(
        v["findings"][0]["descriptions"][0]
            .as_str()
            .unwrap()
            .contains("AKIA****"),
        "{v}"
    );
    let job = v["job_id"].as_str().unwrap().to_string();
    runs.push(r);
    // The two-phase protocol stores the plan (change, diff, prompts) in the job row.
    let r = env.wfc(
        &path,
        ["review", "prepare", "--task-id", "leak-prep", "--json"],
    );
    r.success();
    let prep_job = r.json()["job_id"].as_str().unwrap().to_string();
    runs.push(r);
    // ... and `finalize` reads an LLM's raw answer, which may quote the secret anywhere.
    let responses = env.root.join("responses.json");
    let llm = format!(
        "[{{\"file\": \"deploy.py\", \"line_start\": 1, \"category\": \"security\", \"severity\": 9, \"confidence\": 9, \"description\": \"key {aws} is live\", \"remediation\": \"revoke {gh}\"}}]\nSUMMARY: found {gh} in deploy.py\nSCORE: 2"
    );
    std::fs::write(
        &responses,
        serde_json::json!([{"reviewer_id": "security", "response": llm}]).to_string(),
    )
    .unwrap();
    let r = env.wfc(
        &path,
        [
            "review",
            "finalize",
            "--job",
            &prep_job,
            "--responses",
            responses.to_str().unwrap(),
            "--no-learn",
        ],
    );
    assert!(r.stdout.contains("AKIA****"), "{r}");
    runs.push(r);
    for args in [
        vec!["audit", "--json"],
        vec!["audit"],
        vec!["review", "show", &job],
        vec!["review", "show", &job, "--json"],
        vec!["knowledge", "show", "security"],
        vec!["knowledge", "search", "deploy key"],
    ] {
        let r = env.wfc(&path, &args);
        r.success();
        runs.push(r);
    }

    for r in &runs {
        assert_no_secret(r);
    }
    let request = std::fs::read(&capture).unwrap();
    assert!(
        contains(&request, "AKIA****"),
        "the diff reaches the reviewer, masked"
    );
    assert_no_secret_in_bytes("the request sent to an external reviewer", &request);
    let mut files = Vec::new();
    all_files(&env.wfc_home, &mut files);
    all_files(&path.join(".wfc"), &mut files);
    files.push(sarif.clone());
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // On the PostgreSQL store the database and the knowledge are not files here.
    let written: &[&str] = if env.database.is_some() {
        &["REVIEW-leak.md", "REVIEW-leak.json"]
    } else {
        &[
            "wfc.db",
            "wfc.db-wal",
            "KNOWLEDGE.md",
            "REVIEW-leak.md",
            "REVIEW-leak.json",
        ]
    };
    for want in written {
        assert!(
            names.iter().any(|n| n == want),
            "{want} not written: {names:?}"
        );
    }
    if env.database.is_some() {
        assert_no_secret_in_bytes("the PostgreSQL store", env.store_dump().as_bytes());
    }
    for f in &files {
        if *f == legacy {
            continue; // the user's own file, left as they wrote it
        }
        assert_no_secret_in_bytes(&f.display().to_string(), &std::fs::read(f).unwrap());
    }
    // The learnings of the review were appended, masked, to the global knowledge.
    let learned = match &env.database {
        Some(_) => {
            env.wfc(
                &path,
                ["knowledge", "show", "security", "--scope", "global"],
            )
            .stdout
        }
        None => std::fs::read_to_string(
            env.wfc_home
                .join("knowledge/global/reviewers/security/KNOWLEDGE.md"),
        )
        .unwrap(),
    };
    assert!(learned.contains("AKIA****"), "{learned}");
}

/// Attack: wfc run with a permissive umask (0) on a fresh `$WFC_HOME`, and on one an older wfc left
/// 0755 with a 0644 wfc.db. Expected: `$WFC_HOME` is 0700 and wfc.db, -wal and -shm are 0600 in
/// both cases, so no other local user can read the audit trail or the jobs.
#[test]
fn state_home_and_database_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let run_umask0 = |args: &str| {
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask 000; exec \"$WFC_BIN\" {args}"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &env.home)
            .env("WFC_HOME", &env.wfc_home)
            .env("XDG_CONFIG_HOME", env.home.join(".config"))
            .env("GIT_CONFIG_GLOBAL", env.home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("WFC_BIN", crate::harness::WFC)
            .current_dir(&path)
            .stdin(Stdio::null());
        Run::from_output(cmd.output().unwrap())
    };
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let check = || {
        assert_eq!(mode(&env.wfc_home), 0o700, "WFC_HOME");
        for f in ["wfc.db", "wfc.db-wal", "wfc.db-shm"] {
            let p = env.wfc_home.join(f);
            if p.exists() {
                assert_eq!(mode(&p), 0o600, "{f}");
            } else {
                assert_ne!(f, "wfc.db", "no database was written");
            }
        }
    };
    // First command on a fresh home: a global knowledge append (creates the home itself).
    run_umask0("knowledge append --reviewer security --section patterns_found --text first")
        .success();
    check();
    assert!(env.wfc_home.join("wfc.db-wal").exists());

    // A home left loose by an older version is tightened.
    std::fs::set_permissions(&env.wfc_home, std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in ["wfc.db", "wfc.db-wal"] {
        std::fs::set_permissions(env.wfc_home.join(f), std::fs::Permissions::from_mode(0o644))
            .unwrap();
    }
    run_umask0("init").success();
    check();
}

/// Attack: an external reviewer answers with terminal control sequences (clear screen, a window
/// title, a bell, a carriage return that rewrites the line, C1 CSI, a right-to-left override) in
/// its description, category and file name, and a staged file's name carries an escape sequence.
/// Expected: the human summary of `wfc review` and `wfc review show` show them escaped (`\x1b`,
/// `\r`, `\u{202e}`); no raw control byte reaches stdout or stderr.
#[test]
fn control_characters_never_reach_the_terminal() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    let answer = serde_json::json!([{
        "file": "src/\u{1b}[31mred.rs",
        "line_start": 1,
        "category": "style\u{7}",
        "severity": 2,
        "confidence": 5,
        "description": "\u{1b}]0;owned\u{7}\u{1b}[2Jcleared\rPASSED \u{9b}31m \u{202e}txt.exe",
        "remediation": "none",
    }]);
    hostile_reviewer(&env, "painter", &answer);
    stage_file(
        &repo,
        "app/\u{1b}[2Jevil.py",
        &format!("KEY = \"{}\"\n", aws()),
    );
    let r = env.wfc(
        &path,
        [
            "review",
            "--task-id",
            "paint",
            "--reviewers",
            "security,painter",
            "--no-learn",
        ],
    );
    r.code(1);
    let job = r
        .stdout
        .split_whitespace()
        .skip_while(|w| *w != "job")
        .nth(1)
        .unwrap()
        .to_string();
    let shown = env.wfc(&path, ["review", "show", &job]);
    shown.code(0);
    for out in [&r, &shown] {
        for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let bad: Vec<char> = text
                .chars()
                .filter(|c| {
                    (c.is_control() && *c != '\n' && *c != '\t')
                        || ('\u{202a}'..='\u{202e}').contains(c)
                        || ('\u{2066}'..='\u{2069}').contains(c)
                })
                .collect();
            assert!(bad.is_empty(), "{name} has raw {bad:?}\n{out}");
        }
        assert!(out.stdout.contains("\\x1b[2Jevil.py"), "{out}");
        assert!(out.stdout.contains("src/\\x1b[31mred.rs"), "{out}");
        assert!(
            out.stdout.contains(
                "\\x1b]0;owned\\x07\\x1b[2Jcleared\\rPASSED \\u{009b}31m \\u{202e}txt.exe"
            ),
            "{out}"
        );
    }
}

/// Attack: a reviewer's description, remediation, category and file name carry newlines and
/// Markdown structure (a `## Summary` heading, a fake `#### 2.` finding, a table row claiming
/// `PASSED`, a closing backtick, HTML). Expected: the report keeps exactly one line per finding
/// heading and no injected heading or table row; the text is still there, neutralised on its line.
#[test]
fn reviewer_text_cannot_inject_markdown_structure() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    let answer = serde_json::json!([{
        "file": "a`b`.py",
        "line_start": 1,
        "category": "x] fake\n## Summary",
        "severity": 9,
        "confidence": 9,
        "description": "real problem\n\n#### 2. [security] `ok.py:1`\n| Status | **PASSED** |\n<script>alert(1)</script>",
        "remediation": "# Passed\n> all good",
    }]);
    hostile_reviewer(&env, "marker", &answer);
    stage_file(&repo, "a`b`.py", "x = 1\n");
    let r = env.wfc(
        &path,
        [
            "review",
            "--task-id",
            "md",
            "--reviewers",
            "marker",
            "--no-learn",
        ],
    );
    r.code(1);
    let md = std::fs::read_to_string(path.join(".wfc/output/repo/REVIEW-md.md")).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("#### "), 1, "one finding heading\n{md}");
    assert_eq!(count("## Summary"), 1, "{md}");
    assert_eq!(count("# "), 1, "{md}");
    assert_eq!(count("> "), 0, "{md}");
    assert!(!md.contains("| Status | **PASSED** |"), "{md}");
    assert!(md.contains("| Status | **FAILED** |"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
    // The file name sits in a code span its backticks cannot close.
    assert!(md.contains("``a`b`.py:1``"), "{md}");
    // The description is on one line, its structure escaped, its words kept.
    let desc = lines
        .iter()
        .find(|l| l.starts_with("- real problem"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(desc.contains("\\#\\#\\#\\# 2. \\[security\\]"), "{desc}");
    assert!(desc.contains("\\| Status \\|"), "{desc}");
}

/// Attack: a reviewer reports findings at `/etc/passwd`, `../outside.rs`, `src/../../x.rs`,
/// `file:///etc/shadow` and `C:\Windows\x`, besides one inside the repository. Expected: the SARIF
/// log keeps all six findings; only the one inside the repository has a location, and no uri is
/// absolute or climbs out with `..`.
#[test]
fn sarif_locations_stay_inside_the_repository() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    let bad = [
        "/etc/passwd",
        "../outside.rs",
        "src/../../x.rs",
        "file:///etc/shadow",
        "C:\\Windows\\x",
    ];
    let mut findings: Vec<serde_json::Value> = bad
        .iter()
        .enumerate()
        .map(|(i, f)| {
            serde_json::json!({
                "file": f, "line_start": 1, "category": format!("c{i}"), "severity": 3,
                "confidence": 5, "description": format!("outside {i}"),
            })
        })
        .collect();
    findings.push(serde_json::json!({
        "file": "src/in.rs", "line_start": 1, "category": "inside", "severity": 3,
        "confidence": 5, "description": "inside",
    }));
    hostile_reviewer(&env, "wanderer", &serde_json::Value::Array(findings));
    stage_file(&repo, "src/in.rs", "fn main() {}\n");
    let sarif = path.join("out.sarif");
    env.wfc(
        &path,
        [
            "review",
            "--reviewers",
            "wanderer",
            "--no-learn",
            "--sarif",
            "out.sarif",
        ],
    )
    .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6, "every finding is kept: {v}");
    let with_location: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("locations").is_some())
        .collect();
    assert_eq!(with_location.len(), 1, "{v}");
    assert_eq!(
        with_location[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/in.rs"
    );
    assert_eq!(with_location[0]["message"]["text"], "inside");
}

fn knowledge_entries(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with("- ["))
        .map(|l| l.to_string())
        .collect()
}

/// Attack: `wfc knowledge append` processes killed with SIGKILL at many different moments of their
/// run (from just after start to just before they would exit). Expected: the file is never torn,
/// and every entry the file holds has its `knowledge.append` audit row (the row is written before
/// the rename, under the file lock); the audit trail still verifies.
#[test]
fn a_killed_knowledge_append_never_leaves_an_entry_without_its_row() {
    let env = TestEnv::new();
    if env.sqlite_only("a knowledge file and its audit row; on PostgreSQL both are one transaction")
    {
        return;
    }
    let path = env.init_repo("repo");
    let file = env
        .wfc_home
        .join("knowledge/global/reviewers/security/KNOWLEDGE.md");
    let append = |i: usize| {
        env.wfc_cmd(&path)
            .args([
                "knowledge",
                "append",
                "--reviewer",
                "security",
                "--section",
                "patterns_found",
                "--text",
                &format!("entry number {i}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one append takes on this machine, to spread the kills over its whole run.
    let t = Instant::now();
    let mut c = append(0);
    assert!(c.wait().unwrap().success());
    let span = t.elapsed().max(Duration::from_millis(5));
    let rounds = 60;
    let mut killed = 0;
    for i in 1..=rounds {
        let mut child = append(i);
        let delay = span.mul_f64(1.2 * i as f64 / rounds as f64);
        std::thread::sleep(delay); // the attack's timing, not a wait for a condition
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
    }
    assert!(killed > 0, "no process was killed; the test proves nothing");

    let entries = knowledge_entries(&file);
    assert!(!entries.is_empty());
    let doc = std::fs::read_to_string(&file).unwrap();
    assert!(
        doc.starts_with("# KNOWLEDGE.md -- security"),
        "torn file:\n{doc}"
    );
    let r = env.wfc(&path, ["audit", "--json", "--action", "knowledge.append"]);
    r.success();
    let rows = r.json();
    let texts: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["details"]["text"].as_str().unwrap().to_string())
        .collect();
    for e in &entries {
        let text = e
            .split_once("] ")
            .unwrap()
            .1
            .split(" (Source:")
            .next()
            .unwrap();
        assert!(
            texts.iter().any(|t| t == text),
            "{text:?} is in the file without its audit row ({killed} of {rounds} killed)"
        );
    }
    env.wfc(&path, ["audit", "verify"]).success();
}

/// Makes `dir` a read-only copy: 0400 files in a 0500 folder. Root ignores modes, so as root the
/// copy is handed to `nobody`, who then runs the verify (see [`verify_copy`]).
fn make_ro(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let as_root = rustix::process::geteuid().is_root();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if as_root {
            std::os::unix::fs::chown(&p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o400)).unwrap();
    }
    if as_root {
        std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
}

const NOBODY: u32 = 65534;

fn make_rw(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// `wfc audit verify` with `WFC_HOME=home`, outside any repository; as root, run as `nobody`
/// (through `setpriv`) so that the modes of a read-only copy really hold.
fn verify_copy(env: &TestEnv, home: &Path) -> Run {
    use std::os::unix::fs::PermissionsExt;
    let mut cmd = if rustix::process::geteuid().is_root() {
        // `nobody` must be able to walk to the copy and to the binary.
        std::fs::set_permissions(&env.root, std::fs::Permissions::from_mode(0o711)).unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            crate::harness::WFC,
        ]);
        c
    } else {
        std::process::Command::new(crate::harness::WFC)
    };
    let out = cmd
        .args(["audit", "verify"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("WFC_HOME", home)
        .env("XDG_CONFIG_HOME", home.join("no-config"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .current_dir("/")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run::from_output(out)
}

/// Attack: `wfc audit verify` pointed at a read-only copy of the store (0400 files in a 0500
/// folder, as an auditor receives it), and at a copy whose bytes were damaged in an index the chain
/// walk never reads. Expected: the read-only copy verifies (exit 0) and is left byte for byte as
/// it was; the damaged copy fails SQLite's integrity check and is reported broken (exit 1), never
/// "intact".
#[test]
fn audit_verify_reads_a_read_only_copy_and_runs_the_integrity_check() {
    let env = TestEnv::new();
    if env.sqlite_only("a read-only copy of the SQLite file") {
        return;
    }
    let repo = env.init_repo("repo");
    for _ in 0..3 {
        env.wfc(&repo, ["init"]).success();
    }
    // Fold the WAL into the file so that the copy is one file.
    {
        let conn = rusqlite::Connection::open(env.wfc_home.join("wfc.db")).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let ro = env.root.join("ro-copy");
    std::fs::create_dir_all(&ro).unwrap();
    std::fs::copy(env.wfc_home.join("wfc.db"), ro.join("wfc.db")).unwrap();
    let before = std::fs::read(ro.join("wfc.db")).unwrap();
    make_ro(&ro);
    let r = verify_copy(&env, &ro);
    let listing: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    make_rw(&ro);
    r.success();
    assert!(r.stdout.contains("intact: 3 rows"), "{r}");
    assert_eq!(std::fs::read(ro.join("wfc.db")).unwrap(), before);
    assert_eq!(listing.len(), 1, "{listing:?}");

    // Damage the root page of an index: the chain walk reads the table, not the index.
    let bad = env.root.join("bad-copy");
    std::fs::create_dir_all(&bad).unwrap();
    let db = bad.join("wfc.db");
    std::fs::copy(env.wfc_home.join("wfc.db"), &db).unwrap();
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let ps = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit'
                 ORDER BY rootpage LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (ps, root)
    };
    let mut bytes = std::fs::read(&db).unwrap();
    let start = ((root - 1) * page_size) as usize;
    // The b-tree page header: a cell count far beyond what the page can hold.
    bytes[start + 3] = 0x7f;
    bytes[start + 4] = 0xff;
    std::fs::write(&db, &bytes).unwrap();
    make_ro(&bad);
    let r = verify_copy(&env, &bad);
    make_rw(&bad);
    r.code(1);
    assert!(!r.stdout.contains("intact"), "{r}");
    assert!(r.stdout.contains("integrity check"), "{r}");
}

/// Attack: a malformed reviewer id given to `--reviewers` (`../x`, `a/b`) or defined in the
/// config. Expected: a usage error (exit 2) that says "invalid reviewer id", never "invalid task
/// id".
#[test]
fn a_bad_reviewer_id_is_named_as_one() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    stage_file(&repo, "a.py", "x = 1\n");
    for bad in ["../x", "a/b"] {
        let r = env.wfc(&path, ["review", "--reviewers", bad]);
        r.code(2);
        assert!(r.stderr.contains("invalid reviewer id"), "{r}");
        assert!(!r.stderr.contains("task id"), "{r}");
    }
    let cfg = env.home.join(".config/wfc");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "[[review.reviewer]]\nid = \"x/y\"\ncommand = \"true\"\n",
    )
    .unwrap();
    let r = env.wfc(&path, ["review"]);
    r.code(2);
    assert!(r.stderr.contains("invalid reviewer id"), "{r}");
    assert!(!r.stderr.contains("task id"), "{r}");
}

/// Attack: the main checkout holds an untracked `.env` with a live credential; `wfc worktree
/// create` copies it into the task worktree, where the developer then runs `wfc review` on the
/// working tree. Expected: the copied env file is not part of the reviewed change (not in the
/// files, the diff sent to an external reviewer, nor the findings), so the review of the
/// developer's own change passes; a file the developer adds is still reviewed.
#[test]
fn copied_env_files_are_never_part_of_the_reviewed_change() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    std::fs::write(path.join(".env"), format!("AWS_ACCESS_KEY_ID={}\n", aws())).unwrap();
    let r = env.wfc(&path, ["worktree", "create", "envtask"]);
    r.success();
    let wt = PathBuf::from(r.stdout.trim());
    assert!(wt.join(".env").exists(), "the env file was copied");
    let capture = hostile_reviewer(&env, "listener", &serde_json::json!([]));
    std::fs::write(wt.join("app.py"), "print('hello')\n").unwrap();
    let r = env.wfc(
        &wt,
        [
            "review",
            "--json",
            "--no-learn",
            "--reviewers",
            "security,listener",
        ],
    );
    r.success();
    let v = r.json();
    assert_eq!(v["files"], serde_json::json!(["app.py"]), "{v}");
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
    let request = std::fs::read_to_string(&capture).unwrap();
    assert!(request.contains("app.py"), "{request}");
    assert!(!request.contains(".env"), "{request}");
}
