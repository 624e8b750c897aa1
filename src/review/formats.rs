//! Reading reviewer answers: `wfc-json`, SARIF 2.1.0, reviewdog's rdjson, and `llm-text`.
//!
//! An answer that cannot be read is an error (the reviewer is recorded as failed and the review is
//! incomplete), never "no findings": an empty answer must not pass a review. A severity or
//! confidence that is not a finite number (`"NaN"`, `"inf"`, `"1e400"`, `1e400`) is such an error,
//! never a zero.
//!
//! Answers are bounded (DESIGN.md "Bounded everything"): findings are read one at a time into a
//! [`Collector`] that keeps the `max_findings` most severe ones (so a flood of trivia cannot push
//! the one that matters out) and cuts every text field to [`MAX_TEXT`] bytes; memory stays within
//! a small multiple of the answer, whatever it holds.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::finding::Finding;
use crate::config::ReviewerFormat;

/// Most bytes kept of one text field of a finding (description, remediation, file, ...).
pub const MAX_TEXT: usize = 4096;
/// `review.max_findings` when the config says nothing.
pub use crate::config::DEFAULT_MAX_FINDINGS;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormatError {
    #[error("the reviewer answered nothing")]
    Empty,
    #[error("the answer is not JSON: {0}")]
    NotJson(String),
    #[error("the answer has the wrong shape: {0}")]
    Shape(String),
    #[error("`{field}` is not a finite number: {value}")]
    NotFinite { field: String, value: String },
}

/// How much of an answer is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_findings: usize,
    pub max_text: usize,
}

impl Limits {
    /// How much of a reviewer's answer `[review]` keeps.
    pub fn of(cfg: &crate::config::ReviewConfig) -> Limits {
        Limits {
            max_findings: cfg.max_findings,
            ..Default::default()
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_findings: DEFAULT_MAX_FINDINGS,
            max_text: MAX_TEXT,
        }
    }
}

/// What a reviewer said besides its findings (llm-text), and what was cut.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub findings: Vec<Finding>,
    pub summary: Option<String>,
    pub score: Option<f64>,
    /// How many findings the answer held (`findings` keeps at most `max_findings` of them).
    pub total: usize,
    /// How many text fields of the kept findings (and the summary) were cut to `max_text`.
    pub cut_fields: usize,
}

impl Answer {
    /// A line saying what was cut, for the reviewer's outcome; `None` when nothing was.
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.total > self.findings.len() {
            parts.push(format!(
                "kept the {} most severe of {} findings (review.max_findings)",
                self.findings.len(),
                self.total
            ));
        }
        if self.cut_fields > 0 {
            parts.push(format!(
                "{} text field{} cut to {} KiB",
                self.cut_fields,
                if self.cut_fields == 1 { "" } else { "s" },
                MAX_TEXT / 1024
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Parses `text` in `format` with the default [`Limits`].
pub fn parse(
    format: ReviewerFormat,
    text: &str,
    default_category: &str,
    root: &Path,
) -> Result<Answer, FormatError> {
    parse_with(format, text, default_category, root, Limits::default())
}

/// Parses `text` in `format`, keeping what `limits` allow. `root` turns absolute paths and
/// `file://` URIs into repository-relative ones.
pub fn parse_with(
    format: ReviewerFormat,
    text: &str,
    default_category: &str,
    root: &Path,
    limits: Limits,
) -> Result<Answer, FormatError> {
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let mut c = Collector::new(limits);
    match format {
        ReviewerFormat::WfcJson => {
            stream(text, &mut c, Top::Findings, &|v| {
                finding_object(v, default_category, root)
            })?;
        }
        ReviewerFormat::Sarif => sarif(text, &mut c, default_category, root)?,
        ReviewerFormat::Rdjson => rdjson(text, &mut c, default_category, root)?,
        ReviewerFormat::LlmText => return llm_text(text, c, default_category, root),
    }
    Ok(c.finish())
}

/// Cuts `s` to at most `max` bytes on a char boundary, marking the cut; whether it cut.
fn cut(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mark = "…";
    let mut at = max.saturating_sub(mark.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    s.truncate(at);
    s.push_str(mark);
    true
}

fn cut_finding(f: &mut Finding, max: usize) -> usize {
    let mut n = 0;
    for s in [&mut f.category, &mut f.description, &mut f.remediation] {
        n += usize::from(cut(s, max));
    }
    for s in [&mut f.file, &mut f.rule].into_iter().flatten() {
        n += usize::from(cut(s, max));
    }
    n
}

/// A kept finding, ordered so that the heap's top is the first to drop: the least severe, and
/// of equals the latest.
struct Ranked {
    rank: f64,
    index: usize,
    cut: usize,
    finding: Finding,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .rank
            .total_cmp(&self.rank)
            .then(self.index.cmp(&other.index))
    }
}

/// Takes findings one at a time and keeps the `max_findings` most severe, cut to size.
pub struct Collector {
    limits: Limits,
    kept: BinaryHeap<Ranked>,
    total: usize,
    /// Set when a finding was refused inside a streaming parse (serde's error cannot carry it).
    failed: Option<FormatError>,
}

impl Collector {
    pub fn new(limits: Limits) -> Collector {
        Collector {
            limits,
            kept: BinaryHeap::new(),
            total: 0,
            failed: None,
        }
    }

    pub fn push(&mut self, mut f: Finding) {
        let index = self.total;
        self.total += 1;
        if self.limits.max_findings == 0 {
            return;
        }
        let rank = f.severity * f.confidence;
        if self.kept.len() >= self.limits.max_findings
            && let Some(worst) = self.kept.peek()
            && (worst.rank.total_cmp(&rank).then(index.cmp(&worst.index))) != Ordering::Less
        {
            // Not better than the least severe kept one.
            return;
        }
        let cut = cut_finding(&mut f, self.limits.max_text);
        self.kept.push(Ranked {
            rank,
            index,
            cut,
            finding: f,
        });
        if self.kept.len() > self.limits.max_findings {
            self.kept.pop();
        }
    }

    /// The kept findings in answer order.
    pub fn finish(self) -> Answer {
        let mut kept = self.kept.into_vec();
        kept.sort_by_key(|r| r.index);
        Answer {
            cut_fields: kept.iter().map(|r| r.cut).sum(),
            findings: kept.into_iter().map(|r| r.finding).collect(),
            total: self.total,
            ..Answer::default()
        }
    }
}

/// Makes `p` repository-relative with `/` separators.
pub fn relative_path(p: &str, root: &Path) -> String {
    let p = p.strip_prefix("file://").unwrap_or(p);
    let root_s = root.to_string_lossy();
    let rel = p
        .strip_prefix(root_s.as_ref())
        .map(|r| r.trim_start_matches('/'))
        .unwrap_or(p);
    rel.trim_start_matches("./").replace('\\', "/")
}

fn num(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A score given as a number or a numeric string; `Err` when it is one but not finite, so that
/// `"NaN"` or `"1e400"` can never read as a zero.
fn finite(v: Option<&Value>, field: &str) -> Result<Option<f64>, FormatError> {
    match num(v) {
        Some(n) if !n.is_finite() => Err(FormatError::NotFinite {
            field: field.to_string(),
            value: v.map(Value::to_string).unwrap_or_default(),
        }),
        other => Ok(other),
    }
}

fn line(v: Option<&Value>) -> Option<u32> {
    num(v)
        .filter(|n| *n >= 1.0 && n.is_finite())
        .map(|n| n as u32)
}

fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// One wfc-json finding object.
fn finding_object(v: &Value, default_category: &str, root: &Path) -> Result<Finding, FormatError> {
    let Value::Object(o) = v else {
        let mut shown = v.to_string();
        cut(&mut shown, 200);
        return Err(FormatError::Shape(format!(
            "a finding must be an object, got {shown}"
        )));
    };
    let mut description = text_of(o.get("description"))
        .or_else(|| text_of(o.get("message")))
        .or_else(|| text_of(o.get("title")))
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| FormatError::Shape("a finding has no description".to_string()))?;
    let severity = finite(o.get("severity"), "severity")?;
    let confidence = finite(o.get("confidence"), "confidence")?.unwrap_or(5.0);
    let Some(severity) = severity else {
        cut(&mut description, 200);
        return Err(FormatError::Shape(format!(
            "finding {description:?} has no numeric severity"
        )));
    };
    let file = text_of(o.get("file"))
        .or_else(|| text_of(o.get("path")))
        .map(|p| relative_path(&p, root))
        .filter(|p| !p.is_empty());
    let line_start = line(o.get("line_start")).or_else(|| line(o.get("line")));
    Ok(Finding {
        file,
        line_start,
        line_end: line(o.get("line_end")),
        category: text_of(o.get("category"))
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| default_category.to_string()),
        severity,
        confidence,
        description,
        remediation: text_of(o.get("remediation"))
            .or_else(|| text_of(o.get("fix")))
            .unwrap_or_default(),
        rule: text_of(o.get("rule")).or_else(|| text_of(o.get("rule_id"))),
    }
    .normalized())
}

/// Which top-level shapes [`stream`] accepts.
#[derive(Clone, Copy)]
enum Top {
    /// wfc-json: an array of findings, or an object with a `findings` array.
    Findings,
    /// rdjson: an object with a `diagnostics` array.
    Diagnostics,
}

impl Top {
    fn key(self) -> &'static str {
        match self {
            Top::Findings => "findings",
            Top::Diagnostics => "diagnostics",
        }
    }
    fn expected(self) -> &'static str {
        match self {
            Top::Findings => "an array of findings or an object with a \"findings\" array",
            Top::Diagnostics => "an object with a \"diagnostics\" array",
        }
    }
}

type Convert<'a> = dyn Fn(&Value) -> Result<Finding, FormatError> + 'a;

/// Reads one JSON document of shape `top` from `text`, converting each element as soon as it is
/// read, so only one element is ever held as a `Value`.
fn stream(
    text: &str,
    c: &mut Collector,
    top: Top,
    convert: &Convert<'_>,
) -> Result<(), FormatError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let found = TopSeed { c, top, convert }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found));
    match found {
        Ok(true) => Ok(()),
        Ok(false) => Err(FormatError::Shape(format!("expected {}", top.expected()))),
        Err(e) => Err(c.failed.take().unwrap_or_else(|| json_error(text, &e))),
    }
}

/// A serde_json error as a [`FormatError`]; a number out of f64's range names its field.
fn json_error(text: &str, e: &serde_json::Error) -> FormatError {
    if e.to_string().starts_with("number out of range") {
        return FormatError::NotFinite {
            field: key_before(text, e.line(), e.column()).unwrap_or_else(|| "a number".into()),
            value: format!("out of range at line {} column {}", e.line(), e.column()),
        };
    }
    match e.classify() {
        serde_json::error::Category::Data => FormatError::Shape(e.to_string()),
        _ => FormatError::NotJson(e.to_string()),
    }
}

/// The object key whose value sits at `line`:`column` of `text` (1-based), when there is one.
fn key_before(text: &str, line: usize, column: usize) -> Option<String> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = text[..at].trim_end_matches(|c: char| c != ':');
    let before = before.strip_suffix(':')?.trim_end();
    let key = before.strip_suffix('"')?;
    let open = key.rfind('"')?;
    let k = &key[open + 1..];
    (k.len() <= 64).then(|| k.to_string())
}

struct TopSeed<'c, 'f> {
    c: &'c mut Collector,
    top: Top,
    convert: &'c Convert<'f>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    /// Whether the findings array was there.
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.top.expected())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        match self.top {
            Top::Findings => Items {
                c: self.c,
                convert: self.convert,
            }
            .visit_seq(seq)
            .map(|()| true),
            Top::Diagnostics => {
                let mut seq = seq;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(false)
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.top.key() && !found {
                map.next_value_seed(Items {
                    c: self.c,
                    convert: self.convert,
                })?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// An array whose elements become findings.
struct Items<'c, 'f> {
    c: &'c mut Collector,
    convert: &'c Convert<'f>,
}

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            match (self.convert)(&v) {
                Ok(f) => self.c.push(f),
                Err(e) => {
                    let msg = e.to_string();
                    self.c.failed = Some(e);
                    return Err(de::Error::custom(msg));
                }
            }
        }
        Ok(())
    }
}

fn sarif_level_severity(level: Option<&str>) -> f64 {
    match level {
        Some("error") => 8.0,
        Some("note") => 3.0,
        Some("none") => 1.0,
        _ => 5.0,
    }
}

/// What a SARIF run says about all its results: its rules and its `%SRCROOT%`.
#[derive(Default)]
struct RunInfo {
    rules: Vec<Value>,
    base: Option<String>,
}

/// SARIF in two streaming passes: first every run's rules and base (skipping the results), then
/// the results one at a time. Two passes, because a run may list its results before its tool.
fn sarif(
    text: &str,
    c: &mut Collector,
    default_category: &str,
    root: &Path,
) -> Result<(), FormatError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let infos = SarifLog { pass: None }
        .deserialize(&mut de)
        .and_then(|r| de.end().map(|()| r))
        .map_err(|e| json_error(text, &e))?;
    let Some(infos) = infos else {
        return Err(FormatError::Shape(
            "a SARIF log needs a \"runs\" array".into(),
        ));
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let pass = Pass2 {
        c,
        infos: &infos,
        default_category,
        root,
    };
    match (SarifLog { pass: Some(pass) }).deserialize(&mut de) {
        Ok(_) => Ok(()),
        // A refused result is carried by the collector, not by serde's error.
        Err(e) => Err(c.failed.take().unwrap_or_else(|| json_error(text, &e))),
    }
}

struct Pass2<'a> {
    c: &'a mut Collector,
    infos: &'a [RunInfo],
    default_category: &'a str,
    root: &'a Path,
}

/// The log: `{"runs": [...]}`. Pass 1 (`pass: None`) returns each run's [`RunInfo`]; pass 2 feeds
/// the collector. `None` when there is no `runs` array.
struct SarifLog<'a> {
    pass: Option<Pass2<'a>>,
}

impl<'de> DeserializeSeed<'de> for SarifLog<'_> {
    type Value = Option<Vec<RunInfo>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SarifLog<'_> {
    type Value = Option<Vec<RunInfo>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SARIF log object")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = None;
        while let Some(k) = map.next_key::<String>()? {
            if k == "runs" && out.is_none() {
                out = Some(map.next_value_seed(Runs {
                    pass: self.pass.take(),
                })?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

struct Runs<'a> {
    pass: Option<Pass2<'a>>,
}

impl<'de> DeserializeSeed<'de> for Runs<'_> {
    type Value = Vec<RunInfo>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Runs<'_> {
    type Value = Vec<RunInfo>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a \"runs\" array")
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut infos = Vec::new();
        let mut index = 0;
        loop {
            let got = match self.pass.as_mut() {
                None => seq.next_element_seed(Run1)?.map(|i| infos.push(i)),
                Some(p) => {
                    let info = p.infos.get(index);
                    seq.next_element_seed(Run2 { pass: p, info })?
                }
            };
            if got.is_none() {
                break;
            }
            index += 1;
        }
        Ok(infos)
    }
}

/// Pass 1 over one run: its rules and base, results skipped.
struct Run1;

impl<'de> DeserializeSeed<'de> for Run1 {
    type Value = RunInfo;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RunInfo, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Run1 {
    type Value = RunInfo;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SARIF run object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RunInfo, A::Error> {
        let mut info = RunInfo::default();
        while let Some(k) = map.next_key::<String>()? {
            match k.as_str() {
                "tool" => {
                    let tool: Value = map.next_value()?;
                    if let Some(Value::Array(rules)) = tool.pointer("/driver/rules").cloned() {
                        info.rules = rules;
                    }
                }
                "originalUriBaseIds" => {
                    let b: Value = map.next_value()?;
                    info.base = b
                        .get("%SRCROOT%")
                        .and_then(|b| b.get("uri"))
                        .and_then(Value::as_str)
                        .map(|s| s.strip_prefix("file://").unwrap_or(s).to_string());
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(info)
    }
}

/// Pass 2 over one run: its results into the collector.
struct Run2<'p, 'a> {
    pass: &'p mut Pass2<'a>,
    info: Option<&'a RunInfo>,
}

impl<'de> DeserializeSeed<'de> for Run2<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Run2<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SARIF run object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let empty = RunInfo::default();
        let info = self.info.unwrap_or(&empty);
        let (category, root) = (self.pass.default_category, self.pass.root);
        let convert = |r: &Value| sarif_result(r, info, category, root);
        let mut seen = false;
        while let Some(k) = map.next_key::<String>()? {
            if k == "results" && !seen {
                seen = true;
                map.next_value_seed(Items {
                    c: self.pass.c,
                    convert: &convert,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

fn sarif_result(
    r: &Value,
    info: &RunInfo,
    default_category: &str,
    root: &Path,
) -> Result<Finding, FormatError> {
    let rules = &info.rules;
    let rule_id = r.get("ruleId").and_then(Value::as_str).map(str::to_string);
    let rule = rule_id
        .as_deref()
        .and_then(|id| {
            rules
                .iter()
                .find(|x| x.get("id").and_then(Value::as_str) == Some(id))
        })
        .or_else(|| {
            r.get("ruleIndex")
                .and_then(Value::as_u64)
                .and_then(|i| rules.get(i as usize))
        });
    let level = r.get("level").and_then(Value::as_str).or_else(|| {
        rule.and_then(|x| x.pointer("/defaultConfiguration/level"))
            .and_then(Value::as_str)
    });
    // GitHub's convention: properties.security-severity is a CVSS-like 0-10 score.
    let from_rule = match rule {
        Some(x) => finite(
            x.pointer("/properties/security-severity"),
            "security-severity",
        )?,
        None => None,
    };
    let from_result = finite(
        r.pointer("/properties/security-severity"),
        "security-severity",
    )?;
    let severity = from_rule
        .or(from_result)
        .unwrap_or_else(|| sarif_level_severity(level));
    let confidence = match r
        .pointer("/properties/confidence")
        .or_else(|| r.pointer("/properties/issue_confidence"))
        .or_else(|| rule.and_then(|x| x.pointer("/properties/confidence")))
        .or_else(|| rule.and_then(|x| x.pointer("/properties/precision")))
    {
        Some(Value::String(s)) if s.trim().parse::<f64>().is_err() => {
            match s.to_ascii_lowercase().as_str() {
                "very-high" => 9.0,
                "high" => 8.0,
                "medium" => 6.0,
                "low" => 4.0,
                _ => 7.0,
            }
        }
        Some(v) => finite(Some(v), "confidence")?
            .map(|n| if n <= 1.0 { n * 10.0 } else { n })
            .unwrap_or(7.0),
        None => 7.0,
    };
    let message = r
        .pointer("/message/text")
        .and_then(Value::as_str)
        .or_else(|| r.pointer("/message/markdown").and_then(Value::as_str))
        .or_else(|| {
            rule.and_then(|x| x.pointer("/shortDescription/text"))
                .and_then(Value::as_str)
        })
        .unwrap_or("")
        .to_string();
    if message.trim().is_empty() && rule_id.is_none() {
        return Err(FormatError::Shape(
            "a SARIF result has no message and no ruleId".into(),
        ));
    }
    let loc = r.pointer("/locations/0/physicalLocation");
    let uri = loc
        .and_then(|l| l.pointer("/artifactLocation/uri"))
        .and_then(Value::as_str)
        .map(|u| {
            let u = percent_decode(u);
            match &info.base {
                Some(b) if !u.starts_with('/') && !u.starts_with("file://") => {
                    relative_path(&format!("{}/{u}", b.trim_end_matches('/')), root)
                }
                _ => relative_path(&u, root),
            }
        });
    let category = rule
        .and_then(|x| x.pointer("/properties/tags"))
        .and_then(Value::as_array)
        .and_then(|tags| {
            tags.iter().filter_map(Value::as_str).find(|t| {
                crate::config::BUILTIN_REVIEWERS.contains(&t.to_ascii_lowercase().as_str())
            })
        })
        .map(str::to_lowercase)
        .unwrap_or_else(|| default_category.to_string());
    let remediation = rule
        .and_then(|x| x.pointer("/help/text"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    Ok(Finding {
        file: uri.filter(|u| !u.is_empty()),
        line_start: line(loc.and_then(|l| l.pointer("/region/startLine"))),
        line_end: line(loc.and_then(|l| l.pointer("/region/endLine"))),
        category,
        severity,
        confidence,
        description: if message.is_empty() {
            rule_id.clone().unwrap_or_default()
        } else {
            message
        },
        remediation,
        rule: rule_id,
    }
    .normalized())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn rdjson_diag(d: &Value, default_category: &str, root: &Path) -> Result<Finding, FormatError> {
    let message = d
        .get("message")
        .and_then(Value::as_str)
        .filter(|m| !m.trim().is_empty())
        .ok_or_else(|| FormatError::Shape("an rdjson diagnostic has no message".into()))?;
    let severity = match d.get("severity").and_then(Value::as_str) {
        Some("ERROR") => 8.0,
        Some("WARNING") => 5.0,
        Some("INFO") => 3.0,
        _ => 5.0,
    };
    let path = d
        .pointer("/location/path")
        .and_then(Value::as_str)
        .map(|p| relative_path(p, root));
    Ok(Finding {
        file: path.filter(|p| !p.is_empty()),
        line_start: line(d.pointer("/location/range/start/line")),
        line_end: line(d.pointer("/location/range/end/line")),
        category: default_category.to_string(),
        severity,
        confidence: 7.0,
        description: message.to_string(),
        remediation: d
            .pointer("/suggestions/0/text")
            .and_then(Value::as_str)
            .map(|t| format!("suggested: {t}"))
            .unwrap_or_default(),
        rule: d
            .pointer("/code/value")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
    .normalized())
}

/// rdjson (`{"diagnostics": [...]}`) or rdjsonl (one diagnostic per line).
fn rdjson(
    text: &str,
    c: &mut Collector,
    default_category: &str,
    root: &Path,
) -> Result<(), FormatError> {
    let convert = |d: &Value| rdjson_diag(d, default_category, root);
    match stream(text, c, Top::Diagnostics, &convert) {
        // Not one JSON document: read it as rdjsonl.
        Err(FormatError::NotJson(_)) => {}
        other => return other,
    }
    *c = Collector::new(c.limits);
    for l in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(l).map_err(|e| json_error(l, &e))?;
        c.push(rdjson_diag(&v, default_category, root)?);
    }
    Ok(())
}

/// Finds the first balanced JSON array in `text` that parses, and reads its findings. Arrays that
/// are not JSON (prose in brackets) are skipped; one that is JSON but not findings is an error.
fn first_json_array(
    text: &str,
    limits: Limits,
    convert: &Convert<'_>,
) -> Result<Option<(Collector, usize)>, FormatError> {
    let bytes = text.as_bytes();
    // Every '[' may start a candidate, and each scan may run to the end: without a budget,
    // 30 MB of unbalanced brackets would take hours. Past it, no array was found.
    let mut budget = text.len().saturating_mul(8).max(1 << 20);
    let mut start = 0;
    while let Some(off) = text[start..].find('[') {
        let s = start + off;
        let mut depth = 0i32;
        let mut in_str = false;
        let mut esc = false;
        for (i, &b) in bytes[s..].iter().enumerate() {
            if budget == 0 {
                return Ok(None);
            }
            budget -= 1;
            if in_str {
                match b {
                    _ if esc => esc = false,
                    b'\\' => esc = true,
                    b'"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_str = true,
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        let candidate = &text[s..=s + i];
                        budget = budget.saturating_sub(2 * candidate.len());
                        let mut c = Collector::new(limits);
                        match stream(candidate, &mut c, Top::Findings, convert) {
                            Ok(()) => return Ok(Some((c, s + i + 1))),
                            Err(FormatError::NotJson(_)) => {}
                            Err(e) => return Err(e),
                        }
                        // Tolerate trailing commas, a common slip in generated JSON.
                        let cleaned = strip_trailing_commas(candidate);
                        let mut c = Collector::new(limits);
                        match stream(&cleaned, &mut c, Top::Findings, convert) {
                            Ok(()) => return Ok(Some((c, s + i + 1))),
                            Err(FormatError::NotJson(_)) => {}
                            Err(e) => return Err(e),
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
        start = s + 1;
    }
    Ok(None)
}

fn strip_trailing_commas(s: &str) -> String {
    // Byte-wise: every byte looked at is ASCII, and UTF-8 never puts one inside a character.
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut in_str = false;
    let mut esc = false;
    for (i, &c) in bytes.iter().enumerate() {
        if in_str {
            out.push(c);
            match c {
                _ if esc => esc = false,
                b'\\' => esc = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        if c == b'"' {
            in_str = true;
        }
        if c == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if matches!(next, Some(b']') | Some(b'}')) {
                continue;
            }
        }
        out.push(c);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A JSON array of findings (possibly in a ``` fence, with prose around it), then optional
/// `SUMMARY:` and `SCORE:` lines.
fn llm_text(
    text: &str,
    c: Collector,
    default_category: &str,
    root: &Path,
) -> Result<Answer, FormatError> {
    let convert = |v: &Value| finding_object(v, default_category, root);
    let Some((c, end)) = first_json_array(text, c.limits, &convert)? else {
        return Err(FormatError::Shape(
            "no JSON array of findings found in the answer".into(),
        ));
    };
    let rest = &text[end..];
    let mut summary = None;
    let mut score = None;
    for l in rest.lines().chain(text[..end].lines()) {
        let t = l.trim().trim_start_matches(['*', '#', ' ']);
        let upper = t.to_ascii_uppercase();
        if summary.is_none() && upper.starts_with("SUMMARY:") {
            summary = Some(t["SUMMARY:".len()..].trim().to_string());
        } else if score.is_none() && upper.starts_with("SCORE:") {
            score = t["SCORE:".len()..]
                .trim()
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .and_then(|n| n.parse::<f64>().ok());
            if let Some(n) = score.filter(|n| !n.is_finite()) {
                return Err(FormatError::NotFinite {
                    field: "SCORE".into(),
                    value: n.to_string(),
                });
            }
        }
    }
    let mut answer = c.finish();
    let mut summary = summary.filter(|s| !s.is_empty());
    if let Some(s) = &mut summary
        && cut(s, MAX_TEXT)
    {
        answer.cut_fields += 1;
    }
    answer.summary = summary;
    answer.score = score;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> &'static Path {
        Path::new("/repo")
    }

    #[test]
    fn wfc_json_array_and_object() {
        let a = parse(
            ReviewerFormat::WfcJson,
            r#"[{"file":"/repo/src/a.rs","line_start":3,"category":"security","severity":9,"confidence":8,"description":"bad","remediation":"fix"}]"#,
            "x",
            root(),
        )
        .unwrap();
        assert_eq!(a.findings[0].file.as_deref(), Some("src/a.rs"));
        assert_eq!(a.findings[0].line_end, Some(3));
        let b = parse(ReviewerFormat::WfcJson, r#"{"findings": []}"#, "x", root()).unwrap();
        assert!(b.findings.is_empty());
    }

    #[test]
    fn garbage_and_empty_are_errors() {
        for (fmt, text) in [
            (ReviewerFormat::WfcJson, ""),
            (ReviewerFormat::WfcJson, "   \n"),
            (ReviewerFormat::WfcJson, "I found nothing"),
            (ReviewerFormat::WfcJson, "{\"ok\": true}"),
            (ReviewerFormat::WfcJson, "[{\"severity\": 3}]"),
            (ReviewerFormat::WfcJson, "[{\"description\": \"x\"}]"),
            (ReviewerFormat::Sarif, "{\"version\": \"2.1.0\"}"),
            (ReviewerFormat::Rdjson, "{}"),
            (ReviewerFormat::LlmText, "Looks good to me!\nSCORE: 10"),
            (ReviewerFormat::LlmText, ""),
        ] {
            assert!(parse(fmt, text, "x", root()).is_err(), "{fmt:?} {text:?}");
        }
    }

    #[test]
    fn llm_text_is_lenient() {
        let text = "Here is my review.\n```json\n[\n  {\"file\": \"a.py\", \"line\": 2, \"severity\": \"7\", \"confidence\": 9, \"description\": \"uses [brackets] in text\",},\n]\n```\nSUMMARY: one problem\nSCORE: 6/10\n";
        let a = parse(ReviewerFormat::LlmText, text, "correctness", root()).unwrap();
        assert_eq!(a.findings.len(), 1);
        assert_eq!(a.findings[0].line_start, Some(2));
        assert_eq!(a.findings[0].severity, 7.0);
        assert_eq!(a.findings[0].category, "correctness");
        assert_eq!(a.summary.as_deref(), Some("one problem"));
        assert_eq!(a.score, Some(6.0));
        let empty = parse(
            ReviewerFormat::LlmText,
            "[]\nSUMMARY: clean\nSCORE: 10",
            "c",
            root(),
        )
        .unwrap();
        assert!(empty.findings.is_empty());
    }

    #[test]
    fn sarif_results() {
        let text = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"bandit","rules":[
            {"id":"B602","properties":{"tags":["security"],"security-severity":"9.1"},"help":{"text":"avoid shell"}}]}},
            "results":[{"ruleId":"B602","level":"error","message":{"text":"subprocess with shell=True"},
            "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///repo/app/x%20y.py"},"region":{"startLine":4,"endLine":5}}}],
            "properties":{"confidence":"HIGH"}},
            {"ruleId":"B101","level":"note","message":{"text":"assert used"},
            "locations":[{"physicalLocation":{"artifactLocation":{"uri":"app/z.py"},"region":{"startLine":1}}}]}]}]}"#;
        let a = parse(ReviewerFormat::Sarif, text, "semgrep", root()).unwrap();
        assert_eq!(a.findings.len(), 2);
        let f = &a.findings[0];
        assert_eq!(f.file.as_deref(), Some("app/x y.py"));
        assert_eq!((f.line_start, f.line_end), (Some(4), Some(5)));
        assert_eq!(f.severity, 9.1);
        assert_eq!(f.confidence, 8.0);
        assert_eq!(f.category, "security");
        assert_eq!(f.rule.as_deref(), Some("B602"));
        assert_eq!(a.findings[1].severity, 3.0);
        assert_eq!(a.findings[1].category, "semgrep");
    }

    #[test]
    fn rdjson_and_rdjsonl() {
        let doc = r#"{"diagnostics":[{"message":"unused","location":{"path":"a.go","range":{"start":{"line":3}}},"severity":"WARNING","code":{"value":"U1000"}}]}"#;
        let a = parse(ReviewerFormat::Rdjson, doc, "lint", root()).unwrap();
        assert_eq!(a.findings[0].rule.as_deref(), Some("U1000"));
        assert_eq!(a.findings[0].severity, 5.0);
        let lines = "{\"message\":\"a\",\"location\":{\"path\":\"x\"},\"severity\":\"ERROR\"}\n{\"message\":\"b\",\"location\":{\"path\":\"y\"}}\n";
        let b = parse(ReviewerFormat::Rdjson, lines, "lint", root()).unwrap();
        assert_eq!(b.findings.len(), 2);
        assert_eq!(b.findings[0].severity, 8.0);
    }

    #[test]
    fn non_finite_scores_are_unreadable_in_every_format() {
        let finding = |sev: &str, conf: &str| {
            format!(r#"[{{"description":"x","severity":{sev},"confidence":{conf}}}]"#)
        };
        let sarif = |sec: &str| {
            format!(
                r#"{{"version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"t","rules":[{{"id":"R1","properties":{{"security-severity":{sec}}}}}]}}}},"results":[{{"ruleId":"R1","message":{{"text":"m"}}}}]}}]}}"#
            )
        };
        let cases = [
            (ReviewerFormat::WfcJson, finding("\"NaN\"", "5"), "severity"),
            (ReviewerFormat::WfcJson, finding("\"inf\"", "5"), "severity"),
            (
                ReviewerFormat::WfcJson,
                finding("\"-inf\"", "5"),
                "severity",
            ),
            (
                ReviewerFormat::WfcJson,
                finding("\"1e400\"", "5"),
                "severity",
            ),
            (ReviewerFormat::WfcJson, finding("1e400", "5"), "severity"),
            (
                ReviewerFormat::WfcJson,
                finding("9", "\"NaN\""),
                "confidence",
            ),
            (
                ReviewerFormat::WfcJson,
                finding("9", "-1e999"),
                "confidence",
            ),
            (ReviewerFormat::LlmText, finding("\"NaN\"", "5"), "severity"),
            (
                ReviewerFormat::LlmText,
                finding("1e400", "5") + "\n[]",
                "severity",
            ),
            (ReviewerFormat::LlmText, "[]\nSCORE: inf".into(), "SCORE"),
            (
                ReviewerFormat::Sarif,
                sarif("\"1e999\""),
                "security-severity",
            ),
            (ReviewerFormat::Sarif, sarif("\"NaN\""), "security-severity"),
            (ReviewerFormat::Sarif, sarif("1e999"), "security-severity"),
            (
                ReviewerFormat::Sarif,
                sarif("\"5\"").replace(
                    r#""message":{"text":"m"}"#,
                    r#""message":{"text":"m"},"properties":{"confidence":"inf"}"#,
                ),
                "confidence",
            ),
        ];
        for (fmt, text, field) in cases {
            let err = parse(fmt, &text, "x", root()).unwrap_err();
            assert!(
                matches!(&err, FormatError::NotFinite { field: f, .. } if f == field),
                "{fmt:?} {text}: {err}"
            );
        }
        // Finite values in strings still read, and are clamped.
        let a = parse(
            ReviewerFormat::WfcJson,
            &finding("\"1e300\"", "\"9\""),
            "x",
            root(),
        )
        .unwrap();
        assert_eq!(a.findings[0].severity, 10.0);
    }

    #[test]
    fn answers_keep_the_most_severe_findings_in_order_and_cut_long_text() {
        let mut items: Vec<String> = (0..50)
            .map(|i| format!(r#"{{"description":"minor {i}","severity":2,"confidence":5}}"#))
            .collect();
        items[40] = r#"{"description":"the real one","severity":10,"confidence":10}"#.into();
        let long = "é".repeat(5000);
        items[45] =
            format!(r#"{{"description":"{long}","severity":3,"confidence":5,"file":"{long}"}}"#);
        let text = format!("[{}]", items.join(","));
        let limits = Limits {
            max_findings: 3,
            max_text: MAX_TEXT,
        };
        let a = parse_with(ReviewerFormat::WfcJson, &text, "x", root(), limits).unwrap();
        let kept: Vec<&str> = a.findings.iter().map(|f| &f.description[..6]).collect();
        // The two most severe, then of the equal rest the first.
        assert_eq!(a.findings.len(), 3);
        assert_eq!(a.findings[0].description, "minor 0");
        assert_eq!(a.findings[1].description, "the real one", "{kept:?}");
        assert!(a.findings[2].description.len() <= MAX_TEXT);
        assert!(a.findings[2].description.ends_with('…'));
        assert!(a.findings[2].file.as_ref().unwrap().len() <= MAX_TEXT);
        assert_eq!(a.total, 50);
        assert_eq!(a.cut_fields, 2);
        let note = a.note().unwrap();
        assert!(
            note.contains("kept the 3 most severe of 50 findings"),
            "{note}"
        );
        assert!(note.contains("2 text fields cut to 4 KiB"), "{note}");
        // The same bounds hold in the other formats.
        let lines: String = (0..10)
            .map(|i| format!("{{\"message\":\"m{i}\",\"location\":{{\"path\":\"a\"}}}}\n"))
            .collect();
        let r = parse_with(ReviewerFormat::Rdjson, &lines, "x", root(), limits).unwrap();
        assert_eq!((r.findings.len(), r.total), (3, 10));
        let l = parse_with(ReviewerFormat::LlmText, &text, "x", root(), limits).unwrap();
        assert_eq!((l.findings.len(), l.total), (3, 50));
        let results: Vec<String> = (0..10)
            .map(|i| format!(r#"{{"ruleId":"R","message":{{"text":"m{i}"}}}}"#))
            .collect();
        // Results before the tool: the rules still apply.
        let sarif = format!(
            r#"{{"runs":[{{"results":[{}],"tool":{{"driver":{{"rules":[{{"id":"R","properties":{{"security-severity":"9.5"}}}}]}}}}}}]}}"#,
            results.join(",")
        );
        let s = parse_with(ReviewerFormat::Sarif, &sarif, "x", root(), limits).unwrap();
        assert_eq!((s.findings.len(), s.total), (3, 10));
        assert_eq!(s.findings[0].severity, 9.5);
        assert!(
            parse(ReviewerFormat::WfcJson, "[]", "x", root())
                .unwrap()
                .note()
                .is_none()
        );
    }

    #[test]
    fn cut_keeps_char_boundaries() {
        let mut s = "aé".repeat(3000);
        assert!(cut(&mut s, 4096));
        assert!(s.len() <= 4096 && s.ends_with('…'));
        let mut short = "abc".to_string();
        assert!(!cut(&mut short, 4096));
        assert_eq!(short, "abc");
    }

    #[test]
    fn llm_text_search_for_an_array_is_bounded() {
        for text in [
            "[".repeat(2_000_000),
            "[ [a] ".repeat(400_000),
            format!("{}x", "[1,".repeat(500_000)),
        ] {
            let start = std::time::Instant::now();
            assert!(parse(ReviewerFormat::LlmText, &text, "x", root()).is_err());
            assert!(start.elapsed() < std::time::Duration::from_secs(60));
        }
    }
}
