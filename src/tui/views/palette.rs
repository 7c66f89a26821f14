//! The command palette: the query, how many choices match, and one row per choice (its
//! kind, what it is, and its key or id at the right). Only the rows in view are laid out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::palette::{Kind, Palette};
use crate::tui::widgets::finder;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::truncate;

const MAX_WIDTH: u16 = 100;
/// The kind column: "opfølgning" and a space.
const KIND_WIDTH: usize = 11;

fn window(area: Rect) -> Rect {
    layout::overlay(area, MAX_WIDTH)
}

/// How many choices the window shows at this terminal size.
pub fn list_height(size: (u16, u16)) -> usize {
    let inner = layout::inner(window(Rect::new(0, 0, size.0, size.1)));
    inner.height.saturating_sub(finder::HEAD) as usize
}

struct Words {
    title: &'static str,
    keys: &'static str,
    hint: &'static str,
    none: &'static str,
    one: &'static str,
    many: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Da => Words {
            title: "Kommandoer og find",
            keys: "↑↓ vælg · Enter kør/åbn · Esc luk",
            hint: "Skriv en del af en handling, et møde, et punkt eller en opfølgning",
            none: "Intet passer",
            one: "valgmulighed",
            many: "valgmuligheder",
        },
        Lang::En => Words {
            title: "Commands and find",
            keys: "↑↓ choose · Enter run/open · Esc close",
            hint: "Type part of an action, a meeting, an item or a follow-up",
            none: "Nothing matches",
            one: "choice",
            many: "choices",
        },
    }
}

/// The palette's keys, for its border and the status bar.
pub fn keys(lang: Lang) -> &'static str {
    words(lang).keys
}

pub fn render(app: &App, palette: &Palette, area: Rect, buf: &mut Buffer) {
    let w = words(app.lang);
    let theme = &app.theme;
    let count = palette.shown.len();
    let status = |width: usize| {
        if palette.input.is_empty() {
            Line::styled(truncate(w.hint, width), theme.muted)
        } else if count == 0 && !palette.pending() {
            Line::styled(w.none, theme.warning)
        } else {
            let word = if count == 1 { w.one } else { w.many };
            // The count of the last matches, while the newest query is being matched.
            let more = if palette.pending() { " …" } else { "" };
            Line::styled(format!("{count} {word}{more}"), theme.muted)
        }
    };
    let Some(list) = finder::render(
        app,
        window(area),
        buf,
        (w.title, w.keys),
        (": ", &palette.input),
        status,
    ) else {
        return;
    };
    let width = list.width as usize;
    let rows = palette
        .shown
        .iter()
        .enumerate()
        .skip(palette.scroll)
        .take(list.height as usize)
        .map(|(pos, &i)| {
            let choice = &palette.choices[i];
            let selected = pos == palette.selected;
            let kind_style = match choice.kind {
                Kind::Action => theme.accent,
                _ => theme.muted,
            };
            let marker = if selected { "▶ " } else { "  " };
            let kind = format!("{:<KIND_WIDTH$}", choice.kind.word(app.lang));
            let detail = truncate(&choice.detail, width / 3);
            let room = width
                .saturating_sub(2 + KIND_WIDTH + detail.width() + 1)
                .max(1);
            let label = truncate(&choice.label, room);
            let gap = room.saturating_sub(label.width()) + 1;
            let style = if selected {
                theme.selection
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(kind, if selected { style } else { kind_style }),
                Span::styled(label, style),
                Span::styled(" ".repeat(gap), style),
                Span::styled(detail, if selected { style } else { theme.muted }),
            ])
        });
    render_rows(rows, list, buf);
}
