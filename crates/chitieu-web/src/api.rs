//! The JSON API under `/api/v1`, with the pages' permissions: plans, one plan (the plan JSON
//! with stored ids and resolved units), and the registry of units and groups.

use axum::Json;
use axum::extract::{Path, State};
use chitieu_store::Store as _;
use serde_json::{Value, json};

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;

pub(crate) async fn plans(State(state): State<AppState>, user: SignedIn) -> Result<Json<Value>, WebError> {
    user.require(READ_PLANS)?;
    Ok(Json(json!({ "plans": state.store.plans().await? })))
}

pub(crate) async fn plan(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WebError> {
    user.require(READ_PLANS)?;
    Ok(Json(state.store.plan(id).await?.to_json()?))
}

pub(crate) async fn orgs(State(state): State<AppState>, user: SignedIn) -> Result<Json<Value>, WebError> {
    user.require(READ_PLANS)?;
    let registry = state.store.registry().await?;
    Ok(Json(json!({ "orgs": registry.orgs, "groups": registry.groups })))
}
