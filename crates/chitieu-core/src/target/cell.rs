//! A whole target cell of a year column ("≥ 60", "15-20", "0,7", "Có", "Duy trì, phát triển"):
//! a number with or without a comparator, a range, yes/done, or a level in words.

use super::lexicon::YES;
use super::reading::{Mode, read_at};
use super::{Comparator, Target, read_sentence};
use crate::text::{clean, key};
use crate::token::{Kind, tokens};

/// The target(s) a cell sets for `year`; `unit` (the item's unit column) where the cell writes
/// none. Empty for "", "-" and other cells without letters or digits.
pub fn read_cell(cell: &str, year: Option<i32>, unit: Option<&str>) -> Vec<Target> {
    let text = clean(cell);
    if !text.chars().any(char::is_alphanumeric) {
        return Vec::new();
    }
    let with_year = |mut target: Target| {
        target.year = year;
        if target.value.is_some() && target.unit.is_none() {
            target.unit = unit.map(str::to_owned);
        }
        target
    };
    if let Some(target) = whole_level(&text) {
        return vec![with_year(target)];
    }
    let found = read_sentence(&text);
    if !found.is_empty() {
        return found.into_iter().map(with_year).collect();
    }
    let words = key(text.trim_end_matches(['.', ';', ',']));
    let op = if YES.contains(&words.as_str()) { Comparator::Bool } else { Comparator::Qualitative };
    vec![Target { year, op, value: None, value_max: None, unit: None, subject: None, raw: text }]
}

/// The cell read as one level: an optional comparator, a number or range, "%" or a count noun,
/// and nothing else (a final "." allowed).
fn whole_level(text: &str) -> Option<Target> {
    let tokens = tokens(text);
    let mut end = tokens.len();
    if tokens.last().is_some_and(|t| t.is_sign(&["."])) {
        end -= 1;
    }
    let i = tokens.iter().position(|t| t.kind == Kind::Number)?;
    let found = read_at(text, &tokens[..end], i, Mode::Cell)?;
    (found.first == 0 && found.last == end).then(|| Target { raw: text.to_owned(), ..found.target })
}

#[cfg(test)]
mod tests;
