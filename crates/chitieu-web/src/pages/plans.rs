//! The plans: `/ke-hoach` lists them, `/ke-hoach/{id}` shows one as its appendix table.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

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
    Ok(html(&PlanPage { chrome: Chrome::of(session), plan }))
}
