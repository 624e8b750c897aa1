use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Remove the wfc hooks and restore what was there before.
#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc hook uninstall")
}
