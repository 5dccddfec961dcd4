//! The cascade in the store, on both backends: link decisions (confirm, reject, take back) kept
//! per pair by plan and item keys across a new version of the parent, audited, with bad input
//! refused; and the consistency checks on the real seed plans — the commune's programme (004)
//! under the province's appendix (000) and long-term targets (003), the province's narrative
//! (002) against its own appendix (000) — along links a person would confirm.

use crate::fixtures::{load_registry, seed, unit};
use chitieu_core::Deadline;
use chitieu_core::cascade::Finding;
use chitieu_core::registry::Registry;
use chitieu_core::target::{Comparator, Target};
use chitieu_store::{
    Level, LinkChoice, LinkDecision, LinkStatus, PlanImport, SqlStore, StoreError, StoredPlan, cascade_findings,
    connect,
};

const AT: &str = "2026-04-20T09:00:00Z";

/// The four seed plans of the cascade: 000, 002 and 003 issued by the province, 004 by the
/// commune as its plan under 002.
struct Seeds {
    store: SqlStore,
    registry: Registry,
    p000: StoredPlan,
    p002: StoredPlan,
    p003: StoredPlan,
    p004: StoredPlan,
}

async fn seeds(url: &str) -> Seeds {
    let store = connect(url).await.expect("store");
    load_registry(&store, AT).await;
    let registry = store.registry().await.expect("registry");
    let mut stored = Vec::new();
    for (prefix, issuer, level) in [
        ("000", "UBND tỉnh Ninh Bình", Level::Province),
        ("002", "UBND tỉnh Ninh Bình", Level::Province),
        ("003", "UBND tỉnh Ninh Bình", Level::Province),
        ("004", "Xã Gia Viễn (mẫu)", Level::Commune),
    ] {
        let (name, bytes) = seed(prefix);
        let plan = chitieu_import::read_plan(&name, &bytes).expect("seed parses");
        let parent: Option<&StoredPlan> = stored.get(1).filter(|_| prefix == "004");
        let import = PlanImport {
            plan: &plan,
            source_bytes: &bytes,
            source_text: None,
            issuer: Some(unit(&registry, issuer)),
            level: Some(level),
            parent_key: parent.map(|p| p.key.as_str()),
            key: Some(prefix),
            actor: "test",
            at: AT,
        };
        let outcome = store.import_plan(import).await.expect("seed imports");
        stored.push(store.plan(outcome.plan_id).await.expect("stored"));
    }
    let [p000, p002, p003, p004] = <[StoredPlan; 4]>::try_from(stored).expect("four plans");
    Seeds { store, registry, p000, p002, p003, p004 }
}

/// The key of the item of `plan` with this section and code.
fn key<'a>(plan: &'a StoredPlan, section: &str, code: &str) -> &'a str {
    let index = plan
        .plan
        .items
        .iter()
        .position(|i| i.section.as_deref() == Some(section) && i.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{}: {section} {code}", plan.key));
    &plan.items[index].key
}

fn index(plan: &StoredPlan, item_key: &str) -> usize {
    plan.items.iter().position(|i| i.key == item_key).expect("item")
}

/// Confirms each (child section, code) → (parent section, code) pair.
async fn confirm(seeds: &Seeds, child: &StoredPlan, parent: &StoredPlan, pairs: &[(&str, &str, &str, &str)]) {
    for (cs, cc, ps, pc) in pairs {
        let choice = LinkChoice {
            child_plan: &child.key,
            child_item: key(child, cs, cc),
            parent_plan: &parent.key,
            parent_item: key(parent, ps, pc),
            score: 0.9,
            status: LinkStatus::Confirmed,
        };
        seeds.store.decide_link(&choice, "giamsat", AT).await.expect("confirm");
    }
}

fn kinds(findings: &[Finding]) -> Vec<&'static str> {
    let mut kinds: Vec<&str> = findings.iter().map(Finding::kind).collect();
    kinds.dedup();
    kinds
}

fn missing(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| match f {
            Finding::MissingChild { parent } => parent.code.clone(),
            _ => None,
        })
        .collect()
}

/// Decisions, on either backend: one row per pair, decided again in place, audited, kept by
/// key when the parent plan gets a new version.
async fn decisions(seeds: &Seeds) {
    let store = &seeds.store;
    let (child, parent) = (key(&seeds.p004, "V", "6"), key(&seeds.p000, "I", "5.6"));
    let mut choice = LinkChoice {
        child_plan: &seeds.p004.key,
        child_item: child,
        parent_plan: &seeds.p000.key,
        parent_item: parent,
        score: 0.93,
        status: LinkStatus::Confirmed,
    };
    let confirmed = store.decide_link(&choice, "giamsat", AT).await.expect("confirm");
    assert_eq!((confirmed.status, confirmed.decided_by.as_deref()), (LinkStatus::Confirmed, Some("giamsat")));
    choice.status = LinkStatus::Rejected;
    let rejected = store.decide_link(&choice, "lanhdao", AT).await.expect("reject");
    assert_eq!((rejected.id, rejected.status), (confirmed.id, LinkStatus::Rejected), "one row per pair");
    choice.status = LinkStatus::Proposed;
    store.decide_link(&choice, "lanhdao", AT).await.expect("take back");
    choice.status = LinkStatus::Confirmed;
    store.decide_link(&choice, "giamsat", AT).await.expect("confirm again");
    let listed: Vec<LinkDecision> = store.link_decisions(&seeds.p004.key).await.expect("decisions");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].child_item.as_str(), listed[0].parent_item.as_str()), (child, parent));
    assert!((listed[0].score - 0.93).abs() < 1e-12, "the score as decided");
    let actions: Vec<String> = store
        .audit_events("link", &confirmed.id.to_string())
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["confirm", "reject", "reopen", "confirm"]);
    assert_eq!(store.confirmed_links(&seeds.p000.key).await.expect("links").len(), 1, "seen from the parent");
    assert!(store.confirmed_links(&seeds.p003.key).await.expect("links").is_empty());

    let refused = [
        (LinkChoice { score: 1.5, ..choice }, "score"),
        (LinkChoice { parent_plan: &seeds.p004.key, parent_item: child, ..choice }, "itself"),
        (LinkChoice { parent_item: "000#1.9999", ..choice }, "no such item"),
        (LinkChoice { child_plan: "khong-co", ..choice }, "no such plan"),
    ];
    for (bad, why) in refused {
        let result = store.decide_link(&bad, "giamsat", AT).await;
        assert!(matches!(result, Err(StoreError::Invalid(_) | StoreError::NotFound { .. })), "{why}: {result:?}");
    }
    assert_eq!(store.link_decisions(&seeds.p004.key).await.expect("decisions").len(), 1, "refusals wrote nothing");

    // A new version of 000 (5.6's target raised): the link still names its item.
    let (name, bytes) = seed("000");
    let text = String::from_utf8(bytes).expect("utf-8");
    let amended = text.replace("xử lý trực tuyến: Đạt tối thiểu 90%", "xử lý trực tuyến: Đạt tối thiểu 92%");
    assert_ne!(amended, text);
    let plan = chitieu_import::read_plan(&name, amended.as_bytes()).expect("amended parses");
    let import = PlanImport {
        plan: &plan,
        source_bytes: amended.as_bytes(),
        source_text: None,
        issuer: seeds.p000.issuer_id,
        level: Some(Level::Province),
        parent_key: None,
        key: Some(&seeds.p000.key),
        actor: "test",
        at: AT,
    };
    store.import_plan(import).await.expect("amendment");
    let latest = store.latest_plan(&seeds.p000.key).await.expect("latest");
    assert_eq!(latest.version, 2);
    let kept = &latest.plan.items[index(&latest, parent)];
    assert_eq!((kept.code.as_deref(), kept.targets[0].value), (Some("5.6"), Some(92.0)), "the same item, amended");
}

async fn story(url: &str) {
    let seeds = seeds(url).await;
    decisions(&seeds).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_decisions_hold_on_sqlite() {
    story(&crate::support::sqlite().await.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_decisions_hold_on_postgres() {
    story(&crate::support::postgres().await.url).await;
}

/// A commune item the test amends: the seed's item with another target, unit or deadline.
fn amended(plan: &StoredPlan, item_key: &str, change: impl FnOnce(&mut chitieu_core::Item)) -> StoredPlan {
    let mut copy = plan.clone();
    let at = index(&copy, item_key);
    change(&mut copy.plan.items[at]);
    copy
}

#[tokio::test]
async fn the_communes_programme_is_checked_against_the_provinces_appendix() {
    let db = crate::support::sqlite().await;
    let seeds = seeds(&db.url).await;
    let (child, parent) = (&seeds.p004, &seeds.p000);
    // Links a monitor confirms: the same measured quantity at both levels.
    let pairs = [
        ("I", "1", "I", "2.1"),
        ("II", "3", "I", "3.2"),
        ("II", "6", "I", "3.7"),
        ("V", "6", "I", "5.6"),
        ("V", "10", "I", "5.12"),
        ("V", "12", "I", "4.3"),
        ("V", "13", "I", "4.4"),
        ("V", "14", "I", "6.1"),
    ];
    confirm(&seeds, child, parent, &pairs).await;
    let decisions = seeds.store.link_decisions(&child.key).await.expect("decisions");
    let found = cascade_findings(child, std::slice::from_ref(parent), &decisions, &seeds.registry);
    // As written, the commune asks at least as much as the province everywhere it links ("Có 95%"
    // against "≥ 95%" in V.10, teachers and pupils apart in II.6), counts in the same units and
    // gives no deadlines: what remains are the province's items assigned to "UBND các xã,
    // phường" that the commune's programme does not carry out.
    assert_eq!(kinds(&found), ["missing_child"], "{found:#?}");
    let missing = missing(&found);
    for code in ["1.1", "1.2", "3.3", "5.9", "5.10"] {
        assert!(missing.iter().any(|m| m == code), "000 {code} is assigned to the communes: {missing:?}");
    }
    for code in ["3.2", "5.6", "3.4", "7.3"] {
        assert!(!missing.iter().any(|m| m == code), "000 {code} is linked or not the communes' ({missing:?})");
    }

    // The seeds have no weaker target, unit mismatch or later deadline on these links; the
    // copies below amend one commune item each, as the example does.
    let v13 = key(child, "V", "13");
    let weaker = amended(child, v13, |item| {
        item.targets[0].value = Some(60.0);
        "≥ 60%".clone_into(&mut item.targets[0].raw);
    });
    let found = cascade_findings(&weaker, std::slice::from_ref(parent), &decisions, &seeds.registry);
    let Some(Finding::WeakerTarget { year, child_target, parent_target, parent, .. }) =
        found.iter().find(|f| f.kind() == "weaker_target")
    else {
        panic!("V.13 at ≥ 60% is weaker than 4.4's ≥ 75%: {found:#?}");
    };
    assert_eq!((*year, child_target.value, parent_target.value), (Some(2026), Some(60.0), Some(75.0)));
    assert_eq!(parent.code.as_deref(), Some("4.4"));

    let ii3 = key(child, "II", "3");
    let later = amended(child, ii3, |item| item.deadline = Some(Deadline::Month { year: 2026, month: 12 }));
    let found = cascade_findings(&later, std::slice::from_ref(&seeds.p000), &decisions, &seeds.registry);
    let described: Vec<String> =
        found.iter().filter(|f| f.kind() == "later_deadline").map(Finding::describe_vi).collect();
    assert_eq!(described.len(), 1, "{found:#?}");
    assert!(described[0].contains("Tháng 12/2026") && described[0].contains("Tháng 11/2026"), "{}", described[0]);

    let v14 = key(child, "V", "14");
    let counted = amended(child, v14, |item| {
        item.unit = Some("doanh nghiệp".into());
        item.targets = vec![Target {
            year: None,
            op: Comparator::Ge,
            value: Some(40.0),
            value_max: None,
            unit: Some("doanh nghiệp".into()),
            subject: None,
            raw: "≥ 40 doanh nghiệp".into(),
        }];
    });
    let found = cascade_findings(&counted, std::slice::from_ref(&seeds.p000), &decisions, &seeds.registry);
    let mismatch = found.iter().find(|f| f.kind() == "unit_mismatch").expect("40 enterprises against 40%");
    assert!(mismatch.describe_vi().contains("«doanh nghiệp»") && mismatch.describe_vi().contains("«%»"));
    assert!(!found.iter().any(|f| f.kind() == "weaker_target"), "no levels compared across units");
}

#[tokio::test]
async fn the_communes_programme_is_checked_against_the_long_term_targets() {
    let db = crate::support::sqlite().await;
    let seeds = seeds(&db.url).await;
    let (child, parent) = (&seeds.p004, &seeds.p003);
    let pairs = [
        ("II", "5", "II", "9"),
        ("III", "2", "III", "3"),
        ("IV", "4", "IV", "7"),
        ("V", "12", "V", "18"),
        ("V", "6", "V", "7"),
    ];
    confirm(&seeds, child, parent, &pairs).await;
    let decisions = seeds.store.link_decisions(&child.key).await.expect("decisions");
    let found = cascade_findings(child, std::slice::from_ref(parent), &decisions, &seeds.registry);
    // "người/vạn dân" is "Người/ vạn dân"; "đề tài" is one of "Đề tài, dự án"; the 2026
    // programme faces no 2026 target of 003 (2025, 2030 …), so no level compares.
    assert_eq!(kinds(&found), ["missing_child"], "{found:#?}");
    let missing = missing(&found);
    assert!(missing.iter().any(|m| m == "III.4"), "III.4 researchers, led by the sở, ngành, địa phương: {missing:?}");
    let first_item = &parent.plan.items[index(parent, key(parent, "I", "1"))];
    assert_eq!(first_item.roles.lead, ["Các doanh nghiệp viễn thông"], "I.1 is the operators'");
    assert!(
        !found
            .iter()
            .any(|f| matches!(f, Finding::MissingChild { parent } if parent.key == key(&seeds.p003, "I", "1")))
    );

    // A 2030 target in a copy of II.5 faces 003's 2030 level (12 per 10,000): rates per head
    // compare across levels.
    let ii5 = key(child, "II", "5");
    let dated = amended(child, ii5, |item| item.targets[0].year = Some(2030));
    let found = cascade_findings(&dated, std::slice::from_ref(parent), &decisions, &seeds.registry);
    let weaker: Vec<&Finding> = found.iter().filter(|f| f.kind() == "weaker_target").collect();
    assert_eq!(weaker.len(), 1, "{found:#?}");
    assert!(weaker[0].describe_vi().starts_with("Chỉ tiêu năm 2030 của mục II.5"), "{}", weaker[0].describe_vi());
}

#[tokio::test]
async fn the_provinces_narrative_and_its_appendix_set_the_same_targets() {
    let db = crate::support::sqlite().await;
    let seeds = seeds(&db.url).await;
    let (narrative, appendix) = (&seeds.p002, &seeds.p000);
    // Narrative section 2.K, item M is appendix item K.M: 49 indicators.
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for item in narrative.plan.items.iter().filter(|i| i.kind == chitieu_core::ItemKind::Indicator) {
        let (Some(section), Some(code)) = (&item.section, &item.code) else { continue };
        let group: u32 = section.strip_prefix("2.").and_then(|k| k.parse().ok()).expect("section 2.K");
        pairs.push((section.clone(), code.clone(), format!("{group}.{code}")));
    }
    assert_eq!(pairs.len(), 49);
    let pairs: Vec<(&str, &str, &str, &str)> =
        pairs.iter().map(|(s, c, p)| (s.as_str(), c.as_str(), "I", p.as_str())).collect();
    confirm(&seeds, narrative, appendix, &pairs).await;
    let decisions = seeds.store.link_decisions(&narrative.key).await.expect("decisions");
    let found = cascade_findings(narrative, std::slice::from_ref(appendix), &decisions, &seeds.registry);
    assert!(found.is_empty(), "the same targets, units and no item assigned to the province itself: {found:#?}");

    // One issuer: counts compare too, so a copy of 2.6.3 at "≥ 8 lần" is weaker than 6.3's 10.
    let cash = key(narrative, "2.6", "3");
    let lowered = amended(narrative, cash, |item| item.targets[0].value = Some(8.0));
    let found = cascade_findings(&lowered, std::slice::from_ref(appendix), &decisions, &seeds.registry);
    assert_eq!(kinds(&found), ["weaker_target"], "{found:#?}");
}
