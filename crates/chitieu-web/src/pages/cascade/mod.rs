//! The cascade pages of a plan: `/ke-hoach/{id}/lien-ket` (each item's proposed links to the
//! items of the plans it carries out, confirmed or rejected by a person), `/ke-hoach/{id}/kiem-tra`
//! (the consistency findings along the confirmed links), `/ke-hoach/{id}/cap-duoi` (which lower
//! units issued their own plan by the due date), and the plan page's "Cũng tại mục …" notes.
//! The API (`api/links.rs`) serves the same data as JSON.
//!
//! The parent plans are the ones the query names (`?cha=ID`, repeated), else the latest version
//! of the plan's stored parent.

mod also;
mod checks;
mod links;
mod subplans;

use axum::Router;
use axum::routing::get;
use chitieu_store::StoredPlan;

use crate::error::WebError;
use crate::state::AppState;

pub(crate) use also::annotate;
pub(crate) use checks::findings;
pub(crate) use links::link_rows;
pub(crate) use subplans::subplan_report;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/ke-hoach/{id}/lien-ket", get(links::show).post(links::decide))
        .route("/ke-hoach/{id}/kiem-tra", get(checks::show))
        .route("/ke-hoach/{id}/cap-duoi", get(subplans::show))
}

/// A plan and the plans it carries out.
#[derive(Debug)]
pub(crate) struct Family {
    pub(crate) child: StoredPlan,
    pub(crate) parents: Vec<StoredPlan>,
}

impl Family {
    /// The plan with this id and the parents: the plan versions `parent_ids` names, else the
    /// latest version of its stored parent (none when it has none).
    pub(crate) async fn load(state: &AppState, id: i64, parent_ids: &[i64]) -> Result<Family, WebError> {
        let child = state.store.plan(id).await?;
        let mut parents = Vec::new();
        if parent_ids.is_empty() {
            if let Some(key) = &child.parent_key {
                parents.push(state.store.latest_plan(key).await?);
            }
        } else {
            for parent_id in parent_ids {
                let parent = state.store.plan(*parent_id).await?;
                if parent.key == child.key {
                    return Err(WebError::Invalid(format!(
                        "Kế hoạch {parent_id} là một phiên bản của chính kế hoạch này, không phải kế hoạch cấp trên."
                    )));
                }
                if !parents.iter().any(|p: &StoredPlan| p.key == parent.key) {
                    parents.push(parent);
                }
            }
        }
        Ok(Family { child, parents })
    }

    pub(crate) fn parent_ids(&self) -> Vec<i64> {
        self.parents.iter().map(|p| p.id).collect()
    }
}

/// The plan ids a query names under `field`, repeated (`cha=3&cha=4`) or comma-separated
/// (`parents=3,4`); anything that is not a number is a 400 naming it.
pub(crate) fn parent_ids(query: Option<&str>, field: &str) -> Result<Vec<i64>, WebError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|e| WebError::Invalid(format!("Tham số không hợp lệ: {e}")))?;
    let mut ids = Vec::new();
    for (_, value) in pairs.iter().filter(|(name, _)| name == field) {
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let id = part.parse::<i64>().map_err(|_| {
                WebError::Invalid(format!("\"{part}\" trong tham số {field} không phải mã kế hoạch (một số)."))
            })?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// A plan the parent selection offers.
#[derive(Debug)]
pub(crate) struct PlanChoice {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) chosen: bool,
}

/// The latest version of every other plan, the family's parents ticked.
pub(crate) async fn plan_choices(state: &AppState, family: &Family) -> Result<Vec<PlanChoice>, WebError> {
    let mut choices: Vec<PlanChoice> = Vec::new();
    let mut seen: Vec<String> = vec![family.child.key.clone()];
    let mut plans = state.store.plans().await?;
    plans.sort_by_key(|p| std::cmp::Reverse(p.version));
    for plan in plans {
        if seen.contains(&plan.key) {
            continue;
        }
        seen.push(plan.key.clone());
        let chosen = family.parents.iter().any(|p| p.key == plan.key);
        let id = family.parents.iter().find(|p| p.key == plan.key).map_or(plan.id, |p| p.id);
        choices.push(PlanChoice { id, title: plan.title, chosen });
    }
    choices.sort_by_key(|c| c.id);
    Ok(choices)
}

/// The query string that names the family's parents (`cha=3&cha=4`).
pub(crate) fn parents_query(family: &Family) -> String {
    family.parent_ids().iter().map(|id| format!("cha={id}")).collect::<Vec<_>>().join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_ids_come_repeated_or_comma_separated_and_refuse_words() {
        assert_eq!(parent_ids(Some("cha=3&cha=4&x=9"), "cha").unwrap(), [3, 4]);
        assert_eq!(parent_ids(Some("parents=3,4,3"), "parents").unwrap(), [3, 4]);
        assert!(parent_ids(None, "cha").unwrap().is_empty());
        let error = parent_ids(Some("cha=abc"), "cha").unwrap_err().to_string();
        assert!(error.contains("\"abc\""), "{error}");
    }
}
