//! Integration tests: one binary, one module per area.

mod harness;

mod audit;
mod cli_basics;
mod config;
mod generated;
mod knowledge;
mod registration;
mod store;
mod telemetry;
