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
use crate::archive::cache::{Cache, Miss, framed, path_hash, unframed, write_atomic};
use crate::model::Meeting;

/// Whether a file name is a segment's: two hashes and `.bin`.
fn is_segment_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".bin") else {
        return false;
    };
    let hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    stem.split_once('-').is_some_and(|(a, b)| hex(a) && hex(b))
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

    /// The meeting's segment as kept, if it is whole, this build's and this conversion's.
    pub fn read(&self, rel: &Path, key: u64) -> Result<Segment, Miss> {
        let bytes = std::fs::read(self.dir.join(Self::name(rel, key))).map_err(|_| Miss::Stale)?;
        postcard::from_bytes(unframed(&bytes)?).map_err(|_| Miss::Corrupt)
    }

    /// Keeps a meeting's segment. A failure only means it is folded again next time.
    fn store(&self, meeting: &Meeting, segment: &Segment) -> Option<String> {
        let payload = postcard::to_stdvec(segment).ok()?;
        std::fs::create_dir_all(&self.dir).ok()?;
        let name = Self::name(&meeting.file, meeting.conversion_key);
        write_atomic(&self.dir, &self.dir.join(&name), &framed(&payload)).ok()?;
        Some(name)
    }

    /// Keeps a meeting's segment in place of any earlier one of its file (after a save).
    pub fn replace(&self, meeting: &Meeting, segment: &Segment) {
        let Some(name) = self.store(meeting, segment) else {
            return;
        };
        // The file's earlier segments (other conversions) are of no use now.
        let prefix = format!("{:016x}-", path_hash(&meeting.file));
        for old in self.present() {
            if old.starts_with(&prefix) && old != name {
                let _ = std::fs::remove_file(self.dir.join(old));
            }
        }
    }

    /// Removes every segment but those of `meetings` as they are. Only segments go (the
    /// index of words beside them checks itself).
    pub fn prune(&self, meetings: &[&Meeting]) {
        let wanted: HashSet<String> = meetings
            .iter()
            .map(|m| Self::name(&m.file, m.conversion_key))
            .collect();
        for name in self.present() {
            if is_segment_name(&name) && !wanted.contains(&name) {
                let _ = std::fs::remove_file(self.dir.join(name));
            }
        }
    }

    /// The segments of `meetings`: read back where kept, folded (and kept) where not.
    pub fn segments(&self, meetings: &[Meeting]) -> Vec<Segment> {
        let present = self.present();
        meetings
            .par_iter()
            .map(|m| {
                if Self::has(&present, m)
                    && let Ok(segment) = self.read(&m.file, m.conversion_key)
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

    /// Forgets the segments of a meeting file that is gone.
    pub fn forget(&self, rel: &Path) {
        let prefix = format!("{:016x}-", path_hash(rel));
        for old in self.present() {
            if old.starts_with(&prefix) {
                let _ = std::fs::remove_file(self.dir.join(old));
            }
        }
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
        store.prune(&[]);
        let mut left: Vec<String> = store.present().into_iter().collect();
        left.sort();
        assert_eq!(left, [".tmpXYZ", "notes.txt", "words.bin"]);
    }
}
