//! `REVIEW-<task>.md`: the report a person reads.

use std::fmt::Write;

use super::consensus::Merged;
use super::result::{ReviewResult, ReviewStatus};
use crate::tier::Tier;

/// Text from outside on one line of Markdown, neutralised: control characters escaped (newlines
/// included, so no text starts a line of its own), and every character that could open
/// structure, a link, a code span or HTML backslash-escaped (`#`, `>`, `|`, `` ` ``, `[`, `]`,
/// `<`, `*`, `\\`, and a list marker at the start). A reviewer's words can then neither add a
/// heading, a table row or a finding of their own nor hide the ones around them.
pub fn inline(s: &str) -> String {
    let escaped = crate::escape::escape(s);
    let mut out = String::with_capacity(escaped.len() + 8);
    for (i, c) in escaped.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' | '~' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn cell(s: &str) -> String {
    inline(s)
}

/// A file name (or any literal) as a Markdown code span: escaped control characters, and a fence
/// longer than any run of backticks inside, so the name cannot close the span early.
pub fn code(s: &str) -> String {
    let escaped = crate::escape::escape(s);
    let mut longest = 0;
    let mut run = 0;
    for c in escaped.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if escaped.starts_with('`') || escaped.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{escaped}{pad}{fence}")
}

fn location(f: &Merged) -> String {
    match (&f.file, f.line_start, f.line_end) {
        (Some(file), Some(a), Some(b)) if b > a => code(&format!("{file}:{a}-{b}")),
        (Some(file), Some(a), _) => code(&format!("{file}:{a}")),
        (Some(file), None, _) => code(file),
        (None, _, _) => "(no location)".into(),
    }
}

/// Renders the Markdown report.
pub fn markdown(r: &ReviewResult) -> String {
    let mut s = String::new();
    let verdict = match r.status {
        ReviewStatus::Passed => "PASSED",
        ReviewStatus::Failed => "FAILED",
        ReviewStatus::Incomplete => "INCOMPLETE",
        ReviewStatus::Bypassed => "BYPASSED",
        ReviewStatus::Interrupted => "INTERRUPTED",
    };
    let _ = writeln!(s, "# Review: {}\n", r.task_id);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| Status | **{verdict}** |");
    let _ = writeln!(
        s,
        "| Consensus score | {:.3} ({}; fails at {}) |",
        r.cs, r.tier, r.fail_on
    );
    let _ = writeln!(
        s,
        "| Minority protection | {} |",
        if r.minority_protection_applied {
            "applied"
        } else {
            "not applied"
        }
    );
    let _ = writeln!(s, "| Project | {} |", cell(&r.project_id));
    let _ = writeln!(s, "| Developer | {} |", cell(&r.developer_id));
    let _ = writeln!(s, "| Task | {} |", cell(&r.task_id));
    let _ = writeln!(s, "| Tree | `{}` |", cell(&r.tree_id));
    let _ = writeln!(s, "| Job | `{}` |", cell(&r.job_id));
    let _ = writeln!(
        s,
        "| Change | {} ({} file{}) |",
        r.mode,
        r.files.len(),
        if r.files.len() == 1 { "" } else { "s" }
    );
    let _ = writeln!(s, "| Reviewed | {} ({} ms) |", r.finished_at, r.duration_ms);
    if let Some(reason) = &r.bypass_reason {
        let _ = writeln!(s, "| Bypass reason | {} |", cell(reason));
    }

    let _ = writeln!(s, "\n## Reviewers\n");
    let _ = writeln!(s, "| Reviewer | Status | Duration | Findings | Error |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for rv in &r.reviewers {
        let _ = writeln!(
            s,
            "| {} | {} | {} ms | {} | {} |",
            cell(&rv.id),
            rv.status.as_str(),
            rv.duration_ms,
            rv.findings,
            cell(rv.error.as_deref().unwrap_or(""))
        );
    }

    let _ = writeln!(s, "\n## Findings\n");
    if r.findings.is_empty() {
        let _ = writeln!(s, "No findings.");
    }
    let mut number = 0;
    for tier in Tier::ALL.iter().rev() {
        let group: Vec<&Merged> = r.findings.iter().filter(|f| f.tier == *tier).collect();
        if group.is_empty() {
            continue;
        }
        let title = tier.as_str();
        let mut t = title.chars();
        let title = t
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + t.as_str())
            .unwrap_or_default();
        let _ = writeln!(s, "### {title} ({})\n", group.len());
        for f in group {
            number += 1;
            let _ = writeln!(
                s,
                "#### {number}. \\[{}\\] {}\n",
                inline(&f.category),
                location(f)
            );
            let _ = writeln!(
                s,
                "R {:.2} (severity {}, confidence {}, weight {}), k = {}: {}\n",
                f.r,
                f.severity,
                f.confidence,
                f.weight,
                f.k,
                inline(&f.reviewers.join(", "))
            );
            for d in &f.descriptions {
                let _ = writeln!(s, "- {}", inline(d));
            }
            for m in &f.remediations {
                let _ = writeln!(s, "- Remediation: {}", inline(m));
            }
            if !f.rules.is_empty() {
                let _ = writeln!(s, "- Rule: {}", inline(&f.rules.join(", ")));
            }
            let _ = writeln!(s, "- Fingerprint: `{}`\n", f.fingerprint);
        }
    }

    let _ = writeln!(s, "## Summary\n\n{}", inline(&r.summary));
    let notes: Vec<String> = r
        .reviewers
        .iter()
        .filter_map(|rv| {
            rv.summary
                .as_ref()
                .map(|t| format!("- {}: {}", inline(&rv.id), inline(t)))
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "\n{}", notes.join("\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{code, inline};

    #[test]
    fn inline_text_cannot_open_structure() {
        assert_eq!(inline("plain words, a_b"), "plain words, a_b");
        assert_eq!(inline("# title"), "\\# title");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("a\n## b|c"), "a\\\\n\\#\\# b\\|c");
        assert_eq!(inline("<b>[x](y)</b>"), "\\<b\\>\\[x\\](y)\\</b\\>");
        assert_eq!(inline("\u{1b}[2J"), "\\\\x1b\\[2J");
    }

    #[test]
    fn code_spans_hold_any_name() {
        assert_eq!(code("src/a.rs:3"), "`src/a.rs:3`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("a\nb"), "`a\\nb`");
    }
}
