//! The Opfølgning screen on ratatui's TestBackend: snapshots, and every action saved into the
//! file the follow-up is written in. Today is 20 September 2017 unless a test says otherwise.

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use dagsorden::followup::{FollowupState, StateFilter};
use dagsorden::lang::Lang;
use dagsorden::tui::App;
use dagsorden::tui::app::{Overlay, Screen};

mod common;
use common::screen::{app, app_at, app_on, ctrl, file_text, key, keys, screen_text};
use common::{sample_copy, sample_dir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Puts the cursor on the follow-up `id` (the first year of a yearly one) on screen 4.
fn select(app: &mut App, id: &str) {
    if app.screen != Screen::Followups {
        keys(app, "4");
    }
    key(app, KeyCode::Home);
    for _ in 0..app.followups.rows.len() {
        if app
            .selected_entry()
            .is_some_and(|e| e.followup(&app.archive).id == id)
        {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("{id} is not listed:\n{}", screen_text(app));
}

fn selected_state(app: &App) -> FollowupState {
    app.selected_entry()
        .expect("a follow-up is selected")
        .state()
}

/// The state of follow-up `id` (listed or not).
fn state_of(app: &App, id: &str) -> FollowupState {
    app.followups
        .entries
        .iter()
        .find(|e| e.followup(&app.archive).id == id)
        .expect("the follow-up exists")
        .state()
}

/// Types into the open prompt after clearing what it offers.
fn type_over(app: &mut App, text: &str) {
    ctrl(app, 'u');
    keys(app, text);
    key(app, KeyCode::Enter);
}

#[test]
fn followups_screen_snapshots() {
    for size in [(120, 40), (80, 24)] {
        let mut app = app(size);
        keys(&mut app, "4");
        let text = screen_text(&app);
        insta::assert_snapshot!(format!("followups_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn on_20_september_2017_the_status_is_overdue_and_the_evaluation_waits_for_two_runs() {
    let mut app = app((120, 40));
    select(&mut app, "spiseforstyrrelser-status-socialstyrelsen");
    assert_eq!(selected_state(&app), FollowupState::Overdue);
    let text = screen_text(&app);
    assert!(
        text.contains("! OVERSKREDET    senest mandag den 18. september 2017"),
        "{text}"
    );
    select(&mut app, "myndighedsforloeb-evaluering");
    assert_eq!(selected_state(&app), FollowupState::Waiting);
    assert!(screen_text(&app).contains("efter 2 forløb — 0 afholdt"));
    // Vague periods say the day they count as due by.
    assert!(screen_text(&app).contains("medio 2018 (senest 30. juni 2018)"));
}

#[test]
fn two_runs_make_the_evaluation_due_and_it_goes_on_the_next_sdf_agenda_of_2018() {
    let tmp = sample_copy();
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    keys(&mut app, "r");
    let offered = app.input.as_ref().expect("the run prompt").area.text();
    assert_eq!(offered, "2017-09-20 ", "today is offered as the date");
    type_over(&mut app, "2017-11-01 Forløb 1, Vejle");
    assert_eq!(selected_state(&app), FollowupState::Waiting);
    assert!(screen_text(&app).contains("efter 2 forløb — 1 afholdt"));
    keys(&mut app, "r");
    type_over(&mut app, "2017-12-06 Forløb 2, Odense");
    assert_eq!(selected_state(&app), FollowupState::Triggered);
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains(
            "runs = [\n  { date = 2017-11-01, note = \"Forløb 1, Vejle\" },\n  { date = 2017-12-06, note = \"Forløb 2, Odense\" },\n]"
        ),
        "{file}"
    );

    // Put on the next agenda: the seminar meeting of 16 November 2017 is offered, the
    // first ordinary SDF meeting after the count was reached, 9 February 2018, proposed.
    keys(&mut app, "a");
    let Some(Overlay::Agenda(pick)) = &app.overlay else {
        panic!("the agenda window:\n{}", screen_text(&app));
    };
    assert_eq!(
        pick.candidates[pick.pos].meeting.id.to_string(),
        "2018-02-09-sdf"
    );
    insta::assert_snapshot!("followups_agenda_window_100x30", {
        app.size = (100, 30);
        app.handle_event(&crossterm::event::Event::Resize(100, 30));
        screen_text(&app)
    });
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    // The meeting is created from the 2018 plan, with the evaluation before the standing
    // items, linked back to the follow-up and the decision.
    let meeting = file_text(tmp.path(), "2018/2018-02-09-sdf.toml");
    assert!(
        meeting.contains("answers = [\"myndighedsforloeb-evaluering\"]"),
        "{meeting}"
    );
    assert!(meeting.contains("refs = [\"2017-09-08-sdf#2\"]"));
    let evaluation = meeting.find("Oplægget evalueres").unwrap();
    assert!(evaluation < meeting.find("title = \"Eventuelt\"").unwrap());
    let entry = app.selected_entry().unwrap();
    assert_eq!(
        entry.on_agenda.as_ref().map(ToString::to_string).as_deref(),
        Some("2018-02-09-sdf#2")
    );
    assert!(screen_text(&app).contains("på dagsordenen: SDF 9. februar 2018, punkt 2"));
    // Again: it is on an agenda already, nothing is added twice.
    keys(&mut app, "a");
    assert!(app.overlay.is_none());
    assert!(screen_text(&app).contains("Allerede på dagsordenen: SDF 9. februar 2018, punkt 2"));
    assert_eq!(
        app.archive.error_count(),
        0,
        "{:?}",
        app.archive.diagnostics
    );

    // Marking it done offers the item that put it on the agenda.
    keys(&mut app, "d");
    assert_eq!(app.input.as_ref().unwrap().area.text(), "2018-02-09-sdf#2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        state_of(&app, "myndighedsforloeb-evaluering"),
        FollowupState::Done
    );
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains(
            "status = \"done\"\nclosed_by = \"2018-02-09-sdf#2\"\nclosed_on = 2018-02-09"
        ),
        "{file}"
    );
}

#[test]
fn an_existing_meeting_gets_the_item_added_before_its_standing_items() {
    let tmp = sample_copy();
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    // Create 16 November 2017 first (from the Møder screen), then put the LMS invitation there.
    keys(&mut app, "2n");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    key(&mut app, KeyCode::Esc);
    select(&mut app, "spiseforstyrrelser-orientering");
    keys(&mut app, "a");
    let Some(Overlay::Agenda(pick)) = &app.overlay else {
        panic!("the agenda window");
    };
    // Choose the seminar meeting, which is offered but not proposed.
    assert_eq!(pick.candidates[0].meeting.id.to_string(), "2017-11-16-sdf");
    assert_ne!(pick.pos, 0);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    let meeting = file_text(tmp.path(), "2017/2017-11-16-sdf.toml");
    let new = meeting
        .find("answers = [\"spiseforstyrrelser-orientering\"]")
        .unwrap();
    assert!(
        new < meeting.find("title = \"Orienteringer\"").unwrap(),
        "{meeting}"
    );
    assert!(
        meeting.starts_with("# Møde i Socialdirektørforum"),
        "the file's comment stays"
    );
}

#[test]
fn done_cancel_and_a_new_due_are_saved_with_their_history() {
    let tmp = sample_copy();
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    select(&mut app, "spiseforstyrrelser-status-socialstyrelsen");
    keys(&mut app, "d");
    assert_eq!(app.input.as_ref().unwrap().area.text(), "2017-09-20");
    type_over(&mut app, "2017-09-15");
    // Done leaves the open list.
    assert!(!screen_text(&app).contains("OVERSKREDET"));
    assert_eq!(
        state_of(&app, "spiseforstyrrelser-status-socialstyrelsen"),
        FollowupState::Done
    );
    select(&mut app, "lms-inviteres-doegnseminar");
    keys(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    assert!(app.input.is_none(), "an empty reason cancels nothing");
    assert_eq!(selected_state(&app), FollowupState::Later);
    keys(&mut app, "c");
    keys(&mut app, "LMS kunne ikke deltage");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        state_of(&app, "lms-inviteres-doegnseminar"),
        FollowupState::Cancelled
    );
    select(&mut app, "rammeaftale-analyse");
    keys(&mut app, "m");
    assert_eq!(app.input.as_ref().unwrap().area.text(), "medio 2018");
    type_over(&mut app, "2018-08-31");
    keys(&mut app, "Analysen er forsinket");
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("senest fredag den 31. august 2018"), "{text}");
    assert!(
        text.contains("frist ændret 20. september 2017: «medio 2018 (senest 30. juni 2018)» — Analysen er forsinket"),
        "{text}"
    );
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains("status = \"done\"\nclosed_on = 2017-09-15\n"),
        "{file}"
    );
    assert!(file.contains(
        "status = \"cancelled\"\nclosed_on = 2017-09-20\nreason = \"LMS kunne ikke deltage\""
    ));
    assert!(file.contains("due = { kind = \"date\", date = 2018-08-31 }"));
    assert!(file.contains(
        "rescheduled = [\n  { on = 2017-09-20, was = { kind = \"period\", period = \"medio 2018\" }, reason = \"Analysen er forsinket\" },\n]"
    ));
    // The closed ones are on the done and cancelled lists; undo takes the last change back.
    keys(&mut app, "s");
    assert_eq!(app.followups.filter.state, StateFilter::Overdue);
    keys(&mut app, "x");
    assert_eq!(app.followups.filter.state, StateFilter::Open);
    keys(&mut app, "u");
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(file.contains("period = \"medio 2018\" }\n"), "{file}");
    assert!(!file.contains("rescheduled"));
}

#[test]
fn bad_input_changes_nothing_and_says_what_to_write() {
    let tmp = sample_copy();
    let before = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    // Each rejected text stays in its prompt, the reason under it, until corrected or Esc.
    let rejected = |app: &mut App, typed: &str, why: &str| {
        type_over(app, typed);
        let input = app.input.as_ref().expect("the prompt stays open");
        assert_eq!(input.area.text(), typed);
        let screen = screen_text(app);
        assert!(screen.contains(why), "{screen}");
        // Esc asks before the typed text goes.
        key(app, KeyCode::Esc);
        assert!(screen_text(app).contains("Kassér ændringerne?"));
        keys(app, "j");
        assert!(app.input.is_none() && app.overlay.is_none());
    };
    keys(&mut app, "r");
    rejected(&mut app, "i går Forløb 1", "Skriv datoen først");
    keys(&mut app, "d");
    rejected(
        &mut app,
        "2017-09-08-sdf#99",
        "Punktet findes ikke i arkivet: 2017-09-08-sdf#99",
    );
    keys(&mut app, "m");
    rejected(&mut app, "snart", "Forstår ikke fristen");
    keys(&mut app, "m");
    rejected(&mut app, "30/2-2018", "30. februar 2018 findes ikke");
    select(&mut app, "spiseforstyrrelser-status-socialstyrelsen");
    keys(&mut app, "r");
    assert!(app.input.is_none());
    assert!(screen_text(&app).contains("Forløb registreres kun"));
    assert_eq!(file_text(tmp.path(), "2017/2017-09-08-sdf.toml"), before);
}

#[test]
fn on_2_may_2018_the_may_report_is_overdue_and_each_year_closes_on_its_own() {
    let tmp = sample_copy();
    let mut app = app_at(tmp.path(), (120, 40), Lang::Da, d(2018, 5, 2));
    keys(&mut app, "4");
    let text = screen_text(&app);
    assert!(
        text.contains("! OVERSKREDET    senest tirsdag den 1. maj 2018 (hvert år 1. maj)"),
        "{text}"
    );
    assert!(
        text.contains(
            "· SENERE         senest torsdag den 1. november 2018 (hvert år 1. november)"
        ),
        "{text}"
    );
    select(&mut app, "belaegning-1-maj");
    assert_eq!(app.selected_entry().unwrap().year, Some(2018));
    keys(&mut app, "d");
    type_over(&mut app, "2018-04-30");
    let plan = file_text(tmp.path(), "calendar/2018.toml");
    assert!(
        plan.contains(
            "instances = [\n  { year = 2018, status = \"done\", closed_on = 2018-04-30 },\n]"
        ),
        "{plan}"
    );
    assert!(
        plan.contains("# Rammeaftale 2018"),
        "the plan's comments stay"
    );
    // 2019 is still to come.
    select(&mut app, "belaegning-1-maj");
    let entry = app.selected_entry().unwrap();
    assert_eq!(
        (entry.year, entry.state()),
        (Some(2019), FollowupState::Later)
    );
    // The November report moves a week, for 2018 only.
    select(&mut app, "belaegning-1-november");
    keys(&mut app, "m");
    type_over(&mut app, "2018-11-08");
    keys(&mut app, "Fristen er forlænget");
    key(&mut app, KeyCode::Enter);
    assert!(
        screen_text(&app)
            .contains("senest torsdag den 8. november 2018 (flyttet; hvert år 1. november)")
    );
    assert_eq!(
        app.archive.error_count(),
        0,
        "{:?}",
        app.archive.diagnostics
    );
}

#[test]
fn filters_by_state_owner_and_body() {
    let tmp = sample_copy();
    let file = tmp.path().join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "id = \"rammeaftale-analyse\"\n",
        "id = \"rammeaftale-analyse\"\nowner = \"Fælleskommunalt socialsekretariat\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "4");
    assert_eq!(app.followups.rows.len(), 10);
    keys(&mut app, "o");
    assert_eq!(app.followups.rows.len(), 1);
    assert!(screen_text(&app).contains("· Fælleskommunalt socialsekretariat · 1"));
    keys(&mut app, "o");
    assert_eq!(
        app.followups.rows.len(),
        10,
        "after the last owner: all again"
    );
    keys(&mut app, "s");
    assert_eq!(app.followups.rows.len(), 1, "overdue only");
    keys(&mut app, "s");
    assert_eq!(app.followups.rows.len(), 0, "nothing due within 14 days");
    assert!(screen_text(&app).contains("Ingen opfølgninger med disse filtre."));
    keys(&mut app, "x");
    keys(&mut app, "ff");
    assert_eq!(app.followups.rows.len(), 0, "nothing reports to FU");
    keys(&mut app, "f");
    assert_eq!(app.followups.rows.len(), 10);
}

#[test]
fn enter_opens_the_decision_and_the_timeline_starts_there() {
    let mut app = app((120, 40));
    select(&mut app, "rammeaftale-analyse");
    key(&mut app, KeyCode::Enter);
    let (m, view) = app.current_meeting().expect("the decision opened");
    assert_eq!(
        (m.id.to_string(), m.items[view.item].number.to_string()),
        ("2017-09-08-sdf".to_owned(), "4".to_owned())
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Followups);
    keys(&mut app, "T");
    assert!(matches!(app.overlay, Some(Overlay::Timeline(_))));
    key(&mut app, KeyCode::Esc);
    // A plan deadline has no decision: Enter says where it comes from.
    let mut app = app_at(&sample_dir(), (120, 40), Lang::Da, d(2018, 5, 2));
    select(&mut app, "belaegning-1-maj");
    key(&mut app, KeyCode::Enter);
    assert!(app.current_meeting().is_none());
    assert!(screen_text(&app).contains("Fra mødeplanen: Rammeaftale 2018"));
}

/// The sample archive with its reference meeting as the importer writes it from the seed:
/// every follow-up a suggestion.
fn imported_sample() -> tempfile::TempDir {
    let tmp = sample_copy();
    let file = tmp.path().join("2017/2017-09-08-sdf.toml");
    std::fs::remove_file(&file).unwrap();
    let archive = dagsorden::archive::Archive::load(tmp.path()).unwrap();
    let seed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/sdf-2017-09-08.txt"),
    )
    .unwrap();
    let (lines, _) = dagsorden::import::normalise::page(&seed);
    let party = dagsorden::import::party_finder(&archive.forum);
    let m = dagsorden::import::read_page(&lines, &party).unwrap();
    let known = dagsorden::import::write::Known::of(&archive);
    let text = dagsorden::import::write::meeting_file(&m, "seed.txt", &known).unwrap();
    std::fs::write(&file, text).unwrap();
    tmp
}

#[test]
fn suggestions_from_an_import_wait_apart_and_are_accepted_or_discarded_with_a_key() {
    let tmp = imported_sample();
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "4");
    // Not open follow-ups: the open list (the year plans' deadlines) has none, and says how
    // many wait.
    let text = screen_text(&app);
    assert!(!text.contains("FORSLAG"), "{text}");
    assert!(text.contains("10 forslag fra import (s)"), "{text}");
    while app.followups.filter.state != StateFilter::Suggested {
        keys(&mut app, "s");
    }
    insta::assert_snapshot!("followups_suggested_120x40", screen_text(&app));
    // Another action is not for a suggestion.
    select(&mut app, "2017-09-08-sdf-3-1");
    keys(&mut app, "d");
    assert!(app.input.is_none());
    assert!(
        screen_text(&app).contains("Et forslag fra import: A godkender det, X kasserer det"),
        "{}",
        screen_text(&app)
    );
    // Accepted: an open follow-up, overdue on 20 September 2017.
    keys(&mut app, "A");
    assert_eq!(state_of(&app, "2017-09-08-sdf-3-1"), FollowupState::Overdue);
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    let accepted = &file[file.find("id = \"2017-09-08-sdf-3-1\"").unwrap()..];
    let accepted = &accepted[..accepted.find("[[").unwrap()];
    assert!(!accepted.contains("suggested"), "{accepted}");
    assert!(accepted.contains("quote = \"Status herpå"), "{accepted}");
    // Discarded: gone from the file; undo brings it back.
    select(&mut app, "2017-09-08-sdf-6-1");
    keys(&mut app, "X");
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(!file.contains("2017-09-08-sdf-6-1"), "{file}");
    assert_eq!(app.followups.suggestions, 8);
    keys(&mut app, "u");
    let file = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(file.contains("2017-09-08-sdf-6-1"), "{file}");
    // Accept or discard is only for a suggestion.
    keys(&mut app, "x");
    select(&mut app, "2017-09-08-sdf-3-1");
    keys(&mut app, "X");
    assert!(
        screen_text(&app).contains("Kun et forslag fra import kan godkendes eller kasseres"),
        "{}",
        screen_text(&app)
    );
    assert!(file_text(tmp.path(), "2017/2017-09-08-sdf.toml").contains("2017-09-08-sdf-3-1"));
}

/// A rejected text on screen: the prompt open, the text as typed, the reason under it.
#[test]
fn a_rejected_prompt_shows_its_reason_under_the_text() {
    let mut app = app_on(&sample_dir(), (80, 24), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    keys(&mut app, "r");
    type_over(&mut app, "1/11 Forløb 1");
    insta::assert_snapshot!("followups_rejected_run_80x24", screen_text(&app));
}

/// Esc in a prompt with changed text asks first; "no" goes back to the text, "yes" keeps it
/// aside, and the same prompt opened again offers it back.
#[test]
fn esc_asks_before_typed_text_goes_and_the_text_comes_back() {
    let mut app = app_on(&sample_dir(), (120, 40), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    keys(&mut app, "r");
    keys(&mut app, "Forløb 1 i Vejle");
    key(&mut app, KeyCode::Esc);
    assert!(screen_text(&app).contains("Kassér ændringerne?"));
    keys(&mut app, "n");
    assert_eq!(
        app.input.as_ref().map(|i| i.area.text()).as_deref(),
        Some("2017-09-20 Forløb 1 i Vejle")
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "j");
    assert!(app.input.is_none());
    keys(&mut app, "r");
    assert_eq!(
        app.input.as_ref().map(|i| i.area.text()).as_deref(),
        Some("2017-09-20 Forløb 1 i Vejle"),
        "the discarded text is offered back"
    );
    assert!(screen_text(&app).contains("Den kasserede tekst er hentet tilbage"));
    // Unchanged, Esc closes at once.
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Esc);
    assert!(
        screen_text(&app).contains("Kassér ændringerne?"),
        "cleared is a change too"
    );
    keys(&mut app, "j");
    keys(&mut app, "r");
    key(&mut app, KeyCode::Esc);
    assert!(app.input.is_none() && app.overlay.is_none());
}

/// Ctrl-C quits from a prompt, after the question when text would be lost.
#[test]
fn ctrl_c_in_a_prompt_asks_before_quitting_with_typed_text() {
    let mut app = app_on(&sample_dir(), (120, 40), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    keys(&mut app, "r");
    keys(&mut app, "Forløb 1");
    ctrl(&mut app, 'c');
    assert!(!app.quit);
    assert!(screen_text(&app).contains("Kassér ændringerne og afslut?"));
    keys(&mut app, "n");
    assert!(!app.quit && app.input.is_some());
    ctrl(&mut app, 'c');
    keys(&mut app, "j");
    assert!(app.quit);
}

/// While the terminal is too small, no key acts but quit; a prompt keeps its text through
/// the resize.
#[test]
fn too_small_no_key_acts_but_quit_and_a_prompt_survives_the_resize() {
    use crossterm::event::Event;
    let mut app = app_on(&sample_dir(), (120, 40), Lang::Da);
    select(&mut app, "myndighedsforloeb-evaluering");
    keys(&mut app, "r");
    keys(&mut app, "Forløb");
    app.handle_event(&Event::Resize(30, 8));
    assert!(screen_text(&app).contains("Terminal for lille"));
    keys(&mut app, "xyz");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    app.handle_event(&Event::Resize(120, 40));
    assert_eq!(
        app.input.as_ref().map(|i| i.area.text()).as_deref(),
        Some("2017-09-20 Forløb"),
        "nothing typed while too small, nothing lost"
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "j");
    app.handle_event(&Event::Resize(30, 8));
    keys(&mut app, "2/");
    assert_eq!(app.screen, Screen::Followups);
    assert!(app.search.is_none());
    keys(&mut app, "q");
    assert!(app.quit);
}

/// The help opens at the keys of the screen in use, and says where in it the window is.
#[test]
fn the_help_opens_at_the_screens_own_keys() {
    let mut app = app_on(&sample_dir(), (100, 30), Lang::Da);
    keys(&mut app, "4?");
    let screen = screen_text(&app);
    let first_inside = screen
        .lines()
        .find_map(|l| l.split('│').nth(1).filter(|t| !t.trim().is_empty()))
        .unwrap_or_default()
        .trim()
        .to_owned();
    assert_eq!(first_inside, "Opfølgning", "{screen}");
    assert!(
        screen.contains("Udført: med punktet eller datoen der lukkede den"),
        "{screen}"
    );
    assert!(screen.contains("Hjælp — taster · "), "{screen}");
}

#[test]
fn a_follow_up_answered_at_a_held_meeting_is_answered_not_overdue_until_it_is_closed() {
    let dir = sample_copy();
    let rel = "2017/2017-09-08-sdf.toml";
    let path = dir.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    // Item 12 of the held meeting reports on the status that was due on 18 September.
    let text = text.replacen(
        "number = 12\ntitle = \"Eventuelt\"\n",
        "number = 12\ntitle = \"Eventuelt\"\nanswers = [\"spiseforstyrrelser-status-socialstyrelsen\"]\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    let id = "spiseforstyrrelser-status-socialstyrelsen";
    assert_eq!(state_of(&app, id), FollowupState::Answered);
    // The item pane says the same.
    let f = app.archive.meetings[0]
        .items
        .iter()
        .flat_map(|i| &i.followups)
        .find(|f| f.id == id)
        .unwrap();
    assert_eq!(app.assess(f).state, FollowupState::Answered);
    // Not in the Oversigt's list of what needs attention.
    assert!(
        !screen_text(&app).contains("Status på koordination"),
        "{}",
        screen_text(&app)
    );
    select(&mut app, id);
    let screen = screen_text(&app);
    assert!(
        screen.contains("BEHANDLET, LUK") || screen.contains("behandlet, luk"),
        "{screen}"
    );
    // Closing it is offered first.
    let hints = screen.lines().last().unwrap().to_owned();
    assert!(hints.trim_start().starts_with("d udført"), "{hints}");
    keys(&mut app, "d");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        state_of(&app, id),
        FollowupState::Done,
        "{}",
        screen_text(&app)
    );
}

#[test]
fn w_sets_who_is_responsible_and_the_item_shows_it() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    let id = "rammeaftale-analyse";
    select(&mut app, id);
    keys(&mut app, "w");
    assert!(
        screen_text(&app).contains("Ansvarlig: et navn"),
        "{}",
        screen_text(&app)
    );
    type_over(&mut app, "Fælleskommunalt socialsekretariat");
    let file = file_text(dir.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains("owner = \"Fælleskommunalt socialsekretariat\""),
        "{file}"
    );
    // Shown under the item it came from.
    key(&mut app, KeyCode::Enter);
    let doc = app.detail_doc();
    let text: String = doc
        .lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(text.contains("Fælleskommunalt socialsekretariat"), "{text}");
    // Emptied: no owner.
    keys(&mut app, "4");
    select(&mut app, id);
    keys(&mut app, "w");
    type_over(&mut app, "");
    assert!(!file_text(dir.path(), "2017/2017-09-08-sdf.toml").contains("owner = \"Fælles"));
}
