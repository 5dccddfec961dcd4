//! The layer in front of every route: finds the client's address, loads the session named by
//! the request's cookie (once, for the handlers to find; a session unused for the configured
//! idle time has ended), and for any state-changing request refuses a foreign `Origin`, a form
//! over [`FORM_LIMIT`] or holding a NUL character, and a CSRF token that does not match (the
//! session's token, or before sign-in the sign-in form's signed token and cookie).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use chitieu_app::clock::stamp;
use chitieu_store::Session;
use serde::Deserialize;

use crate::auth::cookie;
use crate::error::WebError;
use crate::state::AppState;

/// The header that may carry the CSRF token instead of the form field `csrf` (htmx, uploads).
const CSRF_HEADER: &str = "x-csrf-token";
/// The largest form (and, through `DefaultBodyLimit`, any other body but uploads') accepted.
pub(crate) const FORM_LIMIT: usize = 64 * 1024;
/// A session's last use is written at most this often (not on every request).
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// The session of the request, if any (put in the request's extensions by [`load`]).
#[derive(Debug, Clone)]
pub(crate) struct Visitor(pub(crate) Option<Session>);

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Visitor>().cloned().unwrap_or(Visitor(None)))
    }
}

/// The client's address: the socket's peer, or, when the peer is the configured trusted proxy,
/// the last address of its `X-Forwarded-For` (the one the proxy saw); 0.0.0.0 when the server
/// was not started with connection info.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub(crate) IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<ClientIp>().copied().unwrap_or(ClientIp(peer(parts.extensions.get()))))
    }
}

fn peer(info: Option<&ConnectInfo<SocketAddr>>) -> IpAddr {
    info.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

fn client_ip(state: &AppState, request: &Request) -> IpAddr {
    let peer = peer(request.extensions().get());
    if state.config.server.trusted_proxy != Some(peer) {
        return peer;
    }
    request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|address| address.trim().parse::<IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

#[derive(Deserialize)]
struct CsrfField {
    csrf: Option<String>,
}

pub(crate) async fn load(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match checked(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn checked(state: &AppState, mut request: Request) -> Result<Request, WebError> {
    if request.uri().query().is_some_and(has_nul) {
        return Err(nul());
    }
    let ip = client_ip(state, &request);
    request.extensions_mut().insert(ClientIp(ip));
    let session = match cookie::get(request.headers(), state.cookies().session()) {
        Some(id) => open_session(state, id).await?,
        None => None,
    };
    let mut request =
        if is_safe(request.method()) { request } else { check_post(state, session.as_ref(), request).await? };
    request.extensions_mut().insert(Visitor(session));
    Ok(request)
}

/// The session `id` names if it is open and was used within the idle time; its use is recorded.
async fn open_session(state: &AppState, id: &str) -> Result<Option<Session>, WebError> {
    let now = state.clock.now();
    let idle = chrono::Duration::minutes(i64::from(state.config.server.session_idle_minutes));
    let Some(session) = state.store.session(id, &stamp(now), &stamp(now - idle)).await? else { return Ok(None) };
    if session.last_seen_at <= stamp(now - TOUCH_EVERY) {
        state.store.touch_session(id, &stamp(now)).await?;
    }
    Ok(Some(session))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether percent-encoded or form text holds a NUL (which PostgreSQL cannot store in text).
fn has_nul(encoded: &str) -> bool {
    let lower = encoded.to_ascii_lowercase();
    lower.contains("%00") || lower.contains('\0')
}

fn nul() -> WebError {
    WebError::Invalid("Biểu mẫu có ký tự NUL (mã 0), không lưu được. Hãy xoá ký tự đó rồi gửi lại.".into())
}

/// Whether a state-changing request comes from the app's own pages: browsers name the page's
/// origin in `Origin` (non-browser clients send none, and carry no victim's cookies).
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else { return true };
    let Some(origin) = origin.to_str().ok().and_then(|o| o.split_once("://")) else { return false };
    let public = state.config.server.public_url.as_deref().and_then(|url| url.split_once("://"));
    let public_host = public.map(|(scheme, rest)| (scheme, rest.split('/').next().unwrap_or_default()));
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    public_host == Some(origin) || host.is_some_and(|host| host.eq_ignore_ascii_case(origin.1))
}

async fn check_post(state: &AppState, session: Option<&Session>, request: Request) -> Result<Request, WebError> {
    let (parts, body) = request.into_parts();
    if !same_origin(state, &parts.headers) {
        return Err(WebError::Csrf);
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (field, body) = if is_form {
        let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|_| WebError::TooLarge)?;
        if bytes.contains(&0) || std::str::from_utf8(&bytes).is_ok_and(has_nul) {
            return Err(nul());
        }
        let field = serde_urlencoded::from_bytes::<CsrfField>(&bytes).ok().and_then(|f| f.csrf);
        (field, Body::from(bytes))
    } else {
        (None, body)
    };
    let header_token = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let given = header_token.or(field);
    let expected = match session {
        Some(session) => Some(session.csrf_token.clone()),
        None => cookie::get(&parts.headers, state.cookies().sign_in_csrf())
            .filter(|token| state.sign_in_tokens.verify(token, state.clock.now()))
            .map(str::to_owned),
    };
    match (expected, given) {
        (Some(expected), Some(given)) if cookie::same_token(&expected, &given) => Ok(Request::from_parts(parts, body)),
        _ => Err(WebError::Csrf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_encoded_or_raw() {
        assert!(has_nul("a=%00") && has_nul("a=b%00c") && has_nul("x\0"));
        assert!(!has_nul("a=%2000&b=100"));
    }
}
