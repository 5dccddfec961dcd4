//! Reports the tests and the benchmark export: a small one written by hand with Vietnamese text,
//! and a generated one the size of a whole province.

#![allow(dead_code)]

use chitieu_core::evaluate::Status;
use chitieu_export::{ConsolidatedReport, ReportRow, RowKind, UnitCell, UnitReporting};

pub const PLAN: &str = "Kế hoạch chuyển đổi số tỉnh Ninh Bình năm 2026";
pub const ONLINE: &str = "Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình";
pub const RANKING: &str = "Xếp hạng chỉ số chuyển đổi số cấp xã";
pub const PLATFORM: &str = "Triển khai nền tảng số dùng chung cấp xã";
pub const SO_KHCN: &str = "Sở Khoa học và Công nghệ";
pub const GIA_VIEN: &str = "Ủy ban nhân dân xã Gia Viễn";
pub const HOA_LU: &str = "Ủy ban nhân dân phường Hoa Lư";

pub fn cell(actual: &str, number: Option<f64>, status: Status, comment: &str) -> UnitCell {
    UnitCell { actual: actual.to_owned(), number, status, comment: comment.to_owned() }
}

fn row(kind: RowKind, code: &str, text: &str, line: usize, units: usize) -> ReportRow {
    ReportRow {
        kind,
        code: Some(code.to_owned()),
        text: text.to_owned(),
        line,
        target: String::new(),
        monitor: String::new(),
        lead: String::new(),
        coordinate: String::new(),
        deadline: String::new(),
        cells: vec![None; units],
        rollup: None,
    }
}

/// A province plan's results for three units: a group, a ratio, a rank and a task.
pub fn small_report() -> ConsolidatedReport {
    let group = row(RowKind::Group, "I.", "Phát triển chính quyền số", 10, 3);
    let online = ReportRow {
        target: "≥ 90%".to_owned(),
        monitor: SO_KHCN.to_owned(),
        lead: "Văn phòng UBND tỉnh".to_owned(),
        coordinate: "Các sở, ban, ngành; UBND các xã, phường".to_owned(),
        deadline: "Tháng 12/2026".to_owned(),
        cells: vec![
            None,
            Some(cell("91,2%", Some(91.2), Status::Met, "Vượt chỉ tiêu")),
            Some(cell("85%", Some(85.0), Status::AtRisk, "Cần đẩy nhanh tiến độ")),
        ],
        rollup: Some(cell("88,1%", Some(88.1), Status::OnTrack, "")),
        ..row(RowKind::Indicator, "1.1.", ONLINE, 12, 3)
    };
    let ranking = ReportRow {
        target: "Nhóm 10 đơn vị dẫn đầu".to_owned(),
        monitor: SO_KHCN.to_owned(),
        lead: "UBND các xã, phường".to_owned(),
        deadline: "Năm 2026".to_owned(),
        cells: vec![
            None,
            Some(cell("Hạng 3", Some(3.0), Status::Met, "")),
            Some(cell("", None, Status::NotReported, "")),
        ],
        rollup: Some(cell("", None, Status::NotJudged, "")),
        ..row(RowKind::Indicator, "1.2.", RANKING, 13, 3)
    };
    let platform = ReportRow {
        target: "Hoàn thành".to_owned(),
        monitor: SO_KHCN.to_owned(),
        lead: SO_KHCN.to_owned(),
        coordinate: "UBND các xã, phường".to_owned(),
        deadline: "Quý II/2026".to_owned(),
        cells: vec![
            Some(cell("Hoàn thành", None, Status::Done, "Quyết định số 45/QĐ-UBND")),
            Some(cell("Đang triển khai", None, Status::Late, "Chậm so với kế hoạch")),
            None,
        ],
        rollup: Some(cell("1/2 đơn vị hoàn thành", None, Status::Late, "")),
        ..row(RowKind::Task, "2.", PLATFORM, 15, 3)
    };
    ConsolidatedReport {
        plan_title: PLAN.to_owned(),
        plan_reference: Some("Số 123/KH-UBND ngày 05/02/2026".to_owned()),
        issuer: Some("Ủy ban nhân dân tỉnh Ninh Bình".to_owned()),
        period_label: "Quý II/2026".to_owned(),
        as_of: "23/11/2026".to_owned(),
        units: vec![SO_KHCN.to_owned(), GIA_VIEN.to_owned(), HOA_LU.to_owned()],
        rows: vec![group, online, ranking, platform],
        reporting: vec![
            UnitReporting { unit: SO_KHCN.to_owned(), expected: 2, received: 2, on_time: 2 },
            UnitReporting { unit: GIA_VIEN.to_owned(), expected: 3, received: 3, on_time: 2 },
            UnitReporting { unit: HOA_LU.to_owned(), expected: 3, received: 1, on_time: 1 },
        ],
    }
}

/// A whole province: `items` rows (a group heading every tenth) over `units` communes and
/// departments, every unit owing every item, with realistic lengths of text.
pub fn province_report(items: usize, units: usize) -> ConsolidatedReport {
    let unit_names: Vec<String> = (1..=units)
        .map(|u| {
            if u % 5 == 0 { format!("Sở ngành số {u}") } else { format!("Ủy ban nhân dân xã Gia Viễn {u}") }
        })
        .collect();
    let statuses = [Status::Met, Status::OnTrack, Status::AtRisk, Status::NotMet, Status::NotReported, Status::Done];
    let rows = (0..items)
        .map(|i| {
            if i % 10 == 0 {
                return row(
                    RowKind::Group,
                    &format!("{}.", i / 10 + 1),
                    "Về phát triển hạ tầng số và chính quyền số",
                    i + 5,
                    units,
                );
            }
            let task = i % 3 == 0;
            let cells = (0..units)
                .map(|u| {
                    let status = statuses[(i + u) % statuses.len()];
                    let value = 50.0 + ((i * 7 + u * 13) % 500) as f64 / 10.0;
                    Some(if task {
                        cell("Hoàn thành", None, Status::Done, "Quyết định số 45/QĐ-UBND ngày 10/3/2026")
                    } else {
                        cell(&format!("{}%", chitieu_core::display::number_vi(value)), Some(value), status, "")
                    })
                })
                .collect();
            ReportRow {
                kind: if task { RowKind::Task } else { RowKind::Indicator },
                code: Some(format!("{}.{}.", i / 10 + 1, i % 10)),
                text: format!("{ONLINE} trên Cổng dịch vụ công quốc gia, chỉ tiêu số {i}"),
                line: i + 5,
                target: if task { "Hoàn thành".to_owned() } else { "Đạt tối thiểu 70%".to_owned() },
                monitor: SO_KHCN.to_owned(),
                lead: "Các sở, ban, ngành; UBND các xã, phường".to_owned(),
                coordinate: "Các doanh nghiệp viễn thông".to_owned(),
                deadline: "Tháng 12/2026".to_owned(),
                cells,
                rollup: Some(cell("88,1%", Some(88.1), Status::OnTrack, "")),
            }
        })
        .collect();
    let reporting = unit_names
        .iter()
        .enumerate()
        .map(|(u, unit)| UnitReporting { unit: unit.clone(), expected: 4, received: 4 - (u % 3) as u32, on_time: 2 })
        .collect();
    ConsolidatedReport {
        plan_title: PLAN.to_owned(),
        plan_reference: None,
        issuer: None,
        period_label: "Năm 2026".to_owned(),
        as_of: "31/12/2026".to_owned(),
        units: unit_names,
        rows,
        reporting,
    }
}
