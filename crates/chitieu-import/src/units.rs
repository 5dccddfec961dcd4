//! Role cells into the units they name: split by ";" always and by "," only between whole unit
//! names, so that group names stay whole ("Các sở, ban, ngành", "UBND các xã, phường",
//! "Các cơ, quan đơn vị"). Names are kept as written; resolving them is the store's job.

use crate::markup::plain;

/// Words a unit's name starts with. Case matters: "Ban Chỉ đạo" starts a unit, while "ban" in
/// "Các sở, ban, ngành" continues a group; "phòng" and "các" start one in either case.
const UNIT_HEADS: &[&str] = &[
    "Sở",
    "sở ",
    "Văn phòng",
    "văn phòng",
    "VP",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "HĐND",
    "Phòng",
    "phòng",
    "Công an",
    "Ban ",
    "Các ",
    "các ",
    "Trung tâm",
    "trung tâm",
    "Báo ",
    "Đài",
    "Ngân hàng",
    "ngân hàng",
    "Bưu điện",
    "Bru điện",
    "Đảng ủy",
    "Đảng uỷ",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Trạm",
    "Trường",
    "trường",
    "Viện",
    "Cơ quan",
    "UB ",
    "MTTQ",
    "Chi cục",
    "Chi Cục",
    "Chi nhánh",
    "Thống kê",
    "Liên hiệp",
    "Liên Hiệp",
    "Hội ",
    "Thanh tra",
    "Trưởng",
    "trưởng",
    "Chủ tịch",
    "chủ tịch",
    "Chánh",
    "Phó",
    "Người dân",
    "Doanh nghiệp",
    "VNPT",
    "Viettel",
    "Mobifone",
    "MobiFone",
    "Vinaphone",
    "FPT",
    "Đại học",
    "Bảo hiểm",
    "Tổ ",
    "Đoàn",
    "Mặt trận",
    "Kho bạc",
    "Cục",
    "Hải quan",
    "Thuế",
    "Quỹ",
    "Đội",
    "Bệnh viện",
    "Công ty",
    "Tập đoàn",
    "Tổng công ty",
    "Viễn thông",
    "Bộ ",
    "Huyện ủy",
    "Thành ủy",
    "Quận ủy",
    "Đảng bộ",
    "Lãnh đạo",
    "Giám đốc",
    "Thủ trưởng",
    "Cán bộ",
    "Bí thư",
];

/// The units a role cell names, in order, as written.
pub fn split_units(cell: &str) -> Vec<String> {
    let cell = plain(cell);
    let mut units = Vec::new();
    for part in cell.split(';') {
        let mut current = String::new();
        for piece in part.split(',') {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if current.is_empty() {
                current.push_str(piece);
            } else if starts_unit(piece) {
                units.push(std::mem::take(&mut current));
                current.push_str(piece);
            } else {
                current.push_str(", ");
                current.push_str(piece);
            }
        }
        if !current.is_empty() {
            units.push(current);
        }
    }
    units
        .into_iter()
        .map(|u| u.trim_end_matches(['.', ',', ' ']).to_owned())
        .filter(|u| !u.is_empty() && u != "-")
        .collect()
}

fn starts_unit(piece: &str) -> bool {
    UNIT_HEADS.iter().any(|head| {
        let head_word = head.trim_end();
        piece.starts_with(head)
            || (piece.starts_with(head_word)
                && piece[head_word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

#[cfg(test)]
mod tests {
    use super::split_units;

    #[test]
    fn groups_stay_whole_and_lists_split() {
        let cases: &[(&str, &[&str])] = &[
            ("Các sở, ban, ngành; UBND các xã, phường", &["Các sở, ban, ngành", "UBND các xã, phường"]),
            ("Sở Khoa học và Công nghệ, Văn phòng Tỉnh ủy", &["Sở Khoa học và Công nghệ", "Văn phòng Tỉnh ủy"]),
            (
                "Phòng VH-XH; Phòng Kinh tế; Các cơ, quan đơn vị liên quan",
                &["Phòng VH-XH", "Phòng Kinh tế", "Các cơ, quan đơn vị liên quan"],
            ),
            ("Phòng VH-XH, ; Phòng Kinh tế", &["Phòng VH-XH", "Phòng Kinh tế"]),
            ("VPĐU; Văn phòng HĐND - UBND", &["VPĐU", "Văn phòng HĐND - UBND"]),
            ("VPĐU, VP HĐND - UBND", &["VPĐU", "VP HĐND - UBND"]),
            ("Các sở, ban, ngành,", &["Các sở, ban, ngành"]),
            (
                "Các cơ quan, đơn vị được giao quản lý, vận hành các hệ thống thông tin của tỉnh",
                &["Các cơ quan, đơn vị được giao quản lý, vận hành các hệ thống thông tin của tỉnh"],
            ),
            ("Phòng Văn hóa và Thông tin, phòng Nội vụ", &["Phòng Văn hóa và Thông tin", "phòng Nội vụ"]),
            ("Văn phòng Đảng ủy; VNPT, Viettel Ninh Bình", &["Văn phòng Đảng ủy", "VNPT", "Viettel Ninh Bình"]),
            (
                "Sở Nội vụ, Sở Khoa học và Công nghệ, Đảng ủy, UBND cấp xã",
                &["Sở Nội vụ", "Sở Khoa học và Công nghệ", "Đảng ủy", "UBND cấp xã"],
            ),
            ("Các đơn vị, doanh nghiệp có liên quan", &["Các đơn vị, doanh nghiệp có liên quan"]),
            (
                "Các sở, ban, ngành, địa phương, người dân, doanh nghiệp",
                &["Các sở, ban, ngành, địa phương, người dân, doanh nghiệp"],
            ),
            (
                "UB MTTQ Việt Nam Thành phố, MTTQ cấp xã và Ban Công tác mặt trận",
                &["UB MTTQ Việt Nam Thành phố", "MTTQ cấp xã và Ban Công tác mặt trận"],
            ),
            ("-", &[]),
            ("", &[]),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_units(cell), *expected, "{cell}");
        }
    }
}
