use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// For CI: every non-merge commit in RANGE must carry a Review-Hash trailer matching its own
/// tree. Lists offenders with the reason and exits 1.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Commit range, e.g. origin/main..HEAD
    pub range: String,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc gate verify")
}
