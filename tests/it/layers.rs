//! The modules of `src/` form layers: no import cycle between top-level modules, and the domain
//! never reaches up into the application layer or a face (DESIGN.md "Faces").
//!
//! Read from the sources: every `crate::<module>` path outside comments and `#[cfg(test)]`
//! code is an edge from the file's top-level module to `<module>`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a file without comments and without its test module (`#[cfg(test)] mod ...`,
/// which comes last); a `#[cfg(test)]` on anything else keeps the rest of the file in view.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named by a `crate::` path in `code`, including the heads of `use crate::{a, b}`.
fn targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let head: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !head.is_empty() {
                    out.insert(head);
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !head.is_empty() {
                out.insert(head);
            }
        }
    }
    out
}

/// Top-level module -> the top-level modules it uses, with one file that does.
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" || rel.ends_with("tests.rs") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        for t in targets(&code) {
            if t != top {
                g.entry(top.clone())
                    .or_default()
                    .entry(t)
                    .or_insert_with(|| rel.display().to_string());
            }
        }
    }
    g
}

/// A cycle through `start`, if there is one: the modules in order.
fn cycle_from(
    g: &BTreeMap<String, BTreeMap<String, String>>,
    start: &str,
    node: &str,
    path: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    for next in g.get(node).map(|m| m.keys()).into_iter().flatten() {
        if next == start {
            let mut c = path.clone();
            c.push(start.to_string());
            return Some(c);
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if let Some(c) = cycle_from(g, start, next, path, seen) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let g = graph();
    assert!(g.len() > 10, "the module graph was not read: {g:?}");
    for start in g.keys() {
        let mut path = vec![start.clone()];
        if let Some(c) = cycle_from(&g, start, start, &mut path, &mut BTreeSet::new()) {
            let edges: Vec<String> = c
                .windows(2)
                .map(|w| format!("{} -> {} ({})", w[0], w[1], g[&w[0]][&w[1]]))
                .collect();
            panic!("import cycle: {}", edges.join(", "));
        }
    }
}

#[test]
fn the_domain_never_uses_the_application_layer_or_a_face() {
    let g = graph();
    let upper = ["app", "cli", "mcp", "ui"];
    let faces = ["cli", "mcp", "ui"];
    for (module, uses) in &g {
        for (used, file) in uses {
            if !upper.contains(&module.as_str()) {
                assert!(
                    !upper.contains(&used.as_str()),
                    "{module} uses {used} ({file}): the domain sits below the application layer"
                );
            }
            if module == "app" {
                assert!(
                    !faces.contains(&used.as_str()),
                    "app uses {used} ({file}): the application layer knows no face"
                );
            }
        }
    }
}

#[test]
fn the_reader_sees_every_kind_of_path() {
    let t = targets("use crate::{a::X, b};\nfn f() { crate::c::g(); }\n");
    assert_eq!(t, BTreeSet::from(["a".into(), "b".into(), "c".into()]));
    assert_eq!(
        code_of("use crate::a; // crate::b\n#[cfg(test)]\nmod tests { use crate::c; }"),
        "use crate::a; "
    );
    assert!(code_of("#[cfg(test)]\nfn f() {}\nuse crate::d;").contains("crate::d"));
}

/// SQL stays in the store: no module outside `src/store/` names `rusqlite` or `postgres`, so the
/// store trait is the only way to the database (DESIGN.md "Backends").
#[test]
fn no_database_crate_outside_the_store() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        if rel.starts_with("store") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        for name in ["rusqlite", "postgres::"] {
            if code.contains(name) {
                offenders.push(format!("{} names {name}", rel.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
