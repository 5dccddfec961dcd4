//! Untrusted zip containers (.docx, .xlsx): every part is inflated through limits on its own
//! size, on the archive's total and on its compression ratio, so a zip bomb is refused from
//! the size it declares or, when it lies, while it inflates (the zip crate also stops a part
//! at its declared size, which makes a lying part "corrupt"; the limit here is a second guard).

use std::io::{self, Cursor, Read, Write};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::ImportError;

/// The most one part may inflate to.
pub(crate) const PART_LIMIT: u64 = 32 << 20;
/// The most all the parts read from one archive may inflate to together.
pub(crate) const TOTAL_LIMIT: u64 = 64 << 20;
/// A part may inflate to this many times its compressed size…
const RATIO_LIMIT: u64 = 500;
/// …once it is larger than this (small parts of repeated markup compress very well).
const RATIO_FLOOR: u64 = 4 << 20;
/// The most parts an archive may list.
const ENTRY_LIMIT: usize = 10_000;

/// A zip container opened for reading with limits.
pub(crate) struct Archive<'a> {
    file: &'a str,
    format: &'static str,
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes inflated so far, counted against [`TOTAL_LIMIT`].
    inflated: u64,
}

impl std::fmt::Debug for Archive<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("file", &self.file).field("parts", &self.zip.len()).finish_non_exhaustive()
    }
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip archive; `format` names the document kind in errors (".docx").
    pub(crate) fn open(file: &'a str, format: &'static str, bytes: &'a [u8]) -> Result<Self, ImportError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(file, format, not_a_zip(&e)))?;
        if zip.len() > ENTRY_LIMIT {
            return Err(ImportError::TooLarge {
                file: file.into(),
                what: format!("the archive's list of {} parts", zip.len()),
                limit: ENTRY_LIMIT as u64,
            });
        }
        Ok(Archive { file, format, zip, inflated: 0 })
    }

    /// The inflated bytes of the part `name`, `None` when the archive has no such part.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.inflate(index, &mut out)?;
        Ok(Some(out))
    }

    /// Inflates every part and throws the bytes away: proves the whole archive keeps to the
    /// limits before a reader that does not take them (calamine) opens it.
    pub(crate) fn check_all(&mut self) -> Result<(), ImportError> {
        for index in 0..self.zip.len() {
            self.inflate(index, &mut io::sink())?;
        }
        Ok(())
    }

    fn inflate(&mut self, index: usize, out: &mut impl Write) -> Result<u64, ImportError> {
        let (file, format) = (self.file, self.format);
        let room = TOTAL_LIMIT.saturating_sub(self.inflated);
        let mut entry =
            self.zip.by_index(index).map_err(|e| corrupt(file, format, format!("part {index}: {}", detail(&e))))?;
        let name = entry.name().map_or_else(|_| format!("part {index}"), std::borrow::Cow::into_owned);
        let by_ratio = entry.compressed_size().saturating_mul(RATIO_LIMIT).max(RATIO_FLOOR);
        let (limit, what) = [
            (PART_LIMIT, format!("part {name} once inflated")),
            (by_ratio, format!("part {name} once inflated ({RATIO_LIMIT} times its compressed size)")),
            (room, format!("the archive once inflated (at part {name})")),
        ]
        .into_iter()
        .min_by_key(|(limit, _)| *limit)
        .unwrap_or((0, String::new()));
        let too_large = || ImportError::TooLarge { file: file.into(), what: what.clone(), limit };
        if entry.size() > limit {
            return Err(too_large());
        }
        let copied = io::copy(&mut (&mut entry).take(limit + 1), out)
            .map_err(|e| corrupt(file, format, format!("part {name}: {e}")))?;
        if copied > limit {
            return Err(too_large());
        }
        self.inflated += copied;
        Ok(copied)
    }
}

pub(crate) fn corrupt(file: &str, format: &'static str, detail: String) -> ImportError {
    ImportError::Corrupt { file: file.into(), format, detail }
}

/// Why `ZipArchive::new` refused the bytes, in the reader's words.
fn not_a_zip(e: &ZipError) -> String {
    match e {
        ZipError::InvalidArchive(_) | ZipError::Io(_) => {
            format!("not a zip archive, or one cut short ({})", detail(e))
        }
        _ => detail(e),
    }
}

fn detail(e: &ZipError) -> String {
    match e {
        ZipError::UnsupportedArchive(what) => format!("unsupported zip archive: {what}"),
        ZipError::InvalidPassword => "the archive is encrypted".into(),
        other => other.to_string(),
    }
}
