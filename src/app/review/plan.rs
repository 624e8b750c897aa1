//! Which reviewers run on a change, with which prompts and which knowledge.

use super::*;

pub(super) const DEFAULT_TEMPERATURE: f64 = 0.2;

pub(super) const GENERIC_INSTRUCTIONS: &str =
    "Review the change for problems in your area of expertise.";

pub(super) fn external<'a>(config: &'a Config, id: &str) -> Option<&'a ExternalReviewerConfig> {
    config.review.reviewer.iter().find(|r| r.id == id)
}

pub(super) fn valid_ids(config: &Config) -> Vec<String> {
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
) -> Result<Vec<String>, AppError> {
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
                return Err(AppError::usage(e.to_string()).with_hint(hint));
            }
            let message = from_config
                .and_then(|section| config.unknown_reviewers.get(section))
                .cloned()
                .unwrap_or_else(|| format!("unknown reviewer {id:?}"));
            return Err(AppError::usage(message).with_hint(hint));
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        return Err(AppError::usage("no reviewer selected")
            .with_hint(format!("valid reviewers: {}", valid.join(", "))));
    }
    Ok(out)
}

pub(super) fn external_relevant(cfg: &ExternalReviewerConfig, change: &Change) -> bool {
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
    ctx: &mut Session,
    ids: &[String],
    change: &Change,
    redacted_diff: &str,
    prompts: Prompts,
    builtin_relevance: Option<&[(String, bool)]>,
) -> Vec<Planned> {
    // Every reviewer's knowledge, read once for all the prompts that want it.
    let mut known: Option<Vec<crate::knowledge::search::Hit>> = None;
    let mut planned = Vec::with_capacity(ids.len());
    for id in ids {
        planned.push({
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
                if known.is_none() && ctx.config.review.knowledge_tokens > 0 {
                    known = Some(known_entries(ctx));
                }
                let all = known.as_deref().unwrap_or_default();
                let knowledge = knowledge_for(ctx, all, id, change);
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
        });
    }
    planned
}

/// Most characters of added text that go into a knowledge query.
pub(super) const QUERY_CHARS: usize = 8_000;

/// Every entry of the global and the project knowledge base. A knowledge base that cannot be
/// read must not stop a review; it only makes prompts poorer.
fn known_entries(ctx: &mut Session) -> Vec<crate::knowledge::search::Hit> {
    use crate::app::knowledge::{Scope, base, entries};
    let mut all = Vec::new();
    for scope in [Scope::Global, Scope::Project] {
        if let Ok(b) = base(ctx, scope) {
            all.extend(entries(ctx, &b, None).unwrap_or_default());
        }
    }
    all
}

/// The entries of `known` most relevant to `change` for `reviewer`, within
/// `review.knowledge_tokens`, as prompt lines.
pub(super) fn knowledge_for(
    ctx: &Session,
    known: &[crate::knowledge::search::Hit],
    reviewer: &str,
    change: &Change,
) -> Vec<String> {
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
    let mine: Vec<_> = known
        .iter()
        .filter(|h| h.reviewer == reviewer)
        .cloned()
        .collect();
    let hits = crate::knowledge::search::rank(mine, &query, 50);
    crate::knowledge::search::within_budget(&hits, budget)
        .iter()
        .map(|h| h.line())
        .collect()
}

/// The gate policy a staged change is judged by (the one committed in the commit's first
/// parent: HEAD, or HEAD's parent under `--amend`; `None` for other inputs), and the reviewers
/// to run. A hook cannot run on a policy it cannot read.
pub(super) type PolicyRead = Option<Result<Policy, String>>;

pub(super) fn policy_and_ids(
    ctx: &Session,
    req: &Request,
    shape: Option<&crate::git::commit::Shape>,
) -> Result<(PolicyRead, Vec<String>), AppError> {
    let policy = match shape {
        Some(shape) => Some(
            Policy::at_commit(ctx.git()?, shape.first_parent, "HEAD").map_err(|e| e.to_string()),
        ),
        None => None,
    };
    if req.hook
        && let Some(Err(e)) = &policy
    {
        return Err(AppError::usage(e.clone()).with_hint(
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
pub(super) fn policy_builtins(ctx: &Session) -> Vec<Builtin> {
    ctx.git()
        .ok()
        .and_then(|repo| Policy::at_head(repo).ok())
        .map(|p| p.builtins())
        .unwrap_or_else(|| Builtin::ALL.to_vec())
}
