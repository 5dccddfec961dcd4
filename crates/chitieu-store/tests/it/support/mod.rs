//! Test databases for the store's integration tests: a fresh, empty SQLite or PostgreSQL database per test.
//!
//! ```ignore
//! mod support;
//!
//! #[tokio::test]
//! async fn a_story_runs_on_every_backend() {
//!     for db in support::all().await {
//!         let store = chitieu_store::connect(&db.url).await.unwrap();
//!         // … the same story and the same assertions on each backend …
//!     }
//! }
//! ```
//!
//! A [`TestDb`] owns its database: dropping it removes the SQLite file's temporary directory, or drops the
//! PostgreSQL database (`DROP DATABASE … WITH (FORCE)`, best effort: a failure is reported on stderr, never a
//! panic).
//!
//! # Where PostgreSQL comes from
//!
//! * `CHITIEU_TEST_PG_URL` set (a server URL such as `postgres://user:pw@127.0.0.1:5432/postgres`, whose user
//!   may `CREATE DATABASE`): each [`postgres()`] creates `chitieu_test_<pid>_<n>` on that server. Databases of a
//!   test process that was killed stay behind there; they are all named `chitieu_test_*`.
//! * Otherwise one throwaway cluster per test process, started on first use from the system's `initdb` and
//!   `pg_ctl` (found on `PATH`, else the newest `/usr/lib/postgresql/<version>/bin`), run as the `postgres`
//!   user when the tests run as root (initdb refuses root). It lives in `$TMPDIR/chitieu-pg-<pid>/`, listens on
//!   127.0.0.1 at a free port with durability off (`fsync`, `synchronous_commit`, `full_page_writes`), and uses
//!   encoding UTF8 with the C locale, so text sorts by code point as SQLite's default collation does.
//!   Each [`postgres()`] then creates a database on it.
//!
//! No binaries and no URL: [`postgres()`] panics saying how to install PostgreSQL. It never skips, because CI
//! must run every storage test on both backends.
//!
//! # How the cluster goes away
//!
//! A static cannot run `Drop` when the process exits, and the postmaster does not notice that the test process
//! is gone, so the harness cleans up in two ways (see `pg.rs`):
//!
//! 1. A watchdog shell, started with the cluster in its own process group (Ctrl-C on the tests does not reach
//!    it), checks every second whether the test process is alive; once it is gone it stops the postmaster
//!    with SIGQUIT (what `pg_ctl stop -m immediate` sends) and removes the cluster's directory.
//! 2. Before starting a cluster, the harness removes every `$TMPDIR/chitieu-pg-*` whose owner process (in the
//!    `owner.pid` file there) no longer runs, stopping its postmaster first: what a killed watchdog left.

#![allow(dead_code)] // every test binary `mod`s this file and uses part of it

mod pg;

/// The database engine behind a [`TestDb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test; dropping it removes it (temporary directory for SQLite,
/// `DROP DATABASE` for PostgreSQL, best effort).
#[derive(Debug)]
pub struct TestDb {
    /// What the store connects to: `sqlite:///tmp/…/test.db?mode=rwc` or `postgres://…/chitieu_test_…`.
    pub url: String,
    pub backend: Backend,
    _owned: Owned,
}

/// What a [`TestDb`] removes when it is dropped.
#[derive(Debug)]
enum Owned {
    SqliteDir(tempfile::TempDir),
    PostgresDatabase(pg::Database),
}

/// A new SQLite database file in its own temporary directory (a file, not `sqlite::memory:`, where every
/// pooled connection would open a database of its own).
#[allow(clippy::unused_async)] // async like `postgres()`, so both read the same at call sites
pub async fn sqlite() -> TestDb {
    let dir = tempfile::Builder::new()
        .prefix("chitieu-sqlite-")
        .tempdir()
        .expect("create a temporary directory for a SQLite test database");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    TestDb { url, backend: Backend::Sqlite, _owned: Owned::SqliteDir(dir) }
}

/// A new, empty PostgreSQL database, on the server in `CHITIEU_TEST_PG_URL` or on this process's cluster.
pub async fn postgres() -> TestDb {
    let database = pg::Database::create().await;
    TestDb { url: database.url().to_owned(), backend: Backend::Postgres, _owned: Owned::PostgresDatabase(database) }
}

/// One fresh database on each backend: SQLite, then PostgreSQL.
pub async fn all() -> Vec<TestDb> {
    let (sqlite, postgres) = tokio::join!(sqlite(), postgres());
    vec![sqlite, postgres]
}
