//! The real binary: exit codes, output and files written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::sample_copy;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The binary run in the repository root, isolated from the user's config and environment.
fn bare() -> Command {
    let mut cmd = Command::cargo_bin("dagsorden").unwrap();
    cmd.current_dir(root())
        .env_remove("DAGSORDEN_DIR")
        .env_remove("DAGSORDEN_CONFIG")
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"));
    cmd
}

/// As `bare`, with today fixed so nothing depends on the clock.
fn dagsorden() -> Command {
    let mut cmd = bare();
    cmd.args(["--today", "2017-09-20"]);
    cmd
}

#[test]
fn check_on_the_sample_archive_is_clean() {
    dagsorden()
        .arg("check")
        .assert()
        .code(0)
        .stdout("0 fejl, 0 advarsler i 5 filer.\n");
}

#[test]
fn check_reports_problems_with_exit_1() {
    dagsorden()
        .args(["--dir", "tests/fixtures/broken", "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/broken/2018/2018-04-20-fu.toml:1:8: fejl: ukendt organ `fuu`",
        ))
        // The calendar's checks run on what did load: 27 April 2018 was Store bededag.
        .stdout(predicate::str::contains(
            "tests/fixtures/broken/2018/2018-04-27-sdf.toml: advarsel: SDF fredag den 27. april 2018 ligger på store bededag",
        ))
        .stdout(predicate::str::contains("19 fejl, 2 advarsler i 11 filer."));
}

/// The same problems in English when English is chosen: message, severity and hint.
#[test]
fn check_speaks_english_when_asked() {
    dagsorden()
        .args(["--dir", "tests/fixtures/broken", "--lang", "en", "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/broken/2018/2018-04-20-fu.toml:1:8: error: unknown body `fuu`",
        ))
        .stdout(predicate::str::contains(
            "= hint: did you mean `fu`? the bodies in forum.toml are: fu, sdf",
        ))
        .stdout(predicate::str::contains(
            "19 errors, 2 warnings in 11 files.",
        ));
}

#[test]
fn check_that_cannot_run_exits_2() {
    dagsorden()
        .args(["--dir", "/nonexistent/arkiv", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mappen findes ikke"));
    dagsorden()
        .args(["--dir", "tests", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ingen forum.toml"));
}

#[test]
fn the_archive_folder_comes_from_the_environment() {
    let mut cmd = Command::cargo_bin("dagsorden").unwrap();
    cmd.current_dir(std::env::temp_dir())
        .env("DAGSORDEN_DIR", root().join("agendas"))
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .arg("check")
        .assert()
        .code(0);
}

#[test]
fn the_archive_folder_comes_from_the_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("dagsorden.toml");
    std::fs::write(
        &config,
        format!("dir = {:?}\nlang = \"en\"\n", root().join("agendas")),
    )
    .unwrap();
    let mut cmd = Command::cargo_bin("dagsorden").unwrap();
    cmd.current_dir(tmp.path())
        .env_remove("DAGSORDEN_DIR")
        .args(["--config", config.to_str().unwrap(), "check"])
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings in 5 files.\n");
}

#[test]
fn a_broken_config_file_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(&config, "lang = \"de\"\n").unwrap();
    dagsorden()
        .args(["--config", config.to_str().unwrap(), "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lang = \"de\": brug \"da\" eller \"en\"",
        ));
}

#[test]
fn list_filters_by_year_and_body() {
    dagsorden()
        .args(["list", "--year", "2018", "--body", "fu"])
        .assert()
        .code(0)
        .stdout(
            "2018-01-24-fu    FU   onsdag den 24. januar 2018     planlagt           \n\
             2018-04-20-fu    FU   fredag den 20. april 2018      planlagt           \n\
             2018-06-08-fu    FU   fredag den 8. juni 2018        planlagt           \n\
             2018-09-28-fu    FU   fredag den 28. september 2018  planlagt           \n",
        );
}

#[test]
fn list_as_json() {
    let out = dagsorden()
        .args(["list", "--year", "2017", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let meeting = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "2017-09-08-sdf")
        .unwrap();
    assert_eq!(meeting["status"], "minutes-draft");
    assert_eq!(meeting["items"], 13);
    assert_eq!(meeting["start"], "09:00");
    assert_eq!(list.as_array().unwrap().len(), 4);
}

#[test]
fn list_refuses_an_unknown_body() {
    dagsorden()
        .args(["list", "--body", "kkr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ukendt organ `kkr`"));
}

#[test]
fn export_minutes_to_stdout_and_to_a_file() {
    let golden =
        std::fs::read_to_string(root().join("tests/golden/2017-09-08-sdf.minutes.da.md")).unwrap();
    dagsorden()
        .args(["export", "minutes", "2017-09-08-sdf"])
        .assert()
        .code(0)
        .stdout(golden.clone());
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("referat.md");
    dagsorden()
        .args([
            "export",
            "minutes",
            "2017-09-08-sdf",
            "-o",
            file.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), golden);
}

#[test]
fn export_in_english_and_as_agenda() {
    dagsorden()
        .args(["export", "minutes", "2017-09-08-sdf", "--lang", "en"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Friday 8 September 2017, 09:00–12:00",
        ));
    dagsorden()
        .args(["export", "agenda", "2017-09-08-sdf"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("### Beslutning").not());
}

#[test]
fn export_of_an_unknown_meeting_says_which_exist() {
    dagsorden()
        .args(["export", "minutes", "2018-02-09-sdf"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("der er ingen mødefil for 2018-02-09-sdf")
                .and(predicate::str::contains("2017-09-08-sdf")),
        );
    dagsorden()
        .args(["export", "minutes", "9/2-2018"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ÅÅÅÅ-MM-DD-organ"));
}

#[test]
fn export_of_a_meeting_whose_file_is_broken_points_to_check() {
    dagsorden()
        .args([
            "--dir",
            "tests/fixtures/broken",
            "export",
            "minutes",
            "2018-03-09-sdf",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kør `dagsorden check`"));
}

#[test]
fn bad_dates_on_the_command_line_are_explained() {
    bare()
        .args(["--today", "20-09-2017", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["list", "--help"],
        &["export", "--help"],
        &["export", "minutes", "--help"],
        &["export", "agenda", "--help"],
    ] {
        dagsorden()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Brug: dagsorden"));
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `dagsorden list | head -1`: the reader goes away; the command still ends cleanly.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dagsorden"))
        .current_dir(root())
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .args(["export", "minutes", "2017-09-08-sdf"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(
        status.code().is_some_and(|c| c == 0),
        "status {status:?}, stderr {stderr}"
    );
}

#[test]
fn the_screens_without_a_terminal_say_what_to_do_instead() {
    dagsorden()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("skærmene kræver en terminal"))
        .stderr(predicate::str::contains("check, list, export"));
}

#[test]
fn new_creates_a_meeting_from_the_plan_and_offers_the_due_followups() {
    let tmp = sample_copy();
    let dir = tmp.path().to_str().unwrap();
    dagsorden()
        .args(["--dir", dir, "new", "--body", "sdf", "--date", "2017-11-16"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Oprettet"))
        .stdout(predicate::str::contains(
            "sammen-om-psykiatri-dagsorden — Projektet Sammen om psykiatri dagsordenssættes.",
        ))
        .stdout(predicate::str::contains("--include-followups"));
    let text = std::fs::read_to_string(tmp.path().join("2017/2017-11-16-sdf.toml")).unwrap();
    assert!(text.contains("title = \"Møde i Socialdirektørforum den 16. november 2017\""));
    // The comment at the top is in the forum's language too.
    assert!(
        text.starts_with(
            "# Møde i Socialdirektørforum den 16. november 2017 — oprettet af dagsorden."
        ),
        "{text}"
    );
    assert!(text.contains("weekday = \"torsdag\""));
    assert!(
        text.contains("refs = [\"2017-09-08-sdf\"]"),
        "linked to the previous meeting"
    );
    assert!(!text.contains("answers"), "offered, not added");
    // The archive still checks clean with the new file in it.
    dagsorden()
        .args(["--dir", dir, "check"])
        .assert()
        .code(0)
        .stdout("0 fejl, 0 advarsler i 6 filer.\n");
    // It is never overwritten.
    dagsorden()
        .args(["--dir", dir, "new", "--body", "sdf", "--date", "2017-11-16"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("har allerede en mødefil"));
}

#[test]
fn new_with_the_followups_as_items_and_bad_input() {
    let tmp = sample_copy();
    let dir = tmp.path().to_str().unwrap();
    dagsorden()
        .args([
            "--dir",
            dir,
            "new",
            "--body",
            "sdf",
            "--date",
            "2017-11-16",
            "--include-followups",
        ])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(tmp.path().join("2017/2017-11-16-sdf.toml")).unwrap();
    assert!(
        text.contains("answers = [\"sammen-om-psykiatri-dagsorden\"]"),
        "{text}"
    );
    assert!(text.contains("refs = [\"2017-09-08-sdf#7\"]"), "{text}");
    dagsorden()
        .args(["--dir", dir, "new", "--body", "kkr", "--date", "2018-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("intet organ `kkr`"));
    dagsorden()
        .args(["--dir", dir, "new", "--body", "sdf", "--date", "1/2-2018"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
}

#[test]
fn search_prints_hits_grouped_by_meeting_and_exits_by_what_it_found() {
    dagsorden()
        .args(["search", "STJERNEN"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Socialdirektørforum · fredag den 8. september 2017 (2017-09-08-sdf)\n    8  Børnehusene Stjernen",
        ));
    dagsorden()
        .args([
            "search",
            "body:sdf",
            "outcome:approved-with-changes",
            "mødeplan",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "9  Mødeplan for Socialdirektørforum 2018",
        ))
        .stdout(predicate::str::contains("Kommissorium").not());
    dagsorden()
        .args(["search", "solsikken"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("Ingen hits.\n");
    dagsorden()
        .args(["search", "outcome:maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("approved-with-changes"));
}

#[test]
fn search_as_json_gives_each_hit_with_its_snippet_and_marks() {
    let out = dagsorden()
        .args(["search", "--format", "json", "økonomi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items: Vec<u64> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["item"].as_u64().unwrap())
        .collect();
    assert_eq!(items, [2, 5, 11]);
    let first = &hits[0];
    assert_eq!(first["field"], "background");
    let snippet: Vec<char> = first["snippet"].as_str().unwrap().chars().collect();
    let mark = &first["marks"][0];
    let (s, e) = (
        mark[0].as_u64().unwrap() as usize,
        mark[1].as_u64().unwrap() as usize,
    );
    assert_eq!(snippet[s..e].iter().collect::<String>(), "Økonomi");
}

#[test]
fn decisions_lists_every_decision_or_only_the_deviations() {
    let out = dagsorden().arg("decisions").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("2017-09-08")).count(),
        11
    );
    assert!(
        text.contains("(a) Godkendt med ændringer  (b) Ikke godkendt"),
        "{text}"
    );

    let out = dagsorden()
        .args(["decisions", "--deviations", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[3].to_owned(), r[5].to_owned(), r[6].to_owned())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("4".into(), "a".into(), "approved-with-changes".into()),
            ("9".into(), "a".into(), "approved-with-changes".into()),
            ("9".into(), "b".into(), "rejected".into()),
        ]
    );
    dagsorden()
        .args(["decisions", "--year", "2018", "--format", "json"])
        .assert()
        .code(0)
        .stdout("[]\n");
    dagsorden()
        .args([
            "--lang",
            "en",
            "decisions",
            "--outcome",
            "rejected",
            "--format",
            "md",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("|Date|Body|Item|Outcome|"))
        .stdout(predicate::str::contains("(b) Rejected"));
    dagsorden()
        .args(["decisions", "--outcome", "maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("approved-with-changes"));
    dagsorden()
        .args(["decisions", "--body", "kkr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ukendt organ `kkr`"));
}

#[test]
fn followups_name_the_overdue_status_and_exit_1() {
    dagsorden()
        .arg("followups")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "OVERSKREDET      senest mandag den 18. september 2017\n  Status på koordination",
        ))
        .stdout(predicate::str::contains(
            "AFVENTER         efter 2 forløb — 0 afholdt\n  Oplægget evalueres efter to forløb.",
        ));
}

#[test]
fn followups_on_2_may_2018_have_the_1_may_report_overdue_and_not_1_november() {
    let out = bare()
        .args(["--today", "2018-05-02", "followups", "--state", "overdue"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("senest tirsdag den 1. maj 2018 (hvert år 1. maj)"),
        "{out}"
    );
    assert!(!out.contains("november 2018"), "{out}");
    bare()
        .args(["--today", "2018-05-02", "followups", "--state", "all"])
        .assert()
        .stdout(predicate::str::contains(
            "SENERE           senest torsdag den 1. november 2018 (hvert år 1. november)",
        ));
}

#[test]
fn followups_exit_0_when_nothing_asked_for_is_overdue() {
    // Before any deadline passed.
    bare()
        .args(["--today", "2017-09-10", "followups"])
        .assert()
        .code(0);
    // An owner nobody is: nothing listed, nothing overdue.
    dagsorden()
        .args(["followups", "--owner", "Ingen Sådan"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Ingen opfølgninger."));
    dagsorden()
        .args(["followups", "--body", "fu"])
        .assert()
        .code(0);
}

#[test]
fn followups_refuse_unknown_states_and_bodies() {
    dagsorden()
        .args(["followups", "--state", "late"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "one of: open, overdue, due, waiting, suggested, done, cancelled, all",
        ));
    dagsorden()
        .args(["followups", "--body", "kkr"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("ukendt organ `kkr`"));
}

#[test]
fn followups_as_json_give_states_and_dates() {
    let out = dagsorden()
        .args(["followups", "--state", "all", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_id = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()
            .clone()
    };
    let status = by_id("spiseforstyrrelser-status-socialstyrelsen");
    assert_eq!(status["state"], "overdue");
    assert_eq!(status["due_by"], "2017-09-18");
    assert_eq!(status["origin"], "2017-09-08-sdf#3");
    let course = by_id("myndighedsforloeb-evaluering");
    assert_eq!(course["state"], "waiting");
    assert_eq!(course["progress"]["needed"], 2);
    assert_eq!(by_id("rammeaftale-analyse")["due_by"], "2018-06-30");
    assert_eq!(by_id("belaegning-1-maj")["year"], 2018);
}

/// The forum's own names (forum.toml) carry escape sequences, C1 and bidi characters: no
/// command prints one of them raw to the terminal, in text, Markdown, .ics or JSON.
#[test]
fn hostile_names_in_forum_toml_reach_no_terminal_raw() {
    let tmp = sample_copy();
    let path = tmp.path().join("forum.toml");
    let forum = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "name = \"Socialdirektørforum\"\n",
            "name = \"Social\\u001b]0;pwned\\u0007direktørforum\\u202e\"\n",
        )
        .replacen("short = \"SDF\"", "short = \"S\\u001b[2JDF\\u009b\"", 1)
        .replacen("secretariat = \"", "secretariat = \"\\u001b[31m", 1);
    std::fs::write(&path, forum).unwrap();
    for args in [
        &["list"][..],
        &["decisions"],
        &["decisions", "--deviations"],
        &["decisions", "--format", "md"],
        &["followups"],
        &["followups", "--format", "md"],
        &["search", "takst"],
        &["calendar", "2018"],
        &["calendar", "2018", "--format", "md"],
        &["calendar", "2018", "--format", "ics"],
        &["calendar", "2019", "--propose"],
        &["export", "minutes", "2017-09-08-sdf"],
        &["export", "agenda", "2017-09-08-sdf"],
        &["check"],
    ] {
        assert_prints_nothing_raw(tmp.path(), args);
    }
}

/// Runs `args` on the archive in `dir`: it prints something, and no ESC, BEL, C1 or bidi
/// character, on stdout or stderr.
fn assert_prints_nothing_raw(dir: &Path, args: &[&str]) {
    let out = dagsorden()
        .arg("--dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        !out.stdout.is_empty() || !out.stderr.is_empty(),
        "{args:?} printed nothing"
    );
    let raw = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        text.chars().find(
            |c| matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}'),
        )
    };
    if let Some(c) = raw(&out.stdout).or_else(|| raw(&out.stderr)) {
        panic!(
            "{args:?} on {} printed U+{:04X} raw",
            dir.display(),
            c as u32
        );
    }
}

/// Appends escape, C1 and bidi characters to every string of free text (one with a space or
/// a letter beyond ASCII: not an id, a key word or a date) in every TOML file under `dir`.
fn poison_every_text(dir: &Path) {
    fn walk(item: &mut toml_edit::Item) {
        match item {
            toml_edit::Item::Value(v) => walk_value(v),
            toml_edit::Item::Table(t) => t.iter_mut().for_each(|(_, i)| walk(i)),
            toml_edit::Item::ArrayOfTables(a) => a
                .iter_mut()
                .for_each(|t| t.iter_mut().for_each(|(_, i)| walk(i))),
            toml_edit::Item::None => {}
        }
    }
    fn walk_value(v: &mut toml_edit::Value) {
        match v {
            toml_edit::Value::String(s) => {
                let text = s.value();
                if text.contains(' ') || !text.is_ascii() {
                    let (head, tail) = text.split_at(text.find(' ').unwrap_or(0));
                    *v = format!("{head}\u{1b}]0;pwned\u{7}\u{9b}\u{202e}{tail}").into();
                }
            }
            toml_edit::Value::Array(a) => a.iter_mut().for_each(walk_value),
            toml_edit::Value::InlineTable(t) => t.iter_mut().for_each(|(_, v)| walk_value(v)),
            _ => {}
        }
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            poison_every_text(&path);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let mut doc: toml_edit::DocumentMut =
                std::fs::read_to_string(&path).unwrap().parse().unwrap();
            walk(doc.as_item_mut());
            std::fs::write(&path, doc.to_string()).unwrap();
        }
    }
}

/// Every free-text field of every file of two archives (the forum's and a municipality's)
/// holds OSC, C1 and bidi characters; no command in any format prints one raw.
#[test]
fn hostile_text_in_every_field_of_every_file_reaches_no_output_raw() {
    let municipal = root().join("tests/fixtures/municipal");
    for (source, meeting, year) in [
        (common::sample_dir(), "2017-09-08-sdf", "2018"),
        (municipal, "2021-03-12-børn-og-unge", "2021"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&source, tmp.path());
        poison_every_text(tmp.path());
        let listed = dagsorden()
            .arg("--dir")
            .arg(tmp.path())
            .arg("list")
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&listed.stdout).contains(meeting),
            "the poisoned archive still loads"
        );
        let runs: Vec<Vec<&str>> = vec![
            vec!["check"],
            vec!["list"],
            vec!["list", "--format", "json"],
            vec!["search", "i"],
            vec!["search", "i", "--format", "json"],
            vec!["decisions"],
            vec!["decisions", "--deviations"],
            vec!["decisions", "--format", "md"],
            vec!["decisions", "--format", "csv"],
            vec!["decisions", "--format", "json"],
            vec!["followups"],
            vec!["followups", "--format", "md"],
            vec!["followups", "--format", "json"],
            vec!["calendar", year],
            vec!["calendar", year, "--format", "md"],
            vec!["calendar", year, "--format", "ics"],
            vec!["calendar", year, "--format", "json"],
            vec!["export", "minutes", meeting],
            vec!["export", "minutes", meeting, "--public"],
            vec!["export", "agenda", meeting],
        ];
        for args in &runs {
            assert_prints_nothing_raw(tmp.path(), args);
        }
    }
}

/// In git, a poisoned archive's history (`log`, text and JSON) and a sync's report print
/// nothing raw either: authors, messages and every version of the fields pass the boundary.
#[test]
fn hostile_text_in_the_history_reaches_no_output_raw() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::sample_dir(), tmp.path());
    poison_every_text(tmp.path());
    common::git::git(tmp.path(), &["init", "--quiet", "-b", "main"]);
    common::git::git(
        tmp.path(),
        &["config", "user.name", "A\u{1b}]0;pwned\u{7}nne"],
    );
    common::git::git(tmp.path(), &["config", "user.email", "anne@example.dk"]);
    let init = dagsorden().arg("init").arg(tmp.path()).output().unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    // A second version of item 7, changed in a shell with a hostile commit message.
    let file = tmp.path().join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("number = 7").unwrap();
    let title = text[at..].find("title = \"").unwrap() + at + "title = \"".len();
    std::fs::write(
        &file,
        format!("{}\u{1b}[2J{}", &text[..title], &text[title..]),
    )
    .unwrap();
    common::git::git(
        tmp.path(),
        &[
            "commit",
            "--quiet",
            "-am",
            "\u{1b}]52;c;cHduZWQ=\u{7}ny titel",
        ],
    );
    for args in [
        vec!["log", "2017-09-08-sdf#7"],
        vec!["log", "2017-09-08-sdf#7", "--format", "json"],
        vec!["log", "2017-09-08-sdf"],
        vec!["sync"],
    ] {
        assert_prints_nothing_raw(tmp.path(), &args);
    }
}

/// The output boundary: text no field sanitizer sees (here the archive's own folder name,
/// printed by `new`, `check` and `calendar --propose --write`) still leaves sanitized.
#[test]
fn a_hostile_folder_name_reaches_no_terminal_raw() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("arkiv\u{1b}]0;pwned\u{7}\u{202e}");
    std::fs::create_dir(&dir).unwrap();
    common::copy_dir(&common::sample_dir(), &dir);
    // A problem in a file, so `check` prints the file's path.
    let meeting = dir.join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, text.replacen("status = ", "statu = ", 1)).unwrap();
    for args in [
        &["new", "--body", "sdf", "--date", "2017-12-15"][..],
        &["check"],
        &["calendar", "2019", "--propose", "--write"],
    ] {
        let out = dagsorden()
            .arg("--dir")
            .arg(&dir)
            .args(args)
            .output()
            .unwrap();
        let printed = [out.stdout, out.stderr].concat();
        let printed = String::from_utf8_lossy(&printed);
        assert!(
            printed.contains("arkiv"),
            "{args:?} printed no path: {printed}"
        );
        assert!(
            !printed.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{args:?} printed the folder name raw: {printed:?}"
        );
    }
}

/// `check` names every hidden character it finds, raw or written as a TOML escape, with
/// its file, line and column, and says what it is.
#[test]
fn check_reports_control_bidi_and_invisible_characters_where_they_are() {
    let tmp = sample_copy();
    let rel = "2017/2017-09-08-sdf.toml";
    let path = tmp.path().join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("title = \"Oplæg", "title = \"\\u202eOplæg", 1)
        .replacen("place = \"", "place = \"\u{200b}", 1);
    std::fs::write(&path, text).unwrap();
    let (stdout, _) = check_on(tmp.path());
    assert!(
        stdout.contains("2017-09-08-sdf.toml:")
            && stdout.contains("advarsel: U+202E (retningstegn"),
        "{stdout}"
    );
    assert!(
        stdout.contains("advarsel: U+200B (usynligt mellemrum) i teksten"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{202e}') && !stdout.contains('\u{200b}'),
        "{stdout}"
    );
}

/// What has a meeting file's name but is no ordinary file inside the archive is reported,
/// never read: a link out of the archive (its content is not shown), a link in a loop, a
/// FIFO (reading it would hang) and a folder.
#[test]
fn links_out_loops_fifos_and_folders_named_like_meeting_files_are_reported_not_read() {
    let tmp = sample_copy();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "body = \"sdf\"\ntitle = \"HEMMELIGT INDHOLD\"\n").unwrap();
    let year = tmp.path().join("2017");
    std::os::unix::fs::symlink(&secret, year.join("2017-10-06-sdf.toml")).unwrap();
    std::os::unix::fs::symlink(
        year.join("2017-10-13-sdf.toml"),
        year.join("2017-10-13-sdf.toml"),
    )
    .unwrap();
    let fifo = year.join("2017-10-20-sdf.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(year.join("2017-10-27-sdf.toml")).unwrap();
    let (stdout, code) = check_on(tmp.path());
    assert!(
        stdout
            .contains("2017-10-06-sdf.toml: fejl: ikke læst: et link, der fører uden for arkivet"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "2017-10-13-sdf.toml: fejl: ikke læst: et link, der fører ingen steder hen eller i ring"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("2017-10-20-sdf.toml: fejl: ikke læst: ikke en almindelig fil"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("2017-10-27-sdf.toml: fejl: ikke læst: en mappe, der hedder som en mødefil"),
        "{stdout}"
    );
    assert!(!stdout.contains("HEMMELIGT"), "{stdout}");
    assert_eq!(code, Some(1));
}

/// An attachment that is a program by its content (here a shell script called a PDF) is
/// named by `check`; the screens refuse to open it.
#[test]
fn check_names_an_attachment_that_is_a_program_by_content() {
    let tmp = sample_copy();
    let dir = tmp.path().join("2017/2017-09-08-sdf");
    let victim = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    std::fs::write(&victim, "#!/bin/sh\necho pwned\n").unwrap();
    let (stdout, _) = check_on(tmp.path());
    assert!(stdout.contains("er et program"), "{stdout}");
    assert!(
        stdout.contains(&*victim.file_name().unwrap().to_string_lossy()),
        "{stdout}"
    );
}

/// `check` on the archive in `dir`: what it printed and its exit code.
fn check_on(dir: &std::path::Path) -> (String, Option<i32>) {
    let out = dagsorden()
        .arg("--dir")
        .arg(dir)
        .arg("check")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
    )
}

#[test]
fn init_writes_a_new_archive_from_answers_that_loads_and_takes_a_first_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("bu");
    // One answer per line, as a script or a pipe gives them; empty lines take the default.
    bare()
        .arg("init")
        .arg(&archive)
        .write_stdin(
            "Børne- og Ungeudvalget\nFredericia Kommune\nbu\n\nBU\n\"Rådhuset\"\n16.00\n18\n\n",
        )
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Oprettet").and(predicate::str::contains("forum.toml")));
    let forum = std::fs::read_to_string(archive.join("forum.toml")).unwrap();
    assert!(
        forum.contains("name = \"Børne- og Ungeudvalget\""),
        "{forum}"
    );
    assert!(forum.contains("id = \"bu\""), "{forum}");
    // A quote in an answer is kept, escaped.
    let parsed: toml::Value = toml::from_str(&forum).unwrap();
    assert_eq!(parsed["bodies"][0]["place"].as_str(), Some("\"Rådhuset\""));
    assert!(
        forum.contains("start = 16:00:00") && forum.contains("end = 18:00:00"),
        "{forum}"
    );
    assert!(archive.join("README.md").is_file() && archive.join("calendar").is_dir());
    // One file so far, and the count says so in the singular.
    bare()
        .args(["--dir"])
        .arg(&archive)
        .arg("check")
        .assert()
        .code(0)
        .stdout("0 fejl, 0 advarsler i 1 fil.\n");
    bare()
        .args(["--dir"])
        .arg(&archive)
        .args(["new", "--body", "bu", "--date", "2027-01-14"])
        .assert()
        .code(0);
    bare()
        .args(["--dir"])
        .arg(&archive)
        .arg("check")
        .assert()
        .code(0)
        .stdout("0 fejl, 0 advarsler i 2 filer.\n");
}

#[test]
fn init_never_writes_over_an_archive_and_refuses_a_bad_answer() {
    let dir = tempfile::tempdir().unwrap();
    bare()
        .args(["init", "--yes"])
        .arg(dir.path())
        .assert()
        .code(0);
    let before = std::fs::read_to_string(dir.path().join("forum.toml")).unwrap();
    bare()
        .args(["init", "--yes", "--name", "Andet"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("findes allerede"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("forum.toml")).unwrap(),
        before
    );
    let other = tempfile::tempdir().unwrap();
    bare()
        .args(["init", "--body", "Børn og Unge"])
        .arg(other.path())
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("små bogstaver"));
    assert!(!other.path().join("forum.toml").exists());
}

#[test]
fn completions_and_the_manual_page_are_generated_and_version_names_the_build() {
    bare()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("_dagsorden()").and(predicate::str::contains("import")));
    bare()
        .args(["completions", "fish"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("complete -c dagsorden"));
    bare()
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH dagsorden 1").and(predicate::str::contains("init")));
    bare()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!(
            "dagsorden {}",
            env!("CARGO_PKG_VERSION")
        )));
}
