//! The review engine (DESIGN.md "Review").

pub mod builtin;
pub mod change;
pub mod finding;
pub mod tier;

pub use change::{AddedLine, Change, FileChange, FileStatus};
pub use finding::Finding;
pub use tier::Tier;
