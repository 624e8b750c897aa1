//! Integration tests: one binary, one module per area.

// Tests may say why they stop early.
#![allow(clippy::print_stderr, clippy::print_stdout)]

mod harness;

mod audit;
mod builtin_corpus;
mod cleanup;
mod cli_basics;
mod config;
mod gate;
mod gate_bypass;
mod gate_signature;
mod generated;
mod hooks;
mod hostile_fs;
mod hostile_reviewers;
mod hostile_text;
mod hostile_trust;
mod key_files;
mod knowledge;
mod registration;
mod review;
mod shim;
mod store;
mod telemetry;
mod worktree;
