//! The prompt each reviewer gets: its instructions, what the knowledge base taught it, the files,
//! the diff, and the answer format.

use super::change::Change;

/// Most diff text put into one prompt; the rest is cut with a note.
pub const MAX_DIFF_CHARS: usize = 400_000;

/// The answer format every prompt asks for (what `llm-text` reads).
pub const ANSWER_FORMAT: &str = "\
Answer with a JSON array of findings, then one line `SUMMARY: <one sentence>` and one line
`SCORE: <0-10, 10 = ready to merge>`. Each finding is an object:
{\"file\": \"path/in/repo\", \"line_start\": 12, \"line_end\": 14, \"category\": \"security\",
 \"severity\": 0-10, \"confidence\": 0-10, \"description\": \"what is wrong\",
 \"remediation\": \"how to fix it\"}
Report only problems in the added lines. Answer `[]` when there is nothing to report.";

/// Rough token count: four characters a token.
pub fn tokens(text: &str) -> usize {
    text.chars().count().div_ceil(4)
}

/// Builds the prompt. `knowledge` lines are already selected within the token budget; `diff` is
/// already redacted.
pub fn build(
    reviewer: &str,
    instructions: &str,
    knowledge: &[String],
    change: &Change,
    diff: &str,
) -> String {
    let mut p = String::with_capacity(diff.len().min(MAX_DIFF_CHARS) + 4096);
    p.push_str(&format!("# Code review: {reviewer}\n\n{instructions}\n\n"));
    if !knowledge.is_empty() {
        p.push_str("## What earlier reviews in this codebase taught you\n\n");
        for k in knowledge {
            p.push_str(k.trim_end());
            p.push('\n');
        }
        p.push('\n');
    }
    p.push_str("## Files changed\n\n");
    for f in &change.files {
        p.push_str(&format!(
            "- {} ({:?}, +{} -{})\n",
            // A file name cannot start a line of its own in the prompt.
            crate::escape::escape(&f.path),
            f.status,
            f.added.len(),
            f.removed
        ));
    }
    p.push_str("\n## Diff\n\n```diff\n");
    if diff.len() > MAX_DIFF_CHARS {
        let mut cut = MAX_DIFF_CHARS;
        while !diff.is_char_boundary(cut) {
            cut -= 1;
        }
        p.push_str(&diff[..cut]);
        p.push_str(&format!(
            "\n... diff cut at {MAX_DIFF_CHARS} characters of {}\n",
            diff.len()
        ));
    } else {
        p.push_str(diff);
    }
    if !p.ends_with('\n') {
        p.push('\n');
    }
    p.push_str("```\n\n## Answer format\n\n");
    p.push_str(ANSWER_FORMAT);
    p.push('\n');
    // Knowledge lines, instructions and paths come from files anyone may have edited; the diff
    // was redacted already, and redacting twice changes nothing.
    match crate::review::redact::text(&p) {
        std::borrow::Cow::Borrowed(_) => p,
        std::borrow::Cow::Owned(masked) => masked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_has_every_part() {
        let c = super::super::diff::parse("--- a/x.py\n+++ b/x.py\n@@ -0,0 +1 @@\n+print(1)\n");
        let p = build(
            "security",
            "Find secrets.",
            &["- [2026-01-01] no eval (Source: s)".into()],
            &c,
            &c.diff,
        );
        assert!(p.contains("# Code review: security"));
        assert!(p.contains("Find secrets."));
        assert!(p.contains("no eval"));
        assert!(p.contains("- x.py (Added, +1 -0)") || p.contains("- x.py (Modified, +1 -0)"));
        assert!(p.contains("+print(1)"));
        assert!(p.contains("SUMMARY:"));
        assert!(tokens(&p) > 50);
    }
}
