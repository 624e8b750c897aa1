use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Print a job id and one task spec per relevant reviewer (reviewer id, prompt, temperature,
/// token count), for harnesses that run the prompts themselves.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub change: super::ChangeArgs,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc review prepare")
}
