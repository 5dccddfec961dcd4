//! Bytes of a text document into a Unicode string: UTF-8 (with or without BOM), UTF-16 (BOM
//! or by its NUL pattern), the legacy Vietnamese font encodings TCVN3 (ABC) and VNI converted to
//! Unicode, and a clear error for binary data and for other bytes that are not UTF-8.
//!
//! A legacy encoding is recognised from the whole text, never from a stray character: almost no
//! letters beyond Latin-1 (real Vietnamese has plenty), and many of the characters TCVN3 or VNI
//! put where Vietnamese letters are: TCVN3's symbols inside words ("Ch­¬ng tr×nh"), VNI's vowel
//! followed by a tone byte ("Chöông trình"). UTF-8 and Windows-1252 text (French "é", German
//! "ö", Spanish "ñ") has too few of them to be converted.

mod legacy;

pub(crate) use legacy::{Legacy, to_unicode};

use crate::ImportError;

/// Characters TCVN3 (ABC) puts where Unicode has Vietnamese letters: read as Windows-1252 or
/// Latin-1 they show up as this run of symbols inside words ("Ch­¬ng tr×nh").
const TCVN3_MARKS: &str = "¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉËªÌÐÎÏÑÒÕÓÔÖÝ×ØÜÞãßáâä«åèæçé¬êíëìîïóñòôõ®øö÷ùúýûüþ\u{AD}";
/// Of those, the ones that are no letter in Latin-1: inside a word they only come from TCVN3.
const TCVN3_SYMBOLS: &str = "¸¶·¹¨»¾¼½©«¬®×÷\u{AD}";
/// VNI writes a base letter followed by a tone/shape byte that Latin-1 shows as these.
const VNI_MARKS: &str = "ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË";
/// The bases VNI writes before a mark: the vowels, and ơ, ư (single bytes "ô", "ö").
const VNI_BASES: &str = "aeouyAEOUYôöÔÖ";

/// Decodes a text document, naming the file and line on failure.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file.into() });
    }
    if let Some(text) = utf16(bytes) {
        return Ok(unicode(text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"%PDF-") {
        return Err(ImportError::NotADocument {
            file: file.into(),
            detail: "this is a PDF; extract its text first (for example `pdftotext -layout FILE.pdf`) \
                     and read the .txt"
                .into(),
        });
    }
    let controls = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    if controls * 50 > bytes.len() || bytes.contains(&0) {
        return Err(ImportError::NotADocument {
            file: file.into(),
            detail: format!("binary data ({controls} control bytes); expected text, .docx or .xlsx"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(unicode(text.to_owned())),
        Err(e) => {
            let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            if let Some(legacy) = legacy_encoding(&latin) {
                return Ok(to_unicode(&latin, legacy));
            }
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.split(|&b| b == b'\n').count();
            let detail = format!(
                "byte 0x{:02X} is not UTF-8; save the document as UTF-8 (Unicode) text",
                bytes[e.valid_up_to()]
            );
            Err(ImportError::Encoding { file: file.into(), line, detail })
        }
    }
}

/// UTF-16 with a byte-order mark, or without one when every other byte of ASCII text is NUL.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (encoding, body) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, rest)
    } else if bytes.len() >= 8 {
        let sample = &bytes[..bytes.len().min(512) & !1];
        let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let half = sample.len() / 2;
        if odd_nuls * 10 > half * 6 && even_nuls * 10 < half {
            (encoding_rs::UTF_16LE, bytes)
        } else if even_nuls * 10 > half * 6 && odd_nuls * 10 < half {
            (encoding_rs::UTF_16BE, bytes)
        } else {
            return None;
        }
    } else {
        return None;
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    Some(text.into_owned())
}

/// Valid Unicode that is really TCVN3 or VNI text decoded as Latin-1, converted; other text as
/// it is.
fn unicode(text: String) -> String {
    match legacy_encoding(&text) {
        Some(legacy) => to_unicode(&text, legacy),
        None => text,
    }
}

/// The legacy encoding the text is in, if it is in one.
pub(crate) fn legacy_encoding(text: &str) -> Option<Legacy> {
    // A legacy encoding is file-wide: the first 8,000 characters tell.
    let end = text.char_indices().nth(8000).map_or(text.len(), |(i, _)| i);
    let text = &text[..end];
    let (mut letters, mut beyond_latin1) = (0usize, 0usize);
    for c in text.chars().filter(|&c| c.is_ascii_alphabetic() || (c as u32 >= 0xC0 && c.is_alphabetic())) {
        letters += 1;
        beyond_latin1 += usize::from(c as u32 > 0xFF);
    }
    // Real Vietnamese has plenty of letters outside Latin-1 (ạ ả ấ ơ ư đ …); legacy text has none.
    if letters < 20 || beyond_latin1 * 100 > letters {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let tcvn = chars.iter().filter(|c| TCVN3_MARKS.contains(**c)).count();
    let in_word = |k: usize| {
        let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() || TCVN3_SYMBOLS.contains(*c));
        letter(k.checked_sub(1).and_then(|p| chars.get(p))) || letter(chars.get(k + 1))
    };
    let symbols = (0..chars.len()).filter(|&k| TCVN3_SYMBOLS.contains(chars[k]) && in_word(k)).count();
    let vni = chars.windows(2).filter(|w| VNI_BASES.contains(w[0]) && VNI_MARKS.contains(w[1])).count();
    if tcvn * 25 > letters && symbols * 100 > letters && tcvn >= vni {
        Some(Legacy::Tcvn3)
    } else if vni * 50 > letters && vni >= 3 {
        Some(Legacy::Vni)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
