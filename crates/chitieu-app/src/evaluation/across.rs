//! One indicator across the country: the item with a code in every current plan (each
//! province's), every value sent for it in a period, each judged against its own plan's target,
//! and the values pooled.

use std::collections::HashMap;

use chitieu_core::board::deadline_of;
use chitieu_core::evaluate::{Aggregate, Judgement, Judging, Observation, judge, rollup, target_for};
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::OrgId;
use chitieu_store::{CodedItem, ReportStatus, SqlStore, StoreError, ValueQuery};

use super::observation;

/// One unit's value for the indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitJudgement {
    pub plan_id: i64,
    pub org: OrgId,
    pub observation: Observation,
    pub judgement: Judgement,
}

/// The indicator across plans for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Across {
    pub items: Vec<CodedItem>,
    pub values: Vec<UnitJudgement>,
    /// The values pooled under the first plan's measure (the plans share the indicator).
    pub rollup: Option<Aggregate>,
}

/// Every value sent (submitted or approved) for the items coded `code` in `period`.
pub async fn across(store: &SqlStore, code: &str, period: Period, as_of: Date) -> Result<Across, StoreError> {
    let items = store.items_with_code(code).await?;
    if items.is_empty() {
        return Err(StoreError::NotFound { what: "chỉ tiêu", key: code.to_owned() });
    }
    if let Some(pair) = items.windows(2).find(|w| w[0].plan_key == w[1].plan_key) {
        return Err(StoreError::Invalid(format!(
            "mã \"{code}\" chỉ nhiều mục trong kế hoạch {}: viết cả số mục, ví dụ \"{}.{code}\"",
            pair[0].plan_key,
            pair[1].item.section.as_deref().unwrap_or("I")
        )));
    }
    let query = ValueQuery {
        plan_keys: items.iter().map(|i| i.plan_key.clone()).collect(),
        period: Some(period),
        item_keys: items.iter().map(|i| i.key.clone()).collect(),
        ..ValueQuery::default()
    };
    let by_key: HashMap<(&str, &str), &CodedItem> =
        items.iter().map(|i| ((i.plan_key.as_str(), i.key.as_str()), i)).collect();
    let reported = store.reported_values(&query).await?;
    let mut values = Vec::with_capacity(reported.len());
    for value in reported.iter().filter(|v| matches!(v.status, ReportStatus::Submitted | ReportStatus::Approved)) {
        let Some(item) = by_key.get(&(value.plan_key.as_str(), value.value.item_key.as_str())) else { continue };
        let Some(observed) = observation(&value.value) else { continue };
        let target = target_for(&item.item.targets, value.value.subject.as_deref(), period);
        let start = Period::year(item.plan_years.iter().copied().min().unwrap_or(period.year)).first_day();
        let judgement = judge(&Judging {
            target,
            measure: item.measure,
            direction: item.direction,
            deadline: deadline_of(&item.item, target),
            plan_start: start,
            period,
            due: period.due(None),
            as_of,
            observation: Some(&observed),
        });
        values.push(UnitJudgement { plan_id: item.plan_id, org: value.org, observation: observed, judgement });
    }
    let pooled: Vec<Observation> = values.iter().map(|v| v.observation.clone()).collect();
    let rollup = rollup(items[0].measure, &pooled);
    Ok(Across { items, values, rollup })
}
