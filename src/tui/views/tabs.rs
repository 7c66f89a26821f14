//! The tab bar: the screens by number and Danish name, and the forum and today on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Screen};

/// Each tab's screen, first column and width.
fn tabs(app: &App) -> Vec<(Screen, u16, String)> {
    let mut x = 0u16;
    Screen::ALL
        .iter()
        .enumerate()
        .map(|(i, screen)| {
            let label = format!(" {} {} ", i + 1, screen.name(app.ui()));
            let start = x;
            x = x.saturating_add(label.width() as u16 + 1);
            (*screen, start, label)
        })
        .collect()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let current = app.screen;
    let mut spans = Vec::new();
    for (screen, _, label) in tabs(app) {
        let style = if screen == current {
            app.theme.selection
        } else {
            app.theme.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    // The forum and today in full where there is room; else today alone, shorter and
    // shorter: the date is never cut in the middle.
    let long = app.lang.long_date(app.today);
    let right = [
        format!("{} · {long}", app.archive.forum.name),
        long,
        app.lang.date(app.today),
        app.lang.day_month(app.today),
    ]
    .into_iter()
    .find(|r| r.width() <= room)
    .unwrap_or_default();
    let pad = room.saturating_sub(right.width()) + 1;
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, app.theme.title));
    Line::from(spans).render(area, buf);
}

/// The screen whose tab is at column `x`.
pub fn hit(app: &App, area: Rect, x: u16) -> Option<Screen> {
    tabs(app)
        .into_iter()
        .find(|(_, start, label)| {
            let start = area.x + start;
            x >= start && x < start + label.width() as u16
        })
        .map(|(screen, _, _)| screen)
}
