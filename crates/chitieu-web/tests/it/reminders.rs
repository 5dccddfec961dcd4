//! Reminders end to end: a commune office owes its Q1 report on seed 004; a `ManualClock` walks
//! through the days before, on and after the due date; each pass talks real SMTP to a local
//! test server, which records who got what. A second pass the same day sends nothing, a
//! refused mail is recorded and sent at the next pass, a submitted report is no longer named,
//! the record shows to a monitor and not to a reporter, and in-app notices appear with their
//! count and are marked read.

use chitieu_app::Clock as _;
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::reminder::add_days;
use chitieu_store::{ReportKey, UserRole, ValueInput};
use chitieu_web::config::{Config, TlsMode};
use chitieu_web::{ReminderRun, run_reminders};
use chrono::{DateTime, Utc};
use reqwest::StatusCode;

use crate::app::{Account, App, Unit};
use crate::smtp_server::{Received, SmtpServer};

const AT: &str = "2026-03-01T02:00:00Z";

/// The app (seed 004, [`ACCOUNTS`], mail through `smtp`) and the office's Q1 due date.
struct World {
    app: App,
    smtp: SmtpServer,
    due: Date,
}

/// The accounts: the office's reporters (one without an address) and head, its items' monitor,
/// and units with no duty here.
const ACCOUNTS: [Account; 7] = [
    Account::new("baocao", UserRole::Reporter, Unit::Office).email("baocao@giavien.test"),
    Account::new("khongthu", UserRole::Reporter, Unit::Office),
    Account::new("duyet", UserRole::Approver, Unit::Office).email("duyet@giavien.test"),
    Account::new("giamsat", UserRole::Monitor, Unit::OfficeMonitor).email("giamsat@giavien.test"),
    Account::new("giamsat-khac", UserRole::Monitor, Unit::Other).email("khac@skhcn.test"),
    Account::new("admin", UserRole::Admin, Unit::Other).email("admin@skhcn.test"),
    Account::new("lanhdao", UserRole::Leader, Unit::Other).email("lanhdao@skhcn.test"),
];

async fn world() -> World {
    let smtp = SmtpServer::start().await;
    let mut config = Config::default();
    config.smtp.host = Some("127.0.0.1".into());
    config.smtp.port = Some(smtp.port);
    config.smtp.tls = TlsMode::None;
    config.smtp.from = "chitieu <nhacviec@chitieu.test>".into();
    config.reminders.site_url = Some("http://chitieu.test/".into());
    let app = App::builder().at(AT).accounts(&ACCOUNTS).config(config).start().await;
    let due = Period::quarter(2026, 1).expect("Q1").due(app.plan().plan.regime.as_ref());
    World { app, smtp, due }
}

impl World {
    /// Moves the clock to 09:00 in Hà Nội on `day` and runs a pass.
    async fn pass_on(&self, day: Date) -> ReminderRun {
        let morning: DateTime<Utc> = format!("{}T02:00:00Z", day.iso()).parse().expect("time");
        self.app.clock.advance(morning - self.app.clock.now());
        run_reminders(&self.app.state, day).await.expect("a reminder pass")
    }
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
    let monitor = world.app.sign_in("giamsat").await;
    let (status, page) = monitor.get("/nhac-viec").await;
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
        plan_key: world.app.plan().key.clone(),
        period: Period::quarter(2026, 1).expect("Q1"),
        org: world.app.office,
    };
    let owed = world
        .app
        .store
        .obligations(world.app.store.latest_plan(&world.app.plan().key).await.expect("plan").id, key.period);
    let item = owed.await.expect("owed").into_iter().find(|o| o.org == world.app.office).expect("item").item_key;
    let value = ValueInput { item_key: item, comment: Some("Đã hoàn thành".into()), ..ValueInput::default() };
    let saved = world.app.store.save_values(&key, &[value], 0, "baocao", AT).await.expect("save");
    world.app.store.submit_report(saved.report_id, saved.version, "duyet", AT).await.expect("submit");
    world.pass_on(add_days(due, 7)).await;
    let mails = world.smtp.take();
    assert_eq!(recipients(&mails), ["giamsat@giavien.test"], "the head's unit has sent its report");
    assert!(!mails[0].body().contains("Văn phòng HĐND - UBND"), "{}", mails[0].body());
    assert!(mails[0].body().contains("quá hạn 7 ngày"));

    record_shows_to_monitors_only(&world).await;
    notices_appear_and_are_marked_read(&world).await;
}

async fn record_shows_to_monitors_only(world: &World) {
    let monitor = world.app.sign_in("giamsat").await;
    let (status, page) = monitor.get("/nhac-viec").await;
    assert_eq!(status, StatusCode::OK);
    for seen in ["Tài khoản baocao", "Tài khoản duyet", "còn 7 ngày đến hạn", "đến hạn hôm nay", "quá hạn 1 ngày"]
    {
        assert!(page.contains(seen), "{seen}");
    }
    assert!(page.contains("Đã gửi ") && page.contains("Chỉ thông báo trong ứng dụng"));
    let (_, q2) = monitor.get("/nhac-viec?ky=2026-Q2").await;
    assert!(q2.contains("Chưa có lần nhắc nào trong kỳ 2026-Q2"), "{q2}");
    let only_office = format!("/nhac-viec?ky=2026-Q1&don-vi={}", world.app.office);
    let (_, office) = monitor.get(&only_office).await;
    assert!(office.contains("Tài khoản khongthu") && !office.contains("quá hạn 7 ngày"), "{office}");
    let (bad, _) = monitor.get("/nhac-viec?ky=quy-nam").await;
    assert_eq!(bad, StatusCode::BAD_REQUEST);
    for (username, allowed) in [("admin", true), ("lanhdao", true), ("baocao", false), ("duyet", false)] {
        let client = world.app.sign_in(username).await;
        let (status, _) = client.get("/nhac-viec").await;
        assert_eq!(status == StatusCode::OK, allowed, "{username}: {status}");
        assert_eq!(status == StatusCode::FORBIDDEN, !allowed, "{username}: {status}");
    }
}

async fn notices_appear_and_are_marked_read(world: &World) {
    let client = world.app.sign_in("khongthu").await;
    let (_, count) = client.get("/thong-bao/so").await;
    assert!(count.contains(">2</span>"), "two reminders, two notices: {count}");
    let (_, nav) = client.get("/viec-cua-toi").await;
    assert!(nav.contains(r#"hx-get="/thong-bao/so""#), "the nav loads the count");
    let (status, page) = client.get("/thong-bao").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nhắc báo cáo: 1 báo cáo đến hạn ngày 25/03/2026") && page.contains("2 thông báo chưa đọc"));
    assert!(page.contains("đến hạn hôm nay") && page.contains(r#"href="/viec-cua-toi?ky=2026-Q1""#), "{page}");
    let forged = client.send_form("/thong-bao/da-doc", &[("csrf", "x")]).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let notices = world.app.store.notices(user_id(world, "khongthu").await, 10).await.expect("notices");
    assert_eq!(client.post(&format!("/thong-bao/{}/da-doc", notices[0].id), &[]).await.0, StatusCode::SEE_OTHER);
    assert!(client.get("/thong-bao/so").await.1.contains(">1</span>"));
    assert_eq!(client.post("/thong-bao/da-doc", &[]).await.0, StatusCode::SEE_OTHER);
    let (_, count) = client.get("/thong-bao/so").await;
    assert!(!count.contains("badge"), "{count}");
    let other = world.app.sign_in("giamsat-khac").await;
    let (_, none) = other.get("/thong-bao").await;
    assert!(none.contains("Chưa có thông báo nào."), "a monitor of other items heard nothing");
}

async fn user_id(world: &World, username: &str) -> i64 {
    world.app.store.user(username).await.expect("user").expect("exists").0.id
}
