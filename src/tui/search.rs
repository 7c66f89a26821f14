//! The search window: its state, its keys, and opening and stepping through hits. The
//! searching itself runs in [`super::search_worker`], so typing never waits for it.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Message};
use super::doc::visible_start;
use super::layout::Pane;
use super::widgets::textarea::{Edit, TextArea};
use crate::search::{Hit, Query};

pub use super::search_worker::{Results, Searcher};

/// The search window.
#[derive(Debug, Clone)]
pub struct SearchPanel {
    pub input: TextArea,
    /// The generation of the query typed last.
    pub generation: u64,
    pub results: Results,
    /// Index into the hits.
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

impl SearchPanel {
    pub fn new(text: &str) -> SearchPanel {
        SearchPanel {
            input: TextArea::new(text, false),
            generation: 0,
            results: Results::default(),
            selected: 0,
            scroll: 0,
        }
    }

    /// Whether results for the text as typed are still to come.
    pub fn pending(&self) -> bool {
        self.results.generation < self.generation
    }
}

/// A row of the results: a meeting's heading, or a hit (two lines: title and snippet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultRow {
    Meeting(usize),
    Hit(usize),
    Snippet(usize),
}

/// The rows of the results, grouped by meeting (hits come newest meeting first).
pub fn result_rows(hits: &[Hit]) -> Vec<ResultRow> {
    let mut rows = Vec::with_capacity(hits.len() * 2 + 8);
    for (i, hit) in hits.iter().enumerate() {
        if i == 0 || hits[i - 1].meeting != hit.meeting {
            rows.push(ResultRow::Meeting(i));
        }
        rows.push(ResultRow::Hit(i));
        rows.push(ResultRow::Snippet(i));
    }
    rows
}

/// The hits being stepped through with n/N after one was opened.
#[derive(Debug, Clone)]
pub struct Trail {
    pub query: Query,
    pub hits: Vec<Hit>,
    pub pos: usize,
    /// The length of the way back (Esc) under the hits: what was open when the search
    /// started, e.g. the meeting being held, is returned to from any hit.
    pub depth: usize,
}

/// How long tests wait for the worker at most (it answers in milliseconds).
const WAIT_LIMIT: Duration = Duration::from_secs(30);

impl App {
    /// Opens the search window, with the last query and its hits when there was one.
    pub(super) fn open_search(&mut self) {
        self.overlay = None;
        let mut panel = self
            .last_search
            .take()
            .unwrap_or_else(|| SearchPanel::new(""));
        if !panel.input.is_empty() {
            // The archive may have changed since.
            panel.generation = self.searcher.submit(&panel.input.text());
        }
        self.search = Some(panel);
    }

    fn close_search(&mut self) {
        self.last_search = self.search.take();
    }

    /// A key while the search window is open: typing goes to the query, arrows choose a
    /// hit, Enter opens it, Esc closes the window.
    pub(super) fn search_key(&mut self, key: &KeyEvent) {
        let Some(panel) = &mut self.search else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = panel.results.hits.len();
        // A page of hits: each takes two rows.
        let page = super::views::search::results_height(self.size) / 2;
        let selected = panel.selected;
        panel.selected = match key.code {
            KeyCode::Up => selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => selected.saturating_sub(1),
            KeyCode::Down => (selected + 1).min(count.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => (selected + 1).min(count.saturating_sub(1)),
            KeyCode::PageUp => selected.saturating_sub(page.max(1)),
            KeyCode::PageDown => (selected + page.max(1)).min(count.saturating_sub(1)),
            _ => {
                let before = panel.input.text();
                match panel.input.handle(key) {
                    Edit::Cancel => self.close_search(),
                    Edit::Submit => self.open_selected_hit(),
                    Edit::Changed if panel.input.text() != before => {
                        panel.generation = self.searcher.submit(&panel.input.text());
                    }
                    _ => {}
                }
                return;
            }
        };
        self.settle_search();
    }

    /// The wheel moves through the hits; clicks are kept from the screen below the window.
    pub(super) fn search_mouse(&mut self, mouse: &crossterm::event::MouseEvent) -> bool {
        use crossterm::event::MouseEventKind;
        let code = match mouse.kind {
            MouseEventKind::ScrollDown => KeyCode::Down,
            MouseEventKind::ScrollUp => KeyCode::Up,
            _ => return false,
        };
        self.search_key(&KeyEvent::new(code, KeyModifiers::NONE));
        true
    }

    /// Pasted text goes into the query whole.
    pub(super) fn paste_into_search(&mut self, text: &str) -> bool {
        let Some(panel) = &mut self.search else {
            return false;
        };
        panel.input.paste(text);
        panel.generation = self.searcher.submit(&panel.input.text());
        true
    }

    /// Takes in results that have arrived; returns whether the screen must be redrawn.
    pub fn poll_search(&mut self) -> bool {
        let needs = self.searcher.take_needs();
        if !needs.is_empty() {
            for id in &needs {
                if let Some(m) = self.archive.meeting(id) {
                    self.searcher.update(m);
                }
            }
            // What was asked before they were in is asked again.
            if let Some(panel) = &mut self.search {
                panel.generation = self.searcher.submit(&panel.input.text());
            }
        }
        // The palette's ranking, when it has a thread of its own.
        let ranked = self
            .palette
            .as_mut()
            .is_some_and(super::palette::Palette::poll);
        let Some(results) = self.searcher.poll() else {
            return ranked;
        };
        self.take_results(results) || ranked
    }

    /// Whether a search is under way (the event loop then also watches for its results).
    pub fn search_pending(&self) -> bool {
        self.search.as_ref().is_some_and(SearchPanel::pending)
            || self
                .palette
                .as_ref()
                .is_some_and(super::palette::Palette::pending)
    }

    /// Lets the work the first frame need not wait for begin (the search index).
    pub fn begin_background(&self) {
        self.searcher.begin();
    }

    /// Waits until the results for the query as typed are in (tests drive the app without
    /// an event loop).
    pub fn wait_for_search(&mut self) {
        if let Some(palette) = &mut self.palette {
            palette.wait(WAIT_LIMIT);
        }
        if !self.search.as_ref().is_some_and(SearchPanel::pending) {
            return;
        }
        if let Some(results) = self.searcher.wait(WAIT_LIMIT) {
            self.take_results(results);
        }
    }

    /// How many hits the open search window shows (`None` when it is closed).
    pub fn search_hit_count(&self) -> Option<usize> {
        self.search.as_ref().map(|panel| panel.results.hits.len())
    }

    fn take_results(&mut self, results: Results) -> bool {
        let Some(panel) = &mut self.search else {
            return false;
        };
        if results.generation <= panel.results.generation {
            return false;
        }
        panel.results = results;
        panel.selected = 0;
        panel.scroll = 0;
        self.settle_search();
        true
    }

    /// Keeps the chosen hit in view.
    pub(super) fn settle_search(&mut self) {
        let height = super::views::search::results_height(self.size);
        let Some(panel) = &mut self.search else {
            return;
        };
        let rows = result_rows(&panel.results.hits);
        panel.scroll = match rows
            .iter()
            .position(|r| *r == ResultRow::Hit(panel.selected))
        {
            Some(at) => {
                // The hit's meeting heading stays in view with it when there is room.
                let first = if at > 0 && matches!(rows[at - 1], ResultRow::Meeting(_)) {
                    at - 1
                } else {
                    at
                };
                visible_start(at + 1, panel.scroll, height, rows.len()).min(first)
            }
            None => 0,
        };
        // The snippets on screen are cut from the hits' texts, which a start leaves in
        // the files: the meetings in view have theirs read (once each).
        let mut shown: Vec<crate::model::MeetingId> = rows
            .iter()
            .skip(panel.scroll)
            .take(height)
            .filter_map(|r| match r {
                ResultRow::Hit(i) | ResultRow::Snippet(i) => {
                    panel.results.hits.get(*i).map(|h| h.meeting.clone())
                }
                _ => None,
            })
            .collect();
        shown.dedup();
        for id in shown {
            if let Some(index) = self.archive.position(&id) {
                self.archive.hold_texts(index);
            }
        }
    }

    fn open_selected_hit(&mut self) {
        let Some(panel) = &self.search else { return };
        let results = &panel.results;
        if results.hits.is_empty() {
            return;
        }
        let mut trail = Trail {
            query: results.query.clone(),
            hits: results.hits.clone(),
            pos: panel.selected.min(results.hits.len() - 1),
            depth: 0,
        };
        self.close_search();
        // Searching from a meeting (say, the one being held): Esc from the hits goes back to it.
        match (self.trail.take(), self.meeting.take()) {
            (Some(previous), _) => self.history.truncate(previous.depth),
            (None, Some(current)) => self.history.push(current),
            (None, None) => {}
        }
        trail.depth = self.history.len();
        self.trail = Some(trail);
        self.show_hit();
    }

    /// n/N: the next or previous hit.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(trail) = &mut self.trail else { return };
        let ui = super::labels::ui(self.lang);
        if forward && trail.pos + 1 < trail.hits.len() {
            trail.pos += 1;
        } else if !forward && trail.pos > 0 {
            trail.pos -= 1;
        } else {
            let text = if forward { ui.last_hit } else { ui.first_hit };
            self.message = Some(Message::Info(text.to_owned()));
            return;
        }
        self.show_hit();
    }

    /// Opens the trail's current hit, with the item pane on the first line that matches.
    fn show_hit(&mut self) {
        let Some(trail) = &self.trail else { return };
        let hit = trail.hits[trail.pos].clone();
        let (pos, count) = (trail.pos + 1, trail.hits.len());
        // Stepping through hits does not stack up the way back.
        let depth = trail.depth;
        self.meeting = None;
        self.history.truncate(depth);
        if !self.open_meeting(&hit.meeting, hit.item.clone()) {
            self.trail = None;
            self.jump(&hit.meeting, hit.item);
            return;
        }
        let query = self
            .trail
            .as_ref()
            .map(|t| t.query.clone())
            .unwrap_or_default();
        let doc = self.detail_doc();
        let line = doc.lines.iter().position(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::search::highlight::match_iter(&text, &query)
                .next()
                .is_some()
        });
        if let Some(v) = &mut self.meeting {
            if hit.item.is_none() {
                v.focus = Pane::Items;
            }
            v.detail.pos = line.unwrap_or(0);
        }
        let ui = super::labels::ui(self.lang);
        self.message = Some(Message::Info(format!("{} {pos}/{count}", ui.hit_of)));
        self.settle();
    }
}
