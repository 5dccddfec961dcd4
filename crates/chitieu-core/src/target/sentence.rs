//! The targets in an item's free text ("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%"):
//! every number that reads as a target, its per-capita unit, its subject when there are several,
//! and "Hoàn thành …" as a yes/no target when no number is one.
//!
//! Text is read clause by clause ("- …" lines, ";"): a clause that states no level with "%" or a
//! comparator sets its counts ("Thí điểm tại 126 xã, phường", "02 mô hình"); numbers that only
//! describe a subject ("hộ có doanh thu trên 1 tỷ đồng") are left out; "mỗi xã …" makes a count
//! per commune ("mô hình/xã").

use std::ops::Range;

use super::clause::{clause_of, clauses};
use super::lexicon::{PER_CAPITA, PER_EACH};
use super::qualifier::{count_describes_subject, describes_subject};
use super::reading::{Found, Mode, phrase_at, read_at, tokens_text};
use super::subject::assign_subjects;
use super::{Comparator, Target};
use crate::text::clean;
use crate::token::{Kind, Token, starts_with_words, word_count};

/// Words between two counts of one list ("12 chỉ tiêu và 35 nhiệm vụ").
const LISTED_WORDS: usize = 4;

/// The targets stated in `text`, in order, without a year.
pub fn read_sentence(text: &str) -> Vec<Target> {
    let text = clean(text);
    let tokens = crate::token::tokens(&text);
    let clauses = clauses(&tokens);
    let mut found = stated(&text, &tokens, &clauses);
    shares_only(&tokens, &clauses, &mut found);
    counts(&text, &tokens, &clauses, &mut found);
    if found.is_empty() {
        return done(&text, &tokens).into_iter().collect();
    }
    per_each(&text, &tokens, &clauses, &mut found);
    per_capita(&tokens, &mut found);
    assign_subjects(&text, &tokens, &clauses, &mut found);
    found.into_iter().map(|f| f.target).collect()
}

/// The targets stated with "%" or a comparator, those describing a subject left out.
fn stated(text: &str, tokens: &[Token<'_>], clauses: &[Range<usize>]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match read_at(text, tokens, i, Mode::Sentence) {
            Some(mut f) => {
                let number = i;
                i = f.last.max(i + 1);
                if describes_subject(tokens, &clause_of(clauses, number), &f) {
                    continue;
                }
                let floor = found.last().map_or(0, |prev| prev.last);
                if f.first < floor {
                    f.first = floor;
                    f.target.raw = tokens_text(text, &tokens[floor..f.last]);
                }
                found.push(f);
            }
            None => i += 1,
        }
    }
    found
}

/// A clause naming a share ("Tỷ lệ phụ nữ mang thai được khám thai ít nhất 4 lần đạt 90%") sets
/// its level in "%": numbers before the share describe whom it counts.
fn shares_only(tokens: &[Token<'_>], clauses: &[Range<usize>], found: &mut Vec<Found>) {
    let percent = |f: &Found| f.target.unit.as_deref().is_some_and(|u| u.starts_with(['%', '‰']));
    let shares: Vec<(Range<usize>, usize)> = found
        .iter()
        .filter(|f| percent(f))
        .filter_map(|f| {
            let clause = clause_of(clauses, f.first);
            let share = ["tỷ lệ", "tỉ lệ"].iter().any(|w| starts_with_words(&tokens[clause.start..], w));
            share.then_some((clause, f.first))
        })
        .collect();
    found.retain(|f| percent(f) || !shares.iter().any(|(clause, at)| clause.contains(&f.first) && f.first < *at));
}

/// In each clause that states no level, its counts outside brackets ("Tổ chức 03 lớp tập huấn").
fn counts(text: &str, tokens: &[Token<'_>], clauses: &[Range<usize>], found: &mut Vec<Found>) {
    let mut depth = 0i32;
    let bracketed: Vec<bool> = tokens
        .iter()
        .map(|t| {
            depth += i32::from(t.is_sign(&["("])) - i32::from(t.is_sign(&[")"]));
            depth > 0
        })
        .collect();
    for clause in clauses {
        if found.iter().any(|f| f.first < clause.end && f.last > clause.start) {
            continue;
        }
        let mut k = clause.start;
        // The end of the last count that described its subject: one listed after it with "và"
        // or "," does too ("gồm 12 chỉ tiêu và 35 nhiệm vụ").
        let mut described: Option<usize> = None;
        while k < clause.end {
            let Some(f) = (tokens[k].kind == Kind::Number && !bracketed[k])
                .then(|| read_at(text, &tokens[..clause.end], k, Mode::Count))
                .flatten()
            else {
                k += 1;
                continue;
            };
            k = f.last.max(k + 1);
            let listed = described.is_some_and(|end| {
                f.first - end <= LISTED_WORDS
                    && tokens[end..f.first].iter().any(|t| t.is_word("và") || t.is_sign(&[","]))
            });
            if listed || count_describes_subject(tokens, clause, f.first) {
                described = Some(f.last);
            } else {
                found.push(f);
            }
        }
    }
    found.sort_by_key(|f| f.first);
}

/// A count in a clause with "mỗi <unit>" before it is per that unit ("mỗi xã có ít nhất 01 mô
/// hình" → "mô hình/xã").
fn per_each(text: &str, tokens: &[Token<'_>], clauses: &[Range<usize>], found: &mut [Found]) {
    for f in found.iter_mut() {
        let Some(unit) = f.target.unit.as_deref().filter(|u| !u.contains(['%', '/'])) else {
            continue;
        };
        let clause = clause_of(clauses, f.first);
        let Some(each) = (clause.start..f.first).find(|&k| tokens[k].is_word("mỗi")) else {
            continue;
        };
        let mut end = each + 1;
        while let Some(word) = phrase_at(&tokens[end..f.first], PER_EACH) {
            end += word_count(word);
            if !(tokens.get(end).is_some_and(|t| t.is_sign(&[","]))
                && phrase_at(&tokens[end + 1..f.first], PER_EACH).is_some())
            {
                break;
            }
            end += 1;
        }
        if end == each + 1 && tokens.get(end).is_some_and(|t| t.kind == Kind::Word) && end < f.first {
            end += 1;
        }
        if end > each + 1 {
            let per = tokens_text(text, &tokens[each + 1..end]).to_lowercase();
            f.target.unit = Some(format!("{unit}/{per}"));
        }
    }
}

/// A count followed, before the next target, by a per-capita denominator ("từ 08 người … trên 01
/// vạn dân") is a count per that many people ("người/vạn dân").
fn per_capita(tokens: &[Token<'_>], found: &mut [Found]) {
    let limits: Vec<usize> = found.iter().skip(1).map(|f| f.first).chain([tokens.len()]).collect();
    for (f, limit) in found.iter_mut().zip(limits) {
        let Some(unit) = f.target.unit.as_deref().filter(|u| *u != "%") else {
            continue;
        };
        let denominator = (f.last..limit).find_map(|k| phrase_at(&tokens[k..limit], PER_CAPITA));
        if let Some(denominator) = denominator {
            f.target.unit = Some(format!("{unit}/{denominator}"));
        }
    }
}

/// "Hoàn thành …" at the start of an item: a yes/no target.
fn done(text: &str, tokens: &[Token<'_>]) -> Option<Target> {
    let start = tokens.iter().position(|t| t.kind != Kind::Sign)?;
    let words = &tokens[start..];
    starts_with_words(words, "hoàn thành").then(|| Target {
        year: None,
        op: Comparator::Bool,
        value: None,
        value_max: None,
        unit: None,
        subject: None,
        raw: tokens_text(text, &words[..word_count("hoàn thành")]),
    })
}

#[cfg(test)]
mod tests;
