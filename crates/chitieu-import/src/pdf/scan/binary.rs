//! Ink and paper: a grey page split by one threshold (Otsu's, from the page's histogram) into a
//! bitmap of ink pixels, the skew finder's input; and split by local contrast (darker than the
//! lightest paper around by a share of the ink's contrast), the rule finder's, since a thin rule
//! scanned at low resolution comes out hardly darker than the global threshold while a grey
//! shaded header must not turn to ink.

use image::GrayImage;

/// Which pixels are ink, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub ink: Vec<bool>,
}

impl Bitmap {
    /// Pixels darker than `threshold` are ink.
    pub fn from_gray(image: &GrayImage, threshold: u8) -> Bitmap {
        Bitmap {
            width: image.width(),
            height: image.height(),
            ink: image.as_raw().iter().map(|&v| v < threshold).collect(),
        }
    }

    #[cfg(test)]
    pub fn get(&self, x: u32, y: u32) -> bool {
        self.ink[(y as usize) * (self.width as usize) + x as usize]
    }

    pub fn row(&self, y: u32) -> &[bool] {
        let w = self.width as usize;
        &self.ink[y as usize * w..(y as usize + 1) * w]
    }

    /// The bitmap turned on its diagonal: columns become rows.
    pub fn transposed(&self) -> Bitmap {
        // In tiles, to keep both sides of the copy in cache.
        const TILE: usize = 64;
        let (w, h) = (self.width as usize, self.height as usize);
        let mut ink = vec![false; w * h];
        for ty in (0..h).step_by(TILE) {
            for tx in (0..w).step_by(TILE) {
                for y in ty..(ty + TILE).min(h) {
                    for x in tx..(tx + TILE).min(w) {
                        ink[x * h + y] = self.ink[y * w + x];
                    }
                }
            }
        }
        Bitmap { width: self.height, height: self.width, ink }
    }

    /// Pixels darker by at least `contrast` than the lightest pixel near them (within about
    /// `reach` pixels): a black top-hat, blind to slow changes such as a shaded cell.
    pub fn darker_than_around(image: &GrayImage, contrast: u8, reach: u32) -> Bitmap {
        let (w, h) = (image.width() as usize, image.height() as usize);
        let block = (reach / 2).max(1) as usize;
        let (bw, bh) = (w.div_ceil(block), h.div_ceil(block));
        // The lightest pixel of each block, then of each block's 3 × 3 neighbourhood.
        let mut lightest = vec![0u8; bw * bh];
        for (y, row) in image.as_raw().chunks_exact(w).enumerate() {
            let blocks = &mut lightest[(y / block) * bw..(y / block + 1) * bw];
            for (b, chunk) in blocks.iter_mut().zip(row.chunks(block)) {
                *b = (*b).max(chunk.iter().copied().max().unwrap_or(0));
            }
        }
        let mut around = vec![0u8; bw * bh];
        for by in 0..bh {
            for bx in 0..bw {
                let mut m = 0;
                for ny in by.saturating_sub(1)..(by + 2).min(bh) {
                    for nx in bx.saturating_sub(1)..(bx + 2).min(bw) {
                        m = m.max(lightest[ny * bw + nx]);
                    }
                }
                around[by * bw + bx] = m;
            }
        }
        let mut ink = Vec::with_capacity(w * h);
        for (y, row) in image.as_raw().chunks_exact(w).enumerate() {
            let near = &around[(y / block) * bw..(y / block + 1) * bw];
            ink.extend(row.iter().enumerate().map(|(x, &v)| near[x / block].saturating_sub(v) >= contrast));
        }
        Bitmap { width: image.width(), height: image.height(), ink }
    }
}

/// A page's two grey classes as Otsu splits them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levels {
    /// Pixels below it are ink.
    pub threshold: u8,
    /// The mean grey of the ink and of the paper.
    pub ink: f32,
    pub paper: f32,
}

/// Otsu's threshold: the grey level that best splits the histogram into two classes (the one
/// maximising the variance between them). Pixels below it are ink. A blank page gives 128.
pub fn otsu_threshold(image: &GrayImage) -> u8 {
    levels(image).threshold
}

/// Otsu's split of the page's greys, with the two classes' means.
pub fn levels(image: &GrayImage) -> Levels {
    let mut histogram = [0u64; 256];
    for &v in image.as_raw() {
        histogram[v as usize] += 1;
    }
    let total: u64 = histogram.iter().sum();
    let sum: f64 = histogram.iter().enumerate().map(|(v, &n)| v as f64 * n as f64).sum();
    let (mut below, mut sum_below) = (0u64, 0.0f64);
    let mut best = Levels { threshold: 128, ink: 0.0, paper: 255.0 };
    let mut best_variance = 0.0f64;
    for t in 0..256usize {
        // Class one is the levels 0..t (the threshold is t: v < t is ink).
        if t > 0 {
            below += histogram[t - 1];
            sum_below += (t - 1) as f64 * histogram[t - 1] as f64;
        }
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let (m0, m1) = (sum_below / below as f64, (sum - sum_below) / above as f64);
        let variance = below as f64 * above as f64 * (m0 - m1) * (m0 - m1);
        if variance > best_variance {
            best_variance = variance;
            best = Levels { threshold: t as u8, ink: m0 as f32, paper: m1 as f32 };
        }
    }
    best
}

/// A group of touching ink pixels: its box and size.
#[derive(Debug, Clone, Copy)]
pub struct Blob {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    pub pixels: usize,
}

/// The 8-connected groups of ink in a `width` × `height` bitmap (row by row), in its pixels.
pub fn blobs(ink: &[bool], width: usize, height: usize) -> Vec<Blob> {
    let mut seen = vec![false; ink.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..ink.len() {
        if !ink[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut blob = Blob { x0: u32::MAX, y0: u32::MAX, x1: 0, y1: 0, pixels: 0 };
        while let Some(at) = stack.pop() {
            let (x, y) = (at % width, at / width);
            blob = Blob {
                x0: blob.x0.min(x as u32),
                y0: blob.y0.min(y as u32),
                x1: blob.x1.max(x as u32 + 1),
                y1: blob.y1.max(y as u32 + 1),
                pixels: blob.pixels + 1,
            };
            for (dx, dy) in [(-1i64, -1i64), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= width as i64 || ny >= height as i64 {
                    continue;
                }
                let n = ny as usize * width + nx as usize;
                if ink[n] && !seen[n] {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        out.push(blob);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otsu_splits_ink_from_noisy_paper() {
        // Paper around 235, ink around 40, with some spread.
        let image = GrayImage::from_fn(100, 100, |x, y| {
            let jitter = ((x * 7 + y * 13) % 21) as u8;
            if (20..30).contains(&y) { image::Luma([30 + jitter]) } else { image::Luma([225 + jitter]) }
        });
        let t = otsu_threshold(&image);
        assert!((51..=225).contains(&t), "threshold {t}");
        let ink = Bitmap::from_gray(&image, t);
        assert_eq!(ink.ink.iter().filter(|&&b| b).count(), 1000);
        assert!(ink.get(5, 25) && !ink.get(5, 35));
    }

    #[test]
    fn local_contrast_keeps_a_faint_rule_and_drops_a_shaded_cell() {
        // Paper 236; a shaded band (rows 40..80) at 208; a faint rule (column 50) at 170,
        // crossing both; text-dark strokes (column 20) at 60.
        let image = GrayImage::from_fn(100, 120, |x, y| {
            let v = match (x, y) {
                (50, _) => 170,
                (20, _) => 60,
                (_, 40..80) => 208,
                _ => 236,
            };
            image::Luma([v])
        });
        let local = Bitmap::darker_than_around(&image, 30, 16);
        assert!((0..120).all(|y| local.get(50, y) && local.get(20, y)));
        assert!(!local.get(80, 60) && !local.get(80, 40) && !local.get(80, 10));
    }

    #[test]
    fn transposing_swaps_rows_and_columns() {
        let image = GrayImage::from_fn(70, 130, |x, y| image::Luma([if x == 3 && y == 100 { 0 } else { 255 }]));
        let ink = Bitmap::from_gray(&image, 128).transposed();
        assert_eq!((ink.width, ink.height), (130, 70));
        assert!(ink.get(100, 3));
        assert_eq!(ink.ink.iter().filter(|&&b| b).count(), 1);
    }
}
