use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::app::trust::{Mode, TrustResult};
use crate::cli::context::Context;

/// Let this repository's `.wfc/config.toml`, exactly as it is now, run the commands it defines.
///
/// A repository's config may choose built-in reviewers, thresholds and ids freely, but its
/// external reviewers (commands, with their env and cwd) and its rate-limit buckets take effect
/// only after `wfc trust` has recorded the file's sha256 for this repository. Any change to the
/// file makes it untrusted again. Your user config is always trusted.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Print what the file would run and whether it is trusted; change nothing
    #[arg(long, conflicts_with = "revoke")]
    pub show: bool,
    /// Forget the trust recorded for this repository's config file
    #[arg(long)]
    pub revoke: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let mode = if args.revoke {
        Mode::Revoke
    } else if args.show {
        Mode::Show
    } else {
        Mode::Trust
    };
    let result = app::trust::run(ctx, mode)?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&result)?;
    } else {
        ctx.ui.out(&render(&result))?;
    }
    Ok(Outcome::Success)
}

fn render(r: &TrustResult) -> String {
    let short = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.chars().take(12).collect::<String>())
            .unwrap_or_default()
    };
    let mut s = match (r.action, r.state) {
        (Some("trusted"), _) => format!("trusted {} (sha256 {})\n", r.path, short(&r.sha256)),
        (Some("revoked"), _) => format!("revoked the trust of {}\n", r.path),
        (None, "absent") => format!("{} does not exist: nothing to trust\n", r.path),
        (None, "trusted") => format!("{} is trusted (sha256 {})\n", r.path, short(&r.sha256)),
        (None, "changed") => format!(
            "{} is NOT trusted: it changed since it was trusted (sha256 {} now, {} trusted)\n",
            r.path,
            short(&r.sha256),
            short(&r.trusted_sha256)
        ),
        _ => format!("{} is NOT trusted (sha256 {})\n", r.path, short(&r.sha256)),
    };
    if r.state == "absent" {
        return s;
    }
    if r.reviewers.is_empty() && r.rate_limits.is_empty() {
        s.push_str("it defines no command and no rate-limit bucket\n");
        return s;
    }
    let verb = if r.state == "trusted" {
        "runs"
    } else {
        "would run (once trusted)"
    };
    for rv in &r.reviewers {
        s.push_str(&format!("reviewer {} {verb}: {}\n", rv.id, rv.command));
        if let Some(c) = &rv.cwd {
            s.push_str(&format!("  cwd: {c}\n"));
        }
        for e in &rv.env {
            s.push_str(&format!("  env: {e}\n"));
        }
        if let Some(l) = &rv.rate_limit {
            s.push_str(&format!("  rate limit: {l}\n"));
        }
    }
    for t in &r.rate_limits {
        s.push_str(&format!(
            "rate-limit bucket {}: capacity {}, refill {}/s\n",
            t.name,
            t.capacity.map(|c| c.to_string()).unwrap_or("-".into()),
            t.refill_per_sec
                .map(|c| c.to_string())
                .unwrap_or("-".into())
        ));
    }
    if r.state != "trusted" {
        s.push_str("run `wfc trust` to let it run\n");
    }
    s
}
