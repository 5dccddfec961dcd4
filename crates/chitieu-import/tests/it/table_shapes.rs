//! Table shapes other provinces use, in text form: a row numbering the columns under the
//! header, and a second table (a budget) after an appendix heading.

use chitieu_import::read_plan;

const HEADER: &str = "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành";

#[test]
fn a_row_numbering_the_columns_is_no_item() {
    for numbering in ["(1)\t(2)\t(3)\t(4)\t(5)", "1\t2\t3\t4\t5", "A\tB\t1\t2\t3"] {
        let text = format!(
            "KẾ HOẠCH Chuyển đổi số năm 2026\n{HEADER}\n{numbering}\n1\tSố hóa hồ sơ\tSở Nội vụ\tSở Tư pháp\tQuý II/2026\n\
             2\tĐào tạo kỹ năng số\tSở Giáo dục và Đào tạo\tTỉnh Đoàn\tNăm 2026\n"
        );
        let plan = read_plan("plan.txt", text.as_bytes()).unwrap();
        let codes: Vec<_> = plan.items.iter().map(|i| i.code.as_deref()).collect();
        assert_eq!(codes, [Some("1"), Some("2")], "{numbering}");
        assert!(plan.warnings.is_empty(), "{numbering}: {:?}", plan.warnings);
    }
}

#[test]
fn a_budget_table_after_an_appendix_heading_gives_a_warning_and_no_items() {
    let text = format!(
        "KẾ HOẠCH Chuyển đổi số năm 2026\nPhụ lục I\n{HEADER}\n1\tSố hóa hồ sơ\tSở Nội vụ\tSở Tư pháp\tQuý II/2026\n\
         Phụ lục II: Dự toán kinh phí\nSTT\tNội dung chi\tKinh phí (triệu đồng)\tNguồn vốn\n1\tThuê hạ tầng\t1.200\tNgân sách tỉnh\n\
         2\tTập huấn\t350\tNgân sách tỉnh\n"
    );
    let plan = read_plan("plan.txt", text.as_bytes()).unwrap();
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].roles.lead, ["Sở Nội vụ"]);
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert!(plan.warnings[0].message.contains("Kinh phí (triệu đồng)"), "{:?}", plan.warnings);
    assert_eq!(plan.warnings[0].line, Some(6));
}
