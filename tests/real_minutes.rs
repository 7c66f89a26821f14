//! A municipal committee's minutes as published (tests/fixtures/municipal): one body, no FU,
//! running item numbers, items taken out of order, numbered and bulleted clauses, case data
//! with a route, a closed item with no title, no stated time. Each is held, shown and
//! exported as printed, and nothing the minutes do not say is invented.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use crossterm::event::KeyCode;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::model::{ClauseStyle, ItemKind, MeetingId, Outcome, Party};

mod common;
use common::assert_golden;
use common::screen::{app_at, key, keys, screen_text};

const MEETING: &str = "2021-03-12-børn-og-unge";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/municipal")
}

fn dagsorden(args: &[&str]) -> String {
    let out = Command::cargo_bin("dagsorden")
        .unwrap()
        .env_remove("DAGSORDEN_DIR")
        .env_remove("DAGSORDEN_CONFIG")
        .env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/no-config"),
        )
        .arg("--dir")
        .arg(fixture())
        .args(["--today", "2021-03-20"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn every_file(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(every_file(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn check_reports_the_municipal_archive_clean() {
    let out = dagsorden(&["check"]);
    assert!(out.contains("0 fejl, 0 advarsler"), "{out}");
}

#[test]
fn every_field_is_held_as_written() {
    let archive = Archive::load(&fixture()).unwrap();
    assert!(archive.diagnostics.is_empty(), "{:?}", archive.diagnostics);
    let id: MeetingId = MEETING.parse().unwrap();
    let m = archive.meeting(&id).expect("the meeting loads");
    assert_eq!(m.title, "Udvalget for Børn og Unge - Referat");
    assert_eq!((m.start, m.end), (None, None), "no time is stated");
    assert_eq!(m.place, "Virtuelt møde");
    assert_eq!(
        m.agenda_published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-05")
    );
    assert_eq!(
        m.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-15")
    );
    assert_eq!(
        m.source.as_deref(),
        Some("https://fjordby.dk/politik/referater/2021-03-12-boern-og-unge")
    );
    // Held in the order taken, with the numbers as printed, a sub-item with its own.
    let numbers: Vec<String> = m.items.iter().map(|i| i.number.to_string()).collect();
    assert_eq!(
        numbers,
        [
            "112", "113", "113a", "115", "114", "116", "117", "118", "119"
        ]
    );
    let sub = m.item(&"113a".parse().unwrap()).unwrap();
    assert_eq!(sub.title, "Tillægsbevilling til specialundervisning");
    assert_eq!(
        sub.recommendation.as_ref().unwrap().clauses.len(),
        0,
        "a recommendation in its lead alone"
    );

    let agenda = m.item(&112.into()).unwrap();
    assert_eq!(agenda.kind, ItemKind::AgendaApproval);
    let rec = agenda.recommendation.as_ref().unwrap();
    assert_eq!(rec.by, None, "\"Det indstilles\" names nobody");
    assert_eq!(rec.style, ClauseStyle::Sentence);
    assert_eq!(
        agenda.decision.as_ref().unwrap().heading.as_deref(),
        Some("Beslutning i Udvalget for Børn og Unge den 12-03-2021")
    );

    let budget = m.item(&113.into()).unwrap();
    let rec = budget.recommendation.as_ref().unwrap();
    assert_eq!(rec.by, Some(Party::Outside("Administrationen".into())));
    assert_eq!(rec.style, ClauseStyle::Numbers);
    assert_eq!(budget.clause_marker(1), "2.");
    assert_eq!(budget.case.number.as_deref(), Some("21/1234"));
    assert_eq!(budget.case.officer.as_deref(), Some("Lise Holm"));
    assert_eq!(budget.case.case_type.as_deref(), Some("Beslutningssag"));
    assert_eq!(
        budget.case.authority.as_deref(),
        Some("Kommunalbestyrelsen")
    );
    assert_eq!(
        budget.case.route,
        [
            Party::Body("børn-og-unge".parse().unwrap()),
            Party::Outside("Økonomiudvalget".into()),
            Party::Outside("Kommunalbestyrelsen".into()),
        ]
    );
    assert!(budget.summary.contains("4,2 mio. kr."));
    let outcomes: Vec<Outcome> = budget
        .decision
        .as_ref()
        .unwrap()
        .clauses
        .iter()
        .map(|c| c.outcome)
        .collect();
    assert_eq!(outcomes, [Outcome::Noted, Outcome::Approved]);

    let hearing = m.item(&115.into()).unwrap();
    assert_eq!(
        hearing.recommendation.as_ref().unwrap().style,
        ClauseStyle::Bullets
    );
    assert_eq!(hearing.attendance.guests[0].name, "Jens Bro");
    assert_eq!(
        m.item(&116.into()).unwrap().attendance.absent[0].name,
        "Søren Østergaard"
    );
    assert_eq!(m.item(&117.into()).unwrap().kind, ItemKind::Other);

    let closed = m.item(&118.into()).unwrap();
    assert!(closed.closed);
    assert_eq!(closed.title, "", "no title is invented");
    assert_eq!(closed.kind, ItemKind::Other, "no kind is invented");

    // A body with no working-date rules has no working dates.
    let body = archive.forum.body(&id.body).unwrap();
    assert!(dagsorden::calendar::working_dates(body, id.date).is_empty());
}

#[test]
fn the_minutes_and_the_agenda_are_published_as_held() {
    let minutes = dagsorden(&["export", "minutes", MEETING]);
    assert_golden("municipal.minutes.da.md", &minutes);
    let public = dagsorden(&["export", "minutes", MEETING, "--public"]);
    assert_golden("municipal.minutes.public.da.md", &public);
    let agenda = dagsorden(&["export", "agenda", MEETING]);
    assert_golden("municipal.agenda.da.md", &agenda);

    // Nothing the minutes do not say: no time, no empty title, no minutes date on the agenda.
    for doc in [&minutes, &public, &agenda] {
        assert!(!doc.contains("kl."), "{doc}");
        assert!(!doc.contains("&#32;"), "{doc}");
        assert!(!doc.contains(". (lukket punkt)"), "{doc}");
    }
    assert!(agenda.contains("Udgivet 5. marts 2021") && !agenda.contains("15. marts"));
    assert!(minutes.contains("Udgivet 15. marts 2021"));
    // The closed items leave the public minutes; the rest keep their numbers.
    assert!(minutes.contains("## 118\\. Lukket punkt") && minutes.contains("Personalesag"));
    assert!(!public.contains("118") && !public.contains("Personalesag"));
    // Items in the order taken: 115 before 114.
    let at = |doc: &str, s: &str| doc.find(s).unwrap_or_else(|| panic!("{s} in {doc}"));
    assert!(at(&minutes, "## 115\\.") < at(&minutes, "## 114\\."));
    // A sub-item keeps its number as printed, in the list and as its heading.
    assert!(
        minutes.contains("\n113a. Tillægsbevilling til specialundervisning\n"),
        "{minutes}"
    );
    assert!(minutes.contains("## 113a. Tillægsbevilling"), "{minutes}");
    // Numbered clauses as a numbered list, the route with its bodies outside the archive.
    assert!(minutes.contains("1. budgetopfølgningen tages til efterretning"));
    assert!(minutes.contains("Udvalget for Børn og Unge → Økonomiudvalget → Kommunalbestyrelsen"));
    // The output parses back with every item's heading.
    let parser = pulldown_cmark::Parser::new(&minutes);
    let headings = parser
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading {
                    level: pulldown_cmark::HeadingLevel::H2,
                    ..
                })
            )
        })
        .count();
    // Fremmøde, Punkter and the nine items.
    assert_eq!(headings, 11, "{minutes}");
}

#[test]
fn decisions_list_and_calendar_of_a_forum_without_fu() {
    assert_golden("municipal.decisions.da.txt", &dagsorden(&["decisions"]));
    assert_golden("municipal.list.da.txt", &dagsorden(&["list"]));
    assert_golden(
        "municipal.calendar-2021.da.txt",
        &dagsorden(&["calendar", "2021"]),
    );
    let md = dagsorden(&["calendar", "2021", "--format", "md"]);
    assert_golden("municipal.calendar-2021.da.md", &md);
    assert!(md.contains("|Møder i Udvalget for Børn og Unge|"), "{md}");
    assert!(!md.contains("sdf"), "{md}");
    let ics = dagsorden(&["calendar", "2021", "--format", "ics"]);
    assert_golden("municipal.calendar-2021.ics", &ics);
    assert!(ics.contains("DTSTART;VALUE=DATE:20210312"), "{ics}");
    assert!(!ics.contains("DTSTART;TZID"), "no time was stated: {ics}");
    assert!(ics.contains("Tidspunkt ikke oplyst"), "{ics}");
    let event = |uid: &str| -> String {
        ics.split("BEGIN:VEVENT")
            .find(|e| e.contains(&format!("UID:{uid}@")))
            .unwrap_or_else(|| panic!("{uid} in {ics}"))
            .replace("\r\n ", "")
    };
    // A cancelled meeting stays, cancelled, with a sequence above the one it had.
    let cancelled = event("2021-05-21-børn-og-unge");
    assert!(
        cancelled.contains("STATUS:CANCELLED") && cancelled.contains("SEQUENCE:1"),
        "{cancelled}"
    );
    // A meeting taken out of the plan is cancelled under its old UID.
    let removed = event("2021-06-18-børn-og-unge");
    assert!(removed.contains("STATUS:CANCELLED"), "{removed}");
    assert!(
        removed.contains("Slået sammen med mødet den 16. april"),
        "{removed}"
    );
    // A joint meeting and the plan's note; an event's theme and alternative date.
    let joint = event("2021-04-16-børn-og-unge");
    assert!(
        joint.contains("fælles med Ældre- og Sundhedsudvalget"),
        "{joint}"
    );
    assert!(joint.contains("STATUS:CONFIRMED"), "{joint}");
    let theme_day = event("event-temadag-2021");
    assert!(
        theme_day.contains("Alternativ dato: fredag den 11. juni 2021"),
        "{theme_day}"
    );
    let text = dagsorden(&["calendar", "2021"]);
    assert!(text.contains("tema: Inklusion i dagtilbud"), "{text}");
    assert!(md.contains("Fredag den 21. maj 2021 (aflyst)"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&dagsorden(&["calendar", "2021", "--format", "json"])).unwrap();
    let meetings = json["meetings"].as_array().unwrap();
    assert_eq!(meetings[1]["with"][0], "Ældre- og Sundhedsudvalget");
    assert_eq!(meetings[2]["cancelled"], true);
    assert_eq!(
        json["events"][0]["note"],
        "Alternativ dato: fredag den 11. juni 2021"
    );
}

#[test]
fn the_kalender_screen_shows_a_cancelled_meeting_struck_and_the_notes() {
    let today = chrono::NaiveDate::from_ymd_opt(2021, 4, 16).unwrap();
    for size in [(80, 24), (120, 40)] {
        let mut app = app_at(&fixture(), size, Lang::Da, today);
        keys(&mut app, "5");
        insta::assert_snapshot!(
            format!("municipal_calendar_{}x{}", size.0, size.1),
            screen_text(&app)
        );
        let text = screen_text(&app);
        assert!(text.contains("fælles med Ældre- og"), "{text}");
        // Five weeks on: the cancelled meeting, which says so without colour.
        keys(&mut app, "jjjjj");
        let text = screen_text(&app);
        assert!(text.contains("aflyst"), "{text}");
        let terminal = common::screen::draw(&app);
        let struck = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.modifier.contains(ratatui::style::Modifier::CROSSED_OUT));
        assert!(struck, "the cancelled meeting is struck through");
    }
}

#[test]
fn the_meeting_on_screen_at_both_sizes() {
    let today = chrono::NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
    for size in [(80, 24), (120, 40)] {
        let mut app = app_at(&fixture(), size, Lang::Da, today);
        keys(&mut app, "2");
        key(&mut app, KeyCode::Enter);
        keys(&mut app, "j");
        insta::assert_snapshot!(
            format!("municipal_item113_{}x{}", size.0, size.1),
            screen_text(&app)
        );
        let text = screen_text(&app);
        assert!(text.contains("113. Budgetopfølgning"), "{text}");
        assert!(text.contains("1. budgetopfølgningen"), "{text}");
        // The sub-item, the bulleted clauses with a guest, the absent member, the closed
        // item with no title: each on screen as published.
        for (moves, name, shown) in [
            ("j", "113a", "113a. Tillægsbevilling"),
            ("j", "115", "• drøfter høringssvarene"),
            ("jj", "116", "Fraværende: Søren Østergaard"),
            ("jj", "118", "┌ 118. Lukket punkt"),
        ] {
            keys(&mut app, moves);
            let text = screen_text(&app);
            assert!(text.contains(shown), "{name}: {text}");
            insta::assert_snapshot!(format!("municipal_item{name}_{}x{}", size.0, size.1), text);
        }
    }
}

#[test]
fn loading_and_exporting_changes_no_file() {
    let before = every_file(&fixture());
    let _ = Archive::load(&fixture()).unwrap();
    dagsorden(&["check"]);
    dagsorden(&["export", "minutes", MEETING]);
    dagsorden(&["calendar", "2021", "--format", "ics"]);
    assert_eq!(before, every_file(&fixture()));
}

#[test]
fn search_finds_names_by_role_case_data_and_the_route() {
    // "ae"/"oe"/"aa" typed for æ/ø/å, and each name under its role.
    let found = dagsorden(&["search", "kjaergaard"]);
    assert!(found.contains("Deltagere: Hanne Kjærgaard"), "{found}");
    let found = dagsorden(&["search", "oestergaard"]);
    assert!(found.contains("Søren Østergaard"), "{found}");
    let found = dagsorden(&["search", "aagaard"]);
    assert!(found.contains("Afbud: Mette Aagaard"), "{found}");
    assert!(!found.contains("Deltagere: Mette"), "{found}");
    // Members absent for an item, and a guest for one.
    let found = dagsorden(&["search", "østergaard"]);
    assert!(found.contains("Fraværende: Søren Østergaard"), "{found}");
    assert!(dagsorden(&["search", "jens", "bro"]).contains("Gæster: Jens Bro"));
    // Case data and the route.
    assert!(dagsorden(&["search", "21/1234"]).contains("113  Budgetopfølgning"));
    assert!(dagsorden(&["search", "lise", "holm"]).contains("Sag: 21/1234 Lise Holm"));
    let on_to_kb = dagsorden(&["search", "route:kommunalbestyrelsen"]);
    assert!(on_to_kb.contains("113  Budgetopfølgning"), "{on_to_kb}");
    assert!(!on_to_kb.contains("115"), "{on_to_kb}");
    assert!(dagsorden(&["search", "specialundervisning"]).contains("Resume: "));
}

/// A copy of the municipal fixture to change.
fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    tmp
}

#[test]
fn attendance_by_name_and_the_roster_edited_from_the_screen() {
    let tmp = fixture_copy();
    let today = chrono::NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
    let mut app = app_at(tmp.path(), (100, 30), Lang::Da, today);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    // F shows who took part, by name, outside meeting mode too.
    keys(&mut app, "F");
    insta::assert_snapshot!("municipal_attendance_100x30", screen_text(&app));
    let text = screen_text(&app);
    assert!(text.contains("Hanne Kjærgaard, A"), "{text}");
    assert!(text.contains("Mette Aagaard, F"), "{text}");
    // A new member, added to forum.toml without a restart, comments and layout kept.
    keys(&mut app, "n");
    common::screen::paste(&mut app, "Ida Lund, Ø");
    key(&mut app, KeyCode::Enter);
    let forum = common::screen::file_text(tmp.path(), "forum.toml");
    assert!(
        forum.contains("  { name = \"Mette Aagaard\", organisation = \"F\" },\n  { name = \"Ida Lund\", organisation = \"Ø\" },\n]"),
        "{forum}"
    );
    assert!(forum.starts_with("name = \"Fjordby Kommune\""), "{forum}");
    let text = screen_text(&app);
    assert!(
        text.contains("Ida Lund, Ø"),
        "the window shows the new roster: {text}"
    );
    // Mark her present, then correct her name on the roster.
    keys(&mut app, "jjj ");
    let meeting = common::screen::file_text(tmp.path(), &format!("2021/{MEETING}.toml"));
    assert!(
        meeting.contains("{ name = \"Ida Lund\", organisation = \"Ø\" }"),
        "{meeting}"
    );
    keys(&mut app, "e");
    for _ in 0.."Ida Lund, Ø".chars().count() {
        key(&mut app, KeyCode::Backspace);
    }
    common::screen::paste(&mut app, "Ida Lund Hansen, Ø");
    key(&mut app, KeyCode::Enter);
    let forum = common::screen::file_text(tmp.path(), "forum.toml");
    assert!(
        forum.contains("{ name = \"Ida Lund Hansen\", organisation = \"Ø\" }"),
        "{forum}"
    );
    assert!(!forum.contains("\"Ida Lund\""), "{forum}");
    // The minutes keep the name as it was recorded.
    let meeting = common::screen::file_text(tmp.path(), &format!("2021/{MEETING}.toml"));
    assert!(meeting.contains("\"Ida Lund\""), "{meeting}");
    assert!(
        dagsorden::archive::Archive::load(tmp.path())
            .unwrap()
            .diagnostics
            .is_empty()
    );
}

fn press(app: &mut dagsorden::tui::App, code: KeyCode, times: usize) {
    for _ in 0..times {
        key(app, code);
    }
}

#[test]
fn case_data_meeting_details_and_the_plan_are_edited_from_the_screens() {
    use common::screen::{ctrl, file_text, paste};
    let tmp = fixture_copy();
    let rel = format!("2021/{MEETING}.toml");
    let today = chrono::NaiveDate::from_ymd_opt(2021, 4, 16).unwrap();
    let mut app = app_at(tmp.path(), (120, 40), Lang::Da, today);
    keys(&mut app, "2G");
    key(&mut app, KeyCode::Enter);
    // Item 114 (Meddelelser), fifth in the order taken: its case data, by a form.
    keys(&mut app, "jjjjI");
    let text = screen_text(&app);
    assert!(
        text.contains("Sagsoplysninger") && text.contains("Sagsgang:"),
        "{text}"
    );
    press(&mut app, KeyCode::Up, 11);
    key(&mut app, KeyCode::End);
    paste(&mut app, "21/5555");
    press(&mut app, KeyCode::Down, 4);
    key(&mut app, KeyCode::End);
    paste(&mut app, "Økonomiudvalget → Kommunalbestyrelsen");
    ctrl(&mut app, 's');
    let file = file_text(tmp.path(), &rel);
    assert!(
        file.contains("[items.case]\nnumber = \"21/5555\"\nroute = [\"Økonomiudvalget\", \"Kommunalbestyrelsen\"]"),
        "{file}"
    );
    assert!(
        file.contains("# Published minutes of a municipal committee"),
        "comments kept"
    );
    let archive = Archive::load(tmp.path()).unwrap();
    assert!(archive.diagnostics.is_empty(), "{:?}", archive.diagnostics);
    let text = screen_text(&app);
    assert!(text.contains("Sagsnr.: 21/5555"), "{text}");

    // A route step that is no body's id is refused, and the form stays with the text.
    keys(&mut app, "I");
    press(&mut app, KeyCode::Up, 7);
    key(&mut app, KeyCode::End);
    paste(&mut app, " → kb");
    ctrl(&mut app, 's');
    let text = screen_text(&app);
    assert!(text.contains("«kb» er ikke et organ"), "{text}");
    assert!(
        text.contains("Kommunalbestyrelsen → kb"),
        "the typed text is kept: {text}"
    );
    key(&mut app, KeyCode::Esc);
    if screen_text(&app).contains("Kassér") {
        keys(&mut app, "j");
    }
    assert!(!file_text(tmp.path(), &rel).contains("\"kb\""));

    // The meeting's own details: a joint meeting.
    keys(&mut app, "M");
    key(&mut app, KeyCode::End);
    paste(&mut app, " Ældreudvalget");
    ctrl(&mut app, 's');
    let file = file_text(tmp.path(), &rel);
    assert!(file.contains("with = [\"Ældreudvalget\"]"), "{file}");
    assert!(screen_text(&app).contains("fælles møde med Ældreudvalget"));

    // The Kalender: the cancelled meeting of 21 May is held after all.
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "5jjjjje");
    let text = screen_text(&app);
    assert!(text.contains("Aflyst: ja"), "{text}");
    press(&mut app, KeyCode::Up, 2);
    key(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Backspace, 2);
    paste(&mut app, "nej");
    ctrl(&mut app, 's');
    let plan = file_text(tmp.path(), "calendar/2021.toml");
    assert!(!plan.contains("cancelled = true"), "{plan}");
    assert!(plan.contains("note = \"Ingen sager\""), "{plan}");
    assert!(
        plan.contains("# a joint meeting with a committee outside the archive"),
        "{plan}"
    );
}

#[test]
fn a_new_meeting_starts_with_agenda_approval_and_numbers_run_on() {
    let tmp = fixture_copy();
    let out = Command::cargo_bin("dagsorden")
        .unwrap()
        .env_remove("DAGSORDEN_DIR")
        .arg("--dir")
        .arg(tmp.path())
        .args([
            "--today",
            "2021-03-20",
            "new",
            "--body",
            "børn-og-unge",
            "--date",
            "2021-04-16",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = common::screen::file_text(tmp.path(), "2021/2021-04-16-børn-og-unge.toml");
    let archive = Archive::load(tmp.path()).unwrap();
    assert!(archive.diagnostics.is_empty(), "{:?}", archive.diagnostics);
    let m = archive
        .meeting(&"2021-04-16-børn-og-unge".parse().unwrap())
        .unwrap();
    let numbers: Vec<u32> = m.items.iter().map(|i| i.number.main()).collect();
    // 119 was the last item number of the year: the next meeting goes on from 120.
    assert_eq!(numbers, [120, 121, 122, 123, 124], "{text}");
    assert_eq!(m.items[0].kind, ItemKind::AgendaApproval);
    assert_eq!(m.items[0].title, "Godkendelse af dagsorden");
    // The next meeting is not the cancelled one of 21 May.
    assert!(!text.contains("21. maj"), "{text}");
}

#[test]
fn hostile_text_in_the_new_fields_reaches_no_output_raw() {
    let tmp = fixture_copy();
    let rel = format!("2021/{MEETING}.toml");
    let hostile = r#"\u001b]0;pwned\u0007<script>x</script> # [y](javascript:z) \u202e"#;
    let meeting = common::screen::file_text(tmp.path(), &rel)
        .replace("officer = \"Lise Holm\"", &format!("officer = \"{hostile}\""))
        .replace("\"Økonomiudvalget\", \"Kommunalbestyrelsen\"]", &format!("\"Økonomiudvalget\", \"{hostile}\"]"))
        .replace(
            "heading = \"Beslutning i Udvalget for Børn og Unge den 12-03-2021\"\n\n[[items.decision.clauses]]\noutcome = \"noted\"",
            &format!("heading = \"{hostile}\"\n\n[[items.decision.clauses]]\noutcome = \"noted\""),
        )
        .replace("summary = \"Udvalget forventer", &format!("summary = \"{hostile} Udvalget forventer"));
    std::fs::write(tmp.path().join(&rel), &meeting).unwrap();
    let plan = common::screen::file_text(tmp.path(), "calendar/2021.toml")
        .replace("note = \"Ingen sager\"", &format!("note = \"{hostile}\""))
        .replace(
            "theme = \"Inklusion i dagtilbud\"",
            &format!("theme = \"{hostile}\""),
        )
        .replace(
            "with = [\"Ældre- og Sundhedsudvalget\"]",
            &format!("with = [\"{hostile}\"]"),
        );
    std::fs::write(tmp.path().join("calendar/2021.toml"), &plan).unwrap();
    // `check` names each such character with its line and column, as a warning: the
    // archive loads, and everything shows them as placeholders.
    let archive = Archive::load_checked(tmp.path()).unwrap();
    assert!(!archive.diagnostics.is_empty());
    for d in &archive.diagnostics {
        assert!(!d.is_error(), "{d:?}");
        assert!(
            d.message.contains("U+001B (ESC")
                || d.message.contains("U+0007")
                || d.message.contains("U+202E")
                || d.message.contains("more such characters"),
            "{:?}",
            d.message
        );
    }
    let run = |args: &[&str]| -> String {
        let out = Command::cargo_bin("dagsorden")
            .unwrap()
            .env_remove("DAGSORDEN_DIR")
            .arg("--dir")
            .arg(tmp.path())
            .args(["--today", "2021-03-20"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let raw = |s: &str| s.contains('\u{1b}') || s.contains('\u{7}') || s.contains('\u{202e}');
    for args in [
        &["export", "minutes", MEETING][..],
        &["export", "agenda", MEETING],
        &["calendar", "2021"],
        &["calendar", "2021", "--format", "md"],
        &["calendar", "2021", "--format", "ics"],
        &["decisions"],
        &["search", "pwned"],
        &["search", "pwned", "--format", "json"],
        &["calendar", "2021", "--format", "json"],
        &["list", "--format", "json"],
    ] {
        let out = run(args);
        assert!(!out.is_empty(), "{args:?} printed nothing");
        assert!(!raw(&out), "{args:?} printed a control character: {out:?}");
    }
    let minutes = run(&["export", "minutes", MEETING]);
    let html = pulldown_cmark::Parser::new(&minutes).any(|e| {
        matches!(
            e,
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
        )
    });
    assert!(!html, "no raw HTML in the minutes: {minutes}");
    let script_link = pulldown_cmark::Parser::new(&minutes).any(|e| {
        matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) if dest_url.starts_with("javascript"))
    });
    assert!(
        !script_link,
        "no javascript: link in the minutes: {minutes}"
    );
    // The screens: the item, its form, the Kalender.
    let today = chrono::NaiveDate::from_ymd_opt(2021, 4, 16).unwrap();
    let mut app = app_at(tmp.path(), (120, 40), Lang::Da, today);
    keys(&mut app, "2G");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    assert!(!raw(&screen_text(&app)), "{}", screen_text(&app));
    keys(&mut app, "I");
    assert!(!raw(&screen_text(&app)), "{}", screen_text(&app));
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "5jjjjj");
    assert!(!raw(&screen_text(&app)), "{}", screen_text(&app));
}

#[test]
fn the_timeline_shows_where_a_case_goes_on_to() {
    let today = chrono::NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
    let mut app = app_at(&fixture(), (120, 40), Lang::Da, today);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "jT");
    let text = screen_text(&app);
    assert!(
        text.contains("  → Økonomiudvalget → Kommunalbestyrelsen"),
        "{text}"
    );
}

#[test]
fn a_bodys_settings_for_new_meetings_are_edited_from_the_screen() {
    use common::screen::{ctrl, file_text, paste};
    let tmp = fixture_copy();
    let today = chrono::NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
    let mut app = app_at(tmp.path(), (120, 40), Lang::Da, today);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "U");
    let text = screen_text(&app);
    assert!(
        text.contains("Nye møder begynder med godkendelse af dagsorden: ja"),
        "{text}"
    );
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Backspace, 2);
    paste(&mut app, "nej");
    ctrl(&mut app, 's');
    let forum = file_text(tmp.path(), "forum.toml");
    assert!(!forum.contains("agenda_approval"), "{forum}");
    assert!(
        forum.contains("running_numbers = true       # item numbers run on"),
        "{forum}"
    );
    // Taken up at once: a new meeting no longer starts with approval of the agenda.
    let archive = Archive::load(tmp.path()).unwrap();
    assert!(!archive.forum.bodies[0].agenda_approval);
    assert!(!app.archive.forum.bodies[0].agenda_approval);
}

/// Any prompt whose save is refused opens again with the text as typed: here a member
/// who is on the roster already.
#[test]
fn a_refused_save_gives_the_prompt_back_with_the_text_typed() {
    let tmp = fixture_copy();
    let today = chrono::NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
    let mut app = app_at(tmp.path(), (120, 40), Lang::Da, today);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Fn");
    common::screen::paste(&mut app, "Hanne Kjærgaard, A (gentaget)");
    let before = common::screen::file_text(tmp.path(), "forum.toml");
    // The name is the roster's already: refused.
    for _ in 0.." (gentaget)".chars().count() {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("er allerede medlem"), "{text}");
    assert!(
        text.contains("Nyt medlem") && text.contains("Hanne Kjærgaard, A"),
        "the prompt is back with the text: {text}"
    );
    assert_eq!(common::screen::file_text(tmp.path(), "forum.toml"), before);
}
