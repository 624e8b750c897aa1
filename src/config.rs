//! Layered configuration: built-in defaults, user file, repository `.wfc/config.toml`, `WFC_*`
//! environment; command-line flags are applied last by the commands that own them.
//!
//! Every file is checked on its own first, so an error names the file with line and column and an
//! unknown key is reported with the file it came from. The layers are then merged as TOML tables
//! (later wins; `[[review.reviewer]]` entries merge by `id`) and read into [`Config`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::env::Env;
use crate::tier::Tier;

/// The ids of the built-in reviewers (their registry is [`crate::reviewers`]).
pub use crate::reviewers::IDS as BUILTIN_REVIEWERS;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid config {path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("invalid config {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("invalid value in environment variable {var}: {message}")]
    Env { var: String, message: String },
    #[error("cannot read config {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl ConfigError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::Parse { path, .. } | ConfigError::Invalid { path, .. } => Some(format!(
                "fix or remove the value in {}; `wfc init --force` writes a fresh commented file",
                path.display()
            )),
            ConfigError::Env { var, .. } => Some(format!("unset {var} or give it a valid value")),
            ConfigError::Read { .. } => None,
        }
    }
}

/// A duration written as `"24h"`, `"30s"` or a number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationValue(pub Duration);

impl<'de> Deserialize<'de> for DurationValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Secs(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Secs(s) => Ok(DurationValue(Duration::from_secs(s))),
            Raw::Text(t) => crate::time::parse_duration(&t)
                .map(DurationValue)
                .map_err(serde::de::Error::custom),
        }
    }
}

impl Serialize for DurationValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&humantime::format_duration(self.0).to_string())
    }
}

/// A list written as a TOML array or as one comma-separated string (handy in `WFC_*` variables).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct StringList(pub Vec<String>);

impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            List(Vec<String>),
            Text(String),
        }
        Ok(StringList(match Raw::deserialize(d)? {
            Raw::List(l) => l,
            Raw::Text(t) => t
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }))
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct IdSection {
    pub id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct WorktreeConfig {
    /// Glob patterns of files copied from the main checkout into a new worktree; `!pat` excludes.
    pub copy: StringList,
    /// Most live worktrees per project; 0 means no limit.
    pub max_per_project: u32,
    /// Most live worktrees in the repository over all projects; 0 means no limit.
    pub max_total: u32,
    /// Idle time after which a worktree without a live owner is an orphan.
    pub orphan_after: DurationValue,
    /// How long to wait for the per-repository creation lock.
    pub lock_timeout: DurationValue,
}

impl Default for WorktreeConfig {
    fn default() -> Self {
        WorktreeConfig {
            copy: StringList(
                [
                    ".env*",
                    "!.env.example",
                    ".tool-versions",
                    ".node-version",
                    ".python-version",
                    ".nvmrc",
                    ".ruby-version",
                ]
                .map(String::from)
                .to_vec(),
            ),
            max_per_project: 0,
            max_total: 0,
            orphan_after: DurationValue(Duration::from_secs(24 * 3600)),
            lock_timeout: DurationValue(Duration::from_secs(60)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewerFormat {
    WfcJson,
    Sarif,
    Rdjson,
    LlmText,
}

impl ReviewerFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewerFormat::WfcJson => "wfc-json",
            ReviewerFormat::Sarif => "sarif",
            ReviewerFormat::Rdjson => "rdjson",
            ReviewerFormat::LlmText => "llm-text",
        }
    }
}

/// How an external reviewer is started: a shell line (run with `sh -c`) or an argv list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum CommandLine {
    Shell(String),
    Argv(Vec<String>),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ExternalReviewerConfig {
    pub id: String,
    pub command: CommandLine,
    #[serde(default = "default_format")]
    pub format: ReviewerFormat,
    #[serde(default)]
    pub timeout: Option<DurationValue>,
    /// File extensions (without dot) this reviewer cares about; absent means every change.
    #[serde(default)]
    pub extensions: Option<StringList>,
    /// Name of a `[rate_limit.<name>]` bucket shared by every wfc process.
    #[serde(default)]
    pub rate_limit: Option<String>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Reviewer instructions put at the head of its prompt.
    #[serde(default)]
    pub instructions: Option<String>,
    #[serde(default)]
    pub temperature: Option<f64>,
    /// Working directory, relative to the main repository.
    #[serde(default)]
    pub cwd: Option<String>,
}

fn default_format() -> ReviewerFormat {
    ReviewerFormat::WfcJson
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnReviewerError {
    /// A reviewer error makes the review incomplete (exit 3): fail closed.
    #[default]
    Fail,
    /// A reviewer error is reported, and the review is scored on the reviewers that answered.
    Warn,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewConfig {
    /// Reviewers that run by default (built-in and external ids).
    pub reviewers: StringList,
    /// The lowest tier that fails a review.
    pub fail_on: Tier,
    pub on_reviewer_error: OnReviewerError,
    /// Default timeout of an external reviewer.
    pub timeout: DurationValue,
    /// Token budget for knowledge entries in each reviewer's prompt.
    pub knowledge_tokens: usize,
    /// Append learnings to the knowledge base after a review.
    pub learn: bool,
    /// Most findings kept from one reviewer's answer (the most severe ones).
    pub max_findings: usize,
    /// Job reports (`.wfc/output/<project>/jobs/<job>.md` and `.json`) kept per task, newest
    /// first; older ones are deleted after each review. 0 keeps every one.
    pub keep_reports: usize,
    #[serde(rename = "reviewer")]
    pub reviewer: Vec<ExternalReviewerConfig>,
    pub secrets: SecretsConfig,
}

/// `[review.secrets]`: the credential rules of the security reviewer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SecretsConfig {
    /// A gitleaks config file with extra rules, relative to the repository's work tree; absent
    /// means `.gitleaks.toml` when there is one.
    pub gitleaks_config: Option<String>,
}

/// Findings kept of one reviewer's answer unless `[review] max_findings` says otherwise.
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            reviewers: StringList(Vec::new()),
            fail_on: Tier::Important,
            on_reviewer_error: OnReviewerError::Fail,
            timeout: DurationValue(Duration::from_secs(300)),
            knowledge_tokens: 1500,
            learn: true,
            max_findings: DEFAULT_MAX_FINDINGS,
            keep_reports: 50,
            reviewer: Vec::new(),
            secrets: SecretsConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct TelemetryConfig {
    pub enabled: bool,
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        TelemetryConfig { enabled: true }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct HookConfig {
    /// Reviewers run by the pre-commit hook; empty means the five built-in ones.
    pub reviewers: StringList,
}

/// `[gate]`: what a review must be to let a commit through. As committed in `HEAD` (locally) or
/// on the target branch (in CI), never as the change under review or the environment has it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GateConfig {
    /// Required reviewers; empty means `[hook] reviewers`, else the five built-in ones.
    pub reviewers: StringList,
    /// The lowest tier that fails; absent means `[review] fail_on`.
    pub fail_on: Option<Tier>,
    /// An SSH ed25519 private key that signs review attestations (`Review-Signature`). Taken
    /// from the user config only (a repository's is ignored with a warning); not part of the
    /// policy. Without it, a key made by `wfc gate keygen` is used when there is one.
    pub signing_key: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
pub struct RateLimitConfig {
    pub capacity: f64,
    pub refill_per_sec: f64,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    pub store: StoreConfig,
    pub project: IdSection,
    pub developer: IdSection,
    pub worktree: WorktreeConfig,
    pub review: ReviewConfig,
    pub telemetry: TelemetryConfig,
    pub hook: HookConfig,
    pub gate: GateConfig,
    pub rate_limit: BTreeMap<String, RateLimitConfig>,
    /// Per section (`review`, `hook`), the error for an unknown id in its `reviewers` list, with
    /// the file, line and column (or variable) that wrote it. Reported by the commands that use
    /// the list, so a list naming a reviewer only some users define stops only their reviews.
    #[serde(skip)]
    pub unknown_reviewers: BTreeMap<&'static str, String>,
}

/// `[store]`: where wfc keeps its state. From the user config only (a repository's is ignored
/// with a warning); `WFC_DATABASE_URL` overrides it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreConfig {
    /// `postgres://user@host/db` for a shared PostgreSQL store; none for the embedded SQLite
    /// file `$WFC_HOME/wfc.db`.
    pub url: Option<String>,
}

/// Where a layer came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    User(PathBuf),
    Repo(PathBuf),
    Env,
}

/// The merged configuration, the files that fed it, and the warnings to show.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
    /// What the repository's config file would run, when it defines anything that needs
    /// `wfc trust` (see [`RepoCommands`]).
    pub repo_commands: Option<RepoCommands>,
    /// sha256 of the repository's config file as parsed, when there is one.
    pub repo_sha256: Option<String>,
}

/// The parts of a repository's `.wfc/config.toml` that take effect only once `wfc trust` recorded
/// the file's sha256: external reviewers (they run commands, with their env and cwd) and
/// rate-limit buckets (shared by every project on the machine). A repository is untrusted input:
/// a clone or a pull-request branch must not run anything the user did not agree to.
#[derive(Debug, Clone)]
pub struct RepoCommands {
    pub path: PathBuf,
    /// sha256 (hex) of the exact bytes that were parsed.
    pub sha256: String,
    /// Ids of the `[[review.reviewer]]` entries the file defines or changes.
    pub reviewers: Vec<String>,
    /// Names of the `[rate_limit.<name>]` tables the file defines or changes.
    pub rate_limits: Vec<String>,
    /// The rate-limit tables as they are without the file's, used while it is untrusted.
    pub rate_limits_without: BTreeMap<String, RateLimitConfig>,
}

impl RepoCommands {
    /// The reviewer entries as the merged config has them (what would run once trusted).
    pub fn reviewer_configs<'a>(
        &'a self,
        config: &'a Config,
    ) -> impl Iterator<Item = &'a ExternalReviewerConfig> + 'a {
        config
            .review
            .reviewer
            .iter()
            .filter(|r| self.reviewers.contains(&r.id))
    }
}

/// Ids of the reviewer entries and names of the rate-limit tables a layer defines.
fn command_parts(table: &toml::Table) -> (Vec<String>, Vec<String>) {
    let reviewers = table
        .get("review")
        .and_then(|r| r.get("reviewer"))
        .and_then(|r| r.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|r| r.get("id").and_then(|i| i.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let rate_limits = table
        .get("rate_limit")
        .and_then(|r| r.as_table())
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default();
    (reviewers, rate_limits)
}

/// The layer without its command-bearing parts.
fn without_command_parts(mut table: toml::Table) -> toml::Table {
    table.remove("rate_limit");
    if let Some(toml::Value::Table(review)) = table.get_mut("review") {
        review.remove("reviewer");
    }
    table
}

/// `[rate_limit.<name>]` capacity and refill as a repository file writes them (for display).
pub fn rate_limit_tables(path: &Path) -> BTreeMap<String, (Option<f64>, Option<f64>)> {
    let Ok(Some((table, _))) = read_repo_layer(path, &mut Vec::new()) else {
        return BTreeMap::new();
    };
    let num = |t: &toml::Value, k: &str| {
        t.get(k)
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
    };
    table
        .get("rate_limit")
        .and_then(|r| r.as_table())
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), (num(v, "capacity"), num(v, "refill_per_sec"))))
                .collect()
        })
        .unwrap_or_default()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn find_key_line(text: &str, key: &str) -> Option<usize> {
    let last = key.rsplit('.').next()?;
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(last)
                && t[last.len()..]
                    .trim_start()
                    .starts_with(['=', '.', ']'].as_slice())
                || t.trim_start_matches('[').starts_with(last)
        })
        .map(|i| i + 1)
}

/// Checks one TOML file and returns its table. Unknown keys become warnings.
pub fn parse_layer(
    path: &Path,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<toml::Table, ConfigError> {
    let parse_err = |e: toml::de::Error| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    };
    let de = toml::Deserializer::parse(text).map_err(parse_err)?;
    let mut unknown = Vec::new();
    let _: Config =
        serde_ignored::deserialize(de, |p| unknown.push(p.to_string())).map_err(parse_err)?;
    for key in unknown {
        let at = find_key_line(text, &key)
            .map(|l| format!(":{l}"))
            .unwrap_or_default();
        warnings.push(format!(
            "unknown config key `{key}` in {}{at} (ignored)",
            path.display()
        ));
    }
    let table: toml::Table = toml::from_str(text).map_err(parse_err)?;
    validate_table(path, &table)?;
    Ok(table)
}

fn validate_table(path: &Path, table: &toml::Table) -> Result<(), ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let mut probe = Config::default();
    merge_into(&mut probe, table.clone()).map_err(invalid)?;
    use crate::ids::{IdKind, validate};
    if let Some(id) = &probe.project.id {
        validate(IdKind::Project, id).map_err(|e| invalid(format!("[project] id: {e}")))?;
    }
    if let Some(id) = &probe.developer.id {
        validate(IdKind::Developer, id).map_err(|e| invalid(format!("[developer] id: {e}")))?;
    }
    let mut seen = std::collections::BTreeSet::new();
    for r in &probe.review.reviewer {
        validate(IdKind::Reviewer, &r.id)
            .map_err(|e| invalid(format!("[[review.reviewer]] id: {e}")))?;
        if BUILTIN_REVIEWERS.contains(&r.id.as_str()) {
            return Err(invalid(format!(
                "[[review.reviewer]] id {:?} is the name of a built-in reviewer; choose another id",
                r.id
            )));
        }
        if let Some(cwd) = &r.cwd {
            let p = Path::new(cwd);
            if p.is_absolute()
                || p.components().any(|c| {
                    !matches!(
                        c,
                        std::path::Component::Normal(_) | std::path::Component::CurDir
                    )
                })
            {
                return Err(invalid(format!(
                    "[[review.reviewer]] {:?} cwd {cwd:?} must be a relative path inside the repository (no `..`, not absolute)",
                    r.id
                )));
            }
        }
        if !seen.insert(r.id.clone()) {
            return Err(invalid(format!(
                "[[review.reviewer]] id {:?} appears twice",
                r.id
            )));
        }
    }
    for (name, rl) in &probe.rate_limit {
        if !(rl.capacity >= 1.0 && rl.refill_per_sec > 0.0) {
            return Err(invalid(format!(
                "[rate_limit.{name}] needs capacity >= 1 and refill_per_sec > 0"
            )));
        }
    }
    Ok(())
}

/// The configuration of one layer over the built-in defaults (no user file, no environment): the
/// gate policy of a committed file.
pub fn from_layer(table: toml::Table) -> Result<Config, String> {
    let mut c = Config::default();
    merge_into(&mut c, table)?;
    Ok(c)
}

fn merge_into(config: &mut Config, table: toml::Table) -> Result<(), String> {
    let mut base = toml::Table::try_from(&*config).map_err(|e| e.to_string())?;
    merge_tables(&mut base, table);
    *config = Config::deserialize(toml::Value::Table(base)).map_err(|e| e.to_string())?;
    Ok(())
}

/// Deep merge: tables merge key by key, `review.reviewer` arrays merge by `id`, other values are
/// replaced.
fn merge_tables(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge_tables(b, o),
            (Some(toml::Value::Array(b)), toml::Value::Array(o)) if k == "reviewer" => {
                for item in o {
                    let id = item.get("id").cloned();
                    match b
                        .iter_mut()
                        .find(|x| x.get("id") == id.as_ref() && id.is_some())
                    {
                        Some(slot) => *slot = item,
                        None => b.push(item),
                    }
                }
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Turns `WFC_<SECTION>_<KEY>=value` variables into a table. Values are read as TOML when they
/// parse (`3`, `true`, `["a"]`) and as strings otherwise.
fn env_layer(env: &Env, warnings: &mut Vec<String>) -> Result<toml::Table, ConfigError> {
    let sections = [
        "project",
        "developer",
        "worktree",
        "review",
        "telemetry",
        "hook",
    ];
    let defaults = toml::Table::try_from(Config::default()).unwrap_or_default();
    let mut table = toml::Table::new();
    for (var, raw) in &env.overrides {
        let rest = var.trim_start_matches("WFC_").to_ascii_lowercase();
        let Some((section, key)) = rest.split_once('_') else {
            warnings.push(format!("unknown environment variable {var} (ignored)"));
            continue;
        };
        let known = sections.contains(&section)
            && defaults
                .get(section)
                .and_then(|s| s.as_table())
                .is_some_and(|t| {
                    t.contains_key(key) || section == "project" || section == "developer"
                })
            && (section != "project" && section != "developer" || key == "id");
        if !known {
            warnings.push(format!("unknown environment variable {var} (ignored)"));
            continue;
        }
        let value = toml::from_str::<toml::Table>(&format!("v = {raw}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| toml::Value::String(raw.clone()));
        let entry = table
            .entry(section.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(t) = entry {
            t.insert(key.to_string(), value);
        }
        let mut probe = Config::default();
        let mut one = toml::Table::new();
        one.insert(section.to_string(), table[section].clone());
        merge_into(&mut probe, one).map_err(|message| ConfigError::Env {
            var: var.clone(),
            // serde's messages end in "\nin `section.key`\n": one line reads better.
            message: message.split_whitespace().collect::<Vec<_>>().join(" "),
        })?;
    }
    Ok(table)
}

fn read_layer(path: &Path, warnings: &mut Vec<String>) -> Result<Option<toml::Table>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_layer(path, &text, warnings).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Reads the repository's config file, which must be a regular file in a real `.wfc` folder: a
/// symlink there could make wfc read (and quote in an error) a file outside the repository.
/// Returns the table and the sha256 of the bytes parsed.
fn read_repo_layer(
    path: &Path,
    warnings: &mut Vec<String>,
) -> Result<Option<(toml::Table, String)>, ConfigError> {
    let refuse = |what: &str| ConfigError::Invalid {
        path: path.to_path_buf(),
        message: format!("{what}; wfc reads the repository config only from a regular file"),
    };
    if let Some(dir) = path.parent() {
        match std::fs::symlink_metadata(dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(refuse(&format!("{} is a symlink", dir.display())));
            }
            Ok(m) if !m.is_dir() => return Ok(None),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => {}
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(refuse("it is a symlink")),
        Ok(m) if !m.is_file() => return Err(refuse("it is not a regular file")),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| ConfigError::Invalid {
        path: path.to_path_buf(),
        message: "not UTF-8 text".into(),
    })?;
    let table = parse_layer(path, &text, warnings)?;
    Ok(Some((table, sha256_hex(text.as_bytes()))))
}

/// The repository config comes with a clone: it is read only as a regular file in a real `.wfc`
/// folder, never through a symbolic link (which could make wfc read, and quote in a parse error,
/// any file of the machine).
fn repo_config_is_real(path: &Path) -> Result<(), ConfigError> {
    let refuse = |p: &Path| ConfigError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other(format!(
            "{} is a symbolic link; the repository config must be a regular file in a real .wfc folder",
            p.display()
        )),
    };
    for p in [path.parent(), Some(path)].into_iter().flatten() {
        if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refuse(p));
        }
    }
    Ok(())
}

/// Loads every layer. `repo_config` is `<main repo>/.wfc/config.toml` when in a repository.
pub fn load(env: &Env, repo_config: Option<&Path>) -> Result<Loaded, ConfigError> {
    let mut loaded = Loaded::default();
    let mut merged = toml::Table::new();
    // Each layer as read, to say which file (and line) names an unknown reviewer.
    let mut layers: Vec<(Option<PathBuf>, toml::Table)> = Vec::new();
    if let Some(p) = env.user_config_path() {
        if let Some(t) = read_layer(&p, &mut loaded.warnings)? {
            layers.push((Some(p.clone()), t.clone()));
            merge_tables(&mut merged, t);
            loaded.sources.push(Source::User(p));
        } else if env.config.is_some() {
            loaded.warnings.push(format!(
                "WFC_CONFIG names {}, which does not exist",
                p.display()
            ));
        }
    }
    if let Some(p) = repo_config {
        repo_config_is_real(p)?;
    }
    // The merge without the repository's command-bearing parts, for the rate-limit tables that
    // hold while the file is untrusted.
    let mut merged_without = None;
    if let Some(p) = repo_config
        && let Some((t, sha256)) = read_repo_layer(p, &mut loaded.warnings)?
    {
        loaded.repo_sha256 = Some(sha256.clone());
        let mut t = t;
        if let Some(toml::Value::Table(gate)) = t.get_mut("gate")
            && gate.remove("signing_key").is_some()
        {
            loaded.warnings.push(format!(
                "ignoring [gate] signing_key in {}: a repository cannot choose a key file for wfc to read; set it in your user config",
                p.display()
            ));
        }
        if t.remove("store").is_some() {
            loaded.warnings.push(format!(
                "ignoring [store] in {}: a repository cannot choose where wfc keeps its audit trail; set it in your user config or WFC_DATABASE_URL",
                p.display()
            ));
        }
        let (reviewers, rate_limits) = command_parts(&t);
        if !reviewers.is_empty() || !rate_limits.is_empty() {
            let mut without = merged.clone();
            merge_tables(&mut without, without_command_parts(t.clone()));
            merged_without = Some(without);
            loaded.repo_commands = Some(RepoCommands {
                path: p.to_path_buf(),
                sha256,
                reviewers,
                rate_limits,
                rate_limits_without: BTreeMap::new(),
            });
        }
        layers.push((Some(p.to_path_buf()), t.clone()));
        merge_tables(&mut merged, t);
        loaded.sources.push(Source::Repo(p.to_path_buf()));
    }
    let env_table = env_layer(env, &mut loaded.warnings)?;
    if !env_table.is_empty() {
        if let Some(w) = merged_without.as_mut() {
            merge_tables(w, env_table.clone());
        }
        layers.push((None, env_table.clone()));
        merge_tables(&mut merged, env_table);
        loaded.sources.push(Source::Env);
    }
    if let (Some(rc), Some(w)) = (loaded.repo_commands.as_mut(), merged_without) {
        let mut c = Config::default();
        if merge_into(&mut c, w).is_ok() {
            rc.rate_limits_without = c.rate_limit;
        }
    }
    let last_path = loaded
        .sources
        .iter()
        .rev()
        .find_map(|s| match s {
            Source::User(p) | Source::Repo(p) => Some(p.clone()),
            Source::Env => None,
        })
        .unwrap_or_else(|| PathBuf::from("<environment>"));
    merge_into(&mut loaded.config, merged).map_err(|message| ConfigError::Invalid {
        path: last_path.clone(),
        message,
    })?;
    if loaded.config.review.max_findings == 0 {
        // Zero would drop every finding of every external reviewer: a review that always passes.
        return Err(ConfigError::Invalid {
            path: last_path,
            message: "[review] max_findings must be at least 1".into(),
        });
    }
    loaded.config.unknown_reviewers = unknown_reviewers(&loaded.config, &layers);
    for r in &loaded.config.review.reviewer {
        if let Some(limit) = &r.rate_limit
            && !loaded.config.rate_limit.contains_key(limit)
        {
            return Err(ConfigError::Invalid {
                path: last_path,
                message: format!(
                    "reviewer {:?} names rate_limit {limit:?}, but there is no [rate_limit.{limit}] table",
                    r.id
                ),
            });
        }
    }
    Ok(loaded)
}

/// The ids of `reviewers` lists (`[review]`, `[hook]`) that name neither a built-in reviewer nor
/// a `[[review.reviewer]]` of the merged config, as errors naming the file, line and column that
/// wrote them (or the environment variable). The last layer that sets a list decides it.
fn unknown_reviewers(
    config: &Config,
    layers: &[(Option<PathBuf>, toml::Table)],
) -> BTreeMap<&'static str, String> {
    let mut valid: Vec<&str> = BUILTIN_REVIEWERS.to_vec();
    valid.extend(config.review.reviewer.iter().map(|r| r.id.as_str()));
    let mut out = BTreeMap::new();
    for (path, table) in layers {
        for section in ["review", "hook"] {
            let Some(list) = table
                .get(section)
                .and_then(|s| s.get("reviewers"))
                .and_then(|v| StringList::deserialize(v.clone()).ok())
            else {
                continue;
            };
            let Some(bad) = list
                .0
                .iter()
                .map(|id| id.trim())
                .find(|id| !id.is_empty() && !valid.contains(id))
            else {
                out.remove(section);
                continue;
            };
            let message = format!("[{section}] reviewers: unknown reviewer {bad:?}");
            let err = match path {
                None => ConfigError::Env {
                    var: format!("WFC_{}_REVIEWERS", section.to_ascii_uppercase()),
                    message,
                },
                Some(path) => {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    let (line, column) = locate_list_item(&text, section, bad);
                    ConfigError::Parse {
                        path: path.clone(),
                        line,
                        column,
                        message,
                    }
                }
            };
            out.insert(section, err.to_string());
        }
    }
    out
}

/// Where `item` is written in the `reviewers` value of `[section]` of `text`, as (line, column);
/// the `reviewers` key when the item cannot be pointed at; 1:1 when neither can.
fn locate_list_item(text: &str, section: &str, item: &str) -> (usize, usize) {
    let mut in_section = false;
    let mut key_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            in_section = t.trim_start_matches('[').trim_end_matches(']').trim() == section;
        } else if in_section && key_at.is_none() && t.starts_with("reviewers") {
            key_at = Some(offset + (line.len() - line.trim_start().len()));
        }
        if let Some(k) = key_at {
            if let Some(i) = text[k..].find(item) {
                return line_col(text, k + i);
            }
            return line_col(text, k);
        }
        offset += line.len();
    }
    (1, 1)
}

/// The commented file `wfc init` writes.
pub fn init_template(project_id: &str) -> String {
    format!(
        r#"# wfc configuration for this repository.
# Layers, each overriding the one before: built-in defaults, the user file
# (~/.config/wfc/config.toml), this file, WFC_<SECTION>_<KEY> environment
# variables, then command-line flags.

[project]
# The namespace of worktrees, reports, knowledge attribution, jobs and telemetry.
id = "{project_id}"

[review]
# Reviewers that run by default: built-in ones and the ids of [[review.reviewer]] entries.
reviewers = ["security", "correctness", "performance", "maintainability", "reliability"]
# The lowest tier that fails a review: informational, moderate, important, critical.
fail_on = "important"
# What a crashed, timed-out or garbled reviewer does to the review: "fail" (exit 3) or "warn".
on_reviewer_error = "fail"
# Default timeout of an external reviewer.
timeout = "5m"
# Append learnings from findings to the knowledge base.
learn = true

# An external reviewer: any command that reads the JSON request on stdin and answers
# in wfc-json, sarif, rdjson or llm-text.
# [[review.reviewer]]
# id = "semgrep"
# command = "semgrep scan --sarif --quiet ."
# format = "sarif"
# timeout = "2m"
# extensions = ["py", "js", "ts"]
# rate_limit = "llm"

# A token bucket shared by every wfc process on this machine.
# [rate_limit.llm]
# capacity = 5
# refill_per_sec = 0.5

[worktree]
# Files copied from the main checkout into each new worktree ("!" excludes).
copy = [".env*", "!.env.example", ".tool-versions", ".node-version", ".python-version", ".nvmrc", ".ruby-version"]
# Pool limits; 0 means no limit.
max_per_project = 0
max_total = 0
# Idle time after which a worktree with no live owner is an orphan for `wfc cleanup`.
orphan_after = "24h"

[hook]
# Reviewers the pre-commit hook runs; empty means the five built-in ones.
reviewers = []

[telemetry]
# Per-project figures kept in the local database only. DO_NOT_TRACK=1 also turns this off.
enabled = true
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> Result<(toml::Table, Vec<String>), ConfigError> {
        let mut w = Vec::new();
        parse_layer(Path::new("/x/config.toml"), text, &mut w).map(|t| (t, w))
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = layer("[review]\nfail_on = \n").unwrap_err().to_string();
        assert!(err.starts_with("invalid config /x/config.toml:2:"), "{err}");
    }

    #[test]
    fn type_error_has_line() {
        let err = layer("[worktree]\n\nmax_total = \"many\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("/x/config.toml:3:"), "{err}");
    }

    #[test]
    fn unknown_keys_warn_with_line() {
        let (_, w) = layer("[worktree]\nmax_totl = 3\n").unwrap();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("worktree.max_totl"), "{w:?}");
        assert!(w[0].contains("config.toml:2"), "{w:?}");
    }

    #[test]
    fn template_parses_cleanly() {
        let (t, w) = layer(&init_template("demo")).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let mut c = Config::default();
        merge_into(&mut c, t).unwrap();
        assert_eq!(c.project.id.as_deref(), Some("demo"));
        assert_eq!(c.review.reviewers.0.len(), 5);
    }

    #[test]
    fn builtin_reviewer_id_is_refused() {
        let err = layer("[[review.reviewer]]\nid = \"security\"\ncommand = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("built-in"), "{err}");
    }

    #[test]
    fn reviewers_merge_by_id() {
        let mut base: toml::Table = toml::from_str(
            "[[review.reviewer]]\nid='a'\ncommand='1'\n[[review.reviewer]]\nid='b'\ncommand='2'\n",
        )
        .unwrap();
        let over: toml::Table =
            toml::from_str("[[review.reviewer]]\nid='b'\ncommand='3'\n").unwrap();
        merge_tables(&mut base, over);
        let mut c = Config::default();
        merge_into(&mut c, base).unwrap();
        let cmds: Vec<_> = c
            .review
            .reviewer
            .iter()
            .map(|r| (r.id.clone(), r.command.clone()))
            .collect();
        assert_eq!(
            cmds,
            vec![
                ("a".into(), CommandLine::Shell("1".into())),
                ("b".into(), CommandLine::Shell("3".into()))
            ]
        );
    }

    #[test]
    fn env_overrides_and_lists() {
        let env = Env {
            overrides: vec![
                ("WFC_REVIEW_FAIL_ON".into(), "critical".into()),
                ("WFC_WORKTREE_MAX_TOTAL".into(), "7".into()),
                ("WFC_HOOK_REVIEWERS".into(), "security,reliability".into()),
                ("WFC_BOGUS".into(), "1".into()),
            ],
            ..Env::default()
        };
        let l = load(&env, None).unwrap();
        assert_eq!(l.config.review.fail_on, Tier::Critical);
        assert_eq!(l.config.worktree.max_total, 7);
        assert_eq!(l.config.hook.reviewers.0, vec!["security", "reliability"]);
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
        let bad = Env {
            overrides: vec![("WFC_WORKTREE_MAX_TOTAL".into(), "lots".into())],
            ..Env::default()
        };
        let err = load(&bad, None).unwrap_err().to_string();
        assert!(err.contains("WFC_WORKTREE_MAX_TOTAL"), "{err}");
    }
}
