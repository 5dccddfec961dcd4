//! Deadlines (thời gian hoàn thành) and the grammar that reads them: a month, a quarter, a year,
//! a date, ongoing ("Thường xuyên"), a range, or relative to an event.

use serde::{Deserialize, Serialize};

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
    /// "Thường xuyên" (owed every period); "Hằng năm" / "Hằng quý" carry their cadence.
    Ongoing {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        every: Option<Cadence>,
    },
    /// "2026-2030", "Tháng 3 - 6/2026".
    Range { start: Box<Deadline>, end: Box<Deadline> },
    /// "100 ngày kể từ ngày ban hành".
    Relative { count: u32, unit: TimeUnit, after: String },
    /// Words that name no deadline the reader knows, kept as written (and warned about).
    Unknown { text: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Day,
    Month,
    Year,
}
