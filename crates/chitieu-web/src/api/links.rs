//! The cascade in JSON: a plan's proposed and decided links to its parent plans' items, the
//! consistency findings along the confirmed links, and which lower units issued their own plan
//! by the due date. The same data as the pages of `pages::cascade`, readable by every signed-in
//! role.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use chitieu_core::cascade::{Finding, ItemName};
use chitieu_core::display::target_vi;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::cascade::{Family, findings, link_rows, parent_ids, subplan_report};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub(crate) struct LinksOut {
    plan_id: i64,
    /// The parent plan versions compared with.
    parents: Vec<i64>,
    links: Vec<LinkOut>,
}

/// One indicator or task of the plan and the parent items proposed for it or linked to it,
/// best first.
#[derive(Serialize, ToSchema)]
pub(crate) struct LinkOut {
    /// The item's key.
    from: String,
    from_code: Option<String>,
    to: Vec<CandidateOut>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CandidateOut {
    /// The parent plan's key.
    plan: String,
    plan_id: i64,
    /// The parent item's key.
    key: String,
    code: Option<String>,
    /// Similarity, 0..1.
    #[schema(example = 0.93)]
    score: f64,
    /// "proposed", "confirmed" or "rejected".
    #[schema(example = "confirmed")]
    status: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ChecksOut {
    plan_id: i64,
    parents: Vec<i64>,
    findings: Vec<FindingOut>,
}

/// One inconsistency along a confirmed link (or a parent item no link reaches).
#[derive(Serialize, ToSchema)]
pub(crate) struct FindingOut {
    /// `weaker_target`, `later_deadline`, `unit_mismatch` or `missing_child`.
    #[schema(example = "weaker_target")]
    kind: String,
    /// The finding in a Vietnamese sentence.
    description: String,
    /// The lower-level item (none for `missing_child`).
    child: Option<ItemRefOut>,
    parent: ItemRefOut,
    year: Option<i32>,
    /// The two targets in short ("≥ 60%"), for `weaker_target`.
    child_target: Option<String>,
    parent_target: Option<String>,
    /// For `unit_mismatch`.
    child_unit: Option<String>,
    parent_unit: Option<String>,
    /// As a table writes them ("Tháng 12/2026"), for `later_deadline`.
    child_deadline: Option<String>,
    parent_deadline: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ItemRefOut {
    plan: String,
    key: String,
    code: Option<String>,
    text: String,
}

impl From<&ItemName> for ItemRefOut {
    fn from(item: &ItemName) -> Self {
        ItemRefOut { plan: item.plan.clone(), key: item.key.clone(), code: item.code.clone(), text: item.text.clone() }
    }
}

impl From<&Finding> for FindingOut {
    fn from(finding: &Finding) -> Self {
        let out = |child: Option<&ItemName>, parent: &ItemName| FindingOut {
            kind: finding.kind().to_owned(),
            description: finding.describe_vi(),
            child: child.map(ItemRefOut::from),
            parent: parent.into(),
            year: None,
            child_target: None,
            parent_target: None,
            child_unit: None,
            parent_unit: None,
            child_deadline: None,
            parent_deadline: None,
        };
        match finding {
            Finding::WeakerTarget { child, parent, year, child_target, parent_target } => FindingOut {
                year: *year,
                child_target: Some(target_vi(child_target)),
                parent_target: Some(target_vi(parent_target)),
                ..out(Some(child), parent)
            },
            Finding::MissingChild { parent } => out(None, parent),
            Finding::LaterDeadline { child, parent, child_deadline, parent_deadline } => FindingOut {
                child_deadline: Some(child_deadline.describe_vi()),
                parent_deadline: Some(parent_deadline.describe_vi()),
                ..out(Some(child), parent)
            },
            Finding::UnitMismatch { child, parent, child_unit, parent_unit } => FindingOut {
                child_unit: Some(child_unit.clone()),
                parent_unit: Some(parent_unit.clone()),
                ..out(Some(child), parent)
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SubplansOut {
    plan_id: i64,
    /// ISO date the lower units' plans are due ("trước ngày 10/4/2026"), when the plan says.
    due: Option<String>,
    /// ISO date the states are judged on: the day in Vietnam by the server's clock.
    as_of: String,
    units: Vec<SubplanOut>,
}

/// One department or commune and its own plan.
#[derive(Serialize, ToSchema)]
pub(crate) struct SubplanOut {
    org_id: i64,
    name: String,
    /// "department", "commune" …
    kind: String,
    /// Expected to issue a plan (every active department and commune under the issuer's
    /// province); false for another unit that issued one.
    expected: bool,
    /// The latest version of the unit's plan.
    plan_id: Option<i64>,
    /// ISO date its plan was first stored.
    issued: Option<String>,
    /// `on_time`, `late`, `waiting` or `overdue`.
    #[schema(example = "overdue")]
    state: String,
}

/// A plan's items with the items of its parent plans proposed for them (and the decisions).
#[utoipa::path(get, path = "/api/v1/plans/{id}/links", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id"),
        ("parents" = Option<String>, Query, description = "Parent plan version ids, comma-separated; \
         by default the latest version of the plan's stored parent")),
    responses((status = 200, body = LinksOut), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 404, body = ApiError)))]
pub(crate) async fn links(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Result<Json<LinksOut>, WebError> {
    user.require(READ_PLANS)?;
    let family = Family::load(&state, id, &parent_ids(query.as_deref(), "parents")?).await?;
    let links = link_rows(&state, &family)
        .await?
        .into_iter()
        .map(|row| LinkOut {
            from: row.key,
            from_code: Some(row.code).filter(|c| !c.is_empty()),
            to: row
                .candidates
                .into_iter()
                .map(|c| CandidateOut {
                    plan: c.parent_plan,
                    plan_id: c.parent_plan_id,
                    key: c.key,
                    code: Some(c.code).filter(|code| !code.is_empty()),
                    score: c.score,
                    status: c.status.as_str().to_owned(),
                })
                .collect(),
        })
        .collect();
    Ok(Json(LinksOut { plan_id: family.child.id, parents: family.parent_ids(), links }))
}

/// The consistency findings of a plan against its parent plans, along the confirmed links.
#[utoipa::path(get, path = "/api/v1/plans/{id}/checks", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id"),
        ("parents" = Option<String>, Query, description = "Parent plan version ids, comma-separated; \
         by default the latest version of the plan's stored parent")),
    responses((status = 200, body = ChecksOut), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 404, body = ApiError)))]
pub(crate) async fn checks(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Result<Json<ChecksOut>, WebError> {
    user.require(READ_PLANS)?;
    let family = Family::load(&state, id, &parent_ids(query.as_deref(), "parents")?).await?;
    let findings = findings(&state, &family).await?.iter().map(FindingOut::from).collect();
    Ok(Json(ChecksOut { plan_id: family.child.id, parents: family.parent_ids(), findings }))
}

/// Which departments and communes issued their own plan under this one, on time or late.
#[utoipa::path(get, path = "/api/v1/plans/{id}/subplans", tag = "chitieu",
    params(("id" = i64, Path, description = "The plan version's id")),
    responses((status = 200, body = SubplansOut), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub(crate) async fn subplans(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<SubplansOut>, WebError> {
    user.require(READ_PLANS)?;
    let plan = state.store.plan(id).await?;
    let report = subplan_report(&state, &plan).await?;
    let units = report
        .rows
        .into_iter()
        .map(|row| SubplanOut {
            org_id: row.org,
            name: row.name,
            kind: row.kind.as_str().to_owned(),
            expected: row.expected,
            plan_id: row.plan.map(|(id, _)| id),
            issued: row.issued.map(chitieu_core::plan::Date::iso),
            state: row.state.as_str().to_owned(),
        })
        .collect();
    Ok(Json(SubplansOut {
        plan_id: plan.id,
        due: report.due.map(chitieu_core::plan::Date::iso),
        as_of: report.today.iso(),
        units,
    }))
}
