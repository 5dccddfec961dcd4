//! The `chitieu` command line: parses arguments and calls the libraries.

mod explain;
mod parse;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// chitieu follows government plan targets (chỉ tiêu): it reads plan documents into structured
/// plans, and (in later versions) collects and evaluates the reports on them.
#[derive(Debug, Parser)]
#[command(name = "chitieu", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a plan document (.txt or .md extracted from PDF, .docx, .xlsx) and print the plan.
    Parse {
        /// The document to read.
        file: std::path::PathBuf,
        /// `json`: the stable plan JSON (docs/plan-json.md); `table`: a readable table.
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
    },
    /// Show, as JSON, how one phrase is read: a target, a deadline, or a cell of unit names.
    Explain {
        #[arg(value_enum)]
        what: explain::Phrase,
        /// The phrase, as written in the document.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Json,
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse { file, format } => parse::run(&file, format),
        Command::Explain { what, text } => explain::run(what, &text.join(" ")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chitieu: {e:#}");
            ExitCode::FAILURE
        }
    }
}
