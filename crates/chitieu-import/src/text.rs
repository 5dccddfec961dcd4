//! Text documents (text extracted from PDF, markdown) into blocks: a line with a tab is a table
//! row split at its tabs, any other non-blank line a paragraph. Lines are numbered from 1.

use crate::block::Block;

pub fn blocks(text: &str) -> Vec<Block> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let line_no = i + 1;
            let line = line.trim_end_matches('\r');
            if line.contains('\t') {
                Some(Block::Row { line: line_no, cells: line.split('\t').map(str::to_owned).collect() })
            } else if line.trim().is_empty() {
                None
            } else {
                Some(Block::Paragraph { line: line_no, text: line.to_owned() })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_make_rows_and_other_lines_paragraphs() {
        let blocks = blocks("\nTitle\r\nTT\tChỉ tiêu\n\n1.\tA\t\n");
        assert_eq!(
            blocks,
            [
                Block::Paragraph { line: 2, text: "Title".into() },
                Block::Row { line: 3, cells: vec!["TT".into(), "Chỉ tiêu".into()] },
                Block::Row { line: 5, cells: vec!["1.".into(), "A".into(), String::new()] },
            ]
        );
    }
}
