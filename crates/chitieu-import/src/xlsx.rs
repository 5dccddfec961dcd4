//! Workbooks (.xlsx, .xlsm; .xls, .xlsb and .ods through calamine's general reader) into
//! blocks: every visible worksheet that holds values, in workbook order, laid out by
//! [`crate::office::sheet`] (lines are sheet row numbers). When several sheets hold values, each
//! after the first opens with a paragraph "Sheet: &lt;name&gt;" at its first line, so a message's line
//! can be matched with the right sheet. Hidden sheets (often lookup lists) are left out.
//!
//! Values as text: whole numbers without ".0" ("100"), other numbers in Rust's shortest form
//! ("0.7"); in .xlsx a cell formatted as a percentage shows as Excel does ("95%" for 0.95);
//! dates as "dd/mm/yyyy" (with " hh:mm" when they hold a time of day); white space is folded.
//!
//! Safety: a zip-based workbook is inflated once through [`Archive`]'s limits before calamine
//! opens it, and .xlsx sheets are streamed cell by cell, never as a dense range, so a sheet
//! naming cell A1 and XFD1048576 costs two cells. Calamine still builds dense ranges for .xls,
//! .xlsb and .ods sheets.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, ExcelDateTime, Reader, SheetType, SheetVisible, Sheets, Xlsx};

use crate::office::archive::{Archive, TOTAL_LIMIT, corrupt};
use crate::office::sheet::{Region, Sheet};
use crate::registry::Row;
use crate::{Block, ImportError};

const FORMAT: &str = "workbook";
/// The signature of an OLE compound file (.xls); every other workbook is a zip archive.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) fn read_blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let sheets = checked_sheets(file, bytes)?;
    let mut blocks = Vec::new();
    for sheet in &sheets {
        let sheet_blocks = sheet.blocks(file)?;
        if let (false, Some(first)) = (blocks.is_empty(), sheet_blocks.first()) {
            blocks.push(Block::Paragraph { line: first.line(), text: format!("Sheet: {}", sheet.name) });
        }
        blocks.extend(sheet_blocks);
    }
    Ok(blocks)
}

/// The first visible worksheet's rows that hold a value: each row's 1-based sheet row number
/// and its non-empty values by 0-based column (merges are not spread). For lists kept in a workbook (the
/// unit registry), read through the same limits as plans.
pub(crate) fn first_sheet_rows(file: &str, bytes: &[u8]) -> Result<Vec<Row>, ImportError> {
    let Some(sheet) = checked_sheets(file, bytes)?.into_iter().next() else { return Ok(Vec::new()) };
    let mut rows: Vec<Row> = Vec::new();
    for ((r, c), text) in sheet.values {
        let line = r as usize + 1;
        if rows.last().is_none_or(|row| row.line != line) {
            rows.push(Row { line, cells: BTreeMap::new() });
        }
        if let Some(row) = rows.last_mut() {
            row.cells.insert(c as usize, text);
        }
    }
    Ok(rows)
}

/// The workbook's sheets, read only once a zip-based workbook has kept to [`Archive`]'s limits.
fn checked_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    match Archive::open(file, FORMAT, bytes) {
        Ok(mut archive) => archive.check_all()?,
        Err(e) if !bytes.starts_with(&COMPOUND_FILE) => return Err(e),
        Err(_) => {}
    }
    // Calamine is a large parser of untrusted bytes: should it panic, the file is damaged.
    std::panic::catch_unwind(|| read_sheets(file, bytes))
        .unwrap_or_else(|_| Err(corrupt(file, FORMAT, "the workbook reader failed on this file".into())))
}

/// The workbook's sheets: .xlsx streamed cell by cell, other formats through calamine.
fn read_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let xlsx_error = match Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => return read_xlsx(file, book),
        Err(e) => e,
    };
    match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(book) => read_other(file, book),
        Err(_) if !bytes.starts_with(&COMPOUND_FILE) => Err(corrupt(file, FORMAT, xlsx_error.to_string())),
        Err(e) => Err(corrupt(file, FORMAT, format!("not an .xls workbook calamine can read ({e})"))),
    }
}

/// The visible worksheets' names, in workbook order.
fn worksheets<R: std::io::Read + std::io::Seek>(book: &impl Reader<R>) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

/// Counts the text kept from a workbook against [`TOTAL_LIMIT`]: shared strings let a small
/// sheet repeat one long text in every cell.
struct Budget<'a> {
    file: &'a str,
    used: u64,
}

impl Budget<'_> {
    fn keep(&mut self, sheet: &mut Sheet, at: (u32, u32), text: String) -> Result<(), ImportError> {
        if text.is_empty() {
            return Ok(());
        }
        self.used += text.len() as u64 + 16;
        if self.used > TOTAL_LIMIT {
            return Err(ImportError::TooLarge {
                file: self.file.into(),
                what: format!("the text of the workbook (at sheet \"{}\")", sheet.name),
                limit: TOTAL_LIMIT,
            });
        }
        sheet.values.insert(at, text);
        Ok(())
    }
}

fn read_xlsx(file: &str, mut book: Xlsx<Cursor<&[u8]>>) -> Result<Vec<Sheet>, ImportError> {
    let error = |e: calamine::XlsxError| corrupt(file, FORMAT, e.to_string());
    let mut budget = Budget { file, used: 0 };
    let mut sheets = Vec::new();
    for name in worksheets(&book) {
        let merges = book.merge_cells_by_sheet_name(&name).map_err(error)?;
        let mut sheet = Sheet { name: name.clone(), merges: regions(&merges), ..Sheet::default() };
        let mut cells = book.worksheet_cells_reader(&name).map_err(error)?;
        while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(error)? {
            let percent = cells.styles().get(style).and_then(|s| s.number_format.as_ref()).is_some_and(is_percent);
            budget.keep(&mut sheet, cell.get_position(), text_of_ref(cell.get_value(), percent))?;
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_other(file: &str, mut book: Sheets<Cursor<&[u8]>>) -> Result<Vec<Sheet>, ImportError> {
    let mut budget = Budget { file, used: 0 };
    let mut sheets = Vec::new();
    for name in worksheets(&book) {
        let range = book.worksheet_range(&name).map_err(|e| corrupt(file, FORMAT, e.to_string()))?;
        let merges = match &book {
            Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut sheet = Sheet { name, merges: regions(&merges), ..Sheet::default() };
        let (top, left) = range.start().unwrap_or_default();
        for (r, c, value) in range.used_cells() {
            budget.keep(&mut sheet, (top + r as u32, left + c as u32), text_of(value))?;
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn regions(merges: &[Dimensions]) -> Vec<Region> {
    merges.iter().map(|d| Region { top: d.start.0, left: d.start.1, bottom: d.end.0, right: d.end.1 }).collect()
}

/// Whether a number format shows percentages: built-in formats 9 and 10, or a `%` that is
/// not quoted or escaped in the format code.
fn is_percent(format: &calamine::NumberFormat) -> bool {
    if matches!(format.format_id, Some(9 | 10)) {
        return true;
    }
    let mut quoted = false;
    let mut escaped = false;
    for c in format.format_code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn text_of_ref(value: &DataRef<'_>, percent: bool) -> String {
    match value {
        DataRef::Float(f) if percent => format!("{}%", number(f * 100.0)),
        DataRef::Int(i) if percent => format!("{}%", i * 100),
        DataRef::SharedString(s) => chitieu_core::text::clean(s),
        DataRef::String(s) => chitieu_core::text::clean(s),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso_date(s),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn text_of(value: &Data) -> String {
    match value {
        Data::String(s) => chitieu_core::text::clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso_date(s),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// 100.0 → "100", 0.7 → "0.7"; a product like 0.95 × 100 is rounded to what it shows.
fn number(f: f64) -> String {
    let rounded = (f * 1e9).round() / 1e9;
    let f = if rounded.is_finite() && (rounded - f).abs() < 1e-9 { rounded } else { f };
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

fn date(value: &ExcelDateTime) -> String {
    if !value.is_datetime() {
        return number(value.as_f64());
    }
    let (year, month, day, hour, minute, second, _) = value.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{day:02}/{month:02}/{year:04}")
    } else {
        format!("{day:02}/{month:02}/{year:04} {hour:02}:{minute:02}")
    }
}

/// "2023-05-31…" (.ods dates) → "31/05/2023"; anything else as it is.
fn iso_date(s: &str) -> String {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.len() == 10
    {
        format!("{}/{}/{}", &s[8..10], &s[5..7], &s[0..4])
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_they_show() {
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.7), "0.7");
        assert_eq!(number(0.95 * 100.0), "95");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(text_of_ref(&DataRef::Float(0.955), true), "95.5%");
        assert_eq!(iso_date("2023-05-31"), "31/05/2023");
        assert_eq!(iso_date("PT1H"), "PT1H");
    }
}
