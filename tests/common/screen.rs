//! Driving the TUI on ratatui's TestBackend: the app on an archive with today fixed, keys,
//! and the screen as text.

use std::path::Path;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::tui::keymap::Keymap;
use dagsorden::tui::theme::Theme;
use dagsorden::tui::{App, Options, views};

use super::sample_dir;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 9, 20).unwrap()
}

pub fn app_on(dir: &Path, size: (u16, u16), lang: Lang) -> App {
    app_at(dir, size, lang, today())
}

/// The app with another day as today.
pub fn app_at(dir: &Path, size: (u16, u16), lang: Lang, today: NaiveDate) -> App {
    let archive = Archive::load(dir).unwrap();
    let options = Options {
        // Lock hints compare times; the wall clock would make them depend on the day the
        // tests run.
        now: || self::today().and_hms_opt(9, 30, 0).unwrap(),
        ..Options::new(today, lang, Theme::fallback(), Keymap::default())
    };
    App::new(archive, options, size)
}

pub fn app(size: (u16, u16)) -> App {
    app_on(&sample_dir(), size, Lang::Da)
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| views::draw(app, f)).unwrap();
    terminal
}

pub fn screen_text(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

pub fn paste(app: &mut App, text: &str) {
    app.handle_event(&Event::Paste(text.to_owned()));
}

pub fn file_text(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}
