//! The "Theo đơn vị" sheet: the long form, one row per item and unit that owes it, under one
//! header row with an autofilter, so a reader can filter by unit or verdict.

use super::Sheet;
use super::formats::Formats;
use super::summary::write_actual;
use crate::error::ExportError;
use crate::headings::{ACTUAL, COMMENT, ITEM, STATUS, STT, UNIT};
use crate::report::ConsolidatedReport;

const SHEET: &str = "Theo đơn vị";

const COLUMNS: [(&str, f64); 6] =
    [(STT, 6.0), (ITEM, 60.0), (UNIT, 30.0), (ACTUAL, 14.0), (STATUS, 18.0), (COMMENT, 40.0)];

pub(super) fn sheet(report: &ConsolidatedReport, formats: &mut Formats) -> Result<Sheet, ExportError> {
    let mut sheet = Sheet::new(SHEET)?;
    for (col, (label, _)) in (0..).zip(COLUMNS) {
        sheet.text(0, col, label, &formats.header)?;
    }
    let owed = report.rows.iter().flat_map(|item| {
        item.cells.iter().zip(&report.units).filter_map(move |(cell, unit)| Some((item, unit, cell.as_ref()?)))
    });
    let mut last = 0;
    for (r, (item, unit, cell)) in (1..).zip(owed) {
        sheet.text(r, 0, item.code.as_deref().unwrap_or(""), &formats.center)?;
        sheet.text(r, 1, &item.text, &formats.text)?;
        sheet.text(r, 2, unit, &formats.text)?;
        write_actual(&mut sheet, r, 3, cell, formats)?;
        sheet.text(r, 4, cell.status.label_vi(), formats.status(cell.status))?;
        sheet.text(r, 5, &cell.comment, &formats.text)?;
        last = r;
    }
    sheet.widths((0..).zip(COLUMNS.map(|(_, w)| w)))?;
    let last_col = COLUMNS.len() as u16 - 1;
    sheet.set("autofilter", |ws| ws.autofilter(0, 0, last, last_col))?;
    sheet.set("frozen panes", |ws| ws.set_freeze_panes(1, 2))?;
    sheet.print_setup((0, 0))?;
    Ok(sheet)
}
