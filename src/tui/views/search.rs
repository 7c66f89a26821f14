//! The search window: the query, how many hits (or that the search is running, or what in
//! the query could not be read), and the hits grouped by meeting with a snippet each. Only
//! the rows in view are laid out, so a query with thousands of hits draws as fast as one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::search::{Query, Snippet, describe_hit, matches};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::search::{ResultRow, SearchPanel, result_rows};
use crate::tui::widgets::finder;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{fit_spans, truncate};

const MAX_WIDTH: u16 = 120;

fn window(area: Rect) -> Rect {
    layout::overlay(area, MAX_WIDTH)
}

/// How many result rows the window shows at this terminal size.
pub fn results_height(size: (u16, u16)) -> usize {
    let inner = layout::inner(window(Rect::new(0, 0, size.0, size.1)));
    inner.height.saturating_sub(finder::HEAD) as usize
}

pub fn render(app: &App, panel: &SearchPanel, area: Rect, buf: &mut Buffer) {
    let ui = app.ui();
    let results = &panel.results;
    let status = |width: usize| {
        if !results.query.problems.is_empty() && !panel.pending() {
            Line::styled(
                truncate(
                    &results
                        .query
                        .problems
                        .iter()
                        .map(|p| p.get(app.lang))
                        .collect::<Vec<_>>()
                        .join("; "),
                    width,
                ),
                app.theme.error,
            )
        } else if panel.pending() {
            Line::styled(ui.searching, app.theme.muted)
        } else if results.query.is_empty() {
            Line::styled(truncate(ui.search_hint, width), app.theme.muted)
        } else if results.hits.is_empty() {
            Line::styled(ui.no_hits, app.theme.warning)
        } else {
            Line::styled(count_line(app, &panel.results.hits), app.theme.muted)
        }
    };
    let Some(list) = finder::render(
        app,
        window(area),
        buf,
        (ui.search_title, ui.search_keys),
        ("/ ", &panel.input),
        status,
    ) else {
        return;
    };
    let width = list.width as usize;
    let rows = result_rows(&results.hits);
    // A hit's title line and snippet line share one look-up.
    let mut described: Option<(usize, Described)> = None;
    let visible = rows
        .iter()
        .skip(panel.scroll)
        .take(list.height as usize)
        .map(|row| result_line(app, panel, *row, width, &mut described));
    render_rows(visible, list, buf);
}

fn count_line(app: &App, hits: &[crate::search::Hit]) -> String {
    let ui = app.ui();
    let mut meetings = hits.iter().map(|h| &h.meeting).collect::<Vec<_>>();
    meetings.dedup();
    let hit_word = if hits.len() == 1 { ui.hit_one } else { ui.hits };
    let meeting_word = if meetings.len() == 1 {
        ui.meeting_word
    } else {
        ui.meetings_word
    };
    format!(
        "{} {hit_word} {} {} {meeting_word}",
        hits.len(),
        ui.in_meetings,
        meetings.len()
    )
}

type Described = Option<(String, Option<Snippet>)>;

fn result_line(
    app: &App,
    panel: &SearchPanel,
    row: ResultRow,
    width: usize,
    described: &mut Option<(usize, Described)>,
) -> Line<'static> {
    let hits = &panel.results.hits;
    let q = &panel.results.query;
    match row {
        ResultRow::Meeting(i) => {
            let id = &hits[i].meeting;
            let short = app.archive.forum.body_short(&id.body);
            fit_spans(
                vec![
                    Span::styled(short, app.theme.body(id.body.as_str())),
                    Span::styled(
                        format!(" · {}", app.lang.long_date(id.date)),
                        app.theme.title,
                    ),
                ],
                width,
            )
        }
        ResultRow::Hit(i) | ResultRow::Snippet(i) => {
            let selected = i == panel.selected;
            let hit = &hits[i];
            if described.as_ref().is_none_or(|(n, _)| *n != i) {
                let snippet_width = width.saturating_sub(8 + 14).max(10);
                let found = app
                    .archive
                    .meeting(&hit.meeting)
                    .map(|m| describe_hit(m, hit, q, snippet_width));
                *described = Some((i, found));
            }
            let Some((_, Some((title, snippet)))) = described.as_ref() else {
                return Line::default();
            };
            let mut line = if let ResultRow::Hit(_) = row {
                let number = match &hit.item {
                    Some(n) => format!("{n:>3}  "),
                    None => format!("  ({})  ", app.ui().meeting_itself),
                };
                let marker = if selected { "▸ " } else { "  " };
                let mut spans = vec![
                    Span::styled(marker, app.theme.accent),
                    Span::styled(number, app.theme.muted),
                ];
                spans.extend(marked_spans(
                    &sanitize(title),
                    q,
                    app.theme.text,
                    app.theme.highlight,
                ));
                fit_spans(spans, width)
            } else {
                snippet_line(app, snippet.as_ref(), width)
            };
            if selected {
                line = line.patch_style(app.theme.selection);
            }
            line
        }
    }
}

fn snippet_line(app: &App, snippet: Option<&Snippet>, width: usize) -> Line<'static> {
    let Some(s) = snippet else {
        return Line::default();
    };
    let mut spans = vec![Span::styled(
        format!("       {}: ", s.field.label(app.lang)),
        app.theme.muted,
    )];
    let chars: Vec<char> = sanitize(&s.text).chars().collect();
    let mut at = 0;
    for m in &s.marks {
        let (start, end) = (m.start.min(chars.len()), m.end.min(chars.len()));
        if start > at {
            spans.push(Span::styled(
                chars[at..start].iter().collect::<String>(),
                app.theme.text,
            ));
        }
        spans.push(Span::styled(
            chars[start..end].iter().collect::<String>(),
            app.theme.highlight,
        ));
        at = end.max(at);
    }
    if at < chars.len() {
        spans.push(Span::styled(
            chars[at..].iter().collect::<String>(),
            app.theme.text,
        ));
    }
    fit_spans(spans, width)
}

/// `text` as spans, the words matching `q` in `mark`.
fn marked_spans(text: &str, q: &Query, plain: Style, mark: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for r in matches(text, q) {
        if r.start > at {
            spans.push(Span::styled(text[at..r.start].to_owned(), plain));
        }
        spans.push(Span::styled(text[r.clone()].to_owned(), mark));
        at = r.end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_owned(), plain));
    }
    spans
}

/// A laid-out line with the words matching `q` highlighted (the item pane while stepping
/// through hits). Span styles are kept; matches get `mark` patched on.
pub fn highlight_line(line: &Line<'static>, q: &Query, mark: Style) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let found = matches(&text, q);
    if found.is_empty() {
        return line.clone();
    }
    let mut spans = Vec::new();
    let mut offset = 0;
    for span in &line.spans {
        let content = span.content.as_ref();
        let (start, end) = (offset, offset + content.len());
        let mut cut = start;
        for r in found.iter().filter(|r| r.start < end && r.end > start) {
            let (s, e) = (r.start.max(start), r.end.min(end));
            if s > cut {
                spans.push(Span::styled(text[cut..s].to_owned(), span.style));
            }
            spans.push(Span::styled(text[s..e].to_owned(), span.style.patch(mark)));
            cut = e;
        }
        if cut < end {
            spans.push(Span::styled(text[cut..end].to_owned(), span.style));
        }
        offset = end;
    }
    Line {
        spans,
        ..line.clone()
    }
}
