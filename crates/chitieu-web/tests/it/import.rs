//! Black-box tests of the import page (`/nhap-ke-hoach`): upload, the reading's progress,
//! preview, settle names, publish, over the real router on 127.0.0.1:0 with a fresh SQLite
//! store and the built-in registry.

use std::sync::Arc;
use std::time::Duration;

use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{NewUser, SqlStore, Store as _, UserRole};
use chitieu_web::{AppState, ManualClock, hash_password};
use reqwest::StatusCode;

const AT: &str = "2026-11-23T08:00:00Z";
const SEED_004: &[u8] = include_bytes!("../../../../fixtures/seeds/004_b92706629730df53.txt");
const DOCX_001: &[u8] = include_bytes!("../../../../fixtures/office/001.docx");
/// A real plan with a text layer: Hà Nội's 100-day digital transformation push, 12 pages.
const PDF_HN: &[u8] = include_bytes!("../../../../fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf");
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
const PASSWORD: &str = "mật khẩu đúng";
const BOUNDARY: &str = "chitieu-test-boundary";

/// A running app over its own database with the built-in registry and one account per role
/// used here: "quantri" (admin), "theodoi" (monitor), "baocao" (reporter).
#[derive(Clone)]
struct App {
    base: String,
    browser: reqwest::Client,
    store: SqlStore,
    clock: Arc<ManualClock>,
    /// The server's state, to hold its turn at reading documents.
    state: AppState,
    _dir: Arc<tempfile::TempDir>,
}

impl App {
    async fn start() -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            chitieu_store::connect(&format!("sqlite:{}", dir.path().join("web.db").display())).await.expect("store");
        for (name, bytes) in [("orgs.csv", ORGS), ("groups.csv", GROUPS)] {
            match read_registry(name, bytes).expect("registry") {
                RegistryFile::Orgs(records) => store.import_orgs(&records, "test", AT).await.expect("orgs"),
                RegistryFile::Groups(records) => store.import_groups(&records, "test", AT).await.expect("groups"),
            };
        }
        for (username, role) in
            [("quantri", UserRole::Admin), ("theodoi", UserRole::Monitor), ("baocao", UserRole::Reporter)]
        {
            let user = NewUser {
                username: username.into(),
                display_name: username.into(),
                org: None,
                role,
                password_hash: hash_password(PASSWORD).expect("hash"),
                email: None,
            };
            store.add_user(user, "test", AT).await.expect("user");
        }
        let clock = Arc::new(ManualClock::new(AT.parse().expect("time")));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = AppState::new(store.clone(), clock.clone());
        tokio::spawn(chitieu_web::serve(listener, state.clone()));
        let browser = reqwest::Client::builder().cookie_store(true).build().expect("HTTP client");
        App { base, browser, store, clock, state, _dir: Arc::new(dir) }
    }

    /// The same app through another browser, not signed in.
    fn another_browser(&self) -> App {
        App { browser: reqwest::Client::builder().cookie_store(true).build().expect("HTTP client"), ..self.clone() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.browser.get(self.url(path)).send().await.expect("GET")
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.browser.post(self.url(path)).form(form).send().await.expect("POST")
    }

    /// Signs in as `username` and returns the session's CSRF token.
    async fn sign_in(&self, username: &str) -> String {
        let form = self.get("/dang-nhap").await.text().await.expect("sign-in page");
        let csrf = csrf_in(&form);
        let landed = self.post("/dang-nhap", &[("csrf", &csrf), ("username", username), ("password", PASSWORD)]).await;
        assert_eq!(landed.url().path(), "/ke-hoach", "{username} signs in");
        csrf_in(&landed.text().await.expect("plans page"))
    }

    /// The id of the registered unit with this name.
    async fn org_id(&self, name: &str) -> i64 {
        self.store.orgs().await.expect("orgs").iter().find(|o| o.name == name).expect(name).id
    }

    /// Uploads `bytes` as `file_name` on the import form, as htmx sends it (multipart, the CSRF
    /// token in its header), with the given issuer and level.
    async fn upload(&self, csrf: &str, file_name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> reqwest::Response {
        self.browser
            .post(self.url("/nhap-ke-hoach"))
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .header("x-csrf-token", csrf)
            .body(multipart(file_name, bytes, fields))
            .send()
            .await
            .expect("upload")
    }

    /// Polls the progress bar of the upload at `path` as htmx does until the reading is over
    /// (the bar asks for a reload), then opens the page: the preview, or the refusal.
    async fn after_reading(&self, path: &str) -> reqwest::Response {
        let bar = format!("{path}/tien-do");
        for _ in 0..30_000 {
            let response = self.get(&bar).await;
            if response.headers().get("hx-refresh").is_some_and(|v| v == "true") {
                return self.get(path).await;
            }
            assert_eq!(response.status(), StatusCode::OK, "the bar of {path}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the reading of {path} never ended");
    }
}

fn multipart(file_name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field on the page") + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

/// The value of the first `attribute="…"` after `after` in `html`.
fn attribute_after(html: &str, after: &str, attribute: &str) -> String {
    let from = html.find(after).unwrap_or_else(|| panic!("{after} on the page"));
    let marker = format!(r#"{attribute}=""#);
    let start = from + html[from..].find(&marker).expect("the attribute") + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

async fn text(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn an_admin_uploads_seed_004_settles_an_ocr_name_and_publishes_and_only_then_is_it_stored() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune"), ("ke_hoach_cha", "")];

    let preview = app.upload(&csrf, "004.txt", SEED_004, &fields).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let path = preview.url().path().to_owned();
    assert!(path.starts_with("/nhap-ke-hoach/"), "the upload lands on its preview: {path}");
    let page = preview.text().await.expect("preview");
    assert!(page.contains("38 chỉ tiêu"), "{page}");
    assert!(page.contains("Xã Gia Viễn (mẫu)") && page.contains("Cấp xã"));
    assert!(page.contains(r#"<table class="appendix">"#) && page.contains("Phòng VH-XH"));
    let row = page.split("<tr>").find(|row| row.contains(r#"value="VP HỖND - UBND""#)).expect("the OCR name's row");
    let proposals = row.split(r#"<optgroup label="Đề xuất">"#).nth(1).expect("proposals").split("</optgroup>").next();
    assert!(proposals.is_some_and(|p| p.contains("Văn phòng HĐND - UBND")), "{row}");
    assert!(app.store.plans().await.expect("plans").is_empty(), "nothing is stored on upload");
    assert_eq!(app.get(&path).await.status(), StatusCode::OK, "the preview can be opened again");
    assert!(app.store.plans().await.expect("plans").is_empty(), "nor on preview");

    let index = attribute_after(row, "", "name").trim_start_matches("ten-").to_owned();
    let choice = attribute_after(row, r#"<optgroup label="Đề xuất">"#, "value");
    let (name_field, choice_field) = (format!("ten-{index}"), format!("chon-{index}"));
    let form = [("csrf", csrf.as_str()), (name_field.as_str(), "VP HỖND - UBND"), (choice_field.as_str(), &choice)];
    let published = app.post(&path, &form).await;
    let (status, plan_page) = (published.status(), published.url().path().to_owned());
    assert_eq!(status, StatusCode::OK);
    let id: i64 = plan_page.trim_start_matches("/ke-hoach/").parse().expect("lands on the stored plan");

    let stored = app.store.plan(id).await.expect("stored plan");
    assert_eq!(stored.issuer_id.map(|i| i.to_string()), Some(issuer));
    assert_eq!(stored.level.as_deref(), Some("commune"));
    let office = app.org_id("Văn phòng HĐND - UBND").await;
    let written: Vec<_> =
        stored.items.iter().flat_map(|i| &i.assignments).filter(|a| a.raw == "VP HỖND - UBND").collect();
    assert!(!written.is_empty());
    assert!(written.iter().all(|a| a.status == "confirmed" && a.org_id == Some(office)), "{written:?}");
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND, "a published upload is gone");
}

#[tokio::test]
async fn a_name_left_as_it_is_stays_unresolved() {
    let app = App::start().await;
    let csrf = app.sign_in("theodoi").await;
    let preview = app.upload(&csrf, "004.txt", SEED_004, &[]).await;
    let path = preview.url().path().to_owned();
    let page = preview.text().await.expect("preview");
    let row = page.split("<tr>").find(|row| row.contains(r#"value="VP HỖND - UBND""#)).expect("the OCR name's row");
    let name_field = attribute_after(row, "", "name");
    let choice_field = name_field.replace("ten-", "chon-");
    let form = [("csrf", csrf.as_str()), (name_field.as_str(), "VP HỖND - UBND"), (choice_field.as_str(), "")];
    let id: i64 = app.post(&path, &form).await.url().path().trim_start_matches("/ke-hoach/").parse().expect("stored");
    let stored = app.store.plan(id).await.expect("stored plan");
    let written = stored.items.iter().flat_map(|i| &i.assignments).find(|a| a.raw == "VP HỖND - UBND");
    assert!(written.is_some_and(|a| a.org_id.is_none() && a.status != "confirmed"));
}

#[tokio::test]
async fn a_reporter_cannot_open_the_import_page_nor_upload() {
    let app = App::start().await;
    let csrf = app.sign_in("baocao").await;
    assert_eq!(app.get("/nhap-ke-hoach").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.upload(&csrf, "004.txt", SEED_004, &[]).await.status(), StatusCode::FORBIDDEN);
    let list = app.get("/ke-hoach").await.text().await.expect("plans page");
    assert!(!list.contains(r#"href="/nhap-ke-hoach""#), "no link for a reporter");
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn the_plans_list_links_the_import_page_for_admins_and_monitors() {
    for user in ["quantri", "theodoi"] {
        let app = App::start().await;
        app.sign_in(user).await;
        let list = app.get("/ke-hoach").await.text().await.expect("plans page");
        assert!(list.contains(r#"href="/nhap-ke-hoach""#), "{user}");
        let (status, form) = text(app.get("/nhap-ke-hoach").await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains(r#"name="tep""#) && form.contains("Xã Gia Viễn (mẫu)") && form.contains("Thành phố"));
    }
}

#[tokio::test]
async fn empty_pdf_and_damaged_files_are_refused_with_the_readers_message_naming_the_file() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let (status, page) = text(app.upload(&csrf, "trong-rong.txt", b"", &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains(r#"role="alert""#) && page.contains("trong-rong.txt"), "{page}");
    assert!(page.contains("empty"), "the reader's own words");

    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    let (status, page) = text(app.upload(&csrf, "ke-hoach.pdf", pdf, &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("ke-hoach.pdf") && page.contains("PDF"), "{page}");

    let (status, page) = text(app.upload(&csrf, "hong.docx", b"PK\x03\x04 not really a zip", &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("hong.docx"), "{page}");
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn a_tcvn3_document_is_read_in_unicode() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let tcvn3 = "\nSTT\tChØ tiªu\t§¬n vÞ chñ tr×\n1.\tTû lÖ phñ sãng 5G trªn d©n sè ®¹t tèi thiÓu 70%\tSë KH&CN\n";
    let landed = app.upload(&csrf, "cu.txt", tcvn3.as_bytes(), &[]).await;
    let path = landed.url().path().to_owned();
    let (status, page) = text(app.after_reading(&path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Tỷ lệ phủ sóng 5G trên dân số") && page.contains("Sở KH&#38;CN"), "{page}");
}

#[tokio::test]
async fn a_document_over_20_mib_is_refused_naming_the_file() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let big = vec![b'a'; 20 * 1024 * 1024 + 1];
    let (status, page) = text(app.upload(&csrf, "qua-lon.txt", &big, &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("qua-lon.txt") && page.contains("20 MiB"), "{page}");
}

#[tokio::test]
async fn an_upload_without_the_csrf_header_is_refused() {
    let app = App::start().await;
    app.sign_in("quantri").await;
    let response = app
        .browser
        .post(app.url("/nhap-ke-hoach"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart("004.txt", SEED_004, &[]))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_docx_plan_previews_and_htmx_is_sent_to_its_preview() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let response = app
        .browser
        .post(app.url("/nhap-ke-hoach"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("x-csrf-token", &csrf)
        .header("hx-request", "true")
        .body(multipart("001.docx", DOCX_001, &[]))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::OK);
    let to = response.headers().get("hx-redirect").and_then(|v| v.to_str().ok()).expect("HX-Redirect").to_owned();
    let (status, page) = text(app.get(&to).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("001.docx") && page.contains(r#"<table class="appendix">"#), "{page}");
    assert!(page.contains("Công bố"));
}

#[tokio::test]
async fn an_upload_expires_after_an_hour() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let path = app.upload(&csrf, "004.txt", SEED_004, &[]).await.url().path().to_owned();
    app.clock.advance(chrono::Duration::minutes(59));
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
    app.clock.advance(chrono::Duration::minutes(1));
    let (status, page) = text(app.get(&path).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("hết hạn"));
    assert_eq!(app.post(&path, &[("csrf", &csrf)]).await.status(), StatusCode::NOT_FOUND);
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn another_user_cannot_open_or_publish_someone_elses_upload() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let path = app.upload(&csrf, "004.txt", SEED_004, &[]).await.url().path().to_owned();
    let other = app.another_browser();
    let other_csrf = other.sign_in("theodoi").await;
    assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.post(&path, &[("csrf", &other_csrf)]).await.status(), StatusCode::NOT_FOUND);
    assert!(other.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn a_pdf_with_a_text_layer_reaches_the_preview_with_its_items() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let landed = app.upload(&csrf, "kh-cao-diem.pdf", PDF_HN, &[]).await;
    assert_eq!(landed.status(), StatusCode::OK);
    let path = landed.url().path().to_owned();
    assert!(path.starts_with("/nhap-ke-hoach/"), "the preview, or the progress page on its way: {path}");
    let (status, page) = text(app.after_reading(&path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("kh-cao-diem.pdf") && page.contains(r#"<table class="appendix">"#), "{page}");
    assert!(page.contains("18 chỉ tiêu, 15 nhiệm vụ"), "{page}");
    assert!(page.contains("Dữ liệu đất đai, địa chính, môi trường") && page.contains("Sở Quy hoạch - Kiến trúc"));
    assert!(page.contains("Công bố"));
    assert!(app.store.plans().await.expect("plans").is_empty(), "nothing is stored on upload");
}

#[tokio::test]
async fn an_upload_waits_its_turn_on_a_progress_page_that_only_its_uploader_sees() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune")];
    let turn = app.state.hold_document_reading().await;

    let landed = app.upload(&csrf, "004.txt", SEED_004, &fields).await;
    let path = landed.url().path().to_owned();
    let (status, page) = text(landed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(path.starts_with("/nhap-ke-hoach/"), "{path}");
    assert!(page.contains("Đang chờ đến lượt") && page.contains("«004.txt»"), "{page}");
    assert!(page.contains("<progress"), "{page}");
    assert!(page.contains(&format!(r#"hx-get="{path}/tien-do" hx-trigger="every 1s""#)), "{page}");
    assert!(page.contains(r#"<noscript><meta http-equiv="refresh" content="2"></noscript>"#), "{page}");
    let bar = app.get(&format!("{path}/tien-do")).await;
    assert!(bar.headers().get("hx-refresh").is_none(), "still waiting");
    let (status, bar) = text(bar).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bar.contains("Đang chờ đến lượt") && !bar.contains("<html"), "the bar alone: {bar}");

    let other = app.another_browser();
    let other_csrf = other.sign_in("theodoi").await;
    assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.get(&format!("{path}/tien-do")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.post(&path, &[("csrf", &other_csrf)]).await.status(), StatusCode::NOT_FOUND);

    drop(turn);
    let (status, page) = text(app.after_reading(&path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("38 chỉ tiêu") && page.contains("Xã Gia Viễn (mẫu)"), "the preview: {page}");
    assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND, "nor the preview");
}

#[tokio::test]
async fn a_document_refused_after_its_wait_shows_the_form_with_the_reason_and_the_choices_made() {
    let app = App::start().await;
    let csrf = app.sign_in("quantri").await;
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune")];
    let turn = app.state.hold_document_reading().await;
    let landed = app.upload(&csrf, "hong.docx", b"PK\x03\x04 not really a zip", &fields).await;
    let path = landed.url().path().to_owned();
    assert!(text(landed).await.1.contains("Đang chờ đến lượt"));

    drop(turn);
    let (status, page) = text(app.after_reading(&path).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains(r#"role="alert""#) && page.contains("«hong.docx»"), "{page}");
    assert!(page.contains(&format!(r#"<option value="{issuer}" selected>"#)), "the issuer chosen: {page}");
    assert!(page.contains(r#"<option value="commune" selected>"#), "the level chosen: {page}");
    assert_eq!(app.get(&path).await.status(), StatusCode::BAD_REQUEST, "the refusal stays to be read again");
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND, "and expires as uploads do");
}
