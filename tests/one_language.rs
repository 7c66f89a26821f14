//! One language: what the Danish screens, documents and `check` show has no English words in
//! it. Every Danish snapshot and golden document is scanned, and `check` is run in Danish on
//! the folder of broken files, whose every problem must be worded in Danish.

use std::path::Path;

use assert_cmd::Command;

mod common;

/// English words that are not Danish words too ("have", "for", "i" and "under" are both).
const ENGLISH: &[&str] = &[
    "the", "is", "not", "and", "of", "must", "file", "cannot", "found", "expected", "unknown",
    "error", "warning", "hint", "should", "which", "with", "there", "this", "that", "will",
    "would", "press", "select", "saved", "changed", "invalid", "missing", "nothing", "none",
    "been", "has", "was", "were", "are", "yes", "close", "edit", "delete", "undo", "next",
    "previous", "search", "help", "quit", "did", "you", "mean", "write", "item", "meeting",
    "decision", "body", "bodies", "due", "already", "twice", "outside", "folder",
];

/// The English words in `text`, each with its line. Code spans (`…`) and TOML examples
/// ({ … }) are the file format's own words and are left out.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut prose = String::new();
        let (mut code, mut braces) = (false, 0);
        for c in line.chars() {
            match c {
                '`' => code = !code,
                '{' => braces += 1,
                '}' => braces -= 1,
                c if !code && braces == 0 => prose.push(c),
                _ => {}
            }
        }
        let words = prose
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty());
        for word in words {
            if ENGLISH.contains(&word.to_lowercase().as_str()) {
                found.push(format!("«{word}» in: {}", line.trim()));
            }
        }
    }
    found
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A snapshot's screen, without insta's header (`source:`, `expression:`).
fn screen_of(snapshot: &str) -> &str {
    snapshot
        .strip_prefix("---")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(snapshot, |(_, screen)| screen)
}

#[test]
fn danish_screens_and_documents_have_no_english_words() {
    let mut found = Vec::new();
    let mut scanned = 0;
    for dir in ["tests/snapshots", "tests/golden"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let danish = if dir == "tests/snapshots" {
                name.ends_with(".snap")
            } else {
                name.contains(".da.")
            };
            if !danish {
                continue;
            }
            scanned += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for hit in english_words(screen_of(&text)) {
                found.push(format!("{name}: {hit}"));
            }
        }
    }
    assert!(scanned > 50, "only {scanned} files scanned");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn check_in_danish_words_every_problem_in_danish() {
    let out = Command::cargo_bin("dagsorden")
        .unwrap()
        .env_remove("DAGSORDEN_CONFIG")
        .env_remove("DAGSORDEN_DIR")
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .args([
            "--today",
            "2018-05-01",
            "--dir",
            "tests/fixtures/broken",
            "check",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Leave out the file's own lines ("12 | number = 3") and the carets under them.
    let ours: String = stdout
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with('|')
                || t.split_once(" | ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok()))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(ours.contains("fejl: ukendt organ `fuu`"), "{stdout}");
    let found = english_words(&ours);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A command that cannot do what was asked says why in Danish (on standard error).
#[test]
fn refusals_on_the_command_line_are_danish() {
    let cases: &[&[&str]] = &[
        &["--dir", "/nonexistent/arkiv", "check"],
        &["--dir", "tests", "check"],
        &["export", "minutes", "9/2-2018"],
        &["export", "minutes", "2018-02-09-sdf"],
        &["list", "--body", "kkr"],
        &["search", "year:snart"],
        &["new", "--body", "kkr", "--date", "2018-01-01"],
        &[
            "--dir",
            "tests/fixtures/broken",
            "export",
            "minutes",
            "2018-03-09-sdf",
        ],
    ];
    let mut found = Vec::new();
    for args in cases {
        let out = Command::cargo_bin("dagsorden")
            .unwrap()
            .env_remove("DAGSORDEN_CONFIG")
            .env_remove("DAGSORDEN_DIR")
            .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
            .args(["--today", "2018-05-01"])
            .args(if args.contains(&"--dir") {
                &[][..]
            } else {
                &["--dir", "agendas"][..]
            })
            .args(*args)
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        for hit in english_words(&stderr) {
            found.push(format!("{args:?}: {hit}"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// `--help` is Danish too, for every command, where clap lets its words be changed (its own
/// "[default: …]", "[possible values: …]" and "[env: …]" stay as clap writes them).
#[test]
fn help_is_danish_for_every_command() {
    let commands: &[&[&str]] = &[
        &[],
        &["check"],
        &["list"],
        &["export"],
        &["export", "minutes"],
        &["export", "agenda"],
        &["new"],
        &["import"],
        &["search"],
        &["decisions"],
        &["followups"],
        &["calendar"],
        &["init"],
        &["completions"],
        &["man"],
    ];
    let mut found = Vec::new();
    for args in commands {
        for flag in ["-h", "--help"] {
            let out = Command::cargo_bin("dagsorden")
                .unwrap()
                .env_remove("DAGSORDEN_CONFIG")
                .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
                .args(*args)
                .arg(flag)
                .output()
                .unwrap();
            let help = String::from_utf8(out.stdout).unwrap();
            assert!(help.contains("Brug: dagsorden"), "{args:?} {flag}: {help}");
            // The usage line and the command names are the program's words.
            let ours: String = help
                .lines()
                .filter(|l| !l.starts_with("Brug:"))
                .map(|l| match l.strip_prefix("  ") {
                    Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase()) => {
                        rest.split_once("  ").map_or("", |(_, text)| text)
                    }
                    _ => l,
                })
                .map(|l| l.split(" [default:").next().unwrap_or(l))
                .map(|l| l.split("[possible values:").next().unwrap_or(l))
                .map(|l| l.split("[env:").next().unwrap_or(l))
                .map(|l| format!("{l}\n"))
                .collect();
            for hit in english_words(&ours) {
                found.push(format!("{args:?} {flag}: {hit}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // And English when asked.
    let out = Command::cargo_bin("dagsorden")
        .unwrap()
        .args(["--lang", "en", "check", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Check every file of the archive"), "{help}");
    assert!(help.contains("Usage: dagsorden check"), "{help}");
}

/// Danish words of the screens' own (labels, states, hints), besides every word with æ, ø
/// or å.
const DANISH: &[&str] = &[
    "uge",
    "udvalg",
    "punkt",
    "punkter",
    "beslutninger",
    "forløb",
    "overskredet",
    "afventer",
    "senere",
    "ingen",
    "hjælp",
    "flere",
    "luk",
    "kommandoer",
    "referat",
    "kladde",
    "planlagt",
    "frist",
    "godkendt",
    "taget",
    "til",
    "efterretning",
    "og",
    "af",
    "ikke",
    "eller",
    "med",
    "den",
    "det",
    "er",
    "fra",
    "ved",
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "kl",
    "indstilling",
    "bilag",
    "deltagere",
    "afbud",
    "gem",
    "ret",
    "slet",
    "ny",
];

/// Every screen in English, on an archive whose own text is English, at 80×24 and 120×40:
/// no Danish word is left on them (a count's unit "forløb" too), and no label is cut short
/// where a column is narrow (the month grid's week column was "wee").
#[test]
fn english_screens_leave_no_danish_word_behind() {
    use common::screen::{app_at, key, keys, screen_text};
    use crossterm::event::KeyCode;
    let day = chrono::NaiveDate::from_ymd_opt(2017, 10, 1).unwrap();
    let archive = root().join("tests/fixtures/english");
    let mut found = Vec::new();
    for size in [(80, 24), (120, 40)] {
        let mut app = app_at(&archive, size, dagsorden::lang::Lang::En, day);
        let mut screens = Vec::new();
        for k in ["1", "2", "3", "4", "5", "?", ":"] {
            keys(&mut app, k);
            screens.push((k.to_owned(), screen_text(&app)));
            if k == "?" || k == ":" {
                key(&mut app, KeyCode::Esc);
            }
        }
        // The meeting, an item with a recommendation and decision, and meeting mode.
        keys(&mut app, "2");
        key(&mut app, KeyCode::Enter);
        keys(&mut app, "j");
        screens.push(("meeting".to_owned(), screen_text(&app)));
        keys(&mut app, "E");
        screens.push(("export".to_owned(), screen_text(&app)));
        key(&mut app, KeyCode::Esc);
        let shown = |name: &str| &screens.iter().find(|(n, _)| n == name).unwrap().1;
        assert!(shown("5").contains("wk  Mo Tu"), "{}", shown("5"));
        assert!(shown("4").contains("after 2 course runs"), "{}", shown("4"));
        assert!(
            shown("meeting").contains("Recommendation"),
            "{}",
            shown("meeting")
        );
        for (name, text) in &screens {
            for line in text.lines() {
                let lower = line.to_lowercase();
                let words = lower
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty());
                for word in words {
                    if DANISH.contains(&word) || word.contains(['æ', 'ø', 'å']) {
                        found.push(format!("{size:?} {name}: «{word}» in: {}", line.trim()));
                    }
                    if word == "wee" {
                        found.push(format!("{size:?} {name}: a label cut: {}", line.trim()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The scan itself finds what it is there to find.
#[test]
fn the_scan_finds_english() {
    assert_eq!(english_words("fejl: unknown body `fuu`").len(), 2);
    assert!(english_words("Mødet er flyttet; de vil have en ny dato").is_empty());
}
