//! Møder: every meeting by year, newest first, with its body, date and status. Only the rows
//! in view are laid out, so an archive of thousands of meetings scrolls as fast as ten.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::{App, Row};
use crate::tui::doc::visible_start;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{fit_spans, truncate};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let ui = app.ui();
    let theme = &app.theme;
    let width = area.width.saturating_sub(2) as usize;
    let filter = app
        .list
        .body
        .as_ref()
        .map_or(ui.all_bodies.to_owned(), |b| app.archive.forum.body_name(b));
    let title = format!("{} — {filter}", ui.tab_meetings);
    Line::styled(truncate(&title, width), theme.title).render(
        Rect {
            x: area.x + 1,
            height: 1,
            width: width as u16,
            ..area
        },
        buf,
    );
    let rows_area = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: width as u16,
        height: area.height.saturating_sub(1),
    };
    if app.list.rows.is_empty() {
        Line::styled(truncate(ui.no_meetings, width), theme.muted).render(rows_area, buf);
        return;
    }
    let height = rows_area.height as usize;
    let cursor = app.list.cursor;
    let start = visible_start(cursor.pos, cursor.scroll, height, app.list.rows.len());
    // Only the rows in view are laid out.
    let rows = app.list.rows.iter().enumerate().skip(start).take(height);
    let lines = rows.map(|(index, row)| {
        let line = row_line(app, *row, width);
        if index == cursor.pos {
            line.patch_style(theme.selection)
        } else {
            line
        }
    });
    render_rows(lines, rows_area, buf);
}

fn row_line(app: &App, row: Row, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let ui = app.ui();
    match row {
        Row::Year(year) => Line::styled(truncate(&year.to_string(), width), theme.title),
        Row::Meeting(i) => {
            let s = &app.schedule[i];
            let short = app.archive.forum.body_short(&s.id.body);
            let name = app.archive.forum.body_name(&s.id.body);
            let date = app.lang.long_date(s.date);
            let (status, status_style) = match app.archive.meeting(&s.id) {
                Some(m) => (
                    format!(
                        "{} · {} {}",
                        app.lang.status(m.status),
                        m.items.len(),
                        app.lang.labels().items_count
                    ),
                    theme.text,
                ),
                None if s.cancelled => (
                    crate::calendar::words::CalendarWords::of(app.lang)
                        .cancelled
                        .to_owned(),
                    theme.warning,
                ),
                None => (ui.planned.to_owned(), theme.muted),
            };
            let mut spans = vec![
                Span::raw("  "),
                Span::styled(format!("{short:<4} "), theme.body(s.id.body.as_str())),
                Span::styled(
                    format!("{date:<30}"),
                    if s.cancelled {
                        theme
                            .text
                            .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
                    } else {
                        theme.text
                    },
                ),
            ];
            if width >= 90 {
                spans.push(Span::styled(
                    format!("{:<22}", truncate(&name, 21)),
                    theme.muted,
                ));
            }
            spans.push(Span::styled(status, status_style));
            if s.move_pending {
                spans.push(Span::styled(
                    format!("  ({})", ui.move_pending),
                    theme.warning,
                ));
            }
            // Changed here and not yet sent to the others (the archive in git).
            let unsynced = app.branch.as_ref().is_some_and(|b| {
                app.archive
                    .meeting(&s.id)
                    .is_some_and(|m| b.unsynced.contains(&m.file))
            });
            if unsynced {
                let words = match app.lang {
                    crate::lang::Lang::Da => "  ↑ ikke sendt",
                    crate::lang::Lang::En => "  ↑ not sent",
                };
                spans.push(Span::styled(words, theme.accent));
            }
            fit_spans(spans, width)
        }
    }
}
