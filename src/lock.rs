//! Advisory file locks between wfc processes (`std::fs::File::lock`, i.e. `flock`).
//!
//! The lock file itself is never deleted: removing it while another process waits on the old inode
//! would let two processes hold "the" lock at once.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("timed out after {} waiting for lock at {}", crate::time::brief(*waited), path.display())]
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
    /// call waits up to `timeout`; then it fails with [`LockError::Timeout`].
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
        on_wait(path);
        // Block in the kernel's queue on a second handle of the same open file, so the lock passes
        // to us the moment it is released (polling would leave it idle between polls). The
        // handle is the same open file description, so the lock it takes is ours.
        let waiter = file.try_clone().map_err(io_err)?;
        let (tx, rx) = mpsc::channel::<std::io::Result<()>>();
        std::thread::spawn(move || {
            let got = waiter.lock();
            let ok = got.is_ok();
            if tx.send(got).is_err() && ok {
                // Nobody waits any more (timed out or interrupted): let go at once.
                let _ = waiter.unlock();
            }
        });
        let start = Instant::now();
        loop {
            let left = timeout.saturating_sub(start.elapsed());
            match rx.recv_timeout(left.min(Duration::from_millis(100))) {
                Ok(Ok(())) => {
                    return Ok(FileLock {
                        file,
                        path: path.to_path_buf(),
                    });
                }
                Ok(Err(e)) => return Err(io_err(e)),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(io_err(std::io::Error::other("the lock waiter stopped")));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            if crate::interrupt::is_interrupted() {
                return Err(LockError::Interrupted);
            }
            let waited = start.elapsed();
            if waited >= timeout {
                // The wait the caller allowed, as they wrote it; the clock's overshoot says nothing.
                return Err(LockError::Timeout {
                    path: path.to_path_buf(),
                    waited: timeout,
                });
            }
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

    #[test]
    fn a_waiter_gets_the_lock_when_it_is_released_and_a_timed_out_one_does_not_keep_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let first = FileLock::acquire(&p, Duration::from_secs(1), &mut |_| {}).unwrap();
        // This waiter gives up while the lock is held ...
        assert!(FileLock::acquire(&p, Duration::from_millis(30), &mut |_| {}).is_err());
        let p2 = p.clone();
        let waiter = std::thread::spawn(move || {
            FileLock::acquire(&p2, Duration::from_secs(20), &mut |_| {}).map(|_| ())
        });
        std::thread::sleep(Duration::from_millis(50));
        drop(first);
        // ... and must not hold it after the release: the second waiter gets it.
        waiter.join().unwrap().unwrap();
        FileLock::acquire(&p, Duration::from_secs(5), &mut |_| {}).unwrap();
    }
}
