//! A search from the command line without loading the archive: when the index of words
//! holds for the archive as it is, only the candidate meetings' segments are read, and
//! only the meetings with hits (from the load cache), with forum.toml for the bodies'
//! names. Anything missing, changed or damaged gives `None`, and the caller loads the
//! archive and searches it whole (writing the index of words anew).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::index::Segment;
use super::stored::SegmentStore;
use super::words::{ArchiveState, WordIndex, archive_state};
use super::{Hit, Query, SearchIndex};
use crate::archive::Archive;
use crate::archive::cache::{Cache, Texts};
use crate::model::{Forum, Meeting, MeetingId};

/// What a search found, with what it takes to show the hits.
pub struct Found {
    pub forum: Forum,
    pub hits: Vec<Hit>,
    pub meetings: HashMap<MeetingId, Meeting>,
}

pub fn search(root: &Path, cache: &Cache, q: &Query) -> Option<Found> {
    let store = SegmentStore::new(cache);
    let words = WordIndex::open(store.dir()).ok()?;
    if !words.holds_for(&archive_state(root)?) {
        return None;
    }
    let forum = Archive::read_forum(root)?;
    if q.is_empty() {
        // Nothing asked, nothing found (as a whole search finds), without reading anything.
        return Some(Found {
            forum,
            hits: Vec::new(),
            meetings: HashMap::new(),
        });
    }
    let candidates = words.candidates(q)?;
    let segments: Option<Vec<Segment>> = candidates
        .par_iter()
        .map(|&n| {
            let (id, file, key) = words.meetings().get(n)?;
            store.read(file, *key).ok().filter(|s| s.meeting() == id)
        })
        .collect();
    let hits = SearchIndex::from_segments(segments?).search(q);
    // An attachment is left out of its meeting when it leads out of the archive, which
    // the state does not show: the meetings with hits (one could lose its hit) and those
    // that had such an attachment (one could gain a hit) are looked at.
    let check = crate::archive::lookup::AttachmentCheck::new(root);
    let attachments_hold = |entry: &crate::archive::cache::Entry| {
        entry.lookups.iter().all(|l| l.holds_attachment(&check))
    };
    for file in words.leaving() {
        attachments_hold(&cache.entry(root, file, Texts::Away).ok()?).then_some(())?;
    }
    let mut shown: Vec<&MeetingId> = hits.iter().map(|h| &h.meeting).collect();
    shown.dedup();
    let meetings: Option<HashMap<MeetingId, Meeting>> = shown
        .par_iter()
        .map(|&id| {
            let at = words
                .meetings()
                .binary_search_by(|(m, _, _)| m.cmp(id))
                .ok()?;
            let (_, file, key) = &words.meetings()[at];
            // Held: the hits' snippets are cut from the texts.
            let entry = cache.entry(root, file, Texts::Held).ok()?;
            (entry.meeting.conversion_key == *key && attachments_hold(&entry)).then_some(())?;
            Some((id.clone(), entry.meeting))
        })
        .collect();
    let meetings = meetings?;
    Some(Found {
        forum,
        hits,
        meetings,
    })
}

/// Searches a loaded archive whole, keeping what the next search needs to be quick (when
/// the archive came through the cache): each meeting's segment, and the index of words
/// with `state`, the archive's state from before it was loaded.
pub fn search_loaded(archive: &Archive, state: Option<ArchiveState>, q: &Query) -> Found {
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
    let mut meetings = HashMap::new();
    for hit in &hits {
        if let Some(m) = archive.meeting(&hit.meeting) {
            meetings
                .entry(hit.meeting.clone())
                .or_insert_with(|| m.clone());
        }
    }
    Found {
        forum: archive.forum.clone(),
        hits,
        meetings,
    }
}
