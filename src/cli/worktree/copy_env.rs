use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::store::leases::{self, NewLease};
use crate::worktree::{WorktreeError, copy_env};

/// Copy the env and version files (`worktree.copy`) into TASK's worktree again.
///
/// A file tracked by git in the worktree is never overwritten; an untracked copy that differs is
/// backed up to `<name>.wfc-backup-<time>` first. Prints the files copied.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Task id
    pub task: String,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let (repo, target) = super::target(ctx, &args.task)?;
    if !target.path.join(".git").exists() {
        return Err(WorktreeError::NotFound {
            task: target.task,
            project: target.project,
        }
        .into());
    }
    let patterns = ctx.config.worktree.copy.0.clone();
    let now = ctx.now();
    let developer = ctx.developer_id.to_string();
    let key = repo.key();
    let store = ctx.store()?;
    let lease = leases::get(store, &key, &target.project, &target.task)?;
    let previous = lease
        .as_ref()
        .map(|l| l.copied_files.clone())
        .unwrap_or_default();
    let report = copy_env::copy(
        &repo.info.main_root,
        &target.path,
        &patterns,
        &previous,
        now,
    )?;
    let id = match lease {
        Some(l) => l.id,
        None => {
            let path = target.path_str();
            leases::insert(
                store,
                now,
                &NewLease {
                    repo: &key,
                    project_id: &target.project,
                    task_id: &target.task,
                    path: &path,
                    branch: &target.branch,
                    developer_id: &developer,
                    owner_pid: None,
                },
            )?
        }
    };
    leases::set_copied_files(store, id, &report.records)?;
    ctx.audit(
        "worktree.copy-env",
        &target.path_str(),
        "ok",
        json!({ "task_id": target.task, "copied": report.copied, "backups": report.backups }),
    )?;
    for (file, why) in &report.refused {
        ctx.ui.warn(&format!("skipped {file}: {why}"));
    }
    if ctx.ui.json_mode() {
        ctx.ui.json(&report)?;
        return Ok(Outcome::SUCCESS);
    }
    for (file, backup) in &report.backups {
        ctx.ui
            .status(&format!("backed up the previous {file} to {backup}"));
    }
    for (file, why) in &report.skipped {
        ctx.ui.debug(&format!("skipped {file}: {why}"));
    }
    if report.copied.is_empty() {
        ctx.ui
            .status("nothing to copy: every selected file is up to date");
    } else {
        ctx.ui.out(&report.copied.join("\n"))?;
    }
    Ok(Outcome::SUCCESS)
}
