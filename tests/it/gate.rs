//! `wfc gate check` and `wfc gate verify`: the local check and the CI check of a range.

use wfc::gate::trailer::{ReviewHash, Verdict};

use crate::harness::TestEnv;
use crate::hooks::{HARMLESS, git_out, hooked_repo, tree_of, write};

#[test]
fn check_answers_for_the_staged_tree_and_for_a_rev() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();

    let r = env.wfc(&repo, ["gate", "check"]);
    r.code(1);
    assert!(r.stderr.contains("never reviewed"), "{r}");
    assert!(r.stderr.contains("wfc review --staged"), "{r}");

    env.wfc(&repo, ["review", "--staged"]).success();
    let r = env.wfc(&repo, ["gate", "check", "--json"]);
    r.success();
    let j = r.json();
    assert_eq!(j["passed"], true);
    assert_eq!(j["source"], "staged");
    assert_eq!(j["grant"]["kind"], "review");
    assert_eq!(j["grant"]["verdict"], "passed");
    let staged_tree = j["tree_id"].as_str().unwrap().to_string();
    assert_eq!(staged_tree, git_out(&env, &repo, &["write-tree"]));

    // Staging anything else makes it another tree, not reviewed.
    write(&repo, "src/more.rs", HARMLESS);
    env.git(&repo, ["add", "src/more.rs"]).success();
    let r = env.wfc(&repo, ["gate", "check", "--json"]);
    r.code(1);
    assert_eq!(r.json()["passed"], false);
    assert_eq!(r.json()["reason"], "it was never reviewed");

    // --rev looks at a commit's tree.
    env.git(&repo, ["reset", "-q", "src/more.rs"]).success();
    env.git(&repo, ["commit", "--no-verify", "-m", "Add add"])
        .success();
    env.wfc(&repo, ["gate", "check", "--rev", "HEAD"]).success();
    let r = env.wfc(&repo, ["gate", "check", "--rev", "HEAD~1"]);
    r.code(1);
    let r = env.wfc(&repo, ["gate", "check", "--rev", "no-such-ref"]);
    r.code(2);
}

#[test]
fn check_reports_a_failed_review_as_such() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(&repo, "src/keys.rs", crate::hooks::SECRET);
    env.git(&repo, ["add", "src/keys.rs"]).success();
    env.wfc(&repo, ["review", "--staged"]).code(1);
    let r = env.wfc(&repo, ["gate", "check"]);
    r.code(1);
    assert!(r.stderr.contains("failed"), "{r}");
}

#[test]
fn verify_catches_no_verify_commits() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    let base = git_out(&env, &repo, &["rev-parse", "HEAD"]);
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    env.git(&repo, ["commit", "-m", "Reviewed"]).success();
    write(&repo, "src/sneaky.rs", HARMLESS);
    env.git(&repo, ["add", "src/sneaky.rs"]).success();
    env.git(
        &repo,
        ["commit", "--no-verify", "-m", "Sneaked past the hooks"],
    )
    .success();
    let sneaky = git_out(&env, &repo, &["rev-parse", "HEAD"]);

    let range = format!("{base}..HEAD");
    let r = env.wfc(&repo, ["gate", "verify", &range]);
    r.code(1);
    assert!(r.stdout.contains(&sneaky[..12]), "{r}");
    assert!(r.stdout.contains("missing"), "{r}");
    assert!(
        !r.stdout.contains("Reviewed "),
        "only offenders are listed: {r}"
    );
    assert!(r.stderr.contains("1 of 2 commits"), "{r}");
}

#[test]
fn verify_reports_every_offender_with_its_reason() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    env.git(&repo, ["checkout", "-q", "-b", "feature"])
        .success();

    // 1. ok, through the hooks.
    write(&repo, "a.rs", HARMLESS);
    env.git(&repo, ["add", "a.rs"]).success();
    env.git(&repo, ["commit", "-m", "Good"]).success();
    let good_tree = tree_of(&env, &repo, "HEAD");
    // 2. missing.
    write(&repo, "b.rs", HARMLESS);
    env.git(&repo, ["add", "b.rs"]).success();
    env.git(&repo, ["commit", "--no-verify", "-m", "Missing"])
        .success();
    // 3. malformed.
    write(&repo, "c.rs", HARMLESS);
    env.git(&repo, ["add", "c.rs"]).success();
    env.git(
        &repo,
        [
            "commit",
            "--no-verify",
            "-m",
            "Malformed\n\nReview-Hash: looks-legit",
        ],
    )
    .success();
    // 4. mismatched: the good commit's valid trailer copied onto another change.
    write(&repo, "d.rs", HARMLESS);
    env.git(&repo, ["add", "d.rs"]).success();
    let copied = git_out(&env, &repo, &["log", "-1", "--format=%B", "HEAD~2"])
        .lines()
        .find(|l| l.starts_with("Review-Hash:"))
        .unwrap()
        .to_string();
    env.git(
        &repo,
        [
            "commit",
            "--no-verify",
            "-m",
            &format!("Copied\n\n{copied}"),
        ],
    )
    .success();
    // 5. v1: computed by hand, as anyone can, for this very tree.
    write(&repo, "e.rs", HARMLESS);
    env.git(&repo, ["add", "e.rs"]).success();
    let tree = git_out(&env, &repo, &["write-tree"]);
    let v1 = ReviewHash::new(&tree, Verdict::Passed).line();
    env.git(
        &repo,
        ["commit", "--no-verify", "-m", &format!("Handmade\n\n{v1}")],
    )
    .success();
    let _ = good_tree;
    // 6. a clean merge needs no trailer.
    env.git(&repo, ["checkout", "-q", "main"]).success();
    write(&repo, "m.rs", HARMLESS);
    env.git(&repo, ["add", "m.rs"]).success();
    env.git(&repo, ["commit", "-m", "On main"]).success();
    env.git(&repo, ["checkout", "-q", "feature"]).success();
    env.git(&repo, ["merge", "--no-verify", "--no-edit", "main"])
        .success();

    let r = env.wfc(&repo, ["gate", "verify", "main~1..feature", "--json"]);
    r.code(1);
    let j = r.json();
    assert_eq!(j["checked"], 7, "{r}");
    assert_eq!(j["merges"], 1);
    assert_eq!(j["offenders"], 4);
    assert_eq!(j["ok"], false);
    let statuses: Vec<(&str, &str)> = j["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(statuses.contains(&("Good", "ok")), "{statuses:?}");
    assert!(statuses.contains(&("On main", "ok")), "{statuses:?}");
    assert!(statuses.contains(&("Missing", "missing")), "{statuses:?}");
    assert!(
        statuses.contains(&("Malformed", "malformed")),
        "{statuses:?}"
    );
    assert!(statuses.contains(&("Copied", "mismatched")), "{statuses:?}");
    assert!(statuses.contains(&("Handmade", "v1")), "{statuses:?}");
    assert!(
        statuses.contains(&("Merge branch 'main' into feature", "ok")),
        "{statuses:?}"
    );

    // Text: every offender listed, nothing else.
    let r = env.wfc(&repo, ["gate", "verify", "main~1..feature"]);
    r.code(1);
    for word in ["missing", "malformed", "mismatched", "v1"] {
        assert!(r.stdout.contains(word), "{word}: {r}");
    }
    assert_eq!(r.stdout.lines().count(), 5, "header + 4 offenders: {r}");

    // A clean range passes; an empty one too.
    env.wfc(&repo, ["gate", "verify", "main~1..main"]).success();
    env.wfc(&repo, ["gate", "verify", "main..main"]).success();
}

#[test]
fn verify_rejects_a_range_it_cannot_resolve() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let r = env.wfc(&repo, ["gate", "verify", "origin/main..HEAD"]);
    r.code(2);
    assert!(r.stderr.contains("origin/main"), "{r}");
    assert!(r.stderr.contains("hint:"), "{r}");
    let outside = env.root.join("not-a-repo");
    std::fs::create_dir_all(&outside).unwrap();
    env.wfc(&outside, ["gate", "verify", "HEAD"]).code(2);
}

#[test]
fn verify_output_snapshot() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    write(&repo, "a.rs", HARMLESS);
    env.git(&repo, ["add", "a.rs"]).success();
    env.git(&repo, ["commit", "-m", "Reviewed"]).success();
    write(&repo, "b.rs", HARMLESS);
    env.git(&repo, ["add", "b.rs"]).success();
    env.git(&repo, ["commit", "--no-verify", "-m", "Not reviewed"])
        .success();
    let r = env.wfc(&repo, ["gate", "verify", "HEAD~2..HEAD"]);
    // Commit ids and policy digests change with the trailers and the rule-set version.
    let hex = regex::Regex::new(r"\b[0-9a-f]{12}\b").unwrap();
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    );
    insta::assert_snapshot!(
        hex.replace_all(&text, "[HEX12]"),
        @r"
    exit: 1
    --- stdout
    commit        reason   subject       detail
    [HEX12]  missing  Not reviewed  no Review-Hash trailer (committed with --no-verify or WFC_SKIP, or without wfc's hooks?)
    --- stderr
    HEAD~2..HEAD: 1 of 2 commits fail the review gate (policy [HEX12], the range's base [HEX12])
    "
    );
}
