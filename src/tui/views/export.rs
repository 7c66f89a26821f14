//! The export dialog: what, format, language and file, the field in focus marked; under them
//! what went wrong or where the file was written, and how to get pandoc where it is missing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::lang::Lang;
use crate::tui::app::App;
use crate::tui::export::{ExportDialog, Field, what_name, words};
use crate::tui::layout;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{truncate, wrap};

const MAX_WIDTH: u16 = 90;
/// The label column: "Format", "Sprog" and room.
const LABEL: usize = 9;

pub fn render(app: &App, dialog: &ExportDialog, area: Rect, buf: &mut Buffer) {
    let w = words(app.lang);
    let theme = &app.theme;
    let mut outer = layout::overlay(area, MAX_WIDTH);
    let inner_width = layout::inner(outer).width as usize;
    let mut notes: Vec<Line<'static>> = Vec::new();
    if let Some(path) = &dialog.written {
        notes.extend(wrap(
            &format!(
                "{}: {}",
                w.written,
                crate::text::sanitize(&path.display().to_string())
            ),
            inner_width.max(1),
            theme.success,
        ));
    } else if let Some(error) = &dialog.error {
        notes.extend(wrap(error, inner_width.max(1), theme.error));
    } else if dialog.format.needs_pandoc() && !dialog.pandoc {
        notes.extend(wrap(w.no_pandoc, inner_width.max(1), theme.warning));
    }
    outer.height = (4 + notes.len() as u16 + 3).min(outer.height);
    Clear.render(outer, buf);
    let keys = if dialog.written.is_some() {
        w.written_keys
    } else {
        w.keys
    };
    Block::bordered()
        .style(theme.text)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {} ", w.title), theme.title))
        .title_bottom(Line::styled(format!(" {keys} "), theme.muted).right_aligned())
        .render(outer, buf);
    let inner = layout::inner(outer);
    if inner.height == 0 || inner.width < 12 {
        return;
    }
    let width = inner.width as usize;
    let value_room = width.saturating_sub(LABEL + 2);
    let lang_name = |lang: Lang| match lang {
        Lang::Da => "dansk",
        Lang::En => "English",
    };
    let mut format = dialog.format.name().to_owned();
    if dialog.format.needs_pandoc() && !dialog.pandoc {
        format.push_str(" ✗ pandoc");
    }
    let rows = [
        (
            Field::What,
            w.what,
            what_name(app, dialog.what(), dialog.lang),
        ),
        (Field::Format, w.format, format),
        (Field::Lang, w.lang, lang_name(dialog.lang).to_owned()),
    ];
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(field, label, value)| {
            let focused = dialog.field == field && dialog.written.is_none();
            let marker = if focused { "▶ " } else { "  " };
            let style = if focused { theme.selection } else { theme.text };
            Line::from(vec![
                Span::styled(marker, theme.accent),
                Span::styled(format!("{label:<LABEL$}"), theme.muted),
                Span::styled(
                    format!("‹ {} ›", truncate(&value, value_room.saturating_sub(4))),
                    style,
                ),
            ])
        })
        .collect();
    let focused = dialog.field == Field::Path && dialog.written.is_none();
    lines.push(Line::from(vec![
        Span::styled(if focused { "▶ " } else { "  " }, theme.accent),
        Span::styled(format!("{:<LABEL$}", w.file), theme.muted),
    ]));
    lines.push(Line::default());
    lines.extend(notes);
    render_rows(lines, inner, buf);
    // The file name is typed in place, with its cursor when in focus.
    let path_area = Rect {
        x: inner.x + (LABEL + 2) as u16,
        y: inner.y + 3,
        width: inner.width.saturating_sub((LABEL + 2) as u16),
        height: 1,
    };
    if path_area.y < inner.y + inner.height {
        let style = if focused { theme.text } else { theme.muted };
        dialog.path.render(path_area, buf, style);
    }
}
