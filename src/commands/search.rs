use std::fmt::Write;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

use serde_json::json;

use super::Context;
use crate::cli::{ListFormat, SearchArgs};

use dagsorden::lang::Lang;
use dagsorden::model::Meeting;
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
    // Each meeting's hits are described as the meeting is read (in parallel); cutting the
    // snippets is most of the work when a common word has tens of thousands of hits.
    let show = |meeting: &Meeting, hits: Vec<Hit>| -> Vec<Described> {
        hits.into_iter()
            .map(|hit| {
                let (title, snippet) = describe_hit(meeting, &hit, &query, SNIPPET_WIDTH);
                Described {
                    hit,
                    title,
                    snippet,
                }
            })
            .collect()
    };
    let found = ctx
        .cache()
        .and_then(|cache| quick::search(&ctx.dir, &cache, &query, show))
        .map_or_else(|| search_archive(ctx, &query, show), Ok)?;
    let lang = ctx.lang_of(&found.forum);
    let mut out = String::new();
    let medium = match args.format {
        ListFormat::Json => Medium::Json,
        ListFormat::Text => Medium::Terminal,
    };
    let described = found.shown.iter().flatten();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = described.map(hit_json).collect();
            write!(out, "{}", dagsorden::export::json::pretty(&list)?)?;
        }
        ListFormat::Text => {
            let bold = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for meeting in &found.shown {
                let Some(first) = meeting.first() else {
                    continue;
                };
                let id = &first.hit.meeting;
                writeln!(
                    out,
                    "{} · {} ({})",
                    sanitize(&found.forum.body_name(&id.body)),
                    lang.long_date(id.date),
                    id
                )?;
                for d in meeting {
                    let number = d
                        .hit
                        .item
                        .as_ref()
                        .map_or_else(String::new, ToString::to_string);
                    writeln!(out, "  {number:>3}  {}", sanitize(&d.title))?;
                    if let Some(s) = &d.snippet {
                        writeln!(out, "       {}: {}", s.field.label(lang), marked(s, bold))?;
                    }
                }
            }
        }
    }
    let none = found.shown.iter().all(Vec::is_empty);
    if none && matches!(args.format, ListFormat::Text) {
        super::out::stderr(&format!("{}\n", Lang::labels(lang).no_hits));
    }
    super::out::stdout(medium, &out)?;
    Ok(if none {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A hit with what is shown of it.
struct Described {
    hit: Hit,
    title: String,
    snippet: Option<Snippet>,
}

/// Loads the archive and searches all of it, keeping what the next search needs to be
/// quick.
fn search_archive<T: Send>(
    ctx: &Context,
    query: &Query,
    show: impl Fn(&Meeting, Vec<Hit>) -> T + Sync,
) -> anyhow::Result<Found<T>> {
    // The state before loading: a change made while loading makes the index stale.
    let state = ctx.cache().and_then(|_| archive_state(&ctx.dir));
    let archive = ctx.load()?;
    Ok(quick::search_loaded(&archive, state, query, show))
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

fn hit_json(d: &Described) -> serde_json::Value {
    let (hit, snip) = (&d.hit, &d.snippet);
    json!({
        "meeting": hit.meeting.to_string(),
        "date": hit.meeting.date.to_string(),
        "body": hit.meeting.body.as_str(),
        "item": hit.item,
        "title": d.title,
        "field": snip.as_ref().map(|s| s.field.key()),
        "snippet": snip.as_ref().map(|s| s.text.as_str()),
        "marks": snip.as_ref().map(|s| s.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>()),
    })
}
