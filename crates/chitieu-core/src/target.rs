//! Targets (mức chỉ tiêu): the comparator, level(s), unit and sub-population one phrase sets,
//! and the grammar that reads them from Vietnamese plan text.

use serde::{Deserialize, Serialize};

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
