//! The archive in git, from the screens: every save becomes a commit (in the background,
//! built from what the save wrote; a burst of saves of one change is one commit), and
//! Ctrl-S syncs with the others; what the sync fetched is read in like any change on disk.

use super::app::{App, Message};
use super::git_reader::{Answer, GitReader};
use crate::git::Repo;
use crate::git::commit::FileState;
use crate::git::worker::{GitWorker, Report};
use crate::lang::Lang;

impl App {
    /// Starts recording saves as commits, when the archive is in git, set up for dagsorden
    /// (`dagsorden init` registered its merge driver: a folder that merely lies in some
    /// repository, such as the bundled sample in a clone of this project, is left alone).
    /// History and the branch's state are read there in any case; saves are committed
    /// unless `auto_commit` is off.
    pub fn start_git(&mut self) {
        let repo = Repo::find(&self.archive.root).filter(crate::git::setup::driver_registered);
        let Some(mut repo) = repo else { return };
        repo.batch = true;
        let mut reader = GitReader::new(repo.clone(), self.lang);
        reader.branch();
        self.git_reader = Some(reader);
        if self.auto_commit {
            self.store.record_writes();
            self.git = Some(GitWorker::start(
                repo,
                self.user_name.clone(),
                self.archive.forum.language,
            ));
        }
    }

    /// Whether git works in the background (the event loop then looks for its news).
    pub fn git_running(&self) -> bool {
        self.git.is_some() || self.git_reader.as_ref().is_some_and(GitReader::waiting)
    }

    /// Hands what was saved since the last look to git, each step with its message.
    pub fn record_git(&mut self) {
        let Some(git) = &self.git else { return };
        for written in self.store.take_written() {
            let message = crate::git::message::message(
                &written,
                &self.archive.forum,
                self.archive.forum.language,
            );
            git.commit(message, FileState::of(&written));
        }
        self.ask_decision_changes();
    }

    /// Who last changed the open meeting's decisions, asked once per file and commit.
    fn ask_decision_changes(&mut self) {
        let Some(file) = self.current_meeting().map(|(m, _)| m.file.clone()) else {
            return;
        };
        if self
            .decision_changes
            .as_ref()
            .is_some_and(|(f, _)| *f == file)
        {
            return;
        }
        if let Some(reader) = &mut self.git_reader {
            // Asked for this file meanwhile: an empty answer until git's comes.
            self.decision_changes = Some((file.clone(), Default::default()));
            reader.decisions(file);
        }
    }

    /// Ctrl-S: sync with the others.
    pub(super) fn sync_git(&mut self) {
        self.record_git();
        let da = self.lang == Lang::Da;
        match &self.git {
            Some(git) => git.sync(),
            None => self.message = Some(Message::Error(
                if da {
                    "Arkivet er ikke i git eller ikke sat op til det; kør dagsorden init på mappen (se README)"
                } else {
                    "The archive is not in git, or not set up for it; run dagsorden init on the folder (see the README)"
                }
                .to_owned(),
            )),
        }
    }

    /// Takes in what git did; returns whether the screen must be redrawn.
    pub fn poll_git(&mut self) -> bool {
        self.ask_decision_changes();
        self.fetch_now_and_then();
        let mut redraw = self.poll_git_reader();
        let Some(git) = &self.git else { return redraw };
        let reports = git.reports();
        let lang = self.lang;
        let (mut committed, mut fetched) = (false, false);
        for report in reports {
            committed |= matches!(report, Report::Committed(_) | Report::Synced(_));
            fetched |= matches!(report, Report::Fetched);
            match report {
                Report::Committed(_) | Report::Fetched => {}
                Report::CommitFailed(why) => {
                    self.message = Some(Message::Error(format!(
                        "{}: {}",
                        match lang {
                            Lang::Da => "Gemt, men ikke lagt i git",
                            Lang::En => "Saved, but not committed",
                        },
                        why.get(lang)
                    )));
                    redraw = true;
                }
                Report::Syncing => {
                    self.message = Some(Message::Info(
                        match lang {
                            Lang::Da => "Synkroniserer …",
                            Lang::En => "Syncing …",
                        }
                        .to_owned(),
                    ));
                    redraw = true;
                }
                Report::Synced(synced) => {
                    let line = synced.line(lang);
                    self.disk_changed(synced.changed.clone());
                    self.message = Some(Message::Info(crate::text::sanitize(&line).into_owned()));
                    redraw = true;
                }
                Report::NotSynced(why) => {
                    let why = why.said();
                    self.message = Some(Message::Error(crate::lang::capitalized(why.get(lang))));
                    redraw = true;
                }
            }
        }
        if let Some(reader) = self.git_reader.as_mut().filter(|_| committed || fetched) {
            reader.branch();
        }
        if committed {
            // A new commit here: who changed what is asked again.
            self.decision_changes = None;
            self.ask_decision_changes();
        }
        redraw
    }

    /// Every few minutes a quiet fetch, so that the status bar can say what waits at the
    /// others ("↓3 at hente"), as lazygit does; nothing is taken in until the user syncs.
    fn fetch_now_and_then(&mut self) {
        let Some(git) = &self.git else { return };
        let due = self
            .last_fetch
            .is_none_or(|t| t.elapsed() >= super::app::FETCH_EVERY);
        if due {
            self.last_fetch = Some(std::time::Instant::now());
            git.fetch();
        }
    }

    /// Takes in git's answers about history and the branch; whether to redraw.
    fn poll_git_reader(&mut self) -> bool {
        let Some(reader) = &mut self.git_reader else {
            return false;
        };
        let answers = reader.answers();
        let redraw = !answers.is_empty();
        for answer in answers {
            match answer {
                Answer::Branch(branch) => self.branch = Some(branch),
                Answer::Decisions { file, by_item } => {
                    if self
                        .decision_changes
                        .as_ref()
                        .is_some_and(|(f, _)| *f == file)
                    {
                        self.decision_changes = Some((file, by_item));
                        // The item pane says who changed the decision: laid out again.
                        self.forget_layout();
                    }
                }
                history @ Answer::History { .. } => self.item_history_came(history),
            }
        }
        redraw
    }

    /// Commits what waits before the app ends.
    pub fn finish_git(&mut self) {
        self.record_git();
        if let Some(mut git) = self.git.take() {
            git.finish();
        }
    }
}
