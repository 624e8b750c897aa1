//! SARIF 2.1.0 output: stable `ruleId`s, repository-relative paths, `partialFingerprints`.

use serde_json::{Value, json};

use super::consensus::Merged;
use super::result::ReviewResult;
use super::tier::Tier;

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
        if let Some(file) = &f.file {
            let mut loc = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": file, "uriBaseId": "%SRCROOT%" },
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
