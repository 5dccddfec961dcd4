//! The registry in JSON: every unit and every named group of units.

use axum::Json;
use axum::extract::State;
use chitieu_core::plan::Date;
use chitieu_core::registry::{Org, OrgGroup, OrgKind};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct OrgList {
    orgs: Vec<OrgOut>,
    groups: Vec<GroupOut>,
}

/// A unit that can be assigned work and report on it.
#[derive(Serialize, ToSchema)]
pub(crate) struct OrgOut {
    id: i64,
    name: String,
    #[schema(value_type = String, example = "department")]
    kind: OrgKind,
    parent: Option<i64>,
    aliases: Vec<String>,
    population: Option<i64>,
    /// ISO dates the unit exists between, when known.
    active_from: Option<String>,
    active_to: Option<String>,
    /// A demo entry of the built-in registry.
    sample: bool,
}

/// A named group of units ("Các sở, ban, ngành").
#[derive(Serialize, ToSchema)]
pub(crate) struct GroupOut {
    id: i64,
    name: String,
    aliases: Vec<String>,
    /// Every unit of this kind belongs …
    #[schema(value_type = Option<String>)]
    member_kind: Option<OrgKind>,
    /// … under this parent, when set.
    scope: Option<i64>,
    /// Units listed by name.
    members: Vec<i64>,
}

impl From<Org> for OrgOut {
    fn from(o: Org) -> Self {
        OrgOut {
            id: o.id,
            name: o.name,
            kind: o.kind,
            parent: o.parent,
            aliases: o.aliases,
            population: o.population,
            active_from: o.active_from.map(Date::iso),
            active_to: o.active_to.map(Date::iso),
            sample: o.sample,
        }
    }
}

impl From<OrgGroup> for GroupOut {
    fn from(g: OrgGroup) -> Self {
        GroupOut {
            id: g.id,
            name: g.name,
            aliases: g.aliases,
            member_kind: g.member_kind,
            scope: g.scope,
            members: g.members,
        }
    }
}

/// Every unit and group of the registry.
#[utoipa::path(get, path = "/api/v1/orgs", tag = "chitieu",
    responses((status = 200, body = OrgList), (status = 401, body = ApiError)))]
pub(crate) async fn orgs(State(state): State<AppState>, user: SignedIn) -> Result<Json<OrgList>, WebError> {
    user.require(READ_PLANS)?;
    let registry = state.store.registry().await?;
    Ok(Json(OrgList {
        orgs: registry.orgs.into_iter().map(OrgOut::from).collect(),
        groups: registry.groups.into_iter().map(GroupOut::from).collect(),
    }))
}
