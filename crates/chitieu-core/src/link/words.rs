//! The words that name what an item measures: its text without the target level (the words of
//! its own targets, other numbers, comparator words, years), abbreviations spelled out, one
//! spelling for "Tỉ"/"Tỷ" and the like, stop words dropped, and every syllable folded (no
//! diacritics, "đ" as "d") so that "hoá"/"hóa" and slips such as "chuyên đổi số" still meet.

use crate::names;
use crate::plan::Item;
use crate::text::{clean, fold};

use super::lexicon::{ABBREVIATIONS, COMPOUNDS, COUNT_WORD, COUNT_WORD_VERBS, REWRITES, STOP_PHRASES, STOP_WORDS};

/// The folded syllables of what `item` measures, in reading order.
pub(super) fn words(item: &Item) -> Vec<String> {
    let mut tokens = split(&item.text);
    for target in &item.targets {
        // The level as the text writes it ("≥ 95%", "Đạt tối thiểu 70%", "từ 08 người") goes;
        // the unit it carries ("người", "doanh nghiệp") names the quantity and stays in place.
        let unit = target.unit.as_deref().filter(|u| *u != "%").map(split).unwrap_or_default();
        replace_run(&mut tokens, &split(&target.raw), unit);
    }
    let syllables = rewrite(&expand(&tokens));
    let mut kept = drop_phrases(&syllables);
    if kept.len() > 1 && kept[0] == COUNT_WORD && !COUNT_WORD_VERBS.contains(&fold(&kept[1]).as_str()) {
        kept.remove(0);
    }
    let stop =
        |i: usize| STOP_WORDS.contains(&kept[i].as_str()) && !COMPOUNDS.iter().any(|c| starts_with(&kept[i..], c));
    (0..kept.len()).filter(|&i| !stop(i)).map(|i| fold(&kept[i])).collect()
}

/// A word as written: letters and digits, with an inner "-" or "&" ("KT-XH", "KH&CN").
#[derive(Debug, Clone)]
struct Token {
    text: String,
    lower: String,
}

fn split(text: &str) -> Vec<Token> {
    let chars: Vec<char> = clean(text).chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '-' | '&')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            current.push(c);
        } else if !current.is_empty() {
            out.push(Token { lower: current.to_lowercase(), text: std::mem::take(&mut current) });
        }
    }
    if !current.is_empty() {
        out.push(Token { lower: current.to_lowercase(), text: current });
    }
    out
}

/// Replaces the first run of `tokens` equal (in lower case) to `run` with `by`.
fn replace_run(tokens: &mut Vec<Token>, run: &[Token], by: Vec<Token>) {
    if run.is_empty() || run.len() > tokens.len() {
        return;
    }
    let found = tokens.windows(run.len()).position(|w| w.iter().zip(run).all(|(a, b)| a.lower == b.lower));
    if let Some(start) = found {
        tokens.splice(start..start + run.len(), by);
    }
}

/// The expansion of an abbreviation written with at least two capitals.
fn abbreviation(word: &str) -> Option<&'static str> {
    if word.chars().filter(|c| c.is_uppercase()).count() < 2 {
        return None;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.iter().chain(names::ABBREVIATIONS).find(|(short, _)| *short == lower).map(|(_, full)| *full)
}

/// Lower-case syllables with abbreviations spelled out and bare numbers dropped.
fn expand(tokens: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |word: &str| {
        if let Some(full) = abbreviation(word) {
            out.extend(full.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).map(str::to_owned));
        } else if !word.chars().all(|c| c.is_ascii_digit()) {
            out.push(word.to_lowercase());
        }
    };
    for token in tokens {
        if abbreviation(&token.text).is_none() && token.text.contains(['-', '&']) {
            token.text.split(['-', '&']).for_each(&mut push);
        } else {
            push(&token.text);
        }
    }
    out
}

/// The syllables with every spelling in [`REWRITES`] put in its one form.
fn rewrite(syllables: &[String]) -> Vec<String> {
    substitute(syllables, |rest| {
        REWRITES.iter().find(|(from, _)| starts_with(rest, from)).map(|(f, to)| (f.len(), *to))
    })
}

/// The syllables without the phrases of [`STOP_PHRASES`].
fn drop_phrases(syllables: &[String]) -> Vec<String> {
    substitute(syllables, |rest| STOP_PHRASES.iter().find(|p| starts_with(rest, p)).map(|p| (p.len(), &[][..])))
}

/// The syllables with each run that `found` recognises at its start (its length and its
/// replacement) replaced, left to right.
fn substitute(
    syllables: &[String],
    found: impl Fn(&[String]) -> Option<(usize, &'static [&'static str])>,
) -> Vec<String> {
    let mut out = Vec::with_capacity(syllables.len());
    let mut i = 0;
    while i < syllables.len() {
        if let Some((len, by)) = found(&syllables[i..]) {
            out.extend(by.iter().map(|s| (*s).to_owned()));
            i += len;
        } else {
            out.push(syllables[i].clone());
            i += 1;
        }
    }
    out
}

fn starts_with(syllables: &[String], phrase: &[&str]) -> bool {
    syllables.len() >= phrase.len() && syllables.iter().zip(phrase).all(|(s, p)| s == p)
}
