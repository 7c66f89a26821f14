use std::path::Path;

use toml_edit::DocumentMut;

use super::*;
use crate::store::diff_lines;

/// A meeting file with comments in the places people put them.
const FIXTURE: &str = r#"# Møde i FU — a comment at the top
body = "fu"
title = "Møde i Forretningsudvalget den 24. januar 2018"   # trailing comment
date = 2018-01-24
status = "agenda-draft"

# -------------------------------------------------------------
[[items]]
number = 1
title = "Første punkt"
kind = "decision"
# a comment inside the item

[items.recommendation]
lead = "Det indstilles, at Forretningsudvalget"
clauses = ["godkender planen", "drøfter budgettet"]

# -------------------------------------------------------------
[[items]]
number = 2
title = "Andet punkt"
kind = "information"

[[items.attachments]]
path = "bilag.pdf"

# -------------------------------------------------------------
[[items]]
number = 3
title = "Eventuelt"
kind = "any-other-business"
"#;

fn doc() -> DocumentMut {
    FIXTURE.parse().unwrap()
}

/// The changed lines of a diff, without context.
fn changed(before: &str, after: &str) -> Vec<(char, String)> {
    diff_lines(before, after, 0)
        .into_iter()
        .filter(|(sign, _)| *sign == '-' || *sign == '+')
        .collect()
}

fn titles(text: &str) -> Vec<(i64, String)> {
    let value: toml::Value = toml::from_str(text).unwrap();
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["number"].as_integer().unwrap(),
                i["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn loads(text: &str) {
    crate::archive::check_text(Path::new("2018/2018-01-24-fu.toml"), text).unwrap();
}

#[test]
fn one_field_changes_one_line_and_keeps_its_comment() {
    let mut d = doc();
    set_item_title(&mut d, 1, "Andet punkt, nyt navn").unwrap();
    let after = d.to_string();
    assert_eq!(
        changed(FIXTURE, &after),
        vec![
            ('-', r#"title = "Andet punkt""#.to_owned()),
            ('+', r#"title = "Andet punkt, nyt navn""#.to_owned()),
        ]
    );
    let mut d = doc();
    set(d.as_table_mut(), "title", "Nyt mødenavn");
    assert!(
        d.to_string()
            .contains(r#"title = "Nyt mødenavn"   # trailing comment"#)
    );
}

#[test]
fn a_comment_above_a_key_stays_when_its_value_changes() {
    let text = "# Set by the secretariat.\nstatus = \"agenda-draft\" # draft\n";
    let mut d: DocumentMut = text.parse().unwrap();
    set_status(&mut d, MeetingStatus::Held).unwrap();
    assert_eq!(
        d.to_string(),
        "# Set by the secretariat.\nstatus = \"held\" # draft\n"
    );
}

#[test]
fn status_closed_and_kind() {
    let mut d = doc();
    set_status(&mut d, MeetingStatus::AgendaPublished).unwrap();
    set_item_closed(&mut d, 0, true).unwrap();
    set_item_kind(&mut d, 2, ItemKind::NextMeeting).unwrap();
    let after = d.to_string();
    assert_eq!(changed(FIXTURE, &after).len(), 5, "{after}");
    assert!(after.contains("status = \"agenda-published\""));
    assert!(after.contains("closed = true"));
    set_item_closed(&mut d, 0, false).unwrap();
    assert!(!d.to_string().contains("closed"));
    loads(&d.to_string());
}

#[test]
fn adding_items_keeps_the_numbers_in_order_and_the_separators() {
    let mut d = doc();
    let n = add_item(&mut d, 3, "Næste møde", ItemKind::NextMeeting).unwrap();
    assert_eq!(n, 4);
    let n = add_item(&mut d, 1, "Indskudt punkt", ItemKind::Decision).unwrap();
    assert_eq!(n, 2);
    let after = d.to_string();
    loads(&after);
    assert_eq!(
        titles(&after),
        vec![
            (1, "Første punkt".to_owned()),
            (2, "Indskudt punkt".to_owned()),
            (3, "Andet punkt".to_owned()),
            (4, "Eventuelt".to_owned()),
            (5, "Næste møde".to_owned()),
        ]
    );
    // The new items carry the rule comment like the others; every comment survives.
    assert_eq!(after.matches("# ----").count(), 5, "{after}");
    assert!(after.contains("# a comment inside the item"));
    assert!(after.contains("# Møde i FU — a comment at the top"));
    // The attachment stays with its item.
    let value: toml::Value = toml::from_str(&after).unwrap();
    assert_eq!(
        value["items"][2]["attachments"][0]["path"].as_str(),
        Some("bilag.pdf")
    );
}

#[test]
fn moving_an_item_moves_its_tables_and_swaps_the_numbers() {
    let mut d = doc();
    assert_eq!(move_item(&mut d, 1, true).unwrap(), 0);
    let after = d.to_string();
    loads(&after);
    assert_eq!(
        titles(&after),
        vec![
            (1, "Andet punkt".to_owned()),
            (2, "Første punkt".to_owned()),
            (3, "Eventuelt".to_owned())
        ]
    );
    let value: toml::Value = toml::from_str(&after).unwrap();
    assert_eq!(
        value["items"][0]["attachments"][0]["path"].as_str(),
        Some("bilag.pdf")
    );
    assert_eq!(
        value["items"][1]["recommendation"]["clauses"][1].as_str(),
        Some("drøfter budgettet")
    );
    assert!(after.contains("# a comment inside the item"));
    // Back again gives the file as it was.
    move_item(&mut d, 0, false).unwrap();
    assert_eq!(d.to_string(), FIXTURE);
    assert!(move_item(&mut d, 0, true).is_err());
    assert!(move_item(&mut d, 2, false).is_err());
}

#[test]
fn delete_and_renumber() {
    let mut d = doc();
    delete_item(&mut d, 1).unwrap();
    renumber(&mut d).unwrap();
    let after = d.to_string();
    loads(&after);
    assert_eq!(
        titles(&after),
        vec![(1, "Første punkt".to_owned()), (2, "Eventuelt".to_owned())]
    );
    assert!(!after.contains("bilag.pdf"));
}

#[test]
fn decisions_are_written_clause_by_clause_in_order() {
    let mut d = doc();
    assert!(set_decision_clause(&mut d, 0, 1, Outcome::Approved, "x").is_err());
    set_decision_clause(
        &mut d,
        0,
        0,
        Outcome::Approved,
        "Forretningsudvalget godkendte planen.",
    )
    .unwrap();
    set_decision_clause(
        &mut d,
        0,
        1,
        Outcome::Postponed,
        "Punktet blev udsat.\nTages op igen i marts.",
    )
    .unwrap();
    set_decision_text(&mut d, 0, "remarks", "En bemærkning med \"anførselstegn\"").unwrap();
    // Deciding again replaces, it does not add.
    set_decision_clause(
        &mut d,
        0,
        0,
        Outcome::ApprovedWithChanges,
        "Godkendt med ændringer.",
    )
    .unwrap();
    let after = d.to_string();
    loads(&after);
    let value: toml::Value = toml::from_str(&after).unwrap();
    let clauses = value["items"][0]["decision"]["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 2);
    assert_eq!(
        clauses[0]["outcome"].as_str(),
        Some("approved-with-changes")
    );
    assert_eq!(
        clauses[1]["text"].as_str(),
        Some("Punktet blev udsat.\nTages op igen i marts.\n")
    );
    assert_eq!(
        value["items"][0]["decision"]["remarks"].as_str(),
        Some("En bemærkning med \"anførselstegn\"")
    );
    // The decision sits inside item 1, before item 2's header.
    let decision_at = after.find("[[items.decision.clauses]]").unwrap();
    assert!(decision_at < after.find("number = 2").unwrap(), "{after}");
    assert!(
        after.contains("\"\"\"\nPunktet blev udsat.\nTages op igen i marts.\n\"\"\""),
        "{after}"
    );
}

#[test]
fn recommendation_followup_attachment_and_attendance() {
    let mut d = doc();
    set_recommendation(
        &mut d,
        1,
        "Det indstilles, at Forretningsudvalget",
        &["tager orienteringen til efterretning".to_owned()],
        None,
    )
    .unwrap();
    let mut due = toml_edit::InlineTable::new();
    due.insert("kind", "date".into());
    due.insert("date", "2018-03-01".parse::<toml_edit::Value>().unwrap());
    add_followup(
        &mut d,
        0,
        NewFollowup {
            id: "plan-status".into(),
            what: "Status på planen".into(),
            owner: "Sekretariatet".into(),
            reports_to: Some("fu".into()),
            due,
        },
    )
    .unwrap();
    add_attachment(&mut d, 2, "Oversigt", "2018-01-24-fu/oversigt.pdf").unwrap();
    let anne = Person {
        name: "Anne Hansen".into(),
        organisation: Some("Vejle Kommune".into()),
    };
    set_attendance(&mut d, &anne, Some(AttendanceList::Participants), false).unwrap();
    set_attendance(&mut d, &anne, Some(AttendanceList::Apologies), false).unwrap();
    let guest = Person {
        name: "Gæst".into(),
        organisation: None,
    };
    set_attendance(&mut d, &guest, Some(AttendanceList::Guests), true).unwrap();
    let after = d.to_string();
    loads(&after);
    let value: toml::Value = toml::from_str(&after).unwrap();
    assert!(value["attendance"].get("participants").is_none());
    assert_eq!(
        value["attendance"]["apologies"][0]["name"].as_str(),
        Some("Anne Hansen")
    );
    assert_eq!(
        value["attendance"]["guests"][0]["name"].as_str(),
        Some("Gæst")
    );
    assert_eq!(
        value["items"][0]["followups"][0]["due"]["date"].to_string(),
        "2018-03-01"
    );
    assert_eq!(
        value["items"][2]["attachments"][0]["title"].as_str(),
        Some("Oversigt")
    );
    assert_eq!(
        value["items"][1]["recommendation"]["clauses"][0].as_str(),
        Some("tager orienteringen til efterretning")
    );
    // [attendance] goes before the items.
    assert!(
        after.find("[attendance]").unwrap() < after.find("[[items]]").unwrap(),
        "{after}"
    );
}

#[test]
fn sub_items_keep_their_style_when_items_are_added_renumbered_and_moved() {
    let text = "body = \"sdf\"\ntitle = \"M\"\ndate = 2017-09-08\nstatus = \"planned\"\n\n[[items]]\nnumber = 112\ntitle = \"A\"\nkind = \"decision\"\n\n[[items]]\nnumber = \"112a\"\ntitle = \"A1\"\nkind = \"decision\"\n\n[[items]]\nnumber = 113\ntitle = \"B\"\nkind = \"decision\"\n";
    let numbers = |d: &DocumentMut| -> Vec<String> {
        let v: toml::Value = toml::from_str(&d.to_string()).unwrap();
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| match &i["number"] {
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::String(s) => s.clone(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let mut d: DocumentMut = text.parse().unwrap();
    // A new first item takes the meeting's first number; the rest move up, 112a with 112.
    add_item(
        &mut d,
        0,
        "Godkendelse af dagsorden",
        ItemKind::AgendaApproval,
    )
    .unwrap();
    assert_eq!(numbers(&d), ["112", "113", "113a", "114"]);
    // Renumbering keeps the first number and the sub-item's letter.
    delete_item(&mut d, 0).unwrap();
    renumber(&mut d).unwrap();
    assert_eq!(numbers(&d), ["113", "113a", "114"]);
    // Moving swaps the places' numbers, the sub-item's included.
    move_item(&mut d, 1, true).unwrap();
    assert_eq!(numbers(&d), ["113", "113a", "114"]);
    let v: toml::Value = toml::from_str(&d.to_string()).unwrap();
    assert_eq!(v["items"][0]["title"].as_str(), Some("A1"));
    loads(&d.to_string());
}

#[test]
fn a_title_of_a_page_is_refused_with_where_the_text_belongs() {
    let mut d = doc();
    let long = "ord ".repeat(400);
    let refused = set_item_title(&mut d, 1, &long).unwrap_err();
    assert!(
        refused.contains("at most 1000 characters (this one is 1599)"),
        "{refused:?}"
    );
    assert!(add_item(&mut d, 1, &long, ItemKind::Decision).is_err());
    set_item_title(&mut d, 1, &"å".repeat(MAX_TITLE_CHARS)).unwrap();
}
