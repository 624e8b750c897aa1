//! The trust use case: whether the repository's config file may run the commands it defines,
//! and recording or revoking that for its exact content.

use serde::Serialize;

use super::session::trust_key;
use super::{AppError, Session};
use crate::config::{CommandLine, RepoCommands};
use crate::review::builtin::redact_secrets;
use crate::store::audit::NewAudit;
use crate::store::trust::TrustRecord;

/// What `trust` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Say what the file would run and whether it is trusted; change nothing.
    Show,
    /// Record the file's sha256 as trusted.
    Trust,
    /// Forget the trust recorded for the file.
    Revoke,
}

#[derive(Debug, Serialize)]
pub struct ReviewerCommand {
    pub id: String,
    pub command: String,
    pub argv: bool,
    pub cwd: Option<String>,
    pub env: Vec<String>,
    pub rate_limit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RateLimitTable {
    pub name: String,
    pub capacity: Option<f64>,
    pub refill_per_sec: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct TrustResult {
    pub path: String,
    /// `absent`, `trusted`, `untrusted` or `changed` (trusted once, edited since).
    pub state: &'static str,
    pub sha256: Option<String>,
    pub trusted_sha256: Option<String>,
    pub trusted_at: Option<String>,
    pub trusted_by: Option<String>,
    /// What changed in this run: `trusted`, `revoked`, or nothing.
    pub action: Option<&'static str>,
    pub reviewers: Vec<ReviewerCommand>,
    pub rate_limits: Vec<RateLimitTable>,
}

fn commands(
    ctx: &Session,
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

/// Shows, records or revokes the trust of the repository's config file as it is now.
pub fn run(ctx: &mut Session, mode: Mode) -> Result<TrustResult, AppError> {
    let repo = ctx.repo()?.clone();
    let path = ctx.repo_config_path()?;
    let key = trust_key(&repo);
    let path_s = path.to_string_lossy().into_owned();
    let record = ctx.backend()?.trusted_config(&key, &path_s)?;
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
    if mode == Mode::Revoke {
        let entry = NewAudit {
            project_id: &project,
            developer_id: &developer,
            action: "trust-revoke",
            resource: &path_s,
            status: "ok",
            details,
        };
        let had = ctx.backend()?.revoke_trust(now, &key, &path_s, &entry)?;
        result.action = had.then_some("revoked");
        result.state = if sha.is_some() { "untrusted" } else { "absent" };
        result.trusted_sha256 = None;
        result.trusted_at = None;
        result.trusted_by = None;
    } else if mode == Mode::Trust {
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
        ctx.backend()?.trust_config(now, &rec, &entry)?;
        result.action = Some("trusted");
        result.state = "trusted";
        result.trusted_sha256 = Some(rec.sha256);
        result.trusted_at = Some(rec.trusted_at);
        result.trusted_by = Some(rec.developer_id);
    }
    Ok(result)
}
