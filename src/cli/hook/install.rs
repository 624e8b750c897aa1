use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Install the pre-commit and commit-msg hooks into the hooks directory git uses, chaining any
/// existing hook.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Install even when another hook manager owns the hooks
    #[arg(long)]
    pub force: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc hook install")
}
