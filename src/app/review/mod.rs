//! A review job from start to end: choose the change and the reviewers, run them, score, write the
//! reports, and record the job, the audit row and the telemetry event.
//!
//! `wfc review` runs all of it; the two-phase protocol splits it at the reviewers: `prepare` stops
//! after the plan, `finalize` starts from the responses a harness collected.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::app::Session;
use crate::app::error::AppError;
use crate::config::{BUILTIN_REVIEWERS, Config, ExternalReviewerConfig, OnReviewerError};
use crate::review::builtin::{self, Builtin};
use crate::review::change::Change;
use crate::review::consensus::{self, Reported};
use crate::review::engine::{self, Kind, Outcome, Planned, Progress, Status};
use crate::review::input::{self, Input, Selection};
use crate::review::policy::Policy;
use crate::review::prompt;
use crate::review::result::{
    GateGrant, ReviewResult, ReviewStatus, ReviewerReport, SCHEMA_VERSION,
};
use crate::store::jobs;
use crate::tier::Tier;

mod harness;
mod learn;
mod plan;
mod record;

pub use harness::{PrepareOutput, Prepared, Response, RuleFindings, TaskSpec, finalize, prepare};
use learn::*;
use plan::*;
pub use plan::{Prompts, plan, reviewer_ids};
pub use record::{Finished, finish};

/// Rate-limit tokens from the store's shared buckets; each worker opens the store anew.
struct StoreTokens {
    location: crate::store::Location,
    host: crate::store::host::Host,
}

impl engine::Tokens for StoreTokens {
    fn take(
        &self,
        bucket: &str,
        limit: &crate::config::RateLimitConfig,
        timeout: Duration,
    ) -> Result<(), engine::TokenError> {
        use crate::store::ratelimit::RateLimitError;
        let taken = crate::store::backend::open(&self.location, self.host.clone())
            .map_err(RateLimitError::from)
            .and_then(|mut s| s.take_token(bucket, limit, timeout));
        match taken {
            Ok(_) => Ok(()),
            Err(RateLimitError::Interrupted { .. }) => Err(engine::TokenError::Interrupted),
            Err(e) => Err(engine::TokenError::Failed(e.to_string())),
        }
    }
}

/// Which reviewers and what to do with the outcome.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub selection: Option<Selection>,
    pub task_id: Option<String>,
    /// `--reviewers`; empty means the configured set.
    pub reviewers: Vec<String>,
    /// Use the `hook.reviewers` set (built-in by default) instead of `review.reviewers`.
    pub hook: bool,
    pub fail_on: Option<Tier>,
    pub sarif: Option<PathBuf>,
    pub no_learn: bool,
    pub bypass_reason: Option<String>,
}

/// Nothing to review, or a finished review.
#[derive(Debug)]
pub enum Ran {
    Nothing { tree_id: String, mode: &'static str },
    Done(Box<ReviewResult>),
}

fn request_base(
    ctx: &Session,
    job_id: &str,
    task: &str,
    input: &Input,
    diff: &str,
) -> serde_json::Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "job_id": job_id,
        "project_id": ctx.project_id.as_str(),
        "developer_id": ctx.developer_id.as_str(),
        "task_id": task,
        "tree_id": input.tree_id,
        "mode": input.mode,
        "repo_root": ctx.repo.as_ref().map(|r| r.workdir.to_string_lossy().into_owned()),
        "files": input.change.files.iter().map(|f| json!({
            "path": f.path,
            "status": f.status,
            "added_lines": f.added.len(),
            "removed_lines": f.removed,
        })).collect::<Vec<_>>(),
        "diff": diff,
    })
}

fn resolve_task(ctx: &Session, req: &Request, input: &Input) -> Result<String, AppError> {
    let raw = match (&req.task_id, &ctx.worktree_task) {
        (Some(t), _) => t.clone(),
        (None, Some(t)) => t.to_string(),
        (None, None) => input::default_task(input.branch.as_deref(), &input.tree_id),
    };
    Ok(ctx.task_id(&raw)?.to_string())
}

/// Selects the change. `Ok(Err(nothing))` when there is nothing to review.
fn select(ctx: &mut Session, req: &Request) -> Result<Result<Input, Ran>, AppError> {
    let selection = req.selection.clone().unwrap_or(Selection::Auto);
    let stdin = ctx.stdin.take();
    let repo = ctx.repo()?;
    let mut input = input::select(
        repo,
        ctx.env.git_index_file.as_deref(),
        &ctx.cwd,
        &selection,
        stdin,
    )?;
    if matches!(input.mode, "working-tree" | "base") {
        drop_copied_env_files(ctx, &mut input)?;
    }
    if input.change.files.is_empty() {
        return Ok(Err(Ran::Nothing {
            tree_id: input.tree_id,
            mode: input.mode,
        }));
    }
    Ok(Ok(input))
}

/// Copied env files are never part of the reviewed working-tree change (DESIGN.md "Secrets never
/// leave their line"): the untracked files that `worktree create` or `copy-env` copied into this
/// task worktree, as its lease records them, leave the change and its diff. A file the developer
/// staged is theirs to review.
fn drop_copied_env_files(ctx: &mut Session, input: &mut Input) -> Result<(), AppError> {
    let repo = ctx.repo()?;
    if repo.workdir == repo.main_root {
        return Ok(());
    }
    let key = repo.main_root.to_string_lossy().into_owned();
    let workdir = repo.workdir.clone();
    let leases = ctx.backend()?.leases(&key, None)?;
    let Some(lease) = leases
        .into_iter()
        .find(|l| std::path::Path::new(&l.path) == workdir)
    else {
        return Ok(());
    };
    let copied: Vec<&str> = lease.copied_files.iter().map(|c| c.path.as_str()).collect();
    let dropped: Vec<String> = input
        .change
        .files
        .iter()
        .filter(|f| {
            f.status == crate::review::FileStatus::Added && copied.contains(&f.path.as_str())
        })
        .map(|f| f.path.clone())
        .collect();
    if dropped.is_empty() {
        return Ok(());
    }
    input.change.files.retain(|f| !dropped.contains(&f.path));
    input.change.diff = without_files(&input.change.diff, &dropped);
    Ok(())
}

/// `diff` without the sections of `paths` (each starts at its `diff --git a/<p> b/<p>` line).
fn without_files(diff: &str, paths: &[String]) -> String {
    let headers: Vec<String> = paths
        .iter()
        .map(|p| format!("diff --git a/{p} b/{p}"))
        .collect();
    let mut out = String::with_capacity(diff.len());
    let mut keep = true;
    for line in diff.split_inclusive('\n') {
        if line.starts_with("diff --git ") {
            let head = line.trim_end_matches(['\n', '\r']);
            keep = !headers.iter().any(|h| h == head);
        }
        if keep {
            out.push_str(line);
        }
    }
    out
}

/// Loads the repository's gitleaks config (`.gitleaks.toml` or `[review.secrets]
/// gitleaks_config`) as extra rules of the security reviewer, for this process. It needs no
/// `wfc trust`: it runs nothing, its rules can only add findings, and its allowlists reach only
/// its own rules. An error in it is a config error (exit 2) naming `file:line:column`.
/// Installs the repository's `.gitleaks.toml` (or `[review.secrets] gitleaks_config`) as extra
/// rules of the security reviewer. For the pre-commit hook the file is read as committed in the
/// commit the change is made on, like the gate policy: the change being committed can neither
/// weaken nor delete the rules it is checked against.
fn install_custom_rules(ctx: &Session, hook: bool) -> Result<(), AppError> {
    let Some(repo) = &ctx.repo else {
        return Ok(());
    };
    let workdir = &repo.workdir;
    let configured = ctx.config.review.secrets.gitleaks_config.as_deref();
    let rules = if hook {
        committed_custom_rules(repo, ctx.git()?, configured)?
    } else {
        match builtin::gitleaks_config_path(workdir, configured)? {
            Some(path) => Some(builtin::CustomRules::load(&path)?),
            None => None,
        }
    };
    let rules = rules.map(|rules| {
        for note in &rules.notes {
            ctx.notify.warn(note);
        }
        std::sync::Arc::new(rules)
    });
    builtin::install_custom_rules(rules);
    Ok(())
}

/// The custom rules as committed in the first parent of the commit being made (HEAD; HEAD's
/// parent under `--amend`); none when that commit has no such file.
fn committed_custom_rules(
    info: &crate::git::RepoInfo,
    repo: &git2::Repository,
    configured: Option<&str>,
) -> Result<Option<builtin::CustomRules>, AppError> {
    let rel = builtin::gitleaks_config_rel(&info.workdir, configured)?;
    let shown = info.workdir.join(rel);
    let invalid = |message: String| crate::config::ConfigError::Invalid {
        path: shown.clone(),
        message,
    };
    let parents = crate::git::commit::pending_parents(repo, &info.git_dir)?;
    let Some(first) = parents.first() else {
        return Ok(None);
    };
    let tree = repo
        .find_commit(*first)
        .and_then(|c| c.tree())
        .map_err(crate::git::ctx("cannot read the tree of HEAD"))?;
    let entry = match tree.get_path(rel) {
        Ok(e) => e,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(crate::git::GitError::git("cannot read HEAD's tree", e).into()),
    };
    if !matches!(entry.filemode(), 0o100644 | 0o100755) {
        return Err(invalid(
            "not a regular file in HEAD (a symbolic link or a folder is not read)".into(),
        )
        .into());
    }
    const READ: &str = "cannot read the gitleaks config of HEAD";
    // The size from the object's header, before anything is inflated: the file is the
    // repository's, and may be huge.
    let (size, _) = repo
        .odb()
        .and_then(|odb| odb.read_header(entry.id()))
        .map_err(crate::git::ctx(READ))?;
    if size as u64 > builtin::CUSTOM_RULES_MAX_BYTES {
        return Err(invalid(format!(
            "larger than {} bytes",
            builtin::CUSTOM_RULES_MAX_BYTES
        ))
        .into());
    }
    let blob = repo.find_blob(entry.id()).map_err(crate::git::ctx(READ))?;
    let text = std::str::from_utf8(blob.content()).map_err(|_| invalid("not UTF-8 text".into()))?;
    Ok(Some(builtin::CustomRules::parse(&shown, text)?))
}

/// Reads the change of a review into the built-in reviewers, one file at a time, deciding the
/// reviewers once the kind of change is known.
struct Reading<'a, 's, 'e> {
    ctx: &'a Session,
    req: &'a Request,
    feed: &'a mut engine::ScanFeed<'s, 'e>,
    /// Untracked files copied into this task worktree (working-tree and base changes only).
    copied: Vec<String>,
    chosen: Option<(PolicyRead, Vec<String>)>,
    /// How many files stayed in the change.
    kept_files: usize,
}

impl input::Sink for Reading<'_, '_, '_> {
    type Error = AppError;

    fn start(
        &mut self,
        mode: &'static str,
        shape: Option<&crate::git::commit::Shape>,
    ) -> Result<bool, AppError> {
        let (policy, ids) = policy_and_ids(self.ctx, self.req, shape)?;
        if !matches!(mode, "working-tree" | "base") {
            self.copied.clear();
        }
        let builtins: Vec<(String, Builtin)> = ids
            .iter()
            .filter_map(|id| Builtin::from_id(id).map(|b| (id.clone(), b)))
            .collect();
        // External reviewers read the whole diff by design (DESIGN.md "Review" 2): with one of
        // them in the panel the change is held whole; without, one file at a time.
        let whole = builtins.len() < ids.len();
        self.feed.start(builtins, whole);
        self.chosen = Some((policy, ids));
        Ok(whole)
    }

    fn file(&mut self, file: crate::review::FileChange) -> Result<bool, AppError> {
        if self.ctx.cancel.is_cancelled() {
            return Err(AppError::interrupted());
        }
        if file.status == crate::review::FileStatus::Added && self.copied.contains(&file.path) {
            return Ok(false);
        }
        self.kept_files += 1;
        self.feed.file(file);
        Ok(true)
    }

    fn whole_file(
        &mut self,
        file: crate::review::FileChange,
        text: String,
    ) -> Result<bool, AppError> {
        if self.ctx.cancel.is_cancelled() {
            return Err(AppError::interrupted());
        }
        if file.status == crate::review::FileStatus::Added && self.copied.contains(&file.path) {
            return Ok(false);
        }
        self.kept_files += 1;
        self.feed.whole_file(file, text);
        Ok(true)
    }
}

/// The untracked files `worktree create` or `copy-env` copied into this task worktree, as its
/// lease records them: never part of the reviewed working-tree change (DESIGN.md "Secrets never
/// leave their line"). A file the developer staged is theirs to review.
fn copied_env_files(ctx: &mut Session) -> Result<Vec<String>, AppError> {
    let repo = ctx.repo()?;
    if repo.workdir == repo.main_root {
        return Ok(Vec::new());
    }
    let key = repo.main_root.to_string_lossy().into_owned();
    let workdir = repo.workdir.clone();
    let leases = ctx.backend()?.leases(&key, None)?;
    Ok(leases
        .into_iter()
        .find(|l| std::path::Path::new(&l.path) == workdir)
        .map(|l| l.copied_files.into_iter().map(|c| c.path).collect())
        .unwrap_or_default())
}

/// Runs a whole review. The change is read one file at a time and each file is scanned by the
/// built-in reviewers as soon as it is read, so a review holds a few files, not the change
/// (unless an external reviewer, which reads the whole diff, is in the panel).
pub fn run(
    ctx: &mut Session,
    req: &Request,
    on_progress: &mut dyn FnMut(&[Planned], Progress),
) -> Result<Ran, AppError> {
    let started = ctx.now();
    let selection = req.selection.clone().unwrap_or(Selection::Auto);
    let copied = match selection {
        Selection::Auto | Selection::WorkingTree | Selection::Base(_) => copied_env_files(ctx)?,
        _ => Vec::new(),
    };
    // Before the first file is scanned: the built-in reviewers scan while the change is read.
    install_custom_rules(ctx, req.hook)?;
    let repo = ctx.repo()?.clone();
    let stdin = ctx.stdin.take();
    let ctx_ro: &Session = ctx;
    let git = ctx_ro.git()?;
    let (read, scanned) = engine::scanning(|feed| {
        let mut reading = Reading {
            ctx: ctx_ro,
            req,
            feed,
            copied,
            chosen: None,
            kept_files: 0,
        };
        let streamed = input::stream(
            &repo,
            git,
            ctx_ro.env.git_index_file.as_deref(),
            &ctx_ro.cwd,
            &selection,
            stdin,
            &mut reading,
        );
        streamed.map(|s| (s, reading.chosen, reading.kept_files))
    });
    let (streamed, chosen, kept_files) = read?;
    let input = Input {
        change: Change {
            files: scanned.files,
            diff: streamed.diff,
        },
        tree_id: streamed.tree_id,
        mode: streamed.mode,
        branch: streamed.branch,
        shape: streamed.shape,
    };
    if kept_files == 0 {
        return Ok(Ran::Nothing {
            tree_id: input.tree_id,
            mode: input.mode,
        });
    }
    let (policy, ids) = chosen.expect("the reviewers are chosen before the first file");
    let task = resolve_task(ctx, req, &input)?;
    let job_id = crate::store::new_id("r", started);
    let diff = if input.change.diff.is_empty() {
        String::new()
    } else {
        builtin::redact_secrets(&input.change.diff)
    };
    let relevance: Vec<(String, bool)> = scanned
        .outcomes
        .iter()
        .map(|o| (o.id.clone(), o.status != Status::Skipped))
        .collect();
    let planned = plan(
        ctx,
        &ids,
        &input.change,
        &diff,
        Prompts::ExternalOnly,
        Some(&relevance),
    );
    // The request external reviewers read on stdin; none runs, none is built (it lists every
    // file of the change).
    let externals = planned
        .iter()
        .any(|p| p.relevant && matches!(p.kind, Kind::External(_)));
    let base = if externals {
        request_base(ctx, &job_id, &task, &input, &diff)
    } else {
        serde_json::Value::Null
    };
    let repo_key = ctx.repo()?.common_dir.to_string_lossy().into_owned();
    insert_job(
        ctx,
        &JobStart {
            id: &job_id,
            repo: &repo_key,
            task: &task,
            tree_id: &input.tree_id,
            status: jobs::JobStatus::Running,
            request: None,
        },
        started,
    )?;

    let settings = engine::Settings {
        workdir: ctx.repo()?.workdir.clone(),
        main_root: ctx.repo()?.main_root.clone(),
        default_timeout: ctx.config.review.timeout.0,
        rate_limits: ctx.config.rate_limit.clone(),
        tokens: std::sync::Arc::new(StoreTokens {
            location: ctx.store_location(),
            host: ctx.host.clone(),
        }),
        untrusted: ctx
            .untrusted_commands()
            .map(|rc| rc.reviewers.iter().cloned().collect())
            .unwrap_or_default(),
        untrusted_file: ctx.untrusted_commands().map(|rc| rc.path.clone()),
        limits: crate::review::formats::Limits::of(&ctx.config.review),
    };
    let outcomes = engine::run(
        &planned,
        &input.change,
        &base,
        &settings,
        scanned.outcomes,
        &mut |p| on_progress(&planned, p),
    );
    if ctx.cancel.is_cancelled() {
        let now = ctx.now();
        ctx.backend()?.interrupt_job(now, &job_id, false)?;
        ctx.audit(
            "review",
            &task,
            "interrupted",
            json!({ "job_id": job_id, "tree_id": input.tree_id }),
        )?;
        return Err(AppError::interrupted());
    }
    let finished = Finished {
        job_id,
        task_id: task,
        tree_id: input.tree_id.clone(),
        mode: input.mode.to_string(),
        project_id: ctx.project_id.to_string(),
        developer_id: ctx.developer_id.to_string(),
        change: input.change,
        outcomes,
        started,
        shape: input.shape,
        policy,
    };
    finish(ctx, req, finished).map(|r| Ran::Done(Box::new(r)))
}

/// A review job about to be recorded, by the session's project and developer.
pub(super) struct JobStart<'a> {
    pub id: &'a str,
    /// The repository key (its common git dir).
    pub repo: &'a str,
    pub task: &'a str,
    pub tree_id: &'a str,
    pub status: jobs::JobStatus,
    pub request: Option<&'a str>,
}

fn insert_job(ctx: &mut Session, job: &JobStart<'_>, now: SystemTime) -> Result<(), AppError> {
    let project = ctx.project_id.to_string();
    let developer = ctx.developer_id.to_string();
    let root = ctx.repo.as_ref().map(|r| r.main_root.clone());
    ctx.backend()?.start_job(
        now,
        &jobs::NewJob {
            id: job.id,
            kind: "review",
            repo: Some(job.repo),
            project_id: &project,
            developer_id: &developer,
            task_id: Some(job.task),
            tree_id: Some(job.tree_id),
            status: job.status,
            request: job.request,
        },
        root.as_deref(),
    )?;
    Ok(())
}
