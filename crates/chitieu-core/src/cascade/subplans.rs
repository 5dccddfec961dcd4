//! Sub-plan tracking: which departments and communes have issued their own plan under a
//! higher-level plan by its due date ("trước ngày 10/4/2026"), which did so late, and which
//! have not yet.
//!
//! Who is expected: every department and commune under the issuer's province in the registry
//! (the province itself when the issuer is one; the issuer's own subtree when no province is
//! above it), active on the due date, the issuer excepted. Units that issued a plan without
//! being expected (a city, an office) are listed too.

use serde::Serialize;

use crate::plan::Date;
use crate::registry::{OrgId, OrgKind, Registry};

/// Where a unit stands with its own plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubplanState {
    /// Issued by the due date (or there is none).
    OnTime,
    /// Issued after the due date.
    Late,
    /// Not issued yet; the due date has not passed (or there is none).
    Waiting,
    /// Not issued and the due date has passed.
    Overdue,
}

impl SubplanState {
    pub fn as_str(self) -> &'static str {
        match self {
            SubplanState::OnTime => "on_time",
            SubplanState::Late => "late",
            SubplanState::Waiting => "waiting",
            SubplanState::Overdue => "overdue",
        }
    }

    pub fn describe_vi(self) -> &'static str {
        match self {
            SubplanState::OnTime => "Đã ban hành đúng hạn",
            SubplanState::Late => "Ban hành trễ hạn",
            SubplanState::Waiting => "Chưa ban hành (còn hạn)",
            SubplanState::Overdue => "Quá hạn, chưa ban hành",
        }
    }

    /// Behind the due date: issued late or not issued after it.
    pub fn is_late(self) -> bool {
        matches!(self, SubplanState::Late | SubplanState::Overdue)
    }
}

/// One unit's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubplanLine {
    pub org: OrgId,
    /// The unit is one the rule above expects (not only one that happened to issue a plan).
    pub expected: bool,
    /// When its plan was first issued (imported).
    pub issued: Option<Date>,
    pub state: SubplanState,
}

/// The units expected to issue their own plan under a plan of `issuer`, by id.
pub fn expected_issuers(registry: &Registry, issuer: OrgId, day: Date) -> Vec<OrgId> {
    let mut root = issuer;
    let mut current = Some(issuer);
    for _ in 0..64 {
        let Some(org) = current.and_then(|id| registry.orgs.iter().find(|o| o.id == id)) else { break };
        if org.kind == OrgKind::Province {
            root = org.id;
            break;
        }
        current = org.parent;
    }
    let mut ids: Vec<OrgId> = registry
        .orgs
        .iter()
        .filter(|o| matches!(o.kind, OrgKind::Department | OrgKind::Commune))
        .filter(|o| o.id != issuer && o.active_on(day) && registry.is_under(o.id, root))
        .map(|o| o.id)
        .collect();
    ids.sort_unstable();
    ids
}

/// The line of every expected unit (in the order given), then of every other unit that issued
/// a plan. `issued` holds each issuing unit and the day its plan was first stored; `today`
/// decides whether a missing plan is overdue.
pub fn track_subplans(
    expected: &[OrgId],
    issued: &[(OrgId, Date)],
    due: Option<Date>,
    today: Date,
) -> Vec<SubplanLine> {
    let first_issue = |org: OrgId| issued.iter().filter(|(o, _)| *o == org).map(|(_, d)| *d).min();
    let line = |org: OrgId, expected: bool| {
        let issued = first_issue(org);
        let state = match (issued, due) {
            (Some(day), Some(due)) if day > due => SubplanState::Late,
            (Some(_), _) => SubplanState::OnTime,
            (None, Some(due)) if today > due => SubplanState::Overdue,
            (None, _) => SubplanState::Waiting,
        };
        SubplanLine { org, expected, issued, state }
    };
    let mut lines: Vec<SubplanLine> = expected.iter().map(|org| line(*org, true)).collect();
    for (org, _) in issued {
        if !lines.iter().any(|l| l.org == *org) {
            lines.push(line(*org, false));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Org;

    fn registry() -> Registry {
        let org = |id, name: &str, kind, parent, active_to| Org {
            id,
            name: name.into(),
            kind,
            parent,
            aliases: vec![],
            population: None,
            active_from: None,
            active_to,
            sample: false,
        };
        Registry {
            orgs: vec![
                org(1, "UBND tỉnh", OrgKind::Province, None, None),
                org(2, "Sở Y tế", OrgKind::Department, Some(1), None),
                org(3, "Sở cũ", OrgKind::Department, Some(1), Date::new(2025, 2, 28)),
                org(4, "Xã A", OrgKind::Commune, Some(1), None),
                org(5, "Trạm Y tế", OrgKind::Office, Some(4), None),
                org(6, "Công an tỉnh", OrgKind::Police, Some(1), None),
                org(7, "Tỉnh khác", OrgKind::Province, None, None),
                org(8, "Xã B", OrgKind::Commune, Some(7), None),
            ],
            groups: vec![],
        }
    }

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn the_provinces_active_departments_and_communes_are_expected() {
        let due = day(2026, 4, 10);
        assert_eq!(expected_issuers(&registry(), 1, due), [2, 4]);
        assert_eq!(expected_issuers(&registry(), 2, due), [4], "a department's plan: its province's units");
    }

    #[test]
    fn plans_are_on_time_late_waiting_or_overdue_against_the_due_date() {
        use SubplanState::{Late, OnTime, Overdue, Waiting};
        let due = Some(day(2026, 4, 10));
        let issued = [(4, day(2026, 4, 12)), (2, day(2026, 4, 10)), (5, day(2026, 3, 1))];
        let before = track_subplans(&[2, 3, 4], &issued, due, day(2026, 4, 1));
        let states = |lines: &[SubplanLine]| lines.iter().map(|l| (l.org, l.state)).collect::<Vec<_>>();
        assert_eq!(states(&before), [(2, OnTime), (3, Waiting), (4, Late), (5, OnTime)]);
        assert!(!before[3].expected, "an office that issued a plan is listed, not expected");
        let after = track_subplans(&[2, 3, 4], &issued, due, day(2026, 4, 11));
        assert_eq!(after[1].state, Overdue);
        assert!(after[1].state.is_late() && after[2].state.is_late() && !after[0].state.is_late());
        let undated = track_subplans(&[3], &[], None, day(2030, 1, 1));
        assert_eq!(undated[0].state, Waiting, "without a due date nothing is overdue");
    }
}
