//! The command tree, global options and the entry point.

pub mod audit;
pub mod cleanup;
pub mod completions;
pub mod context;
pub mod exit;
pub mod gate;
pub mod hook;
pub mod init;
pub mod knowledge;
pub mod man;
pub mod mcp;
pub mod review;
pub mod store;
pub mod telemetry;
pub mod trust;
pub mod worktree;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::app::SessionOptions as ContextOptions;
use crate::app::error::{AppError, CommandResult};
use crate::cli::context::Context;
use crate::env::Env;
use crate::ui::{ColorChoice, Ui, UiOptions};

/// Namespaced git worktrees, parallel code review with a consensus score, a shared knowledge base
/// and a review gate, for many projects and agents working at once on one machine.
#[derive(Debug, Parser)]
#[command(
    name = "wfc",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Exit codes: 0 success or review passed, 1 review failed or operation failed, \
                  2 usage or validation error, 3 review incomplete, 4 busy, 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Run as if wfc was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// Project (namespace) id [env: WFC_PROJECT_ID]
    #[arg(long, global = true, value_name = "ID")]
    pub project_id: Option<String>,
    /// Developer (person or agent) id [env: WFC_DEVELOPER_ID]
    #[arg(long, global = true, value_name = "ID")]
    pub developer_id: Option<String>,
    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// When to use colors [env: NO_COLOR disables]
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only the answer and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail on stderr
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write .wfc/config.toml and the .git/info/exclude entries
    Init(init::Args),
    /// Create, list and remove namespaced task worktrees
    #[command(subcommand)]
    Worktree(worktree::Command),
    /// Remove orphaned worktrees and mark dead jobs interrupted
    #[command(visible_alias = "clean")]
    Cleanup(cleanup::Args),
    /// Review a change with a panel of reviewers and a consensus score
    Review(Box<review::Args>),
    /// Read and write the shared per-reviewer knowledge base
    #[command(subcommand)]
    Knowledge(knowledge::Command),
    /// Per-project figures: reviews, pass rate, timings, findings
    Telemetry(telemetry::Args),
    /// List the audit trail, or verify that it was not altered
    Audit(audit::Args),
    /// Install and run the git hooks that gate commits on reviews
    #[command(subcommand)]
    Hook(hook::Command),
    /// Check that a tree, or every commit of a range, was reviewed
    #[command(subcommand)]
    Gate(gate::Command),
    /// Say which store keeps wfc's state
    #[command(subcommand)]
    Store(store::Command),
    /// Let this repository's config run the commands it defines (or show, or revoke)
    Trust(trust::Args),
    /// Serve the Model Context Protocol on stdio, for agent harnesses
    Mcp(mcp::Args),
    /// Print a shell completion script
    Completions(completions::Args),
    /// Write man pages into a directory
    Man(man::Args),
}

/// The clap command tree (for completions, man pages and tests).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the process arguments, runs the command and maps the result to an exit code.
pub fn run() -> ExitCode {
    if let Some(code) = crate::process::supervisor_main_if_asked() {
        return code;
    }
    crate::git::init();
    let env = Env::capture();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let ui = Ui::new(&UiOptions::default(), &env);
            ui.clap_message(&err);
            if err.use_stderr() && std::env::args_os().any(|a| a == "--json") {
                let text = err.to_string();
                let first = text.lines().next().unwrap_or_default();
                let doc = AppError::usage(first.trim_start_matches("error: ").to_string())
                    .with_hint("run with --help for the usage");
                let _ = Ui::plain(true).json(&exit::error_json(&doc));
            }
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let ui = Ui::new(
        &UiOptions {
            color: cli.global.color,
            json: cli.global.json,
            quiet: cli.global.quiet,
            verbose: cli.global.verbose,
            no_progress: cli.global.no_progress,
        },
        &env,
    );
    match dispatch(cli, env, ui.clone()) {
        Ok(outcome) => ExitCode::from(exit::code(Ok(outcome))),
        Err(err) => {
            ui.error(&err);
            // With --json, stdout is one document on failure too.
            if ui.json_mode() && !ui.answered() && err.kind != crate::app::ErrorKind::BrokenPipe {
                let _ = ui.json(&exit::error_json(&err));
            }
            ExitCode::from(exit::of_error(&err))
        }
    }
}

fn dispatch(cli: Cli, env: Env, ui: Ui) -> CommandResult {
    // These need no repository, configuration or ids.
    match &cli.command {
        Command::Completions(args) => return completions::run(&ui, args),
        Command::Man(args) => return man::run(&ui, args),
        Command::Mcp(args) => return mcp::run(&ui, args, cli.global.directory.as_deref()),
        _ => {}
    }
    let opts = ContextOptions {
        cwd: std::env::current_dir()
            .map_err(|e| AppError::failed("cannot read the current directory").with_cause(e))?,
        directory: cli.global.directory.clone(),
        project_id: cli.global.project_id.clone(),
        developer_id: cli.global.developer_id.clone(),
    };
    let (mut ctx, warnings) = Context::load(&opts, env, ui)?;
    for w in &warnings {
        ctx.ui.warn(w);
    }
    if let Err(e) = ctx.touch_worktree_lease() {
        ctx.ui.debug(&e);
    }
    match &cli.command {
        Command::Init(args) => init::run(&mut ctx, args),
        Command::Worktree(cmd) => worktree::run(&mut ctx, cmd),
        Command::Cleanup(args) => cleanup::run(&mut ctx, args),
        Command::Review(args) => review::run(&mut ctx, args),
        Command::Knowledge(cmd) => knowledge::run(&mut ctx, cmd),
        Command::Telemetry(args) => telemetry::run(&mut ctx, args),
        Command::Audit(args) => audit::run(&mut ctx, args),
        Command::Hook(cmd) => hook::run(&mut ctx, cmd),
        Command::Gate(cmd) => gate::run(&mut ctx, cmd),
        Command::Store(cmd) => store::run(&mut ctx, cmd),
        Command::Trust(args) => trust::run(&mut ctx, args),
        Command::Completions(_) | Command::Man(_) | Command::Mcp(_) => {
            unreachable!("handled above")
        }
    }
}

/// Parses a `SECS`-style or `24h`-style duration flag.
pub fn duration_arg(value: &str) -> Result<std::time::Duration, String> {
    crate::time::duration_arg(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_app() {
        command().debug_assert();
    }
}
