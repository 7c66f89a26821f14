//! The TUI's state and how it changes: a key or mouse event becomes an [`Action`], the action
//! updates the state, and the views draw the state. Nothing here draws or reads the clock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::doc::{Cursor, Doc, Target};
use super::keymap::{Action, Keymap, Scope};
use super::labels::{Ui, ui};
use super::layout::{self, Pane};
use super::theme::Theme;
use super::views;
use crate::archive::Archive;
use crate::archive::open::{Refusal, check_openable};
use crate::calendar::{Scheduled, schedule};
use crate::followup::{Assessment, Entry, assess};
use crate::lang::Lang;
use crate::model::{BodyId, Followup, ItemKind, ItemNo, ItemRef, Meeting, MeetingId};

/// How often the screens fetch from the others in the background, when the archive is in git.
pub const FETCH_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// How the TUI starts.
pub struct Options {
    pub today: NaiveDate,
    /// The wall clock, for lock hints only (views never read it).
    pub now: fn() -> chrono::NaiveDateTime,
    /// The user's name for lock hints (config `name`; else the login name).
    pub user_name: Option<String>,
    /// `$VISUAL`/`$EDITOR`, for long texts; `None` uses the built-in editor.
    pub editor: Option<String>,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Problems with the user's settings (theme, keymap, config), shown on screen.
    pub settings_problems: Vec<crate::lang::Said>,
    /// Where the theme and keymap came from, to read them again when they change.
    pub settings: Option<super::settings::Settings>,
    /// Where exports are proposed (config `exports`); `None`: `exports/` in the archive.
    pub exports_dir: Option<PathBuf>,
    /// Every save a commit when the archive is in git (config `auto_commit`, default on).
    pub auto_commit: bool,
}

impl Options {
    /// The screens as they start without settings: the bundled keys, the wall clock, the
    /// login name in lock hints and the built-in editor. Change fields as needed.
    pub fn new(today: NaiveDate, lang: Lang, theme: Theme, keymap: Keymap) -> Options {
        Options {
            today,
            lang,
            theme,
            keymap,
            settings_problems: Vec::new(),
            settings: None,
            exports_dir: None,
            auto_commit: true,
            now: || chrono::Local::now().naive_local(),
            user_name: None,
            editor: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Meetings,
    Decisions,
    Followups,
    Calendar,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Overview,
        Screen::Meetings,
        Screen::Decisions,
        Screen::Followups,
        Screen::Calendar,
    ];

    pub fn name(self, ui: &Ui) -> &'static str {
        match self {
            Screen::Overview => ui.tab_overview,
            Screen::Meetings => ui.tab_meetings,
            Screen::Decisions => ui.tab_decisions,
            Screen::Followups => ui.tab_followups,
            Screen::Calendar => ui.tab_calendar,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Problems {
        scroll: usize,
    },
    /// A save was refused: the file changed on disk. The user chooses reload or keep a copy.
    Conflict(Box<super::editing::ConflictView>),
    /// A yes/no question.
    Confirm(super::editing::Confirm),
    /// Marking who is present in meeting mode.
    Attendance {
        cursor: usize,
    },
    /// A topic's timeline.
    Timeline(Box<super::history::TimelineView>),
    /// Choosing the meeting a follow-up is put before.
    Agenda(Box<super::followups::AgendaPick>),
    /// What is on a day of the calendar.
    Day(Box<super::calendar::DayWindow>),
    /// An item's versions in git (`H`).
    ItemHistory(Box<super::item_history::HistoryWindow>),
    /// A merge's conflicts in one file: both versions side by side.
    Merge(Box<super::merge_window::MergeWindow>),
    /// Choosing an item's kind from the list (`t`).
    KindPick {
        file_index: usize,
        cursor: usize,
    },
}

/// An open meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingView {
    /// Index into `archive.meetings`.
    pub index: usize,
    /// Index into the meeting's items.
    pub item: usize,
    pub items_scroll: usize,
    pub focus: Pane,
    pub detail: Cursor,
    /// Mødetilstand: recording decisions clause by clause.
    pub mode: bool,
    /// In meeting mode: the clause of the current item (0 when it has none).
    pub clause: usize,
}

/// A row of the Møder screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Year(i32),
    /// Index into the schedule.
    Meeting(usize),
}

#[derive(Debug, Clone)]
pub struct MeetingList {
    pub body: Option<BodyId>,
    pub rows: Vec<Row>,
    pub cursor: Cursor,
}

/// Something the main loop must do outside the state: open a file with the system's
/// opener, or let the user edit a text in their own editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Open(PathBuf),
    Edit {
        editor: String,
        text: String,
    },
    /// Open a file of the archive in the user's editor at a line (a problem found on loading).
    EditFile {
        editor: String,
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// Put text on the clipboard through the terminal (OSC 52).
    Copy(String),
    /// Ctrl-Z: give the terminal back and stop until the shell continues the app (`fg`).
    Suspend,
}

/// What came of an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EffectOutcome {
    Done,
    /// The text as the editor left it.
    Edited(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

pub struct App {
    pub archive: Archive,
    pub schedule: Vec<Scheduled>,
    /// Each meeting's date with moves applied, for follow-ups due at a meeting.
    meeting_dates: HashMap<MeetingId, NaiveDate>,
    /// The follow-ups (and years of yearly deadlines) that are overdue, triggered or due soon
    /// as of `today`, most urgent first. Worked out again after every change.
    pub attention: Vec<Entry>,
    pub today: NaiveDate,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub settings_problems: Vec<crate::lang::Said>,
    /// Where the theme and keymap came from (the real app; tests set it when they need it).
    pub(super) settings: Option<super::settings::Settings>,
    /// Where exports are proposed; `None`: `exports/` in the archive.
    pub(super) exports_dir: Option<PathBuf>,
    pub(super) auto_commit: bool,
    /// The configuration's `name`, for commits when git's config has none.
    pub(super) user_name: Option<String>,
    /// git in the background, when the archive is in git.
    pub(super) git: Option<crate::git::worker::GitWorker>,
    /// Questions to git's history and branch, when the archive is in git.
    pub(super) git_reader: Option<super::git_reader::GitReader>,
    /// How the branch stands (the status bar; Møder marks the unsynced meetings).
    pub branch: Option<super::git_reader::Branch>,
    /// When the background fetch last ran (a timer, not shown: views never read the clock).
    pub(super) last_fetch: Option<std::time::Instant>,
    /// Who last changed each decision of the meeting file last asked about.
    pub decision_changes: Option<(PathBuf, HashMap<String, super::git_reader::LastChange>)>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub overview: Cursor,
    pub list: MeetingList,
    pub meeting: Option<MeetingView>,
    /// Where Esc goes back to after following a reference.
    pub history: Vec<MeetingView>,
    pub message: Option<Message>,
    /// The terminal's size, for layout in updates.
    pub size: (u16, u16),
    pub quit: bool,
    effects: Vec<Effect>,
    /// Every write goes through here.
    pub store: crate::store::Store,
    /// Who we are in lock hints, and the files we hold a hint on.
    pub(super) holder: crate::store::lock::Holder,
    pub(super) locked: Vec<PathBuf>,
    pub(super) now: fn() -> chrono::NaiveDateTime,
    pub(super) editor: Option<String>,
    /// Text being typed, and what it is for.
    pub input: Option<super::editing::Input>,
    /// What the external editor is editing, while it runs.
    pub(super) pending_edit: Option<(super::editing::Prompt, String)>,
    /// The prompt being saved, its title and text: a refused or failed save opens it again
    /// with the text as typed.
    /// The prompt whose text is being saved: prompt, title, text, and the text it opened with.
    pub(super) submitting: Option<(super::editing::Prompt, String, String, String)>,
    /// The text of a prompt closed with its changes thrown away, offered back when the same
    /// prompt opens again; forgotten once something is saved.
    pub(super) discarded: Option<(super::editing::Prompt, String)>,
    /// Where the attendance window's cursor was when a member prompt took its place.
    pub(super) attendance_return: Option<usize>,
    /// The search worker.
    pub(super) searcher: super::search::Searcher,
    /// The search window, while open.
    pub search: Option<super::search::SearchPanel>,
    /// The search window as it was closed, to come back to.
    pub(super) last_search: Option<super::search::SearchPanel>,
    /// The archive folder's watcher, in the real app.
    pub(super) watcher: Option<super::watch::DiskWatcher>,
    /// Files changed on disk, waiting for a prompt to close before they are read.
    pub(super) disk_pending: std::collections::BTreeSet<PathBuf>,
    /// The export dialog, while open.
    pub export: Option<super::export::ExportDialog>,
    /// The command palette, while open.
    pub palette: Option<super::palette::Palette>,
    /// The hits n/N step through, after one was opened.
    pub trail: Option<super::search::Trail>,
    /// The Beslutninger screen.
    pub decisions: super::history::DecisionsView,
    /// The Opfølgning screen.
    pub followups: super::followups::FollowupsView,
    /// The Kalender screen.
    pub calendar: super::calendar::CalendarView,
    /// The item pane's document as last laid out: a long background (megabytes of text) is
    /// laid out once, not again for every key and frame.
    detail_cache: std::cell::RefCell<Option<(DetailKey, Rc<Doc>)>>,
}

/// What the item pane's document is laid out from: the same key, the same document.
#[derive(Debug, Clone, PartialEq)]
struct DetailKey {
    generation: u64,
    meeting: MeetingId,
    item: usize,
    width: usize,
    lang: Lang,
    today: NaiveDate,
    theme: Theme,
}

impl App {
    pub fn new(archive: Archive, options: Options, size: (u16, u16)) -> App {
        let store = crate::store::Store::open(&archive.root, crate::archive::check_text);
        let holder = crate::store::lock::Holder::me(options.user_name.as_deref(), (options.now)());
        let schedule = schedule(&archive);
        let meeting_dates = schedule.iter().map(|s| (s.id.clone(), s.date)).collect();
        let mut archive = archive;
        let searcher = super::search::Searcher::start_for(&mut archive);
        let mut app = App {
            archive,
            schedule,
            meeting_dates,
            attention: Vec::new(),
            today: options.today,
            lang: options.lang,
            theme: options.theme,
            keymap: options.keymap,
            settings_problems: options.settings_problems,
            settings: options.settings,
            exports_dir: options.exports_dir,
            auto_commit: options.auto_commit,
            user_name: options.user_name.clone(),
            git: None,
            git_reader: None,
            branch: None,
            decision_changes: None,
            last_fetch: None,
            screen: Screen::Overview,
            overlay: None,
            overview: Cursor::default(),
            list: MeetingList {
                body: None,
                rows: Vec::new(),
                cursor: Cursor::default(),
            },
            meeting: None,
            history: Vec::new(),
            message: None,
            size,
            quit: false,
            effects: Vec::new(),
            store,
            holder,
            locked: Vec::new(),
            now: options.now,
            editor: options.editor,
            input: None,
            pending_edit: None,
            submitting: None,
            discarded: None,
            attendance_return: None,
            searcher,
            search: None,
            last_search: None,
            palette: None,
            export: None,
            watcher: None,
            disk_pending: Default::default(),
            trail: None,
            decisions: super::history::DecisionsView::default(),
            followups: super::followups::FollowupsView::default(),
            calendar: super::calendar::CalendarView::new(options.today),
            detail_cache: std::cell::RefCell::default(),
        };
        // The decisions and the follow-ups are worked out side by side: on a municipality's
        // archive each is tens of milliseconds of the first frame.
        let (decisions, followups) = rayon::join(
            || {
                super::history::DecisionLists::work_out(
                    &app.archive.meetings,
                    &app.decisions.filter,
                )
            },
            || crate::followup::entries(&app.archive, &app.schedule, app.today),
        );
        app.put_decisions(decisions);
        app.put_followups(followups);
        app.rebuild_calendar();
        app.rebuild_rows();
        app.select_latest_held();
        let doc = app.overview_doc();
        app.overview.pos = doc.first_target().unwrap_or(0);
        let cache_notice = app.archive.cache_report.as_ref().and_then(|r| r.notice());
        if !app.settings_problems.is_empty() {
            let lang = app.lang;
            let all: Vec<&str> = app.settings_problems.iter().map(|p| p.get(lang)).collect();
            app.message = Some(Message::Error(all.join("; ")));
        } else if let Some(notice) = cache_notice {
            // Told, though nothing is lost: the files were read instead.
            app.message = Some(Message::Info(notice.get(app.lang).to_owned()));
        } else if app.store.is_read_only() {
            app.message = Some(Message::Info(
                super::edit_labels::edit_ui(app.lang).read_only.to_owned(),
            ));
        }
        app.settle();
        app
    }

    pub fn ui(&self) -> &'static Ui {
        ui(self.lang)
    }

    /// The date a meeting is held, moves applied.
    pub fn meeting_date(&self, id: &MeetingId) -> Option<NaiveDate> {
        self.meeting_dates.get(id).copied()
    }

    /// The first day of a calendar event.
    pub fn event_date(&self, id: &str) -> Option<NaiveDate> {
        self.archive.event(id).map(|e| e.start_date)
    }

    /// Where a follow-up stands as of `today`.
    pub fn assess(&self, followup: &Followup) -> Assessment {
        // One that came back at a held meeting is told by the list, which knows the items
        // that answer it.
        if let Some(a) = self.followups.answered.get(&followup.id) {
            return *a;
        }
        assess(
            followup,
            self.today,
            |id| self.meeting_date(id),
            |id| self.event_date(id),
        )
    }

    /// The entries of the follow-up list that need attention, most urgent first.
    pub(super) fn needing_attention(&self) -> Vec<Entry> {
        let mut due: Vec<Entry> = self
            .followups
            .entries
            .iter()
            .filter(|e| e.state().needs_attention())
            .cloned()
            .collect();
        // Stable: entries come sorted by due.
        due.sort_by_key(|e| e.state());
        due
    }

    pub(super) fn push_effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Works out again what depends on the meetings' dates and follow-ups.
    pub(super) fn refresh_dates(&mut self) {
        self.meeting_dates = self
            .schedule
            .iter()
            .map(|s| (s.id.clone(), s.date))
            .collect();
        self.rebuild_followups();
        self.rebuild_calendar();
    }

    /// The effects asked for since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Handles one terminal event; returns whether the screen must be redrawn.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.handle_key(key);
                true
            }
            Event::Paste(text) => self.paste(text),
            Event::Mouse(mouse) if self.search.is_some() => self.search_mouse(mouse),
            // The screen under the palette is not clicked through it.
            Event::Mouse(_) if self.palette.is_some() || self.export.is_some() => false,
            Event::Mouse(mouse) if self.input.is_none() => self.handle_mouse(mouse),
            Event::Resize(w, h) => {
                self.size = (*w, *h);
                self.settle();
                true
            }
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        // Ctrl-Z suspends from anywhere, also while typing: nothing typed is lost by it.
        if key
            .modifiers
            .contains(crossterm::event::KeyModifiers::CONTROL)
            && key.code == crossterm::event::KeyCode::Char('z')
        {
            self.push_effect(Effect::Suspend);
            return;
        }
        // "Terminal for lille": nothing to see, so no key acts but quitting (Ctrl-C asks
        // first where typed text would be lost, as everywhere).
        let (w, h) = self.size;
        if super::layout::frame(ratatui::layout::Rect::new(0, 0, w, h)).is_none() {
            let ctrl_c = super::keymap::KeySpec::from_event(key).is_ctrl_c();
            if ctrl_c && self.input.is_some() {
                self.type_key(key);
            } else if ctrl_c
                || (self.input.is_none()
                    && self.overlay.is_none()
                    && self.keymap.action(key, &[Scope::Everywhere]) == Some(Action::Quit))
            {
                self.quit = true;
            }
            return;
        }
        if self.input.is_some() {
            self.type_key(key);
            return;
        }
        if super::keymap::KeySpec::from_event(key).is_ctrl_c() {
            // Always quits, also from the search window (the keymap says the same for keys).
            self.quit = true;
            return;
        }
        if self.search.is_some() {
            self.search_key(key);
            return;
        }
        if self.palette.is_some() {
            self.palette_key(key);
            return;
        }
        if self.export.is_some() {
            self.export_key(key);
            return;
        }
        if self.dialog_key(key) {
            return;
        }
        let scopes = self.active_scopes();
        if let Some(action) = self.keymap.action(key, &scopes) {
            self.message = None;
            self.act(action);
        }
    }

    pub fn act(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                // Opened at the keys of the screen in use.
                let scope = match &self.meeting {
                    Some(v) if v.mode => Scope::MeetingMode,
                    Some(_) => Scope::Meeting,
                    None => match self.screen {
                        Screen::Decisions => Scope::Decisions,
                        Screen::Followups => Scope::Followups,
                        Screen::Calendar => Scope::Calendar,
                        _ => Scope::Everywhere,
                    },
                };
                let scroll = super::widgets::help::section_start(self, scope);
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll }),
                }
            }
            Action::Problems => {
                self.overlay = match self.overlay {
                    Some(Overlay::Problems { .. }) => None,
                    _ => Some(Overlay::Problems { scroll: 0 }),
                }
            }
            Action::Back => self.back(),
            Action::ScreenOverview => self.switch(Screen::Overview),
            Action::ScreenMeetings => self.switch(Screen::Meetings),
            Action::ScreenDecisions => self.switch(Screen::Decisions),
            Action::ScreenFollowups => self.switch(Screen::Followups),
            Action::ScreenCalendar => self.switch(Screen::Calendar),
            Action::Search => self.open_search(),
            Action::Palette => self.open_palette(),
            Action::Export => self.open_export(),
            Action::Copy => self.copy_to_clipboard(),
            Action::Sync => self.sync_git(),
            Action::Conflicts => self.open_conflicts(),
            Action::Open if matches!(self.overlay, Some(Overlay::Problems { .. })) => {
                self.edit_problem()
            }
            _ if matches!(self.overlay, Some(Overlay::Timeline(_))) => self.act_in_timeline(action),
            _ if self.overlay.is_some() => self.scroll_overlay(action),
            Action::NextHit | Action::PreviousHit => self.step_hit(action == Action::NextHit),
            Action::Timeline => self.open_timeline(),
            Action::ItemHistory => self.open_item_history(),
            Action::Undo | Action::Redo => self.undo_redo(action == Action::Undo),
            Action::NewMeeting => self.ask_new_meeting(),
            _ if action.is_edit() => self.edit_action(action),
            _ if self.meeting.as_ref().is_some_and(|v| v.mode) && self.mode_moves(action) => {}
            _ if self.meeting.is_some() => self.act_in_meeting(action),
            _ => match self.screen {
                Screen::Overview => self.act_in_overview(action),
                Screen::Meetings => self.act_in_list(action),
                Screen::Decisions => self.act_in_decisions(action),
                Screen::Followups => self.act_in_followups(action),
                Screen::Calendar => self.act_in_calendar(action),
            },
        }
        self.settle();
    }

    pub(super) fn switch(&mut self, screen: Screen) {
        self.overlay = None;
        self.trail = None;
        // A meeting being moved is put down where it was.
        self.calendar.moving = None;
        if let Some(view) = self.meeting.take() {
            self.focus_list_on(&self.archive.meetings[view.index].id.clone());
        }
        self.history.clear();
        self.screen = screen;
        if screen == Screen::Calendar {
            self.calendar_shown();
        }
    }

    fn back(&mut self) {
        if self.overlay.take().is_some() {
            return;
        }
        if self.meeting.is_none() && self.cancel_move() {
            return;
        }
        if let Some(v) = self.meeting.as_mut().filter(|v| v.mode) {
            v.mode = false;
            return;
        }
        if self
            .trail
            .as_ref()
            .is_some_and(|t| t.depth == self.history.len())
        {
            // Leaving the hits: back to where the search started.
            self.trail = None;
        }
        if let Some(previous) = self.history.pop() {
            self.meeting = Some(previous);
            return;
        }
        self.trail = None;
        if let Some(view) = self.meeting.take() {
            self.focus_list_on(&self.archive.meetings[view.index].id.clone());
        }
    }

    /// The problems panel's Enter: the problem at the top of the window, opened in $EDITOR at
    /// its line (a merge conflict in the conflict window). The file is read again when the
    /// editor ends (and by the watcher).
    fn edit_problem(&mut self) {
        let Some(Overlay::Problems { scroll }) = self.overlay else {
            return;
        };
        let Some(d) = views::problems::at_scroll(self, scroll)
            .and_then(|i| self.archive.diagnostics.get(i))
            .cloned()
        else {
            return;
        };
        if d.is_merge_conflict() {
            // Both versions side by side, resolved with a key, instead of the raw file.
            let rel = d
                .site
                .file
                .strip_prefix(&self.archive.root)
                .unwrap_or(&d.site.file)
                .to_path_buf();
            if self.open_merge_window(&rel) {
                return;
            }
        }
        let (path, line, column) = (
            d.site.file.clone(),
            d.site.line.max(1),
            d.site.column.max(1),
        );
        match &self.editor {
            Some(editor) => {
                let editor = editor.clone();
                self.push_effect(Effect::EditFile {
                    editor,
                    path,
                    line,
                    column,
                });
            }
            None => {
                let text = match self.lang {
                    Lang::Da => "Sæt $EDITOR (fx EDITOR=nano) for at rette filen herfra",
                    Lang::En => "Set $EDITOR (e.g. EDITOR=nano) to correct the file from here",
                };
                self.message = Some(Message::Error(format!("{text}: {}:{line}", path.display())));
            }
        }
    }

    fn scroll_overlay(&mut self, action: Action) {
        let page = self.size.1.saturating_sub(6) as usize;
        if let Some(Overlay::Help { scroll } | Overlay::Problems { scroll }) = &mut self.overlay {
            *scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => *scroll + 1,
                Action::PageUp => scroll.saturating_sub(page),
                Action::PageDown => *scroll + page,
                Action::Top => 0,
                Action::Bottom => usize::MAX / 2,
                _ => *scroll,
            };
        }
    }

    // --- Oversigt -------------------------------------------------------------------------

    /// The overview's width of text.
    pub(super) fn main_area(&self) -> Rect {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        layout::frame(area).map_or(Rect::default(), |f| f.main)
    }

    pub fn overview_doc(&self) -> Doc {
        views::overview::doc(self, views::overview::text_width(self.main_area()))
    }

    fn act_in_overview(&mut self, action: Action) {
        let doc = self.overview_doc();
        let page = self.main_area().height as usize;
        move_among_targets(&doc, &mut self.overview, action, page);
        if action == Action::Open {
            let target = doc.target(self.overview.pos).cloned();
            self.follow(target);
        }
    }

    // --- Møder ----------------------------------------------------------------------------

    /// Rebuilds the rows of the Møder screen after the body filter changed: years newest
    /// first, and in each year the meetings newest first.
    pub fn rebuild_rows(&mut self) {
        let mut rows = Vec::new();
        let mut year = None;
        for (i, s) in self.schedule.iter().enumerate().rev() {
            if self.list.body.as_ref().is_some_and(|b| *b != s.id.body) {
                continue;
            }
            let y = chrono::Datelike::year(&s.date);
            if year != Some(y) {
                rows.push(Row::Year(y));
                year = Some(y);
            }
            rows.push(Row::Meeting(i));
        }
        self.list.rows = rows;
    }

    /// Puts the cursor on the latest meeting held on or before today.
    fn select_latest_held(&mut self) {
        let pos = self
            .list
            .rows
            .iter()
            .position(|r| matches!(r, Row::Meeting(i) if self.schedule[*i].date <= self.today))
            .or_else(|| {
                self.list
                    .rows
                    .iter()
                    .rposition(|r| matches!(r, Row::Meeting(_)))
            });
        self.list.cursor.pos = pos.unwrap_or(0);
    }

    fn focus_list_on(&mut self, id: &MeetingId) {
        if let Some(pos) = self
            .list
            .rows
            .iter()
            .position(|r| matches!(r, Row::Meeting(i) if self.schedule[*i].id == *id))
        {
            self.list.cursor.pos = pos;
        }
    }

    fn list_height(&self) -> usize {
        self.main_area().height.saturating_sub(1) as usize
    }

    fn act_in_list(&mut self, action: Action) {
        let pos = self.list.cursor.pos;
        match action {
            Action::CycleBody => self.cycle_body(),
            Action::Open => {
                if let Some(Row::Meeting(i)) = self.list.rows.get(pos) {
                    let s = &self.schedule[*i];
                    if s.has_file {
                        let id = s.id.clone();
                        self.follow(Some(Target::Meeting(id)));
                    } else {
                        let (body, date) = (s.id.body.clone(), s.date);
                        self.ask_create_planned(body, date);
                    }
                }
            }
            _ => {
                let page = self.list_height().max(1);
                if let Some(new) = move_in_rows(&self.list.rows, pos, action, page) {
                    self.list.cursor.pos = new;
                }
            }
        }
    }

    /// The body filter goes: all bodies, each body in turn, all again. The cursor stays on
    /// its meeting when the filter keeps it.
    fn cycle_body(&mut self) {
        let bodies = &self.archive.forum.bodies;
        let current = match self.list.rows.get(self.list.cursor.pos) {
            Some(Row::Meeting(i)) => Some(self.schedule[*i].id.clone()),
            _ => None,
        };
        let ids: Vec<BodyId> = bodies.iter().map(|b| b.id.clone()).collect();
        self.list.body = cycle(&ids, self.list.body.as_ref());
        self.rebuild_rows();
        self.list.cursor = Cursor::default();
        match current.filter(|id| self.list.body.as_ref().is_none_or(|b| *b == id.body)) {
            Some(id) => self.focus_list_on(&id),
            None => self.select_latest_held(),
        }
    }

    // --- The meeting view ---------------------------------------------------------------

    pub fn open_meeting(&mut self, id: &MeetingId, item: Option<ItemNo>) -> bool {
        let Some(index) = self.archive.position(id) else {
            return false;
        };
        let meeting = &self.archive.meetings[index];
        let item_index = item
            .as_ref()
            .and_then(|n| meeting.items.iter().position(|i| &i.number == n))
            .unwrap_or(0);
        let focus = if item.is_some() {
            Pane::Detail
        } else {
            Pane::Items
        };
        if let Some(current) = self.meeting.take() {
            self.history.push(current);
        }
        self.overlay = None;
        self.meeting = Some(MeetingView {
            index,
            item: item_index,
            items_scroll: 0,
            focus,
            detail: Cursor::default(),
            mode: false,
            clause: 0,
        });
        self.check_on_open();
        true
    }

    /// Reads the open meeting's long texts from its file, where a start leaves them. One
    /// that cannot be read (its file changed since) shows a line saying so until the
    /// watcher has read the file again.
    pub(super) fn hold_open_texts(&mut self) {
        if let Some(view) = &self.meeting {
            self.archive.hold_texts(view.index);
        }
    }

    pub fn current_meeting(&self) -> Option<(&Meeting, &MeetingView)> {
        self.meeting
            .as_ref()
            .map(|v| (&self.archive.meetings[v.index], v))
    }

    fn meeting_areas(&self) -> Option<layout::MeetingAreas> {
        let view = self.meeting.as_ref()?;
        Some(layout::meeting(self.main_area(), view.focus))
    }

    /// The item pane's document at the current size.
    pub fn detail_doc(&self) -> Rc<Doc> {
        let Some((meeting, view)) = self.current_meeting() else {
            return Rc::default();
        };
        let width = self
            .meeting_areas()
            .and_then(|a| a.detail.or(a.items))
            .map_or(1, |r| layout::inner(r).width as usize);
        self.pane_doc(meeting, view, width)
    }

    /// The item pane's document in `width` columns: meeting mode's (built anew, it holds
    /// only the decisions), or the item's from the cache.
    pub fn pane_doc(&self, meeting: &Meeting, view: &MeetingView, width: usize) -> Rc<Doc> {
        if view.mode {
            Rc::new(views::meeting_mode::doc(self, meeting, view, width))
        } else {
            self.item_doc(meeting, view.item, width)
        }
    }

    /// Lays the item pane out again at the next draw (what it shows came from elsewhere).
    pub(super) fn forget_layout(&self) {
        *self.detail_cache.borrow_mut() = None;
    }

    /// Item `index` of `meeting` laid out in `width` columns, from the cache when nothing it
    /// is laid out from has changed since.
    fn item_doc(&self, meeting: &Meeting, index: usize, width: usize) -> Rc<Doc> {
        let key = DetailKey {
            generation: self.archive.generation(),
            meeting: meeting.id.clone(),
            item: index,
            width,
            lang: self.lang,
            today: self.today,
            theme: self.theme.clone(),
        };
        if let Some((cached, doc)) = self.detail_cache.borrow().as_ref()
            && *cached == key
        {
            return Rc::clone(doc);
        }
        let doc = Rc::new(views::meeting::detail_doc(self, meeting, index, width));
        *self.detail_cache.borrow_mut() = Some((key, Rc::clone(&doc)));
        doc
    }

    fn act_in_meeting(&mut self, action: Action) {
        let Some(view) = self.meeting.clone() else {
            return;
        };
        let meeting = &self.archive.meetings[view.index];
        let item_count = meeting.items.len();
        match action {
            Action::FocusNext | Action::FocusPrev => {
                if let Some(v) = &mut self.meeting {
                    v.focus = match v.focus {
                        Pane::Items => Pane::Detail,
                        Pane::Detail => Pane::Items,
                    };
                }
            }
            Action::PreviousMeeting | Action::NextMeeting => {
                let body = meeting.body().clone();
                let found = if action == Action::PreviousMeeting {
                    self.archive.meetings[..view.index]
                        .iter()
                        .rposition(|m| *m.body() == body)
                } else {
                    self.archive.meetings[view.index + 1..]
                        .iter()
                        .position(|m| *m.body() == body)
                        .map(|i| i + view.index + 1)
                };
                match found {
                    Some(index) => {
                        self.meeting = Some(MeetingView {
                            index,
                            item: 0,
                            items_scroll: 0,
                            focus: view.focus,
                            detail: Cursor::default(),
                            mode: false,
                            clause: 0,
                        });
                        self.check_on_open();
                    }
                    None => {
                        let ui = self.ui();
                        let text = if action == Action::PreviousMeeting {
                            ui.no_previous
                        } else {
                            ui.no_next
                        };
                        self.message = Some(Message::Info(text.to_owned()));
                    }
                }
            }
            _ if view.focus == Pane::Items => {
                let page = self
                    .meeting_areas()
                    .and_then(|a| a.items)
                    .map_or(1, |r| layout::inner(r).height.max(1) as usize);
                let last = item_count.saturating_sub(1);
                let item = match action {
                    Action::Up => view.item.saturating_sub(1),
                    Action::Down => (view.item + 1).min(last),
                    Action::Top => 0,
                    Action::Bottom => last,
                    Action::PageUp => view.item.saturating_sub(page),
                    Action::PageDown => (view.item + page).min(last),
                    Action::Open => {
                        self.open_item(view.item);
                        return;
                    }
                    _ => view.item,
                };
                if item != view.item
                    && let Some(v) = &mut self.meeting
                {
                    v.item = item;
                    v.detail = Cursor::default();
                }
            }
            _ => {
                let doc = self.detail_doc();
                let page = self
                    .meeting_areas()
                    .and_then(|a| a.detail)
                    .map_or(1, |r| layout::inner(r).height.max(1) as usize);
                let len = doc.len();
                let Some(v) = &mut self.meeting else { return };
                let pos = v.detail.pos;
                v.detail.pos = match action {
                    Action::Up => pos.saturating_sub(1),
                    Action::Down => (pos + 1).min(len.saturating_sub(1)),
                    Action::Top => 0,
                    Action::Bottom => len.saturating_sub(1),
                    Action::PageUp => pos.saturating_sub(page),
                    Action::PageDown => (pos + page).min(len.saturating_sub(1)),
                    _ => pos,
                };
                if action == Action::Open {
                    match doc.target(pos).cloned() {
                        Some(target) => self.follow(Some(target)),
                        None => {
                            self.message = Some(Message::Info(self.ui().nothing_here.to_owned()))
                        }
                    }
                }
            }
        }
    }

    /// Enter on an item: the approval-of-minutes item leads to the meeting whose minutes it
    /// approves; any other item puts the keys in its pane.
    fn open_item(&mut self, index: usize) {
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        let Some(item) = meeting.items.get(index) else {
            return;
        };
        if item.kind == ItemKind::MinutesApproval {
            let target = previous_minutes(&self.archive, meeting, item);
            match target {
                Some(id) => self.follow(Some(Target::Meeting(id))),
                None => self.message = Some(Message::Info(self.ui().no_previous.to_owned())),
            }
            return;
        }
        if let Some(v) = &mut self.meeting {
            v.focus = Pane::Detail;
        }
    }

    /// Acts on what a line leads to.
    pub fn follow(&mut self, target: Option<Target>) {
        let ui = self.ui();
        match target {
            None => self.message = Some(Message::Info(ui.nothing_here.to_owned())),
            Some(Target::Problems) => self.overlay = Some(Overlay::Problems { scroll: 0 }),
            Some(Target::Meeting(id)) => self.jump(&id, None),
            Some(Target::Followup { id, year }) => self.show_followup(&id, year),
            Some(Target::Item(r)) => self.jump(&r.meeting, r.item),
            Some(Target::Attachment(path)) => match check_openable(&self.archive.root, &path) {
                Ok(real) => {
                    self.message =
                        Some(Message::Info(format!("{} {}", ui.opening, real.display())));
                    self.effects.push(Effect::Open(real));
                }
                Err(refusal) => {
                    let (why, path) = match refusal {
                        Refusal::Missing(p) => (ui.missing, p),
                        Refusal::OutsideArchive(p) => (ui.refused_outside, p),
                        Refusal::Executable(p) => (ui.refused_program, p),
                        Refusal::NotAFile(p) => (ui.refused_not_file, p),
                    };
                    self.message = Some(Message::Error(format!("{why}: {}", path.display())));
                }
            },
        }
    }

    pub(super) fn jump(&mut self, id: &MeetingId, item: Option<ItemNo>) {
        if self.open_meeting(id, item) {
            return;
        }
        let ui = self.ui();
        let planned = self.schedule.iter().any(|s| s.id == *id);
        let text = if planned {
            format!(
                "{}: {} {}",
                ui.only_planned,
                self.archive.forum.body_name(&id.body),
                self.lang.long_date(id.date)
            )
        } else {
            format!(
                "{} {} {}",
                self.archive.forum.body_name(&id.body),
                self.lang.long_date(id.date),
                ui.not_in_archive
            )
        };
        self.message = Some(Message::Info(text));
    }

    /// Keeps every cursor inside its list and visible at the current size.
    pub fn settle(&mut self) {
        self.hold_open_texts();
        let main = self.main_area();
        // Only what is on screen is laid out.
        if self.meeting.is_none() && self.screen == Screen::Overview {
            let overview_len = self.overview_doc().len();
            self.overview.settle(main.height as usize, overview_len);
        }
        let list_len = self.list.rows.len();
        let list_height = self.list_height();
        self.list.cursor.settle(list_height, list_len);
        self.settle_decisions();
        self.settle_followups();
        self.settle_search();
        if self.meeting.is_some() {
            let areas = self.meeting_areas();
            let detail_len = self.detail_doc().len();
            let items_height = areas
                .and_then(|a| a.items)
                .map_or(0, |r| layout::inner(r).height as usize);
            let detail_height = areas
                .and_then(|a| a.detail)
                .map_or(0, |r| layout::inner(r).height as usize);
            let item_count = self.current_meeting().map_or(0, |(m, _)| m.items.len());
            if let Some(v) = &mut self.meeting {
                v.item = v.item.min(item_count.saturating_sub(1));
                v.items_scroll =
                    super::doc::visible_start(v.item, v.items_scroll, items_height, item_count);
                v.detail.settle(detail_height, detail_len);
            }
        }
    }

    // --- The mouse ---------------------------------------------------------------------

    fn handle_mouse(&mut self, mouse: &MouseEvent) -> bool {
        let at = Position::new(mouse.column, mouse.row);
        let Some(frame) = layout::frame(Rect::new(0, 0, self.size.0, self.size.1)) else {
            return false;
        };
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let action = if mouse.kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                if self.overlay.is_none()
                    && let Some(areas) = self.meeting_areas()
                {
                    let pane = if areas.items.is_some_and(|r| r.contains(at)) {
                        Pane::Items
                    } else {
                        Pane::Detail
                    };
                    if let Some(v) = &mut self.meeting {
                        v.focus = pane;
                    }
                }
                for _ in 0..3 {
                    self.act(action);
                }
                true
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.message = None;
                if frame.tabs.contains(at) {
                    if let Some(screen) = views::tabs::hit(self, frame.tabs, at.x) {
                        self.switch(screen);
                    }
                    self.settle();
                    return true;
                }
                if self.overlay.is_some() {
                    return false;
                }
                self.click(frame.main, at);
                self.settle();
                true
            }
            _ => false,
        }
    }

    /// A click selects the line under the pointer; a click on the selected line opens it.
    fn click(&mut self, main: Rect, at: Position) {
        if let Some(areas) = self.meeting_areas() {
            if let Some(items) = areas.items.map(layout::inner).filter(|r| r.contains(at)) {
                let Some(v) = &mut self.meeting else { return };
                let index = v.items_scroll + (at.y - items.y) as usize;
                v.focus = Pane::Items;
                if index == v.item {
                    self.act(Action::Open);
                } else if index < self.archive.meetings[v.index].items.len() {
                    v.item = index;
                    v.detail = Cursor::default();
                }
            } else if let Some(detail) = areas.detail.map(layout::inner).filter(|r| r.contains(at))
            {
                let Some(v) = &mut self.meeting else { return };
                let line = v.detail.scroll + (at.y - detail.y) as usize;
                let again = v.focus == Pane::Detail && line == v.detail.pos;
                v.focus = Pane::Detail;
                v.detail.pos = line;
                if again {
                    self.act(Action::Open);
                }
            }
            return;
        }
        match self.screen {
            Screen::Overview => {
                let line = self.overview.scroll + (at.y - main.y) as usize;
                let doc = self.overview_doc();
                if doc.target(line).is_some() {
                    if line == self.overview.pos {
                        self.act(Action::Open);
                    } else {
                        self.overview.pos = line;
                    }
                }
            }
            Screen::Decisions => self.click_decisions(at),
            Screen::Followups => self.click_followups(at),
            Screen::Calendar => self.click_calendar(at),
            Screen::Meetings => {
                let Some(row) =
                    (at.y > main.y).then(|| self.list.cursor.scroll + (at.y - main.y - 1) as usize)
                else {
                    return;
                };
                if matches!(self.list.rows.get(row), Some(Row::Meeting(_))) {
                    if row == self.list.cursor.pos {
                        self.act(Action::Open);
                    } else {
                        self.list.cursor.pos = row;
                    }
                }
            }
        }
    }
}

/// A filter's next value: the first after none, the next after `current`, and none (all
/// again) after the last.
pub(super) fn cycle<T: Clone + PartialEq>(values: &[T], current: Option<&T>) -> Option<T> {
    match current {
        None => values.first().cloned(),
        Some(c) => values
            .iter()
            .position(|v| v == c)
            .and_then(|i| values.get(i + 1))
            .cloned(),
    }
}

/// Where a movement key takes the cursor in the meeting list: always onto a meeting row,
/// never a year heading.
fn move_in_rows(rows: &[Row], pos: usize, action: Action, page: usize) -> Option<usize> {
    let is_meeting = |r: &Row| matches!(r, Row::Meeting(_));
    match action {
        Action::Up => rows.get(..pos)?.iter().rposition(is_meeting),
        Action::Down => rows
            .get(pos + 1..)?
            .iter()
            .position(is_meeting)
            .map(|i| i + pos + 1),
        Action::Top => rows.iter().position(is_meeting),
        Action::Bottom => rows.iter().rposition(is_meeting),
        Action::PageUp => {
            // The first meeting at or after one page up.
            let target = pos.saturating_sub(page);
            rows.get(target..)?
                .iter()
                .position(is_meeting)
                .map(|i| i + target)
        }
        Action::PageDown => {
            // The last meeting at or before one page down.
            let target = (pos + page).min(rows.len().checked_sub(1)?);
            rows.get(..=target)?.iter().rposition(is_meeting)
        }
        _ => None,
    }
}

/// Moves a cursor over the lines of a document that lead somewhere.
fn move_among_targets(doc: &Doc, cursor: &mut Cursor, action: Action, page: usize) {
    let pos = cursor.pos;
    let new = match action {
        Action::Up => doc.next_target(pos, -1),
        Action::Down => doc.next_target(pos, 1),
        Action::Top => doc.first_target(),
        Action::Bottom => doc.next_target(doc.len(), -1),
        Action::PageUp => doc
            .next_target(pos.saturating_sub(page) + 1, -1)
            .or_else(|| doc.first_target()),
        Action::PageDown => doc
            .next_target((pos + page).min(doc.len()).saturating_sub(1), 1)
            .or_else(|| doc.next_target(doc.len(), -1)),
        _ => None,
    };
    if let Some(new) = new {
        cursor.pos = new;
    }
}

/// The meeting whose minutes an approval-of-minutes item approves: the meeting it refers to,
/// else the previous meeting of the same body.
pub fn previous_minutes(
    archive: &Archive,
    meeting: &Meeting,
    item: &crate::model::Item,
) -> Option<MeetingId> {
    item.refs
        .iter()
        .map(|r: &ItemRef| r.meeting.clone())
        .find(|id| id.date < meeting.date())
        .or_else(|| {
            archive
                .meetings
                .iter()
                .rev()
                .find(|m| m.body() == meeting.body() && m.date() < meeting.date())
                .map(|m| m.id.clone())
        })
}
