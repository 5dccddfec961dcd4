//! Black-box tests of the evaluation API for the provincial IOC: verdicts, roll-ups and the
//! ranking of a plan and period, as JSON and CSV, judged from reports sent through the store.

use crate::app::{App, Q1};
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_store::{ReportKey, ValueInput};
use reqwest::StatusCode;
use serde_json::Value;

/// A ratio item of the plan that at least two units owe in Q1, and two of those units.
async fn shared_ratio_item(app: &App) -> (String, i64, i64) {
    let period = Period::parse(Q1).expect("Q1");
    let owed = app.store.obligations(app.plan().id, period).await.expect("obligations");
    for item in app.plan().items.iter().filter(|i| i.measure == Measure::Ratio) {
        let mut orgs: Vec<i64> = owed.iter().filter(|o| o.item_key == item.key).map(|o| o.org).collect();
        orgs.dedup();
        if let [first, second, ..] = orgs.as_slice() {
            return (item.key.clone(), *first, *second);
        }
    }
    panic!("seed 004 has a ratio item owed by two units in Q1");
}

/// A unit saves one ratio and sends its report (on time: the clock is 10/03/2026).
async fn send_ratio(app: &App, org: i64, item: &str, numerator: f64, denominator: f64) {
    let key = ReportKey { plan_key: app.plan().key.clone(), period: Period::parse(Q1).expect("Q1"), org };
    let value = ValueInput {
        item_key: item.to_owned(),
        numerator: Some(numerator),
        denominator: Some(denominator),
        comment: Some("Số liệu quý I".into()),
        ..ValueInput::default()
    };
    let saved = app.store.save_values(&key, &[value], 0, "baocao", crate::app::AT).await.expect("save");
    app.store.submit_report(saved.report_id, saved.version, "duyet", crate::app::AT).await.expect("submit");
}

#[tokio::test]
async fn the_roll_up_pools_numerators_and_denominators_not_percentages() {
    let app = App::start().await;
    let (item, first, second) = shared_ratio_item(&app).await;
    send_ratio(&app, first, &item, 1.0, 2.0).await;
    send_ratio(&app, second, &item, 90.0, 100.0).await;
    let leader = app.sign_in("lanhdao").await;
    let id = app.plan().id;

    let (status, rollups) = leader.json(&format!("/api/v1/plans/{id}/rollups?period={Q1}")).await;
    assert_eq!(status, StatusCode::OK, "{rollups}");
    let line = rollups.as_array().expect("a list").iter().find(|r| r["item_key"] == item.as_str()).expect("the item");
    assert_eq!((line["numerator"].as_f64(), line["denominator"].as_f64()), (Some(91.0), Some(102.0)));
    let pooled = line["value"].as_f64().expect("a pooled value");
    assert!((pooled - 91.0 / 102.0 * 100.0).abs() < 1e-9, "Σ91/Σ102 = 89.2%, not the mean 70%: {pooled}");
    assert_eq!(line["pooled"], 2);
    assert!(line["units"].as_u64().expect("units") >= 2);

    let (status, verdicts) = leader.json(&format!("/api/v1/plans/{id}/evaluation?period={Q1}")).await;
    assert_eq!(status, StatusCode::OK);
    let mine: Vec<&Value> = verdicts
        .as_array()
        .expect("a list")
        .iter()
        .filter(|v| v["item_key"] == item.as_str() && v["org"] == first)
        .collect();
    assert_eq!(mine.len(), 1, "{verdicts}");
    assert_eq!((mine[0]["value"].as_f64(), mine[0]["reported"].as_str()), (Some(50.0), Some("1/2 (50%)")));
    let unsent = verdicts.as_array().expect("list").iter().filter(|v| v["org"] != first && v["org"] != second);
    for line in unsent {
        assert_eq!(line["status"], "not_reported", "not due until 25/03/2026: {line}");
    }

    let (status, ranking) = leader.json(&format!("/api/v1/plans/{id}/ranking?period={Q1}")).await;
    assert_eq!(status, StatusCode::OK);
    let places = ranking.as_array().expect("a list");
    assert!(places.len() >= 2);
    let indexes: Vec<f64> = places.iter().map(|p| p["index"].as_f64().expect("index")).collect();
    assert!(indexes.windows(2).all(|w| w[0] >= w[1]), "best first: {indexes:?}");
    assert!(indexes.iter().all(|i| (0.0..=1.0).contains(i)));
    assert_eq!(places[0]["place"], 1);
    let sent = places.iter().find(|p| p["org"] == second).expect("a unit that sent its report");
    assert_eq!(
        (sent["expected"].as_u64(), sent["received"].as_u64(), sent["on_time"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert!(sent["previous_place"].is_null(), "nothing was ranked in 2025-Q4");
}

#[tokio::test]
async fn the_ioc_gets_csv_with_a_header_and_bad_requests_get_clear_errors() {
    let app = App::start().await;
    let (item, first, _) = shared_ratio_item(&app).await;
    send_ratio(&app, first, &item, 3.0, 4.0).await;
    let monitor = app.sign_in("giamsat").await;
    let id = app.plan().id;

    let response = monitor
        .client
        .get(format!("{}/api/v1/plans/{id}/evaluation?period={Q1}&format=csv", app.base))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"].to_str().expect("ascii").to_owned();
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let body = response.text().await.expect("body");
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("item_key,code,section,org,org_name,status,status_vi,value,reported,progress"),
        "the header names the JSON fields"
    );
    let row = body.lines().find(|l| l.starts_with(&format!("{item},")) && l.contains(",75.0,")).expect("the value");
    assert!(row.contains("3/4 (75%)"), "{row}");

    for (query, expected) in [
        (format!("period={Q1}&format=xml"), StatusCode::BAD_REQUEST),
        ("format=csv".to_owned(), StatusCode::BAD_REQUEST),
        ("period=2026-Q9".to_owned(), StatusCode::BAD_REQUEST),
    ] {
        let (status, error) = monitor.json(&format!("/api/v1/plans/{id}/rollups?{query}")).await;
        assert_eq!(status, expected, "{query}: {error}");
        assert!(error["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (status, _) = monitor.json(&format!("/api/v1/plans/999999/ranking?period={Q1}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for path in ["evaluation", "rollups", "ranking"] {
        let (status, _) = app.anonymous().json(&format!("/api/v1/plans/{id}/{path}?period={Q1}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn the_consolidated_report_downloads_as_xlsx_and_pdf_with_the_sent_values() {
    use calamine::{DataType as _, Reader as _, Xlsx};

    let app = App::start().await;
    let (item, first, second) = shared_ratio_item(&app).await;
    send_ratio(&app, first, &item, 1.0, 2.0).await;
    send_ratio(&app, second, &item, 90.0, 100.0).await;
    let leader = app.sign_in("lanhdao").await;
    let id = app.plan().id;
    let get = |path: String| {
        let client = leader.client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let response = client.get(url).send().await.expect("GET");
            let status = response.status();
            let kind = response.headers().get("content-type").map(|v| v.to_str().expect("ascii").to_owned());
            (status, kind, response.bytes().await.expect("body").to_vec())
        }
    };

    let (status, kind, bytes) = get(format!("/bao-cao-tong-hop/{id}/{Q1}.xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("an .xlsx opens");
    let sheet = book.worksheet_range("Tổng hợp").expect("the summary sheet");
    // Numbers are stored as numbers (a ratio as its percentage), shown with their words.
    let numbers: Vec<f64> = sheet.cells().filter_map(|(_, _, c)| c.get_float()).collect();
    assert!(numbers.contains(&50.0), "the first unit's 1/2: {numbers:?}");
    assert!(numbers.contains(&90.0), "the second unit's 90/100");
    assert!(numbers.iter().any(|n| (n - 91.0 / 102.0 * 100.0).abs() < 1e-9), "the roll-up pools the sums");
    let texts: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(texts.iter().any(|c| c.contains(&app.plan().plan.title)), "the plan's title heads the sheet");

    let (status, kind, bytes) = get(format!("/bao-cao-tong-hop/{id}/{Q1}.pdf")).await;
    assert_eq!((status, kind.as_deref()), (StatusCode::OK, Some("application/pdf")));
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");

    for file in [format!("{Q1}.docx"), "2026-Q9.pdf".to_owned(), "report".to_owned()] {
        let (status, _, _) = get(format!("/bao-cao-tong-hop/{id}/{file}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{file}");
    }
    let anonymous = app.anonymous().get(&format!("/bao-cao-tong-hop/{id}/{Q1}.pdf")).await.0;
    assert_ne!(anonymous, StatusCode::OK, "signed in only");
}

#[tokio::test]
async fn one_indicator_is_read_across_plans_by_its_code() {
    let app = App::start().await;
    let (item, first, second) = shared_ratio_item(&app).await;
    send_ratio(&app, first, &item, 1.0, 2.0).await;
    send_ratio(&app, second, &item, 90.0, 100.0).await;
    let position = app.plan().items.iter().position(|i| i.key == item).expect("item");
    let bare = app.plan().plan.items[position].code.clone().expect("the item has a code");
    let section = app.plan().plan.items[position].section.clone().expect("the item is in a section");
    let code = format!("{section}.{bare}");
    let leader = app.sign_in("lanhdao").await;
    // Codes are letters, digits and dots: safe in a path as they are.
    let encoded = &code;

    let (status, body) = leader.json(&format!("/api/v1/indicators/{encoded}?period={Q1}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["code"].as_str(), body["plans"].as_u64()), (Some(code.as_str()), Some(1)));
    let values = body["values"].as_array().expect("values");
    let orgs: Vec<i64> = values.iter().map(|v| v["org"].as_i64().expect("org")).collect();
    assert!(orgs.contains(&first) && orgs.contains(&second), "{body}");
    let pooled = body["pooled"].as_f64().expect("pooled");
    assert!((pooled - 91.0 / 102.0 * 100.0).abs() < 1e-9, "{pooled}");

    let kind = values.iter().find(|v| v["org"] == first).expect("first")["org_kind"].as_str().expect("kind").to_owned();
    let (_, only) = leader.json(&format!("/api/v1/indicators/{encoded}?period={Q1}&kind={kind}")).await;
    assert!(only["values"].as_array().expect("values").iter().all(|v| v["org_kind"] == kind.as_str()));
    let (status, _) = leader.json(&format!("/api/v1/indicators/{encoded}?period={Q1}&kind=planet")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = leader.json(&format!("/api/v1/indicators/XYZ.99?period={Q1}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, error) = leader.json(&format!("/api/v1/indicators/{bare}?period={Q1}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "\"{bare}\" numbers an item in several sections: {error}");
}
