//! Authority and integrity (issue [3/6]): who may change what follows the org tree, the one
//! who approves is never the one who entered, a locked period is frozen, and no value that
//! cannot be judged, shown and exported gets in.

use crate::app::{App, Browser, Q1};
use chitieu_core::measure::Measure;
use reqwest::StatusCode;

const SEED_000: &[u8] = include_bytes!("../../../../fixtures/seeds/000_ba049f6006c8a0fd.txt");
const SEED_004: &[u8] = include_bytes!("../../../../fixtures/seeds/004_b92706629730df53.txt");

/// Uploads a plan document on the import page with `issuer` as its issuing unit; the answer
/// after redirects are not followed.
async fn upload(who: &Browser, file_name: &str, bytes: &[u8], issuer: i64) -> (StatusCode, String, String) {
    let boundary = "chitieu-authority-boundary";
    let mut body = Vec::new();
    let field = |name: &str, value: &str| {
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").into_bytes()
    };
    body.extend(field("don_vi", &issuer.to_string()));
    body.extend(field("cap", "province"));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/plain\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let response = who
        .client
        .post(format!("{}/nhap-ke-hoach", who.base))
        .header("x-csrf-token", &who.csrf)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .expect("POST");
    let status = response.status();
    let location = response.headers().get("location").map(|l| l.to_str().expect("ascii").to_owned());
    (status, location.unwrap_or_default(), response.text().await.expect("body"))
}

async fn org_named(app: &App, name: &str) -> i64 {
    app.store.orgs().await.expect("orgs").into_iter().find(|o| o.name == name).expect(name).id
}

/// An administrator of Sở KH&CN, a department under the province: "quantri-so".
async fn department_admin(app: &App) -> Browser {
    let user = chitieu_store::NewUser {
        username: "quantri-so".into(),
        display_name: "Quản trị Sở KH&CN".into(),
        org: Some(org_named(app, "Sở Khoa học và Công nghệ").await),
        role: chitieu_store::UserRole::Admin,
        password_hash: chitieu_app::hash_password(crate::app::PASSWORD).expect("hash"),
        email: None,
    };
    app.store.add_user(user, "test", crate::app::AT).await.expect("user");
    app.sign_in("quantri-so").await
}

#[tokio::test]
async fn a_department_cannot_import_a_plan_in_the_name_of_the_province_above_it() {
    let app = App::start().await;
    let province = org_named(&app, "UBND tỉnh Ninh Bình").await;
    // A monitor and an administrator of Sở KH&CN, a department under the province.
    for (who, browser) in
        [("giamsat-khac", app.sign_in("giamsat-khac").await), ("quantri-so", department_admin(&app).await)]
    {
        let (status, _, page) = upload(&browser, "000.txt", SEED_000, province).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who} imports in the province's name: {page}");
    }
    let plans = app.store.plans().await.expect("plans");
    assert_eq!(plans.len(), 1, "nothing but the commune's plan is stored: {plans:?}");
}

#[tokio::test]
async fn a_commune_monitor_cannot_take_over_another_units_plan_by_settling_a_name() {
    let app = App::start().await;
    let department = org_named(&app, "Sở Khoa học và Công nghệ").await;
    // The department's administrator imports a plan in its own name (allowed) and tries to
    // settle the garbled "VP HỖND - UBND" to the commune's office, which is not under it.
    let admin = department_admin(&app).await;
    let (status, preview, page) = upload(&admin, "004.txt", SEED_004, department).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "its own plan: {page}");
    let (_, form) = admin.get(&preview).await;
    let row = form.split("<tr>").find(|row| row.contains(r#"value="VP HỖND - UBND""#)).expect("the garbled name");
    let start = row.find("name=\"ten-").expect("a name field") + "name=\"".len();
    let name_field = row[start..].split('"').next().expect("field").to_owned();
    let choice_field = name_field.replace("ten-", "chon-");
    let office = format!("don-vi-{}", app.office);
    let (status, page) = admin
        .post(&preview, &[(name_field.as_str(), "VP HỖND - UBND"), (choice_field.as_str(), office.as_str())])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a unit outside the issuer's tree: {page}");
    assert_eq!(app.store.plans().await.expect("plans").len(), 1, "nothing stored");
}

/// Saves a ratio on the office's form as `who`, with an optional comment.
async fn save_ratio(app: &App, who: &Browser, item: &str, n: &str, d: &str, comment: &str) -> (StatusCode, String) {
    let version = who.form_version(&app.form_path()).await;
    let (tu, mau, gc) = (format!("tu|{item}"), format!("mau|{item}"), format!("gc|{item}"));
    who.post(&app.form_path(), &[("version", &version), (&tu, n), (&mau, d), (&gc, comment), ("hanh-dong", "luu")])
        .await
}

async fn submit(app: &App, who: &Browser) -> StatusCode {
    let version = who.form_version(&app.form_path()).await;
    who.post(&app.form_path(), &[("version", &version), ("hanh-dong", "gui")]).await.0
}

async fn decide(app: &App, who: &Browser, choice: &str) -> (StatusCode, String) {
    let id = app.report_id().await;
    let version = app.store.report(id).await.expect("report").head.version.to_string();
    who.post(&format!("/duyet/{id}"), &[("version", &version), ("quyet-dinh", choice), ("nhan-xet", "Cần sửa.")]).await
}

#[tokio::test]
async fn whoever_entered_or_submitted_a_report_cannot_approve_it_not_even_an_administrator() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let admin = app.sign_in("admin").await;
    assert_eq!(save_ratio(&app, &admin, &item, "45", "50", "").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &admin).await, StatusCode::SEE_OTHER);
    let (status, page) = decide(&app, &admin, "duyet").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an administrator approves what it entered: {page}");
    assert!(page.contains("người nhập") || page.contains("người gửi"), "the page says why: {page}");
    // A monitor of the office's items, who entered nothing, approves.
    let monitor = app.sign_in("giamsat").await;
    assert_eq!(decide(&app, &monitor, "duyet").await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn absurd_values_are_refused_where_they_are_typed_and_nothing_stored_breaks_an_export() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    let huge = format!("1{}", "0".repeat(308));
    let tiny = format!("0,{}1", "0".repeat(300));
    let (status, page) = save_ratio(&app, &reporter, &item, &huge, &tiny, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("quá lớn"), "{page}");
    let (status, page) = save_ratio(&app, &reporter, &item, "1", &tiny, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a share of 10^301 %: {page}");

    // 60/50 is 120%: kept only with a comment saying why.
    let (status, page) = save_ratio(&app, &reporter, &item, "60", "50", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("120") && page.contains("ghi chú"), "{page}");
    let why = "Tính cả hồ sơ tiếp nhận từ quý trước";
    assert_eq!(save_ratio(&app, &reporter, &item, "60", "50", why).await.0, StatusCode::SEE_OTHER);

    // The largest values the rules let in still export.
    let largest = "1.000.000.000.000.000";
    assert_eq!(save_ratio(&app, &reporter, &item, largest, "100", why).await.0, StatusCode::SEE_OTHER);
    let approver = app.sign_in("duyet").await;
    assert_eq!(submit(&app, &approver).await, StatusCode::SEE_OTHER);
    let leader = app.sign_in("lanhdao").await;
    for extension in ["xlsx", "pdf"] {
        let (status, _) = leader.get(&format!("/bao-cao-tong-hop/{}/{Q1}.{extension}", app.plan().id)).await;
        assert_eq!(status, StatusCode::OK, ".{extension}");
    }
    let (status, overview) = leader.get(&format!("/tong-quan/{}?ky={Q1}", app.plan().id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!overview.contains("inf") && !overview.contains("NaN"), "{overview}");
}

#[tokio::test]
async fn a_locked_period_is_frozen_for_evidence_returns_and_approvals_too() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let approver = app.sign_in("duyet").await;
    assert_eq!(save_ratio(&app, &approver, &item, "45", "50", "").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &approver).await, StatusCode::SEE_OTHER);
    let admin = app.sign_in("admin").await;
    let plan = app.plan().id.to_string();
    let lock = [("ke-hoach", plan.as_str()), ("ky", Q1), ("hanh-dong", "khoa")];
    assert_eq!(admin.post("/ky-bao-cao", &lock).await.0, StatusCode::SEE_OTHER);

    let monitor = app.sign_in("giamsat").await;
    assert_eq!(decide(&app, &monitor, "tra-lai").await.0, StatusCode::CONFLICT, "return in a locked period");
    assert_eq!(decide(&app, &monitor, "duyet").await.0, StatusCode::CONFLICT, "approve in a locked period");
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let (status, page) = approver.upload(&app.upload_path(), &item, "minh-chung.pdf", pdf).await;
    assert!(status == StatusCode::CONFLICT || status == StatusCode::BAD_REQUEST, "{status}: {page}");
    assert!(app.store.evidence(app.report_id().await).await.expect("evidence").is_empty());

    let unlock = [("ke-hoach", plan.as_str()), ("ky", Q1), ("hanh-dong", "mo")];
    assert_eq!(admin.post("/ky-bao-cao", &unlock).await.0, StatusCode::SEE_OTHER);
    assert_eq!(decide(&app, &monitor, "duyet").await.0, StatusCode::SEE_OTHER);
    let audit = app.store.audit_events("period", &format!("{}/{Q1}", app.plan().key)).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "unlock"), "unlocking is audited: {audit:?}");
}

#[tokio::test]
async fn a_reporter_reads_no_other_units_values_through_the_indicator_page_or_the_api() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let approver = app.sign_in("duyet").await;
    assert_eq!(save_ratio(&app, &approver, &item, "37", "41", "").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &approver).await, StatusCode::SEE_OTHER);
    let segment = item.replace('#', "%23");
    let indicator = format!("/chi-tieu/{}/{segment}?ky={Q1}", app.plan().id);
    let api = format!("/api/v1/plans/{}/evaluation?period={Q1}", app.plan().id);
    // Another unit's reporter: refused the office's report page, and its values elsewhere.
    let outsider = app.sign_in("baocao-khac").await;
    assert_eq!(outsider.get(&app.form_path()).await.0, StatusCode::FORBIDDEN);
    // The pooled figures of the province are everyone's; the table of units is not.
    let by_unit = |page: &str| page.split(r#"<section id="theo-don-vi">"#).nth(1).map(str::to_owned);
    let (status, page) = outsider.get(&indicator).await;
    assert_eq!(status, StatusCode::OK);
    let table = by_unit(&page).expect("the units section");
    assert!(!table.contains("37/41"), "the office's value shown to another unit: {table}");
    assert!(table.contains("chỉ hiện"), "the page says why units are missing: {table}");
    let (status, json) = outsider.get(&api).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!json.contains("37/41"), "{json}");
    // The office's own reporter and a leader read it.
    for who in ["baocao", "lanhdao"] {
        let (_, page) = app.sign_in(who).await.get(&indicator).await;
        assert!(by_unit(&page).expect("the units section").contains("37/41"), "{who}: {page}");
    }
}

#[tokio::test]
async fn only_a_monitor_of_the_plans_issuer_or_above_decides_its_links() {
    let app = App::start().await;
    // Seed 004 is the commune's plan; Sở KH&CN is not above the commune.
    let outsider = app.sign_in("giamsat-khac").await;
    let decision = [("con", "x"), ("cha-ke-hoach", "y"), ("cha", "z"), ("diem", "0.9"), ("quyet-dinh", "xac-nhan")];
    let (status, page) = outsider.post(&format!("/ke-hoach/{}/lien-ket", app.plan().id), &decision).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
}

#[tokio::test]
async fn evidence_has_a_quota_per_report() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    assert_eq!(save_ratio(&app, &reporter, &item, "1", "2", "").await.0, StatusCode::SEE_OTHER);
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let mut statuses = Vec::new();
    for n in 0..=chitieu_store::MAX_EVIDENCE_FILES {
        let (status, page) = reporter.upload(&app.upload_path(), &item, &format!("tep-{n}.pdf"), pdf).await;
        statuses.push((status, page));
    }
    let (last, page) = statuses.pop().expect("the last upload");
    assert!(statuses.iter().all(|(s, _)| s.is_redirection() || s.is_success()), "within the quota");
    assert_eq!(last, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("tối đa"), "{page}");
    let stored = app.store.evidence(app.report_id().await).await.expect("evidence");
    assert_eq!(stored.len(), chitieu_store::MAX_EVIDENCE_FILES);
}

#[tokio::test]
async fn a_value_that_does_not_read_is_shown_beside_its_line_and_nothing_typed_is_lost() {
    let app = App::start().await;
    let ratio = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    let version = reporter.form_version(&app.form_path()).await;
    let (tu, mau, gc) = (format!("tu|{ratio}"), format!("mau|{ratio}"), format!("gc|{ratio}"));
    let note = "Số liệu tạm tính, chờ phòng Tư pháp";
    let form = [("version", version.as_str()), (&tu, "abc"), (&mau, "50"), (&gc, note), ("hanh-dong", "luu")];
    let (status, page) = reporter.post(&app.form_path(), &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Chưa lưu.") && page.contains("không phải là số"), "{page}");
    assert!(page.contains(r#"class="field-error""#), "the problem beside its line: {page}");
    assert!(page.contains(r#"value="abc""#) && page.contains(r#"value="50""#), "what was typed is kept: {page}");
    assert!(page.contains(note), "the comment too: {page}");
    assert!(
        app.store
            .report_id(&chitieu_store::ReportKey {
                plan_key: app.plan().key.clone(),
                period: chitieu_core::period::Period::parse(Q1).expect("Q1"),
                org: app.office,
            })
            .await
            .expect("lookup")
            .is_none(),
        "nothing saved"
    );
}

#[tokio::test]
async fn a_value_far_outside_the_units_own_history_needs_a_comment() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Count).await;
    // The office sent 100, 110 and 105 in the three quarters before.
    for (quarter, number) in [("2025-Q2", 100.0), ("2025-Q3", 110.0), ("2025-Q4", 105.0)] {
        let period = chitieu_core::period::Period::parse(quarter).expect("quarter");
        let key = chitieu_store::ReportKey { plan_key: app.plan().key.clone(), period, org: app.office };
        let value = chitieu_store::ValueInput { item_key: item.clone(), number: Some(number), ..Default::default() };
        let saved = app.store.save_values(&key, &[value], 0, "baocao", "2025-12-01T00:00:00Z").await.expect("save");
        app.store.submit_report(saved.report_id, saved.version, "duyet", "2025-12-01T00:00:00Z").await.expect("submit");
    }
    let reporter = app.sign_in("baocao").await;
    let save = |number: &'static str, comment: &'static str| {
        let (reporter, app, item) = (&reporter, &app, &item);
        async move {
            let version = reporter.form_version(&app.form_path()).await;
            let (n, gc) = (format!("n|{item}"), format!("gc|{item}"));
            reporter
                .post(&app.form_path(), &[("version", &version), (&n, number), (&gc, comment), ("hanh-dong", "luu")])
                .await
        }
    };
    let (status, page) = save("1.050", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "ten times the usual: {page}");
    assert!(page.contains("bất thường") && page.contains("100") && page.contains("110"), "{page}");
    assert_eq!(save("1.050", "Sáp nhập thêm hai xã từ tháng 1").await.0, StatusCode::SEE_OTHER);
    assert_eq!(save("108", "").await.0, StatusCode::SEE_OTHER, "a usual value needs no comment");
}

#[tokio::test]
async fn a_plan_asking_for_two_approvals_needs_a_monitor_above_the_first_approver() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let admin = app.sign_in("admin").await;
    let levels = format!("/ke-hoach/{}/so-cap-duyet", app.plan().id);
    assert_eq!(app.sign_in("giamsat-khac").await.post(&levels, &[("so-cap", "2")]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(admin.post(&levels, &[("so-cap", "2")]).await.0, StatusCode::SEE_OTHER);
    let (_, plan_page) = admin.get(&format!("/ke-hoach/{}", app.plan().id)).await;
    assert!(plan_page.contains("Hai cấp"), "{plan_page}");

    let approver = app.sign_in("duyet").await;
    assert_eq!(save_ratio(&app, &approver, &item, "45", "50", "").await.0, StatusCode::SEE_OTHER);
    assert_eq!(submit(&app, &approver).await, StatusCode::SEE_OTHER);
    let monitor = app.sign_in("giamsat").await;
    assert_eq!(decide(&app, &monitor, "duyet").await.0, StatusCode::SEE_OTHER, "the first approval");
    let head = app.store.report(app.report_id().await).await.expect("report").head;
    assert_eq!(head.status, chitieu_store::ReportStatus::Submitted, "still awaiting the second");
    assert_eq!(head.first_approved_by.as_deref(), Some("giamsat"));
    assert_eq!(decide(&app, &monitor, "duyet").await.0, StatusCode::FORBIDDEN, "not twice by the same monitor");
    let beside = app.sign_in("giamsat-khac").await;
    assert_eq!(decide(&app, &beside, "duyet").await.0, StatusCode::FORBIDDEN, "a unit beside, not above");

    // A monitor of the province, above the first approver's unit, sees it and approves.
    let province = app.store.orgs().await.expect("orgs").into_iter().find(|o| o.parent.is_none()).expect("top").id;
    let user = chitieu_store::NewUser {
        username: "giamsat-tinh".into(),
        display_name: "Giám sát cấp tỉnh".into(),
        org: Some(province),
        role: chitieu_store::UserRole::Monitor,
        password_hash: chitieu_app::hash_password(crate::app::PASSWORD).expect("hash"),
        email: None,
    };
    app.store.add_user(user, "test", crate::app::AT).await.expect("user");
    let above = app.sign_in("giamsat-tinh").await;
    let (_, queue) = above.get("/duyet").await;
    assert!(queue.contains(&format!("/lich-su/{}", app.report_id().await)), "in the second level's queue: {queue}");
    assert_eq!(decide(&app, &above, "duyet").await.0, StatusCode::SEE_OTHER);
    let head = app.store.report(app.report_id().await).await.expect("report").head;
    assert_eq!(head.status, chitieu_store::ReportStatus::Approved);
    let (_, history) = approver.get(&format!("/lich-su/{}", app.report_id().await)).await;
    assert!(history.contains("Duyệt lần 1"), "{history}");
}
