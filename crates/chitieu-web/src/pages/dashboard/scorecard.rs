//! One unit's scorecard (`/don-vi/{org}?ke-hoach={plan}&ky=…`): what it owes in the period
//! (items, due dates, statuses, values), its status counts and reporting, and its composite
//! index and rank quarter by quarter (a line chart and its table) with the movement since the
//! quarter before. Without `ke-hoach`, the plans under which the unit owes something.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chitieu_core::evaluate::{Observation, Ranked, Status, movement};
use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use chitieu_store::ValueQuery;
use serde::Deserialize;

use super::heatmap::kind_vi;
use super::{Chart, Chip, Dataset, Head, Kind, index_vi, item_label, item_link, judged, period_asked, share_vi};
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;
use chitieu_app::access::may_read_scorecard;

/// How many quarters the history goes back at most.
const QUARTERS: usize = 12;

#[derive(Debug, Deserialize)]
pub(crate) struct Which {
    ky: Option<String>,
    #[serde(rename = "ke-hoach")]
    plan: Option<String>,
}

struct Duty {
    code: String,
    text: String,
    link: String,
    due: String,
    value: String,
    status: Chip,
}

struct Quarter {
    label: String,
    index: String,
    place: String,
    movement: String,
}

struct Card {
    head: Head,
    duties: Vec<Duty>,
    counts: Vec<(Chip, u32)>,
    index: String,
    place: String,
    movement: String,
    expected: u32,
    received: u32,
    on_time: u32,
    completeness: String,
    timeliness: String,
    history: Vec<Quarter>,
    chart: Option<String>,
}

struct PlanChoice {
    link: String,
    title: String,
}

#[derive(Template)]
#[template(path = "dashboard_scorecard.html")]
struct ScorecardPage {
    chrome: Chrome,
    scripts: super::Scripts,
    name: String,
    kind: &'static str,
    period: String,
    card: Option<Card>,
    plans: Vec<PlanChoice>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<OrgId>,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    may_read_scorecard(session, org)?;
    let (period, today) = period_asked(&state, which.ky.as_deref())?;
    let unit = state
        .store
        .orgs()
        .await?
        .into_iter()
        .find(|o| o.id == org)
        .ok_or_else(|| WebError::NotFound(format!("Không có đơn vị số {org}.")))?;
    let plan_id = match which.plan.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| WebError::Invalid(format!("Kế hoạch \"{text}\" không hợp lệ: cần số hiệu kế hoạch.")))?,
        ),
        None => None,
    };
    let mut page = ScorecardPage {
        chrome: Chrome::of(session),
        scripts: super::Scripts::new(),
        name: unit.name.clone(),
        kind: kind_vi(unit.kind),
        period: period.label_vi(),
        card: None,
        plans: Vec::new(),
    };
    match plan_id {
        Some(plan_id) => page.card = Some(card(&state, org, plan_id, period, today).await?),
        None => {
            for plan in state.store.current_plans().await? {
                if state.store.obligations(plan.id, period).await?.iter().any(|o| o.org == org) {
                    page.plans.push(PlanChoice {
                        link: format!("/don-vi/{org}?ke-hoach={}&ky={period}", plan.id),
                        title: plan.title,
                    });
                }
            }
        }
    }
    Ok(html(&page))
}

fn place_vi(ranking: &[Ranked<OrgId>], org: OrgId) -> String {
    ranking.iter().find(|r| r.key == org).map_or_else(|| "—".to_owned(), |r| format!("{}/{}", r.place, ranking.len()))
}

/// Places gained or lost: "▲ 2", "▼ 1", "không đổi"; "—" without a place before.
fn movement_vi(previous: Option<&[Ranked<OrgId>]>, current: &[Ranked<OrgId>], org: OrgId) -> String {
    let change = previous.and_then(|p| movement(p, current).into_iter().find(|m| m.key == org)).and_then(|m| m.change);
    match change {
        Some(0) => "không đổi".to_owned(),
        Some(up) if up > 0 => format!("▲ {up} bậc"),
        Some(down) => format!("▼ {} bậc", -down),
        None => "—".to_owned(),
    }
}

async fn card(
    state: &AppState,
    org: OrgId,
    plan_id: i64,
    period: Period,
    today: chitieu_core::plan::Date,
) -> Result<Card, WebError> {
    let evaluated = judged(state, plan_id, period, today).await?;
    let (board, plan) = (&evaluated.board, &evaluated.plan);
    let owed = state.store.obligations(plan_id, period).await?;
    let column = board.column(org);
    let duties = column
        .map(|col| {
            board
                .rows
                .iter()
                .filter_map(|row| {
                    let cell = row.cells.get(col)?.as_ref()?;
                    let (code, text) = item_label(&plan.plan, row.item);
                    let due = owed.iter().find(|o| o.org == org && o.item_key == row.key).map(|o| o.due.to_string());
                    let values: Vec<String> =
                        cell.parts.iter().filter_map(|p| p.observation.as_ref()).map(Observation::label_vi).collect();
                    Some(Duty {
                        code,
                        text,
                        link: item_link(plan_id, &row.key, period),
                        due: due.unwrap_or_default(),
                        value: if values.is_empty() { "—".to_owned() } else { values.join("; ") },
                        status: Chip::of(cell.status),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let summary = column.and_then(|col| board.summaries.get(col));
    let counts = summary
        .map(|s| {
            Status::ALL
                .into_iter()
                .filter(|st| s.counts.get(*st) > 0)
                .map(|st| (Chip::of(st), s.counts.get(st)))
                .collect()
        })
        .unwrap_or_default();
    let reporting = summary.map(|s| s.reporting).unwrap_or_default();

    let first_year = plan.plan.years.iter().copied().min().unwrap_or(period.year);
    let quarters = history_quarters(state, &plan.key, period, first_year).await?;
    let mut history = Vec::new();
    let mut points = Vec::new();
    let mut previous: Option<Vec<Ranked<OrgId>>> = None;
    let mut this_movement = "—".to_owned();
    for quarter in quarters {
        let board = if quarter == period {
            evaluated.board.clone()
        } else {
            judged(state, plan_id, quarter, today).await?.board
        };
        let index = board.column(org).and_then(|c| board.summaries.get(c)).and_then(|s| s.index);
        let moved = movement_vi(previous.as_deref(), &board.ranking, org);
        if quarter == period {
            this_movement.clone_from(&moved);
        }
        history.push(Quarter {
            label: quarter.label_vi(),
            index: index_vi(index),
            place: place_vi(&board.ranking, org),
            movement: moved,
        });
        points.push((quarter, index));
        previous = Some(board.ranking);
    }
    let chart = points.iter().any(|(_, i)| i.is_some()).then(|| {
        let mut chart = Chart::new(Kind::Line, points.iter().map(|(q, _)| q.label_vi()).collect(), "Chỉ số (0–1)");
        chart.y_min = Some(0.0);
        chart.y_max = Some(1.0);
        chart.datasets = vec![Dataset {
            label: "Chỉ số tổng hợp".into(),
            data: points.iter().map(|(_, i)| *i).collect(),
            colour: "#0b4f8a",
            dashed: false,
        }];
        chart.json()
    });
    Ok(Card {
        head: Head::new(plan, period, today, format!("/don-vi/{org}"), "unit", vec![("ke-hoach", plan_id.to_string())]),
        duties,
        counts,
        index: index_vi(summary.and_then(|s| s.index)),
        place: place_vi(&board.ranking, org),
        movement: if this_movement == "—" {
            "quý trước chưa xếp hạng".to_owned()
        } else {
            format!("{this_movement} so với quý trước")
        },
        expected: reporting.expected,
        received: reporting.received,
        on_time: reporting.on_time,
        completeness: share_vi(reporting.completeness()),
        timeliness: share_vi(reporting.timeliness()),
        history,
        chart,
    })
}

/// The quarters from the first with a report under the plan (or the quarter before the one
/// shown, within the plan's years) to the one shown (or the last with a report), at most [`QUARTERS`] of them.
async fn history_quarters(
    state: &AppState,
    plan_key: &str,
    period: Period,
    first_year: i32,
) -> Result<Vec<Period>, WebError> {
    let facts =
        state.store.report_facts(&ValueQuery { plan_keys: vec![plan_key.to_owned()], ..ValueQuery::default() }).await?;
    let reported = facts.iter().map(|f| f.period).filter(|p| p.quarter.is_some());
    let shown = period.quarters();
    let first_shown = shown.first().copied().unwrap_or(period);
    let before = first_shown.step(-1).filter(|q| q.year >= first_year);
    let first = reported.clone().chain(before).min().unwrap_or(first_shown);
    let last = reported.chain(shown.last().copied()).max().unwrap_or(first_shown);
    let mut quarters = Vec::new();
    let mut at = Some(first);
    while let Some(quarter) = at.filter(|q| *q <= last) {
        quarters.push(quarter);
        at = quarter.step(1);
    }
    let skip = quarters.len().saturating_sub(QUARTERS);
    Ok(quarters.split_off(skip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movement_reads_as_places_gained_or_lost() {
        let ranked = |key: OrgId, place: u32| Ranked { key, value: 0.5, place };
        let before = [ranked(1, 1), ranked(2, 2), ranked(3, 3)];
        let now = [ranked(3, 1), ranked(1, 2), ranked(2, 3), ranked(4, 4)];
        assert_eq!(movement_vi(Some(&before), &now, 3), "▲ 2 bậc");
        assert_eq!(movement_vi(Some(&before), &now, 1), "▼ 1 bậc");
        assert_eq!(movement_vi(Some(&before), &now, 4), "—");
        assert_eq!(movement_vi(None, &now, 1), "—");
        assert_eq!(movement_vi(Some(&now), &now, 2), "không đổi");
    }
}
