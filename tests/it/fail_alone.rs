//! Built-in findings that fail a review on their own (DESIGN.md "Review" 2 and 6): command
//! injection and debugger leftovers in shipped code, through minority protection, with every
//! built-in reviewer running; the same lines in test code pass.

use std::path::{Path, PathBuf};

use crate::harness::{TestEnv, commit_file, stage_file};

fn repo_with(env: &TestEnv, name: &str) -> (PathBuf, git2::Repository) {
    let path = env.init_repo(name);
    let repo = git2::Repository::open(&path).unwrap();
    (path, repo)
}

/// Reviews the staged change; returns the exit code and the JSON result.
fn review(env: &TestEnv, dir: &Path) -> (i32, serde_json::Value) {
    let r = env.wfc(dir, ["review", "--json", "--no-learn"]);
    let v = r.json();
    (r.code, v)
}

fn rules(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["rules"].as_array().unwrap().clone())
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

/// The staged file fails the review with this one finding, by minority protection.
fn fails_alone(env: &TestEnv, dir: &Path, rule: &str, reviewer: &str) {
    let (code, v) = review(env, dir);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["status"], "failed", "{v}");
    assert_eq!(rules(&v), vec![rule.to_string()], "{v}");
    assert_eq!(v["findings"][0]["reviewers"], serde_json::json!([reviewer]));
    assert_eq!(v["minority_protection_applied"], true, "{v}");
    assert_eq!(v["n"], 5, "every built-in reviewer ran: {v}");
    assert!(v["cs"].as_f64().unwrap() >= 7.0, "{v}");
}

fn passes_without(env: &TestEnv, dir: &Path, rule: &str) {
    let (code, v) = review(env, dir);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["status"], "passed", "{v}");
    assert!(!rules(&v).iter().any(|r| r == rule), "{v}");
}

const PACK_PY: &str =
    "import subprocess\n\n\ndef pack(path):\n    subprocess.run(f\"ls {path}\", shell=True)\n";

#[test]
fn shell_true_with_an_f_string_fails_alone_and_passes_in_a_test_file() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "py");
    stage_file(&repo, "app/pack.py", PACK_PY);
    fails_alone(&env, &path, "sec.shell-injection", "security");

    let (path, repo) = repo_with(&env, "py-tests");
    stage_file(&repo, "tests/test_pack.py", PACK_PY);
    passes_without(&env, &path, "sec.shell-injection");

    // A constant command with a shell is not injection.
    let (path, repo) = repo_with(&env, "py-constant");
    stage_file(
        &repo,
        "app/pack.py",
        "import subprocess\n\n\ndef pack():\n    subprocess.run(\"ls -l | wc -l\", shell=True)\n",
    );
    passes_without(&env, &path, "sec.shell-injection");
}

#[test]
fn a_call_split_over_lines_is_read_to_its_end() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "py");
    stage_file(
        &repo,
        "deploy/sync.py",
        "import subprocess\n\n\ndef sync(src, dst):\n    subprocess.run(\n        \"rsync -a %s %s\" % (src, dst),\n        shell=True,\n        check=True,\n    )\n",
    );
    fails_alone(&env, &path, "sec.shell-injection", "security");
}

const LIB_RS: &str = "pub fn double(x: u32) -> u32 {\n    dbg!(x) * 2\n}\n";

#[test]
fn dbg_in_shipped_rust_fails_alone_and_passes_in_tests() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "rs");
    stage_file(&repo, "src/lib.rs", LIB_RS);
    fails_alone(&env, &path, "rel.rust-dbg", "reliability");

    let (path, repo) = repo_with(&env, "rs-tests");
    stage_file(&repo, "tests/double.rs", LIB_RS);
    passes_without(&env, &path, "rel.rust-dbg");
}

#[test]
fn dbg_added_to_an_existing_test_module_passes() {
    let env = TestEnv::new();
    let (path, repo) = repo_with(&env, "rs");
    let mut body: Vec<String> = vec![
        "pub fn double(x: u32) -> u32 {".into(),
        "    x * 2".into(),
        "}".into(),
        String::new(),
        "#[cfg(test)]".into(),
        "mod tests {".into(),
        "    use super::*;".into(),
    ];
    for i in 0..20 {
        body.push(format!(
            "\n    #[test]\n    fn doubles_{i}() {{\n        assert_eq!(double({i}), {});\n    }}",
            i * 2
        ));
    }
    body.push("}".into());
    let before = body.join("\n") + "\n";
    commit_file(&repo, "src/lib.rs", &before, "Add double");

    // Near the `#[cfg(test)]` line (it is context in the diff) and far below it (only the hunk
    // header names `mod tests`).
    let near = before.replace(
        "    use super::*;\n",
        "    use super::*;\n    const X: u32 = dbg!(1);\n",
    );
    stage_file(&repo, "src/lib.rs", &near);
    passes_without(&env, &path, "rel.rust-dbg");
    let far = before.replace(
        "assert_eq!(double(15), 30);",
        "assert_eq!(dbg!(double(15)), 30);",
    );
    stage_file(&repo, "src/lib.rs", &far);
    passes_without(&env, &path, "rel.rust-dbg");

    // The same edit in shipped code above the module fails.
    let shipped = before.replace("    x * 2\n", "    dbg!(x) * 2\n");
    stage_file(&repo, "src/lib.rs", &shipped);
    fails_alone(&env, &path, "rel.rust-dbg", "reliability");
}

#[test]
fn debugger_statements_fail_alone_outside_tests() {
    let env = TestEnv::new();
    for (name, file, text, rule, test_file) in [
        (
            "py",
            "app/views.py",
            "def view(request):\n    breakpoint()\n    return request\n",
            "rel.python-debugger",
            "tests/test_views.py",
        ),
        (
            "js",
            "web/app.js",
            "export function start() {\n  debugger;\n  return 1;\n}\n",
            "rel.js-debugger",
            "web/app.test.js",
        ),
        (
            "rb",
            "app/models/user.rb",
            "class User\n  def name\n    binding.pry\n    @name\n  end\nend\n",
            "rel.ruby-debugger",
            "spec/models/user_spec.rb",
        ),
    ] {
        let (path, repo) = repo_with(&env, name);
        stage_file(&repo, file, text);
        fails_alone(&env, &path, rule, "reliability");

        let (path, repo) = repo_with(&env, &format!("{name}-tests"));
        stage_file(&repo, test_file, text);
        let (code, v) = review(&env, &path);
        assert_eq!(code, 0, "{v}");
        // A note at a severity that does not fail the review.
        assert_eq!(rules(&v), vec![format!("{rule}-in-tests")], "{v}");
    }
}
