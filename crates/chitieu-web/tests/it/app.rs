//! The web tests' one harness: the real app on 127.0.0.1:0 over a fresh SQLite database with the
//! built-in registry, by default with seed 004 (Xã Gia Viễn's plan) and one account per role
//! around the commune's "Văn phòng HĐND - UBND"; browsers that sign in as a role and carry the
//! session's CSRF token. A test that needs another setup (no plan, other accounts, another
//! start time, a configuration such as SMTP) says so through [`App::builder`].

use std::sync::Arc;

use chitieu_app::{ManualClock, hash_password};
use chitieu_core::Role;
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{Level, NewUser, PlanImport, SqlStore, StoredPlan, UserRole};
use chitieu_web::AppState;
use chitieu_web::config::Config;
use reqwest::StatusCode;

/// When the app starts by default (the clock, and the stamp of everything stored before).
pub const AT: &str = "2026-03-10T08:00:00Z";
pub const Q1: &str = "2026-Q1";
pub const SEED_000: &[u8] = include_bytes!("../../../../fixtures/seeds/000_ba049f6006c8a0fd.txt");
pub const SEED_002: &[u8] = include_bytes!("../../../../fixtures/seeds/002_1676413b76eb692c.txt");
pub const SEED_003: &[u8] = include_bytes!("../../../../fixtures/seeds/003_683dc05f664d02ec.txt");
pub const SEED_004: &[u8] = include_bytes!("../../../../fixtures/seeds/004_b92706629730df53.txt");
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
/// Every account's password.
pub const PASSWORD: &str = "mật khẩu đúng";
/// The multipart boundary of every upload the tests send.
pub const BOUNDARY: &str = "chitieu-test-boundary-7f3a";

/// Where an account works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// The commune's "Văn phòng HĐND - UBND", which reports.
    Office,
    /// A unit that monitors items the office owes in Q1 (needs the plan).
    OfficeMonitor,
    /// "Sở Khoa học và Công nghệ", with no duty towards the office.
    Other,
    /// The province, at the top of the tree (above every unit).
    Province,
    /// No unit at all.
    None,
}

/// An account the app starts with; its display name is "Tài khoản <username>" unless named.
#[derive(Debug, Clone, Copy)]
pub struct Account {
    pub username: &'static str,
    pub role: UserRole,
    pub unit: Unit,
    pub email: Option<&'static str>,
    pub display_name: Option<&'static str>,
}

impl Account {
    pub const fn new(username: &'static str, role: UserRole, unit: Unit) -> Account {
        Account { username, role, unit, email: None, display_name: None }
    }

    pub const fn email(self, email: &'static str) -> Account {
        Account { email: Some(email), ..self }
    }

    pub const fn named(self, display_name: &'static str) -> Account {
        Account { display_name: Some(display_name), ..self }
    }
}

/// The default accounts, one per role around the office (and a second monitor and reporter of
/// another unit), in the order the route matrix lists its statuses.
pub const ACCOUNTS: [Account; 7] = [
    Account::new("admin", UserRole::Admin, Unit::Province),
    Account::new("lanhdao", UserRole::Leader, Unit::Province),
    Account::new("giamsat", UserRole::Monitor, Unit::OfficeMonitor),
    Account::new("giamsat-khac", UserRole::Monitor, Unit::Other),
    Account::new("baocao", UserRole::Reporter, Unit::Office),
    Account::new("duyet", UserRole::Approver, Unit::Office),
    Account::new("baocao-khac", UserRole::Reporter, Unit::Other),
];

/// How an [`App`] starts; [`App::start`] is the default.
#[derive(Debug)]
pub struct Builder {
    at: &'static str,
    plan: bool,
    accounts: Vec<Account>,
    config: Option<Config>,
}

impl Builder {
    /// The clock starts at `at`, and the registry, plan and accounts are stamped with it.
    pub fn at(self, at: &'static str) -> Builder {
        Builder { at, ..self }
    }

    /// Only the registry and the accounts: no plan stored.
    pub fn without_plan(self) -> Builder {
        Builder { plan: false, ..self }
    }

    /// These accounts instead of [`ACCOUNTS`].
    pub fn accounts(self, accounts: &[Account]) -> Builder {
        Builder { accounts: accounts.to_vec(), ..self }
    }

    /// The server runs with this configuration (SMTP, reminders) instead of the defaults.
    pub fn config(self, config: Config) -> Builder {
        Builder { config: Some(config), ..self }
    }

    pub async fn start(self) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("web.db").display());
        let store = chitieu_store::connect(&url).await.expect("store");
        for (name, bytes) in [("orgs.csv", ORGS), ("groups.csv", GROUPS)] {
            match read_registry(name, bytes).expect("registry") {
                RegistryFile::Orgs(records) => store.import_orgs(&records, "test", self.at).await.expect("orgs"),
                RegistryFile::Groups(records) => store.import_groups(&records, "test", self.at).await.expect("groups"),
            };
        }
        let orgs = store.orgs().await.expect("orgs");
        let commune = orgs.iter().find(|o| o.name == "Xã Gia Viễn (mẫu)").expect("commune").id;
        let office = orgs
            .iter()
            .find(|o| o.name == "Văn phòng HĐND - UBND" && o.parent == Some(commune))
            .expect("the commune's office")
            .id;
        let plan = if self.plan {
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
                at: self.at,
            };
            let plan_id = store.import_plan(import).await.expect("import").plan_id;
            Some(store.plan(plan_id).await.expect("plan"))
        } else {
            None
        };
        let clock = Arc::new(ManualClock::new(self.at.parse().expect("time")));
        let mut state = AppState::new(store.clone(), clock.clone());
        if let Some(config) = self.config {
            state = state.with_config(config).expect("config");
        }
        let app = App { base: String::new(), at: self.at, store, clock, state, plan, office, _dir: Arc::new(dir) };
        let other = orgs.iter().find(|o| o.name == "Sở Khoa học và Công nghệ").expect("another unit").id;
        let province = orgs.iter().find(|o| o.parent.is_none()).expect("the province").id;
        let hash = hash_password(PASSWORD).expect("hash");
        for account in self.accounts {
            let org = match account.unit {
                Unit::Office => Some(office),
                Unit::OfficeMonitor => Some(app.monitor_of_office().await),
                Unit::Other => Some(other),
                Unit::Province => Some(province),
                Unit::None => None,
            };
            let user = NewUser {
                username: account.username.into(),
                display_name: account
                    .display_name
                    .map_or_else(|| format!("Tài khoản {}", account.username), str::to_owned),
                org,
                role: account.role,
                password_hash: hash.clone(),
                email: account.email.map(str::to_owned),
            };
            app.store.add_user(user, "test", self.at).await.expect("user");
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(chitieu_web::serve(listener, app.state.clone()));
        App { base, ..app }
    }
}

/// The running app.
#[derive(Clone)]
pub struct App {
    pub base: String,
    /// When it started (see [`Builder::at`]).
    pub at: &'static str,
    pub store: SqlStore,
    pub clock: Arc<ManualClock>,
    /// The server's state (to hold its turn at reading documents, to run reminders).
    pub state: AppState,
    plan: Option<StoredPlan>,
    /// The commune's "Văn phòng HĐND - UBND".
    pub office: i64,
    _dir: Arc<tempfile::TempDir>,
}

/// A browser: cookies kept, with the session's CSRF token once signed in. Those from
/// [`App::sign_in`] and [`App::anonymous`] do not follow redirects (statuses stay visible);
/// those from [`App::visitor`] do, as a person's browser does.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

/// The token of the first CSRF field on a page.
pub fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field on the page") + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

/// A response's status and body.
pub async fn text(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// A multipart form body with `fields` and then the file `tep` (split by [`BOUNDARY`]).
pub fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

impl App {
    pub fn builder() -> Builder {
        Builder { at: AT, plan: true, accounts: ACCOUNTS.to_vec(), config: None }
    }

    /// The default app: seed 004 and [`ACCOUNTS`], the clock at [`AT`].
    pub async fn start() -> App {
        App::builder().start().await
    }

    /// The commune's plan (seed 004).
    pub fn plan(&self) -> &StoredPlan {
        self.plan.as_ref().expect("an app started with the plan")
    }

    /// A unit that monitors an item the office owes in Q1 (not the office itself).
    async fn monitor_of_office(&self) -> i64 {
        let owed = self.owed().await;
        self.plan()
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
        let owed = self.store.obligations(self.plan().id, period).await.expect("obligations");
        self.plan()
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

    /// The id of the first registered unit with this name.
    pub async fn org_id(&self, name: &str) -> i64 {
        self.store.orgs().await.expect("orgs").iter().find(|o| o.name == name).expect(name).id
    }

    /// Stores seed 000 (the province's plan; with `title` as its title and key when given) and
    /// returns its id.
    pub async fn import_seed_000(&self, title: Option<&str>) -> i64 {
        let mut plan = chitieu_import::read_plan("000.txt", SEED_000).expect("seed 000 parses");
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
            at: self.at,
        };
        self.store.import_plan(import).await.expect("import").plan_id
    }

    pub fn form_path(&self) -> String {
        format!("/bao-cao/{}/{Q1}?don-vi={}", self.plan().id, self.office)
    }

    pub fn upload_path(&self) -> String {
        format!("/bao-cao/{}/{Q1}/minh-chung?don-vi={}", self.plan().id, self.office)
    }

    fn browser(&self, redirects: reqwest::redirect::Policy) -> Browser {
        let client = reqwest::Client::builder().cookie_store(true).redirect(redirects).build().expect("client");
        Browser { base: self.base.clone(), client, csrf: String::new() }
    }

    /// A browser signed in as `username` (redirects not followed), with its session's token.
    pub async fn sign_in(&self, username: &str) -> Browser {
        let mut browser = self.anonymous();
        let signed = browser.submit_sign_in(username, PASSWORD).await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let (_, page) = browser.get("/viec-cua-toi").await;
        browser.csrf = csrf_in(&page);
        browser
    }

    /// A browser that never signed in (redirects not followed).
    pub fn anonymous(&self) -> Browser {
        self.browser(reqwest::redirect::Policy::none())
    }

    /// A browser that follows redirects as a person's does, not signed in yet.
    pub fn visitor(&self) -> Browser {
        self.browser(reqwest::redirect::Policy::default())
    }

    pub async fn report_id(&self) -> i64 {
        let key = chitieu_store::ReportKey {
            plan_key: self.plan().key.clone(),
            period: Period::parse(Q1).expect("Q1"),
            org: self.office,
        };
        self.store.report_id(&key).await.expect("id").expect("the report exists")
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path`: the response as it came.
    pub async fn open(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// POST `form` to `path` as it is (no token added): the response as it came.
    pub async fn send_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(form).send().await.expect("POST")
    }

    /// Opens the sign-in form and submits it with the form's token, as a person does.
    pub async fn submit_sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        let (_, form) = self.get("/dang-nhap").await;
        let csrf = csrf_in(&form);
        self.send_form("/dang-nhap", &[("csrf", &csrf), ("username", username), ("password", password)]).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        text(self.open(path).await).await
    }

    /// GET `path` and parse the body as JSON (errors are JSON too).
    pub async fn json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let (status, body) = self.get(path).await;
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}")))
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let mut fields = vec![("csrf", self.csrf.as_str())];
        fields.extend_from_slice(form);
        text(self.send_form(path, &fields).await).await
    }

    /// Posts a multipart form as htmx does (the session's token in the header): `fields`, then
    /// the file.
    pub async fn send_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        bytes: &[u8],
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("x-csrf-token", &self.csrf)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(multipart(fields, file_name, bytes))
            .send()
            .await
            .expect("POST")
    }

    /// Uploads an evidence file for `item` (as htmx does, the token in the header).
    pub async fn upload(&self, path: &str, item: &str, file_name: &str, bytes: &[u8]) -> (StatusCode, String) {
        text(self.send_multipart(path, &[("muc", item)], file_name, bytes).await).await
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
