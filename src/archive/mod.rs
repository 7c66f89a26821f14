//! The archive on disk: finding files, loading them in parallel, validating, and the
//! problems found on the way.
//!
//! Layout (documented for users in `agendas/README.md`):
//!
//! ```text
//! forum.toml                    bodies and settings
//! YYYY/YYYY-MM-DD-body.toml     one file per meeting
//! YYYY/YYYY-MM-DD-body/…        the meeting's attachments
//! calendar/YYYY.toml            the year plan
//! ```

pub mod cache;
mod convert;
pub mod diagnostic;
pub mod lookup;
mod toml_message;

pub use toml_message::said as toml_said;
pub mod open;
mod parse;
mod raw;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

pub use diagnostic::{Diagnostic, Severity, Site};

use crate::lang::Said;
use crate::said;

use crate::model::*;
use convert::{Converter, Known};
use raw::{RawForum, RawMeeting, RawPlan};

/// Why an archive could not be opened at all (as opposed to problems inside it).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such folder; give the archive folder with --dir or DAGSORDEN_DIR")]
    NotFound(PathBuf),
    #[error("{0}: not an archive folder (no forum.toml in it); give the archive folder with --dir")]
    NotAnArchive(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LoadError {
    /// The message in Danish and English.
    pub fn said(&self) -> Said {
        match self {
            LoadError::NotFound(p) => said!(
                "{}: mappen findes ikke; angiv arkivets mappe med --dir eller DAGSORDEN_DIR", p.display();
                "{}", self
            ),
            LoadError::NotAnArchive(p) => said!(
                "{}: ikke en arkivmappe (der er ingen forum.toml i den); angiv arkivets mappe med --dir", p.display();
                "{}", self
            ),
            LoadError::Io { path, source } => said!(
                "{}: {}", path.display(), crate::lang::Said::io(source).da;
                "{}", self
            ),
        }
    }
}

/// Everything loaded from an archive folder, with every problem found.
#[derive(Debug, Default)]
pub struct Archive {
    pub root: PathBuf,
    pub forum: Forum,
    /// Sorted by date, then body.
    pub meetings: Vec<Meeting>,
    /// Sorted by year.
    pub plans: Vec<YearPlan>,
    /// Errors first, then by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read, including those that failed.
    pub files_read: usize,
    /// A hash of forum.toml's text as loaded.
    pub forum_hash: u64,
    index: HashMap<MeetingId, usize>,
    /// Counts the changes made since loading, so what is worked out from the archive can
    /// tell when it is stale.
    generation: u64,
    /// What the archive holds, kept so one file can be read again on its own.
    known: Known,
    abs_root: PathBuf,
    /// Where each meeting file's conversion is kept between starts, when one is used.
    cache: Option<cache::Cache>,
    /// The meeting files with an attachment left out because it leads out of the archive.
    leaving: std::collections::BTreeSet<PathBuf>,
    /// What the load found of the cache: how many files came from it, how many were read,
    /// and how many of its entries were damaged (and replaced).
    pub cache_report: Option<CacheReport>,
}

/// How a load used the cache.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheReport {
    pub from_cache: usize,
    pub read: usize,
    pub corrupt: usize,
}

impl CacheReport {
    /// The notice for damaged entries, when there were any.
    pub fn notice(&self) -> Option<Said> {
        let n = self.corrupt;
        (n > 0).then(|| {
            said!(
                "{n} {} i cachen var {}; {} er læst igen", if n == 1 { "indgang" } else { "indgange" }, if n == 1 { "beskadiget" } else { "beskadigede" }, if n == 1 { "filen" } else { "filerne" };
                "{n} cache {} damaged; read from the archive's files again", if n == 1 { "entry was" } else { "entries were" }
            )
        })
    }
}

/// The item numbers a meeting file holds, for checking references to its items.
fn item_numbers(raw: &RawMeeting) -> std::collections::HashSet<crate::model::ItemNo> {
    raw.items
        .iter()
        .filter_map(|i| i.number.get_ref().item_no())
        .collect()
}

/// A file found in the archive and what it is.
enum Found {
    Meeting(MeetingId),
    Plan(i32),
}

enum Parsed {
    Meeting(MeetingId, Box<Loaded<RawMeeting>>),
    Cached(Box<cache::Entry>),
    Plan(i32, Box<Loaded<RawPlan>>),
    Failed(Box<Diagnostic>),
}

struct Loaded<T> {
    rel: PathBuf,
    display: PathBuf,
    text: String,
    raw: T,
    /// Taken just before the file was read: a change after it shows as a newer time.
    read_at: std::time::SystemTime,
}

impl Archive {
    /// Loads every file under `root`. Problems inside files become diagnostics; only a missing
    /// or unreadable folder is an error.
    pub fn load(root: &Path) -> Result<Archive, LoadError> {
        Self::load_with(root, false, None)
    }

    /// As [`Archive::load`], taking each meeting file's conversion from `cache` where the
    /// file is unchanged, and keeping the conversion of every file read (see
    /// [`cache`]). The archive is the same as without it.
    pub fn load_cached(root: &Path, cache: cache::Cache) -> Result<Archive, LoadError> {
        Self::load_with(root, false, Some((cache, cache::Texts::Held)))
    }

    /// As [`Archive::load_cached`], leaving the items' long texts of the meetings taken
    /// from the cache in their files ([`LongText::away`](crate::model::LongText::away)):
    /// for the screens, which read a meeting's texts when it is shown
    /// ([`Archive::hold_texts`]). Nine tenths of a municipality's text is backgrounds.
    pub fn load_for_screens(root: &Path, cache: cache::Cache) -> Result<Archive, LoadError> {
        Self::load_with(root, false, Some((cache, cache::Texts::Away)))
    }

    /// As [`Archive::load`], also reporting every control, bidi and invisible character in
    /// the files (for `check`: a look at every byte, which the screens need not pay for, as
    /// they show such characters as placeholders anyway).
    pub fn load_checked(root: &Path) -> Result<Archive, LoadError> {
        Self::load_with(root, true, None)
    }

    fn load_with(
        root: &Path,
        scan_hidden: bool,
        cache: Option<(cache::Cache, cache::Texts)>,
    ) -> Result<Archive, LoadError> {
        let (cache, texts) = match cache {
            Some((cache, texts)) => (Some(cache), texts),
            None => (None, cache::Texts::Held),
        };
        if !root.is_dir() {
            return Err(LoadError::NotFound(root.to_path_buf()));
        }
        let forum_path = root.join("forum.toml");
        if !forum_path.is_file() {
            return Err(LoadError::NotAnArchive(root.to_path_buf()));
        }
        let abs_root = std::path::absolute(root).map_err(|source| LoadError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        let mut diagnostics = Vec::new();
        let (found, mut walk_diags) = find_files(root)?;
        diagnostics.append(&mut walk_diags);
        let files_read = found.len() + 1;

        // Read and parse every file in parallel; each yields a raw struct or one diagnostic.
        let forum_raw = read_parse::<RawForum>(root, Path::new("forum.toml"));
        if let Some(cache) = &cache {
            cache.prepare();
        }
        let corrupt = std::sync::atomic::AtomicUsize::new(0);
        let meeting_rels: Vec<PathBuf> = found
            .iter()
            .filter(|(_, what)| matches!(what, Found::Meeting(_)))
            .map(|(rel, _)| rel.clone())
            .collect();
        let parsed: Vec<Parsed> = found
            .into_par_iter()
            .map(|(rel, what)| match what {
                Found::Meeting(id) => {
                    if let Some(cache) = &cache {
                        match cache.entry(root, &rel, texts) {
                            Ok(entry) => return Parsed::Cached(Box::new(entry)),
                            Err(cache::Miss::Corrupt) => {
                                corrupt.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            }
                            Err(cache::Miss::Stale) => {}
                        }
                    }
                    read_parse(root, &rel)
                        .map_or_else(Parsed::Failed, |l| Parsed::Meeting(id, Box::new(l)))
                }
                Found::Plan(year) => read_parse(root, &rel)
                    .map_or_else(Parsed::Failed, |l| Parsed::Plan(year, Box::new(l))),
            })
            .collect();
        let mut meetings_raw = Vec::new();
        let mut meetings_cached = Vec::new();
        let mut plans_raw = Vec::new();
        for parsed in parsed {
            match parsed {
                Parsed::Meeting(id, l) => meetings_raw.push((id, l)),
                Parsed::Cached(e) => meetings_cached.push(e),
                Parsed::Plan(year, l) => plans_raw.push((year, l)),
                Parsed::Failed(d) => diagnostics.push(*d),
            }
        }

        // What exists, so each file's references can be checked on their own.
        let mut known = Known {
            scan_hidden,
            ..Known::default()
        };
        let mut forum_hash = 0;
        let forum = match forum_raw {
            Ok(l) => {
                // The forum's own checks need its body ids, which it defines.
                let mut c = Converter::new(&l.display, &l.text, &known);
                let forum = c.forum(&l.raw);
                diagnostics.append(&mut c.diagnostics);
                known.forum_loaded = true;
                forum_hash = text_hash(&l.text);
                forum
            }
            Err(d) => {
                diagnostics.push(*d);
                Forum::default()
            }
        };
        known.bodies = forum.bodies.iter().map(|b| b.id.clone()).collect();
        for (id, l) in &meetings_raw {
            known
                .meetings
                .insert(id.clone(), Some(item_numbers(&l.raw)));
        }
        for e in &meetings_cached {
            known.meetings.insert(
                e.meeting.id.clone(),
                Some(e.item_numbers.iter().cloned().collect()),
            );
        }
        for (_, l) in &plans_raw {
            for e in &l.raw.events {
                known.events.insert(e.id.get_ref().clone());
            }
            for m in &l.raw.meetings {
                if let Some(id) = planned_id(m) {
                    known.meetings.entry(id).or_insert(None);
                }
            }
        }
        for (_, l) in &plans_raw {
            known_moves(&mut known, &l.raw.moves);
        }

        // Convert in parallel, each file with its own diagnostics. A cached conversion is
        // kept while every answer it got from the rest of the archive holds.
        let attachments = lookup::AttachmentCheck::new(&abs_root);
        let from_cache = std::sync::atomic::AtomicUsize::new(0);
        let convert = |id: &MeetingId, mut l: Loaded<RawMeeting>| {
            let c = convert_meeting(&known, &abs_root, id, &mut l);
            // Dropped here, in parallel, not all at once after the conversions.
            drop(l);
            if let Some(cache) = &cache {
                cache.store(root, &c.converted());
            }
            let leaving = c.lookups.iter().any(lookup::Lookup::leaves_archive);
            (c.meeting, c.diagnostics, c.followup_sites, leaving)
        };
        let meetings_out: Vec<_> = meetings_raw
            .into_par_iter()
            .map(|(id, l)| Ok(convert(&id, *l)))
            .chain(meetings_cached.into_par_iter().map(|e| {
                let e = *e;
                if e.lookups.iter().all(|l| l.holds(&known, &attachments)) {
                    from_cache.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let leaving = e.lookups.iter().any(lookup::Lookup::leaves_archive);
                    return Ok((e.meeting, e.diagnostics, e.followup_sites, leaving));
                }
                // Changed since the entry was checked a moment ago, so that it no longer
                // loads: its problem is told, as for any file that does not load.
                read_parse::<RawMeeting>(root, &e.rel).map(|l| convert(&e.meeting.id, l))
            }))
            .collect::<Vec<_>>()
            .into_iter()
            .filter_map(|r| r.map_err(|d| diagnostics.push(*d)).ok())
            .collect();
        let cache_report = cache.as_ref().map(|c| {
            let rels: Vec<&Path> = meeting_rels.iter().map(PathBuf::as_path).collect();
            c.prune(&rels);
            let from_cache = from_cache.into_inner();
            CacheReport {
                from_cache,
                read: meetings_out.len() - from_cache,
                corrupt: corrupt.into_inner(),
            }
        });
        let plans_out: Vec<_> = plans_raw
            .par_iter()
            .map(|(year, l)| {
                let mut c = Converter::new(&l.display, &l.text, &known);
                let mut p = c.plan(&l.raw, l.rel.clone(), *year);
                p.source_hash = text_hash(&l.text);
                (p, c.diagnostics, c.followup_sites)
            })
            .collect();

        // In the files' order, whichever came from the cache, so that "used twice" always
        // points at the same two places.
        let mut meetings_out = meetings_out;
        meetings_out.sort_by(|a, b| a.0.file.cmp(&b.0.file));
        let mut followup_sites = Vec::new();
        let mut meetings = Vec::with_capacity(meetings_out.len());
        let mut leaving = std::collections::BTreeSet::new();
        for (m, mut d, mut f, leaves) in meetings_out {
            if leaves {
                leaving.insert(m.file.clone());
            }
            meetings.push(m);
            diagnostics.append(&mut d);
            followup_sites.append(&mut f);
        }
        let mut plans = Vec::with_capacity(plans_out.len());
        for (p, mut d, mut f) in plans_out {
            plans.push(p);
            diagnostics.append(&mut d);
            followup_sites.append(&mut f);
        }
        duplicate_followups(&followup_sites, &mut diagnostics);
        duplicate_events(&plans_raw_sites(&plans_raw), &mut diagnostics);

        meetings.sort_by(|a, b| a.id.cmp(&b.id));
        plans.sort_by_key(|p| p.year);
        let mut archive = Archive {
            root: root.to_path_buf(),
            forum,
            meetings,
            plans,
            diagnostics,
            files_read,
            forum_hash,
            index: HashMap::new(),
            generation: 0,
            known,
            abs_root,
            cache,
            leaving,
            cache_report,
        };
        archive.sort_diagnostics();
        archive.rebuild_index();
        Ok(archive)
    }

    fn sort_diagnostics(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (a.severity, &a.site.file, a.site.line, a.site.column).cmp(&(
                b.severity,
                &b.site.file,
                b.site.line,
                b.site.column,
            ))
        });
    }

    /// Maps each meeting id to its place in `meetings`. A meeting whose file followed a
    /// move is also found by the id it was planned under, so references to it still work.
    fn rebuild_index(&mut self) {
        self.index = self
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        for mv in self.plans.iter().flat_map(|p| &p.moves) {
            let Some(to) = mv.to else { continue };
            let moved = MeetingId::new(to, mv.meeting.body.clone());
            if let Some(&i) = self.index.get(&moved)
                && !self.index.contains_key(&mv.meeting)
            {
                self.index.insert(mv.meeting.clone(), i);
            }
        }
    }

    /// Where the file of exactly this id is in `meetings` (no move followed).
    fn file_position(&self, id: &MeetingId) -> Option<usize> {
        self.index
            .get(id)
            .copied()
            .filter(|&i| &self.meetings[i].id == id)
    }

    /// Reads one meeting file again (after a save, or a change on disk) and puts it in place
    /// of the version loaded before, with its own diagnostics. A file that is gone is taken
    /// out. Checks that span the archive (follow-up ids used twice, references from other
    /// files) are brought up to date by the next full load.
    pub fn reload_meeting(&mut self, rel: &Path) {
        self.generation += 1;
        let Some(id) = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<MeetingId>().ok())
        else {
            return;
        };
        let display = self.root.join(rel);
        self.diagnostics.retain(|d| d.site.file != display);
        let position = self.file_position(&id);
        match read_parse::<RawMeeting>(&self.root, rel) {
            Ok(mut l) => {
                self.known
                    .meetings
                    .insert(id.clone(), Some(item_numbers(&l.raw)));
                let c = convert_meeting(&self.known, &self.abs_root, &id, &mut l);
                if let Some(cache) = &self.cache {
                    cache.store(&self.root, &c.converted());
                }
                if c.lookups.iter().any(lookup::Lookup::leaves_archive) {
                    self.leaving.insert(rel.to_path_buf());
                } else {
                    self.leaving.remove(rel);
                }
                let meeting = c.meeting;
                self.diagnostics.extend(c.diagnostics);
                match position {
                    Some(i) => self.meetings[i] = meeting,
                    None => {
                        let at = self.meetings.partition_point(|m| m.id < id);
                        self.meetings.insert(at, meeting);
                        self.files_read += 1;
                        self.rebuild_index();
                    }
                }
            }
            Err(d) => {
                self.leaving.remove(rel);
                let gone = !display.exists();
                if !gone {
                    self.diagnostics.push(*d);
                }
                if let Some(i) = position {
                    self.meetings.remove(i);
                    self.rebuild_index();
                }
                if gone {
                    self.files_read = self.files_read.saturating_sub(1);
                    let planned = self
                        .plans
                        .iter()
                        .any(|p| p.meetings.iter().any(|m| m.id() == id));
                    if planned {
                        self.known.meetings.insert(id, None);
                    } else {
                        self.known.meetings.remove(&id);
                    }
                }
            }
        }
        self.sort_diagnostics();
    }

    /// Reads one year plan again (after a save) and puts it in place of the version loaded
    /// before; a plan that no longer parses or is gone is taken out, with its problem.
    pub fn reload_plan(&mut self, rel: &Path) {
        self.generation += 1;
        let Some(year) = plan_year(rel) else {
            return;
        };
        let display = self.root.join(rel);
        self.diagnostics.retain(|d| d.site.file != display);
        self.plans.retain(|p| p.year != year);
        match read_parse::<RawPlan>(&self.root, rel) {
            Ok(l) => {
                for e in &l.raw.events {
                    self.known.events.insert(e.id.get_ref().clone());
                }
                for m in &l.raw.meetings {
                    if let Some(id) = planned_id(m) {
                        self.known.meetings.entry(id).or_insert(None);
                    }
                }
                known_moves(&mut self.known, &l.raw.moves);
                let mut c = Converter::new(&l.display, &l.text, &self.known);
                let mut plan = c.plan(&l.raw, rel.to_path_buf(), year);
                plan.source_hash = text_hash(&l.text);
                self.diagnostics.append(&mut c.diagnostics);
                let at = self.plans.partition_point(|p| p.year < year);
                self.plans.insert(at, plan);
            }
            Err(d) => {
                if display.exists() {
                    self.diagnostics.push(*d);
                }
            }
        }
        self.rebuild_index();
        self.sort_diagnostics();
    }

    /// Reads a meeting file or a year plan again, whichever `rel` is.
    pub fn reload_file(&mut self, rel: &Path) {
        if rel == Path::new("forum.toml") {
            self.reload_forum();
        } else if plan_year(rel).is_some() {
            self.reload_plan(rel);
        } else {
            self.reload_meeting(rel);
        }
    }

    /// Only forum.toml of the archive at `root`, as a whole load reads it (for a command
    /// that needs the bodies' names but not the meetings); `None` when it does not load.
    pub fn read_forum(root: &Path) -> Option<Forum> {
        let l = read_parse::<RawForum>(root, Path::new("forum.toml")).ok()?;
        let known = Known::default();
        let mut c = Converter::new(&l.display, &l.text, &known);
        Some(c.forum(&l.raw))
    }

    /// Reads forum.toml again (after a change to a roster): its bodies and settings. A
    /// change of body ids reaches the meeting files' checks at the next full load.
    pub fn reload_forum(&mut self) {
        self.generation += 1;
        let rel = Path::new("forum.toml");
        let display = self.root.join(rel);
        self.diagnostics.retain(|d| d.site.file != display);
        match read_parse::<RawForum>(&self.root, rel) {
            Ok(l) => {
                let mut c = Converter::new(&l.display, &l.text, &self.known);
                self.forum = c.forum(&l.raw);
                self.diagnostics.append(&mut c.diagnostics);
                self.forum_hash = text_hash(&l.text);
                self.known.bodies = self.forum.bodies.iter().map(|b| b.id.clone()).collect();
            }
            Err(d) => self.diagnostics.push(*d),
        }
        self.sort_diagnostics();
    }

    /// The hash of a file's text as loaded (forum.toml, a meeting file or a year plan).
    pub fn loaded_hash(&self, rel: &Path) -> Option<u64> {
        if rel == Path::new("forum.toml") {
            return Some(self.forum_hash);
        }
        self.meetings
            .iter()
            .find(|m| m.file == rel)
            .map(|m| m.source_hash)
            .or_else(|| {
                self.plans
                    .iter()
                    .find(|p| p.file == rel)
                    .map(|p| p.source_hash)
            })
    }

    /// Where a meeting is in `meetings`.
    /// Changes with every file read again: what was worked out from an archive of the same
    /// generation still holds.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Reads meeting `index`'s long texts from its file, where the load left them. False
    /// when some could not be read: the file is no longer the one the meeting was read
    /// from (the watcher reads it again), or it cannot be read.
    pub fn hold_texts(&mut self, index: usize) -> bool {
        let Some(meeting) = self.meetings.get(index) else {
            return false;
        };
        if meeting.texts_held() {
            return true;
        }
        let Some(texts) = read_texts(&self.root, meeting) else {
            return false;
        };
        self.generation += 1;
        let meeting = &mut self.meetings[index];
        meeting.put_texts(texts);
        meeting.texts_held()
    }

    /// The load cache this archive was loaded through, if any (what is worked out from the
    /// meetings, such as the search index, is kept beside it).
    pub fn cache(&self) -> Option<&cache::Cache> {
        self.cache.as_ref()
    }

    /// The meeting files with an attachment left out because it leads out of the archive.
    pub fn leaving_files(&self) -> Vec<PathBuf> {
        self.leaving.iter().cloned().collect()
    }

    pub fn position(&self, id: &MeetingId) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn meeting(&self, id: &MeetingId) -> Option<&Meeting> {
        self.index.get(id).map(|&i| &self.meetings[i])
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// Every follow-up: from decisions, then the year plans' deadlines.
    pub fn followups(&self) -> impl Iterator<Item = &Followup> {
        self.meetings
            .iter()
            .flat_map(|m| m.items.iter().flat_map(|i| i.followups.iter()))
            .chain(self.plans.iter().flat_map(|p| p.deadlines.iter()))
    }

    /// The path of an attachment of `meeting` on disk.
    pub fn attachment_path(&self, meeting: &Meeting, attachment: &Attachment) -> PathBuf {
        let dir = meeting.file.parent().unwrap_or(Path::new(""));
        self.root.join(dir).join(&attachment.path)
    }

    /// A calendar event (seminar, theme day) of any year plan, by its id.
    pub fn event(&self, id: &str) -> Option<&CalendarEvent> {
        self.plans
            .iter()
            .flat_map(|p| &p.events)
            .find(|e| e.id == id)
    }

    /// The plan for a year, if there is one.
    pub fn plan(&self, year: i32) -> Option<&YearPlan> {
        self.plans.iter().find(|p| p.year == year)
    }
}

/// One meeting file converted, with what its cache entry keeps.
struct ConvertedMeeting {
    meeting: Meeting,
    item_numbers: Vec<ItemNo>,
    diagnostics: Vec<Diagnostic>,
    followup_sites: Vec<(String, Site)>,
    lookups: Vec<lookup::Lookup>,
    read_at: std::time::SystemTime,
}

impl ConvertedMeeting {
    fn converted(&self) -> cache::Converted<'_> {
        cache::Converted {
            rel: &self.meeting.file,
            item_numbers: &self.item_numbers,
            meeting: &self.meeting,
            diagnostics: &self.diagnostics,
            followup_sites: &self.followup_sites,
            lookups: &self.lookups,
            read_at: self.read_at,
        }
    }
}

fn convert_meeting(
    known: &Known,
    abs_root: &Path,
    id: &MeetingId,
    l: &mut Loaded<RawMeeting>,
) -> ConvertedMeeting {
    let mut c = Converter::new(&l.display, &l.text, known);
    let dir = abs_root.join(l.rel.parent().unwrap_or(Path::new("")));
    let mut meeting = c.meeting(&mut l.raw, id, l.rel.clone(), &dir, abs_root);
    meeting.source_hash = text_hash(&l.text);
    meeting.conversion_key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (meeting.source_hash, &c.lookups).hash(&mut h);
        h.finish()
    };
    let mut item_numbers: Vec<_> = item_numbers(&l.raw).into_iter().collect();
    item_numbers.sort_unstable();
    ConvertedMeeting {
        meeting,
        item_numbers,
        diagnostics: c.diagnostics,
        followup_sites: c.followup_sites,
        lookups: c.lookups,
        read_at: l.read_at,
    }
}

/// A meeting whose file followed a move is known by the id it was planned under too, with
/// the moved file's items.
fn known_moves(known: &mut Known, moves: &[raw::RawMove]) {
    for mv in moves {
        let Ok(old) = mv.meeting.get_ref().parse::<MeetingId>() else {
            continue;
        };
        let Some(to) = mv.to.as_ref().and_then(|t| t.get_ref().date) else {
            continue;
        };
        let Some(to) = NaiveDate::from_ymd_opt(to.year.into(), to.month.into(), to.day.into())
        else {
            continue;
        };
        let moved = MeetingId::new(to, old.body.clone());
        if let Some(items) = known.meetings.get(&moved).cloned() {
            let entry = known.meetings.entry(old).or_insert(None);
            if entry.is_none() {
                *entry = items;
            }
        }
    }
}

/// The id of a meeting in a year plan, when its body and date read.
fn planned_id(m: &raw::RawPlanned) -> Option<MeetingId> {
    let body = m.body.get_ref().parse::<BodyId>().ok()?;
    let d = m.date.get_ref().date?;
    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())?;
    Some(MeetingId::new(date, body))
}

/// The year of a year plan's path (`calendar/2018.toml`), or `None` for any other file.
fn plan_year(rel: &Path) -> Option<i32> {
    let mut parts = rel.components();
    let dir = parts.next()?.as_os_str();
    let name = Path::new(parts.next()?.as_os_str());
    if dir != "calendar" || parts.next().is_some() || name.extension()? != "toml" {
        return None;
    }
    name.file_stem()?.to_str()?.parse().ok()
}

/// A hash of a file's text, to notice a change on disk without keeping the text.
/// A hash of a file's text as the loader reads it: without a byte-order mark, with LF line
/// endings. The text on disk and the text loaded from it hash alike, so a file written on
/// Windows is not taken for one changed since it was loaded.
///
/// foldhash with a fixed seed, 64 bits: the same for the same text in every run of one
/// build (the cache keeps it, under the build's key), and several times as fast as the
/// standard library's SipHash, which was a fiftieth of a cold load.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut h = foldhash::quality::FixedState::with_seed(0x6461_6773_6f72_6465).build_hasher();
    if text.contains('\r') {
        text.replace("\r\n", "\n").hash(&mut h);
    } else {
        text.hash(&mut h);
    }
    h.finish()
}

/// Checks that a file's text would still load: the TOML syntax and the keys the file kind
/// allows. `rel` tells the kind (forum.toml, calendar/YYYY.toml, or a meeting file).
pub fn check_text(rel: &Path, text: &str) -> Result<(), crate::lang::Said> {
    let result = if rel == Path::new("forum.toml") {
        parse::parse_toml::<RawForum>(rel, text).map(drop)
    } else if rel.starts_with("calendar") {
        parse::parse_toml::<RawPlan>(rel, text).map(drop)
    } else {
        parse::parse_toml::<RawMeeting>(rel, text).map(drop)
    };
    result.map_err(|d| {
        let at = format!("{}:{}", d.site.line, d.site.column);
        crate::lang::Said::new(
            format!("{at}: {}", d.message.da),
            format!("{at}: {}", d.message.en),
        )
    })
}

/// A file's text as a load reads it (a byte-order mark and CRLF line endings taken out),
/// or `None` when it cannot be read or is not UTF-8.
fn read_text(root: &Path, rel: &Path) -> Option<String> {
    let display = root.join(rel);
    parse::decode(&display, std::fs::read(&display).ok()?).ok()
}

/// The long texts of `meeting`'s items (in item order) from its file, if the file is still
/// the one the meeting was read from. A text is exactly the file's: the conversion copies
/// it as it is.
pub fn read_texts(root: &Path, meeting: &Meeting) -> Option<Vec<Option<String>>> {
    let text = read_text(root, &meeting.file)?;
    if text_hash(&text) != meeting.source_hash {
        return None;
    }
    let raw: RawMeeting = toml::from_str(&text).ok()?;
    Some(
        meeting
            .items
            .iter()
            .map(|i| raw.items.get(i.file_index).map(|r| r.background.clone()))
            .collect(),
    )
}

fn read_parse<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
) -> Result<Loaded<T>, Box<Diagnostic>> {
    let display = root.join(rel);
    let read_at = std::time::SystemTime::now();
    let bytes = std::fs::read(&display).map_err(|e| {
        Box::new(
            Diagnostic::new(
                Severity::Error,
                Site::whole_file(&display),
                said!("filen kan ikke læses: {e}"; "cannot read the file: {e}"),
            )
            .with_hint(said!(
                "kontrollér, at filen findes, og at du må læse den";
                "check that the file exists and that you may read it"
            )),
        )
    })?;
    let text = parse::decode(&display, bytes)?;
    let raw = parse::parse_toml::<T>(&display, &text)?;
    Ok(Loaded {
        rel: rel.to_path_buf(),
        display,
        text,
        raw,
        read_at,
    })
}

/// Finds meeting files (`YYYY/YYYY-MM-DD-body.toml`) and year plans (`calendar/YYYY.toml`).
/// Anything else that looks like it was meant to be one is reported.
/// The files found, and the problems with files that were not read.
type FoundFiles = (Vec<(PathBuf, Found)>, Vec<Diagnostic>);

fn find_files(root: &Path) -> Result<FoundFiles, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(root)
        .map_err(io(root))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            let year: Option<i32> = (name.len() == 4).then(|| name.parse().ok()).flatten();
            if name == "calendar" {
                for (file, stem) in toml_files(&path, &mut diags).map_err(io(&path))? {
                    let rel = PathBuf::from("calendar").join(&file);
                    match stem.parse::<i32>() {
                        Ok(y) if stem.len() == 4 => found.push((rel, Found::Plan(y))),
                        _ => diags.push(
                            Diagnostic::new(
                                Severity::Warning,
                                Site::whole_file(&root.join(&rel)),
                                said!(
                                    "ikke læst: en årsplan hedder ÅÅÅÅ.toml";
                                    "not read: a year plan is named YYYY.toml"
                                ),
                            )
                            .with_hint(said!(
                                "omdøb den efter året, fx calendar/2018.toml";
                                "rename it after its year, e.g. calendar/2018.toml"
                            )),
                        ),
                    }
                }
            } else if let Some(year) = year {
                for (file, stem) in toml_files(&path, &mut diags).map_err(io(&path))? {
                    let rel = PathBuf::from(&name).join(&file);
                    match stem.parse::<MeetingId>() {
                        // The folder's name is the year written out (not "+205").
                        Ok(id) if id.date.year() == year && name.bytes().all(|b| b.is_ascii_digit()) => {
                            found.push((rel, Found::Meeting(id)))
                        }
                        Ok(id) => {
                            let (date, to) = (id.date, id.date.format("%Y"));
                            diags.push(
                                Diagnostic::new(
                                    Severity::Error,
                                    Site::whole_file(&root.join(&rel)),
                                    said!(
                                        "ikke læst: mødet er dateret {date}, men filen ligger i mappen {year}";
                                        "not read: the meeting is dated {date}, but the file is in the folder {year}"
                                    ),
                                )
                                .with_hint(said!("flyt den til {to}/"; "move it to {to}/")),
                            )
                        }
                        Err(_) => diags.push(
                            Diagnostic::new(
                                Severity::Error,
                                Site::whole_file(&root.join(&rel)),
                                said!(
                                    "ikke læst: en mødefil hedder ÅÅÅÅ-MM-DD-organ.toml";
                                    "not read: a meeting file is named YYYY-MM-DD-body.toml"
                                ),
                            )
                            .with_hint(said!(
                                "omdøb den efter mødets dato og organ, fx {year}-02-09-sdf.toml";
                                "rename it after the meeting's date and body, e.g. {year}-02-09-sdf.toml"
                            )),
                        ),
                    }
                }
            }
        } else if name.ends_with(".toml") && name != "forum.toml" {
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Site::whole_file(&path),
                    said!(
                        "ikke læst: mødefiler hører til i en mappe for året";
                        "not read: meeting files belong in a year folder"
                    ),
                )
                .with_hint(said!(
                    "flyt den til ÅÅÅÅ/ÅÅÅÅ-MM-DD-organ.toml";
                    "move it to YYYY/YYYY-MM-DD-body.toml"
                )),
            );
        }
    }
    Ok((found, diags))
}

/// The `.toml` files directly in `dir`: (file name, stem). What has a meeting file's name
/// but cannot be read as one is reported, not skipped in silence: a folder, a FIFO or other
/// special file (reading it could hang), a link that leads nowhere or in a loop, and a link
/// that leads outside the archive (its content is not the archive's to show).
fn toml_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> std::io::Result<Vec<(String, String)>> {
    let root = dir.parent().and_then(|r| r.canonicalize().ok());
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        let path = entry.path();
        let refuse = |message: Said, hint: Said| {
            Diagnostic::new(Severity::Error, Site::whole_file(&path), message).with_hint(hint)
        };
        let relink = || {
            said!(
                "fjern linket, eller lad det pege på mødefilen";
                "remove the link, or point it at the meeting file"
            )
        };
        // The entry's own type (from the listing, no stat; as `symlink_metadata` tells it).
        let kind = entry.file_type()?;
        let problem = if kind.is_symlink() {
            match path.canonicalize() {
                Err(_) => Some(refuse(
                    said!(
                        "ikke læst: et link, der fører ingen steder hen eller i ring";
                        "not read: a link that leads nowhere, or in a loop"
                    ),
                    relink(),
                )),
                Ok(target) if root.as_ref().is_some_and(|r| !target.starts_with(r)) => {
                    Some(refuse(
                        said!(
                            "ikke læst: et link, der fører uden for arkivet";
                            "not read: a link that leads outside the archive"
                        ),
                        said!(
                            "kopiér filen ind i arkivet i stedet for at linke til den";
                            "copy the file into the archive instead of linking to it"
                        ),
                    ))
                }
                Ok(target) if !target.is_file() => Some(refuse(
                    said!(
                        "ikke læst: linket fører ikke til en fil";
                        "not read: the link does not lead to a file"
                    ),
                    relink(),
                )),
                Ok(_) => None,
            }
        } else if kind.is_dir() {
            Some(refuse(
                said!(
                    "ikke læst: en mappe, der hedder som en mødefil";
                    "not read: a folder named like a meeting file"
                ),
                said!(
                    "omdøb mappen; mødefiler er filer";
                    "rename the folder; meeting files are files"
                ),
            ))
        } else if !kind.is_file() {
            Some(refuse(
                said!(
                    "ikke læst: ikke en almindelig fil (en FIFO, sokkel eller enhed)";
                    "not read: not an ordinary file (a FIFO, socket or device)"
                ),
                said!(
                    "fjern den; kun almindelige filer læses";
                    "remove it; only ordinary files are read"
                ),
            ))
        } else {
            None
        };
        match problem {
            Some(d) => diags.push(d),
            None => out.push((name.clone(), stem.to_owned())),
        }
    }
    out.sort();
    Ok(out)
}

fn duplicate_followups(sites: &[(String, Site)], diags: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &Site> = HashMap::new();
    for (id, site) in sites {
        if let Some(prev) = first.get(id.as_str()) {
            diags.push(
                Diagnostic::new(
                    Severity::Error,
                    site.clone(),
                    said!(
                        "opfølgningens id `{id}` er brugt to gange";
                        "follow-up id `{id}` is used twice"
                    ),
                )
                .with_hint(said!(
                    "første gang i {}:{}; giv hver opfølgning sit eget id", prev.file.display(), prev.line;
                    "first used at {}:{}; give each follow-up its own id", prev.file.display(), prev.line
                )),
            );
        } else {
            first.insert(id, site);
        }
    }
}

type PlanSites = Vec<(String, Site)>;

fn plans_raw_sites(plans: &[(i32, Box<Loaded<RawPlan>>)]) -> PlanSites {
    plans
        .iter()
        .flat_map(|(_, l)| {
            let src = diagnostic::SourceText::new(&l.display, &l.text);
            l.raw
                .events
                .iter()
                .map(move |e| (e.id.get_ref().clone(), src.site(e.id.span())))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn duplicate_events(sites: &PlanSites, diags: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for (id, site) in sites {
        if !seen.insert(id.as_str()) {
            diags.push(
                Diagnostic::new(
                    Severity::Error,
                    site.clone(),
                    said!(
                        "begivenhedens id `{id}` er brugt to gange";
                        "event id `{id}` is used twice"
                    ),
                )
                .with_hint(said!(
                    "giv hver begivenhed sit eget id";
                    "give each event its own id"
                )),
            );
        }
    }
}
