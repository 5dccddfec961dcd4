//! The lines of a report form: each item the unit owes (and each it already reported), with
//! the input its measure needs and the current value; and the way back from the posted form
//! to the values that changed.

use std::collections::HashMap;

use chitieu_core::measure::Measure;
use chitieu_core::number::parse_number;
use chitieu_core::obligation::Obligation;
use chitieu_core::plan::Date;
use chitieu_store::{ReportView, StoredPlan, ValueInput};

use crate::error::WebError;
use crate::pages::values::{measure_vi, percent, value_vi};

/// One owed item on the form.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) key: String,
    /// The sub-population, when the item sets one target for each ("giáo viên", "học sinh").
    pub(crate) subject: Option<String>,
    /// The line's name in form fields: the item key, with the subject's number when it has one.
    pub(crate) field: String,
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) measure: Measure,
    pub(crate) measure_label: &'static str,
    /// dd/mm/yyyy, empty for items reported without being owed this period.
    pub(crate) due: String,
    pub(crate) final_report: bool,
    pub(crate) current: Option<ValueInput>,
    /// The current value in words, empty when none.
    pub(crate) shown: String,
    pub(crate) percent: String,
    pub(crate) number: String,
    pub(crate) numerator: String,
    pub(crate) denominator: String,
    /// "co", "khong" or "".
    pub(crate) yes_no: &'static str,
    pub(crate) level: String,
    pub(crate) task_status: String,
    pub(crate) doc_number: String,
    pub(crate) doc_date: String,
    pub(crate) comment: String,
    /// Why what was typed on this line was not saved (empty when nothing is wrong).
    pub(crate) error: String,
}

impl Line {
    /// The line as the person typed it (kept exactly, even when it does not read), with the
    /// reason it was not saved.
    pub(crate) fn typed(&mut self, posted: &Posted, error: Option<String>) {
        let raw = |field: &str| posted.0.get(&format!("{field}|{}", self.field)).cloned().unwrap_or_default();
        match self.measure {
            Measure::Ratio => {
                (self.numerator, self.denominator) = (raw("tu"), raw("mau"));
                self.percent = String::new();
            }
            Measure::YesNo => {
                self.yes_no = match raw("co").as_str() {
                    "co" => "co",
                    "khong" => "khong",
                    _ => "",
                };
            }
            Measure::Qualitative => self.level = raw("muc"),
            Measure::Task => (self.task_status, self.doc_number, self.doc_date) = (raw("tt"), raw("so"), raw("ngay")),
            Measure::Count | Measure::Index | Measure::Rank | Measure::None => self.number = raw("n"),
        }
        self.comment = raw("gc");
        self.error = error.unwrap_or_default();
    }

    pub(crate) fn is(&self, measure: &str) -> bool {
        self.measure.as_str() == measure
    }
}

fn text_of(number: Option<f64>) -> String {
    number.map(chitieu_core::display::number_vi).unwrap_or_default()
}

/// The form's lines: owed items in plan order, then items with values that are no longer owed.
pub(crate) fn lines(plan: &StoredPlan, owed: &[Obligation], report: Option<&ReportView>) -> Vec<Line> {
    let current: HashMap<(&str, Option<&str>), &ValueInput> = report
        .map(|r| r.values.iter().map(|v| ((v.value.item_key.as_str(), v.value.subject.as_deref()), &v.value)))
        .into_iter()
        .flatten()
        .collect();
    let mut out = Vec::new();
    for (item, stored) in plan.plan.items.iter().zip(&plan.items) {
        let duty = owed.iter().find(|o| o.item_key == stored.key);
        // An item with a target per sub-population is reported per sub-population.
        let mut subjects: Vec<&str> = item.targets.iter().filter_map(|t| t.subject.as_deref()).collect();
        subjects.dedup();
        let subjects: Vec<Option<&str>> =
            if subjects.len() >= 2 { subjects.into_iter().map(Some).collect() } else { vec![None] };
        for (n, subject) in subjects.into_iter().enumerate() {
            let value = current.get(&(stored.key.as_str(), subject)).copied();
            if duty.is_none() && value.is_none() {
                continue;
            }
            out.push(line(item, stored, duty, subject, n, value));
        }
    }
    out
}

fn line(
    item: &chitieu_core::Item,
    stored: &chitieu_store::StoredItem,
    duty: Option<&Obligation>,
    subject: Option<&str>,
    n: usize,
    value: Option<&ValueInput>,
) -> Line {
    let v = value.cloned().unwrap_or_default();
    let text = subject.map_or_else(|| item.text.clone(), |s| format!("{} — {s}", item.text));
    Line {
        key: stored.key.clone(),
        subject: subject.map(str::to_owned),
        field: if subject.is_some() { format!("{}~{n}", stored.key) } else { stored.key.clone() },
        code: item.code.clone().unwrap_or_default(),
        text,
        measure: stored.measure,
        measure_label: measure_vi(stored.measure),
        due: duty.map(|o| o.due.to_string()).unwrap_or_default(),
        final_report: duty.is_some_and(|o| o.final_report),
        shown: value.map(value_vi).unwrap_or_default(),
        percent: match (v.numerator, v.denominator) {
            (Some(n), Some(d)) if d > 0.0 => percent(n, d),
            _ => String::new(),
        },
        number: text_of(v.number),
        numerator: text_of(v.numerator),
        denominator: text_of(v.denominator),
        yes_no: match v.yes_no {
            Some(true) => "co",
            Some(false) => "khong",
            None => "",
        },
        level: v.level.clone().unwrap_or_default(),
        task_status: v.task_status.clone().unwrap_or_default(),
        doc_number: v.doc_number.clone().unwrap_or_default(),
        doc_date: v.doc_date.as_deref().and_then(Date::parse).map(|d| d.to_string()).unwrap_or_default(),
        comment: v.comment.clone().unwrap_or_default(),
        current: value.cloned(),
        error: String::new(),
    }
}

/// A line's index on the form and the value typed on it.
pub(crate) type Change = (usize, ValueInput);

/// The posted form, field by field (`n|KEY`, `tu|KEY`, …).
pub(crate) struct Posted(pub(crate) HashMap<String, String>);

impl Posted {
    pub(crate) fn text(&self, field: &str, key: &str) -> Option<String> {
        self.0.get(&format!("{field}|{key}")).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    fn number(&self, field: &str, line: &Line) -> Result<Option<f64>, WebError> {
        self.text(field, &line.field)
            .map(|raw| {
                parse_number(&raw).ok_or_else(|| {
                    WebError::Invalid(format!("Mục {} {}: \"{raw}\" không phải là số.", line.code, line.text))
                })
            })
            .transpose()
    }

    /// What the form says for `line`, or `None` when it leaves the line empty.
    pub(crate) fn value(&self, line: &Line) -> Result<Option<ValueInput>, WebError> {
        let key = &line.field;
        let mut value = ValueInput {
            item_key: line.key.clone(),
            subject: line.subject.clone(),
            comment: self.text("gc", key),
            ..ValueInput::default()
        };
        match line.measure {
            Measure::Ratio => {
                value.numerator = self.number("tu", line)?;
                value.denominator = self.number("mau", line)?;
            }
            Measure::YesNo => {
                value.yes_no = self.text("co", key).map(|v| v == "co");
            }
            Measure::Qualitative => value.level = self.text("muc", key),
            Measure::Task => {
                value.task_status = self.text("tt", key);
                value.doc_number = self.text("so", key);
                value.doc_date = match self.text("ngay", key) {
                    Some(raw) => Some(Date::parse(&raw).map(Date::iso).ok_or_else(|| {
                        WebError::Invalid(format!("Mục {}: \"{raw}\" không phải là ngày (dd/mm/yyyy).", line.code))
                    })?),
                    None => None,
                };
            }
            Measure::Count | Measure::Index | Measure::Rank | Measure::None => value.number = self.number("n", line)?,
        }
        let empty = ValueInput { item_key: line.key.clone(), subject: line.subject.clone(), ..ValueInput::default() };
        if value == empty {
            return Ok(None);
        }
        chitieu_core::value::check(&value.parts()).map_err(|problem| {
            WebError::Invalid(format!("Mục {} {}: {}", line.code, line.text, problem.message_vi()))
        })?;
        Ok(Some(value))
    }

    /// The values that differ from what is stored, and what is wrong on the lines that do
    /// not read (line index → the reason, in Vietnamese).
    pub(crate) fn changes(&self, lines: &[Line]) -> (Vec<Change>, Vec<(usize, String)>) {
        let (mut changed, mut wrong) = (Vec::new(), Vec::new());
        for (i, line) in lines.iter().enumerate() {
            match self.value(line) {
                Ok(Some(value)) if line.current.as_ref() != Some(&value) => changed.push((i, value)),
                Ok(_) => {}
                Err(error) => wrong.push((i, error.to_string())),
            }
        }
        (changed, wrong)
    }
}

#[cfg(test)]
mod tests {
    use chitieu_core::measure::Direction;
    use chitieu_core::plan::{Item, ItemKind, Plan, Roles, Source};
    use chitieu_core::target::{Comparator, Target};
    use chitieu_store::StoredItem;

    use super::*;

    fn target(value: f64, subject: &str) -> Target {
        Target {
            year: None,
            op: Comparator::Ge,
            value: Some(value),
            value_max: None,
            unit: Some("%".into()),
            subject: Some(subject.into()),
            raw: format!("{value}%"),
        }
    }

    #[test]
    fn an_item_with_a_target_per_sub_population_gets_a_line_for_each() {
        let item = Item {
            section: Some("I".into()),
            code: Some("3.7".into()),
            kind: ItemKind::Indicator,
            text: "Tỷ lệ giáo viên, học sinh được tập huấn".into(),
            unit: Some("%".into()),
            targets: vec![target(100.0, "giáo viên"), target(65.0, "học sinh phổ thông")],
            deadline: None,
            roles: Roles::default(),
            note: None,
            line: 31,
        };
        let plan = StoredPlan {
            id: 1,
            key: "k".into(),
            version: 1,
            status: chitieu_store::PlanStatus::Published,
            issuer_id: None,
            level: None,
            parent_key: None,
            created_at: String::new(),
            created_by: String::new(),
            source_text: None,
            plan: Plan {
                source: Source { file: "x.txt".into(), sha256: String::new() },
                title: String::new(),
                years: vec![2026],
                regime: None,
                warnings: vec![],
                items: vec![item],
            },
            items: vec![StoredItem {
                id: 1,
                key: "k#1".into(),
                measure: Measure::Ratio,
                direction: Direction::Higher,
                assignments: vec![],
            }],
        };
        let owed = [Obligation {
            item_key: "k#1".into(),
            org: 7,
            via_group: None,
            due: Date::new(2026, 6, 25).expect("date"),
            final_report: false,
        }];
        let lines = lines(&plan, &owed, None);
        let fields: Vec<(&str, Option<&str>)> =
            lines.iter().map(|l| (l.field.as_str(), l.subject.as_deref())).collect();
        assert_eq!(fields, [("k#1~0", Some("giáo viên")), ("k#1~1", Some("học sinh phổ thông"))]);
        assert!(lines[1].text.ends_with("— học sinh phổ thông"));
        let posted =
            Posted([("tu|k#1~1".to_owned(), "60".to_owned()), ("mau|k#1~1".to_owned(), "100".to_owned())].into());
        let (changes, wrong) = posted.changes(&lines);
        assert!(wrong.is_empty(), "{wrong:?}");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].1.subject.as_deref(), Some("học sinh phổ thông"));
        assert_eq!((changes[0].1.numerator, changes[0].1.denominator), (Some(60.0), Some(100.0)));
    }
}
