//! Loading finished reports in bulk, on both backends: a load reads back through the ordinary
//! reads as if the reports had gone through the reporting loop (values as revision 1, versions,
//! late flags, the review queue, one audit event), and a bad batch writes nothing.

use crate::fixtures;
use chitieu_core::measure::Measure;
use chitieu_core::period::Period;
use chitieu_store::{
    Level, LoadedReport, PlanImport, ReportKey, ReportStatus, Review, SqlStore, StoreError, StoredPlan, ValueInput,
    connect,
};

const AT: &str = "2026-04-10T08:00:00Z";

/// The built-in registry and the commune's programme (seed 004).
async fn commune_plan(store: &SqlStore) -> StoredPlan {
    fixtures::load_registry(store, AT).await;
    let (name, bytes) = fixtures::seed("004");
    let plan = chitieu_import::read_plan(&name, &bytes).expect("seed parses");
    let issuer = fixtures::unit(&store.registry().await.expect("registry"), "Xã Gia Viễn (mẫu)");
    let import = PlanImport {
        plan: &plan,
        source_bytes: &bytes,
        source_text: None,
        issuer: Some(issuer),
        level: Some(Level::Commune),
        parent_key: None,
        key: None,
        actor: "test",
        at: AT,
    };
    let outcome = store.import_plan(import).await.expect("seed imports");
    store.plan(outcome.plan_id).await.expect("plan")
}

/// A value of the right shape for the item's measure.
fn sample(plan: &StoredPlan, item_key: &str, n: f64) -> ValueInput {
    let measure = plan.items.iter().find(|i| i.key == item_key).expect("item").measure;
    let mut value = ValueInput { item_key: item_key.to_owned(), ..ValueInput::default() };
    match measure {
        Measure::Ratio => (value.numerator, value.denominator) = (Some(n), Some(n + 10.0)),
        Measure::YesNo => value.yes_no = Some(n > 2.0),
        Measure::Qualitative => value.level = Some("Khá".into()),
        Measure::Task => {
            value.task_status = Some("done".into());
            value.doc_number = Some(format!("{n}/KH-UBND"));
            value.doc_date = Some("2026-02-15".into());
        }
        _ => value.number = Some(n),
    }
    value
}

/// The finished report of `org` for `period`: everything it owes, sent on `submitted_at`.
async fn report(store: &SqlStore, plan: &StoredPlan, period: Period, org: i64, submitted_at: &str) -> LoadedReport {
    let owed = store.obligations(plan.id, period).await.expect("obligations");
    let values: Vec<ValueInput> =
        owed.iter().filter(|o| o.org == org).zip(1..).map(|(o, n)| sample(plan, &o.item_key, f64::from(n))).collect();
    assert!(!values.is_empty(), "unit {org} owes something in {period}");
    LoadedReport {
        key: ReportKey { plan_key: plan.key.clone(), period, org },
        status: ReportStatus::Approved,
        saved_by: format!("reporter.{org}"),
        saved_at: "2026-03-18T02:00:00Z".into(),
        submitted_by: format!("approver.{org}"),
        submitted_at: submitted_at.into(),
        reviewed_by: Some("monitor".into()),
        reviewed_at: Some("2026-04-02T02:00:00Z".into()),
        values,
    }
}

#[tokio::test]
async fn loaded_reports_read_back_as_if_they_went_through_the_loop_and_bad_batches_write_nothing() {
    for db in crate::support::all().await {
        let store = connect(&db.url).await.expect("store opens");
        let plan = commune_plan(&store).await;
        let q1 = Period::quarter(2026, 1).expect("Q1");
        let mut orgs: Vec<i64> = store.obligations(plan.id, q1).await.expect("owed").iter().map(|o| o.org).collect();
        orgs.sort_unstable();
        orgs.dedup();
        assert!(orgs.len() >= 3, "{:?}: several units owe reports: {orgs:?}", db.backend);

        let on_time = report(&store, &plan, q1, orgs[0], "2026-03-20T02:00:00Z").await;
        let mut late = report(&store, &plan, q1, orgs[1], "2026-03-30T02:00:00Z").await;
        (late.status, late.reviewed_by, late.reviewed_at) = (ReportStatus::Submitted, None, None);
        let batch = [on_time.clone(), late.clone()];
        let loaded = store.load_reports(&batch, "loader", AT).await.expect("loads");
        let values = on_time.values.len() + late.values.len();
        assert_eq!((loaded.reports, loaded.values, loaded.late), (2, values, 1), "{:?}", db.backend);

        let approved = store.report(loaded.report_ids[0]).await.expect("report");
        assert_eq!(
            (approved.head.status, approved.head.version, approved.head.late),
            (ReportStatus::Approved, 3, false)
        );
        assert_eq!(approved.head.reviewed_by.as_deref(), Some("monitor"));
        let mut read: Vec<ValueInput> = approved.values.iter().map(|v| v.value.clone()).collect();
        let mut written = on_time.values.clone();
        read.sort_by(|a, b| a.item_key.cmp(&b.item_key));
        written.sort_by(|a, b| a.item_key.cmp(&b.item_key));
        assert_eq!(read, written, "{:?}: the values read back as written", db.backend);
        assert!(approved.values.iter().all(|v| v.revision == 1 && v.saved_at == on_time.saved_at));

        let waiting = store.report(loaded.report_ids[1]).await.expect("report");
        assert_eq!((waiting.head.status, waiting.head.version, waiting.head.late), (ReportStatus::Submitted, 2, true));
        let queue = store.review_queue(None).await.expect("queue");
        assert_eq!(queue.iter().map(|r| r.id).collect::<Vec<_>>(), [loaded.report_ids[1]]);
        let id = loaded.report_ids.iter().min().expect("ids");
        let last = loaded.report_ids.iter().max().expect("ids");
        let events = store.audit_events("reports", &format!("{id}-{last}")).await.expect("audit");
        assert_eq!(events.len(), 1, "one audit event for the load");
        assert_eq!(events[0].after.as_ref().map(|a| a["values"].clone()), Some(values.into()));
        // The loop carries on from the loaded state.
        let reviewed = store.review_report(loaded.report_ids[1], 2, &Review::Approve, "monitor", AT).await;
        assert_eq!(reviewed.expect("approve").version, 3);

        // Bad batches: nothing of them is written.
        let fresh = report(&store, &plan, q1, orgs[2], "2026-03-20T02:00:00Z").await;
        let again = store.load_reports(&[fresh.clone(), on_time.clone()], "loader", AT).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let mut stranger = fresh.clone();
        stranger.values[0].item_key = "no-such-item".into();
        let unknown = store.load_reports(&[stranger], "loader", AT).await;
        assert!(matches!(unknown, Err(StoreError::Invalid(_))), "{unknown:?}");
        let mut unreviewed = fresh.clone();
        unreviewed.reviewed_at = None;
        assert!(matches!(store.load_reports(&[unreviewed], "loader", AT).await, Err(StoreError::Invalid(_))));
        assert_eq!(store.report_id(&fresh.key).await.expect("lookup"), None, "{:?}", db.backend);
        let q2 = Period::quarter(2026, 2).expect("Q2");
        store.set_period_lock(&plan.key, q2, true, "admin", AT).await.expect("lock");
        let mut locked = fresh.clone();
        locked.key.period = q2;
        assert!(matches!(store.load_reports(&[locked], "loader", AT).await, Err(StoreError::Locked(_))));
        assert!(store.load_reports(&[fresh], "loader", AT).await.is_ok(), "the same report loads once it is sound");
    }
}
