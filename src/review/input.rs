//! Which change a review looks at, and the tree id it is bound to (DESIGN.md "Review" step 1).
//!
//! The staged tree is read from `$GIT_INDEX_FILE` when git set it (inside a hook), without taking
//! `index.lock`: the index is only read, and the tree objects are written to the object database
//! as `git commit` itself would.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use git2::{DiffOptions, Oid, Repository};
use sha2::{Digest, Sha256};

use super::change::{AddedLine, Change, FileChange, FileStatus};
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
    /// A unified diff from a file, or from the caller's input stream for `-`.
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

/// The input stream a caller hands over (the CLI: its stdin) for a diff given as `-`.
pub type Stdin = Box<dyn std::io::Read + Send>;

fn io_err(context: String) -> impl FnOnce(std::io::Error) -> GitError {
    move |source| GitError::Io { context, source }
}

fn usage(message: String) -> GitError {
    GitError::Invalid { message }
}

fn short_hash(hasher: Sha256) -> String {
    let d = hasher.finalize();
    d[..10].iter().map(|b| format!("{b:02x}")).collect()
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
        crate::git::tree_of_index(repo, &mut index)
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

/// Where the line count of a file in the reviewed tree comes from.
#[derive(Clone, Copy)]
enum Lines<'a> {
    /// The new side of each delta is a blob in the object database (trees, the index).
    Blobs,
    /// The new side is the working tree under this folder.
    Workdir(&'a Path),
}

impl Lines<'_> {
    fn count(&self, repo: &Repository, delta: &git2::DiffDelta<'_>, f: &FileChange) -> Option<u32> {
        if f.status == FileStatus::Deleted || f.binary {
            return None;
        }
        // A new text file's diff holds every one of its lines: nothing to read again.
        if f.status == FileStatus::Added && delta.status() == git2::Delta::Added {
            return Some(f.added.len() as u32);
        }
        match self {
            Lines::Blobs => {
                let blob = repo.find_blob(delta.new_file().id()).ok()?;
                Some(count_lines(blob.content()))
            }
            Lines::Workdir(workdir) => {
                // A link counts as git stores it (its target's name), never as what it points at.
                let p = workdir.join(&f.path);
                match std::fs::symlink_metadata(&p) {
                    Ok(m) if m.file_type().is_symlink() => std::fs::read_link(&p)
                        .ok()
                        .map(|t| count_lines(t.as_os_str().as_encoded_bytes())),
                    Ok(_) => std::fs::read(&p).ok().map(|b| count_lines(&b)),
                    Err(_) => None,
                }
            }
        }
    }
}

/// Where a change read one file at a time goes.
pub trait Sink {
    type Error: From<GitError>;
    /// Called once, before the first file, when the kind of change and the commit it would make
    /// (staged changes) are known. Answers whether the unified diff text is to be kept.
    fn start(
        &mut self,
        mode: &'static str,
        shape: Option<&crate::git::commit::Shape>,
    ) -> Result<bool, Self::Error>;
    /// Every file, as soon as it is read. Answers whether it stays in the change (a file that
    /// does not leaves the kept diff too).
    fn file(&mut self, file: FileChange) -> Result<bool, Self::Error>;
    /// A new text file, every line of it added, given as its whole `text` with `file.added`
    /// still empty and its `line_count` not set. By default its lines are split into
    /// `file.added` (and counted) and handed to [`Sink::file`]; a sink that reads the text
    /// itself saves one allocation per line, and sets the count where it splits the lines.
    fn whole_file(&mut self, mut file: FileChange, text: String) -> Result<bool, Self::Error> {
        file.added = FileChange::whole_file(String::new(), &text).added;
        file.line_count = Some(file.added.len() as u32);
        self.file(file)
    }
}

/// Changes of at least this many files are read on two threads (see [`each_delta_split`]).
const SPLIT_DELTAS: usize = 16;

/// A file [`blob_file`] read: the file and, for a new text file, its whole text; `None` when
/// it takes git's printed patch instead.
type BlobRead = Option<(FileChange, Option<String>)>;

/// Hands over the files of `diff` one at a time, each read and parsed on its own so that no
/// more than one file is held. The git inputs take each blob once from the object database by
/// the id the tree diff gives ([`blob_file`]), never by path from the root tree, which re-read
/// every tree on the way once per file.
fn each_delta<S: Sink>(
    repo: &Repository,
    diff: &git2::Diff<'_>,
    lines: Lines<'_>,
    checkout: bool,
    out: &mut Stream<'_, S>,
) -> Result<(), S::Error> {
    let split = diff.deltas().len() >= SPLIT_DELTAS && more_cores_than_scanners_fill();
    each_delta_on(repo, diff, lines, checkout, out, split)
}

/// [`each_delta`], on a second reading thread too when `split` (see [`each_delta_split`]).
/// With `checkout`, the new side of a delta is read from the repository's checkout where the
/// file there holds exactly the blob (see [`Checkout`]).
fn each_delta_on<S: Sink>(
    repo: &Repository,
    diff: &git2::Diff<'_>,
    lines: Lines<'_>,
    checkout: bool,
    out: &mut Stream<'_, S>,
    split: bool,
) -> Result<(), S::Error> {
    if matches!(lines, Lines::Blobs)
        && split
        && let Ok(second) = Repository::open(repo.path())
    {
        return each_delta_split(repo, second, diff, checkout, out);
    }
    let wt = checkout.then(|| Checkout::of(repo)).flatten();
    for i in 0..diff.deltas().len() {
        let Some(delta) = diff.get_delta(i) else {
            continue;
        };
        let fast = match lines {
            Lines::Blobs => blob_file(repo, wt.as_ref(), &BlobDelta::of(&delta))?,
            Lines::Workdir(_) => None,
        };
        hand_over(repo, diff, i, &delta, lines, fast, out)?;
    }
    Ok(())
}

/// Whether a second reading thread can have a core of its own: on two cores the scanners
/// already keep both busy, and a second reader only adds hand-overs (one per file, each a wake-up
/// of the other thread): on 50 MB of crate sources on two cores, one reader took 0.32 s and 490 ms
/// of CPU, two 0.34 s and 510 ms.
fn more_cores_than_scanners_fill() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 2)
}

/// [`each_delta`] for two object-database sides, with the blobs of every other file read (and
/// inflated, and diffed) on a second thread with its own handle on the repository: reading is
/// most of a large review's time outside the scanners. Files are still handed over in order,
/// and the second thread runs at most two files ahead.
fn each_delta_split<S: Sink>(
    repo: &Repository,
    second: Repository,
    diff: &git2::Diff<'_>,
    checkout: bool,
    out: &mut Stream<'_, S>,
) -> Result<(), S::Error> {
    let n = diff.deltas().len();
    let theirs: Vec<(usize, BlobDelta)> = (1..n)
        .step_by(2)
        .filter_map(|i| diff.get_delta(i).map(|d| (i, BlobDelta::of(&d))))
        .collect();
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<BlobRead, GitError>)>(2);
        scope.spawn(move || {
            let wt = checkout.then(|| Checkout::of(&second)).flatten();
            for (i, d) in theirs {
                if tx.send((i, blob_file(&second, wt.as_ref(), &d))).is_err() {
                    // The reader stopped (an error): nothing more is wanted.
                    return;
                }
            }
        });
        let wt = checkout.then(|| Checkout::of(repo)).flatten();
        for i in 0..n {
            let Some(delta) = diff.get_delta(i) else {
                continue;
            };
            let fast = if i % 2 == 1 {
                match rx.recv() {
                    Ok((at, read)) if at == i => read?,
                    // Cannot happen (both sides walk the same deltas), but reading it here is
                    // always right.
                    _ => blob_file(repo, wt.as_ref(), &BlobDelta::of(&delta))?,
                }
            } else {
                blob_file(repo, wt.as_ref(), &BlobDelta::of(&delta))?
            };
            hand_over(repo, diff, i, &delta, Lines::Blobs, fast, out)?;
        }
        Ok(())
    })
}

/// Hands delta `i` of `diff` to the sink: as [`blob_file`] read it (`fast`), else parsed from
/// the patch git prints.
fn hand_over<S: Sink>(
    repo: &Repository,
    diff: &git2::Diff<'_>,
    i: usize,
    delta: &git2::DiffDelta<'_>,
    lines: Lines<'_>,
    fast: BlobRead,
    out: &mut Stream<'_, S>,
) -> Result<(), S::Error> {
    if let Some((file, text)) = fast {
        let kept = match text {
            Some(text) => out.sink.whole_file(file, text)?,
            None => out.sink.file(file)?,
        };
        if kept && out.diff.is_some() {
            let text = delta_patch(diff, i)?;
            if let Some(d) = out.diff.as_mut() {
                d.push_str(&text);
            }
        }
        return Ok(());
    }
    let text = delta_patch(diff, i)?;
    let mut files = Vec::new();
    let mut parser = diff::Parser::default();
    for line in text.split('\n') {
        parser.line(line, &mut |f| files.push(f));
    }
    parser.finish(&mut |f| files.push(f));
    let mut kept = false;
    for mut f in files {
        if f.binary
            && let Lines::Workdir(workdir) = lines
        {
            text_behind_attributes(repo, delta, workdir, &mut f);
        }
        f.line_count = lines.count(repo, delta, &f);
        kept |= out.sink.file(f)?;
    }
    if kept && let Some(d) = out.diff.as_mut() {
        d.push_str(&text);
    }
    Ok(())
}

/// A working-tree file that git printed as binary only because `.gitattributes` says so (`-diff`,
/// `binary`): its text is reviewed all the same, diffed from the blob it replaces.
fn text_behind_attributes(
    repo: &Repository,
    delta: &git2::DiffDelta<'_>,
    workdir: &Path,
    f: &mut FileChange,
) {
    if f.status == FileStatus::Deleted {
        return;
    }
    let p = workdir.join(&f.path);
    let Ok(meta) = std::fs::symlink_metadata(&p) else {
        return;
    };
    if !meta.is_file() {
        return;
    }
    let Ok(new) = std::fs::read(&p) else {
        return;
    };
    if is_binary(&new) {
        return;
    }
    let old = match delta.status() {
        git2::Delta::Modified => match repo.find_blob(delta.old_file().id()) {
            Ok(b) if !is_binary(b.content()) => b.content().to_vec(),
            _ => return,
        },
        _ => Vec::new(),
    };
    let lines = diff_lines(&old, &new);
    f.binary = false;
    f.added = lines.added;
    f.removed = lines.removed;
}

/// The added lines of a text file and how many it lost, by line.
struct LineDiff {
    added: Vec<AddedLine>,
    removed: u32,
}

/// The line diff of two texts, computed here: git's Myers algorithm with its indentation
/// heuristic for where an ambiguous hunk goes, as `git diff` shows it. libgit2's diff of two
/// buffers would hash both (the collision-detecting SHA-1 was a tenth of a small review) and
/// could be handed the repository's diff drivers; this sees only the bytes.
fn diff_lines(old: &[u8], new: &[u8]) -> LineDiff {
    use imara_diff::{Algorithm, Diff, InternedInput};
    let input = InternedInput::new(old, new);
    let mut diff = Diff::compute(Algorithm::Myers, &input);
    diff.postprocess_lines(&input);
    let mut added = Vec::with_capacity(diff.count_additions() as usize);
    for hunk in diff.hunks() {
        for at in hunk.after {
            let line = input.interner[input.after[at as usize]];
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            // As the diff parser reads a line: without its end, `\r\n` included.
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            added.push(AddedLine {
                line: at + 1,
                text: String::from_utf8_lossy(line).into_owned(),
            });
        }
    }
    LineDiff {
        added,
        removed: diff.count_removals(),
    }
}

/// The patch text of delta `i` as git prints it.
fn delta_patch(diff: &git2::Diff<'_>, i: usize) -> Result<String, GitError> {
    let Some(mut patch) = git2::Patch::from_diff(diff, i).map_err(ctx("cannot render the diff"))?
    else {
        return Ok(String::new());
    };
    let buf = patch.to_buf().map_err(ctx("cannot render the diff"))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// How far git looks for a NUL byte to call a blob binary.
const BINARY_PROBE: usize = 8000;

fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_PROBE)].contains(&0)
}

/// A file of a diff between two object-database sides (trees, the index), read straight from
/// its blobs: a new file's lines are its content, a changed file is diffed from its two blobs.
/// Binary means a NUL byte, as git decides by content; a `.gitattributes` line such as
/// `* -diff` hides nothing from the review. `None` for what this does not cover (submodules,
/// type changes): those take the patch git prints. A new text file comes with its text and its
/// lines not yet split (see [`Sink::whole_file`]).
fn blob_file(
    repo: &Repository,
    checkout: Option<&Checkout<'_>>,
    delta: &BlobDelta,
) -> Result<BlobRead, GitError> {
    let (old, new) = (&delta.old, &delta.new);
    if old.mode == git2::FileMode::Commit || new.mode == git2::FileMode::Commit {
        return Ok(None);
    }
    let status = match delta.status {
        git2::Delta::Added => FileStatus::Added,
        git2::Delta::Deleted => FileStatus::Deleted,
        git2::Delta::Modified => FileStatus::Modified,
        _ => return Ok(None),
    };
    let side = if status == FileStatus::Deleted {
        old
    } else {
        new
    };
    let Some(raw_path) = side.path.as_deref() else {
        return Ok(None);
    };
    let path = String::from_utf8_lossy(raw_path).into_owned();
    // A blob that cannot be read here (the empty blob of `git add -N`, say) takes git's path.
    let read = |id: Oid| repo.find_blob(id).ok().map(Content::Blob);
    // The new side, from the checkout when the file there is that blob.
    let read_new = |side: &BlobSide| {
        checkout
            .and_then(|c| c.blob(side))
            .map(Content::Bytes)
            .or_else(|| read(side.id))
    };
    let mut file = FileChange {
        path: path.clone(),
        old_path: None,
        status,
        binary: false,
        added: Vec::new(),
        removed: 0,
        line_count: None,
        test_module_from: None,
    };
    match status {
        FileStatus::Added => {
            let Some(blob) = read_new(new) else {
                return Ok(None);
            };
            if is_binary(blob.bytes()) {
                file.binary = true;
            } else {
                // Its line count is set where its lines are split (see `Sink::whole_file`).
                let text = blob.into_text();
                file.test_module_from = diff::test_module_in(&path, &text);
                return Ok(Some((file, Some(text))));
            }
        }
        FileStatus::Deleted => {
            let Some(blob) = read(old.id) else {
                return Ok(None);
            };
            if is_binary(blob.bytes()) {
                file.binary = true;
            } else {
                file.removed = count_lines(blob.bytes());
            }
        }
        _ => {
            let (Some(a), Some(b)) = (read(old.id), read_new(new)) else {
                return Ok(None);
            };
            let (a, b) = (a.bytes(), b.bytes());
            if is_binary(a) || is_binary(b) {
                file.binary = true;
                return Ok(Some((file, None)));
            }
            file.line_count = Some(count_lines(b));
            if old.id == new.id {
                return Ok(Some((file, None)));
            }
            let lines = diff_lines(a, b);
            file.added = lines.added;
            file.removed = lines.removed;
            // The whole new file is at hand: its test module is found where it starts, not
            // only where a hunk shows it.
            if !file.added.is_empty() && path.to_ascii_lowercase().ends_with(".rs") {
                let text = String::from_utf8_lossy(b);
                file.test_module_from = diff::test_module_in(&path, &text);
            }
        }
    }
    Ok(Some((file, None)))
}

/// What [`blob_file`] reads of a delta: owned, so that another thread can read it.
struct BlobDelta {
    status: git2::Delta,
    old: BlobSide,
    new: BlobSide,
}

struct BlobSide {
    id: Oid,
    mode: git2::FileMode,
    path: Option<Vec<u8>>,
}

impl BlobDelta {
    fn of(delta: &git2::DiffDelta<'_>) -> BlobDelta {
        let side = |f: git2::DiffFile<'_>| BlobSide {
            id: f.id(),
            mode: f.mode(),
            path: f.path_bytes().map(<[u8]>::to_vec),
        };
        BlobDelta {
            status: delta.status(),
            old: side(delta.old_file()),
            new: side(delta.new_file()),
        }
    }
}

/// A blob's bytes: from the object database, or read from the checkout.
enum Content<'r> {
    Blob(git2::Blob<'r>),
    Bytes(Vec<u8>),
}

impl Content<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Content::Blob(b) => b.content(),
            Content::Bytes(b) => b,
        }
    }

    /// As [`text_of`], without a copy of bytes read from the checkout.
    fn into_text(self) -> String {
        match self {
            Content::Blob(b) => text_of(b.content()),
            Content::Bytes(b) => String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }
}

/// Files of the checkout larger than this are compared with the object's header (its size)
/// before they are read.
const HEADER_FIRST_BYTES: usize = 1 << 20;

/// The repository's checkout, as a source of the blobs of a change that its files hold: a file
/// there is a cheap read from the page cache, where the blob is an object to find in a pack,
/// inflate, and often rebuild from a delta chain. The file's bytes are used only when they are
/// exactly the blob's, proven the way git names blobs: they hash to the blob's id. So no
/// stat data, attribute, line-ending conversion, filter or edit after checkout can make the
/// review read anything but the blob; a file that differs costs a wasted read and the blob is
/// taken from the object database as before. The file is opened beneath the checkout's folder
/// without following any link (`openat2` with `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS`), must be
/// a regular file, and is never written.
struct Checkout<'r> {
    #[cfg(target_os = "linux")]
    dir: rustix::fd::OwnedFd,
    odb: git2::Odb<'r>,
}

impl<'r> Checkout<'r> {
    /// The checkout of `repo`; `None` for a bare repository, or where the folder cannot be
    /// opened, or off Linux.
    fn of(repo: &'r Repository) -> Option<Checkout<'r>> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags};
            let workdir = repo.workdir()?;
            let dir = rustix::fs::open(
                workdir,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .ok()?;
            let odb = repo.odb().ok()?;
            Some(Checkout { dir, odb })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = repo;
            None
        }
    }

    /// The bytes of the blob of `side`, from the checkout; `None` when the file there is not
    /// exactly that blob (or is not a regular file, or is reached through a link).
    fn blob(&self, side: &BlobSide) -> Option<Vec<u8>> {
        #[cfg(target_os = "linux")]
        {
            use std::io::Read;

            use rustix::fs::{FileType, Mode, OFlags, ResolveFlags};
            use sha1::Digest as _;

            if !matches!(
                side.mode,
                git2::FileMode::Blob | git2::FileMode::BlobExecutable
            ) || side.id.as_bytes().len() != 20
            {
                return None;
            }
            let path = side.path.as_deref()?;
            let fd = rustix::fs::openat2(
                &self.dir,
                path,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                Mode::empty(),
                ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
            )
            .ok()?;
            let st = rustix::fs::fstat(&fd).ok()?;
            if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
                return None;
            }
            // The hash below proves size and type (they are hashed in the header), so the
            // object's header is read only for a large file, not to read much more than the blob
            // when the file has changed.
            let size = usize::try_from(st.st_size).ok()?;
            if size > HEADER_FIRST_BYTES {
                let (blob_size, kind) = self.odb.read_header(side.id).ok()?;
                if kind != git2::ObjectType::Blob || blob_size != size {
                    return None;
                }
            }
            let mut bytes = Vec::with_capacity(size + 1);
            // One byte more than the blob: a file that grew since is not it.
            std::fs::File::from(fd)
                .take(size as u64 + 1)
                .read_to_end(&mut bytes)
                .ok()?;
            if bytes.len() != size {
                return None;
            }
            let mut h = sha1::Sha1::new();
            h.update(format!("blob {size}\0").as_bytes());
            h.update(&bytes);
            (h.finalize().as_slice() == side.id.as_bytes()).then_some(bytes)
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = side;
            None
        }
    }
}

/// A blob's bytes as text, invalid UTF-8 replaced as `String::from_utf8_lossy` does (checked
/// first the fast way: almost every text blob is valid UTF-8).
fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Where [`stream`] sends the change.
struct Stream<'a, S: Sink> {
    sink: &'a mut S,
    diff: Option<String>,
}

impl<S: Sink> Stream<'_, S> {
    fn start(
        &mut self,
        mode: &'static str,
        shape: Option<&crate::git::commit::Shape>,
    ) -> Result<(), S::Error> {
        if self.sink.start(mode, shape)? {
            self.diff = Some(String::new());
        }
        Ok(())
    }
}

/// Collects the whole change.
struct Collect(Vec<FileChange>);

impl Sink for Collect {
    type Error = GitError;
    fn start(
        &mut self,
        _: &'static str,
        _: Option<&crate::git::commit::Shape>,
    ) -> Result<bool, GitError> {
        Ok(true)
    }
    fn file(&mut self, file: FileChange) -> Result<bool, GitError> {
        self.0.push(file);
        Ok(true)
    }
}

/// What a change read by [`stream`] is bound to.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// As [`Input::tree_id`].
    pub tree_id: String,
    pub mode: &'static str,
    pub branch: Option<String>,
    pub shape: Option<crate::git::commit::Shape>,
    /// The unified diff of the files that were kept, when it was asked for; else empty.
    pub diff: String,
}

/// Reads the selected change from the worktree `info.workdir`, whole.
pub fn select(
    info: &RepoInfo,
    index_file: Option<&Path>,
    cwd: &Path,
    selection: &Selection,
    stdin: Option<Stdin>,
) -> Result<Input, GitError> {
    let mut files = Collect(Vec::new());
    let repo = info.open_current()?;
    let s = stream(info, &repo, index_file, cwd, selection, stdin, &mut files)?;
    Ok(Input {
        change: Change {
            files: files.0,
            diff: s.diff,
        },
        tree_id: s.tree_id,
        mode: s.mode,
        branch: s.branch,
        shape: s.shape,
    })
}

/// Reads the selected change one file at a time into `sink`. Unless the sink asks for the
/// diff text (for reviewers that read it whole), no more than one file of the change is held
/// here.
pub fn stream<S: Sink>(
    info: &RepoInfo,
    repo: &Repository,
    index_file: Option<&Path>,
    cwd: &Path,
    selection: &Selection,
    stdin: Option<Stdin>,
    sink: &mut S,
) -> Result<Streamed, S::Error> {
    let mut out = Stream { sink, diff: None };
    let (tree_id, mode, shape) = read(info, repo, index_file, cwd, selection, stdin, &mut out)?;
    Ok(Streamed {
        tree_id,
        mode,
        branch: current_branch(repo),
        shape,
        diff: out.diff.unwrap_or_default(),
    })
}

type Read = (String, &'static str, Option<crate::git::commit::Shape>);

fn read_diff_file<S: Sink>(
    cwd: &Path,
    path: &Path,
    stdin: Option<Stdin>,
    out: &mut Stream<'_, S>,
) -> Result<Read, S::Error> {
    let (mut reader, what): (Box<dyn BufRead>, String) = if path.as_os_str() == "-" {
        let Some(stdin) = stdin else {
            return Err(
                usage("`-` names the caller's input, and this caller gave none".into()).into(),
            );
        };
        (
            Box::new(std::io::BufReader::with_capacity(1 << 16, stdin)),
            "the diff from stdin".into(),
        )
    } else {
        let p = cwd.join(path);
        let file =
            std::fs::File::open(&p).map_err(io_err(format!("cannot read {}", p.display())))?;
        (
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            p.display().to_string(),
        )
    };
    out.start("diff-file", None)?;
    let mut hasher = Sha256::new();
    let mut parser = diff::Parser::default();
    let mut files = 0usize;
    let mut failed = None;
    let mut blank = true;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        let n = reader
            .read_until(b'\n', &mut raw)
            .map_err(io_err(format!("cannot read {what}")))?;
        if n == 0 {
            break;
        }
        // Invalid UTF-8 never spans a newline: line by line gives the text a whole-file
        // conversion would.
        let text = String::from_utf8_lossy(&raw);
        hasher.update(text.as_bytes());
        if let Some(d) = out.diff.as_mut() {
            d.push_str(&text);
        }
        blank &= text.trim().is_empty();
        let line = text.strip_suffix('\n').unwrap_or(&text);
        parser.line(line, &mut |f| {
            files += 1;
            if failed.is_none()
                && let Err(e) = out.sink.file(f)
            {
                failed = Some(e);
            }
        });
        if let Some(e) = failed.take() {
            return Err(e);
        }
    }
    parser.finish(&mut |f| {
        files += 1;
        if failed.is_none()
            && let Err(e) = out.sink.file(f)
        {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if files == 0 && !blank {
        return Err(S::Error::from(usage(format!(
            "{} is not a unified diff (no `---`/`+++` file headers found)",
            path.display()
        ))));
    }
    Ok((format!("diff-{}", short_hash(hasher)), "diff-file", None))
}

fn read<S: Sink>(
    info: &RepoInfo,
    repo: &Repository,
    index_file: Option<&Path>,
    cwd: &Path,
    selection: &Selection,
    stdin: Option<Stdin>,
    out: &mut Stream<'_, S>,
) -> Result<Read, S::Error> {
    match selection {
        Selection::DiffFile(path) => read_diff_file(cwd, path, stdin, out),
        Selection::Files(files) => {
            out.start("files", None)?;
            let mut hasher = Sha256::new();
            for f in files {
                let full = cwd.join(f);
                // Links and `..` are resolved first: only files of this repository are read, so a
                // committed link cannot send a file from elsewhere to the reviewers.
                let canon = std::fs::canonicalize(&full)
                    .map_err(io_err(format!("cannot read {}", full.display())))?;
                let Ok(inside) = canon.strip_prefix(&info.workdir) else {
                    return Err(S::Error::from(usage(format!(
                        "{}: resolves to {}, outside the repository at {}; only files of the repository are reviewed",
                        f.display(),
                        canon.display(),
                        info.workdir.display()
                    ))));
                };
                if inside
                    .components()
                    .next()
                    .is_some_and(|c| c.as_os_str() == ".git")
                {
                    return Err(S::Error::from(usage(format!(
                        "{}: resolves to {}, inside git's own folder",
                        f.display(),
                        canon.display()
                    ))));
                }
                let rel = inside.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(&canon)
                    .map_err(io_err(format!("cannot read {}", full.display())))?;
                hasher.update(rel.as_bytes());
                hasher.update([0]);
                hasher.update(&bytes);
                let binary = bytes.contains(&0);
                let text = String::from_utf8_lossy(&bytes);
                let mut file = FileChange::whole_file(rel, if binary { "" } else { &text });
                file.binary = binary;
                file.line_count = Some(count_lines(&bytes));
                let section = out.diff.is_some().then(|| {
                    let mut d = format!(
                        "--- /dev/null\n+++ b/{}\n@@ -0,0 +1,{} @@\n",
                        file.path,
                        file.added.len()
                    );
                    for a in &file.added {
                        d.push('+');
                        d.push_str(&a.text);
                        d.push('\n');
                    }
                    d
                });
                if out.sink.file(file)?
                    && let (Some(d), Some(section)) = (out.diff.as_mut(), section)
                {
                    d.push_str(&section);
                }
            }
            Ok((format!("files-{}", short_hash(hasher)), "files", None))
        }
        Selection::Range(spec) => {
            let rs = repo
                .revparse(spec)
                .map_err(|e| usage(format!("cannot resolve range {spec:?}: {}", e.message())))?;
            let (Some(from), Some(to)) = (rs.from(), rs.to()) else {
                return Err(S::Error::from(usage(format!(
                    "{spec:?} is not a range; write it as A..B or A...B"
                ))));
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
            out.start("range", None)?;
            // The checkout holds the end of the range when HEAD's tree is that tree.
            let checked_out = head_tree(repo).ok().flatten().map(|t| t.id()) == Some(new.id());
            each_delta(repo, &d, Lines::Blobs, checked_out, out)?;
            Ok((new.id().to_string(), "range", None))
        }
        Selection::Auto | Selection::Staged => {
            let head = head_tree(repo)?;
            let mut index = crate::git::open_index(repo, index_file)?;
            let staged = crate::git::tree_of_index(repo, &mut index)?;
            let head_id = match &head {
                Some(t) => t.id(),
                None => empty_tree(repo)?,
            };
            if *selection == Selection::Auto && staged == head_id {
                return read(
                    info,
                    repo,
                    index_file,
                    cwd,
                    &Selection::WorkingTree,
                    None,
                    out,
                );
            }
            let parents = crate::git::commit::pending_parents(repo, &info.git_dir)?;
            let shape = crate::git::commit::shape(repo, &parents)?;
            let base = repo.find_tree(shape.base_tree).map_err(ctx(
                "cannot read the tree the staged change is measured from",
            ))?;
            let d = repo
                .diff_tree_to_index(Some(&base), Some(&index), Some(&mut diff_options()))
                .map_err(ctx("cannot diff the staged change"))?;
            out.start("staged", Some(&shape))?;
            // Staged files are most often as they are in the checkout too.
            each_delta(repo, &d, Lines::Blobs, true, out)?;
            Ok((staged.to_string(), "staged", Some(shape)))
        }
        Selection::WorkingTree | Selection::Base(_) => {
            let (old, mode) = match selection {
                Selection::Base(r) => {
                    let obj = repo.revparse_single(r).map_err(|e| {
                        usage(format!("cannot resolve the base {r:?}: {}", e.message()))
                    })?;
                    let base_commit = obj
                        .peel_to_commit()
                        .map_err(ctx(format!("the base {r} is not a commit")))?;
                    let commit = match repo.head().ok().and_then(|h| h.peel_to_commit().ok()) {
                        Some(head) => {
                            let mb = repo.merge_base(base_commit.id(), head.id()).map_err(ctx(
                                format!("the base {r} has no merge base with HEAD"),
                            ))?;
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
                _ => (head_tree(repo)?, "working-tree"),
            };
            let mut opts = diff_options();
            opts.include_untracked(true)
                .recurse_untracked_dirs(true)
                .show_untracked_content(true);
            let d = repo
                .diff_tree_to_workdir_with_index(old.as_ref(), Some(&mut opts))
                .map_err(ctx("cannot diff the working tree"))?;
            let tree_id = worktree_tree(repo, &d)?;
            out.start(mode, None)?;
            each_delta(repo, &d, Lines::Workdir(&info.workdir), false, out)?;
            Ok((tree_id.to_string(), mode, None))
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
    let mut files = Collect(Vec::new());
    let mut out = Stream {
        sink: &mut files,
        diff: Some(String::new()),
    };
    each_delta(repo, &d, Lines::Blobs, false, &mut out)?;
    let diff = out.diff.unwrap_or_default();
    Ok(Change {
        files: files.0,
        diff,
    })
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

    /// Files read on two threads come out as on one, in the same order: modified, added,
    /// deleted, binary and empty files, more than enough for the split.
    #[test]
    fn two_reading_threads_hand_over_what_one_does() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let sig = git2::Signature::now("T", "t@example.com").unwrap();
        let commit = |files: &[(String, Vec<u8>)], parent: Option<&git2::Commit<'_>>| {
            let mut b = repo.treebuilder(None).unwrap();
            for (name, body) in files {
                let id = repo.blob(body).unwrap();
                b.insert(name, id, 0o100644).unwrap();
            }
            let tree = repo.find_tree(b.write().unwrap()).unwrap();
            let parents: Vec<&git2::Commit<'_>> = parent.into_iter().collect();
            let id = repo.commit(None, &sig, &sig, "c", &tree, &parents).unwrap();
            repo.find_commit(id).unwrap()
        };
        let text = |i: usize, n: usize| -> Vec<u8> {
            (0..n)
                .map(|l| format!("line {l} of file {i}\n"))
                .collect::<String>()
                .into_bytes()
        };
        let base: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| (format!("f{i:02}.txt"), text(i, 20)))
            .collect();
        let mut head: Vec<(String, Vec<u8>)> = base
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 7 != 3)
            .map(|(i, (name, body))| {
                let mut body = body.clone();
                if i % 2 == 0 {
                    body.extend_from_slice(format!("added to {i}\n").as_bytes());
                }
                (name.clone(), body)
            })
            .collect();
        for i in 30..55 {
            head.push((format!("n{i:02}.txt"), text(i, 1 + i % 9)));
        }
        head.push(("bin.dat".to_string(), vec![0, 1, 2, 0, 255]));
        head.push(("empty.txt".to_string(), Vec::new()));
        let old = commit(&base, None);
        let new = commit(&head, Some(&old));
        let d = repo
            .diff_tree_to_tree(Some(&old.tree().unwrap()), Some(&new.tree().unwrap()), None)
            .unwrap();
        assert!(d.deltas().len() >= SPLIT_DELTAS);
        let read = |split: bool| {
            let mut files = Collect(Vec::new());
            let mut out = Stream {
                sink: &mut files,
                diff: None,
            };
            if split {
                // Straight to the split, which `each_delta_on` would skip, reading on one thread,
                // if the second handle did not open.
                let second = Repository::open(repo.path()).unwrap();
                each_delta_split(&repo, second, &d, false, &mut out).unwrap();
            } else {
                each_delta_on(&repo, &d, Lines::Blobs, false, &mut out, false).unwrap();
            }
            serde_json::to_string_pretty(&files.0).unwrap()
        };
        let one = read(false);
        assert!(one.contains("added to 4") && one.contains("n54.txt") && one.contains("bin.dat"));
        assert_eq!(read(true), one);
    }

    /// The checkout stands in for a blob only with the blob's very bytes, in a regular file
    /// reached without a link; anything else is read from the object database.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_checkout_gives_a_blob_only_where_it_holds_exactly_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let body = b"API_KEY = \"the committed bytes\"\n".to_vec();
        let id = repo.blob(&body).unwrap();
        let side = |path: &str, mode: git2::FileMode| BlobSide {
            id,
            mode,
            path: Some(path.as_bytes().to_vec()),
        };
        let wt = dir.path();
        std::fs::create_dir_all(wt.join("d")).unwrap();
        std::fs::write(wt.join("same.py"), &body).unwrap();
        std::fs::write(wt.join("d/same.py"), &body).unwrap();
        let checkout = Checkout::of(&repo).expect("a checkout");
        assert_eq!(
            checkout.blob(&side("same.py", git2::FileMode::Blob)),
            Some(body.clone())
        );
        assert_eq!(
            checkout.blob(&side("d/same.py", git2::FileMode::BlobExecutable)),
            Some(body.clone())
        );
        // Not a file's blob: a link's target, a submodule.
        assert_eq!(checkout.blob(&side("same.py", git2::FileMode::Link)), None);
        assert_eq!(
            checkout.blob(&side("same.py", git2::FileMode::Commit)),
            None
        );

        // Edited after the commit, to the same length: not the blob.
        let mut edited = body.clone();
        edited[11] = b'T';
        std::fs::write(wt.join("edited.py"), &edited).unwrap();
        // Longer, shorter, missing.
        std::fs::write(wt.join("longer.py"), [&body[..], b"x"].concat()).unwrap();
        std::fs::write(wt.join("shorter.py"), &body[1..]).unwrap();
        // Line endings converted on checkout.
        std::fs::write(wt.join("crlf.py"), b"API_KEY = \"the committed bytes\"\r\n").unwrap();
        for p in [
            "edited.py",
            "longer.py",
            "shorter.py",
            "crlf.py",
            "missing.py",
        ] {
            assert_eq!(checkout.blob(&side(p, git2::FileMode::Blob)), None, "{p}");
        }

        // The same bytes, reached through a link: to a file, or through a linked folder, out of
        // the checkout or inside it; and a path that climbs out.
        std::fs::write(outside.path().join("same.py"), &body).unwrap();
        std::os::unix::fs::symlink(outside.path().join("same.py"), wt.join("link.py")).unwrap();
        std::os::unix::fs::symlink("same.py", wt.join("inner-link.py")).unwrap();
        std::os::unix::fs::symlink(outside.path(), wt.join("out")).unwrap();
        std::os::unix::fs::symlink("d", wt.join("d2")).unwrap();
        let climb = format!(
            "../{}/same.py",
            outside.path().file_name().unwrap().to_string_lossy()
        );
        for p in [
            "link.py",
            "inner-link.py",
            "out/same.py",
            "d2/same.py",
            climb.as_str(),
        ] {
            assert_eq!(checkout.blob(&side(p, git2::FileMode::Blob)), None, "{p}");
        }

        // A folder, and a FIFO, which a blocking open would wait on forever.
        std::fs::create_dir_all(wt.join("folder.py")).unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            wt.join("fifo.py"),
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        for p in ["folder.py", "fifo.py"] {
            assert_eq!(checkout.blob(&side(p, git2::FileMode::Blob)), None, "{p}");
        }

        // A file past the size read without the object's header first: the same, and one of
        // the same length with a byte changed.
        let large: Vec<u8> = (0..HEADER_FIRST_BYTES + 4096)
            .map(|i| {
                if i % 64 == 63 {
                    b'\n'
                } else {
                    b'a' + (i % 26) as u8
                }
            })
            .collect();
        let large_id = repo.blob(&large).unwrap();
        std::fs::write(wt.join("large.txt"), &large).unwrap();
        let mut large_edited = large.clone();
        large_edited[HEADER_FIRST_BYTES / 2] = b'#';
        std::fs::write(wt.join("large-edited.txt"), &large_edited).unwrap();
        let large_side = |path: &str| BlobSide {
            id: large_id,
            mode: git2::FileMode::Blob,
            path: Some(path.as_bytes().to_vec()),
        };
        assert_eq!(checkout.blob(&large_side("large.txt")), Some(large.clone()));
        assert_eq!(checkout.blob(&large_side("large-edited.txt")), None);
        // The small file's bytes under the large blob's id, and the other way round.
        assert_eq!(checkout.blob(&large_side("same.py")), None);
        assert_eq!(
            checkout.blob(&side("large.txt", git2::FileMode::Blob)),
            None
        );

        // A bare repository has no checkout.
        let bare = tempfile::tempdir().unwrap();
        let bare = Repository::init_bare(bare.path()).unwrap();
        assert!(Checkout::of(&bare).is_none());
    }

    #[test]
    fn counts_lines() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\n"), 1);
        assert_eq!(count_lines(b"a\nb"), 2);
    }

    /// The added lines and the removed count as git's own diff of the two buffers shows them.
    fn git_diff_lines(old: &[u8], new: &[u8]) -> (Vec<(u32, String)>, u32) {
        let p = Path::new("f.txt");
        let mut patch =
            git2::Patch::from_buffers(old, Some(p), new, Some(p), Some(&mut diff_options()))
                .expect("patch");
        let buf = patch.to_buf().expect("buf");
        let text = String::from_utf8_lossy(&buf);
        let mut parsed = None;
        let mut parser = diff::Parser::default();
        for line in text.split('\n') {
            parser.line(line, &mut |f| parsed = parsed.take().or(Some(f)));
        }
        parser.finish(&mut |f| parsed = parsed.take().or(Some(f)));
        // No file: the same bytes.
        parsed.map_or((Vec::new(), 0), |f: FileChange| {
            (
                f.added.into_iter().map(|a| (a.line, a.text)).collect(),
                f.removed,
            )
        })
    }

    #[test]
    fn line_diff_agrees_with_git() {
        let base = "fn a() {\n    1\n}\n\nfn b() {\n    2\n}\n";
        let cases: Vec<(Vec<u8>, Vec<u8>)> = vec![
            (base.into(), format!("{base}fn c() {{}}\n").into()),
            (base.into(), base.replace("    2", "    22").into()),
            (base.into(), base.replace("    1\n", "").into()),
            (base.into(), format!("// top\n{base}").into()),
            (base.into(), base.trim_end().into()),
            (base.trim_end().into(), base.into()),
            (b"a\r\nb\r\n".to_vec(), b"a\r\nx\r\nb\r\n".to_vec()),
            (b"a\nb\n".to_vec(), b"a\n\xff\xfe bytes\nb\n".to_vec()),
            (Vec::new(), b"only\nnew\n".to_vec()),
            (b"gone\n".to_vec(), Vec::new()),
            (base.into(), base.into()),
        ];
        for (old, new) in cases {
            let ours = diff_lines(&old, &new);
            let ours = (
                ours.added.into_iter().map(|a| (a.line, a.text)).collect(),
                ours.removed,
            );
            assert_eq!(
                ours,
                git_diff_lines(&old, &new),
                "{:?} -> {:?}",
                String::from_utf8_lossy(&old),
                String::from_utf8_lossy(&new)
            );
        }
    }
}
