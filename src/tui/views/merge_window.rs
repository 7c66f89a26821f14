//! The merge-conflict window: the field, then my version and theirs side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::merge::Recorded;
use crate::tui::app::App;
use crate::tui::merge_window::{MergeWindow, keys};
use crate::tui::widgets::overlay;
use crate::tui::widgets::wrap::{truncate, wrap};

pub fn render(app: &App, window: &MergeWindow, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let theme = &app.theme;
    let title = match lang {
        Lang::Da => "Flettekonflikt",
        Lang::En => "Merge conflict",
    };
    overlay::render(app, area, buf, title, 120, 0, |width| {
        let width = width.max(1);
        let mut lines = Vec::new();
        let Some(conflict) = window.current() else {
            return lines;
        };
        let count = match lang {
            Lang::Da => format!("konflikt {} af {}", window.pos + 1, window.conflicts.len()),
            Lang::En => format!("conflict {} of {}", window.pos + 1, window.conflicts.len()),
        };
        lines.push(Line::styled(
            truncate(&format!("{} · {count}", window.rel.display()), width),
            theme.muted,
        ));
        let field = field_words(&conflict.field, lang);
        let said = match lang {
            Lang::Da => format!(
                "{field} blev ændret både her og hos en anden ({}). Vælg, hvilken udgave der gælder.",
                conflict.field
            ),
            Lang::En => format!(
                "{field} was changed both here and by someone else ({}). Choose the version that stands.",
                conflict.field
            ),
        };
        lines.extend(wrap(&said, width, theme.warning));
        lines.push(Line::default());
        let (mine, theirs) = match lang {
            Lang::Da => ("Min udgave", "Den andens udgave"),
            Lang::En => ("My version", "The other version"),
        };
        let column = width.saturating_sub(3) / 2;
        let left = version(conflict.mine.as_deref(), column, theme.text, lang);
        let right = version(conflict.theirs.as_deref(), column, theme.text, lang);
        lines.push(side_by_side(
            Line::styled(truncate(mine, column), theme.title),
            Line::styled(truncate(theirs, column), theme.title),
            column,
            theme.muted,
        ));
        let rows = left.len().max(right.len());
        for i in 0..rows {
            lines.push(side_by_side(
                left.get(i).cloned().unwrap_or_default(),
                right.get(i).cloned().unwrap_or_default(),
                column,
                theme.muted,
            ));
        }
        lines.push(Line::default());
        lines.push(Line::styled(truncate(keys(lang), width), theme.accent));
        lines
    });
}

/// One version wrapped to its column, line breaks kept; "(fjernet)" where it was removed.
fn version(text: Option<&str>, width: usize, style: Style, lang: Lang) -> Vec<Line<'static>> {
    let Some(shown) = Recorded::shown(text) else {
        let removed = match lang {
            Lang::Da => "(feltet fjernet)",
            Lang::En => "(the field removed)",
        };
        return vec![Line::styled(truncate(removed, width), style)];
    };
    let mut lines = Vec::new();
    for line in shown.lines() {
        if line.trim().is_empty() {
            lines.push(Line::default());
        } else {
            lines.extend(wrap(line, width.max(1), style));
        }
    }
    if lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

fn side_by_side(
    left: Line<'static>,
    right: Line<'static>,
    column: usize,
    rule: Style,
) -> Line<'static> {
    let used: usize = left.spans.iter().map(|s| s.content.width()).sum();
    let mut spans = left.spans;
    spans.push(Span::raw(" ".repeat(column.saturating_sub(used))));
    spans.push(Span::styled(" │ ", rule));
    spans.extend(right.spans);
    Line::from(spans)
}

/// A field's path as a secretary says it: `items[7].decision.clauses[2].text` is "Punkt 7,
/// beslutning, klausul 2, tekst".
pub fn field_words(field: &str, lang: Lang) -> String {
    let da = lang == Lang::Da;
    let mut words: Vec<String> = Vec::new();
    for part in field.split('.') {
        let (key, entry) = match part.split_once('[') {
            Some((k, rest)) => (k, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        let word = match (key, da) {
            ("items", true) => "punkt",
            ("items", false) => "item",
            ("clauses", true) => "klausul",
            ("clauses", false) => "clause",
            ("title", true) => "titel",
            ("decision", true) => "beslutning",
            ("recommendation", true) => "indstilling",
            ("background", true) => "baggrund",
            ("text", true) => "tekst",
            ("outcome", true) => "udfald",
            ("remarks", true) => "bemærkninger",
            ("attachments", true) => "bilag",
            ("followups", true) => "opfølgning",
            ("meetings", true) => "møde",
            ("events", true) => "arrangement",
            ("place", true) => "sted",
            ("start", true) => "begynder",
            ("end", true) => "slutter",
            ("due", true) => "frist",
            ("owner", true) => "ansvarlig",
            ("what", true) => "hvad",
            ("note", true) => "note",
            ("date", true) => "dato",
            ("name", true) => "navn",
            ("followups", false) => "follow-up",
            ("meetings", false) => "meeting",
            ("events", false) => "event",
            ("attachments", false) => "attachment",
            (other, _) => other,
        };
        words.push(match entry {
            Some(e) => format!("{word} {e}"),
            None => word.to_owned(),
        });
    }
    let mut text = words.join(", ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}
