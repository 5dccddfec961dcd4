//! A page's text layer and drawing, through hayro-interpret: every glyph with its Unicode text
//! and place, joined into words; every axis-aligned stroked segment or thin filled rectangle as
//! a ruling line; and how much of the page images cover (to tell a scan).

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, Paint, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};

use super::page::{Page, Rule, Word};

/// A rule is at most this thick, in points.
const RULE_THICKNESS: f64 = 2.5;
/// Glyphs further apart than this share of the font size are in different words.
const WORD_GAP: f32 = 0.2;

/// What one page's content gave.
#[derive(Debug, Default)]
pub struct PageContent {
    pub page: Page,
    /// Glyphs whose font maps them to no Unicode character.
    pub unmapped: usize,
    /// Glyphs in all.
    pub glyphs: usize,
    /// The share of the page's area images cover (0..=1, overlaps counted once per image).
    pub image_cover: f32,
}

/// Reads one page's words, rules and images.
pub fn read_page<'a>(
    page: &hayro_syntax::page::Page<'a>,
    number: usize,
    cache: &InterpreterCache<'a>,
    xref: &'a hayro_syntax::xref::XRef,
) -> PageContent {
    let (width, height) = page.render_dimensions();
    let initial = Affine::new(page.initial_transform(true).as_coeffs());
    let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
    let mut context = Context::new(initial, bbox, cache, xref, InterpreterSettings::default());
    let mut device = Collector { page_area: bbox.area().max(1.0), ..Collector::default() };
    interpret_page(page, &mut context, &mut device);
    let words = words(&device.glyphs);
    PageContent {
        page: Page { number, width, height, words, rules: device.rules },
        unmapped: device.unmapped,
        glyphs: device.glyphs.len() + device.unmapped,
        image_cover: device.image_area.min(device.page_area) as f32 / device.page_area as f32,
    }
}

/// One drawn glyph: its text, its advance box and its baseline.
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x0: f32,
    x1: f32,
    baseline: f32,
    size: f32,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Placed>,
    rules: Vec<Rule>,
    unmapped: usize,
    image_area: f64,
    page_area: f64,
    /// The clip in force, as nested boxes (a word processor clips a repeated header row's
    /// overflowing text; what is clipped away is not on the page).
    clips: Vec<Rect>,
}

impl Collector {
    fn push_rule(&mut self, r: Rect) {
        if r.width() <= RULE_THICKNESS && r.height() > 3.0 * r.width().max(0.1)
            || r.height() <= RULE_THICKNESS && r.width() > 3.0 * r.height().max(0.1)
        {
            self.rules.push(Rule { x0: r.x0 as f32, y0: r.y0 as f32, x1: r.x1 as f32, y1: r.y1 as f32 });
        }
    }
}

fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => c.to_rgba().to_rgba8().iter().take(3).all(|&v| v > 240),
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        if is_white(&props.paint) {
            return;
        }
        let path = props.transform * path.clone();
        match mode {
            DrawMode::Stroke(stroke) | DrawMode::FillAndStroke(_, stroke) => {
                let scale = props.transform.as_coeffs()[0].hypot(props.transform.as_coeffs()[1]);
                let half = (f64::from(stroke.line_width) * scale / 2.0).max(0.25);
                let mut start = Point::ZERO;
                let mut last = Point::ZERO;
                for el in path.elements() {
                    let to = match *el {
                        PathEl::MoveTo(p) => {
                            start = p;
                            last = p;
                            continue;
                        }
                        PathEl::LineTo(p) => p,
                        PathEl::ClosePath => start,
                        PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                            last = p;
                            continue;
                        }
                    };
                    let r = Rect::from_points(last, to);
                    if r.width() < 0.5 || r.height() < 0.5 {
                        self.push_rule(r.inflate(
                            if r.width() < 0.5 { half } else { 0.0 },
                            if r.height() < 0.5 { half } else { 0.0 },
                        ));
                    }
                    last = to;
                }
            }
            DrawMode::Fill(_) => {
                let b = path.bounding_box();
                if b.width() <= RULE_THICKNESS || b.height() <= RULE_THICKNESS {
                    self.push_rule(b);
                } else if b.area() < 0.5 * self.page_area {
                    // A filled cell: its edges rule the grid as drawn lines would.
                    for edge in [
                        Rect::new(b.x0, b.y0, b.x1, b.y0),
                        Rect::new(b.x0, b.y1, b.x1, b.y1),
                        Rect::new(b.x0, b.y0, b.x0, b.y1),
                        Rect::new(b.x1, b.y0, b.x1, b.y1),
                    ] {
                        self.push_rule(edge.inflate(0.25, 0.25));
                    }
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        let b = clip.path.bounding_box();
        let inside = self.clips.last().map_or(b, |outer| outer.intersect(b));
        self.clips.push(inside);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            let t = props.transform * glyph.transform();
            let advance = match &**glyph {
                Glyph::Outline(g) => g.advance_width().unwrap_or(500.0),
                Glyph::Type3(g) => g.advance_width().unwrap_or(500.0),
            };
            let origin = t * Point::ZERO;
            let end = t * Point::new(f64::from(advance), 0.0);
            let top = t * Point::new(0.0, 1000.0);
            let size = (origin - top).hypot() as f32;
            // Rotated text (a stamp, a margin note) is no part of a table.
            if (end.y - origin.y).abs() > 0.1 * f64::from(size.max(1.0)) {
                continue;
            }
            let text = match glyph.as_unicode() {
                Some(hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_cmap::BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    continue;
                }
            };
            let (x0, x1) = if end.x >= origin.x { (origin.x, end.x) } else { (end.x, origin.x) };
            let middle = Point::new(f64::midpoint(x0, x1), origin.y - 0.3 * f64::from(size));
            if self.clips.last().is_some_and(|clip| !clip.inflate(1.0, 1.0).contains(middle)) {
                continue;
            }
            self.glyphs.push(Placed { text, x0: x0 as f32, x1: x1 as f32, baseline: origin.y as f32, size });
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        // The transform places the image's pixel grid on the page.
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let r = (props.transform * Rect::new(0.0, 0.0, w, h).to_path(0.1)).bounding_box();
        self.image_area += r.area();
    }

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {}
}

/// Glyphs in drawing order into words: a space, a change of baseline or a gap wider than a
/// fifth of the font size ends a word. Marks drawn apart from their letter (a combining acute
/// after "a") join it, and every word is NFC.
fn words(glyphs: &[Placed]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<(Word, f32, f32)> = None; // word, baseline, size
    let flush = |current: &mut Option<(Word, f32, f32)>, words: &mut Vec<Word>| {
        if let Some((mut w, _, _)) = current.take() {
            w.text = chitieu_core::text::clean(&w.text);
            if !w.text.is_empty() {
                words.push(w);
            }
        }
    };
    for g in glyphs {
        let blank = g.text.chars().all(char::is_whitespace);
        if blank {
            flush(&mut current, &mut words);
            continue;
        }
        let mark = g.text.chars().all(is_combining);
        let continues = current.as_ref().is_some_and(|(w, baseline, size)| {
            let same_line = (g.baseline - baseline).abs() <= 0.3 * size.max(g.size);
            let gap = g.x0 - w.x1;
            same_line && (mark || (gap <= WORD_GAP * size.max(g.size) && gap >= -0.5 * size.max(g.size)))
        });
        if !continues {
            flush(&mut current, &mut words);
        }
        if let Some((w, _, _)) = &mut current {
            w.text.push_str(&g.text);
            w.x0 = w.x0.min(g.x0);
            w.x1 = w.x1.max(g.x1);
            w.y0 = w.y0.min(g.baseline - 0.8 * g.size);
            w.y1 = w.y1.max(g.baseline + 0.2 * g.size);
        } else {
            let word = Word {
                text: g.text.clone(),
                x0: g.x0,
                y0: g.baseline - 0.8 * g.size,
                x1: g.x1,
                y1: g.baseline + 0.2 * g.size,
                confidence: None,
            };
            current = Some((word, g.baseline, g.size));
        }
    }
    flush(&mut current, &mut words);
    words
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, baseline: f32) -> Placed {
        Placed { text: text.into(), x0, x1: x0 + 5.0, baseline, size: 10.0 }
    }

    #[test]
    fn glyphs_join_into_words_at_spaces_gaps_and_lines() {
        let glyphs = [
            glyph("S", 0.0, 100.0),
            glyph("ở", 5.0, 100.0),
            glyph(" ", 10.0, 100.0),
            glyph("T", 15.0, 100.0),
            // A gap of 10 pt (a column boundary) ends the word.
            glyph("x", 30.0, 100.0),
            // The next line.
            glyph("y", 0.0, 112.0),
        ];
        let texts: Vec<_> = words(&glyphs).into_iter().map(|w| w.text).collect();
        assert_eq!(texts, ["Sở", "T", "x", "y"]);
    }

    #[test]
    fn a_mark_drawn_apart_joins_its_letter_in_nfc() {
        let glyphs = [glyph("a", 0.0, 100.0), glyph("\u{0301}", 1.0, 100.0), glyph("n", 5.0, 100.0)];
        let w = words(&glyphs);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "án");
    }
}
