//! The server-rendered pages: what every page shows around its content ([`Chrome`]), and the
//! one way a template becomes a response.

pub(crate) mod cascade;
pub(crate) mod dashboard;
pub(crate) mod export;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod notices;
pub(crate) mod periods;
pub(crate) mod plans;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod sign_in;
pub(crate) mod values;
mod view;
pub(crate) mod work;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use chitieu_store::{Session, UserRole};

/// The frame of every page: assets, and the signed-in user with the sign-out form's token.
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    pub(crate) css: &'static str,
    pub(crate) htmx: &'static str,
    pub(crate) user: Option<UserChrome>,
}

#[derive(Debug, Clone)]
pub(crate) struct UserChrome {
    pub(crate) name: String,
    pub(crate) role: &'static str,
    pub(crate) csrf: String,
}

impl Chrome {
    pub(crate) fn anonymous() -> Self {
        Chrome { css: crate::assets::css_href(), htmx: crate::assets::HTMX_HREF, user: None }
    }

    pub(crate) fn of(session: &Session) -> Self {
        let user = UserChrome {
            name: session.user.display_name.clone(),
            role: role_vi(session.user.role),
            csrf: session.csrf_token.clone(),
        };
        Chrome { user: Some(user), ..Chrome::anonymous() }
    }
}

pub(crate) fn role_vi(role: UserRole) -> &'static str {
    match role {
        UserRole::Admin => "Quản trị",
        UserRole::Leader => "Lãnh đạo",
        UserRole::Monitor => "Theo dõi, đôn đốc",
        UserRole::Reporter => "Báo cáo",
        UserRole::Approver => "Phê duyệt",
    }
}

/// Renders a page; a template that fails to render is a server fault, logged.
pub(crate) fn html<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => crate::error::WebError::internal(e).into_response(),
    }
}

/// The reporting loop's routes: my unit's work, the report form and its evidence, the review
/// queue, a report's history and the period locks.
pub(crate) fn reporting_routes() -> axum::Router<crate::state::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/viec-cua-toi", get(work::show))
        .route("/bao-cao-tong-hop/{plan_id}/{file}", get(export::download))
        .route("/bao-cao/ty-le", get(report::percent))
        .route("/bao-cao/{plan_id}/{period}", get(report::show).post(report::save))
        .route(
            "/bao-cao/{plan_id}/{period}/minh-chung",
            post(report::evidence::upload).layer(axum::extract::DefaultBodyLimit::max(report::evidence::UPLOAD_LIMIT)),
        )
        .route("/minh-chung/{id}", get(report::evidence::download))
        .route("/duyet", get(review::queue))
        .route("/duyet/{id}", post(review::decide))
        .route("/lich-su/{id}", get(history::show))
        .route("/ky-bao-cao", get(periods::list).post(periods::lock))
}
