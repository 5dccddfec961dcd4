//! `/nhap-ke-hoach`: an admin or monitor uploads a plan document, sees it read (the appendix
//! table, the warnings, the unit names that did not resolve exactly), settles those names and
//! publishes. The document is read in the background, one at a time ([`reading`]); a reading
//! that takes longer than a moment has a progress page ([`progress`]). Nothing reaches the
//! store before "Công bố": until then the upload waits in memory ([`pending`]).

mod names;
pub(crate) mod pending;
mod progress;
pub(crate) mod reading;
mod upload;

use std::time::Duration;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chitieu_app::access::may_manage_plans_of;
use chitieu_app::plans::{self, Document, Origin, Publisher};
use chitieu_core::ItemKind;
use chitieu_core::registry::{Registry, Resolution};
use chitieu_store::{Level, Session, UserRole};

use crate::auth::SignedIn;
use crate::auth::cookie::random_token;
use crate::error::WebError;
use crate::pages::view::{PlanHead, PlanTable};
use crate::pages::{Chrome, html};
use crate::state::AppState;
use names::{ChoiceOption, OpenName};
use pending::PendingImport;
use reading::{Choices, Stage};

/// How long an upload waits for its document to be read before it shows the progress page.
const QUICK_READ: Duration = Duration::from_millis(1500);

/// Who may import plans.
pub(crate) const IMPORT_PLANS: &[UserRole] = &[UserRole::Admin, UserRole::Monitor];

/// The import pages' routes, with room in the body for a document.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/nhap-ke-hoach", get(form).post(receive))
        .route("/nhap-ke-hoach/{token}", get(show).post(publish))
        .route("/nhap-ke-hoach/{token}/tien-do", get(progress::fragment))
        .layer(DefaultBodyLimit::max(upload::MAX_BODY))
}

#[derive(Template)]
#[template(path = "import_form.html")]
struct FormPage {
    chrome: Chrome,
    csrf: String,
    error: Option<String>,
    units: Vec<ChoiceOption>,
    levels: Vec<ChoiceOption>,
    parents: Vec<ChoiceOption>,
    /// The options chosen with a refused document, shown selected again.
    issuer: String,
    level: String,
    parent: String,
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct PreviewPage {
    chrome: Chrome,
    csrf: String,
    token: String,
    file_name: String,
    parent_key: String,
    indicators: usize,
    tasks: usize,
    expires: String,
    plan: PlanTable,
    /// The reader's warnings about OCR, shown apart from the others.
    unsure: Vec<String>,
    open: Vec<OpenName>,
    units: Vec<ChoiceOption>,
    groups: Vec<ChoiceOption>,
}

async fn form(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    Ok(html(&form_page(&state, session, None, &Choices::default()).await?))
}

async fn form_page(
    state: &AppState,
    session: &Session,
    error: Option<String>,
    chosen: &Choices,
) -> Result<FormPage, WebError> {
    let registry = state.store.registry().await?;
    let mut parents: Vec<ChoiceOption> = Vec::new();
    for plan in state.store.plans().await? {
        if !parents.iter().any(|p| p.value == plan.key) {
            parents.push(ChoiceOption { value: plan.key, label: plan.title });
        }
    }
    let levels = [(Level::Province, "Tỉnh"), (Level::City, "Thành phố"), (Level::Commune, "Xã")]
        .into_iter()
        .map(|(level, label)| ChoiceOption { value: level.as_str().to_owned(), label: label.to_owned() })
        .collect();
    Ok(FormPage {
        chrome: Chrome::of(session),
        csrf: session.csrf_token.clone(),
        error,
        // Only the units this person may publish for: its own and those under it.
        units: registry
            .orgs
            .iter()
            .filter(|o| may_manage_plans_of(session, &registry, Some(o.id)).is_ok())
            .map(|o| ChoiceOption { value: o.id.to_string(), label: o.name.clone() })
            .collect(),
        levels,
        parents,
        issuer: chosen.issuer.map(|id| id.to_string()).unwrap_or_default(),
        level: chosen.level.map(|level| level.as_str().to_owned()).unwrap_or_default(),
        parent: chosen.parent_key.clone().unwrap_or_default(),
    })
}

/// The upload form again, with `message` saying why the document was refused.
async fn refused(state: &AppState, session: &Session, message: String, chosen: &Choices) -> Result<Response, WebError> {
    let page = form_page(state, session, Some(message), chosen).await?;
    Ok((StatusCode::BAD_REQUEST, html(&page)).into_response())
}

/// Queues the uploaded document to be read; sends the browser to its preview when it is read
/// within [`QUICK_READ`], else to its progress page (the same address).
async fn receive(
    State(state): State<AppState>,
    user: SignedIn,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    let upload = match upload::read(multipart).await {
        Ok(upload) => upload,
        Err(message) => return refused(&state, session, message, &Choices::default()).await,
    };
    let chosen = Choices::of(&upload);
    let registry = state.store.registry().await?;
    if let Some(issuer) = upload.issuer
        && !registry.orgs.iter().any(|org| org.id == issuer)
    {
        let message = "Cơ quan ban hành đã chọn không có trong danh mục đơn vị.".to_owned();
        return refused(&state, session, message, &chosen).await;
    }
    if let Err(denied) = may_manage_plans_of(session, &registry, upload.issuer) {
        let page = form_page(&state, session, Some(denied.to_string()), &chosen).await?;
        return Ok((StatusCode::FORBIDDEN, html(&page)).into_response());
    }
    let token = random_token().map_err(WebError::internal)?;
    let Some(read) = reading::start(&state, &token, session.user.id, upload) else {
        let message = "Máy chủ đang đọc nhiều văn bản; hãy thử lại sau ít phút.".to_owned();
        return refused(&state, session, message, &chosen).await;
    };
    if tokio::time::timeout(QUICK_READ, read).await.is_ok()
        && let Some(job) = state.readings.job(&token, session.user.id, state.clock.now())
        && let Stage::Failed { message, .. } = job.stage
    {
        // Refused at once: the form says why, as it always did.
        state.readings.remove(&token);
        return refused(&state, session, message, &job.choices).await;
    }
    let to = format!("/nhap-ke-hoach/{token}");
    if headers.contains_key("hx-request") {
        let mut response = StatusCode::OK.into_response();
        let target = HeaderValue::from_str(&to).map_err(WebError::internal)?;
        response.headers_mut().insert("hx-redirect", target);
        return Ok(response);
    }
    Ok(Redirect::to(&to).into_response())
}

/// The answer for an upload that is not (or no longer) there, or not the user's.
fn gone() -> WebError {
    WebError::NotFound("Bản nhập này đã hết hạn (sau 1 giờ) hoặc không còn. Hãy tải văn bản lên lại.".to_owned())
}

fn waiting(state: &AppState, session: &Session, token: &str) -> Result<PendingImport, WebError> {
    state.imports.get(token, session.user.id, state.clock.now()).ok_or_else(gone)
}

/// `/nhap-ke-hoach/{token}`: the progress page while the document is read, the form with its
/// refusal if it could not be, else the preview.
async fn show(State(state): State<AppState>, user: SignedIn, Path(token): Path<String>) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    // A job goes only once its plan is pending: looking at the jobs first never misses both.
    match state.readings.job(&token, session.user.id, state.clock.now()) {
        Some(job) => match job.stage {
            Stage::Failed { message, .. } => refused(&state, session, message, &job.choices).await,
            Stage::Waiting | Stage::Reading { .. } => Ok(progress::page(session, &token, &job)),
        },
        None => preview(&state, session, token).await,
    }
}

/// The uploaded plan as it would be stored, with the names left to settle.
async fn preview(state: &AppState, session: &Session, token: String) -> Result<Response, WebError> {
    let pending = waiting(state, session, &token)?;
    let registry = state.store.registry().await?;
    let resolver = registry.resolver();
    let issuer_name = pending.issuer.and_then(|id| registry.orgs.iter().find(|o| o.id == id)).map(|o| o.name.clone());
    let head = PlanHead::draft(
        &pending.plan.title,
        pending.level,
        issuer_name.unwrap_or_default(),
        &chitieu_app::clock::stamp(pending.uploaded_at),
    );
    let mut plan = PlanTable::parsed(&pending.plan, head, |name| {
        matches!(resolver.resolve(name, pending.issuer), Resolution::Org { .. } | Resolution::Group { .. })
    });
    let count = |kind: ItemKind| pending.plan.items.iter().filter(|i| i.kind == kind).count();
    let (units, groups) = names::all_choices(&registry);
    let page = PreviewPage {
        chrome: Chrome::of(session),
        csrf: session.csrf_token.clone(),
        unsure: take_ocr_warnings(&mut plan.warnings),
        open: names::open_names(&pending.plan, &registry, pending.issuer),
        indicators: count(ItemKind::Indicator),
        tasks: count(ItemKind::Task),
        expires: (pending.uploaded_at + pending::LIFETIME).format("%H:%M UTC").to_string(),
        token,
        file_name: pending.file_name,
        parent_key: pending.parent_key.unwrap_or_default(),
        plan,
        units,
        groups,
    };
    Ok(html(&page))
}

/// "Công bố": stores the plan, then the names the user settled, and shows the stored plan.
async fn publish(
    State(state): State<AppState>,
    user: SignedIn,
    Path(token): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    let pending = waiting(&state, session, &token)?;
    let registry: Registry = state.store.registry().await?;
    let choices = names::chosen(&form, &pending.plan, &registry)?;
    let document = Document { name: &pending.file_name, bytes: &pending.bytes, plan: &pending.plan };
    let origin =
        Origin { issuer: pending.issuer, level: pending.level, parent_key: pending.parent_key.as_deref(), key: None };
    let who = Publisher::Person(session);
    let outcome = plans::publish(&state.store, who, document, origin, &choices, &state.clock.stamp()).await?;
    state.imports.remove(&token);
    Ok(Redirect::to(&format!("/ke-hoach/{}", outcome.plan_id)).into_response())
}

/// The reader's warnings about OCR ("page 3: OCR is unsure of 5 words (…); check them against
/// the scan": the reader names OCR in each), taken out of `warnings` to be shown apart.
fn take_ocr_warnings(warnings: &mut Vec<String>) -> Vec<String> {
    let (ocr, others) = std::mem::take(warnings).into_iter().partition(|w| w.contains("OCR"));
    *warnings = others;
    ocr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warnings_about_ocr_are_taken_apart_in_order() {
        let mut warnings = vec![
            "Dòng 4: no target read".to_owned(),
            "page 2: OCR is unsure of 3 words (\"Só\", \"ngày\", \"UBND\"); check them against the scan".to_owned(),
            "page 5: 40 of 60 characters are in a font without a Unicode map; the page is read by OCR".to_owned(),
        ];
        let unsure = take_ocr_warnings(&mut warnings);
        assert_eq!(warnings, ["Dòng 4: no target read"]);
        assert_eq!(unsure.len(), 2);
        assert!(unsure[0].starts_with("page 2: OCR is unsure") && unsure[1].starts_with("page 5"));
    }
}
