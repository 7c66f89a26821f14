//! The decision list as documents: golden files for every format, and hostile text kept
//! harmless (Markdown escaped, spreadsheet formulas defused, terminal controls shown).

use dagsorden::archive::Archive;
use dagsorden::export::decisions::{
    decisions_csv, decisions_json, decisions_markdown, decisions_text,
};
use dagsorden::history::{DecisionFilter, decision_rows};
use dagsorden::lang::Lang;

mod common;
use common::{assert_golden, history_copy, sample_copy};

fn load_and_rows(
    dir: &std::path::Path,
    deviations: bool,
) -> (Archive, Vec<dagsorden::history::DecisionRow>) {
    let archive = Archive::load(dir).unwrap();
    let filter = DecisionFilter {
        deviations,
        ..DecisionFilter::default()
    };
    let rows = decision_rows(&archive.meetings, &filter);
    (archive, rows)
}

#[test]
fn every_format_is_pinned_by_a_golden_file() {
    let dir = history_copy();
    for deviations in [false, true] {
        let (a, rows) = load_and_rows(dir.path(), deviations);
        let name = if deviations { "deviations" } else { "all" };
        let (f, m) = (&a.forum, &a.meetings);
        assert_golden(
            &format!("decisions.{name}.da.md"),
            &decisions_markdown(f, m, &rows, deviations, Lang::Da),
        );
        assert_golden(
            &format!("decisions.{name}.en.md"),
            &decisions_markdown(f, m, &rows, deviations, Lang::En),
        );
        assert_golden(
            &format!("decisions.{name}.da.txt"),
            &decisions_text(f, m, &rows, deviations, Lang::Da),
        );
        assert_golden(
            &format!("decisions.{name}.csv"),
            &decisions_csv(f, m, &rows).unwrap(),
        );
        let json = serde_json::to_string_pretty(&decisions_json(f, m, &rows)).unwrap() + "\n";
        assert_golden(&format!("decisions.{name}.json"), &json);
    }
}

#[test]
fn the_markdown_table_reads_back_with_the_same_cells() {
    let dir = history_copy();
    let (a, rows) = load_and_rows(dir.path(), true);
    let md = decisions_markdown(&a.forum, &a.meetings, &rows, true, Lang::Da);
    let cells = table_cells(&md);
    // A head and one row per departing clause: 8 Sep. item 4 (a), 9 (a) and (b), FU item 2.
    assert_eq!(cells.len(), 5);
    assert_eq!(
        cells[0],
        [
            "Dato",
            "Udvalg",
            "Punkt",
            "Udfald",
            "Indstilling",
            "Beslutning"
        ]
    );
    assert_eq!(cells[3][2], "9. Mødeplan for Socialdirektørforum 2018 (b)");
    assert_eq!(cells[3][3], "Ikke godkendt");
    assert_eq!(cells[4][3], "Udsat");
}

#[test]
fn hostile_text_is_escaped_defused_and_made_visible() {
    let dir = sample_copy();
    let file = dir.path().join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "title = \"Kommissorium for analyse af Rammeaftalesamarbejde\"",
        "title = \"=HYPERLINK(\\\"x\\\") | *fed* <b>\\u001b[2J\"",
    );
    std::fs::write(&file, text).unwrap();
    let (a, rows) = load_and_rows(dir.path(), true);
    let md = decisions_markdown(&a.forum, &a.meetings, &rows, true, Lang::Da);
    let cells = table_cells(&md);
    assert_eq!(cells.len(), 4, "{md}");
    assert!(
        cells[1][2].contains("| *fed* <b>"),
        "the title's text survives as text: {md}"
    );
    assert!(!md.contains('\u{1b}'), "{md}");
    let parsed_html = pulldown_cmark::Parser::new(&md).any(|e| {
        matches!(
            e,
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
        )
    });
    assert!(!parsed_html, "{md}");

    let csv = decisions_csv(&a.forum, &a.meetings, &rows).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert!(first[4].starts_with("'=HYPERLINK"), "{:?}", &first[4]);
    assert!(!csv.contains('\u{1b}'));

    let text = decisions_text(&a.forum, &a.meetings, &rows, true, Lang::Da);
    assert!(!text.contains('\u{1b}') && text.contains('␛'), "{text}");
}

/// The cells of the first table, as text.
fn table_cells(md: &str) -> Vec<Vec<String>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.push(c);
                }
            }
            _ => {}
        }
    }
    rows
}
