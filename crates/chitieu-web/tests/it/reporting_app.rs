//! A running app for the reporting tests: the registry, seed 004 (Xã Gia Viễn's plan) and one
//! account per role around the commune's "Văn phòng HĐND - UBND", each with its own browser.
// Each test module uses part of it.
#![allow(dead_code)]

use std::sync::Arc;

use chitieu_core::Role;
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{Level, NewUser, PlanImport, SqlStore, Store as _, StoredPlan, UserRole};
use chitieu_web::{AppState, ManualClock, hash_password};
use reqwest::StatusCode;

pub const AT: &str = "2026-03-10T08:00:00Z";
pub const Q1: &str = "2026-Q1";
const SEED_004: &[u8] = include_bytes!("../../../../fixtures/seeds/004_b92706629730df53.txt");
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
pub const PASSWORD: &str = "mật khẩu đúng";

/// The accounts: user name, role, and whether the unit is the reporting office ("vp"), the
/// office's monitor ("monitor"), or another unit ("other").
pub const ACCOUNTS: [(&str, UserRole, &str); 7] = [
    ("admin", UserRole::Admin, "other"),
    ("lanhdao", UserRole::Leader, "other"),
    ("giamsat", UserRole::Monitor, "monitor"),
    ("giamsat-khac", UserRole::Monitor, "other"),
    ("baocao", UserRole::Reporter, "vp"),
    ("duyet", UserRole::Approver, "vp"),
    ("baocao-khac", UserRole::Reporter, "other"),
];

pub struct App {
    pub base: String,
    pub store: SqlStore,
    pub clock: Arc<ManualClock>,
    pub plan: StoredPlan,
    /// The commune's "Văn phòng HĐND - UBND".
    pub office: i64,
    _dir: tempfile::TempDir,
}

/// A signed-in browser: cookies kept, redirects not followed (statuses stay visible).
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

pub fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field on the page") + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

impl App {
    pub async fn start() -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("web.db").display());
        let store = chitieu_store::connect(&url).await.expect("store");
        for (name, bytes) in [("orgs.csv", ORGS), ("groups.csv", GROUPS)] {
            match read_registry(name, bytes).expect("registry") {
                RegistryFile::Orgs(records) => store.import_orgs(&records, "test", AT).await.expect("orgs"),
                RegistryFile::Groups(records) => store.import_groups(&records, "test", AT).await.expect("groups"),
            };
        }
        let orgs = store.orgs().await.expect("orgs");
        let commune = orgs.iter().find(|o| o.name == "Xã Gia Viễn (mẫu)").expect("commune").id;
        let office = orgs
            .iter()
            .find(|o| o.name == "Văn phòng HĐND - UBND" && o.parent == Some(commune))
            .expect("the commune's office")
            .id;
        let plan = chitieu_import::read_plan("004.txt", SEED_004).expect("seed parses");
        let import = PlanImport {
            plan: &plan,
            source_bytes: SEED_004,
            source_text: std::str::from_utf8(SEED_004).ok(),
            issuer: Some(commune),
            level: Some(Level::Commune),
            parent_key: None,
            key: None,
            actor: "test",
            at: AT,
        };
        let plan_id = store.import_plan(import).await.expect("import").plan_id;
        let plan = store.plan(plan_id).await.expect("plan");
        let app = App {
            base: String::new(),
            store,
            clock: Arc::new(ManualClock::new(AT.parse().expect("time"))),
            plan,
            office,
            _dir: dir,
        };
        let monitor = app.monitor_of_office().await;
        let other = orgs.iter().find(|o| o.name == "Sở Khoa học và Công nghệ").expect("another unit").id;
        let hash = hash_password(PASSWORD).expect("hash");
        for (username, role, unit) in ACCOUNTS {
            let org = match unit {
                "vp" => office,
                "monitor" => monitor,
                _ => other,
            };
            let user = NewUser {
                username: username.into(),
                display_name: format!("Tài khoản {username}"),
                org: Some(org),
                role,
                password_hash: hash.clone(),
                email: None,
            };
            app.store.add_user(user, "test", AT).await.expect("user");
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = AppState::new(app.store.clone(), app.clock.clone());
        tokio::spawn(chitieu_web::serve(listener, state));
        App { base, ..app }
    }

    /// A unit that monitors an item the office owes in Q1 (not the office itself).
    async fn monitor_of_office(&self) -> i64 {
        let owed = self.owed().await;
        self.plan
            .items
            .iter()
            .filter(|i| owed.iter().any(|(key, _)| key == &i.key))
            .flat_map(|i| &i.assignments)
            .filter(|a| a.role == Role::Monitor)
            .filter_map(|a| a.org_id)
            .find(|org| *org != self.office)
            .expect("a monitor of the office's items")
    }

    /// The items the office owes in Q1, with their measures.
    pub async fn owed(&self) -> Vec<(String, Measure)> {
        let period = Period::parse(Q1).expect("Q1");
        let owed = self.store.obligations(self.plan.id, period).await.expect("obligations");
        self.plan
            .items
            .iter()
            .filter(|i| owed.iter().any(|o| o.org == self.office && o.item_key == i.key))
            .map(|i| (i.key.clone(), i.measure))
            .collect()
    }

    /// An item the office owes in Q1, of this measure.
    pub async fn owed_item(&self, measure: Measure) -> String {
        let owed = self.owed().await;
        owed.iter().find(|(_, m)| *m == measure).map_or_else(|| panic!("{measure:?} in {owed:?}"), |(k, _)| k.clone())
    }

    pub fn form_path(&self) -> String {
        format!("/bao-cao/{}/{Q1}?don-vi={}", self.plan.id, self.office)
    }

    pub fn upload_path(&self) -> String {
        format!("/bao-cao/{}/{Q1}/minh-chung?don-vi={}", self.plan.id, self.office)
    }

    pub async fn sign_in(&self, username: &str) -> Browser {
        let client = client();
        let url = |path: &str| format!("{}{path}", self.base);
        let form = client.get(url("/dang-nhap")).send().await.expect("GET").text().await.expect("page");
        let csrf = csrf_in(&form);
        let signed = client
            .post(url("/dang-nhap"))
            .form(&[("csrf", csrf.as_str()), ("username", username), ("password", PASSWORD)])
            .send()
            .await
            .expect("POST");
        assert_eq!(signed.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let page = client.get(url("/viec-cua-toi")).send().await.expect("GET").text().await.expect("page");
        Browser { base: self.base.clone(), client, csrf: csrf_in(&page) }
    }

    /// A browser that never signed in.
    pub fn anonymous(&self) -> Browser {
        Browser { base: self.base.clone(), client: client(), csrf: String::new() }
    }

    pub async fn report_id(&self) -> i64 {
        let key = chitieu_store::ReportKey {
            plan_key: self.plan.key.clone(),
            period: Period::parse(Q1).expect("Q1"),
            org: self.office,
        };
        self.store.report_id(&key).await.expect("id").expect("the report exists")
    }
}

impl Browser {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        (response.status(), response.text().await.expect("body"))
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let mut fields = vec![("csrf", self.csrf.as_str())];
        fields.extend_from_slice(form);
        let response = self.client.post(self.url(path)).form(&fields).send().await.expect("POST");
        (response.status(), response.text().await.expect("body"))
    }

    /// Posts a multipart form (as htmx does, the token in the header).
    pub async fn upload(&self, path: &str, item: &str, file_name: &str, bytes: &[u8]) -> (StatusCode, String) {
        let boundary = "chitieu-test-boundary-7f3a";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"muc\"\r\n\r\n{item}\r\n").as_bytes(),
        );
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let response = self
            .client
            .post(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .expect("POST");
        (response.status(), response.text().await.expect("body"))
    }

    /// The report version the form shows.
    pub async fn form_version(&self, path: &str) -> String {
        let (status, page) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let marker = r#"name="version" value=""#;
        let start = page.find(marker).expect("a version field") + marker.len();
        page[start..].split('"').next().expect("version").to_owned()
    }
}
