use clap::Args as ClapArgs;
use std::time::Duration;

use crate::context::Context;
use crate::error::CommandResult;

/// Move entries older than DUR to KNOWLEDGE-ARCHIVE.md beside each file.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Age of entries to archive (e.g. 180d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub older_than: Duration,
    /// Only this reviewer's file
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Print what would move and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: crate::cli::knowledge::Scope,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc knowledge prune")
}
