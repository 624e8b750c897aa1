//! Durable file writes: a reader (or a process killed mid-write) sees the old file or the new one,
//! never a torn one.

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
}

pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    fs::create_dir_all(path).map_err(|source| FsError::CreateDir {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `contents` to `path` through a temp file in the same folder: write, fsync, rename, then
/// fsync the folder so the rename itself survives a crash.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FsError> {
    write_atomic_impl(path, contents, None, false)
}

/// [`write_atomic`] with a fixed mode, set on the temp file before any byte is written: a secret
/// is never readable by others, not even for a moment, and never inherits the mode of the file it
/// replaces.
pub fn write_atomic_mode(path: &Path, contents: &[u8], mode: u32) -> Result<(), FsError> {
    write_atomic_impl(path, contents, Some(mode), false)
}

/// [`write_atomic_mode`] for a file that must not exist yet: of two processes creating it at
/// once, exactly one succeeds and the other gets an error of kind
/// [`std::io::ErrorKind::AlreadyExists`] (the final step is a no-clobber link, not a rename).
pub fn create_atomic_mode(path: &Path, contents: &[u8], mode: u32) -> Result<(), FsError> {
    write_atomic_impl(path, contents, Some(mode), true)
}

fn write_atomic_impl(
    path: &Path,
    contents: &[u8],
    mode: Option<u32>,
    no_clobber: bool,
) -> Result<(), FsError> {
    let err = |source| FsError::Write {
        path: path.to_path_buf(),
        source,
    };
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
    tmp.as_file().sync_all().map_err(err)?;
    // Keep the mode of the file being replaced (a hook script must stay executable).
    if mode.is_none()
        && let Ok(meta) = fs::metadata(path)
    {
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
    }
    if no_clobber {
        tmp.persist_noclobber(path).map_err(|e| err(e.error))?;
    } else {
        tmp.persist(path).map_err(|e| err(e.error))?;
    }
    if let Ok(d) = fs::File::open(dir) {
        // Not every file system supports fsync on a directory; the rename already happened.
        let _ = d.sync_all();
    }
    Ok(())
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
    use super::*;

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
