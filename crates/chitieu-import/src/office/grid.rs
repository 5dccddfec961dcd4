//! Table cells laid on their grid, merged cells settled the same way for .docx and .xlsx: a
//! cell merged across columns keeps its text in its first column and leaves the others empty
//! (as text extracted from PDF does); a cell merged down over rows is empty in the rows it
//! continues into when it belongs to the header, and repeats its text in body rows, where the
//! merge means "the same unit, deadline or value for each of these rows".

use std::ops::Range;

/// What stands at one grid position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A cell of its own, or the first column of a merged cell.
    Text(String),
    /// Covered by a cell merged across from the left.
    Spanned,
    /// Covered by a cell merged down from the row above.
    Continued,
}

/// The header rows of a table whose first row is `first`: that row and every row that a cell
/// merged down from it reaches ("Stt" over the two lines of a two-line header).
pub(crate) fn header_rows(rows: &[Vec<Slot>], first: usize) -> Range<usize> {
    let Some(top) = rows.get(first) else {
        return first..first;
    };
    let mut end = first + 1;
    for (column, slot) in top.iter().enumerate() {
        if !matches!(slot, Slot::Text(_)) {
            continue;
        }
        let reach = rows[first + 1..].iter().take_while(|row| row.get(column) == Some(&Slot::Continued)).count();
        end = end.max(first + 1 + reach);
    }
    first..end
}

/// The rows' cell texts, every row as wide as the widest. A [`Slot::Continued`] cell repeats
/// the text it continues unless that text stands in `header`.
pub(crate) fn resolve(rows: Vec<Vec<Slot>>, header: &Range<usize>) -> Vec<Vec<String>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // Per column: the row and text of the last cell that a merge down could continue.
    let mut origin: Vec<Option<(usize, String)>> = vec![None; width];
    rows.into_iter()
        .enumerate()
        .map(|(r, row)| {
            let mut cells: Vec<String> = row
                .into_iter()
                .enumerate()
                .map(|(c, slot)| match slot {
                    Slot::Text(text) => {
                        origin[c] = Some((r, text.clone()));
                        text
                    }
                    Slot::Spanned => {
                        origin[c] = None;
                        String::new()
                    }
                    Slot::Continued => match &origin[c] {
                        Some((from, text)) if !header.contains(from) => text.clone(),
                        _ => String::new(),
                    },
                })
                .collect();
            cells.resize(width, String::new());
            cells
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Slot {
        Slot::Text(s.into())
    }

    #[test]
    fn merges_down_are_empty_in_the_header_and_repeated_in_the_body() {
        let rows = vec![
            vec![text("Stt"), text("Phân công"), Slot::Spanned, text("Thời gian")],
            vec![Slot::Continued, text("Chủ trì"), text("Phối hợp"), Slot::Continued],
            vec![text("1."), text("Sở A"), text("Sở B"), text("Tháng 5/2023")],
            vec![text("2."), text("Sở C"), text("Sở D"), Slot::Continued],
            vec![text("3."), Slot::Spanned],
        ];
        let header = header_rows(&rows, 0);
        assert_eq!(header, 0..2);
        let cells = resolve(rows, &header);
        assert_eq!(cells[0], ["Stt", "Phân công", "", "Thời gian"]);
        assert_eq!(cells[1], ["", "Chủ trì", "Phối hợp", ""]);
        assert_eq!(cells[3], ["2.", "Sở C", "Sở D", "Tháng 5/2023"]);
        assert_eq!(cells[4], ["3.", "", "", ""]);
    }

    #[test]
    fn a_header_without_merges_down_is_its_first_row_and_a_stray_continuation_is_empty() {
        let rows = vec![vec![Slot::Continued, text("Nội dung")], vec![text("1."), text("A")]];
        assert_eq!(header_rows(&rows, 0), 0..1);
        assert_eq!(header_rows(&rows, 5), 5..5);
        assert_eq!(resolve(rows, &(0..1))[0], ["", "Nội dung"]);
    }
}
