//! Numbers that describe a subject rather than set a level: "hộ có doanh thu trên 1 tỷ đồng",
//! "doanh nghiệp có trên 10 lao động", "với tốc độ từ 1 Gb/s trở lên", "trên 01 ha đất", "của
//! nhóm 05 thủ tục", "trong 03 ngày". "Mỗi xã có ít nhất 01 mô hình" and "Phấn đấu có 20 …"
//! set levels: "có" there is the target's own verb.

use std::ops::Range;

use super::lexicon::{COUNT_QUALIFIERS, PER_ONE, QUALIFIERS, VERBS_BEFORE_CO};
use super::reading::Found;
use crate::token::{Kind, Token, ends_with_words};

/// Words a description may put between "có"/"với" and its number ("có doanh thu trên …").
const DESCRIPTION_WORDS: usize = 3;

/// Whether a stated target found in running text only describes its subject.
pub(super) fn describes_subject(tokens: &[Token<'_>], clause: &Range<usize>, f: &Found) -> bool {
    if f.target.unit.as_deref().is_some_and(|u| u.starts_with('%')) || led(tokens, f.first) {
        return false;
    }
    let per_one = tokens[f.first].is_word("trên")
        && f.target.value == Some(1.0)
        && f.target.unit.as_deref().is_some_and(|u| PER_ONE.contains(&u));
    let rate_described = f.rate && !rate_stated(tokens, clause, f);
    per_one || rate_described || after_description(tokens, clause, f.first)
}

/// Whether a bare count at `at` belongs to its subject ("nhóm 05 thủ tục", "trong 03 ngày").
pub(super) fn count_describes_subject(tokens: &[Token<'_>], clause: &Range<usize>, at: usize) -> bool {
    let before = &tokens[clause.start..at];
    let adjacent = COUNT_QUALIFIERS.iter().any(|q| !QUALIFIERS.contains(q) && ends_with_words(before, q));
    adjacent || after_description(tokens, clause, at)
}

/// "đạt …", "chiếm …", "phấn đấu …", "tăng (thêm) …", "giảm …": the words of a level, never of
/// a description ("Số lao động có việc làm tăng thêm 25.000 người").
fn led(tokens: &[Token<'_>], first: usize) -> bool {
    ["đạt", "chiếm", "phấn", "tăng", "giảm"].iter().any(|w| tokens[first].is_word(w))
}

/// A rate sets a level when "đạt" leads it, a ":" comes before it, or it ends its clause
/// ("Băng thông tối thiểu 100 Mbps").
fn rate_stated(tokens: &[Token<'_>], clause: &Range<usize>, f: &Found) -> bool {
    let colon = f.first > 0 && tokens[f.first - 1].is_sign(&[":"]);
    let last = f.last.min(clause.end);
    let ends = tokens[last..clause.end].iter().all(|t| t.kind == Kind::Sign);
    colon || ends
}

/// Whether the words at `at` follow "<noun> có/với [≤ 3 words]" in their clause.
fn after_description(tokens: &[Token<'_>], clause: &Range<usize>, at: usize) -> bool {
    let start = clause.start.min(at);
    let mut k = at;
    for _ in 0..=DESCRIPTION_WORDS {
        if k <= start || tokens[k - 1].kind != Kind::Word {
            return false;
        }
        k -= 1;
        if QUALIFIERS.contains(&tokens[k].lower.as_ref()) {
            let before = &tokens[start..k];
            let noun_before = before.last().is_some_and(|t| t.kind == Kind::Word)
                && !VERBS_BEFORE_CO.iter().any(|v| ends_with_words(before, v));
            let per_each = before.iter().any(|t| t.is_word("mỗi"));
            return noun_before && !per_each;
        }
    }
    false
}
