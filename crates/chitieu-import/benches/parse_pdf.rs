//! Reading PDFs with a text layer, end to end from bytes: a 21-page document (the Hà Nội plan
//! and seed 003 printed by LibreOffice, joined by pdfunite; goal ≤ 200 ms in release) and the
//! Hà Nội plan alone (12 pages).

use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn parse_pdf(c: &mut Criterion) {
    for (name, path) in [
        ("21-page text PDF", "pdf/other/hn-and-003-21-pages.pdf"),
        ("Hà Nội plan, 12 pages", "samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf"),
    ] {
        let bytes = fixture(path);
        c.bench_function(name, |b| {
            b.iter(|| std::hint::black_box(chitieu_import::read_plan("plan.pdf", &bytes).expect("reads")));
        });
    }
}

criterion_group!(benches, parse_pdf);
criterion_main!(benches);
