//! Running an external reviewer: a child process in its own process group, fed one JSON request
//! on stdin, with a timeout after which the whole group is killed.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::config::{CommandLine, ExternalReviewerConfig};

/// Most of a reviewer's stdout or stderr that is kept; the rest is read and dropped.
const OUTPUT_CAP: usize = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RunError {
    #[error("cannot start `{command}`: {reason}")]
    Spawn { command: String, reason: String },
    #[error("timed out after {0:?}; its process group was killed")]
    Timeout(Duration),
    #[error("interrupted")]
    Interrupted,
}

/// What the child did.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// Exit code, or `None` when killed by a signal.
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub duration: Duration,
}

impl Output {
    /// The last lines of stderr, for error messages.
    pub fn stderr_tail(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let tail = &lines[lines.len().saturating_sub(3)..];
        let s = tail.join(" | ");
        if s.chars().count() > 400 {
            format!("{}...", s.chars().take(400).collect::<String>())
        } else {
            s
        }
    }
}

fn read_capped(mut r: impl Read) -> String {
    let mut kept = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if kept.len() < OUTPUT_CAP {
                    let room = OUTPUT_CAP - kept.len();
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

pub(crate) fn describe(cmd: &CommandLine) -> String {
    match cmd {
        CommandLine::Shell(s) => s.clone(),
        CommandLine::Argv(v) => v.join(" "),
    }
}

/// Runs `cfg`'s command in `cwd` with `request` on stdin.
pub fn run(
    cfg: &ExternalReviewerConfig,
    request: &[u8],
    cwd: &Path,
    timeout: Duration,
) -> Result<Output, RunError> {
    let mut cmd = match &cfg.command {
        CommandLine::Shell(s) => {
            let mut c = Command::new("sh");
            c.arg("-c").arg(s);
            c
        }
        CommandLine::Argv(v) => {
            let Some((prog, args)) = v.split_first() else {
                return Err(RunError::Spawn {
                    command: String::new(),
                    reason: "the command list is empty".into(),
                });
            };
            let mut c = Command::new(prog);
            c.args(args);
            c
        }
    };
    for var in crate::env::GIT_LEAKY_VARS {
        cmd.env_remove(var);
    }
    cmd.envs(&cfg.env)
        .env("WFC_REVIEWER_ID", &cfg.id)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| RunError::Spawn {
        command: describe(&cfg.command),
        reason: e.to_string(),
    })?;
    let pid = child.id();
    let _kill_on_interrupt =
        crate::interrupt::on_interrupt(move || crate::process::kill_group(pid));

    let mut stdin = child.stdin.take();
    let request = request.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // A reviewer may exit without reading its input; that is its business.
            let _ = s.write_all(&request);
        }
        drop(stdin);
    });
    let out = child
        .stdout
        .take()
        .map(|o| std::thread::spawn(move || read_capped(o)));
    let err = child
        .stderr
        .take()
        .map(|e| std::thread::spawn(move || read_capped(e)));

    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {}
            Err(_) => break None,
        }
        if crate::interrupt::is_interrupted() {
            crate::process::kill_group(pid);
            let _ = child.wait();
            return Err(RunError::Interrupted);
        }
        if start.elapsed() >= timeout {
            crate::process::kill_group(pid);
            let _ = child.wait();
            let _ = writer.join();
            return Err(RunError::Timeout(timeout));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    // Descendants that outlive the reviewer would hold its pipes open forever.
    crate::process::kill_group(pid);
    let _ = writer.join();
    let stdout = out
        .map(|h| h.join().unwrap_or_default())
        .unwrap_or_default();
    let stderr = err
        .map(|h| h.join().unwrap_or_default())
        .unwrap_or_default();
    Ok(Output {
        stdout,
        stderr,
        code: status.and_then(|s| s.code()),
        signal: status.and_then(|s| s.signal()),
        duration: start.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(command: &str) -> ExternalReviewerConfig {
        ExternalReviewerConfig {
            id: "t".into(),
            command: CommandLine::Shell(command.into()),
            format: crate::config::ReviewerFormat::WfcJson,
            timeout: None,
            extensions: None,
            rate_limit: None,
            env: [("EXTRA".to_string(), "yes".to_string())].into(),
            instructions: None,
            temperature: None,
            cwd: None,
        }
    }

    #[test]
    fn feeds_stdin_and_reads_stdout() {
        let o = run(
            &cfg("cat; echo \" $EXTRA $WFC_REVIEWER_ID\"; echo oops >&2; exit 3"),
            b"[1]",
            Path::new("/"),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(o.stdout.trim(), "[1] yes t");
        assert_eq!(o.code, Some(3));
        assert_eq!(o.stderr_tail(), "oops");
    }

    #[test]
    fn timeout_kills_the_whole_group() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("survived");
        let script = format!("(sleep 0.5; touch {}) & sleep 30", marker.display());
        let start = Instant::now();
        let r = run(&cfg(&script), b"", dir.path(), Duration::from_millis(200));
        assert_eq!(
            r.unwrap_err(),
            RunError::Timeout(Duration::from_millis(200))
        );
        assert!(start.elapsed() < Duration::from_secs(10));
        // Past the moment the grandchild would have written its marker.
        std::thread::sleep(Duration::from_millis(1500));
        assert!(!marker.exists(), "a grandchild outlived the kill");
    }

    #[test]
    fn missing_program_is_a_spawn_error() {
        let mut c = cfg("");
        c.command = CommandLine::Argv(vec!["/nonexistent/reviewer".into()]);
        assert!(matches!(
            run(&c, b"", Path::new("/"), Duration::from_secs(1)),
            Err(RunError::Spawn { .. })
        ));
    }
}
