//! The "Tình hình báo cáo" sheet: per unit the reports expected, received and received on time,
//! the two rates (received and on time, each over expected) and a totals row.

use super::Sheet;
use super::formats::Formats;
use crate::error::ExportError;
use crate::headings::{REPORTING, TOTAL};
use crate::report::{ConsolidatedReport, UnitReporting};

const SHEET: &str = "Tình hình báo cáo";

const WIDTHS: [f64; 7] = [6.0, 40.0, 14.0, 11.0, 13.0, 13.0, 13.0];

pub(super) fn sheet(report: &ConsolidatedReport, formats: &Formats) -> Result<Sheet, ExportError> {
    let mut sheet = Sheet::new(SHEET)?;
    for (col, label) in (0..).zip(REPORTING) {
        sheet.text(0, col, label, &formats.header)?;
    }
    let plain = Style { text: &formats.text, count: &formats.count, percent: &formats.percent };
    let mut r = 1;
    for (n, unit) in (1..).zip(&report.reporting) {
        sheet.number(r, 0, f64::from(n), &formats.center)?;
        write_unit(&mut sheet, r, unit, &plain)?;
        r += 1;
    }
    let bold = Style { text: &formats.total_text, count: &formats.total_count, percent: &formats.total_percent };
    sheet.blank(r, 0, &formats.total_text)?;
    write_unit(&mut sheet, r, &UnitReporting::total(TOTAL, &report.reporting), &bold)?;

    sheet.widths((0..).zip(WIDTHS))?;
    sheet.set("frozen panes", |ws| ws.set_freeze_panes(1, 0))?;
    sheet.print_setup((0, 0))?;
    Ok(sheet)
}

struct Style<'a> {
    text: &'a rust_xlsxwriter::Format,
    count: &'a rust_xlsxwriter::Format,
    percent: &'a rust_xlsxwriter::Format,
}

fn write_unit(sheet: &mut Sheet, r: u32, unit: &UnitReporting, style: &Style) -> Result<(), ExportError> {
    sheet.text(r, 1, &unit.unit, style.text)?;
    for (col, count) in (2..).zip([unit.expected, unit.received, unit.on_time]) {
        sheet.number(r, col, f64::from(count), style.count)?;
    }
    for (col, rate) in (5..).zip([unit.received_rate(), unit.on_time_rate()]) {
        match rate {
            Some(rate) => sheet.number(r, col, rate, style.percent)?,
            None => sheet.blank(r, col, style.percent)?,
        }
    }
    Ok(())
}
