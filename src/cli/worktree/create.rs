use clap::Args as ClapArgs;
use std::time::Duration;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Create the worktree of TASK at `.worktrees/<project>/wfc-<task>` on branch
/// `wfc/<project>/<task>` and print its path.
///
/// An existing `wfc/<project>/<task>` branch that no worktree uses is checked out again instead
/// of a new one. With an explicit developer id (`--developer-id`, `WFC_DEVELOPER_ID` or
/// `[developer] id`), commits in the worktree are authored by `WFC Agent (<developer>)
/// <wfc+<developer>@noreply.local>`, written to the worktree's own config only.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id (letters, digits, `_`, `-`)
    pub task: String,
    /// Start the branch from REF (default: the repository's current HEAD)
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// Print the existing path and exit 0 if the worktree already exists
    #[arg(long)]
    pub exist_ok: bool,
    /// When the pool is full, wait up to SECS for a free slot
    #[arg(long, value_name = "SECS", value_parser = crate::cli::duration_arg)]
    pub wait: Option<Duration>,
    /// When the pool is full, remove the least recently used clean worktree with no live owner
    #[arg(long)]
    pub evict: bool,
    /// Process that owns this worktree; it is not an orphan while PID lives
    #[arg(long, value_name = "PID")]
    pub owner_pid: Option<u32>,
    /// Do not copy env and version files into the worktree
    #[arg(long)]
    pub no_copy_env: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    // Ctrl-C rolls a half-made worktree back instead of ending at once.
    crate::interrupt::install();
    let created = app::worktree::create(
        ctx,
        &app::worktree::CreateRequest {
            task: args.task.clone(),
            base: args.base.clone(),
            exist_ok: args.exist_ok,
            wait: args.wait,
            evict: args.evict,
            owner_pid: args.owner_pid,
            no_copy_env: args.no_copy_env,
        },
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&created)?;
        return Ok(Outcome::Success);
    }
    for e in &created.evicted {
        ctx.ui.status(&format!(
            "evicted the worktree of task {} ({}) to make room",
            e.task_id,
            super::rel(ctx, &e.path)
        ));
    }
    if created.created {
        let how = if created.reattached {
            format!("existing branch {}", created.branch)
        } else {
            format!(
                "new branch {} at {}",
                created.branch,
                created
                    .base
                    .as_deref()
                    .map(|b| &b[..b.len().min(10)])
                    .unwrap_or("?")
            )
        };
        ctx.ui.status(&format!(
            "created the worktree of task {} on {how}",
            created.task_id
        ));
        if let Some(id) = &created.identity {
            ctx.ui
                .status(&format!("commits in it are authored by {id}"));
        }
        if let Some(c) = &created.copy
            && !c.copied.is_empty()
        {
            ctx.ui.status(&format!("copied {}", c.copied.join(", ")));
        }
    } else {
        ctx.ui.status(&format!(
            "the worktree of task {} already exists",
            created.task_id
        ));
    }
    ctx.ui.out(&created.path)?;
    Ok(Outcome::Success)
}
