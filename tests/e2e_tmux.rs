//! End to end: the real binary in a real terminal (tmux), driven by keys as a user would.
//! Needs tmux (`.ci/run` installs it). Waits poll the screen until the text shows up; the
//! generous limit only turns a hang into a failure, it measures nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::git::{as_user, git};
use common::sample_copy;

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server with one window of `width`×`height` running a plain shell.
    fn start(name: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("dagsorden-e2e-{name}-{}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "e2e"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg("env PS1='e2e$ ' sh")
            .status()
            .expect("tmux must be installed to run this test (apt-get install tmux)");
        assert!(status.success(), "tmux did not start");
        // Type nothing before the shell is ready for it.
        tmux.wait_for(&["e2e$"]);
        tmux
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Sends keys as tmux names them ("Enter", "j", "?").
    fn send(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "e2e"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "e2e", "-l", "--", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Whether the program in the pane has asked the terminal for mouse events.
    fn mouse_captured(&self) -> bool {
        let out = self
            .cmd()
            .args([
                "display-message",
                "-p",
                "-t",
                "e2e",
                "#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains('1')
    }

    /// Runs the real binary on the sample archive in the shell, isolated from the user's
    /// config, with today fixed, `env` before it and `args` after it; then prints its exit code.
    fn launch(&self, env: &str, args: &str) {
        self.launch_in(&root().join("agendas"), env, args);
    }

    /// As `launch`, on the archive in `dir`.
    fn launch_in(&self, dir: &Path, env: &str, args: &str) {
        let command = format!(
            "clear; cd '{}' && {env} XDG_CONFIG_HOME='{}' '{}' --dir '{}' --today 2017-09-20 {args}; echo \"exit=$?\"",
            root().display(),
            root().join("tests/fixtures/no-config").display(),
            env!("CARGO_BIN_EXE_dagsorden"),
            dir.display(),
        );
        self.type_text(&command);
        self.send(&["Enter"]);
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-t", "e2e", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows every one of `texts`, and returns it.
    fn wait_for(&self, texts: &[&str]) -> String {
        let limit = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                Instant::now() < limit,
                "the screen never showed {texts:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until `text` is no longer on the screen (a key pressed right after Escape is
    /// otherwise read with it, as Alt and the key).
    fn wait_gone(&self, text: &str) {
        let limit = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                Instant::now() < limit,
                "the screen kept showing {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn review_item_9_of_the_reference_meeting_in_a_real_terminal() {
    let tmux = Tmux::start("review", 120, 40);
    tmux.launch("", "");
    tmux.wait_for(&["1 Oversigt", "2 Møder", "Næste møder"]);
    assert!(tmux.mouse_captured(), "the mouse is captured by default");

    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg", "fredag den 8. september 2017"]);

    tmux.send(&["Enter"]);
    tmux.wait_for(&["Punkter", "Godkendelse af referat", "13 punkter"]);

    for _ in 0..8 {
        tmux.send(&["j"]);
    }
    let screen = tmux.wait_for(&[
        "9. Mødeplan for Socialdirektørforum 2018",
        "[Godkendt med ændringer]",
        "[Ikke godkendt]",
    ]);
    assert!(
        screen.contains("Det blev aftalt at finde nye datoer"),
        "{screen}"
    );

    tmux.send(&["?"]);
    tmux.wait_for(&["Hjælp — taster", "Forrige møde i samme udvalg"]);

    tmux.send(&["q"]);
    let screen = tmux.wait_for(&["exit=0\ne2e$"]);
    // The alternate screen is gone: the shell's own lines are back, the TUI's are not.
    assert!(!screen.contains("Hjælp — taster"), "{screen}");
    assert!(!screen.contains("1 Oversigt"), "{screen}");
    let last = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(last.trim_end(), "e2e$", "{screen}");
    assert!(
        !tmux.mouse_captured(),
        "mouse capture is given back on quit"
    );
}

#[test]
fn a_tiny_terminal_gets_a_message_and_a_resize_brings_the_screen_back() {
    let tmux = Tmux::start("resize", 30, 8);
    tmux.launch("", "--no-mouse");
    tmux.wait_for(&["Terminal for lille"]);
    assert!(
        !tmux.mouse_captured(),
        "--no-mouse leaves the mouse to the terminal"
    );
    let status = tmux
        .cmd()
        .args(["resize-window", "-t", "e2e", "-x", "100", "-y", "30"])
        .status()
        .unwrap();
    assert!(status.success());
    tmux.wait_for(&["1 Oversigt", "Næste møder"]);
    tmux.send(&["C-c"]);
    tmux.wait_for(&["exit=0"]);
}

#[test]
fn no_color_gives_a_screen_without_colours_and_a_bad_theme_is_reported() {
    let tmux = Tmux::start("colour", 100, 30);
    tmux.launch("NO_COLOR=1", "");
    tmux.wait_for(&["Næste møder"]);
    let out = tmux
        .cmd()
        .args(["capture-pane", "-t", "e2e", "-p", "-e"])
        .output()
        .unwrap();
    let styled = String::from_utf8_lossy(&out.stdout);
    // SGR colour parameters: 3x/9x foreground, 4x/10x background, 38;/48; extended.
    let colour = regex_free_colour_codes(&styled);
    assert!(colour.is_empty(), "colour codes under NO_COLOR: {colour:?}");
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    tmux.launch("", "--theme nonesuch");
    tmux.wait_for(&["der er intet farvetema `nonesuch`", "Næste møder"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
}

/// The colour parameters of the SGR escape sequences in `text`.
fn regex_free_colour_codes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for sequence in text.split("\x1b[").skip(1) {
        let Some(end) = sequence.find('m') else {
            continue;
        };
        let params = &sequence[..end];
        if !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        for p in params.split(';') {
            let colour = matches!(p.len(), 2 | 3)
                && (p.starts_with('3')
                    || p.starts_with('4')
                    || p.starts_with('9')
                    || p.starts_with("10"))
                && p != "39"
                && p != "49";
            if colour {
                found.push(params.to_owned());
            }
        }
    }
    found
}

/// The secretariat's day: create the next meeting, add an item with a recommendation, hold
/// the meeting and record the decision with one key, quit; the decision is in the file and
/// in the exported minutes.
#[test]
fn create_a_meeting_add_an_item_and_record_its_decision_in_meeting_mode() {
    let tmp = sample_copy();
    let tmux = Tmux::start("meeting", 100, 30);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);

    new_meeting_with_a_decision(&tmux);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    let file = std::fs::read_to_string(tmp.path().join("2017/2017-11-16-sdf.toml")).unwrap();
    assert!(
        file.contains("text = \"Socialdirektørforum godkendte budgettet for døgnseminaret.\""),
        "{file}"
    );
    assert!(file.contains("status = \"held\""), "{file}");
    // No lock hint is left behind.
    assert!(!tmp.path().join("2017/.2017-11-16-sdf.toml.lock").exists());

    let minutes = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .args(["--today", "2017-11-16", "--dir"])
        .arg(tmp.path())
        .args(["export", "minutes", "2017-11-16-sdf"])
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .output()
        .unwrap();
    assert!(minutes.status.success());
    let minutes = String::from_utf8(minutes.stdout).unwrap();
    assert!(minutes.contains("Budget for døgnseminaret"), "{minutes}");
    assert!(
        minutes.contains("Socialdirektørforum godkendte budgettet for døgnseminaret."),
        "{minutes}"
    );
}

/// Long texts go to the user's $EDITOR: the screens give the terminal to it and take it
/// back after. Here the "editor" is sed, which changes the text in place.
#[test]
fn the_background_is_edited_in_the_users_editor() {
    let tmp = sample_copy();
    let tmux = Tmux::start("editor", 100, 30);
    tmux.launch_in(tmp.path(), "VISUAL= EDITOR='sed -i s/punkter/PUNKTER/'", "");
    tmux.wait_for(&["Næste møder"]);
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["13 punkter"]);
    tmux.send(&["G", "k"]); // item 12, Eventuelt: "Ingen punkter til eventuelt"
    tmux.wait_for(&["Ingen punkter til eventuelt"]);
    tmux.send(&["e"]);
    tmux.wait_for(&["Gemt: baggrund", "Ingen PUNKTER til eventuelt"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
    let file = std::fs::read_to_string(tmp.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    assert!(
        file.contains("background = \"Ingen PUNKTER til eventuelt\""),
        "{file}"
    );
}

#[test]
fn search_as_you_type_then_open_a_hit_and_step_to_the_next() {
    let tmux = Tmux::start("search", 120, 40);
    tmux.launch("", "");
    tmux.wait_for(&["1 Oversigt", "3 Beslutninger"]);

    // Typed one key at a time, as a user does; the hits follow the typing.
    tmux.send(&["/"]);
    for c in ["S", "T", "J"] {
        tmux.send(&[c]);
    }
    tmux.wait_for(&["/ STJ", "1 hit i 1 møde", "8  Børnehusene Stjernen"]);
    tmux.type_text("ERNEN");
    tmux.wait_for(&["/ STJERNEN", "1 hit i 1 møde"]);
    tmux.send(&["BSpace"; 8]);
    tmux.type_text("psykiatri");
    let screen = tmux.wait_for(&["/ psykiatri", "5 hits i 1 møde"]);
    assert!(screen.contains("7  Sammen om psykiatri"), "{screen}");

    // Down to the second hit and open it: item 5, at the line with the word.
    tmux.send(&["Down"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["5. Afrapportering fra udvalg", "hit 2/5"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["6. Status på særlige psykiatriske pladser", "hit 3/5"]);

    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
}

/// The done-when of the follow-ups: on 20 September 2017 the status to Socialstyrelsen is
/// overdue, the course evaluation waits; two runs logged in the real terminal make it due,
/// and "put on the agenda" creates the SDF meeting of 9 February 2018 from the plan with it.
#[test]
fn log_two_runs_and_put_the_evaluation_on_the_next_agenda() {
    let tmp = sample_copy();
    let tmux = Tmux::start("followups", 100, 30);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);

    tmux.send(&["4"]);
    tmux.wait_for(&[
        "! OVERSKREDET    senest mandag den 18. september 2017",
        "… AFVENTER       efter 2 forløb — 0 afholdt",
    ]);
    // The evaluation is the last but one: the last is the report-back.
    tmux.send(&["G", "k"]);
    tmux.wait_for(&["Frist: efter 2 forløb — 0 afholdt"]);
    tmux.send(&["r"]);
    tmux.wait_for(&["Afholdt forløb: dato og note", "2017-09-20"]);
    tmux.send(&["C-u"]);
    tmux.type_text("2017-11-01 Forløb 1, Vejle");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Gemt: forløb registreret", "efter 2 forløb — 1 afholdt"]);

    // The file on disk holds the run.
    let file = std::fs::read_to_string(tmp.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    assert!(
        file.contains("runs = [\n  { date = 2017-11-01, note = \"Forløb 1, Vejle\" },\n]"),
        "{file}"
    );

    tmux.send(&["r"]);
    tmux.wait_for(&["Afholdt forløb: dato og note"]);
    tmux.send(&["C-u"]);
    tmux.type_text("2017-12-06 Forløb 2, Odense");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Antallet er nået", "» UDLØST"]);

    tmux.send(&["a"]);
    tmux.wait_for(&[
        "Sæt på dagsordenen",
        "▶ SDF  fredag den 9. februar 2018  (foreslået",
    ]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Sat på dagsordenen: SDF 9. februar 2018, punkt 2"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    let file = std::fs::read_to_string(tmp.path().join("2017/2017-09-08-sdf.toml")).unwrap();
    assert!(
        file.contains("{ date = 2017-12-06, note = \"Forløb 2, Odense\" },"),
        "{file}"
    );
    let meeting = std::fs::read_to_string(tmp.path().join("2018/2018-02-09-sdf.toml")).unwrap();
    assert!(
        meeting.contains("answers = [\"myndighedsforloeb-evaluering\"]"),
        "{meeting}"
    );

    // The command line agrees: it is due now, and on the agenda.
    let list = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .args(["--today", "2017-12-07", "--dir"])
        .arg(tmp.path())
        .args(["followups", "--state", "due"])
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.contains("UDLØST           efter 2 forløb — 2 afholdt"),
        "{list}"
    );
    assert!(
        list.contains("på dagsordenen: SDF 9. februar 2018, punkt 2"),
        "{list}"
    );
}

#[test]
fn move_a_meeting_in_the_calendar_and_export_it_again() {
    let tmp = sample_copy();
    let tmux = Tmux::start("calendar", 120, 40);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);

    tmux.send(&["5"]);
    tmux.wait_for(&["Mødeplan 2017", "Onsdag den 20. september 2017 · uge 38"]);
    // On to the SDF meeting of 9 February 2018 (the third meeting from today), pick it
    // up, and drop it a week later.
    tmux.send(&["n", "n", "n"]);
    tmux.wait_for(&[
        "Fredag den 9. februar 2018 · uge 6",
        "ons 24. jan → fre 9. feb     16  flyttes",
    ]);
    tmux.send(&["m"]);
    tmux.wait_for(&["Flyt SDF fre 9. feb: vælg den nye dag og tryk Enter"]);
    tmux.send(&["j", "Enter"]);
    tmux.wait_for(&["Hvorfor flyttes mødet?"]);
    tmux.type_text("KKR-mødet blev flyttet");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Besluttet under punkt", "2017-09-08-sdf#9"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&[
        "Gemt: møde flyttet",
        "ons 24. jan → fre 16. feb    23",
        "SDF fre 9. feb → fre 16. feb",
    ]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    let plan = std::fs::read_to_string(tmp.path().join("calendar/2018.toml")).unwrap();
    assert!(
        plan.contains(
            "(uge 6). KKR-mødet blev flyttet\"\ndecided_by = \"2017-09-08-sdf#9\"\nto = 2018-02-16"
        ),
        "{plan}"
    );
    // The calendar file follows: same UID, one event at the new date, SEQUENCE 1.
    let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .arg("--dir")
        .arg(tmp.path())
        .args([
            "--today",
            "2018-01-10",
            "calendar",
            "2018",
            "--format",
            "ics",
        ])
        .output()
        .unwrap();
    let ics = String::from_utf8(out.stdout).unwrap();
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:2018-02-09-sdf@"))
        .expect("the meeting's event");
    assert!(event.contains("SEQUENCE:1"), "{event}");
    assert!(
        event.contains("DTSTART;TZID=Europe/Copenhagen:20180216T090000"),
        "{event}"
    );
    assert_eq!(ics.matches("UID:2018-02-09-sdf@").count(), 1);
}

#[test]
fn a_municipal_committees_minutes_are_read_and_their_case_data_corrected() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("tests/fixtures/municipal"), tmp.path());
    let tmux = Tmux::start("municipal", 120, 40);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg", "fredag den 12. marts 2021"]);
    // The oldest meeting is the held one; its items as printed, in the order taken.
    tmux.send(&["G", "Enter"]);
    let screen = tmux.wait_for(&["112. Godkendelse af dagsorden", "113a. Tillægsbevilling"]);
    assert!(screen.find("115. Høring").unwrap() < screen.find("114. Meddelelser").unwrap());
    tmux.send(&["j"]);
    tmux.wait_for(&["Sagsnr.: 21/1234", "1. budgetopfølgningen tages til"]);
    // Correct the case number in the form, save with Ctrl-S.
    tmux.send(&["I"]);
    tmux.wait_for(&["Sagsoplysninger"]);
    for _ in 0..11 {
        tmux.send(&["Up"]);
    }
    tmux.send(&["End"]);
    tmux.type_text("-B");
    tmux.send(&["C-s"]);
    tmux.wait_for(&["Gemt", "Sagsnr.: 21/1234-B"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
    let file =
        std::fs::read_to_string(tmp.path().join("2021/2021-03-12-børn-og-unge.toml")).unwrap();
    assert!(file.contains("number = \"21/1234-B\""), "{file}");
    assert!(file.contains("# Published minutes of a municipal committee, as printed."));
}

impl Tmux {
    /// A tmux format for the pane, e.g. `#{alternate_on}`.
    fn display(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "e2e", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// The app's process: the child of the pane's shell.
    fn app_pid(&self) -> String {
        let shell = self.display("#{pane_pid}");
        let limit = Instant::now() + Duration::from_secs(30);
        loop {
            let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
            let pid = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if !pid.is_empty() {
                return pid.lines().next().unwrap_or_default().to_owned();
            }
            assert!(Instant::now() < limit, "the app did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends `signal` (`TERM`, `TSTP` …) to the app.
    fn kill(&self, signal: &str) {
        let pid = self.app_pid();
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal} {pid}");
    }

    /// After a stop: `fg`, the screen drawn anew with `shown`, then quit with status 0 (the
    /// job's own `echo exit=…` went with the stop; `fg` gives its status) and a sane
    /// terminal.
    fn resume_and_quit(&self, shown: &str) {
        self.type_text("clear; fg");
        self.send(&["Enter"]);
        self.wait_for(&[shown]);
        assert_eq!(self.display("#{alternate_on}"), "1");
        self.send(&["q"]);
        self.wait_for(&["e2e$"]);
        self.type_text("echo fg-exit=$?");
        self.send(&["Enter"]);
        self.wait_for(&["fg-exit=0\n"]);
        self.assert_terminal_sane();
    }

    /// The terminal as the shell has it: not the app's screen, no mouse capture, cooked.
    fn assert_terminal_sane(&self) {
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "left the alternate screen"
        );
        assert!(!self.mouse_captured(), "mouse capture is off");
        assert_eq!(self.display("#{cursor_flag}"), "1", "the cursor is shown");
        // The marker is printed as `stty-2-done`, which the typed command does not contain.
        self.type_text("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e -icanon -e -echo; echo stty-$((1+1))-done");
        self.send(&["Enter"]);
        let screen = self.wait_for(&["stty-2-done"]);
        let tail = &screen[screen.rfind("stty -a").unwrap_or(0)..];
        assert!(
            tail.contains("\nicanon") && tail.contains("\necho"),
            "cooked mode: {tail}"
        );
    }
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back_and_take_the_lock_hint_away() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let tmp = sample_copy();
        let tmux = Tmux::start(&format!("signal-{signal}"), 100, 30);
        tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
        tmux.wait_for(&["Næste møder"]);
        // A save takes the meeting's lock hint.
        tmux.send(&["2", "Enter", "s"]);
        tmux.wait_for(&["Status: referat godkendt ·"]);
        let hint = tmp.path().join("2017/.2017-09-08-sdf.toml.lock");
        assert!(hint.exists(), "the save took the lock hint");
        assert_eq!(tmux.display("#{alternate_on}"), "1");
        tmux.kill(signal);
        tmux.wait_for(&[&format!("exit={code}")]);
        assert!(!hint.exists(), "SIG{signal} took the lock hint away");
        tmux.assert_terminal_sane();
    }
}

/// A kill while typing keeps the text: it is written to the data folder, the path is
/// printed, and the next start says it is there.
#[test]
fn sigterm_while_typing_keeps_the_typed_text() {
    let tmp = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let env = format!("EDITOR= VISUAL= XDG_DATA_HOME='{}'", data.path().display());
    let tmux = Tmux::start("typed", 100, 30);
    tmux.launch_in(tmp.path(), &env, "");
    tmux.wait_for(&["Næste møder"]);
    // The meeting's first item, its background in the built-in editor.
    tmux.send(&["2", "Enter", "e"]);
    tmux.type_text(" Skrevet lige før lukning");
    tmux.wait_for(&["Skrevet lige før lukning"]);
    tmux.kill("TERM");
    let screen = tmux.wait_for(&["exit=143"]);
    assert!(screen.contains("teksten, du skrev, er gemt i"), "{screen}");
    let drafts: Vec<_> = std::fs::read_dir(data.path().join("dagsorden/drafts"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(drafts.len(), 1);
    assert!(
        drafts[0].contains("Skrevet lige før lukning"),
        "{}",
        drafts[0]
    );
    tmux.assert_terminal_sane();
    // The next start says where it is.
    tmux.launch_in(tmp.path(), &env, "");
    tmux.wait_for(&["En tekst fra en afbrudt session er gemt i"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_screen_back() {
    let tmux = Tmux::start("suspend", 100, 30);
    tmux.launch("EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["C-z"]);
    tmux.wait_for(&["Stopped"]);
    tmux.assert_terminal_sane();
    // Back in the app on the screen it left, drawn anew.
    tmux.resume_and_quit("Møder — alle udvalg");
}

#[test]
fn sigtstp_from_outside_stops_and_fg_resumes_with_the_screen_drawn_anew() {
    let tmux = Tmux::start("tstp", 100, 30);
    tmux.launch("EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);
    tmux.kill("TSTP");
    tmux.wait_for(&["Stopped"]);
    tmux.assert_terminal_sane();
    tmux.resume_and_quit("Næste møder");
}

#[test]
fn a_meeting_file_changed_on_disk_shows_on_screen_without_a_restart() {
    let archive = sample_copy();
    let tmux = Tmux::start("watch", 120, 40);
    tmux.launch_in(archive.path(), "", "");
    tmux.wait_for(&["1 Oversigt", "Næste møder"]);
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Punkter", "Sammen om psykiatri"]);

    // A colleague's editor saves a new title for item 7 (as an editor does: in place).
    let file = archive.path().join("2017/2017-09-08-sdf.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replace(
        "title = \"Sammen om psykiatri\"",
        "title = \"Sammen om psykiatri og misbrug\"",
    );
    assert_ne!(text, changed);
    std::fs::write(&file, changed).unwrap();

    let screen = tmux.wait_for(&[
        "Sammen om psykiatri og misbrug",
        "Ændret på disken, læst igen: 2017/2017-09-08-sdf.toml",
    ]);
    assert!(
        screen.contains("Punkter"),
        "the meeting stays open:\n{screen}"
    );
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
}

/// A key bound in keymap.toml while the app runs works at once: the settings' folder is
/// watched like the archive.
#[test]
fn a_key_bound_in_the_keymap_while_the_app_runs_works_at_once() {
    let archive = sample_copy();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("config.toml"), "").unwrap();
    let tmux = Tmux::start("keymap", 100, 30);
    let args = format!("--config '{}'", config.path().join("config.toml").display());
    tmux.launch_in(archive.path(), "", &args);
    tmux.wait_for(&["1 Oversigt", "Næste møder"]);
    std::fs::write(
        config.path().join("keymap.toml"),
        "[keys]\n\"x\" = \"screen-meetings\"\n",
    )
    .unwrap();
    tmux.wait_for(&["Farvetema og taster læst igen"]);
    tmux.send(&["x"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);
}

/// The secretary's day without leaving the app: a new meeting (its date mistyped and
/// corrected in place), an item with its fields, the agenda published and exported, the
/// meeting held (an Esc over a decision being typed answered "no"), the minutes exported.
#[test]
fn the_secretarys_day_from_a_new_meeting_to_the_exported_minutes() {
    let tmp = sample_copy();
    let tmux = Tmux::start("day", 110, 34);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);

    // The meeting, its date typed as staff write it, with a day that does not exist.
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["Nyt møde"]);
    tmux.send(&["C-u"]);
    tmux.type_text("sdf 31/11-2017");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["sdf 31/11-2017", "31. november 2017 findes ikke"]);
    // Corrected where it is wrong: the text is still there.
    for _ in 0.."/11-2017".len() {
        tmux.send(&["Left"]);
    }
    tmux.send(&["BSpace"]);
    tmux.type_text("0");
    tmux.send(&["Enter"]);
    // The follow-up due by then is offered; not as an item this time.
    tmux.wait_for(&["1 opfølgning forfalder til mødet. Tilføj den som punkt?"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["torsdag den 30. november 2017", "4 punkter"]);

    // An item: title, recommendation, background (in the built-in editor).
    tmux.send(&["a"]);
    tmux.wait_for(&["Nyt punkt: titel"]);
    tmux.type_text("Budget for døgnseminaret");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Gemt: nyt punkt", "5 punkter"]);
    tmux.send(&["i"]);
    tmux.wait_for(&["Indstilling: første linje"]);
    tmux.type_text("Det indstilles, at Socialdirektørforum:");
    tmux.send(&["Enter"]);
    tmux.type_text("- godkender budgettet for døgnseminaret");
    tmux.send(&["C-s"]);
    tmux.wait_for(&["Gemt: indstilling"]);
    tmux.send(&["e"]);
    tmux.wait_for(&["Ctrl-S gem"]);
    tmux.type_text("Budgettet er på 45.000 kr.");
    tmux.send(&["C-s"]);
    tmux.wait_for(&["Gemt: baggrund"]);

    // Published, and the agenda exported from the screen.
    tmux.send(&["s"]);
    tmux.wait_for(&["Status: dagsorden udsendt"]);
    tmux.send(&["E"]);
    tmux.wait_for(&["Eksportér", "Referat, internt"]);
    tmux.send(&["Right"]);
    tmux.send(&["Right"]);
    tmux.wait_for(&["exports/2017-11-30-sdf-dagsorden.md"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Skrevet:", "o åbn"]);
    tmux.send(&["Escape"]);
    tmux.wait_gone("o åbn");

    // Held: a decision typed, Esc pressed by mistake and answered "no", then saved.
    tmux.send(&["m"]);
    tmux.wait_for(&["MØDETILSTAND", "▶ godkender budgettet"]);
    tmux.send(&["c"]);
    // The prompt opens with the recommendation in past tense; it is replaced.
    // One sentence recommended: the title names no clause.
    tmux.wait_for(&[
        "Ctrl-S gem",
        "godkendte budgettet",
        "Beslutning (Markdown) (Godkendt med",
    ]);
    tmux.send(&["C-u"]);
    tmux.type_text("Budgettet blev godkendt med en ramme på 40.000 kr.");
    tmux.send(&["Escape"]);
    tmux.wait_for(&["Kassér ændringerne?"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["40.000 kr.", "Ctrl-S gem"]);
    tmux.send(&["C-s"]);
    tmux.wait_for(&["Gemt: beslutning"]);

    tmux.send(&["E"]);
    tmux.wait_for(&["exports/2017-11-30-sdf-referat.md"]);
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Skrevet:"]);
    tmux.send(&["Escape"]);
    tmux.wait_gone("o åbn");
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    let file = std::fs::read_to_string(tmp.path().join("2017/2017-11-30-sdf.toml")).unwrap();
    assert!(file.contains("Budgettet er på 45.000 kr."), "{file}");
    let agenda =
        std::fs::read_to_string(tmp.path().join("exports/2017-11-30-sdf-dagsorden.md")).unwrap();
    assert!(agenda.contains("Budget for døgnseminaret"), "{agenda}");
    assert!(
        agenda.contains("godkender budgettet for døgnseminaret"),
        "{agenda}"
    );
    assert!(
        !agenda.contains("40.000"),
        "the agenda was written before the meeting"
    );
    let minutes =
        std::fs::read_to_string(tmp.path().join("exports/2017-11-30-sdf-referat.md")).unwrap();
    assert!(
        minutes.contains("Budgettet blev godkendt med en ramme på 40.000 kr."),
        "{minutes}"
    );
    assert!(minutes.contains("Godkendt med ændringer"), "{minutes}");
}

/// The archive in git: a decision recorded in meeting mode, Ctrl-S, and the commit is in
/// the remote with the user as author and a message saying what was recorded; `dagsorden
/// log` shows the change.
#[test]
fn a_decision_recorded_and_synced_is_a_commit_in_the_remote_and_in_the_log() {
    let tmp = sample_copy();
    let remote = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "--quiet", "-b", "main"]);
    as_user(tmp.path(), "Anne");
    let init = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .arg("init")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    git(remote.path(), &["init", "--quiet", "--bare", "r.git"]);
    let bare = remote.path().join("r.git");
    git(
        tmp.path(),
        &["remote", "add", "origin", bare.to_str().unwrap()],
    );
    git(tmp.path(), &["push", "--quiet", "-u", "origin", "main"]);

    let tmux = Tmux::start("gitsync", 110, 34);
    tmux.launch_in(tmp.path(), "EDITOR= VISUAL=", "");
    tmux.wait_for(&["Næste møder"]);
    new_meeting_with_a_decision(&tmux);
    tmux.send(&["C-s"]);
    tmux.wait_for(&["sendt"]);
    tmux.send(&["Escape"]);
    tmux.wait_gone("MØDETILSTAND");

    // The reference meeting: item 9's second clause decided anew in meeting mode, synced,
    // and its history shown with H.
    tmux.send(&[":"]);
    tmux.wait_for(&["Kommandoer og find"]);
    tmux.type_text("Mødeplan for Socialdirektørforum 2018");
    tmux.wait_for(&["9. Mødeplan for Socialdirektørforum 2018", "SDF 08.09.2017"]);
    tmux.send(&["Enter"]);
    tmux.wait_gone("Kommandoer og find");
    tmux.send(&["m"]);
    tmux.wait_for(&["MØDETILSTAND", "▶ – mødeplan for møderne"]);
    tmux.send(&["j"]);
    tmux.wait_for(&["▶ – forslag om afholdelse af studietur"]);
    tmux.send(&["d"]);
    tmux.wait_for(&["Gemt: beslutning"]);
    tmux.send(&["C-s"]);
    tmux.wait_for(&["1 sendt"]);
    tmux.send(&["Escape"]);
    tmux.wait_gone("MØDETILSTAND");
    // Meeting mode moved on to item 10: back to 9 in the list.
    tmux.send(&["h"]);
    tmux.wait_for(&["▶ Punkter"]);
    tmux.send(&["k"]);
    tmux.wait_for(&["┌ 9. Mødeplan for Socialdirektørforum 2018"]);
    tmux.send(&["H"]);
    tmux.wait_for(&[
        "Historik: punkt 9",
        "Beslutning ændret: SDF 8. september 2017, punkt 9 (b)",
        "+ 2. Drøftet",
    ]);
    tmux.send(&["Escape"]);
    tmux.wait_gone("Historik: punkt 9");
    tmux.wait_for(&["Beslutningen sidst ændret af Anne"]);
    tmux.send(&["q"]);
    tmux.wait_for(&["exit=0"]);

    let remote = git(&bare, &["log", "-1", "--format=%an|%s", "main"]);
    assert_eq!(
        remote.trim(),
        "Anne|Beslutning ændret: SDF 8. september 2017, punkt 9 (b)"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .arg("--dir")
        .arg(tmp.path())
        .args(["log", "2017-09-08-sdf#9"])
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("Anne  Beslutning ændret: SDF 8. september 2017, punkt 9 (b)"),
        "{shown}"
    );
    assert!(shown.contains("2. Drøftet"), "{shown}");

    let log = git(&bare, &["log", "--format=%an|%s", "main"]);
    let decision = log
        .lines()
        .find(|l| l.contains("Beslutning registreret: SDF 16. november 2017, punkt"))
        .unwrap_or_else(|| {
            panic!(
                "no decision commit in the remote:\n{log}\nhere:\n{}\n{}",
                git(tmp.path(), &["log", "--format=%an|%s"]),
                git(tmp.path(), &["status", "--short"])
            )
        });
    assert!(decision.starts_with("Anne|"), "{log}");
    assert!(
        log.contains("Anne|Møde oprettet: SDF 16. november 2017"),
        "{log}"
    );
    let number = decision.rsplit("punkt ").next().unwrap().trim().to_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .arg("--dir")
        .arg(tmp.path())
        .args(["log", &format!("2017-11-16-sdf#{number}")])
        .env("XDG_CONFIG_HOME", root().join("tests/fixtures/no-config"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Anne  Beslutning registreret"), "{shown}");
    assert!(shown.contains("godkendte budgettet"), "{shown}");
}

/// From the Oversigt: SDF's planned meeting of 16 November 2017 created (its due follow-up
/// not made an item), an item added with a recommendation, and the decision recorded in
/// meeting mode, which stays open.
fn new_meeting_with_a_decision(tmux: &Tmux) {
    tmux.send(&["2"]);
    tmux.wait_for(&["Møder — alle udvalg"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["Nyt møde", "sdf 2017-11-16"]);
    tmux.send(&["Enter"]);
    // The follow-up due at that meeting is offered; this time not as an item.
    tmux.wait_for(&["1 opfølgning forfalder til mødet. Tilføj den som punkt?"]);
    tmux.send(&["n"]);
    tmux.wait_for(&["torsdag den 16. november 2017", "4 punkter"]);

    tmux.send(&["a"]);
    tmux.wait_for(&["Nyt punkt: titel"]);
    tmux.type_text("Budget for døgnseminaret");
    tmux.send(&["Enter"]);
    tmux.wait_for(&["Gemt: nyt punkt", "5 punkter"]);

    tmux.send(&["i"]);
    tmux.wait_for(&["Indstilling: første linje"]);
    tmux.type_text("Det indstilles, at Socialdirektørforum:");
    tmux.send(&["Enter"]);
    tmux.type_text("- godkender budgettet for døgnseminaret");
    tmux.send(&["C-s"]);
    tmux.wait_for(&["Gemt: indstilling"]);

    tmux.send(&["m"]);
    tmux.wait_for(&["MØDETILSTAND", "▶ godkender budgettet"]);
    tmux.send(&["a"]);
    tmux.wait_for(&["Gemt: beslutning"]);
}
