//! Security rules besides credentials: injection, code execution of input, disabled TLS checks,
//! unsafe deserialisation and permissions. (Credentials are in `secrets.rs`; both make up the
//! `security` reviewer.)

use std::sync::LazyLock;

use regex::Regex;

use super::lang::{Lang, Langs, is_script_path};
use super::pyexpr;
use super::rule::{Hit, Rule, Scope};

const INJECTION: &str = "injection";
const SECURITY: &str = "security";

const SHELL_FIX: &str = "Run the program with an argument list and no shell \
                         (`subprocess.run([...])`, `execFile`, `exec.Command(name, args...)`, \
                         `Command::new(..).args(..)`), or quote every value (`shlex.quote`).";

const SHELL_LANGS: Langs = Langs::PY
    .or(Langs::JS)
    .or(Langs::GO)
    .or(Langs::RS)
    .or(Langs::PHP);

const SHELL_KEYWORDS: &[&str] = &[
    "subprocess",
    "system(",
    "popen",
    "check_output",
    "check_call",
    "getoutput",
    "getstatusoutput",
    "create_subprocess_shell",
    "exec",
    "\"-c\"",
    "passthru",
    "proc_open",
];

// Python calls are matched up to their `(`; `shell_command_built` reads the arguments,
// over the following added lines when the call spans several.
const SHELL_INJECTION: &str = r#"(?x)
              (?P<pysh> \bos\.(?:system|popen) | \bsubprocess\.(?:getoutput|getstatusoutput)
                      | \bcommands\.getoutput | \bcreate_subprocess_shell
                      | (?:^|[^.\w])(?:getoutput|getstatusoutput) )\s*\(
            | (?P<pysp> \bsubprocess\.(?:run|call|Popen|check_output|check_call)
                      | (?:^|[^.\w])(?:Popen|check_output|check_call) )\s*\(
            | \bchild_process\.(?:exec|execSync)\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+)
            | (?:^|[^.\w$])(?:exec|execSync)\(\s*`[^`]*\$\{
            | \bexec\.Command(?:Context)?\((?:\w+\s*,\s*)?"(?:/bin/)?(?:ba)?sh"\s*,\s*"-c"\s*,\s*(?:fmt\.Sprintf\(|[^,)]*\+)
            | (?P<rs>\.args?\(\s*&?\[?\s*"-c"\s*(?:,|\)\s*\.arg\()\s*&?format!\()
            | (?P<php>\b(?:shell_exec|system|passthru|popen|proc_open)\(\s*"[^"]*\$[A-Za-z_])
            "#;

pub const RULES: &[Rule] = &[
    Rule {
        id: "sec.sql-injection",
        category: INJECTION,
        severity: 8.0,
        confidence: 8.0,
        message: "SQL built by string formatting is passed to the database",
        remediation: "Pass values as query parameters (placeholders such as `%s`, `?`, `$1` with \
                      a separate argument list); never format them into the SQL text.",
        langs: Langs::PY
            .or(Langs::JS)
            .or(Langs::GO)
            .or(Langs::RS)
            .or(Langs::JVM)
            .or(Langs::PHP)
            .or(Langs::RB)
            .or(Langs::CS),
        keywords: &["exec", "query", "raw(", "text(", "prepare"],
        pattern: r#"(?x)
            (?: \.(?i:execute|executemany|executescript|exec|query|raw|prepare|executeQuery|executeUpdate|queryRaw|unsafe)[A-Za-z_]*\(\s*(?:[A-Za-z_][\w.]*\s*,\s*)?
              | \btext\(\s* )
            (?: [fF]"(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^"]*\{
              | [fF]'(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^']*\{
              | "(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^"]*"\s*(?:%\s*[\w(\[]|\.format\(|\+\s*[\w(])
              | '(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^']*'\s*(?:%\s*[\w(\[]|\.format\(|\+\s*[\w(])
              | `(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^`]*\$\{
              | &?format!\(\s*"(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)[^"]*\{
              | fmt\.Sprintf\(\s*"(?i:\s*(?:select|insert|update|delete|with|replace|merge)\s)
              | (?:String\.format|string\.Format)\(\s*"(?i:\s*(?:select|insert|update|delete)\s)
              | \$"(?i:\s*(?:select|insert|update|delete)\s)[^"]*\{
            )"#,
        unless: Some(r"quote_name|quote_ident|quote_identifier|sql\.Identifier|escape_identifier"),
        scope: Scope::Code,
        check: Some(interpolates_values),
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.shell-injection",
        category: INJECTION,
        // Command injection: a value with `;`, `$(..)` or a quote runs commands of its own. On
        // its own it fails a review (R 8.55, minority protection).
        severity: 9.5,
        confidence: 9.0,
        message: "A shell command is built from interpolated values (command injection)",
        remediation: SHELL_FIX,
        langs: SHELL_LANGS,
        keywords: SHELL_KEYWORDS,
        pattern: SHELL_INJECTION,
        scope: Scope::Code,
        check: Some(shell_injection_in_shipped_code),
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.shell-injection-in-scripts",
        category: INJECTION,
        // The repository's own CI and release scripts interpolate versions, tags and paths of
        // their own making: worth fixing, not a failed review (R 6.4).
        severity: 8.0,
        confidence: 8.0,
        message: "A shell command is built from interpolated values in a build or CI script",
        remediation: SHELL_FIX,
        langs: SHELL_LANGS,
        keywords: SHELL_KEYWORDS,
        pattern: SHELL_INJECTION,
        scope: Scope::Code,
        check: Some(shell_injection_in_scripts),
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.eval-input",
        category: INJECTION,
        severity: 8.0,
        confidence: 9.0,
        message: "Input is evaluated as code",
        remediation: "Never evaluate input: parse it (`json.loads`, `ast.literal_eval`, \
                      `JSON.parse`, `int()`) or dispatch on an allow-list.",
        langs: Langs::PY.or(Langs::JS).or(Langs::PHP).or(Langs::RB),
        keywords: &["eval", "exec"],
        pattern: r"\b(?:eval|exec)\s*\(\s*(?:input\s*\(|raw_input\s*\(|request\.|req\.(?:body|query|params|headers|cookies)|sys\.argv|flask\.request|params\[|document\.location|(?:window\.)?location\.(?:hash|search|href)|process\.argv|\$_(?:GET|POST|REQUEST|COOKIE))",
        scope: Scope::Code,
        ..Rule::BASE
    },
    Rule {
        id: "sec.tls-verify-disabled",
        category: SECURITY,
        severity: 7.0,
        confidence: 8.0,
        message: "TLS certificate verification is turned off",
        remediation: "Keep verification on; to trust a private CA, pass its bundle (`verify=\"/path/ca.pem\"`, \
                      `ca:` option, `RootCAs`, `add_root_certificate`).",
        langs: Langs::PROGRAMS.or(Langs::SH).or(Langs::CONFIG),
        keywords: &[
            "verify",
            "_create_unverified_context",
            "rejectunauthorized",
            "node_tls_reject_unauthorized",
            "insecureskipverify",
            "danger_accept_invalid",
            "noophostnameverifier",
            "allow_all_hostname_verifier",
            "ssl_verifypeer",
        ],
        pattern: r#"(?x)
              \b(?:requests|httpx|session|sess|client|http|aiohttp)\.(?:get|post|put|patch|delete|head|options|request|send|stream|Client|AsyncClient|Session)\([^\#]*\bverify\s*=\s*False\b
            | \b(?:session|sess|s|client|http)\.verify\s*=\s*False\b
            | \bssl\._create_unverified_context\b
            | \brejectUnauthorized\s*:\s*false\b
            | \bNODE_TLS_REJECT_UNAUTHORIZED\b["']?\s*[=:]\s*["']?0\b
            | \bInsecureSkipVerify\s*:\s*true\b
            | \bdanger_accept_invalid_(?:certs|hostnames)\(\s*true\s*\)
            | \bnew\s+NoopHostnameVerifier\b | \bALLOW_ALL_HOSTNAME_VERIFIER\b
            | \bCURLOPT_SSL_VERIFYPEER\s*,\s*(?:false|0)\b
            "#,
        scope: Scope::Code,
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.jwt-verify-disabled",
        category: SECURITY,
        severity: 7.0,
        confidence: 8.0,
        message: "JWT signature verification is turned off",
        remediation: "Verify the signature with the expected key and an explicit allow-list of \
                      algorithms; never accept `none`.",
        langs: Langs::PY.or(Langs::JS),
        keywords: &["verify_signature", "jwt.decode", "algorithms"],
        pattern: r#"["']verify_signature["']\s*:\s*(?:False|false)\b|\bjwt\.decode\([^#]*\bverify\s*=\s*False\b|\balgorithms\s*[=:]\s*\[\s*["']none["']"#,
        scope: Scope::NotComment,
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.yaml-unsafe-load",
        category: SECURITY,
        severity: 6.0,
        confidence: 8.0,
        message: "`yaml.load` without a safe Loader can construct arbitrary objects",
        remediation: "Use `yaml.safe_load(...)` or pass `Loader=yaml.SafeLoader`.",
        langs: Langs::PY,
        keywords: &["yaml.load"],
        pattern: r"\byaml\.load(?:_all)?\(\s*[^()]*(?:\([^()]*\)[^()]*)*\)",
        unless: Some(r"Loader"),
        scope: Scope::Code,
        ..Rule::BASE
    },
    Rule {
        id: "sec.flask-debug",
        category: SECURITY,
        severity: 6.0,
        confidence: 8.0,
        message: "Flask app runs with the debugger on (remote code execution when reachable)",
        remediation: "Read debug mode from configuration (`FLASK_DEBUG`) and keep it off outside \
                      local development.",
        langs: Langs::PY,
        keywords: &["debug"],
        pattern: r"\b(?:app|application)\.run\([^)]*\bdebug\s*=\s*True\b",
        scope: Scope::Code,
        skip_tests: true,
        ..Rule::BASE
    },
    Rule {
        id: "sec.world-writable",
        category: SECURITY,
        severity: 6.0,
        confidence: 8.0,
        message: "File made world-writable (mode 777)",
        remediation: "Grant only what is needed (`0o755` for programs and folders, `0o644` or \
                      `0o600` for files).",
        langs: Langs::PROGRAMS.or(Langs::SH),
        keywords: &["777", "a+rwx"],
        pattern: r"(?x)
              \bchmod(?:Sync)?\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*(?:0o?)?777\b
            | \bos\.(?:chmod|Chmod)\([^,()]+(?:\([^()]*\))?\s*,\s*(?:0o?)?777\b
            | (?:^|[\s;&|(])chmod\s+(?:-[A-Za-z]+\s+)*(?:0?777|a\+rwx|ugo\+rwx)\s
            ",
        scope: Scope::Code,
        ..Rule::BASE
    },
    Rule {
        id: "sec.curl-pipe-shell",
        category: SECURITY,
        severity: 5.0,
        confidence: 7.0,
        message: "A downloaded script is piped straight into a shell",
        remediation: "Download to a file, check its checksum or signature, then run it; or install \
                      from a package manager.",
        langs: Langs::SH.or(Langs::CONFIG),
        keywords: &["curl", "wget"],
        pattern: r"\b(?:curl|wget)\s[^|#]*\|\s*(?:sudo\s+(?:-\w+\s+)*)?(?:ba|z|da)?sh\b",
        scope: Scope::Code,
        ..Rule::BASE
    },
];

/// The first string literal at or after `from`: its text and what follows its closing quote.
fn first_literal(line: &str, from: usize) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let open = (from..bytes.len()).find(|&i| matches!(bytes[i], b'"' | b'\'' | b'`'))?;
    let q = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == q => return Some((&line[open + 1..i], &line[i + 1..])),
            _ => i += 1,
        }
    }
    Some((&line[open + 1..], ""))
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[sdrvif]|\$?\{[^{}]*\}").expect("placeholder")
});

/// SQL keywords after which an interpolated value names a table, column or function, not a value.
const IDENTIFIER_CONTEXT: &[&str] = &[
    "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "EXISTS", "SELECT", "BY", "AS", "INDEX", "VIEW",
    "SCHEMA", "DATABASE", "TRIGGER", "PRAGMA", "SEQUENCE", "FUNCTION", "DISTINCT", ".", "\"", "`",
    "[",
];

fn identifier_position(before: &str) -> bool {
    let before = before.trim_end().to_ascii_uppercase();
    IDENTIFIER_CONTEXT.iter().any(|k| {
        before.ends_with(k)
            && (k.len() == 1
                || !before[..before.len() - k.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

fn constant_name(placeholder: &str) -> bool {
    let inner = placeholder.trim_start_matches('$').trim_matches(['{', '}']);
    let name = inner.split([':', '!']).next().unwrap_or("").trim();
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// SQL that only interpolates constants (`format!("SELECT {COLUMNS} FROM t")`) or identifiers
/// (`"DELETE FROM %s" % quoted_table`, `"SELECT %s()" % function`) is how query builders work;
/// a value position (`WHERE id = %s`, `'{name}'`, `" + id`, a trailing `WHERE " + cond`) is
/// injection.
fn interpolates_values(h: &Hit<'_>) -> bool {
    let Some((sql, after)) = first_literal(h.line, h.start) else {
        return true;
    };
    let mut value = false;
    for m in PLACEHOLDER.find_iter(sql) {
        if constant_name(m.as_str()) || identifier_position(&sql[..m.start()]) {
            continue;
        }
        value = true;
    }
    if after.trim_start().starts_with('+') && !identifier_position(sql) {
        value = true;
    }
    value
}

/// How many added lines a Python call's arguments, or a command's assignment, are read over.
const PY_CALL_LINES: usize = 20;
const PY_ASSIGN_LOOKBACK: usize = 30;

fn shell_injection_in_shipped_code(h: &Hit<'_>) -> bool {
    !is_script_path(h.view.path) && shell_command_built(h)
}

fn shell_injection_in_scripts(h: &Hit<'_>) -> bool {
    is_script_path(h.view.path) && shell_command_built(h)
}

/// Which alternative of `sec.shell-injection` matched, and whether it really builds a command:
/// Python calls by their arguments, Rust's `"-c"` only after a shell program, PHP's `"$x"` only
/// in PHP (in other languages `$HOME` in a string is the shell's own variable).
fn shell_command_built(h: &Hit<'_>) -> bool {
    let always_shell = h.group("pysh").is_some();
    if always_shell || h.group("pysp").is_some() {
        return h.view.lang == Lang::Python && python_shell_injection(h, always_shell);
    }
    if h.group("rs").is_some() {
        return std::iter::once(h.line)
            .chain(h.view.lines_before(h.idx).take(3))
            .any(|l| SHELL_PROGRAM.is_match(l));
    }
    if h.group("php").is_some() {
        return h.view.lang == Lang::Php;
    }
    true
}

static SHELL_PROGRAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?:/usr)?(?:/bin/)?(?:ba|z|da|k)?sh""#).expect("shell program")
});

/// The text of a Python call from just after its `(`, over the consecutive added lines that
/// follow until its brackets close (at most `PY_CALL_LINES`), comments blanked.
fn python_call_text(h: &Hit<'_>) -> String {
    let mut text = h.after().to_string();
    let mut lines = h.view.lines_after(h.idx);
    for _ in 0..PY_CALL_LINES {
        if pyexpr::open_brackets(&pyexpr::blank_comments(&text)) < 0 {
            break;
        }
        let Some(next) = lines.next() else { break };
        text.push('\n');
        text.push_str(next);
    }
    pyexpr::blank_comments(&text)
}

/// `subprocess.run(f"ls {path}", shell=True)`, `os.system("rm " + path)`: the command (the
/// first positional argument, or `args=`/`cmd=`) is built from a value that is not a constant
/// or quoted with `shlex.quote`; for `subprocess` calls, only with `shell=True`. A command held
/// in a variable is judged by its assignment in the added lines above.
fn python_shell_injection(h: &Hit<'_>, always_shell: bool) -> bool {
    let text = python_call_text(h);
    let (args, _) = pyexpr::call_args(&text);
    let keyword = |a: &str| {
        a.split_once('=')
            .filter(|(k, v)| pyexpr::is_identifier(k.trim()) && !v.starts_with('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
    };
    let shell = always_shell
        || args
            .iter()
            .any(|a| keyword(a).is_some_and(|(k, v)| k == "shell" && v == "True"));
    if !shell {
        return false;
    }
    let command = args
        .iter()
        .find(|a| keyword(a).is_none() && !a.starts_with('*'))
        .map(|a| a.to_string())
        .or_else(|| {
            args.iter()
                .filter_map(|a| keyword(a))
                .find(|(k, _)| matches!(k.as_str(), "args" | "cmd" | "command"))
                .map(|(_, v)| v)
        });
    let Some(command) = command else {
        return false;
    };
    let values = match pyexpr::built_values(&command) {
        Some(values) => values,
        None if pyexpr::is_identifier(&command) => match assigned_command(h, &command) {
            Some(values) => values,
            None => return false,
        },
        None => return false,
    };
    values.iter().any(|v| !pyexpr::is_safe_value(v))
}

/// The values of the nearest `name = <built string>` among the consecutive added lines above.
fn assigned_command(h: &Hit<'_>, name: &str) -> Option<Vec<String>> {
    let before: Vec<&str> = h
        .view
        .lines_before(h.idx)
        .take(PY_ASSIGN_LOOKBACK)
        .collect();
    for (back, line) in before.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix(name) else {
            continue;
        };
        let rest = rest.trim_start();
        // `cmd: str = ...` as well as `cmd = ...`, not `cmd == ...` or `cmd.x = ...`.
        let rest = match rest.strip_prefix(':') {
            Some(annotated) => annotated.split_once('=').map_or("", |(_, v)| v),
            None => match rest.strip_prefix('=') {
                Some(v) if !v.starts_with('=') => v,
                _ => continue,
            },
        };
        // An assignment that continues over the next lines (`cmd = (\n "..." \n f"..." \n)`).
        let mut rhs = rest.to_string();
        for next in before[..back].iter().rev() {
            if pyexpr::open_brackets(&pyexpr::blank_comments(&rhs)) <= 0 {
                break;
            }
            rhs.push('\n');
            rhs.push_str(next);
        }
        let rhs = pyexpr::blank_comments(&rhs);
        let rhs = rhs.trim();
        let rhs = rhs
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .filter(|r| pyexpr::open_brackets(r) == 0)
            .unwrap_or(rhs);
        return pyexpr::built_values(rhs);
    }
    None
}
