mod append;
mod prune;
mod search;
mod show;

use clap::{Subcommand, ValueEnum};

use crate::context::Context;
use crate::error::CommandResult;

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
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Append(a) => append::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::Search(a) => search::run(ctx, a),
        Command::Prune(a) => prune::run(ctx, a),
    }
}

/// Which knowledge base a command reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// `$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`
    Global,
    /// `<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable
    Project,
}
