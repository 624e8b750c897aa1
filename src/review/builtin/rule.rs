//! A rule: what it reports, where it applies and how it matches.

use std::cell::OnceCell;

use regex::bytes::Captures;

use super::lang::{
    Lang, Langs, is_generated_path, is_rust_mod_line, is_rust_test_cfg, is_test_path,
};

/// Where on a line a match must start for the rule to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere: in code, strings and comments (secrets, conflict markers in non-code files).
    Any,
    /// In code: not inside a string literal or a comment.
    Code,
    /// In code or a string literal, not in a comment (SQL text in strings).
    NotComment,
    /// Inside a comment (TODO markers, lint suppressions).
    Comment,
}

/// An extra test run after the pattern matched; `false` drops the match.
pub type Check = fn(&Hit<'_>) -> bool;

/// The severity and confidence of one firing, when the evidence differs from the rule's own
/// (a generic credential whose name and value leave no doubt, a public key in its config).
pub type Grade = fn(&Hit<'_>) -> Option<(f64, f64)>;

/// One rule of a built-in reviewer.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id, `<reviewer prefix>.<name>`, used in findings, SARIF and `wfc:allow`.
    pub id: &'static str,
    pub category: &'static str,
    /// 0 to 10.
    pub severity: f64,
    /// 0 to 10.
    pub confidence: f64,
    pub message: &'static str,
    pub remediation: &'static str,
    /// The language families the rule applies to.
    pub langs: Langs,
    /// Literal keywords (matched ASCII case-insensitively); a line is only considered when it
    /// contains one. Empty: every line (only for rules decided by `check` alone).
    pub keywords: &'static [&'static str],
    /// The regular expression (bytes, ASCII classes). A group named `s` is the secret to mask,
    /// a group named `p` the prefix kept when masking, a group named `at` the position that
    /// `scope` is checked at (else the start of the match). Empty: `check` alone decides.
    pub pattern: &'static str,
    /// When this also matches the line, the rule does not fire.
    pub unless: Option<&'static str>,
    /// A cheap test every line `pattern` can match passes (a byte the match must hold, say):
    /// a line that fails it is never searched, so the pattern of a rule whose keyword is a
    /// common word is not even compiled in a process that never meets a line it could match.
    pub pre: Option<fn(&str) -> bool>,
    /// Bytes a line must hold for the rule to look at it at all; tested before anything else,
    /// so that a keyword-less rule (a candidate on every line) costs one comparison on most.
    pub min_len: usize,
    /// A regex on the file's path: the rule looks only at files it matches. With neither
    /// `pattern` nor `check`, the path alone decides: the rule fires once on any added or
    /// changed file at such a path, binary files included (a `.p12` key store).
    pub path: Option<&'static str>,
    /// Literals (lower case) one of which a path must contain for `path` to match it; empty:
    /// none known. Spares compiling the path's regex for the paths that cannot match.
    pub path_hints: &'static [&'static str],
    pub scope: Scope,
    pub check: Option<Check>,
    /// Overrides `severity` and `confidence` for one firing; `None` keeps the rule's.
    pub grade: Option<Grade>,
    /// Not reported in test code: test files and fixtures (see `is_test_path`) and Rust
    /// `#[cfg(test)]` modules, where the pattern is expected.
    pub skip_tests: bool,
    /// Reported only in test code (a lower-severity twin of a rule that skips it).
    pub only_tests: bool,
    /// A credential: its `s` group is masked in every output and by `redact_secrets`.
    pub secret: bool,
}

impl Rule {
    /// The base every rule table starts from with `..Rule::BASE`.
    pub const BASE: Rule = Rule {
        id: "",
        category: "",
        severity: 0.0,
        confidence: 0.0,
        message: "",
        remediation: "",
        langs: Langs::NONE,
        keywords: &[],
        pattern: "",
        unless: None,
        pre: None,
        min_len: 0,
        path: None,
        path_hints: &[],
        scope: Scope::Code,
        check: None,
        grade: None,
        skip_tests: false,
        only_tests: false,
        secret: false,
    };

    /// `R = severity * confidence / 10`, the finding's weight in the consensus score.
    pub fn risk(&self) -> f64 {
        self.severity * self.confidence / 10.0
    }

    /// A rule decided by the file's path alone.
    pub fn is_path_only(&self) -> bool {
        self.path.is_some() && self.pattern.is_empty() && self.check.is_none()
    }

    /// Whether the rule looks at this file at all.
    pub fn applies_to(&self, view: &FileView<'_>) -> bool {
        self.langs.contains(view.lang)
            && !(self.skip_tests && view.is_test)
            && !(self.only_tests && !view.is_test && view.lang != Lang::Rust)
            && (!view.generated || self.secret)
    }
}

/// The added lines of one file, as the rules see them.
#[derive(Debug)]
pub struct FileView<'a> {
    pub path: &'a str,
    pub lang: Lang,
    pub is_test: bool,
    pub generated: bool,
    pub lines: Vec<&'a str>,
    /// 1-based line numbers in the new file, parallel to `lines`.
    pub numbers: Vec<u32>,
    /// The first line of a Rust test module that the diff showed around the added lines
    /// (see `FileChange::test_module_from`).
    test_module_from: Option<u32>,
    rust_test_module: OnceCell<Option<usize>>,
    /// Per line, whether it is in a Rust test function, worked out for all lines the first
    /// time one is asked about: several rules and reviewers ask, about many lines.
    rust_test_fn: OnceCell<Vec<bool>>,
    /// Whether the file declares a Kubernetes Secret (`kind: Secret`), worked out once.
    kube_secret: OnceCell<bool>,
    /// The whole text of a new file whose every line is in `lines` (each a part of it), when
    /// the view was made from it: one substring search there can answer for every line.
    text: Option<&'a str>,
}

impl<'a> FileView<'a> {
    pub fn new(path: &'a str, lines: Vec<&'a str>, numbers: Vec<u32>) -> FileView<'a> {
        FileView {
            path,
            lang: Lang::of_path(path),
            is_test: is_test_path(path),
            generated: is_generated_path(path),
            lines,
            numbers,
            test_module_from: None,
            rust_test_module: OnceCell::new(),
            rust_test_fn: OnceCell::new(),
            kube_secret: OnceCell::new(),
            text: None,
        }
    }

    /// Names the text whose lines, all of them, are this view's (see `FileView::text`).
    pub fn with_text(mut self, text: &'a str) -> FileView<'a> {
        self.text = Some(text);
        self
    }

    /// The first line that can hold one of `needles`: that of the first occurrence in the
    /// view's text when it has it (no line before holds any), else the first line; `None` when
    /// the text holds none of them.
    fn first_line_with(&self, needles: &[&str]) -> Option<usize> {
        let Some(text) = self.text else {
            return Some(0);
        };
        let at = needles
            .iter()
            .filter_map(|n| memchr::memmem::find(text.as_bytes(), n.as_bytes()))
            .min()?;
        // Lines are parts of the text, in order: the first one that ends at or after `at`.
        let base = text.as_ptr() as usize;
        Some(
            self.lines
                .partition_point(|l| (l.as_ptr() as usize).saturating_sub(base) + l.len() < at),
        )
    }

    /// Sets the first line of a test module known from the diff's context lines.
    pub fn with_test_module_from(mut self, line: Option<u32>) -> FileView<'a> {
        self.test_module_from = line;
        self
    }

    /// Whether line `idx` directly follows line `idx - 1` in the file.
    pub fn follows(&self, idx: usize) -> bool {
        idx > 0 && idx < self.numbers.len() && self.numbers[idx] == self.numbers[idx - 1] + 1
    }

    /// The line right after `idx` in the file, when it is also added.
    pub fn next_line(&self, idx: usize) -> Option<&'a str> {
        self.follows(idx + 1).then(|| self.lines[idx + 1])
    }

    /// The added lines right before `idx`, nearest first, as long as they are consecutive.
    pub fn lines_before(&self, idx: usize) -> impl Iterator<Item = &'a str> + '_ {
        let mut i = idx;
        std::iter::from_fn(move || {
            if self.follows(i) {
                i -= 1;
                Some(self.lines[i])
            } else {
                None
            }
        })
    }

    /// The added lines right after `idx`, nearest first, as long as they are consecutive.
    pub fn lines_after(&self, idx: usize) -> impl Iterator<Item = &'a str> + '_ {
        let mut i = idx;
        std::iter::from_fn(move || {
            if self.follows(i + 1) {
                i += 1;
                Some(self.lines[i])
            } else {
                None
            }
        })
    }

    /// Whether the file declares a Kubernetes Secret: a `kind: Secret` line (any case, quoted or
    /// not). `ExternalSecret`, `SealedSecret` and the like are other kinds.
    pub fn is_kube_secret(&self) -> bool {
        *self.kube_secret.get_or_init(|| {
            self.lines.iter().any(|l| {
                let l = l.trim().replace(['"', '\''], "");
                l.len() == 12 && l.eq_ignore_ascii_case("kind: secret")
            })
        })
    }

    /// The added line right before `idx`, when it is the line before in the file.
    pub fn line_before(&self, idx: usize) -> Option<&'a str> {
        (idx > 0 && self.follows(idx)).then(|| self.lines[idx - 1])
    }

    /// Whether line `idx` is in a Rust test module: at or after a `#[cfg(test)]` (or
    /// `#[cfg(all(test, ...))]`) attribute on a `mod`, added or shown by the diff as context,
    /// or in a hunk inside `mod tests` (by convention the test module closes the file).
    pub fn in_rust_test_module(&self, idx: usize) -> bool {
        if self
            .test_module_from
            .is_some_and(|from| self.numbers.get(idx).is_some_and(|n| *n >= from))
        {
            return true;
        }
        let start = self.rust_test_module.get_or_init(|| {
            // Every attribute `is_rust_test_cfg` takes holds one of these.
            let from = self.first_line_with(&["#[cfg(test)]", "#[cfg(all(test"])?;
            (from..self.lines.len()).find(|&i| {
                is_rust_test_cfg(self.lines[i])
                    && self.lines[i + 1..]
                        .iter()
                        .take(3)
                        .any(|l| is_rust_mod_line(l))
            })
        });
        matches!(start, Some(s) if idx >= *s)
    }

    /// Whether line `idx` is in the body of a Rust function marked `#[test]` (or another
    /// `...test]` attribute such as `#[tokio::test]`), judged from the consecutive added lines
    /// above it: the nearest less-indented line that opens a `fn` decides.
    pub fn in_rust_test_fn(&self, idx: usize) -> bool {
        let all = self.rust_test_fn.get_or_init(|| self.rust_test_fns());
        all.get(idx).copied().unwrap_or(false)
    }

    /// `in_rust_test_fn` for every line in one pass. A line's parent is the nearest
    /// non-blank line above it, in the same run of consecutive added lines, that is indented
    /// less; a line is in a test function when its parent opens one, or when its parent is
    /// indented and itself in one. The non-blank lines that can still be a parent form a
    /// stack of strictly growing indentation.
    fn rust_test_fns(&self) -> Vec<bool> {
        // Without a `...test]` attribute (see `has_test_attribute`) no line is in a test
        // function: an empty list answers false for all. Above the first one, no line is
        // either, and the lines there can only be parents that enclose nothing: the walk
        // starts at it.
        let Some(from) = self.first_line_with(&["test]"]) else {
            return Vec::new();
        };
        let mut result = vec![false; self.lines.len()];
        // (indent, whether the lines it encloses are in a test function)
        let mut stack: Vec<(usize, bool)> = Vec::new();
        for (i, line) in self.lines.iter().enumerate().skip(from) {
            if !self.follows(i) {
                stack.clear();
            }
            let level = indent(line);
            let parent = stack.iter().rev().find(|(width, _)| *width < level);
            result[i] = parent.is_some_and(|(_, encloses)| *encloses);
            if is_blank(line) {
                continue;
            }
            while stack.last().is_some_and(|(width, _)| *width >= level) {
                stack.pop();
            }
            let encloses = if is_fn_head(line) {
                self.has_test_attribute(i)
            } else {
                level > 0 && result[i]
            };
            stack.push((level, encloses));
        }
        result
    }

    /// Whether the attributes right above the `fn` line `i` (comments between them allowed)
    /// include a `...test]` one.
    fn has_test_attribute(&self, i: usize) -> bool {
        for attr in self.lines_before(i).map(str::trim_start) {
            if attr.starts_with("#[") {
                if attr.contains("test]") {
                    return true;
                }
            } else if !attr.starts_with("//") {
                break;
            }
        }
        false
    }

    /// Test code: a test path, a Rust test module, or a Rust `#[test]` function.
    pub fn is_test_code(&self, idx: usize) -> bool {
        self.is_test
            || (self.lang == Lang::Rust
                && (self.in_rust_test_module(idx) || self.in_rust_test_fn(idx)))
    }
}

/// A match of a rule's pattern on one line, handed to the rule's `check`.
pub struct Hit<'a> {
    pub view: &'a FileView<'a>,
    pub idx: usize,
    pub line: &'a str,
    /// Byte range of the whole match (the line for pattern-less rules).
    pub start: usize,
    pub end: usize,
    pub caps: Option<&'a Captures<'a>>,
}

impl<'a> Hit<'a> {
    /// The hit of a pattern's match `caps` on `line` (line `idx` of `view`, or the element
    /// joined from it): the whole match's range.
    pub fn matched(
        view: &'a FileView<'a>,
        idx: usize,
        line: &'a str,
        caps: &'a Captures<'a>,
    ) -> Hit<'a> {
        let whole = caps.get(0).expect("group 0");
        Hit {
            view,
            idx,
            line,
            start: whole.start(),
            end: whole.end(),
            caps: Some(caps),
        }
    }

    /// The bytes of a named group, when it took part in the match.
    pub fn group(&self, name: &str) -> Option<&'a [u8]> {
        self.caps?.name(name).map(|m| m.as_bytes())
    }

    /// The matched text.
    pub fn text(&self) -> &'a str {
        self.line.get(self.start..self.end).unwrap_or(self.line)
    }

    /// The part of the line after the match.
    pub fn after(&self) -> &'a str {
        self.line.get(self.end..).unwrap_or("")
    }
}

/// Whether a line opens a Rust function (`fn`, with any of `pub`, `pub(crate)`, `async`,
/// `unsafe`, `const` before it).
fn is_fn_head(line: &str) -> bool {
    // Prefix by prefix (`strip_prefix` compares bytes; a `str` pattern search would build a
    // searcher per call, on every line of every Rust file).
    const QUALIFIERS: [&str; 5] = ["pub(crate) ", "pub ", "async ", "unsafe ", "const "];
    let mut rest = trim_start(line);
    while let Some(r) = QUALIFIERS.iter().find_map(|q| rest.strip_prefix(q)) {
        rest = r;
    }
    rest.starts_with("fn ")
}

/// Indentation width of a line (tabs count as 4).
pub fn indent(line: &str) -> usize {
    let mut width = 0;
    for b in line.bytes() {
        match b {
            b' ' => width += 1,
            b'\t' => width += 4,
            _ => break,
        }
    }
    width
}

/// Whether a line is blank or only whitespace.
pub fn is_blank(line: &str) -> bool {
    trim_start(line).is_empty()
}

/// `str::trim_start`, with the ASCII whitespace of an indentation skipped byte by byte (the
/// generic trim decodes every character through a pattern; it runs on every line).
pub fn trim_start(line: &str) -> &str {
    let n = line
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        .unwrap_or(line.len());
    let rest = &line[n..];
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_start_is_the_standard_trim() {
        for line in [
            "",
            " ",
            "\t\t",
            "    fn main() {",
            "\u{3000}\u{a0} x",
            " \u{2003}",
            "\u{2003}",
            "\r\x0b\x0c\n  é",
            "é ",
            "x  ",
        ] {
            assert_eq!(trim_start(line), line.trim_start(), "{line:?}");
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }
}
