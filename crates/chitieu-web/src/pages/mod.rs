//! The server-rendered pages: what every page shows around its content ([`Chrome`]), and the
//! one way a template becomes a response.

pub(crate) mod plans;
pub(crate) mod sign_in;
mod view;

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
