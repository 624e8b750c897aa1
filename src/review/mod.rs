//! The review engine (DESIGN.md "Review").

pub mod tier;

pub use tier::Tier;
