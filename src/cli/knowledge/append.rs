use std::time::Duration;

use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::knowledge::{self, AppendOutcome, NewEntry, Section};
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
    pub scope: Option<crate::cli::knowledge::Scope>,
    /// How long to wait for another writer's lock before giving up (exit 4)
    #[arg(long, value_name = "DUR", default_value = "60s", value_parser = crate::cli::duration_arg)]
    pub lock_timeout: Duration,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let reviewer = super::reviewer(ctx, &args.reviewer)?;
    let section: Section = args.section.parse()?;
    let scope = super::append_scope(ctx, args.scope, section);
    let path = knowledge::knowledge_file(&super::root(ctx, scope)?, &reviewer);
    let entry = NewEntry {
        reviewer: reviewer.clone(),
        section,
        text: args.text.clone(),
        source: args.source.clone(),
        developer: Some(ctx.developer_id.to_string()),
    };
    let now = ctx.now();
    let scope = scope.as_str();
    let resource = path.display().to_string();
    let mut on_wait = super::on_wait(ctx);
    // The audit row is written under the file lock before the rename, so that a kill can never
    // leave the new entry in the file without its row.
    let outcomes = knowledge::append_recorded(
        &path,
        std::slice::from_ref(&entry),
        now,
        args.lock_timeout,
        &mut on_wait,
        |pending: knowledge::Pending<'_>| -> Result<(), AppError> {
            ctx.audit(
                "knowledge.append",
                &resource,
                pending.outcomes[0].as_str(),
                json!({
                    "reviewer": reviewer,
                    "section": section,
                    "scope": scope,
                    "text": entry.stored_text(),
                    "source": entry.stored_source(),
                    "file_sha256": pending.file_sha256,
                }),
            )
        },
    )?;
    let outcome = outcomes[0];
    let line = entry.line(now);
    ctx.telemetry(
        crate::telemetry::kind::KNOWLEDGE_APPEND,
        json!({
            "reviewer": reviewer,
            "section": section,
            "scope": scope,
            "outcome": outcome,
        }),
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&json!({
            "outcome": outcome,
            "reviewer": reviewer,
            "section": section,
            "scope": scope,
            "path": path,
            "line": line,
            "project_id": ctx.project_id.as_str(),
            "developer_id": ctx.developer_id.as_str(),
        }))?;
        return Ok(Outcome::SUCCESS);
    }
    match outcome {
        AppendOutcome::Added => ctx.ui.out(&format!(
            "{} to {section} of {}: {}",
            ctx.ui.paint("added", Tone::Good),
            crate::ui::escape(&path.display().to_string()),
            crate::ui::escape(&line)
        ))?,
        AppendOutcome::Duplicate => ctx.ui.out(&format!(
            "{}: {section} of {} already holds this text; nothing written",
            ctx.ui.paint("duplicate", Tone::Warn),
            crate::ui::escape(&path.display().to_string())
        ))?,
    }
    Ok(Outcome::SUCCESS)
}
