//! The shared per-reviewer knowledge base: one `KNOWLEDGE.md` per reviewer, written by many
//! processes at once without losing a line.
//!
//! - [`file`] knows the format: parse a file (keeping hand edits and foreign content), render
//!   entries, insert and remove single lines.
//! - [`append`] is the locked, de-duplicated, atomic append.
//! - [`search`] ranks entries for a query (BM25) and fits them into a prompt's token budget.
//! - [`prune`] moves old entries to `KNOWLEDGE-ARCHIVE.md` under the same lock.

pub mod append;
pub mod file;
pub mod prune;
pub mod search;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use append::{AppendOutcome, NewEntry, Pending, append, append_many, append_recorded};
pub use file::{Document, Entry};

/// Where one reviewer's knowledge document is kept: a KNOWLEDGE.md file (the SQLite store), or
/// the store's knowledge table (the PostgreSQL store). Shown, and written to JSON, as a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    File(PathBuf),
    Table {
        /// `global` or `project:<id>`
        scope: String,
        reviewer: String,
        /// The archive `prune` moves old entries to.
        archive: bool,
    },
}

impl Place {
    /// Whether this document belongs under the folder or table scope `base`.
    pub fn is_within(&self, base: &Place) -> bool {
        match (self, base) {
            (Place::File(p), Place::File(root)) => p.starts_with(root),
            (Place::Table { scope, .. }, Place::Table { scope: s, .. }) => scope == s,
            _ => false,
        }
    }

    /// The archive beside this document.
    pub fn archive(&self) -> Place {
        match self {
            Place::File(p) => Place::File(archive_file(p)),
            Place::Table {
                scope, reviewer, ..
            } => Place::Table {
                scope: scope.clone(),
                reviewer: reviewer.clone(),
                archive: true,
            },
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File(p) => write!(f, "{}", p.display()),
            Place::Table {
                scope,
                reviewer,
                archive,
            } => {
                let what = if *archive { "archive" } else { "table" };
                write!(f, "knowledge {what} {scope}/{reviewer}")
            }
        }
    }
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// File name of a reviewer's knowledge.
pub const FILE_NAME: &str = "KNOWLEDGE.md";
/// File name of the archive `prune` moves old entries to, beside [`FILE_NAME`].
pub const ARCHIVE_NAME: &str = "KNOWLEDGE-ARCHIVE.md";
/// How long a writer waits for another writer's lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// The five sections of a KNOWLEDGE.md, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    PatternsFound,
    FalsePositives,
    IncidentsPrevented,
    RepoRules,
    CodebaseContext,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::PatternsFound,
        Section::FalsePositives,
        Section::IncidentsPrevented,
        Section::RepoRules,
        Section::CodebaseContext,
    ];

    /// The snake_case key used on the command line and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Section::PatternsFound => "patterns_found",
            Section::FalsePositives => "false_positives",
            Section::IncidentsPrevented => "incidents_prevented",
            Section::RepoRules => "repo_rules",
            Section::CodebaseContext => "codebase_context",
        }
    }

    /// Whether entries of this section belong to the project by default (DESIGN.md
    /// "Knowledge": repository rules and codebase context describe one repository).
    pub fn is_project_default(self) -> bool {
        matches!(self, Section::RepoRules | Section::CodebaseContext)
    }

    /// The heading text in the file (without `## `).
    pub fn heading(self) -> &'static str {
        match self {
            Section::PatternsFound => "Patterns Found",
            Section::FalsePositives => "False Positives to Avoid",
            Section::IncidentsPrevented => "Incidents Prevented",
            Section::RepoRules => "Repository-Specific Rules",
            Section::CodebaseContext => "Codebase Context",
        }
    }

    /// Reads a key (`repo_rules`, `repo-rules`) or a heading text (`Repository-Specific Rules`),
    /// ignoring case and surrounding spaces.
    pub fn parse(value: &str) -> Option<Section> {
        let v = value.trim();
        let as_key = v.replace('-', "_");
        Section::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(&as_key) || s.heading().eq_ignore_ascii_case(v))
    }

    /// The heading text matched exactly as a file heading (case-insensitive).
    pub fn from_heading(title: &str) -> Option<Section> {
        let t = title.trim();
        Section::ALL
            .into_iter()
            .find(|s| s.heading().eq_ignore_ascii_case(t))
    }

    /// Every key, for error messages: `patterns_found, false_positives, ...`.
    pub fn keys() -> String {
        Section::ALL.map(Section::key).join(", ")
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Section {
    type Err = KnowledgeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Section::parse(s).ok_or_else(|| KnowledgeError::UnknownSection {
            value: s.to_string(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error(
        "unknown knowledge section {value:?}; valid sections: {}",
        Section::keys()
    )]
    UnknownSection { value: String },
    #[error("unknown reviewer {value:?}; valid reviewers: {}", valid.join(", "))]
    UnknownReviewer { value: String, valid: Vec<String> },
    #[error("the entry text is empty")]
    EmptyText,
    #[error("{path} is not UTF-8 text; it was left as it is")]
    NotText { path: PathBuf },
    #[error(transparent)]
    Lock(#[from] crate::lock::LockError),
    #[error(transparent)]
    Fs(#[from] crate::fsutil::FsError),
}

/// `root/<reviewer>/KNOWLEDGE.md`.
pub fn knowledge_file(root: &Path, reviewer: &str) -> PathBuf {
    root.join(reviewer).join(FILE_NAME)
}

/// `KNOWLEDGE-ARCHIVE.md` beside `path`.
pub fn archive_file(path: &Path) -> PathBuf {
    sibling(path, ARCHIVE_NAME)
}

/// `KNOWLEDGE.md.lock` beside `path`: the one lock for the file and its archive, for global
/// knowledge. Writers ask [`file::lock_path`], which puts a project file's lock in the git dir.
pub fn lock_file(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| FILE_NAME.to_string());
    sibling(path, &format!("{name}.lock"))
}

fn sibling(path: &Path, name: &str) -> PathBuf {
    match path.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// The reviewer names a knowledge file may belong to: the built-in reviewers, then the ids of the
/// configured external reviewers.
pub fn valid_reviewers(config: &crate::config::Config) -> Vec<String> {
    crate::config::BUILTIN_REVIEWERS
        .iter()
        .map(|s| s.to_string())
        .chain(config.review.reviewer.iter().map(|r| r.id.clone()))
        .collect()
}

/// Checks `name` against [`valid_reviewers`]; the error lists the valid ones.
pub fn check_reviewer(name: &str, valid: &[String]) -> Result<(), KnowledgeError> {
    if valid.iter().any(|v| v == name) {
        Ok(())
    } else {
        Err(KnowledgeError::UnknownReviewer {
            value: name.to_string(),
            valid: valid.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_from_key_and_heading() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.key()), Some(s));
            assert_eq!(Section::parse(s.heading()), Some(s));
            assert_eq!(Section::from_heading(&s.heading().to_uppercase()), Some(s));
            assert_eq!(s.key().parse::<Section>().unwrap(), s);
        }
        assert_eq!(Section::parse("repo-rules"), Some(Section::RepoRules));
        assert_eq!(Section::parse("rules"), None);
        let err = "rules".parse::<Section>().unwrap_err().to_string();
        assert!(err.contains("patterns_found, false_positives"), "{err}");
        assert_eq!(
            serde_json::to_string(&Section::FalsePositives).unwrap(),
            "\"false_positives\""
        );
    }

    #[test]
    fn paths_sit_beside_each_other() {
        let p = knowledge_file(Path::new("/k"), "security");
        assert_eq!(p, Path::new("/k/security/KNOWLEDGE.md"));
        assert_eq!(lock_file(&p), Path::new("/k/security/KNOWLEDGE.md.lock"));
        assert_eq!(
            archive_file(&p),
            Path::new("/k/security/KNOWLEDGE-ARCHIVE.md")
        );
    }

    #[test]
    fn reviewer_check_lists_valid_names() {
        let valid = valid_reviewers(&crate::config::Config::default());
        assert_eq!(valid.len(), 5);
        check_reviewer("security", &valid).unwrap();
        let err = check_reviewer("../etc", &valid).unwrap_err().to_string();
        assert!(err.contains("security, correctness"), "{err}");
    }
}
