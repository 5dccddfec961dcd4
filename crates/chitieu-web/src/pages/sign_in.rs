//! Signing in and out: `/dang-nhap` (the form, and its POST) and `POST /dang-xuat`.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use chitieu_store::NewSession;
use serde::Deserialize;

use crate::auth::session::{ClientIp, Visitor};
use chitieu_app::clock::stamp;
use chitieu_app::password;

use crate::auth::cookie;
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// How long a session lasts: a working day.
const SESSION_HOURS: i64 = 10;
/// Where a signed-in user lands.
const HOME: &str = "/ke-hoach";

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    chrome: Chrome,
    csrf: &'a str,
    username: &'a str,
    error: Option<&'a str>,
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    username: String,
    password: String,
}

pub(crate) async fn form(visitor: Visitor, headers: axum::http::HeaderMap) -> Result<Response, WebError> {
    if visitor.0.is_some() {
        return Ok(Redirect::to(HOME).into_response());
    }
    let token = match cookie::get(&headers, cookie::SIGN_IN_CSRF) {
        Some(token) if token.len() == 64 => token.to_owned(),
        _ => cookie::random_token().map_err(WebError::internal)?,
    };
    let page = SignInPage { chrome: Chrome::anonymous(), csrf: &token, username: "", error: None };
    Ok(([(header::SET_COOKIE, cookie::set(cookie::SIGN_IN_CSRF, &token, None))], html(&page)).into_response())
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let now = state.clock.now();
    state
        .limiter
        .check(&form.username, ip, now)
        .map_err(|retry_after_secs| WebError::TooManyAttempts { retry_after_secs })?;
    let found = state.store.user(&form.username).await?;
    let user = {
        let (password, hash) = (form.password.clone(), found.as_ref().map(|(_, hash)| hash.clone()));
        let matches = tokio::task::spawn_blocking(move || password::check(&password, hash.as_deref()))
            .await
            .map_err(WebError::internal)?;
        found.filter(|(user, _)| matches && user.active).map(|(user, _)| user)
    };
    let Some(user) = user else {
        state.limiter.failed(&form.username, ip, now);
        tracing::info!(username = %form.username, %ip, "sign-in refused");
        let token = cookie::get(&headers, cookie::SIGN_IN_CSRF).unwrap_or_default();
        let page = SignInPage {
            chrome: Chrome::anonymous(),
            csrf: token,
            username: &form.username,
            error: Some("Tên đăng nhập hoặc mật khẩu không đúng."),
        };
        return Ok((StatusCode::UNAUTHORIZED, html(&page)).into_response());
    };
    state.limiter.succeeded(&form.username, ip);
    let session = NewSession {
        id: cookie::random_token().map_err(WebError::internal)?,
        user_id: user.id,
        csrf_token: cookie::random_token().map_err(WebError::internal)?,
        created_at: stamp(now),
        expires_at: stamp(now + chrono::Duration::hours(SESSION_HOURS)),
    };
    state.store.create_session(&session).await?;
    let cookies = AppendHeaders([
        (header::SET_COOKIE, cookie::set(cookie::SESSION, &session.id, Some(SESSION_HOURS * 3600))),
        (header::SET_COOKIE, cookie::set(cookie::SIGN_IN_CSRF, "", Some(0))),
    ]);
    Ok((cookies, Redirect::to(HOME)).into_response())
}

pub(crate) async fn sign_out(State(state): State<AppState>, visitor: Visitor) -> Result<Response, WebError> {
    if let Some(session) = visitor.0 {
        state.store.delete_session(&session.id, &state.clock.stamp()).await?;
    }
    let cookies = [(header::SET_COOKIE, cookie::set(cookie::SESSION, "", Some(0)))];
    Ok((cookies, Redirect::to("/dang-nhap")).into_response())
}
