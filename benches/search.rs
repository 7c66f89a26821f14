//! Search at the scale of a municipality: 1,000 meetings of about 50 KB. A keystroke in the
//! search window runs one search; it must come back well inside a frame (16 ms).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dagsorden::archive::Archive;
use dagsorden::lang::Lang;
use dagsorden::search::{Query, SearchIndex};
use dagsorden::tui::keymap::Keymap;
use dagsorden::tui::theme::Theme;
use dagsorden::tui::{App, Options, views};

mod support;
use support::{MEETINGS, generated_archive};

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn search(c: &mut Criterion) {
    let dir = generated_archive();
    let archive = Archive::load(dir.path()).unwrap();
    assert_eq!(archive.meetings.len(), MEETINGS as usize);
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("build the index, 1000 meetings", |b| {
        b.iter(|| black_box(SearchIndex::build(&archive.meetings)))
    });
    group.sample_size(50);
    let index = SearchIndex::build(&archive.meetings);
    // The queries a user types on the way to a hit, and the heavier kinds.
    for query in [
        "s",
        "stj",
        "stjernen",
        "psykiatri takst",
        "\"skitserede proces\"",
        "body:sdf outcome:approved-with-changes",
        "økonomi year:2010",
    ] {
        let q = Query::parse(query);
        assert!(!index.search(&q).is_empty(), "{query} finds something");
        group.bench_function(format!("query `{query}`, 1000 meetings"), |b| {
            b.iter(|| black_box(index.search(&q)))
        });
    }

    // A keystroke as the user sees it: the key, the worker's search, the results taken in
    // and the window drawn.
    let options = Options::new(
        NaiveDate::from_ymd_opt(2017, 9, 20).unwrap(),
        Lang::Da,
        Theme::fallback(),
        Keymap::default(),
    );
    let mut app = App::new(archive, options, (120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    press(&mut app, KeyCode::Char('/'));
    for c in "psykiatr".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    app.wait_for_search();
    // Typing "i" and erasing it, one keystroke per iteration: "psykiatr" ⇄ "psykiatri".
    let mut typed = false;
    group.bench_function(
        "keystroke to drawn hits, search window, 1000 meetings",
        |b| {
            b.iter(|| {
                let key = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('i')
                };
                typed = !typed;
                press(&mut app, key);
                app.wait_for_search();
                terminal.draw(|f| views::draw(&app, f)).unwrap();
            })
        },
    );
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
