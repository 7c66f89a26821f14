//! The calendar on the command line: `dagsorden calendar` in every format (goldens), the
//! iCalendar file read back by an independent parser, the checks of `dagsorden check` each
//! on its own fixture, and the proposal for next year.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::{assert_golden, sample_copy, sample_dir};

fn dagsorden(dir: &Path, today: &str) -> Command {
    let mut cmd = Command::cargo_bin("dagsorden").unwrap();
    cmd.arg("--dir").arg(dir).arg("--today").arg(today);
    cmd.env("NO_COLOR", "1").env_remove("DAGSORDEN_DIR");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_2018_plan_as_text_markdown_and_json() {
    let dir = sample_dir();
    let text = stdout(dagsorden(&dir, "2018-01-10").args(["calendar", "2018"]));
    // Item 9's four pairs with the days between; 2 May 2018 is a Wednesday.
    assert!(text.contains("onsdag den 24. januar 2018    → fredag den 9. februar 2018      16"));
    assert!(text.contains("fredag den 20. april 2018     → onsdag den 2. maj 2018          12"));
    // Both pending moves.
    assert_eq!(text.matches("→ ny dato ikke fastsat").count(), 2, "{text}");
    assert_golden("calendar-2018.da.txt", &text);
    let en = stdout(dagsorden(&dir, "2018-01-10").args(["--lang", "en", "calendar", "2018"]));
    assert!(en.contains("Wednesday 2 May 2018"));
    assert_golden("calendar-2018.en.txt", &en);
    let md = stdout(dagsorden(&dir, "2018-01-10").args(["calendar", "2018", "--format", "md"]));
    assert!(md.contains("|Onsdag den 24. januar 2018|Fredag den 9. februar 2018|"));
    assert_golden("calendar-2018.da.md", &md);
    let json = stdout(dagsorden(&dir, "2018-01-10").args(["calendar", "2018", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let may = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "2018-05-02-sdf")
        .unwrap();
    assert_eq!(may["weekday"], "onsdag");
    assert_eq!(may["week"], 18);
    let feb = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "2018-02-09-sdf")
        .unwrap();
    assert_eq!(feb["week"], 6);
    assert_eq!(feb["move_pending"], true);
    let fu = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "2018-01-24-fu")
        .unwrap();
    assert_eq!(fu["prepares"], "2018-02-09-sdf");
    assert_eq!(fu["gap_days"], 16);
    assert_golden("calendar-2018.json", &json);
}

// ---- iCalendar -------------------------------------------------------------------------

/// The events of an .ics file as (UID, SEQUENCE, DTSTART with its parameters) after an
/// independent parser (the `ical` crate) has read it.
fn parse_ics(text: &str) -> Vec<(String, String, String)> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let mut out = Vec::new();
    let mut calendars = 0;
    for cal in reader {
        let cal = cal.expect("the file parses");
        calendars += 1;
        assert!(
            cal.timezones.iter().any(|tz| tz
                .properties
                .iter()
                .any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Copenhagen"))),
            "a VTIMEZONE for Europe/Copenhagen"
        );
        for event in cal.events {
            let prop = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .unwrap_or_else(|| panic!("{name} in every event"))
                    .clone()
            };
            let start = prop("DTSTART");
            let params: Vec<String> = start
                .params
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| format!("{k}={}", v.join(",")))
                .collect();
            out.push((
                prop("UID").value.unwrap(),
                prop("SEQUENCE").value.unwrap(),
                format!("{};{}", params.join(";"), start.value.unwrap()),
            ));
            prop("DTSTAMP");
            prop("SUMMARY");
        }
    }
    assert_eq!(calendars, 1);
    out
}

/// RFC 5545's line rules: CRLF only, no line over 75 octets.
fn assert_rfc5545_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "a bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn the_ics_parses_and_keeps_its_uids_and_a_move_raises_the_sequence() {
    let dir = sample_copy();
    let ics = |dir: &Path| {
        stdout(dagsorden(dir, "2018-01-10").args(["calendar", "2018", "--format", "ics"]))
    };
    let first = ics(dir.path());
    assert_rfc5545_lines(&first);
    assert!(first.contains("\r\n "), "long lines are folded");
    let events = parse_ics(&first);
    let sdf = |events: &[(String, String, String)]| {
        events
            .iter()
            .filter(|(uid, _, _)| uid.starts_with("2018-02-09-sdf@"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let feb = sdf(&events);
    assert_eq!(feb.len(), 1);
    assert_eq!(feb[0].1, "0");
    assert_eq!(feb[0].2, "TZID=Europe/Copenhagen;20180209T090000");
    // Deadlines are all-day events.
    let may = events
        .iter()
        .find(|(uid, _, _)| uid.starts_with("followup-belaegning-1-maj-2018@"))
        .expect("the 1 May deadline");
    assert_eq!(may.2, "VALUE=DATE;20180501");
    // Unique, and the same on a second export.
    let mut uids: Vec<_> = events.iter().map(|e| e.0.clone()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
    let again = parse_ics(&ics(dir.path()));
    assert_eq!(
        again.iter().map(|e| &e.0).collect::<Vec<_>>(),
        events.iter().map(|e| &e.0).collect::<Vec<_>>()
    );

    // The pending move gets its date, as the Kalender screen writes it.
    let plan = dir.path().join("calendar/2018.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replacen(
        "decided_by = \"2017-09-08-sdf#9\"\n\n[[moves]]",
        "decided_by = \"2017-09-08-sdf#9\"\nto = 2018-03-02\n\n[[moves]]",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let moved = ics(dir.path());
    let events = parse_ics(&moved);
    let feb = sdf(&events);
    assert_eq!(feb.len(), 1, "the moved meeting is there once");
    assert_eq!(feb[0].1, "1", "a higher SEQUENCE");
    assert_eq!(feb[0].2, "TZID=Europe/Copenhagen;20180302T090000");
    assert!(!moved.contains("20180209T090000"));
}

#[test]
fn ics_text_is_escaped() {
    let dir = sample_copy();
    let plan = dir.path().join("calendar/2018.toml");
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text.push_str(
        "\n[[events]]\nid = \"temadag-x\"\nkind = \"theme-day\"\ntitle = \"Børn, unge; \\\\ og \\u001b[31mfamilier\"\ndate = 2018-03-15\n",
    );
    std::fs::write(&plan, text).unwrap();
    let ics =
        stdout(dagsorden(dir.path(), "2018-01-10").args(["calendar", "2018", "--format", "ics"]));
    // The escape character shows as a placeholder, as everywhere text reaches a screen.
    assert!(
        ics.contains("SUMMARY:Temadag: Børn\\, unge\\; \\\\ og ␛[31mfamilier"),
        "{ics}"
    );
    assert!(!ics.contains('\u{1b}'));
    parse_ics(&ics);
}

// ---- Checks ----------------------------------------------------------------------------

/// A copy of the sample with `plan` as calendar/2019.toml.
fn with_plan(plan: &str) -> tempfile::TempDir {
    let dir = sample_copy();
    std::fs::write(dir.path().join("calendar/2019.toml"), plan).unwrap();
    dir
}

fn check_output(dir: &Path) -> String {
    let out = dagsorden(dir, "2019-01-01")
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn check_finds_a_preparing_meeting_after_or_too_close_to_its_meeting() {
    let dir = with_plan(
        r#"year = 2019
[[meetings]]
body = "fu"
date = 2019-02-06
prepares = "2019-02-08-sdf"

[[meetings]]
body = "sdf"
date = 2019-02-08

[[meetings]]
body = "sdf"
date = 2019-05-03

[[meetings]]
body = "fu"
date = 2019-05-03
"#,
    );
    let out = check_output(dir.path());
    assert!(
        out.contains("advarsel: FU onsdag den 6. februar 2019 ligger kun 2 dage før mødet det forbereder (SDF 8. februar 2019); mindst 7"),
        "{out}"
    );
    assert!(
        out.contains("calendar/2019.toml:4:8: advarsel"),
        "points at the meeting: {out}"
    );
    assert!(
        out.contains("fejl: FU fredag den 3. maj 2019 er samme dag som mødet det forbereder (SDF 3. maj 2019)"),
        "{out}"
    );
    // A move puts the preparing meeting after its meeting.
    let dir = with_plan(
        r#"year = 2019
[[meetings]]
body = "fu"
date = 2019-01-25
prepares = "2019-02-08-sdf"

[[meetings]]
body = "sdf"
date = 2019-02-08

[[moves]]
meeting = "2019-01-25-fu"
to = 2019-02-15
reason = "test"
"#,
    );
    let out = check_output(dir.path());
    assert!(
        out.contains("FU fredag den 15. februar 2019 ligger 7 dage efter mødet det forbereder"),
        "{out}"
    );
}

#[test]
fn check_finds_meetings_on_weekends_and_holidays() {
    let dir = with_plan(
        r#"year = 2019
[[meetings]]
body = "sdf"
date = 2019-03-09

[[meetings]]
body = "sdf"
date = 2019-05-17

[[meetings]]
body = "sdf"
date = 2019-05-30
"#,
    );
    let out = check_output(dir.path());
    assert!(
        out.contains("SDF lørdag den 9. marts 2019 ligger i en weekend"),
        "{out}"
    );
    // 17 May 2019 is Store bededag; 30 May Kristi himmelfartsdag.
    assert!(
        out.contains("SDF fredag den 17. maj 2019 ligger på store bededag"),
        "{out}"
    );
    assert!(out.contains("ligger på kristi himmelfartsdag"), "{out}");
    assert!(out.contains("= forslag: flyt mødet til en hverdag"));
}

#[test]
fn check_finds_two_meetings_of_one_body_on_one_day() {
    // Written twice in the plan: the loader refuses the second.
    let dir = with_plan(
        "year = 2019\n[[meetings]]\nbody = \"sdf\"\ndate = 2019-03-08\n\n[[meetings]]\nbody = \"sdf\"\ndate = 2019-03-08\n",
    );
    let out = check_output(dir.path());
    assert!(out.contains("2019-03-08-sdf er planlagt to gange"), "{out}");
    // Moved onto another meeting's day: the calendar check finds it.
    let dir = with_plan(
        r#"year = 2019
[[meetings]]
body = "sdf"
date = 2019-03-08

[[meetings]]
body = "sdf"
date = 2019-03-15

[[moves]]
meeting = "2019-03-15-sdf"
to = 2019-03-08
reason = "test"
"#,
    );
    let out = check_output(dir.path());
    assert!(
        out.contains(
            "fejl: SDF fredag den 8. marts 2019: to møder i samme organ samme dag (2019-03-08-sdf)"
        ),
        "{out}"
    );
}

#[test]
fn check_finds_a_weekday_that_does_not_match_its_date() {
    let dir = with_plan(
        "year = 2019\n[[meetings]]\nbody = \"sdf\"\ndate = 2019-02-08\nweekday = \"onsdag\"\n",
    );
    let out = check_output(dir.path());
    assert!(out.contains("calendar/2019.toml:5:11: fejl"), "{out}");
    assert!(out.contains("er en fredag, ikke en onsdag"), "{out}");
    // Reported once, by the loader, not again by the calendar check.
    assert_eq!(out.matches("onsdag").count(), 2, "{out}");
}

#[test]
fn the_sample_calendar_passes_its_checks() {
    dagsorden(&sample_dir(), "2018-01-10")
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 fejl, 0 advarsler"));
}

// ---- Proposal --------------------------------------------------------------------------

#[test]
fn the_proposal_is_the_mødeplan_table_and_can_be_saved_once() {
    let dir = sample_copy();
    let md = stdout(dagsorden(dir.path(), "2018-09-01").args([
        "calendar",
        "2019",
        "--propose",
        "--format",
        "md",
    ]));
    assert_golden("calendar-propose-2019.da.md", &md);
    assert!(!md.contains(" juli "), "July is avoided");
    dagsorden(dir.path(), "2018-09-01")
        .args(["calendar", "2019", "--propose", "--write"])
        .assert()
        .success();
    let plan = std::fs::read_to_string(dir.path().join("calendar/2019.toml")).unwrap();
    assert!(plan.contains("weekday = \"fredag\""));
    assert!(plan.contains("prepares = \"2019-02-08-sdf\""));
    // The saved draft reads, and passes the checks.
    dagsorden(dir.path(), "2018-09-01")
        .arg("check")
        .assert()
        .success();
    let text = stdout(dagsorden(dir.path(), "2018-09-01").args(["calendar", "2019"]));
    assert!(text.contains("Ingen fund"), "{text}");
    // Never over an existing plan.
    dagsorden(dir.path(), "2018-09-01")
        .args(["calendar", "2019", "--propose", "--write"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("findes allerede"));
}

/// A minimal meeting file of SDF on `date`, with `status` and one decided item.
fn sdf_meeting(dir: &Path, date: &str, status: &str) {
    std::fs::create_dir_all(dir.join("2019")).unwrap();
    std::fs::write(
        dir.join(format!("2019/{date}-sdf.toml")),
        format!(
            "body = \"sdf\"\ntitle = \"Møde\"\ndate = {date}\nstatus = \"{status}\"\n\n[[items]]\nnumber = 1\ntitle = \"Punkt\"\nkind = \"decision\"\n\n[items.decision]\ntext = \"Godkendt.\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn check_finds_a_meeting_file_left_on_the_date_the_plan_moved_it_from() {
    let dir = with_plan(
        "year = 2019\n[[meetings]]\nbody = \"sdf\"\ndate = 2019-02-08\n\n[[moves]]\nmeeting = \"2019-02-08-sdf\"\nto = 2019-02-15\nreason = \"KKR\"\n",
    );
    sdf_meeting(dir.path(), "2019-02-08", "agenda-draft");
    let out = check_output(dir.path());
    assert!(
        out.contains("advarsel: SDF fredag den 15. februar 2019: planen har flyttet mødet hertil, men mødefilen har stadig datoen 8. februar 2019"),
        "{out}"
    );
    assert!(
        out.contains("calendar/2019.toml:4:8"),
        "points at the plan: {out}"
    );
    // The list shows it on the day it is held, with the day it left.
    let list = stdout(dagsorden(dir.path(), "2019-01-01").args(["list", "--year", "2019"]));
    assert!(
        list.contains("fredag den 15. februar 2019")
            && list.contains("(flyttet fra 8. februar 2019)"),
        "{list}"
    );
    let json = stdout(
        dagsorden(dir.path(), "2019-01-01").args(["list", "--year", "2019", "--format", "json"]),
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["date"], "2019-02-15");
    assert_eq!(rows[0]["planned_date"], "2019-02-08");
    assert_eq!(rows[0]["moved"], true);
}

#[test]
fn a_held_meeting_whose_plan_still_says_move_is_reported_and_confirmed_in_the_ics() {
    let dir = with_plan(
        "year = 2019\n[[meetings]]\nbody = \"sdf\"\ndate = 2019-03-08\n\n[[moves]]\nmeeting = \"2019-03-08-sdf\"\nreason = \"Ny dato findes\"\n",
    );
    sdf_meeting(dir.path(), "2019-03-08", "held");
    let out = check_output(dir.path());
    assert!(
        out.contains("advarsel: SDF fredag den 8. marts 2019 er holdt (der er beslutninger), men planen siger stadig, at mødet skal flyttes"),
        "{out}"
    );
    let ics =
        stdout(dagsorden(dir.path(), "2019-01-01").args(["calendar", "2019", "--format", "ics"]));
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:2019-03-08-sdf@"))
        .expect("the meeting is in the .ics");
    assert!(event.contains("STATUS:CONFIRMED"), "{event}");
    // Held on its planned day; the file states no time, so none is invented.
    assert!(event.contains("DTSTART;VALUE=DATE:20190308"), "{event}");
    assert!(!event.contains("skal flyttes"), "{event}");
}

#[test]
fn an_event_or_follow_up_id_that_is_not_one_word_is_refused_and_reaches_no_uid() {
    let dir = with_plan(
        "year = 2019\n\n[[events]]\nid = \"x\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:injected\"\nkind = \"seminar\"\ntitle = \"Seminar\"\ndate = 2019-11-14\n\n[[deadlines]]\nid = \"frist\\u001b]0;pwned\\u0007\"\nwhat = \"Frist\"\ndue = { kind = \"date\", date = 2019-05-01 }\n",
    );
    let out = check_output(dir.path());
    assert!(out.contains("en begivenheds id skal være ét ord"), "{out}");
    assert!(out.contains("en opfølgnings id skal være ét ord"), "{out}");
    let ics =
        stdout(dagsorden(dir.path(), "2019-01-01").args(["calendar", "2019", "--format", "ics"]));
    assert!(!ics.contains("injected"), "{ics}");
    assert!(!ics.contains('\u{1b}') && !ics.contains('\u{7}'), "{ics}");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("END:VEVENT").count()
    );
}
