//! Exports from the screens (`E`): a small dialog chooses what (the open meeting's agenda or
//! minutes, internal or public; the decisions or follow-ups as the screen filters them; the
//! year's calendar), the format (Markdown, and Word or HTML through pandoc where it is
//! installed; CSV for decisions; .ics for the calendar), the language and the file name,
//! proposed in the archive's `exports/` folder (kept out of git by its own `.gitignore`).
//! The written file can then be opened with the same safe opener as attachments.

use std::path::PathBuf;

use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Effect, Message, Screen};
use super::widgets::textarea::{Edit, TextArea};
use crate::export::document::{self, Format};
use crate::export::{DocKind, MarkdownOptions, meeting_markdown};
use crate::lang::Lang;
use crate::model::MeetingId;

/// What can be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    Agenda(MeetingId),
    Minutes(MeetingId),
    PublicMinutes(MeetingId),
    /// The Beslutninger screen's list, as filtered.
    Decisions,
    /// The Opfølgning screen's list, as filtered.
    Followups,
    /// The year's meeting calendar.
    Calendar(i32),
}

/// The dialog's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    What,
    Format,
    Lang,
    Path,
}

const FIELDS: [Field; 4] = [Field::What, Field::Format, Field::Lang, Field::Path];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub choices: Vec<What>,
    pub what: usize,
    pub format: Format,
    pub lang: Lang,
    pub field: Field,
    pub path: TextArea,
    /// The user typed a file name: it is not proposed again when the choices change.
    path_typed: bool,
    /// The folder file names are proposed in, as shown (`exports` or the configured one).
    folder: String,
    pub pandoc: bool,
    /// Enter was pressed on a file that exists: the next Enter writes over it.
    pub confirm_overwrite: bool,
    /// The file written, to open.
    pub written: Option<PathBuf>,
    pub error: Option<String>,
}

impl ExportDialog {
    pub fn what(&self) -> &What {
        &self.choices[self.what]
    }

    /// The formats the chosen export can be written in.
    pub fn formats(&self) -> Vec<Format> {
        let mut formats = match self.what() {
            What::Calendar(_) => vec![Format::Ics, Format::Markdown],
            What::Decisions => vec![Format::Markdown, Format::Csv],
            _ => vec![Format::Markdown],
        };
        if !matches!(self.what(), What::Calendar(_)) {
            formats.extend([Format::Docx, Format::Html]);
        }
        formats
    }

    fn propose_path(&mut self) {
        if !self.path_typed {
            let name = file_name(self.what(), self.lang, self.format);
            let path = std::path::Path::new(&self.folder).join(name);
            self.path = TextArea::new(&path.display().to_string(), false);
        }
    }

    fn step(&mut self, forward: bool) {
        match self.field {
            Field::What => {
                let n = self.choices.len();
                self.what = if forward {
                    (self.what + 1) % n
                } else {
                    (self.what + n - 1) % n
                };
                let formats = self.formats();
                if !formats.contains(&self.format) {
                    self.format = formats[0];
                }
            }
            Field::Format => {
                let formats = self.formats();
                let at = formats.iter().position(|f| *f == self.format).unwrap_or(0);
                let n = formats.len();
                self.format = formats[if forward {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                }];
            }
            Field::Lang => {
                self.lang = match self.lang {
                    Lang::Da => Lang::En,
                    Lang::En => Lang::Da,
                }
            }
            Field::Path => return,
        }
        self.confirm_overwrite = false;
        self.error = None;
        self.propose_path();
    }
}

/// The proposed file name: the meeting's id and the document, in the language chosen.
pub fn file_name(what: &What, lang: Lang, format: Format) -> String {
    let da = lang == Lang::Da;
    let stem = match what {
        What::Agenda(id) => format!("{id}-{}", if da { "dagsorden" } else { "agenda" }),
        What::Minutes(id) => format!("{id}-{}", if da { "referat" } else { "minutes" }),
        What::PublicMinutes(id) => format!(
            "{id}-{}",
            if da {
                "referat-offentligt"
            } else {
                "minutes-public"
            }
        ),
        What::Decisions => (if da { "beslutninger" } else { "decisions" }).to_owned(),
        What::Followups => (if da { "opfoelgning" } else { "follow-ups" }).to_owned(),
        What::Calendar(year) => format!("{}-{year}", if da { "kalender" } else { "calendar" }),
    };
    format!("{stem}.{}", format.extension())
}

impl App {
    /// Opens the export dialog with what can be exported from here, the first proposed.
    pub(super) fn open_export(&mut self) {
        let mut choices = Vec::new();
        if let Some((meeting, _)) = self.current_meeting() {
            let id = meeting.id.clone();
            choices.extend([
                What::Minutes(id.clone()),
                What::PublicMinutes(id.clone()),
                What::Agenda(id),
            ]);
        }
        let year = self
            .current_meeting()
            .map_or(self.calendar.cursor.year(), |(m, _)| m.id.date.year());
        match self.screen {
            Screen::Followups => choices.insert(0, What::Followups),
            Screen::Decisions => choices.insert(0, What::Decisions),
            Screen::Calendar => choices.insert(0, What::Calendar(year)),
            _ => {}
        }
        for what in [What::Decisions, What::Followups, What::Calendar(year)] {
            if !choices.contains(&what) {
                choices.push(what);
            }
        }
        let mut dialog = ExportDialog {
            format: if matches!(choices[0], What::Calendar(_)) {
                Format::Ics
            } else {
                Format::Markdown
            },
            choices,
            what: 0,
            lang: self.lang,
            field: Field::What,
            path: TextArea::new("", false),
            path_typed: false,
            folder: self
                .exports_dir
                .as_ref()
                .map_or_else(|| "exports".to_owned(), |d| d.display().to_string()),
            pandoc: document::pandoc_available(),
            confirm_overwrite: false,
            written: None,
            error: None,
        };
        dialog.propose_path();
        self.export = Some(dialog);
    }

    /// A key in the export dialog.
    pub(super) fn export_key(&mut self, key: &KeyEvent) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        if let Some(path) = dialog.written.clone() {
            // After writing: o opens the file, any other key closes the dialog.
            if key.code == KeyCode::Char('o') {
                self.export = None;
                self.follow(Some(super::doc::Target::Attachment(path)));
            } else {
                self.export = None;
            }
            return;
        }
        let at = FIELDS.iter().position(|f| *f == dialog.field).unwrap_or(0);
        match key.code {
            KeyCode::Esc => self.export = None,
            KeyCode::Up | KeyCode::BackTab => dialog.field = FIELDS[at.saturating_sub(1)],
            KeyCode::Down | KeyCode::Tab => dialog.field = FIELDS[(at + 1).min(FIELDS.len() - 1)],
            KeyCode::Enter => self.write_export(),
            KeyCode::Left if dialog.field != Field::Path => dialog.step(false),
            KeyCode::Right | KeyCode::Char(' ') if dialog.field != Field::Path => dialog.step(true),
            _ if dialog.field == Field::Path && dialog.path.handle(key) == Edit::Changed => {
                dialog.path_typed = true;
                dialog.confirm_overwrite = false;
                dialog.error = None;
            }
            _ => {}
        }
    }

    /// Pasted text goes into the file name.
    pub(super) fn paste_into_export(&mut self, text: &str) -> bool {
        let Some(dialog) = &mut self.export else {
            return false;
        };
        dialog.field = Field::Path;
        dialog.path.paste(text.trim());
        dialog.path_typed = true;
        true
    }

    /// Where the file name points: relative names count from the archive folder.
    fn export_target(&self, typed: &str) -> PathBuf {
        // As a file manager drops it: quoted, or as a file:// address.
        let dropped = super::complete::dropped_path(typed);
        let path = dropped.as_path();
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.archive.root.join(path)
        }
    }

    fn write_export(&mut self) {
        let Some(dialog) = &self.export else { return };
        let w = words(self.lang);
        let (format, lang, what) = (dialog.format, dialog.lang, dialog.what().clone());
        let typed = dialog.path.text();
        let error = |app: &mut App, text: String| {
            if let Some(d) = &mut app.export {
                d.error = Some(text);
            }
        };
        if typed.trim().is_empty() {
            return error(self, w.no_name.to_owned());
        }
        if format.needs_pandoc() && !dialog.pandoc {
            return error(self, w.no_pandoc.to_owned());
        }
        let path = self.export_target(&typed);
        if path.exists() && !dialog.confirm_overwrite {
            if let Some(d) = &mut self.export {
                d.confirm_overwrite = true;
                d.error = Some(w.exists.to_owned());
            }
            return;
        }
        // A meeting's document needs its items' long texts, which stay in the file until
        // shown; one whose file changed since it was read waits for it to be read again.
        if let What::Agenda(id) | What::Minutes(id) | What::PublicMinutes(id) = &what
            && let Some(index) = self.archive.position(id)
            && !self.archive.hold_texts(index)
        {
            return error(self, w.texts_unread.to_owned());
        }
        let (text, title) = match self.export_text(&what, format, lang) {
            Ok(t) => t,
            Err(e) => return error(self, e),
        };
        // Exports in the archive's own folder stay out of git and out of the archive.
        let exports = self.archive.root.join("exports");
        if path.starts_with(&exports) && !exports.join(".gitignore").exists() {
            let _ = std::fs::create_dir_all(&exports);
            let _ = std::fs::write(exports.join(".gitignore"), "*\n");
        }
        match document::write(&path, &text, format, &title, lang) {
            Ok(()) => {
                self.message = Some(Message::Info(format!("{}: {}", w.written, path.display())));
                if let Some(d) = &mut self.export {
                    d.written = Some(path);
                    d.error = None;
                }
            }
            Err(e) => error(self, e.to_string()),
        }
    }

    /// The export's text and its title.
    fn export_text(
        &self,
        what: &What,
        format: Format,
        lang: Lang,
    ) -> Result<(String, String), String> {
        let archive = &self.archive;
        let meeting_doc = |id: &MeetingId, kind: DocKind, public: bool| {
            let meeting = archive
                .meeting(id)
                .ok_or_else(|| format!("{id}: {}", words(lang).gone))?;
            let text = meeting_markdown(archive, meeting, &MarkdownOptions { kind, public, lang });
            let title = format!(
                "{} {}",
                archive.forum.body_name(&id.body),
                lang.long_date(id.date)
            );
            Ok((text, title))
        };
        match what {
            What::Agenda(id) => meeting_doc(id, DocKind::Agenda, false),
            What::Minutes(id) => meeting_doc(id, DocKind::Minutes, false),
            What::PublicMinutes(id) => meeting_doc(id, DocKind::Minutes, true),
            What::Decisions => {
                let rows = &self.decisions.rows;
                let (forum, meetings) = (&archive.forum, &archive.meetings);
                let text = match format {
                    Format::Csv => crate::export::decisions::decisions_csv(forum, meetings, rows)
                        .map_err(|e| e.to_string())?,
                    _ => crate::export::decisions::decisions_markdown(
                        forum,
                        meetings,
                        rows,
                        self.decisions.filter.deviations,
                        lang,
                    ),
                };
                Ok((text, words(lang).decisions.to_owned()))
            }
            What::Followups => {
                let entries: Vec<_> = self
                    .followups
                    .rows
                    .iter()
                    .map(|&i| self.followups.entries[i].clone())
                    .collect();
                let text = crate::export::followups::followups_markdown(
                    archive, &entries, self.today, lang,
                );
                Ok((text, words(lang).followups.to_owned()))
            }
            What::Calendar(year) => {
                let y = crate::calendar::year::overview(archive, &self.schedule, *year, self.today);
                let text = match format {
                    Format::Ics => crate::export::ics::calendar_ics(archive, &y, lang, self.today),
                    _ => crate::export::calendar::calendar_markdown(archive, &y, lang),
                };
                Ok((text, format!("{} {year}", words(lang).calendar)))
            }
        }
    }

    /// Copies text to the clipboard through the terminal (OSC 52; works over ssh).
    pub(super) fn copy_to_clipboard(&mut self) {
        let w = words(self.lang);
        let text = if let Some((meeting, view)) = self.current_meeting() {
            let item = &meeting.items[view.item];
            match &item.decision {
                Some(d) if !d.is_empty() => {
                    crate::export::decisions::decision_text(item, d, self.lang)
                }
                _ => {
                    self.message = Some(Message::Info(w.nothing_to_copy.to_owned()));
                    return;
                }
            }
        } else if self.screen == Screen::Followups {
            let entries: Vec<_> = self
                .followups
                .rows
                .iter()
                .map(|&i| self.followups.entries[i].clone())
                .collect();
            crate::export::followups::followups_text(&self.archive, &entries, self.today, self.lang)
        } else {
            self.message = Some(Message::Info(w.nothing_to_copy.to_owned()));
            return;
        };
        let text = crate::text::for_medium(&text, crate::text::Medium::Markdown).into_owned();
        self.push_effect(Effect::Copy(text));
        self.message = Some(Message::Info(w.copied.to_owned()));
    }
}

pub struct Words {
    pub title: &'static str,
    pub what: &'static str,
    pub format: &'static str,
    pub lang: &'static str,
    pub file: &'static str,
    pub keys: &'static str,
    pub written_keys: &'static str,
    pub no_pandoc: &'static str,
    no_name: &'static str,
    exists: &'static str,
    pub written: &'static str,
    gone: &'static str,
    texts_unread: &'static str,
    followups: &'static str,
    decisions: &'static str,
    calendar: &'static str,
    copied: &'static str,
    nothing_to_copy: &'static str,
}

pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Da => Words {
            title: "Eksportér",
            what: "Hvad",
            format: "Format",
            lang: "Sprog",
            file: "Fil",
            keys: "↑↓ felt · ←→ skift · Enter skriv · Esc luk",
            written_keys: "o åbn · Esc luk",
            no_pandoc: "Word og HTML laves med pandoc, som ikke er installeret: apt-get install pandoc (eller https://pandoc.org/installing.html)",
            no_name: "Skriv et filnavn",
            exists: "Filen findes: Enter igen skriver over den",
            written: "Skrevet",
            gone: "mødet findes ikke længere",
            texts_unread: "mødefilen er ændret, siden den blev læst; prøv igen, når den er læst igen",
            followups: "Opfølgning",
            decisions: "Beslutninger",
            calendar: "Mødekalender",
            copied: "Kopieret til udklipsholderen",
            nothing_to_copy: "Intet at kopiere her: vælg et punkt med en beslutning, eller skærm 4",
        },
        Lang::En => Words {
            title: "Export",
            what: "What",
            format: "Format",
            lang: "Language",
            file: "File",
            keys: "↑↓ field · ←→ change · Enter write · Esc close",
            written_keys: "o open · Esc close",
            no_pandoc: "Word and HTML are made with pandoc, which is not installed: apt-get install pandoc (or https://pandoc.org/installing.html)",
            no_name: "Type a file name",
            exists: "The file exists: Enter again writes over it",
            written: "Written",
            gone: "the meeting is no longer there",
            texts_unread: "the meeting file changed since it was read; try again once it has been read again",
            followups: "Follow-ups",
            decisions: "Decisions",
            calendar: "Meeting calendar",
            copied: "Copied to the clipboard",
            nothing_to_copy: "Nothing to copy here: choose an item with a decision, or screen 4",
        },
    }
}

/// How a choice is named in the dialog.
pub fn what_name(app: &App, what: &What, lang: Lang) -> String {
    let da = lang == Lang::Da;
    let meeting = |id: &MeetingId| {
        format!(
            "{} {}",
            app.archive.forum.body_short(&id.body),
            lang.long_date(id.date)
        )
    };
    match what {
        What::Agenda(id) => format!(
            "{} — {}",
            if da { "Dagsorden" } else { "Agenda" },
            meeting(id)
        ),
        What::Minutes(id) => format!(
            "{} — {}",
            if da {
                "Referat, internt"
            } else {
                "Minutes, internal"
            },
            meeting(id)
        ),
        What::PublicMinutes(id) => format!(
            "{} — {}",
            if da {
                "Referat, offentligt"
            } else {
                "Minutes, public"
            },
            meeting(id)
        ),
        What::Decisions => (if da {
            "Beslutninger (som skærm 3 viser dem)"
        } else {
            "Decisions (as screen 3 shows them)"
        })
        .to_owned(),
        What::Followups => (if da {
            "Opfølgning (som skærm 4 viser den)"
        } else {
            "Follow-ups (as screen 4 shows them)"
        })
        .to_owned(),
        What::Calendar(year) => format!(
            "{} {year}",
            if da {
                "Mødekalender"
            } else {
                "Meeting calendar"
            }
        ),
    }
}
