//! Completeness and timeliness of reporting, as DHIS2 reports them for data sets: reports
//! expected, received and received on time, the reporting rate (received ÷ expected) and the
//! on-time rate (received by the due date ÷ expected), per unit, period or any other key.

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::plan::Date;

/// One report a unit owes: when it is due and when it was sent (submitted and not returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submission {
    pub due: Date,
    pub sent_on: Option<Date>,
}

impl Submission {
    /// Sent no later than its due date.
    pub fn on_time(self) -> bool {
        self.sent_on.is_some_and(|sent| sent <= self.due)
    }
}

/// Reports expected, received and received on time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reporting {
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
}

impl Reporting {
    pub fn add(&mut self, submission: Submission) {
        self.expected += 1;
        self.received += u32::from(submission.sent_on.is_some());
        self.on_time += u32::from(submission.on_time());
    }

    pub fn merge(&mut self, other: Reporting) {
        self.expected += other.expected;
        self.received += other.received;
        self.on_time += other.on_time;
    }

    /// Reporting rate: received ÷ expected (DHIS2's `REPORTING_RATE` as a share); `None` when
    /// nothing is expected.
    pub fn completeness(self) -> Option<f64> {
        self.share(self.received)
    }

    /// On-time rate: received by the due date ÷ expected (DHIS2's `REPORTING_RATE_ON_TIME` as a
    /// share); `None` when nothing is expected.
    pub fn timeliness(self) -> Option<f64> {
        self.share(self.on_time)
    }

    /// Reports still missing.
    pub fn missing(self) -> u32 {
        self.expected.saturating_sub(self.received)
    }

    fn share(self, part: u32) -> Option<f64> {
        (self.expected > 0).then(|| f64::from(part) / f64::from(self.expected))
    }
}

impl Extend<Submission> for Reporting {
    fn extend<I: IntoIterator<Item = Submission>>(&mut self, submissions: I) {
        for submission in submissions {
            self.add(submission);
        }
    }
}

impl FromIterator<Submission> for Reporting {
    fn from_iter<I: IntoIterator<Item = Submission>>(submissions: I) -> Self {
        let mut reporting = Reporting::default();
        reporting.extend(submissions);
        reporting
    }
}

/// `{"expected": 4, "received": 3, "on_time": 2, "completeness": 0.75, "timeliness": 0.5}`.
impl Serialize for Reporting {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Reporting", 5)?;
        out.serialize_field("expected", &self.expected)?;
        out.serialize_field("received", &self.received)?;
        out.serialize_field("on_time", &self.on_time)?;
        out.serialize_field("completeness", &self.completeness())?;
        out.serialize_field("timeliness", &self.timeliness())?;
        out.end()
    }
}

/// Reporting grouped by any key: unit, period, unit and period.
pub fn reporting_by<K: Ord>(submissions: impl IntoIterator<Item = (K, Submission)>) -> BTreeMap<K, Reporting> {
    super::counts::group_by(submissions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(month: u8, day: u8) -> Date {
        Date::new(2026, month, day).unwrap()
    }

    #[test]
    fn rates_are_received_and_on_time_over_expected() {
        let due = date(6, 25);
        let reporting: Reporting = [
            Submission { due, sent_on: Some(date(6, 20)) },
            Submission { due, sent_on: Some(due) },
            Submission { due, sent_on: Some(date(7, 2)) },
            Submission { due, sent_on: None },
        ]
        .into_iter()
        .collect();
        assert_eq!(reporting, Reporting { expected: 4, received: 3, on_time: 2 });
        assert_eq!(reporting.completeness(), Some(0.75));
        assert_eq!(reporting.timeliness(), Some(0.5));
        assert_eq!(reporting.missing(), 1);
        assert_eq!(Reporting::default().completeness(), None);
        let json = serde_json::to_value(reporting).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"expected": 4, "received": 3, "on_time": 2, "completeness": 0.75, "timeliness": 0.5})
        );
    }

    #[test]
    fn reporting_groups_per_unit_and_period() {
        let q1 = date(3, 25);
        let q2 = date(6, 25);
        let facts = [
            ((1, "2026-Q1"), Submission { due: q1, sent_on: Some(date(3, 1)) }),
            ((1, "2026-Q2"), Submission { due: q2, sent_on: None }),
            ((2, "2026-Q1"), Submission { due: q1, sent_on: Some(date(4, 1)) }),
        ];
        let by_unit_period = reporting_by(facts);
        assert_eq!(by_unit_period[&(1, "2026-Q1")].timeliness(), Some(1.0));
        assert_eq!(by_unit_period[&(2, "2026-Q1")].timeliness(), Some(0.0));
        let by_unit = reporting_by(facts.iter().map(|((unit, _), s)| (*unit, *s)));
        assert_eq!(by_unit[&1], Reporting { expected: 2, received: 1, on_time: 1 });
        let mut province = by_unit[&1];
        province.merge(by_unit[&2]);
        assert_eq!(province, Reporting { expected: 3, received: 2, on_time: 1 });
    }
}
