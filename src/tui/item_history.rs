//! The item's history window (`H`): each version of its title, recommendation and decision
//! from git, newest first, with author, date and commit message, and what the version
//! changed against the one before it, line by line.

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Message, Overlay};
use super::git_reader::Answer;
use crate::git::history::Version;
use crate::lang::{Lang, Said};
use crate::model::MeetingId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryWindow {
    pub meeting: MeetingId,
    pub item: String,
    pub title: String,
    /// `None` while git is being asked.
    pub versions: Option<Result<Vec<Version>, Said>>,
    pub cursor: usize,
    /// The version the one at the cursor is compared with (Space); `None`: the one before it.
    pub marked: Option<usize>,
    /// How far the changes of the version at the cursor are scrolled.
    pub scroll: usize,
}

pub fn keys(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "↑↓ vælg udgave · Mellemrum sammenlign med denne · PgUp/PgDn rul · Esc luk",
        Lang::En => {
            "↑↓ choose version · Space compare with this one · PgUp/PgDn scroll · Esc close"
        }
    }
}

impl App {
    /// `H`: the history of the item in focus, asked of git in the background.
    pub(super) fn open_item_history(&mut self) {
        let Some((meeting, number)) = self.item_in_focus() else {
            self.message = Some(Message::Info(self.ui().no_item_here.to_owned()));
            return;
        };
        let Some(file) = self.archive.meeting(&meeting).map(|m| m.file.clone()) else {
            return;
        };
        let Some(reader) = self.git_reader.as_mut() else {
            self.message = Some(Message::Error(
                match self.lang {
                    Lang::Da => "Ingen historik: arkivet er ikke i git eller ikke sat op til det; kør dagsorden init på mappen (se README)",
                    Lang::En => "No history: the archive is not in git, or not set up for it; run dagsorden init on the folder (see the README)",
                }
                .to_owned(),
            ));
            return;
        };
        let item = number.to_string();
        reader.item_history(meeting.clone(), file, item.clone());
        let title = self
            .archive
            .meeting(&meeting)
            .and_then(|m| m.item(&number))
            .map_or_else(String::new, |i| i.title.clone());
        self.overlay = Some(Overlay::ItemHistory(Box::new(HistoryWindow {
            meeting,
            item,
            title,
            versions: None,
            cursor: 0,
            marked: None,
            scroll: 0,
        })));
    }

    pub(super) fn item_history_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::ItemHistory(window)) = &mut self.overlay else {
            return false;
        };
        let count = window
            .versions
            .as_ref()
            .and_then(|v| v.as_ref().ok())
            .map_or(0, Vec::len);
        let last = count.saturating_sub(1);
        let before = window.cursor;
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => window.cursor = (window.cursor + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => window.cursor = window.cursor.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => window.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => window.cursor = last,
            KeyCode::Char(' ') => {
                window.marked = match window.marked {
                    Some(m) if m == window.cursor => None,
                    _ => Some(window.cursor),
                };
                window.scroll = 0;
            }
            KeyCode::PageDown => window.scroll += 5,
            KeyCode::PageUp => window.scroll = window.scroll.saturating_sub(5),
            _ => {}
        }
        if let Some(Overlay::ItemHistory(window)) = &mut self.overlay
            && window.cursor != before
        {
            window.scroll = 0;
        }
        true
    }

    /// An answer from git for the history window, if it still waits for it.
    pub(super) fn item_history_came(&mut self, answer: Answer) {
        let Answer::History {
            meeting,
            item,
            versions,
        } = answer
        else {
            return;
        };
        if let Some(Overlay::ItemHistory(window)) = &mut self.overlay
            && window.meeting == meeting
            && window.item == item
            && window.versions.is_none()
        {
            window.versions = Some(versions);
        }
    }
}
