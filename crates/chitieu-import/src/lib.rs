//! Plan documents into structured plans: bytes → [`Block`]s (one reader per format) → [`Plan`].
//! Column roles come from header words, never from a fixed layout per file.

mod block;
mod docx;
mod error;
mod xlsx;

pub use block::Block;
pub use error::ImportError;
