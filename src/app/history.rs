//! The read-only use cases over the store: the audit trail and its verification, telemetry,
//! review jobs and worktree leases.

use std::time::Duration;

use super::{AppError, IdSource, Session};
use crate::review::result::ReviewResult;
use crate::store::audit::{self, AuditFilter, AuditRow, VerifyReport};
use crate::store::jobs::{Job, ReviewerRun};
use crate::telemetry::summary::{self, Summary, SummaryOptions};
use crate::telemetry::{EventFilter, EventRow};
use crate::worktree::Repo;
use crate::worktree::inspect::{self, Entry};

/// The audit rows newer than `since`, of `action`, at most `limit` (the newest).
pub fn audit_list(
    s: &mut Session,
    since: Option<Duration>,
    action: Option<&str>,
    limit: Option<usize>,
) -> Result<Vec<AuditRow>, AppError> {
    let filter = AuditFilter {
        since: since.map(|d| crate::time::before(s.now(), d)),
        action: action.map(str::to_string),
        // A project id given explicitly (flag or environment) filters; the derived or configured
        // one does not, so `wfc audit` in a repository still shows the whole trail.
        project_id: matches!(s.project_source, IdSource::Flag | IdSource::Env)
            .then(|| s.project_id.to_string()),
        limit,
    };
    Ok(s.backend()?.audit_rows(&filter)?)
}

/// Verifies the audit chain (a SQLite file on a read-only handle, so a read-only copy works),
/// and every audit head carried by signed attestations in `anchors` (default: reachable from
/// HEAD, in a repository).
pub fn audit_verify(s: &mut Session, anchors: Option<&str>) -> Result<VerifyReport, AppError> {
    let anchors = match (&s.repo, anchors) {
        (Some(info), range) => {
            let repo = info.open_current()?;
            crate::gate::audit_anchors(&repo, range)?
        }
        (None, Some(_)) => {
            return Err(crate::git::GitError::NotARepository {
                path: s.cwd.clone(),
            }
            .into());
        }
        (None, None) => Vec::new(),
    };
    match s.store_location() {
        crate::store::Location::Sqlite(path) => {
            let store = crate::store::Store::open_read_only(&path).map_err(|e| {
                AppError::from(e).with_hint(format!(
                    "point WFC_HOME at the folder holding the wfc.db to verify (now {})",
                    s.home.display()
                ))
            })?;
            let mut report = audit::verify(&store)?;
            audit::check_anchors(&store, &anchors, &mut report)?;
            Ok(report)
        }
        crate::store::Location::Postgres(_) => {
            let store = s.backend()?;
            let mut report = store.verify_audit()?;
            store.check_anchors(&anchors, &mut report)?;
            Ok(report)
        }
    }
}

/// Per-project figures of the session's project (or every project) since a time.
pub fn telemetry_summary(
    s: &mut Session,
    all_projects: bool,
    since: Option<Duration>,
) -> Result<Summary, AppError> {
    let now = s.now();
    let opts = SummaryOptions {
        project_id: (!all_projects).then(|| s.project_id.to_string()),
        since: since.map(|d| crate::time::before(now, d)),
    };
    Ok(summary::load(s.backend()?, &opts, now)?)
}

/// The telemetry events of the session's project (or every project) since a time.
pub fn telemetry_events(
    s: &mut Session,
    all_projects: bool,
    since: Option<Duration>,
) -> Result<Vec<EventRow>, AppError> {
    let filter = EventFilter {
        project_id: (!all_projects).then(|| s.project_id.to_string()),
        since: since.map(|d| crate::time::before(s.now(), d)),
    };
    Ok(s.backend()?.events(&filter)?)
}

/// The latest review jobs of the session's project (or every project).
pub fn review_list(
    s: &mut Session,
    all_projects: bool,
    limit: usize,
) -> Result<Vec<Job>, AppError> {
    let project = (!all_projects).then(|| s.project_id.to_string());
    Ok(s.backend()?.jobs(project.as_deref(), limit)?)
}

/// One review job with its reviewer runs and its result.
#[derive(Debug)]
pub struct JobShown {
    pub job: Job,
    pub reviewer_runs: Vec<ReviewerRun>,
    pub result: Option<ReviewResult>,
}

pub fn review_show(s: &mut Session, id: &str) -> Result<JobShown, AppError> {
    let job = s.backend()?.job(id)?.ok_or_else(|| {
        AppError::failed(format!("no review job {id:?}"))
            .with_hint("`wfc review list --all-projects` lists the jobs")
    })?;
    let result: Option<ReviewResult> = job
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok());
    let reviewer_runs = s.backend()?.reviewer_runs(&job.id)?;
    Ok(JobShown {
        job,
        reviewer_runs,
        result,
    })
}

/// The worktrees of the session's project (or `project`, or every project with `None`) as git
/// and the store see them.
pub fn worktrees(s: &mut Session, project: Option<&str>) -> Result<(Repo, Vec<Entry>), AppError> {
    let repo = Repo::new(s.repo()?.clone());
    let now = s.now();
    let entries = inspect::list(&repo, s.backend()?, project, now)?;
    Ok((repo, entries))
}

/// Which store a session's commands keep their state in, and its schema.
#[derive(Debug, serde::Serialize)]
pub struct StoreInfo {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// The database file, or the server's address without its password.
    pub location: String,
    pub schema_version: i64,
    /// The newest schema this wfc knows.
    pub supported_schema_version: i64,
    /// The host name this machine records its owners under (`WFC_HOST_ID`, else the host name).
    pub host: String,
    pub boot_id: Option<String>,
    /// Said when a store setting names another store than the one in use.
    pub notes: Vec<String>,
}

/// Opens (and migrates) the session's store and says what it is.
pub fn store_info(s: &mut Session) -> Result<StoreInfo, AppError> {
    let host = s.host.clone();
    let store = s.backend()?;
    let notes = Vec::new();
    Ok(StoreInfo {
        backend: store.kind().as_str(),
        location: store.describe(),
        schema_version: store.schema_version()?,
        supported_schema_version: store.supported_schema_version(),
        host: host.name,
        boot_id: host.boot_id,
        notes,
    })
}
