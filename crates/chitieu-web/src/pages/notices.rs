//! Reminders as people see them: "Thông báo" (`/thong-bao`), each signed-in user's in-app
//! notices with their unread count (the nav loads `/thong-bao/so`) and the marks as read; and
//! "Nhắc việc" (`/nhac-viec`), for monitors, leaders and admins, every reminder sent (who, when,
//! why, how the mail went), filtered by period (`?ky=2026-Q2`) and unit (`&don-vi=ID`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse as _, Redirect, Response};
use axum::routing::{get, post};
use chitieu_core::period::Period;
use chitieu_core::reminder::text::{reason_vi, state_vi};
use chitieu_store::{DigestStatus, ReminderFilter, SentReminder, UserRole};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// Who reads the record of reminders: the monitors (đôn đốc), leaders and admins.
const READ_REMINDERS: &[UserRole] = &[UserRole::Admin, UserRole::Leader, UserRole::Monitor];
/// The notices a page shows.
const NOTICES_SHOWN: i64 = 100;

pub(crate) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/thong-bao", get(notices))
        .route("/thong-bao/so", get(unread_count))
        .route("/thong-bao/da-doc", post(mark_all_read))
        .route("/thong-bao/{id}/da-doc", post(mark_read))
        .route("/nhac-viec", get(reminders))
}

struct NoticeLine {
    id: i64,
    when: String,
    title: String,
    lines: Vec<String>,
    link: Option<String>,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage {
    chrome: Chrome,
    notices: Vec<NoticeLine>,
    unread: usize,
}

#[derive(Template)]
#[template(path = "notices_count.html")]
struct NoticeCount {
    count: i64,
}

/// "2026-06-18T00:05:00Z" at UTC+7 → "18/06/2026 07:05".
fn local_time_vi(stamp: &str, offset_hours: i8) -> String {
    stamp.parse::<DateTime<Utc>>().map_or_else(
        |_| stamp.to_owned(),
        |at| (at + chrono::Duration::hours(i64::from(offset_hours))).format("%d/%m/%Y %H:%M").to_string(),
    )
}

async fn notices(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let offset = state.config.reminders.utc_offset_hours;
    let notices: Vec<NoticeLine> = state
        .store
        .notices(session.user.id, NOTICES_SHOWN)
        .await?
        .into_iter()
        .map(|notice| {
            let mut lines = notice.text.lines().map(str::to_owned);
            NoticeLine {
                id: notice.id,
                when: local_time_vi(&notice.created_at, offset),
                title: lines.next().unwrap_or_default(),
                lines: lines.collect(),
                link: notice.link,
                unread: notice.read_at.is_none(),
            }
        })
        .collect();
    let unread = notices.iter().filter(|n| n.unread).count();
    Ok(html(&NoticesPage { chrome: Chrome::of(session), notices, unread }))
}

async fn unread_count(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let count = state.store.unread_notices(session.user.id).await?;
    Ok(html(&NoticeCount { count }))
}

async fn mark_read(State(state): State<AppState>, user: SignedIn, Path(id): Path<i64>) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let at = state.clock.stamp();
    state.store.mark_notices_read(session.user.id, Some(id), &at).await?;
    Ok(Redirect::to("/thong-bao").into_response())
}

async fn mark_all_read(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let at = state.clock.stamp();
    state.store.mark_notices_read(session.user.id, None, &at).await?;
    Ok(Redirect::to("/thong-bao").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct Which {
    ky: Option<String>,
    #[serde(rename = "don-vi")]
    org: Option<String>,
}

struct ReminderLine {
    day: String,
    recipient: String,
    email: String,
    unit: String,
    plan: String,
    period: String,
    reason: String,
    due: String,
    report: &'static str,
    mail: String,
    failed: bool,
}

struct UnitChoice {
    id: i64,
    name: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    chrome: Chrome,
    period: String,
    units: Vec<UnitChoice>,
    reminders: Vec<ReminderLine>,
}

/// How a reminder's mail went, in words.
fn mail_vi(reminder: &SentReminder, offset: i8) -> String {
    match reminder.status {
        DigestStatus::Sent => {
            let when = reminder.sent_at.as_deref().map(|t| local_time_vi(t, offset)).unwrap_or_default();
            format!("Đã gửi {when}")
        }
        DigestStatus::Failed => format!(
            "Gửi lỗi (lần {}): {}; sẽ gửi lại",
            reminder.attempts,
            reminder.error.as_deref().unwrap_or("không rõ lỗi")
        ),
        DigestStatus::Sending => "Đang gửi".to_owned(),
        DigestStatus::NoticeOnly => "Chỉ thông báo trong ứng dụng".to_owned(),
    }
}

async fn reminders(
    State(state): State<AppState>,
    user: SignedIn,
    Query(which): Query<Which>,
) -> Result<Response, WebError> {
    let session = user.require(READ_REMINDERS)?;
    let ky = which.ky.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let period = ky
        .map(|text| Period::parse(text).ok_or_else(|| WebError::Invalid(format!("Kỳ \"{text}\" không hợp lệ."))))
        .transpose()?;
    let org = match which.org.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        Some(text) => {
            Some(text.parse::<i64>().map_err(|_| WebError::Invalid(format!("Đơn vị \"{text}\" không hợp lệ.")))?)
        }
        None => None,
    };
    let offset = state.config.reminders.utc_offset_hours;
    let plans: HashMap<String, String> = state.store.plans().await?.into_iter().map(|p| (p.key, p.title)).collect();
    let mut orgs: Vec<(i64, String)> = state.store.orgs().await?.into_iter().map(|o| (o.id, o.name)).collect();
    orgs.sort_by(|a, b| a.1.cmp(&b.1));
    let names: HashMap<i64, &str> = orgs.iter().map(|(id, name)| (*id, name.as_str())).collect();
    let filter = ReminderFilter { period, org, limit: None };
    // Addresses are personal data: administrators see them, monitors see whom, not where.
    let show_email = session.user.role == UserRole::Admin;
    let reminders = state
        .store
        .reminders(&filter)
        .await?
        .iter()
        .map(|r| ReminderLine {
            day: r.day.to_string(),
            recipient: r.display_name.clone(),
            email: r.email.clone().filter(|_| show_email).unwrap_or_default(),
            unit: names.get(&r.org).map_or_else(|| r.org.to_string(), |name| (*name).to_owned()),
            plan: plans.get(&r.plan_key).cloned().unwrap_or_else(|| r.plan_key.clone()),
            period: r.period.label_vi(),
            reason: reason_vi(r.reason),
            due: r.due.to_string(),
            report: state_vi(r.report_state),
            mail: mail_vi(r, offset),
            failed: r.status == DigestStatus::Failed,
        })
        .collect();
    let units = orgs.into_iter().map(|(id, name)| UnitChoice { id, name, chosen: org == Some(id) }).collect();
    let period = period.map(|p| p.to_string()).unwrap_or_default();
    Ok(html(&RemindersPage { chrome: Chrome::of(session), period, units, reminders }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_in_local_time_as_dd_mm_yyyy() {
        assert_eq!(local_time_vi("2026-06-17T17:05:00Z", 7), "18/06/2026 00:05");
        assert_eq!(local_time_vi("không phải giờ", 7), "không phải giờ");
    }
}
