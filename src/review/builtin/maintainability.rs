//! Maintainability rules: leftovers and markers that make code harder to keep right.

use std::sync::LazyLock;

use regex::Regex;

use super::lang::Langs;
use super::rule::{Hit, Rule, Scope};

const MAINTAINABILITY: &str = "maintainability";

const BASE: Rule = Rule {
    category: MAINTAINABILITY,
    scope: Scope::Code,
    ..Rule::BASE
};

/// Added code lines longer than this many characters are reported.
pub const MAX_LINE_CHARS: usize = 200;

pub const RULES: &[Rule] = &[
    Rule {
        id: "mnt.todo-untracked",
        severity: 2.0,
        confidence: 8.0,
        message: "TODO/FIXME/HACK without an owner or an issue reference",
        remediation: "Link an issue (`TODO(#123)`, `FIXME(PROJ-42)`, a URL) or name an owner \
                      (`TODO(alice)`), or do it now.",
        langs: Langs::PROGRAMS
            .or(Langs::SH)
            .or(Langs::SQL)
            .or(Langs::CONFIG),
        keywords: &["todo", "fixme", "hack", "xxx"],
        pattern: r"\b(?:TODO|FIXME|HACK|XXX)(?:[:(\s]|$)",
        scope: Scope::Comment,
        check: Some(untracked),
        ..BASE
    },
    Rule {
        id: "mnt.long-line",
        severity: 2.0,
        confidence: 9.0,
        message: "Very long line (over 200 characters)",
        remediation: "Break the line, or run the formatter.",
        langs: Langs::PROGRAMS.or(Langs::SH),
        keywords: &[],
        pattern: "",
        // Over 200 characters is over 200 bytes.
        min_len: MAX_LINE_CHARS + 1,
        check: Some(long_line),
        ..BASE
    },
    Rule {
        id: "mnt.console-log",
        severity: 2.0,
        confidence: 7.0,
        message: "`console.log` left in application code",
        remediation: "Remove it, or use the project's logger.",
        langs: Langs::JS,
        keywords: &["console."],
        pattern: r"\bconsole\.(?:log|debug|dir|trace)\(",
        check: Some(not_a_script),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "mnt.python-wildcard-import",
        severity: 2.0,
        confidence: 9.0,
        message: "Wildcard import hides where names come from",
        remediation: "Import the names you use.",
        langs: Langs::PY,
        keywords: &["import"],
        pattern: r"^\s*from\s+[\w.]+\s+import\s+\*",
        check: Some(not_init_py),
        ..BASE
    },
    Rule {
        id: "mnt.ts-ignore",
        severity: 2.0,
        confidence: 8.0,
        message: "`@ts-ignore` silences every type error on the next line, even future ones",
        remediation: "Fix the type, or use `@ts-expect-error` with a reason (it fails once the \
                      error is gone).",
        langs: Langs::JS,
        keywords: &["@ts-ignore"],
        pattern: r"@ts-ignore\b",
        scope: Scope::Comment,
        ..BASE
    },
    Rule {
        id: "mnt.blanket-lint-suppression",
        severity: 2.0,
        confidence: 8.0,
        message: "Lint suppression without naming the rule silences every check",
        remediation: "Name the rule(s): `eslint-disable-next-line no-console`, `# noqa: E501`, \
                      `# pylint: disable=invalid-name`.",
        langs: Langs::JS.or(Langs::PY),
        keywords: &["eslint-disable", "noqa", "pylint:"],
        pattern: r"eslint-disable(?:-next-line|-line)?\s*(?:\*/\s*)?$|#\s*noqa\s*$|#\s*noqa\s+[^:\s]|pylint:\s*disable\s*=\s*all\b",
        scope: Scope::Comment,
        ..BASE
    },
];

static TRACKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\(|#[0-9]+|\b[A-Z][A-Z0-9]+-[0-9]+\b|https?://|\b[Ii]ssue\s*[0-9]|@[A-Za-z]|\bgh-[0-9]+")
        .expect("tracked")
});

/// A TODO marker opens the comment (`// TODO fix`) or is followed by a colon (`x; // see TODO:`);
/// the word used in a sentence ("the TODO markers") is not one. It counts as tracked when it names
/// an owner `TODO(name)` or an issue.
fn untracked(h: &Hit<'_>) -> bool {
    let tag_end = h.text().trim_end_matches([':', '(', ' ', '\t']).len();
    let rest = &h.line[h.start + tag_end..];
    // Inside inline code (`// TODO fix` quoted in a doc comment) it is an example.
    if h.line[..h.start].matches('`').count() % 2 == 1 {
        return false;
    }
    let before = h.line[..h.start].trim_end();
    let opens_comment = before.is_empty() || before.ends_with(['/', '#', '*', '-', '!', ';']);
    if !opens_comment && !rest.starts_with(':') {
        return false;
    }
    !TRACKED.is_match(rest)
}

fn long_line(h: &Hit<'_>) -> bool {
    let line = h.line;
    if line.len() <= MAX_LINE_CHARS || line.chars().count() <= MAX_LINE_CHARS {
        return false;
    }
    // One unbreakable token (a URL, a base64 blob, a hash) is not fixed by wrapping, and a line
    // that is mostly one string literal is data (messages, translations).
    let longest = line.split_whitespace().map(str::len).max().unwrap_or(0);
    if longest >= 100 {
        return false;
    }
    let first = line.find(['"', '\'', '`']);
    let last = line.rfind(['"', '\'', '`']);
    match (first, last) {
        (Some(a), Some(b)) if b > a => (b - a) * 10 < line.len() * 6,
        _ => true,
    }
}

fn not_a_script(h: &Hit<'_>) -> bool {
    let path = h.view.path.to_ascii_lowercase();
    let name = path.rsplit('/').next().unwrap_or(&path);
    let dirs = &path[..path.len() - name.len()];
    let script_dir = dirs.split('/').any(|d| {
        matches!(
            d,
            "bin"
                | "scripts"
                | "script"
                | "tools"
                | "examples"
                | "example"
                | "demo"
                | "demos"
                | "cli"
                | "build"
                | "benchmark"
                | "benchmarks"
        )
    });
    !(script_dir
        || name.starts_with("cli.")
        || name.contains(".config.")
        || name.starts_with("gulpfile")
        || name.starts_with("gruntfile"))
}

fn not_init_py(h: &Hit<'_>) -> bool {
    !h.view.path.ends_with("__init__.py")
}
