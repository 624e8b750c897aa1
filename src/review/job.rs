//! A review job from start to end: choose the change and the reviewers, run them, score, write the
//! reports, and record the job, the audit row and the telemetry event.
//!
//! `wfc review` runs all of it; the two-phase protocol splits it at the reviewers: `prepare` stops
//! after the plan, `finalize` starts from the responses a harness collected.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::builtin::{self, Builtin};
use super::change::Change;
use super::consensus::{self, Reported};
use super::engine::{self, Kind, Outcome, Planned, Progress, Status};
use super::input::{self, Input, Selection};
use super::policy::Policy;
use super::prompt;
use super::result::{GateGrant, ReviewResult, ReviewStatus, ReviewerReport, SCHEMA_VERSION};
use super::tier::Tier;
use crate::config::{BUILTIN_REVIEWERS, Config, ExternalReviewerConfig, OnReviewerError};
use crate::context::Context;
use crate::error::CommandError;
use crate::store::jobs;

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

const DEFAULT_TEMPERATURE: f64 = 0.2;
const GENERIC_INSTRUCTIONS: &str = "Review the change for problems in your area of expertise.";

fn external<'a>(config: &'a Config, id: &str) -> Option<&'a ExternalReviewerConfig> {
    config.review.reviewer.iter().find(|r| r.id == id)
}

fn valid_ids(config: &Config) -> Vec<String> {
    BUILTIN_REVIEWERS
        .iter()
        .map(|s| s.to_string())
        .chain(config.review.reviewer.iter().map(|r| r.id.clone()))
        .collect()
}

/// The reviewer ids this review runs, in order, without repeats. In a hook, the gate policy's
/// reviewers (as committed in HEAD), never the working tree's or the environment's choice.
pub fn reviewer_ids(
    config: &Config,
    req: &Request,
    policy: Option<&Policy>,
) -> Result<Vec<String>, CommandError> {
    // Which config list the ids come from, to say where an unknown one was written.
    let mut from_config = None;
    let chosen: Vec<String> = if !req.reviewers.is_empty() {
        req.reviewers.clone()
    } else if let (true, Some(p)) = (req.hook, policy) {
        p.ids()
    } else if req.hook {
        if config.hook.reviewers.0.is_empty() {
            BUILTIN_REVIEWERS.iter().map(|s| s.to_string()).collect()
        } else {
            from_config = Some("hook");
            config.hook.reviewers.0.clone()
        }
    } else if !config.review.reviewers.0.is_empty() {
        from_config = Some("review");
        config.review.reviewers.0.clone()
    } else {
        valid_ids(config)
    };
    let valid = valid_ids(config);
    let mut out: Vec<String> = Vec::new();
    for id in chosen {
        let id = id.trim().to_string();
        if id.is_empty() {
            continue;
        }
        if !valid.contains(&id) {
            let hint = format!(
                "valid reviewers: {} (external ones come from [[review.reviewer]] in the config)",
                valid.join(", ")
            );
            if let Err(e) = crate::ids::validate(crate::ids::IdKind::Reviewer, &id) {
                return Err(CommandError::usage(e.to_string()).with_hint(hint));
            }
            let message = from_config
                .and_then(|section| config.unknown_reviewers.get(section))
                .cloned()
                .unwrap_or_else(|| format!("unknown reviewer {id:?}"));
            return Err(CommandError::usage(message).with_hint(hint));
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        return Err(CommandError::usage("no reviewer selected")
            .with_hint(format!("valid reviewers: {}", valid.join(", "))));
    }
    Ok(out)
}

fn external_relevant(cfg: &ExternalReviewerConfig, change: &Change) -> bool {
    match &cfg.extensions {
        None => true,
        Some(list) => change.files.iter().any(|f| {
            let ext = f.extension();
            list.0
                .iter()
                .any(|e| e.trim_start_matches('.').eq_ignore_ascii_case(&ext))
        }),
    }
}

/// Which reviewers get a prompt: every one for a harness, only external ones for a review run
/// here (built-in rules read the change, not a prompt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompts {
    All,
    ExternalOnly,
}

/// Plans every reviewer: relevance, prompt (with knowledge) and temperature. The built-in
/// reviewers' relevance is `builtin_relevance` when they already ran over the change.
pub fn plan(
    ctx: &Context,
    ids: &[String],
    change: &Change,
    redacted_diff: &str,
    prompts: Prompts,
    builtin_relevance: Option<&[(String, bool)]>,
) -> Vec<Planned> {
    ids.iter()
        .map(|id| {
            let (kind, relevant, instructions, temperature) = match Builtin::from_id(id) {
                Some(b) => (
                    Kind::Builtin(b),
                    match builtin_relevance {
                        Some(known) => known.iter().any(|(k, r)| k == id && *r),
                        None => builtin::is_relevant(b, change),
                    },
                    b.instructions().to_string(),
                    DEFAULT_TEMPERATURE,
                ),
                None => {
                    let cfg = external(&ctx.config, id).expect("ids were validated");
                    (
                        Kind::External(Box::new(cfg.clone())),
                        external_relevant(cfg, change),
                        cfg.instructions
                            .clone()
                            .unwrap_or_else(|| GENERIC_INSTRUCTIONS.to_string()),
                        cfg.temperature.unwrap_or(DEFAULT_TEMPERATURE),
                    )
                }
            };
            let wants_prompt =
                prompts == Prompts::All || (relevant && matches!(kind, Kind::External(_)));
            let prompt = if wants_prompt {
                let knowledge = knowledge_for(ctx, id, change);
                prompt::build(id, &instructions, &knowledge, change, redacted_diff)
            } else {
                String::new()
            };
            Planned {
                id: id.clone(),
                kind,
                relevant,
                prompt,
                temperature,
            }
        })
        .collect()
}

/// Most characters of added text that go into a knowledge query.
const QUERY_CHARS: usize = 8_000;

/// The knowledge entries most relevant to `change` for `reviewer`, from the global and the
/// project knowledge base, within `review.knowledge_tokens`, as prompt lines.
fn knowledge_for(ctx: &Context, reviewer: &str, change: &Change) -> Vec<String> {
    let budget = ctx.config.review.knowledge_tokens;
    if budget == 0 {
        return Vec::new();
    }
    let mut query = String::new();
    for f in &change.files {
        query.push_str(&f.path.replace(['/', '.'], " "));
        query.push(' ');
    }
    'lines: for f in &change.files {
        for a in &f.added {
            if query.len() > QUERY_CHARS {
                break 'lines;
            }
            query.push_str(&a.text);
            query.push('\n');
        }
    }
    let mut roots = vec![ctx.global_knowledge_root()];
    if let Ok(p) = ctx.project_knowledge_root() {
        roots.push(p);
    }
    // A knowledge base that cannot be read must not stop a review; it only makes prompts poorer.
    let hits =
        crate::knowledge::search::search(&roots, Some(reviewer), &query, 50).unwrap_or_default();
    crate::knowledge::search::within_budget(&hits, budget)
        .iter()
        .map(|h| h.line())
        .collect()
}

/// Appends what this review teaches to the global knowledge base of every reviewer that reported
/// it: severity >= 9 as an incident prevented, >= 7 with confidence >= 8 as a pattern found.
/// Returns how many entries were added.
fn learn(ctx: &mut Context, r: &ReviewResult, now: SystemTime) -> Result<usize, String> {
    use crate::knowledge::{NewEntry, Pending, Section, append_recorded, knowledge_file};
    let valid = valid_ids(&ctx.config);
    let mut by_reviewer: std::collections::BTreeMap<String, Vec<NewEntry>> = Default::default();
    for f in &r.findings {
        let section = if f.severity >= 9.0 {
            Section::IncidentsPrevented
        } else if f.severity >= 7.0 && f.confidence >= 8.0 {
            Section::PatternsFound
        } else {
            continue;
        };
        let what = f.descriptions.first().map(String::as_str).unwrap_or("");
        let rule = f
            .rules
            .first()
            .map(|r| format!("[{r}] "))
            .unwrap_or_default();
        let place = f
            .file
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let text = builtin::redact_secrets(&format!("{rule}{}: {what}{place}", f.category));
        for reviewer in f.reviewers.iter().filter(|x| valid.contains(x)) {
            by_reviewer
                .entry(reviewer.clone())
                .or_default()
                .push(NewEntry {
                    reviewer: reviewer.clone(),
                    section,
                    text: text.clone(),
                    source: format!("wfc review {} task {}", r.job_id, r.task_id),
                    developer: Some(r.developer_id.clone()),
                });
        }
    }
    let root = ctx.global_knowledge_root();
    let mut added = 0;
    let mut errors = Vec::new();
    for (reviewer, entries) in by_reviewer {
        let path = knowledge_file(&root, &reviewer);
        let resource = path.display().to_string();
        // Like `knowledge append`: the row first, under the file's lock, then the rename.
        let record = |p: Pending<'_>| -> Result<(), CommandError> {
            let added: Vec<String> = entries
                .iter()
                .zip(p.outcomes)
                .filter(|(_, o)| **o == crate::knowledge::AppendOutcome::Added)
                .map(|(e, _)| e.stored_text())
                .collect();
            if added.is_empty() {
                return Ok(());
            }
            ctx.audit(
                "knowledge.append",
                &resource,
                "added",
                json!({
                    "reviewer": reviewer,
                    "scope": "global",
                    "job_id": r.job_id,
                    "source": entries[0].stored_source(),
                    "texts": added,
                    "file_sha256": p.file_sha256,
                }),
            )
        };
        match append_recorded(
            &path,
            &entries,
            now,
            LEARN_LOCK_TIMEOUT,
            &mut |_| {},
            record,
        ) {
            Ok(outcomes) => {
                added += outcomes
                    .iter()
                    .filter(|o| **o == crate::knowledge::AppendOutcome::Added)
                    .count()
            }
            Err(e) => errors.push(format!("{}: {}", path.display(), e.message)),
        }
    }
    if errors.is_empty() {
        Ok(added)
    } else {
        Err(errors.join("; "))
    }
}

const LEARN_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

fn request_base(
    ctx: &Context,
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

fn resolve_task(ctx: &Context, req: &Request, input: &Input) -> Result<String, CommandError> {
    let raw = match (&req.task_id, &ctx.worktree_task) {
        (Some(t), _) => t.clone(),
        (None, Some(t)) => t.to_string(),
        (None, None) => input::default_task(input.branch.as_deref(), &input.tree_id),
    };
    Ok(ctx.task_id(&raw)?.to_string())
}

/// Selects the change. `Ok(Err(nothing))` when there is nothing to review.
fn select(ctx: &mut Context, req: &Request) -> Result<Result<Input, Ran>, CommandError> {
    let repo = ctx.repo()?;
    let selection = req.selection.clone().unwrap_or(Selection::Auto);
    let mut input = input::select(
        repo,
        ctx.env.git_index_file.as_deref(),
        &ctx.cwd,
        &selection,
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
fn drop_copied_env_files(ctx: &mut Context, input: &mut Input) -> Result<(), CommandError> {
    let repo = ctx.repo()?;
    if repo.workdir == repo.main_root {
        return Ok(());
    }
    let key = repo.main_root.to_string_lossy().into_owned();
    let workdir = repo.workdir.clone();
    let leases = crate::store::leases::list(ctx.store()?, &key, None)?;
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
        .filter(|f| f.status == super::FileStatus::Added && copied.contains(&f.path.as_str()))
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
fn install_custom_rules(ctx: &Context) -> Result<(), CommandError> {
    let Some(repo) = &ctx.repo else {
        return Ok(());
    };
    let workdir = &repo.workdir;
    let configured = ctx.config.review.secrets.gitleaks_config.as_deref();
    let rules = match builtin::gitleaks_config_path(workdir, configured)? {
        Some(path) => {
            let rules = builtin::CustomRules::load(&path)?;
            for note in &rules.notes {
                ctx.ui.warn(note);
            }
            Some(std::sync::Arc::new(rules))
        }
        None => None,
    };
    builtin::install_custom_rules(rules);
    Ok(())
}

/// Reads the change of a review into the built-in reviewers, one file at a time, deciding the
/// reviewers once the kind of change is known.
struct Reading<'a, 's, 'e> {
    ctx: &'a Context,
    req: &'a Request,
    feed: &'a mut engine::ScanFeed<'s, 'e>,
    /// Untracked files copied into this task worktree (working-tree and base changes only).
    copied: Vec<String>,
    chosen: Option<(PolicyRead, Vec<String>)>,
    /// How many files stayed in the change.
    kept_files: usize,
}

impl input::Sink for Reading<'_, '_, '_> {
    type Error = CommandError;

    fn start(
        &mut self,
        mode: &'static str,
        shape: Option<&crate::git::commit::Shape>,
    ) -> Result<bool, CommandError> {
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

    fn file(&mut self, file: super::FileChange) -> Result<bool, CommandError> {
        if crate::interrupt::is_interrupted() {
            return Err(CommandError::interrupted());
        }
        if file.status == super::FileStatus::Added && self.copied.contains(&file.path) {
            return Ok(false);
        }
        self.kept_files += 1;
        self.feed.file(file);
        Ok(true)
    }

    fn whole_file(&mut self, file: super::FileChange, text: String) -> Result<bool, CommandError> {
        if crate::interrupt::is_interrupted() {
            return Err(CommandError::interrupted());
        }
        if file.status == super::FileStatus::Added && self.copied.contains(&file.path) {
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
fn copied_env_files(ctx: &mut Context) -> Result<Vec<String>, CommandError> {
    let repo = ctx.repo()?;
    if repo.workdir == repo.main_root {
        return Ok(Vec::new());
    }
    let key = repo.main_root.to_string_lossy().into_owned();
    let workdir = repo.workdir.clone();
    let leases = crate::store::leases::list(ctx.store()?, &key, None)?;
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
    ctx: &mut Context,
    req: &Request,
    on_progress: &mut dyn FnMut(&[Planned], Progress),
) -> Result<Ran, CommandError> {
    let started = ctx.now();
    let selection = req.selection.clone().unwrap_or(Selection::Auto);
    let copied = match selection {
        Selection::Auto | Selection::WorkingTree | Selection::Base(_) => copied_env_files(ctx)?,
        _ => Vec::new(),
    };
    // Before the first file is scanned: the built-in reviewers scan while the change is read.
    install_custom_rules(ctx)?;
    let repo = ctx.repo()?.clone();
    crate::interrupt::install();
    let ctx_ro: &Context = ctx;
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
            ctx_ro.env.git_index_file.as_deref(),
            &ctx_ro.cwd,
            &selection,
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
    let base = request_base(ctx, &job_id, &task, &input, &diff);
    let repo_key = ctx.repo()?.common_dir.to_string_lossy().into_owned();
    insert_job(
        ctx,
        &job_id,
        &repo_key,
        &task,
        &input.tree_id,
        "running",
        None,
        started,
    )?;

    let settings = engine::Settings {
        workdir: ctx.repo()?.workdir.clone(),
        main_root: ctx.repo()?.main_root.clone(),
        default_timeout: ctx.config.review.timeout.0,
        rate_limits: ctx.config.rate_limit.clone(),
        db_path: ctx.db_path(),
        untrusted: ctx
            .untrusted_commands()
            .map(|rc| rc.reviewers.iter().cloned().collect())
            .unwrap_or_default(),
        untrusted_file: ctx.untrusted_commands().map(|rc| rc.path.clone()),
        limits: ctx.config.review.limits(),
    };
    let outcomes = engine::run(
        &planned,
        &input.change,
        &base,
        &settings,
        scanned.outcomes,
        &mut |p| on_progress(&planned, p),
    );
    if crate::interrupt::is_interrupted() {
        let now = ctx.now();
        jobs::mark_interrupted(ctx.store()?, now, &job_id)?;
        ctx.audit(
            "review",
            &task,
            "interrupted",
            json!({ "job_id": job_id, "tree_id": input.tree_id }),
        )?;
        return Err(CommandError::interrupted());
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

#[allow(clippy::too_many_arguments)]
fn insert_job(
    ctx: &mut Context,
    job_id: &str,
    repo: &str,
    task: &str,
    tree_id: &str,
    status: &str,
    request: Option<&str>,
    now: SystemTime,
) -> Result<(), CommandError> {
    let project = ctx.project_id.to_string();
    let developer = ctx.developer_id.to_string();
    let root = ctx.repo.as_ref().map(|r| r.main_root.clone());
    ctx.store()?.write(|tx| {
        crate::store::projects::touch_tx(tx, now, &project, root.as_deref())?;
        jobs::insert_tx(
            tx,
            now,
            &jobs::NewJob {
                id: job_id,
                kind: "review",
                repo: Some(repo),
                project_id: &project,
                developer_id: &developer,
                task_id: Some(task),
                tree_id: Some(tree_id),
                status,
                request,
            },
        )
    })?;
    Ok(())
}

/// Everything a finished set of reviewers leaves for scoring.
pub struct Finished {
    pub job_id: String,
    pub task_id: String,
    pub tree_id: String,
    pub mode: String,
    pub project_id: String,
    pub developer_id: String,
    pub change: Change,
    pub outcomes: Vec<Outcome>,
    pub started: SystemTime,
    /// The commit the change would make (staged reviews), and the gate policy of HEAD.
    pub shape: Option<crate::git::commit::Shape>,
    pub policy: Option<Result<Policy, String>>,
}

fn summary_line(
    status: ReviewStatus,
    cs: f64,
    tier: Tier,
    fail_on: Tier,
    n_findings: usize,
    outcomes: &[Outcome],
) -> String {
    let ran = outcomes.iter().filter(|o| o.status == Status::Ok).count();
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.status.is_failure())
        .map(|o| o.id.as_str())
        .collect();
    let mut s = format!(
        "{n_findings} finding{} from {ran} reviewer{}; consensus score {cs:.3} ({tier})",
        if n_findings == 1 { "" } else { "s" },
        if ran == 1 { "" } else { "s" },
    );
    match status {
        ReviewStatus::Passed => s.push_str(&format!(", below the fail threshold ({fail_on})")),
        ReviewStatus::Failed => {
            s.push_str(&format!(", at or above the fail threshold ({fail_on})"))
        }
        ReviewStatus::Bypassed => s.push_str(", failed but bypassed"),
        ReviewStatus::Incomplete | ReviewStatus::Interrupted => {}
    }
    if !failed.is_empty() {
        s.push_str(&format!("; did not answer: {}", failed.join(", ")));
    }
    if ran == 0 && failed.is_empty() {
        s.push_str("; no reviewer was relevant to this change");
    }
    s
}

/// Masks secrets in every text field of a reviewer's finding (an external reviewer may quote the
/// secret it found back in its description, rule, category or even the file name).
fn redact_finding(f: &mut super::Finding) {
    use crate::redact::in_place;
    in_place(&mut f.description);
    in_place(&mut f.remediation);
    in_place(&mut f.category);
    if let Some(r) = &mut f.rule {
        in_place(r);
    }
    if let Some(p) = &mut f.file {
        in_place(p);
    }
}

/// Scores the outcomes, writes the reports, and records job, audit and telemetry.
pub fn finish(ctx: &mut Context, req: &Request, f: Finished) -> Result<ReviewResult, CommandError> {
    let head_policy = f.policy.as_ref().and_then(|p| p.as_ref().ok());
    let fail_on = match (req.fail_on, head_policy) {
        (Some(t), _) => t,
        (None, Some(p)) if req.hook => p.fail_on,
        (None, _) => ctx.config.review.fail_on,
    };
    let mut reported = Vec::new();
    for o in f.outcomes.iter().filter(|o| o.status == Status::Ok) {
        for finding in &o.findings {
            // Where every reviewer's findings enter the job: from here on no text of theirs can
            // carry a secret into the report, the store, SARIF or stdout.
            let mut finding = finding.clone();
            redact_finding(&mut finding);
            reported.push(Reported {
                reviewer: o.id.clone(),
                finding,
            });
        }
    }
    let merged = consensus::dedup(reported, &f.change);
    let n = f.outcomes.iter().filter(|o| o.status == Status::Ok).count();
    let score = consensus::score(&merged, n, fail_on);
    let any_failure = f.outcomes.iter().any(|o| o.status.is_failure());
    // With no answer at all there is nothing to pass on, whatever on_reviewer_error says.
    let fail_closed = ctx.config.review.on_reviewer_error == OnReviewerError::Fail || n == 0;
    // A command that was not allowed to run never lets a review through, whatever the (possibly
    // untrusted) config says about reviewer errors.
    let untrusted = f.outcomes.iter().any(|o| o.status == Status::Untrusted);
    let mut status = if (any_failure && fail_closed) || untrusted {
        ReviewStatus::Incomplete
    } else if score.passed {
        ReviewStatus::Passed
    } else {
        ReviewStatus::Failed
    };
    let bypass = req
        .bypass_reason
        .as_ref()
        .map(|r| crate::redact::text(r.trim()).into_owned())
        .filter(|r| !r.is_empty());
    if matches!(status, ReviewStatus::Failed | ReviewStatus::Incomplete) && bypass.is_some() {
        status = ReviewStatus::Bypassed;
    }
    let passed = status == ReviewStatus::Passed;
    let finished_at = ctx.now();
    let gate = gate_grant(ctx, &f, status, fail_on);

    let out_dir = ctx.output_dir_for(&crate::ids::ProjectId::parse(&f.project_id)?)?;
    let jobs_dir = out_dir.join(JOBS_DIR);
    let md_path = jobs_dir.join(format!("{}.md", report_stem(&f.job_id)?));
    let json_path = jobs_dir.join(format!("{}.json", report_stem(&f.job_id)?));
    let latest_md = out_dir.join(format!("REVIEW-{}.md", f.task_id));
    let latest_json = out_dir.join(format!("REVIEW-{}.json", f.task_id));
    let mut result = ReviewResult {
        schema_version: SCHEMA_VERSION,
        job_id: f.job_id.clone(),
        project_id: f.project_id.clone(),
        developer_id: f.developer_id.clone(),
        task_id: f.task_id.clone(),
        tree_id: f.tree_id.clone(),
        mode: f.mode.clone(),
        status,
        passed,
        cs: score.cs,
        tier: score.tier,
        fail_on,
        minority_protection_applied: score.minority_protection_applied,
        n,
        summary: summary_line(
            status,
            score.cs,
            score.tier,
            fail_on,
            merged.len(),
            &f.outcomes,
        ),
        findings: merged,
        reviewers: f
            .outcomes
            .iter()
            .map(|o| ReviewerReport {
                id: o.id.clone(),
                status: o.status,
                duration_ms: o.duration.as_millis() as u64,
                error: o.error.as_deref().map(builtin::redact_secrets),
                findings: o.findings.len(),
                summary: o.summary.as_deref().map(builtin::redact_secrets),
                score: o.score,
            })
            .collect(),
        files: f
            .change
            .files
            .iter()
            .map(|x| crate::redact::text(&x.path).into_owned())
            .collect(),
        report_path: Some(md_path.to_string_lossy().into_owned()),
        json_report_path: Some(json_path.to_string_lossy().into_owned()),
        latest_report_path: Some(latest_md.to_string_lossy().into_owned()),
        latest_json_report_path: Some(latest_json.to_string_lossy().into_owned()),
        sarif_path: None,
        bypass_reason: if status == ReviewStatus::Bypassed {
            bypass.clone()
        } else {
            None
        },
        started_at: crate::time::rfc3339(f.started),
        finished_at: crate::time::rfc3339(finished_at),
        learned: 0,
        learn_error: None,
        gate,
        duration_ms: finished_at
            .duration_since(f.started)
            .unwrap_or(Duration::ZERO)
            .as_millis() as u64,
    };
    if let Some(sarif) = &req.sarif {
        let path = ctx.cwd.join(sarif);
        let text = serde_json::to_string_pretty(&super::sarif::render(&result))?;
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
        result.sarif_path = Some(path.to_string_lossy().into_owned());
    }
    if !req.no_learn && ctx.config.review.learn {
        match learn(ctx, &result, finished_at) {
            Ok(n) => result.learned = n,
            Err(e) => result.learn_error = Some(e),
        }
    }
    let json_text = serde_json::to_string_pretty(&result)?;
    // Reports must not show up in `git status` of the repository they review.
    crate::git::ensure_excluded(ctx.repo()?, &[".wfc/output/"])?;
    real_output_dir(ctx.repo()?, &jobs_dir)?;
    // Every field of the result was redacted on its way in; the rendered report is checked once
    // more, as a whole, because it is the file most likely to be shared.
    let md = super::report::markdown(&result);
    let md = crate::redact::text(&md);
    // Reports are derived from the job row (which is durable in the store): replaced atomically,
    // without fsyncs, which would be most of a small review's time.
    crate::fsutil::replace_derived(&md_path, md.as_bytes())?;
    crate::fsutil::replace_derived(&json_path, json_text.as_bytes())?;
    // The task's latest, after the job's own: a reader of REVIEW-<task> never sees a report
    // that no job file holds.
    crate::fsutil::replace_derived(&latest_md, md.as_bytes())?;
    crate::fsutil::replace_derived(&latest_json, json_text.as_bytes())?;

    record(ctx, &result, &json_text, finished_at)?;
    if let Err(e) = prune_reports(ctx, &result, &jobs_dir) {
        ctx.ui.warn(&format!("cannot delete old job reports: {e}"));
    }
    Ok(result)
}

/// Where every job's own report lives, under `<main>/.wfc/output/<project>`.
const JOBS_DIR: &str = "jobs";

/// A job id as a file name: only the characters wfc's own ids are made of.
fn report_stem(job_id: &str) -> Result<&str, CommandError> {
    let ok = !job_id.is_empty()
        && job_id.len() <= 64
        && job_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(job_id)
    } else {
        Err(CommandError::failed(format!(
            "job id {job_id:?} cannot name a report file"
        )))
    }
}

/// Deletes this task's job reports beyond the newest `review.keep_reports`.
fn prune_reports(
    ctx: &mut Context,
    r: &ReviewResult,
    jobs_dir: &std::path::Path,
) -> Result<(), CommandError> {
    let keep = ctx.config.review.keep_reports;
    if keep == 0 {
        return Ok(());
    }
    let repo = ctx.repo()?.common_dir.to_string_lossy().into_owned();
    let old = jobs::reported_beyond(ctx.store()?, &repo, &r.project_id, &r.task_id, keep)?;
    for id in old {
        let Ok(stem) = report_stem(&id) else { continue };
        for ext in ["md", "json"] {
            match std::fs::remove_file(jobs_dir.join(format!("{stem}.{ext}"))) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(CommandError::failed(e.to_string())),
            }
        }
    }
    Ok(())
}

/// What this review grants at the gate: the change it covers and the policy it satisfied, or
/// why it grants nothing.
fn gate_grant(
    ctx: &Context,
    f: &Finished,
    status: ReviewStatus,
    fail_on: Tier,
) -> Option<GateGrant> {
    let shape = f.shape.as_ref()?;
    let mut g = GateGrant {
        parent_trees: shape.parent_trees.clone(),
        merge: shape.merge,
        policy: None,
        policy_digest: None,
        reason: None,
    };
    let policy = match f.policy.as_ref()? {
        Ok(p) => p,
        Err(e) => {
            g.reason = Some(e.clone());
            return Some(g);
        }
    };
    g.policy = Some(policy.short_digest());
    if !matches!(status, ReviewStatus::Passed | ReviewStatus::Bypassed) {
        g.reason = Some(format!("the review is {}", status.as_str()));
        return Some(g);
    }
    let ran: Vec<(String, bool, Option<String>)> = f
        .outcomes
        .iter()
        .map(|o| {
            let answered = !o.status.is_failure() && o.status != Status::Interrupted;
            let digest = external(&ctx.config, &o.id).map(super::policy::reviewer_digest);
            (o.id.clone(), answered, digest)
        })
        .collect();
    match policy.shortfall(&ran, fail_on) {
        None => g.policy_digest = Some(policy.digest()),
        Some(why) => g.reason = Some(why),
    }
    Some(g)
}

/// Makes the report folder `out_dir` (`<main>/.wfc/output/<project>`) with every folder from
/// the main checkout down a real one, and refuses when git tracks anything under `.wfc/output`:
/// a clone must not be able to point report writes elsewhere with a committed link.
fn real_output_dir(
    repo: &crate::git::RepoInfo,
    out_dir: &std::path::Path,
) -> Result<(), CommandError> {
    let rel = out_dir.strip_prefix(&repo.main_root).map_err(|_| {
        CommandError::failed(format!("{} is outside the repository", out_dir.display()))
    })?;
    let main = repo.open_main()?;
    if let Some(tracked) = crate::git::worktree::tracked_under(&main, ".wfc/output") {
        return Err(crate::fsutil::FsError::Unsafe {
            path: repo.main_root.join(".wfc/output"),
            problem: format!(
                "git tracks {tracked} in it, and wfc keeps only its own reports there (`git rm -r --cached .wfc/output` and a commit untrack it)"
            ),
            link: false,
        }
        .into());
    }
    crate::fsutil::real_dir(&repo.main_root, rel, true)?;
    Ok(())
}

/// Job row, reviewer runs, audit row and telemetry event, in one transaction.
fn record(
    ctx: &mut Context,
    r: &ReviewResult,
    json_text: &str,
    now: SystemTime,
) -> Result<(), CommandError> {
    let runs: Vec<jobs::ReviewerRun> = r
        .reviewers
        .iter()
        .map(|rv| jobs::ReviewerRun {
            reviewer_id: rv.id.clone(),
            status: rv.status.as_str().to_string(),
            duration_ms: Some(rv.duration_ms),
            findings: rv.findings,
            error: rv.error.clone(),
        })
        .collect();
    let mut categories = serde_json::Map::new();
    for f in &r.findings {
        let n = categories
            .get(&f.category)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        categories.insert(f.category.clone(), (n + 1).into());
    }
    let telemetry = json!({
        "job_id": r.job_id,
        "task_id": r.task_id,
        "status": r.status,
        "passed": r.passed,
        "cs": r.cs,
        "tier": r.tier,
        "duration_ms": r.duration_ms,
        "findings": r.findings.len(),
        "categories": categories,
        "reviewers": r.reviewers.iter().map(|rv| json!({
            "id": rv.id,
            "status": rv.status.as_str(),
            "duration_ms": rv.duration_ms,
            "error": rv.error,
            "findings": rv.findings,
        })).collect::<Vec<_>>(),
    });
    let mut details = json!({
        "job_id": r.job_id,
        "tree_id": r.tree_id,
        "task_id": r.task_id,
        "cs": r.cs,
        "tier": r.tier,
        "findings": r.findings.len(),
        "learned": r.learned,
    });
    if let Some(reason) = &r.bypass_reason {
        details["bypass_reason"] = reason.clone().into();
    }
    let track = ctx.telemetry_enabled();
    let project = r.project_id.clone();
    let developer = r.developer_id.clone();
    let resource = r.report_path.clone().unwrap_or_else(|| r.task_id.clone());
    let status = r.status.as_str();
    let action = if r.status == ReviewStatus::Bypassed {
        "review.bypass"
    } else {
        "review"
    };
    let granted = r.gate.as_ref().filter(|g| g.policy_digest.is_some());
    let grant_parents = granted.map(|g| g.parent_trees.join(","));
    let grant_digest = granted.and_then(|g| g.policy_digest.clone());
    ctx.store()?.write(|tx| {
        jobs::complete_tx(
            tx,
            now,
            &r.job_id,
            &jobs::Completion {
                status,
                cs: Some(r.cs),
                tier: Some(r.tier.as_str()),
                passed: Some(r.passed),
                report_path: r.report_path.as_deref(),
                result: Some(json_text),
                bypass_reason: r.bypass_reason.as_deref(),
                runs: &runs,
                parent_trees: grant_parents.as_deref(),
                policy_digest: grant_digest.as_deref(),
            },
        )?;
        crate::store::audit::append_tx(
            tx,
            now,
            &crate::store::audit::NewAudit {
                project_id: &project,
                developer_id: &developer,
                action,
                resource: &resource,
                status,
                details,
            },
        )?;
        if track {
            crate::telemetry::record_tx(
                tx,
                now,
                &crate::telemetry::Event {
                    project_id: &project,
                    developer_id: &developer,
                    kind: crate::telemetry::kind::REVIEW,
                    data: telemetry,
                },
            )?;
        }
        Ok(())
    })?;
    Ok(())
}

/// What `prepare` stores in the job so that `finalize` needs nothing else.
#[derive(Debug, Serialize, Deserialize)]
pub struct Prepared {
    pub mode: String,
    pub change: Change,
    pub diff: String,
    pub tasks: Vec<TaskSpec>,
    /// What the gate policy's built-in reviewers found in the change, run at `prepare` on the
    /// change itself (the stored copy of it is redacted, so the rules could no longer see a
    /// secret in it); `finalize` adds these to the harness's answers.
    #[serde(default)]
    pub rules: Vec<RuleFindings>,
}

/// One built-in reviewer's findings, kept for `finalize`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleFindings {
    pub reviewer_id: String,
    pub findings: Vec<super::finding::Finding>,
}

/// The gate policy a staged change is judged by (the one committed in the commit's first
/// parent: HEAD, or HEAD's parent under `--amend`; `None` for other inputs), and the reviewers
/// to run. A hook cannot run on a policy it cannot read.
type PolicyRead = Option<Result<Policy, String>>;

fn policy_and_ids(
    ctx: &Context,
    req: &Request,
    shape: Option<&crate::git::commit::Shape>,
) -> Result<(PolicyRead, Vec<String>), CommandError> {
    let policy = match shape {
        Some(shape) => Some(
            Policy::at_commit(&ctx.repo()?.open_current()?, shape.first_parent, "HEAD")
                .map_err(|e| e.to_string()),
        ),
        None => None,
    };
    if req.hook
        && let Some(Err(e)) = &policy
    {
        return Err(CommandError::usage(e.clone()).with_hint(
            "fix .wfc/config.toml in a commit of its own (made with WFC_SKIP=1, reviewed in CI), or revert it",
        ));
    }
    let ids = reviewer_ids(
        &ctx.config,
        req,
        policy.as_ref().and_then(|p| p.as_ref().ok()),
    )?;
    Ok((policy, ids))
}

/// The built-in reviewers of HEAD's gate policy (all five when it cannot be read).
fn policy_builtins(ctx: &Context) -> Vec<Builtin> {
    ctx.repo
        .as_ref()
        .and_then(|r| r.open_current().ok())
        .and_then(|repo| Policy::at_head(&repo).ok())
        .map(|p| p.builtins())
        .unwrap_or_else(|| Builtin::ALL.to_vec())
}

/// One reviewer's task for a harness.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskSpec {
    pub reviewer_id: String,
    pub relevant: bool,
    pub prompt: String,
    pub temperature: f64,
    pub token_count: usize,
}

#[derive(Debug, Serialize)]
pub struct PrepareOutput {
    pub job_id: String,
    pub project_id: String,
    pub developer_id: String,
    pub task_id: String,
    pub tree_id: String,
    pub mode: String,
    pub tasks: Vec<TaskSpec>,
}

/// Phase one: the plan and a job waiting for responses.
pub fn prepare(
    ctx: &mut Context,
    req: &Request,
) -> Result<Result<PrepareOutput, Ran>, CommandError> {
    let started = ctx.now();
    let input = match select(ctx, req)? {
        Ok(i) => i,
        Err(nothing) => return Ok(Err(nothing)),
    };
    install_custom_rules(ctx)?;
    let (policy, ids) = policy_and_ids(ctx, req, input.shape.as_ref())?;
    let task = resolve_task(ctx, req, &input)?;
    let job_id = crate::store::new_id("r", started);
    let diff = builtin::redact_secrets(&input.change.diff);
    let planned = plan(ctx, &ids, &input.change, &diff, Prompts::All, None);
    let tasks: Vec<TaskSpec> = planned
        .iter()
        .map(|p| TaskSpec {
            reviewer_id: p.id.clone(),
            relevant: p.relevant,
            token_count: prompt::tokens(&p.prompt),
            prompt: p.prompt.clone(),
            temperature: p.temperature,
        })
        .collect();
    // The plan is stored in the job row: its copy of the change must hold no secret.
    let mut stored_change = input.change.clone();
    crate::redact::change(&mut stored_change);
    let builtins = match &policy {
        Some(Ok(p)) => p.builtins(),
        _ => policy_builtins(ctx),
    };
    let rules = builtins
        .into_iter()
        .map(|b| RuleFindings {
            reviewer_id: b.id().to_string(),
            findings: builtin::review(b, &input.change),
        })
        .collect();
    let prepared = Prepared {
        mode: input.mode.to_string(),
        change: stored_change,
        diff: diff.clone(),
        tasks: tasks.clone(),
        rules,
    };
    let request = serde_json::to_string(&prepared)?;
    let repo_key = ctx.repo()?.common_dir.to_string_lossy().into_owned();
    insert_job(
        ctx,
        &job_id,
        &repo_key,
        &task,
        &input.tree_id,
        "prepared",
        Some(&request),
        started,
    )?;
    ctx.audit(
        "review.prepare",
        &task,
        "ok",
        json!({ "job_id": job_id, "tree_id": input.tree_id, "reviewers": ids }),
    )?;
    Ok(Ok(PrepareOutput {
        job_id,
        project_id: ctx.project_id.to_string(),
        developer_id: ctx.developer_id.to_string(),
        task_id: task,
        tree_id: input.tree_id,
        mode: input.mode.to_string(),
        tasks,
    }))
}

/// One response of a harness.
#[derive(Debug, Deserialize)]
pub struct Response {
    pub reviewer_id: String,
    pub response: Option<String>,
}

/// Phase two: scores exactly the responses given and completes the job.
pub fn finalize(
    ctx: &mut Context,
    req: &Request,
    job_id: &str,
    responses_text: &str,
) -> Result<ReviewResult, CommandError> {
    // The harness's answers are redacted with the same rules as the plan was.
    install_custom_rules(ctx)?;
    let job = jobs::get(ctx.store()?, job_id)?.ok_or_else(|| {
        CommandError::failed(format!("no review job {job_id:?}"))
            .with_hint("`wfc review prepare --json` prints the job id to pass here")
    })?;
    if job.status != "prepared" {
        return Err(CommandError::failed(format!(
            "job {job_id} is {}, not waiting for responses",
            job.status
        ))
        .with_hint("run `wfc review prepare` again for a new job"));
    }
    let prepared: Prepared = job
        .request
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .ok_or_else(|| CommandError::failed(format!("job {job_id} has no readable plan")))?;
    let responses: Vec<Response> = serde_json::from_str(responses_text).map_err(|e| {
        CommandError::usage(format!("the responses are not valid JSON: {e}")).with_hint(
            "give a JSON array of {\"reviewer_id\": \"...\", \"response\": \"<raw reviewer text>\"}",
        )
    })?;
    for r in &responses {
        if !prepared
            .tasks
            .iter()
            .any(|t| t.reviewer_id == r.reviewer_id)
        {
            return Err(CommandError::usage(format!(
                "response for {:?}, which is not a reviewer of job {job_id}",
                r.reviewer_id
            ))
            .with_hint(format!(
                "the job's reviewers: {}",
                prepared
                    .tasks
                    .iter()
                    .map(|t| t.reviewer_id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let root = ctx
        .repo
        .as_ref()
        .map(|r| r.workdir.clone())
        .unwrap_or_else(|| ctx.cwd.clone());
    let outcomes: Vec<Outcome> = prepared
        .tasks
        .iter()
        .filter(|t| t.relevant || responses.iter().any(|r| r.reviewer_id == t.reviewer_id))
        .map(|t| {
            let given = responses.iter().find(|r| r.reviewer_id == t.reviewer_id);
            let text = given.and_then(|r| r.response.as_deref()).unwrap_or("");
            let parsed = if given.is_none() {
                Err("no response was given".to_string())
            } else {
                super::formats::parse_with(
                    crate::config::ReviewerFormat::LlmText,
                    text,
                    &t.reviewer_id,
                    &root,
                    ctx.config.review.limits(),
                )
                .map_err(|e| e.to_string())
            };
            match parsed {
                Ok(a) => Outcome {
                    id: t.reviewer_id.clone(),
                    status: Status::Ok,
                    duration: Duration::ZERO,
                    error: a.note(),
                    findings: a.findings,
                    summary: a.summary,
                    score: a.score,
                },
                Err(e) => Outcome {
                    id: t.reviewer_id.clone(),
                    status: Status::Error,
                    duration: Duration::ZERO,
                    error: Some(e),
                    findings: Vec::new(),
                    summary: None,
                    score: None,
                },
            }
        })
        .collect();
    let started = crate::time::parse_time(&job.started_at).unwrap_or_else(|| ctx.now());
    let mut change = prepared.change;
    change.diff = prepared.diff;
    let outcomes = with_policy_rules(outcomes, prepared.rules);
    let finished = Finished {
        job_id: job.id.clone(),
        task_id: job.task_id.clone().unwrap_or_else(|| "review".into()),
        tree_id: job.tree_id.clone().unwrap_or_default(),
        mode: "finalize".into(),
        project_id: job.project_id.clone(),
        developer_id: job.developer_id.clone(),
        change,
        outcomes,
        started,
        shape: None,
        policy: None,
    };
    finish(ctx, req, finished)
}

/// The gate policy's built-in reviewers ran on the job's change at `prepare`: a harness may add
/// findings to theirs, never take them away, so an answer of `[]` for every reviewer cannot pass
/// what the rules found.
fn with_policy_rules(mut outcomes: Vec<Outcome>, rules: Vec<RuleFindings>) -> Vec<Outcome> {
    for rule in rules {
        let findings = rule.findings;
        match outcomes.iter_mut().find(|o| o.id == rule.reviewer_id) {
            Some(o) => {
                let mut all = findings;
                all.append(&mut o.findings);
                o.findings = all;
            }
            None => outcomes.push(Outcome {
                id: rule.reviewer_id.clone(),
                status: Status::Ok,
                duration: Duration::ZERO,
                error: None,
                findings,
                summary: None,
                score: None,
            }),
        }
    }
    outcomes
}
