//! Loading an archive at the scale of a municipality (generated: 1,000 meetings, and
//! 10,000 with `DAGSORDEN_BENCH_10K=1`), with and without the load cache, beside the
//! baseline of parsing the same files as bare TOML with the same threads; and saving one
//! decision in it, with the cache and the search index brought up to date.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;

use dagsorden::archive::cache::Cache;
use dagsorden::archive::{Archive, check_text};
use dagsorden::edit;
use dagsorden::model::Outcome;
use dagsorden::search::index::Segment;
use dagsorden::search::stored::SegmentStore;
use dagsorden::store::Store;

mod support;

fn load(c: &mut Criterion) {
    for n in support::scales() {
        let archive = support::generated(n);
        let root = archive.path();
        let base = tempfile::tempdir().unwrap();
        let cache = || Cache::in_folder(base.path(), root).unwrap();
        // The generated archive must itself be valid, or the benchmark measures error paths.
        let loaded = Archive::load_cached(root, cache()).unwrap();
        assert_eq!(loaded.meetings.len(), n);
        assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics.first());
        let files = support::meeting_files(root);
        let mut group = c.benchmark_group("archive");
        group.sample_size(10);
        group.bench_function(
            format!("baseline: bare parallel toml parse, {n} meetings"),
            |b| {
                b.iter(|| {
                    let tables: Vec<toml::Table> = files
                        .par_iter()
                        .map(|f| toml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
                        .collect();
                    black_box(tables)
                })
            },
        );
        group.bench_function(format!("load, no cache, {n} meetings"), |b| {
            b.iter(|| black_box(Archive::load(root).unwrap()))
        });
        group.bench_function(format!("load, warm cache, {n} meetings"), |b| {
            b.iter(|| black_box(Archive::load_cached(root, cache()).unwrap()))
        });
        // The screens' start: the backgrounds left in the files until a meeting is shown.
        group.bench_function(
            format!("load for the screens, warm cache, {n} meetings"),
            |b| b.iter(|| black_box(Archive::load_for_screens(root, cache()).unwrap())),
        );
        group.bench_function(
            format!("check (every byte of every file), {n} meetings"),
            |b| b.iter(|| black_box(Archive::load_checked(root).unwrap())),
        );
        group.finish();
    }
}

/// Recording one decision: the field edited in the file as written, the file saved
/// atomically (with fsync), that one meeting read back into the archive (its cache entry
/// written), and its search segment folded again and kept: everything a save does before
/// the index is up to date.
fn save(c: &mut Criterion) {
    for n in support::scales() {
        let dir = support::generated(n);
        let base = tempfile::tempdir().unwrap();
        let cache = Cache::in_folder(base.path(), dir.path()).unwrap();
        let segments = SegmentStore::new(&cache);
        let mut archive = Archive::load_cached(dir.path(), cache).unwrap();
        let mut store = Store::open(dir.path(), check_text);
        let meeting = archive.meetings[n / 2].clone();
        let rel = meeting.file.clone();
        let item = meeting
            .items
            .iter()
            .find(|i| i.decision.is_some())
            .unwrap()
            .file_index;
        let mut k = 0u64;
        let mut group = c.benchmark_group("saving");
        group.sample_size(20);
        group.bench_function(
            format!("record a decision, cache entry and search index updated, {n} meetings"),
            |b| {
                b.iter(|| {
                    k += 1;
                    let text = format!("Socialdirektørforum godkendte takstændringerne ({k}).");
                    store
                        .edit(&rel, "decision", |doc| {
                            edit::set_decision_clause(doc, item, 0, Outcome::Approved, &text)
                        })
                        .unwrap();
                    archive.reload_meeting(&rel);
                    let m = archive.meetings.iter().find(|m| m.file == rel).unwrap();
                    segments.store(m, &Segment::build(m));
                    black_box(&archive);
                })
            },
        );
        group.finish();
    }
}

criterion_group!(benches, load, save);
criterion_main!(benches);
