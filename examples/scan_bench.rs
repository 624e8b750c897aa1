//! Throughput of the built-in reviewers, and a false-positive hunt over real code.
//!
//! ```sh
//! cargo run --release --example scan_bench                      # synthetic + this repo + crate sources
//! cargo run --release --example scan_bench -- DIR...            # real code of your choice
//! cargo run --release --example scan_bench -- --findings DIR... # also print every finding
//! ```
//!
//! Every line of every text file counts as added. The figure printed is MB of added text reviewed
//! per second by all five reviewers on one thread, each file by all of them at once as the engine
//! does (it runs files on rayon, so wall time there is lower).
#![allow(clippy::disallowed_methods)] // a bench reads CARGO_HOME and HOME itself
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use wfc::review::builtin::{self, Builtin};
use wfc::review::{Change, FileChange};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        if dir.is_file() {
            out.push(dir.to_path_buf());
        }
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, ".git" | "target" | "node_modules") {
                walk(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

fn load(root: &Path, files: &mut Vec<FileChange>) -> usize {
    let mut paths = Vec::new();
    walk(root, &mut paths);
    let mut bytes = 0;
    for path in paths {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        if data.len() > 8 << 20 || data.iter().take(8192).any(|b| *b == 0) {
            continue;
        }
        let text = String::from_utf8_lossy(&data).into_owned();
        let base = root.parent().unwrap_or(root);
        let rel = path
            .strip_prefix(base)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        bytes += text.len();
        files.push(FileChange::whole_file(&rel, &text));
    }
    bytes
}

/// Ordinary code in several languages, with a few real findings sprinkled in.
fn synthetic(target_bytes: usize) -> Vec<FileChange> {
    let py = "import os\n\ndef handler(event, context):\n    items = [x for x in event['items'] if x]\n    for item in items:\n        total = compute(item, factor=2)\n        log.info('processed %s', item)\n    return {'status': 200, 'count': len(items)}\n";
    let rs = "pub fn parse(input: &str) -> Result<Config, Error> {\n    let mut cfg = Config::default();\n    for (n, line) in input.lines().enumerate() {\n        let line = line.trim();\n        if line.is_empty() || line.starts_with('#') {\n            continue;\n        }\n        cfg.push(n, line.parse()?);\n    }\n    Ok(cfg)\n}\n";
    let js = "export async function load(id) {\n  const res = await fetch(`/api/items/${id}`);\n  if (!res.ok) throw new Error(`status ${res.status}`);\n  const data = await res.json();\n  return data.items.map((x) => ({ ...x, seen: true }));\n}\n";
    let yml = "services:\n  web:\n    image: app:latest\n    environment:\n      - LOG_LEVEL=info\n      - TOKEN_TTL=3600\n    ports:\n      - \"8080:8080\"\n";
    let risky = "password = \"q8Zr2Lw0vT9x!\"\nexcept Exception:\n    pass\nrequests.get(url)\n";
    let mut files = Vec::new();
    let mut size = 0;
    let mut n = 0;
    while size < target_bytes {
        for (ext, body) in [("py", py), ("rs", rs), ("js", js), ("yml", yml)] {
            let mut text = body.repeat(40);
            if n % 25 == 0 && ext == "py" {
                text.push_str(risky);
            }
            size += text.len();
            files.push(FileChange::whole_file(
                format!("synthetic/f{n}.{ext}"),
                &text,
            ));
        }
        n += 1;
    }
    files
}

fn registry_crates() -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let Some(home) = home else { return Vec::new() };
    let mut out = Vec::new();
    for index in std::fs::read_dir(home.join("registry/src"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for krate in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = krate.file_name().to_string_lossy().into_owned();
            if [
                "regex-1",
                "serde-1",
                "serde_json-1",
                "clap_builder-4",
                "toml-1",
                "git2-0",
                "rusqlite-0",
                "aho-corasick-1",
                "libgit2-sys-0",
            ]
            .iter()
            .any(|p| name.starts_with(p))
            {
                out.push(krate.path());
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--findings");
    args.retain(|a| a != "--findings");
    let mut files = Vec::new();
    let mut bytes = 0;
    if args.is_empty() {
        let synth = synthetic(32 << 20);
        bytes += synth
            .iter()
            .flat_map(|f| &f.added)
            .map(|l| l.text.len() + 1)
            .sum::<usize>();
        files.extend(synth);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        bytes += load(&repo.join("src"), &mut files);
        for krate in registry_crates() {
            bytes += load(&krate, &mut files);
        }
    } else {
        for dir in &args {
            bytes += load(Path::new(dir), &mut files);
        }
    }
    let change = Change {
        files,
        diff: String::new(),
    };
    let lines = change.added_line_count();
    // Compile the rule sets before timing (the engine pays this once per process).
    let warm = Change {
        files: vec![FileChange::whole_file("warm.py", "x = 1\n")],
        diff: String::new(),
    };
    let t0 = Instant::now();
    for b in Builtin::ALL {
        builtin::review(b, &warm);
    }
    builtin::redact_secrets("x");
    let compile = t0.elapsed();
    let start = Instant::now();
    let mut per_rule: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    let mut total = 0;
    // All five reviewers on each file at once, as the engine runs them (one keyword pass per
    // file); the time of each is its own part plus an equal share of that pass.
    let mut per_reviewer = vec![(0usize, std::time::Duration::ZERO); Builtin::ALL.len()];
    let mut findings_all = Vec::new();
    for file in &change.files {
        for (i, (_, findings, took)) in builtin::review_many(&Builtin::ALL, file)
            .into_iter()
            .enumerate()
        {
            per_reviewer[i].0 += findings.len();
            per_reviewer[i].1 += took;
            findings_all.extend(findings);
        }
    }
    for (b, (n, took)) in Builtin::ALL.iter().zip(&per_reviewer) {
        println!(
            "{:<16} {:>7} findings  {:>8.1} MB/s",
            b.id(),
            n,
            bytes as f64 / 1e6 / took.as_secs_f64()
        );
    }
    for f in findings_all {
        total += 1;
        let r = f.severity * f.confidence / 10.0;
        let e = per_rule
            .entry(f.rule.clone().unwrap_or_default())
            .or_default();
        e.0 += 1;
        e.1 = e.1.max(r);
        if show {
            println!(
                "  {}:{} [{} R={:.1}] {}",
                f.file.as_deref().unwrap_or("?"),
                f.line_start.unwrap_or(0),
                f.rule.as_deref().unwrap_or("?"),
                r,
                f.description
            );
        }
    }
    let took = start.elapsed();
    println!("--");
    for (rule, (n, r)) in &per_rule {
        println!("{rule:<34} {n:>6}  (R {r:.1})");
    }
    println!("--");
    println!(
        "{} files, {} lines, {:.1} MB; {} findings; rule sets compiled in {:.1} ms",
        change.files.len(),
        lines,
        bytes as f64 / 1e6,
        total,
        compile.as_secs_f64() * 1e3
    );
    println!(
        "all five reviewers: {:.3} s, {:.1} MB/s",
        took.as_secs_f64(),
        bytes as f64 / 1e6 / took.as_secs_f64()
    );
}
