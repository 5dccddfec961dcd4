//! chitieu-store's integration tests, one binary: the storage story and the cascade, reminders
//! and bulk loads, each on SQLite and on PostgreSQL (one throwaway cluster for the whole binary,
//! see `support`), and the self-test of that harness.

mod fixtures;
mod reporting;
mod support;

mod bulk;
mod harness;
mod links;
mod reminders;
mod story;
