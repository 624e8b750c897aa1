//! Running an external reviewer: a child process in its own process group, fed one JSON request
//! on stdin, with a deadline at which the whole group is killed.
//!
//! One thread does all the I/O with `poll`: it writes the request, reads stdout and stderr, and
//! watches the clock. Nothing ever blocks on a pipe, so a descendant that left the group
//! (`setsid`) and holds a pipe open cannot keep wfc waiting: at the deadline the group is killed
//! and wfc returns at once; after the reviewer exits, its pipes get [`DRAIN_GRACE`] to reach
//! end-of-file, then wfc stops reading.

use std::ffi::OsString;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{ChildStderr, ChildStdin, ChildStdout, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};

use crate::config::{CommandLine, ExternalReviewerConfig};

/// Most of a reviewer's stdout that is read; an answer past it is refused, not cut.
pub const STDOUT_CAP: usize = 64 * 1024 * 1024;
/// How much of the end of a reviewer's stderr is kept (for error messages).
const STDERR_TAIL: usize = 64 * 1024;
/// How long the pipes may stay open after the reviewer exited (held by an escaped descendant).
const DRAIN_GRACE: Duration = Duration::from_millis(500);
/// The longest single `poll` sleep, so interrupts and the child's exit are seen quickly.
const TICK: Duration = Duration::from_millis(20);

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RunError {
    #[error("cannot start `{command}`: {reason}")]
    Spawn { command: String, reason: String },
    #[error("timed out after {}; its process group was killed", crate::time::brief(*.0))]
    Timeout(Duration),
    #[error(
        "answered more than {} MiB on stdout; its process group was killed",
        cap / (1024 * 1024)
    )]
    TooLarge { cap: usize },
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

pub(crate) fn describe(cmd: &CommandLine) -> String {
    match cmd {
        CommandLine::Shell(s) => s.clone(),
        CommandLine::Argv(v) => v.join(" "),
    }
}

fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What one non-blocking read of a pipe gave.
enum Got {
    Data(usize),
    Eof,
    Nothing,
}

fn read_some(r: &mut impl Read, buf: &mut [u8]) -> Got {
    loop {
        match r.read(buf) {
            Ok(0) => return Got::Eof,
            Ok(n) => return Got::Data(n),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Got::Nothing,
            // A broken pipe reads as its end.
            Err(_) => return Got::Eof,
        }
    }
}

/// The three pipes of a running reviewer and what came out of them so far.
struct Pipes {
    stdin: Option<ChildStdin>,
    stdout: Option<ChildStdout>,
    stderr: Option<ChildStderr>,
    request: Vec<u8>,
    written: usize,
    out: Vec<u8>,
    err: Vec<u8>,
}

impl Pipes {
    fn open(&self) -> bool {
        self.stdout.is_some() || self.stderr.is_some()
    }

    /// Waits up to `wait` for any pipe to be ready and moves what it can. `Err` when stdout
    /// passed the cap.
    fn step(&mut self, wait: Duration, buf: &mut [u8]) -> Result<(), RunError> {
        let ready = {
            let mut fds = Vec::with_capacity(3);
            if let Some(s) = &self.stdin {
                fds.push((0, PollFd::new(s, PollFlags::OUT)));
            }
            if let Some(s) = &self.stdout {
                fds.push((1, PollFd::new(s, PollFlags::IN)));
            }
            if let Some(s) = &self.stderr {
                fds.push((2, PollFd::new(s, PollFlags::IN)));
            }
            let mut polled: Vec<PollFd<'_>> = fds.iter().map(|(_, f)| f.clone()).collect();
            let timeout = Timespec {
                tv_sec: wait.as_secs() as _,
                tv_nsec: wait.subsec_nanos() as _,
            };
            let _ = rustix::event::poll(&mut polled, Some(&timeout));
            let mut ready = [false; 3];
            for ((which, _), f) in fds.iter().zip(&polled) {
                ready[*which] = !f.revents().is_empty();
            }
            ready
        };
        if ready[0] {
            self.write_request();
        }
        if ready[1]
            && let Some(s) = &mut self.stdout
        {
            loop {
                match read_some(s, buf) {
                    Got::Data(n) => {
                        if self.out.len() + n > STDOUT_CAP {
                            return Err(RunError::TooLarge { cap: STDOUT_CAP });
                        }
                        self.out.extend_from_slice(&buf[..n]);
                    }
                    Got::Eof => {
                        self.stdout = None;
                        break;
                    }
                    Got::Nothing => break,
                }
            }
        }
        if ready[2]
            && let Some(s) = &mut self.stderr
        {
            loop {
                match read_some(s, buf) {
                    Got::Data(n) => {
                        self.err.extend_from_slice(&buf[..n]);
                        if self.err.len() > 2 * STDERR_TAIL {
                            self.err.drain(..self.err.len() - STDERR_TAIL);
                        }
                    }
                    Got::Eof => {
                        self.stderr = None;
                        break;
                    }
                    Got::Nothing => break,
                }
            }
        }
        Ok(())
    }

    fn write_request(&mut self) {
        let Some(s) = &mut self.stdin else { return };
        loop {
            if self.written >= self.request.len() {
                // All sent: closing stdin is the reviewer's end-of-request.
                self.stdin = None;
                return;
            }
            match s.write(&self.request[self.written..]) {
                Ok(n) => self.written += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                // A reviewer may exit without reading its input; that is its business.
                Err(_) => {
                    self.stdin = None;
                    return;
                }
            }
        }
    }

    fn output(self, status: Option<ExitStatus>, start: Instant) -> Output {
        let mut err = self.err;
        if err.len() > STDERR_TAIL {
            err.drain(..err.len() - STDERR_TAIL);
        }
        Output {
            stdout: into_string(self.out),
            stderr: into_string(err),
            code: status.and_then(|s| s.code()),
            signal: status.and_then(|s| s.signal()),
            duration: start.elapsed(),
        }
    }
}

/// Runs `cfg`'s command in `cwd` with `request` on stdin.
pub fn run(
    cfg: &ExternalReviewerConfig,
    request: &[u8],
    cwd: &Path,
    timeout: Duration,
) -> Result<Output, RunError> {
    let (program, args): (OsString, Vec<OsString>) = match &cfg.command {
        CommandLine::Shell(s) => ("sh".into(), vec!["-c".into(), s.into()]),
        CommandLine::Argv(v) => {
            let Some((prog, args)) = v.split_first() else {
                return Err(RunError::Spawn {
                    command: String::new(),
                    reason: "the command list is empty".into(),
                });
            };
            (prog.into(), args.iter().map(OsString::from).collect())
        }
    };
    let mut cmd = crate::process::reviewer_command(&program, &args);
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
    let deadline = start + timeout;
    let spawn_error = |reason: String| RunError::Spawn {
        command: describe(&cfg.command),
        reason,
    };
    let mut child = cmd.spawn().map_err(|e| spawn_error(e.to_string()))?;
    let pid = child.id();
    let _kill_on_interrupt =
        crate::interrupt::on_interrupt(move || crate::process::kill_group(pid));
    let mut pipes = Pipes {
        stdin: child.stdin.take(),
        stdout: child.stdout.take(),
        stderr: child.stderr.take(),
        request: request.to_vec(),
        written: 0,
        out: Vec::new(),
        err: Vec::new(),
    };
    for fd in [
        pipes.stdin.as_ref().map(|s| s.as_fd()),
        pipes.stdout.as_ref().map(|s| s.as_fd()),
        pipes.stderr.as_ref().map(|s| s.as_fd()),
    ]
    .into_iter()
    .flatten()
    {
        let _ = rustix::io::ioctl_fionbio(fd, true);
    }
    pipes.write_request();

    let stop = |child: &mut std::process::Child| {
        crate::process::kill_group(pid);
        let _ = child.wait();
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut status: Option<ExitStatus> = None;
    let mut exited_at: Option<Instant> = None;
    loop {
        if status.is_none() {
            match child.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    exited_at = Some(Instant::now());
                    // Descendants left in the group would hold its pipes open.
                    crate::process::kill_group(pid);
                    pipes.stdin = None;
                }
                Ok(None) => {}
                Err(_) => {
                    crate::process::kill_group(pid);
                    exited_at = Some(Instant::now());
                }
            }
        }
        if exited_at.is_some() && !pipes.open() {
            break;
        }
        if crate::interrupt::is_interrupted() {
            stop(&mut child);
            return Err(RunError::Interrupted);
        }
        let now = Instant::now();
        let until = match exited_at {
            // Whatever still holds the pipes left the group; it does not get to keep us.
            Some(t) => t + DRAIN_GRACE,
            None => deadline,
        };
        if now >= until {
            if exited_at.is_none() {
                stop(&mut child);
                return Err(RunError::Timeout(timeout));
            }
            break;
        }
        if let Err(e) = pipes.step((until - now).min(TICK), &mut buf) {
            stop(&mut child);
            return Err(e);
        }
    }
    let out = pipes.output(status, start);
    if out.code == Some(127)
        && let Some(reason) = out
            .stderr
            .lines()
            .find_map(|l| l.strip_prefix(crate::process::CANNOT_START))
    {
        return Err(spawn_error(reason.to_string()));
    }
    Ok(out)
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
    fn stderr_keeps_its_tail_and_stdout_its_whole() {
        let o = run(
            &cfg("cat >/dev/null; head -c 300000 /dev/zero | tr '\\0' x >&2; echo END >&2; head -c 200000 /dev/zero | tr '\\0' y"),
            &vec![b'r'; 300_000],
            Path::new("/"),
            Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(o.stdout.len(), 200_000);
        assert!(o.stderr.len() <= STDERR_TAIL, "{}", o.stderr.len());
        assert!(o.stderr.ends_with("END\n"));
        assert_eq!(o.code, Some(0));
    }

    #[test]
    fn a_descendant_that_left_the_group_does_not_hold_the_result() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("pid");
        let script = format!(
            "setsid sh -c 'echo $$ > {p}.tmp; mv {p}.tmp {p}; exec sleep 60' & echo '[]'",
            p = pidfile.display()
        );
        let start = Instant::now();
        let o = run(&cfg(&script), b"", dir.path(), Duration::from_secs(120)).unwrap();
        let took = start.elapsed();
        while !pidfile.exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(pid) = std::fs::read_to_string(&pidfile)
            .ok()
            .and_then(|p| p.trim().parse().ok())
        {
            crate::process::kill_group(pid);
        }
        assert_eq!(o.stdout.trim(), "[]");
        assert!(took < Duration::from_secs(30), "{took:?}");
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
