//! The PDF's rows: cells already wrapped into lines at their place across the page, with the
//! height that follows, and how a row too tall for a page is cut between two of its lines.

use std::rc::Rc;

use super::fonts::{Faces, Weight};
use super::wrap::wrap;

/// Space between a cell's border and its text.
pub(super) const PAD_X: f32 = 3.0;
pub(super) const PAD_Y: f32 = 2.5;
/// A line box's height over the font size.
const LEADING: f32 = 1.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

/// How a cell's text looks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    pub weight: Weight,
    pub size: f32,
    /// Text colour, 0xRRGGBB.
    pub ink: u32,
    pub align: Align,
    /// Extra space before the text on the left.
    pub indent: f32,
}

impl Style {
    pub const fn plain(size: f32) -> Style {
        Style { weight: Weight::Regular, size, ink: 0, align: Align::Left, indent: 0.0 }
    }

    pub const fn bold(self) -> Style {
        Style { weight: Weight::Bold, ..self }
    }

    pub const fn align(self, align: Align) -> Style {
        Style { align, ..self }
    }

    pub const fn ink(self, ink: u32) -> Style {
        Style { ink, ..self }
    }

    pub const fn indent(self, indent: f32) -> Style {
        Style { indent, ..self }
    }

    pub fn line_height(&self) -> f32 {
        self.size * LEADING
    }
}

/// A cell: its box across the page and its text in lines.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub x: f32,
    pub width: f32,
    pub lines: Vec<String>,
    pub style: Style,
    /// Which of its edges the cell shares with the cell of the same column in the next or the
    /// previous row, as one cell merged down two rows of a header: no border is drawn there.
    pub open: Open,
}

/// A cell's edges left without a border.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Open {
    pub below: bool,
    pub above: bool,
}

impl Cell {
    /// `text` wrapped to the box from `x`, `width` points wide.
    pub fn new(faces: &Faces, x: f32, width: f32, text: &str, style: Style) -> Cell {
        let room = (width - 2.0 * PAD_X - style.indent).max(1.0);
        Cell { x, width, lines: wrap(faces.get(style.weight), style.size, text, room), style, open: Open::default() }
    }

    /// The cell with the given edges left open.
    pub fn open(self, open: Open) -> Cell {
        Cell { open, ..self }
    }

    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.style.line_height()
    }
}

/// A row of cells drawn together and never split between two of its lines unless it is
/// taller than a whole page.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub cells: Vec<Cell>,
    /// Background across the row, 0xRRGGBB.
    pub fill: Option<u32>,
    /// Whether each cell gets a border.
    pub ruled: bool,
    /// Whether a page may not end right after this row (a heading before its first entry).
    pub keep_with_next: bool,
    /// Space before the row unless it opens a page.
    pub space_above: f32,
    /// A row to repeat first when a page breaks right before this one: a unit's sub-row carries
    /// its item's name over, so a continued list says whose it is.
    pub carry: Option<Rc<Row>>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, fill: None, ruled: true, keep_with_next: false, space_above: 0.0, carry: None }
    }

    pub fn height(&self) -> f32 {
        let text = self.cells.iter().map(Cell::height).fold(0.0, f32::max);
        let line = self.cells.iter().map(|c| c.style.line_height()).fold(0.0, f32::max);
        text.max(line) + 2.0 * PAD_Y
    }

    /// The left edge and width the row's cells span.
    pub fn span(&self) -> (f32, f32) {
        let left = self.cells.iter().map(|c| c.x).fold(f32::INFINITY, f32::min);
        let right = self.cells.iter().map(|c| c.x + c.width).fold(f32::NEG_INFINITY, f32::max);
        (left, right - left)
    }

    /// Cuts the row so that its first part is at most `room` points tall (at least one line
    /// stays in it), or gives the row back whole when it fits.
    pub fn split(mut self, room: f32) -> Result<(Row, Row), Row> {
        if self.height() <= room {
            return Err(self);
        }
        let mut rest = self.clone();
        rest.space_above = 0.0;
        for (top, bottom) in self.cells.iter_mut().zip(&mut rest.cells) {
            let fit = ((room - 2.0 * PAD_Y) / top.style.line_height()).floor().max(1.0) as usize;
            let cut = fit.min(top.lines.len());
            bottom.lines = top.lines.split_off(cut);
        }
        Ok((self, rest))
    }
}

/// Column boxes (left edge, width) from `left`: the `fixed` widths, then one more column taking
/// what is left of `width`.
pub(super) fn columns(left: f32, width: f32, fixed: &[f32]) -> Vec<(f32, f32)> {
    let mut x = left;
    let mut boxes: Vec<(f32, f32)> = fixed
        .iter()
        .map(|w| {
            let column = (x, *w);
            x += w;
            column
        })
        .collect();
    boxes.push((x, left + width - x));
    boxes
}

/// The box spanning columns `from..=to`.
pub(super) fn span(columns: &[(f32, f32)], from: usize, to: usize) -> (f32, f32) {
    let (x, _) = columns[from];
    let (last_x, last_w) = columns[to];
    (x, last_x + last_w - x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tall_row(faces: &Faces) -> Row {
        let text = "Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình ".repeat(30);
        Row::new(vec![
            Cell::new(faces, 0.0, 80.0, &text, Style::plain(8.0)),
            Cell::new(faces, 80.0, 60.0, "Đạt", Style::plain(8.0)),
        ])
    }

    #[test]
    fn a_row_is_as_tall_as_its_longest_cell() {
        let faces = Faces::load().expect("fonts");
        let row = tall_row(&faces);
        let lines = row.cells[0].lines.len();
        assert!(lines > 20);
        assert!((row.height() - (lines as f32 * 10.0 + 2.0 * PAD_Y)).abs() < 1e-3);
        assert_eq!(row.span(), (0.0, 140.0));
    }

    #[test]
    fn a_split_cuts_between_lines_and_loses_none() {
        let faces = Faces::load().expect("fonts");
        let row = tall_row(&faces);
        let all: Vec<String> = row.cells[0].lines.clone();
        let (top, rest) = row.split(100.0).expect("too tall for 100 pt");
        assert!(top.height() <= 100.0);
        assert_eq!(top.cells[0].lines.len(), 9);
        assert_eq!([top.cells[0].lines.clone(), rest.cells[0].lines.clone()].concat(), all);
        assert_eq!(top.cells[1].lines, ["Đạt"]);
        assert!(rest.cells[1].lines.is_empty());
        assert!(rest.clone().split(10_000.0).is_err());
    }

    #[test]
    fn columns_follow_each_other() {
        let cols = columns(10.0, 100.0, &[20.0, 30.0]);
        assert_eq!(cols, [(10.0, 20.0), (30.0, 30.0), (60.0, 50.0)]);
        assert_eq!(span(&cols, 1, 2), (30.0, 80.0));
    }
}
