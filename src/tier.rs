//! Severity tiers of a consensus score (DESIGN.md "Review" step 6).

use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Informational,
    Moderate,
    Important,
    Critical,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::Informational,
        Tier::Moderate,
        Tier::Important,
        Tier::Critical,
    ];

    /// `< 4` informational, `< 7` moderate, `< 9` important, else critical.
    pub fn from_score(cs: f64) -> Tier {
        if cs < 4.0 {
            Tier::Informational
        } else if cs < 7.0 {
            Tier::Moderate
        } else if cs < 9.0 {
            Tier::Important
        } else {
            Tier::Critical
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Informational => "informational",
            Tier::Moderate => "moderate",
            Tier::Important => "important",
            Tier::Critical => "critical",
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_boundaries() {
        assert_eq!(Tier::from_score(0.0), Tier::Informational);
        assert_eq!(Tier::from_score(3.999), Tier::Informational);
        assert_eq!(Tier::from_score(4.0), Tier::Moderate);
        assert_eq!(Tier::from_score(6.99), Tier::Moderate);
        assert_eq!(Tier::from_score(7.0), Tier::Important);
        assert_eq!(Tier::from_score(9.0), Tier::Critical);
        assert!(Tier::Moderate < Tier::Important);
    }
}
