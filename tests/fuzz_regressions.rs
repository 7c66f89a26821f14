//! Every input the fuzzer found a problem with (`fuzz/regressions/<target>/`), run through
//! the same checks as the fuzz targets, so each finding stays fixed without a nightly
//! compiler. The sample archive and the fixtures run through them too.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).expect("a regression input"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The sample's and the fixtures' meeting files, the fuzzers' seeds.
fn meeting_files() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![std::fs::read(root.join("agendas/2017/2017-09-08-sdf.toml")).unwrap()];
    for fixture in [
        "municipal/2021/2021-03-12-børn-og-unge.toml",
        "history/2018/2018-06-22-sdf.toml",
    ] {
        files.push(std::fs::read(root.join("tests/fixtures").join(fixture)).unwrap());
    }
    files
}

fn run(target: &str, check: fn(&[u8]), seeds: Vec<Vec<u8>>) {
    let found = inputs(target);
    for (name, data) in &found {
        let result = std::panic::catch_unwind(|| check(data));
        assert!(
            result.is_ok(),
            "fuzz/regressions/{target}/{name} fails again"
        );
    }
    for seed in &seeds {
        check(seed);
    }
}

#[test]
fn load_meeting() {
    run("load_meeting", checks::load_meeting, meeting_files());
}

#[test]
fn load_archive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read(root.join(p)).unwrap();
    let mut seed = read("agendas/forum.toml");
    seed.extend_from_slice(checks::FILE_SEPARATOR);
    seed.extend(read("agendas/2017/2017-09-08-sdf.toml"));
    seed.extend_from_slice(checks::FILE_SEPARATOR);
    seed.extend(read("agendas/calendar/2017.toml"));
    run("load_archive", checks::load_archive, vec![seed]);
}

#[test]
fn edit_roundtrip() {
    let mut seeds = meeting_files();
    // The sample in the shapes a Windows editor leaves: CRLF, a BOM, no final newline.
    let sample = String::from_utf8(seeds[0].clone()).unwrap();
    let crlf = sample.replace('\n', "\r\n");
    seeds.push(crlf.clone().into_bytes());
    seeds.push(format!("\u{feff}{}", crlf.trim_end()).into_bytes());
    seeds.push(sample.trim_end().as_bytes().to_vec());
    run("edit_roundtrip", checks::edit_roundtrip, seeds);
}

#[test]
fn markdown_export() {
    run("markdown_export", checks::markdown_export, meeting_files());
}

#[test]
fn tui_markdown() {
    let seeds = meeting_files()
        .into_iter()
        .flat_map(|m| [[&[7u8][..], &m].concat(), [&[79u8][..], &m].concat()])
        .collect();
    run("tui_markdown", checks::tui_markdown, seeds);
}

#[test]
fn import_text() {
    let page =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/sdf-2017-09-08.txt");
    let page = std::fs::read(page).unwrap();
    // The page cut short at every hundredth line, as a page saved incomplete is.
    let lines: Vec<&[u8]> = page.split(|&b| b == b'\n').collect();
    let mut seeds = vec![page.clone()];
    for end in (0..lines.len()).step_by(100) {
        seeds.push(lines[..end].join(&b'\n'));
    }
    run("import_text", checks::import_text, seeds);
}

#[test]
fn merge_file() {
    // A meeting against itself, and with one side's title changed and the other's decision.
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/2017/2017-09-08-sdf.toml"),
    )
    .unwrap();
    let title = sample.replace("Sammen om psykiatri\"", "Sammen om psykiatri (A)\"");
    let other = sample.replace("Sammen om psykiatri\"", "Sammen om psykiatri (B)\"");
    let join = |parts: [&str; 3]| parts.join("\n%%%%\n").into_bytes();
    let seeds = vec![
        join([&sample, &sample, &sample]),
        join([&sample, &title, &sample]),
        join([&sample, &title, &other]),
    ];
    run("merge_file", checks::merge_file, seeds);
}

#[test]
fn cache_files() {
    // Nothing; truncated postcard; a real-looking start; bytes of a real meeting file.
    let sample = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/2017/2017-09-08-sdf.toml"),
    )
    .unwrap();
    let join = |parts: [&[u8]; 5]| parts.join(&b"\n%%%%\n"[..]);
    let seeds = vec![
        Vec::new(),
        join([
            b"\x05abc",
            b"\x02\x01a\x00",
            b"\x01\x02",
            b"\x08\x00\x00\x00\x00\x00\x00\x00",
            b"\x01\x01\x03abc",
        ]),
        join([
            &sample[..200],
            &sample[200..300],
            &sample[300..400],
            &sample[400..800],
            &sample[800..900],
        ]),
        join([
            &[0xff; 64],
            &[0x00; 8],
            &[0x80; 64],
            &[0x7f; 64],
            &[0x01; 8],
        ]),
    ];
    run("cache_files", checks::cache_files, seeds);
}

/// The regression folder is read, not silently empty: the first finding is in it.
#[test]
fn the_regression_inputs_are_found() {
    assert!(
        inputs("edit_roundtrip")
            .iter()
            .any(|(name, _)| name == "no-final-newline.toml")
    );
}
