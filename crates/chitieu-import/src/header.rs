//! Table headers: which row is the header (one or two lines), and the role of each column,
//! read from the header words, never from a fixed layout.

use chitieu_core::Role;
use chitieu_core::text::{fold, key};

use crate::markup::plain;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// The item number ("STT", "TT").
    Code,
    /// The item's words ("Chỉ tiêu/nhiệm vụ", "Nội dung chỉ tiêu", "Tên nhiệm vụ").
    Text,
    /// Unit of measure ("Đơn vị tính").
    Unit,
    /// The target for one year ("Mức chỉ tiêu" over "2030").
    Year(i32),
    /// Targets not tied to a year column ("Mức chỉ tiêu", "Kết quả").
    Target,
    /// The deliverable a task owes ("Sản phẩm"): kept whole in the note, its numbers read as targets.
    Product,
    Role(Role),
    Deadline,
    Note,
    /// A column whose header the reader does not know; its cells are kept in the item's note.
    Other(String),
}

/// A table header: the role of each column and the header rows, to drop their repeats.
#[derive(Debug, Clone)]
pub struct Header {
    pub columns: Vec<Column>,
    /// Cleaned, lower-cased texts of the header row(s) without diacritics ([`fold`]), compared
    /// with later rows.
    pub rows: Vec<Vec<String>>,
    /// The header's words per column, for messages.
    pub names: Vec<String>,
}

impl Header {
    /// Reads a header from `top` and, when it continues on a second row, `sub`. Returns the
    /// header and whether `sub` was part of it; `None` when `top` is no header.
    pub fn detect(top: &[String], sub: Option<&[String]>) -> Option<(Header, bool)> {
        let top: Vec<String> = top.iter().map(|c| plain(c)).collect();
        if !looks_like_header(&top) {
            return None;
        }
        let sub: Option<Vec<String>> = sub.map(|s| s.iter().map(|c| plain(c)).collect());
        let sub = sub.filter(|s| is_sub_header(&top, s));
        let width = top.len().max(sub.as_ref().map_or(0, Vec::len));
        let mut columns = Vec::with_capacity(width);
        let mut names = Vec::with_capacity(width);
        let mut parent = String::new();
        for i in 0..width {
            let own = top.get(i).cloned().unwrap_or_default();
            if !own.is_empty() {
                parent.clone_from(&own);
            }
            let below = sub.as_ref().and_then(|s| s.get(i)).cloned().unwrap_or_default();
            let name = match (own.is_empty(), below.is_empty()) {
                (_, true) => own.clone(),
                (true, false) => format!("{parent} / {below}"),
                (false, false) => format!("{own} / {below}"),
            };
            let column = if below.is_empty() {
                if own.is_empty() { Column::Other(String::new()) } else { classify(&own) }
            } else if let Some(y) = year(&below) {
                Column::Year(y)
            } else if classify(&parent) == Column::Code {
                // "Stt" over "TT | Chi tiết": both hold numbers.
                Column::Code
            } else {
                classify(&below)
            };
            columns.push(column);
            names.push(name);
        }
        // "Chỉ tiêu" beside a content column ("Nội dung") holds the target levels.
        if columns.iter().filter(|c| **c == Column::Text).count() > 1 {
            for (column, name) in columns.iter_mut().zip(&names) {
                if *column == Column::Text && matches!(fold(name).as_str(), "chi tieu" | "muc tieu") {
                    *column = Column::Target;
                }
            }
        }
        if !columns.contains(&Column::Text) {
            // The first unknown column after the number holds the words.
            let first_other = columns.iter().position(|c| matches!(c, Column::Other(n) if !n.is_empty()));
            match first_other {
                Some(i) => columns[i] = Column::Text,
                None => return None,
            }
        }
        // A short header no role matches, first and before the words, is the number column's
        // ("TT" misread by OCR as "8m").
        if !columns.contains(&Column::Code)
            && columns.get(1) == Some(&Column::Text)
            && matches!(&columns[0], Column::Other(n) if (1..=4).contains(&n.chars().count()))
        {
            columns[0] = Column::Code;
        }
        let mut rows = vec![top.iter().map(|c| fold(c)).collect()];
        let used_sub = sub.is_some();
        if let Some(sub) = sub {
            rows.push(sub.iter().map(|c| fold(c)).collect());
        }
        Some((Header { columns, rows, names }, used_sub))
    }

    /// Whether `cells` repeats header row `index` (a page break in text extracted from PDF).
    /// A word processor may clip a long header cell where it repeats it, so a cell that is the
    /// start of the header's (or the header's of it) still repeats it. Texts are compared on
    /// their base letters, and two misread number headers ("TT" read "mm", then "Mr") match.
    pub fn repeats(&self, index: usize, cells: &[String]) -> bool {
        let Some(row) = self.rows.get(index) else { return false };
        // Cheap rejection first: a body row's number cell differs from the header's.
        let first = cells.first().map(|c| fold(&plain(c))).unwrap_or_default();
        let header_first = row.first().cloned().unwrap_or_default();
        if first != header_first && !(misread_number_header(&first) && misread_number_header(&header_first)) {
            return false;
        }
        let mut cells: Vec<String> = cells.iter().map(|c| fold(&plain(c))).collect();
        if let Some(c) = cells.first_mut() {
            c.clone_from(&header_first);
        }
        let trim = |v: &[String]| v.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
        if cells[..trim(&cells)] == row[..trim(row)] {
            return true;
        }
        let clipped = |a: &str, b: &str| a.chars().count() >= 8 && b.starts_with(a.trim_end_matches([',', ';', ' ']));
        let width = trim(&cells).max(trim(row));
        let pairs =
            (0..width).map(|i| (cells.get(i).map_or("", String::as_str), row.get(i).map_or("", String::as_str)));
        let mut same = 0;
        for (a, b) in pairs {
            if a == b {
                same += usize::from(!a.is_empty());
            } else if clipped(a, b) || clipped(b, a) {
                same += 1;
            } else {
                return false;
            }
        }
        same >= 2
    }

    /// The columns that hold item numbers (the first column when none is named so).
    pub fn number_columns(&self) -> impl Iterator<Item = usize> + '_ {
        let named = self.columns.contains(&Column::Code);
        self.columns
            .iter()
            .enumerate()
            .filter(move |(i, c)| if named { **c == Column::Code } else { *i == 0 })
            .map(|(i, _)| i)
    }

    /// Whether any column holds targets (years, levels or products), so that the words don't.
    pub fn has_target_columns(&self) -> bool {
        self.columns.iter().any(|c| matches!(c, Column::Year(_) | Column::Target | Column::Product))
    }

    /// Whether the header names what a plan assigns: a unit, a deadline or a target. A table
    /// of equipment or a budget names none.
    pub fn names_a_plan_role(&self) -> bool {
        self.columns.iter().any(|c| {
            matches!(c, Column::Role(_) | Column::Deadline | Column::Year(_) | Column::Target | Column::Product)
        })
    }

    pub fn years(&self) -> Vec<i32> {
        self.columns.iter().filter_map(|c| if let Column::Year(y) = c { Some(*y) } else { None }).collect()
    }
}

/// A header row numbers its items and names the content: "STT" with "Chỉ tiêu"/"Nội dung"/…,
/// or at least two columns whose roles the reader knows.
fn looks_like_header(cells: &[String]) -> bool {
    // A body row's number; a scan's misread "TT" ("8m") is no number.
    let numbered = cells.first().is_some_and(|c| {
        c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
            && (crate::code::Code::parse(c).is_some() || !c.chars().any(char::is_alphabetic))
    });
    if numbered || cells.iter().any(|c| c.chars().count() > 200) {
        return false;
    }
    let known = cells.iter().filter(|c| !c.is_empty()).map(|c| classify(c));
    let mut code = false;
    let mut text = false;
    let mut roles = 0;
    for column in known {
        match column {
            Column::Code => code = true,
            Column::Text => text = true,
            Column::Role(_) | Column::Deadline | Column::Unit | Column::Target | Column::Product => roles += 1,
            _ => {}
        }
    }
    (code && (text || roles >= 1)) || (text && roles >= 1) || roles >= 3
}

/// The second header line sits under the first and holds years or column names (001: "Trực
/// tiếp Chỉ đạo | Đơn vị chủ trì | Đơn vị phối hợp"; 003: years), or splits a number column
/// ("Stt" over "TT | Chi tiết"). Its number cell is empty unless it is such a split.
fn is_sub_header(top: &[String], sub: &[String]) -> bool {
    // The nearest header word at or left of column `i`: the cell `i` sits under.
    let parent = |i: usize| top[..=i.min(top.len().saturating_sub(1))].iter().rev().find(|c| !c.is_empty());
    let under_number = |i: usize| parent(i).is_some_and(|p| classify(p) == Column::Code);
    if sub.first().is_some_and(|c| {
        !c.is_empty() && !((classify(c) == Column::Code || misread_number_header(c)) && under_number(0))
    }) {
        return false;
    }
    let filled: Vec<(usize, &String)> = sub.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect();
    if filled.is_empty() {
        return false;
    }
    let under_span = filled.iter().any(|&(i, _)| top.get(i).is_none_or(String::is_empty));
    filled
        .iter()
        .all(|&(i, c)| year(c).is_some() || under_number(i) || !matches!(classify(c), Column::Other(_) | Column::Text))
        && (under_span || filled.iter().any(|(_, c)| year(c).is_some()))
}

/// A few letters that are no item number, where a number column's header is: "TT" as OCR may
/// read it ("mm", "Mr"). A roman numeral ("II") is an item number.
fn misread_number_header(cell: &str) -> bool {
    (1..=3).contains(&cell.chars().count())
        && cell.chars().all(char::is_alphabetic)
        && crate::code::Code::parse(&cell.to_uppercase()).is_none()
}

/// "2025", "Năm 2030" → the year.
fn year(cell: &str) -> Option<i32> {
    let k = fold(cell);
    let digits = k.strip_prefix("nam ").unwrap_or(&k).trim();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten().filter(|y| (1990..=2100).contains(y))
}

/// The role of a column from its header words. Order matters: the more specific words win
/// ("Đơn vị chủ trì theo dõi, … tổng hợp" is the monitor, "Thời gian thực hiện" the deadline).
/// Words OCR read with a wrong tone mark ("kiếm tra", "Chí tiêu") are matched on their base
/// letters when the exact words name no role.
pub fn classify(name: &str) -> Column {
    match classify_key(&key(name), false) {
        Some(column) => column,
        None => classify_key(&fold(name), true).unwrap_or_else(|| Column::Other(name.to_owned())),
    }
}

/// The role header key `k` names; with `folded`, `k` and the words are compared without
/// diacritics ([`fold`]).
fn classify_key(k: &str, folded: bool) -> Option<Column> {
    let k = k.trim_end_matches([':', '.']).trim();
    let word = |w: &str| if folded { fold(w) } else { w.to_owned() };
    let has = |words: &[&str]| words.iter().any(|w| k.contains(&word(w)));
    let is = |words: &[&str]| words.iter().any(|w| k == word(w));
    // A narrow number column breaks its header inside the word ("ST / T").
    let compact: String = k.chars().filter(|c| !c.is_whitespace()).collect();
    let column = if is(&["stt", "tt", "số tt", "số thứ tự", "thứ tự", "mã", "mã số", "số"])
        || k.starts_with("stt")
        || matches!(compact.as_str(), "stt" | "tt")
    {
        Column::Code
    } else if has(&["ghi chú"]) {
        Column::Note
    } else if has(&["đơn vị tính", "đvt", "đơn vị đo"]) {
        Column::Unit
    } else if has(&["phối hợp"]) {
        Column::Role(Role::Coordinate)
    } else if has(&["trực tiếp chỉ đạo", "chỉ đạo"]) && !has(&["chủ trì"]) {
        Column::Role(Role::Direct)
    } else if has(&["theo dõi", "đôn đốc", "kiểm tra", "giám sát", "đánh giá", "tổng hợp"]) {
        Column::Role(Role::Monitor)
    } else if has(&["thời gian", "thời hạn", "tiến độ", "hạn hoàn thành", "mốc", "số ngày", "thời điểm"])
    {
        Column::Deadline
    } else if has(&["chủ trì", "thực hiện", "triển khai", "báo cáo", "chịu trách nhiệm", "cơ quan", "đơn vị"])
    {
        Column::Role(Role::Lead)
    } else if has(&["sản phẩm"]) {
        Column::Product
    } else if has(&["mức chỉ tiêu", "giá trị", "kết quả", "chỉ tiêu năm", "mục tiêu năm"]) {
        Column::Target
    } else if has(&["chỉ tiêu", "nhiệm vụ", "nội dung", "tên", "mục tiêu", "hoạt động", "danh mục"])
    {
        Column::Text
    } else {
        Column::Year(year(k)?)
    };
    Some(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<String> {
        s.split('\t').map(str::to_owned).collect()
    }

    #[test]
    fn header_words_give_column_roles() {
        let cases = [
            ("TT", Column::Code),
            ("Chỉ tiêu/nhiệm vụ", Column::Text),
            (
                "Đơn vị chủ trì theo dõi, hướng dẫn, đôn đốc, kiểm tra và tổng hợp kết quả thực hiện",
                Column::Role(Role::Monitor),
            ),
            ("Đơn vị chủ trì tổ chức triển khai và báo cáo kết quả thực hiện", Column::Role(Role::Lead)),
            ("Thời gian hoàn thành", Column::Deadline),
            ("Thời gian thực hiện", Column::Deadline),
            ("Ghi chú", Column::Note),
            ("Trực tiếp Chỉ đạo", Column::Role(Role::Direct)),
            ("Đơn vị chủ trì", Column::Role(Role::Lead)),
            ("Đơn vị phối hợp thực hiện", Column::Role(Role::Coordinate)),
            ("Cơ quan chủ trì thực hiện chỉ tiêu", Column::Role(Role::Lead)),
            ("Cơ quan theo dõi, đánh giá, kiểm tra, tổng hợp báo cáo", Column::Role(Role::Monitor)),
            ("Đơn vị tính", Column::Unit),
            ("Tên/Mục tiêu cụ thể", Column::Text),
            ("Mức chỉ tiêu", Column::Target),
            ("Sản phẩm", Column::Product),
            ("Kết quả/sản phẩm", Column::Product),
            ("Thời hạn", Column::Deadline),
            ("Số ngày dự kiến", Column::Deadline),
            ("Số ngày thực hiện", Column::Deadline),
            ("Tên nhiệm vụ", Column::Text),
            ("Chỉ tiêu", Column::Text),
            // Tone marks OCR misread.
            ("Chí tiêu/nhiệm vụ", Column::Text),
            ("Cơ quan theo dõi, đánh giá, kiếm tra, tống hợp báo cáo", Column::Role(Role::Monitor)),
            ("Đơn vị chủ trì tố chức triến khai", Column::Role(Role::Lead)),
            ("Thòi gian hoàn thành", Column::Deadline),
            ("Năm 2030", Column::Year(2030)),
            ("Cột lạ", Column::Other("Cột lạ".into())),
        ];
        for (name, column) in cases {
            assert_eq!(classify(name), column, "{name}");
        }
    }

    #[test]
    fn two_line_header_takes_roles_from_the_second_line() {
        let top = cells("Stt\tNội dung chỉ tiêu\tPhân công thực hiện\t\t\tThời gian hoàn thành\tGhi chú");
        let sub = cells("\t\tTrực tiếp Chỉ đạo\tĐơn vị chủ trì\tĐơn vị phối hợp\t\t");
        let (header, used) = Header::detect(&top, Some(&sub)).unwrap();
        assert!(used);
        assert_eq!(
            header.columns,
            [
                Column::Code,
                Column::Text,
                Column::Role(Role::Direct),
                Column::Role(Role::Lead),
                Column::Role(Role::Coordinate),
                Column::Deadline,
                Column::Note
            ]
        );
        assert_eq!(header.names[3], "Phân công thực hiện / Đơn vị chủ trì");
    }

    #[test]
    fn a_number_column_split_in_two_gives_two_number_columns() {
        let top = cells("Stt\t\tTên nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời hạn");
        let sub = cells("TT\tChi tiết\t\t\t\t\t");
        let (header, used) = Header::detect(&top, Some(&sub)).unwrap();
        assert!(used);
        assert_eq!(header.columns[..3], [Column::Code, Column::Code, Column::Text]);
        assert_eq!(header.columns[5..], [Column::Product, Column::Deadline]);
        assert_eq!(header.number_columns().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(header.names[1], "Stt / Chi tiết");
    }

    #[test]
    fn year_columns_come_from_the_line_under_mức_chỉ_tiêu() {
        let top = cells(
            "Stt\tNội dung chỉ tiêu\tĐơn vị tính\tMức chỉ tiêu\t\t\t\t\tCơ quan chủ trì thực hiện chỉ tiêu\tCơ quan theo dõi, đánh giá",
        );
        let sub = cells("\t\t\t2025\t2030\t2035\t2040\t2045\t\t");
        let (header, used) = Header::detect(&top, Some(&sub)).unwrap();
        assert!(used);
        assert_eq!(header.years(), [2025, 2030, 2035, 2040, 2045]);
        assert_eq!(header.columns[8], Column::Role(Role::Lead));
        assert_eq!(header.columns[9], Column::Role(Role::Monitor));
    }

    #[test]
    fn chỉ_tiêu_beside_a_content_column_holds_the_targets() {
        let (header, _) = Header::detect(&cells("STT\tNội dung\tChỉ tiêu\tĐơn vị chủ trì"), None).unwrap();
        assert_eq!(header.columns, [Column::Code, Column::Text, Column::Target, Column::Role(Role::Lead)]);
        let (header, _) = Header::detect(&cells("TT\tChỉ tiêu\tĐơn vị chủ trì"), None).unwrap();
        assert_eq!(header.columns, [Column::Code, Column::Text, Column::Role(Role::Lead)]);
    }

    #[test]
    fn a_misread_number_header_still_splits_the_number_column_and_repeats() {
        let top = cells("Stt\t\tTên nhiệm vụ\tĐơn vị chủ trì\tThời hạn");
        let sub = cells("mm\tChỉ tiết\t\t\t");
        let (header, used) = Header::detect(&top, Some(&sub)).unwrap();
        assert!(used);
        assert_eq!(header.columns[..3], [Column::Code, Column::Code, Column::Text]);
        assert!(header.repeats(0, &cells("Stt\t\tTên nhiệm vụ\tĐơn vị chú trì\tThời hạn")));
        assert!(header.repeats(1, &cells("Mr\tChi tiết\t\t\t")));
        assert!(!header.repeats(1, &cells("II\tChi tiết\t\t\t")));
        // A section numbered in roman figures under the header is no sub-header.
        let (_, used) = Header::detect(&top, Some(&cells("II\tPhát triển hạ tầng\t\t\t"))).unwrap();
        assert!(!used);
    }

    #[test]
    fn a_short_unknown_first_header_before_the_words_is_the_number_column() {
        let (header, _) = Header::detect(&cells("8m\tChí tiêu/nhiệm vụ\tĐơn vị chủ trì"), None).unwrap();
        assert_eq!(header.columns, [Column::Code, Column::Text, Column::Role(Role::Lead)]);
        let (header, _) = Header::detect(&cells("Lĩnh vực\tNội dung\tĐơn vị chủ trì"), None).unwrap();
        assert_eq!(header.columns[0], Column::Other("Lĩnh vực".into()));
    }

    #[test]
    fn a_body_row_is_no_header_and_no_sub_header() {
        let body = cells(
            "1.\tPhủ sóng 5G trên dân số\t%\t≥ 60\t100\t-\t-\t-\tCác doanh nghiệp viễn thông\tSở Khoa học và Công nghệ",
        );
        assert!(Header::detect(&body, None).is_none());
        let top = cells("TT\tChỉ tiêu/nhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành");
        let continuation = cells("\tbảo đảm an ninh mạng\t\txuyên");
        let (_, used) = Header::detect(&top, Some(&continuation)).unwrap();
        assert!(!used);
    }

    #[test]
    fn repeated_header_is_recognised_despite_markup_and_trailing_cells() {
        let top = cells("TT\tChỉ tiêu/nhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành");
        let (header, _) = Header::detect(&top, None).unwrap();
        assert!(header.repeats(0, &cells("TT\t**Chỉ tiêu/nhiệm vụ**\tĐơn vị chủ trì\tThời gian hoàn thành\t")));
        assert!(!header.repeats(0, &cells("1.\tChỉ tiêu\t\t")));
    }
}
