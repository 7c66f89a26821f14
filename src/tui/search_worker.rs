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

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::Archive;
use crate::model::{Meeting, MeetingId};
use crate::search::index::Segment;
use crate::search::stored::{Lines, SegmentStore};
use crate::search::{Hit, Query, SearchIndex};

enum Request {
    /// The first frame is drawn: build the index.
    Begin,
    Search {
        generation: u64,
        text: String,
    },
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
    /// Meetings whose kept segment could not be read: the worker needs them to fold.
    needs: Receiver<Vec<MeetingId>>,
    cancel: Arc<AtomicBool>,
    generation: u64,
}

/// A copy of `m` for the search thread, with its long texts moved into it (leaving them
/// away in `m`): a copy of every text would double a cold start's memory.
fn hand_over(m: &mut Meeting) -> Meeting {
    let texts = m.take_texts();
    let mut copy = m.clone();
    copy.put_texts(texts);
    copy
}

/// Reads `m`'s texts from its file if they are away (left there by the load).
fn hold_texts(root: &Path, m: &mut Meeting) {
    if !m.texts_held()
        && let Some(texts) = crate::archive::read_texts(root, m)
    {
        m.put_texts(texts);
    }
}

/// A meeting whose segment is kept: its file and conversion key, to read it back.
struct Kept {
    file: PathBuf,
    key: u64,
    id: MeetingId,
}

impl Searcher {
    /// Starts the worker on a copy of the meetings; it folds their text while the first
    /// screen is drawn.
    pub fn start(meetings: Vec<Meeting>) -> Searcher {
        Self::spawn(PathBuf::new(), meetings, Vec::new(), None)
    }

    /// Starts the worker on the archive's meetings, reading back the segments the cache
    /// keeps for the meetings it gave (their texts are away) and folding the meetings read
    /// from their files this start (whose texts are moved to it, not copied: the screens
    /// read a meeting's texts from its file again when it is shown). Nothing of this is
    /// done before [`Self::begin`] or the first request: the first frame comes first.
    pub fn start_for(archive: &mut Archive) -> Searcher {
        let store = archive.cache().map(SegmentStore::new);
        // In parallel: on a start without the cache every meeting is copied, which at
        // 10,000 meetings was a tenth of a second on the first frame's turn.
        let (kept, fold): (Vec<Kept>, Vec<Meeting>) =
            archive.meetings.par_iter_mut().partition_map(|m| {
                if store.is_some() && !m.texts_held() {
                    rayon::iter::Either::Left(Kept {
                        file: m.file.clone(),
                        key: m.conversion_key,
                        id: m.id.clone(),
                    })
                } else {
                    rayon::iter::Either::Right(hand_over(m))
                }
            });
        Self::spawn(archive.root.clone(), fold, kept, store)
    }

    /// `store`: where segments are kept. `root`: where the files of meetings whose texts
    /// are away are read.
    fn spawn(
        root: PathBuf,
        mut fold: Vec<Meeting>,
        kept: Vec<Kept>,
        store: Option<SegmentStore>,
    ) -> Searcher {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, responses) = mpsc::channel();
        let (needs_out, needs) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                // Waits for the first frame (or the first request, which is then served).
                let Ok(first) = inbox.recv() else {
                    return;
                };
                fold.par_iter_mut().for_each(|m| hold_texts(&root, m));
                let mut segments: Vec<Segment> = match &store {
                    Some(store) => {
                        // The segments of files gone or changed go.
                        let present = store.present();
                        let files = kept.iter().map(|k| (k.file.as_path(), k.key));
                        let fresh = fold.iter().map(|m| (m.file.as_path(), m.conversion_key));
                        store.prune(&present, &SegmentStore::names(files.chain(fresh)));
                        store.segments_of(&fold, &present)
                    }
                    None => fold.par_iter().map(Segment::build).collect(),
                };
                drop(fold);
                let mut unread = Vec::new();
                if let Some(store) = &store {
                    let read: Vec<Result<Segment, MeetingId>> = kept
                        .into_par_iter()
                        .map(|k| match store.read(&k.file, k.key, Lines::Held) {
                            Ok(s) if s.meeting() == &k.id => Ok(s),
                            _ => Err(k.id),
                        })
                        .collect();
                    for r in read {
                        match r {
                            Ok(s) => segments.push(s),
                            Err(id) => unread.push(id),
                        }
                    }
                }
                if !unread.is_empty() {
                    let _ = needs_out.send(unread);
                }
                let mut index = SearchIndex::from_segments(segments);
                let first = (!matches!(first, Request::Begin)).then_some(first);
                work(
                    &mut index,
                    first,
                    &inbox,
                    &outbox,
                    &flag,
                    store.as_ref(),
                    &root,
                );
            })
            .expect("the search thread starts");
        Searcher {
            requests,
            responses,
            needs,
            cancel,
            generation: 0,
        }
    }

    /// Meetings the worker could not read back and asks to be sent (see [`Self::update`]).
    pub fn take_needs(&self) -> Vec<MeetingId> {
        self.needs.try_iter().flatten().collect()
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

    /// Lets the worker build its index (it waits for this, or any request, so that the
    /// first frame does not share the cores with it).
    pub fn begin(&self) {
        let _ = self.requests.send(Request::Begin);
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
    mut pending: Option<Request>,
    inbox: &Receiver<Request>,
    outbox: &Sender<Results>,
    cancel: &AtomicBool,
    store: Option<&SegmentStore>,
    root: &Path,
) {
    while let Some(first) = pending.take().or_else(|| inbox.recv().ok()) {
        // Apply every change waiting, and keep only the newest query.
        let mut newest = None;
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Search { generation, text } => newest = Some((generation, text)),
                Request::Update(mut m) => {
                    hold_texts(root, &mut m);
                    let segment = Segment::build(&m);
                    if let Some(store) = store {
                        store.store(&m, &segment);
                    }
                    index.put(segment);
                }
                Request::Remove(id) => index.remove(&id),
                Request::Begin => {}
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
