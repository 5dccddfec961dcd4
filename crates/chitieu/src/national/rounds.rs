//! One province's reporting round for a quarter: who owes what (the store's obligation rules on
//! the province's own units and groups), who skips the quarter, who sends late, who is still
//! waiting for review, and the finished reports to load.

use std::collections::{BTreeMap, HashMap};

use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::{OrgId, OrgKind, Registry};
use chitieu_store::{LoadedReport, ReportKey, ReportStatus, StoredPlan};

use super::dice::Dice;
use super::values::{ItemModel, Unit, quarter_index, value};

/// What each draw is for (the first number of its key; the values' draws use 1–9).
mod draw {
    pub const TARDY_UNIT: u64 = 20;
    pub const LATE: u64 = 21;
    pub const ABSENT_UNIT: u64 = 22;
    pub const MISSING: u64 = 23;
    pub const PENDING: u64 = 24;
    pub const TIMING: u64 = 25;
}

/// A province with its imported plan, ready to run rounds.
#[derive(Debug)]
pub struct ProvinceRounds {
    pub plan: StoredPlan,
    items: Vec<ItemModel>,
    /// The province's units and groups only: obligations expand groups over it.
    registry: Registry,
    units: HashMap<OrgId, Unit>,
    monitor: OrgId,
}

impl ProvinceRounds {
    /// `registry` is the whole country's; `province` the province's unit and `index` its place.
    pub fn new(dice: Dice, plan: StoredPlan, registry: &Registry, province: OrgId, index: usize) -> ProvinceRounds {
        let orgs: Vec<_> =
            registry.orgs.iter().filter(|o| o.id == province || o.parent == Some(province)).cloned().collect();
        let groups = registry.groups.iter().filter(|g| g.scope == Some(province)).cloned().collect();
        let units = orgs
            .iter()
            .filter(|o| o.id != province)
            .map(|o| (o.id, Unit::new(dice, o.id, index, o.kind != OrgKind::Commune)))
            .collect();
        let monitor = plan
            .items
            .iter()
            .flat_map(|i| &i.assignments)
            .find_map(|a| (a.role == chitieu_core::Role::Monitor).then_some(a.org_id).flatten())
            .unwrap_or(province);
        ProvinceRounds { items: ItemModel::of(&plan), registry: Registry { orgs, groups }, units, monitor, plan }
    }

    /// The reports of the round for `period`; `last` is the newest quarter generated, where some
    /// reports still wait for review.
    pub fn round(&self, dice: Dice, period: Period, last: bool) -> Vec<LoadedReport> {
        let models: HashMap<&str, &ItemModel> = self.items.iter().map(|m| (m.key.as_str(), m)).collect();
        let mut owed: BTreeMap<OrgId, Vec<&ItemModel>> = BTreeMap::new();
        for obligation in self.plan.obligations(&self.registry, period) {
            if let Some(model) = models.get(obligation.item_key.as_str()) {
                owed.entry(obligation.org).or_default().push(model);
            }
        }
        let due = period.due(self.plan.plan.regime.as_ref());
        let t = quarter_index(period);
        let mut reports = Vec::with_capacity(owed.len());
        for (org, items) in owed {
            let Some(unit) = self.units.get(&org) else { continue };
            let key = org as u64;
            let absent = if dice.chance(&[draw::ABSENT_UNIT, key], 0.04) { 0.2 } else { 0.01 };
            if dice.chance(&[draw::MISSING, key, t], absent) {
                continue;
            }
            let tardy = if dice.chance(&[draw::TARDY_UNIT, key], 0.1) { 0.35 } else { 0.04 };
            let days = if dice.chance(&[draw::LATE, key, t], tardy) {
                1 + dice.below(&[draw::LATE, key, t, 1], 20) as i64
            } else {
                -(dice.below(&[draw::LATE, key, t, 2], 13) as i64)
            };
            let minute = dice.below(&[draw::TIMING, key, t], 600);
            let submitted_at = stamp(due, days, minute);
            let saved_at = stamp(due, days - 1 - dice.below(&[draw::TIMING, key, t, 1], 3) as i64, minute);
            let pending = last && dice.chance(&[draw::PENDING, key], 0.35);
            let reviewed_at =
                (!pending).then(|| stamp(due, days + 1 + dice.below(&[draw::TIMING, key, t, 2], 10) as i64, minute));
            reports.push(LoadedReport {
                key: ReportKey { plan_key: self.plan.key.clone(), period, org },
                status: if pending { ReportStatus::Submitted } else { ReportStatus::Approved },
                saved_by: format!("nhaplieu.{org}"),
                saved_at,
                submitted_by: format!("duyet.{org}"),
                submitted_at,
                reviewed_by: reviewed_at.is_some().then(|| format!("giamsat.{}", self.monitor)),
                reviewed_at,
                values: items.into_iter().map(|item| value(dice, unit, item, period)).collect(),
            });
        }
        reports
    }
}

/// `days` after `date`, at 01:00 UTC plus `minute` minutes (office hours in Vietnam), RFC 3339.
fn stamp(date: Date, days: i64, minute: u64) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(date.year, u32::from(date.month), u32::from(date.day))
        .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(days)))
        .unwrap_or_default();
    format!("{}T{:02}:{:02}:00Z", day.format("%Y-%m-%d"), 1 + minute / 60, minute % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_count_days_across_months() {
        let due = Date::new(2026, 12, 25).expect("a date");
        assert_eq!(stamp(due, 7, 75), "2027-01-01T02:15:00Z");
        assert_eq!(stamp(due, -25, 0), "2026-11-30T01:00:00Z");
    }
}
