//! Helpers shared by the integration tests. Each test file uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The bundled sample archive.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas")
}

/// A copy of the sample archive to change, removed when dropped.
pub fn sample_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), tmp.path());
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the sample archive with the meetings of `tests/fixtures/history` laid over it:
/// an FU meeting that prepared SDF of 8 September 2017, and an SDF meeting in 2018 where a
/// follow-up came back.
pub fn history_copy() -> tempfile::TempDir {
    let tmp = sample_copy();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history");
    for year in ["2017", "2018"] {
        copy_dir(&fixtures.join(year), &tmp.path().join(year));
    }
    tmp
}

/// Compares with a golden file in `tests/golden`; `UPDATE_GOLDEN=1` rewrites it after a
/// deliberate change.
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the golden file; review and run with UPDATE_GOLDEN=1\n--- actual ---\n{actual}"
    );
}
