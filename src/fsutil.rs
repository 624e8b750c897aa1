//! Durable file writes: a reader (or a process killed mid-write) sees the old file or the new one,
//! never a torn one. And symlink-safe paths: wfc never deletes, moves or writes through a symbolic
//! link it did not create (DESIGN.md "Trust and safety"), so every folder it writes into below a
//! trusted base is checked with `lstat`, component by component.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FsError {
    #[error("cannot create directory {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A path wfc was about to use is a symbolic link, not a real folder or file, or is otherwise
    /// not wfc's to write (tracked by git).
    #[error("refusing to use {path}: {problem}")]
    Unsafe {
        path: PathBuf,
        problem: String,
        /// The path is a symbolic link (rather than, say, a file where a folder belongs).
        link: bool,
    },
}

impl FsError {
    /// The I/O error underneath, for callers that report a path and an `io::Error`.
    pub fn into_io_error(self) -> std::io::Error {
        match self {
            FsError::Write { source, .. }
            | FsError::CreateDir { source, .. }
            | FsError::Read { source, .. } => source,
            other @ FsError::Unsafe { .. } => std::io::Error::other(other.to_string()),
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            FsError::Unsafe {
                path, link: true, ..
            } => Some(format!(
                "wfc never writes, moves or deletes through a symbolic link it did not make; replace {} with a real folder (or file) that git does not track, or remove it",
                path.display()
            )),
            FsError::Unsafe { path, .. } => Some(format!(
                "move {} out of the way; wfc keeps its own files there",
                path.display()
            )),
            _ => None,
        }
    }

    fn unsafe_path(path: &Path, problem: impl Into<String>) -> FsError {
        FsError::Unsafe {
            path: path.to_path_buf(),
            problem: problem.into(),
            link: false,
        }
    }

    fn link(path: &Path) -> FsError {
        FsError::Unsafe {
            path: path.to_path_buf(),
            problem: "it is a symbolic link".into(),
            link: true,
        }
    }

    /// A symbolic link was refused.
    pub fn is_link(&self) -> bool {
        matches!(self, FsError::Unsafe { link: true, .. })
    }
}

/// Checks that every component of `rel` below `base` is a real directory (`lstat`, never
/// following a link), creating the missing ones when `create` is set, and returns `base/rel`.
/// Without `create` a missing component ends the check: nothing below it can be a link. `base`
/// itself is trusted (a repository's top, `$WFC_HOME`).
pub fn real_dir(base: &Path, rel: &Path, create: bool) -> Result<PathBuf, FsError> {
    let mut p = base.to_path_buf();
    for c in rel.components() {
        let std::path::Component::Normal(name) = c else {
            return Err(FsError::unsafe_path(
                &base.join(rel),
                "is not a plain path below its base",
            ));
        };
        p.push(name);
        match fs::symlink_metadata(&p) {
            Ok(m) => check_dir_meta(&p, &m)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !create {
                    return Ok(base.join(rel));
                }
                match fs::create_dir(&p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(source) => return Err(FsError::CreateDir { path: p, source }),
                }
                // Another process may have won the race with something else.
                let m = fs::symlink_metadata(&p).map_err(|source| FsError::CreateDir {
                    path: p.clone(),
                    source,
                })?;
                check_dir_meta(&p, &m)?;
            }
            Err(source) => return Err(FsError::Read { path: p, source }),
        }
    }
    Ok(p)
}

fn check_dir_meta(p: &Path, m: &fs::Metadata) -> Result<(), FsError> {
    if m.file_type().is_symlink() {
        Err(FsError::link(p))
    } else if !m.is_dir() {
        Err(FsError::unsafe_path(p, "it is not a directory"))
    } else {
        Ok(())
    }
}

/// Whether `path` is a regular file (`false` when missing); a symbolic link or anything else
/// that is not a regular file is refused.
pub fn regular_file(path: &Path) -> Result<bool, FsError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(FsError::link(path)),
        Ok(m) if m.is_file() => Ok(true),
        Ok(_) => Err(FsError::unsafe_path(path, "it is not a regular file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(FsError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Deletes `path` and everything below it without ever following a symbolic link: a link is
/// removed itself, never its target (std's `remove_dir_all` walks with `O_NOFOLLOW` and
/// `unlinkat`). Missing is fine.
pub fn remove_tree(path: &Path) -> std::io::Result<()> {
    let m = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let r = if m.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

/// Opens `path` for reading only if it is a regular file, refusing a symbolic link at the last
/// component even if one appears after a check (`O_NOFOLLOW`).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, FsError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let err = |source| FsError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut f = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                FsError::link(path)
            } else {
                err(e)
            }
        })?;
    if !f.metadata().map_err(err)?.is_file() {
        return Err(FsError::unsafe_path(path, "it is not a regular file"));
    }
    let mut out = Vec::new();
    f.read_to_end(&mut out).map_err(err)?;
    Ok(out)
}

pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    fs::create_dir_all(path).map_err(|source| FsError::CreateDir {
        path: path.to_path_buf(),
        source,
    })
}

/// Creates `path` (and any missing parent) with mode 0700, whatever the umask: a private state
/// folder such as `$WFC_HOME`. An existing folder is left as it is.
pub fn create_private_dir(path: &Path) -> Result<(), FsError> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if path.is_dir() {
        return Ok(());
    }
    let err = |source| FsError::CreateDir {
        path: path.to_path_buf(),
        source,
    };
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
    {
        Ok(()) => {}
        Err(e) if path.is_dir() => drop(e),
        Err(e) => return Err(err(e)),
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o700)).map_err(err)
}

/// Writes `contents` to `path` through a temp file in the same folder: write, fsync, rename, then
/// fsync the folder so the rename itself survives a crash.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FsError> {
    write_atomic_impl(path, contents, None, false, true)
}

/// [`write_atomic`] without the fsyncs, for files that can be made again from what the store
/// holds (review reports): a reader still sees the old file or the new one, never a torn one,
/// but a power cut may lose the newest version. Saves two fsyncs per file on every review.
pub fn replace_derived(path: &Path, contents: &[u8]) -> Result<(), FsError> {
    write_atomic_impl(path, contents, None, false, false)
}

/// Makes `path` a second name of the file `source` (a hard link, put in place by a rename, so a
/// reader sees the old file or the new one), without fsyncs, as [`replace_derived`]; where the
/// file system cannot link, `contents` (the bytes of `source`) are written instead. For a copy
/// that is always the same as its source (the task's latest report): one inode, no second write.
pub fn replace_derived_link(path: &Path, source: &Path, contents: &[u8]) -> Result<(), FsError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let linked = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .make_in(dir, |tmp| fs::hard_link(source, tmp));
    match linked {
        Ok(tmp) => tmp.persist(path).map(|_| ()).map_err(|e| FsError::Write {
            path: path.to_path_buf(),
            source: e.error,
        }),
        Err(_) => replace_derived(path, contents),
    }
}

/// [`write_atomic`] with a fixed mode, set on the temp file before any byte is written: a secret
/// is never readable by others, not even for a moment, and never inherits the mode of the file it
/// replaces.
pub fn write_atomic_mode(path: &Path, contents: &[u8], mode: u32) -> Result<(), FsError> {
    write_atomic_impl(path, contents, Some(mode), false, true)
}

/// [`write_atomic_mode`] for a file that must not exist yet: of two processes creating it at
/// once, exactly one succeeds and the other gets an error of kind
/// [`std::io::ErrorKind::AlreadyExists`] (the final step is a no-clobber link, not a rename).
pub fn create_atomic_mode(path: &Path, contents: &[u8], mode: u32) -> Result<(), FsError> {
    write_atomic_impl(path, contents, Some(mode), true, true)
}

fn write_atomic_impl(
    path: &Path,
    contents: &[u8],
    mode: Option<u32>,
    no_clobber: bool,
    durable: bool,
) -> Result<(), FsError> {
    let err = |source| FsError::Write {
        path: path.to_path_buf(),
        source,
    };
    // A device or a pipe named as such (`--sarif /dev/null`, a FIFO) is written into, never
    // renamed over: replacing /dev/null with a regular file would break the whole machine. A
    // link is never followed here (it is replaced, as any file is).
    if !no_clobber
        && let Ok(meta) = fs::symlink_metadata(path)
        && {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            t.is_char_device() || t.is_block_device() || t.is_fifo()
        }
    {
        let mut f = fs::OpenOptions::new().write(true).open(path).map_err(err)?;
        return f.write_all(contents).map_err(err);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(err)?;
    }
    tmp.write_all(contents).map_err(err)?;
    if durable {
        tmp.as_file().sync_all().map_err(err)?;
    }
    // Keep the mode of the file being replaced (a hook script must stay executable); never the
    // mode of a link's target. The rename below replaces a link itself, never what it points at.
    if mode.is_none()
        && let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
    {
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
    }
    if no_clobber {
        tmp.persist_noclobber(path).map_err(|e| err(e.error))?;
    } else {
        tmp.persist(path).map_err(|e| err(e.error))?;
    }
    if durable && let Ok(d) = fs::File::open(dir) {
        // Not every file system supports fsync on a directory; the rename already happened.
        let _ = d.sync_all();
    }
    Ok(())
}

/// A directory opened without following any symbolic link on the way from a trusted base, and
/// the operations wfc needs inside it, each relative to the open directory and never following
/// a link at the last component either (`openat`, `mkdirat`, `renameat` with `O_NOFOLLOW` /
/// `AT_SYMLINK_NOFOLLOW`). A link swapped in after a check cannot redirect any of them.
#[derive(Debug)]
pub struct SafeDir {
    fd: std::os::fd::OwnedFd,
    path: PathBuf,
}

/// What a name in a [`SafeDir`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Missing,
    File,
    Dir,
    Link,
    Other,
}

impl SafeDir {
    /// Opens `base/rel` component by component, making missing folders when `create` is set.
    pub fn open(base: &Path, rel: &Path, create: bool) -> Result<SafeDir, FsError> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let mut fd = rustix::fs::open(base, flags, Mode::empty()).map_err(|e| FsError::Read {
            path: base.to_path_buf(),
            source: e.into(),
        })?;
        let mut path = base.to_path_buf();
        for c in rel.components() {
            let std::path::Component::Normal(name) = c else {
                return Err(FsError::unsafe_path(
                    &base.join(rel),
                    "is not a plain path below its base",
                ));
            };
            let dir = SafeDir {
                fd,
                path: path.clone(),
            };
            path.push(name);
            if create && dir.entry(name)? == Entry::Missing {
                match rustix::fs::mkdirat(&dir.fd, name, Mode::from_raw_mode(0o777)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                    Err(e) => {
                        return Err(FsError::CreateDir {
                            path,
                            source: e.into(),
                        });
                    }
                }
            }
            fd = match rustix::fs::openat(&dir.fd, name, flags | OFlags::NOFOLLOW, Mode::empty()) {
                Ok(fd) => fd,
                Err(e) => {
                    return Err(match dir.entry(name)? {
                        Entry::Link => FsError::link(&path),
                        Entry::File | Entry::Other => {
                            FsError::unsafe_path(&path, "it is not a directory")
                        }
                        _ => FsError::Read {
                            path,
                            source: e.into(),
                        },
                    });
                }
            };
        }
        Ok(SafeDir { fd, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What `name` is, without following a link.
    pub fn entry(&self, name: &std::ffi::OsStr) -> Result<Entry, FsError> {
        use rustix::fs::{AtFlags, FileType};
        match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Ok(match FileType::from_raw_mode(st.st_mode) {
                FileType::RegularFile => Entry::File,
                FileType::Directory => Entry::Dir,
                FileType::Symlink => Entry::Link,
                _ => Entry::Other,
            }),
            Err(rustix::io::Errno::NOENT) => Ok(Entry::Missing),
            Err(e) => Err(FsError::Read {
                path: self.path.join(name),
                source: e.into(),
            }),
        }
    }

    /// The bytes of the regular file `name` (a link is refused).
    pub fn read(&self, name: &std::ffi::OsStr) -> Result<Vec<u8>, FsError> {
        use rustix::fs::{Mode, OFlags};
        use std::io::Read;
        let path = self.path.join(name);
        let fd = rustix::fs::openat(
            &self.fd,
            name,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| {
            if e == rustix::io::Errno::LOOP {
                FsError::link(&path)
            } else {
                FsError::Read {
                    path: path.clone(),
                    source: e.into(),
                }
            }
        })?;
        let mut f = fs::File::from(fd);
        let err = |source| FsError::Read {
            path: path.clone(),
            source,
        };
        if !f.metadata().map_err(err)?.is_file() {
            return Err(FsError::unsafe_path(&path, "it is not a regular file"));
        }
        let mut out = Vec::new();
        f.read_to_end(&mut out).map_err(err)?;
        Ok(out)
    }

    /// Renames `from` to `to`, both in this folder (a link is moved itself, never followed).
    pub fn rename(&self, from: &std::ffi::OsStr, to: &std::ffi::OsStr) -> Result<(), FsError> {
        rustix::fs::renameat(&self.fd, from, &self.fd, to).map_err(|e| FsError::Write {
            path: self.path.join(to),
            source: e.into(),
        })
    }

    /// Writes `name` whole through a new temp file in this folder (`O_CREAT | O_EXCL |
    /// O_NOFOLLOW`), with `mode`, fsynced, then renamed over `name`.
    pub fn write_atomic(
        &self,
        name: &std::ffi::OsStr,
        contents: &[u8],
        mode: u32,
    ) -> Result<(), FsError> {
        use rustix::fs::{Mode, OFlags};
        let path = self.path.join(name);
        let err = |source: std::io::Error| FsError::Write {
            path: path.clone(),
            source,
        };
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let tmp = format!(
            ".{}.{}.{stamp}.tmp",
            name.to_string_lossy(),
            std::process::id()
        );
        let fd = rustix::fs::openat(
            &self.fd,
            tmp.as_str(),
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        )
        .map_err(|e| err(e.into()))?;
        let result = (|| {
            let mut f = fs::File::from(fd);
            f.write_all(contents)?;
            rustix::fs::fchmod(&f, Mode::from_raw_mode(mode & 0o7777))?;
            f.sync_all()?;
            rustix::fs::renameat(&self.fd, tmp.as_str(), &self.fd, name)?;
            Ok::<(), std::io::Error>(())
        })();
        if let Err(e) = result {
            let _ = rustix::fs::unlinkat(&self.fd, tmp.as_str(), rustix::fs::AtFlags::empty());
            return Err(err(e));
        }
        let _ = rustix::fs::fsync(&self.fd);
        Ok(())
    }
}

pub fn read_to_string(path: &Path) -> Result<String, FsError> {
    fs::read_to_string(path).map_err(|source| FsError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a file that may not exist yet.
pub fn read_optional(path: &Path) -> Result<Option<String>, FsError> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(FsError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        super::write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    use super::*;

    #[test]
    fn real_dir_refuses_links_and_files_on_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("repo");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&base).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, base.join("link")).unwrap();
        fs::write(base.join("file"), "x").unwrap();
        let made = real_dir(&base, Path::new("a/b"), true).unwrap();
        assert!(made.is_dir());
        let e = real_dir(&base, Path::new("link/sub"), true).unwrap_err();
        assert!(e.is_link(), "{e}");
        assert!(!outside.join("sub").exists());
        let e = real_dir(&base, Path::new("file/sub"), false).unwrap_err();
        assert!(
            !e.is_link() && e.to_string().contains("not a directory"),
            "{e}"
        );
        // Missing without `create`: nothing below can be a link.
        assert!(real_dir(&base, Path::new("none/x"), false).is_ok());
        assert!(real_dir(&base, Path::new("../x"), true).is_err());
        assert!(regular_file(&base.join("link")).unwrap_err().is_link());
        assert!(!regular_file(&base.join("none")).unwrap());
        assert!(read_regular(&base.join("link")).is_err());
    }

    #[test]
    fn safe_dir_never_follows_a_link() {
        use std::ffi::OsStr;
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("wt");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&base).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join(".env"), "victim").unwrap();
        std::os::unix::fs::symlink(&outside, base.join("config")).unwrap();
        std::os::unix::fs::symlink(outside.join(".env"), base.join(".env")).unwrap();
        assert!(
            SafeDir::open(&base, Path::new("config"), true)
                .unwrap_err()
                .is_link()
        );
        let d = SafeDir::open(&base, Path::new("new/sub"), true).unwrap();
        d.write_atomic(OsStr::new(".env"), b"mine", 0o640).unwrap();
        assert_eq!(d.read(OsStr::new(".env")).unwrap(), b"mine");
        d.rename(OsStr::new(".env"), OsStr::new(".env.bak"))
            .unwrap();
        assert_eq!(d.entry(OsStr::new(".env")).unwrap(), Entry::Missing);
        let top = SafeDir::open(&base, Path::new(""), false).unwrap();
        assert_eq!(top.entry(OsStr::new(".env")).unwrap(), Entry::Link);
        assert!(top.read(OsStr::new(".env")).unwrap_err().is_link());
        // Replacing the link writes a file in its place; the target is untouched.
        top.write_atomic(OsStr::new(".env"), b"new", 0o600).unwrap();
        assert_eq!(top.entry(OsStr::new(".env")).unwrap(), Entry::File);
        assert_eq!(fs::read_to_string(outside.join(".env")).unwrap(), "victim");
        let names: Vec<_> = fs::read_dir(base.join("new/sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(".env.bak")]);
    }

    #[test]
    fn remove_tree_removes_links_never_their_targets() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(outside.join("keep")).unwrap();
        fs::write(outside.join("keep/f"), "x").unwrap();
        let t = dir.path().join("t");
        fs::create_dir_all(t.join("sub")).unwrap();
        std::os::unix::fs::symlink(&outside, t.join("sub/link")).unwrap();
        remove_tree(&t).unwrap();
        assert!(!t.exists());
        let top = dir.path().join("top");
        std::os::unix::fs::symlink(&outside, &top).unwrap();
        remove_tree(&top).unwrap();
        assert!(fs::symlink_metadata(&top).is_err());
        assert_eq!(fs::read_to_string(outside.join("keep/f")).unwrap(), "x");
        remove_tree(&top).unwrap();
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("f.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn atomic_write_with_mode_does_not_inherit_the_old_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret");
        fs::write(&p, b"old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic_mode(&p, b"new", 0o600).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let err = create_atomic_mode(&p, b"newer", 0o600).unwrap_err();
        let FsError::Write { source, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        create_atomic_mode(&dir.path().join("fresh"), b"x", 0o600).unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
