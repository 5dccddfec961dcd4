//! The Vietnamese words both formats head their columns and totals with, kept in one place so
//! the spreadsheet and the PDF say the same thing.

pub(crate) const STT: &str = "STT";
pub(crate) const ITEM: &str = "Chỉ tiêu / nhiệm vụ";
pub(crate) const TARGET: &str = "Mục tiêu";
pub(crate) const MONITOR: &str = "Đơn vị theo dõi";
pub(crate) const LEAD: &str = "Đơn vị chủ trì";
pub(crate) const COORDINATE: &str = "Đơn vị phối hợp";
pub(crate) const DEADLINE: &str = "Thời hạn";
pub(crate) const UNIT: &str = "Đơn vị";
pub(crate) const ACTUAL: &str = "Kết quả";
pub(crate) const STATUS: &str = "Đánh giá";
pub(crate) const COMMENT: &str = "Ghi chú";
/// Over the roll-up's columns.
pub(crate) const ROLLUP: &str = "Tổng hợp";

/// The reporting table's columns: number, unit, counts, rates.
pub(crate) const REPORTING: [&str; 7] =
    [STT, UNIT, "Số báo cáo phải nộp", "Đã nộp", "Nộp đúng hạn", "Tỷ lệ đã nộp", "Tỷ lệ đúng hạn"];
/// The reporting table's totals row.
pub(crate) const TOTAL: &str = "Tổng cộng";

/// The plan's appendix table ([`crate::plan_pdf`]) adds these.
pub(crate) const UNIT_OF_MEASURE: &str = "Đơn vị tính";
pub(crate) const LEVEL: &str = "Mức chỉ tiêu";
pub(crate) const DIRECT: &str = "Trực tiếp chỉ đạo";
