//! A bordered window over the screen with scrollable lines: the help and the problems panel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::rows::render_rows;
use crate::tui::app::App;
use crate::tui::layout;

/// Draws `lines` (laid out by `lines` for the inside width) in a window at most `max_width`
/// wide, no taller than its content, starting `scroll` lines down.
pub fn render(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    max_width: u16,
    scroll: usize,
    lines: impl FnOnce(usize) -> Vec<Line<'static>>,
) {
    let mut outer = layout::overlay(area, max_width);
    let lines = lines(layout::inner(outer).width as usize);
    outer.height = outer.height.min(lines.len() as u16 + 2);
    Clear.render(outer, buf);
    Block::bordered()
        .style(app.theme.text)
        .border_style(app.theme.accent)
        .title(Span::styled(format!(" {title} "), app.theme.title))
        .render(outer, buf);
    let inner = layout::inner(outer);
    let start = scroll.min(lines.len().saturating_sub(inner.height as usize));
    render_rows(lines.into_iter().skip(start), inner, buf);
}
