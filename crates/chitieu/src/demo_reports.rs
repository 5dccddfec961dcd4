//! The demo's reports, so every page has something to show: the commune office's reports on
//! its own plan in every state (approved after a late submission, returned with a comment,
//! a draft, one not started), and reports on items the Sở KH&CN monitors, one awaiting the
//! demo monitor's review and one it approved.

use chitieu_core::Role;
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use chitieu_store::{ReportKey, Review, SqlStore, StoredPlan, ValueInput};

/// A plausible value of an item, by its measure (`step` varies it).
fn sample(item_key: &str, measure: Measure, step: u32) -> ValueInput {
    let step = f64::from(step);
    let mut value = ValueInput { item_key: item_key.to_owned(), ..ValueInput::default() };
    match measure {
        Measure::Ratio => {
            value.numerator = Some(40.0 + step * 3.0);
            value.denominator = Some(50.0);
        }
        Measure::YesNo => value.yes_no = Some(true),
        Measure::Qualitative => value.level = Some("Khá".into()),
        Measure::Task => {
            value.task_status = Some("in_progress".into());
            value.doc_number = Some(format!("{}/KH-UBND", 10 + step as u32));
            value.doc_date = Some("2026-02-15".into());
        }
        Measure::Count | Measure::Index | Measure::Rank | Measure::None => value.number = Some(3.0 + step),
    }
    value
}

/// Saves a sample value for each item `org` owes in `period`; returns the report id and version.
async fn fill(
    store: &SqlStore,
    plan: &StoredPlan,
    org: OrgId,
    period: Period,
    actor: &str,
    at: &str,
) -> anyhow::Result<(i64, i64)> {
    let owed = store.obligations(plan.id, period).await?;
    let values: Vec<ValueInput> = plan
        .items
        .iter()
        .filter(|i| owed.iter().any(|o| o.org == org && o.item_key == i.key))
        .zip(0..)
        .map(|(item, step)| sample(&item.key, item.measure, step))
        .collect();
    anyhow::ensure!(!values.is_empty(), "unit {org} owes nothing in {period} under plan {}", plan.id);
    let key = ReportKey { plan_key: plan.key.clone(), period, org };
    let saved = store.save_values(&key, &values, 0, actor, at).await?;
    Ok((saved.report_id, saved.version))
}

fn quarter(q: u8) -> Period {
    Period::quarter(2026, q).unwrap_or(Period::year(2026))
}

/// `commune_plan` is the commune's own plan, `office` its "Văn phòng HĐND - UBND";
/// `province_plan` a plan with items the monitor org `monitor` monitors.
pub async fn create(
    store: &SqlStore,
    commune_plan: i64,
    office: OrgId,
    province_plan: i64,
    monitor: OrgId,
) -> anyhow::Result<usize> {
    let plan = store.plan(commune_plan).await?;
    // Q1: submitted three days late, then approved.
    let (id, version) = fill(store, &plan, office, quarter(1), "baocao", "2026-03-20T02:00:00Z").await?;
    store.submit_report(id, version, "duyet", "2026-03-28T03:00:00Z").await?;
    store.review_report(id, version + 1, &Review::Approve, "admin", "2026-04-02T04:00:00Z").await?;
    // Q2: returned with a comment.
    let (id, version) = fill(store, &plan, office, quarter(2), "baocao", "2026-06-18T02:00:00Z").await?;
    store.submit_report(id, version, "duyet", "2026-06-20T03:00:00Z").await?;
    let fix = Review::Return { comment: "Bổ sung văn bản minh chứng cho các chỉ tiêu tỷ lệ.".into() };
    store.review_report(id, version + 1, &fix, "admin", "2026-06-24T04:00:00Z").await?;
    // Q3: a draft, never sent (now late).
    fill(store, &plan, office, quarter(3), "baocao", "2026-09-10T02:00:00Z").await?;

    // The province plan: reports on items the monitor org watches.
    let plan = store.plan(province_plan).await?;
    let leads: Vec<OrgId> = {
        let owed = store.obligations(plan.id, quarter(2)).await?;
        let watched: Vec<&str> = plan
            .items
            .iter()
            .filter(|i| i.assignments.iter().any(|a| a.role == Role::Monitor && a.org_id == Some(monitor)))
            .map(|i| i.key.as_str())
            .collect();
        let mut leads: Vec<OrgId> =
            owed.iter().filter(|o| watched.contains(&o.item_key.as_str())).map(|o| o.org).collect();
        leads.dedup();
        leads
    };
    let mut made = 3;
    for (org, (period, approve)) in leads.iter().zip([(quarter(2), false), (quarter(1), true)]) {
        let (id, version) = fill(store, &plan, *org, period, "demo", "2026-03-15T02:00:00Z").await?;
        store.submit_report(id, version, "demo", "2026-03-16T02:00:00Z").await?;
        if approve {
            store.review_report(id, version + 1, &Review::Approve, "giamsat", "2026-03-20T02:00:00Z").await?;
        }
        made += 1;
    }
    Ok(made)
}
