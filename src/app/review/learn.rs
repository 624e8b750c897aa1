//! What a finished review teaches the knowledge base.

use super::*;

/// Appends what this review teaches to the global knowledge base of every reviewer that reported
/// it: severity >= 9 as an incident prevented, >= 7 with confidence >= 8 as a pattern found.
/// Returns how many entries were added.
pub(super) fn learn(ctx: &mut Session, r: &ReviewResult, now: SystemTime) -> Result<usize, String> {
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
    let base = crate::app::knowledge::base(ctx, crate::app::knowledge::Scope::Global)
        .map_err(|e| e.message)?;
    let mut added = 0;
    let mut errors = Vec::new();
    for (reviewer, entries) in by_reviewer {
        let resource = base.place(&reviewer).to_string();
        let details = |texts: Vec<String>| {
            json!({
                "reviewer": reviewer,
                "scope": "global",
                "job_id": r.job_id,
                "source": entries[0].stored_source(),
                "texts": texts,
            })
        };
        let done = match &base {
            crate::app::knowledge::Base::Files(root) => {
                let path = knowledge_file(root, &reviewer);
                // Like `knowledge append`: the row first, under the file's lock, then the rename.
                let record = |p: Pending<'_>| -> Result<(), AppError> {
                    let added: Vec<String> = entries
                        .iter()
                        .zip(p.outcomes)
                        .filter(|(_, o)| **o == crate::knowledge::AppendOutcome::Added)
                        .map(|(e, _)| e.stored_text())
                        .collect();
                    if added.is_empty() {
                        return Ok(());
                    }
                    let mut details = details(added);
                    details["file_sha256"] = json!(p.file_sha256);
                    ctx.audit("knowledge.append", &resource, "added", details)
                };
                append_recorded(
                    &path,
                    &entries,
                    now,
                    LEARN_LOCK_TIMEOUT,
                    &mut |_| {},
                    record,
                )
            }
            // The entries and their audit row are one transaction.
            crate::app::knowledge::Base::Table(table) => {
                let (project, developer) =
                    (ctx.project_id.to_string(), ctx.developer_id.to_string());
                let texts = entries.iter().map(NewEntry::stored_text).collect();
                let audit = crate::store::audit::NewAudit {
                    project_id: &project,
                    developer_id: &developer,
                    action: "knowledge.append",
                    resource: &resource,
                    status: "added",
                    details: details(texts),
                };
                ctx.backend()
                    .and_then(|b| Ok(b.append_knowledge(now, table, &entries, Some(&audit))?))
            }
        };
        match done {
            Ok(outcomes) => {
                added += outcomes
                    .iter()
                    .filter(|o| **o == crate::knowledge::AppendOutcome::Added)
                    .count()
            }
            Err(e) => errors.push(format!("{resource}: {}", e.message)),
        }
    }
    if errors.is_empty() {
        Ok(added)
    } else {
        Err(errors.join("; "))
    }
}

pub(super) const LEARN_LOCK_TIMEOUT: Duration = Duration::from_secs(30);
