//! The committed completions/ and man/ must match what the binary generates.
//! `WFC_GENERATE=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn regenerate() -> bool {
    std::env::var_os("WFC_GENERATE").is_some_and(|v| v == "1")
}

fn check(path: &Path, expected: &[u8], drift: &mut Vec<String>) {
    if regenerate() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return;
    }
    match std::fs::read(path) {
        Ok(actual) if actual == expected => {}
        Ok(_) => drift.push(format!("{} differs", path.display())),
        Err(_) => drift.push(format!("{} is missing", path.display())),
    }
}

#[test]
fn completions_are_current() {
    let mut drift = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let path = root()
            .join("completions")
            .join(wfc::cli::completions::file_name(shell));
        check(&path, &wfc::cli::completions::render(shell), &mut drift);
    }
    assert!(
        drift.is_empty(),
        "{drift:?}\nrun `WFC_GENERATE=1 cargo test --test it generated` and commit the result"
    );
}

#[test]
fn man_pages_are_current() {
    let pages = wfc::cli::man::render_all().unwrap();
    let dir = root().join("man");
    let mut drift = Vec::new();
    if regenerate() && dir.exists() {
        for e in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
    }
    for (name, text) in &pages {
        check(&dir.join(name), text, &mut drift);
    }
    let expected: Vec<&String> = pages.iter().map(|(n, _)| n).collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if !expected.contains(&&name) {
                drift.push(format!("man/{name} is stale"));
            }
        }
    }
    assert!(
        drift.is_empty(),
        "{drift:?}\nrun `WFC_GENERATE=1 cargo test --test it generated` and commit the result"
    );
    assert!(pages.iter().any(|(n, _)| n == "wfc-review-finalize.1"));
}

#[test]
fn the_binary_prints_what_is_committed() {
    let env = crate::harness::TestEnv::new();
    let r = env.wfc(&env.root, ["completions", "zsh"]);
    r.success();
    assert_eq!(
        r.stdout.as_bytes(),
        wfc::cli::completions::render(Shell::Zsh).as_slice()
    );
    let out = env.root.join("man-out");
    env.wfc(&env.root, ["man", out.to_str().unwrap()]).success();
    assert!(out.join("wfc.1").exists());
    assert!(out.join("wfc-worktree-create.1").exists());
}
