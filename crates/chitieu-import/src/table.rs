//! Appendix tables into plan items: finds the header, drops its repeats at page breaks, joins
//! rows cut by a page break, and reads each row by its columns' roles.

use std::collections::HashMap;

use chitieu_core::deadline::{Deadline, read_deadline};
use chitieu_core::target::{read_cell, read_sentence};
use chitieu_core::{Item, ItemKind, Roles, Target, Warning};

use crate::block::Block;
use crate::code::Code;
use crate::header::{Column, Header};
use crate::markup::plain;
use crate::units::split_units;

/// What a table yields: the paragraphs before it (title lines) and its items.
#[derive(Debug)]
pub struct TablePlan {
    pub preamble: Vec<(usize, String)>,
    pub years: Vec<i32>,
    pub items: Vec<Item>,
    pub warnings: Vec<Warning>,
}

/// A table row after page-break repair, before it is read.
#[derive(Debug)]
struct RawRow {
    line: usize,
    cells: Vec<String>,
}

/// Reads the document's tables: each keeps its own header; a table whose header names no plan
/// role (a budget, a list of equipment) yields no items and one warning; with several plan
/// tables under appendix headings ("Phụ lục I", "Phụ lục II"), each heading is its items'
/// section. `None` when no table has a recognisable header.
pub fn read_table(blocks: &[Block]) -> Option<TablePlan> {
    let marked = blocks.iter().any(|b| matches!(b, Block::Table { .. }));
    let tables = find_tables(blocks, marked);
    let first = tables.iter().find(|t| t.header.as_ref().is_some_and(|(h, _)| h.names_a_plan_role()))?;
    let preamble = blocks[..first.header_at]
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { line, text } => Some((*line, plain(text))),
            _ => None,
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let plan_tables = tables.iter().filter(|t| t.header.as_ref().is_some_and(|(h, _)| h.names_a_plan_role())).count();
    let mut warnings = Vec::new();
    let mut items = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for table in &tables {
        let Some((header, used_sub)) = &table.header else {
            if table.rows > 0 {
                warnings.push(Warning::at(
                    blocks[table.start].line(),
                    "a table without a header the reader knows (no \"STT\", \"Nội dung\", \"Đơn vị chủ trì\"…); its rows are not read",
                ));
            }
            continue;
        };
        let header_at = table.header_at;
        if !header.names_a_plan_role() {
            warnings.push(Warning::at(
                blocks[header_at].line(),
                format!(
                    "the table with columns \"{}\" names no unit, deadline or target; it is not part of the plan's items",
                    header.names.iter().filter(|n| !n.is_empty()).cloned().collect::<Vec<_>>().join(" | ")
                ),
            ));
            continue;
        }
        for (column, name) in header.columns.iter().zip(&header.names) {
            if matches!(column, Column::Other(_)) && !name.is_empty() {
                warnings.push(Warning::at(
                    blocks[header_at].line(),
                    format!("column \"{name}\" is not one the reader knows; its cells are kept in the items' notes"),
                ));
            }
        }
        let body_start = header_at + 1 + usize::from(*used_sub);
        let rows = repair_rows(header, &blocks[body_start..table.end], &mut warnings);
        let mut read = read_rows(header, &rows, &mut warnings);
        if plan_tables > 1
            && let Some(appendix) = &table.appendix
        {
            for item in &mut read {
                item.section = Some(match &item.section {
                    Some(inner) => format!("{appendix} / {inner}"),
                    None => appendix.clone(),
                });
            }
        }
        items.extend(read);
        for year in header.years() {
            if !years.contains(&year) {
                years.push(year);
            }
        }
    }
    Some(TablePlan { preamble, years, items, warnings })
}

/// One table of a document: its blocks `start..end`, its header (where and what) if it has one
/// the reader knows, and the appendix heading above it.
#[derive(Debug)]
struct TableSpan {
    start: usize,
    end: usize,
    header_at: usize,
    header: Option<(Header, bool)>,
    rows: usize,
    appendix: Option<String>,
}

/// The document's tables. With table marks (.docx, PDF) each mark starts one, its header among
/// its first rows; a marked table without a header whose width matches the table before goes on
/// from it. Without marks (text) a table starts at each header that is not a repeat of the one
/// before. Text after a table's last row, up to the next table, belongs to none.
fn find_tables(blocks: &[Block], marked: bool) -> Vec<TableSpan> {
    let mut tables: Vec<TableSpan> = Vec::new();
    let mut appendix: Option<String> = None;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Paragraph { text, .. } => {
                let t = plain(text);
                if chitieu_core::text::key(&t).starts_with("phụ lục") {
                    appendix = Some(appendix_label(&t));
                }
            }
            Block::Table { .. } => {
                let end = blocks[i + 1..]
                    .iter()
                    .position(|b| matches!(b, Block::Table { .. }))
                    .map_or(blocks.len(), |p| i + 1 + p);
                let rows_end = blocks[i + 1..end]
                    .iter()
                    .rposition(|b| matches!(b, Block::Row { .. }))
                    .map_or(i + 1, |p| i + 2 + p);
                let rows = blocks[i + 1..rows_end].iter().filter(|b| matches!(b, Block::Row { .. })).count();
                let header = header_within(blocks, i + 1, rows_end, 3);
                let width = blocks[i + 1..rows_end].iter().find_map(|b| match b {
                    Block::Row { cells, .. } => Some(cells.len()),
                    _ => None,
                });
                // A header that repeats the table before's (a scan's column edges shift from page
                // to page, so the layout marks a new table) goes on from it too.
                let repeats_previous = |previous: &TableSpan| {
                    let (Some((at, _)), Some((before, _))) = (&header, &previous.header) else { return false };
                    matches!(&blocks[*at], Block::Row { cells, .. } if before.repeats(0, cells))
                };
                // Only page numbers, running heads or stray marks (a scan's specks read as "°)") between.
                let adjacent = |previous: &TableSpan| {
                    blocks[previous.end.min(i)..i].iter().all(|b| match b {
                        Block::Paragraph { text, .. } => {
                            previous.end < i && (is_page_furniture(text) || !text.chars().any(char::is_alphanumeric))
                        }
                        _ => false,
                    })
                };
                match (&header, tables.last_mut()) {
                    (_, Some(previous))
                        if (previous.end == i || repeats_previous(previous) && adjacent(previous))
                            && (repeats_previous(previous)
                                || header.is_none()
                                    && previous
                                        .header
                                        .as_ref()
                                        .is_some_and(|(h, _)| Some(h.columns.len()) == width)) =>
                    {
                        previous.end = rows_end;
                        previous.rows += rows;
                    }
                    _ => tables.push(TableSpan {
                        start: i,
                        end: rows_end,
                        header_at: header.as_ref().map_or(i, |(at, _)| *at),
                        header: header.map(|(_, h)| h),
                        rows,
                        appendix: appendix.take(),
                    }),
                }
                i = rows_end;
                continue;
            }
            Block::Row { .. } if !marked => {
                if let Some((at, header)) = header_within(blocks, i, blocks.len(), usize::MAX) {
                    // Text before the next table (its heading) belongs to neither.
                    let end = match next_header(blocks, at, &header.0) {
                        Some(next) => blocks[at..next]
                            .iter()
                            .rposition(|b| matches!(b, Block::Row { .. }))
                            .map_or(next, |p| at + p + 1),
                        None => blocks.len(),
                    };
                    let rows = blocks[at..end].iter().filter(|b| matches!(b, Block::Row { .. })).count();
                    tables.push(TableSpan {
                        start: i,
                        end,
                        header_at: at,
                        header: Some(header),
                        rows,
                        appendix: appendix.take(),
                    });
                    i = end;
                    continue;
                }
                break;
            }
            Block::Row { .. } => {}
        }
        i += 1;
    }
    tables
}

/// "Phụ lục II: Danh mục …" → "Phụ lục II".
fn appendix_label(text: &str) -> String {
    let mut words = text.split_whitespace();
    let label: Vec<&str> = words.by_ref().take(3).collect();
    label.join(" ").trim_end_matches([':', '.', ',']).to_owned()
}

/// The first header among the rows `from..to`, looking at no more than `rows` rows.
fn header_within(blocks: &[Block], from: usize, to: usize, rows: usize) -> Option<(usize, (Header, bool))> {
    blocks[from..to].iter().enumerate().filter(|(_, b)| matches!(b, Block::Row { .. })).take(rows).find_map(
        |(offset, block)| {
            let i = from + offset;
            let Block::Row { cells, .. } = block else { return None };
            let next = match blocks.get(i + 1) {
                Some(Block::Row { cells, .. }) => Some(cells.as_slice()),
                _ => None,
            };
            Header::detect(cells, next).map(|h| (i, h))
        },
    )
}

/// Where a second table starts after the header at `at` in a text document: a header with
/// other columns after text that belongs to no table (a heading such as "Phụ lục II"). A
/// repeat of `header` at a page break, or a row between rows, starts none.
fn next_header(blocks: &[Block], at: usize, header: &Header) -> Option<usize> {
    let mut after_text = false;
    for i in at + 2..blocks.len() {
        match &blocks[i] {
            Block::Paragraph { text, .. } => {
                let text = plain(text);
                after_text |= !text.is_empty() && !text.chars().all(|c| c.is_ascii_digit());
            }
            Block::Table { .. } => after_text = true,
            Block::Row { cells, .. } => {
                if !after_text || header.repeats(0, cells) || header.repeats(1, cells) {
                    after_text = false;
                    continue;
                }
                let next = match blocks.get(i + 1) {
                    Some(Block::Row { cells, .. }) => Some(cells.as_slice()),
                    _ => None,
                };
                if Header::detect(cells, next).is_some_and(|(other, _)| other.columns != header.columns) {
                    return Some(i);
                }
                after_text = false;
            }
        }
    }
    None
}

/// Drops repeated headers and page numbers, and joins a row whose number cell is empty to the
/// row before it, cell by cell (a row cut by a page break).
fn repair_rows(header: &Header, blocks: &[Block], warnings: &mut Vec<Warning>) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut in_repeat = false;
    for block in blocks {
        match block {
            Block::Paragraph { line, text } => {
                let text = plain(text);
                let page_number = is_page_furniture(&text);
                let sheet_name = text.starts_with("Sheet: ");
                if !text.is_empty() && !page_number && !sheet_name && !rows.is_empty() {
                    warnings.push(Warning::at(
                        *line,
                        format!("text between table rows is not part of any item: \"{text}\""),
                    ));
                }
            }
            Block::Table { .. } => {}
            Block::Row { line, cells } => {
                if header.repeats(0, cells) {
                    in_repeat = true;
                    continue;
                }
                if in_repeat && header.repeats(1, cells) {
                    continue;
                }
                in_repeat = false;
                if cells.iter().all(|c| plain(c).is_empty()) || numbers_the_columns(cells) {
                    continue;
                }
                let number_empty = header.number_columns().all(|i| cells.get(i).is_none_or(|c| plain(c).is_empty()));
                match rows.last_mut() {
                    Some(previous) if number_empty => join_cells(previous, cells),
                    _ => rows.push(RawRow { line: *line, cells: cells.clone() }),
                }
            }
        }
    }
    rows
}

/// The row under a header that numbers its columns: "1 | 2 | 3 | 4", "(1) | (2) | (3)",
/// "A | B | 1 | 2 = 1×2": three or more short labels, the numbers among them rising by one.
fn numbers_the_columns(cells: &[String]) -> bool {
    let labels: Vec<String> = cells.iter().map(|c| plain(c)).filter(|c| !c.is_empty()).collect();
    if labels.len() < 3 || labels.iter().any(|l| l.chars().count() > 12) {
        return false;
    }
    let numbers: Vec<u32> = labels
        .iter()
        .filter_map(|l| l.trim_matches(|c| c == '(' || c == ')' || c == '[' || c == ']').parse().ok())
        .collect();
    numbers.len() * 2 > labels.len()
        && numbers.len() >= 3
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
        && labels.iter().all(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || "()[]=+-*/×x ".contains(c)))
}

/// A page number as printed in a page's head or foot: "3", "- 3 -", "Trang 3", "Trang 1/3", "3/12".
pub(crate) fn is_page_furniture(text: &str) -> bool {
    let k = chitieu_core::text::key(text);
    let k = k.strip_prefix("trang").unwrap_or(&k);
    !k.trim().is_empty() && k.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | ' ' | '–'))
}

fn join_cells(previous: &mut RawRow, cells: &[String]) {
    if previous.cells.len() < cells.len() {
        previous.cells.resize(cells.len(), String::new());
    }
    for (into, more) in previous.cells.iter_mut().zip(cells) {
        let more = more.trim();
        // A merged cell shown again on the next page is the same cell.
        if more.is_empty() || into.trim() == more {
            continue;
        }
        if !into.trim().is_empty() {
            into.push(' ');
        }
        into.push_str(more);
    }
}

/// One row read by its columns, before its kind is settled.
struct ReadRow {
    code: Option<Code>,
    item: Item,
}

fn read_rows(header: &Header, rows: &[RawRow], warnings: &mut Vec<Warning>) -> Vec<Item> {
    let mut section: Option<String> = None;
    let mut read: Vec<ReadRow> = Vec::with_capacity(rows.len());
    for row in rows {
        let r = read_row(header, row, warnings);
        if let Some(Code::Roman(numeral)) = &r.code {
            section = Some(numeral.clone());
        }
        let mut r = r;
        r.item.section.clone_from(&section);
        read.push(r);
    }
    repair_letters(&mut read, warnings);
    repair_numbers(&mut read, warnings);
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    let mut items = Vec::with_capacity(read.len());
    // Letters restart under each number ("1. a) b) 2. a)"): a letter is unique under its number.
    let mut number: Option<String> = None;
    for i in 0..read.len() {
        let next_code = read.get(i + 1).and_then(|r| r.code.clone());
        let r = &read[i];
        let mut item = r.item.clone();
        item.kind = match &r.code {
            Some(Code::Roman(_)) => ItemKind::Group,
            Some(code) if next_code.is_some_and(|next| code.has_child(&next)) => ItemKind::Group,
            _ if item.targets.is_empty() => ItemKind::Task,
            _ => ItemKind::Indicator,
        };
        match &r.code {
            Some(Code::Number(n)) => number = Some(n.clone()),
            Some(Code::Roman(_)) => number = None,
            _ => {}
        }
        if let Some(code) = &item.code {
            let scoped = match (&r.code, &number) {
                (Some(Code::Letter(_)), Some(n)) => format!("{n}.{code}"),
                _ => code.clone(),
            };
            let key = (item.section.clone(), scoped);
            if let Some(first) = seen.insert(key, item.line) {
                let place = item.section.as_deref().map(|s| format!(" in section {s}")).unwrap_or_default();
                warnings.push(Warning::at(
                    item.line,
                    format!("number {code}{place} already used on line {first}; both items are kept"),
                ));
            }
        }
        items.push(item);
    }
    items
}

/// The letters of lettered sub-items, in order (no f, j, w or z).
const LETTERS: [&str; 23] =
    ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/// Lettered sub-items whose letter breaks the run where the letters after it go on as if it
/// had not ("q) b) c)", "đ) 6) g)": OCR misreads a letter): the letter the run needs, with a
/// warning. Only a letter or a one-figure number is taken for a misread letter.
fn repair_letters(read: &mut [ReadRow], warnings: &mut Vec<Warning>) {
    let letter = |r: &ReadRow| match &r.code {
        Some(Code::Letter(l)) => LETTERS.iter().position(|x| x == l),
        _ => None,
    };
    let misreadable = |r: &ReadRow| {
        matches!(&r.code, Some(Code::Letter(_))) || matches!(&r.code, Some(Code::Number(n)) if n.len() == 1)
    };
    for i in 0..read.len() {
        let expected = match i.checked_sub(1).map(|p| letter(&read[p])) {
            Some(Some(p)) => p + 1,
            _ => 0,
        };
        if letter(&read[i]) == Some(expected) || expected >= LETTERS.len() || !misreadable(&read[i]) {
            continue;
        }
        // The letters after go on from the one expected here (over at most one more misread).
        let goes_on = (1..=2).any(|k| {
            read.get(i + k).and_then(letter) == Some(expected + k) && read[i + 1..i + k].iter().all(misreadable)
        });
        if goes_on {
            let was = read[i].item.code.clone().unwrap_or_default();
            let right = LETTERS[expected];
            warnings.push(Warning::at(
                read[i].item.line,
                format!("item number \"{was}\" breaks the run of letters; read as \"{right}\""),
            ));
            read[i].code = Some(Code::Letter(right.to_owned()));
            read[i].item.code = Some(right.to_owned());
        }
    }
}

/// Dotted numbers that break their run where the numbers after them go on as if they had not
/// ("2. 2.1. 242. 2.4.", or "2. „8: 2.2." with the number lost, as OCR reads them): the number the
/// run needs, with a warning. A missing number, or one that follows its neighbour as neither
/// its first child nor its next sibling, is taken for a misread when the next one, two or three
/// numbers are the siblings that follow the one expected.
fn repair_numbers(read: &mut [ReadRow], warnings: &mut Vec<Warning>) {
    let number = |r: &ReadRow| match &r.code {
        Some(Code::Number(n)) => Some(n.clone()),
        _ => None,
    };
    let next_sibling = |n: &str| -> String {
        let (head, last) = n.rsplit_once('.').map_or(("", n), |(h, l)| (h, l));
        let last = last.parse::<u32>().map_or(0, |l| l + 1);
        if head.is_empty() { last.to_string() } else { format!("{head}.{last}") }
    };
    let misreadable = |r: &ReadRow| matches!(&r.code, None | Some(Code::Number(_)));
    for i in 1..read.len() {
        let Some(previous) = number(&read[i - 1]) else { continue };
        let candidates = [format!("{previous}.1"), next_sibling(&previous)];
        let here = number(&read[i]);
        if here.as_ref().is_some_and(|h| candidates.contains(h)) || !misreadable(&read[i]) {
            continue;
        }
        let goes_on = |c: &String| {
            let mut expected = c.clone();
            (1..=3).any(|k| {
                expected = next_sibling(&expected);
                read.get(i + k).and_then(number).as_ref() == Some(&expected)
                    && read[i + 1..i + k].iter().all(misreadable)
            })
        };
        let Some(right) = candidates.iter().find(|c| goes_on(c)).cloned() else { continue };
        let was = read[i].item.code.clone();
        warnings.push(Warning::at(
            read[i].item.line,
            match was {
                Some(was) => format!("item number \"{was}\" breaks the run of numbers; read as \"{right}\""),
                None => format!("item number missing in the run of numbers; read as \"{right}\""),
            },
        ));
        read[i].code = Some(Code::Number(right.clone()));
        read[i].item.code = Some(right);
    }
}

fn read_row(header: &Header, row: &RawRow, warnings: &mut Vec<Warning>) -> ReadRow {
    let mut code: Option<Code> = None;
    let mut outer_column = 0;
    let mut code_text = String::new();
    let mut text = String::new();
    let mut unit = None;
    let mut year_cells: Vec<(i32, String)> = Vec::new();
    let mut target_cells: Vec<String> = Vec::new();
    let mut product_cells: Vec<String> = Vec::new();
    let mut roles = Roles::default();
    let mut deadline = None;
    let mut notes: Vec<String> = Vec::new();
    for (i, raw) in row.cells.iter().enumerate() {
        let cell = plain(raw);
        if cell.is_empty() {
            continue;
        }
        match header.columns.get(i) {
            // With two number columns ("TT | Chi tiết") the item's number is the one nearest its
            // words; the other (a running count) stays in the note.
            Some(Column::Code) => {
                if let Some(parsed) = Code::parse(&cell) {
                    if let Some(outer) = code.replace(parsed) {
                        notes.push(format!("{}: {}", header.names[outer_column], outer.label()));
                    }
                    outer_column = i;
                } else {
                    warnings.push(Warning::at(
                        row.line,
                        format!("\"{cell}\" is not an item number; the row is kept without one"),
                    ));
                    code_text = cell;
                }
            }
            Some(Column::Text) => text = cell,
            Some(Column::Unit) => unit = (cell != "-").then_some(cell),
            Some(Column::Year(year)) => year_cells.push((*year, cell)),
            Some(Column::Target) => target_cells.push(cell),
            Some(Column::Product) => {
                product_cells.push(cell.clone());
                notes.push(format!("{}: {cell}", header.names[i]));
            }
            Some(Column::Role(role)) => roles.get_mut(*role).extend(split_units(&cell)),
            Some(Column::Deadline) => deadline = read_deadline_cell(&cell, row.line, warnings),
            Some(Column::Note) => notes.push(cell),
            Some(Column::Other(name)) => notes.push(if name.is_empty() { cell } else { format!("{name}: {cell}") }),
            None => {
                warnings.push(Warning::at(
                    row.line,
                    format!("cell {} is beyond the header's {} columns; kept in the note", i + 1, header.columns.len()),
                ));
                notes.push(cell);
            }
        }
    }
    if text.is_empty() && !code_text.is_empty() {
        text = code_text;
    }
    let cells = TargetCells { years: &year_cells, levels: &target_cells, products: &product_cells };
    let targets = read_targets(&text, unit.as_deref(), &cells, header.has_target_columns());
    if unit.is_none() {
        unit = common_unit(&targets);
    }
    let item = Item {
        section: None,
        code: code.as_ref().map(|c| c.label().to_owned()),
        kind: ItemKind::Task,
        text,
        unit,
        targets,
        deadline,
        roles,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        line: row.line,
    };
    ReadRow { code, item }
}

/// A row's cells in the columns that hold targets.
struct TargetCells<'a> {
    years: &'a [(i32, String)],
    levels: &'a [String],
    products: &'a [String],
}

/// The row's targets: from its year, level and product columns; from its words only when the
/// table has none of those columns.
fn read_targets(text: &str, unit: Option<&str>, cells: &TargetCells<'_>, has_target_columns: bool) -> Vec<Target> {
    let mut targets: Vec<Target> =
        cells.years.iter().flat_map(|(year, cell)| read_cell(cell, Some(*year), unit)).collect();
    for cell in cells.levels {
        let mut found = read_sentence(cell);
        if found.is_empty() {
            found = read_cell(cell, None, unit);
        }
        targets.extend(found);
    }
    // A product names a deliverable: only its numbers are levels to report against.
    for cell in cells.products {
        targets.extend(read_sentence(cell).into_iter().filter(|t| t.value.is_some()));
    }
    if targets.is_empty() && !has_target_columns {
        targets = read_sentence(text);
    }
    if let Some(unit) = unit {
        for target in &mut targets {
            if target.unit.is_none()
                && matches!(target.op, chitieu_core::Comparator::Bool | chitieu_core::Comparator::Qualitative)
            {
                continue;
            }
            target.unit.get_or_insert_with(|| unit.to_owned());
        }
    }
    targets
}

/// The unit all of an item's numeric targets share, if they share one.
fn common_unit(targets: &[Target]) -> Option<String> {
    let mut units = targets.iter().filter(|t| t.value.is_some()).map(|t| t.unit.as_deref());
    let first = units.next()??;
    units.all(|u| u == Some(first)).then(|| first.to_owned())
}

fn read_deadline_cell(cell: &str, line: usize, warnings: &mut Vec<Warning>) -> Option<Deadline> {
    let deadline = read_deadline(cell);
    if let Some(Deadline::Unknown { text }) = &deadline {
        warnings.push(Warning::at(
            line,
            format!("deadline \"{text}\" is not a month, quarter, year, date or period; kept as written"),
        ));
    }
    deadline
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    #[test]
    fn a_misread_letter_in_a_run_of_lettered_items_is_read_as_the_run_needs() {
        let rows = ["1", "q)", "b)", "c)", "d)", "đ)", "6)", "9)", "h)", "2", "a)", "e)"];
        let mut text = String::from("TT\tNhiệm vụ\tĐơn vị chủ trì\n");
        for (i, code) in rows.iter().enumerate() {
            writeln!(text, "{code}\tViệc số {i}\tSở Tài chính").expect("writes to a String");
        }
        let plan = crate::read_plan("plan.txt", text.as_bytes()).expect("a plan");
        let codes: Vec<&str> = plan.items.iter().filter_map(|i| i.code.as_deref()).collect();
        // "e)" after "a)" is no misread: nothing after it says which letter the run needs.
        assert_eq!(codes, ["1", "a", "b", "c", "d", "đ", "e", "g", "h", "2", "a", "e"]);
        assert_eq!(plan.warnings.iter().filter(|w| w.message.contains("breaks the run of letters")).count(), 3);
    }

    #[test]
    fn a_misread_or_missing_number_in_a_run_is_read_as_the_run_needs() {
        // A misread number cell that is no number ("„8:") keeps its row, without a number.
        let rows = ["1", "1.1", "1.2", "2", "„8:", "242", "¬", "2.4", "3", "Lộ", "5", "cả", "9"];
        let mut text = String::from("TT\tNhiệm vụ\tĐơn vị chủ trì\n");
        for (i, code) in rows.iter().enumerate() {
            writeln!(text, "{code}\tViệc số {i}\tSở Tài chính").expect("writes to a String");
        }
        let plan = crate::read_plan("plan.txt", text.as_bytes()).expect("a plan");
        let codes: Vec<Option<&str>> = plan.items.iter().map(|i| i.code.as_deref()).collect();
        // The row between 5 and 9 keeps no number: nothing says which one it lost.
        let want = ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "3", "4", "5", "", "9"];
        let want: Vec<Option<&str>> = want.iter().map(|c| (!c.is_empty()).then_some(*c)).collect();
        assert_eq!(codes, want);
        assert_eq!(plan.items[3].kind, chitieu_core::ItemKind::Group);
    }
}
