//! The skew of a scan and its correction. The angle is the one whose projection profile is
//! sharpest: ink pixels are summed along lines at that slope, and text lines and ruling lines
//! pile up in few bins only when the slope is theirs (the sum of squared bin counts peaks). A
//! coarse sweep over ±5° finds the neighbourhood, a fine one the angle to 0.02°.

use image::GrayImage;

use super::binary::Bitmap;

/// The largest skew looked for, in degrees either way.
pub const MAX_DEGREES: f32 = 5.0;
/// Below this (degrees) the page is left as it is.
pub const NEGLIGIBLE: f32 = 0.03;
const COARSE_STEP: f32 = 0.25;
const FINE_STEP: f32 = 0.02;

/// The skew in degrees, counter-clockwise positive as seen: a line the scanner tilted by `a`
/// rises to the right by `tan(a)`. 0 for a blank page.
pub fn estimate(ink: &Bitmap) -> f32 {
    let points = top_edges(ink);
    if points.len() < 100 {
        return 0.0;
    }
    let profile = Profile::new(ink);
    let sweep = |from: f32, to: f32, step: f32| -> f32 {
        let n = ((to - from) / step).round() as i32;
        (0..=n)
            .map(|i| from + i as f32 * step)
            .map(|a| (a, profile.sharpness(&points, a)))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .map_or(0.0, |(a, _)| a)
    };
    let coarse = sweep(-MAX_DEGREES, MAX_DEGREES, COARSE_STEP);
    let lo = (coarse - COARSE_STEP).max(-MAX_DEGREES);
    let hi = (coarse + COARSE_STEP).min(MAX_DEGREES);
    sweep(lo, hi, FINE_STEP)
}

/// Ink pixels with paper above them: one per stroke crossing, which keeps the profile sharp
/// and the sums short.
fn top_edges(ink: &Bitmap) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for y in 1..ink.height {
        let (above, row) = (ink.row(y - 1), ink.row(y));
        for (x, (&a, &b)) in above.iter().zip(row).enumerate() {
            if b && !a {
                out.push((x as u32, y));
            }
        }
    }
    out
}

/// Bins of the projection along a slope, reused between angles.
struct Profile {
    bins: std::cell::RefCell<Vec<u32>>,
    offset: f32,
}

impl Profile {
    fn new(ink: &Bitmap) -> Profile {
        let reach = ink.width as f32 * MAX_DEGREES.to_radians().tan() + 2.0;
        Profile {
            bins: std::cell::RefCell::new(vec![0; (ink.height as f32 + 2.0 * reach) as usize + 2]),
            offset: reach,
        }
    }

    /// Σ count² over the bins of `y + x·tan(a)` (y grows downwards: a line rising to the right
    /// by `tan(a)` keeps one value of it).
    fn sharpness(&self, points: &[(u32, u32)], degrees: f32) -> f64 {
        let slope = degrees.to_radians().tan();
        let mut bins = self.bins.borrow_mut();
        bins.fill(0);
        for &(x, y) in points {
            let at = y as f32 + x as f32 * slope + self.offset;
            bins[at as usize] += 1;
        }
        bins.iter().map(|&n| f64::from(n) * f64::from(n)).sum()
    }
}

/// The image turned counter-clockwise by `degrees` about its centre, same size, bilinear,
/// the corners that come from outside it white.
pub fn rotate(image: &GrayImage, degrees: f32) -> GrayImage {
    let (w, h) = (image.width(), image.height());
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let src = image.as_raw();
    let (ws, hs) = (w as usize, h as usize);
    let sample = |sx: f32, sy: f32| -> u8 {
        if sx < 0.0 || sy < 0.0 || sx > (w - 1) as f32 || sy > (h - 1) as f32 {
            return 255;
        }
        let (x0, y0) = (sx as usize, sy as usize);
        let (x1, y1) = ((x0 + 1).min(ws - 1), (y0 + 1).min(hs - 1));
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let p = |x: usize, y: usize| f32::from(src[y * ws + x]);
        let top = p(x0, y0) + (p(x1, y0) - p(x0, y0)) * fx;
        let bottom = p(x0, y1) + (p(x1, y1) - p(x0, y1)) * fx;
        (top + (bottom - top) * fy + 0.5) as u8
    };
    let mut out = GrayImage::new(w, h);
    for (y, row) in out.as_mut().chunks_exact_mut(ws).enumerate() {
        // The destination pixel (x, y) shows the source point turned back by `degrees`.
        let dy = y as f32 + 0.5 - cy;
        for (x, v) in row.iter_mut().enumerate() {
            let dx = x as f32 + 0.5 - cx;
            let sx = cx + dx * cos - dy * sin - 0.5;
            let sy = cy + dx * sin + dy * cos - 0.5;
            *v = sample(sx, sy);
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use image::Luma;

    /// A ruled table with rows of "text" (short dark dashes), as a scanner sees it upright.
    pub fn table_page(width: u32, height: u32) -> GrayImage {
        let mut page = GrayImage::from_pixel(width, height, Luma([240]));
        let (left, right, top, bottom) = (100, width - 100, 150, height - 200);
        let columns = [left, left + 120, left + 700, left + 1000, right];
        let rows: Vec<u32> = (0..8).map(|i| top + i * 180).chain([bottom]).collect();
        for &y in &rows {
            for yy in y..y + 3 {
                for x in left..right + 3 {
                    page.put_pixel(x, yy, Luma([20]));
                }
            }
        }
        for &x in &columns {
            for xx in x..x + 3 {
                for y in top..bottom + 3 {
                    page.put_pixel(xx, y, Luma([20]));
                }
            }
        }
        // Text: in each cell, lines of dashes 22 px high with gaps.
        for pair in rows.windows(2) {
            for col in columns.windows(2) {
                for line in 0..3 {
                    let y0 = pair[0] + 30 + line * 45;
                    if y0 + 22 >= pair[1] {
                        break;
                    }
                    let mut x = col[0] + 20;
                    while x + 30 < col[1] - 15 {
                        for yy in y0..y0 + 22 {
                            for xx in x..x + 4 {
                                page.put_pixel(xx, yy, Luma([30]));
                            }
                        }
                        for xx in x..x + 14 {
                            page.put_pixel(xx, y0 + 21, Luma([30]));
                        }
                        x += 19;
                    }
                }
            }
        }
        page
    }

    fn ink(image: &GrayImage) -> Bitmap {
        Bitmap::from_gray(image, super::super::binary::otsu_threshold(image))
    }

    #[test]
    fn finds_a_small_tilt_either_way() {
        let page = table_page(1700, 1800);
        for degrees in [1.2f32, -0.7, 3.1, 0.0] {
            let tilted = rotate(&page, degrees);
            let found = estimate(&ink(&tilted));
            assert!((found - degrees).abs() <= 0.1, "tilted {degrees}°, found {found}°");
        }
    }

    #[test]
    fn rotating_back_straightens() {
        let page = table_page(1700, 1800);
        let tilted = rotate(&page, 1.2);
        let straight = rotate(&tilted, -estimate(&ink(&tilted)));
        let found = estimate(&ink(&straight));
        assert!(found.abs() <= 0.05, "{found}°");
    }

    #[test]
    fn rotation_turns_counter_clockwise() {
        // A dot right of the centre goes up when turned counter-clockwise by 90°.
        let mut page = GrayImage::from_pixel(101, 101, Luma([255]));
        page.put_pixel(90, 50, Luma([0]));
        let turned = rotate(&page, 90.0);
        let darkest = turned.enumerate_pixels().min_by_key(|(_, _, p)| p.0[0]).map(|(x, y, _)| (x, y));
        assert_eq!(darkest, Some((50, 10)));
    }

    #[test]
    fn a_blank_page_has_no_skew() {
        let page = GrayImage::from_pixel(300, 200, Luma([250]));
        assert!(estimate(&ink(&page)).abs() < f32::EPSILON);
    }
}
