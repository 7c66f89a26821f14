//! The frame shared by the search window and the command palette: a bordered window with
//! its title and keys, the query line behind its sign (`/`, `:`), a status line and a rule;
//! the caller draws its rows in the area returned.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::rows::render_rows;
use super::textarea::TextArea;
use crate::tui::app::App;
use crate::tui::layout;

/// Query, status and rule above the rows.
pub const HEAD: u16 = 3;

/// Draws the window in `outer`, with `status` made for the inside width; returns the area
/// for the rows, or `None` when the window is too small to hold any.
pub fn render(
    app: &App,
    outer: Rect,
    buf: &mut Buffer,
    (title, keys): (&str, &str),
    (sign, input): (&str, &TextArea),
    status: impl FnOnce(usize) -> Line<'static>,
) -> Option<Rect> {
    let theme = &app.theme;
    Clear.render(outer, buf);
    Block::bordered()
        .style(theme.text)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Line::styled(format!(" {keys} "), theme.muted).right_aligned())
        .render(outer, buf);
    let inner = layout::inner(outer);
    if inner.height == 0 || inner.width < 4 {
        return None;
    }
    Span::styled(sign.to_owned(), theme.accent).render(
        Rect {
            width: 2,
            height: 1,
            ..inner
        },
        buf,
    );
    input.render(
        Rect {
            x: inner.x + 2,
            width: inner.width - 2,
            height: 1,
            ..inner
        },
        buf,
        theme.text,
    );
    let width = inner.width as usize;
    let rule = Line::styled("─".repeat(width), theme.muted);
    render_rows(
        [status(width), rule],
        Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1).min(2),
            ..inner
        },
        buf,
    );
    Some(Rect {
        y: inner.y + HEAD.min(inner.height),
        height: inner.height.saturating_sub(HEAD),
        ..inner
    })
}
