//! chitieu's consolidated report of a plan and period as file bytes: an .xlsx workbook in the
//! appendix layout and an A4 PDF with Vietnamese fonts embedded; and a plan's own appendix
//! table as a PDF. Plain data in, bytes out: no database, no HTTP, no clock.

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

/// A plan's appendix as an A4 landscape PDF: its title, then one ruled table (STT, the item's
/// words, unit, targets as written, one column per year when the plan sets them by year, the
/// units that monitor, direct, lead and coordinate, the deadline) whose header repeats on every
/// page and whose rows are cut between lines only when a page cannot hold them.
pub fn plan_pdf(plan: &chitieu_core::Plan) -> Result<Vec<u8>, ExportError> {
    pdf::plan_document(plan)
}
