//! "Liên kết kế hoạch" (`/ke-hoach/{id}/lien-ket`): every item of a plan with the items of its
//! parent plans the matcher proposes (score, code, words, target) and the links already
//! decided; monitors, leaders and admins confirm or reject each one (a form that htmx posts,
//! swapping in the decided row).

use askama::Template;
use axum::Form;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_app::access::may_decide_links;
use chitieu_core::cascade::number;
use chitieu_core::display::{number_vi, targets_vi};
use chitieu_core::link::{LinkItem, propose};
use chitieu_core::registry::OrgId;
use chitieu_core::{ItemKind, Role};
use chitieu_store::{LinkChoice, LinkDecision, LinkStatus, StoredItem, StoredPlan};
use serde::Deserialize;

use super::{Family, PlanChoice, parent_ids, parents_query, plan_choices};
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// The units named to monitor these items.
fn monitors_of<'a>(items: impl IntoIterator<Item = &'a StoredItem>) -> Vec<OrgId> {
    let assignments = items.into_iter().flat_map(|item| &item.assignments);
    assignments.filter(|a| a.role == Role::Monitor).filter_map(|a| a.org_id).collect()
}

/// A child item and its candidate parent items, best first.
#[derive(Debug)]
pub(crate) struct ChildLinks {
    pub(crate) key: String,
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) targets: String,
    pub(crate) candidates: Vec<Candidate>,
}

/// One parent item proposed for (or linked to) a child item.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) child_key: String,
    pub(crate) parent_plan: String,
    pub(crate) parent_plan_id: i64,
    pub(crate) parent_title: String,
    pub(crate) key: String,
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) targets: String,
    pub(crate) score: f64,
    pub(crate) status: LinkStatus,
}

impl Candidate {
    fn of(child_key: &str, plan: &StoredPlan, index: usize, score: f64, status: LinkStatus) -> Self {
        let item = &plan.plan.items[index];
        Candidate {
            child_key: child_key.to_owned(),
            parent_plan: plan.key.clone(),
            parent_plan_id: plan.id,
            parent_title: plan.plan.title.clone(),
            key: plan.items[index].key.clone(),
            code: number(item).unwrap_or_default(),
            text: item.text.clone(),
            targets: targets_vi(&item.targets),
            score,
            status,
        }
    }

    /// The score with two decimals, the Vietnamese way ("0,93").
    pub(crate) fn score_vi(&self) -> String {
        number_vi((self.score * 100.0).round() / 100.0)
    }

    pub(crate) fn status_vi(&self) -> &'static str {
        match self.status {
            LinkStatus::Proposed => "Đề xuất",
            LinkStatus::Confirmed => "Đã xác nhận",
            LinkStatus::Rejected => "Đã bác bỏ",
        }
    }

    pub(crate) fn confirmed(&self) -> bool {
        self.status == LinkStatus::Confirmed
    }

    pub(crate) fn rejected(&self) -> bool {
        self.status == LinkStatus::Rejected
    }

    /// An id for the row, unique on the page.
    pub(crate) fn anchor(&self) -> String {
        let clean = |s: &str| s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>();
        format!("lk-{}-{}", clean(&self.child_key), clean(&self.key))
    }
}

/// Where `key` of plan `plan_key` sits among the family's parents.
fn find_parent<'a>(family: &'a Family, plan_key: &str, key: &str) -> Option<(&'a StoredPlan, usize)> {
    let plan = family.parents.iter().find(|p| p.key == plan_key)?;
    Some((plan, plan.items.iter().position(|i| i.key == key)?))
}

/// Every indicator and task of the family's child with the matcher's proposals among the
/// parents' items and the links decided so far (a decision on a pair the matcher no longer
/// proposes is still shown).
pub(crate) async fn link_rows(state: &AppState, family: &Family) -> Result<Vec<ChildLinks>, WebError> {
    let child_items = family.child.link_items();
    let parent_items: Vec<LinkItem<'_>> = family.parents.iter().flat_map(StoredPlan::link_items).collect();
    let proposals = if parent_items.is_empty() { Vec::new() } else { propose(&child_items, &parent_items) };
    let decisions = state.store.link_decisions(&family.child.key).await?;
    let status_of = |child: &str, plan: &str, key: &str| {
        decisions
            .iter()
            .find(|d| d.child_item == child && d.parent_plan == plan && d.parent_item == key)
            .map_or(LinkStatus::Proposed, |d| d.status)
    };
    let mut rows = Vec::new();
    for (item, stored) in family.child.plan.items.iter().zip(&family.child.items) {
        if item.kind == ItemKind::Group {
            continue;
        }
        let mut candidates: Vec<Candidate> = proposals
            .iter()
            .filter(|p| p.from == stored.key)
            .flat_map(|p| &p.to)
            .filter_map(|to| {
                let (plan, index) = find_parent(family, &to.plan, &to.key)?;
                Some(Candidate::of(&stored.key, plan, index, to.score, status_of(&stored.key, &to.plan, &to.key)))
            })
            .collect();
        for decided in decisions.iter().filter(|d: &&LinkDecision| d.child_item == stored.key) {
            let known = candidates.iter().any(|c| c.parent_plan == decided.parent_plan && c.key == decided.parent_item);
            if let (false, Some((plan, index))) =
                (known, find_parent(family, &decided.parent_plan, &decided.parent_item))
            {
                candidates.push(Candidate::of(&stored.key, plan, index, decided.score, decided.status));
            }
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        rows.push(ChildLinks {
            key: stored.key.clone(),
            code: number(item).unwrap_or_default(),
            text: item.text.clone(),
            targets: targets_vi(&item.targets),
            candidates,
        });
    }
    Ok(rows)
}

#[derive(Template)]
#[template(path = "cascade_links.html")]
struct LinksPage {
    chrome: Chrome,
    plan_id: i64,
    title: String,
    choices: Vec<PlanChoice>,
    /// Where the parent selection form goes.
    action: String,
    has_parents: bool,
    rows: Vec<ChildLinks>,
    confirmed: usize,
    can_decide: bool,
    csrf: String,
    back: String,
}

/// One candidate's row, alone: what htmx swaps in after a decision.
#[derive(Template)]
#[template(path = "cascade_link_row.html")]
struct LinkRow {
    c: Candidate,
    plan_id: i64,
    can_decide: bool,
    csrf: String,
    back: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let family = Family::load(&state, id, &parent_ids(query.as_deref(), "cha")?).await?;
    let rows = link_rows(&state, &family).await?;
    let confirmed = rows.iter().flat_map(|r| &r.candidates).filter(|c| c.confirmed()).count();
    let page = LinksPage {
        chrome: Chrome::of(session),
        plan_id: family.child.id,
        title: family.child.plan.title.clone(),
        choices: plan_choices(&state, &family).await?,
        action: format!("/ke-hoach/{id}/lien-ket"),
        has_parents: !family.parents.is_empty(),
        rows,
        confirmed,
        can_decide: may_decide_links(
            session,
            &state.store.registry().await?,
            family.child.issuer_id,
            &monitors_of(family.parents.iter().chain([&family.child]).flat_map(|p| &p.items)),
        )
        .is_ok(),
        csrf: session.csrf_token.clone(),
        back: parents_query(&family),
    };
    Ok(html(&page))
}

/// A decision as the row's form posts it.
#[derive(Debug, Deserialize)]
pub(crate) struct Decision {
    /// The child item's key.
    con: String,
    #[serde(rename = "cha-ke-hoach")]
    parent_plan: String,
    /// The parent item's key.
    cha: String,
    /// The matcher's score.
    diem: f64,
    #[serde(rename = "quyet-dinh")]
    choice: String,
    /// The parents the page showed (`cha=3&cha=4`), to come back to.
    #[serde(rename = "quay-lai", default)]
    back: String,
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(decision): Form<Decision>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let child = state.store.plan(id).await?;
    // An unknown parent monitors nothing; the store then refuses the link itself.
    let parent = state.store.latest_plan(&decision.parent_plan).await.ok();
    let parent_item = parent.iter().flat_map(|p| &p.items).filter(|item| item.key == decision.cha);
    let child_item = child.items.iter().filter(|item| item.key == decision.con);
    let monitors = monitors_of(parent_item.chain(child_item));
    may_decide_links(session, &state.store.registry().await?, child.issuer_id, &monitors)?;
    let status = match decision.choice.as_str() {
        "xac-nhan" => LinkStatus::Confirmed,
        "bac-bo" => LinkStatus::Rejected,
        "hoan-tac" => LinkStatus::Proposed,
        other => return Err(WebError::Invalid(format!("Không rõ quyết định \"{other}\" về liên kết."))),
    };
    let choice = LinkChoice {
        child_plan: &child.key,
        child_item: &decision.con,
        parent_plan: &decision.parent_plan,
        parent_item: &decision.cha,
        score: decision.diem,
        status,
    };
    let at = state.clock.stamp();
    let decided = state.store.decide_link(&choice, &session.user.username, &at).await?;
    let back = parent_ids(Some(&decision.back), "cha")?;
    if !headers.contains_key("hx-request") {
        let query = back.iter().map(|id| format!("cha={id}")).collect::<Vec<_>>().join("&");
        return Ok(Redirect::to(&format!("/ke-hoach/{id}/lien-ket?{query}")).into_response());
    }
    let parent = state.store.latest_plan(&decided.parent_plan).await?;
    let index =
        parent.items.iter().position(|i| i.key == decided.parent_item).ok_or_else(|| {
            WebError::NotFound("Mục của kế hoạch cấp trên không còn trong phiên bản mới nhất.".into())
        })?;
    let row = LinkRow {
        c: Candidate::of(&decided.child_item, &parent, index, decided.score, decided.status),
        plan_id: id,
        can_decide: true,
        csrf: session.csrf_token.clone(),
        back: decision.back,
    };
    Ok(html(&row))
}
