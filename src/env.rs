//! The one module that reads the process environment.
//!
//! Everything else receives an [`Env`] snapshot, so tests can build one by hand and no code path
//! depends on hidden global state. `clippy.toml` refuses `std::env::var*` everywhere else.
#![allow(clippy::disallowed_methods)]

use std::ffi::OsString;
use std::path::PathBuf;

/// Variables with a meaning of their own; every other `WFC_*` variable is a config override
/// (`WFC_<SECTION>_<KEY>`, see `config.rs`).
pub const RESERVED: &[&str] = &[
    "WFC_HOME",
    "WFC_PROJECT_ID",
    "WFC_DEVELOPER_ID",
    "WFC_CONFIG",
    "WFC_SKIP",
    "WFC_NOW",
    "WFC_GENERATE",
    "WFC_LOG",
    "WFC_DATABASE_URL",
    "WFC_HOST_ID",
    "WFC_TEST_DATABASE_URL",
];

/// Git variables that a hook inherits and that must never leak into child processes.
pub const GIT_LEAKY_VARS: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
    "GIT_EDITOR",
    "GIT_REFLOG_ACTION",
    "GIT_EXEC_PATH",
];

#[derive(Debug, Clone, Default)]
pub struct Env {
    pub wfc_home: Option<PathBuf>,
    pub project_id: Option<String>,
    pub developer_id: Option<String>,
    pub config: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
    pub user: Option<String>,
    pub no_color: bool,
    pub do_not_track: bool,
    pub skip: bool,
    /// Fixed "now" as RFC 3339, for reproducible dates in tests and demos.
    pub now: Option<String>,
    pub git_index_file: Option<PathBuf>,
    pub git_dir: Option<PathBuf>,
    pub term: Option<String>,
    /// `WFC_<SECTION>_<KEY>` overrides, as (variable name, value).
    pub overrides: Vec<(String, String)>,
    /// `WFC_DATABASE_URL`: a shared PostgreSQL store (`postgres://...`).
    pub database_url: Option<String>,
    /// `WFC_HOST_ID`: the name this machine records in job and lease owners (default: its host
    /// name), for machines that share a host name.
    pub host_id: Option<String>,
    /// `WFC_TEST_DATABASE_URL`: the PostgreSQL server the store tests may use.
    pub test_database_url: Option<String>,
}

fn non_empty(v: Option<OsString>) -> Option<OsString> {
    v.filter(|s| !s.is_empty())
}

fn var_string(name: &str) -> Option<String> {
    non_empty(std::env::var_os(name)).and_then(|v| v.into_string().ok())
}

fn var_path(name: &str) -> Option<PathBuf> {
    non_empty(std::env::var_os(name)).map(PathBuf::from)
}

fn var_flag(name: &str) -> bool {
    matches!(var_string(name).as_deref(), Some(v) if v != "0" && !v.eq_ignore_ascii_case("false"))
}

impl Env {
    /// Reads the current process environment.
    pub fn capture() -> Env {
        let mut overrides: Vec<(String, String)> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| k.starts_with("WFC_") && !RESERVED.contains(&k.as_str()))
            .collect();
        overrides.sort();
        Env {
            wfc_home: var_path("WFC_HOME"),
            project_id: var_string("WFC_PROJECT_ID"),
            developer_id: var_string("WFC_DEVELOPER_ID"),
            config: var_path("WFC_CONFIG"),
            xdg_config_home: var_path("XDG_CONFIG_HOME"),
            home: var_path("HOME").or_else(dirs::home_dir),
            user: var_string("USER").or_else(|| var_string("LOGNAME")),
            // NO_COLOR: any non-empty value disables color (no-color.org).
            no_color: var_string("NO_COLOR").is_some(),
            do_not_track: var_flag("DO_NOT_TRACK"),
            skip: var_flag("WFC_SKIP"),
            now: var_string("WFC_NOW"),
            git_index_file: var_path("GIT_INDEX_FILE"),
            git_dir: var_path("GIT_DIR"),
            term: var_string("TERM"),
            overrides,
            database_url: var_string("WFC_DATABASE_URL"),
            host_id: var_string("WFC_HOST_ID"),
            test_database_url: var_string("WFC_TEST_DATABASE_URL"),
        }
    }

    /// `$WFC_HOME`, else `~/.wfc`.
    pub fn state_home(&self) -> PathBuf {
        if let Some(h) = &self.wfc_home {
            return h.clone();
        }
        match &self.home {
            Some(h) => h.join(".wfc"),
            None => PathBuf::from(".wfc"),
        }
    }

    /// `$WFC_CONFIG`, else `$XDG_CONFIG_HOME/wfc/config.toml`, else `~/.config/wfc/config.toml`.
    /// gitattributes files outside any repository: the user's (`$XDG_CONFIG_HOME/git/attributes`,
    /// else `~/.config/git/attributes`) and the system's.
    pub fn git_attributes_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        match (&self.xdg_config_home, &self.home) {
            (Some(x), _) => out.push(x.join("git").join("attributes")),
            (None, Some(h)) => out.push(h.join(".config").join("git").join("attributes")),
            (None, None) => {}
        }
        out.push(PathBuf::from("/etc/gitattributes"));
        out.push(PathBuf::from("/usr/local/etc/gitattributes"));
        out
    }

    pub fn user_config_path(&self) -> Option<PathBuf> {
        if let Some(p) = &self.config {
            return Some(p.clone());
        }
        if let Some(x) = &self.xdg_config_home {
            return Some(x.join("wfc").join("config.toml"));
        }
        self.home
            .as_ref()
            .map(|h| h.join(".config").join("wfc").join("config.toml"))
    }
}
