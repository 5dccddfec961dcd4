//! Reminders kept, on both backends: what is owed around a day with each report's state and
//! monitors, a digest claimed once per person and day (also by two claimers at once), a failed
//! mail retried (and given up after the last try), the record listed and filtered, and in-app
//! notices read and marked.

use crate::fixtures::{load_registry, seed};
use crate::support::TestDb;
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::{OrgId, Resolution};
use chitieu_core::reminder::{DutyRole, Person, Reason, ReminderPolicy, ReportState, add_days, schedule};
use chitieu_store::{
    DigestStatus, Level, MAX_SEND_ATTEMPTS, NewDigest, NewUser, PlanImport, ReminderFilter, ReportKey, SendOutcome,
    SqlStore, StoreError, User, UserRole, ValueInput, connect,
};

const AT: &str = "2026-03-10T08:00:00Z";
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

struct World {
    store: SqlStore,
    plan_key: String,
    office: OrgId,
    q1_due: Date,
    reporter: User,
    monitor: User,
}

fn q1() -> Period {
    Period::quarter(2026, 1).expect("Q1")
}

async fn world(db: &TestDb) -> World {
    let store = connect(&db.url).await.expect("store");
    load_registry(&store, AT).await;
    let registry = store.registry().await.expect("registry");
    let Resolution::Org { id: commune } = registry.resolve("Xã Gia Viễn (mẫu)", None) else { panic!("commune") };
    let Resolution::Org { id: office } = registry.resolve("Văn phòng HĐND - UBND", Some(commune)) else {
        panic!("office")
    };
    let (_, bytes) = seed("004");
    let plan = chitieu_import::read_plan("004.txt", &bytes).expect("seed parses");
    let import = PlanImport {
        plan: &plan,
        source_bytes: &bytes,
        source_text: std::str::from_utf8(&bytes).ok(),
        issuer: Some(commune),
        level: Some(Level::Commune),
        parent_key: None,
        key: None,
        actor: "test",
        at: AT,
    };
    let outcome = store.import_plan(import).await.expect("import");
    let q1_due = q1().due(plan.regime.as_ref());
    let owed = store.owed_reports(q1_due, q1_due).await.expect("owed");
    let office_duty = owed.iter().find(|d| d.org == office).expect("the office owes Q1");
    let monitor_org = office_duty.monitors[0];
    let add = |username: &str, org, role, email: Option<&str>| NewUser {
        username: username.into(),
        display_name: format!("Cán bộ {username}"),
        org: Some(org),
        role,
        password_hash: HASH.into(),
        email: email.map(str::to_owned),
    };
    let reporter = add("baocao", office, UserRole::Reporter, Some("  baocao@giavien.ninhbinh.gov.vn "));
    let reporter = store.add_user(reporter, "test", AT).await.expect("reporter");
    let monitor = store.add_user(add("giamsat", monitor_org, UserRole::Monitor, None), "test", AT).await.expect("m");
    World { store, plan_key: outcome.key, office, q1_due, reporter, monitor }
}

#[tokio::test]
async fn reminders_are_kept_alike_on_both_backends() {
    for db in crate::support::all().await {
        let world = world(&db).await;
        users_have_addresses(&world).await;
        owed_reports_carry_their_state(&world).await;
        digests_are_claimed_once_and_failed_mail_retried(&world).await;
        notices_are_read_and_marked(&world).await;
    }
}

async fn users_have_addresses(world: &World) {
    assert_eq!(world.reporter.email.as_deref(), Some("baocao@giavien.ninhbinh.gov.vn"), "trimmed");
    assert_eq!(world.monitor.email, None);
    let listed = world.store.users().await.expect("users");
    assert!(listed.iter().any(|u| u.username == "baocao" && u.email == world.reporter.email));
    let (found, _) = world.store.user("baocao").await.expect("user").expect("exists");
    assert_eq!(found.email, world.reporter.email);
    for bad in ["không phải thư", "a@b", "@x.vn", "a b@x.vn", "a@x.vn, b@x.vn"] {
        let user = NewUser {
            username: "sai".into(),
            display_name: "Sai".into(),
            org: None,
            role: UserRole::Reporter,
            password_hash: HASH.into(),
            email: Some(bad.into()),
        };
        let refused = world.store.add_user(user, "test", AT).await;
        assert!(matches!(&refused, Err(StoreError::Invalid(m)) if m.contains(bad)), "{bad}: {refused:?}");
    }
}

async fn owed_reports_carry_their_state(world: &World) {
    let store = &world.store;
    let due = world.q1_due;
    let (from, to) = ReminderPolicy::default().window(add_days(due, -7));
    let owed = store.owed_reports(from, to).await.expect("owed");
    let duty = owed.iter().find(|d| d.org == world.office && d.period == q1()).expect("the office's Q1 report");
    assert_eq!((duty.due, duty.state, duty.plan_key.as_str()), (due, ReportState::NotStarted, world.plan_key.as_str()));
    assert!(duty.items > 0 && duty.monitors.contains(&world.monitor.org.expect("org")));
    assert!(duty.org_name.starts_with("Văn phòng HĐND - UBND (") && !duty.plan_title.is_empty(), "{duty:?}");
    assert!(owed.iter().all(|d| (from..=to).contains(&d.due)));
    assert!(store.owed_reports(add_days(due, 1), add_days(due, 30)).await.expect("owed").is_empty());

    let key = ReportKey { plan_key: world.plan_key.clone(), period: q1(), org: world.office };
    let item = store.obligations(duty.plan_id, q1()).await.expect("obligations");
    let item = item.iter().find(|o| o.org == world.office).expect("an item").item_key.clone();
    let value = ValueInput { item_key: item, comment: Some("đang làm".into()), ..ValueInput::default() };
    let saved = store.save_values(&key, &[value], 0, "baocao", AT).await.expect("save");
    let state_of = async || {
        let owed = store.owed_reports(due, due).await.expect("owed");
        owed.into_iter().find(|d| d.org == world.office).expect("still owed").state
    };
    assert_eq!(state_of().await, ReportState::Draft);
    store.submit_report(saved.report_id, saved.version, "duyet", AT).await.expect("submit");
    assert_eq!(state_of().await, ReportState::Submitted);
}

async fn digests_are_claimed_once_and_failed_mail_retried(world: &World) {
    let store = &world.store;
    let day = add_days(world.q1_due, 1);
    let mut owed = store.owed_reports(world.q1_due, world.q1_due).await.expect("owed");
    for duty in &mut owed {
        duty.state = ReportState::Returned; // late again: the escalation goes out
    }
    let people: Vec<Person> = [(&world.monitor, DutyRole::Monitor), (&world.reporter, DutyRole::Approver)]
        .into_iter()
        .map(|(u, role)| Person {
            user_id: u.id,
            name: u.display_name.clone(),
            org: u.org,
            role,
            email: u.email.clone(),
        })
        .collect();
    let digests = schedule(day, &ReminderPolicy::default(), &owed, &people);
    assert_eq!(digests.len(), 2, "{digests:?}");
    let record = |i: usize| NewDigest {
        digest: &digests[i],
        email: digests[i].email.as_deref(),
        subject: "Nhắc báo cáo",
        body: "Kính gửi",
        notice: "Nhắc báo cáo: 1 báo cáo quá hạn",
        link: "/viec-cua-toi?ky=2026-Q1",
    };
    let (mailed, notice_only) = if digests[0].email.is_some() { (0, 1) } else { (1, 0) };

    // Two servers claim the same digest at once: one wins; a later tick claims nothing.
    let mail = record(mailed);
    let (a, b) = tokio::join!(store.claim_digest(&mail, AT), store.claim_digest(&mail, AT));
    let (a, b) = (a.expect("claim"), b.expect("claim"));
    assert_eq!(u8::from(a.is_some()) + u8::from(b.is_some()), 1, "{a:?} {b:?}");
    let id = a.or(b).expect("claimed");
    assert_eq!(store.claim_digest(&record(mailed), AT).await.expect("again"), None);
    assert!(store.claim_digest(&record(notice_only), AT).await.expect("notice").is_some());

    // Left `sending` by a server that stopped: taken over once it is stale, not before.
    let later = "2026-03-26T09:00:00Z";
    assert!(store.retry_mail(day, later, AT).await.expect("retry").is_empty(), "not stale yet");
    let taken = store.retry_mail(day, later, later).await.expect("retry");
    assert_eq!(taken.iter().map(|m| (m.digest_id, m.attempts)).collect::<Vec<_>>(), [(id, 2)]);
    assert_eq!(taken[0].email, "baocao@giavien.ninhbinh.gov.vn");

    // A failed mail is retried by one claimer only, until the last try.
    store.finish_mail(id, SendOutcome::Failed { error: "451 thử lại sau" }, later).await.expect("fail");
    let (x, y) = tokio::join!(store.retry_mail(day, later, AT), store.retry_mail(day, later, AT));
    assert_eq!(x.expect("x").len() + y.expect("y").len(), 1);
    store.finish_mail(id, SendOutcome::Failed { error: "451 thử lại sau" }, later).await.expect("fail");
    assert!(store.retry_mail(add_days(day, 1), later, AT).await.expect("retry").is_empty(), "only from `since`");
    let listed = store.reminders(&ReminderFilter::default()).await.expect("list");
    let failed = listed.iter().find(|r| r.digest_id == id).expect("the line");
    assert_eq!(
        (failed.status, failed.attempts, failed.error.as_deref()),
        (DigestStatus::Failed, 3, Some("451 thử lại sau"))
    );
    store.finish_mail(id, SendOutcome::Sent { message_id: "<1@chitieu>" }, later).await.expect("sent");
    assert!(store.retry_mail(day, later, AT).await.expect("retry").is_empty(), "a sent mail stays sent");

    // The record: who, when, why, how; filtered by period and unit.
    let listed = store.reminders(&ReminderFilter::default()).await.expect("list");
    let monitor_org = world.monitor.org.expect("org");
    let monitored = owed.iter().filter(|d| d.monitors.contains(&monitor_org)).count();
    assert!(monitored > 1, "the monitor hears of every unit it monitors");
    assert_eq!(listed.len(), 1 + monitored, "the head: its unit's report; the monitor: every late unit's");
    let sent = listed.iter().find(|r| r.digest_id == id).expect("the line");
    assert_eq!((sent.status, sent.sent_at.as_deref(), sent.error.as_deref()), (DigestStatus::Sent, Some(later), None));
    assert_eq!((sent.reason, sent.day, sent.period, sent.org), (Reason::Late(1), day, q1(), world.office));
    assert_eq!((sent.report_state, sent.message_id.as_deref()), (ReportState::Returned, Some("<1@chitieu>")));
    assert_eq!(sent.username, "baocao");
    let quiet = listed.iter().find(|r| r.digest_id != id && r.org == world.office).expect("the monitor's");
    assert_eq!(
        (quiet.status, quiet.email.as_deref(), quiet.username.as_str()),
        (DigestStatus::NoticeOnly, None, "giamsat")
    );
    let filter = |period, org| ReminderFilter { period, org, limit: None };
    assert_eq!(store.reminders(&filter(Some(q1()), Some(world.office))).await.expect("q1").len(), 2);
    assert!(store.reminders(&filter(Period::quarter(2026, 2), None)).await.expect("q2").is_empty());
    assert!(store.reminders(&filter(None, Some(world.office + 1000))).await.expect("other").is_empty());
    let one = ReminderFilter { limit: Some(1), ..ReminderFilter::default() };
    assert_eq!(store.reminders(&one).await.expect("limit").len(), 1);

    // Given up after the last try.
    let tomorrow = add_days(day, 1);
    let again = schedule(
        tomorrow,
        &ReminderPolicy { escalate_after_days: vec![2], ..ReminderPolicy::default() },
        &owed,
        &people,
    );
    let digest = again.iter().find(|d| d.email.is_some()).expect("mailed");
    let record = NewDigest { digest, email: digest.email.as_deref(), ..record(mailed) };
    let id = store.claim_digest(&record, AT).await.expect("claim").expect("a new day");
    for _ in 1..MAX_SEND_ATTEMPTS {
        store.finish_mail(id, SendOutcome::Failed { error: "550 không có hộp thư" }, later).await.expect("fail");
        assert_eq!(store.retry_mail(tomorrow, later, AT).await.expect("retry").len(), 1);
    }
    store.finish_mail(id, SendOutcome::Failed { error: "550 không có hộp thư" }, later).await.expect("fail");
    assert!(
        store.retry_mail(tomorrow, later, AT).await.expect("retry").is_empty(),
        "{MAX_SEND_ATTEMPTS} tries at most"
    );
    let unknown = store.finish_mail(id + 1000, SendOutcome::Sent { message_id: "x" }, later).await;
    assert!(matches!(unknown, Err(StoreError::NotFound { .. })), "{unknown:?}");
}

async fn notices_are_read_and_marked(world: &World) {
    let store = &world.store;
    let user = world.reporter.id;
    let notices = store.notices(user, 50).await.expect("notices");
    assert_eq!(notices.len(), 2, "one per digest: {notices:?}");
    assert_eq!(notices[0].link.as_deref(), Some("/viec-cua-toi?ky=2026-Q1"));
    assert!(notices.iter().all(|n| n.read_at.is_none() && n.text.starts_with("Nhắc báo cáo")));
    assert_eq!(store.unread_notices(user).await.expect("count"), 2);
    let at = "2026-03-27T08:00:00Z";
    assert_eq!(store.mark_notices_read(world.monitor.id, Some(notices[0].id), at).await.expect("not theirs"), 0);
    assert_eq!(store.mark_notices_read(user, Some(notices[0].id), at).await.expect("one"), 1);
    assert_eq!(store.mark_notices_read(user, Some(notices[0].id), at).await.expect("again"), 0);
    assert_eq!(store.unread_notices(user).await.expect("count"), 1);
    assert_eq!(store.mark_notices_read(user, None, at).await.expect("all"), 1);
    assert_eq!(store.unread_notices(user).await.expect("count"), 0);
    let read = store.notices(user, 1).await.expect("notices");
    assert_eq!((read.len(), read[0].read_at.as_deref()), (1, Some(at)));
    assert_eq!(store.unread_notices(world.monitor.id).await.expect("monitor"), 1);
}
