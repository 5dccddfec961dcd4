//! A Sở's official letter whose appendix holds three tables, printed to PDF by LibreOffice
//! (fixtures/pdf/other/cong-van-so-ke.html): technical requirements, a budget, and the
//! assignment of twelve tasks with a "phối hợp" cell shared by four rows and a row cut by the
//! page break. Only the assignment table gives items; the others give one warning each.

use chitieu_core::{Deadline, ItemKind, Plan};

fn letter() -> Plan {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/other/cong-van-so-ke.pdf");
    chitieu_import::read_plan("cong-van-so-ke.pdf", &std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn only_the_assignment_table_gives_items_and_each_has_its_lead_coordinate_and_deadline() {
    let plan = letter();
    let numbers: Vec<&str> = plan.items.iter().filter_map(|i| i.code.as_deref()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    for item in &plan.items {
        assert!(matches!(item.kind, ItemKind::Task | ItemKind::Indicator), "{item:?}");
        assert!(!item.roles.lead.is_empty(), "no lead: {item:?}");
        assert!(!item.roles.coordinate.is_empty(), "no coordinating unit: {item:?}");
        assert!(item.deadline.as_ref().is_some_and(|d| !matches!(d, Deadline::Unknown { .. })), "{item:?}");
    }
    // The "phối hợp" cell merged down rows 1–4 applies to each, row 4 across the page break too.
    for item in &plan.items[..4] {
        assert_eq!(item.roles.coordinate, ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"], "{}", item.text);
    }
    assert_eq!(plan.items[3].text, "Xây dựng kho dữ liệu ngành tài chính");
    assert_eq!(plan.items[3].deadline, Some(Deadline::Quarter { year: 2026, quarter: 3 }));
    assert_eq!(plan.items[2].deadline, Some(Deadline::Date { year: 2026, month: 9, day: 30 }));
}

#[test]
fn the_requirements_and_the_budget_tables_are_named_in_warnings_with_their_page() {
    let plan = letter();
    let messages: Vec<&str> = plan.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with("page 1: "), "{messages:#?}");
    assert!(messages[1].starts_with("page 2: ") && messages[1].contains("Kinh phí"), "{messages:#?}");
}
