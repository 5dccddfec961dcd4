//! Numbers as Vietnamese documents write them: decimal comma ("8,5"), thousands dots ("1.000"),
//! a decimal point where no thousands group fits ("0.70"), leading zeros ("07").
//!
//! The comma is always the decimal mark. A dot separates thousands only when the first group
//! has 1–3 digits without a leading zero and every later group has exactly 3 digits
//! ("1.000", "1.200.000"); otherwise a single dot is a decimal point ("0.70", "1.0", "2.5").

/// The value of a number as written in a Vietnamese document, or `None` if `s` is not one.
///
/// `s` is the number alone (surrounding white space allowed): digits, at most one decimal mark,
/// and thousands dots. No sign, no unit.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (int, frac) = if let Some((int, frac)) = s.split_once(',') {
        (whole_part(int)?, Some(frac))
    } else if let Some(int) = whole_part(s) {
        (int, None)
    } else {
        let (int, frac) = s.split_once('.')?;
        (digits(int)?.to_owned(), Some(frac))
    };
    let number = match frac {
        Some(frac) => format!("{int}.{}", digits(frac)?),
        None => int,
    };
    number.parse().ok()
}

/// The digits of a whole number, thousands dots removed; `None` unless every group fits.
fn whole_part(s: &str) -> Option<String> {
    let mut groups = s.split('.');
    let first = digits(groups.next()?)?;
    let rest: Vec<&str> = groups.collect();
    if rest.is_empty() {
        return Some(first.to_owned());
    }
    let grouped =
        first.len() <= 3 && !first.starts_with('0') && rest.iter().all(|g| g.len() == 3 && digits(g).is_some());
    grouped.then(|| [first].into_iter().chain(rest).collect())
}

/// `s` if it is one or more ASCII digits.
fn digits(s: &str) -> Option<&str> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Serde helpers that write whole numbers without a fraction (`70`, not `70.0`).
pub mod json {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match *value {
            None => s.serialize_none(),
            Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(v as i64),
            Some(v) => s.serialize_f64(v),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::parse_number;
    use crate::display::number_vi;

    #[test]
    fn numbers_read_as_vietnamese_documents_write_them() {
        let cases: &[(&str, Option<f64>)] = &[
            ("8,5", Some(8.5)),
            ("0,7", Some(0.7)),
            ("3,5", Some(3.5)),
            ("1.000", Some(1000.0)),
            ("1.200.000", Some(1_200_000.0)),
            ("1.200,25", Some(1200.25)),
            ("0.70", Some(0.7)),
            ("0.65", Some(0.65)),
            ("1.0", Some(1.0)),
            ("2.5", Some(2.5)),
            ("07", Some(7.0)),
            ("01", Some(1.0)),
            ("100", Some(100.0)),
            (" 60 ", Some(60.0)),
            ("", None),
            (",5", None),
            ("5,", None),
            ("1.2.3", None),
            ("01.000", Some(1.0)),
            ("1,2,3", None),
            ("1.000.00", None),
            ("-3", None),
            ("5G", None),
            ("12/2026", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), *expected, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "[0-9.,%≥ a-zđ-]{0,12}") {
            let _ = parse_number(&s);
        }

        #[test]
        fn reads_back_what_display_writes(whole in 0u32..10_000_000, hundredths in 0u32..100) {
            let value = f64::from(whole) + f64::from(hundredths) / 100.0;
            let read = parse_number(&number_vi(value)).expect("a number");
            prop_assert!((read - value).abs() < 1e-9, "{value} → {} → {read}", number_vi(value));
        }
    }
}
