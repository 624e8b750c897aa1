//! The KNOWLEDGE.md format: parse, render, and change one line at a time.
//!
//! ```text
//! # KNOWLEDGE.md -- <reviewer>
//!
//! ## Patterns Found
//! - [2026-01-02] <text> (Source: <source>, Developer: <developer>)
//!
//! ## False Positives to Avoid
//! ...
//! ```
//!
//! A file may have been edited by hand or written by another tool: extra sections, odd lines,
//! CRLF line endings, no final newline. [`Document`] keeps the text exactly as it was read and only
//! splices lines in or out, so everything it does not understand survives byte for byte. Inserted
//! lines use the file's own line ending.

use std::path::{Path, PathBuf};

use super::{KnowledgeError, Section};

/// The most characters an entry's text or source may have.
pub const MAX_CHARS: usize = 500;

// ---- where a file may be read and written (DESIGN.md "Trust and safety") ----

/// The top of the git work tree whose project knowledge `path` is: `path` is
/// `<top>/.wfc/knowledge/reviewers/<reviewer>/<file>` and `<top>/.git` exists. `None` for global
/// knowledge under `$WFC_HOME`.
fn project_top(path: &Path) -> Option<&Path> {
    let reviewer_dir = path.parent()?;
    let reviewers = reviewer_dir.parent()?;
    let knowledge = reviewers.parent()?;
    let wfc = knowledge.parent()?;
    let top = wfc.parent()?;
    let named = |p: &Path, n: &str| p.file_name().is_some_and(|x| x == n);
    (named(reviewers, "reviewers")
        && named(knowledge, "knowledge")
        && named(wfc, ".wfc")
        && std::fs::symlink_metadata(top.join(".git")).is_ok())
    .then_some(top)
}

/// Checks a knowledge file before it is read or written. Project knowledge is committed, so a
/// clone decides what its paths are: every folder from the repository's top down to the file
/// must be a real folder and the file (and its archive) a regular file or missing, checked with
/// `lstat`, so that no symbolic link leads a read or a rewrite outside the repository. Global
/// knowledge lives in the user's own `$WFC_HOME` and is not checked.
pub fn check(path: &Path) -> Result<(), KnowledgeError> {
    let Some(top) = project_top(path) else {
        return Ok(());
    };
    let dir = path.parent().unwrap_or(path);
    let rel = dir.strip_prefix(top).unwrap_or(dir);
    crate::fsutil::real_dir(top, rel, false)?;
    crate::fsutil::regular_file(path)?;
    crate::fsutil::regular_file(&super::archive_file(path))?;
    Ok(())
}

/// The lock of the knowledge file at `path`. Project knowledge sits in a tracked folder, where a
/// lock file would be picked up by `git add -A`: its lock lives in the repository's git common
/// dir, `<common dir>/wfc/locks/knowledge/<reviewer>/<file>.lock`. Global knowledge keeps
/// `KNOWLEDGE.md.lock` beside the file.
pub fn lock_path(path: &Path) -> Result<PathBuf, KnowledgeError> {
    let Some(top) = project_top(path) else {
        return Ok(super::lock_file(path));
    };
    let repo = git2::Repository::open(top).map_err(|e| crate::fsutil::FsError::Read {
        path: top.to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    })?;
    let reviewer = path.parent().and_then(Path::file_name).unwrap_or_default();
    let name = super::lock_file(path);
    Ok(repo
        .commondir()
        .join("wfc")
        .join("locks")
        .join("knowledge")
        .join(reviewer)
        .join(name.file_name().unwrap_or_default()))
}

/// The line ending a file uses (decided by its first line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    fn detect(text: &str) -> LineEnding {
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => LineEnding::CrLf,
            _ => LineEnding::Lf,
        }
    }
}

/// One knowledge entry as found in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub section: Section,
    /// `YYYY-MM-DD`
    pub date: String,
    pub text: String,
    /// Empty when a hand-written line has no `(Source: ...)` part.
    pub source: String,
    pub developer: Option<String>,
    /// 0-based line number in the file.
    pub line: usize,
}

impl Entry {
    /// The entry as a file line (without line ending).
    pub fn render(&self) -> String {
        render_entry(
            &self.date,
            &self.text,
            &self.source,
            self.developer.as_deref(),
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    /// End of the content, before `\r\n` or `\n`.
    end: usize,
    /// Start of the next line (`end` when the line has no line break).
    next: usize,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    section: Section,
    heading: usize,
    /// Exclusive line index where the block ends (the next level-1 or level-2 heading, or EOF).
    end: usize,
}

/// A parsed knowledge file that keeps its exact text.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    lines: Vec<Span>,
    blocks: Vec<Block>,
    entries: Vec<Entry>,
    line_ending: LineEnding,
    reviewer: Option<String>,
}

/// A fresh file: the title line and the five section headings.
pub fn template(file_name: &str, reviewer: &str) -> String {
    let mut s = format!("# {file_name} -- {reviewer}\n");
    for section in Section::ALL {
        s.push_str(&format!("\n## {}\n", section.heading()));
    }
    s
}

/// `- [date] text (Source: source, Developer: developer)`; without a developer, `(Source: source)`.
pub fn render_entry(date: &str, text: &str, source: &str, developer: Option<&str>) -> String {
    match developer {
        Some(d) => format!("- [{date}] {text} (Source: {source}, Developer: {d})"),
        None => format!("- [{date}] {text} (Source: {source})"),
    }
}

/// Makes `value` safe for one entry line: every line break or control character becomes a space,
/// runs of white space shrink to one, a leading `#`-heading marker or `- [` is escaped with `\`,
/// and the result is cut to [`MAX_CHARS`] characters (ending in `…` when cut).
pub fn sanitize(value: &str) -> String {
    let spaced: String = value
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut s = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if starts_like_markup(&s) {
        s.insert(0, '\\');
    }
    if s.chars().count() > MAX_CHARS {
        s = s.chars().take(MAX_CHARS - 1).collect();
        s = s.trim_end().to_string();
        s.push('…');
    }
    s
}

/// A leading `## ` (any heading marker) or `- [`, which would read as structure at a line start.
fn starts_like_markup(s: &str) -> bool {
    if s.starts_with("- [") {
        return true;
    }
    let hashes = s.chars().take_while(|c| *c == '#').count();
    hashes > 0 && s[hashes..].starts_with(' ')
}

/// The form two entries are compared in for de-duplication: the escape removed, white space
/// collapsed, lower case. Exact equality of this form is a duplicate; a substring is not.
pub fn normalize(text: &str) -> String {
    let t = text.trim();
    let t = match t.strip_prefix('\\') {
        Some(rest) if starts_like_markup(rest) => rest,
        _ => t,
    };
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn heading(content: &str) -> Option<(usize, &str)> {
    let level = content.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &content[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some((level, rest.trim()))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Reads an entry line into (date, text, source, developer).
fn parse_entry(content: &str) -> Option<(String, String, String, Option<String>)> {
    let rest = content.strip_prefix("- [")?;
    let date = rest.get(..10)?;
    if !is_date(date) {
        return None;
    }
    let body = rest[10..].strip_prefix("] ")?.trim_end();
    const SOURCE: &str = " (Source: ";
    const DEVELOPER: &str = ", Developer: ";
    if let (Some(inner), Some(at)) = (body.strip_suffix(')'), body.rfind(SOURCE)) {
        let text = &body[..at];
        let attribution = &inner[at + SOURCE.len()..];
        let (source, developer) = match attribution.rfind(DEVELOPER) {
            Some(d) => (
                &attribution[..d],
                Some(attribution[d + DEVELOPER.len()..].to_string()),
            ),
            None => (attribution, None),
        };
        return Some((
            date.to_string(),
            text.to_string(),
            source.to_string(),
            developer,
        ));
    }
    Some((date.to_string(), body.to_string(), String::new(), None))
}

fn fence(content: &str) -> bool {
    let t = content.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

impl Document {
    /// Parses `text`; never fails: whatever is not understood is kept as foreign content.
    pub fn parse(text: String) -> Document {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < text.len() {
            match text[start..].find('\n') {
                Some(i) => {
                    let nl = start + i;
                    let end = if nl > start && text.as_bytes()[nl - 1] == b'\r' {
                        nl - 1
                    } else {
                        nl
                    };
                    lines.push(Span {
                        start,
                        end,
                        next: nl + 1,
                    });
                    start = nl + 1;
                }
                None => {
                    lines.push(Span {
                        start,
                        end: text.len(),
                        next: text.len(),
                    });
                    start = text.len();
                }
            }
        }
        let mut blocks: Vec<Block> = Vec::new();
        let mut entries = Vec::new();
        let mut reviewer = None;
        let mut current: Option<usize> = None;
        let mut in_fence = false;
        for (i, span) in lines.iter().enumerate() {
            let content = &text[span.start..span.end];
            if fence(content) {
                in_fence = !in_fence;
                continue;
            }
            if in_fence {
                continue;
            }
            if let Some((level, title)) = heading(content.trim_start_matches('\u{feff}'))
                && level <= 2
            {
                if let Some(b) = current.take() {
                    blocks[b].end = i;
                }
                if level == 1 && reviewer.is_none() {
                    reviewer = title.split_once(" -- ").map(|(_, r)| r.trim().to_string());
                }
                if level == 2
                    && let Some(section) = Section::from_heading(title)
                {
                    blocks.push(Block {
                        section,
                        heading: i,
                        end: lines.len(),
                    });
                    current = Some(blocks.len() - 1);
                }
                continue;
            }
            let Some(b) = current else { continue };
            if let Some((date, text, source, developer)) = parse_entry(content) {
                entries.push(Entry {
                    section: blocks[b].section,
                    date,
                    text,
                    source,
                    developer,
                    line: i,
                });
            }
        }
        let line_ending = LineEnding::detect(&text);
        Document {
            text,
            lines,
            blocks,
            entries,
            line_ending,
            reviewer,
        }
    }

    /// A fresh document (see [`template`]).
    pub fn new(file_name: &str, reviewer: &str) -> Document {
        Document::parse(template(file_name, reviewer))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    pub fn line_ending(&self) -> LineEnding {
        self.line_ending
    }

    /// The reviewer named in the title line (`# KNOWLEDGE.md -- <reviewer>`), if any.
    pub fn reviewer(&self) -> Option<&str> {
        self.reviewer.as_deref()
    }

    /// Every entry under one of the five section headings, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entries_in(&self, section: Section) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.section == section)
    }

    /// The sections that have a heading in the file, in file order (a section may repeat).
    pub fn sections(&self) -> Vec<Section> {
        self.blocks.iter().map(|b| b.section).collect()
    }

    /// Whether `section` already holds an entry whose text normalises to `normalized`.
    pub fn contains(&self, section: Section, normalized: &str) -> bool {
        self.entries_in(section)
            .any(|e| normalize(&e.text) == normalized)
    }

    /// The exact text of line `i` (without its line ending).
    pub fn line(&self, i: usize) -> &str {
        let s = self.lines[i];
        &self.text[s.start..s.end]
    }

    /// Inserts `line` (no line ending) at the end of `section`: after its last non-blank line. A
    /// section without a heading gets one, placed before the next section that exists, in the
    /// design's order, or at the end of the file.
    pub fn insert(&mut self, section: Section, line: &str) {
        let eol = self.line_ending.as_str();
        let (at, piece) =
            if let Some(block) = self.blocks.iter().rev().find(|b| b.section == section) {
                let last = (block.heading..block.end)
                    .rev()
                    .find(|&i| !self.line(i).trim().is_empty())
                    .unwrap_or(block.heading);
                let span = self.lines[last];
                if span.next == span.end {
                    (span.end, format!("{eol}{line}"))
                } else {
                    (span.next, format!("{line}{eol}"))
                }
            } else if let Some(later) = self
                .blocks
                .iter()
                .filter(|b| b.section > section)
                .min_by_key(|b| b.heading)
            {
                (
                    self.lines[later.heading].start,
                    format!("## {}{eol}{line}{eol}{eol}", section.heading()),
                )
            } else {
                let mut piece = String::new();
                if !self.text.is_empty() {
                    if !self.text.ends_with('\n') {
                        piece.push_str(eol);
                    }
                    if let Some(l) = self.lines.last()
                        && !self.text[l.start..l.end].trim().is_empty()
                    {
                        piece.push_str(eol);
                    }
                }
                piece.push_str(&format!("## {}{eol}{line}{eol}", section.heading()));
                (self.text.len(), piece)
            };
        let mut text = std::mem::take(&mut self.text);
        text.insert_str(at, &piece);
        *self = Document::parse(text);
    }

    /// Removes the given lines (0-based), each with its line ending.
    pub fn remove_lines(&mut self, remove: &[usize]) {
        let mut ranges: Vec<(usize, usize)> = remove
            .iter()
            .filter(|&&i| i < self.lines.len())
            .map(|&i| {
                let s = self.lines[i];
                if s.next > s.end || i == 0 {
                    (s.start, s.next)
                } else {
                    // The last line has no line break: take the one before it instead.
                    (self.lines[i - 1].end, s.end)
                }
            })
            .collect();
        ranges.sort_unstable();
        let mut text = String::with_capacity(self.text.len());
        let mut pos = 0;
        for (a, b) in ranges {
            if a > pos {
                text.push_str(&self.text[pos..a]);
            }
            pos = pos.max(b);
        }
        text.push_str(&self.text[pos..]);
        *self = Document::parse(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_the_five_sections_in_order() {
        let doc = Document::new("KNOWLEDGE.md", "security");
        assert_eq!(doc.sections(), Section::ALL.to_vec());
        assert_eq!(doc.reviewer(), Some("security"));
        assert!(
            doc.text()
                .starts_with("# KNOWLEDGE.md -- security\n\n## Patterns Found\n")
        );
        assert!(doc.text().ends_with("## Codebase Context\n"));
    }

    #[test]
    fn insert_goes_to_the_end_of_its_section() {
        let mut doc = Document::new("KNOWLEDGE.md", "r");
        doc.insert(Section::PatternsFound, "- [2026-01-01] one (Source: a)");
        doc.insert(
            Section::PatternsFound,
            "- [2026-01-02] two (Source: b, Developer: d)",
        );
        doc.insert(Section::CodebaseContext, "- [2026-01-03] ctx (Source: c)");
        assert_eq!(
            doc.text(),
            "# KNOWLEDGE.md -- r\n\n## Patterns Found\n- [2026-01-01] one (Source: a)\n\
             - [2026-01-02] two (Source: b, Developer: d)\n\n## False Positives to Avoid\n\n\
             ## Incidents Prevented\n\n## Repository-Specific Rules\n\n## Codebase Context\n\
             - [2026-01-03] ctx (Source: c)\n"
        );
        let e = &doc.entries()[1];
        assert_eq!(e.section, Section::PatternsFound);
        assert_eq!(e.date, "2026-01-02");
        assert_eq!(e.text, "two");
        assert_eq!(e.source, "b");
        assert_eq!(e.developer.as_deref(), Some("d"));
        assert_eq!(e.render(), doc.line(e.line));
    }

    #[test]
    fn foreign_content_and_crlf_survive() {
        let original = "intro line\r\n# KNOWLEDGE.md -- r\r\n\r\n## Patterns Found\r\n\
                        - [2026-01-01] a (Source: s)\r\nsome prose\r\n\r\n## My Notes\r\n\
                        - [2026-01-01] not an entry (Source: s)\r\n## Codebase Context\r\n";
        let mut doc = Document::parse(original.to_string());
        assert_eq!(doc.line_ending(), LineEnding::CrLf);
        assert_eq!(doc.entries().len(), 1);
        doc.insert(Section::PatternsFound, "- [2026-02-02] b (Source: t)");
        let expected = original.replace(
            "some prose\r\n",
            "some prose\r\n- [2026-02-02] b (Source: t)\r\n",
        );
        assert_eq!(doc.text(), expected);
        // A missing section is added before the next one in order.
        doc.insert(Section::RepoRules, "- [2026-02-03] c (Source: u)");
        assert!(doc.text().contains(
            "(Source: s)\r\n## Repository-Specific Rules\r\n- [2026-02-03] c (Source: u)\r\n\r\n## Codebase Context\r\n"
        ));
        assert_eq!(doc.entries().len(), 3);
    }

    #[test]
    fn insert_without_final_newline_and_into_empty_file() {
        let mut doc = Document::parse("## Codebase Context".to_string());
        doc.insert(Section::CodebaseContext, "- [2026-01-01] x (Source: s)");
        assert_eq!(
            doc.text(),
            "## Codebase Context\n- [2026-01-01] x (Source: s)"
        );
        let mut doc = Document::parse("# notes\nprose".to_string());
        doc.insert(Section::PatternsFound, "- [2026-01-01] x (Source: s)");
        assert_eq!(
            doc.text(),
            "# notes\nprose\n\n## Patterns Found\n- [2026-01-01] x (Source: s)\n"
        );
    }

    #[test]
    fn headings_inside_code_fences_are_ignored() {
        let text =
            "## Patterns Found\n```\n## Codebase Context\n- [2026-01-01] x (Source: s)\n```\n";
        let doc = Document::parse(text.to_string());
        assert_eq!(doc.sections(), vec![Section::PatternsFound]);
        assert!(doc.entries().is_empty());
    }

    #[test]
    fn remove_lines_keeps_the_rest() {
        let text = "## Patterns Found\n- [2026-01-01] a (Source: s)\n- [2026-01-02] b (Source: s)\n- [2026-01-03] c (Source: s)";
        let mut doc = Document::parse(text.to_string());
        doc.remove_lines(&[1, 3]);
        assert_eq!(
            doc.text(),
            "## Patterns Found\n- [2026-01-02] b (Source: s)"
        );
    }

    #[test]
    fn sanitize_and_normalize() {
        assert_eq!(sanitize("a\nb\r\nc\td"), "a b c d");
        assert_eq!(sanitize("## heading"), "\\## heading");
        assert_eq!(sanitize("  - [x] item"), "\\- [x] item");
        assert_eq!(sanitize("#hashtag"), "#hashtag");
        let long = "x".repeat(800);
        let s = sanitize(&long);
        assert_eq!(s.chars().count(), MAX_CHARS);
        assert!(s.ends_with('…'));
        assert_eq!(normalize("\\## Heading  Text"), "## heading text");
        assert_ne!(normalize("Finding 1"), normalize("Finding 10"));
    }

    #[test]
    fn entry_parsing_is_lenient_about_attribution() {
        let (d, t, s, dev) =
            parse_entry("- [2026-01-01] uses (Source: x) inside (Source: y, Developer: z)")
                .unwrap();
        assert_eq!(
            (d.as_str(), t.as_str(), s.as_str()),
            ("2026-01-01", "uses (Source: x) inside", "y")
        );
        assert_eq!(dev.as_deref(), Some("z"));
        let (_, t, s, dev) = parse_entry("- [2026-01-01] hand written").unwrap();
        assert_eq!((t.as_str(), s.as_str(), dev), ("hand written", "", None));
        assert!(parse_entry("- [2026-1-01] x").is_none());
        assert!(parse_entry("- [ ] todo").is_none());
    }
}
