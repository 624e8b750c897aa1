//! The five built-in reviewers (DESIGN.md "Review" step 2): deterministic rules over the added
//! lines of a change, precise enough for a pre-commit hook.
//!
//! Every rule has a stable id, a category, a severity and a confidence, a message and a
//! remediation, and the language families it applies to. A `wfc:allow <rule-id>` comment on a
//! line silences that rule on that line; `gitleaks:allow` and `pragma: allowlist secret` silence
//! every credential finding of the line. Credentials are masked in every description, and
//! [`redact_secrets`] masks them in any other text (diffs sent to external reviewers, reports).
//! A repository's `.gitleaks.toml` adds credential rules to the security reviewer
//! ([`CustomRules`], installed per process with [`install_custom_rules`]).

mod correctness;
mod engine;
mod gitleaks;
mod keywords;
mod lang;
mod lexer;
mod maintainability;
mod performance;
mod pyexpr;
mod reliability;
mod rule;
mod secrets;
mod security;
mod vendors;

use std::sync::{Arc, LazyLock, RwLock};
use std::time::{Duration, Instant};

pub use gitleaks::{
    CustomRules, MAX_BYTES as CUSTOM_RULES_MAX_BYTES, config_path as gitleaks_config_path,
    config_rel as gitleaks_config_rel,
};
pub use lang::{
    Lang, Langs, is_example_or_console_path, is_generated_path, is_rust_mod_line, is_rust_test_cfg,
    is_rust_test_mod_context, is_script_path, is_test_path,
};
pub use rule::{Check, FileView, Grade, Hit, Rule, Scope};
pub use secrets::entropy;

use self::engine::{Compiled, Firing, LineKeywords};
use self::keywords::Keywords;
use crate::review::change::FileStatus;
use crate::review::{Change, FileChange, Finding};

pub use crate::reviewers::Builtin;

/// The language families a built-in reviewer always runs on. Beyond them it runs on a file only
/// when one of its rules that applies to every file (credentials, conflict markers) fires.
pub fn home_langs(b: Builtin) -> Langs {
    match b {
        Builtin::Security => Langs::PROGRAMS
            .or(Langs::SH)
            .or(Langs::SQL)
            .or(Langs::CONFIG),
        Builtin::Correctness | Builtin::Performance => Langs::PROGRAMS,
        Builtin::Reliability => Langs::PROGRAMS.or(Langs::SH),
        Builtin::Maintainability => Langs::ANY,
    }
}

/// The security reviewer's rules: every credential rule, strongest first (on one line only the
/// first credential rule that fires counts, so a vendor format outranks a generic assignment),
/// then the other security rules.
static SECURITY_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    // The written order of secrets.rs (a special case such as a Firebase web key before the
    // Google API key it looks like), then the vendor formats strongest first (stable: equal
    // weights keep their written order), then the generic assignments, which any format beats.
    // The order is worked out on references, and each rule copied once, into its place.
    let mut vendor: Vec<&Rule> = vendors::RULES.iter().collect();
    vendor.sort_by(|a, b| b.risk().total_cmp(&a.risk()));
    let specific = secrets::RULES.iter().filter(|r| !secrets::is_generic(r.id));
    let generic = secrets::RULES.iter().filter(|r| secrets::is_generic(r.id));
    let mut credentials =
        Vec::with_capacity(secrets::RULES.len() + vendors::RULES.len() + security::RULES.len());
    credentials.extend(
        specific
            .chain(vendor)
            .chain(generic)
            .chain(security::RULES)
            .copied(),
    );
    credentials
});

/// The rules of a reviewer, in the order they are tried.
pub fn rules(b: Builtin) -> &'static [Rule] {
    match b {
        Builtin::Security => &SECURITY_RULES,
        Builtin::Correctness => correctness::RULES,
        Builtin::Performance => performance::RULES,
        Builtin::Maintainability => maintainability::RULES,
        Builtin::Reliability => reliability::RULES,
    }
}

/// Every rule with the reviewer that owns it.
pub fn all_rules() -> impl Iterator<Item = (Builtin, &'static Rule)> {
    Builtin::ALL
        .into_iter()
        .flat_map(|b| rules(b).iter().map(move |r| (b, r)))
}

/// The keywords of every built-in rule, searched in one pass per file for all reviewers.
static KEYWORDS: LazyLock<Keywords> =
    LazyLock::new(|| Keywords::new(all_rules().flat_map(|(_, r)| r.keywords.iter().copied())));

static COMPILED: [LazyLock<Compiled>; 5] = [
    LazyLock::new(|| Compiled::new(rules(Builtin::Security), &KEYWORDS)),
    LazyLock::new(|| Compiled::new(rules(Builtin::Correctness), &KEYWORDS)),
    LazyLock::new(|| Compiled::new(rules(Builtin::Performance), &KEYWORDS)),
    LazyLock::new(|| Compiled::new(rules(Builtin::Maintainability), &KEYWORDS)),
    LazyLock::new(|| Compiled::new(rules(Builtin::Reliability), &KEYWORDS)),
];

/// The repository's extra credential rules (`.gitleaks.toml`) for this process: the security
/// reviewer runs them, and [`redact_secrets`] masks what they match in every output.
static CUSTOM: RwLock<Option<Arc<CustomRules>>> = RwLock::new(None);

/// Installs (or, with `None`, removes) the extra credential rules of the repository under
/// review. A command reviews one repository, so one set per process.
pub fn install_custom_rules(rules: Option<Arc<CustomRules>>) {
    *CUSTOM.write().unwrap_or_else(|e| e.into_inner()) = rules;
}

fn custom_rules() -> Option<Arc<CustomRules>> {
    CUSTOM.read().unwrap_or_else(|e| e.into_inner()).clone()
}

fn compiled(b: Builtin) -> &'static Compiled {
    &COMPILED[b as usize]
}

fn view_of(file: &FileChange) -> FileView<'_> {
    let lines = file
        .added
        .iter()
        .map(|a| a.text.strip_suffix('\r').unwrap_or(&a.text))
        .collect();
    let numbers = file.added.iter().map(|a| a.line).collect();
    FileView::new(&file.path, lines, numbers).with_test_module_from(file.test_module_from)
}

/// Whether the reviewer has anything to look at in this change: a file of one of its home
/// languages, or (for rules that apply to every file) a line that one of them reports.
/// Maintainability is always relevant.
pub fn is_relevant(b: Builtin, change: &Change) -> bool {
    if b == Builtin::Maintainability {
        return true;
    }
    let home = home_langs(b);
    change.files.iter().any(|f| {
        (!f.binary && home.contains(Lang::of_path(&f.path))) || !review_file(b, f).is_empty()
    })
}

/// One reviewer on one file of a change: whether the file makes the reviewer relevant (as
/// [`is_relevant`] decides for the whole change), and what it finds in the file: its path rules
/// (binary files too) and its added lines.
/// A reviewer's findings on a change are its findings on each file, in order.
pub fn review_one(b: Builtin, file: &FileChange) -> (bool, Vec<Finding>) {
    let (relevant, findings, _) = review_many(&[b], file).pop().expect("one reviewer");
    (relevant, findings)
}

/// [`review_one`] for several reviewers on one file, in order, with the time each took: the
/// file's lines are read and searched for keywords once for all of them (that time is shared
/// among them equally).
pub fn review_many(bs: &[Builtin], file: &FileChange) -> Vec<(bool, Vec<Finding>, Duration)> {
    let start = Instant::now();
    let view = view_of(file);
    let hits = file_keywords(file, &view);
    many(bs, file, &view, hits, start)
}

/// The lines of a text exactly as `str::lines` gives them (a `\r` before each `\n` dropped),
/// found with a vectorised byte search.
pub fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        let line = &text[start..end];
        out.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < bytes.len() {
        // The last line, without a newline: its `\r` stays, as `str::lines` leaves it.
        out.push(&text[start..]);
    }
    out
}

/// [`review_many`] on a new file given as its text and its lines (`split_lines(text)`, which
/// must be parts of `text`), every line added (`file.added` is not read): the same findings as
/// on `FileChange::whole_file`.
pub fn review_lines(
    bs: &[Builtin],
    file: &FileChange,
    text: &str,
    lines: &[&str],
) -> Vec<(bool, Vec<Finding>, Duration)> {
    let start = Instant::now();
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let numbers = (1..=lines.len() as u32).collect();
    let view = FileView::new(&file.path, lines, numbers)
        .with_test_module_from(file.test_module_from)
        .with_text(text);
    let hits = if file.binary || view.lines.is_empty() {
        LineKeywords::default()
    } else {
        engine::text_keywords(&KEYWORDS, text, &view)
    };
    many(bs, file, &view, hits, start)
}

fn many(
    bs: &[Builtin],
    file: &FileChange,
    view: &FileView<'_>,
    hits: LineKeywords,
    start: Instant,
) -> Vec<(bool, Vec<Finding>, Duration)> {
    let shared = start.elapsed() / bs.len().max(1) as u32;
    bs.iter()
        .map(|&b| {
            let start = Instant::now();
            let findings = review_view(b, file, view, &hits);
            let relevant = b == Builtin::Maintainability
                || (!file.binary && home_langs(b).contains(Lang::of_path(&file.path)))
                || !findings.is_empty();
            (relevant, findings, shared + start.elapsed())
        })
        .collect()
}

/// The keywords of a file's added lines; none for a file whose lines no rule reads.
fn file_keywords(file: &FileChange, view: &FileView<'_>) -> LineKeywords {
    if file.status == FileStatus::Deleted || file.binary || view.lines.is_empty() {
        return LineKeywords::default();
    }
    engine::line_keywords(&KEYWORDS, view)
}

/// Runs one reviewer over the added lines of the change, and its path rules over every file
/// the change adds or changes (binary ones too).
pub fn review(b: Builtin, change: &Change) -> Vec<Finding> {
    change
        .files
        .iter()
        .flat_map(|f| review_file(b, f))
        .collect()
}

fn review_file(b: Builtin, file: &FileChange) -> Vec<Finding> {
    let view = view_of(file);
    let hits = file_keywords(file, &view);
    review_view(b, file, &view, &hits)
}

fn review_view(
    b: Builtin,
    file: &FileChange,
    view: &FileView<'_>,
    hits: &LineKeywords,
) -> Vec<Finding> {
    if file.status == FileStatus::Deleted {
        return Vec::new();
    }
    let compiled = compiled(b);
    let mut out: Vec<Finding> = compiled
        .path_rules(view)
        .map(|rule| path_finding(rule, &file.path))
        .collect();
    if file.binary || view.lines.is_empty() {
        return out;
    }
    let mask = compiled.file_mask(view);
    let table = rules(b);
    // The credential finding of the last line that had one: (line, the rule's place in the
    // table, the finding's place in `out`).
    let mut last_secret: Option<(usize, usize, usize)> = None;
    compiled.scan(view, hits, mask, &mut |firing| {
        let hit = firing.hit;
        if engine::allowed(hit.line, firing.rule.id)
            || (firing.rule.secret && engine::secret_marker(hit.line))
        {
            return;
        }
        if firing.rule.secret {
            // One credential finding per line: the rule that comes first in the table (the most
            // specific: a vendor format before a generic assignment) wins, whichever fired first.
            let place = table
                .iter()
                .position(|r| r.id == firing.rule.id)
                .unwrap_or(usize::MAX);
            if let Some((line, best, at)) = last_secret
                && line == hit.idx
            {
                if place < best {
                    out[at] = finding(&firing);
                    last_secret = Some((line, place, at));
                }
                return;
            }
            last_secret = Some((hit.idx, place, out.len()));
        }
        out.push(finding(&firing));
    });
    if b == Builtin::Security
        && let Some(custom) = custom_rules()
    {
        out.extend(custom.scan(view, &|line, id| {
            engine::allowed(line, id) || engine::secret_marker(line)
        }));
    }
    out
}

/// The finding of a rule decided by the path: it names the file (line 1, which every file has
/// in the reviewed tree) and nothing of its content.
fn path_finding(rule: &Rule, path: &str) -> Finding {
    Finding {
        file: Some(path.to_string()),
        line_start: Some(1),
        line_end: Some(1),
        category: rule.category.to_string(),
        severity: rule.severity,
        confidence: rule.confidence,
        description: format!("{}: `{}`", rule.message, path.replace('`', "'")),
        remediation: rule.remediation.to_string(),
        rule: Some(rule.id.to_string()),
    }
}

fn finding(firing: &Firing<'_>) -> Finding {
    let hit = firing.hit;
    if firing.rule.secret {
        let excerpt = match hit.caps.and_then(|c| c.name("s")) {
            Some(s) => {
                let keep = hit
                    .caps
                    .and_then(|c| c.name("p").or_else(|| c.name("p2")))
                    .filter(|p| p.start() == s.start())
                    .map_or(0, |p| p.len());
                let bytes = hit.line.as_bytes();
                let mut text =
                    String::from_utf8_lossy(&bytes[hit.start..s.start() + keep]).into_owned();
                text.push_str("****");
                text.push_str(&String::from_utf8_lossy(&bytes[s.end()..hit.end]));
                text
            }
            None => hit.text().to_string(),
        };
        return engine::finding(firing, &redact_secrets, Some(&redact_secrets(&excerpt)));
    }
    let masked = redact_secrets(hit.line);
    let masked_line = (masked != hit.line).then_some(masked.as_str());
    engine::finding(firing, &redact_secrets, masked_line)
}

/// Masks every credential of a known format, and every entropy-gated generic one, in any text.
/// Known formats keep their recognisable prefix (`AKIA****`, `ghp_****`, `xoxb-****`); private
/// key bodies become `****`. Everything else is left byte for byte.
pub fn redact_secrets(text: &str) -> String {
    let out = secrets::redact(text);
    match custom_rules() {
        Some(custom) if !custom.is_empty() => {
            let mut masked = String::with_capacity(out.len());
            for seg in out.split_inclusive('\n') {
                let body = seg.trim_end_matches(['\n', '\r']);
                match custom.redact_line(body) {
                    Some(m) => {
                        masked.push_str(&m);
                        masked.push_str(&seg[body.len()..]);
                    }
                    None => masked.push_str(seg),
                }
            }
            masked
        }
        _ => out,
    }
}

#[cfg(test)]
mod tests;
