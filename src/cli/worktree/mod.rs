mod copy_env;
mod create;
mod list;
mod path;
mod remove;
mod status;

use clap::Subcommand;

use crate::app::error::CommandResult;
use crate::cli::context::Context;

/// Namespaced task worktrees.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a task worktree and branch; print its path
    Create(create::Args),
    /// List worktrees
    #[command(visible_alias = "ls")]
    List(list::Args),
    /// Print a task worktree's path
    #[command(visible_aliases = ["go", "switch"])]
    Path(path::Args),
    /// Short status of one or all worktrees
    Status(status::Args),
    /// Remove a task worktree
    #[command(visible_alias = "rm")]
    Remove(remove::Args),
    /// Copy env and version files into a worktree again
    #[command(name = "copy-env", visible_alias = "env")]
    CopyEnv(copy_env::Args),
}

pub fn run(ctx: &mut Context, cmd: &Command) -> CommandResult {
    match cmd {
        Command::Create(a) => create::run(ctx, a),
        Command::List(a) => list::run(ctx, a),
        Command::Path(a) => path::run(ctx, a),
        Command::Status(a) => status::run(ctx, a),
        Command::Remove(a) => remove::run(ctx, a),
        Command::CopyEnv(a) => copy_env::run(ctx, a),
    }
}

/// A worktree path relative to the main checkout, for compact messages.
pub(crate) fn rel(ctx: &Context, path: &str) -> String {
    match &ctx.repo {
        Some(r) => std::path::Path::new(path)
            .strip_prefix(&r.main_root)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| path.to_string()),
        None => path.to_string(),
    }
}
