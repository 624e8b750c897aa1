//! The shape of a commit: its parents' trees and the tree its own change is measured from.
//!
//! A plain commit's change is its tree against its parent's; a root commit's, against the empty
//! tree; a merge commit's, against the automatic merge of its parents (what `git merge-tree`
//! would make), so a merge that equals it changes nothing and one that adds content (an "evil
//! merge") has exactly that content as its change.

use std::path::Path;

use git2::{Oid, Repository};

use super::{GitError, ctx};

/// The id of git's empty tree.
pub const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// What a commit's change is measured against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The parents' tree ids, in order; the empty tree alone for a root commit.
    pub parent_trees: Vec<String>,
    /// The tree the change is a diff from.
    pub base_tree: Oid,
    pub merge: bool,
    /// The first parent commit (none for a root commit): the HEAD the commit is made on, whose
    /// committed gate policy applies to it.
    pub first_parent: Option<Oid>,
}

impl Shape {
    /// The parent trees as one key (`,`-joined), as jobs and trailers bind them.
    pub fn parents_key(&self) -> String {
        self.parent_trees.join(",")
    }
}

fn empty_tree(repo: &Repository) -> Result<Oid, GitError> {
    repo.treebuilder(None)
        .and_then(|b| b.write())
        .map_err(ctx("cannot write the empty tree"))
}

/// The automatic merge of `parents` (in order, folded left), conflicts resolved to the side
/// already merged, so that the result is deterministic and any hand-made resolution is part of
/// the merge's own change.
pub fn auto_merge_tree(repo: &Repository, parents: &[Oid]) -> Result<Oid, GitError> {
    let first = repo
        .find_commit(parents[0])
        .map_err(ctx("cannot read a merge parent"))?;
    let mut ours_tree = first.tree().map_err(ctx("cannot read a tree"))?;
    let mut ours_commit = first.id();
    for &theirs in &parents[1..] {
        let theirs_c = repo
            .find_commit(theirs)
            .map_err(ctx("cannot read a merge parent"))?;
        let base = match repo.merge_base(ours_commit, theirs) {
            Ok(b) => Some(
                repo.find_commit(b)
                    .and_then(|c| c.tree())
                    .map_err(ctx("cannot read the merge base"))?,
            ),
            Err(_) => None,
        };
        let empty;
        let base_tree = match &base {
            Some(t) => t,
            None => {
                empty = repo
                    .find_tree(empty_tree(repo)?)
                    .map_err(ctx("cannot read the empty tree"))?;
                &empty
            }
        };
        let theirs_tree = theirs_c.tree().map_err(ctx("cannot read a tree"))?;
        let mut index = repo
            .merge_trees(base_tree, &ours_tree, &theirs_tree, None)
            .map_err(ctx("cannot merge the parents"))?;
        if index.has_conflicts() {
            let conflicts: Vec<_> = index
                .conflicts()
                .map_err(ctx("cannot read merge conflicts"))?
                .flatten()
                .collect();
            for c in conflicts {
                let path = c
                    .our
                    .as_ref()
                    .or(c.their.as_ref())
                    .or(c.ancestor.as_ref())
                    .map(|e| e.path.clone());
                let Some(path) = path else { continue };
                let p = Path::new(std::str::from_utf8(&path).unwrap_or_default()).to_path_buf();
                let _ = index.conflict_remove(&p);
                if let Some(mut ours) = c.our {
                    ours.flags &= !0x3000; // stage 0
                    index
                        .add(&ours)
                        .map_err(ctx("cannot resolve a merge conflict"))?;
                }
            }
        }
        let tree = index
            .write_tree_to(repo)
            .map_err(ctx("cannot write the merged tree"))?;
        ours_tree = repo.find_tree(tree).map_err(ctx("cannot read a tree"))?;
        // Later parents merge into the result as git's octopus does, from the first parent.
        ours_commit = first.id();
    }
    Ok(ours_tree.id())
}

/// The shape of an existing commit.
pub fn of_commit(repo: &Repository, commit: &git2::Commit<'_>) -> Result<Shape, GitError> {
    let parents: Vec<Oid> = commit.parent_ids().collect();
    shape(repo, &parents)
}

/// The shape of a commit with these parents.
pub fn shape(repo: &Repository, parents: &[Oid]) -> Result<Shape, GitError> {
    match parents {
        [] => Ok(Shape {
            parent_trees: vec![EMPTY_TREE.to_string()],
            base_tree: empty_tree(repo)?,
            merge: false,
            first_parent: None,
        }),
        [one] => {
            let t = repo
                .find_commit(*one)
                .map_err(ctx("cannot read a parent commit"))?
                .tree_id();
            Ok(Shape {
                parent_trees: vec![t.to_string()],
                base_tree: t,
                merge: false,
                first_parent: Some(*one),
            })
        }
        many => {
            let mut trees = Vec::new();
            for p in many {
                trees.push(
                    repo.find_commit(*p)
                        .map_err(ctx("cannot read a parent commit"))?
                        .tree_id()
                        .to_string(),
                );
            }
            Ok(Shape {
                parent_trees: trees,
                base_tree: auto_merge_tree(repo, many)?,
                merge: true,
                first_parent: Some(many[0]),
            })
        }
    }
}

/// The parents the commit being made will have: HEAD plus `MERGE_HEAD` while concluding a
/// merge, HEAD's own parents under `git commit --amend`, HEAD otherwise (none on an unborn
/// branch).
pub fn pending_parents(repo: &Repository, git_dir: &Path) -> Result<Vec<Oid>, GitError> {
    let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let Some(head) = head else {
        return Ok(Vec::new());
    };
    if let Ok(text) = std::fs::read_to_string(git_dir.join("MERGE_HEAD")) {
        let mut v = vec![head.id()];
        for line in text.lines() {
            if let Ok(id) = Oid::from_str(line.trim()) {
                v.push(id);
            }
        }
        if v.len() > 1 {
            return Ok(v);
        }
    }
    if amending(repo) {
        return Ok(head.parent_ids().collect());
    }
    Ok(vec![head.id()])
}

/// Whether this process runs under `git commit --amend` (a hook of it, or a command it
/// started): the closest `git` ancestor's command line says `commit` and `--amend`. git tells
/// hooks nothing else about it. Where the process tree cannot be read the answer is no, and a
/// trailer made for the wrong parents fails `gate verify` rather than passing it.
pub fn amending(repo: &Repository) -> bool {
    let mut pid = std::process::id();
    for _ in 0..6 {
        let Some(ppid) = parent_pid(pid) else {
            return false;
        };
        if ppid <= 1 {
            return false;
        }
        pid = ppid;
        let Ok(raw) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            return false;
        };
        let args: Vec<&[u8]> = raw.split(|b| *b == 0).filter(|a| !a.is_empty()).collect();
        let Some(prog) = args.first() else { continue };
        let name = prog.rsplit(|b| *b == b'/').next().unwrap_or(prog);
        if name != b"git" {
            continue;
        }
        let alias = |name: &str| {
            repo.config()
                .ok()?
                .get_string(&format!("alias.{name}"))
                .ok()
        };
        return is_amend_args(&args[1..], &alias);
    }
    false
}

fn is_amend_args(args: &[&[u8]], alias: &dyn Fn(&str) -> Option<String>) -> bool {
    // Options of `git` itself before the subcommand, some with a value.
    let mut i = 0;
    while i < args.len() && args[i].starts_with(b"-") {
        if matches!(
            args[i],
            b"-c" | b"-C" | b"--git-dir" | b"--work-tree" | b"--namespace"
        ) {
            i += 1;
        }
        i += 1;
    }
    // A git alias (`ca = commit --amend`) is expanded once; shell aliases (`!...`) are not.
    let expanded: Vec<Vec<u8>>;
    let args: Vec<&[u8]> = match args.get(i) {
        Some(&b"commit") => args[i..].to_vec(),
        Some(name) => match std::str::from_utf8(name).ok().and_then(alias) {
            Some(a) if !a.starts_with('!') => {
                expanded = a
                    .split_whitespace()
                    .map(|w| w.as_bytes().to_vec())
                    .collect();
                let mut v: Vec<&[u8]> = expanded.iter().map(Vec::as_slice).collect();
                v.extend_from_slice(&args[i + 1..]);
                v
            }
            _ => return false,
        },
        None => return false,
    };
    if args.first() != Some(&&b"commit"[..]) {
        return false;
    }
    let mut amend = false;
    let mut j = 1;
    while j < args.len() {
        match args[j] {
            b"--" => break,
            b"--amend" => amend = true,
            b"--no-amend" => amend = false,
            // Options whose value is the next argument, which may itself read `--amend`.
            b"-m" | b"-F" | b"-c" | b"-C" | b"--message" | b"--file" | b"--reuse-message"
            | b"--reedit-message" | b"--author" | b"--date" | b"-t" | b"--template"
            | b"--fixup" | b"--squash" | b"--cleanup" | b"--trailer" => j += 1,
            _ => {}
        }
        j += 1;
    }
    amend
}

fn parent_pid(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amend_is_read_from_git_arguments() {
        let alias = |name: &str| match name {
            "ca" => Some("commit --amend".to_string()),
            "c" => Some("commit".to_string()),
            "sh" => Some("!git commit --amend".to_string()),
            _ => None,
        };
        let t = |s: &str| {
            let v: Vec<&[u8]> = s.split(' ').map(str::as_bytes).collect();
            is_amend_args(&v, &alias)
        };
        assert!(t("commit --amend"));
        assert!(t("-c core.x=1 commit -a --amend -m msg"));
        assert!(!t("commit -m --amend"));
        assert!(!t("commit --amend --no-amend"));
        assert!(!t("log --amend"));
        assert!(!t("commit -- --amend"));
        assert!(t("ca -m msg"));
        assert!(t("c --amend"));
        assert!(!t("c -m x"));
        assert!(!t("sh"));
    }

    #[test]
    fn this_test_is_not_amending() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        assert!(!amending(&repo));
    }
}
