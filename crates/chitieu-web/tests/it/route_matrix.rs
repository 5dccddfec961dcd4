//! The roles × routes matrix: for every route of the app, which roles may read it and which
//! may write through it (the status each account gets), with a submitted report in place.

use crate::app::{ACCOUNTS, App, Browser};
use chitieu_core::measure::Measure;
use chitieu_store::{NewEvidence, ValueInput};

const OK: u16 = 200;
const SEE: u16 = 303;
const BAD: u16 = 400;
const NO: u16 = 403;
const AUTH: u16 = 401;
/// Admitted: past the permission check, whatever the page then answers (the import pages
/// belong to another slice; only who gets in is asserted here).
const IN: u16 = 0;

/// Statuses in the order of `ACCOUNTS` (admin, leader, monitor, other monitor, reporter,
/// approver, other reporter), then a visitor without a session.
type Row = [u16; 8];

/// A method, a path, the form it posts and the expected statuses.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, Row);

async fn answer(browser: &Browser, method: &str, path: &str, form: &[(&str, &str)]) -> u16 {
    let status = match method {
        "GET" => browser.get(path).await.0,
        "UPLOAD" => browser.upload(path, "", "", b"").await.0,
        _ => browser.post(path, form).await.0,
    };
    status.as_u16()
}

#[tokio::test]
async fn every_route_admits_exactly_the_roles_it_should() {
    let app = App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let key = chitieu_store::ReportKey {
        plan_key: app.plan().key.clone(),
        period: chitieu_core::period::Period::parse(crate::app::Q1).expect("Q1"),
        org: app.office,
    };
    let position = app.plan().items.iter().position(|i| i.key == item).expect("the item");
    let stored = &app.plan().plan.items[position];
    let code =
        format!("{}.{}", stored.section.as_deref().unwrap_or_default(), stored.code.as_deref().unwrap_or_default());
    let item_path = item.replace('#', "%23").replace(':', "%3A");
    let value = ValueInput { item_key: item, numerator: Some(1.0), denominator: Some(2.0), ..ValueInput::default() };
    let saved = app.store.save_values(&key, &[value], 0, "baocao", crate::app::AT).await.expect("save");
    let pdf = NewEvidence { item_key: "", file_name: "a.pdf", bytes: b"%PDF-1.4\n%%EOF\n" };
    let file = app.store.add_evidence(saved.report_id, pdf, "baocao", crate::app::AT).await.expect("pdf").id;
    app.store.submit_report(saved.report_id, saved.version, "duyet", crate::app::AT).await.expect("submit");

    let (plan, report) = (app.plan().id, saved.report_id);
    let form = app.form_path();
    let upload = app.upload_path();
    let history = format!("/lich-su/{report}");
    let evidence = format!("/minh-chung/{file}");
    let plan_page = format!("/ke-hoach/{plan}");
    let plan_json = format!("/api/v1/plans/{plan}");
    let plan_items = format!("/api/v1/plans/{plan}/items");
    let obligations = format!("/api/v1/plans/{plan}/obligations?period=2026-Q1");
    let report_json = format!("/api/v1/reports/{plan}/{}?org={}", crate::app::Q1, app.office);
    let values_json = format!("/api/v1/reports/{plan}/{}/values?org={}", crate::app::Q1, app.office);
    let decide = format!("/duyet/{report}");
    let overview = format!("/tong-quan/{plan}?ky=2026-Q1");
    let heatmap = format!("/ban-do-nhiet/{plan}?ky=2026-Q1");
    let indicator = format!("/chi-tieu/{plan}/{item_path}?ky=2026-Q1");
    let scorecard = format!("/don-vi/{}?ke-hoach={plan}&ky=2026-Q1", app.office);
    let download = format!("/bao-cao-tong-hop/{plan}/2026-Q1.xlsx");
    let verdicts = format!("/api/v1/plans/{plan}/evaluation?period=2026-Q1&format=csv");
    let rollups = format!("/api/v1/plans/{plan}/rollups?period=2026-Q1");
    let ranking = format!("/api/v1/plans/{plan}/ranking?period=2026-Q1");
    let across = format!("/api/v1/indicators/{code}?period=2026-Q1");
    let links = format!("/ke-hoach/{plan}/lien-ket");
    let checks = format!("/ke-hoach/{plan}/kiem-tra");
    let subplans = format!("/ke-hoach/{plan}/cap-duoi");
    let links_json = format!("/api/v1/plans/{plan}/links");
    let checks_json = format!("/api/v1/plans/{plan}/checks");
    let subplans_json = format!("/api/v1/plans/{plan}/subplans");
    let plan_text = plan.to_string();
    let approvals = format!("/ke-hoach/{plan}/so-cap-duyet");
    let matrix: Vec<Case<'_>> = vec![
        ("GET", "/", vec![], [SEE, SEE, SEE, SEE, SEE, SEE, SEE, SEE]),
        ("GET", "/dang-nhap", vec![], [SEE, SEE, SEE, SEE, SEE, SEE, SEE, OK]),
        ("GET", "/static/htmx-2.0.4.min.js", vec![], [OK, OK, OK, OK, OK, OK, OK, OK]),
        ("GET", "/ke-hoach", vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &plan_page, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", "/api/v1/plans", vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &plan_json, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", "/api/v1/orgs", vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &plan_items, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &obligations, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &report_json, vec![], [OK, OK, OK, NO, OK, OK, NO, AUTH]),
        ("GET", &values_json, vec![], [OK, OK, OK, NO, OK, OK, NO, AUTH]),
        ("GET", "/api/openapi.json", vec![], [OK, OK, OK, OK, OK, OK, OK, OK]),
        ("GET", "/viec-cua-toi", vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", "/bao-cao/ty-le?tu=1&mau=2", vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &form, vec![], [OK, OK, OK, NO, OK, OK, NO, SEE]),
        ("GET", &history, vec![], [OK, OK, OK, NO, OK, OK, NO, SEE]),
        ("GET", &evidence, vec![], [OK, OK, OK, NO, OK, OK, NO, SEE]),
        ("GET", "/duyet", vec![], [OK, OK, OK, OK, NO, NO, NO, SEE]),
        ("GET", "/ky-bao-cao", vec![], [OK, OK, NO, NO, NO, NO, NO, SEE]),
        // Dashboards, the consolidated report and the IOC's API: every signed-in role reads;
        // a unit's scorecard is its own unit's for reporters and approvers.
        ("GET", "/tong-quan", vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &overview, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &heatmap, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &indicator, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &scorecard, vec![], [OK, OK, OK, OK, OK, OK, NO, SEE]),
        ("GET", &download, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &verdicts, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &rollups, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &ranking, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", "/api/v1/ranking?period=2026-Q1", vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &across, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        // The cascade: everyone signed in reads; notices are each user's own; the reminders
        // sent are for monitors, leaders and admins.
        ("GET", &links, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &checks, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", &subplans, vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        (
            "POST",
            &links,
            vec![("con", "?"), ("cha-ke-hoach", "?"), ("cha", "?"), ("diem", "0.5"), ("quyet-dinh", "?")],
            // The province's admin and leader are above the commune; the monitors are not, and
            // monitor neither (unknown) item.
            [BAD, BAD, NO, NO, NO, NO, NO, NO],
        ),
        ("GET", &links_json, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &checks_json, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", &subplans_json, vec![], [OK, OK, OK, OK, OK, OK, OK, AUTH]),
        ("GET", "/thong-bao", vec![], [OK, OK, OK, OK, OK, OK, OK, SEE]),
        ("GET", "/nhac-viec", vec![], [OK, OK, OK, OK, NO, NO, NO, SEE]),
        // Writes: an admitted role gets past the permission check to the form's own answer
        // (400 for the deliberately incomplete forms below); a refused one gets 403.
        ("POST", &form, vec![("hanh-dong", "luu")], [BAD, NO, NO, NO, BAD, BAD, NO, NO]),
        ("UPLOAD", &upload, vec![], [BAD, NO, NO, NO, BAD, BAD, NO, NO]),
        ("POST", &decide, vec![("version", "0"), ("quyet-dinh", "?")], [BAD, NO, BAD, NO, NO, NO, NO, NO]),
        (
            "POST",
            "/ky-bao-cao",
            vec![("ke-hoach", &plan_text), ("ky", "2026-Q1"), ("hanh-dong", "?")],
            [BAD, NO, NO, NO, NO, NO, NO, NO],
        ),
        ("GET", "/nhap-ke-hoach", vec![], [IN, NO, IN, IN, NO, NO, NO, SEE]),
        ("GET", "/nhap-ke-hoach/khong-co", vec![], [IN, NO, IN, IN, NO, NO, NO, SEE]),
        ("GET", "/nhap-ke-hoach/khong-co/tien-do", vec![], [IN, NO, IN, IN, NO, NO, NO, SEE]),
        ("UPLOAD", "/nhap-ke-hoach", vec![], [IN, NO, IN, IN, NO, NO, NO, NO]),
        ("POST", "/nhap-ke-hoach/khong-co", vec![], [IN, NO, IN, IN, NO, NO, NO, NO]),
        // Only an administrator or monitor of the commune or above sets its plan's approvals.
        ("POST", &approvals, vec![("so-cap", "1")], [SEE, NO, NO, NO, NO, NO, NO, NO]),
    ];
    let mut browsers = Vec::new();
    for account in ACCOUNTS {
        browsers.push(app.sign_in(account.username).await);
    }
    browsers.push(app.anonymous());
    let mut wrong = Vec::new();
    for (method, path, form, expected) in &matrix {
        for ((browser, expected), who) in
            browsers.iter().zip(expected).zip(ACCOUNTS.iter().map(|a| a.username).chain(["(no session)"]))
        {
            let got = answer(browser, method, path, form).await;
            let admitted = *expected == IN && ![NO, SEE, AUTH].contains(&got);
            if got != *expected && !admitted {
                wrong.push(format!("{method} {path} as {who}: {got}, expected {expected}"));
            }
        }
    }
    // Signing in (a wrong password, its own rate-limit key per account) and out, last.
    for (browser, who) in browsers.iter().zip(ACCOUNTS.iter().map(|a| a.username).chain(["anon"])) {
        let name = format!("nobody-{who}");
        let got = answer(browser, "POST", "/dang-nhap", &[("username", &name), ("password", "x")]).await;
        let expected = if who == "anon" { NO } else { 401 };
        if got != expected {
            wrong.push(format!("POST /dang-nhap as {who}: {got}, expected {expected}"));
        }
    }
    for (browser, who) in browsers.iter().zip(ACCOUNTS.iter().map(|a| a.username)) {
        let got = answer(browser, "POST", "/dang-xuat", &[]).await;
        if got != SEE {
            wrong.push(format!("POST /dang-xuat as {who}: {got}, expected {SEE}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
