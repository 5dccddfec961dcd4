//! Bad input gets a clear error naming the file and what was expected, or a warning with its
//! line; never a panic, never a silently dropped row.

use chitieu_import::{ImportError, read_plan};

fn error(file: &str, bytes: &[u8]) -> String {
    match read_plan(file, bytes) {
        Ok(plan) => panic!("{file} read as a plan with {} items", plan.items.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_empty_file_is_named_and_refused() {
    assert_eq!(
        error("plans/empty.txt", b""),
        "plans/empty.txt: the file is empty; expected a plan document (.pdf, .docx, .xlsx, .txt or .md)"
    );
    assert!(error("blank.txt", b"\n \n\t\n").contains("blank.txt: the file is empty"));
}

#[test]
fn binary_garbage_is_refused_as_not_a_document() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let message = error("garbage.bin", &garbage);
    assert!(message.starts_with("garbage.bin: "), "{message}");
}

#[test]
fn a_damaged_pdf_is_refused_with_what_was_expected() {
    let message = error("kh.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R");
    assert!(message.starts_with("kh.pdf: "), "{message}");
    assert!(message.contains("expected"), "{message}");
}

#[test]
fn utf16_text_reads_like_utf8() {
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds/004_b92706629730df53.txt"))
            .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    let from_utf16 = read_plan("004.txt", &utf16).unwrap();
    let from_utf8 = read_plan("004.txt", seed.as_bytes()).unwrap();
    assert_eq!(from_utf16.items, from_utf8.items);
}

#[test]
fn legacy_tcvn3_text_is_converted_to_unicode() {
    let tcvn3 = "\nSTT\tChØ tiªu\t§¬n vÞ chñ tr×\n1.\tTû lÖ phñ sãng 5G trªn d©n sè ®¹t tèi thiÓu 70%\tSë Khoa häc vµ C«ng nghÖ\n";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(tcvn3);
    for bytes in [tcvn3.as_bytes(), &latin1] {
        let plan = read_plan("tcvn3.txt", bytes).unwrap();
        assert_eq!(plan.items[0].text, "Tỷ lệ phủ sóng 5G trên dân số đạt tối thiểu 70%");
        assert_eq!(plan.items[0].roles.lead, ["Sở Khoa học và Công nghệ"]);
    }
}

#[test]
fn text_with_no_recognisable_table_or_targets_says_what_was_expected() {
    let message = error("letter.txt", "Kính gửi: Sở Khoa học và Công nghệ\nNội dung công văn.\n".as_bytes());
    assert!(message.starts_with("letter.txt: no plan found: expected a table"), "{message}");
    assert!(matches!(read_plan("letter.txt", b"abc\tdef\n"), Err(ImportError::NoPlan { .. })));
}

#[test]
fn rows_beyond_the_header_and_unknown_columns_are_kept_with_warnings() {
    let text = "TT\tChỉ tiêu\tĐơn vị chủ trì\tMã ngân sách\n1.\tTỷ lệ phủ sóng 5G: Đạt 70%\tSở Y tế\tNS-01\tthừa\n\
                2.\tTỷ lệ hộ gia đình có cáp quang: Đạt 80%\tSở Tài chính\t\t\n";
    let plan = read_plan("extra.txt", text.as_bytes()).unwrap();
    assert_eq!(plan.items.len(), 2);
    assert_eq!(plan.items[0].note.as_deref(), Some("Mã ngân sách: NS-01; thừa"));
    assert!(plan.warnings.iter().any(|w| w.line == Some(1) && w.message.contains("\"Mã ngân sách\"")));
    assert!(plan.warnings.iter().any(|w| w.line == Some(2) && w.message.contains("beyond the header")));
}

#[test]
fn an_unreadable_deadline_and_a_non_number_are_kept_and_flagged() {
    let text = "STT\tNội dung chỉ tiêu\tThời gian hoàn thành\nx\tTỷ lệ A: Đạt 70%\tkhi có kinh phí\n";
    let plan = read_plan("odd.txt", text.as_bytes()).unwrap();
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].code, None);
    assert!(
        matches!(&plan.items[0].deadline, Some(chitieu_core::Deadline::Unknown { text }) if text == "khi có kinh phí")
    );
    assert!(plan.warnings.iter().any(|w| w.message.contains("\"x\" is not an item number")));
    assert!(plan.warnings.iter().any(|w| w.message.contains("deadline \"khi có kinh phí\"")));
}
