//! Live on disk: a change made to the archive by someone else is read in while the app runs
//! (the watcher's part is driven here by hand; `e2e_tmux` runs the real one).

use std::path::PathBuf;

use crossterm::event::KeyCode;

use dagsorden::tui::app::Overlay;

mod common;
use common::sample_copy;
use common::screen::{app_on, file_text, key, keys, screen_text};

const REL: &str = "2017/2017-09-08-sdf.toml";

fn retitle(dir: &std::path::Path, from: &str, to: &str) {
    let path = dir.join(REL);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace(&format!("title = \"{from}\""), &format!("title = \"{to}\""));
    assert_ne!(text, changed, "the title {from:?} is in the file");
    std::fs::write(path, changed).unwrap();
}

fn open_meeting(app: &mut dagsorden::tui::App) {
    keys(app, "2");
    key(app, KeyCode::Enter);
    assert!(app.meeting.is_some());
}

#[test]
fn a_file_changed_by_someone_else_is_read_again_and_the_screen_says_so() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_meeting(&mut app);
    retitle(
        dir.path(),
        "Sammen om psykiatri",
        "Sammen om psykiatri og misbrug",
    );
    assert!(app.disk_changed([PathBuf::from(REL)]));
    let text = screen_text(&app);
    assert!(text.contains("Sammen om psykiatri og misbrug"), "{text}");
    assert!(
        text.contains("Ændret på disken, læst igen: 2017/2017-09-08-sdf.toml"),
        "{text}"
    );
    assert!(app.meeting.is_some(), "the meeting stays open");
}

#[test]
fn our_own_save_is_not_reported_as_a_change_on_disk() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_meeting(&mut app);
    // r: a new title for item 1, saved by the app itself.
    keys(&mut app, "r");
    keys(&mut app, " (rettet)");
    key(&mut app, KeyCode::Enter);
    assert!(file_text(dir.path(), REL).contains("(rettet)"));
    app.message = None;
    assert!(!app.disk_changed([PathBuf::from(REL)]));
    assert!(app.message.is_none());
}

#[test]
fn a_change_waits_while_text_is_typed_and_the_save_meets_the_conflict_window() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_meeting(&mut app);
    keys(&mut app, "r");
    keys(&mut app, " (min)");
    retitle(dir.path(), "Eventuelt", "Eventuelt og andet");
    app.disk_changed([PathBuf::from(REL)]);
    // The prompt and its text are untouched, and the screen says the change waits.
    let input = app.input.as_ref().expect("the prompt stays open");
    assert!(input.area.text().ends_with(" (min)"));
    let text = screen_text(&app);
    assert!(text.contains("læses igen, når du har gemt"), "{text}");
    assert!(!text.contains("Eventuelt og andet"), "{text}");
    // Saving on top of the other change is caught, not written over it.
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Conflict(_))),
        "{}",
        screen_text(&app)
    );
    assert!(file_text(dir.path(), REL).contains("Eventuelt og andet"));
    assert!(!file_text(dir.path(), REL).contains("(min)"));
}

#[test]
fn a_new_meeting_file_and_a_removed_one_come_and_go_from_the_list() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    let count = app.archive.meetings.len();
    let new = "2017/2017-12-08-sdf.toml";
    std::fs::write(
        dir.path().join(new),
        "body = \"sdf\"\ntitle = \"Møde\"\ndate = 2017-12-08\nstatus = \"planned\"\n",
    )
    .unwrap();
    assert!(app.disk_changed([PathBuf::from(new)]));
    assert_eq!(
        app.archive.meetings.len(),
        count + 1,
        "{:?}",
        app.archive.diagnostics
    );
    std::fs::remove_file(dir.path().join(new)).unwrap();
    assert!(app.disk_changed([PathBuf::from(new)]));
    assert_eq!(app.archive.meetings.len(), count);
}

#[test]
fn only_the_archives_own_files_are_watched() {
    use dagsorden::tui::watch::is_archive_file;
    use std::path::Path;
    assert!(is_archive_file(Path::new("forum.toml")));
    assert!(is_archive_file(Path::new("calendar/2018.toml")));
    assert!(is_archive_file(Path::new(REL)));
    assert!(!is_archive_file(Path::new(
        "2017/.2017-09-08-sdf.toml.lock"
    )));
    assert!(!is_archive_file(Path::new(".git/config.toml")));
    assert!(!is_archive_file(Path::new("2017/2017-09-08-sdf/bilag.pdf")));
    assert!(!is_archive_file(Path::new("README.md")));
    assert!(!is_archive_file(Path::new("2017/notes.toml")));
}

/// The keymap and the theme are read again when they change: a key bound in keymap.toml
/// works at once, a broken theme is said (the default stands in), and a mended one is used.
#[test]
fn a_changed_keymap_or_theme_takes_effect_without_a_restart() {
    use dagsorden::tui::settings::Settings;
    let dir = sample_copy();
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("themes")).unwrap();
    let settings = Settings {
        folder: Some(config.path().to_path_buf()),
        theme: Some("mit".into()),
        ..Settings::default()
    };
    let archive = dagsorden::archive::Archive::load(dir.path()).unwrap();
    let loaded = settings.load();
    let options = dagsorden::tui::Options {
        settings: Some(settings),
        settings_problems: loaded.problems,
        ..dagsorden::tui::Options::new(
            common::screen::today(),
            dagsorden::lang::Lang::Da,
            loaded.theme,
            loaded.keymap,
        )
    };
    let mut app = dagsorden::tui::App::new(archive, options, (120, 40));
    assert!(
        app.settings_problems[0]
            .da
            .contains("der er intet farvetema `mit`")
    );
    keys(&mut app, "x");
    assert!(app.overlay.is_none(), "x is bound to nothing yet");

    std::fs::write(
        config.path().join("keymap.toml"),
        "[keys]\n\"x\" = \"help\"\n",
    )
    .unwrap();
    std::fs::write(
        config.path().join("themes/mit.toml"),
        "[styles]\ntitle = { fg = \"grøn\" }\n",
    )
    .unwrap();
    app.settings_changed();
    let text = screen_text(&app);
    assert!(text.contains("`grøn` er ikke en farve"), "{text}");
    assert_eq!(app.theme.name, "default");
    keys(&mut app, "x");
    assert!(
        matches!(app.overlay, Some(Overlay::Help { .. })),
        "x now opens the help"
    );
    key(&mut app, KeyCode::Esc);

    std::fs::write(
        config.path().join("themes/mit.toml"),
        "[styles]\ntitle = { fg = \"green\" }\n",
    )
    .unwrap();
    app.settings_changed();
    assert_eq!(app.theme.name, "mit");
    assert!(app.settings_problems.is_empty());
    assert!(screen_text(&app).contains("Farvetema og taster læst igen"));
}
