mod append;
mod prune;
mod search;
mod show;

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use crate::app::error::{AppError, CommandResult};
use crate::cli::context::Context;
use crate::knowledge;

/// The shared per-reviewer knowledge base.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Append an entry (locked, atomic, de-duplicated)
    Append(append::Args),
    /// Print a reviewer's knowledge
    Show(show::Args),
    /// Rank entries for a query
    Search(search::Args),
    /// Archive old entries
    Prune(prune::Args),
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Append(a) => append::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::Search(a) => search::run(ctx, a),
        Command::Prune(a) => prune::run(ctx, a),
    }
}

/// Which knowledge base a command reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// `$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`
    Global,
    /// `<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable
    Project,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Project => "project",
        }
    }
}

/// The scope an append writes to: the one asked for, else the section's own (repository rules
/// and codebase context: the project; outside a repository, where there is no project, global).
fn append_scope(ctx: &Context, asked: Option<Scope>, section: knowledge::Section) -> Scope {
    match asked {
        Some(s) => s,
        None if section.is_project_default() && ctx.repo.is_some() => Scope::Project,
        None => Scope::Global,
    }
}

/// The scopes a read looks in: the one asked for, else both (project only inside a repository).
fn read_scopes(ctx: &Context, asked: Option<Scope>) -> Vec<Scope> {
    match asked {
        Some(s) => vec![s],
        None if ctx.repo.is_some() => vec![Scope::Global, Scope::Project],
        None => vec![Scope::Global],
    }
}

/// What a read's JSON says its scope was.
fn scope_label(asked: Option<Scope>) -> &'static str {
    asked.map_or("all", Scope::as_str)
}

/// The folder holding one sub-folder per reviewer for `scope`.
fn root(ctx: &Context, scope: Scope) -> Result<PathBuf, AppError> {
    Ok(match scope {
        Scope::Global => {
            // The first command of a fresh `$WFC_HOME` may be this one: create it private.
            crate::fsutil::create_private_dir(&ctx.home)?;
            ctx.global_knowledge_root()
        }
        Scope::Project => ctx.project_knowledge_root()?,
    })
}

/// A reviewer name from the command line, checked against the built-in and configured reviewers
/// (which also keeps `..` and `/` out of the path).
fn reviewer(ctx: &Context, raw: &str) -> Result<String, AppError> {
    knowledge::check_reviewer(raw, &knowledge::valid_reviewers(&ctx.config))?;
    Ok(raw.to_string())
}

/// The "waiting for lock at <path>" narration.
fn on_wait(ctx: &Context) -> impl FnMut(&std::path::Path) + use<> {
    let ui = ctx.ui.clone();
    move |p| ui.status(&format!("waiting for lock at {}", p.display()))
}
