//! Knowledge entries kept in the store (the PostgreSQL backend; on SQLite they stay in
//! KNOWLEDGE.md files). Same five sections, same stored text, the same exact de-duplication of
//! the normalised text within a section, the same attribution, and [`render`] gives the
//! KNOWLEDGE.md the file backend would have written for the same appends.

use std::time::SystemTime;

use serde::Serialize;

use super::StoreError;
use crate::knowledge::file::{self, Document};
use crate::knowledge::{AppendOutcome, FILE_NAME, NewEntry, Section};

/// Whose knowledge: the user's global knowledge, or one project's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum KnowledgeScope {
    Global,
    Project(String),
}

impl KnowledgeScope {
    /// The stored key: `global`, or `project:<id>`.
    pub fn key(&self) -> String {
        match self {
            KnowledgeScope::Global => "global".into(),
            KnowledgeScope::Project(p) => format!("project:{p}"),
        }
    }
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KnowledgeRow {
    pub id: i64,
    pub reviewer: String,
    pub section: Section,
    /// `YYYY-MM-DD`
    pub date: String,
    pub text: String,
    pub source: String,
    pub developer: Option<String>,
}

/// An entry as it will be stored, with the form it is de-duplicated by.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub reviewer: String,
    pub section: Section,
    pub date: String,
    pub text: String,
    pub normalized: String,
    pub source: String,
    pub developer: Option<String>,
}

/// Cleans entries exactly as the file backend does (redacted, sanitised; an empty text refused).
pub fn prepare(entries: &[NewEntry], now: SystemTime) -> Result<Vec<Prepared>, StoreError> {
    entries
        .iter()
        .map(|e| {
            let text = e.stored_text();
            if text.is_empty() {
                return Err(StoreError::Invalid(
                    crate::knowledge::KnowledgeError::EmptyText.to_string(),
                ));
            }
            Ok(Prepared {
                reviewer: e.reviewer.clone(),
                section: e.section,
                date: crate::time::date(now),
                normalized: file::normalize(&text),
                text,
                source: e.stored_source(),
                developer: e
                    .developer
                    .as_deref()
                    .map(file::sanitize)
                    .filter(|d| !d.is_empty()),
            })
        })
        .collect()
}

/// Adds `outcomes` to an audit row's details (an object; other details are left as they are).
pub(crate) fn with_outcomes(
    details: &serde_json::Value,
    outcomes: &[AppendOutcome],
) -> serde_json::Value {
    let mut d = details.clone();
    if let Some(map) = d.as_object_mut() {
        map.insert(
            "outcomes".into(),
            outcomes
                .iter()
                .map(|o| o.as_str())
                .collect::<Vec<_>>()
                .into(),
        );
    }
    d
}

/// The KNOWLEDGE.md of one reviewer: the template, then every entry at the end of its section in
/// the order it was added.
pub fn render(reviewer: &str, rows: &[KnowledgeRow]) -> String {
    let mut doc = Document::new(FILE_NAME, reviewer);
    for r in rows {
        doc.insert(
            r.section,
            &file::render_entry(&r.date, &r.text, &r.source, r.developer.as_deref()),
        );
    }
    doc.into_text()
}
