use std::time::Duration;

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::CommandResult;

#[derive(Debug, ClapArgs)]
#[group(id = "telemetry_summary")]
pub struct Args {
    /// Only events newer than this (e.g. 7d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub since: Option<Duration>,
    /// Every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
}

pub fn run(_ctx: &mut Context, _args: &Args) -> CommandResult {
    crate::cli::not_yet("wfc telemetry")
}
