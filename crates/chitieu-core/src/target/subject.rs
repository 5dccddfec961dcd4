//! Subjects for an item that sets several targets: "Đạt 100% đối với giáo viên và …" names its
//! subject after "đối với"; "100% giáo viên và ≥ 65% học sinh phổ thông được …" names it in the
//! noun phrase after the level, up to a verb, a punctuation mark or the next target; failing
//! both, the words before the target ("Tỷ lệ giáo viên đạt 100%, …").

use std::ops::Range;

use super::clause::clause_of;
use super::lexicon::{JOINERS, QUANTITIES, SUBJECT_ENDS};
use super::reading::{Found, phrase_at, tokens_text};
use crate::token::{Kind, Token, starts_with_words, word_count};

/// Sets `subject` on every target when there are at least two, each read within its clause;
/// failing a noun, the clause's words after the level ("100% được cung cấp trực tuyến").
pub(super) fn assign_subjects(text: &str, tokens: &[Token<'_>], clauses: &[Range<usize>], found: &mut [Found]) {
    if found.len() < 2 {
        return;
    }
    let bounds: Vec<(usize, usize)> = (0..found.len())
        .map(|k| {
            let clause = clause_of(clauses, found[k].last.saturating_sub(1));
            let floor = if k == 0 { 0 } else { found[k - 1].last };
            let limit = found.get(k + 1).map_or(tokens.len(), |n| n.first);
            (floor.max(clause.start).min(found[k].first), limit.min(clause.end).max(found[k].last))
        })
        .collect();
    for (f, (floor, limit)) in found.iter_mut().zip(bounds) {
        let after = &tokens[f.last..limit];
        let named = if starts_with_words(after, "đối với") {
            noun_phrase(text, &after[word_count("đối với")..])
        } else {
            noun_phrase(text, &tokens[f.noun.min(limit)..limit])
        };
        // A quantity alone ("50.000 tỷ đồng") names no subject when words before the level do.
        let quantity = f.target.unit.as_deref().is_some_and(|u| QUANTITIES.iter().any(|q| u.ends_with(q)));
        let unit_alone = quantity && named.as_deref().is_some_and(|n| n == tokens_text(text, &tokens[f.noun..f.last]));
        let before = phrase_before(text, &tokens[floor..f.first]);
        f.target.subject = match (named, before) {
            (Some(_), Some(before)) if unit_alone => Some(before),
            (named, before) => named.or(before).or_else(|| trimmed(text, after)),
        };
    }
}

/// The noun phrase the tokens start with, up to a subject-ending word or punctuation.
fn noun_phrase(text: &str, tokens: &[Token<'_>]) -> Option<String> {
    let end = (0..tokens.len())
        .find(|&k| stops(&tokens[k]) || phrase_at(&tokens[k..], SUBJECT_ENDS).is_some())
        .unwrap_or(tokens.len());
    trimmed(text, &tokens[..end])
}

/// The words before a target since the last punctuation mark, without "Tỷ lệ" and cut at a
/// subject-ending word.
fn phrase_before(text: &str, tokens: &[Token<'_>]) -> Option<String> {
    let start = tokens.iter().rposition(stops).map_or(0, |k| k + 1);
    let mut words = &tokens[start..];
    for lead in ["tỷ lệ", "tỉ lệ"] {
        if starts_with_words(words, lead) {
            words = &words[word_count(lead)..];
        }
    }
    noun_phrase(text, words)
}

fn stops(token: &Token<'_>) -> bool {
    token.kind == Kind::Sign && !token.is_sign(&["-", "–", "/", "&", "\"", "“", "”"])
}

/// The phrase without joining words at either end; `None` if nothing is left.
fn trimmed(text: &str, mut tokens: &[Token<'_>]) -> Option<String> {
    let joiner = |t: &Token<'_>| JOINERS.contains(&t.lower.as_ref()) || t.kind == Kind::Sign;
    while tokens.first().is_some_and(joiner) {
        tokens = &tokens[1..];
    }
    while tokens.last().is_some_and(joiner) {
        tokens = &tokens[..tokens.len() - 1];
    }
    let phrase = tokens_text(text, tokens);
    (!phrase.is_empty()).then_some(phrase)
}
