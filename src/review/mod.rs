//! The review engine (DESIGN.md "Review").

pub mod builtin;
pub mod change;
pub mod consensus;
pub mod diff;
pub mod engine;
pub mod external;
pub mod finding;
pub mod formats;
pub mod input;
pub mod policy;
pub mod prompt;
pub mod redact;
pub mod report;
pub mod rerun;
pub mod result;
pub mod sarif;

pub use crate::tier::Tier;
pub use change::{AddedLine, Change, FileChange, FileStatus};
pub use finding::Finding;
