//! The ordered scale of qualitative levels (Tốt > Khá > Trung bình > Yếu): reading a reported
//! level, and reading the level a target's words require ("Đạt mức khá", "Duy trì mức khá trở
//! lên").

use serde::{Deserialize, Serialize};

use crate::text::{fold, key};

/// A level on the scale units report qualitative results with, worst first so that `Ord`
/// reads "better than".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Yếu.
    Weak,
    /// Trung bình.
    Average,
    /// Khá.
    Good,
    /// Tốt.
    VeryGood,
}

impl Level {
    /// Best first, as a form offers them.
    pub const ALL: [Level; 4] = [Level::VeryGood, Level::Good, Level::Average, Level::Weak];

    pub fn label_vi(self) -> &'static str {
        match self {
            Level::VeryGood => "Tốt",
            Level::Good => "Khá",
            Level::Average => "Trung bình",
            Level::Weak => "Yếu",
        }
    }

    /// A reported level: the label itself, in any case, with or without diacritics
    /// ("Khá", "khá", "kha", "TRUNG BÌNH").
    pub fn parse(s: &str) -> Option<Level> {
        let written = key(s);
        if let Some(level) = Level::ALL.into_iter().find(|l| key(l.label_vi()) == written) {
            return Some(level);
        }
        let folded = fold(s);
        Level::ALL.into_iter().find(|l| fold(l.label_vi()) == folded)
    }

    /// The least level a target's words ask for: "Đạt mức khá" and "Duy trì mức khá trở lên"
    /// require Khá. When the words name several levels ("từ khá đến tốt") the lowest is the
    /// requirement. Diacritics must be there: "yêu cầu" is not "yếu".
    pub fn required_by(raw: &str) -> Option<Level> {
        let written = key(raw);
        let words: Vec<&str> = written.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        Level::ALL.into_iter().rev().find(|level| {
            let label = key(level.label_vi());
            let wanted: Vec<&str> = label.split(' ').collect();
            words.windows(wanted.len()).any(|window| window == wanted.as_slice())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_orders_tot_above_kha_above_trung_binh_above_yeu() {
        assert!(Level::VeryGood > Level::Good);
        assert!(Level::Good > Level::Average);
        assert!(Level::Average > Level::Weak);
        for level in Level::ALL {
            assert_eq!(Level::parse(level.label_vi()), Some(level));
        }
    }

    #[test]
    fn reported_levels_read_in_any_case_and_without_diacritics() {
        assert_eq!(Level::parse("khá"), Some(Level::Good));
        assert_eq!(Level::parse(" KHA "), Some(Level::Good));
        assert_eq!(Level::parse("Trung  bình"), Some(Level::Average));
        assert_eq!(Level::parse("trung binh"), Some(Level::Average));
        assert_eq!(Level::parse("Xuất sắc"), None);
        assert_eq!(Level::parse(""), None);
    }

    #[test]
    fn targets_name_the_least_level_they_accept() {
        assert_eq!(Level::required_by("Đạt mức khá"), Some(Level::Good));
        assert_eq!(Level::required_by("Duy trì mức khá trở lên"), Some(Level::Good));
        assert_eq!(Level::required_by("Hoàn thành tốt nhiệm vụ"), Some(Level::VeryGood));
        assert_eq!(Level::required_by("Xếp loại từ khá đến tốt"), Some(Level::Good));
        assert_eq!(Level::required_by("Đạt loại trung bình trở lên"), Some(Level::Average));
        assert_eq!(Level::required_by("Đáp ứng yêu cầu"), None, "yêu cầu is not yếu");
        assert_eq!(Level::required_by("Duy trì, phát triển"), None);
        assert_eq!(Level::required_by("Làm chủ"), None);
    }
}
