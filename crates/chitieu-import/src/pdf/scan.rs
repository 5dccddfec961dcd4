//! Scanned pages into [`Page`]s: the page rendered to grey (hayro), binarised, straightened,
//! its ruling lines found in the pixels, and its text read by Tesseract cell by cell.
//!
//! The steps, each in its own module: `render` (page → grey image at ~300 dpi, capped in
//! pixels), `binary` (Otsu threshold, local contrast), `skew` (angle from projection
//! profiles, rotation back), `lines` (long runs of ink → rules, erased before OCR),
//! `cells` (the regions the rules enclose), `ocr` (cells and the rest of the page read by
//! `tesseract`, words mapped back to the page). What the Vietnamese model gets wrong is put
//! right in `short` (item numbers and figures read three ways), `signs` ("≥"/"≤" told by
//! the bar under the chevron), `roman` (section numerals told by their shape) and `tones`
//! (tone marks against an administrative vocabulary). Words and rules come out in points on
//! the straightened page.

mod binary;
mod cells;
mod lines;
mod ocr;
mod render;
mod roman;
mod short;
mod signs;
mod skew;
mod tesseract;
mod tones;

use image::GrayImage;

use super::page::{Page, Rule};
pub use render::{Raster, render_page};
pub use tesseract::ocr_available;

/// The skew of a page image in degrees, counter-clockwise positive as seen on screen, within
/// ±`skew::MAX_DEGREES`.
pub fn skew_angle(image: &GrayImage) -> f32 {
    skew::estimate(&binary::Bitmap::from_gray(image, binary::otsu_threshold(image)))
}

/// The resolution pages are rendered at for OCR.
pub const DPI: f32 = 300.0;

/// Why a scanned page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(
        "OCR needs the `tesseract` command with its Vietnamese model ({0}); on Debian or Ubuntu \
         install the packages tesseract-ocr and tesseract-ocr-vie"
    )]
    TesseractMissing(String),
    #[error("tesseract failed ({status}): {stderr}")]
    TesseractFailed { status: String, stderr: String },
    #[error("tesseract's output could not be read: {0}")]
    TesseractOutput(String),
    #[error(
        "page of {width_pt:.0} × {height_pt:.0} pt is too large to OCR: even at {min_dpi} dpi it \
         would be over {max_pixels} pixels"
    )]
    PageTooLarge { width_pt: f32, height_pt: f32, min_dpi: f32, max_pixels: u64 },
    #[error("page of {width_pt} × {height_pt} pt has no area to render")]
    EmptyPage { width_pt: f32, height_pt: f32 },
    #[error("OCR work files: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads a scanned page: renders it at [`DPI`] (less for pages too large), then
/// [`read_scanned_image`].
pub fn read_scanned_page(page: &hayro_syntax::page::Page<'_>, number: usize) -> Result<Page, ScanError> {
    let raster = render_page(page, DPI)?;
    read_scanned_image(&raster.image, raster.dpi, number)
}

/// Reads a page image at `dpi`: straightens it, finds its rules and cells and OCRs them. The
/// page's size in points is the image's.
pub fn read_scanned_image(image: &GrayImage, dpi: f32, number: usize) -> Result<Page, ScanError> {
    let levels = binary::levels(image);
    let threshold = levels.threshold;
    let ink = binary::Bitmap::from_gray(image, threshold);
    let angle = skew::estimate(&ink);
    let straight = if angle.abs() >= skew::NEGLIGIBLE {
        std::borrow::Cow::Owned(skew::rotate(image, -angle))
    } else {
        std::borrow::Cow::Borrowed(image)
    };
    let found = lines::find(&straight, levels, dpi);
    let mut clean = straight.into_owned();
    lines::erase(&mut clean, &found, dpi);
    let regions = cells::enclosed(&found, clean.width(), clean.height(), dpi);
    let words = ocr::read(&clean, threshold, &regions, dpi)?;
    let scale = 72.0 / dpi;
    let rules: Vec<Rule> = found.iter().map(|r| r.to_points(scale)).collect();
    Ok(Page { number, width: image.width() as f32 * scale, height: image.height() as f32 * scale, words, rules })
}

/// A box of pixels, `x0..x1` × `y0..y1` (ends excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelBox {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl PixelBox {
    pub fn width(&self) -> u32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> u32 {
        self.y1 - self.y0
    }

    /// The box in points, at `scale` points per pixel.
    pub fn to_points(self, scale: f32) -> Rule {
        Rule {
            x0: self.x0 as f32 * scale,
            y0: self.y0 as f32 * scale,
            x1: self.x1 as f32 * scale,
            y1: self.y1 as f32 * scale,
        }
    }
}
