//! SARIF 2.1.0 output: stable `ruleId`s, repository-relative paths, `partialFingerprints`.

use serde_json::{Value, json};

use super::consensus::Merged;
use super::result::ReviewResult;
use crate::tier::Tier;

fn rule_id(f: &Merged) -> String {
    f.rules
        .first()
        .cloned()
        .unwrap_or_else(|| format!("wfc/{}", f.category))
}

fn level(t: Tier) -> &'static str {
    match t {
        Tier::Critical | Tier::Important => "error",
        Tier::Moderate => "warning",
        Tier::Informational => "note",
    }
}

/// The SARIF `uri` of a repository-relative path, or `None` when the path is not one: absolute
/// (`/x`, `\\x`, `C:x`), a URI with a scheme (`file:`), empty, or with a `..` component
/// anywhere (`a/../../etc`). `.` components and repeated slashes are dropped; every byte outside
/// the unreserved set and `/` is percent-encoded, so the uri is a valid relative reference.
pub fn repo_relative_uri(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        return None;
    }
    let first = path.split('/').next().unwrap_or("");
    if first.contains(':') {
        // `C:`, `file:`, `https:`: not a path inside the repository.
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut uri = String::with_capacity(path.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            uri.push('/');
        }
        for b in part.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                uri.push(b as char);
            } else {
                uri.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(uri)
}

/// Renders the SARIF log of a review.
pub fn render(r: &ReviewResult) -> Value {
    let mut rules: Vec<String> = Vec::new();
    let mut rule_objs: Vec<Value> = Vec::new();
    let mut results = Vec::new();
    for f in &r.findings {
        let id = rule_id(f);
        let index = match rules.iter().position(|x| *x == id) {
            Some(i) => i,
            None => {
                rules.push(id.clone());
                rule_objs.push(json!({
                    "id": id,
                    "shortDescription": { "text": f.descriptions.first().cloned().unwrap_or_default() },
                    "help": { "text": f.remediations.first().cloned().unwrap_or_default() },
                    "properties": { "tags": [f.category] },
                }));
                rules.len() - 1
            }
        };
        let mut result = json!({
            "ruleId": id,
            "ruleIndex": index,
            "level": level(f.tier),
            "message": { "text": f.descriptions.join(" / ") },
            "partialFingerprints": { "wfcFingerprint/v1": f.fingerprint },
            "properties": {
                "category": f.category,
                "severity": f.severity,
                "confidence": f.confidence,
                "r": f.r,
                "k": f.k,
                "weight": f.weight,
                "reviewers": f.reviewers,
                "tier": f.tier,
            },
        });
        // A location outside the repository is dropped; the finding stays, without it.
        if let Some(uri) = f.file.as_deref().and_then(repo_relative_uri) {
            let mut loc = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                }
            });
            if let Some(start) = f.line_start.filter(|l| *l >= 1) {
                let end = f.line_end.unwrap_or(start).max(start);
                loc["physicalLocation"]["region"] = json!({ "startLine": start, "endLine": end });
            }
            result["locations"] = json!([loc]);
        }
        results.push(result);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "wfc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_objs,
                }
            },
            "automationDetails": { "id": format!("wfc/{}/{}/", r.project_id, r.task_id) },
            "results": results,
            "properties": {
                "status": r.status,
                "cs": r.cs,
                "tier": r.tier,
                "job_id": r.job_id,
                "tree_id": r.tree_id,
            },
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::repo_relative_uri as uri;

    #[test]
    fn only_repository_relative_paths_become_locations() {
        assert_eq!(uri("src/main.rs").as_deref(), Some("src/main.rs"));
        assert_eq!(uri("./src//a b.rs").as_deref(), Some("src/a%20b.rs"));
        assert_eq!(uri("x\u{1b}[2J.rs").as_deref(), Some("x%1B%5B2J.rs"));
        for bad in [
            "/etc/passwd",
            "../secret",
            "src/../../etc/passwd",
            "C:\\Windows\\x",
            "\\\\host\\share",
            "file:///etc/passwd",
            "https://evil/x",
            "",
            ".",
        ] {
            assert_eq!(uri(bad), None, "{bad}");
        }
    }
}
