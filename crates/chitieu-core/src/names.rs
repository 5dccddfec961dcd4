//! Unit names as plans write them, made comparable: Unicode NFC, case, spaces, old and new
//! tone placement ("Uỷ"/"Ủy", "hoá"/"hóa"), "Tỉ"/"Tỷ", and the abbreviations officials use
//! ("UBND", "HĐND", "VP", "Sở KH&CN", "VH-XH", "VPĐU", "ĐBQH&HĐND"). A head's title before a unit
//! ("Trưởng phòng Y tế", "Chủ tịch UBND các phường, xã": the person who directs) and a trailing
//! "(có) liên quan" ("the units concerned") name the unit itself. [`name_key`] is the key two
//! spellings of one name share; [`similarity`] scores near-misses (OCR: "VP HỖND - UBND") for a person to
//! confirm.

use unicode_normalization::UnicodeNormalization;

use crate::text::{clean, fold};

/// Abbreviations and their expansions, matched as whole words on the lower-cased name.
/// Longer forms first, so "vpđu" wins over "vp".
pub(crate) const ABBREVIATIONS: &[(&str, &str)] = &[
    ("kh&cn", "khoa học và công nghệ"),
    ("khcn", "khoa học và công nghệ"),
    ("kh&kt", "khoa học và kỹ thuật"),
    ("kh&đt", "kế hoạch và đầu tư"),
    ("gd&đt", "giáo dục và đào tạo"),
    ("gdđt", "giáo dục và đào tạo"),
    ("tt&tt", "thông tin và truyền thông"),
    ("vh-xh", "văn hóa - xã hội"),
    ("vh&tt", "văn hóa và thể thao"),
    ("ct-xh", "chính trị - xã hội"),
    ("vpđu", "văn phòng đảng ủy"),
    ("vptu", "văn phòng tỉnh ủy"),
    ("đbqh", "đại biểu quốc hội"),
    ("ubnd", "ủy ban nhân dân"),
    ("hđnd", "hội đồng nhân dân"),
    ("ubmttq", "ủy ban mặt trận tổ quốc"),
    ("bhxh", "bảo hiểm xã hội"),
    ("ptth", "phát thanh truyền hình"),
    ("nhnn", "ngân hàng nhà nước"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("vp", "văn phòng"),
    ("kt", "kinh tế"),
    ("kh", "kế hoạch"),
    ("đh", "đại học"),
    ("cđ", "cao đẳng"),
    ("kv", "khu vực"),
];

/// Old-style tone placement (on the second vowel of "oa", "oe", "uy") moved to the new style.
const TONE_PLACEMENT: &[(&str, &str)] = &[
    ("oá", "óa"),
    ("oà", "òa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oé", "óe"),
    ("oè", "òe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uý", "úy"),
    ("uỳ", "ùy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// Titles of a unit's head, longest first: "Trưởng phòng Y tế" is keyed as "phòng Y tế".
const HEAD_TITLES: &[&[&str]] = &[&["thủ", "trưởng"], &["chủ", "tịch"], &["giám", "đốc"], &["trưởng"], &["chánh"]];

/// Trailing qualifiers that narrow a group to the units concerned, not to other units.
const CONCERNED: &[&[&str]] = &[&["có", "liên", "quan"], &["liên", "quan"]];

/// The key two spellings of one unit name share: cleaned, lower case, new-style tone marks,
/// "tỉ" read as "tỷ", abbreviations expanded, "&" read as "và", punctuation spaced, a head's
/// title and a trailing "(có) liên quan" dropped.
pub fn name_key(name: &str) -> String {
    let mut s = clean(name).to_lowercase();
    for (old, new) in TONE_PLACEMENT {
        if s.contains(old) {
            s = s.replace(old, new);
        }
    }
    let words: Vec<String> = s
        .split_whitespace()
        .map(|word| {
            let bare = word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | ':'));
            let expanded = ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == bare).map(|(_, full)| (*full).to_owned());
            let word = expanded.unwrap_or_else(|| bare.to_owned());
            match word.as_str() {
                "tỉ" => "tỷ".to_owned(),
                "&" => "và".to_owned(),
                // "ĐBQH&HĐND": two abbreviations joined, expanded one by one below.
                _ if word.contains('&') => word.replace('&', " và "),
                _ => word,
            }
        })
        .collect();
    // "HĐND-UBND", "VP HĐND - UBND" and "HĐND và UBND" name the same office.
    let joined = words.join(" ").replace(" - ", " ").replace(" và ", " ").replace('-', " ");
    let joined: String = joined.nfc().collect();
    let mut out: Vec<String> = Vec::new();
    for word in joined.split_whitespace() {
        let expanded = ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == word).map_or(word, |(_, full)| full);
        out.extend(expanded.split_whitespace().filter(|w| *w != "và").map(str::to_owned));
    }
    let same = |words: &[String], phrase: &[&str]| words.iter().zip(phrase).all(|(w, p)| w == p);
    if let Some(title) = HEAD_TITLES.iter().find(|t| out.len() > t.len() && same(&out, t)) {
        out.drain(..title.len());
    }
    if let Some(tail) = CONCERNED.iter().find(|t| out.len() > t.len() && same(&out[out.len() - t.len()..], t)) {
        out.truncate(out.len() - tail.len());
    }
    out.join(" ")
}

/// How alike two names are, 0..=1, compared on their keys with diacritics folded (OCR slips
/// such as "HỖND" for "HĐND" then cost one letter).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (name_key(a), name_key(b));
    if a == b {
        return 1.0;
    }
    // Compared both spelled out and abbreviated: a slip inside an abbreviation ("HỖND") is one
    // letter of a short word, not a whole expansion missing.
    let score = |x: &str, y: &str| {
        let (x, y) = (fold(x), fold(y));
        0.6 * strsim::normalized_levenshtein(&x, &y) + 0.4 * strsim::jaro_winkler(&x, &y)
    };
    score(&a, &b).max(score(&abbreviate(&a), &abbreviate(&b)))
}

/// A key with its expansions contracted back to their abbreviations, longest first.
fn abbreviate(key: &str) -> String {
    let mut short = format!(" {key} ");
    let mut expansions: Vec<&(&str, &str)> = ABBREVIATIONS.iter().collect();
    expansions.sort_by_key(|(_, full)| std::cmp::Reverse(full.len()));
    for (abbr, full) in expansions {
        let full = full.replace(" và ", " ").replace(" - ", " ");
        short = short.replace(&format!(" {full} "), &format!(" {} ", abbr.trim_end_matches('.')));
    }
    short.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let same = [
            ("Ủy ban nhân dân tỉnh", "UBND tỉnh"),
            ("Uỷ ban nhân dân tỉnh", "UBND  Tỉnh"),
            ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
            ("Văn phòng HĐND - UBND", "VP HĐND-UBND"),
            ("Văn phòng HĐND và UBND thành phố", "VP HĐND - UBND TP"),
            ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
            ("VPĐU", "Văn phòng Đảng ủy"),
            ("Sở Văn hoá và Thể thao", "Sở Văn hóa và Thể thao"),
            ("Đảng uỷ", "Đảng ủy"),
            ("Văn phòng Đoàn ĐBQH&HĐND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
            ("Liên Hiệp các Hội KH&KT tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
            ("Trưởng phòng Y tế", "Phòng Y tế"),
            ("Chánh Thanh tra thành phố", "Thanh tra thành phố"),
            ("Chủ tịch UBND các phường, xã", "UBND các phường, xã"),
            ("Các cơ, quan đơn vị có liên quan", "Các cơ quan, đơn vị"),
            ("các đơn vị liên quan", "Các đơn vị"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a} ~ {b}");
        }
        assert_ne!(name_key("Sở Y tế"), name_key("Sở Tài chính"));
        // A title or qualifier alone is a name, not something to drop.
        assert_eq!(name_key("Trưởng"), "trưởng");
        assert_eq!(name_key("Liên quan"), "liên quan");
        assert_ne!(name_key("Trường Đại học Hoa Lư"), name_key("Đại học Hoa Lư"));
    }

    #[test]
    fn ocr_slips_score_high_and_other_units_low() {
        assert!(similarity("VP HỖND - UBND", "Văn phòng HĐND - UBND") > 0.9);
        assert!(similarity("Bru điện tỉnh", "Bưu điện tỉnh") > 0.85);
        assert!(similarity("Sở Y tế", "Sở Tài chính") < 0.7);
        assert!((similarity("UBND tỉnh", "Ủy ban nhân dân tỉnh") - 1.0).abs() < f64::EPSILON);
    }
}
