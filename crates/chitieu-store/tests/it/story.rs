//! The storage story, told once and run on both backends: the registry, every seed plan stored
//! and read back losslessly, an amendment, obligations, values with revisions and conflicts,
//! concurrent writers, failed writes that leave nothing behind, users, the audit trail, backup.

use crate::fixtures::{ROOT, load_registry, seed, unit};
use crate::reporting;
use crate::support::{self, Backend, TestDb};
use chitieu_core::period::Period;
use chitieu_core::registry::Resolution;
use chitieu_core::{Deadline, ItemKind, Plan};
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{
    ImportStatus, Level, NewSession, NewUser, PlanImport, ReportKey, SqlStore, StoreError, User, UserRole, ValueInput,
    connect,
};

const AT: &str = "2026-11-23T10:00:00Z";

async fn org_id(store: &SqlStore, name: &str) -> i64 {
    unit(&store.registry().await.expect("registry"), name)
}

/// Stores a seed and checks that it reads back exactly as parsed.
async fn import_seed(store: &SqlStore, prefix: &str, issuer: &str, level: Level) -> (i64, String, Plan) {
    let (name, bytes) = seed(prefix);
    let plan = chitieu_import::read_plan(&name, &bytes).expect("seed parses");
    let issuer = org_id(store, issuer).await;
    let text = String::from_utf8(bytes.clone()).expect("utf-8 seed");
    let import = PlanImport {
        plan: &plan,
        source_bytes: &bytes,
        source_text: Some(&text),
        issuer: Some(issuer),
        level: Some(level),
        parent_key: None,
        key: None,
        actor: "test",
        at: AT,
    };
    let outcome = store.import_plan(import).await.expect("seed imports");
    assert_eq!(outcome.status, ImportStatus::New, "{prefix}");
    assert_eq!(outcome.items, plan.items.len());
    for unresolved in &outcome.unresolved {
        assert!(
            !unresolved.proposals.is_empty(),
            "{prefix}: \"{}\" (line {}) matched nothing; only OCR slips may stay unresolved",
            unresolved.name,
            unresolved.line
        );
    }
    let stored = store.plan(outcome.plan_id).await.expect("stored plan loads");
    assert_eq!(stored.plan, plan, "{prefix}: parse → store → show is lossless");
    assert_eq!(stored.source_text.as_deref(), Some(text.as_str()));
    assert_eq!(stored.items.len(), plan.items.len());
    let again = store.import_plan(import).await.expect("re-import");
    assert_eq!(again.status, ImportStatus::Unchanged);
    assert_eq!(again.plan_id, outcome.plan_id);
    (outcome.plan_id, outcome.key, plan)
}

async fn story(db: &TestDb) {
    let store = connect(&db.url).await.expect("store opens and migrates");
    assert_eq!(store.backend() == chitieu_store::Backend::Sqlite, db.backend == Backend::Sqlite);
    store.migrate().await.expect("migrating twice is harmless");
    for (file, outcome) in load_registry(&store, AT).await {
        assert!(outcome.created > 10, "{file}: {outcome:?}");
    }

    // Re-importing the registry changes nothing and deletes nothing.
    let bytes = std::fs::read(format!("{ROOT}/fixtures/registry/ninh-binh-orgs.csv")).expect("orgs");
    let RegistryFile::Orgs(orgs) = read_registry("orgs.csv", &bytes).expect("reads") else { panic!("orgs file") };
    let again = store.import_orgs(&orgs, "test", AT).await.expect("re-import");
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, orgs.len()));

    // A file with a bad last row stores nothing of itself.
    let mut broken = orgs[..3].to_vec();
    for record in &mut broken {
        record.population = Some(1);
    }
    let mut orphan = orgs[3].clone();
    orphan.name = "Sở Mới".into();
    orphan.parent = Some("Đơn vị không có".into());
    broken.push(orphan);
    let err = store.import_orgs(&broken, "test", AT).await.expect_err("unknown parent");
    assert!(err.to_string().contains("names no unit"), "{err}");
    let unchanged = store.import_orgs(&orgs[..3], "test", AT).await.expect("re-import");
    assert_eq!(unchanged.unchanged, 3, "the failed import left no trace");

    // Every seed, stored and read back.
    let (p000, key000, plan000) = import_seed(&store, "000", "UBND tỉnh Ninh Bình", Level::Province).await;
    import_seed(&store, "001", "Thành phố Tam Điệp", Level::City).await;
    let (_, key002, _) = import_seed(&store, "002", "UBND tỉnh Ninh Bình", Level::Province).await;
    import_seed(&store, "003", "UBND tỉnh Ninh Bình", Level::Province).await;
    import_seed(&store, "004", "Xã Gia Viễn (mẫu)", Level::Commune).await;
    let plans = store.plans().await.expect("plans list");
    assert_eq!(plans.len(), 5);
    assert!(plans.iter().any(|p| p.key == key000 && p.indicators == 49));

    // A person settles the OCR slip; the choice holds for later versions of the plan.
    let post = Resolution::Org { id: org_id(&store, "Bưu điện tỉnh Ninh Bình").await };
    assert_eq!(store.confirm_name(p000, "Bru điện tỉnh", &post, "monitor", AT).await.expect("confirm"), 1);
    let confirmed = store.plan(p000).await.expect("000");
    let slip = confirmed.items.iter().flat_map(|i| &i.assignments).find(|a| a.raw == "Bru điện tỉnh").expect("slip");
    assert_eq!((slip.status.as_str(), slip.resolution()), ("confirmed", post.clone()));
    assert!(matches!(
        store.confirm_name(p000, "Không có", &post, "monitor", AT).await,
        Err(StoreError::NotFound { .. })
    ));

    // Obligations for 2026 quarters: groups expand, deadlines bound the periods.
    let q2 = store.obligations(p000, Period::quarter(2026, 2).expect("Q2")).await.expect("obligations");
    let stored000 = store.plan(p000).await.expect("000");
    let registry = store.registry().await.expect("registry");
    let departments = registry.orgs.iter().filter(|o| o.kind == chitieu_core::registry::OrgKind::Department).count();
    assert!(q2.len() > departments, "the groups expand to their members");
    assert!(q2.iter().all(|o| o.due <= chitieu_core::plan::Date::new(2026, 6, 25).expect("date")));
    let march_task = stored000
        .plan
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Task && i.deadline == Some(Deadline::Month { year: 2026, month: 3 }));
    let march_key = &stored000.items[march_task.expect("a task due in March")].key;
    assert!(q2.iter().all(|o| &o.item_key != march_key), "a March task is not owed in Q2");
    let q1 = store.obligations(p000, Period::quarter(2026, 1).expect("Q1")).await.expect("obligations");
    assert!(q1.iter().any(|o| &o.item_key == march_key && o.final_report));

    // Values: revisions, conflicts, and locked nothing yet.
    let vp = org_id(&store, "Văn phòng UBND tỉnh").await;
    let item =
        &stored000.items[stored000.plan.items.iter().position(|i| i.code.as_deref() == Some("5.6")).expect("5.6")];
    let report = ReportKey { plan_key: key000.clone(), period: Period::quarter(2026, 2).expect("Q2"), org: vp };
    let value = |n: f64, d: f64| ValueInput {
        item_key: item.key.clone(),
        numerator: Some(n),
        denominator: Some(d),
        ..ValueInput::default()
    };
    let first = store.save_values(&report, &[value(80.0, 100.0)], 0, "reporter", AT).await.expect("first save");
    assert_eq!((first.version, first.revisions.as_slice()), (1, [1].as_slice()));
    let second = store.save_values(&report, &[value(91.0, 100.0)], 1, "reporter", AT).await.expect("second save");
    assert_eq!(second.revisions, [2]);
    let stale = store.save_values(&report, &[value(10.0, 100.0)], 1, "other", AT).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let bad = store.save_values(&report, &[value(1.0, 0.0)], 2, "reporter", AT).await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    let history = store.value_history(&report).await.expect("history");
    assert_eq!(
        history.iter().map(|h| (h.revision, h.value.numerator)).collect::<Vec<_>>(),
        [(1, Some(80.0)), (2, Some(91.0))]
    );

    // An amended document: a new version, the diff, and values still attached.
    let (name, bytes) = seed("000");
    let text = String::from_utf8(bytes).expect("utf-8");
    let amended_text = text
        .replace("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 90%", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 92%")
        .replace("5.7.\tTỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử: Đạt tối thiểu 95%\tVăn phòng UBND tỉnh\tCác sở, ban, ngành; UBND các xã, phường\tTháng 12/2026\t\n", "");
    assert_ne!(amended_text, text);
    let amended = chitieu_import::read_plan(&name, amended_text.as_bytes()).expect("amended parses");
    let province = org_id(&store, "UBND tỉnh Ninh Bình").await;
    let outcome = store
        .import_plan(PlanImport {
            plan: &amended,
            source_bytes: amended_text.as_bytes(),
            source_text: Some(&amended_text),
            issuer: Some(province),
            level: Some(Level::Province),
            parent_key: None,
            key: None,
            actor: "test",
            at: AT,
        })
        .await
        .expect("amendment imports");
    assert_eq!((outcome.status, outcome.version, outcome.key.as_str()), (ImportStatus::Amended, 2, key000.as_str()));
    let change = outcome.diff.expect("a diff");
    assert_eq!(change.removed.iter().map(|r| r.code.as_deref()).collect::<Vec<_>>(), [Some("5.7")]);
    assert!(change.changed.iter().any(|c| c.new.code.as_deref() == Some("5.6") && c.fields == ["text", "targets"]));
    let v2 = store.latest_plan(&key000).await.expect("latest");
    assert_eq!(v2.version, 2);
    assert!(v2.items.iter().any(|i| i.key == item.key), "the amended item keeps its identity");
    assert_eq!(store.value_history(&report).await.expect("history").len(), 2, "values stay attached");
    reporting::lifecycle(&store, &report, &item.key).await;
    let kept = v2.items.iter().flat_map(|i| &i.assignments).find(|a| a.raw == "Bru điện tỉnh").expect("slip in v2");
    assert_eq!((kept.status.as_str(), kept.resolution()), ("confirmed", post));
    assert_eq!(store.plan(p000).await.expect("v1").status, chitieu_store::PlanStatus::Amended);
    assert_eq!(store.plan(p000).await.expect("v1").plan, plan000, "old versions stay as they were");

    // A failed import leaves the store as it was.
    let count = store.plans().await.expect("plans").len();
    let (name, bytes) = seed("004");
    let plan004 = chitieu_import::read_plan(&name, &bytes).expect("004");
    let orphan = store
        .import_plan(PlanImport {
            plan: &plan004,
            source_bytes: &bytes,
            source_text: None,
            issuer: None,
            level: Some(Level::Commune),
            parent_key: Some("no-such-plan"),
            key: Some("orphan"),
            actor: "test",
            at: AT,
        })
        .await;
    assert!(matches!(orphan, Err(StoreError::NotFound { .. })), "{orphan:?}");
    assert_eq!(store.plans().await.expect("plans").len(), count);
    let commune = org_id(&store, "Xã Gia Viễn (mẫu)").await;
    let office = match store.registry().await.expect("registry").resolve("Văn phòng HĐND - UBND", Some(commune)) {
        Resolution::Org { id } => id,
        other => panic!("office: {other:?}"),
    };
    let slip = [("VP HỖND - UBND".to_owned(), Resolution::Org { id: office })];
    let under_002 = PlanImport {
        plan: &plan004,
        source_bytes: &bytes,
        source_text: None,
        issuer: None,
        level: Some(Level::Commune),
        parent_key: Some(&key002),
        key: Some("004-under-002"),
        actor: "test",
        at: AT,
    };
    let refused =
        store.import_plan_confirmed(under_002, &[("VP HỖND - UBND".to_owned(), Resolution::Unresolved)]).await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    assert_eq!(store.plans().await.expect("plans").len(), count, "a refused confirmation stores nothing");
    let child = store.import_plan_confirmed(under_002, &slip).await.expect("a child plan with a parent");
    let child_plan = store.plan(child.plan_id).await.expect("child");
    let settled =
        child_plan.items.iter().flat_map(|i| &i.assignments).find(|a| a.raw == "VP HỖND - UBND").expect("slip");
    assert_eq!((settled.status.as_str(), settled.org_id), ("confirmed", Some(office)));
    assert_eq!(store.plan(child.plan_id).await.expect("child").parent_key.as_deref(), Some(key002.as_str()));

    concurrent_writers(&store, &key000, &stored000).await;
    users_and_audit(&store, p000).await;
    backup_and_restore(db, store).await;
}

/// Many writers at once: every acknowledged save is there, and racing writers on one report
/// either succeed in turn or get a conflict, never a lost update.
async fn concurrent_writers(store: &SqlStore, plan_key: &str, plan: &chitieu_store::StoredPlan) {
    let registry = store.registry().await.expect("registry");
    let departments: Vec<i64> = registry
        .orgs
        .iter()
        .filter(|o| o.kind == chitieu_core::registry::OrgKind::Department)
        .map(|o| o.id)
        .take(6)
        .collect();
    let item_key = plan
        .items
        .iter()
        .zip(&plan.plan.items)
        .find(|(_, i)| i.kind == ItemKind::Indicator)
        .expect("indicator")
        .0
        .key
        .clone();
    let period = Period::quarter(2026, 3).expect("Q3");
    let mut tasks = Vec::new();
    for (n, org) in departments.iter().copied().enumerate() {
        for writer in 0..3 {
            let store = store.clone();
            let item_key = item_key.clone();
            let plan_key = plan_key.to_owned();
            tasks.push(tokio::spawn(async move {
                let key = ReportKey { plan_key, period, org };
                let mut saved = 0;
                for round in 0..4 {
                    loop {
                        let version = store.value_history(&key).await.expect("history").len() as i64;
                        let value = ValueInput {
                            item_key: item_key.clone(),
                            number: Some(f64::from(u32::try_from(n * 100 + writer * 10 + round).expect("small"))),
                            ..ValueInput::default()
                        };
                        match store.save_values(&key, &[value], version, &format!("w{writer}"), AT).await {
                            Ok(_) => {
                                saved += 1;
                                break;
                            }
                            Err(StoreError::Conflict(_)) => tokio::task::yield_now().await,
                            Err(e) => panic!("writer failed: {e}"),
                        }
                    }
                }
                saved
            }));
        }
    }
    let mut acknowledged = 0;
    for task in tasks {
        acknowledged += task.await.expect("writer task");
    }
    let mut stored = 0;
    for org in departments {
        let history =
            store.value_history(&ReportKey { plan_key: plan_key.to_owned(), period, org }).await.expect("history");
        assert_eq!(history.iter().map(|h| h.revision).collect::<Vec<_>>(), (1..=12).collect::<Vec<i64>>());
        stored += history.len();
    }
    assert_eq!(stored, acknowledged);
}

async fn users_and_audit(store: &SqlStore, plan_id: i64) {
    let clear = NewUser {
        username: "reporter1".into(),
        display_name: "Nguyễn Văn A".into(),
        org: None,
        role: UserRole::Reporter,
        password_hash: "mật khẩu".into(),
        email: None,
    };
    assert!(matches!(store.add_user(clear.clone(), "admin", AT).await, Err(StoreError::Invalid(_))));
    let hashed =
        NewUser { password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(), ..clear };
    let user = store.add_user(hashed.clone(), "admin", AT).await.expect("user");
    assert_eq!(user.username, "reporter1");
    assert!(matches!(store.add_user(hashed, "admin", AT).await, Err(StoreError::Conflict(_))));
    let (found, hash) = store.user("Reporter1").await.expect("lookup").expect("found");
    assert_eq!((found.id, hash.starts_with("$argon2id$")), (user.id, true));
    sessions(store, &user).await;
    sign_in_failures(store).await;

    let events = store.audit_events("plan", &plan_id.to_string()).await.expect("audit");
    assert_eq!(events[0].action, "import");
    assert_eq!(events[0].actor, "test");
}

async fn sessions(store: &SqlStore, user: &User) {
    let id = "ab".repeat(32);
    let session = NewSession {
        id: id.clone(),
        user_id: user.id,
        csrf_token: "cd".repeat(32),
        created_at: AT.into(),
        expires_at: "2026-11-23T18:00:00Z".into(),
    };
    store.create_session(&session).await.expect("session");
    let open = store.session(&id, "2026-11-23T17:59:59Z", AT).await;
    assert!(open.expect("lookup").is_none(), "not used since it opened at {AT}: idle");
    store.touch_session(&id, "2026-11-23T17:30:00Z").await.expect("used");
    let open = store.session(&id, "2026-11-23T17:59:59Z", AT).await.expect("lookup").expect("open");
    assert_eq!((open.user.id, open.csrf_token.as_str()), (user.id, session.csrf_token.as_str()));
    assert_eq!((open.id.as_str(), open.last_seen_at.as_str()), (id.as_str(), "2026-11-23T17:30:00Z"));
    let kept: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(store.pool()).await.expect("hashes");
    assert_eq!(kept, [chitieu_core::digest::sha256_hex(id.as_bytes())], "only the id's hash is kept");
    assert!(store.session(&id, "2026-11-23T18:00:00Z", AT).await.expect("lookup").is_none(), "expired");
    assert!(store.session("unknown", AT, AT).await.expect("lookup").is_none());

    let rehash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA";
    assert!(matches!(store.set_password("nobody", rehash, "admin", AT).await, Err(StoreError::NotFound { .. })));
    assert!(matches!(store.set_password(&user.username, "clear", "admin", AT).await, Err(StoreError::Invalid(_))));
    store.set_password(&user.username, rehash, "admin", AT).await.expect("new password");
    assert_eq!(store.user(&user.username).await.expect("lookup").expect("found").1, rehash);
    assert!(store.session(&id, AT, "").await.expect("lookup").is_none(), "a new password ends the sessions");

    store.create_session(&NewSession { id: id.clone(), ..session }).await.expect("session again");
    store.delete_session(&id, AT).await.expect("sign out");
    store.delete_session(&id, AT).await.expect("signing out twice is harmless");
    assert!(store.session(&id, AT, "").await.expect("lookup").is_none());
    let actions: Vec<String> =
        store.audit_events("user", &user.id.to_string()).await.expect("audit").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["create", "sign_in", "set_password", "sign_in", "sign_out"]);
}

async fn backup_and_restore(db: &TestDb, store: SqlStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("backup.chitieu");
    if db.backend == Backend::Postgres && std::process::Command::new("pg_dump").arg("--version").output().is_err() {
        return;
    }
    store.backup(&file).await.expect("backup");
    assert!(std::fs::metadata(&file).expect("backup file").len() > 10_000);
    assert!(store.backup(&file).await.is_err(), "a backup never overwrites a file");
    let before = store.plans().await.expect("plans").len();
    store.restore(&file).await.expect("restore");
    let reopened = connect(&db.url).await.expect("reopen");
    assert_eq!(reopened.plans().await.expect("plans").len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_storage_story_holds_on_sqlite() {
    story(&support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_storage_story_holds_on_postgres() {
    story(&support::postgres().await).await;
}

async fn sign_in_failures(store: &SqlStore) {
    let forget = "2026-11-22T10:00:00Z";
    for n in 1..=3 {
        assert_eq!(store.record_sign_in_failure(" BaoCao", AT, forget).await.expect("failure"), n);
    }
    assert_eq!(store.sign_in_hold("baocao", AT).await.expect("hold"), None);
    store.hold_sign_ins("baocao", "2026-11-23T10:01:00Z").await.expect("held");
    assert_eq!(store.sign_in_hold("BAOCAO", AT).await.expect("hold").as_deref(), Some("2026-11-23T10:01:00Z"));
    assert_eq!(store.sign_in_hold("baocao", "2026-11-23T10:01:00Z").await.expect("hold"), None, "over");
    assert_eq!(store.record_sign_in_failure("khac", AT, forget).await.expect("failure"), 1, "per account");
    let next_day = ("2026-11-24T11:00:00Z", "2026-11-23T11:00:00Z");
    assert_eq!(store.record_sign_in_failure("baocao", next_day.0, next_day.1).await.expect("failure"), 1, "forgotten");
    store.clear_sign_in_failures("baocao").await.expect("signed in");
    assert_eq!(store.record_sign_in_failure("baocao", next_day.0, next_day.1).await.expect("failure"), 1);
}
