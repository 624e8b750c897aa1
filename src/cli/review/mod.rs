mod finalize;
mod list;
pub(crate) mod output;
mod prepare;
mod show;

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};

use crate::app::error::CommandResult;
use crate::app::review as job;
use crate::cli::context::Context;
use crate::review::Tier;
use crate::review::input::Selection;

/// Review a change with a panel of reviewers running in parallel, merge their findings into one
/// consensus score, write REVIEW-<task>.md and .json, and exit 0 (passed), 1 (failed) or
/// 3 (incomplete).
///
/// The change is the staged one when something is staged, else the working tree against HEAD.
#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Which change to review.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct ChangeArgs {
    /// Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)
    #[arg(long, value_name = "ID")]
    pub task_id: Option<String>,
    /// Review the staged change (the default when something is staged)
    #[arg(long, conflicts_with_all = ["base", "range", "diff_file", "files"])]
    pub staged: bool,
    /// Review the working tree against REF
    #[arg(long, value_name = "REF", conflicts_with_all = ["range", "diff_file", "files"])]
    pub base: Option<String>,
    /// Review the commits A..B
    #[arg(long, value_name = "A..B", conflicts_with_all = ["diff_file", "files"])]
    pub range: Option<String>,
    /// Review a unified diff from PATH, or from stdin with `-`
    #[arg(long, value_name = "PATH", conflicts_with = "files")]
    pub diff_file: Option<PathBuf>,
    /// Review these files whole, as if every line were added
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Reviewers to run, by id (built-in and external), comma-separated
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub reviewers: Vec<String>,
}

#[derive(Debug, Clone, Default, ClapArgs)]
pub struct RunArgs {
    #[command(flatten)]
    pub change: ChangeArgs,
    /// The lowest tier that fails the review (default: review.fail_on, important)
    #[arg(long, value_enum, value_name = "TIER")]
    pub fail_on: Option<Tier>,
    /// Also write a SARIF 2.1.0 report to PATH
    #[arg(long, value_name = "PATH")]
    pub sarif: Option<PathBuf>,
    /// Do not append learnings to the knowledge base
    #[arg(long)]
    pub no_learn: bool,
    /// Let a failed review through, recording who and why in the audit trail
    #[arg(long, value_name = "TEXT")]
    pub bypass_reason: Option<String>,
    /// One JSON line per reviewer event on stderr (`{"wfc_progress": ...}`), for `wfc mcp`
    #[arg(long, hide = true)]
    pub progress_json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer
    Prepare(prepare::Args),
    /// Phase two: score the reviewers' raw responses and complete the job
    Finalize(finalize::Args),
    /// List past reviews
    List(list::Args),
    /// Show one past review
    Show(show::Args),
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    match &args.command {
        Some(Command::Prepare(a)) => prepare::run(ctx, a),
        Some(Command::Finalize(a)) => finalize::run(ctx, a),
        Some(Command::List(a)) => list::run(ctx, a),
        Some(Command::Show(a)) => show::run(ctx, a),
        None => run_review(ctx, &args.run),
    }
}

impl ChangeArgs {
    /// The change selection these flags ask for.
    pub fn selection(&self) -> Selection {
        if let Some(b) = &self.base {
            Selection::Base(b.clone())
        } else if let Some(r) = &self.range {
            Selection::Range(r.clone())
        } else if let Some(d) = &self.diff_file {
            Selection::DiffFile(d.clone())
        } else if !self.files.is_empty() {
            Selection::Files(self.files.clone())
        } else if self.staged {
            Selection::Staged
        } else {
            Selection::Auto
        }
    }

    pub fn request(&self) -> job::Request {
        job::Request {
            selection: Some(self.selection()),
            task_id: self.task_id.clone(),
            reviewers: self.reviewers.clone(),
            ..job::Request::default()
        }
    }
}

fn run_review(ctx: &mut Context, args: &RunArgs) -> CommandResult {
    let req = job::Request {
        fail_on: args.fail_on,
        sarif: args.sarif.clone(),
        no_learn: args.no_learn,
        bypass_reason: args.bypass_reason.clone(),
        ..args.change.request()
    };
    // Ctrl-C kills the reviewers and marks the job interrupted instead of ending at once.
    crate::interrupt::install();
    let ui = ctx.ui.clone();
    let mut progress = output::ReviewProgress::new();
    let mut done = 0usize;
    let lines = args.progress_json;
    let ran = job::run(ctx, &req, &mut |plan, p| {
        if lines {
            output::progress_line(plan, &p, &mut done);
        }
        progress.update(&ui, plan, p)
    });
    progress.clear();
    output::show(&ui, &ran?)
}
