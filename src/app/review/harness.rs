//! The two-phase protocol for harnesses that run the reviewer prompts themselves: `prepare`
//! stops after the plan, `finalize` starts from the responses the harness collected.

use super::*;

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
    pub findings: Vec<crate::review::finding::Finding>,
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
pub fn prepare(ctx: &mut Session, req: &Request) -> Result<Result<PrepareOutput, Ran>, AppError> {
    let started = ctx.now();
    let input = match select(ctx, req)? {
        Ok(i) => i,
        Err(nothing) => return Ok(Err(nothing)),
    };
    install_custom_rules(ctx, false)?;
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
    crate::review::redact::change(&mut stored_change);
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
        &JobStart {
            id: &job_id,
            repo: &repo_key,
            task: &task,
            tree_id: &input.tree_id,
            status: jobs::JobStatus::Prepared,
            request: Some(&request),
        },
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
    ctx: &mut Session,
    req: &Request,
    job_id: &str,
    responses_text: &str,
) -> Result<ReviewResult, AppError> {
    // The harness's answers are redacted with the same rules as the plan was.
    install_custom_rules(ctx, false)?;
    let job = ctx.backend()?.job(job_id)?.ok_or_else(|| {
        AppError::failed(format!("no review job {job_id:?}"))
            .with_hint("`wfc review prepare --json` prints the job id to pass here")
    })?;
    if job.status != jobs::JobStatus::Prepared {
        return Err(AppError::failed(format!(
            "job {job_id} is {}, not waiting for responses",
            job.status
        ))
        .with_hint("run `wfc review prepare` again for a new job"));
    }
    let prepared: Prepared = job
        .request
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .ok_or_else(|| AppError::failed(format!("job {job_id} has no readable plan")))?;
    let responses: Vec<Response> = serde_json::from_str(responses_text).map_err(|e| {
        AppError::usage(format!("the responses are not valid JSON: {e}")).with_hint(
            "give a JSON array of {\"reviewer_id\": \"...\", \"response\": \"<raw reviewer text>\"}",
        )
    })?;
    for r in &responses {
        if !prepared
            .tasks
            .iter()
            .any(|t| t.reviewer_id == r.reviewer_id)
        {
            return Err(AppError::usage(format!(
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
                crate::review::formats::parse_with(
                    crate::config::ReviewerFormat::LlmText,
                    text,
                    &t.reviewer_id,
                    &root,
                    crate::review::formats::Limits::of(&ctx.config.review),
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
pub(super) fn with_policy_rules(
    mut outcomes: Vec<Outcome>,
    rules: Vec<RuleFindings>,
) -> Vec<Outcome> {
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
