//! chitieu-export's integration tests, one binary: the consolidated report of a small commune and
//! of a whole province, exported as .xlsx (read back cell by cell) and as .pdf (read back as text
//! and through OCR).

mod common;
mod pdf;
mod xlsx;
