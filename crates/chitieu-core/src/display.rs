//! Values as a Vietnamese reader expects them: decimal comma ("8,5"), thousands dots
//! ("1.200"), and targets in their short form ("≥ 70%", "15–20", "Có").

use crate::target::{Comparator, Target};

/// A number with a decimal comma and thousands dots, without trailing zeros.
pub fn number_vi(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let negative = value < 0.0;
    let rounded = format!("{:.6}", value.abs());
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    let sign = if negative && (int != "0" || !frac.is_empty()) { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// A target in short with the sub-population it is for: "giáo viên: 100%".
pub fn subject_target_vi(target: &Target) -> String {
    match &target.subject {
        Some(subject) => format!("{subject}: {}", target_vi(target)),
        None => target_vi(target),
    }
}

/// Every target of an item in short, with the year each is for ("≥ 70%", "giáo viên: 100%",
/// "2030: ≥ 80%"), joined by "; ". (The consolidated report shows only the targets that apply
/// to its period: `chitieu_app::evaluation`.)
pub fn targets_vi(targets: &[Target]) -> String {
    targets
        .iter()
        .map(|t| match t.year {
            Some(year) => format!("{year}: {}", subject_target_vi(t)),
            None => subject_target_vi(t),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The short form of a target: comparator, level(s) and unit.
pub fn target_vi(target: &Target) -> String {
    let unit = match target.unit.as_deref() {
        Some("%") => "%".to_owned(),
        Some(u) => format!(" {u}"),
        None => String::new(),
    };
    let value = |v: Option<f64>| v.map(number_vi).unwrap_or_default();
    let symbol = match target.op {
        Comparator::Ge => "≥ ",
        Comparator::Gt => "> ",
        Comparator::Le => "≤ ",
        Comparator::Lt => "< ",
        Comparator::Eq => "",
        Comparator::Range => {
            return format!("{}–{}{unit}", value(target.value), value(target.value_max));
        }
        Comparator::Bool | Comparator::Qualitative => return target.raw.clone(),
    };
    format!("{symbol}{}{unit}", value(target.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_decimal_comma_and_thousands_dots() {
        assert_eq!(number_vi(8.5), "8,5");
        assert_eq!(number_vi(70.0), "70");
        assert_eq!(number_vi(1200.0), "1.200");
        assert_eq!(number_vi(1_200_000.25), "1.200.000,25");
        assert_eq!(number_vi(0.7), "0,7");
        assert_eq!(number_vi(-3.0), "-3");
    }

    #[test]
    fn targets_read_short() {
        let t = |op, value, value_max, unit: Option<&str>, raw: &str| Target {
            year: None,
            op,
            value,
            value_max,
            unit: unit.map(str::to_owned),
            subject: None,
            raw: raw.to_owned(),
        };
        assert_eq!(target_vi(&t(Comparator::Ge, Some(70.0), None, Some("%"), "")), "≥ 70%");
        assert_eq!(target_vi(&t(Comparator::Gt, Some(8.5), None, Some("%"), "")), "> 8,5%");
        assert_eq!(target_vi(&t(Comparator::Range, Some(15.0), Some(20.0), None, "")), "15–20");
        assert_eq!(target_vi(&t(Comparator::Ge, Some(10.0), None, Some("lần"), "")), "≥ 10 lần");
        assert_eq!(target_vi(&t(Comparator::Bool, None, None, None, "Có")), "Có");
    }
}
