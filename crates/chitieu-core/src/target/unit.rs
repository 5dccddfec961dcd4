//! The unit written after a target's number: "%" or "‰" (per a period: "%/năm"), a count noun
//! ("mô hình", "xã, phường", "triệu lượt") with what it is per ("lần/tuần", "bác sĩ/vạn dân",
//! "lớp tập huấn/năm" → "lớp/năm"), a rate ("Mbps", "Gb/s"), an age ("tuổi"); or the measure of
//! something else, after which a number in running text is no level ("01 vạn dân", "4 sao").

use super::lexicon::{COUNT_NOUNS, DENOMINATORS, MEASURES, MULTIPLIERS, RATES, SUBJECT_ENDS};
use super::reading::{phrase_at, tokens_text};
use crate::token::{Kind, Token, word_count};

/// What kind of unit follows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// None written.
    Bare,
    Percent,
    Count,
    Rate,
    Age,
}

/// The unit after a number and its text as the target keeps it.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub kind: UnitKind,
    pub text: Option<String>,
}

/// Periods a count may be per, written a word or two after it ("02 lớp tập huấn/năm").
const PERIODS: &[&str] = &["ngày", "tuần", "tháng", "quý", "năm", "năm học", "học kỳ"];

/// Words a count noun's phrase may run before its "/period".
const WORDS_BEFORE_PERIOD: usize = 2;

/// The unit at `*j` (after the number and its "%" sign, if any), stepping past it; `None` when,
/// in running text, the number measures something else.
pub(super) fn read_unit(
    text: &str,
    tokens: &[Token<'_>],
    j: &mut usize,
    sign: Option<&str>,
    running: bool,
) -> Option<Unit> {
    if let Some(sign) = sign {
        let per = per(text, tokens, j).unwrap_or_default();
        return Some(Unit { kind: UnitKind::Percent, text: Some(format!("{sign}{per}")) });
    }
    if let Some(end) = count_noun(tokens, *j) {
        let noun = tokens_text(text, &tokens[*j..end]);
        *j = end;
        let per = per(text, tokens, j).or_else(|| period_after(text, tokens, end)).unwrap_or_default();
        return Some(Unit { kind: UnitKind::Count, text: Some(format!("{noun}{per}").to_lowercase()) });
    }
    if let Some(word) = phrase_at(&tokens[*j..], RATES) {
        let mut end = *j + word_count(word);
        if tokens.get(end).is_some_and(|t| t.is_sign(&["/"])) && tokens.get(end + 1).is_some_and(|t| t.is_word("s")) {
            end += 2;
        }
        let rate = tokens_text(text, &tokens[*j..end]);
        *j = end;
        return Some(Unit { kind: UnitKind::Rate, text: Some(rate) });
    }
    match phrase_at(&tokens[*j..], MEASURES) {
        Some("tuổi") => {
            *j += 1;
            Some(Unit { kind: UnitKind::Age, text: Some("tuổi".to_owned()) })
        }
        Some(_) if running => None,
        _ => Some(Unit { kind: UnitKind::Bare, text: None }),
    }
}

/// The end of the count noun at `j`, with a multiplier before it ("triệu lượt", "nghìn tấn").
pub(super) fn count_noun(tokens: &[Token<'_>], j: usize) -> Option<usize> {
    if let Some(word) = phrase_at(tokens.get(j..)?, COUNT_NOUNS) {
        return Some(j + word_count(word));
    }
    let multiplied = tokens.get(j).is_some_and(|t| t.kind == Kind::Word && MULTIPLIERS.contains(&t.lower.as_ref()));
    let word = phrase_at(tokens.get(j + 1..)?, COUNT_NOUNS).filter(|_| multiplied)?;
    Some(j + 1 + word_count(word))
}

/// What the unit before `*j` is per: "/tuần", "/vạn dân", "/người/năm" (chained), stepping past
/// it; `None` when no "/" follows.
fn per(text: &str, tokens: &[Token<'_>], j: &mut usize) -> Option<String> {
    let mut out = String::new();
    while tokens.get(*j).is_some_and(|t| t.is_sign(&["/"])) {
        let at = *j + 1;
        let rest = tokens.get(at..).unwrap_or_default();
        let end = match phrase_at(rest, DENOMINATORS) {
            Some(word) => at + word_count(word),
            None if rest.len() > 1 && rest[0].kind == Kind::Number && rest[1].kind == Kind::Word => at + 2,
            None => {
                let words = rest
                    .iter()
                    .take(2)
                    .take_while(|t| t.kind == Kind::Word && !SUBJECT_ENDS.contains(&t.lower.as_ref()))
                    .count();
                if words == 0 {
                    break;
                }
                at + words
            }
        };
        out.push('/');
        out.push_str(&tokens_text(text, &tokens[at..end]));
        *j = end;
    }
    (!out.is_empty()).then_some(out)
}

/// "/năm" a word or two after the count noun ending at `end` ("02 lớp tập huấn/năm").
fn period_after(text: &str, tokens: &[Token<'_>], end: usize) -> Option<String> {
    let words = tokens[end..].iter().take(WORDS_BEFORE_PERIOD).take_while(|t| t.kind == Kind::Word).count();
    let slash = end + words;
    let joined = tokens.get(slash).is_some_and(|t| !t.spaced && t.is_sign(&["/"]));
    let period = phrase_at(tokens.get(slash + 1..)?, PERIODS).filter(|_| joined && words > 0)?;
    let at = slash + 1;
    Some(format!("/{}", tokens_text(text, &tokens[at..at + word_count(period)])))
}
