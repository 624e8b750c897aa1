//! Signed review attestations (`Review-Signature`): OpenSSH `SSHSIG` in the namespace
//! `wfc-review`, checked against git's allowed-signers format, in both directions against the
//! real `ssh-keygen`; and `wfc gate keygen`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use wfc::app::error::AppError;
use wfc::gate::signature::{self, SignatureError};

use crate::harness::{Run, TestEnv};

/// The real OpenSSH `ssh-keygen`, with a cleared environment and the test's HOME.
fn ssh_keygen(env: &TestEnv, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new("ssh-keygen");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &env.home)
        .env("LC_ALL", "C")
        .current_dir(&env.root)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .expect("these tests need OpenSSH's ssh-keygen on PATH (Debian: openssh-client)");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    Run::from_output(child.wait_with_output().unwrap())
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// An ed25519 key made by `ssh-keygen -t ed25519 -N ''`: (private key path, public key line).
fn openssh_key(env: &TestEnv, name: &str) -> (PathBuf, String) {
    let k = env.root.join(name);
    ssh_keygen(
        env,
        &["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", s(&k)],
        None,
    )
    .success();
    let public = fs::read_to_string(k.with_extension("pub"))
        .or_else(|_| fs::read_to_string(format!("{}.pub", k.display())))
        .unwrap();
    (k, public.trim().to_string())
}

/// `ssh-keygen -Y verify` of an armored signature over `payload`.
fn openssh_verify(
    env: &TestEnv,
    allowed: &Path,
    principal: &str,
    namespace: &str,
    sig_line: &str,
    payload: &[u8],
) -> Run {
    let sig = signature::parse_one_line(sig_line).unwrap();
    let sig_file = env.root.join("review.sig");
    fs::write(&sig_file, signature::to_armored(&sig).unwrap()).unwrap();
    ssh_keygen(
        env,
        &[
            "-Y",
            "verify",
            "-n",
            namespace,
            "-f",
            s(allowed),
            "-I",
            principal,
            "-s",
            s(&sig_file),
        ],
        Some(payload),
    )
}

/// A signature made by `ssh-keygen -Y sign -n NAMESPACE -f KEY` over `payload`, in one line.
fn openssh_sign(env: &TestEnv, key: &Path, namespace: &str, payload: &[u8]) -> String {
    let file = env.root.join("payload");
    fs::write(&file, payload).unwrap();
    let _ = fs::remove_file(env.root.join("payload.sig"));
    ssh_keygen(
        env,
        &["-Y", "sign", "-q", "-n", namespace, "-f", s(key), s(&file)],
        None,
    )
    .success();
    let armored = fs::read_to_string(env.root.join("payload.sig")).unwrap();
    signature::one_line_from_armored(&armored).unwrap()
}

const PAYLOAD: &[u8] =
    b"wfc-review-attestation-v1\0parent-tree\0tree\0passed\0policy\0job-1\0seq 7 hash abc\0";

/// Attack: a Review-Signature that only wfc understands would make "signed" meaningless to the
/// rest of the world. Expected: what wfc signs is a standard SSHSIG that the real
/// `ssh-keygen -Y verify -n wfc-review` accepts for the listed principal, and rejects as soon as
/// one byte of the payload changes, or under another namespace.
#[test]
fn wfc_signature_is_accepted_by_ssh_keygen_and_a_changed_payload_is_not() {
    let env = TestEnv::new();
    let (key, public) = openssh_key(&env, "alice_key");
    let line = signature::sign_payload(&key, PAYLOAD).unwrap();
    assert!(!line.contains(['\n', '\r', ' ']), "one line: {line}");
    assert!(line.starts_with("U1NIU0lH"), "{line}");
    let allowed = env.root.join("allowed_signers");
    fs::write(
        &allowed,
        format!("alice@example.com namespaces=\"wfc-review\" {public}\n"),
    )
    .unwrap();

    let ok = openssh_verify(
        &env,
        &allowed,
        "alice@example.com",
        "wfc-review",
        &line,
        PAYLOAD,
    );
    ok.success();
    assert!(
        ok.stdout
            .contains("Good \"wfc-review\" signature for alice@example.com"),
        "{ok}"
    );

    let mut changed = PAYLOAD.to_vec();
    changed[30] ^= 1;
    let bad = openssh_verify(
        &env,
        &allowed,
        "alice@example.com",
        "wfc-review",
        &line,
        &changed,
    );
    assert_ne!(bad.code, 0, "ssh-keygen accepted a changed payload\n{bad}");

    let other_ns = openssh_verify(&env, &allowed, "alice@example.com", "git", &line, PAYLOAD);
    assert_ne!(
        other_ns.code, 0,
        "a review signature passed as a git signature\n{other_ns}"
    );

    // And wfc agrees with itself on the same file.
    let v = signature::verify(
        &fs::read_to_string(&allowed).unwrap(),
        Some("alice@example.com"),
        PAYLOAD,
        &line,
    )
    .unwrap();
    assert_eq!(v.principal, "alice@example.com");
}

/// Fixture for the verification attacks: a key made and a payload signed by the real OpenSSH.
struct Signed {
    env: TestEnv,
    public: String,
    line: String,
    key: PathBuf,
}

fn signed_by_openssh() -> Signed {
    let env = TestEnv::new();
    let (key, public) = openssh_key(&env, "k");
    let line = openssh_sign(&env, &key, "wfc-review", PAYLOAD);
    Signed {
        env,
        public,
        line,
        key,
    }
}

/// A signature made by `ssh-keygen -Y sign -n wfc-review` verifies in wfc for the listed key,
/// names its principal and the key's fingerprint as `ssh-keygen -l` prints it.
#[test]
fn ssh_keygen_signature_verifies_in_wfc() {
    let f = signed_by_openssh();
    let allowed = format!("# reviewers\n\nalice,alice@example.com {}\n", f.public);
    let v = signature::verify(&allowed, Some("alice"), PAYLOAD, &f.line).unwrap();
    assert_eq!(v.principal, "alice");
    assert_eq!(v.line, 3);
    let any = signature::verify_payload(&allowed, PAYLOAD, &f.line).unwrap();
    assert_eq!(any.principal, "alice,alice@example.com");
    assert_eq!(any.principals, vec!["alice", "alice@example.com"]);
    let fp = ssh_keygen(
        &f.env,
        &["-l", "-f", &format!("{}.pub", f.key.display())],
        None,
    );
    fp.success();
    assert!(
        fp.stdout.contains(&v.fingerprint),
        "{} not in {}",
        v.fingerprint,
        fp.stdout
    );
}

/// Attack: a signature the same key made for another purpose (`-n other`, e.g. a git commit
/// signature or a signed file) is replayed as a review attestation. Expected: rejected, naming
/// the namespace it was made for.
#[test]
fn signature_for_another_namespace_is_rejected() {
    let f = signed_by_openssh();
    let line = openssh_sign(&f.env, &f.key, "other", PAYLOAD);
    let allowed = format!("alice {}\n", f.public);
    let err = signature::verify(&allowed, Some("alice"), PAYLOAD, &line).unwrap_err();
    assert!(
        matches!(&err, SignatureError::WrongNamespace { found } if found == "other"),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"other\""), "{err}");
}

/// Attack: an attestation signed by a key that nobody listed (anyone can make a key).
/// Expected: rejected, the error gives the key's fingerprint and the hint the line that would
/// allow it.
#[test]
fn key_not_listed_is_rejected() {
    let f = signed_by_openssh();
    let (_, stranger) = openssh_key(&f.env, "stranger");
    let allowed = format!("alice {stranger}\n");
    let err = signature::verify_payload(&allowed, PAYLOAD, &f.line).unwrap_err();
    assert!(matches!(err, SignatureError::NotAllowed { .. }), "{err:?}");
    assert!(err.to_string().contains("SHA256:"), "{err}");
    assert!(
        err.reasons()
            .iter()
            .any(|r| r.contains("no line lists this key")),
        "{:?}",
        err.reasons()
    );
    let key_b64 = f.public.split_whitespace().nth(1).unwrap();
    assert!(err.hint().unwrap().contains(key_b64), "{:?}", err.hint());
    // An empty file allows nobody.
    assert!(signature::verify_payload("", PAYLOAD, &f.line).is_err());
}

/// Attack: bob's listed key signs an attestation that CI checks for alice. Expected: rejected,
/// saying whom the key is listed for; a pattern or a negation (`*,!bob`) is honoured as in
/// OpenSSH.
#[test]
fn principal_not_matching_is_rejected() {
    let f = signed_by_openssh();
    let allowed = format!("bob {}\n", f.public);
    let err = signature::verify(&allowed, Some("alice"), PAYLOAD, &f.line).unwrap_err();
    assert!(err.to_string().contains("for \"alice\""), "{err}");
    assert!(
        err.reasons()
            .iter()
            .any(|r| r.contains("listed for \"bob\"")),
        "{:?}",
        err.reasons()
    );
    let negated = format!("*,!alice {}\n", f.public);
    assert!(signature::verify(&negated, Some("alice"), PAYLOAD, &f.line).is_err());
    assert!(signature::verify(&negated, Some("carol"), PAYLOAD, &f.line).is_ok());
    let pattern = format!("*@example.com {}\n", f.public);
    assert!(signature::verify(&pattern, Some("alice@example.com"), PAYLOAD, &f.line).is_ok());
    assert!(signature::verify(&pattern, Some("alice@evil.test"), PAYLOAD, &f.line).is_err());
}

/// Attack: a valid attestation is moved onto another change (its payload edited: another tree,
/// verdict or audit head). Expected: rejected as a signature that does not match the signed data.
#[test]
fn tampered_payload_is_rejected() {
    let f = signed_by_openssh();
    let allowed = format!("alice {}\n", f.public);
    let tampered = String::from_utf8_lossy(PAYLOAD).replace("passed", "failed");
    let err = signature::verify(&allowed, Some("alice"), tampered.as_bytes(), &f.line).unwrap_err();
    assert!(
        matches!(err, SignatureError::BadSignature { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("does not match the signed data"),
        "{err}"
    );
}

/// Attack: a key that the allowed-signers file limits to other namespaces (for instance
/// `namespaces="git"`, a commit-signing key) signs a review attestation. Expected: rejected,
/// naming the line and its namespaces option.
#[test]
fn namespaces_option_excluding_wfc_review_is_rejected() {
    let f = signed_by_openssh();
    let allowed = format!("alice namespaces=\"git,file\" {}\n", f.public);
    let err = signature::verify(&allowed, Some("alice"), PAYLOAD, &f.line).unwrap_err();
    assert!(
        err.reasons()
            .iter()
            .any(|r| r.contains(":1: namespaces=\"git,file\" does not allow")),
        "{:?}",
        err.reasons()
    );
    let negated = format!("alice namespaces=\"*,!wfc-review\" {}\n", f.public);
    assert!(signature::verify(&negated, Some("alice"), PAYLOAD, &f.line).is_err());
    let allowed = format!("alice namespaces=\"git,wfc-review\" {}\n", f.public);
    assert!(signature::verify(&allowed, Some("alice"), PAYLOAD, &f.line).is_ok());
}

/// Attack: a hand-written or mangled Review-Signature (garbage, truncated, armored across lines,
/// another blob base64-encoded, a huge line). Expected: a clear "not a valid one-line SSH
/// signature" error, never a panic and never a pass.
#[test]
fn garbage_signature_is_rejected() {
    let f = signed_by_openssh();
    let allowed = format!("alice {}\n", f.public);
    let half = &f.line[..f.line.len() / 2];
    let armored = signature::to_armored(&signature::parse_one_line(&f.line).unwrap()).unwrap();
    let huge = "A".repeat(100_000);
    for garbage in [
        "",
        "passed",
        "U1NIU0lH",
        half,
        armored.as_str(),
        "c3NoLWVkMjU1MTk=",
        "U1NIU0lH\u{0}AAAA",
        huge.as_str(),
    ] {
        let err = signature::verify(&allowed, Some("alice"), PAYLOAD, garbage).unwrap_err();
        assert!(
            matches!(err, SignatureError::Malformed { .. }),
            "{garbage:.40?}: {err:?}"
        );
        assert!(err.hint().unwrap().contains("U1NIU0lH"));
    }
}

/// Attack: wfc's reading of an allowed-signers file differs from OpenSSH's, so a line that
/// OpenSSH would refuse lets a signature through wfc. Expected: for every line below, wfc's
/// verdict is exactly `ssh-keygen -Y verify`'s (principal patterns, negation, namespaces,
/// validity times, cert-authority, quoting, comments, unreadable lines).
#[test]
fn allowed_signers_decisions_match_ssh_keygen() {
    let f = signed_by_openssh();
    let key = &f.public;
    let (_, other) = openssh_key(&f.env, "other");
    let lines = [
        format!("alice {key}"),
        format!("bob {key}"),
        format!("alice,bob {key}"),
        format!("\"alice\" {key}"),
        format!("al?ce {key}"),
        format!("a* {key}"),
        format!("*,!alice {key}"),
        format!("!alice {key}"),
        format!("alice namespaces=\"wfc-review\" {key}"),
        format!("alice namespaces=\"git\" {key}"),
        format!("alice namespaces=\"wfc-*\" {key}"),
        format!("alice namespaces=\"*,!wfc-review\" {key}"),
        format!("alice NAMESPACES=\"wfc-review\" {key}"),
        format!("alice valid-before=\"20200101Z\" {key}"),
        format!("alice valid-after=\"20200101Z\" {key}"),
        format!("alice valid-after=\"29990101Z\" {key}"),
        format!("alice valid-after=\"20200101Z\",valid-before=\"29990101000000Z\" {key}"),
        format!("alice valid-before=\"29990101UTC\" {key}"),
        format!("alice cert-authority {key}"),
        format!("alice cert-authority,namespaces=\"wfc-review\" {key}"),
        format!("alice unknown-option=\"x\" {key}"),
        format!("alice namespaces=wfc-review {key}"),
        format!("alice {other}"),
        format!("alice {other}\nalice {key}"),
        format!("garbage line\nalice {key}"),
        format!("# alice {key}"),
        format!("   alice {key}"),
        format!("alice\t{key}"),
        format!("alice {key} trailing comment words"),
        format!("alice namespaces=\"wfc-review\", {key}"),
        format!("alice ,namespaces=\"wfc-review\" {key}"),
        format!("alice namespaces=\"wfc-review\" namespaces=\"git\" {key}"),
        format!("alice namespaces=\"git\",namespaces=\"wfc-review\" {key}"),
        format!("alice namespaces=\"wfc\\\"-review\" {key}"),
        format!("\"alice bob\" {key}"),
        format!("alice valid-after=\"20200101Z\" valid-before=\"29990101Z\" {key}"),
        format!("alice valid-after=\"29990101Z\",valid-before=\"20200101Z\" {key}"),
        format!("alice valid-after=\"2020010\" {key}"),
        format!("ALICE {key}"),
        format!("alice ,,namespaces=\"git\",,cert-authority {key}"),
        format!("alice ,valid-after=\"20200101Z\",,namespaces=\"wfc-review\" {key}"),
        "alice".to_string(),
    ];
    let file = f.env.root.join("allowed_diff");
    let mut mismatches = Vec::new();
    for line in &lines {
        fs::write(&file, format!("{line}\n")).unwrap();
        let openssh =
            openssh_verify(&f.env, &file, "alice", "wfc-review", &f.line, PAYLOAD).code == 0;
        let ours = signature::verify(line, Some("alice"), PAYLOAD, &f.line).is_ok();
        if openssh != ours {
            mismatches.push(format!("{line:?}: ssh-keygen {openssh}, wfc {ours}"));
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

/// Attack: a passphrase-protected signing key (`ssh-keygen -N secret`) is configured. wfc
/// cannot decrypt it (and does not talk to ssh-agent). Expected: a clear usage error (exit 2)
/// that names the key file and says what to do, never a panic and never an unsigned "success".
#[test]
fn encrypted_signing_key_is_a_clear_error() {
    let env = TestEnv::new();
    let k = env.root.join("locked");
    ssh_keygen(
        &env,
        &["-q", "-t", "ed25519", "-N", "secret", "-f", s(&k)],
        None,
    )
    .success();
    let err = signature::sign_payload(&k, PAYLOAD).unwrap_err();
    assert!(matches!(err, SignatureError::Encrypted { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(s(&k)), "{msg}");
    assert!(
        msg.contains("encrypted") && msg.contains("ssh-agent"),
        "{msg}"
    );
    assert!(err.hint().unwrap().contains("wfc gate keygen"));
    assert_eq!(wfc::cli::exit::of_error(&AppError::from(err)), 2);

    // The public half, or a key that is not ed25519, is refused just as clearly.
    let pubkey = PathBuf::from(format!("{}.pub", k.display()));
    let err = signature::sign_payload(&pubkey, PAYLOAD).unwrap_err();
    assert!(err.hint().unwrap().contains(s(&k)), "{:?}", err.hint());
    let rsa = env.root.join("rsa");
    ssh_keygen(
        &env,
        &["-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", s(&rsa)],
        None,
    )
    .success();
    let err = signature::sign_payload(&rsa, PAYLOAD).unwrap_err();
    assert!(
        matches!(&err, SignatureError::UnsupportedKey { algorithm, .. } if algorithm == "ssh-rsa"),
        "{err:?}"
    );
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// `wfc gate keygen` end to end: the key lands at $WFC_HOME/keys/wfc-review (0600, folder 0700),
/// the printed allowed-signers line makes `ssh-keygen -Y verify` accept what wfc signs with it,
/// an existing key is never overwritten without `--force`, `--force` replaces it atomically, and
/// each run writes a `gate.keygen` audit row.
#[test]
fn gate_keygen_end_to_end() {
    let env = TestEnv::new();
    let dir = env.root.clone();
    let run = env.wfc(&dir, ["--developer-id", "alice", "gate", "keygen"]);
    run.success();
    let line = run.stdout.trim().to_string();
    assert!(
        line.starts_with("alice namespaces=\"wfc-review\" ssh-ed25519 AAAA"),
        "{run}"
    );
    assert!(line.ends_with(" wfc-review key of alice"), "{run}");
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "stdout is only the line\n{run}"
    );

    let keys = env.wfc_home.join("keys");
    let private = keys.join("wfc-review");
    let public = keys.join("wfc-review.pub");
    assert_eq!(mode(&keys), 0o700);
    assert_eq!(mode(&private), 0o600);
    // OpenSSH reads the private key and derives the same public key.
    let derived = ssh_keygen(&env, &["-y", "-f", s(&private)], None);
    derived.success();
    let pub_text = fs::read_to_string(&public).unwrap();
    assert_eq!(
        derived
            .stdout
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>(),
        pub_text.split_whitespace().take(2).collect::<Vec<_>>()
    );

    let allowed = env.root.join("allowed_signers");
    fs::write(&allowed, format!("{line}\n")).unwrap();
    let sig = signature::sign_payload(&private, PAYLOAD).unwrap();
    openssh_verify(&env, &allowed, "alice", "wfc-review", &sig, PAYLOAD).success();
    assert_ne!(
        openssh_verify(&env, &allowed, "alice", "git", &sig, PAYLOAD).code,
        0
    );

    // No overwrite without --force: exit 1, the key is untouched.
    let before = fs::read(&private).unwrap();
    let again = env.wfc(&dir, ["--developer-id", "alice", "gate", "keygen"]);
    again.code(1);
    assert!(
        again
            .stderr
            .contains("error: a signing key already exists at"),
        "{again}"
    );
    assert!(again.stderr.contains(s(&private)), "{again}");
    assert!(again.stderr.contains("--force"), "{again}");
    assert!(again.stdout.is_empty(), "{again}");
    assert_eq!(fs::read(&private).unwrap(), before);

    // --force replaces it; the old line no longer lets the new key's signatures through.
    let forced = env.wfc(
        &dir,
        [
            "--developer-id",
            "alice",
            "--json",
            "gate",
            "keygen",
            "--force",
            "--comment",
            "ci signer",
        ],
    );
    forced.success();
    let j = forced.json();
    assert_eq!(j["private_key"], s(&private));
    assert_eq!(j["public_key"], s(&public));
    let new_line = j["allowed_signers"].as_str().unwrap();
    assert!(new_line.ends_with(" ci signer"), "{new_line}");
    assert_ne!(new_line, line);
    let fp = j["fingerprint"].as_str().unwrap();
    assert!(fp.starts_with("SHA256:"), "{fp}");
    let listed = ssh_keygen(&env, &["-l", "-f", s(&public)], None);
    assert!(listed.stdout.contains(fp), "{listed}");
    assert_ne!(fs::read(&private).unwrap(), before);
    assert_eq!(mode(&private), 0o600);
    let new_sig = signature::sign_payload(&private, PAYLOAD).unwrap();
    assert_ne!(
        openssh_verify(&env, &allowed, "alice", "wfc-review", &new_sig, PAYLOAD).code,
        0
    );
    fs::write(&allowed, format!("{new_line}\n")).unwrap();
    openssh_verify(&env, &allowed, "alice", "wfc-review", &new_sig, PAYLOAD).success();
    // No temp file left beside the keys.
    let mut names: Vec<_> = fs::read_dir(&keys)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["wfc-review", "wfc-review.pub"]);

    let audit = env.wfc(&dir, ["--json", "audit", "--action", "gate.keygen"]);
    audit.success();
    let rows = audit.json();
    let statuses: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses.len(), 2, "{audit}");
    assert!(statuses.contains(&"created".to_string()) && statuses.contains(&"replaced".into()));
    assert!(
        rows[0]["details"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("SHA256:")
    );
}

/// Attack: `$WFC_HOME/keys` is a symlink to a folder elsewhere (or a file), so that the private
/// key would be written where others can read it. Expected: refused with a clear error, nothing
/// written through the link; a key comment with a newline (which would forge a second
/// allowed-signers line) is a usage error.
#[test]
fn gate_keygen_refuses_a_symlinked_keys_folder_and_multiline_comments() {
    let env = TestEnv::new();
    let dir = env.root.clone();
    let elsewhere = env.root.join("public-folder");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::create_dir_all(&env.wfc_home).unwrap();
    std::os::unix::fs::symlink(&elsewhere, env.wfc_home.join("keys")).unwrap();
    let run = env.wfc(&dir, ["gate", "keygen"]);
    run.code(1);
    assert!(run.stderr.contains("is not a real directory"), "{run}");
    assert!(run.stderr.contains("hint:"), "{run}");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);

    fs::remove_file(env.wfc_home.join("keys")).unwrap();
    let run = env.wfc(
        &dir,
        ["gate", "keygen", "--comment", "x\nmallory ssh-ed25519 AAAA"],
    );
    run.code(2);
    assert!(run.stderr.contains("control character"), "{run}");
    assert!(!env.wfc_home.join("keys").join("wfc-review").exists());
}

/// Attack: several `wfc gate keygen` start at once (two terminals, a setup script run twice).
/// Expected: exactly one makes the key; the others refuse (exit 1) without touching it; the kept
/// private key, its `.pub` and the one printed allowed-signers line are the same key.
#[test]
fn concurrent_gate_keygens_keep_one_consistent_key() {
    let env = TestEnv::new();
    let dir = env.root.clone();
    let children = (0..8)
        .map(|_| env.spawn(&dir, ["--developer-id", "alice", "gate", "keygen"]))
        .collect();
    let runs = crate::harness::wait_all(children);
    let winners: Vec<_> = runs.iter().filter(|r| r.code == 0).collect();
    assert_eq!(winners.len(), 1, "{runs:#?}");
    for r in runs.iter().filter(|r| r.code != 0) {
        r.code(1);
        assert!(r.stderr.contains("already exists"), "{r}");
        assert!(r.stdout.is_empty(), "{r}");
    }
    let private = env.wfc_home.join("keys").join("wfc-review");
    let derived = ssh_keygen(&env, &["-y", "-f", s(&private)], None);
    derived.success();
    let key_of = |text: &str| -> String {
        let words: Vec<&str> = text.split_whitespace().collect();
        let i = words.iter().position(|w| *w == "ssh-ed25519").unwrap();
        words[i + 1].to_string()
    };
    let pub_text = fs::read_to_string(private.with_extension("pub")).unwrap();
    assert_eq!(key_of(&derived.stdout), key_of(&pub_text));
    assert_eq!(key_of(&winners[0].stdout), key_of(&pub_text));
}
