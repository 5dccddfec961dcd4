//! `chitieu parse FILE`: a plan document read and printed as JSON or as a table.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use chitieu_core::display::target_vi;
use chitieu_core::{Item, ItemKind, Plan};
use comfy_table::{ContentArrangement, Table};

use crate::OutputFormat;

pub fn run(file: &Path, format: ParseFormat) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    let mut out = std::io::stdout().lock();
    let format = match format {
        ParseFormat::Layout => {
            out.write_all(chitieu_import::layout_text(&name, &bytes)?.as_bytes())?;
            return Ok(());
        }
        ParseFormat::Json => OutputFormat::Json,
        ParseFormat::Table => OutputFormat::Table,
    };
    let plan = read_with_progress(&name, &bytes)?;
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &plan)?;
            writeln!(out)?;
        }
        OutputFormat::Table => write_table(&mut out, &plan)?,
    }
    Ok(())
}

/// What `chitieu parse` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseFormat {
    /// The stable plan JSON (docs/plan-json.md).
    Json,
    /// A readable table with the reader's warnings.
    Table,
    /// The document as the reader sees it: one line per paragraph or table row (cells
    /// tab-separated), numbered as items and warnings number them.
    Layout,
}

/// Reads a plan document with a progress bar on the terminal for PDFs (a scan takes seconds a
/// page); the bar is hidden when stderr is no terminal.
pub fn read_with_progress(name: &str, bytes: &[u8]) -> anyhow::Result<Plan> {
    let mut bar: Option<indicatif::ProgressBar> = None;
    let plan = chitieu_import::read_plan_with_progress(name, bytes, &mut |p| {
        let bar = bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(p.pages as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} trang {pos}/{len} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        bar.set_position(p.done as u64);
        bar.set_message(if p.ocr { "(ảnh quét, đang nhận dạng chữ)" } else { "" });
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(plan?)
}

/// The plan as a terminal table, with its title, counts, regime and warnings.
pub fn write_table(out: &mut impl Write, plan: &Plan) -> std::io::Result<()> {
    let mut table = Table::new();
    table.set_content_arrangement(ContentArrangement::DynamicFullWidth).set_width(160);
    table.set_header([
        "Dòng",
        "Mục",
        "Số",
        "Loại",
        "Nội dung",
        "Chỉ tiêu",
        "Thời hạn",
        "Theo dõi",
        "Chủ trì",
        "Phối hợp",
    ]);
    for item in &plan.items {
        table.add_row(row(item));
    }
    let count = |kind| plan.items.iter().filter(|i| i.kind == kind).count();
    let years = plan.years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    writeln!(out, "{}", plan.title)?;
    writeln!(
        out,
        "{} — năm: {} — {} nhóm, {} chỉ tiêu, {} nhiệm vụ",
        plan.source.file,
        if years.is_empty() { "-".to_owned() } else { years },
        count(ItemKind::Group),
        count(ItemKind::Indicator),
        count(ItemKind::Task),
    )?;
    writeln!(out, "{table}")?;
    if let Some(regime) = &plan.regime {
        writeln!(out, "Chế độ báo cáo (dòng {}): {}", regime.line, regime.text)?;
    }
    for warning in &plan.warnings {
        let line = warning.line.map(|l| format!("dòng {l}: ")).unwrap_or_default();
        writeln!(out, "Cảnh báo: {line}{}", warning.message)?;
    }
    Ok(())
}

fn row(item: &Item) -> Vec<String> {
    let targets = item
        .targets
        .iter()
        .map(|t| {
            let year = t.year.map(|y| format!("{y}: ")).unwrap_or_default();
            let subject = t.subject.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
            format!("{year}{}{subject}", target_vi(t))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let kind = match item.kind {
        ItemKind::Group => "nhóm",
        ItemKind::Indicator => "chỉ tiêu",
        ItemKind::Task => "nhiệm vụ",
    };
    vec![
        item.line.to_string(),
        item.section.clone().unwrap_or_default(),
        item.code.clone().unwrap_or_default(),
        kind.to_owned(),
        item.text.clone(),
        targets,
        item.deadline.as_ref().map(chitieu_core::Deadline::describe_vi).unwrap_or_default(),
        item.roles.monitor.join("; "),
        item.roles.lead.join("; "),
        item.roles.coordinate.join("; "),
    ]
}
