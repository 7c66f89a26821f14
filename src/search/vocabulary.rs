//! A segment's vocabulary: every spelling of every word of one meeting, sorted, with the
//! docs (items) it occurs in.
//!
//! The words are kept one after the other in a single string, with where each ends: a
//! meeting has thousands of words, and a string apiece (a pointer, a length and an
//! allocation each) cost the search thread more memory than the words themselves — 8
//! million of them at 10,000 meetings. Read back from a damaged file, a word that is out
//! of place reads as empty and a doc beyond the meeting's as absent; nothing panics.

use serde::{Deserialize, Serialize};

use super::word_set::Counted;
use super::words::partition;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Vocabulary {
    text: String,
    ends: Vec<u32>,
    docs: DocSets,
}

/// The docs of each word: a bit mask when the meeting has at most 64 docs (nearly
/// always), else a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum DocSets {
    Masks(Vec<u64>),
    Lists(Vec<Box<[u16]>>),
}

impl Default for DocSets {
    fn default() -> Self {
        DocSets::Masks(Vec::new())
    }
}

impl Vocabulary {
    /// The vocabulary of these words, sorted, with their docs, for a meeting of
    /// `doc_count` docs.
    pub(super) fn from_sorted(words: Vec<Counted<'_>>, doc_count: usize) -> Vocabulary {
        let mut text = String::with_capacity(words.iter().map(|c| c.word.len()).sum());
        let mut ends = Vec::with_capacity(words.len());
        for counted in &words {
            text.push_str(counted.word);
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        let docs = if doc_count <= 64 {
            DocSets::Masks(words.iter().map(|c| c.mask).collect())
        } else {
            DocSets::Lists(
                words
                    .into_iter()
                    .map(|c| c.list.into_boxed_slice())
                    .collect(),
            )
        };
        Vocabulary { text, ends, docs }
    }

    /// The vocabulary of these words with their docs, for a meeting of `doc_count` docs.
    #[cfg(test)]
    fn new(words: Vec<(&str, Vec<u16>)>, doc_count: usize) -> Vocabulary {
        let mut set = super::word_set::WordSet::new(doc_count);
        for (word, docs) in &words {
            docs.iter().for_each(|&d| set.add(word, d));
        }
        Vocabulary::from_sorted(set.sorted(), doc_count)
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `n`; empty when out of place (a damaged file).
    pub(super) fn word(&self, n: usize) -> &str {
        let start = match n {
            0 => 0,
            n => self.ends.get(n - 1).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(n).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|n| self.word(n))
    }

    /// The docs of word `n` as a mask, when the meeting has at most 64 docs.
    pub(super) fn mask(&self, n: usize) -> Option<u64> {
        match &self.docs {
            DocSets::Masks(masks) => masks.get(n).copied(),
            DocSets::Lists(_) => None,
        }
    }

    /// Marks in `found` the docs of every word starting with `prefix`.
    pub(super) fn add_docs_of_prefix(&self, prefix: &str, found: &mut [u64]) {
        let mut n = partition(self.len(), |n| self.word(n) < prefix);
        while n < self.len() && self.word(n).starts_with(prefix) {
            self.add_docs(n, found);
            n += 1;
        }
    }

    /// Marks in `found` the docs of word `n`; a doc beyond `found` is left out.
    fn add_docs(&self, n: usize, found: &mut [u64]) {
        match &self.docs {
            DocSets::Masks(masks) => {
                if let (Some(first), Some(mask)) = (found.first_mut(), masks.get(n)) {
                    *first |= mask;
                }
            }
            DocSets::Lists(lists) => {
                for &d in lists.get(n).map_or(&[][..], |l| &l[..]) {
                    if let Some(block) = found.get_mut(usize::from(d) / 64) {
                        *block |= 1 << (d % 64);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs_of(v: &Vocabulary, prefix: &str, blocks: usize) -> Vec<u64> {
        let mut found = vec![0; blocks];
        v.add_docs_of_prefix(prefix, &mut found);
        found
    }

    #[test]
    fn words_are_sorted_and_a_prefix_finds_every_word_it_starts() {
        let v = Vocabulary::new(
            vec![
                ("psykiatri", vec![1, 3]),
                ("budget", vec![0]),
                ("psyke", vec![2]),
                ("pårørende", vec![5]),
            ],
            6,
        );
        assert_eq!(
            v.words().collect::<Vec<_>>(),
            ["budget", "psyke", "psykiatri", "pårørende"]
        );
        assert_eq!(docs_of(&v, "psyk", 1), [0b1110]);
        assert_eq!(docs_of(&v, "psykia", 1), [0b1010]);
        assert_eq!(docs_of(&v, "på", 1), [0b10_0000]);
        assert_eq!(docs_of(&v, "x", 1), [0]);
        assert_eq!(docs_of(&v, "", 1), [0b10_1111]);
    }

    #[test]
    fn a_meeting_of_more_than_64_docs_keeps_lists() {
        let v = Vocabulary::new(vec![("a", vec![0, 70, 130]), ("b", vec![64])], 131);
        assert!(matches!(v.docs, DocSets::Lists(_)));
        assert_eq!(docs_of(&v, "a", 3), [1, 1 << 6, 1 << 2]);
        assert_eq!(docs_of(&v, "b", 3), [0, 1, 0]);
        // A doc beyond what the caller counts is left out, not a panic.
        assert_eq!(docs_of(&v, "a", 1), [1]);
    }

    #[test]
    fn a_damaged_vocabulary_reads_as_empty_words_not_a_panic() {
        let v = Vocabulary {
            text: "abæ".to_owned(),
            ends: vec![3, 1, 99],
            docs: DocSets::Masks(vec![1]),
        };
        assert_eq!(v.word(0), "");
        assert_eq!(v.word(1), "");
        assert_eq!(v.word(2), "");
        assert_eq!(v.word(7), "");
        docs_of(&v, "a", 1);
        docs_of(&v, "", 0);
    }
}
