//! The error every use case returns: what went wrong (a class, not an exit code), the typed
//! errors that caused it, and hints for the user. The faces decide what a class means to them: the
//! CLI maps it to an exit code in one place ([`crate::cli::exit`]), the MCP server to a tool error.
//!
//! Domain modules have their own `thiserror` enums; each converts into [`AppError`] here, keeping
//! the domain error itself as the source.

use std::error::Error as StdError;
use std::fmt;
use std::io;

use crate::git::GitError;
use crate::knowledge::KnowledgeError;
use crate::knowledge::Section;
use crate::lock::LockError;
use crate::worktree::WorktreeError;

/// What kind of failure happened (DESIGN.md "Commands" gives each its exit code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The operation failed (exists, dirty, not found, I/O).
    Failed,
    /// The request was invalid (bad id, bad flag, bad config).
    Usage,
    /// A review could not be completed (a reviewer crashed, timed out or answered garbage).
    Incomplete,
    /// A lock, pool slot or rate-limit token was not obtained in time.
    Busy,
    /// Interrupted by a signal or cancelled.
    Interrupted,
    /// The reader of the output went away.
    BrokenPipe,
}

/// What a use case concluded when it did not fail: a review that ran and failed is not an error
/// (its report was written) but is not a success either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// A review failed, or a check found what it looks for (a command's "no").
    Failed,
    Incomplete,
    Busy,
    Interrupted,
}

impl Outcome {
    /// What a review's result concludes (DESIGN.md "Commands").
    pub fn of_review(r: &crate::review::result::ReviewResult) -> Outcome {
        use crate::review::result::ReviewStatus;
        match r.status {
            ReviewStatus::Passed | ReviewStatus::Bypassed => Outcome::Success,
            ReviewStatus::Failed => Outcome::Failed,
            ReviewStatus::Incomplete if r.only_rate_limited() => Outcome::Busy,
            ReviewStatus::Incomplete => Outcome::Incomplete,
            ReviewStatus::Interrupted => Outcome::Interrupted,
        }
    }
}

pub type CommandResult = Result<Outcome, AppError>;

type Source = Box<dyn StdError + Send + Sync + 'static>;

/// What went wrong, why, and how to fix it.
#[derive(Debug)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// The typed errors behind this one, outermost first; each may have sources of its own.
    sources: Vec<Source>,
    /// Problems that are findings rather than errors (a rollback's leftovers, a signature's
    /// reasons), shown as causes after the sources.
    notes: Vec<String>,
    pub hints: Vec<String>,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            sources: Vec::new(),
            notes: Vec::new(),
            hints: Vec::new(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failed, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    pub fn busy(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Busy, message)
    }

    pub fn interrupted() -> Self {
        Self::new(ErrorKind::Interrupted, "interrupted")
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds the error that caused this one (kept as it is; a plain message becomes one).
    pub fn with_cause(mut self, cause: impl Into<Source>) -> Self {
        self.sources.push(cause.into());
        self
    }

    /// Wraps a domain error: its display is the message, and it is kept as the source, so its
    /// own sources are the causes.
    pub fn from_error(kind: ErrorKind, err: impl StdError + Send + Sync + 'static) -> Self {
        AppError {
            kind,
            message: err.to_string(),
            sources: vec![Box::new(err)],
            notes: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// The chain of causes as lines: every source (and its sources) whose text is not the
    /// message itself, then the notes.
    pub fn causes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &self.sources {
            let mut cur: Option<&(dyn StdError + 'static)> = Some(s.as_ref());
            while let Some(e) = cur {
                let text = e.to_string();
                if text != self.message && out.last() != Some(&text) {
                    out.push(text);
                }
                cur = e.source();
            }
        }
        out.extend(self.notes.iter().cloned());
        out
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<io::Error> for AppError {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return AppError::new(ErrorKind::BrokenPipe, "broken pipe");
        }
        AppError::from_error(ErrorKind::Failed, err)
    }
}

impl From<serde_json::Error> for AppError {
    fn from(err: serde_json::Error) -> Self {
        if err.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
            return AppError::new(ErrorKind::BrokenPipe, "broken pipe");
        }
        AppError::from_error(ErrorKind::Failed, err)
    }
}

impl From<crate::ids::IdError> for AppError {
    fn from(err: crate::ids::IdError) -> Self {
        AppError::usage(err.to_string()).with_hint(
            "ids may contain only letters, digits, `_` and `-`, 1 to 64 characters, and may not start with `-`",
        )
    }
}

impl From<crate::config::ConfigError> for AppError {
    fn from(err: crate::config::ConfigError) -> Self {
        let hint = err.hint();
        let mut e = AppError::from_error(ErrorKind::Usage, err);
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(err: crate::store::StoreError) -> Self {
        let kind = if err.is_busy() {
            ErrorKind::Busy
        } else {
            ErrorKind::Failed
        };
        let hint = err.hint();
        let mut e = AppError::from_error(kind, err);
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::lock::LockError> for AppError {
    fn from(err: crate::lock::LockError) -> Self {
        let kind = match err {
            crate::lock::LockError::Timeout { .. } => ErrorKind::Busy,
            crate::lock::LockError::Interrupted => ErrorKind::Interrupted,
            crate::lock::LockError::Io { .. } => ErrorKind::Failed,
        };
        let timeout = matches!(err, crate::lock::LockError::Timeout { .. });
        let e = AppError::from_error(kind, err);
        if timeout {
            e.with_hint("another wfc process holds the lock; try again, or raise the timeout")
        } else {
            e
        }
    }
}

impl From<crate::git::GitError> for AppError {
    fn from(err: crate::git::GitError) -> Self {
        let hint = git_hint(&err);
        let mut e = AppError::from_error(git_kind(&err), err);
        e.hints.extend(hint);
        e
    }
}

impl From<crate::worktree::WorktreeError> for AppError {
    fn from(err: crate::worktree::WorktreeError) -> Self {
        let kind = worktree_kind(&err);
        let hints = worktree_hints(&err);
        let notes = match &err {
            WorktreeError::RollbackFailed { problems, .. } => problems.clone(),
            _ => Vec::new(),
        };
        let mut e = AppError::from_error(kind, err);
        e.notes.extend(notes);
        e.hints.extend(hints);
        e
    }
}

impl From<crate::fsutil::FsError> for AppError {
    fn from(err: crate::fsutil::FsError) -> Self {
        let hint = err.hint();
        let mut e = AppError::from_error(ErrorKind::Failed, err);
        e.hints.extend(hint);
        e
    }
}

impl From<crate::gate::signature::SignatureError> for AppError {
    fn from(err: crate::gate::signature::SignatureError) -> Self {
        let kind = if err.is_usage() {
            ErrorKind::Usage
        } else {
            ErrorKind::Failed
        };
        let notes = err.reasons().to_vec();
        let hint = err.hint().or_else(|| signature_hint(&err));
        let mut e = AppError::from_error(kind, err);
        e.notes.extend(notes);
        e.hints.extend(hint);
        e
    }
}

impl From<crate::knowledge::KnowledgeError> for AppError {
    fn from(err: crate::knowledge::KnowledgeError) -> Self {
        use crate::knowledge::KnowledgeError as K;
        let hint = knowledge_hint(&err);
        let mut e = match err {
            K::Lock(lock) => return AppError::from(lock),
            K::Fs(fs) => return AppError::from(fs),
            K::UnknownSection { .. } | K::UnknownReviewer { .. } | K::EmptyText => {
                AppError::from_error(ErrorKind::Usage, err)
            }
            K::NotText { .. } => AppError::from_error(ErrorKind::Failed, err),
        };
        if let Some(h) = hint {
            e.hints.push(h);
        }
        e
    }
}

impl From<crate::gate::hooks::HookError> for AppError {
    fn from(err: crate::gate::hooks::HookError) -> Self {
        match err {
            crate::gate::hooks::HookError::Git(g) => g.into(),
            other => {
                let hint = other.hint();
                let mut e = AppError::from_error(ErrorKind::Failed, other);
                if let Some(h) = hint {
                    e.hints.push(h);
                }
                e
            }
        }
    }
}

impl From<crate::gate::GateError> for AppError {
    fn from(err: crate::gate::GateError) -> Self {
        match err {
            crate::gate::GateError::Git(e) => e.into(),
            crate::gate::GateError::Store(e) => e.into(),
            crate::gate::GateError::Hook(e) => e.into(),
            crate::gate::GateError::Policy(e) => AppError::from_error(ErrorKind::Usage, e)
                .with_hint(
                    "the gate policy is `[gate]` of .wfc/config.toml as committed; fix it in a commit of its own",
                ),
        }
    }
}

// ---- how each domain error reads to the user: its class and hints ----

fn git_kind(err: &GitError) -> ErrorKind {
    match err {
        e if e.is_invalid() => ErrorKind::Usage,
        GitError::Busy { .. } => ErrorKind::Busy,
        _ => ErrorKind::Failed,
    }
}

fn git_hint(err: &GitError) -> Option<String> {
    match err {
        GitError::NotARepository { .. } => Some(
            "run wfc inside a git repository, pass `-C <dir>`, or create one with `git init`"
                .into(),
        ),
        GitError::Bare { .. } => {
            Some("run wfc in a checkout (a non-bare clone) of the repository".into())
        }
        _ => None,
    }
}

fn worktree_kind(err: &WorktreeError) -> ErrorKind {
    match err {
        WorktreeError::PoolFull { .. } => ErrorKind::Busy,
        WorktreeError::Pattern { .. } => ErrorKind::Usage,
        WorktreeError::Interrupted => ErrorKind::Interrupted,
        WorktreeError::RollbackFailed { original, .. } => worktree_kind(original),
        WorktreeError::Git(e) => git_kind(e),
        WorktreeError::Store(e) if e.is_busy() => ErrorKind::Busy,
        WorktreeError::Lock(LockError::Timeout { .. }) => ErrorKind::Busy,
        WorktreeError::Lock(LockError::Interrupted) => ErrorKind::Interrupted,
        _ => ErrorKind::Failed,
    }
}

fn worktree_hints(err: &WorktreeError) -> Vec<String> {
    match err {
        WorktreeError::Exists { task, .. } => vec![format!(
            "use `wfc worktree path {task}` to get its path, or `--exist-ok` to accept it"
        )],
        WorktreeError::PathTaken { .. } => vec![
            "move the folder away; `wfc cleanup` removes unregistered folders once idle, `wfc worktree remove --force` at once".into(),
        ],
        WorktreeError::NotFound { task, .. } => vec![format!(
            "create it with `wfc worktree create {task}`; `wfc worktree list --all-projects` shows every project's worktrees"
        )],
        WorktreeError::Dirty { .. } => vec![
            "commit or stash the changes, or pass --force to discard them".into(),
        ],
        WorktreeError::Locked { .. } => vec![
            "unlock it with `git worktree unlock <path>`, or pass --force".into(),
        ],
        WorktreeError::BeingCreated { .. } => vec![
            "wait for `wfc worktree create` to finish, then try again".into(),
        ],
        WorktreeError::InUse { .. } => vec![
            "run the command from outside the worktree (e.g. with `-C <main checkout>`), or pass --force".into(),
        ],
        WorktreeError::PoolFull { waited, .. } => {
            let mut h = vec![
                "remove a worktree (`wfc worktree remove <task>`), run `wfc cleanup`, or raise worktree.max_per_project / worktree.max_total".into(),
            ];
            if !waited {
                h.push(
                    "`--wait SECS` waits for a free slot; `--evict` removes the least recently used clean worktree with no live owner".into(),
                );
            }
            h
        }
        WorktreeError::Pattern { .. } => {
            vec!["fix worktree.copy in your config (glob patterns, `!` excludes)".into()]
        }
        WorktreeError::RollbackFailed { original, problems } => {
            let mut h = worktree_hints(original);
            h.push(format!(
                "the roll-back was incomplete ({}); `wfc cleanup` removes what is left",
                problems.join("; ")
            ));
            h
        }
        WorktreeError::Git(e) => git_hint(e).into_iter().collect(),
        WorktreeError::Fs(e) => e.hint().into_iter().collect(),
        WorktreeError::Store(e) => e.hint().into_iter().collect(),
        WorktreeError::Lock(LockError::Timeout { .. }) => vec![
            "another wfc process holds the worktree lock; try again, or raise worktree.lock_timeout".into(),
        ],
        _ => Vec::new(),
    }
}

fn knowledge_hint(err: &KnowledgeError) -> Option<String> {
    match err {
        KnowledgeError::UnknownSection { .. } => {
            Some(format!("pass --section with one of: {}", Section::keys()))
        }
        KnowledgeError::UnknownReviewer { .. } => Some(
            "reviewers are the five built-in ones and the ids of [[review.reviewer]] entries in the config"
                .into(),
        ),
        KnowledgeError::EmptyText => Some("pass the lesson to record with --text".into()),
        KnowledgeError::NotText { .. } => {
            Some("convert the file to UTF-8 or move it away, then try again".into())
        }
        KnowledgeError::Fs(e) => e.hint(),
        _ => None,
    }
}

fn signature_hint(err: &crate::gate::signature::SignatureError) -> Option<String> {
    use crate::gate::signature::SignatureError as E;
    match err {
        E::AllowedSignersRead { .. } => Some(
            "pass the allowed-signers file (git's gpg.ssh.allowedSignersFile format) with \
             `--allowed-signers FILE`"
                .into(),
        ),
        E::KeyExists { .. } => Some(
            "keep the key you have, or pass `--force` to replace it (signatures of the old key \
             then verify only while its allowed-signers line stays)"
                .into(),
        ),
        _ => None,
    }
}
