//! .docx documents into blocks: the main document part's body in reading order, each
//! non-empty paragraph a [`Block::Paragraph`] (bold runs kept as `**…**`), each row of a table
//! a [`Block::Row`] with one cell per grid column; merged cells are settled by
//! [`crate::office::grid`]: a cell spanning columns (`w:gridSpan`) keeps its text in its first
//! column, a cell merged down (`w:vMerge`) is empty where it continues in the header (the
//! first row and the rows its merges reach, or the rows marked to repeat as header) and
//! repeats its text in body rows. A cell's paragraphs, and the text of tables nested in it,
//! are joined with spaces; tabs and line breaks are spaces, white space is folded.
//!
//! Runs in a legacy Vietnamese font name their encoding: `.Vn…` fonts are TCVN3 (`.Vn…H`, the
//! capitals fonts, upper-cased), `VNI-…` fonts VNI; their text is converted to Unicode.
//!
//! Lines: a .docx has none, so a block's line is its 1-based place among the blocks this
//! reader gives (empty paragraphs are skipped; every table row counts): "line 12" is the
//! twelfth paragraph-or-row of the document.

use std::fmt::Write as _;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::decode::{Legacy, to_unicode};
use crate::office::archive::{Archive, corrupt};
use crate::office::grid::{self, Slot};
use crate::{Block, ImportError};

const FORMAT: &str = ".docx";
const WORD: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Word allows 63 columns; wider rows are cut here so a forged `w:gridSpan` stays cheap.
const MAX_COLUMNS: usize = 256;

pub(crate) fn read_blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut archive = Archive::open(file, FORMAT, bytes)?;
    let part = main_part(&mut archive)?;
    let xml =
        archive.read(&part)?.ok_or_else(|| corrupt(file, FORMAT, format!("{part} missing: not a Word document")))?;
    let xml = std::str::from_utf8(&xml).map_err(|e| corrupt(file, FORMAT, format!("{part} is not UTF-8 text: {e}")))?;
    Body::default().read(xml).map_err(|(at, e)| corrupt(file, FORMAT, format!("{part}: XML error at byte {at}: {e}")))
}

/// The main document part: the package relationship of type officeDocument, else the usual name.
fn main_part(archive: &mut Archive<'_>) -> Result<String, ImportError> {
    let fallback = "word/document.xml".to_owned();
    let Some(rels) = archive.read("_rels/.rels")? else {
        return Ok(fallback);
    };
    let Ok(rels) = std::str::from_utf8(&rels) else {
        return Ok(fallback);
    };
    let mut reader = NsReader::from_str(rels);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let kind = attribute(&e, "Type").unwrap_or_default();
                if kind.ends_with("/officeDocument")
                    && let Some(target) = attribute(&e, "Target")
                {
                    return Ok(target.trim_start_matches('/').to_owned());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(fallback)
}

/// An element's attribute by local name ("w:val" → `val`), unescaped.
fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(std::borrow::Cow::into_owned))
}

/// A `w:val` that switches a property off.
fn is_off(e: &BytesStart<'_>) -> bool {
    attribute(e, "val").is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"))
}

fn number(e: &BytesStart<'_>) -> usize {
    attribute(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1).min(MAX_COLUMNS)
}

/// A run's legacy font: its encoding, and whether it shows capitals only (`.VnTimeH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LegacyFont {
    legacy: Legacy,
    capitals: bool,
}

/// The legacy font a `w:rFonts` names, if it names one.
fn legacy_font(e: &BytesStart<'_>) -> Option<LegacyFont> {
    let name = attribute(e, "ascii").or_else(|| attribute(e, "hAnsi"))?;
    let name = name.trim();
    if name.starts_with(".Vn") {
        Some(LegacyFont { legacy: Legacy::Tcvn3, capitals: name.ends_with('H') })
    } else if name.to_ascii_uppercase().starts_with("VNI-") {
        Some(LegacyFont { legacy: Legacy::Vni, capitals: false })
    } else {
        None
    }
}

/// How a cell takes part in a merge down.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Merge {
    #[default]
    None,
    Continue,
}

#[derive(Debug, Default)]
struct Cell {
    text: String,
    span: usize,
    merge: Merge,
    /// Legacy `w:hMerge` continuation: the cell is covered from the left.
    spanned: bool,
}

#[derive(Debug, Default)]
struct Row {
    slots: Vec<Slot>,
    header: bool,
    after: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Slot>>,
    /// Rows marked to repeat as header (`w:tblHeader`).
    marked: Vec<bool>,
    grid_columns: usize,
}

/// The reader's state while it walks document.xml.
#[derive(Debug, Default)]
struct Body {
    blocks: Vec<Block>,
    /// Open tables: `true` for a table read as a grid, `false` for one nested in a cell or a
    /// text box, whose text is flattened into what holds it.
    tables: Vec<bool>,
    table: Table,
    row: Option<Row>,
    cell: Option<Cell>,
    /// Open paragraphs (a text box puts paragraphs inside a paragraph).
    paragraphs: usize,
    /// The body paragraph being read, as runs of (text, bold).
    runs: Vec<(String, bool)>,
    runs_open: usize,
    in_run_properties: bool,
    bold: bool,
    /// The open run's legacy font, if it has one.
    font: Option<LegacyFont>,
    in_text: bool,
}

impl Body {
    fn read(mut self, xml: &str) -> Result<Vec<Block>, (u64, quick_xml::Error)> {
        let mut reader = NsReader::from_str(xml.trim_start_matches('\u{feff}'));
        loop {
            let (ns, event) = match reader.read_resolved_event() {
                Ok((ResolveResult::Bound(ns), event)) if WORD.contains(&ns.as_ref()) => (Ns::Word, event),
                Ok((ResolveResult::Bound(ns), event)) if ns.as_ref() == COMPATIBILITY => (Ns::Compatibility, event),
                Ok((_, event)) => (Ns::Other, event),
                Err(e) => return Err((reader.error_position(), e)),
            };
            match event {
                Event::Start(e) => {
                    let local = e.local_name();
                    let skip = match ns {
                        Ns::Compatibility => local.as_ref() == "Fallback",
                        Ns::Word => {
                            matches!(
                                local.as_ref(),
                                "moveFrom"
                                    | "del"
                                    | "instrText"
                                    | "delText"
                                    | "pPrChange"
                                    | "rPrChange"
                                    | "tcPrChange"
                                    | "trPrChange"
                                    | "tblPrChange"
                            )
                        }
                        Ns::Other => false,
                    };
                    if skip {
                        reader.read_to_end(e.name()).map_err(|err| (reader.error_position(), err))?;
                    } else if ns == Ns::Word {
                        self.start(local.as_ref(), &e);
                    }
                }
                Event::Empty(e) if ns == Ns::Word => {
                    self.start(e.local_name().as_ref(), &e);
                    self.end(e.local_name().as_ref());
                }
                Event::End(e) if ns == Ns::Word => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text => self.push_text(&t.xml10_content()),
                Event::CData(t) if self.in_text => self.push_text(&t.xml10_content()),
                Event::GeneralRef(r) if self.in_text => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => resolve_xml_entity(&r.xml10_content()).map(str::to_owned),
                    };
                    self.push_text(resolved.as_deref().unwrap_or_default());
                }
                Event::Eof => return Ok(self.blocks),
                _ => {}
            }
        }
    }

    /// Whether tr/tc/tcPr elements belong to the grid table (not to one nested in it).
    fn at_grid(&self) -> bool {
        self.tables == [true]
    }

    fn start(&mut self, local: &str, e: &BytesStart<'_>) {
        match local {
            "p" => self.paragraphs += 1,
            "r" => {
                self.runs_open += 1;
                self.bold = false;
                self.font = None;
            }
            "rPr" if self.runs_open > 0 => self.in_run_properties = true,
            "b" if self.in_run_properties => self.bold = !is_off(e),
            "rFonts" if self.in_run_properties => self.font = legacy_font(e),
            // TCVN3's "ư" is the soft hyphen's byte, which Word keeps as an element.
            "softHyphen" if self.runs_open > 0 && self.font.is_some_and(|f| f.legacy == Legacy::Tcvn3) => {
                self.push_text("\u{AD}");
            }
            "t" => self.in_text = true,
            "tab" | "br" | "cr" if self.runs_open > 0 => self.push(" "),
            "noBreakHyphen" if self.runs_open > 0 => self.push("-"),
            "tbl" => {
                let grid = self.tables.is_empty() && self.paragraphs == 0;
                if grid {
                    self.table = Table::default();
                }
                self.tables.push(grid);
            }
            "gridCol" if self.at_grid() => self.table.grid_columns += 1,
            "tr" if self.at_grid() => self.row = Some(Row::default()),
            "tblHeader" if self.at_grid() && self.cell.is_none() => {
                if let Some(row) = &mut self.row {
                    row.header = !is_off(e);
                }
            }
            "gridBefore" if self.at_grid() && self.cell.is_none() => {
                if let Some(row) = &mut self.row {
                    row.slots.extend(std::iter::repeat_n(Slot::Text(String::new()), number(e)));
                }
            }
            "gridAfter" if self.at_grid() && self.cell.is_none() => {
                if let Some(row) = &mut self.row {
                    row.after = number(e);
                }
            }
            "tc" if self.at_grid() => {
                self.cell = Some(Cell { span: 1, ..Cell::default() });
            }
            "gridSpan" if self.at_grid() => {
                if let Some(cell) = &mut self.cell {
                    cell.span = number(e).max(1);
                }
            }
            "vMerge" if self.at_grid() => {
                if let Some(cell) = &mut self.cell {
                    let restart = attribute(e, "val").is_some_and(|v| v == "restart");
                    cell.merge = if restart { Merge::None } else { Merge::Continue };
                }
            }
            "hMerge" if self.at_grid() => {
                if let Some(cell) = &mut self.cell {
                    cell.spanned = attribute(e, "val").is_none_or(|v| v != "restart");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "t" => self.in_text = false,
            "rPr" => self.in_run_properties = false,
            "r" => self.runs_open = self.runs_open.saturating_sub(1),
            "p" => {
                self.paragraphs = self.paragraphs.saturating_sub(1);
                if self.cell.is_some() || self.paragraphs > 0 {
                    self.push(" ");
                } else {
                    self.end_paragraph();
                }
            }
            "tc" if self.at_grid() => self.end_cell(),
            "tc" => self.push(" "),
            "tr" if self.at_grid() => self.end_row(),
            "tbl" => {
                let grid = self.tables.pop();
                if grid == Some(true) {
                    self.end_table();
                }
            }
            _ => {}
        }
    }

    /// Text of a run as written, converted to Unicode when the run's font is a legacy one.
    fn push_text(&mut self, text: &str) {
        match self.font {
            Some(font) => {
                let unicode = to_unicode(text, font.legacy);
                self.push(&if font.capitals { unicode.to_uppercase() } else { unicode });
            }
            None => self.push(text),
        }
    }

    /// Text of the current run: into the open grid cell, else into the open paragraph.
    fn push(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.text.push_str(text);
        } else if self.paragraphs > 0 {
            let bold = self.bold && self.runs_open > 0;
            match self.runs.last_mut() {
                Some((last, b)) if *b == bold => last.push_str(text),
                _ => self.runs.push((text.to_owned(), bold)),
            }
        }
    }

    fn end_paragraph(&mut self) {
        let mut text = String::new();
        for (run, bold) in self.runs.drain(..) {
            let words = run.trim();
            if bold && !words.is_empty() {
                let lead = &run[..run.len() - run.trim_start().len()];
                let trail = &run[run.trim_end().len()..];
                let _ = write!(text, "{lead}**{words}**{trail}");
            } else {
                text.push_str(&run);
            }
        }
        let text = chitieu_core::text::clean(&text);
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph { line: self.blocks.len() + 1, text });
        }
    }

    fn end_cell(&mut self) {
        let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) else {
            return;
        };
        let first = if cell.spanned {
            Slot::Spanned
        } else if cell.merge == Merge::Continue {
            Slot::Continued
        } else {
            Slot::Text(chitieu_core::text::clean(&cell.text))
        };
        row.slots.push(first);
        row.slots.extend(std::iter::repeat_n(Slot::Spanned, cell.span - 1));
        row.slots.truncate(MAX_COLUMNS);
    }

    fn end_row(&mut self) {
        let Some(mut row) = self.row.take() else {
            return;
        };
        row.slots.extend(std::iter::repeat_n(Slot::Text(String::new()), row.after));
        row.slots.truncate(MAX_COLUMNS);
        self.table.marked.push(row.header);
        self.table.rows.push(row.slots);
    }

    fn end_table(&mut self) {
        let mut table = std::mem::take(&mut self.table);
        // Every row as wide as the declared grid (or the widest row when none is declared).
        let widest = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        let width = if table.grid_columns == 0 { widest } else { table.grid_columns.min(MAX_COLUMNS) };
        for row in &mut table.rows {
            row.resize(width, Slot::Text(String::new()));
        }
        let marked = table.marked.iter().take_while(|m| **m).count();
        let header = grid::header_rows(&table.rows, 0);
        let header = 0..header.end.max(marked);
        for cells in grid::resolve(table.rows, &header) {
            self.blocks.push(Block::Row { line: self.blocks.len() + 1, cells });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Word,
    Compatibility,
    Other,
}
