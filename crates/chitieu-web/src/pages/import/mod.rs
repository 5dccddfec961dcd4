//! `/nhap-ke-hoach`: an admin or monitor uploads a plan document, sees it read (the appendix
//! table, the warnings, the unit names that did not resolve exactly), settles those names and
//! publishes. Nothing reaches the store before "Công bố": until then the upload waits in
//! memory ([`pending`]).

mod names;
pub(crate) mod pending;
mod upload;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chitieu_core::ItemKind;
use chitieu_core::registry::{Registry, Resolution};
use chitieu_store::{Level, PlanImport, Session, Store as _, UserRole};

use crate::auth::SignedIn;
use crate::auth::cookie::random_token;
use crate::clock::stamp;
use crate::error::WebError;
use crate::pages::view::{PlanHead, PlanTable};
use crate::pages::{Chrome, html};
use crate::state::AppState;
use names::{ChoiceOption, OpenName};
use pending::PendingImport;

/// Who may import plans.
pub(crate) const IMPORT_PLANS: &[UserRole] = &[UserRole::Admin, UserRole::Monitor];

/// The import pages' routes, with room in the body for a document.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/nhap-ke-hoach", get(form).post(receive))
        .route("/nhap-ke-hoach/{token}", get(preview).post(publish))
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
    open: Vec<OpenName>,
    units: Vec<ChoiceOption>,
    groups: Vec<ChoiceOption>,
}

async fn form(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    Ok(html(&form_page(&state, session, None).await?))
}

async fn form_page(state: &AppState, session: &Session, error: Option<String>) -> Result<FormPage, WebError> {
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
        units: registry.orgs.iter().map(|o| ChoiceOption { value: o.id.to_string(), label: o.name.clone() }).collect(),
        levels,
        parents,
    })
}

/// Reads the uploaded document and keeps it, unstored, for the preview.
async fn receive(
    State(state): State<AppState>,
    user: SignedIn,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    let refuse = |message: String| async {
        let page = form_page(&state, session, Some(message)).await?;
        Ok::<_, WebError>((StatusCode::BAD_REQUEST, html(&page)).into_response())
    };
    let upload = match upload::read(multipart).await {
        Ok(upload) => upload,
        Err(message) => return refuse(message).await,
    };
    let plan = match chitieu_import::read_plan(&upload.file_name, &upload.bytes) {
        Ok(plan) => plan,
        Err(error) => return refuse(format!("Không đọc được văn bản «{}»: {error}", upload.file_name)).await,
    };
    if let Some(issuer) = upload.issuer
        && !state.store.orgs().await?.iter().any(|org| org.id == issuer)
    {
        return refuse("Cơ quan ban hành đã chọn không có trong danh mục đơn vị.".to_owned()).await;
    }
    let token = random_token().map_err(WebError::internal)?;
    let now = state.clock.now();
    let pending = PendingImport {
        owner: session.user.id,
        file_name: upload.file_name,
        bytes: upload.bytes,
        plan,
        issuer: upload.issuer,
        level: upload.level,
        parent_key: upload.parent_key,
        uploaded_at: now,
    };
    state.imports.insert(token.clone(), pending, now);
    let to = format!("/nhap-ke-hoach/{token}");
    if headers.contains_key("hx-request") {
        let mut response = StatusCode::OK.into_response();
        let target = HeaderValue::from_str(&to).map_err(WebError::internal)?;
        response.headers_mut().insert("hx-redirect", target);
        return Ok(response);
    }
    Ok(Redirect::to(&to).into_response())
}

fn waiting(state: &AppState, session: &Session, token: &str) -> Result<PendingImport, WebError> {
    state.imports.get(token, session.user.id, state.clock.now()).ok_or_else(|| {
        WebError::NotFound("Bản nhập này đã hết hạn (sau 1 giờ) hoặc không còn. Hãy tải văn bản lên lại.".to_owned())
    })
}

/// The uploaded plan as it would be stored, with the names left to settle.
async fn preview(
    State(state): State<AppState>,
    user: SignedIn,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let session = user.require(IMPORT_PLANS)?;
    let pending = waiting(&state, session, &token)?;
    let registry = state.store.registry().await?;
    let resolver = registry.resolver();
    let issuer_name = pending.issuer.and_then(|id| registry.orgs.iter().find(|o| o.id == id)).map(|o| o.name.clone());
    let head = PlanHead::draft(
        &pending.plan.title,
        pending.level,
        issuer_name.unwrap_or_default(),
        &stamp(pending.uploaded_at),
    );
    let plan = PlanTable::parsed(&pending.plan, head, |name| {
        matches!(resolver.resolve(name, pending.issuer), Resolution::Org { .. } | Resolution::Group { .. })
    });
    let count = |kind: ItemKind| pending.plan.items.iter().filter(|i| i.kind == kind).count();
    let (units, groups) = names::all_choices(&registry);
    let page = PreviewPage {
        chrome: Chrome::of(session),
        csrf: session.csrf_token.clone(),
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
    let (actor, at) = (session.user.username.as_str(), stamp(state.clock.now()));
    let text = std::str::from_utf8(&pending.bytes)
        .ok()
        .filter(|_| chitieu_import::Format::detect(&pending.file_name, &pending.bytes) == chitieu_import::Format::Text);
    let import = PlanImport {
        plan: &pending.plan,
        source_bytes: &pending.bytes,
        source_text: text,
        issuer: pending.issuer,
        level: pending.level,
        parent_key: pending.parent_key.as_deref(),
        key: None,
        actor,
        at: &at,
    };
    // The plan and the names settled here are stored in one transaction: all or nothing.
    let outcome = state.store.import_plan_confirmed(import, &choices).await?;
    if outcome.status == chitieu_store::ImportStatus::Unchanged {
        // The same document was stored before: only the names settled now are new.
        for (name, choice) in &choices {
            state.store.confirm_name(outcome.plan_id, name, choice, actor, &at).await?;
        }
    }
    state.imports.remove(&token);
    Ok(Redirect::to(&format!("/ke-hoach/{}", outcome.plan_id)).into_response())
}
