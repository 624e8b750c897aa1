//! Security rules besides credentials: injection, code execution of input, disabled TLS checks,
//! unsafe deserialisation and permissions. (Credentials are in `secrets.rs`; both make up the
//! `security` reviewer.)

use std::sync::LazyLock;

use regex::Regex;

use super::lang::Langs;
use super::rule::{Hit, Rule, Scope};

const INJECTION: &str = "injection";
const SECURITY: &str = "security";

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
        severity: 8.0,
        confidence: 8.0,
        message: "A shell command is built from interpolated values",
        remediation: "Run the program with an argument list and no shell (`subprocess.run([...])`, \
                      `execFile`, `exec.Command(name, args...)`, `Command::new(..).args(..)`), or \
                      quote every value (`shlex.quote`).",
        langs: Langs::PY
            .or(Langs::JS)
            .or(Langs::GO)
            .or(Langs::RS)
            .or(Langs::PHP),
        keywords: &[
            "subprocess",
            "system(",
            "popen",
            "exec",
            "\"-c\"",
            "passthru",
            "proc_open",
        ],
        pattern: r#"(?x)
              \bsubprocess\.(?:run|call|Popen|check_output|check_call)\(\s*(?:[fF]["'][^"']*\{|["'][^"']*["']\s*(?:%|\.format\(|\+))[^\#]*\bshell\s*=\s*True
            | \bos\.(?:system|popen)\(\s*(?:[fF]["'][^"']*\{|["'][^"']*["']\s*(?:%|\.format\(|\+))
            | \bsubprocess\.(?:getoutput|getstatusoutput)\(\s*(?:[fF]["'][^"']*\{|["'][^"']*["']\s*(?:%|\.format\(|\+))
            | \bchild_process\.(?:exec|execSync)\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+)
            | (?:^|[^.\w$])(?:exec|execSync)\(\s*`[^`]*\$\{
            | \bexec\.Command(?:Context)?\((?:\w+\s*,\s*)?"(?:/bin/)?(?:ba)?sh"\s*,\s*"-c"\s*,\s*(?:fmt\.Sprintf\(|[^,)]*\+)
            | "-c"\s*(?:,|\)\s*\.arg\()\s*&?format!\(
            | \b(?:shell_exec|system|passthru|popen|proc_open)\(\s*"[^"]*\$[A-Za-z_]
            "#,
        scope: Scope::Code,
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
