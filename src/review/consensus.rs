//! Weights, de-duplication, fingerprints and the consensus score (DESIGN.md "Review" steps 4-6).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::change::Change;
use super::finding::Finding;
use crate::tier::Tier;

/// Reviewers whose strong findings trigger minority protection.
pub const PROTECTED_REVIEWERS: [&str; 2] = ["security", "reliability"];

/// A finding as one reviewer reported it.
#[derive(Debug, Clone)]
pub struct Reported {
    pub reviewer: String,
    pub finding: Finding,
}

/// Findings merged across reviewers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Merged {
    pub fingerprint: String,
    pub file: Option<String>,
    pub line_start: Option<u32>,
    pub line_end: Option<u32>,
    pub category: String,
    pub severity: f64,
    pub confidence: f64,
    pub descriptions: Vec<String>,
    pub remediations: Vec<String>,
    pub rules: Vec<String>,
    pub reviewers: Vec<String>,
    /// Number of distinct reviewers that reported it.
    pub k: usize,
    /// 1.0, or 0.5 when the location is outside the change, unreadable, or not in the tree.
    pub weight: f64,
    /// `clamp(severity * confidence / 10, 0, 10) * weight`.
    pub r: f64,
    pub tier: Tier,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Score {
    pub cs: f64,
    pub tier: Tier,
    pub passed: bool,
    pub minority_protection_applied: bool,
    pub n: usize,
}

/// Rounds to 3 decimals, the precision wfc shows and decides on.
pub fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The weight of a finding's location against the change (step 4).
pub fn weight(f: &Finding, change: &Change) -> f64 {
    let (Some(path), Some(line)) = (&f.file, f.line_start) else {
        return 0.5;
    };
    let Some(file) = change.file(path) else {
        return 0.5;
    };
    if line == 0 {
        return 0.5;
    }
    match file.line_count {
        Some(n) if line > n => 0.5,
        _ => 1.0,
    }
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text a fingerprint is taken from: the source line the finding starts on when the change
/// added it, else the first line of its description.
fn anchor_text(f: &Finding, change: &Change) -> String {
    if let (Some(path), Some(line)) = (&f.file, f.line_start)
        && let Some(file) = change.file(path)
        && let Some(added) = file.added.iter().find(|a| a.line == line)
    {
        return normalize(&added.text);
    }
    normalize(f.description.lines().next().unwrap_or(""))
}

/// A fingerprint that survives unrelated line shifts: file, category, normalised first line.
pub fn fingerprint(file: Option<&str>, category: &str, anchor: &str) -> String {
    let mut h = Sha256::new();
    h.update(file.unwrap_or("").as_bytes());
    h.update([0]);
    h.update(category.to_lowercase().as_bytes());
    h.update([0]);
    h.update(anchor.as_bytes());
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Merges findings on the same file and category whose start lines are within 3 of the first of
/// the group (step 5). Findings without a line merge only with identical descriptions.
pub fn dedup(reported: Vec<Reported>, change: &Change) -> Vec<Merged> {
    let mut items: Vec<(Reported, f64, String)> = reported
        .into_iter()
        .map(|r| {
            let f = r.finding.clone().normalized();
            let w = weight(&f, change);
            let anchor = anchor_text(&f, change);
            (
                Reported {
                    reviewer: r.reviewer,
                    finding: f,
                },
                w,
                anchor,
            )
        })
        .collect();
    items.sort_by(|a, b| {
        let fa = &a.0.finding;
        let fb = &b.0.finding;
        (
            fa.file.as_deref(),
            fa.category.to_lowercase(),
            fa.line_start,
        )
            .cmp(&(
                fb.file.as_deref(),
                fb.category.to_lowercase(),
                fb.line_start,
            ))
            .then_with(|| a.0.reviewer.cmp(&b.0.reviewer))
    });

    let mut merged: Vec<Merged> = Vec::new();
    // Index in `merged` of the open group for (file, category) and its anchor line.
    let mut open: Option<(usize, Option<u32>)> = None;
    for (rep, w, anchor) in items {
        let f = &rep.finding;
        let joins = open.and_then(|(i, first)| {
            let m = &merged[i];
            let same_key = m.file == f.file && m.category.eq_ignore_ascii_case(&f.category);
            let near = match (first, f.line_start) {
                (Some(a), Some(b)) => b.abs_diff(a) <= 3,
                (None, None) => m
                    .descriptions
                    .first()
                    .is_some_and(|d| normalize(d) == normalize(&f.description)),
                _ => false,
            };
            (same_key && near).then_some(i)
        });
        match joins {
            Some(i) => {
                let m = &mut merged[i];
                m.severity = m.severity.max(f.severity);
                m.confidence = m.confidence.max(f.confidence);
                m.line_end = match (m.line_end, f.line_end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                push_unique(&mut m.descriptions, &f.description);
                push_unique(&mut m.remediations, &f.remediation);
                if let Some(r) = &f.rule {
                    push_unique(&mut m.rules, r);
                }
                push_unique(&mut m.reviewers, &rep.reviewer);
                m.weight = m.weight.max(w);
            }
            None => {
                let mut m = Merged {
                    fingerprint: fingerprint(f.file.as_deref(), &f.category, &anchor),
                    file: f.file.clone(),
                    line_start: f.line_start,
                    line_end: f.line_end,
                    category: f.category.to_lowercase(),
                    severity: f.severity,
                    confidence: f.confidence,
                    descriptions: Vec::new(),
                    remediations: Vec::new(),
                    rules: Vec::new(),
                    reviewers: Vec::new(),
                    k: 0,
                    weight: w,
                    r: 0.0,
                    tier: Tier::Informational,
                };
                push_unique(&mut m.descriptions, &f.description);
                push_unique(&mut m.remediations, &f.remediation);
                if let Some(r) = &f.rule {
                    push_unique(&mut m.rules, r);
                }
                push_unique(&mut m.reviewers, &rep.reviewer);
                merged.push(m);
                open = Some((merged.len() - 1, f.line_start));
            }
        }
    }
    for m in &mut merged {
        m.k = m.reviewers.len();
        m.r = round3((m.severity * m.confidence / 10.0).clamp(0.0, 10.0) * m.weight);
        m.tier = Tier::from_score(m.r);
    }
    // Strongest first, then by place.
    merged.sort_by(|a, b| {
        b.r.total_cmp(&a.r)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line_start.cmp(&b.line_start))
    });
    merged
}

/// The consensus score over the active findings, with `n` reviewers that ran (step 6).
pub fn score(findings: &[Merged], n: usize, fail_on: Tier) -> Score {
    let active: Vec<&Merged> = findings.iter().filter(|f| f.weight > 0.0).collect();
    if active.is_empty() {
        return Score {
            cs: 0.0,
            tier: Tier::Informational,
            passed: Tier::Informational < fail_on,
            minority_protection_applied: false,
            n,
        };
    }
    let rs: Vec<f64> = active
        .iter()
        .map(|f| (f.severity * f.confidence / 10.0).clamp(0.0, 10.0) * f.weight)
        .collect();
    let mean = rs.iter().sum::<f64>() / rs.len() as f64;
    let max = rs.iter().cloned().fold(0.0_f64, f64::max);
    let sum_k: usize = active.iter().map(|f| f.k).sum();
    // Capped at 1 so that a pile of small findings never outranks its strongest one (uncapped,
    // 52 moderate findings over a real history scored "critical").
    let spread = if n == 0 {
        0.0
    } else {
        (sum_k as f64 / n as f64).min(1.0)
    };
    let mut cs = 0.5 * mean + 0.3 * mean * spread + 0.2 * max;
    let mut protected = false;
    if max >= 8.5 {
        let top_is_protected = active.iter().zip(&rs).any(|(f, r)| {
            *r == max
                && f.reviewers
                    .iter()
                    .any(|x| PROTECTED_REVIEWERS.contains(&x.as_str()))
        });
        let floor = 0.7 * max + 2.0;
        if top_is_protected && floor > cs {
            cs = floor;
            protected = true;
        }
    }
    let cs = round3(cs.clamp(0.0, 10.0));
    let tier = Tier::from_score(cs);
    Score {
        cs,
        tier,
        passed: tier < fail_on,
        minority_protection_applied: protected,
        n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::change::{AddedLine, FileChange, FileStatus};

    fn merged(severity: f64, confidence: f64, k: usize) -> Merged {
        let r = (severity * confidence / 10.0).clamp(0.0, 10.0);
        Merged {
            fingerprint: String::new(),
            file: Some("a.py".into()),
            line_start: Some(1),
            line_end: Some(1),
            category: "c".into(),
            severity,
            confidence,
            descriptions: vec![],
            remediations: vec![],
            rules: vec![],
            reviewers: (0..k).map(|i| format!("r{i}")).collect(),
            k,
            weight: 1.0,
            r,
            tier: Tier::from_score(r),
        }
    }

    #[test]
    fn many_moderate_findings_never_outrank_their_strongest() {
        // 52 findings of R 6.4 from every reviewer: uncapped, the agreement term alone made the
        // score 0.5*6.4 + 0.3*6.4*52 + 0.2*6.4, far past critical.
        let pile: Vec<Merged> = (0..52).map(|_| merged(8.0, 8.0, 5)).collect();
        let s = score(&pile, 5, Tier::Important);
        assert_eq!(s.cs, 6.4);
        assert_eq!(s.tier, Tier::Moderate);
        // The worked values of the design are unchanged by the cap.
        assert_eq!(score(&[merged(9.0, 8.0, 2)], 5, Tier::Important).cs, 5.904);
        assert_eq!(score(&[merged(8.0, 8.0, 1)], 5, Tier::Important).cs, 4.864);
        assert_eq!(score(&[merged(8.0, 8.0, 5)], 5, Tier::Important).cs, 6.4);
    }

    fn change() -> Change {
        Change {
            files: vec![FileChange {
                path: "a.py".into(),
                old_path: None,
                status: FileStatus::Modified,
                binary: false,
                test_module_from: None,
                added: (1..=40)
                    .map(|i| AddedLine {
                        line: i,
                        text: format!("line {i}"),
                    })
                    .collect(),
                removed: 0,
                line_count: Some(50),
            }],
            diff: String::new(),
        }
    }

    fn f(sev: f64, conf: f64, line: u32, cat: &str) -> Finding {
        Finding {
            file: Some("a.py".into()),
            line_start: Some(line),
            line_end: None,
            category: cat.into(),
            severity: sev,
            confidence: conf,
            description: format!("issue at {line}"),
            remediation: "fix it".into(),
            rule: None,
        }
    }

    fn rep(reviewer: &str, finding: Finding) -> Reported {
        Reported {
            reviewer: reviewer.into(),
            finding,
        }
    }

    fn one(sev: f64, conf: f64, reviewers: &[&str]) -> Vec<Merged> {
        let reps = reviewers
            .iter()
            .map(|r| rep(r, f(sev, conf, 10, "logic")))
            .collect();
        dedup(reps, &change())
    }

    #[test]
    fn worked_values_from_the_design() {
        let s = score(
            &one(9.0, 8.0, &["correctness", "performance"]),
            5,
            Tier::Important,
        );
        assert_eq!(s.cs, 5.904);
        let s = score(&one(8.0, 8.0, &["correctness"]), 5, Tier::Important);
        assert_eq!(s.cs, 4.864);
        let all = ["correctness", "performance", "maintainability", "a", "b"];
        let s = score(&one(8.0, 8.0, &all), 5, Tier::Important);
        assert_eq!(s.cs, 6.4);
        // Security S9.5 C10 k1: 7.22, raised to 8.65 by minority protection.
        let mut m = one(9.5, 10.0, &["correctness"]);
        assert_eq!(score(&m, 5, Tier::Important).cs, 7.22);
        m[0].reviewers = vec!["security".into()];
        let s = score(&m, 5, Tier::Important);
        assert_eq!(s.cs, 8.65);
        assert!(s.minority_protection_applied);
        assert_eq!(s.tier, Tier::Important);
        assert!(!s.passed);
        // Reliability S8.5 C10: 7.95.
        let s = score(&one(8.5, 10.0, &["reliability"]), 5, Tier::Important);
        assert_eq!(s.cs, 7.95);
        assert!(s.minority_protection_applied);
    }

    #[test]
    fn no_findings_pass_with_zero() {
        let s = score(&[], 5, Tier::Important);
        assert_eq!(s.cs, 0.0);
        assert!(s.passed);
        assert_eq!(s.tier, Tier::Informational);
    }

    #[test]
    fn protection_needs_the_top_finding_from_a_protected_reviewer() {
        let reps = vec![
            rep("security", f(8.6, 10.0, 1, "sec")),
            rep("correctness", f(9.0, 10.0, 30, "logic")),
        ];
        let m = dedup(reps, &change());
        let s = score(&m, 5, Tier::Important);
        assert!(!s.minority_protection_applied);
    }

    #[test]
    fn merges_within_three_lines_same_category_case_insensitive() {
        let reps = vec![
            rep("security", f(7.0, 6.0, 10, "Injection")),
            rep("correctness", f(9.0, 5.0, 13, "injection")),
            rep("correctness", f(5.0, 5.0, 14, "injection")),
            rep("performance", f(5.0, 5.0, 10, "perf")),
        ];
        let m = dedup(reps, &change());
        assert_eq!(m.len(), 3);
        let inj = m
            .iter()
            .find(|x| x.category == "injection" && x.line_start == Some(10))
            .unwrap();
        assert_eq!(inj.k, 2);
        assert_eq!(inj.severity, 9.0);
        assert_eq!(inj.confidence, 6.0);
        assert_eq!(inj.descriptions.len(), 2);
        assert_eq!(inj.remediations, vec!["fix it".to_string()]);
        // Line 14 is 4 away from the group's first line: its own finding.
        assert!(m.iter().any(|x| x.line_start == Some(14)));
    }

    #[test]
    fn weights_for_bad_locations() {
        let c = change();
        assert_eq!(weight(&f(5.0, 5.0, 10, "x"), &c), 1.0);
        assert_eq!(
            weight(&f(5.0, 5.0, 60, "x"), &c),
            0.5,
            "past the end of the file"
        );
        let mut other = f(5.0, 5.0, 1, "x");
        other.file = Some("elsewhere.py".into());
        assert_eq!(weight(&other, &c), 0.5);
        let mut nowhere = f(5.0, 5.0, 1, "x");
        nowhere.line_start = None;
        assert_eq!(weight(&nowhere, &c), 0.5);
        let m = dedup(vec![rep("x", other)], &c);
        assert_eq!(m[0].r, 1.25);
    }

    #[test]
    fn fingerprint_survives_line_shifts() {
        let mut c1 = change();
        let mut c2 = change();
        c1.files[0].added = vec![AddedLine {
            line: 5,
            text: "eval(x)".into(),
        }];
        c2.files[0].added = vec![AddedLine {
            line: 25,
            text: "  eval(x)".into(),
        }];
        let a = dedup(vec![rep("security", f(8.0, 8.0, 5, "sec"))], &c1);
        let b = dedup(vec![rep("security", f(8.0, 8.0, 25, "sec"))], &c2);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        let c = dedup(vec![rep("security", f(8.0, 8.0, 5, "other"))], &c1);
        assert_ne!(a[0].fingerprint, c[0].fingerprint);
    }
}
