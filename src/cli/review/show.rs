use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Show one past review: its outcome, reviewers and findings.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Job id (from `wfc review list`)
    pub job: String,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc review show")
}
