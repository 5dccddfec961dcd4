//! PDF documents, read natively: the text layer's words and ruling lines (hayro-interpret), or
//! OCR of scanned pages (Tesseract), into pages ([`page::Page`]) and from those into the
//! blocks every reader produces ([`layout`]).
//!
//! A page is read by OCR when its text layer is empty while an image covers it (a scan), or
//! when its fonts map most glyphs to no character. Hostile files are bounded: the page count
//! is capped, a panic inside the PDF library is caught, and every failure names the file.

mod bombs;
pub mod extract;
pub mod layout;
pub mod page;
pub mod scan;

use chitieu_core::Warning;
use hayro_interpret::InterpreterCache;
use hayro_syntax::{LoadPdfError, Pdf};

use crate::ImportError;
use layout::Layout;
use page::Page;

/// More pages than any plan has; a file claiming more is refused before any page is read.
pub const MAX_PAGES: usize = 2_000;
/// Words with an OCR confidence below this become warnings.
pub const LOW_CONFIDENCE: f32 = 60.0;

/// How far reading a document has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Pages read so far.
    pub done: usize,
    pub pages: usize,
    /// Whether the page just read was a scan read by OCR.
    pub ocr: bool,
}

/// A PDF's layout and what the reader noticed on the way.
#[derive(Debug, Default)]
pub struct Read {
    pub layout: Layout,
    pub warnings: Vec<Warning>,
    /// Pages read by OCR.
    pub scanned: Vec<usize>,
}

/// Whether the bytes are a PDF (its header may follow a little junk, as readers allow).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.len() >= 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF into blocks, calling `progress` after each page.
pub fn read(file: &str, bytes: &[u8], progress: &mut dyn FnMut(Progress)) -> Result<Read, ImportError> {
    let corrupt = |detail: String| ImportError::Corrupt { file: file.into(), format: "PDF", detail };
    bombs::check(bytes).map_err(|inflated| ImportError::TooLarge {
        file: file.into(),
        what: format!("a compressed stream that inflates past {} MiB", inflated >> 20),
        limit: bombs::STREAM_LIMIT,
    })?;
    let data = bytes.to_vec();
    let pdf = std::panic::catch_unwind(move || Pdf::new(data))
        .map_err(|_| corrupt("the PDF library could not parse it".into()))?
        .map_err(|e| match e {
            LoadPdfError::Decryption(hayro_syntax::DecryptionError::PasswordProtected) => ImportError::NotADocument {
                file: file.into(),
                detail: "the PDF is protected by a password; expected an unprotected PDF (open it and save a copy \
                         without a password)"
                    .into(),
            },
            LoadPdfError::Decryption(e) => ImportError::NotADocument {
                file: file.into(),
                detail: format!(
                    "the PDF is encrypted in a way that cannot be read ({e:?}); expected an unprotected PDF"
                ),
            },
            LoadPdfError::Invalid => {
                corrupt("no readable cross-reference table or page tree; expected a complete PDF file".into())
            }
        })?;
    let pages = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pdf.pages().len()))
        .map_err(|_| corrupt("its page tree could not be read".into()))?;
    if pages == 0 {
        return Err(corrupt("it has no pages; expected a plan with at least one page".into()));
    }
    if pages > MAX_PAGES {
        return Err(ImportError::TooManyPages { file: file.into(), pages, limit: MAX_PAGES });
    }
    let mut read = Read::default();
    if !ends_whole(bytes) {
        read.warnings.push(Warning::file(
            "the file does not end as a PDF ends (no %%EOF): it may be cut short; what could be read is shown, \
             check it against the original",
        ));
    }
    let mut read_pages: Vec<Page> = Vec::with_capacity(pages);
    let cache = InterpreterCache::new();
    let mut ocr_checked = false;
    for (i, pdf_page) in pdf.pages().iter().enumerate() {
        let number = i + 1;
        let content = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            extract::read_page(pdf_page, number, &cache, pdf.xref())
        }))
        .map_err(|_| corrupt(format!("page {number} could not be read")))?;
        let letters = content.page.words.iter().map(|w| w.text.chars().count()).sum::<usize>();
        let scanned = letters < 20 && content.image_cover > 0.3;
        let unreadable = content.glyphs >= 20 && content.unmapped * 2 > content.glyphs;
        if unreadable && !scanned {
            read.warnings.push(Warning::file(format!(
                "page {number}: {} of {} characters are in a font without a Unicode map; the page is read by OCR",
                content.unmapped, content.glyphs
            )));
        } else if content.unmapped > 0 {
            read.warnings.push(Warning::file(format!(
                "page {number}: {} characters are in a font without a Unicode map and are left out",
                content.unmapped
            )));
        }
        let page = if scanned || unreadable {
            if !ocr_checked {
                scan::ocr_available().map_err(|e| ImportError::Ocr {
                    file: file.into(),
                    page: number,
                    detail: e.to_string(),
                })?;
                ocr_checked = true;
            }
            let page =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scan::read_scanned_page(pdf_page, number)))
                    .map_err(|_| corrupt(format!("page {number} could not be rendered for OCR")))?
                    .map_err(|e| ImportError::Ocr { file: file.into(), page: number, detail: e.to_string() })?;
            read.scanned.push(number);
            page
        } else {
            content.page
        };
        read_pages.push(page);
        progress(Progress { done: number, pages, ocr: scanned || unreadable });
    }
    read.layout = layout::layout(&read_pages);
    read.warnings.extend(low_confidence(&read_pages));
    Ok(read)
}

/// Whether the file ends with the "%%EOF" a complete PDF ends with (a little junk after it is
/// allowed, as readers allow it).
fn ends_whole(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// One warning per page with words OCR was unsure of, naming the first few.
fn low_confidence(pages: &[Page]) -> Vec<Warning> {
    pages
        .iter()
        .filter_map(|page| {
            let unsure: Vec<&str> = page
                .words
                .iter()
                .filter(|w| w.confidence.is_some_and(|c| c < LOW_CONFIDENCE))
                .map(|w| w.text.as_str())
                .collect();
            (!unsure.is_empty()).then(|| {
                let shown: Vec<String> = unsure.iter().take(8).map(|w| format!("\"{w}\"")).collect();
                Warning::file(format!(
                    "page {}: OCR is unsure of {} words ({}{}); check them against the scan",
                    page.number,
                    unsure.len(),
                    shown.join(", "),
                    if unsure.len() > 8 { ", …" } else { "" }
                ))
            })
        })
        .collect()
}
