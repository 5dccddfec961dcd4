//! The consolidated report as an .xlsx workbook: the appendix layout ("Tổng hợp"), the long form
//! that filters well ("Theo đơn vị") and how each unit reported ("Tình hình báo cáo").

mod by_unit;
mod formats;
mod number_format;
mod reporting;
mod summary;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError, utility::row_col_to_cell};

use crate::error::ExportError;
use crate::report::ConsolidatedReport;
use formats::Formats;

/// The workbook's bytes.
pub(crate) fn workbook(report: &ConsolidatedReport) -> Result<Vec<u8>, ExportError> {
    let mut formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(report));
    for sheet in [
        summary::sheet(report, &mut formats)?,
        by_unit::sheet(report, &mut formats)?,
        reporting::sheet(report, &formats)?,
    ] {
        workbook.push_worksheet(sheet.into_worksheet());
    }
    workbook.save_to_buffer().map_err(|source| ExportError::Xlsx { place: "the workbook".to_owned(), source })
}

/// The workbook's title and subject, and as its creation date the day of judgement (so the same
/// report gives the same bytes, whatever the clock says).
fn properties(report: &ConsolidatedReport) -> DocProperties {
    let properties = DocProperties::new()
        .set_title(&report.plan_title)
        .set_subject(format!("Báo cáo tổng hợp — {}", report.period_label));
    match day(&report.as_of) {
        Some(day) => properties.set_creation_datetime(&day),
        None => properties,
    }
}

/// A dd/mm/yyyy date.
fn day(text: &str) -> Option<ExcelDateTime> {
    let mut parts = text.trim().split('/');
    let day = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let year = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// A worksheet being written, whose errors name the sheet and cell they happened at.
pub(super) struct Sheet {
    name: &'static str,
    worksheet: Worksheet,
}

impl Sheet {
    fn new(name: &'static str) -> Result<Sheet, ExportError> {
        let mut worksheet = Worksheet::new();
        worksheet.set_name(name).map_err(|source| ExportError::Xlsx { place: format!("sheet \"{name}\""), source })?;
        Ok(Sheet { name, worksheet })
    }

    fn into_worksheet(self) -> Worksheet {
        self.worksheet
    }

    /// The writer's answer for one cell, its error naming the sheet and cell.
    fn at(&self, row: u32, col: u16, result: Result<(), XlsxError>) -> Result<(), ExportError> {
        result.map_err(|source| ExportError::Xlsx {
            place: format!("{}!{}", self.name, row_col_to_cell(row, col)),
            source,
        })
    }

    /// Text, or a formatted blank when `text` is empty.
    fn text(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), ExportError> {
        let result = self.worksheet.write_string_with_format(row, col, text, format).map(|_| ());
        self.at(row, col, result)
    }

    fn number(&mut self, row: u32, col: u16, number: f64, format: &Format) -> Result<(), ExportError> {
        let result = self.worksheet.write_number_with_format(row, col, number, format).map(|_| ());
        self.at(row, col, result)
    }

    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), ExportError> {
        let result = self.worksheet.write_blank(row, col, format).map(|_| ());
        self.at(row, col, result)
    }

    fn merge(&mut self, first: (u32, u16), last: (u32, u16), text: &str, format: &Format) -> Result<(), ExportError> {
        let result = self.worksheet.merge_range(first.0, first.1, last.0, last.1, text, format).map(|_| ());
        self.at(first.0, first.1, result)
    }

    /// A page or view setting; `what` names it in an error.
    fn set(
        &mut self,
        what: &str,
        setting: impl FnOnce(&mut Worksheet) -> Result<&mut Worksheet, XlsxError>,
    ) -> Result<(), ExportError> {
        setting(&mut self.worksheet)
            .map(drop)
            .map_err(|source| ExportError::Xlsx { place: format!("{} ({what})", self.name), source })
    }

    fn widths(&mut self, widths: impl IntoIterator<Item = (u16, f64)>) -> Result<(), ExportError> {
        for (col, width) in widths {
            let result = self.worksheet.set_column_width(col, width).map(|_| ());
            self.at(0, col, result)?;
        }
        Ok(())
    }

    /// A4 landscape with the given rows repeated on every printed page and "Trang x/y" below.
    fn print_setup(&mut self, repeat_rows: (u32, u32)) -> Result<(), ExportError> {
        const A4: u8 = 9;
        self.worksheet.set_landscape().set_paper_size(A4).set_footer("&CTrang &P/&N");
        self.set("repeated header rows", |ws| ws.set_repeat_rows(repeat_rows.0, repeat_rows.1))
    }
}
