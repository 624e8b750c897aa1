//! Extra credential rules from a repository's `.gitleaks.toml` (or the file named by
//! `[review.secrets] gitleaks_config`), in gitleaks' documented format, so that a team keeps its
//! custom rules when it switches.
//!
//! Supported: `title`, `description`, `minVersion`, `[extend]` (`useDefault` is accepted and
//! has no effect: wfc's own rules always run; `path`, `url` and `disabledRules` are refused,
//! because wfc neither reads other files on the file's word nor turns off its own rules),
//! `[[rules]]` with `id`, `description`, `regex`, `secretGroup`, `keywords`, `entropy`, `path`,
//! `tags`, `skipReport`, and allowlists per rule (`[rules.allowlist]`, `[[rules.allowlists]]`)
//! and global (`[allowlist]`, `[[allowlists]]` with `targetRules`) with `regexes`,
//! `regexTarget` (`secret`, `match`, `line`), `paths`, `stopwords`, `condition` (`OR`, `AND`)
//! and `commits` (ignored: a review has no commit yet). Unknown keys are refused, so that a typo
//! (`secretgroup`) never unmasks a secret in the output.
//!
//! The file comes with the repository under review, so it is hostile input: its size, the number
//! of rules and allowlist entries and every compiled regex are bounded, and its allowlists apply
//! only to the rules the file itself defines, never to wfc's built-in rules (a change could
//! otherwise add a `.gitleaks.toml` that hides its own secret). The rules can only add findings,
//! so reading the file needs no `wfc trust`: it runs nothing.
//!
//! Regexes are Go RE2; the differences with Rust's `regex` that matter are translated (`\Q...\E`
//! quoting, `\C`, a literal `{,n}`), anything else that does not compile is an error naming
//! `file:line:column`. A rule matches within one line, like wfc's own rules.

use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::rule::FileView;
use super::secrets::entropy;
use crate::config::ConfigError;
use crate::review::Finding;

/// Largest file read.
pub const MAX_BYTES: u64 = 1 << 20;
/// Most rules, and most entries of one allowlist.
pub const MAX_RULES: usize = 500;
const MAX_ENTRIES: usize = 1000;
/// Compiled size of one regex (the default of the `regex` crate is 10 MiB), and most regexes in
/// all (rules, paths, allowlist entries): together they bound the memory a file can take.
const REGEX_SIZE: usize = 512 << 10;
const DFA_SIZE: usize = 512 << 10;
const MAX_REGEXES: usize = 1000;
/// Longest pattern text.
const MAX_PATTERN: usize = 4096;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FileSpec {
    #[allow(dead_code)]
    title: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
    #[allow(dead_code)]
    min_version: Option<String>,
    extend: Option<Spanned<ExtendSpec>>,
    #[serde(default)]
    rules: Vec<RuleSpec>,
    allowlist: Option<AllowSpec>,
    #[serde(default)]
    allowlists: Vec<AllowSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ExtendSpec {
    #[allow(dead_code)]
    use_default: Option<bool>,
    path: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    disabled_rules: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RuleSpec {
    id: Spanned<String>,
    description: Option<String>,
    regex: Option<Spanned<String>>,
    secret_group: Option<Spanned<usize>>,
    entropy: Option<f64>,
    path: Option<Spanned<String>>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    tags: Vec<String>,
    #[serde(default)]
    skip_report: bool,
    allowlist: Option<AllowSpec>,
    #[serde(default)]
    allowlists: Vec<AllowSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AllowSpec {
    #[allow(dead_code)]
    description: Option<String>,
    condition: Option<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    commits: Vec<String>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    regex_target: Option<Spanned<String>>,
    #[serde(default)]
    regexes: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    target_rules: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Secret,
    Match,
    Line,
}

#[derive(Debug)]
struct Allowlist {
    and: bool,
    target: Target,
    paths: Vec<Regex>,
    regexes: Vec<Regex>,
    /// Lower-cased.
    stopwords: Vec<String>,
    /// For a global allowlist: the rule ids it is limited to (empty: every rule of the file).
    rules: Vec<String>,
}

impl Allowlist {
    /// Whether this allowlist lets a match through unreported.
    fn allows(&self, path: &str, line: &[u8], whole: &[u8], secret: &[u8]) -> bool {
        let target = match self.target {
            Target::Secret => secret,
            Target::Match => whole,
            Target::Line => line,
        };
        let lower = secret.to_ascii_lowercase();
        let mut checks: Vec<bool> = Vec::with_capacity(3);
        if !self.paths.is_empty() {
            checks.push(self.paths.iter().any(|r| r.is_match(path.as_bytes())));
        }
        if !self.regexes.is_empty() {
            checks.push(self.regexes.iter().any(|r| r.is_match(target)));
        }
        if !self.stopwords.is_empty() {
            checks.push(
                self.stopwords
                    .iter()
                    .any(|w| lower.windows(w.len().max(1)).any(|win| win == w.as_bytes())),
            );
        }
        if checks.is_empty() {
            return false;
        }
        if self.and {
            checks.iter().all(|c| *c)
        } else {
            checks.iter().any(|c| *c)
        }
    }
}

#[derive(Debug)]
struct CustomRule {
    id: String,
    description: String,
    regex: Option<Regex>,
    /// 0: the first group that took part in the match, else the whole match.
    secret_group: usize,
    entropy: Option<f64>,
    path: Option<Regex>,
    keywords: Vec<String>,
    skip_report: bool,
    allowlists: Vec<Allowlist>,
    severity: f64,
    confidence: f64,
}

/// The compiled rules of one file.
#[derive(Debug)]
pub struct CustomRules {
    /// The file, for messages.
    pub path: PathBuf,
    rules: Vec<CustomRule>,
    global: Vec<Allowlist>,
    /// Keywords of every rule, lower-cased, and the rule each stands for.
    keywords: Option<AhoCorasick>,
    keyword_rule: Vec<usize>,
    /// Rules without keywords: candidates on every line.
    always: Vec<usize>,
    /// Notes for the user (ignored settings).
    pub notes: Vec<String>,
}

/// A match of a custom rule on one line: byte ranges of the match and of its secret.
struct Match {
    rule: usize,
    whole: (usize, usize),
    secret: (usize, usize),
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Rewrites the parts of a Go RE2 pattern that Rust's `regex` reads differently: `\Q...\E`
/// literal quoting, `\C` (any byte), `{,n}` (a literal in RE2, an error in Rust), and the Perl
/// classes `\w`, `\d`, `\s`, `\b`, which are ASCII in Go and Unicode in Rust (and a Unicode
/// `\w` under a repetition compiles to megabytes).
pub fn translate_re2(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.char_indices().peekable();
    let mut in_class = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'Q')) => {
                    let rest = &pattern[i + 2..];
                    let (quoted, skip) = match rest.find("\\E") {
                        Some(end) => (&rest[..end], end + 2),
                        None => (rest, rest.len()),
                    };
                    out.push_str(&regex::escape(quoted));
                    let stop = i + 2 + skip;
                    while chars.peek().is_some_and(|(j, _)| *j < stop) {
                        chars.next();
                    }
                }
                Some((_, 'C')) => out.push_str("(?s-u:.)"),
                Some((_, k @ ('w' | 'd' | 's'))) if in_class => out.push_str(match k {
                    'w' => "0-9A-Za-z_",
                    'd' => "0-9",
                    _ => "\\t\\n\\x0C\\r ",
                }),
                Some((_, k @ ('w' | 'W' | 'd' | 'D' | 's' | 'S' | 'b' | 'B'))) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(k);
                    out.push(')');
                }
                Some((_, k)) => {
                    out.push('\\');
                    out.push(k);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` first in a class (after an optional `^`) is a literal.
                if chars.peek().is_some_and(|(_, n)| *n == '^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek().is_some_and(|(_, n)| *n == ']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            '[' if pattern[i + 1..].starts_with(':') => {
                // `[:alpha:]` inside a class.
                let end = pattern[i..].find(":]").map_or(pattern.len(), |e| i + e + 2);
                out.push_str(&pattern[i..end]);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            // A literal in a Go class, a nested class in Rust.
            '[' if in_class => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '{' if !in_class && pattern[i + 1..].starts_with(',') => out.push_str("\\{"),
            _ => out.push(c),
        }
    }
    out
}

struct Loader<'a> {
    path: &'a Path,
    text: &'a str,
    regexes: std::cell::Cell<usize>,
}

impl Loader<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_col(self.text, offset);
        ConfigError::Parse {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    fn regex(&self, spec: &Spanned<String>, what: &str) -> Result<Regex, ConfigError> {
        let at = spec.span().start;
        let pattern = spec.get_ref();
        self.regexes.set(self.regexes.get() + 1);
        if self.regexes.get() > MAX_REGEXES {
            return Err(self.error(at, format!("more than {MAX_REGEXES} regexes in all")));
        }
        if pattern.len() > MAX_PATTERN {
            return Err(self.error(
                at,
                format!("{what} is longer than {MAX_PATTERN} characters"),
            ));
        }
        RegexBuilder::new(&translate_re2(pattern))
            .size_limit(REGEX_SIZE)
            .dfa_size_limit(DFA_SIZE)
            .build()
            .map_err(|e| {
                let detail = match &e {
                    regex::Error::CompiledTooBig(limit) => {
                        format!("compiles to more than {limit} bytes")
                    }
                    _ => e
                        .to_string()
                        .lines()
                        .rev()
                        .find(|l| l.starts_with("error:"))
                        .unwrap_or("does not compile")
                        .trim_start_matches("error: ")
                        .to_string(),
                };
                self.error(at, format!("{what} {pattern:?}: {detail}"))
            })
    }

    fn allowlist(&self, spec: &AllowSpec, global: bool) -> Result<Allowlist, ConfigError> {
        let and = match &spec.condition {
            None => false,
            Some(c) => match c.get_ref().to_ascii_uppercase().as_str() {
                "OR" => false,
                "AND" => true,
                other => {
                    return Err(self.error(
                        c.span().start,
                        format!("allowlist condition {other:?}: expected \"OR\" or \"AND\""),
                    ));
                }
            },
        };
        let target = match &spec.regex_target {
            None => Target::Secret,
            Some(t) => match t.get_ref().as_str() {
                "secret" | "" => Target::Secret,
                "match" => Target::Match,
                "line" => Target::Line,
                other => {
                    return Err(self.error(
                        t.span().start,
                        format!(
                            "allowlist regexTarget {other:?}: expected \"secret\", \"match\" or \"line\""
                        ),
                    ));
                }
            },
        };
        if spec.paths.len() + spec.regexes.len() + spec.stopwords.len() > MAX_ENTRIES {
            let at = spec
                .regexes
                .first()
                .or(spec.paths.first())
                .map_or(0, |s| s.span().start);
            return Err(self.error(
                at,
                format!("an allowlist holds more than {MAX_ENTRIES} entries"),
            ));
        }
        if !global && !spec.target_rules.is_empty() {
            let at = spec.regexes.first().map_or(0, |s| s.span().start);
            return Err(self.error(at, "targetRules belongs in a global [[allowlists]] table"));
        }
        Ok(Allowlist {
            and,
            target,
            paths: spec
                .paths
                .iter()
                .map(|p| self.regex(p, "allowlist path"))
                .collect::<Result<_, _>>()?,
            regexes: spec
                .regexes
                .iter()
                .map(|r| self.regex(r, "allowlist regex"))
                .collect::<Result<_, _>>()?,
            stopwords: spec
                .stopwords
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_lowercase())
                .collect(),
            rules: spec.target_rules.clone(),
        })
    }
}

impl CustomRules {
    /// Reads and compiles the file at `path`. Errors name `file:line:column`.
    pub fn load(path: &Path) -> Result<CustomRules, ConfigError> {
        let read_err = |source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        };
        let meta = std::fs::symlink_metadata(path).map_err(read_err)?;
        if !meta.is_file() {
            return Err(read_err(std::io::Error::other(
                "not a regular file (a symbolic link or a folder is not read)",
            )));
        }
        if meta.len() > MAX_BYTES {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                message: format!("larger than {MAX_BYTES} bytes"),
            });
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: "not UTF-8 text".into(),
        })?;
        CustomRules::parse(path, &text)
    }

    /// Compiles the text of a file named `path`.
    pub fn parse(path: &Path, text: &str) -> Result<CustomRules, ConfigError> {
        let l = Loader {
            path,
            text,
            regexes: std::cell::Cell::new(0),
        };
        let spec: FileSpec = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            l.error(at, e.message().trim().to_string())
        })?;
        let mut notes = Vec::new();
        if let Some(extend) = &spec.extend {
            let ext = extend.get_ref();
            if let Some(p) = ext.path.as_ref().or(ext.url.as_ref()) {
                return Err(l.error(
                    p.span().start,
                    "[extend] path and url are not supported: put the rules in this file",
                ));
            }
            if let Some(d) = &ext.disabled_rules {
                return Err(l.error(
                    d.span().start,
                    "[extend] disabledRules is not supported: a repository cannot turn off wfc's built-in rules",
                ));
            }
            notes.push(format!(
                "{}: [extend] useDefault has no effect; wfc's own credential rules always run",
                path.display()
            ));
        }
        if spec.rules.len() > MAX_RULES {
            return Err(l.error(
                spec.rules[MAX_RULES].id.span().start,
                format!("more than {MAX_RULES} rules"),
            ));
        }
        let mut rules = Vec::with_capacity(spec.rules.len());
        for r in &spec.rules {
            let id = r.id.get_ref();
            let id_ok = !id.is_empty()
                && id.len() <= 100
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !id_ok {
                return Err(l.error(
                    r.id.span().start,
                    format!("rule id {id:?}: use 1 to 100 letters, digits, '-', '_' or '.'"),
                ));
            }
            if rules.iter().any(|x: &CustomRule| x.id == *id) {
                return Err(l.error(r.id.span().start, format!("rule id {id:?} appears twice")));
            }
            if r.regex.is_none() && r.path.is_none() {
                return Err(l.error(
                    r.id.span().start,
                    format!("rule {id:?} has neither regex nor path"),
                ));
            }
            let regex = r
                .regex
                .as_ref()
                .map(|re| l.regex(re, &format!("rule {id:?} regex")))
                .transpose()?;
            let secret_group = match (&r.secret_group, &regex) {
                (Some(g), Some(re)) => {
                    let groups = re.captures_len() - 1;
                    if *g.get_ref() > groups {
                        return Err(l.error(
                            g.span().start,
                            format!(
                                "rule {id:?} secretGroup {} but its regex has {groups} group(s)",
                                g.get_ref()
                            ),
                        ));
                    }
                    *g.get_ref()
                }
                _ => 0,
            };
            let mut allowlists = Vec::new();
            for a in r.allowlist.iter().chain(&r.allowlists) {
                allowlists.push(l.allowlist(a, false)?);
            }
            let keywords: Vec<String> = r
                .keywords
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| k.to_ascii_lowercase())
                .collect();
            // A rule with keywords or an entropy gate is as sure as a known format; a bare
            // pattern reports like a generic credential.
            let (severity, confidence) = if !keywords.is_empty() || r.entropy.is_some() {
                (9.5, 9.5)
            } else {
                (7.0, 6.0)
            };
            rules.push(CustomRule {
                id: id.clone(),
                description: r
                    .description
                    .clone()
                    .filter(|d| !d.trim().is_empty())
                    .unwrap_or_else(|| format!("Matches custom rule {id}")),
                regex,
                secret_group,
                entropy: r.entropy.filter(|e| *e > 0.0),
                path: r
                    .path
                    .as_ref()
                    .map(|p| l.regex(p, &format!("rule {id:?} path")))
                    .transpose()?,
                keywords,
                skip_report: r.skip_report,
                allowlists,
                severity,
                confidence,
            });
        }
        let mut global = Vec::new();
        for a in spec.allowlist.iter().chain(&spec.allowlists) {
            global.push(l.allowlist(a, true)?);
        }
        let mut words = Vec::new();
        let mut keyword_rule = Vec::new();
        let mut always = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.regex.is_none() {
                continue;
            }
            if r.keywords.is_empty() {
                always.push(i);
            }
            for k in &r.keywords {
                words.push(k.clone());
                keyword_rule.push(i);
            }
        }
        let keywords = (!words.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&words)
            })
            .transpose()
            .map_err(|e| ConfigError::Invalid {
                path: path.to_path_buf(),
                message: format!("keywords: {e}"),
            })?;
        Ok(CustomRules {
            path: path.to_path_buf(),
            rules,
            global,
            keywords,
            keyword_rule,
            always,
            notes,
        })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules whose keywords occur in the line, and those without keywords.
    fn candidates(&self, line: &str) -> Vec<usize> {
        let mut out = self.always.clone();
        if let Some(ac) = &self.keywords {
            for m in ac.find_overlapping_iter(line) {
                out.push(self.keyword_rule[m.pattern().as_usize()]);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn allowed(&self, ri: usize, path: &str, line: &[u8], m: &Match) -> bool {
        let rule = &self.rules[ri];
        let whole = &line[m.whole.0..m.whole.1];
        let secret = &line[m.secret.0..m.secret.1];
        rule.allowlists
            .iter()
            .chain(
                self.global
                    .iter()
                    .filter(|a| a.rules.is_empty() || a.rules.contains(&rule.id)),
            )
            .any(|a| a.allows(path, line, whole, secret))
    }

    /// The matches of the file's rules on one line (the path rule and allowlists applied).
    fn matches(&self, path: &str, line: &str) -> Vec<Match> {
        let mut out = Vec::new();
        let bytes = line.as_bytes();
        for ri in self.candidates(line) {
            let rule = &self.rules[ri];
            let Some(re) = &rule.regex else { continue };
            if rule
                .path
                .as_ref()
                .is_some_and(|p| !p.is_match(path.as_bytes()))
            {
                continue;
            }
            for caps in re.captures_iter(bytes) {
                let whole = caps.get(0).expect("group 0");
                let secret = if rule.secret_group > 0 {
                    caps.get(rule.secret_group)
                } else {
                    caps.iter().skip(1).flatten().next().or(Some(whole))
                };
                let Some(secret) = secret else { continue };
                if secret.is_empty() {
                    continue;
                }
                if rule
                    .entropy
                    .is_some_and(|min| entropy(secret.as_bytes()) <= min)
                {
                    continue;
                }
                let m = Match {
                    rule: ri,
                    whole: (whole.start(), whole.end()),
                    secret: (secret.start(), secret.end()),
                };
                if !self.allowed(ri, path, bytes, &m) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The findings of the file's rules on the added lines of one file. `silenced` says whether
    /// an allow comment on the line silences a rule id (`wfc:allow gitleaks.<id>`, and the
    /// credential markers).
    pub fn scan(&self, view: &FileView<'_>, silenced: &dyn Fn(&str, &str) -> bool) -> Vec<Finding> {
        let mut out = Vec::new();
        // Path-only rules: the file itself is the finding.
        for rule in &self.rules {
            if rule.regex.is_none()
                && !rule.skip_report
                && rule
                    .path
                    .as_ref()
                    .is_some_and(|p| p.is_match(view.path.as_bytes()))
                && let Some(first) = view.numbers.first()
            {
                out.push(self.finding(rule, view.path, *first, String::new()));
            }
        }
        for (idx, line) in view.lines.iter().enumerate() {
            for m in self.matches(view.path, line) {
                let rule = &self.rules[m.rule];
                let id = format!("gitleaks.{}", rule.id);
                if rule.skip_report || silenced(line, &id) {
                    continue;
                }
                let mut excerpt = String::new();
                excerpt.push_str(&line[m.whole.0..m.secret.0]);
                excerpt.push_str("****");
                excerpt.push_str(&line[m.secret.1..m.whole.1]);
                out.push(self.finding(rule, view.path, view.numbers[idx], excerpt));
            }
        }
        out
    }

    fn finding(&self, rule: &CustomRule, path: &str, line: u32, excerpt: String) -> Finding {
        let excerpt = super::redact_secrets(excerpt.trim());
        let excerpt: String = if excerpt.chars().count() > 80 {
            let mut e: String = excerpt.chars().take(79).collect();
            e.push('…');
            e
        } else {
            excerpt
        };
        let description = if excerpt.is_empty() {
            format!(
                "{} (rule {} of {})",
                rule.description,
                rule.id,
                self.file_name()
            )
        } else {
            format!(
                "{} (rule {} of {}): `{}`",
                rule.description,
                rule.id,
                self.file_name(),
                excerpt.replace('`', "'")
            )
        };
        Finding {
            file: Some(path.to_string()),
            line_start: Some(line),
            line_end: Some(line),
            category: "secrets".to_string(),
            severity: rule.severity,
            confidence: rule.confidence,
            description,
            remediation:
                "Remove the credential from the change, revoke and rotate it, and load it \
                          from the environment or a secret manager."
                    .to_string(),
            rule: Some(format!("gitleaks.{}", rule.id)),
        }
    }

    fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || ".gitleaks.toml".into(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Masks the secrets of the file's rules in one line; `None` when there are none.
    pub fn redact_line(&self, line: &str) -> Option<String> {
        // The path is unknown here: path-limited rules and path allowlists mask everywhere.
        let mut spans: Vec<(usize, usize)> = self
            .matches_anywhere(line)
            .into_iter()
            .map(|m| m.secret)
            .collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_unstable();
        let mut out = String::with_capacity(line.len());
        let mut pos = 0;
        for (start, end) in spans {
            if end <= pos {
                continue;
            }
            let start = start.max(pos);
            out.push_str(&line[pos..start]);
            out.push_str("****");
            pos = end;
        }
        out.push_str(&line[pos..]);
        Some(out)
    }

    /// Matches on a line whatever the path and the allowlists: what redaction masks.
    fn matches_anywhere(&self, line: &str) -> Vec<Match> {
        let mut out = Vec::new();
        for ri in self.candidates(line) {
            let rule = &self.rules[ri];
            let Some(re) = &rule.regex else { continue };
            for caps in re.captures_iter(line.as_bytes()) {
                let whole = caps.get(0).expect("group 0");
                let secret = if rule.secret_group > 0 {
                    caps.get(rule.secret_group)
                } else {
                    caps.iter().skip(1).flatten().next().or(Some(whole))
                };
                if let Some(s) = secret.filter(|s| !s.is_empty())
                    && line.is_char_boundary(s.start())
                    && line.is_char_boundary(s.end())
                {
                    out.push(Match {
                        rule: ri,
                        whole: (whole.start(), whole.end()),
                        secret: (s.start(), s.end()),
                    });
                }
            }
        }
        out
    }
}

/// The gitleaks config's path inside the repository: `configured` (`[review.secrets]
/// gitleaks_config`), else `.gitleaks.toml`; a path with `..` or an absolute one is refused.
pub fn config_rel<'a>(
    workdir: &Path,
    configured: Option<&'a str>,
) -> Result<&'a Path, ConfigError> {
    let rel = Path::new(configured.unwrap_or(".gitleaks.toml"));
    let inside = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || rel.as_os_str().is_empty() {
        return Err(ConfigError::Invalid {
            path: workdir.join(".wfc/config.toml"),
            message: format!(
                "[review.secrets] gitleaks_config {:?} must be a relative path inside the repository (no `..`, not absolute)",
                rel.display()
            ),
        });
    }
    Ok(rel)
}

/// The gitleaks config of the repository at `workdir`: `configured` (`[review.secrets]
/// gitleaks_config`, which must then exist) or `.gitleaks.toml` when there is one. The path must
/// stay inside the repository and no component of it may be a symbolic link, so that a
/// repository cannot make wfc read, and quote in an error, any other file of the machine.
pub fn config_path(
    workdir: &Path,
    configured: Option<&str>,
) -> Result<Option<PathBuf>, ConfigError> {
    let rel = config_rel(workdir, configured)?;
    let explicit = configured.is_some();
    let mut at = workdir.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(ConfigError::Read {
                    path: workdir.join(rel),
                    source: std::io::Error::other(format!(
                        "{} is a symbolic link; a gitleaks config is read only as a regular file",
                        at.display()
                    )),
                });
            }
            Ok(_) => {}
            Err(_) if !explicit => return Ok(None),
            Err(e) => {
                return Err(ConfigError::Read {
                    path: workdir.join(rel),
                    source: e,
                });
            }
        }
    }
    Ok(Some(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<CustomRules, ConfigError> {
        CustomRules::parse(Path::new("repo/.gitleaks.toml"), text)
    }

    fn found(rules: &CustomRules, path: &str, text: &str) -> Vec<Finding> {
        let lines: Vec<&str> = text.lines().collect();
        let numbers = (1..=lines.len() as u32).collect();
        let view = FileView::new(path, lines, numbers);
        rules.scan(&view, &|_, _| false)
    }

    const DOC: &str = r#"
title = "team rules"

[extend]
useDefault = true

[[rules]]
id = "acme-api-token"
description = "ACME API token"
regex = '''(?i)acme[_-]?token\s*[:=]\s*["']?(acme_[a-z0-9]{24})["']?'''
secretGroup = 1
entropy = 3.0
keywords = ["acme"]
tags = ["acme", "token"]

  [[rules.allowlists]]
  description = "the documented example"
  regexTarget = "secret"
  regexes = ['''acme_0{24}''']
  stopwords = ["example"]

[[rules]]
id = "internal-key"
regex = '''ik-[0-9a-f]{16}'''
path = '''\.(env|ya?ml)$'''

[[allowlists]]
description = "fixtures"
paths = ['''fixtures/''']
"#;

    #[test]
    fn the_documented_format_compiles_and_matches() {
        let rules = parse(DOC).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules.notes.len(), 1, "{:?}", rules.notes);
        let f = found(
            &rules,
            "app/conf.py",
            "ACME_TOKEN = \"acme_k3j9x2m8q7w1z5v0b4n6c8d2\"",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule.as_deref(), Some("gitleaks.acme-api-token"));
        assert!(f[0].severity * f[0].confidence / 10.0 >= 8.5);
        assert!(
            !f[0].description.contains("k3j9x2m8"),
            "{}",
            f[0].description
        );
        // Entropy gate, allowlist regex, stopword, global path allowlist.
        for (path, text) in [
            ("app/conf.py", "acme_token = acme_aaaaaaaaaaaaaaaaaaaaaaaa"),
            ("app/conf.py", "acme_token = acme_000000000000000000000000"),
            ("app/conf.py", "acme_token = acme_example1234567890abcdef"),
            (
                "fixtures/conf.py",
                "acme_token = acme_k3j9x2m8q7w1z5v0b4n6c8d2",
            ),
        ] {
            assert!(found(&rules, path, text).is_empty(), "{path}: {text}");
        }
        // The path limit, and a rule without keywords or entropy reports lower.
        assert!(found(&rules, "app/conf.py", "k = ik-0123456789abcdef").is_empty());
        let f = found(&rules, "deploy/.env", "K=ik-0123456789abcdef");
        assert_eq!(f.len(), 1);
        assert!(f[0].severity * f[0].confidence / 10.0 < 7.0);
        // Redaction masks the secret group wherever it appears.
        let masked = rules
            .redact_line("x acme_token: acme_k3j9x2m8q7w1z5v0b4n6c8d2 y")
            .unwrap();
        assert_eq!(masked, "x acme_token: **** y");
    }

    #[test]
    fn and_condition_needs_every_criterion() {
        let rules = parse(
            r#"
[[rules]]
id = "t"
regex = '''tok_([a-z0-9]{12})'''
keywords = ["tok_"]
[rules.allowlist]
condition = "AND"
paths = ['''^docs/''']
regexes = ['''^demo''']
"#,
        )
        .unwrap();
        assert!(found(&rules, "docs/a.py", "tok_demo12345678").is_empty());
        assert_eq!(found(&rules, "src/a.py", "tok_demo12345678").len(), 1);
        assert_eq!(found(&rules, "docs/a.py", "tok_q8z2l0v7t9x1").len(), 1);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let cases = [
            (
                "[[rules]]\nid = \"a\"\nregex = '''(unclosed'''\n",
                3,
                "rule \"a\" regex",
            ),
            (
                "[[rules]]\nid = \"a\"\nregex = 'x'\nsecretgroup = 1\n",
                4,
                "unknown field",
            ),
            (
                "[[rules]]\nid = \"a\"\nregex = 'x'\nsecretGroup = 2\n",
                4,
                "has 0 group",
            ),
            ("[[rules]]\nid = \"a\"\n", 2, "neither regex nor path"),
            ("[[rules]]\nid = \"a b\"\nregex = 'x'\n", 2, "rule id"),
            ("title = \n", 1, ""),
            (
                "[extend]\ndisabledRules = [\"generic-api-key\"]\n",
                2,
                "disabledRules",
            ),
            (
                "[[rules]]\nid = \"a\"\nregex = 'x'\n[rules.allowlist]\nregexTarget = \"all\"\n",
                5,
                "regexTarget",
            ),
        ];
        for (text, line, needle) in cases {
            let e = parse(text).unwrap_err();
            let ConfigError::Parse {
                line: l, message, ..
            } = &e
            else {
                panic!("{e:?}");
            };
            assert_eq!(*l, line, "{text}: {e}");
            assert!(message.contains(needle), "{text}: {message}");
            assert!(e.to_string().contains("repo/.gitleaks.toml:"), "{e}");
        }
    }

    #[test]
    fn regexes_are_bounded() {
        let text = "[[rules]]\nid = \"big\"\nregex = '''(?:[a-z]{1,1000}){1,1000}'''\n";
        let e = parse(text).unwrap_err().to_string();
        assert!(
            e.contains(":3:") && e.contains("compiles to more than"),
            "{e}"
        );
        let many: String = (0..=MAX_RULES)
            .map(|i| format!("[[rules]]\nid = \"r{i}\"\nregex = 'x{i}'\n"))
            .collect();
        assert!(
            parse(&many)
                .unwrap_err()
                .to_string()
                .contains("more than 500 rules")
        );
        let words: String = (0..600).map(|i| format!("'w{i}',")).collect();
        let lists: String = (0..2)
            .map(|_| format!("[[allowlists]]\nregexes = [{words}]\n"))
            .collect();
        let text = format!("[[rules]]\nid = \"a\"\nregex = 'x'\n{lists}");
        let e = parse(&text).unwrap_err().to_string();
        assert!(e.contains("more than 1000 regexes"), "{e}");
    }

    #[test]
    fn go_syntax_is_translated() {
        assert_eq!(translate_re2(r"\Qa.b\E+"), r"a\.b+");
        assert_eq!(translate_re2(r"a{,3}"), r"a\{,3}");
        assert_eq!(translate_re2(r"\Cx"), r"(?s-u:.)x");
        assert_eq!(translate_re2(r"(?i)\bkey\b"), r"(?i)(?-u:\b)key(?-u:\b)");
        assert_eq!(translate_re2(r"[\w.-]\d"), r"[0-9A-Za-z_.-](?-u:\d)");
        assert_eq!(translate_re2(r"[[:alpha:]\s]"), r"[[:alpha:]\t\n\x0C\r ]");
        assert_eq!(translate_re2(r"[]a]"), r"[\]a]");
        assert_eq!(translate_re2(r"[a[b]"), r"[a\[b]");
        // gitleaks' own generic rule: a Unicode `\w` under repetitions would not fit the limit.
        let generic = r#"(?i)[\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})(?:[\x60'"\s;]|\\[nr]|$)"#;
        let doc = format!(
            "[[rules]]\nid = \"generic-api-key\"\nregex = '''{generic}'''\nentropy = 3.5\n"
        );
        let rules = parse(&doc).unwrap();
        assert_eq!(
            found(&rules, "a.py", "api_token = \"k3j9x2m8q7w1z5v0\"").len(),
            1
        );
        let rules = parse("[[rules]]\nid = \"q\"\nregex = '''\\Qk.v\\E=(\\d{4})'''\n").unwrap();
        assert_eq!(found(&rules, "a", "k.v=1234").len(), 1);
        assert!(found(&rules, "a", "kxv=1234").is_empty());
    }
}
