//! The document model every reader produces: paragraphs and table rows in reading order,
//! each with the line (text), paragraph/row index (.docx) or sheet row (.xlsx) it came from.

/// One piece of a document in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line or paragraph of running text (markup still in place).
    Paragraph { line: usize, text: String },
    /// A table row: one string per grid column. A merged cell's text stands in its first
    /// column and the columns it spans are empty, as in text extracted from PDF.
    Row { line: usize, cells: Vec<String> },
    /// A new table starts here (a Word table, a sheet, a table on a PDF page that does not go
    /// on from the one before): its rows have their own header.
    Table { line: usize },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Paragraph { line, .. } | Block::Row { line, .. } | Block::Table { line } => *line,
        }
    }
}
