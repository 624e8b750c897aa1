//! The application layer: one function per use case, shared by the CLI and the MCP server.
//!
//! A use case does the work, writes its audit row and telemetry, and returns a typed result or an
//! [`AppError`]. It takes a [`Session`] (ids, paths, config, clock, store), never the terminal.

pub mod cleanup;
pub mod error;
pub mod gate;
pub mod history;
pub mod hook;
pub mod knowledge;
pub mod review;
pub mod session;
pub mod setup;
pub mod store;
pub mod trust;
pub mod worktree;

pub use error::{AppError, CommandResult, ErrorKind, Outcome};
pub use session::{IdSource, Notify, Session, SessionOptions};
