//! Who owes what, when: the lead units of each item (groups expanded to their members on the
//! period's last day) owe a report for every period from the plan's start until the period that
//! holds the item's deadline; "Thường xuyên" and undated items are owed every period. A report
//! is due on the period's due date, or on the deadline itself when that comes first.

use serde::{Deserialize, Serialize};

use crate::deadline::Deadline;
use crate::period::Period;
use crate::plan::{Date, ItemKind, Regime, days_in_month};
use crate::registry::{GroupId, OrgId, Registry, Resolution};

/// What the obligation rules need to know of an item.
#[derive(Debug, Clone, Copy)]
pub struct ObligedItem<'a> {
    pub key: &'a str,
    pub kind: ItemKind,
    pub deadline: Option<&'a Deadline>,
    /// How each name in the item's lead cell resolved.
    pub leads: &'a [Resolution],
}

/// One unit's duty to report on one item for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    pub item_key: String,
    pub org: OrgId,
    /// The group the duty comes through, when the cell named a group.
    pub via_group: Option<GroupId>,
    pub due: Date,
    /// The period holds the item's deadline: the result, not progress, is owed.
    pub final_report: bool,
}

/// The last day a deadline allows, if it names one.
pub fn deadline_end(deadline: &Deadline) -> Option<Date> {
    match deadline {
        Deadline::Month { year, month } => {
            Some(Date { year: *year, month: *month, day: days_in_month(*year, *month)? })
        }
        Deadline::Quarter { year, quarter } => Period::quarter(*year, *quarter).map(Period::last_day),
        Deadline::Year { year } => Some(Period::year(*year).last_day()),
        Deadline::Date { year, month, day } => Date::new(*year, *month, *day),
        Deadline::Range { end, .. } => deadline_end(end),
        Deadline::Ongoing { .. } | Deadline::Relative { .. } | Deadline::Unknown { .. } => None,
    }
}

/// The obligations of `items` for `period`, ordered by item then unit.
pub fn obligations(
    items: &[ObligedItem<'_>],
    registry: &Registry,
    period: Period,
    regime: Option<&Regime>,
) -> Vec<Obligation> {
    let period_due = period.due(regime);
    let mut out = Vec::new();
    // Each group is expanded once: plans name the same groups on item after item.
    let mut expanded: std::collections::HashMap<GroupId, Vec<OrgId>> = std::collections::HashMap::new();
    for item in items.iter().filter(|i| i.kind != ItemKind::Group) {
        let end = item.deadline.and_then(deadline_end);
        if end.is_some_and(|end| end < period.first_day()) {
            continue;
        }
        let final_report = end.is_some_and(|end| period.contains(end));
        let due = match end {
            Some(end) if final_report => end.min(period_due),
            _ => period_due,
        };
        let mut owed: Vec<(OrgId, Option<GroupId>)> = Vec::new();
        for lead in item.leads {
            match lead {
                Resolution::Org { id } => owed.push((*id, None)),
                Resolution::Group { id } => {
                    let members = expanded.entry(*id).or_insert_with(|| registry.members(*id, period.last_day()));
                    owed.extend(members.iter().map(|org| (*org, Some(*id))));
                }
                Resolution::Proposed { .. } | Resolution::Unresolved => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        owed.retain(|(org, _)| seen.insert(*org));
        out.extend(owed.into_iter().map(|(org, via_group)| Obligation {
            item_key: item.key.to_owned(),
            org,
            via_group,
            due,
            final_report,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Org, OrgGroup, OrgKind};

    fn registry() -> Registry {
        let org = |id, name: &str, kind| Org {
            id,
            name: name.into(),
            kind,
            parent: None,
            aliases: vec![],
            population: None,
            active_from: None,
            active_to: None,
            sample: false,
        };
        Registry {
            orgs: vec![
                org(1, "Sở Y tế", OrgKind::Department),
                org(2, "Sở Tài chính", OrgKind::Department),
                org(3, "Xã A", OrgKind::Commune),
            ],
            groups: vec![OrgGroup {
                id: 9,
                name: "Các sở, ban, ngành".into(),
                aliases: vec![],
                member_kind: Some(OrgKind::Department),
                scope: None,
                members: vec![],
            }],
        }
    }

    fn q(n: u8) -> Period {
        Period::quarter(2026, n).unwrap()
    }

    #[test]
    fn groups_expand_and_units_owe_until_the_deadline_period() {
        let leads = [Resolution::Group { id: 9 }, Resolution::Org { id: 1 }, Resolution::Unresolved];
        let deadline = Deadline::Month { year: 2026, month: 11 };
        let item = ObligedItem { key: "k1", kind: ItemKind::Indicator, deadline: Some(&deadline), leads: &leads };
        let q2 = obligations(&[item], &registry(), q(2), None);
        assert_eq!(q2.iter().map(|o| (o.org, o.via_group)).collect::<Vec<_>>(), [(1, Some(9)), (2, Some(9))]);
        assert!(q2.iter().all(|o| o.due == Date::new(2026, 6, 25).unwrap() && !o.final_report));
        let q4 = obligations(&[item], &registry(), q(4), None);
        assert!(q4.iter().all(|o| o.final_report && o.due == Date::new(2026, 11, 30).unwrap()));
        assert!(obligations(&[item], &registry(), Period::quarter(2027, 1).unwrap(), None).is_empty());
    }

    #[test]
    fn ongoing_and_undated_items_are_owed_every_period_and_groups_never() {
        let leads = [Resolution::Org { id: 3 }];
        let ongoing = Deadline::Ongoing { every: None };
        let items = [
            ObligedItem { key: "a", kind: ItemKind::Indicator, deadline: Some(&ongoing), leads: &leads },
            ObligedItem { key: "b", kind: ItemKind::Task, deadline: None, leads: &leads },
            ObligedItem { key: "c", kind: ItemKind::Group, deadline: None, leads: &leads },
        ];
        for period in [q(1), q(3), Period::year(2030)] {
            let owed = obligations(&items, &registry(), period, None);
            assert_eq!(owed.iter().map(|o| o.item_key.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        }
    }

    #[test]
    fn deadlines_end_on_their_last_day() {
        assert_eq!(deadline_end(&Deadline::Month { year: 2026, month: 2 }), Date::new(2026, 2, 28));
        assert_eq!(deadline_end(&Deadline::Quarter { year: 2026, quarter: 3 }), Date::new(2026, 9, 30));
        assert_eq!(deadline_end(&Deadline::Ongoing { every: None }), None);
    }
}
