//! Changing the archive from the screens: items, texts, status, new meetings, and meeting
//! mode (Mødetilstand), where decisions are recorded as they are taken. Every change goes
//! through the store, is saved at once, and is read back into the archive; a refused save
//! shows why and loses nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Message, Overlay};
use super::doc::Cursor;
use super::edit_labels::{EditUi, edit_ui};
use super::followups::FollowupTarget;
use super::keymap::Action;
use super::layout::Pane;
use super::widgets::textarea::{Edit, TextArea};
use crate::archive::text_hash;
use crate::calendar::schedule;
use crate::edit::{self, AttendanceList};
use crate::model::{
    BodyId, ClauseStyle, ItemKind, ItemNo, MeetingId, MeetingStatus, Outcome, Person,
    Recommendation,
};
use crate::store::{Conflict, SaveError, lock};

mod create;
mod meeting_mode;

/// What typed text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    NewMeeting,
    /// A new item after the item at this file index (`None`: first).
    NewItem {
        after: Option<usize>,
    },
    Title {
        file_index: usize,
    },
    Background {
        file_index: usize,
    },
    Recommendation {
        file_index: usize,
    },
    Decision {
        file_index: usize,
    },
    Remarks {
        file_index: usize,
    },
    Attach {
        file_index: usize,
    },
    /// A decision typed in meeting mode; `clause: None` decides the whole item.
    Clause {
        file_index: usize,
        clause: Option<usize>,
        outcome: Outcome,
    },
    FollowupWhat {
        file_index: usize,
    },
    FollowupDue {
        file_index: usize,
        what: String,
    },
    Guest,
    /// The item's case data and the other fields of its form.
    ItemDetails {
        file_index: usize,
    },
    /// The meeting's publication dates, source, order and joint bodies.
    MeetingDetails,
    /// The settings of the open meeting's body, in forum.toml.
    BodySettings,
    /// A new member of the open meeting's body, in forum.toml.
    NewMember,
    /// A member corrected in forum.toml (`old`: the name as it stood).
    EditMember {
        old: String,
    },
    /// The Beslutninger screen's tag filter.
    FilterTag,
    /// Opfølgning: what closed a follow-up (an item or a date).
    FollowupClose {
        target: FollowupTarget,
    },
    FollowupCancel {
        target: FollowupTarget,
    },
    /// Who is responsible for a follow-up.
    FollowupOwner {
        target: FollowupTarget,
    },
    /// A run held: date and note.
    FollowupRun {
        target: FollowupTarget,
    },
    NewDue {
        target: FollowupTarget,
    },
    DueReason {
        target: FollowupTarget,
        due: String,
    },
    /// Kalender: why a meeting moves to `to`, then the item that decided it.
    MoveReason {
        meeting: MeetingId,
        to: NaiveDate,
    },
    MoveDecidedBy {
        meeting: MeetingId,
        to: NaiveDate,
        reason: String,
    },
    /// Kalender: a meeting, seminar or theme day to add on `date`.
    AddToPlan {
        date: NaiveDate,
    },
    /// Kalender: the form of a planned meeting or an event in the plan of `year`.
    PlanEntry {
        year: i32,
        target: super::calendar::PlanEntry,
    },
    /// A field in merge conflict written anew (`text`: the field is a text, else TOML).
    MergeValue {
        rel: PathBuf,
        field: String,
        text: bool,
    },
}

impl Prompt {
    /// Whether Tab completes what is typed (see [`App::complete_typed`]).
    pub fn completes(&self) -> bool {
        matches!(
            self,
            Prompt::Attach { .. } | Prompt::NewMeeting | Prompt::FilterTag
        )
    }

    fn multiline(&self) -> bool {
        matches!(
            self,
            Prompt::Background { .. }
                | Prompt::Recommendation { .. }
                | Prompt::Decision { .. }
                | Prompt::Remarks { .. }
                | Prompt::Clause { .. }
                | Prompt::ItemDetails { .. }
                | Prompt::MeetingDetails
                | Prompt::BodySettings
                | Prompt::PlanEntry { .. }
                | Prompt::MergeValue { .. }
        )
    }
}

/// Text being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub prompt: Prompt,
    pub title: String,
    pub area: TextArea,
    /// Why the text was not taken, shown under it until the next try.
    pub error: Option<String>,
    /// The text the prompt opened with: Esc asks first when it was changed.
    pub initial: String,
}

impl Input {
    pub(in crate::tui) fn new(prompt: Prompt, title: String, text: &str) -> Input {
        let multiline = prompt.multiline();
        Input {
            prompt,
            title,
            area: TextArea::new(text, multiline),
            error: None,
            initial: text.to_owned(),
        }
    }

    /// Whether closing it would throw away something typed.
    pub fn changed(&self) -> bool {
        self.area.text() != self.initial
    }
}

/// A refused save on screen: the conflict, and what changed on disk worked out once (not
/// on every frame). `changes` is `None` when the file was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    pub conflict: Conflict,
    pub changes: Option<Vec<(char, String)>>,
}

/// How many lines of a conflict's changes are shown.
const CONFLICT_LINES: usize = 200;

impl ConflictView {
    fn new(conflict: Conflict) -> ConflictView {
        let changes = match (&conflict.read, &conflict.disk) {
            (Some(read), Some(disk)) => Some(
                crate::store::diff_lines(read, disk, 1)
                    .into_iter()
                    .take(CONFLICT_LINES)
                    .collect(),
            ),
            (None, Some(_)) => Some(Vec::new()),
            (_, None) => None,
        };
        ConflictView { conflict, changes }
    }
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteItem {
        file_index: usize,
        label: String,
        /// The item has a recorded decision, which goes with it.
        decided: bool,
    },
    IncludeFollowups {
        body: BodyId,
        date: NaiveDate,
        count: usize,
    },
    RemoveFromPlan {
        thing: crate::tui::calendar::PlanThing,
        label: String,
    },
    /// A planned meeting without a file, opened from Møder or Kalender: make its file?
    CreatePlanned {
        body: BodyId,
        date: NaiveDate,
        label: String,
    },
    /// Esc (or Ctrl-C) in a prompt whose text was changed: throw it away? "No" goes back to
    /// the prompt as it was.
    DiscardTyped { input: Box<Input>, then_quit: bool },
}

impl App {
    pub fn eui(&self) -> &'static EditUi {
        edit_ui(self.lang)
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Error(text.into()));
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Info(text.into()));
    }

    // --- Typing ---------------------------------------------------------------------------

    pub(super) fn ask(&mut self, prompt: Prompt, title: impl Into<String>, text: &str) {
        let title = title.into();
        // Long texts go to the user's own editor when they have one; decisions typed live in
        // meeting mode stay in the screen.
        if prompt.multiline()
            && !matches!(prompt, Prompt::Clause { .. })
            && let Some(editor) = self.editor.clone()
        {
            self.pending_edit = Some((prompt, title));
            self.push_effect(super::app::Effect::Edit {
                editor,
                text: text.to_owned(),
            });
            return;
        }
        // The text of a prompt closed with its changes thrown away comes back when the same
        // prompt opens again, until something else is saved.
        let text = match self.discarded.take() {
            Some((p, kept)) if p == prompt => {
                self.info(self.eui().discarded_back);
                kept
            }
            other => {
                self.discarded = other;
                text.to_owned()
            }
        };
        self.input = Some(Input::new(prompt, title, &text));
    }

    /// Opens the prompt being saved again, with the text as typed.
    fn reopen_typed(&mut self) {
        if let Some((prompt, title, text, initial)) = self.submitting.take() {
            self.overlay = None;
            let mut input = Input::new(prompt, title, &text);
            // Still the text the prompt opened with: Esc asks before throwing the rest away.
            input.initial = initial;
            self.input = Some(input);
        }
    }

    /// Submits typed text. While it is saved, the prompt is kept aside: text the prompt
    /// does not take ("2018-02-30", an unknown item), and a save that is refused or fails,
    /// open it again with the text as typed and the reason under it (see [`Self::report`]).
    fn submit_typed(&mut self, prompt: Prompt, title: String, text: String, initial: String) {
        self.submitting = Some((prompt.clone(), title, text.clone(), initial));
        // A message left from before is not this submission's answer.
        if matches!(self.message, Some(Message::Error(_))) {
            self.message = None;
        }
        self.submit(prompt, text);
        // Rejected, and no other prompt or window took its place: the same prompt again.
        if self.submitting.is_some()
            && self.input.is_none()
            && self.overlay.is_none()
            && let Some(Message::Error(why)) = self.message.clone()
        {
            self.reopen_typed();
            if let Some(input) = &mut self.input {
                input.error = Some(why);
                self.message = None;
            }
        }
        self.submitting = None;
    }

    pub(super) fn type_key(&mut self, key: &KeyEvent) {
        let Some(input) = &mut self.input else { return };
        // Ctrl-C quits from a prompt too, after the question when text would be lost.
        if super::keymap::KeySpec::from_event(key).is_ctrl_c() {
            let input = self.input.take().expect("checked above");
            if input.changed() {
                self.overlay = Some(Overlay::Confirm(Confirm::DiscardTyped {
                    input: Box::new(input),
                    then_quit: true,
                }));
            } else {
                self.quit = true;
            }
            return;
        }
        if key.code == KeyCode::Tab && !input.area.multiline {
            self.complete_typed();
            return;
        }
        match input.area.handle(key) {
            Edit::Submit => {
                let input = self.input.take().expect("checked above");
                let text = input.area.text();
                self.submit_typed(input.prompt, input.title, text, input.initial);
            }
            Edit::Cancel => {
                let input = self.input.take().expect("checked above");
                if input.changed() {
                    self.overlay = Some(Overlay::Confirm(Confirm::DiscardTyped {
                        input: Box::new(input),
                        then_quit: false,
                    }));
                }
            }
            Edit::Changed | Edit::Ignored => {}
        }
    }

    /// Tab: the prompt's text completed where it can be (a path, a body id, a tag), and
    /// the candidates named in the status bar where there are several.
    fn complete_typed(&mut self) {
        use super::complete::{complete_path, complete_word};
        let Some(input) = &self.input else { return };
        let text = input.area.text();
        let completion = match &input.prompt {
            Prompt::Attach { .. } => {
                let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
                let here = std::env::current_dir().unwrap_or_default();
                complete_path(&text, &here, home.as_deref())
            }
            Prompt::NewMeeting if !text.trim_start().contains(' ') => {
                let ids: Vec<String> = self
                    .archive
                    .forum
                    .body_ids()
                    .into_iter()
                    .map(|s| s.to_string())
                    .collect();
                complete_word(text.trim_start(), &ids)
            }
            Prompt::FilterTag => {
                let mut tags: Vec<String> = self
                    .archive
                    .meetings
                    .iter()
                    .flat_map(|m| m.items.iter().flat_map(|i| i.tags.iter().cloned()))
                    .collect();
                tags.sort();
                tags.dedup();
                complete_word(&text, &tags).map(|mut c| {
                    c.text = c.text.trim_end().to_owned();
                    c
                })
            }
            _ => None,
        };
        let none = match self.lang {
            crate::lang::Lang::Da => "Intet at fuldføre",
            crate::lang::Lang::En => "Nothing to complete",
        };
        match completion {
            Some(c) => {
                if let Some(input) = &mut self.input {
                    input.area = super::widgets::textarea::TextArea::new(&c.text, false);
                }
                self.message = (!c.candidates.is_empty()).then(|| {
                    let shown: Vec<&str> =
                        c.candidates.iter().take(12).map(String::as_str).collect();
                    let more = if c.candidates.len() > 12 { " …" } else { "" };
                    Message::Info(
                        crate::text::sanitize(&format!("{}{more}", shown.join(" · "))).into_owned(),
                    )
                });
            }
            None => self.message = Some(Message::Info(none.to_owned())),
        }
    }

    pub(super) fn paste(&mut self, text: &str) -> bool {
        match &mut self.input {
            Some(input) => {
                input.area.paste(text);
                true
            }
            None => {
                self.paste_into_palette(text)
                    || self.paste_into_export(text)
                    || self.paste_into_search(text)
            }
        }
    }

    /// The text the external editor left, for the prompt it was started for.
    pub fn finish_external_edit(&mut self, text: Option<String>) {
        if let (Some((prompt, title)), Some(text)) = (self.pending_edit.take(), text) {
            // Written in the editor: if it comes back, Esc asks before throwing it away.
            self.submit_typed(prompt, title, text, String::new());
        }
        self.settle();
    }

    fn submit(&mut self, prompt: Prompt, text: String) {
        let e = self.eui();
        match prompt {
            Prompt::NewMeeting => self.new_meeting_from(&text),
            Prompt::NewItem { after } => {
                if text.trim().is_empty() {
                    return;
                }
                let at = after.map_or(0, |i| i + 1);
                let mut number = 0;
                if self.save_current(e.c_new_item, |doc| {
                    number = edit::add_item(doc, at, &text, ItemKind::Decision)?;
                    Ok(())
                }) {
                    self.select_item_number(&ItemNo::from(u32::try_from(number).unwrap_or(0)));
                }
            }
            Prompt::Title { file_index } => {
                self.save_current(e.c_title, |doc| {
                    edit::set_item_title(doc, file_index, &text)
                });
            }
            Prompt::Background { file_index } => {
                self.save_current(e.c_background, |doc| {
                    edit::set_item_text(doc, file_index, "background", &text)
                });
            }
            Prompt::Recommendation { file_index } => {
                let (lead, clauses, style) = parse_recommendation(&text);
                self.save_current(e.c_recommendation, |doc| {
                    edit::set_recommendation(doc, file_index, &lead, &clauses, style)
                });
            }
            Prompt::Decision { file_index } => {
                self.save_current(e.c_decision, |doc| {
                    edit::set_decision_text(doc, file_index, "text", &text)
                });
            }
            Prompt::Remarks { file_index } => {
                self.save_current(e.c_remarks, |doc| {
                    edit::set_decision_text(doc, file_index, "remarks", &text)
                });
            }
            Prompt::Clause {
                file_index,
                clause,
                outcome,
            } => {
                self.write_decision(file_index, clause, outcome, &text);
            }
            Prompt::Attach { file_index } => self.attach(file_index, text.trim()),
            Prompt::FollowupWhat { file_index } => {
                if !text.trim().is_empty() {
                    self.ask(
                        Prompt::FollowupDue {
                            file_index,
                            what: text.trim().to_owned(),
                        },
                        e.prompt_followup_due,
                        "",
                    );
                }
            }
            Prompt::FollowupDue { file_index, what } => self.add_followup(file_index, what, &text),
            Prompt::FilterTag => self.set_tag_filter(&text),
            Prompt::MergeValue {
                rel,
                field,
                text: is_text,
            } => {
                self.merge_value_typed(&rel, &field, is_text, &text);
            }
            Prompt::FollowupClose { .. }
            | Prompt::FollowupCancel { .. }
            | Prompt::FollowupRun { .. }
            | Prompt::FollowupOwner { .. }
            | Prompt::NewDue { .. }
            | Prompt::DueReason { .. } => self.submit_followup(prompt, &text),
            Prompt::MoveReason { .. } | Prompt::MoveDecidedBy { .. } => {
                self.submit_move(prompt, &text)
            }
            Prompt::AddToPlan { date } => self.submit_add_to_plan(date, &text),
            Prompt::PlanEntry { year, target } => self.submit_plan_entry(year, target, &text),
            Prompt::Guest => {
                let Some(person) = parse_person(&text) else {
                    return;
                };
                self.save_current(e.c_attendance, |doc| {
                    edit::set_attendance(doc, &person, Some(AttendanceList::Guests), true)
                });
            }
            Prompt::NewMember | Prompt::EditMember { .. } => self.submit_member(&prompt, &text),
            Prompt::ItemDetails { file_index } => {
                let forum = self.archive.forum.clone();
                let others: Vec<ItemNo> = self
                    .current_meeting()
                    .map(|(m, _)| {
                        m.items
                            .iter()
                            .filter(|i| i.file_index != file_index)
                            .map(|i| i.number.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                self.save_current(e.c_details, |doc| {
                    edit::details::set_item_form(doc, file_index, &forum, &others, &text)
                });
            }
            Prompt::BodySettings => {
                let Some(body) = self.current_meeting().map(|(m, _)| m.body().clone()) else {
                    return;
                };
                self.save(Path::new("forum.toml"), e.c_member, |doc| {
                    edit::details::set_body_form(doc, &body, &text)
                });
            }
            Prompt::MeetingDetails => {
                let forum = self.archive.forum.clone();
                let numbers: Vec<ItemNo> = self
                    .current_meeting()
                    .map(|(m, _)| m.items.iter().map(|i| i.number.clone()).collect())
                    .unwrap_or_default();
                self.save_current(e.c_details, |doc| {
                    edit::details::set_meeting_form(doc, &forum, &numbers, &text)
                });
            }
        }
    }

    // --- Saving ---------------------------------------------------------------------------

    /// Changes the open meeting's file. Returns whether it was saved.
    fn save_current<F>(&mut self, label: &str, change: F) -> bool
    where
        F: FnOnce(&mut toml_edit::DocumentMut) -> Result<(), crate::lang::Said>,
    {
        let Some((meeting, _)) = self.current_meeting() else {
            return false;
        };
        let rel = meeting.file.clone();
        self.save(&rel, label, change)
    }

    pub(super) fn save<F>(&mut self, rel: &Path, label: &str, change: F) -> bool
    where
        F: FnOnce(&mut toml_edit::DocumentMut) -> Result<(), crate::lang::Said>,
    {
        if self.changed_since_loaded(rel) {
            return false;
        }
        match self.store.edit(rel, label, change) {
            Ok(_) => {
                self.after_save(rel);
                self.info(format!("{}: {label}", self.eui().saved));
                true
            }
            Err(e) => {
                self.report(e);
                false
            }
        }
    }

    /// Changes several files as one undoable step (a meeting moved with its file). Each
    /// file must still be the version the screens show. Returns whether it was saved.
    pub(super) fn save_files(
        &mut self,
        label: &str,
        files: Vec<(PathBuf, Option<String>)>,
    ) -> bool {
        for (rel, _) in &files {
            if self.changed_since_loaded(rel) {
                return false;
            }
        }
        let rels: Vec<PathBuf> = files.iter().map(|(rel, _)| rel.clone()).collect();
        match self.store.apply(label, files) {
            Ok(()) => {
                self.after_saves(&rels);
                self.info(format!("{}: {label}", self.eui().saved));
                true
            }
            Err(e) => {
                self.report(e);
                false
            }
        }
    }

    /// A file first changed in this session must still be the version the screens show
    /// (as loaded); if it is not, it is read again, and nothing is changed: the user sees
    /// the new version and does it again.
    fn changed_since_loaded(&mut self, rel: &Path) -> bool {
        if self.store.has_read(rel) {
            return false;
        }
        let Some(hash) = self.archive.loaded_hash(rel) else {
            return false;
        };
        match self.store.read(rel) {
            Ok(text) if text_hash(&text) != hash => {
                let current = self.current_meeting().map(|(m, _)| m.id.clone());
                self.reload(rel);
                self.refresh(current);
                self.error(format!("{}: {}", self.eui().not_saved, self.eui().reloaded));
                // The typed text comes back, to be saved again on the version now shown.
                self.reopen_typed();
                true
            }
            _ => false,
        }
    }

    pub(super) fn report(&mut self, error: SaveError) {
        let e = self.eui();
        // What was typed is never lost to a refused or failed save: its prompt opens again
        // with the text (a conflict has its own dialog, which can keep it as a copy).
        let reopen = matches!(
            error,
            SaveError::Refused { .. }
                | SaveError::ReadOnlyFile { .. }
                | SaveError::Io { .. }
                | SaveError::Unparsable { .. }
                | SaveError::ReadOnly
        );
        if reopen {
            self.reopen_typed();
        }
        match error {
            SaveError::Conflict(conflict) => {
                self.overlay = Some(Overlay::Conflict(Box::new(ConflictView::new(*conflict))))
            }
            SaveError::ReadOnly => self.error(e.read_only),
            SaveError::NothingToUndo => self.info(e.nothing_to_undo),
            SaveError::NothingToRedo => self.info(e.nothing_to_redo),
            other => self.error(format!(
                "{}: {}",
                e.not_saved,
                crate::tui::save_errors::describe(&other, self.lang)
            )),
        }
    }

    /// Reads a saved file back into the archive and brings everything derived from it up
    /// to date; the open meeting stays open.
    pub(super) fn after_save(&mut self, rel: &Path) {
        self.after_saves(&[rel.to_path_buf()]);
    }

    /// As `after_save`, for the files of one step (read back in order, then one refresh);
    /// a file the step removed takes no lock.
    fn after_saves(&mut self, rels: &[PathBuf]) {
        // A text thrown away before is kept only until the next save.
        self.discarded = None;
        let current = self.current_meeting().map(|(m, _)| m.id.clone());
        for rel in rels {
            self.reload(rel);
            let path = self.archive.root.join(rel);
            if path.exists()
                && !self.locked.iter().any(|l| l == rel)
                && lock::take(&path, &self.holder, (self.now)()).is_ok()
            {
                self.locked.push(rel.clone());
            }
        }
        self.refresh(current);
    }

    /// Reads one file again (a meeting file or a year plan), and tells the search about a
    /// meeting.
    pub(in crate::tui) fn reload(&mut self, rel: &Path) {
        self.archive.reload_file(rel);
        let id = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<MeetingId>().ok());
        if let Some(id) = id {
            match self.archive.meeting(&id) {
                Some(meeting) => self.searcher.update(meeting),
                None => self.searcher.remove(&id),
            }
        }
    }

    pub(in crate::tui) fn refresh(&mut self, current: Option<MeetingId>) {
        self.rebuild_decisions();
        self.schedule = schedule(&self.archive);
        self.refresh_dates();
        self.rebuild_rows();
        match current.and_then(|id| self.archive.position(&id)) {
            Some(index) => {
                if let Some(v) = &mut self.meeting {
                    if v.index != index {
                        // A meeting came or went before this one: the way back is stale.
                        self.history.clear();
                    }
                    v.index = index;
                }
            }
            None => {
                self.meeting = None;
                self.history.clear();
            }
        }
        self.history
            .retain(|v| v.index < self.archive.meetings.len());
    }

    /// Removes our lock hints; called when the app ends.
    pub fn release_locks(&mut self) {
        for rel in std::mem::take(&mut self.locked) {
            lock::release(&self.archive.root.join(rel), &self.holder);
        }
    }

    /// On opening a meeting: read it again if it changed on disk since it was loaded, and
    /// say who else is editing it.
    pub(super) fn check_on_open(&mut self) {
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        let (rel, hash, id) = (
            meeting.file.clone(),
            meeting.source_hash,
            meeting.id.clone(),
        );
        if let Ok(text) = self.store.read(&rel)
            && text_hash(&text) != hash
        {
            self.reload(&rel);
            self.refresh(Some(id));
            self.info(self.eui().reloaded);
        } else {
            self.hold_open_texts();
        }
        let path = self.archive.root.join(&rel);
        if let Some(other) = lock::other_holder(&path, &self.holder, (self.now)()) {
            self.info(format!(
                "«{}» {} {}",
                crate::text::sanitize(&other.name),
                self.eui().lock_editing_since,
                other.since.format("%H.%M")
            ));
        }
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        let e = self.eui();
        let result = if undo {
            self.store.undo()
        } else {
            self.store.redo()
        };
        match result {
            Ok(step) => {
                let current = self.current_meeting().map(|(m, _)| m.id.clone());
                for rel in step.rels() {
                    self.reload(rel);
                }
                self.refresh(current);
                let word = if undo { e.undone } else { e.redone };
                self.info(format!("{word}: {}", step.label));
            }
            Err(err) => self.report(err),
        }
    }

    // --- Dialogs --------------------------------------------------------------------------

    /// The kind list: ↑↓ (or j/k) choose, a digit picks its line, Enter saves, Esc closes.
    fn kind_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::KindPick { file_index, cursor }) = self.overlay.clone() else {
            return false;
        };
        let last = ItemKind::ALL.len() - 1;
        let chosen = match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.overlay = Some(Overlay::KindPick {
                    file_index,
                    cursor: cursor.saturating_sub(1),
                });
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.overlay = Some(Overlay::KindPick {
                    file_index,
                    cursor: (cursor + 1).min(last),
                });
                None
            }
            KeyCode::Enter => Some(cursor),
            KeyCode::Char(c @ '1'..='9') => Some((c as usize - '1' as usize).min(last)),
            KeyCode::Esc | KeyCode::Char('q') => {
                self.overlay = None;
                None
            }
            _ => None,
        };
        if let Some(at) = chosen {
            self.overlay = None;
            let kind = ItemKind::ALL[at];
            let e = self.eui();
            if self.save_current(e.c_kind, |doc| edit::set_item_kind(doc, file_index, kind)) {
                self.info(format!("{}: {}", e.c_kind, self.lang.item_kind(kind)));
            }
        }
        true
    }

    /// Keys of the conflict, confirmation and attendance windows. Returns whether the key
    /// was theirs.
    pub(super) fn dialog_key(&mut self, key: &KeyEvent) -> bool {
        if self.agenda_key(key)
            || self.day_key(key)
            || self.kind_key(key)
            || self.merge_key(key)
            || self.item_history_key(key)
        {
            return true;
        }
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match &self.overlay {
            Some(Overlay::Conflict(_)) => {
                // The window stays until the user chooses; quitting keeps their version as
                // a copy, so nothing is lost.
                let choice = match key.code {
                    KeyCode::Char('r') => Some(false),
                    KeyCode::Char('k') => Some(true),
                    _ if ctrl_c => Some(true),
                    _ => None,
                };
                if let Some(keep) = choice
                    && let Some(Overlay::Conflict(view)) = self.overlay.take()
                {
                    if keep {
                        self.keep_mine(&view.conflict);
                    } else {
                        self.take_theirs(&view.conflict.rel);
                    }
                    self.quit |= ctrl_c;
                }
                true
            }
            Some(Overlay::Confirm(_)) => {
                let yes = matches!(key.code, KeyCode::Char('j' | 'J' | 'y' | 'Y'));
                let no = matches!(key.code, KeyCode::Char('n' | 'N'));
                let esc = key.code == KeyCode::Esc;
                if (yes || no || esc)
                    && let Some(Overlay::Confirm(confirm)) = self.overlay.take()
                {
                    match confirm {
                        // Esc is neither answer: no meeting file is made.
                        Confirm::IncludeFollowups { .. } if esc => {}
                        confirm => self.answer(confirm, yes),
                    }
                } else if ctrl_c {
                    self.quit = true;
                }
                true
            }
            Some(Overlay::Attendance { cursor }) => {
                let cursor = *cursor;
                self.attendance_key(key, cursor);
                true
            }
            _ => false,
        }
    }

    fn take_theirs(&mut self, rel: &Path) {
        self.overlay = None;
        let _ = self.store.read(rel);
        let current = self.current_meeting().map(|(m, _)| m.id.clone());
        self.reload(rel);
        self.refresh(current);
        self.info(self.eui().took_theirs);
    }

    fn keep_mine(&mut self, conflict: &Conflict) {
        match self.store.keep_as_copy(conflict) {
            Ok(copy) => {
                self.take_theirs(&conflict.rel);
                self.info(format!(
                    "{} {}; {}",
                    self.eui().kept_copy,
                    self.archive.root.join(copy).display(),
                    self.eui().took_theirs.to_lowercase()
                ));
            }
            Err(e) => self.error(format!("{}: {e}", self.eui().not_saved)),
        }
    }

    fn answer(&mut self, confirm: Confirm, yes: bool) {
        match confirm {
            Confirm::DeleteItem { file_index, .. } if yes => {
                self.save_current(self.eui().c_deleted, |doc| {
                    edit::delete_item(doc, file_index)
                });
            }
            Confirm::IncludeFollowups { body, date, .. } => self.create_meeting(&body, date, yes),
            Confirm::CreatePlanned { body, date, .. } if yes => {
                self.new_meeting_from(&format!("{body} {}", date.format("%Y-%m-%d")));
            }
            Confirm::RemoveFromPlan { thing, .. } if yes => self.remove_from_plan(thing),
            Confirm::DiscardTyped { input, then_quit } if yes => {
                // Kept aside: the same prompt opened again offers it back.
                let text = input.area.text();
                self.discarded = (!text.trim().is_empty()).then(|| (input.prompt.clone(), text));
                self.quit |= then_quit;
            }
            Confirm::DiscardTyped { input, .. } => self.input = Some(*input),
            _ => {}
        }
    }

    // --- Editing actions ------------------------------------------------------------------

    pub(super) fn edit_action(&mut self, action: Action) {
        let e = self.eui();
        let Some((meeting, view)) = self.current_meeting() else {
            return;
        };
        if action == Action::MeetingMode {
            let on = !view.mode;
            if let Some(v) = &mut self.meeting {
                v.mode = on;
                v.clause = 0;
                v.focus = Pane::Detail;
                v.detail = Cursor::default();
            }
            return;
        }
        if action == Action::ShowAttendance {
            // Looking is allowed in a read-only archive; the window's keys check for changes.
            self.overlay = Some(Overlay::Attendance { cursor: 0 });
            return;
        }
        if self.store.is_read_only() {
            self.error(e.read_only);
            return;
        }
        let item = meeting.items.get(view.item);
        let file_index = item.map(|i| i.file_index);
        if action == Action::EditBodySettings {
            if let Some(body) = self.archive.forum.body(meeting.body()) {
                let form = edit::details::body_form(body, self.lang);
                let title = format!("{} ({})", e.prompt_body_settings, body.name);
                self.ask(Prompt::BodySettings, title, &form);
            }
            return;
        }
        if action == Action::EditMeetingDetails {
            let form = edit::details::meeting_form(meeting, self.lang);
            self.ask(Prompt::MeetingDetails, e.prompt_meeting_details, &form);
            return;
        }
        let needs_item = !matches!(
            action,
            Action::AddItem
                | Action::NextStatus
                | Action::PreviousStatus
                | Action::Renumber
                | Action::Attendance
        );
        let (Some(item), Some(fi)) = (item, file_index) else {
            if needs_item {
                self.info(e.no_item);
                return;
            }
            return self.edit_without_item(action);
        };
        let item = item.clone();
        let status = meeting.status;
        let body = self.archive.forum.body_name(meeting.body());
        match action {
            Action::AddItem => self.ask(Prompt::NewItem { after: Some(fi) }, e.prompt_new_item, ""),
            Action::DeleteItem => {
                self.overlay = Some(Overlay::Confirm(Confirm::DeleteItem {
                    file_index: fi,
                    label: format!("{}. {}", item.number, item.title),
                    decided: item.decision.as_ref().is_some_and(|d| !d.is_empty()),
                }))
            }
            Action::MoveItemUp | Action::MoveItemDown => {
                let up = action == Action::MoveItemUp;
                let number = item.number;
                // The moved item takes its neighbour's number; follow it.
                let neighbour = if up {
                    view.item.checked_sub(1)
                } else {
                    Some(view.item + 1)
                }
                .and_then(|i| meeting.items.get(i))
                .map(|i| i.number.clone());
                if self.save_current(e.c_moved, |doc| edit::move_item(doc, fi, up).map(drop)) {
                    self.select_item_number(&neighbour.unwrap_or(number));
                }
            }
            Action::Renumber => {
                self.save_current(e.c_renumbered, edit::renumber);
            }
            Action::CycleKind => {
                let cursor = ItemKind::ALL
                    .iter()
                    .position(|k| *k == item.kind)
                    .unwrap_or(0);
                self.overlay = Some(Overlay::KindPick {
                    file_index: fi,
                    cursor,
                });
            }
            Action::ToggleClosed => {
                self.save_current(e.c_closed, |doc| {
                    edit::set_item_closed(doc, fi, !item.closed)
                });
            }
            Action::EditTitle => self.ask(
                Prompt::Title { file_index: fi },
                e.prompt_title,
                &item.title,
            ),
            Action::EditBackground => match item.background.text() {
                Some(text) => self.ask(
                    Prompt::Background { file_index: fi },
                    e.prompt_background,
                    text,
                ),
                // Never an editor over a text that is not the file's.
                None => self.error(self.lang.labels().text_not_read),
            },
            Action::EditRecommendation => {
                let text = item
                    .recommendation
                    .as_ref()
                    .map_or_else(String::new, recommendation_text);
                self.ask(
                    Prompt::Recommendation { file_index: fi },
                    e.prompt_recommendation,
                    &text,
                )
            }
            Action::EditItemDetails => self.ask(
                Prompt::ItemDetails { file_index: fi },
                e.prompt_item_details,
                &edit::details::item_form(&item, self.lang),
            ),
            Action::EditDecision => {
                let text = item
                    .decision
                    .as_ref()
                    .map_or("", |d| d.text.as_str())
                    .to_owned();
                self.ask(
                    Prompt::Decision { file_index: fi },
                    e.prompt_decision,
                    &text,
                )
            }
            Action::AttachFile => self.ask(Prompt::Attach { file_index: fi }, e.prompt_attach, ""),
            Action::NextStatus | Action::PreviousStatus => {
                self.step_status(status, action == Action::NextStatus)
            }
            Action::RecordApproved => self.record(Outcome::Approved, false, &body),
            Action::RecordWithChanges => self.record(Outcome::ApprovedWithChanges, true, &body),
            Action::RecordRejected => self.record(Outcome::Rejected, true, &body),
            Action::RecordPostponed => self.record(Outcome::Postponed, true, &body),
            Action::RecordNoted => self.record(Outcome::Noted, false, &body),
            Action::RecordDiscussed => self.record(Outcome::Discussed, false, &body),
            Action::AddRemarks => {
                let text = item
                    .decision
                    .as_ref()
                    .map_or("", |d| d.remarks.as_str())
                    .to_owned();
                self.ask(Prompt::Remarks { file_index: fi }, e.prompt_remarks, &text)
            }
            Action::AddFollowup => {
                let text = item
                    .decision
                    .as_ref()
                    .and_then(|d| {
                        d.clauses
                            .get(view.clause)
                            .map(|c| c.text.clone())
                            .or(Some(d.text.clone()))
                    })
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| item.title.clone());
                self.ask(
                    Prompt::FollowupWhat { file_index: fi },
                    e.prompt_followup_what,
                    &text,
                )
            }
            Action::Attendance => self.overlay = Some(Overlay::Attendance { cursor: 0 }),
            _ => {}
        }
    }

    /// Editing keys on a meeting with no items.
    fn edit_without_item(&mut self, action: Action) {
        let e = self.eui();
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        let status = meeting.status;
        match action {
            Action::AddItem => self.ask(Prompt::NewItem { after: None }, e.prompt_new_item, ""),
            Action::NextStatus | Action::PreviousStatus => {
                self.step_status(status, action == Action::NextStatus)
            }
            Action::Attendance => self.overlay = Some(Overlay::Attendance { cursor: 0 }),
            _ => {}
        }
    }

    fn step_status(&mut self, status: MeetingStatus, forward: bool) {
        let all = MeetingStatus::ALL;
        let i = all.iter().position(|s| *s == status).unwrap_or(0);
        let next = if forward {
            all.get(i + 1)
        } else {
            i.checked_sub(1).and_then(|j| all.get(j))
        };
        if let Some(&next) = next
            && self.save_current(self.eui().c_status, |doc| edit::set_status(doc, next))
        {
            self.info(format!(
                "{}: {}",
                self.eui().status_now,
                self.lang.status(next)
            ));
        }
    }

    fn select_item_number(&mut self, number: &ItemNo) {
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        if let Some(i) = meeting.items.iter().position(|it| &it.number == number)
            && let Some(v) = &mut self.meeting
        {
            v.item = i;
            v.detail = Cursor::default();
        }
    }
}

/// "Name, Organisation" as typed; `None` without a name.
pub fn parse_person(text: &str) -> Option<Person> {
    let (name, organisation) = match text.split_once(',') {
        Some((n, o)) => (
            n.trim(),
            Some(o.trim().to_owned()).filter(|o| !o.is_empty()),
        ),
        None => (text.trim(), None),
    };
    (!name.is_empty()).then(|| Person {
        name: name.to_owned(),
        organisation,
    })
}

/// A recommendation as the editor shows it: the lead, then each clause on its own line
/// with its marker as printed (`(a)`, `1.`, `–`, `•`), or `-` where the file states none.
pub fn recommendation_text(r: &Recommendation) -> String {
    let mut t = format!("{}\n", r.lead);
    for (i, c) in r.clauses.iter().enumerate() {
        let marker = if r.style_stated {
            r.marker(i)
        } else {
            String::new()
        };
        let marker = if marker.is_empty() {
            "-".to_owned()
        } else {
            marker
        };
        t.push_str(&format!("{marker} {c}\n"));
    }
    t
}

/// The marker a typed line starts with, the style it names (`None` for the editor's plain
/// `-` and `*`, which keep the style the file has) and the rest of the line.
fn clause_marker(line: &str) -> Option<(Option<ClauseStyle>, &str)> {
    for (prefix, style) in [
        ("- ", None),
        ("* ", None),
        ("– ", Some(ClauseStyle::Dashes)),
        ("• ", Some(ClauseStyle::Bullets)),
        ("at ", Some(ClauseStyle::AtLines)),
    ] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return Some((style, rest));
        }
    }
    // "(a) ", "a) ", "1. ", "1) "
    let (head, rest) = line.split_once(' ')?;
    let inner = head.strip_prefix('(').unwrap_or(head);
    let (at, close) = inner.char_indices().last()?;
    let word = &inner[..at];
    let lettered = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase()) && close == ')';
    let numbered = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_digit())
        && (close == '.' || close == ')')
        && !head.starts_with('(');
    if lettered && word.len() <= 2 {
        Some((Some(ClauseStyle::Letters), rest))
    } else if numbered {
        Some((Some(ClauseStyle::Numbers), rest))
    } else {
        None
    }
}

/// "Lead\n(a) clause\n(b) clause" → (lead, clauses, the markers' style). A line that
/// starts with no marker continues the clause before it (or the lead).
pub fn parse_recommendation(text: &str) -> (String, Vec<String>, Option<ClauseStyle>) {
    let mut lead = String::new();
    let mut clauses: Vec<String> = Vec::new();
    let mut style = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((marked, clause)) = clause_marker(trimmed) {
            style = style.or(marked);
            clauses.push(clause.trim().to_owned());
        } else if trimmed.is_empty() {
            continue;
        } else if let Some(last) = clauses.last_mut() {
            last.push(' ');
            last.push_str(trimmed);
        } else {
            if !lead.is_empty() {
                lead.push(' ');
            }
            lead.push_str(trimmed);
        }
    }
    (lead, clauses, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendations_are_typed_as_a_lead_and_dashed_clauses() {
        let (lead, clauses, style) = parse_recommendation(
            "Forretningsudvalget indstiller, at Socialdirektørforum:\n- godkender planen\n  og budgettet\n\n- drøfter sagen\n",
        );
        assert_eq!(style, None);
        assert_eq!(
            lead,
            "Forretningsudvalget indstiller, at Socialdirektørforum:"
        );
        assert_eq!(
            clauses,
            vec!["godkender planen og budgettet", "drøfter sagen"]
        );
    }

    #[test]
    fn typed_markers_set_the_clause_style() {
        for (text, style) in [
            ("Lead:\n(a) en\n(b) to", ClauseStyle::Letters),
            ("Lead:\na) en\nb) to", ClauseStyle::Letters),
            ("Lead:\n1. en\n2. to", ClauseStyle::Numbers),
            ("Lead:\n1) en\n2) to", ClauseStyle::Numbers),
            ("Lead:\n– en\n– to", ClauseStyle::Dashes),
            ("Lead:\n• en\n• to", ClauseStyle::Bullets),
        ] {
            let (lead, clauses, found) = parse_recommendation(text);
            assert_eq!(lead, "Lead:", "{text}");
            assert_eq!(clauses, ["en", "to"], "{text}");
            assert_eq!(found, Some(style), "{text}");
        }
        // Words that merely look like markers continue the lead, whatever their letters.
        let (lead, _, _) = parse_recommendation("blæ) æ\nø. å");
        assert_eq!(lead, "blæ) æ ø. å");
        let (lead, clauses, _) = parse_recommendation("Det indstilles, at\nudvalget godkender");
        assert_eq!(lead, "Det indstilles, at udvalget godkender");
        assert!(clauses.is_empty());
    }

    #[test]
    fn the_editor_shows_the_markers_as_printed_and_reads_them_back() {
        let rec = Recommendation {
            by: None,
            lead: "Administrationen indstiller, at".into(),
            clauses: vec!["planen godkendes".into(), "sagen drøftes".into()],
            style: ClauseStyle::Numbers,
            style_stated: true,
        };
        let text = recommendation_text(&rec);
        assert_eq!(
            text,
            "Administrationen indstiller, at\n1. planen godkendes\n2. sagen drøftes\n"
        );
        let (lead, clauses, style) = parse_recommendation(&text);
        assert_eq!(
            (lead.as_str(), clauses, style),
            (rec.lead.as_str(), rec.clauses, Some(ClauseStyle::Numbers))
        );
    }
}
