//! The item's history window: the versions, newest first, and what the chosen one changed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::git::history::{Version, field_word};
use crate::lang::Lang;
use crate::tui::app::App;
use crate::tui::item_history::{HistoryWindow, keys};
use crate::tui::widgets::overlay;
use crate::tui::widgets::wrap::{fit_spans, truncate, wrap};

pub fn render(app: &App, window: &HistoryWindow, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let theme = &app.theme;
    let title = match lang {
        Lang::Da => format!("Historik: punkt {} {}", window.item, window.title),
        Lang::En => format!("History: item {} {}", window.item, window.title),
    };
    let height = area.height.saturating_sub(4) as usize;
    overlay::render(app, area, buf, &title, 120, 0, |width| {
        let width = width.max(1);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let versions = match &window.versions {
            None => {
                let asking = match lang {
                    Lang::Da => "Henter historikken fra git …",
                    Lang::En => "Reading the history from git …",
                };
                return vec![Line::styled(asking, theme.muted)];
            }
            Some(Err(why)) => return wrap(why.get(lang), width, theme.error),
            Some(Ok(v)) if v.is_empty() => {
                let none = match lang {
                    Lang::Da => "Punktet er ikke ændret i git's historik endnu.",
                    Lang::En => "The item has not changed in git's history yet.",
                };
                return vec![Line::styled(none, theme.muted)];
            }
            Some(Ok(v)) => v,
        };
        // The list takes at most a third of the window; the change the rest.
        let list_rows = (height / 3).clamp(3, 10).min(versions.len());
        let start = window
            .cursor
            .saturating_sub(list_rows.saturating_sub(1))
            .min(versions.len().saturating_sub(list_rows));
        let base = window
            .marked
            .filter(|m| *m != window.cursor)
            .unwrap_or(window.cursor + 1);
        for (i, v) in versions.iter().enumerate().skip(start).take(list_rows) {
            let selected = i == window.cursor;
            let compared = window.marked == Some(i);
            let style = if selected {
                theme.selection
            } else {
                theme.text
            };
            lines.push(fit_spans(
                vec![
                    Span::styled(
                        match (selected, compared) {
                            (true, _) => "▶ ",
                            (false, true) => "◆ ",
                            _ => "  ",
                        },
                        theme.accent,
                    ),
                    Span::styled(format!("{:<28}", when(&v.date, lang)), style),
                    Span::styled(format!("{:<16} ", truncate(&v.author, 15)), theme.accent),
                    Span::styled(truncate(&v.message, width), style),
                ],
                width,
            ));
        }
        lines.push(Line::styled("─".repeat(width), theme.muted));
        let Some(v) = versions.get(window.cursor) else {
            return lines;
        };
        let previous = versions.get(base);
        let mut change: Vec<Line<'static>> = Vec::new();
        if let (Some(_), Some(p)) = (window.marked, previous) {
            let against = match lang {
                Lang::Da => format!("Forskellen fra udgaven {} ◆", when(&p.date, lang)),
                Lang::En => format!(
                    "The difference from the version of {} ◆",
                    when(&p.date, lang)
                ),
            };
            change.push(Line::styled(truncate(&against, width), theme.muted));
        }
        // Against the version before, what this one changed; against a chosen one, every
        // field that differs.
        let fields: Vec<String> = match (window.marked, previous) {
            (Some(_), Some(p)) => v
                .fields
                .iter()
                .filter(|(k, val)| {
                    p.fields.iter().find(|(pk, _)| pk == k).map(|(_, pv)| pv) != Some(val)
                })
                .map(|(k, _)| k.clone())
                .collect(),
            _ => v.changed.clone(),
        };
        for field in &fields {
            change.push(Line::styled(
                crate::lang::capitalized(field_word(field, lang)),
                theme.title,
            ));
            let mut old = previous
                .and_then(|p| field_text(p, field))
                .unwrap_or_default();
            let mut new = field_text(v, field).unwrap_or_default();
            // Always from the older version to the newer (newest is first in the list).
            if base < window.cursor {
                std::mem::swap(&mut old, &mut new);
            }
            for (sign, text) in crate::store::diff_lines(&old, &new, 3) {
                let style = match sign {
                    '-' => theme.error,
                    '+' => theme.accent,
                    _ => theme.muted,
                };
                change.extend(wrap(&format!("{sign} {text}"), width, style));
            }
            change.push(Line::default());
        }
        let room = height.saturating_sub(lines.len() + 1).max(1);
        let scroll = window.scroll.min(change.len().saturating_sub(room));
        lines.extend(change.into_iter().skip(scroll).take(room));
        lines.push(Line::styled(truncate(keys(lang), width), theme.accent));
        lines
    });
}

fn field_text(v: &Version, field: &str) -> Option<String> {
    v.fields
        .iter()
        .find(|(k, _)| k == field)
        .and_then(|(_, t)| t.clone())
        .map(|t| {
            if t.ends_with('\n') {
                t
            } else {
                format!("{t}\n")
            }
        })
}

/// "2. december 2026 kl. 12.26", from git's ISO 8601 date.
pub fn when(iso: &str, lang: Lang) -> String {
    match chrono::DateTime::parse_from_rfc3339(iso) {
        Ok(t) => {
            let (date, time) = (t.date_naive(), t.time());
            match lang {
                Lang::Da => format!("{} kl. {}", lang.date(date), time.format("%H.%M")),
                Lang::En => format!("{} {}", lang.date(date), time.format("%H:%M")),
            }
        }
        Err(_) => iso.to_owned(),
    }
}
