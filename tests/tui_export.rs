//! Exports from the screens (E) and copying to the clipboard (Y), on ratatui's TestBackend.

use crossterm::event::KeyCode;

use dagsorden::tui::Effect;
use dagsorden::tui::export::Field;

mod common;
use common::sample_copy;
use common::screen::{app_on, draw, key, keys, screen_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn open_item_9(app: &mut dagsorden::tui::App) {
    keys(app, "2");
    key(app, KeyCode::Enter);
    for _ in 0..8 {
        keys(app, "j");
    }
}

#[test]
fn export_dialog_snapshots() {
    let dir = sample_copy();
    for size in SIZES {
        let mut app = app_on(dir.path(), size, dagsorden::lang::Lang::Da);
        open_item_9(&mut app);
        keys(&mut app, "E");
        insta::assert_snapshot!(
            format!("export_{}x{}", size.0, size.1),
            draw(&app).backend()
        );
    }
}

#[test]
fn the_minutes_are_written_to_the_exports_folder_and_offered_to_open() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "E");
    key(&mut app, KeyCode::Enter);
    let path = dir.path().join("exports/2017-09-08-sdf-referat.md");
    let text = std::fs::read_to_string(&path).expect("the minutes are written");
    let archive = dagsorden::archive::Archive::load(dir.path()).unwrap();
    let meeting = &archive.meetings[0];
    let expected = dagsorden::export::meeting_markdown(
        &archive,
        meeting,
        &dagsorden::export::MarkdownOptions {
            kind: dagsorden::export::DocKind::Minutes,
            public: false,
            lang: dagsorden::lang::Lang::Da,
        },
    );
    assert_eq!(text, expected, "the same document as `export minutes`");
    assert!(
        std::fs::read_to_string(dir.path().join("exports/.gitignore")).unwrap() == "*\n",
        "exports stay out of git"
    );
    let screen = screen_text(&app);
    assert!(screen.contains("Skrevet:"), "{screen}");
    assert!(screen.contains("o åbn"), "{screen}");
    keys(&mut app, "o");
    assert!(app.export.is_none());
    let effects = app.take_effects();
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Open(p) if p.ends_with("exports/2017-09-08-sdf-referat.md"))
        ),
        "{effects:?}"
    );
}

#[test]
fn the_public_agenda_in_english_gets_its_own_name_and_an_existing_file_is_asked_about() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "E");
    // What: minutes → public minutes → agenda.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Right);
    assert_eq!(app.export.as_ref().unwrap().field, Field::Lang);
    assert_eq!(
        app.export.as_ref().unwrap().path.text(),
        "exports/2017-09-08-sdf-agenda.md"
    );
    let path = dir.path().join("exports/2017-09-08-sdf-agenda.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "mine").unwrap();
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "mine",
        "not written over at once"
    );
    assert!(screen_text(&app).contains("Filen findes: Enter igen skriver over den"));
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Agenda"), "{text}");
}

#[test]
fn a_typed_file_name_is_kept_with_drag_and_drop_quotes_and_file_url_stripped() {
    let dir = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    keys(&mut app, "4E");
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    // The field's text is replaced by a dropped path.
    let export = app.export.as_mut().unwrap();
    export.path = dagsorden::tui::widgets::textarea::TextArea::new("", false);
    let target = out.path().join("liste.md");
    common::screen::paste(&mut app, &format!("'file://{}'", target.display()));
    key(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&target).expect("written where the user said");
    assert!(text.contains("Opfølgning"), "{text}");
}

#[test]
fn word_and_html_need_pandoc_and_the_dialog_says_how_to_get_it() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "E");
    app.export.as_mut().unwrap().pandoc = false;
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Right);
    let screen = screen_text(&app);
    assert!(screen.contains("Word (.docx)"), "{screen}");
    assert!(screen.contains("apt-get install pandoc"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(
        !dir.path()
            .join("exports/2017-09-08-sdf-referat.docx")
            .exists()
    );
}

#[test]
#[allow(clippy::disallowed_macros)] // a test's note to whoever runs it
fn with_pandoc_the_minutes_become_a_word_document_and_an_html_page_with_title_and_lang() {
    if !dagsorden::export::document::pandoc_available() {
        // .ci/run installs pandoc; without it the previous test covers the dialog.
        eprintln!("pandoc is not installed: the Word and HTML documents are not made here");
        return;
    }
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_item_9(&mut app);
    keys(&mut app, "E");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let docx = std::fs::read(dir.path().join("exports/2017-09-08-sdf-referat.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a Word document is a zip file");
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "E");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let html =
        std::fs::read_to_string(dir.path().join("exports/2017-09-08-sdf-referat.html")).unwrap();
    assert!(html.contains("lang=\"da-DK\""), "{html}");
    assert!(
        html.contains("<title>Socialdirektørforum fredag den 8. september 2017</title>"),
        "{html}"
    );
    assert!(html.contains("Mødeplan for Socialdirektørforum 2018"));
}

#[test]
fn the_calendar_screen_exports_the_year_as_ics() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    keys(&mut app, "5E");
    let dialog = app.export.as_ref().unwrap();
    assert_eq!(dialog.path.text(), "exports/kalender-2017.ics");
    key(&mut app, KeyCode::Enter);
    let ics = std::fs::read_to_string(dir.path().join("exports/kalender-2017.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
}

#[test]
fn y_copies_the_items_decision_to_the_clipboard() {
    let dir = sample_copy();
    let mut app = app_on(dir.path(), (120, 40), dagsorden::lang::Lang::Da);
    open_item_9(&mut app);
    app.take_effects();
    keys(&mut app, "Y");
    let effects = app.take_effects();
    let Some(Effect::Copy(text)) = effects.first() else {
        panic!("{effects:?}");
    };
    assert!(
        text.starts_with("9. Mødeplan for Socialdirektørforum 2018\nBeslutning\n"),
        "{text}"
    );
    assert!(text.contains("[Godkendt med ændringer]"), "{text}");
    assert!(screen_text(&app).contains("Kopieret til udklipsholderen"));
}

/// With `exports` set in the configuration, files are proposed in that folder, and no
/// `.gitignore` is written into it (it is not the archive's).
#[test]
fn a_configured_exports_folder_is_where_files_are_proposed() {
    let dir = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let archive = dagsorden::archive::Archive::load(dir.path()).unwrap();
    let options = dagsorden::tui::Options {
        exports_dir: Some(out.path().to_path_buf()),
        ..dagsorden::tui::Options::new(
            common::screen::today(),
            dagsorden::lang::Lang::Da,
            dagsorden::tui::theme::Theme::fallback(),
            dagsorden::tui::keymap::Keymap::default(),
        )
    };
    let mut app = dagsorden::tui::App::new(archive, options, (120, 40));
    open_item_9(&mut app);
    keys(&mut app, "E");
    let proposed = out.path().join("2017-09-08-sdf-referat.md");
    assert!(
        screen_text(&app).contains(&proposed.display().to_string()),
        "{}",
        screen_text(&app)
    );
    key(&mut app, KeyCode::Enter);
    assert!(proposed.is_file(), "written to the configured folder");
    assert!(!out.path().join(".gitignore").exists());
    assert!(!dir.path().join("exports").exists());
}
