use clap::Args as ClapArgs;
use serde::Serialize;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::git::worktree::Changed;
use crate::ui::Tone;
use crate::worktree::{WorktreeError, inspect};

/// Short git status of one task's worktree, or of every worktree of the project.
///
/// Env files wfc copied in and nobody edited are left out. With --json: one array of objects
/// with task_id, path, branch and changes (code, path).
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id (default: every worktree of the project)
    pub task: Option<String>,
}

#[derive(Serialize)]
struct Status {
    project_id: String,
    task_id: String,
    path: String,
    branch: String,
    changes: Option<Vec<Changed>>,
    error: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let task = match &args.task {
        Some(t) => Some(ctx.task_id(t)?),
        None => None,
    };
    let project = ctx.project_id.to_string();
    let (_repo, entries) = app::history::worktrees(ctx, Some(&project))?;
    let entries: Vec<_> = entries
        .into_iter()
        .filter(|e| task.as_ref().is_none_or(|t| e.task_id == t.as_str()))
        .filter(|e| e.state != "missing" || task.is_some())
        .collect();
    if let Some(t) = &task
        && entries.iter().all(|e| e.state == "missing")
    {
        return Err(WorktreeError::NotFound {
            task: t.to_string(),
            project,
        }
        .into());
    }
    let statuses: Vec<Status> = entries
        .into_iter()
        .map(|e| {
            let copied = e.lease.map(|l| l.copied_files).unwrap_or_default();
            let (changes, error) = match inspect::changes(std::path::Path::new(&e.path), &copied) {
                Ok(c) => (Some(c), None),
                Err(err) => (None, Some(err.to_string())),
            };
            Status {
                project_id: e.project_id,
                task_id: e.task_id,
                path: e.path,
                branch: e.branch,
                changes,
                error,
            }
        })
        .collect();
    if ctx.ui.json_mode() {
        ctx.ui.json(&statuses)?;
        return Ok(Outcome::Success);
    }
    if statuses.is_empty() {
        ctx.ui.status(&format!("no worktrees in project {project}"));
        return Ok(Outcome::Success);
    }
    let mut out = String::new();
    for s in &statuses {
        let summary = match (&s.changes, &s.error) {
            (Some(c), _) if c.is_empty() => ctx.ui.paint("clean", Tone::Good),
            (Some(c), _) => ctx.ui.paint(&format!("{} change(s)", c.len()), Tone::Warn),
            (None, Some(e)) => ctx.ui.paint(&format!("unreadable: {e}"), Tone::Bad),
            (None, None) => String::new(),
        };
        out.push_str(&format!(
            "{} {} ({}) {summary}\n",
            ctx.ui.paint("##", Tone::Dim),
            ctx.ui.paint(&s.task_id, Tone::Strong),
            s.branch
        ));
        for c in s.changes.iter().flatten() {
            out.push_str(&format!("{} {}\n", c.code, c.path));
        }
    }
    ctx.ui.out(&out)?;
    Ok(Outcome::Success)
}
