//! Bytes of a text document into a Unicode string: UTF-8 (with or without BOM), UTF-16 (BOM
//! or by its NUL pattern), and a clear error for binary data and for the legacy Vietnamese
//! font encodings TCVN3 (ABC) and VNI, which no standard decoder knows.

use crate::ImportError;

/// Characters TCVN3 (ABC) puts where Unicode has Vietnamese letters: read as Windows-1252 or
/// Latin-1 they show up as this run of symbols inside words ("Ch­¬ng tr×nh").
const TCVN3_MARKS: &str = "¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉËªÌÐÎÏÑÒÕÓÔÖÝ×ØÜÞãßáâä«åèæçé¬êíëìîïóñòôõ®øö÷ùúýûüþ\u{AD}";
/// VNI writes a base letter followed by a tone/shape byte that Latin-1 shows as these.
const VNI_MARKS: [&str; 12] = ["aø", "aù", "aû", "aõ", "aï", "eá", "eà", "oá", "oà", "ö", "ô", "ñ"];

/// Decodes a text document, naming the file and line on failure.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file.into() });
    }
    if let Some(text) = utf16(bytes) {
        return check_legacy(file, text);
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
        Ok(text) => check_legacy(file, text.to_owned()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.split(|&b| b == b'\n').count();
            let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let detail = match legacy_encoding(&latin) {
                Some(name) => legacy_message(name),
                None => format!(
                    "byte 0x{:02X} is not UTF-8; save the document as UTF-8 (Unicode) text",
                    bytes[e.valid_up_to()]
                ),
            };
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

/// Valid Unicode that is really TCVN3 or VNI text decoded as Latin-1 is refused with a line.
fn check_legacy(file: &str, text: String) -> Result<String, ImportError> {
    if let Some(name) = legacy_encoding(&text) {
        let line = text
            .lines()
            .position(|l| legacy_encoding(l).is_some() || l.chars().filter(|c| TCVN3_MARKS.contains(*c)).count() >= 2)
            .map_or(1, |i| i + 1);
        return Err(ImportError::Encoding { file: file.into(), line, detail: legacy_message(name) });
    }
    Ok(text)
}

fn legacy_message(name: &str) -> String {
    format!(
        "the text is in the legacy Vietnamese encoding {name}, not Unicode; convert it to Unicode \
         (for example with Unikey's converter) and read it again"
    )
}

/// Names the legacy encoding the text looks like, if it looks like one.
fn legacy_encoding(text: &str) -> Option<&'static str> {
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
    let tcvn = text.chars().filter(|c| TCVN3_MARKS.contains(*c)).count();
    let vni: usize = VNI_MARKS.iter().map(|m| text.matches(m).count()).sum();
    if tcvn * 25 > letters && tcvn >= vni {
        Some("TCVN3 (ABC)")
    } else if vni * 25 > letters {
        Some("VNI")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        decode("x.txt", bytes).unwrap_err().to_string()
    }

    #[test]
    fn utf8_with_and_without_bom_reads() {
        assert_eq!(decode("a.txt", "Tỷ lệ".as_bytes()).unwrap(), "Tỷ lệ");
        assert_eq!(decode("a.txt", b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn utf16_with_bom_and_without_reads() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Tỷ lệ phủ sóng".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("a.txt", &le).unwrap(), "Tỷ lệ phủ sóng");
        let be: Vec<u8> = "STT\tChỉ tiêu\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode("a.txt", &be).unwrap(), "STT\tChỉ tiêu\n");
    }

    #[test]
    fn empty_binary_and_pdf_are_refused_by_name() {
        assert!(err(b"").contains("x.txt: the file is empty"));
        assert!(err(b" \n\t").contains("empty"));
        assert!(err(&[0, 1, 2, 3, 200, 5, 6, 7, 8]).contains("binary data"));
        assert!(err(b"%PDF-1.7\n...").contains("pdftotext"));
    }

    #[test]
    fn tcvn3_text_is_named_with_its_line() {
        // "Kế hoạch chuyển đổi số tỉnh Ninh Bình" in TCVN3, read as Latin-1, on line 2.
        let text = "\nKÕ ho¹ch chuyÓn ®æi sè tØnh Ninh B×nh n¨m 2026 vµ c¸c chØ tiªu ph¸t triÓn";
        let message = err(text.as_bytes());
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("TCVN3"), "{message}");
        let (raw, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(err(&raw).contains("TCVN3"));
    }

    #[test]
    fn invalid_utf8_names_the_line_and_byte() {
        let message = err(b"STT\tChi tieu\nabc \xC3\x28 def");
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("not UTF-8"), "{message}");
    }
}
