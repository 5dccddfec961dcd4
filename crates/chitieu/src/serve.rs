//! `chitieu serve`: the web app over the database, until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use chitieu_store::SqlStore;
use chitieu_web::{AppState, SystemClock};

/// Where the app listens unless told otherwise: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// Binds `listen`, then calls `ready` with the address (the port is chosen when `listen`'s is 0)
/// and serves.
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
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    ready(listener.local_addr()?)?;
    chitieu_web::serve(listener, AppState::new(store, Arc::new(SystemClock))).await?;
    Ok(())
}
