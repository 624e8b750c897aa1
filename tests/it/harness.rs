//! The test environment: a temp HOME and WFC_HOME, a cleared environment, isolated git config,
//! pinned dates, and small git2 helpers to build throwaway repositories.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const WFC: &str = env!("CARGO_BIN_EXE_wfc");

pub struct TestEnv {
    _root: tempfile::TempDir,
    pub root: PathBuf,
    pub home: PathBuf,
    pub wfc_home: PathBuf,
    /// The PostgreSQL store every `wfc` of this environment uses, when the suite runs on that
    /// backend ([`on_postgres`]); `None` on the embedded SQLite store.
    pub database: Option<Database>,
}

/// Whether the whole suite runs on the PostgreSQL store (`WFC_TEST_STORE=postgres`, with a server
/// in `WFC_TEST_DATABASE_URL`): every test environment then gets a fresh database of its own.
pub fn on_postgres() -> bool {
    std::env::var("WFC_TEST_STORE").is_ok_and(|v| v == "postgres")
}

/// A database of its own on the test server, dropped with its environment.
pub struct Database {
    admin: String,
    name: String,
    pub url: String,
}

impl Database {
    pub fn create() -> Database {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let admin = std::env::var("WFC_TEST_DATABASE_URL")
            .expect("WFC_TEST_STORE=postgres needs a server in WFC_TEST_DATABASE_URL");
        let name = format!(
            "wfc_env_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        Database { admin, name, url }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// What a finished command did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.code, 0, "expected success\n{self}");
        self
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "unexpected exit code\n{self}");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// The instant `WFC_NOW` pins every `wfc` run of a test to, unless the test sets another.
pub const NOW: &str = "2026-01-01T00:00:00Z";

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::Builder::new()
            .prefix("wfc-it-")
            .tempdir()
            .unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let home = root.join("home");
        let wfc_home = root.join("wfc-home");
        std::fs::create_dir_all(&home).unwrap();
        TestEnv {
            _root: dir,
            root,
            home,
            wfc_home,
            database: on_postgres().then(Database::create),
        }
    }

    fn base_env(&self, cmd: &mut Command) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("WFC_HOME", &self.wfc_home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_GLOBAL", self.home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_COMMITTER_NAME", "Test Author")
            .env("GIT_COMMITTER_EMAIL", "author@example.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            // wfc's own clock too, so that what it prints and stores does not depend on when the
            // test ran; a test about time passing sets its own.
            .env("WFC_NOW", NOW)
            .env("LC_ALL", "C")
            .env("COLUMNS", "100")
            .env("USER", "tester")
            .env("NO_COLOR", "1");
        if let Some(db) = &self.database {
            cmd.env("WFC_DATABASE_URL", &db.url);
        }
    }

    /// True, with a message, when the suite runs on the PostgreSQL store and the rest of a test
    /// is about the embedded SQLite store itself (its file, or the KNOWLEDGE.md files that are
    /// its knowledge); `why` names the test that covers the same on PostgreSQL.
    pub fn sqlite_only(&self, why: &str) -> bool {
        if self.database.is_some() {
            eprintln!("skipped on the PostgreSQL store: {why}");
        }
        self.database.is_some()
    }

    /// The store this environment's `wfc` runs use, opened the way wfc opens it.
    pub fn backend(&self) -> Box<dyn wfc::store::Backend> {
        let location = match &self.database {
            Some(db) => wfc::store::Location::Postgres(db.url.clone()),
            None => wfc::store::Location::Sqlite(self.wfc_home.join("wfc.db")),
        };
        wfc::store::backend::open(&location, wfc::store::Host::detect(None)).unwrap()
    }

    /// The one integer a query of the store answers (SQL both backends read alike).
    pub fn count(&self, sql: &str) -> i64 {
        match &self.database {
            Some(db) => {
                let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
                c.query_one(sql, &[]).unwrap().get(0)
            }
            None => rusqlite::Connection::open(self.wfc_home.join("wfc.db"))
                .unwrap()
                .query_row(sql, [], |r| r.get(0))
                .unwrap(),
        }
    }

    /// The first column, as text, of every row a query of the store answers.
    pub fn texts(&self, sql: &str) -> Vec<String> {
        match &self.database {
            Some(db) => postgres::Client::connect(&db.url, postgres::NoTls)
                .unwrap()
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect(),
            None => {
                let c = rusqlite::Connection::open(self.wfc_home.join("wfc.db")).unwrap();
                let mut st = c.prepare(sql).unwrap();
                st.query_map([], |r| r.get::<_, String>(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
        }
    }

    /// Every row of every table of the PostgreSQL store, as JSON lines (what a database dump of
    /// it would hold); the SQLite store is read as its files.
    pub fn store_dump(&self) -> String {
        let db = self.database.as_ref().expect("a PostgreSQL store");
        let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
        let tables: Vec<String> = c
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut out = String::new();
        for t in tables {
            for r in c
                .query(&format!("SELECT row_to_json(t)::text FROM {t} t"), &[])
                .unwrap()
            {
                out.push_str(r.get::<_, &str>(0));
                out.push('\n');
            }
        }
        out
    }

    /// Runs statements on the store (SQL both backends read alike).
    pub fn execute(&self, sql: &str) {
        match &self.database {
            Some(db) => postgres::Client::connect(&db.url, postgres::NoTls)
                .unwrap()
                .batch_execute(sql)
                .unwrap(),
            None => rusqlite::Connection::open(self.wfc_home.join("wfc.db"))
                .unwrap()
                .execute_batch(sql)
                .unwrap(),
        }
    }

    /// Any program in `dir`, with the test environment.
    pub fn command(&self, program: impl AsRef<OsStr>, dir: &Path) -> Command {
        let mut cmd = Command::new(program);
        self.base_env(&mut cmd);
        cmd.current_dir(dir).stdin(Stdio::null());
        cmd
    }

    /// A `wfc` command in `dir`, with the test environment.
    pub fn wfc_cmd(&self, dir: &Path) -> Command {
        let mut cmd = Command::new(WFC);
        self.base_env(&mut cmd);
        cmd.current_dir(dir).stdin(Stdio::null());
        cmd
    }

    /// Runs `wfc args...` in `dir` and waits.
    pub fn wfc<I, S>(&self, dir: &Path, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.wfc_cmd(dir).args(args).output().unwrap();
        Run::from_output(out)
    }

    /// Starts `wfc args...` in `dir` without waiting.
    pub fn spawn<I, S>(&self, dir: &Path, args: I) -> Child
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.wfc_cmd(dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// A real git CLI command in `dir`, with the test environment (to add env vars).
    pub fn git_cmd(&self, dir: &Path) -> Command {
        let mut cmd = Command::new("git");
        self.base_env(&mut cmd);
        cmd.current_dir(dir).stdin(Stdio::null());
        cmd
    }

    /// Runs the real git CLI in `dir` with the test environment.
    pub fn git<I, S>(&self, dir: &Path, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.git_cmd(dir).args(args).output().unwrap();
        Run::from_output(out)
    }

    /// A new repository `name` under the test root with one commit (README.md).
    pub fn init_repo(&self, name: &str) -> PathBuf {
        let path = self.root.join(name);
        init_repo(&path);
        path
    }
}

/// Waits for every child, polling with a generous deadline; returns their results in order.
pub fn wait_all(children: Vec<Child>) -> Vec<Run> {
    let deadline = Instant::now() + Duration::from_secs(300);
    children
        .into_iter()
        .map(|mut c| {
            loop {
                if c.try_wait().unwrap().is_some() {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "a wfc process did not finish in time"
                );
                std::thread::sleep(Duration::from_millis(10));
            }
            Run::from_output(c.wait_with_output().unwrap())
        })
        .collect()
}

fn signature() -> git2::Signature<'static> {
    git2::Signature::new(
        "Test Author",
        "author@example.com",
        &git2::Time::new(1_767_225_600, 0),
    )
    .unwrap()
}

/// `git init` with one commit of README.md on `main`.
pub fn init_repo(path: &Path) -> git2::Repository {
    std::fs::create_dir_all(path).unwrap();
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = git2::Repository::init_opts(path, &opts).unwrap();
    {
        let mut cfg = repo.config().unwrap();
        cfg.set_str("user.name", "Repo Owner").unwrap();
        cfg.set_str("user.email", "owner@example.com").unwrap();
    }
    commit_file(&repo, "README.md", "# test\n", "initial commit");
    repo
}

/// Writes `rel` with `content`, stages it and commits on HEAD.
pub fn commit_file(repo: &git2::Repository, rel: &str, content: &str, message: &str) -> git2::Oid {
    stage_file(repo, rel, content);
    let mut index = repo.index().unwrap();
    let tree_id = index.write_tree().unwrap();
    let tree = repo.find_tree(tree_id).unwrap();
    let sig = signature();
    let parents: Vec<git2::Commit> = match repo.head() {
        Ok(h) => vec![h.peel_to_commit().unwrap()],
        Err(_) => vec![],
    };
    let parent_refs: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parent_refs)
        .unwrap()
}

/// Writes `rel` with `content` in the work tree and adds it to the index.
pub fn stage_file(repo: &git2::Repository, rel: &str, content: &str) {
    let workdir = repo.workdir().unwrap();
    let full = workdir.join(rel);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(&full, content).unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new(rel)).unwrap();
    index.write().unwrap();
}

/// Replaces temp paths in `text` so snapshots are stable.
pub fn redact(env: &TestEnv, text: &str) -> String {
    text.replace(&env.root.to_string_lossy().to_string(), "[ROOT]")
}
