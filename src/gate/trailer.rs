//! The `Review-Hash` trailer: its format, its hash, and where it sits in a commit message.
//!
//! Format (version 1), one line in the message's trailer block:
//!
//! ```text
//! Review-Hash: v1:<verdict>:<sha256 hex>
//! ```
//!
//! where `<verdict>` is `passed` or `bypassed` and the hash is
//! `sha256("wfc-review-hash-v1" NUL <tree id hex> NUL <verdict>)` in lower-case hex. The verdict is
//! spelled out so CI can read it; the hash binds it to exactly one tree, so a commit whose tree
//! changed after the review (amend, rebase, `--no-verify`) no longer matches. The hash has no
//! secret: it proves that the commit went through the gate unchanged, not who ran it.
//!
//! Trailer blocks are found the way git's `interpret-trailers` finds them: the last paragraph of
//! the message (never the title), made only of `Token: value` lines, or of at least 25% of them
//! with a git-generated one such as `Signed-off-by:`; comment lines and everything below the
//! scissors line are ignored while the message is still being edited.

use sha2::{Digest, Sha256};

/// The trailer key.
pub const KEY: &str = "Review-Hash";
/// The format version written into every trailer.
pub const VERSION: &str = "v1";
const DOMAIN: &str = "wfc-review-hash-v1";
const GIT_GENERATED: &[&str] = &["Signed-off-by: ", "(cherry picked from commit "];
const SCISSORS: &str = " ------------------------ >8 ------------------------";

/// The verdict a trailer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Passed,
    Bypassed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Bypassed => "bypassed",
        }
    }

    /// The verdict of a job status (`passed` or `bypassed`); other statuses grant nothing.
    pub fn from_status(status: &str) -> Option<Verdict> {
        match status {
            "passed" => Some(Verdict::Passed),
            "bypassed" => Some(Verdict::Bypassed),
            _ => None,
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The hash binding `tree_id` to `verdict` (64 lower-case hex digits).
pub fn digest(tree_id: &str, verdict: Verdict) -> String {
    let mut h = Sha256::new();
    h.update(DOMAIN.as_bytes());
    h.update([0]);
    h.update(tree_id.as_bytes());
    h.update([0]);
    h.update(verdict.as_str().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A parsed trailer value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewHash {
    pub verdict: Verdict,
    pub digest: String,
}

impl ReviewHash {
    /// The trailer value for `tree_id` reviewed with `verdict`.
    pub fn new(tree_id: &str, verdict: Verdict) -> ReviewHash {
        ReviewHash {
            verdict,
            digest: digest(tree_id, verdict),
        }
    }

    /// `v1:<verdict>:<hex>`
    pub fn value(&self) -> String {
        format!("{VERSION}:{}:{}", self.verdict, self.digest)
    }

    /// The whole trailer line, without a newline.
    pub fn line(&self) -> String {
        format!("{KEY}: {}", self.value())
    }

    /// Whether this value was made for exactly `tree_id`.
    pub fn matches(&self, tree_id: &str) -> bool {
        self.digest == digest(tree_id, self.verdict)
    }

    /// Parses a trailer value; the error says what is wrong with it.
    pub fn parse(value: &str) -> Result<ReviewHash, String> {
        let value = value.trim();
        let mut parts = value.split(':');
        let (Some(version), Some(verdict), Some(hex), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "{value:?} is not of the form {VERSION}:<verdict>:<sha256 hex>"
            ));
        };
        if version != VERSION {
            return Err(format!(
                "unknown format version {version:?} (this wfc writes and reads {VERSION})"
            ));
        }
        let verdict = Verdict::from_status(verdict)
            .ok_or_else(|| format!("unknown verdict {verdict:?} (expected passed or bypassed)"))?;
        if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(format!("the hash {hex:?} is not 64 lower-case hex digits"));
        }
        Ok(ReviewHash {
            verdict,
            digest: hex.to_string(),
        })
    }
}

/// What a commit message says about its review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No `Review-Hash` trailer.
    Missing,
    Valid(ReviewHash),
    /// A `Review-Hash` line that cannot be trusted as it is, and why.
    Malformed(String),
}

/// How comment lines are recognised in a message being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comments {
    /// A committed message: no line is a comment.
    None,
    /// Lines starting with this string are comments (`core.commentChar`, default `#`).
    Prefix(String),
    /// `core.commentChar=auto`: git picked one of these.
    Auto,
}

const AUTO_CHARS: &str = "#;@!$%^&|:";

impl Comments {
    fn is_comment(&self, line: &str) -> bool {
        match self {
            Comments::None => false,
            Comments::Prefix(p) => line.starts_with(p.as_str()),
            Comments::Auto => line.chars().next().is_some_and(|c| AUTO_CHARS.contains(c)),
        }
    }

    fn is_scissors(&self, line: &str) -> bool {
        let line = line.trim_end_matches(['\n', '\r']);
        match self {
            Comments::None => false,
            Comments::Prefix(p) => line.strip_prefix(p.as_str()) == Some(SCISSORS),
            Comments::Auto => {
                let mut chars = line.chars();
                chars.next().is_some_and(|c| AUTO_CHARS.contains(c)) && chars.as_str() == SCISSORS
            }
        }
    }
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Where git's token/separator split falls: `Token: value` or `Token : value`.
fn separator_pos(line: &str) -> Option<usize> {
    let mut whitespace = false;
    for (i, c) in line.char_indices() {
        if !whitespace && (c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        if i > 0 && (c == ' ' || c == '\t') {
            whitespace = true;
            continue;
        }
        return (c == ':' && i > 0).then_some(i);
    }
    None
}

fn is_trailer_line(line: &str) -> bool {
    separator_pos(line).is_some() && !line.starts_with([' ', '\t'])
}

fn is_key(line: &str, key: &str) -> bool {
    separator_pos(line).is_some_and(|p| line[..p].trim().eq_ignore_ascii_case(key))
}

fn trailer_value(line: &str) -> &str {
    separator_pos(line).map_or("", |p| line[p + 1..].trim())
}

/// The message split into lines (each keeping its line ending) and the parts git reads.
struct Layout<'a> {
    lines: Vec<&'a str>,
    /// Lines `[0, end)` are the message; the rest are trailing comments, blank lines and the
    /// part below the scissors line.
    end: usize,
    /// The trailer block, `[start, end)`, when the last paragraph is one.
    block: Option<usize>,
}

impl<'a> Layout<'a> {
    fn new(message: &'a str, comments: &Comments) -> Layout<'a> {
        let lines: Vec<&str> = message.split_inclusive('\n').collect();
        let mut end = lines
            .iter()
            .position(|l| comments.is_scissors(l))
            .unwrap_or(lines.len());
        while end > 0 && (is_blank(lines[end - 1]) || comments.is_comment(lines[end - 1])) {
            end -= 1;
        }
        let block = find_block(&lines[..end], comments);
        Layout { lines, end, block }
    }
}

/// git's `find_trailer_block_start`, over lines.
fn find_block(lines: &[&str], comments: &Comments) -> Option<usize> {
    // The first paragraph is the title and cannot be trailers.
    let end_of_title = lines
        .iter()
        .position(|l| !comments.is_comment(l) && is_blank(l))
        .unwrap_or(lines.len());
    let mut only_spaces = true;
    let mut recognized = false;
    let (mut trailers, mut non_trailers, mut continuations) = (0usize, 0usize, 0usize);
    let mut i = lines.len();
    while i > end_of_title {
        i -= 1;
        let line = lines[i];
        if comments.is_comment(line) {
            non_trailers += continuations;
            continuations = 0;
            continue;
        }
        if is_blank(line) {
            if only_spaces {
                continue;
            }
            non_trailers += continuations;
            if (recognized && trailers * 3 >= non_trailers) || (trailers > 0 && non_trailers == 0) {
                return Some(i + 1);
            }
            return None;
        }
        only_spaces = false;
        if GIT_GENERATED.iter().any(|p| line.starts_with(p)) {
            trailers += 1;
            continuations = 0;
            recognized = true;
        } else if is_trailer_line(line) {
            trailers += 1;
            continuations = 0;
        } else if line.starts_with([' ', '\t']) {
            continuations += 1;
        } else {
            non_trailers += 1 + continuations;
            continuations = 0;
        }
    }
    None
}

/// Reads the `Review-Hash` trailer of a committed message.
pub fn find(message: &str) -> Found {
    find_with(message, &Comments::None)
}

fn find_with(message: &str, comments: &Comments) -> Found {
    let layout = Layout::new(message, comments);
    let in_block: Vec<&str> = match layout.block {
        Some(start) => layout.lines[start..layout.end]
            .iter()
            .copied()
            .filter(|l| !comments.is_comment(l) && is_key(l, KEY))
            .collect(),
        None => Vec::new(),
    };
    match in_block.as_slice() {
        [] => {
            let elsewhere = layout.lines[..layout.end]
                .iter()
                .any(|l| !comments.is_comment(l) && is_key(l, KEY));
            if elsewhere {
                Found::Malformed(format!(
                    "a {KEY} line is in the message but not in the trailer block at its end"
                ))
            } else {
                Found::Missing
            }
        }
        [one] => match ReviewHash::parse(trailer_value(one)) {
            Ok(h) => Found::Valid(h),
            Err(e) => Found::Malformed(e),
        },
        many => Found::Malformed(format!("{} {KEY} trailers; expected one", many.len())),
    }
}

/// The message with `hash` as its only `Review-Hash` trailer, or `None` when it already is.
///
/// A stale trailer (from `--amend`) is replaced in place of its block; other trailers such as
/// `Signed-off-by` are kept; a message without a trailer block gets one after a blank line.
/// Comments and the part below the scissors line stay where they are. An empty message is left
/// alone, so git still aborts the commit as it would without the hook.
pub fn apply(message: &str, hash: &ReviewHash, comments: &Comments) -> Option<String> {
    let layout = Layout::new(message, comments);
    let content = layout.lines[..layout.end]
        .iter()
        .any(|l| !comments.is_comment(l) && !is_blank(l));
    if !content {
        return None;
    }
    if let Found::Valid(existing) = find_with(message, comments)
        && existing == *hash
    {
        return None;
    }
    let newline = if message.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let ours = format!("{}{newline}", hash.line());
    let mut out = String::with_capacity(message.len() + ours.len() + 2);
    match layout.block {
        Some(start) => {
            for l in &layout.lines[..start] {
                out.push_str(l);
            }
            let mut i = start;
            // Drop every Review-Hash line of the block, with its continuation lines.
            let mut dropping = false;
            while i < layout.end {
                let l = layout.lines[i];
                if dropping && l.starts_with([' ', '\t']) {
                    i += 1;
                    continue;
                }
                dropping = !comments.is_comment(l) && is_key(l, KEY);
                if !dropping {
                    out.push_str(l);
                }
                i += 1;
            }
            if !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(&ours);
        }
        None => {
            for l in &layout.lines[..layout.end] {
                out.push_str(l);
            }
            if !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(newline);
            out.push_str(&ours);
        }
    }
    for l in &layout.lines[layout.end..] {
        out.push_str(l);
    }
    Some(out)
}

/// Bytes to text and back without loss: UTF-8 when it is, else one char per byte (Latin-1), so a
/// message in another encoding keeps every byte.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), true),
        Err(_) => (bytes.iter().map(|&b| b as char).collect(), false),
    }
}

/// The inverse of [`decode`].
pub fn encode(text: &str, utf8: bool) -> Vec<u8> {
    if utf8 {
        text.as_bytes().to_vec()
    } else {
        text.chars().map(|c| c as u32 as u8).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    fn hash() -> ReviewHash {
        ReviewHash::new(TREE, Verdict::Passed)
    }

    fn hash_comments() -> Comments {
        Comments::Prefix("#".into())
    }

    #[test]
    fn digest_is_stable_and_binds_tree_and_verdict() {
        let d = digest(TREE, Verdict::Passed);
        assert_eq!(d.len(), 64);
        assert_eq!(d, digest(TREE, Verdict::Passed));
        assert_ne!(d, digest(TREE, Verdict::Bypassed));
        assert_ne!(
            d,
            digest("5b825dc642cb6eb9a060e54bf8d69288fbee4904", Verdict::Passed)
        );
        // Pinned so the format cannot drift without a new version.
        let mut h = Sha256::new();
        h.update(b"wfc-review-hash-v1\x004b825dc642cb6eb9a060e54bf8d69288fbee4904\x00passed");
        let expected: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(d, expected);
    }

    #[test]
    fn value_round_trips() {
        let h = hash();
        assert!(h.value().starts_with("v1:passed:"));
        assert_eq!(ReviewHash::parse(&h.value()).unwrap(), h);
        assert!(h.matches(TREE));
        assert!(!h.matches("5b825dc642cb6eb9a060e54bf8d69288fbee4904"));
    }

    #[test]
    fn malformed_values_say_why() {
        let hex = "a".repeat(64);
        assert!(ReviewHash::parse("nonsense").unwrap_err().contains("form"));
        assert!(
            ReviewHash::parse(&format!("v2:passed:{hex}"))
                .unwrap_err()
                .contains("version")
        );
        assert!(
            ReviewHash::parse(&format!("v1:failed:{hex}"))
                .unwrap_err()
                .contains("verdict")
        );
        assert!(
            ReviewHash::parse("v1:passed:abc")
                .unwrap_err()
                .contains("64")
        );
        assert!(
            ReviewHash::parse(&format!("v1:passed:{}", "A".repeat(64)))
                .unwrap_err()
                .contains("hex")
        );
    }

    #[test]
    fn appends_a_block_after_a_blank_line() {
        let out = apply("Fix the thing\n", &hash(), &hash_comments()).unwrap();
        assert_eq!(out, format!("Fix the thing\n\n{}\n", hash().line()));
        assert_eq!(find(&out), Found::Valid(hash()));
    }

    #[test]
    fn joins_an_existing_trailer_block() {
        let msg = "Subject\n\nBody text.\n\nSigned-off-by: A <a@example.com>\n";
        let out = apply(msg, &hash(), &hash_comments()).unwrap();
        assert_eq!(
            out,
            format!(
                "Subject\n\nBody text.\n\nSigned-off-by: A <a@example.com>\n{}\n",
                hash().line()
            )
        );
    }

    #[test]
    fn the_title_is_never_a_trailer_block() {
        let out = apply(
            "Fixes: a title that looks like a trailer\n",
            &hash(),
            &hash_comments(),
        )
        .unwrap();
        assert_eq!(
            out,
            format!(
                "Fixes: a title that looks like a trailer\n\n{}\n",
                hash().line()
            )
        );
    }

    #[test]
    fn a_prose_paragraph_is_not_a_block() {
        let msg = "Subject\n\nThis explains: why.\nAnd more prose here.\n";
        let out = apply(msg, &hash(), &hash_comments()).unwrap();
        assert!(out.ends_with(&format!("more prose here.\n\n{}\n", hash().line())));
    }

    #[test]
    fn keeps_comments_and_the_scissors_part_below() {
        let msg = "Subject\n\nSigned-off-by: A <a@x>\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\nReview-Hash: junk\n";
        let out = apply(msg, &hash(), &hash_comments()).unwrap();
        assert_eq!(
            out,
            format!(
                "Subject\n\nSigned-off-by: A <a@x>\n{}\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\nReview-Hash: junk\n",
                hash().line()
            )
        );
    }

    #[test]
    fn replaces_a_stale_trailer_and_is_idempotent() {
        let stale = ReviewHash::new(
            "5b825dc642cb6eb9a060e54bf8d69288fbee4904",
            Verdict::Bypassed,
        );
        let msg = format!("Subject\n\n{}\nSigned-off-by: A <a@x>\n", stale.line());
        let out = apply(&msg, &hash(), &hash_comments()).unwrap();
        assert_eq!(
            out,
            format!("Subject\n\nSigned-off-by: A <a@x>\n{}\n", hash().line())
        );
        assert_eq!(out.matches("Review-Hash").count(), 1);
        assert_eq!(apply(&out, &hash(), &hash_comments()), None);
    }

    #[test]
    fn an_empty_message_is_left_for_git_to_abort() {
        assert_eq!(apply("", &hash(), &hash_comments()), None);
        assert_eq!(
            apply("\n# only comments\n", &hash(), &hash_comments()),
            None
        );
    }

    #[test]
    fn message_without_final_newline() {
        let out = apply("Subject", &hash(), &hash_comments()).unwrap();
        assert_eq!(out, format!("Subject\n\n{}\n", hash().line()));
    }

    #[test]
    fn find_reports_missing_malformed_and_duplicates() {
        assert_eq!(find("Subject\n\nBody\n"), Found::Missing);
        assert!(matches!(
            find("Subject\n\nReview-Hash: v1:passed:zz\n"),
            Found::Malformed(_)
        ));
        let two = format!("Subject\n\n{}\n{}\n", hash().line(), hash().line());
        assert!(matches!(find(&two), Found::Malformed(m) if m.contains("2")));
        let misplaced = format!("Subject\n\n{}\n\nMore prose after it.\n", hash().line());
        assert!(matches!(find(&misplaced), Found::Malformed(m) if m.contains("trailer block")));
        // Keys are case-insensitive, as in git.
        let lower = format!("Subject\n\nreview-hash: {}\n", hash().value());
        assert_eq!(find(&lower), Found::Valid(hash()));
    }

    #[test]
    fn git_generated_prefix_allows_mixed_blocks() {
        let msg = "Subject\n\nSigned-off-by: A <a@x>\nsome free text\nReviewed-by: B <b@x>\n";
        let out = apply(msg, &hash(), &hash_comments()).unwrap();
        assert!(out.ends_with(&format!("Reviewed-by: B <b@x>\n{}\n", hash().line())));
    }

    #[test]
    fn non_utf8_bytes_survive() {
        let bytes = b"Caf\xe9 subject\n".to_vec();
        let (text, utf8) = decode(&bytes);
        assert!(!utf8);
        let out = apply(&text, &hash(), &hash_comments()).unwrap();
        let back = encode(&out, utf8);
        assert!(back.starts_with(b"Caf\xe9 subject\n\n"));
    }
}
