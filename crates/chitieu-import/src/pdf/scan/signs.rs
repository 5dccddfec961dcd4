//! Signs the Vietnamese OCR model cannot write: it has no "≥" or "≤" and reads them as ">" and
//! "<". Where a word starts with one, the pixels settle it: a bar under the chevron (apart from
//! it, or joined to it by the scan's blur) makes it "≥"/"≤".

use image::GrayImage;

use super::binary::blobs;

/// The bar under a chevron spans at least this share of the chevron's width.
const BAR_SPAN: f32 = 0.7;

/// `text` with a leading ">" or "<" made "≥" or "≤" when the first glyph in `word` (a box of
/// `image`, ink darker than `threshold`) has a bar under it.
pub fn restore(text: &str, image: &GrayImage, threshold: u8, word: (u32, u32, u32, u32)) -> String {
    let wider = match text.chars().next() {
        Some('>') => '≥',
        Some('<') => '≤',
        _ => return text.to_owned(),
    };
    if has_bar_below_first_glyph(image, threshold, word) { format!("{wider}{}", &text[1..]) } else { text.to_owned() }
}

/// Whether the leftmost glyph in box `(x0, y0, x1, y1)` of `image` has a flat bar under it.
fn has_bar_below_first_glyph(image: &GrayImage, threshold: u8, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> bool {
    let (x1, y1) = (x1.min(image.width()), y1.min(image.height()));
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let ink: Vec<bool> =
        (0..w * h).map(|i| image.get_pixel(x0 + (i % w) as u32, y0 + (i / w) as u32).0[0] < threshold).collect();
    let blobs = blobs(&ink, w, h);
    let Some(first) = blobs.iter().filter(|b| b.pixels >= 4).min_by_key(|b| b.x0) else { return false };
    let width = (first.x1 - first.x0) as f32;
    // A bar of its own under the chevron.
    let apart = blobs.iter().any(|b| {
        let overlap = b.x1.min(first.x1).saturating_sub(b.x0.max(first.x0)) as f32;
        b.y0 >= first.y1.saturating_sub(1) && overlap >= BAR_SPAN * width && 2 * (b.y1 - b.y0) <= b.x1 - b.x0
    });
    // Or joined to it: the chevron's lowest rows span its width (a ">" ends there at its tip).
    let rows = ((first.y1 - first.y0) / 6).max(1);
    let joined = (first.y1 - rows..first.y1).any(|y| {
        let row = &ink[y as usize * w..(y as usize + 1) * w];
        let xs = (first.x0..first.x1).filter(|&x| row[x as usize]);
        let (lo, hi) = xs.fold((u32::MAX, 0), |(lo, hi), x| (lo.min(x), hi.max(x + 1)));
        hi > lo && (hi - lo) as f32 >= BAR_SPAN * width
    });
    apart || joined
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 60 × 40 white image with a chevron (pointing right) at x 5..25, y 5..25, a bar under it
    /// at y `bar` (none for `None`), and a "digit" block at x 35..50.
    fn glyphs(bar: Option<u32>, opening: char) -> GrayImage {
        let mut image = GrayImage::from_pixel(60, 40, image::Luma([255]));
        for i in 0..10u32 {
            // Two arms meeting at the middle row, 2 px thick.
            let x = if opening == '>' { 5 + 2 * i } else { 23 - 2 * i };
            for dx in 0..2 {
                image.put_pixel(x + dx, 5 + i, image::Luma([0]));
                image.put_pixel(x + dx, 24 - i, image::Luma([0]));
            }
        }
        if let Some(y) = bar {
            for x in 5..25 {
                for y in y..y + 2 {
                    image.put_pixel(x, y, image::Luma([0]));
                }
            }
        }
        for x in 35..50 {
            for y in 5..30 {
                image.put_pixel(x, y, image::Luma([0]));
            }
        }
        image
    }

    #[test]
    fn a_bar_under_the_chevron_makes_it_at_least() {
        let whole = (0, 0, 60, 40);
        assert_eq!(restore(">60", &glyphs(Some(28), '>'), 128, whole), "≥60");
        assert_eq!(restore(">60", &glyphs(Some(25), '>'), 128, whole), "≥60", "bar touching the chevron");
        assert_eq!(restore("<5", &glyphs(Some(28), '<'), 128, whole), "≤5");
        assert_eq!(restore(">60", &glyphs(None, '>'), 128, whole), ">60");
        assert_eq!(restore("<5", &glyphs(None, '<'), 128, whole), "<5");
        assert_eq!(restore("60", &glyphs(Some(28), '>'), 128, whole), "60");
    }
}
