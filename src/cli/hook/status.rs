use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Say which hooks are installed and who owns the hooks directory.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc hook status")
}
