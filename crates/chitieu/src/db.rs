//! The commands that open the database: a runtime, the store, and the clock (read here, at the
//! edge, and passed in).

use anyhow::Context as _;
use chitieu_store::SqlStore;

use crate::Command;

/// Now, as the store records it (RFC 3339, UTC, seconds).
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Who acts: the system user running the command.
pub fn actor() -> String {
    std::env::var("USER").map_or_else(|_| "cli".to_owned(), |user| format!("cli:{user}"))
}

pub async fn open(url: &str) -> anyhow::Result<SqlStore> {
    chitieu_store::connect(url).await.with_context(|| format!("cannot open the database {url}"))
}

pub fn run(url: &str, command: Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        match command {
            Command::Migrate => {
                let store = open(url).await?;
                store.migrate().await?;
                crate::say!("{url}: migrations applied");
                Ok(())
            }
            Command::Orgs { command } => crate::orgs::run(&open(url).await?, command).await,
            Command::Import(args) => crate::plans::import(&open(url).await?, args).await,
            Command::Plans { command } => crate::plans::run(&open(url).await?, command).await,
            Command::Obligations { plan, period, format } => {
                crate::plans::obligations(&open(url).await?, &plan, &period, format).await
            }
            Command::Link(args) => crate::link::run(&open(url).await?, args).await,
            Command::Export { command } => crate::export::run(&open(url).await?, command).await,
            Command::Backup { file } => {
                open(url).await?.backup(&file).await?;
                crate::say!("{}: backup written", file.display());
                Ok(())
            }
            Command::Restore { file } => {
                open(url).await?.restore(&file).await?;
                crate::say!("{url}: restored from {}", file.display());
                Ok(())
            }
            Command::Serve { listen } => {
                crate::serve::run(open(url).await?, listen, |address| {
                    crate::say!("chitieu: http://{address}/ (Ctrl-C to stop)");
                    Ok(())
                })
                .await
            }
            Command::Demo { listen, options } => crate::demo::run(url, listen, options).await,
            Command::Bench(args) => crate::bench::run(open(url).await?, args).await,
            Command::User { command } => crate::users::run(&open(url).await?, command).await,
            Command::Parse { .. } | Command::Explain { .. } => unreachable!("handled without a database"),
        }
    })
}
