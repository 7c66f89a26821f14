//! git off the screens' thread: commits and syncs run here, one at a time, and report back
//! through a channel the event loop looks at, so a slow disk or remote never holds up a key.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::Repo;
use super::commit::FileState;
use super::sync::{NotSynced, Synced, sync};
use crate::lang::{Lang, Said};

enum Job {
    Commit {
        message: String,
        files: Vec<FileState>,
    },
    Sync,
    /// Only fetch, to know what waits at the others (nothing here changes).
    Fetch,
}

/// What the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Committed(String),
    CommitFailed(Said),
    Syncing,
    Synced(Synced),
    NotSynced(NotSynced),
    /// A quiet fetch ended (whether or not it reached the remote).
    Fetched,
}

pub struct GitWorker {
    jobs: Option<Sender<Job>>,
    /// Gives up a fetch or push under way when the worker is finished.
    stop: Arc<AtomicBool>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

impl GitWorker {
    /// Starts the worker for `repo`; `name` stands in for git's `user.name`, and `lang` is
    /// the forum's language (of the commits it makes itself).
    pub fn start(mut repo: Repo, name: Option<String>, lang: Lang) -> GitWorker {
        let stop = Arc::new(AtomicBool::new(false));
        repo.stop = Some(Arc::clone(&stop));
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, reports) = mpsc::channel();
        let thread = std::thread::spawn(move || run(&repo, name.as_deref(), lang, &inbox, &outbox));
        GitWorker {
            jobs: Some(jobs),
            stop,
            reports,
            thread: Some(thread),
        }
    }

    /// Commits a saved step: `files` as the step left them.
    pub fn commit(&self, message: String, files: Vec<FileState>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Commit { message, files });
        }
    }

    pub fn sync(&self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Sync);
        }
    }

    /// Fetches from the remote in the background, between the other jobs (never at the same
    /// time as a sync's own fetch).
    pub fn fetch(&self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Fetch);
        }
    }

    /// What the worker did since the last look.
    pub fn reports(&self) -> Vec<Report> {
        self.reports.try_iter().collect()
    }

    /// Commits what waits and ends the worker; a fetch or push still waiting for the network
    /// is given up (the commits go at the next sync).
    pub fn finish(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
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

/// Saves of the same change that follow each other this closely (a title corrected twice,
/// a decision typed and typed again) are one commit.
const BURST: Duration = Duration::from_millis(1500);

fn run(
    repo: &Repo,
    name: Option<&str>,
    lang: Lang,
    inbox: &Receiver<Job>,
    outbox: &Sender<Report>,
) {
    let mut next: Option<Job> = None;
    loop {
        let job = match next.take() {
            Some(job) => job,
            None => match inbox.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        match job {
            Job::Commit { message, mut files } => {
                // Each step holds the files as it left them, so a burst is committed as its
                // last step; any other job ends the burst (and a sync waits for it).
                loop {
                    match inbox.recv_timeout(BURST) {
                        Ok(Job::Commit {
                            message: again,
                            files: later,
                        }) if again == message && same_files(&files, &later) => files = later,
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
                    }
                }
                let report = match repo.commit_states(&message, &files, name) {
                    Ok(true) => Report::Committed(message),
                    Ok(false) => continue,
                    Err(why) => Report::CommitFailed(why),
                };
                let _ = outbox.send(report);
            }
            Job::Fetch => {
                // Offline or without a remote, nothing is said: the next sync says it.
                let _ = repo.run(&["fetch", "--quiet"]);
                let _ = outbox.send(Report::Fetched);
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

fn same_files(a: &[FileState], b: &[FileState]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.rel == y.rel)
}
