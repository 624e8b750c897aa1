//! The built-in reviewers over real code that is on disk without network: this repository's
//! `src/` and `tests/`, and the registry sources of crates it builds from. Every line counts as
//! added. No finding may reach R = severity * confidence / 10 >= 7 (what would make a review
//! "important" on its own), except the justified entries of `ALLOWED`.

use std::path::{Path, PathBuf};

use wfc::review::builtin::{self, Builtin};
use wfc::review::{Change, FileChange, Finding};

/// Crates whose published sources are scanned (present after `cargo build`).
const CRATES: &[&str] = &[
    "regex",
    "regex-syntax",
    "aho-corasick",
    "serde",
    "serde_json",
    "clap_builder",
    "toml",
    "git2",
    "rusqlite",
    "indicatif",
    "tempfile",
    // Key handling, with test keys, key files and PEM parsers: the credential rules' hardest
    // neighbours. (ssh-key and pem-rfc7468 are left out: their documentation embeds complete
    // private keys, which `sec.private-key` reports on purpose.)
    "rsa",
    "pkcs8",
    "sec1",
    "p256",
    "ed25519-dalek",
    "base64",
    "crc32fast",
    "sha2",
    "insta",
    "similar",
    "globset",
    "clap_complete",
];

/// `(path suffix, rule)`: findings at R >= 7 that are right and stay. Empty today; an entry needs
/// a reason next to it.
const ALLOWED: &[(&str, &str)] = &[];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "target" && n != ".git")
            {
                walk(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// Adds every text file under `root` as a new file named `<prefix>/<relative path>`.
fn add_tree(root: &Path, prefix: &str, files: &mut Vec<FileChange>) -> usize {
    let mut paths = Vec::new();
    walk(root, &mut paths);
    let mut bytes = 0;
    for path in paths {
        let data = std::fs::read(&path).unwrap();
        if data.iter().take(8192).any(|b| *b == 0) {
            continue;
        }
        let text = String::from_utf8_lossy(&data);
        let rel = path.strip_prefix(root).unwrap().to_string_lossy();
        bytes += text.len();
        files.push(FileChange::whole_file(format!("{prefix}/{rel}"), &text));
    }
    bytes
}

/// The versions Cargo.lock pins for a package name.
fn locked_versions(lock: &toml::Table, name: &str) -> Vec<String> {
    lock["package"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"].as_str() == Some(name) && p.get("source").is_some())
        .map(|p| p["version"].as_str().unwrap().to_string())
        .collect()
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
}

/// `<cargo home>/registry/src/<index>/<name>-<version>` for the locked version, or why it is
/// not there (sources vendored, a different `CARGO_HOME`, a registry cache cleaned).
fn crate_source(home: &Path, lock: &toml::Table, name: &str) -> Result<PathBuf, String> {
    let versions = locked_versions(lock, name);
    assert!(!versions.is_empty(), "{name} is not in Cargo.lock");
    let registry = home.join("registry/src");
    let indexes = std::fs::read_dir(&registry)
        .map_err(|e| format!("no crate sources at {}: {e}", registry.display()))?;
    for index in indexes {
        let index = index.unwrap().path();
        for version in &versions {
            let dir = index.join(format!("{name}-{version}"));
            if dir.is_dir() {
                return Ok(dir);
            }
        }
    }
    Err(format!(
        "sources of {name} {versions:?} not found under {}",
        registry.display()
    ))
}

fn risk(f: &Finding) -> f64 {
    f.severity * f.confidence / 10.0
}

/// The findings at R >= 7 that are not allowed.
fn offenders(change: &Change) -> Vec<String> {
    let mut out = Vec::new();
    for b in Builtin::ALL {
        for f in builtin::review(b, change) {
            let file = f.file.clone().unwrap_or_default();
            let rule = f.rule.clone().unwrap_or_default();
            if risk(&f) >= 7.0 && !ALLOWED.iter().any(|(p, r)| file.ends_with(p) && *r == rule) {
                out.push(format!(
                    "{file}:{} [{b} {rule} R={:.2}] {}",
                    f.line_start.unwrap_or(0),
                    risk(&f),
                    f.description
                ));
            }
        }
    }
    out
}

#[test]
fn real_code_has_no_important_findings() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut bytes = add_tree(&repo.join("src"), "src", &mut files);
    bytes += add_tree(&repo.join("tests"), "tests", &mut files);
    let lock: toml::Table = std::fs::read_to_string(repo.join("Cargo.lock"))
        .unwrap()
        .parse()
        .unwrap();
    let own = files.len();
    assert!(own > 50, "this repository's sources not found: {own} files");
    // The crates' sources are on disk once the crate was built from the registry; elsewhere
    // (vendored sources, another CARGO_HOME) only this repository is scanned.
    let sources: Result<Vec<PathBuf>, String> = match cargo_home() {
        Some(home) => CRATES
            .iter()
            .map(|name| crate_source(&home, &lock, name))
            .collect(),
        None => Err("neither CARGO_HOME nor HOME is set".to_string()),
    };
    match sources {
        Ok(dirs) => {
            for dir in dirs {
                let prefix = dir.file_name().unwrap().to_string_lossy().into_owned();
                bytes += add_tree(&dir, &prefix, &mut files);
            }
            assert!(
                files.len() > 500 && bytes > 5_000_000,
                "corpus too small: {} files, {bytes} bytes",
                files.len()
            );
        }
        Err(why) => eprintln!(
            "builtin_corpus: crate sources skipped, scanning this repository only ({own} files): {why}"
        ),
    }
    let mut change = Change {
        files,
        diff: String::new(),
    };
    let found = offenders(&change);
    assert!(
        found.is_empty(),
        "findings at R >= 7 on real code:\n{}",
        found.join("\n")
    );

    // The check has teeth: one committed key in the same corpus is reported.
    let key = concat!("aws_access_key_id = AKIA", "EWIWWMVYBAYRSL3R\n");
    change
        .files
        .push(FileChange::whole_file("src/leak.toml", key));
    let found = offenders(&change);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("src/leak.toml:1 [security sec.aws-access-key R=9.0"),
        "{found:?}"
    );
    assert!(!found[0].contains("EWIWWMVYBAYRSL3R"), "{found:?}");
}
