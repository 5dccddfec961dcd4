//! The legacy Vietnamese font encodings converted to Unicode: TCVN3 (ABC, TCVN 5712:1993 table
//! VN3, the `.VnTime` fonts) and VNI Windows (the `VNI-Times` fonts). Both put Vietnamese letters
//! where Windows-1252 has Latin-1 ones, so the text arrives as Latin-1 characters (bytes read as
//! Windows-1252, or text someone already decoded that way) and is mapped character by character.
//!
//! - TCVN3 has one byte per precomposed letter, lower case only, and Ă Â Ê Ô Ơ Ư Đ without a
//!   tone. Capitals with a tone are the lower-case bytes shown in a capitals font (`.VnTimeH`):
//!   from plain text they come back lower case; a .docx run names its font, and is upper-cased.
//! - VNI writes a base letter (a, e, o, u, y; ơ, ư, đ and the toned i, ỵ have single bytes) and
//!   then one byte for its shape and tone together ("aà" is ầ, "ñöôøng" is đường).
//!
//! The tables follow the standards' code charts and were checked letter by letter against the
//! tables of xvnkb (github.com/lamdao/xvnkb, tcvn.h and vni.h, by Dao Hai Lam) and of a public
//! C# converter (github.com/hdbd789/clinic, Helpers/Converter.cs): all 74 TCVN3 and 134 VNI
//! letters agree.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A legacy encoding the reader converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3,
    Vni,
}

/// TCVN3 (VN3): the byte of each letter the table holds.
#[rustfmt::skip]
const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'), (0xA7, 'Đ'),
    (0xA8, 'ă'), (0xA9, 'â'), (0xAA, 'ê'), (0xAB, 'ô'), (0xAC, 'ơ'), (0xAD, 'ư'), (0xAE, 'đ'),
    (0xB5, 'à'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB8, 'á'), (0xB9, 'ạ'), (0xBB, 'ằ'), (0xBC, 'ẳ'),
    (0xBD, 'ẵ'), (0xBE, 'ắ'), (0xC6, 'ặ'), (0xC7, 'ầ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCA, 'ấ'),
    (0xCB, 'ậ'), (0xCC, 'è'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD0, 'é'), (0xD1, 'ẹ'), (0xD2, 'ề'),
    (0xD3, 'ể'), (0xD4, 'ễ'), (0xD5, 'ế'), (0xD6, 'ệ'), (0xD7, 'ì'), (0xD8, 'ỉ'), (0xDC, 'ĩ'),
    (0xDD, 'í'), (0xDE, 'ị'), (0xDF, 'ò'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE3, 'ó'), (0xE4, 'ọ'),
    (0xE5, 'ồ'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE8, 'ố'), (0xE9, 'ộ'), (0xEA, 'ờ'), (0xEB, 'ở'),
    (0xEC, 'ỡ'), (0xED, 'ớ'), (0xEE, 'ợ'), (0xEF, 'ù'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF3, 'ú'),
    (0xF4, 'ụ'), (0xF5, 'ừ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF8, 'ứ'), (0xF9, 'ự'), (0xFA, 'ỳ'),
    (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFD, 'ý'), (0xFE, 'ỵ'),
];

/// VNI Windows: each letter as its bytes read as Latin-1 (base letter, then shape and tone).
#[rustfmt::skip]
const VNI: [(char, &str); 134] = [
    ('á', "a\u{F9}"), ('à', "a\u{F8}"), ('ả', "a\u{FB}"), ('ã', "a\u{F5}"), ('ạ', "a\u{EF}"), ('é', "e\u{F9}"),
    ('è', "e\u{F8}"), ('ẻ', "e\u{FB}"), ('ẽ', "e\u{F5}"), ('ẹ', "e\u{EF}"), ('ó', "o\u{F9}"), ('ò', "o\u{F8}"),
    ('ỏ', "o\u{FB}"), ('õ', "o\u{F5}"), ('ọ', "o\u{EF}"), ('ú', "u\u{F9}"), ('ù', "u\u{F8}"), ('ủ', "u\u{FB}"),
    ('ũ', "u\u{F5}"), ('ụ', "u\u{EF}"), ('ý', "y\u{F9}"), ('ỳ', "y\u{F8}"), ('ỷ', "y\u{FB}"), ('ỹ', "y\u{F5}"),
    ('ỵ', "\u{EE}"), ('â', "a\u{E2}"), ('ấ', "a\u{E1}"), ('ầ', "a\u{E0}"), ('ẩ', "a\u{E5}"), ('ẫ', "a\u{E3}"),
    ('ậ', "a\u{E4}"), ('ê', "e\u{E2}"), ('ế', "e\u{E1}"), ('ề', "e\u{E0}"), ('ể', "e\u{E5}"), ('ễ', "e\u{E3}"),
    ('ệ', "e\u{E4}"), ('ô', "o\u{E2}"), ('ố', "o\u{E1}"), ('ồ', "o\u{E0}"), ('ổ', "o\u{E5}"), ('ỗ', "o\u{E3}"),
    ('ộ', "o\u{E4}"), ('ă', "a\u{EA}"), ('ắ', "a\u{E9}"), ('ằ', "a\u{E8}"), ('ẳ', "a\u{FA}"), ('ẵ', "a\u{FC}"),
    ('ặ', "a\u{EB}"), ('ơ', "\u{F4}"), ('ớ', "\u{F4}\u{F9}"), ('ờ', "\u{F4}\u{F8}"), ('ở', "\u{F4}\u{FB}"), ('ỡ', "\u{F4}\u{F5}"),
    ('ợ', "\u{F4}\u{EF}"), ('ư', "\u{F6}"), ('ứ', "\u{F6}\u{F9}"), ('ừ', "\u{F6}\u{F8}"), ('ử', "\u{F6}\u{FB}"), ('ữ', "\u{F6}\u{F5}"),
    ('ự', "\u{F6}\u{EF}"), ('í', "\u{ED}"), ('ì', "\u{EC}"), ('ỉ', "\u{E6}"), ('ĩ', "\u{F3}"), ('ị', "\u{F2}"),
    ('đ', "\u{F1}"), ('Á', "A\u{D9}"), ('À', "A\u{D8}"), ('Ả', "A\u{DB}"), ('Ã', "A\u{D5}"), ('Ạ', "A\u{CF}"),
    ('É', "E\u{D9}"), ('È', "E\u{D8}"), ('Ẻ', "E\u{DB}"), ('Ẽ', "E\u{D5}"), ('Ẹ', "E\u{CF}"), ('Ó', "O\u{D9}"),
    ('Ò', "O\u{D8}"), ('Ỏ', "O\u{DB}"), ('Õ', "O\u{D5}"), ('Ọ', "O\u{CF}"), ('Ú', "U\u{D9}"), ('Ù', "U\u{D8}"),
    ('Ủ', "U\u{DB}"), ('Ũ', "U\u{D5}"), ('Ụ', "U\u{CF}"), ('Ý', "Y\u{D9}"), ('Ỳ', "Y\u{D8}"), ('Ỷ', "Y\u{DB}"),
    ('Ỹ', "Y\u{D5}"), ('Ỵ', "\u{CE}"), ('Â', "A\u{C2}"), ('Ấ', "A\u{C1}"), ('Ầ', "A\u{C0}"), ('Ẩ', "A\u{C5}"),
    ('Ẫ', "A\u{C3}"), ('Ậ', "A\u{C4}"), ('Ê', "E\u{C2}"), ('Ế', "E\u{C1}"), ('Ề', "E\u{C0}"), ('Ể', "E\u{C5}"),
    ('Ễ', "E\u{C3}"), ('Ệ', "E\u{C4}"), ('Ô', "O\u{C2}"), ('Ố', "O\u{C1}"), ('Ồ', "O\u{C0}"), ('Ổ', "O\u{C5}"),
    ('Ỗ', "O\u{C3}"), ('Ộ', "O\u{C4}"), ('Ă', "A\u{CA}"), ('Ắ', "A\u{C9}"), ('Ằ', "A\u{C8}"), ('Ẳ', "A\u{DA}"),
    ('Ẵ', "A\u{DC}"), ('Ặ', "A\u{CB}"), ('Ơ', "\u{D4}"), ('Ớ', "\u{D4}\u{D9}"), ('Ờ', "\u{D4}\u{D8}"), ('Ở', "\u{D4}\u{DB}"),
    ('Ỡ', "\u{D4}\u{D5}"), ('Ợ', "\u{D4}\u{CF}"), ('Ư', "\u{D6}"), ('Ứ', "\u{D6}\u{D9}"), ('Ừ', "\u{D6}\u{D8}"), ('Ử', "\u{D6}\u{DB}"),
    ('Ữ', "\u{D6}\u{D5}"), ('Ự', "\u{D6}\u{CF}"), ('Í', "\u{CD}"), ('Ì', "\u{CC}"), ('Ỉ', "\u{C6}"), ('Ĩ', "\u{D3}"),
    ('Ị', "\u{D2}"), ('Đ', "\u{D1}"),
];

/// VNI sequences (a base and its mark, or a single byte) and the letter each writes.
static VNI_LETTERS: LazyLock<HashMap<(char, Option<char>), char>> = LazyLock::new(|| {
    VNI.iter()
        .map(|&(letter, bytes)| {
            let mut chars = bytes.chars();
            let base = chars.next().unwrap_or_default();
            ((base, chars.next()), letter)
        })
        .collect()
});

/// The text in Unicode (NFC: every letter precomposed); characters outside the tables are kept.
pub(crate) fn to_unicode(latin: &str, legacy: Legacy) -> String {
    match legacy {
        Legacy::Tcvn3 => latin.chars().map(tcvn3_letter).collect(),
        Legacy::Vni => vni_to_unicode(latin),
    }
}

fn tcvn3_letter(c: char) -> char {
    if c < '\u{A1}' {
        return c;
    }
    u8::try_from(u32::from(c))
        .ok()
        .and_then(|byte| TCVN3.iter().find(|(b, _)| *b == byte))
        .map_or(c, |&(_, letter)| letter)
}

fn vni_to_unicode(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len());
    let mut chars = latin.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek().and_then(|&mark| vni_pair(c, mark)) {
            Some(letter) => {
                chars.next();
                out.push(letter);
            }
            None => out.push(VNI_LETTERS.get(&(c, None)).copied().unwrap_or(c)),
        }
    }
    out
}

/// The letter a base and a mark write; a mark typed in the other case than its base ("Vieät",
/// "VIEÄT" are both right; `VIEät` happens) takes the base's case.
fn vni_pair(base: char, mark: char) -> Option<char> {
    if let Some(&letter) = VNI_LETTERS.get(&(base, Some(mark))) {
        return Some(letter);
    }
    let other_case = match mark {
        '\u{C0}'..='\u{DF}' => char::from_u32(u32::from(mark) + 0x20)?,
        '\u{E0}'..='\u{FF}' => char::from_u32(u32::from(mark) - 0x20)?,
        _ => return None,
    };
    let letter = *VNI_LETTERS.get(&(base, Some(other_case)))?;
    let cased = if base.is_uppercase() { letter.to_uppercase().next() } else { letter.to_lowercase().next() };
    cased.or(Some(letter))
}

/// Unicode text in a legacy encoding, as bytes: the inverse of the tables, for tests. A capital
/// with a tone, which TCVN3 does not hold, is written as its lower-case byte (as in `.VnTimeH`).
#[cfg(test)]
pub(crate) fn from_unicode(text: &str, legacy: Legacy) -> Vec<u8> {
    let latin: String = match legacy {
        Legacy::Tcvn3 => text
            .chars()
            .map(|c| {
                let lower = if TCVN3.iter().any(|&(_, l)| l == c) { c } else { c.to_lowercase().next().unwrap_or(c) };
                TCVN3.iter().find(|&&(_, l)| l == lower).map_or(c, |&(b, _)| char::from(b))
            })
            .collect(),
        Legacy::Vni => text
            .chars()
            .map(|c| VNI.iter().find(|(l, _)| *l == c).map_or(c.to_string(), |(_, s)| (*s).to_owned()))
            .collect(),
    };
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&latin);
    assert!(!unmappable, "{text:?} has a character without a byte in {legacy:?}");
    bytes.into_owned()
}
