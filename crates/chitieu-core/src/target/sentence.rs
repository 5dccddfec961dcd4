//! The targets in an item's free text ("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%"):
//! every number that reads as a target, its per-capita unit, its subject when there are several,
//! and "Hoàn thành …" as a yes/no target when no number is one.

use super::lexicon::PER_CAPITA;
use super::reading::{Found, Mode, phrase_at, read_at, tokens_text};
use super::subject::assign_subjects;
use super::{Comparator, Target};
use crate::text::clean;
use crate::token::{Kind, Token, starts_with_words, word_count};

/// The targets stated in `text`, in order, without a year.
pub fn read_sentence(text: &str) -> Vec<Target> {
    let text = clean(text);
    let tokens = crate::token::tokens(&text);
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match read_at(&text, &tokens, i, Mode::Sentence) {
            Some(mut f) => {
                let floor = found.last().map_or(0, |prev| prev.last);
                if f.first < floor {
                    f.first = floor;
                    f.target.raw = tokens_text(&text, &tokens[floor..f.last]);
                }
                i = f.last.max(i + 1);
                found.push(f);
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return done(&text, &tokens).into_iter().collect();
    }
    per_capita(&tokens, &mut found);
    assign_subjects(&text, &tokens, &mut found);
    found.into_iter().map(|f| f.target).collect()
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
