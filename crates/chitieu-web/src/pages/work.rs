//! "Việc của tôi" (`/viec-cua-toi`): what the signed-in user's unit owes in a period (the
//! current quarter by the clock, or `?ky=2026-Q2`), per plan: how many items, the due date,
//! the report's status, and the days left or how late it is.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chitieu_core::period::Period;
use chitieu_store::ReportKey;
use serde::Deserialize;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::values::days_vi;
use crate::pages::{Chrome, html};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub(crate) struct Which {
    ky: Option<String>,
}

struct Duty {
    address: String,
    plan: String,
    items: usize,
    due: String,
    status: &'static str,
    days: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "work.html")]
struct WorkPage {
    chrome: Chrome,
    period: String,
    previous: String,
    next: String,
    duties: Vec<Duty>,
    has_org: bool,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let today = state.clock.today();
    let period = match which.ky.as_deref() {
        Some(text) => Period::parse(text).ok_or_else(|| WebError::Invalid(format!("Kỳ \"{text}\" không hợp lệ.")))?,
        None => Period::of_day(today),
    };
    let mut duties = Vec::new();
    if let Some(org) = session.user.org {
        for plan in state.store.current_plans().await? {
            let owed: Vec<_> =
                state.store.obligations(plan.id, period).await?.into_iter().filter(|o| o.org == org).collect();
            let Some(due) = owed.iter().map(|o| o.due).min() else { continue };
            let key = ReportKey { plan_key: plan.key.clone(), period, org };
            let head = crate::pages::report::started(&state, &key).await?.map(|r| r.head);
            let done = head.as_ref().is_some_and(|h| !h.status.editable());
            let (days, overdue) = days_vi(today, due);
            duties.push(Duty {
                address: format!("/bao-cao/{}/{period}", plan.id),
                plan: plan.title,
                items: owed.len(),
                due: due.to_string(),
                status: head.as_ref().map_or("Chưa bắt đầu", |h| h.status.label_vi()),
                days: match &head {
                    Some(h) if done && h.late => "nộp trễ hạn".to_owned(),
                    _ if done => String::new(),
                    _ => days,
                },
                late: head.as_ref().is_some_and(|h| h.late) || (!done && overdue),
            });
        }
    }
    let page = WorkPage {
        chrome: Chrome::of(session),
        period: period.to_string(),
        previous: period.step(-1).unwrap_or(period).to_string(),
        next: period.step(1).unwrap_or(period).to_string(),
        duties,
        has_org: session.user.org.is_some(),
    };
    Ok(html(&page))
}
