//! Generated archives at the scale of a municipality, shared by the benchmarks: the
//! generator of `examples/gen_archive` (varied Danish text, both bodies, year plans,
//! follow-ups, attachments), 1,000 meetings always and 10,000 when
//! `DAGSORDEN_BENCH_10K=1` (half a gigabyte: too much for every CI run).

#![allow(dead_code)]

use std::path::Path;

#[path = "../../examples/gen_archive/generate.rs"]
mod generate;
#[path = "../../examples/gen_archive/text.rs"]
pub mod text;

/// The archive sizes to measure.
pub fn scales() -> Vec<usize> {
    let mut out = vec![1_000];
    if std::env::var_os("DAGSORDEN_BENCH_10K").is_some_and(|v| v == "1") {
        out.push(10_000);
    }
    out
}

/// Whether criterion measures (`cargo bench`), rather than running each benchmark once to
/// see that it works (`cargo test --all-targets`).
pub fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// An archive of `meetings` generated meetings (the same every time), in a folder of its
/// own, with its files' times moved back a minute so that a cache written now can tell
/// them apart from a change.
pub fn generated(meetings: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let written = generate::write_archive(dir.path(), meetings, 1).unwrap();
    assert_eq!(written.meetings, meetings);
    generate::backdate(dir.path(), std::time::Duration::from_secs(60)).unwrap();
    dir
}

/// A word of the generated text that only a few dozen of 1,000 meetings have (as a name or
/// a project would): one of the made-up words, drawn rarely.
pub fn rare_word() -> String {
    text::rare_word(5_000)
}

/// The meeting files' text, for the baselines: how long reading and parsing them takes
/// without dagsorden.
pub fn meeting_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for year in std::fs::read_dir(root).unwrap() {
        let year = year.unwrap().path();
        if !year.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&year).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "toml") {
                out.push(f);
            }
        }
    }
    out.push(root.join("forum.toml"));
    out
}
