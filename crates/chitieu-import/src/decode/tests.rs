//! Decoding text documents: UTF-8 and UTF-16, refusals, and the legacy encodings TCVN3 and VNI
//! converted from bytes made here by the inverse of their tables.

use std::fmt::Write as _;

use super::legacy::from_unicode;
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
fn invalid_utf8_names_the_line_and_byte() {
    let message = err(b"STT\tChi tieu\nabc \xC3\x28 def");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");
}

/// Every vowel with every tone and shape, in both cases, in syllables, and đ: "la lá là lả …
/// LA LÁ … lỵ LỴ đa ĐA".
fn every_letter() -> String {
    let mut out = String::new();
    for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
        for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
            let lower = chitieu_core::text::clean(&format!("l{base}{tone}"));
            let _ = write!(out, "{lower} {} ", lower.to_uppercase());
        }
    }
    out + "đa ĐA"
}

/// Sentences of plans, with every letter.
fn sentences() -> Vec<String> {
    let mut out: Vec<String> = [
        "Tỷ lệ hộ gia đình sử dụng Internet cáp quang đạt 95%",
        "Ứng dụng công dân số tỉnh Ninh Bình",
        "Đường dây nóng; Ưu tiên người dân, doanh nghiệp",
        "Kế hoạch chuyển đổi số năm 2026: Chương trình, Đề án, Ủy ban nhân dân các xã, phường",
        "Nghiên cứu, ứng dụng khoa học – công nghệ; bảo đảm an toàn thông tin mạng “4 tại chỗ”",
        "Quỹ hỗ trợ; Thủ tướng Chính phủ; Ngữ văn; Lữ hành; Kỹ thuật; Sự nghiệp; Mỹ thuật",
    ]
    .map(str::to_owned)
    .into();
    out.push(every_letter());
    out
}

/// What plain TCVN3 text can hold: capitals with a tone become lower case (`.VnTimeH` shows
/// the lower-case bytes as capitals).
fn tcvn3_holds(text: &str) -> String {
    text.chars()
        .map(|c| {
            let untoned_capital = "ĂÂÊÔƠƯĐ".contains(c);
            if c.is_uppercase() && !c.is_ascii() && !untoned_capital { c.to_lowercase().next().unwrap_or(c) } else { c }
        })
        .collect()
}

#[test]
fn tcvn3_and_vni_bytes_read_back_as_the_unicode_they_encode() {
    for sentence in sentences() {
        let tcvn3 = decode("a.txt", &from_unicode(&sentence, Legacy::Tcvn3)).expect(&sentence);
        assert_eq!(tcvn3, tcvn3_holds(&sentence), "TCVN3 {sentence:?}");
        let vni = decode("a.txt", &from_unicode(&sentence, Legacy::Vni)).expect(&sentence);
        assert_eq!(vni, sentence, "VNI {sentence:?}");
        // NFC: every letter precomposed, as `clean` leaves it.
        assert_eq!(chitieu_core::text::clean(&vni), vni);
    }
}

#[test]
fn legacy_text_already_decoded_as_latin_1_is_converted_too() {
    let sentence = "Tỷ lệ hộ gia đình sử dụng Internet cáp quang đạt 95%";
    for legacy in [Legacy::Tcvn3, Legacy::Vni] {
        let bytes = from_unicode(sentence, legacy);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        assert_eq!(decode("a.txt", latin.as_bytes()).unwrap(), sentence, "{legacy:?}");
    }
    // The old refusal's example: "Kế hoạch chuyển đổi số tỉnh Ninh Bình …" in TCVN3.
    let text = "\nKÕ ho¹ch chuyÓn ®æi sè tØnh Ninh B×nh n¨m 2026 vµ c¸c chØ tiªu ph¸t triÓn";
    assert_eq!(
        decode("a.txt", text.as_bytes()).unwrap(),
        "\nKế hoạch chuyển đổi số tỉnh Ninh Bình năm 2026 và các chỉ tiêu phát triển"
    );
}

#[test]
fn vni_marks_typed_in_the_other_case_take_the_base_letter_s_case() {
    assert_eq!(to_unicode("VIEÄT NAM, Vieät Nam, VIEät", Legacy::Vni), "VIỆT NAM, Việt Nam, VIỆt");
}

#[test]
fn western_text_is_not_taken_for_a_legacy_encoding() {
    let texts = [
        "Le développement économique de la région dépend de l'éducation, de la santé et de l'énergie",
        "Die Überprüfung der Maßnahmen für die Förderung der Städte und Gemeinden wird fortgesetzt",
        "El año pasado, la señora Núñez organizó la reunión del comité en Peñíscola y Cádiz",
        "O relatório anual da região não prevê alterações nas condições de financiamento públicas",
    ];
    for text in texts {
        assert_eq!(decode("a.txt", text.as_bytes()).unwrap(), text, "UTF-8 {text:?}");
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(err(&cp1252).contains("not UTF-8"), "Windows-1252 {text:?}");
    }
}

#[test]
fn a_whole_plan_in_tcvn3_or_vni_reads_to_the_plan_of_its_unicode_text() {
    let name = "001_17a873d483c376bb.txt";
    let path = format!("{}/../../fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let utf8 = std::fs::read_to_string(&path).unwrap();
    for (legacy, unicode) in [(Legacy::Tcvn3, tcvn3_holds(&utf8)), (Legacy::Vni, utf8.clone())] {
        let expected = crate::read_plan(name, unicode.as_bytes()).unwrap();
        let mut read = crate::read_plan(name, &from_unicode(&utf8, legacy)).unwrap();
        read.source = expected.source.clone();
        assert_eq!(read, expected, "{legacy:?}");
        assert!(read.items.len() > 20 && read.warnings == expected.warnings);
    }
}
