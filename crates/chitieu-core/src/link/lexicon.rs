//! The words the matcher rewrites or ignores: the abbreviations plans use for what they
//! measure, a few English names with their Vietnamese words, and the words that say nothing
//! about the measured quantity (function words, levels of government, target wording, measure
//! words). Lower case, diacritics kept: "có" (has) is a stop word, "cơ" (as in "cơ sở") is not.

/// Abbreviations of what plans measure, matched on a whole token written with at least two
/// capitals ("TTHC", "KT-XH", "`VNeID`"; "ai" the pronoun is not "AI"). Unit-name abbreviations
/// ("UBND", "KH&CN", "VH-XH") come from [`crate::names`].
pub(super) const ABBREVIATIONS: &[(&str, &str)] = &[
    ("tthc", "thủ tục hành chính"),
    ("dvc", "dịch vụ công"),
    ("dvctt", "dịch vụ công trực tuyến"),
    ("csdl", "cơ sở dữ liệu"),
    ("cđs", "chuyển đổi số"),
    ("kt-xh", "kinh tế xã hội"),
    ("httt", "hệ thống thông tin"),
    ("cntt", "công nghệ thông tin"),
    ("attt", "an toàn thông tin"),
    ("antt", "an ninh trật tự"),
    ("tmđt", "thương mại điện tử"),
    ("đmst", "đổi mới sáng tạo"),
    ("cbcc", "cán bộ công chức"),
    ("cbccvc", "cán bộ công chức viên chức"),
    ("cqnn", "cơ quan nhà nước"),
    ("hcnn", "hành chính nhà nước"),
    ("cchc", "cải cách hành chính"),
    ("dn", "doanh nghiệp"),
    ("dnnvv", "doanh nghiệp nhỏ và vừa"),
    ("sme", "doanh nghiệp nhỏ và vừa"),
    ("nckh", "nghiên cứu khoa học"),
    ("r&d", "nghiên cứu phát triển"),
    ("ai", "trí tuệ nhân tạo"),
    ("iot", "internet vạn vật"),
    ("ttdl", "trung tâm dữ liệu"),
    ("tslcd", "truyền số liệu chuyên dùng"),
    ("ioc", "trung tâm điều hành thông minh"),
    ("lgsp", "nền tảng tích hợp chia sẻ dữ liệu"),
    ("soc", "trung tâm giám sát an toàn thông tin"),
    ("dti", "chỉ số chuyển đổi số"),
    ("pii", "chỉ số đổi mới sáng tạo"),
    ("hdi", "chỉ số phát triển con người"),
];

/// Spellings of one word or phrase, rewritten to one form on the lower-case syllables
/// ("Tỉ lệ" is "Tỷ lệ", "VN eID" is "`VNeID`", "Gbps" is "Gb/s").
pub(super) const REWRITES: &[(&[&str], &[&str])] = &[
    (&["tỉ"], &["tỷ"]),
    (&["vn", "eid"], &["vneid"]),
    (&["gbps"], &["gb"]),
    (&["big", "data"], &["dữ", "liệu", "lớn"]),
    (&["open", "data"], &["dữ", "liệu", "mở"]),
    (&["cloud"], &["điện", "toán", "đám", "mây"]),
];

/// Phrases that name no quantity: measure words ("tỷ lệ" — the measure kind says it), target
/// wording the target reader left in the text, levels of government and places in general.
pub(super) const STOP_PHRASES: &[&[&str]] = &[
    &["tỷ", "lệ"],
    &["tỷ", "trọng"],
    &["số", "lượng"],
    &["tối", "thiểu"],
    &["tối", "đa"],
    &["trở", "lên"],
    &["trở", "xuống"],
    &["ít", "nhất"],
    &["không", "dưới"],
    &["không", "quá"],
    &["phấn", "đấu"],
    &["đối", "với"],
    &["hàng", "năm"],
    &["địa", "bàn"],
    &["địa", "phương"],
    &["thành", "phố"],
    &["thị", "trấn"],
    &["trung", "ương"],
];

/// Single words that name no quantity: function words, "đạt" and "năm" of the target level,
/// and the levels of government ("tỉnh", "xã"), so a commune's item meets the province's.
#[rustfmt::skip]
pub(super) const STOP_WORDS: &[&str] = &[
    "các", "của", "và", "được", "trên", "tại", "cho", "với", "trong", "theo", "để", "là", "những", "này", "đó", "có",
    "đạt", "từ", "đến", "về", "nhằm", "mỗi", "năm", "hoặc", "đã", "phải", "cả", "bị", "sẽ", "đang",
    "thì", "mà", "như", "tỉnh", "xã", "phường", "huyện", "quận",
];

/// Words a stop word starts that are no stop words: "xã hội" (society) is not a commune,
/// "theo dõi" (monitor) is not "theo" (according to).
pub(super) const COMPOUNDS: &[&[&str]] = &[&["xã", "hội"], &["theo", "dõi"]];

/// "Số" opening an item is the count it measures ("Số doanh nghiệp …"), unless it starts
/// "Số hóa" (digitising).
pub(super) const COUNT_WORD: &str = "số";

/// The words after [`COUNT_WORD`] that make it a verb, folded.
pub(super) const COUNT_WORD_VERBS: &[&str] = &["hoa"];
