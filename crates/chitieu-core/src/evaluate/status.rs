//! The verdicts a target can get, with their Vietnamese labels and the tone a page colours
//! them with.

use serde::{Deserialize, Serialize};

/// The verdict on one target for one unit and period (or on a roll-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The deadline has come and the value reaches the target.
    Met,
    /// Before the deadline, and the value is where it should be by now.
    OnTrack,
    /// Before the deadline, and the value falls short of where it should be by now.
    AtRisk,
    /// The deadline has come and the value does not reach the target.
    NotMet,
    /// Nothing reported yet, and the report is not due yet.
    NotReported,
    /// Nothing reported and the report's due date has passed.
    Overdue,
    /// A task settled (with the document that settled it).
    Done,
    /// A task under way before its deadline.
    InProgress,
    /// A task not done by its deadline.
    Late,
    /// A value that cannot be judged: a qualitative level with no scale, or no target for the
    /// period.
    NotJudged,
}

/// How a page colours a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Warning,
    Bad,
    Neutral,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Met,
        Status::OnTrack,
        Status::AtRisk,
        Status::NotMet,
        Status::NotReported,
        Status::Overdue,
        Status::Done,
        Status::InProgress,
        Status::Late,
        Status::NotJudged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::NotMet => "not_met",
            Status::NotReported => "not_reported",
            Status::Overdue => "overdue",
            Status::Done => "done",
            Status::InProgress => "in_progress",
            Status::Late => "late",
            Status::NotJudged => "not_judged",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// The label officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Met => "Đạt",
            Status::OnTrack => "Đúng tiến độ",
            Status::AtRisk => "Có nguy cơ không đạt",
            Status::NotMet => "Không đạt",
            Status::NotReported => "Chưa báo cáo",
            Status::Overdue => "Quá hạn báo cáo",
            Status::Done => "Hoàn thành",
            Status::InProgress => "Đang thực hiện",
            Status::Late => "Chậm tiến độ",
            Status::NotJudged => "Chưa đánh giá",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Status::Met | Status::OnTrack | Status::Done => Tone::Good,
            Status::AtRisk | Status::InProgress | Status::NotReported => Tone::Warning,
            Status::NotMet | Status::Overdue | Status::Late => Tone::Bad,
            Status::NotJudged => Tone::Neutral,
        }
    }

    /// Whether a value was reported for this verdict.
    pub fn reported(self) -> bool {
        !matches!(self, Status::NotReported | Status::Overdue)
    }
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Warning => "warning",
            Tone::Bad => "bad",
            Tone::Neutral => "neutral",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_name() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert!(!status.label_vi().is_empty());
        }
        assert_eq!(Status::parse("unknown"), None);
    }
}
