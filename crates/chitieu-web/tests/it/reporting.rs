//! Black-box tests of the reporting loop: a commune office fills and submits its report, the
//! monitor approves or returns it, two editors never overwrite each other, locked periods and
//! evidence files hold their rules, and every route admits exactly the roles it should.

use crate::app::{App, Q1};
use chitieu_core::measure::Measure;
use reqwest::StatusCode;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Saves a ratio value as a draft with the version the form shows.
async fn save_ratio(app: &App, who: &crate::app::Browser, item: &str, n: &str, d: &str) -> (StatusCode, String) {
    let version = who.form_version(&app.form_path()).await;
    let (tu, mau) = (format!("tu|{item}"), format!("mau|{item}"));
    who.post(&app.form_path(), &[("version", &version), (&tu, n), (&mau, d), ("hanh-dong", "luu")]).await
}

async fn submit(app: &App, who: &crate::app::Browser) -> (StatusCode, String) {
    let version = who.form_version(&app.form_path()).await;
    who.post(&app.form_path(), &[("version", &version), ("hanh-dong", "gui")]).await
}

async fn review(app: &App, who: &crate::app::Browser, choice: &str, comment: &str) -> (StatusCode, String) {
    let id = app.report_id().await;
    let version = app.store.report(id).await.expect("report").head.version.to_string();
    who.post(&format!("/duyet/{id}"), &[("version", &version), ("quyet-dinh", choice), ("nhan-xet", comment)]).await
}

#[tokio::test]
async fn a_commune_reporter_saves_a_draft_the_approver_submits_and_the_monitor_approves() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    let (_, work) = reporter.get("/viec-cua-toi").await;
    assert!(work.contains("Việc của tôi · kỳ 2026-Q1") && work.contains("25/03/2026"), "{work}");
    assert!(work.contains("Chưa bắt đầu") && work.contains("còn 15 ngày"), "{work}");

    assert_eq!(save_ratio(&app, &reporter, &item, "45", "50").await.0, StatusCode::SEE_OTHER);
    let (_, work) = reporter.get("/viec-cua-toi").await;
    assert!(work.contains("Đang soạn"), "{work}");
    assert_eq!(submit(&app, &reporter).await.0, StatusCode::FORBIDDEN, "a reporter does not submit");

    let approver = app.sign_in("duyet").await;
    assert_eq!(submit(&app, &approver).await.0, StatusCode::SEE_OTHER);
    let (_, form) = approver.get(&app.form_path()).await;
    assert!(form.contains("Đã gửi, chờ duyệt") && !form.contains("Lưu nháp"), "a submitted report is read-only");

    let monitor = app.sign_in("giamsat").await;
    let (status, queue) = monitor.get("/duyet").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&format!("/lich-su/{}", app.report_id().await)), "{queue}");
    let (_, elsewhere) = app.sign_in("giamsat-khac").await.get("/duyet").await;
    assert!(elsewhere.contains("Không có báo cáo nào chờ duyệt."), "another monitor's queue is empty");

    assert_eq!(review(&app, &monitor, "duyet", "").await.0, StatusCode::SEE_OTHER);
    let (_, form) = reporter.get(&app.form_path()).await;
    assert!(form.contains("Đã duyệt"), "{form}");
    let (_, history) = reporter.get(&format!("/lich-su/{}", app.report_id().await)).await;
    for action in ["Lưu số liệu", "Gửi báo cáo", "Duyệt", "45/50 (90%)", "giamsat"] {
        assert!(history.contains(action), "{action} in {history}");
    }
}

#[tokio::test]
async fn a_returned_report_shows_the_monitors_comment_to_the_unit_and_can_be_fixed() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let approver = app.sign_in("duyet").await;
    save_ratio(&app, &approver, &item, "10", "50").await;
    submit(&app, &approver).await;
    let monitor = app.sign_in("giamsat").await;
    assert_eq!(review(&app, &monitor, "tra-lai", "").await.0, StatusCode::BAD_REQUEST, "a return needs a comment");
    let comment = "Số liệu <chưa khớp> báo cáo tháng";
    assert_eq!(review(&app, &monitor, "tra-lai", comment).await.0, StatusCode::SEE_OTHER);

    let reporter = app.sign_in("baocao").await;
    let (_, form) = reporter.get(&app.form_path()).await;
    assert!(form.contains("Bị trả lại") && form.contains("Số liệu &#60;chưa khớp&#62; báo cáo tháng"), "{form}");
    assert_eq!(save_ratio(&app, &reporter, &item, "40", "50").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &approver).await.0, StatusCode::SEE_OTHER);
    let (_, history) = reporter.get(&format!("/lich-su/{}", app.report_id().await)).await;
    assert!(history.contains("Trả lại") && history.contains("10/50 (20%)") && history.contains("40/50 (80%)"));
}

#[tokio::test]
async fn when_two_people_edit_the_same_report_the_second_save_gets_409_with_both_versions() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let first = app.sign_in("baocao").await;
    let second = app.sign_in("duyet").await;
    save_ratio(&app, &first, &item, "1", "2").await;
    let stale = first.form_version(&app.form_path()).await;
    assert_eq!(stale, "1");
    assert_eq!(save_ratio(&app, &second, &item, "30", "40").await.0, StatusCode::SEE_OTHER);
    let (tu, mau) = (format!("tu|{item}"), format!("mau|{item}"));
    let (status, page) =
        first.post(&app.form_path(), &[("version", &stale), (&tu, "7"), (&mau, "8"), ("hanh-dong", "luu")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("phiên bản <strong class=\"your-version\">1</strong>"), "{page}");
    assert!(page.contains("<strong class=\"stored-version\">2</strong>"), "{page}");
    assert!(page.contains("7/8 (87,5%)") && page.contains("30/40 (75%)"), "both versions shown: {page}");
    let report = app.store.report(app.report_id().await).await.expect("report");
    assert_eq!(report.values[0].value.numerator, Some(30.0), "nothing was overwritten");
}

#[tokio::test]
async fn a_locked_period_refuses_saves_until_it_is_unlocked() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    save_ratio(&app, &reporter, &item, "1", "2").await;
    let admin = app.sign_in("admin").await;
    let plan = app.plan().id.to_string();
    let lock = [("ke-hoach", plan.as_str()), ("ky", Q1), ("hanh-dong", "khoa")];
    assert_eq!(reporter.post("/ky-bao-cao", &lock).await.0, StatusCode::FORBIDDEN);
    assert_eq!(admin.post("/ky-bao-cao", &lock).await.0, StatusCode::SEE_OTHER);
    let (_, periods) = admin.get("/ky-bao-cao").await;
    assert!(periods.contains("Đã khóa") && periods.contains("25/03/2026"), "{periods}");
    let (status, page) = save_ratio(&app, &reporter, &item, "2", "2").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("đã khóa"), "{page}");
    let (_, form) = reporter.get(&app.form_path()).await;
    assert!(form.contains("Kỳ báo cáo đã khóa") && !form.contains("Lưu nháp"), "{form}");
    let unlock = [("ke-hoach", plan.as_str()), ("ky", Q1), ("hanh-dong", "mo")];
    assert_eq!(admin.post("/ky-bao-cao", &unlock).await.0, StatusCode::SEE_OTHER);
    assert_eq!(save_ratio(&app, &reporter, &item, "2", "2").await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn evidence_too_large_or_of_the_wrong_type_is_refused_and_a_pdf_is_downloadable_only_by_allowed_roles() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    let (status, _) = reporter.upload(&app.upload_path(), &item, "bao-cao.pdf", PDF).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "save a draft first");
    save_ratio(&app, &reporter, &item, "1", "2").await;

    let big = vec![b'%'; chitieu_store::MAX_EVIDENCE_BYTES + 1];
    let (status, page) = reporter.upload(&app.upload_path(), &item, "lon.pdf", &big).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    let (status, page) = reporter.upload(&app.upload_path(), &item, "giả.pdf", b"MZ\x90\x00 an executable").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("PDF, DOCX, XLSX, PNG"), "{page}");

    let (status, _) = reporter.upload(&app.upload_path(), "khong-co-muc-nay", "a.pdf", PDF).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an item that is not on the form");
    let (status, _) = reporter.upload(&app.upload_path(), &item, "Biên bản <1>.pdf", PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, form) = reporter.get(&app.form_path()).await;
    assert!(form.contains("Biên bản &#60;1&#62;.pdf"), "{form}");
    let id = app.store.evidence(app.report_id().await).await.expect("evidence")[0].id;
    let download = reporter.client.get(format!("{}/minh-chung/{id}", app.base)).send().await.expect("GET");
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert!(download.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment"));
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), PDF);
    for (who, expected) in [
        ("duyet", StatusCode::OK),
        ("lanhdao", StatusCode::OK),
        ("admin", StatusCode::OK),
        ("giamsat", StatusCode::OK),
        ("giamsat-khac", StatusCode::FORBIDDEN),
        ("baocao-khac", StatusCode::FORBIDDEN),
    ] {
        let (status, _) = app.sign_in(who).await.get(&format!("/minh-chung/{id}")).await;
        assert_eq!(status, expected, "{who}");
    }
    assert_eq!(app.anonymous().get(&format!("/minh-chung/{id}")).await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_ratio_shows_the_computed_percentage_with_a_decimal_comma() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    assert_eq!(save_ratio(&app, &reporter, &item, "2", "3").await.0, StatusCode::SEE_OTHER);
    let (_, form) = reporter.get(&app.form_path()).await;
    assert!(form.contains("= 66,7%"), "{form}");
    let (status, page) = save_ratio(&app, &reporter, &item, "abc", "3").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the form again, as typed");
    assert!(page.contains("không phải là số"), "{page}");
    assert_eq!(save_ratio(&app, &reporter, &item, "1,5", "2").await.0, StatusCode::SEE_OTHER);
    assert!(reporter.get(&app.form_path()).await.1.contains("= 75%"), "a decimal comma is read as one");
    let (tu, mau) = (format!("tu|{item}"), format!("mau|{item}"));
    let live = reporter.client.get(format!("{}/bao-cao/ty-le", app.base)).query(&[(tu, "1"), (mau, "8")]);
    let live = live.send().await.expect("GET");
    assert_eq!(live.status(), StatusCode::OK);
    assert_eq!(live.text().await.expect("body"), "= 12,5%", "htmx asks while the user types");
}

#[tokio::test]
async fn a_report_submitted_after_the_due_date_is_marked_late() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    app.clock.advance(chrono::Duration::days(20));
    let approver = app.sign_in("duyet").await;
    let (_, work) = approver.get("/viec-cua-toi").await;
    assert!(work.contains("trễ 5 ngày"), "{work}");
    assert_eq!(save_ratio(&app, &approver, &item, "1", "2").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &approver).await.0, StatusCode::SEE_OTHER);
    let (_, form) = approver.get(&app.form_path()).await;
    assert!(form.contains("nộp trễ hạn"), "{form}");
    let (status, queue) = app.sign_in("giamsat").await.get("/duyet").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains("trễ hạn"), "{queue}");
}
