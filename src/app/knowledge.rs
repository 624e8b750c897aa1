//! Knowledge use cases: append (with its audit row and telemetry), show, search, prune and
//! export. Knowledge follows the store: KNOWLEDGE.md files on the SQLite store, the store's
//! knowledge table on PostgreSQL ([`Base`]); every use case behaves the same on both.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use super::{AppError, Session};
use crate::knowledge::file::Document;
use crate::knowledge::search::Hit;
use crate::knowledge::{self, AppendOutcome, NewEntry, Place, Section, prune, search};
use crate::store::audit::NewAudit;
use crate::store::backend::Location;
use crate::store::knowledge::{KnowledgeRow, KnowledgeScope};

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

/// Where one scope's knowledge is kept.
#[derive(Debug, Clone)]
pub enum Base {
    /// `<root>/<reviewer>/KNOWLEDGE.md` files (the SQLite store).
    Files(PathBuf),
    /// The store's knowledge table (the PostgreSQL store).
    Table(KnowledgeScope),
}

impl Base {
    /// Where `reviewer`'s knowledge of this scope is.
    pub fn place(&self, reviewer: &str) -> Place {
        match self {
            Base::Files(root) => Place::File(knowledge::knowledge_file(root, reviewer)),
            Base::Table(scope) => Place::Table {
                scope: scope.key(),
                reviewer: reviewer.to_string(),
                archive: false,
            },
        }
    }

    /// The whole scope, which every reviewer's [`Base::place`] is within.
    pub fn whole(&self) -> Place {
        match self {
            Base::Files(root) => Place::File(root.clone()),
            Base::Table(scope) => Place::Table {
                scope: scope.key(),
                reviewer: String::new(),
                archive: false,
            },
        }
    }
}

/// Whether knowledge lives in the store's table (the PostgreSQL store) rather than in files.
pub fn in_table(s: &Session) -> bool {
    matches!(s.store_location(), Location::Postgres(_))
}

/// Where `scope`'s knowledge is kept. On PostgreSQL a project's knowledge is keyed by the
/// project id, which every clone of the repository on every machine shares.
pub fn base(s: &Session, scope: Scope) -> Result<Base, AppError> {
    if !in_table(s) {
        return Ok(Base::Files(root(s, scope)?));
    }
    Ok(Base::Table(match scope {
        Scope::Global => KnowledgeScope::Global,
        Scope::Project => {
            s.repo()?;
            KnowledgeScope::Project(s.project_id.to_string())
        }
    }))
}

/// Every entry of `base` (or only `reviewer`'s), as unscored hits.
pub fn entries(s: &mut Session, base: &Base, reviewer: Option<&str>) -> Result<Vec<Hit>, AppError> {
    match base {
        Base::Files(root) => Ok(search::load_entries(std::slice::from_ref(root), reviewer)?),
        Base::Table(scope) => {
            let reviewers = match reviewer {
                Some(r) => vec![r.to_string()],
                None => s.backend()?.knowledge_reviewers(scope)?,
            };
            let mut hits = Vec::new();
            for r in reviewers {
                let place = base.place(&r);
                let rows = s.backend()?.knowledge(scope, &r, false)?;
                hits.extend(rows.into_iter().map(|row| Hit {
                    reviewer: row.reviewer,
                    section: row.section,
                    date: row.date,
                    text: row.text,
                    source: row.source,
                    developer: row.developer,
                    score: 0.0,
                    path: place.clone(),
                }));
            }
            Ok(hits)
        }
    }
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
    pub path: Place,
    pub line: String,
    pub project_id: String,
    pub developer_id: String,
}

/// Appends an entry to a reviewer's KNOWLEDGE.md under its lock: de-duplicated, atomic,
/// attributed to the session's developer, with its audit row written before the file changes.
pub fn append(s: &mut Session, req: &AppendRequest) -> Result<Appended, AppError> {
    let reviewer = reviewer(s, &req.reviewer)?;
    let section: Section = req.section.parse()?;
    let entry = NewEntry {
        reviewer: reviewer.clone(),
        section,
        text: req.text.clone(),
        source: req.source.clone(),
        developer: Some(s.developer_id.to_string()),
    };
    if entry.stored_text().is_empty() {
        return Err(knowledge::KnowledgeError::EmptyText.into());
    }
    let scope = append_scope(s, req.scope, section);
    let base = base(s, scope)?;
    let path = base.place(&reviewer);
    let now = s.now();
    let scope_name = scope.as_str();
    let resource = path.to_string();
    let details = json!({
        "reviewer": reviewer,
        "section": section,
        "scope": scope_name,
        "text": entry.stored_text(),
        "source": entry.stored_source(),
    });
    let outcomes = match &base {
        Base::Files(root) => {
            let file = knowledge::knowledge_file(root, &reviewer);
            let mut wait = on_wait(s);
            // The audit row is written under the file lock before the rename, so that a kill can
            // never leave the new entry in the file without its row.
            knowledge::append_recorded(
                &file,
                std::slice::from_ref(&entry),
                now,
                req.lock_timeout,
                &mut wait,
                |pending: knowledge::Pending<'_>| -> Result<(), AppError> {
                    let mut details = details.clone();
                    details["file_sha256"] = json!(pending.file_sha256);
                    s.audit(
                        "knowledge.append",
                        &resource,
                        pending.outcomes[0].as_str(),
                        details,
                    )
                },
            )?
        }
        // The entry and its audit row are one transaction.
        Base::Table(table) => {
            let (project, developer) = (s.project_id.to_string(), s.developer_id.to_string());
            s.backend()?.append_knowledge(
                now,
                table,
                std::slice::from_ref(&entry),
                Some(&NewAudit {
                    project_id: &project,
                    developer_id: &developer,
                    action: "knowledge.append",
                    resource: &resource,
                    status: "added",
                    details,
                }),
            )?
        }
    };
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
    s: &mut Session,
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
    let mut bases = Vec::new();
    let mut all = Vec::new();
    for sc in read_scopes(s, scope) {
        let b = base(s, sc)?;
        all.extend(entries(s, &b, reviewer_id.as_deref())?);
        bases.push((sc, b.whole()));
    }
    let hits = search::rank(all, query, limit)
        .into_iter()
        .map(|hit| {
            let scope = bases
                .iter()
                .find(|(_, whole)| hit.path.is_within(whole))
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
    pub root: Place,
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
    let base = base(s, req.scope)?;
    let reviewers = match (&req.reviewer, &base) {
        (Some(r), _) => vec![reviewer(s, r)?],
        (None, Base::Files(root)) => search::reviewers_with_files(root)?,
        (None, Base::Table(table)) => s.backend()?.knowledge_reviewers(table)?,
    };
    let now = s.now();
    let cutoff = prune::cutoff_date(now, req.older_than);
    let mut reports = Vec::new();
    let mut failures: Vec<AppError> = Vec::new();
    for r in &reviewers {
        let done = match &base {
            Base::Files(root) => prune::prune(
                &knowledge::knowledge_file(root, r),
                now,
                req.older_than,
                req.dry_run,
                req.lock_timeout,
                &mut on_wait(s),
            )
            .map_err(AppError::from),
            Base::Table(table) => prune_table(s, req, table, &base.place(r), r, &cutoff),
        };
        match done {
            Ok(report) => reports.push(report),
            Err(e) => failures.push(e),
        }
    }
    let pruned = Pruned {
        root: base.whole(),
        cutoff,
        reports,
        failures,
    };
    // The table's moves carry their own audit rows (one per reviewer, in the same transaction).
    if matches!(base, Base::Files(_)) && !req.dry_run && pruned.moved() > 0 {
        let files: Vec<_> = pruned
            .reports
            .iter()
            .filter(|r| !r.moved.is_empty())
            .map(|r| json!({"path": r.path, "archive": r.archive, "moved": r.moved.len()}))
            .collect();
        s.audit(
            "knowledge.prune",
            &pruned.root.to_string(),
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

/// Archives one reviewer's entries dated before `cutoff` in the store's table.
fn prune_table(
    s: &mut Session,
    req: &PruneRequest,
    table: &KnowledgeScope,
    place: &Place,
    reviewer: &str,
    cutoff: &str,
) -> Result<prune::PruneReport, AppError> {
    let rows = s.backend()?.knowledge(table, reviewer, false)?;
    let (old, young): (Vec<KnowledgeRow>, Vec<KnowledgeRow>) =
        rows.into_iter().partition(|r| r.date.as_str() < cutoff);
    let mut report = prune::PruneReport {
        path: place.clone(),
        archive: place.archive(),
        cutoff: cutoff.to_string(),
        moved: old
            .iter()
            .enumerate()
            .map(|(i, r)| knowledge::Entry {
                section: r.section,
                date: r.date.clone(),
                text: r.text.clone(),
                source: r.source.clone(),
                developer: r.developer.clone(),
                line: i,
            })
            .collect(),
        kept: young.len(),
        dry_run: req.dry_run,
    };
    if req.dry_run || old.is_empty() {
        return Ok(report);
    }
    let ids: Vec<i64> = old.iter().map(|r| r.id).collect();
    let (project, developer) = (s.project_id.to_string(), s.developer_id.to_string());
    let resource = place.to_string();
    let now = s.now();
    let moved = s.backend()?.archive_knowledge(
        now,
        table,
        reviewer,
        &ids,
        &NewAudit {
            project_id: &project,
            developer_id: &developer,
            action: "knowledge.prune",
            resource: &resource,
            status: "ok",
            details: json!({
                "scope": req.scope.as_str(),
                "reviewer": reviewer,
                "cutoff": cutoff,
                "moved": ids.len(),
            }),
        },
    )?;
    // Another prune at the same moment may have archived some of them first.
    report.moved.truncate(moved);
    Ok(report)
}

/// One knowledge document as read.
#[derive(Debug)]
pub struct Shown {
    pub scope: Scope,
    pub path: Place,
    /// The file's bytes as they are (on PostgreSQL, the KNOWLEDGE.md the entries render to);
    /// `None` when there is nothing.
    pub bytes: Option<Vec<u8>>,
    pub doc: Option<Document>,
}

fn read(s: &mut Session, scope: Scope, reviewer: &str) -> Result<Shown, AppError> {
    let base = base(s, scope)?;
    let path = base.place(reviewer);
    let bytes = match &base {
        Base::Files(root) => {
            let file = knowledge::knowledge_file(root, reviewer);
            knowledge::file::check(&file)?;
            match std::fs::read(&file) {
                Ok(b) => Some(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(
                        AppError::failed(format!("cannot read {}", file.display())).with_cause(e)
                    );
                }
            }
        }
        Base::Table(table) => {
            let rows = s.backend()?.knowledge(table, reviewer, false)?;
            (!rows.is_empty())
                .then(|| crate::store::knowledge::render(reviewer, &rows).into_bytes())
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

/// A reviewer's knowledge in the scopes asked for (both by default), as it is.
pub fn show(
    s: &mut Session,
    reviewer_id: &str,
    scope: Option<Scope>,
) -> Result<(String, Vec<Shown>), AppError> {
    let reviewer = reviewer(s, reviewer_id)?;
    let mut shown = Vec::new();
    for sc in read_scopes(s, scope) {
        shown.push(read(s, sc, &reviewer)?);
    }
    Ok((reviewer, shown))
}

/// One file `export` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    pub scope: Scope,
    pub reviewer: String,
    pub path: PathBuf,
    /// Entries in the store, and how many of them the file did not hold yet.
    pub entries: usize,
    pub added: usize,
    pub archived: usize,
    pub archived_added: usize,
}

/// What `knowledge export` did.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    /// Where the store keeps knowledge: `table`, or `files` (nothing to export).
    pub kept_in: &'static str,
    pub files: Vec<ExportedFile>,
}

/// Writes the store's knowledge (PostgreSQL) to the KNOWLEDGE.md files the SQLite store would
/// keep, and archived entries to KNOWLEDGE-ARCHIVE.md: merged into what the files already hold,
/// each file under its lock and written atomically. On the SQLite store the files are the
/// knowledge, and nothing is written.
pub fn export(
    s: &mut Session,
    scope: Option<Scope>,
    lock_timeout: Duration,
) -> Result<Exported, AppError> {
    if !in_table(s) {
        return Ok(Exported {
            kept_in: "files",
            files: Vec::new(),
        });
    }
    let mut files = Vec::new();
    for sc in read_scopes(s, scope) {
        let Base::Table(table) = base(s, sc)? else {
            unreachable!("knowledge is in the table")
        };
        let root = root(s, sc)?;
        for r in s.backend()?.knowledge_reviewers(&table)? {
            // A name in the shared table becomes a folder name: it must be a reviewer id.
            crate::ids::validate(crate::ids::IdKind::Reviewer, &r).map_err(|e| {
                AppError::failed(format!(
                    "the knowledge table names a reviewer {r:?} that cannot be a folder: {e}; \
                     nothing of it was exported"
                ))
            })?;
            let current = s.backend()?.knowledge(&table, &r, false)?;
            let archived = s.backend()?.knowledge(&table, &r, true)?;
            let lines = |rows: &[KnowledgeRow]| -> Vec<knowledge::append::Line> {
                rows.iter()
                    .map(|row| {
                        let line = knowledge::file::render_entry(
                            &row.date,
                            &row.text,
                            &row.source,
                            row.developer.as_deref(),
                        );
                        (row.section, row.text.clone(), line)
                    })
                    .collect()
            };
            let path = knowledge::knowledge_file(&root, &r);
            let (added, archived_added) = knowledge::append::merge(
                &path,
                &r,
                &knowledge::append::Lines {
                    current: lines(&current),
                    archived: lines(&archived),
                },
                lock_timeout,
                &mut on_wait(s),
            )?;
            files.push(ExportedFile {
                scope: sc,
                reviewer: r,
                path,
                entries: current.len(),
                added,
                archived: archived.len(),
                archived_added,
            });
        }
    }
    let written: Vec<_> = files
        .iter()
        .filter(|f| f.added + f.archived_added > 0)
        .map(|f| json!({"path": f.path, "added": f.added, "archived_added": f.archived_added}))
        .collect();
    if !written.is_empty() {
        s.audit(
            "knowledge.export",
            "knowledge",
            "ok",
            json!({"scope": scope_label(scope), "files": written}),
        )?;
    }
    Ok(Exported {
        kept_in: "table",
        files,
    })
}
