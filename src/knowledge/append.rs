//! The locked, de-duplicated, atomic append.
//!
//! Take `KNOWLEDGE.md.lock` beside the file, re-read the file, insert each new entry at the end of
//! its section unless the section already holds the same normalised text, then write a temp file
//! in the same folder, fsync it and rename it over the old one. A writer killed at any moment
//! leaves the old file or the new one; a reader never needs the lock.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::file::{self, Document};
use super::{FILE_NAME, KnowledgeError, Section};
use crate::lock::FileLock;

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The reviewer the file belongs to (named in the title line of a new file).
    pub reviewer: String,
    pub section: Section,
    pub text: String,
    pub source: String,
    pub developer: Option<String>,
}

impl NewEntry {
    /// The text as it will be stored: redacted, then [`file::sanitize`]d. De-duplication compares
    /// this form, so the file never holds a secret, not even to compare against.
    pub fn stored_text(&self) -> String {
        clean(&self.text)
    }

    /// The source as it will be stored; an empty source becomes `unknown`.
    pub fn stored_source(&self) -> String {
        let s = clean(&self.source);
        if s.is_empty() { "unknown".into() } else { s }
    }

    /// The line this entry becomes when appended at `now` (without line ending).
    pub fn line(&self, now: SystemTime) -> String {
        let developer = self
            .developer
            .as_deref()
            .map(file::sanitize)
            .filter(|d| !d.is_empty());
        file::render_entry(
            &crate::time::date(now),
            &self.stored_text(),
            &self.stored_source(),
            developer.as_deref(),
        )
    }
}

/// Redacts before sanitizing (a private key spans lines that sanitizing joins) and after it (joined
/// lines can form a `name = value` assignment that only then reads as a secret).
fn clean(raw: &str) -> String {
    let once = crate::review::redact::text(raw);
    let sanitized = file::sanitize(&once);
    crate::review::redact::text(&sanitized).into_owned()
}

/// What an append did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppendOutcome {
    Added,
    /// The section already held the same normalised text; the file was not changed.
    Duplicate,
}

impl AppendOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AppendOutcome::Added => "added",
            AppendOutcome::Duplicate => "duplicate",
        }
    }
}

/// Appends one entry to the knowledge file at `path` (one lock, one rewrite).
pub fn append(
    path: &Path,
    entry: &NewEntry,
    now: SystemTime,
    lock_timeout: Duration,
    on_wait: &mut dyn FnMut(&Path),
) -> Result<AppendOutcome, KnowledgeError> {
    let outcomes = append_many(
        path,
        std::slice::from_ref(entry),
        now,
        lock_timeout,
        on_wait,
    )?;
    Ok(outcomes[0])
}

/// Appends several entries to one file under one lock with at most one rewrite; the outcomes are
/// in the order of `entries`. A later entry that repeats an earlier one of the same call is a
/// duplicate.
pub fn append_many(
    path: &Path,
    entries: &[NewEntry],
    now: SystemTime,
    lock_timeout: Duration,
    on_wait: &mut dyn FnMut(&Path),
) -> Result<Vec<AppendOutcome>, KnowledgeError> {
    append_recorded(path, entries, now, lock_timeout, on_wait, |_| Ok(()))
}

/// What an append is about to commit, handed to the recorder before the file changes.
#[derive(Debug, Clone, Copy)]
pub struct Pending<'a> {
    pub outcomes: &'a [AppendOutcome],
    /// sha256 of the file as it will be after the rename; `None` when nothing will be written.
    pub file_sha256: Option<&'a str>,
}

/// [`append_many`] that calls `record` (to write the audit row) under the lock, after the
/// de-duplication and before the rename. A recorder that fails leaves the file untouched; a
/// process killed at any moment therefore leaves either the old file, or a row and then (once the
/// rename lands) the new file: never a changed file without its row. The row names the sha256 of
/// the file it commits to, so a row whose rename never happened can be told apart.
pub fn append_recorded<E: From<KnowledgeError>>(
    path: &Path,
    entries: &[NewEntry],
    now: SystemTime,
    lock_timeout: Duration,
    on_wait: &mut dyn FnMut(&Path),
    record: impl FnOnce(Pending<'_>) -> Result<(), E>,
) -> Result<Vec<AppendOutcome>, E> {
    let Some(first) = entries.first() else {
        return Ok(Vec::new());
    };
    let prepared: Vec<(Section, String, String)> = entries
        .iter()
        .map(|e| {
            let text = e.stored_text();
            if text.is_empty() {
                return Err(KnowledgeError::EmptyText);
            }
            Ok((e.section, file::normalize(&text), e.line(now)))
        })
        .collect::<Result<_, _>>()?;

    let _lock = FileLock::acquire(&file::lock_path(path)?, lock_timeout, on_wait)
        .map_err(KnowledgeError::from)?;
    file::check(path)?;
    remove_stale_temps(path);
    let mut doc = load(path, FILE_NAME, &first.reviewer)?;
    let outcomes = insert_new(&mut doc, prepared);
    let changed = outcomes.contains(&AppendOutcome::Added);
    let sha = changed.then(|| {
        use sha2::{Digest, Sha256};
        Sha256::digest(doc.text().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    record(Pending {
        outcomes: &outcomes,
        file_sha256: sha.as_deref(),
    })?;
    if changed {
        crate::fsutil::write_atomic(path, doc.text().as_bytes()).map_err(KnowledgeError::from)?;
    }
    Ok(outcomes)
}

/// Inserts each `(section, normalised text, line)` at the end of its section unless the section
/// already holds the same normalised text.
fn insert_new(
    doc: &mut Document,
    lines: impl IntoIterator<Item = (Section, String, String)>,
) -> Vec<AppendOutcome> {
    lines
        .into_iter()
        .map(|(section, normalized, line)| {
            if doc.contains(section, &normalized) {
                AppendOutcome::Duplicate
            } else {
                doc.insert(section, &line);
                AppendOutcome::Added
            }
        })
        .collect()
}

/// One entry as already written elsewhere: its section, its stored text, and its line (dated and
/// attributed).
pub type Line = (Section, String, String);

/// One reviewer's entries as already written elsewhere, to merge into a knowledge file and, when
/// some are archived, into its archive.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub current: Vec<Line>,
    pub archived: Vec<Line>,
}

/// Merges `lines` into the knowledge file at
/// `path` and its archive under the file's one lock: what a file already holds stays, an entry
/// whose text its section already has is not added twice, and each file is written atomically
/// only when it changes. Returns how many lines went into each file.
pub fn merge(
    path: &Path,
    reviewer: &str,
    lines: &Lines,
    lock_timeout: Duration,
    on_wait: &mut dyn FnMut(&Path),
) -> Result<(usize, usize), KnowledgeError> {
    let _lock = FileLock::acquire(&file::lock_path(path)?, lock_timeout, on_wait)?;
    file::check(path)?;
    remove_stale_temps(path);
    let mut added = [0; 2];
    let targets = [
        (path.to_path_buf(), FILE_NAME, &lines.current),
        (
            super::archive_file(path),
            super::ARCHIVE_NAME,
            &lines.archived,
        ),
    ];
    for (n, (target, name, lines)) in targets.into_iter().enumerate() {
        if lines.is_empty() {
            continue;
        }
        let mut doc = load(&target, name, reviewer)?;
        let prepared = lines
            .iter()
            .map(|(section, text, line)| (*section, file::normalize(text), line.clone()));
        let outcomes = insert_new(&mut doc, prepared);
        added[n] = outcomes
            .iter()
            .filter(|o| **o == AppendOutcome::Added)
            .count();
        if added[n] > 0 {
            crate::fsutil::write_atomic(&target, doc.text().as_bytes())?;
        }
    }
    Ok((added[0], added[1]))
}

/// Reads the file at `path`, or a fresh template when it is missing or empty. A file that is not
/// UTF-8 is refused rather than rewritten.
pub(crate) fn load(
    path: &Path,
    file_name: &str,
    reviewer: &str,
) -> Result<Document, KnowledgeError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(crate::fsutil::FsError::Read {
                path: path.to_path_buf(),
                source,
            }
            .into());
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Document::new(file_name, reviewer));
    }
    let text = String::from_utf8(bytes).map_err(|_| KnowledgeError::NotText {
        path: path.to_path_buf(),
    })?;
    Ok(Document::parse(text))
}

/// Removes temp files that a writer killed mid-write left beside `path`. Only called while the
/// lock is held, so no live writer owns one of them.
pub(crate) fn remove_stale_temps(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let prefixes = [
        format!(".{}.", FILE_NAME),
        format!(".{}.", super::ARCHIVE_NAME),
    ];
    for entry in read.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".tmp") && prefixes.iter().any(|p| name.starts_with(p.as_str())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(section: Section, text: &str) -> NewEntry {
        NewEntry {
            reviewer: "security".into(),
            section,
            text: text.into(),
            source: "review".into(),
            developer: Some("alice".into()),
        }
    }

    fn now() -> SystemTime {
        crate::time::parse_time("2026-03-04").unwrap()
    }

    fn add(path: &Path, e: &NewEntry) -> AppendOutcome {
        append(path, e, now(), Duration::from_secs(5), &mut |_| {}).unwrap()
    }

    #[test]
    fn creates_the_file_and_deduplicates_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let p = super::super::knowledge_file(dir.path(), "security");
        assert_eq!(
            add(&p, &entry(Section::PatternsFound, "Finding 10")),
            AppendOutcome::Added
        );
        assert_eq!(
            add(&p, &entry(Section::PatternsFound, "Finding 1")),
            AppendOutcome::Added
        );
        assert_eq!(
            add(&p, &entry(Section::PatternsFound, "  finding   1 ")),
            AppendOutcome::Duplicate
        );
        // The same text in another section is another entry.
        assert_eq!(
            add(&p, &entry(Section::RepoRules, "Finding 1")),
            AppendOutcome::Added
        );
        let doc = Document::parse(std::fs::read_to_string(&p).unwrap());
        let texts: Vec<_> = doc.entries().iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Finding 10", "Finding 1", "Finding 1"]);
        assert!(
            doc.text()
                .contains("- [2026-03-04] Finding 10 (Source: review, Developer: alice)\n")
        );
    }

    #[test]
    fn many_entries_one_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r").join("KNOWLEDGE.md");
        let out = append_many(
            &p,
            &[
                entry(Section::IncidentsPrevented, "a"),
                entry(Section::PatternsFound, "b"),
                entry(Section::IncidentsPrevented, "A"),
            ],
            now(),
            Duration::from_secs(5),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(
            out,
            [
                AppendOutcome::Added,
                AppendOutcome::Added,
                AppendOutcome::Duplicate
            ]
        );
        assert_eq!(
            append_many(&p, &[], now(), Duration::from_secs(1), &mut |_| {}).unwrap(),
            []
        );
    }

    #[test]
    fn empty_text_and_non_utf8_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r").join("KNOWLEDGE.md");
        let err = append(
            &p,
            &entry(Section::PatternsFound, " \n "),
            now(),
            Duration::from_secs(1),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, KnowledgeError::EmptyText));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, b"## Patterns Found\n\xff\xfe\n").unwrap();
        let err = append(
            &p,
            &entry(Section::PatternsFound, "x"),
            now(),
            Duration::from_secs(1),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, KnowledgeError::NotText { .. }));
        assert_eq!(std::fs::read(&p).unwrap(), b"## Patterns Found\n\xff\xfe\n");
    }

    #[test]
    fn stale_temp_files_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r").join("KNOWLEDGE.md");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let stale = p.parent().unwrap().join(".KNOWLEDGE.md.abc123.tmp");
        std::fs::write(&stale, "half").unwrap();
        let other = p.parent().unwrap().join("notes.tmp");
        std::fs::write(&other, "mine").unwrap();
        add(&p, &entry(Section::PatternsFound, "x"));
        assert!(!stale.exists());
        assert!(other.exists());
    }
}
