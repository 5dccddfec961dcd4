//! "Kế hoạch cấp dưới" (`/ke-hoach/{id}/cap-duoi`): the departments and communes expected to
//! issue their own plan under this one (every active department and commune under the
//! issuer's province, see `chitieu_core::cascade::expected_issuers`), the plans they issued
//! (stored with this plan as their parent; the day of the first import counts) and whether
//! that was by the due date of the plan's reporting regime ("trước ngày 10/4/2026"), late, or
//! not yet — overdue once the app's clock passes the date.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chitieu_core::cascade::{SubplanState, expected_issuers, track_subplans};
use chitieu_core::plan::Date;
use chitieu_core::registry::{OrgId, OrgKind};
use chitieu_store::StoredPlan;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// The lower units of a plan and their own plans.
#[derive(Debug)]
pub(crate) struct SubplanReport {
    pub(crate) due: Option<Date>,
    /// The day the states are judged on (the app's clock).
    pub(crate) today: Date,
    pub(crate) rows: Vec<SubplanRow>,
}

#[derive(Debug)]
pub(crate) struct SubplanRow {
    pub(crate) org: OrgId,
    pub(crate) name: String,
    pub(crate) kind: OrgKind,
    pub(crate) expected: bool,
    /// The unit's plan: the latest version's id and title.
    pub(crate) plan: Option<(i64, String)>,
    pub(crate) issued: Option<Date>,
    pub(crate) state: SubplanState,
}

impl SubplanRow {
    pub(crate) fn kind_vi(&self) -> &'static str {
        match self.kind {
            OrgKind::Department => "Sở, ban, ngành",
            OrgKind::Commune => "Xã, phường",
            _ => "Đơn vị khác",
        }
    }

    pub(crate) fn issued_vi(&self) -> String {
        self.issued.map(|d| d.to_string()).unwrap_or_default()
    }
}

/// The sub-plan report of `plan`, as of the app's clock (the day in Vietnam).
pub(crate) async fn subplan_report(state: &AppState, plan: &StoredPlan) -> Result<SubplanReport, WebError> {
    let today = state.clock.today();
    let due = plan.plan.regime.as_ref().and_then(|r| r.subplans_due);
    let registry = state.store.registry().await?;
    let mut children = state.store.plans().await?;
    children.retain(|p| p.parent_key.as_deref() == Some(plan.key.as_str()) && p.issuer_id.is_some());
    children.sort_by_key(|p| p.version);
    let mut issued: Vec<(OrgId, Date)> = Vec::new();
    let mut latest: Vec<(OrgId, i64, String)> = Vec::new();
    for child in &children {
        let Some(org) = child.issuer_id else { continue };
        if let Some(day) = child.created_at.get(..10).and_then(Date::parse) {
            issued.push((org, day));
        }
        latest.retain(|(o, _, _)| *o != org);
        latest.push((org, child.id, child.title.clone()));
    }
    let expected = plan.issuer_id.map(|issuer| expected_issuers(&registry, issuer, due.unwrap_or(today)));
    let lines = track_subplans(&expected.unwrap_or_default(), &issued, due, today);
    let mut rows: Vec<SubplanRow> = lines
        .into_iter()
        .map(|line| {
            let org = registry.orgs.iter().find(|o| o.id == line.org);
            SubplanRow {
                org: line.org,
                name: org.map(|o| o.name.clone()).unwrap_or_default(),
                kind: org.map_or(OrgKind::Other, |o| o.kind),
                expected: line.expected,
                plan: latest.iter().find(|(o, _, _)| *o == line.org).map(|(_, id, title)| (*id, title.clone())),
                issued: line.issued,
                state: line.state,
            }
        })
        .collect();
    let rank = |state: SubplanState| match state {
        SubplanState::Overdue => 0,
        SubplanState::Late => 1,
        SubplanState::Waiting => 2,
        SubplanState::OnTime => 3,
    };
    rows.sort_by(|a, b| rank(a.state).cmp(&rank(b.state)).then_with(|| a.name.cmp(&b.name)));
    Ok(SubplanReport { due, today, rows })
}

#[derive(Template)]
#[template(path = "cascade_subplans.html")]
struct SubplansPage {
    chrome: Chrome,
    plan_id: i64,
    title: String,
    due: String,
    today: String,
    issued: usize,
    late: usize,
    rows: Vec<SubplanRow>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let plan = state.store.plan(id).await?;
    let report = subplan_report(&state, &plan).await?;
    let page = SubplansPage {
        chrome: Chrome::of(session),
        plan_id: plan.id,
        title: plan.plan.title.clone(),
        due: report.due.map(|d| d.to_string()).unwrap_or_default(),
        today: report.today.to_string(),
        issued: report.rows.iter().filter(|r| r.issued.is_some()).count(),
        late: report.rows.iter().filter(|r| r.state.is_late()).count(),
        rows: report.rows,
    };
    Ok(html(&page))
}
