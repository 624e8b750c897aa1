use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Rank knowledge entries for QUERY (BM25, offline).
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Words to look for
    pub query: String,
    /// Only this reviewer's entries
    #[arg(long)]
    pub reviewer: Option<String>,
    /// At most N entries
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: crate::cli::knowledge::Scope,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc knowledge search")
}
