//! Other processes: is a recorded owner still alive, killing a child's whole process group, and
//! the supervisor that makes a reviewer's process group die with wfc.
//!
//! Why a supervisor: `PR_SET_PDEATHSIG` can only be set by the process it applies to, and doing it
//! between `fork` and `exec` needs `pre_exec`, which is `unsafe` (the crate forbids it). So a
//! reviewer is started as `wfc __reviewer-supervisor <wfc pid> <program> <args...>`: that wfc
//! process is the leader of the reviewer's process group; it asks for SIGTERM when its parent
//! dies, checks that the parent did not die already (its parent pid is still wfc's), runs the
//! command in the same group and waits for it. On SIGTERM (wfc died, even by SIGKILL) it kills
//! its whole group, itself included. A single `exec` would not do: the death signal is not
//! inherited across `fork`, so `sh -c 'tool'`'s `tool` would outlive wfc.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicBool, Ordering};

use rustix::process::{Pid, Signal};

/// The hidden first argument that turns `wfc` into a reviewer supervisor.
pub const SUPERVISOR_ARG: &str = "__reviewer-supervisor";

/// What the supervisor writes on stderr (then exit 127) when the command cannot be started, so
/// the parent reports a start failure rather than an unreadable answer.
pub const CANNOT_START: &str = "wfc-supervisor: cannot start: ";

/// Whether this process is the `wfc` binary, which can re-execute itself as a supervisor (a test
/// binary that links the library cannot).
static SUPERVISOR_AVAILABLE: AtomicBool = AtomicBool::new(false);

/// The `wfc` binary's first step: runs the supervisor when asked to (and returns its exit code),
/// else records that reviewers can be started under a supervisor.
pub fn supervisor_main_if_asked() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(SUPERVISOR_ARG)) {
        SUPERVISOR_AVAILABLE.store(true, Ordering::SeqCst);
        return None;
    }
    let parent = args.next().and_then(|p| p.to_str()?.parse::<i32>().ok());
    let argv: Vec<OsString> = args.collect();
    Some(supervise(parent, &argv))
}

/// A command that runs `program args` as a reviewer: under the supervisor when this process is
/// `wfc`, else directly (library tests). The caller sets stdio, env, cwd and `process_group(0)`.
pub fn reviewer_command(program: &OsStr, args: &[OsString]) -> Command {
    // /proc/self/exe still works when the binary was replaced or deleted since wfc started.
    let exe = Path::new("/proc/self/exe");
    let exe = if exe.exists() {
        Some(exe.to_path_buf())
    } else {
        std::env::current_exe().ok()
    };
    let (true, Some(exe)) = (SUPERVISOR_AVAILABLE.load(Ordering::SeqCst), exe) else {
        let mut c = Command::new(program);
        c.args(args);
        return c;
    };
    let mut c = Command::new(exe);
    {
        use std::os::unix::process::CommandExt;
        c.arg0("wfc");
    }
    c.arg(SUPERVISOR_ARG)
        .arg(std::process::id().to_string())
        .arg(program)
        .args(args);
    c
}

fn supervise(parent: Option<i32>, argv: &[OsString]) -> ExitCode {
    let Some((program, args)) = argv.split_first() else {
        return cannot_start("no command given");
    };
    let Some(parent) = parent else {
        return cannot_start("no parent pid given");
    };
    let own_group = rustix::process::getpid();
    // wfc's death reaches us as SIGTERM; the handler takes the whole group down with it.
    if ctrlc::set_handler(move || {
        let _ = rustix::process::kill_process_group(own_group, Signal::KILL);
    })
    .is_err()
    {
        return cannot_start("cannot install the signal handler");
    }
    if rustix::process::set_parent_process_death_signal(Some(Signal::TERM)).is_err() {
        return cannot_start("cannot ask for the parent-death signal");
    }
    // wfc may have died before the death signal was armed: then we were reparented already.
    if Pid::as_raw(rustix::process::getppid()) != parent {
        let _ = rustix::process::kill_process_group(own_group, Signal::KILL);
        return ExitCode::from(125);
    }
    let mut child = match Command::new(program).args(args).spawn() {
        Ok(c) => c,
        Err(e) => return cannot_start(&e.to_string()),
    };
    match child.wait() {
        Ok(status) => {
            use std::os::unix::process::ExitStatusExt;
            if let Some(code) = status.code() {
                return ExitCode::from(u8::try_from(code).unwrap_or(1));
            }
            // Die the way the command died, so wfc reports the signal. A signal the handler
            // catches (TERM, INT, HUP) ends up as SIGKILL of the group instead.
            if let Some(sig) = status.signal().and_then(Signal::from_named_raw) {
                let _ = rustix::process::kill_process(own_group, sig);
            }
            ExitCode::from(1)
        }
        Err(e) => cannot_start(&format!("cannot wait for the command: {e}")),
    }
}

fn cannot_start(reason: &str) -> ExitCode {
    // The parent reads this line from the reviewer's stderr pipe; it is not user-facing output.
    let _ = writeln!(std::io::stderr(), "{CANNOT_START}{reason}");
    ExitCode::from(127)
}

/// Whether `pid` names a live process (not a zombie waiting to be reaped).
pub fn is_alive(pid: u32) -> bool {
    let Some(p) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    match rustix::process::test_kill_process(p) {
        // EPERM: it exists but belongs to someone else.
        Ok(()) | Err(rustix::io::Errno::PERM) => !is_zombie(pid),
        Err(_) => false,
    }
}

/// The current directory of process `pid`, where the system tells (Linux `/proc`).
pub fn cwd(pid: u32) -> Option<std::path::PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/cwd")).ok()
}

fn is_zombie(pid: u32) -> bool {
    // /proc/<pid>/stat is "pid (comm) S ...": the state is the first field after the last ')'.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next().map(|st| st == "Z"))
        })
        .unwrap_or(false)
}

/// Sends SIGKILL to the process group led by `pgid` (a child started with `process_group(0)`).
pub fn kill_group(pgid: u32) {
    if let Some(p) = i32::try_from(pgid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process_group(p, Signal::KILL);
    }
}

/// Sends SIGINT to process `pid`, as Ctrl-C would: a review kills its reviewers, marks its job
/// interrupted and exits 130.
pub fn interrupt(pid: u32) {
    if let Some(p) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process(p, Signal::INT);
    }
}

/// Sends SIGTERM to the process group led by `pgid`.
pub fn terminate_group(pgid: u32) {
    if let Some(p) = i32::try_from(pgid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process_group(p, Signal::TERM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_is_alive_and_a_reaped_child_is_not() {
        assert!(is_alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!is_alive(pid));
        assert!(!is_alive(0));
    }

    #[test]
    fn a_zombie_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not reaped yet: poll until it has exited (a zombie).
        let start = std::time::Instant::now();
        while !is_zombie(pid) && start.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(!is_alive(pid));
        child.wait().unwrap();
    }
}
