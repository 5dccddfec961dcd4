//! The review queue (`/duyet`): submitted reports on items the monitor's org monitors (all of
//! them for admins and leaders, who read everything); approve, or return with a comment.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_app::reports;
use chitieu_store::UserRole;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::error::WebError;
use crate::pages::view::date_vi;
use crate::pages::{Chrome, html};
use crate::state::AppState;

const READ_QUEUE: &[UserRole] = &[UserRole::Admin, UserRole::Leader, UserRole::Monitor];

struct Waiting {
    id: i64,
    version: i64,
    plan: String,
    org: String,
    period: String,
    form: String,
    submitted: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    chrome: Chrome,
    reports: Vec<Waiting>,
    can_review: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Decision {
    version: i64,
    #[serde(rename = "quyet-dinh")]
    choice: String,
    #[serde(rename = "nhan-xet", default)]
    comment: String,
}

pub(crate) async fn queue(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_QUEUE)?;

    let plans: HashMap<String, (i64, String)> =
        state.store.plans().await?.into_iter().map(|p| (p.key, (p.id, p.title))).collect();
    let orgs: HashMap<i64, String> = state.store.orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
    let reports = reports::review_queue(&state.store, session)
        .await?
        .into_iter()
        .map(|r| {
            let (plan_id, title) = plans.get(&r.plan_key).cloned().unwrap_or_default();
            Waiting {
                id: r.id,
                version: r.version,
                plan: title,
                org: orgs.get(&r.org).cloned().unwrap_or_default(),
                period: r.period.to_string(),
                form: format!("/bao-cao/{plan_id}/{}?don-vi={}", r.period, r.org),
                submitted: format!(
                    "{} ({})",
                    r.submitted_at.as_deref().map(date_vi).unwrap_or_default(),
                    r.submitted_by.unwrap_or_default()
                ),
                late: r.late,
            }
        })
        .collect();
    let can_review = matches!(session.user.role, UserRole::Admin | UserRole::Monitor);
    Ok(html(&ReviewPage { chrome: Chrome::of(session), reports, can_review }))
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    Form(decision): Form<Decision>,
) -> Result<Response, WebError> {
    let session = user.require(&[UserRole::Admin, UserRole::Monitor])?;
    let choice = (decision.choice.as_str(), decision.comment.as_str());
    reports::decide(&state.store, &state.clock, session, id, decision.version, choice).await?;
    Ok(Redirect::to("/duyet").into_response())
}
