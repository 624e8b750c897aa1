//! How a review result is shown: JSON, or a short summary for people.

use crate::app::error::{CommandResult, Outcome};
use crate::app::review::Ran;
use crate::review::engine::{Planned, Progress, Status};
use crate::review::result::{ReviewResult, ReviewStatus};
use crate::ui::progress::Bars;
use crate::ui::{Tone, Ui, escape};

/// Draws reviewer progress for a plan (when progress is enabled).
pub struct ReviewProgress {
    bars: Option<Bars>,
}

impl ReviewProgress {
    pub fn new() -> ReviewProgress {
        ReviewProgress { bars: None }
    }

    pub fn update(&mut self, ui: &Ui, plan: &[Planned], p: Progress) {
        let bars = self.bars.get_or_insert_with(|| {
            let names: Vec<&str> = plan
                .iter()
                .filter(|p| p.relevant)
                .map(|p| p.id.as_str())
                .collect();
            Bars::new(ui, &names)
        });
        match p {
            Progress::Started { id } => bars.message(&id, "running"),
            Progress::Waiting { id, what } => bars.message(&id, &format!("waiting for {what}")),
            Progress::Finished {
                id,
                status,
                duration,
                findings,
            } => {
                // The mark already says ok or failed; the status is worth words only when it
                // says why.
                let msg = if status == Status::Ok {
                    format!(
                        "in {} ms, {findings} finding{}",
                        duration.as_millis(),
                        if findings == 1 { "" } else { "s" }
                    )
                } else {
                    format!("{} after {} ms", status.as_str(), duration.as_millis())
                };
                bars.finish(&id, status == Status::Ok, &msg)
            }
        }
    }

    pub fn clear(&self) {
        if let Some(b) = &self.bars {
            b.clear();
        }
    }
}

/// Writes one reviewer event as a JSON line on stderr, for a caller that reads progress from a
/// pipe (`wfc mcp` turns them into progress notifications). `done` counts finished reviewers.
pub fn progress_line(plan: &[Planned], p: &Progress, done: &mut usize) {
    use std::io::Write;
    let total = plan.iter().filter(|p| p.relevant).count();
    let v = match p {
        Progress::Started { id } => serde_json::json!({"reviewer": id, "event": "started"}),
        Progress::Waiting { id, what } => {
            serde_json::json!({"reviewer": id, "event": "waiting", "for": what})
        }
        Progress::Finished {
            id,
            status,
            duration,
            findings,
        } => {
            *done += 1;
            serde_json::json!({
                "reviewer": id,
                "event": "finished",
                "status": status.as_str(),
                "duration_ms": duration.as_millis() as u64,
                "findings": findings,
            })
        }
    };
    let mut v = v;
    v["done"] = serde_json::json!(*done);
    v["total"] = serde_json::json!(total);
    let line = serde_json::json!({ "wfc_progress": v }).to_string();
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints `ran` and returns the exit code.
pub fn show(ui: &Ui, ran: &Ran) -> CommandResult {
    match ran {
        Ran::Nothing { tree_id, mode } => {
            if ui.json_mode() {
                ui.json(&serde_json::json!({
                    "status": "passed",
                    "passed": true,
                    "nothing_to_review": true,
                    "mode": mode,
                    "tree_id": tree_id,
                    "job_id": null,
                    "cs": 0.0,
                    "findings": [],
                    "reviewers": [],
                    // `review prepare`: no reviewer has a task.
                    "tasks": [],
                }))?;
            } else {
                ui.out(&format!(
                    "nothing to review: no {} changes",
                    mode.replace('-', " ")
                ))?;
            }
            Ok(Outcome::Success)
        }
        Ran::Done(r) => {
            if let Some(e) = &r.learn_error {
                ui.warn(&format!(
                    "the review stands, but its learnings were not saved: {e}"
                ));
            }
            if ui.json_mode() {
                ui.json(r.as_ref())?;
            } else {
                ui.out(&summary(ui, r))?;
            }
            untrusted_hint(ui, r);
            Ok(Outcome::of_review(r))
        }
    }
}

/// Says how to let reviewers run that an untrusted repository config defines.
pub fn untrusted_hint(ui: &Ui, r: &ReviewResult) {
    let ids = r.untrusted_reviewers();
    if ids.is_empty() {
        return;
    }
    ui.hint(&format!(
        "reviewer{} {} come{} from .wfc/config.toml, which is not trusted: check what it runs with `wfc trust --show`, then `wfc trust` to let it run",
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", "),
        if ids.len() == 1 { "s" } else { "" },
    ));
}

/// The short human summary of a result.
pub fn summary(ui: &Ui, r: &ReviewResult) -> String {
    let (word, tone) = match r.status {
        ReviewStatus::Passed => ("PASSED", Tone::Good),
        ReviewStatus::Failed => ("FAILED", Tone::Bad),
        ReviewStatus::Incomplete => ("INCOMPLETE", Tone::Bad),
        ReviewStatus::Bypassed => ("BYPASSED", Tone::Warn),
        ReviewStatus::Interrupted => ("INTERRUPTED", Tone::Warn),
    };
    let mut s = format!(
        "{}  CS {:.3} ({}, fails at {}){}  task {}  job {}\n",
        ui.paint(word, tone),
        r.cs,
        r.tier,
        r.fail_on,
        if r.minority_protection_applied {
            "  minority protection applied"
        } else {
            ""
        },
        r.task_id,
        r.job_id
    );
    let width = r.reviewers.iter().map(|x| x.id.len()).max().unwrap_or(8);
    for rv in &r.reviewers {
        let word = format!("{:<12}", rv.status.as_str());
        let status = match rv.status {
            Status::Ok => ui.paint(&word, Tone::Good),
            Status::Skipped => ui.paint(&word, Tone::Dim),
            _ => ui.paint(&word, Tone::Bad),
        };
        s.push_str(&format!(
            "  {:<width$}  {status}{:>6} ms  {} finding{}{}\n",
            rv.id,
            rv.duration_ms,
            rv.findings,
            if rv.findings == 1 { "" } else { "s" },
            rv.error
                .as_deref()
                .map(|e| format!("  ({})", escape(e)))
                .unwrap_or_default()
        ));
    }
    for f in &r.findings {
        // File names and reviewer text are shown escaped: they cannot steer the terminal.
        let loc = match (&f.file, f.line_start) {
            (Some(file), Some(l)) => format!("{}:{l}", escape(file)),
            (Some(file), None) => escape(file).into_owned(),
            _ => "(no location)".into(),
        };
        let tone = match f.tier {
            crate::review::Tier::Critical | crate::review::Tier::Important => Tone::Bad,
            crate::review::Tier::Moderate => Tone::Warn,
            crate::review::Tier::Informational => Tone::Dim,
        };
        s.push_str(&format!(
            "  {} {loc} [{}] {} (R {:.2}, k {})\n",
            ui.paint(&format!("[{}]", f.tier), tone),
            escape(&f.category),
            escape(f.descriptions.first().map(String::as_str).unwrap_or("")),
            f.r,
            f.k
        ));
    }
    s.push_str(&format!("{}\n", escape(&r.summary)));
    if let Some(p) = &r.report_path {
        s.push_str(&format!("report: {}\n", escape(p)));
    }
    if let Some(p) = &r.sarif_path {
        s.push_str(&format!("sarif: {}\n", escape(p)));
    }
    s
}
