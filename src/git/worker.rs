//! git off the screens' thread: commits and syncs run here, one at a time, and report back
//! through a channel the event loop looks at, so a slow disk or remote never holds up a key.
//!
//! Saves of the same change to the same files in a burst (the same field saved again and
//! again while it is worked on) become one commit: a commit waits until a different change
//! comes, the burst has been still for a while, a sync is asked for, or the app ends.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Repo;
use super::sync::{NotSynced, Synced, sync};
use crate::lang::{Lang, Said};

/// How long a burst of saves of one change waits for more before it is committed.
const BURST: Duration = Duration::from_secs(20);

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
    let mut waiting: Option<(String, Vec<PathBuf>, Instant)> = None;
    let flush = |waiting: &mut Option<(String, Vec<PathBuf>, Instant)>| {
        if let Some((message, files, _)) = waiting.take() {
            let report = match repo.commit(&message, &files, name) {
                Ok(true) => Report::Committed(message),
                Ok(false) => return,
                Err(why) => Report::CommitFailed(why),
            };
            let _ = outbox.send(report);
        }
    };
    loop {
        let job = match inbox.recv_timeout(Duration::from_secs(2)) {
            Ok(job) => job,
            Err(RecvTimeoutError::Timeout) => {
                if waiting
                    .as_ref()
                    .is_some_and(|(_, _, at)| at.elapsed() >= BURST)
                {
                    flush(&mut waiting);
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => {
                flush(&mut waiting);
                return;
            }
        };
        match job {
            Job::Commit { message, files } => {
                let same = waiting
                    .as_ref()
                    .is_some_and(|(m, f, _)| *m == message && *f == files);
                if same {
                    if let Some(w) = &mut waiting {
                        w.2 = Instant::now();
                    }
                } else {
                    flush(&mut waiting);
                    waiting = Some((message, files, Instant::now()));
                }
            }
            Job::Sync => {
                flush(&mut waiting);
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
