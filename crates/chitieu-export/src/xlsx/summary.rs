//! The "Tổng hợp" sheet in the appendix layout: title rows, then per item its target, roles and
//! deadline, three columns (Kết quả | Đánh giá | Ghi chú) under each unit's merged name, and the
//! roll-up (Kết quả | Đánh giá).

use super::Sheet;
use super::formats::Formats;
use crate::error::ExportError;
use crate::headings::{ACTUAL, COMMENT, COORDINATE, DEADLINE, ITEM, LEAD, MONITOR, ROLLUP, STATUS, STT, TARGET};
use crate::report::{ConsolidatedReport, ReportRow, RowKind, UnitCell};

const SHEET: &str = "Tổng hợp";

/// The columns before the units', with their widths.
const FIXED: [(&str, f64); 7] =
    [(STT, 6.0), (ITEM, 48.0), (TARGET, 16.0), (MONITOR, 20.0), (LEAD, 20.0), (COORDINATE, 22.0), (DEADLINE, 13.0)];
/// The columns under each unit, with their widths; the roll-up has the first two.
const PER_UNIT: [(&str, f64); 3] = [(ACTUAL, 12.0), (STATUS, 14.0), (COMMENT, 20.0)];

const FIRST_UNIT_COL: u16 = FIXED.len() as u16;

pub(super) fn sheet(report: &ConsolidatedReport, formats: &mut Formats) -> Result<Sheet, ExportError> {
    let mut sheet = Sheet::new(SHEET)?;
    let units = u16::try_from(report.units.len()).unwrap_or(u16::MAX);
    let rollup_col = FIRST_UNIT_COL.saturating_add(units.saturating_mul(3));

    let mut row = 0;
    for line in title_lines(report) {
        let format = if row == 0 { &formats.title } else { &formats.subtitle };
        sheet.merge((row, 0), (row, FIRST_UNIT_COL - 1), &line, format)?;
        row += 1;
    }
    let header = row + 1;
    for (col, (label, _)) in (0..).zip(FIXED) {
        sheet.merge((header, col), (header + 1, col), label, &formats.header)?;
    }
    for (col, unit) in (FIRST_UNIT_COL..).step_by(3).zip(&report.units) {
        sheet.merge((header, col), (header, col + 2), unit, &formats.header)?;
        for (sub, (label, _)) in (col..).zip(PER_UNIT) {
            sheet.text(header + 1, sub, label, &formats.header)?;
        }
    }
    sheet.merge((header, rollup_col), (header, rollup_col + 1), ROLLUP, &formats.header)?;
    for (sub, (label, _)) in (rollup_col..).zip(&PER_UNIT[..2]) {
        sheet.text(header + 1, sub, label, &formats.header)?;
    }

    for (r, item) in (header + 2..).zip(&report.rows) {
        write_item(&mut sheet, r, item, formats)?;
        for (col, cell) in (FIRST_UNIT_COL..).step_by(3).zip(&item.cells) {
            write_cell(&mut sheet, r, col, cell.as_ref(), item.kind, true, formats)?;
        }
        write_cell(&mut sheet, r, rollup_col, item.rollup.as_ref(), item.kind, false, formats)?;
    }

    let widths = FIXED.iter().map(|(_, w)| *w);
    let unit_widths = (0..units).flat_map(|_| PER_UNIT.iter().map(|(_, w)| *w));
    let rollup_widths = PER_UNIT[..2].iter().map(|(_, w)| *w);
    sheet.widths((0..).zip(widths.chain(unit_widths).chain(rollup_widths)))?;
    sheet.set("frozen panes", |ws| ws.set_freeze_panes(header + 2, 2))?;
    sheet.print_setup((header, header + 1))?;
    sheet.set("repeated columns", |ws| ws.set_repeat_columns(0, 1))?;
    Ok(sheet)
}

/// The lines above the table: the plan, its reference, the period and the day of judgement.
fn title_lines(report: &ConsolidatedReport) -> Vec<String> {
    let mut lines = vec![report.plan_title.clone()];
    lines.extend(report.reference_line());
    lines.push(format!("Kỳ báo cáo: {}", report.period_label));
    lines.push(format!("Ngày lập: {}", report.as_of));
    lines
}

fn write_item(sheet: &mut Sheet, r: u32, item: &ReportRow, formats: &Formats) -> Result<(), ExportError> {
    let group = item.kind == RowKind::Group;
    let pick = |plain| if group { &formats.group } else { plain };
    let code = item.code.as_deref().unwrap_or("");
    let texts = [code, &item.text, &item.target, &item.monitor, &item.lead, &item.coordinate, &item.deadline];
    for (col, text) in (0..).zip(texts) {
        let plain = if col == 0 || col == 6 { &formats.center } else { &formats.text };
        sheet.text(r, col, text, pick(plain))?;
    }
    Ok(())
}

/// A unit's (or the roll-up's) result, verdict and, with `comment`, remark.
fn write_cell(
    sheet: &mut Sheet,
    r: u32,
    col: u16,
    cell: Option<&UnitCell>,
    kind: RowKind,
    comment: bool,
    formats: &mut Formats,
) -> Result<(), ExportError> {
    let width = if comment { 3 } else { 2 };
    let Some(cell) = cell else {
        let blank = if kind == RowKind::Group { &formats.group } else { &formats.blank };
        for c in col..col + width {
            sheet.blank(r, c, blank)?;
        }
        return Ok(());
    };
    write_actual(sheet, r, col, cell, formats)?;
    sheet.text(r, col + 1, cell.status.label_vi(), formats.status(cell.status))?;
    if comment {
        sheet.text(r, col + 2, &cell.comment, &formats.text)?;
    }
    Ok(())
}

/// The result: a number where it has one (formatted as its text words it), else its text.
pub(super) fn write_actual(
    sheet: &mut Sheet,
    r: u32,
    col: u16,
    cell: &UnitCell,
    formats: &mut Formats,
) -> Result<(), ExportError> {
    match cell.number {
        Some(number) => sheet.number(r, col, number, formats.number(&cell.actual, number)),
        None => sheet.text(r, col, &cell.actual, &formats.text),
    }
}
