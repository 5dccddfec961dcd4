//! Short pieces — item numbers, years, figures: a cell of a few letters on one line — are
//! where the Vietnamese model errs most: on so small an image it reads "3." as "cả", "2035" as
//! nothing, "1.1." as "11:", and a margin a few pixels wider or narrower changes which. Such a
//! piece is read three ways (as it is; with a wider margin; with the English model, which
//! knows figures better). Each read scores a point for each read that agrees with it (itself
//! too) and one more if it looks like a number or a code; the best score wins, the first read
//! on a tie.

use crate::code::Code;
use crate::pdf::page::Word;

/// A piece at most this high and wide (points, its ink) is short.
const MAX_HEIGHT: f32 = 16.0;
const MAX_WIDTH: f32 = 72.0;
/// The wider margin of the second read, in points (added to the first's).
pub const EXTRA_MARGIN: f32 = 2.5;

/// Whether a piece whose ink is `width` × `height` pixels at `dpi` is short.
pub fn is_short(width: u32, height: u32, dpi: f32) -> bool {
    let pt = |px: u32| px as f32 * 72.0 / dpi;
    pt(height) <= MAX_HEIGHT && pt(width) <= MAX_WIDTH
}

/// The read to keep of a short piece's `reads` (the first read first).
pub fn choose(reads: Vec<Vec<Word>>) -> Vec<Word> {
    let text = |words: &[Word]| words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    let texts: Vec<String> = reads.iter().map(|r| text(r)).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, t) in texts.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        let score = texts.iter().filter(|o| *o == t).count() + usize::from(well_formed(t));
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    let chosen = best.map_or(0, |(i, _)| i);
    reads.into_iter().nth(chosen).unwrap_or_default()
}

/// Whether `words` read as a number: an item number in figures or roman numerals, or a
/// figure — not a letter ("i", "l"), which a bar of a roman numeral is often read as.
pub fn reads_as_number(words: &[Word]) -> bool {
    let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    well_formed(&text) && !matches!(Code::parse(&text), Some(Code::Letter(_)))
}

/// An item number ("3.", "1.1.", "IV", "b)"), a figure ("2035", "≥ 60", "12,5%") or a dash.
fn well_formed(text: &str) -> bool {
    if Code::parse(text).is_some() || matches!(text, "-" | "–") {
        return true;
    }
    let figure = text.trim_start_matches(['≥', '≤', '>', '<', '=']).trim_start().trim_end_matches('%');
    figure.starts_with(|c: char| c.is_ascii_digit())
        && figure.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .map(|t| Word { text: t.into(), x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0, confidence: Some(90.0) })
            .collect()
    }

    fn chosen(reads: &[&str]) -> String {
        let words = choose(reads.iter().map(|r| read(r)).collect());
        words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_number_or_code_wins_then_the_most_agreed_read_then_the_first() {
        assert_eq!(chosen(&["cả", "3.", "3."]), "3.");
        assert_eq!(chosen(&["1.1.", "11:", "1.1."]), "1.1.");
        assert_eq!(chosen(&["3.3.", "343.", "3.3."]), "3.3.");
        assert_eq!(chosen(&["", "2035", "2035"]), "2035");
        assert_eq!(chosen(&["≥ 60", "≥60", "2 60"]), "≥ 60");
        assert_eq!(chosen(&["Có", "Có", "Co"]), "Có");
        // A figure alone does not outvote two reads agreeing.
        assert_eq!(chosen(&["%", "%", "96"]), "%");
        assert_eq!(chosen(&["bó", "2.", "z"]), "2.");
        assert_eq!(chosen(&["", "", ""]), "");
    }

    #[test]
    fn a_letter_is_no_number() {
        assert!(reads_as_number(&read("1.")) && reads_as_number(&read("II")) && reads_as_number(&read("≥ 5")));
        assert!(!reads_as_number(&read("i.")) && !reads_as_number(&read("L")) && !reads_as_number(&read("")));
    }

    #[test]
    fn short_is_one_line_of_a_few_letters() {
        assert!(is_short(100, 40, 300.0));
        assert!(!is_short(100, 120, 300.0));
        assert!(!is_short(400, 40, 300.0));
    }
}
