use std::time::Duration;

use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::knowledge::AppendOutcome;
use crate::ui::Tone;

/// Append an entry to a reviewer's KNOWLEDGE.md under a lock: de-duplicated, atomic, attributed
/// to the developer.
///
/// The entry goes at the end of its section. The same text (ignoring case and white space) already
/// in that section is reported as a duplicate and the file is left as it is.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Reviewer whose knowledge this is
    #[arg(long)]
    pub reviewer: String,
    /// patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context
    #[arg(long)]
    pub section: String,
    /// The entry text (line breaks become spaces; at most 500 characters)
    #[arg(long, allow_hyphen_values = true)]
    pub text: String,
    /// Where the entry came from (a review, a task, a person)
    #[arg(long, default_value = "manual", allow_hyphen_values = true)]
    pub source: String,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge); default: project for
    /// repo_rules and codebase_context inside a repository, else global
    #[arg(long, value_enum)]
    pub scope: Option<app::knowledge::Scope>,
    /// How long to wait for another writer's lock before giving up (exit 4)
    #[arg(long, value_name = "DUR", default_value = "60s", value_parser = crate::cli::duration_arg)]
    pub lock_timeout: Duration,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let done = app::knowledge::append(
        ctx,
        &app::knowledge::AppendRequest {
            reviewer: args.reviewer.clone(),
            section: args.section.clone(),
            text: args.text.clone(),
            source: args.source.clone(),
            scope: args.scope,
            lock_timeout: args.lock_timeout,
        },
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&done)?;
        return Ok(Outcome::Success);
    }
    let (path, line, section) = (&done.path, &done.line, done.section);
    match done.outcome {
        AppendOutcome::Added => ctx.ui.out(&format!(
            "{} to {section} of {}: {}",
            ctx.ui.paint("added", Tone::Good),
            crate::ui::escape(&path.to_string()),
            crate::ui::escape(line)
        ))?,
        AppendOutcome::Duplicate => ctx.ui.out(&format!(
            "{}: {section} of {} already holds this text; nothing written",
            ctx.ui.paint("duplicate", Tone::Warn),
            crate::ui::escape(&path.to_string())
        ))?,
    }
    Ok(Outcome::Success)
}
