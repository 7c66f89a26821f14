//! What converting one file asked of the rest of the archive, and the answers it got.
//!
//! A meeting file's conversion depends on its own text and on a few facts about the other
//! files: which bodies forum.toml defines, which meetings and items exist, which calendar
//! events the year plans name, and whether its attachments are on disk. Each question is
//! recorded with its answer, so a conversion kept in the cache is used again only while
//! every answer still holds; when one changes (an item it refers to was renumbered, an
//! attachment was deleted), the file is converted again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    pub fn holds(&self, known: &Known, check: &AttachmentCheck) -> bool {
        match self {
            Lookup::Bodies(key) => known.bodies_key() == *key,
            Lookup::Meeting(id, key) => known.meeting_key(id) == *key,
            Lookup::Event(id, defined) => known.events.contains(id) == *defined,
            Lookup::Attachment { .. } => self.holds_attachment(check),
        }
    }

    /// For an attachment, whether what was found of it on disk still holds (any other
    /// lookup: true).
    pub fn holds_attachment(&self, check: &AttachmentCheck) -> bool {
        match self {
            Lookup::Attachment {
                path,
                is_file,
                escapes,
            } => check.state(path) == (*is_file, *escapes),
            _ => true,
        }
    }

    /// Whether this attachment was left out for leading out of the archive.
    pub fn leaves_archive(&self) -> bool {
        matches!(self, Lookup::Attachment { escapes: true, .. })
    }
}

/// Tells of attachment files whether they are files and whether they (through a link)
/// lead out of the archive. One check serves a whole load: the folders' real paths are
/// worked out once each, not once per attachment (a municipality's archive has tens of
/// thousands of attachments in a few hundred folders, and resolving a path is a system
/// call per component).
#[derive(Debug, Default)]
pub struct AttachmentCheck {
    canonical_root: Option<PathBuf>,
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl AttachmentCheck {
    pub fn new(root: &Path) -> AttachmentCheck {
        AttachmentCheck {
            canonical_root: root.canonicalize().ok(),
            folders: Mutex::default(),
        }
    }

    /// Whether `full` is a file, and whether its real path is outside the archive's.
    pub fn state(&self, full: &Path) -> (bool, bool) {
        let Some(root) = &self.canonical_root else {
            return (full.is_file(), false);
        };
        // A plain file (not a link) in a folder: its real path is the folder's, joined.
        if let (Some(folder), Some(name)) = (full.parent(), full.file_name())
            && let Ok(meta) = std::fs::symlink_metadata(full)
            && !meta.file_type().is_symlink()
        {
            let real_folder = self.real_folder(folder);
            let escapes = real_folder.is_some_and(|f| !f.join(name).starts_with(root));
            return (meta.is_file(), escapes);
        }
        let escapes = full.canonicalize().is_ok_and(|t| !t.starts_with(root));
        (full.is_file(), escapes)
    }

    fn real_folder(&self, folder: &Path) -> Option<PathBuf> {
        let known = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
            .cloned();
        known.unwrap_or_else(|| {
            // A folder that is not a link is where its parent really is: the parent (a
            // year's folder, shared by a year's meetings) is resolved once, each
            // attachment folder with one look at itself.
            let plain = std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir());
            let real = match (folder.parent(), folder.file_name()) {
                (Some(parent), Some(name)) if plain && !parent.as_os_str().is_empty() => {
                    self.real_folder(parent).map(|p| p.join(name))
                }
                _ => folder.canonicalize().ok(),
            };
            self.folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(folder.to_path_buf(), real.clone());
            real
        })
    }
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// What the check tells is what resolving the whole path tells, for every kind of path.
    #[test]
    fn the_check_tells_what_resolving_the_whole_path_tells() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), "x").unwrap();
        let root = tempfile::tempdir().unwrap();
        let bilag = root.path().join("bilag");
        std::fs::create_dir(&bilag).unwrap();
        std::fs::write(bilag.join("plain.pdf"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), bilag.join("link.pdf"))
            .unwrap();
        std::os::unix::fs::symlink(bilag.join("plain.pdf"), bilag.join("inside.pdf")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("ud")).unwrap();
        std::fs::create_dir(bilag.join("folder")).unwrap();
        std::fs::create_dir_all(outside.path().join("deep/er")).unwrap();
        std::fs::write(outside.path().join("deep/er/secret.pdf"), "x").unwrap();
        std::fs::create_dir_all(bilag.join("a/b")).unwrap();
        std::fs::write(bilag.join("a/b/plain.pdf"), "x").unwrap();
        let check = AttachmentCheck::new(root.path());
        let real_root = root.path().canonicalize().unwrap();
        let whole = |p: &Path| {
            let escapes = p.canonicalize().is_ok_and(|t| !t.starts_with(&real_root));
            (p.is_file(), escapes)
        };
        let paths = [
            bilag.join("plain.pdf"),
            bilag.join("link.pdf"),
            bilag.join("inside.pdf"),
            bilag.join("missing.pdf"),
            bilag.join("folder"),
            root.path().join("ud/secret.pdf"),
            root.path().join("ud/missing.pdf"),
            bilag.join("../ud/secret.pdf"),
            bilag.join("folder/.."),
            // Folders under a link, and folders in folders, resolved a level at a time.
            root.path().join("ud/deep/er/secret.pdf"),
            root.path().join("ud/deep/er/missing.pdf"),
            bilag.join("a/b/plain.pdf"),
            bilag.join("a/b/../b/plain.pdf"),
        ];
        for p in &paths {
            // Twice: the second time from the folders already resolved.
            assert_eq!(check.state(p), whole(p), "{}", p.display());
            assert_eq!(check.state(p), whole(p), "{}", p.display());
        }
        assert_eq!(
            check.state(&root.path().join("ud/secret.pdf")),
            (true, true)
        );
        assert_eq!(check.state(&bilag.join("plain.pdf")), (true, false));
    }
}
