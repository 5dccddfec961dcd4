//! Drawing laid-out pages with krilla: the running header (plan title left, period right) and
//! footer ("Ngày lập" left, "Trang i/N" right), then each row's fill, text and cell borders.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;

use super::fonts::{Face, Faces, Weight};
use super::paginate::Placed;
use super::table::{Align, Open, PAD_X, PAD_Y, Row};

const RULE: u32 = 0x0080_8080;
const FOOTER_INK: u32 = 0x0040_4040;

/// What every page carries besides its rows, and where.
#[derive(Debug)]
pub(super) struct Frame {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    /// The plan's title in (at most two) lines, and the period, at the top; no running header
    /// (nor its rule) when both are empty.
    pub title_lines: Vec<String>,
    pub period: String,
    pub header_size: f32,
    /// Where the header's rule runs.
    pub rule_y: f32,
    /// "Ngày lập: …" at the bottom left.
    pub footer: String,
    pub footer_size: f32,
    pub footer_baseline: f32,
}

pub(super) fn page(surface: &mut Surface, faces: &Faces, frame: &Frame, rows: &[Placed], number: usize, total: usize) {
    if !frame.title_lines.is_empty() || !frame.period.is_empty() {
        running_header(surface, faces, frame);
    }
    let face = faces.get(Weight::Regular);
    let size = frame.footer_size;
    text(surface, face, size, frame.left, frame.footer_baseline, &frame.footer, FOOTER_INK);
    let page_number = format!("Trang {number}/{total}");
    let x = frame.right - face.width(&page_number, size);
    text(surface, face, size, x, frame.footer_baseline, &page_number, FOOTER_INK);
    for placed in rows {
        row(surface, faces, placed);
    }
}

fn running_header(surface: &mut Surface, faces: &Faces, frame: &Frame) {
    let bold = faces.get(Weight::Bold);
    let size = frame.header_size;
    let line_height = size * 1.25;
    for (i, line) in frame.title_lines.iter().enumerate() {
        let top = frame.top + i as f32 * line_height;
        text(surface, bold, size, frame.left, top + bold.baseline(size, line_height), line, 0);
    }
    let x = frame.right - bold.width(&frame.period, size);
    text(surface, bold, size, x, frame.top + bold.baseline(size, line_height), &frame.period, 0);
    let mut rule = PathBuilder::new();
    rule.move_to(frame.left, frame.rule_y);
    rule.line_to(frame.right, frame.rule_y);
    stroke(surface, rule, 0.6);
}

fn row(surface: &mut Surface, faces: &Faces, placed: &Placed) {
    let Placed { y, row } = placed;
    let height = row.height();
    if let Some(color) = row.fill {
        let (x, width) = row.span();
        if let Some(rect) = Rect::from_xywh(x, *y, width, height) {
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(color)));
                surface.draw_path(&path);
            }
        }
    }
    for cell in &row.cells {
        let style = cell.style;
        let face = faces.get(style.weight);
        let line_height = style.line_height();
        for (i, line) in cell.lines.iter().enumerate() {
            let room = cell.width - 2.0 * PAD_X - style.indent;
            let shift = match style.align {
                Align::Left => 0.0,
                Align::Center => (room - face.width(line, style.size)) / 2.0,
                Align::Right => room - face.width(line, style.size),
            };
            let x = cell.x + PAD_X + style.indent + shift.max(0.0);
            let baseline = y + PAD_Y + i as f32 * line_height + face.baseline(style.size, line_height);
            text(surface, face, style.size, x, baseline, line, style.ink);
        }
    }
    if row.ruled {
        borders(surface, row, *y, height);
    }
}

fn borders(surface: &mut Surface, row: &Row, y: f32, height: f32) {
    let mut path = PathBuilder::new();
    for cell in &row.cells {
        let (left, right, bottom) = (cell.x, cell.x + cell.width, y + height);
        if cell.open == Open::default() {
            if let Some(rect) = Rect::from_xywh(cell.x, y, cell.width, height) {
                path.push_rect(rect);
            }
            continue;
        }
        // A cell merged with the one above or below: its sides, and only its closed ends.
        for (x0, y0, x1, y1, drawn) in [
            (left, y, left, bottom, true),
            (right, y, right, bottom, true),
            (left, y, right, y, !cell.open.above),
            (left, bottom, right, bottom, !cell.open.below),
        ] {
            if drawn {
                path.move_to(x0, y0);
                path.line_to(x1, y1);
            }
        }
    }
    stroke(surface, path, 0.4);
}

fn stroke(surface: &mut Surface, path: PathBuilder, width: f32) {
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: color(RULE).into(), width, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn text(surface: &mut Surface, face: &Face, size: f32, x: f32, baseline: f32, line: &str, ink: u32) {
    if line.is_empty() {
        return;
    }
    let (glyphs, text) = face.glyphs(line);
    surface.set_fill(Some(fill(ink)));
    surface.draw_glyphs(Point::from_xy(x, baseline), &glyphs, face.font.clone(), &text, size, false);
}

fn fill(rgb: u32) -> Fill {
    Fill { paint: color(rgb).into(), opacity: NormalizedF32::ONE, rule: FillRule::default() }
}

fn color(rgb: u32) -> rgb::Color {
    let [_, r, g, b] = rgb.to_be_bytes();
    rgb::Color::new(r, g, b)
}
