//! git off the screens' thread: commits and syncs run here, one at a time, and report back
//! through a channel the event loop looks at, so a slow disk or remote never holds up a key.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::Repo;
use super::sync::{NotSynced, Synced, sync};
use crate::lang::{Lang, Said};

enum Job {
    Commit {
        message: String,
        files: Vec<PathBuf>,
    },
    Sync,
}

/// What the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Committed(String),
    CommitFailed(Said),
    Syncing,
    Synced(Synced),
    NotSynced(NotSynced),
}

pub struct GitWorker {
    jobs: Option<Sender<Job>>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

impl GitWorker {
    /// Starts the worker for `repo`; `name` stands in for git's `user.name`, and `lang` is
    /// the forum's language (of the commits it makes itself).
    pub fn start(repo: Repo, name: Option<String>, lang: Lang) -> GitWorker {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, reports) = mpsc::channel();
        let thread = std::thread::spawn(move || run(&repo, name.as_deref(), lang, &inbox, &outbox));
        GitWorker {
            jobs: Some(jobs),
            reports,
            thread: Some(thread),
        }
    }

    pub fn commit(&self, message: String, files: Vec<PathBuf>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Commit { message, files });
        }
    }

    pub fn sync(&self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Sync);
        }
    }

    /// What the worker did since the last look.
    pub fn reports(&self) -> Vec<Report> {
        self.reports.try_iter().collect()
    }

    /// Commits what waits and ends the worker.
    pub fn finish(&mut self) {
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for GitWorker {
    fn drop(&mut self) {
        self.finish();
    }
}

fn run(
    repo: &Repo,
    name: Option<&str>,
    lang: Lang,
    inbox: &Receiver<Job>,
    outbox: &Sender<Report>,
) {
    // Each step is committed as soon as it comes, so that the commit holds the files as the
    // step wrote them (a commit made later would take in later saves too).
    while let Ok(job) = inbox.recv() {
        match job {
            Job::Commit { message, files } => {
                let report = match repo.commit(&message, &files, name) {
                    Ok(true) => Report::Committed(message),
                    Ok(false) => continue,
                    Err(why) => Report::CommitFailed(why),
                };
                let _ = outbox.send(report);
            }
            Job::Sync => {
                let _ = outbox.send(Report::Syncing);
                let report = match sync(repo, name, lang) {
                    Ok(s) => Report::Synced(s),
                    Err(e) => Report::NotSynced(e),
                };
                let _ = outbox.send(report);
            }
        }
    }
}
