//! The page of an upload still being read: where it stands (waiting its turn, page i of n,
//! OCR of a scan), refreshed by htmx polling a small fragment each second (a `<noscript>`
//! refresh without JavaScript); once the reading is over the fragment has the browser reload
//! the page, which is then the preview or the refusal.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Response};
use chitieu_store::Session;

use super::IMPORT_PLANS;
use super::reading::{Job, Stage};
use crate::auth::SignedIn;
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// Where reading one document stands, as the page and its fragment show it.
#[derive(Debug)]
pub(super) struct Bar {
    token: String,
    file_name: String,
    waiting: bool,
    done: usize,
    /// 0 until the first page of a PDF has been read (and for other formats).
    pages: usize,
    ocr: bool,
}

impl Bar {
    fn of(token: &str, job: &Job) -> Self {
        let (waiting, done, pages, ocr) = match job.stage {
            Stage::Waiting => (true, 0, 0, false),
            Stage::Reading { done, pages, ocr } => (false, done, pages, ocr),
            Stage::Failed { .. } => (false, 0, 0, false),
        };
        Bar { token: token.to_owned(), file_name: job.file_name.clone(), waiting, done, pages, ocr }
    }
}

#[derive(Template)]
#[template(path = "import_progress.html")]
struct ProgressPage {
    chrome: Chrome,
    bar: Bar,
}

#[derive(Template)]
#[template(path = "import_progress_bar.html")]
struct ProgressFragment {
    bar: Bar,
}

/// The progress page of `job`, still waiting or being read.
pub(super) fn page(session: &Session, token: &str, job: &Job) -> Response {
    html(&ProgressPage { chrome: Chrome::of(session), bar: Bar::of(token, job) })
}

/// `/nhap-ke-hoach/{token}/tien-do`: the progress bar alone while the document is read; once
/// it is over (read, refused, or gone), an `HX-Refresh` that reloads the page.
pub(super) async fn fragment(
    State(state): State<AppState>,
    user: SignedIn,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    let (owner, now) = (session.user.id, state.clock.now());
    // A job goes only once its plan is pending: looking at the jobs first never misses both.
    let over = match state.readings.job(&token, owner, now) {
        Some(job) if !matches!(job.stage, Stage::Failed { .. }) => {
            return Ok(html(&ProgressFragment { bar: Bar::of(&token, &job) }));
        }
        Some(_) => true,
        None => state.imports.get(&token, owner, now).is_some(),
    };
    let mut response = if over { StatusCode::OK.into_response() } else { super::gone().into_response() };
    response.headers_mut().insert("hx-refresh", HeaderValue::from_static("true"));
    Ok(response)
}
