//! `chitieu export report PLAN --period 2026-Q2 --format xlsx|pdf`: the consolidated report of a
//! plan and period, judged as of today (or `--as-of`), written to a file.

use std::path::PathBuf;

use anyhow::Context as _;
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_store::SqlStore;
use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The consolidated report of a plan for a period: every item, every unit's result and
    /// verdict, the roll-up, and how the units reported.
    Report {
        /// The plan: its id or its key.
        plan: String,
        /// "2026-Q2", "Quý II/2026" or "2026".
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Xlsx)]
        format: ExportFormat,
        /// The day of judgement, dd/mm/yyyy or yyyy-mm-dd (today in Vietnam by default).
        #[arg(long)]
        as_of: Option<String>,
        /// Where to write (bao-cao-PLAN-PERIOD.xlsx|pdf in the current directory by default).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Pdf,
}

fn parse_day(text: &str) -> anyhow::Result<Date> {
    let vietnamese = || {
        let mut parts = text.split('/').map(str::parse::<u32>);
        let (Some(Ok(day)), Some(Ok(month)), Some(Ok(year)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Date::new(i32::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    };
    Date::parse(text)
        .or_else(vietnamese)
        .with_context(|| format!("--as-of \"{text}\" is not a date; write 23/11/2026 or 2026-11-23"))
}

pub async fn run(store: &SqlStore, command: ExportCommand) -> anyhow::Result<()> {
    let ExportCommand::Report { plan, period, format, as_of, output } = command;
    let period = Period::parse(&period)
        .with_context(|| format!("--period \"{period}\" is not a period; write 2026-Q2, Quý II/2026 or 2026"))?;
    // Today in Vietnam unless told otherwise, as the web app judges.
    let as_of = match as_of {
        Some(text) => parse_day(&text)?,
        None => chitieu_app::LocalClock::system().today(),
    };
    let stored = crate::plans::find_plan(store, &plan).await?;
    let evaluated = chitieu_app::evaluation::evaluate(store, stored.id, period, as_of).await?;
    let report = chitieu_app::evaluation::consolidated(&evaluated);
    let (bytes, extension) = match format {
        ExportFormat::Xlsx => (chitieu_export::xlsx(&report)?, "xlsx"),
        ExportFormat::Pdf => (chitieu_export::pdf(&report)?, "pdf"),
    };
    let path = output.unwrap_or_else(|| {
        let safe: String = stored.key.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
        PathBuf::from(format!("bao-cao-{safe}-{period}.{extension}"))
    });
    std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
    crate::say!(
        "{}: {} items, {} units, {} bytes",
        path.display(),
        evaluated.board.rows.len(),
        evaluated.board.units.len(),
        bytes.len()
    );
    Ok(())
}
