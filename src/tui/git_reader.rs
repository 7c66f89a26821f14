//! What the screens ask of git's history and branch, answered off the screens' thread: an
//! item's versions (`H`), who last changed each decision of the open meeting, and how the
//! branch stands against its upstream. Each question runs in a thread of its own and is
//! answered through a channel the event loop looks at, so a long history never holds up a
//! key. Nothing here writes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::git::Repo;
use crate::git::history::{Version, history};
use crate::lang::{Lang, Said};

/// Who last changed a decision, and when (ISO 8601, as git gives it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub author: String,
    pub date: String,
}

/// How the branch stands against its upstream, as of the last fetch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Branch {
    /// Commits here the remote does not have.
    pub ahead: usize,
    /// Commits fetched and not yet taken in.
    pub behind: usize,
    /// Whether the branch has an upstream at all.
    pub tracked: bool,
    /// Archive files (relative to its folder) with changes the others have not got:
    /// committed and not sent, or not committed yet.
    pub unsynced: Vec<PathBuf>,
}

pub enum Answer {
    History {
        meeting: crate::model::MeetingId,
        item: String,
        versions: Result<Vec<Version>, Said>,
    },
    Decisions {
        file: PathBuf,
        by_item: HashMap<String, LastChange>,
    },
    Branch(Branch),
}

pub struct GitReader {
    repo: Repo,
    lang: Lang,
    answers: Receiver<Answer>,
    outbox: Sender<Answer>,
    pending: usize,
}

impl GitReader {
    pub fn new(repo: Repo, lang: Lang) -> GitReader {
        let (outbox, answers) = mpsc::channel();
        GitReader {
            repo,
            lang,
            answers,
            outbox,
            pending: 0,
        }
    }

    /// Whether an answer is still to come (the event loop then looks for it).
    pub fn waiting(&self) -> bool {
        self.pending > 0
    }

    fn ask(&mut self, work: impl FnOnce(&Repo, Lang) -> Answer + Send + 'static) {
        let (repo, lang, out) = (self.repo.clone(), self.lang, self.outbox.clone());
        self.pending += 1;
        std::thread::spawn(move || {
            let _ = out.send(work(&repo, lang));
        });
    }

    pub fn item_history(&mut self, meeting: crate::model::MeetingId, file: PathBuf, item: String) {
        self.ask(move |repo, lang| Answer::History {
            versions: history(repo, &file, Some(&item), lang),
            meeting,
            item,
        });
    }

    pub fn decisions(&mut self, file: PathBuf) {
        self.ask(move |repo, _| Answer::Decisions {
            by_item: last_decision_changes(repo, &file),
            file,
        });
    }

    pub fn branch(&mut self) {
        self.ask(|repo, _| Answer::Branch(branch(repo)));
    }

    /// The answers that came since the last look.
    pub fn answers(&mut self) -> Vec<Answer> {
        let answers: Vec<Answer> = self.answers.try_iter().collect();
        self.pending = self.pending.saturating_sub(answers.len());
        answers
    }
}

/// Who last changed each item's decision in the meeting file `file`.
fn last_decision_changes(repo: &Repo, file: &std::path::Path) -> HashMap<String, LastChange> {
    let path = file.display().to_string();
    let Ok(log) = repo.run(&["log", "--format=%H%x1f%an%x1f%aI", "--", &path]) else {
        return HashMap::new();
    };
    // Oldest first: each commit's decisions against the one before.
    let commits: Vec<(String, String, String)> = log
        .lines()
        .filter_map(|l| {
            let mut p = l.split('\u{1f}');
            Some((
                p.next()?.to_owned(),
                p.next()?.to_owned(),
                p.next()?.to_owned(),
            ))
        })
        .collect();
    let mut last: HashMap<String, LastChange> = HashMap::new();
    let mut before: HashMap<String, String> = HashMap::new();
    for (commit, author, date) in commits.into_iter().rev() {
        let text = repo
            .run(&["show", &format!("{commit}:{path}")])
            .unwrap_or_default();
        let now = decisions(&text);
        for (item, decision) in &now {
            if before.get(item) != Some(decision) {
                last.insert(
                    item.clone(),
                    LastChange {
                        author: crate::text::sanitize(&author).into_owned(),
                        date: date.clone(),
                    },
                );
            }
        }
        before = now;
    }
    last
}

/// Each item's decision in a meeting file's text, as TOML text, by item number.
fn decisions(text: &str) -> HashMap<String, String> {
    let table: toml::Table = text.parse().unwrap_or_default();
    table
        .get("items")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .filter_map(|item| {
            let number = match item.get("number")? {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some((number, item.get("decision")?.to_string()))
        })
        .collect()
}

fn branch(repo: &Repo) -> Branch {
    let Ok(counts) = repo.run(&["rev-list", "--left-right", "--count", "HEAD...@{u}"]) else {
        return Branch::default();
    };
    let mut n = counts.split_whitespace().map(|c| c.parse().unwrap_or(0));
    // What differs from where the two sides parted: ours, not yet sent.
    let unsynced = repo
        .run(&["merge-base", "HEAD", "@{u}"])
        .and_then(|base| repo.run(&["diff", "--relative", "--name-only", base.trim(), "--", "."]))
        .unwrap_or_default()
        .lines()
        .map(PathBuf::from)
        .collect();
    Branch {
        ahead: n.next().unwrap_or(0),
        behind: n.next().unwrap_or(0),
        tracked: true,
        unsynced,
    }
}
