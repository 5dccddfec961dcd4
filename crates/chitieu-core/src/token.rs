//! Phrases cut into tokens for the target and deadline grammars: numbers, words and signs, each
//! with its place in the text and whether white space comes before it.

use crate::number::parse_number;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits with inner decimal marks or thousands dots ("8,5", "1.200", "07").
    Number,
    /// Letters, and digits joined to letters ("5G", "eID", "IPv6").
    Word,
    /// One other character ("%", "≥", "/", "-", ";"), or a two-character sign (">=", "<=").
    Sign,
}

/// One token of a phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token<'a> {
    pub(crate) kind: Kind,
    /// The token as written.
    pub(crate) text: &'a str,
    /// Lower case, for matching words.
    pub(crate) lower: std::borrow::Cow<'a, str>,
    /// Byte offsets of the token in the text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// White space comes right before the token.
    pub(crate) spaced: bool,
}

impl Token<'_> {
    /// The number's value, if it is a number a document could write.
    pub(crate) fn value(&self) -> Option<f64> {
        (self.kind == Kind::Number).then(|| parse_number(self.text)).flatten()
    }

    /// A whole number (no decimal mark), for days, months and years.
    pub(crate) fn whole(&self) -> Option<u32> {
        if self.kind == Kind::Number && self.text.bytes().all(|b| b.is_ascii_digit()) {
            self.text.parse().ok()
        } else {
            None
        }
    }

    pub(crate) fn is_sign(&self, signs: &[&str]) -> bool {
        self.kind == Kind::Sign && signs.contains(&self.text)
    }

    pub(crate) fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }
}

/// The tokens of `text`, in order.
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut i = 0;
    let mut spaced = false;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            while let Some(c) = at(i) {
                let inner_mark = matches!(c, '.' | ',') && at(i + 1).is_some_and(|n| n.is_ascii_digit());
                if c.is_ascii_digit() || inner_mark {
                    i += 1;
                } else {
                    break;
                }
            }
            if at(i).is_some_and(is_letter) {
                i = word_end(&chars, i);
                Kind::Word
            } else {
                Kind::Number
            }
        } else if is_letter(c) {
            i = word_end(&chars, i);
            Kind::Word
        } else {
            i += 1;
            if matches!((c, at(i)), ('>' | '<', Some('=')) | ('=', Some('>' | '<'))) {
                i += 1;
            }
            Kind::Sign
        };
        let (start, end) = (offset(start), offset(i));
        let text = &text[start..end];
        let lower = if text.chars().any(char::is_uppercase) { text.to_lowercase().into() } else { text.into() };
        out.push(Token { kind, text, lower, start, end, spaced });
        spaced = false;
    }
    out
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn word_end(chars: &[(usize, char)], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|&(_, c)| is_letter(c) || c.is_ascii_digit()) {
        i += 1;
    }
    i
}

/// Whether the lower-cased words of `tokens` start with `phrase` (words separated by spaces).
pub(crate) fn starts_with_words(tokens: &[Token<'_>], phrase: &str) -> bool {
    let mut tokens = tokens.iter();
    phrase.split(' ').all(|w| tokens.next().is_some_and(|t| t.kind != Kind::Number && t.lower == w))
}

/// Whether the lower-cased words of `tokens` end with `phrase`.
pub(crate) fn ends_with_words(tokens: &[Token<'_>], phrase: &str) -> bool {
    let mut tokens = tokens.iter().rev();
    phrase.rsplit(' ').all(|w| tokens.next().is_some_and(|t| t.kind != Kind::Number && t.lower == w))
}

/// The number of words in a phrase.
pub(crate) fn word_count(phrase: &str) -> usize {
    phrase.split(' ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str, bool)> {
        tokens(text).into_iter().map(|t| (t.kind, t.text, t.spaced)).collect()
    }

    #[test]
    fn numbers_words_and_signs_split_where_a_reader_would() {
        use Kind::{Number as N, Sign as S, Word as W};
        assert_eq!(
            kinds("Đạt ≥8,5% 5G 06/CP"),
            [
                (W, "Đạt", false),
                (S, "≥", true),
                (N, "8,5", false),
                (S, "%", false),
                (W, "5G", true),
                (N, "06", true),
                (S, "/", false),
                (W, "CP", false)
            ]
        );
        assert_eq!(kinds(">= 1.200."), [(S, ">=", false), (N, "1.200", true), (S, ".", false)]);
        assert_eq!(kinds("15-20"), [(N, "15", false), (S, "-", false), (N, "20", false)]);
    }

    #[test]
    fn phrases_match_whole_lower_case_words() {
        let t = tokens("Đạt tối thiểu 70%");
        assert!(starts_with_words(&t, "đạt tối thiểu"));
        assert!(!starts_with_words(&t, "đạt tối đa"));
        assert!(ends_with_words(&t[..3], "tối thiểu"));
        assert!(!ends_with_words(&t[..1], "tối thiểu"));
    }
}
