//! The change under review: files, their added lines, and the tree it is bound to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Added,
    Modified,
    Deleted,
    Renamed,
}

/// One line the change adds, with its 1-based number in the new file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedLine {
    pub line: u32,
    pub text: String,
}

/// One file of the change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileChange {
    /// Repository-relative path with `/` separators (the new path for renames).
    pub path: String,
    pub old_path: Option<String>,
    pub status: FileStatus,
    pub binary: bool,
    pub added: Vec<AddedLine>,
    /// Number of removed lines (the review looks at additions; this is for summaries).
    pub removed: u32,
    /// Number of lines of the file in the reviewed tree, when known (for location checks).
    pub line_count: Option<u32>,
    /// The first line of a Rust test module that the diff shows, added or as context (a
    /// `#[cfg(test)]` attribute on a `mod`, or a hunk whose header names `mod tests`): by
    /// convention test code from there to the end of the file. `None` when none is seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_module_from: Option<u32>,
}

impl FileChange {
    /// A new file whose every line is added: what `--files` reviews.
    pub fn whole_file(path: impl Into<String>, text: &str) -> FileChange {
        FileChange {
            path: path.into(),
            old_path: None,
            status: FileStatus::Added,
            binary: false,
            added: text
                .lines()
                .enumerate()
                .map(|(i, l)| AddedLine {
                    line: i as u32 + 1,
                    text: l.to_string(),
                })
                .collect(),
            removed: 0,
            line_count: None,
            test_module_from: None,
        }
    }

    /// The extension without the dot, lower-cased (`rs`, `py`); empty when there is none.
    pub fn extension(&self) -> String {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
            _ => String::new(),
        }
    }

    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The whole change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Change {
    pub files: Vec<FileChange>,
    /// The unified diff text, as reviewers see it.
    #[serde(skip, default)]
    pub diff: String,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.files
            .iter()
            .all(|f| f.added.is_empty() && f.removed == 0)
            && self.files.iter().all(|f| f.status != FileStatus::Deleted)
    }

    pub fn file(&self, path: &str) -> Option<&FileChange> {
        self.files.iter().find(|f| f.path == path)
    }

    pub fn added_line_count(&self) -> usize {
        self.files.iter().map(|f| f.added.len()).sum()
    }
}
