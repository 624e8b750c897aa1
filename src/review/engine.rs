//! Running the panel: built-in reviewers on rayon, each external reviewer on its own thread waiting
//! on its own child process, so five 30-second reviewers take about 30 seconds, not 150.
//!
//! Only the calling thread reports progress; workers send their outcomes over a channel.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::builtin::{self, Builtin};
use super::change::{AddedLine, Change, FileChange};
use super::external::{self, RunError};
use super::finding::Finding;
use super::formats;
use crate::config::{ExternalReviewerConfig, RateLimitConfig};

#[derive(Debug, Clone)]
pub enum Kind {
    Builtin(Builtin),
    External(Box<ExternalReviewerConfig>),
}

/// A reviewer chosen for this review.
#[derive(Debug, Clone)]
pub struct Planned {
    pub id: String,
    pub kind: Kind,
    /// Whether the change touches files this reviewer cares about.
    pub relevant: bool,
    pub prompt: String,
    pub temperature: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Ran and answered.
    Ok,
    /// Crashed, could not start, or answered garbage.
    Error,
    Timeout,
    /// No rate-limit token in time.
    RateLimited,
    /// Not relevant to this change; did not run.
    Skipped,
    Interrupted,
    /// Defined by a repository config that `wfc trust` has not recorded; its command did not run.
    Untrusted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error => "error",
            Status::Timeout => "timeout",
            Status::RateLimited => "rate_limited",
            Status::Skipped => "skipped",
            Status::Interrupted => "interrupted",
            Status::Untrusted => "untrusted",
        }
    }

    /// Whether this outcome makes the review incomplete.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Status::Error | Status::Timeout | Status::RateLimited | Status::Untrusted
        )
    }
}

/// What one reviewer did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub status: Status,
    pub duration: Duration,
    pub error: Option<String>,
    pub findings: Vec<Finding>,
    pub summary: Option<String>,
    pub score: Option<f64>,
}

impl Outcome {
    fn skipped(id: &str) -> Outcome {
        Outcome {
            id: id.to_string(),
            status: Status::Skipped,
            duration: Duration::ZERO,
            error: None,
            findings: Vec::new(),
            summary: None,
            score: None,
        }
    }

    fn failed(id: &str, status: Status, duration: Duration, error: String) -> Outcome {
        Outcome {
            id: id.to_string(),
            status,
            duration,
            error: Some(error),
            findings: Vec::new(),
            summary: None,
            score: None,
        }
    }
}

/// Progress as the calling thread sees it.
#[derive(Debug, Clone)]
pub enum Progress {
    Started {
        id: String,
    },
    Waiting {
        id: String,
        what: String,
    },
    Finished {
        id: String,
        status: Status,
        duration: Duration,
        findings: usize,
    },
}

/// Why no rate-limit token was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    Interrupted,
    /// Timed out, or the bucket could not be read; the text says which.
    Failed(String),
}

/// Where a worker takes a rate-limit token before an external reviewer runs (the store's shared
/// buckets, given by the caller).
pub trait Tokens: Send + Sync {
    fn take(
        &self,
        bucket: &str,
        limit: &RateLimitConfig,
        timeout: Duration,
    ) -> Result<(), TokenError>;
}

/// What the workers need besides the plan.
#[derive(Clone)]
pub struct Settings {
    /// Where external reviewers run and what their paths are relative to.
    pub workdir: PathBuf,
    pub main_root: PathBuf,
    pub default_timeout: Duration,
    pub rate_limits: BTreeMap<String, RateLimitConfig>,
    /// Where rate-limit tokens come from.
    pub tokens: std::sync::Arc<dyn Tokens>,
    /// Reviewers whose command comes from an untrusted repository config: they never run.
    pub untrusted: BTreeSet<String>,
    /// That config file, for the message.
    pub untrusted_file: Option<PathBuf>,
    /// How much of each external reviewer's answer is kept.
    pub limits: formats::Limits,
}

enum Msg {
    Progress(Progress),
    Done(Outcome),
}

/// The JSON request an external reviewer reads on stdin: `base` plus its id and prompt.
pub fn request_for(base: &serde_json::Value, p: &Planned) -> Vec<u8> {
    let mut v = base.clone();
    if let serde_json::Value::Object(o) = &mut v {
        o.insert("reviewer_id".into(), p.id.clone().into());
        o.insert("prompt".into(), p.prompt.clone().into());
        o.insert("temperature".into(), p.temperature.into());
    }
    serde_json::to_vec(&v).unwrap_or_default()
}

fn run_external(
    p: &Planned,
    cfg: &ExternalReviewerConfig,
    request: &[u8],
    settings: &Settings,
    tx: &mpsc::Sender<Msg>,
) -> Outcome {
    let start = Instant::now();
    if settings.untrusted.contains(&p.id) {
        let file = settings
            .untrusted_file
            .as_deref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| ".wfc/config.toml".into());
        return Outcome::failed(
            &p.id,
            Status::Untrusted,
            Duration::ZERO,
            format!(
                "not run: {file} defines its command `{}`, and that file is not trusted",
                shorten(&external::describe(&cfg.command), 200)
            ),
        );
    }
    let timeout = cfg.timeout.map(|t| t.0).unwrap_or(settings.default_timeout);
    if let Some(name) = &cfg.rate_limit
        && let Some(limit) = settings.rate_limits.get(name)
    {
        let _ = tx.send(Msg::Progress(Progress::Waiting {
            id: p.id.clone(),
            what: format!("rate limit {name}"),
        }));
        match settings.tokens.take(name, limit, timeout) {
            Ok(()) => {}
            Err(TokenError::Interrupted) => {
                return Outcome::failed(
                    &p.id,
                    Status::Interrupted,
                    start.elapsed(),
                    "interrupted".into(),
                );
            }
            Err(TokenError::Failed(e)) => {
                return Outcome::failed(&p.id, Status::RateLimited, start.elapsed(), e);
            }
        }
    }
    let _ = tx.send(Msg::Progress(Progress::Started { id: p.id.clone() }));
    let cwd = match reviewer_cwd(cfg, settings) {
        Ok(c) => c,
        Err(e) => return Outcome::failed(&p.id, Status::Error, start.elapsed(), e),
    };
    let remaining = timeout.saturating_sub(start.elapsed());
    let out = match external::run(cfg, request, &cwd, remaining) {
        Ok(o) => o,
        Err(RunError::Timeout(_)) => {
            return Outcome::failed(
                &p.id,
                Status::Timeout,
                start.elapsed(),
                format!(
                    "timed out after {}; its process group was killed",
                    humantime::format_duration(timeout)
                ),
            );
        }
        Err(RunError::Interrupted) => {
            return Outcome::failed(
                &p.id,
                Status::Interrupted,
                start.elapsed(),
                "interrupted".into(),
            );
        }
        Err(e) => return Outcome::failed(&p.id, Status::Error, start.elapsed(), e.to_string()),
    };
    if let Some(sig) = out.signal {
        return Outcome::failed(
            &p.id,
            Status::Error,
            start.elapsed(),
            format!("killed by signal {sig}; stderr: {}", out.stderr_tail()),
        );
    }
    match formats::parse_with(cfg.format, &out.stdout, &p.id, &cwd, settings.limits) {
        Ok(answer) => Outcome {
            id: p.id.clone(),
            status: Status::Ok,
            duration: start.elapsed(),
            // What was cut from the answer, shown where a reviewer's message goes.
            error: answer.note(),
            findings: answer.findings,
            summary: answer.summary,
            score: answer.score,
        },
        Err(e) => {
            let code = out
                .code
                .map(|c| format!("exit {c}"))
                .unwrap_or_else(|| "no exit code".into());
            let tail = out.stderr_tail();
            let mut msg = format!("unreadable {} answer ({code}): {e}", cfg.format.as_str());
            if !tail.is_empty() {
                msg.push_str(&format!("; stderr: {tail}"));
            }
            Outcome::failed(&p.id, Status::Error, start.elapsed(), msg)
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// Where a reviewer runs: its `cwd` below the main repository, which must still be inside the
/// repository once symlinks are resolved, or the reviewed work tree.
fn reviewer_cwd(cfg: &ExternalReviewerConfig, settings: &Settings) -> Result<PathBuf, String> {
    let Some(c) = &cfg.cwd else {
        return Ok(settings.workdir.clone());
    };
    let joined = settings.main_root.join(c);
    let outside = || {
        format!(
            "its cwd {c:?} resolves outside the repository {}; a reviewer runs only inside it",
            settings.main_root.display()
        )
    };
    if Path::new(c).is_absolute() {
        return Err(outside());
    }
    let real =
        std::fs::canonicalize(&joined).map_err(|e| format!("its cwd {}: {e}", joined.display()))?;
    let root = std::fs::canonicalize(&settings.main_root).unwrap_or(settings.main_root.clone());
    if !real.starts_with(&root) {
        return Err(outside());
    }
    Ok(real)
}

/// Batches in flight between the reader and the built-in reviewers: the reader waits when they
/// fall behind, so a review holds a few batches of the change, never all of it.
const BATCHES_IN_FLIGHT: usize = 2;
/// Files go to the reviewers in batches of about this many bytes of added text (or one larger
/// file), so that handing over costs little next to scanning even for tiny files.
const BATCH_BYTES: usize = 256 * 1024;

/// Files in reading order, each with its whole text when its lines are not split yet.
type Batch = Vec<(usize, FileChange, Option<String>)>;

/// Hands the files of a change, as they are read, to the built-in reviewers (see [`scanning`]).
pub struct ScanFeed<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    /// The reviewers and whether every added line is kept, once [`ScanFeed::start`] named them.
    plan: Option<(Vec<(String, Builtin)>, bool)>,
    /// The scanning thread, started with the first full batch: a change that fits in one batch
    /// is scanned on the reading thread, with no hand-over at all.
    tx: Option<SyncSender<Batch>>,
    scanner: Option<std::thread::ScopedJoinHandle<'scope, Vec<FileScan>>>,
    next: usize,
    batch: Batch,
    batch_bytes: usize,
}

impl<'scope> ScanFeed<'scope, '_> {
    /// Names the reviewers, once, before the first file. With `keep_lines` every added line is
    /// kept in the returned change (reviewers that read the whole change follow); without, only
    /// the lines a finding starts on.
    pub fn start(&mut self, builtins: Vec<(String, Builtin)>, keep_lines: bool) {
        self.plan = Some((builtins, keep_lines));
    }

    /// One file of the change; blocks while the reviewers are [`BATCHES_IN_FLIGHT`] batches
    /// behind.
    pub fn file(&mut self, file: FileChange) {
        self.batch_bytes += file.added.iter().map(|a| a.text.len() + 1).sum::<usize>();
        self.batch.push((self.next, file, None));
        self.next += 1;
        if self.batch_bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    /// A new file whose every line is added, as its whole text (`file.added` empty): its lines
    /// are split where it is scanned, and only those the returned change keeps are copied out.
    pub fn whole_file(&mut self, file: FileChange, text: String) {
        self.batch_bytes += text.len();
        self.batch.push((self.next, file, Some(text)));
        self.next += 1;
        if self.batch_bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let Some((builtins, keep_lines)) = &self.plan else {
            return;
        };
        if self.batch.is_empty() {
            return;
        }
        if self.tx.is_none() {
            let (tx, rx) = mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
            let (builtins, keep_lines) = (builtins.clone(), *keep_lines);
            self.scanner = Some(self.scope.spawn(move || {
                rx.into_iter()
                    .par_bridge()
                    .flat_map_iter(|batch| {
                        batch
                            .into_iter()
                            .map(|(index, file, text)| {
                                scan_file(index, file, text, &builtins, keep_lines)
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }));
            self.tx = Some(tx);
        }
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        if let Some(tx) = &self.tx {
            let _ = tx.send(batch);
        }
    }

    fn finish(mut self) -> Scanned {
        let Some((builtins, keep_lines)) = self.plan.take() else {
            return Scanned::default();
        };
        let mut scans: Vec<FileScan> = match self.scanner.take() {
            None => std::mem::take(&mut self.batch)
                .into_iter()
                .map(|(index, file, text)| scan_file(index, file, text, &builtins, keep_lines))
                .collect(),
            Some(scanner) => {
                self.plan = Some((builtins.clone(), keep_lines));
                self.flush();
                self.tx = None;
                scanner
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            }
        };
        scans.sort_by_key(|s| s.index);
        combine(&builtins, scans)
    }
}

/// What the built-in reviewers made of a change read one file at a time.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Every file in order, with the added lines kept as [`ScanFeed::start`] asked.
    pub files: Vec<FileChange>,
    /// One per reviewer named at the start: `Ok` with its findings, or `Skipped` when no file
    /// made it relevant.
    pub outcomes: Vec<Outcome>,
}

/// Runs `read`, which feeds the files of a change to the built-in reviewers while they scan the
/// files already read, on rayon, each file by every reviewer.
pub fn scanning<T>(read: impl FnOnce(&mut ScanFeed<'_, '_>) -> T) -> (T, Scanned) {
    std::thread::scope(|scope| {
        let mut feed = ScanFeed {
            scope,
            plan: None,
            tx: None,
            scanner: None,
            next: 0,
            batch: Vec::new(),
            batch_bytes: 0,
        };
        let t = read(&mut feed);
        (t, feed.finish())
    })
}

struct FileScan {
    index: usize,
    file: FileChange,
    /// Per reviewer: relevant, findings, time spent.
    per: Vec<(bool, Vec<Finding>, Duration)>,
}

/// The reviewers' outcomes from their work on every file, in order.
fn combine(builtins: &[(String, Builtin)], scans: Vec<FileScan>) -> Scanned {
    let mut outcomes: Vec<(bool, Outcome)> = builtins
        .iter()
        .map(|(id, b)| {
            let mut o = Outcome::skipped(id);
            o.status = Status::Ok;
            (*b == Builtin::Maintainability, o)
        })
        .collect();
    let mut files = Vec::with_capacity(scans.len());
    for s in scans {
        for ((relevant, o), (r, findings, took)) in outcomes.iter_mut().zip(s.per) {
            *relevant |= r;
            o.findings.extend(findings);
            o.duration += took;
        }
        files.push(s.file);
    }
    let outcomes = outcomes
        .into_iter()
        .map(|(relevant, o)| if relevant { o } else { Outcome::skipped(&o.id) })
        .collect();
    Scanned { files, outcomes }
}

fn scan_file(
    index: usize,
    mut file: FileChange,
    text: Option<String>,
    builtins: &[(String, Builtin)],
    keep_lines: bool,
) -> FileScan {
    // Every reviewer on the file at once, so that its lines are searched for keywords once.
    let bs: Vec<Builtin> = builtins.iter().map(|(_, b)| *b).collect();
    let Some(text) = text else {
        let per = builtin::review_many(&bs, &file);
        return kept(index, file, per, keep_lines);
    };
    // The lines as `FileChange::whole_file` splits them, copied out only where they are kept.
    let lines = builtin::split_lines(&text);
    file.line_count = Some(lines.len() as u32);
    let per = builtin::review_lines(&bs, &file, &text, &lines);
    let keep = |n: u32| AddedLine {
        line: n,
        text: lines[n as usize - 1].to_string(),
    };
    file.added = if keep_lines {
        (1..=lines.len() as u32).map(keep).collect()
    } else {
        let starts: BTreeSet<u32> = per
            .iter()
            .flat_map(|(_, f, _)| f.iter().filter_map(|x| x.line_start))
            .filter(|n| (1..=lines.len() as u32).contains(n))
            .collect();
        starts.into_iter().map(keep).collect()
    };
    FileScan { index, file, per }
}

fn kept(
    index: usize,
    mut file: FileChange,
    per: Vec<(bool, Vec<Finding>, Duration)>,
    keep_lines: bool,
) -> FileScan {
    if !keep_lines {
        // The fingerprint of a finding is taken from the line it starts on; nothing else of the
        // file's text is read again.
        let starts: BTreeSet<u32> = per
            .iter()
            .flat_map(|(_, f, _)| f.iter().filter_map(|x| x.line_start))
            .collect();
        file.added.retain(|a| starts.contains(&a.line));
        file.added.shrink_to_fit();
    }
    FileScan { index, file, per }
}

/// Runs every relevant reviewer of `plan` and returns their outcomes in plan order. The
/// built-in reviewers in `scanned` already ran (see [`scanning`]); their outcomes are taken as
/// they are.
pub fn run(
    plan: &[Planned],
    change: &Change,
    request_base: &serde_json::Value,
    settings: &Settings,
    scanned: Vec<Outcome>,
    on_progress: &mut dyn FnMut(Progress),
) -> Vec<Outcome> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut pending = 0usize;

    for o in scanned {
        if plan.iter().any(|p| p.id == o.id && p.relevant) {
            on_progress(Progress::Started { id: o.id.clone() });
            on_progress(Progress::Finished {
                id: o.id.clone(),
                status: o.status,
                duration: o.duration,
                findings: o.findings.len(),
            });
        }
        outcomes.insert(o.id.clone(), o);
    }

    std::thread::scope(|scope| {
        let builtins: Vec<(String, Builtin)> = plan
            .iter()
            .filter(|p| p.relevant && !outcomes.contains_key(&p.id))
            .filter_map(|p| match p.kind {
                Kind::Builtin(b) => Some((p.id.clone(), b)),
                Kind::External(_) => None,
            })
            .collect();
        pending += builtins.len();
        if !builtins.is_empty() {
            let tx = tx.clone();
            scope.spawn(move || {
                builtins.par_iter().for_each_with(tx, |tx, (id, b)| {
                    let _ = tx.send(Msg::Progress(Progress::Started { id: id.clone() }));
                    let start = Instant::now();
                    let findings = builtin::review(*b, change);
                    let _ = tx.send(Msg::Done(Outcome {
                        id: id.clone(),
                        status: Status::Ok,
                        duration: start.elapsed(),
                        error: None,
                        findings,
                        summary: None,
                        score: None,
                    }));
                });
            });
        }
        for p in plan.iter().filter(|p| p.relevant) {
            if let Kind::External(cfg) = &p.kind {
                pending += 1;
                let tx = tx.clone();
                let request = request_for(request_base, p);
                scope.spawn(move || {
                    let outcome = run_external(p, cfg, &request, settings, &tx);
                    let _ = tx.send(Msg::Done(outcome));
                });
            }
        }
        drop(tx);
        while pending > 0 {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(Msg::Progress(pr)) => on_progress(pr),
                Ok(Msg::Done(o)) => {
                    pending -= 1;
                    on_progress(Progress::Finished {
                        id: o.id.clone(),
                        status: o.status,
                        duration: o.duration,
                        findings: o.findings.len(),
                    });
                    outcomes.insert(o.id.clone(), o);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });

    plan.iter()
        .map(|p| {
            outcomes
                .remove(&p.id)
                .unwrap_or_else(|| Outcome::skipped(&p.id))
        })
        .collect()
}
