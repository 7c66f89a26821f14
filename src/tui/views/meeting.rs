//! The meeting view: a header, the list of items and the item pane with the recommendation
//! beside the decision, the background, attachments, follow-ups and references.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use crate::followup::{FollowupState, followup_due_phrase};
use crate::model::{Due, Item, ItemKind, Meeting, Outcome};
use crate::tui::app::{App, previous_minutes};
use crate::tui::doc::{Doc, Target, visible_start};
use crate::tui::layout::{self, Pane};
use crate::tui::theme::Theme;
use crate::tui::widgets::markdown;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{Wrapper, fit_spans, line_width, truncate, wrap};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some((meeting, view)) = app.current_meeting() else {
        return;
    };
    let areas = layout::meeting(area, view.focus);
    header(app, meeting, areas.header, buf);
    if let Some(items) = areas.items {
        item_list(app, meeting, items, buf);
    }
    if let Some(detail) = areas.detail {
        item_pane(app, meeting, detail, buf);
    }
}

fn header(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let ui = app.ui();
    let width = area.width as usize;
    let mode = app.meeting.as_ref().is_some_and(|v| v.mode);
    let mut first = vec![];
    if mode {
        first.push(Span::styled(
            format!("{} · ", app.eui().mode_title),
            theme.warning.add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    first.extend([
        Span::styled(
            app.archive.forum.body_name(meeting.body()),
            theme.body(meeting.body().as_str()),
        ),
        Span::styled(
            format!(" — {}", lang.long_date(meeting.date())),
            theme.title,
        ),
    ]);
    if let Some(start) = meeting.start {
        first.push(Span::styled(
            format!(", {}", lang.time_range(start, meeting.end)),
            theme.text,
        ));
    }
    if !meeting.place.is_empty() {
        first.push(Span::styled(format!(", {}", meeting.place), theme.text));
    }
    let with = crate::calendar::joint_with(&app.archive, &meeting.id);
    if !with.is_empty() {
        let names: Vec<String> = with
            .iter()
            .map(|p| app.archive.forum.party_name(p))
            .collect();
        first.push(Span::styled(
            format!(
                " · {} {}",
                lang.labels().joint_meeting.to_lowercase(),
                names.join(", ")
            ),
            theme.text,
        ));
    }
    let a = &meeting.attendance;
    let guests = if a.guests.is_empty() {
        String::new()
    } else {
        format!(
            ", {} {}",
            a.guests.len(),
            lang.labels().guests.to_lowercase()
        )
    };
    let second = format!(
        "{}: {} · {}: {} {}{guests}, {} {} · {} {}",
        ui.status,
        lang.status(meeting.status),
        lang.labels().attendance,
        a.participants.len(),
        ui.attendance_count,
        a.apologies.len() + a.guest_apologies.len(),
        lang.labels().apologies.to_lowercase(),
        meeting.items.len(),
        if meeting.items.len() == 1 {
            lang.labels().item
        } else {
            lang.labels().items_count
        },
    );
    // While the meeting is held: how far it has come.
    let second = if mode {
        let to_decide: Vec<&Item> = meeting.items.iter().filter(|i| needs_decision(i)).collect();
        let done = to_decide.iter().filter(|i| is_decided(i)).count();
        let progress = match (lang, done == to_decide.len()) {
            (crate::lang::Lang::Da, true) => "alle besluttet".to_owned(),
            (crate::lang::Lang::En, true) => "all decided".to_owned(),
            (crate::lang::Lang::Da, false) => format!("{done} af {} besluttet", to_decide.len()),
            (crate::lang::Lang::En, false) => format!("{done} of {} decided", to_decide.len()),
        };
        format!("{second} · {progress}")
    } else {
        second
    };
    fit_spans(first, width).render(Rect { height: 1, ..area }, buf);
    if area.height > 1 {
        Line::styled(truncate(&second, width), theme.muted).render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

/// A pane's frame. The pane in focus reads so without colour too: a heavy border and a
/// marker before its title.
fn pane_block(app: &App, title: &str, focused: bool) -> Block<'static> {
    let (border, kind, mark) = if focused {
        (app.theme.accent, ratatui::widgets::BorderType::Thick, "▶ ")
    } else {
        (app.theme.muted, ratatui::widgets::BorderType::Plain, "")
    };
    Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(
            format!(" {mark}{} ", crate::text::sanitize(title)),
            app.theme.title,
        ))
}

/// A one-letter mark for the kind of an item (explained in the help overlay).
pub fn kind_mark(app: &App, kind: ItemKind) -> char {
    let da = app.lang == crate::lang::Lang::Da;
    match kind {
        ItemKind::AgendaApproval => {
            if da {
                'G'
            } else {
                'A'
            }
        }
        ItemKind::MinutesApproval => {
            if da {
                'R'
            } else {
                'M'
            }
        }
        ItemKind::Decision => {
            if da {
                'B'
            } else {
                'D'
            }
        }
        ItemKind::Discussion => {
            if da {
                'D'
            } else {
                'T'
            }
        }
        ItemKind::Information | ItemKind::Announcements => 'O',
        ItemKind::AnyOtherBusiness => 'E',
        ItemKind::NextMeeting => 'N',
        ItemKind::Other => '-',
    }
}

/// Whether an item is one the meeting decides on: it has a recommendation.
pub fn needs_decision(item: &Item) -> bool {
    item.recommendation.is_some()
}

/// Whether a decision is recorded on every clause of the item's recommendation (or, for
/// one not written in clauses, at all).
pub fn is_decided(item: &Item) -> bool {
    let Some(d) = item.decision.as_ref().filter(|d| !d.is_empty()) else {
        return false;
    };
    let clauses = item.recommendation.as_ref().map_or(0, |r| r.clauses.len());
    clauses <= 1 || d.clauses.len() >= clauses
}

/// Marks shown before the item's number: departs from the recommendation, closed; in
/// meeting mode, decided.
pub const DECIDED_MARK: char = '✓';
pub const DEPARTS_MARK: char = '≠';
pub const CLOSED_MARK: char = 'L';

fn item_list(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    let (_, view) = app.current_meeting().expect("a meeting is open");
    let focused = view.focus == Pane::Items;
    let block = pane_block(app, app.lang.labels().items, focused);
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if meeting.items.is_empty() {
        Line::styled(
            truncate(app.ui().no_items, inner.width as usize),
            app.theme.muted,
        )
        .render(inner, buf);
        return;
    }
    let theme = &app.theme;
    let height = inner.height as usize;
    let start = visible_start(view.item, view.items_scroll, height, meeting.items.len());
    let width = inner.width as usize;
    // Numbers line up whatever their length: 1–13, 112–121, 3a, 3.1.
    let number_width = meeting
        .items
        .iter()
        .map(|i| i.number.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let rows = meeting
        .items
        .iter()
        .enumerate()
        .skip(start)
        .map(|(index, item)| {
            let departs = if item.departs_from_recommendation() {
                DEPARTS_MARK
            } else if view.mode && needs_decision(item) && is_decided(item) {
                DECIDED_MARK
            } else {
                ' '
            };
            let closed = if item.closed { CLOSED_MARK } else { ' ' };
            let number = format!("{:>number_width$}. ", item.number);
            let kind = format!(" {}", kind_mark(app, item.kind));
            let title_room = width.saturating_sub(2 + number.width() + kind.width());
            let title = truncate(item.shown_title(app.lang.labels().closed_item), title_room);
            let pad = title_room.saturating_sub(title.width());
            let mut line = fit_spans(
                vec![
                    Span::styled(
                        departs.to_string(),
                        if departs == DECIDED_MARK {
                            theme.success
                        } else {
                            theme.warning
                        },
                    ),
                    Span::styled(closed.to_string(), theme.muted),
                    Span::styled(number, theme.muted),
                    Span::styled(title, theme.text),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(kind, theme.muted),
                ],
                width,
            );
            if index == view.item {
                let style = if focused {
                    theme.selection
                } else {
                    theme.selection.add_modifier(Modifier::DIM)
                };
                line = line.patch_style(style);
            }
            line
        });
    render_rows(rows, inner, buf);
}

fn item_pane(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    let (_, view) = app.current_meeting().expect("a meeting is open");
    let focused = view.focus == Pane::Detail;
    let inner = layout::inner(area);
    let title = meeting.items.get(view.item).map_or(String::new(), |i| {
        format!(
            "{}. {}",
            i.number,
            i.shown_title(app.lang.labels().closed_item)
        )
    });
    let doc = app.pane_doc(meeting, view, inner.width as usize);
    let height = inner.height as usize;
    let start = visible_start(view.detail.pos, view.detail.scroll, height, doc.len());
    let mut block = pane_block(
        app,
        &truncate(&title, inner.width.saturating_sub(2) as usize),
        focused,
    );
    if doc.len() > height && height > 0 {
        let position = format!(" {}/{} ", (start + height).min(doc.len()), doc.len());
        block = block.title_bottom(Line::styled(position, app.theme.muted).right_aligned());
    }
    block.render(area, buf);
    let rows = doc.lines.iter().enumerate().skip(start).map(|(i, line)| {
        // While stepping through search hits, the matching words stand out.
        let line = match &app.trail {
            Some(trail) => super::search::highlight_line(line, &trail.query, app.theme.highlight),
            None => line.clone(),
        };
        if focused && doc.same_entry(i, view.detail.pos) {
            line.patch_style(app.theme.selection)
        } else {
            line
        }
    });
    render_rows(rows, inner, buf);
}

/// The item pane's content laid out in `width` columns.
pub fn detail_doc(app: &App, meeting: &Meeting, index: usize, width: usize) -> Doc {
    let mut doc = Doc::default();
    let Some(item) = meeting.items.get(index) else {
        doc.push(Line::styled(
            truncate(app.ui().no_items, width),
            app.theme.muted,
        ));
        return doc;
    };
    let width = width.max(1);
    let theme = &app.theme;
    let lang = app.lang;
    let labels = lang.labels();
    let ui = app.ui();

    doc.extend(wrap(
        &format!("{}. {}", item.number, item.shown_title(labels.closed_item)),
        width,
        theme.title.add_modifier(Modifier::BOLD),
    ));
    let mut meta = Vec::new();
    if item.kind != ItemKind::Other {
        meta.push(lang.item_kind(item.kind).to_owned());
    }
    if let Some(presenter) = &item.presenter {
        meta.push(format!("{}: {presenter}", labels.presented_by));
    }
    if item.closed && !item.title.is_empty() {
        meta.push(labels.closed_item.to_owned());
    }
    if !item.tags.is_empty() {
        meta.push(
            item.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if !meta.is_empty() {
        doc.extend(wrap(&meta.join(" · "), width, theme.muted));
    }
    case_data(app, item, width, &mut doc);

    if item.kind == ItemKind::MinutesApproval
        && let Some(previous) = previous_minutes(&app.archive, meeting, item)
    {
        doc.blank();
        let mut w = Wrapper::new(
            width,
            vec![Span::styled("→ ", theme.accent)],
            vec![Span::raw("  ")],
        );
        w.push(
            &format!("{}: {}", ui.previous_minutes, meeting_name(app, &previous)),
            theme.accent,
        );
        doc.extend_target(w.finish(), Target::Meeting(previous));
    }

    recommendation_and_decision(app, item, width, &mut doc);
    last_decision_change(app, meeting, item, width, &mut doc);
    item_attendance(app, item, width, &mut doc);

    if !item.summary.trim().is_empty() {
        section(&mut doc, labels.summary, width, theme);
        doc.extend(markdown::render_capped(
            &item.summary,
            width,
            theme,
            app.ui().text_cut,
        ));
    }

    // Away only when the file could not be read again (the app reads it on opening).
    let background = item.background.text().unwrap_or(labels.text_not_read);
    if !background.trim().is_empty() {
        section(&mut doc, labels.background, width, theme);
        doc.extend(markdown::render_capped(
            background,
            width,
            theme,
            app.ui().text_cut,
        ));
    }

    if !item.attachments.is_empty() {
        section(&mut doc, labels.attachments, width, theme);
        for attachment in &item.attachments {
            let path = app.archive.attachment_path(meeting, attachment);
            let present = path.is_file();
            let (mark, mark_style, state) = if present {
                ("▸ ", theme.accent, ui.present)
            } else {
                ("✗ ", theme.error, ui.missing)
            };
            let mut w = Wrapper::new(
                width,
                vec![Span::styled(mark, mark_style)],
                vec![Span::raw("  ")],
            );
            w.push(&attachment.title, theme.text);
            w.push(&format!(" ({})", attachment.path.display()), theme.muted);
            w.push(&format!(" — {state}"), mark_style);
            doc.extend_target(w.finish(), Target::Attachment(path));
        }
    }

    if !item.followups.is_empty() {
        section(&mut doc, labels.followups, width, theme);
        for f in &item.followups {
            let a = app.assess(f);
            let state_style = match a.state {
                FollowupState::Overdue => theme.error,
                FollowupState::Triggered | FollowupState::DueSoon => theme.warning,
                FollowupState::Done => theme.success,
                _ => theme.muted,
            };
            let mut w = Wrapper::new(
                width,
                vec![Span::styled("• ", theme.muted)],
                vec![Span::raw("  ")],
            );
            w.push(&f.what, theme.text);
            w.newline();
            let phrase = followup_due_phrase(&app.archive, f, lang);
            w.push(&phrase, theme.accent);
            w.push(" · ", theme.muted);
            w.push_unbroken(lang.followup_state(a.state), state_style);
            if let Some(owner) = &f.owner {
                w.push(
                    &format!(" · {}: {owner}", labels.followup_owner),
                    theme.muted,
                );
            }
            if let Some(body) = &f.reports_to {
                w.push(
                    &format!(
                        " · {}: {}",
                        labels.followup_reports_to,
                        app.archive.forum.body_name(body)
                    ),
                    theme.muted,
                );
            }
            if let Some(owner) = &f.owner {
                w.push(
                    &format!(" · {}: {owner}", labels.followup_owner),
                    theme.muted,
                );
            }
            let lines = w.finish();
            match &f.due {
                Due::Meeting(id) => doc.extend_target(lines, Target::Meeting(id.clone())),
                _ => doc.extend(lines),
            }
        }
    }

    if !item.refs.is_empty() {
        section(&mut doc, ui.references, width, theme);
        for r in &item.refs {
            let mut w = Wrapper::new(
                width,
                vec![Span::styled("→ ", theme.accent)],
                vec![Span::raw("  ")],
            );
            let mut text = meeting_name(app, &r.meeting);
            if let Some(n) = &r.item {
                let title = app
                    .archive
                    .meeting(&r.meeting)
                    .and_then(|m| m.item(n))
                    .map(|i| format!(": {}", i.title))
                    .unwrap_or_default();
                text.push_str(&format!(", {} {n}{title}", labels.item));
            }
            let style = if app.archive.meeting(&r.meeting).is_some() {
                theme.accent
            } else {
                theme.muted
            };
            w.push(&text, style);
            doc.extend_target(w.finish(), Target::Item(r.clone()));
        }
    }
    doc
}

/// *Sagsnr.*, *Sagsbehandler*, … one labelled line each, the route with arrows.
fn case_data(app: &App, item: &Item, width: usize, doc: &mut Doc) {
    let theme = &app.theme;
    for (label, value) in app.archive.forum.case_rows(&item.case, app.lang) {
        let mut w = Wrapper::plain(width);
        w.push(&format!("{label}: "), theme.muted);
        w.push(&value, theme.text);
        doc.extend(w.finish());
    }
}

/// Members absent during the item and guests who came for it, by name.
fn item_attendance(app: &App, item: &Item, width: usize, doc: &mut Doc) {
    let a = &item.attendance;
    if a.is_empty() {
        return;
    }
    let l = app.lang.labels();
    let theme = &app.theme;
    doc.blank();
    for (label, people) in [(l.absent, &a.absent), (l.item_guests, &a.guests)] {
        if people.is_empty() {
            continue;
        }
        let names: Vec<String> = people.iter().map(crate::model::Person::line).collect();
        let mut w = Wrapper::plain(width);
        w.push(
            &format!("{label}: "),
            theme.muted.add_modifier(Modifier::BOLD),
        );
        w.push(&names.join("; "), theme.text);
        doc.extend(w.finish());
    }
}

/// "Socialdirektørforum fredag den 23. juni 2017".
fn meeting_name(app: &App, id: &crate::model::MeetingId) -> String {
    format!(
        "{} {}",
        app.archive.forum.body_name(&id.body),
        app.lang.long_date(id.date)
    )
}

fn section(doc: &mut Doc, title: &str, width: usize, theme: &Theme) {
    doc.blank();
    doc.push(Line::styled(
        truncate(title, width),
        theme.title.add_modifier(Modifier::BOLD),
    ));
}

/// The style of an outcome's badge.
pub fn outcome_style(theme: &Theme, outcome: Outcome) -> Style {
    match outcome {
        Outcome::Approved => theme.success,
        Outcome::ApprovedWithChanges | Outcome::Postponed => theme.warning,
        Outcome::Rejected => theme.error,
        Outcome::Noted | Outcome::Discussed => theme.accent,
        Outcome::Withdrawn => theme.muted,
    }
}

/// The recommendation's clauses beside the decision on each, with an outcome badge; stacked
/// when the pane is narrow.
fn recommendation_and_decision(app: &App, item: &Item, width: usize, doc: &mut Doc) {
    let theme = &app.theme;
    let labels = app.lang.labels();
    let recommendation = item.recommendation.as_ref();
    let decision = item.decision.as_ref();
    if recommendation.is_none() && decision.is_none_or(|d| d.is_empty()) {
        return;
    }
    let clauses: &[String] = recommendation.map_or(&[], |r| r.clauses.as_slice());
    let decided = decision.map_or(&[][..], |d| d.clauses.as_slice());
    let rows = clauses.len().max(decided.len());
    let side_by_side = width >= 60;
    let decision_label = decision
        .and_then(|d| d.heading.as_deref())
        .unwrap_or(labels.decision);
    let title = if rows > 0 {
        format!("{} · {decision_label}", labels.recommendation)
    } else {
        decision_label.to_owned()
    };
    section(doc, &title, width, theme);
    if let Some(r) = recommendation.filter(|r| !r.lead.trim().is_empty()) {
        doc.extend(wrap(&r.lead, width, theme.muted));
    }
    let column = (width.saturating_sub(3)) / 2;
    if side_by_side && rows > 0 {
        let header = vec![
            Span::styled(
                pad(labels.recommendation, column),
                theme.muted.add_modifier(Modifier::BOLD),
            ),
            Span::styled(" │ ", theme.muted),
            Span::styled(labels.decision, theme.muted.add_modifier(Modifier::BOLD)),
        ];
        doc.push(Line::from(header));
    }
    for i in 0..rows {
        let letter = item.clause_marker(i);
        let clause_text = clauses
            .get(i)
            .map(|c| format!("{letter} {c}").trim_start().to_owned());
        let decided_clause = decided.get(i);
        let right = |w: usize| -> Vec<Line<'static>> {
            let mut wr = Wrapper::plain(w);
            match decided_clause {
                Some(d) => {
                    wr.push_unbroken(
                        &format!("[{}]", app.lang.outcome(d.outcome)),
                        outcome_style(theme, d.outcome).add_modifier(Modifier::BOLD),
                    );
                    let mut lines = wr.finish();
                    // The clause's text is Markdown (paragraphs, lists), laid out as such.
                    if !d.text.trim().is_empty() {
                        lines.extend(markdown::render_capped(
                            &d.text,
                            w,
                            theme,
                            app.ui().text_cut,
                        ));
                    }
                    lines
                }
                None => {
                    wr.push("—", theme.muted);
                    wr.finish()
                }
            }
        };
        if side_by_side {
            let left = match &clause_text {
                Some(text) => wrap(text, column, theme.text),
                None => vec![Line::styled(letter, theme.muted)],
            };
            let right = right(width.saturating_sub(column + 3));
            let height = left.len().max(right.len());
            for row in 0..height {
                let l = left.get(row).cloned().unwrap_or_default();
                let used = line_width(&l);
                let mut spans = l.spans;
                spans.push(Span::raw(" ".repeat(column.saturating_sub(used))));
                spans.push(Span::styled(" │ ", theme.muted));
                spans.extend(right.get(row).cloned().unwrap_or_default().spans);
                doc.push(Line::from(spans));
            }
            if i + 1 < rows {
                doc.push(Line::from(vec![
                    Span::raw(" ".repeat(column)),
                    Span::styled(" │", theme.muted),
                ]));
            }
        } else {
            if let Some(text) = &clause_text {
                doc.extend(wrap(text, width, theme.text));
            }
            let mut lines = right(width.saturating_sub(2));
            for (n, line) in lines.iter_mut().enumerate() {
                let lead = if n == 0 { "→ " } else { "  " };
                line.spans.insert(0, Span::styled(lead, theme.muted));
            }
            doc.extend(lines);
        }
    }
    if let Some(d) = decision {
        if !d.text.trim().is_empty() {
            if rows > 0 {
                doc.blank();
            }
            doc.extend(markdown::render_capped(
                &d.text,
                width,
                theme,
                app.ui().text_cut,
            ));
        }
        if !d.remarks.trim().is_empty() {
            section(doc, labels.remarks, width, theme);
            doc.extend(markdown::render_capped(
                &d.remarks,
                width,
                theme,
                app.ui().text_cut,
            ));
        }
    }
    if decision.is_none() && rows > 0 {
        doc.extend(wrap(labels.no_decision, width, theme.muted));
    }
}

/// "Beslutningen sidst ændret af Anne, 2. december 2026 kl. 12.26" (from git, when the
/// archive is in it and the answer has come).
fn last_decision_change(app: &App, meeting: &Meeting, item: &Item, width: usize, doc: &mut Doc) {
    if item.decision.is_none() {
        return;
    }
    let Some((file, by_item)) = &app.decision_changes else {
        return;
    };
    if *file != meeting.file {
        return;
    }
    let Some(change) = by_item.get(&item.number.to_string()) else {
        return;
    };
    let when = super::item_history::when(&change.date, app.lang);
    let text = match app.lang {
        crate::lang::Lang::Da => format!("Beslutningen sidst ændret af {}, {when}", change.author),
        crate::lang::Lang::En => format!("Decision last changed by {}, {when}", change.author),
    };
    doc.blank();
    doc.extend(wrap(&text, width, app.theme.muted));
}

fn pad(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}
