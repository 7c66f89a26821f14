//! The command palette (`:` and Ctrl-P) on ratatui's TestBackend: what it lists where, the
//! fuzzy finder, and running a choice.

use crossterm::event::KeyCode;

use dagsorden::lang::Lang;
use dagsorden::model::ItemNo;
use dagsorden::tui::app::Screen;

mod common;
use common::sample_dir;
use common::screen::{app, app_on, ctrl, draw, key, keys, screen_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn palette_snapshots() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, ":");
        insta::assert_snapshot!(
            format!("palette_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
        keys(&mut app, "psyk");
        insta::assert_snapshot!(
            format!("palette_psyk_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn typing_part_of_an_item_title_and_enter_opens_the_item() {
    let mut app = app((100, 30));
    keys(&mut app, ":");
    assert!(app.palette.is_some());
    // Not the title's own spelling: ø typed as o, a word skipped.
    keys(&mut app, "bornehusene stjern");
    key(&mut app, KeyCode::Enter);
    assert!(app.palette.is_none());
    let (meeting, view) = app.current_meeting().expect("a meeting is open");
    assert_eq!(meeting.items[view.item].number, ItemNo::from(8));
}

#[test]
fn an_action_is_run_from_the_palette_by_its_description() {
    let mut app = app((100, 30));
    ctrl(&mut app, 'p');
    assert!(app.palette.is_some(), "Ctrl-P opens the palette");
    keys(&mut app, "skærm 5");
    let text = screen_text(&app);
    assert!(text.contains("Skærm 5: Kalender"), "{text}");
    assert!(text.contains("handling"), "{text}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Calendar);
}

#[test]
fn the_actions_listed_are_those_of_where_the_user_is_with_their_keys() {
    let mut app = app((120, 40));
    keys(&mut app, ":");
    let overview = app.palette.as_ref().unwrap();
    let listed = |p: &dagsorden::tui::palette::Palette, label: &str| {
        p.choices.iter().any(|c| c.label == label)
    };
    assert!(listed(overview, "Nyt møde"));
    assert!(!listed(overview, "Godkendt som indstillet"));
    key(&mut app, KeyCode::Esc);
    // In a meeting: editing keys, and meeting mode's once it is on.
    keys(&mut app, ":bornehusene");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, ":");
    let meeting = app.palette.as_ref().unwrap();
    assert!(listed(meeting, "Vedhæft bilag"));
    assert!(!listed(meeting, "Godkendt som indstillet"));
    keys(&mut app, "vedhæft");
    let palette = app.palette.as_ref().unwrap();
    let first = palette.selected_choice().expect("a choice");
    assert_eq!(
        (first.label.as_str(), first.detail.as_str()),
        ("Vedhæft bilag", "A")
    );
    let text = screen_text(&app);
    assert!(
        text.lines()
            .any(|l| l.contains("Vedhæft bilag") && l.contains(" A│")),
        "the key is shown with the action:\n{text}"
    );
}

#[test]
fn a_follow_up_is_found_by_its_id_and_shown_on_its_screen() {
    let mut app = app((100, 30));
    keys(&mut app, ":rammeaftale-analyse");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Followups);
    let entry = app.selected_entry().expect("a follow-up is selected");
    assert_eq!(entry.followup(&app.archive).id, "rammeaftale-analyse");
}

#[test]
fn esc_closes_the_palette_and_nothing_is_run() {
    let mut app = app((100, 30));
    keys(&mut app, ":skærm 5");
    key(&mut app, KeyCode::Esc);
    assert!(app.palette.is_none());
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn a_query_that_matches_nothing_says_so_and_enter_does_nothing() {
    let mut app = app((100, 30));
    keys(&mut app, ":qqqqzzzz");
    assert!(screen_text(&app).contains("Intet passer"));
    key(&mut app, KeyCode::Enter);
    assert!(app.palette.is_none());
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn the_palette_speaks_english_when_asked() {
    let mut app = app_on(&sample_dir(), (100, 30), Lang::En);
    keys(&mut app, ":");
    let text = screen_text(&app);
    assert!(text.contains("Commands and find"), "{text}");
    assert!(!text.contains("handling"), "{text}");
}

#[test]
fn a_screens_name_finds_the_screen_before_a_long_description_that_mentions_it() {
    let mut app = app((120, 40));
    keys(&mut app, ":kalender");
    let first = app.palette.as_ref().unwrap().selected_choice().unwrap();
    assert_eq!(first.label, "Skærm 5: Kalender");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Calendar);
}
