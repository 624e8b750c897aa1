//! Ctrl-C and SIGTERM handling.
//!
//! The handler sets a flag that long loops check, and runs the registered clean-ups at once (killing
//! child process groups, so a reviewer stuck in a 30-second call dies with us). The main thread sees
//! the flag, finishes its own bookkeeping (marks the job interrupted) and exits 130.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, Once};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

type Cleanup = Box<dyn FnMut() + Send>;
static CLEANUPS: Mutex<BTreeMap<u64, Cleanup>> = Mutex::new(BTreeMap::new());

/// Installs the handler (once per process). Commands that run for long call this; short ones keep
/// the default disposition, which ends the process at once.
pub fn install() {
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            run_cleanups();
        });
    });
}

pub fn is_interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn run_cleanups() {
    let taken = match CLEANUPS.lock() {
        Ok(mut map) => std::mem::take(&mut *map),
        Err(_) => return,
    };
    for (_, mut f) in taken {
        f();
    }
}

/// A registered clean-up; dropping the guard unregisters it without running it.
pub struct CleanupGuard {
    id: u64,
}

impl Drop for CleanupGuard {
    fn drop(&mut self) {
        if let Ok(mut map) = CLEANUPS.lock() {
            map.remove(&self.id);
        }
    }
}

/// Registers `f` to run if the process is interrupted while the guard lives.
pub fn on_interrupt(f: impl FnMut() + Send + 'static) -> CleanupGuard {
    let id = NEXT_ID.fetch_add(1, Ordering::SeqCst);
    if let Ok(mut map) = CLEANUPS.lock() {
        map.insert(id, Box::new(f));
    }
    CleanupGuard { id }
}

/// A request to stop, for one use case: cancelled by its caller (a face cancelling one call), or
/// by a signal to the whole process. Cheap to clone; clones share the request.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    own: std::sync::Arc<AtomicBool>,
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the work holding this token (and its clones) to stop.
    pub fn cancel(&self) {
        self.own.store(true, Ordering::SeqCst);
    }

    /// Whether the work should stop: this token was cancelled, or the process was interrupted.
    pub fn is_cancelled(&self) -> bool {
        self.own.load(Ordering::SeqCst) || is_interrupted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_reaches_every_clone_and_only_them() {
        let a = Cancel::new();
        let b = a.clone();
        let other = Cancel::new();
        assert!(!b.is_cancelled());
        a.cancel();
        assert!(b.is_cancelled());
        assert!(!other.is_cancelled());
    }
}
