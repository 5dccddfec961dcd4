//! Exporting a whole province's consolidated report, 150 items × 120 units with every unit
//! owing every item (goal for the .xlsx: ≤ 1 s in release; the PDF is measured alongside).

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/it/common.rs"]
mod common;

fn export_province(c: &mut Criterion) {
    let report = common::province_report(150, 120);
    let mut group = c.benchmark_group("province 150 items × 120 units");
    group.sample_size(10);
    group.bench_function("xlsx", |b| b.iter(|| std::hint::black_box(chitieu_export::xlsx(&report).expect("xlsx"))));
    group.bench_function("pdf", |b| b.iter(|| std::hint::black_box(chitieu_export::pdf(&report).expect("pdf"))));
    group.finish();
}

criterion_group!(benches, export_province);
criterion_main!(benches);
