//! A PDF page as a grey image, rendered by hayro (pure Rust) on white. The pixels are capped:
//! a page too large for the asked resolution is rendered at a lower one, and one that would
//! stay too large even at [`MIN_DPI`] is refused, so a hostile 14 400 pt page cannot ask for
//! gigabytes.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use image::GrayImage;

use super::ScanError;

/// The most pixels a page is rendered with (A3 at 350 dpi; 96 MB while rendering).
pub const MAX_PIXELS: u64 = 24_000_000;
/// Below this resolution OCR reads nothing useful.
pub const MIN_DPI: f32 = 100.0;
/// hayro's pixmaps are at most this many pixels a side.
const MAX_SIDE: f32 = 65_535.0;

/// A rendered page and the resolution it was rendered at.
#[derive(Debug, Clone)]
pub struct Raster {
    pub image: GrayImage,
    pub dpi: f32,
}

/// The resolution to render a `width` × `height` pt page at: `dpi`, or less to keep within
/// [`MAX_PIXELS`].
pub fn fitted_dpi(width: f32, height: f32, dpi: f32) -> Result<f32, ScanError> {
    if !(width >= 1.0 && height >= 1.0 && width.is_finite() && height.is_finite()) {
        return Err(ScanError::EmptyPage { width_pt: width, height_pt: height });
    }
    let area_in = f64::from(width) * f64::from(height) / (72.0 * 72.0);
    let by_area = (MAX_PIXELS as f64 / area_in).sqrt() as f32;
    let by_side = MAX_SIDE * 72.0 / width.max(height);
    // Floored to a hundredth, so that rounding cannot take the page over the cap.
    let fitted = (dpi.min(by_area).min(by_side) * 100.0).floor() / 100.0;
    if fitted < MIN_DPI.min(dpi) {
        return Err(ScanError::PageTooLarge {
            width_pt: width,
            height_pt: height,
            min_dpi: MIN_DPI,
            max_pixels: MAX_PIXELS,
        });
    }
    Ok(fitted)
}

/// Renders `page` (its crop box, /Rotate applied) in grey at `dpi`, or at the lower resolution
/// `fitted_dpi` allows.
pub fn render_page(page: &hayro_syntax::page::Page<'_>, dpi: f32) -> Result<Raster, ScanError> {
    let (width, height) = page.render_dimensions();
    let dpi = fitted_dpi(width, height, dpi)?;
    let scale = dpi / 72.0;
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE },
    );
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque on white, so premultiplied RGBA is plain RGBA; Rec. 601 luma.
    let grey: Vec<u8> = pixmap
        .data()
        .iter()
        .map(|p| ((299 * u32::from(p.r) + 587 * u32::from(p.g) + 114 * u32::from(p.b) + 500) / 1000) as u8)
        .collect();
    let image = GrayImage::from_raw(w, h, grey).expect("one grey byte per pixel");
    Ok(Raster { image, dpi })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_renders_at_the_asked_resolution() {
        assert!((fitted_dpi(595.0, 842.0, 300.0).expect("fits") - 300.0).abs() < f32::EPSILON);
    }

    #[test]
    fn a0_is_rendered_at_a_lower_resolution() {
        let dpi = fitted_dpi(2384.0, 3370.0, 300.0).expect("fits");
        assert!((100.0..300.0).contains(&dpi), "{dpi}");
        let pixels = f64::from(2384.0 * dpi / 72.0) * f64::from(3370.0 * dpi / 72.0);
        assert!(pixels <= MAX_PIXELS as f64, "{pixels}");
    }

    #[test]
    fn a_hostile_page_is_refused() {
        let err = fitted_dpi(14_400.0, 14_400.0, 300.0).expect_err("too large");
        assert!(matches!(err, ScanError::PageTooLarge { .. }));
        assert!(err.to_string().contains("too large to OCR"), "{err}");
        assert!(matches!(fitted_dpi(0.0, 842.0, 300.0), Err(ScanError::EmptyPage { .. })));
    }
}
