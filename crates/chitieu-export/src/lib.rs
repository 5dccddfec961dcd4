//! chitieu's consolidated report of a plan and period as file bytes: an .xlsx workbook in the
//! appendix layout and an A4 PDF with Vietnamese fonts embedded. Plain data in, bytes out: no
//! database, no HTTP, no clock.

mod error;
mod headings;
mod pdf;
mod report;
mod tone;
mod xlsx;

pub use error::ExportError;
pub use report::{ConsolidatedReport, ReportRow, RowKind, UnitCell, UnitReporting};

/// The report as an .xlsx workbook: sheets "Tổng hợp" (the appendix layout), "Theo đơn vị"
/// (one row per item and unit) and "Tình hình báo cáo" (reports expected, received, on time).
pub fn xlsx(report: &ConsolidatedReport) -> Result<Vec<u8>, ExportError> {
    report.check()?;
    xlsx::workbook(report)
}

/// The report as an A4 landscape PDF: the reporting summary, then per item its row and one
/// sub-row per unit that owes it; `DejaVu Sans` embedded, plan and period atop every page.
pub fn pdf(report: &ConsolidatedReport) -> Result<Vec<u8>, ExportError> {
    report.check()?;
    pdf::document(report)
}
