//! The merge-conflict window: a field a colleague and the user changed two ways, both
//! versions side by side, resolved with a key — keep mine, take theirs, or write the field
//! anew — and saved (and committed) like any change. The file records its conflicts in
//! `[[conflicts]]` (see `merge::conflicts`), so it loads meanwhile and `check` reports them.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Message, Overlay};
use super::editing::{Input, Prompt};
use crate::lang::Lang;
use crate::merge::{Choice, Recorded, Resolution, recorded, resolve_in};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeWindow {
    /// The file, relative to the archive folder.
    pub rel: PathBuf,
    pub conflicts: Vec<Recorded>,
    /// The conflict shown.
    pub pos: usize,
}

impl MergeWindow {
    pub fn current(&self) -> Option<&Recorded> {
        self.conflicts.get(self.pos)
    }
}

/// The window's keys, as its hint line shows them.
pub fn keys(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "m behold min · t tag deres · e skriv selv · ←→ næste konflikt · Esc luk",
        Lang::En => "m keep mine · t take theirs · e write it · ←→ next conflict · Esc close",
    }
}

impl App {
    /// The archive's files that record merge conflicts (relative to the archive folder),
    /// in the order the loader reported them.
    pub fn conflicted_files(&self) -> Vec<PathBuf> {
        let mut seen = std::collections::HashSet::new();
        self.archive
            .diagnostics
            .iter()
            .filter(|d| d.is_merge_conflict())
            .map(|d| {
                let file = &d.site.file;
                file.strip_prefix(&self.archive.root)
                    .unwrap_or(file)
                    .to_path_buf()
            })
            .filter(|rel| seen.insert(rel.clone()))
            .collect()
    }

    /// `C`: the conflicts of the open meeting's file, else of the first file that has any.
    pub(super) fn open_conflicts(&mut self) {
        let files = self.conflicted_files();
        let open = self.current_meeting().map(|(m, _)| m.file.clone());
        let rel = open
            .filter(|f| files.contains(f))
            .or_else(|| files.first().cloned());
        match rel {
            Some(rel) => {
                self.open_merge_window(&rel);
            }
            None => {
                self.message = Some(Message::Info(
                    match self.lang {
                        Lang::Da => "Ingen flettekonflikter i arkivet",
                        Lang::En => "No merge conflicts in the archive",
                    }
                    .to_owned(),
                ));
            }
        }
    }

    /// Opens the window on a file's conflicts; `false` when it records none.
    pub(super) fn open_merge_window(&mut self, rel: &Path) -> bool {
        let conflicts = self
            .store
            .text(rel)
            .map(|t| recorded(&t))
            .unwrap_or_default();
        if conflicts.is_empty() {
            return false;
        }
        self.overlay = Some(Overlay::Merge(Box::new(MergeWindow {
            rel: rel.to_path_buf(),
            conflicts,
            pos: 0,
        })));
        true
    }

    pub(super) fn merge_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::Merge(window)) = &mut self.overlay else {
            return false;
        };
        let last = window.conflicts.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Right | KeyCode::Down | KeyCode::Char('l' | 'j' | 'n') => {
                window.pos = (window.pos + 1).min(last);
            }
            KeyCode::Left | KeyCode::Up | KeyCode::Char('h' | 'k' | 'N') => {
                window.pos = window.pos.saturating_sub(1);
            }
            KeyCode::Char('m') => self.resolve_shown(Resolution::Chosen(Choice::Mine)),
            KeyCode::Char('t') => self.resolve_shown(Resolution::Chosen(Choice::Theirs)),
            KeyCode::Char('e') | KeyCode::Enter => self.write_shown(),
            _ => {}
        }
        true
    }

    /// `e`: the field written anew, in the editor, starting from my version.
    fn write_shown(&mut self) {
        let Some(Overlay::Merge(window)) = &self.overlay else {
            return;
        };
        let Some(conflict) = window.current().cloned() else {
            return;
        };
        let rel = window.rel.clone();
        let text = if conflict.is_text() {
            Recorded::shown(conflict.mine.as_deref().or(conflict.theirs.as_deref()))
        } else {
            conflict.mine.clone().or_else(|| conflict.theirs.clone())
        }
        .unwrap_or_default();
        let field = super::views::merge_window::field_words(&conflict.field, self.lang);
        let title = match self.lang {
            Lang::Da => format!("{field}: skriv feltet, som det skal stå (Ctrl-S gem)"),
            Lang::En => format!("{field}: write the field as it is to stand (Ctrl-S save)"),
        };
        let prompt = Prompt::MergeValue {
            rel,
            field: conflict.field.clone(),
            text: conflict.is_text(),
        };
        self.overlay = None;
        self.input = Some(Input::new(prompt, title, &text));
    }

    /// The value typed for a conflicted field: saved, the conflict gone. A text field takes
    /// the text as it is; any other field takes TOML, refused (and kept in the prompt)
    /// when it does not read.
    pub(super) fn merge_value_typed(
        &mut self,
        rel: &Path,
        field: &str,
        is_text: bool,
        typed: &str,
    ) {
        let value = if is_text {
            toml_edit::Value::from(typed).to_string()
        } else {
            let typed = typed.trim().to_owned();
            if format!("v = {typed}").parse::<toml::Table>().is_err() {
                self.message = Some(Message::Error(
                    match self.lang {
                        Lang::Da => {
                            "Værdien kan ikke læses som TOML (en tekst står i anførselstegn)"
                        }
                        Lang::En => "The value does not read as TOML (a text goes in quotes)",
                    }
                    .to_owned(),
                ));
                return;
            }
            typed
        };
        self.resolve_in_file(rel, field, &Resolution::Written(value));
    }

    fn resolve_shown(&mut self, how: Resolution) {
        let Some(Overlay::Merge(window)) = &self.overlay else {
            return;
        };
        let Some(field) = window.current().map(|c| c.field.clone()) else {
            return;
        };
        let rel = window.rel.clone();
        self.resolve_in_file(&rel, &field, &how);
    }

    /// Resolves `field` in the file and saves it; the window then shows what is left.
    fn resolve_in_file(&mut self, rel: &Path, field: &str, how: &Resolution) {
        let label = match self.lang {
            Lang::Da => "flettekonflikt løst",
            Lang::En => "merge conflict resolved",
        };
        if !self.save(rel, label, |doc| resolve_in(doc, field, how)) {
            return;
        }
        let left = self
            .store
            .text(rel)
            .map(|t| recorded(&t))
            .unwrap_or_default();
        self.overlay = None;
        if !left.is_empty() {
            self.overlay = Some(Overlay::Merge(Box::new(MergeWindow {
                rel: rel.to_path_buf(),
                conflicts: left,
                pos: 0,
            })));
        }
    }
}
