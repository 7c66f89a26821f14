//! The generator of `examples/gen_archive` writes an archive `check` accepts: no errors, both
//! bodies, follow-ups of every kind of due, attachments on disk, moved meetings found.

#[path = "../examples/gen_archive/generate.rs"]
mod generate;
#[path = "../examples/gen_archive/text.rs"]
mod text;

use std::collections::BTreeSet;

use dagsorden::archive::{Archive, Severity};

#[test]
fn a_generated_archive_loads_without_errors_and_holds_every_kind_of_thing() {
    let tmp = tempfile::tempdir().unwrap();
    let written = generate::write_archive(tmp.path(), 120, 7).unwrap();
    assert_eq!(written.meetings, 120);
    let archive = Archive::load(tmp.path()).unwrap();
    let errors: Vec<String> = archive
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(dagsorden::lang::Lang::En))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(archive.meetings.len(), 120);
    let bodies: BTreeSet<String> = archive
        .meetings
        .iter()
        .map(|m| m.id.body.to_string())
        .collect();
    assert_eq!(bodies, BTreeSet::from(["fu".to_owned(), "sdf".to_owned()]));
    let dues: BTreeSet<String> = archive
        .followups()
        .map(|f| {
            format!("{:?}", f.due)
                .split([' ', '(', '{'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert!(dues.len() >= 6, "kinds of due: {dues:?}");
    let attachments = archive
        .meetings
        .iter()
        .flat_map(|m| m.items.iter().flat_map(|i| i.attachments.iter()))
        .count();
    assert!(attachments > 20, "{attachments}");
    // Two runs with the same seed write the same archive.
    let again = tempfile::tempdir().unwrap();
    generate::write_archive(again.path(), 120, 7).unwrap();
    let rel = "2000/2000-01-07-sdf.toml";
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(rel)).unwrap(),
        std::fs::read_to_string(again.path().join(rel)).unwrap()
    );
}
