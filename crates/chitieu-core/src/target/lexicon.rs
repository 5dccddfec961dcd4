//! The words of the target grammar: comparators, the labels and measures that mark a number as
//! something other than a target, count nouns that serve as units, and the words that end a
//! subject. Every phrase is lower case, words separated by one space.

use crate::target::Comparator::{self, Eq, Ge, Gt, Le, Lt};

/// Words or signs right before a number that say how it compares. The longest match wins, so
/// "không dưới" (≥) beats "dưới" (<).
pub(super) const COMPARATORS: &[(&str, Comparator)] = &[
    ("≥", Ge),
    (">=", Ge),
    ("=>", Ge),
    ("đạt", Ge),
    ("tối thiểu", Ge),
    ("ít nhất", Ge),
    ("từ", Ge),
    ("không thấp hơn", Ge),
    ("không dưới", Ge),
    ("không ít hơn", Ge),
    ("không nhỏ hơn", Ge),
    // A change by at least X: the growth (or reduction) is what is reported.
    ("tăng", Ge),
    ("tăng lên", Ge),
    ("giảm", Ge),
    (">", Gt),
    ("trên", Gt),
    ("vượt", Gt),
    ("vượt quá", Gt),
    ("hơn", Gt),
    ("cao hơn", Gt),
    ("lớn hơn", Gt),
    ("nhiều hơn", Gt),
    ("≤", Le),
    ("<=", Le),
    ("=<", Le),
    ("tối đa", Le),
    ("không quá", Le),
    ("không vượt", Le),
    ("không vượt quá", Le),
    ("nhiều nhất", Le),
    ("không cao hơn", Le),
    ("không lớn hơn", Le),
    ("không nhiều hơn", Le),
    ("giảm xuống", Le),
    ("giảm còn", Le),
    ("xuống còn", Le),
    ("giảm xuống còn", Le),
    ("<", Lt),
    ("dưới", Lt),
    ("thấp hơn", Lt),
    ("nhỏ hơn", Lt),
    ("ít hơn", Lt),
    ("=", Eq),
    ("bằng", Eq),
];

/// The comparator "từ" ("from X", "from X upwards"), which "trở xuống" turns into ≤ and "đến Y"
/// into a range.
pub(super) const FROM: &str = "từ";

/// Words allowed between a comparator and its number ("tối thiểu là 70%", "đạt mức 80%").
pub(super) const FILLERS: &[&str] = &["ở mức", "mức", "là", "khoảng"];

/// Words before a comparator that belong to the target's wording ("Đạt tối thiểu", "phấn đấu đạt").
pub(super) const LEADS: &[&str] = &["phấn đấu", "đạt", "ở mức", "mức"];

/// Words after the number that settle the comparator ("từ 60% trở lên").
pub(super) const AFTERWORDS: &[(&str, Comparator)] = &[("trở lên", Ge), ("trở xuống", Le)];

/// Words naming what follows them, not how much: a number right after one is a label ("cấp độ 3",
/// "Đề án 06", "năm 2026") unless it carries "%".
#[rustfmt::skip]
pub(super) const LABELS: &[&str] = &[
    "cấp độ", "cấp", "mức", "mức độ", "đề án", "số", "năm", "giai đoạn", "ngày", "tháng", "quý", "tuần",
    "quyết định", "nghị quyết", "nghị định", "thông tư", "chỉ thị", "kế hoạch", "chương trình", "công văn",
    "thông báo", "lần thứ", "thứ", "phiên bản", "điều", "khoản", "mục", "phụ lục", "khu vực", "nhóm", "top",
    "hạng", "tầm nhìn", "nhiệm kỳ", "khóa", "khoá", "kỳ", "tiêu chuẩn", "iso", "tcvn", "loại", "tầng", "bước",
];

/// Measures of something other than the target: a number right before one is not a target
/// ("từ 15 tuổi trở lên", "từ 1 Gb/s", "trên 01 vạn dân").
#[rustfmt::skip]
pub(super) const MEASURES: &[&str] = &[
    "tuổi", "gb", "gbps", "mb", "mbps", "kb", "kbps", "tb", "ghz", "mhz", "kw", "kwh", "mw", "vạn dân",
    "nghìn dân", "ngàn dân", "triệu dân", "dân",
];

/// Denominators of a per-capita count ("người … trên 01 vạn dân" → "người/vạn dân").
pub(super) const PER_CAPITA: &[&str] = &["vạn dân", "nghìn dân", "ngàn dân", "triệu dân"];

/// Count nouns written after a number, taken as its unit ("≥ 30 doanh nghiệp", "10 lần").
#[rustfmt::skip]
pub(super) const COUNT_NOUNS: &[&str] = &[
    "lần", "doanh nghiệp", "đề tài", "dự án", "đơn đăng ký", "sáng chế", "sản phẩm", "nhiệm vụ", "người",
    "cán bộ", "bài báo", "công trình", "trung tâm", "tổ chức", "sáng kiến", "chuyên gia", "vườn ươm", "mô hình",
    "lượt", "hộ", "xã", "trường", "ngày", "giờ", "tỷ đồng", "triệu đồng",
];

/// Words that end the noun phrase naming a target's subject ("học sinh phổ thông | được tập huấn").
#[rustfmt::skip]
pub(super) const SUBJECT_ENDS: &[&str] = &[
    "được", "có", "sử dụng", "thường xuyên", "triển khai", "thực hiện", "ứng dụng", "áp dụng", "tham gia",
    "tiếp cận", "làm chủ", "hoàn thành", "đáp ứng", "cung cấp", "chỉ", "phải", "đạt", "trên", "tại", "thuộc",
    "trong", "đã", "sẽ", "đang", "cần", "không", "vượt", "theo", "để", "nhằm", "là", "trở",
];

/// Words that join two subjects and are dropped at a subject's ends.
pub(super) const JOINERS: &[&str] = &["và", "hoặc", "cùng"];

/// Whole cells that mean "yes / done".
pub(super) const YES: &[&str] = &["có", "đạt", "hoàn thành", "đã hoàn thành", "x"];
