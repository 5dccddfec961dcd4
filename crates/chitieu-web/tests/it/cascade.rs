//! Black-box tests of the cascade pages and API: a monitor confirms the links the matcher
//! proposes between the commune's programme (seed 004) and the province's appendix (000),
//! readers see them, the consistency page lists what the confirmed links show, the province's
//! narrative (002) and appendix show each other's items, and the departments and communes are
//! tracked against the due date of their own plans (10/4/2026).

use crate::app::{App, Browser, SEED_000, SEED_002, SEED_004};
use chitieu_core::registry::Resolution;
use chitieu_store::{Level, LinkChoice, LinkStatus, PlanImport, StoredPlan};
use reqwest::StatusCode;
use serde_json::Value;

/// How a plan enters the store in these tests.
struct Document<'a> {
    name: &'a str,
    bytes: &'a [u8],
    issuer: &'a str,
    parent: Option<&'a str>,
    key: Option<&'a str>,
    at: &'a str,
}

impl App {
    async fn store_plan(&self, doc: Document<'_>) -> StoredPlan {
        let issuer = match self.store.registry().await.expect("registry").resolve(doc.issuer, None) {
            Resolution::Org { id } => id,
            other => panic!("{}: {other:?}", doc.issuer),
        };
        let plan = chitieu_import::read_plan(doc.name, doc.bytes).expect("seed parses");
        let level = if doc.issuer.starts_with("Xã") { Level::Commune } else { Level::Province };
        let import = PlanImport {
            plan: &plan,
            source_bytes: doc.bytes,
            source_text: None,
            issuer: Some(issuer),
            level: Some(level),
            parent_key: doc.parent,
            key: doc.key,
            actor: "test",
            at: doc.at,
        };
        let id = self.store.import_plan(import).await.expect("import").plan_id;
        self.store.plan(id).await.expect("stored")
    }

    async fn province_plan(&self, name: &str, bytes: &[u8]) -> StoredPlan {
        let doc =
            Document { name, bytes, issuer: "UBND tỉnh Ninh Bình", parent: None, key: None, at: crate::app::AT };
        self.store_plan(doc).await
    }

    async fn confirm(&self, child: &StoredPlan, child_item: &str, parent: &StoredPlan, parent_item: &str) {
        let choice = LinkChoice {
            child_plan: &child.key,
            child_item,
            parent_plan: &parent.key,
            parent_item,
            score: 0.9,
            status: LinkStatus::Confirmed,
        };
        self.store.decide_link(&choice, "giamsat", crate::app::AT).await.expect("confirm");
    }
}

/// The key of `plan`'s item numbered `code` in `section`.
fn key(plan: &StoredPlan, section: &str, code: &str) -> String {
    let found = plan
        .plan
        .items
        .iter()
        .zip(&plan.items)
        .find(|(item, _)| item.section.as_deref() == Some(section) && item.code.as_deref() == Some(code));
    found.map_or_else(|| panic!("{section} {code} in {}", plan.key), |(_, stored)| stored.key.clone())
}

/// Posts a link decision as the row's form does, through htmx (`hx-request`) or not.
async fn decide(who: &Browser, plan_id: i64, fields: &[(&str, String)], htmx: bool) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![("csrf", &who.csrf)];
    form.extend(fields.iter().map(|(name, value)| (*name, value.as_str())));
    let mut request = who.client.post(format!("{}/ke-hoach/{plan_id}/lien-ket", who.base)).form(&form);
    if htmx {
        request = request.header("hx-request", "true");
    }
    request.send().await.expect("POST")
}

/// The fields of a decision on the link `child` → `parent` of plan `parent_plan`.
fn decision(child: &str, parent_plan: &str, parent: &str, choice: &str, back: &str) -> Vec<(&'static str, String)> {
    [("con", child), ("cha-ke-hoach", parent_plan), ("cha", parent), ("diem", "0.93"), ("quyet-dinh", choice)]
        .into_iter()
        .chain([("quay-lai", back)])
        .map(|(name, value)| (name, value.to_owned()))
        .collect()
}

#[tokio::test]
async fn a_monitor_confirms_a_proposed_link_and_htmx_gets_the_decided_row_back() {
    let app = App::start().await;
    let p000 = app.province_plan("000.txt", SEED_000).await;
    // Above the commune in the tree (a monitor of neither item may not: authority.rs).
    let monitor = app.sign_in("admin").await;
    let page = format!("/ke-hoach/{}/lien-ket?cha={}", app.plan().id, p000.id);
    let (status, body) = monitor.get(&page).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("<h1>Liên kết kế hoạch: PHỤ LỤC MỤC TIÊU CỤ THỂ"), "{body}");
    let (child, parent) = (key(app.plan(), "V", "6"), key(&p000, "I", "5.6"));
    assert!(body.contains(&format!(r#"name="cha" value="{parent}""#)), "000 5.6 is proposed for V.6");
    assert!(body.contains("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 90%"));
    assert!(body.contains(r#"value="xac-nhan""#) && body.contains("Đã xác nhận 0 liên kết."));

    let back = format!("cha={}", p000.id);
    let confirm = decision(&child, &p000.key, &parent, "xac-nhan", &back);
    let row = decide(&monitor, app.plan().id, &confirm, true).await;
    assert_eq!(row.status(), StatusCode::OK);
    let row = row.text().await.expect("row");
    assert!(row.trim_start().starts_with("<tr") && !row.contains("<html"), "only the row: {row}");
    assert!(row.contains("<strong>Đã xác nhận</strong>") && row.contains(r#"value="hoan-tac""#), "{row}");
    let stored = app.store.link_decisions(&app.plan().key).await.expect("decisions");
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].status, stored[0].decided_by.as_deref()), (LinkStatus::Confirmed, Some("admin")));
    assert_eq!((stored[0].child_item.as_str(), stored[0].parent_item.as_str()), (child.as_str(), parent.as_str()));

    let reject = decision(&child, &p000.key, &parent, "bac-bo", &back);
    let plain = decide(&monitor, app.plan().id, &reject, false).await;
    assert_eq!(plain.status(), StatusCode::SEE_OTHER, "without htmx the browser goes back to the page");
    assert_eq!(plain.headers()["location"], page.as_str());
    let (_, body) = monitor.get(&page).await;
    assert!(body.contains("Đã bác bỏ"));
    let (_, api) = monitor.json(&format!("/api/v1/plans/{}/links?parents={}", app.plan().id, p000.id)).await;
    let v6 = api["links"].as_array().expect("links").iter().find(|l| l["from"] == child.as_str()).expect("V.6");
    assert_eq!(v6["from_code"], "V.6");
    let candidate = v6["to"].as_array().expect("to").iter().find(|t| t["key"] == parent.as_str()).expect("5.6");
    assert_eq!(
        (&candidate["status"], &candidate["code"], &candidate["plan_id"]),
        (&Value::from("rejected"), &Value::from("5.6"), &Value::from(p000.id))
    );
}

#[tokio::test]
async fn everyone_signed_in_reads_the_links_but_only_monitors_leaders_and_admins_decide() {
    let app = App::start().await;
    let p000 = app.province_plan("000.txt", SEED_000).await;
    let (child, parent) = (key(app.plan(), "I", "1"), key(&p000, "I", "2.1"));
    let fields = decision(&child, &p000.key, &parent, "xac-nhan", "");
    let page = format!("/ke-hoach/{}/lien-ket?cha={}", app.plan().id, p000.id);
    for (user, decides) in
        [("admin", true), ("lanhdao", true), ("giamsat-khac", true), ("baocao", false), ("duyet", false)]
    {
        let who = app.sign_in(user).await;
        let (status, body) = who.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{user} reads");
        assert_eq!(body.contains(r#"value="xac-nhan""#), decides, "{user}: decision buttons");
        let expected = if decides { StatusCode::SEE_OTHER } else { StatusCode::FORBIDDEN };
        assert_eq!(decide(&who, app.plan().id, &fields, false).await.status(), expected, "{user} decides");
    }
    let anonymous = app.anonymous();
    assert_eq!(anonymous.get(&page).await.0, StatusCode::SEE_OTHER, "to the sign-in page");
    let id = app.plan().id;
    for path in [
        format!("/api/v1/plans/{id}/links"),
        format!("/api/v1/plans/{id}/checks"),
        format!("/api/v1/plans/{id}/subplans"),
    ] {
        let (status, body) = anonymous.json(&path).await;
        assert_eq!((status, &body["error"]["status"]), (StatusCode::UNAUTHORIZED, &Value::from(401)), "{path}");
    }
    let reader = app.sign_in("baocao").await;
    let (status, body) = reader.json(&format!("/api/v1/plans/{id}/links?parents=abc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].as_str().expect("message").contains("\"abc\""));
    let (status, _) = reader.json(&format!("/api/v1/plans/{id}/links?parents={id}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a plan is not its own parent");
}

#[tokio::test]
async fn the_consistency_page_lists_a_weaker_target_and_the_assigned_items_nothing_carries_out() {
    let app = App::start().await;
    let p000 = app.province_plan("000.txt", SEED_000).await;
    // The commune amends its programme: data integration at ≥ 60% where the province asks ≥ 75%.
    let text = std::str::from_utf8(SEED_004).expect("UTF-8");
    let amended = text.replace(r"$\geq 75\%$ dữ liệu", r"$\geq 60\%$ dữ liệu");
    assert_ne!(amended, text);
    let doc = Document {
        name: "004.txt",
        bytes: amended.as_bytes(),
        issuer: "Xã Gia Viễn (mẫu)",
        parent: None,
        key: Some(&app.plan().key),
        at: crate::app::AT,
    };
    let v2 = app.store_plan(doc).await;
    assert_eq!(v2.version, 2);
    app.confirm(&v2, &key(&v2, "V", "13"), &p000, &key(&p000, "I", "4.4")).await;
    app.confirm(&v2, &key(&v2, "V", "6"), &p000, &key(&p000, "I", "5.6")).await;

    let leader = app.sign_in("lanhdao").await;
    let (status, body) = leader.get(&format!("/ke-hoach/{}/kiem-tra?cha={}", v2.id, p000.id)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("So sánh dọc theo 2 liên kết đã xác nhận"), "{body}");
    assert!(body.contains("Chỉ tiêu thấp hơn cấp trên (1)"));
    assert!(body.contains("là ≥ 60%, thấp hơn mức ≥ 75% của mục 4.4"), "{body}");
    assert!(body.contains("Chưa có mục thực hiện (") && body.contains("Mục 1.1 «Tỷ lệ nhiệm vụ Chính phủ"));
    assert!(!body.contains("Mục 5.6 «"), "5.6 is carried out by V.6");

    let (_, checks) = leader.json(&format!("/api/v1/plans/{}/checks?parents={}", v2.id, p000.id)).await;
    let findings = checks["findings"].as_array().expect("findings");
    let weaker = findings.iter().find(|f| f["kind"] == "weaker_target").expect("a weaker target");
    assert_eq!((&weaker["child_target"], &weaker["parent_target"]), (&Value::from("≥ 60%"), &Value::from("≥ 75%")));
    assert_eq!(
        (&weaker["year"], &weaker["parent"]["code"], &weaker["child"]["code"]),
        (&Value::from(2026), &Value::from("4.4"), &Value::from("V.13"))
    );
    assert!(findings.iter().any(|f| f["kind"] == "missing_child" && f["parent"]["code"] == "1.1"));
    assert!(findings.iter().all(|f| f["description"].as_str().is_some_and(|d| d.ends_with('.'))));
}

#[tokio::test]
async fn the_narrative_and_its_appendix_show_each_others_items_and_the_commune_what_it_carries_out() {
    let app = App::start().await;
    let p000 = app.province_plan("000.txt", SEED_000).await;
    let p002 = app.province_plan("002.txt", SEED_002).await;
    app.confirm(&p002, &key(&p002, "2.5", "6"), &p000, &key(&p000, "I", "5.6")).await;
    app.confirm(app.plan(), &key(app.plan(), "V", "6"), &p000, &key(&p000, "I", "5.6")).await;
    let reader = app.sign_in("baocao").await;
    let (_, appendix) = reader.get(&format!("/ke-hoach/{}", p000.id)).await;
    assert!(appendix.contains("Cũng tại mục 2.5.6 của «KẾ HOẠCH Chuyển đổi số tỉnh Ninh Bình năm 2026»"), "{appendix}");
    assert!(!appendix.contains("Thực hiện mục"), "the commune's link is not the appendix's business");
    let (_, narrative) = reader.get(&format!("/ke-hoach/{}", p002.id)).await;
    assert!(narrative.contains("Cũng tại mục 5.6 của «PHỤ LỤC 1: Phân công phụ trách"), "{narrative}");
    assert!(narrative.contains("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 90% — ≥ 90%"));
    let (_, commune) = reader.get(&format!("/ke-hoach/{}", app.plan().id)).await;
    assert!(commune.contains("Thực hiện mục 5.6 của «PHỤ LỤC 1: Phân công phụ trách"), "{commune}");
    assert!(commune.contains(&format!("/ke-hoach/{}/lien-ket", app.plan().id)), "the cascade pages are linked");
}

#[tokio::test]
async fn departments_and_communes_are_tracked_against_the_due_date_of_their_own_plans() {
    let app = App::start().await;
    let p002 = app.province_plan("002.txt", SEED_002).await;
    let issue = |issuer, key, at| Document {
        name: "004.txt",
        bytes: SEED_004,
        issuer,
        parent: Some(&p002.key),
        key: Some(key),
        at,
    };
    app.store_plan(issue("Xã Gia Viễn (mẫu)", "gia-vien-2026", "2026-04-02T03:00:00Z")).await;
    app.clock.advance(chrono::Duration::days(26));
    let reader = app.sign_in("baocao").await;
    let page = format!("/ke-hoach/{}/cap-duoi", p002.id);
    let (status, body) = reader.get(&page).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("trước ngày <strong>10/04/2026</strong>") && body.contains("tính đến ngày 05/04/2026"));
    assert!(body.contains("Đã có 1 đơn vị ban hành; 0 đơn vị trễ hạn"), "{body}");
    for words in ["Đã ban hành đúng hạn", "02/04/2026", "Chưa ban hành (còn hạn)", "Sở Y tế", "Xã Nho Quan (mẫu)"]
    {
        assert!(body.contains(words), "{words}");
    }
    assert!(!body.contains("Quá hạn") && !body.contains("Thành phố Tam Điệp"), "Tam Điệp merged away in 2025");

    app.store_plan(issue("Xã Nho Quan (mẫu)", "nho-quan-2026", "2026-04-15T03:00:00Z")).await;
    app.clock.advance(chrono::Duration::days(34));
    let reader = app.sign_in("baocao").await; // a session lasts hours, not weeks
    let (_, body) = reader.get(&page).await;
    assert!(body.contains("Quá hạn, chưa ban hành") && body.contains("Ban hành trễ hạn"));
    assert!(body.contains("Đã có 2 đơn vị ban hành; "), "{body}");
    let (_, api) = reader.json(&format!("/api/v1/plans/{}/subplans", p002.id)).await;
    assert_eq!((&api["due"], &api["as_of"]), (&Value::from("2026-04-10"), &Value::from("2026-05-09")));
    let units = api["units"].as_array().expect("units");
    let state_of = |name: &str| units.iter().find(|u| u["name"] == name).map(|u| u["state"].clone());
    assert_eq!(state_of("Xã Gia Viễn (mẫu)"), Some("on_time".into()));
    assert_eq!(state_of("Xã Nho Quan (mẫu)"), Some("late".into()));
    assert_eq!(state_of("Sở Y tế"), Some("overdue".into()));
    let late = units.iter().find(|u| u["name"] == "Xã Nho Quan (mẫu)").expect("Nho Quan");
    assert_eq!(
        (&late["issued"], &late["expected"], &late["kind"]),
        (&Value::from("2026-04-15"), &Value::from(true), &Value::from("commune"))
    );
    assert!(units.iter().all(|u| u["kind"] == "department" || u["kind"] == "commune"));
}
