//! The demo's history, so the dashboards have something to judge: for the plans given, every
//! unit that owes a report in the quarters given sends one (most on time, some late, a few
//! never; most approved), with values drawn near the targets — some units strong, some weak,
//! all improving quarter by quarter. Deterministic: the same demo every time. Reports the demo
//! made before (the reporting loop's examples) are left as they are.

use chitieu_core::evaluate::target_for;
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::OrgId;
use chitieu_core::{Comparator, Target};
use chitieu_store::{ReportKey, Review, SqlStore, StoredItem, StoredPlan, ValueInput};

/// A number in 0..1 from the words given (FNV-1a, then mixed), the demo's only randomness.
fn draw(parts: &[&str]) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // FNV leaves the high bits poorly mixed: finish with SplitMix64's mixer.
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// How a unit does in a quarter: its own strength, better each quarter.
fn performance(org: OrgId, period: Period) -> f64 {
    let strength = draw(&["strength", &org.to_string()]);
    let quarter = f64::from(period.quarter.unwrap_or(4));
    (0.55 + 0.45 * strength + 0.04 * quarter + 0.1 * (draw(&["noise", &org.to_string(), &period.to_string()]) - 0.5))
        .clamp(0.2, 1.15)
}

/// A value near the item's target for the quarter, scaled by `perf` (1 = exactly on target).
fn value(item: &StoredItem, target: Option<&Target>, perf: f64, salt: &str) -> ValueInput {
    let mut value = ValueInput { item_key: item.key.clone(), ..ValueInput::default() };
    let level = target.and_then(|t| t.value);
    match item.measure {
        Measure::Ratio => {
            let goal = level.unwrap_or(80.0).clamp(1.0, 100.0);
            let denominator = (50.0 + 450.0 * draw(&["den", salt])).round();
            let share = (goal * perf).min(100.0) / 100.0;
            value.numerator = Some((denominator * share).round());
            value.denominator = Some(denominator);
        }
        Measure::Rank => {
            let goal = level.unwrap_or(20.0);
            value.number = Some((goal * (2.0 - perf)).round().max(1.0));
        }
        Measure::Count | Measure::Index => {
            let goal = level.unwrap_or(10.0);
            let raw = goal * perf;
            value.number = Some(if goal >= 10.0 { raw.round() } else { (raw * 100.0).round() / 100.0 });
            if item.direction == Direction::Lower {
                value.number = Some((goal * (2.0 - perf) * 100.0).round() / 100.0);
            }
        }
        Measure::YesNo => value.yes_no = Some(perf > 0.8),
        Measure::Qualitative => {
            let level = match perf {
                p if p > 1.0 => "Tốt",
                p if p > 0.8 => "Khá",
                p if p > 0.6 => "Trung bình",
                _ => "Yếu",
            };
            value.level = Some(level.into());
        }
        Measure::Task => {
            let state = match perf {
                p if p > 0.95 => "done",
                p if p > 0.5 => "in_progress",
                _ => "not_started",
            };
            value.task_status = Some(state.into());
            if state == "done" {
                value.doc_number = Some(format!("{}/KH-UBND", 10 + (draw(&["doc", salt]) * 180.0) as u32));
            }
        }
        Measure::None => {}
    }
    if perf < 0.7 && draw(&["comment", salt]) < 0.5 {
        value.comment = Some("Đơn vị đang khắc phục khó khăn về kinh phí, nhân lực.".into());
    }
    value
}

/// An RFC 3339 time on `day`, `offset` days later.
fn at(day: Date, offset: i64) -> String {
    let number = day.day_number() + offset;
    let date = Date::from_day_number(number);
    format!("{}T02:00:00Z", date.iso())
}

/// Fills the quarters of each plan; returns how many reports were written.
pub async fn create(store: &SqlStore, plans: &[i64], quarters: &[Period]) -> anyhow::Result<usize> {
    let mut made = 0;
    for plan_id in plans {
        let plan: StoredPlan = store.plan(*plan_id).await?;
        for period in quarters {
            let owed = store.obligations(plan.id, *period).await?;
            let mut orgs: Vec<OrgId> = owed.iter().map(|o| o.org).collect();
            orgs.sort_unstable();
            orgs.dedup();
            for org in orgs {
                let key = ReportKey { plan_key: plan.key.clone(), period: *period, org };
                if store.report_id(&key).await?.is_some() {
                    continue;
                }
                let salt = format!("{}/{period}/{org}", plan.key);
                let fate = draw(&["fate", &salt]);
                if fate < 0.08 {
                    continue; // never reported
                }
                let perf = performance(org, *period);
                let values: Vec<ValueInput> = plan
                    .items
                    .iter()
                    .zip(&plan.plan.items)
                    .filter(|(stored, _)| owed.iter().any(|o| o.org == org && o.item_key == stored.key))
                    .filter(|(stored, _)| draw(&["skip", &salt, &stored.key]) > 0.05)
                    .map(|(stored, item)| {
                        let target = target_for(&item.targets, None, *period);
                        let target = target.filter(|t| !matches!(t.op, Comparator::Bool | Comparator::Qualitative));
                        let item_perf = perf + 0.2 * (draw(&["item", &salt, &stored.key]) - 0.5);
                        value(stored, target, item_perf, &format!("{salt}/{}", stored.key))
                    })
                    .collect();
                if values.is_empty() {
                    continue;
                }
                let due = period.due(plan.plan.regime.as_ref());
                let saved = store.save_values(&key, &values, 0, "demo", &at(due, -12)).await?;
                made += 1;
                if fate < 0.15 {
                    continue; // a draft, not sent
                }
                let sent = if fate < 0.3 { at(due, 4) } else { at(due, -3) };
                store.submit_report(saved.report_id, saved.version, "demo", &sent).await?;
                if fate > 0.4 {
                    let review = at(due, 8);
                    store
                        .review_report(saved.report_id, saved.version + 1, &Review::Approve, "giamsat", &review)
                        .await?;
                }
            }
        }
    }
    Ok(made)
}
