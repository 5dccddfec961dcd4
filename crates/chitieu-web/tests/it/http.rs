//! Black-box tests of the web app: the real router on 127.0.0.1:0 over a fresh SQLite store,
//! driven over HTTP as a browser would (cookies kept, redirects followed).

use std::sync::Arc;

use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{NewUser, PlanImport, SqlStore, Store as _, UserRole};
use chitieu_web::{AppState, ManualClock, hash_password};
use reqwest::StatusCode;

const AT: &str = "2026-11-23T08:00:00Z";
const SEED_000: &[u8] = include_bytes!("../../../../fixtures/seeds/000_ba049f6006c8a0fd.txt");
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
const PASSWORD: &str = "mật khẩu đúng";

/// A running app over its own database, with one reporter account ("baocao").
struct App {
    base: String,
    browser: reqwest::Client,
    store: SqlStore,
    clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().expect("HTTP client")
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
        let user = NewUser {
            username: "baocao".into(),
            display_name: "Cán bộ báo cáo".into(),
            org: None,
            role: UserRole::Reporter,
            password_hash: hash_password(PASSWORD).expect("hash"),
            email: None,
        };
        store.add_user(user, "test", AT).await.expect("user");
        let clock = Arc::new(ManualClock::new(AT.parse().expect("time")));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = AppState::new(store.clone(), clock.clone());
        tokio::spawn(chitieu_web::serve(listener, state));
        App { base, browser: browser(), store, clock, _dir: dir }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stores seed 000 (with `title` instead of its own when given) and returns its id.
    async fn import_seed(&self, title: Option<&str>) -> i64 {
        let mut plan = chitieu_import::read_plan("000.txt", SEED_000).expect("seed parses");
        if let Some(title) = title {
            title.clone_into(&mut plan.title);
        }
        let import = PlanImport {
            plan: &plan,
            source_bytes: SEED_000,
            source_text: std::str::from_utf8(SEED_000).ok(),
            issuer: None,
            level: None,
            parent_key: None,
            key: title,
            actor: "test",
            at: AT,
        };
        self.store.import_plan(import).await.expect("import").plan_id
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.browser.get(self.url(path)).send().await.expect("GET")
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.browser.post(self.url(path)).form(form).send().await.expect("POST")
    }

    /// Opens the sign-in form and submits it, as a browser does.
    async fn sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        let form = self.get("/dang-nhap").await.text().await.expect("sign-in page");
        let csrf = csrf_in(&form);
        self.post("/dang-nhap", &[("csrf", &csrf), ("username", username), ("password", password)]).await
    }

    /// The CSRF token of the signed-in session, from the sign-out form on a page.
    async fn session_csrf(&self) -> String {
        csrf_in(&self.get("/ke-hoach").await.text().await.expect("plans page"))
    }
}

fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field on the page") + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

async fn text(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn signing_in_with_a_wrong_password_fails_and_with_the_right_one_lands_on_the_plans_page() {
    let app = App::start().await;
    let refused = app.sign_in("baocao", "sai mật khẩu").await;
    assert_eq!(refused.url().path(), "/dang-nhap");
    let (status, body) = text(refused).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Tên đăng nhập hoặc mật khẩu không đúng."));

    let unknown = app.sign_in("khongco", PASSWORD).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED, "an unknown user is refused the same way");

    let landed = app.sign_in("BaoCao", PASSWORD).await;
    assert_eq!(landed.url().path(), "/ke-hoach");
    let (status, body) = text(landed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>Kế hoạch</h1>") && body.contains("Cán bộ báo cáo"));
}

#[tokio::test]
async fn pages_without_a_session_send_the_visitor_to_the_sign_in_page() {
    let app = App::start().await;
    let response = app.get("/ke-hoach").await;
    assert_eq!(response.url().path(), "/dang-nhap");
    assert!(text(response).await.1.contains("Đăng nhập"));
}

#[tokio::test]
async fn the_sign_in_cookie_is_http_only_and_same_site() {
    let app = App::start().await;
    let form = app.get("/dang-nhap").await.text().await.expect("page");
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(app.url("/dang-nhap"))
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
    let app = App::start().await;
    app.get("/dang-nhap").await;
    let (status, _) = text(app.post("/dang-nhap", &[("username", "baocao"), ("password", PASSWORD)]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "signing in needs the form's token");

    assert_eq!(app.sign_in("baocao", PASSWORD).await.status(), StatusCode::OK);
    let (status, body) = text(app.post("/dang-xuat", &[]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("Biểu mẫu đã hết hạn"));
    let (status, _) = text(app.post("/dang-xuat", &[("csrf", &"0".repeat(64))]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a wrong token is refused too");
    assert_eq!(app.get("/ke-hoach").await.url().path(), "/ke-hoach", "still signed in");
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_account_out_for_fifteen_minutes() {
    let app = App::start().await;
    for _ in 0..5 {
        assert_eq!(app.sign_in("baocao", "đoán bừa").await.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = app.sign_in("baocao", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert_eq!(locked.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("900"));

    app.clock.advance(chrono::Duration::minutes(14));
    assert_eq!(app.sign_in("baocao", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(app.sign_in("baocao", PASSWORD).await.url().path(), "/ke-hoach");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = App::start().await;
    app.sign_in("baocao", PASSWORD).await;
    let csrf = app.session_csrf().await;
    let out = app.post("/dang-xuat", &[("csrf", &csrf)]).await;
    assert_eq!(out.url().path(), "/dang-nhap");
    assert_eq!(app.get("/ke-hoach").await.url().path(), "/dang-nhap");
    assert_eq!(app.get("/api/v1/plans").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sessions_end_when_they_expire() {
    let app = App::start().await;
    app.sign_in("baocao", PASSWORD).await;
    app.clock.advance(chrono::Duration::hours(10));
    assert_eq!(app.get("/ke-hoach").await.url().path(), "/dang-nhap");
}

#[tokio::test]
async fn the_plan_page_shows_targets_deadlines_roles_and_source_lines() {
    let app = App::start().await;
    let id = app.import_seed(None).await;
    app.sign_in("baocao", PASSWORD).await;
    let (status, list) = text(app.get("/ke-hoach").await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&format!(r#"<a href="/ke-hoach/{id}">PHỤ LỤC 1:"#)));

    let (status, page) = text(app.get(&format!("/ke-hoach/{id}")).await).await;
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

    assert_eq!(app.get("/ke-hoach/999999").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_requires_a_session_and_returns_the_plan_json() {
    let app = App::start().await;
    let id = app.import_seed(None).await;
    let refused = app.get(&format!("/api/v1/plans/{id}")).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let error: serde_json::Value = refused.json().await.expect("JSON error");
    assert_eq!(error["error"]["status"], 401);

    app.sign_in("baocao", PASSWORD).await;
    let plans: serde_json::Value = app.get("/api/v1/plans").await.json().await.expect("plans JSON");
    assert_eq!(plans["plans"][0]["id"], id);
    let plan: serde_json::Value = app.get(&format!("/api/v1/plans/{id}")).await.json().await.expect("plan JSON");
    assert_eq!(plan, app.store.plan(id).await.expect("stored").to_json().expect("JSON"));
    let item = plan["items"].as_array().expect("items").iter().find(|i| i["code"] == "2.1").expect("item 2.1");
    assert_eq!((item["line"].as_i64(), item["targets"][0]["value"].as_f64()), (Some(13), Some(70.0)));
    let orgs: serde_json::Value = app.get("/api/v1/orgs").await.json().await.expect("orgs JSON");
    assert!(orgs["orgs"].as_array().expect("orgs").iter().any(|o| o["name"] == "Sở Khoa học và Công nghệ"));

    let missing = app.get("/api/v1/plans/999999").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.json::<serde_json::Value>().await.expect("JSON")["error"]["status"], 404);
}

#[tokio::test]
async fn a_plan_title_containing_markup_is_escaped() {
    let app = App::start().await;
    let id = app.import_seed(Some("Kế hoạch <script>alert('x')</script> & mục tiêu")).await;
    app.sign_in("baocao", PASSWORD).await;
    for path in ["/ke-hoach".to_owned(), format!("/ke-hoach/{id}")] {
        let page = app.get(&path).await.text().await.expect("page");
        assert!(!page.contains("<script>alert"), "{path} shows the markup unescaped");
        assert!(page.contains("&#60;script&#62;alert") || page.contains("&lt;script&gt;alert"), "{path}");
    }
}

#[tokio::test]
async fn the_stylesheet_and_htmx_are_served_from_the_binary_with_long_cache_headers() {
    let app = App::start().await;
    let page = app.get("/dang-nhap").await.text().await.expect("page");
    for (asset, kind) in [("/static/app.css", "text/css"), ("/static/htmx-2.0.4.min.js", "text/javascript")] {
        assert!(page.contains(asset), "{asset} linked from the page");
        let response = app.get(asset).await;
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(header("content-type").starts_with(kind));
        assert!(header("cache-control").contains("max-age=31536000"));
    }
    assert_eq!(app.get("/static/missing.js").await.status(), StatusCode::NOT_FOUND);
}
