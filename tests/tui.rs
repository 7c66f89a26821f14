//! The TUI on ratatui's TestBackend: screens as insta snapshots, a size sweep, and the
//! behaviour behind the keys and the mouse. `--today` is fixed so nothing depends on the clock.

use std::path::Path;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::tui::app::{Effect, Overlay, Screen};
use dagsorden::tui::keymap::Keymap;
use dagsorden::tui::theme::Theme;
use dagsorden::tui::{App, Message, Options, views};

mod common;
use common::screen::{app, app_on, ctrl, draw, file_text, key, keys, paste, screen_text, today};
use common::{copy_dir, history_copy, sample_dir};

/// Opens the reference meeting of 8 September 2017 from the Møder screen at item 9.
fn open_item_9(app: &mut App) {
    keys(app, "2");
    key(app, KeyCode::Enter);
    keys(app, "jjjjjjjj");
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn overview_snapshots() {
    for size in SIZES {
        let app = app(size);
        insta::assert_snapshot!(
            format!("overview_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn meetings_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "2");
        insta::assert_snapshot!(
            format!("meetings_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn meeting_view_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        open_item_9(&mut app);
        insta::assert_snapshot!(
            format!("meeting_item9_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn help_overlay_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "?");
        insta::assert_snapshot!(format!("help_{}x{}", size.0, size.1), draw(&app).backend());
    }
}

#[test]
fn problems_panel_snapshots() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    for size in SIZES {
        let mut app = app_on(&broken, size, Lang::Da);
        keys(&mut app, "p");
        insta::assert_snapshot!(
            format!("problems_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn too_small_snapshot() {
    let app = app((30, 6));
    let text = screen_text(&app);
    assert!(text.contains("Terminal for lille"), "{text}");
    insta::assert_snapshot!("too_small_30x6", draw(&app).backend());
}

#[test]
fn english_is_selectable() {
    let app = app_on(&sample_dir(), (100, 30), Lang::En);
    let text = screen_text(&app);
    assert!(text.contains("1 Overview"), "{text}");
    assert!(text.contains("Next meetings"), "{text}");
    assert!(text.contains("Wednesday 20 September 2017"), "{text}");
}

/// A copy of the sample archive with extra files, in a temporary folder.
fn sample_copy_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), tmp.path());
    for (rel, text) in extra {
        let path = tmp.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

const HOSTILE_MEETING: &str = r#"
body = "sdf"
title = "Møde med farlig titel"
date = 2017-06-23
weekday = "fredag"
status = "minutes-approved"

[[items]]
number = 1
title = "Farlig \u001b[2J\u001b]0;x\u0007 titel \u202e omvendt"
kind = "decision"
background = "Tekst med \u200b nulbredde og \u001b[31m farve."
"#;

#[test]
fn control_bidi_and_zero_width_characters_are_shown_as_placeholders() {
    let tmp = sample_copy_with(&[("2017/2017-06-23-sdf.toml", HOSTILE_MEETING)]);
    for size in SIZES {
        let mut app = app_on(tmp.path(), size, Lang::Da);
        keys(&mut app, "2");
        keys(&mut app, "j");
        key(&mut app, KeyCode::Enter);
        let text = screen_text(&app);
        assert!(text.contains("Farlig"), "{text}");
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
            assert!(!text.contains(bad), "{bad:?} reached the screen:\n{text}");
        }
        insta::assert_snapshot!(
            format!("hostile_title_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let widths = [
        0u16, 1, 2, 3, 5, 8, 13, 20, 39, 40, 41, 59, 60, 69, 70, 71, 80, 100, 120, 160, 200, 300,
    ];
    let heights = [0u16, 1, 2, 3, 5, 9, 10, 11, 15, 24, 40, 60, 100];
    type Setup = fn(&mut App);
    let setups: [(&str, Setup); 18] = [
        ("overview", |_| {}),
        ("meetings", |a| keys(a, "2")),
        ("meeting items", open_item_9),
        ("meeting detail", |a| {
            open_item_9(a);
            key(a, KeyCode::Tab);
            key(a, KeyCode::End);
        }),
        ("help", |a| keys(a, "?")),
        ("problems", |a| keys(a, "p")),
        ("meeting mode", |a| {
            open_item_9(a);
            keys(a, "m");
        }),
        ("typing a title", |a| {
            open_item_9(a);
            keys(a, "r");
        }),
        ("typing a background", |a| {
            open_item_9(a);
            keys(a, "e");
        }),
        ("search", |a| search_for(a, "psykiatri")),
        ("decisions", |a| keys(a, "3")),
        ("deviations", |a| keys(a, "3v")),
        ("timeline", |a| {
            open_item_9(a);
            keys(a, "T");
        }),
        ("followups", |a| keys(a, "4")),
        // The agenda window for the report-back follow-up (the last open one).
        ("agenda window", |a| {
            keys(a, "4G");
            keys(a, "a");
        }),
        ("calendar", |a| keys(a, "5")),
        // The day's window on the day of the reference meeting (one before today).
        ("calendar day", |a| {
            keys(a, "5N");
            key(a, KeyCode::Enter);
        }),
        ("calendar moving", |a| keys(a, "5Nm")),
    ];
    for (name, setup) in setups {
        let mut app = app((120, 40));
        setup(&mut app);
        for w in widths {
            for h in heights {
                app.handle_event(&Event::Resize(w, h));
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| views::draw(&app, f)).unwrap();
                // Keys at this size must not panic (or hang) either.
                for code in [KeyCode::Down, KeyCode::Up, KeyCode::End, KeyCode::Home] {
                    key(&mut app, code);
                }
                key(&mut app, KeyCode::PageDown);
                key(&mut app, KeyCode::PageUp);
                assert!(!app.quit, "{name} at {w}×{h}");
            }
        }
    }
}

#[test]
fn an_archive_with_no_meetings_is_usable() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        sample_dir().join("forum.toml"),
        tmp.path().join("forum.toml"),
    )
    .unwrap();
    let mut app = app_on(tmp.path(), (80, 24), Lang::Da);
    for code in [
        KeyCode::Down,
        KeyCode::End,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Enter,
    ] {
        key(&mut app, code);
    }
    keys(&mut app, "2fjGgf");
    for code in [
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Enter,
        KeyCode::Down,
    ] {
        key(&mut app, code);
    }
    let text = screen_text(&app);
    assert!(text.contains("Ingen møder."), "{text}");
    keys(&mut app, "1");
    let text = screen_text(&app);
    assert!(text.contains("Ingen møder er planlagt fra i dag"), "{text}");
}

#[test]
fn item_9_shows_the_decision_on_each_clause() {
    let mut app = app((120, 40));
    open_item_9(&mut app);
    let text = screen_text(&app);
    assert!(
        text.contains("9. Mødeplan for Socialdirektørforum 2018"),
        "{text}"
    );
    assert!(text.contains("[Godkendt med ændringer]"), "{text}");
    assert!(text.contains("[Ikke godkendt]"), "{text}");
    assert!(text.contains("– mødeplan for møderne i"), "{text}");
}

#[test]
fn the_item_list_marks_departures_from_the_recommendation() {
    let mut app = app((120, 40));
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    let marked: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("│≠") || l.contains("┃≠"))
        .collect();
    assert_eq!(marked.len(), 2, "{text}");
    assert!(marked[0].contains(" 4. "), "{marked:?}");
    assert!(marked[1].contains(" 9. "), "{marked:?}");
}

const JUNE_MEETING: &str = r#"
body = "sdf"
title = "Møde i Socialdirektørforum den 23. juni 2017"
date = 2017-06-23
weekday = "fredag"
status = "minutes-approved"

[[items]]
number = 1
title = "Et punkt i juni"
kind = "decision"
"#;

#[test]
fn approval_of_minutes_leads_to_the_previous_meeting_and_esc_comes_back() {
    let tmp = sample_copy_with(&[("2017/2017-06-23-sdf.toml", JUNE_MEETING)]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    let (m, _) = app.current_meeting().unwrap();
    assert_eq!(m.id.to_string(), "2017-09-08-sdf");
    // Item 1 is the approval of the minutes of 23 June.
    key(&mut app, KeyCode::Enter);
    let (m, _) = app.current_meeting().unwrap();
    assert_eq!(m.id.to_string(), "2017-06-23-sdf");
    key(&mut app, KeyCode::Esc);
    let (m, _) = app.current_meeting().unwrap();
    assert_eq!(m.id.to_string(), "2017-09-08-sdf");
    // ] and [ go between the meetings of the same body.
    keys(&mut app, "[");
    assert_eq!(
        app.current_meeting().unwrap().0.id.to_string(),
        "2017-06-23-sdf"
    );
    keys(&mut app, "[");
    assert!(matches!(&app.message, Some(Message::Info(t)) if t.contains("intet tidligere møde")));
    keys(&mut app, "]");
    assert_eq!(
        app.current_meeting().unwrap().0.id.to_string(),
        "2017-09-08-sdf"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.meeting.is_none());
    assert_eq!(app.screen, Screen::Meetings);
}

#[test]
fn a_reference_to_a_meeting_outside_the_archive_says_so() {
    let mut app = app((120, 40));
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    // Item 1 refers to 23 June 2017, which is planned but has no file.
    key(&mut app, KeyCode::Enter);
    let Some(Message::Info(text)) = &app.message else {
        panic!("no message: {:?}", app.message)
    };
    assert!(text.contains("23. juni 2017"), "{text}");
    assert_eq!(
        app.current_meeting().unwrap().0.id.to_string(),
        "2017-09-08-sdf"
    );
}

/// Moves the item pane's cursor to the first line that holds `needle`.
fn cursor_to(app: &mut App, needle: &str) {
    key(app, KeyCode::Tab);
    key(app, KeyCode::Home);
    for _ in 0..400 {
        let doc = app.detail_doc();
        let pos = app.meeting.as_ref().unwrap().detail.pos;
        let line: String = doc.lines[pos]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        if line.contains(needle) {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no line holds {needle:?}");
}

#[test]
fn enter_on_an_attachment_opens_it_inside_the_archive() {
    let mut app = app((120, 40));
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    cursor_to(&mut app, "findes");
    key(&mut app, KeyCode::Enter);
    let effects = app.take_effects();
    let [Effect::Open(path)] = effects.as_slice() else {
        panic!("{effects:?} {:?}", app.message)
    };
    assert!(
        path.starts_with(sample_dir().canonicalize().unwrap()),
        "{path:?}"
    );
    assert!(matches!(&app.message, Some(Message::Info(t)) if t.starts_with("Åbner /")));
}

#[test]
fn missing_and_escaping_attachments_are_refused() {
    let meeting = r#"
body = "sdf"
title = "Bilagsprøve"
date = 2017-06-23
status = "minutes-approved"

[[items]]
number = 1
title = "Bilag"
kind = "decision"
attachments = [
  { title = "Findes ikke", path = "2017-06-23-sdf/ingen.pdf" },
]
"#;
    let tmp = sample_copy_with(&[("2017/2017-06-23-sdf.toml", meeting)]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "2j");
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(
        text.contains("Findes ikke") && text.contains("mangler"),
        "{text}"
    );
    cursor_to(&mut app, "Findes ikke");
    key(&mut app, KeyCode::Enter);
    assert!(app.take_effects().is_empty());
    assert!(
        matches!(&app.message, Some(Message::Error(t)) if t.starts_with("mangler")),
        "{:?}",
        app.message
    );
}

#[test]
fn top_and_bottom_of_the_meeting_list_land_on_meetings() {
    let mut app = app((120, 40));
    keys(&mut app, "2G");
    let text = screen_text(&app);
    assert_eq!(app.list.cursor.pos, app.list.rows.len() - 1, "{text}");
    keys(&mut app, "g");
    // The first row is the year 2018; the first meeting is under it.
    assert_eq!(app.list.cursor.pos, 1);
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.list.cursor.pos, 1);
}

#[test]
fn the_body_filter_cycles_through_the_bodies() {
    let mut app = app((120, 40));
    keys(&mut app, "2f");
    let text = screen_text(&app);
    assert!(text.contains("Møder — Socialdirektørforum"), "{text}");
    assert!(!text.contains("FU   "), "{text}");
    keys(&mut app, "f");
    let text = screen_text(&app);
    assert!(text.contains("Møder — Forretningsudvalget"), "{text}");
    assert!(!text.contains("SDF  "), "{text}");
    keys(&mut app, "f");
    assert!(screen_text(&app).contains("Møder — alle udvalg"));
}

#[test]
fn the_overview_leads_to_the_overdue_follow_up_and_on_to_its_decision() {
    let mut app = app((120, 40));
    let text = screen_text(&app);
    assert!(text.contains("OVERSKREDET"), "{text}");
    // Down from the next meetings to the follow-up, then Enter: the Opfølgning screen with
    // the follow-up selected, where it can be acted on.
    for _ in 0..2 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Followups);
    let selected = app.selected_entry().expect("a follow-up is selected");
    assert_eq!(
        selected.followup(&app.archive).id,
        "spiseforstyrrelser-status-socialstyrelsen"
    );
    // Enter again: the decision it came from.
    key(&mut app, KeyCode::Enter);
    let (m, view) = app
        .current_meeting()
        .expect("the decision's meeting opened");
    assert_eq!(m.id.to_string(), "2017-09-08-sdf");
    assert_eq!(m.items[view.item].number, 3);
}

#[test]
fn help_and_problems_overlays_open_and_close() {
    let mut app = app((80, 24));
    keys(&mut app, "?");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    assert!(screen_text(&app).contains("Hjælp — taster"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    keys(&mut app, "p");
    assert!(screen_text(&app).contains("Ingen problemer fundet"));
    keys(&mut app, "p");
    assert_eq!(app.overlay, None);
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.quit);
}

#[test]
fn the_help_overlay_follows_the_users_keymap() {
    let archive = Archive::load(&sample_dir()).unwrap();
    let mut keymap = Keymap::default();
    let problems = keymap.apply("[keys]\n\"x\" = \"quit\"\n\"ø\" = \"fly\"\n", "keymap.toml");
    let options = Options {
        settings_problems: problems,
        ..Options::new(today(), Lang::Da, Theme::fallback(), keymap)
    };
    let mut app = App::new(archive, options, (100, 30));
    // The bad entry is on screen at start.
    assert!(screen_text(&app).contains("den handling findes ikke"));
    keys(&mut app, "?");
    let text = screen_text(&app);
    assert!(text.contains("q / x / Ctrl-C"), "{text}");
    keys(&mut app, "x");
    assert!(app.quit);
}

fn click(app: &mut App, column: u16, row: u16) {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn the_mouse_switches_tabs_selects_and_scrolls() {
    let mut app = app((120, 40));
    // The "2 Møder" tab.
    click(&mut app, 14, 0);
    assert_eq!(app.screen, Screen::Meetings);
    // The meeting of 8 September is selected at start; clicking it opens it.
    let text = screen_text(&app);
    let row = text
        .lines()
        .position(|l| l.contains("8. september 2017"))
        .unwrap() as u16;
    click(&mut app, 10, row);
    assert!(app.meeting.is_some());
    // Click item 4 in the list.
    let text = screen_text(&app);
    let row = text
        .lines()
        .position(|l| l.contains(" 4. Kommissorium"))
        .unwrap() as u16;
    click(&mut app, 8, row);
    let (m, view) = app.current_meeting().unwrap();
    assert_eq!(m.items[view.item].number, 4);
    // The wheel over the item pane scrolls it.
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 80,
        row: 20,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.meeting.as_ref().unwrap().detail.pos, 3);
}

#[test]
fn idle_events_cause_no_redraw() {
    let mut app = app((80, 24));
    assert!(!app.handle_event(&Event::FocusGained));
    assert!(!app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Moved,
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    })));
    assert!(app.handle_event(&Event::Resize(100, 30)));
}

// --- Editing and meeting mode ------------------------------------------------------------

/// Creates the SDF meeting of 16 November 2017 from the year plan, with the follow-up due
/// there as an item, and opens it.
fn new_meeting_from_the_plan(app: &mut App) {
    keys(app, "2n");
    let typed = app.input.as_ref().expect("a prompt").area.text();
    assert_eq!(
        typed, "sdf 2017-11-16",
        "the next planned meeting without a file is offered"
    );
    key(app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(_))),
        "the due follow-up is offered"
    );
    keys(app, "j");
}

#[test]
fn a_new_meeting_gets_the_standing_items_and_the_due_followup() {
    let tmp = sample_copy_with(&[]);
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    new_meeting_from_the_plan(&mut app);
    let text = file_text(tmp.path(), "2017/2017-11-16-sdf.toml");
    assert!(text.contains("title = \"Godkendelse af referat fra møde i Socialdirektørforum den 8. september 2017\""), "{text}");
    assert!(text.contains("refs = [\"2017-09-08-sdf\"]"));
    assert!(text.contains("answers = [\"sammen-om-psykiatri-dagsorden\"]"));
    for title in ["Orienteringer", "Eventuelt", "Næste møde"] {
        assert!(text.contains(&format!("title = \"{title}\"")), "{title}");
    }
    let (meeting, _) = app.current_meeting().expect("the new meeting is open");
    assert_eq!(meeting.id.to_string(), "2017-11-16-sdf");
    assert_eq!(meeting.items.len(), 5);
    assert_eq!(
        app.archive.error_count(),
        0,
        "{:?}",
        app.archive.diagnostics
    );
}

#[test]
fn meeting_mode_records_decisions_in_past_tense_and_saves_each_at_once() {
    let tmp = sample_copy_with(&[]);
    let mut app = app_on(tmp.path(), (80, 24), Lang::Da);
    new_meeting_from_the_plan(&mut app);
    keys(&mut app, "m");
    insta::assert_snapshot!("meeting_mode_80x24", screen_text(&app));

    // One key: approved as recommended, written from the clause.
    keys(&mut app, "a");
    let rel = "2017/2017-11-16-sdf.toml";
    let text = file_text(tmp.path(), rel);
    assert!(
        text.contains("text = \"Socialdirektørforum godkendte referat fra mødet i Socialdirektørforum den 8. september 2017.\""),
        "{text}"
    );
    assert!(
        text.contains("status = \"held\""),
        "the meeting is held from its first decision"
    );
    // Approving the minutes records the earlier meeting's approval.
    let earlier = file_text(tmp.path(), "2017/2017-09-08-sdf.toml");
    assert!(earlier.contains("status = \"minutes-approved\""));
    // The earlier file kept its comments.
    assert!(earlier.contains("# The minutes are published; their approval"));

    // The cursor went on to item 2, which has no clauses; approved with typed changes.
    keys(&mut app, "c");
    let prompt = app.input.as_ref().expect("a text to type");
    assert_eq!(
        prompt.area.text(),
        "Socialdirektørforum godkendte indstillingen."
    );
    key(&mut app, KeyCode::Enter);
    paste(&mut app, "Sekretariatet følger op på økonomien – «Å»");
    ctrl(&mut app, 's');
    let text = file_text(tmp.path(), rel);
    assert!(text.contains("Socialdirektørforum godkendte indstillingen.\nSekretariatet følger op på økonomien – «Å»"), "{text}");
    insta::assert_snapshot!("meeting_mode_decided_80x24", screen_text(&app));

    // Undo takes the text out again, redo puts it back; the file follows.
    keys(&mut app, "u");
    assert!(!file_text(tmp.path(), rel).contains("økonomien"));
    ctrl(&mut app, 'r');
    assert!(file_text(tmp.path(), rel).contains("økonomien"));

    // The exported minutes show the decisions.
    let archive = Archive::load(tmp.path()).unwrap();
    let meeting = archive.meeting(&"2017-11-16-sdf".parse().unwrap()).unwrap();
    let md = dagsorden::export::meeting_markdown(
        &archive,
        meeting,
        &dagsorden::export::MarkdownOptions {
            kind: dagsorden::export::DocKind::Minutes,
            public: false,
            lang: Lang::Da,
        },
    );
    assert!(
        md.contains("Socialdirektørforum godkendte referat fra mødet"),
        "{md}"
    );
    assert!(md.contains("Sekretariatet følger op på økonomien"), "{md}");
}

#[test]
fn items_are_added_moved_renamed_and_deleted_in_the_file() {
    let tmp = sample_copy_with(&[]);
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "G"); // item 13, Næste møde
    keys(&mut app, "k"); // item 12, Eventuelt
    keys(&mut app, "a");
    insta::assert_snapshot!("new_item_prompt_100x30", screen_text(&app));
    paste(&mut app, "Status på økonomien");
    key(&mut app, KeyCode::Enter);
    let titles = |app: &App| -> Vec<(u32, String)> {
        app.current_meeting()
            .unwrap()
            .0
            .items
            .iter()
            .map(|i| (i.number.main(), i.title.clone()))
            .collect()
    };
    let t = titles(&app);
    assert_eq!(
        t[11..],
        [
            (12, "Eventuelt".into()),
            (13, "Status på økonomien".into()),
            (14, "Næste møde".into())
        ]
    );
    assert_eq!(
        app.current_meeting().unwrap().1.item,
        12,
        "the new item is selected"
    );

    keys(&mut app, "K");
    let t = titles(&app);
    assert_eq!(
        t[11..],
        [
            (12, "Status på økonomien".into()),
            (13, "Eventuelt".into()),
            (14, "Næste møde".into())
        ]
    );
    assert_eq!(
        app.current_meeting().unwrap().1.item,
        11,
        "the cursor follows the moved item"
    );

    keys(&mut app, "r");
    ctrl(&mut app, 'u');
    paste(&mut app, "Økonomi");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "c");
    let text = file_text(tmp.path(), rel);
    assert!(
        text.contains("title = \"Økonomi\"\nkind = \"decision\"\nclosed = true"),
        "{text}"
    );

    keys(&mut app, "d");
    assert!(screen_text(&app).contains("Slet punkt 12. Økonomi?"));
    keys(&mut app, "n");
    assert_eq!(titles(&app).len(), 14);
    keys(&mut app, "dj");
    let t = titles(&app);
    assert_eq!(t.len(), 13);
    keys(&mut app, "#");
    assert_eq!(
        titles(&app)[11..],
        [(12, "Eventuelt".into()), (13, "Næste møde".into())]
    );
    // All of it is one file that still loads cleanly, comments and all.
    let archive = Archive::load(tmp.path()).unwrap();
    assert_eq!(archive.error_count(), 0);
    assert_eq!(
        file_text(tmp.path(), rel)
            .lines()
            .filter(|l| l.starts_with('#'))
            .count(),
        file_text(&sample_dir(), rel)
            .lines()
            .filter(|l| l.starts_with('#'))
            .count()
    );
}

#[test]
fn a_change_on_disk_is_shown_and_kept_mine_as_a_copy() {
    let tmp = sample_copy_with(&[]);
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    // A colleague saves the file meanwhile.
    let theirs =
        file_text(tmp.path(), rel).replace("place = \"Meldahls", "place = \"Rådhuset, Meldahls");
    std::fs::write(tmp.path().join(rel), &theirs).unwrap();
    keys(&mut app, "r");
    ctrl(&mut app, 'u');
    paste(&mut app, "Min titel");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Conflict(_))));
    let screen = screen_text(&app);
    assert!(screen.contains("Filen er ændret på disken"), "{screen}");
    assert!(
        screen.contains("+ place = \"Rådhuset, Meldahls"),
        "{screen}"
    );
    // Other keys do not close it: the user must choose.
    keys(&mut app, "q");
    assert!(!app.quit && app.overlay.is_some());
    keys(&mut app, "k");
    assert_eq!(file_text(tmp.path(), rel), theirs);
    let copy = file_text(tmp.path(), &format!("{rel}.mine-1"));
    assert!(copy.contains("title = \"Min titel\"") && !copy.contains("Rådhuset"));
    assert_eq!(
        app.current_meeting().unwrap().0.place,
        "Rådhuset, Meldahls Rådhus, Vendersgade 30D, 7000 Fredericia"
    );
}

#[test]
fn attendance_is_marked_from_the_members_list() {
    let forum = std::fs::read_to_string(sample_dir().join("forum.toml")).unwrap().replace(
        "# members = [{ name = \"…\", organisation = \"… Kommune\" }]",
        "members = [{ name = \"Anne Hansen\", organisation = \"Vejle Kommune\" }, { name = \"Bo Jensen\", organisation = \"Odense Kommune\" }]",
    );
    assert!(forum.contains("Anne Hansen"));
    let tmp = sample_copy_with(&[("forum.toml", &forum)]);
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "mf");
    key(&mut app, KeyCode::Char(' ')); // Anne: present
    keys(&mut app, "j  "); // Bo: present, then apologies
    insta::assert_snapshot!("attendance_100x30", screen_text(&app));
    keys(&mut app, "g");
    paste(&mut app, "Lise Willer, Fælleskommunalt socialsekretariat");
    key(&mut app, KeyCode::Enter);
    let text = file_text(tmp.path(), rel);
    assert!(
        text.contains(
            "participants = [{ name = \"Anne Hansen\", organisation = \"Vejle Kommune\" }]"
        ),
        "{text}"
    );
    assert!(
        text.contains("apologies = [{ name = \"Bo Jensen\", organisation = \"Odense Kommune\" }]"),
        "{text}"
    );
    assert!(text.contains("guests = [{ name = \"Lise Willer\", organisation = \"Fælleskommunalt socialsekretariat\" }]"), "{text}");
    assert!(
        text.contains("guest_apologies = [{ name = \"Mette Højte\""),
        "the existing list is kept"
    );
}

#[test]
fn a_followup_is_created_from_a_decision_in_meeting_mode() {
    let tmp = sample_copy_with(&[]);
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "mjjjj"); // item 4: items 1 and 3 have one clause, item 2 two
    assert_eq!(app.current_meeting().unwrap().1.item, 3);
    keys(&mut app, "o");
    let what = app.input.as_ref().unwrap().area.text();
    assert!(
        what.starts_with("Socialdirektørforum godkendte kommissoriet"),
        "{what}"
    );
    ctrl(&mut app, 'u');
    paste(&mut app, "Konsulenttilbud forelægges");
    key(&mut app, KeyCode::Enter);
    paste(&mut app, "2018-02-09-sdf");
    key(&mut app, KeyCode::Enter);
    let text = file_text(tmp.path(), rel);
    assert!(
        text.contains("id = \"konsulenttilbud-forelaegges\"\nwhat = \"Konsulenttilbud forelægges\"\nreports_to = \"sdf\"\ndue = { kind = \"meeting\", meeting = \"2018-02-09-sdf\" }"),
        "{text}"
    );
    // A due that cannot be read is said so under the prompt, which stays open with the text
    // as typed; nothing is written.
    keys(&mut app, "o");
    key(&mut app, KeyCode::Enter);
    paste(&mut app, "snart");
    key(&mut app, KeyCode::Enter);
    let input = app.input.as_ref().expect("the prompt stays open");
    assert_eq!(input.area.text(), "snart");
    assert!(
        input
            .error
            .as_deref()
            .is_some_and(|m| m.contains("Forstår ikke fristen")),
        "{:?}",
        input.error
    );
    assert!(
        screen_text(&app).contains("Forstår ikke fristen"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(file_text(tmp.path(), rel), text);
    // Corrected without retyping the rest: the error goes, the follow-up is written.
    ctrl(&mut app, 'u');
    paste(&mut app, "medio 2018");
    key(&mut app, KeyCode::Enter);
    assert!(app.input.is_none());
    assert!(file_text(tmp.path(), rel).contains("period = \"medio 2018\""));
}

#[test]
fn attachments_from_outside_are_copied_and_inside_are_linked() {
    let tmp = sample_copy_with(&[("bilag/plan.pdf", "%PDF-1.4 plan")]);
    let outside = tempfile::tempdir().unwrap();
    let source = outside.path().join("Budget 2018.pdf");
    std::fs::write(&source, "%PDF-1.4 budget").unwrap();
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "GkA"); // item 12
    paste(&mut app, source.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let copied = tmp.path().join("2017/2017-09-08-sdf/Budget 2018.pdf");
    assert_eq!(std::fs::read_to_string(copied).unwrap(), "%PDF-1.4 budget");
    keys(&mut app, "A");
    paste(
        &mut app,
        tmp.path().join("bilag/plan.pdf").to_str().unwrap(),
    );
    key(&mut app, KeyCode::Enter);
    let text = file_text(tmp.path(), rel);
    assert!(
        text.contains("title = \"Budget 2018\"\npath = \"2017-09-08-sdf/Budget 2018.pdf\""),
        "{text}"
    );
    assert!(text.contains("path = \"../bilag/plan.pdf\""), "{text}");
    let archive = Archive::load(tmp.path()).unwrap();
    assert_eq!(
        archive.warning_count(),
        0,
        "both attachments are found: {:?}",
        archive.diagnostics
    );
    // A file that is not there is said so under the prompt, the path kept to correct.
    keys(&mut app, "A");
    paste(&mut app, "/no/such/file.pdf");
    key(&mut app, KeyCode::Enter);
    let input = app.input.as_ref().expect("the prompt stays open");
    assert_eq!(input.area.text(), "/no/such/file.pdf");
    assert!(
        input
            .error
            .as_deref()
            .is_some_and(|m| m.contains("Filen findes ikke")),
        "{:?}",
        input.error
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.input.is_none(), "Esc still closes it");
}

#[test]
fn someone_elses_lock_hint_is_shown_when_the_meeting_opens() {
    let lock =
        "name = \"Anne\"\nhost = \"anden-pc\"\npid = 4242\nsince = \"2017-09-20T09:05:00\"\n";
    let tmp = sample_copy_with(&[("2017/.2017-09-08-sdf.toml.lock", lock)]);
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("«Anne» redigerer siden 09.05"));
}

#[test]
fn a_meeting_changed_on_disk_since_loading_is_read_again_when_opened() {
    let tmp = sample_copy_with(&[]);
    let rel = "2017/2017-09-08-sdf.toml";
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    let theirs = file_text(tmp.path(), rel)
        .replace("title = \"Eventuelt\"", "title = \"Eventuelt (rettet)\"");
    std::fs::write(tmp.path().join(rel), &theirs).unwrap();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("Filen var ændret på disken og er læst igen"));
    assert_eq!(
        app.current_meeting()
            .unwrap()
            .0
            .item(&12.into())
            .unwrap()
            .title,
        "Eventuelt (rettet)"
    );
    // An edit now builds on their version.
    keys(&mut app, "s");
    let now = file_text(tmp.path(), rel);
    assert!(
        now.contains("Eventuelt (rettet)") && now.contains("status = \"minutes-approved\""),
        "{now}"
    );
}

// --- Decision history ----------------------------------------------------------------------

/// Opens the search window, types `query` and waits for the worker's answer.
fn search_for(app: &mut App, query: &str) {
    keys(app, "/");
    keys(app, query);
    app.wait_for_search();
}

fn hit_items(app: &App) -> Vec<Option<u32>> {
    let panel = app.search.as_ref().expect("the search window is open");
    panel
        .results
        .hits
        .iter()
        .map(|h| h.item.as_ref().map(|n| n.main()))
        .collect()
}

/// The number of the item shown in the meeting view.
fn shown_item(app: &App) -> u32 {
    let (meeting, view) = app.current_meeting().expect("a meeting is open");
    meeting.items[view.item].number.main()
}

#[test]
fn search_window_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        search_for(&mut app, "psykiatri");
        insta::assert_snapshot!(format!("search_{}x{}", size.0, size.1), screen_text(&app));
    }
}

#[test]
fn search_is_the_same_whatever_the_case_and_marks_the_words() {
    let mut screen = app((120, 40));
    let mut found = Vec::new();
    for query in ["stjernen", "STJERNEN", "Stjernen"] {
        search_for(&mut screen, query);
        found.push(hit_items(&screen));
        key(&mut screen, KeyCode::Esc);
        // The window comes back with the last query: clear it first.
        keys(&mut screen, "/");
        ctrl(&mut screen, 'u');
        key(&mut screen, KeyCode::Esc);
    }
    assert_eq!(found, vec![vec![Some(8)]; 3]);

    let mut app = app((120, 40));
    search_for(&mut app, "økonomi");
    assert_eq!(hit_items(&app), [Some(2), Some(5), Some(11)]);
    // Every "Økonomi…" in the window is drawn in the highlight style.
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let mut marked = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.bg == Theme::fallback().highlight.bg.unwrap() {
                marked.push_str(cell.symbol());
            }
        }
        marked.push('|');
    }
    // Item 2's snippet: "Økonomi: Den økonomiske ramme", both words marked.
    assert!(marked.contains("|Økonomiøkonomiske|"), "{marked}");
    assert!(marked.contains("Økonomiaftalen|"), "{marked}");
}

#[test]
fn filters_in_the_search_find_the_meeting_plan_clause() {
    let mut app = app((120, 40));
    search_for(&mut app, "body:sdf outcome:approved-with-changes");
    assert_eq!(hit_items(&app), [Some(4), Some(9)]);
    let text = screen_text(&app);
    assert!(text.contains("2 hits i 1 møde"), "{text}");
    assert!(
        text.contains("Beslutning: Det blev aftalt at finde nye datoer"),
        "{text}"
    );
    keys(&mut app, " year:2018");
    app.wait_for_search();
    assert!(screen_text(&app).contains("Ingen hits."));
    keys(&mut app, " outcome:maybe");
    app.wait_for_search();
    assert!(screen_text(&app).contains("outcome:maybe — en af approved"));
}

#[test]
fn enter_opens_the_hit_and_n_steps_through_the_others() {
    let mut app = app((120, 40));
    search_for(&mut app, "psykiatri");
    assert_eq!(
        hit_items(&app),
        [Some(2), Some(5), Some(6), Some(7), Some(10)]
    );
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.search.is_none());
    assert_eq!(shown_item(&app), 5);
    // The item pane's cursor is on the first line with the word, drawn highlighted.
    let (_, view) = app.current_meeting().unwrap();
    let doc = app.detail_doc();
    let line: String = doc.lines[view.detail.pos]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(line.to_lowercase().contains("psykiatri"), "{line}");
    assert!(screen_text(&app).contains("hit 2/5"));

    keys(&mut app, "n");
    assert_eq!(shown_item(&app), 6);
    keys(&mut app, "nn");
    assert_eq!(shown_item(&app), 10);
    keys(&mut app, "n");
    assert_eq!(shown_item(&app), 10);
    assert!(screen_text(&app).contains("Sidste hit"));
    keys(&mut app, "NNNN");
    assert_eq!(shown_item(&app), 2);
    // Stepping does not pile up the way back: one Esc leaves the meeting view.
    key(&mut app, KeyCode::Esc);
    assert!(app.meeting.is_none() && app.trail.is_none());
    // Outside the hits, n is "new meeting" again.
    keys(&mut app, "n");
    assert!(app.input.is_some());
    key(&mut app, KeyCode::Esc);
    // / comes back with the last query and its hits.
    keys(&mut app, "/");
    app.wait_for_search();
    assert_eq!(hit_items(&app).len(), 5);
}

#[test]
fn the_search_follows_a_saved_change() {
    let dir = sample_copy_with(&[]);
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "r");
    ctrl(&mut app, 'u');
    paste(&mut app, "Mødeplan for Solsikken 2018");
    key(&mut app, KeyCode::Enter);
    assert!(file_text(dir.path(), "2017/2017-09-08-sdf.toml").contains("Solsikken"));
    search_for(&mut app, "solsikken");
    assert_eq!(hit_items(&app), [Some(9)]);
}

#[test]
fn decisions_screen_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "3");
        insta::assert_snapshot!(
            format!("decisions_{}x{}", size.0, size.1),
            screen_text(&app)
        );
        keys(&mut app, "v");
        insta::assert_snapshot!(
            format!("deviations_{}x{}", size.0, size.1),
            screen_text(&app)
        );
    }
}

/// The (item number, clause) of each row of the Beslutninger screen.
fn decision_rows(app: &App) -> Vec<(u32, Option<usize>)> {
    app.decisions
        .rows
        .iter()
        .map(|r| {
            (
                app.archive.meetings[r.meeting].items[r.item].number.main(),
                r.clause,
            )
        })
        .collect()
}

#[test]
fn the_deviations_view_lists_exactly_the_departing_clauses() {
    let mut app = app((120, 40));
    keys(&mut app, "3");
    assert_eq!(decision_rows(&app).len(), 11);
    keys(&mut app, "v");
    assert_eq!(
        decision_rows(&app),
        [(4, Some(0)), (9, Some(0)), (9, Some(1))]
    );
    let text = screen_text(&app);
    assert!(text.contains("Afvigelser fra indstillingen"), "{text}");
    assert!(
        text.contains("mødeplan for møderne i Socialdirektørforum godkendes"),
        "{text}"
    );
    keys(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown_item(&app), 9);
}

#[test]
fn the_decision_filters_cycle_and_clear() {
    let dir = history_copy();
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    keys(&mut app, "3");
    assert_eq!(decision_rows(&app).len(), 14);
    keys(&mut app, "f");
    assert_eq!(app.decisions.filter.body.as_deref(), Some("sdf"));
    assert_eq!(decision_rows(&app).len(), 12);
    keys(&mut app, "y");
    assert_eq!(app.decisions.filter.year, Some(2018));
    assert_eq!(decision_rows(&app), [(1, None)]);
    keys(&mut app, "x");
    keys(&mut app, "oooooo");
    assert_eq!(
        app.decisions.filter.outcome,
        Some(dagsorden::model::Outcome::Postponed)
    );
    assert_eq!(decision_rows(&app), [(2, None)]);
    keys(&mut app, "x");
    keys(&mut app, "t");
    paste(&mut app, "STJ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(decision_rows(&app), [(8, None), (1, None)]);
    assert!(screen_text(&app).contains("STJ · 2"));
    keys(&mut app, "x");
    assert_eq!(decision_rows(&app).len(), 14);
}

#[test]
fn a_click_selects_a_decision_and_a_second_click_opens_it() {
    let mut app = app((120, 40));
    keys(&mut app, "3");
    // Tabs, the filter line, one chart year, the legend and a blank line: the list starts
    // on row 5; each decision takes two rows.
    click(&mut app, 10, 5 + 2 * 3);
    assert_eq!(app.decisions.cursor.pos, 3);
    click(&mut app, 10, 5 + 2 * 3 + 1);
    assert_eq!(shown_item(&app), 4);
}

#[test]
fn the_timeline_lines_up_fu_sdf_and_what_came_back() {
    let dir = history_copy();
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    // The Møder list starts on 2018; go to 8 September 2017.
    cursor_to_meeting(&mut app, "2017-09-08-sdf");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "jjjjjjj");
    assert_eq!(shown_item(&app), 8);
    keys(&mut app, "T");
    insta::assert_snapshot!("timeline_120x40", screen_text(&app));
    // Up to the FU item that prepared it, and open it.
    keys(&mut app, "kk");
    key(&mut app, KeyCode::Enter);
    let (meeting, _) = app.current_meeting().unwrap();
    assert_eq!(meeting.id.to_string(), "2017-08-25-fu");
    assert_eq!(shown_item(&app), 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(shown_item(&app), 8);

    // From the Beslutninger screen, the course item's timeline reaches 2018.
    keys(&mut app, "3");
    keys(&mut app, "jj");
    keys(&mut app, "T");
    let text = screen_text(&app);
    assert!(text.contains("Evaluering af kompetenceforløb"), "{text}");
    assert!(
        text.contains("opfølgning: Oplægget evalueres efter to forløb"),
        "{text}"
    );
}

fn cursor_to_meeting(app: &mut App, id: &str) {
    for _ in 0..50 {
        if let Some(dagsorden::tui::app::Row::Meeting(i)) = app.list.rows.get(app.list.cursor.pos)
            && app.schedule[*i].id.to_string() == id
        {
            return;
        }
        keys(app, "j");
    }
    panic!("{id} is not in the list");
}

#[test]
fn a_search_during_the_meeting_comes_back_to_it() {
    let dir = sample_copy_with(&[]);
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "m");
    search_for(&mut app, "stjernen");
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown_item(&app), 8);
    assert!(!app.meeting.as_ref().unwrap().mode);
    key(&mut app, KeyCode::Esc);
    assert!(app.trail.is_none());
    let (_, view) = app.current_meeting().unwrap();
    assert!(view.mode, "back in meeting mode");
    assert_eq!(shown_item(&app), 9);
}

#[test]
fn ctrl_c_quits_from_the_search_window_and_the_wheel_moves_through_hits() {
    let mut app = app((120, 40));
    search_for(&mut app, "psykiatri");
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.search.as_ref().unwrap().selected, 1);
    // A click does not reach the screen under the window.
    click(&mut app, 3, 0);
    assert_eq!(app.screen, Screen::Overview);
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

#[test]
fn a_decision_written_over_several_lines_is_laid_out_not_shown_as_placeholders() {
    let mut app = app((120, 40));
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    let text = screen_text(&app);
    assert!(
        text.contains("• øget fokus på borgerperspektivet."),
        "{text}"
    );
    assert!(!text.contains('␊'), "{text}");
    // Meeting mode too.
    keys(&mut app, "m");
    let text = screen_text(&app);
    assert!(!text.contains('␊'), "{text}");
}

/// A meeting file written on Windows (BOM, CRLF, no final newline) is saved from the
/// screens like any other, and keeps its shape.
#[test]
fn a_windows_file_is_saved_from_the_screens_and_keeps_its_shape() {
    let rel = "2017/2017-09-08-sdf.toml";
    let lf = std::fs::read_to_string(sample_dir().join(rel)).unwrap();
    let windows = format!("\u{feff}{}", lf.trim_end().replace('\n', "\r\n"));
    let tmp = sample_copy_with(&[(rel, &windows)]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "r");
    ctrl(&mut app, 'u');
    paste(&mut app, "Godkendelse af referat");
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(
        text.contains("Gemt"),
        "saved, not taken for a changed file: {text}"
    );
    let after = file_text(tmp.path(), rel);
    let expected = windows.replacen(
        "title = \"Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017\"",
        "title = \"Godkendelse af referat\"",
        1,
    );
    assert_eq!(after, expected);
}

#[test]
fn a_background_of_megabytes_is_laid_out_once_and_cut_with_a_notice() {
    let paragraph = "Socialdirektørforum drøftede rammeaftalen og de specialiserede tilbud. ";
    let mut background = String::from("BEGYNDELSEN af teksten.\n\n");
    while background.len() < 3 << 20 {
        background.push_str(&paragraph.repeat(12));
        background.push_str("\n\n");
    }
    background.push_str("SLUTNINGEN af teksten.\n");
    let meeting = format!(
        "body = \"sdf\"\ntitle = \"Langt møde\"\ndate = 2017-06-23\nstatus = \"held\"\n\n\
         [[items]]\nnumber = 1\ntitle = \"Langt punkt\"\nkind = \"information\"\n\
         background = '''\n{background}'''\n"
    );
    let tmp = sample_copy_with(&[("2017/2017-06-23-sdf.toml", &meeting)]);
    let mut app = app_on(tmp.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    keys(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("BEGYNDELSEN"));
    // Laid out once: the pane's document is the same one for every key and frame.
    let first = app.detail_doc();
    keys(&mut app, "l");
    keys(&mut app, "jjj");
    assert!(std::rc::Rc::ptr_eq(&first, &app.detail_doc()));
    // The first megabyte is laid out; the notice says how much more there is.
    keys(&mut app, "G");
    let bottom = screen_text(&app);
    assert!(
        bottom.contains("teksten fortsætter (2 MB mere)"),
        "{bottom}"
    );
    assert!(!bottom.contains("SLUTNINGEN"), "{bottom}");
}

/// The new-meeting prompt reads dates as staff write them, says why a date does not exist
/// or a body is unknown, and keeps the text to correct.
#[test]
fn a_new_meeting_date_is_read_as_typed_and_a_mistake_is_corrected_in_place() {
    let tmp = sample_copy_with(&[]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "n");
    ctrl(&mut app, 'u');
    keys(&mut app, "sdf 2018-02-30");
    key(&mut app, KeyCode::Enter);
    let input = app.input.as_ref().expect("the prompt stays open");
    assert_eq!(input.area.text(), "sdf 2018-02-30");
    assert_eq!(
        input.error.as_deref(),
        Some("30. februar 2018 findes ikke: februar 2018 har 28 dage")
    );
    ctrl(&mut app, 'u');
    keys(&mut app, "kkr 2018-03-02");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.input.as_ref().and_then(|i| i.error.as_deref()),
        Some("Intet udvalg hedder «kkr»: sdf, fu")
    );
    ctrl(&mut app, 'u');
    keys(&mut app, "fu 2/3-2018");
    key(&mut app, KeyCode::Enter);
    assert!(app.input.is_none(), "{}", screen_text(&app));
    assert!(tmp.path().join("2018/2018-03-02-fu.toml").exists());
}

/// Deleting an item with a recorded decision says so in its question.
#[test]
fn deleting_a_decided_item_says_the_decision_goes_with_it() {
    let tmp = sample_copy_with(&[]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "d");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Slet punkt 9. Mødeplan for Socialdirektørforum 2018?")
            && screen.contains("Punktet har en")
            && screen.contains("registreret beslutning, som slettes med det"),
        "{screen}"
    );
    keys(&mut app, "n");
}

/// Enter on a planned meeting in Møder asks before its file is made; Esc at that question
/// or at the follow-ups question after it makes no file.
#[test]
fn enter_on_a_planned_meeting_asks_and_esc_makes_no_file() {
    let tmp = sample_copy_with(&[]);
    let mut app = app_on(tmp.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    let file = tmp.path().join("2017/2017-11-16-sdf.toml");
    // The cursor to the planned meeting of 16 November 2017.
    let at = app
        .list
        .rows
        .iter()
        .position(|r| {
            matches!(r, dagsorden::tui::app::Row::Meeting(i)
                if app.schedule[*i].id.to_string() == "2017-11-16-sdf")
        })
        .expect("the planned meeting is listed");
    app.list.cursor.pos = at;
    key(&mut app, KeyCode::Enter);
    let screen = screen_text(&app);
    assert!(screen.contains("Opret mødefilen nu?"), "{screen}");
    key(&mut app, KeyCode::Esc);
    assert!(!file.exists());
    app.list.cursor.pos = at;
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    let screen = screen_text(&app);
    assert!(screen.contains("Esc fortryd (ingen mødefil)"), "{screen}");
    key(&mut app, KeyCode::Esc);
    assert!(
        !file.exists(),
        "Esc at the follow-ups question makes no file"
    );
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "jn");
    assert!(file.exists());
}

/// The pane in focus reads so without colour: a heavy border and a marker in its title.
#[test]
fn the_pane_in_focus_is_marked_without_colour() {
    let mut app = app((120, 40));
    open_item_9(&mut app);
    let screen = screen_text(&app);
    assert!(screen.contains("┏ ▶ Punkter"), "{screen}");
    assert!(!screen.contains("┏ ▶ 9."), "{screen}");
    key(&mut app, KeyCode::Tab);
    let screen = screen_text(&app);
    assert!(
        screen.contains("┌ Punkter") && screen.contains("┏ ▶ 9. Mødeplan"),
        "{screen}"
    );
}

#[test]
fn meeting_mode_marks_the_decided_items_and_says_when_all_are() {
    let dir = sample_copy_with(&[]);
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "m");
    let text = screen_text(&app);
    assert!(text.contains("MØDETILSTAND"), "{text}");
    let line = |n: &str| {
        text.lines()
            .find(|l| l.contains(&format!("{n}. ")))
            .unwrap_or_default()
            .to_owned()
    };
    // Item 2 was approved as recommended: decided; item 4 departs: its own mark.
    assert!(line("2").contains("✓  2."), "{text}");
    assert!(line("4").contains("≠  4."), "{text}");
    let count = text
        .lines()
        .find(|l| l.contains("Status:"))
        .unwrap_or_default();
    assert!(count.contains("· alle besluttet"), "{count}");
    // Outside meeting mode the list is as before.
    keys(&mut app, "m");
    assert!(!screen_text(&app).contains('✓'));

    // A new meeting: its approval of the minutes is the one item to decide.
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "n");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "m");
    let status = |app: &App| {
        screen_text(app)
            .lines()
            .find(|l| l.contains("Status:"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        status(&app).contains("· 0 af 1 besluttet"),
        "{}",
        screen_text(&app)
    );
    keys(&mut app, "a");
    assert!(
        status(&app).contains("· alle besluttet"),
        "{}",
        screen_text(&app)
    );
}

#[test]
fn enter_in_the_problems_panel_opens_the_file_in_the_editor_at_its_line() {
    use dagsorden::tui::keymap::Keymap;
    use dagsorden::tui::theme::Theme;
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let archive = dagsorden::archive::Archive::load(&broken).unwrap();
    let first = archive.diagnostics[0].clone();
    let second = archive.diagnostics[1].clone();
    let options = dagsorden::tui::Options {
        editor: Some("vim".to_owned()),
        ..dagsorden::tui::Options::new(
            common::screen::today(),
            Lang::Da,
            Theme::fallback(),
            Keymap::default(),
        )
    };
    let mut app = dagsorden::tui::App::new(archive, options, (120, 40));
    keys(&mut app, "p");
    // The problem at the top of the window is marked, and Enter opens it.
    let text = screen_text(&app);
    assert!(text.contains("▶ FEJL"), "{text}");
    key(&mut app, KeyCode::Enter);
    let effects = app.take_effects();
    assert_eq!(
        effects,
        [dagsorden::tui::Effect::EditFile {
            editor: "vim".to_owned(),
            path: first.site.file.clone(),
            line: first.site.line.max(1),
            column: first.site.column.max(1),
        }]
    );
    // Scrolled down past the first problem, the next one is marked and opened.
    let window = dagsorden::tui::layout::overlay(ratatui::layout::Rect::new(0, 0, 120, 40), 100);
    let width = dagsorden::tui::layout::inner(window).width as usize;
    let lines = dagsorden::tui::views::problems::lines(&app, width);
    let start_of_second = lines
        .iter()
        .position(|l| {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            t.contains(&format!(":{}:", second.site.line))
                && t.contains(second.site.file.file_name().unwrap().to_str().unwrap())
        })
        .expect("the second problem is listed");
    for _ in 0..start_of_second {
        keys(&mut app, "j");
    }
    key(&mut app, KeyCode::Enter);
    let effects = app.take_effects();
    assert!(
        matches!(&effects[..], [dagsorden::tui::Effect::EditFile { path, line, .. }]
            if *path == second.site.file && *line == second.site.line.max(1)),
        "{effects:?}"
    );
}

#[test]
fn without_an_editor_the_problems_panel_says_how_to_set_one() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut app = app_on(&broken, (120, 40), Lang::Da);
    keys(&mut app, "p");
    key(&mut app, KeyCode::Enter);
    assert!(app.take_effects().is_empty());
    assert!(screen_text(&app).contains("Sæt $EDITOR"));
}

#[test]
fn the_overview_lists_the_next_meetings_by_date_and_an_old_archive_says_how_to_see_it() {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // FU on 24 January 2018 comes before SDF on 9 February, though SDF is first in forum.toml.
    let app = common::screen::app_at(&sample_dir(), (120, 40), Lang::Da, day(2018, 1, 1));
    let text = screen_text(&app);
    let fu = text.find("onsdag den 24. januar 2018").expect(&text);
    let sdf = text.find("fredag den 9. februar 2018").expect(&text);
    assert!(fu < sdf, "{text}");
    // Years later: no alarm, but how to look at the archive as it stood.
    let app = common::screen::app_at(&sample_dir(), (120, 40), Lang::Da, day(2026, 12, 1));
    let text = screen_text(&app);
    assert!(text.contains("dagsorden --today 2017-09-08"), "{text}");
    // The follow-ups are counted, not listed as one long alarm.
    assert!(!text.contains("OVERSKREDET"), "{text}");
    assert!(
        text.contains("står som overskredne, fordi arkivet ligger i fortiden"),
        "{text}"
    );
}

#[test]
fn the_meetings_place_time_and_title_and_an_items_tags_and_presenter_are_edited_in_forms() {
    let dir = sample_copy_with(&[]);
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "M");
    let text = screen_text(&app);
    assert!(
        text.contains("Titel: Møde i Socialdirektørforum den 8. september 2017"),
        "{text}"
    );
    assert!(
        text.contains("Begynder: 09.00") && text.contains("Slutter: 12.00"),
        "{text}"
    );
    // The place, changed on its line (the second): to the line's end, then typed.
    common::screen::ctrl(&mut app, 'a');
    for _ in 0..20 {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::End);
    keys(&mut app, ", lokale 1");
    common::screen::ctrl(&mut app, 's');
    let file = common::screen::file_text(dir.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains("place = \"Meldahls Rådhus, Vendersgade 30D, 7000 Fredericia, lokale 1\""),
        "{file}"
    );
    assert!(
        app.archive.meetings[0]
            .place
            .ends_with("7000 Fredericia, lokale 1")
    );
    // An item's form has its presenter and tags.
    keys(&mut app, "I");
    let text = screen_text(&app);
    assert!(
        text.contains("Fremlægges af:") && text.contains("Emner:"),
        "{text}"
    );
}

#[test]
fn t_chooses_the_items_kind_from_a_list() {
    let dir = sample_copy_with(&[]);
    let mut app = app_on(dir.path(), (100, 30), Lang::Da);
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    // Item 2 is a decision: the list opens on it.
    keys(&mut app, "t");
    let text = screen_text(&app);
    assert!(text.contains("Punktets type"), "{text}");
    assert!(text.contains("▶ 3  "), "{text}");
    insta::assert_snapshot!("kind_pick_100x30", draw(&app).backend());
    // Esc leaves it as it was.
    key(&mut app, KeyCode::Esc);
    let rel = "2017/2017-09-08-sdf.toml";
    let before = common::screen::file_text(dir.path(), rel);
    assert_eq!(app.overlay, None);
    // Down and Enter: discussion; a digit picks directly.
    keys(&mut app, "t");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let file = common::screen::file_text(dir.path(), rel);
    assert_ne!(file, before);
    let (meeting, view) = app.current_meeting().unwrap();
    assert_eq!(
        meeting.items[view.item].kind,
        dagsorden::model::ItemKind::Discussion
    );
    keys(&mut app, "t5");
    let (meeting, view) = app.current_meeting().unwrap();
    assert_eq!(
        meeting.items[view.item].kind,
        dagsorden::model::ItemKind::Information
    );
}

#[test]
fn tab_completes_a_body_id_a_tag_and_an_attachments_path_and_a_dropped_path_attaches() {
    let dir = sample_copy_with(&[]);
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("Referat bilag 2017.pdf"), "%PDF-1.4\n").unwrap();
    let mut app = app_on(dir.path(), (120, 40), Lang::Da);
    // New meeting: the body id.
    keys(&mut app, "2n");
    common::screen::ctrl(&mut app, 'u');
    keys(&mut app, "sd");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.input.as_ref().unwrap().area.text(), "sdf ");
    key(&mut app, KeyCode::Esc);
    if app.overlay.is_some() {
        keys(&mut app, "j");
    }
    // An attachment: the path, from its folder's start.
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "A");
    let start = format!("{}/Ref", files.path().display());
    keys(&mut app, &start);
    key(&mut app, KeyCode::Tab);
    let full = format!("{}/Referat bilag 2017.pdf", files.path().display());
    assert_eq!(app.input.as_ref().unwrap().area.text(), full);
    key(&mut app, KeyCode::Esc);
    if app.overlay.is_some() {
        keys(&mut app, "j");
    }
    // Dropped from a file manager as a file:// address with %20: attached all the same.
    // (The text thrown away is offered back; it is cleared first.)
    keys(&mut app, "A");
    common::screen::ctrl(&mut app, 'u');
    let url = format!(
        "'file://{}/Referat%20bilag%202017.pdf'",
        files.path().display()
    );
    common::screen::paste(&mut app, &url);
    key(&mut app, KeyCode::Enter);
    let file = common::screen::file_text(dir.path(), "2017/2017-09-08-sdf.toml");
    assert!(
        file.contains("Referat bilag 2017.pdf"),
        "{}",
        screen_text(&app)
    );

    // The tag filter of Beslutninger: a tag of the archive.
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "3t");
    keys(&mut app, "rammea");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.input.as_ref().unwrap().area.text(), "rammeaftale");
}

#[test]
fn the_help_lists_the_editors_the_attendance_windows_and_the_palettes_keys() {
    let app = app((120, 40));
    let lines = dagsorden::tui::widgets::help::lines(&app, 100);
    let text: String = lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for wanted in [
        "Når du skriver",
        "Ctrl-K",
        "Slet til linjens slut",
        "Fremmøde (f i mødetilstand, F ellers)",
        "Tilføj gæst",
        "Kommandoer og find (: eller Ctrl-P)",
        "Fuldfør sti, udvalg eller emne",
    ] {
        assert!(
            text.contains(wanted),
            "{wanted} is not in the help:\n{text}"
        );
    }
}
