//! The TUI's speed: the first frame on the sample archive (what a user waits for after
//! typing `dagsorden`), and a keystroke plus redraw on archives of 1,000 meetings (and
//! 10,000 with `DAGSORDEN_BENCH_10K=1`).

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dagsorden::archive::Archive;
use dagsorden::archive::cache::Cache;
use dagsorden::lang::Lang;
use dagsorden::tui::keymap::Keymap;
use dagsorden::tui::theme::Theme;
use dagsorden::tui::{App, Options, views};

mod support;
use support::text;

fn options() -> Options {
    options_on(2017)
}

/// Today in September of `year` (the generated archive of 1,000 meetings spans 2000–2009).
fn options_on(year: i32) -> Options {
    Options::new(
        NaiveDate::from_ymd_opt(year, 9, 20).unwrap(),
        Lang::Da,
        Theme::fallback(),
        Keymap::default(),
    )
}

fn press(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

fn tui(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let mut group = c.benchmark_group("tui");
    group.sample_size(30);
    group.bench_function("first frame, sample archive (load + draw 120x40)", |b| {
        b.iter(|| {
            let archive = Archive::load(&sample).unwrap();
            let app = App::new(archive, options(), (120, 40));
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| views::draw(&app, f)).unwrap();
            black_box(terminal);
        })
    });
    // What a user waits for after typing `dagsorden` on a municipality's archive: the
    // archive loaded (through a warm cache, or every file read), the app set up and the
    // first screen drawn.
    group.sample_size(10);
    for n in support::scales() {
        let dir = support::generated(n);
        let base = tempfile::tempdir().unwrap();
        let cache = || Cache::in_folder(base.path(), dir.path()).unwrap();
        Archive::load_cached(dir.path(), cache()).unwrap();
        for (name, cached) in [("warm cache", true), ("no cache", false)] {
            group.bench_function(format!("first frame, {name}, {n} meetings (200x50)"), |b| {
                b.iter_custom(|iterations| {
                    let mut spent = std::time::Duration::ZERO;
                    for _ in 0..iterations {
                        let start = std::time::Instant::now();
                        let archive = if cached {
                            Archive::load_for_screens(dir.path(), cache()).unwrap()
                        } else {
                            Archive::load(dir.path()).unwrap()
                        };
                        let mut app = App::new(archive, options_on(2005), (200, 50));
                        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
                        terminal.draw(|f| views::draw(&app, f)).unwrap();
                        spent += start.elapsed();
                        // Not timed: the search thread finishes reading (or folding) the
                        // index, so that it does not slow the next start down.
                        press(&mut app, '/');
                        press(&mut app, 'x');
                        app.wait_for_search();
                        black_box((terminal, app));
                    }
                    spent
                })
            });
        }
    }
    // Everything searchable without a cache: the first frame, then `/` and a letter, timed
    // until the hits are in (the search thread folding every meeting meanwhile). Once with
    // no cache at all (`--no-cache`), once with an empty one being written (a first start).
    // The caches written are removed only after the benchmark: ext4 without a journal (this
    // machine's disk) looks at every inode freed in the last half minute before it gives one
    // out again, which made each start after a removal twice as slow as a first start is.
    for n in support::scales() {
        let dir = support::generated(n);
        for (name, written) in [("no cache", false), ("empty cache written", true)] {
            let mut written_caches = Vec::new();
            group.bench_function(
                format!("everything searchable, {name}, {n} meetings"),
                |b| {
                    b.iter_custom(|iterations| {
                        let mut spent = std::time::Duration::ZERO;
                        for _ in 0..iterations {
                            let base = tempfile::tempdir().unwrap();
                            let start = std::time::Instant::now();
                            let archive = if written {
                                let cache = Cache::in_folder(base.path(), dir.path()).unwrap();
                                Archive::load_for_screens(dir.path(), cache).unwrap()
                            } else {
                                Archive::load(dir.path()).unwrap()
                            };
                            let mut app = App::new(archive, options_on(2005), (200, 50));
                            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
                            terminal.draw(|f| views::draw(&app, f)).unwrap();
                            press(&mut app, '/');
                            press(&mut app, 'p');
                            app.wait_for_search();
                            terminal.draw(|f| views::draw(&app, f)).unwrap();
                            spent += start.elapsed();
                            assert!(
                                app.search_hit_count().unwrap_or(0) > 0,
                                "the search answered"
                            );
                            black_box((terminal, app));
                            written_caches.push(base);
                        }
                        spent
                    })
                },
            );
            drop(written_caches);
        }
    }
    group.sample_size(30);
    for n in support::scales() {
        screens(&mut group, n);
    }
    group.finish();
    long_background(c);
}

/// A keystroke and redraw at 200×50 on each screen, with lists of `n` meetings (and ten
/// times as many items, and their follow-ups); the palette at 1,000.
fn screens(group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, n: usize) {
    let generated = support::generated(n);
    let archive = Archive::load(generated.path()).unwrap();
    let mut app = App::new(archive, options_on(2005), (200, 50));
    press(&mut app, '2');
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    group.bench_function(
        format!("keystroke + redraw, Møder screen, {n} meetings (200x50)"),
        |b| {
            b.iter(|| {
                press(&mut app, 'j');
                terminal.draw(|f| views::draw(&app, f)).unwrap();
            })
        },
    );
    press(&mut app, 'g');
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    group.bench_function(
        format!("keystroke + redraw, meeting view, {n} meetings (200x50)"),
        |b| {
            b.iter(|| {
                press(&mut app, 'j');
                press(&mut app, 'k');
                terminal.draw(|f| views::draw(&app, f)).unwrap();
            })
        },
    );
    // Opfølgning: some 3,600 follow-ups at 1,000 meetings (of every kind of due).
    press(&mut app, '4');
    group.bench_function(
        format!("keystroke + redraw, Opfølgning screen, {n} meetings (200x50)"),
        |b| {
            b.iter(|| {
                press(&mut app, 'j');
                terminal.draw(|f| views::draw(&app, f)).unwrap();
            })
        },
    );
    // What every save works out again: the list with each follow-up's state.
    let schedule = dagsorden::calendar::schedule(&app.archive);
    let today = NaiveDate::from_ymd_opt(2005, 9, 20).unwrap();
    group.bench_function(format!("follow-up list, {n} meetings"), |b| {
        b.iter(|| black_box(dagsorden::followup::entries(&app.archive, &schedule, today)))
    });
    // Kalender: a day step and redraw, and the year worked out again (after every save and
    // when the cursor leaves the year).
    press(&mut app, '5');
    group.bench_function(
        format!("keystroke + redraw, Kalender screen, {n} meetings (200x50)"),
        |b| {
            // Back and forth, so the cursor stays in 2005: a year of the archive's meetings
            // (about a hundred) and their follow-ups' dues.
            b.iter(|| {
                press(&mut app, 'l');
                terminal.draw(|f| views::draw(&app, f)).unwrap();
                press(&mut app, 'h');
            })
        },
    );
    group.bench_function(format!("calendar year overview, {n} meetings"), |b| {
        b.iter(|| {
            black_box(dagsorden::calendar::year::overview(
                &app.archive,
                &schedule,
                2005,
                today,
            ))
        })
    });
    // The command palette: opening it lists every action, meeting, item and follow-up;
    // a first letter matches all of them, the next ones only the last matches.
    if n != 1_000 {
        return;
    }
    press(&mut app, '1');
    group.bench_function("palette: open, 1000 meetings / 3,600 follow-ups", |b| {
        b.iter(|| {
            press(&mut app, ':');
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        })
    });
    group.bench_function(
        "palette: open and type «budget», 1000 meetings / 3,600 follow-ups",
        |b| {
            b.iter(|| {
                press(&mut app, ':');
                for c in "budget".chars() {
                    press(&mut app, c);
                }
                terminal.draw(|f| views::draw(&app, f)).unwrap();
                app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
            })
        },
    );
}

/// An item whose background is 50 MB of varied Markdown: opening it lays out its first
/// megabyte once, and scrolling it costs what scrolling a short one does.
fn long_background(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample.join("forum.toml"), dir.path().join("forum.toml")).unwrap();
    std::fs::create_dir(dir.path().join("2017")).unwrap();
    // `cargo test` runs each benchmark once to see that it works: 2 MB do for that.
    let measuring = std::env::args().any(|a| a == "--bench");
    let background = text::Words::new(7).markdown(if measuring { 50 << 20 } else { 2 << 20 });
    std::fs::write(
        dir.path().join("2017/2017-09-08-sdf.toml"),
        format!(
            "body = \"sdf\"\ntitle = \"Møde\"\ndate = 2017-09-08\nstatus = \"held\"\n\n[[items]]\nnumber = 1\n\
             title = \"Langt punkt\"\nkind = \"information\"\nbackground = '''\n{background}'''\n"
        ),
    )
    .unwrap();
    let archive = Archive::load(dir.path()).unwrap();
    let mut app = App::new(archive, options(), (120, 40));
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, '2');
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("tui, 50 MB background");
    group.sample_size(10);
    app.handle_event(&enter);
    press(&mut app, 'l');
    let lines = app.detail_doc().len();
    assert!(lines > 10_000, "the background is laid out: {lines} lines");
    let meeting = &app.archive.meetings[0];
    group.bench_function(
        "laying out the item (its first megabyte, once, when it is opened)",
        |b| b.iter(|| black_box(views::meeting::detail_doc(&app, meeting, 0, 118))),
    );
    group.bench_function("keystroke + redraw, scrolling the background", |b| {
        b.iter(|| {
            press(&mut app, 'j');
            terminal.draw(|f| views::draw(&app, f)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, tui);
criterion_main!(benches);
