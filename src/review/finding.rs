//! A finding, as every reviewer reports it (DESIGN.md "Review" step 4).

use serde::{Deserialize, Serialize};

/// One finding from one reviewer, before de-duplication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Repository-relative path, when the finding has a location.
    pub file: Option<String>,
    pub line_start: Option<u32>,
    pub line_end: Option<u32>,
    pub category: String,
    /// 0 to 10.
    pub severity: f64,
    /// 0 to 10.
    pub confidence: f64,
    pub description: String,
    pub remediation: String,
    /// Rule id, when the reviewer has stable rules (built-in, SARIF `ruleId`).
    pub rule: Option<String>,
}

impl Finding {
    /// Clamps severity and confidence into 0..=10 and fixes an inverted line range.
    pub fn normalized(mut self) -> Finding {
        self.severity = clamp10(self.severity);
        self.confidence = clamp10(self.confidence);
        if let (Some(a), Some(b)) = (self.line_start, self.line_end)
            && b < a
        {
            self.line_end = Some(a);
        }
        if self.line_end.is_none() {
            self.line_end = self.line_start;
        }
        self
    }
}

/// Answers with a non-finite score are refused when read (`formats`), so the 0 here is only a
/// last guard, never a way for `"NaN"` to pass a review.
fn clamp10(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 10.0)
    } else {
        0.0
    }
}
