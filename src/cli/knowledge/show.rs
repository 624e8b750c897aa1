use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Print a reviewer's KNOWLEDGE.md.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Reviewer id
    pub reviewer: String,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: crate::cli::knowledge::Scope,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc knowledge show")
}
