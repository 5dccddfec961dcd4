//! Vietnamese text normalisation shared by the readers and matchers: NFC, folded spaces,
//! lower case, and diacritics folding for comparisons.

use unicode_normalization::UnicodeNormalization;

/// NFC with runs of white space (including no-break spaces) folded to one space, trimmed.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cased, cleaned form for keyword matching; diacritics kept ("theo dõi" ≠ "theo doi").
pub fn key(s: &str) -> String {
    clean(s).to_lowercase()
}

/// Lower case with diacritics removed and "đ" folded to "d", for fuzzy comparisons.
pub fn fold(s: &str) -> String {
    key(s).nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).map(|c| if c == 'đ' { 'd' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_composes_and_folds_spaces() {
        // "Tỷ" written with a combining hook above.
        assert_eq!(clean("  Ty\u{309}   lệ\u{a0}5G "), "Tỷ lệ 5G");
    }

    #[test]
    fn fold_drops_diacritics_and_d_stroke() {
        assert_eq!(fold("Đôn Đốc"), "don doc");
        assert_eq!(fold("Tỷ lệ"), fold("TỶ LỆ"));
    }
}
