//! One indicator across the country, for the IOC: every unit's value for the item with a
//! code in every current plan, judged against its own plan's target, and the values pooled
//! (JSON, or CSV with `?format=csv`; `?kind=commune` keeps one kind of unit).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chitieu_core::registry::OrgKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;
use chitieu_app::evaluation::across;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Which {
    /// "2026-Q2" (a quarter) or "2026" (the year).
    #[param(example = "2026-Q2", required = true)]
    period: Option<String>,
    /// Only units of this kind: province, department, commune, office, …
    #[param(example = "commune")]
    kind: Option<String>,
    /// `json` (the default) or `csv`.
    format: Option<String>,
}

/// One unit's value for the indicator.
#[derive(Serialize, ToSchema)]
pub(crate) struct UnitValue {
    plan_id: i64,
    org: i64,
    org_name: String,
    #[schema(example = "commune")]
    org_kind: String,
    value: Option<f64>,
    reported: String,
    #[schema(example = "met")]
    status: String,
    status_vi: String,
    progress: Option<f64>,
}

/// The indicator across plans for a period.
#[derive(Serialize, ToSchema)]
pub(crate) struct Indicator {
    code: String,
    period: String,
    /// The item's text in the first plan that has it.
    text: String,
    /// Plans that carry the indicator.
    plans: usize,
    /// The values pooled (a ratio as Σ numerators / Σ denominators, in percent).
    pooled: Option<f64>,
    values: Vec<UnitValue>,
}

/// Every unit's value for one indicator (by its code) across every current plan.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/{code}",
    params(("code" = String, Path, description = "The item's code, as the plans write it (\"I.1\")"), Which),
    responses(
        (status = 200, description = "The values, judged and pooled", body = Indicator),
        (status = 400, description = "A bad period, kind or format", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No current plan has an item with this code", body = ApiError),
    ),
    tag = "chitieu"
)]
pub(crate) async fn indicator(
    State(state): State<AppState>,
    user: SignedIn,
    Path(code): Path<String>,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let (period, csv) = super::evaluation::period_and_format(which.period.as_deref(), which.format.as_deref())?;
    let kind = match which.kind.as_deref() {
        None => None,
        Some(text) => Some(OrgKind::parse(text).ok_or_else(|| {
            WebError::Invalid(format!("Loại đơn vị \"{text}\" không có. Unknown kind of unit \"{text}\"."))
        })?),
    };
    let found = across(&state.store, &code, period, state.clock.today()).await?;
    let orgs: std::collections::HashMap<i64, chitieu_core::registry::Org> =
        state.store.orgs().await?.into_iter().map(|o| (o.id, o)).collect();
    let values: Vec<UnitValue> = found
        .values
        .iter()
        .filter(|v| kind.is_none_or(|k| orgs.get(&v.org).is_some_and(|o| o.kind == k)))
        .map(|v| {
            let org = orgs.get(&v.org);
            UnitValue {
                plan_id: v.plan_id,
                org: v.org,
                org_name: org.map_or_else(|| format!("Đơn vị #{}", v.org), |o| o.name.clone()),
                org_kind: org.map_or("", |o| o.kind.as_str()).to_owned(),
                value: v.observation.value(),
                reported: v.observation.label_vi(),
                status: v.judgement.status.as_str().to_owned(),
                status_vi: v.judgement.status.label_vi().to_owned(),
                progress: v.judgement.progress,
            }
        })
        .collect();
    if csv {
        return super::evaluation::respond(values, true, &format!("chi-tieu-{code}-{period}"));
    }
    let indicator = Indicator {
        code,
        period: period.to_string(),
        text: found.items[0].item.text.clone(),
        plans: found.items.len(),
        pooled: found.rollup.as_ref().and_then(|a| a.observation().value()),
        values,
    };
    Ok(Json(indicator).into_response())
}
