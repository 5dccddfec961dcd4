//! A reported value's parts, and the one set of rules every door checks them by (the report
//! form, the store, the API, a spreadsheet): numbers finite and of a sensible size, a ratio with
//! both parts, a denominator above 0 and a numerator of at least 0, a known task state and a
//! known level. What passes here can always be judged, shown and exported.

use crate::display::number_vi;
use crate::evaluate::{Level, TaskState};
use crate::target::Target;

/// The largest magnitude a reported number may have (10^15: a province's GRDP in đồng fits;
/// a typing slip of twenty digits does not).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Which number of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    Numerator,
    Denominator,
}

impl Field {
    pub fn label_vi(self) -> &'static str {
        match self {
            Field::Number => "số liệu",
            Field::Numerator => "tử số",
            Field::Denominator => "mẫu số",
        }
    }
}

/// The parts of one value as entered (each door fills those it has).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Parts<'a> {
    pub number: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub level: Option<&'a str>,
    pub task_status: Option<&'a str>,
}

/// Why a value cannot be kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    NotFinite(Field),
    TooLarge(Field),
    HalfRatio,
    DenominatorNotPositive,
    /// Numerator over denominator beyond [`MAX_MAGNITUDE`] percent.
    ShareTooLarge,
    NegativeNumerator,
    UnknownTaskState(String),
    UnknownLevel(String),
}

impl Problem {
    /// What is wrong and what is expected, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            Problem::NotFinite(field) => format!("{} phải là một số.", capital(field.label_vi())),
            Problem::TooLarge(field) => {
                format!(
                    "{} vượt quá {} (quá lớn để là số liệu thật).",
                    capital(field.label_vi()),
                    number_vi(MAX_MAGNITUDE)
                )
            }
            Problem::HalfRatio => "Tỷ lệ cần nhập cả tử số và mẫu số.".to_owned(),
            Problem::DenominatorNotPositive => "Mẫu số phải lớn hơn 0.".to_owned(),
            Problem::ShareTooLarge => "Tử số chia mẫu số ra một tỷ lệ quá lớn để là số liệu thật.".to_owned(),
            Problem::NegativeNumerator => "Tử số không được âm.".to_owned(),
            Problem::UnknownTaskState(code) => format!(
                "\"{code}\" không phải trạng thái nhiệm vụ; chọn một trong: {}.",
                TaskState::ALL.map(TaskState::label_vi).join(", ")
            ),
            Problem::UnknownLevel(text) => format!(
                "\"{text}\" không phải mức đánh giá; chọn một trong: {}.",
                Level::ALL.map(Level::label_vi).join(", ")
            ),
        }
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The share in percent a ratio reports above 100% when none of the item's `targets` asks for
/// more than 100 (a coverage cannot exceed its whole: 60 of 50 is a slip, or needs saying why).
/// `None` for anything else.
pub fn over_whole(parts: &Parts<'_>, targets: &[Target]) -> Option<f64> {
    let (n, d) = (parts.numerator?, parts.denominator?);
    let share = n / d * 100.0;
    let allowed = targets.iter().any(|t| [t.value, t.value_max].into_iter().flatten().any(|v| v > 100.0));
    (d > 0.0 && share > 100.0 && !allowed).then_some(share)
}

/// The number a value stands for, to compare with the unit's past: a number, or a ratio's
/// share in percent.
pub fn comparable(parts: &Parts<'_>) -> Option<f64> {
    match (parts.number, parts.numerator, parts.denominator) {
        (_, Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
        (Some(number), _, _) => Some(number),
        _ => None,
    }
}

/// The range a unit's values usually fall in, from its own past values of the same item
/// (DHIS2's outlier rule: the mean ± 3 standard deviations, the deviation taken as at least a
/// tenth of the mean so that a steady series does not flag every change); `None` with fewer
/// than three past values.
pub fn usual_range(past: &[f64]) -> Option<(f64, f64)> {
    if past.len() < 3 {
        return None;
    }
    let n = past.len() as f64;
    let mean = past.iter().sum::<f64>() / n;
    let deviation = (past.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    let spread = deviation.max(mean.abs() / 10.0).max(f64::EPSILON);
    Some((mean - 3.0 * spread, mean + 3.0 * spread))
}

/// Checks the parts of one value.
pub fn check(parts: &Parts<'_>) -> Result<(), Problem> {
    for (field, value) in
        [(Field::Number, parts.number), (Field::Numerator, parts.numerator), (Field::Denominator, parts.denominator)]
    {
        match value {
            Some(n) if !n.is_finite() => return Err(Problem::NotFinite(field)),
            Some(n) if n.abs() > MAX_MAGNITUDE => return Err(Problem::TooLarge(field)),
            _ => {}
        }
    }
    match (parts.numerator, parts.denominator) {
        (Some(_), None) | (None, Some(_)) => return Err(Problem::HalfRatio),
        (Some(_), Some(d)) if d <= 0.0 => return Err(Problem::DenominatorNotPositive),
        (Some(n), Some(_)) if n < 0.0 => return Err(Problem::NegativeNumerator),
        (Some(n), Some(d)) if !(n / d * 100.0).is_finite() || n / d * 100.0 > MAX_MAGNITUDE => {
            return Err(Problem::ShareTooLarge);
        }
        _ => {}
    }
    if let Some(code) = parts.task_status.map(str::trim).filter(|c| !c.is_empty())
        && TaskState::parse(code).is_none()
    {
        return Err(Problem::UnknownTaskState(code.to_owned()));
    }
    if let Some(text) = parts.level.map(str::trim).filter(|t| !t.is_empty())
        && Level::parse(text).is_none()
    {
        return Err(Problem::UnknownLevel(text.to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(n: f64, d: f64) -> Parts<'static> {
        Parts { numerator: Some(n), denominator: Some(d), ..Parts::default() }
    }

    #[test]
    fn sensible_values_pass() {
        assert_eq!(check(&Parts { number: Some(-12.5), ..Parts::default() }), Ok(()));
        assert_eq!(check(&ratio(0.0, 50.0)), Ok(()));
        assert_eq!(check(&Parts { task_status: Some("done"), level: Some("khá"), ..Parts::default() }), Ok(()));
        assert_eq!(check(&Parts::default()), Ok(()));
    }

    #[test]
    fn absurd_numbers_are_refused_naming_the_field() {
        assert_eq!(
            check(&Parts { number: Some(f64::NAN), ..Parts::default() }),
            Err(Problem::NotFinite(Field::Number))
        );
        assert_eq!(check(&ratio(1e308, 1e-301)), Err(Problem::TooLarge(Field::Numerator)));
        assert_eq!(check(&ratio(5.0, 0.0)), Err(Problem::DenominatorNotPositive));
        assert_eq!(check(&ratio(-1.0, 5.0)), Err(Problem::NegativeNumerator));
        let half = Parts { numerator: Some(3.0), ..Parts::default() };
        assert_eq!(check(&half), Err(Problem::HalfRatio));
        assert!(Problem::TooLarge(Field::Denominator).message_vi().starts_with("Mẫu số vượt quá"));
    }

    #[test]
    fn a_share_beyond_any_real_one_is_refused() {
        assert_eq!(check(&ratio(1.0, 1e-300)), Err(Problem::ShareTooLarge));
        assert_eq!(check(&ratio(1e15, 100.0)), Ok(()));
    }

    #[test]
    fn a_coverage_over_its_whole_is_an_outlier_unless_the_target_goes_beyond_100() {
        let target = |value: f64| Target {
            year: None,
            op: crate::target::Comparator::Ge,
            value: Some(value),
            value_max: None,
            unit: Some("%".into()),
            subject: None,
            raw: format!("Đạt {value}%"),
        };
        assert_eq!(over_whole(&ratio(60.0, 50.0), &[target(90.0)]), Some(120.0));
        assert_eq!(over_whole(&ratio(50.0, 50.0), &[target(90.0)]), None);
        assert_eq!(over_whole(&ratio(60.0, 50.0), &[target(150.0)]), None, "tăng 50%: up to 150");
        assert_eq!(over_whole(&Parts { number: Some(120.0), ..Parts::default() }, &[]), None);
    }

    #[test]
    fn the_usual_range_comes_from_three_past_values_or_more() {
        assert_eq!(usual_range(&[100.0, 110.0]), None);
        let (low, high) = usual_range(&[100.0, 110.0, 105.0]).expect("a range");
        assert!(low < 100.0 && (136.0..137.0).contains(&high), "{low}..{high}");
        let (low, high) = usual_range(&[0.0, 0.0, 0.0]).expect("a range");
        assert!(low < 0.0 && high > 0.0, "a steady zero still has a range");
        assert_eq!(comparable(&ratio(1.0, 4.0)), Some(25.0));
    }

    #[test]
    fn free_text_is_not_a_task_state_nor_a_level() {
        let task = Parts { task_status: Some("xong rồi"), ..Parts::default() };
        assert_eq!(check(&task), Err(Problem::UnknownTaskState("xong rồi".into())));
        assert!(Problem::UnknownTaskState("x".into()).message_vi().contains("Đã hoàn thành"));
        let level = Parts { level: Some("xuất sắc"), ..Parts::default() };
        assert_eq!(check(&level), Err(Problem::UnknownLevel("xuất sắc".into())));
    }
}
