//! `/bao-cao-tong-hop/{plan_id}/{ky}.xlsx|.pdf`: the consolidated report of a plan and period,
//! judged as of today, as a download — the same file `chitieu export report` writes.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chitieu_core::period::Period;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::state::AppState;
use chitieu_app::evaluation::{consolidated, evaluate};

pub(crate) async fn download(
    State(state): State<AppState>,
    user: SignedIn,
    Path((plan_id, file)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    user.require(READ_PLANS)?;
    let (period, extension) = file.rsplit_once('.').ok_or_else(|| not_a_file(&file))?;
    let period = Period::parse(period).ok_or_else(|| not_a_file(&file))?;
    let evaluated = evaluate(&state.store, plan_id, period, state.clock.today()).await?;
    let report = consolidated(&evaluated);
    let (bytes, mime) = match extension {
        "xlsx" => (
            chitieu_export::xlsx(&report).map_err(WebError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "pdf" => (chitieu_export::pdf(&report).map_err(WebError::internal)?, "application/pdf"),
        _ => return Err(not_a_file(&file)),
    };
    let name = format!("bao-cao-tong-hop-{plan_id}-{period}.{extension}");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

fn not_a_file(file: &str) -> WebError {
    WebError::Invalid(format!(
        "\"{file}\" không phải một báo cáo: viết kỳ và định dạng, ví dụ 2026-Q2.xlsx hoặc 2026-Q2.pdf."
    ))
}
