//! Archiving old entries: `KNOWLEDGE.md` -> `KNOWLEDGE-ARCHIVE.md` beside it, under the same lock.
//!
//! The archive is written first and the knowledge file second, each atomically, so a writer
//! killed in between leaves an entry in both files, never in neither. An entry line already in the
//! archive's section is not archived twice, so running prune again after such a crash is clean.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::append::{load, remove_stale_temps};
use super::file::Entry;
use super::{ARCHIVE_NAME, FILE_NAME, KnowledgeError};
use crate::lock::FileLock;

/// What a prune moved (or, with `dry_run`, would move) for one file.
#[derive(Debug, Clone, Serialize)]
pub struct PruneReport {
    pub path: super::Place,
    pub archive: super::Place,
    /// Entries dated before this day (`YYYY-MM-DD`) are old.
    pub cutoff: String,
    pub moved: Vec<Entry>,
    pub kept: usize,
    pub dry_run: bool,
}

/// The first day that is not old: entries dated before it are older than `older_than` at `now`.
pub fn cutoff_date(now: SystemTime, older_than: Duration) -> String {
    crate::time::date(crate::time::before(now, older_than))
}

/// Moves the entries of the knowledge file at `path` dated before `cutoff_date(now, older_than)`
/// to its archive. A missing file moves nothing. Lines that are not entries stay where they are.
pub fn prune(
    path: &Path,
    now: SystemTime,
    older_than: Duration,
    dry_run: bool,
    lock_timeout: Duration,
    on_wait: &mut dyn FnMut(&Path),
) -> Result<PruneReport, KnowledgeError> {
    let cutoff = cutoff_date(now, older_than);
    let archive = super::archive_file(path);
    let _lock = if dry_run {
        None
    } else {
        Some(FileLock::acquire(
            &super::file::lock_path(path)?,
            lock_timeout,
            on_wait,
        )?)
    };
    super::file::check(path)?;
    let mut report = PruneReport {
        path: super::Place::File(path.to_path_buf()),
        archive: super::Place::File(archive.clone()),
        cutoff: cutoff.clone(),
        moved: Vec::new(),
        kept: 0,
        dry_run,
    };
    if !path.is_file() {
        return Ok(report);
    }
    if !dry_run {
        remove_stale_temps(path);
    }
    let mut doc = load(path, FILE_NAME, "")?;
    let (old, young): (Vec<&Entry>, Vec<&Entry>) =
        doc.entries().iter().partition(|e| e.date < cutoff);
    report.kept = young.len();
    report.moved = old.into_iter().cloned().collect();
    if report.moved.is_empty() || dry_run {
        return Ok(report);
    }
    let reviewer = doc
        .reviewer()
        .map(str::to_string)
        .or_else(|| {
            path.parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    let mut arch = load(&archive, ARCHIVE_NAME, &reviewer)?;
    for e in &report.moved {
        let line = doc.line(e.line).trim_end().to_string();
        let present = arch
            .entries_in(e.section)
            .any(|a| arch.line(a.line).trim_end() == line);
        if !present {
            arch.insert(e.section, &line);
        }
    }
    crate::fsutil::write_atomic(&archive, arch.text().as_bytes())?;
    let lines: Vec<usize> = report.moved.iter().map(|e| e.line).collect();
    doc.remove_lines(&lines);
    crate::fsutil::write_atomic(path, doc.text().as_bytes())?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Section;
    use crate::knowledge::file::Document;

    #[test]
    fn moves_old_entries_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("security").join("KNOWLEDGE.md");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let text = "# KNOWLEDGE.md -- security\n\n## Patterns Found\n\
                    - [2025-01-01] old one (Source: s)\nkeep this prose\n\
                    - [2026-06-01] new one (Source: s)\n\n## Codebase Context\n\
                    - [2025-02-02] old two (Source: s, Developer: d)\n";
        std::fs::write(&p, text).unwrap();
        let now = crate::time::parse_time("2026-07-01").unwrap();
        let d180 = Duration::from_secs(180 * 86400);
        let dry = prune(&p, now, d180, true, Duration::from_secs(1), &mut |_| {}).unwrap();
        assert_eq!(dry.moved.len(), 2);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        let archive = crate::knowledge::archive_file(&p);
        assert_eq!(dry.archive, crate::knowledge::Place::File(archive.clone()));
        assert!(!archive.exists());

        let r = prune(&p, now, d180, false, Duration::from_secs(1), &mut |_| {}).unwrap();
        assert_eq!((r.moved.len(), r.kept), (2, 1));
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "# KNOWLEDGE.md -- security\n\n## Patterns Found\nkeep this prose\n\
             - [2026-06-01] new one (Source: s)\n\n## Codebase Context\n"
        );
        let arch = Document::parse(std::fs::read_to_string(&archive).unwrap());
        assert_eq!(arch.reviewer(), Some("security"));
        assert!(
            arch.text()
                .starts_with("# KNOWLEDGE-ARCHIVE.md -- security\n")
        );
        assert_eq!(arch.entries_in(Section::PatternsFound).count(), 1);
        assert_eq!(
            arch.entries_in(Section::CodebaseContext)
                .next()
                .unwrap()
                .developer
                .as_deref(),
            Some("d")
        );

        // A crash after the archive write leaves the entry in both; pruning again archives it once.
        std::fs::write(&p, text).unwrap();
        prune(&p, now, d180, false, Duration::from_secs(1), &mut |_| {}).unwrap();
        let arch = Document::parse(std::fs::read_to_string(&archive).unwrap());
        assert_eq!(arch.entries().len(), 2);
    }

    #[test]
    fn missing_file_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x").join("KNOWLEDGE.md");
        let r = prune(
            &p,
            SystemTime::now(),
            Duration::from_secs(1),
            false,
            Duration::from_secs(1),
            &mut |_| {},
        )
        .unwrap();
        assert!(r.moved.is_empty());
        assert!(!p.exists());
    }

    #[test]
    fn cutoff_is_a_day() {
        let now = crate::time::parse_time("2026-07-01").unwrap();
        assert_eq!(
            cutoff_date(now, Duration::from_secs(180 * 86400)),
            "2026-01-02"
        );
    }
}
