//! Knowledge use cases: append (with its audit row and telemetry), search and prune.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use super::{AppError, Session};
use crate::knowledge::file::Document;
use crate::knowledge::search::Hit;
use crate::knowledge::{self, AppendOutcome, NewEntry, Section, prune, search};

/// Which knowledge base a use case reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// `$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`
    Global,
    /// `<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable
    Project,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Project => "project",
        }
    }
}

/// The scope an append writes to: the one asked for, else the section's own (repository rules
/// and codebase context: the project; outside a repository, where there is no project, global).
pub fn append_scope(s: &Session, asked: Option<Scope>, section: Section) -> Scope {
    match asked {
        Some(scope) => scope,
        None if section.is_project_default() && s.repo.is_some() => Scope::Project,
        None => Scope::Global,
    }
}

/// The scopes a read looks in: the one asked for, else both (project only inside a repository).
pub fn read_scopes(s: &Session, asked: Option<Scope>) -> Vec<Scope> {
    match asked {
        Some(scope) => vec![scope],
        None if s.repo.is_some() => vec![Scope::Global, Scope::Project],
        None => vec![Scope::Global],
    }
}

/// What a read's JSON says its scope was.
pub fn scope_label(asked: Option<Scope>) -> &'static str {
    asked.map_or("all", Scope::as_str)
}

/// The folder holding one sub-folder per reviewer for `scope`.
pub fn root(s: &Session, scope: Scope) -> Result<PathBuf, AppError> {
    Ok(match scope {
        Scope::Global => {
            // The first command of a fresh `$WFC_HOME` may be this one: create it private.
            crate::fsutil::create_private_dir(&s.home)?;
            s.global_knowledge_root()
        }
        Scope::Project => s.project_knowledge_root()?,
    })
}

/// A reviewer name from the caller, checked against the built-in and configured reviewers
/// (which also keeps `..` and `/` out of the path).
pub fn reviewer(s: &Session, raw: &str) -> Result<String, AppError> {
    knowledge::check_reviewer(raw, &knowledge::valid_reviewers(&s.config))?;
    Ok(raw.to_string())
}

/// The "waiting for lock at <path>" narration, to the session's [`super::Notify`].
pub fn on_wait(s: &Session) -> impl FnMut(&Path) + use<> {
    let notify = s.notify.clone();
    move |p| notify.status(&format!("waiting for lock at {}", p.display()))
}

/// What `knowledge append` was asked for.
#[derive(Debug, Clone)]
pub struct AppendRequest {
    pub reviewer: String,
    pub section: String,
    pub text: String,
    pub source: String,
    pub scope: Option<Scope>,
    pub lock_timeout: Duration,
}

/// An entry appended, or found already there.
#[derive(Debug, Clone, Serialize)]
pub struct Appended {
    pub outcome: AppendOutcome,
    pub reviewer: String,
    pub section: Section,
    pub scope: Scope,
    pub path: PathBuf,
    pub line: String,
    pub project_id: String,
    pub developer_id: String,
}

/// Appends an entry to a reviewer's KNOWLEDGE.md under its lock: de-duplicated, atomic,
/// attributed to the session's developer, with its audit row written before the file changes.
pub fn append(s: &mut Session, req: &AppendRequest) -> Result<Appended, AppError> {
    let reviewer = reviewer(s, &req.reviewer)?;
    let section: Section = req.section.parse()?;
    let scope = append_scope(s, req.scope, section);
    let path = knowledge::knowledge_file(&root(s, scope)?, &reviewer);
    let entry = NewEntry {
        reviewer: reviewer.clone(),
        section,
        text: req.text.clone(),
        source: req.source.clone(),
        developer: Some(s.developer_id.to_string()),
    };
    let now = s.now();
    let scope_name = scope.as_str();
    let resource = path.display().to_string();
    let mut wait = on_wait(s);
    // The audit row is written under the file lock before the rename, so that a kill can never
    // leave the new entry in the file without its row.
    let outcomes = knowledge::append_recorded(
        &path,
        std::slice::from_ref(&entry),
        now,
        req.lock_timeout,
        &mut wait,
        |pending: knowledge::Pending<'_>| -> Result<(), AppError> {
            s.audit(
                "knowledge.append",
                &resource,
                pending.outcomes[0].as_str(),
                json!({
                    "reviewer": reviewer,
                    "section": section,
                    "scope": scope_name,
                    "text": entry.stored_text(),
                    "source": entry.stored_source(),
                    "file_sha256": pending.file_sha256,
                }),
            )
        },
    )?;
    let outcome = outcomes[0];
    s.telemetry(
        crate::telemetry::kind::KNOWLEDGE_APPEND,
        json!({
            "reviewer": reviewer,
            "section": section,
            "scope": scope_name,
            "outcome": outcome,
        }),
    )?;
    Ok(Appended {
        outcome,
        line: entry.line(now),
        reviewer,
        section,
        scope,
        path,
        project_id: s.project_id.to_string(),
        developer_id: s.developer_id.to_string(),
    })
}

/// One hit of a search, with the scope its file belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ScopedHit {
    #[serde(flatten)]
    pub hit: Hit,
    pub scope: Option<Scope>,
}

/// What `knowledge search` found.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub query: String,
    pub scope: &'static str,
    pub hits: Vec<ScopedHit>,
}

/// Ranks knowledge entries for `query` (BM25, offline) in the scopes asked for.
pub fn search(
    s: &Session,
    query: &str,
    reviewer_id: Option<&str>,
    scope: Option<Scope>,
    limit: usize,
) -> Result<Found, AppError> {
    let reviewer_id = reviewer_id.map(|r| reviewer(s, r)).transpose()?;
    if search::tokenize(query).is_empty() {
        return Err(
            AppError::usage(format!("the query {query:?} has no words to search for"))
                .with_hint("common words such as `the` or `and`, and single letters, are ignored"),
        );
    }
    let scopes = read_scopes(s, scope);
    let roots = scopes
        .iter()
        .map(|sc| root(s, *sc))
        .collect::<Result<Vec<_>, _>>()?;
    let hits = search::search(&roots, reviewer_id.as_deref(), query, limit)?;
    let hits = hits
        .into_iter()
        .map(|hit| {
            let scope = scopes
                .iter()
                .zip(&roots)
                .find(|(_, root)| hit.path.starts_with(root))
                .map(|(sc, _)| *sc);
            ScopedHit { hit, scope }
        })
        .collect();
    Ok(Found {
        query: query.to_string(),
        scope: scope_label(scope),
        hits,
    })
}

/// What `knowledge prune` was asked for.
#[derive(Debug, Clone)]
pub struct PruneRequest {
    pub older_than: Duration,
    pub reviewer: Option<String>,
    pub dry_run: bool,
    pub scope: Scope,
    pub lock_timeout: Duration,
}

/// What a prune did: a report per file, and the files it could not handle.
#[derive(Debug)]
pub struct Pruned {
    pub root: PathBuf,
    pub cutoff: String,
    pub reports: Vec<prune::PruneReport>,
    pub failures: Vec<AppError>,
}

impl Pruned {
    pub fn moved(&self) -> usize {
        self.reports.iter().map(|r| r.moved.len()).sum()
    }
}

/// Moves entries older than the cutoff to each file's archive; every file is tried, and the
/// audit row lists what moved.
pub fn prune(s: &mut Session, req: &PruneRequest) -> Result<Pruned, AppError> {
    let root = root(s, req.scope)?;
    let reviewers = match &req.reviewer {
        Some(r) => vec![reviewer(s, r)?],
        None => search::reviewers_with_files(&root)?,
    };
    let now = s.now();
    let mut reports = Vec::new();
    let mut failures: Vec<AppError> = Vec::new();
    for r in &reviewers {
        let path = knowledge::knowledge_file(&root, r);
        match prune::prune(
            &path,
            now,
            req.older_than,
            req.dry_run,
            req.lock_timeout,
            &mut on_wait(s),
        ) {
            Ok(report) => reports.push(report),
            Err(e) => failures.push(AppError::from(e)),
        }
    }
    let cutoff = prune::cutoff_date(now, req.older_than);
    let pruned = Pruned {
        root,
        cutoff,
        reports,
        failures,
    };
    if !req.dry_run && pruned.moved() > 0 {
        let files: Vec<_> = pruned
            .reports
            .iter()
            .filter(|r| !r.moved.is_empty())
            .map(|r| json!({"path": r.path, "archive": r.archive, "moved": r.moved.len()}))
            .collect();
        s.audit(
            "knowledge.prune",
            &pruned.root.display().to_string(),
            if pruned.failures.is_empty() {
                "ok"
            } else {
                "partial"
            },
            json!({
                "scope": req.scope.as_str(),
                "cutoff": pruned.cutoff,
                "files": files,
            }),
        )?;
    }
    Ok(pruned)
}

/// One knowledge file as read.
#[derive(Debug)]
pub struct Shown {
    pub scope: Scope,
    pub path: PathBuf,
    /// The file's bytes as they are; `None` when there is no file.
    pub bytes: Option<Vec<u8>>,
    pub doc: Option<Document>,
}

fn read(s: &Session, scope: Scope, reviewer: &str) -> Result<Shown, AppError> {
    let path = knowledge::knowledge_file(&root(s, scope)?, reviewer);
    knowledge::file::check(&path)?;
    let bytes = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(AppError::failed(format!("cannot read {}", path.display())).with_cause(e));
        }
    };
    let doc = bytes
        .as_deref()
        .map(|b| Document::parse(String::from_utf8_lossy(b).into_owned()));
    Ok(Shown {
        scope,
        path,
        bytes,
        doc,
    })
}

/// A reviewer's knowledge files in the scopes asked for (both by default), as they are.
pub fn show(
    s: &Session,
    reviewer_id: &str,
    scope: Option<Scope>,
) -> Result<(String, Vec<Shown>), AppError> {
    let reviewer = reviewer(s, reviewer_id)?;
    let files = read_scopes(s, scope)
        .into_iter()
        .map(|sc| read(s, sc, &reviewer))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((reviewer, files))
}
