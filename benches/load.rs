//! Loading an archive at the scale of a municipality: 1,000 meeting files of about 50 KB each
//! (the reference meeting, repeated on other dates), parsed in parallel and validated; and
//! saving one decision in it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use dagsorden::archive::{Archive, check_text};
use dagsorden::edit;
use dagsorden::model::Outcome;
use dagsorden::store::Store;

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

/// Recording one decision in that archive: the field edited in the file as written, the
/// file saved atomically (with fsync), and that one meeting read back into the archive.
fn save(c: &mut Criterion) {
    let dir = generated_archive();
    let mut archive = Archive::load(dir.path()).unwrap();
    let mut store = Store::open(dir.path(), check_text);
    let meeting = archive.meetings[MEETINGS as usize / 2].clone();
    let rel = meeting.file.clone();
    let mut n = 0u64;
    let mut group = c.benchmark_group("saving");
    group.sample_size(20);
    group.bench_function("record a decision in 1000 meetings", |b| {
        b.iter(|| {
            n += 1;
            let text = format!("Socialdirektørforum godkendte takstændringerne ({n}).");
            store
                .edit(&rel, "decision", |doc| {
                    edit::set_decision_clause(doc, 7, 0, Outcome::Approved, &text)
                })
                .unwrap();
            archive.reload_meeting(&rel);
            black_box(&archive);
        })
    });
    group.finish();
}

criterion_group!(benches, load, save);
criterion_main!(benches);
