use clap::Args as ClapArgs;
use serde::Serialize;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::app::session::trust_key;
use crate::cli::context::Context;
use crate::config::{CommandLine, RepoCommands};
use crate::review::builtin::redact_secrets;
use crate::store::audit::NewAudit;
use crate::store::trust::{self, TrustRecord};

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

#[derive(Debug, Serialize)]
struct ReviewerCommand {
    id: String,
    command: String,
    argv: bool,
    cwd: Option<String>,
    env: Vec<String>,
    rate_limit: Option<String>,
}

#[derive(Debug, Serialize)]
struct RateLimitTable {
    name: String,
    capacity: Option<f64>,
    refill_per_sec: Option<f64>,
}

#[derive(Debug, Serialize)]
struct TrustResult {
    path: String,
    /// `absent`, `trusted`, `untrusted` or `changed` (trusted once, edited since).
    state: &'static str,
    sha256: Option<String>,
    trusted_sha256: Option<String>,
    trusted_at: Option<String>,
    trusted_by: Option<String>,
    /// What changed in this run: `trusted`, `revoked`, or nothing.
    action: Option<&'static str>,
    reviewers: Vec<ReviewerCommand>,
    rate_limits: Vec<RateLimitTable>,
}

fn commands(
    ctx: &Context,
    rc: Option<&RepoCommands>,
) -> (Vec<ReviewerCommand>, Vec<RateLimitTable>) {
    let Some(rc) = rc else {
        return (Vec::new(), Vec::new());
    };
    let reviewers = rc
        .reviewer_configs(&ctx.config)
        .map(|r| ReviewerCommand {
            id: r.id.clone(),
            command: redact_secrets(&match &r.command {
                CommandLine::Shell(s) => s.clone(),
                CommandLine::Argv(v) => v.join(" "),
            }),
            argv: matches!(r.command, CommandLine::Argv(_)),
            cwd: r.cwd.clone(),
            env: r
                .env
                .iter()
                .map(|(k, v)| redact_secrets(&format!("{k}={v}")))
                .collect(),
            rate_limit: r.rate_limit.clone(),
        })
        .collect();
    // While untrusted the context holds the tables without the file's; read the file's own.
    let file_tables = crate::config::rate_limit_tables(&rc.path);
    let rate_limits = rc
        .rate_limits
        .iter()
        .map(|name| {
            let t = file_tables.get(name);
            RateLimitTable {
                name: name.clone(),
                capacity: t.and_then(|t| t.0),
                refill_per_sec: t.and_then(|t| t.1),
            }
        })
        .collect();
    (reviewers, rate_limits)
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let repo = ctx.repo()?.clone();
    let path = ctx.repo_config_path()?;
    let key = trust_key(&repo);
    let path_s = path.to_string_lossy().into_owned();
    let record = trust::get(ctx.store()?, &key, &path_s)?;
    let sha = ctx.repo_config_sha256.clone();
    let rc = ctx.repo_commands.clone();
    let (reviewers, rate_limits) = commands(ctx, rc.as_ref());
    let state = match (&sha, &record) {
        (None, _) => "absent",
        (Some(s), Some(r)) if &r.sha256 == s => "trusted",
        (Some(_), Some(_)) => "changed",
        (Some(_), None) => "untrusted",
    };
    let mut result = TrustResult {
        path: path_s.clone(),
        state,
        sha256: sha.clone(),
        trusted_sha256: record.as_ref().map(|r| r.sha256.clone()),
        trusted_at: record.as_ref().map(|r| r.trusted_at.clone()),
        trusted_by: record.as_ref().map(|r| r.developer_id.clone()),
        action: None,
        reviewers,
        rate_limits,
    };
    let details = serde_json::json!({
        "sha256": sha,
        "reviewers": result.reviewers.iter().map(|r| &r.id).collect::<Vec<_>>(),
        "rate_limits": result.rate_limits.iter().map(|r| &r.name).collect::<Vec<_>>(),
    });
    let project = ctx.project_id.to_string();
    let developer = ctx.developer_id.to_string();
    let now = ctx.now();
    if args.revoke {
        let entry = NewAudit {
            project_id: &project,
            developer_id: &developer,
            action: "trust-revoke",
            resource: &path_s,
            status: "ok",
            details,
        };
        let had = trust::revoke(ctx.store()?, now, &key, &path_s, &entry)?;
        result.action = had.then_some("revoked");
        result.state = if sha.is_some() { "untrusted" } else { "absent" };
        result.trusted_sha256 = None;
        result.trusted_at = None;
        result.trusted_by = None;
    } else if !args.show {
        let Some(sha) = sha.clone() else {
            return Err(
                AppError::failed(format!("there is no {} to trust", path.display()))
                    .with_hint("`wfc init` writes one"),
            );
        };
        let rec = TrustRecord {
            repo: key.clone(),
            path: path_s.clone(),
            sha256: sha,
            developer_id: developer.clone(),
            trusted_at: crate::time::rfc3339(now),
        };
        let entry = NewAudit {
            project_id: &project,
            developer_id: &developer,
            action: "trust",
            resource: &path_s,
            status: "ok",
            details,
        };
        trust::trust(ctx.store()?, now, &rec, &entry)?;
        result.action = Some("trusted");
        result.state = "trusted";
        result.trusted_sha256 = Some(rec.sha256);
        result.trusted_at = Some(rec.trusted_at);
        result.trusted_by = Some(rec.developer_id);
    }
    if ctx.ui.json_mode() {
        ctx.ui.json(&result)?;
    } else {
        ctx.ui.out(&render(&result))?;
    }
    Ok(Outcome::SUCCESS)
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
