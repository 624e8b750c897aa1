//! `wfc mcp` driven by the official MCP Python SDK (`tests/mcp/client.py`), in both protocol
//! revisions: the 2025-11-25 handshake (`mode="legacy"`) and the stateless 2026-07-28 one
//! (`mode="auto"`, which probes `server/discover`). `.ci/run` installs the SDK and names its
//! Python in `WFC_TEST_MCP_PYTHON`; without it these tests say so and stop.

use std::path::{Path, PathBuf};

use crate::harness::{Run, TestEnv, WFC};
use crate::hooks::{HARMLESS, write};

const MODES: [&str; 2] = ["legacy", "auto"];

fn python() -> Option<String> {
    let p = std::env::var("WFC_TEST_MCP_PYTHON")
        .ok()
        .filter(|p| !p.is_empty());
    if p.is_none() {
        eprintln!("skipped: WFC_TEST_MCP_PYTHON is not set (.ci/run installs the MCP Python SDK)");
    }
    p
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/client.py")
}

/// Runs one scenario of the client in each mode.
fn scenario(env: &TestEnv, python: &str, name: &str, repo: &Path, extra: &[&str]) {
    for mode in MODES {
        let out = env
            .command(python, repo)
            .arg(script())
            .args([name, mode, WFC, repo.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        let r = Run::from_output(out);
        assert_eq!(r.code, 0, "{name} in mode {mode}:\n{r}");
    }
}

#[test]
fn lists_every_tool_with_valid_schemas_in_both_revisions() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    scenario(&env, &py, "tools", &repo, &[]);
}

#[test]
fn a_staged_credential_fails_the_review_tool_redacted_with_progress() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let key = format!("AKIA{}", "Q7ZB3XK2LMNP4RST");
    write(&repo, "src/settings.py", &format!("AWS_KEY = \"{key}\"\n"));
    env.git(&repo, ["add", "src/settings.py"]).success();
    scenario(&env, &py, "review", &repo, &[&key]);
}

#[test]
fn prepare_and_finalize_score_a_harness_answer() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(&repo, "src/app.py", "import os\nos.system(cmd)\n");
    env.git(&repo, ["add", "src/app.py"]).success();
    scenario(&env, &py, "two_phase", &repo, &[]);
}

#[test]
fn creates_worktrees_for_two_projects() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    scenario(&env, &py, "worktrees", &repo, &[]);
}

#[test]
fn ten_clients_append_knowledge_at_once_and_lose_nothing() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    scenario(&env, &py, "knowledge", &repo, &[]);
}

#[test]
fn bad_arguments_are_tool_errors_and_the_server_keeps_serving() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    scenario(&env, &py, "bad_arguments", &repo, &[]);
}

#[test]
fn an_untrusted_repository_config_is_a_tool_error_naming_wfc_trust() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    write(
        &repo,
        ".wfc/config.toml",
        "[[review.reviewer]]\nid = \"lint\"\ncommand = [\"true\"]\nformat = \"wfc-json\"\n",
    );
    env.git(&repo, ["add", "-A"]).success();
    env.git(&repo, ["commit", "-q", "-m", "config"]).success();
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    scenario(&env, &py, "untrusted", &repo, &[]);
}

#[test]
fn cancelling_a_review_kills_its_reviewer_and_marks_the_job_interrupted() {
    let Some(py) = python() else { return };
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    // A reviewer from the user config (always trusted) that would sleep for a minute; the
    // fraction makes its command line unique to this test.
    let seconds = format!("60.{}", std::process::id());
    write(
        &env.home,
        ".config/wfc/config.toml",
        &format!(
            "[[review.reviewer]]\nid = \"slow\"\ncommand = [\"sleep\", \"{}\"]\nformat = \"wfc-json\"\n",
            seconds
        ),
    );
    write(&repo, "src/lib.rs", HARMLESS);
    env.git(&repo, ["add", "src/lib.rs"]).success();
    scenario(&env, &py, "cancel", &repo, &[&seconds]);
}

/// Every `wfc ...` command line and every MCP tool name in the agent skill exists, with the
/// flags it uses, and the skill has the front matter Agent Skills need.
#[test]
fn the_agent_skill_names_only_commands_flags_and_tools_that_exist() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/claude/skills/wfc/SKILL.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(f, _)| f)
        .expect("front matter");
    assert!(front.lines().any(|l| l == "name: wfc"), "{front}");
    assert!(
        front
            .lines()
            .any(|l| l.starts_with("description: ") && l.len() > 40),
        "{front}"
    );

    let root = wfc::cli::command();
    let global: Vec<String> = root
        .get_arguments()
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut commands = 0;
    for (at, _) in text.match_indices("wfc ") {
        // Only where `wfc` is a word of its own (not `.wfc ` or `(wfc `... inside words).
        if at > 0 && !matches!(text.as_bytes()[at - 1], b' ' | b'`' | b'(' | b'"' | b'\n') {
            continue;
        }
        let line: String = text[at + 4..]
            .chars()
            .take_while(|c| !matches!(c, '\n' | '`' | ')' | '|' | ';'))
            .collect();
        let mut cmd = &root;
        let mut path = vec!["wfc".to_string()];
        let mut words = line.split_whitespace().peekable();
        // Global flags (with their values) may come first.
        while let Some(w) = words.peek().copied() {
            if !w.starts_with("--") {
                break;
            }
            let flag = w.split('=').next().unwrap().to_string();
            assert!(global.contains(&flag), "{flag} in `wfc {line}`");
            words.next();
            if !w.contains('=') && flag != "--json" {
                words.next();
            }
        }
        while let Some(w) = words.peek() {
            match cmd.find_subcommand(w) {
                Some(sub) => {
                    path.push(w.to_string());
                    cmd = sub;
                    words.next();
                }
                None => break,
            }
        }
        if path.len() == 1 {
            continue; // prose such as "wfc gives every project"
        }
        commands += 1;
        let known: Vec<String> = cmd
            .get_arguments()
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .chain(global.iter().cloned())
            .collect();
        for w in words.filter(|w| w.starts_with("--")) {
            let flag = w.split('=').next().unwrap();
            assert!(
                known.iter().any(|k| k == flag),
                "{flag} is not a flag of `{}` (in `wfc {line}`)",
                path.join(" ")
            );
        }
    }
    assert!(commands >= 15, "only {commands} command lines found");
    // Tool names in backticks.
    let tools: Vec<&str> = wfc::mcp::tools::TOOLS.iter().map(|t| t.name).collect();
    for piece in text.split('`').skip(1).step_by(2) {
        let is_tool_like = piece.contains('_')
            && piece.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && ["review_", "worktree_", "knowledge_", "gate_", "audit_"]
                .iter()
                .any(|p| piece.starts_with(p));
        if is_tool_like {
            assert!(tools.contains(&piece), "{piece} is not an MCP tool");
        }
    }
}

/// Attack: a clone commits `.wfc/output` as a link to a folder outside the repository, laid out
/// like wfc's reports. The report resources must neither list nor read through it. (Raw
/// JSON-RPC over stdio; no SDK needed.)
#[test]
fn report_resources_never_read_through_a_committed_link() {
    use std::io::Write;
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    let outside = env.root.join("outside");
    write(&outside, "p/jobs/r1.md", "PRIVATE NOTES\n");
    std::fs::create_dir_all(repo.join(".wfc")).unwrap();
    std::os::unix::fs::symlink(&outside, repo.join(".wfc/output")).unwrap();
    let requests = [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"resources/list"}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"wfc://report/p/r1"}}"#,
    ];
    let mut child = env
        .wfc_cmd(&repo)
        .arg("mcp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{}\n", requests.join("\n")).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: i64| answers.iter().find(|a| a["id"] == id).unwrap();
    let listed = by_id(2)["result"]["resources"].to_string();
    assert!(
        listed.contains("wfc://knowledge/global/security"),
        "{listed}"
    );
    assert!(!listed.contains("wfc://report/"), "{listed}");
    let read = by_id(3);
    assert_eq!(read["error"]["code"], -32002, "{read}");
    assert!(!read.to_string().contains("PRIVATE"), "{read}");
}
