//! chitieu-web's integration tests, one binary: the real router on 127.0.0.1:0 over a fresh
//! SQLite database, driven over HTTP by browsers signed in as each role, through one harness
//! (`app`) and a test SMTP server (`smtp_server`).

mod app;
mod smtp_server;

mod api;
mod authority;
mod cascade;
mod dashboard;
mod evaluation_api;
mod http;
mod import;
mod reminders;
mod reporting;
mod route_matrix;
mod security;
