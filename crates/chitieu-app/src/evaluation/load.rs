//! Loading a [`Board`]: the plan, who owes what, the reports and their latest values, the
//! section weights, and the units' names.

use std::collections::HashMap;

use chitieu_core::board::{Board, BoardInput, BoardItem, UnitReport, UnitValue};
use chitieu_core::evaluate::{Aggregate, Judgement, Observation, Weights};
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::{Org, OrgId, Registry};
use chitieu_store::{ReportStatus, SqlStore, StoreError, StoredPlan, ValueInput, ValueQuery};

/// A plan judged for a period, with what pages need to name things.
#[derive(Debug, Clone)]
pub struct Evaluated {
    pub plan: StoredPlan,
    pub board: Board,
    pub orgs: HashMap<OrgId, Org>,
}

impl Evaluated {
    /// A unit's name, or its id when the registry no longer has it.
    pub fn org_name(&self, org: OrgId) -> String {
        self.orgs.get(&org).map_or_else(|| format!("Đơn vị #{org}"), |o| o.name.clone())
    }
}

/// What a stored value says, in the core's terms (`None` when it holds nothing).
pub fn observation(value: &ValueInput) -> Option<Observation> {
    Observation::from_parts(
        value.number,
        value.numerator,
        value.denominator,
        value.yes_no,
        value.level.as_deref(),
        value.task_status.as_deref(),
        value.doc_number.as_deref(),
    )
}

/// The first day of the plan's first year (the period's year when the plan names none).
fn plan_start(plan: &StoredPlan, period: Period) -> Date {
    let year = plan.plan.years.iter().copied().min().unwrap_or(period.year);
    Period::year(year).first_day()
}

/// Judges the plan with this id for `period` as of `as_of`.
pub async fn evaluate(store: &SqlStore, plan_id: i64, period: Period, as_of: Date) -> Result<Evaluated, StoreError> {
    let (plan, registry) = tokio::try_join!(store.plan(plan_id), store.registry())?;
    let board = judge_plan(store, &plan, &registry, (period, as_of), None).await?;
    let orgs = registry.orgs.into_iter().map(|o| (o.id, o)).collect();
    Ok(Evaluated { plan, board, orgs })
}

/// One item of a plan pooled and judged in each of `periods` (those with nothing pooled are
/// left out): the indicator page's history. Only that item's values are read and judged.
pub async fn item_history(
    store: &SqlStore,
    plan: &StoredPlan,
    item_key: &str,
    periods: &[Period],
    as_of: Date,
) -> Result<Vec<(Period, Aggregate, Judgement)>, StoreError> {
    let registry = store.registry().await?;
    let mut history = Vec::with_capacity(periods.len());
    for &period in periods {
        let board = judge_plan(store, plan, &registry, (period, as_of), Some(item_key)).await?;
        if let Some((aggregate, judgement)) = board.rows.into_iter().find(|r| r.key == item_key).and_then(|r| r.rollup)
        {
            history.push((period, aggregate, judgement));
        }
    }
    Ok(history)
}

/// Judges a loaded plan (or only its item keyed `only`): its obligations from `registry`, the
/// reports and values from the store.
async fn judge_plan(
    store: &SqlStore,
    plan: &StoredPlan,
    registry: &Registry,
    (period, as_of): (Period, Date),
    only: Option<&str>,
) -> Result<Board, StoreError> {
    let mut query = ValueQuery::plan_period(&plan.key, period);
    query.item_keys.extend(only.map(str::to_owned));
    let wanted = |key: &str| only.is_none_or(|only| only == key);
    let (facts, values, weights) =
        tokio::try_join!(store.report_facts(&query), store.reported_values(&query), store.index_weights(&plan.key))?;
    // Nothing is owed before the plan starts.
    let start = plan_start(plan, period);
    let mut obligations = if period.last_day() < start { Vec::new() } else { plan.obligations(registry, period) };
    obligations.retain(|o| wanted(&o.item_key));
    let sent = |status: ReportStatus| matches!(status, ReportStatus::Submitted | ReportStatus::Approved);
    let reports: Vec<UnitReport> = facts
        .iter()
        .map(|f| UnitReport {
            org: f.org,
            sent_on: f
                .submitted_at
                .as_deref()
                .filter(|_| sent(f.status))
                .and_then(|at| at.get(..10))
                .and_then(Date::parse),
        })
        .collect();
    let unit_values: Vec<UnitValue<'_>> = values
        .iter()
        .filter(|v| sent(v.status))
        .filter_map(|v| {
            Some(UnitValue {
                org: v.org,
                item_key: &v.value.item_key,
                subject: v.value.subject.as_deref(),
                observation: observation(&v.value)?,
                comment: v.value.comment.as_deref(),
            })
        })
        .collect();
    let items: Vec<BoardItem<'_>> = plan
        .plan
        .items
        .iter()
        .zip(&plan.items)
        .filter(|(_, stored)| wanted(&stored.key))
        .map(|(item, stored)| BoardItem {
            key: &stored.key,
            item,
            measure: stored.measure,
            direction: stored.direction,
        })
        .collect();
    // The store accepts only weights ≥ 0, so a refusal here means a damaged row: weigh equally.
    let weights = Weights::new(weights).unwrap_or_else(|_| Weights::equal());
    Ok(Board::judge(&BoardInput {
        items: &items,
        obligations: &obligations,
        values: &unit_values,
        reports: &reports,
        period,
        plan_start: start,
        as_of,
        weights: &weights,
    }))
}

/// Every unit of every current plan version ranked on its index for `period`: the national
/// ranking. A unit that reports under two plans is ranked once per plan.
pub async fn national_ranking(
    store: &SqlStore,
    period: Period,
    as_of: Date,
) -> Result<Vec<(i64, chitieu_core::evaluate::Ranked<OrgId>)>, StoreError> {
    let (plans, registry) = tokio::try_join!(store.current_plans(), store.registry())?;
    let mut scored: Vec<((OrgId, i64), f64)> = Vec::new();
    for summary in &plans {
        let plan = store.plan(summary.id).await?;
        let board = judge_plan(store, &plan, &registry, (period, as_of), None).await?;
        scored.extend(board.summaries.iter().filter_map(|s| Some(((s.org, plan.id), s.index?))));
    }
    Ok(chitieu_core::evaluate::rank(&scored)
        .into_iter()
        .map(|r| {
            let (org, plan) = r.key;
            (plan, chitieu_core::evaluate::Ranked { key: org, value: r.value, place: r.place })
        })
        .collect())
}
