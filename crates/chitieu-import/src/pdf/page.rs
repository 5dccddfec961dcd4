//! What a PDF page holds for the table reader, whichever way it was read: the words with their
//! boxes and the ruling lines. The text layer ([`super::extract`]) and OCR of a scan
//! ([`super::scan`]) both produce a [`Page`]; [`super::layout`] turns pages into blocks.
//!
//! Coordinates are in points (1/72 in) from the page's top-left corner, y growing downwards,
//! on the page as displayed (its /Rotate applied).

/// One page's words and ruling lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number in the document.
    pub number: usize,
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
    pub rules: Vec<Rule>,
}

/// A word: characters with no gap wider than a space between them, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// OCR confidence in 0..=100; `None` for words from a text layer.
    pub confidence: Option<f32>,
}

/// A ruling line: a stroked line or a thin filled rectangle, as a box (a line of width w
/// from (x, y0) to (x, y1) is the box x - w/2 .. x + w/2 × y0 .. y1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    /// Longer than wide and at most `max_thickness` thick.
    pub fn is_horizontal(&self, max_thickness: f32) -> bool {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        h <= max_thickness && w > 3.0 * h
    }

    pub fn is_vertical(&self, max_thickness: f32) -> bool {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        w <= max_thickness && h > 3.0 * w
    }
}

impl Word {
    pub fn center(&self) -> (f32, f32) {
        (f32::midpoint(self.x0, self.x1), f32::midpoint(self.y0, self.y1))
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}
