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

/// Reads the first table with a recognisable header; `None` when there is none.
pub fn read_table(blocks: &[Block]) -> Option<TablePlan> {
    let (start, header, used_sub) = find_header(blocks)?;
    let preamble = blocks[..start]
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { line, text } => Some((*line, plain(text))),
            Block::Row { .. } => None,
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let body_start = start + 1 + usize::from(used_sub);
    let mut warnings = Vec::new();
    for (column, name) in header.columns.iter().zip(&header.names) {
        if matches!(column, Column::Other(_)) && !name.is_empty() {
            warnings.push(Warning::at(
                blocks[start].line(),
                format!("column \"{name}\" is not one the reader knows; its cells are kept in the items' notes"),
            ));
        }
    }
    let rows = repair_rows(&header, &blocks[body_start..], &mut warnings);
    let items = read_rows(&header, &rows, &mut warnings);
    Some(TablePlan { preamble, years: header.years(), items, warnings })
}

fn find_header(blocks: &[Block]) -> Option<(usize, Header, bool)> {
    blocks.iter().enumerate().find_map(|(i, block)| {
        let Block::Row { cells, .. } = block else { return None };
        let next = match blocks.get(i + 1) {
            Some(Block::Row { cells, .. }) => Some(cells.as_slice()),
            _ => None,
        };
        Header::detect(cells, next).map(|(header, used)| (i, header, used))
    })
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
                let page_number = text.chars().all(|c| c.is_ascii_digit());
                let sheet_name = text.starts_with("Sheet: ");
                if !text.is_empty() && !page_number && !sheet_name && !rows.is_empty() {
                    warnings.push(Warning::at(
                        *line,
                        format!("text between table rows is not part of any item: \"{text}\""),
                    ));
                }
            }
            Block::Row { line, cells } => {
                if header.repeats(0, cells) {
                    in_repeat = true;
                    continue;
                }
                if in_repeat && header.repeats(1, cells) {
                    continue;
                }
                in_repeat = false;
                if cells.iter().all(|c| plain(c).is_empty()) {
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

fn join_cells(previous: &mut RawRow, cells: &[String]) {
    if previous.cells.len() < cells.len() {
        previous.cells.resize(cells.len(), String::new());
    }
    for (into, more) in previous.cells.iter_mut().zip(cells) {
        let more = more.trim();
        if more.is_empty() {
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
