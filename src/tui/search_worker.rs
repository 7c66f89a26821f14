//! The search worker: a thread that owns the index and searches, so that typing never
//! waits for it.
//!
//! Every keystroke sends the query with a new generation number and flags the search under
//! way as pointless; the worker applies waiting changes, skips to the newest query, and
//! sends back its hits. It builds the index from a copy of the meetings when the app
//! starts, and each saved meeting is sent to it again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::model::{Meeting, MeetingId};
use crate::search::{Hit, Query, SearchIndex};

enum Request {
    Search { generation: u64, text: String },
    Update(Box<Meeting>),
    Remove(MeetingId),
}

/// Results for one query.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub generation: u64,
    pub query: Query,
    pub hits: Vec<Hit>,
}

/// The handle on the worker thread.
pub struct Searcher {
    requests: Sender<Request>,
    responses: Receiver<Results>,
    cancel: Arc<AtomicBool>,
    generation: u64,
}

impl Searcher {
    /// Starts the worker; it folds the meetings' text while the first screen is drawn.
    pub fn start(meetings: Vec<Meeting>) -> Searcher {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, responses) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let mut index = SearchIndex::build(&meetings);
                drop(meetings);
                work(&mut index, &inbox, &outbox, &flag);
            })
            .expect("the search thread starts");
        Searcher {
            requests,
            responses,
            cancel,
            generation: 0,
        }
    }

    /// Asks for a search; returns its generation.
    pub fn submit(&mut self, text: &str) -> u64 {
        self.generation += 1;
        self.cancel.store(true, Ordering::Relaxed);
        let _ = self.requests.send(Request::Search {
            generation: self.generation,
            text: text.to_owned(),
        });
        self.generation
    }

    /// Tells the worker a meeting changed (or is new).
    pub fn update(&self, meeting: &Meeting) {
        let _ = self
            .requests
            .send(Request::Update(Box::new(meeting.clone())));
    }

    pub fn remove(&self, id: &MeetingId) {
        let _ = self.requests.send(Request::Remove(id.clone()));
    }

    /// The newest results that have arrived, if any.
    pub fn poll(&self) -> Option<Results> {
        self.responses.try_iter().last()
    }

    /// Waits for the results of the newest query (for tests and scripts); `None` if the
    /// worker is gone or does not answer within `limit`.
    pub fn wait(&self, limit: Duration) -> Option<Results> {
        loop {
            let r = self.responses.recv_timeout(limit).ok()?;
            if r.generation >= self.generation {
                return Some(r);
            }
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }
}

fn work(
    index: &mut SearchIndex,
    inbox: &Receiver<Request>,
    outbox: &Sender<Results>,
    cancel: &AtomicBool,
) {
    while let Ok(first) = inbox.recv() {
        // Apply every change waiting, and keep only the newest query.
        let mut newest = None;
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Search { generation, text } => newest = Some((generation, text)),
                Request::Update(m) => index.update(&m),
                Request::Remove(id) => index.remove(&id),
            }
        }
        let Some((generation, text)) = newest else {
            continue;
        };
        cancel.store(false, Ordering::Relaxed);
        let query = Query::parse(&text);
        if let Some(hits) = index.search_until(&query, cancel)
            && outbox
                .send(Results {
                    generation,
                    query,
                    hits,
                })
                .is_err()
        {
            return;
        }
    }
}
