//! Clauses of a target text: the parts a cell or sentence lists its targets in, split at ";",
//! at a sentence's end (". " before a capital) and at bullets ("- …", "+ …", "• …", also a
//! spaced dash between a word and a capitalised word), so that whether a clause states a level
//! and what each target is about are read within its own clause.

use std::ops::Range;

use crate::token::{Kind, Token};

/// The token ranges of the clauses, in order, separators left out.
pub(super) fn clauses(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..tokens.len() {
        if separates(tokens, k) {
            if start < k {
                out.push(start..k);
            }
            start = k + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// The clause holding token `k` (the token alone when it is a separator).
pub(super) fn clause_of(clauses: &[Range<usize>], k: usize) -> Range<usize> {
    clauses.iter().find(|c| c.contains(&k)).cloned().unwrap_or(k..k + 1)
}

/// Whether token `k` ends one clause and starts the next.
fn separates(tokens: &[Token<'_>], k: usize) -> bool {
    let token = &tokens[k];
    if token.kind != Kind::Sign {
        return false;
    }
    let prev = k.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(k + 1);
    let capital = |t: &Token<'_>| t.kind == Kind::Word && t.text.chars().next().is_some_and(char::is_uppercase);
    if token.is_sign(&[";"]) {
        true
    } else if token.is_sign(&["."]) {
        next.is_some_and(|n| n.spaced && (capital(n) || n.is_sign(&["-", "–", "+", "•"])))
    } else if token.is_sign(&["-", "–", "+", "•", "*"]) {
        let opens = prev.is_none_or(|p| p.is_sign(&[";", ".", ":"]));
        let between = token.spaced
            && next.is_some_and(|n| n.spaced && capital(n))
            && prev.is_some_and(|p| p.kind == Kind::Word || p.is_sign(&[")"]));
        opens || between
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::clauses;
    use crate::token::tokens;

    fn texts(text: &str) -> Vec<String> {
        let tokens = tokens(text);
        clauses(&tokens).into_iter().map(|c| text[tokens[c.start].start..tokens[c.end - 1].end].to_owned()).collect()
    }

    #[test]
    fn clauses_split_at_semicolons_sentences_and_bullets() {
        assert_eq!(texts("- 100% a; 80% b"), ["100% a", "80% b"]);
        assert_eq!(texts("- A x; - B y."), ["A x", "B y."]);
        assert_eq!(texts("tiền mặt - Mỗi xã 05 tuyến"), ["tiền mặt", "Mỗi xã 05 tuyến"]);
        assert_eq!(texts("A xong. B tiếp"), ["A xong", "B tiếp"]);
    }

    #[test]
    fn ranges_and_joined_words_are_not_bullets() {
        assert_eq!(texts("Đạt 15 - 20%"), ["Đạt 15 - 20%"]);
        assert_eq!(texts("dạy – học trên nền tảng số"), ["dạy – học trên nền tảng số"]);
        assert_eq!(texts("giai đoạn 2026 - 2030"), ["giai đoạn 2026 - 2030"]);
    }
}
