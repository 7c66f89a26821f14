use std::fmt::Write;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

use serde_json::json;

use super::Context;
use crate::cli::{ListFormat, SearchArgs};
use std::collections::HashMap;

use dagsorden::lang::Lang;
use dagsorden::model::{Forum, Meeting, MeetingId};
use dagsorden::search::quick::{self, Found};
use dagsorden::search::words::archive_state;
use dagsorden::search::{Hit, Query, Snippet, describe_hit};
use dagsorden::text::{BOLD, Medium, RESET, sanitize};

const SNIPPET_WIDTH: usize = 100;

pub fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let query = Query::parse(&args.query.join(" "));
    if !query.problems.is_empty() {
        let all = |lang| {
            query
                .problems
                .iter()
                .map(|p| p.get(lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        return Err(super::Told::error(dagsorden::said!(
            "søgningen kan ikke læses: {}", all(Lang::Da);
            "cannot read the query: {}", all(Lang::En)
        )));
    }
    let found = ctx
        .cache()
        .and_then(|cache| quick::search(&ctx.dir, &cache, &query))
        .map_or_else(|| search_archive(ctx, &query), Ok)?;
    let Found {
        forum,
        hits,
        meetings,
    } = &found;
    let lang = ctx.lang_of(forum);
    let archive = Shown { forum, meetings };
    let mut out = String::new();
    let medium = match args.format {
        ListFormat::Json => Medium::Json,
        ListFormat::Text => Medium::Terminal,
    };
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = hits.iter().map(|h| hit_json(&archive, h, &query)).collect();
            write!(out, "{}", dagsorden::export::json::pretty(&list)?)?;
        }
        ListFormat::Text => {
            let bold = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut current = None;
            for hit in hits {
                if current != Some(&hit.meeting) {
                    current = Some(&hit.meeting);
                    writeln!(
                        out,
                        "{} · {} ({})",
                        sanitize(&archive.forum.body_name(&hit.meeting.body)),
                        lang.long_date(hit.meeting.date),
                        hit.meeting
                    )?;
                }
                let (title, snip) = describe(&archive, hit, &query);
                let number = hit
                    .item
                    .as_ref()
                    .map_or_else(String::new, ToString::to_string);
                writeln!(out, "  {number:>3}  {}", sanitize(&title))?;
                if let Some(s) = snip {
                    writeln!(out, "       {}: {}", s.field.label(lang), marked(&s, bold))?;
                }
            }
            if hits.is_empty() {
                super::out::stderr(&format!("{}\n", Lang::labels(lang).no_hits));
            }
        }
    }
    super::out::stdout(medium, &out)?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads the archive and searches all of it, keeping what the next search needs to be
/// quick.
fn search_archive(ctx: &Context, query: &Query) -> anyhow::Result<Found> {
    // The state before loading: a change made while loading makes the index stale.
    let state = ctx.cache().and_then(|_| archive_state(&ctx.dir));
    let archive = ctx.load()?;
    Ok(quick::search_loaded(&archive, state, query))
}

/// The forum and the meetings with hits: what showing them takes.
struct Shown<'a> {
    forum: &'a Forum,
    meetings: &'a HashMap<MeetingId, Meeting>,
}

impl Shown<'_> {
    fn meeting(&self, id: &MeetingId) -> Option<&Meeting> {
        self.meetings.get(id)
    }
}

/// The hit's title and its snippet.
fn describe(archive: &Shown, hit: &Hit, q: &Query) -> (String, Option<Snippet>) {
    match archive.meeting(&hit.meeting) {
        Some(meeting) => describe_hit(meeting, hit, q, SNIPPET_WIDTH),
        None => (hit.meeting.to_string(), None),
    }
}

/// The snippet with its matches in bold on a terminal; every piece sanitized.
fn marked(s: &Snippet, bold: bool) -> String {
    let chars: Vec<char> = s.text.chars().collect();
    let piece =
        |r: std::ops::Range<usize>| sanitize(&chars[r].iter().collect::<String>()).into_owned();
    let mut out = String::new();
    let mut at = 0;
    for m in &s.marks {
        out.push_str(&piece(at..m.start));
        if bold {
            out.push_str(&format!("{BOLD}{}{RESET}", piece(m.clone())));
        } else {
            out.push_str(&piece(m.clone()));
        }
        at = m.end;
    }
    out.push_str(&piece(at..chars.len()));
    out
}

fn hit_json(archive: &Shown, hit: &Hit, q: &Query) -> serde_json::Value {
    let (title, snip) = describe(archive, hit, q);
    json!({
        "meeting": hit.meeting.to_string(),
        "date": hit.meeting.date.to_string(),
        "body": hit.meeting.body.as_str(),
        "item": hit.item,
        "title": title,
        "field": snip.as_ref().map(|s| s.field.key()),
        "snippet": snip.as_ref().map(|s| s.text.as_str()),
        "marks": snip.as_ref().map(|s| s.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>()),
    })
}
