//! The status bar: the last message, or the keys that matter here (from the keymap, so the
//! hints follow the user's bindings), and the number of problems found while loading.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Message, Screen};
use crate::tui::keymap::Action;
use crate::tui::widgets::wrap::truncate;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let problems = app.archive.diagnostics.len() + app.settings_problems.len();
    let right = if problems > 0 {
        let keys = app.keymap.keys_for(Action::Problems);
        let word = match (app.lang, problems) {
            (crate::lang::Lang::Da, 1) => "problem".to_owned(),
            (crate::lang::Lang::En, 1) => "problem".to_owned(),
            _ => app.ui().problems.to_lowercase(),
        };
        format!(
            " {problems} {word} ({}) ",
            keys.first().map_or("", String::as_str)
        )
    } else {
        String::new()
    };
    let (git, git_style) = git_state(app);
    let left_room = width.saturating_sub(right.width() + git.width());
    let left: Vec<Span<'static>> = match &app.message {
        Some(Message::Info(text)) => {
            vec![Span::styled(truncate(text, left_room), app.theme.accent)]
        }
        Some(Message::Error(text)) => {
            vec![Span::styled(truncate(text, left_room), app.theme.error)]
        }
        None => match (&app.calendar.moving, app.screen, &app.meeting) {
            (Some(id), Screen::Calendar, None) => {
                let cui = crate::tui::calendar_labels::calendar_ui(app.lang);
                let text = format!(
                    "{} {} {}: {}",
                    cui.moving,
                    app.archive.forum.body_short(&id.body),
                    app.lang.day_month(app.meeting_date(id).unwrap_or(id.date)),
                    cui.moving_hint
                );
                vec![Span::styled(truncate(&text, left_room), app.theme.warning)]
            }
            _ => match dialog_keys(app) {
                Some(keys) => dialog_hints(app, keys, left_room),
                None => hints(app, left_room),
            },
        },
    };
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(left_room.saturating_sub(used))));
    spans.push(Span::styled(git, git_style));
    spans.push(Span::styled(right, app.theme.warning));
    Line::from(spans).render(area, buf);
}

/// How the archive stands in git, when it is in git: "⚠ 1 konflikt (C)", "↑2 at sende",
/// "↓3 at hente", "✓ synkroniseret" (as of the last fetch; the worker finds out).
fn git_state(app: &App) -> (String, ratatui::style::Style) {
    let Some(branch) = &app.branch else {
        return (String::new(), app.theme.muted);
    };
    let da = app.lang == crate::lang::Lang::Da;
    let conflicts = app.conflicted_files().len();
    if conflicts > 0 {
        let key = app.keymap.keys_for(Action::Conflicts);
        let key = key.first().map_or("", String::as_str);
        let text = match (da, conflicts) {
            (true, 1) => format!(" ⚠ 1 flettekonflikt ({key}) "),
            (true, n) => format!(" ⚠ {n} flettekonflikter ({key}) "),
            (false, 1) => format!(" ⚠ 1 merge conflict ({key}) "),
            (false, n) => format!(" ⚠ {n} merge conflicts ({key}) "),
        };
        return (text, app.theme.error);
    }
    if !branch.tracked {
        return (String::new(), app.theme.muted);
    }
    let mut parts = Vec::new();
    if branch.ahead > 0 {
        parts.push(if da {
            format!("↑{} at sende", branch.ahead)
        } else {
            format!("↑{} to send", branch.ahead)
        });
    }
    if branch.behind > 0 {
        parts.push(if da {
            format!("↓{} at hente", branch.behind)
        } else {
            format!("↓{} to fetch", branch.behind)
        });
    }
    if parts.is_empty() {
        let text = if da {
            "✓ synkroniseret"
        } else {
            "✓ in sync"
        };
        return (format!(" {text} "), app.theme.muted);
    }
    (format!(" {} ", parts.join(" ")), app.theme.accent)
}

/// The keys of the window on top, which replace the screen's while it is open.
fn dialog_keys(app: &App) -> Option<&'static str> {
    use crate::tui::app::Overlay;
    let e = app.eui();
    if let Some(input) = &app.input {
        return Some(if input.area.multiline {
            e.hint_multi
        } else if input.prompt.completes() {
            e.hint_complete
        } else {
            e.hint_single
        });
    }
    if app.palette.is_some() {
        return Some(super::palette::keys(app.lang));
    }
    if let Some(dialog) = &app.export {
        let w = crate::tui::export::words(app.lang);
        return Some(if dialog.written.is_some() {
            w.written_keys
        } else {
            w.keys
        });
    }
    if app.search.is_some() {
        return Some(app.ui().search_keys);
    }
    let scroll = match app.lang {
        crate::lang::Lang::Da => "↑↓ rul · Esc luk",
        crate::lang::Lang::En => "↑↓ scroll · Esc close",
    };
    Some(match app.overlay.as_ref()? {
        Overlay::Help { .. } => scroll,
        Overlay::Problems { .. } => match app.lang {
            crate::lang::Lang::Da => "↑↓ rul · Enter ret filen i $EDITOR · Esc luk",
            crate::lang::Lang::En => "↑↓ scroll · Enter correct the file in $EDITOR · Esc close",
        },
        Overlay::Conflict(_) => e.conflict_keys,
        Overlay::Confirm(crate::tui::editing::Confirm::IncludeFollowups { .. }) => e.yes_no_cancel,
        Overlay::Confirm(_) => e.yes_no,
        Overlay::Attendance { .. } => e.attendance_keys,
        Overlay::Timeline(_) | Overlay::Agenda(_) | Overlay::Day(_) => app.ui().search_keys,
        Overlay::Merge(_) => crate::tui::merge_window::keys(app.lang),
        Overlay::ItemHistory(_) => crate::tui::item_history::keys(app.lang),
        Overlay::KindPick { .. } => match app.lang {
            crate::lang::Lang::Da => "↑↓ vælg · 1–9 vælg · Enter gem · Esc luk",
            crate::lang::Lang::En => "↑↓ choose · 1–9 choose · Enter save · Esc close",
        },
    })
}

/// A dialog's keys as written in its labels ("Enter gem · Esc fortryd"): each key in the
/// accent colour, its word muted, as the screen's hints.
fn dialog_hints(app: &App, keys: &str, room: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for piece in keys.split(" · ") {
        let (key, word) = piece.split_once(' ').unwrap_or((piece, ""));
        let width = key.width() + word.width() + 4;
        if used + width > room {
            break;
        }
        used += width;
        spans.push(Span::styled(format!(" {key} "), app.theme.accent));
        spans.push(Span::styled(format!("{word}  "), app.theme.muted));
    }
    spans
}

fn hints(app: &App, room: usize) -> Vec<Span<'static>> {
    // The keys of the screen first, most used first; then the way to every other key.
    let mut actions = Vec::new();
    if app.overlay.is_some() || app.meeting.is_some() {
        actions.push(Action::Back);
    }
    if app.meeting.as_ref().is_some_and(|v| v.mode) {
        actions.extend([
            Action::RecordApproved,
            Action::RecordWithChanges,
            Action::RecordRejected,
            Action::RecordPostponed,
            Action::RecordNoted,
            Action::Attendance,
            Action::MeetingMode,
        ]);
    } else if app.meeting.is_some() && app.trail.is_some() {
        actions.extend([
            Action::NextHit,
            Action::PreviousHit,
            Action::Search,
            Action::Timeline,
            Action::FocusNext,
        ]);
    } else if app.meeting.is_some() {
        actions.extend([
            Action::MeetingMode,
            Action::Export,
            Action::Undo,
            Action::Timeline,
            Action::ShowAttendance,
            Action::FocusNext,
            Action::PreviousMeeting,
            Action::NextMeeting,
        ]);
    } else if app.screen == Screen::Meetings {
        actions.extend([
            Action::Open,
            Action::Search,
            Action::CycleBody,
            Action::NewMeeting,
            Action::Export,
        ]);
    } else if app.screen == Screen::Decisions {
        actions.extend([
            Action::Open,
            Action::ToggleDeviations,
            Action::CycleBody,
            Action::CycleYear,
            Action::CycleOutcome,
            Action::FilterTag,
            Action::Timeline,
        ]);
    } else if app.screen == Screen::Followups
        && app
            .selected_entry()
            .is_some_and(|e| e.followup(&app.archive).suggested)
    {
        // A suggestion is accepted or discarded before anything else is done with it.
        actions.extend([
            Action::AcceptSuggestion,
            Action::DiscardSuggestion,
            Action::Open,
            Action::CycleState,
            Action::CycleBody,
        ]);
    } else if app.screen == Screen::Followups
        && app
            .selected_entry()
            .is_some_and(|e| e.state() == crate::followup::FollowupState::Answered)
    {
        // It came back at a held meeting: closing it is what is left.
        actions.extend([
            Action::FollowupDone,
            Action::MoveDue,
            Action::Open,
            Action::FollowupCancel,
            Action::CycleState,
            Action::Export,
        ]);
    } else if app.screen == Screen::Followups {
        actions.extend([
            Action::Open,
            Action::FollowupDone,
            Action::LogRun,
            Action::PutOnAgenda,
            Action::MoveDue,
            Action::FollowupCancel,
            Action::EditOwner,
            Action::CycleState,
            Action::CycleBody,
            Action::CycleOwner,
            Action::Export,
        ]);
    } else if app.screen == Screen::Calendar {
        actions.extend([
            Action::Open,
            Action::MoveMeeting,
            Action::AddToPlan,
            Action::MeetingForward,
            Action::GoToday,
            Action::ProposeYear,
            Action::Export,
        ]);
    } else {
        actions.extend([Action::Open, Action::Search]);
    }
    actions.extend([Action::Palette, Action::Help, Action::Quit]);
    let mut pieces: Vec<(String, String)> = Vec::new();
    for action in actions {
        let Some(key) = app.keymap.keys_for(action).into_iter().next() else {
            continue;
        };
        let mut word = action.hint(app.lang).to_owned();
        if action == Action::CycleBody {
            let body = if matches!(app.screen, Screen::Decisions | Screen::Followups) {
                // The filter line above the list says which body; the hint stays short.
                None
            } else {
                Some(
                    app.list
                        .body
                        .as_ref()
                        .map_or(app.ui().all_bodies.to_owned(), |b| {
                            app.archive.forum.body_name(b)
                        }),
                )
            };
            if let Some(body) = body {
                word = format!("{word}: {body}");
            }
        }
        pieces.push((key.to_string(), word));
    }
    // As many as fit; where some do not, the line ends saying there are more under `?`.
    let width = |(key, word): &(String, String)| format!(" {key} {word} ").width() + 1;
    let more = match app.lang {
        crate::lang::Lang::Da => "… ? flere",
        crate::lang::Lang::En => "… ? more",
    };
    let total: usize = pieces.iter().map(width).sum();
    let budget = if total > room {
        room.saturating_sub(more.width() + 1)
    } else {
        room
    };
    let mut spans = Vec::new();
    let mut used = 0;
    let mut shown = 0;
    for piece in &pieces {
        if used + width(piece) > budget + 1 {
            break;
        }
        used += width(piece);
        shown += 1;
        spans.push(Span::styled(format!(" {} ", piece.0), app.theme.accent));
        spans.push(Span::styled(format!("{}  ", piece.1), app.theme.muted));
    }
    if shown < pieces.len() {
        spans.push(Span::styled(more.to_owned(), app.theme.muted));
    }
    spans
}
