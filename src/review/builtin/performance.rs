//! Performance rules that can be told from a line and the added lines around it.

use std::sync::LazyLock;

use regex::Regex;

use super::lang::{Lang, Langs};
use super::rule::{Hit, Rule, Scope, indent, is_blank};

const PERFORMANCE: &str = "performance";

const BASE: Rule = Rule {
    category: PERFORMANCE,
    scope: Scope::Code,
    ..Rule::BASE
};

pub const RULES: &[Rule] = &[
    Rule {
        id: "perf.regex-compile-in-loop",
        severity: 4.0,
        confidence: 8.0,
        message: "A constant regular expression is compiled again on every iteration",
        remediation: "Compile it once, outside the loop (a `static LazyLock<Regex>`, a module-level \
                      `re.compile`, a `const` RegExp).",
        langs: Langs::PY
            .or(Langs::RS)
            .or(Langs::JS)
            .or(Langs::GO)
            .or(Langs::JVM),
        keywords: &[
            "regex::new",
            "re.compile",
            "new regexp",
            "regexp.",
            "pattern.compile",
        ],
        pattern: r#"\bRegex::new\(\s*r?#*"|\bre\.compile\(\s*[rbuRBU]{0,2}["']|\bnew RegExp\(\s*(?:"[^"$]*"|'[^'$]*')\s*[,)]|\bregexp\.(?:MustCompile|Compile)\(\s*["`]|\bPattern\.compile\(\s*""#,
        check: Some(in_loop),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "perf.blocking-sleep-in-async",
        severity: 6.0,
        confidence: 8.0,
        message: "`time.sleep` inside an `async def` blocks the whole event loop",
        remediation: "Use `await asyncio.sleep(...)`.",
        langs: Langs::PY,
        keywords: &["time.sleep"],
        pattern: r"\btime\.sleep\(",
        check: Some(in_async_def),
        ..BASE
    },
    Rule {
        id: "perf.select-star",
        severity: 3.0,
        confidence: 7.0,
        message: "`SELECT *` fetches every column, including ones added later",
        remediation: "Name the columns the code uses.",
        langs: Langs::PROGRAMS,
        keywords: &["select"],
        pattern: r#"(?i)["'`]\s*select\s+\*\s+from\s+[A-Za-z_"`\[]"#,
        scope: Scope::NotComment,
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "perf.collect-to-count",
        severity: 3.0,
        confidence: 9.0,
        message: "An iterator is collected into a Vec only to be counted or iterated again",
        remediation: "Use `.count()`, `.next().is_none()` or keep the iterator (`clippy::needless_collect`).",
        langs: Langs::RS,
        keywords: &["collect::<vec"],
        pattern: r"\.collect::<Vec<[^>]*>>\(\)\s*\.(?:len|is_empty|into_iter)\(\)",
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "perf.json-deep-clone",
        severity: 3.0,
        confidence: 7.0,
        message: "Deep copy through `JSON.parse(JSON.stringify(...))` is slow and loses types",
        remediation: "Use `structuredClone(value)`.",
        langs: Langs::JS,
        keywords: &["json.parse("],
        pattern: r"\bJSON\.parse\(\s*JSON\.stringify\(",
        ..BASE
    },
];

static LOOP_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?:async\s+)?for\b.*:\s*(?:#.*)?$|while\b.*:\s*(?:#.*)?$|(?:for|while)\b.*\{\s*$|loop\s*\{\s*$|.*\.(?:forEach|for_each|map|each)\(.*(?:=>|\|[^|]*\||function\s*\([^)]*\))\s*\{\s*$)",
    )
    .expect("loop header")
});

static SCOPE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?:pub(?:\([a-z]+\))?\s+)?(?:async\s+)?(?:fn|def|class|func|function|impl|trait|mod)\b|(?:export\s+)?(?:async\s+)?function\b|(?:public|private|protected|static)\b.*\(.*\{\s*$)",
    )
    .expect("scope header")
});

static SAME_LINE_CLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\.(?:map|filter|for_each|filter_map|flat_map|any|all|find|retain|forEach|some|every)\(\s*(?:move\s+)?(?:\|[^|]*\||\([^)]*\)\s*=>|\w+\s*=>|lambda\b)",
    )
    .expect("closure")
});

/// Whether the matched line is inside the body of a loop (or an iterator closure on the same
/// line), judged by indentation over the consecutive added lines above it.
fn in_loop(h: &Hit<'_>) -> bool {
    let before = &h.line[..h.start];
    if SAME_LINE_CLOSURE.is_match(before) {
        return true;
    }
    // Python comprehensions: `[re.compile(p) for ...]` recompiles per element only for a
    // constant pattern, which the pattern already requires.
    if h.view.lang == Lang::Python && h.after().contains(" for ") && before.contains('[') {
        return true;
    }
    let mut level = indent(h.line);
    for prev in h.view.lines_before(h.idx).take(60) {
        if is_blank(prev) {
            continue;
        }
        let i = indent(prev);
        if i >= level {
            continue;
        }
        if LOOP_HEADER.is_match(prev) {
            return true;
        }
        if SCOPE_HEADER.is_match(prev) {
            return false;
        }
        level = i;
        if level == 0 {
            return false;
        }
    }
    false
}

static PY_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(async\s+)?def\s").expect("def"));

/// Whether the line is in the body of an `async def` (the nearest enclosing `def` above it).
fn in_async_def(h: &Hit<'_>) -> bool {
    let level = indent(h.line);
    for prev in h.view.lines_before(h.idx).take(200) {
        if is_blank(prev) || indent(prev) >= level {
            continue;
        }
        if let Some(c) = PY_DEF.captures(prev) {
            return c.get(1).is_some();
        }
        if prev.trim_start().starts_with("class ") {
            return false;
        }
    }
    false
}
