//! Year-column cells of the seeds and the unit a cell takes.

use crate::target::Comparator::{Bool, Eq, Ge, Gt, Le, Lt, Qualitative};
use crate::target::tests::{range, t, words};
use crate::target::{Target, read_cell};

/// The cell read for 2030 in a row whose unit column is "%".
fn cell(text: &str) -> Vec<Target> {
    read_cell(text, Some(2030), Some("%"))
}

fn in_2030(target: Target) -> Target {
    Target { year: Some(2030), ..target }
}

#[test]
fn seed_year_cells_read_to_one_target() {
    let pct = Some("%");
    let cases = vec![
        ("≥ 60", t(Ge, 60.0, pct, "≥ 60")),
        ("100", t(Eq, 100.0, pct, "100")),
        ("> 3", t(Gt, 3.0, pct, "> 3")),
        ("≤ 15", t(Le, 15.0, pct, "≤ 15")),
        ("< 10", t(Lt, 10.0, pct, "< 10")),
        ("≥ 60%", t(Ge, 60.0, pct, "≥ 60%")),
        ("≥10", t(Ge, 10.0, pct, "≥10")),
        ("07", t(Eq, 7.0, pct, "07")),
        ("≥ 02", t(Ge, 2.0, pct, "≥ 02")),
        ("≥ 1200", t(Ge, 1200.0, pct, "≥ 1200")),
        ("15-20", range(15.0, 20.0, pct, "15-20")),
        ("07-10", range(7.0, 10.0, pct, "07-10")),
        ("80-90", range(80.0, 90.0, pct, "80-90")),
        ("0,7", t(Eq, 0.7, pct, "0,7")),
        ("> 0,7", t(Gt, 0.7, pct, "> 0,7")),
        ("≥ 0.65", t(Ge, 0.65, pct, "≥ 0.65")),
        ("1.0", t(Eq, 1.0, pct, "1.0")),
        ("Có", words(Bool, "Có")),
        ("Đạt", words(Bool, "Đạt")),
        ("Hoàn thành", words(Bool, "Hoàn thành")),
        ("Duy trì, phát triển", words(Qualitative, "Duy trì, phát triển")),
        ("Đạt mức khá", words(Qualitative, "Đạt mức khá")),
        ("Duy trì mức khá trở lên", words(Qualitative, "Duy trì mức khá trở lên")),
        ("Làm chủ", words(Qualitative, "Làm chủ")),
        ("Ứng dụng mạnh mẽ", words(Qualitative, "Ứng dụng mạnh mẽ")),
        ("Đẩy mạnh", words(Qualitative, "Đẩy mạnh")),
        ("Đạt chuẩn tiên tiến", words(Qualitative, "Đạt chuẩn tiên tiến")),
        (
            "Thực sự đóng vai trò \"bộ não số\" của tỉnh",
            words(Qualitative, "Thực sự đóng vai trò \"bộ não số\" của tỉnh"),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(cell(text), [in_2030(expected)], "{text:?}");
    }
}

#[test]
fn empty_cells_set_no_target() {
    for text in ["", " ", "-", "–", "—", "…"] {
        assert_eq!(cell(text), [], "{text:?}");
    }
}

#[test]
fn the_cell_unit_wins_over_the_column_unit() {
    let cases = vec![
        (("≥ 60%", Some("Người/ vạn dân")), t(Ge, 60.0, Some("%"), "≥ 60%")),
        (("12", Some("Người/ vạn dân")), t(Eq, 12.0, Some("Người/ vạn dân"), "12")),
        (("3", Some("%GRDP")), t(Eq, 3.0, Some("%GRDP"), "3")),
        (("≥ 30 doanh nghiệp", None), t(Ge, 30.0, Some("doanh nghiệp"), "≥ 30 doanh nghiệp")),
        (("Đạt tối thiểu 70%.", None), t(Ge, 70.0, Some("%"), "Đạt tối thiểu 70%.")),
        (("50", None), t(Eq, 50.0, None, "50")),
        (("Có", Some("Trung tâm/hệ thống")), words(Bool, "Có")),
        (("Đạt mức khá", Some("Thứ bậc")), words(Qualitative, "Đạt mức khá")),
    ];
    for ((text, unit), expected) in cases {
        assert_eq!(read_cell(text, None, unit), [expected], "{text:?} in {unit:?}");
    }
}

#[test]
fn a_cell_with_several_targets_reads_as_a_sentence() {
    let mut teachers = t(Ge, 100.0, Some("%"), "Đạt 100%");
    teachers.subject = Some("giáo viên".into());
    let mut pupils = t(Ge, 65.0, Some("%"), "tối thiểu 65%");
    pupils.subject = Some("học sinh".into());
    assert_eq!(
        cell("Đạt 100% đối với giáo viên; tối thiểu 65% đối với học sinh"),
        [in_2030(teachers), in_2030(pupils)]
    );
    assert_eq!(cell("≥ 60 (năm 2025)"), [in_2030(t(Ge, 60.0, Some("%"), "≥ 60"))]);
}
