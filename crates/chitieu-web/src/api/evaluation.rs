//! Evaluations for the provincial IOC, as JSON or CSV (`?format=csv`): every unit's verdict on
//! every item it owes in a period, each item's roll-up across units, and the units ranked on
//! the composite index with their movement since the previous quarter.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chitieu_core::evaluate::{Pooled, Status, movement};
use chitieu_core::period::Period;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::ApiError;
use chitieu_app::access::may_read_unit_values;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;
use chitieu_app::evaluation::{Evaluated, evaluate};

/// Which period, in which form.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Which {
    /// "2026-Q2" (a quarter) or "2026" (the year).
    #[param(example = "2026-Q2", required = true)]
    period: Option<String>,
    /// `json` (the default) or `csv`.
    #[param(example = "csv")]
    format: Option<String>,
}

/// One unit's verdict on one item.
#[derive(Serialize, ToSchema)]
pub(crate) struct Verdict {
    item_key: String,
    code: Option<String>,
    section: Option<String>,
    org: i64,
    org_name: String,
    /// `met`, `on_track`, `at_risk`, `not_met`, `not_reported`, `overdue`, `done`, `in_progress`, `late` or `not_judged`.
    #[schema(example = "on_track")]
    status: String,
    #[schema(example = "Đúng tiến độ")]
    status_vi: String,
    /// The number reported (a ratio as its percentage), when there is one.
    value: Option<f64>,
    /// What was reported, in words ("91/100 (91%)").
    reported: String,
    /// How far toward the target, 0..1, where it means something.
    progress: Option<f64>,
}

/// One item's values pooled across units.
#[derive(Serialize, ToSchema)]
pub(crate) struct Rollup {
    item_key: String,
    code: Option<String>,
    section: Option<String>,
    text: String,
    /// Units that owe the item this period.
    units: u32,
    /// Values pooled.
    pooled: u32,
    /// The pooled value (a ratio as Σ numerators / Σ denominators, in percent).
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    #[schema(example = "at_risk")]
    status: Option<String>,
    met: u32,
    on_track: u32,
    at_risk: u32,
    not_met: u32,
    not_reported: u32,
    overdue: u32,
}

/// A unit's place on the composite index.
#[derive(Serialize, ToSchema)]
pub(crate) struct RankedUnit {
    org: i64,
    org_name: String,
    /// 0..1.
    index: f64,
    place: u32,
    /// The previous quarter's place, when the unit was ranked then.
    previous_place: Option<u32>,
    /// Places gained (+) or lost (−) since then.
    change: Option<i64>,
    expected: u32,
    received: u32,
    on_time: u32,
}

/// The period asked for and whether CSV was.
pub(super) fn period_and_format(period: Option<&str>, format: Option<&str>) -> Result<(Period, bool), WebError> {
    let period = super::period(period)?;
    let csv = match format {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(WebError::Invalid(format!(
                "Định dạng \"{other}\" không hỗ trợ: dùng json hoặc csv. Unknown format \"{other}\": use json or csv."
            )));
        }
    };
    Ok((period, csv))
}

async fn evaluated(state: &AppState, id: i64, period: Period) -> Result<Evaluated, WebError> {
    Ok(evaluate(&state.store, id, period, state.clock.today()).await?)
}

/// The rows as CSV (UTF-8, a header line, RFC 4180 quoting, formula-like text neutralised), or
/// as a JSON list.
pub(super) fn respond<T: Serialize>(rows: Vec<T>, csv: bool, name: &str) -> Result<Response, WebError> {
    if !csv {
        return Ok(Json(rows).into_response());
    }
    let bytes = super::csv_safe::write(&rows)?;
    let disposition = format!("attachment; filename=\"{name}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response())
}

/// Every unit's verdict on every item it owes in the period.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/evaluation",
    params(("id" = i64, Path, description = "The plan version's id"), Which),
    responses(
        (status = 200, description = "One line per item and unit", body = Vec<Verdict>),
        (status = 400, description = "A bad period or format", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such plan", body = ApiError),
    ),
    tag = "chitieu"
)]
pub(crate) async fn verdicts(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let (period, csv) = period_and_format(which.period.as_deref(), which.format.as_deref())?;
    let evaluated = evaluated(&state, id, period).await?;
    let board = &evaluated.board;
    let mut lines = Vec::new();
    for row in &board.rows {
        let item = &evaluated.plan.plan.items[row.item];
        for (org, cell) in board.units.iter().zip(&row.cells) {
            let Some(cell) = cell.as_ref().filter(|_| may_read_unit_values(session, *org)) else { continue };
            let observations: Vec<_> = cell.parts.iter().filter_map(|p| p.observation.as_ref()).collect();
            let worst = cell.parts.iter().find(|p| p.judgement.status == cell.status);
            lines.push(Verdict {
                item_key: row.key.clone(),
                code: item.code.clone(),
                section: item.section.clone(),
                org: *org,
                org_name: evaluated.org_name(*org),
                status: cell.status.as_str().to_owned(),
                status_vi: cell.status.label_vi().to_owned(),
                value: match observations.as_slice() {
                    [only] => only.value(),
                    _ => None,
                },
                reported: observations.iter().map(|o| o.label_vi()).collect::<Vec<_>>().join("; "),
                progress: worst.and_then(|p| p.judgement.progress),
            });
        }
    }
    respond(lines, csv, &format!("danh-gia-{id}-{period}"))
}

/// Each item's values pooled across the units that owe it.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/rollups",
    params(("id" = i64, Path, description = "The plan version's id"), Which),
    responses(
        (status = 200, description = "One line per item", body = Vec<Rollup>),
        (status = 400, description = "A bad period or format", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such plan", body = ApiError),
    ),
    tag = "chitieu"
)]
pub(crate) async fn rollups(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let (period, csv) = period_and_format(which.period.as_deref(), which.format.as_deref())?;
    let evaluated = evaluated(&state, id, period).await?;
    let lines = evaluated
        .board
        .rows
        .iter()
        .map(|row| {
            let item = &evaluated.plan.plan.items[row.item];
            let aggregate = row.rollup.as_ref().map(|(a, _)| a);
            let (numerator, denominator) = match aggregate.map(|a| &a.pooled) {
                Some(Pooled::Ratio { numerator, denominator }) => (Some(*numerator), Some(*denominator)),
                _ => (None, None),
            };
            Rollup {
                item_key: row.key.clone(),
                code: item.code.clone(),
                section: item.section.clone(),
                text: item.text.clone(),
                units: row.counts.total(),
                pooled: aggregate.map_or(0, |a| a.units),
                value: aggregate.and_then(|a| a.observation().value()),
                numerator,
                denominator,
                status: row.rollup.as_ref().map(|(_, j)| j.status.as_str().to_owned()),
                met: row.counts.get(Status::Met) + row.counts.get(Status::Done),
                on_track: row.counts.get(Status::OnTrack) + row.counts.get(Status::InProgress),
                at_risk: row.counts.get(Status::AtRisk),
                not_met: row.counts.get(Status::NotMet) + row.counts.get(Status::Late),
                not_reported: row.counts.get(Status::NotReported),
                overdue: row.counts.get(Status::Overdue),
            }
        })
        .collect();
    respond(lines, csv, &format!("tong-hop-{id}-{period}"))
}

/// The units ranked on the composite index (0..1), with their movement since the previous
/// quarter and their reporting.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/ranking",
    params(("id" = i64, Path, description = "The plan version's id"), Which),
    responses(
        (status = 200, description = "Best first", body = Vec<RankedUnit>),
        (status = 400, description = "A bad period or format", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such plan", body = ApiError),
    ),
    tag = "chitieu"
)]
pub(crate) async fn ranking(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let (period, csv) = period_and_format(which.period.as_deref(), which.format.as_deref())?;
    let current = evaluated(&state, id, period).await?;
    let previous = match period.step(-1) {
        Some(before) => evaluated(&state, id, before).await?.board.ranking,
        None => Vec::new(),
    };
    let moves = movement(&previous, &current.board.ranking);
    let lines = current
        .board
        .ranking
        .iter()
        .zip(moves)
        .map(|(ranked, moved)| {
            let reporting =
                current.board.summaries.iter().find(|s| s.org == ranked.key).map(|s| s.reporting).unwrap_or_default();
            RankedUnit {
                org: ranked.key,
                org_name: current.org_name(ranked.key),
                index: ranked.value,
                place: ranked.place,
                previous_place: moved.previous,
                change: moved.change,
                expected: reporting.expected,
                received: reporting.received,
                on_time: reporting.on_time,
            }
        })
        .collect();
    respond(lines, csv, &format!("xep-hang-{id}-{period}"))
}

/// A unit's place in the national ranking.
#[derive(Serialize, ToSchema)]
pub(crate) struct NationalPlace {
    plan_id: i64,
    org: i64,
    org_name: String,
    /// 0..1.
    index: f64,
    place: u32,
}

/// Which period, in which form, for the national ranking.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Nationally {
    /// "2026-Q2" (a quarter) or "2026" (the year).
    #[param(example = "2026-Q2", required = true)]
    period: Option<String>,
    /// `json` (the default) or `csv`.
    format: Option<String>,
    /// Only the first N places.
    top: Option<usize>,
}

/// Every unit of every current plan ranked on the composite index (0..1) for the period.
#[utoipa::path(
    get,
    path = "/api/v1/ranking",
    params(Nationally),
    responses(
        (status = 200, description = "Best first", body = Vec<NationalPlace>),
        (status = 400, description = "A bad period or format", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "chitieu"
)]
pub(crate) async fn national(
    State(state): State<AppState>,
    user: SignedIn,
    Query(which): Query<Nationally>,
) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let (period, csv) = period_and_format(which.period.as_deref(), which.format.as_deref())?;
    let today = state.clock.today();
    let ranked = chitieu_app::evaluation::national_ranking(&state.store, period, today).await?;
    let names: std::collections::HashMap<i64, String> =
        state.store.orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
    let lines = ranked
        .into_iter()
        .take(which.top.unwrap_or(usize::MAX))
        .map(|(plan_id, r)| NationalPlace {
            plan_id,
            org: r.key,
            org_name: names.get(&r.key).cloned().unwrap_or_else(|| format!("Đơn vị #{}", r.key)),
            index: r.value,
            place: r.place,
        })
        .collect();
    respond(lines, csv, &format!("xep-hang-toan-quoc-{period}"))
}
