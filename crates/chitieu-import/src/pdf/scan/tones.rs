//! Tone marks the Vietnamese model misreads: it reads the hook above as an acute ("triến khai",
//! "đối mới", "kiếm tra"), now and then another tone for the right one, and drops a
//! circumflex ("Ké hoạch"). Two words read in a row that differ only in those marks from a word
//! of the administrative vocabulary (vocabulary.txt) are written as that word; letters, breves
//! and horns must match, so "có số" never becomes "cơ sở".

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::pdf::page::Word;

const VOCABULARY: &str = include_str!("vocabulary.txt");

/// The vocabulary by its words without tone marks.
fn vocabulary() -> &'static HashMap<String, &'static str> {
    static BY_LETTERS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    BY_LETTERS.get_or_init(|| {
        VOCABULARY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| (toneless(l), l))
            .collect()
    })
}

/// Each Vietnamese vowel without tone, then with grave, acute, hook above, tilde, dot below.
const TONES: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// Lower case without the five tone marks, and without circumflexes, which OCR drops too ("Ké
/// hoạch", "Thành phó"); breves and horns kept. `s` is NFC, as OCR's words are.
fn toneless(s: &str) -> String {
    let base = |c: char| TONES.iter().find(|v| v.contains(c)).and_then(|v| v.chars().next()).unwrap_or(c);
    s.to_lowercase()
        .chars()
        .map(|c| match base(c) {
            'â' => 'a',
            'ê' => 'e',
            'ô' => 'o',
            b => b,
        })
        .collect()
}

/// Corrects the tone marks of `words` (one piece's, in reading order) against the vocabulary.
pub fn correct(words: &mut [Word]) {
    for i in 1..words.len() {
        let (a, b) = (split(&words[i - 1].text), split(&words[i].text));
        if a.1.is_empty() || b.1.is_empty() {
            continue;
        }
        let Some(known) = vocabulary().get(&toneless(&format!("{} {}", a.1, b.1))) else { continue };
        let Some((ka, kb)) = known.split_once(' ') else { continue };
        let fixed_a = format!("{}{}{}", a.0, like(a.1, ka), a.2);
        let fixed_b = format!("{}{}{}", b.0, like(b.1, kb), b.2);
        words[i - 1].text = fixed_a;
        words[i].text = fixed_b;
    }
}

/// A word as (leading punctuation, letters, trailing punctuation).
fn split(word: &str) -> (&str, &str, &str) {
    let start = word.find(char::is_alphanumeric).unwrap_or(word.len());
    let end =
        word.rfind(char::is_alphanumeric).map_or(start, |i| i + word[i..].chars().next().map_or(1, char::len_utf8));
    (&word[..start], &word[start..end], &word[end..])
}

/// `known` in the case `read` was written in: all capitals, a capital first letter, or lower.
fn like(read: &str, known: &str) -> String {
    let letters: Vec<char> = read.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        known.to_uppercase()
    } else if read.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = known.chars();
        chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        known.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrected(text: &str) -> String {
        let mut words: Vec<Word> = text
            .split(' ')
            .map(|t| Word { text: t.into(), x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0, confidence: Some(96.0) })
            .collect();
        correct(&mut words);
        words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn misread_tone_marks_are_corrected_against_the_vocabulary() {
        assert_eq!(corrected("Phát triến hạ tầng"), "Phát triển hạ tầng");
        assert_eq!(corrected("đối mới sáng tạo và chuyến đối số"), "đổi mới sáng tạo và chuyển đổi số");
        assert_eq!(corrected("(kiếm tra, tống hợp)"), "(kiểm tra, tổng hợp)");
        assert_eq!(corrected("Triến khai"), "Triển khai");
        assert_eq!(corrected("TỐ CHỨC"), "TỔ CHỨC");
        assert_eq!(corrected("Ké hoạch số 12"), "Kế hoạch số 12");
    }

    #[test]
    fn other_letters_or_words_outside_the_vocabulary_are_left_alone() {
        // "có số" is "cơ sở" in other letters (horns), not other tones.
        assert_eq!(corrected("có số liệu"), "có số liệu");
        assert_eq!(corrected("triển khai"), "triển khai");
        assert_eq!(corrected("Sở Tài chính"), "Sở Tài chính");
        assert_eq!(corrected("100% - -"), "100% - -");
    }

    #[test]
    fn toneless_keeps_the_letters_breves_and_horns() {
        assert_eq!(toneless("Triển Khai"), "trien khai");
        assert_eq!(toneless("cơ sở"), "cơ sơ");
        assert_eq!(toneless("Đổi mới"), "đoi mơi");
    }

    #[test]
    fn the_vocabulary_has_no_two_words_differing_only_in_tones() {
        let listed = VOCABULARY.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(vocabulary().len(), listed);
    }
}
