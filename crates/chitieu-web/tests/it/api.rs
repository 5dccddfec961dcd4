//! Black-box tests of the JSON API: every endpoint wants a session, reports are readable by
//! exactly whom the pages admit, obligations and value histories come back as stored, and the
//! OpenAPI document is snapshotted.

use crate::app::{App, Browser, Q1};
use chitieu_core::measure::Measure;
use reqwest::StatusCode;
use serde_json::Value;

impl App {
    fn report_api(&self) -> String {
        format!("/api/v1/reports/{}/{Q1}?org={}", self.plan().id, self.office)
    }

    fn values_api(&self) -> String {
        format!("/api/v1/reports/{}/{Q1}/values?org={}", self.plan().id, self.office)
    }

    /// The office's reporter saves a ratio as a draft through the report form.
    async fn save_ratio(&self, reporter: &Browser, item: &str, numerator: &str, denominator: &str) {
        let version = reporter.form_version(&self.form_path()).await;
        let (n, d) = (format!("tu|{item}"), format!("mau|{item}"));
        let form = [("version", version.as_str()), (&n, numerator), (&d, denominator), ("hanh-dong", "luu")];
        assert_eq!(reporter.post(&self.form_path(), &form).await.0, StatusCode::SEE_OTHER, "the draft is saved");
    }
}

#[tokio::test]
async fn every_api_endpoint_answers_401_in_json_without_a_session() {
    let app = App::start().await;
    let anonymous = app.anonymous();
    let id = app.plan().id;
    for path in [
        "/api/v1/plans".to_owned(),
        format!("/api/v1/plans/{id}"),
        format!("/api/v1/plans/{id}/items"),
        "/api/v1/orgs".to_owned(),
        format!("/api/v1/plans/{id}/obligations?period=2026-Q2"),
        app.report_api(),
        app.values_api(),
    ] {
        let (status, body) = anonymous.json(&path).await;
        assert_eq!((status, &body["error"]["status"]), (StatusCode::UNAUTHORIZED, &Value::from(401)), "{path}");
    }
    let (status, doc) = anonymous.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "the document is public");
    assert_eq!(doc["openapi"], "3.1.0");
}

#[tokio::test]
async fn a_reporter_of_another_unit_cannot_read_the_offices_report_but_its_monitor_and_a_leader_can() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    app.save_ratio(&reporter, &item, "45", "50").await;

    for (username, expected) in [
        ("baocao", StatusCode::OK),
        ("duyet", StatusCode::OK),
        ("giamsat", StatusCode::OK),
        ("lanhdao", StatusCode::OK),
        ("admin", StatusCode::OK),
        ("baocao-khac", StatusCode::FORBIDDEN),
        ("giamsat-khac", StatusCode::FORBIDDEN),
    ] {
        let who = app.sign_in(username).await;
        for path in [app.report_api(), app.values_api()] {
            let (status, body) = who.json(&path).await;
            assert_eq!(status, expected, "{username} GET {path}: {body}");
        }
    }
    let (_, report) = app.sign_in("giamsat").await.json(&app.report_api()).await;
    assert_eq!((report["status"].as_str(), report["version"].as_i64()), (Some("draft"), Some(1)), "{report}");
    let value = &report["values"][0];
    assert_eq!((value["item_key"].as_str(), value["value"]["numerator"].as_f64()), (Some(item.as_str()), Some(45.0)));

    let (status, _) = reporter.json(&format!("/api/v1/reports/{}/{Q1}", app.plan().id)).await;
    assert_eq!(status, StatusCode::OK, "the reporter's own unit by default");
    let (status, body) = reporter.json(&format!("/api/v1/reports/{}/2026-Q3?org={}", app.plan().id, app.office)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a report not started: {body}");
}

#[tokio::test]
async fn the_value_history_lists_every_revision_with_who_and_when() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    app.save_ratio(&reporter, &item, "45", "50").await;
    app.save_ratio(&reporter, &item, "48", "50").await;

    let (status, history) = app.sign_in("lanhdao").await.json(&app.values_api()).await;
    assert_eq!(status, StatusCode::OK, "{history}");
    let revisions: Vec<_> = history["revisions"]
        .as_array()
        .expect("revisions")
        .iter()
        .filter(|r| r["item_key"] == item.as_str())
        .map(|r| (r["value"]["numerator"].as_f64(), r["saved_by"].as_str(), r["saved_at"].as_str().is_some()))
        .collect();
    assert_eq!(revisions, [(Some(45.0), Some("baocao"), true), (Some(48.0), Some("baocao"), true)], "{history}");
    let (_, report) = reporter.json(&app.report_api()).await;
    assert_eq!(report["values"][0]["value"]["numerator"].as_f64(), Some(48.0), "the report holds the latest");
}

#[tokio::test]
async fn obligations_of_seed_000_for_2026_q2_reach_the_departments_through_their_group_due_on_june_25() {
    let app = App::start().await;
    let plan = app.import_seed_000(None).await;
    let reader = app.sign_in("baocao-khac").await;
    let (status, list) = reader.json(&format!("/api/v1/plans/{plan}/obligations?period=2026-Q2")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["period"], "2026-Q2");
    let (_, registry) = reader.json("/api/v1/orgs").await;
    let departments = registry["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["name"] == "Các sở, ban, ngành")
        .unwrap_or_else(|| panic!("the departments' group in {}", registry["groups"]))["id"]
        .clone();
    let via_group: Vec<&Value> =
        list["obligations"].as_array().expect("obligations").iter().filter(|o| o["via_group"] == departments).collect();
    assert!(via_group.len() > 10, "many departments owe through the group: {list}");
    let (ongoing, ending): (Vec<&Value>, Vec<&Value>) = via_group.iter().partition(|o| o["final_report"] == false);
    assert!(
        ongoing.len() > 10 && ongoing.iter().all(|o| o["due"] == "2026-06-25"),
        "due with the quarter: {ongoing:?}"
    );
    assert!(ending.iter().all(|o| o["due"].as_str() < Some("2026-06-25")), "a deadline in the quarter comes first");
    let science =
        registry["orgs"].as_array().expect("orgs").iter().find(|o| o["name"] == "Sở Tài chính").expect("Sở Tài chính")
            ["id"]
            .clone();
    assert!(via_group.iter().any(|o| o["org"] == science), "Sở Tài chính is one of them");

    for bad in ["2026-Q5", "quý", ""] {
        let (status, error) = reader.json(&format!("/api/v1/plans/{plan}/obligations?period={bad}")).await;
        let message = error["error"]["message"].as_str().unwrap_or_default();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {error}");
        assert!(message.contains("không hợp lệ") && message.contains("Invalid period"), "{message}");
    }
}

#[tokio::test]
async fn the_items_of_a_plan_carry_their_keys_targets_roles_and_resolved_units() {
    let app = App::start().await;
    let (status, list) = app.sign_in("baocao").await.json(&format!("/api/v1/plans/{}/items", app.plan().id)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), app.plan().items.len());
    let ratio = app.owed_item(Measure::Ratio).await;
    let item = items.iter().find(|i| i["key"] == ratio.as_str()).expect("the office's ratio item");
    assert_eq!(item["measure"], "ratio");
    assert!(item["targets"][0]["raw"].is_string() && !item["roles"]["lead"].as_array().expect("leads").is_empty());
    assert!(
        item["assignments"]
            .as_array()
            .expect("assignments")
            .iter()
            .any(|a| a["role"] == "lead" && a["org_id"] == app.office),
        "{item}"
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint_and_the_session_cookie() {
    let app = App::start().await;
    let (status, doc) = app.anonymous().json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["components"]["securitySchemes"]["session"]["name"], "chitieu_session");
    insta::assert_json_snapshot!("openapi", doc);
}
