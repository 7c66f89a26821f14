//! The command palette (`:` and Ctrl-P, as in helix and VS Code): every action that applies
//! where the user is, with its key, and every meeting, item and follow-up of the archive to
//! jump to, all found by typing part of a name, a date or an id. The fuzzy matching is
//! nucleo's, the matcher helix uses.
//!
//! The choices are listed once when the palette opens (a municipality's archive gives a
//! few hundred thousand); each key matches the query against them, and a query that
//! extends the last one only looks among the last one's matches. Where that is many
//! choices, a thread ranks them and the list shows the last matches until it is done:
//! typing never waits for the matching (at 10,000 meetings half a second a key).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::app::{App, Screen};
use super::doc::visible_start;
use super::keymap::{Action, Scope};
use super::widgets::textarea::{Edit, TextArea};
use crate::lang::Lang;
use crate::model::ItemNo;

/// What a choice does when it is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Action(Action),
    /// Index into `archive.meetings`.
    Meeting(usize),
    Item(usize, ItemNo),
    /// A follow-up by id, and the year of a yearly deadline.
    Followup(String, Option<i32>),
}

/// The kind of a choice, shown in front of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action,
    Meeting,
    Item,
    Followup,
}

impl Kind {
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Action, Lang::Da) => "handling",
            (Kind::Action, Lang::En) => "action",
            (Kind::Meeting, Lang::Da) => "møde",
            (Kind::Meeting, Lang::En) => "meeting",
            (Kind::Item, Lang::Da) => "punkt",
            (Kind::Item, Lang::En) => "item",
            (Kind::Followup, Lang::Da) => "opfølgning",
            (Kind::Followup, Lang::En) => "follow-up",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub kind: Kind,
    pub target: Target,
    /// What the row shows (and what is matched, with `extra`).
    pub label: String,
    /// Shown at the right: an action's key, a meeting's id.
    pub detail: String,
    /// Matched but not shown apart from `detail`: an action's name in keymap.toml.
    pub extra: String,
}

impl Choice {
    /// What a query is matched against: label, detail and extra, written once.
    fn haystack(&self) -> String {
        format!("{} {} {}", self.label, self.detail, self.extra)
    }
}

/// More choices to look at than this, and a query is ranked on a thread of its own (a
/// thousand meetings give some 15,000 choices, ranked in a few milliseconds).
const RANK_ON_THREAD: usize = 20_000;

/// A query being ranked on another thread: its results come through `results`, and
/// dropping it (a newer query, the palette closed) tells the thread to give up.
#[derive(Debug)]
struct Ranking {
    query: String,
    results: Receiver<Vec<usize>>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Ranking {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The palette while open.
#[derive(Debug)]
pub struct Palette {
    pub input: TextArea,
    pub choices: Vec<Choice>,
    /// Each choice's text to match, made once when the palette opens.
    haystacks: Arc<Vec<String>>,
    /// The newest query, while a thread ranks it.
    ranking: Option<Ranking>,
    /// Above this many choices to look at, the ranking is done on a thread.
    on_thread: usize,
    /// The choices the query matches, best first (indices into `choices`).
    pub shown: Vec<usize>,
    /// The query `shown` was worked out for.
    matched: String,
    /// Index into `shown`.
    pub selected: usize,
    pub scroll: usize,
    /// Whether the selection was moved since the last key typed: a ranking that comes in
    /// then keeps the chosen choice where it still matches.
    moved: bool,
}

/// Actions the palette does not offer: moving the cursor is done with the keys themselves.
const NOT_OFFERED: [Action; 7] = [
    Action::Up,
    Action::Down,
    Action::Top,
    Action::Bottom,
    Action::PageUp,
    Action::PageDown,
    Action::Palette,
];

impl Palette {
    pub fn new(choices: Vec<Choice>) -> Palette {
        let shown = (0..choices.len()).collect();
        let haystacks = Arc::new(choices.iter().map(Choice::haystack).collect());
        Palette {
            input: TextArea::new("", false),
            choices,
            haystacks,
            ranking: None,
            on_thread: RANK_ON_THREAD,
            shown,
            matched: String::new(),
            selected: 0,
            scroll: 0,
            moved: false,
        }
    }

    /// Matches the query as typed against the choices: at once where they are few, else
    /// on a thread (see [`Self::poll`]).
    pub fn refilter(&mut self) {
        // A newer query: the one being ranked is pointless.
        self.ranking = None;
        self.moved = false;
        let query = self.input.text();
        let query = query.trim();
        if query.is_empty() {
            self.show(String::new(), (0..self.choices.len()).collect());
            return;
        }
        // A longer query matches fewer: only the last matches need looking at.
        let narrowed = narrows(&self.matched, query);
        let pool_len = if narrowed {
            self.shown.len()
        } else {
            self.choices.len()
        };
        if pool_len <= self.on_thread {
            let pool: Vec<usize> = if narrowed {
                std::mem::take(&mut self.shown)
            } else {
                (0..self.choices.len()).collect()
            };
            let shown = rank(&self.haystacks, pool, query, &AtomicBool::new(false));
            self.show(query.to_owned(), shown.unwrap_or_default());
            return;
        }
        // The last matches stay on screen until the thread is done.
        let pool: Vec<usize> = if narrowed {
            self.shown.clone()
        } else {
            (0..self.choices.len()).collect()
        };
        let (send, results) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (haystacks, text, stop) = (
            Arc::clone(&self.haystacks),
            query.to_owned(),
            Arc::clone(&cancel),
        );
        std::thread::spawn(move || {
            if let Some(shown) = rank(&haystacks, pool, &text, &stop) {
                let _ = send.send(shown);
            }
        });
        self.ranking = Some(Ranking {
            query: query.to_owned(),
            results,
            cancel,
        });
    }

    fn show(&mut self, query: String, shown: Vec<usize>) {
        self.shown = shown;
        self.matched = query;
        self.selected = 0;
        self.scroll = 0;
    }

    /// Moves the selection (the keys' doing), to be kept when a ranking comes in.
    pub fn select(&mut self, selected: usize) {
        self.selected = selected;
        self.moved = true;
    }

    /// A ranking from the thread: the newest query's matches. A choice the user moved to
    /// meanwhile (on the last matches) stays chosen where it still matches, so that Enter
    /// runs what is highlighted; otherwise the best match is.
    fn take_ranking(&mut self, shown: Vec<usize>) {
        let query = self
            .ranking
            .take()
            .map(|mut ranking| std::mem::take(&mut ranking.query))
            .unwrap_or_default();
        let chosen = self
            .moved
            .then(|| self.shown.get(self.selected).copied())
            .flatten();
        self.show(query, shown);
        if let Some(at) = chosen.and_then(|c| self.shown.iter().position(|&i| i == c)) {
            self.selected = at;
        }
    }

    /// Whether a query is being ranked on a thread.
    pub fn pending(&self) -> bool {
        self.ranking.is_some()
    }

    /// Takes in the thread's ranking if it is done; whether the list changed.
    pub fn poll(&mut self) -> bool {
        let Some(ranking) = &self.ranking else {
            return false;
        };
        match ranking.results.try_recv() {
            Ok(shown) => {
                self.take_ranking(shown);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.ranking = None;
                false
            }
        }
    }

    /// Waits for the thread's ranking (tests drive the app without an event loop).
    pub fn wait(&mut self, limit: Duration) {
        let Some(ranking) = &self.ranking else {
            return;
        };
        if let Ok(shown) = ranking.results.recv_timeout(limit) {
            self.take_ranking(shown);
        }
    }

    /// Ranks on a thread above `choices` choices (for tests: the threshold is otherwise
    /// reached only by a large archive).
    pub fn rank_on_thread_above(&mut self, choices: usize) {
        self.on_thread = choices;
    }

    pub fn selected_choice(&self) -> Option<&Choice> {
        self.shown.get(self.selected).map(|&i| &self.choices[i])
    }
}

/// Whether every choice `query` matches is one `before` matched, so that only those need
/// looking at. Typing on extends a fuzzy word, a prefix (`^`) or a literal (`'`) and adds
/// words (all must match); but an inverse (`!`) matches more as it grows, and `$` (a
/// suffix) or `\` (an escape) mean something else once a letter follows them.
fn narrows(before: &str, query: &str) -> bool {
    let changes_meaning = |q: &str| q.contains(['!', '$', '\\']);
    !before.is_empty()
        && query.starts_with(before)
        && !changes_meaning(before)
        && !changes_meaning(query)
}

/// The choices among `pool` that match `query`, best first; equal scores keep the list's
/// order (actions, then meetings newest first, their items, follow-ups). `None` when
/// `cancel` was set on the way: a newer query has made this one pointless.
fn rank(
    haystacks: &[String],
    pool: Vec<usize>,
    query: &str,
    cancel: &AtomicBool,
) -> Option<Vec<usize>> {
    use rayon::prelude::*;
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    // In parallel, a matcher per thread: a first letter matches most of a large archive.
    let mut scored: Vec<(u32, usize)> = pool
        .into_par_iter()
        .map_init(
            || {
                // A word near the start ("Skærm 5: Kalender") ranks above the same word
                // deep in a long description.
                let mut config = Config::DEFAULT;
                config.prefer_prefix = true;
                (Matcher::new(config), Vec::new())
            },
            |(matcher, buf), i| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let score = pattern.score(Utf32Str::new(&haystacks[i], buf), matcher)?;
                Some((score, i))
            },
        )
        .flatten()
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    // Equal scores: the shorter text (the closer match), then the list's order.
    scored.par_sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then(haystacks[a.1].len().cmp(&haystacks[b.1].len()))
            .then(a.1.cmp(&b.1))
    });
    Some(scored.into_iter().map(|(_, i)| i).collect())
}

impl App {
    /// The scopes whose keys act now, most specific first.
    pub(super) fn active_scopes(&self) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = match &self.meeting {
            _ if self.overlay.is_some() => vec![Scope::Lists, Scope::Everywhere],
            Some(v) if v.mode => vec![
                Scope::MeetingMode,
                Scope::Editing,
                Scope::Meeting,
                Scope::Lists,
                Scope::Everywhere,
            ],
            Some(_) => vec![
                Scope::Editing,
                Scope::Meeting,
                Scope::Lists,
                Scope::Everywhere,
            ],
            None if self.screen == Screen::Decisions => {
                vec![Scope::Decisions, Scope::Lists, Scope::Everywhere]
            }
            None if self.screen == Screen::Followups => {
                vec![Scope::Followups, Scope::Lists, Scope::Everywhere]
            }
            None if self.screen == Screen::Calendar => {
                vec![Scope::Calendar, Scope::Lists, Scope::Everywhere]
            }
            None => vec![Scope::Lists, Scope::Everywhere],
        };
        if self.trail.is_some() && self.meeting.is_some() && self.overlay.is_none() {
            scopes.insert(0, Scope::Hits);
        }
        scopes
    }

    /// Opens the palette over what is shown.
    pub(super) fn open_palette(&mut self) {
        self.overlay = None;
        self.palette = Some(Palette::new(self.palette_choices()));
    }

    /// Everything the palette offers here: the actions that apply, most specific scope
    /// first, then the archive's meetings (newest first) with their items, then follow-ups.
    fn palette_choices(&self) -> Vec<Choice> {
        let mut choices = Vec::new();
        for scope in self.active_scopes() {
            for action in Action::ALL {
                if action.scope() != scope || NOT_OFFERED.contains(&action) {
                    continue;
                }
                let keys = self.keymap.keys_for(action);
                choices.push(Choice {
                    kind: Kind::Action,
                    target: Target::Action(action),
                    label: action.describe(self.lang).to_owned(),
                    detail: keys.join(" "),
                    extra: action.key().to_owned(),
                });
            }
        }
        let forum = &self.archive.forum;
        let closed = self.lang.labels().closed_item;
        let mut order: Vec<usize> = (0..self.archive.meetings.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.archive.meetings[a], &self.archive.meetings[b]);
            b.id.date.cmp(&a.id.date).then(a.id.body.cmp(&b.id.body))
        });
        for index in order {
            let meeting = &self.archive.meetings[index];
            let short = forum.body_short(&meeting.id.body);
            let date = self.lang.long_date(meeting.id.date);
            let id = meeting.id.to_string();
            choices.push(Choice {
                kind: Kind::Meeting,
                target: Target::Meeting(index),
                label: crate::text::sanitize(&format!("{short} {date}")).into_owned(),
                detail: id.clone(),
                extra: crate::text::sanitize(&meeting.title).into_owned(),
            });
            for item in &meeting.items {
                choices.push(Choice {
                    kind: Kind::Item,
                    target: Target::Item(index, item.number.clone()),
                    label: crate::text::sanitize(&format!(
                        "{}. {}",
                        item.number,
                        item.shown_title(closed)
                    ))
                    .into_owned(),
                    detail: format!("{short} {}", meeting.id.date.format("%d.%m.%Y")),
                    extra: id.clone(),
                });
            }
        }
        for entry in &self.followups.entries {
            let followup = entry.followup(&self.archive);
            let mut label = followup.what.clone();
            if let Some(year) = entry.year {
                label = format!("{label} ({year})");
            }
            choices.push(Choice {
                kind: Kind::Followup,
                target: Target::Followup(followup.id.clone(), entry.year),
                label: crate::text::sanitize(&label).into_owned(),
                detail: crate::text::sanitize(&followup.id).into_owned(),
                extra: String::new(),
            });
        }
        choices
    }

    /// A key while the palette is open: typing narrows the list, arrows choose, Enter runs
    /// the choice, Esc closes the palette.
    pub(super) fn palette_key(&mut self, key: &KeyEvent) {
        let page = super::views::palette::list_height(self.size).max(1);
        let Some(palette) = &mut self.palette else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = palette.shown.len().saturating_sub(1);
        let selected = palette.selected;
        let moved = match key.code {
            KeyCode::Up => selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => selected.saturating_sub(1),
            KeyCode::Down => (selected + 1).min(last),
            KeyCode::Char('n') if ctrl => (selected + 1).min(last),
            KeyCode::PageUp => selected.saturating_sub(page),
            KeyCode::PageDown => (selected + page).min(last),
            _ => {
                match palette.input.handle(key) {
                    Edit::Cancel => self.palette = None,
                    Edit::Submit => self.run_palette_choice(),
                    Edit::Changed => palette.refilter(),
                    Edit::Ignored => {}
                }
                return;
            }
        };
        palette.select(moved);
        palette.scroll = visible_start(palette.selected, palette.scroll, page, palette.shown.len());
    }

    /// Pasted text goes into the query.
    pub(super) fn paste_into_palette(&mut self, text: &str) -> bool {
        let Some(palette) = &mut self.palette else {
            return false;
        };
        palette.input.paste(text);
        palette.refilter();
        true
    }

    fn run_palette_choice(&mut self) {
        let Some(mut palette) = self.palette.take() else {
            return;
        };
        // Enter runs the best match of what was typed, not of the query before it: a
        // ranking under way is waited for (it was asked for).
        palette.wait(Duration::from_secs(30));
        let Some(choice) = palette.selected_choice() else {
            return;
        };
        match choice.target.clone() {
            Target::Action(action) => {
                self.message = None;
                self.act(action);
            }
            Target::Meeting(index) => {
                let id = self.archive.meetings[index].id.clone();
                self.jump(&id, None);
            }
            Target::Item(index, number) => {
                let id = self.archive.meetings[index].id.clone();
                self.jump(&id, Some(number));
            }
            Target::Followup(id, year) => self.show_followup(&id, year),
        }
        self.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(labels: &[&str]) -> Palette {
        Palette::new(
            labels
                .iter()
                .map(|l| Choice {
                    kind: Kind::Meeting,
                    target: Target::Meeting(0),
                    label: (*l).to_owned(),
                    detail: String::new(),
                    extra: String::new(),
                })
                .collect(),
        )
    }

    fn typed(p: &mut Palette, query: &str) -> Vec<String> {
        p.input = TextArea::new(query, false);
        p.refilter();
        let mut shown: Vec<String> = p
            .shown
            .iter()
            .map(|&i| p.choices[i].label.clone())
            .collect();
        shown.sort();
        shown
    }

    #[test]
    fn typing_on_narrows_and_a_growing_inverse_widens_again() {
        let mut p = palette(&["abc", "axc", "xyz", "cab"]);
        assert_eq!(typed(&mut p, "a"), ["abc", "axc", "cab"]);
        assert_eq!(typed(&mut p, "ab"), ["abc", "cab"]);
        // Everything without an a, then everything without an a followed by a b.
        assert_eq!(typed(&mut p, "!a"), ["xyz"]);
        assert_eq!(typed(&mut p, "!ab"), ["axc", "xyz"]);
        // And back to a plain word: everything is looked at again.
        assert_eq!(typed(&mut p, "ab"), ["abc", "cab"]);
    }

    #[test]
    fn on_a_thread_the_last_matches_stay_until_the_newest_query_is_ranked() {
        let mut p = palette(&["abc", "axc", "xyz", "cab"]);
        p.rank_on_thread_above(0);
        p.input = TextArea::new("a", false);
        p.refilter();
        assert!(p.pending());
        // Nothing ranked yet: the list is still the whole one.
        assert_eq!(p.shown.len(), 4);
        p.wait(Duration::from_secs(30));
        assert!(!p.pending());
        assert_eq!(p.shown.len(), 3);
        // Two keys before the first is ranked: only the newest query's ranking is taken.
        p.input = TextArea::new("ab", false);
        p.refilter();
        p.input = TextArea::new("!ab", false);
        p.refilter();
        p.wait(Duration::from_secs(30));
        let mut shown: Vec<&str> = p
            .shown
            .iter()
            .map(|&i| p.choices[i].label.as_str())
            .collect();
        shown.sort_unstable();
        assert_eq!(shown, ["axc", "xyz"]);
        assert!(!p.poll(), "nothing more comes");
    }

    #[test]
    fn a_choice_moved_to_while_ranking_stays_chosen_where_it_still_matches() {
        let label = |p: &Palette| p.selected_choice().unwrap().label.clone();
        let mut p = palette(&["abc", "axc", "xyz", "cab"]);
        p.rank_on_thread_above(0);
        // Down to "cab" on the whole list while "a" is ranked: it matches, and stays.
        p.input = TextArea::new("a", false);
        p.refilter();
        p.select(3);
        p.wait(Duration::from_secs(30));
        assert_eq!(label(&p), "cab");
        // Down to "xyz" on the whole list while "ab" is ranked: it does not match, and the
        // best match is chosen instead.
        p.input = TextArea::new("", false);
        p.refilter();
        p.input = TextArea::new("ab", false);
        p.refilter();
        let xyz = p
            .shown
            .iter()
            .position(|&i| p.choices[i].label == "xyz")
            .unwrap();
        p.select(xyz);
        p.wait(Duration::from_secs(30));
        assert_eq!(p.selected, 0);
        // Not moved: the best match of the new query is chosen, not the old first.
        p.input = TextArea::new("c", false);
        p.refilter();
        p.wait(Duration::from_secs(30));
        assert_eq!(p.selected, 0);
    }

    #[test]
    fn narrowing_is_only_trusted_where_it_holds() {
        assert!(narrows("bud", "budg"));
        assert!(narrows("bud", "bud get"));
        assert!(narrows("^bud", "^budg"));
        assert!(!narrows("", "b"));
        assert!(!narrows("budg", "bud"));
        assert!(!narrows("!bud", "!budg"));
        assert!(!narrows("bud$", "bud$g"));
        assert!(!narrows("bud\\", "bud\\ g"));
    }
}
