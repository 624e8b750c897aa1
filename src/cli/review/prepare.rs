use clap::Args as ClapArgs;

use crate::app::error::{CommandResult, Outcome};
use crate::app::review as job;
use crate::cli::context::Context;

/// Print a job id and one task spec per selected reviewer (reviewer id, prompt, temperature,
/// relevant, token count), for harnesses that run the prompts themselves. Complete the job with
/// `wfc review finalize --job ID --responses FILE`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub change: super::ChangeArgs,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let req = args.change.request();
    match job::prepare(ctx, &req)? {
        Ok(out) => {
            if ctx.ui.json_mode() {
                ctx.ui.json(&out)?;
            } else {
                let mut s = format!(
                    "job {}  task {}  tree {}\n",
                    out.job_id, out.task_id, out.tree_id
                );
                for t in &out.tasks {
                    s.push_str(&format!(
                        "  {:<16} {}  {} tokens\n",
                        t.reviewer_id,
                        if t.relevant {
                            "relevant"
                        } else {
                            "not relevant"
                        },
                        t.token_count
                    ));
                }
                s.push_str("use --json for the prompts\n");
                ctx.ui.out(&s)?;
            }
            Ok(Outcome::Success)
        }
        Err(nothing) => super::output::show(&ctx.ui, &nothing),
    }
}
