//! Copying env and version files (`worktree.copy`) from the main checkout into a worktree.
//!
//! Patterns are globs matched against paths relative to the main checkout (`*` does not cross
//! `/`); a leading `!` excludes. A pattern without `/` looks at the top of the main checkout; a
//! pattern with one looks in the literal folder before its last `/` (`config/.env*`). A file
//! already tracked in the worktree is never overwritten; an untracked copy that differs is backed
//! up to `<name>.wfc-backup-<time>` first, unless it is wfc's own earlier copy, unchanged since
//! (its sha256 is the one the lease recorded), which is simply replaced.
//!
//! Symbolic links never lead a copy out: a source is read only when it is a regular file inside
//! the main checkout (a link to a file inside it is read as that file; one pointing outside is
//! refused with a warning), and every folder on the way to a destination in the worktree must be
//! a real folder, so a symlinked folder in the checked-out branch cannot redirect the write or the
//! backup.

use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;
use sha2::Digest;

use super::WorktreeError;
use super::inspect::hex;
use crate::fsutil::{Entry, SafeDir};
use crate::git::worktree as gitwt;
use crate::store::leases::CopiedFile;

/// Marks backup files so they are never copied themselves.
pub const BACKUP_MARK: &str = ".wfc-backup-";

#[derive(Debug, Clone, Default, Serialize)]
pub struct CopyReport {
    /// Files written into the worktree this time.
    pub copied: Vec<String>,
    /// Backups made of differing copies that were replaced: (file, backup).
    pub backups: Vec<(String, String)>,
    /// Files left alone, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Files not read or not written because a symbolic link would have led outside: warnings.
    pub refused: Vec<(String, String)>,
    /// Everything wfc has copied into this worktree so far, for the lease.
    #[serde(skip)]
    pub records: Vec<CopiedFile>,
}

struct Patterns {
    include: GlobSet,
    exclude: GlobSet,
    dirs: Vec<PathBuf>,
}

fn glob(pattern: &str) -> Result<globset::Glob, WorktreeError> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| WorktreeError::Pattern {
            pattern: pattern.to_string(),
            message: e.kind().to_string(),
        })
}

fn is_glob_meta(c: char) -> bool {
    matches!(c, '*' | '?' | '[' | ']' | '{' | '}')
}

fn compile(patterns: &[String]) -> Result<Patterns, WorktreeError> {
    let mut include = GlobSetBuilder::new();
    let mut exclude = GlobSetBuilder::new();
    let mut dirs = vec![PathBuf::new()];
    for raw in patterns {
        let (negated, pat) = match raw.strip_prefix('!') {
            Some(p) => (true, p.trim()),
            None => (false, raw.trim()),
        };
        let bad = |message: &str| WorktreeError::Pattern {
            pattern: raw.clone(),
            message: message.to_string(),
        };
        if pat.is_empty() {
            return Err(bad("empty pattern"));
        }
        let p = Path::new(pat);
        if p.is_absolute()
            || p.components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(bad(
                "must be a path relative to the main checkout without `..`",
            ));
        }
        if negated {
            exclude.add(glob(pat)?);
            continue;
        }
        include.add(glob(pat)?);
        if let Some((dir, _)) = pat.rsplit_once('/') {
            if dir.chars().any(is_glob_meta) {
                return Err(bad("only the last path component may contain wildcards"));
            }
            let d = PathBuf::from(dir);
            if !dirs.contains(&d) {
                dirs.push(d);
            }
        }
    }
    let build = |b: GlobSetBuilder| {
        b.build().map_err(|e| WorktreeError::Pattern {
            pattern: patterns.join(", "),
            message: e.to_string(),
        })
    };
    Ok(Patterns {
        include: build(include)?,
        exclude: build(exclude)?,
        dirs,
    })
}

/// Checks the patterns without copying anything (a bad config fails before any work is done).
pub fn validate(patterns: &[String]) -> Result<(), WorktreeError> {
    compile(patterns).map(|_| ())
}

/// One selected file: its path relative to the checkouts and where its bytes are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub rel: PathBuf,
    read_from: PathBuf,
}

/// What [`select`] found: the files to copy, sorted, and those refused with the reason.
#[derive(Debug, Default)]
pub struct Selected {
    pub files: Vec<Source>,
    pub refused: Vec<(String, String)>,
}

fn rel_str(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// The files of the main checkout that `patterns` select.
pub fn select(main_root: &Path, patterns: &[String]) -> Result<Selected, WorktreeError> {
    let pats = compile(patterns)?;
    let mut out = Selected::default();
    let canon_root = std::fs::canonicalize(main_root).unwrap_or_else(|_| main_root.to_path_buf());
    for dir in &pats.dirs {
        // The folder itself must be real: a link would make every file in it come from outside.
        let abs = match crate::fsutil::real_dir(main_root, dir, false) {
            Ok(a) => a,
            Err(e) => {
                out.refused.push((rel_str(dir), e.to_string()));
                continue;
            }
        };
        let Ok(read) = std::fs::read_dir(&abs) else {
            continue;
        };
        for entry in read.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.contains(BACKUP_MARK) || name == ".git" {
                continue;
            }
            let rel = dir.join(name);
            if !pats.include.is_match(&rel) || pats.exclude.is_match(&rel) {
                continue;
            }
            let Ok(ftype) = entry.file_type() else {
                continue;
            };
            if ftype.is_file() {
                out.files.push(Source {
                    rel,
                    read_from: entry.path(),
                });
            } else if ftype.is_symlink() {
                // A linked .env is copied as its content only when it stays in the repository.
                match std::fs::canonicalize(entry.path()) {
                    Ok(t) if t.starts_with(&canon_root) && t.is_file() => {
                        out.files.push(Source { rel, read_from: t })
                    }
                    Ok(t) if !t.starts_with(&canon_root) => out.refused.push((
                        rel_str(&rel),
                        format!(
                            "a symbolic link pointing outside the repository ({}); not copied",
                            t.display()
                        ),
                    )),
                    _ => {}
                }
            }
        }
    }
    out.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.files.dedup_by(|a, b| a.rel == b.rel);
    Ok(out)
}

fn backup_name(rel: &Path, now: SystemTime) -> PathBuf {
    let stamp: String = crate::time::rfc3339(now)[..19]
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    rel.with_file_name(format!("{name}{BACKUP_MARK}{stamp}Z"))
}

/// Copies the selected files into `worktree`. `previous` is what the lease says wfc copied
/// before; the report's `records` is the updated list.
pub fn copy(
    main_root: &Path,
    worktree: &Path,
    patterns: &[String],
    previous: &[CopiedFile],
    now: SystemTime,
) -> Result<CopyReport, WorktreeError> {
    let selected = select(main_root, patterns)?;
    let mut report = CopyReport {
        records: previous.to_vec(),
        refused: selected.refused,
        ..CopyReport::default()
    };
    if selected.files.is_empty() {
        return Ok(report);
    }
    let repo = gitwt::open(worktree)?;
    // From the main checkout down when the worktree is in it (`.worktrees/<project>/...`), so
    // that a `.worktrees` link cannot redirect the copies either.
    let (base, below) = match worktree.strip_prefix(main_root) {
        Ok(r) if !r.as_os_str().is_empty() => (main_root, r.to_path_buf()),
        _ => (worktree, PathBuf::new()),
    };
    // A link at or above the worktree itself is not the branch's doing: refuse the whole copy.
    SafeDir::open(base, &below, false)?;
    for Source {
        rel,
        read_from: src,
    } in selected.files
    {
        let rel_s = rel_str(&rel);
        if gitwt::is_tracked(&repo, &rel) {
            report
                .skipped
                .push((rel_s, "tracked by git in the worktree".into()));
            continue;
        }
        // No link on the way in the worktree (made if missing), and none at the file itself:
        // every step is relative to a folder opened with O_NOFOLLOW, so a link swapped in after
        // a check cannot redirect the write or the backup either.
        let dir = match SafeDir::open(
            base,
            &below.join(rel.parent().unwrap_or(Path::new(""))),
            true,
        ) {
            Ok(d) => d,
            Err(e) if e.is_link() => {
                report.refused.push((rel_s, format!("{e}; not copied")));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let name = rel.file_name().unwrap_or_default();
        let exists = match dir.entry(name)? {
            Entry::Missing => false,
            Entry::File => true,
            Entry::Link => {
                report.refused.push((
                    rel_s,
                    format!(
                        "{} is a symbolic link in the worktree; left alone",
                        dir.path().join(name).display()
                    ),
                ));
                continue;
            }
            Entry::Dir | Entry::Other => {
                report
                    .skipped
                    .push((rel_s, "not a regular file in the worktree".into()));
                continue;
            }
        };
        let bytes = crate::fsutil::read_regular(&src)?;
        let sum = hex(&sha2::Sha256::digest(&bytes));
        if exists {
            let current = hex(&sha2::Sha256::digest(&dir.read(name)?));
            if current == sum {
                report
                    .skipped
                    .push((rel_s.clone(), "already up to date".into()));
                record(&mut report.records, &rel_s, &sum);
                continue;
            }
            // wfc's own earlier copy, untouched since (the lease has what it wrote), is simply
            // replaced; only a copy the developer changed is worth a backup.
            let untouched = previous
                .iter()
                .any(|c| c.path == rel_s && c.sha256 == current);
            if !untouched {
                let backup = backup_name(&rel, now);
                dir.rename(name, backup.file_name().unwrap_or_default())?;
                report
                    .backups
                    .push((rel_s.clone(), backup.to_string_lossy().into_owned()));
            }
        }
        let mode = std::fs::symlink_metadata(&src)
            .map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()))
            .unwrap_or(0o600);
        dir.write_atomic(name, &bytes, mode)?;
        record(&mut report.records, &rel_s, &sum);
        report.copied.push(rel_s);
    }
    Ok(report)
}

fn record(records: &mut Vec<CopiedFile>, path: &str, sum: &str) {
    match records.iter_mut().find(|r| r.path == path) {
        Some(r) => r.sha256 = sum.to_string(),
        None => records.push(CopiedFile {
            path: path.to_string(),
            sha256: sum.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<String> {
        crate::config::WorktreeConfig::default().copy.0
    }

    #[test]
    fn default_patterns_pick_env_and_version_files_but_not_the_example() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        for f in [
            ".env",
            ".env.local",
            ".env.example",
            ".nvmrc",
            ".tool-versions",
            "README.md",
            ".env.wfc-backup-20260101T000000Z",
        ] {
            std::fs::write(r.join(f), f).unwrap();
        }
        std::fs::create_dir_all(r.join("sub")).unwrap();
        std::fs::write(r.join("sub/.env"), "x").unwrap();
        std::fs::create_dir_all(r.join(".envdir")).unwrap();
        let got: Vec<String> = select(r, &defaults())
            .unwrap()
            .files
            .into_iter()
            .map(|p| rel_str(&p.rel))
            .collect();
        assert_eq!(got, vec![".env", ".env.local", ".nvmrc", ".tool-versions"]);

        let nested = vec!["sub/.env*".to_string(), ".nvmrc".to_string()];
        let got: Vec<String> = select(r, &nested)
            .unwrap()
            .files
            .into_iter()
            .map(|p| rel_str(&p.rel))
            .collect();
        assert_eq!(got, vec![".nvmrc", "sub/.env"]);
    }

    #[test]
    fn hostile_patterns_are_refused() {
        for bad in ["../secrets", "/etc/passwd", "a/../../b", "*/x", "", "!"] {
            assert!(
                matches!(
                    validate(&[bad.to_string()]),
                    Err(WorktreeError::Pattern { .. })
                ),
                "{bad}"
            );
        }
        assert!(validate(&["[".to_string()]).is_err());
    }

    #[test]
    fn backup_names_are_marked() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600);
        assert_eq!(
            backup_name(Path::new(".env"), t),
            PathBuf::from(".env.wfc-backup-20260101T000000Z")
        );
    }
}
