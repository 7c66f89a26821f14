//! The timeline window: every item tied to one item, in date order, with how it is tied.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::followup::followup_due_phrase;
use crate::history::{Link, TimelineEntry};
use crate::tui::app::App;
use crate::tui::history::TimelineView;
use crate::tui::widgets::overlay;
use crate::tui::widgets::wrap::fit_spans;

pub fn render(app: &App, view: &TimelineView, area: Rect, buf: &mut Buffer) {
    let ui = app.ui();
    let title = format!("{}: {}", ui.timeline_title, view.title);
    let height = area.height.saturating_sub(4) as usize;
    let scroll =
        crate::tui::doc::visible_start(view.cursor, view.scroll, height, view.entries.len());
    overlay::render(app, area, buf, &title, 120, 0, |width| {
        if view.entries.len() <= 1 {
            let mut lines: Vec<Line<'static>> = view
                .entries
                .iter()
                .map(|e| entry_line(app, e, true, width))
                .collect();
            lines.push(Line::styled(ui.timeline_empty, app.theme.muted));
            return lines;
        }
        view.entries
            .iter()
            .enumerate()
            .skip(scroll)
            .take(height.max(1))
            .map(|(i, e)| entry_line(app, e, i == view.cursor, width))
            .collect()
    });
}

fn entry_line(app: &App, e: &TimelineEntry, selected: bool, width: usize) -> Line<'static> {
    let ui = app.ui();
    let short = app.archive.forum.body_short(&e.meeting.body);
    let marker = if selected { "▸ " } else { "  " };
    let mut spans = vec![
        Span::styled(marker, app.theme.accent),
        Span::styled(format!("{:<19}", app.lang.date(e.date)), app.theme.text),
        Span::styled(
            format!("{short:<4}"),
            app.theme.body(e.meeting.body.as_str()),
        ),
    ];
    let meeting = app.archive.meeting(&e.meeting);
    match &e.link {
        Link::Followup(id) => {
            let followup = app.archive.followups().find(|f| f.id == *id);
            let (what, due) = followup.map_or((id.clone(), String::new()), |f| {
                (
                    f.what.clone(),
                    followup_due_phrase(&app.archive, f, app.lang),
                )
            });
            spans.push(Span::styled(
                format!("  ↳ {}: ", ui.link_followup),
                app.theme.muted,
            ));
            spans.push(Span::styled(what, app.theme.text));
            spans.push(Span::styled(format!(" — {due}"), app.theme.muted));
        }
        Link::MeetingOnly => {
            spans.push(Span::styled(
                format!(
                    "  {} ({})",
                    app.archive.forum.body_name(&e.meeting.body),
                    ui.link_meeting_only
                ),
                app.theme.muted,
            ));
        }
        link => {
            let item = meeting.and_then(|m| e.item.as_ref().and_then(|n| m.item(n)));
            let number = e
                .item
                .as_ref()
                .map_or_else(String::new, |n| format!("{n:>3}  "));
            spans.push(Span::styled(number, app.theme.muted));
            let title = item.map_or_else(String::new, |i| {
                i.shown_title(app.lang.labels().closed_item).to_owned()
            });
            let style = if *link == Link::Origin {
                app.theme.title
            } else {
                app.theme.text
            };
            spans.push(Span::styled(title, style));
            if let Some(outcomes) = item.and_then(|i| i.decision.as_ref()).map(|d| {
                d.clauses
                    .iter()
                    .map(|c| super::decisions::outcome_mark(&app.theme, c.outcome))
                    .collect::<Vec<_>>()
            }) && !outcomes.is_empty()
            {
                spans.push(Span::raw(" "));
                for (glyph, style) in outcomes {
                    spans.push(Span::styled(glyph.to_string(), style));
                }
            }
            // Where the case goes on to: "→ Økonomiudvalget → Kommunalbestyrelsen".
            // The body of the item's own meeting is where the case already is.
            let onward: Vec<crate::model::Party> = item
                .map(|i| {
                    i.case
                        .route
                        .iter()
                        .skip_while(
                            |p| matches!(p, crate::model::Party::Body(b) if *b == e.meeting.body),
                        )
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            if !onward.is_empty() {
                spans.push(Span::styled(
                    format!("  → {}", app.archive.forum.route_text(&onward)),
                    app.theme.accent,
                ));
            }
            let label = match link {
                Link::Origin => ui.link_origin.to_owned(),
                Link::Tags(tags) => format!("{}: {}", ui.link_tags, tags.join(", ")),
                _ => ui.link_linked.to_owned(),
            };
            spans.push(Span::styled(format!("  [{label}]"), app.theme.muted));
        }
    }
    let line = fit_spans(spans, width);
    if selected {
        line.patch_style(app.theme.selection)
    } else {
        line
    }
}
