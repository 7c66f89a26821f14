//! The index of words, for a search from the command line that need not read the archive:
//! every word of every meeting's segment, sorted, with the meetings it occurs in and, in
//! each, the docs (the meeting's own text, its items) it is in, as its segment has them.
//!
//! For a query of words only, the lists tell the hits as a search of the segments would:
//! the docs that have, for every word typed, a word starting with it. For a phrase, an
//! item filter or a meeting of more than 64 docs, they tell the candidates (the meetings
//! with every word somewhere), and the candidates' own segments (see
//! [`stored`](super::stored)) decide, exactly as a search of the whole index would.
//!
//! It is written with the state of the archive it was made from (each meeting file's and
//! year plan's size and time, each folder's time) and used only while that state holds
//! and is old enough to be told apart from a change made in the same instant; otherwise
//! the command loads the archive and writes it anew.
//!
//! The file: an 8-byte length, the framed header (checksummed: the state, the meetings
//! and the sorted words, each with where its list is), then the lists (meetings
//! delta-encoded, each with its docs), checked in blocks, so a search reads only the lists
//! it needs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::index::Segment;
use super::query::{Query, Term};
use crate::archive::cache::{HEADER, Miss, framed, read_first_frame_of, write_atomic};
use crate::model::{Meeting, MeetingId};

const FILE: &str = "words.bin";
/// The lists are checked in blocks of this many bytes, so that a search reads and checks
/// only the blocks its words' lists are in (a rare word: one block of the 10 MB of lists at
/// 10,000 meetings).
const BLOCK: usize = 64 * 1024;
/// A change this close to when the archive's state was taken may not show in the times.
const RACY: Duration = Duration::from_secs(2);

/// What the archive looked like: every file and folder the load reads (its path in the
/// archive), with its size and modification time (nanoseconds), and when it was looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveState {
    files: Vec<(String, u64, u128)>,
    /// The folders listed, by name (each is in `files` too, with its time).
    folders: Vec<String>,
    taken_ns: u128,
}

impl ArchiveState {
    /// Each file and folder looked at (its path in the archive), its size and its time.
    pub fn files(&self) -> &[(String, u64, u128)] {
        &self.files
    }
}

/// A folder of the archive's state as the index saw it: its time, and the names of its
/// files, each followed by `/` (the one character a name cannot hold).
#[derive(serde::Serialize, serde::Deserialize)]
struct KnownFolder {
    name: String,
    time_ns: u128,
    names: String,
}

/// What the index says of itself; the words and their lists follow it as plain arrays,
/// looked at in place (no word is decoded until a search compares it).
#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    /// When the state the index was made from was taken.
    taken_ns: u128,
    /// A hash of the archive's state, and the latest time in it.
    state: u64,
    latest_ns: u128,
    /// The state's folders, for the next state to be taken without listing them.
    folders: Vec<KnownFolder>,
    /// How many meetings there are, and the length of their table (each meeting's id, file
    /// and conversion key, decoded only when a search asks for that meeting).
    meetings: u32,
    meetings_len: u64,
    /// The meeting files with an attachment left out because it leads out of the archive.
    leaving: Vec<PathBuf>,
    words: u32,
    text_len: u64,
}

/// The index of words, read back: the first part (what it says of itself and the table of
/// words), and the file, to read the lists from as they are asked for.
///
/// The file is the first part, framed (its checksum covers it), then the lists' bytes,
/// whose blocks' checksums are at the end of the first part.
pub struct WordIndex {
    head: Head,
    bytes: Vec<u8>,
    /// The meetings' records, one after the other; `meetings + 1` starts of records, u32.
    table: usize,
    table_starts: usize,
    /// The words one after the other.
    text: usize,
    /// `words` ends of words in the text, then `words + 1` starts of lists, u32 each, then a
    /// CRC-32 for each block of the lists.
    ends: usize,
    starts: usize,
    checksums: usize,
    file: std::fs::File,
    /// Where the lists begin in the file, and their length.
    lists_at: u64,
    lists_len: usize,
}

/// The state of the archive at `root`, as far as what a search finds can depend on it: the
/// top-level TOML files, the year and calendar folders (their times change when a file is
/// added, removed or renamed in them), and each meeting file and plan. Attachments count
/// only where a link leads out of the archive (such an attachment is left out of its
/// meeting): [`quick`](super::quick) checks those of the meetings it shows, and of the
/// meetings that had one.
pub fn archive_state(root: &Path) -> Option<ArchiveState> {
    state_of(root, &[])
}

/// The state, taken with what an index knows of the folders: a folder whose time is the
/// one the index saw has had no file added, removed or renamed in it since, so its files
/// are looked at by the names the index kept, without listing the folder (which holds as
/// many attachment folders as meeting files). Whatever cannot be looked at so is listed.
fn state_of(root: &Path, known: &[KnownFolder]) -> Option<ArchiveState> {
    let taken_ns = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let root_fd = open_folder(root)?;
    let mut top = Vec::new();
    let mut folders = Vec::new();
    for e in std::fs::read_dir(root).ok()?.flatten() {
        let name = e.file_name();
        let (is_dir, size, time) = stat_in(&root_fd, &name)?;
        let name = name.to_string_lossy().into_owned();
        let archive_dir = name == "calendar" || (name.len() == 4 && name.parse::<u16>().is_ok());
        if is_dir && archive_dir {
            top.push((name.clone(), 0, time));
            folders.push((name, time));
        } else if !is_dir && name.ends_with(".toml") {
            top.push((name, size, time));
        }
    }
    let inner: Option<Vec<Vec<(String, u64, u128)>>> = folders
        .par_iter()
        .map(|(dir, time)| {
            let fd = open_folder(&root.join(dir))?;
            let names = known
                .iter()
                .find(|k| &k.name == dir && k.time_ns == *time)
                .map(|k| k.names.split('/').filter(|n| !n.is_empty()));
            if let Some(names) = names
                && let Some(files) = names
                    .map(|n| Some(file_state(dir, n, stat_in(&fd, n)?)))
                    .collect()
            {
                return Some(files);
            }
            let mut files = Vec::new();
            for e in std::fs::read_dir(root.join(dir)).ok()?.flatten() {
                // The name first: a stat is most of the time this takes.
                let name = e.file_name();
                if !name.as_encoded_bytes().ends_with(b".toml") {
                    continue;
                }
                let stat = stat_in(&fd, &name)?;
                files.push(file_state(dir, &name.to_string_lossy(), stat));
            }
            Some(files)
        })
        .collect();
    top.extend(inner?.into_iter().flatten());
    top.sort_unstable();
    Some(ArchiveState {
        files: top,
        folders: folders.into_iter().map(|(name, _)| name).collect(),
        taken_ns,
    })
}

fn open_folder(path: &Path) -> Option<rustix::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()
}

/// Whether `name` in the folder is a folder, its size and its modification time in
/// nanoseconds (0 before 1970); a link's target's. One stat relative to the folder.
fn stat_in(
    folder: &rustix::fd::OwnedFd,
    name: impl rustix::path::Arg,
) -> Option<(bool, u64, u128)> {
    let st = rustix::fs::statat(folder, name, rustix::fs::AtFlags::empty()).ok()?;
    let is_dir = rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::Directory;
    // The nanoseconds' type differs between systems; they are below a billion on each.
    let time = match (u128::try_from(st.st_mtime), u32::try_from(st.st_mtime_nsec)) {
        (Ok(secs), Ok(nanos)) => secs * 1_000_000_000 + u128::from(nanos),
        _ => 0,
    };
    Some((is_dir, u64::try_from(st.st_size).unwrap_or(0), time))
}

fn file_state(
    dir: &str,
    name: &str,
    (is_dir, size, time): (bool, u64, u128),
) -> (String, u64, u128) {
    (format!("{dir}/{name}"), if is_dir { 0 } else { size }, time)
}

fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A meeting a word is in (by place) and the docs of it the word is in, as a mask.
type Posting = (u32, Option<u64>);

/// A word's list: for each meeting it is in (by place, as the difference from the one
/// before), the docs it is in as a mask (0: the meeting has more than 64 docs).
fn push_posting(out: &mut Vec<u8>, step: u32, docs: Option<u64>) {
    push_varint(out, u64::from(step));
    push_varint(out, docs.unwrap_or(0));
}

/// A list read back: the meetings and their doc masks (`None`: not known from the list).
fn read_list(bytes: &[u8]) -> Option<Vec<Posting>> {
    let mut out = Vec::new();
    let (mut n, mut shift, mut last) = (0u64, 0u32, 0u32);
    let mut meeting = None;
    for &b in bytes {
        n |= u64::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            match meeting.take() {
                None => {
                    last = last.checked_add(u32::try_from(n).ok()?)?;
                    meeting = Some(last);
                }
                Some(m) => out.push((m, (n != 0).then_some(n))),
            }
            (n, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
    (shift == 0 && meeting.is_none()).then_some(out)
}

fn state_key(state: &ArchiveState) -> (u64, u128) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    state.files.hash(&mut h);
    (
        h.finish(),
        state.files.iter().map(|(_, _, t)| *t).max().unwrap_or(0),
    )
}

impl WordIndex {
    /// Writes the index of the meetings' words: `segments` in the same order as
    /// `meetings`, `state` as it was before they were loaded.
    pub fn write(
        dir: &Path,
        state: &ArchiveState,
        meetings: &[Meeting],
        leaving: &[PathBuf],
        segments: &[Segment],
    ) {
        let mut lists: HashMap<&str, Vec<Posting>> = HashMap::new();
        for (n, s) in segments.iter().enumerate() {
            let n = n as u32;
            for (w, docs) in s.words_with_docs() {
                lists.entry(w).or_default().push((n, docs));
            }
        }
        let mut words: Vec<(&str, Vec<Posting>)> = lists.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut body = Vec::new();
        let mut text = String::new();
        let mut ends = Vec::with_capacity(words.len() * 4);
        let mut starts = Vec::with_capacity(words.len() * 4 + 4);
        for (w, list) in &words {
            starts.extend_from_slice(&(body.len() as u32).to_le_bytes());
            let mut last = 0;
            for &(n, docs) in list {
                push_posting(&mut body, n - last, docs);
                last = n;
            }
            text.push_str(w);
            ends.extend_from_slice(&(text.len() as u32).to_le_bytes());
        }
        starts.extend_from_slice(&(body.len() as u32).to_le_bytes());
        // Each meeting's record, then where each begins (and the last ends).
        let mut table = Vec::new();
        let mut table_starts = Vec::with_capacity(meetings.len() * 4 + 4);
        for (m, s) in meetings.iter().zip(segments) {
            if &m.id != s.meeting() {
                return;
            }
            table_starts.extend_from_slice(&(table.len() as u32).to_le_bytes());
            let Ok(record) = postcard::to_stdvec(&(&m.id, &m.file, m.conversion_key)) else {
                return;
            };
            table.extend_from_slice(&record);
        }
        table_starts.extend_from_slice(&(table.len() as u32).to_le_bytes());
        if meetings.len() != segments.len() || u32::try_from(table.len()).is_err() {
            return;
        }
        let (key, latest_ns) = state_key(state);
        let head = Head {
            taken_ns: state.taken_ns,
            state: key,
            latest_ns,
            folders: known_folders(state),
            meetings: meetings.len() as u32,
            meetings_len: table.len() as u64,
            leaving: leaving.to_vec(),
            words: words.len() as u32,
            text_len: text.len() as u64,
        };
        let Ok(head) = postcard::to_stdvec(&head) else {
            return;
        };
        let checksums: Vec<u8> = body
            .chunks(BLOCK)
            .flat_map(|block| crc32fast::hash(block).to_le_bytes())
            .collect();
        let mut payload = Vec::new();
        payload.extend_from_slice(&(head.len() as u64).to_le_bytes());
        for part in [
            &head[..],
            &table,
            &table_starts,
            text.as_bytes(),
            &ends,
            &starts,
            &checksums,
        ] {
            payload.extend_from_slice(part);
        }
        let mut bytes = framed(&payload);
        bytes.extend_from_slice(&body);
        if std::fs::create_dir_all(dir).is_ok() {
            let _ = write_atomic(dir, &dir.join(FILE), &bytes);
        }
    }

    /// The index kept in `dir`, if its first part is whole and this build's (the lists are
    /// checked as they are read).
    pub fn open(dir: &Path) -> Result<WordIndex, Miss> {
        let mut file = std::fs::File::open(dir.join(FILE)).map_err(|_| Miss::Stale)?;
        let bytes = read_first_frame_of(&mut file)?;
        let word = |at: usize| -> Result<u64, Miss> {
            let b = bytes.get(at..at + 8).ok_or(Miss::Corrupt)?;
            Ok(u64::from_le_bytes(b.try_into().map_err(|_| Miss::Corrupt)?))
        };
        let head_len = usize::try_from(word(0)?).map_err(|_| Miss::Corrupt)?;
        let head_at = 8usize;
        let head: Head = postcard::from_bytes(
            bytes
                .get(head_at..head_at.saturating_add(head_len))
                .ok_or(Miss::Corrupt)?,
        )
        .map_err(|_| Miss::Corrupt)?;
        let n = head.words as usize;
        let table = head_at + head_len;
        let table_starts = usize::try_from(head.meetings_len)
            .ok()
            .and_then(|len| table.checked_add(len))
            .ok_or(Miss::Corrupt)?;
        let text = (head.meetings as usize)
            .checked_add(1)
            .and_then(|m| m.checked_mul(4))
            .and_then(|len| table_starts.checked_add(len))
            .ok_or(Miss::Corrupt)?;
        let ends = text
            .checked_add(usize::try_from(head.text_len).map_err(|_| Miss::Corrupt)?)
            .filter(|&e| e <= bytes.len())
            .ok_or(Miss::Corrupt)?;
        let starts = n
            .checked_mul(4)
            .and_then(|table| ends.checked_add(table))
            .ok_or(Miss::Corrupt)?;
        let checksums = starts
            .checked_add(4 * (n + 1))
            .filter(|&c| c <= bytes.len())
            .ok_or(Miss::Corrupt)?;
        let start_of = |n: usize| bytes.get(starts + 4 * n..starts + 4 * n + 4);
        let lists_len = start_of(n)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or(Miss::Corrupt)? as usize;
        let lists_at = (HEADER + bytes.len()) as u64;
        // One checksum for each block of the lists, and the file just as long as they are.
        let size = file.metadata().map_err(|_| Miss::Stale)?.len();
        if bytes.len() != checksums + 4 * lists_len.div_ceil(BLOCK)
            || size != lists_at + lists_len as u64
        {
            return Err(Miss::Corrupt);
        }
        Ok(WordIndex {
            head,
            bytes,
            table,
            table_starts,
            text,
            ends,
            starts,
            checksums,
            file,
            lists_at,
            lists_len,
        })
    }

    fn u32_at(&self, at: usize) -> Option<usize> {
        let b = self.bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    }

    /// Word `n`, as bytes (a word's order and prefixes are its bytes').
    fn word(&self, n: usize) -> Option<&[u8]> {
        let start = if n == 0 {
            0
        } else {
            self.u32_at(self.ends + 4 * (n - 1))?
        };
        let end = self.u32_at(self.ends + 4 * n)?;
        self.bytes.get(self.text + start..self.text + end)
    }

    /// Where the list of word `n` is in the lists.
    fn list_range(&self, n: usize) -> Option<std::ops::Range<usize>> {
        let start = self.u32_at(self.starts + 4 * n)?;
        let end = self.u32_at(self.starts + 4 * (n + 1))?;
        (start <= end && end <= self.lists_len).then_some(start..end)
    }

    /// The lists' bytes in `range`, read from the file: the blocks they are in, each
    /// checked against its checksum.
    fn lists_bytes(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        if range.is_empty() {
            return Some(Vec::new());
        }
        let first = range.start / BLOCK;
        let last = (range.end - 1) / BLOCK;
        let from = first * BLOCK;
        let to = ((last + 1) * BLOCK).min(self.lists_len);
        let mut bytes = vec![0; to - from];
        self.file
            .read_exact_at(&mut bytes, self.lists_at + from as u64)
            .ok()?;
        for (block, n) in bytes.chunks(BLOCK).zip(first..) {
            if self.u32_at(self.checksums + 4 * n)? != crc32fast::hash(block) as usize {
                return None;
            }
        }
        bytes.truncate(range.end - from);
        bytes.drain(..range.start - from);
        Some(bytes)
    }

    /// Whether the archive is as it was when the index was made, and its last change was
    /// long enough before that for the times to tell a later one.
    pub fn holds_for(&self, state: &ArchiveState) -> bool {
        let (key, latest) = state_key(state);
        key == self.head.state
            && latest == self.head.latest_ns
            && latest + RACY.as_nanos() < self.head.taken_ns
    }

    /// How many meetings the index is of.
    pub fn meeting_count(&self) -> usize {
        self.head.meetings as usize
    }

    /// Meeting `n`: its id, its file and the conversion key its segment was made with.
    pub fn meeting(&self, n: usize) -> Option<(MeetingId, PathBuf, u64)> {
        if n >= self.meeting_count() {
            return None;
        }
        let start = self.u32_at(self.table_starts + 4 * n)?;
        let end = self.u32_at(self.table_starts + 4 * (n + 1))?;
        let record = self
            .bytes
            .get(self.table + start..self.table.checked_add(end)?)?;
        postcard::from_bytes(record).ok()
    }

    /// The archive's state, taken with what the index knows of its folders (see
    /// [`state_of`]); the same as [`archive_state`] gives.
    pub fn archive_state(&self, root: &Path) -> Option<ArchiveState> {
        state_of(root, &self.head.folders)
    }

    /// The meeting files that had an attachment leading out of the archive.
    pub fn leaving(&self) -> &[PathBuf] {
        &self.head.leaving
    }

    /// The meetings (by place, see [`Self::meeting`]) that have a word for every word of
    /// the query and pass its meeting filters, each with its hit docs when the lists tell
    /// them exactly (a query of words only, no phrase and no item filter, in a meeting of
    /// at most 64 docs; doc 0 is the meeting's own text, doc `n` its `n`th item), else
    /// `None` for its segment to tell. `None` when a list cannot be read (the caller then
    /// searches the archive itself).
    pub fn candidates(&self, q: &Query) -> Option<Vec<(usize, Option<u64>)>> {
        let phrase_terms = q.phrases.iter().flat_map(|p| {
            p.words.iter().map(|w| Term {
                prefixes: vec![w.clone()],
            })
        });
        let meetings = self.meeting_count();
        let mut wanted = vec![true; meetings];
        // The docs that have every word so far; a meeting's lists all have masks or none.
        let mut docs = vec![u64::MAX; meetings];
        let mut masked = vec![true; meetings];
        let count = self.head.words as usize;
        for term in q.terms.iter().cloned().chain(phrase_terms) {
            let mut has = vec![false; meetings];
            let mut term_docs = vec![0u64; meetings];
            for prefix in &term.prefixes {
                let prefix = prefix.as_bytes();
                // Words that cannot be read sort first and are never a match: a damaged
                // table then misses, and the caller falls back to the archive.
                let first = partition(count, |i| self.word(i).is_some_and(|w| w < prefix));
                let mut end = first;
                while end < count && self.word(end)?.starts_with(prefix) {
                    end += 1;
                }
                if first == end {
                    continue;
                }
                // The words of a prefix are next to each other, and so are their lists: one
                // read for them all.
                let from = self.list_range(first)?.start;
                let lists = self.lists_bytes(from..self.list_range(end - 1)?.end)?;
                for n in first..end {
                    let at = self.list_range(n)?;
                    let bytes =
                        lists.get(at.start.checked_sub(from)?..at.end.checked_sub(from)?)?;
                    for (m, mask) in read_list(bytes)? {
                        let m = m as usize;
                        *has.get_mut(m)? = true;
                        match mask {
                            Some(mask) => *term_docs.get_mut(m)? |= mask,
                            None => *masked.get_mut(m)? = false,
                        }
                    }
                }
            }
            for m in 0..meetings {
                wanted[m] &= has[m];
                docs[m] &= term_docs[m];
            }
        }
        let exact = q.phrases.is_empty() && !q.needs_item() && !q.terms.is_empty();
        // The meeting filters last, decoding only the meetings the words let through.
        let mut out = Vec::new();
        for (n, w) in wanted.into_iter().enumerate() {
            let hit_docs = (exact && masked[n]).then_some(docs[n]);
            if !w || hit_docs == Some(0) {
                continue;
            }
            if !q.filters_meetings() || {
                let (id, _, _) = self.meeting(n)?;
                q.admits_meeting(id.date, id.body.as_str())
            } {
                out.push((n, hit_docs));
            }
        }
        Some(out)
    }
}

/// The state's folders with their times and their files' names.
fn known_folders(state: &ArchiveState) -> Vec<KnownFolder> {
    state
        .folders
        .iter()
        .filter_map(|name| {
            let at = state
                .files
                .binary_search_by(|f| f.0.as_str().cmp(name))
                .ok()?;
            let prefix = format!("{name}/");
            let mut names = String::new();
            for (file, _, _) in &state.files {
                if let Some(rest) = file.strip_prefix(&prefix) {
                    names.push_str(rest);
                    names.push('/');
                }
            }
            Some(KnownFolder {
                name: name.clone(),
                time_ns: state.files[at].2,
                names,
            })
        })
        .collect()
}

/// The first of `0..len` for which `before` is false (`before` true, then false).
pub(super) fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_as_written() {
        let list = [
            (0u32, Some(1u64)),
            (1, Some(u64::MAX)),
            (5, None),
            (130, Some(1 << 40)),
            (20_000, Some(6)),
            (4_000_000, None),
        ];
        let mut bytes = Vec::new();
        let mut last = 0;
        for (n, docs) in list {
            push_posting(&mut bytes, n - last, docs);
            last = n;
        }
        assert_eq!(read_list(&bytes).unwrap(), list);
        assert_eq!(read_list(&bytes[..bytes.len() - 1]), None);
        // A meeting without its mask is a damaged list.
        let mut half = Vec::new();
        push_varint(&mut half, 3);
        assert_eq!(read_list(&half), None);
    }
}
