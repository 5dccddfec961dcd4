//! The reporting loop in the storage story: submit (late or on time), return with a comment,
//! approve, evidence files, period locks, and the audit trail of each step.

use chitieu_core::period::Period;
use chitieu_store::{
    MAX_EVIDENCE_BYTES, NewEvidence, ReportKey, ReportStatus, Review, SqlStore, StoreError, ValueInput, ValueQuery,
};

const LATE: &str = "2026-06-30T09:00:00Z";
const ON_TIME: &str = "2026-06-20T09:00:00Z";

/// `report` has two saves (version 2) of one ratio value on `item_key`.
pub async fn lifecycle(store: &SqlStore, report: &ReportKey, item_key: &str) {
    let id = store.report_id(report).await.expect("report id").expect("the report exists");
    let view = store.report(id).await.expect("report");
    assert_eq!((view.head.status, view.head.version), (ReportStatus::Draft, 2));
    assert_eq!(view.values.len(), 1, "one current value per item");
    assert_eq!((view.values[0].revision, view.values[0].value.numerator), (2, Some(91.0)));

    let monitors = store.report_monitors(id).await.expect("monitors");
    assert!(!monitors.is_empty(), "someone monitors item {item_key}");
    let monitor = monitors[0];
    assert!(store.review_queue(Some(monitor)).await.expect("queue").is_empty());

    // Submit: stale versions are conflicts; after the due date it is late.
    let stale = store.submit_report(id, 1, "approver", LATE).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let submitted = store.submit_report(id, 2, "approver", LATE).await.expect("submit");
    assert_eq!((submitted.status, submitted.late, submitted.version), (ReportStatus::Submitted, true, 3));
    assert_eq!(submitted.due_date, "2026-06-25");
    let frozen = store.save_values(report, &[ratio(item_key, 1.0, 2.0)], 3, "reporter", LATE).await;
    assert!(matches!(frozen, Err(StoreError::Invalid(_))), "a submitted report is frozen: {frozen:?}");
    let queue = store.review_queue(Some(monitor)).await.expect("queue");
    assert_eq!(queue.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert!(store.review_queue(None).await.expect("all").iter().any(|r| r.id == id));
    let bystander = store.orgs().await.expect("orgs").into_iter().find(|o| !monitors.contains(&o.id)).expect("org");
    assert!(store.review_queue(Some(bystander.id)).await.expect("queue").is_empty());

    // Return with a comment, fix, resubmit on time, approve.
    let blank = store.review_report(id, 3, &Review::Return { comment: "  ".into() }, "monitor", LATE).await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))), "{blank:?}");
    let fix = "Thiếu mẫu số; bổ sung minh chứng.";
    let returned = store.review_report(id, 3, &Review::Return { comment: fix.into() }, "monitor", LATE).await;
    let returned = returned.expect("return");
    assert_eq!((returned.status, returned.review_comment.as_deref()), (ReportStatus::Returned, Some(fix)));
    let approve_returned = store.review_report(id, 4, &Review::Approve, "monitor", LATE).await;
    assert!(matches!(approve_returned, Err(StoreError::Invalid(_))), "{approve_returned:?}");
    let saved = store.save_values(report, &[ratio(item_key, 95.0, 100.0)], 4, "reporter", ON_TIME).await;
    assert_eq!(saved.expect("a returned report is editable").version, 5);
    let again = store.submit_report(id, 5, "approver", ON_TIME).await.expect("resubmit");
    assert_eq!((again.late, again.review_comment), (false, None));
    let approved = store.review_report(id, 6, &Review::Approve, "monitor", ON_TIME).await.expect("approve");
    assert_eq!((approved.status, approved.reviewed_by.as_deref()), (ReportStatus::Approved, Some("monitor")));
    let current = store.report(id).await.expect("report");
    assert_eq!(current.values[0].value.numerator, Some(95.0));

    let actions: Vec<String> =
        store.audit_events("report", &id.to_string()).await.expect("audit").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["save", "save", "submit", "return", "save", "submit", "approve"]);

    evidence(store, report, item_key).await;
    locks(store, report, item_key).await;
    evaluation_reads(store, report, item_key).await;
}

fn ratio(item_key: &str, n: f64, d: f64) -> ValueInput {
    ValueInput { item_key: item_key.to_owned(), numerator: Some(n), denominator: Some(d), ..ValueInput::default() }
}

async fn evidence(store: &SqlStore, report: &ReportKey, item_key: &str) {
    let approved = store.report_id(report).await.expect("id").expect("report");
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
    let late = store.add_evidence(approved, NewEvidence { item_key, file_name: "a.pdf", bytes: pdf }, "r", ON_TIME);
    assert!(matches!(late.await, Err(StoreError::Invalid(_))), "an approved report takes no evidence");

    let q1 = ReportKey { period: Period::quarter(2026, 1).expect("Q1"), ..report.clone() };
    let saved = store.save_values(&q1, &[ratio(item_key, 1.0, 2.0)], 0, "reporter", ON_TIME).await.expect("Q1");
    let file = NewEvidence { item_key, file_name: "../../Báo cáo \"quý\" 1.pdf", bytes: pdf };
    let stored = store.add_evidence(saved.report_id, file, "reporter", ON_TIME).await.expect("a PDF is accepted");
    assert_eq!((stored.content_type.as_str(), stored.size), ("application/pdf", pdf.len() as i64));
    assert_eq!(stored.file_name, "Báo cáo quý 1.pdf", "no path, no quotes");
    assert_eq!(stored.sha256.len(), 64);
    let (meta, bytes) = store.evidence_file(stored.id).await.expect("file");
    assert_eq!((meta, bytes.as_slice()), (stored.clone(), pdf.as_slice()));

    let renamed = NewEvidence { item_key, file_name: "virus.pdf", bytes: b"MZ\x90\x00 not a pdf" };
    let wrong = store.add_evidence(saved.report_id, renamed, "reporter", ON_TIME).await;
    assert!(matches!(wrong, Err(StoreError::Invalid(_))), "typed by content, not name: {wrong:?}");
    let big = vec![b'%'; MAX_EVIDENCE_BYTES + 1];
    let huge = NewEvidence { item_key, file_name: "big.pdf", bytes: &big };
    assert!(matches!(store.add_evidence(saved.report_id, huge, "r", ON_TIME).await, Err(StoreError::Invalid(_))));
    let png = NewEvidence { item_key: "", file_name: "anh.png", bytes: b"\x89PNG\r\n\x1a\n0000" };
    store.add_evidence(saved.report_id, png, "reporter", ON_TIME).await.expect("a PNG is accepted");
    let listed = store.evidence(saved.report_id).await.expect("list");
    assert_eq!(listed.iter().map(|e| e.content_type.as_str()).collect::<Vec<_>>(), ["application/pdf", "image/png"]);
}

async fn locks(store: &SqlStore, report: &ReportKey, item_key: &str) {
    let q1 = ReportKey { period: Period::quarter(2026, 1).expect("Q1"), ..report.clone() };
    let id = store.report_id(&q1).await.expect("id").expect("Q1 report");
    let version = store.report(id).await.expect("report").head.version;
    store.set_period_lock(&q1.plan_key, q1.period, true, "admin", ON_TIME).await.expect("lock");
    let locked = store.save_values(&q1, &[ratio(item_key, 2.0, 2.0)], version, "reporter", ON_TIME).await;
    assert!(matches!(locked, Err(StoreError::Locked(_))), "{locked:?}");
    assert!(matches!(store.submit_report(id, version, "approver", ON_TIME).await, Err(StoreError::Locked(_))));
    let periods = store.periods().await.expect("periods");
    assert!(periods.iter().any(|p| p.plan_key == q1.plan_key && p.period == q1.period && p.locked));
    store.set_period_lock(&q1.plan_key, q1.period, false, "admin", ON_TIME).await.expect("unlock");
    store.save_values(&q1, &[ratio(item_key, 2.0, 2.0)], version, "reporter", ON_TIME).await.expect("unlocked");
    let entity = format!("{}/{}", q1.plan_key, q1.period);
    let actions: Vec<String> =
        store.audit_events("period", &entity).await.expect("audit").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["lock", "unlock"]);
}

/// What evaluation reads after the loop: the approved Q2 report with its latest value only, the
/// Q1 draft beside it, filters by unit and item, and the index weights.
async fn evaluation_reads(store: &SqlStore, report: &ReportKey, item_key: &str) {
    let q2 = ValueQuery::plan_period(&report.plan_key, report.period);
    let facts = store.report_facts(&q2).await.expect("facts");
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert_eq!((facts[0].org, facts[0].status, facts[0].late), (report.org, ReportStatus::Approved, false));
    assert_eq!(facts[0].submitted_at.as_deref(), Some(ON_TIME));
    let values = store.reported_values(&q2).await.expect("values");
    assert_eq!(values.len(), 1, "only the latest of the three revisions: {values:?}");
    assert_eq!((values[0].value.numerator, values[0].value.denominator), (Some(95.0), Some(100.0)));
    assert_eq!((values[0].report_id, values[0].period), (facts[0].id, report.period));

    let unit = ValueQuery { plan_keys: vec![report.plan_key.clone()], org: Some(report.org), ..ValueQuery::default() };
    let both = store.reported_values(&unit).await.expect("values of the unit");
    let periods: Vec<String> = both.iter().map(|v| v.period.to_string()).collect();
    assert_eq!(periods, ["2026-Q1", "2026-Q2"], "every period, in order");
    assert_eq!((both[0].status, both[0].value.numerator), (ReportStatus::Draft, Some(2.0)));
    let other = ValueQuery { item_keys: vec!["no such item".into()], ..unit.clone() };
    assert!(store.reported_values(&other).await.expect("none").is_empty());
    let mine = ValueQuery { item_keys: vec![item_key.to_owned()], ..unit.clone() };
    assert_eq!(store.reported_values(&mine).await.expect("by item").len(), 2);
    let year = ValueQuery::plan_period(&report.plan_key, Period::year(2026));
    assert!(store.report_facts(&year).await.expect("year").is_empty(), "no yearly report was written");
    let everyone = store.report_facts(&ValueQuery::default()).await.expect("all facts");
    assert!(everyone.len() >= 2);

    assert!(store.index_weights(&report.plan_key).await.expect("weights").is_empty());
    let weights = vec![("II".to_owned(), 1.0), ("I".to_owned(), 2.0)];
    store.set_index_weights(&report.plan_key, &weights, "admin", ON_TIME).await.expect("weights");
    let read = store.index_weights(&report.plan_key).await.expect("weights");
    assert_eq!(read, [("I".to_owned(), 2.0), ("II".to_owned(), 1.0)]);
    let negative = store.set_index_weights(&report.plan_key, &[("I".into(), -1.0)], "admin", ON_TIME).await;
    assert!(matches!(negative, Err(StoreError::Invalid(_))), "{negative:?}");
    assert_eq!(store.index_weights(&report.plan_key).await.expect("unchanged"), read);
    let actions: Vec<String> = store
        .audit_events("plan", &report.plan_key)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a == "set_weights")
        .collect();
    assert_eq!(actions, ["set_weights"]);
}
