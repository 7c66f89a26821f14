use super::*;
use std::path::Path;

const BASE: &str = r#"# Møde i SDF. A comment that must stay.
body = "sdf"
title = "Møde i Socialdirektørforum"
date = 2017-09-08
status = "held"

[[items]]
number = 4
title = "Kommissorium"
tags = ["analyse", "rammeaftale"]

[items.recommendation]
clauses = ["godkender kommissoriet"]

[[items]]
number = 7
title = "Sammen om psykiatri" # the source's title

[[items.followups]]
id = "psyk"
what = "Projektet dagsordenssættes."
due = { kind = "count", count = 2, unit = "forløb" }
runs = [
  { date = 2017-10-01, note = "Forløb 1" },
]
"#;

fn merged(ours: &str, theirs: &str) -> Merged {
    let m = merge(BASE, ours, theirs, Lang::Da).expect("merges");
    crate::archive::check_text(Path::new("2017/2017-09-08-sdf.toml"), &m.text)
        .unwrap_or_else(|e| panic!("{}\n{}", e.en, m.text));
    m
}

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

#[test]
fn a_decision_on_one_item_and_a_title_on_another_both_stay() {
    let ours = edit(
        "clauses = [\"godkender kommissoriet\"]\n",
        "clauses = [\"godkender kommissoriet\"]\n\n[[items.decision.clauses]]\noutcome = \"approved\"\ntext = \"Godkendt.\"\n",
    );
    let theirs = edit(
        "title = \"Sammen om psykiatri\"",
        "title = \"Sammen om psykiatri og misbrug\"",
    );
    let m = merged(&ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(m.text.contains("text = \"Godkendt.\""), "{}", m.text);
    assert!(
        m.text
            .contains("title = \"Sammen om psykiatri og misbrug\" # the source's title"),
        "{}",
        m.text
    );
    assert!(
        m.text
            .starts_with("# Møde i SDF. A comment that must stay.")
    );
    // In either order, the same file content.
    let other_way = merged(&theirs, &ours);
    let a: toml::Table = m.text.parse().unwrap();
    let b: toml::Table = other_way.text.parse().unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_run_logged_and_a_tag_added_and_removed_are_all_kept() {
    let ours = edit(
        "  { date = 2017-10-01, note = \"Forløb 1\" },\n",
        "  { date = 2017-10-01, note = \"Forløb 1\" },\n  { date = 2017-11-01, note = \"Forløb 2\" },\n",
    );
    let theirs = edit(
        "tags = [\"analyse\", \"rammeaftale\"]",
        "tags = [\"rammeaftale\", \"økonomi\"]",
    );
    let ours = ours.replace(
        "tags = [\"analyse\", \"rammeaftale\"]",
        "tags = [\"analyse\", \"rammeaftale\", \"kkr\"]",
    );
    let m = merged(&ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let t: toml::Table = m.text.parse().unwrap();
    let item = &t["items"].as_array().unwrap()[0];
    let tags: Vec<&str> = item["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["rammeaftale", "kkr", "økonomi"]);
    assert!(m.text.contains("note = \"Forløb 2\""), "{}", m.text);
}

#[test]
fn one_field_changed_two_ways_is_one_conflict_that_loads_and_resolves() {
    let ours = edit(
        "title = \"Kommissorium\"",
        "title = \"Kommissorium for analysen\"",
    );
    let theirs = edit(
        "title = \"Kommissorium\"",
        "title = \"Kommissorium (revideret)\"",
    );
    let m = merged(&ours, &theirs);
    assert_eq!(m.conflicts, ["items[4].title"]);
    assert!(
        m.text.contains("title = \"Kommissorium for analysen\""),
        "ours stays in the field"
    );
    assert!(m.text.contains("[[conflicts]]"));
    assert!(m.text.contains("Sammenfletningskonflikt"));
    // The loader reports it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("2017")).unwrap();
    std::fs::write(
        dir.path().join("forum.toml"),
        "name = \"F\"\n[[bodies]]\nid = \"sdf\"\nname = \"SDF\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("2017/2017-09-08-sdf.toml"), &m.text).unwrap();
    let archive = crate::archive::Archive::load(dir.path()).unwrap();
    assert!(
        archive.diagnostics.iter().any(|d| d
            .message
            .da
            .contains("uløst sammenfletningskonflikt: `items[4].title`")),
        "{:?}",
        archive.diagnostics
    );
    // Resolved with theirs: the field has it, the record is gone.
    let resolved = resolve(&m.text, "items[4].title", Choice::Theirs).unwrap();
    assert!(
        resolved.contains("title = \"Kommissorium (revideret)\""),
        "{resolved}"
    );
    assert!(!resolved.contains("conflicts"), "{resolved}");
    let kept = resolve(&m.text, "items[4].title", Choice::Mine).unwrap();
    assert!(
        kept.contains("title = \"Kommissorium for analysen\""),
        "{kept}"
    );
    assert!(!kept.contains("conflicts"), "{kept}");
}

#[test]
fn items_added_on_both_sides_are_both_kept_and_one_number_twice_is_a_conflict() {
    let ours = format!("{BASE}\n[[items]]\nnumber = 8\ntitle = \"Ours\"\n");
    let theirs = format!("{BASE}\n[[items]]\nnumber = 9\ntitle = \"Theirs\"\n");
    let m = merged(&ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert!(m.text.contains("title = \"Ours\"") && m.text.contains("title = \"Theirs\""));
    let theirs = format!("{BASE}\n[[items]]\nnumber = 8\ntitle = \"Theirs\"\n");
    let m = merged(&ours, &theirs);
    assert_eq!(m.conflicts, ["items[8].title"]);
}

#[test]
fn an_item_removed_on_one_side_is_removed_unless_the_other_changed_it() {
    let start = BASE.find("[[items]]\nnumber = 7").unwrap();
    let without_7 = &BASE[..start];
    let m = merged(BASE, without_7);
    assert!(!m.text.contains("number = 7"), "{}", m.text);
    let changed_7 = edit("title = \"Sammen om psykiatri\"", "title = \"Ny titel\"");
    let m = merged(&changed_7, without_7);
    assert_eq!(m.conflicts, ["items[7]"]);
    assert!(
        m.text.contains("title = \"Ny titel\""),
        "what one side kept is kept"
    );
}

#[test]
fn line_endings_of_our_file_stay() {
    let crlf = BASE.replace('\n', "\r\n");
    let theirs = edit("status = \"held\"", "status = \"minutes-draft\"");
    let m = merge(&crlf, &crlf, &theirs, Lang::Da).unwrap();
    assert!(
        m.text.contains("status = \"minutes-draft\"\r\n"),
        "{:?}",
        m.text
    );
    assert!(!m.text.replace("\r\n", "").contains('\n'));
}

#[test]
fn a_file_that_does_not_parse_is_left_to_git() {
    let broken = "title = \"x\n";
    assert!(merge(BASE, BASE, broken, Lang::Da).is_err());
    assert!(merge(BASE, "<<<<<<< HEAD\n", BASE, Lang::Da).is_err());
}
