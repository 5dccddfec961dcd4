//! `chitieu explain target|deadline|units TEXT`: how the reader reads one phrase, as JSON.

use std::io::Write as _;

use clap::ValueEnum;
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Phrase {
    /// A target phrase ("Đạt tối thiểu 70%", "≥ 60", "15-20", "Có").
    Target,
    /// A deadline ("Tháng 12/2026", "Quý IV/2026", "Thường xuyên").
    Deadline,
    /// A role cell naming units ("Các sở, ban, ngành; UBND các xã, phường").
    Units,
}

pub fn run(what: Phrase, text: &str) -> anyhow::Result<()> {
    let text = chitieu_import::plain(text);
    let value = match what {
        Phrase::Target => json!({ "targets": chitieu_core::target::read_phrase(&text) }),
        Phrase::Deadline => json!({ "deadline": chitieu_core::deadline::read_deadline(&text) }),
        Phrase::Units => json!({ "units": chitieu_import::split_units(&text) }),
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &value)?;
    writeln!(out)?;
    Ok(())
}
