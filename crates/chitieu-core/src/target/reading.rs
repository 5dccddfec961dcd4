//! One target read at one number: the comparator words before it, "%" or a count noun after it,
//! a second number for a range, and "trở lên"/"trở xuống"; or nothing, when the number is a
//! label, a code, a date, a year or a measure of something else.

use super::lexicon::{AFTERWORDS, COMPARATORS, FILLERS, FROM, LABELS, LEADS};
use super::unit::{UnitKind, count_noun, read_unit};
use super::{Comparator, Target};
use crate::token::{Kind, Token, ends_with_words, starts_with_words, word_count};

/// How much a number must say to be read as a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// In running text: only with "%", a comparator, or (a range) a count noun.
    Sentence,
    /// In running text that states no level otherwise: a count ("02 mô hình") is one too.
    Count,
    /// A whole cell: a bare number is a target too.
    Cell,
}

/// A target and where its words lie among the tokens.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub target: Target,
    /// Token range of `raw`: `first..last`.
    pub first: usize,
    pub last: usize,
    /// The token where the noun phrase after the level starts (a count noun, or what follows "%").
    pub noun: usize,
    /// The unit is a rate ("Mbps"), which describes a subject as often as it sets a level.
    pub rate: bool,
}

/// The target whose number is `tokens[i]`, if it is one.
pub(super) fn read_at(text: &str, tokens: &[Token<'_>], i: usize, mode: Mode) -> Option<Found> {
    let value = tokens[i].value()?;
    let of_all = out_of(tokens, i, value);
    if !of_all && code_like(tokens, i) {
        return None;
    }
    let mut j = if of_all { i + 3 } else { i + 1 };
    let mut sign = take_percent(tokens, &mut j);
    let mut value_max = None;
    if let Some(k) = range_end(tokens, j).filter(|&k| !of_all && tokens[k].value().is_some_and(|max| max > value)) {
        value_max = tokens[k].value();
        j = k + 1;
        let second = take_percent(tokens, &mut j);
        sign = sign.or(second);
    }
    let noun = j;
    let running = mode != Mode::Cell;
    let unit = read_unit(text, tokens, &mut j, sign, running)?;
    let counted = unit.kind == UnitKind::Count;
    if mode == Mode::Count && !counted {
        return None;
    }
    if running && unit.kind != UnitKind::Percent && labelled(&tokens[..i], counted) {
        return None;
    }
    let before = comparator_before(tokens, i);
    let after = AFTERWORDS.iter().find(|(words, _)| starts_with_words(&tokens[j..], words)).map(|(words, op)| {
        j += word_count(words);
        *op
    });
    let noun = if unit.kind == UnitKind::Percent { j } else { noun };
    let first = before.map_or(i, |(first, ..)| first);
    let stated =
        unit.kind == UnitKind::Percent || before.is_some() || after.is_some() || (value_max.is_some() && counted);
    let refused = match mode {
        Mode::Count => before.is_some() || after.is_some(),
        Mode::Sentence => {
            let year_like = unit.kind == UnitKind::Bare && [Some(value), value_max].into_iter().flatten().any(is_year);
            !stated || year_like
        }
        Mode::Cell => false,
    };
    // An age is a level only when reached ("Tuổi thọ trung bình đạt 75,5 tuổi").
    if refused || (running && unit.kind == UnitKind::Age && !tokens[first].is_word("đạt")) {
        return None;
    }
    let op = match (value_max, before, after) {
        (Some(_), ..) => Comparator::Range,
        (None, Some((_, op, from)), after) if from || op == Comparator::Eq => after.unwrap_or(op),
        (None, Some((_, op, _)), _) | (None, None, Some(op)) => op,
        (None, None, None) => Comparator::Eq,
    };
    let raw = tokens_text(text, &tokens[first..j]);
    let rate = unit.kind == UnitKind::Rate;
    let target = Target { year: None, op, value: Some(value), value_max, unit: unit.text, subject: None, raw };
    Some(Found { target, first, last: j, noun, rate })
}

/// "126/126 xã, phường": a count out of all there are, written before a count noun.
fn out_of(tokens: &[Token<'_>], i: usize, value: f64) -> bool {
    tokens.get(i + 1).is_some_and(|t| !t.spaced && t.is_sign(&["/"]))
        && tokens.get(i + 2).and_then(Token::value).is_some_and(|all| all >= value)
        && tokens.get(i + 3).is_some_and(|t| t.spaced)
        && count_noun(tokens, i + 3).is_some()
}

/// Whether the words before a number name what it labels ("cấp độ 3", "năm 2026"). "định kỳ" is
/// "periodic", and "cấp" before a count is the verb "issue" ("Cấp 10.000 chứng thư").
fn labelled(before: &[Token<'_>], counted: bool) -> bool {
    if ends_with_words(before, "định kỳ") {
        return false;
    }
    LABELS.iter().any(|label| ends_with_words(before, label) && !(counted && *label == "cấp"))
}

/// A number written as part of a code, a date or a ratio ("06/CP", "10/10/2026", "24/7",
/// "57-NQ"), not as an amount.
fn code_like(tokens: &[Token<'_>], i: usize) -> bool {
    let after_joiner = i > 0 && !tokens[i].spaced && tokens[i - 1].is_sign(&["/", "-", "–", ".", "\\"]);
    after_joiner || joined_after(tokens, i)
}

/// A number followed without a space by "/" ("12/2026", "06/CP") or by "-" and a word ("57-NQ").
fn joined_after(tokens: &[Token<'_>], i: usize) -> bool {
    let joined = |t: &Token<'_>| !t.spaced;
    let before_slash = tokens.get(i + 1).is_some_and(|n| joined(n) && n.is_sign(&["/", "\\"]));
    let before_code = tokens.get(i + 1).is_some_and(|n| joined(n) && n.is_sign(&["-", "–"]))
        && tokens.get(i + 2).is_some_and(|w| joined(w) && w.kind == Kind::Word);
    before_slash || before_code
}

/// Steps over "%", "‰" (or "phần trăm") at `*j`; the sign, if there was one.
fn take_percent(tokens: &[Token<'_>], j: &mut usize) -> Option<&'static str> {
    if let Some(sign) = tokens.get(*j).and_then(|t| ["%", "‰"].into_iter().find(|s| t.is_sign(&[s]))) {
        *j += 1;
        Some(sign)
    } else if starts_with_words(&tokens[(*j).min(tokens.len())..], "phần trăm") {
        *j += 2;
        Some("%")
    } else {
        None
    }
}

/// The index of the upper number of a range "X-Y", "X – Y", "X đến Y" whose connector is at `j`.
fn range_end(tokens: &[Token<'_>], j: usize) -> Option<usize> {
    let connector = tokens.get(j)?;
    let dash = connector.is_sign(&["-", "–", "—"]);
    if !(dash || connector.is_word("đến") || connector.is_word("tới")) {
        return None;
    }
    let end = tokens.get(j + 1)?;
    (end.kind == Kind::Number && !joined_after(tokens, j + 1)).then_some(j + 1)
}

/// The comparator written before `tokens[i]`: the index of its first word (leads included), the
/// comparator, and whether it is "từ".
fn comparator_before(tokens: &[Token<'_>], i: usize) -> Option<(usize, Comparator, bool)> {
    let fillers =
        std::iter::once(0).chain(FILLERS.iter().filter(|f| ends_with_words(&tokens[..i], f)).map(|f| word_count(f)));
    for skipped in fillers {
        let end = i - skipped;
        let best = COMPARATORS
            .iter()
            .filter(|(words, _)| ends_with_words(&tokens[..end], words))
            .max_by_key(|(words, _)| word_count(words));
        if let Some((words, op)) = best {
            let mut first = end - word_count(words);
            while let Some(lead) = LEADS.iter().find(|lead| ends_with_words(&tokens[..first], lead)) {
                first -= word_count(lead);
            }
            return Some((first, *op, *words == FROM));
        }
    }
    None
}

/// The first of `phrases` the tokens start with, longest first.
pub(super) fn phrase_at<'p>(tokens: &[Token<'_>], phrases: &[&'p str]) -> Option<&'p str> {
    phrases.iter().filter(|p| starts_with_words(tokens, p)).max_by_key(|p| word_count(p)).copied()
}

/// The text the tokens span, as written.
pub(super) fn tokens_text(text: &str, tokens: &[Token<'_>]) -> String {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => text[first.start..last.end].to_owned(),
        _ => String::new(),
    }
}

/// A whole number that reads as a calendar year.
fn is_year(value: f64) -> bool {
    value.fract() == 0.0 && (1900.0..=2100.0).contains(&value)
}
