//! Attacks on the gate, as an agent that wants its commit through would try them, each with the
//! real git CLI: every one ends in a failing `wfc gate verify` (and, where a hook is involved, a
//! blocked commit), while the honest flow still passes.

use std::path::{Path, PathBuf};

use wfc::gate::trailer::{ReviewHash, Verdict};

use crate::harness::{Run, TestEnv};
use crate::hooks::{HARMLESS, SECRET, git_out, hooked_repo, write};

fn commit(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut full = vec!["commit", "-q"];
    full.extend_from_slice(args);
    env.git(dir, &full)
}

/// `git commit -q ARGS` with extra environment variables.
fn commit_with(env: &TestEnv, dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Run {
    let mut cmd = env.git_cmd(dir);
    cmd.args(["commit", "-q"]).args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    Run::from_output(cmd.output().unwrap())
}

fn add(env: &TestEnv, dir: &Path, rel: &str, content: &str) {
    write(dir, rel, content);
    env.git(dir, ["add", rel]).success();
}

/// A hooked repository on `feature`, branched from `main` (the CI's target).
fn feature_repo(env: &TestEnv) -> PathBuf {
    let repo = hooked_repo(env);
    env.git(&repo, ["checkout", "-q", "-b", "feature"])
        .success();
    repo
}

/// `gate verify main..feature` with `extra` flags, as JSON; returns the run and each commit's
/// (subject, status).
fn verify(env: &TestEnv, dir: &Path, extra: &[&str]) -> (Run, Vec<(String, String)>) {
    let mut args = vec!["gate", "verify", "--json", "main..feature"];
    args.extend_from_slice(extra);
    let r = env.wfc(dir, &args);
    let v = r.json();
    let statuses = v["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (r, statuses)
}

#[track_caller]
fn status_of<'a>(statuses: &'a [(String, String)], subject: &str) -> &'a str {
    statuses
        .iter()
        .find(|(s, _)| s == subject)
        .map(|(_, st)| st.as_str())
        .unwrap_or_else(|| panic!("no commit {subject:?} in {statuses:?}"))
}

/// The CI script, run as CI would on a fresh clone.
fn ci_script(env: &TestEnv, clone: &Path, extra_env: &[(&str, &str)]) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/ci/wfc-gate.sh");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(&script).args(["origin/main", "HEAD"]);
    cmd.current_dir(clone)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("WFC_HOME", env.root.join("ci-wfc-home"))
        .env("GIT_CONFIG_GLOBAL", env.home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .env("WFC_BIN", crate::harness::WFC)
        .stdin(std::process::Stdio::null());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    Run::from_output(cmd.output().unwrap())
}

/// A fresh clone of `repo` with every branch, checked out at `feature`.
fn fresh_clone(env: &TestEnv, repo: &Path, name: &str) -> PathBuf {
    let clone = env.root.join(name);
    env.git(
        &env.root,
        [
            "clone",
            "-q",
            repo.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    )
    .success();
    env.git(&clone, ["checkout", "-q", "feature"]).success();
    clone
}

/// The honest flow: hooks installed, commits reviewed, a clean merge of the target branch;
/// `gate verify` (trailers) and the CI script (rerun) both pass on a fresh clone.
#[test]
fn the_honest_flow_passes_locally_and_in_ci() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/lib.rs", HARMLESS);
    commit(&env, &repo, &["-m", "Add add"]).success();
    env.git(&repo, ["checkout", "-q", "main"]).success();
    add(&env, &repo, "docs.md", "# docs\n");
    commit(&env, &repo, &["-m", "Docs on main"]).success();
    env.git(&repo, ["checkout", "-q", "feature"]).success();
    env.git(&repo, ["merge", "-q", "--no-edit", "main"])
        .success();
    add(
        &env,
        &repo,
        "src/two.rs",
        "pub fn two() -> i32 {\n    2\n}\n",
    );
    commit(&env, &repo, &["-m", "Add two"]).success();

    let (r, statuses) = verify(&env, &repo, &[]);
    r.success();
    assert!(statuses.iter().all(|(_, s)| s == "ok"), "{statuses:?}");
    env.wfc(&repo, ["gate", "verify", "--rerun", "main..feature"])
        .success();
    let clone = fresh_clone(&env, &repo, "ci");
    let r = ci_script(&env, &clone, &[]);
    assert_eq!(r.code, 0, "{r}");
}

/// A trailer written by hand: v1 is anyone's to compute and is refused; a v2 computed by hand
/// matches (the hash has no secret) but CI's `--rerun` and `--allowed-signers` catch it.
#[test]
fn a_hand_written_trailer_does_not_pass_ci() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/keys.rs", SECRET);
    let tree = git_out(&env, &repo, &["write-tree"]);
    let v1 = ReviewHash::new(&tree, Verdict::Passed).line();
    commit(
        &env,
        &repo,
        &["--no-verify", "-m", &format!("Keys v1\n\n{v1}")],
    )
    .success();
    add(
        &env,
        &repo,
        "src/more.rs",
        SECRET.replace("KEY", "KEY2").as_str(),
    );
    let tree2 = git_out(&env, &repo, &["write-tree"]);
    let repo_g = git2::Repository::open(&repo).unwrap();
    let head = repo_g.head().unwrap().peel_to_commit().unwrap();
    let parent_tree = head.tree_id().to_string();
    let policy = wfc::gate::policy::Policy::at_commit(&repo_g, Some(head.id()), "HEAD").unwrap();
    let v2 = ReviewHash::v2(&[parent_tree], &tree2, Verdict::Passed, &policy.digest()).line();
    commit(
        &env,
        &repo,
        &["--no-verify", "-m", &format!("Keys v2\n\n{v2}")],
    )
    .success();

    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Keys v1"), "v1");
    let (r, statuses) = verify(&env, &repo, &["--rerun"]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Keys v1"), "fails-on-rerun");
    assert_eq!(status_of(&statuses, "Keys v2"), "fails-on-rerun");
    let signers = env.root.join("allowed_signers");
    let line = env.wfc(&repo, ["gate", "keygen"]);
    line.success();
    std::fs::write(&signers, &line.stdout).unwrap();
    let (r, statuses) = verify(
        &env,
        &repo,
        &["--allowed-signers", signers.to_str().unwrap()],
    );
    r.code(1);
    assert_eq!(status_of(&statuses, "Keys v2"), "unsigned");
    let r = ci_script(&env, &fresh_clone(&env, &repo, "ci"), &[]);
    assert_eq!(r.code, 1, "{r}");
}

/// The change lowers its own bar (`fail_on = "critical"`, `[hook] reviewers`, a reviewer that
/// answers `[]`) in one commit and adds a secret in the next. Locally the second commit is
/// reviewed under the lowered policy of its HEAD, so CI, which reads the policy of the target
/// branch, reports it as made under a weaker policy, and `--rerun` finds the secret.
#[test]
fn a_change_cannot_set_its_own_policy() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(
        &env,
        &repo,
        ".wfc/config.toml",
        "[review]\nfail_on = \"critical\"\n[hook]\nreviewers = [\"maintainability\"]\n\
         [gate]\nreviewers = [\"maintainability\", \"yes\"]\nfail_on = \"critical\"\n\
         [[review.reviewer]]\nid = \"yes\"\ncommand = \"echo []\"\n",
    );
    commit(&env, &repo, &["-m", "Lower the bar"]).success();
    env.wfc(&repo, ["trust"]).success();
    add(&env, &repo, "src/keys.rs", SECRET);
    let r = commit(&env, &repo, &["-m", "Keys"]);
    assert_eq!(r.code, 0, "the lowered local policy lets it through: {r}");

    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Lower the bar"), "ok");
    assert_eq!(status_of(&statuses, "Keys"), "weaker-policy");
    let (_, statuses) = verify(&env, &repo, &["--rerun"]);
    assert_eq!(status_of(&statuses, "Keys"), "fails-on-rerun");
    let r = ci_script(&env, &fresh_clone(&env, &repo, "ci"), &[]);
    assert_eq!(r.code, 1, "{r}");
}

/// `WFC_HOOK_REVIEWERS` and `WFC_REVIEW_FAIL_ON` in the environment, or the same settings edited
/// into the working tree's config, do not weaken the hook: it reviews with HEAD's policy and
/// blocks the secret.
#[test]
fn the_environment_and_the_working_tree_cannot_weaken_the_hook() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/keys.rs", SECRET);
    let r = commit_with(
        &env,
        &repo,
        &["-m", "Keys"],
        &[
            ("WFC_HOOK_REVIEWERS", "maintainability"),
            ("WFC_REVIEW_FAIL_ON", "critical"),
        ],
    );
    assert_ne!(r.code, 0, "{r}");
    write(
        &repo,
        ".wfc/config.toml",
        "[hook]\nreviewers = [\"maintainability\"]\n[gate]\nfail_on = \"critical\"\n",
    );
    let r = commit(&env, &repo, &["-m", "Keys"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(git_out(&env, &repo, &["log", "--format=%s", "main..feature"]).is_empty());
}

/// A weaker review of the same tree (`--reviewers maintainability`, `--fail-on critical`), then
/// `WFC_SKIP=1 git commit`: neither review grants the change, so the commit has no trailer and CI
/// reports it.
#[test]
fn a_weaker_review_grants_nothing() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    for (i, flags) in [
        vec!["--reviewers", "maintainability"],
        vec!["--fail-on", "critical"],
    ]
    .into_iter()
    .enumerate()
    {
        add(
            &env,
            &repo,
            &format!("src/k{i}.rs"),
            &SECRET.replace("KEY", &format!("K{i}")),
        );
        let mut args = vec!["review", "--staged", "--no-learn", "--json"];
        args.extend(flags);
        let r = env.wfc(&repo, &args);
        let v = r.json();
        assert!(
            v["gate"]["policy_digest"].is_null(),
            "it must grant nothing: {r}"
        );
        assert!(v["gate"]["reason"].is_string(), "{r}");
        commit_with(
            &env,
            &repo,
            &["-m", &format!("Weak {i}")],
            &[("WFC_SKIP", "1")],
        )
        .success();
    }
    let msg = git_out(&env, &repo, &["log", "--format=%B", "main..feature"]);
    assert!(!msg.contains("Review-Hash"), "{msg}");
    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Weak 0"), "missing");
    assert_eq!(status_of(&statuses, "Weak 1"), "missing");
    let r = ci_script(&env, &fresh_clone(&env, &repo, "ci"), &[]);
    assert_eq!(r.code, 1, "{r}");
}

/// A range review covers only its own diff: reviewing `HEAD~1..HEAD` after a commit that slipped
/// a secret in, then squashing with `git reset --soft`, grants nothing for the squash; the
/// pre-commit hook reviews the squash itself and blocks it.
#[test]
fn a_range_review_does_not_grant_a_squash() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/keys.rs", SECRET);
    commit(&env, &repo, &["--no-verify", "-m", "Sneak"]).success();
    add(&env, &repo, "src/lib.rs", HARMLESS);
    commit(&env, &repo, &["-m", "Harmless"]).success();
    env.wfc(&repo, ["review", "--range", "HEAD~1..HEAD", "--no-learn"])
        .success();
    env.git(&repo, ["reset", "-q", "--soft", "main"]).success();
    let r = commit(&env, &repo, &["-m", "Squashed"]);
    assert_ne!(r.code, 0, "the squash went through: {r}");
    commit_with(&env, &repo, &["-m", "Squashed"], &[("WFC_SKIP", "1")]).success();
    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Squashed"), "missing");
    let r = ci_script(&env, &fresh_clone(&env, &repo, "ci"), &[]);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("fails-on-rerun"), "{r}");
}

/// Under `git commit -a` (a temporary index), the blocked commit's hint says to stage the change
/// before recording a bypass, since `wfc review --staged` reads the real index.
#[test]
fn the_bypass_hint_under_commit_all_stages_first() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(
        &env,
        &repo,
        "src/keys.rs",
        "pub const KEY: &str = \"none\";\n",
    );
    commit(&env, &repo, &["-m", "Placeholder"]).success();
    write(&repo, "src/keys.rs", SECRET);
    let r = commit(&env, &repo, &["-a", "-m", "Keys"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("temporary index") && r.stderr.contains("git add"),
        "{r}"
    );
    // Following the hint works.
    env.git(&repo, ["add", "-u"]).success();
    env.wfc(
        &repo,
        [
            "review",
            "--staged",
            "--no-learn",
            "--bypass-reason",
            "fixture",
        ],
    )
    .success();
    commit(&env, &repo, &["-m", "Keys"]).success();
    let (_, statuses) = verify(&env, &repo, &["--allow-bypassed"]);
    assert_eq!(status_of(&statuses, "Keys"), "ok");
}

/// `review prepare` then `finalize` with `[]` for every reviewer: the policy's built-in reviewers
/// run on the job's change in `finalize` too, so the secret still fails the review.
#[test]
fn finalize_with_empty_answers_still_runs_the_rules() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/keys.rs", SECRET);
    let prep = env.wfc(&repo, ["review", "prepare", "--json"]);
    prep.success();
    let v = prep.json();
    let job = v["job_id"].as_str().unwrap().to_string();
    let answers: Vec<serde_json::Value> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| serde_json::json!({"reviewer_id": t["reviewer_id"], "response": "[]\nSUMMARY: fine\nSCORE: 0"}))
        .collect();
    let file = env.root.join("answers.json");
    std::fs::write(&file, serde_json::to_string(&answers).unwrap()).unwrap();
    let r = env.wfc(
        &repo,
        [
            "review",
            "finalize",
            "--json",
            "--job",
            &job,
            "--responses",
            file.to_str().unwrap(),
        ],
    );
    r.code(1);
    assert_eq!(r.json()["status"], "failed", "{r}");
}

/// An evil merge: content added while concluding a merge. The pre-commit hook reviews the merge's
/// own change (its difference from the automatic merge) and blocks it; committed past the hooks,
/// `gate verify` names it, and `--rerun` finds the secret in it.
#[test]
fn an_evil_merge_is_gated() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/lib.rs", HARMLESS);
    commit(&env, &repo, &["-m", "Feature work"]).success();
    env.git(&repo, ["checkout", "-q", "main"]).success();
    add(&env, &repo, "docs.md", "# docs\n");
    commit(&env, &repo, &["-m", "Docs on main"]).success();
    env.git(&repo, ["checkout", "-q", "feature"]).success();
    env.git(&repo, ["merge", "-q", "--no-commit", "main"])
        .success();
    add(&env, &repo, "src/keys.rs", SECRET);
    let r = commit(&env, &repo, &["--no-edit"]);
    assert_ne!(r.code, 0, "the evil merge went through the hooks: {r}");
    commit(&env, &repo, &["--no-verify", "--no-edit"]).success();
    let subject = git_out(&env, &repo, &["log", "-1", "--format=%s"]);
    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, &subject), "evil-merge");
    let (_, statuses) = verify(&env, &repo, &["--rerun"]);
    assert_eq!(status_of(&statuses, &subject), "fails-on-rerun");
    let r = ci_script(&env, &fresh_clone(&env, &repo, "ci"), &[]);
    assert_eq!(r.code, 1, "{r}");
}

/// A bypassed review is refused by CI unless it says otherwise.
#[test]
fn a_bypass_fails_ci_by_default() {
    let env = TestEnv::new();
    let repo = feature_repo(&env);
    add(&env, &repo, "src/keys.rs", SECRET);
    env.wfc(
        &repo,
        [
            "review",
            "--staged",
            "--no-learn",
            "--bypass-reason",
            "fixture",
        ],
    )
    .success();
    commit(&env, &repo, &["-m", "Bypassed"]).success();
    let (r, statuses) = verify(&env, &repo, &[]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Bypassed"), "bypassed");
    let (r, _) = verify(&env, &repo, &["--allow-bypassed"]);
    r.success();
    // The rules still fail it, bypass or not.
    let clone = fresh_clone(&env, &repo, "ci");
    assert_eq!(ci_script(&env, &clone, &[]).code, 1);
    assert_eq!(
        ci_script(&env, &clone, &[("WFC_ALLOW_BYPASSED", "1")]).code,
        1
    );
}

/// Signed attestations: commit-msg signs with the key from `wfc gate keygen`; OpenSSH's own
/// `ssh-keygen -Y verify` accepts the signature over the payload; `gate verify --allowed-signers`
/// passes it, and fails it against another key; the CI script requires signatures when the target
/// branch has `.wfc/allowed_signers`.
#[test]
fn signed_attestations_verify_with_openssh_and_in_ci() {
    let env = TestEnv::new();
    let repo = hooked_repo(&env);
    let line = env.wfc(&repo, ["gate", "keygen"]);
    line.success();
    add(&env, &repo, ".wfc/allowed_signers", &line.stdout);
    commit(&env, &repo, &["-m", "Allowed signers"]).success();
    env.git(&repo, ["checkout", "-q", "-b", "feature"])
        .success();
    add(&env, &repo, "src/lib.rs", HARMLESS);
    commit(&env, &repo, &["-m", "Signed work"]).success();
    let msg = git_out(&env, &repo, &["log", "-1", "--format=%B"]);
    let att = wfc::gate::trailer::attestation(&msg).expect("signed");

    // OpenSSH checks the signature over the payload the trailers describe.
    let g = git2::Repository::open(&repo).unwrap();
    let head = g.head().unwrap().peel_to_commit().unwrap();
    let shape = wfc::git::commit::of_commit(&g, &head).unwrap();
    let policy = wfc::gate::policy::Policy::at_commit(&g, head.parent_ids().next(), "p").unwrap();
    let payload = wfc::gate::trailer::payload(
        &shape.parent_trees,
        &head.tree_id().to_string(),
        Verdict::Passed,
        &policy.digest(),
        &att.job_id,
        att.audit.as_ref().map(|(s, h)| (*s, h.as_str())),
    );
    let sig = wfc::gate::signature::parse_one_line(&att.signature).unwrap();
    let sig_file = env.root.join("payload.sig");
    std::fs::write(&sig_file, wfc::gate::signature::to_armored(&sig).unwrap()).unwrap();
    let signers = env.root.join("signers");
    std::fs::write(&signers, &line.stdout).unwrap();
    let principal = line.stdout.split_whitespace().next().unwrap().to_string();
    let ok = ssh_keygen_verify(&signers, &principal, &sig_file, payload.as_bytes());
    assert!(ok, "ssh-keygen rejected wfc's signature");
    assert!(!ssh_keygen_verify(
        &signers,
        &principal,
        &sig_file,
        b"another payload"
    ));

    let (r, _) = verify(
        &env,
        &repo,
        &["--allowed-signers", signers.to_str().unwrap()],
    );
    r.success();
    let other = env.root.join("other_signers");
    let k = env.root.join("otherkey");
    assert!(
        std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f", k.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let pubkey = std::fs::read_to_string(k.with_extension("pub")).unwrap();
    std::fs::write(&other, format!("{principal} {pubkey}")).unwrap();
    let (r, statuses) = verify(&env, &repo, &["--allowed-signers", other.to_str().unwrap()]);
    r.code(1);
    assert_eq!(status_of(&statuses, "Signed work"), "bad-signature");

    let clone = fresh_clone(&env, &repo, "ci");
    let r = ci_script(&env, &clone, &[]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stderr.contains("signatures required"), "{r}");
    // An unsigned commit on top fails there.
    write(&repo, "src/two.rs", "pub fn two() -> i32 {\n    2\n}\n");
    env.git(&repo, ["add", "src/two.rs"]).success();
    std::fs::rename(
        env.wfc_home.join("keys/wfc-review"),
        env.root.join("moved-key"),
    )
    .unwrap();
    commit(&env, &repo, &["-m", "Unsigned work"]).success();
    let clone = fresh_clone(&env, &repo, "ci2");
    let r = ci_script(&env, &clone, &[]);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("unsigned"), "{r}");
}

fn ssh_keygen_verify(signers: &Path, principal: &str, sig: &Path, payload: &[u8]) -> bool {
    use std::io::Write;
    let mut child = std::process::Command::new("ssh-keygen")
        .args(["-Y", "verify", "-n", "wfc-review", "-f"])
        .arg(signers)
        .args(["-I", principal, "-s"])
        .arg(sig)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ssh-keygen (OpenSSH) must be installed");
    child.stdin.take().unwrap().write_all(payload).unwrap();
    child.wait().unwrap().success()
}

/// The audit chain recomputed after an edit (triggers dropped, a row changed, every later hash
/// recomputed with the documented formula, triggers recreated) passes the chain walk, but not the
/// anchor that a signed commit carries.
#[test]
fn a_rewritten_audit_chain_fails_at_a_signed_anchor() {
    let env = TestEnv::new();
    if env.sqlite_only("it rewrites the chain in the SQLite file") {
        return;
    }
    let repo = hooked_repo(&env);
    env.wfc(&repo, ["gate", "keygen"]).success();
    add(&env, &repo, "src/lib.rs", HARMLESS);
    commit(&env, &repo, &["-m", "Signed"]).success();
    env.wfc(&repo, ["audit", "verify"]).success();

    let db = env.wfc_home.join("wfc.db");
    let script = r#"
import hashlib, json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("DROP TRIGGER audit_no_update")
con.execute("DROP TRIGGER audit_no_delete")
con.execute("UPDATE audit SET developer_id = 'someone-else' WHERE seq = 1")
prev = "0" * 64
rows = con.execute("SELECT seq, ts, project_id, developer_id, action, resource, status, details FROM audit ORDER BY seq").fetchall()
genesis = con.execute("SELECT prev_hash FROM audit ORDER BY seq LIMIT 1").fetchone()[0]
prev = genesis
for r in rows:
    canonical = json.dumps([r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], prev], separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256(canonical.encode()).hexdigest()
    con.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, r[0]))
    prev = h
con.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END")
con.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END")
con.commit()
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The chain alone looks intact (outside the repository, no anchor is read).
    let outside = env.root.join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    env.wfc(&outside, ["audit", "verify"]).success();
    // The signed commit's anchor catches it.
    let r = env.wfc(&repo, ["audit", "verify"]);
    r.code(1);
    assert!(r.stdout.contains("anchored"), "{r}");
}
