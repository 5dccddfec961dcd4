//! Reminders end to end: a commune office owes its Q1 report on seed 004; a `ManualClock` walks
//! through the days before, on and after the due date; each pass talks real SMTP to a local
//! test server, which records who got what. A second pass the same day sends nothing, a
//! refused mail is recorded and sent at the next pass, a submitted report is no longer named,
//! the record shows to a monitor and not to a reporter, and in-app notices appear with their
//! count and are marked read.

use std::sync::Arc;

use crate::smtp_server::{Received, SmtpServer};
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::reminder::add_days;
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{Level, NewUser, PlanImport, ReportKey, SqlStore, Store as _, UserRole, ValueInput};
use chitieu_web::config::{Config, TlsMode};
use chitieu_web::{AppState, Clock as _, ManualClock, ReminderRun, hash_password, run_reminders};
use chrono::{DateTime, Utc};
use reqwest::StatusCode;

const SEED_004: &[u8] = include_bytes!("../../../../fixtures/seeds/004_b92706629730df53.txt");
const ORGS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-orgs.csv");
const GROUPS: &[u8] = include_bytes!("../../../../fixtures/registry/ninh-binh-groups.csv");
const PASSWORD: &str = "mật khẩu đúng";
const AT: &str = "2026-03-01T02:00:00Z";

struct World {
    base: String,
    state: AppState,
    store: SqlStore,
    clock: Arc<ManualClock>,
    smtp: SmtpServer,
    plan_key: String,
    office: i64,
    due: Date,
    _dir: tempfile::TempDir,
}

/// The accounts: user name, role, unit ("vp": the office; "monitor": its items' monitor;
/// "other": a unit with no duty here) and address.
const ACCOUNTS: [(&str, UserRole, &str, Option<&str>); 7] = [
    ("baocao", UserRole::Reporter, "vp", Some("baocao@giavien.test")),
    ("khongthu", UserRole::Reporter, "vp", None),
    ("duyet", UserRole::Approver, "vp", Some("duyet@giavien.test")),
    ("giamsat", UserRole::Monitor, "monitor", Some("giamsat@giavien.test")),
    ("giamsat-khac", UserRole::Monitor, "other", Some("khac@skhcn.test")),
    ("admin", UserRole::Admin, "other", Some("admin@skhcn.test")),
    ("lanhdao", UserRole::Leader, "other", Some("lanhdao@skhcn.test")),
];

async fn world() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = chitieu_store::connect(&format!("sqlite:{}", dir.path().join("web.db").display())).await.expect("db");
    for (name, bytes) in [("orgs.csv", ORGS), ("groups.csv", GROUPS)] {
        match read_registry(name, bytes).expect("registry") {
            RegistryFile::Orgs(records) => store.import_orgs(&records, "test", AT).await.expect("orgs"),
            RegistryFile::Groups(records) => store.import_groups(&records, "test", AT).await.expect("groups"),
        };
    }
    let orgs = store.orgs().await.expect("orgs");
    let commune = orgs.iter().find(|o| o.name == "Xã Gia Viễn (mẫu)").expect("commune").id;
    let office =
        orgs.iter().find(|o| o.name == "Văn phòng HĐND - UBND" && o.parent == Some(commune)).expect("office").id;
    let other = orgs.iter().find(|o| o.name == "Sở Khoa học và Công nghệ").expect("another unit").id;
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
    let plan_key = store.import_plan(import).await.expect("import").key;
    let due = Period::quarter(2026, 1).expect("Q1").due(plan.regime.as_ref());
    let owed = store.owed_reports(due, due).await.expect("owed");
    let monitor = owed.iter().find(|d| d.org == office).expect("the office owes Q1").monitors[0];
    let hash = hash_password(PASSWORD).expect("hash");
    for (username, role, unit, email) in ACCOUNTS {
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
            email: email.map(str::to_owned),
        };
        store.add_user(user, "test", AT).await.expect("user");
    }
    let smtp = SmtpServer::start().await;
    let mut config = Config::default();
    config.smtp.host = Some("127.0.0.1".into());
    config.smtp.port = Some(smtp.port);
    config.smtp.tls = TlsMode::None;
    config.smtp.from = "chitieu <nhacviec@chitieu.test>".into();
    config.reminders.site_url = Some("http://chitieu.test/".into());
    let clock = Arc::new(ManualClock::new(AT.parse().expect("time")));
    let state = AppState::new(store.clone(), clock.clone()).with_config(config).expect("config");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(chitieu_web::serve(listener, state.clone()));
    World { base, state, store, clock, smtp, plan_key, office, due, _dir: dir }
}

impl World {
    /// Moves the clock to 09:00 in Hà Nội on `day` and runs a pass.
    async fn pass_on(&self, day: Date) -> ReminderRun {
        let morning: DateTime<Utc> = format!("{}T02:00:00Z", day.iso()).parse().expect("time");
        self.clock.advance(morning - self.clock.now());
        run_reminders(&self.state, day).await.expect("a reminder pass")
    }

    async fn sign_in(&self, username: &str) -> (reqwest::Client, String) {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("c");
        let form =
            client.get(format!("{}/dang-nhap", self.base)).send().await.expect("GET").text().await.expect("page");
        let csrf = csrf_in(&form);
        let signed = client
            .post(format!("{}/dang-nhap", self.base))
            .form(&[("csrf", csrf.as_str()), ("username", username), ("password", PASSWORD)])
            .send()
            .await
            .expect("POST");
        assert_eq!(signed.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let page = client.get(format!("{}/thong-bao", self.base)).send().await.expect("GET").text().await.expect("p");
        (client, csrf_in(&page))
    }

    async fn get(&self, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
        let response = client.get(format!("{}{path}", self.base)).send().await.expect("GET");
        (response.status(), response.text().await.expect("body"))
    }
}

fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field") + marker.len();
    html[start..].split('"').next().expect("token").to_owned()
}

/// Who got mail, sorted; each message has exactly one recipient.
fn recipients(mails: &[Received]) -> Vec<&str> {
    assert!(mails.iter().all(|m| m.to.len() == 1), "one recipient a message: {mails:?}");
    let mut to: Vec<&str> = mails.iter().map(|m| m.to[0].as_str()).collect();
    to.sort_unstable();
    to
}

fn mail_to<'a>(mails: &'a [Received], address: &str) -> &'a Received {
    mails.iter().find(|m| m.to == [address]).unwrap_or_else(|| panic!("no mail to {address}"))
}

#[tokio::test]
async fn reminders_go_to_exactly_the_right_people_on_the_right_days() {
    let world = world().await;
    let due = world.due;
    assert_eq!(due, Date::new(2026, 3, 25).expect("date"), "seed 004 follows the default regime");

    // A week before: the office's reporters and its head; the one without an address gets a notice.
    let run = world.pass_on(add_days(due, -7)).await;
    assert_eq!((run.recorded, run.mailed, run.notices_only, run.failed), (3, 2, 1, 0), "{run:?}");
    let mails = world.smtp.take();
    assert_eq!(recipients(&mails), ["baocao@giavien.test", "duyet@giavien.test"]);
    let mail = mail_to(&mails, "baocao@giavien.test");
    assert_eq!(mail.from, "nhacviec@chitieu.test");
    assert_eq!(mail.header("Subject").as_deref(), Some("Nhắc báo cáo: 1 báo cáo đến hạn ngày 25/03/2026"));
    let body = mail.body();
    assert!(body.starts_with("Kính gửi Tài khoản baocao,\n"), "{body}");
    assert!(
        body.contains("Quý I/2026 – Văn phòng HĐND - UBND (Xã Gia Viễn (mẫu)): hạn 25/03/2026, còn 7 ngày"),
        "{body}"
    );
    assert!(body.contains("(chưa bắt đầu)") && body.contains("http://chitieu.test/viec-cua-toi?ky=2026-Q1"), "{body}");
    assert!(mail.header("Content-Type").is_some_and(|t| t.contains("text/plain") && t.contains("utf-8")));

    // The same day again: nothing more, by mail or otherwise.
    let conversations = world.smtp.conversations();
    let again = world.pass_on(add_days(due, -7)).await;
    assert_eq!((again.digests, again.recorded, again.mailed), (3, 0, 0), "{again:?}");
    assert!(world.smtp.take().is_empty());
    assert_eq!(world.smtp.conversations(), conversations, "not even a connection");

    // Between reminder days: silence.
    assert_eq!(world.pass_on(add_days(due, -3)).await, ReminderRun::default());
    assert!(world.smtp.take().is_empty());

    // On the due date.
    let run = world.pass_on(due).await;
    assert_eq!((run.mailed, run.notices_only), (2, 1), "{run:?}");
    let mails = world.smtp.take();
    assert_eq!(recipients(&mails), ["baocao@giavien.test", "duyet@giavien.test"]);
    assert!(mail_to(&mails, "duyet@giavien.test").body().contains("đến hạn hôm nay"));

    // A day late, with the mail server refusing: the head and the monitor, recorded as failed.
    world.smtp.refuse(true);
    let run = world.pass_on(add_days(due, 1)).await;
    assert_eq!((run.recorded, run.mailed, run.failed, run.notices_only), (2, 0, 2, 0), "{run:?}");
    assert!(world.smtp.take().is_empty());
    let (monitor, _) = world.sign_in("giamsat").await;
    let (status, page) = world.get(&monitor, "/nhac-viec").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Gửi lỗi (lần 1): ") && page.contains("sẽ gửi lại"), "{page}");

    // The next pass sends what failed, and nothing twice.
    world.smtp.refuse(false);
    let run = world.pass_on(add_days(due, 1)).await;
    assert_eq!((run.retried, run.mailed, run.recorded, run.failed), (2, 2, 0, 0), "{run:?}");
    let mails = world.smtp.take();
    assert_eq!(recipients(&mails), ["duyet@giavien.test", "giamsat@giavien.test"]);
    let head = mail_to(&mails, "duyet@giavien.test");
    assert_eq!(head.header("Subject").as_deref(), Some("Nhắc báo cáo: 1 báo cáo quá hạn"));
    assert!(head.body().contains("quá hạn 1 ngày (chưa bắt đầu)"));
    let escalated = mail_to(&mails, "giamsat@giavien.test").body();
    assert!(escalated.contains("Văn phòng HĐND - UBND (Xã Gia Viễn (mẫu)): hạn 25/03/2026, quá hạn 1 ngày"));
    assert!(escalated.contains("http://chitieu.test/nhac-viec?ky=2026-Q1"), "{escalated}");
    assert_eq!(world.pass_on(add_days(due, 1)).await.mailed, 0);
    assert!(world.smtp.take().is_empty());

    // The office sends its report: a week late, only the units still owing are named.
    let key = ReportKey {
        plan_key: world.plan_key.clone(),
        period: Period::quarter(2026, 1).expect("Q1"),
        org: world.office,
    };
    let owed = world.store.obligations(world.store.latest_plan(&world.plan_key).await.expect("plan").id, key.period);
    let item = owed.await.expect("owed").into_iter().find(|o| o.org == world.office).expect("item").item_key;
    let value = ValueInput { item_key: item, comment: Some("Đã hoàn thành".into()), ..ValueInput::default() };
    let saved = world.store.save_values(&key, &[value], 0, "baocao", AT).await.expect("save");
    world.store.submit_report(saved.report_id, saved.version, "duyet", AT).await.expect("submit");
    world.pass_on(add_days(due, 7)).await;
    let mails = world.smtp.take();
    assert_eq!(recipients(&mails), ["giamsat@giavien.test"], "the head's unit has sent its report");
    assert!(!mails[0].body().contains("Văn phòng HĐND - UBND"), "{}", mails[0].body());
    assert!(mails[0].body().contains("quá hạn 7 ngày"));

    record_shows_to_monitors_only(&world).await;
    notices_appear_and_are_marked_read(&world).await;
}

async fn record_shows_to_monitors_only(world: &World) {
    let (monitor, _) = world.sign_in("giamsat").await;
    let (status, page) = world.get(&monitor, "/nhac-viec").await;
    assert_eq!(status, StatusCode::OK);
    for seen in ["Tài khoản baocao", "Tài khoản duyet", "còn 7 ngày đến hạn", "đến hạn hôm nay", "quá hạn 1 ngày"]
    {
        assert!(page.contains(seen), "{seen}");
    }
    assert!(page.contains("Đã gửi ") && page.contains("Chỉ thông báo trong ứng dụng"));
    let (_, q2) = world.get(&monitor, "/nhac-viec?ky=2026-Q2").await;
    assert!(q2.contains("Chưa có lần nhắc nào trong kỳ 2026-Q2"), "{q2}");
    let only_office = format!("/nhac-viec?ky=2026-Q1&don-vi={}", world.office);
    let (_, office) = world.get(&monitor, &only_office).await;
    assert!(office.contains("Tài khoản khongthu") && !office.contains("quá hạn 7 ngày"), "{office}");
    let (bad, _) = world.get(&monitor, "/nhac-viec?ky=quy-nam").await;
    assert_eq!(bad, StatusCode::BAD_REQUEST);
    for (username, allowed) in [("admin", true), ("lanhdao", true), ("baocao", false), ("duyet", false)] {
        let (client, _) = world.sign_in(username).await;
        let (status, _) = world.get(&client, "/nhac-viec").await;
        assert_eq!(status == StatusCode::OK, allowed, "{username}: {status}");
        assert_eq!(status == StatusCode::FORBIDDEN, !allowed, "{username}: {status}");
    }
}

async fn notices_appear_and_are_marked_read(world: &World) {
    let (client, csrf) = world.sign_in("khongthu").await;
    let (_, count) = world.get(&client, "/thong-bao/so").await;
    assert!(count.contains(">2</span>"), "two reminders, two notices: {count}");
    let (_, nav) = world.get(&client, "/viec-cua-toi").await;
    assert!(nav.contains(r#"hx-get="/thong-bao/so""#), "the nav loads the count");
    let (status, page) = world.get(&client, "/thong-bao").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nhắc báo cáo: 1 báo cáo đến hạn ngày 25/03/2026") && page.contains("2 thông báo chưa đọc"));
    assert!(page.contains("đến hạn hôm nay") && page.contains(r#"href="/viec-cua-toi?ky=2026-Q1""#), "{page}");
    let post = |path: &str| client.post(format!("{}{path}", world.base)).form(&[("csrf", csrf.as_str())]).send();
    let forged = client.post(format!("{}/thong-bao/da-doc", world.base)).form(&[("csrf", "x")]).send().await;
    assert_eq!(forged.expect("POST").status(), StatusCode::FORBIDDEN);
    let notices = world.store.notices(user_id(world, "khongthu").await, 10).await.expect("notices");
    assert_eq!(
        post(&format!("/thong-bao/{}/da-doc", notices[0].id)).await.expect("POST").status(),
        StatusCode::SEE_OTHER
    );
    assert!(world.get(&client, "/thong-bao/so").await.1.contains(">1</span>"));
    assert_eq!(post("/thong-bao/da-doc").await.expect("POST").status(), StatusCode::SEE_OTHER);
    let (_, count) = world.get(&client, "/thong-bao/so").await;
    assert!(!count.contains("badge"), "{count}");
    let (other, _) = world.sign_in("giamsat-khac").await;
    let (_, none) = world.get(&other, "/thong-bao").await;
    assert!(none.contains("Chưa có thông báo nào."), "a monitor of other items heard nothing");
}

async fn user_id(world: &World, username: &str) -> i64 {
    world.store.user(username).await.expect("user").expect("exists").0.id
}
