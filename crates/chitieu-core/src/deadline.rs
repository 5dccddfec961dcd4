//! Deadlines (thời gian hoàn thành) and the grammar that reads them: a month, a quarter, a year,
//! a date, ongoing ("Thường xuyên"), a range, or relative to an event.

mod read;

use serde::{Deserialize, Serialize};

pub use read::read_deadline;

/// When an item is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    /// "Tháng 12/2026", "12/2026".
    Month { year: i32, month: u8 },
    /// "Quý IV/2026".
    Quarter { year: i32, quarter: u8 },
    /// "Năm 2026", "2026".
    Year { year: i32 },
    /// "30/7/2026", "trước ngày 15/12/2026".
    Date { year: i32, month: u8, day: u8 },
    /// "Thường xuyên" (owed every period); "Hằng năm" / "Hằng quý" / "Định kỳ 6 tháng" carry
    /// their cadence.
    Ongoing {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        every: Option<Cadence>,
    },
    /// "2026-2030", "Tháng 3 - 6/2026".
    Range { start: Box<Deadline>, end: Box<Deadline> },
    /// "100 ngày kể từ ngày ban hành", "10 ngày làm việc sau khi …", "7" (a days column).
    Relative { count: u32, unit: TimeUnit, after: String },
    /// Words that name no deadline the reader knows, kept as written (and warned about).
    Unknown { text: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// "Hằng tuần".
    Week,
    Month,
    Quarter,
    /// "Định kỳ 6 tháng", "6 tháng/lần".
    HalfYear,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Day,
    /// "ngày làm việc": days without weekends and holidays.
    WorkingDay,
    Week,
    Month,
    Year,
}

impl Deadline {
    /// The deadline as a Vietnamese table shows it ("Tháng 12/2026", "Quý IV/2026", "Hằng năm").
    pub fn describe_vi(&self) -> String {
        match self {
            Self::Month { year, month } => format!("Tháng {month}/{year}"),
            Self::Quarter { year, quarter } => format!("Quý {}/{year}", roman(*quarter)),
            Self::Year { year } => format!("Năm {year}"),
            Self::Date { year, month, day } => format!("{day}/{month}/{year}"),
            Self::Ongoing { every: None } => "Thường xuyên".to_owned(),
            Self::Ongoing { every: Some(Cadence::Week) } => "Hằng tuần".to_owned(),
            Self::Ongoing { every: Some(Cadence::Month) } => "Hằng tháng".to_owned(),
            Self::Ongoing { every: Some(Cadence::Quarter) } => "Hằng quý".to_owned(),
            Self::Ongoing { every: Some(Cadence::HalfYear) } => "6 tháng một lần".to_owned(),
            Self::Ongoing { every: Some(Cadence::Year) } => "Hằng năm".to_owned(),
            Self::Range { start, end } => match (start.as_ref(), end.as_ref()) {
                (Self::Year { year: a }, Self::Year { year: b }) => format!("{a}–{b}"),
                (Self::Month { year: a, month: m }, Self::Month { year: b, month: n }) if a == b => {
                    format!("Tháng {m}–{n}/{a}")
                }
                (Self::Quarter { year: a, quarter: p }, Self::Quarter { year: b, quarter: q }) if a == b => {
                    format!("Quý {}–{}/{a}", roman(*p), roman(*q))
                }
                (start, end) => format!("{} – {}", start.describe_vi(), end.describe_vi()),
            },
            Self::Relative { count, unit, after } => {
                let unit = match unit {
                    TimeUnit::Day => "ngày",
                    TimeUnit::WorkingDay => "ngày làm việc",
                    TimeUnit::Week => "tuần",
                    TimeUnit::Month => "tháng",
                    TimeUnit::Year => "năm",
                };
                if after.is_empty() { format!("{count} {unit}") } else { format!("{count} {unit} kể từ {after}") }
            }
            Self::Unknown { text } => text.clone(),
        }
    }
}

/// A quarter in Roman numerals, as plans write it.
fn roman(quarter: u8) -> String {
    match quarter {
        1 => "I".to_owned(),
        2 => "II".to_owned(),
        3 => "III".to_owned(),
        4 => "IV".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_describe_themselves_as_tables_write_them() {
        let month = |year, month| Deadline::Month { year, month };
        let quarter = |year, quarter| Deadline::Quarter { year, quarter };
        let range = |start, end| Deadline::Range { start: Box::new(start), end: Box::new(end) };
        let cases = [
            (month(2026, 12), "Tháng 12/2026"),
            (quarter(2026, 4), "Quý IV/2026"),
            (Deadline::Year { year: 2026 }, "Năm 2026"),
            (Deadline::Date { year: 2026, month: 12, day: 15 }, "15/12/2026"),
            (Deadline::Ongoing { every: None }, "Thường xuyên"),
            (Deadline::Ongoing { every: Some(Cadence::Year) }, "Hằng năm"),
            (Deadline::Ongoing { every: Some(Cadence::Quarter) }, "Hằng quý"),
            (Deadline::Ongoing { every: Some(Cadence::Month) }, "Hằng tháng"),
            (Deadline::Ongoing { every: Some(Cadence::Week) }, "Hằng tuần"),
            (Deadline::Ongoing { every: Some(Cadence::HalfYear) }, "6 tháng một lần"),
            (Deadline::Relative { count: 10, unit: TimeUnit::WorkingDay, after: String::new() }, "10 ngày làm việc"),
            (range(Deadline::Year { year: 2026 }, Deadline::Year { year: 2030 }), "2026–2030"),
            (range(month(2026, 3), month(2026, 6)), "Tháng 3–6/2026"),
            (range(quarter(2026, 1), quarter(2026, 2)), "Quý I–II/2026"),
            (range(month(2026, 11), month(2027, 2)), "Tháng 11/2026 – Tháng 2/2027"),
            (
                Deadline::Relative { count: 100, unit: TimeUnit::Day, after: "ngày ban hành".into() },
                "100 ngày kể từ ngày ban hành",
            ),
            (Deadline::Unknown { text: "Sau khi có vốn".into() }, "Sau khi có vốn"),
        ];
        for (deadline, label) in cases {
            assert_eq!(deadline.describe_vi(), label, "{deadline:?}");
        }
    }

    #[test]
    fn the_serde_form_is_tagged_by_kind() {
        let json = serde_json::to_value(Deadline::Ongoing { every: Some(Cadence::Year) }).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "ongoing", "every": "year"}));
        let json = serde_json::to_value(Deadline::Ongoing { every: None }).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "ongoing"}));
    }
}
