use std::time::Duration;

use clap::Args as ClapArgs;
use serde_json::json;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Move entries older than DUR to KNOWLEDGE-ARCHIVE.md beside each file.
///
/// An entry's age is its `[YYYY-MM-DD]` date. Each file is changed under its lock; lines that are
/// not entries stay where they are.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Age of entries to archive (e.g. 180d)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::duration_arg)]
    pub older_than: Duration,
    /// Only this reviewer's file
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Print what would move and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: app::knowledge::Scope,
    /// How long to wait for another writer's lock before giving up (exit 4)
    #[arg(long, value_name = "DUR", default_value = "60s", value_parser = crate::cli::duration_arg)]
    pub lock_timeout: Duration,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let app::knowledge::Pruned {
        root,
        cutoff,
        reports,
        mut failures,
    } = app::knowledge::prune(
        ctx,
        &app::knowledge::PruneRequest {
            older_than: args.older_than,
            reviewer: args.reviewer.clone(),
            dry_run: args.dry_run,
            scope: args.scope,
            lock_timeout: args.lock_timeout,
        },
    )?;
    let moved: usize = reports.iter().map(|r| r.moved.len()).sum();
    if ctx.ui.json_mode() {
        ctx.ui.json(&json!({
            "scope": args.scope.as_str(),
            "cutoff": cutoff,
            "dry_run": args.dry_run,
            "moved": moved,
            "files": reports,
            "errors": failures.iter().map(|e| e.message.clone()).collect::<Vec<_>>(),
        }))?;
    } else {
        let mut out = String::new();
        for r in &reports {
            if r.moved.is_empty() {
                continue;
            }
            let verb = if args.dry_run { "would move" } else { "moved" };
            out.push_str(&format!(
                "{}: {verb} {} {} to {} (kept {})\n",
                r.path,
                r.moved.len(),
                if r.moved.len() == 1 {
                    "entry"
                } else {
                    "entries"
                },
                r.archive,
                r.kept
            ));
            if args.dry_run {
                for e in &r.moved {
                    out.push_str(&format!("  {}: {}\n", e.section, e.render()));
                }
            }
        }
        if out.is_empty() {
            ctx.ui.status(&format!(
                "nothing older than {} in {} file(s) under {}",
                cutoff,
                reports.len(),
                root
            ));
        } else {
            ctx.ui.out(&out)?;
        }
    }
    // Every file was tried; report each failure, and exit with the kind of the last one.
    match failures.pop() {
        Some(last) => {
            for f in &failures {
                ctx.ui.error(f);
            }
            Err(last)
        }
        None => Ok(Outcome::Success),
    }
}
