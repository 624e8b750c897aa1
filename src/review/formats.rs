//! Reading reviewer answers: `wfc-json`, SARIF 2.1.0, reviewdog's rdjson, and `llm-text`.
//!
//! An answer that cannot be read is an error (the reviewer is recorded as failed and the review is
//! incomplete), never "no findings": an empty answer must not pass a review.

use std::path::Path;

use serde_json::Value;

use super::finding::Finding;
use crate::config::ReviewerFormat;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormatError {
    #[error("the reviewer answered nothing")]
    Empty,
    #[error("the answer is not JSON: {0}")]
    NotJson(String),
    #[error("the answer has the wrong shape: {0}")]
    Shape(String),
}

/// What a reviewer said besides its findings (llm-text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub findings: Vec<Finding>,
    pub summary: Option<String>,
    pub score: Option<f64>,
}

/// Parses `text` in `format`. `root` turns absolute paths and `file://` URIs into
/// repository-relative ones.
pub fn parse(
    format: ReviewerFormat,
    text: &str,
    default_category: &str,
    root: &Path,
) -> Result<Answer, FormatError> {
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let findings = match format {
        ReviewerFormat::WfcJson => {
            let v: Value =
                serde_json::from_str(text).map_err(|e| FormatError::NotJson(e.to_string()))?;
            findings_array(&v, default_category, root)?
        }
        ReviewerFormat::Sarif => sarif(text, default_category, root)?,
        ReviewerFormat::Rdjson => rdjson(text, default_category, root)?,
        ReviewerFormat::LlmText => return llm_text(text, default_category, root),
    };
    Ok(Answer {
        findings,
        ..Answer::default()
    })
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
fn finding_object(v: &Value, default_category: &str, root: &Path) -> Result<Finding, String> {
    let Value::Object(o) = v else {
        return Err(format!("a finding must be an object, got {v}"));
    };
    let description = text_of(o.get("description"))
        .or_else(|| text_of(o.get("message")))
        .or_else(|| text_of(o.get("title")))
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| "a finding has no description".to_string())?;
    let severity = num(o.get("severity"))
        .ok_or_else(|| format!("finding {description:?} has no numeric severity"))?;
    let confidence = num(o.get("confidence")).unwrap_or(5.0);
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

/// An array of findings, or an object with a `findings` array.
fn findings_array(
    v: &Value,
    default_category: &str,
    root: &Path,
) -> Result<Vec<Finding>, FormatError> {
    let arr = match v {
        Value::Array(a) => a,
        Value::Object(o) => match o.get("findings") {
            Some(Value::Array(a)) => a,
            _ => {
                return Err(FormatError::Shape(
                    "expected an array of findings or an object with a \"findings\" array".into(),
                ));
            }
        },
        _ => {
            return Err(FormatError::Shape("expected an array of findings".into()));
        }
    };
    arr.iter()
        .map(|f| finding_object(f, default_category, root).map_err(FormatError::Shape))
        .collect()
}

fn sarif_level_severity(level: Option<&str>) -> f64 {
    match level {
        Some("error") => 8.0,
        Some("note") => 3.0,
        Some("none") => 1.0,
        _ => 5.0,
    }
}

fn sarif(text: &str, default_category: &str, root: &Path) -> Result<Vec<Finding>, FormatError> {
    let v: Value = serde_json::from_str(text).map_err(|e| FormatError::NotJson(e.to_string()))?;
    let runs = v
        .get("runs")
        .and_then(Value::as_array)
        .ok_or_else(|| FormatError::Shape("a SARIF log needs a \"runs\" array".into()))?;
    let mut out = Vec::new();
    for run in runs {
        let rules: Vec<&Value> = run
            .pointer("/tool/driver/rules")
            .and_then(Value::as_array)
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        let base = run
            .get("originalUriBaseIds")
            .and_then(|b| b.get("%SRCROOT%"))
            .and_then(|b| b.get("uri"))
            .and_then(Value::as_str)
            .map(|s| s.strip_prefix("file://").unwrap_or(s).to_string());
        let Some(results) = run.get("results").and_then(Value::as_array) else {
            continue;
        };
        for r in results {
            let rule_id = r.get("ruleId").and_then(Value::as_str).map(str::to_string);
            let rule = rule_id
                .as_deref()
                .and_then(|id| {
                    rules
                        .iter()
                        .find(|x| x.get("id").and_then(Value::as_str) == Some(id))
                })
                .copied()
                .or_else(|| {
                    r.get("ruleIndex")
                        .and_then(Value::as_u64)
                        .and_then(|i| rules.get(i as usize).copied())
                });
            let level = r.get("level").and_then(Value::as_str).or_else(|| {
                rule.and_then(|x| x.pointer("/defaultConfiguration/level"))
                    .and_then(Value::as_str)
            });
            // GitHub's convention: properties.security-severity is a CVSS-like 0-10 score.
            let severity = rule
                .and_then(|x| num(x.pointer("/properties/security-severity")))
                .or_else(|| num(r.pointer("/properties/security-severity")))
                .unwrap_or_else(|| sarif_level_severity(level));
            let confidence = match r
                .pointer("/properties/confidence")
                .or_else(|| r.pointer("/properties/issue_confidence"))
                .or_else(|| rule.and_then(|x| x.pointer("/properties/confidence")))
                .or_else(|| rule.and_then(|x| x.pointer("/properties/precision")))
            {
                Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                    "very-high" => 9.0,
                    "high" => 8.0,
                    "medium" => 6.0,
                    "low" => 4.0,
                    _ => 7.0,
                },
                Some(v) => num(Some(v))
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
                    match &base {
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
            out.push(
                Finding {
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
                .normalized(),
            );
        }
    }
    Ok(out)
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
fn rdjson(text: &str, default_category: &str, root: &Path) -> Result<Vec<Finding>, FormatError> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        let diags = v
            .get("diagnostics")
            .and_then(Value::as_array)
            .ok_or_else(|| FormatError::Shape("rdjson needs a \"diagnostics\" array".into()))?;
        return diags
            .iter()
            .map(|d| rdjson_diag(d, default_category, root))
            .collect();
    }
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).map_err(|e| FormatError::NotJson(e.to_string()))?;
            rdjson_diag(&v, default_category, root)
        })
        .collect()
}

/// Finds the first balanced JSON array in `text` that parses.
fn first_json_array(text: &str) -> Option<(Value, usize)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(off) = text[start..].find('[') {
        let s = start + off;
        let mut depth = 0i32;
        let mut in_str = false;
        let mut esc = false;
        for (i, &b) in bytes[s..].iter().enumerate() {
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
                        if let Ok(v) = serde_json::from_str::<Value>(candidate) {
                            return Some((v, s + i + 1));
                        }
                        // Tolerate trailing commas, a common slip in generated JSON.
                        let cleaned = strip_trailing_commas(candidate);
                        if let Ok(v) = serde_json::from_str::<Value>(&cleaned) {
                            return Some((v, s + i + 1));
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
        start = s + 1;
    }
    None
}

fn strip_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut in_str = false;
    let mut esc = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            out.push(c);
            match c {
                _ if esc => esc = false,
                '\\' => esc = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_str = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some(']') | Some('}')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A JSON array of findings (possibly in a ``` fence, with prose around it), then optional
/// `SUMMARY:` and `SCORE:` lines.
fn llm_text(text: &str, default_category: &str, root: &Path) -> Result<Answer, FormatError> {
    let Some((value, end)) = first_json_array(text) else {
        return Err(FormatError::Shape(
            "no JSON array of findings found in the answer".into(),
        ));
    };
    let findings = findings_array(&value, default_category, root)?;
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
        }
    }
    Ok(Answer {
        findings,
        summary: summary.filter(|s| !s.is_empty()),
        score,
    })
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
}
