use std::path::Path;

use clap::Args as ClapArgs;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::ui::Ui;

/// Serve the Model Context Protocol on stdin and stdout (newline-delimited JSON-RPC), for agent
/// harnesses such as Claude Code, Codex CLI or Cursor.
///
/// Speaks the 2025-11-25 revision (initialize handshake) and the stateless 2026-07-28 revision
/// (server/discover). Every tool runs the wfc command of the same name with --json in the
/// directory the server was started in (or the tool's `repo` argument), so its structured result
/// is that command's JSON document. Runs until the client closes stdin.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(_ui: &Ui, _args: &Args, directory: Option<&Path>) -> CommandResult {
    let exe = crate::app::setup::current_binary()?;
    let here = std::env::current_dir()
        .map_err(|e| AppError::failed("cannot read the current directory").with_cause(e))?;
    let cwd = match directory {
        Some(d) if d.is_absolute() => d.to_path_buf(),
        Some(d) => here.join(d),
        None => here,
    };
    if !cwd.is_dir() {
        return Err(AppError::usage(format!(
            "-C {}: no such directory",
            cwd.display()
        )));
    }
    crate::mcp::serve(exe, cwd)?;
    Ok(Outcome::Success)
}
