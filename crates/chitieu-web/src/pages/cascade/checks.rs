//! "Kiểm tra nhất quán" (`/ke-hoach/{id}/kiem-tra`): the consistency findings of a plan against
//! its parent plans along the links a person confirmed, grouped by kind.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chitieu_core::cascade::Finding;
use chitieu_store::cascade_findings;

use super::{Family, PlanChoice, parent_ids, plan_choices};
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// The findings of the family's child against each of its parents.
pub(crate) async fn findings(state: &AppState, family: &Family) -> Result<Vec<Finding>, WebError> {
    let decisions = state.store.link_decisions(&family.child.key).await?;
    let registry = state.store.registry().await?;
    Ok(cascade_findings(&family.child, &family.parents, &decisions, &registry))
}

/// The findings of one kind.
struct Group {
    heading: &'static str,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "cascade_checks.html")]
struct ChecksPage {
    chrome: Chrome,
    plan_id: i64,
    title: String,
    choices: Vec<PlanChoice>,
    action: String,
    has_parents: bool,
    confirmed: usize,
    groups: Vec<Group>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let family = Family::load(&state, id, &parent_ids(query.as_deref(), "cha")?).await?;
    let found = findings(&state, &family).await?;
    let parent_keys: Vec<&str> = family.parents.iter().map(|p| p.key.as_str()).collect();
    let confirmed = state
        .store
        .link_decisions(&family.child.key)
        .await?
        .iter()
        .filter(|d| d.status == chitieu_store::LinkStatus::Confirmed && parent_keys.contains(&d.parent_plan.as_str()))
        .count();
    let mut groups: Vec<Group> = Vec::new();
    for kind in ["weaker_target", "later_deadline", "unit_mismatch", "missing_child"] {
        let of_kind: Vec<&Finding> = found.iter().filter(|f| f.kind() == kind).collect();
        if let Some(first) = of_kind.first() {
            groups.push(Group { heading: first.kind_vi(), lines: of_kind.iter().map(|f| f.describe_vi()).collect() });
        }
    }
    let page = ChecksPage {
        chrome: Chrome::of(session),
        plan_id: family.child.id,
        title: family.child.plan.title.clone(),
        choices: plan_choices(&state, &family).await?,
        action: format!("/ke-hoach/{id}/kiem-tra"),
        has_parents: !family.parents.is_empty(),
        confirmed,
        groups,
    };
    Ok(html(&page))
}
