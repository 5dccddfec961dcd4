//! Role cells into the units they name: split by paragraphs (new lines, and "- …" bullets of a
//! cell that starts with one), by ";" always, and by "," and "và" only between whole unit names,
//! so that group names stay whole ("Các sở, ban, ngành", "UBND các xã, phường", "Các cơ, quan
//! đơn vị") and so do names with "và" inside ("Sở Khoa học và Công nghệ", "Văn phòng HĐND và
//! UBND"). A request around the units ("Đề nghị phối hợp với …", "… phối hợp") and leading "- ",
//! "+ " are dropped. Names are kept as written; resolving them is the store's job.

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

/// Words around the units that ask rather than name, lower case: dropped from the start and the
/// end of each part.
const REQUEST_LEADS: &[&str] =
    &["đề nghị phối hợp với ", "đề nghị phối hợp ", "phối hợp với ", "đề nghị ", "phối hợp: ", "chủ trì: "];
const REQUEST_TAILS: &[&str] = &[" phối hợp thực hiện", " phối hợp"];

/// Marks that start a paragraph of a cell.
const BULLETS: &[char] = &['-', '–', '+', '•', '*'];

/// The units a role cell names, in order, as written.
pub fn split_units(cell: &str) -> Vec<String> {
    let mut units = Vec::new();
    for paragraph in paragraphs(cell) {
        for part in paragraph.split(';') {
            for sentence in split_folded(without_request(part.trim().trim_start_matches(BULLETS).trim())) {
                for named in split_at_and(without_request(sentence.trim())) {
                    units.extend(split_at_commas(named));
                }
            }
        }
    }
    units
        .into_iter()
        .map(|u| u.trim_end_matches(['.', ',', ' ']).to_owned())
        .filter(|u| !u.is_empty() && u != "-")
        .collect()
}

/// The cell's paragraphs with markup converted: its lines (a line that does not start a unit
/// continues the one before), and in a cell that starts with a bullet, the text after each
/// " - " that starts a unit.
fn paragraphs(cell: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in cell.lines().map(plain).filter(|l| !l.is_empty()) {
        let bulleted = line.starts_with(BULLETS);
        match lines.last_mut() {
            Some(last) if !bulleted && !starts_unit(&line) && line.starts_with(char::is_lowercase) => {
                last.push(' ');
                last.push_str(&line);
            }
            _ => lines.push(line),
        }
    }
    let mut out = Vec::new();
    for line in lines {
        let Some(bullet) = line.chars().next().filter(|c| BULLETS.contains(c)) else {
            out.push(line);
            continue;
        };
        let separator = format!(" {bullet} ");
        let mut current = String::new();
        for piece in line.split(&separator) {
            if !current.is_empty() && starts_unit(piece) {
                out.push(std::mem::take(&mut current));
            } else if !current.is_empty() {
                current.push_str(&separator);
            }
            current.push_str(piece);
        }
        out.push(current);
    }
    out
}

/// Unit names that start a new paragraph when they follow another name in the same line: a
/// reader that folds a cell's paragraphs into one line ("Sở Nội vụ Sở Tư pháp") leaves them so.
const PARAGRAPH_HEADS: &[&str] = &[
    "Sở ",
    "UBND ",
    "Ủy ban ",
    "Uỷ ban ",
    "Công an ",
    "Văn phòng ",
    "Trung tâm ",
    "Đài ",
    "Bảo hiểm xã hội",
    "Kho bạc ",
    "Bệnh viện ",
    "Liên đoàn ",
    "Bưu điện",
    "Viettel",
    "VNPT",
];

/// Last words before a unit name that make it part of a longer name or phrase ("Giám đốc Sở",
/// "Chủ tịch UBND", "thuộc Sở", "các Sở", "phối hợp với Sở"), lower case.
#[rustfmt::skip]
const NAME_CONNECTORS: &[&str] = &[
    "thuộc", "của", "đốc", "tịch", "phòng", "đạo", "tra", "trưởng", "phó", "chánh", "các", "với", "và", "tại",
    "cho", "ủy", "uỷ", "viên", "thư", "huy", "trực", "chi", "cục", "nhánh", "hợp", "trì", "quản", "lý", "đồng",
    "đoàn", "toán", "bộ", "ban", "hội", "mặt", "trận", "đảng", "giúp", "việc",
];

/// The part cut where a folded paragraph starts: before a unit name that follows the end of a
/// sentence or a word that does not lead into it ("Sở Nội vụ Sở Tư pháp" → two; "Giám đốc Sở
/// Y tế" stays one), outside brackets.
fn split_folded(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in part.match_indices(' ') {
        let next = &part[at + 1..];
        if at < start || !PARAGRAPH_HEADS.iter().any(|h| next.starts_with(h)) {
            continue;
        }
        let before = &part[start..at];
        let open = before.matches('(').count() > before.matches(')').count();
        let last = before.rsplit(' ').next().unwrap_or_default();
        let word = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let joined = word.is_empty() || NAME_CONNECTORS.contains(&word.as_str()) || last.ends_with([',', ';', ':']);
        if !open && !before.trim().is_empty() && (last.ends_with('.') || !joined) {
            out.push(before);
            start = at + 1;
        }
    }
    out.push(&part[start..]);
    out
}

/// The part without "Đề nghị phối hợp với" before its units or "phối hợp" after them.
fn without_request(part: &str) -> &str {
    let mut part = part;
    for lead in REQUEST_LEADS {
        let head = part.get(..lead.len()).map(str::to_lowercase);
        if head.as_deref() == Some(*lead) {
            part = &part[lead.len()..];
            break;
        }
    }
    for tail in REQUEST_TAILS {
        if let Some(rest) = part.strip_suffix(tail).filter(|r| !r.is_empty()) {
            part = rest;
            break;
        }
    }
    part.trim()
}

/// Split at " và " where a whole unit name follows ("Sở Tài chính và Sở Xây dựng"), outside
/// brackets, and not inside an office of two councils ("Văn phòng HĐND và UBND thành phố").
fn split_at_and(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut searched = 0;
    while let Some(found) = part[searched..].find(" và ") {
        let at = searched + found;
        let next = &part[at + " và ".len()..];
        let current = &part[start..at];
        let open = current.matches('(').count() > current.matches(')').count();
        if !open && starts_unit(next) && !starts_people(next) && !joint_office(current, next) {
            out.push(current);
            start = at + " và ".len();
        }
        searched = at + " và ".len();
    }
    out.push(&part[start..]);
    out
}

/// "Người dân", "Doanh nghiệp" after "và" go on a list of the people concerned ("Người dân,
/// doanh nghiệp và Doanh nghiệp Viễn thông"), not of units.
fn starts_people(next: &str) -> bool {
    ["Người dân", "Doanh nghiệp"].iter().any(|p| next.starts_with(p))
}

/// "Văn phòng HĐND" + "UBND …": one office serving both councils.
fn joint_office(current: &str, next: &str) -> bool {
    let office = current.starts_with("Văn phòng") || current.starts_with("VP ");
    let council = ["UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân"];
    office && current.split_whitespace().count() <= 4 && council.iter().any(|c| next.starts_with(c))
}

/// Split at "," only where a whole unit name follows, outside brackets ("Các doanh nghiệp viễn
/// thông (Viettel, VNPT)" is one).
fn split_at_commas(part: &str) -> Vec<String> {
    let mut units = Vec::new();
    let mut current = String::new();
    for piece in part.split(',') {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let open = current.matches('(').count() > current.matches(')').count();
        if current.is_empty() {
            current.push_str(piece);
        } else if starts_unit(piece) && !open {
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
    units
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
                &["UB MTTQ Việt Nam Thành phố", "MTTQ cấp xã", "Ban Công tác mặt trận"],
            ),
            ("Sở Tài chính và Sở Xây dựng", &["Sở Tài chính", "Sở Xây dựng"]),
            ("Sở Y tế và các cơ quan có liên quan", &["Sở Y tế", "các cơ quan có liên quan"]),
            ("Văn phòng HĐND và UBND thành phố", &["Văn phòng HĐND và UBND thành phố"]),
            (
                "Người dân, doanh nghiệp và Doanh nghiệp Viễn thông",
                &["Người dân, doanh nghiệp và Doanh nghiệp Viễn thông"],
            ),
            (
                "Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)",
                &["Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)"],
            ),
            ("Các doanh nghiệp viễn thông (Viettel, VNPT)", &["Các doanh nghiệp viễn thông (Viettel, VNPT)"]),
            ("Sở Nội vụ\nSở Tư pháp", &["Sở Nội vụ", "Sở Tư pháp"]),
            ("Sở Nội vụ Sở Tư pháp", &["Sở Nội vụ", "Sở Tư pháp"]),
            ("Giám đốc Sở Y tế; Chủ tịch UBND các xã", &["Giám đốc Sở Y tế", "Chủ tịch UBND các xã"]),
            ("Trung tâm Y tế thuộc Sở Y tế", &["Trung tâm Y tế thuộc Sở Y tế"]),
            ("Sở Khoa học\nvà Công nghệ", &["Sở Khoa học và Công nghệ"]),
            ("- Sở Y tế - Sở Tài chính", &["Sở Y tế", "Sở Tài chính"]),
            ("+ Công an tỉnh; + Bộ Chỉ huy Quân sự tỉnh", &["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
            ("Đề nghị phối hợp với các Bộ, ngành liên quan", &["các Bộ, ngành liên quan"]),
            ("Đề nghị Bảo hiểm xã hội tỉnh phối hợp", &["Bảo hiểm xã hội tỉnh"]),
            ("Phối hợp: Sở Y tế, Sở Tài chính", &["Sở Y tế", "Sở Tài chính"]),
            ("-", &[]),
            ("", &[]),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_units(cell), *expected, "{cell}");
        }
    }
}
