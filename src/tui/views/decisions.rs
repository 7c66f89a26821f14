//! Beslutninger: every decision, newest first, with each clause's outcome; the filters in
//! force; clause outcomes per year as a small bar chart. In the deviations view each row is
//! a departing clause with the recommendation and the decision side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::history::{DecisionRow, YearCounts, clause_pairs};
use crate::model::Outcome;
use crate::tui::app::App;
use crate::tui::history::CHART_YEARS;
use crate::tui::theme::Theme;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{fit_spans, truncate, wrap};

/// How an outcome is drawn: a glyph that tells it apart without colour, and a colour.
pub fn outcome_mark(theme: &Theme, outcome: Outcome) -> (char, Style) {
    match outcome {
        Outcome::Approved => ('█', theme.success),
        Outcome::ApprovedWithChanges => ('▓', theme.warning),
        Outcome::Rejected => ('▒', theme.error),
        Outcome::Noted => ('░', theme.accent),
        Outcome::Discussed => ('▚', theme.muted),
        Outcome::Postponed => ('╌', theme.warning),
        Outcome::Withdrawn => ('×', theme.muted),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let view = &app.decisions;
    let width = area.width as usize;
    let mut head = vec![filter_line(app, width)];
    head.extend(chart(app, &view.counts, width));
    head.push(Line::default());
    let header = view.header_height().min(area.height as usize);
    render_rows(
        head,
        Rect {
            height: header as u16,
            ..area
        },
        buf,
    );
    let list = Rect {
        y: area.y + header as u16,
        height: area.height.saturating_sub(header as u16),
        ..area
    };
    if view.rows.is_empty() {
        render_rows(
            [Line::styled(app.ui().no_decisions, app.theme.muted)],
            list,
            buf,
        );
        return;
    }
    let per_row = view.row_height();
    let shown = (list.height as usize).div_ceil(per_row);
    let lines = view
        .rows
        .iter()
        .enumerate()
        .skip(view.cursor.scroll)
        .take(shown)
        .flat_map(|(i, row)| {
            let selected = i == view.cursor.pos;
            let mut lines = if view.filter.deviations {
                deviation_lines(app, row, width)
            } else {
                decision_lines(app, row, width)
            };
            lines.resize(per_row, Line::default());
            if selected {
                lines[0] = lines[0].clone().patch_style(app.theme.selection);
            }
            lines
        });
    render_rows(lines, list, buf);
}

fn filter_line(app: &App, width: usize) -> Line<'static> {
    let ui = app.ui();
    let f = &app.decisions.filter;
    let title = if f.deviations {
        ui.deviations_title
    } else {
        ui.decisions_title
    };
    let body = f.body.as_ref().map_or(ui.all_bodies.to_owned(), |b| {
        app.archive
            .forum
            .bodies
            .iter()
            .find(|x| x.id.as_str() == b)
            .map_or_else(|| b.clone(), |x| x.short.clone())
    });
    let year = f.year.map_or(ui.all_years.to_owned(), |y| y.to_string());
    let outcome = f.outcome.map_or(ui.all_outcomes.to_owned(), |o| {
        app.lang.outcome(o).to_owned()
    });
    let tag = f.tag.clone().unwrap_or_else(|| ui.all_tags.to_owned());
    let count = app.decisions.rows.len();
    let filters = format!("  {body} · {year} · {outcome} · {tag} · {count}");
    fit_spans(
        vec![
            Span::styled(title.to_owned(), app.theme.title),
            Span::styled(filters, app.theme.muted),
        ],
        width,
    )
}

/// One line per year (the latest years), bars scaled to the busiest year, and a legend.
fn chart(app: &App, counts: &[YearCounts], width: usize) -> Vec<Line<'static>> {
    if counts.is_empty() {
        return Vec::new();
    }
    let shown = &counts[counts.len().saturating_sub(CHART_YEARS)..];
    let most = shown
        .iter()
        .map(YearCounts::total)
        .max()
        .unwrap_or(1)
        .max(1);
    let bar_room = width.saturating_sub(14).clamp(1, 50);
    let mut lines = Vec::new();
    for year in shown.iter().rev() {
        let mut spans = vec![Span::styled(format!("{}  ", year.year), app.theme.muted)];
        let total = year.total();
        // Each outcome gets its share of the bar, at least one cell when it occurs.
        let scaled = (total * bar_room).div_ceil(most).max(1);
        for o in Outcome::ALL {
            let n = year.get(o);
            if n == 0 {
                continue;
            }
            let cells = ((n * scaled) / total.max(1)).max(1);
            let (glyph, style) = outcome_mark(&app.theme, o);
            spans.push(Span::styled(glyph.to_string().repeat(cells), style));
        }
        spans.push(Span::styled(format!(" {total}"), app.theme.text));
        lines.push(fit_spans(spans, width));
    }
    let mut legend = Vec::new();
    for o in Outcome::ALL {
        let n: usize = shown.iter().map(|y| y.get(o)).sum();
        if n == 0 {
            continue;
        }
        let (glyph, style) = outcome_mark(&app.theme, o);
        legend.push(Span::styled(format!("{glyph} "), style));
        legend.push(Span::styled(
            format!("{} {n}   ", app.lang.outcome(o).to_lowercase()),
            app.theme.muted,
        ));
    }
    lines.push(fit_spans(legend, width));
    lines
}

/// The first line of a row: date, body, item number and title.
fn heading(
    app: &App,
    row: &DecisionRow,
    selected_letter: Option<usize>,
    width: usize,
) -> Line<'static> {
    let meeting = &app.archive.meetings[row.meeting];
    let item = &meeting.items[row.item];
    let short = app.archive.forum.body_short(meeting.body());
    let number = match selected_letter {
        Some(c) => format!("{:>3} {} ", item.number, item.clause_label(c)),
        None => format!("{:>3}  ", item.number),
    };
    fit_spans(
        vec![
            Span::styled(
                format!(" {:<19}", app.lang.date(meeting.date())),
                app.theme.text,
            ),
            Span::styled(
                format!("{short:<4}"),
                app.theme.body(meeting.body().as_str()),
            ),
            Span::styled(number, app.theme.muted),
            Span::styled(
                item.shown_title(app.lang.labels().closed_item).to_owned(),
                app.theme.text,
            ),
        ],
        width,
    )
}

fn decision_lines(app: &App, row: &DecisionRow, width: usize) -> Vec<Line<'static>> {
    let item = &app.archive.meetings[row.meeting].items[row.item];
    let mut spans = vec![Span::raw(" ".repeat(25))];
    let pairs = clause_pairs(item);
    if pairs.is_empty() {
        let text = item.decision.as_ref().map_or("", |d| d.text.as_str());
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        spans.push(Span::styled(first.to_owned(), app.theme.muted));
    }
    for p in pairs {
        let (glyph, style) = outcome_mark(&app.theme, p.outcome);
        spans.push(Span::styled(
            format!("{} {glyph} ", item.clause_label(p.index))
                .trim_start()
                .to_owned(),
            style,
        ));
        spans.push(Span::styled(
            format!("{}   ", app.lang.outcome(p.outcome)),
            style,
        ));
    }
    vec![heading(app, row, None, width), fit_spans(spans, width)]
}

fn deviation_lines(app: &App, row: &DecisionRow, width: usize) -> Vec<Line<'static>> {
    let item = &app.archive.meetings[row.meeting].items[row.item];
    let Some(pair) = clause_pairs(item)
        .into_iter()
        .find(|p| Some(p.index) == row.clause)
    else {
        return vec![heading(app, row, row.clause, width)];
    };
    let (glyph, style) = outcome_mark(&app.theme, pair.outcome);
    let mut head = heading(app, row, row.clause, width.saturating_sub(26));
    head.spans.push(Span::styled(
        format!("  {glyph} {}", app.lang.outcome(pair.outcome)),
        style,
    ));
    let indent = 6;
    let gap = 3;
    let column = width.saturating_sub(indent + gap) / 2;
    let labels = app.lang.labels();
    let left = side(pair.recommendation.unwrap_or("—"), column, app.theme.text);
    let right = side(pair.decision, column, app.theme.text);
    let mut lines = vec![head];
    lines.push(Line::from(vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(
            format!("{:<column$}", truncate(labels.recommendation, column)),
            app.theme.muted,
        ),
        Span::raw(" ".repeat(gap)),
        Span::styled(truncate(labels.decision, column), app.theme.muted),
    ]));
    for (l, r) in left.into_iter().zip(right) {
        let pad = column.saturating_sub(crate::tui::widgets::wrap::line_width(&l));
        let mut spans = vec![Span::raw(" ".repeat(indent))];
        spans.extend(l.spans);
        spans.push(Span::raw(" ".repeat(pad + gap)));
        spans.extend(r.spans);
        lines.push(Line::from(spans));
    }
    lines
}

/// A text wrapped into exactly three lines of `width`, the last ending in "…" when cut.
fn side(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = wrap(&flat, width.max(1), style);
    if lines.len() > 3 {
        lines.truncate(3);
        let last: String = lines[2].spans.iter().map(|s| s.content.as_ref()).collect();
        lines[2] = Line::styled(truncate(&format!("{last} …"), width), style);
    }
    lines.resize(3, Line::default());
    lines
}
