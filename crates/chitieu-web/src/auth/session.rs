//! The layer in front of every route: loads the session named by the request's cookie (once,
//! for the handlers to find), and refuses any state-changing request whose CSRF token does not
//! match (the session's token, or before sign-in the sign-in form's cookie).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use chitieu_store::Session;
use serde::Deserialize;

use crate::auth::cookie;
use crate::error::WebError;
use crate::state::AppState;

/// The header that may carry the CSRF token instead of the form field `csrf` (htmx, uploads).
const CSRF_HEADER: &str = "x-csrf-token";
/// Forms are small: their body is read (to find the token) up to this size.
const FORM_LIMIT: usize = 256 * 1024;

/// The session of the request, if any (put in the request's extensions by [`load`]).
#[derive(Debug, Clone)]
pub(crate) struct Visitor(pub(crate) Option<Session>);

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Visitor>().cloned().unwrap_or(Visitor(None)))
    }
}

/// The client's address (the socket's peer; 0.0.0.0 when the server was not started with
/// connection info).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub(crate) IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
        Ok(ClientIp(peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
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

async fn checked(state: &AppState, request: Request) -> Result<Request, WebError> {
    let session = match cookie::get(request.headers(), cookie::SESSION) {
        Some(id) => state.store.session(id, &state.clock.stamp()).await?,
        None => None,
    };
    let mut request = if is_safe(request.method()) { request } else { check_csrf(session.as_ref(), request).await? };
    request.extensions_mut().insert(Visitor(session));
    Ok(request)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

async fn check_csrf(session: Option<&Session>, request: Request) -> Result<Request, WebError> {
    let expected = match session {
        Some(session) => Some(session.csrf_token.clone()),
        None => cookie::get(request.headers(), cookie::SIGN_IN_CSRF).map(str::to_owned),
    };
    let (parts, body) = request.into_parts();
    let header_token = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (given, body) = match header_token {
        Some(token) => (Some(token), body),
        None if is_form => {
            let bytes = axum::body::to_bytes(body, FORM_LIMIT)
                .await
                .map_err(|_| WebError::Invalid("Biểu mẫu quá lớn.".into()))?;
            let field = serde_urlencoded::from_bytes::<CsrfField>(&bytes).ok().and_then(|f| f.csrf);
            (field, Body::from(bytes))
        }
        None => (None, body),
    };
    match (expected, given) {
        (Some(expected), Some(given)) if cookie::same_token(&expected, &given) => Ok(Request::from_parts(parts, body)),
        _ => Err(WebError::Csrf),
    }
}
