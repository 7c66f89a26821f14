//! Live on disk: a change made to the archive by someone else (another editor, a colleague
//! on a shared drive, a `git pull`) is read in while the app runs. The folder is watched
//! with `notify`; the files that changed are read again, the screens brought up to date,
//! and the status bar says which. Our own saves are recognised by their text (the archive
//! already holds it) and pass silently.
//!
//! A change never lands under text being typed: while a prompt is open the files wait,
//! and are read once it closes. The session's own version of a file is kept for the save
//! that prompt makes, so a save on top of someone else's change is caught by the store and
//! the conflict window shows both.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;

use notify::{RecursiveMode, Watcher};

use super::app::{App, Message, Overlay};
use super::settings::Settings;
use crate::archive::text_hash;
use crate::lang::Lang;

/// What the watcher saw change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seen {
    /// A file of the archive, relative to its folder.
    Archive(PathBuf),
    /// The keymap or a theme.
    Settings,
}

/// The watcher and what it has seen.
pub struct DiskWatcher {
    _watcher: notify::RecommendedWatcher,
    changed: mpsc::Receiver<Seen>,
}

impl DiskWatcher {
    /// Watches the archive folder and everything under it, and the settings' folder when
    /// there is one.
    pub fn start(root: &Path, settings: Option<Settings>) -> notify::Result<DiskWatcher> {
        let (tx, changed) = mpsc::channel();
        let settings = settings.filter(|s| s.folder.as_ref().is_some_and(|f| f.is_dir()));
        let settings_folder = settings.as_ref().and_then(|s| s.folder.clone());
        // notify reports absolute paths: the settings' folder is compared as notify sees it.
        let settings = settings.map(|mut s| {
            s.folder = s.folder.map(|f| std::fs::canonicalize(&f).unwrap_or(f));
            s
        });
        // notify reports absolute paths; the archive knows its files by relative ones.
        let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let plain = root.to_path_buf();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if event.kind.is_access() {
                    return;
                }
                for path in event.paths {
                    if settings.as_ref().is_some_and(|s| s.is_settings_file(&path)) {
                        let _ = tx.send(Seen::Settings);
                        continue;
                    }
                    let rel = path
                        .strip_prefix(&base)
                        .or_else(|_| path.strip_prefix(&plain))
                        .map(Path::to_path_buf);
                    if let Ok(rel) = rel
                        && is_archive_file(&rel)
                    {
                        let _ = tx.send(Seen::Archive(rel));
                    }
                }
            })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        if let Some(folder) = settings_folder {
            // The settings are extra: without them the archive is still watched.
            let _ = watcher.watch(&folder, RecursiveMode::Recursive);
        }
        Ok(DiskWatcher {
            _watcher: watcher,
            changed,
        })
    }

    /// What changed since the last call, each once.
    pub fn changed(&self) -> BTreeSet<Seen> {
        self.changed.try_iter().collect()
    }
}

/// Whether a path is one of the archive's own files: `forum.toml`, a year plan or a
/// meeting file. Hidden files (lock hints, the store's temporary files, `.git`) are not.
pub fn is_archive_file(rel: &Path) -> bool {
    let hidden = rel.components().any(|c| match c {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => true,
    });
    if hidden || rel.extension().is_none_or(|e| e != "toml") {
        return false;
    }
    if rel == Path::new("forum.toml") {
        return true;
    }
    let in_calendar = rel.parent() == Some(Path::new("calendar"));
    let meeting = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.parse::<crate::model::MeetingId>().is_ok());
    in_calendar || meeting
}

struct Words {
    changed: &'static str,
    waiting: &'static str,
    and_more: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Da => Words {
            changed: "Ændret på disken, læst igen",
            waiting: "Ændret på disken; læses igen, når du har gemt eller fortrudt",
            and_more: "filer",
        },
        Lang::En => Words {
            changed: "Changed on disk, read again",
            waiting: "Changed on disk; read again once you save or cancel",
            and_more: "files",
        },
    }
}

impl App {
    /// Starts watching the archive folder (the real app; tests call [`App::disk_changed`]).
    pub fn watch_disk(&mut self) {
        match DiskWatcher::start(&self.archive.root, self.settings.clone()) {
            Ok(w) => self.watcher = Some(w),
            // Without a watcher the app works as before: a change is found on opening.
            Err(e) => {
                self.message = Some(Message::Error(format!(
                    "{}: {e}",
                    self.archive.root.display()
                )))
            }
        }
    }

    /// A file of the archive was changed in the user's editor (from the problems panel):
    /// read again now, diagnostics and all.
    pub fn file_edited(&mut self, path: &Path) {
        let rel = path
            .strip_prefix(&self.archive.root)
            .unwrap_or(path)
            .to_path_buf();
        self.disk_changed([rel]);
    }

    /// Whether the folder is watched (the event loop then also looks for its news).
    pub fn watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// Takes in what the watcher has seen; returns whether the screen must be redrawn.
    pub fn poll_disk(&mut self) -> bool {
        let seen = match &self.watcher {
            Some(w) => w.changed(),
            None => BTreeSet::new(),
        };
        let mut redraw = false;
        if seen.contains(&Seen::Settings) {
            self.settings_changed();
            redraw = true;
        }
        let files = seen.into_iter().filter_map(|s| match s {
            Seen::Archive(rel) => Some(rel),
            Seen::Settings => None,
        });
        self.disk_changed(files) || redraw
    }

    /// Files changed on disk: read again now, or once the prompt open is closed. Returns
    /// whether the screen must be redrawn.
    pub fn disk_changed(&mut self, rels: impl IntoIterator<Item = PathBuf>) -> bool {
        let before = self.disk_pending.len();
        self.disk_pending
            .extend(rels.into_iter().filter(|r| is_archive_file(r)));
        if self.disk_pending.len() == before && self.typing() {
            // Nothing new, and what waits still waits.
            return false;
        }
        self.read_pending_changes()
    }

    /// Whether text is being typed (or a conflict decided), which a change must not land under.
    fn typing(&self) -> bool {
        self.input.is_some()
            || self.pending_edit.is_some()
            || matches!(self.overlay, Some(Overlay::Conflict(_)))
    }

    /// Reads the waiting files, unless text is being typed or a conflict is shown.
    pub(super) fn read_pending_changes(&mut self) -> bool {
        if self.disk_pending.is_empty() {
            return false;
        }
        let busy = self.typing();
        // Only files whose text differs from what the archive holds: our own saves are
        // already in.
        let pending = std::mem::take(&mut self.disk_pending);
        let changed: Vec<PathBuf> = pending
            .into_iter()
            .filter(|rel| {
                let on_disk = std::fs::read_to_string(self.archive.root.join(rel)).ok();
                on_disk.map(|t| text_hash(&t)) != self.archive.loaded_hash(rel)
            })
            .collect();
        if changed.is_empty() {
            return false;
        }
        let w = words(self.lang);
        if busy {
            self.message = Some(Message::Info(w.waiting.to_owned()));
            self.disk_pending.extend(changed);
            return true;
        }
        let current = self.current_meeting().map(|(m, _)| m.id.clone());
        for rel in &changed {
            // The next change is made on the new text.
            self.store.forget(rel);
            self.reload(rel);
        }
        self.refresh(current);
        let names = match changed.as_slice() {
            [one] => crate::text::sanitize(&one.display().to_string()).into_owned(),
            many => format!("{} {}", many.len(), w.and_more),
        };
        self.message = Some(Message::Info(format!("{}: {names}", w.changed)));
        self.settle();
        true
    }
}
