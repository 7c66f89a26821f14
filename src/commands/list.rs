use std::fmt::Write;
use std::process::ExitCode;

use chrono::Datelike;
use serde_json::json;

use super::Context;
use crate::cli::{ListArgs, ListFormat};
use dagsorden::archive::Archive;
use dagsorden::calendar::words::CalendarWords;
use dagsorden::calendar::{Scheduled, schedule};
use dagsorden::model::{Meeting, MeetingStatus, PlannedMeeting};
use dagsorden::text::{Medium, sanitize};

/// One row: a meeting with a file, or one only in a year plan, on the date it is held.
struct Row<'a> {
    /// When and whether it moved, from the schedule.
    held: Scheduled,
    file: Option<&'a Meeting>,
    planned: Option<&'a PlannedMeeting>,
}

fn rows<'a>(archive: &'a Archive, args: &ListArgs) -> Vec<Row<'a>> {
    // Looked up once, not searched for each meeting: a municipality plans thousands.
    let planned: std::collections::HashMap<_, &PlannedMeeting> = archive
        .plans
        .iter()
        .flat_map(|p| p.meetings.iter())
        .map(|m| (m.id(), m))
        .collect();
    schedule(archive)
        .into_iter()
        .filter(|s| {
            args.year.is_none_or(|y| s.date.year() == y)
                && args.body.as_deref().is_none_or(|b| s.id.body.as_str() == b)
        })
        .map(|s| Row {
            file: archive.meeting(&s.id),
            planned: planned.get(&s.id).copied(),
            held: s,
        })
        .collect()
}

pub fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    // Nothing listed comes from an item's background.
    let archive = ctx.load_headers()?;
    let lang = ctx.lang(&archive);
    let w = CalendarWords::of(lang);
    Context::check_body(&archive, args.body.as_deref())?;
    let rows = rows(&archive, args);
    let mut out = String::new();
    let medium = match args.format {
        ListFormat::Json => Medium::Json,
        ListFormat::Text => Medium::Terminal,
    };
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rows.iter().map(|r| row_json(&archive, r)).collect();
            write!(out, "{}", dagsorden::export::json::pretty(&list)?)?;
        }
        ListFormat::Text => {
            for r in &rows {
                let status = r.file.map_or(MeetingStatus::Planned, |m| m.status);
                let short = archive.forum.body_short(&r.held.id.body);
                let items_word = lang.labels().items_count;
                let mut title = match (r.file, r.planned.and_then(|p| p.event.as_ref())) {
                    (Some(m), _) => format!("{} ({} {items_word})", m.title, m.items.len()),
                    (None, Some(event)) => format!("[{event}]"),
                    (None, None) => String::new(),
                };
                // A moved meeting is listed on the day it is held, with the day it left.
                if r.held.move_pending {
                    title = format!("({}, {}) {title}", w.to_be_moved, w.not_set);
                } else if r.held.date != r.held.id.date {
                    title = format!("({} {}) {title}", w.moved_from, lang.date(r.held.id.date));
                }
                let status = if r.held.cancelled && r.file.is_none() {
                    w.cancelled
                } else {
                    lang.status(status)
                };
                writeln!(
                    out,
                    "{:<16} {:<4} {:<30} {:<18} {}",
                    r.held.id.to_string(),
                    sanitize(&short),
                    lang.long_date(r.held.date),
                    status,
                    sanitize(title.trim_end())
                )?;
            }
        }
    }
    super::out::stdout(medium, &out)?;
    Ok(ExitCode::SUCCESS)
}

fn row_json(archive: &Archive, r: &Row) -> serde_json::Value {
    let planned = r.planned;
    let id = &r.held.id;
    json!({
        "id": id.to_string(),
        "body": id.body.as_str(),
        "date": r.held.date.to_string(),
        "planned_date": id.date.to_string(),
        "moved": r.held.date != id.date,
        "move_pending": r.held.move_pending,
        "cancelled": r.held.cancelled,
        "status": r.file.map_or(MeetingStatus::Planned, |m| m.status).key(),
        "title": r.file.map(|m| m.title.as_str()),
        "place": r.file.map(|m| m.place.as_str()).or_else(|| planned.and_then(|p| p.place.as_deref())),
        "start": r.file.and_then(|m| m.start).map(|t| t.format("%H:%M").to_string()),
        "end": r.file.and_then(|m| m.end).map(|t| t.format("%H:%M").to_string()),
        "items": r.file.map(|m| m.items.len()),
        "file": r.file.map(|m| archive.root.join(&m.file).display().to_string()),
        "planned": planned.is_some(),
    })
}
