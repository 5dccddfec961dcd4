//! CSV text into rows, as spreadsheets write it (RFC 4180): fields separated by commas (or by
//! semicolons or tabs, whichever the first line uses most, as Excel does in locales with a
//! decimal comma), quoted with `"` when they hold a separator, a quote (doubled) or a line break.
//! Each row keeps the line it starts on.

use std::collections::BTreeMap;

use super::Row;
use crate::ImportError;

/// The rows of `text`, empty lines left out; a quoted field left open is an error at its line.
pub(crate) fn rows(file: &str, text: &str) -> Result<Vec<Row>, ImportError> {
    let separator = separator(text);
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut field = String::new();
    let (mut line, mut start, mut quoted_from) = (1, 1, None);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted_from.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted_from = None,
                _ => {
                    line += usize::from(c == '\n');
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted_from = Some(line);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(std::mem::take(&mut field));
                push_row(&mut rows, start, std::mem::take(&mut cells));
                line += 1;
                start = line;
            }
            c if c == separator => cells.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if let Some(from) = quoted_from {
        return Err(ImportError::Registry {
            file: file.into(),
            line: from,
            detail: "a quoted field is never closed; expected a closing \" (write a quote inside a field as \"\")"
                .into(),
        });
    }
    cells.push(field);
    push_row(&mut rows, start, cells);
    Ok(rows)
}

fn push_row(rows: &mut Vec<Row>, line: usize, cells: Vec<String>) {
    let cells: BTreeMap<usize, String> =
        cells.into_iter().map(|c| chitieu_core::text::clean(&c)).enumerate().filter(|(_, c)| !c.is_empty()).collect();
    if !cells.is_empty() {
        rows.push(Row { line, cells });
    }
}

/// The separator the first non-empty line uses most, outside quotes: `,`, `;` or tab.
fn separator(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(s, _)| *s == c) {
            entry.1 += 1;
        }
    }
    counts.iter().copied().filter(|&(_, n)| n > 0).max_by_key(|&(s, n)| (n, s == ',')).map_or(',', |(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(usize, Vec<String>)> {
        rows("a.csv", text).unwrap().into_iter().map(|r| (r.line, r.cells.into_values().collect())).collect()
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let text = "name,aliases\r\n\"Sở Khoa học và Công nghệ\",\"Sở KH&CN; \"\"KHCN\"\"\"\n\n\"Hai\ndòng\",x\n";
        assert_eq!(
            cells(text),
            [
                (1, vec!["name".to_owned(), "aliases".to_owned()]),
                (2, vec!["Sở Khoa học và Công nghệ".to_owned(), "Sở KH&CN; \"KHCN\"".to_owned()]),
                (4, vec!["Hai dòng".to_owned(), "x".to_owned()]),
            ]
        );
    }

    #[test]
    fn semicolon_files_are_read_by_their_header() {
        assert_eq!(cells("tên;loại\nSở Y tế;sở")[1], (2, vec!["Sở Y tế".to_owned(), "sở".to_owned()]));
        assert_eq!(cells("tên,tên khác\nA,\"B; C\"")[1].1[1], "B; C");
    }

    #[test]
    fn an_open_quote_names_its_line() {
        let e = rows("a.csv", "name\nx\n\"Sở Y tế\n").unwrap_err().to_string();
        assert_eq!(
            e,
            "a.csv: line 3: a quoted field is never closed; expected a closing \" (write a quote inside a field as \"\")"
        );
    }
}
