//! Plan documents into structured plans: bytes → [`Block`]s (one reader per format) → [`Plan`].
//! Column roles come from header words, never from a fixed layout per file; every item keeps
//! the line it came from, and whatever the reader cannot settle becomes a warning, not a loss.

mod block;
mod code;
mod decode;
mod docx;
mod error;
mod header;
mod markup;
mod narrative;
mod office;
pub mod pdf;
mod preamble;
mod regime;
pub mod registry;
mod table;
mod text;
mod units;
mod xlsx;

use chitieu_core::{Deadline, Plan, Source, Warning};

pub use block::Block;
pub use error::ImportError;
pub use markup::plain;
pub use units::split_units;

/// The formats the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: text extracted from PDF (tab-separated tables) or markdown.
    Text,
    Docx,
    /// .xlsx (and the other workbooks calamine reads: .xlsm, .xls, .ods).
    Workbook,
    /// PDF, with a text layer or scanned.
    Pdf,
}

impl Format {
    /// The format from the content, with the file's extension to settle zip containers.
    pub fn detect(file: &str, bytes: &[u8]) -> Format {
        let ext = std::path::Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let zip = bytes.starts_with(b"PK\x03\x04");
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        match ext.as_str() {
            _ if pdf::is_pdf(bytes) => Format::Pdf,
            "docx" => Format::Docx,
            "xlsx" | "xlsm" | "xls" | "ods" => Format::Workbook,
            _ if zip && contains(b"word/document.xml") => Format::Docx,
            _ if zip && (contains(b"xl/workbook") || contains(b"content.xml")) => Format::Workbook,
            _ if ole => Format::Workbook,
            _ => Format::Text,
        }
    }
}

/// Reads a plan document. `file` names it in the plan and in every error.
pub fn read_plan(file: &str, bytes: &[u8]) -> Result<Plan, ImportError> {
    read_plan_with_progress(file, bytes, &mut |_| {})
}

/// Reads a plan document, telling `progress` after each page of a PDF (OCR of a scan takes
/// seconds a page).
pub fn read_plan_with_progress(
    file: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(pdf::Progress),
) -> Result<Plan, ImportError> {
    let document = read_document(file, bytes, progress)?;
    let name = std::path::Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
    let mut plan = build_plan(name, bytes, &document.blocks)?;
    if let Some(layout) = &document.pdf {
        // A line of a PDF is one of its layout's (`chitieu parse --format layout`): name the page too.
        for warning in &mut plan.warnings {
            if let Some(page) = warning.line.and_then(|line| layout.page_of(line)) {
                warning.message = format!("page {page}: {}", warning.message);
            }
        }
    }
    plan.warnings.extend(document.warnings);
    Ok(plan)
}

/// A document read into blocks, before any plan is made of them.
#[derive(Debug)]
struct Document {
    blocks: Vec<Block>,
    warnings: Vec<Warning>,
    /// For a PDF, its layout (each line's page).
    pdf: Option<pdf::layout::Layout>,
}

fn read_document(file: &str, bytes: &[u8], progress: &mut dyn FnMut(pdf::Progress)) -> Result<Document, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    let blocks = match Format::detect(file, bytes) {
        Format::Text => text::blocks(&decode::decode(file, bytes)?),
        Format::Docx => docx::read_blocks(file, bytes)?,
        Format::Workbook => xlsx::read_blocks(file, bytes)?,
        Format::Pdf => {
            let read = pdf::read(file, bytes, progress)?;
            let mut layout = read.layout;
            let blocks = std::mem::take(&mut layout.blocks);
            return Ok(Document { blocks, warnings: read.warnings, pdf: Some(layout) });
        }
    };
    Ok(Document { blocks, warnings: Vec::new(), pdf: None })
}

/// The document as the reader sees it, one line per block with the line numbers warnings and
/// items use: paragraphs as they are, table rows with their cells joined by tabs, an empty line
/// where a new table starts. For a PDF it shows what was read from the page.
pub fn layout_text(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let document = read_document(file, bytes, &mut |_| {})?;
    let mut out = String::new();
    let mut next = 1;
    for block in &document.blocks {
        while next < block.line() {
            out.push('\n');
            next += 1;
        }
        match block {
            Block::Paragraph { text, .. } => out.push_str(text),
            Block::Row { cells, .. } => {
                let cells: Vec<String> = cells.iter().map(|c| c.replace(['\n', '\t'], " ")).collect();
                out.push_str(&cells.join("\t"));
            }
            Block::Table { .. } => {}
        }
        out.push('\n');
        next = block.line() + 1;
    }
    Ok(out)
}

/// Builds the plan from a document's blocks: its table if it has one, else its narrative.
fn build_plan(file: &str, bytes: &[u8], blocks: &[Block]) -> Result<Plan, ImportError> {
    let (preamble, mut years, items, mut warnings) = if let Some(t) = table::read_table(blocks) {
        (t.preamble, t.years, t.items, t.warnings)
    } else if let Some(n) = narrative::read_narrative(blocks) {
        (n.preamble, Vec::new(), n.items, n.warnings)
    } else {
        return Err(ImportError::NoPlan { file: file.into() });
    };
    let title = preamble::title(&preamble);
    if years.is_empty() {
        years.extend(preamble::year(&title, &preamble).or_else(|| deadline_year(&items)));
    }
    let sentences: Vec<(usize, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { line, text } => Some((*line, plain(text))),
            Block::Row { .. } | Block::Table { .. } => None,
        })
        .collect();
    let regime = regime::read_regime(&sentences);
    if items.is_empty() {
        warnings.push(Warning::file("the table has a header but no rows"));
    }
    warnings.sort_by_key(|w| w.line);
    Ok(Plan {
        source: Source { file: file.to_owned(), sha256: sha256_hex(bytes) },
        title,
        years,
        regime,
        warnings,
        items,
    })
}

/// The year most deadlines fall in, for plans whose title names none.
fn deadline_year(items: &[chitieu_core::Item]) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for item in items {
        if let Some(
            Deadline::Month { year, .. }
            | Deadline::Quarter { year, .. }
            | Deadline::Year { year }
            | Deadline::Date { year, .. },
        ) = &item.deadline
        {
            *counts.entry(*year).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(year, n)| (n, std::cmp::Reverse(year))).map(|(year, _)| year)
}

pub use chitieu_core::digest::sha256_hex;

/// The document as text, for a text document (so every item's line can be shown beside it);
/// `None` for binary formats (.docx, .xlsx, .pdf).
pub fn source_text<'a>(name: &str, bytes: &'a [u8]) -> Option<&'a str> {
    std::str::from_utf8(bytes).ok().filter(|_| Format::detect(name, bytes) == Format::Text)
}
