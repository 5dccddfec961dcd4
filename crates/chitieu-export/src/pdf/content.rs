//! What the PDF says, as sections of rows: the title block, the reporting summary (one row per
//! unit and a total) and the results table (per item a row with its roll-up, then one sub-row
//! per unit that owes it).

use std::rc::Rc;

use chitieu_core::display::number_vi;

use super::fonts::Faces;
use super::paginate::Section;
use super::table::{Align, Cell, Row, Style, columns, span};
use crate::headings::{ACTUAL, COMMENT, DEADLINE, ITEM, LEAD, REPORTING, ROLLUP, STATUS, STT, TARGET, TOTAL};
use crate::report::{ConsolidatedReport, ReportRow, RowKind, UnitCell, UnitReporting};
use crate::tone::palette;

/// The table text's size in points.
pub(super) const BODY: f32 = 8.0;
pub(super) const HEADER_FILL: u32 = 0x00DD_E6F1;
const SUB_HEADER_FILL: u32 = 0x00EE_F3F8;
pub(super) const GROUP_FILL: u32 = 0x00F2_F2F2;
const TOTAL_FILL: u32 = 0x00F2_F2F2;
const CONTINUED_FILL: u32 = 0x00FA_FAFA;
const CONTINUED_INK: u32 = 0x0059_5959;
/// After an item's name repeated atop a page its sub-rows continue on.
const CONTINUED: &str = "tiếp theo";
/// How far a unit's sub-row is set in under its item.
const SUB_INDENT: f32 = 10.0;

const HEADING: &str = "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU, NHIỆM VỤ";
const REPORTING_TITLE: &str = "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ";
const RESULTS_TITLE: &str = "KẾT QUẢ THỰC HIỆN CHỈ TIÊU, NHIỆM VỤ";
/// Over the units' sub-rows, under the item's text.
const REPORTING_UNIT: &str = "Đơn vị báo cáo";

/// The report's sections across the page from `left`, `width` points wide.
pub(super) fn sections(report: &ConsolidatedReport, faces: &Faces, left: f32, width: f32) -> Vec<Section> {
    let mut sections = vec![title(report, faces, left, width)];
    let mut numerals = ["I.", "II."].into_iter();
    if !report.reporting.is_empty() {
        sections.push(reporting(report, faces, left, width, numerals.next().unwrap_or_default()));
    }
    sections.push(results(report, faces, left, width, numerals.next().unwrap_or_default()));
    sections
}

fn title(report: &ConsolidatedReport, faces: &Faces, left: f32, width: f32) -> Section {
    let centred = |text: &str, style: Style| {
        let mut row = Row::new(vec![Cell::new(faces, left, width, text, style.align(Align::Center))]);
        row.ruled = false;
        row
    };
    let mut rows =
        vec![centred(HEADING, Style::plain(13.0).bold()), centred(&report.plan_title, Style::plain(11.0).bold())];
    rows.extend(report.reference_line().map(|line| centred(&line, Style::plain(9.5))));
    let when = format!("Kỳ báo cáo: {} — Ngày lập: {}", report.period_label, report.as_of);
    rows.push(centred(&when, Style::plain(9.5)));
    Section { title: None, header: Vec::new(), rows }
}

fn section_title(faces: &Faces, left: f32, width: f32, text: &str) -> Row {
    let mut row = Row::new(vec![Cell::new(faces, left, width, text, Style::plain(10.0).bold())]);
    row.ruled = false;
    row.keep_with_next = true;
    row.space_above = 10.0;
    row
}

pub(super) fn header_row(faces: &Faces, boxes: &[(f32, f32)], labels: &[&str], style: Style, fill: u32) -> Row {
    let cells = boxes.iter().zip(labels).map(|((x, w), label)| Cell::new(faces, *x, *w, label, style)).collect();
    let mut row = Row::new(cells);
    row.fill = Some(fill);
    row
}

fn reporting(report: &ConsolidatedReport, faces: &Faces, left: f32, width: f32, numeral: &str) -> Section {
    let cols = columns(left, width, &[34.0, 260.0, 110.0, 80.0, 90.0, 90.0]);
    let header = header_row(faces, &cols, &REPORTING, Style::plain(BODY).bold().align(Align::Center), HEADER_FILL);
    let row = |n: String, unit: &UnitReporting, style: Style| {
        let rates = [unit.received_rate(), unit.on_time_rate()].map(|r| r.map(percent_vi).unwrap_or_default());
        let counts = [unit.expected, unit.received, unit.on_time].map(|c| number_vi(f64::from(c)));
        let texts = [&n, &unit.unit, &counts[0], &counts[1], &counts[2], &rates[0], &rates[1]];
        let cells = cols.iter().zip(texts).enumerate().map(|(i, ((x, w), text))| {
            let align = match i {
                0 => Align::Center,
                1 => Align::Left,
                _ => Align::Right,
            };
            Cell::new(faces, *x, *w, text, style.align(align))
        });
        Row::new(cells.collect())
    };
    let mut rows: Vec<Row> = report
        .reporting
        .iter()
        .enumerate()
        .map(|(i, unit)| row((i + 1).to_string(), unit, Style::plain(BODY)))
        .collect();
    let mut total = row(String::new(), &UnitReporting::total(TOTAL, &report.reporting), Style::plain(BODY).bold());
    total.fill = Some(TOTAL_FILL);
    rows.push(total);
    Section {
        title: Some(section_title(faces, left, width, &format!("{numeral} {REPORTING_TITLE}"))),
        header: vec![header],
        rows,
    }
}

fn results(report: &ConsolidatedReport, faces: &Faces, left: f32, width: f32, numeral: &str) -> Section {
    let cols = columns(left, width, &[34.0, 240.0, 90.0, 120.0, 70.0, 100.0]);
    let rollup_actual = format!("{ACTUAL} ({})", ROLLUP.to_lowercase());
    let rollup_status = format!("{STATUS} ({})", ROLLUP.to_lowercase());
    let labels = [STT, ITEM, TARGET, LEAD, DEADLINE, &rollup_actual, &rollup_status];
    let header = header_row(faces, &cols, &labels, Style::plain(BODY).bold().align(Align::Center), HEADER_FILL);
    let sub_boxes = sub_row_boxes(&cols);
    let sub_labels = ["", REPORTING_UNIT, COMMENT, ACTUAL, STATUS];
    let sub_header =
        header_row(faces, &sub_boxes, &sub_labels, Style::plain(7.5).align(Align::Center), SUB_HEADER_FILL);

    let mut rows = Vec::new();
    for item in &report.rows {
        rows.push(item_row(faces, &cols, item));
        if item.kind == RowKind::Group {
            continue;
        }
        let continued = Rc::new(continued_row(faces, &cols, item));
        for (unit, cell) in report.units.iter().zip(&item.cells) {
            if let Some(cell) = cell {
                let mut row = unit_row(faces, &sub_boxes, unit, cell);
                row.carry = Some(Rc::clone(&continued));
                rows.push(row);
            }
        }
    }
    if let Some(last) = rows.last_mut() {
        last.keep_with_next = false;
    }
    let title = section_title(faces, left, width, &format!("{numeral} {RESULTS_TITLE}"));
    Section { title: Some(title), header: vec![header, sub_header], rows }
}

/// A unit's sub-row: the unit under the item's text, its remark across target, lead and
/// deadline, then its result and verdict under the roll-up's.
fn sub_row_boxes(cols: &[(f32, f32)]) -> [(f32, f32); 5] {
    [cols[0], cols[1], span(cols, 2, 4), cols[5], cols[6]]
}

fn item_row(faces: &Faces, cols: &[(f32, f32)], item: &ReportRow) -> Row {
    let code = item.code.as_deref().unwrap_or("");
    let plain = Style::plain(BODY);
    if item.kind == RowKind::Group {
        let (x, w) = span(cols, 1, 6);
        let mut row = Row::new(vec![
            Cell::new(faces, cols[0].0, cols[0].1, code, plain.bold().align(Align::Center)),
            Cell::new(faces, x, w, &item.text, plain.bold()),
        ]);
        row.fill = Some(GROUP_FILL);
        row.keep_with_next = true;
        return row;
    }
    let (actual, status) = result_cells(faces, cols[5], cols[6], item.rollup.as_ref(), plain.bold());
    let texts = [code, &item.text, &item.target, &item.lead, &item.deadline];
    let mut cells: Vec<Cell> = cols
        .iter()
        .zip(texts)
        .enumerate()
        .map(|(i, ((x, w), text))| {
            let style = if i == 0 || i == 4 { plain.align(Align::Center) } else { plain };
            Cell::new(faces, *x, *w, text, style)
        })
        .collect();
    cells.extend([actual, status]);
    let mut row = Row::new(cells);
    row.keep_with_next = item.cells.iter().any(Option::is_some);
    row
}

/// The item's number and name atop a page its units' sub-rows continue on.
fn continued_row(faces: &Faces, cols: &[(f32, f32)], item: &ReportRow) -> Row {
    let style = Style::plain(BODY).ink(CONTINUED_INK);
    let (x, w) = span(cols, 1, 6);
    let mut row = Row::new(vec![
        Cell::new(faces, cols[0].0, cols[0].1, item.code.as_deref().unwrap_or(""), style.align(Align::Center)),
        Cell::new(faces, x, w, &format!("{} ({CONTINUED})", item.text), style),
    ]);
    row.fill = Some(CONTINUED_FILL);
    row
}

fn unit_row(faces: &Faces, boxes: &[(f32, f32); 5], unit: &str, cell: &UnitCell) -> Row {
    let plain = Style::plain(BODY);
    let (actual, status) = result_cells(faces, boxes[3], boxes[4], Some(cell), plain);
    Row::new(vec![
        Cell::new(faces, boxes[0].0, boxes[0].1, "", plain),
        Cell::new(faces, boxes[1].0, boxes[1].1, unit, plain.indent(SUB_INDENT)),
        Cell::new(faces, boxes[2].0, boxes[2].1, &cell.comment, plain),
        actual,
        status,
    ])
}

/// A result (right-aligned when it is a number) and its verdict in the verdict's colour.
fn result_cells(
    faces: &Faces,
    actual: (f32, f32),
    status: (f32, f32),
    cell: Option<&UnitCell>,
    style: Style,
) -> (Cell, Cell) {
    let (text, align) = cell.map_or(("", Align::Left), |c| {
        (c.actual.as_str(), if c.number.is_some() { Align::Right } else { Align::Left })
    });
    let (label, ink) = cell.map_or(("", 0), |c| (c.status.label_vi(), palette(c.status).ink));
    (
        Cell::new(faces, actual.0, actual.1, text, style.align(align)),
        Cell::new(faces, status.0, status.1, label, style.ink(ink)),
    )
}

/// A fraction as a Vietnamese percentage with one decimal at most: 0.912 → "91,2%".
fn percent_vi(fraction: f64) -> String {
    format!("{}%", number_vi((fraction * 1000.0).round() / 10.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_vietnamese_percentages() {
        assert_eq!(percent_vi(0.912), "91,2%");
        assert_eq!(percent_vi(1.0), "100%");
        assert_eq!(percent_vi(2.0 / 3.0), "66,7%");
        assert_eq!(percent_vi(0.0), "0%");
    }
}
