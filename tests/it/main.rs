//! Integration tests: one binary, one module per area.

// Tests may say why they stop early, and read the environment the test runner gives them
// (`clippy.toml` keeps that to src/env.rs in the program itself).
#![allow(clippy::print_stderr, clippy::print_stdout, clippy::disallowed_methods)]

mod harness;

mod agents;
mod audit;
mod builtin_corpus;
mod cleanup;
mod cli_basics;
mod config;
mod fail_alone;
mod gate;
mod gate_bypass;
mod gate_signature;
mod generated;
mod gitleaks_config;
mod hooks;
mod hostile_fs;
mod hostile_reviewers;
mod hostile_text;
mod hostile_trust;
mod key_files;
mod knowledge;
mod layers;
mod mcp;
mod registration;
mod review;
mod review_inputs;
mod secrets_corpus;
mod shim;
mod snapshots;
mod store;
mod store_backends;
mod store_team;
mod telemetry;
mod worktree;
