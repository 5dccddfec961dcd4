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
    // A change by at least X: the growth (or reduction) is what is reported; "thêm X" is X more.
    ("tăng", Ge),
    ("tăng lên", Ge),
    ("tăng thêm", Ge),
    ("thêm", Ge),
    // A share reached ("chiếm 20% GRDP").
    ("chiếm", Ge),
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
pub(super) const FILLERS: &[&str] =
    &["ở mức", "mức", "là", "khoảng", "bình quân", "tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng"];

/// Words before a comparator that belong to the target's wording ("Đạt tối thiểu", "phấn đấu đạt").
pub(super) const LEADS: &[&str] = &["phấn đấu", "đạt", "chiếm", "ở mức", "mức"];

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
/// ("từ 15 tuổi trở lên", "trên 01 vạn dân", "sản phẩm OCOP 4 sao").
#[rustfmt::skip]
pub(super) const MEASURES: &[&str] = &[
    "tuổi", "vạn dân", "nghìn dân", "ngàn dân", "triệu dân", "dân", "sao",
];

/// Rates a target may be stated in ("đạt tối thiểu 200 Mbps") and a subject described by ("với tốc
/// độ từ 1 Gb/s trở lên"); "/s" after one belongs to it.
#[rustfmt::skip]
pub(super) const RATES: &[&str] = &[
    "gb", "gbps", "mb", "mbps", "kb", "kbps", "tb", "ghz", "mhz", "kw", "kwh", "mw", "mwh",
];

/// Words that multiply the count noun after them ("2,5 triệu lượt", "1,2 triệu tấn").
pub(super) const MULTIPLIERS: &[&str] = &["nghìn", "ngàn", "triệu", "tỷ", "tỉ"];

/// What a count is per, after "/" ("lần/tuần", "bác sĩ/vạn dân", "triệu đồng/người/năm"). Other
/// words after "/" are taken up to two at a time ("sản phẩm/dịch vụ"), a number with its word
/// ("thuê bao/100 dân").
#[rustfmt::skip]
pub(super) const DENOMINATORS: &[&str] = &[
    "ngày", "tuần", "tháng", "quý", "năm", "năm học", "học kỳ", "người", "hộ", "xã", "phường", "huyện",
    "tỉnh", "trường", "trường học", "lớp", "cơ sở", "đơn vị", "cơ quan", "doanh nghiệp", "thôn", "bản",
    "tổ dân phố", "điểm du lịch", "học sinh", "giáo viên", "vạn dân", "nghìn dân", "ngàn dân", "triệu dân",
    "ha", "km2", "lần",
];

/// Denominators of a per-capita count ("người … trên 01 vạn dân" → "người/vạn dân").
pub(super) const PER_CAPITA: &[&str] = &["vạn dân", "nghìn dân", "ngàn dân", "triệu dân"];

/// Count nouns written after a number, taken as its unit ("≥ 30 doanh nghiệp", "10 lần"). A
/// comma inside one is its own word ("xã , phường").
#[rustfmt::skip]
pub(super) const COUNT_NOUNS: &[&str] = &[
    "lần", "doanh nghiệp", "đề tài", "dự án", "đơn đăng ký", "sáng chế", "sản phẩm", "nhiệm vụ", "người",
    "cán bộ", "bài báo", "công trình", "trung tâm", "tổ chức", "sáng kiến", "chuyên gia", "vườn ươm", "mô hình",
    "lượt", "hộ", "xã", "trường", "ngày", "giờ", "tỷ đồng", "triệu đồng",
    // Events and deliverables.
    "đợt", "lớp", "khóa", "khoá", "hội nghị", "hội thảo", "hội nghị , hội thảo", "buổi", "cuộc", "chuyên đề",
    "tiết", "báo cáo", "văn bản", "thủ tục", "dịch vụ", "ứng dụng", "nền tảng", "hệ thống", "cơ sở dữ liệu",
    "phần mềm", "camera", "chứng thư", "tài khoản", "thuê bao", "điểm", "chuỗi", "tuyến", "tuyến phố", "chợ",
    "gian hàng", "câu lạc bộ", "tổ", "bộ", "ngày làm việc", "kế hoạch", "đề án", "chương trình", "lượt người",
    "lượt cán bộ", "lượt khách", "chỉ tiêu", "giải pháp",
    // Places and bodies.
    "xã , phường", "xã , phường , thị trấn", "phường", "thị trấn", "huyện", "thôn", "bản", "tổ dân phố",
    "hợp tác xã", "làng nghề", "cơ sở", "cơ quan", "đơn vị", "trạm", "trạm y tế", "bệnh viện", "phòng học",
    // People.
    "cán bộ , công chức", "cán bộ , công chức , viên chức", "công chức", "viên chức", "giáo viên", "học sinh",
    "sinh viên", "học viên", "lao động", "bác sĩ", "dược sĩ", "điều dưỡng", "giường", "giường bệnh",
    // Quantities.
    "ha", "tấn", "km", "đồng", "usd", "triệu usd", "tỷ usd",
];

/// Count nouns that measure an amount rather than name things ("50.000 tỷ đồng"): no subject.
pub(super) const QUANTITIES: &[&str] = &["đồng", "usd", "ha", "tấn", "km"];

/// Units a count is "per one of" after "trên" ("trên 01 ha đất trồng trọt"): not a level.
pub(super) const PER_ONE: &[&str] = &["ha", "km", "người", "hộ", "lao động", "học sinh"];

/// What "mỗi" names when a target is per each of them ("Mỗi xã có ít nhất 01 mô hình" → "mô
/// hình/xã"); other words after "mỗi" are taken one at a time.
#[rustfmt::skip]
pub(super) const PER_EACH: &[&str] = &[
    "xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "thôn", "bản", "ấp",
    "tổ dân phố", "khu phố", "trường", "trường học", "lớp", "cơ sở", "cơ sở giáo dục", "trạm y tế",
    "bệnh viện", "cơ quan", "đơn vị", "sở", "ngành", "doanh nghiệp", "hộ", "người", "học sinh", "giáo viên",
    "năm", "quý", "tháng", "tuần", "hợp tác xã", "làng nghề", "chợ", "khu công nghiệp", "địa phương",
];

/// Words after which a count describes the subject, not the level ("hộ có doanh thu trên 1 tỷ
/// đồng", "với tốc độ từ 1 Gb/s", "của nhóm 05 thủ tục", "trong 03 ngày").
pub(super) const QUALIFIERS: &[&str] = &["có", "với"];

/// Words right before a count that make it part of the subject, not a deliverable.
pub(super) const COUNT_QUALIFIERS: &[&str] =
    &["có", "với", "của", "gồm", "trong", "trong đó", "thuộc", "sau", "trước", "so với", "trên địa bàn"];

/// Words before "có"/"với" that make it the target's verb ("Phấn đấu có ít nhất 20 doanh
/// nghiệp"), not a description of the noun before it.
#[rustfmt::skip]
pub(super) const VERBS_BEFORE_CO: &[&str] = &[
    "đấu", "bảo đảm", "đảm bảo", "phải", "cần", "sẽ", "đã", "để", "nhằm", "đều", "mới", "cũng", "vẫn", "chỉ",
    "là", "được", "đạt",
];

/// Words that end the noun phrase naming a target's subject ("học sinh phổ thông | được tập huấn").
#[rustfmt::skip]
pub(super) const SUBJECT_ENDS: &[&str] = &[
    "được", "có", "sử dụng", "thường xuyên", "triển khai", "thực hiện", "ứng dụng", "áp dụng", "tham gia",
    "tiếp cận", "làm chủ", "hoàn thành", "đáp ứng", "cung cấp", "chỉ", "phải", "đạt", "trên", "tại", "thuộc",
    "trong", "đã", "sẽ", "đang", "cần", "không", "vượt", "theo", "để", "nhằm", "là", "trở", "đăng ký", "nộp",
    "cho", "về", "với", "khoảng",
];

/// Words that join two subjects and are dropped at a subject's ends.
pub(super) const JOINERS: &[&str] = &["và", "hoặc", "cùng"];

/// Whole cells that mean "yes / done".
pub(super) const YES: &[&str] = &["có", "đạt", "hoàn thành", "đã hoàn thành", "x"];
