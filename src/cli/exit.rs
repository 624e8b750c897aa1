//! The one place a command's conclusion becomes a process exit code and a failure becomes the
//! `--json` error document (DESIGN.md "Commands", "Faces").

use crate::app::{AppError, ErrorKind, Outcome};

/// The exit code of a command that concluded with `result`: 0 success or review passed, 1 review
/// failed or operation failed, 2 usage or validation error, 3 review incomplete, 4 busy, 130
/// interrupted. A closed stdout ends the command quietly (0).
pub fn code(result: Result<Outcome, ErrorKind>) -> u8 {
    match result {
        Ok(Outcome::Success) | Err(ErrorKind::BrokenPipe) => 0,
        Ok(Outcome::Failed) | Err(ErrorKind::Failed) => 1,
        Err(ErrorKind::Usage) => 2,
        Ok(Outcome::Incomplete) | Err(ErrorKind::Incomplete) => 3,
        Ok(Outcome::Busy) | Err(ErrorKind::Busy) => 4,
        Ok(Outcome::Interrupted) | Err(ErrorKind::Interrupted) => 130,
    }
}

/// The exit code of a failed command.
pub fn of_error(err: &AppError) -> u8 {
    code(Err(err.kind))
}

/// The name a `--json` error document gives the kind.
pub fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Failed => "failed",
        ErrorKind::Usage => "usage",
        ErrorKind::Incomplete => "incomplete",
        ErrorKind::Busy => "busy",
        ErrorKind::Interrupted => "interrupted",
        ErrorKind::BrokenPipe => "broken_pipe",
    }
}

/// The `--json` document of a failed command:
/// `{"error": {"kind", "message", "causes", "hints", "exit_code"}}`.
pub fn error_json(err: &AppError) -> serde_json::Value {
    serde_json::json!({
        "error": {
            "kind": kind_name(err.kind),
            "message": err.message,
            "causes": err.causes(),
            "hints": err.hints,
            "exit_code": of_error(err),
        }
    })
}
