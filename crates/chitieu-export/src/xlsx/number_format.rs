//! The Excel number format that shows a result's number the way its text words it: "91,2%"
//! is 91.2 shown as `0.0"%"`, "Hạng 3" is 3 shown as `"Hạng "0`, so the cell holds a number
//! that sums and sorts while it reads as the report wrote it.

use chitieu_core::number::parse_number;

/// Longest prefix or suffix carried into a format (Excel caps a format at 255 characters).
const MAX_AFFIX: usize = 40;
const MAX_DECIMALS: usize = 6;

/// The format code for `number` written as `actual`.
pub(super) fn number_format(actual: &str, number: f64) -> String {
    match token(actual).filter(|t| parse_number(t.text).is_some_and(|v| same(v, number.abs()))) {
        Some(t) => {
            let prefix = actual[..t.start].trim_end_matches(['-', '−']);
            let suffix = &actual[t.start + t.text.len()..];
            format!("{}{}{}", quoted(prefix), digits(decimals(t.text)), quoted(suffix))
        }
        None => digits(decimals_of(number)),
    }
}

struct Token<'a> {
    start: usize,
    text: &'a str,
}

/// The first run of digits, dots and commas that starts with a digit, without a trailing mark.
fn token(actual: &str) -> Option<Token<'_>> {
    let start = actual.find(|c: char| c.is_ascii_digit())?;
    let len =
        actual[start..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(actual.len() - start);
    let text = actual[start..start + len].trim_end_matches(['.', ',']);
    Some(Token { start, text })
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Digits after the decimal mark as the token writes them: after a comma, or after a dot that
/// `parse_number` takes as a decimal point ("0.70") rather than a thousands dot ("1.200").
fn decimals(token: &str) -> usize {
    if let Some((_, frac)) = token.rsplit_once(',') {
        return frac.len().min(MAX_DECIMALS);
    }
    match token.rsplit_once('.') {
        Some((_, frac)) if parse_number(token) != parse_number(&token.replace('.', "")) => frac.len().min(MAX_DECIMALS),
        _ => 0,
    }
}

/// Digits after the decimal mark that show `number` without trailing zeros.
fn decimals_of(number: f64) -> usize {
    let shown = format!("{:.6}", number.abs());
    shown.split_once('.').map_or(0, |(_, frac)| frac.trim_end_matches('0').len())
}

fn digits(decimals: usize) -> String {
    if decimals == 0 { "#,##0".to_owned() } else { format!("#,##0.{}", "0".repeat(decimals)) }
}

fn quoted(affix: &str) -> String {
    let affix: String = affix.chars().filter(|c| *c != '"' && !c.is_control()).take(MAX_AFFIX).collect();
    if affix.is_empty() { affix } else { format!("\"{affix}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_keeps_its_sign_and_decimals() {
        assert_eq!(number_format("91,2%", 91.2), "#,##0.0\"%\"");
        assert_eq!(number_format("100%", 100.0), "#,##0\"%\"");
    }

    #[test]
    fn words_around_the_number_stay_as_literal_text() {
        assert_eq!(number_format("Hạng 3", 3.0), "\"Hạng \"#,##0");
        assert_eq!(number_format("1.200 hồ sơ", 1200.0), "#,##0\" hồ sơ\"");
        assert_eq!(number_format("0.70 điểm", 0.7), "#,##0.00\" điểm\"");
    }

    #[test]
    fn a_number_the_text_does_not_show_gets_a_plain_format() {
        assert_eq!(number_format("Đạt", 12.5), "#,##0.0");
        assert_eq!(number_format("91,2%", 0.912), "#,##0.000");
        assert_eq!(number_format("", 7.0), "#,##0");
    }

    #[test]
    fn a_negative_number_leaves_its_sign_to_excel() {
        assert_eq!(number_format("-2,5 điểm", -2.5), "#,##0.0\" điểm\"");
    }

    #[test]
    fn quotes_in_the_text_cannot_break_the_format() {
        assert_eq!(number_format("\"5\" lần", 5.0), "#,##0\" lần\"");
    }
}
