//! The Opfølgning screen's state and keys, and what is done to a follow-up from it: mark
//! done, cancel, log a run, give a new due, put on the next agenda. Every change is saved
//! through the store into the file the follow-up is written in (a meeting file or a year
//! plan); the list is worked out again from the archive after each save.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};

use super::app::{App, Message, Overlay, Screen, cycle};
use super::doc::{Cursor, Target, visible_start};
use super::editing::Prompt;
use super::followup_labels::followup_ui;
use super::keymap::Action;
use crate::calendar::Scheduled;
use crate::edit::followup::{
    Closing, accept_suggestion, add_answering_item, close, discard_suggestion, log_run,
    move_instance, parse_due, reschedule, set_owner,
};
use crate::edit::new_meeting;
use crate::followup::{
    Candidate, Entry, EntryFilter, FollowupState, Home, StateFilter, agenda_candidates, entries,
    list::owners,
};
use crate::model::typed_date::{self, DateError};
use crate::model::{BodyId, Due, FollowupStatus, ItemNo, ItemRef};

/// Each follow-up takes two lines in the list: its state and due, then what it is.
pub const ROW_HEIGHT: usize = 2;
/// At most this many lines for the selected follow-up below the list.
const DETAIL_LINES: u16 = 9;
/// How many meetings "put on the agenda" offers.
const AGENDA_CHOICES: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct FollowupsView {
    pub filter: EntryFilter,
    /// Every entry as of today, sorted by due.
    pub entries: Vec<Entry>,
    /// The entries the filter shows, by index into `entries`.
    pub rows: Vec<usize>,
    pub cursor: Cursor,
    /// The owners named in the archive, for the owner filter.
    pub owners: Vec<String>,
    /// How many suggestions from imports wait to be accepted or discarded.
    pub suggestions: usize,
    /// The follow-ups (by id) that came back at a held meeting, with their assessment:
    /// how the item pane and the timeline say their state without searching the list.
    pub answered: std::collections::HashMap<String, crate::followup::Assessment>,
}

/// The follow-up an action is for: its id, the year of a yearly deadline, and its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupTarget {
    pub id: String,
    pub year: Option<i32>,
    pub rel: PathBuf,
}

/// The window that chooses the meeting a follow-up is put before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaPick {
    pub target: FollowupTarget,
    pub what: String,
    pub candidates: Vec<Candidate>,
    pub proposed: usize,
    pub pos: usize,
}

/// The screen's parts: the filter line, the list, and the selected follow-up below it.
pub struct FollowupAreas {
    pub header: Rect,
    pub list: Rect,
    pub detail: Rect,
}

pub fn areas(main: Rect) -> FollowupAreas {
    let header = Rect {
        height: 1.min(main.height),
        ..main
    };
    let rest = main.height.saturating_sub(1);
    // The detail gets a third of the room, at most DETAIL_LINES, and only if the list keeps
    // room for two follow-ups.
    let detail_h = (rest / 3).min(DETAIL_LINES);
    let detail_h = if rest.saturating_sub(detail_h) < 2 * ROW_HEIGHT as u16 {
        0
    } else {
        detail_h
    };
    let list = Rect {
        y: main.y + 1,
        height: rest - detail_h,
        ..main
    };
    let detail = Rect {
        y: list.y + list.height,
        height: detail_h,
        ..main
    };
    FollowupAreas {
        header,
        list,
        detail,
    }
}

impl App {
    /// Works out the list again from the archive: at start and after every change. The
    /// cursor stays on its follow-up where the filter still shows it.
    pub(super) fn rebuild_followups(&mut self) {
        let worked = entries(&self.archive, &self.schedule, self.today);
        self.put_followups(worked);
    }

    /// Puts in the entries of the follow-up list, worked out by `followup::list::entries`
    /// (apart, so that the start can work them out beside the decisions).
    pub(super) fn put_followups(&mut self, worked: Vec<Entry>) {
        let keep = self.selected_entry().map(|e| (e.home, e.year));
        self.followups.entries = worked;
        self.followups.owners = owners(&self.archive);
        self.followups.suggestions = self
            .followups
            .entries
            .iter()
            .filter(|e| e.state() == FollowupState::Suggested)
            .count();
        self.followups.answered = self
            .followups
            .entries
            .iter()
            .filter(|e| e.year.is_none() && e.state() == FollowupState::Answered)
            .map(|e| (e.followup(&self.archive).id.clone(), e.assessment))
            .collect();
        self.attention = self.needing_attention();
        self.filter_followups(keep);
    }

    /// Which entries the filter shows; cheap, so a filter key never works out states again.
    fn filter_followups(&mut self, keep: Option<(Home, Option<i32>)>) {
        let view = &mut self.followups;
        view.rows = (0..view.entries.len())
            .filter(|&i| view.filter.matches(&view.entries[i], &self.archive))
            .collect();
        if let Some(keep) = keep
            && let Some(pos) = view
                .rows
                .iter()
                .position(|&i| (view.entries[i].home, view.entries[i].year) == keep)
        {
            view.cursor.pos = pos;
        }
        view.cursor.pos = view.cursor.pos.min(view.rows.len().saturating_sub(1));
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        let view = &self.followups;
        view.rows
            .get(view.cursor.pos)
            .and_then(|&i| view.entries.get(i))
    }

    fn followups_page(&self) -> usize {
        (areas(self.main_area()).list.height as usize / ROW_HEIGHT).max(1)
    }

    pub(super) fn settle_followups(&mut self) {
        let page = self.followups_page();
        let view = &mut self.followups;
        let len = view.rows.len();
        view.cursor.pos = view.cursor.pos.min(len.saturating_sub(1));
        view.cursor.scroll = visible_start(view.cursor.pos, view.cursor.scroll, page, len);
    }

    /// Shows a follow-up on the Opfølgning screen (from the overview).
    pub(super) fn show_followup(&mut self, id: &str, year: Option<i32>) {
        self.switch(Screen::Followups);
        self.followups.filter = EntryFilter::default();
        self.refilter_followups();
        let view = &mut self.followups;
        let found = view.rows.iter().position(|&i| {
            let e = &view.entries[i];
            e.year == year && e.followup(&self.archive).id == id
        });
        if let Some(pos) = found {
            view.cursor.pos = pos;
        }
    }

    pub(super) fn act_in_followups(&mut self, action: Action) {
        let page = self.followups_page();
        let last = self.followups.rows.len().saturating_sub(1);
        let pos = self.followups.cursor.pos;
        let cursor = &mut self.followups.cursor;
        match action {
            Action::Up => cursor.pos = pos.saturating_sub(1),
            Action::Down => cursor.pos = (pos + 1).min(last),
            Action::Top => cursor.pos = 0,
            Action::Bottom => cursor.pos = last,
            Action::PageUp => cursor.pos = pos.saturating_sub(page),
            Action::PageDown => cursor.pos = (pos + page).min(last),
            Action::Open => self.open_followup_origin(),
            Action::CycleState => {
                let next = cycle(&StateFilter::ALL, Some(&self.followups.filter.state));
                self.followups.filter.state = next.unwrap_or_default();
                self.refilter_followups();
            }
            Action::CycleOwner => {
                let owners = self.followups.owners.clone();
                let filter = &mut self.followups.filter;
                filter.owner = cycle(&owners, filter.owner.as_ref());
                self.refilter_followups();
            }
            Action::CycleBody => {
                let bodies: Vec<BodyId> = self
                    .archive
                    .forum
                    .bodies
                    .iter()
                    .map(|b| b.id.clone())
                    .collect();
                let filter = &mut self.followups.filter;
                filter.body = cycle(&bodies, filter.body.as_ref());
                self.refilter_followups();
            }
            Action::ClearFilters => {
                self.followups.filter = EntryFilter::default();
                self.refilter_followups();
            }
            Action::FollowupDone
            | Action::FollowupCancel
            | Action::LogRun
            | Action::MoveDue
            | Action::EditOwner
            | Action::PutOnAgenda
            | Action::AcceptSuggestion
            | Action::DiscardSuggestion => self.followup_action(action),
            _ => {}
        }
    }

    fn refilter_followups(&mut self) {
        self.followups.cursor = Cursor::default();
        self.filter_followups(None);
    }

    /// Enter: the decision the follow-up came from.
    fn open_followup_origin(&mut self) {
        let Some(entry) = self.selected_entry() else {
            return;
        };
        let f = entry.followup(&self.archive);
        match (&f.origin, &f.source) {
            (Some(origin), _) => {
                let origin = origin.clone();
                self.follow(Some(Target::Item(origin)));
            }
            (None, source) => {
                let text = format!(
                    "{}{}",
                    followup_ui(self.lang).from_plan,
                    source.as_ref().map_or(String::new(), |s| format!(": {s}"))
                );
                self.message = Some(Message::Info(crate::text::sanitize(&text).into_owned()));
            }
        }
    }

    pub(super) fn click_followups(&mut self, at: Position) {
        let list = areas(self.main_area()).list;
        if !list.contains(at) {
            return;
        }
        let row = self.followups.cursor.scroll + (at.y - list.y) as usize / ROW_HEIGHT;
        if row >= self.followups.rows.len() {
            return;
        }
        if row == self.followups.cursor.pos {
            self.act(Action::Open);
        } else {
            self.followups.cursor.pos = row;
        }
    }

    // --- Actions ------------------------------------------------------------------------

    fn followup_action(&mut self, action: Action) {
        let fui = followup_ui(self.lang);
        if self.store.is_read_only() {
            self.message = Some(Message::Error(self.eui().read_only.to_owned()));
            return;
        }
        let Some(entry) = self.selected_entry().cloned() else {
            return;
        };
        let f = entry.followup(&self.archive).clone();
        let Some(rel) = entry.home.file(&self.archive).map(PathBuf::from) else {
            return;
        };
        let target = FollowupTarget {
            id: f.id.clone(),
            year: entry.year,
            rel,
        };
        let closed = matches!(
            entry.state(),
            FollowupState::Done | FollowupState::Cancelled
        );
        if closed {
            self.message = Some(Message::Info(fui.already_closed.to_owned()));
            return;
        }
        let answer = matches!(action, Action::AcceptSuggestion | Action::DiscardSuggestion);
        if f.suggested != answer {
            let why = if f.suggested {
                fui.is_suggestion
            } else {
                fui.not_suggestion
            };
            self.message = Some(Message::Info(why.to_owned()));
            return;
        }
        match action {
            Action::AcceptSuggestion => {
                self.save(&target.rel.clone(), fui.c_accept, |doc| {
                    accept_suggestion(doc, &target.id)
                });
            }
            Action::DiscardSuggestion => {
                self.save(&target.rel.clone(), fui.c_discard, |doc| {
                    discard_suggestion(doc, &target.id)
                });
            }
            Action::FollowupDone => {
                let text = entry.on_agenda.as_ref().map_or_else(
                    || self.today.format("%Y-%m-%d").to_string(),
                    ToString::to_string,
                );
                self.ask(Prompt::FollowupClose { target }, fui.prompt_done, &text);
            }
            Action::FollowupCancel => {
                self.ask(Prompt::FollowupCancel { target }, fui.prompt_cancel, "")
            }
            Action::LogRun => {
                if !matches!(f.due, Due::Count { .. }) || entry.year.is_some() {
                    self.message = Some(Message::Info(fui.not_count.to_owned()));
                    return;
                }
                let text = format!("{} ", self.today.format("%Y-%m-%d"));
                self.ask(Prompt::FollowupRun { target }, fui.prompt_run, &text);
            }
            Action::MoveDue => match entry.year {
                Some(year) => {
                    let text = entry
                        .assessment
                        .due_by
                        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
                    self.ask(
                        Prompt::NewDue { target },
                        format!("{} {year}", fui.prompt_new_date),
                        &text,
                    );
                }
                None => {
                    let text = due_as_typed(&f.due);
                    self.ask(Prompt::NewDue { target }, fui.prompt_new_due, &text);
                }
            },
            Action::PutOnAgenda => self.ask_agenda(entry, target),
            Action::EditOwner => {
                let owner = f.owner.clone().unwrap_or_default();
                self.ask(Prompt::FollowupOwner { target }, fui.prompt_owner, &owner);
            }
            _ => {}
        }
    }

    /// Text typed into one of the follow-up prompts.
    pub(super) fn submit_followup(&mut self, prompt: Prompt, text: &str) {
        let fui = followup_ui(self.lang);
        let text = text.trim();
        match prompt {
            Prompt::FollowupClose { target } => {
                let Some((by, on)) = self.read_closing(text) else {
                    return;
                };
                let closing = Closing {
                    status: FollowupStatus::Done,
                    on,
                    by,
                    reason: String::new(),
                };
                self.save(&target.rel.clone(), fui.c_done, |doc| {
                    close(doc, &target.id, target.year, &closing)
                });
            }
            Prompt::FollowupCancel { target } => {
                if text.is_empty() {
                    return;
                }
                let closing = Closing {
                    status: FollowupStatus::Cancelled,
                    on: self.today,
                    by: None,
                    reason: text.to_owned(),
                };
                self.save(&target.rel.clone(), fui.c_cancel, |doc| {
                    close(doc, &target.id, target.year, &closing)
                });
            }
            Prompt::FollowupRun { target } => {
                let (date, note) = match typed_date::read_leading(text) {
                    Ok(read) => read,
                    // A date that does not exist says why; anything else, what to write.
                    Err(e @ (DateError::NoSuchDay { .. } | DateError::NoSuchMonth(_))) => {
                        self.message = Some(Message::Error(e.message(self.lang)));
                        return;
                    }
                    Err(DateError::Unreadable(_)) => {
                        self.message = Some(Message::Error(fui.bad_run.to_owned()));
                        return;
                    }
                };
                if self.save(&target.rel.clone(), fui.c_run, |doc| {
                    log_run(doc, &target.id, date, &note)
                }) && self
                    .selected_entry()
                    .is_some_and(|e| e.state() == FollowupState::Triggered)
                {
                    self.message = Some(Message::Info(fui.count_reached.to_owned()));
                }
            }
            Prompt::NewDue { target } => {
                let valid = match target.year {
                    Some(_) => typed_date::read(text).map(drop),
                    None if parse_due(text).is_some() && !text.is_empty() => Ok(()),
                    // A date that does not exist ("30/2-2018") says why, as in the others.
                    None => typed_date::read(text).map(drop),
                };
                if let Err(e) = valid {
                    let why = match (target.year, &e) {
                        (_, DateError::NoSuchDay { .. } | DateError::NoSuchMonth(_)) => {
                            e.message(self.lang)
                        }
                        (Some(_), _) => fui.bad_date.to_owned(),
                        (None, _) => self.eui().bad_due.to_owned(),
                    };
                    self.message = Some(Message::Error(why));
                    return;
                }
                self.ask(
                    Prompt::DueReason {
                        target,
                        due: text.to_owned(),
                    },
                    fui.prompt_reason,
                    "",
                );
            }
            Prompt::FollowupOwner { target } => {
                self.save(&target.rel.clone(), fui.c_owner, |doc| {
                    set_owner(doc, &target.id, text)
                });
            }
            Prompt::DueReason { target, due } => {
                if text.is_empty() {
                    return;
                }
                let today = self.today;
                self.save(&target.rel.clone(), fui.c_due, |doc| match target.year {
                    Some(year) => {
                        let date = typed_date::read(&due).map_err(|e| e.said())?;
                        move_instance(doc, &target.id, year, date, text)
                    }
                    None => {
                        let due = parse_due(&due).ok_or_else(
                            || crate::said!("fristen kan ikke læses"; "the due cannot be read"),
                        )?;
                        reschedule(doc, &target.id, due, text, today)
                    }
                });
            }
            _ => {}
        }
    }

    /// "2018-02-09-sdf#4" (an item of the archive) or "2018-02-09": what closed a follow-up
    /// and on which day.
    fn read_closing(&mut self, text: &str) -> Option<(Option<ItemRef>, NaiveDate)> {
        let fui = followup_ui(self.lang);
        match typed_date::read(text) {
            Ok(date) => return Some((None, date)),
            Err(e @ (DateError::NoSuchDay { .. } | DateError::NoSuchMonth(_))) => {
                self.message = Some(Message::Error(e.message(self.lang)));
                return None;
            }
            Err(DateError::Unreadable(_)) => {}
        }
        let Ok(r) = text.parse::<ItemRef>() else {
            self.message = Some(Message::Error(fui.bad_closing.to_owned()));
            return None;
        };
        let exists = self
            .archive
            .meeting(&r.meeting)
            .is_some_and(|m| r.item.as_ref().is_none_or(|n| m.item(n).is_some()));
        if !exists {
            self.message = Some(Message::Error(format!("{}: {r}", fui.unknown_item)));
            return None;
        }
        let on = self.meeting_date(&r.meeting).unwrap_or(r.meeting.date);
        Some((Some(r), on))
    }

    // --- Put on the agenda --------------------------------------------------------------

    fn ask_agenda(&mut self, entry: Entry, target: FollowupTarget) {
        let fui = followup_ui(self.lang);
        if let Some(on) = &entry.on_agenda
            && self.meeting_date(&on.meeting).unwrap_or(on.meeting.date) >= self.today
        {
            self.message = Some(Message::Info(format!(
                "{}: {}",
                fui.already_on_agenda,
                self.lang.item_phrase(&self.archive.forum, on)
            )));
            return;
        }
        let f = entry.followup(&self.archive);
        let (candidates, proposed) =
            agenda_candidates(&self.archive, &self.schedule, f, self.today, AGENDA_CHOICES);
        if candidates.is_empty() {
            let body = crate::followup::reporting_body(f)
                .map_or_else(String::new, |b| self.archive.forum.body_name(b));
            self.message = Some(Message::Error(format!("{} {body}", fui.no_meeting_ahead)));
            return;
        }
        self.overlay = Some(Overlay::Agenda(Box::new(AgendaPick {
            target,
            what: f.what.clone(),
            candidates,
            proposed,
            pos: proposed,
        })));
    }

    /// Keys of the agenda window; returns whether it was open.
    pub(super) fn agenda_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::Agenda(pick)) = &mut self.overlay else {
            return false;
        };
        let last = pick.candidates.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => pick.pos = (pick.pos + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => pick.pos = pick.pos.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(Overlay::Agenda(pick)) = self.overlay.take()
                    && let Some(c) = pick.candidates.get(pick.pos)
                {
                    self.put_on_agenda(&pick.target, &c.meeting);
                }
            }
            _ => {}
        }
        true
    }

    /// Adds an item answering the follow-up to the meeting's agenda; a planned meeting
    /// without a file is created from the year plan with the item in it.
    fn put_on_agenda(&mut self, target: &FollowupTarget, meeting: &Scheduled) {
        let fui = followup_ui(self.lang);
        let Some(f) = self
            .archive
            .followups()
            .find(|f| f.id == target.id)
            .cloned()
        else {
            return;
        };
        let saved = if let Some(m) = self.archive.meeting(&meeting.id) {
            let rel = m.file.clone();
            let mut number = 0;
            let ok = self.save(&rel, fui.c_agenda, |doc| {
                number = add_answering_item(doc, &f.what, &f.id, f.origin.as_ref())?;
                Ok(())
            });
            ok.then(|| ItemRef {
                meeting: meeting.id.clone(),
                item: u32::try_from(number).ok().map(ItemNo::from),
            })
        } else {
            let draft = new_meeting::draft(
                &self.archive,
                &self.schedule,
                &meeting.id.body,
                meeting.id.date,
                &[&f],
            );
            match draft {
                Ok(draft) => match self.store.create(&draft.rel, fui.c_agenda, &draft.text) {
                    Ok(()) => {
                        self.after_save(&draft.rel);
                        let number = self.archive.meeting(&draft.id).and_then(|m| {
                            m.items
                                .iter()
                                .find(|i| i.answers.contains(&f.id))
                                .map(|i| i.number.clone())
                        });
                        Some(ItemRef {
                            meeting: draft.id,
                            item: number,
                        })
                    }
                    Err(e) => {
                        self.report(e);
                        None
                    }
                },
                Err(e) => {
                    self.message = Some(Message::Error(format!(
                        "{}: {}",
                        self.eui().not_saved,
                        e.get(self.lang)
                    )));
                    None
                }
            }
        };
        if let Some(r) = saved {
            self.message = Some(Message::Info(format!(
                "{}: {}",
                fui.put_on,
                self.lang.item_phrase(&self.archive.forum, &r)
            )));
        }
    }
}

/// A due as the user would type it again: the inverse of [`parse_due`] where there is one.
fn due_as_typed(due: &Due) -> String {
    match due {
        Due::Date(d) => d.format("%Y-%m-%d").to_string(),
        Due::Meeting(m) => m.to_string(),
        Due::Period(p) => p.to_string(),
        Due::Relative { from, offset } => offset
            .add_to(*from)
            .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
        _ => String::new(),
    }
}
