//! The `chitieu` command line: parses arguments and calls the libraries.

/// Writes a line to standard output; a closed pipe (`| head`) ends the command quietly.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}
pub(crate) use say;

mod bench;
mod db;
mod demo;
mod demo_history;
mod demo_reports;
mod explain;
mod export;
mod link;
mod national;
mod orgs;
mod parse;
mod plans;
mod serve;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use std::net::SocketAddr;

use clap::parser::ValueSource;
use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};

/// chitieu follows government plan targets (chỉ tiêu): it reads plan documents into structured
/// plans, keeps the registry of units and who owes what, collects the units' reports with their
/// evidence, review and approval, judges and ranks them, and serves it all as a Vietnamese web
/// app, a JSON API and .xlsx/.pdf exports.
#[derive(Debug, Parser)]
#[command(name = "chitieu", version, about, max_term_width = 100)]
struct Cli {
    /// The database: sqlite:FILE (default, created when missing) or postgres://…
    #[arg(long, global = true, env = "CHITIEU_DB", default_value = "sqlite:chitieu.db")]
    db: String,
    /// The settings file (TOML) of `serve` and `demo`: the SMTP server and the reminders.
    /// `CHITIEU_SMTP_…` and `CHITIEU_REMINDERS_…` variables override what it says.
    #[arg(long, global = true, env = "CHITIEU_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a plan document (.pdf with a text layer or scanned, .docx, .xlsx, text) and print
    /// the plan.
    Parse {
        /// The document to read.
        file: PathBuf,
        /// `json`: the stable plan JSON (docs/plan-json.md); `table`: a readable table;
        /// `layout`: the document's lines and table rows as the reader sees them.
        #[arg(long, value_enum, default_value_t = parse::ParseFormat::Json)]
        format: parse::ParseFormat,
    },
    /// Show, as JSON, how one phrase is read: a target, a deadline, or a cell of unit names.
    Explain {
        #[arg(value_enum)]
        what: explain::Phrase,
        /// The phrase, as written in the document.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Apply the database migrations (also done by every command that opens the database).
    Migrate,
    /// The registry of units (đơn vị) and groups.
    Orgs {
        #[command(subcommand)]
        command: orgs::OrgsCommand,
    },
    /// Parse plan documents, resolve their units and store them (a new version when amended).
    Import(plans::ImportArgs),
    /// The stored plans.
    Plans {
        #[command(subcommand)]
        command: plans::PlansCommand,
    },
    /// Who owes a report on which item of a plan for a period, and by when.
    Obligations {
        /// The plan: its id or its key.
        plan: String,
        /// "2026-Q2", "Quý II/2026" or "2026".
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Propose, for each item of a lower-level plan, the items of the plans it carries out that
    /// measure the same thing, with a score (plans by id or key, as `plans show` takes them).
    Link(link::LinkArgs),
    /// Write reports out: the consolidated report of a plan and period as .xlsx or .pdf.
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Write a consistent copy of the database to FILE while it stays in use.
    Backup { file: PathBuf },
    /// Replace the database with a backup (stop the server first).
    Restore { file: PathBuf },
    /// Serve the web app (pages and /api/v1) over the database.
    Serve {
        #[arg(long, default_value = serve::DEFAULT_LISTEN)]
        listen: SocketAddr,
    },
    /// Serve the web app on a fresh demo database (sqlite:chitieu-demo.db unless --db names
    /// another demo file): the built-in registry, the five seed plans and one account per role;
    /// with `--scale national`, a synthetic country (on SQLite or an empty PostgreSQL database).
    Demo {
        #[arg(long, default_value = serve::DEFAULT_LISTEN)]
        listen: SocketAddr,
        #[command(flatten)]
        options: demo::DemoOptions,
    },
    /// Time the dashboards, the national views and the export on this database beside the bare
    /// SQL that computes the same numbers (made for `demo --scale national`).
    Bench(bench::BenchArgs),
    /// Accounts: each tied to a unit, with one role.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Json,
    Table,
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // The demo wipes its database: only a --db typed on its command line replaces the demo file.
    let db = match cli.command {
        Command::Demo { .. } if matches.value_source("db") != Some(ValueSource::CommandLine) => {
            demo::DEFAULT_DB.to_owned()
        }
        _ => cli.db,
    };
    if let Some(file) = cli.config {
        serve::use_config_file(file);
    }
    let result = match cli.command {
        Command::Parse { file, format } => parse::run(&file, format),
        Command::Explain { what, text } => explain::run(what, &text.join(" ")),
        command => db::run(&db, command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("chitieu: {e:#}");
            ExitCode::FAILURE
        }
    }
}
