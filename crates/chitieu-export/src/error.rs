//! Why a report could not be exported: the report's shape (naming the row or unit at fault) or
//! the writer underneath (naming the sheet and cell, or the PDF step).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExportError {
    /// A row whose unit cells do not match the report's unit columns.
    #[error(
        "row {row} (plan line {line}, \"{text}\"): {found} unit cells for {expected} unit columns; \
         expected one cell (or None) per unit"
    )]
    CellCount { row: usize, line: usize, text: String, found: usize, expected: usize },
    /// A result whose number is NaN or infinite.
    #[error("plan line {line} (\"{text}\"): the result number {value} is not a finite number")]
    NotANumber { line: usize, text: String, value: f64 },
    /// A unit's reporting counts that cannot all be true.
    #[error("reporting of \"{unit}\": {detail}")]
    Reporting { unit: String, detail: String },
    /// The spreadsheet writer refused a cell or the workbook.
    #[error("writing the .xlsx at {place}: {source}")]
    Xlsx {
        place: String,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// The PDF writer refused the document.
    #[error("writing the PDF: {detail}")]
    Pdf { detail: String },
}
