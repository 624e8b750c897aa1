//! The five built-in reviewers: deterministic rules over the added lines of a change.

use std::sync::LazyLock;

use regex::Regex;

use super::change::Change;
use super::finding::Finding;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    Security,
    Correctness,
    Performance,
    Maintainability,
    Reliability,
}

impl Builtin {
    pub const ALL: [Builtin; 5] = [
        Builtin::Security,
        Builtin::Correctness,
        Builtin::Performance,
        Builtin::Maintainability,
        Builtin::Reliability,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Builtin::Security => "security",
            Builtin::Correctness => "correctness",
            Builtin::Performance => "performance",
            Builtin::Maintainability => "maintainability",
            Builtin::Reliability => "reliability",
        }
    }

    pub fn from_id(id: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.id() == id)
    }

    pub fn instructions(self) -> &'static str {
        match self {
            Builtin::Security => {
                "Look for committed credentials, injection, unsafe calls and weakened transport security in the added lines."
            }
            Builtin::Correctness => {
                "Look for logic errors, merge-conflict markers and debugging leftovers in the added lines."
            }
            Builtin::Performance => {
                "Look for needless work in hot paths: repeated compilation, quadratic loops, unbounded queries."
            }
            Builtin::Maintainability => {
                "Look for code that will be hard to change: leftovers, unowned TODOs, unclear structure."
            }
            Builtin::Reliability => {
                "Look for swallowed errors, missing timeouts and failure paths that lose data."
            }
        }
    }
}

pub struct Rule {
    pub id: &'static str,
    pub category: &'static str,
    pub severity: f64,
    pub confidence: f64,
    pub message: &'static str,
    pub remediation: &'static str,
    pattern: &'static str,
}

static SECURITY: [Rule; 1] = [Rule {
    id: "sec.aws-access-key",
    category: "secrets",
    severity: 9.5,
    confidence: 9.5,
    message: "AWS access key id committed",
    remediation: "Remove the key, rotate it, and load credentials from the environment.",
    pattern: r"\b(AKIA|ASIA)[0-9A-Z]{16}\b",
}];

static CORRECTNESS: [Rule; 1] = [Rule {
    id: "cor.conflict-marker",
    category: "correctness",
    severity: 8.0,
    confidence: 9.5,
    message: "merge-conflict marker left in the file",
    remediation: "Resolve the conflict and remove the marker lines.",
    pattern: r"^(<{7}|>{7})( |$)",
}];

static NONE: [Rule; 0] = [];

pub fn rules(b: Builtin) -> &'static [Rule] {
    match b {
        Builtin::Security => &SECURITY,
        Builtin::Correctness => &CORRECTNESS,
        _ => &NONE,
    }
}

static COMPILED: LazyLock<Vec<(Builtin, usize, Regex)>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for b in Builtin::ALL {
        for (i, r) in rules(b).iter().enumerate() {
            v.push((b, i, Regex::new(r.pattern).expect("rule pattern compiles")));
        }
    }
    v
});

pub fn is_relevant(b: Builtin, change: &Change) -> bool {
    match b {
        Builtin::Maintainability | Builtin::Security | Builtin::Correctness => {
            !change.files.is_empty()
        }
        _ => change.files.iter().any(|f| !f.extension().is_empty()),
    }
}

pub fn review(b: Builtin, change: &Change) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &change.files {
        for line in &f.added {
            for (rb, i, re) in COMPILED.iter() {
                if *rb != b || !re.is_match(&line.text) {
                    continue;
                }
                let rule = &rules(b)[*i];
                if line.text.contains(&format!("wfc:allow {}", rule.id)) {
                    continue;
                }
                out.push(Finding {
                    file: Some(f.path.clone()),
                    line_start: Some(line.line),
                    line_end: Some(line.line),
                    category: rule.category.to_string(),
                    severity: rule.severity,
                    confidence: rule.confidence,
                    description: rule.message.to_string(),
                    remediation: rule.remediation.to_string(),
                    rule: Some(rule.id.to_string()),
                });
            }
        }
    }
    out
}

static SECRET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:AKIA|ASIA)[0-9A-Z]{2})[0-9A-Z]{14}\b").expect("compiles"));

pub fn redact_secrets(text: &str) -> String {
    SECRET.replace_all(text, "${1}****").into_owned()
}
