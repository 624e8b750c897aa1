//! The one error type commands return, and the one place exit codes are decided.
//!
//! Domain modules have their own `thiserror` enums; each converts into [`CommandError`] here, which
//! carries the exit-code class, the message, the chain of causes and hints for the user.

use std::fmt;
use std::io;

/// What kind of failure happened; decides the process exit code (DESIGN.md "Commands").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The operation failed (exists, dirty, not found, I/O): exit 1.
    Failed,
    /// Usage or validation error (bad id, bad flag, bad config): exit 2.
    Usage,
    /// A review could not be completed (a reviewer crashed, timed out or answered garbage): exit 3.
    Incomplete,
    /// A lock, pool slot or rate-limit token was not obtained in time: exit 4.
    Busy,
    /// Interrupted by a signal: exit 130.
    Interrupted,
    /// stdout was closed by the reader: exit quietly.
    BrokenPipe,
}

impl ErrorKind {
    /// The name `--json` error documents give the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Failed => "failed",
            ErrorKind::Usage => "usage",
            ErrorKind::Incomplete => "incomplete",
            ErrorKind::Busy => "busy",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::BrokenPipe => "broken_pipe",
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Incomplete => 3,
            ErrorKind::Busy => 4,
            ErrorKind::Interrupted => 130,
            ErrorKind::BrokenPipe => 0,
        }
    }
}

/// The result of a command that did not error: the exit code it wants.
///
/// A review that ran and failed is not an error (the report was written and printed) but still
/// exits 1; this type carries that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome(pub u8);

impl Outcome {
    pub const SUCCESS: Outcome = Outcome(0);
    pub const FAILED: Outcome = Outcome(1);
    pub const INCOMPLETE: Outcome = Outcome(3);
    pub const BUSY: Outcome = Outcome(4);
    pub const INTERRUPTED: Outcome = Outcome(130);
}

pub type CommandResult = Result<Outcome, CommandError>;

/// The boundary error: what went wrong, why, and how to fix it.
#[derive(Debug)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
            causes: Vec::new(),
            hints: Vec::new(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failed, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    pub fn busy(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Busy, message)
    }

    pub fn interrupted() -> Self {
        Self::new(ErrorKind::Interrupted, "interrupted")
    }

    /// A command of DESIGN.md that this build does not provide yet. It must not pretend to work.
    pub fn not_yet_available(command: &str) -> Self {
        Self::usage(format!(
            "`{command}` is not yet available in this version of wfc"
        ))
        .with_hint("see `wfc --help` for the commands that are available")
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_cause(mut self, cause: impl fmt::Display) -> Self {
        self.causes.push(cause.to_string());
        self
    }

    /// Adds every source of `err` (not `err` itself) as a cause.
    pub fn with_sources(mut self, err: &(dyn std::error::Error + 'static)) -> Self {
        let mut source = err.source();
        while let Some(s) = source {
            self.causes.push(s.to_string());
            source = s.source();
        }
        self
    }

    /// Builds an error from any std error: its display is the message, its sources the causes.
    pub fn from_error(kind: ErrorKind, err: &(dyn std::error::Error + 'static)) -> Self {
        Self::new(kind, err.to_string()).with_sources(err)
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// The `--json` document of a failed command:
    /// `{"error": {"kind", "message", "causes", "hints", "exit_code"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "kind": self.kind.as_str(),
                "message": self.message,
                "causes": self.causes,
                "hints": self.hints,
                "exit_code": self.exit_code(),
            }
        })
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<io::Error> for CommandError {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return CommandError::new(ErrorKind::BrokenPipe, "broken pipe");
        }
        CommandError::from_error(ErrorKind::Failed, &err)
    }
}

impl From<serde_json::Error> for CommandError {
    fn from(err: serde_json::Error) -> Self {
        if err.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
            return CommandError::new(ErrorKind::BrokenPipe, "broken pipe");
        }
        CommandError::from_error(ErrorKind::Failed, &err)
    }
}

impl From<crate::ids::IdError> for CommandError {
    fn from(err: crate::ids::IdError) -> Self {
        CommandError::usage(err.to_string()).with_hint(
            "ids may contain only letters, digits, `_` and `-`, 1 to 64 characters, and may not start with `-`",
        )
    }
}

impl From<crate::config::ConfigError> for CommandError {
    fn from(err: crate::config::ConfigError) -> Self {
        let hint = err.hint();
        let mut e = CommandError::from_error(ErrorKind::Usage, &err);
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::store::StoreError> for CommandError {
    fn from(err: crate::store::StoreError) -> Self {
        let kind = if err.is_busy() {
            ErrorKind::Busy
        } else {
            ErrorKind::Failed
        };
        let hint = err.hint();
        let mut e = CommandError::from_error(kind, &err);
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::lock::LockError> for CommandError {
    fn from(err: crate::lock::LockError) -> Self {
        let kind = match err {
            crate::lock::LockError::Timeout { .. } => ErrorKind::Busy,
            crate::lock::LockError::Interrupted => ErrorKind::Interrupted,
            crate::lock::LockError::Io { .. } => ErrorKind::Failed,
        };
        let timeout = matches!(err, crate::lock::LockError::Timeout { .. });
        let e = CommandError::from_error(kind, &err);
        if timeout {
            e.with_hint("another wfc process holds the lock; try again, or raise the timeout")
        } else {
            e
        }
    }
}

impl From<crate::git::GitError> for CommandError {
    fn from(err: crate::git::GitError) -> Self {
        let hint = err.hint();
        let kind = err.kind();
        let mut e = CommandError::from_error(kind, &err);
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::worktree::WorktreeError> for CommandError {
    fn from(err: crate::worktree::WorktreeError) -> Self {
        let mut e = CommandError::from_error(err.kind(), &err);
        if let crate::worktree::WorktreeError::RollbackFailed { problems, .. } = &err {
            e.causes.extend(problems.iter().cloned());
        }
        e.hints.extend(err.hints());
        e
    }
}

impl From<crate::fsutil::FsError> for CommandError {
    fn from(err: crate::fsutil::FsError) -> Self {
        let mut e = CommandError::from_error(ErrorKind::Failed, &err);
        e.hints.extend(err.hint());
        e
    }
}

impl From<crate::gate::signature::SignatureError> for CommandError {
    fn from(err: crate::gate::signature::SignatureError) -> Self {
        let kind = if err.is_usage() {
            ErrorKind::Usage
        } else {
            ErrorKind::Failed
        };
        let mut e = CommandError::from_error(kind, &err);
        e.causes.extend(err.reasons().iter().cloned());
        e.hints.extend(err.hint());
        e
    }
}

impl From<crate::knowledge::KnowledgeError> for CommandError {
    fn from(err: crate::knowledge::KnowledgeError) -> Self {
        use crate::knowledge::KnowledgeError as K;
        let hint = err.hint();
        let mut e = match err {
            K::Lock(lock) => return CommandError::from(lock),
            K::Fs(fs) => return CommandError::from(fs),
            K::UnknownSection { .. } | K::UnknownReviewer { .. } | K::EmptyText => {
                CommandError::from_error(ErrorKind::Usage, &err)
            }
            K::NotText { .. } => CommandError::from_error(ErrorKind::Failed, &err),
        };
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::gate::hooks::HookError> for CommandError {
    fn from(err: crate::gate::hooks::HookError) -> Self {
        match err {
            crate::gate::hooks::HookError::Git(g) => g.into(),
            other => {
                let hint = other.hint();
                let mut e = CommandError::from_error(ErrorKind::Failed, &other);
                if let Some(h) = hint {
                    e.hints.push(h);
                }
                e
            }
        }
    }
}

impl From<crate::gate::GateError> for CommandError {
    fn from(err: crate::gate::GateError) -> Self {
        match err {
            crate::gate::GateError::Git(e) => e.into(),
            crate::gate::GateError::Store(e) => e.into(),
            crate::gate::GateError::Hook(e) => e.into(),
            crate::gate::GateError::Policy(e) => CommandError::from_error(ErrorKind::Usage, &e)
                .with_hint(
                    "the gate policy is `[gate]` of .wfc/config.toml as committed; fix it in a commit of its own",
                ),
        }
    }
}
