//! Correctness rules: things that are wrong wherever they appear.

use super::lang::Langs;
use super::rule::{Hit, Rule, Scope};

const CORRECTNESS: &str = "correctness";

const BASE: Rule = Rule {
    category: CORRECTNESS,
    scope: Scope::Code,
    ..Rule::BASE
};

pub const RULES: &[Rule] = &[
    Rule {
        id: "cor.conflict-marker",
        severity: 8.0,
        confidence: 9.5,
        message: "Merge conflict marker left in the file",
        remediation: "Resolve the conflict: keep the right side, delete the `<<<<<<<`, `|||||||`, \
                      `=======` and `>>>>>>>` lines, and re-run the tests.",
        langs: Langs::ANY.without(Langs::DOCS),
        keywords: &["<<<<<<<", ">>>>>>>", "|||||||"],
        pattern: r"^(?:<{7}|>{7}|\|{7})(?: |$)",
        ..BASE
    },
    Rule {
        id: "cor.python-none-comparison",
        severity: 3.0,
        confidence: 9.0,
        message: "Comparison to `None` with `==`/`!=` (an overridden `__eq__` can lie)",
        remediation: "Use `is None` / `is not None`.",
        langs: Langs::PY,
        keywords: &["none"],
        pattern: r"(?:==|!=)\s*None\b|\bNone\s*(?:==|!=)",
        // Query builders overload `==` on purpose (SQLAlchemy `filter(col == None)`).
        unless: Some(
            r"\.(?:filter|where|filter_by|having|exclude|query|select|join|outerjoin)\(|\b(?:and_|or_|not_|case|sa|func)\(|\.c\.|noqa",
        ),
        ..BASE
    },
    Rule {
        id: "cor.python-is-literal",
        severity: 6.0,
        confidence: 9.0,
        message: "Identity comparison with a literal (`is` compares objects, not values)",
        remediation: "Compare values with `==` / `!=`; keep `is` for `None`, `True`, `False` and \
                      sentinels.",
        langs: Langs::PY,
        keywords: &[
            "is \"", "is '", "is f\"", "is f'", "is b\"", "is b'", "is r\"", "is r'", "is not ",
            "is -", "is 0", "is 1", "is 2", "is 3", "is 4", "is 5", "is 6", "is 7", "is 8", "is 9",
        ],
        pattern: r#"\bis\s+(?:not\s+)?(?:-?[0-9][0-9_]*(?:\.[0-9]+)?\b|[rbuf]{0,2}["'])"#,
        ..BASE
    },
    Rule {
        id: "cor.nan-comparison",
        severity: 6.0,
        confidence: 9.5,
        message: "Comparison with NaN is always false (or always true with `!=`)",
        remediation: "Use `Number.isNaN(x)` / `math.isnan(x)` / `Double.isNaN(x)` / `isnan(x)`.",
        langs: Langs::PY
            .or(Langs::JS)
            .or(Langs::JVM)
            .or(Langs::CS)
            .or(Langs::C),
        keywords: &["nan"],
        pattern: r#"(?:[!=]==?)\s*(?:(?:Number|Double|Float|double|float)\.NaN\b|NaN\b|NAN\b|float\(\s*["'](?i:nan)["']\s*\)|(?:math|np|numpy)\.nan\b)|\b(?:(?:Number|Double|Float|double|float)\.NaN|NaN|NAN|(?:math|np|numpy)\.nan)\s*[!=]=[^=]?"#,
        ..BASE
    },
    Rule {
        id: "cor.assignment-in-condition",
        severity: 7.0,
        confidence: 8.0,
        message: "Assignment of a constant inside a condition (the test is always the same)",
        remediation: "Compare with `==` / `===`; if the assignment is meant, move it before the `if`.",
        langs: Langs::JS
            .or(Langs::JVM)
            .or(Langs::CS)
            .or(Langs::C)
            .or(Langs::PHP),
        keywords: &["if", "while"],
        pattern: r#"\b(?:if|while)\s*\(\s*[A-Za-z_$][\w$]*(?:(?:\.|->)[A-Za-z_$][\w$]*|\[[^\]]*\])*\s*=\s*(?:-?[0-9][0-9.]*[A-Za-z]*|true|false|null|nullptr|NULL|undefined|'[^']*'|"[^"]*")\s*\)"#,
        ..BASE
    },
    Rule {
        id: "cor.python-tuple-assert",
        severity: 7.0,
        confidence: 9.5,
        message: "`assert` on a parenthesised tuple is always true",
        remediation: "Drop the parentheses: `assert condition, \"message\"`.",
        langs: Langs::PY,
        keywords: &["assert"],
        pattern: r"^\s*assert\s*\(",
        check: Some(tuple_assert),
        ..BASE
    },
    Rule {
        id: "cor.focused-test",
        severity: 6.0,
        confidence: 9.0,
        message: "Focused test (`.only` / `fit` / `fdescribe`) silently skips the rest of the suite",
        remediation: "Remove `.only` / the `f` prefix before committing.",
        langs: Langs::JS,
        keywords: &[".only", "fdescribe", "fit", "fcontext"],
        pattern: r#"\b(?:describe|it|test|context|suite|specify)\.only\s*\(\s*["'`]|(?:^|[^.\w$])f(?:describe|it|context)\s*\(\s*["'`]"#,
        ..BASE
    },
    Rule {
        id: "cor.async-foreach",
        severity: 5.0,
        confidence: 8.0,
        message: "`forEach` with an async callback does not wait for the callbacks",
        remediation: "Use `for (const x of xs) { await ... }`, or `await Promise.all(xs.map(async ...))`.",
        langs: Langs::JS,
        keywords: &["foreach"],
        pattern: r"\.forEach\(\s*async\b",
        ..BASE
    },
    Rule {
        id: "cor.typeof-undefined",
        severity: 6.0,
        confidence: 9.5,
        message: "`typeof` compared with `undefined` instead of the string \"undefined\" (always false)",
        remediation: "Compare with the string: `typeof x === \"undefined\"`.",
        langs: Langs::JS,
        keywords: &["typeof"],
        pattern: r#"\btypeof\s+[\w$.\[\]'"]+\s*[!=]==?\s*undefined\b|\bundefined\s*[!=]==?\s*typeof\b"#,
        ..BASE
    },
    Rule {
        id: "cor.python-mutable-default",
        severity: 5.0,
        confidence: 8.0,
        message: "Mutable default argument is shared between calls",
        remediation: "Default to `None` and create the list/dict/set inside the function.",
        langs: Langs::PY,
        keywords: &["def "],
        pattern: r"\bdef\s+\w+\s*\([^#]*?=\s*(?:\[\s*\]|\{\s*\}|list\(\)|dict\(\)|set\(\))\s*[,)]",
        ..BASE
    },
];

/// `assert (x, "msg")`: the parentheses close the statement and hold a top-level comma.
fn tuple_assert(h: &Hit<'_>) -> bool {
    let rest = &h.line[h.end - 1..];
    let mut depth = 0i32;
    let mut comma = false;
    let mut quote: Option<u8> = None;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    let tail = rest[i + 1..].trim();
                    return comma && (tail.is_empty() || tail.starts_with('#'));
                }
            }
            b',' if depth == 1 => {
                // A trailing comma alone (`assert (x,)`) is still a non-empty tuple.
                comma = true;
            }
            _ => {}
        }
        i += 1;
    }
    false
}
