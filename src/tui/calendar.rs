//! The Kalender screen's state and keys: a day cursor moved by day, week, month and year;
//! the day's window; and the changes to the plan: move a meeting (its file follows), add
//! or remove a meeting, seminar or theme day, and propose next year's plan.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{Datelike, Days, Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Position;

use super::app::{App, Message, Overlay, Screen};
use super::calendar_labels::calendar_ui;
use super::editing::{Confirm, Prompt};
use super::keymap::Action;
use crate::calendar::Scheduled;
use crate::calendar::holidays::HolidayKind;
use crate::calendar::propose::{busy_days, has_rules, propose};
use crate::calendar::year::{YearOverview, overview};
use crate::edit::calendar::{
    NewEvent, add_event, add_meeting, move_files, new_plan_text, proposed_plan_text, remove_event,
    remove_meeting,
};
use crate::model::{BodyId, CalendarEvent, EventKind, MeetingId};
use crate::text::one_line;

/// What the year grid shows on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayMarks {
    /// The bodies meeting that day, in the forum's order.
    pub bodies: Vec<BodyId>,
    pub event: bool,
    pub holiday: Option<HolidayKind>,
    pub due: bool,
    pub external: bool,
    /// A check found something about a meeting that day.
    pub finding: bool,
}

#[derive(Debug, Clone)]
pub struct CalendarView {
    pub cursor: NaiveDate,
    /// The cursor's year, worked out once per change, while the screen is shown; when it
    /// is not, a change only marks it out of date, and showing the screen works it out (at
    /// 10,000 meetings it is tens of milliseconds of the first frame, and of every save).
    pub year: YearOverview,
    pub marks: HashMap<NaiveDate, DayMarks>,
    year_stale: bool,
    /// The meeting being moved: the cursor picks its new day.
    pub moving: Option<MeetingId>,
}

impl CalendarView {
    pub fn new(today: NaiveDate) -> CalendarView {
        CalendarView {
            cursor: today,
            year: YearOverview {
                year: today.year(),
                meetings: Vec::new(),
                pairs: Vec::new(),
                events: Vec::new(),
                external: Vec::new(),
                moves: Vec::new(),
                dues: Vec::new(),
                holidays: Vec::new(),
                findings: Vec::new(),
            },
            marks: HashMap::new(),
            year_stale: true,
            moving: None,
        }
    }
}

/// One line of the day's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayEntry {
    Meeting(Scheduled),
    Event(CalendarEvent),
    /// Something to know about the day, not to act on: a holiday, a deadline, a finding.
    Note(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayWindow {
    pub date: NaiveDate,
    pub entries: Vec<DayEntry>,
    pub pos: usize,
}

/// What a removal takes out of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanThing {
    Meeting(MeetingId),
    Event { id: String, year: i32 },
}

/// What a plan-entry form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEntry {
    Meeting(crate::model::MeetingId),
    Event(String),
}

fn plan_rel(year: i32) -> PathBuf {
    PathBuf::from(format!("calendar/{year}.toml"))
}

impl App {
    /// Works out the cursor's year again: after a change, or when the cursor leaves the year.
    pub(super) fn rebuild_calendar(&mut self) {
        if self.screen != Screen::Calendar {
            self.calendar.year_stale = true;
            return;
        }
        self.calendar.year_stale = false;
        let year = self.calendar.cursor.year();
        let y = overview(&self.archive, &self.schedule, year, self.today);
        let mut marks: HashMap<NaiveDate, DayMarks> = HashMap::new();
        for m in &y.meetings {
            marks
                .entry(m.date)
                .or_default()
                .bodies
                .push(m.id.body.clone());
        }
        for e in &y.events {
            let mut d = e.start_date;
            while d <= e.end_date {
                marks.entry(d).or_default().event = true;
                d = d + Days::new(1);
            }
        }
        for h in &y.holidays {
            marks.entry(h.date).or_default().holiday = Some(h.kind);
        }
        for d in &y.dues {
            marks.entry(d.date).or_default().due = true;
        }
        for x in &y.external {
            marks.entry(x.date).or_default().external = true;
        }
        for f in &y.findings {
            marks.entry(f.date).or_default().finding = true;
        }
        self.calendar.year = y;
        self.calendar.marks = marks;
    }

    /// Brings the year up to date for the screen about to be shown.
    pub(super) fn calendar_shown(&mut self) {
        if self.calendar.year_stale {
            self.rebuild_calendar();
        }
    }

    fn set_cursor(&mut self, day: NaiveDate) {
        let year_changed = day.year() != self.calendar.cursor.year();
        self.calendar.cursor = day;
        if year_changed {
            self.rebuild_calendar();
        }
    }

    pub(super) fn act_in_calendar(&mut self, action: Action) {
        let c = self.calendar.cursor;
        let months = |n: i32| {
            if n < 0 {
                c.checked_sub_months(Months::new(n.unsigned_abs()))
            } else {
                c.checked_add_months(Months::new(n as u32))
            }
        };
        let to = match action {
            Action::DayBack => c.pred_opt(),
            Action::DayForward => c.succ_opt(),
            Action::Up => c.checked_sub_days(Days::new(7)),
            Action::Down => c.checked_add_days(Days::new(7)),
            Action::MonthBack | Action::PageUp => months(-1),
            Action::MonthForward | Action::PageDown => months(1),
            Action::YearBack => months(-12),
            Action::YearForward => months(12),
            Action::Top => NaiveDate::from_ymd_opt(c.year(), 1, 1),
            Action::Bottom => NaiveDate::from_ymd_opt(c.year(), 12, 31),
            Action::GoToday => Some(self.today),
            // The schedule is in date order.
            Action::MeetingForward => self
                .schedule
                .get(self.schedule.partition_point(|s| s.date <= c))
                .map(|s| s.date),
            Action::MeetingBack => self
                .schedule
                .partition_point(|s| s.date < c)
                .checked_sub(1)
                .map(|i| self.schedule[i].date),
            Action::Open if self.calendar.moving.is_some() => {
                self.drop_move();
                None
            }
            Action::Open => {
                self.open_day();
                None
            }
            Action::MoveMeeting => {
                self.start_move(None);
                None
            }
            Action::AddToPlan => {
                self.ask_add_to_plan();
                None
            }
            Action::RemoveFromPlan => {
                self.ask_remove(None);
                None
            }
            Action::ProposeYear => {
                self.propose_next_year();
                None
            }
            Action::EditPlanEntry => {
                self.ask_plan_entry();
                None
            }
            _ => None,
        };
        if let Some(day) = to {
            self.set_cursor(day);
        }
    }

    /// Esc while a meeting is being moved: the move is called off.
    pub(super) fn cancel_move(&mut self) -> bool {
        self.calendar.moving.take().is_some()
    }

    /// The meetings held on the cursor's day.
    fn meetings_on(&self, day: NaiveDate) -> Vec<Scheduled> {
        self.calendar
            .year
            .meetings
            .iter()
            .filter(|m| m.date == day)
            .cloned()
            .collect()
    }

    fn events_on(&self, day: NaiveDate) -> Vec<CalendarEvent> {
        self.calendar
            .year
            .events
            .iter()
            .filter(|e| e.start_date <= day && day <= e.end_date)
            .cloned()
            .collect()
    }

    fn day_entries(&self, day: NaiveDate) -> Vec<DayEntry> {
        let lang = self.lang;
        let y = &self.calendar.year;
        let mut out: Vec<DayEntry> = self
            .meetings_on(day)
            .into_iter()
            .map(DayEntry::Meeting)
            .collect();
        out.extend(self.events_on(day).into_iter().map(DayEntry::Event));
        for h in y.holidays.iter().filter(|h| h.date == day) {
            out.push(DayEntry::Note(h.kind.name(lang).to_owned()));
        }
        for x in y.external.iter().filter(|x| x.date == day) {
            out.push(DayEntry::Note(x.title.clone()));
        }
        for d in y.dues.iter().filter(|d| d.date == day) {
            out.push(DayEntry::Note(format!(
                "{}: {} ({})",
                crate::calendar::words::CalendarWords::of(lang).deadline,
                d.what,
                lang.followup_state(d.state)
            )));
        }
        for f in y.findings.iter().filter(|f| f.date == day) {
            out.push(DayEntry::Note(format!(
                "! {}",
                f.message(lang, &self.archive.forum)
            )));
        }
        out
    }

    fn open_day(&mut self) {
        let day = self.calendar.cursor;
        let entries = self.day_entries(day);
        self.overlay = Some(Overlay::Day(Box::new(DayWindow {
            date: day,
            entries,
            pos: 0,
        })));
    }

    /// Keys of the day's window. Returns whether the window took the key.
    pub(super) fn day_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::Day(window)) = &mut self.overlay else {
            return false;
        };
        let last = window.entries.len().saturating_sub(1);
        let selected = window.entries.get(window.pos).cloned();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => window.pos = (window.pos + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => window.pos = window.pos.saturating_sub(1),
            KeyCode::Enter => match selected {
                Some(DayEntry::Meeting(s)) if s.has_file => {
                    self.overlay = None;
                    self.open_meeting(&s.id, None);
                }
                Some(DayEntry::Meeting(s)) => {
                    // A planned meeting without a file: asked, as on Møder, then made from
                    // the plan as `n` does.
                    self.overlay = None;
                    self.ask_create_planned(s.id.body.clone(), s.date);
                }
                _ => {}
            },
            KeyCode::Char('m') => {
                if let Some(DayEntry::Meeting(s)) = selected {
                    self.overlay = None;
                    self.start_move(Some(s.id));
                }
            }
            KeyCode::Char('D') | KeyCode::Delete => match selected {
                Some(DayEntry::Meeting(s)) => {
                    self.overlay = None;
                    self.ask_remove(Some(PlanThing::Meeting(s.id)));
                }
                Some(DayEntry::Event(e)) => {
                    self.overlay = None;
                    self.ask_remove(Some(PlanThing::Event {
                        year: e.start_date.year(),
                        id: e.id,
                    }));
                }
                _ => {}
            },
            _ => {}
        }
        true
    }

    /// Clicking a day puts the cursor on it; clicking the cursor's day opens it.
    pub(super) fn click_calendar(&mut self, at: Position) {
        let area = self.main_area();
        if let Some(day) = super::views::calendar::day_at(area, self.calendar.cursor, at) {
            if day == self.calendar.cursor {
                self.act(Action::Open);
            } else {
                self.set_cursor(day);
            }
        }
    }

    /// Whether the plan can be changed here; says why not when it cannot.
    fn writable(&mut self) -> bool {
        if self.store.is_read_only() {
            self.message = Some(Message::Error(self.eui().read_only.to_owned()));
        }
        !self.store.is_read_only()
    }

    // --- Moving ---------------------------------------------------------------------------

    fn start_move(&mut self, meeting: Option<MeetingId>) {
        let cui = calendar_ui(self.lang);
        if !self.writable() {
            return;
        }
        let meeting = meeting.or_else(|| {
            self.meetings_on(self.calendar.cursor)
                .first()
                .map(|s| s.id.clone())
        });
        match meeting {
            Some(id) => {
                self.calendar.moving = Some(id);
            }
            None => self.message = Some(Message::Error(cui.nothing_to_move.to_owned())),
        }
    }

    fn drop_move(&mut self) {
        let cui = calendar_ui(self.lang);
        let Some(id) = self.calendar.moving.clone() else {
            return;
        };
        let to = self.calendar.cursor;
        let now = self.meeting_date(&id).unwrap_or(id.date);
        if to == now {
            self.message = Some(Message::Error(cui.same_day.to_owned()));
            return;
        }
        self.calendar.moving = None;
        self.ask(
            Prompt::MoveReason { meeting: id, to },
            cui.prompt_reason,
            "",
        );
    }

    pub(super) fn submit_move(&mut self, prompt: Prompt, text: &str) {
        let cui = calendar_ui(self.lang);
        match prompt {
            Prompt::MoveReason { meeting, to } => {
                // A move decided before without a date brings its own decision.
                let pending = self
                    .archive
                    .plans
                    .iter()
                    .flat_map(|p| &p.moves)
                    .find(|m| m.meeting == meeting && m.is_pending())
                    .and_then(|m| m.decided_by.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                self.ask(
                    Prompt::MoveDecidedBy {
                        meeting,
                        to,
                        reason: text.trim().to_owned(),
                    },
                    cui.prompt_decided_by,
                    &pending,
                );
            }
            Prompt::MoveDecidedBy {
                meeting,
                to,
                reason,
            } => {
                let decided_by = Some(text.trim()).filter(|t| !t.is_empty());
                let store = &mut self.store;
                let files = move_files(&self.archive, &meeting, to, &reason, decided_by, |rel| {
                    store.text(rel)
                });
                match files {
                    Ok(files) => {
                        if self.save_files(cui.c_move, files) {
                            self.set_cursor(to);
                        }
                    }
                    Err(e) => {
                        self.message = Some(Message::Error(format!(
                            "{}: {}",
                            self.eui().not_saved,
                            e.get(self.lang)
                        )))
                    }
                }
            }
            _ => {}
        }
    }

    // --- Adding and removing ------------------------------------------------------------

    /// The form of the cursor day's planned meeting, else of its seminar or theme day.
    fn ask_plan_entry(&mut self) {
        if !self.writable() {
            return;
        }
        let cui = calendar_ui(self.lang);
        let day = self.calendar.cursor;
        let planned = self.meetings_on(day).into_iter().find_map(|s| {
            self.archive.plans.iter().find_map(|p| {
                p.meetings
                    .iter()
                    .find(|m| m.id() == s.id)
                    .map(|m| (p.year, m.clone()))
            })
        });
        if let Some((year, m)) = planned {
            let form = crate::edit::details::planned_form(&m, self.lang);
            let title = format!("{} ({})", cui.prompt_plan_entry, self.lang.date(m.date));
            self.ask(
                Prompt::PlanEntry {
                    year,
                    target: PlanEntry::Meeting(m.id()),
                },
                title,
                &form,
            );
            return;
        }
        if let Some(e) = self.events_on(day).into_iter().next() {
            let year = e.start_date.year();
            let form = crate::edit::details::event_form(&e, self.lang);
            let title = format!("{} ({})", cui.prompt_plan_entry, one_line(&e.title));
            self.ask(
                Prompt::PlanEntry {
                    year,
                    target: PlanEntry::Event(e.id),
                },
                title,
                &form,
            );
            return;
        }
        self.message = Some(Message::Info(cui.nothing_to_edit.to_owned()));
    }

    pub(super) fn submit_plan_entry(&mut self, year: i32, target: PlanEntry, text: &str) {
        let cui = calendar_ui(self.lang);
        let forum = self.archive.forum.clone();
        self.save_plan(year, cui.c_plan_entry, |doc| match &target {
            PlanEntry::Meeting(id) => crate::edit::details::set_planned_form(doc, id, &forum, text),
            PlanEntry::Event(id) => crate::edit::details::set_event_form(doc, id, text),
        });
    }

    fn ask_add_to_plan(&mut self) {
        if !self.writable() {
            return;
        }
        let cui = calendar_ui(self.lang);
        let first = self
            .archive
            .forum
            .bodies
            .first()
            .map_or(String::new(), |b| b.id.to_string());
        let date = self.calendar.cursor;
        self.ask(
            Prompt::AddToPlan { date },
            format!("{} ({})", cui.prompt_add, self.lang.date(date)),
            &first,
        );
    }

    pub(super) fn submit_add_to_plan(&mut self, date: NaiveDate, text: &str) {
        let cui = calendar_ui(self.lang);
        let lang = self.archive.forum.language;
        let mut words = text.split_whitespace();
        let Some(first) = words.next().map(str::to_lowercase) else {
            return;
        };
        let rest: Vec<&str> = words.collect();
        let kind = match first.as_str() {
            "seminar" | "døgnseminar" => Some(EventKind::Seminar),
            "temadag" | "theme" | "theme-day" => Some(EventKind::ThemeDay),
            _ => None,
        };
        match kind {
            Some(kind) => {
                // A seminar is a døgnseminar: two days unless an end date comes first.
                let (end, title) = match rest
                    .first()
                    .and_then(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
                {
                    Some(end) => (end, rest[1..].join(" ")),
                    None if kind == EventKind::Seminar => (date + Days::new(1), rest.join(" ")),
                    None => (date, rest.join(" ")),
                };
                let event = NewEvent {
                    kind,
                    title,
                    start: date,
                    end,
                    body: None,
                };
                self.save_plan(date.year(), cui.c_add, |doc| {
                    add_event(doc, &event).map(|_| ())
                });
            }
            None => match first.parse::<BodyId>() {
                Ok(body) if self.archive.forum.body(&body).is_some() => {
                    self.save_plan(date.year(), cui.c_add, |doc| {
                        add_meeting(doc, &body, date, None, lang)
                    });
                }
                _ => self.message = Some(Message::Error(cui.add_format.to_owned())),
            },
        }
    }

    /// Changes the year's plan, creating it when the year has none yet.
    fn save_plan<F>(&mut self, year: i32, label: &str, change: F) -> bool
    where
        F: FnOnce(&mut toml_edit::DocumentMut) -> Result<(), crate::lang::Said>,
    {
        let rel = plan_rel(year);
        if self.archive.plan(year).is_some() || self.archive.root.join(&rel).exists() {
            return self.save(&rel, label, change);
        }
        let mut doc: toml_edit::DocumentMut = new_plan_text(year)
            .parse()
            .expect("a new plan's text parses");
        if let Err(message) = change(&mut doc) {
            self.report(crate::store::SaveError::Refused { rel, message });
            return false;
        }
        self.save_files(label, vec![(rel, Some(doc.to_string()))])
    }

    fn ask_remove(&mut self, thing: Option<PlanThing>) {
        let cui = calendar_ui(self.lang);
        if !self.writable() {
            return;
        }
        let day = self.calendar.cursor;
        let thing = thing.or_else(|| {
            let meeting = self.meetings_on(day).into_iter().next();
            match meeting {
                Some(m) => Some(PlanThing::Meeting(m.id)),
                None => self
                    .events_on(day)
                    .into_iter()
                    .next()
                    .map(|e| PlanThing::Event {
                        year: e.start_date.year(),
                        id: e.id,
                    }),
            }
        });
        let Some(thing) = thing else {
            self.message = Some(Message::Error(cui.nothing_to_remove.to_owned()));
            return;
        };
        let label = match &thing {
            PlanThing::Meeting(id) => {
                if self.archive.meeting(id).is_some() {
                    self.message = Some(Message::Error(cui.has_file.to_owned()));
                    return;
                }
                format!(
                    "{} {}",
                    self.archive.forum.body_short(&id.body),
                    self.lang
                        .long_date(self.meeting_date(id).unwrap_or(id.date))
                )
            }
            PlanThing::Event { id, .. } => self
                .archive
                .event(id)
                .map_or_else(|| id.clone(), |e| e.title.clone()),
        };
        self.overlay = Some(Overlay::Confirm(Confirm::RemoveFromPlan { thing, label }));
    }

    pub(super) fn remove_from_plan(&mut self, thing: PlanThing) {
        let cui = calendar_ui(self.lang);
        match thing {
            PlanThing::Meeting(id) => {
                let year = self
                    .archive
                    .plans
                    .iter()
                    .find(|p| p.meetings.iter().any(|m| m.id() == id))
                    .map(|p| p.year);
                match year {
                    Some(year) => {
                        self.save(&plan_rel(year), cui.c_remove, |doc| {
                            remove_meeting(doc, &id)
                        });
                    }
                    None => self.message = Some(Message::Error(cui.has_file.to_owned())),
                }
            }
            PlanThing::Event { id, year } => {
                self.save(&plan_rel(year), cui.c_remove, |doc| remove_event(doc, &id));
            }
        }
    }

    // --- Proposing ------------------------------------------------------------------------

    fn propose_next_year(&mut self) {
        let cui = calendar_ui(self.lang);
        if !self.writable() {
            return;
        }
        let year = self.calendar.cursor.year() + 1;
        let rel = plan_rel(year);
        if self.archive.plan(year).is_some() || self.archive.root.join(&rel).exists() {
            self.message = Some(Message::Error(format!("{} {year}", cui.plan_exists)));
            return;
        }
        let forum = &self.archive.forum;
        if !has_rules(forum) {
            self.message = Some(Message::Error(cui.no_rules.to_owned()));
            return;
        }
        let draft = propose(forum, year, &busy_days(&self.archive, year));
        let text = proposed_plan_text(&draft, forum.language, self.today);
        if self.save_files(cui.c_propose, vec![(rel.clone(), Some(text))]) {
            let first = draft
                .meetings
                .first()
                .map_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1), |m| Some(m.date));
            if let Some(day) = first {
                self.set_cursor(day);
            }
            self.message = Some(Message::Info(format!("{} {}", cui.proposed, rel.display())));
        }
    }
}
