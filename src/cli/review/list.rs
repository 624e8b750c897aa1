use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// List past reviews of the project, newest first.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
    /// At most N reviews
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc review list")
}
