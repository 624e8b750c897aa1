//! The session a use case runs in: resolved ids, configuration, every path, the clock and the
//! store, built once per command. It holds no terminal: what a use case has to tell the user
//! on the way goes to its [`Notify`], which each face implements.
//!
//! Every path here is absolute and namespaced by a validated project id; no caller builds a path
//! from a raw string.

use std::path::{Path, PathBuf};

use crate::app::error::AppError;
use crate::config::{self, Config};
use crate::env::Env;
use crate::git::{GitError, RepoInfo};
use crate::ids::{self, DeveloperId, ProjectId, TaskId};
use crate::store::audit;
use crate::store::backend::{self, Backend, Location};
use crate::store::host::Host;
use crate::time::Clock;
use std::sync::Arc;

/// Where an id came from, for messages and for filters that apply only to explicit ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    Flag,
    Env,
    /// The task worktree the command runs in (its path, or the identity wfc wrote into it).
    Worktree,
    Config,
    Derived,
}

impl IdSource {
    pub fn is_explicit(self) -> bool {
        !matches!(self, IdSource::Derived)
    }
}

/// What the command line said, before resolution.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// The directory the caller runs in, absolute (the CLI: its current directory).
    pub cwd: PathBuf,
    /// Act as if started in this directory (relative to `cwd`).
    pub directory: Option<PathBuf>,
    pub project_id: Option<String>,
    pub developer_id: Option<String>,
}

/// Where a use case tells the user what happens on the way (a warning, a step done). The CLI
/// prints it on stderr; another face may log it or drop it.
pub trait Notify: Send + Sync {
    fn warn(&self, message: &str);
    fn status(&self, message: &str);
    fn debug(&self, message: &str);
}

pub struct Session {
    pub env: Env,
    /// The input stream the face hands over (the CLI: its stdin), read at most once, for a diff
    /// given as `-`; `None` when the face has none.
    pub stdin: Option<crate::review::input::Stdin>,
    pub notify: Arc<dyn Notify>,
    /// Stops the use case between its steps (and the review between files) when cancelled.
    pub cancel: crate::interrupt::Cancel,
    pub clock: Clock,
    /// The directory the command acts in (`-C` or the current directory).
    pub cwd: PathBuf,
    pub repo: Option<RepoInfo>,
    pub config: Config,
    pub project_id: ProjectId,
    pub project_source: IdSource,
    pub developer_id: DeveloperId,
    pub developer_source: IdSource,
    /// The task of the task worktree (`.worktrees/<project>/wfc-<task>`) the command runs in.
    pub worktree_task: Option<TaskId>,
    /// `$WFC_HOME`, absolute.
    pub home: PathBuf,
    /// What the repository's config file would run (external reviewers, rate-limit buckets).
    pub repo_commands: Option<config::RepoCommands>,
    /// Whether `wfc trust` recorded exactly this content of that file; when not, the commands do
    /// not run and the file's rate-limit tables are ignored.
    pub repo_commands_trusted: bool,
    /// sha256 of the repository's config file as it was read for this command.
    pub repo_config_sha256: Option<String>,
    /// The host this machine records its owners (jobs, leases) under.
    pub host: Host,
    store: Option<Box<dyn Backend>>,
    /// The worktree we are in, opened once: opening a repository reads every git config file.
    git: std::cell::OnceCell<git2::Repository>,
}

fn absolute(base: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

fn store_location(env: &Env, config: &Config, home: &Path) -> Location {
    match env.database_url.as_deref().or(config.store.url.as_deref()) {
        Some(url) => Location::parse(url),
        None => Location::Sqlite(crate::layout::db_path(home)),
    }
}

/// The key trust is recorded under: the main repository's work tree.
pub fn trust_key(repo: &RepoInfo) -> String {
    repo.main_root.to_string_lossy().into_owned()
}

fn user_email(repo: Option<&git2::Repository>) -> Option<String> {
    let cfg = match repo {
        Some(r) => r.config().ok()?,
        None => git2::Config::open_default().ok()?,
    };
    cfg.get_string("user.email").ok()
}

/// The project and task of the task worktree `repo` is, if it is one: a linked worktree at
/// `<main repo>/.worktrees/<project>/wfc-<task>`.
fn task_worktree(repo: Option<&RepoInfo>) -> Option<(ProjectId, TaskId)> {
    let r = repo.filter(|r| r.is_linked)?;
    let (project, task) = crate::worktree::parse_path(&r.main_root, &r.workdir)?;
    Some((ProjectId::parse(&project).ok()?, TaskId::parse(&task).ok()?))
}

impl Session {
    /// Resolves the context for a command. Outside a repository this still succeeds; commands that
    /// need one call [`Session::repo`].
    pub fn load(
        opts: &SessionOptions,
        env: Env,
        notify: Arc<dyn Notify>,
    ) -> Result<(Session, Vec<String>), AppError> {
        let cwd0 = opts.cwd.clone();
        let cwd = match &opts.directory {
            Some(d) => {
                let d = absolute(&cwd0, d);
                if !d.is_dir() {
                    return Err(AppError::usage(format!(
                        "-C {}: no such directory",
                        d.display()
                    )));
                }
                std::fs::canonicalize(&d).unwrap_or(d)
            }
            None => cwd0.clone(),
        };
        let (repo, git) = match RepoInfo::discover_open(&cwd)? {
            Some((info, git)) => (Some(info), std::cell::OnceCell::from(git)),
            None => (None, std::cell::OnceCell::new()),
        };
        let repo_config = repo
            .as_ref()
            .map(|r| crate::layout::repo_config(&r.main_root));
        let loaded = config::load(&env, repo_config.as_deref())?;
        let mut config = loaded.config;

        // Inside a task worktree the worktree names the project, the task and (through the
        // identity wfc wrote into its config) the developer, before any config file does.
        let in_task = task_worktree(repo.as_ref());
        // git's `user.email`, read (opening the repository's config) only when neither a flag nor
        // a variable names the developer.
        let email = std::cell::OnceCell::new();
        let email = || email.get_or_init(|| user_email(git.get())).as_deref();

        let (project, project_source) = if let Some(p) = &opts.project_id {
            (ProjectId::parse(p)?, IdSource::Flag)
        } else if let Some(p) = &env.project_id {
            (ProjectId::parse(p)?, IdSource::Env)
        } else if let Some((p, _)) = &in_task {
            (p.clone(), IdSource::Worktree)
        } else if let Some(p) = &config.project.id {
            (ProjectId::parse(p)?, IdSource::Config)
        } else {
            let name = match &repo {
                Some(r) => r.dir_name(),
                None => cwd
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            let id = ids::sanitize(&name).unwrap_or_else(|| "default".to_string());
            (ProjectId::parse(&id)?, IdSource::Derived)
        };

        let (developer, developer_source) = if let Some(d) = &opts.developer_id {
            (DeveloperId::parse(d)?, IdSource::Flag)
        } else if let Some(d) = &env.developer_id {
            (DeveloperId::parse(d)?, IdSource::Env)
        } else if let Some(d) = in_task
            .as_ref()
            .and_then(|_| email().and_then(crate::worktree::developer_of_identity))
        {
            (d, IdSource::Worktree)
        } else if let Some(d) = &config.developer.id {
            (DeveloperId::parse(d)?, IdSource::Config)
        } else {
            // A `wfc+<developer>@noreply.local` identity names its developer wherever it is.
            let id = email()
                .and_then(|e| {
                    crate::worktree::developer_of_identity(e)
                        .map(|d| d.to_string())
                        .or_else(|| e.split('@').next().and_then(ids::sanitize))
                })
                .or_else(|| env.user.as_deref().and_then(ids::sanitize))
                .unwrap_or_else(|| "unknown".to_string());
            (DeveloperId::parse(&id)?, IdSource::Derived)
        };

        let home = absolute(&cwd0, &env.state_home());
        let clock = Clock::from_env(env.now.as_deref());
        let host = Host::detect(env.host_id.as_deref());
        let mut store = None;
        let mut trusted = false;
        if let (Some(rc), Some(r)) = (&loaded.repo_commands, &repo) {
            // Only a repository whose config would run something pays for opening the store.
            match backend::open(&store_location(&env, &config, &home), host.clone()) {
                Ok(mut s) => {
                    trusted = s
                        .is_trusted(&trust_key(r), &rc.path.to_string_lossy(), &rc.sha256)
                        .unwrap_or(false);
                    store = Some(s);
                }
                // Fail closed: what cannot be checked is not trusted.
                Err(_) => trusted = false,
            }
            if !trusted {
                config.rate_limit = rc.rate_limits_without.clone();
            }
        }
        Ok((
            Session {
                env,
                stdin: None,
                notify,
                cancel: crate::interrupt::Cancel::new(),
                clock,
                cwd,
                repo,
                config,
                project_id: project,
                project_source,
                developer_id: developer,
                developer_source,
                worktree_task: in_task.map(|(_, t)| t),
                home,
                repo_commands: loaded.repo_commands,
                repo_commands_trusted: trusted,
                repo_config_sha256: loaded.repo_sha256,
                host,
                store,
                git,
            },
            loaded.warnings,
        ))
    }

    /// The repository's config commands while they are untrusted.
    pub fn untrusted_commands(&self) -> Option<&config::RepoCommands> {
        self.repo_commands
            .as_ref()
            .filter(|_| !self.repo_commands_trusted)
    }

    /// The repository, or a clear error outside one.
    pub fn repo(&self) -> Result<&RepoInfo, GitError> {
        self.repo.as_ref().ok_or_else(|| GitError::NotARepository {
            path: self.cwd.clone(),
        })
    }

    /// The worktree we are in, as git2 opened it (once per session), or a clear error outside
    /// a repository.
    pub fn git(&self) -> Result<&git2::Repository, GitError> {
        let info = self.repo()?;
        if let Some(git) = self.git.get() {
            return Ok(git);
        }
        let git = info.open_current()?;
        Ok(self.git.get_or_init(|| git))
    }

    /// The store, opened (and migrated) on first use.
    pub fn backend(&mut self) -> Result<&mut dyn Backend, AppError> {
        if self.store.is_none() {
            let location = self.store_location();
            self.store = Some(backend::open(&location, self.host.clone())?);
        }
        Ok(self.store.as_deref_mut().expect("store was just opened"))
    }

    pub fn now(&self) -> std::time::SystemTime {
        self.clock.now()
    }

    /// Records one audit row for this project and developer, and notes the project as seen.
    pub fn audit(
        &mut self,
        action: &str,
        resource: &str,
        status: &str,
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        let now = self.now();
        let project = self.project_id.to_string();
        let developer = self.developer_id.to_string();
        let root = self.repo.as_ref().map(|r| r.main_root.clone());
        self.backend()?.append_audit(
            now,
            &audit::NewAudit {
                project_id: &project,
                developer_id: &developer,
                action,
                resource,
                status,
                details,
            },
            root.as_deref(),
        )?;
        Ok(())
    }

    /// Marks the task worktree the session runs in as used now. Only inside a linked worktree
    /// under `<main>/.worktrees/`, so sessions elsewhere do not even open the store. The error
    /// says what could not be recorded; it never fails the command.
    pub fn touch_worktree_lease(&mut self) -> Result<(), String> {
        let Some(repo) = &self.repo else {
            return Ok(());
        };
        if !repo.is_linked
            || !repo
                .workdir
                .starts_with(repo.main_root.join(crate::worktree::WORKTREES_DIR))
        {
            return Ok(());
        }
        let path = repo.workdir.to_string_lossy().into_owned();
        let now = self.now();
        let result = match self.backend() {
            Ok(store) => store
                .touch_lease_path(now, &path)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.message),
        };
        result
            .map(drop)
            .map_err(|e| format!("cannot record the use of {path}: {e}"))
    }

    /// Whether telemetry may be recorded (`DO_NOT_TRACK` unset and `[telemetry] enabled`).
    pub fn telemetry_enabled(&self) -> bool {
        !self.env.do_not_track && self.config.telemetry.enabled
    }

    /// Records a telemetry event for this project and developer, unless telemetry is off.
    pub fn telemetry(&mut self, kind: &str, data: serde_json::Value) -> Result<(), AppError> {
        if !self.telemetry_enabled() {
            return Ok(());
        }
        let now = self.now();
        let project = self.project_id.to_string();
        let developer = self.developer_id.to_string();
        self.backend()?.record_event(
            now,
            &crate::telemetry::Event {
                project_id: &project,
                developer_id: &developer,
                kind,
                data,
            },
        )?;
        Ok(())
    }

    /// Validates a task id from the command line.
    pub fn task_id(&self, raw: &str) -> Result<TaskId, AppError> {
        Ok(TaskId::parse(raw)?)
    }

    // ---- paths (DESIGN.md "Where things live"; the rules are in `crate::layout`) ----

    pub fn db_path(&self) -> PathBuf {
        crate::layout::db_path(&self.home)
    }

    /// Where the store is: `WFC_DATABASE_URL`, else `[store] url` of the user config, else the
    /// embedded SQLite file `$WFC_HOME/wfc.db`.
    pub fn store_location(&self) -> Location {
        store_location(&self.env, &self.config, &self.home)
    }

    /// `$WFC_HOME/knowledge/global/reviewers`
    pub fn global_knowledge_root(&self) -> PathBuf {
        crate::layout::global_knowledge_root(&self.home)
    }

    /// `<main repo>/.wfc/knowledge/reviewers`
    pub fn project_knowledge_root(&self) -> Result<PathBuf, GitError> {
        Ok(crate::layout::project_knowledge_root(
            &self.repo()?.main_root,
        ))
    }

    pub fn repo_config_path(&self) -> Result<PathBuf, GitError> {
        Ok(crate::layout::repo_config(&self.repo()?.main_root))
    }

    /// `<main repo>/.worktrees/<project>`
    pub fn worktrees_dir(&self) -> Result<PathBuf, GitError> {
        Ok(crate::layout::worktrees_dir(
            &self.repo()?.main_root,
            &self.project_id,
        ))
    }

    /// `<main repo>/.worktrees/<project>/wfc-<task>`
    pub fn worktree_path(&self, task: &TaskId) -> Result<PathBuf, GitError> {
        Ok(crate::layout::worktree_path(
            &self.repo()?.main_root,
            &self.project_id,
            task,
        ))
    }

    /// `wfc/<project>/<task>`
    pub fn branch_name(&self, task: &TaskId) -> String {
        crate::layout::branch_name(&self.project_id, task)
    }

    /// `<main repo>/.wfc/output/<project>`
    pub fn output_dir(&self) -> Result<PathBuf, GitError> {
        self.output_dir_for(&self.project_id)
    }

    /// `<main repo>/.wfc/output/<project>` for another project (a job's own).
    pub fn output_dir_for(&self, project: &ProjectId) -> Result<PathBuf, GitError> {
        Ok(crate::layout::output_dir(&self.repo()?.main_root, project))
    }
}
