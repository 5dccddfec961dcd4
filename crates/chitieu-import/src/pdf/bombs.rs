//! Decompression bombs: a few kilobytes of deflate that inflate to gigabytes. The PDF library
//! inflates a stream whole when it reads it, so before it sees the file every Flate stream is
//! inflated here into a counter, never into memory, and a file whose streams inflate past the
//! limits is refused. Deflate inside deflate (`[/FlateDecode /FlateDecode]`) is followed too.

use std::io::Read;

use flate2::read::ZlibDecoder;

/// The most one stream may inflate to (a 300-dpi page image is ~25 MiB raw).
pub const STREAM_LIMIT: u64 = 256 << 20;
/// The most all streams together may inflate to.
const TOTAL_LIMIT: u64 = 1 << 30;
/// How deep deflate inside deflate is followed.
const DEPTH: usize = 3;

/// `Err(bytes)` when a stream (or all together) inflates past the limits.
pub fn check(pdf: &[u8]) -> Result<(), u64> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = find(&pdf[at..], b"stream") {
        let start = at + found + b"stream".len();
        at = start;
        // "endstream" also contains "stream"; a stream keyword is followed by an end of line.
        let Some([b'\r', b'\n', body @ ..] | [b'\n' | b'\r', body @ ..]) = pdf.get(start..) else {
            continue;
        };
        let head = &pdf[start.saturating_sub(1024)..start];
        if find(head, b"FlateDecode").is_none() && find(head, b"/Fl ").is_none() && find(head, b"/Fl/").is_none() {
            continue;
        }
        let end = find(body, b"endstream").unwrap_or(body.len());
        let inflated = inflated_size(&body[..end], DEPTH, STREAM_LIMIT + 1);
        if inflated > STREAM_LIMIT {
            return Err(inflated);
        }
        total += inflated;
        if total > TOTAL_LIMIT {
            return Err(total);
        }
        at = start + end;
    }
    Ok(())
}

/// How many bytes `data` inflates to, counting no further than `cap`; deflate found inside
/// is counted by what it inflates to, down to `depth` levels.
fn inflated_size(data: &[u8], depth: usize, cap: u64) -> u64 {
    let mut decoder = ZlibDecoder::new(data).take(cap);
    let mut buffer = vec![0u8; 64 << 10];
    let mut count = 0u64;
    let mut inner: Option<Vec<u8>> = None;
    loop {
        match decoder.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if count == 0 && depth > 1 && is_zlib(&buffer[..n]) {
                    inner = Some(Vec::new());
                }
                if let Some(inner) = &mut inner {
                    // Keep the inner stream (it is small: that is what a bomb is) to inflate it in turn.
                    if inner.len() < (16 << 20) {
                        inner.extend_from_slice(&buffer[..n]);
                    }
                }
                count += n as u64;
            }
        }
    }
    match inner {
        Some(inner) => inflated_size(&inner, depth - 1, cap).max(count),
        None => count,
    }
}

fn is_zlib(data: &[u8]) -> bool {
    matches!(data, [0x78, second, ..] if (u16::from(0x78u8) << 8 | u16::from(*second)) % 31 == 0)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::ZlibEncoder;

    use super::*;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn pdf_with(stream: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(stream);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn an_ordinary_stream_passes_and_a_bomb_does_not() {
        assert_eq!(check(&pdf_with(&deflate(b"BT /F1 12 Tf (So Tai chinh) Tj ET"))), Ok(()));
        let zeros = vec![0u8; 300 << 20];
        let bomb = deflate(&zeros);
        assert!(bomb.len() < 1 << 20);
        assert!(check(&pdf_with(&bomb)).is_err());
    }

    #[test]
    fn deflate_inside_deflate_is_counted_by_what_it_finally_inflates_to() {
        let zeros = vec![0u8; 300 << 20];
        let twice = deflate(&deflate(&zeros));
        assert!(check(&pdf_with(&twice)).is_err());
    }
}
