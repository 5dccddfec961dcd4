//! `chitieu parse FILE`: a plan document read and printed as JSON or as a table.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use chitieu_core::display::target_vi;
use chitieu_core::{Item, ItemKind, Plan};
use comfy_table::{ContentArrangement, Table};

use crate::OutputFormat;

pub fn run(file: &Path, format: OutputFormat) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let plan = chitieu_import::read_plan(&file.display().to_string(), &bytes)?;
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &plan)?;
            writeln!(out)?;
        }
        OutputFormat::Table => write_table(&mut out, &plan)?,
    }
    Ok(())
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
