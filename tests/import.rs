//! Importing published minutes: the seed (the forum's minutes of 8 September 2017, as text)
//! gives the hand-encoded reference meeting of the sample archive, field by field.

mod common;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::model::Meeting;

/// A page of `tests/fixtures/import/`.
fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// As `party_finder` finds a body: by name or short name, in any case.
fn party(name: &str) -> Option<String> {
    match name.to_lowercase().as_str() {
        "socialdirektørforum" | "sdf" => Some("sdf".into()),
        "forretningsudvalget" | "fu" => Some("fu".into()),
        _ => None,
    }
}

/// The seed imported and loaded as the archive loads any meeting file.
fn imported_seed() -> (Meeting, Vec<String>) {
    let seed = std::fs::read(fixture("sdf-2017-09-08.txt")).unwrap();
    let (lines, _) = dagsorden::import::normalise::lines(&seed);
    assert!(dagsorden::import::forum_text::recognises(&lines));
    let m = dagsorden::import::forum_text::read(&lines, &party);
    // The sample archive without its meeting: the forum, the year plans, the attachments.
    let dir = common::sample_copy();
    std::fs::remove_file(dir.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    let before = Archive::load(dir.path()).unwrap();
    let known = dagsorden::import::write::Known::of(&before);
    let text = dagsorden::import::write::meeting_file(&m, "sdf-2017-09-08.txt", &known).unwrap();
    std::fs::write(dir.path().join("2017/2017-09-08-sdf.toml"), text).unwrap();
    let archive = Archive::load(dir.path()).unwrap();
    let errors: Vec<_> = archive
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.headline(dagsorden::lang::Lang::En))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let doubts = m
        .doubts
        .iter()
        .map(|d| format!("{}: {}", d.line, d.message(dagsorden::lang::Lang::En)))
        .collect();
    (
        archive
            .meetings
            .into_iter()
            .next()
            .expect("the meeting loads"),
        doubts,
    )
}

/// Runs of whitespace as one space: the page and the hand-encoded file break lines
/// differently.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the seed's wording suggests beyond the reference's follow-ups: dates in the
/// background that are no follow-up of the forum's (staff discard them with a key).
const EXTRA_SUGGESTIONS: &[&str] = &[
    // "… at der oprettes 15 pladser i Vejle primo 2018": the region's plan, not a due.
    "6: Period(VaguePeriod { part: Early, year: 2018, month: None }) → Some(\"sdf\")",
    // "… først få sikre datoer for møder i KKR … ultimo januar 2018": when dates are known.
    "9: Period(VaguePeriod { part: Late, year: 2018, month: Some(1) }) → Some(\"sdf\")",
];

#[test]
fn the_seed_gives_the_reference_meeting_field_by_field() {
    let (got, doubts) = imported_seed();
    let archive = Archive::load(&common::sample_dir()).unwrap();
    let want = &archive.meetings[0];
    let mut differences = Vec::new();
    let mut extras: Vec<String> = Vec::new();
    let mut differ = |what: String, want: String, got: String| {
        if want != got {
            differences.push(format!("{what}:\n  want {want:?}\n  got  {got:?}"));
        }
    };
    differ("title".into(), want.title.clone(), got.title.clone());
    differ(
        "date".into(),
        want.date().to_string(),
        got.date().to_string(),
    );
    differ("place".into(), want.place.clone(), got.place.clone());
    differ(
        "attendance".into(),
        format!("{:?}", want.attendance),
        format!("{:?}", got.attendance),
    );
    differ(
        "items".into(),
        want.items.len().to_string(),
        got.items.len().to_string(),
    );
    for (w, g) in want.items.iter().zip(&got.items) {
        let n = &w.number;
        differ(
            format!("{n} number"),
            w.number.to_string(),
            g.number.to_string(),
        );
        differ(format!("{n} title"), w.title.clone(), g.title.clone());
        differ(
            format!("{n} presenter"),
            format!("{:?}", w.presenter),
            format!("{:?}", g.presenter),
        );
        differ(
            format!("{n} item attendance"),
            format!("{:?}", w.attendance),
            format!("{:?}", g.attendance),
        );
        differ(
            format!("{n} kind"),
            w.kind.key().into(),
            g.kind.key().into(),
        );
        let rec = |i: &dagsorden::model::Item| {
            i.recommendation.as_ref().map(|r| {
                format!(
                    "{:?} | {} | {:?}",
                    r.by,
                    r.lead,
                    r.clauses.iter().map(|c| flat(c)).collect::<Vec<_>>()
                )
            })
        };
        differ(
            format!("{n} recommendation"),
            format!("{:?}", rec(w)),
            format!("{:?}", rec(g)),
        );
        let clauses = |i: &dagsorden::model::Item| {
            i.decision.as_ref().map_or(vec![], |d| {
                d.clauses
                    .iter()
                    .map(|c| format!("{} | {}", c.outcome.key(), flat(&c.text)))
                    .collect::<Vec<_>>()
            })
        };
        differ(
            format!("{n} decision"),
            format!("{:#?}", clauses(w)),
            format!("{:#?}", clauses(g)),
        );
        let remarks = |i: &dagsorden::model::Item| {
            i.decision
                .as_ref()
                .map_or(String::new(), |d| flat(&d.remarks))
        };
        differ(format!("{n} remarks"), remarks(w), remarks(g));
        let files = |i: &dagsorden::model::Item| {
            i.attachments
                .iter()
                .map(|a| a.path.display().to_string())
                .collect::<Vec<_>>()
        };
        differ(
            format!("{n} attachments"),
            format!("{:?}", files(w)),
            format!("{:?}", files(g)),
        );
        // Every follow-up of the reference is suggested, with its due and the body it
        // reports to; what else the wording suggests is listed below, for staff to discard.
        let followups = |i: &dagsorden::model::Item| {
            i.followups
                .iter()
                .map(|f| {
                    let body = dagsorden::followup::reporting_body(f).map(|b| b.to_string());
                    format!("{:?} → {body:?}", f.due)
                })
                .collect::<Vec<_>>()
        };
        assert!(
            g.followups
                .iter()
                .all(|f| f.suggested && !f.quote.is_empty())
        );
        let (want_f, got_f) = (followups(w), followups(g));
        let missing: Vec<_> = want_f.iter().filter(|f| !got_f.contains(f)).collect();
        differ(
            format!("{n} follow-ups not suggested"),
            "[]".into(),
            format!("{missing:?}"),
        );
        extras.extend(
            got_f
                .iter()
                .filter(|f| !want_f.contains(f))
                .map(|f| format!("{n}: {f}")),
        );
    }
    differ(
        "suggestions beyond the reference".into(),
        format!("{:#?}", EXTRA_SUGGESTIONS),
        format!("{extras:#?}"),
    );
    assert!(
        differences.is_empty(),
        "{} differences:\n{}\n\ndoubts reported:\n{}",
        differences.len(),
        differences.join("\n"),
        doubts.join("\n")
    );
}

fn seed_path() -> std::path::PathBuf {
    fixture("sdf-2017-09-08.txt")
}

/// The command's exit code and what it printed on standard output.
fn stdout_of(cmd: &mut assert_cmd::Command) -> (Option<i32>, String) {
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn dagsorden(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("dagsorden").unwrap();
    cmd.env_remove("DAGSORDEN_DIR")
        .env_remove("DAGSORDEN_CONFIG")
        .env(
            "XDG_CONFIG_HOME",
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/no-config"),
        )
        .args(["--today", "2017-09-20", "--dir"])
        .arg(dir);
    cmd
}

#[test]
fn import_writes_a_file_check_accepts_and_a_second_import_writes_nothing() {
    let dir = common::sample_copy();
    let file = dir.path().join("2017/2017-09-08-sdf.toml");
    std::fs::remove_file(&file).unwrap();
    // --dry-run writes nothing.
    let (code, text) = stdout_of(
        dagsorden(dir.path())
            .args(["import", "--dry-run"])
            .arg(seed_path()),
    );
    assert!(
        text.contains(
            "2017-09-08-sdf: ville blive skrevet som 2017/2017-09-08-sdf.toml (13 punkter)"
        ),
        "{text}"
    );
    assert!(!file.exists());
    // Imported: written, and every doubt named with its line.
    let out = dagsorden(dir.path())
        .arg("import")
        .arg(seed_path())
        .output()
        .unwrap();
    assert_eq!(code, Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            ":492: tjek: punkt 9: udfaldet `approved-with-changes` er læst ud af ordlyden"
        ),
        "{text}"
    );
    assert!(
        text.contains(":183: tjek: bilagets navn er beskadiget af mailkodning"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "1 møde, 13 punkter, 11 beslutninger, 10 forslag til opfølgning, 3 at tjekke.\n"
        ),
        "{text}"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    dagsorden(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout("0 fejl, 0 advarsler i 5 filer.\n");
    // Again: nothing written, the file as it was.
    let out = dagsorden(dir.path())
        .arg("import")
        .arg(seed_path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("findes allerede i arkivet; intet skrevet")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn a_page_in_no_known_layout_is_reported_and_the_rest_imported() {
    let dir = common::sample_copy();
    std::fs::remove_file(dir.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    let pages = tempfile::tempdir().unwrap();
    std::fs::copy(seed_path(), pages.path().join("a.txt")).unwrap();
    std::fs::write(pages.path().join("b.txt"), "Indkøbsliste\n\nmælk\n").unwrap();
    let (code, text) = stdout_of(dagsorden(dir.path()).arg("import").arg(pages.path()));
    assert_eq!(code, Some(1));
    assert!(
        text.contains("b.txt: ikke i et layout, importen kender"),
        "{text}"
    );
    assert!(dir.path().join("2017/2017-09-08-sdf.toml").exists());
}

#[test]
fn escape_sequences_on_a_page_reach_neither_the_report_nor_the_file_raw() {
    let dir = common::sample_copy();
    std::fs::remove_file(dir.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    let page = std::fs::read_to_string(seed_path())
        .unwrap()
        .replace(
            "Referat godkendt",
            "Referat \u{1b}]0;pwned\u{7}godkendt \u{202e}",
        )
        .replace("Ingen punkter til eventuelt", "Ingen\u{1b}[2J punkter");
    let pages = tempfile::tempdir().unwrap();
    let path = pages.path().join("side\u{1b}[31m.txt");
    std::fs::write(&path, page).unwrap();
    let out = dagsorden(dir.path())
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    let printed = [out.stdout, out.stderr].concat();
    assert!(
        !printed.contains(&0x1b) && !printed.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&printed)
    );
    let file = std::fs::read_to_string(dir.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    // Controls are written as TOML escapes; a bidi character stays (it is text TOML allows),
    // and `check` names it where it is.
    assert!(
        !file.contains(['\u{1b}', '\u{7}']),
        "written as TOML escapes"
    );
    assert!(
        file.contains("\\u001B]0;pwned") || file.contains("\\u001b]0;pwned"),
        "{file}"
    );
    let (_, report) = stdout_of(dagsorden(dir.path()).arg("check"));
    assert!(
        report.contains("U+202E") && report.contains("U+001B"),
        "{report}"
    );
}

/// A page saved as HTML (written for this test in the forum's layout): headings and
/// paragraphs as the browser shows them, sections in another order, *Referat* for the
/// decision, *Sagsfremstilling* for the background, entities, a list and a table.
#[test]
fn a_page_saved_as_html_is_read_as_a_browser_shows_it() {
    let page = std::fs::read(fixture("sdf-2019-02-08.html")).unwrap();
    let (lines, notes) = dagsorden::import::normalise::page(&page);
    assert!(
        notes.contains(&dagsorden::import::normalise::Repair::Html),
        "{notes:?}"
    );
    let m = dagsorden::import::forum_text::read(&lines, &party);
    assert_eq!(m.body.as_deref(), Some("sdf"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2019-02-08"));
    assert_eq!(m.place, "Online");
    assert_eq!(
        m.published.map(|d| d.to_string()).as_deref(),
        Some("2019-02-11")
    );
    let titles: Vec<_> = m
        .items
        .iter()
        .map(|i| format!("{}. {}", i.number, i.title))
        .collect();
    assert_eq!(
        titles,
        [
            "1. Godkendelse af referat fra møde i Socialdirektørforum den 7. december 2018",
            "2. Udmøntning af puljen til rusmiddelområdet",
            "3. Orientering om tilsynsrapporten for 2018",
            "4. Eventuelt"
        ]
    );
    let two = &m.items[1];
    assert_eq!(
        two.background,
        "Puljen på 2,4 mio. kr. fordeles efter ansøgning.\nDer er indkommet syv ansøgninger.\n\n\
         Kriterierne er:\n\n- borgerinddragelse\n- samarbejde mellem mindst to kommuner"
    );
    let rec = two.recommendation.as_ref().unwrap();
    assert_eq!(
        rec.lead,
        "Forretningsudvalget indstiller, at Socialdirektørforum:"
    );
    assert_eq!(
        rec.clauses,
        [
            "godkender kriterierne for puljen.",
            "fordeler puljen på mødet."
        ]
    );
    let outcomes: Vec<_> = two
        .decision
        .iter()
        .map(|c| c.outcome.map(|o| o.key()))
        .collect();
    assert_eq!(outcomes, [Some("approved"), Some("postponed")]);
    assert_eq!(
        two.attachments,
        [
            "Ansøgninger til puljen 2019.pdf",
            "Kriterier for puljen.docx"
        ]
    );
    let three = &m.items[2];
    assert_eq!(three.kind.key(), "information");
    assert_eq!(three.decision[0].outcome.map(|o| o.key()), Some("noted"));
    assert!(
        three.background.ends_with("År Påbud\n2017 14\n2018 9"),
        "{}",
        three.background
    );
    assert_eq!(m.items[3].kind.key(), "any-other-business");
    assert!(m.doubts.is_empty(), "{:?}", m.doubts);
}

/// Layouts of other years: the title printed once, the decision before the background, a
/// recommendation standing in the text with no heading, an empty heading, *Resume*.
#[test]
fn other_years_layouts_give_the_same_fields() {
    let page = "\
Møde i Socialdirektørforum den 14. juni 2013

UDVALG

Socialdirektørforum

STARTTIDSPUNKT

2013-06-14 09:30

PUNKTER

1. Takster for 2014

2. Samarbejde om udsatte unge

1. Takster for 2014

Beslutning

Taksterne blev godkendt.

Resume

Taksterne stiger med 1,2 pct.

Forretningsudvalget indstiller, at Socialdirektørforum godkender taksterne for 2014.

2. Samarbejde om udsatte unge

Baggrund

Kommunerne ønsker et fælles tilbud.

Forretningsudvalget indstiller, at Socialdirektørforum:

– drøfter oplægget

– beder sekretariatet om en model

Indstilling

Beslutning
";
    let (lines, _) = dagsorden::import::normalise::lines(page.as_bytes());
    let m = dagsorden::import::forum_text::read(&lines, &party);
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2013-06-14"));
    let one = &m.items[0];
    assert_eq!(one.background, "Taksterne stiger med 1,2 pct.");
    let rec = one
        .recommendation
        .as_ref()
        .expect("the recommendation in the text");
    assert_eq!(rec.clauses, ["godkender taksterne for 2014."]);
    assert_eq!(one.decision[0].outcome.map(|o| o.key()), Some("approved"));
    let two = &m.items[1];
    assert_eq!(two.background, "Kommunerne ønsker et fælles tilbud.");
    let rec = two
        .recommendation
        .as_ref()
        .expect("the recommendation in the text");
    assert_eq!(
        rec.clauses,
        ["drøfter oplægget", "beder sekretariatet om en model"]
    );
    assert!(two.decision.is_empty(), "an empty heading is no decision");
}

/// A line under *Indstilling* that is no clause is not dropped: it goes on the clause before
/// it, and is reported.
#[test]
fn a_stray_line_of_a_recommendation_is_kept_and_reported() {
    let page = "UDVALG\n\nSocialdirektørforum\n\nSTARTTIDSPUNKT\n\n2013-06-14 09:30\n\nPUNKTER\n\n\
                1. Takster\n\n1. Takster\n\nIndstilling\n\nForretningsudvalget indstiller, at Socialdirektørforum:\n\n\
                – godkender taksterne\n\nfor 2014 og 2015\n";
    let (lines, _) = dagsorden::import::normalise::lines(page.as_bytes());
    let m = dagsorden::import::forum_text::read(&lines, &party);
    let rec = m.items[0].recommendation.as_ref().unwrap();
    assert_eq!(rec.clauses, ["godkender taksterne for 2014 og 2015"]);
    assert!(matches!(
        &m.doubts[..],
        [d] if d.kind == dagsorden::import::DoubtKind::StrayRecommendationLine("for 2014 og 2015".into())
    ));
}

fn municipal_party(name: &str) -> Option<String> {
    matches!(name, "Udvalget for Børn og Unge" | "BU").then(|| "børn-og-unge".to_owned())
}

/// A municipal committee's page (written for this test in the common publishing system's
/// layout): running numbers, closed items, case data, *Resume*, numbered clauses, the
/// decision heading with the committee and the date, an absent member.
#[test]
fn a_municipal_page_gives_its_case_data_closed_items_and_numbered_clauses() {
    let page = std::fs::read(fixture("bu-2021-09-10.txt")).unwrap();
    let (lines, _) = dagsorden::import::normalise::page(&page);
    assert!(dagsorden::import::municipal::recognises(&lines));
    let m = dagsorden::import::read_page(&lines, &municipal_party).unwrap();
    assert_eq!(m.body.as_deref(), Some("børn-og-unge"));
    let numbers: Vec<_> = m.items.iter().map(|i| i.number.to_string()).collect();
    assert_eq!(numbers, ["171", "172", "173", "174"]);
    assert_eq!(m.items[0].kind.key(), "agenda-approval");
    assert_eq!(
        m.items[0].decision_heading.as_deref(),
        Some("Beslutning i Udvalget for Børn og Unge den 10-09-2021")
    );
    let q = &m.items[1];
    assert_eq!(q.case.number.as_deref(), Some("21/3301"));
    assert_eq!(q.case.officer.as_deref(), Some("Anders Vig"));
    assert_eq!(q.case.authority.as_deref(), Some("Kommunalbestyrelsen"));
    assert_eq!(q.case.case_type.as_deref(), Some("Beslutningssag"));
    let route: Vec<_> = q.case.route.iter().map(|p| p.as_written()).collect();
    assert_eq!(
        route,
        ["børn-og-unge", "Økonomiudvalget", "Kommunalbestyrelsen"]
    );
    assert_eq!(
        q.summary,
        "Kvalitetsrapporten viser stigende trivsel og faldende fravær."
    );
    assert_eq!(q.background, "Rapporten dækker alle kommunens 14 skoler.");
    let rec = q.recommendation.as_ref().unwrap();
    assert_eq!(rec.lead, "Administrationen indstiller, at");
    assert_eq!(rec.style.key(), "numbers");
    assert_eq!(rec.clauses.len(), 2);
    let outcomes: Vec<_> = q
        .decision
        .iter()
        .map(|c| c.outcome.map(|o| o.key()))
        .collect();
    assert_eq!(outcomes, [Some("noted"), Some("approved")]);
    assert_eq!(q.absent, ["Søren Østergaard (V)"]);
    assert_eq!(
        (m.items[2].title.as_str(), m.items[2].closed),
        ("Personalesag", true)
    );
    assert_eq!((m.items[3].title.as_str(), m.items[3].closed), ("", true));

    // Written into the municipal fixture's archive, `check` accepts it.
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/municipal"),
        dir.path(),
    );
    let out = dagsorden(dir.path())
        .arg("import")
        .arg(fixture("bu-2021-09-10.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let check = dagsorden(dir.path()).arg("check").output().unwrap();
    let report = String::from_utf8(check.stdout).unwrap();
    assert!(
        report.starts_with("/") || report.starts_with("0 fejl"),
        "{report}"
    );
    assert!(report.contains("0 fejl"), "{report}");
    let file =
        std::fs::read_to_string(dir.path().join("2021/2021-09-10-børn-og-unge.toml")).unwrap();
    assert!(
        file.contains("[items.case]") && file.contains("closed = true"),
        "{file}"
    );
    assert!(
        file.contains("absent = [{ name = \"Søren Østergaard\", organisation = \"V\" }]"),
        "{file}"
    );
}

/// The municipal fixture archive with the committee of `sou-2022-03-14` added.
fn municipal_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/municipal");
    for rel in [
        "forum.toml",
        "calendar/2021.toml",
        "2021/2021-03-12-børn-og-unge.toml",
    ] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(rel), to).unwrap();
    }
    let forum = dir.path().join("forum.toml");
    let mut text = std::fs::read_to_string(&forum).unwrap();
    text.push_str(
        "\n[[bodies]]\nid = \"social-og-omsorg\"\nname = \"Social- og Omsorgsudvalget\"\nshort = \"SOU\"\n",
    );
    std::fs::write(forum, text).unwrap();
    dir
}

/// As `party_finder` finds a body: by name or short name, in any case.
fn sou_party(name: &str) -> Option<String> {
    matches!(
        name.to_lowercase().as_str(),
        "social- og omsorgsudvalget" | "sou"
    )
    .then(|| "social-og-omsorg".to_owned())
}

/// The municipal page with attendance, item guests, numbered clauses and follow-ups in its
/// wording, as text.
#[test]
fn a_municipal_page_gives_its_attendance_guests_and_suggested_followups() {
    let page = std::fs::read(fixture("sou-2022-03-14.txt")).unwrap();
    let (lines, _) = dagsorden::import::normalise::page(&page);
    let m = dagsorden::import::read_page(&lines, &sou_party).unwrap();
    assert_eq!(m.body.as_deref(), Some("social-og-omsorg"));
    assert_eq!(
        m.attendance.participants,
        ["Hanne Bech (A)", "Ole Kristiansen (V)", "Lone Dahl (F)"]
    );
    assert_eq!(m.attendance.apologies, ["Peter Winther (O)"]);
    let numbers: Vec<String> = m.items.iter().map(|i| i.number.to_string()).collect();
    assert_eq!(numbers, ["41", "42", "43"]);
    let plan = &m.items[1];
    assert_eq!(plan.guests, ["Jens Lauritsen (Ældrerådet)"]);
    assert_eq!(plan.case.number.as_deref(), Some("22/1187"));
    let outcomes: Vec<_> = plan
        .decision
        .iter()
        .map(|c| c.outcome.map(|o| o.key()))
        .collect();
    assert_eq!(outcomes, [Some("approved"), Some("noted")]);
    use dagsorden::import::suggest::SuggestedDue;
    let dues = |i: &dagsorden::import::ImportedItem| -> Vec<SuggestedDue> {
        i.followups.iter().map(|f| f.due.clone()).collect()
    };
    assert_eq!(
        dues(plan),
        [SuggestedDue::Date(
            chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap()
        )]
    );
    let evaluation = &m.items[2];
    assert_eq!(evaluation.absent, ["Ole Kristiansen (V)"]);
    assert_eq!(
        dues(evaluation),
        [
            SuggestedDue::Count {
                count: 3,
                unit: "forløb".into()
            },
            SuggestedDue::Period("medio 2023".parse().unwrap()),
        ]
    );
    assert_eq!(
        evaluation.followups[0].reports_to.as_deref(),
        Some("social-og-omsorg")
    );
}

/// The same page as a PDF (made from the text by `tools/make_pdf.py`) gives the same
/// meeting, read through pdftotext; its line numbers are the extracted text's.
#[test]
fn a_pdf_gives_the_meeting_its_text_gives() {
    let text = std::fs::read(fixture("sou-2022-03-14.txt")).unwrap();
    let (lines, _) = dagsorden::import::normalise::page(&text);
    let from_text = dagsorden::import::read_page(&lines, &sou_party).unwrap();
    let pdf = fixture("sou-2022-03-14.pdf");
    assert!(dagsorden::import::pdf::is_pdf(
        &std::fs::read(&pdf).unwrap()
    ));
    let extracted = dagsorden::import::pdf::text(&pdf)
        .expect("pdftotext is installed (apt-get install poppler-utils; .ci/run installs it)");
    let (lines, _) = dagsorden::import::normalise::lines(&extracted);
    let from_pdf = dagsorden::import::read_page(&lines, &sou_party).unwrap();
    let without_lines = |m: &dagsorden::import::ImportedMeeting| {
        let mut m = m.clone();
        for i in &mut m.items {
            i.line = 0;
            for f in &mut i.followups {
                f.line = 0;
            }
        }
        for d in &mut m.doubts {
            d.line = 0;
        }
        m
    };
    let (want, got) = (without_lines(&from_text), without_lines(&from_pdf));
    assert_eq!(
        want.items.len(),
        got.items.len(),
        "{:#?}",
        got.items.iter().map(|i| &i.title).collect::<Vec<_>>()
    );
    for (w, g) in want.items.iter().zip(&got.items) {
        assert_eq!(w, g);
    }
    assert_eq!(want, got);
}

#[test]
fn import_reads_a_pdf_into_a_file_check_accepts() {
    let dir = municipal_archive();
    let (code, text) = stdout_of(
        dagsorden(dir.path())
            .arg("import")
            .arg(fixture("sou-2022-03-14.pdf")),
    );
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("2022-03-14-social-og-omsorg: skrevet som 2022/2022-03-14-social-og-omsorg.toml (3 punkter)"),
        "{text}"
    );
    assert!(
        text.contains("bemærk: læst som PDF (tekst trukket ud med pdftotext)"),
        "{text}"
    );
    assert!(
        text.contains("bilaget findes ikke i arkivet endnu (læg filen der): 2022/2022-03-14-social-og-omsorg/Plan for værdig ældrepleje 2022-2025.pdf"),
        "{text}"
    );
    let written =
        std::fs::read_to_string(dir.path().join("2022/2022-03-14-social-og-omsorg.toml")).unwrap();
    assert!(
        written.contains(
            "[attendance]\nparticipants = [\n  { name = \"Hanne Bech\", organisation = \"A\" },"
        ),
        "{written}"
    );
    assert!(
        written.contains("apologies = [{ name = \"Peter Winther\", organisation = \"O\" }]"),
        "{written}"
    );
    let (_, report) = stdout_of(dagsorden(dir.path()).arg("check"));
    assert!(
        report.ends_with("0 fejl, 2 advarsler i 4 filer.\n"),
        "only the two attachments not yet in the archive:\n{report}"
    );
}

/// Imported, corrected by hand, imported again: the difference is named and nothing
/// written; `--update` writes the page's value back, the hand-made comment and tag kept.
#[test]
fn a_reimport_names_the_differences_and_update_applies_them_keeping_the_file_s_own() {
    let dir = municipal_archive();
    let page = fixture("sou-2022-03-14.txt");
    dagsorden(dir.path())
        .arg("import")
        .arg(&page)
        .assert()
        .code(0);
    let file = dir.path().join("2022/2022-03-14-social-og-omsorg.toml");
    let imported = std::fs::read_to_string(&file).unwrap();
    // Again, untouched: the same.
    let (_, text) = stdout_of(dagsorden(dir.path()).arg("import").arg(&page));
    assert!(
        text.contains("2022-03-14-social-og-omsorg: siden og filen er ens"),
        "{text}"
    );
    // Corrected by hand: a title changed, a comment and tags added.
    let corrected = imported
        .replace(
            "title = \"Plan for værdig ældrepleje 2022-2025\"",
            "# Retitled at the meeting.\ntitle = \"Plan for en værdig ældrepleje\"\ntags = [\"ældre\"]",
        )
        .replace("place = \"Byrådssalen\"", "place = \"Byrådssalen, 2. sal\"");
    std::fs::write(&file, &corrected).unwrap();
    let (_, text) = stdout_of(dagsorden(dir.path()).arg("import").arg(&page));
    assert!(
        text.contains("2 forskelle mellem filen og siden (--update skriver sidens værdier i filen):\n  place: i filen «Byrådssalen, 2. sal» · på siden «Byrådssalen»\n  punkt 42, title: i filen «Plan for en værdig ældrepleje» · på siden «Plan for værdig ældrepleje 2022-2025»\n"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), corrected);
    // --update: the page's values, the file's own comment and tags kept.
    let (_, text) = stdout_of(
        dagsorden(dir.path())
            .args(["import", "--update"])
            .arg(&page),
    );
    assert!(
        text.contains("2022-03-14-social-og-omsorg: filen er opdateret med sidens værdier"),
        "{text}"
    );
    let updated = std::fs::read_to_string(&file).unwrap();
    assert!(
        updated.contains("# Retitled at the meeting.\ntitle = \"Plan for værdig ældrepleje 2022-2025\"\ntags = [\"ældre\"]"),
        "{updated}"
    );
    assert!(updated.contains("place = \"Byrådssalen\"\n"), "{updated}");
    let out = dagsorden(dir.path())
        .arg("import")
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("siden og filen er ens")
    );
}

/// The forum's layout of 2020 as a text file saved on Windows (Windows-1252, CRLF): an
/// online meeting, attendance one per line, the list out of order with a gap, decisions
/// under *Referat* before the background, *Sagens kerne*, "at …" clauses, bullets, two
/// clauses decided in one sentence, rejected "i stedet", postponed, standing items.
#[test]
fn the_2020_layout_saved_on_windows_gives_its_meeting() {
    let page = std::fs::read(fixture("sdf-2020-11-27.txt")).unwrap();
    let (lines, repairs) = dagsorden::import::normalise::page(&page);
    use dagsorden::import::normalise::Repair;
    assert!(repairs.contains(&Repair::Latin1) && repairs.contains(&Repair::WindowsLineEndings));
    let m = dagsorden::import::read_page(&lines, &party).unwrap();
    assert_eq!(m.place, "Virtuelt møde (Skype)");
    assert_eq!(
        m.published.map(|d| d.to_string()).as_deref(),
        Some("2020-12-03")
    );
    assert_eq!(
        m.attendance.participants,
        [
            "Lise Willer (Esbjerg Kommune)",
            "Jacob Kyndal (Aabenraa Kommune)",
            "Ole Ryttov (Region Syddanmark)"
        ]
    );
    assert_eq!(m.attendance.apologies, ["Sonja Miltersen (Vejen Kommune)"]);
    let numbers: Vec<String> = m.items.iter().map(|i| i.number.to_string()).collect();
    assert_eq!(
        numbers,
        ["1", "2", "4", "3", "5", "7", "8"],
        "the order taken"
    );
    use dagsorden::model::{ClauseStyle, ItemKind, Outcome};
    let kinds: Vec<ItemKind> = m.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds[0], ItemKind::AgendaApproval);
    assert_eq!(
        &kinds[4..],
        [
            ItemKind::Announcements,
            ItemKind::AnyOtherBusiness,
            ItemKind::NextMeeting
        ]
    );
    let outcomes = |n: usize| -> Vec<Option<Outcome>> {
        m.items[n].decision.iter().map(|c| c.outcome).collect()
    };
    // Item 2: decided before its background, "at …" clauses, both in one sentence.
    let two = &m.items[1];
    assert_eq!(
        two.background,
        "Kommunerne har kortlagt deres tilbud til voksne med autisme."
    );
    let rec = two.recommendation.as_ref().unwrap();
    assert_eq!(rec.style, ClauseStyle::AtLines);
    assert_eq!(
        rec.clauses,
        [
            "kortlægningen tages til efterretning",
            "sekretariatet udarbejder et forslag til fælles tilbud"
        ]
    );
    assert_eq!(
        outcomes(1),
        [Some(Outcome::Approved), Some(Outcome::Approved)]
    );
    assert_eq!(
        two.decision_text,
        "Indstillingens to punkter blev godkendt."
    );
    // Item 4: bulleted clauses; the first rejected ("i stedet" a new proposal), the second
    // left for staff, and a deadline suggested.
    assert_eq!(
        m.items[2].recommendation.as_ref().unwrap().style,
        ClauseStyle::Bullets
    );
    assert_eq!(outcomes(2), [Some(Outcome::Rejected), None]);
    use dagsorden::import::suggest::SuggestedDue;
    let dues: Vec<&SuggestedDue> = m.items[2].followups.iter().map(|f| &f.due).collect();
    assert_eq!(
        dues,
        [
            &SuggestedDue::Date(chrono::NaiveDate::from_ymd_opt(2021, 1, 15).unwrap()),
            &SuggestedDue::ReportBack
        ]
    );
    assert_eq!(m.items[2].followups[0].reports_to.as_deref(), Some("sdf"));
    assert_eq!(outcomes(3), [Some(Outcome::Postponed)]);
    assert_eq!(outcomes(4), [Some(Outcome::Noted)]);
    // Standing items: what was said, no outcome to give and nothing to check.
    assert_eq!(m.items[5].decision_text, "Intet.");
    assert!(m.items[5].decision.is_empty());
    let doubts: Vec<String> = m.doubts.iter().map(|d| d.message(Lang::En)).collect();
    assert_eq!(
        doubts,
        ["item 4: the decision does not say its outcome; kept as text for staff to set"]
    );
}

#[test]
fn the_2020_page_imports_with_its_order_and_check_accepts_it() {
    let dir = common::sample_copy();
    let (code, text) = stdout_of(
        dagsorden(dir.path())
            .arg("import")
            .arg(fixture("sdf-2020-11-27.txt")),
    );
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("bemærk: ikke UTF-8: læst som Latin-1 (Windows-1252)"),
        "{text}"
    );
    assert!(text.contains("bemærk: Windows-linjeskift"), "{text}");
    let file = std::fs::read_to_string(dir.path().join("2020/2020-11-27-sdf.toml")).unwrap();
    assert!(file.contains("order = [1, 2, 4, 3, 5, 7, 8]"), "{file}");
    assert!(file.contains("style = \"at-lines\""), "{file}");
    let (_, report) = stdout_of(dagsorden(dir.path()).arg("check"));
    assert!(
        report.ends_with("0 fejl, 0 advarsler i 6 filer.\n"),
        "{report}"
    );
    // The screens show the at-lines as printed.
    let (_, minutes) =
        stdout_of(dagsorden(dir.path()).args(["export", "minutes", "2020-11-27-sdf"]));
    assert!(
        minutes.contains("Forretningsudvalget indstiller,\n\nat kortlægningen tages til efterretning\n\nat sekretariatet"),
        "{minutes}"
    );
}

/// A page saved from the forum's site of 2021 by a browser: its address, an online meeting,
/// headings and lists as markup, a bulleted recommendation decided bullet by bullet.
#[test]
fn the_2021_web_page_gives_its_meeting_and_its_address() {
    let page = std::fs::read(fixture("sdf-2021-06-18.html")).unwrap();
    let text = dagsorden::import::normalise::decode(&page).0;
    assert_eq!(
        dagsorden::import::html::source(&text).as_deref(),
        Some("https://www.example.dk/sdf/referat/2021-06-18"),
        "the canonical address before the browser's note"
    );
    let (lines, _) = dagsorden::import::normalise::page(&page);
    let m = dagsorden::import::read_page(&lines, &party).unwrap();
    assert_eq!(m.place, "Online");
    assert_eq!(m.start.map(|t| t.to_string()).as_deref(), Some("13:00:00"));
    let two = &m.items[1];
    assert_eq!(
        two.background,
        "Socialstyrelsen har bedt kommunerne om en fælles handleplan.\n\nArbejdsgruppen har udarbejdet et udkast.\nUdkastet er vedlagt.\n\nSekretariatet forlægger handleplanen for KKR."
    );
    let outcomes: Vec<_> = two
        .decision
        .iter()
        .map(|c| c.outcome.map(|o| o.key()))
        .collect();
    assert_eq!(outcomes, [Some("approved"), Some("approved")]);
    assert_eq!(two.attachments, ["Udkast til handleplan hjerneskade.pdf"]);
    assert_eq!(
        two.followups.len(),
        1,
        "the due said twice is one suggestion"
    );
    assert_eq!(
        two.followups[0].quote, "Det blev besluttet, at handleplanen evalueres ultimo 2022.",
        "in the decision's words"
    );
    assert!(m.doubts.is_empty(), "{:?}", m.doubts);
}

/// A line of the header that is no field is kept in the file as a note and reported.
#[test]
fn a_header_line_that_is_no_field_is_kept_as_a_note() {
    let page = "Møde i Socialdirektørforum den 14. juni 2013\n\nUDVALG\n\nSocialdirektørforum\n\n\
                Referatet er godkendt af formanden\n\nSTARTTIDSPUNKT\n\n2013-06-14 09:30\n\nPUNKTER\n\n\
                1. Takster\n\n1. Takster\n\nBeslutning\n\nGodkendt.\n";
    let (lines, _) = dagsorden::import::normalise::lines(page.as_bytes());
    let m = dagsorden::import::forum_text::read(&lines, &party);
    assert_eq!(
        m.doubts
            .iter()
            .map(|d| (d.line, d.message(Lang::En)))
            .collect::<Vec<_>>(),
        [(
            7,
            "a line of the page's header is no field the importer knows; kept as a note at the top of the file: \"Referatet er godkendt af formanden\"".to_owned()
        )]
    );
    let text = dagsorden::import::write::meeting_file(&m, "page.txt", &Default::default()).unwrap();
    assert!(
        text.contains("# check, not placed: Referatet er godkendt af formanden\n"),
        "{text}"
    );
}
