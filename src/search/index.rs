//! The search index: every meeting's text folded once, at load, into a sorted word list per
//! meeting. A search looks each typed word up by prefix (a binary search per meeting), so
//! its cost grows with the number of meetings, not with the length of their text. One
//! meeting's part is rebuilt on its own after an edit.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::fields::{item_fields, meeting_fields};
use super::fold::{forms, fold, words};
use super::query::{Phrase, Query, Term};
use crate::model::{Meeting, MeetingId, Outcome};

/// A place a query was found: an item, or the meeting itself (its title or attendance).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub meeting: MeetingId,
    pub item: Option<u32>,
}

/// One item (or the meeting's own text), as the index keeps it.
#[derive(Debug, Clone)]
struct Doc {
    item: Option<u32>,
    outcomes: Vec<Outcome>,
    /// Folded tags.
    tags: Vec<String>,
    /// Each field's words, folded, one field per line, for phrases.
    lines: Vec<Vec<String>>,
}

/// One meeting's part of the index.
#[derive(Debug, Clone)]
pub struct Segment {
    meeting: MeetingId,
    docs: Vec<Doc>,
    /// Every spelling of every word, sorted, with the docs (indexes) it occurs in.
    vocabulary: Vec<(Box<str>, Vec<u16>)>,
}

impl Segment {
    pub fn build(meeting: &Meeting) -> Segment {
        let mut docs = Vec::with_capacity(meeting.items.len() + 1);
        let mut pairs: Vec<(String, u16)> = Vec::new();
        let own = meeting_fields(meeting);
        let items = meeting
            .items
            .iter()
            .map(|item| (Some(item), item_fields(item)));
        for (n, (item, fields)) in std::iter::once((None, own)).chain(items).enumerate() {
            let n = u16::try_from(n).unwrap_or(u16::MAX);
            let mut lines = Vec::with_capacity(fields.len());
            for (_, text) in &fields {
                let mut line = Vec::new();
                for (_, word) in words(text) {
                    let (folded, plain) = forms(word);
                    if let Some(plain) = plain {
                        pairs.push((plain, n));
                    }
                    pairs.push((folded.clone(), n));
                    line.push(folded);
                }
                lines.push(line);
            }
            docs.push(Doc {
                item: item.map(|i| i.number),
                outcomes: item
                    .and_then(|i| i.decision.as_ref())
                    .map(|d| d.clauses.iter().map(|c| c.outcome).collect())
                    .unwrap_or_default(),
                tags: item.map_or_else(Vec::new, |i| i.tags.iter().map(|t| fold(t)).collect()),
                lines,
            });
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut vocabulary: Vec<(Box<str>, Vec<u16>)> = Vec::new();
        for (word, doc) in pairs {
            match vocabulary.last_mut() {
                Some((w, list)) if **w == *word => list.push(doc),
                _ => vocabulary.push((word.into_boxed_str(), vec![doc])),
            }
        }
        Segment {
            meeting: meeting.id.clone(),
            docs,
            vocabulary,
        }
    }

    /// The docs with a word starting with one of the term's spellings.
    fn docs_with(&self, term: &Term, found: &mut [bool]) {
        for prefix in &term.prefixes {
            let start = self
                .vocabulary
                .partition_point(|(w, _)| w.as_ref() < prefix.as_str());
            for (_, docs) in self.vocabulary[start..]
                .iter()
                .take_while(|(w, _)| w.starts_with(prefix.as_str()))
            {
                for &d in docs {
                    found[usize::from(d)] = true;
                }
            }
        }
    }

    fn search(&self, q: &Query, out: &mut Vec<Hit>) {
        if !q.admits_meeting(self.meeting.date, self.meeting.body.as_str()) {
            return;
        }
        let mut candidate: Vec<bool> = self
            .docs
            .iter()
            .map(|d| {
                let is_item = d.item.is_some();
                (is_item || !q.needs_item() && q.has_words())
                    && (!is_item || q.admits_item(&d.outcomes, &d.tags))
            })
            .collect();
        let mut found = vec![false; self.docs.len()];
        let phrase_terms = q.phrases.iter().flat_map(|p| {
            p.words.iter().map(|w| Term {
                prefixes: vec![w.clone()],
            })
        });
        for term in q.terms.iter().cloned().chain(phrase_terms) {
            found.iter_mut().for_each(|f| *f = false);
            self.docs_with(&term, &mut found);
            for (c, f) in candidate.iter_mut().zip(&found) {
                *c &= *f;
            }
            if !candidate.iter().any(|c| *c) {
                return;
            }
        }
        for (doc, keep) in self.docs.iter().zip(candidate) {
            if keep && q.phrases.iter().all(|p| has_phrase(&doc.lines, p)) {
                out.push(Hit {
                    meeting: self.meeting.clone(),
                    item: doc.item,
                });
            }
        }
    }
}

/// Whether the phrase's words follow each other within one field; the last may be a prefix.
fn has_phrase(lines: &[Vec<String>], phrase: &Phrase) -> bool {
    let Some((last, firsts)) = phrase.words.split_last() else {
        return true;
    };
    lines.iter().any(|line| {
        line.windows(phrase.words.len()).any(|window| {
            window[..firsts.len()] == *firsts && window[firsts.len()].starts_with(last.as_str())
        })
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

    pub fn len(&self) -> usize {
        self.segments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Puts a meeting's new text in place of its old (or adds it).
    pub fn update(&mut self, meeting: &Meeting) {
        let segment = Segment::build(meeting);
        match self
            .segments
            .binary_search_by(|s| s.meeting.cmp(&meeting.id))
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
                let mut hits = Vec::new();
                if !cancel.load(Ordering::Relaxed) {
                    s.search(q, &mut hits);
                }
                hits
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(per_meeting.into_iter().flatten().collect())
    }
}
