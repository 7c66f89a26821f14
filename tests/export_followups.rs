//! The follow-up list as documents: golden files for every format and language, and
//! hostile text kept harmless.

use chrono::NaiveDate;
use dagsorden::archive::Archive;
use dagsorden::calendar::schedule;
use dagsorden::export::followups::{followups_json, followups_markdown, followups_text};
use dagsorden::followup::{Entry, entries};
use dagsorden::lang::Lang;

mod common;
use common::{assert_golden, followups_copy, sample_copy};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn list(archive: &Archive, today: NaiveDate) -> Vec<Entry> {
    entries(archive, &schedule(archive), today)
}

#[test]
fn every_format_is_pinned_by_a_golden_file() {
    // Every kind of due and of history: runs, done, cancelled, a new due with its reason, a
    // moved year of a yearly deadline, and an item answering a follow-up.
    let dir = followups_copy();
    let archive = Archive::load(dir.path()).unwrap();
    assert_eq!(
        archive.error_count() + archive.warning_count(),
        0,
        "{:?}",
        archive.diagnostics
    );
    let today = d(2018, 5, 2);
    let all = list(&archive, today);
    assert_golden(
        "followups.da.txt",
        &followups_text(&archive, &all, today, Lang::Da),
    );
    assert_golden(
        "followups.en.txt",
        &followups_text(&archive, &all, today, Lang::En),
    );
    assert_golden(
        "followups.da.md",
        &followups_markdown(&archive, &all, today, Lang::Da),
    );
    assert_golden(
        "followups.json",
        &(serde_json::to_string_pretty(&followups_json(&archive, &all, Lang::Da)).unwrap() + "\n"),
    );
}

#[test]
fn hostile_text_is_escaped_in_markdown_and_shown_harmless_in_text() {
    let dir = sample_copy();
    let file = dir.path().join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "what = \"Status på koordination",
        "what = \"| *fed* <b>x</b> \\u001b[31m Status på koordination",
    );
    std::fs::write(&file, text).unwrap();
    let archive = Archive::load(dir.path()).unwrap();
    let today = d(2017, 9, 20);
    let all = list(&archive, today);
    let md = followups_markdown(&archive, &all, today, Lang::Da);
    let row = md
        .lines()
        .find(|l| l.contains("Status på koordination"))
        .unwrap();
    assert!(row.contains("\\| \\*fed\\* \\<b>x\\</b>"), "{row}");
    let txt = followups_text(&archive, &all, today, Lang::Da);
    assert!(!txt.contains('\u{1b}'));
    assert!(txt.contains("␛[31m Status på koordination"), "{txt}");
}
