//! Section numerals OCR cannot read: a bold "I." or "II." alone in its cell comes out of both
//! models as nothing, "L", "i" or "¬". Their shape is plain: one to three upright bars of the
//! same height side by side, and perhaps a dot at their foot.

use image::GrayImage;

use super::binary::{Blob, blobs};

/// A bar is at least this share of the tallest glyph's height, and at most this share as wide
/// as it is high.
const BAR_HEIGHT: f32 = 0.85;
const BAR_WIDTH: f32 = 0.7;
/// A bar is mostly ink (its box this full at least).
const BAR_FILL: f32 = 0.45;
/// A dot is at most this share of the bars' height, each way.
const DOT: f32 = 0.35;

/// "I", "II" or "III" (with a "." when a dot follows) when the ink of `image` (darker than
/// `threshold`) is shaped so.
pub fn numeral(image: &GrayImage, threshold: u8) -> Option<String> {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let ink: Vec<bool> = image.as_raw().iter().map(|&v| v < threshold).collect();
    let mut glyphs: Vec<_> = blobs(&ink, w, h).into_iter().filter(|b| b.pixels >= 4).collect();
    glyphs.sort_by_key(|b| b.x0);
    let tallest = glyphs.iter().map(|b| b.y1 - b.y0).max()? as f32;
    let (mut bars, mut dot) = (0, false);
    for (i, g) in glyphs.iter().enumerate() {
        let (gw, gh) = ((g.x1 - g.x0) as f32, (g.y1 - g.y0) as f32);
        let fill = g.pixels as f32 / (gw * gh);
        if !dot && gh >= BAR_HEIGHT * tallest && gw <= BAR_WIDTH * gh && fill >= BAR_FILL && upright(&ink, w, g) {
            bars += 1;
        } else if bars > 0 && i + 1 == glyphs.len() && gh <= DOT * tallest && gw <= DOT * tallest {
            // At the bars' foot.
            let foot = glyphs[..i].iter().map(|b| b.y1).max().unwrap_or(0);
            dot = g.y1.abs_diff(foot) as f32 <= DOT * tallest;
            if !dot {
                return None;
            }
        } else {
            return None;
        }
    }
    (1..=3).contains(&bars).then(|| format!("{}{}", "I".repeat(bars), if dot { "." } else { "" }))
}

/// Whether glyph `g` of bitmap `ink` (`w` wide) is an upright bar: through its middle rows one
/// run of ink that neither moves nor changes width (an "S", a "5" or a "t" does), and at its
/// top as much ink left of the stem as right of it (a "1" has its flag on the left only).
fn upright(ink: &[bool], w: usize, g: &Blob) -> bool {
    let h = g.y1 - g.y0;
    let run = |y: u32| -> Option<(u32, u32)> {
        let row = &ink[y as usize * w..(y as usize + 1) * w];
        let xs: Vec<u32> = (g.x0..g.x1).filter(|&x| row[x as usize]).collect();
        let (first, last) = (*xs.first()?, *xs.last()?);
        // One run: no gap inside it.
        (xs.len() as u32 == last - first + 1).then_some((first, last + 1))
    };
    let middle: Option<Vec<(u32, u32)>> = (g.y0 + h / 5..g.y0 + h * 17 / 20).map(run).collect();
    let Some(mut middle) = middle.filter(|m| !m.is_empty()) else { return false };
    middle.sort_by_key(|(a, b)| b - a);
    let (start, end) = middle[middle.len() / 2];
    let width = end - start;
    let slack = (width * 3 / 10).max(2);
    let straight = middle.iter().all(|&(a, b)| a.abs_diff(start) <= slack && b.abs_diff(end) <= slack);
    let top: Vec<(u32, u32)> = (g.y0..g.y0 + (h / 8).max(1)).filter_map(|y| run(y).or(Some((start, end)))).collect();
    let left = top.iter().map(|&(a, _)| start.saturating_sub(a)).max().unwrap_or(0);
    let right = top.iter().map(|&(_, b)| b.saturating_sub(end)).max().unwrap_or(0);
    straight && left.abs_diff(right) <= (width / 2).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white image with bold bars (10 × 40 px, serifs 18 px wide) at `xs`, and a dot at the
    /// foot after them when `dot`.
    fn bars(xs: &[u32], dot: bool) -> GrayImage {
        let mut image = GrayImage::from_pixel(140, 60, image::Luma([255]));
        for &x in xs {
            for y in 10..50 {
                let serif = !(14..46).contains(&y);
                let (from, to) = if serif { (x.saturating_sub(4), x + 14) } else { (x, x + 10) };
                for px in from..to {
                    image.put_pixel(px, y, image::Luma([0]));
                }
            }
        }
        if dot {
            let x = xs.iter().max().copied().unwrap_or(0) + 22;
            for y in 43..50 {
                for px in x..x + 7 {
                    image.put_pixel(px, y, image::Luma([0]));
                }
            }
        }
        image
    }

    #[test]
    fn upright_bars_with_a_dot_at_their_foot_are_a_roman_numeral() {
        assert_eq!(numeral(&bars(&[20], true), 128).as_deref(), Some("I."));
        assert_eq!(numeral(&bars(&[20, 45], true), 128).as_deref(), Some("II."));
        assert_eq!(numeral(&bars(&[20, 45, 70], false), 128).as_deref(), Some("III"));
    }

    #[test]
    fn other_shapes_are_not() {
        assert_eq!(numeral(&bars(&[20, 45, 70, 95], false), 128), None);
        assert_eq!(numeral(&GrayImage::from_pixel(40, 40, image::Luma([255])), 128), None);
        // A wide block (a letter such as "m", or a dash) is no bar.
        let mut wide = GrayImage::from_pixel(100, 60, image::Luma([255]));
        for y in 10..50 {
            for x in 10..80 {
                wide.put_pixel(x, y, image::Luma([0]));
            }
        }
        assert_eq!(numeral(&wide, 128), None);
        // A "1": a bar whose flag at the top goes left only.
        let mut one = bars(&[20], true);
        for y in 10..18 {
            for x in 8..20 {
                one.put_pixel(x, y, image::Luma([0]));
            }
        }
        for y in 10..14 {
            for x in 30..34 {
                one.put_pixel(x, y, image::Luma([255]));
            }
        }
        assert_eq!(numeral(&one, 128), None);
    }
}
