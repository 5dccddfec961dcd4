//! One scanned page read end to end: rendered by hayro at 300 dpi, straightened, its rules
//! found and its cells OCR'd by Tesseract (goal: ≤ 3 s on two cores). Needs `tesseract` with
//! the `vie` model (`bash scripts/install-pdf-tools`).

use criterion::{Criterion, criterion_group, criterion_main};

fn scan_page(c: &mut Criterion) {
    chitieu_import::pdf::scan::ocr_available().expect("tesseract with `vie`: run `bash scripts/install-pdf-tools`");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/scans/hn-phu-luc.pdf");
    let pdf = hayro_syntax::Pdf::new(std::fs::read(path).expect("the scanned Hà Nội appendix")).expect("a PDF");
    let page = &pdf.pages()[0];
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    group.bench_function("one scanned A4 page (render, deskew, rules, OCR)", |b| {
        b.iter(|| std::hint::black_box(chitieu_import::pdf::scan::read_scanned_page(page, 1).expect("reads")));
    });
    group.bench_function("render only", |b| {
        b.iter(|| std::hint::black_box(chitieu_import::pdf::scan::render_page(page, 300.0).expect("renders")));
    });
    group.finish();
}

criterion_group!(benches, scan_page);
criterion_main!(benches);
