//! Loading an archive at the scale of a municipality: 1,000 meeting files of about 50 KB each
//! (the reference meeting, repeated on other dates), parsed in parallel and validated.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use dagsorden::archive::Archive;

mod support;
use support::{MEETINGS, generated_archive};

fn load(c: &mut Criterion) {
    let archive = generated_archive();
    // The generated archive must itself be valid, or the benchmark measures error paths.
    let loaded = Archive::load(archive.path()).unwrap();
    assert_eq!(loaded.meetings.len(), MEETINGS as usize);
    assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics.first());
    let mut group = c.benchmark_group("archive");
    group.sample_size(10);
    group.bench_function("load 1000 meetings", |b| {
        b.iter(|| black_box(Archive::load(archive.path()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
