//! A folder of broken files: one precise message per problem, no panic, and the good file
//! still loads.

use std::path::Path;

use dagsorden::archive::{Archive, Severity};
use dagsorden::lang::Lang;

fn broken() -> Archive {
    Archive::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")).unwrap()
}

/// `file:line:column: severity: message`, with the fixture folder left out.
fn headlines(archive: &Archive, lang: Lang) -> Vec<String> {
    let prefix = format!("{}/", archive.root.display());
    archive
        .diagnostics
        .iter()
        .map(|d| d.headline(lang).replace(&prefix, ""))
        .collect()
}

#[test]
fn each_broken_file_gives_one_precise_message() {
    let archive = broken();
    let expected = [
        "2018/2018-03-02-sdf.toml:8:27: error: invalid basic string, expected `\"`",
        "2018/2018-03-09-sdf.toml:2:1: error: unresolved merge conflict",
        "2018/2018-03-16-sdf.toml:7:10: error: \"tre\" is not an item number",
        "2018/2018-03-23-sdf.toml:2:11: error: the file is not valid UTF-8 (byte 0xF8 is not a character)",
        "2018/2018-04-06-sdf.toml:12:10: error: item number 3 is used twice in this meeting",
        "2018/2018-04-13-sdf.toml:3:8: error: a date must be written YYYY-MM-DD",
        "2018/2018-04-20-fu.toml:1:8: error: unknown body `fuu`",
        "2018/2018-04-27-sdf.toml:4:11: error: 2018-04-27 is a Friday (fredag), not a Wednesday (onsdag)",
        "2018/2018-04-27-sdf.toml:6:7: error: ends at 09:00 but starts at 12:00: the end must be after the start",
        "2018/2018-04-27-sdf.toml:7:10: error: unknown status `aproved`",
        "2018/2018-04-27-sdf.toml:13:9: error: reference to unknown meeting `2017-01-01-sdf`",
        "2018/2018-04-27-sdf.toml:13:27: error: meeting 2018-02-09-sdf has no item 7",
        "2018/2018-04-27-sdf.toml:15:12: error: the attachment path leads outside the archive",
        "2018/2018-04-27-sdf.toml:22:37: error: reference to unknown meeting `2019-01-01-sdf`",
        "2018/2018-04-27-sdf.toml:25:6: error: follow-up id `dobbelt` is used twice",
        "2018/2018-04-27-sdf.toml:27:35: error: `snart` is not a period: write e.g. \"primo 2018\", \"medio 2018\", \"ultimo januar 2018\" or \"3. kvartal 2018\"",
        "2018/2018-04-27-sdf.toml:32:7: error: a `date` due needs `date`",
        "calendar/2018.toml:7:12: error: the fu meeting on 2018-05-18 is not before the meeting it prepares (2018-05-09-sdf)",
        "calendar/2018.toml:12:11: error: 2018-05-09 is a Wednesday (onsdag), not a Friday (fredag)",
        "2018/2018-04-27-sdf.toml:16:12: warning: attachment not found: 2018-04-27-sdf/mangler.pdf",
    ];
    assert_eq!(headlines(&archive, Lang::En), expected);
}

/// The same problems in the Danish the screens and `check` show by default.
#[test]
fn each_message_is_said_in_danish_too() {
    let archive = broken();
    let expected: [&str; 20] = DANISH;
    assert_eq!(headlines(&archive, Lang::Da), expected);
}

const DANISH: [&str; 20] = [
    "2018/2018-03-02-sdf.toml:8:27: fejl: ugyldig tekst i anførselstegn; forventede `\"`",
    "2018/2018-03-09-sdf.toml:2:1: fejl: uløst flettekonflikt",
    "2018/2018-03-16-sdf.toml:7:10: fejl: \"tre\" er ikke et punktnummer",
    "2018/2018-03-23-sdf.toml:2:11: fejl: filen er ikke gyldig UTF-8 (byten 0xF8 er ikke et tegn)",
    "2018/2018-04-06-sdf.toml:12:10: fejl: punktnummer 3 er brugt to gange i dette møde",
    "2018/2018-04-13-sdf.toml:3:8: fejl: en dato skrives ÅÅÅÅ-MM-DD",
    "2018/2018-04-20-fu.toml:1:8: fejl: ukendt organ `fuu`",
    "2018/2018-04-27-sdf.toml:4:11: fejl: 2018-04-27 er en fredag, ikke en onsdag",
    "2018/2018-04-27-sdf.toml:6:7: fejl: slutter kl. 09.00, men begynder kl. 12.00: slutningen skal ligge efter begyndelsen",
    "2018/2018-04-27-sdf.toml:7:10: fejl: ukendt status `aproved`",
    "2018/2018-04-27-sdf.toml:13:9: fejl: henvisning til et ukendt møde `2017-01-01-sdf`",
    "2018/2018-04-27-sdf.toml:13:27: fejl: mødet 2018-02-09-sdf har intet punkt 7",
    "2018/2018-04-27-sdf.toml:15:12: fejl: bilagets sti fører uden for arkivet",
    "2018/2018-04-27-sdf.toml:22:37: fejl: henvisning til et ukendt møde `2019-01-01-sdf`",
    "2018/2018-04-27-sdf.toml:25:6: fejl: opfølgningens id `dobbelt` er brugt to gange",
    "2018/2018-04-27-sdf.toml:27:35: fejl: `snart` er ikke en periode: skriv fx \"primo 2018\", \"medio 2018\", \"ultimo januar 2018\" eller \"3. kvartal 2018\"",
    "2018/2018-04-27-sdf.toml:32:7: fejl: en frist af typen `date` skal have `date`",
    "calendar/2018.toml:7:12: fejl: fu-mødet den 2018-05-18 ligger ikke før det møde, det forbereder (2018-05-09-sdf)",
    "calendar/2018.toml:12:11: fejl: 2018-05-09 er en onsdag, ikke en fredag",
    "2018/2018-04-27-sdf.toml:16:12: advarsel: bilaget findes ikke: 2018-04-27-sdf/mangler.pdf",
];

#[test]
fn hints_name_the_fix() {
    let archive = broken();
    let hint = |file: &str, line: usize| {
        archive
            .diagnostics
            .iter()
            .find(|d| d.site.file.ends_with(file) && d.site.line == line)
            .and_then(|d| d.hint.clone())
            .unwrap_or_else(|| panic!("no hint at {file}:{line}"))
            .en
    };
    assert!(hint("2018-03-02-sdf.toml", 8).contains("cut off"));
    assert!(hint("2018-03-09-sdf.toml", 2).contains("<<<<<<<"));
    assert!(hint("2018-03-23-sdf.toml", 2).contains("UTF-8"));
    assert!(hint("2018-04-06-sdf.toml", 12).contains("line 7"));
    assert!(hint("2018-04-13-sdf.toml", 3).contains("`2018-04-13`"));
    assert!(hint("2018-04-20-fu.toml", 1).contains("did you mean `fu`?"));
    assert!(hint("2018-04-27-sdf.toml", 7).contains("minutes-approved"));
}

#[test]
fn the_caret_points_at_the_problem() {
    let archive = broken();
    let d = archive
        .diagnostics
        .iter()
        .find(|d| d.site.file.ends_with("2018-04-20-fu.toml"))
        .unwrap();
    let shown = d.render(Lang::En);
    assert!(
        shown.contains("1 | body = \"fuu\"\n  |        ^^^^^\n"),
        "{shown}"
    );
}

#[test]
fn good_files_load_beside_broken_ones() {
    let archive = broken();
    let ids: Vec<String> = archive.meetings.iter().map(|m| m.id.to_string()).collect();
    // Files with semantic problems still load, so the rest of their content stays usable
    // (a bad item number leaves out that item only); files that do not parse are left out.
    assert_eq!(
        ids,
        [
            "2018-02-09-sdf",
            "2018-03-16-sdf",
            "2018-04-06-sdf",
            "2018-04-20-fu",
            "2018-04-27-sdf"
        ]
    );
    assert_eq!(archive.meetings[0].items.len(), 1);
    assert_eq!(archive.error_count(), 19);
    assert_eq!(
        archive
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        1
    );
}
