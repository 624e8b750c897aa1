use clap::{Args as ClapArgs, Subcommand};

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// The store that keeps the audit trail, jobs, leases, rate-limit buckets and telemetry.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Say which store is in use, where, and its schema version
    Info(InfoArgs),
    /// Copy the embedded SQLite store into an empty PostgreSQL store
    Migrate(MigrateArgs),
}

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {}

/// Copy the embedded SQLite store (audit trail, jobs, leases, rate-limit buckets, trusted
/// configs, telemetry) into an empty PostgreSQL store in one transaction, with the knowledge
/// files (global, and the current repository's project knowledge).
///
/// The audit chain is verified before the copy and again in PostgreSQL, and must end at the same
/// head. The SQLite store is left as it was; point wfc at the new store with WFC_DATABASE_URL or
/// `[store] url` in the user config.
#[derive(Debug, ClapArgs)]
pub struct MigrateArgs {
    /// The PostgreSQL store: postgres://user@host:5432/database
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The SQLite store to copy (default: $WFC_HOME/wfc.db)
    #[arg(long, value_name = "PATH")]
    pub from: Option<std::path::PathBuf>,
}

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
        Command::Migrate(args) => {
            let done = app::store::migrate(ctx, &args.to, args.from.as_deref())?;
            if ctx.ui.json_mode() {
                ctx.ui.json(&done)?;
                return Ok(Outcome::Success);
            }
            let c = &done.copied;
            let knowledge: Vec<String> = done
                .knowledge
                .iter()
                .map(|(scope, n)| format!("{n} {scope}"))
                .collect();
            ctx.ui.out(&format!(
                "copied {} to {}: {} audit rows, {} jobs ({} reviewer runs), {} worktree leases, \
                 {} projects, {} telemetry events, {} rate-limit buckets, {} trusted configs; \
                 knowledge entries: {}\naudit trail verified: {} rows{}",
                crate::ui::escape(&done.from.display().to_string()),
                crate::ui::escape(&done.to),
                c.audit,
                c.jobs,
                c.reviewer_runs,
                c.worktrees,
                c.projects,
                c.telemetry_events,
                c.rate_buckets,
                c.trusted_configs,
                if knowledge.is_empty() {
                    "none".to_string()
                } else {
                    knowledge.join(", ")
                },
                done.verified_rows,
                c.audit_head
                    .as_ref()
                    .map(|(seq, hash)| format!(", head {seq} {hash} kept"))
                    .unwrap_or_default()
            ))?;
            ctx.ui.status(
                "point wfc at it with WFC_DATABASE_URL or `[store] url` in the user config",
            );
            Ok(Outcome::Success)
        }
    }
}
