//! The page's text, read cell by cell: each cell the rules enclose is cropped (to its own
//! pixels, so a neighbour's text cannot leak in) and trimmed to its ink, and the rest of the
//! page — title, preamble, signatures — is cut into bands at wide blank gaps. Every piece is
//! read as one block of text (`--psm 6`), the pieces batched into as many Tesseract
//! processes as there are cores, and each word is mapped back to the page in points with its
//! confidence, its text in NFC.
//!
//! Measured on the eight scanned pages of the Hà Nội appendix (two cores, nearly idle): the
//! cells batched in two processes take 0.9 s a page (words right against the text layer:
//! 93%); in one process 1.4 s; a process per cell 2.3 s (3× the CPU: the model loads each
//! time); the whole page at once, rules erased, 1.9 s with `--psm 4` and only 80% of the
//! words right (text across cells runs together).

use image::GrayImage;

use super::ScanError;
use super::cells::Regions;
use super::tesseract;
use super::{roman, short, signs, tones};
use crate::pdf::page::Word;

/// White margin round each piece, in points (Tesseract reads badly up to the edge).
const MARGIN: f32 = 5.0;
/// Blank rows that split the rest of the page into bands, in points.
const BAND_GAP: f32 = 14.0;
/// A piece with fewer ink pixels than this is a speck, not text.
const MIN_INK: usize = 12;
/// The confidence given to a word read from its shape, not by Tesseract: low enough to be
/// named in the warning about unsure words.
const SHAPE_CONFIDENCE: f32 = 50.0;
/// At most this many Tesseract processes at once.
const MAX_PROCESSES: usize = 4;

/// A cut of the page to read, and where its top-left pixel is on the page.
#[derive(Debug)]
struct Piece {
    image: GrayImage,
    x: i64,
    y: i64,
}

/// The words of the page (rules already erased), read through Tesseract.
pub fn read(page: &GrayImage, threshold: u8, regions: &Regions, dpi: f32) -> Result<Vec<Word>, ScanError> {
    let margin = (MARGIN * dpi / 72.0).round() as u32;
    let mut pieces: Vec<Piece> = regions
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, cell)| {
            let ink = |x: u32, y: u32| page.get_pixel(x, y).0[0] < threshold && regions.owns(i, x, y);
            let b = ink_box(cell.x0..cell.x1, cell.y0..cell.y1, &ink)?;
            Some(cut(b, margin, |x, y| if regions.owns(i, x, y) { page.get_pixel(x, y).0[0] } else { 255 }))
        })
        .collect();
    let outside = |x: u32, y: u32| !regions.in_a_cell(x, y);
    let gap = (BAND_GAP * dpi / 72.0).round() as u32;
    for (y0, y1) in bands(page, threshold, gap, &outside) {
        let ink = |x: u32, y: u32| page.get_pixel(x, y).0[0] < threshold && outside(x, y);
        if let Some(b) = ink_box(0..page.width(), y0..y1, &ink) {
            pieces.push(cut(b, margin, |x, y| if outside(x, y) { page.get_pixel(x, y).0[0] } else { 255 }));
        }
    }
    let mut words: Vec<Vec<Word>> = (0..pieces.len()).map(|_| Vec::new()).collect();
    for (piece, r) in read_batched(&pieces, "vie", 6, dpi)? {
        words[piece].extend(to_word(&pieces[piece], &r, threshold, dpi));
    }
    // Short pieces read twice more: wider margin (Vietnamese), and English (see `short`).
    let short: Vec<usize> = (0..pieces.len())
        .filter(|&i| {
            let (w, h) = pieces[i].image.dimensions();
            short::is_short(w.saturating_sub(2 * margin), h.saturating_sub(2 * margin), dpi)
        })
        .collect();
    let extra = (short::EXTRA_MARGIN * dpi / 72.0).round() as u32;
    let wider: Vec<Piece> = short.iter().map(|&i| pieces[i].widened(extra)).collect();
    let mut again: Vec<Vec<Vec<Word>>> = vec![vec![Vec::new(); 2]; short.len()];
    let models: &[(&str, u8)] = if tesseract::has_model("eng") { &[("vie", 6), ("eng", 7)] } else { &[("vie", 6)] };
    for (m, &(lang, psm)) in models.iter().enumerate() {
        for (k, r) in read_batched(&wider, lang, psm, dpi)? {
            again[k][m].extend(to_word(&wider[k], &r, threshold, dpi));
        }
    }
    for (k, &i) in short.iter().enumerate() {
        let first = std::mem::take(&mut words[i]);
        let reads = std::iter::once(first).chain(again[k].drain(..models.len())).collect();
        let chosen = short::choose(reads);
        // A section numeral both models misread, told by its shape.
        words[i] = match roman::numeral(&pieces[i].image, threshold) {
            Some(numeral) if !short::reads_as_number(&chosen) => vec![pieces[i].whole(numeral, margin, dpi)],
            _ => chosen,
        };
    }
    for piece in &mut words {
        tones::correct(piece);
    }
    Ok(words.into_iter().flatten().collect())
}

/// A word Tesseract read in `piece`, on the page in points; `None` for what is left of a rule.
fn to_word(piece: &Piece, r: &tesseract::Read, threshold: u8, dpi: f32) -> Option<Word> {
    if is_rule_residue(&r.text) {
        return None;
    }
    let scale = 72.0 / dpi;
    let (x, y) = ((piece.x + i64::from(r.left)) as f32, (piece.y + i64::from(r.top)) as f32);
    // The box a little deeper: a "≥" read as ">" may keep its bar out of the box.
    let b = (r.left, r.top, r.left + r.width, r.top + r.height + r.height / 4);
    Some(Word {
        text: chitieu_core::text::clean(&signs::restore(&r.text, &piece.image, threshold, b)),
        x0: x * scale,
        y0: y * scale,
        x1: (x + r.width as f32) * scale,
        y1: (y + r.height as f32) * scale,
        confidence: Some(r.confidence.clamp(0.0, 100.0)),
    })
}

impl Piece {
    /// One word over the piece's ink (inside its `margin`), for text read from its shape.
    fn whole(&self, text: String, margin: u32, dpi: f32) -> Word {
        let scale = 72.0 / dpi;
        let (w, h) = self.image.dimensions();
        let (x, y) = ((self.x + i64::from(margin)) as f32, (self.y + i64::from(margin)) as f32);
        Word {
            text,
            x0: x * scale,
            y0: y * scale,
            x1: (x + w.saturating_sub(2 * margin) as f32) * scale,
            y1: (y + h.saturating_sub(2 * margin) as f32) * scale,
            confidence: Some(SHAPE_CONFIDENCE),
        }
    }

    /// The piece with `extra` more white pixels round it.
    fn widened(&self, extra: u32) -> Piece {
        let (w, h) = self.image.dimensions();
        let mut image = GrayImage::from_pixel(w + 2 * extra, h + 2 * extra, image::Luma([255]));
        image::imageops::replace(&mut image, &self.image, i64::from(extra), i64::from(extra));
        Piece { image, x: self.x - i64::from(extra), y: self.y - i64::from(extra) }
    }
}

/// The box `(x0, y0, x1, y1)` of the ink pixels in the given ranges, if there are enough.
fn ink_box(
    xs: std::ops::Range<u32>,
    ys: std::ops::Range<u32>,
    ink: &dyn Fn(u32, u32) -> bool,
) -> Option<(u32, u32, u32, u32)> {
    let (mut x0, mut y0, mut x1, mut y1, mut n) = (u32::MAX, u32::MAX, 0, 0, 0usize);
    for y in ys {
        for x in xs.clone() {
            if ink(x, y) {
                x0 = x0.min(x);
                x1 = x1.max(x + 1);
                y0 = y0.min(y);
                y1 = y1.max(y + 1);
                n += 1;
            }
        }
    }
    (n >= MIN_INK).then_some((x0, y0, x1, y1))
}

/// The pixels of box `b` (through `pixel`) with `margin` white pixels round them.
fn cut((x0, y0, x1, y1): (u32, u32, u32, u32), margin: u32, pixel: impl Fn(u32, u32) -> u8) -> Piece {
    let (w, h) = (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin);
    let image = GrayImage::from_fn(w, h, |x, y| {
        let inside = (margin..margin + x1 - x0).contains(&x) && (margin..margin + y1 - y0).contains(&y);
        image::Luma([if inside { pixel(x0 + x - margin, y0 + y - margin) } else { 255 }])
    });
    Piece { image, x: i64::from(x0) - i64::from(margin), y: i64::from(y0) - i64::from(margin) }
}

/// Row ranges of the page outside the cells that hold ink, split where `gap` blank rows run.
fn bands(page: &GrayImage, threshold: u8, gap: u32, outside: &dyn Fn(u32, u32) -> bool) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (mut start, mut last_ink): (Option<u32>, u32) = (None, 0);
    for y in 0..page.height() {
        let ink = (0..page.width()).filter(|&x| page.get_pixel(x, y).0[0] < threshold && outside(x, y)).count();
        if ink == 0 {
            if let Some(s) = start
                && y - last_ink > gap
            {
                out.push((s, last_ink + 1));
                start = None;
            }
            continue;
        }
        start.get_or_insert(y);
        last_ink = y;
    }
    if let Some(s) = start {
        out.push((s, last_ink + 1));
    }
    out
}

/// Stray marks Tesseract makes of what is left of a rule or a cell's edge.
fn is_rule_residue(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '|' | '_' | '—' | '–' | '‘' | '’' | '\'' | '`' | '¦' | '[' | ']' | '!' | 'I' | 'l'))
        && text.chars().any(|c| matches!(c, '|' | '_' | '¦'))
}

/// Reads the pieces in up to one Tesseract process per core, each with a share of the
/// pieces balanced by area; gives (piece index, word) pairs in piece order.
fn read_batched(pieces: &[Piece], lang: &str, psm: u8, dpi: f32) -> Result<Vec<(usize, tesseract::Read)>, ScanError> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let processes = cores.clamp(1, MAX_PROCESSES).min(pieces.len());
    if processes == 0 {
        return Ok(Vec::new());
    }
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    let area = |i: usize| u64::from(pieces[i].image.width()) * u64::from(pieces[i].image.height());
    order.sort_by_key(|&i| std::cmp::Reverse(area(i)));
    let mut batches: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); processes];
    for i in order {
        let lightest = batches.iter_mut().min_by_key(|(load, _)| *load).expect("at least one batch");
        lightest.0 += area(i);
        lightest.1.push(i);
    }
    let dir = tempfile::tempdir()?;
    let results: Vec<Result<Vec<(usize, tesseract::Read)>, ScanError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = batches
            .iter()
            .enumerate()
            .map(|(b, (_, members))| {
                let dir = dir.path().join(b.to_string());
                scope.spawn(move || {
                    std::fs::create_dir(&dir)?;
                    let images: Vec<&GrayImage> = members.iter().map(|&i| &pieces[i].image).collect();
                    let reads = tesseract::read(&images, lang, psm, dpi, &dir)?;
                    Ok(reads.into_iter().map(|r| (members[r.image], r)).collect())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("an OCR thread panicked")).collect()
    });
    let mut out = Vec::new();
    for r in results {
        out.extend(r?);
    }
    out.sort_by_key(|(piece, _)| *piece);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_residue_is_told_from_words() {
        for residue in ["|", "||", "_", "|_", "l|"] {
            assert!(is_rule_residue(residue), "{residue}");
        }
        for word in ["I", "l", "1", "Sở", "-", "a)", "|Dữ"] {
            assert!(!is_rule_residue(word), "{word}");
        }
    }

    #[test]
    fn bands_split_at_wide_gaps() {
        let mut page = GrayImage::from_pixel(50, 200, image::Luma([255]));
        for y in [10u32, 12, 20, 100, 101] {
            page.put_pixel(5, y, image::Luma([0]));
        }
        let all = |_: u32, _: u32| true;
        assert_eq!(bands(&page, 128, 30, &all), vec![(10, 21), (100, 102)]);
    }
}
