mod append;
mod export;
mod prune;
mod search;
mod show;

use clap::Subcommand;

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// The shared per-reviewer knowledge base.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Append an entry (locked, atomic, de-duplicated)
    Append(append::Args),
    /// Print a reviewer's knowledge
    Show(show::Args),
    /// Rank entries for a query
    Search(search::Args),
    /// Archive old entries
    Prune(prune::Args),
    /// Write the store's knowledge to KNOWLEDGE.md files (PostgreSQL store)
    Export(export::Args),
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Append(a) => append::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::Search(a) => search::run(ctx, a),
        Command::Prune(a) => prune::run(ctx, a),
        Command::Export(a) => export::run(ctx, a),
    }
}

pub use crate::app::knowledge::Scope;
use crate::app::knowledge::scope_label;
