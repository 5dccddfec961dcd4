//! Every seed plan reads completely: the counts the plans really hold, and the whole JSON
//! pinned by a snapshot (review changes to them like code).

use chitieu_core::{Comparator, ItemKind, Plan};

fn seed(prefix: &str) -> Plan {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} missing"));
    let bytes = std::fs::read(&path).unwrap();
    chitieu_import::read_plan(path.file_name().unwrap().to_str().unwrap(), &bytes).unwrap()
}

fn count(plan: &Plan, kind: ItemKind) -> usize {
    plan.items.iter().filter(|i| i.kind == kind).count()
}

#[test]
fn seed_000_has_49_indicators_and_12_tasks() {
    let plan = seed("000");
    assert_eq!(count(&plan, ItemKind::Indicator), 49);
    assert_eq!(count(&plan, ItemKind::Task), 12);
    assert_eq!(plan.years, [2026]);
    assert!(
        plan.items
            .iter()
            .filter(|i| i.kind == ItemKind::Indicator)
            .all(|i| i.targets.len() == 1 || i.code.as_deref() == Some("3.7"))
    );
    insta::assert_json_snapshot!("seed_000", plan);
}

#[test]
fn seed_001_reads_its_two_line_header_and_markup() {
    let plan = seed("001");
    assert!(plan.items.iter().all(|i| !i.text.contains("<b>")));
    let direct: usize = plan.items.iter().map(|i| i.roles.direct.len()).sum();
    assert!(direct > 0, "the 'Trực tiếp Chỉ đạo' column is read as direct");
    assert_eq!(plan.years, [2023]);
    insta::assert_json_snapshot!("seed_001", plan);
}

#[test]
fn seed_002_has_49_targets_in_mục_tiêu_cụ_thể_and_its_reporting_regime() {
    let plan = seed("002");
    let targets: Vec<_> = plan.items.iter().filter(|i| i.kind == ItemKind::Indicator).collect();
    assert_eq!(targets.len(), 49);
    assert!(targets.iter().all(|i| i.section.as_deref().is_some_and(|s| s.starts_with("2."))));
    let regime = plan.regime.as_ref().expect("part VI states the reporting regime");
    assert_eq!(regime.quarter_day, Some(25));
    assert_eq!(regime.year_due.map(|d| (d.day, d.month)), Some((15, 12)));
    insta::assert_json_snapshot!("seed_002", plan);
}

#[test]
fn seed_003_has_98_indicators_with_a_target_per_year() {
    let plan = seed("003");
    assert_eq!(plan.years, [2025, 2030, 2035, 2040, 2045]);
    let indicators: Vec<_> = plan.items.iter().filter(|i| i.kind == ItemKind::Indicator).collect();
    assert_eq!(indicators.len(), 98);
    assert!(indicators.iter().all(|i| i.targets.iter().all(|t| t.year.is_some())));
    assert!(plan.warnings.iter().any(|w| w.message.contains("number 37 in section V")));
    let ranks = indicators.iter().find(|i| i.text.starts_with("Chỉ số đổi mới sáng tạo cấp địa phương")).unwrap();
    assert_eq!(ranks.targets.iter().map(|t| t.op).collect::<Vec<_>>(), [Comparator::Le, Comparator::Le]);
    insta::assert_json_snapshot!("seed_003", plan);
}

#[test]
fn seed_004_has_38_indicators() {
    let plan = seed("004");
    assert_eq!(count(&plan, ItemKind::Indicator), 38);
    assert!(plan.items.iter().all(|i| !i.text.contains('$')));
    insta::assert_json_snapshot!("seed_004", plan);
}
