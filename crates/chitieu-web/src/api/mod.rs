//! The JSON API under `/api/v1`, with the pages' permissions, and its OpenAPI 3.1 document
//! (generated from the handlers' annotations, served at `/api/openapi.json`).

mod csv_safe;
mod evaluation;
mod indicators;
mod links;
mod obligations;
mod orgs;
mod plans;
mod reports;

use axum::Json;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

pub(crate) use evaluation::{national, ranking, rollups, verdicts};
pub(crate) use indicators::indicator;
pub(crate) use links::{checks, links, subplans};
pub(crate) use obligations::obligations;
pub(crate) use orgs::orgs;
pub(crate) use plans::{items, plan, plans};
pub(crate) use reports::{report, values};

/// Every error of the API: `{"error": {"status": 403, "message": "…"}}` (the message in
/// Vietnamese). Built by `error::as_json`; this type only describes it.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApiError {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    /// The HTTP status again.
    #[schema(example = 403)]
    status: u16,
    #[schema(example = "Tài khoản của bạn không có quyền làm việc này.")]
    message: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "chitieu API",
        description = "Theo dõi chỉ tiêu, nhiệm vụ: kế hoạch, đơn vị, nghĩa vụ báo cáo, báo cáo và lịch sử giá trị. \
                       Read-only JSON with the web pages' permissions; sign in at /dang-nhap for the session cookie."
    ),
    paths(
        plans::plans,
        plans::plan,
        plans::items,
        orgs::orgs,
        obligations::obligations,
        links::links,
        links::checks,
        links::subplans,
        reports::report,
        reports::values,
        evaluation::verdicts,
        evaluation::rollups,
        evaluation::ranking,
        evaluation::national,
        indicators::indicator,
    ),
    components(schemas(ApiError, ErrorDetail, evaluation::Verdict, evaluation::Rollup, evaluation::RankedUnit, evaluation::NationalPlace, indicators::Indicator, indicators::UnitValue)),
    modifiers(&SessionCookie),
    security(("session" = [])),
    tags((name = "chitieu", description = "Kế hoạch và báo cáo"))
)]
pub(crate) struct ApiDoc;

/// The session cookie that signing in at `/dang-nhap` sets.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::cookie::SESSION,
                "Phiên đăng nhập (HttpOnly), đặt khi đăng nhập ở /dang-nhap.",
            ))),
        );
    }
}

/// `GET /api/openapi.json`: the document, public.
pub(crate) async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Reads a period from the API's `2026-Q2` / `2026` text; anything else is a 400.
fn period(text: Option<&str>) -> Result<chitieu_core::period::Period, crate::error::WebError> {
    let text = text.unwrap_or_default();
    chitieu_core::period::Period::parse(text).ok_or_else(|| {
        crate::error::WebError::Invalid(format!(
            "Kỳ báo cáo \"{text}\" không hợp lệ: viết 2026-Q2 (quý) hoặc 2026 (năm). \
             Invalid period \"{text}\": use 2026-Q2 (a quarter) or 2026 (a year)."
        ))
    })
}
