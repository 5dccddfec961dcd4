//! Breaking a cell's text into lines that fit its width: at spaces, keeping the text's own line
//! breaks, and inside a word only when the word alone is wider than the cell.

use super::fonts::Face;

/// The lines of `text` at `size` points within `width` points; none for empty text.
pub(super) fn wrap(face: &Face, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    if text.trim().is_empty() {
        return lines;
    }
    let space = face.advance(' ', size);
    for paragraph in text.trim().lines() {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word: String = word.chars().filter(|c| !c.is_control()).collect();
            let word_width = face.width(&word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(&word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line = word;
                line_width = word_width;
            } else {
                line_width = break_word(face, size, &word, width, &mut lines, &mut line);
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits a word wider than the cell into pieces that fit; all but the last go to `lines`, the
/// last stays in `line`. Returns the width of `line`.
fn break_word(face: &Face, size: f32, word: &str, width: f32, lines: &mut Vec<String>, line: &mut String) -> f32 {
    let mut line_width = 0.0;
    for c in word.chars() {
        let advance = face.advance(c, size);
        if !line.is_empty() && line_width + advance > width {
            lines.push(std::mem::take(line));
            line_width = 0.0;
        }
        line.push(c);
        line_width += advance;
    }
    line_width
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{Faces, Weight};
    use super::*;

    const TEXT: &str = "Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình trên Cổng dịch vụ công quốc gia";

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let faces = Faces::load().expect("fonts");
        let face = faces.get(Weight::Regular);
        for width in [60.0, 120.0, 250.0] {
            let lines = wrap(face, 8.0, TEXT, width);
            assert!(lines.len() > 1 || width >= face.width(TEXT, 8.0));
            for line in &lines {
                assert!(face.width(line, 8.0) <= width, "{line:?} is wider than {width}");
            }
            assert_eq!(lines.join(" "), TEXT);
        }
    }

    #[test]
    fn a_line_is_filled_before_breaking() {
        let faces = Faces::load().expect("fonts");
        let face = faces.get(Weight::Regular);
        let lines = wrap(face, 8.0, TEXT, 120.0);
        for pair in lines.windows(2) {
            let next_word = pair[1].split(' ').next().expect("a word");
            let joined = format!("{} {next_word}", pair[0]);
            assert!(face.width(&joined, 8.0) > 120.0, "{next_word:?} would have fitted after {:?}", pair[0]);
        }
    }

    #[test]
    fn own_line_breaks_are_kept_and_empty_text_has_no_lines() {
        let faces = Faces::load().expect("fonts");
        let face = faces.get(Weight::Regular);
        assert_eq!(wrap(face, 8.0, "Đạt\nỦy ban", 200.0), ["Đạt", "Ủy ban"]);
        assert!(wrap(face, 8.0, "  ", 200.0).is_empty());
        assert_eq!(wrap(face, 8.0, "a\tb", 200.0), ["a b"]);
    }

    #[test]
    fn a_word_wider_than_the_cell_is_cut_into_pieces_that_fit() {
        let faces = Faces::load().expect("fonts");
        let face = faces.get(Weight::Regular);
        let word = "https://dichvucong.ninhbinh.gov.vn/thu-tuc-hanh-chinh";
        let lines = wrap(face, 8.0, word, 50.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| face.width(l, 8.0) <= 50.0));
    }
}
