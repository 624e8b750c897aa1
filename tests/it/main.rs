//! Integration tests: one binary, one module per area.

mod harness;

mod audit;
mod cli_basics;
mod config;
mod gate;
mod generated;
mod hooks;
mod registration;
mod store;
