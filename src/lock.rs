//! Advisory file locks between wfc processes (`std::fs::File::lock`, i.e. `flock`).
//!
//! The lock file itself is never deleted: removing it while another process waits on the old inode
//! would let two processes hold "the" lock at once.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("timed out after {waited:?} waiting for lock at {path}")]
    Timeout { path: PathBuf, waited: Duration },
    #[error("cannot open lock file {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("interrupted while waiting for a lock")]
    Interrupted,
}

/// A held exclusive lock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// Takes the exclusive lock at `path`, creating the file (and its folder) if needed.
    ///
    /// If the lock is held, `on_wait` is called once (to say "waiting for lock at <path>") and the
    /// call polls until `timeout`; then it fails with [`LockError::Timeout`].
    pub fn acquire(
        path: &Path,
        timeout: Duration,
        on_wait: &mut dyn FnMut(&Path),
    ) -> Result<FileLock, LockError> {
        let io_err = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_err)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io_err)?;
        let start = Instant::now();
        let mut told = false;
        let mut pause = Duration::from_millis(2);
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(FileLock {
                        file,
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(io_err(e)),
            }
            if crate::interrupt::is_interrupted() {
                return Err(LockError::Interrupted);
            }
            let waited = start.elapsed();
            if waited >= timeout {
                return Err(LockError::Timeout {
                    path: path.to_path_buf(),
                    waited,
                });
            }
            if !told {
                on_wait(path);
                told = true;
            }
            std::thread::sleep(pause.min(timeout.saturating_sub(waited)));
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_times_out_then_succeeds_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let first = FileLock::acquire(&p, Duration::from_secs(1), &mut |_| {}).unwrap();
        let mut waited = false;
        let err =
            FileLock::acquire(&p, Duration::from_millis(50), &mut |_| waited = true).unwrap_err();
        assert!(matches!(err, LockError::Timeout { .. }));
        assert!(waited);
        drop(first);
        FileLock::acquire(&p, Duration::from_millis(50), &mut |_| {}).unwrap();
    }
}
