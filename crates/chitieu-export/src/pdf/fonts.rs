//! The embedded `DejaVu Sans` faces (regular and bold, fonts/LICENSE), a text's glyphs in them
//! and how wide it is, both from the font's own character map and advances (skrifa), so what
//! wrapping measures is exactly what is drawn. Vietnamese needs no shaping once composed (NFC):
//! every letter with its marks is one glyph in `DejaVu Sans`.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::metrics::GlyphMetrics;
use skrifa::prelude::{FontRef, LocationRef, MetadataProvider, Size};
use unicode_normalization::UnicodeNormalization;

use crate::error::ExportError;

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// One face: the font krilla embeds and the tables it is measured with.
pub(super) struct Face {
    pub font: Font,
    charmap: Charmap<'static>,
    advances: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Ascent and descent (positive) in em.
    ascent: f32,
    descent: f32,
}

/// Both faces of the report.
pub(super) struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    pub fn load() -> Result<Faces, ExportError> {
        Ok(Faces { regular: Face::load("DejaVuSans.ttf", REGULAR)?, bold: Face::load("DejaVuSans-Bold.ttf", BOLD)? })
    }

    pub fn get(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

impl Face {
    fn load(name: &str, data: &'static [u8]) -> Result<Face, ExportError> {
        let unreadable = || ExportError::Pdf { detail: format!("the embedded font {name} cannot be read") };
        let font = Font::new(data.into(), 0).ok_or_else(unreadable)?;
        let font_ref = FontRef::new(data).map_err(|_| unreadable())?;
        let metrics = font_ref.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(unreadable());
        }
        Ok(Face {
            font,
            charmap: font_ref.charmap(),
            advances: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
        })
    }

    /// The glyphs that draw `text` (composed first: NFC), one per character, and the text
    /// they draw.
    pub fn glyphs(&self, text: &str) -> (Vec<KrillaGlyph>, String) {
        let text: String = text.nfc().collect();
        let glyphs = text
            .char_indices()
            .map(|(at, c)| {
                let glyph = self.charmap.map(c).unwrap_or_default();
                let advance = self.advances.advance_width(glyph).unwrap_or(0.0) / self.units_per_em;
                KrillaGlyph::new(GlyphId::new(glyph.to_u32()), advance, 0.0, 0.0, 0.0, at..at + c.len_utf8(), None)
            })
            .collect();
        (glyphs, text)
    }

    /// The advance of one character at `size` points (the missing-glyph box's when the font
    /// lacks it, as that is what gets drawn).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let glyph = self.charmap.map(c).unwrap_or_default();
        self.advances.advance_width(glyph).unwrap_or(0.0) / self.units_per_em * size
    }

    /// The width of `text` at `size` points, as drawn.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.nfc().map(|c| self.advance(c, size)).sum()
    }

    /// Where the baseline sits below the top of a line box `line_height` tall.
    pub fn baseline(&self, size: f32, line_height: f32) -> f32 {
        (line_height - (self.ascent + self.descent) * size) / 2.0 + self.ascent * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_have_their_own_glyphs_and_widths() {
        let faces = Faces::load().expect("embedded fonts");
        let regular = faces.get(Weight::Regular);
        for c in "ỷệĐạỦũơưằẫ".chars() {
            assert!(regular.charmap.map(c).is_some(), "DejaVu Sans lacks {c}");
            assert!(regular.advance(c, 10.0) > 2.0, "{c} has no width");
        }
        let bold = faces.get(Weight::Bold);
        assert!(bold.width("Tỷ lệ", 10.0) > regular.width("Tỷ lệ", 10.0));
        assert!((regular.width("ab", 10.0) - regular.width("a", 10.0) - regular.width("b", 10.0)).abs() < 1e-4);
        assert!((regular.width("xã", 20.0) - 2.0 * regular.width("xã", 10.0)).abs() < 1e-4);
    }

    #[test]
    fn decomposed_text_is_drawn_composed_one_glyph_per_letter() {
        let faces = Faces::load().expect("embedded fonts");
        let regular = faces.get(Weight::Regular);
        let decomposed = "Ta\u{302}\u{323}p the\u{302}\u{309}"; // "Tập thể" with combining marks
        let (glyphs, text) = regular.glyphs(decomposed);
        assert_eq!(text, "Tập thể");
        assert_eq!(glyphs.len(), text.chars().count());
        assert!(glyphs.iter().all(|g| g.glyph_id.to_u32() != 0), "a letter has no glyph");
        let drawn: f32 = glyphs.iter().map(|g| g.x_advance * 10.0).sum();
        assert!((drawn - regular.width(decomposed, 10.0)).abs() < 1e-4);
        assert_eq!(&text[glyphs[1].text_range.clone()], "ậ");
    }

    #[test]
    fn the_baseline_sits_inside_the_line_box() {
        let faces = Faces::load().expect("embedded fonts");
        let baseline = faces.get(Weight::Regular).baseline(8.0, 10.0);
        assert!(baseline > 6.0 && baseline < 9.0, "{baseline}");
    }
}
