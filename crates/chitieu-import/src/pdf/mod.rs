//! PDF documents, read natively: the text layer's words and ruling lines (hayro-interpret), or
//! OCR of scanned pages (Tesseract), into pages ([`page::Page`]) and from those into the
//! blocks every reader produces ([`layout`]).

pub mod page;
