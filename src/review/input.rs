//! Which change a review looks at, and the tree id it is bound to (DESIGN.md "Review" step 1).
//!
//! The staged tree is read from `$GIT_INDEX_FILE` when git set it (inside a hook), without taking
//! `index.lock`: the index is only read, and the tree objects are written to the object database
//! as `git commit` itself would.

use std::io::Read;
use std::path::{Path, PathBuf};

use git2::{DiffFormat, DiffOptions, Index, Oid, Repository};
use sha2::{Digest, Sha256};

use super::change::{Change, FileChange, FileStatus};
use super::diff;
use crate::git::{GitError, RepoInfo, ctx};

/// What the user asked to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Staged when something is staged, else the working tree against HEAD.
    Auto,
    Staged,
    /// The working tree (with untracked files) against HEAD.
    WorkingTree,
    /// The working tree against the merge base of REF and HEAD.
    Base(String),
    /// `A..B` (or `A...B`: from their merge base).
    Range(String),
    /// A unified diff from a file, or stdin for `-`.
    DiffFile(PathBuf),
    /// Whole files, every line counted as added.
    Files(Vec<PathBuf>),
}

/// The change to review and what it is bound to.
#[derive(Debug, Clone)]
pub struct Input {
    pub change: Change,
    /// A git tree id (hex) for git inputs; `diff-<hash>` / `files-<hash>` for the others, which
    /// no commit can match.
    pub tree_id: String,
    /// `staged`, `working-tree`, `base`, `range`, `diff-file` or `files`.
    pub mode: &'static str,
    /// The current branch's short name, when on one.
    pub branch: Option<String>,
    /// For the staged change: the commit it would make, measured from its parents (HEAD, or
    /// HEAD's parents under `--amend`, or the automatic merge while concluding a merge). Only
    /// such a change can be granted by the gate.
    pub shape: Option<crate::git::commit::Shape>,
}

fn io_err(context: String) -> impl FnOnce(std::io::Error) -> GitError {
    move |source| GitError::Io { context, source }
}

fn usage(message: String) -> GitError {
    GitError::Other {
        message,
        kind: crate::error::ErrorKind::Usage,
    }
}

fn short_hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d[..10].iter().map(|b| format!("{b:02x}")).collect()
}

fn patch_text(diff: &git2::Diff<'_>) -> Result<String, GitError> {
    let mut out = Vec::new();
    diff.print(DiffFormat::Patch, |_, _, line| {
        match line.origin() {
            '+' | '-' | ' ' => out.push(line.origin() as u8),
            _ => {}
        }
        out.extend_from_slice(line.content());
        true
    })
    .map_err(ctx("cannot render the diff"))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn diff_options() -> DiffOptions {
    let mut o = DiffOptions::new();
    o.context_lines(3).ignore_submodules(true);
    o
}

fn count_lines(bytes: &[u8]) -> u32 {
    if bytes.is_empty() {
        return 0;
    }
    let n = bytes.iter().filter(|b| **b == b'\n').count() as u32;
    if bytes.ends_with(b"\n") { n } else { n + 1 }
}

/// Opens the index git uses right now: `$GIT_INDEX_FILE` in a hook, else the repository's.
fn open_index(repo: &Repository, index_file: Option<&Path>) -> Result<Index, GitError> {
    match index_file {
        Some(p) => {
            let p = if p.is_absolute() {
                p.to_path_buf()
            } else {
                repo.workdir()
                    .map(|w| w.join(p))
                    .unwrap_or_else(|| p.to_path_buf())
            };
            Index::open(&p).map_err(ctx(format!("cannot read the index {}", p.display())))
        }
        None => repo.index().map_err(ctx("cannot read the index")),
    }
}

fn head_tree(repo: &Repository) -> Result<Option<git2::Tree<'_>>, GitError> {
    match repo.head() {
        Ok(h) => Ok(Some(
            h.peel_to_tree().map_err(ctx("cannot read the HEAD tree"))?,
        )),
        Err(e)
            if e.code() == git2::ErrorCode::UnbornBranch
                || e.code() == git2::ErrorCode::NotFound =>
        {
            Ok(None)
        }
        Err(e) => Err(GitError::git("cannot read HEAD", e)),
    }
}

/// Writes the tree of `index` (objects only; the index file is not touched).
fn index_tree(repo: &Repository, index: &mut Index) -> Result<Oid, GitError> {
    if index.has_conflicts() {
        return Err(GitError::Other {
            message: "the index has unresolved merge conflicts".into(),
            kind: crate::error::ErrorKind::Failed,
        });
    }
    index
        .write_tree_to(repo)
        .map_err(ctx("cannot compute the staged tree"))
}

fn empty_tree(repo: &Repository) -> Result<Oid, GitError> {
    repo.treebuilder(None)
        .and_then(|b| b.write())
        .map_err(ctx("cannot write the empty tree"))
}

/// The tree of the working tree: the index plus every changed or untracked path of `diff`.
/// Only the in-memory index is changed; it is reloaded from disk afterwards.
fn worktree_tree(repo: &Repository, diff: &git2::Diff<'_>) -> Result<Oid, GitError> {
    let mut index = repo.index().map_err(ctx("cannot read the index"))?;
    let mut paths = Vec::new();
    for d in diff.deltas() {
        if let Some(p) = d.new_file().path().or_else(|| d.old_file().path()) {
            paths.push(p.to_path_buf());
        }
    }
    let result = (|| {
        if !paths.is_empty() {
            index
                .add_all(paths.iter(), git2::IndexAddOption::FORCE, None)
                .map_err(ctx("cannot hash the working tree"))?;
            index
                .update_all(paths.iter(), None)
                .map_err(ctx("cannot hash the working tree"))?;
        }
        index_tree(repo, &mut index)
    })();
    // Forget the in-memory changes; the index file on disk was never written.
    let _ = index.read(true);
    result
}

fn current_branch(repo: &Repository) -> Option<String> {
    let head = repo.head().ok()?;
    if !head.is_branch() {
        return None;
    }
    head.shorthand().ok().map(str::to_string)
}

/// Fills `line_count` from the reviewed tree, so findings on lines that do not exist are caught.
fn fill_line_counts(change: &mut Change, mut content: impl FnMut(&str) -> Option<Vec<u8>>) {
    for f in &mut change.files {
        if f.status == FileStatus::Deleted || f.binary {
            continue;
        }
        f.line_count = content(&f.path).map(|b| count_lines(&b));
    }
}

fn blob_in_tree(repo: &Repository, tree: &git2::Tree<'_>, path: &str) -> Option<Vec<u8>> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    let blob = repo.find_blob(entry.id()).ok()?;
    Some(blob.content().to_vec())
}

/// Reads the selected change from the worktree `info.workdir`.
pub fn select(
    info: &RepoInfo,
    index_file: Option<&Path>,
    cwd: &Path,
    selection: &Selection,
) -> Result<Input, GitError> {
    let repo = info.open_current()?;
    let branch = current_branch(&repo);
    match selection {
        Selection::DiffFile(path) => {
            let text = if path.as_os_str() == "-" {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(io_err("cannot read the diff from stdin".into()))?;
                s
            } else {
                let p = cwd.join(path);
                let bytes =
                    std::fs::read(&p).map_err(io_err(format!("cannot read {}", p.display())))?;
                String::from_utf8_lossy(&bytes).into_owned()
            };
            let change = diff::parse(&text);
            if change.files.is_empty() && !text.trim().is_empty() {
                return Err(usage(format!(
                    "{} is not a unified diff (no `---`/`+++` file headers found)",
                    path.display()
                )));
            }
            Ok(Input {
                tree_id: format!("diff-{}", short_hash(text.as_bytes())),
                change,
                mode: "diff-file",
                branch,
                shape: None,
            })
        }
        Selection::Files(files) => {
            let mut hasher_input = Vec::new();
            let mut change = Change::default();
            for f in files {
                let full = cwd.join(f);
                // Links and `..` are resolved first: only files of this repository are read, so a
                // committed link cannot send a file from elsewhere to the reviewers.
                let canon = std::fs::canonicalize(&full)
                    .map_err(io_err(format!("cannot read {}", full.display())))?;
                let Ok(inside) = canon.strip_prefix(&info.workdir) else {
                    return Err(usage(format!(
                        "--files {}: resolves to {}, outside the repository at {}; only files of the repository are reviewed",
                        f.display(),
                        canon.display(),
                        info.workdir.display()
                    )));
                };
                if inside
                    .components()
                    .next()
                    .is_some_and(|c| c.as_os_str() == ".git")
                {
                    return Err(usage(format!(
                        "--files {}: resolves to {}, inside git's own folder",
                        f.display(),
                        canon.display()
                    )));
                }
                let rel = inside.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(&canon)
                    .map_err(io_err(format!("cannot read {}", full.display())))?;
                hasher_input.extend_from_slice(rel.as_bytes());
                hasher_input.push(0);
                hasher_input.extend_from_slice(&bytes);
                let binary = bytes.contains(&0);
                let text = String::from_utf8_lossy(&bytes);
                let mut file = FileChange::whole_file(rel, if binary { "" } else { &text });
                file.binary = binary;
                file.line_count = Some(count_lines(&bytes));
                change.diff.push_str(&format!(
                    "--- /dev/null\n+++ b/{}\n@@ -0,0 +1,{} @@\n",
                    file.path,
                    file.added.len()
                ));
                for a in &file.added {
                    change.diff.push('+');
                    change.diff.push_str(&a.text);
                    change.diff.push('\n');
                }
                change.files.push(file);
            }
            Ok(Input {
                tree_id: format!("files-{}", short_hash(&hasher_input)),
                change,
                mode: "files",
                branch,
                shape: None,
            })
        }
        Selection::Range(spec) => {
            let rs = repo
                .revparse(spec)
                .map_err(|e| usage(format!("cannot resolve range {spec:?}: {}", e.message())))?;
            let (Some(from), Some(to)) = (rs.from(), rs.to()) else {
                return Err(usage(format!(
                    "{spec:?} is not a range; write it as A..B or A...B"
                )));
            };
            let to_commit = to
                .peel_to_commit()
                .map_err(ctx(format!("{spec}: the end of the range is not a commit")))?;
            let from_commit = from.peel_to_commit().map_err(ctx(format!(
                "{spec}: the start of the range is not a commit"
            )))?;
            let base = if rs.mode().contains(git2::RevparseMode::MERGE_BASE) {
                let mb = repo
                    .merge_base(from_commit.id(), to_commit.id())
                    .map_err(ctx(format!("{spec}: no merge base")))?;
                repo.find_commit(mb)
                    .map_err(ctx("cannot read the merge base"))?
            } else {
                from_commit
            };
            let old = base.tree().map_err(ctx("cannot read a tree"))?;
            let new = to_commit.tree().map_err(ctx("cannot read a tree"))?;
            let d = repo
                .diff_tree_to_tree(Some(&old), Some(&new), Some(&mut diff_options()))
                .map_err(ctx("cannot diff the range"))?;
            let mut change = diff::parse(&patch_text(&d)?);
            fill_line_counts(&mut change, |p| blob_in_tree(&repo, &new, p));
            Ok(Input {
                change,
                tree_id: new.id().to_string(),
                mode: "range",
                branch,
                shape: None,
            })
        }
        Selection::Auto | Selection::Staged => {
            let head = head_tree(&repo)?;
            let mut index = open_index(&repo, index_file)?;
            let staged = index_tree(&repo, &mut index)?;
            let head_id = match &head {
                Some(t) => t.id(),
                None => empty_tree(&repo)?,
            };
            if *selection == Selection::Auto && staged == head_id {
                return select(info, index_file, cwd, &Selection::WorkingTree);
            }
            let parents = crate::git::commit::pending_parents(&repo, &info.git_dir)?;
            let shape = crate::git::commit::shape(&repo, &parents)?;
            let base = repo.find_tree(shape.base_tree).map_err(ctx(
                "cannot read the tree the staged change is measured from",
            ))?;
            let d = repo
                .diff_tree_to_index(Some(&base), Some(&index), Some(&mut diff_options()))
                .map_err(ctx("cannot diff the staged change"))?;
            let mut change = diff::parse(&patch_text(&d)?);
            let tree = repo
                .find_tree(staged)
                .map_err(ctx("cannot read the staged tree"))?;
            fill_line_counts(&mut change, |p| blob_in_tree(&repo, &tree, p));
            Ok(Input {
                change,
                tree_id: staged.to_string(),
                mode: "staged",
                branch,
                shape: Some(shape),
            })
        }
        Selection::WorkingTree | Selection::Base(_) => {
            let (old, mode) = match selection {
                Selection::Base(r) => {
                    let obj = repo.revparse_single(r).map_err(|e| {
                        usage(format!("cannot resolve --base {r:?}: {}", e.message()))
                    })?;
                    let base_commit = obj
                        .peel_to_commit()
                        .map_err(ctx(format!("--base {r}: not a commit")))?;
                    let commit = match repo.head().ok().and_then(|h| h.peel_to_commit().ok()) {
                        Some(head) => {
                            let mb = repo
                                .merge_base(base_commit.id(), head.id())
                                .map_err(ctx(format!("--base {r}: no merge base with HEAD")))?;
                            repo.find_commit(mb)
                                .map_err(ctx("cannot read the merge base"))?
                        }
                        None => base_commit,
                    };
                    (
                        Some(commit.tree().map_err(ctx("cannot read a tree"))?),
                        "base",
                    )
                }
                _ => (head_tree(&repo)?, "working-tree"),
            };
            let mut opts = diff_options();
            opts.include_untracked(true)
                .recurse_untracked_dirs(true)
                .show_untracked_content(true);
            let d = repo
                .diff_tree_to_workdir_with_index(old.as_ref(), Some(&mut opts))
                .map_err(ctx("cannot diff the working tree"))?;
            let tree_id = worktree_tree(&repo, &d)?;
            let mut change = diff::parse(&patch_text(&d)?);
            let workdir = info.workdir.clone();
            // A link counts as git stores it (its target's name), never as what it points at.
            fill_line_counts(&mut change, |p| {
                let f = workdir.join(p);
                match std::fs::symlink_metadata(&f) {
                    Ok(m) if m.file_type().is_symlink() => std::fs::read_link(&f)
                        .ok()
                        .map(|t| t.as_os_str().as_encoded_bytes().to_vec()),
                    Ok(_) => std::fs::read(&f).ok(),
                    Err(_) => None,
                }
            });
            Ok(Input {
                change,
                tree_id: tree_id.to_string(),
                mode,
                branch,
                shape: None,
            })
        }
    }
}

/// The task id of a review: `--task-id`, else the `wfc/<project>/<task>` branch, else a short id
/// of the tree.
pub fn default_task(branch: Option<&str>, tree_id: &str) -> String {
    if let Some(b) = branch
        && let Some(rest) = b.strip_prefix("wfc/")
        && let Some((_, task)) = rest.split_once('/')
        && crate::ids::validate(crate::ids::IdKind::Task, task).is_ok()
    {
        return task.to_string();
    }
    // `diff-<hash>` and `files-<hash>` keep only the hash.
    let id = tree_id.rsplit('-').next().unwrap_or(tree_id);
    let hex: String = id
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .take(12)
        .collect();
    format!("tree-{hex}")
}

/// The change from tree `old` to tree `new`, as the reviewers read it (every line of `new` that
/// `old` lacks is an added line).
pub fn change_between(repo: &Repository, old: Oid, new: Oid) -> Result<Change, GitError> {
    let old = repo.find_tree(old).map_err(ctx("cannot read a tree"))?;
    let new = repo.find_tree(new).map_err(ctx("cannot read a tree"))?;
    let d = repo
        .diff_tree_to_tree(Some(&old), Some(&new), Some(&mut diff_options()))
        .map_err(ctx("cannot diff two trees"))?;
    let mut change = diff::parse(&patch_text(&d)?);
    fill_line_counts(&mut change, |p| blob_in_tree(repo, &new, p));
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_from_branch_or_tree() {
        assert_eq!(default_task(Some("wfc/proj/fix-1"), "abc"), "fix-1");
        assert_eq!(
            default_task(Some("main"), "0123456789abcdef"),
            "tree-0123456789ab"
        );
        assert_eq!(default_task(Some("wfc/proj/../x"), "ab"), "tree-ab");
        assert_eq!(default_task(None, "diff-ffee"), "tree-ffee");
    }

    #[test]
    fn counts_lines() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\n"), 1);
        assert_eq!(count_lines(b"a\nb"), 2);
    }
}
