//! Ruling lines in the pixels: a morphological opening with long line kernels, done as runs.
//! Ink here is local contrast ([`Bitmap::darker_than_around`]), so a faint thin rule counts
//! and a shaded cell does not. A horizontal rule is a connected group of long horizontal runs
//! of ink (each row OR-ed with its neighbours first and gaps of a pixel or two bridged, so a
//! line that steps by a pixel or loses some to noise stays whole);
//! vertical rules are the same on the transposed bitmap. Pieces on one line with a small gap
//! are joined, blocks too thick to be lines dropped, and a short piece is kept only where it
//! meets a rule the other way (a table's rule does, a bold word's joined serifs do not).
//! Rules are erased from the grey page before OCR, so Tesseract does not read them as "|"/"_".

use image::GrayImage;

use super::PixelBox;
use super::binary::{Bitmap, Levels};

/// Shortest rule kept where it meets another, in points: horizontal, vertical.
const MIN_HORIZONTAL: f32 = 24.0;
const MIN_VERTICAL: f32 = 16.0;
/// Shortest rule kept on its own, in points.
const MIN_ALONE: f32 = 72.0;
/// Shortest vertical rule kept where it runs from one horizontal rule to another, in points:
/// the column rule of a one-line header row ("2025 | 2030" under "Mức chỉ tiêu") between
/// section rows that span the table.
const MIN_BETWEEN: f32 = 8.0;
/// Thickest rule, in points.
const MAX_THICKNESS: f32 = 4.0;
/// Pieces of one line further apart than this are two rules, in points.
const MAX_GAP: f32 = 3.0;
/// How near a rule's end must come to another to meet it, in points.
const MEET: f32 = 3.0;
/// A short column rule lines up with a long one above or below it within this, in points
/// (a letter's stem, reaching from row rule to row rule in a tight row, does not).
const ALIGNED: f32 = 1.0;
/// How near a short column rule's ends must come to the row rules it runs between, in points.
const TOUCH: f32 = 1.5;
/// Gaps in a run this long or shorter are bridged, in points.
const BRIDGE: f32 = 0.5;
/// A rule pixel is darker than the paper around it by this share of the ink's contrast.
const CONTRAST: f32 = 0.2;
/// Along a rule, the strips just beside it (from [`SIDE_OFFSET`] out, [`SIDE_WIDTH`] wide, in
/// points) are mostly paper: at most this share ink. A run along a line of text has the
/// letters' stems on one side. Beside a rule longer than [`LONG`] only text counts (by the
/// global threshold): the shaded band of a section row is not text, and no line of text
/// runs that long unbroken.
const SIDE_INK: f32 = 0.35;
const SIDE_OFFSET: f32 = 0.5;
const SIDE_WIDTH: f32 = 1.0;
const LONG: f32 = 144.0;

/// The pixels that may be rules: darker than the paper around them (within a little more than
/// the thickest rule) by [`CONTRAST`] of the page's ink-to-paper contrast.
fn ink(image: &GrayImage, levels: Levels, dpi: f32) -> Bitmap {
    let contrast = (CONTRAST * (levels.paper - levels.ink)).clamp(12.0, 80.0) as u8;
    let reach = ((MAX_THICKNESS + 1.0) * dpi / 72.0).ceil() as u32;
    Bitmap::darker_than_around(image, contrast, reach)
}

/// The ruling lines of a straight grey page, in pixels, horizontal ones first: runs of local
/// contrast ink ([`ink`]) with little of it beside them, or for long runs little text (ink by
/// the global threshold), each trimmed to its darkest lines ([`trim`]).
pub fn find(image: &GrayImage, levels: Levels, dpi: f32) -> Vec<PixelBox> {
    let text = Bitmap::from_gray(image, levels.threshold);
    let ink = &ink(image, levels, dpi);
    let px = |pt: f32| (pt * dpi / 72.0).round().max(1.0) as u32;

    let bridge = (BRIDGE * dpi / 72.0).round() as usize;
    let lines = |ink: &Bitmap, text: &Bitmap, min: f32| -> Vec<PixelBox> {
        let min = px(min);
        let pieces = join(runs(ink, min, bridge, px(MAX_THICKNESS)), px(MAX_GAP), px(MAX_THICKNESS));
        let clear = |of: &Bitmap, p: &PixelBox| clear_sides(of, p, px(SIDE_OFFSET), px(SIDE_WIDTH));
        pieces.into_iter().filter(|p| clear(ink, p) || (p.width() >= px(LONG) && clear(text, p))).collect()
    };
    let horizontal: Vec<PixelBox> =
        lines(ink, &text, MIN_HORIZONTAL.min(MIN_VERTICAL)).into_iter().map(|h| trim(image, h, true)).collect();
    let (ink_t, text_t) = (ink.transposed(), text.transposed());
    let vertical: Vec<PixelBox> = lines(&ink_t, &text_t, MIN_VERTICAL)
        .into_iter()
        .map(|b| trim(image, PixelBox { x0: b.y0, y0: b.x0, x1: b.y1, y1: b.x1 }, false))
        .collect();
    let meet = px(MEET);
    let meets = |a: &PixelBox, b: &PixelBox| {
        a.x0 <= b.x1 + meet && b.x0 <= a.x1 + meet && a.y0 <= b.y1 + meet && b.y0 <= a.y1 + meet
    };
    let keep = |r: &PixelBox, length: u32, min: u32, others: &[PixelBox]| {
        length >= px(MIN_ALONE) || (length >= min && others.iter().any(|o| meets(r, o)))
    };
    // A short vertical piece that runs from a horizontal rule down to another is a column rule;
    // a letter's stem in a one-line row stops a point or two short of them.
    let touch = px(TOUCH);
    let between = |v: &PixelBox| {
        // An end within `touch` of a row rule's middle line (it may pierce the rule a little).
        let reaches = |y: u32| {
            horizontal.iter().any(|h| {
                h.x0 <= v.x1 + meet
                    && v.x0 <= h.x1 + meet
                    && (h.y0 + h.y1).div_ceil(2).abs_diff(y) <= touch + h.height()
            })
        };
        v.height() >= px(MIN_BETWEEN) && reaches(v.y0) && reaches(v.y1)
    };
    let mut out: Vec<PixelBox> =
        horizontal.iter().filter(|h| keep(h, h.width(), px(MIN_HORIZONTAL), &vertical)).copied().collect();
    out.extend(vertical.iter().filter(|v| keep(v, v.height(), px(MIN_VERTICAL), &horizontal)));
    // Short column rules: looked for apart, so that the strokes of letters beside a long rule
    // (found with it at this length) cannot thicken it into a block.
    // A cell's text may start right after the rule: one side clear is enough, the rule running
    // from row rule to row rule says the rest.
    let short = join(runs(&ink_t, px(MIN_BETWEEN), bridge, px(MAX_THICKNESS)), px(MAX_GAP), px(MAX_THICKNESS))
        .into_iter()
        .filter(|p| {
            let (left, right) = side_ink(&ink_t, p, px(SIDE_OFFSET), px(SIDE_WIDTH));
            left.min(right) <= SIDE_INK
        })
        .map(|b| trim(image, PixelBox { x0: b.y0, y0: b.x0, x1: b.y1, y1: b.x1 }, false))
        .filter(|s| {
            let aligned = |v: &PixelBox| (v.x0 + v.x1).abs_diff(s.x0 + s.x1) <= 2 * px(ALIGNED);
            between(s) && !vertical.iter().any(|v| meets(s, v)) && vertical.iter().any(aligned)
        });
    out.extend(short.collect::<Vec<_>>());
    out
}

/// The rule `r` narrowed to its dark core: the lines along it (rows of a horizontal rule,
/// columns of a vertical one) whose mean grey is nearer its darkest line's than its lightest's.
/// A shaded band beside a rule is local-contrast ink near its edge and would thicken it.
fn trim(image: &GrayImage, r: PixelBox, horizontal: bool) -> PixelBox {
    let (across, along) = if horizontal { (r.y0..r.y1, r.x0..r.x1) } else { (r.x0..r.x1, r.y0..r.y1) };
    let n = along.len().max(1) as u32;
    let means: Vec<u32> = across
        .clone()
        .map(|a| {
            let sum: u32 = along
                .clone()
                .map(|b| u32::from(if horizontal { image.get_pixel(b, a) } else { image.get_pixel(a, b) }.0[0]))
                .sum();
            sum / n
        })
        .collect();
    let (Some(&darkest), Some(&lightest)) = (means.iter().min(), means.iter().max()) else { return r };
    let cut = u32::midpoint(darkest, lightest);
    let first = means.iter().position(|&m| m <= cut).unwrap_or(0) as u32;
    let last = means.iter().rposition(|&m| m <= cut).unwrap_or(means.len() - 1) as u32;
    let (from, to) = (across.start + first, across.start + last + 1);
    if horizontal { PixelBox { y0: from, y1: to, ..r } } else { PixelBox { x0: from, x1: to, ..r } }
}

/// Whitens the rules, and their blur round them (half a point), on the grey page.
pub fn erase(image: &mut GrayImage, rules: &[PixelBox], dpi: f32) {
    let (w, h) = (image.width(), image.height());
    let halo = (0.5 * dpi / 72.0).ceil() as u32;
    for r in rules {
        for y in r.y0.saturating_sub(halo)..(r.y1 + halo).min(h) {
            for x in r.x0.saturating_sub(halo)..(r.x1 + halo).min(w) {
                image.put_pixel(x, y, image::Luma([255]));
            }
        }
    }
}

/// Whether the strips above and below horizontal piece `p` (`offset` pixels away, `width`
/// high) are mostly free of `ink`.
fn clear_sides(ink: &Bitmap, p: &PixelBox, offset: u32, width: u32) -> bool {
    let (above, below) = side_ink(ink, p, offset, width);
    above <= SIDE_INK && below <= SIDE_INK
}

/// The shares of `ink` in the strips above and below horizontal piece `p`.
fn side_ink(ink: &Bitmap, p: &PixelBox, offset: u32, width: u32) -> (f32, f32) {
    let share = |rows: std::ops::Range<u32>| -> f32 {
        let rows = rows.start.min(ink.height)..rows.end.min(ink.height);
        let total = rows.len() * p.width() as usize;
        if total == 0 {
            return 0.0;
        }
        let dark: usize = rows.map(|y| ink.row(y)[p.x0 as usize..p.x1 as usize].iter().filter(|&&b| b).count()).sum();
        dark as f32 / total as f32
    };
    let above = share(p.y0.saturating_sub(offset + width)..p.y0.saturating_sub(offset));
    let below = share(p.y1 + offset..p.y1 + offset + width);
    (above, below)
}

/// Groups of touching horizontal runs of at least `min` pixels (each row OR-ed with the rows
/// above and below, gaps of up to `bridge` pixels bridged) as boxes, those thicker than
/// `max_thickness` dropped.
fn runs(ink: &Bitmap, min: u32, bridge: usize, max_thickness: u32) -> Vec<PixelBox> {
    let (w, h) = (ink.width as usize, ink.height as usize);
    // (row, x0, x1) of every long run, row by row; `starts[y]` indexes the first of row y.
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
    let mut starts = Vec::with_capacity(h + 1);
    let mut merged = vec![false; w];
    for y in 0..h {
        starts.push(found.len());
        merged.copy_from_slice(ink.row(y as u32));
        for near in [y.wrapping_sub(1), y + 1] {
            if near < h {
                for (m, &b) in merged.iter_mut().zip(ink.row(near as u32)) {
                    *m |= b;
                }
            }
        }
        let mut x = 0;
        while x < w {
            if !merged[x] {
                x += 1;
                continue;
            }
            let start = x;
            let mut end = x;
            while x < w && x <= end + bridge {
                if merged[x] {
                    end = x;
                }
                x += 1;
            }
            let end = end + 1;
            if (end - start) as u32 >= min {
                found.push((y as u32, start as u32, end as u32));
            }
            x = end;
        }
    }
    starts.push(found.len());
    // Union-find: a run joins the runs of the row above that overlap it.
    let mut parent: Vec<usize> = (0..found.len()).collect();
    for y in 1..h {
        let (above, here) = (starts[y - 1]..starts[y], starts[y]..starts[y + 1]);
        for i in here {
            for j in above.clone() {
                if found[j].1 < found[i].2 && found[i].1 < found[j].2 {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut boxes: std::collections::BTreeMap<usize, PixelBox> = std::collections::BTreeMap::new();
    for (i, &(y, x0, x1)) in found.iter().enumerate() {
        let r = root(&mut parent, i);
        let b = boxes.entry(r).or_insert(PixelBox { x0, y0: y, x1, y1: y + 1 });
        b.x0 = b.x0.min(x0);
        b.x1 = b.x1.max(x1);
        b.y0 = b.y0.min(y);
        b.y1 = b.y1.max(y + 1);
    }
    boxes
        .into_values()
        .map(|mut b| {
            // The OR with the neighbouring rows widened the line by a row each side.
            if b.height() >= 3 {
                b.y0 += 1;
                b.y1 -= 1;
            }
            b
        })
        .filter(|b| b.height() <= max_thickness)
        .collect()
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Pieces of one horizontal line (their rows overlapping) with at most `gap` pixels between
/// them as one rule, unless that makes it thicker than `max_thickness`.
fn join(mut pieces: Vec<PixelBox>, gap: u32, max_thickness: u32) -> Vec<PixelBox> {
    pieces.sort_by_key(|b| (b.x0, b.y0));
    let mut out: Vec<PixelBox> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let same_line = |l: &PixelBox| {
            l.y0 < p.y1 + 1 && p.y0 < l.y1 + 1 && p.x0 <= l.x1 + gap && l.y1.max(p.y1) - l.y0.min(p.y0) <= max_thickness
        };
        if let Some(l) = out.iter_mut().rev().find(|l| same_line(l)) {
            *l = PixelBox { x0: l.x0, y0: l.y0.min(p.y0), x1: l.x1.max(p.x1), y1: l.y1.max(p.y1) };
        } else {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::binary::{Bitmap, levels, otsu_threshold};
    use super::super::skew::tests::table_page;
    use super::super::skew::{estimate, rotate};
    use super::*;

    fn rules(image: &GrayImage) -> Vec<PixelBox> {
        find(image, levels(image), 300.0)
    }

    #[test]
    fn finds_the_grid_of_a_straightened_scan() {
        // The synthetic table (9 row rules at y = 150 + 180·i and 1600, 5 column rules), tilted
        // 1.2° as a scanner would, then straightened.
        let page = table_page(1700, 1800);
        let tilted = rotate(&page, 1.2);
        let angle = estimate(&Bitmap::from_gray(&tilted, otsu_threshold(&tilted)));
        assert!((angle - 1.2).abs() <= 0.2, "angle {angle}");
        let straight = rotate(&tilted, -angle);
        let found = rules(&straight);
        let (h, v): (Vec<&PixelBox>, Vec<&PixelBox>) = found.iter().partition(|r| r.width() > r.height());
        assert_eq!(h.len(), 9, "{h:?}");
        assert_eq!(v.len(), 5, "{v:?}");
        for r in &h {
            assert!(r.height() <= 8 && r.width() >= 1450, "{r:?}");
            assert!(r.x0.abs_diff(100) <= 6, "{r:?}");
        }
        let mut xs: Vec<u32> = v.iter().map(|r| r.x0).collect();
        xs.sort_unstable();
        for (x, want) in xs.iter().zip([100, 220, 800, 1100, 1600]) {
            assert!(x.abs_diff(want) <= 6, "{xs:?}");
        }
        for r in &v {
            assert!(r.width() <= 8 && r.height() >= 1400 && r.y0.abs_diff(150) <= 6, "{r:?}");
        }
    }

    #[test]
    fn a_short_column_rule_between_two_row_rules_is_kept_a_letter_stem_is_not() {
        // Row rules at y = 100 and 155 (13 pt apart at 300 dpi), a section row below to 200, and
        // body rows to 600. The column rule at x = 600 runs 100..155 and again 200..600; a
        // letter's stem at x = 900 fills its row as tightly, with no column there.
        let mut page = GrayImage::from_pixel(1200, 700, image::Luma([250]));
        let mut ink = |xs: std::ops::Range<u32>, ys: std::ops::Range<u32>| {
            for y in ys {
                for x in xs.clone() {
                    page.put_pixel(x, y, image::Luma([20]));
                }
            }
        };
        for y in [100, 155, 200, 600] {
            ink(50..1150, y..y + 3);
        }
        ink(600..603, 100..158);
        ink(600..603, 200..603);
        ink(900..904, 104..154);
        let found = rules(&page);
        let short: Vec<&PixelBox> = found.iter().filter(|r| r.height() > r.width() && r.y1 <= 160).collect();
        assert_eq!(short.len(), 1, "{found:?}");
        assert!(short[0].x0.abs_diff(600) <= 2, "{short:?}");
    }

    #[test]
    fn text_alone_has_no_rules() {
        // The synthetic table's text strokes (22 px dashes, 14 px underscores) are not rules.
        let mut page = table_page(1700, 1800);
        for (x, y, p) in page.enumerate_pixels_mut() {
            let on_rule = [150u32, 330, 510, 690, 870, 1050, 1230, 1410, 1600].iter().any(|&r| (r..r + 3).contains(&y))
                || [100u32, 220, 800, 1100, 1600].iter().any(|&c| (c..c + 3).contains(&x));
            if on_rule {
                p.0[0] = 240;
            }
        }
        assert_eq!(rules(&page), vec![]);
    }

    #[test]
    fn a_broken_line_is_one_rule_and_a_short_lone_dash_none() {
        let mut page = GrayImage::from_pixel(1200, 300, image::Luma([250]));
        for x in (50..1150).filter(|x| !(600..606).contains(x)) {
            for y in 100..103 {
                page.put_pixel(x, y, image::Luma([10]));
            }
        }
        for x in 50..200 {
            page.put_pixel(x, 200, image::Luma([10]));
        }
        let found = rules(&page);
        assert_eq!(found, vec![PixelBox { x0: 50, y0: 100, x1: 1150, y1: 103 }]);
    }

    #[test]
    fn a_rule_beside_a_shaded_band_stays_thin() {
        // A section row shaded at 208 (rows 103..160) under a rule at rows 100..103.
        let page = GrayImage::from_fn(1200, 300, |x, y| {
            let v = match (x, y) {
                (50..1150, 100..103) => 40,
                (50..1150, 103..160) => 208,
                (_, 200..202) if (300..1100).contains(&x) => 30,
                _ => 236,
            };
            image::Luma([v])
        });
        let found = rules(&page);
        assert!(found.contains(&PixelBox { x0: 50, y0: 100, x1: 1150, y1: 103 }), "{found:?}");
    }

    #[test]
    fn erasing_whitens_the_rules() {
        let page = table_page(1700, 1800);
        let mut clean = page.clone();
        let found = rules(&page);
        erase(&mut clean, &found, 300.0);
        assert_eq!(rules(&clean), vec![]);
        assert_eq!(clean.get_pixel(400, 151).0[0], 255);
    }
}
