//! A report's history (`/lich-su/{report_id}`): every revision of every value (who, when,
//! old → new) and the report's audit events (saves, submissions, reviews, evidence).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chitieu_store::ReportKey;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::values::{action_vi, value_vi};
use crate::pages::{Chrome, html};
use crate::state::AppState;
use chitieu_app::access::may_read;

struct Change {
    item: String,
    revision: i64,
    by: String,
    at: String,
    old: String,
    new: String,
}

struct Event {
    at: String,
    actor: String,
    action: String,
    note: String,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    chrome: Chrome,
    id: i64,
    period: String,
    status: &'static str,
    changes: Vec<Change>,
    events: Vec<Event>,
}

/// A time as the history shows it: dd/mm/yyyy hh:mm (UTC).
fn time_vi(at: &str) -> String {
    format!("{} {}", crate::pages::view::date_vi(at), at.get(11..16).unwrap_or_default())
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let report = state.store.report(id).await?;
    let head = &report.head;
    may_read(&state.store, session, head.org, Some(id)).await?;
    let key = ReportKey { plan_key: head.plan_key.clone(), period: head.period, org: head.org };
    let mut changes = Vec::new();
    let mut previous: Option<chitieu_store::ValueRevision> = None;
    for revision in state.store.value_history(&key).await? {
        let same = previous
            .as_ref()
            .filter(|p| p.value.item_key == revision.value.item_key && p.value.subject == revision.value.subject);
        changes.push(Change {
            item: revision.value.item_key.clone(),
            revision: revision.revision,
            by: revision.saved_by.clone(),
            at: time_vi(&revision.saved_at),
            old: same.map_or_else(|| "(trống)".to_owned(), |p| value_vi(&p.value)),
            new: value_vi(&revision.value),
        });
        previous = Some(revision);
    }
    let events = state
        .store
        .audit_events("report", &id.to_string())
        .await?
        .into_iter()
        .map(|e| Event {
            at: time_vi(&e.at),
            actor: e.actor,
            action: action_vi(&e.action).to_owned(),
            note: e
                .after
                .as_ref()
                .and_then(|a| a.get("comment").or_else(|| a.get("file_name")))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    let page = HistoryPage {
        chrome: Chrome::of(session),
        id,
        period: head.period.to_string(),
        status: head.status.label_vi(),
        changes,
        events,
    };
    Ok(html(&page))
}
