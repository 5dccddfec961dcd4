//! A real plan from outside Ninh Bình, read completely: Hà Nội's KH 277/KH-UBND (fixtures/samples,
//! text made from the PDF by scripts/pdf-to-tsv.py). Its appendix has a two-line header ("Stt" over
//! "TT | Chi tiết"), numbered groups with lettered tasks, and targets inside "Sản phẩm" cells.
//! The items asserted here were checked against the PDF.

use chitieu_core::deadline::TimeUnit;
use chitieu_core::{Comparator, Deadline, Item, ItemKind, Plan};

fn sample_hn() -> Plan {
    let file = "kh-cao-diem-100-ngay-c-s-tp-hn.txt";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.txt");
    chitieu_import::read_plan(file, &std::fs::read(path).unwrap()).unwrap()
}

fn at_line(plan: &Plan, line: usize) -> &Item {
    plan.items.iter().find(|i| i.line == line).unwrap_or_else(|| panic!("no item on line {line}"))
}

fn relative_100_days(after: &str) -> Deadline {
    Deadline::Relative { count: 100, unit: TimeUnit::Day, after: after.to_owned() }
}

#[test]
fn the_hà_nội_plan_has_8_groups_over_33_numbered_tasks() {
    let plan = sample_hn();
    assert_eq!(
        plan.title,
        "KẾ HOẠCH Triển khai đợt cao điểm 100 ngày thực hiện các nhiệm vụ trọng tâm về chuyển đổi số thành phố Hà Nội"
    );
    assert_eq!(plan.years, [2026]);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    assert_eq!(plan.items.len(), 41);
    // Groups 1–7 and 12 have lettered tasks; 8–11 are tasks themselves ("28 | 8").
    let groups: Vec<_> =
        plan.items.iter().filter(|i| i.kind == ItemKind::Group).map(|i| i.code.as_deref().unwrap()).collect();
    assert_eq!(groups, ["1", "2", "3", "4", "5", "6", "7", "12"]);
    // Every task keeps its running number ("TT") in the note.
    let serials = plan.items.iter().filter(|i| i.note.as_deref().is_some_and(|n| n.starts_with("Stt / TT: ")));
    assert_eq!(serials.count(), 33);
}

#[test]
fn lettered_tasks_read_their_roles_product_and_deadline() {
    let plan = sample_hn();
    // TT 1, "a)": the coordinate, product and deadline cells are merged down rows a)–h).
    let a = at_line(&plan, 177);
    assert_eq!((a.code.as_deref(), a.kind), (Some("a"), ItemKind::Task));
    assert!(a.text.starts_with("Dữ liệu đầu tư công, thu ngân sách"));
    assert_eq!(a.roles.lead, ["Sở Tài chính"]);
    assert_eq!(a.roles.coordinate, ["Sở Khoa học và Công nghệ"]);
    assert_eq!(a.deadline, Some(Deadline::Date { year: 2026, month: 8, day: 30 }));
    assert!(a.targets.is_empty(), "a deliverable without a number is no target");
    assert!(a.note.as_deref().unwrap().contains("Sản phẩm: Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu"));

    // TT 14, "a)": several targets in one product cell, cut by a page break.
    let dvc = at_line(&plan, 199);
    assert_eq!((dvc.code.as_deref(), dvc.kind), (Some("a"), ItemKind::Indicator));
    assert_eq!(dvc.roles.lead, ["Trung tâm Phục vụ hành chính công", "các Sở, ban, ngành", "UBND các xã, phường"]);
    assert_eq!(dvc.deadline, Some(relative_100_days("ngày ban hành Kế hoạch")));
    let values: Vec<_> = dvc.targets.iter().map(|t| t.value.unwrap()).collect();
    assert_eq!(values, [100.0, 80.0, 100.0, 50.0, 50.0]);
    assert_eq!(dvc.targets[2].subject.as_deref(), Some("hồ sơ TTHC của doanh nghiệp"));
    assert!(dvc.note.as_deref().unwrap().ends_with("50% thành phần hồ sơ."), "the page break is repaired");

    // TT 17, "d)": "Từ ngày ban hành Kế hoạch trở đi".
    let d = at_line(&plan, 206);
    assert_eq!(d.roles.lead, ["Các cơ quan, đơn vị giải quyết TTHC"]);
    assert_eq!(d.deadline, Some(Deadline::Ongoing { every: None }));

    // TT 33, "b)": "Tỷ lệ giải ngân/phân bổ đạt tối thiểu 40%" by "100 ngày".
    let b = at_line(&plan, 238);
    assert_eq!((b.code.as_deref(), b.kind), (Some("b"), ItemKind::Indicator));
    assert_eq!(b.targets.len(), 1);
    assert_eq!(
        (b.targets[0].op, b.targets[0].value, b.targets[0].unit.as_deref()),
        (Comparator::Ge, Some(40.0), Some("%"))
    );
    assert_eq!(b.deadline, Some(relative_100_days("")));
}

#[test]
fn groups_defer_their_deadline_to_their_tasks() {
    let plan = sample_hn();
    let group = at_line(&plan, 191);
    assert_eq!((group.code.as_deref(), group.kind), (Some("3"), ItemKind::Group));
    assert!(group.text.starts_with("Chuẩn hóa, tích hợp và liên thông hệ thống thông tin"));
    assert_eq!(group.deadline, None, "\"Theo thời hạn cụ thể sau đây\" points at the rows below");
    // Group 2 has its own roles and product, and still heads tasks a) and b).
    let two = at_line(&plan, 188);
    assert_eq!((two.code.as_deref(), two.kind), (Some("2"), ItemKind::Group));
    assert_eq!(two.roles.lead, ["Sở Nông nghiệp và Môi trường"]);
}

#[test]
fn numbered_tasks_without_letters_are_tasks_or_indicators() {
    let plan = sample_hn();
    let eight = at_line(&plan, 229);
    // Its product "02 mô hình kinh tế đêm sáng tạo được triển khai thí điểm" is a count to report.
    assert_eq!((eight.code.as_deref(), eight.kind), (Some("8"), ItemKind::Indicator));
    assert_eq!(eight.roles.lead, ["Sở Văn hóa và Thể thao"]);
    assert_eq!(eight.roles.coordinate, ["Sở Du lịch", "Sở Khoa học và Công nghệ", "các đơn vị quản lý địa điểm"]);
    let school = at_line(&plan, 235);
    assert_eq!((school.code.as_deref(), school.kind), (Some("11"), ItemKind::Indicator));
    assert_eq!(school.targets[0].raw, "100%");
}

#[test]
fn sample_hn_snapshot() {
    insta::assert_json_snapshot!("sample_hn", sample_hn());
}
