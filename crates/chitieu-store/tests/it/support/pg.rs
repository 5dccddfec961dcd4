//! PostgreSQL for tests: the server (given by URL or a throwaway cluster per test process) and its databases.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{self, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime};

use sqlx::{Connection as _, Executor as _, PgConnection};
use tokio::sync::OnceCell;

/// The environment variable naming a server to create test databases on instead of starting a cluster.
const URL_VAR: &str = "CHITIEU_TEST_PG_URL";
/// Cluster directories are `$TMPDIR/chitieu-pg-<pid>`.
const CLUSTER_PREFIX: &str = "chitieu-pg-";
/// The file in a cluster directory naming the test process that owns it.
const OWNER_FILE: &str = "owner.pid";
/// How long a cluster may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// One database created for one test; dropping it drops the database.
#[derive(Debug)]
pub(super) struct Database {
    url: String,
    server: &'static str,
    name: String,
}

impl Database {
    /// Creates `chitieu_test_<pid>_<n>` on the test server, starting the cluster on first use.
    pub(super) async fn create() -> Database {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let server = server_url().await;
        let mut connection = PgConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("connect to the test PostgreSQL server {}: {e}", redact(server)));
        loop {
            let name = format!("chitieu_test_{}_{}", process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
            match connection.execute(format!(r#"CREATE DATABASE "{name}""#).as_str()).await {
                Ok(_) => {
                    let _ = connection.close().await;
                    return Database { url: with_database(server, &name), server, name };
                }
                // Left by an earlier process with the same pid (another machine, a killed run): take the next name.
                Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P04") => {}
                Err(e) => panic!("CREATE DATABASE {name} on {}: {e}", redact(server)),
            }
        }
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for Database {
    /// Drops the database on a thread of its own, since `Drop` cannot await and may run inside a runtime.
    fn drop(&mut self) {
        let (server, name) = (self.server, self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                let mut connection = PgConnection::connect(server).await?;
                connection.execute(format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str()).await?;
                connection.close().await?;
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("test harness: could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("test harness: dropping test database {} panicked", self.name),
        }
    }
}

/// The server URL test databases are created on: `CHITIEU_TEST_PG_URL`, or this process's cluster.
async fn server_url() -> &'static str {
    static SERVER: OnceCell<Result<String, String>> = OnceCell::const_new();
    let server = SERVER
        .get_or_init(|| async {
            match env::var(URL_VAR) {
                Ok(url) if !url.trim().is_empty() => Ok(url.trim().to_owned()),
                _ => start_cluster().await,
            }
        })
        .await;
    match server {
        Ok(url) => url,
        Err(why) => panic!("{why}"),
    }
}

/// Starts this process's throwaway cluster and returns the URL of its `postgres` database.
async fn start_cluster() -> Result<String, String> {
    let started = Instant::now();
    let bin = find_bin_dir().ok_or_else(|| {
        format!(
            "The store's tests need PostgreSQL, but no initdb was found on PATH or under \
             /usr/lib/postgresql/*/bin and {URL_VAR} is not set.\n\
             Install it (Debian/Ubuntu: `apt-get install -y postgresql`; nothing needs to run, the tests start \
             their own cluster) or set {URL_VAR} to a server URL whose user may create databases, \
             e.g. postgres://user:password@127.0.0.1:5432/postgres"
        )
    })?;
    let as_postgres = fs::metadata("/proc/self").is_ok_and(|me| me.uid() == 0);
    remove_stale_clusters();

    let dir = env::temp_dir().join(format!("{CLUSTER_PREFIX}{}", process::id()));
    let data = dir.join("data");
    let log = dir.join("server.log");
    fs::create_dir(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    fs::write(dir.join(OWNER_FILE), process::id().to_string()).map_err(|e| format!("write owner file: {e}"))?;
    if as_postgres {
        run(tokio::process::Command::new("chown").arg("postgres:").arg(&dir)).await?;
    }
    spawn_watchdog(&dir)?;

    let mut initdb = postgres_command(as_postgres, &dir, &bin.join("initdb"));
    initdb.arg("-D").arg(&data).args(["-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
    run(&mut initdb).await?;
    let initialized = started.elapsed();
    for attempt in 1..=3 {
        let port = free_port()?;
        let options = format!(
            "-k \"{}\" -p {port} -c listen_addresses=127.0.0.1 -c max_connections=200 \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            dir.display()
        );
        let mut pg_ctl = postgres_command(as_postgres, &dir, &bin.join("pg_ctl"));
        pg_ctl.arg("-D").arg(&data).arg("-l").arg(&log).args(["-w", "-s", "-t", "30", "-o", &options, "start"]);
        match run(&mut pg_ctl).await {
            Ok(()) => {
                let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
                wait_until_ready(&url, &log, started).await?;
                eprintln!(
                    "test harness: PostgreSQL from {} in {} on port {port}: ready in {} ms (initdb {} ms)",
                    bin.display(),
                    dir.display(),
                    started.elapsed().as_millis(),
                    initialized.as_millis(),
                );
                return Ok(url);
            }
            Err(_) if attempt < 3 && log_tail(&log).contains("already in use") => {}
            Err(e) => return Err(format!("{e}\nserver log {}:\n{}", log.display(), log_tail(&log))),
        }
    }
    unreachable!("the last attempt returns")
}

/// The directory holding `initdb` and `pg_ctl`: the one on `PATH`, else the newest `/usr/lib/postgresql/*/bin`.
fn find_bin_dir() -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    let on_path = env::var_os("PATH")
        .map(|path| env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|dir| fs::canonicalize(dir.join("initdb")).ok()?.parent().map(Path::to_path_buf))
        .find(|dir| has_tools(dir));
    on_path.or_else(|| {
        fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .flatten()
            .filter(|version| has_tools(&version.path().join("bin")))
            .max_by_key(|version| {
                let name = version.file_name().to_string_lossy().into_owned();
                name.split('.').map(|part| part.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>()
            })
            .map(|version| version.path().join("bin"))
    })
}

/// A command for a PostgreSQL program, run as the `postgres` user when the tests run as root.
fn postgres_command(as_postgres: bool, dir: &Path, program: &Path) -> tokio::process::Command {
    let mut command = if as_postgres {
        let mut runuser = tokio::process::Command::new("runuser");
        runuser.args(["-u", "postgres", "--"]).arg(program);
        runuser
    } else {
        tokio::process::Command::new(program)
    };
    // The postgres user may not be allowed into the tests' working directory.
    command.current_dir(dir);
    command
}

/// Runs a command to completion, or says what it printed.
async fn run(command: &mut tokio::process::Command) -> Result<(), String> {
    let output = command.stdin(Stdio::null()).output().await.map_err(|e| format!("run {command:?}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let mut message = format!("{command:?} failed ({})", output.status);
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        if !text.trim().is_empty() {
            let _ = write!(message, "\n{}", text.trim_end());
        }
    }
    Err(message)
}

/// Polls until the server answers a query, up to [`START_TIMEOUT`] after `started`.
async fn wait_until_ready(url: &str, log: &Path, started: Instant) -> Result<(), String> {
    loop {
        let error = match PgConnection::connect(url).await {
            Ok(mut connection) => match connection.execute("SELECT 1").await {
                Ok(_) => return Ok(()),
                Err(e) => e,
            },
            Err(e) => e,
        };
        if started.elapsed() > START_TIMEOUT {
            return Err(format!(
                "PostgreSQL at {url} did not accept connections within {} s: {error}\nserver log {}:\n{}",
                START_TIMEOUT.as_secs(),
                log.display(),
                log_tail(log)
            ));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("find a free port: {e}"))?;
    listener.local_addr().map(|address| address.port()).map_err(|e| format!("find a free port: {e}"))
}

/// The last lines of the server log, for error messages.
fn log_tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_else(|e| format!("(cannot read it: {e})"));
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

/// Starts, in its own process group, a shell that waits for this process to end, then stops the postmaster
/// (SIGQUIT: immediate shutdown) and removes the cluster's directory.
fn spawn_watchdog(dir: &Path) -> Result<(), String> {
    const SCRIPT: &str = r#"
        while kill -0 "$0" 2>/dev/null; do sleep 1; done
        pm=$(head -n 1 "$1/data/postmaster.pid" 2>/dev/null) && kill -QUIT "$pm" 2>/dev/null
        i=0
        while [ -n "$pm" ] && [ $i -lt 100 ] && kill -0 "$pm" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
        rm -rf "$1"
    "#;
    std::process::Command::new("sh")
        .args(["-c", SCRIPT, &process::id().to_string()])
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map(drop)
        .map_err(|e| format!("start the cluster's watchdog: {e}"))
}

/// Removes the cluster directories of test processes that no longer run, stopping their postmasters.
fn remove_stale_clusters() {
    let Ok(entries) = fs::read_dir(env::temp_dir()) else { return };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(CLUSTER_PREFIX) {
            continue;
        }
        let dir = entry.path();
        let owner = fs::read_to_string(dir.join(OWNER_FILE)).ok().and_then(|pid| pid.trim().parse::<u32>().ok());
        let stale = match owner {
            // Our own pid here means a leftover of an earlier process: ours is created after this.
            Some(pid) => pid == process::id() || !is_running(pid),
            None => entry.metadata().and_then(|m| m.modified()).is_ok_and(|modified| {
                SystemTime::now().duration_since(modified).unwrap_or_default() > Duration::from_hours(1)
            }),
        };
        if stale {
            stop_postmaster(&dir);
            let _ = fs::remove_dir_all(&dir);
        }
    }
}

/// Sends SIGQUIT to the postmaster of the cluster in `dir`, if it still runs, and waits up to 5 s for it.
fn stop_postmaster(dir: &Path) {
    let pid = fs::read_to_string(dir.join("data/postmaster.pid"))
        .ok()
        .and_then(|text| text.lines().next()?.trim().parse::<u32>().ok());
    let Some(pid) = pid else { return };
    let is_postmaster =
        |pid: u32| fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "postgres");
    if !is_postmaster(pid) {
        return;
    }
    let _ = std::process::Command::new("sh").args(["-c", r#"kill -QUIT "$0""#, &pid.to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while is_postmaster(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn is_running(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// `server` with its database replaced by `name`, keeping any `?query`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(base, query)| (base, Some(query)));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..].find('/').map_or(base.len(), |i| authority + i);
    let mut url = format!("{}/{name}", &base[..path]);
    if let Some(query) = query {
        let _ = write!(url, "?{query}");
    }
    url
}

/// `url` without its password, for messages that end up in CI logs.
fn redact(url: &str) -> String {
    let authority = url.find("://").map_or(0, |i| i + 3);
    let Some(at) = url[authority..].find('@').map(|i| authority + i) else { return url.to_owned() };
    match url[authority..at].find(':') {
        Some(colon) => format!("{}:***{}", &url[..authority + colon], &url[at..]),
        None => url.to_owned(),
    }
}
