//! Opfølgning: every follow-up (and every year of a yearly deadline) sorted by due, with its
//! state as of today, the filters in force, and the selected follow-up in full below the
//! list. Only the rows on screen are laid out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::export::followups::{details, origin_phrase};
use crate::followup::{Entry, FollowupState, entry_due_phrase};
use crate::text::one_line;
use crate::tui::app::App;
use crate::tui::followup_labels::{followup_ui, state_filter};
use crate::tui::followups::{AgendaPick, ROW_HEIGHT, areas};
use crate::tui::theme::Theme;
use crate::tui::widgets::overlay;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{fit_spans, truncate, wrap};

/// Width of the state column.
const STATE_WIDTH: usize = 16;

/// How a state is drawn: a mark that reads without colour, and a colour.
pub fn state_mark(theme: &Theme, state: FollowupState) -> (char, Style) {
    match state {
        FollowupState::Overdue => ('!', theme.error),
        FollowupState::Triggered => ('»', theme.warning),
        FollowupState::DueSoon => ('•', theme.warning),
        FollowupState::Later => ('·', theme.text),
        FollowupState::Waiting => ('…', theme.muted),
        FollowupState::Answered => ('↩', theme.accent),
        FollowupState::Suggested => ('?', theme.muted),
        FollowupState::Done => ('✓', theme.success),
        FollowupState::Cancelled => ('×', theme.muted),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let parts = areas(area);
    let view = &app.followups;
    let width = area.width as usize;
    render_rows([filter_line(app, width)], parts.header, buf);
    if view.rows.is_empty() {
        render_rows(
            [Line::styled(followup_ui(app.lang).none, app.theme.muted)],
            parts.list,
            buf,
        );
        return;
    }
    let shown = (parts.list.height as usize).div_ceil(ROW_HEIGHT);
    let lines = view
        .rows
        .iter()
        .enumerate()
        .skip(view.cursor.scroll)
        .take(shown)
        .flat_map(|(pos, &i)| {
            let mut lines = row_lines(app, &view.entries[i], width);
            if pos == view.cursor.pos {
                lines[0] = lines[0].clone().patch_style(app.theme.selection);
            }
            lines
        });
    render_rows(lines, parts.list, buf);
    if parts.detail.height > 0
        && let Some(entry) = app.selected_entry()
    {
        render_rows(detail_lines(app, entry, width), parts.detail, buf);
    }
}

fn filter_line(app: &App, width: usize) -> Line<'static> {
    let ui = app.ui();
    let fui = followup_ui(app.lang);
    let f = &app.followups.filter;
    let body = f.body.as_ref().map_or(ui.all_bodies.to_owned(), |b| {
        app.archive.forum.body_short(b)
    });
    let owner = f.owner.as_deref().map_or(fui.all_owners.to_owned(), |o| {
        crate::text::sanitize(o).into_owned()
    });
    let count = app.followups.rows.len();
    let mut filters = format!(
        "  {} · {body} · {owner} · {count}",
        state_filter(app.lang, f.state)
    );
    let waiting = app.followups.suggestions;
    if waiting > 0 && f.state != crate::followup::StateFilter::Suggested {
        filters.push_str(&format!(" · {waiting} {}", fui.suggestions_waiting));
    }
    fit_spans(
        vec![
            Span::styled(fui.title.to_owned(), app.theme.title),
            Span::styled(filters, app.theme.muted),
        ],
        width,
    )
}

/// Two lines: state and due, then what it is, for whom and from where.
fn row_lines(app: &App, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    let f = entry.followup(&app.archive);
    let lang = app.lang;
    let (mark, style) = state_mark(&app.theme, entry.state());
    let state = truncate(
        &format!(
            "{mark} {}",
            lang.followup_state(entry.state()).to_uppercase()
        ),
        STATE_WIDTH,
    );
    let pad = STATE_WIDTH.saturating_sub(unicode_width::UnicodeWidthStr::width(state.as_str()));
    let mut first = vec![
        Span::raw(" "),
        Span::styled(state, style),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(
            crate::text::sanitize(&entry_due_phrase(&app.archive, entry, lang)).into_owned(),
            app.theme.text,
        ),
    ];
    if let Some(body) = f.reports_to.as_ref() {
        let short = app.archive.forum.body_short(body);
        first.push(Span::styled(
            format!("  → {short}"),
            app.theme.body(body.as_str()),
        ));
    }
    let mut second = vec![
        Span::raw(" ".repeat(STATE_WIDTH + 2)),
        Span::styled(one_line(&f.what), app.theme.text),
    ];
    if let Some(owner) = &f.owner {
        second.push(Span::styled(
            format!(" · {}", one_line(owner)),
            app.theme.muted,
        ));
    }
    vec![fit_spans(first, width), fit_spans(second, width)]
}

/// The selected follow-up in full: what (wrapped), then each fact on its own line.
fn detail_lines(app: &App, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    let f = entry.followup(&app.archive);
    let lang = app.lang;
    let l = lang.labels();
    let theme = &app.theme;
    let mut lines = vec![Line::styled("─".repeat(width), theme.muted)];
    let inner = width.saturating_sub(2).max(1);
    lines.extend(
        wrap(&one_line(&f.what), inner, theme.title)
            .into_iter()
            .take(2)
            .map(|line| {
                let mut spans = vec![Span::raw(" ")];
                spans.extend(line.spans);
                Line::from(spans)
            }),
    );
    let fact = |label: &str, value: String| {
        fit_spans(
            vec![
                Span::styled(format!(" {label}: "), theme.muted),
                Span::styled(value, theme.text),
            ],
            width,
        )
    };
    lines.push(fact(
        l.followup_due,
        one_line(&entry_due_phrase(&app.archive, entry, lang)),
    ));
    let mut who = Vec::new();
    if let Some(b) = &f.reports_to {
        who.push(format!(
            "{} {}",
            l.followup_reports_to.to_lowercase(),
            app.archive.forum.body_name(b)
        ));
    }
    if let Some(o) = &f.owner {
        who.push(format!(
            "{}: {}",
            l.followup_owner.to_lowercase(),
            one_line(o)
        ));
    }
    if let Some(origin) = origin_phrase(&app.archive, f, lang) {
        who.push(format!("{} {origin}", l.from_decision));
    }
    who.push(crate::text::sanitize(&f.id).into_owned());
    lines.push(fit_spans(
        vec![Span::styled(format!(" {}", who.join(" · ")), theme.muted)],
        width,
    ));
    for d in details(&app.archive, entry, lang) {
        lines.push(fit_spans(
            vec![Span::styled(format!(" {d}"), theme.text)],
            width,
        ));
    }
    lines
}

/// The window choosing the meeting a follow-up goes before.
pub fn agenda(app: &App, pick: &AgendaPick, area: Rect, buf: &mut Buffer) {
    let fui = followup_ui(app.lang);
    let theme = &app.theme;
    overlay::render(app, area, buf, fui.pick_title, 90, 0, |width| {
        let width = width.max(1);
        let mut lines: Vec<Line> = wrap(&one_line(&pick.what), width, theme.text)
            .into_iter()
            .take(3)
            .collect();
        lines.push(Line::default());
        for (i, c) in pick.candidates.iter().enumerate() {
            let m = &c.meeting;
            let body = app.archive.forum.body_short(&m.id.body);
            let mut notes = Vec::new();
            if i == pick.proposed {
                notes.push(fui.proposed.to_owned());
            }
            if let Some(event) = &c.part_of {
                notes.push(format!("{} {}", fui.part_of, one_line(event)));
            }
            if !m.has_file {
                notes.push(fui.from_plan_file.to_owned());
            }
            if m.move_pending {
                notes.push(fui.moving.to_owned());
            }
            let mut spans = vec![
                Span::styled(if i == pick.pos { "▶ " } else { "  " }, theme.accent),
                Span::styled(format!("{body:<4} "), theme.body(m.id.body.as_str())),
                Span::styled(app.lang.long_date(m.date), theme.text),
            ];
            if !notes.is_empty() {
                spans.push(Span::styled(
                    format!("  ({})", notes.join(", ")),
                    theme.muted,
                ));
            }
            let mut line = fit_spans(spans, width);
            if i == pick.pos {
                line = line.patch_style(theme.selection);
            }
            lines.push(line);
        }
        lines.push(Line::default());
        lines.push(Line::styled(truncate(fui.pick_hint, width), theme.muted));
        lines
    });
}
