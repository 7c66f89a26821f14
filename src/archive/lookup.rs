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
    /// An attachment: whether it is a file, and whether it leads out of the archive; and,
    /// when it was no link, what its folder looked like (see [`Unlinked`]).
    Attachment {
        path: PathBuf,
        is_file: bool,
        escapes: bool,
        unlinked: Option<Unlinked>,
    },
}

/// An attachment that was not a link (a file, a folder, or nothing by that name) in a folder
/// that was not a link either: the folder's status-change time. While the folder is still
/// no link with that time, no entry in it has been added, removed, renamed or replaced,
/// and its permissions are the same, so the attachment is what it was; only where the
/// folder really is (through its parents) needs looking at again, and that is worked out
/// once per folder. One stat per folder instead of one per attachment: a municipality's
/// archive has tens of thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Unlinked {
    folder_changed_ns: u128,
    present: bool,
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
                unlinked,
            } => match unlinked.and_then(|u| check.escapes_if_unchanged(path, u)) {
                Some(now) => now == *escapes,
                None => check.state(path) == (*is_file, *escapes),
            },
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
    folders: Mutex<HashMap<PathBuf, Folder>>,
    /// When the check began (nanoseconds since 1970).
    began_ns: u128,
}

/// A folder attachments are in: where it really is (and whether that is in the archive),
/// and its status-change time when it is a folder and no link.
#[derive(Debug, Clone, Default)]
struct Folder {
    real: Option<PathBuf>,
    inside: bool,
    plain_changed_ns: Option<u128>,
}

impl Folder {
    /// Whether `name` in this folder really is outside the archive (`root`).
    fn leaves(&self, name: &std::ffi::OsStr, root: &Path) -> bool {
        // A folder in the archive has everything in it there too; the join is needed only
        // for one outside (which could be the folder the archive itself is in).
        !self.inside
            && self
                .real
                .as_ref()
                .is_some_and(|f| !f.join(name).starts_with(root))
    }
}

/// A change this close to the moment a folder was looked at may not show in its time.
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

impl AttachmentCheck {
    pub fn new(root: &Path) -> AttachmentCheck {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        AttachmentCheck::began_at(root, now)
    }

    fn began_at(root: &Path, began_ns: u128) -> AttachmentCheck {
        AttachmentCheck {
            canonical_root: root.canonicalize().ok(),
            folders: Mutex::default(),
            began_ns,
        }
    }

    /// Whether `full` is a file, and whether its real path is outside the archive's.
    pub fn state(&self, full: &Path) -> (bool, bool) {
        let (is_file, escapes, _) = self.state_seen(full);
        (is_file, escapes)
    }

    /// [`state`](Self::state), with what is needed to tell later, from its folder alone,
    /// that it still holds: when `full` is no link, in a folder that is none and had not
    /// changed for a moment when the check began (a change in the same instant might not
    /// show in the folder's time).
    pub fn state_seen(&self, full: &Path) -> (bool, bool, Option<Unlinked>) {
        let Some(root) = &self.canonical_root else {
            return (full.is_file(), false, None);
        };
        if let (Some(folder), Some(name)) = (full.parent(), full.file_name()) {
            let unlinked = |folder: &Folder, present| {
                let folder_changed_ns = folder.plain_changed_ns?;
                (folder_changed_ns + RACY.as_nanos() < self.began_ns).then_some(Unlinked {
                    folder_changed_ns,
                    present,
                })
            };
            match std::fs::symlink_metadata(full) {
                // A plain file (not a link) in a folder: its real path is the folder's,
                // joined.
                Ok(meta) if !meta.file_type().is_symlink() => {
                    let folder = self.folder(folder);
                    let escapes = folder.leaves(name, root);
                    return (meta.is_file(), escapes, unlinked(&folder, true));
                }
                // Nothing by that name: no file, and nothing it leads to.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return (false, false, unlinked(&self.folder(folder), false));
                }
                _ => {}
            }
        }
        let escapes = full.canonicalize().is_ok_and(|t| !t.starts_with(root));
        (full.is_file(), escapes, None)
    }

    /// Whether `full` leads out of the archive now, when its folder is as `seen` saw it
    /// (then nothing in the folder changed, and its being a file neither); `None` when the
    /// folder changed, and the attachment itself must be looked at.
    pub fn escapes_if_unchanged(&self, full: &Path, seen: Unlinked) -> Option<bool> {
        let root = self.canonical_root.as_ref()?;
        let (folder, name) = (full.parent()?, full.file_name()?);
        self.with_folder(folder, |folder| {
            (folder.plain_changed_ns? == seen.folder_changed_ns)
                .then(|| seen.present && folder.leaves(name, root))
        })
    }

    /// What `f` makes of the folder, looked at in place when it is known (no copy of its
    /// path for each of the tens of thousands of attachments).
    fn with_folder<T>(&self, folder: &Path, f: impl FnOnce(&Folder) -> T) -> T {
        if let Some(known) = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(folder)
        {
            return f(known);
        }
        f(&self.folder(folder))
    }

    fn folder(&self, folder: &Path) -> Folder {
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
            let meta = std::fs::symlink_metadata(folder)
                .ok()
                .filter(|m| m.is_dir());
            let real = match (folder.parent(), folder.file_name()) {
                (Some(parent), Some(name)) if meta.is_some() && !parent.as_os_str().is_empty() => {
                    self.folder(parent).real.map(|p| p.join(name))
                }
                _ => folder.canonicalize().ok(),
            };
            let inside = match (&real, &self.canonical_root) {
                (Some(real), Some(root)) => real.starts_with(root),
                _ => false,
            };
            let found = Folder {
                real,
                inside,
                plain_changed_ns: meta.as_ref().and_then(changed_ns),
            };
            self.folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(folder.to_path_buf(), found.clone());
            found
        })
    }
}

/// The status-change time of what `meta` describes, in nanoseconds (where the system tells).
#[cfg(unix)]
fn changed_ns(meta: &std::fs::Metadata) -> Option<u128> {
    use std::os::unix::fs::MetadataExt;
    let secs = u128::try_from(meta.ctime()).ok()?;
    let nanos = u128::try_from(meta.ctime_nsec()).ok()?;
    Some(secs * 1_000_000_000 + nanos)
}

#[cfg(not(unix))]
fn changed_ns(_: &std::fs::Metadata) -> Option<u128> {
    None
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

    /// An attachment that was no link is told from its folder alone while the folder is
    /// unchanged, and looked at again once anything in the folder has changed; a link, or
    /// a folder changed a moment before it was looked at, is always looked at itself.
    #[test]
    fn an_unchanged_folder_tells_its_attachments_and_a_changed_one_does_not() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), "x").unwrap();
        let root = tempfile::tempdir().unwrap();
        let bilag = root.path().join("bilag");
        std::fs::create_dir(&bilag).unwrap();
        let (plain, link, missing) = (
            bilag.join("plain.pdf"),
            bilag.join("link.pdf"),
            bilag.join("missing.pdf"),
        );
        std::fs::write(&plain, "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), &link).unwrap();
        // As if the check began an hour from now: the folder is old enough to be trusted.
        let later = |root: &Path| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            AttachmentCheck::began_at(root, now + 3_600_000_000_000)
        };
        let check = later(root.path());
        let (is_file, escapes, seen_plain) = check.state_seen(&plain);
        assert_eq!((is_file, escapes), (true, false));
        let seen_plain = seen_plain.expect("a plain file in a plain folder");
        assert!(seen_plain.present);
        assert_eq!(check.state_seen(&link), (true, true, None));
        let (is_file, escapes, seen_missing) = check.state_seen(&missing);
        assert_eq!((is_file, escapes), (false, false));
        let seen_missing = seen_missing.expect("nothing by that name in a plain folder");
        assert!(!seen_missing.present);
        // Checked now, the folder had just changed: no attachment is told from it.
        assert_eq!(AttachmentCheck::new(root.path()).state_seen(&plain).2, None);

        // Unchanged: told from the folder, as the attachment itself would tell.
        let again = AttachmentCheck::new(root.path());
        assert_eq!(again.escapes_if_unchanged(&plain, seen_plain), Some(false));
        assert_eq!(
            again.escapes_if_unchanged(&missing, seen_missing),
            Some(false)
        );

        // The folder's time moves on with the kernel's clock tick, which can be several
        // milliseconds: the changes below come after it.
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::remove_file(&plain).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), &plain).unwrap();
        std::fs::write(&missing, "x").unwrap();
        let after = AttachmentCheck::new(root.path());
        assert_eq!(after.escapes_if_unchanged(&plain, seen_plain), None);
        assert_eq!(after.escapes_if_unchanged(&missing, seen_missing), None);
        // So each is looked at itself, and what it is now is what is seen.
        assert_eq!(after.state(&plain), (true, true));
        assert_eq!(after.state(&missing), (true, false));

        // Permissions taken from the folder change its time too.
        let (_, _, seen) = later(root.path()).state_seen(&missing);
        let seen = seen.unwrap();
        std::thread::sleep(std::time::Duration::from_millis(50));
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bilag, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(
            AttachmentCheck::new(root.path()).escapes_if_unchanged(&missing, seen),
            None
        );
    }
}
