//! Kalender: the year as months of ISO weeks starting on Monday, and beside it (or below,
//! on a narrow terminal) the year's plan: FU→SDF pairs with the days between, the chosen
//! day in full with its working dates, moves, seminars, deadlines and the checks.
//!
//! Every day reads without colour: a meeting is marked with its body's initial, a seminar
//! or theme day with `*`, a deadline with `!`, an outside date with `~`; colour adds the
//! body, red days off and muted weekends.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::calendar::words::CalendarWords;
use crate::calendar::{event_remarks, remarks, setting, working_dates};
use crate::lang::{Lang, iso_week};
use crate::text::one_line;
use crate::tui::app::App;
use crate::tui::calendar::{DayEntry, DayMarks, DayWindow};
use crate::tui::calendar_labels::calendar_ui;
use crate::tui::widgets::overlay;
use crate::tui::widgets::rows::render_rows;
use crate::tui::widgets::wrap::{fit_spans, truncate, wrap};

/// A month: 4 columns of week number, then 7 days of 3 (two digits and a mark).
const MONTH_WIDTH: u16 = 25;
const MONTH_STEP: u16 = MONTH_WIDTH + 1;
/// Title, weekday names and up to six weeks.
const MONTH_HEIGHT: u16 = 8;
/// The list beside the months needs at least this much room.
const LIST_MIN_WIDTH: u16 = 36;
/// The plan list shows at most this many entries of a section (meetings, moves, seminars,
/// deadlines), from just before the cursor: a municipality's year holds hundreds, and the
/// list is laid out on every frame.
const SECTION_ROWS: usize = 12;
/// And at most this many findings, which come first.
const FINDING_ROWS: usize = 5;
/// Below the months, the list keeps at least this many lines.
const LIST_MIN_HEIGHT: u16 = 7;

/// Where the months, the legend and the plan list go.
pub struct CalendarLayout {
    pub months: Vec<(u32, Rect)>,
    pub legend: Rect,
    pub list: Rect,
}

pub fn layout(area: Rect, cursor: NaiveDate) -> CalendarLayout {
    let side = area.width >= 3 * MONTH_STEP + LIST_MIN_WIDTH;
    let cols: u16 = if side {
        if area.width >= 4 * MONTH_STEP + LIST_MIN_WIDTH + 4 {
            4
        } else {
            3
        }
    } else {
        (area.width / MONTH_STEP).clamp(1, 3)
    };
    let rows_needed = 12u16.div_ceil(cols);
    let room = if side {
        area.height.saturating_sub(1)
    } else {
        area.height.saturating_sub(1 + LIST_MIN_HEIGHT)
    };
    let visible = (room / MONTH_HEIGHT).clamp(1, rows_needed);
    let cursor_row = (cursor.month0() as u16) / cols;
    let first = cursor_row.min(rows_needed - visible);
    let mut months = Vec::new();
    for r in 0..visible {
        for c in 0..cols {
            let month = u32::from((first + r) * cols + c + 1);
            if month > 12 {
                continue;
            }
            let rect = Rect {
                x: area.x + c * MONTH_STEP,
                y: area.y + r * MONTH_HEIGHT,
                width: MONTH_WIDTH.min(area.width.saturating_sub(c * MONTH_STEP)),
                height: MONTH_HEIGHT.min(area.height.saturating_sub(r * MONTH_HEIGHT)),
            }
            .intersection(area);
            months.push((month, rect));
        }
    }
    let grid_height = (visible * MONTH_HEIGHT).min(area.height);
    let legend = Rect {
        x: area.x,
        y: area.y + grid_height,
        width: if side { cols * MONTH_STEP } else { area.width },
        height: u16::from(area.height > grid_height),
    };
    let list = if side {
        let x = area.x + cols * MONTH_STEP + 1;
        Rect {
            x,
            y: area.y,
            width: area.right().saturating_sub(x),
            height: area.height,
        }
    } else {
        let y = legend.bottom();
        Rect {
            x: area.x,
            y,
            width: area.width,
            height: area.bottom().saturating_sub(y),
        }
    };
    CalendarLayout {
        months,
        legend,
        list,
    }
}

/// The Monday of the first week shown for a month.
fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_sub_days(Days::new(u64::from(first.weekday().num_days_from_monday())))
}

/// The day under a mouse position, if it is on a day of a month shown.
pub fn day_at(area: Rect, cursor: NaiveDate, at: Position) -> Option<NaiveDate> {
    let l = layout(area, cursor);
    let (month, rect) = l.months.iter().find(|(_, r)| r.contains(at))?;
    let row = at.y.checked_sub(rect.y + 2)?;
    let col = at.x.checked_sub(rect.x + 4)? / 3;
    if col > 6 {
        return None;
    }
    let day = first_monday(cursor.year(), *month)?
        .checked_add_days(Days::new(u64::from(row * 7 + col)))?;
    (day.month() == *month).then_some(day)
}

fn weekday_heads(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Da => ["ma", "ti", "on", "to", "fr", "lø", "sø"],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    }
}

/// A day's mark and style in the grid.
fn day_cell(app: &App, day: NaiveDate, marks: Option<&DayMarks>) -> (char, Style) {
    let theme = &app.theme;
    let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    let mut style = if weekend { theme.muted } else { theme.text };
    let mut mark = ' ';
    if let Some(m) = marks {
        if m.holiday.is_some() {
            style = theme.error.remove_modifier(Modifier::BOLD);
        }
        if m.external {
            mark = '~';
        }
        if m.due {
            mark = '!';
            style = style.patch(theme.warning);
        }
        if m.event {
            mark = '*';
            style = style.patch(theme.accent);
        }
        if let Some(body) = m.bodies.first() {
            mark = app
                .archive
                .forum
                .body_short(body)
                .chars()
                .next()
                .unwrap_or('•');
            if m.bodies.len() > 1 {
                mark = '2';
            }
            style = style.patch(theme.body(body.as_str()));
        }
        if m.finding {
            style = style.patch(theme.error);
        }
    }
    if day == app.today {
        style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    }
    if day == app.calendar.cursor {
        style = style.patch(theme.selection);
    }
    (mark, style)
}

fn render_month(app: &App, year: i32, month: u32, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let w = CalendarWords::of(app.lang);
    let cursor_month = app.calendar.cursor.month() == month;
    let title_style = if cursor_month {
        theme.title
    } else {
        theme.text.add_modifier(Modifier::BOLD)
    };
    let mut lines = vec![Line::styled(
        format!(
            "    {}",
            NaiveDate::from_ymd_opt(year, month, 1)
                .map_or_else(String::new, |d| app.lang.month_name(d))
        ),
        title_style,
    )];
    let mut head = vec![Span::styled(format!("{:<4}", w.week_column), theme.muted)];
    for h in weekday_heads(app.lang) {
        head.push(Span::styled(format!("{h} "), theme.muted));
    }
    lines.push(Line::from(head));
    let Some(mut day) = first_monday(year, month) else {
        return;
    };
    for _ in 0..6 {
        if day.year() > year || (day.year() == year && day.month() > month) {
            break;
        }
        let mut spans = vec![Span::styled(format!("{:>2}  ", iso_week(day)), theme.muted)];
        for _ in 0..7 {
            if day.month() == month && day.year() == year {
                let (mark, style) = day_cell(app, day, app.calendar.marks.get(&day));
                spans.push(Span::styled(format!("{:>2}{mark}", day.day()), style));
            } else {
                spans.push(Span::raw("   "));
            }
            day = day.succ_opt().unwrap_or(day);
        }
        lines.push(Line::from(spans));
    }
    render_rows(lines, area, buf);
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let cursor = app.calendar.cursor;
    let l = layout(area, cursor);
    for (month, rect) in &l.months {
        render_month(app, cursor.year(), *month, *rect, buf);
    }
    let cui = calendar_ui(app.lang);
    // Each body's mark is the first letter of its short name: "S/F møde" in this forum,
    // "B møde" for a committee of its own.
    let marks: Vec<String> = app
        .archive
        .forum
        .bodies
        .iter()
        .filter_map(|b| b.short.chars().next().map(String::from))
        .collect();
    let legend = format!("{} {}", marks.join("/"), cui.legend);
    render_rows(
        [Line::styled(
            truncate(legend.trim_start(), l.legend.width as usize),
            app.theme.muted,
        )],
        l.legend,
        buf,
    );
    render_rows(plan_lines(app, l.list.width as usize), l.list, buf);
}

/// The list beside the months: the pairs, the chosen day, moves, seminars, deadlines,
/// checks.
fn plan_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let lang = app.lang;
    let w = CalendarWords::of(lang);
    let cui = calendar_ui(lang);
    let y = &app.calendar.year;
    let forum = &app.archive.forum;
    let cursor = app.calendar.cursor;
    let mut lines = Vec::new();
    let mut title = format!("{} {}", w.plan, y.year);
    if let Some(d) = app.archive.plan(y.year).and_then(|p| p.decided_by.as_ref()) {
        title.push_str(&format!(
            " · {} {}",
            w.adopted.to_lowercase(),
            lang.item_phrase(forum, d)
        ));
    }
    lines.push(Line::styled(truncate(&title, width), theme.title));
    if let Some(first) = y.pairs.first() {
        let to = first
            .target
            .as_ref()
            .map(|t| forum.body_short(&t.id.body))
            .unwrap_or_default();
        let head = format!("{} → {}", forum.body_short(&first.prep.id.body), to);
        lines.push(Line::styled(
            truncate(&format!("{head:<29}{:>5}", w.days), width),
            theme.muted,
        ));
    }
    for p in &y.pairs {
        let selected = p.prep.date == cursor || p.target.as_ref().is_some_and(|t| t.date == cursor);
        let target = p.target.as_ref();
        let mut spans = vec![
            Span::styled(
                format!("{:<12}", lang.day_month(p.prep.date)),
                theme.body(p.prep.id.body.as_str()),
            ),
            Span::styled("→ ", theme.muted),
            Span::styled(
                format!(
                    "{:<12}",
                    target.map(|t| lang.day_month(t.date)).unwrap_or_default()
                ),
                target.map_or(theme.text, |t| theme.body(t.id.body.as_str())),
            ),
            Span::styled(
                format!(
                    "{:>5}",
                    p.gap_days().map(|g| g.to_string()).unwrap_or_default()
                ),
                theme.text,
            ),
        ];
        if target.is_some_and(|t| t.move_pending) || p.prep.move_pending {
            spans.push(Span::styled(format!("  {}", w.moves_short), theme.warning));
        }
        let mut line = fit_spans(spans, width);
        if selected {
            line = line.patch_style(theme.selection);
        }
        lines.push(line);
    }
    if y.pairs.is_empty() && y.meetings.is_empty() {
        lines.push(Line::styled(truncate(w.no_meetings, width), theme.muted));
    }
    // What the checks found comes first: it is what needs doing.
    if !y.findings.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(truncate(w.findings, width), theme.title));
        let at = y.findings.partition_point(|f| f.date < cursor);
        windowed(
            &mut lines,
            &y.findings,
            at,
            FINDING_ROWS,
            theme,
            |f, lines| {
                lines.extend(wrap(
                    &format!("! {}", f.message(lang, forum)),
                    width,
                    theme.error,
                ));
            },
        );
    }
    // The chosen day.
    lines.push(Line::default());
    lines.push(Line::styled(
        truncate(
            &format!(
                "{} · {} {}",
                lang.long_date_capitalized(cursor),
                w.week,
                iso_week(cursor)
            ),
            width,
        ),
        theme.title,
    ));
    if let Some(id) = &app.calendar.moving {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{} {} {} →",
                    cui.moving,
                    forum.body_short(&id.body),
                    lang.day_month(app.meeting_date(id).unwrap_or(id.date))
                ),
                width,
            ),
            theme.warning,
        ));
    }
    let mut any = false;
    for m in y.meetings.iter().filter(|m| m.date == cursor) {
        any = true;
        lines.extend(wrap(
            &meeting_text(app, &m.id),
            width,
            struck(theme.body(m.id.body.as_str()), m.cancelled),
        ));
        let remarks = remarks(&app.archive, m, lang);
        if !remarks.is_empty() {
            let style = if m.cancelled {
                theme.warning
            } else {
                theme.text
            };
            lines.extend(wrap(
                &format!("  {}", one_line(&remarks.join(" · "))),
                width,
                style,
            ));
        }
        if let Some(body) = forum.body(&m.id.body)
            && let Some(dates) =
                working_dates(body, m.date).phrase(w.items_due, w.agenda_out, |d| lang.day_month(d))
        {
            lines.extend(wrap(&format!("  {dates}"), width, theme.text));
        }
        if m.move_pending {
            lines.push(Line::styled(
                truncate(&format!("  {}, {}", w.to_be_moved, w.not_set), width),
                theme.warning,
            ));
        } else if m.date != m.id.date {
            lines.push(Line::styled(
                truncate(
                    &format!("  {} {}", w.moved_from, lang.day_month(m.id.date)),
                    width,
                ),
                theme.muted,
            ));
        }
        if !m.has_file {
            lines.push(Line::styled(
                truncate(&format!("  {}", w.no_file), width),
                theme.muted,
            ));
        }
    }
    if let Some(marks) = app.calendar.marks.get(&cursor)
        && let Some(h) = marks.holiday
    {
        any = true;
        lines.push(Line::styled(truncate(h.name(lang), width), theme.error));
    }
    for e in y
        .events
        .iter()
        .filter(|e| e.start_date <= cursor && cursor <= e.end_date)
    {
        any = true;
        lines.extend(wrap(
            &format!("{}: {}", w.event_kind(e.kind), one_line(&e.title)),
            width,
            theme.accent,
        ));
    }
    for d in y.dues.iter().filter(|d| d.date == cursor) {
        any = true;
        lines.extend(wrap(
            &format!("! {}", one_line(&d.what)),
            width,
            theme.warning,
        ));
    }
    if !any {
        lines.push(Line::styled(
            truncate(cui.nothing_on_day, width),
            theme.muted,
        ));
    }
    // The year's moves, seminars, deadlines and findings.
    let section = |lines: &mut Vec<Line<'static>>, title: &str| {
        lines.push(Line::default());
        lines.push(Line::styled(truncate(title, width), theme.title));
    };
    // The year's meetings with their working dates: all of them for a forum's few, a window
    // from just before the cursor for a municipality's many (laid out per frame).
    if !y.meetings.is_empty() {
        section(
            &mut lines,
            &format!("{} · {} · {}", w.meetings, w.items_due, w.agenda_out),
        );
        let at = y.meetings.partition_point(|m| m.date < cursor);
        windowed(
            &mut lines,
            &y.meetings,
            at,
            SECTION_ROWS,
            theme,
            |m, lines| {
                let Some(body) = forum.body(&m.id.body) else {
                    return;
                };
                let wd = working_dates(body, m.date);
                // A cancelled meeting is struck through and says so, for a screen without
                // colour or strike-through too.
                let dates = if m.cancelled {
                    Span::styled(w.cancelled.to_owned(), theme.warning)
                } else {
                    Span::styled(
                        format!(
                            "{:<12} {}",
                            wd.items_due
                                .map_or_else(|| "–".to_owned(), |d| lang.day_month(d)),
                            wd.agenda_out
                                .map_or_else(|| "–".to_owned(), |d| lang.day_month(d))
                        ),
                        theme.muted,
                    )
                };
                let mut line = fit_spans(
                    vec![
                        Span::styled(
                            format!("{:<12}", lang.day_month(m.date)),
                            struck(theme.text, m.cancelled),
                        ),
                        Span::styled(
                            format!("{:<5}", forum.body_short(&m.id.body)),
                            struck(theme.body(m.id.body.as_str()), m.cancelled),
                        ),
                        dates,
                    ],
                    width,
                );
                if m.date == cursor {
                    line = line.patch_style(theme.selection);
                }
                lines.push(line);
            },
        );
    }
    if !y.moves.is_empty() {
        section(&mut lines, w.moves);
        // Moves are in the order decided: the window starts at the first from the cursor on.
        let at = y
            .moves
            .iter()
            .position(|m| m.from >= cursor)
            .unwrap_or(y.moves.len());
        windowed(&mut lines, &y.moves, at, SECTION_ROWS, theme, |m, lines| {
            let to =
                m.to.map_or_else(|| w.not_set.to_owned(), |d| lang.day_month(d));
            lines.push(fit_spans(
                vec![
                    Span::styled(
                        format!("{} ", forum.body_short(&m.meeting.body)),
                        theme.body(m.meeting.body.as_str()),
                    ),
                    Span::styled(format!("{} → {to}", lang.day_month(m.from)), theme.text),
                ],
                width,
            ));
            if !m.reason.trim().is_empty() {
                lines.push(Line::styled(
                    truncate(&format!("  {}", one_line(&m.reason)), width),
                    theme.muted,
                ));
            }
        });
    }
    if !y.events.is_empty() {
        section(&mut lines, w.events);
        let at = y.events.partition_point(|e| e.end_date < cursor);
        windowed(
            &mut lines,
            &y.events,
            at,
            SECTION_ROWS,
            theme,
            |e, lines| {
                lines.push(Line::styled(
                    truncate(
                        &format!("{}  {}", lang.day_month(e.start_date), one_line(&e.title)),
                        width,
                    ),
                    theme.accent,
                ));
                if let Some(about) = event_remarks(e, lang) {
                    lines.push(Line::styled(
                        truncate(&format!("  {about}"), width),
                        theme.muted,
                    ));
                }
            },
        );
    }
    if !y.dues.is_empty() {
        section(&mut lines, w.dues);
        let at = y.dues.partition_point(|d| d.date < cursor);
        windowed(&mut lines, &y.dues, at, SECTION_ROWS, theme, |d, lines| {
            lines.push(Line::styled(
                truncate(
                    &format!("{}  {}", lang.day_month(d.date), one_line(&d.what)),
                    width,
                ),
                theme.text,
            ));
        });
    }
    if y.findings.is_empty() {
        section(&mut lines, w.findings);
        lines.push(Line::styled(truncate(w.no_findings, width), theme.success));
    }
    lines
}

/// Lays out at most `rows` of `items` from just before index `at` (where the cursor falls),
/// with `…` where entries are left out above or below.
fn windowed<T>(
    lines: &mut Vec<Line<'static>>,
    items: &[T],
    at: usize,
    rows: usize,
    theme: &crate::tui::theme::Theme,
    mut line: impl FnMut(&T, &mut Vec<Line<'static>>),
) {
    let first = at.saturating_sub(2).min(items.len().saturating_sub(rows));
    let last = (first + rows).min(items.len());
    if first > 0 {
        lines.push(Line::styled("…", theme.muted));
    }
    for item in &items[first..last] {
        line(item, lines);
    }
    if last < items.len() {
        lines.push(Line::styled("…", theme.muted));
    }
}

/// The style, struck through for a cancelled meeting.
fn struck(style: Style, cancelled: bool) -> Style {
    if cancelled {
        style.add_modifier(Modifier::CROSSED_OUT)
    } else {
        style
    }
}

/// A meeting as the list and the day's window name it: body, time and place.
fn meeting_text(app: &App, id: &crate::model::MeetingId) -> String {
    let set = setting(&app.archive, id);
    let mut text = app.archive.forum.body_name(&id.body);
    if let Some(start) = set.start {
        text.push_str(&format!(" {}", app.lang.time_range(start, set.end)));
    }
    if !set.place.is_empty() {
        text.push_str(&format!(", {}", one_line(&set.place)));
    }
    text
}

/// The day's window: everything on the day; a meeting opens with Enter.
pub fn day(app: &App, window: &DayWindow, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let cui = calendar_ui(lang);
    let w = CalendarWords::of(lang);
    let title = lang.long_date_capitalized(window.date);
    overlay::render(app, area, buf, &title, 80, 0, |width| {
        let width = width.max(1);
        let mut lines = Vec::new();
        if window.entries.is_empty() {
            lines.push(Line::styled(
                truncate(cui.nothing_on_day, width),
                theme.muted,
            ));
        }
        for (i, entry) in window.entries.iter().enumerate() {
            let marker = Span::styled(if i == window.pos { "▶ " } else { "  " }, theme.accent);
            let mut line = match entry {
                DayEntry::Meeting(m) => {
                    let mut text = meeting_text(app, &m.id);
                    if !m.has_file {
                        text.push_str(&format!(" ({})", w.no_file));
                    }
                    let mut spans = vec![
                        marker,
                        Span::styled(text, struck(theme.body(m.id.body.as_str()), m.cancelled)),
                    ];
                    let remarks = remarks(&app.archive, m, lang);
                    if !remarks.is_empty() {
                        spans.push(Span::styled(
                            format!(" — {}", one_line(&remarks.join(" · "))),
                            theme.muted,
                        ));
                    }
                    fit_spans(spans, width)
                }
                DayEntry::Event(e) => {
                    let mut spans = vec![
                        marker,
                        Span::styled(
                            format!("{}: {}", w.event_kind(e.kind), one_line(&e.title)),
                            theme.accent,
                        ),
                    ];
                    if let Some(about) = event_remarks(e, lang) {
                        spans.push(Span::styled(format!(" — {about}"), theme.muted));
                    }
                    fit_spans(spans, width)
                }
                DayEntry::Note(text) => fit_spans(
                    vec![marker, Span::styled(one_line(text), theme.text)],
                    width,
                ),
            };
            if i == window.pos {
                line = line.patch_style(theme.selection);
            }
            lines.push(line);
        }
        lines.push(Line::default());
        lines.push(Line::styled(truncate(cui.day_keys, width), theme.muted));
        lines
    });
}
