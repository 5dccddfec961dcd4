//! chitieu-import's integration tests, one binary: every reader against real documents (the
//! seeds, the Hà Nội sample, .docx/.xlsx and PDF fixtures, scans) and against hostile ones.

mod bad_input;
mod office_fixtures;
mod office_safety;
mod page_breaks;
mod pdf_bad_input;
mod pdf_corpus;
mod pdf_letter;
mod pdf_native;
mod registry_seeds;
mod samples;
mod scan;
mod seeds;
mod table_shapes;
