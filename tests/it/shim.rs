//! `contrib/worktree-manager.sh`: the old script's command forms, run through the shim onto the
//! wfc binary under test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Run, TestEnv, WFC};
use crate::worktree::{git_config_identity, run};

fn shim_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/worktree-manager.sh")
}

/// Runs the shim with the wfc under test first on PATH and the test environment.
fn shim(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let bin_dir = Path::new(WFC).parent().unwrap();
    let mut path = std::ffi::OsString::from(bin_dir);
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    run(Command::new("bash")
        .arg(shim_path())
        .args(args)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &env.home)
        .env("WFC_HOME", &env.wfc_home)
        .env("XDG_CONFIG_HOME", env.home.join(".config"))
        .env("GIT_CONFIG_GLOBAL", env.home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .env("USER", "tester")
        .current_dir(dir))
}

#[test]
fn old_command_forms_map_onto_wfc() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    std::fs::write(repo.join(".env"), "A=1\n").unwrap();
    let t1 = repo.join(".worktrees/proj/wfc-TASK-001");
    let t1_line = format!("{}\n", t1.display());

    let r = shim(
        &env,
        &repo,
        &[
            "--project-id",
            "proj",
            "--developer-id",
            "alice",
            "create",
            "TASK-001",
        ],
    );
    r.success();
    assert_eq!(r.stdout, t1_line);
    assert_eq!(
        git_config_identity(&env, &t1, &["config", "user.name"])
            .stdout
            .trim(),
        "WFC Agent (alice)"
    );
    assert_eq!(std::fs::read_to_string(t1.join(".env")).unwrap(), "A=1\n");
    // The old script returned 0 for an existing worktree.
    let again = shim(&env, &repo, &["--project-id", "proj", "create", "TASK-001"]);
    again.success();
    assert_eq!(again.stdout, t1_line);
    // With a base, `=` form of the flag.
    let r = shim(
        &env,
        &repo,
        &["--project-id=proj", "create", "TASK-002", "main"],
    );
    r.success();
    assert!(r.stdout.ends_with("wfc-TASK-002\n"), "{r}");

    for cmd in ["list", "ls"] {
        let r = shim(&env, &repo, &["--project-id", "proj", cmd]);
        r.success();
        assert!(
            r.stdout.contains("TASK-001") && r.stdout.contains("TASK-002"),
            "{r}"
        );
    }
    for cmd in ["switch", "go"] {
        let r = shim(&env, &repo, &["--project-id", "proj", cmd, "TASK-001"]);
        r.success();
        assert_eq!(r.stdout, t1_line, "{cmd}");
    }
    std::fs::write(t1.join("wip.txt"), "x").unwrap();
    let r = shim(&env, &repo, &["--project-id", "proj", "status", "TASK-001"]);
    r.success();
    assert_eq!(
        r.stdout,
        "## TASK-001 (wfc/proj/TASK-001) 1 change(s)\n?? wip.txt\n"
    );
    let r = shim(&env, &repo, &["--project-id", "proj", "status"]);
    r.success();
    assert!(r.stdout.contains("## TASK-002"), "{r}");

    std::fs::write(repo.join(".env"), "A=2\n").unwrap();
    let r = shim(
        &env,
        &repo,
        &["--project-id", "proj", "copy-env", "TASK-001"],
    );
    r.success();
    assert_eq!(r.stdout, ".env\n");
    // `env` without a name, inside the worktree: the task and project come from its path.
    std::fs::write(repo.join(".env"), "A=3\n").unwrap();
    let r = shim(&env, &t1, &["env"]);
    r.success();
    assert_eq!(std::fs::read_to_string(t1.join(".env")).unwrap(), "A=3\n");

    for cmd in ["cleanup", "clean"] {
        let r = shim(&env, &repo, &["--project-id", "proj", cmd]);
        r.success();
        assert!(r.stdout.contains("kept"), "{cmd}: {r}");
    }
    assert!(t1.exists(), "a fresh, dirty worktree is never cleaned up");

    let help = shim(&env, &repo, &["help"]);
    help.success();
    assert!(help.stdout.contains("create <name> [base]"), "{help}");
    let none = shim(&env, &repo, &[]);
    none.success();
    assert_eq!(none.stdout, help.stdout);
}

#[test]
fn bad_input_through_the_shim_is_a_usage_error() {
    let env = TestEnv::new();
    let repo = env.init_repo("repo");
    for args in [
        vec!["create", "../x"],
        vec!["create", "-rf"],
        vec!["create"],
        vec!["switch"],
        vec!["--project-id", "a/b", "list"],
        vec!["--bogus", "list"],
        vec!["frobnicate"],
    ] {
        let r = shim(&env, &repo, &args);
        r.code(2);
        assert!(r.stderr.contains("error"), "{args:?}: {r}");
        assert!(r.stdout.is_empty(), "{args:?}: {r}");
    }
    assert!(!repo.join(".worktrees").exists());
}
