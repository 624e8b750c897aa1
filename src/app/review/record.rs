//! A finished review written down: the reports, the job row with its reviewer runs, the audit
//! row and the telemetry event.

use super::*;

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

pub(super) fn summary_line(
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
pub(super) fn redact_finding(f: &mut crate::review::Finding) {
    use crate::review::redact::in_place;
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
pub fn finish(ctx: &mut Session, req: &Request, f: Finished) -> Result<ReviewResult, AppError> {
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
        .map(|r| crate::review::redact::text(r.trim()).into_owned())
        .filter(|r| !r.is_empty());
    if matches!(status, ReviewStatus::Failed | ReviewStatus::Incomplete) && bypass.is_some() {
        status = ReviewStatus::Bypassed;
    }
    let passed = status == ReviewStatus::Passed;
    let finished_at = ctx.now();
    let gate = gate_grant(ctx, &f, status, fail_on);

    let project = crate::ids::ProjectId::parse(&f.project_id)?;
    let main_root = ctx.repo()?.main_root.clone();
    let jobs_dir = crate::layout::jobs_dir(&main_root, &project);
    let md_path = jobs_dir.join(format!("{}.md", report_stem(&f.job_id)?));
    let json_path = jobs_dir.join(format!("{}.json", report_stem(&f.job_id)?));
    let latest_md = crate::layout::latest_report(&main_root, &project, &f.task_id, "md");
    let latest_json = crate::layout::latest_report(&main_root, &project, &f.task_id, "json");
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
            .map(|x| crate::review::redact::text(&x.path).into_owned())
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
        let text = serde_json::to_string_pretty(&crate::review::sarif::render(&result))?;
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
    // The store's copy of the result is masked once more, as a whole, on a second thread while
    // this one writes the reports (a large review's result is hundreds of kilobytes); the job
    // row is recorded after both, as before.
    let (stored, written) = std::thread::scope(|scope| {
        let masking = scope.spawn(|| crate::review::redact::RedactedJson::of(&json_text));
        let paths = ReportPaths {
            md: &md_path,
            json: &json_path,
            latest_md: &latest_md,
            latest_json: &latest_json,
        };
        let written = write_reports(ctx, &result, &json_text, &jobs_dir, &paths);
        let stored = masking
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (stored, written)
    });
    written?;

    record(ctx, &result, &stored, finished_at)?;
    if let Err(e) = prune_reports(ctx, &result, &jobs_dir) {
        ctx.notify
            .warn(&format!("cannot delete old job reports: {e}"));
    }
    Ok(result)
}

/// Where a job's reports go: its own, and the task's latest.
struct ReportPaths<'a> {
    md: &'a std::path::Path,
    json: &'a std::path::Path,
    latest_md: &'a std::path::Path,
    latest_json: &'a std::path::Path,
}

/// Writes the job's reports (Markdown and JSON, and the task's latest of each) into `jobs_dir`.
fn write_reports(
    ctx: &Session,
    result: &ReviewResult,
    json_text: &str,
    jobs_dir: &std::path::Path,
    to: &ReportPaths<'_>,
) -> Result<(), AppError> {
    // Reports must not show up in `git status` of the repository they review.
    crate::git::ensure_excluded(ctx.repo()?, &[crate::layout::EXCLUDES[1]])?;
    real_output_dir(ctx, jobs_dir)?;
    // Every field of the result was redacted on its way in; the rendered report is checked once
    // more, as a whole, because it is the file most likely to be shared.
    let md = crate::review::report::markdown(result);
    let md = crate::review::redact::text(&md);
    // Reports are derived from the job row (which is durable in the store): replaced atomically,
    // without fsyncs, which would be most of a small review's time.
    crate::fsutil::replace_derived(to.md, md.as_bytes())?;
    crate::fsutil::replace_derived(to.json, json_text.as_bytes())?;
    // The task's latest, after the job's own: a reader of REVIEW-<task> never sees a report
    // that no job file holds.
    crate::fsutil::replace_derived_link(to.latest_md, to.md, md.as_bytes())?;
    crate::fsutil::replace_derived_link(to.latest_json, to.json, json_text.as_bytes())?;
    Ok(())
}

/// A job id as a file name: only the characters wfc's own ids are made of.
pub(super) fn report_stem(job_id: &str) -> Result<&str, AppError> {
    let ok = !job_id.is_empty()
        && job_id.len() <= 64
        && job_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(job_id)
    } else {
        Err(AppError::failed(format!(
            "job id {job_id:?} cannot name a report file"
        )))
    }
}

/// Deletes this task's job reports beyond the newest `review.keep_reports`.
pub(super) fn prune_reports(
    ctx: &mut Session,
    r: &ReviewResult,
    jobs_dir: &std::path::Path,
) -> Result<(), AppError> {
    let keep = ctx.config.review.keep_reports;
    if keep == 0 {
        return Ok(());
    }
    let repo = ctx.repo()?.common_dir.to_string_lossy().into_owned();
    let old = ctx
        .backend()?
        .reported_beyond(&repo, &r.project_id, &r.task_id, keep)?;
    let mut gone = Vec::with_capacity(old.len());
    let mut failed = None;
    'jobs: for id in old {
        let Ok(stem) = report_stem(&id) else { continue };
        for ext in ["md", "json"] {
            match std::fs::remove_file(jobs_dir.join(format!("{stem}.{ext}"))) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    failed = Some(AppError::failed(e.to_string()));
                    break 'jobs;
                }
            }
        }
        gone.push(id);
    }
    // Pruned once: the next review does not ask for these again.
    if !gone.is_empty() {
        ctx.backend()?.forget_reports(&gone)?;
    }
    failed.map_or(Ok(()), Err)
}

/// What this review grants at the gate: the change it covers and the policy it satisfied, or
/// why it grants nothing.
pub(super) fn gate_grant(
    ctx: &Session,
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
            let digest = external(&ctx.config, &o.id).map(crate::review::policy::reviewer_digest);
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
pub(super) fn real_output_dir(ctx: &Session, out_dir: &std::path::Path) -> Result<(), AppError> {
    let repo = ctx.repo()?;
    let rel = out_dir.strip_prefix(&repo.main_root).map_err(|_| {
        AppError::failed(format!("{} is outside the repository", out_dir.display()))
    })?;
    // In the main checkout the session's repository is the main one.
    let opened;
    let main = if repo.is_linked {
        opened = repo.open_main()?;
        &opened
    } else {
        ctx.git()?
    };
    if let Some(tracked) = crate::git::worktree::tracked_under(main, crate::layout::OUTPUT_DIR) {
        return Err(crate::fsutil::FsError::Unsafe {
            path: repo.main_root.join(crate::layout::OUTPUT_DIR),
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
pub(super) fn record(
    ctx: &mut Session,
    r: &ReviewResult,
    stored: &crate::review::redact::RedactedJson<'_>,
    now: SystemTime,
) -> Result<(), AppError> {
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
    let status = jobs::JobStatus::from(r.status);
    let action = if r.status == ReviewStatus::Bypassed {
        "review.bypass"
    } else {
        "review"
    };
    let granted = r.gate.as_ref().filter(|g| g.policy_digest.is_some());
    let grant_parents = granted.map(|g| g.parent_trees.join(","));
    let grant_digest = granted.and_then(|g| g.policy_digest.clone());
    let event = crate::telemetry::Event {
        project_id: &project,
        developer_id: &developer,
        kind: crate::telemetry::kind::REVIEW,
        data: telemetry,
    };
    // The job's end, its reviewer runs, its audit row and its event: one transaction.
    ctx.backend()?.finish_job(
        now,
        &r.job_id,
        &jobs::Completion {
            status,
            cs: Some(r.cs),
            tier: Some(r.tier.as_str()),
            passed: Some(r.passed),
            report_path: r.report_path.as_deref(),
            result: Some(stored),
            bypass_reason: r.bypass_reason.as_deref(),
            runs: &runs,
            parent_trees: grant_parents.as_deref(),
            policy_digest: grant_digest.as_deref(),
        },
        &crate::store::audit::NewAudit {
            project_id: &project,
            developer_id: &developer,
            action,
            resource: &resource,
            status: status.as_str(),
            details,
        },
        track.then_some(&event),
    )?;
    Ok(())
}
