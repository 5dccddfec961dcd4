//! The `chitieu` binary's integration tests, one binary: each module runs the command as a user
//! does (`CARGO_BIN_EXE_chitieu`), from `parse` and the store's subcommands to the demo in
//! headless Chromium and a server killed with SIGKILL. None of them changes the test process's
//! environment, so they share one process.

mod command;
/// The store's test databases (SQLite, and PostgreSQL from a throwaway cluster), shared with
/// chitieu-store's tests rather than copied.
#[path = "../../../chitieu-store/tests/it/support/mod.rs"]
mod support;

mod browser;
mod cli;
mod crash;
mod link_cli;
mod national;
mod store_cli;
mod web_cli;
