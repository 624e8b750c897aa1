use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::ui::{Table, Tone};

/// List worktrees with project, task, branch, developer, dirty count, age and last use.
///
/// DIRTY counts uncommitted changes; env files wfc copied in and nobody edited are not counted.
/// With --json: one array of objects with project_id, task_id, path, branch, state,
/// developer_id, owner_pid, owner_alive, dirty, locked, created_at, last_used_at, age and idle.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Show the worktrees of every project, not only the current one
    #[arg(long)]
    pub all_projects: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let project = (!args.all_projects).then(|| ctx.project_id.to_string());
    let (_, entries) = app::history::worktrees(ctx, project.as_deref())?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&entries)?;
        return Ok(Outcome::Success);
    }
    if entries.is_empty() {
        ctx.ui.status(&match project {
            Some(p) => format!("no worktrees in project {p} (--all-projects shows every project)"),
            None => "no worktrees".to_string(),
        });
        return Ok(Outcome::Success);
    }
    let mut header = vec![
        "TASK",
        "BRANCH",
        "DEVELOPER",
        "OWNER",
        "DIRTY",
        "AGE",
        "IDLE",
        "STATE",
    ];
    if args.all_projects {
        header.insert(0, "PROJECT");
    }
    let mut table = Table::new(&header);
    let dash = || "-".to_string();
    for e in &entries {
        let owner = match e.owner_pid {
            Some(pid) if e.owner_alive => ctx.ui.paint(&format!("{pid}"), Tone::Good),
            Some(pid) => ctx.ui.paint(&format!("{pid} (gone)"), Tone::Dim),
            None => dash(),
        };
        let dirty = match e.dirty {
            Some(0) => "0".to_string(),
            Some(n) => ctx.ui.paint(&n.to_string(), Tone::Warn),
            None => dash(),
        };
        let state = match (&e.locked, e.state) {
            (Some(_), s) => format!("{s},locked"),
            (None, "ok") => "ok".to_string(),
            (None, s) => ctx.ui.paint(s, Tone::Warn),
        };
        let mut row = vec![
            e.task_id.clone(),
            e.branch.clone(),
            e.developer_id.clone().unwrap_or_else(dash),
            owner,
            dirty,
            e.age.clone().unwrap_or_else(dash),
            e.idle.clone().unwrap_or_else(dash),
            state,
        ];
        if args.all_projects {
            row.insert(0, e.project_id.clone());
        }
        table.row(row);
    }
    ctx.ui.out(&table.render())?;
    Ok(Outcome::Success)
}
