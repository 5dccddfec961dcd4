//! Expected-target builders shared by the grammar's tests, and properties of the whole grammar.

use proptest::prelude::*;

use super::Comparator::{self, Bool, Ge, Gt, Le, Lt, Qualitative, Range};
use super::{Target, read_cell, read_phrase, read_sentence};
use crate::display::number_vi;

/// A target with one level, without year or subject.
pub(super) fn t(op: Comparator, value: f64, unit: Option<&str>, raw: &str) -> Target {
    Target {
        year: None,
        op,
        value: Some(value),
        value_max: None,
        unit: unit.map(str::to_owned),
        subject: None,
        raw: raw.to_owned(),
    }
}

/// A range target.
pub(super) fn range(min: f64, max: f64, unit: Option<&str>, raw: &str) -> Target {
    Target { op: Range, value_max: Some(max), ..t(Range, min, unit, raw) }
}

/// A yes/no or qualitative target.
pub(super) fn words(op: Comparator, raw: &str) -> Target {
    Target { value: None, ..t(op, 0.0, None, raw) }
}

/// The target for one subject.
pub(super) fn about(target: Target, subject: &str) -> Target {
    Target { subject: Some(subject.to_owned()), ..target }
}

#[test]
fn a_phrase_is_read_as_a_sentence_then_as_a_cell() {
    let cases: Vec<(&str, Vec<Target>)> = vec![
        ("Đạt tối thiểu 70%", vec![t(Ge, 70.0, Some("%"), "Đạt tối thiểu 70%")]),
        ("≥ 60", vec![t(Ge, 60.0, None, "≥ 60")]),
        ("100", vec![t(Comparator::Eq, 100.0, None, "100")]),
        ("15-20", vec![range(15.0, 20.0, None, "15-20")]),
        ("Có", vec![words(Bool, "Có")]),
        ("Đạt mức khá", vec![words(Qualitative, "Đạt mức khá")]),
        ("dưới 5%", vec![t(Lt, 5.0, Some("%"), "dưới 5%")]),
        ("", vec![]),
        (
            "Các cơ quan nhà nước trên địa bàn tỉnh thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử",
            vec![],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read_phrase(text), expected, "{text:?}");
    }
}

/// Comparator words and the comparator each writes.
const WORDED: &[(&str, Comparator)] = &[
    ("Đạt", Ge),
    ("đạt tối thiểu", Ge),
    ("tối thiểu là", Ge),
    ("ít nhất", Ge),
    ("không thấp hơn", Ge),
    ("không dưới", Ge),
    ("≥", Ge),
    ("trên", Gt),
    ("đạt trên", Gt),
    ("vượt", Gt),
    (">", Gt),
    ("tối đa", Le),
    ("không quá", Le),
    ("≤", Le),
    ("dưới", Lt),
    ("<", Lt),
];

proptest! {
    #[test]
    fn no_input_makes_the_readers_panic(text in "[0-9a-zA-Zđạtốiểuêơưăâ%≥≤<>=,.;:/()\\- –]{0,40}") {
        let _ = read_sentence(&text);
        let _ = read_cell(&text, Some(2026), Some("%"));
        let _ = read_phrase(&text);
    }

    #[test]
    fn any_text_is_safe(text in any::<String>()) {
        let _ = read_sentence(&text);
        let _ = read_cell(&text, None, None);
    }

    #[test]
    fn a_comparator_and_a_percentage_read_back(
        which in 0..WORDED.len(),
        whole in 0u32..100_000,
        tenths in 0u32..10,
        spaced in any::<bool>(),
    ) {
        let (words, op) = WORDED[which];
        let value = f64::from(whole) + f64::from(tenths) / 10.0;
        let gap = if spaced || words.ends_with(char::is_alphabetic) { " " } else { "" };
        let phrase = format!("{words}{gap}{}%", number_vi(value));
        let expected = vec![t(op, value, Some("%"), &phrase)];
        prop_assert_eq!(read_sentence(&format!("Tỷ lệ hồ sơ xử lý trực tuyến: {phrase}.")), expected.clone());
        prop_assert_eq!(read_cell(&phrase, None, None), expected);
    }

    #[test]
    fn a_range_reads_back(min in 0u32..1000, extra in 1u32..1000) {
        let max = min + extra;
        let cell = format!("{min}-{max}");
        prop_assert_eq!(read_cell(&cell, None, None), vec![range(f64::from(min), f64::from(max), None, &cell)]);
    }
}
