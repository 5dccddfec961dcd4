//! A worksheet's cells and merged regions into blocks. Each row that holds a value is a
//! [`Block::Row`] whose line is its row number in the sheet (row 7 in Excel is line 7), with
//! one cell per column from the sheet's first used column to its last. Title lines above the
//! table and notes below it (rows with a single value, before the first and after the last row
//! with two or more) are [`Block::Paragraph`]s, so the plan's title is found as in any document.
//! Merged regions are settled by [`crate::office::grid`]; the table's header is the first row
//! with two or more values and the rows its merges down reach.

use std::collections::BTreeMap;

use crate::office::grid::{self, Slot};
use crate::{Block, ImportError};

/// The most grid positions (rows with values × used columns) a sheet may lay out.
const MAX_SLOTS: u64 = 4_000_000;

/// A merged region, rows and columns 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub(crate) top: u32,
    pub(crate) left: u32,
    pub(crate) bottom: u32,
    pub(crate) right: u32,
}

/// One sheet as the workbook reader found it: its values (0-based row, column) and merges.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) values: BTreeMap<(u32, u32), String>,
    pub(crate) merges: Vec<Region>,
}

impl Sheet {
    /// The sheet's blocks; `file` names the document in errors.
    pub(crate) fn blocks(&self, file: &str) -> Result<Vec<Block>, ImportError> {
        let Some(first_column) = self.values.keys().map(|(_, c)| *c).min() else {
            return Ok(Vec::new());
        };
        let last_column = self.values.keys().map(|(_, c)| *c).max().unwrap_or(first_column);
        let width = (last_column - first_column + 1) as usize;
        let mut numbers: Vec<u32> = self.values.keys().map(|(r, _)| *r).collect();
        numbers.dedup();
        let too_large = || ImportError::TooLarge {
            file: file.into(),
            what: format!("sheet \"{}\" ({} rows by {width} columns)", self.name, numbers.len()),
            limit: MAX_SLOTS,
        };
        if numbers.len() as u64 * width as u64 > MAX_SLOTS {
            return Err(too_large());
        }
        let mut rows: Vec<Vec<Slot>> = numbers
            .iter()
            .map(|&r| {
                (first_column..=last_column)
                    .map(|c| Slot::Text(self.values.get(&(r, c)).cloned().unwrap_or_default()))
                    .collect()
            })
            .collect();
        let mut work = 0u64;
        for m in &self.merges {
            let (top, bottom) = (m.top.min(m.bottom), m.top.max(m.bottom));
            let (left, right) = (m.left.min(m.right).max(first_column), m.left.max(m.right).min(last_column));
            let start = numbers.partition_point(|&r| r < top);
            for (i, &r) in numbers.iter().enumerate().skip(start).take_while(|(_, r)| **r <= bottom) {
                for c in left..=right {
                    work += 1;
                    if (r, c) == (top, m.left.min(m.right)) {
                        continue;
                    }
                    let slot = if r > top && c == m.left.min(m.right) { Slot::Continued } else { Slot::Spanned };
                    rows[i][(c - first_column) as usize] = slot;
                }
            }
            if work > MAX_SLOTS {
                return Err(too_large());
            }
        }
        let filled = |row: &Vec<Slot>| row.iter().filter(|s| matches!(s, Slot::Text(t) if !t.is_empty())).count();
        let table_rows: Vec<usize> = (0..rows.len()).filter(|&i| filled(&rows[i]) >= 2).collect();
        let (first, last) = match (table_rows.first(), table_rows.last()) {
            (Some(&first), Some(&last)) => (first, last),
            _ => (rows.len(), rows.len()),
        };
        let header = grid::header_rows(&rows, first);
        let cells = grid::resolve(rows, &header);
        Ok(numbers
            .iter()
            .zip(cells)
            .enumerate()
            .filter(|(_, (_, cells))| cells.iter().any(|c| !c.is_empty()))
            .map(|(i, (&r, cells))| {
                let line = r as usize + 1;
                let single: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
                if (i < first || i > last) && single.len() == 1 {
                    Block::Paragraph { line, text: single[0].clone() }
                } else {
                    Block::Row { line, cells }
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(values: &[((u32, u32), &str)], merges: &[Region]) -> Sheet {
        Sheet {
            name: "Sheet1".into(),
            values: values.iter().map(|(at, v)| (*at, (*v).to_owned())).collect(),
            merges: merges.to_vec(),
        }
    }

    #[test]
    fn title_rows_are_paragraphs_and_merges_settle_like_in_a_document() {
        let s = sheet(
            &[
                ((0, 1), "Phụ lục 1"),
                ((2, 1), "Stt"),
                ((2, 2), "Mức chỉ tiêu"),
                ((3, 2), "2025"),
                ((3, 3), "2030"),
                ((4, 1), "1."),
                ((4, 2), "60"),
                ((4, 4), "Sở A"),
                ((5, 1), "2."),
                ((5, 2), "70"),
                ((7, 1), "Ghi chú"),
            ],
            &[
                Region { top: 0, left: 1, bottom: 0, right: 4 },
                Region { top: 2, left: 1, bottom: 3, right: 1 },
                Region { top: 2, left: 2, bottom: 2, right: 3 },
                Region { top: 4, left: 4, bottom: 5, right: 4 },
            ],
        );
        let blocks = s.blocks("a.xlsx").unwrap();
        let row =
            |line: usize, cells: &[&str]| Block::Row { line, cells: cells.iter().map(|c| (*c).to_owned()).collect() };
        assert_eq!(
            blocks,
            [
                Block::Paragraph { line: 1, text: "Phụ lục 1".into() },
                row(3, &["Stt", "Mức chỉ tiêu", "", ""]),
                row(4, &["", "2025", "2030", ""]),
                row(5, &["1.", "60", "", "Sở A"]),
                row(6, &["2.", "70", "", "Sở A"]),
                Block::Paragraph { line: 8, text: "Ghi chú".into() },
            ]
        );
    }

    #[test]
    fn a_sheet_too_wide_for_its_rows_is_refused() {
        let s = sheet(&[((0, 0), "a"), ((1_000_000, 16_000), "b"), ((500, 3), "c")], &[]);
        assert!(s.blocks("a.xlsx").is_ok(), "3 rows × 16001 columns fits");
        let many: Vec<((u32, u32), &str)> = (0..300).map(|r| ((r, if r == 0 { 16_000 } else { 0 }), "x")).collect();
        assert!(matches!(sheet(&many, &[]).blocks("a.xlsx"), Err(ImportError::TooLarge { .. })));
    }
}
