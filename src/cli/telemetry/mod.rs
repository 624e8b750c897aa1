mod export;
mod summary;

use clap::{Args as ClapArgs, Subcommand};

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// Per-project figures: reviews, pass rate, p50/p95 review time, slowest and most failing
/// reviewers, findings per category, active worktrees, and a trend chart.
#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub summary: summary::Args,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write every event with its project, developer and time
    Export(export::Args),
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    match &args.command {
        Some(Command::Export(a)) => export::run(ctx, a),
        None => summary::run(ctx, &args.summary),
    }
}
