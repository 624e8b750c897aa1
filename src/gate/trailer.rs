//! The `Review-Hash` trailer: its format, its hash, and where it sits in a commit message.
//!
//! Format (version 2), one line in the message's trailer block:
//!
//! ```text
//! Review-Hash: v2:<verdict>:<policy digest 12>:<sha256 hex>
//! ```
//!
//! where `<verdict>` is `passed` or `bypassed` and the hash is
//! `sha256("wfc-review-hash-v2" NUL <parent trees> NUL <tree> NUL <verdict> NUL <policy digest>)`
//! in lower-case hex. It binds the verdict to exactly one change (the parents' trees and the
//! commit's tree) under one gate policy, so a commit whose change differs from what was reviewed
//! (amend, rebase, squash, `--no-verify`) or that was reviewed under a weaker policy no longer
//! matches. The hash has no secret: it proves what the gate saw, not who ran it; a
//! `Review-Signature` trailer does that. Version 1 (`v1:<verdict>:<hash of tree and verdict>`)
//! is still read, and reported as such.
//!
//! Trailer blocks are found the way git's `interpret-trailers` finds them: the last paragraph of
//! the message (never the title), made only of `Token: value` lines, or of at least 25% of them
//! with a git-generated one such as `Signed-off-by:`; comment lines and everything below the
//! scissors line are ignored while the message is still being edited.

use sha2::{Digest, Sha256};

/// The trailer key.
pub const KEY: &str = "Review-Hash";
/// The format version written into every trailer.
pub const VERSION: &str = "v2";
const DOMAIN_V1: &str = "wfc-review-hash-v1";
const DOMAIN_V2: &str = "wfc-review-hash-v2";
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

fn hex_sha256(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0]);
        }
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The version 1 hash binding `tree_id` to `verdict` (64 lower-case hex digits). It binds no
/// parent and no policy, and anyone can compute it: it is recognised, never trusted.
pub fn digest(tree_id: &str, verdict: Verdict) -> String {
    hex_sha256(&[DOMAIN_V1, tree_id, verdict.as_str()])
}

/// The version 2 hash: `sha256("wfc-review-hash-v2" NUL parents NUL tree NUL verdict NUL policy)`
/// where `parents` are the parent commits' tree ids in order, joined by `,` (the empty tree for a
/// root commit) and `policy` is the full policy digest.
pub fn digest_v2(parent_trees: &[String], tree_id: &str, verdict: Verdict, policy: &str) -> String {
    hex_sha256(&[
        DOMAIN_V2,
        &parent_trees.join(","),
        tree_id,
        verdict.as_str(),
        policy,
    ])
}

/// The signed payload of a v2 trailer: what the hash binds, plus the job and audit head that
/// granted it, one `key value` line each.
pub fn payload(
    parent_trees: &[String],
    tree_id: &str,
    verdict: Verdict,
    policy: &str,
    job_id: &str,
    audit_head: Option<(i64, &str)>,
) -> String {
    let mut s = format!(
        "wfc-review-v2\nparents {}\ntree {tree_id}\nverdict {verdict}\npolicy {policy}\njob {job_id}\n",
        parent_trees.join(",")
    );
    if let Some((seq, hash)) = audit_head {
        s.push_str(&format!("audit {seq} {hash}\n"));
    }
    s
}

/// A trailer format version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Version {
    V1,
    V2,
}

/// A parsed trailer value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewHash {
    pub version: Version,
    pub verdict: Verdict,
    /// The first 12 hex digits of the policy digest (v2).
    pub policy: Option<String>,
    pub digest: String,
}

impl ReviewHash {
    /// A version 1 value for `tree_id` (kept to recognise and test old history).
    pub fn new(tree_id: &str, verdict: Verdict) -> ReviewHash {
        ReviewHash {
            version: Version::V1,
            verdict,
            policy: None,
            digest: digest(tree_id, verdict),
        }
    }

    /// The value for the change `parent_trees` -> `tree_id` granted under `policy` (full digest).
    pub fn v2(
        parent_trees: &[String],
        tree_id: &str,
        verdict: Verdict,
        policy: &str,
    ) -> ReviewHash {
        ReviewHash {
            version: Version::V2,
            verdict,
            policy: Some(policy[..policy.len().min(12)].to_string()),
            digest: digest_v2(parent_trees, tree_id, verdict, policy),
        }
    }

    /// `v2:<verdict>:<policy 12>:<hex>` (or `v1:<verdict>:<hex>`).
    pub fn value(&self) -> String {
        match (&self.version, &self.policy) {
            (Version::V2, Some(p)) => format!("v2:{}:{p}:{}", self.verdict, self.digest),
            _ => format!("v1:{}:{}", self.verdict, self.digest),
        }
    }

    /// The whole trailer line, without a newline.
    pub fn line(&self) -> String {
        format!("{KEY}: {}", self.value())
    }

    /// Whether this is a v1 value made for exactly `tree_id`.
    pub fn matches(&self, tree_id: &str) -> bool {
        self.version == Version::V1 && self.digest == digest(tree_id, self.verdict)
    }

    /// Whether this is a v2 value made for exactly this change under exactly this policy.
    pub fn matches_v2(&self, parent_trees: &[String], tree_id: &str, policy: &str) -> bool {
        self.version == Version::V2
            && self.policy.as_deref() == Some(&policy[..policy.len().min(12)])
            && self.digest == digest_v2(parent_trees, tree_id, self.verdict, policy)
    }

    /// Parses a trailer value; the error says what is wrong with it.
    pub fn parse(value: &str) -> Result<ReviewHash, String> {
        let value = value.trim();
        let parts: Vec<&str> = value.split(':').collect();
        let is_hex = |s: &str, n: usize| {
            s.len() == n && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        };
        let verdict_of = |v: &str| {
            Verdict::from_status(v)
                .ok_or_else(|| format!("unknown verdict {v:?} (expected passed or bypassed)"))
        };
        match parts.as_slice() {
            ["v1", verdict, hex] => {
                let verdict = verdict_of(verdict)?;
                if !is_hex(hex, 64) {
                    return Err(format!("the hash {hex:?} is not 64 lower-case hex digits"));
                }
                Ok(ReviewHash {
                    version: Version::V1,
                    verdict,
                    policy: None,
                    digest: hex.to_string(),
                })
            }
            ["v2", verdict, policy, hex] => {
                let verdict = verdict_of(verdict)?;
                if !is_hex(policy, 12) {
                    return Err(format!(
                        "the policy digest {policy:?} is not 12 lower-case hex digits"
                    ));
                }
                if !is_hex(hex, 64) {
                    return Err(format!("the hash {hex:?} is not 64 lower-case hex digits"));
                }
                Ok(ReviewHash {
                    version: Version::V2,
                    verdict,
                    policy: Some(policy.to_string()),
                    digest: hex.to_string(),
                })
            }
            [v, ..] if *v != "v1" && *v != "v2" => Err(format!(
                "unknown format version {v:?} (this wfc writes v2 and reads v1 and v2)"
            )),
            _ => Err(format!(
                "{value:?} is not of the form v2:<verdict>:<policy>:<sha256 hex>"
            )),
        }
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
    apply_with(message, hash, None, comments)
}

/// Like [`apply`], with the `Review-Anchor` and `Review-Signature` trailers of a signed
/// attestation after the hash (stale ones are dropped either way).
pub fn apply_with(
    message: &str,
    hash: &ReviewHash,
    attestation: Option<&Attestation>,
    comments: &Comments,
) -> Option<String> {
    let layout = Layout::new(message, comments);
    let content = layout.lines[..layout.end]
        .iter()
        .any(|l| !comments.is_comment(l) && !is_blank(l));
    if !content {
        return None;
    }
    let newline = if message.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut ours = format!("{}{newline}", hash.line());
    if let Some(a) = attestation {
        ours.push_str(&format!("{ANCHOR_KEY}: {}{newline}", a.anchor_value()));
        ours.push_str(&format!("{SIGNATURE_KEY}: {}{newline}", a.signature));
    }
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
                dropping = !comments.is_comment(l)
                    && (is_key(l, KEY) || is_key(l, SIGNATURE_KEY) || is_key(l, ANCHOR_KEY));
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
    (out != message).then_some(out)
}

/// The trailer holding the signature of a v2 attestation (OpenSSH SSHSIG, namespace
/// `wfc-review`, on one line).
pub const SIGNATURE_KEY: &str = "Review-Signature";
/// The trailer naming the job and the audit head a signed attestation carries.
pub const ANCHOR_KEY: &str = "Review-Anchor";

/// What a signed commit carries besides its `Review-Hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    pub job_id: String,
    /// Sequence and hash of the job's audit row.
    pub audit: Option<(i64, String)>,
    pub signature: String,
}

impl Attestation {
    /// `job=<id> audit=<seq>:<hash>`
    pub fn anchor_value(&self) -> String {
        match &self.audit {
            Some((seq, hash)) => format!("job={} audit={seq}:{hash}", self.job_id),
            None => format!("job={}", self.job_id),
        }
    }

    fn parse_anchor(value: &str) -> Option<(String, Option<(i64, String)>)> {
        let mut job = None;
        let mut audit = None;
        for part in value.split_whitespace() {
            if let Some(j) = part.strip_prefix("job=") {
                job = Some(j.to_string());
            } else if let Some(a) = part.strip_prefix("audit=") {
                let (seq, hash) = a.split_once(':')?;
                audit = Some((seq.parse().ok()?, hash.to_string()));
            }
        }
        Some((job?, audit))
    }
}

/// The signed attestation of a committed message: its `Review-Anchor` and `Review-Signature`
/// trailers, when both are in the trailer block once.
pub fn attestation(message: &str) -> Option<Attestation> {
    let comments = Comments::None;
    let layout = Layout::new(message, &comments);
    let start = layout.block?;
    let block = &layout.lines[start..layout.end];
    let one = |key: &str| {
        let v: Vec<&str> = block.iter().copied().filter(|l| is_key(l, key)).collect();
        match v.as_slice() {
            [l] => Some(trailer_value(l).to_string()),
            _ => None,
        }
    };
    let (job_id, audit) = Attestation::parse_anchor(&one(ANCHOR_KEY)?)?;
    Some(Attestation {
        job_id,
        audit,
        signature: one(SIGNATURE_KEY)?,
    })
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
    fn v2_binds_parents_tree_verdict_and_policy() {
        let policy = "b".repeat(64);
        let parents = vec![TREE.to_string()];
        let tree = "5b825dc642cb6eb9a060e54bf8d69288fbee4904";
        let h = ReviewHash::v2(&parents, tree, Verdict::Passed, &policy);
        assert!(h.value().starts_with("v2:passed:bbbbbbbbbbbb:"));
        assert_eq!(ReviewHash::parse(&h.value()).unwrap(), h);
        assert!(h.matches_v2(&parents, tree, &policy));
        assert!(!h.matches(tree), "a v2 value is not a v1 one");
        assert!(!h.matches_v2(&[tree.to_string()], tree, &policy));
        assert!(!h.matches_v2(&parents, TREE, &policy));
        assert!(!h.matches_v2(&parents, tree, &"c".repeat(64)));
        let merge = vec![TREE.to_string(), tree.to_string()];
        let m = ReviewHash::v2(&merge, tree, Verdict::Passed, &policy);
        assert!(m.matches_v2(&merge, tree, &policy));
        assert!(!m.matches_v2(&[tree.to_string(), TREE.to_string()], tree, &policy));
    }

    #[test]
    fn attestation_trailers_round_trip() {
        let h = hash();
        let a = Attestation {
            job_id: "r1-abc".into(),
            audit: Some((7, "d".repeat(64))),
            signature: "U1NIU0lH".into(),
        };
        let msg = apply_with("subject\n\nbody\n", &h, Some(&a), &Comments::None).unwrap();
        assert_eq!(attestation(&msg), Some(a.clone()));
        assert_eq!(find(&msg), Found::Valid(h.clone()));
        // Applying again replaces, never duplicates.
        let again = apply_with(&msg, &h, Some(&a), &Comments::None);
        assert_eq!(again, None);
    }

    #[test]
    fn malformed_values_say_why() {
        let hex = "a".repeat(64);
        assert!(ReviewHash::parse("nonsense").unwrap_err().contains("form"));
        assert!(
            ReviewHash::parse(&format!("v3:passed:{hex}"))
                .unwrap_err()
                .contains("version")
        );
        assert!(
            ReviewHash::parse(&format!("v2:passed:{hex}"))
                .unwrap_err()
                .contains("form")
        );
        assert!(
            ReviewHash::parse(&format!("v2:passed:ABC:{hex}"))
                .unwrap_err()
                .contains("policy")
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
