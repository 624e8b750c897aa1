use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Append an entry to a reviewer's KNOWLEDGE.md under a lock: de-duplicated, atomic, attributed
/// to the developer.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Reviewer whose knowledge this is
    #[arg(long)]
    pub reviewer: String,
    /// patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context
    #[arg(long)]
    pub section: String,
    /// The entry text (line breaks become spaces; at most 500 characters)
    #[arg(long)]
    pub text: String,
    /// Where the entry came from (a review, a task, a person)
    #[arg(long, default_value = "manual")]
    pub source: String,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: crate::cli::knowledge::Scope,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc knowledge append")
}
