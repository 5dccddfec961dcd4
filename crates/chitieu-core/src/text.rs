//! Vietnamese text normalisation shared by the readers and matchers: NFC, folded spaces,
//! lower case, and diacritics folding for comparisons.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC with runs of white space (including no-break spaces) folded to one space, trimmed.
pub fn clean(s: &str) -> String {
    let nfc: std::borrow::Cow<'_, str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.into(),
        _ => s.nfc().collect::<String>().into(),
    };
    if is_folded(&nfc) {
        return nfc.into_owned();
    }
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` has no white space but single ASCII spaces between words.
fn is_folded(s: &str) -> bool {
    let mut previous_space = true;
    for c in s.chars() {
        let space = c.is_whitespace();
        if space && (c != ' ' || previous_space) {
            return false;
        }
        previous_space = space;
    }
    !previous_space || s.is_empty()
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
        assert_eq!(clean("Tỷ lệ 5G"), "Tỷ lệ 5G");
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(clean("a "), "a");
        assert_eq!(clean(""), "");
        assert_eq!(clean(" "), "");
    }

    #[test]
    fn fold_drops_diacritics_and_d_stroke() {
        assert_eq!(fold("Đôn Đốc"), "don doc");
        assert_eq!(fold("Tỷ lệ"), fold("TỶ LỆ"));
    }
}
