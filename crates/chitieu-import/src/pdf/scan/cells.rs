//! A table's cells as the regions its rules enclose: on a coarse grid (about a point a
//! square) the rules are walls, the paper between them is flooded, and every flooded region
//! that does not reach the page's edge is a cell — a merged cell comes out as one region
//! because no rule divides it. The rules' own squares go to the region nearest them. The rest
//! of the page (outside tables) is what reaches the edge.

use super::PixelBox;

/// The smallest cell worth reading, in points (width, height).
const MIN_CELL: (f32, f32) = (6.0, 6.0);
/// Rules are thickened by this much (points) so that lines which stop just short of each
/// other still close a cell.
const CLOSE: f32 = 1.5;

/// The enclosed regions of a page and which pixels belong to each.
#[derive(Debug)]
pub struct Regions {
    /// Pixels per grid square.
    scale: u32,
    columns: u32,
    /// For each grid square (row-major), its cell's index + 1, or 0 (outside the cells).
    labels: Vec<u32>,
    /// The cells' boxes in pixels, top to bottom, then left to right.
    pub cells: Vec<PixelBox>,
}

impl Regions {
    /// Whether pixel (x, y) is inside cell `i`.
    pub fn owns(&self, i: usize, x: u32, y: u32) -> bool {
        let at = (y / self.scale) as usize * self.columns as usize + (x / self.scale) as usize;
        self.labels.get(at).is_some_and(|&l| l as usize == i + 1)
    }

    /// Whether pixel (x, y) is inside any cell.
    pub fn in_a_cell(&self, x: u32, y: u32) -> bool {
        let at = (y / self.scale) as usize * self.columns as usize + (x / self.scale) as usize;
        self.labels.get(at).is_some_and(|&l| l != 0)
    }
}

/// The regions `rules` enclose on a `width` × `height` page at `dpi`. The rules' own squares
/// go to the nearest region, so text touching a rule stays with its cell.
pub fn enclosed(rules: &[PixelBox], width: u32, height: u32, dpi: f32) -> Regions {
    let scale = (dpi / 72.0).round().max(1.0) as u32;
    let (columns, rows) = (width.div_ceil(scale), height.div_ceil(scale));
    let (cw, ch) = (columns as usize, rows as usize);
    let close = (CLOSE * dpi / 72.0) as u32;
    let mut wall = vec![false; cw * ch];
    for r in rules {
        let (x0, y0) = (r.x0.saturating_sub(close) / scale, r.y0.saturating_sub(close) / scale);
        let (x1, y1) = (((r.x1 + close).div_ceil(scale)).min(columns), ((r.y1 + close).div_ceil(scale)).min(rows));
        for y in y0..y1 {
            wall[y as usize * cw + x0 as usize..y as usize * cw + x1 as usize].fill(true);
        }
    }
    let neighbours = |at: usize| {
        let (x, y) = (at % cw, at / cw);
        [(x > 0).then(|| at - 1), (x + 1 < cw).then(|| at + 1), (y > 0).then(|| at - cw), (y + 1 < ch).then(|| at + cw)]
            .into_iter()
            .flatten()
    };
    // Flood fill every region, noting which reach the page's edge.
    let mut region = vec![u32::MAX; cw * ch];
    let mut edge: Vec<bool> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..cw * ch {
        if wall[start] || region[start] != u32::MAX {
            continue;
        }
        let id = edge.len() as u32;
        let mut reaches_edge = false;
        region[start] = id;
        stack.push(start);
        while let Some(at) = stack.pop() {
            let (x, y) = (at % cw, at / cw);
            reaches_edge |= x == 0 || y == 0 || x + 1 == cw || y + 1 == ch;
            for n in neighbours(at) {
                if !wall[n] && region[n] == u32::MAX {
                    region[n] = id;
                    stack.push(n);
                }
            }
        }
        edge.push(reaches_edge);
    }
    // The walls, breadth first from every region at once, to the region nearest them.
    let mut queue: std::collections::VecDeque<usize> = (0..cw * ch).filter(|&at| region[at] != u32::MAX).collect();
    while let Some(at) = queue.pop_front() {
        for n in neighbours(at) {
            if region[n] == u32::MAX {
                region[n] = region[at];
                queue.push_back(n);
            }
        }
    }
    let mut boxes: Vec<Option<PixelBox>> = vec![None; edge.len()];
    for (at, &id) in region.iter().enumerate() {
        if id == u32::MAX {
            continue;
        }
        let (x, y) = ((at % cw) as u32, (at / cw) as u32);
        let b = boxes[id as usize].get_or_insert(PixelBox { x0: x, y0: y, x1: x + 1, y1: y + 1 });
        *b = PixelBox { x0: b.x0.min(x), y0: b.y0.min(y), x1: b.x1.max(x + 1), y1: b.y1.max(y + 1) };
    }
    // Cells: the regions off the edge that are big enough, in pixels.
    let min = ((MIN_CELL.0 * dpi / 72.0) as u32, (MIN_CELL.1 * dpi / 72.0) as u32);
    let mut cells: Vec<(u32, PixelBox)> = boxes
        .iter()
        .enumerate()
        .filter(|&(id, _)| !edge[id])
        .filter_map(|(id, b)| {
            let b = (*b)?;
            let px = PixelBox {
                x0: b.x0 * scale,
                y0: b.y0 * scale,
                x1: (b.x1 * scale).min(width),
                y1: (b.y1 * scale).min(height),
            };
            Some((id as u32, px))
        })
        .filter(|(_, b)| b.width() >= min.0 && b.height() >= min.1)
        .collect();
    cells.sort_by_key(|(_, b)| (b.y0, b.x0));
    let mut label_of = vec![0u32; edge.len()];
    for (i, (id, _)) in cells.iter().enumerate() {
        label_of[*id as usize] = i as u32 + 1;
    }
    let labels = region.iter().map(|&r| if r == u32::MAX { 0 } else { label_of[r as usize] }).collect();
    Regions { scale, columns, labels, cells: cells.into_iter().map(|(_, b)| b).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: u32, x0: u32, x1: u32) -> PixelBox {
        PixelBox { x0, y0: y, x1, y1: y + 3 }
    }

    fn v(x: u32, y0: u32, y1: u32) -> PixelBox {
        PixelBox { x0: x, y0, x1: x + 3, y1 }
    }

    #[test]
    fn a_grid_with_a_merged_cell() {
        // Two columns, three rows; the right column's lower two rows are one cell.
        let rules = [
            h(100, 100, 903),
            h(300, 100, 903),
            h(500, 100, 500),
            h(700, 100, 903),
            v(100, 100, 703),
            v(500, 100, 703),
            v(900, 100, 703),
        ];
        let regions = enclosed(&rules, 1000, 800, 300.0);
        assert_eq!(regions.cells.len(), 5, "{:?}", regions.cells);
        let merged = regions.cells.iter().position(|c| c.x0 < 700 && 700 < c.x1 && c.y0 < 500 && 500 < c.y1);
        let merged = merged.expect("the merged cell");
        let cell = regions.cells[merged];
        assert!(cell.y1 > 680 && cell.y0 < 320, "{cell:?}");
        assert!(regions.owns(merged, 700, 600) && regions.owns(merged, 700, 400));
        assert!(!regions.owns(merged, 300, 400) && !regions.in_a_cell(50, 50));
        // Text just inside a rule (2 px from it) is its cell's.
        assert!(regions.owns(merged, 506, 400) && regions.owns(merged, 700, 305));
        for c in &regions.cells {
            assert!(c.x0 >= 80 && c.x1 <= 925 && c.y0 >= 80 && c.y1 <= 725, "{c:?}");
        }
    }

    #[test]
    fn open_sides_are_not_cells() {
        // Row rules only: nothing is enclosed.
        let rules = [h(100, 100, 900), h(300, 100, 900)];
        assert!(enclosed(&rules, 1000, 800, 300.0).cells.is_empty());
    }
}
