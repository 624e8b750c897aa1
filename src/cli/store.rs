use clap::{Args as ClapArgs, Subcommand};

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// The store that keeps the audit trail, jobs, leases, rate-limit buckets and telemetry.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Say which store is in use, where, and its schema version
    Info(InfoArgs),
}

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Info(_) => {
            let info = app::history::store_info(ctx)?;
            if ctx.ui.json_mode() {
                ctx.ui.json(&info)?;
                return Ok(Outcome::Success);
            }
            ctx.ui.out(&format!(
                "backend: {}\nlocation: {}\nschema version: {} (this wfc knows up to {})\nhost: {}{}",
                info.backend,
                info.location,
                info.schema_version,
                info.supported_schema_version,
                info.host,
                info.boot_id
                    .as_deref()
                    .map(|b| format!(" (boot {b})"))
                    .unwrap_or_default()
            ))?;
            for n in &info.notes {
                ctx.ui.warn(n);
            }
            Ok(Outcome::Success)
        }
    }
}
