//! `wfc`: namespaced git worktrees, parallel code review with a consensus score, a shared
//! knowledge base and a review gate, for many projects and agents on one machine.
//!
//! The binary is a thin shell over [`cli::run`]; every command and all domain logic live in this
//! library so they can be tested without a process boundary.

pub mod app;
pub mod cli;
pub mod config;
pub mod env;
pub mod escape;
pub mod fsutil;
pub mod gate;
pub mod git;
pub mod ids;
pub mod interrupt;
pub mod knowledge;
pub mod layout;
pub mod lock;
pub mod mcp;
pub mod process;
pub mod review;
pub mod reviewers;
pub mod store;
pub mod telemetry;
pub mod tier;
pub mod time;
pub mod ui;
pub mod worktree;
