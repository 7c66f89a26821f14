use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;

use chrono::Datelike;
use serde_json::json;

use super::Context;
use crate::cli::{ListArgs, ListFormat};
use dagsorden::archive::Archive;
use dagsorden::model::{Meeting, MeetingId, MeetingStatus, PlannedMeeting};
use dagsorden::text::sanitize;

/// One row: a meeting with a file, or one only in a year plan.
struct Row<'a> {
    id: MeetingId,
    file: Option<&'a Meeting>,
    planned: Option<&'a PlannedMeeting>,
}

fn rows<'a>(archive: &'a Archive, args: &ListArgs) -> BTreeMap<MeetingId, Row<'a>> {
    let mut rows = BTreeMap::new();
    for p in archive.plans.iter().flat_map(|p| p.meetings.iter()) {
        rows.insert(
            p.id(),
            Row {
                id: p.id(),
                file: None,
                planned: Some(p),
            },
        );
    }
    for m in &archive.meetings {
        rows.entry(m.id.clone())
            .or_insert(Row {
                id: m.id.clone(),
                file: None,
                planned: None,
            })
            .file = Some(m);
    }
    rows.retain(|id, _| {
        args.year.is_none_or(|y| id.date.year() == y)
            && args.body.as_deref().is_none_or(|b| id.body.as_str() == b)
    });
    rows
}

pub fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    Context::check_body(&archive, args.body.as_deref())?;
    let rows = rows(&archive, args);
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rows.values().map(|r| row_json(&archive, r)).collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for r in rows.values() {
                let status = r.file.map_or(MeetingStatus::Planned, |m| m.status);
                let short = archive.forum.body_short(&r.id.body);
                let items_word = lang.labels().items_count;
                let title = match (r.file, r.planned.and_then(|p| p.event.as_ref())) {
                    (Some(m), _) => format!("{} ({} {items_word})", m.title, m.items.len()),
                    (None, Some(event)) => format!("[{event}]"),
                    (None, None) => String::new(),
                };
                writeln!(
                    out,
                    "{:<16} {:<4} {:<30} {:<18} {}",
                    r.id.to_string(),
                    short,
                    lang.long_date(r.id.date),
                    lang.status(status),
                    sanitize(&title)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn row_json(archive: &Archive, r: &Row) -> serde_json::Value {
    let planned = r.planned;
    json!({
        "id": r.id.to_string(),
        "body": r.id.body.as_str(),
        "date": r.id.date.to_string(),
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
