//! The credential corpus of `tests/corpus/secrets.txt`: true cases in every syntax the generic
//! detector knows, AWS secret keys, placeholders, public keys and allow markers, each with the
//! outcome it must have (blocking, found, low, nothing).
//!
//! Self-contained (no harness): `examples/planted_secrets.rs` includes this file to plant the
//! same cases into real source files and measure recall.

use wfc::review::builtin::{self, Builtin};
use wfc::review::{Change, FileChange, Finding};

/// What a case must produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A credential finding with R >= 8.5 (fails a review alone).
    Block,
    /// A credential finding below that.
    Find,
    /// A credential finding with R < 4 (informational).
    Low,
    /// No credential finding.
    None,
}

pub struct Case {
    pub expect: Expect,
    pub label: String,
    pub path: String,
    pub text: String,
    /// 1-based line of the case's header in the corpus file, for messages.
    pub at: usize,
    /// The values the templates were filled with.
    pub values: Vec<String>,
}

/// A small deterministic generator (xorshift64*), so the corpus is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick(&mut self, alphabet: &[u8]) -> u8 {
        alphabet[(self.next() % alphabet.len() as u64) as usize]
    }

    /// `n` characters of `alphabet` in which every class of `classes` occurs.
    fn string(&mut self, n: usize, alphabet: &[u8], classes: &[&[u8]]) -> String {
        loop {
            let s: Vec<u8> = (0..n).map(|_| self.pick(alphabet)).collect();
            let all = classes
                .iter()
                .all(|class| s.iter().any(|b| class.contains(b)));
            let runs = s.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
            if all && !runs {
                return String::from_utf8(s).unwrap();
            }
        }
    }
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGIT: &[u8] = b"0123456789";
const PUNCT: &[u8] = b"!#%&*+-_=^~";

fn alphabet(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// The value of one template, `kind:N` or `kind`; `None` when it is not one.
fn template(inner: &str, rng: &mut Rng) -> Option<String> {
    let (kind, n) = match inner.split_once(':') {
        Some((k, n)) => (k, Some(n.parse::<usize>().ok()?)),
        None => (inner, None),
    };
    Some(match (kind, n) {
        ("pw", Some(n)) => rng.string(
            n,
            &alphabet(&[LOWER, UPPER, DIGIT, PUNCT]),
            &[LOWER, UPPER, DIGIT, PUNCT],
        ),
        ("an", Some(n)) => rng.string(n, &alphabet(&[LOWER, UPPER, DIGIT]), &[LOWER, UPPER, DIGIT]),
        ("b64", Some(n)) => rng.string(
            n,
            &alphabet(&[LOWER, UPPER, DIGIT, b"+/"]),
            &[LOWER, UPPER, DIGIT],
        ),
        ("hex", Some(n)) => rng.string(n, b"0123456789abcdef", &[b"0123456789", b"abcdef"]),
        ("akia", None) => format!(
            "AKIA{}",
            rng.string(16, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", &[UPPER])
        ),
        ("aiza", None) => format!(
            "AIza{}",
            rng.string(
                35,
                &alphabet(&[LOWER, UPPER, DIGIT, b"-_"]),
                &[LOWER, UPPER, DIGIT]
            )
        ),
        _ => return None,
    })
}

/// Fills the `{kind:N}` templates of a line, recording the values.
pub fn fill(line: &str, rng: &mut Rng, values: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open + 1..];
        let inner = tail.find('}').map(|close| &tail[..close]);
        let value = inner.and_then(|inner| template(inner, rng));
        match (inner, value) {
            (Some(inner), Some(v)) => {
                out.push_str(&v);
                values.push(v);
                rest = &tail[inner.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The cases of the corpus file, templates filled.
pub fn cases(corpus: &str, seed: u64) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<Case> = Vec::new();
    for (i, line) in corpus.lines().enumerate() {
        if let Some(head) = line.strip_prefix("== ") {
            let mut parts = head.split_whitespace();
            let expect = match parts.next() {
                Some("block") => Expect::Block,
                Some("find") => Expect::Find,
                Some("low") => Expect::Low,
                Some("none") => Expect::None,
                other => panic!("corpus line {}: unknown expectation {other:?}", i + 1),
            };
            let label = parts.next().expect("label").to_string();
            let path = parts.next().expect("path").to_string();
            out.push(Case {
                expect,
                label,
                path,
                text: String::new(),
                at: i + 1,
                values: Vec::new(),
            });
        } else if line == "#" || line.starts_with("# ") {
            // A comment of the corpus file (case lines never start with `# `).
        } else if let Some(case) = out.last_mut() {
            let filled = fill(line, &mut rng, &mut case.values);
            case.text.push_str(&filled);
            case.text.push('\n');
        }
    }
    for case in &mut out {
        while case.text.ends_with("\n\n") {
            case.text.pop();
        }
    }
    out
}

pub fn corpus_text() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/secrets.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn risk(f: &Finding) -> f64 {
    f.severity * f.confidence / 10.0
}

/// The strongest credential finding of the security reviewer on `text` at `path`, on lines
/// `lines` (1-based, inclusive) of it.
pub fn strongest(path: &str, text: &str, lines: (u32, u32)) -> Option<Finding> {
    let change = Change {
        files: vec![FileChange::whole_file(path, text)],
        diff: String::new(),
    };
    builtin::review(Builtin::Security, &change)
        .into_iter()
        .filter(|f| f.category == "secrets")
        .filter(|f| f.line_start.is_some_and(|l| l >= lines.0 && l <= lines.1))
        .max_by(|a, b| risk(a).total_cmp(&risk(b)))
}

/// Whether a finding meets an expectation.
pub fn meets(expect: Expect, found: Option<&Finding>) -> bool {
    match (expect, found) {
        (Expect::Block, Some(f)) => risk(f) >= 8.5,
        (Expect::Find, Some(f)) => risk(f) < 8.5,
        (Expect::Low, Some(f)) => risk(f) < 4.0,
        (Expect::None, None) => true,
        _ => false,
    }
}

#[test]
fn every_case_has_its_outcome() {
    let corpus = corpus_text();
    let all = cases(&corpus, 13);
    assert!(all.len() >= 80, "{} cases", all.len());
    let mut wrong = Vec::new();
    for seed in [13, 7, 2026] {
        for case in cases(&corpus, seed) {
            let n = case.text.lines().count() as u32;
            let found = strongest(&case.path, &case.text, (1, n));
            if !meets(case.expect, found.as_ref()) {
                wrong.push(format!(
                    "line {} {} ({}) seed {seed}: expected {:?}, got {}\n{}",
                    case.at,
                    case.label,
                    case.path,
                    case.expect,
                    found.map_or("nothing".to_string(), |f| format!(
                        "{} R={:.2}: {}",
                        f.rule.clone().unwrap_or_default(),
                        risk(&f),
                        f.description
                    )),
                    case.text
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn findings_never_show_the_planted_value() {
    for case in cases(&corpus_text(), 13) {
        if case.expect == Expect::None {
            continue;
        }
        let change = Change {
            files: vec![FileChange::whole_file(&case.path, &case.text)],
            diff: String::new(),
        };
        let masked = builtin::redact_secrets(&case.text);
        for value in &case.values {
            assert!(
                !masked.contains(value.as_str()),
                "{} line {}: {masked}",
                case.label,
                case.at
            );
            for f in builtin::review(Builtin::Security, &change) {
                assert!(
                    !f.description.contains(value.as_str()),
                    "{} line {}: {}",
                    case.label,
                    case.at,
                    f.description
                );
            }
        }
    }
}
