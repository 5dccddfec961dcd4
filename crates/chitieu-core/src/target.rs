//! Targets (mức chỉ tiêu): the comparator, level(s), unit and sub-population one phrase sets,
//! and the grammar that reads them from Vietnamese plan text.
//!
//! A number is a target when it carries "%" or a comparator:
//!
//! | written | reads as |
//! | --- | --- |
//! | "Đạt X", "tối thiểu X", "ít nhất X", "từ X", "X trở lên", "không dưới/thấp hơn/ít hơn X", "≥ X", "tăng (thêm) X", "thêm X", "chiếm X" | `>=` |
//! | "trên X", "vượt X", "hơn X", "> X" | `>` |
//! | "tối đa X", "không quá X", "không vượt quá X", "X trở xuống", "≤ X" | `<=` |
//! | "dưới X", "thấp hơn X", "< X" | `<` |
//! | a bare "X%" ("100% giáo viên …") | `=` |
//! | "X-Y", "từ X đến Y" (with "%", "từ" or a count noun) | `range` |
//! | a count in a clause that states no other level ("Thí điểm tại 126 xã, phường", "02 mô hình") | `=` |
//!
//! Leading "Đạt", "phấn đấu" and fillers ("tối thiểu là", "đạt mức") belong to the comparator
//! and to `raw`. "tăng X%" / "giảm X%" read as `>=`: the change is what gets reported.
//!
//! A number is not a target when it is joined to "/" or to "-" and a word (dates, "06/CP",
//! "24/7", "57-NQ"), follows a label without "%" ("cấp độ 3", "mức 2", "Đề án 06", "năm 2026",
//! "số 06", "lần thứ 4"), comes before a measure of something else ("15 tuổi", "01 vạn dân",
//! "4 sao"), is a bare year ("giai đoạn 2022 - 2026", "2026-2030"), or describes the subject
//! rather than sets a level: after "\<noun> có/với" ("hộ có doanh thu trên 1 tỷ đồng", "với tốc
//! độ từ 1 Gb/s"), "trên 01 ha", in a share's clause before its "%" ("Tỷ lệ phụ nữ … khám thai
//! ít nhất 4 lần đạt 90%"); a bare count also after "của", "gồm", "trong", "sau", … or in
//! brackets. A rate ("Mbps") sets a level after "đạt" or at the end of its clause; an age after
//! "đạt" ("Tuổi thọ đạt 75,5 tuổi").
//!
//! `unit` is "%" or "‰", a count noun written after the number ("lần", "doanh nghiệp", "xã,
//! phường", "triệu lượt"), a rate ("Mbps"), with what it is per: written after "/" ("lần/tuần",
//! "%/năm", "triệu đồng/người/năm"), a per-capita denominator later in the sentence
//! ("người/vạn dân"), or "mỗi \<unit>" before it ("mỗi xã có ít nhất 01 mô hình" → "mô
//! hình/xã"). `raw` is the comparator's words, the number(s) and the unit as written ("Đạt tối
//! thiểu 70%", "≥ 30 doanh nghiệp", "100%"). Text is read clause by clause ("- …" lines, ";").
//! Several targets each get a `subject` within their clause: the words after "đối với", else
//! the noun phrase after the level up to a verb ("được", "có", …), else the words before it,
//! else the clause's words after it.
//!
//! In a whole cell ([`read_cell`]) a bare number or range is a target too; "Có", "Đạt",
//! "Hoàn thành" are yes/no; any other words are a qualitative level kept in `raw`.

mod cell;
mod clause;
mod lexicon;
mod qualifier;
mod reading;
mod sentence;
mod subject;
mod unit;

use serde::{Deserialize, Serialize};

pub use cell::read_cell;
pub use sentence::read_sentence;

/// One target an item sets, for one year (or the plan's only year) and one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub year: Option<i32>,
    pub op: Comparator,
    #[serde(with = "crate::number::json")]
    pub value: Option<f64>,
    #[serde(with = "crate::number::json")]
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    /// The sub-population when one item holds several targets ("giáo viên", "học sinh phổ thông").
    pub subject: Option<String>,
    /// The words the target was read from, as written (markup converted).
    pub raw: String,
}

/// How a reported value is compared with the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    /// `value` ..= `value_max`.
    #[serde(rename = "range")]
    Range,
    /// Yes / done ("Có", "Đạt", "Hoàn thành").
    #[serde(rename = "bool")]
    Bool,
    /// A level in words ("Đạt mức khá", "Duy trì, phát triển"), kept in `raw`.
    #[serde(rename = "qualitative")]
    Qualitative,
}

/// Words a phrase may have and still be read as one cell by [`read_phrase`].
const PHRASE_WORDS: usize = 12;

/// The targets of a phrase typed by a user (`chitieu explain target`): those of
/// [`read_sentence`], else, for a phrase of a few words, the phrase read as a cell.
pub fn read_phrase(text: &str) -> Vec<Target> {
    let found = read_sentence(text);
    if !found.is_empty() || text.split_whitespace().count() > PHRASE_WORDS {
        return found;
    }
    read_cell(text, None, None)
}

#[cfg(test)]
mod tests;
