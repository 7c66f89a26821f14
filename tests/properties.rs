//! Property tests (proptest): hostile text in every field the screens and commands write
//! survives the save path and a reload unchanged, comes out of every export as inert text
//! and is drawn as placeholders; an edit to one field changes no byte outside it, whatever
//! the file's line endings, BOM or final newline.
//!
//! `PROPTEST_CASES=1000` runs more cases than the suite's default.

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

mod common;

use std::path::Path;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::model::Outcome;
use dagsorden::store::Store;
use proptest::prelude::*;

/// Pieces of text that have broken TOML writers, terminals or Markdown somewhere.
const FRAGMENTS: &[&str] = &[
    "\"",
    "\"\"\"",
    "'''",
    "\\",
    "\\u0041",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]52;c;b3duZWQ=\u{7}",
    "\u{1b}[2J",
    "\u{1b}c",
    "\0",
    "\u{7f}",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "\u{061c}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\u{e0041}",
    "\u{ad}",
    "\u{3164}",
    "æøå ÆØÅ",
    "👩‍👩‍👧",
    "#",
    "# comment",
    "[[items]]",
    "= 1",
    "`",
    "```",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](data:text/html,x)",
    "*",
    "> ",
    "- ",
    "1. ",
    " ",
    "Socialdirektørforum",
    "godkender",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(FRAGMENTS), 1..16).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// Hostile text with something to show: a title or a clause cannot be blank.
fn hostile_line() -> impl Strategy<Value = String> {
    hostile().prop_filter("not blank", |s| !s.trim().is_empty())
}

/// What the edit layer writes for a text field: CRLF as LF, no trailing whitespace, and a
/// final newline on multi-line text (so `"""` closes on its own line).
fn as_saved(text: &str) -> String {
    dagsorden::edit::normalise_newlines(text)
}

const MEETING: &str = "2017/2017-09-08-sdf.toml";

/// A small meeting of the sample forum, with one item to fill in.
fn archive_with_one_item() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::sample_dir().join("forum.toml"),
        dir.path().join("forum.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("2017")).unwrap();
    std::fs::write(
        dir.path().join(MEETING),
        "body = \"sdf\"\ntitle = \"Møde\"\ndate = 2017-09-08\nstatus = \"minutes-draft\"\n\n\
         [[items]]\nnumber = 1\ntitle = \"Punkt\"\nkind = \"decision\"\n",
    )
    .unwrap();
    dir
}

#[derive(Debug, Clone)]
struct Texts {
    title: String,
    presenter: String,
    background: String,
    lead: String,
    clauses: Vec<String>,
    decision: String,
    remarks: String,
}

fn texts() -> impl Strategy<Value = Texts> {
    (
        hostile_line(),
        hostile_line(),
        hostile_line(),
        hostile_line(),
        prop::collection::vec(hostile_line(), 1..4),
        hostile_line(),
        hostile_line(),
    )
        .prop_map(
            |(title, presenter, background, lead, clauses, decision, remarks)| Texts {
                title,
                presenter,
                background,
                lead,
                clauses,
                decision,
                remarks,
            },
        )
}

/// Saves `t` into the item through the save path the screens use, and loads the archive.
fn save_and_load(dir: &Path, t: &Texts) -> Archive {
    let mut store = Store::open(dir, dagsorden::archive::check_text);
    store
        .edit(Path::new(MEETING), "texts", |doc| {
            use dagsorden::edit::*;
            set_item_title(doc, 0, &t.title)?;
            set_item_text(doc, 0, "presenter", &t.presenter)?;
            set_item_text(doc, 0, "background", &t.background)?;
            set_recommendation(doc, 0, &t.lead, &t.clauses, None)?;
            set_decision_clause(doc, 0, 0, Outcome::ApprovedWithChanges, &t.decision)?;
            set_decision_text(doc, 0, "remarks", &t.remarks)
        })
        .expect("the save path takes any text");
    Archive::load(dir).unwrap()
}

/// Nothing that acts on a terminal or hides text; `allowed` may remain (line breaks).
fn assert_inert(what: &str, text: &str, allowed: &[char]) {
    let bad = text
        .chars()
        .find(|&c| !allowed.contains(&c) && dagsorden::text::is_hidden(c));
    assert!(bad.is_none(), "{what}: hidden character {bad:?}");
}

fn check_round_trip(t: &Texts) {
    let dir = archive_with_one_item();
    let archive = save_and_load(dir.path(), t);
    assert!(
        archive.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        archive
            .diagnostics
            .first()
            .map(|d| d.headline(dagsorden::lang::Lang::En))
    );
    let item = &archive.meetings[0].items[0];
    assert_eq!(item.title, t.title.trim());
    assert_eq!(
        item.presenter.as_deref(),
        Some(as_saved(&t.presenter).as_str())
    );
    assert_eq!(
        item.background.text(),
        Some(as_saved(&t.background).as_str())
    );
    let rec = item.recommendation.as_ref().expect("a recommendation");
    assert_eq!(rec.lead, as_saved(&t.lead));
    assert_eq!(
        rec.clauses,
        t.clauses.iter().map(|c| as_saved(c)).collect::<Vec<_>>()
    );
    let decision = item.decision.as_ref().expect("a decision");
    assert_eq!(decision.clauses[0].text, as_saved(&t.decision));
    assert_eq!(decision.remarks, as_saved(&t.remarks));

    // Every export of it is inert.
    let meeting = &archive.meetings[0];
    let input = t.title.len()
        + t.presenter.len()
        + t.background.len()
        + t.lead.len()
        + t.clauses.iter().map(String::len).sum::<usize>()
        + t.decision.len()
        + t.remarks.len();
    for kind in [
        dagsorden::export::markdown::DocKind::Minutes,
        dagsorden::export::markdown::DocKind::Agenda,
    ] {
        let opts = dagsorden::export::markdown::MarkdownOptions {
            kind,
            public: false,
            lang: Lang::Da,
        };
        let md = dagsorden::export::markdown::meeting_markdown(&archive, meeting, &opts);
        checks::assert_safe_markdown(&md, input);
    }
    let filter = dagsorden::history::DecisionFilter::default();
    let rows = dagsorden::history::decision_rows(&archive.meetings, &filter);
    let json =
        dagsorden::export::decisions::decisions_json(&archive.forum, &archive.meetings, &rows);
    let printed = dagsorden::export::json::pretty(&json).unwrap();
    assert_inert("JSON", &printed, &['\n']);
    // The data is the same to any reader: the decision's text comes back whole.
    let back: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert!(
        printed.len() >= t.decision.trim().len() && back == json,
        "JSON read back differs"
    );
    let csv = dagsorden::export::decisions::decisions_csv(&archive.forum, &archive.meetings, &rows)
        .unwrap();
    assert_inert("CSV", &csv, &['\n', '\r']);

    // The screens draw it as placeholders.
    let mut app = common::screen::app_on(dir.path(), (100, 40), Lang::Da);
    common::screen::keys(&mut app, "2");
    common::screen::key(&mut app, crossterm::event::KeyCode::Enter);
    let screen = common::screen::screen_text(&app);
    assert_inert("the meeting screen", &screen, &['\n']);
    common::screen::key(&mut app, crossterm::event::KeyCode::Enter);
    let screen = common::screen::screen_text(&app);
    assert_inert("the item", &screen, &['\n']);
}

proptest! {
    #![proptest_config(common::proptest_cases(48))]

    #[test]
    fn hostile_text_in_every_field_survives_save_load_and_every_output(t in texts()) {
        check_round_trip(&t);
    }
}

#[test]
fn a_text_of_100_kb_in_every_text_field_survives_too() {
    let big: String = FRAGMENTS.iter().cycle().take(24_000).copied().collect();
    assert!(big.len() > 100_000);
    check_round_trip(&Texts {
        // A title is refused beyond 1,000 characters (see below); every text takes 100 KB.
        title: big.chars().take(dagsorden::edit::MAX_TITLE_CHARS).collect(),
        presenter: big.clone(),
        background: big.clone(),
        lead: big.clone(),
        clauses: vec![big.clone(), big.clone()],
        decision: big.clone(),
        remarks: big,
    });
}

/// The sample meeting in the shapes files come in.
fn shaped(sample: &str, shape: u8) -> String {
    match shape {
        0 => sample.to_owned(),
        1 => sample.replace('\n', "\r\n"),
        2 => format!("\u{feff}{}", sample.replace('\n', "\r\n")),
        3 => sample.trim_end().to_owned(),
        4 => format!("\u{feff}{}", sample.trim_end()),
        // Mixed: every other line ends in CRLF.
        _ => sample
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| {
                if i % 2 == 0 {
                    l.replace('\n', "\r\n")
                } else {
                    l.to_owned()
                }
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(common::proptest_cases(96))]

    #[test]
    fn an_edit_to_one_field_changes_no_byte_outside_it(
        shape in 0u8..6,
        item in 0usize..10,
        key in prop::sample::select(&["title", "background", "presenter"][..]),
        value in hostile_line(),
    ) {
        let sample = std::fs::read_to_string(common::sample_dir().join(MEETING)).unwrap();
        checks::assert_local_edit(&shaped(&sample, shape), item, key, &value);
    }
}
