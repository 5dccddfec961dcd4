//! Evidence files of a report: upload (multipart, bounded, typed by content in the store) and
//! download, each with the report's permissions.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Redirect, Response};
use chitieu_store::NewEvidence;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::report::{Context, Unit};
use crate::state::AppState;
use chitieu_app::access::{may_read, may_write};

/// The request body an upload may have: the largest file plus the form around it.
pub(crate) const UPLOAD_LIMIT: usize = chitieu_store::MAX_EVIDENCE_BYTES + 64 * 1024;

pub(crate) async fn upload(
    State(state): State<AppState>,
    user: SignedIn,
    Path((plan_id, period)): Path<(i64, String)>,
    Query(unit): Query<Unit>,
    mut form: Multipart,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let ctx = Context::load(&state, session, plan_id, &period, unit.org).await?;
    may_write(session, ctx.org)?;
    let unreadable = |e: axum::extract::multipart::MultipartError| WebError::Invalid(format!("Tệp gửi lên lỗi: {e}"));
    let (mut item_key, mut file) = (String::new(), None);
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("muc") => item_key = field.text().await.map_err(unreadable)?,
            Some("tep") => {
                let name = field.file_name().unwrap_or("minh-chung").to_owned();
                file = Some((name, field.bytes().await.map_err(unreadable)?));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| WebError::Invalid("Chưa chọn tệp minh chứng.".into()))?;
    if !item_key.is_empty() && !ctx.owes(&item_key) {
        return Err(WebError::Invalid("Mục này không có trong báo cáo.".into()));
    }
    let at = state.clock.stamp();
    let actor = session.user.username.as_str();
    let report_id = state
        .store
        .report_id(&ctx.key)
        .await?
        .ok_or_else(|| WebError::Invalid("Hãy lưu nháp báo cáo trước khi đính kèm minh chứng.".into()))?;
    let evidence = NewEvidence { item_key: &item_key, file_name: &name, bytes: &bytes };
    state.store.add_evidence(report_id, evidence, actor, &at).await?;
    Ok(Redirect::to(&ctx.address()).into_response())
}

pub(crate) async fn download(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let (meta, bytes) = state.store.evidence_file(id).await?;
    let report = state.store.report(meta.report_id).await?;
    may_read(&state.store, session, report.head.org, Some(report.head.id)).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    let content_type = HeaderValue::from_str(&meta.content_type).map_err(WebError::internal)?;
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let disposition = crate::download::attachment(&meta.file_name, &meta.content_type, &format!("minh-chung-{id}"));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    Ok(response)
}
