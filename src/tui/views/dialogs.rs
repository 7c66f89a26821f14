//! The windows of editing: typing text, a yes/no question, a refused save, attendance.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::edit::AttendanceList;
use crate::tui::app::App;
use crate::tui::editing::{Confirm, ConflictView, Input};
use crate::tui::layout;
use crate::tui::widgets::overlay;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{truncate, wrap};

/// The text being typed, in a window: one line for titles and dates, most of the screen
/// for longer texts.
pub fn input(app: &App, input: &Input, area: Rect, buf: &mut Buffer) {
    let e = app.eui();
    let mut outer = layout::overlay(area, 100);
    let inner_width = layout::inner(outer).width as usize;
    let title_lines = wrap(&input.title, inner_width.max(1), app.theme.muted);
    let error_lines = input
        .error
        .as_deref()
        .map(|why| wrap(why, inner_width.max(1), app.theme.error))
        .unwrap_or_default();
    let wanted = if input.area.multiline {
        outer.height
    } else {
        (title_lines.len() as u16 + error_lines.len() as u16 + 3).min(outer.height)
    };
    outer.height = wanted;
    Clear.render(outer, buf);
    let hint = if input.area.multiline {
        e.hint_multi
    } else if input.prompt.completes() {
        e.hint_complete
    } else {
        e.hint_single
    };
    // A long text has its prompt on the border; a line has it above the line, wrapped.
    let mut block = Block::bordered()
        .style(app.theme.text)
        .border_style(app.theme.accent)
        .title_bottom(Line::styled(format!(" {hint} "), app.theme.muted).right_aligned());
    if input.area.multiline {
        block = block.title(Span::styled(
            format!(
                " {} ",
                truncate(&input.title, inner_width.saturating_sub(2))
            ),
            app.theme.title,
        ));
    }
    block.render(outer, buf);
    let inner = layout::inner(outer);
    if inner.height == 0 {
        return;
    }
    let shown_title = if input.area.multiline {
        vec![]
    } else {
        title_lines
    };
    let title_height = (shown_title.len() as u16).min(inner.height.saturating_sub(1));
    render_rows(
        shown_title,
        Rect {
            height: title_height,
            ..inner
        },
        buf,
    );
    // The reason a try was not taken, under the text (at the bottom of a long text).
    let error_height =
        (error_lines.len() as u16).min((inner.height - title_height).saturating_sub(1));
    let text_area = Rect {
        y: inner.y + title_height,
        height: inner.height - title_height - error_height,
        ..inner
    };
    input.area.render(text_area, buf, app.theme.text);
    render_rows(
        error_lines,
        Rect {
            y: text_area.y + text_area.height,
            height: error_height,
            ..inner
        },
        buf,
    );
}

pub fn confirm(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let e = app.eui();
    let question = match confirm {
        Confirm::DeleteItem {
            label,
            decided: false,
            ..
        } => format!("{} {label}?", e.confirm_delete),
        Confirm::DeleteItem {
            label,
            decided: true,
            ..
        } => format!("{} {label}? {}", e.confirm_delete, e.confirm_delete_decided),
        Confirm::IncludeFollowups { count, .. } => {
            let words = if *count == 1 {
                e.confirm_followup_one
            } else {
                e.confirm_followups
            };
            format!("{count} {words}")
        }
        Confirm::RemoveFromPlan { label, .. } => format!(
            "{} {label}?",
            crate::tui::calendar_labels::calendar_ui(app.lang).confirm_remove
        ),
        Confirm::CreatePlanned { label, .. } => {
            format!("{} {label}. {}", e.only_planned, e.confirm_create_planned)
        }
        Confirm::DiscardTyped {
            then_quit: false, ..
        } => e.confirm_discard.to_owned(),
        Confirm::DiscardTyped {
            then_quit: true, ..
        } => e.confirm_discard_quit.to_owned(),
    };
    overlay::render(app, area, buf, "?", 70, 0, |width| {
        let mut lines = wrap(&question, width.max(1), app.theme.text);
        lines.push(Line::default());
        let keys = match confirm {
            Confirm::IncludeFollowups { .. } => e.yes_no_cancel,
            _ => e.yes_no,
        };
        lines.push(Line::styled(truncate(keys, width), app.theme.accent));
        lines
    });
}

pub fn conflict(app: &App, view: &ConflictView, area: Rect, buf: &mut Buffer) {
    let e = app.eui();
    overlay::render(app, area, buf, e.conflict_title, 110, 0, |width| {
        let width = width.max(1);
        let mut lines = wrap(
            &format!("{} {}", view.conflict.rel.display(), e.conflict_text),
            width,
            app.theme.warning,
        );
        lines.push(Line::styled(
            truncate(e.conflict_keys, width),
            app.theme.accent,
        ));
        lines.push(Line::default());
        match &view.changes {
            Some(changes) => {
                for (sign, text) in changes {
                    let style = match sign {
                        '-' => app.theme.error,
                        '+' => app.theme.accent,
                        _ => app.theme.muted,
                    };
                    lines.push(Line::styled(
                        truncate(&format!("{sign} {text}"), width),
                        style,
                    ));
                }
            }
            None => lines.push(Line::styled(e.conflict_deleted, app.theme.error)),
        }
        lines
    });
}

pub fn attendance(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let e = app.eui();
    let rows = app.attendance_rows();
    overlay::render(
        app,
        area,
        buf,
        e.attendance_title,
        80,
        cursor.saturating_sub(10),
        |width| {
            let mut lines = Vec::new();
            let members = rows.iter().filter(|r| r.member).count();
            if members == 0 {
                lines.extend(wrap(e.no_members, width.max(1), app.theme.muted));
            }
            for (i, row) in rows.iter().enumerate() {
                let (person, guest) = (&row.person, &row.guest);
                let mark = match row.state {
                    Some(AttendanceList::Participants) => e.present,
                    Some(AttendanceList::Apologies) => e.apology,
                    Some(AttendanceList::Guests) => e.present,
                    Some(AttendanceList::GuestApologies) => e.apology,
                    None => e.unmarked,
                };
                let who = person.line();
                let prefix = if *guest {
                    format!("{} · ", e.guests)
                } else {
                    String::new()
                };
                let pointer = if i == cursor { "▶" } else { " " };
                let text = truncate(&format!("{pointer} {mark:<10} {prefix}{who}"), width);
                let style = if i == cursor {
                    app.theme.selection
                } else {
                    app.theme.text
                };
                lines.push(Line::styled(text, style));
            }
            lines.push(Line::default());
            lines.push(Line::styled(
                truncate(e.attendance_keys, width),
                app.theme.accent,
            ));
            lines
        },
    );
}

/// The item kinds to choose from, numbered, the current choice marked.
pub fn kind_pick(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let title = match app.lang {
        crate::lang::Lang::Da => "Punktets type",
        crate::lang::Lang::En => "The item's kind",
    };
    overlay::render(app, area, buf, title, 50, 0, |width| {
        crate::model::ItemKind::ALL
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                let selected = i == cursor;
                let text = format!(
                    "{}{}  {}",
                    if selected { "▶ " } else { "  " },
                    i + 1,
                    app.lang.item_kind(*kind)
                );
                let style = if selected {
                    app.theme.selection
                } else {
                    app.theme.text
                };
                Line::styled(truncate(&text, width), style)
            })
            .collect()
    });
}
