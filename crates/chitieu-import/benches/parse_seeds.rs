//! Reading all five seed plans, end to end from bytes (goal: ≤ 5 ms in release).

use criterion::{Criterion, criterion_group, criterion_main};

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .map(|e| e.expect("dir entry").path())
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), std::fs::read(&p).expect("seed")))
        .collect();
    seeds.sort();
    seeds
}

fn parse_seeds(c: &mut Criterion) {
    let seeds = seeds();
    c.bench_function("parse all five seeds", |b| {
        b.iter(|| {
            for (name, bytes) in &seeds {
                let plan = chitieu_import::read_plan(name, bytes).expect("seed parses");
                std::hint::black_box(plan);
            }
        });
    });
}

criterion_group!(benches, parse_seeds);
criterion_main!(benches);
