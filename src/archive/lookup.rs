//! What converting one file asked of the rest of the archive, and the answers it got.
//!
//! A meeting file's conversion depends on its own text and on a few facts about the other
//! files: which bodies forum.toml defines, which meetings and items exist, which calendar
//! events the year plans name, and whether its attachments are on disk. Each question is
//! recorded with its answer, so a conversion kept in the cache is used again only while
//! every answer still holds; when one changes (an item it refers to was renumbered, an
//! attachment was deleted), the file is converted again.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::convert::Known;
use crate::model::MeetingId;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lookup {
    /// The bodies forum.toml defines (a message about an unknown one lists them all).
    Bodies(u64),
    /// A referred meeting: unknown, only planned, or its file's item numbers.
    Meeting(MeetingId, u64),
    /// Whether a calendar event is defined.
    Event(String, bool),
    /// An attachment: whether it is a file, and whether it leads out of the archive.
    Attachment {
        path: PathBuf,
        is_file: bool,
        escapes: bool,
    },
}

impl Lookup {
    /// Whether the answer recorded is still the answer.
    pub fn holds(&self, known: &Known, canonical_root: Option<&Path>) -> bool {
        match self {
            Lookup::Bodies(key) => known.bodies_key() == *key,
            Lookup::Meeting(id, key) => known.meeting_key(id) == *key,
            Lookup::Event(id, defined) => known.events.contains(id) == *defined,
            Lookup::Attachment { .. } => self.holds_attachment(canonical_root),
        }
    }

    /// For an attachment, whether what was found of it on disk still holds (any other
    /// lookup: true).
    pub fn holds_attachment(&self, canonical_root: Option<&Path>) -> bool {
        match self {
            Lookup::Attachment {
                path,
                is_file,
                escapes,
            } => attachment_state(path, canonical_root) == (*is_file, *escapes),
            _ => true,
        }
    }

    /// Whether this attachment was left out for leading out of the archive.
    pub fn leaves_archive(&self) -> bool {
        matches!(self, Lookup::Attachment { escapes: true, .. })
    }
}

/// Whether `full` is a file, and whether it (through a link) leads outside `canonical_root`.
pub fn attachment_state(full: &Path, canonical_root: Option<&Path>) -> (bool, bool) {
    let escapes = match (full.canonicalize(), canonical_root) {
        (Ok(target), Some(root)) => !target.starts_with(root),
        _ => false,
    };
    (full.is_file(), escapes)
}

impl Known {
    /// A key for the bodies as a conversion sees them.
    pub fn bodies_key(&self) -> u64 {
        let mut bodies: Vec<_> = self.bodies.iter().map(|b| b.as_str()).collect();
        bodies.sort_unstable();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.forum_loaded, bodies).hash(&mut h);
        h.finish()
    }

    /// A key for what the archive knows of a meeting: 0 when it is unknown, 1 when it is
    /// only planned, else a hash of its item numbers.
    pub fn meeting_key(&self, id: &MeetingId) -> u64 {
        match self.meetings.get(id) {
            None => 0,
            Some(None) => 1,
            Some(Some(items)) => {
                let mut items: Vec<_> = items.iter().collect();
                items.sort_unstable();
                let mut h = std::collections::hash_map::DefaultHasher::new();
                items.hash(&mut h);
                h.finish() | 2
            }
        }
    }
}
