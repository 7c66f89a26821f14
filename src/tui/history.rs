//! The Beslutninger screen's state and keys, and the timeline window: decision history
//! browsed in the screens. The data come from [`crate::history`].

use chrono::Datelike;
use ratatui::layout::{Position, Rect};

use super::app::{App, Message, Overlay, Screen, cycle};
use super::doc::{Cursor, visible_start};
use super::editing::Prompt;
use super::keymap::Action;
use crate::history::{
    DecisionFilter, DecisionRow, Link, TimelineEntry, YearCounts, counts_per_year, decision_rows,
    timeline,
};
use crate::model::{ItemNo, MeetingId, Outcome};

/// Rows of the decision list are this tall: a heading line and the outcomes.
pub const ROW_HEIGHT: usize = 2;
/// In the deviations view: heading, labels, three lines of recommendation and decision
/// side by side, and a blank line.
pub const DEVIATION_ROW_HEIGHT: usize = 6;
/// At most this many years in the chart (the latest).
pub const CHART_YEARS: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct DecisionsView {
    pub filter: DecisionFilter,
    pub rows: Vec<DecisionRow>,
    pub counts: Vec<YearCounts>,
    /// Years with decisions, newest first, for the year filter.
    pub years: Vec<i32>,
    /// Over rows.
    pub cursor: Cursor,
}

impl DecisionsView {
    pub fn row_height(&self) -> usize {
        if self.filter.deviations {
            DEVIATION_ROW_HEIGHT
        } else {
            ROW_HEIGHT
        }
    }

    /// Lines above the list: the filter line, the chart (one line per year and a legend)
    /// and a blank line.
    pub fn header_height(&self) -> usize {
        let chart = if self.counts.is_empty() {
            0
        } else {
            self.counts.len().min(CHART_YEARS) + 1
        };
        1 + chart + 1
    }
}

/// The timeline window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineView {
    pub meeting: MeetingId,
    pub item: ItemNo,
    pub title: String,
    pub entries: Vec<TimelineEntry>,
    pub cursor: usize,
    pub scroll: usize,
}

impl App {
    /// Works out the decision list again (after a filter changed or the archive did).
    pub(super) fn rebuild_decisions(&mut self) {
        let worked = DecisionLists::work_out(&self.archive.meetings, &self.decisions.filter);
        self.put_decisions(worked);
    }

    /// Puts in lists worked out by [`DecisionLists::work_out`] (apart, so that the start
    /// can work them out beside the follow-ups).
    pub(super) fn put_decisions(&mut self, worked: DecisionLists) {
        let view = &mut self.decisions;
        view.rows = worked.rows;
        view.counts = worked.counts;
        view.years = worked.years;
        view.cursor.pos = view.cursor.pos.min(view.rows.len().saturating_sub(1));
    }

    fn decisions_list_area(&self) -> Rect {
        let main = self.main_area();
        let header = self.decisions.header_height() as u16;
        Rect {
            y: main.y + header.min(main.height),
            height: main.height.saturating_sub(header),
            ..main
        }
    }

    /// How many rows fit in the list.
    fn decisions_page(&self) -> usize {
        (self.decisions_list_area().height as usize / self.decisions.row_height()).max(1)
    }

    pub(super) fn settle_decisions(&mut self) {
        let page = self.decisions_page();
        let view = &mut self.decisions;
        let len = view.rows.len();
        view.cursor.pos = view.cursor.pos.min(len.saturating_sub(1));
        view.cursor.scroll = visible_start(view.cursor.pos, view.cursor.scroll, page, len);
    }

    pub(super) fn act_in_decisions(&mut self, action: Action) {
        let page = self.decisions_page();
        let last = self.decisions.rows.len().saturating_sub(1);
        let pos = self.decisions.cursor.pos;
        let filter = &mut self.decisions.filter;
        match action {
            Action::Up => self.decisions.cursor.pos = pos.saturating_sub(1),
            Action::Down => self.decisions.cursor.pos = (pos + 1).min(last),
            Action::Top => self.decisions.cursor.pos = 0,
            Action::Bottom => self.decisions.cursor.pos = last,
            Action::PageUp => self.decisions.cursor.pos = pos.saturating_sub(page),
            Action::PageDown => self.decisions.cursor.pos = (pos + page).min(last),
            Action::Open => {
                if let Some(row) = self.decisions.rows.get(pos).copied() {
                    let meeting = &self.archive.meetings[row.meeting];
                    let (id, number) = (meeting.id.clone(), meeting.items[row.item].number.clone());
                    self.jump(&id, Some(number));
                }
            }
            Action::CycleBody => {
                let bodies: Vec<String> = self
                    .archive
                    .forum
                    .bodies
                    .iter()
                    .map(|b| b.id.to_string())
                    .collect();
                filter.body = cycle(&bodies, filter.body.as_ref());
                self.refilter();
            }
            Action::CycleYear => {
                let years = self.decisions.years.clone();
                let filter = &mut self.decisions.filter;
                filter.year = cycle(&years, filter.year.as_ref());
                self.refilter();
            }
            Action::CycleOutcome => {
                filter.outcome = cycle(&Outcome::ALL, filter.outcome.as_ref());
                self.refilter();
            }
            Action::ToggleDeviations => {
                filter.deviations = !filter.deviations;
                self.refilter();
            }
            Action::ClearFilters => {
                *filter = DecisionFilter::default();
                self.refilter();
            }
            Action::FilterTag => {
                let current = filter.tag.clone().unwrap_or_default();
                self.ask(Prompt::FilterTag, self.ui().tag_prompt, &current);
            }
            _ => {}
        }
    }

    pub(super) fn set_tag_filter(&mut self, text: &str) {
        let tag = text.trim();
        self.decisions.filter.tag = (!tag.is_empty()).then(|| tag.to_owned());
        self.refilter();
    }

    fn refilter(&mut self) {
        self.decisions.cursor = Cursor::default();
        self.rebuild_decisions();
    }

    pub(super) fn click_decisions(&mut self, at: Position) {
        let list = self.decisions_list_area();
        if !list.contains(at) {
            return;
        }
        let row =
            self.decisions.cursor.scroll + (at.y - list.y) as usize / self.decisions.row_height();
        if row >= self.decisions.rows.len() {
            return;
        }
        if row == self.decisions.cursor.pos {
            self.act(Action::Open);
        } else {
            self.decisions.cursor.pos = row;
        }
    }

    // --- The timeline ---------------------------------------------------------------------

    /// The item the keys are on: the open meeting's item, or the Beslutninger row.
    pub(super) fn item_in_focus(&self) -> Option<(MeetingId, ItemNo)> {
        if let Some((meeting, view)) = self.current_meeting() {
            return meeting
                .items
                .get(view.item)
                .map(|i| (meeting.id.clone(), i.number.clone()));
        }
        if self.screen == Screen::Followups {
            // The decision the follow-up came from.
            let origin = self
                .selected_entry()?
                .followup(&self.archive)
                .origin
                .clone()?;
            return Some((origin.meeting, origin.item?));
        }
        if self.screen == Screen::Decisions {
            let row = self.decisions.rows.get(self.decisions.cursor.pos)?;
            let meeting = &self.archive.meetings[row.meeting];
            return Some((meeting.id.clone(), meeting.items[row.item].number.clone()));
        }
        None
    }

    pub(super) fn open_timeline(&mut self) {
        let Some((id, number)) = self.item_in_focus() else {
            self.message = Some(Message::Info(self.ui().no_item_here.to_owned()));
            return;
        };
        let entries = timeline(&self.archive.meetings, &id, &number, |f| {
            self.assess(f).due_by
        });
        let title = self
            .archive
            .meeting(&id)
            .and_then(|m| m.item(&number))
            .map_or_else(String::new, |i| i.title.clone());
        let cursor = entries
            .iter()
            .position(|e| e.link == Link::Origin)
            .unwrap_or(0);
        self.overlay = Some(Overlay::Timeline(Box::new(TimelineView {
            meeting: id,
            item: number,
            title,
            entries,
            cursor,
            scroll: 0,
        })));
    }

    pub(super) fn act_in_timeline(&mut self, action: Action) {
        let page = self.size.1.saturating_sub(8).max(1) as usize;
        let Some(Overlay::Timeline(view)) = &mut self.overlay else {
            return;
        };
        let last = view.entries.len().saturating_sub(1);
        let pos = view.cursor;
        view.cursor = match action {
            Action::Up => pos.saturating_sub(1),
            Action::Down => (pos + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => pos.saturating_sub(page),
            Action::PageDown => (pos + page).min(last),
            _ => pos,
        };
        view.scroll = visible_start(view.cursor, view.scroll, page, view.entries.len());
        if action != Action::Open {
            return;
        }
        let Some(entry) = view.entries.get(pos).cloned() else {
            return;
        };
        self.overlay = None;
        match entry.link {
            // A follow-up leads to the decision that set it.
            Link::Followup(id) => {
                let origin = self
                    .archive
                    .meeting(&entry.meeting)
                    .and_then(|m| {
                        m.items
                            .iter()
                            .find(|i| i.followups.iter().any(|f| f.id == id))
                    })
                    .map(|i| i.number.clone());
                self.jump(&entry.meeting, origin);
            }
            _ => self.jump(&entry.meeting, entry.item),
        }
    }
}

/// What the Beslutninger screen lists, worked out from the meetings and its filter.
pub(super) struct DecisionLists {
    rows: Vec<DecisionRow>,
    counts: Vec<YearCounts>,
    years: Vec<i32>,
}

impl DecisionLists {
    pub(super) fn work_out(meetings: &[crate::model::Meeting], filter: &DecisionFilter) -> Self {
        let rows = decision_rows(meetings, filter);
        let counts = counts_per_year(meetings, &rows);
        let mut years: Vec<i32> = meetings
            .iter()
            .filter(|m| m.items.iter().any(|i| i.decision.is_some()))
            .map(|m| m.date().year())
            .collect();
        years.dedup();
        years.reverse();
        DecisionLists {
            rows,
            counts,
            years,
        }
    }
}
