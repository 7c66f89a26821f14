//! Search at the scale of a municipality (generated: 1,000 meetings, and 10,000 with
//! `DAGSORDEN_BENCH_10K=1`): a query on the index in memory, a keystroke in the search
//! window (the key, the worker's search, the hits drawn), and `dagsorden search` on the
//! command line with a warm cache, beside `rg -i` over the same folder.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

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

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn has_rg() -> bool {
    Command::new("rg").arg("--version").output().is_ok()
}

fn search(c: &mut Criterion) {
    let rare = support::rare_word();
    for n in support::scales() {
        let dir = support::generated(n);
        let archive = Archive::load(dir.path()).unwrap();
        assert_eq!(archive.meetings.len(), n);
        let mut group = c.benchmark_group("search");
        group.sample_size(10);
        group.bench_function(format!("build the index, {n} meetings"), |b| {
            b.iter(|| black_box(SearchIndex::build(&archive.meetings)))
        });
        group.sample_size(30);
        let index = SearchIndex::build(&archive.meetings);
        // The queries a user types on the way to a hit, and the heavier kinds.
        let rare_prefix = rare[..rare.len() - 1].to_owned();
        for query in [
            "s",
            "psyk",
            "psykiatri",
            &rare_prefix,
            &rare,
            "psykiatri budget",
            "\"psykiatri til\"",
            "body:sdf outcome:approved-with-changes",
            "økonomi year:2005",
        ] {
            let q = Query::parse(query);
            assert!(!index.search(&q).is_empty(), "{query} finds something");
            group.bench_function(format!("query `{query}`, {n} meetings"), |b| {
                b.iter(|| black_box(index.search(&q)))
            });
        }
        drop(index);
        command_line(&mut group, dir.path(), n, &rare);
        keystroke(&mut group, archive, n);
        group.finish();
    }
}

/// `dagsorden search WORD` as a user runs it, the cache warm, against `rg -i WORD` over the
/// same folder (when ripgrep is installed).
fn command_line(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    root: &Path,
    n: usize,
    rare: &str,
) {
    let base = tempfile::tempdir().unwrap();
    let dagsorden = |word: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
            .args(["--today", "2026-12-02", "search", word, "--dir"])
            .arg(root)
            .env("DAGSORDEN_CACHE_DIR", base.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout.len()
    };
    // The first search loads the archive and keeps the index; the next are quick (the
    // files' times are older than the index: see `support::generated`).
    dagsorden(rare);
    let status = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .args(["--lang", "en", "cache", "status", "--dir"])
        .arg(root)
        .env("DAGSORDEN_CACHE_DIR", base.path())
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(
        status.contains("holds for the archive as it is"),
        "{status}"
    );
    for word in [rare, "psykiatri"] {
        group.bench_function(
            format!("command line `dagsorden search {word}`, warm cache, {n} meetings"),
            |b| b.iter(|| black_box(dagsorden(word))),
        );
        if has_rg() {
            group.bench_function(format!("baseline: `rg -i {word}`, {n} meetings"), |b| {
                b.iter(|| {
                    let out = Command::new("rg")
                        .args(["-i", word])
                        .arg(root)
                        .output()
                        .unwrap();
                    black_box(out.stdout.len())
                })
            });
        }
    }
}

/// A keystroke as the user sees it: the key, the worker's search, the results taken in and
/// the window drawn.
fn keystroke(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    archive: Archive,
    n: usize,
) {
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
        format!("keystroke to drawn hits, search window, {n} meetings"),
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
}

criterion_group!(benches, search);
criterion_main!(benches);
