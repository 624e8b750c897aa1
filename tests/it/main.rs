//! Integration tests: one binary, one module per area.

mod harness;

mod audit;
mod cleanup;
mod cli_basics;
mod config;
mod generated;
mod registration;
mod shim;
mod store;
mod worktree;
