//! Black-box tests of the web app: the real router on 127.0.0.1:0 over a fresh SQLite store,
//! driven over HTTP as a browser would (cookies kept, redirects followed).

use chitieu_store::UserRole;
use reqwest::StatusCode;

use crate::app::{Account, App, Browser, PASSWORD, Unit, csrf_in, text};

/// A running app over its own database with the registry and one reporter account ("baocao"),
/// and a browser that follows redirects.
async fn start() -> (App, Browser) {
    let reporter = Account::new("baocao", UserRole::Reporter, Unit::None).named("Cán bộ báo cáo");
    let app = App::builder().at("2026-11-23T08:00:00Z").without_plan().accounts(&[reporter]).start().await;
    let browser = app.visitor();
    (app, browser)
}

/// The CSRF token of the signed-in session, from the sign-out form on a page.
async fn session_csrf(browser: &Browser) -> String {
    csrf_in(&browser.get("/ke-hoach").await.1)
}

#[tokio::test]
async fn signing_in_with_a_wrong_password_fails_and_with_the_right_one_lands_on_the_plans_page() {
    let (_app, browser) = start().await;
    let refused = browser.submit_sign_in("baocao", "sai mật khẩu").await;
    assert_eq!(refused.url().path(), "/dang-nhap");
    let (status, body) = text(refused).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Tên đăng nhập hoặc mật khẩu không đúng."));

    let unknown = browser.submit_sign_in("khongco", PASSWORD).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED, "an unknown user is refused the same way");

    let landed = browser.submit_sign_in("BaoCao", PASSWORD).await;
    assert_eq!(landed.url().path(), "/ke-hoach");
    let (status, body) = text(landed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>Kế hoạch</h1>") && body.contains("Cán bộ báo cáo"));
}

#[tokio::test]
async fn pages_without_a_session_send_the_visitor_to_the_sign_in_page() {
    let (_app, browser) = start().await;
    let response = browser.open("/ke-hoach").await;
    assert_eq!(response.url().path(), "/dang-nhap");
    assert!(text(response).await.1.contains("Đăng nhập"));
}

#[tokio::test]
async fn the_sign_in_cookie_is_http_only_and_same_site() {
    let (_app, browser) = start().await;
    let form = browser.open("/dang-nhap").await.text().await.expect("page");
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(browser.url("/dang-nhap"))
        .header("cookie", format!("chitieu_signin_csrf={}", csrf_in(&form)))
        .form(&[("csrf", csrf_in(&form).as_str()), ("username", "baocao"), ("password", PASSWORD)])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("chitieu_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"));
    assert_eq!(session.split(';').next().map(str::len), Some("chitieu_session=".len() + 64));
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let (_app, browser) = start().await;
    browser.open("/dang-nhap").await;
    let (status, _) =
        text(browser.send_form("/dang-nhap", &[("username", "baocao"), ("password", PASSWORD)]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "signing in needs the form's token");

    assert_eq!(browser.submit_sign_in("baocao", PASSWORD).await.status(), StatusCode::OK);
    let (status, body) = text(browser.send_form("/dang-xuat", &[]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("Biểu mẫu đã hết hạn"));
    let (status, _) = text(browser.send_form("/dang-xuat", &[("csrf", &"0".repeat(64))]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a wrong token is refused too");
    assert_eq!(browser.open("/ke-hoach").await.url().path(), "/ke-hoach", "still signed in");
}

#[tokio::test]
async fn five_failed_sign_ins_hold_the_account_for_a_minute() {
    let (app, browser) = start().await;
    for _ in 0..5 {
        assert_eq!(browser.submit_sign_in("baocao", "đoán bừa").await.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = browser.submit_sign_in("baocao", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert_eq!(locked.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("60"));

    app.clock.advance(chrono::Duration::seconds(59));
    assert_eq!(browser.submit_sign_in("baocao", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(browser.submit_sign_in("baocao", PASSWORD).await.url().path(), "/ke-hoach");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let (_app, browser) = start().await;
    browser.submit_sign_in("baocao", PASSWORD).await;
    let csrf = session_csrf(&browser).await;
    let out = browser.send_form("/dang-xuat", &[("csrf", &csrf)]).await;
    assert_eq!(out.url().path(), "/dang-nhap");
    assert_eq!(browser.open("/ke-hoach").await.url().path(), "/dang-nhap");
    assert_eq!(browser.open("/api/v1/plans").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sessions_end_when_they_expire() {
    let (app, browser) = start().await;
    browser.submit_sign_in("baocao", PASSWORD).await;
    app.clock.advance(chrono::Duration::hours(10));
    assert_eq!(browser.open("/ke-hoach").await.url().path(), "/dang-nhap");
}

#[tokio::test]
async fn the_plan_page_shows_targets_deadlines_roles_and_source_lines() {
    let (app, browser) = start().await;
    let id = app.import_seed_000(None).await;
    browser.submit_sign_in("baocao", PASSWORD).await;
    let (status, list) = text(browser.open("/ke-hoach").await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&format!(r#"<a href="/ke-hoach/{id}">PHỤ LỤC 1:"#)));

    let (status, page) = text(browser.open(&format!("/ke-hoach/{id}")).await).await;
    assert_eq!(status, StatusCode::OK);
    let row = page
        .split("<tr>")
        .find(|row| row.contains("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%"))
        .expect("the 5G row");
    for cell in ["<td>2.1</td>", "≥ 70%", "Tháng 12/2026", "Sở Khoa học và Công nghệ", r#"<td class="line">13</td>"#]
    {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    assert!(page.contains("Thường xuyên"));

    assert_eq!(browser.open("/ke-hoach/999999").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_requires_a_session_and_returns_the_plan_json() {
    let (app, browser) = start().await;
    let id = app.import_seed_000(None).await;
    let refused = browser.open(&format!("/api/v1/plans/{id}")).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let error: serde_json::Value = refused.json().await.expect("JSON error");
    assert_eq!(error["error"]["status"], 401);

    browser.submit_sign_in("baocao", PASSWORD).await;
    let plans: serde_json::Value = browser.open("/api/v1/plans").await.json().await.expect("plans JSON");
    assert_eq!(plans["plans"][0]["id"], id);
    let plan: serde_json::Value = browser.open(&format!("/api/v1/plans/{id}")).await.json().await.expect("plan JSON");
    assert_eq!(plan, app.store.plan(id).await.expect("stored").to_json().expect("JSON"));
    let item = plan["items"].as_array().expect("items").iter().find(|i| i["code"] == "2.1").expect("item 2.1");
    assert_eq!((item["line"].as_i64(), item["targets"][0]["value"].as_f64()), (Some(13), Some(70.0)));
    let orgs: serde_json::Value = browser.open("/api/v1/orgs").await.json().await.expect("orgs JSON");
    assert!(orgs["orgs"].as_array().expect("orgs").iter().any(|o| o["name"] == "Sở Khoa học và Công nghệ"));

    let missing = browser.open("/api/v1/plans/999999").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.json::<serde_json::Value>().await.expect("JSON")["error"]["status"], 404);
}

#[tokio::test]
async fn a_plan_title_containing_markup_is_escaped() {
    let (app, browser) = start().await;
    let id = app.import_seed_000(Some("Kế hoạch <script>alert('x')</script> & mục tiêu")).await;
    browser.submit_sign_in("baocao", PASSWORD).await;
    for path in ["/ke-hoach".to_owned(), format!("/ke-hoach/{id}")] {
        let page = browser.open(&path).await.text().await.expect("page");
        assert!(!page.contains("<script>alert"), "{path} shows the markup unescaped");
        assert!(page.contains("&#60;script&#62;alert") || page.contains("&lt;script&gt;alert"), "{path}");
    }
}

#[tokio::test]
async fn the_stylesheet_and_htmx_are_served_from_the_binary_with_long_cache_headers() {
    let (_app, browser) = start().await;
    let page = browser.open("/dang-nhap").await.text().await.expect("page");
    for (asset, kind) in [("/static/app.css", "text/css"), ("/static/htmx-2.0.4.min.js", "text/javascript")] {
        assert!(page.contains(asset), "{asset} linked from the page");
        let response = browser.open(asset).await;
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(header("content-type").starts_with(kind));
        assert!(header("cache-control").contains("max-age=31536000"));
    }
    assert_eq!(browser.open("/static/missing.js").await.status(), StatusCode::NOT_FOUND);
}
