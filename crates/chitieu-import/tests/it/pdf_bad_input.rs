//! Hostile PDFs: empty, a bare "%PDF-1.7", cut in half, xref offsets that point nowhere, an
//! object stream and a form that reference themselves, a `FlateDecode` stream that inflates past
//! 1 GB, 10,000 pages, an encrypted document, and random flips and cuts of a real fixture.
//! Each is read on its own thread against the clock: it must end within [`LIMIT`] in a refusal
//! naming the file (for 10,000 pages and the random damage, a plan or a refusal) — never a
//! panic, never a hang, never gigabytes of memory. The documents are written byte by byte here.
#![allow(clippy::unwrap_used, reason = "a test whose own set-up fails panics")]

use std::fmt::Write as _;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chitieu_core::Plan;
use chitieu_import::{ImportError, read_plan};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");
/// How long a debug build may take over one hostile file. Damage that leaves a page's fonts
/// unreadable sends the page to OCR, which takes seconds a page in a debug build on a loaded
/// 2-core machine; a hang is what this catches.
const LIMIT: Duration = Duration::from_secs(90);

/// Reads `bytes` as `file` on its own thread; fails the test when the reader panics or has not
/// answered within [`LIMIT`].
fn read_bounded(file: &str, bytes: Vec<u8>) -> Result<Plan, ImportError> {
    let (send, receive) = mpsc::channel();
    let name = file.to_owned();
    let started = Instant::now();
    std::thread::Builder::new()
        .name(format!("read {file}"))
        .spawn(move || {
            let _ = send.send(read_plan(&name, &bytes));
        })
        .unwrap();
    match receive.recv_timeout(LIMIT) {
        Ok(result) => {
            println!(
                "{file}: {:.1} s: {}",
                started.elapsed().as_secs_f64(),
                match &result {
                    Ok(plan) => format!("a plan of {} items", plan.items.len()),
                    Err(e) => e.to_string(),
                }
            );
            result
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{file}: still reading after {LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{file}: the reader panicked (its message is above)"),
    }
}

/// A refusal that names the file; its message is returned for more checks.
fn refused(file: &str, bytes: Vec<u8>) -> String {
    match read_bounded(file, bytes) {
        Ok(plan) => panic!("{file}: read as a plan of {} items; expected a refusal", plan.items.len()),
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with(&format!("{file}: ")), "the refusal does not name the file: {message}");
            assert!(message.len() > file.len() + 12, "the refusal says nothing of what was expected: {message}");
            message
        }
    }
}

/// The peak resident memory of this process so far, from /proc (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

// A PDF written by hand: numbered objects, a cross-reference table, a trailer.

#[derive(Default)]
struct Pdf {
    /// Object `i + 1`'s body.
    objects: Vec<Vec<u8>>,
}

impl Pdf {
    /// Adds an object; returns its number.
    fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(body.into());
        self.objects.len()
    }

    /// Reserves a number for an object written later with [`Pdf::set`].
    fn reserve(&mut self) -> usize {
        self.add(Vec::new())
    }

    fn set(&mut self, number: usize, body: impl Into<Vec<u8>>) {
        self.objects[number - 1] = body.into();
    }

    /// The file, with every xref offset moved by `shift` bytes and `trailer` added to the
    /// trailer dictionary.
    fn bytes(&self, root: usize, shift: i64, trailer: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1);
        for offset in offsets {
            let _ = writeln!(table, "{:010} 00000 n ", (offset as i64 + shift).max(0));
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root {root} 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend(table.bytes());
        out
    }
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend(data);
    body.extend(b"\nendstream");
    body
}

const PAGE_TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (STT Noi dung chi tieu) Tj ET";

/// A one-page document whose page draws `content` (a stream body) with Helvetica as /F1;
/// returns it and its catalog's number.
fn one_page(content: Vec<u8>) -> (Pdf, usize) {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let contents = pdf.add(content);
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {contents} 0 R >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    (pdf, catalog)
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}"))
        .unwrap_or_else(|e| panic!("fixtures/{path}: {e}; see fixtures/pdf/README.md"))
}

/// A real, small text PDF: chitieu's print of seed 004.
fn small_fixture() -> Vec<u8> {
    fixture("pdf/chitieu/004.pdf")
}

#[test]
fn an_empty_pdf_is_refused_naming_the_file() {
    let message = refused("empty.pdf", Vec::new());
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn a_bare_pdf_header_is_refused() {
    refused("header-only.pdf", b"%PDF-1.7".to_vec());
    refused("header-line.pdf", b"%PDF-1.7\n%%EOF\n".to_vec());
}

#[test]
fn a_pdf_cut_in_half_is_refused_or_read_with_a_warning_that_it_is_cut() {
    for (name, bytes) in
        [("hn-half.pdf", fixture("samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf")), ("004-half.pdf", small_fixture())]
    {
        match read_bounded(name, bytes[..bytes.len() / 2].to_vec()) {
            Ok(plan) => assert!(
                plan.warnings.iter().any(|w| w.message.contains("cut short")),
                "{name}: read without a word that it is cut: {:?}",
                plan.warnings
            ),
            Err(e) => assert!(e.to_string().starts_with(&format!("{name}: ")), "{e}"),
        }
    }
}

#[test]
fn xref_offsets_that_point_nowhere_end_in_a_refusal_not_a_hang() {
    let (pdf, root) = one_page(stream("", PAGE_TEXT));
    for shift in [7, -5, 1_000_000] {
        refused(&format!("xref-shift-{shift}.pdf"), pdf.bytes(root, shift, ""));
    }
    // startxref beyond the end of the file, and pointing at garbage.
    let good = pdf.bytes(root, 0, "");
    let text = String::from_utf8_lossy(&good).into_owned();
    let at = text.rfind("startxref\n").unwrap() + "startxref\n".len();
    for pointer in ["99999999", "12"] {
        let mut bytes = good[..at].to_vec();
        bytes.extend(format!("{pointer}\n%%EOF\n").bytes());
        refused(&format!("startxref-{pointer}.pdf"), bytes);
    }
}

/// An object stream holding the catalog whose /Length is an object inside itself and which
/// /Extends itself, found through an xref stream.
fn self_referencing_object_stream() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = [0usize; 6];
    let object = |out: &mut Vec<u8>, offsets: &mut [usize; 6], number: usize, body: &[u8]| {
        offsets[number] = out.len();
        out.extend(format!("{number} 0 obj\n").bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    };
    object(&mut out, &mut offsets, 2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(&mut out, &mut offsets, 3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    let inside = b"1 0 << /Type /Catalog /Pages 2 0 R >>";
    let mut objstm = b"<< /Type /ObjStm /N 1 /First 4 /Length 1 0 R /Extends 4 0 R >>\nstream\n".to_vec();
    objstm.extend(inside);
    objstm.extend(b"\nendstream");
    object(&mut out, &mut offsets, 4, &objstm);
    // The xref stream: type, offset (or object stream), generation (or index): 1, 4, 2 bytes.
    let at = out.len();
    let entry = |kind: u8, field: usize, index: u16| {
        let mut e = vec![kind];
        e.extend((field as u32).to_be_bytes());
        e.extend(index.to_be_bytes());
        e
    };
    let mut data = entry(0, 0, 0xFFFF);
    data.extend(entry(2, 4, 0));
    for offset in &offsets[2..=4] {
        data.extend(entry(1, *offset, 0));
    }
    data.extend(entry(1, at, 0));
    object(&mut out, &mut offsets, 5, &stream("/Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R", &data));
    out.extend(format!("startxref\n{at}\n%%EOF\n").bytes());
    out
}

#[test]
fn objects_that_reference_themselves_end_in_a_refusal() {
    refused("objstm-self.pdf", self_referencing_object_stream());

    // A page tree whose node is its own kid.
    let mut pdf = Pdf::default();
    let catalog = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>");
    refused("pages-self.pdf", pdf.bytes(catalog, 0, ""));

    // A /Length that is a reference to a reference to itself.
    let (mut pdf, root) = one_page(Vec::new());
    let a = pdf.reserve();
    let b = pdf.add(format!("{a} 0 R"));
    pdf.set(a, format!("{b} 0 R"));
    pdf.set(4, format!("<< /Length {a} 0 R >>\nstream\n{}\nendstream", String::from_utf8_lossy(PAGE_TEXT)));
    refused("length-loop.pdf", pdf.bytes(root, 0, ""));

    // A form XObject that draws itself.
    let (mut pdf, root) = one_page(Vec::new());
    let form = pdf.reserve();
    pdf.set(
        form,
        stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X0 {form} 0 R >> >>"
            ),
            b"/X0 Do",
        ),
    );
    pdf.set(4, stream("", b"/X0 Do"));
    pdf.set(5, format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X0 {form} 0 R >> >> /Contents 4 0 R >>"));
    refused("form-self.pdf", pdf.bytes(root, 0, ""));
}

// Deflate written by hand: fixed Huffman codes (RFC 1951, 3.2.6), zlib around it (RFC 1950).

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    fn literal(&mut self, byte: u8) {
        let byte = u32::from(byte);
        if byte < 144 { self.code(0x30 + byte, 8) } else { self.code(0x190 + byte - 144, 9) }
    }

    /// A copy of 258 bytes from `distance` back (1 or 13 only).
    fn copy_258(&mut self, distance: u32) {
        self.code(0xC5, 8); // length code 285: 258 bytes, no extra bits
        match distance {
            1 => self.code(0, 5),
            13 => {
                self.code(7, 5); // distance code 7: 13–16, two extra bits
                self.put(0, 2);
            }
            _ => unreachable!("only the distances the bombs use"),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.code(0, 7); // end of block
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

fn fixed_block() -> Bits {
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed codes
    bits
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65_521;
        b %= 65_521;
    }
    (b << 16) | a
}

fn zlib(deflate: Vec<u8>, adler: u32) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    out.extend(deflate);
    out.extend(adler.to_be_bytes());
    out
}

/// `1 + 258 × copies` zero bytes: one literal, then copies of 258 from one back (13 bits each).
fn zeros(copies: u64) -> Vec<u8> {
    let mut bits = fixed_block();
    bits.literal(0);
    for _ in 0..copies {
        bits.copy_258(1);
    }
    let n = 1 + 258 * copies;
    // Of n zeros, Adler-32's a stays 1 and b counts them.
    zlib(bits.finish(), (((n % 65_521) as u32) << 16) | 1)
}

/// `data` deflated where it repeats itself 13 bytes back (as [`zeros`]' codes do: 8 copies
/// are 104 bits), else byte by byte.
fn deflate_period_13(data: &[u8]) -> Vec<u8> {
    let mut bits = fixed_block();
    let mut i = 0;
    while i < data.len() {
        if i >= 13 && i + 258 <= data.len() && (i..i + 258).all(|j| data[j] == data[j - 13]) {
            bits.copy_258(13);
            i += 258;
        } else {
            bits.literal(data[i]);
            i += 1;
        }
    }
    zlib(bits.finish(), adler32(data))
}

#[test]
fn a_decompression_bomb_is_refused_within_time_and_memory() {
    // Over 1 GB of zeros: 6.8 MB deflated once, 46 KB deflated twice.
    let copies = 4_200_000;
    let once = zeros(copies);
    let twice = deflate_period_13(&once);
    assert!(twice.len() < 100_000, "{}", twice.len());
    for (name, filter, data) in
        [("bomb.pdf", "/FlateDecode", once), ("bomb-twice.pdf", "[/FlateDecode /FlateDecode]", twice)]
    {
        let (pdf, root) = one_page(stream(&format!("/Filter {filter}"), &data));
        refused(name, pdf.bytes(root, 0, ""));
    }
    if let Some(peak) = peak_memory() {
        assert!(peak < 900 << 20, "the process's memory peaked at {} MiB reading the bombs", peak >> 20);
    }
}

#[test]
fn ten_thousand_pages_read_within_bounds() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let root = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let content = pdf.add(stream("", PAGE_TEXT));
    let mut nodes = Vec::new();
    for _ in 0..100 {
        let node = pdf.reserve();
        let kids: Vec<String> = (0..100)
            .map(|_| {
                let page = pdf.add(format!(
                    "<< /Type /Page /Parent {node} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
                ));
                format!("{page} 0 R")
            })
            .collect();
        pdf.set(node, format!("<< /Type /Pages /Parent {root} 0 R /Kids [{}] /Count 100 >>", kids.join(" ")));
        nodes.push(format!("{node} 0 R"));
    }
    pdf.set(root, format!("<< /Type /Pages /Kids [{}] /Count 10000 >>", nodes.join(" ")));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {root} 0 R >>"));
    // A plan or a refusal, but an answer in time.
    if let Err(e) = read_bounded("pages-10000.pdf", pdf.bytes(catalog, 0, "")) {
        assert!(e.to_string().starts_with("pages-10000.pdf: "), "{e}");
    }
}

#[test]
fn an_encrypted_pdf_is_refused_saying_so() {
    let (mut pdf, root) = one_page(stream("", PAGE_TEXT));
    let owner = "7A".repeat(32);
    let user = "3C".repeat(32);
    let encrypt = pdf.add(format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{owner}> /U <{user}> >>"));
    let trailer =
        format!("/Encrypt {encrypt} 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    let message = refused("encrypted.pdf", pdf.bytes(root, 0, &trailer));
    let lower = message.to_lowercase();
    assert!(
        lower.contains("encrypt") || lower.contains("password"),
        "the refusal does not say the file is encrypted: {message}"
    );
}

/// One byte of a font's width table (/W) changed to a letter: "610.83984" becomes
/// "610.m3984". Found by the random flips below, which it once kept reading past the limit.
#[test]
fn a_damaged_font_width_table_is_read_within_bounds() {
    let mut bytes = small_fixture();
    let widths = bytes.windows(3).position(|w| w == b"/W[").expect("a CID font with /W");
    let dot = widths + bytes[widths..].windows(2).position(|w| w[0] == b'.' && w[1].is_ascii_digit()).unwrap();
    bytes[dot + 1] = b'm';
    if let Err(e) = read_bounded("damaged-widths.pdf", bytes) {
        assert!(e.to_string().starts_with("damaged-widths.pdf: "), "{e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, max_shrink_iters: 8, ..ProptestConfig::default() })]

    #[test]
    fn flipped_or_cut_bytes_of_a_real_pdf_never_panic_or_hang(
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 0..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = small_fixture();
        for (at, xor) in &flips {
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Err(e) = read_bounded("damaged.pdf", bytes) {
            prop_assert!(e.to_string().starts_with("damaged.pdf: "), "{}", e);
        }
    }
}
