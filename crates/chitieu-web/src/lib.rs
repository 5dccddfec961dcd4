//! chitieu's web app: server-rendered Vietnamese pages (askama templates, htmx served from the
//! binary), the JSON API under `/api/v1`, sign-in with argon2id passwords, server-side
//! sessions, CSRF tokens on every form, sign-in rate limiting and the security headers.
//!
//! [`router`] builds the whole app over an [`AppState`]; [`serve`] runs it on a listener.

mod api;
mod assets;
mod auth;
pub mod config;
mod download;
mod error;
mod headers;
mod pages;
pub mod reminders;
mod state;

use std::net::SocketAddr;

use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};
use tokio::net::TcpListener;

pub use auth::{READ_PLANS, SignedIn};
pub use config::{Config, ConfigError};
pub use error::WebError;
pub use reminders::{ReminderRun, run_reminders, spawn_reminders};
pub use state::AppState;

/// Every route of the app. Sessions are loaded and CSRF tokens checked once, in a layer, for
/// all of them; each handler then states which roles it admits. Bodies are limited to 64 KiB
/// but on the upload routes, which set their own limits; every answer gets the security headers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/plans", get(api::plans))
        .route("/plans/{id}", get(api::plan))
        .route("/orgs", get(api::orgs))
        .route("/plans/{id}/items", get(api::items))
        .route("/plans/{id}/obligations", get(api::obligations))
        .route("/plans/{id}/links", get(api::links))
        .route("/plans/{id}/checks", get(api::checks))
        .route("/plans/{id}/subplans", get(api::subplans))
        .route("/plans/{id}/evaluation", get(api::verdicts))
        .route("/plans/{id}/rollups", get(api::rollups))
        .route("/plans/{id}/ranking", get(api::ranking))
        .route("/indicators/{code}", get(api::indicator))
        .route("/ranking", get(api::national))
        .route("/reports/{plan_id}/{period}", get(api::report))
        .route("/reports/{plan_id}/{period}/values", get(api::values))
        .layer(axum::middleware::map_response(error::as_json));
    Router::new()
        .route("/", get(|| async { Redirect::to("/ke-hoach") }))
        .route("/dang-nhap", get(pages::sign_in::form).post(pages::sign_in::submit))
        .route("/dang-xuat", post(pages::sign_in::sign_out))
        .route("/ke-hoach", get(pages::plans::list))
        .route("/ke-hoach/{id}", get(pages::plans::show))
        .route("/ke-hoach/{id}/so-cap-duyet", post(pages::plans::set_approvals))
        .route("/static/{file}", get(assets::serve))
        .merge(pages::reporting_routes())
        .merge(pages::dashboard::routes())
        .merge(pages::import::routes())
        .merge(pages::cascade::routes())
        .merge(pages::notices::routes())
        .nest("/api/v1", api)
        .route("/api/openapi.json", get(api::openapi_json))
        .fallback(|| async { WebError::NotFound("Không có trang này.".into()) })
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::session::load))
        .layer(axum::extract::DefaultBodyLimit::max(auth::session::FORM_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), headers::secure))
        .with_state(state)
}

/// Serves the app on `listener` until Ctrl-C or SIGTERM, finishing the requests under way.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
