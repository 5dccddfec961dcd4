//! The headers every answer carries, set in one layer: a Content-Security-Policy that runs only
//! the app's own scripts and styles (htmx, Chart.js and the chart script are served from the
//! binary under `/static`; the dashboards' `<script type="application/json">` blocks are data,
//! never run, so `script-src 'self'` leaves them working) and lets no other site frame a page;
//! the same refusal for old browsers (`X-Frame-Options`); no MIME sniffing; no address sent to
//! other sites; `Cache-Control: no-store` on everything but the static assets (signed-in pages
//! and API answers must not stay in a shared or back-button cache); and HSTS when the app is
//! configured to be reached over https.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                      connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
                      form-action 'self'; frame-ancestors 'none'";
/// A year: browsers then refuse plain http to this host for that long.
const HSTS: &str = "max-age=31536000";

pub(crate) async fn secure(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let asset = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, POLICY);
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    if !asset {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if state.config.server.is_https() {
        set(headers, header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}
