//! Moving a team onto a shared store: `wfc store migrate` copies the embedded SQLite store into
//! PostgreSQL, and the knowledge files with it.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::knowledge::Scope;
use super::{AppError, Session};
use crate::knowledge::file::Document;
use crate::store::audit::NewAudit;
use crate::store::backend::{Backend, copy_into_postgres};
use crate::store::knowledge::{KnowledgeRow, KnowledgeScope};
use crate::store::{Copied, Location};

/// What a migration copied, and what the copy verified as.
#[derive(Debug, Serialize)]
pub struct Migrated {
    pub from: PathBuf,
    /// The server and database, without a password.
    pub to: String,
    pub copied: Copied,
    /// Knowledge entries added from KNOWLEDGE.md files, by scope (`global`, `project`).
    pub knowledge: Vec<(&'static str, usize)>,
    /// Rows of the copied trail (with the migration's own row) that `audit verify` walked.
    pub verified_rows: usize,
}

/// Copies the SQLite store at `from` (default `$WFC_HOME/wfc.db`) into the empty PostgreSQL
/// store at `to`: first its audit chain is verified, then every table is copied in one
/// transaction, the global knowledge files (and, inside a repository, the project's) go into the
/// knowledge table, the migration is audited there, and the copied chain is verified again and
/// checked to end at the same head. The SQLite store is left as it was.
pub fn migrate(s: &mut Session, to: &str, from: Option<&Path>) -> Result<Migrated, AppError> {
    let Location::Postgres(url) = Location::parse(to) else {
        return Err(
            AppError::usage(format!("{to:?} is not a PostgreSQL connection string"))
                .with_hint("give --to postgres://user@host:5432/database"),
        );
    };
    let from = from.map_or_else(|| s.db_path(), Path::to_path_buf);
    if !from.is_file() {
        return Err(AppError::failed(format!(
            "there is no SQLite store at {}",
            from.display()
        )));
    }
    // Read only: the copy never changes the file it copies.
    let src = crate::store::Store::open_read_only(&from)?;
    let version = src.user_version()?;
    if version != crate::store::migrations::LATEST {
        return Err(AppError::failed(format!(
            "{} has schema version {version}; this wfc copies version {}",
            from.display(),
            crate::store::migrations::LATEST
        ))
        .with_hint("run any wfc command on it first (with WFC_HOME set to its folder) to bring it up to date"));
    }
    let checked = crate::store::audit::verify(&src)?;
    if let Some(first) = checked.problems.first() {
        return Err(AppError::failed(format!(
            "the audit trail of {} does not verify ({}); nothing was copied",
            from.display(),
            first.detail
        ))
        .with_hint("`wfc audit verify` lists every problem"));
    }
    let (mut dst, copied) = copy_into_postgres(&src, &url, s.host.clone())?;
    drop(src);

    let mut knowledge = Vec::new();
    for scope in [Scope::Global, Scope::Project] {
        let (table, root) = match scope {
            Scope::Global => (KnowledgeScope::Global, s.global_knowledge_root()),
            Scope::Project => match s.project_knowledge_root() {
                Ok(root) => (KnowledgeScope::Project(s.project_id.to_string()), root),
                Err(_) => continue,
            },
        };
        let valid = crate::knowledge::valid_reviewers(&s.config);
        let added = import_files(dst.as_mut(), &table, &root, &valid)?;
        knowledge.push((scope.as_str(), added));
    }

    let to = dst.describe();
    let (project, developer) = (s.project_id.to_string(), s.developer_id.to_string());
    dst.append_audit(
        s.now(),
        &NewAudit {
            project_id: &project,
            developer_id: &developer,
            action: "store.migrate",
            resource: &to,
            status: "ok",
            details: json!({
                "from": from,
                "copied": copied,
                "knowledge": knowledge,
            }),
        },
        None,
    )?;
    let report = dst.verify_audit()?;
    if let Some(first) = report.problems.first() {
        return Err(AppError::failed(format!(
            "the copied audit trail in {to} does not verify: {}",
            first.detail
        )));
    }
    if let Some((seq, hash)) = &copied.audit_head
        && dst.audit_hash_of(*seq)?.as_deref() != Some(hash.as_str())
    {
        return Err(AppError::failed(format!(
            "the copied audit trail in {to} does not end at the SQLite store's head (row {seq})"
        )));
    }
    Ok(Migrated {
        from,
        to,
        copied,
        knowledge,
        verified_rows: report.rows,
    })
}

/// Adds every entry of the KNOWLEDGE.md files under `root` of the reviewers in `valid` to the
/// knowledge table; returns how many were new.
fn import_files(
    dst: &mut dyn Backend,
    table: &KnowledgeScope,
    root: &Path,
    valid: &[String],
) -> Result<usize, AppError> {
    let mut added = 0;
    for reviewer in crate::knowledge::search::reviewers_with_files(root)? {
        // A folder of a committed knowledge base is anyone's name: only the reviewers wfc knows
        // go into the shared table.
        if crate::knowledge::check_reviewer(&reviewer, valid).is_err() {
            continue;
        }
        let path = crate::knowledge::knowledge_file(root, &reviewer);
        crate::knowledge::file::check(&path)?;
        let bytes = std::fs::read(&path).map_err(|e| {
            AppError::failed(format!("cannot read {}", path.display())).with_cause(e)
        })?;
        let doc = Document::parse(String::from_utf8_lossy(&bytes).into_owned());
        let rows: Vec<KnowledgeRow> = doc
            .entries()
            .iter()
            .map(|e| {
                // A hand-edited file goes through the same cleaning as an append.
                let cleaned = crate::knowledge::NewEntry {
                    reviewer: reviewer.clone(),
                    section: e.section,
                    text: e.text.clone(),
                    source: e.source.clone(),
                    developer: e.developer.clone(),
                };
                KnowledgeRow {
                    id: 0,
                    reviewer: reviewer.clone(),
                    section: e.section,
                    date: e.date.clone(),
                    text: cleaned.stored_text(),
                    source: cleaned.stored_source(),
                    developer: e.developer.clone(),
                }
            })
            .filter(|r| !r.text.is_empty())
            .collect();
        added += dst
            .import_knowledge(table, &rows)?
            .iter()
            .filter(|o| **o == crate::knowledge::AppendOutcome::Added)
            .count();
    }
    Ok(added)
}
