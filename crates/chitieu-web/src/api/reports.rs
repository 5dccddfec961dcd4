//! One unit's report in JSON: its status, version and current values, and every revision of
//! its values. Readable by exactly whom the report page admits (`pages::access::may_read`).

use axum::Json;
use axum::extract::{Path, Query, State};
use chitieu_store::{ReportHead, ReportKey, ReportStatus, Session, ValueRevision};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, IntoResponses, ToSchema};

use crate::api::ApiError;
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;
use chitieu_app::access::may_read;

/// Which report: a plan version and a period.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct Which {
    /// The plan version's id.
    plan_id: i64,
    /// "2026-Q2" (a quarter) or "2026" (the year).
    #[param(example = "2026-Q2")]
    period: String,
}

/// Whose report: `?org=ID`, by default the signed-in user's unit.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Whose {
    /// The reporting unit's id.
    org: Option<i64>,
}

/// A report with the latest revision of each value.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReportOut {
    id: i64,
    plan_key: String,
    #[schema(example = "2026-Q2")]
    period: String,
    org: i64,
    /// "draft", "submitted", "returned" or "approved".
    #[schema(value_type = String, example = "submitted")]
    status: ReportStatus,
    /// Name it when writing: a stale version is a conflict.
    version: i64,
    /// ISO due date of the period.
    due_date: String,
    /// Submitted after the due date.
    late: bool,
    /// The period is locked: values cannot change.
    locked: bool,
    updated_at: String,
    submitted_at: Option<String>,
    submitted_by: Option<String>,
    reviewed_at: Option<String>,
    reviewed_by: Option<String>,
    /// Why a monitor returned the report.
    review_comment: Option<String>,
    values: Vec<RevisionOut>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ValueHistory {
    report_id: i64,
    /// Every revision of every value, oldest first.
    revisions: Vec<RevisionOut>,
}

/// One saved revision of one value: who, when, what.
#[derive(Serialize, ToSchema)]
pub(crate) struct RevisionOut {
    item_key: String,
    /// The sub-population, for items with several targets.
    subject: Option<String>,
    revision: i64,
    saved_by: String,
    saved_at: String,
    value: ValueOut,
}

/// A value as entered; which fields apply depends on the item's measure.
#[derive(Serialize, ToSchema)]
pub(crate) struct ValueOut {
    number: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    yes_no: Option<bool>,
    level: Option<String>,
    task_status: Option<String>,
    doc_number: Option<String>,
    doc_date: Option<String>,
    comment: Option<String>,
}

impl From<ValueRevision> for RevisionOut {
    fn from(r: ValueRevision) -> Self {
        let v = r.value;
        RevisionOut {
            item_key: v.item_key,
            subject: v.subject,
            revision: r.revision,
            saved_by: r.saved_by,
            saved_at: r.saved_at,
            value: ValueOut {
                number: v.number,
                numerator: v.numerator,
                denominator: v.denominator,
                yes_no: v.yes_no,
                level: v.level,
                task_status: v.task_status,
                doc_number: v.doc_number,
                doc_date: v.doc_date,
                comment: v.comment,
            },
        }
    }
}

impl ReportOut {
    fn new(head: ReportHead, values: Vec<ValueRevision>) -> Self {
        ReportOut {
            id: head.id,
            plan_key: head.plan_key,
            period: head.period.to_string(),
            org: head.org,
            status: head.status,
            version: head.version,
            due_date: head.due_date,
            late: head.late,
            locked: head.locked,
            updated_at: head.updated_at,
            submitted_at: head.submitted_at,
            submitted_by: head.submitted_by,
            reviewed_at: head.reviewed_at,
            reviewed_by: head.reviewed_by,
            review_comment: head.review_comment,
            values: values.into_iter().map(RevisionOut::from).collect(),
        }
    }
}

/// What reading a report can answer besides 200.
#[derive(IntoResponses)]
#[allow(dead_code)] // describes the `WebError`s `readable` returns; never built
enum ReportErrors {
    #[response(status = 400, description = "An unreadable period, or no unit")]
    BadRequest(ApiError),
    #[response(status = 401, description = "No session")]
    SignInRequired(ApiError),
    #[response(status = 403, description = "Not the user's unit, nor an item the user's unit monitors")]
    Forbidden(ApiError),
    #[response(status = 404, description = "No such plan, or the report is not started")]
    NotFound(ApiError),
}

/// The report's key and id, once the user may read it; 404 when the unit has not started it.
async fn readable(
    state: &AppState,
    session: &Session,
    which: &Which,
    org: Option<i64>,
) -> Result<(ReportKey, i64), WebError> {
    let period = super::period(Some(&which.period))?;
    let org = org.or(session.user.org).ok_or_else(|| {
        WebError::Invalid("Tài khoản chưa gắn với đơn vị nào: thêm ?org=ID. / No unit given: add ?org=ID.".into())
    })?;
    let plan = state.store.plan(which.plan_id).await?;
    let key = ReportKey { plan_key: plan.key, period, org };
    let id = state.store.report_id(&key).await?;
    may_read(&state.store, session, org, id).await?;
    let id = id.ok_or_else(|| {
        WebError::NotFound(
            "Đơn vị chưa bắt đầu báo cáo kỳ này. / The unit has not started this period's report.".into(),
        )
    })?;
    Ok((key, id))
}

/// A unit's report for a plan and period: status, version and current values.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period}", tag = "chitieu",
    params(Which, Whose),
    responses((status = 200, body = ReportOut), ReportErrors))]
pub(crate) async fn report(
    State(state): State<AppState>,
    user: SignedIn,
    Path(which): Path<Which>,
    Query(whose): Query<Whose>,
) -> Result<Json<ReportOut>, WebError> {
    let session = user.require(READ_PLANS)?;
    let (_, id) = readable(&state, session, &which, whose.org).await?;
    let report = state.store.report(id).await?;
    Ok(Json(ReportOut::new(report.head, report.values)))
}

/// Every revision of every value of a unit's report, oldest first.
#[utoipa::path(get, path = "/api/v1/reports/{plan_id}/{period}/values", tag = "chitieu",
    params(Which, Whose),
    responses((status = 200, body = ValueHistory), ReportErrors))]
pub(crate) async fn values(
    State(state): State<AppState>,
    user: SignedIn,
    Path(which): Path<Which>,
    Query(whose): Query<Whose>,
) -> Result<Json<ValueHistory>, WebError> {
    let session = user.require(READ_PLANS)?;
    let (key, id) = readable(&state, session, &which, whose.org).await?;
    let revisions = state.store.value_history(&key).await?.into_iter().map(RevisionOut::from).collect();
    Ok(Json(ValueHistory { report_id: id, revisions }))
}
