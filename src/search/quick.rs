//! A search from the command line without loading the archive: when the index of words
//! holds for the archive as it is, only the meetings with hits are read (from the load
//! cache), with forum.toml for the bodies' names; where the index cannot tell the hits
//! themselves (a phrase, an item filter), the candidate meetings' segments are read first.
//! Anything missing, changed or damaged gives `None`, and the caller loads the archive and
//! searches it whole (writing the index of words anew).
//!
//! The hits are handed over a meeting at a time, with the meeting, to be shown: a common
//! word is in nearly every meeting, and holding them all at once would cost as much memory
//! as loading the archive.

use std::path::Path;

use rayon::prelude::*;

use super::stored::{Lines, SegmentStore};
use super::words::{ArchiveState, WordIndex};
use super::{Hit, Query, SearchIndex};
use crate::archive::Archive;
use crate::archive::cache::{Cache, Entry, Texts};
use crate::archive::lookup::AttachmentCheck;
use crate::model::{Forum, Meeting};

/// What a search found: the forum (for the bodies' names) and what was made of each
/// meeting with hits, newest first.
pub struct Found<T> {
    pub forum: Forum,
    pub shown: Vec<T>,
}

/// Searches through the cache, calling `show` with each meeting that has hits and its
/// hits (in item order), in parallel; the meeting is dropped once shown. It holds the
/// long texts of its hit items only: the others stay in the cache.
pub fn search<T, F>(root: &Path, cache: &Cache, q: &Query, show: F) -> Option<Found<T>>
where
    T: Send,
    F: Fn(&Meeting, Vec<Hit>) -> T + Sync,
{
    // Knowing that the archive is as the index saw it takes a stat of every file, about
    // half of the time a rare word takes; if it has changed, the caller loads it whole.
    let store = SegmentStore::new(cache);
    let words = WordIndex::open(store.dir()).ok()?;
    if !words.holds_for(&words.archive_state(root)?) {
        return None;
    }
    let forum = Archive::read_forum(root)?;
    if q.is_empty() {
        // Nothing asked, nothing found (as a whole search finds), without reading anything.
        return Some(Found {
            forum,
            shown: Vec::new(),
        });
    }
    // An attachment is left out of its meeting when it leads out of the archive, which
    // the state does not show: the meetings with hits (one could lose its hit) and those
    // that had such an attachment (one could gain a hit) are looked at.
    let check = AttachmentCheck::new(root);
    let attachments_hold = |entry: &Entry| entry.lookups.iter().all(|l| l.holds_attachment(&check));
    for file in words.leaving() {
        attachments_hold(&cache.entry(root, file, Texts::Away).ok()?).then_some(())?;
    }
    let candidates = words.candidates(q)?;
    let lines = Lines::for_query(q);
    let shown: Option<Vec<Option<T>>> = candidates
        .par_iter()
        .rev()
        .map(|&(n, docs)| {
            let (id, file, key) = words.meeting(n)?;
            let (entry, hits) = match docs {
                // The lists told the hit docs: only the entry is read, with their texts.
                Some(docs) => {
                    let entry = cache
                        .entry_with_texts_of(root, &file, |i, _| has_doc(docs, i + 1))
                        .ok()?;
                    let hits = hits_of_docs(&entry.meeting, docs)?;
                    (entry, hits)
                }
                // The segment tells them, and then the entry is read if there are any.
                None => {
                    let segment = store
                        .read(&file, key, lines)
                        .ok()
                        .filter(|s| s.meeting() == &id)?;
                    let hits = segment.hits(q);
                    if hits.is_empty() {
                        return Some(None);
                    }
                    // The hits' snippets are cut from their items' texts; the rest stay away.
                    let entry = cache
                        .entry_with_texts_of(root, &file, |_, item| {
                            hits.iter().any(|h| h.item.as_ref() == Some(&item.number))
                        })
                        .ok()?;
                    (entry, hits)
                }
            };
            (entry.meeting.id == id
                && entry.meeting.conversion_key == key
                && attachments_hold(&entry))
            .then_some(())?;
            Some(Some(show(&entry.meeting, hits)))
        })
        .collect();
    Some(Found {
        forum,
        shown: shown?.into_iter().flatten().collect(),
    })
}

/// The hits of `meeting` in the docs of the mask, in item order (doc 0 is the meeting's
/// own text, doc `n` its `n`th item, as its segment numbers them); `None` when the mask
/// names a doc the meeting does not have.
fn hits_of_docs(meeting: &Meeting, docs: u64) -> Option<Vec<Hit>> {
    let count = meeting.items.len() + 1;
    if (count..64).any(|n| has_doc(docs, n)) || count > 64 {
        return None;
    }
    let items = meeting.items.iter().map(|i| Some(i.number.clone()));
    Some(
        std::iter::once(None)
            .chain(items)
            .enumerate()
            .filter(|(n, _)| has_doc(docs, *n))
            .map(|(_, item)| Hit {
                meeting: meeting.id.clone(),
                item,
            })
            .collect(),
    )
}

/// Whether doc `n` is in the mask (a doc beyond the 64 a mask holds is not).
fn has_doc(docs: u64, n: usize) -> bool {
    u32::try_from(n)
        .ok()
        .and_then(|n| docs.checked_shr(n))
        .is_some_and(|d| d & 1 == 1)
}

/// Searches a loaded archive whole, keeping what the next search needs to be quick (when
/// the archive came through the cache): each meeting's segment, and the index of words
/// with `state`, the archive's state from before it was loaded.
pub fn search_loaded<T, F>(
    archive: &Archive,
    state: Option<ArchiveState>,
    q: &Query,
    show: F,
) -> Found<T>
where
    T: Send,
    F: Fn(&Meeting, Vec<Hit>) -> T + Sync,
{
    let index = match archive.cache().map(SegmentStore::new) {
        Some(store) => {
            let index = SearchIndex::from_segments(store.segments(&archive.meetings));
            if let Some(state) = state {
                WordIndex::write(
                    store.dir(),
                    &state,
                    &archive.meetings,
                    &archive.leaving_files(),
                    index.segments(),
                );
            }
            index
        }
        None => SearchIndex::build(&archive.meetings),
    };
    let hits = index.search(q);
    // The hits come meeting by meeting: each run is one meeting's.
    let mut per_meeting: Vec<Vec<Hit>> = Vec::new();
    for hit in hits {
        match per_meeting.last_mut() {
            Some(run) if run[0].meeting == hit.meeting => run.push(hit),
            _ => per_meeting.push(vec![hit]),
        }
    }
    let shown = per_meeting
        .into_par_iter()
        .filter_map(|hits| Some(show(archive.meeting(&hits[0].meeting)?, hits)))
        .collect();
    Found {
        forum: archive.forum.clone(),
        shown,
    }
}
