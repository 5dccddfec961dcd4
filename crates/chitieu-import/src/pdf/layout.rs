//! Pages of words and ruling lines into blocks: tables from the rules they draw (or, without
//! rules, from the gaps between their columns), merged cells from the rules that are missing,
//! and the words outside tables as lines of text.
//!
//! What comes out is what the other readers give: one [`Block::Row`] per grid row with one cell
//! per grid column — a cell spanning columns keeps its text in its first column; a cell spanning
//! rows keeps it in its first row inside a header and repeats it in each body row (a "phối hợp"
//! cell shared by eight tasks applies to each), but never in a number column — and a
//! [`Block::Table`] where a new table starts (a table that goes on at the top of the next page
//! with the same columns is the same table). A row cut by a page break comes out as a row whose
//! number cell is empty, which the table reader joins to the row before. Lines are numbered
//! from 1 in output order; [`Layout::pages`] gives each line's page.

use crate::block::Block;
use crate::header::{Column, classify};

use super::page::{Page, Rule, Word};

/// Rule positions closer than this (points) are one grid edge.
const SNAP: f32 = 2.5;
/// A rule may run past the table's border by this much (points): less than any row.
const OVERSHOOT: f32 = 4.0;
/// A rule is at most this thick.
const THICK: f32 = 3.0;

/// The blocks of a document and the page each line came from.
#[derive(Debug, Default)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// `pages[line - 1]` is the page of line `line`.
    pub pages: Vec<usize>,
}

impl Layout {
    pub fn page_of(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|i| self.pages.get(i)).copied()
    }

    fn row(&mut self, page: usize, cells: Vec<String>) {
        let line = self.pages.len() + 1;
        self.pages.push(page);
        self.blocks.push(Block::Row { line, cells });
    }

    fn paragraph(&mut self, page: usize, text: String) {
        let line = self.pages.len() + 1;
        self.pages.push(page);
        self.blocks.push(Block::Paragraph { line, text });
    }

    fn table_start(&mut self, page: usize) {
        let line = self.pages.len() + 1;
        self.pages.push(page);
        self.blocks.push(Block::Table { line });
    }
}

/// Lays out every page in order.
pub fn layout(pages: &[Page]) -> Layout {
    let mut out = Layout::default();
    // The column edges of the last table, to tell a table going on from a new one.
    let mut last_columns: Option<Vec<f32>> = None;
    // For each column of the last table, the text of a merged cell the page break cut.
    let mut carry: Vec<Option<String>> = Vec::new();
    for page in pages {
        let grids = grids(page);
        let taken: Vec<bool> = page
            .words
            .iter()
            .map(|w| {
                let (x, y) = w.center();
                grids.iter().any(|g| g.cell_at(x, y).is_some())
            })
            .collect();
        let free: Vec<&Word> = page.words.iter().zip(&taken).filter(|(_, t)| !**t).map(|(w, _)| w).collect();
        let mut pieces: Vec<(f32, Piece<'_>)> = grids.iter().map(|g| (g.ys[0], Piece::Grid(g))).collect();
        pieces.extend(text_pieces(&free));
        pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut first_on_page = true;
        for (_, piece) in pieces {
            let columns = match &piece {
                Piece::Line(_) => None,
                Piece::Table { columns, .. } => Some(columns.as_slice()),
                Piece::Grid(grid) => Some(grid.xs.as_slice()),
            };
            let goes_on = first_on_page
                && columns.zip(last_columns.as_deref()).is_some_and(|(columns, last)| same_columns(last, columns));
            let (columns, rows) = match piece {
                Piece::Line(text) => {
                    // A page number or a running head does not end a table.
                    if !crate::table::is_page_furniture(&text) {
                        first_on_page = false;
                        last_columns = None;
                    }
                    out.paragraph(page.number, text);
                    continue;
                }
                Piece::Table { columns, rows } => (columns, rows),
                Piece::Grid(grid) => {
                    let (rows, cut) = grid.rows(&page.words, goes_on.then_some(carry.as_slice()));
                    carry = cut;
                    (grid.xs.clone(), rows)
                }
            };
            if !goes_on {
                out.table_start(page.number);
            }
            for cells in rows {
                out.row(page.number, cells);
            }
            last_columns = Some(columns);
            first_on_page = false;
        }
    }
    out
}

enum Piece<'g> {
    Line(String),
    Table { columns: Vec<f32>, rows: Vec<Vec<String>> },
    Grid(&'g Grid),
}

fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 3.0 * SNAP)
}

/// A horizontal or vertical rule as a segment: `at` is its y (horizontal) or x (vertical),
/// `from..to` its extent along the other axis.
#[derive(Debug, Clone, Copy)]
struct Segment {
    at: f32,
    from: f32,
    to: f32,
}

impl Segment {
    fn covers(&self, at: f32, from: f32, to: f32) -> bool {
        // Covers the middle half of the span: a rule drawn per cell still separates.
        (self.at - at).abs() <= SNAP && self.from <= from + 0.25 * (to - from) && self.to >= to - 0.25 * (to - from)
    }
}

/// A table grid: its column and row edges and which grid cells are one merged cell.
#[derive(Debug)]
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// For each grid cell (row-major), the index of the merged cell it belongs to.
    region: Vec<usize>,
}

/// The grids the page's rules draw: groups of touching rules with at least two edges each way.
fn grids(page: &Page) -> Vec<Grid> {
    let (hs, vs) = segments(&page.rules);
    // Union-find over all segments; a horizontal and a vertical one touching are one group.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let touch = v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;
            if touch {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> = std::collections::BTreeMap::new();
    for (i, h) in hs.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        let root = find(&mut parent, hs.len() + j);
        groups.entry(root).or_default().1.push(*v);
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| Grid::new(&h, &v))
        .collect();
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    grids
}

/// Thin rules as segments, collinear pieces that touch joined into one.
fn segments(rules: &[Rule]) -> (Vec<Segment>, Vec<Segment>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rules {
        if r.is_horizontal(THICK) {
            hs.push(Segment { at: f32::midpoint(r.y0, r.y1), from: r.x0, to: r.x1 });
        } else if r.is_vertical(THICK) {
            vs.push(Segment { at: f32::midpoint(r.x0, r.x1), from: r.y0, to: r.y1 });
        }
    }
    (join(hs), join(vs))
}

fn join(mut segments: Vec<Segment>) -> Vec<Segment> {
    segments.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for s in segments {
        // Collinear and touching (a scanned rule's position jitters by a fraction of a point,
        // so a piece sorted later may start further left).
        if let Some(last) = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l.at - s.at).abs() <= SNAP / 2.0 && s.from <= l.to + SNAP && s.to >= l.from - SNAP)
        {
            last.from = last.from.min(s.from);
            last.to = last.to.max(s.to);
            continue;
        }
        out.push(s);
    }
    out
}

/// The root of `i` in a union-find forest, halving paths on the way.
fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// Distinct positions, those closer than [`SNAP`] taken as one.
fn edges(mut positions: Vec<f32>) -> Vec<f32> {
    positions.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for p in positions {
        match out.last() {
            Some(&last) if p - last <= SNAP => {}
            _ => out.push(p),
        }
    }
    out
}

impl Grid {
    fn new(hs: &[Segment], vs: &[Segment]) -> Option<Grid> {
        let left = hs.iter().map(|h| h.from).fold(f32::INFINITY, f32::min);
        let right = hs.iter().map(|h| h.to).fold(f32::NEG_INFINITY, f32::max);
        let top = vs.iter().map(|v| v.from).fold(f32::INFINITY, f32::min);
        let bottom = vs.iter().map(|v| v.to).fold(f32::NEG_INFINITY, f32::max);
        // Tables drawn without outer side borders still end where their rows end; a scanned
        // rule that only overshoots the border by a little adds no sliver of a row or column.
        let bounded = |at: Vec<f32>, bounds: [f32; 2]| {
            let far = |b: &f32| at.iter().all(|a| (a - b).abs() > OVERSHOOT);
            let bounds: Vec<f32> = bounds.into_iter().filter(far).collect();
            edges(at.into_iter().chain(bounds).collect())
        };
        let xs = bounded(vs.iter().map(|v| v.at).collect(), [left, right]);
        let ys = bounded(hs.iter().map(|h| h.at).collect(), [top, bottom]);
        if xs.len() < 2 || ys.len() < 2 || right - left < 20.0 || bottom - top < 8.0 {
            return None;
        }
        let (cols, rows) = (xs.len() - 1, ys.len() - 1);
        let mut region: Vec<usize> = (0..cols * rows).collect();
        let union = |p: &mut Vec<usize>, a: usize, b: usize| {
            let (ra, rb) = (find(p, a), find(p, b));
            if ra != rb {
                p[ra.max(rb)] = ra.min(rb);
            }
        };
        for r in 0..rows {
            for c in 0..cols {
                let (x0, x1, y0, y1) = (xs[c], xs[c + 1], ys[r], ys[r + 1]);
                if c + 1 < cols && !vs.iter().any(|v| v.covers(x1, y0, y1)) {
                    union(&mut region, r * cols + c, r * cols + c + 1);
                }
                if r + 1 < rows && !hs.iter().any(|h| h.covers(y1, x0, x1)) {
                    union(&mut region, r * cols + c, (r + 1) * cols + c);
                }
            }
        }
        for i in 0..region.len() {
            region[i] = find(&mut region, i);
        }
        Some(Grid { xs, ys, region })
    }

    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn cell_at(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        let c = self.xs.windows(2).position(|w| x >= w[0] && x < w[1])?;
        let r = self.ys.windows(2).position(|w| y >= w[0] && y < w[1])?;
        Some((r, c))
    }

    /// The grid's rows of cell texts, and for each column the text of a merged cell that runs
    /// to the grid's bottom (cut by the page break). `inherit` is that of the table this one
    /// goes on from: an empty merged cell at the top of the body takes its text.
    fn rows(&self, words: &[Word], inherit: Option<&[Option<String>]>) -> (Vec<Vec<String>>, Vec<Option<String>>) {
        let cols = self.cols();
        let rows = self.ys.len() - 1;
        let mut in_region: std::collections::HashMap<usize, Vec<&Word>> = std::collections::HashMap::new();
        for w in words {
            let (x, y) = w.center();
            if let Some((r, c)) = self.cell_at(x, y) {
                in_region.entry(self.region[r * cols + c]).or_default().push(w);
            }
        }
        let mut text: std::collections::HashMap<usize, String> =
            in_region.into_iter().map(|(region, words)| (region, cell_text(&words))).collect();
        // The header: the rows the first row's merged cells reach, when the first row is one.
        let first_row: Vec<String> = (0..cols)
            .map(|c| {
                let region = self.region[c];
                if region == c { text.get(&region).cloned().unwrap_or_default() } else { String::new() }
            })
            .collect();
        let known = first_row.iter().filter(|t| !t.is_empty() && !matches!(classify(t), Column::Other(_))).count();
        let header_rows = if known >= 2 {
            (0..cols)
                .map(|c| {
                    let region = self.region[c];
                    (0..rows).rev().find(|&r| (0..cols).any(|cc| self.region[r * cols + cc] == region)).unwrap_or(0) + 1
                })
                .max()
                .unwrap_or(1)
        } else {
            0
        };
        let number_column: Vec<bool> =
            (0..cols).map(|c| c == 0 || (header_rows > 0 && classify(&first_row[c]) == Column::Code)).collect();
        if let Some(inherit) = inherit
            && header_rows < rows
        {
            for (c, carried) in inherit.iter().enumerate().take(cols) {
                let region = self.region[header_rows * cols + c];
                if let Some(carried) = carried
                    && region % cols == c
                    && region / cols == header_rows
                    && !number_column[c]
                    && text.get(&region).is_none_or(String::is_empty)
                {
                    text.insert(region, carried.clone());
                }
            }
        }
        let cut = (0..cols)
            .map(|c| {
                let region = self.region[(rows - 1) * cols + c];
                let merged = region / cols < rows - 1 && region / cols >= header_rows;
                (merged && region % cols == c).then(|| text.get(&region).cloned()).flatten().filter(|t| !t.is_empty())
            })
            .collect();
        let mut out = Vec::with_capacity(rows);
        for r in 0..rows {
            let mut cells = vec![String::new(); cols];
            for c in 0..cols {
                let region = self.region[r * cols + c];
                let (top_row, left_col) = (region / cols, region % cols);
                if left_col != c {
                    continue;
                }
                let starts_here = top_row == r;
                let repeat = !starts_here && r >= header_rows && !number_column[c];
                if starts_here || repeat {
                    cells[c] = text.get(&region).cloned().unwrap_or_default();
                }
            }
            if cells.iter().any(|c| !c.is_empty()) {
                out.push(cells);
            }
        }
        (out, cut)
    }
}

/// The words of one cell in reading order: lines top to bottom, words left to right. A line
/// that starts a new paragraph ("- …", "+ …", after a line ending in ";" or ".") is kept on a
/// line of its own.
fn cell_text(words: &[&Word]) -> String {
    let lines = lines(words);
    let mut out = String::new();
    for line in lines {
        let text = words_text(&line);
        if !out.is_empty() {
            let new_paragraph = text.starts_with(['-', '+', '•', '*', '–']) || out.ends_with([';', '.', ':']);
            // "VP HĐND-" over "UBND" is one word broken after its hyphen.
            let mut tail = out.chars().rev();
            let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
            if new_paragraph && !hyphenated {
                out.push('\n');
            } else if !hyphenated {
                out.push(' ');
            }
        }
        out.push_str(&text);
    }
    out
}

/// Words side by side as text.
fn words_text(words: &[&Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Words grouped into lines (a word whose middle lies within the line's height joins it),
/// lines sorted top to bottom and words left to right.
fn lines<'w>(words: &[&'w Word]) -> Vec<Vec<&'w Word>> {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f32, f32, Vec<&Word>)> = Vec::new(); // y0, y1, words
    for w in sorted {
        let (_, mid) = w.center();
        match lines.iter_mut().rev().take(3).find(|(y0, y1, _)| mid >= *y0 && mid <= *y1) {
            Some((_, _, ws)) => ws.push(w),
            None => lines.push((w.y0, w.y1, vec![w])),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines
        .into_iter()
        .map(|(_, _, mut ws)| {
            ws.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            ws
        })
        .collect()
}

/// The words outside any ruled table: lines of text, or a table without rules where lines
/// keep three or more columns apart by wide gaps.
fn text_pieces(words: &[&Word]) -> Vec<(f32, Piece<'static>)> {
    let lines = lines(words);
    let segmented: Vec<Vec<Vec<&Word>>> = lines.iter().map(|l| split_at_gaps(l)).collect();
    // The text's right margin: where most full lines end.
    let mut ends: Vec<f32> = lines.iter().filter_map(|l| l.last().map(|w| w.x1)).collect();
    ends.sort_by(f32::total_cmp);
    let margin = ends.get(ends.len() * 9 / 10).copied().unwrap_or(0.0);
    let mut pieces = Vec::new();
    // The open paragraph: its top, its text, its last line's bottom and whether that line was full.
    let mut open: Option<(f32, String, f32, bool)> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some((end, columns, rows)) = unruled_table(&segmented, i) {
            if let Some((y, text, _, _)) = open.take() {
                pieces.push((y, Piece::Line(text)));
            }
            pieces.push((lines[i][0].y0, Piece::Table { columns, rows }));
            i = end;
            continue;
        }
        for segment in &segmented[i] {
            let text = words_text(segment);
            let (x1, top, bottom) = (segment[segment.len() - 1].x1, segment[0].y0, segment[0].y1);
            let height = (bottom - top).max(4.0);
            let single = segmented[i].len() == 1;
            let full = single && x1 >= margin - 2.0 * height;
            // A wrapped line goes on the paragraph whose full last line is just above it.
            let goes_on = single
                && open.as_ref().is_some_and(|(_, _, last_bottom, last_full)| {
                    *last_full && top - last_bottom < 0.9 * height && !starts_paragraph(&text)
                });
            match &mut open {
                Some((_, paragraph, last_bottom, last_full)) if goes_on => {
                    paragraph.push(' ');
                    paragraph.push_str(&text);
                    *last_bottom = bottom;
                    *last_full = full;
                }
                _ => {
                    if let Some((y, text, _, _)) = open.take() {
                        pieces.push((y, Piece::Line(text)));
                    }
                    open = Some((top, text, bottom, full));
                }
            }
        }
        i += 1;
    }
    if let Some((y, text, _, _)) = open.take() {
        pieces.push((y, Piece::Line(text)));
    }
    pieces
}

/// Whether a line starts a paragraph of its own: a list mark, an item number or a heading.
fn starts_paragraph(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    line.starts_with(['-', '+', '•', '*', '–', '\u{f0b7}'])
        || crate::code::Code::parse(first).is_some()
        || chitieu_core::text::key(line).starts_with("phụ lục")
}

/// A line's words split where the gap is wider than about two letters' height: the columns of
/// a table without rules, or the two blocks of an official letter's heading.
fn split_at_gaps<'w>(line: &[&'w Word]) -> Vec<Vec<&'w Word>> {
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for w in line {
        match out.last_mut() {
            Some(seg) if w.x0 - seg.last().map_or(0.0, |l| l.x1) <= 2.2 * w.height().max(4.0) => seg.push(w),
            _ => out.push(vec![w]),
        }
    }
    out
}

fn span(segment: &[&Word]) -> (f32, f32) {
    (segment.first().map_or(0.0, |w| w.x0), segment.last().map_or(0.0, |w| w.x1))
}

/// A table without rules starting at line `start`: three or more lines of three or more
/// columns, with the lines between them (a cell's second line) inside those columns. Returns
/// the line after it, its column edges and rows.
fn unruled_table(lines: &[Vec<Vec<&Word>>], start: usize) -> Option<(usize, Vec<f32>, Vec<Vec<String>>)> {
    if lines[start].len() < 3 {
        return None;
    }
    // Gutters: x ranges no segment of the table's lines covers.
    let mut covered: Vec<(f32, f32)> = lines[start].iter().map(|s| span(s)).collect();
    let mut end = start + 1;
    let mut wide = 1;
    while end < lines.len() {
        let spans: Vec<(f32, f32)> = lines[end].iter().map(|s| span(s)).collect();
        let gutters = gutters(&covered);
        let crosses = spans.iter().any(|&(a, b)| gutters.iter().any(|&(g0, g1)| a < g0 && b > g1));
        if crosses {
            break;
        }
        if spans.len() >= 3 {
            wide += 1;
        }
        covered.extend(spans);
        end += 1;
    }
    let gutters = gutters(&covered);
    if wide < 3 || gutters.len() < 2 {
        return None;
    }
    // Lines before the first numbered one are the header, however many lines its words take.
    let numbered = |line: &Vec<Vec<&Word>>| {
        line.first().and_then(|seg| seg.first()).is_some_and(|w| crate::code::Code::parse(&w.text).is_some())
    };
    let body = lines[start..end].iter().position(numbered).unwrap_or(0);
    let mut columns: Vec<f32> = vec![covered.iter().map(|c| c.0).fold(f32::INFINITY, f32::min)];
    columns.extend(gutters.iter().map(|&(a, b)| f32::midpoint(a, b)));
    columns.push(covered.iter().map(|c| c.1).fold(f32::NEG_INFINITY, f32::max));
    let cells_of = |line: &Vec<Vec<&Word>>| {
        let mut cells = vec![String::new(); columns.len() - 1];
        for seg in line {
            let (a, _) = span(seg);
            let c = columns.windows(2).position(|w| a >= w[0] - 1.0 && a < w[1]).unwrap_or(0);
            let text = words_text(seg);
            if !cells[c].is_empty() {
                cells[c].push(' ');
            }
            cells[c].push_str(&text);
        }
        cells
    };
    // Rows are bands of lines: the space between two rows (their cells' padding) is wider than
    // the space between two lines of one cell. A band's cells are its lines' words by column.
    let top = |line: &Vec<Vec<&Word>>| line.iter().flatten().map(|w| w.y0).fold(f32::INFINITY, f32::min);
    let bottom = |line: &Vec<Vec<&Word>>| line.iter().flatten().map(|w| w.y1).fold(f32::NEG_INFINITY, f32::max);
    let region = &lines[start..end];
    let gaps: Vec<f32> = region.windows(2).map(|w| top(&w[1]) - bottom(&w[0])).collect();
    let tightest = gaps.iter().copied().fold(f32::INFINITY, f32::min);
    let height = region.iter().flatten().flatten().map(|w| w.height()).fold(0.0, f32::max).max(4.0);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, line) in region.iter().enumerate() {
        let cells = cells_of(line);
        let same_band = i > 0 && gaps[i - 1] <= tightest + 0.3 * height && tightest < 0.5 * height;
        match rows.last_mut() {
            Some(previous) if i < body || (i > body && same_band) => {
                for (into, more) in previous.iter_mut().zip(cells) {
                    if !more.is_empty() {
                        if !into.is_empty() {
                            into.push(' ');
                        }
                        into.push_str(&more);
                    }
                }
            }
            _ => rows.push(cells),
        }
    }
    Some((end, columns, rows))
}

/// The gaps between covered x ranges, left to right.
fn gutters(covered: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut spans = covered.to_vec();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for (a, b) in spans {
        if reach.is_finite() && a > reach + 2.0 {
            out.push((reach, a));
        }
        reach = reach.max(b);
    }
    out
}

#[cfg(test)]
mod tests;
