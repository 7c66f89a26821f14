//! The search index: every meeting's text folded once, at load, into a sorted word list per
//! meeting. A search looks each typed word up by prefix (a binary search per meeting), so
//! its cost grows with the number of meetings, not with the length of their text. One
//! meeting's part is rebuilt on its own after an edit.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::fields::{item_fields, meeting_fields};
use super::fold::{fold, fold_line, words};
use super::query::{Phrase, Query};
use super::vocabulary::Vocabulary;
use super::word_set::WordSet;
use crate::model::{ItemNo, Meeting, MeetingId, Outcome};

/// A place a query was found: an item, or the meeting itself (its title or attendance).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub meeting: MeetingId,
    pub item: Option<ItemNo>,
}

/// One item (or the meeting's own text), as the index keeps it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Doc {
    item: Option<ItemNo>,
    outcomes: Vec<Outcome>,
    /// Folded tags.
    tags: Vec<String>,
    /// The folded words of the bodies the item's case passes through (ids and names).
    route: Vec<String>,
    /// Each field's words, folded and separated by single spaces, for phrases. Kept
    /// apart from the rest in the cache (see [`Segment::lines`]).
    #[serde(skip)]
    lines: Vec<String>,
}

/// One meeting's part of the index.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    meeting: MeetingId,
    docs: Vec<Doc>,
    vocabulary: Vocabulary,
    /// Whether the docs hold their lines: a segment read back for a query without phrases
    /// leaves them in the file (they are most of its bytes).
    #[serde(skip)]
    lines_held: bool,
}

/// The words a `route:` filter matches: each step's id or name, folded, word by word.
fn route_words(item: &crate::model::Item) -> Vec<String> {
    item.case
        .route
        .iter()
        .flat_map(|step| {
            words(step.as_written())
                .map(|(_, w)| fold(w))
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Segment {
    pub fn build(meeting: &Meeting) -> Segment {
        let own = meeting_fields(meeting);
        let items = meeting
            .items
            .iter()
            .map(|item| (Some(item), item_fields(item)));
        let doc_count = meeting.items.len() + 1;
        let mut docs = Vec::with_capacity(doc_count);
        let mut set = WordSet::new(doc_count);
        for (n, (item, fields)) in std::iter::once((None, own)).chain(items).enumerate() {
            let n = u16::try_from(n).unwrap_or(u16::MAX);
            let lines = fields
                .iter()
                .map(|(_, text)| {
                    let mut line = String::with_capacity(text.len());
                    fold_line(text, &mut line, |word| set.add(word, n));
                    line
                })
                .collect();
            docs.push(Doc {
                item: item.map(|i| i.number.clone()),
                outcomes: item
                    .and_then(|i| i.decision.as_ref())
                    .map(|d| d.clauses.iter().map(|c| c.outcome).collect())
                    .unwrap_or_default(),
                tags: item.map_or_else(Vec::new, |i| i.tags.iter().map(|t| fold(t)).collect()),
                route: item.map_or_else(Vec::new, route_words),
                lines,
            });
        }
        let vocabulary = Vocabulary::from_sorted(set.sorted(), docs.len());
        Segment {
            meeting: meeting.id.clone(),
            docs,
            vocabulary,
            lines_held: true,
        }
    }

    /// Each doc's lines, for the cache to keep apart from the rest (which serializes
    /// without them).
    pub fn lines(&self) -> Vec<&[String]> {
        self.docs.iter().map(|d| d.lines.as_slice()).collect()
    }

    /// Gives a segment read back without its lines the lines kept apart; `false` (and
    /// nothing changed) when they are not one list per doc.
    pub fn put_lines(&mut self, lines: Vec<Vec<String>>) -> bool {
        if lines.len() != self.docs.len() {
            return false;
        }
        for (doc, lines) in self.docs.iter_mut().zip(lines) {
            doc.lines = lines;
        }
        self.lines_held = true;
        true
    }

    /// Whether the segment can answer phrases: it was built, or read back with its lines.
    pub fn lines_held(&self) -> bool {
        self.lines_held
    }

    pub fn meeting(&self) -> &MeetingId {
        &self.meeting
    }

    /// Every spelling of every word the meeting's text has, sorted.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.words()
    }

    /// Every word with the docs it is in as a mask (doc 0 the meeting's own text, doc `n`
    /// its `n`th item); `None` for a meeting of more than 64 docs.
    pub fn words_with_docs(&self) -> impl Iterator<Item = (&str, Option<u64>)> {
        self.vocabulary
            .words()
            .enumerate()
            .map(|(n, w)| (w, self.vocabulary.mask(n)))
    }

    /// The meeting's hits for the query, in item order.
    pub fn hits(&self, q: &Query) -> Vec<Hit> {
        let mut hits = Vec::new();
        if !q.is_empty() {
            self.search(q, &mut hits);
        }
        hits
    }

    /// Marks in `found` the docs with a word starting with one of a term's spellings.
    fn docs_with(&self, prefixes: &[String], found: &mut [u64]) {
        for prefix in prefixes {
            self.vocabulary.add_docs_of_prefix(prefix, found);
        }
    }

    fn search(&self, q: &Query, out: &mut Vec<Hit>) {
        if !q.admits_meeting(self.meeting.date, self.meeting.body.as_str()) {
            return;
        }
        debug_assert!(
            self.lines_held || q.phrases.is_empty(),
            "a phrase searched in a segment read without its lines"
        );
        // Each keystroke searches every segment: the masks live on the stack for a meeting
        // of up to 256 docs, and the query's words are looked at where they are.
        let blocks = self.docs.len().div_ceil(64);
        let mut on_stack = [0u64; 8];
        let mut on_heap = Vec::new();
        let (candidate, found) = if blocks <= 4 {
            let (c, f) = on_stack.split_at_mut(4);
            (&mut c[..blocks], &mut f[..blocks])
        } else {
            on_heap.resize(2 * blocks, 0u64);
            on_heap.split_at_mut(blocks)
        };
        for (n, d) in self.docs.iter().enumerate() {
            let is_item = d.item.is_some();
            let wanted = (is_item || !q.needs_item() && q.has_words())
                && (!is_item || q.admits_item(&d.outcomes, &d.tags, &d.route));
            if wanted {
                candidate[n / 64] |= 1 << (n % 64);
            }
        }
        let terms = q.terms.iter().map(|t| t.prefixes.as_slice());
        let phrase_words = q
            .phrases
            .iter()
            .flat_map(|p| p.words.iter().map(std::slice::from_ref));
        for prefixes in terms.chain(phrase_words) {
            found.iter_mut().for_each(|f| *f = 0);
            self.docs_with(prefixes, found);
            for (c, f) in candidate.iter_mut().zip(found.iter()) {
                *c &= *f;
            }
            if candidate.iter().all(|c| *c == 0) {
                return;
            }
        }
        for (n, doc) in self.docs.iter().enumerate() {
            let keep = candidate[n / 64] & (1 << (n % 64)) != 0;
            if keep && q.phrases.iter().all(|p| has_phrase(&doc.lines, p)) {
                out.push(Hit {
                    meeting: self.meeting.clone(),
                    item: doc.item.clone(),
                });
            }
        }
    }
}

/// Whether the phrase's words follow each other within one field; the last may be a prefix.
fn has_phrase(lines: &[String], phrase: &Phrase) -> bool {
    let pattern = phrase.words.join(" ");
    lines.iter().any(|line| {
        line.match_indices(pattern.as_str())
            .any(|(at, _)| at == 0 || line.as_bytes()[at - 1] == b' ')
    })
}

/// The index of a whole archive, kept in meeting order.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    segments: Vec<Segment>,
}

impl SearchIndex {
    /// Folds every meeting's text, in parallel.
    pub fn build(meetings: &[Meeting]) -> SearchIndex {
        let mut segments: Vec<Segment> = meetings.par_iter().map(Segment::build).collect();
        segments.sort_by(|a, b| a.meeting.cmp(&b.meeting));
        SearchIndex { segments }
    }

    /// The index of these meetings' segments (built or read back from the cache).
    pub fn from_segments(mut segments: Vec<Segment>) -> SearchIndex {
        segments.sort_by(|a, b| a.meeting.cmp(&b.meeting));
        SearchIndex { segments }
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub fn len(&self) -> usize {
        self.segments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Puts a meeting's new text in place of its old (or adds it).
    pub fn update(&mut self, meeting: &Meeting) {
        self.put(Segment::build(meeting));
    }

    /// Puts a meeting's segment in place of its old one (or adds it).
    pub fn put(&mut self, segment: Segment) {
        match self
            .segments
            .binary_search_by(|s| s.meeting.cmp(&segment.meeting))
        {
            Ok(i) => self.segments[i] = segment,
            Err(i) => self.segments.insert(i, segment),
        }
    }

    pub fn remove(&mut self, id: &MeetingId) {
        self.segments.retain(|s| s.meeting != *id);
    }

    /// Every hit, newest meeting first and in item order within a meeting.
    pub fn search(&self, q: &Query) -> Vec<Hit> {
        self.search_until(q, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// As [`search`](Self::search), giving up (`None`) as soon as `cancel` is set: a newer
    /// keystroke has made this search pointless.
    pub fn search_until(&self, q: &Query, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        if q.is_empty() {
            return Some(Vec::new());
        }
        let per_meeting: Vec<Vec<Hit>> = self
            .segments
            .par_iter()
            .rev()
            .map(|s| {
                if cancel.load(Ordering::Relaxed) {
                    Vec::new()
                } else {
                    s.hits(q)
                }
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(per_meeting.into_iter().flatten().collect())
    }
}
