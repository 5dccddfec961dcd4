//! What reminders are made of: every unit's report owed with a due date in a window, under the
//! plans in force, with the state of the unit's report and the units that monitor its items.
//! A report is due on its period's due date under the plan's regime: the date after which the
//! store marks a submission late (an item whose deadline falls earlier in the period is still
//! reported in that one report).

use std::collections::{BTreeMap, HashMap};

use chitieu_core::Role;
use chitieu_core::obligation::{Obligation, ObligedItem, obligations};
use chitieu_core::period::Period;
use chitieu_core::plan::{Date, Regime};
use chitieu_core::registry::{OrgId, Registry};
use chitieu_core::reminder::{Duty, ReportState};
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::review::period_of;
use crate::{Result, StoredPlan};

/// The obligations of a stored plan for a period (its leads resolved, groups expanded).
pub(crate) fn plan_obligations(plan: &StoredPlan, registry: &Registry, period: Period) -> Vec<Obligation> {
    let leads = plan.leads();
    let items: Vec<ObligedItem<'_>> = plan
        .plan
        .items
        .iter()
        .zip(&plan.items)
        .zip(&leads)
        .map(|((item, stored), leads)| ObligedItem {
            key: &stored.key,
            kind: item.kind,
            deadline: item.deadline.as_ref(),
            leads,
        })
        .collect();
    obligations(&items, registry, period, plan.plan.regime.as_ref())
}

/// The quarters and years whose reports fall due from `from` to `to` (inclusive) under `regime`.
fn periods_due_between(from: Date, to: Date, regime: Option<&Regime>) -> Vec<Period> {
    (from.year..=to.year)
        .flat_map(|year| (1..=4).filter_map(move |q| Period::quarter(year, q)).chain([Period::year(year)]))
        .filter(|period| (from..=to).contains(&period.due(regime)))
        .collect()
}

/// How people know a unit: its name, and its parent's when the name is shared ("Văn phòng
/// HĐND - UBND (Xã Gia Viễn (mẫu))").
fn unit_labels(registry: &Registry) -> HashMap<OrgId, String> {
    let mut named: HashMap<&str, usize> = HashMap::new();
    for org in &registry.orgs {
        *named.entry(org.name.as_str()).or_default() += 1;
    }
    let name_of: HashMap<OrgId, &str> = registry.orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    registry
        .orgs
        .iter()
        .map(|org| {
            let parent = org.parent.and_then(|p| name_of.get(&p)).filter(|_| named[org.name.as_str()] > 1);
            let label = match parent {
                Some(parent) => format!("{} ({parent})", org.name),
                None => org.name.clone(),
            };
            (org.id, label)
        })
        .collect()
}

type ReportWhere = (String, Period, OrgId);

impl SqlStore {
    pub(crate) async fn owed_between(&self, from: Date, to: Date) -> Result<Vec<Duty>> {
        let registry = self.registry().await?;
        let labels = unit_labels(&registry);
        let states = self.report_states(from.year, to.year).await?;
        let mut duties = Vec::new();
        for summary in self.current_plan_summaries().await? {
            let plan = {
                let mut conn = self.pool.acquire().await?;
                self.load_plan(&mut conn, summary.id).await?
            };
            let monitors: HashMap<&str, Vec<OrgId>> = plan
                .items
                .iter()
                .map(|item| {
                    let orgs = item.assignments.iter().filter(|a| a.role == Role::Monitor).filter_map(|a| a.org_id);
                    (item.key.as_str(), orgs.collect())
                })
                .collect();
            let regime = plan.plan.regime.as_ref();
            for period in periods_due_between(from, to, regime) {
                // Per unit: how many items, and who monitors them.
                let mut units: BTreeMap<OrgId, (usize, Vec<OrgId>)> = BTreeMap::new();
                for owed in plan_obligations(&plan, &registry, period) {
                    let (items, unit_monitors) = units.entry(owed.org).or_default();
                    *items += 1;
                    for monitor in monitors.get(owed.item_key.as_str()).into_iter().flatten() {
                        if !unit_monitors.contains(monitor) {
                            unit_monitors.push(*monitor);
                        }
                    }
                }
                for (org, (items, mut monitors)) in units {
                    monitors.sort_unstable();
                    let state = states.get(&(plan.key.clone(), period, org)).copied();
                    duties.push(Duty {
                        org,
                        org_name: labels.get(&org).cloned().unwrap_or_else(|| org.to_string()),
                        plan_id: plan.id,
                        plan_key: plan.key.clone(),
                        plan_title: summary.title.clone(),
                        period,
                        due: period.due(regime),
                        items,
                        state: state.unwrap_or(ReportState::NotStarted),
                        monitors,
                    });
                }
            }
        }
        Ok(duties)
    }

    /// The state of every report of the periods of these years.
    async fn report_states(&self, first_year: i32, last_year: i32) -> Result<HashMap<ReportWhere, ReportState>> {
        let rows = sqlx::query(
            "SELECT p.plan_key, p.year, p.quarter, r.org_id, r.status FROM reports r \
             JOIN periods p ON p.id = r.period_id WHERE p.year BETWEEN $1 AND $2",
        )
        .bind(i64::from(first_year))
        .bind(i64::from(last_year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                let state = ReportState::parse(&status)
                    .ok_or_else(|| crate::StoreError::Corrupt(format!("report status {status}")))?;
                let period = period_of(row.try_get("year")?, row.try_get("quarter")?)?;
                Ok(((row.try_get("plan_key")?, period, row.try_get("org_id")?), state))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_finds_the_periods_whose_reports_can_fall_due_in_it() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let q = |y, n| Period::quarter(y, n).unwrap();
        assert_eq!(periods_due_between(d(2026, 6, 11), d(2026, 7, 2), None), [q(2026, 2)]);
        assert_eq!(periods_due_between(d(2026, 12, 1), d(2026, 12, 20), None), [Period::year(2026)]);
        assert_eq!(periods_due_between(d(2026, 12, 10), d(2027, 1, 3), None), [q(2026, 4), Period::year(2026)]);
        assert!(periods_due_between(d(2026, 6, 26), d(2026, 9, 24), None).is_empty());
    }
}
