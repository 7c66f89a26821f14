//! The load cache: each meeting file's conversion kept beside the archive, so that a start
//! reads back what it converted last time instead of parsing every file again.
//!
//! The files stay the only truth. The cache lives in the user's cache folder, one folder
//! per archive (keyed by the archive's absolute path), never inside the archive. Each
//! meeting file has one entry of its own, written atomically (a temporary file renamed
//! into place), so two instances building it at once each leave whole entries, and a save
//! updates one entry, not the whole cache. An entry is used only when
//!
//! - it was written by this very build (another version's entries are ignored),
//! - its checksum holds (a damaged entry is counted, reported and replaced),
//! - the file has the size and modification time it had, or, when the time changed or is
//!   too close to when the file was read for it to tell, the same content hash, and
//! - every answer its conversion got from the rest of the archive still holds
//!   ([`Lookup`](super::lookup::Lookup)).
//!
//! Anything else is read from the file again, and its entry written anew. `check` never
//! uses the cache.
//!
//! An entry is two framed parts: the meeting without its items' long texts (with all the
//! rest), then those texts. The screens read only the first part at a start, and an item's
//! texts from its file when it is shown; the command line reads both.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use super::diagnostic::{Diagnostic, Site};
use super::lookup::Lookup;
use crate::model::{ItemNo, Meeting};

/// Bumped whenever what an entry holds changes shape.
const SCHEMA: u64 = 8;
const MAGIC: &[u8; 8] = b"DAGSCACH";
pub(crate) const HEADER: usize = 32;
/// A file changed within this long of being read for an entry may have the same
/// modification time as the version the entry holds; its content is compared instead.
const RACY: Duration = Duration::from_secs(2);
/// Where the entries are, inside an archive's cache folder.
const ENTRIES: &str = "meetings";
/// Names the archive a cache folder belongs to, for `cache status`.
const ARCHIVE_NOTE: &str = "archive.txt";

/// The cache of one archive.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// The archive root as given (diagnostics name files by it).
    root_shown: String,
}

/// Whether a load takes the items' long texts from the cache too, or leaves them in the
/// files until they are shown (the screens, whose first frame needs none of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    Held,
    Away,
}

/// Why an entry was not used.
#[derive(Debug, PartialEq, Eq)]
pub enum Miss {
    /// No entry, another build's, or the file changed: read the file.
    Stale,
    /// The entry is damaged (truncated, or bytes changed): read the file and report it.
    Corrupt,
}

/// One meeting file's conversion, as kept.
#[derive(Debug, serde::Deserialize)]
pub struct Entry {
    pub rel: PathBuf,
    root_shown: String,
    size: u64,
    modified_ns: u128,
    read_ns: u128,
    pub item_numbers: Vec<ItemNo>,
    pub meeting: Meeting,
    pub diagnostics: Vec<Diagnostic>,
    pub followup_sites: Vec<(String, Site)>,
    pub lookups: Vec<Lookup>,
}

/// What [`Entry`] holds, borrowed, for writing (same fields in the same order).
#[derive(serde::Serialize)]
pub struct EntryOut<'a> {
    pub rel: &'a Path,
    root_shown: &'a str,
    size: u64,
    modified_ns: u128,
    read_ns: u128,
    pub item_numbers: &'a [ItemNo],
    pub meeting: &'a Meeting,
    pub diagnostics: &'a [Diagnostic],
    pub followup_sites: &'a [(String, Site)],
    pub lookups: &'a [Lookup],
}

/// The parts of a converted meeting that go into an entry.
pub struct Converted<'a> {
    pub rel: &'a Path,
    pub item_numbers: &'a [ItemNo],
    pub meeting: &'a Meeting,
    pub diagnostics: &'a [Diagnostic],
    pub followup_sites: &'a [(String, Site)],
    pub lookups: &'a [Lookup],
    /// When the file was read (before its bytes were): the time an entry is checked against.
    pub read_at: SystemTime,
}

/// What `cache status` reports of one archive's cache.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Usage {
    pub entries: usize,
    pub bytes: u64,
}

impl Cache {
    /// The folder all archives' caches are kept in: `DAGSORDEN_CACHE_DIR`, else the user's
    /// cache folder (`~/.cache/dagsorden` on Linux).
    pub fn base_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("DAGSORDEN_CACHE_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "dagsorden").map(|d| d.cache_dir().to_path_buf())
    }

    /// The cache of the archive at `root`, or `None` when there is no cache folder to use.
    pub fn for_archive(root: &Path) -> Option<Cache> {
        Self::in_folder(&Self::base_dir()?, root)
    }

    /// The cache of the archive at `root` kept in `base` (instead of the user's).
    pub fn in_folder(base: &Path, root: &Path) -> Option<Cache> {
        let abs = std::path::absolute(root).ok()?;
        let abs = abs.canonicalize().unwrap_or(abs);
        Some(Cache {
            dir: base.join(folder_name(&abs)),
            root_shown: root.display().to_string(),
        })
    }

    /// This archive's cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the entry of meeting file `rel` is kept.
    pub fn entry_file(&self, rel: &Path) -> PathBuf {
        self.dir.join(ENTRIES).join(entry_name(rel))
    }

    /// The entry of a meeting file, if it can be trusted for the file as it is on disk.
    pub fn entry(&self, root: &Path, rel: &Path, texts: Texts) -> Result<Entry, Miss> {
        match texts {
            Texts::Away => {
                let entry = decode(&read_first_frame(&self.entry_file(rel))?)?;
                self.trusted(root, rel, entry)
            }
            Texts::Held => self.entry_with_texts_of(root, rel, |_, _| true),
        }
    }

    /// The entry of a meeting file with the long texts of the items `wanted` (by their
    /// place in the meeting, and themselves) only, the others left in the file: what a
    /// search shows needs its hits' texts.
    pub fn entry_with_texts_of(
        &self,
        root: &Path,
        rel: &Path,
        wanted: impl Fn(usize, &crate::model::Item) -> bool,
    ) -> Result<Entry, Miss> {
        let bytes = std::fs::read(self.entry_file(rel)).map_err(|_| Miss::Stale)?;
        let (head, rest) = split_frame(&bytes)?;
        let mut entry: Entry = decode(head)?;
        // Read as bytes, borrowed (a string is its length and bytes, as bytes are): only
        // the texts wanted are checked and copied.
        let texts: Vec<&[u8]> = postcard::from_bytes(unframed(rest)?).map_err(|_| Miss::Corrupt)?;
        if texts.len() != entry.meeting.items.len() {
            return Err(Miss::Corrupt);
        }
        let texts: Result<Vec<Option<String>>, Miss> = texts
            .into_iter()
            .zip(entry.meeting.items.iter().enumerate())
            .map(|(text, (n, item))| {
                wanted(n, item)
                    .then(|| String::from_utf8(text.to_vec()).map_err(|_| Miss::Corrupt))
                    .transpose()
            })
            .collect();
        entry.meeting.put_texts(texts?);
        self.trusted(root, rel, entry)
    }

    /// The entry, if it is this file's as the file is on disk.
    fn trusted(&self, root: &Path, rel: &Path, entry: Entry) -> Result<Entry, Miss> {
        if entry.rel != rel || entry.root_shown != self.root_shown {
            return Err(Miss::Stale);
        }
        let file = root.join(rel);
        let meta = std::fs::metadata(&file).map_err(|_| Miss::Stale)?;
        if meta.len() != entry.size {
            return Err(Miss::Stale);
        }
        let modified = nanos(meta.modified().ok());
        let racy = modified + RACY.as_nanos() >= entry.read_ns;
        if modified == entry.modified_ns && !racy {
            return Ok(entry);
        }
        // Touched (a checkout, a copy) or too recent to tell: compare the content.
        let text = super::read_text(root, rel).ok_or(Miss::Stale)?;
        if super::text_hash(&text) == entry.meeting.source_hash {
            Ok(entry)
        } else {
            Err(Miss::Stale)
        }
    }

    /// Writes the entry of a meeting file as just converted. A failure is not the user's
    /// problem: the file is read again next time.
    pub fn store(&self, root: &Path, c: &Converted) {
        // Only a meeting as converted, every text held, is kept (never one with a gap).
        let texts: Option<Vec<&str>> = c
            .meeting
            .items
            .iter()
            .map(|i| i.background.text())
            .collect();
        let Some(texts) = texts else {
            return;
        };
        let Ok(meta) = std::fs::metadata(root.join(c.rel)) else {
            return;
        };
        let out = EntryOut {
            rel: c.rel,
            root_shown: &self.root_shown,
            size: meta.len(),
            modified_ns: nanos(meta.modified().ok()),
            read_ns: nanos(Some(c.read_at)),
            item_numbers: c.item_numbers,
            meeting: c.meeting,
            diagnostics: c.diagnostics,
            followup_sites: c.followup_sites,
            lookups: c.lookups,
        };
        let (Ok(head), Ok(texts)) = (postcard::to_stdvec(&out), postcard::to_stdvec(&texts)) else {
            return;
        };
        let mut bytes = framed(&head);
        bytes.extend_from_slice(&framed(&texts));
        let _ = self.write_entry(&self.entry_file(c.rel), &bytes);
    }

    /// Makes the folder ready before a load writes to it: notes which archive it is for
    /// (for `cache status`), and, when the folder is new, sweeps away the caches of
    /// archives that are gone.
    pub fn prepare(&self) {
        let note = self.dir.join(ARCHIVE_NOTE);
        if note.exists() {
            return;
        }
        if std::fs::create_dir_all(self.dir.join(ENTRIES)).is_err() {
            return;
        }
        let root = std::path::absolute(&self.root_shown).unwrap_or_default();
        let _ = write_atomic(&self.dir, &note, root.display().to_string().as_bytes());
        sweep_gone_archives(self.dir.parent().unwrap_or(Path::new("")), &self.dir);
    }

    fn write_entry(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let dir = self.dir.join(ENTRIES);
        std::fs::create_dir_all(&dir)?;
        write_atomic(&dir, path, bytes)
    }

    /// Removes the entries of files the archive no longer has (deleted or renamed), and
    /// temporary files an interrupted writer left behind.
    pub fn prune(&self, rels: &[&Path]) {
        let keep: HashSet<String> = rels.iter().map(|r| entry_name(r)).collect();
        let Ok(entries) = std::fs::read_dir(self.dir.join(ENTRIES)) else {
            return;
        };
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let old_tmp = name.starts_with(".tmp")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < hour_ago);
            if (!name.starts_with(".tmp") && !keep.contains(&name)) || old_tmp {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// How many entries this archive's cache holds, and their size.
    pub fn usage(&self) -> Usage {
        usage(&self.dir)
    }

    /// Deletes this archive's cache. Nothing is lost: the next start reads the files.
    pub fn clear(&self) -> std::io::Result<()> {
        remove_folder(&self.dir)
    }
}

/// Every archive's cache in the cache folder: the archive's path (as noted) and its usage.
pub fn all_caches() -> Vec<(PathBuf, Option<PathBuf>, Usage)> {
    let Some(base) = Cache::base_dir() else {
        return Vec::new();
    };
    let Ok(dirs) = std::fs::read_dir(&base) else {
        return Vec::new();
    };
    let mut out: Vec<_> = dirs
        .flatten()
        .filter(|d| d.path().join(ENTRIES).is_dir())
        .map(|d| {
            let archive = std::fs::read_to_string(d.path().join(ARCHIVE_NOTE))
                .ok()
                .map(PathBuf::from);
            (d.path(), archive, usage(&d.path()))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Removes the caches of archives that are no longer there (a folder deleted or moved),
/// so that the cache folder does not grow with every archive ever opened. Run when a new
/// archive's cache is begun.
fn sweep_gone_archives(base: &Path, own: &Path) {
    let Ok(dirs) = std::fs::read_dir(base) else {
        return;
    };
    for d in dirs.flatten() {
        if d.path() == own {
            continue;
        }
        // The note is written whole (renamed into place), so it is either there or not.
        let gone = std::fs::read_to_string(d.path().join(ARCHIVE_NOTE)).is_ok_and(|archive| {
            let archive = Path::new(&archive);
            archive.is_absolute() && !archive.join("forum.toml").exists()
        });
        if gone && d.path().join(ENTRIES).is_dir() {
            let _ = std::fs::remove_dir_all(d.path());
        }
    }
}

/// The meeting files' entries counted, and the bytes of everything kept (entries and the
/// search index beside them).
fn usage(dir: &Path) -> Usage {
    let mut u = Usage::default();
    for (sub, count) in [(ENTRIES, true), ("search", false)] {
        for e in std::fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            if count && !e.file_name().to_string_lossy().starts_with(".tmp") {
                u.entries += 1;
            }
            u.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    u
}

/// Deletes a cache folder; one that is not there is no error.
pub fn remove_folder(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The name of an archive's cache folder: its last folder name, for people looking, and a
/// hash of its whole path, so two archives of the same name do not meet.
fn folder_name(abs: &Path) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    abs.hash(&mut h);
    let name: String = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    format!("{name}-{:016x}", h.finish())
}

fn entry_name(rel: &Path) -> String {
    format!("{:016x}.bin", path_hash(rel))
}

/// A hash of a file's path in the archive, for naming what the cache keeps of it.
pub fn path_hash(rel: &Path) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel.hash(&mut h);
    h.finish()
}

/// Writes `bytes` to `path` whole or not at all (a temporary file in `dir`, renamed).
///
/// One file at a time in this process: the load's and the search's workers each write the
/// cache of what they just read, and two threads making files in one folder at once wait on
/// its lock in the kernel. At 10,000 meetings on two cores the first start's 10,000 entries
/// took 4.3 s of writing with two threads at once and 2.2 s with one.
pub(crate) fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _writing = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let mut tmp = tempfile::Builder::new().prefix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn nanos(t: Option<SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// What tells this build's entries from any other's: the schema, the running program
/// (its size and time: a new build or release is another program), and the text hash
/// itself (the standard library's hasher may change between Rust releases).
fn build_key() -> u64 {
    static KEY: OnceLock<u64> = OnceLock::new();
    *KEY.get_or_init(|| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        SCHEMA.hash(&mut h);
        env!("CARGO_PKG_VERSION").hash(&mut h);
        super::text_hash("dagsorden").hash(&mut h);
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
        {
            meta.len().hash(&mut h);
            nanos(meta.modified().ok()).hash(&mut h);
        }
        h.finish()
    })
}

/// A CRC-32 (crc32fast: many GB/s, where the standard hasher would cost a third of a warm
/// start), as a 64-bit word for the header.
fn checksum(payload: &[u8]) -> u64 {
    u64::from(crc32fast::hash(payload))
}

/// A payload with the header that tells it whole and this build's: for any file of the
/// cache (public for the fuzzer, which writes cache files whose checksums hold).
pub fn framed(payload: &[u8]) -> Vec<u8> {
    let mut bytes = header(payload);
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of a file written by [`framed`], if it is whole and this build's.
pub(crate) fn unframed(bytes: &[u8]) -> Result<&[u8], Miss> {
    match split_frame(bytes)? {
        (payload, []) => Ok(payload),
        _ => Err(Miss::Corrupt),
    }
}

/// The payload of the frame `bytes` begin with, if it is whole and this build's, and the
/// bytes after it.
pub(crate) fn split_frame(bytes: &[u8]) -> Result<(&[u8], &[u8]), Miss> {
    let len = frame_len(bytes)?;
    let payload = bytes
        .get(HEADER..)
        .and_then(|rest| rest.get(..len))
        .ok_or(Miss::Corrupt)?;
    if word(bytes, 24) != Some(checksum(payload)) {
        return Err(Miss::Corrupt);
    }
    Ok((payload, &bytes[HEADER + len..]))
}

/// The payload length a frame's header states, once its magic and build are this build's.
fn frame_len(bytes: &[u8]) -> Result<usize, Miss> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(Miss::Corrupt);
    }
    if word(bytes, 8) != Some(build_key()) {
        return Err(Miss::Stale);
    }
    word(bytes, 16)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or(Miss::Corrupt)
}

fn word(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// The payload of the first frame of the file at `path`, read without the rest.
pub(crate) fn read_first_frame(path: &Path) -> Result<Vec<u8>, Miss> {
    let mut file = std::fs::File::open(path).map_err(|_| Miss::Stale)?;
    read_first_frame_of(&mut file)
}

/// The payload of the first frame of an open file (read from its start), without the rest.
pub(crate) fn read_first_frame_of(file: &mut std::fs::File) -> Result<Vec<u8>, Miss> {
    use std::io::Read;
    let mut header = [0; HEADER];
    file.read_exact(&mut header).map_err(|_| Miss::Corrupt)?;
    let len = frame_len(&header)?;
    // A length the file cannot hold is damage, not a reason to allocate it.
    let size = file.metadata().map_err(|_| Miss::Stale)?.len();
    if len as u64 > size.saturating_sub(HEADER as u64) {
        return Err(Miss::Corrupt);
    }
    // Read straight into a buffer of its own (the index of words' first part is megabytes:
    // neither zeroed first nor moved after).
    let mut payload = Vec::with_capacity(len);
    file.take(len as u64)
        .read_to_end(&mut payload)
        .map_err(|_| Miss::Corrupt)?;
    if payload.len() != len || word(&header, 24) != Some(checksum(&payload)) {
        return Err(Miss::Corrupt);
    }
    Ok(payload)
}

/// Magic, build key, payload length and checksum, 8 bytes each.
fn header(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&build_key().to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out
}

/// An entry's first part, from its payload.
fn decode(payload: &[u8]) -> Result<Entry, Miss> {
    postcard::from_bytes(payload).map_err(|_| Miss::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_entry_is_corrupt_and_another_builds_is_stale() {
        let read = |bytes: &[u8]| unframed(bytes).and_then(decode);
        let payload = b"not really postcard".to_vec();
        let mut bytes = header(&payload);
        bytes.extend_from_slice(&payload);
        // The checksum holds, so the payload is read, and it is no entry.
        assert_eq!(read(&bytes).unwrap_err(), Miss::Corrupt);
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() - 3);
        assert_eq!(read(&cut).unwrap_err(), Miss::Corrupt);
        let mut flipped = bytes.clone();
        flipped[HEADER + 2] ^= 1;
        assert_eq!(read(&flipped).unwrap_err(), Miss::Corrupt);
        let mut other = bytes.clone();
        other[8] ^= 1;
        assert_eq!(read(&other).unwrap_err(), Miss::Stale);
        assert_eq!(read(&bytes[..10]).unwrap_err(), Miss::Corrupt);
    }

    #[test]
    fn two_archives_of_the_same_name_have_their_own_folders() {
        let a = folder_name(Path::new("/home/anne/agendas"));
        let b = folder_name(Path::new("/home/bo/agendas"));
        assert!(a.starts_with("agendas-") && b.starts_with("agendas-"));
        assert_ne!(a, b);
    }
}
