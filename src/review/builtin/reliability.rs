//! Reliability rules: debugger leftovers, swallowed errors, calls that can hang forever, panics
//! on ordinary I/O failures, shell commands that can destroy more than meant.

use super::lang::{Langs, is_example_or_console_path};
use super::rule::{Hit, Rule, Scope, indent, is_blank};

const RELIABILITY: &str = "reliability";

const BASE: Rule = Rule {
    category: RELIABILITY,
    scope: Scope::Code,
    ..Rule::BASE
};

const DEBUGGER_FIX: &str = "Remove the debugger call before committing; use logging or a test \
                            for what you were inspecting.";

/// A debugger leftover halts (or, for `dbg!`, writes to stderr from) the shipped program: it is
/// reliability's, so that on its own it fails a review through minority protection (R 8.55).
const DEBUGGER_SEVERITY: f64 = 9.0;
const DEBUGGER_CONFIDENCE: f64 = 9.5;
/// The same in test code: worth a note (a breakpoint hangs the test run), not a failed review.
const DEBUGGER_IN_TESTS_SEVERITY: f64 = 4.0;

const PY_DEBUGGER: &str = r#"(?:^|[^.\w])(?:(?:i?pdb|pudb|rpdb|remote_pdb|web_pdb|ipdb)\.set_trace\(|breakpoint\(\s*\)|__import__\(\s*["'](?:i?pdb|pudb)["']\s*\)\.set_trace\()"#;
const PY_DEBUGGER_KEYWORDS: &[&str] = &["set_trace", "breakpoint"];
const JS_DEBUGGER: &str = r"(?:^|[;{}]|\)\s)\s*debugger\s*(?:;|$|//)";
const RB_DEBUGGER: &str = r"\bbinding\.(?:pry|irb)\b|(?:^|[;\s])(?:byebug|debugger)\s*$";
const RB_DEBUGGER_KEYWORDS: &[&str] = &["binding.pry", "binding.irb", "byebug", "debugger"];

const SWALLOW_FIX: &str = "Catch the specific error you expect and handle it, or log it and \
                           re-raise; if ignoring is really right, say why in a comment.";

pub const RULES: &[Rule] = &[
    Rule {
        id: "rel.python-debugger",
        severity: DEBUGGER_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "Debugger breakpoint left in Python code (the program stops at it)",
        remediation: DEBUGGER_FIX,
        langs: Langs::PY,
        keywords: PY_DEBUGGER_KEYWORDS,
        pattern: PY_DEBUGGER,
        unless: Some(r"\bdef\s+breakpoint\b"),
        check: Some(python_debugger_left),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.python-debugger-in-tests",
        severity: DEBUGGER_IN_TESTS_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "Debugger breakpoint left in a Python test (the test run stops at it)",
        remediation: DEBUGGER_FIX,
        langs: Langs::PY,
        keywords: PY_DEBUGGER_KEYWORDS,
        pattern: PY_DEBUGGER,
        unless: Some(r"\bdef\s+breakpoint\b"),
        check: Some(not_a_debug_helper),
        only_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.js-debugger",
        severity: DEBUGGER_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "`debugger` statement left in JavaScript/TypeScript code (execution stops at it \
                  whenever developer tools are open)",
        remediation: DEBUGGER_FIX,
        langs: Langs::JS,
        keywords: &["debugger"],
        pattern: JS_DEBUGGER,
        check: Some(not_an_example),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.js-debugger-in-tests",
        severity: DEBUGGER_IN_TESTS_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "`debugger` statement left in a JavaScript/TypeScript test",
        remediation: DEBUGGER_FIX,
        langs: Langs::JS,
        keywords: &["debugger"],
        pattern: JS_DEBUGGER,
        only_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.rust-dbg",
        severity: DEBUGGER_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "`dbg!` left in Rust code (it writes to stderr in release builds too)",
        remediation: "Remove `dbg!`; use `tracing`/`log` or a test assertion.",
        langs: Langs::RS,
        keywords: &["dbg!"],
        pattern: r"\bdbg!\s*\(",
        check: Some(not_an_example),
        // Test output is where `dbg!` belongs, if anywhere (clippy's `allow-dbg-in-tests`).
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.ruby-debugger",
        severity: DEBUGGER_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "Debugger breakpoint left in Ruby code (the program stops at it)",
        remediation: DEBUGGER_FIX,
        langs: Langs::RB,
        keywords: RB_DEBUGGER_KEYWORDS,
        pattern: RB_DEBUGGER,
        check: Some(ruby_debugger_left),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.ruby-debugger-in-tests",
        severity: DEBUGGER_IN_TESTS_SEVERITY,
        confidence: DEBUGGER_CONFIDENCE,
        message: "Debugger breakpoint left in a Ruby test or spec",
        remediation: DEBUGGER_FIX,
        langs: Langs::RB,
        keywords: RB_DEBUGGER_KEYWORDS,
        pattern: RB_DEBUGGER,
        check: Some(ruby_debugger_in_tests),
        only_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.python-swallowed-exception",
        severity: 6.0,
        confidence: 8.0,
        message: "Every exception is caught and silently ignored",
        remediation: SWALLOW_FIX,
        langs: Langs::PY,
        keywords: &["except"],
        pattern: r"^\s*except(?:\s*\(?\s*(?:Exception|BaseException)\s*\)?)?(?:\s+as\s+\w+)?\s*:",
        check: Some(python_swallowed),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.empty-catch",
        severity: 6.0,
        confidence: 8.0,
        message: "Empty `catch` block silently ignores the error",
        remediation: SWALLOW_FIX,
        langs: Langs::JS
            .or(Langs::JVM)
            .or(Langs::CS)
            .or(Langs::PHP)
            .or(Langs::SWIFT)
            .or(Langs::C),
        keywords: &["catch"],
        pattern: r"(?:^|[^.\w$])catch\s*(?:\([^)]*\))?\s*\{",
        check: Some(empty_block),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.promise-catch-noop",
        severity: 5.0,
        confidence: 8.0,
        message: "Promise rejection is caught and ignored",
        remediation: SWALLOW_FIX,
        langs: Langs::JS,
        keywords: &[".catch("],
        pattern: r"\.catch\(\s*(?:(?:\(\s*[\w$]*\s*\)|[\w$]+)\s*=>\s*(?:\{\s*\}|null|undefined|void 0)|function\s*[\w$]*\s*\(\s*[\w$]*\s*\)\s*\{\s*\}|(?:_\.)?noop)\s*\)",
        ..BASE
    },
    Rule {
        id: "rel.http-no-timeout",
        severity: 5.0,
        confidence: 8.0,
        message: "HTTP request without a timeout can hang forever",
        remediation: "Pass `timeout=` (seconds, or a `(connect, read)` tuple).",
        langs: Langs::PY,
        keywords: &["requests.", "urlopen("],
        pattern: r"\brequests\.(?:get|post|put|patch|delete|head|options|request)\(|(?:^|[^.\w])(?:urllib\.request\.)?urlopen\(",
        check: Some(call_without_timeout),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.go-http-no-timeout",
        severity: 5.0,
        confidence: 8.0,
        message: "Go's default HTTP client has no timeout and can hang forever",
        remediation: "Use an `http.Client{Timeout: ...}` (or a request context with a deadline).",
        langs: Langs::GO,
        keywords: &[
            "http.get(",
            "http.post(",
            "http.head(",
            "http.postform(",
            "http.client{",
        ],
        pattern: r"\bhttp\.(?:Get|Post|Head|PostForm)\(|&?\bhttp\.Client\{\s*\}",
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.rust-io-unwrap",
        severity: 5.0,
        confidence: 7.0,
        message: "`.unwrap()` on file or network I/O panics on an ordinary failure",
        remediation: "Propagate the error with `?` and context (the path), or handle it; keep \
                      `unwrap` for invariants.",
        langs: Langs::RS,
        keywords: &[
            "file::",
            "fs::",
            "tcpstream::",
            "tcplistener::",
            "udpsocket::",
        ],
        pattern: r"\b(?:File::(?:open|create)|fs::(?:read|read_to_string|write|create_dir|create_dir_all|remove_file|remove_dir|remove_dir_all|rename|copy|read_dir|metadata|canonicalize)|TcpStream::connect|TcpListener::bind|UdpSocket::bind)\(",
        check: Some(io_unwrap),
        skip_tests: true,
        ..BASE
    },
    Rule {
        id: "rel.shell-rm-unguarded",
        severity: 6.0,
        confidence: 7.0,
        message: "`rm -r` on a path built from a variable that may be empty (then it removes `/...`)",
        remediation: "Guard the variable: `rm -rf \"${DIR:?}/\"...`, or check it is set first.",
        langs: Langs::SH,
        keywords: &["rm "],
        pattern: r#"(?:^|[\s;&|(])rm\s+(?:-[A-Za-z]+\s+)*-[A-Za-z]*[rR][A-Za-z]*\s+(?:-[A-Za-z]+\s+)*"?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?/"#,
        unless: Some(r":\?"),
        ..BASE
    },
];

/// Whether a Python line is only `pass` or `...` (a comment means the silence is explained).
fn is_noop_body(text: &str) -> bool {
    matches!(text.trim(), "pass" | "...")
}

/// Best-effort clean-up, where ignoring a failure is the idiom (`__del__`, closing, removing).
const CLEANUP_WORDS: &[&str] = &[
    "close",
    "shutdown",
    "unlink",
    "remove",
    "rmtree",
    "kill",
    "terminate",
    "detach",
    "cleanup",
    "release",
    "unregister",
    "disconnect",
    "flush",
    "__del__",
];

/// Whether the `try:` block that this `except` closes does best-effort clean-up.
fn try_block_cleans_up(h: &Hit<'_>) -> bool {
    let level = indent(h.line);
    for prev in h.view.lines_before(h.idx).take(20) {
        if is_blank(prev) {
            continue;
        }
        if indent(prev) <= level {
            return false;
        }
        if CLEANUP_WORDS.iter().any(|w| prev.contains(w)) {
            return true;
        }
    }
    false
}

/// `except:` / `except Exception:` whose whole body is `pass` (same line or the next), unless
/// the `try` block only cleans up.
fn python_swallowed(h: &Hit<'_>) -> bool {
    if try_block_cleans_up(h) {
        return false;
    }
    let rest = h.after();
    if rest.contains('#') {
        return false;
    }
    if !rest.trim().is_empty() {
        return is_noop_body(rest);
    }
    let mut after = h.view.lines_after(h.idx);
    let Some(body) = after.next() else {
        return false;
    };
    if body.contains('#') || !is_noop_body(body) || indent(body) <= indent(h.line) {
        return false;
    }
    match after.find(|l| !is_blank(l)) {
        // `try/except: pass/else:` is control flow: the `else` handles the success path.
        Some(next) => indent(next) <= indent(h.line) && !next.trim_start().starts_with("else:"),
        // Past the added lines: a `pass` followed by more of the same block is rare enough.
        None => true,
    }
}

/// A `catch (...) {` whose block is empty: `{}` on the line, or `}` alone on the next line.
/// A comment after it or an `eslint no-empty` directive right above says it is deliberate.
fn empty_block(h: &Hit<'_>) -> bool {
    let rest = h.after().trim();
    if h.view
        .lines_before(h.idx)
        .next()
        .is_some_and(|prev| prev.contains("no-empty"))
    {
        return false;
    }
    if let Some(tail) = rest.strip_prefix('}') {
        return !(tail.contains("//") || tail.contains("/*"));
    }
    if !rest.is_empty() {
        return false;
    }
    h.view.next_line(h.idx).is_some_and(|next| {
        let next = next.trim_start();
        next.starts_with('}') && !next.contains("//")
    })
}

/// The argument text of a call whose `(` ends the match, when it closes on the same line.
fn call_args<'a>(h: &Hit<'a>) -> Option<&'a str> {
    let rest = h.after();
    let mut depth = 1i32;
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
        } else {
            match b {
                b'"' | b'\'' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&rest[..i]);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

fn call_without_timeout(h: &Hit<'_>) -> bool {
    match call_args(h) {
        Some(args) => !args.contains("timeout") && !args.contains("**"),
        None => false,
    }
}

/// `File::open(..).unwrap()` in code that is not a test, an example or a build script.
fn io_unwrap(h: &Hit<'_>) -> bool {
    let path = h.view.path;
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "build.rs" || path.starts_with("examples/") || path.contains("/examples/") {
        return false;
    }
    let Some(args) = call_args(h) else {
        return false;
    };
    let tail = &h.after()[args.len() + 1..];
    tail.trim_start().starts_with(".unwrap()")
}

/// Parts of the names of functions whose job is to enter a debugger (`def set_trace():
/// pdb.set_trace()`, pyparsing's `def breaker(...)`): a breakpoint there is the feature.
const DEBUG_HELPER_NAMES: &[&str] = &["trace", "break", "debug", "pdb", "post_mortem"];

/// Not in an example or a developer console, where stopping in the debugger is the point.
fn not_an_example(h: &Hit<'_>) -> bool {
    !is_example_or_console_path(h.view.path)
}

fn python_debugger_left(h: &Hit<'_>) -> bool {
    not_an_example(h) && not_a_debug_helper(h)
}

fn ruby_debugger_left(h: &Hit<'_>) -> bool {
    not_an_example(h) && not_in_ruby_heredoc(h)
}

fn ruby_debugger_in_tests(h: &Hit<'_>) -> bool {
    not_in_ruby_heredoc(h)
}

/// What may come right before a Ruby statement on its line.
const RUBY_STATEMENT_AFTER: &[&str] = &[";", "{", "|", "&&", "||"];
const RUBY_STATEMENT_AFTER_WORDS: &[&str] = &[
    "then", "do", "else", "begin", "ensure", "rescue", "and", "or",
];

/// The call stands where a statement does: alone, after `;`, `{`, `do |x|`, `then`..., and is
/// followed by nothing, `if`/`unless`, `;`, `}`, `end` or a comment. Help text that mentions
/// `binding.pry` mid-sentence, or ends with "the debugger", is not a call.
fn ruby_statement(h: &Hit<'_>) -> bool {
    let text = h.text();
    let at = ["binding.", "byebug", "debugger"]
        .iter()
        .filter_map(|k| text.find(k))
        .min()
        .map_or(h.start, |i| h.start + i);
    let before = h.line[..at].trim_end();
    let after = h.line[h.end..].trim_start();
    let before_ok = before.is_empty()
        || RUBY_STATEMENT_AFTER.iter().any(|p| before.ends_with(p))
        || RUBY_STATEMENT_AFTER_WORDS.iter().any(|w| {
            before == *w
                || (before.ends_with(w)
                    && before[..before.len() - w.len()].ends_with(|c: char| !c.is_alphanumeric()))
        });
    let after_ok = after.is_empty()
        || after.starts_with("if ")
        || after.starts_with("unless ")
        || after.starts_with(';')
        || after.starts_with('}')
        || after.starts_with('#')
        || after == "end";
    before_ok && after_ok
}

/// Not in the body of a debugging helper (judged from the enclosing `def` in the added lines).
fn not_a_debug_helper(h: &Hit<'_>) -> bool {
    let mut level = indent(h.line);
    for prev in h.view.lines_before(h.idx).take(200) {
        if is_blank(prev) || indent(prev) >= level {
            continue;
        }
        let head = prev.trim_start();
        let head = head.strip_prefix("async ").unwrap_or(head);
        if let Some(def) = head.strip_prefix("def ") {
            let name = def.split('(').next().unwrap_or("").to_ascii_lowercase();
            return !DEBUG_HELPER_NAMES.iter().any(|w| name.contains(w));
        }
        level = indent(prev);
        if level == 0 {
            break;
        }
    }
    true
}

/// A call in statement position (see `ruby_statement`), not inside a heredoc
/// (`banner <<-'BANNER'` ... `BANNER`, where help text shows `binding.pry`) or an
/// `=begin`/`=end` comment, judged from the consecutive added lines above (the lexer does not
/// know either).
fn not_in_ruby_heredoc(h: &Hit<'_>) -> bool {
    if !ruby_statement(h) {
        return false;
    }
    let mut closed: Vec<&str> = Vec::new();
    for prev in h.view.lines_before(h.idx).take(400) {
        let t = prev.trim();
        if t == "=end" {
            // A block comment closed above: the hit is not in one (and heredocs above it
            // are judged as usual).
            closed.push("=begin");
            continue;
        }
        if t == "=begin" {
            return closed.contains(&"=begin");
        }
        if !t.is_empty() && t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            closed.push(t);
            continue;
        }
        if let Some(id) = heredoc_opener(prev)
            && !closed.contains(&id)
        {
            return false;
        }
    }
    true
}

/// The terminator of a heredoc opened on this line: `<<ID`, `<<-ID`, `<<~ID`, quoted or not.
fn heredoc_opener(line: &str) -> Option<&str> {
    let at = line.find("<<")?;
    let rest = line[at + 2..].trim_start_matches(['-', '~']);
    let rest = rest.trim_start_matches(['\'', '"', '`']);
    let len = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
        .count();
    let id = &rest[..len];
    // `<<ID` starts with a letter or `_`; `x << 1` or `a <<b` (a push) has a space or a digit.
    id.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        .then_some(id)
}
