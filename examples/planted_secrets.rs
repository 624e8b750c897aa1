//! Planted-credential recall of the security reviewer: every case of `tests/corpus/secrets.txt`
//! is planted into the middle of a real source file from the cargo registry (one of the same
//! extension when there is one) and reviewed as that file.
//!
//! ```sh
//! cargo run --release --example planted_secrets             # ~/.cargo/registry/src
//! cargo run --release --example planted_secrets -- DIR      # real files of your choice
//! ```
//!
//! Prints, per expectation, how many cases met it: true cases found at the blocking tier
//! (R >= 8.5) and at all, near misses with no credential finding, and decoys blocked.
#![allow(clippy::disallowed_methods)] // an example reads CARGO_HOME and HOME itself
#![allow(clippy::print_stdout)]

#[path = "../tests/it/secrets_corpus.rs"]
#[allow(dead_code)]
mod secrets_corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrets_corpus::{Expect, cases, corpus_text, risk, strongest};

fn walk(dir: &Path, out: &mut Vec<PathBuf>, limit: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if out.len() >= limit {
            return;
        }
        if path.is_dir() {
            walk(&path, out, limit);
        } else {
            out.push(path);
        }
    }
}

fn ext(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
            home.join("registry/src")
        });
    let mut paths = Vec::new();
    walk(&root, &mut paths, 200_000);
    // Real files by extension, text only, of a modest size.
    let mut by_ext: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &paths {
        let Ok(meta) = p.metadata() else { continue };
        if meta.len() < 500 || meta.len() > 64 * 1024 {
            continue;
        }
        let e = ext(&p.to_string_lossy());
        let list = by_ext.entry(e).or_default();
        if list.len() < 50
            && let Ok(text) = std::fs::read_to_string(p)
        {
            list.push(text);
        }
    }
    let rust = by_ext.get("rs").cloned().unwrap_or_default();
    assert!(!rust.is_empty(), "no Rust sources under {}", root.display());

    let corpus = corpus_text();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut truth, mut blocked, mut found, mut decoys, mut decoys_blocked, mut decoys_found) =
        (0, 0, 0, 0, 0, 0);
    for seed in [13u64, 7, 2026, 99, 4242] {
        for (i, case) in cases(&corpus, seed).into_iter().enumerate() {
            let e = ext(&case.path);
            let pool = by_ext.get(&e).filter(|l| !l.is_empty()).unwrap_or(&rust);
            let host = &pool[(i + seed as usize) % pool.len()];
            let lines: Vec<&str> = host.lines().collect();
            let mid = lines.len() / 2;
            let n = case.text.lines().count() as u32;
            let mut text = lines[..mid].join("\n");
            text.push('\n');
            text.push_str(&case.text);
            text.push_str(&lines[mid..].join("\n"));
            text.push('\n');
            let at = mid as u32 + 1;
            let f = strongest(&case.path, &text, (at, at + n - 1));
            let is_block = f.as_ref().is_some_and(|f| risk(f) >= 8.5);
            let group = match case.expect {
                Expect::Block | Expect::Find => {
                    truth += 1;
                    found += usize::from(f.is_some());
                    blocked += usize::from(is_block);
                    if f.is_none() {
                        misses.push(format!(
                            "not found: {} ({})\t{}",
                            case.label,
                            seed,
                            case.text.trim()
                        ));
                    } else if case.expect == Expect::Block && !is_block {
                        misses.push(format!(
                            "not blocking: {} ({})\t{}",
                            case.label,
                            seed,
                            case.text.trim()
                        ));
                    }
                    "true"
                }
                Expect::None | Expect::Low => {
                    decoys += 1;
                    decoys_blocked += usize::from(is_block);
                    if case.expect == Expect::None && f.is_some() {
                        decoys_found += 1;
                        misses.push(format!(
                            "decoy reported: {} ({})\t{}",
                            case.label,
                            seed,
                            case.text.trim()
                        ));
                    }
                    "decoy"
                }
            };
            let t = tally.entry(group).or_default();
            t.0 += 1;
            t.1 += usize::from(is_block);
        }
    }
    println!(
        "planted true credentials: {truth}; found {found} ({:.3}), blocking {blocked} ({:.3})",
        found as f64 / truth as f64,
        blocked as f64 / truth as f64
    );
    println!(
        "decoys (placeholders, references, public keys, markers): {decoys}; blocked {decoys_blocked}, reported {decoys_found}"
    );
    if std::env::args().any(|a| a == "--misses") {
        for m in &misses {
            println!("  {m}");
        }
    } else {
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for m in &misses {
            let key = m.split_once(" (").map_or(m.as_str(), |(k, _)| k);
            *kinds.entry(key.to_string()).or_default() += 1;
        }
        for (k, n) in kinds {
            println!("  {k} x{n}");
        }
    }
}
