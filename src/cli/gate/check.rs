use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Exit 0 when the staged tree (or REV's tree) has a passing or bypassed review, 1 otherwise.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Check this commit's tree instead of the staged tree
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc gate check")
}
