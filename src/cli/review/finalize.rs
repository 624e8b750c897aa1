use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Score `[{"reviewer_id", "response"}]` (raw reviewer text) for a prepared job and complete it.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Job id printed by `wfc review prepare`
    #[arg(long, value_name = "ID")]
    pub job: String,
    /// JSON file with the responses, or `-` for stdin
    #[arg(long, value_name = "FILE")]
    pub responses: PathBuf,
    /// The lowest tier that fails the review
    #[arg(long, value_enum, value_name = "TIER")]
    pub fail_on: Option<crate::review::Tier>,
    /// Do not append learnings to the knowledge base
    #[arg(long)]
    pub no_learn: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc review finalize")
}
