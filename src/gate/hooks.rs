//! The git hooks wfc installs: where git looks for them, what the scripts say, chaining the hook
//! that was there before, restoring it, and noticing another hook manager.
//!
//! The hooks directory is what `git rev-parse --git-path hooks` gives: `core.hooksPath` when set
//! (a relative path is relative to the top of the worktree the hook runs in, `~/` is the home
//! folder), else `<common git dir>/hooks`, which every linked worktree shares.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::git::{GitError, RepoInfo, ctx};

/// The hooks wfc installs, in the order git runs them.
pub const HOOKS: &[&str] = &["pre-commit", "commit-msg"];
/// The first line after the shebang of every script wfc writes.
pub const MARKER: &str = "# wfc-hook v1";
/// The suffix of a hook that was there before wfc and now runs first.
pub const CHAINED_SUFFIX: &str = ".wfc-chained";

#[derive(Debug, thiserror::Error)]
pub enum HookError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("{what} {}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{} is not a wfc hook, and {} also exists",
        path.display(),
        chained.display()
    )]
    ChainOccupied { path: PathBuf, chained: PathBuf },
}

impl HookError {
    pub fn hint(&self) -> Option<String> {
        match self {
            HookError::ChainOccupied { .. } => Some(
                "the hook was replaced after wfc was installed; move one of the two files aside \
                 and run `wfc hook install` again"
                    .into(),
            ),
            // A git error is reported (with its hint) as itself.
            HookError::Git(_) | HookError::Io { .. } => None,
        }
    }
}

fn io<'a>(what: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> HookError + 'a {
    move |source| HookError::Io {
        what,
        path: path.to_path_buf(),
        source,
    }
}

/// Where `core.hooksPath` came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfigScope {
    /// The repository's or the worktree's own config.
    Local,
    /// The user's or the system's config: hooks there run for every repository.
    Global,
}

/// The hooks directory git uses for this worktree.
#[derive(Debug, Clone, Serialize)]
pub struct HooksDir {
    pub path: PathBuf,
    /// `core.hooksPath` as written, when set.
    pub hooks_path: Option<String>,
    pub scope: Option<ConfigScope>,
}

fn expand_home(raw: &str) -> PathBuf {
    if let Some(rest) = raw.strip_prefix("~/")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    PathBuf::from(raw)
}

/// Resolves the hooks directory as git does for the worktree `info.workdir`.
pub fn resolve(info: &RepoInfo) -> Result<HooksDir, GitError> {
    let repo = info.open_current()?;
    let config = repo.config().map_err(ctx("cannot read the git config"))?;
    let entry = match config.get_entry("core.hooksPath") {
        Ok(e) => Some((e.value().unwrap_or_default().to_string(), e.level())),
        Err(e) if e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return Err(GitError::git("cannot read core.hooksPath", e)),
    };
    match entry {
        Some((raw, level)) if !raw.is_empty() => {
            let p = expand_home(&raw);
            let path = if p.is_absolute() {
                p
            } else {
                info.workdir.join(p)
            };
            let scope = match level {
                git2::ConfigLevel::Local | git2::ConfigLevel::Worktree | git2::ConfigLevel::App => {
                    ConfigScope::Local
                }
                _ => ConfigScope::Global,
            };
            Ok(HooksDir {
                path: normalize(&path),
                hooks_path: Some(raw),
                scope: Some(scope),
            })
        }
        _ => Ok(HooksDir {
            path: info.common_dir.join("hooks"),
            hooks_path: None,
            scope: None,
        }),
    }
}

/// Removes `.` and `..` components without touching the file system (the folder may not exist).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Another tool that manages git hooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Manager {
    #[serde(rename = "pre-commit")]
    PreCommit,
    Prek,
    Lefthook,
    Husky,
}

impl Manager {
    pub fn name(self) -> &'static str {
        match self {
            Manager::PreCommit => "pre-commit",
            Manager::Prek => "prek",
            Manager::Lefthook => "lefthook",
            Manager::Husky => "husky",
        }
    }

    /// What to add to that manager's configuration to run wfc from it.
    pub fn snippet(self) -> &'static str {
        match self {
            Manager::PreCommit | Manager::Prek => {
                "# .pre-commit-config.yaml (then: `pre-commit install --hook-type pre-commit --hook-type commit-msg`,\n\
                 # or the same with `prek install`)\n\
                 repos:\n\
                 \x20 - repo: local\n\
                 \x20   hooks:\n\
                 \x20     - id: wfc-review\n\
                 \x20       name: wfc review\n\
                 \x20       entry: wfc hook run pre-commit\n\
                 \x20       language: system\n\
                 \x20       pass_filenames: false\n\
                 \x20       always_run: true\n\
                 \x20       stages: [pre-commit]\n\
                 \x20     - id: wfc-review-hash\n\
                 \x20       name: wfc Review-Hash\n\
                 \x20       entry: wfc hook run commit-msg\n\
                 \x20       language: system\n\
                 \x20       always_run: true\n\
                 \x20       stages: [commit-msg]\n"
            }
            Manager::Lefthook => {
                "# lefthook.yml (then: `lefthook install`)\n\
                 pre-commit:\n\
                 \x20 commands:\n\
                 \x20   wfc-review:\n\
                 \x20     run: wfc hook run pre-commit\n\
                 commit-msg:\n\
                 \x20 commands:\n\
                 \x20   wfc-review-hash:\n\
                 \x20     run: wfc hook run commit-msg {1}\n"
            }
            Manager::Husky => {
                "# add as the last line of .husky/pre-commit:\n\
                 wfc hook run pre-commit\n\
                 # add as the last line of .husky/commit-msg:\n\
                 wfc hook run commit-msg \"$1\"\n"
            }
        }
    }
}

/// A manager and what gave it away.
#[derive(Debug, Clone, Serialize)]
pub struct Detected {
    pub manager: Manager,
    pub evidence: String,
    /// Whether the manager's hooks are installed (its scripts in the hooks directory, or husky's
    /// `core.hooksPath`), so that it owns the hooks; a config file alone does not.
    pub installed: bool,
}

impl Detected {
    /// The managers whose hooks are installed.
    pub fn owners(found: &[Detected]) -> Vec<&Detected> {
        found.iter().filter(|d| d.installed).collect()
    }
}

fn script_text(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).into_owned())
}

/// Finds other hook managers for this worktree: installed ones by their scripts in the hooks
/// directory (including a hook wfc chained) or husky's `core.hooksPath`, then configured but not
/// installed ones by their config files at its top. Installed ones come first.
pub fn detect(info: &RepoInfo, dir: &HooksDir) -> Vec<Detected> {
    let mut found: Vec<Detected> = Vec::new();
    fn add(found: &mut Vec<Detected>, manager: Manager, evidence: String) {
        add_as(found, manager, evidence, true)
    }
    fn configured(found: &mut Vec<Detected>, manager: Manager, evidence: String) {
        add_as(found, manager, evidence, false)
    }
    fn add_as(found: &mut Vec<Detected>, manager: Manager, evidence: String, installed: bool) {
        if !found.iter().any(|d| d.manager == manager) {
            found.push(Detected {
                manager,
                evidence,
                installed,
            });
        }
    }
    if let Some(raw) = &dir.hooks_path {
        let t = raw.trim_end_matches('/');
        if t == ".husky" || t == ".husky/_" || t.ends_with("/.husky") || t.ends_with("/.husky/_") {
            add(
                &mut found,
                Manager::Husky,
                format!("core.hooksPath is {raw}"),
            );
        }
    }
    let names: Vec<String> = HOOKS
        .iter()
        .flat_map(|h| [h.to_string(), format!("{h}{CHAINED_SUFFIX}")])
        .chain(["pre-push".to_string(), "prepare-commit-msg".to_string()])
        .collect();
    for name in &names {
        let path = dir.path.join(name);
        let Some(text) = script_text(&path) else {
            continue;
        };
        if text.contains("File generated by prek") {
            add(
                &mut found,
                Manager::Prek,
                format!("{} was written by prek", path.display()),
            );
        } else if text.contains("File generated by pre-commit") {
            add(
                &mut found,
                Manager::PreCommit,
                format!("{} was written by pre-commit", path.display()),
            );
        } else if text.contains("lefthook") {
            add(
                &mut found,
                Manager::Lefthook,
                format!("{} runs lefthook", path.display()),
            );
        } else if text.contains("husky") {
            add(
                &mut found,
                Manager::Husky,
                format!("{} runs husky", path.display()),
            );
        }
    }
    let top = &info.workdir;
    for f in [".pre-commit-config.yaml", ".pre-commit-config.yml"] {
        if top.join(f).is_file() && !found.iter().any(|d| d.manager == Manager::Prek) {
            configured(&mut found, Manager::PreCommit, format!("{f} exists"));
        }
    }
    if top.join("prek.toml").is_file() {
        configured(&mut found, Manager::Prek, "prek.toml exists".into());
    }
    for f in [
        "lefthook.yml",
        "lefthook.yaml",
        "lefthook.json",
        "lefthook.toml",
        ".lefthook.yml",
        ".lefthook.yaml",
        ".lefthook.json",
        ".lefthook.toml",
    ] {
        if top.join(f).is_file() {
            configured(&mut found, Manager::Lefthook, format!("{f} exists"));
        }
    }
    found
}

/// Single-quotes `s` for `sh`.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The script for `hook`, calling the wfc at `wfc` (falling back to `wfc` on PATH).
pub fn script(hook: &str, wfc: &Path) -> String {
    let wfc = sh_quote(&wfc.to_string_lossy());
    format!(
        r#"#!/bin/sh
{MARKER} ({hook}): written by `wfc hook install`; `wfc hook uninstall` restores what was here.
# A hook that was here before runs first, from {hook}{CHAINED_SUFFIX}.
case $0 in */*) dir=${{0%/*}} ;; *) dir=. ;; esac
if [ -x "$dir/{hook}{CHAINED_SUFFIX}" ]; then
    "$dir/{hook}{CHAINED_SUFFIX}" "$@" || exit $?
fi
installed={wfc}
wfc=$installed
if [ ! -x "$wfc" ]; then
    wfc=$(command -v wfc) || {{
        echo "wfc hook: wfc is neither at $installed nor on PATH; install it, or commit with --no-verify" >&2
        exit 1
    }}
fi
exec "$wfc" hook run {hook} "$@"
"#,
    )
}

/// The wfc path written in one of our scripts.
fn script_binary(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.starts_with("installed='"))?;
    let quoted = line.strip_prefix("installed=")?;
    Some(quoted.trim_matches('\'').replace(r"'\''", "'"))
}

/// What is at one hook's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HookState {
    Absent,
    /// A wfc script.
    Wfc,
    /// Something else.
    Other,
}

/// One hook as found.
#[derive(Debug, Clone, Serialize)]
pub struct HookInfo {
    pub name: String,
    pub path: PathBuf,
    pub state: HookState,
    pub executable: bool,
    /// The wfc binary our script calls.
    pub binary: Option<String>,
    /// The hook that runs first, when wfc chained one.
    pub chained: Option<PathBuf>,
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn chained_path(dir: &Path, hook: &str) -> PathBuf {
    dir.join(format!("{hook}{CHAINED_SUFFIX}"))
}

/// Reads the state of every hook wfc installs.
pub fn inspect(dir: &Path) -> Vec<HookInfo> {
    HOOKS
        .iter()
        .map(|hook| {
            let path = dir.join(hook);
            let chained = chained_path(dir, hook);
            let (state, binary) = if !exists(&path) {
                (HookState::Absent, None)
            } else {
                match script_text(&path) {
                    Some(t) if t.contains(MARKER) => (HookState::Wfc, script_binary(&t)),
                    _ => (HookState::Other, None),
                }
            };
            HookInfo {
                name: hook.to_string(),
                executable: is_executable(&path),
                path,
                state,
                binary,
                chained: exists(&chained).then_some(chained),
            }
        })
        .collect()
}

/// What install or uninstall did to one hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// A wfc script was written where there was none.
    Installed,
    /// A wfc script was written; the hook that was there now runs first.
    Chained,
    /// An older wfc script was rewritten.
    Updated,
    /// Already as wanted.
    Unchanged,
    /// The wfc script was removed (nothing was there before).
    Removed,
    /// The wfc script was removed and the previous hook put back.
    Restored,
    /// Not a wfc hook: left alone.
    Kept,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub name: String,
    pub path: PathBuf,
    pub action: Action,
    pub chained: Option<PathBuf>,
}

/// Writes `text` to `path` with mode 0755 through a temp file: a commit never sees a half-written
/// or non-executable hook.
fn write_script(path: &Path, text: &str) -> Result<(), HookError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".wfc-hook.")
        .permissions(fs::Permissions::from_mode(0o755))
        .tempfile_in(dir)
        .map_err(io("cannot create a temp file in", dir))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(io("cannot write", path))?;
    // The umask may have narrowed the mode given at creation.
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755))
        .map_err(io("cannot make executable", path))?;
    tmp.persist(path)
        .map_err(|e| io("cannot write", path)(e.error))?;
    sync_dir(dir);
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // Not every file system can fsync a folder; the rename already happened.
        let _ = d.sync_all();
    }
}

/// Installs the wfc scripts into `dir`, calling the binary `wfc`. A foreign hook is moved to
/// `<hook>.wfc-chained` (a rename: bytes, mode and symlinks kept) and runs first.
pub fn install(dir: &Path, wfc: &Path) -> Result<Vec<Change>, HookError> {
    fs::create_dir_all(dir).map_err(io("cannot create the hooks directory", dir))?;
    let mut changes = Vec::new();
    // Check every hook before changing any, so a refusal leaves everything as it was.
    for info in inspect(dir) {
        if info.state == HookState::Other
            && let Some(chained) = &info.chained
        {
            return Err(HookError::ChainOccupied {
                path: info.path.clone(),
                chained: chained.clone(),
            });
        }
    }
    for info in inspect(dir) {
        let text = script(&info.name, wfc);
        let chained = chained_path(dir, &info.name);
        let action = match info.state {
            HookState::Wfc => {
                let current = fs::read(&info.path).map_err(io("cannot read", &info.path))?;
                if current == text.as_bytes() && info.executable {
                    Action::Unchanged
                } else {
                    write_script(&info.path, &text)?;
                    Action::Updated
                }
            }
            HookState::Other => {
                fs::rename(&info.path, &chained).map_err(io("cannot move aside", &info.path))?;
                write_script(&info.path, &text)?;
                Action::Chained
            }
            HookState::Absent => {
                write_script(&info.path, &text)?;
                if exists(&chained) {
                    // A previous install was interrupted after moving the hook aside.
                    Action::Chained
                } else {
                    Action::Installed
                }
            }
        };
        changes.push(Change {
            name: info.name.clone(),
            path: info.path.clone(),
            action,
            chained: exists(&chained).then_some(chained),
        });
    }
    Ok(changes)
}

/// Removes the wfc scripts from `dir` and puts back what they chained. A hook that is not
/// wfc's is left alone.
pub fn uninstall(dir: &Path) -> Result<Vec<Change>, HookError> {
    let mut changes = Vec::new();
    for info in inspect(dir) {
        let chained = chained_path(dir, &info.name);
        let action = match info.state {
            HookState::Other => Action::Kept,
            HookState::Wfc | HookState::Absent => {
                let was_ours = info.state == HookState::Wfc;
                if exists(&chained) {
                    // rename() replaces our script in one step: no moment without a hook.
                    fs::rename(&chained, &info.path).map_err(io("cannot restore", &chained))?;
                    sync_dir(dir);
                    Action::Restored
                } else if was_ours {
                    fs::remove_file(&info.path).map_err(io("cannot remove", &info.path))?;
                    sync_dir(dir);
                    Action::Removed
                } else {
                    Action::Unchanged
                }
            }
        };
        changes.push(Change {
            name: info.name.clone(),
            path: info.path.clone(),
            action,
            chained: exists(&chained).then_some(chained),
        });
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_odd_paths() {
        let s = script("pre-commit", Path::new("/opt/it's here/wfc"));
        assert!(s.contains(r"installed='/opt/it'\''s here/wfc'"));
        assert_eq!(script_binary(&s).as_deref(), Some("/opt/it's here/wfc"));
        assert!(s.contains(MARKER));
        assert!(s.contains("exec \"$wfc\" hook run pre-commit \"$@\""));
    }

    #[test]
    fn install_chains_and_uninstall_restores_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let hooks = dir.path().join("hooks");
        fs::create_dir_all(&hooks).unwrap();
        let old = hooks.join("pre-commit");
        fs::write(&old, b"#!/bin/sh\necho old\n\xff").unwrap();
        fs::set_permissions(&old, fs::Permissions::from_mode(0o750)).unwrap();

        let changes = install(&hooks, Path::new("/usr/bin/wfc")).unwrap();
        assert_eq!(changes[0].action, Action::Chained);
        assert_eq!(changes[1].action, Action::Installed);
        assert!(is_executable(&hooks.join("commit-msg")));
        let again = install(&hooks, Path::new("/usr/bin/wfc")).unwrap();
        assert!(again.iter().all(|c| c.action == Action::Unchanged));

        let changes = uninstall(&hooks).unwrap();
        assert_eq!(changes[0].action, Action::Restored);
        assert_eq!(changes[1].action, Action::Removed);
        assert_eq!(fs::read(&old).unwrap(), b"#!/bin/sh\necho old\n\xff");
        assert_eq!(
            fs::metadata(&old).unwrap().permissions().mode() & 0o777,
            0o750
        );
        assert!(!hooks.join("commit-msg").exists());
        assert!(!hooks.join("pre-commit.wfc-chained").exists());
    }

    #[test]
    fn refuses_when_the_chain_slot_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("pre-commit"), "#!/bin/sh\n").unwrap();
        fs::write(dir.path().join("pre-commit.wfc-chained"), "#!/bin/sh\n").unwrap();
        let err = install(dir.path(), Path::new("/usr/bin/wfc")).unwrap_err();
        assert!(matches!(err, HookError::ChainOccupied { .. }));
        // Nothing was changed.
        assert!(!dir.path().join("commit-msg").exists());
    }

    #[test]
    fn normalizes_dots() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
