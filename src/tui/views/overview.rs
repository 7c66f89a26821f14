//! Oversigt: the next meetings of each body with their working dates, follow-ups that are
//! overdue or due within 14 days, minutes not yet approved, and the problems found.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::calendar::next_per_body;
use crate::followup::{FollowupState, entry_due_phrase};
use crate::model::MeetingStatus;
use crate::tui::app::App;
use crate::tui::doc::{Doc, Target, visible_start};
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{Wrapper, truncate};

/// How many meetings with minutes not yet approved the overview lists.
const MINUTES_SHOWN: usize = 10;
/// An archive whose last meeting is this many days back, with none ahead, is an old one.
const STALE_DAYS: i64 = 180;

/// How many follow-ups needing attention the overview lists.
const FOLLOWUPS_SHOWN: usize = 20;

/// The text width inside the screen's margins.
pub fn text_width(main: Rect) -> usize {
    main.width.saturating_sub(2) as usize
}

pub fn doc(app: &App, width: usize) -> Doc {
    let ui = app.ui();
    let theme = &app.theme;
    let lang = app.lang;
    let mut doc = Doc::default();
    let heading = |doc: &mut Doc, text: &str| {
        doc.blank();
        doc.push(Line::styled(truncate(text, width), theme.title));
    };

    heading(&mut doc, ui.next_meetings);
    let mut next = next_per_body(&app.archive, &app.schedule, app.today);
    // An archive that has been still for half a year with nothing ahead (an old one, the
    // bundled sample run today): its follow-ups are all "overdue" only because of the date.
    let last_meeting = app.archive.meetings.iter().map(|m| m.date()).max();
    let stale = next.is_empty()
        && last_meeting.is_some_and(|last| (app.today - last).num_days() > STALE_DAYS);
    // The soonest first, whatever body it is.
    next.sort_by_key(|(_, meeting, _)| meeting.date);
    if next.is_empty() {
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("  ")]);
        w.push(ui.no_upcoming, theme.muted);
        doc.extend(w.finish());
        // An archive whose meetings all lie in the past (an old one, the bundled sample):
        // how to see it as it stood, instead of a list of everything overdue.
        if let Some(last) = app.archive.meetings.iter().map(|m| m.date()).max() {
            let hint = match lang {
                crate::lang::Lang::Da => format!(
                    "Arkivets møder ligger alle før i dag. Se det, som det så ud på en dag, med fx: dagsorden --today {last}"
                ),
                crate::lang::Lang::En => format!(
                    "The archive's meetings are all in the past. See it as it stood on a day with e.g.: dagsorden --today {last}"
                ),
            };
            let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("  ")]);
            w.push(&hint, theme.warning);
            doc.extend(w.finish());
        }
    }
    for (body, meeting, dates) in next {
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("    ")]);
        w.push_unbroken(&body.name, theme.body(body.id.as_str()));
        w.push(&format!("  {}", lang.long_date(meeting.date)), theme.text);
        if let Some(start) = app
            .archive
            .meeting(&meeting.id)
            .and_then(|m| m.start)
            .or(body.start)
        {
            w.push(&format!(", {}", lang.time(start)), theme.text);
        }
        if meeting.move_pending {
            w.push(&format!("  ({})", ui.move_pending), theme.warning);
        } else if !meeting.has_file {
            w.push(&format!("  ({})", ui.no_meeting_file), theme.muted);
        }
        let mut lines = w.finish();
        if let Some(phrase) = dates.phrase(ui.items_due, ui.agenda_out, |d| lang.long_date(d)) {
            let mut dates_line =
                Wrapper::new(width, vec![Span::raw("    ")], vec![Span::raw("    ")]);
            dates_line.push(&phrase, theme.muted);
            lines.extend(dates_line.finish());
        }
        doc.extend_target(lines, Target::Meeting(meeting.id.clone()));
    }

    heading(&mut doc, ui.followups_attention);
    let due = &app.attention;
    if stale && !due.is_empty() {
        // Counted, not listed: the hint above says how to see them as they stood.
        let text = match lang {
            crate::lang::Lang::Da => format!(
                "{} står som overskredne, fordi arkivet ligger i fortiden; se dem på Opfølgning (4), eller som de stod, med --today",
                crate::lang::counted(due.len(), "opfølgning", "opfølgninger")
            ),
            crate::lang::Lang::En => format!(
                "{} show as overdue because the archive lies in the past; see them on Follow-ups (4), or as they stood, with --today",
                crate::lang::counted(due.len(), "follow-up", "follow-ups")
            ),
        };
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("  ")]);
        w.push(&text, theme.muted);
        doc.extend(w.finish());
    }
    if due.is_empty() {
        doc.push(Line::styled(
            format!("  {}", truncate(ui.nothing_due, width.saturating_sub(2))),
            theme.muted,
        ));
    }
    // The most urgent first; the rest are counted (a large archive can have thousands).
    let shown = if stale { 0 } else { FOLLOWUPS_SHOWN };
    for entry in due.iter().take(shown) {
        let (f, a) = (entry.followup(&app.archive), entry.assessment);
        let style = match a.state {
            FollowupState::Overdue => theme.error,
            FollowupState::Triggered => theme.warning,
            _ => theme.accent,
        };
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("    ")]);
        w.push_unbroken(&lang.followup_state(a.state).to_uppercase(), style);
        let phrase = entry_due_phrase(&app.archive, entry, lang);
        w.push(&format!("  {phrase}"), theme.text);
        w.newline();
        w.push(&f.what, theme.text);
        let origin = f
            .origin
            .as_ref()
            .map(|o| lang.item_phrase(&app.archive.forum, o))
            .or_else(|| f.source.clone());
        if let Some(origin) = origin {
            w.push(&format!(" ({origin})"), theme.muted);
        }
        // Enter shows it on the Opfølgning screen, where it can be acted on.
        let target = Target::Followup {
            id: f.id.clone(),
            year: entry.year,
        };
        doc.extend_target(w.finish(), target);
    }

    if !stale && due.len() > FOLLOWUPS_SHOWN {
        doc.push(Line::styled(
            truncate(
                &format!("  … {} {}", due.len() - FOLLOWUPS_SHOWN, ui.more_followups),
                width,
            ),
            theme.muted,
        ));
    }

    heading(&mut doc, ui.minutes_not_approved);
    let waiting: Vec<_> = app
        .archive
        .meetings
        .iter()
        .filter(|m| m.date() < app.today && m.status != MeetingStatus::MinutesApproved)
        .collect();
    if waiting.is_empty() {
        doc.push(Line::styled(
            format!(
                "  {}",
                truncate(ui.all_minutes_approved, width.saturating_sub(2))
            ),
            theme.muted,
        ));
    }
    // The latest few: an archive that never marked approvals would otherwise list them all.
    let older = waiting.len().saturating_sub(MINUTES_SHOWN);
    for m in waiting.into_iter().rev().take(MINUTES_SHOWN) {
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("    ")]);
        w.push_unbroken(
            &app.archive.forum.body_name(m.body()),
            theme.body(m.body().as_str()),
        );
        w.push(&format!("  {}", lang.long_date(m.date())), theme.text);
        w.push(&format!(" — {}", lang.status(m.status)), theme.muted);
        doc.extend_target(w.finish(), Target::Meeting(m.id.clone()));
    }

    if older > 0 {
        doc.push(Line::styled(
            truncate(&format!("  … {older} {}", ui.older_not_approved), width),
            theme.muted,
        ));
    }

    heading(&mut doc, ui.problems);
    let (errors, warnings) = (app.archive.error_count(), app.archive.warning_count());
    let settings = app.settings_problems.len();
    if errors + warnings + settings == 0 {
        doc.push(Line::styled(
            format!("  {}", truncate(ui.problems_none, width.saturating_sub(2))),
            theme.muted,
        ));
    } else {
        let style: Style = if errors > 0 {
            theme.error
        } else {
            theme.warning
        };
        use crate::lang::counted;
        let mut text = format!(
            "{}, {} {} {}",
            counted(errors, ui.error_one, ui.errors),
            counted(warnings, ui.warning_one, ui.warnings),
            ui.files_in,
            counted(app.archive.files_read, ui.file_one, ui.files)
        );
        if settings > 0 {
            text.push_str(&format!("; {settings} · {}", ui.settings_problems));
        }
        let mut w = Wrapper::new(width, vec![Span::raw("  ")], vec![Span::raw("    ")]);
        w.push(&text, style);
        w.push(&format!(" — {}", ui.problems_show), theme.muted);
        doc.extend_target(w.finish(), Target::Problems);
    }
    doc.trim_start();
    doc
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let doc = doc(app, text_width(area));
    let height = area.height as usize;
    let start = visible_start(app.overview.pos, app.overview.scroll, height, doc.len());
    let rows = doc.lines.iter().enumerate().skip(start).map(|(i, line)| {
        if doc.target(i).is_some() && doc.same_entry(i, app.overview.pos) {
            line.clone().patch_style(app.theme.selection)
        } else {
            line.clone()
        }
    });
    let margins = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    render_rows(rows, margins, buf);
}
