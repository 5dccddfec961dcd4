//! Why a document could not be read. Every variant names the file; those about a place in it
//! name the line, and all say what was expected.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{file}: the file is empty; expected a plan document (.pdf, .docx, .xlsx, .txt or .md)")]
    Empty { file: String },
    #[error("{file}: not a plan document: {detail}")]
    NotADocument { file: String, detail: String },
    #[error("{file}: line {line}: {detail}")]
    Encoding { file: String, line: usize, detail: String },
    #[error("{file}: damaged {format} file: {detail}")]
    Corrupt { file: String, format: &'static str, detail: String },
    #[error("{file}: {what} is larger than the {limit}-byte limit; refusing to read it")]
    TooLarge { file: String, what: String, limit: u64 },
    #[error(
        "{file}: no plan found: expected a table whose header names the content column \
         (\"Chỉ tiêu\", \"Nội dung\", \"Nhiệm vụ\") or a narrative plan with a \"Mục tiêu cụ thể\" part"
    )]
    NoPlan { file: String },
    #[error("{file}: the document has {pages} pages, more than the {limit} a plan can have; refusing to read it")]
    TooManyPages { file: String, pages: usize, limit: usize },
    /// A scanned page that OCR could not read (Tesseract missing or failing).
    #[error("{file}: page {page} is a scan and could not be read by OCR: {detail}")]
    Ocr { file: String, page: usize, detail: String },
    /// A unit-registry file (CSV or workbook) as a whole is not one.
    #[error("{file}: not a unit registry: {detail}")]
    NotARegistry { file: String, detail: String },
    /// A row or the header of a unit-registry file.
    #[error("{file}: line {line}: {detail}")]
    Registry { file: String, line: usize, detail: String },
}
