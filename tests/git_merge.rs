//! Two secretaries share the archive through git: a bare remote and two clones, "Anne" and
//! "Bo", with dagsorden's merge driver registered by `dagsorden init`. Edits of different
//! fields of the same meeting merge in either order (merge or rebase) with no conflict; the
//! same field changed two ways is one conflict that loads, is reported by `check`, and is
//! resolved. No network: the remote is a folder.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::copy_dir;

const MEETING: &str = "2017/2017-09-08-sdf.toml";

struct Team {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    remote: PathBuf,
}

impl Team {
    /// A remote holding the sample archive, put there by Anne's `dagsorden init`.
    fn new() -> Team {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let team = Team {
            home,
            remote: tmp.path().join("remote.git"),
            _tmp: tmp,
        };
        team.git(
            team.remote.parent().unwrap(),
            &["init", "--quiet", "--bare", "remote.git"],
        );
        let anne = team.clone_dir("anne-first");
        copy_dir(&common::sample_dir(), &anne);
        team.dagsorden(&anne, &["init", "."]);
        team.git(
            &anne,
            &["push", "--quiet", "origin", "HEAD:refs/heads/main"],
        );
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn dagsorden(&self, dir: &Path, args: &[&str]) -> (String, i32) {
        let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
            .current_dir(dir)
            .args(["--today", "2017-09-20"])
            .args(args)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env_remove("DAGSORDEN_DIR")
            .env_remove("DAGSORDEN_CONFIG")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (text, out.status.code().unwrap_or(-1))
    }

    /// A folder with git set up for `name` and the remote as origin (empty, for the first).
    fn clone_dir(&self, name: &str) -> PathBuf {
        let dir = self.remote.parent().unwrap().join(name);
        if name == "anne-first" {
            std::fs::create_dir(&dir).unwrap();
            self.git(&dir, &["init", "--quiet"]);
            self.git(
                &dir,
                &["remote", "add", "origin", self.remote.to_str().unwrap()],
            );
        } else {
            self.git(
                self.remote.parent().unwrap(),
                &[
                    "clone",
                    "--quiet",
                    "-b",
                    "main",
                    self.remote.to_str().unwrap(),
                    name,
                ],
            );
        }
        let who = name.split('-').next().unwrap();
        self.git(&dir, &["config", "user.name", who]);
        self.git(
            &dir,
            &["config", "user.email", &format!("{who}@example.dk")],
        );
        dir
    }

    /// A clone of the remote with the driver registered by `dagsorden init` (as a new
    /// colleague's machine would be set up).
    fn member(&self, name: &str) -> PathBuf {
        let dir = self.clone_dir(name);
        let (out, code) = self.dagsorden(&dir, &["init", "."]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("registreret"), "{out}");
        dir
    }
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join(MEETING);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn commit(team: &Team, dir: &Path, message: &str) {
    team.git(dir, &["commit", "--quiet", "-am", message]);
}

fn text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(MEETING)).unwrap()
}

/// Anne records the decision on item 4; Bo retitles item 7, adds an attachment to it and
/// logs a run of the follow-up of item 2. Each pulls the other's change.
fn four_changes(team: &Team, anne: &Path, bo: &Path) {
    edit(
        anne,
        "- øget fokus på politikker involvering\n",
        "- øget fokus på politikker involvering\n- øget fokus på økonomien\n",
    );
    commit(team, anne, "Beslutning registreret: punkt 4");
    edit(
        bo,
        "title = \"Sammen om psykiatri\"",
        "title = \"Sammen om psykiatri og misbrug\"",
    );
    edit(
        bo,
        "due = { kind = \"count\", count = 2, unit = \"forløb\" }\n",
        "due = { kind = \"count\", count = 2, unit = \"forløb\" }\nruns = [{ date = 2017-11-01, note = \"Forløb 1\" }]\n",
    );
    edit(
        bo,
        "[[items.attachments]]\npath = \"2017-09-08-sdf/Projektkommissorium",
        "[[items.attachments]]\npath = \"2017-09-08-sdf/Tidsplan.pdf\"\n\n[[items.attachments]]\npath = \"2017-09-08-sdf/Projektkommissorium",
    );
    commit(team, bo, "Titel, bilag og forløb");
}

fn assert_all_four(dir: &Path) {
    let t = text(dir);
    assert!(t.contains("- øget fokus på økonomien"), "{t}");
    assert!(
        t.contains("title = \"Sammen om psykiatri og misbrug\""),
        "{t}"
    );
    assert!(t.contains("note = \"Forløb 1\""), "{t}");
    assert!(t.contains("Tidsplan.pdf"), "{t}");
    assert!(!t.contains("conflicts") && !t.contains("<<<<<<<"), "{t}");
    // The comments of the file are still there.
    assert!(
        t.contains("# Møde i Socialdirektørforum den 8. september 2017"),
        "{t}"
    );
}

#[test]
fn different_fields_of_one_meeting_merge_in_either_order_without_a_conflict() {
    let team = Team::new();
    let anne = team.member("anne");
    let bo = team.member("bo");
    four_changes(&team, &anne, &bo);
    // Anne first: she pushes, Bo merges hers into his.
    team.git(&anne, &["push", "--quiet", "origin", "HEAD:main"]);
    team.git(&bo, &["pull", "--quiet", "--no-rebase", "origin", "main"]);
    assert_all_four(&bo);
    team.git(&bo, &["push", "--quiet", "origin", "HEAD:main"]);
    team.git(&anne, &["pull", "--quiet", "--no-rebase", "origin", "main"]);
    assert_all_four(&anne);
    assert_eq!(text(&anne), text(&bo));
    let (out, code) = team.dagsorden(&anne, &["--dir", ".", "check"]);
    assert_eq!(
        code, 1,
        "only the missing attachment file is reported: {out}"
    );
    assert!(
        out.contains("bilaget findes ikke: 2017-09-08-sdf/Tidsplan.pdf"),
        "{out}"
    );
    assert!(out.contains("0 fejl, 1 advarsel"), "{out}");
}

#[test]
fn the_other_order_with_rebase_gives_the_same_meeting() {
    let team = Team::new();
    let anne = team.member("anne");
    let bo = team.member("bo");
    four_changes(&team, &anne, &bo);
    // Bo first: he pushes, Anne rebases her decision onto his changes.
    team.git(&bo, &["push", "--quiet", "origin", "HEAD:main"]);
    team.git(&anne, &["pull", "--quiet", "--rebase", "origin", "main"]);
    assert_all_four(&anne);
    let log = team.git(&anne, &["log", "--format=%an %s"]);
    assert!(
        log.contains("anne Beslutning registreret: punkt 4"),
        "{log}"
    );
    assert!(log.contains("bo Titel, bilag og forløb"), "{log}");
}

/// Anne and Bo both retitle item 7, and Anne's is in the remote first.
fn both_retitle_item_7() -> (Team, PathBuf, PathBuf) {
    let team = Team::new();
    let anne = team.member("anne");
    let bo = team.member("bo");
    edit(
        &anne,
        "title = \"Sammen om psykiatri\"",
        "title = \"Sammen om psykiatri (Anne)\"",
    );
    commit(&team, &anne, "Anne's title");
    edit(
        &bo,
        "title = \"Sammen om psykiatri\"",
        "title = \"Sammen om psykiatri (Bo)\"",
    );
    commit(&team, &bo, "Bo's title");
    team.git(&anne, &["push", "--quiet", "origin", "HEAD:main"]);
    (team, anne, bo)
}

#[test]
fn one_field_changed_two_ways_is_one_conflict_reported_and_resolved() {
    let (team, _anne, bo) = both_retitle_item_7();
    team.git(&bo, &["pull", "--quiet", "--no-rebase", "origin", "main"]);
    let t = text(&bo);
    assert!(
        t.contains("title = \"Sammen om psykiatri (Bo)\""),
        "ours stays: {t}"
    );
    assert!(
        t.contains("[[conflicts]]") && t.contains("field = \"items[7].title\""),
        "{t}"
    );
    assert!(!t.contains("<<<<<<<"), "{t}");
    let (out, code) = team.dagsorden(&bo, &["--dir", ".", "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("uløst sammenfletningskonflikt: `items[7].title` blev ændret to steder"),
        "{out}"
    );
    // Resolved with Anne's version: the field has it, the record is gone, check is clean.
    let resolved =
        dagsorden::merge::resolve(&t, "items[7].title", dagsorden::merge::Choice::Theirs).unwrap();
    std::fs::write(bo.join(MEETING), resolved).unwrap();
    let (out, code) = team.dagsorden(&bo, &["--dir", ".", "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(text(&bo).contains("title = \"Sammen om psykiatri (Anne)\""));
}

#[test]
fn a_file_git_cannot_parse_gets_gits_own_markers() {
    let team = Team::new();
    let anne = team.member("anne");
    let bo = team.member("bo");
    edit(
        &anne,
        "title = \"Sammen om psykiatri\"",
        "title = \"Anne\"\nbroken = ",
    );
    commit(&team, &anne, "broken");
    edit(&bo, "title = \"Sammen om psykiatri\"", "title = \"Bo\"");
    commit(&team, &bo, "Bo");
    team.git(&anne, &["push", "--quiet", "origin", "HEAD:main"]);
    let out = Command::new("git")
        .current_dir(&bo)
        .args(["pull", "--quiet", "--no-rebase", "origin", "main"])
        .env("HOME", &team.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(!out.status.success(), "a conflict for git");
    let t = text(&bo);
    assert!(
        t.contains("<<<<<<< ours") && t.contains(">>>>>>> theirs"),
        "{t}"
    );
    let (out, _) = team.dagsorden(&bo, &["--dir", ".", "check"]);
    assert!(out.contains("uløst flettekonflikt"), "{out}");
}

#[test]
fn sync_on_the_command_line_fetches_merges_and_sends() {
    let team = Team::new();
    let anne = team.member("anne");
    let bo = team.member("bo");
    four_changes(&team, &anne, &bo);
    let (out, code) = team.dagsorden(&bo, &["--dir", ".", "sync"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 sendt"), "{out}");
    let (out, code) = team.dagsorden(&anne, &["--dir", ".", "sync"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 ændring hentet fra bo, 1 sendt"), "{out}");
    assert_all_four(&anne);
    let (out, _) = team.dagsorden(&bo, &["--dir", ".", "sync"]);
    assert!(out.contains("1 ændring hentet fra anne"), "{out}");
    assert_eq!(text(&anne), text(&bo));
    // Not in git: said, exit 2.
    let plain = tempfile::tempdir().unwrap();
    copy_dir(&common::sample_dir(), plain.path());
    let (out, code) = team.dagsorden(plain.path(), &["--dir", ".", "sync"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("arkivet er ikke i git"), "{out}");
}

#[test]
fn without_a_name_in_git_a_save_is_committed_with_the_configurations_name() {
    let team = Team::new();
    let cy = team.member("cy");
    team.git(&cy, &["config", "--unset", "user.name"]);
    team.git(&cy, &["config", "--unset", "user.email"]);
    let new = ["--dir", ".", "new", "--body", "sdf", "--date", "2017-11-16"];
    // No name anywhere: the meeting is saved, and the user told how to name themselves.
    let (out, code) = team.dagsorden(&cy, &new);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("git config --global user.name"), "{out}");
    assert!(cy.join("2017/2017-11-16-sdf.toml").exists());
    std::fs::remove_file(cy.join("2017/2017-11-16-sdf.toml")).unwrap();
    let config = cy.join("../cy-config.toml");
    std::fs::write(&config, "name = \"Cy Dam\"\n").unwrap();
    let mut named = vec!["--config", config.to_str().unwrap()];
    named.extend(new);
    let (out, code) = team.dagsorden(&cy, &named);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        team.git(&cy, &["log", "-1", "--format=%an <%ae>|%s"])
            .trim(),
        "Cy Dam <cydam@localhost>|Møde oprettet: SDF 16. november 2017"
    );
}

/// In a rebase git swaps the sides (its "ours" is the others' work); the user's own version
/// is still the one kept in the field and recorded as `mine`.
#[test]
fn in_a_rebase_mine_is_still_the_users_own_version() {
    let (team, _anne, bo) = both_retitle_item_7();
    team.git(&bo, &["pull", "--quiet", "--rebase", "origin", "main"]);
    let recorded = dagsorden::merge::recorded(&text(&bo));
    assert_eq!(recorded.len(), 1, "{}", text(&bo));
    assert!(
        text(&bo).contains("title = \"Sammen om psykiatri (Bo)\""),
        "{}",
        text(&bo)
    );
    assert_eq!(
        recorded[0].mine.as_deref(),
        Some("\"Sammen om psykiatri (Bo)\"")
    );
    assert_eq!(
        recorded[0].theirs.as_deref(),
        Some("\"Sammen om psykiatri (Anne)\"")
    );
}
