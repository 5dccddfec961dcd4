//! Reporting periods (`/ky-bao-cao`): which periods exist and which are locked; an admin locks
//! a plan's period (its values can no longer change) or unlocks it.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_core::period::Period;
use chitieu_store::UserRole;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::error::WebError;
use crate::pages::view::date_vi;
use crate::pages::{Chrome, html};
use crate::state::AppState;

struct PeriodLine {
    plan_id: i64,
    plan: String,
    period: String,
    due: String,
    locked: bool,
}

struct PlanChoice {
    id: i64,
    title: String,
}

#[derive(Template)]
#[template(path = "periods.html")]
struct PeriodsPage {
    chrome: Chrome,
    periods: Vec<PeriodLine>,
    plans: Vec<PlanChoice>,
    can_lock: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LockForm {
    #[serde(rename = "ke-hoach")]
    plan_id: i64,
    ky: String,
    #[serde(rename = "hanh-dong")]
    action: String,
}

pub(crate) async fn list(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(&[UserRole::Admin, UserRole::Leader])?;
    let plans = state.store.current_plans().await?;
    let periods = state
        .store
        .periods()
        .await?
        .into_iter()
        .map(|p| {
            let plan = plans.iter().find(|plan| plan.key == p.plan_key);
            PeriodLine {
                plan_id: plan.map_or(0, |plan| plan.id),
                plan: plan.map_or_else(|| p.plan_key.clone(), |plan| plan.title.clone()),
                period: p.period.to_string(),
                due: date_vi(&p.due_date),
                locked: p.locked,
            }
        })
        .collect();
    let plans = plans.into_iter().map(|p| PlanChoice { id: p.id, title: p.title }).collect();
    let can_lock = session.user.role == UserRole::Admin;
    Ok(html(&PeriodsPage { chrome: Chrome::of(session), periods, plans, can_lock }))
}

pub(crate) async fn lock(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<LockForm>,
) -> Result<Response, WebError> {
    let session = user.require(&[UserRole::Admin])?;
    let period =
        Period::parse(&form.ky).ok_or_else(|| WebError::Invalid(format!("Kỳ \"{}\" không hợp lệ.", form.ky)))?;
    let locked = match form.action.as_str() {
        "khoa" => true,
        "mo" => false,
        other => return Err(WebError::Invalid(format!("Không rõ thao tác \"{other}\"."))),
    };
    let plan = state.store.plan(form.plan_id).await?;
    let at = state.clock.stamp();
    state.store.set_period_lock(&plan.key, period, locked, &session.user.username, &at).await?;
    Ok(Redirect::to("/ky-bao-cao").into_response())
}
