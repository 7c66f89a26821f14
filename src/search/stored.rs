//! The search index kept in the load cache's folder: each meeting's segment in a file of
//! its own, named by the meeting file and the meeting's conversion key, so a start can
//! tell from one folder listing which segments still hold and fold only the rest.
//!
//! A segment is worked out from the converted meeting alone, and the conversion key names
//! that conversion exactly (the file's text and every answer it got from the other files),
//! so a segment whose name carries the meeting's key is that meeting's segment.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::index::Segment;
use crate::archive::cache::{
    Cache, Miss, framed, path_hash, read_first_frame, split_frame, unframed, write_atomic,
};
use crate::model::Meeting;

/// Whether a file name is a segment's: two hashes and `.bin`.
fn is_segment_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".bin") else {
        return false;
    };
    let hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    stem.split_once('-').is_some_and(|(a, b)| hex(a) && hex(b))
}

/// Whether a segment is read with its lines, which only a phrase needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Held,
    Away,
}

impl Lines {
    /// What a search for `q` needs.
    pub fn for_query(q: &super::Query) -> Lines {
        if q.phrases.is_empty() {
            Lines::Away
        } else {
            Lines::Held
        }
    }
}

/// Where the segments of one archive are.
#[derive(Debug, Clone)]
pub struct SegmentStore {
    dir: PathBuf,
}

impl SegmentStore {
    pub fn new(cache: &Cache) -> SegmentStore {
        SegmentStore {
            dir: cache.dir().join("search"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn name(rel: &Path, key: u64) -> String {
        format!("{:016x}-{key:016x}.bin", path_hash(rel))
    }

    /// The names of the segments kept, to tell which meetings have one without opening it.
    pub fn present(&self) -> HashSet<String> {
        std::fs::read_dir(&self.dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `present` has the segment of this very conversion of the meeting.
    pub fn has(present: &HashSet<String>, meeting: &Meeting) -> bool {
        present.contains(&Self::name(&meeting.file, meeting.conversion_key))
    }

    /// The meeting's segment as kept, if it is whole, this build's and this conversion's,
    /// with its lines (for phrases) or without them.
    pub fn read(&self, rel: &Path, key: u64, lines: Lines) -> Result<Segment, Miss> {
        let path = self.dir.join(Self::name(rel, key));
        match lines {
            Lines::Away => {
                postcard::from_bytes(&read_first_frame(&path)?).map_err(|_| Miss::Corrupt)
            }
            Lines::Held => {
                let bytes = std::fs::read(path).map_err(|_| Miss::Stale)?;
                let (head, rest) = split_frame(&bytes)?;
                let mut segment: Segment = postcard::from_bytes(head).map_err(|_| Miss::Corrupt)?;
                let lines = postcard::from_bytes(unframed(rest)?).map_err(|_| Miss::Corrupt)?;
                segment
                    .put_lines(lines)
                    .then_some(segment)
                    .ok_or(Miss::Corrupt)
            }
        }
    }

    /// Keeps a meeting's segment. A failure only means it is folded again next time. The
    /// file's earlier segments (other conversions) stay until the next [`Self::prune`]:
    /// a save need not list the folder.
    pub fn store(&self, meeting: &Meeting, segment: &Segment) {
        // A segment folded without a text that could not be read is not the meeting's,
        // and is not kept under its key.
        if !meeting.texts_held() {
            return;
        }
        // The lines (for phrases) in a frame of their own after the rest, so that a word
        // query from the command line reads and decodes only the first.
        let (Ok(head), Ok(lines)) = (
            postcard::to_stdvec(segment),
            postcard::to_stdvec(&segment.lines()),
        ) else {
            return;
        };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self
            .dir
            .join(Self::name(&meeting.file, meeting.conversion_key));
        let mut bytes = framed(&head);
        bytes.extend_from_slice(&framed(&lines));
        let _ = write_atomic(&self.dir, &path, &bytes);
    }

    /// Removes every segment that `present` lists and `wanted` does not. Only segments go
    /// (the index of words beside them checks itself).
    pub fn prune(&self, present: &HashSet<String>, wanted: &HashSet<String>) {
        for name in present {
            if is_segment_name(name) && !wanted.contains(name) {
                let _ = std::fs::remove_file(self.dir.join(name));
            }
        }
    }

    /// The names of these conversions' segments, for [`Self::prune`].
    pub fn names<'a>(kept: impl Iterator<Item = (&'a Path, u64)>) -> HashSet<String> {
        kept.map(|(file, key)| Self::name(file, key)).collect()
    }

    /// The segments of `meetings`, folded (and kept); `present` tells which are kept
    /// already, to be read back instead.
    pub fn segments_of(&self, meetings: &[Meeting], present: &HashSet<String>) -> Vec<Segment> {
        meetings
            .par_iter()
            .map(|m| {
                if Self::has(present, m)
                    && let Ok(segment) = self.read(&m.file, m.conversion_key, Lines::Held)
                    && segment.meeting() == &m.id
                {
                    return segment;
                }
                let segment = Segment::build(m);
                self.store(m, &segment);
                segment
            })
            .collect()
    }

    /// The segments of all of an archive's `meetings`, read back or folded; the segments of
    /// anything else (files gone, conversions before the last) are removed.
    pub fn segments(&self, meetings: &[Meeting]) -> Vec<Segment> {
        let present = self.present();
        let segments = self.segments_of(meetings, &present);
        let wanted = Self::names(
            meetings
                .iter()
                .map(|m| (m.file.as_path(), m.conversion_key)),
        );
        self.prune(&present, &wanted);
        segments
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_removes_only_stale_segments() {
        let dir = tempfile::tempdir().unwrap();
        let store = SegmentStore {
            dir: dir.path().to_path_buf(),
        };
        for name in [
            "0123456789abcdef-0123456789abcdef.bin",
            "words.bin",
            ".tmpXYZ",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        store.prune(&store.present(), &HashSet::new());
        let mut left: Vec<String> = store.present().into_iter().collect();
        left.sort();
        assert_eq!(left, [".tmpXYZ", "notes.txt", "words.bin"]);
    }
}
