//! The gate policy: which reviewers a granting review must have run, the tier at which it fails,
//! and the version of the built-in rules. The change under review never sets its own bar: the
//! hook reads the policy from `.wfc/config.toml` as committed in `HEAD`, `gate verify` from the
//! target branch, and neither looks at the working tree, the user config or `WFC_*` variables.
//!
//! Its digest is the sha256 of a canonical JSON form:
//!
//! ```text
//! {"fail_on":"important","reviewers":[{"id":"correctness"},...,{"digest":"<sha256>","id":"ext"}],
//!  "rules":"builtin-<version>","version":2}
//! ```
//!
//! with reviewers sorted by id; an external reviewer carries the sha256 of its whole entry
//! (command, env, cwd, format, timeout, ...), so changing what it runs changes the policy.

use std::path::Path;

use git2::{Oid, Repository};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::{self, BUILTIN_REVIEWERS, Config, ExternalReviewerConfig};
use crate::review::Tier;
use crate::review::builtin::Builtin;

/// The version of the built-in rule set, part of every policy: a policy checked by another rule
/// set is another policy.
pub const RULESET_VERSION: &str = concat!("builtin-", env!("CARGO_PKG_VERSION"));

const CONFIG_PATH: &str = ".wfc/config.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyReviewer {
    pub id: String,
    /// sha256 of an external reviewer's entry; absent for built-in reviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    /// Sorted by id.
    pub reviewers: Vec<PolicyReviewer>,
    pub fail_on: Tier,
    pub rules: String,
    /// Where it was read: `<rev>:.wfc/config.toml`, or `defaults`.
    #[serde(skip)]
    pub source: String,
    /// The external reviewers' entries as the policy file defines them.
    #[serde(skip)]
    pub external: Vec<ExternalReviewerConfig>,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("the gate policy in {file} is invalid")]
    Config {
        file: String,
        #[source]
        error: config::ConfigError,
    },
    #[error(
        "the gate policy in {file} names reviewer {id:?}, which is neither built in nor a [[review.reviewer]] of that file"
    )]
    UnknownReviewer { file: String, id: String },
    #[error("cannot read the gate policy at {rev}: {message}")]
    Git { rev: String, message: String },
}

/// sha256 (hex) of an external reviewer's entry in canonical JSON.
pub fn reviewer_digest(cfg: &ExternalReviewerConfig) -> String {
    let v = serde_json::to_value(cfg).unwrap_or_default();
    hex(&canonical(&v))
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// JSON with object keys sorted (serde_json's map is ordered by key without `preserve_order`).
fn canonical(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

impl Policy {
    /// The policy of a config file's text (`None`: no file, the defaults).
    pub fn from_text(source: &str, text: Option<&str>) -> Result<Policy, PolicyError> {
        let config = match text {
            Some(t) => {
                let table = config::parse_layer(Path::new(source), t, &mut Vec::new()).map_err(
                    |error| PolicyError::Config {
                        file: source.to_string(),
                        error,
                    },
                )?;
                config::from_layer(table).map_err(|message| PolicyError::Config {
                    file: source.to_string(),
                    error: config::ConfigError::Invalid {
                        path: source.into(),
                        message,
                    },
                })?
            }
            None => Config::default(),
        };
        Self::from_config(source, &config)
    }

    fn from_config(source: &str, config: &Config) -> Result<Policy, PolicyError> {
        let ids: Vec<String> = if !config.gate.reviewers.0.is_empty() {
            config.gate.reviewers.0.clone()
        } else if !config.hook.reviewers.0.is_empty() {
            config.hook.reviewers.0.clone()
        } else {
            BUILTIN_REVIEWERS.iter().map(|s| s.to_string()).collect()
        };
        let mut reviewers = Vec::new();
        let mut external = Vec::new();
        for id in ids {
            if reviewers.iter().any(|r: &PolicyReviewer| r.id == id) {
                continue;
            }
            if Builtin::from_id(&id).is_some() {
                reviewers.push(PolicyReviewer { id, digest: None });
            } else if let Some(cfg) = config.review.reviewer.iter().find(|r| r.id == id) {
                reviewers.push(PolicyReviewer {
                    id,
                    digest: Some(reviewer_digest(cfg)),
                });
                external.push(cfg.clone());
            } else {
                return Err(PolicyError::UnknownReviewer {
                    file: source.to_string(),
                    id,
                });
            }
        }
        reviewers.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Policy {
            reviewers,
            fail_on: config.gate.fail_on.unwrap_or(config.review.fail_on),
            rules: RULESET_VERSION.to_string(),
            source: source.to_string(),
            external,
        })
    }

    /// The policy committed in `commit` (the defaults when it has no `.wfc/config.toml`, or when
    /// there is no commit yet).
    pub fn at_commit(
        repo: &Repository,
        commit: Option<Oid>,
        label: &str,
    ) -> Result<Policy, PolicyError> {
        let source = format!("{label}:{CONFIG_PATH}");
        let Some(commit) = commit else {
            return Policy::from_text("defaults", None);
        };
        let git = |e: git2::Error| PolicyError::Git {
            rev: label.to_string(),
            message: e.message().to_string(),
        };
        let tree = repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(git)?;
        let entry = match tree.get_path(Path::new(CONFIG_PATH)) {
            Ok(e) => e,
            Err(e) if e.code() == git2::ErrorCode::NotFound => {
                return Policy::from_text("defaults", None);
            }
            Err(e) => return Err(git(e)),
        };
        if entry.kind() != Some(git2::ObjectType::Blob) || entry.filemode() == 0o120000 {
            return Err(PolicyError::Git {
                rev: label.to_string(),
                message: format!("{CONFIG_PATH} is not a regular file"),
            });
        }
        let blob = repo.find_blob(entry.id()).map_err(git)?;
        let text = std::str::from_utf8(blob.content()).map_err(|_| PolicyError::Git {
            rev: label.to_string(),
            message: format!("{CONFIG_PATH} is not UTF-8"),
        })?;
        Policy::from_text(&source, Some(text))
    }

    /// The policy committed in the current HEAD.
    pub fn at_head(repo: &Repository) -> Result<Policy, PolicyError> {
        let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        Policy::at_commit(repo, head.map(|c| c.id()), "HEAD")
    }

    /// The full sha256 of the canonical form.
    pub fn digest(&self) -> String {
        let v = serde_json::json!({
            "version": 2,
            "reviewers": self.reviewers,
            "fail_on": self.fail_on,
            "rules": self.rules,
        });
        hex(&canonical(&v))
    }

    /// The first 12 hex digits of the digest, as trailers show it.
    pub fn short_digest(&self) -> String {
        self.digest()[..12].to_string()
    }

    pub fn ids(&self) -> Vec<String> {
        self.reviewers.iter().map(|r| r.id.clone()).collect()
    }

    pub fn builtins(&self) -> Vec<Builtin> {
        self.reviewers
            .iter()
            .filter_map(|r| Builtin::from_id(&r.id))
            .collect()
    }

    /// Why a review that ran `ran` (id, answered, digest of an external reviewer's entry) with
    /// `fail_on` does not satisfy this policy, or `None` when it does.
    pub fn shortfall(
        &self,
        ran: &[(String, bool, Option<String>)],
        fail_on: Tier,
    ) -> Option<String> {
        if fail_on > self.fail_on {
            return Some(format!(
                "it failed only at {fail_on}, weaker than the policy's {}",
                self.fail_on
            ));
        }
        for req in &self.reviewers {
            match ran.iter().find(|(id, _, _)| id == &req.id) {
                None => return Some(format!("reviewer {} of the policy did not run", req.id)),
                Some((_, false, _)) => {
                    return Some(format!("reviewer {} of the policy did not answer", req.id));
                }
                Some((_, true, d)) if req.digest.is_some() && d != &req.digest => {
                    return Some(format!(
                        "reviewer {} ran with another config than the policy's ({})",
                        req.id, self.source
                    ));
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_five_builtins_at_important() {
        let p = Policy::from_text("defaults", None).unwrap();
        assert_eq!(p.ids().len(), 5);
        assert_eq!(p.fail_on, Tier::Important);
        assert_eq!(p.digest().len(), 64);
        // Order of the list does not matter; content does.
        let a = Policy::from_text(
            "a",
            Some("[gate]\nreviewers = [\"security\", \"correctness\"]\n"),
        )
        .unwrap();
        let b = Policy::from_text(
            "b",
            Some("[gate]\nreviewers = [\"correctness\", \"security\"]\n"),
        )
        .unwrap();
        assert_eq!(a.digest(), b.digest());
        assert_ne!(a.digest(), p.digest());
        let c = Policy::from_text("c", Some("[review]\nfail_on = \"critical\"\n")).unwrap();
        assert_eq!(c.fail_on, Tier::Critical);
        assert_ne!(c.digest(), p.digest());
    }

    #[test]
    fn an_external_reviewer_is_bound_by_its_entry() {
        let t1 = "[gate]\nreviewers = [\"security\", \"ext\"]\n[[review.reviewer]]\nid = \"ext\"\ncommand = \"lint\"\n";
        let t2 = t1.replace("lint", "echo []");
        let p1 = Policy::from_text("1", Some(t1)).unwrap();
        let p2 = Policy::from_text("2", Some(&t2)).unwrap();
        assert_ne!(p1.digest(), p2.digest());
        assert!(matches!(
            Policy::from_text("3", Some("[gate]\nreviewers = [\"nope\"]\n")),
            Err(PolicyError::UnknownReviewer { .. })
        ));
    }

    #[test]
    fn shortfalls() {
        let p = Policy::from_text("d", None).unwrap();
        let all: Vec<(String, bool, Option<String>)> =
            p.ids().into_iter().map(|i| (i, true, None)).collect();
        assert_eq!(p.shortfall(&all, Tier::Important), None);
        assert_eq!(p.shortfall(&all, Tier::Moderate), None);
        assert!(
            p.shortfall(&all, Tier::Critical)
                .unwrap()
                .contains("weaker")
        );
        assert!(
            p.shortfall(&all[1..], Tier::Important)
                .unwrap()
                .contains("did not run")
        );
        let mut one_failed = all.clone();
        one_failed[0].1 = false;
        assert!(
            p.shortfall(&one_failed, Tier::Important)
                .unwrap()
                .contains("did not answer")
        );
    }
}
