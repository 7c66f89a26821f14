//! A year's calendar as documents: text for the terminal, Markdown with the "Mødeplan"
//! table as the reference meeting's item 9 has it, JSON for programs, and iCalendar for the
//! calendar programs people use (see `ics`).

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use serde_json::json;

use super::sanitize_md::{table, text, to_markdown};
use crate::archive::Archive;
use crate::calendar::propose::Proposal;
use crate::calendar::words::CalendarWords;
use crate::calendar::year::{MoveRecord, YearOverview};
use crate::calendar::{
    Scheduled, event_remarks, joint_with, plan_entry, remarks, setting, working_dates,
};
use crate::lang::{Lang, iso_week};
use crate::model::{BodyId, Forum, MeetingId};
use crate::text::{one_line, sanitize_multiline};

/// The preparing body and the body it prepares for, as the table's columns: the first
/// body that recommends to another.
fn table_bodies(forum: &Forum) -> Option<(BodyId, BodyId)> {
    forum
        .bodies
        .iter()
        .find_map(|b| Some((b.id.clone(), b.recommends_to.clone()?)))
}

/// The "Mødeplan" table: one row per pair, preparing meeting first, dates written out
/// ("Onsdag den 24. januar 2018").
pub fn plan_table(
    forum: &Forum,
    rows: &[(Option<NaiveDate>, Option<NaiveDate>)],
    cancelled: &[MeetingId],
    lang: Lang,
) -> String {
    let w = CalendarWords::of(lang);
    let Some((prep, lead)) = table_bodies(forum) else {
        return String::new();
    };
    let heads = [
        format!("{} {}", w.meetings_of, forum.body_name(&prep)),
        format!("{} {}", w.meetings_of, forum.body_name(&lead)),
    ];
    let date = |d: &Option<NaiveDate>, body: &BodyId| {
        d.map(|d| {
            let off = cancelled.contains(&MeetingId::new(d, body.clone()));
            cell_date(d, off, lang)
        })
        .unwrap_or_default()
    };
    to_markdown(&table(
        &[&heads[0], &heads[1]],
        rows.iter().map(|(a, b)| [date(a, &prep), date(b, &lead)]),
    ))
}

/// A date in the "Mødeplan" table: "Fredag den 9. februar 2018", with "(aflyst)" after a
/// cancelled meeting.
fn cell_date(date: NaiveDate, cancelled: bool, lang: Lang) -> String {
    let d = lang.long_date_capitalized(date);
    if cancelled {
        format!("{d} ({})", CalendarWords::of(lang).cancelled)
    } else {
        d
    }
}

/// The "Mødeplan" table of a forum whose bodies prepare for none: one column per body
/// that meets in the year, its meetings down the column in date order.
fn body_columns_table(forum: &Forum, meetings: &[(BodyId, NaiveDate, bool)], lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let columns: Vec<(String, Vec<String>)> = forum
        .bodies
        .iter()
        .map(|b| {
            let mut dates: Vec<(NaiveDate, bool)> = meetings
                .iter()
                .filter(|(body, _, _)| *body == b.id)
                .map(|(_, d, cancelled)| (*d, *cancelled))
                .collect();
            dates.sort();
            let dates: Vec<String> = dates
                .into_iter()
                .map(|(d, cancelled)| cell_date(d, cancelled, lang))
                .collect();
            (format!("{} {}", w.meetings_of, b.name), dates)
        })
        .filter(|(_, dates)| !dates.is_empty())
        .collect();
    if columns.is_empty() {
        return String::new();
    }
    let heads: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
    let height = columns.iter().map(|(_, d)| d.len()).max().unwrap_or(0);
    let rows = (0..height).map(|row| {
        columns
            .iter()
            .map(|(_, d)| d.get(row).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
    });
    to_markdown(&table(&heads, rows))
}

/// The rows of a year's table: each pair, then the prepared body's meetings without one.
fn year_rows(forum: &Forum, y: &YearOverview) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
    let Some((_, lead)) = table_bodies(forum) else {
        return Vec::new();
    };
    let mut rows: Vec<_> = y
        .pairs
        .iter()
        .map(|p| (Some(p.prep.date), p.target.as_ref().map(|t| t.date)))
        .collect();
    rows.extend(
        y.meetings
            .iter()
            .filter(|m| m.id.body == lead && !y.in_pair(&m.id))
            .map(|m| (None, Some(m.date))),
    );
    rows.sort_by_key(|(a, b)| b.or(*a));
    rows
}

/// A draft plan as the table for a "Mødeplan" agenda item.
pub fn proposal_markdown(forum: &Forum, proposal: &Proposal, lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let mut rows: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = Vec::new();
    for m in &proposal.meetings {
        match &m.prepares {
            Some(target) => rows.push((Some(m.date), Some(target.date))),
            None if !proposal
                .meetings
                .iter()
                .any(|p| p.prepares.as_ref() == Some(&m.id())) =>
            {
                rows.push((None, Some(m.date)))
            }
            None => {}
        }
    }
    rows.sort_by_key(|(a, b)| b.or(*a));
    let heading = format!("{} {} ({})", w.plan, proposal.year, w.draft);
    let mut events = vec![
        Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id: None,
            classes: vec![],
            attrs: vec![],
        }),
        text(&heading),
        Event::End(TagEnd::Heading(HeadingLevel::H2)),
    ];
    let mut out = to_markdown(&std::mem::take(&mut events));
    out.push('\n');
    if table_bodies(forum).is_some() {
        out.push_str(&plan_table(forum, &rows, &[], lang));
    } else {
        let meetings: Vec<_> = proposal
            .meetings
            .iter()
            .map(|m| (m.body.clone(), m.date, false))
            .collect();
        out.push_str(&body_columns_table(forum, &meetings, lang));
    }
    out
}

/// A draft plan for programs: each meeting with its weekday and the meeting it prepares.
pub fn proposal_json(proposal: &Proposal, lang: Lang) -> serde_json::Value {
    let meetings: Vec<_> = proposal
        .meetings
        .iter()
        .map(|m| {
            json!({
                "id": m.id().to_string(),
                "body": m.body.as_str(),
                "date": m.date.format("%Y-%m-%d").to_string(),
                "weekday": lang.weekday(m.date.weekday()),
                "prepares": m.prepares.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    json!({ "year": proposal.year, "meetings": meetings })
}

fn move_line(archive: &Archive, m: &MoveRecord, lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let to =
        m.to.map_or_else(|| w.not_set.to_owned(), |d| lang.long_date(d));
    let mut line = format!(
        "{} {} → {}",
        archive.forum.body_short(&m.meeting.body),
        lang.long_date(m.from),
        to
    );
    if !m.reason.trim().is_empty() {
        line.push_str(&format!(": {}", one_line(&m.reason)));
    }
    if let Some(d) = &m.decided_by {
        line.push_str(&format!(" ({})", lang.item_phrase(&archive.forum, d)));
    }
    line
}

fn meeting_line(archive: &Archive, s: &Scheduled, lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let set = setting(archive, &s.id);
    let mut line = format!(
        "{} {:>2}  {:<31} {:<4}",
        w.week,
        iso_week(s.date),
        lang.long_date(s.date),
        archive.forum.body_short(&s.id.body)
    );
    match set.start {
        Some(start) => line.push_str(&format!("  {}", lang.time_range(start, set.end))),
        None => line.push_str(&format!("  ({})", lang.labels().time_not_stated)),
    }
    if !set.place.is_empty() {
        line.push_str(&format!("  {}", one_line(&set.place)));
    }
    if let Some(body) = archive.forum.body(&s.id.body)
        && let Some(dates) =
            working_dates(body, s.date).phrase(w.items_due, w.agenda_out, |d| lang.date(d))
    {
        line.push_str(&format!("  · {dates}"));
    }
    if s.move_pending {
        line.push_str(&format!("  ({}, {})", w.to_be_moved, w.not_set));
    } else if s.date != s.id.date {
        line.push_str(&format!("  ({} {})", w.moved_from, lang.date(s.id.date)));
    }
    let remarks = remarks(archive, s, lang);
    if !remarks.is_empty() {
        line.push_str(&format!("  — {}", one_line(&remarks.join(" · "))));
    }
    line
}

/// The year as text: the pairs with their gaps, every meeting with its working dates,
/// seminars, other dates, moves, deadlines and the checks.
pub fn calendar_text(archive: &Archive, y: &YearOverview, lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let forum = &archive.forum;
    let mut out = format!("{} {} · {}\n", w.plan, y.year, one_line(&forum.name));
    if let Some(d) = archive.plan(y.year).and_then(|p| p.decided_by.as_ref()) {
        out.push_str(&format!("{}: {}\n", w.adopted, lang.item_phrase(forum, d)));
    }
    if !y.pairs.is_empty() {
        let (a, b) = (
            &y.pairs[0].prep.id.body,
            y.pairs[0].target.as_ref().map(|t| &t.id.body),
        );
        out.push_str(&format!(
            "\n{} → {}{:>width$}\n",
            forum.body_short(a),
            b.map(|b| forum.body_short(b)).unwrap_or_default(),
            w.days,
            width = 58
        ));
        for p in &y.pairs {
            let target = p.target.as_ref();
            out.push_str(&format!(
                "{:<29} → {:<29} {:>4}\n",
                lang.long_date(p.prep.date),
                target.map(|t| lang.long_date(t.date)).unwrap_or_default(),
                p.gap_days().map(|g| g.to_string()).unwrap_or_default()
            ));
        }
    }
    out.push_str(&format!("\n{}\n", w.meetings));
    if y.meetings.is_empty() {
        out.push_str(&format!("  {}\n", w.no_meetings));
    }
    for s in &y.meetings {
        out.push_str(&format!("  {}\n", meeting_line(archive, s, lang)));
    }
    if !y.events.is_empty() {
        out.push_str(&format!("\n{}\n", w.events));
        for e in &y.events {
            let when = if e.end_date == e.start_date {
                lang.long_date(e.start_date)
            } else {
                format!(
                    "{} – {}",
                    lang.long_date(e.start_date),
                    lang.long_date(e.end_date)
                )
            };
            out.push_str(&format!(
                "  {when}  {}: {}{}{}\n",
                w.event_kind(e.kind),
                one_line(&e.title),
                if e.place.is_empty() {
                    String::new()
                } else {
                    format!(", {}", one_line(&e.place))
                },
                event_remarks(e, lang).map_or_else(String::new, |r| format!(" — {r}"))
            ));
        }
    }
    if !y.external.is_empty() {
        out.push_str(&format!("\n{}\n", w.external));
        for x in &y.external {
            out.push_str(&format!(
                "  {}  {}\n",
                lang.long_date(x.date),
                one_line(&x.title)
            ));
        }
    }
    if !y.moves.is_empty() {
        out.push_str(&format!("\n{}\n", w.moves));
        for m in &y.moves {
            out.push_str(&format!("  {}\n", move_line(archive, m, lang)));
        }
    }
    if !y.dues.is_empty() {
        out.push_str(&format!("\n{}\n", w.dues));
        for d in &y.dues {
            out.push_str(&format!(
                "  {}  {} ({})\n",
                lang.long_date(d.date),
                one_line(&d.what),
                lang.followup_state(d.state)
            ));
        }
    }
    out.push_str(&format!("\n{}\n", w.findings));
    if y.findings.is_empty() {
        out.push_str(&format!("  {}\n", w.no_findings));
    }
    for f in &y.findings {
        let mark = match f.severity() {
            crate::archive::Severity::Error => "!!",
            crate::archive::Severity::Warning => "! ",
        };
        out.push_str(&format!("  {mark} {}\n", f.message(lang, forum)));
    }
    sanitize_multiline(&out).into_owned()
}

/// The year as Markdown: the "Mødeplan" table, then seminars, moves and deadlines.
pub fn calendar_markdown(archive: &Archive, y: &YearOverview, lang: Lang) -> String {
    let w = CalendarWords::of(lang);
    let forum = &archive.forum;
    let heading = |level: HeadingLevel, s: &str| {
        vec![
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes: vec![],
                attrs: vec![],
            }),
            text(s),
            Event::End(TagEnd::Heading(level)),
        ]
    };
    let list = |items: Vec<String>| {
        let mut ev = vec![Event::Start(Tag::List(None))];
        for i in items {
            ev.push(Event::Start(Tag::Item));
            ev.push(text(&i));
            ev.push(Event::End(TagEnd::Item));
        }
        ev.push(Event::End(TagEnd::List(false)));
        ev
    };
    let mut out = to_markdown(&heading(
        HeadingLevel::H1,
        &format!("{} {} · {}", w.plan, y.year, one_line(&forum.name)),
    ));
    out.push('\n');
    match table_bodies(forum) {
        Some(_) => {
            // Cancelled meetings are named by the date they are held on.
            let cancelled: Vec<MeetingId> = y
                .meetings
                .iter()
                .filter(|m| m.cancelled)
                .map(|m| MeetingId::new(m.date, m.id.body.clone()))
                .collect();
            out.push_str(&plan_table(forum, &year_rows(forum, y), &cancelled, lang))
        }
        None => {
            let meetings: Vec<_> = y
                .meetings
                .iter()
                .map(|m| (m.id.body.clone(), m.date, m.cancelled))
                .collect();
            out.push_str(&body_columns_table(forum, &meetings, lang));
        }
    }
    let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
    sections.push((
        w.events,
        y.events
            .iter()
            .map(|e| {
                let when = if e.end_date == e.start_date {
                    lang.long_date_capitalized(e.start_date)
                } else {
                    format!(
                        "{} – {}",
                        lang.long_date_capitalized(e.start_date),
                        lang.long_date(e.end_date)
                    )
                };
                let mut line = format!("{when}: {} – {}", w.event_kind(e.kind), one_line(&e.title));
                if let Some(r) = event_remarks(e, lang) {
                    line.push_str(&format!(" ({r})"));
                }
                line
            })
            .collect(),
    ));
    sections.push((
        w.notes,
        y.meetings
            .iter()
            .filter_map(|s| {
                let r = remarks(archive, s, lang);
                (!r.is_empty()).then(|| {
                    format!(
                        "{}, {}: {}",
                        lang.long_date_capitalized(s.date),
                        forum.body_short(&s.id.body),
                        one_line(&r.join(" · "))
                    )
                })
            })
            .collect(),
    ));
    sections.push((
        w.moves,
        y.moves
            .iter()
            .map(|m| move_line(archive, m, lang))
            .collect(),
    ));
    sections.push((
        w.dues,
        y.dues
            .iter()
            .map(|d| {
                format!(
                    "{}: {}",
                    lang.long_date_capitalized(d.date),
                    one_line(&d.what)
                )
            })
            .collect(),
    ));
    for (title, items) in sections {
        if items.is_empty() {
            continue;
        }
        let mut ev = heading(HeadingLevel::H2, title);
        ev.extend(list(items));
        out.push('\n');
        out.push_str(&to_markdown(&ev));
    }
    out
}

/// The year for programs: every meeting with its week, weekday, working dates and moves.
pub fn calendar_json(archive: &Archive, y: &YearOverview, lang: Lang) -> serde_json::Value {
    let forum = &archive.forum;
    let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let meetings: Vec<_> = y
        .meetings
        .iter()
        .map(|s| {
            let set = setting(archive, &s.id);
            let wd = forum.body(&s.id.body).map(|b| working_dates(b, s.date));
            let pair = y.pairs.iter().find(|p| p.prep.id == s.id);
            json!({
                "id": s.id.to_string(),
                "body": s.id.body.as_str(),
                "date": date(s.date),
                "weekday": lang.weekday(s.date.weekday()),
                "week": iso_week(s.date),
                "planned_date": date(s.id.date),
                "start": set.start.map(|t| t.format("%H:%M").to_string()),
                "end": set.end.map(|t| t.format("%H:%M").to_string()),
                "place": set.place,
                "items_due": wd.and_then(|w| w.items_due).map(date),
                "agenda_out": wd.and_then(|w| w.agenda_out).map(date),
                "has_file": s.has_file,
                "move_pending": s.move_pending,
                "cancelled": s.cancelled,
                "with": joint_with(archive, &s.id).iter().map(|p| forum.party_name(p)).collect::<Vec<_>>(),
                "note": plan_entry(archive, &s.id).map(|p| p.note.as_str()).unwrap_or(""),
                "prepares": pair.and_then(|p| p.target.as_ref()).map(|t| t.id.to_string()),
                "gap_days": pair.and_then(|p| p.gap_days()),
            })
        })
        .collect();
    json!({
        "year": y.year,
        "decided_by": archive.plan(y.year).and_then(|p| p.decided_by.as_ref()).map(ToString::to_string),
        "meetings": meetings,
        "events": y.events.iter().map(|e| json!({
            "id": e.id,
            "kind": e.kind.key(),
            "title": e.title,
            "start_date": date(e.start_date),
            "end_date": date(e.end_date),
            "place": e.place,
            "theme": e.theme,
            "note": e.note,
        })).collect::<Vec<_>>(),
        "external": y.external.iter().map(|x| json!({
            "title": x.title,
            "date": date(x.date),
            "note": x.note,
        })).collect::<Vec<_>>(),
        "moves": y.moves.iter().map(|m| json!({
            "meeting": m.meeting.to_string(),
            "from": date(m.from),
            "to": m.to.map(date),
            "reason": m.reason,
            "decided_by": m.decided_by.as_ref().map(ToString::to_string),
        })).collect::<Vec<_>>(),
        "dues": y.dues.iter().map(|d| json!({
            "id": d.id,
            "year": d.year,
            "date": date(d.date),
            "what": d.what,
            "state": d.state.key(),
        })).collect::<Vec<_>>(),
        "findings": y.findings.iter().map(|f| json!({
            "meeting": f.meeting.to_string(),
            "date": date(f.date),
            "severity": f.severity().key(),
            "message": f.message(lang, forum),
        })).collect::<Vec<_>>(),
    })
}
