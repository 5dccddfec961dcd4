//! `chitieu serve`: the web app over the database, with the reminder scheduler, until Ctrl-C
//! or SIGTERM. Settings come from `--config FILE` and `CHITIEU_…` variables.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;
use chitieu_app::SystemClock;
use chitieu_store::SqlStore;
use chitieu_web::{AppState, Config};

/// Where the app listens unless told otherwise: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// The settings file named on the command line (`--config`), for whichever command serves.
static CONFIG_FILE: OnceLock<PathBuf> = OnceLock::new();

/// Names the settings file [`run`] reads (the first name given counts).
pub fn use_config_file(file: PathBuf) {
    let _ = CONFIG_FILE.set(file);
}

/// Reads the settings, binds `listen`, then calls `ready` with the address (the port is chosen
/// when `listen`'s is 0), starts the reminder scheduler and serves.
pub async fn run(
    store: SqlStore,
    listen: SocketAddr,
    ready: impl FnOnce(SocketAddr) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CHITIEU_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let config = Config::load(CONFIG_FILE.get().map(PathBuf::as_path)).context("cannot read the settings")?;
    let state = AppState::new(store, Arc::new(SystemClock)).with_config(config).context("bad settings")?;
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    ready(listener.local_addr()?)?;
    let reminders = chitieu_web::spawn_reminders(&state);
    let served = chitieu_web::serve(listener, state).await;
    if let Some(scheduler) = reminders {
        scheduler.abort();
    }
    Ok(served?)
}
