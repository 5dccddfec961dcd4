//! What the .docx and .xlsx readers share: zip containers opened with limits against zip
//! bombs, and the grid that settles merged table cells.

pub(crate) mod archive;
#[cfg(test)]
mod fixtures;
pub(crate) mod grid;
pub(crate) mod sheet;
