//! Reminders (đôn đốc): on a given day, who is reminded of which report and why. A unit's
//! reporters and its head (approver) hear of a report N days before it is due and on the due
//! date; once it is late, the head and the monitoring unit's monitors hear of it on the
//! escalation days. Each person gets at most one digest a day, however many reports it names.
//! Pure: the day, the duties and the people are inputs; [`text`] words the digest in Vietnamese.

#[cfg(test)]
mod tests;
pub mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::plan::Date;
use crate::registry::OrgId;

/// When reminders go out, relative to a report's due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPolicy {
    /// Days before the due date on which the unit is reminded (7 and 1 by default).
    pub before_days: Vec<u32>,
    /// Remind the unit on the due date itself.
    pub on_due_date: bool,
    /// Days after the due date on which a late report is escalated to the unit's head and the
    /// monitors (1, 7 and 14 by default).
    pub escalate_after_days: Vec<u32>,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        ReminderPolicy { before_days: vec![7, 1], on_due_date: true, escalate_after_days: vec![1, 7, 14] }
    }
}

impl ReminderPolicy {
    /// The due dates a pass on `day` can name: from the latest escalation back to the furthest
    /// advance notice (inclusive).
    pub fn window(&self, day: Date) -> (Date, Date) {
        let back = self.escalate_after_days.iter().copied().max().unwrap_or(0);
        let ahead = self.before_days.iter().copied().max().unwrap_or(0);
        (add_days(day, -i64::from(back)), add_days(day, i64::from(ahead)))
    }

    /// Why a report due on `due` and not yet sent is worth a reminder on `day`, if it is.
    pub fn reason(&self, day: Date, due: Date) -> Option<Reason> {
        let ahead = day.days_until(due);
        let days = u32::try_from(ahead.unsigned_abs()).ok()?;
        match ahead {
            0 => self.on_due_date.then_some(Reason::DueToday),
            1.. => self.before_days.contains(&days).then_some(Reason::BeforeDue(days)),
            _ => self.escalate_after_days.contains(&days).then_some(Reason::Late(days)),
        }
    }
}

/// Where a unit's report stands; [`ReportState::NotStarted`] when it has none yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Approved,
}

impl ReportState {
    /// Still owed: not sent, or sent back to the unit.
    pub fn outstanding(self) -> bool {
        matches!(self, ReportState::NotStarted | ReportState::Draft | ReportState::Returned)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::NotStarted => "not_started",
            ReportState::Draft => "draft",
            ReportState::Submitted => "submitted",
            ReportState::Returned => "returned",
            ReportState::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<ReportState> {
        [
            ReportState::NotStarted,
            ReportState::Draft,
            ReportState::Submitted,
            ReportState::Returned,
            ReportState::Approved,
        ]
        .into_iter()
        .find(|state| state.as_str() == s)
    }
}

/// One unit's report owed for one plan and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub org: OrgId,
    /// The unit as people know it ("Văn phòng HĐND - UBND (Xã Gia Viễn)").
    pub org_name: String,
    /// The plan version in force.
    pub plan_id: i64,
    pub plan_key: String,
    pub plan_title: String,
    pub period: Period,
    /// The report's due date: the period's, under the plan's regime.
    pub due: Date,
    /// How many items the unit reports on.
    pub items: usize,
    pub state: ReportState,
    /// The units that monitor those items.
    pub monitors: Vec<OrgId>,
}

/// What a person does for reminders' sake. People of other roles are not reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DutyRole {
    /// Enters the unit's values.
    Reporter,
    /// The unit's head: submits, and hears of the unit's late reports.
    Approver,
    /// Works for a monitoring unit: hears of late reports on the items it monitors.
    Monitor,
}

/// Someone who may be reminded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub org: Option<OrgId>,
    pub role: DutyRole,
    pub email: Option<String>,
}

/// Why a report is named in a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", content = "days", rename_all = "snake_case")]
pub enum Reason {
    /// Due in this many days.
    BeforeDue(u32),
    DueToday,
    /// This many days past the due date and not sent.
    Late(u32),
}

impl Reason {
    /// The stored name of the reason (`before_due`, `due_today`, `late`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::BeforeDue(_) => "before_due",
            Reason::DueToday => "due_today",
            Reason::Late(_) => "late",
        }
    }

    /// The days the reason counts (0 on the due date).
    pub fn days(self) -> u32 {
        match self {
            Reason::BeforeDue(days) | Reason::Late(days) => days,
            Reason::DueToday => 0,
        }
    }

    /// The reason stored as [`Reason::code`] and [`Reason::days`].
    pub fn from_code(code: &str, days: u32) -> Option<Reason> {
        match code {
            "before_due" => Some(Reason::BeforeDue(days)),
            "due_today" => Some(Reason::DueToday),
            "late" => Some(Reason::Late(days)),
            _ => None,
        }
    }

    /// The most pressing first: the latest reports, then today's, then the nearest.
    fn urgency(self) -> i64 {
        match self {
            Reason::Late(days) => -i64::from(days),
            Reason::DueToday => 0,
            Reason::BeforeDue(days) => i64::from(days),
        }
    }
}

/// One report named in a digest, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderLine {
    pub reason: Reason,
    pub duty: Duty,
}

/// Everything one person is reminded of on one day: one e-mail, one in-app notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub user_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub day: Date,
    /// The most pressing first.
    pub lines: Vec<ReminderLine>,
}

/// The digests of `day`: one per person who has anything to hear of, ordered by user id.
/// Submitted and approved reports are never named; a returned one is owed again.
pub fn schedule(day: Date, policy: &ReminderPolicy, duties: &[Duty], people: &[Person]) -> Vec<Digest> {
    let mut people_by_id: BTreeMap<i64, &Person> = BTreeMap::new();
    for person in people {
        people_by_id.entry(person.user_id).or_insert(person);
    }
    let mut lines: BTreeMap<i64, Vec<ReminderLine>> = BTreeMap::new();
    for duty in duties.iter().filter(|d| d.state.outstanding()) {
        let Some(reason) = policy.reason(day, duty.due) else { continue };
        for person in people_by_id.values().filter(|p| hears_of(p, duty, reason)) {
            lines.entry(person.user_id).or_default().push(ReminderLine { reason, duty: duty.clone() });
        }
    }
    lines
        .into_iter()
        .map(|(user_id, mut lines)| {
            lines.sort_by(|a, b| {
                (a.reason.urgency(), a.duty.due, &a.duty.plan_title, &a.duty.org_name, a.duty.period).cmp(&(
                    b.reason.urgency(),
                    b.duty.due,
                    &b.duty.plan_title,
                    &b.duty.org_name,
                    b.duty.period,
                ))
            });
            let person = people_by_id[&user_id];
            Digest { user_id, name: person.name.clone(), email: person.email.clone(), day, lines }
        })
        .collect()
}

/// Before and on the due date the unit's own people hear of its report; once it is late, its
/// head and the monitors of its items do.
fn hears_of(person: &Person, duty: &Duty, reason: Reason) -> bool {
    let own_unit = person.org == Some(duty.org);
    match (reason, person.role) {
        (Reason::BeforeDue(_) | Reason::DueToday, DutyRole::Reporter | DutyRole::Approver)
        | (Reason::Late(_), DutyRole::Approver) => own_unit,
        (Reason::Late(_), DutyRole::Monitor) => person.org.is_some_and(|org| duty.monitors.contains(&org)),
        _ => false,
    }
}

/// `date` moved by `days` (back when negative).
pub fn add_days(date: Date, days: i64) -> Date {
    // Days since 1970-01-01 back to a civil date (proleptic Gregorian).
    let z = date.day_number() + days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date { year: year as i32, month: month as u8, day: day as u8 }
}
