//! Who owes what for a period under a plan, in JSON: one line per unit and item, with the
//! group the duty comes through and the due date.

use axum::Json;
use axum::extract::{Path, Query, State};
use chitieu_core::obligation::Obligation;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;

/// Which obligations: a period, and optionally one unit's.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Which {
    /// "2026-Q2" (a quarter) or "2026" (the year).
    #[param(example = "2026-Q2", required = true)]
    period: Option<String>,
    /// Only this unit's obligations.
    org: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ObligationList {
    plan_id: i64,
    #[schema(example = "2026-Q2")]
    period: String,
    obligations: Vec<ObligationOut>,
}

/// One unit's duty to report on one item for the period.
#[derive(Serialize, ToSchema)]
pub(crate) struct ObligationOut {
    item_key: String,
    org: i64,
    /// The group the duty comes through, when the lead cell named a group.
    via_group: Option<i64>,
    /// ISO due date.
    #[schema(example = "2026-06-25")]
    due: String,
    /// The period holds the item's deadline: the result, not progress, is owed.
    final_report: bool,
}

impl From<Obligation> for ObligationOut {
    fn from(o: Obligation) -> Self {
        ObligationOut {
            item_key: o.item_key,
            org: o.org,
            via_group: o.via_group,
            due: o.due.iso(),
            final_report: o.final_report,
        }
    }
}

/// What each unit owes for a period, ordered by item then unit.
#[utoipa::path(get, path = "/api/v1/plans/{id}/obligations", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id"), Which),
    responses(
        (status = 200, body = ObligationList),
        (status = 400, body = ApiError, description = "A missing or unreadable period"),
        (status = 401, body = ApiError),
        (status = 404, body = ApiError),
    ))]
pub(crate) async fn obligations(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
) -> Result<Json<ObligationList>, WebError> {
    user.require(READ_PLANS)?;
    let period = super::period(which.period.as_deref())?;
    let plan = state.store.plan(id).await?;
    let obligations = state
        .store
        .obligations(plan.id, period)
        .await?
        .into_iter()
        .filter(|o| which.org.is_none_or(|org| org == o.org))
        .map(ObligationOut::from)
        .collect();
    Ok(Json(ObligationList { plan_id: plan.id, period: period.to_string(), obligations }))
}
