//! What kind of quantity an item measures and which way is better, derived from its unit,
//! words and targets: ranks ("Thứ bậc", "xếp hạng") are lower-is-better; "%" is a ratio
//! reported as numerator and denominator; yes/no and qualitative targets are reported as such.

use serde::{Deserialize, Serialize};

use crate::plan::{Item, ItemKind};
use crate::target::Comparator;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A share: reported as numerator and denominator, shown as a percentage.
    Ratio,
    Count,
    /// An index or score ("Chỉ số chuyển đổi số": 0.70).
    Index,
    /// A position among others: lower is better.
    Rank,
    YesNo,
    Qualitative,
    /// A task: done, in progress or late, with the document that settled it.
    Task,
    /// A heading.
    None,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Ratio => "ratio",
            Measure::Count => "count",
            Measure::Index => "index",
            Measure::Rank => "rank",
            Measure::YesNo => "yes_no",
            Measure::Qualitative => "qualitative",
            Measure::Task => "task",
            Measure::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        [
            Measure::Ratio,
            Measure::Count,
            Measure::Index,
            Measure::Rank,
            Measure::YesNo,
            Measure::Qualitative,
            Measure::Task,
            Measure::None,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// The measure and direction of an item.
pub fn classify(item: &Item) -> (Measure, Direction) {
    let unit = item.unit.as_deref().map(fold).unwrap_or_default();
    let text = fold(&item.text);
    let rank = unit.contains("thu bac") || unit.contains("xep hang") || text.starts_with("xep hang");
    let numeric = item.targets.iter().any(|t| t.value.is_some());
    let measure = match item.kind {
        ItemKind::Group => Measure::None,
        ItemKind::Task => Measure::Task,
        ItemKind::Indicator if rank && numeric => Measure::Rank,
        ItemKind::Indicator if !numeric => {
            if item.targets.iter().all(|t| t.op == Comparator::Bool) {
                Measure::YesNo
            } else {
                Measure::Qualitative
            }
        }
        ItemKind::Indicator if unit.starts_with('%') || item.targets.iter().any(|t| t.unit.as_deref() == Some("%")) => {
            Measure::Ratio
        }
        ItemKind::Indicator if unit.contains("chi so") || text.starts_with("chi so") => Measure::Index,
        ItemKind::Indicator => Measure::Count,
    };
    let lower = numeric
        && (rank
            || item
                .targets
                .iter()
                .filter(|t| t.value.is_some())
                .all(|t| matches!(t.op, Comparator::Le | Comparator::Lt)));
    (measure, if lower { Direction::Lower } else { Direction::Higher })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Roles;
    use crate::target::Target;

    fn item(
        kind: ItemKind,
        unit: Option<&str>,
        text: &str,
        targets: &[(Comparator, Option<f64>, Option<&str>)],
    ) -> Item {
        Item {
            section: None,
            code: None,
            kind,
            text: text.into(),
            unit: unit.map(Into::into),
            targets: targets
                .iter()
                .map(|(op, value, unit)| Target {
                    year: None,
                    op: *op,
                    value: *value,
                    value_max: None,
                    unit: unit.map(Into::into),
                    subject: None,
                    raw: String::new(),
                })
                .collect(),
            deadline: None,
            roles: Roles::default(),
            note: None,
            line: 1,
        }
    }

    #[test]
    fn units_words_and_targets_decide_the_measure() {
        use Comparator::{Bool, Ge, Le, Qualitative as Q};
        let cases = [
            (
                item(ItemKind::Indicator, Some("%"), "Tỷ lệ", &[(Ge, Some(70.0), Some("%"))]),
                Measure::Ratio,
                Direction::Higher,
            ),
            (
                item(ItemKind::Indicator, Some("Thứ bậc"), "PII", &[(Le, Some(15.0), None)]),
                Measure::Rank,
                Direction::Lower,
            ),
            (
                item(ItemKind::Indicator, Some("Chỉ số"), "DTI", &[(Ge, Some(0.65), None)]),
                Measure::Index,
                Direction::Higher,
            ),
            (
                item(ItemKind::Indicator, None, "Số doanh nghiệp", &[(Ge, Some(30.0), Some("doanh nghiệp"))]),
                Measure::Count,
                Direction::Higher,
            ),
            (
                item(ItemKind::Indicator, Some("Trung tâm"), "Có", &[(Bool, None, None)]),
                Measure::YesNo,
                Direction::Higher,
            ),
            (
                item(ItemKind::Indicator, Some("Thứ bậc"), "Khá", &[(Q, None, None)]),
                Measure::Qualitative,
                Direction::Higher,
            ),
            (item(ItemKind::Task, None, "Ban hành", &[]), Measure::Task, Direction::Higher),
        ];
        for (item, measure, direction) in cases {
            assert_eq!(classify(&item), (measure, direction), "{}", item.text);
        }
    }
}
