//! The two backends and what differs between them: the URL, connection settings (SQLite: WAL
//! with `synchronous = FULL`, foreign keys, writers take the lock up front), the migrations, and backup/restore.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor as _};

use crate::{Result, StoreError};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a URL names: `sqlite:FILE` (or a bare file name) or `postgres://…`.
    pub fn of(url: &str) -> Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(url.to_owned()))
        }
    }
}

/// The store over a pool of either backend.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    url: String,
}

/// Opens the database a URL names (creating an SQLite file when missing) and applies the
/// migrations. A bare path is taken as an SQLite file.
pub async fn connect(url: &str) -> Result<SqlStore> {
    install_default_drivers();
    let url = if url.contains("://") || url.starts_with("sqlite:") { url.to_owned() } else { format!("sqlite:{url}") };
    let backend = Backend::of(&url)?;
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
    let (url, options) = match backend {
        Backend::Sqlite => {
            let url = if url.contains('?') { url } else { format!("{url}?mode=rwc") };
            let options = options.max_connections(8).after_connect(|conn, _| {
                Box::pin(async move {
                    // FULL: a commit is on disk (the WAL fsynced) before it is answered, so a power
                    // cut loses no report, review or audit event that was acknowledged. NORMAL could
                    // lose the last commits; FULL costs about 1 ms a write (docs/ARCHITECTURE.md).
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
                        .await?;
                    Ok(())
                })
            });
            (url, options)
        }
        Backend::Postgres => (url, options.max_connections(16)),
    };
    let pool = options.connect(&url).await?;
    let store = SqlStore { pool, backend, url };
    store.migrate().await?;
    Ok(store)
}

impl SqlStore {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection pool, for what the store's methods do not say: the bench
    /// command's bare SQL, timed beside the product's answers on the same database.
    pub fn pool(&self) -> &sqlx::AnyPool {
        &self.pool
    }

    /// Begins a write transaction. SQLite takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// two writers queue on the busy timeout instead of failing when one upgrades a read.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub(crate) async fn run_migrations(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    /// The SQLite file behind the store.
    fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.url.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next()?;
        (!path.is_empty() && !path.contains(":memory:")).then(|| PathBuf::from(path))
    }

    /// Writes a consistent copy of the database to `file` while it stays online. SQLite:
    /// `VACUUM INTO` (a single self-contained file). PostgreSQL: `pg_dump --format=custom`.
    pub async fn backup(&self, file: &Path) -> Result<()> {
        if file.exists() {
            return Err(StoreError::Invalid(format!("{} exists already; choose a new file", file.display())));
        }
        match self.backend {
            Backend::Sqlite => {
                let target = file.to_str().ok_or_else(|| StoreError::Invalid("the backup path is not UTF-8".into()))?;
                sqlx::query("VACUUM INTO $1").bind(target).execute(&self.pool).await?;
                Ok(())
            }
            Backend::Postgres => run_tool(
                "pg_dump",
                &["--format=custom", "--no-owner", "--file", &file.display().to_string(), &self.url],
            ),
        }
    }

    /// Replaces the database with a backup made by [`SqlStore::backup`]. SQLite: the backup is
    /// checked (integrity and schema) first, then swapped in atomically; the store must not be
    /// in use by a server. PostgreSQL: `pg_restore --clean --if-exists`.
    pub async fn restore(self, file: &Path) -> Result<()> {
        if !file.is_file() {
            return Err(StoreError::NotFound { what: "tệp sao lưu", key: file.display().to_string() });
        }
        match self.backend {
            Backend::Sqlite => {
                let target =
                    self.sqlite_path().ok_or_else(|| StoreError::Invalid("no SQLite file to restore into".into()))?;
                check_sqlite_backup(file).await?;
                self.pool.close().await;
                let staging = target.with_extension("restoring");
                std::fs::copy(file, &staging)?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", target.display()));
                    if side.exists() {
                        std::fs::remove_file(side)?;
                    }
                }
                std::fs::rename(&staging, &target)?;
                Ok(())
            }
            Backend::Postgres => run_tool(
                "pg_restore",
                &["--clean", "--if-exists", "--no-owner", "--dbname", &self.url, &file.display().to_string()],
            ),
        }
    }
}

/// A backup must be a sound SQLite database holding chitieu's schema.
async fn check_sqlite_backup(file: &Path) -> Result<()> {
    let url = format!("sqlite:{}?mode=ro", file.display());
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .map_err(|e| StoreError::Invalid(format!("{} is not an SQLite database: {e}", file.display())))?;
    let check: (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .map_err(|e| StoreError::Invalid(format!("{} is not an SQLite database: {e}", file.display())))?;
    if check.0 != "ok" {
        return Err(StoreError::Invalid(format!("{} is damaged: {}", file.display(), check.0)));
    }
    let plans: std::result::Result<(i64,), _> = sqlx::query_as("SELECT COUNT(*) FROM plans").fetch_one(&pool).await;
    pool.close().await;
    plans
        .map(|_| ())
        .map_err(|_| StoreError::Invalid(format!("{} is not a chitieu backup (no plans table)", file.display())))
}

fn run_tool(tool: &str, args: &[&str]) -> Result<()> {
    let status = std::process::Command::new(tool).args(args).status().map_err(|e| {
        StoreError::Invalid(format!(
            "{tool} is needed for PostgreSQL backups and could not be run ({e}); install the PostgreSQL client tools \
             (Debian: apt-get install postgresql-client)"
        ))
    })?;
    if status.success() { Ok(()) } else { Err(StoreError::Invalid(format!("{tool} failed ({status})"))) }
}
