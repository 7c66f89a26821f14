//! The Markdown minutes: pinned by a golden file, parsed back, and safe with hostile text.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use dagsorden::archive::Archive;
use dagsorden::export::{DocKind, MarkdownOptions, meeting_markdown};
use dagsorden::lang::Lang;

mod common;
use common::{assert_golden, sample_dir};

fn export(dir: &Path, id: &str, kind: DocKind, public: bool, lang: Lang) -> String {
    let archive = Archive::load(dir).unwrap();
    let meeting = archive.meeting(&id.parse().unwrap()).unwrap();
    meeting_markdown(&archive, meeting, &MarkdownOptions { kind, public, lang })
}

/// The reference meeting of 8 September 2017 from the sample archive, with every item.
fn reference(kind: DocKind, lang: Lang) -> String {
    export(&sample_dir(), "2017-09-08-sdf", kind, false, lang)
}

fn headings(markdown: &str, level: HeadingLevel) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if l == level => {
                current = Some(String::new())
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(c) = current.take() {
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn minutes_of_the_reference_meeting_match_the_golden_file() {
    let md = reference(DocKind::Minutes, Lang::Da);
    assert_golden("2017-09-08-sdf.minutes.da.md", &md);
}

#[test]
fn agenda_and_english_minutes_match_their_golden_files() {
    let agenda = reference(DocKind::Agenda, Lang::Da);
    assert_golden("2017-09-08-sdf.agenda.da.md", &agenda);
    let english = reference(DocKind::Minutes, Lang::En);
    assert_golden("2017-09-08-sdf.minutes.en.md", &english);
}

#[test]
fn the_minutes_parse_back_with_every_item_and_no_raw_html() {
    let md = reference(DocKind::Minutes, Lang::Da);
    let items = headings(&md, HeadingLevel::H2);
    // 13 items + "Fremmøde" + "Punkter" + "Opfølgning"
    assert_eq!(items.len(), 13 + 3, "{items:?}");
    assert_eq!(&items[..2], ["Fremmøde", "Punkter"]);
    assert!(
        items
            .iter()
            .any(|h| h == "9. Mødeplan for Socialdirektørforum 2018")
    );
    assert!(items.contains(&"Opfølgning".to_owned()));
    let sections = headings(&md, HeadingLevel::H3);
    assert_eq!(sections.iter().filter(|h| *h == "Indstilling").count(), 11);
    assert_eq!(sections.iter().filter(|h| *h == "Beslutning").count(), 11);
    assert_eq!(sections.iter().filter(|h| *h == "Bilag").count(), 7);
    assert!(!Parser::new(&md).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))));
    assert!(md.contains("fredag den 8. september 2017, kl. 09.00–12.00"));
    assert!(md.contains("Socialdirektørforum godkendte kommissoriet med følgende bemærkninger:"));
    assert!(md.contains("Det blev aftalt, at der ikke afholdes studietur i 2018."));
}

#[test]
fn the_agenda_has_no_decisions() {
    let md = reference(DocKind::Agenda, Lang::Da);
    assert!(!headings(&md, HeadingLevel::H3).contains(&"Beslutning".to_owned()));
    assert!(!md.contains("Referat godkendt"));
    assert!(md.contains(
        "Forretningsudvalget indstiller, at Socialdirektørforum godkender takstændringerne."
    ));
}

/// A small archive whose text tries to break out of the document.
fn hostile_archive() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("forum.toml"),
        "[[bodies]]\nid = \"sdf\"\nname = \"SDF\"\n",
    )
    .unwrap();
    std::fs::create_dir(tmp.path().join("2018")).unwrap();
    std::fs::write(
        tmp.path().join("2018/2018-02-09-sdf.toml"),
        r###"body = "sdf"
title = "Møde <script>alert(1)</script>"
date = 2018-02-09
status = "held"

[[items]]
number = 14
title = "# Ikke en overskrift *ikke fed* [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
kind = "decision"
background = "Tekst med <b>html</b> og [link](javascript:alert(2)) og [ok](https://kl.dk).\n\n<div>blok</div>"

[items.recommendation]
lead = "Indstilling:"
clauses = ["- ikke en liste", "1. heller ikke"]

[[items]]
number = 15
title = "Lukket punkt om en medarbejder"
kind = "decision"
closed = true

[[items]]
number = 16
title = "Næste"
kind = "information"
"###,
    )
    .unwrap();
    tmp
}

#[test]
fn user_text_comes_out_as_literal_text() {
    let tmp = hostile_archive();
    let md = export(
        tmp.path(),
        "2018-02-09-sdf",
        DocKind::Minutes,
        false,
        Lang::Da,
    );
    let events: Vec<Event> = Parser::new(&md).collect();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{md}"
    );
    let link_targets: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(link_targets, ["https://kl.dk"]);
    let h2 = headings(&md, HeadingLevel::H2);
    assert!(h2.contains(&"14. # Ikke en overskrift *ikke fed* [x](javascript:alert(1)) <img src=x onerror=alert(1)>".to_owned()), "{h2:?}");
    assert_eq!(
        headings(&md, HeadingLevel::H1),
        ["Møde <script>alert(1)</script>"]
    );
    // The clauses stay clauses, not nested lists or numbered lists of their own.
    let list_items = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Item)))
        .count();
    let texts: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains("- ikke en liste") && texts.contains("1. heller ikke"),
        "{md}"
    );
    // 2 header lines (body, time) + 3 in the item list (14, 15, 16); the two clauses are
    // lettered paragraphs, and no list was made out of a clause's text.
    assert!(
        texts.contains("(a) - ikke en liste") && texts.contains("(b) 1. heller ikke"),
        "{md}"
    );
    assert_eq!(list_items, 5, "{md}");
}

#[test]
fn public_minutes_leave_closed_items_out_and_keep_numbers() {
    let tmp = hostile_archive();
    let internal = export(
        tmp.path(),
        "2018-02-09-sdf",
        DocKind::Minutes,
        false,
        Lang::Da,
    );
    assert!(internal.contains("Lukket punkt om en medarbejder"));
    let public = export(
        tmp.path(),
        "2018-02-09-sdf",
        DocKind::Minutes,
        true,
        Lang::Da,
    );
    assert!(!public.contains("Lukket punkt om en medarbejder"));
    let h2 = headings(&public, HeadingLevel::H2);
    assert!(
        h2.iter().any(|h| h.starts_with("14. ")) && h2.contains(&"16. Næste".to_owned()),
        "{h2:?}"
    );
    // The item list shows 14 and then 16, as two lists that each start at their number.
    let starts: Vec<u64> = Parser::new(&public)
        .filter_map(|e| match e {
            Event::Start(Tag::List(Some(n))) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(starts, [14, 16]);
}
