//! A meeting's distinct words, gathered as its text is folded: each spelling kept once, in
//! one string, with the docs it occurs in. A meeting's text is tens of thousands of words
//! and a few thousand distinct ones, so a word is looked up where it was just written and
//! stored only the first time it is seen.

use std::hash::BuildHasher;

use hashbrown::HashTable;

pub(super) struct WordSet {
    /// The distinct words one after the other.
    text: String,
    table: HashTable<Entry>,
    hasher: foldhash::fast::FixedState,
    /// Whether the meeting has more docs than a mask holds.
    listed: bool,
}

struct Entry {
    hash: u64,
    start: u32,
    end: u32,
    /// The docs of a meeting of at most 64 docs, as a mask.
    mask: u64,
    /// The docs of a larger meeting, in the order they were seen.
    list: Vec<u16>,
}

/// A word with the docs it occurs in, as [`WordSet::sorted`] gives them.
pub(super) struct Counted<'a> {
    pub word: &'a str,
    pub mask: u64,
    /// Sorted, no repeats; empty for a meeting of at most 64 docs.
    pub list: Vec<u16>,
}

impl WordSet {
    /// An empty set for a meeting of `doc_count` docs.
    pub(super) fn new(doc_count: usize) -> WordSet {
        WordSet {
            text: String::new(),
            table: HashTable::with_capacity(1024),
            hasher: foldhash::fast::FixedState::default(),
            listed: doc_count > 64,
        }
    }

    /// Notes that `word` occurs in doc `doc`.
    pub(super) fn add(&mut self, word: &str, doc: u16) {
        let hash = self.hasher.hash_one(word);
        let text = &self.text;
        let entry = self.table.entry(
            hash,
            |e| e.hash == hash && text.get(e.start as usize..e.end as usize) == Some(word),
            |e| e.hash,
        );
        let entry = entry.or_insert_with(|| {
            let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
            self.text.push_str(word);
            let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
            Entry {
                hash,
                start,
                end,
                mask: 0,
                list: Vec::new(),
            }
        });
        let entry = entry.into_mut();
        if self.listed {
            // The docs are folded in order; `sorted` puts any other order right.
            if entry.list.last() != Some(&doc) {
                entry.list.push(doc);
            }
        } else {
            entry.mask |= 1 << (doc % 64);
        }
    }

    /// Every word with its docs, sorted by word (the docs' lists move out of the set).
    pub(super) fn sorted(&mut self) -> Vec<Counted<'_>> {
        let text = &self.text;
        let mut words: Vec<Counted<'_>> = self
            .table
            .iter_mut()
            .map(|e| {
                let mut list = std::mem::take(&mut e.list);
                list.sort_unstable();
                list.dedup();
                Counted {
                    word: text.get(e.start as usize..e.end as usize).unwrap_or(""),
                    mask: e.mask,
                    list,
                }
            })
            .collect();
        words.sort_unstable_by(|a, b| a.word.cmp(b.word));
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(set: &mut WordSet) -> Vec<(String, u64, Vec<u16>)> {
        set.sorted()
            .into_iter()
            .map(|c| (c.word.to_owned(), c.mask, c.list))
            .collect()
    }

    #[test]
    fn each_word_is_kept_once_with_every_doc_it_is_in() {
        let mut set = WordSet::new(3);
        for (word, doc) in [
            ("psykiatri", 2),
            ("budget", 0),
            ("psykiatri", 0),
            ("budget", 0),
        ] {
            set.add(word, doc);
        }
        assert_eq!(
            listed(&mut set),
            [
                ("budget".to_owned(), 0b1, vec![]),
                ("psykiatri".to_owned(), 0b101, vec![]),
            ]
        );
    }

    #[test]
    fn a_meeting_of_more_than_64_docs_lists_them_sorted() {
        let mut set = WordSet::new(100);
        for doc in [70, 3, 70, 99, 3] {
            set.add("a", doc);
        }
        assert_eq!(listed(&mut set), [("a".to_owned(), 0, vec![3, 70, 99])]);
    }
}
