//! The screens on an archive in git: each save a commit with a message in the forum's
//! language and the user as author, and Ctrl-S syncing with a colleague through a bare
//! remote (a folder: no network), the fetched change shown on screen.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

mod common;
use common::git::{as_user, git};
use common::screen::{app_on, ctrl, key, keys, screen_text};

/// The sample archive in a repository of its own, pushed to a bare remote; and a clone.
fn team() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let anne = tmp.path().join("anne");
    common::copy_dir(&common::sample_dir(), &anne);
    git(&anne, &["init", "--quiet", "-b", "main"]);
    as_user(&anne, "Anne");
    let exe = Path::new(env!("CARGO_BIN_EXE_dagsorden"));
    let report = dagsorden::git::setup::setup(&anne, exe, dagsorden::lang::Lang::Da).unwrap();
    assert!(report.committed, "{report:?}");
    git(tmp.path(), &["init", "--quiet", "--bare", "remote.git"]);
    git(&anne, &["remote", "add", "origin", "../remote.git"]);
    git(&anne, &["push", "--quiet", "-u", "origin", "main"]);
    git(
        tmp.path(),
        &["clone", "--quiet", "-b", "main", "remote.git", "bo"],
    );
    let bo = tmp.path().join("bo");
    as_user(&bo, "Bo");
    // Bo's machine is set up too (the driver is registered per clone).
    let report = dagsorden::git::setup::setup(&bo, exe, dagsorden::lang::Lang::Da).unwrap();
    assert!(report.wrote.is_empty(), "{report:?}");
    (tmp, anne, bo)
}

fn wait_for(app: &mut dagsorden::tui::App, text: &str) -> String {
    let limit = Instant::now() + Duration::from_secs(20);
    loop {
        app.poll_git();
        let screen = screen_text(app);
        if screen.contains(text) {
            return screen;
        }
        assert!(Instant::now() < limit, "never showed {text:?}:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_save_is_a_commit_by_the_user_with_a_message_in_the_forums_language() {
    let (_tmp, anne, _bo) = team();
    let mut app = app_on(&anne, (120, 40), dagsorden::lang::Lang::En);
    app.start_git();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "r");
    keys(&mut app, " (rettet)");
    key(&mut app, KeyCode::Enter);
    app.finish_git();
    let log = git(&anne, &["log", "-1", "--format=%an|%s"]);
    // The screens are in English; the record is in the forum's Danish.
    assert_eq!(
        log.trim(),
        "Anne|Titel ændret: SDF 8. september 2017, punkt 1"
    );
    assert_eq!(
        git(&anne, &["status", "--porcelain"]).trim(),
        "",
        "nothing left over"
    );
    // `dagsorden log` shows who changed the item, and what it said.
    let log = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
            .args(["--dir"])
            .arg(&anne)
            .args(["log", "2017-09-08-sdf#1", "--format", format])
            .env("XDG_CONFIG_HOME", anne.join("no-config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = log("text");
    assert!(
        text.starts_with("SDF 8. september 2017, punkt 1\n"),
        "{text}"
    );
    assert!(
        text.contains("Anne  Titel ændret: SDF 8. september 2017, punkt 1"),
        "{text}"
    );
    assert!(
        text.contains(
            "    titel:\n      - Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017\n      + Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017 (rettet)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Arkivet lagt i git"),
        "the first version: {text}"
    );
    let json: serde_json::Value = serde_json::from_str(&log("json")).unwrap();
    assert_eq!(json[0]["author"], "Anne");
    assert_eq!(json[0]["changed"], serde_json::json!(["title"]));
}

#[test]
fn ctrl_s_sends_ours_and_shows_what_a_colleague_changed() {
    let (_tmp, anne, bo) = team();
    // Bo retitles item 7 and pushes.
    let file = bo.join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "title = \"Sammen om psykiatri\"",
            "title = \"Sammen om psykiatri og misbrug\"",
        ),
    )
    .unwrap();
    git(&bo, &["commit", "--quiet", "-am", "Bo's title"]);
    git(&bo, &["push", "--quiet"]);
    // Anne's screens fetch quietly: Bo's change waits, not taken in.
    let mut app = app_on(&anne, (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    let screen = wait_for(&mut app, "↓1 at hente");
    assert!(!screen.contains("og misbrug"), "{screen}");
    // Anne records a title of her own on item 1, then syncs.
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "r");
    keys(&mut app, " (Anne)");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let screen = wait_for(&mut app, "1 ændring hentet fra Bo, 1 sendt");
    assert!(
        screen.contains("Sammen om psykiatri og misbrug"),
        "{screen}"
    );
    app.finish_git();
    // The remote has both, Anne's on top with her name.
    git(&bo, &["pull", "--quiet"]);
    let log = git(&bo, &["log", "--format=%an|%s"]);
    assert!(
        log.starts_with("Anne|Titel ændret: SDF 8. september 2017, punkt 1\nBo|Bo's title"),
        "{log}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("(Anne)") && text.contains("og misbrug"),
        "{text}"
    );
}

#[test]
fn offline_the_sync_says_so_and_the_work_stays_committed() {
    let (tmp, anne, _bo) = team();
    std::fs::rename(tmp.path().join("remote.git"), tmp.path().join("away.git")).unwrap();
    let mut app = app_on(&anne, (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "r");
    keys(&mut app, " (offline)");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    wait_for(&mut app, "Ingen forbindelse");
    app.finish_git();
    let log = git(&anne, &["log", "-1", "--format=%s"]);
    assert!(log.starts_with("Titel ændret"), "{log}");
}

/// A folder that only lies inside some repository (the bundled sample in a clone of this
/// project) is not committed to: only an archive `dagsorden init` set up is.
#[test]
fn an_archive_not_set_up_by_init_is_not_committed_to() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::sample_dir(), tmp.path());
    git(tmp.path(), &["init", "--quiet"]);
    let mut app = app_on(tmp.path(), (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    assert!(!app.git_running());
    ctrl(&mut app, 's');
    assert!(
        screen_text(&app).contains("Arkivet er ikke i git"),
        "{}",
        screen_text(&app)
    );
    // No history either, and the status bar says nothing of git.
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "H");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Ingen historik: arkivet er ikke i git"),
        "{screen}"
    );
    assert!(
        !screen.contains("synkroniseret") && !screen.contains("at sende"),
        "{screen}"
    );
}

fn retitle_item_7(dir: &Path, whose: &str) {
    let file = dir.join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "title = \"Sammen om psykiatri\"",
            &format!("title = \"Sammen om psykiatri ({whose})\""),
        ),
    )
    .unwrap();
    git(
        dir,
        &["commit", "--quiet", "-am", &format!("{whose}'s title")],
    );
}

#[test]
fn a_field_changed_two_ways_is_shown_side_by_side_resolved_with_a_key_and_synced() {
    let (_tmp, anne, bo) = team();
    retitle_item_7(&anne, "Anne");
    git(&anne, &["push", "--quiet"]);
    retitle_item_7(&bo, "Bo");
    let mut app = app_on(&bo, (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    ctrl(&mut app, 's');
    // The sync finishes; the field changed two ways is in the status bar.
    let screen = wait_for(&mut app, "⚠ 1 flettekonflikt (C)");
    assert!(
        screen.contains("1 sendt; 1 felt ændret to steder"),
        "{screen}"
    );
    keys(&mut app, "C");
    let screen = screen_text(&app);
    insta::assert_snapshot!(screen);
    for text in [
        "Min udgave",
        "Den andens udgave",
        "Sammen om psykiatri (Bo)",
        "Sammen om psykiatri (Anne)",
        "m behold min",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    // Bo takes Anne's.
    keys(&mut app, "t");
    let screen = screen_text(&app);
    assert!(screen.contains("Gemt: flettekonflikt løst"), "{screen}");
    assert!(!screen.contains("flettekonflikt (C)"), "{screen}");
    let file = std::fs::read_to_string(bo.join("2017/2017-09-08-sdf.toml")).unwrap();
    assert!(
        file.contains("title = \"Sammen om psykiatri (Anne)\""),
        "{file}"
    );
    assert!(!file.contains("[[conflicts]]"), "{file}");
    ctrl(&mut app, 's');
    wait_for(&mut app, "sendt");
    app.finish_git();
    // Anne gets the resolution, with Bo's name on it; the file is clean for `check`.
    git(&anne, &["pull", "--quiet", "--rebase"]);
    let log = git(&anne, &["log", "-1", "--format=%an|%s"]);
    assert!(
        log.starts_with("Bo|") && log.contains("Sammenfletningskonflikt løst"),
        "{log}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .args(["--dir"])
        .arg(&anne)
        .arg("check")
        .env("XDG_CONFIG_HOME", anne.join("no-config"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn h_shows_each_version_of_the_item_with_its_author_and_what_changed() {
    let (_tmp, anne, _bo) = team();
    let mut app = app_on(&anne, (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    keys(&mut app, "2");
    key(&mut app, KeyCode::Enter);
    // Who last changed the decision: the archive's first commit, by Anne.
    wait_for(&mut app, "Beslutningen sidst ændret af Anne");
    keys(&mut app, "r");
    keys(&mut app, " (rettet)");
    key(&mut app, KeyCode::Enter);
    // Committed once the burst of saves is over (or at the latest when the app ends).
    app.finish_git();
    keys(&mut app, "H");
    let screen = wait_for(&mut app, "Titel ændret: SDF 8. september 2017, punkt 1");
    for text in [
        "Historik: punkt 1",
        "Anne",
        "Arkivet lagt i git",
        "Titel",
        "- Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017",
        "+ Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017 (rettet)",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    // The first version: all of it is new.
    key(&mut app, KeyCode::Down);
    let screen = screen_text(&app);
    assert!(screen.contains("Beslutning"), "{screen}");
    assert!(
        !screen.contains(
            "+ Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017 (rettet)"
        ),
        "{screen}"
    );
    // Chosen to compare with (Space), the newest is shown against it, older to newer.
    keys(&mut app, " ");
    key(&mut app, KeyCode::Up);
    let screen = screen_text(&app);
    for text in [
        "Forskellen fra udgaven",
        "◆ ",
        "+ Godkendelse af referat fra møde i Socialdirektørforum den 23. juni 2017 (rettet)",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    key(&mut app, KeyCode::Esc);
    assert!(!screen_text(&app).contains("Historik: punkt 1"));
}

#[test]
fn moeder_marks_a_meeting_changed_here_and_not_yet_sent() {
    let (_tmp, anne, _bo) = team();
    retitle_item_7(&anne, "Anne");
    let mut app = app_on(&anne, (120, 40), dagsorden::lang::Lang::Da);
    app.start_git();
    keys(&mut app, "2");
    let screen = wait_for(&mut app, "↑1 at sende");
    let marked: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("↑ ikke sendt"))
        .collect();
    assert_eq!(marked.len(), 1, "{screen}");
    assert!(marked[0].contains("8. september 2017"), "{screen}");
    ctrl(&mut app, 's');
    let screen = wait_for(&mut app, "✓ synkroniseret");
    assert!(!screen.contains("↑ ikke sendt"), "{screen}");
    app.finish_git();
}
