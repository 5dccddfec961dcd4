//! Plans in JSON: the list, one plan (the plan JSON of `chitieu parse` with stored ids and
//! resolved units), and a plan's items with their targets, roles and resolved assignments.

use axum::Json;
use axum::extract::{Path, State};
use chitieu_core::Role;
use chitieu_core::deadline::Deadline;
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::plan::{Item, ItemKind, Roles};
use chitieu_core::target::{Comparator, Target};
use chitieu_store::{PlanSummary, StoredAssignment, StoredItem};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct PlanList {
    plans: Vec<PlanLine>,
}

/// One plan version, as the plans list shows it.
#[derive(Serialize, ToSchema)]
pub(crate) struct PlanLine {
    id: i64,
    /// Identity across the plan's versions.
    key: String,
    version: i64,
    status: String,
    title: String,
    issuer_id: Option<i64>,
    /// "province", "commune" …
    level: Option<String>,
    parent_key: Option<String>,
    source_file: String,
    items: i64,
    indicators: i64,
    created_at: String,
}

impl From<PlanSummary> for PlanLine {
    fn from(p: PlanSummary) -> Self {
        PlanLine {
            id: p.id,
            key: p.key,
            version: p.version,
            status: p.status.to_string(),
            title: p.title,
            issuer_id: p.issuer_id,
            level: p.level.map(|l| l.to_string()),
            parent_key: p.parent_key,
            source_file: p.source_file,
            items: p.items,
            indicators: p.indicators,
            created_at: p.created_at,
        }
    }
}

/// The plan JSON of `chitieu parse` (title, regime, items …) with a `stored` object (id, key,
/// version, issuer) and each item's `id`, `key`, `measure`, `direction` and `assignments`.
#[derive(Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub(crate) struct PlanDocument(serde_json::Value);

#[derive(Serialize, ToSchema)]
pub(crate) struct ItemList {
    plan_id: i64,
    items: Vec<ItemOut>,
}

/// One line of the plan's appendix table.
#[derive(Serialize, ToSchema)]
pub(crate) struct ItemOut {
    id: i64,
    /// Identity across the plan's versions; reports point at it.
    key: String,
    section: Option<String>,
    /// The number as printed ("1.1").
    code: Option<String>,
    #[schema(value_type = String, example = "indicator")]
    kind: ItemKind,
    text: String,
    unit: Option<String>,
    #[schema(value_type = String, example = "ratio")]
    measure: Measure,
    #[schema(value_type = String, example = "higher")]
    direction: Direction,
    targets: Vec<TargetOut>,
    /// The deadline as read (`{"kind": "quarter", …}`), when the item has one.
    #[schema(value_type = Option<Object>)]
    deadline: Option<Deadline>,
    roles: RolesOut,
    assignments: Vec<AssignmentOut>,
    /// 1-based line of the item in the source document.
    line: usize,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct TargetOut {
    year: Option<i32>,
    #[schema(value_type = String, example = ">=")]
    op: Comparator,
    value: Option<f64>,
    value_max: Option<f64>,
    unit: Option<String>,
    subject: Option<String>,
    /// The words the target was read from.
    raw: String,
}

/// Units named in the role cells, as written.
#[derive(Serialize, ToSchema)]
pub(crate) struct RolesOut {
    monitor: Vec<String>,
    lead: Vec<String>,
    coordinate: Vec<String>,
    direct: Vec<String>,
}

/// A name of a role cell and the unit or group it resolved to.
#[derive(Serialize, ToSchema)]
pub(crate) struct AssignmentOut {
    #[schema(value_type = String, example = "lead")]
    role: Role,
    raw: String,
    org_id: Option<i64>,
    group_id: Option<i64>,
    /// "resolved", "confirmed", "proposed" or "unresolved".
    status: String,
}

impl ItemOut {
    fn new(item: &Item, stored: &StoredItem) -> Self {
        let Roles { monitor, lead, coordinate, direct } = item.roles.clone();
        ItemOut {
            id: stored.id,
            key: stored.key.clone(),
            section: item.section.clone(),
            code: item.code.clone(),
            kind: item.kind,
            text: item.text.clone(),
            unit: item.unit.clone(),
            measure: stored.measure,
            direction: stored.direction,
            targets: item.targets.iter().map(TargetOut::from).collect(),
            deadline: item.deadline.clone(),
            roles: RolesOut { monitor, lead, coordinate, direct },
            assignments: stored.assignments.iter().map(AssignmentOut::from).collect(),
            line: item.line,
        }
    }
}

impl From<&Target> for TargetOut {
    fn from(t: &Target) -> Self {
        TargetOut {
            year: t.year,
            op: t.op,
            value: t.value,
            value_max: t.value_max,
            unit: t.unit.clone(),
            subject: t.subject.clone(),
            raw: t.raw.clone(),
        }
    }
}

impl From<&StoredAssignment> for AssignmentOut {
    fn from(a: &StoredAssignment) -> Self {
        AssignmentOut {
            role: a.role,
            raw: a.raw.clone(),
            org_id: a.org_id,
            group_id: a.group_id,
            status: a.status.to_string(),
        }
    }
}

/// Every plan version, newest first.
#[utoipa::path(get, path = "/api/v1/plans", tag = "chitieu",
    responses((status = 200, body = PlanList), (status = 401, body = ApiError)))]
pub(crate) async fn plans(State(state): State<AppState>, user: SignedIn) -> Result<Json<PlanList>, WebError> {
    user.require(READ_PLANS)?;
    let plans = state.store.plans().await?.into_iter().map(PlanLine::from).collect();
    Ok(Json(PlanList { plans }))
}

/// One plan version in full.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id")),
    responses((status = 200, body = PlanDocument), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn plan(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<PlanDocument>, WebError> {
    user.require(READ_PLANS)?;
    Ok(Json(PlanDocument(state.store.plan(id).await?.to_json()?)))
}

/// A plan's items in table order, with keys, measure, targets, roles and resolved units.
#[utoipa::path(get, path = "/api/v1/plans/{id}/items", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id")),
    responses((status = 200, body = ItemList), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn items(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<ItemList>, WebError> {
    user.require(READ_PLANS)?;
    let plan = state.store.plan(id).await?;
    let items = plan.plan.items.iter().zip(&plan.items).map(|(item, stored)| ItemOut::new(item, stored)).collect();
    Ok(Json(ItemList { plan_id: plan.id, items }))
}
