//! Signing in and out: `/dang-nhap` (the form, and its POST) and `POST /dang-xuat`. A sign-in
//! is refused (429) while its client address or its account is held after failures (see
//! [`crate::auth::limiter`]); the check comes before the password's.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use chitieu_store::NewSession;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::auth::session::{ClientIp, Visitor};
use chitieu_app::clock::stamp;
use chitieu_app::password;

use crate::auth::{cookie, limiter};
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

/// The form, with a fresh signed token (never one the request brings).
pub(crate) async fn form(State(state): State<AppState>, visitor: Visitor) -> Result<Response, WebError> {
    if visitor.0.is_some() {
        return Ok(Redirect::to(HOME).into_response());
    }
    let token = state.sign_in_tokens.issue(state.clock.now()).map_err(WebError::internal)?;
    let page = SignInPage { chrome: Chrome::anonymous(), csrf: &token, username: "", error: None };
    let cookies = state.cookies();
    Ok(([(header::SET_COOKIE, cookies.set(cookies.sign_in_csrf(), &token, None))], html(&page)).into_response())
}

/// Seconds from `now` to a stored time (at least 1).
fn seconds_until(until: &str, now: DateTime<Utc>) -> u64 {
    let until = until.parse::<DateTime<Utc>>().unwrap_or(now);
    (until - now).num_seconds().max(1).unsigned_abs()
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let now = state.clock.now();
    state.limiter.check(ip, now).map_err(|retry_after_secs| WebError::TooManyAttempts { retry_after_secs })?;
    if let Some(until) = state.store.sign_in_hold(&form.username, &stamp(now)).await? {
        return Err(WebError::TooManyAttempts { retry_after_secs: seconds_until(&until, now) });
    }
    let found = state.store.user(&form.username).await?;
    let user = {
        let (password, hash) = (form.password.clone(), found.as_ref().map(|(_, hash)| hash.clone()));
        let matches = tokio::task::spawn_blocking(move || password::check(&password, hash.as_deref()))
            .await
            .map_err(WebError::internal)?;
        found.filter(|(user, _)| matches && user.active).map(|(user, _)| user)
    };
    let Some(user) = user else {
        state.limiter.failed(ip, now);
        let forget_before = stamp(now - limiter::FORGET_AFTER);
        let failures = state.store.record_sign_in_failure(&form.username, &stamp(now), &forget_before).await?;
        if let Some(hold) = limiter::account_hold(failures) {
            state.store.hold_sign_ins(&form.username, &stamp(now + hold)).await?;
        }
        tracing::info!(username = %form.username, %ip, failures, "sign-in refused");
        let token = cookie::get(&headers, state.cookies().sign_in_csrf()).unwrap_or_default();
        let page = SignInPage {
            chrome: Chrome::anonymous(),
            csrf: token,
            username: &form.username,
            error: Some("Tên đăng nhập hoặc mật khẩu không đúng."),
        };
        return Ok((StatusCode::UNAUTHORIZED, html(&page)).into_response());
    };
    state.store.clear_sign_in_failures(&form.username).await?;
    let session = NewSession {
        id: cookie::random_token().map_err(WebError::internal)?,
        user_id: user.id,
        csrf_token: cookie::random_token().map_err(WebError::internal)?,
        created_at: stamp(now),
        expires_at: stamp(now + chrono::Duration::hours(SESSION_HOURS)),
    };
    state.store.create_session(&session).await?;
    let jar = state.cookies();
    let cookies = AppendHeaders([
        (header::SET_COOKIE, jar.set(jar.session(), &session.id, Some(SESSION_HOURS * 3600))),
        (header::SET_COOKIE, jar.set(jar.sign_in_csrf(), "", Some(0))),
    ]);
    Ok((cookies, Redirect::to(HOME)).into_response())
}

pub(crate) async fn sign_out(State(state): State<AppState>, visitor: Visitor) -> Result<Response, WebError> {
    if let Some(session) = visitor.0 {
        state.store.delete_session(&session.id, &state.clock.stamp()).await?;
    }
    let jar = state.cookies();
    let cookies = [(header::SET_COOKIE, jar.set(jar.session(), "", Some(0)))];
    Ok((cookies, Redirect::to("/dang-nhap")).into_response())
}
