//! Black-box tests of the import page (`/nhap-ke-hoach`): upload, the reading's progress,
//! preview, settle names, publish, over the real router on 127.0.0.1:0 with a fresh SQLite
//! store and the built-in registry.

use std::time::Duration;

use chitieu_store::{AssignmentStatus, UserRole};
use reqwest::StatusCode;

use crate::app::{Account, App, BOUNDARY, Browser, PASSWORD, SEED_004, Unit, csrf_in, multipart, text};

const DOCX_001: &[u8] = include_bytes!("../../../../fixtures/office/001.docx");
/// A real plan with a text layer: Hà Nội's 100-day digital transformation push, 12 pages.
const PDF_HN: &[u8] = include_bytes!("../../../../fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf");

/// The accounts used here, in no unit: "quantri" (admin), "theodoi" (monitor), "baocao"
/// (reporter).
const ACCOUNTS: [Account; 3] = [
    Account::new("quantri", UserRole::Admin, Unit::None).named("quantri"),
    // At the province's top, so it may publish for any unit below.
    Account::new("theodoi", UserRole::Monitor, Unit::Province).named("theodoi"),
    Account::new("baocao", UserRole::Reporter, Unit::None).named("baocao"),
];

/// A running app over its own database with the built-in registry and [`ACCOUNTS`], no plan.
async fn start() -> App {
    App::builder().at("2026-11-23T08:00:00Z").without_plan().accounts(&ACCOUNTS).start().await
}

/// A browser that follows redirects, signed in as `username`, with the session's CSRF token.
async fn signed_in(app: &App, username: &str) -> Browser {
    let mut browser = app.visitor();
    let landed = browser.submit_sign_in(username, PASSWORD).await;
    assert_eq!(landed.url().path(), "/ke-hoach", "{username} signs in");
    browser.csrf = csrf_in(&landed.text().await.expect("plans page"));
    browser
}

/// Uploads `bytes` as `file_name` on the import form, as htmx sends it (multipart, the CSRF
/// token in its header), with the given issuer and level.
async fn upload(browser: &Browser, file_name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> reqwest::Response {
    browser.send_multipart("/nhap-ke-hoach", fields, file_name, bytes).await
}

/// Polls the progress bar of the upload at `path` as htmx does until the reading is over
/// (the bar asks for a reload), then opens the page: the preview, or the refusal.
async fn after_reading(browser: &Browser, path: &str) -> reqwest::Response {
    let bar = format!("{path}/tien-do");
    for _ in 0..30_000 {
        let response = browser.open(&bar).await;
        if response.headers().get("hx-refresh").is_some_and(|v| v == "true") {
            return browser.open(path).await;
        }
        assert_eq!(response.status(), StatusCode::OK, "the bar of {path}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the reading of {path} never ended");
}

/// The value of the first `attribute="…"` after `after` in `html`.
fn attribute_after(html: &str, after: &str, attribute: &str) -> String {
    let from = html.find(after).unwrap_or_else(|| panic!("{after} on the page"));
    let marker = format!(r#"{attribute}=""#);
    let start = from + html[from..].find(&marker).expect("the attribute") + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

#[tokio::test]
async fn an_admin_uploads_seed_004_settles_an_ocr_name_and_publishes_and_only_then_is_it_stored() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let csrf = browser.csrf.clone();
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune"), ("ke_hoach_cha", "")];

    let preview = upload(&browser, "004.txt", SEED_004, &fields).await;
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
    assert_eq!(browser.open(&path).await.status(), StatusCode::OK, "the preview can be opened again");
    assert!(app.store.plans().await.expect("plans").is_empty(), "nor on preview");

    let index = attribute_after(row, "", "name").trim_start_matches("ten-").to_owned();
    let choice = attribute_after(row, r#"<optgroup label="Đề xuất">"#, "value");
    let (name_field, choice_field) = (format!("ten-{index}"), format!("chon-{index}"));
    let form = [("csrf", csrf.as_str()), (name_field.as_str(), "VP HỖND - UBND"), (choice_field.as_str(), &choice)];
    let published = browser.send_form(&path, &form).await;
    let (status, plan_page) = (published.status(), published.url().path().to_owned());
    assert_eq!(status, StatusCode::OK);
    let id: i64 = plan_page.trim_start_matches("/ke-hoach/").parse().expect("lands on the stored plan");

    let stored = app.store.plan(id).await.expect("stored plan");
    assert_eq!(stored.issuer_id.map(|i| i.to_string()), Some(issuer));
    assert_eq!(stored.level, Some(chitieu_store::Level::Commune));
    let office = app.org_id("Văn phòng HĐND - UBND").await;
    let written: Vec<_> =
        stored.items.iter().flat_map(|i| &i.assignments).filter(|a| a.raw == "VP HỖND - UBND").collect();
    assert!(!written.is_empty());
    assert!(written.iter().all(|a| a.status == AssignmentStatus::Confirmed && a.org_id == Some(office)), "{written:?}");
    assert_eq!(browser.open(&path).await.status(), StatusCode::NOT_FOUND, "a published upload is gone");
}

#[tokio::test]
async fn a_name_left_as_it_is_stays_unresolved() {
    let app = start().await;
    // Uploaded with no issuer: only a system administrator (tied to no unit) may publish it.
    let browser = signed_in(&app, "quantri").await;
    let csrf = browser.csrf.clone();
    let preview = upload(&browser, "004.txt", SEED_004, &[]).await;
    let path = preview.url().path().to_owned();
    let page = preview.text().await.expect("preview");
    let row = page.split("<tr>").find(|row| row.contains(r#"value="VP HỖND - UBND""#)).expect("the OCR name's row");
    let name_field = attribute_after(row, "", "name");
    let choice_field = name_field.replace("ten-", "chon-");
    let form = [("csrf", csrf.as_str()), (name_field.as_str(), "VP HỖND - UBND"), (choice_field.as_str(), "")];
    let id: i64 =
        browser.send_form(&path, &form).await.url().path().trim_start_matches("/ke-hoach/").parse().expect("stored");
    let stored = app.store.plan(id).await.expect("stored plan");
    let written = stored.items.iter().flat_map(|i| &i.assignments).find(|a| a.raw == "VP HỖND - UBND");
    assert!(written.is_some_and(|a| a.org_id.is_none() && a.status != AssignmentStatus::Confirmed));
}

#[tokio::test]
async fn a_reporter_cannot_open_the_import_page_nor_upload() {
    let app = start().await;
    let browser = signed_in(&app, "baocao").await;
    assert_eq!(browser.open("/nhap-ke-hoach").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(upload(&browser, "004.txt", SEED_004, &[]).await.status(), StatusCode::FORBIDDEN);
    let list = browser.open("/ke-hoach").await.text().await.expect("plans page");
    assert!(!list.contains(r#"href="/nhap-ke-hoach""#), "no link for a reporter");
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn the_plans_list_links_the_import_page_for_admins_and_monitors() {
    for user in ["quantri", "theodoi"] {
        let app = start().await;
        let browser = signed_in(&app, user).await;
        let list = browser.open("/ke-hoach").await.text().await.expect("plans page");
        assert!(list.contains(r#"href="/nhap-ke-hoach""#), "{user}");
        let (status, form) = text(browser.open("/nhap-ke-hoach").await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains(r#"name="tep""#) && form.contains("Xã Gia Viễn (mẫu)") && form.contains("Thành phố"));
    }
}

#[tokio::test]
async fn empty_pdf_and_damaged_files_are_refused_with_the_readers_message_naming_the_file() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let (status, page) = text(upload(&browser, "trong-rong.txt", b"", &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains(r#"role="alert""#) && page.contains("trong-rong.txt"), "{page}");
    assert!(page.contains("empty"), "the reader's own words");

    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    let (status, page) = text(upload(&browser, "ke-hoach.pdf", pdf, &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("ke-hoach.pdf") && page.contains("PDF"), "{page}");

    let (status, page) = text(upload(&browser, "hong.docx", b"PK\x03\x04 not really a zip", &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("hong.docx"), "{page}");
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn a_tcvn3_document_is_read_in_unicode() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let tcvn3 = "\nSTT\tChØ tiªu\t§¬n vÞ chñ tr×\n1.\tTû lÖ phñ sãng 5G trªn d©n sè ®¹t tèi thiÓu 70%\tSë KH&CN\n";
    let landed = upload(&browser, "cu.txt", tcvn3.as_bytes(), &[]).await;
    let path = landed.url().path().to_owned();
    let (status, page) = text(after_reading(&browser, &path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Tỷ lệ phủ sóng 5G trên dân số") && page.contains("Sở KH&#38;CN"), "{page}");
}

#[tokio::test]
async fn a_document_over_20_mib_is_refused_naming_the_file() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let big = vec![b'a'; 20 * 1024 * 1024 + 1];
    let (status, page) = text(upload(&browser, "qua-lon.txt", &big, &[]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("qua-lon.txt") && page.contains("20 MiB"), "{page}");
}

#[tokio::test]
async fn an_upload_without_the_csrf_header_is_refused() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let response = browser
        .client
        .post(browser.url("/nhap-ke-hoach"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart(&[], "004.txt", SEED_004))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_docx_plan_previews_and_htmx_is_sent_to_its_preview() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let csrf = browser.csrf.clone();
    let response = browser
        .client
        .post(browser.url("/nhap-ke-hoach"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("x-csrf-token", &csrf)
        .header("hx-request", "true")
        .body(multipart(&[], "001.docx", DOCX_001))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::OK);
    let to = response.headers().get("hx-redirect").and_then(|v| v.to_str().ok()).expect("HX-Redirect").to_owned();
    let (status, page) = text(browser.open(&to).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("001.docx") && page.contains(r#"<table class="appendix">"#), "{page}");
    assert!(page.contains("Công bố"));
}

#[tokio::test]
async fn an_upload_expires_after_an_hour() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let csrf = browser.csrf.clone();
    let path = upload(&browser, "004.txt", SEED_004, &[]).await.url().path().to_owned();
    app.clock.advance(chrono::Duration::minutes(29));
    browser.open("/ke-hoach").await; // in use: the session's idle timeout is 30 minutes
    app.clock.advance(chrono::Duration::minutes(29));
    assert_eq!(browser.open(&path).await.status(), StatusCode::OK);
    app.clock.advance(chrono::Duration::minutes(2));
    let (status, page) = text(browser.open(&path).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("hết hạn"));
    assert_eq!(browser.send_form(&path, &[("csrf", &csrf)]).await.status(), StatusCode::NOT_FOUND);
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn another_user_cannot_open_or_publish_someone_elses_upload() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let path = upload(&browser, "004.txt", SEED_004, &[]).await.url().path().to_owned();
    let other = signed_in(&app, "theodoi").await;
    let other_csrf = other.csrf.clone();
    assert_eq!(other.open(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.send_form(&path, &[("csrf", &other_csrf)]).await.status(), StatusCode::NOT_FOUND);
    assert!(app.store.plans().await.expect("plans").is_empty());
}

#[tokio::test]
async fn a_pdf_with_a_text_layer_reaches_the_preview_with_its_items() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let landed = upload(&browser, "kh-cao-diem.pdf", PDF_HN, &[]).await;
    assert_eq!(landed.status(), StatusCode::OK);
    let path = landed.url().path().to_owned();
    assert!(path.starts_with("/nhap-ke-hoach/"), "the preview, or the progress page on its way: {path}");
    let (status, page) = text(after_reading(&browser, &path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("kh-cao-diem.pdf") && page.contains(r#"<table class="appendix">"#), "{page}");
    assert!(page.contains("18 chỉ tiêu, 15 nhiệm vụ"), "{page}");
    assert!(page.contains("Dữ liệu đất đai, địa chính, môi trường") && page.contains("Sở Quy hoạch - Kiến trúc"));
    assert!(page.contains("Công bố"));
    assert!(app.store.plans().await.expect("plans").is_empty(), "nothing is stored on upload");
}

#[tokio::test]
async fn an_upload_waits_its_turn_on_a_progress_page_that_only_its_uploader_sees() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune")];
    let turn = app.state.hold_document_reading().await;

    let landed = upload(&browser, "004.txt", SEED_004, &fields).await;
    let path = landed.url().path().to_owned();
    let (status, page) = text(landed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(path.starts_with("/nhap-ke-hoach/"), "{path}");
    assert!(page.contains("Đang chờ đến lượt") && page.contains("«004.txt»"), "{page}");
    assert!(page.contains("<progress"), "{page}");
    assert!(page.contains(&format!(r#"hx-get="{path}/tien-do" hx-trigger="every 1s""#)), "{page}");
    assert!(page.contains(r#"<noscript><meta http-equiv="refresh" content="2"></noscript>"#), "{page}");
    let bar = browser.open(&format!("{path}/tien-do")).await;
    assert!(bar.headers().get("hx-refresh").is_none(), "still waiting");
    let (status, bar) = text(bar).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bar.contains("Đang chờ đến lượt") && !bar.contains("<html"), "the bar alone: {bar}");

    let other = signed_in(&app, "theodoi").await;
    let other_csrf = other.csrf.clone();
    assert_eq!(other.open(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.open(&format!("{path}/tien-do")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.send_form(&path, &[("csrf", &other_csrf)]).await.status(), StatusCode::NOT_FOUND);

    drop(turn);
    let (status, page) = text(after_reading(&browser, &path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("38 chỉ tiêu") && page.contains("Xã Gia Viễn (mẫu)"), "the preview: {page}");
    assert_eq!(other.open(&path).await.status(), StatusCode::NOT_FOUND, "nor the preview");
}

#[tokio::test]
async fn a_document_refused_after_its_wait_shows_the_form_with_the_reason_and_the_choices_made() {
    let app = start().await;
    let browser = signed_in(&app, "quantri").await;
    let issuer = app.org_id("Xã Gia Viễn (mẫu)").await.to_string();
    let fields = [("don_vi", issuer.as_str()), ("cap", "commune")];
    let turn = app.state.hold_document_reading().await;
    let landed = upload(&browser, "hong.docx", b"PK\x03\x04 not really a zip", &fields).await;
    let path = landed.url().path().to_owned();
    assert!(text(landed).await.1.contains("Đang chờ đến lượt"));

    drop(turn);
    let (status, page) = text(after_reading(&browser, &path).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains(r#"role="alert""#) && page.contains("«hong.docx»"), "{page}");
    assert!(page.contains(&format!(r#"<option value="{issuer}" selected>"#)), "the issuer chosen: {page}");
    assert!(page.contains(r#"<option value="commune" selected>"#), "the level chosen: {page}");
    assert_eq!(browser.open(&path).await.status(), StatusCode::BAD_REQUEST, "the refusal stays to be read again");
    for _ in 0..3 {
        app.clock.advance(chrono::Duration::minutes(20));
        browser.open("/ke-hoach").await; // in use: the session's idle timeout is 30 minutes
    }
    assert_eq!(browser.open(&path).await.status(), StatusCode::NOT_FOUND, "and expires as uploads do");
}
