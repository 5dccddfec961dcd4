//! Untrusted .docx and .xlsx input: empty, random, cut short, malformed, zip bombs (honest and
//! lying about their size) and random damage all end in the right error, never a panic.
#![allow(clippy::unwrap_used, reason = "a test helper that cannot do its job panics")]

use std::io::{Cursor, Write};

use chitieu_import::{ImportError, read_plan};
use proptest::prelude::*;
use zip::write::SimpleFileOptions;

const OFFICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/office");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{OFFICE}/{name}")).unwrap_or_else(|e| panic!("fixtures/office/{name}: {e}"))
}

/// A zip of the given parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A zip whose part `name` inflates to 1 GiB of zeros (about 1 MB compressed), written in
/// chunks so the test never holds the gigabyte.
fn bomb(name: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, options).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The same archive with its single part's inflated size rewritten to `size` in both the
/// local header and the central directory: a bomb that lies.
fn claim_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let at = |sig: &[u8], zip: &[u8]| zip.windows(4).rposition(|w| w == sig).unwrap();
    let local = at(b"PK\x03\x04", &zip);
    zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = at(b"PK\x01\x02", &zip);
    zip[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    zip
}

fn corrupt_detail(result: Result<chitieu_core::Plan, ImportError>) -> String {
    match result {
        Err(ImportError::Corrupt { detail, .. }) => detail,
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn empty_bytes_are_an_empty_file() {
    assert!(matches!(read_plan("a.docx", b""), Err(ImportError::Empty { .. })));
    assert!(matches!(read_plan("a.xlsx", b""), Err(ImportError::Empty { .. })));
}

#[test]
fn random_bytes_are_not_a_zip_archive() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    assert!(corrupt_detail(read_plan("a.docx", &noise)).contains("not a zip archive"));
    assert!(corrupt_detail(read_plan("a.xlsx", &noise)).contains("not a zip archive"));
}

#[test]
fn a_document_cut_in_half_is_corrupt() {
    for name in ["001.docx", "003.docx", "001.xlsx", "003.xlsx"] {
        let bytes = fixture(name);
        let detail = corrupt_detail(read_plan(name, &bytes[..bytes.len() / 2]));
        assert!(detail.contains("not a zip archive, or one cut short"), "{name}: {detail}");
    }
}

#[test]
fn a_zip_without_the_document_part_says_which_part_is_missing() {
    let zip = zip_of(&[("[Content_Types].xml", b"<Types/>")]);
    assert!(corrupt_detail(read_plan("a.docx", &zip)).contains("word/document.xml missing"));
}

#[test]
fn malformed_document_xml_is_reported_with_its_position() {
    let xml = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p></w:tbl></w:body></w:document>"#;
    let detail = corrupt_detail(read_plan("a.docx", &zip_of(&[("word/document.xml", xml)])));
    assert!(detail.starts_with("word/document.xml: XML error at byte"), "{detail}");
}

/// The archive with a part renamed in its local header and central directory (same length).
fn rename(zip: &[u8], from: &str, to: &str) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut out = zip.to_vec();
    let mut at = 0;
    while let Some(i) = out[at..].windows(from.len()).position(|w| w == from.as_bytes()) {
        out[at + i..at + i + to.len()].copy_from_slice(to.as_bytes());
        at += i + to.len();
    }
    out
}

#[test]
fn a_zip_bomb_is_refused_naming_its_part() {
    let docx = bomb("word/document.xml");
    assert!(docx.len() < 2 << 20, "the bomb is small: {} bytes", docx.len());
    match read_plan("bomb.docx", &docx) {
        Err(ImportError::TooLarge { what, .. }) => {
            assert!(what.contains("word/document.xml"), "{what}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // Any part of a workbook is inflated (and refused) before calamine opens it.
    match read_plan("bomb.xlsx", &rename(&docx, "word/document.xml", "xl/media/bomb.xml")) {
        Err(ImportError::TooLarge { what, .. }) => {
            assert!(what.contains("xl/media/bomb.xml"), "{what}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The same part claiming to inflate to 1 KB: stopped once it inflates past its claim.
    match read_plan("liar.docx", &claim_size(docx, 1000)) {
        Err(ImportError::Corrupt { detail, .. }) => {
            assert!(detail.contains("word/document.xml") && detail.contains("larger than its declared"), "{detail}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn damaged_fixtures_never_panic(
        which in 0..4usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let name = ["001.docx", "003.docx", "001.xlsx", "003.xlsx"][which];
        let mut bytes = fixture(name);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let _ = read_plan(name, &bytes);
    }
}
