//! Commits are made of what a step wrote, not of what the work tree holds when git runs:
//! the screens save the next step while the last is being committed.

use std::path::{Path, PathBuf};

use dagsorden::git::Repo;
use dagsorden::git::commit::FileState;
use dagsorden::git::worker::GitWorker;
use dagsorden::lang::Lang;

mod common;
use common::git::{as_user, git};

/// A repository with one committed file, `agendas/a.toml`, the archive being `agendas/`.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "--quiet", "-b", "main"]);
    as_user(tmp.path(), "Anne");
    let archive = tmp.path().join("agendas");
    std::fs::create_dir(&archive).unwrap();
    std::fs::write(archive.join("a.toml"), "title = \"one\"\n").unwrap();
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "--quiet", "-m", "first"]);
    (tmp, archive)
}

fn state(rel: &str, text: Option<&str>) -> FileState {
    FileState {
        rel: PathBuf::from(rel),
        text: text.map(str::to_owned),
    }
}

fn repo_at(dir: &Path) -> Repo {
    Repo {
        dir: dir.to_path_buf(),
        batch: true,
        stop: None,
    }
}

#[test]
fn the_commit_holds_the_steps_text_while_the_file_already_holds_the_next() {
    let (tmp, archive) = repo();
    // The next step is on disk before the commit of this one is made.
    std::fs::write(archive.join("a.toml"), "title = \"three\"\n").unwrap();
    let made = repo_at(&archive)
        .commit_states(
            "Titel ændret",
            &[state("a.toml", Some("title = \"two\"\n"))],
            None,
        )
        .unwrap();
    assert!(made);
    assert_eq!(
        git(tmp.path(), &["show", "HEAD:agendas/a.toml"]),
        "title = \"two\"\n"
    );
    assert_eq!(
        git(tmp.path(), &["log", "-1", "--format=%an|%s"]).trim(),
        "Anne|Titel ændret"
    );
    // The work tree is left alone, and git sees the next step as not yet committed.
    assert_eq!(
        std::fs::read_to_string(archive.join("a.toml")).unwrap(),
        "title = \"three\"\n"
    );
    assert_eq!(
        git(tmp.path(), &["status", "--porcelain"]).trim(),
        "M agendas/a.toml"
    );
}

#[test]
fn new_and_removed_files_are_committed_and_an_unchanged_step_is_not() {
    let (tmp, archive) = repo();
    std::fs::write(archive.join("b.toml"), "x = 1\n").unwrap();
    std::fs::remove_file(archive.join("a.toml")).unwrap();
    let repo = repo_at(&archive);
    let made = repo
        .commit_states(
            "Flyttet",
            &[state("b.toml", Some("x = 1\n")), state("a.toml", None)],
            None,
        )
        .unwrap();
    assert!(made);
    assert_eq!(
        git(tmp.path(), &["ls-tree", "-r", "--name-only", "HEAD"]).trim(),
        "agendas/b.toml"
    );
    assert_eq!(git(tmp.path(), &["status", "--porcelain"]), "");
    let again = repo
        .commit_states("Flyttet", &[state("b.toml", Some("x = 1\n"))], None)
        .unwrap();
    assert!(!again, "nothing changed, so no commit");
    assert_eq!(
        git(tmp.path(), &["rev-list", "--count", "HEAD"]).trim(),
        "2"
    );
}

#[test]
fn a_burst_of_saves_of_one_change_is_one_commit_of_the_last_and_other_changes_are_their_own() {
    let (tmp, archive) = repo();
    let mut worker = GitWorker::start(repo_at(&archive), None, Lang::Da);
    for title in ["t", "tw", "two"] {
        worker.commit(
            "Titel ændret: punkt 1".to_owned(),
            vec![state("a.toml", Some(&format!("title = \"{title}\"\n")))],
        );
    }
    worker.commit(
        "Beslutning registreret: punkt 1".to_owned(),
        vec![state(
            "a.toml",
            Some("title = \"two\"\ndecision = \"godkendt\"\n"),
        )],
    );
    worker.finish();
    assert_eq!(
        git(tmp.path(), &["log", "--format=%s"]),
        "Beslutning registreret: punkt 1\nTitel ændret: punkt 1\nfirst\n"
    );
    assert_eq!(
        git(tmp.path(), &["show", "HEAD~1:agendas/a.toml"]),
        "title = \"two\"\n"
    );
}

#[test]
fn a_files_mode_in_the_repository_is_kept_and_many_files_are_one_commit() {
    let (tmp, archive) = repo();
    let script = archive.join("run.sh");
    std::fs::write(&script, "#!/bin/sh\n").unwrap();
    git(tmp.path(), &["add", "--chmod=+x", "agendas/run.sh"]);
    git(tmp.path(), &["commit", "--quiet", "-m", "script"]);
    let mut files = vec![state("run.sh", Some("#!/bin/sh\necho\n"))];
    files.extend((0..50).map(|n| FileState {
        rel: PathBuf::from(format!("2017/m{n}.toml")),
        text: Some(format!("n = {n}\n")),
    }));
    assert!(
        repo_at(&archive)
            .commit_states("Import", &files, None)
            .unwrap()
    );
    let tree = git(tmp.path(), &["ls-tree", "-r", "HEAD"]);
    assert!(tree.contains("100755 blob"), "{tree}");
    assert!(
        tree.lines()
            .any(|l| l.starts_with("100755") && l.ends_with("agendas/run.sh")),
        "{tree}"
    );
    assert_eq!(
        tree.lines()
            .filter(|l| l.contains("agendas/2017/m"))
            .count(),
        50
    );
    assert_eq!(
        git(tmp.path(), &["rev-list", "--count", "HEAD"]).trim(),
        "3"
    );
}
