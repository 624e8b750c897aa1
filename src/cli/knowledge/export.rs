use std::time::Duration;

use clap::Args as ClapArgs;

use super::Scope;
use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Write the store's knowledge to KNOWLEDGE.md files.
///
/// On the PostgreSQL store knowledge lives in a table; this writes each reviewer's entries to the
/// KNOWLEDGE.md the SQLite store would keep (global: $WFC_HOME/knowledge/global/reviewers,
/// project: the repository's .wfc/knowledge/reviewers), and archived entries to
/// KNOWLEDGE-ARCHIVE.md beside it. What a file already holds stays; an entry already there is
/// not written twice. On the SQLite store the files are the knowledge and nothing is written.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only global or only project knowledge; default: both (project only inside a repository)
    #[arg(long, value_enum)]
    pub scope: Option<Scope>,
    /// How long to wait for another writer's lock before giving up (exit 4)
    #[arg(long, value_name = "DUR", default_value = "60s", value_parser = crate::cli::duration_arg)]
    pub lock_timeout: Duration,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let done = app::knowledge::export(ctx, args.scope, args.lock_timeout)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&done)?;
        return Ok(Outcome::Success);
    }
    if done.kept_in == "files" {
        ctx.ui.status(
            "this store keeps knowledge in KNOWLEDGE.md files already (SQLite); nothing to export",
        );
        return Ok(Outcome::Success);
    }
    if done.files.is_empty() {
        ctx.ui
            .status("the store holds no knowledge yet; nothing written");
        return Ok(Outcome::Success);
    }
    let mut out = String::new();
    for f in &done.files {
        out.push_str(&format!(
            "{}: {} of {} entries added{}\n",
            crate::ui::escape(&f.path.display().to_string()),
            f.added,
            f.entries,
            if f.archived > 0 {
                format!(
                    ", {} of {} archived entries added to {}",
                    f.archived_added,
                    f.archived,
                    crate::knowledge::ARCHIVE_NAME
                )
            } else {
                String::new()
            }
        ));
    }
    ctx.ui.out(out.trim_end())?;
    Ok(Outcome::Success)
}
