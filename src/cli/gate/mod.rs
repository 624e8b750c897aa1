mod check;
mod keygen;
mod verify;

use clap::Subcommand;

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// The review gate.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check that the staged tree was reviewed
    Check(check::Args),
    /// Check every commit of a range (for CI)
    Verify(verify::Args),
    /// Make an ed25519 key that signs review attestations
    Keygen(keygen::Args),
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Check(a) => check::run(ctx, a),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Keygen(a) => keygen::run(ctx, a),
    }
}
