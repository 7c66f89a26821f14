//! The follow-up list as documents: text for the terminal (and a morning mail), JSON for
//! programs and a Markdown table for a report. One entry per follow-up, and per year for a
//! yearly deadline, in the order of [`crate::followup::entries`].

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use serde_json::json;

use super::sanitize_md::{table, text, to_markdown};
use crate::archive::Archive;
use crate::followup::{Entry, FollowupState, due_phrase, entry_due_phrase, reporting_body};
use crate::lang::Lang;
use crate::model::{Followup, FollowupStatus};
use crate::text::{one_line, sanitize};

/// The body a follow-up is to be put before, when it names one.
fn body_short(archive: &Archive, f: &Followup) -> Option<String> {
    f.reports_to.as_ref().map(|b| archive.forum.body_short(b))
}

/// Where a follow-up came from: the decision, else the source named in the plan.
pub fn origin_phrase(archive: &Archive, f: &Followup, lang: Lang) -> Option<String> {
    match (&f.origin, &f.source) {
        (Some(o), _) => Some(lang.item_phrase(&archive.forum, o)),
        (None, Some(s)) => Some(one_line(s)),
        (None, None) => None,
    }
}

/// What more there is to say about an entry, a short line each: runs, the agenda it is on,
/// earlier dues, how it was closed.
pub fn details(archive: &Archive, entry: &Entry, lang: Lang) -> Vec<String> {
    let l = lang.labels();
    let f = entry.followup(archive);
    let mut out = Vec::new();
    if let Some((held, needed)) = f.progress().filter(|(held, _)| *held > 0) {
        let mut line = format!("{} {held}/{needed}", l.runs_label);
        for run in f.runs_by_date() {
            line.push_str(&format!(" · {}", lang.date(run.date)));
            if !run.note.trim().is_empty() {
                line.push_str(&format!(" ({})", one_line(&run.note)));
            }
        }
        out.push(line);
    }
    // Said once: a suggestion's text is its sentence until staff write it their way.
    if !f.quote.trim().is_empty() && one_line(&f.quote) != one_line(&f.what) {
        out.push(format!("{}: «{}»", l.from_the_minutes, one_line(&f.quote)));
    }
    if let Some(r) = &entry.on_agenda {
        out.push(format!(
            "{}: {}",
            l.on_agenda,
            lang.item_phrase(&archive.forum, r)
        ));
    }
    for r in &f.rescheduled {
        let was = due_phrase(&r.was, f.runs.len(), lang, |id| archive.event(id));
        out.push(format!(
            "{} {}: «{was}» — {}",
            l.due_moved,
            lang.date(r.on),
            one_line(&r.reason)
        ));
    }
    if let Some(year) = entry.year
        && let Some(i) = f.instance(year)
        && i.due.is_some()
        && !i.reason.trim().is_empty()
    {
        out.push(format!("{}: {}", l.due_moved, one_line(&i.reason)));
    }
    // A year closed on its own says how; otherwise the follow-up (or whole series) does.
    let own = entry
        .year
        .and_then(|y| f.instance(y))
        .filter(|i| i.status != FollowupStatus::Open);
    let (closed_on, closed_by, reason) = match own {
        Some(i) => (i.closed_on, i.closed_by.as_ref(), &i.reason),
        None => (f.closed_on, f.closed_by.as_ref(), &f.reason),
    };
    match entry.state() {
        FollowupState::Done => {
            let mut line = lang.followup_state(FollowupState::Done).to_owned();
            if let Some(on) = closed_on {
                line.push_str(&format!(" {}", lang.date(on)));
            }
            if let Some(by) = closed_by {
                line.push_str(&format!(
                    ", {} {}",
                    l.closed_by,
                    lang.item_phrase(&archive.forum, by)
                ));
            }
            out.push(line);
        }
        FollowupState::Cancelled => {
            let mut line = lang.followup_state(FollowupState::Cancelled).to_owned();
            if let Some(on) = closed_on {
                line.push_str(&format!(" {}", lang.date(on)));
            }
            if !reason.trim().is_empty() {
                line.push_str(&format!(": {}", one_line(reason)));
            }
            out.push(line);
        }
        _ => {}
    }
    if !f.note.trim().is_empty() {
        out.push(one_line(&f.note));
    }
    out
}

fn summary(entries: &[Entry], today: NaiveDate, lang: Lang) -> String {
    let l = lang.labels();
    let open = entries
        .iter()
        .filter(|e| {
            !matches!(
                e.state(),
                FollowupState::Done | FollowupState::Cancelled | FollowupState::Suggested
            )
        })
        .count();
    let overdue = entries
        .iter()
        .filter(|e| e.state() == FollowupState::Overdue)
        .count();
    format!(
        "{} {} — {}: {open} · {}: {overdue}",
        l.followups_as_of,
        lang.long_date(today),
        l.open_count,
        l.overdue_count
    )
}

/// Plain text, one block per entry, most pressing dates first.
pub fn followups_text(
    archive: &Archive,
    entries: &[Entry],
    today: NaiveDate,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let mut out = summary(entries, today, lang);
    out.push_str("\n\n");
    if entries.is_empty() {
        out.push_str(l.no_followups);
        out.push('\n');
    }
    for e in entries {
        let f = e.followup(archive);
        out.push_str(&format!(
            "{:<16} {}\n",
            lang.followup_state(e.state()).to_uppercase(),
            one_line(&entry_due_phrase(archive, e, lang))
        ));
        out.push_str(&format!("  {}\n", one_line(&f.what)));
        let mut about = vec![sanitize(&f.id).into_owned()];
        if let Some(body) = body_short(archive, f) {
            about.push(format!("{} {body}", l.followup_reports_to.to_lowercase()));
        }
        if let Some(owner) = &f.owner {
            about.push(format!(
                "{}: {}",
                l.followup_owner.to_lowercase(),
                one_line(owner)
            ));
        }
        if let Some(origin) = origin_phrase(archive, f, lang) {
            about.push(format!("{} {origin}", l.from_decision));
        }
        out.push_str(&format!("  {}\n", about.join(" · ")));
        for d in details(archive, e, lang) {
            out.push_str(&format!("  {d}\n"));
        }
        out.push('\n');
    }
    // Every text from the archive (the forum's names too) as the terminal may show it.
    crate::text::sanitize_multiline(&out).into_owned()
}

fn date_json(d: Option<NaiveDate>) -> serde_json::Value {
    d.map_or(serde_json::Value::Null, |d| json!(d.to_string()))
}

/// One object per entry, with the state as of `today`, every date as YYYY-MM-DD and the due
/// said in words.
pub fn followups_json(archive: &Archive, entries: &[Entry], lang: Lang) -> serde_json::Value {
    let list = entries
        .iter()
        .map(|e| {
            let f = e.followup(archive);
            let runs: Vec<_> = f
                .runs_by_date()
                .iter()
                .map(|r| json!({ "date": r.date.to_string(), "note": r.note }))
                .collect();
            let rescheduled: Vec<_> = f
                .rescheduled
                .iter()
                .map(|r| {
                    json!({
                        "on": r.on.to_string(),
                        "was": due_phrase(&r.was, f.runs.len(), lang, |id| archive.event(id)),
                        "reason": r.reason,
                    })
                })
                .collect();
            json!({
                "id": f.id,
                "year": e.year,
                "what": f.what,
                "owner": f.owner,
                "reports_to": f.reports_to.as_ref().map(ToString::to_string),
                "body": reporting_body(f).map(ToString::to_string),
                "state": e.state().key(),
                "due": entry_due_phrase(archive, e, lang),
                "due_kind": f.due.kind_key(),
                "due_by": date_json(e.assessment.due_by),
                "progress": f.progress().map(|(held, needed)| json!({ "held": held, "needed": needed })),
                "runs": runs,
                "origin": f.origin.as_ref().map(ToString::to_string),
                "source": f.source,
                "on_agenda": e.on_agenda.as_ref().map(ToString::to_string),
                "rescheduled": rescheduled,
                "details": details(archive, e, lang),
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

/// A heading with the date and a table; every text from the archive is escaped.
pub fn followups_markdown(
    archive: &Archive,
    entries: &[Entry],
    today: NaiveDate,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let mut events = vec![
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id: None,
            classes: vec![],
            attrs: vec![],
        }),
        text(&summary(entries, today, lang)),
        Event::End(TagEnd::Heading(HeadingLevel::H1)),
    ];
    let heads = [
        l.state_label,
        l.followup_due,
        l.followups,
        l.followup_reports_to,
        l.followup_owner,
        l.origin_label,
        l.details_label,
    ];
    events.extend(table(
        &heads,
        entries.iter().map(|e| {
            let f = e.followup(archive);
            vec![
                lang.followup_state(e.state()).to_owned(),
                entry_due_phrase(archive, e, lang),
                one_line(&f.what),
                body_short(archive, f).unwrap_or_default(),
                f.owner.as_deref().map(one_line).unwrap_or_default(),
                origin_phrase(archive, f, lang).unwrap_or_default(),
                details(archive, e, lang).join("; "),
            ]
        }),
    ));
    to_markdown(&events)
}
