use std::io::Read;
use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::app::error::{AppError, CommandResult};
use crate::app::review::{self as job, Ran};
use crate::cli::context::Context;

/// Score `[{"reviewer_id", "response"}]` (raw reviewer text, read as llm-text) for a prepared job
/// and complete it. Exactly the responses given are scored; a missing or empty response is a
/// reviewer error (exit 3), and `[]` is a valid "no findings".
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Job id printed by `wfc review prepare`
    #[arg(long, value_name = "ID")]
    pub job: String,
    /// JSON file with the responses, or `-` for stdin
    #[arg(long, value_name = "FILE")]
    pub responses: PathBuf,
    /// The lowest tier that fails the review
    #[arg(long, value_enum, value_name = "TIER")]
    pub fail_on: Option<crate::review::Tier>,
    /// Also write a SARIF 2.1.0 report to PATH
    #[arg(long, value_name = "PATH")]
    pub sarif: Option<PathBuf>,
    /// Do not append learnings to the knowledge base
    #[arg(long)]
    pub no_learn: bool,
    /// Let a failed review through, recording who and why in the audit trail
    #[arg(long, value_name = "TEXT")]
    pub bypass_reason: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let text = if args.responses.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| AppError::failed("cannot read the responses from stdin").with_cause(e))?;
        s
    } else {
        let p = ctx.cwd.join(&args.responses);
        std::fs::read_to_string(&p).map_err(|e| {
            AppError::usage(format!("cannot read the responses file {}", p.display())).with_cause(e)
        })?
    };
    let req = job::Request {
        fail_on: args.fail_on,
        sarif: args.sarif.clone(),
        no_learn: args.no_learn,
        bypass_reason: args.bypass_reason.clone(),
        ..job::Request::default()
    };
    let result = job::finalize(ctx, &req, &args.job, &text)?;
    super::output::show(&ctx.ui, &Ran::Done(Box::new(result)))
}
