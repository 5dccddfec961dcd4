//! The plans: `/ke-hoach` lists them, `/ke-hoach/{id}` shows one as its appendix table.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_app::access::may_manage_plans_of;
use serde::Deserialize;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::import::IMPORT_PLANS;
use crate::pages::view::{PlanLine, PlanTable, org_names};
use crate::pages::{Chrome, html};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    chrome: Chrome,
    plans: Vec<PlanLine>,
    /// Whether the user may import plans (the link to `/nhap-ke-hoach`).
    can_import: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    chrome: Chrome,
    plan: PlanTable,
    /// How many approvals its reports need (1 or 2).
    approvals: u8,
    /// Whether the user may change that (an administrator or monitor of the issuer or above).
    can_manage: bool,
}

pub(crate) async fn list(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let names = org_names(&state.store.orgs().await?);
    let plans = state.store.plans().await?.iter().map(|plan| PlanLine::of(plan, &names)).collect();
    let can_import = user.require(IMPORT_PLANS).is_ok();
    Ok(html(&PlansPage { chrome: Chrome::of(session), plans, can_import }))
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let stored = state.store.plan(id).await?;
    let names = org_names(&state.store.orgs().await?);
    let mut plan = PlanTable::of(&stored, &names);
    crate::pages::cascade::annotate(&state, &stored, &mut plan).await?;
    let approvals = state.store.approvals(&stored.key).await?;
    let can_manage = may_manage_plans_of(session, &state.store.registry().await?, stored.issuer_id).is_ok();
    Ok(html(&PlanPage { chrome: Chrome::of(session), plan, approvals, can_manage }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct Approvals {
    #[serde(rename = "so-cap")]
    levels: u8,
}

/// `POST /ke-hoach/{id}/so-cap-duyet`: one approval (the monitor's) or two (then a monitor
/// above the first approver's unit) for the plan's reports.
pub(crate) async fn set_approvals(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<Approvals>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let stored = state.store.plan(id).await?;
    may_manage_plans_of(session, &state.store.registry().await?, stored.issuer_id)?;
    state.store.set_approvals(&stored.key, form.levels, &session.user.username, &state.clock.stamp()).await?;
    Ok(Redirect::to(&format!("/ke-hoach/{id}")).into_response())
}
