//! All terminal output: stdout for answers, stderr for narration, warnings, errors and progress.
//!
//! Color is decided once, from `--color`, `NO_COLOR` and whether each stream is a terminal.
//! Domain code never prints; it returns data that commands hand to a [`Ui`].
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod progress;
mod table;

pub use crate::escape::{escape, escape_lines};
pub use table::Table;

use std::io::{IsTerminal, Write};

use owo_colors::{OwoColorize, Style};
use serde::Serialize;

use crate::app::error::{AppError, ErrorKind};
use crate::env::Env;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the user asked for on the command line, independent of clap.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    pub color: ColorChoice,
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    pub no_progress: bool,
}

#[derive(Debug, Clone)]
pub struct Ui {
    /// Whether this command wrote its answer to stdout already (a batch command that reports,
    /// then fails, must not print a second document).
    answered: std::sync::Arc<std::sync::atomic::AtomicBool>,
    stdout_color: bool,
    stderr_color: bool,
    json: bool,
    quiet: bool,
    verbose: u8,
    progress: bool,
}

/// Named styles, so commands say what a word means rather than which color it is.
#[derive(Debug, Clone, Copy)]
pub enum Tone {
    Good,
    Bad,
    Warn,
    Dim,
    Strong,
    Accent,
}

impl Tone {
    fn style(self) -> Style {
        match self {
            Tone::Good => Style::new().green(),
            Tone::Bad => Style::new().red().bold(),
            Tone::Warn => Style::new().yellow(),
            Tone::Dim => Style::new().dimmed(),
            Tone::Strong => Style::new().bold(),
            Tone::Accent => Style::new().cyan(),
        }
    }
}

impl Ui {
    pub fn new(opts: &UiOptions, env: &Env) -> Ui {
        let dumb = env.term.as_deref() == Some("dumb");
        let decide = |is_tty: bool| match opts.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_tty && !env.no_color && !dumb,
        };
        let stderr_tty = std::io::stderr().is_terminal();
        Ui {
            answered: Default::default(),
            stdout_color: decide(std::io::stdout().is_terminal()),
            stderr_color: decide(stderr_tty),
            json: opts.json,
            quiet: opts.quiet,
            verbose: opts.verbose,
            progress: stderr_tty && !opts.quiet && !opts.json && !opts.no_progress && !dumb,
        }
    }

    /// A Ui that writes plain text and no progress (for tests and non-interactive callers).
    pub fn plain(json: bool) -> Ui {
        Ui {
            answered: Default::default(),
            stdout_color: false,
            stderr_color: false,
            json,
            quiet: false,
            verbose: 0,
            progress: false,
        }
    }

    pub fn json_mode(&self) -> bool {
        self.json
    }

    pub fn quiet(&self) -> bool {
        self.quiet
    }

    pub fn verbose(&self) -> u8 {
        self.verbose
    }

    /// Whether progress bars may be drawn (stderr is a terminal; no `-q`, `--json`, `--no-progress`).
    pub fn progress_enabled(&self) -> bool {
        self.progress
    }

    /// Colors `text` for stdout, if stdout gets color.
    pub fn paint(&self, text: &str, tone: Tone) -> String {
        if self.stdout_color {
            text.style(tone.style()).to_string()
        } else {
            text.to_string()
        }
    }

    /// Colors `text` for stderr, if stderr gets color.
    pub fn paint_err(&self, text: &str, tone: Tone) -> String {
        if self.stderr_color {
            text.style(tone.style()).to_string()
        } else {
            text.to_string()
        }
    }

    /// Writes `text` and a newline to stdout. A closed pipe becomes a quiet exit. Secrets are
    /// masked here too, last, whatever text a command hands over (a knowledge file written before
    /// redaction existed, an old audit row).
    /// Whether the command has written to stdout.
    pub fn answered(&self) -> bool {
        self.answered.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn out(&self, text: &str) -> Result<(), AppError> {
        self.answered
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let text = crate::review::redact::text(text);
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(())
    }

    /// Writes raw bytes to stdout as they are, but with secrets masked when they are text.
    pub fn out_raw(&self, bytes: &[u8]) -> Result<(), AppError> {
        self.answered
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let masked =
            std::str::from_utf8(bytes)
                .ok()
                .and_then(|t| match crate::review::redact::text(t) {
                    std::borrow::Cow::Owned(m) => Some(m),
                    std::borrow::Cow::Borrowed(_) => None,
                });
        let bytes = masked.as_ref().map_or(bytes, |m| m.as_bytes());
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        Ok(())
    }

    /// Writes `value` as the single JSON document of this command.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<(), AppError> {
        let mut value = serde_json::to_value(value)?;
        crate::review::redact::json(&mut value);
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        self.out_raw(text.as_bytes())
    }

    /// Narration on stderr (what is happening); silenced by `-q`.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", escape_lines(&crate::review::redact::text(msg)));
        }
    }

    /// A warning on stderr; `-q` keeps warnings (they may matter). Its text often quotes a file
    /// name or a reviewer's words, so it is escaped and redacted.
    pub fn warn(&self, msg: &str) {
        let msg = crate::review::redact::text(msg);
        eprintln!(
            "{} {}",
            self.paint_err("warning:", Tone::Warn),
            escape_lines(&msg)
        );
    }

    /// A `hint:` line on stderr, for a result that is not an error (an incomplete review).
    pub fn hint(&self, msg: &str) {
        eprintln!("{} {msg}", self.paint_err("hint:", Tone::Accent));
    }

    /// Detail for `-v`.
    pub fn debug(&self, msg: &str) {
        if self.verbose > 0 {
            eprintln!("{} {msg}", self.paint_err("debug:", Tone::Dim));
        }
    }

    /// Prints an error: `error: ...`, `  caused by: ...` per cause, `hint: ...` per hint.
    pub fn error(&self, err: &AppError) {
        if err.kind == ErrorKind::BrokenPipe {
            return;
        }
        // Messages name paths, refs and values from outside: escaped and redacted.
        let clean = |t: &str| escape_lines(&crate::review::redact::text(t)).into_owned();
        let mut s = format!(
            "{} {}\n",
            self.paint_err("error:", Tone::Bad),
            clean(&err.message)
        );
        for c in &err.causes() {
            s.push_str(&format!("  caused by: {}\n", clean(c)));
        }
        for h in &err.hints {
            s.push_str(&format!(
                "{} {}\n",
                self.paint_err("hint:", Tone::Accent),
                clean(h)
            ));
        }
        let _ = std::io::stderr().lock().write_all(s.as_bytes());
    }

    /// Writes a clap error or help text to the stream clap chose.
    pub fn clap_message(&self, err: &clap::Error) {
        let text = if self.stderr_color {
            err.render().ansi().to_string()
        } else {
            err.render().to_string()
        };
        if err.use_stderr() {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
}
