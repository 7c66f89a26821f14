//! Helpers shared by the integration tests. Each test file uses only some of them.
#![allow(dead_code)]

pub mod git;
pub mod screen;

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
        // Another test's app on the sample archive probes whether it can write there with
        // a short-lived temporary file: not part of the archive.
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".dagsorden-tmp")
        {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            if let Err(e) = std::fs::copy(entry.path(), &target) {
                panic!(
                    "copying {} to {}: {e}",
                    entry.path().display(),
                    target.display()
                );
            }
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

/// `history_copy` with follow-up history written the way the screens write it: two course
/// runs logged, the Socialstyrelsen status done, the LMS invitation cancelled, the analysis
/// given an exact date, and the November 2018 occupancy report moved a week.
pub fn followups_copy() -> tempfile::TempDir {
    use chrono::NaiveDate;
    use dagsorden::edit::followup::{Closing, close, log_run, move_instance, reschedule};
    use dagsorden::model::FollowupStatus;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let tmp = history_copy();
    let edit = |rel: &str, change: &dyn Fn(&mut toml_edit::DocumentMut)| {
        let path = tmp.path().join(rel);
        let mut doc: toml_edit::DocumentMut =
            std::fs::read_to_string(&path).unwrap().parse().unwrap();
        change(&mut doc);
        std::fs::write(&path, doc.to_string()).unwrap();
    };
    edit("2017/2017-09-08-sdf.toml", &|doc| {
        let id = "myndighedsforloeb-evaluering";
        log_run(doc, id, d(2017, 11, 1), "Forløb 1, Vejle").unwrap();
        log_run(doc, id, d(2018, 3, 15), "Forløb 2, Odense").unwrap();
        let done = Closing {
            status: FollowupStatus::Done,
            on: d(2017, 9, 15),
            by: None,
            reason: String::new(),
        };
        close(
            doc,
            "spiseforstyrrelser-status-socialstyrelsen",
            None,
            &done,
        )
        .unwrap();
        let cancelled = Closing {
            status: FollowupStatus::Cancelled,
            on: d(2017, 10, 2),
            by: None,
            reason: "LMS kunne ikke deltage".into(),
        };
        close(doc, "lms-inviteres-doegnseminar", None, &cancelled).unwrap();
        let due = dagsorden::edit::followup::parse_due("2018-08-31").unwrap();
        reschedule(
            doc,
            "rammeaftale-analyse",
            due,
            "Analysen er forsinket",
            d(2018, 4, 10),
        )
        .unwrap();
    });
    edit("calendar/2018.toml", &|doc| {
        move_instance(
            doc,
            "belaegning-1-november",
            2018,
            d(2018, 11, 8),
            "Fristen er forlænget en uge",
        )
        .unwrap();
    });
    tmp
}

/// A proptest configuration of `cases` cases, unless `PROPTEST_CASES` asks for more or fewer.
pub fn proptest_cases(cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    proptest::test_runner::Config {
        cases,
        ..proptest::test_runner::Config::default()
    }
}
