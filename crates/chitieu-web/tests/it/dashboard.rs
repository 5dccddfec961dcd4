//! Black-box tests of the dashboards: a fresh database with the commune's plan (seed 004; the
//! province's multi-year plan, seed 003, for trajectories), reports entered through the store
//! (one unit on time with every target reached, the commune office late, the other units
//! silent), then each dashboard read over HTTP by different roles. Expected figures come from
//! the obligations and the values entered, not from the dashboards' own code.

use std::collections::{BTreeMap, BTreeSet};

use crate::app::{App, Browser, SEED_003};
use chitieu_core::display::number_vi;
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::period::Period;
use chitieu_core::registry::{OrgId, OrgKind};
use chitieu_store::{ReportKey, StoredItem, ValueInput};
use reqwest::StatusCode;

const Q1: &str = "2026-Q1";

fn quarter(code: &str) -> Period {
    Period::parse(code).expect("period")
}

/// A value that reaches any target of the item.
fn best(item: &StoredItem) -> ValueInput {
    let mut value = ValueInput { item_key: item.key.clone(), ..ValueInput::default() };
    let higher = item.direction == Direction::Higher;
    match item.measure {
        Measure::Ratio => {
            value.numerator = Some(if higher { 100.0 } else { 0.0 });
            value.denominator = Some(100.0);
        }
        Measure::YesNo => value.yes_no = Some(true),
        Measure::Qualitative => value.level = Some("Tốt".into()),
        Measure::Task => {
            value.task_status = Some("done".into());
            value.doc_number = Some("01/KH-UBND".into());
            value.doc_date = Some("2026-02-01".into());
        }
        Measure::Rank => value.number = Some(1.0),
        Measure::Count | Measure::Index | Measure::None => value.number = Some(if higher { 1.0e6 } else { 0.0 }),
    }
    value
}

/// A unit of the commune by name.
async fn commune_unit(app: &App, name: &str) -> OrgId {
    let orgs = app.store.orgs().await.expect("orgs");
    let commune = orgs.iter().find(|o| o.id == app.office).and_then(|o| o.parent).expect("the office's commune");
    orgs.iter().find(|o| o.name == name && o.parent == Some(commune)).map(|o| o.id).expect(name)
}

/// Saves `values` as `org`'s report for `period` and submits it at `at`.
async fn send(app: &App, org: OrgId, period: &str, values: &[ValueInput], at: &str) {
    let key = ReportKey { plan_key: app.plan().key.clone(), period: quarter(period), org };
    let saved = app.store.save_values(&key, values, 0, "test", at).await.expect("save");
    app.store.submit_report(saved.report_id, saved.version, "test", at).await.expect("submit");
}

/// Who owes which item in a period: (item key, unit) pairs.
async fn owed(app: &App, period: &str) -> BTreeSet<(String, OrgId)> {
    let obligations = app.store.obligations(app.plan().id, quarter(period)).await.expect("obligations");
    obligations.into_iter().map(|o| (o.item_key, o.org)).collect()
}

/// The best value of every item `org` owes.
async fn best_values(app: &App, org: OrgId, period: &str) -> Vec<ValueInput> {
    let owed = owed(app, period).await;
    app.plan().items.iter().filter(|i| owed.contains(&(i.key.clone(), org))).map(best).collect()
}

fn section_of(app: &App, item_key: &str) -> String {
    let position = app.plan().items.iter().position(|i| i.key == item_key).expect("item");
    app.plan().plan.items[position].section.clone().unwrap_or_default()
}

fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&#38;", "&").replace("&#34;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of the first table whose opening tag contains `marker`, each as its cells' text.
fn table(html: &str, marker: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!("<table class=\"{marker}\"")).unwrap_or_else(|| panic!("table {marker}"));
    let body = &html[start..start + html[start..].find("</table>").expect("table end")];
    body.split("<tr")
        .skip(1)
        .map(|row| row.replace("<th", "<td").split("<td").skip(1).map(|cell| decode(&format!("<x{cell}"))).collect())
        .collect()
}

async fn page(browser: &Browser, path: &str) -> String {
    let (status, body) = browser.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

/// The running app after Q1 (seen on 5 April): the economy office sent on time with every
/// target reached, the commune office sent three days late, nobody else sent anything.
async fn after_the_first_quarter() -> (App, OrgId) {
    let app = App::start().await;
    let economy = commune_unit(&app, "Phòng Kinh tế").await;
    send(&app, economy, Q1, &best_values(&app, economy, Q1).await, "2026-03-20T02:00:00Z").await;
    send(&app, app.office, Q1, &best_values(&app, app.office, Q1).await, "2026-03-28T02:00:00Z").await;
    app.clock.advance(chrono::Duration::days(26));
    (app, economy)
}

#[tokio::test]
async fn the_overview_counts_statuses_by_section_as_the_reports_entered_imply() {
    let (app, economy) = after_the_first_quarter().await;
    let owed = owed(&app, Q1).await;
    let sent = [economy, app.office];
    let mut expected: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for (item, org) in &owed {
        let counts = expected.entry(section_of(&app, item)).or_default();
        counts.0 += 1;
        if sent.contains(org) { counts.1 += 1 } else { counts.2 += 1 }
    }
    let leader = app.sign_in("lanhdao").await;
    let html = page(&leader, &format!("/tong-quan/{}?ky={Q1}", app.plan().id)).await;
    assert!(html.contains("Quý I/2026") && html.contains("05/04/2026"), "period and day of judgement");
    let rows = table(&html, "list counts");
    let header = &rows[0];
    let column = |label: &str| header.iter().position(|h| h == label);
    let total = column("Tổng").expect("a total column");
    let overdue = column("Quá hạn báo cáo").expect("an overdue column");
    let good: Vec<usize> = ["Đạt", "Đúng tiến độ", "Hoàn thành"].iter().filter_map(|l| column(l)).collect();
    let number = |cell: &str| cell.parse::<u32>().unwrap_or_else(|_| panic!("a count, not {cell:?}"));
    let mut seen = 0;
    for row in &rows[1..rows.len() - 1] {
        let section = row[0].split('.').next().filter(|_| row[0].contains('.')).unwrap_or("").to_owned();
        let (all, reached, missing) = expected[&section];
        assert_eq!(number(&row[total]), all, "items owed in section {section}");
        assert_eq!(number(&row[overdue]), missing, "unreported after the due date in section {section}");
        assert_eq!(good.iter().map(|c| number(&row[*c])).sum::<u32>(), reached, "reached in section {section}");
        seen += 1;
    }
    assert_eq!(seen, expected.len(), "one line per section");
    let footer = rows.last().expect("the total line");
    assert_eq!(number(&footer[total]) as usize, owed.len());

    // Chart and table hold the same numbers.
    let chart = chart_json(&html);
    let overdue_set = chart["datasets"]
        .as_array()
        .expect("datasets")
        .iter()
        .find(|d| d["label"] == "Quá hạn báo cáo")
        .expect("an overdue series");
    let from_chart: Vec<u32> =
        overdue_set["data"].as_array().expect("data").iter().map(|v| v.as_f64().expect("number") as u32).collect();
    let from_table: Vec<u32> = rows[1..rows.len() - 1].iter().map(|r| number(&r[overdue])).collect();
    assert_eq!(from_chart, from_table);
    assert!(html.contains("/static/chart-4.5.1.umd.min.js") && html.contains("/static/charts.js?v="));
    for export in ["xlsx", "pdf"] {
        assert!(html.contains(&format!("/bao-cao-tong-hop/{}/{Q1}.{export}", app.plan().id)), "{export} export link");
    }
}

fn chart_json(html: &str) -> serde_json::Value {
    let marker = r#"<script type="application/json">"#;
    let start = html.find(marker).expect("embedded chart data") + marker.len();
    let end = start + html[start..].find("</script>").expect("end of chart data");
    serde_json::from_str(&html[start..end]).expect("chart JSON")
}

#[tokio::test]
async fn a_unit_that_did_not_report_and_one_that_reported_late_are_laggards_and_the_punctual_one_is_not() {
    let (app, economy) = after_the_first_quarter().await;
    let owed = owed(&app, Q1).await;
    let names: BTreeMap<OrgId, String> =
        app.store.orgs().await.expect("orgs").into_iter().map(|o| (o.id, o.name)).collect();
    let mut unreported: BTreeMap<OrgId, u32> = BTreeMap::new();
    for (_, org) in owed.iter().filter(|(_, org)| *org != economy && *org != app.office) {
        *unreported.entry(*org).or_default() += 1;
    }
    let monitor = app.sign_in("giamsat").await;
    let html = page(&monitor, &format!("/tong-quan/{}?ky={Q1}", app.plan().id)).await;
    let laggards = table(&html, "list laggards");
    let row_of = |id: OrgId| laggards.iter().find(|r| r[0] == names[&id]);
    let office = row_of(app.office).expect("the late office is a laggard");
    assert_eq!(office[1], "Nộp trễ hạn");
    assert!(row_of(economy).is_none(), "the punctual unit that reached every target is not a laggard");
    let (silent, count) = unreported.iter().max_by_key(|(_, n)| **n).expect("a silent unit");
    let row = row_of(*silent).expect("a silent unit is a laggard");
    assert_eq!((row[1].as_str(), row[2].clone()), ("Chưa nộp", count.to_string()));
    assert_eq!(laggards[1][2], count.to_string(), "the worst first");
    let link = format!("/don-vi/{silent}?ke-hoach={}&#38;ky={Q1}", app.plan().id);
    assert!(html.contains(&link), "a link to its scorecard");

    let reporting = table(&html, "list reporting");
    let total = reporting.last().expect("the overall line");
    let units = owed.iter().map(|(_, org)| *org).collect::<BTreeSet<_>>().len();
    assert_eq!(total[1..4], [units.to_string(), "2".to_owned(), "1".to_owned()], "expected, received, on time");
}

#[tokio::test]
async fn the_heat_map_filters_by_section_and_kind_of_unit() {
    let (app, _) = after_the_first_quarter().await;
    let owed = owed(&app, Q1).await;
    let reporter = app.sign_in("baocao").await;
    let base = format!("/ban-do-nhiet/{}?ky={Q1}", app.plan().id);
    let codes = |html: &str| -> Vec<String> { table(html, "heatmap")[0][1..].to_vec() };
    let all = codes(&page(&reporter, &base).await);
    assert!(all.iter().any(|c| c.starts_with("I.")) && all.iter().any(|c| c.starts_with("II.")), "{all:?}");

    let second = page(&reporter, &format!("{base}&muc=II")).await;
    let second_codes = codes(&second);
    assert!(!second_codes.is_empty() && second_codes.iter().all(|c| c.starts_with("II.")), "{second_codes:?}");
    let in_section: BTreeSet<&str> =
        owed.iter().filter(|(item, _)| section_of(&app, item) == "II").map(|(item, _)| item.as_str()).collect();
    assert_eq!(second_codes.len(), in_section.len(), "every item of section II, and only those");

    let orgs = app.store.orgs().await.expect("orgs");
    let enterprises: BTreeSet<String> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Enterprise && owed.iter().any(|(_, org)| *org == o.id))
        .map(|o| o.name.clone())
        .collect();
    assert!(!enterprises.is_empty(), "the plan assigns work to enterprises");
    let html = page(&reporter, &format!("{base}&loai=enterprise")).await;
    let rows: BTreeSet<String> = table(&html, "heatmap")[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(rows, enterprises);
    assert!(html.contains("Quá hạn"), "cells say their status in words");
    assert!(html.contains(r#"id="heatmap""#) && html.contains(r##"hx-select="#heatmap""##), "htmx swaps the table");

    let (status, body) = reporter.get(&format!("{base}&loai=hành-tinh")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("Loại đơn vị"));
    let (status, body) = reporter.get(&format!("{base}&muc=XIV")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("không có mục"));
}

#[tokio::test]
async fn the_indicator_page_lists_each_periods_pooled_value_and_charts_it_against_the_target() {
    let app = App::start().await;
    let economy = commune_unit(&app, "Phòng Kinh tế").await;
    let owed = owed(&app, Q1).await;
    let item = app
        .plan()
        .items
        .iter()
        .find(|i| {
            i.measure == Measure::Ratio
                && owed.contains(&(i.key.clone(), economy))
                && owed.contains(&(i.key.clone(), app.office))
        })
        .expect("a ratio both units owe");
    let ratio = |n: f64, d: f64| ValueInput {
        item_key: item.key.clone(),
        numerator: Some(n),
        denominator: Some(d),
        ..ValueInput::default()
    };
    send(&app, app.office, "2026-Q1", &[ratio(90.0, 100.0)], "2026-03-20T02:00:00Z").await;
    send(&app, economy, "2026-Q1", &[ratio(1.0, 2.0)], "2026-03-20T02:00:00Z").await;
    send(&app, app.office, "2026-Q2", &[ratio(95.0, 100.0)], "2026-06-20T02:00:00Z").await;
    send(&app, economy, "2026-Q2", &[ratio(3.0, 4.0)], "2026-06-20T02:00:00Z").await;
    app.clock.advance(chrono::Duration::days(120));

    let viewer = app.sign_in("giamsat-khac").await;
    let path = format!("/chi-tieu/{}/{}?ky=2026-Q2", app.plan().id, encode(&item.key));
    let html = page(&viewer, &path).await;
    let pooled =
        |n: f64, d: f64| format!("{}/{} ({}%)", number_vi(n), number_vi(d), number_vi((n / d * 1000.0).round() / 10.0));
    let history = table(&html, "list history");
    let lines: Vec<(String, String)> = history[1..].iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(
        lines,
        [("Quý I/2026".to_owned(), pooled(91.0, 102.0)), ("Quý II/2026".to_owned(), pooled(98.0, 104.0))],
        "Σ numerators ÷ Σ denominators per period"
    );
    let chart = chart_json(&html);
    assert_eq!(chart["labels"], serde_json::json!(["Quý I/2026", "Quý II/2026"]));
    let values: Vec<f64> =
        chart["datasets"][0]["data"].as_array().expect("data").iter().map(|v| v.as_f64().expect("value")).collect();
    assert!((values[0] - 9100.0 / 102.0).abs() < 1e-9 && (values[1] - 9800.0 / 104.0).abs() < 1e-9, "{values:?}");
    assert_eq!(chart["datasets"][1]["label"], "Chỉ tiêu", "the target as a second line");

    let by_unit = table(&html, "list by-unit");
    let office_name =
        app.store.orgs().await.expect("orgs").into_iter().find(|o| o.id == app.office).expect("office").name;
    let office = by_unit.iter().find(|r| r[0] == office_name).expect("the office's line");
    assert_eq!(office[1], "95/100 (95%)");

    let (status, _) = viewer.get(&format!("/chi-tieu/{}/khong-co?ky=2026-Q2", app.plan().id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = viewer.get(&format!("/chi-tieu/{}/{}?ky=quý-9", app.plan().id, encode(&item.key))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Kỳ"), "{body}");
}

/// Percent-encodes a path segment, as a browser following the page's links does.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn reporters_read_their_own_units_scorecard_only_and_every_role_reads_the_overview() {
    let (app, economy) = after_the_first_quarter().await;
    let plan = app.plan().id;
    let own = format!("/don-vi/{}?ke-hoach={plan}&ky={Q1}", app.office);
    let other = format!("/don-vi/{economy}?ke-hoach={plan}&ky={Q1}");
    let expected = [
        ("admin", StatusCode::OK, StatusCode::OK),
        ("lanhdao", StatusCode::OK, StatusCode::OK),
        ("giamsat", StatusCode::OK, StatusCode::OK),
        ("baocao", StatusCode::OK, StatusCode::FORBIDDEN),
        ("duyet", StatusCode::OK, StatusCode::FORBIDDEN),
        ("baocao-khac", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
    ];
    for (username, office_card, economy_card) in expected {
        let browser = app.sign_in(username).await;
        assert_eq!(browser.get(&own).await.0, office_card, "{username} reads the office's scorecard");
        assert_eq!(browser.get(&other).await.0, economy_card, "{username} reads the economy office's scorecard");
        for path in
            [format!("/tong-quan/{plan}?ky={Q1}"), format!("/ban-do-nhiet/{plan}?ky={Q1}"), "/tong-quan".to_owned()]
        {
            assert_eq!(browser.get(&path).await.0, StatusCode::OK, "{username} reads {path}");
        }
    }
    assert_eq!(app.anonymous().get(&format!("/tong-quan/{plan}")).await.0, StatusCode::SEE_OTHER);

    let reporter = app.sign_in("baocao").await;
    let card = page(&reporter, &own).await;
    let duties = table(&card, "list duties");
    let office_owes = owed(&app, Q1).await.iter().filter(|(_, org)| *org == app.office).count();
    assert_eq!(duties.len() - 1, office_owes, "every item the office owes");
    assert!(duties[1..].iter().all(|d| d[2] == "25/03/2026"), "due on the quarter's 25th");
    let history = table(&card, "list history");
    assert!(history.iter().any(|q| q[0] == "Quý I/2026" && q[1] != "—" && q[2].contains('/')), "{history:?}");
    let overview = page(&reporter, &format!("/tong-quan/{plan}?ky={Q1}")).await;
    assert!(!overview.contains(&format!("/don-vi/{economy}?")), "no link to a scorecard the reporter may not read");
    assert!(overview.contains(&format!("/don-vi/{}?", app.office)), "a link to its own");
}

#[tokio::test]
async fn a_multi_year_target_shows_its_trajectory_by_open_sdgs_progress_measure() {
    let app = App::start().await;
    let plan = chitieu_import::read_plan("003.txt", SEED_003).expect("seed 003 parses");
    let import = chitieu_store::PlanImport {
        plan: &plan,
        source_bytes: SEED_003,
        source_text: std::str::from_utf8(SEED_003).ok(),
        issuer: None,
        level: None,
        parent_key: None,
        key: None,
        actor: "test",
        at: crate::app::AT,
    };
    let plan_id = app.store.import_plan(import).await.expect("import").plan_id;
    let stored = app.store.plan(plan_id).await.expect("plan");
    // I.1 "Phủ sóng 5G trên dân số": 2025 ≥ 60%, 2030 100%, owed by the telecom companies.
    let position = stored.plan.items.iter().position(|i| i.text == "Phủ sóng 5G trên dân số").expect("item I.1");
    let item = &stored.items[position];
    let target_year = 2030;
    let target = stored.plan.items[position]
        .targets
        .iter()
        .find(|t| t.year == Some(target_year))
        .and_then(|t| t.value)
        .expect("a 2030 target");
    let owed = app.store.obligations(plan_id, quarter("2025-Q4")).await.expect("obligations");
    let units: Vec<OrgId> = owed.iter().filter(|o| o.item_key == item.key).map(|o| o.org).take(2).collect();
    assert_eq!(units.len(), 2, "two telecom companies owe it");
    let value = |share: f64| {
        let mut value = ValueInput { item_key: item.key.clone(), ..ValueInput::default() };
        if item.measure == Measure::Ratio {
            (value.numerator, value.denominator) = (Some(share / 2.0), Some(50.0));
        } else {
            value.number = Some(share);
        }
        value
    };
    let (base, current) = (60.0, 70.0);
    for org in &units {
        for (period, share, at) in
            [("2025-Q4", base, "2025-12-20T02:00:00Z"), ("2026-Q3", current, "2026-09-20T02:00:00Z")]
        {
            let key = ReportKey { plan_key: stored.key.clone(), period: quarter(period), org: *org };
            let saved = app.store.save_values(&key, &[value(share)], 0, "test", at).await.expect("save");
            app.store.submit_report(saved.report_id, saved.version, "test", at).await.expect("submit");
        }
    }
    app.clock.advance(chrono::Duration::days(236));

    let leader = app.sign_in("lanhdao").await;
    let html = page(&leader, &format!("/chi-tieu/{plan_id}/{}?ky=2026-Q3", encode(&item.key))).await;
    assert!(html.contains("Lộ trình đến chỉ tiêu nhiều năm"));
    // Open SDG: R = observed CAGR ÷ required CAGR, from the base year 2025.
    let observed = current / base - 1.0;
    let required = (target / base).powf(1.0 / f64::from(target_year - 2025)) - 1.0;
    let two = |x: f64| number_vi((x * 100.0).round() / 100.0);
    for shown in
        [format!("{}%/năm", two(observed * 100.0)), format!("{}%/năm", two(required * 100.0)), two(observed / required)]
    {
        assert!(html.contains(&shown), "{shown} on the page");
    }
    assert!(observed / required >= 0.95 && html.contains("Đúng lộ trình"), "on track");
}
