//! Loading an archive at the scale of a municipality: 1,000 meeting files of about 50 KB each
//! (the reference meeting, repeated on other dates), parsed in parallel and validated.

use std::hint::black_box;
use std::path::Path;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};

use dagsorden::archive::Archive;

const MEETINGS: u64 = 1_000;

/// Writes an archive of `MEETINGS` copies of the reference meeting, padded to ~50 KB each.
fn generated_archive() -> tempfile::TempDir {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let reference = std::fs::read_to_string(sample.join("2017/2017-09-08-sdf.toml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(sample.join("forum.toml"), tmp.path().join("forum.toml")).unwrap();
    let first = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap();
    let padding = format!("\n# {}\n", "padding ".repeat(2_500));
    for n in 0..MEETINGS {
        let date = first + Days::new(n * 7);
        let dir = tmp.path().join(date.format("%Y").to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let text = reference
            .replace("date = 2017-09-08", &format!("date = {date}"))
            .replace("weekday = \"fredag\"\n", "")
            .replace("id = \"", &format!("id = \"m{n}-"))
            .replace("refs = [\"2017-06-23-sdf\"]", "")
            .replace("refs = [\"2017-03-24-sdf\"]", "")
            .replace("refs = [\"2016-08-15-sdf\"]", "")
            .replace("refs = [\"2017-11-16-sdf\"]", "")
            .replace(
                "kind = \"meeting\", meeting = \"2017-11-16-sdf\"",
                "kind = \"report-back\"",
            )
            .replace(
                "kind = \"event\", event = \"doegnseminar-2017\"",
                "kind = \"report-back\"",
            )
            + &padding;
        std::fs::write(dir.join(format!("{date}-sdf.toml")), text).unwrap();
    }
    tmp
}

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
