//! .docx reader (being written).
use crate::{Block, ImportError};

pub(crate) fn read_blocks(file: &str, _bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    Err(ImportError::NotADocument { file: file.into(), detail: ".docx reading is not built yet".into() })
}
