//! Credential rules decided by the path: a key store or SSH key file added to a repository fails
//! the review whatever its bytes (a `.p12` is binary, so the diff only names it), through every
//! input (`--staged`, `--range`, `--files`); the same file under a test path does not.

use std::path::Path;

use crate::harness::{TestEnv, init_repo};

/// Random bytes with NULs, as a PKCS#12 file is: git treats it as binary.
fn key_store_bytes() -> Vec<u8> {
    let mut bytes = vec![0x30, 0x82, 0x0a, 0x1d, 0x02, 0x01, 0x03, 0x00];
    let mut x: u32 = 2_463_534_242;
    for _ in 0..2048 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.push((x & 0xff) as u8);
    }
    bytes
}

fn stage_bytes(env: &TestEnv, repo: &Path, rel: &str, bytes: &[u8]) {
    let full = repo.join(rel);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(&full, bytes).unwrap();
    env.git(repo, ["add", rel]).success();
}

fn rules(run: &crate::harness::Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["rules"].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_staged_binary_key_store_fails_the_review() {
    let env = TestEnv::new();
    let repo = env.root.join("repo");
    init_repo(&repo);
    stage_bytes(&env, &repo, "certs/server.p12", &key_store_bytes());
    let run = env.wfc(
        &repo,
        [
            "review",
            "--staged",
            "--reviewers",
            "security",
            "--no-learn",
            "--json",
        ],
    );
    run.code(1);
    assert!(
        rules(&run).contains(&"sec.key-store-file".to_string()),
        "{run}"
    );
    let report = run.json();
    assert_eq!(report["tier"], "critical", "{run}");
    // Nothing of the file's content is quoted, only its path.
    let text = report.to_string();
    assert!(text.contains("certs/server.p12"), "{run}");
}

#[test]
fn a_committed_ssh_key_file_fails_a_range_review_and_its_public_half_does_not() {
    let env = TestEnv::new();
    let repo = env.root.join("repo");
    init_repo(&repo);
    stage_bytes(
        &env,
        &repo,
        "deploy/id_ed25519.pub",
        b"ssh-ed25519 AAAAC3Nza deploy@ci\n",
    );
    env.git(&repo, ["commit", "-q", "-m", "public key"])
        .success();
    let public = env.wfc(
        &repo,
        [
            "review",
            "--range",
            "HEAD~1..HEAD",
            "--reviewers",
            "security",
            "--no-learn",
            "--json",
        ],
    );
    assert!(
        !rules(&public).iter().any(|r| r == "sec.ssh-key-file"),
        "{public}"
    );
    stage_bytes(&env, &repo, "deploy/id_ed25519", &key_store_bytes());
    env.git(&repo, ["commit", "-q", "-m", "private key"])
        .success();
    let private = env.wfc(
        &repo,
        [
            "review",
            "--range",
            "HEAD~1..HEAD",
            "--reviewers",
            "security",
            "--no-learn",
            "--json",
        ],
    );
    private.code(1);
    assert!(
        rules(&private).contains(&"sec.ssh-key-file".to_string()),
        "{private}"
    );
}

#[test]
fn key_stores_under_test_paths_and_npmrc_variables_pass() {
    let env = TestEnv::new();
    let repo = env.root.join("repo");
    init_repo(&repo);
    stage_bytes(&env, &repo, "tests/fixtures/client.pfx", &key_store_bytes());
    stage_bytes(
        &env,
        &repo,
        ".npmrc",
        b"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
    );
    let run = env.wfc(
        &repo,
        [
            "review",
            "--staged",
            "--reviewers",
            "security",
            "--no-learn",
            "--json",
        ],
    );
    run.success();
    assert!(rules(&run).is_empty(), "{run}");
}

#[test]
fn an_npmrc_with_a_token_fails_through_files() {
    let env = TestEnv::new();
    let repo = env.root.join("repo");
    init_repo(&repo);
    let token: String = concat!("Zq8Lm2Xv7Tn4", "Wb6Yc1Rd9Pf3Hk5Js0Ga").to_string();
    std::fs::write(
        repo.join(".npmrc"),
        format!("//npm.example.com/:_authToken={token}\n"),
    )
    .unwrap();
    let run = env.wfc(
        &repo,
        [
            "review",
            "--files",
            ".npmrc",
            "--reviewers",
            "security",
            "--no-learn",
            "--json",
        ],
    );
    run.code(1);
    assert!(
        rules(&run).contains(&"sec.npmrc-token".to_string()),
        "{run}"
    );
    assert!(!run.stdout.contains(&token), "the token is masked: {run}");
}
