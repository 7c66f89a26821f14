//! The one way this tool writes the archive. Every change is made to the file as the user
//! wrote it (see `crate::edit`), checked, and saved atomically, but only if the file on disk
//! is still exactly what this session read: a colleague's change is never overwritten.
//! Every saved change can be undone and redone while the app runs.

pub mod atomic;
pub mod lock;
pub(crate) mod shape;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use crate::lang::Said;

/// Checks a file's new text before it is written: the loader must still read it.
pub type Validate = fn(rel: &Path, text: &str) -> Result<(), Said>;

/// Why a change was not saved. In every case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the archive is read-only here; changes cannot be saved")]
    ReadOnly,
    #[error("{} was changed on disk since it was read", .0.rel.display())]
    Conflict(Box<Conflict>),
    #[error("{}: the file exists already; open it in the screens (dagsorden) or an editor", rel.display())]
    Exists { rel: PathBuf },
    #[error("{}: the file does not parse ({}); mend it in an editor first", rel.display(), message.en)]
    Unparsable { rel: PathBuf, message: Said },
    #[error("{}: {}", rel.display(), message.en)]
    Refused { rel: PathBuf, message: Said },
    #[error("{}: the file is read-only; make it writable (chmod u+w) to save changes to it", rel.display())]
    ReadOnlyFile { rel: PathBuf },
    #[error("{}: {source}", rel.display())]
    Io { rel: PathBuf, source: io::Error },
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}

/// A save refused because the file changed on disk: what was read, what is there now, and
/// the version that was to be written, so the user can see the difference and keep theirs.
#[derive(Clone, PartialEq, Eq)]
pub struct Conflict {
    pub rel: PathBuf,
    pub read: Option<String>,
    /// `None` when the file was deleted.
    pub disk: Option<String>,
    pub mine: Option<String>,
}

impl std::fmt::Debug for Conflict {
    // The texts are whole files; their sizes say enough in a message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = |t: &Option<String>| t.as_ref().map(String::len);
        f.debug_struct("Conflict")
            .field("rel", &self.rel)
            .field("read_bytes", &len(&self.read))
            .field("disk_bytes", &len(&self.disk))
            .field("mine_bytes", &len(&self.mine))
            .finish()
    }
}

/// Why [`edit_text`] made no new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTextError {
    /// The text is not TOML (the message says where).
    Unparsable(Said),
    /// The change refused (the message says why).
    Refused(Said),
}

/// Applies `change` to a file's text as the user wrote it, the pure half of
/// [`Store::edit`]: `Ok(None)` when nothing changed. The edit works on the plain text, and
/// only the bytes it changed are put back into the file as written, so a BOM, each line's
/// ending and a missing final newline stay as they were.
pub fn edit_text<F>(base: &str, change: F) -> Result<Option<String>, EditTextError>
where
    F: FnOnce(&mut DocumentMut) -> Result<(), Said>,
{
    let plain = shape::plain(base);
    let mut doc: DocumentMut = plain.parse().map_err(|e: toml_edit::TomlError| {
        EditTextError::Unparsable(crate::archive::toml_said(e.message()))
    })?;
    change(&mut doc).map_err(EditTextError::Refused)?;
    // Compared once spliced into the file: toml_edit adds a final newline the file lacked,
    // which is no change to the file.
    let new = shape::splice(base, &doc.to_string());
    Ok((new != base).then_some(new))
}

/// One file's change within a step: its text before and after. `before == None` is a
/// created file, `after == None` a removed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rel: PathBuf,
    before: Option<String>,
    after: Option<String>,
}

impl Change {
    /// The file's text before the change (`None`: it was created).
    pub fn before(&self) -> Option<&str> {
        self.before.as_deref()
    }

    /// The file's text after the change (`None`: it was removed).
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    fn reversed(self) -> Change {
        Change {
            rel: self.rel,
            before: self.after,
            after: self.before,
        }
    }
}

/// One undoable step: the changes to one or more files it made, in the order made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub changes: Vec<Change>,
}

impl Step {
    /// The files the step touched.
    pub fn rels(&self) -> impl Iterator<Item = &Path> {
        self.changes.iter().map(|c| c.rel.as_path())
    }

    fn reversed(self) -> Step {
        Step {
            label: self.label,
            changes: self
                .changes
                .into_iter()
                .rev()
                .map(Change::reversed)
                .collect(),
        }
    }
}

/// A step written to disk, for the record kept of it (a commit, when the archive is in git).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub changes: Vec<Change>,
    /// Written by undo (what it takes back is written again, as a new change).
    pub undone: bool,
}

/// How many changes undo remembers.
const UNDO_DEPTH: usize = 500;

pub struct Store {
    root: PathBuf,
    read_only: bool,
    validate: Validate,
    /// Each file's text as this session last read or wrote it.
    texts: HashMap<PathBuf, String>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The steps written since the last [`Store::take_written`], when they are recorded.
    written: Option<Vec<Written>>,
}

impl Store {
    /// A store for the archive at `root`. Finds out whether it can be written, and removes
    /// temporary files left by an interrupted save.
    pub fn open(root: &Path, validate: Validate) -> Store {
        let read_only = !atomic::is_writable(root);
        if !read_only {
            atomic::clean_stale_temps(root, std::time::SystemTime::now());
        }
        Store {
            root: root.to_path_buf(),
            read_only,
            validate,
            texts: HashMap::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            written: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Treats the archive as read-only from now on (e.g. `--read-only`).
    pub fn set_read_only(&mut self) {
        self.read_only = true;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Reads a file from disk and remembers its text as the version this session works on.
    pub fn read(&mut self, rel: &Path) -> io::Result<String> {
        let text = std::fs::read_to_string(self.root.join(rel))?;
        self.texts.insert(rel.to_path_buf(), text.clone());
        Ok(text)
    }

    /// Whether this session has read `rel` (and works on that version).
    pub fn has_read(&self, rel: &Path) -> bool {
        self.texts.contains_key(rel)
    }

    /// The text this session works on for `rel`, reading it first if need be.
    pub fn text(&mut self, rel: &Path) -> io::Result<String> {
        match self.texts.get(rel) {
            Some(text) => Ok(text.clone()),
            None => self.read(rel),
        }
    }

    /// Changes one file: `change` edits the parsed document, and the result is saved if the
    /// file on disk is unchanged. Returns the new text (the old one when nothing changed).
    pub fn edit<F>(&mut self, rel: &Path, label: &str, change: F) -> Result<String, SaveError>
    where
        F: FnOnce(&mut DocumentMut) -> Result<(), Said>,
    {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let base = self.text(rel).map_err(|source| SaveError::Io {
            rel: rel.to_path_buf(),
            source,
        })?;
        let new = match edit_text(&base, change) {
            Ok(Some(new)) => new,
            Ok(None) => return Ok(base),
            Err(EditTextError::Unparsable(message)) => {
                return Err(SaveError::Unparsable {
                    rel: rel.to_path_buf(),
                    message,
                });
            }
            Err(EditTextError::Refused(message)) => {
                return Err(SaveError::Refused {
                    rel: rel.to_path_buf(),
                    message,
                });
            }
        };
        self.save(
            label,
            Change {
                rel: rel.to_path_buf(),
                before: Some(base),
                after: Some(new.clone()),
            },
        )?;
        Ok(new)
    }

    /// Creates a new file; refuses to replace one that exists.
    pub fn create(&mut self, rel: &Path, label: &str, text: &str) -> Result<(), SaveError> {
        self.save(
            label,
            Change {
                rel: rel.to_path_buf(),
                before: None,
                after: Some(text.to_owned()),
            },
        )
    }

    /// Changes several files as one step (undone together): each file gets its new text,
    /// or is removed for `None`; a file not read before is created. Nothing is written
    /// unless every file on disk is still as this session read it.
    pub fn apply(
        &mut self,
        label: &str,
        files: Vec<(PathBuf, Option<String>)>,
    ) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let mut changes = Vec::new();
        for (rel, after) in files {
            let before = match self.text(&rel) {
                Ok(text) => Some(text),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(source) => return Err(SaveError::Io { rel, source }),
            };
            // A file that is changed (not created or removed) keeps its shape.
            let after = match (&before, after) {
                (Some(b), Some(a)) => Some(shape::splice(b, &shape::plain(&a))),
                (_, a) => a,
            };
            if before != after {
                changes.push(Change { rel, before, after });
            }
        }
        self.commit(Step {
            label: label.to_owned(),
            changes,
        })
    }

    /// Undoes the last saved step (if the files are still as that step left them).
    pub fn undo(&mut self) -> Result<Step, SaveError> {
        let step = self.undo.pop().ok_or(SaveError::NothingToUndo)?;
        self.replay(step, true)
    }

    pub fn redo(&mut self) -> Result<Step, SaveError> {
        let step = self.redo.pop().ok_or(SaveError::NothingToRedo)?;
        self.replay(step, false)
    }

    /// Writes a step backwards (undo) or forwards (redo). Done, it moves to the other
    /// stack; refused, it stays where it was, for later.
    fn replay(&mut self, step: Step, undoing: bool) -> Result<Step, SaveError> {
        let write = if undoing {
            step.clone().reversed()
        } else {
            step.clone()
        };
        let result = self.write_step(&write);
        if result.is_ok() {
            self.note_written(&write, undoing);
        }
        let to_redo = result.is_ok() == undoing;
        if to_redo {
            self.redo.push(step.clone());
        } else {
            self.undo.push(step.clone());
        }
        result.map(|()| step)
    }

    /// Keeps a record of every step written from now on, for [`Store::take_written`].
    pub fn record_writes(&mut self) {
        self.written.get_or_insert_with(Vec::new);
    }

    /// The steps written since the last call (empty unless [`Store::record_writes`]).
    pub fn take_written(&mut self) -> Vec<Written> {
        self.written
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn note_written(&mut self, step: &Step, undone: bool) {
        if let Some(list) = &mut self.written {
            list.push(Written {
                changes: step.changes.clone(),
                undone,
            });
        }
    }

    fn save(&mut self, label: &str, change: Change) -> Result<(), SaveError> {
        self.commit(Step {
            label: label.to_owned(),
            changes: vec![change],
        })
    }

    /// Writes a new step and makes it the one undo takes back first.
    fn commit(&mut self, step: Step) -> Result<(), SaveError> {
        self.write_step(&step)?;
        self.note_written(&step, false);
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Writes every change of a step, after checking that each can be written: the new
    /// texts read, and every file on disk is what the step expects.
    fn write_step(&mut self, step: &Step) -> Result<(), SaveError> {
        for change in &step.changes {
            self.check_change(change)?;
        }
        for (done, change) in step.changes.iter().enumerate() {
            if let Err(e) = self.write(change) {
                // A step is all or nothing: what was written of it is put back.
                for written in step.changes[..done].iter().rev() {
                    let _ = self.write(&written.clone().reversed());
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// Writes `change.after` (checked before), or removes the file when `after` is `None`.
    fn write(&mut self, change: &Change) -> Result<(), SaveError> {
        let rel = &change.rel;
        let io_err = |source| SaveError::Io {
            rel: rel.clone(),
            source,
        };
        let path = self.root.join(rel);
        match (&change.after, &change.before) {
            (Some(after), Some(before)) => {
                match atomic::replace_if_unchanged(&path, after.as_bytes(), before) {
                    Ok(()) => {}
                    // Written by someone else while this save ran: the user decides.
                    Err(atomic::ReplaceError::Changed(disk)) => {
                        return Err(SaveError::Conflict(Box::new(Conflict {
                            rel: rel.clone(),
                            read: change.before.clone(),
                            disk,
                            mine: change.after.clone(),
                        })));
                    }
                    Err(atomic::ReplaceError::Io(e))
                        if e.kind() == io::ErrorKind::PermissionDenied =>
                    {
                        return Err(SaveError::ReadOnlyFile { rel: rel.clone() });
                    }
                    Err(atomic::ReplaceError::Io(e)) => return Err(io_err(e)),
                }
            }
            (Some(after), None) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(io_err)?;
                }
                atomic::write_new(&path, after.as_bytes()).map_err(io_err)?
            }
            (None, _) => std::fs::remove_file(&path).map_err(io_err)?,
        }
        match &change.after {
            Some(after) => self.texts.insert(rel.clone(), after.clone()),
            None => self.texts.remove(rel),
        };
        Ok(())
    }

    /// Whether `change` may be written: the archive is writable, the new text reads, and
    /// the file on disk is exactly `change.before` (absent for a new file).
    fn check_change(&self, change: &Change) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let rel = &change.rel;
        let io_err = |source| SaveError::Io {
            rel: rel.clone(),
            source,
        };
        if let Some(after) = &change.after {
            (self.validate)(rel, after).map_err(|message| SaveError::Refused {
                rel: rel.clone(),
                message: crate::said!(
                    "ændringen ville gøre filen ulæselig: {}", message.da;
                    "the change would make the file unreadable: {}", message.en
                ),
            })?;
        }
        let path = self.root.join(rel);
        let disk = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(e)),
        };
        if change.before.is_none() && disk.is_some() {
            return Err(SaveError::Exists { rel: rel.clone() });
        }
        if disk != change.before {
            return Err(SaveError::Conflict(Box::new(Conflict {
                rel: rel.clone(),
                read: change.before.clone(),
                disk,
                mine: change.after.clone(),
            })));
        }
        Ok(())
    }

    /// Keeps the refused version beside the file as `NAME.mine-N` (a name the archive does
    /// not load) and returns its path relative to the root. The original is not touched.
    pub fn keep_as_copy(&self, conflict: &Conflict) -> Result<PathBuf, SaveError> {
        let mine = conflict.mine.clone().unwrap_or_default();
        let name = conflict
            .rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for n in 1.. {
            let copy = conflict.rel.with_file_name(format!("{name}.mine-{n}"));
            match atomic::write_new(&self.root.join(&copy), mine.as_bytes()) {
                Ok(()) => return Ok(copy),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(SaveError::Io { rel: copy, source }),
            }
        }
        unreachable!("some copy name is free")
    }

    /// Forgets what was read of `rel`, so the next edit reads the file again.
    pub fn forget(&mut self, rel: &Path) {
        self.texts.remove(rel);
    }
}

/// The lines that differ between two versions, as `-`/`+` lines with a little context;
/// for showing a conflict.
pub fn diff_lines(old: &str, new: &str, context: usize) -> Vec<(char, String)> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(context) {
        if !out.is_empty() {
            out.push(('…', String::new()));
        }
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                    similar::ChangeTag::Equal => ' ',
                };
                out.push((sign, change.value().trim_end_matches('\n').to_owned()));
            }
        }
    }
    out
}
