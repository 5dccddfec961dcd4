//! CSV that a spreadsheet opens without running anything: a text cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return would be read by Excel or LibreOffice as a formula
//! (`=HYPERLINK(…)`, `-2+3+cmd|…`), so it gets a leading `'`, which shows as text. Numbers are
//! never touched (a value of -12 stays -12), nor text that is only a number in words ("-12",
//! "-1/2 (50%)"): with no letters or references it cannot call anything.

use serde::Serialize;

use crate::error::WebError;

/// The rows as CSV (UTF-8, a header line, RFC 4180 quoting), formula-like text neutralised.
pub(super) fn write<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, WebError> {
    let mut plain = csv::Writer::from_writer(Vec::new());
    for row in rows {
        plain.serialize(row).map_err(WebError::internal)?;
    }
    let plain = plain.into_inner().map_err(WebError::internal)?;
    // Read back to know each cell's column, and ask the row's own value which cells are text.
    let mut reader = csv::Reader::from_reader(plain.as_slice());
    let headers = reader.headers().map_err(WebError::internal)?.clone();
    let mut safe = csv::Writer::from_writer(Vec::new());
    if !rows.is_empty() {
        safe.write_record(&headers).map_err(WebError::internal)?;
    }
    for (record, row) in reader.records().zip(rows) {
        let record = record.map_err(WebError::internal)?;
        let value = serde_json::to_value(row).map_err(WebError::internal)?;
        let cells = record.iter().zip(&headers).map(|(cell, column)| {
            let text = value.get(column).is_some_and(serde_json::Value::is_string);
            if text && starts_formula(cell) { format!("'{cell}") } else { cell.to_owned() }
        });
        safe.write_record(cells).map_err(WebError::internal)?;
    }
    safe.into_inner().map_err(WebError::internal)
}

fn starts_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !cell.chars().all(|c| c.is_ascii_digit() || " .,%/()+-−".contains(c)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Line {
        name: String,
        value: f64,
        said: String,
    }

    #[test]
    fn formula_like_text_gets_a_quote_and_numbers_stay_numbers() {
        let lines = [
            Line { name: "=1+2".into(), value: -12.0, said: "-12".into() },
            Line { name: "@SUM(A1)".into(), value: 3.5, said: "-2+3+cmd|' /C calc'!A0".into() },
            Line { name: "+84 912".into(), value: 0.0, said: "\tx".into() },
            Line { name: "Xã Gia Viễn - Ninh Bình".into(), value: 1.0, said: "-1/2 (50%)".into() },
        ];
        let csv = write(&lines).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        assert_eq!(reader.headers().unwrap(), vec!["name", "value", "said"]);
        let cells: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        let expected = [
            ["'=1+2", "-12.0", "-12"],
            ["'@SUM(A1)", "3.5", "'-2+3+cmd|' /C calc'!A0"],
            ["+84 912", "0.0", "'\tx"],
            ["Xã Gia Viễn - Ninh Bình", "1.0", "-1/2 (50%)"],
        ];
        assert_eq!(cells, expected.map(|row| row.map(str::to_owned).to_vec()));
        assert!(write::<Line>(&[]).unwrap().is_empty());
    }
}
