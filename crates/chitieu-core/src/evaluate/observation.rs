//! What a unit reported for one item and period, in the core's terms: a number, a share as
//! numerator and denominator, yes/no, a qualitative level, or a task's state with the document
//! that settled it. Built from the stored fields without knowing the judging rules.

use serde::{Deserialize, Serialize};

use crate::display::number_vi;

/// One reported value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observation {
    Number(f64),
    /// A share; its value is the percentage `numerator / denominator × 100`.
    Ratio {
        numerator: f64,
        denominator: f64,
    },
    YesNo(bool),
    /// A qualitative level as the unit wrote it ("Khá"); see [`super::Level`].
    Level(String),
    Task {
        state: TaskState,
        /// The document that settled it ("15/KH-UBND").
        document: Option<String>,
    },
}

/// A task's state, as stored (`not_started`, `in_progress`, `done`, `overdue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    NotStarted,
    InProgress,
    Done,
    Overdue,
}

impl TaskState {
    pub const ALL: [TaskState; 4] = [TaskState::NotStarted, TaskState::InProgress, TaskState::Done, TaskState::Overdue];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::NotStarted => "not_started",
            TaskState::InProgress => "in_progress",
            TaskState::Done => "done",
            TaskState::Overdue => "overdue",
        }
    }

    /// The stored code, surrounding space allowed.
    pub fn parse(code: &str) -> Option<TaskState> {
        let code = code.trim();
        TaskState::ALL.into_iter().find(|state| state.as_str() == code)
    }

    /// What a form shows.
    pub fn label_vi(self) -> &'static str {
        match self {
            TaskState::NotStarted => "Chưa thực hiện",
            TaskState::InProgress => "Đang thực hiện",
            TaskState::Done => "Đã hoàn thành",
            TaskState::Overdue => "Quá hạn",
        }
    }
}

/// Text that holds something once trimmed.
fn filled(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

impl Observation {
    /// The observation a stored value holds, whatever the item's measure; `None` when the
    /// fields hold nothing usable. The first that applies wins: a known task state (with
    /// `doc_number` as its document); numerator and denominator, both finite, the numerator at
    /// least 0 and the denominator above 0; a finite number; yes/no; a non-blank level. An
    /// unknown task code and half a ratio are ignored.
    pub fn from_parts(
        number: Option<f64>,
        numerator: Option<f64>,
        denominator: Option<f64>,
        yes_no: Option<bool>,
        level: Option<&str>,
        task_status: Option<&str>,
        doc_number: Option<&str>,
    ) -> Option<Observation> {
        if let Some(state) = task_status.and_then(TaskState::parse) {
            return Some(Observation::Task { state, document: filled(doc_number).map(str::to_owned) });
        }
        if let (Some(numerator), Some(denominator)) = (numerator, denominator)
            && numerator.is_finite()
            && denominator.is_finite()
            && numerator >= 0.0
            && denominator > 0.0
        {
            return Some(Observation::Ratio { numerator, denominator });
        }
        if let Some(number) = number.filter(|n| n.is_finite()) {
            return Some(Observation::Number(number));
        }
        if let Some(yes) = yes_no {
            return Some(Observation::YesNo(yes));
        }
        filled(level).map(|level| Observation::Level(level.to_owned()))
    }

    /// The number the observation stands for: a number as is, a ratio as a percentage.
    /// `None` for yes/no, levels and tasks, and for a ratio over nothing.
    pub fn value(&self) -> Option<f64> {
        match self {
            Observation::Number(n) => Some(*n),
            Observation::Ratio { numerator, denominator } if *denominator > 0.0 => {
                Some(numerator / denominator * 100.0)
            }
            Observation::Ratio { .. } | Observation::YesNo(_) | Observation::Level(_) | Observation::Task { .. } => {
                None
            }
        }
    }

    /// The observation in words: "8,5", "91/100 (91%)", "Có", "Khá", "Đã hoàn thành (văn bản
    /// số 15/KH-UBND)".
    pub fn label_vi(&self) -> String {
        match self {
            Observation::Number(n) => number_vi(*n),
            Observation::Ratio { numerator, denominator } => {
                let percent = self.value().map(|p| format!(" ({}%)", number_vi((p * 10.0).round() / 10.0)));
                format!("{}/{}{}", number_vi(*numerator), number_vi(*denominator), percent.unwrap_or_default())
            }
            Observation::YesNo(yes) => if *yes { "Có" } else { "Không" }.to_owned(),
            Observation::Level(level) => level.clone(),
            Observation::Task { state, document: Some(document) } => {
                format!("{} (văn bản số {document})", state.label_vi())
            }
            Observation::Task { state, document: None } => state.label_vi().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(
        number: Option<f64>,
        ratio: Option<(f64, f64)>,
        yes_no: Option<bool>,
        level: Option<&str>,
        task: Option<(&str, Option<&str>)>,
    ) -> Option<Observation> {
        Observation::from_parts(
            number,
            ratio.map(|r| r.0),
            ratio.map(|r| r.1),
            yes_no,
            level,
            task.map(|t| t.0),
            task.and_then(|t| t.1),
        )
    }

    #[test]
    fn stored_fields_become_the_observation_they_hold() {
        assert_eq!(parts(Some(12.0), None, None, None, None), Some(Observation::Number(12.0)));
        assert_eq!(
            parts(None, Some((91.0, 100.0)), None, None, None),
            Some(Observation::Ratio { numerator: 91.0, denominator: 100.0 })
        );
        assert_eq!(parts(None, None, Some(false), None, None), Some(Observation::YesNo(false)));
        assert_eq!(parts(None, None, None, Some(" Khá "), None), Some(Observation::Level("Khá".into())));
        assert_eq!(
            parts(None, None, None, None, Some(("done", Some("15/KH-UBND")))),
            Some(Observation::Task { state: TaskState::Done, document: Some("15/KH-UBND".into()) })
        );
        assert_eq!(
            parts(None, None, None, None, Some(("in_progress", Some("  ")))),
            Some(Observation::Task { state: TaskState::InProgress, document: None })
        );
    }

    #[test]
    fn unusable_fields_give_nothing_or_fall_through() {
        assert_eq!(parts(None, None, None, None, None), None);
        assert_eq!(parts(None, None, None, Some("   "), None), None);
        assert_eq!(parts(Some(f64::NAN), None, None, None, None), None);
        assert_eq!(parts(None, Some((1.0, 0.0)), None, None, None), None, "a ratio over nothing");
        assert_eq!(parts(None, Some((-1.0, 5.0)), None, None, None), None);
        assert_eq!(parts(Some(3.0), Some((1.0, 0.0)), None, None, None), Some(Observation::Number(3.0)));
        assert_eq!(
            parts(None, None, Some(true), None, Some(("finished", None))),
            Some(Observation::YesNo(true)),
            "an unknown task code is ignored"
        );
        let half = Observation::from_parts(None, Some(4.0), None, None, None, None, None);
        assert_eq!(half, None);
    }

    #[test]
    fn a_ratio_stands_for_its_percentage() {
        let ratio = Observation::Ratio { numerator: 91.0, denominator: 102.0 };
        assert!((ratio.value().unwrap() - 89.215_686).abs() < 1e-6);
        assert_eq!(Observation::Number(0.7).value(), Some(0.7));
        assert_eq!(Observation::YesNo(true).value(), None);
        assert_eq!(Observation::Level("Khá".into()).value(), None);
        assert_eq!(Observation::Ratio { numerator: 1.0, denominator: 0.0 }.value(), None);
    }

    #[test]
    fn observations_read_in_vietnamese() {
        assert_eq!(Observation::Ratio { numerator: 91.0, denominator: 102.0 }.label_vi(), "91/102 (89,2%)");
        assert_eq!(Observation::Number(1200.5).label_vi(), "1.200,5");
        assert_eq!(Observation::YesNo(false).label_vi(), "Không");
        let task = Observation::Task { state: TaskState::Done, document: Some("15/KH-UBND".into()) };
        assert_eq!(task.label_vi(), "Đã hoàn thành (văn bản số 15/KH-UBND)");
        for state in TaskState::ALL {
            assert_eq!(TaskState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn observations_serialise_with_their_kind() {
        let json = serde_json::to_value(Observation::Ratio { numerator: 1.0, denominator: 2.0 }).unwrap();
        assert_eq!(json, serde_json::json!({"ratio": {"numerator": 1.0, "denominator": 2.0}}));
        let task = Observation::Task { state: TaskState::Overdue, document: None };
        let back: Observation = serde_json::from_value(serde_json::to_value(&task).unwrap()).unwrap();
        assert_eq!(back, task);
    }
}
