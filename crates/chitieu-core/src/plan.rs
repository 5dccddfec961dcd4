//! The structured plan read from a document: items, targets, deadlines and roles, with the
//! source line of every item. Its serde form is the stable plan JSON (docs/plan-json.md).

use serde::{Deserialize, Serialize};

use crate::deadline::Deadline;
use crate::target::Target;

/// A plan as read from one source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub source: Source,
    pub title: String,
    /// The years the plan sets targets for: its year columns, else the year its title names.
    pub years: Vec<i32>,
    pub regime: Option<Regime>,
    pub warnings: Vec<Warning>,
    pub items: Vec<Item>,
}

/// Where a plan came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub sha256: String,
}

/// Something the reader noticed and could not settle on its own; never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line (text), paragraph or row (.docx), or sheet row (.xlsx); `None` for the whole file.
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Self { line: Some(line), message: message.into() }
    }

    pub fn file(message: impl Into<String>) -> Self {
        Self { line: None, message: message.into() }
    }
}

/// One row of the plan: a heading, an indicator with targets, or a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The enclosing Roman numeral ("I"), or in narrative plans the heading number ("2.1").
    pub section: Option<String>,
    /// The number as printed, without its trailing dot ("1.1"); a label, not an identity.
    pub code: Option<String>,
    pub kind: ItemKind,
    pub text: String,
    pub unit: Option<String>,
    pub targets: Vec<Target>,
    pub deadline: Option<Deadline>,
    pub roles: Roles,
    pub note: Option<String>,
    /// 1-based source line of the item's first row.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Group,
    Indicator,
    Task,
}

/// Units named in an item's role cells, as written (resolution to the registry comes later).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    /// Monitors, urges, checks and consolidates (theo dõi, đôn đốc, kiểm tra, tổng hợp, đánh giá).
    pub monitor: Vec<String>,
    /// Leads the work and reports it (chủ trì thực hiện, triển khai, báo cáo).
    pub lead: Vec<String>,
    /// Coordinates (phối hợp).
    pub coordinate: Vec<String>,
    /// Directs in person (trực tiếp chỉ đạo).
    pub direct: Vec<String>,
}

impl Roles {
    pub fn is_empty(&self) -> bool {
        self.monitor.is_empty() && self.lead.is_empty() && self.coordinate.is_empty() && self.direct.is_empty()
    }

    pub fn get_mut(&mut self, role: Role) -> &mut Vec<String> {
        match role {
            Role::Monitor => &mut self.monitor,
            Role::Lead => &mut self.lead,
            Role::Coordinate => &mut self.coordinate,
            Role::Direct => &mut self.direct,
        }
    }
}

/// The four roles a unit can play for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Monitor,
    Lead,
    Coordinate,
    Direct,
}

/// How and when units report on the plan (002, VI.7: "trước ngày 25 tháng cuối quý và trước
/// ngày 15/12 hàng năm").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regime {
    /// Quarterly reports are due before this day of the quarter's last month.
    pub quarter_day: Option<u8>,
    /// Yearly reports are due before this day and month.
    pub year_due: Option<DayMonth>,
    /// The unit reports are sent to ("Sở Khoa học và Công nghệ").
    pub report_to: Option<String>,
    /// Lower levels must issue their own plans before this date ("trước ngày 10/4/2026").
    pub subplans_due: Option<Date>,
    /// The sentence(s) the regime was read from.
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayMonth {
    pub day: u8,
    pub month: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A calendar date, if it exists (Gregorian, leap years included).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(year, month)?).then_some(Self { year, month, day })
    }
}

/// Number of days in a month, `None` for a month outside 1..=12.
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_exist_only_on_the_calendar() {
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 12, 15).is_some());
    }

    #[test]
    fn roles_report_empty_until_one_is_named() {
        let mut roles = Roles::default();
        assert!(roles.is_empty());
        roles.get_mut(Role::Coordinate).push("Sở Y tế".into());
        assert!(!roles.is_empty());
        assert_eq!(roles.coordinate, ["Sở Y tế"]);
    }
}
