//! The report form of one unit for one plan and period (`/bao-cao/{plan_id}/{period}`): the
//! owed items with the input each measure needs, "Lưu nháp" and "Gửi". The form carries the
//! report version it showed; a save against a newer version answers 409 with both versions.

pub(crate) mod evidence;
mod lines;

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_app::AppError;
use chitieu_app::reports::{self, Intent, SaveError};
use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use chitieu_store::{ReportKey, ReportView, Session, StoredPlan, ValueInput};
use serde::Deserialize;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::values::{levels, task_statuses, value_vi};
use crate::pages::view::date_vi;
use crate::pages::{Chrome, html};
use crate::state::AppState;
use chitieu_app::access::{may_read, may_submit, may_write};
use lines::{Line, Posted};

/// Whose report: `?don-vi=ID`, by default the signed-in user's unit.
#[derive(Debug, Deserialize)]
pub(crate) struct Unit {
    #[serde(rename = "don-vi")]
    pub(crate) org: Option<OrgId>,
}

/// Everything the form and its actions read.
pub(crate) struct Context {
    pub(crate) plan: StoredPlan,
    pub(crate) period: Period,
    pub(crate) org: OrgId,
    pub(crate) key: ReportKey,
    pub(crate) report: Option<ReportView>,
    lines: Vec<Line>,
}

impl Context {
    pub(crate) async fn load(
        state: &AppState,
        session: &Session,
        plan_id: i64,
        period: &str,
        unit: Option<OrgId>,
    ) -> Result<Context, WebError> {
        let period = Period::parse(period).ok_or_else(|| WebError::NotFound("Không có kỳ báo cáo này.".into()))?;
        let org =
            unit.or(session.user.org).ok_or_else(|| WebError::Invalid("Tài khoản chưa gắn với đơn vị nào.".into()))?;
        let plan = state.store.plan(plan_id).await?;
        let key = ReportKey { plan_key: plan.key.clone(), period, org };
        let report = started(state, &key).await?;
        let owed: Vec<_> =
            state.store.obligations(plan_id, period).await?.into_iter().filter(|o| o.org == org).collect();
        let lines = lines::lines(&plan, &owed, report.as_ref());
        Ok(Context { plan, period, org, key, report, lines })
    }

    pub(crate) fn version(&self) -> i64 {
        self.report.as_ref().map_or(0, |r| r.head.version)
    }

    /// The item is on the form (owed this period, or already reported).
    pub(crate) fn owes(&self, item_key: &str) -> bool {
        self.lines.iter().any(|l| l.key == item_key)
    }

    pub(crate) fn address(&self) -> String {
        format!("/bao-cao/{}/{}?don-vi={}", self.plan.id, self.period, self.org)
    }
}

/// The unit's report for the plan and period, if one was started.
pub(crate) async fn started(state: &AppState, key: &ReportKey) -> Result<Option<ReportView>, WebError> {
    Ok(match state.store.report_id(key).await? {
        Some(id) => Some(state.store.report(id).await?),
        None => None,
    })
}

/// A file attached to the report, as listed.
struct FileLine {
    id: i64,
    name: String,
    size: String,
    uploaded: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    chrome: Chrome,
    title: String,
    period: String,
    org_name: String,
    action: String,
    upload: String,
    version: i64,
    report_id: i64,
    status: &'static str,
    due: String,
    late: bool,
    locked: bool,
    review_comment: String,
    lines: Vec<Line>,
    /// Why the last save did not happen, when it did not: the form shows what was typed.
    problems: Vec<String>,
    files: Vec<FileLine>,
    may: May,
    levels: Vec<&'static str>,
    task_statuses: Vec<(&'static str, &'static str)>,
}

/// What the signed-in user may do with this report now.
struct May {
    write: bool,
    submit: bool,
}

/// One line of the conflict page: what you sent and what is stored.
struct ConflictLine {
    code: String,
    text: String,
    yours: String,
    stored: String,
}

#[derive(Template)]
#[template(path = "conflict.html")]
struct ConflictPage {
    chrome: Chrome,
    address: String,
    your_version: i64,
    stored_version: i64,
    stored_by: String,
    stored_at: String,
    lines: Vec<ConflictLine>,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((plan_id, period)): Path<(i64, String)>,
    Query(unit): Query<Unit>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let ctx = Context::load(&state, session, plan_id, &period, unit.org).await?;
    may_read(&state.store, session, ctx.org, ctx.report.as_ref().map(|r| r.head.id)).await?;
    Ok(html(&page(&state, session, ctx, Vec::new()).await?))
}

/// The form of `ctx`; with `problems` (message, and the line it is about when it is about
/// one), the lines show what was typed and why it was not saved.
async fn page(
    state: &AppState,
    session: &Session,
    mut ctx: Context,
    problems: Vec<(Option<usize>, String)>,
) -> Result<ReportPage, WebError> {
    let org_name = state.store.orgs().await?.into_iter().find(|o| o.id == ctx.org).map(|o| o.name).unwrap_or_default();
    let head = ctx.report.as_ref().map(|r| &r.head);
    let editable = head.is_none_or(|h| h.status.editable() && !h.locked);
    let files = match head {
        Some(h) => state.store.evidence(h.id).await?,
        None => Vec::new(),
    };
    let problems: Vec<String> = problems
        .into_iter()
        .map(|(line, message)| {
            if let Some(line) = line.and_then(|at| ctx.lines.get_mut(at)) {
                line.error.clone_from(&message);
            }
            message
        })
        .collect();
    Ok(ReportPage {
        chrome: Chrome::of(session),
        title: ctx.plan.plan.title.clone(),
        period: ctx.period.to_string(),
        org_name,
        action: ctx.address(),
        upload: format!("/bao-cao/{}/{}/minh-chung?don-vi={}", ctx.plan.id, ctx.period, ctx.org),
        version: ctx.version(),
        report_id: head.map_or(0, |h| h.id),
        status: head.map_or("Chưa bắt đầu", |h| h.status.label_vi()),
        due: head.map_or_else(|| ctx.period.due(ctx.plan.plan.regime.as_ref()).to_string(), |h| date_vi(&h.due_date)),
        late: head.is_some_and(|h| h.late),
        locked: head.is_some_and(|h| h.locked),
        review_comment: head.and_then(|h| h.review_comment.clone()).unwrap_or_default(),
        may: May {
            write: editable && may_write(session, ctx.org).is_ok(),
            submit: editable && may_submit(session, ctx.org).is_ok(),
        },
        levels: levels(),
        task_statuses: task_statuses(),
        files: files
            .into_iter()
            .map(|f| FileLine {
                id: f.id,
                name: f.file_name,
                size: format!("{} KB", chitieu_core::display::number_vi((f.size as f64 / 1024.0).ceil())),
                uploaded: format!("{} ({})", date_vi(&f.uploaded_at), f.uploaded_by),
            })
            .collect(),
        problems,
        lines: ctx.lines,
    })
}

#[derive(Template)]
#[template(source = "{% if !percent.is_empty() %}= {{ percent }}{% endif %}", ext = "html")]
struct PercentFragment {
    percent: String,
}

/// The share a numerator and denominator make, for htmx to show while the user types
/// (`/bao-cao/ty-le?tu|KEY=..&mau|KEY=..`, any field names ending the same way).
pub(crate) async fn percent(user: SignedIn, Query(fields): Query<Vec<(String, String)>>) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let field = |prefix: &str| {
        fields
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .and_then(|(_, value)| chitieu_core::number::parse_number(value))
    };
    let percent = match (field("tu|"), field("mau|")) {
        (Some(n), Some(d)) if d > 0.0 => crate::pages::values::percent(n, d),
        _ => String::new(),
    };
    Ok(html(&PercentFragment { percent }))
}

/// "Lưu nháp" (`hanh-dong=luu`) saves the changed values; "Gửi" (`hanh-dong=gui`) saves them
/// and submits the report, in one transaction.
pub(crate) async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path((plan_id, period)): Path<(i64, String)>,
    Query(unit): Query<Unit>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let ctx = Context::load(&state, session, plan_id, &period, unit.org).await?;
    may_write(session, ctx.org)?;
    let posted = Posted(fields.into_iter().collect::<HashMap<_, _>>());
    let intent = if posted.0.get("hanh-dong").is_some_and(|a| a == "gui") { Intent::Submit } else { Intent::Save };
    let read: i64 = posted
        .0
        .get("version")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| WebError::Invalid("Biểu mẫu thiếu phiên bản báo cáo; hãy tải lại trang.".into()))?;
    let (changes, wrong) = posted.changes(&ctx.lines);
    // The same rules the save applies, line by line, so each problem shows beside its line.
    let mut problems: Vec<(Option<usize>, String)> = wrong.into_iter().map(|(at, why)| (Some(at), why)).collect();
    let past = reports::past_values(&state.store, &ctx.key).await?;
    for (at, value) in &changes {
        if let Err(why) = reports::plausible(&ctx.plan, value, reports::past_of(&past, value)) {
            problems.push((Some(*at), why.to_string()));
        }
    }
    if !problems.is_empty() {
        return not_saved(&state, session, ctx, &posted, (StatusCode::UNPROCESSABLE_ENTITY, problems)).await;
    }
    if read != ctx.version() {
        return Ok(conflict(session, &ctx, read, &changes));
    }
    let values: Vec<ValueInput> = changes.iter().map(|(_, v)| v.clone()).collect();
    match reports::save(&state.store, &state.clock, session, (&ctx.plan, &ctx.key), &values, read, intent).await {
        Ok(_) => Ok(Redirect::to(&ctx.address()).into_response()),
        Err(SaveError::Stale { read }) => {
            let fresh = Context::load(&state, session, plan_id, &period, Some(ctx.org)).await?;
            Ok(conflict(session, &fresh, read, &changes))
        }
        // Refused as a whole (a locked period, a report already sent…): the form again, as typed.
        Err(SaveError::App(AppError::Invalid(why))) => {
            not_saved(&state, session, ctx, &posted, (StatusCode::UNPROCESSABLE_ENTITY, vec![(None, why)])).await
        }
        Err(SaveError::App(AppError::Conflict(why))) => {
            not_saved(&state, session, ctx, &posted, (StatusCode::CONFLICT, vec![(None, why)])).await
        }
        Err(SaveError::App(e)) => Err(e.into()),
    }
}

/// The form again with everything as typed and each problem beside its line (422, or 409 when
/// the report or its period refuses any change): nothing saved, nothing lost.
async fn not_saved(
    state: &AppState,
    session: &Session,
    mut ctx: Context,
    posted: &Posted,
    (status, problems): (StatusCode, Vec<(Option<usize>, String)>),
) -> Result<Response, WebError> {
    for (at, line) in ctx.lines.iter_mut().enumerate() {
        let typed = posted.0.keys().any(|name| name.split_once('|').is_some_and(|(_, field)| field == line.field));
        if typed {
            line.typed(posted, problems.iter().find(|(line, _)| *line == Some(at)).map(|(_, why)| why.clone()));
        }
    }
    let page = page(state, session, ctx, problems).await?;
    Ok((status, html(&page)).into_response())
}

fn conflict(session: &Session, ctx: &Context, read: i64, changes: &[(usize, ValueInput)]) -> Response {
    let stored_value = |line: &Line| {
        ctx.report
            .as_ref()
            .and_then(|r| r.values.iter().find(|v| v.value.item_key == line.key && v.value.subject == line.subject))
    };
    let lines = changes
        .iter()
        .filter_map(|(_, yours)| {
            let line = ctx.lines.iter().find(|l| l.key == yours.item_key && l.subject == yours.subject)?;
            Some(ConflictLine {
                code: line.code.clone(),
                text: line.text.clone(),
                yours: value_vi(yours),
                stored: stored_value(line).map_or_else(|| "(trống)".to_owned(), |v| value_vi(&v.value)),
            })
        })
        .collect();
    let last = ctx.report.as_ref().and_then(|r| r.values.iter().max_by(|a, b| a.saved_at.cmp(&b.saved_at)));
    let page = ConflictPage {
        chrome: Chrome::of(session),
        address: ctx.address(),
        your_version: read,
        stored_version: ctx.version(),
        stored_by: last.map(|v| v.saved_by.clone()).unwrap_or_default(),
        stored_at: last.map(|v| date_vi(&v.saved_at)).unwrap_or_default(),
        lines,
    };
    (StatusCode::CONFLICT, html(&page)).into_response()
}
