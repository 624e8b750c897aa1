//! A repository's `.gitleaks.toml` as extra rules of the security reviewer, in real `wfc review`
//! runs: its rules report (masked everywhere), its allowlists never silence wfc's own rules, its
//! errors are config errors naming `file:line:column`, and the allow markers of other scanners
//! are honoured.

use std::path::{Path, PathBuf};

use crate::harness::{TestEnv, commit_file, stage_file};

/// A token of the team's own format, assembled so that this file holds none.
fn acme_token() -> String {
    format!("acme_{}{}", "k3j9x2m8q7w1", "z5v0b4n6c8d2")
}

fn aws_key() -> String {
    format!("AKIA{}", "Q7ZB3XK2LMNP4RST")
}

/// The file as gitleaks documents it: title, `[extend]`, a rule with keywords, secret group,
/// entropy, tags and its own allowlist, and a global allowlist that tries to allow everything.
const GITLEAKS_TOML: &str = r#"title = "acme secrets"

[extend]
useDefault = true

[[rules]]
id = "acme-api-token"
description = "ACME API token"
regex = '''(?i)acme[_-]?token\s*[:=]\s*["']?(acme_[a-z0-9]{24})["']?'''
secretGroup = 1
entropy = 3.0
keywords = ["acme"]
tags = ["acme", "token"]

  [[rules.allowlists]]
  description = "the documented example"
  regexes = ['''acme_0{24}''']

[allowlist]
description = "a change may not hide a real key this way"
paths = ['''^deploy/''']
regexes = ['''AKIA[A-Z0-9]{16}''']
stopwords = ["akia"]
"#;

fn repo(env: &TestEnv, gitleaks: &str) -> (PathBuf, git2::Repository) {
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    commit_file(&repo, ".gitleaks.toml", gitleaks, "gitleaks rules");
    (path, repo)
}

fn review(env: &TestEnv, dir: &Path) -> (crate::harness::Run, serde_json::Value) {
    let sarif = env.root.join("out.sarif");
    let r = env.wfc(
        dir,
        [
            "review",
            "--json",
            "--no-learn",
            "--sarif",
            sarif.to_str().unwrap(),
        ],
    );
    let v = r.json();
    (r, v)
}

fn rules_of(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["rules"].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_custom_rule_fails_the_review_and_its_secret_is_masked_in_every_output() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env, GITLEAKS_TOML);
    let token = acme_token();
    stage_file(
        &repo,
        "app/client.py",
        &format!("ACME_TOKEN = \"{token}\"\nprint('ok')\n"),
    );
    let (r, v) = review(&env, &path);
    r.code(1);
    assert_eq!(v["status"], "failed", "{v}");
    assert_eq!(v["minority_protection_applied"], true, "{v}");
    assert!(
        rules_of(&v).contains(&"gitleaks.acme-api-token".to_string()),
        "{v}"
    );
    // `useDefault` is noted, not silently dropped.
    assert!(
        r.stderr.contains("useDefault has no effect"),
        "{}",
        r.stderr
    );
    let md = std::fs::read_to_string(v["report_path"].as_str().unwrap()).unwrap();
    let json = std::fs::read_to_string(v["json_report_path"].as_str().unwrap()).unwrap();
    let sarif = std::fs::read_to_string(env.root.join("out.sarif")).unwrap();
    let audit = env.wfc(&path, ["audit", "--json"]).json().to_string();
    let text = env.wfc(&path, ["review", "--no-learn"]);
    for (what, out) in [
        ("stdout", &r.stdout),
        ("stderr", &r.stderr),
        ("md", &md),
        ("json", &json),
        ("sarif", &sarif),
        ("audit", &audit),
        ("text stdout", &text.stdout),
    ] {
        assert!(!out.contains(&token), "the token leaked into {what}: {out}");
    }
    assert!(md.contains("gitleaks.acme-api-token"), "{md}");

    // The rule's allowlist lets its documented example through.
    stage_file(
        &repo,
        "app/client.py",
        &format!("ACME_TOKEN = \"acme_{}\"\n", "0".repeat(24)),
    );
    let (r, v) = review(&env, &path);
    r.success();
    assert_eq!(v["status"], "passed", "{v}");
}

#[test]
fn the_files_allowlist_never_silences_a_builtin_rule() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env, GITLEAKS_TOML);
    let key = aws_key();
    stage_file(
        &repo,
        "deploy/aws.env",
        &format!("AWS_ACCESS_KEY_ID={key}\n"),
    );
    let (r, v) = review(&env, &path);
    r.code(1);
    assert!(
        rules_of(&v).contains(&"sec.aws-access-key".to_string()),
        "{v}"
    );
    assert!(!r.stdout.contains(&key));
}

#[test]
fn a_bad_regex_is_a_config_error_naming_file_line_and_column() {
    let env = TestEnv::new();
    let bad = "title = \"x\"\n\n[[rules]]\nid = \"broken\"\nregex = '''acme_(unclosed'''\nkeywords = [\"acme\"]\n";
    let (path, repo) = repo(&env, bad);
    stage_file(&repo, "app/a.py", "x = 1\n");
    let r = env.wfc(&path, ["review", "--no-learn"]);
    r.code(2);
    assert!(
        r.stderr.contains(".gitleaks.toml:5:9") && r.stderr.contains("rule \"broken\" regex"),
        "{}",
        r.stderr
    );
    // A typo in a key is refused too: it could unmask the secret group.
    let typo = "[[rules]]\nid = \"t\"\nregex = '''t_(x+)'''\nsecretgroup = 1\n";
    std::fs::write(path.join(".gitleaks.toml"), typo).unwrap();
    let r = env.wfc(&path, ["review", "--no-learn"]);
    r.code(2);
    assert!(r.stderr.contains(".gitleaks.toml:4:"), "{}", r.stderr);
    assert!(r.stderr.contains("secretgroup"), "{}", r.stderr);
}

#[test]
fn other_scanners_allow_markers_are_honoured() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env, GITLEAKS_TOML);
    let (key, token) = (aws_key(), acme_token());
    stage_file(
        &repo,
        "deploy/settings.py",
        &format!(
            "AWS_ACCESS_KEY_ID = \"{key}\"  # gitleaks:allow\nACME_TOKEN = \"{token}\"  # pragma: allowlist secret\n"
        ),
    );
    let (r, v) = review(&env, &path);
    r.success();
    assert_eq!(v["status"], "passed", "{v}");
}

#[test]
fn the_config_can_name_another_file_inside_the_repository_only() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    let repo = git2::Repository::open(&path).unwrap();
    commit_file(&repo, "ci/leaks.toml", GITLEAKS_TOML, "rules");
    std::fs::create_dir_all(path.join(".wfc")).unwrap();
    std::fs::write(
        path.join(".wfc/config.toml"),
        "[review.secrets]\ngitleaks_config = \"ci/leaks.toml\"\n",
    )
    .unwrap();
    stage_file(
        &repo,
        "app/client.py",
        &format!("acme_token = '{}'\n", acme_token()),
    );
    let (r, v) = review(&env, &path);
    r.code(1);
    assert!(
        rules_of(&v).contains(&"gitleaks.acme-api-token".to_string()),
        "{v}"
    );
    // Outside the repository, or through a symbolic link: refused, exit 2.
    for target in ["../outside.toml", "/etc/passwd"] {
        std::fs::write(
            path.join(".wfc/config.toml"),
            format!("[review.secrets]\ngitleaks_config = \"{target}\"\n"),
        )
        .unwrap();
        let r = env.wfc(&path, ["review", "--no-learn"]);
        r.code(2);
        assert!(r.stderr.contains("inside the repository"), "{}", r.stderr);
    }
    std::fs::remove_file(path.join(".wfc/config.toml")).unwrap();
    std::fs::write(env.root.join("elsewhere.toml"), GITLEAKS_TOML).unwrap();
    std::os::unix::fs::symlink(env.root.join("elsewhere.toml"), path.join(".gitleaks.toml"))
        .unwrap();
    let r = env.wfc(&path, ["review", "--no-learn"]);
    r.code(2);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
}

/// The rule ids of the findings of the newest review job.
fn latest_rules(env: &TestEnv, dir: &Path) -> Vec<String> {
    let jobs = env.wfc(dir, ["review", "list", "--json"]).json();
    let id = jobs[0]["job_id"].as_str().unwrap().to_string();
    let shown = env.wfc(dir, ["review", "show", &id, "--json"]).json();
    rules_of(&shown["result"])
}

/// The pre-commit hook reads `.gitleaks.toml` as committed in HEAD, as it reads the gate policy:
/// a commit that allowlists its own secret in the file, or deletes the file, is still checked
/// against the rules HEAD has. (`wfc review` of the working tree reads the file as it is.)
#[test]
fn the_hook_checks_a_commit_against_the_rules_of_head_not_its_own() {
    let env = TestEnv::new();
    let (path, repo) = repo(&env, GITLEAKS_TOML);
    env.wfc(&path, ["hook", "install"]).success();
    let token = acme_token();
    let commit = |message: &str| {
        let out = env
            .git_cmd(&path)
            .args(["commit", "-q", "-m", message])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let custom = "gitleaks.acme-api-token".to_string();

    // The change allowlists its own token in the rules file.
    let weakened = GITLEAKS_TOML.replace("acme_0{24}", "acme_[a-z0-9]{24}");
    stage_file(&repo, ".gitleaks.toml", &weakened);
    stage_file(&repo, "app/a.py", &format!("ACME_TOKEN = \"{token}\"\n"));
    let (code, stderr) = commit("allowlist my own token");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("commit blocked"), "{stderr}");
    assert!(!stderr.contains(&token), "{stderr}");
    assert!(latest_rules(&env, &path).contains(&custom));
    // The same staged change reviewed as a working tree uses the file as it is now.
    let r = env.wfc(&path, ["review", "--staged", "--json", "--no-learn"]);
    assert!(!rules_of(&r.json()).contains(&custom), "{}", r.stdout);

    // The change deletes the rules file.
    env.git(&path, ["reset", "-q", "--hard"]).success();
    env.git(&path, ["rm", "-q", ".gitleaks.toml"]).success();
    stage_file(&repo, "app/b.py", &format!("ACME_TOKEN = \"{token}\"\n"));
    let (code, stderr) = commit("delete the rules");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("commit blocked"), "{stderr}");
    assert!(latest_rules(&env, &path).contains(&custom));
}
