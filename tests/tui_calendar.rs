//! The Kalender screen on ratatui's TestBackend: snapshots of the year, and every change to
//! the plan saved in the files (a meeting's file follows its move). Today is 10 January 2018
//! unless a test says otherwise.

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::model::MeetingId;
use dagsorden::tui::App;
use dagsorden::tui::app::{Overlay, Screen};

mod common;
use common::screen::{app_at, ctrl, file_text, key, keys, screen_text};
use common::{sample_copy, sample_dir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn calendar_on(dir: &std::path::Path, size: (u16, u16), today: NaiveDate) -> App {
    let mut app = app_at(dir, size, Lang::Da, today);
    keys(&mut app, "5");
    assert_eq!(app.screen, Screen::Calendar);
    app
}

/// Types into the open prompt after clearing what it offers.
fn type_over(app: &mut App, text: &str) {
    ctrl(app, 'u');
    keys(app, text);
    key(app, KeyCode::Enter);
}

#[test]
fn year_view_snapshots() {
    for size in [(120, 40), (80, 24)] {
        let app = calendar_on(&sample_dir(), size, d(2018, 1, 10));
        insta::assert_snapshot!(format!("calendar_{}x{}", size.0, size.1), screen_text(&app));
    }
}

#[test]
fn the_2018_plan_shows_item_9s_pairs_a_wednesday_and_the_pending_moves() {
    let app = calendar_on(&sample_dir(), (120, 40), d(2018, 1, 10));
    let text = screen_text(&app);
    for pair in [
        "ons 24. jan → fre 9. feb     16",
        "fre 20. apr → ons 2. maj     12",
        "fre 8. jun  → fre 22. jun    14",
        "fre 28. sep → fre 12. okt    14",
    ] {
        assert!(text.contains(pair), "{pair}:\n{text}");
    }
    assert_eq!(text.matches("→ ny dato ikke fastsat").count(), 2, "{text}");
    // ISO weeks down the side: 9 February is in week 6, 12 October in week 41.
    assert!(text.contains(" 6   5  6  7  8  9S10 11"), "{text}");
    assert!(text.contains("41   8  9 10 11 12S13 14"), "{text}");
}

#[test]
fn the_cursor_moves_by_day_week_month_and_year() {
    let mut app = calendar_on(&sample_dir(), (120, 40), d(2018, 1, 10));
    keys(&mut app, "l");
    assert_eq!(app.calendar.cursor, d(2018, 1, 11));
    keys(&mut app, "j");
    assert_eq!(app.calendar.cursor, d(2018, 1, 18));
    keys(&mut app, "]");
    assert_eq!(app.calendar.cursor, d(2018, 2, 18));
    keys(&mut app, "}");
    assert_eq!(app.calendar.cursor, d(2019, 2, 18));
    assert_eq!(app.calendar.year.year, 2019);
    keys(&mut app, "{[hk");
    assert_eq!(app.calendar.cursor, d(2018, 1, 10));
    keys(&mut app, "n");
    assert_eq!(app.calendar.cursor, d(2018, 1, 24), "the next meeting");
    keys(&mut app, ".");
    assert_eq!(app.calendar.cursor, d(2018, 1, 10), "back to today");
    let text = screen_text(&app);
    assert!(
        text.contains("Onsdag den 10. januar 2018 · uge 2"),
        "{text}"
    );
}

#[test]
fn a_moved_meeting_takes_its_file_along_and_undo_brings_both_back() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2017, 9, 1));
    keys(&mut app, "n");
    assert_eq!(app.calendar.cursor, d(2017, 9, 8));
    keys(&mut app, "m");
    assert!(screen_text(&app).contains("Flyt SDF fre 8. sep: vælg den nye dag"));
    // Thursday 14 September.
    keys(&mut app, "llllll");
    key(&mut app, KeyCode::Enter);
    type_over(&mut app, "Lokalet var optaget");
    type_over(&mut app, "");
    assert!(!dir.path().join("2017/2017-09-08-sdf.toml").exists());
    let moved = file_text(dir.path(), "2017/2017-09-14-sdf.toml");
    assert!(
        moved.contains("date = 2017-09-14\nweekday = \"torsdag\""),
        "{moved}"
    );
    let plan = file_text(dir.path(), "calendar/2017.toml");
    assert!(
        plan.contains(
            "meeting = \"2017-09-08-sdf\"\nto = 2017-09-14\nreason = \"Lokalet var optaget\""
        ),
        "{plan}"
    );
    // The archive reads it cleanly, and the references to the old id still find it.
    let archive = Archive::load(dir.path()).unwrap();
    assert!(archive.diagnostics.is_empty(), "{:?}", archive.diagnostics);
    let old: MeetingId = "2017-09-08-sdf".parse().unwrap();
    assert_eq!(
        archive.meeting(&old).unwrap().id.to_string(),
        "2017-09-14-sdf"
    );
    let text = screen_text(&app);
    assert!(text.contains("flyttet fra fre 8. sep"), "{text}");
    assert!(text.contains("SDF fre 8. sep → tor 14. sep"), "{text}");
    // One undo: the file is back under its name and the plan as it was.
    keys(&mut app, "u");
    assert!(dir.path().join("2017/2017-09-08-sdf.toml").exists());
    assert!(!dir.path().join("2017/2017-09-14-sdf.toml").exists());
    assert_eq!(
        file_text(dir.path(), "calendar/2017.toml"),
        file_text(&sample_dir(), "calendar/2017.toml")
    );
}

#[test]
fn a_pending_move_gets_its_date_with_its_decision_kept() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2018, 1, 10));
    keys(&mut app, "nn");
    assert_eq!(app.calendar.cursor, d(2018, 2, 9));
    keys(&mut app, "mj");
    key(&mut app, KeyCode::Enter);
    type_over(&mut app, "");
    // The decision of the pending move is offered.
    let offered = app.input.as_ref().unwrap().area.text();
    assert_eq!(offered, "2017-09-08-sdf#9");
    key(&mut app, KeyCode::Enter);
    let plan = file_text(dir.path(), "calendar/2018.toml");
    assert!(
        plan.contains("decided_by = \"2017-09-08-sdf#9\"\nto = 2018-02-16"),
        "{plan}"
    );
    assert_eq!(plan.matches("[[moves]]").count(), 2);
    // FU on 24 January now has 23 days to the meeting it prepares.
    assert!(screen_text(&app).contains("ons 24. jan → fre 16. feb    23"));
    // Esc calls a move off before it is dropped.
    keys(&mut app, "m");
    key(&mut app, KeyCode::Esc);
    assert!(app.calendar.moving.is_none());
}

#[test]
fn moving_an_fu_meeting_too_close_shows_the_check() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2018, 1, 10));
    keys(&mut app, "n");
    assert_eq!(app.calendar.cursor, d(2018, 1, 24));
    // To Tuesday 6 February: three days before the SDF meeting on the 9th.
    keys(&mut app, "mjjh");
    key(&mut app, KeyCode::Enter);
    type_over(&mut app, "Formanden er bortrejst");
    type_over(&mut app, "");
    let text = screen_text(&app);
    assert!(text.contains("tir 6. feb  → fre 9. feb      3"), "{text}");
    assert!(text.contains("Kontrol"), "{text}");
    assert!(
        text.contains("! FU tirsdag den 6. februar 2018 ligger"),
        "{text}"
    );
    assert!(
        text.contains("kun 3 dage før mødet det forbereder"),
        "{text}"
    );
}

#[test]
fn seminars_and_meetings_are_added_and_removed() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2018, 1, 10));
    // Thursday 15 November 2018.
    keys(&mut app, "]]]]]]]]]]");
    keys(&mut app, "lllll");
    assert_eq!(app.calendar.cursor, d(2018, 11, 15));
    keys(&mut app, "a");
    type_over(&mut app, "seminar Døgnseminar 2018");
    let plan = file_text(dir.path(), "calendar/2018.toml");
    assert!(plan.contains("id = \"seminar-2018-11-15\"\nkind = \"seminar\"\ntitle = \"Døgnseminar 2018\"\ndate = 2018-11-15\nend_date = 2018-11-16"), "{plan}");
    assert!(
        plan.contains("# A seminar in 2018 was decided"),
        "comments stay"
    );
    let text = screen_text(&app);
    assert!(text.contains("15*16*"), "{text}");
    // An SDF meeting on Friday 7 December.
    keys(&mut app, "]hj");
    assert_eq!(app.calendar.cursor, d(2018, 12, 21));
    keys(&mut app, "kk");
    keys(&mut app, "a");
    type_over(&mut app, "sdf");
    let plan = file_text(dir.path(), "calendar/2018.toml");
    assert!(
        plan.contains("body = \"sdf\"\ndate = 2018-12-07\nweekday = \"fredag\""),
        "{plan}"
    );
    // And out again, each after a question.
    keys(&mut app, "D");
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    keys(&mut app, "j");
    let plan = file_text(dir.path(), "calendar/2018.toml");
    assert!(!plan.contains("date = 2018-12-07"), "{plan}");
    // Kept as removed, so a calendar program that imported it drops it.
    assert!(
        plan.contains("[[removed]]\nmeeting = \"2018-12-07-sdf\""),
        "{plan}"
    );
    keys(&mut app, "[jll");
    assert_eq!(app.calendar.cursor, d(2018, 11, 16));
    keys(&mut app, "D");
    keys(&mut app, "n");
    assert!(file_text(dir.path(), "calendar/2018.toml").contains("seminar-2018-11-15"));
    keys(&mut app, "D");
    keys(&mut app, "y");
    assert!(!file_text(dir.path(), "calendar/2018.toml").contains("seminar-2018-11-15"));
    // A meeting with a file is not removed from here.
    keys(&mut app, "{");
    let mut app = calendar_on(dir.path(), (120, 40), d(2017, 9, 8));
    keys(&mut app, "D");
    assert!(screen_text(&app).contains("Mødet har en mødefil"));
}

#[test]
fn the_day_window_opens_a_meeting() {
    let mut app = calendar_on(&sample_dir(), (120, 40), d(2017, 9, 8));
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Day(window)) = &app.overlay else {
        panic!("the day's window");
    };
    assert_eq!(window.date, d(2017, 9, 8));
    assert!(screen_text(&app).contains("Socialdirektørforum kl. 09.00–12.00"));
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let (meeting, _) = app.current_meeting().expect("the meeting is open");
    assert_eq!(meeting.id.to_string(), "2017-09-08-sdf");
}

#[test]
fn next_year_is_proposed_as_a_plan_to_adjust() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2018, 9, 1));
    keys(&mut app, "P");
    let plan = file_text(dir.path(), "calendar/2019.toml");
    assert!(plan.starts_with("# Udkast til mødeplan 2019"), "{plan}");
    assert_eq!(plan.matches("[[meetings]]").count(), 8);
    assert_eq!(app.calendar.year.year, 2019);
    assert_eq!(app.calendar.cursor, d(2019, 1, 25));
    assert_eq!(app.calendar.year.pairs.len(), 4);
    assert!(app.calendar.year.findings.is_empty());
    assert!(screen_text(&app).contains("Udkast gemt som calendar/2019.toml"));
    // Not twice.
    keys(&mut app, "{P");
    assert!(screen_text(&app).contains("Der er allerede en mødeplan for 2019"));
}

/// The year is worked out when the calendar is shown: a change made while another screen
/// was shown (here an undo of a move) is there when the calendar is shown again.
#[test]
fn a_change_made_on_another_screen_shows_when_the_calendar_is_shown() {
    let dir = sample_copy();
    let mut app = calendar_on(dir.path(), (120, 40), d(2017, 9, 1));
    keys(&mut app, "nm");
    keys(&mut app, "llllll");
    key(&mut app, KeyCode::Enter);
    type_over(&mut app, "Lokalet var optaget");
    type_over(&mut app, "");
    assert!(screen_text(&app).contains("SDF fre 8. sep → tor 14. sep"));
    keys(&mut app, "1u");
    assert!(dir.path().join("2017/2017-09-08-sdf.toml").exists());
    keys(&mut app, "5");
    let text = screen_text(&app);
    assert!(!text.contains("SDF fre 8. sep → tor 14. sep"), "{text}");
    assert!(!text.contains("flyttet fra fre 8. sep"), "{text}");
}
