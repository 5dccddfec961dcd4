//! The .xlsx export read back with calamine, cell by cell: the appendix sheet with its title
//! rows, two-row header and merged unit names, the long sheet and the reporting sheet.

use std::io::{Cursor, Read};

use crate::common::{GIA_VIEN, HOA_LU, ONLINE, PLAN, PLATFORM, RANKING, SO_KHCN, province_report, small_report};
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};

/// What a cell should hold.
#[derive(Debug, Clone, Copy)]
enum V {
    S(&'static str),
    N(f64),
    E,
}
use V::{E, N, S};

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("the export opens as an .xlsx workbook")
}

fn assert_cell(range: &Range<Data>, sheet: &str, (row, col): (u32, u32), expected: V) {
    let actual = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let ok = match (expected, &actual) {
        (S(s), Data::String(a)) => a == s,
        (N(n), Data::Float(a)) => (a - n).abs() < 1e-9,
        (N(n), Data::Int(a)) => (*a as f64 - n).abs() < 1e-9,
        (E, Data::Empty) => true,
        (E, Data::String(a)) => a.is_empty(),
        _ => false,
    };
    assert!(ok, "{sheet} row {} column {}: expected {expected:?}, found {actual:?}", row + 1, col + 1);
}

/// Every cell of the sheet equals `expected`, and nothing lies beyond it.
fn assert_sheet(range: &Range<Data>, sheet: &str, expected: &[Vec<V>]) {
    let width = expected.iter().map(Vec::len).max().unwrap_or(0);
    assert_eq!(range.end(), Some((expected.len() as u32 - 1, width as u32 - 1)), "{sheet}: used range");
    for (r, row) in expected.iter().enumerate() {
        for c in 0..width {
            assert_cell(range, sheet, (r as u32, c as u32), row.get(c).copied().unwrap_or(E));
        }
    }
}

#[test]
fn the_workbook_has_the_three_sheets_in_order() {
    let book = workbook(chitieu_export::xlsx(&small_report()).expect("export"));
    assert_eq!(book.sheet_names(), ["Tổng hợp", "Theo đơn vị", "Tình hình báo cáo"]);
}

#[test]
fn the_summary_sheet_holds_the_appendix_layout_cell_by_cell() {
    let mut book = workbook(chitieu_export::xlsx(&small_report()).expect("export"));
    let range = book.worksheet_range("Tổng hợp").expect("sheet Tổng hợp");
    let mut header = vec![
        S("STT"),
        S("Chỉ tiêu / nhiệm vụ"),
        S("Mục tiêu"),
        S("Đơn vị theo dõi"),
        S("Đơn vị chủ trì"),
        S("Đơn vị phối hợp"),
        S("Thời hạn"),
    ];
    for unit in [SO_KHCN, GIA_VIEN, HOA_LU] {
        header.extend([S(unit), E, E]);
    }
    header.extend([S("Tổng hợp"), E]);
    let mut sub_header = vec![E; 7];
    for _ in 0..3 {
        sub_header.extend([S("Kết quả"), S("Đánh giá"), S("Ghi chú")]);
    }
    sub_header.extend([S("Kết quả"), S("Đánh giá")]);
    let coordinate = "Các sở, ban, ngành; UBND các xã, phường";
    let expected = vec![
        vec![S(PLAN)],
        vec![S("Số 123/KH-UBND ngày 05/02/2026 của Ủy ban nhân dân tỉnh Ninh Bình")],
        vec![S("Kỳ báo cáo: Quý II/2026")],
        vec![S("Ngày lập: 23/11/2026")],
        vec![],
        header,
        sub_header,
        vec![S("I."), S("Phát triển chính quyền số")],
        vec![
            S("1.1."),
            S(ONLINE),
            S("≥ 90%"),
            S(SO_KHCN),
            S("Văn phòng UBND tỉnh"),
            S(coordinate),
            S("Tháng 12/2026"),
            E,
            E,
            E,
            N(91.2),
            S("Đạt"),
            S("Vượt chỉ tiêu"),
            N(85.0),
            S("Có nguy cơ không đạt"),
            S("Cần đẩy nhanh tiến độ"),
            N(88.1),
            S("Đúng tiến độ"),
        ],
        vec![
            S("1.2."),
            S(RANKING),
            S("Nhóm 10 đơn vị dẫn đầu"),
            S(SO_KHCN),
            S("UBND các xã, phường"),
            E,
            S("Năm 2026"),
            E,
            E,
            E,
            N(3.0),
            S("Đạt"),
            E,
            E,
            S("Chưa báo cáo"),
            E,
            E,
            S("Chưa đánh giá"),
        ],
        vec![
            S("2."),
            S(PLATFORM),
            S("Hoàn thành"),
            S(SO_KHCN),
            S(SO_KHCN),
            S("UBND các xã, phường"),
            S("Quý II/2026"),
            S("Hoàn thành"),
            S("Hoàn thành"),
            S("Quyết định số 45/QĐ-UBND"),
            S("Đang triển khai"),
            S("Chậm tiến độ"),
            S("Chậm so với kế hoạch"),
            E,
            E,
            E,
            S("1/2 đơn vị hoàn thành"),
            S("Chậm tiến độ"),
        ],
    ];
    assert_sheet(&range, "Tổng hợp", &expected);
}

#[test]
fn the_summary_sheet_merges_the_title_rows_the_fixed_headers_and_each_unit_name() {
    let mut book = workbook(chitieu_export::xlsx(&small_report()).expect("export"));
    let mut merged: Vec<((u32, u32), (u32, u32))> =
        book.merge_cells_by_sheet_name("Tổng hợp").expect("merged cells").iter().map(|d| (d.start, d.end)).collect();
    merged.sort_unstable();
    let mut expected: Vec<((u32, u32), (u32, u32))> = (0..4).map(|r| ((r, 0), (r, 6))).collect();
    expected.extend((0..7).map(|c| ((5, c), (6, c))));
    expected.extend([((5, 7), (5, 9)), ((5, 10), (5, 12)), ((5, 13), (5, 15)), ((5, 16), (5, 17))]);
    expected.sort_unstable();
    assert_eq!(merged, expected);
}

#[test]
fn the_long_sheet_has_one_row_per_item_and_unit_that_owes_it() {
    let mut book = workbook(chitieu_export::xlsx(&small_report()).expect("export"));
    let range = book.worksheet_range("Theo đơn vị").expect("sheet Theo đơn vị");
    let expected = vec![
        vec![S("STT"), S("Chỉ tiêu / nhiệm vụ"), S("Đơn vị"), S("Kết quả"), S("Đánh giá"), S("Ghi chú")],
        vec![S("1.1."), S(ONLINE), S(GIA_VIEN), N(91.2), S("Đạt"), S("Vượt chỉ tiêu")],
        vec![S("1.1."), S(ONLINE), S(HOA_LU), N(85.0), S("Có nguy cơ không đạt"), S("Cần đẩy nhanh tiến độ")],
        vec![S("1.2."), S(RANKING), S(GIA_VIEN), N(3.0), S("Đạt"), E],
        vec![S("1.2."), S(RANKING), S(HOA_LU), E, S("Chưa báo cáo"), E],
        vec![S("2."), S(PLATFORM), S(SO_KHCN), S("Hoàn thành"), S("Hoàn thành"), S("Quyết định số 45/QĐ-UBND")],
        vec![S("2."), S(PLATFORM), S(GIA_VIEN), S("Đang triển khai"), S("Chậm tiến độ"), S("Chậm so với kế hoạch")],
    ];
    assert_sheet(&range, "Theo đơn vị", &expected);
}

#[test]
fn the_reporting_sheet_gives_counts_rates_and_a_total() {
    let mut book = workbook(chitieu_export::xlsx(&small_report()).expect("export"));
    let range = book.worksheet_range("Tình hình báo cáo").expect("sheet Tình hình báo cáo");
    let expected = vec![
        vec![
            S("STT"),
            S("Đơn vị"),
            S("Số báo cáo phải nộp"),
            S("Đã nộp"),
            S("Nộp đúng hạn"),
            S("Tỷ lệ đã nộp"),
            S("Tỷ lệ đúng hạn"),
        ],
        vec![N(1.0), S(SO_KHCN), N(2.0), N(2.0), N(2.0), N(1.0), N(1.0)],
        vec![N(2.0), S(GIA_VIEN), N(3.0), N(3.0), N(2.0), N(1.0), N(2.0 / 3.0)],
        vec![N(3.0), S(HOA_LU), N(3.0), N(1.0), N(1.0), N(1.0 / 3.0), N(1.0 / 3.0)],
        vec![E, S("Tổng cộng"), N(8.0), N(6.0), N(5.0), N(0.75), N(0.625)],
    ];
    assert_sheet(&range, "Tình hình báo cáo", &expected);
}

/// The part of the .xlsx package at `name`, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an .xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).expect("UTF-8 XML");
    text
}

#[test]
fn the_summary_sheet_freezes_its_header_and_prints_on_a4_landscape_with_repeated_headers() {
    let bytes = chitieu_export::xlsx(&small_report()).expect("export");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pane xSplit="2" ySplit="7" topLeftCell="C8""#), "frozen panes: {sheet}");
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"));
    let book = part(&bytes, "xl/workbook.xml");
    assert!(book.contains("'Tổng hợp'!$A:$B,'Tổng hợp'!$6:$7"), "print titles: {book}");
    let styles = part(&bytes, "xl/styles.xml");
    for fill in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFE7E6E6"] {
        assert!(styles.contains(fill), "no tone fill {fill} in the styles");
    }
    assert!(styles.contains(r##"formatCode="#,##0.0&quot;%&quot;""##), "percent format: {styles}");
    assert!(styles.contains(r#"formatCode="&quot;Hạng &quot;#,##0""#), "rank format");
    let long = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(long.contains(r#"<autoFilter ref="A1:F7"/>"#), "autofilter: {long}");
}

#[test]
fn a_row_with_the_wrong_number_of_unit_cells_is_refused_naming_it() {
    let mut report = small_report();
    report.rows[2].cells.pop();
    let error = chitieu_export::xlsx(&report).expect_err("refused").to_string();
    assert!(error.contains("row 3") && error.contains("plan line 13") && error.contains(RANKING), "{error}");
    assert!(error.contains("2 unit cells for 3 unit columns"), "{error}");
    let pdf_error = chitieu_export::pdf(&report).expect_err("refused").to_string();
    assert_eq!(pdf_error, error);
}

#[test]
fn impossible_reporting_counts_are_refused_naming_the_unit() {
    let mut report = small_report();
    report.reporting[2].on_time = 2;
    let error = chitieu_export::xlsx(&report).expect_err("refused").to_string();
    assert!(error.contains(HOA_LU) && error.contains("1 received, 2 on time"), "{error}");
}

#[test]
fn a_whole_province_exports_with_every_row_and_unit() {
    let report = province_report(150, 120);
    let mut book = workbook(chitieu_export::xlsx(&report).expect("export"));
    let summary = book.worksheet_range("Tổng hợp").expect("summary");
    // Three title rows (no reference), a gap, two header rows, 150 items; 7 + 3 × 120 + 2 columns.
    assert_eq!(summary.end(), Some((3 + 1 + 2 + 150 - 1, 7 + 3 * 120 + 2 - 1)));
    let long = book.worksheet_range("Theo đơn vị").expect("long");
    assert_eq!(long.height(), 1 + 135 * 120);
    let reporting = book.worksheet_range("Tình hình báo cáo").expect("reporting");
    assert_eq!(reporting.height(), 1 + 120 + 1);
}

#[test]
fn the_same_report_gives_the_same_bytes_dated_by_its_day_of_judgement() {
    let report = small_report();
    let bytes = chitieu_export::xlsx(&report).expect("export");
    assert_eq!(bytes, chitieu_export::xlsx(&report).expect("export again"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2026-11-23T00:00:00Z"), "creation date: {core}");
    assert!(core.contains(&format!("<dc:title>{PLAN}</dc:title>")), "title: {core}");
}
