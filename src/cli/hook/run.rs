use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

/// Run a hook as git would (called from the installed hook scripts).
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// pre-commit or commit-msg
    pub hook: String,
    /// Arguments git passed to the hook
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc hook run")
}
