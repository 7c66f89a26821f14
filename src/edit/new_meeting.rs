//! A new meeting file: the body's defaults (or the year plan's), and the standing items:
//! approval of the previous minutes (linked to that meeting), the follow-ups chosen from
//! those due, Orienteringer, Eventuelt and Næste møde.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, value};

use crate::archive::Archive;
use crate::calendar::Scheduled;
use crate::followup::{FollowupState, assess};
use crate::lang::Lang;
use crate::lang::Said;
use crate::model::{BodyId, Followup, ItemKind, MeetingId, MeetingStatus};
use crate::said;

/// A meeting file ready to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: MeetingId,
    /// Relative to the archive root: `YYYY/YYYY-MM-DD-body.toml`.
    pub rel: PathBuf,
    pub text: String,
}

/// The follow-ups that report to `body` and are due by the meeting on `date` (overdue,
/// triggered or due within two weeks of it), to be offered as items.
pub fn offered_followups<'a>(
    archive: &'a Archive,
    schedule: &[Scheduled],
    body: &BodyId,
    date: NaiveDate,
) -> Vec<&'a Followup> {
    let meeting_date = |id: &MeetingId| crate::calendar::meeting_date(schedule, id);
    let event_date = |id: &str| archive.event(id).map(|e| e.start_date);
    archive
        .followups()
        .filter(|f| f.reports_to.as_ref() == Some(body))
        .filter(|f| {
            matches!(
                assess(f, date, meeting_date, event_date).state,
                FollowupState::Overdue | FollowupState::Triggered | FollowupState::DueSoon
            )
        })
        .collect()
}

/// The file for a new meeting of `body` on `date`, with `include` as items.
pub fn draft(
    archive: &Archive,
    schedule: &[Scheduled],
    body: &BodyId,
    date: NaiveDate,
    include: &[&Followup],
) -> Result<Draft, Said> {
    let forum = &archive.forum;
    let Some(b) = forum.body(body) else {
        let bodies = forum.body_ids().join(", ");
        return Err(said!(
            "der er intet organ `{body}` i forum.toml (organerne: {bodies})";
            "no body `{body}` in forum.toml (bodies: {bodies})"
        ));
    };
    let id = MeetingId::new(date, body.clone());
    if archive.meeting(&id).is_some() {
        return Err(said!("{id} har allerede en mødefil"; "{id} already has a meeting file"));
    }
    let lang = forum.language;
    let planned = archive
        .plan(date.year())
        .and_then(|p| p.meetings.iter().find(|m| m.id() == id));
    let crate::calendar::Setting { start, end, place } = crate::calendar::setting(archive, &id);
    let prepares = planned.and_then(|p| p.prepares.clone());

    // A cancelled meeting is neither the one before nor the next.
    let previous = schedule
        .iter()
        .filter(|s| s.id.body == *body && s.date < date && s.id != id && !s.cancelled)
        .max_by_key(|s| s.date);
    let next = schedule
        .iter()
        .filter(|s| s.id.body == *body && s.date > date && s.id != id && !s.cancelled)
        .min_by_key(|s| s.date);
    // Who recommends to this body writes the lead-ins ("Forretningsudvalget indstiller, at …").
    let recommender = forum
        .bodies
        .iter()
        .find(|x| x.recommends_to.as_ref() == Some(body));

    let mut doc = DocumentMut::new();
    let made = match lang {
        Lang::Da => "oprettet af dagsorden. Formatet: se README.md i arkivets mappe.",
        Lang::En => "created by dagsorden. Format: see README.md in the archive folder.",
    };
    doc.decor_mut()
        .set_prefix(format!("# {} — {made}\n\n", title(&b.name, date, lang)));
    doc.insert("body", value(body.as_str()));
    doc.insert("title", value(title(&b.name, date, lang)));
    doc.insert("date", value(super::toml_date(date)));
    doc.insert("weekday", value(lang.weekday(date.weekday())));
    if let Some(t) = start {
        doc.insert("start", value(super::toml_time(t)));
    }
    if let Some(t) = end {
        doc.insert("end", value(super::toml_time(t)));
    }
    if !place.is_empty() {
        doc.insert("place", value(place));
    }
    doc.insert("status", value(MeetingStatus::AgendaDraft.key()));
    if let Some(p) = &prepares {
        doc.insert("prepares", value(p.to_string()));
    }

    let lead = match recommender {
        Some(r) => format!("{} indstiller, at {}", r.name, b.name),
        None => format!("Det indstilles, at {}", b.name),
    };
    if b.agenda_approval {
        let at = append_item(
            &mut doc,
            "Godkendelse af dagsorden",
            ItemKind::AgendaApproval,
        )?;
        let clause = "godkender dagsordenen".to_owned();
        super::set_recommendation(&mut doc, at, &lead, &[clause], None)?;
    }
    if let Some(prev) = previous {
        let date_text = lang.date(prev.date);
        let title = format!(
            "Godkendelse af referat fra møde i {} den {date_text}",
            b.name
        );
        let at = append_item(&mut doc, &title, ItemKind::MinutesApproval)?;
        let clause = format!("godkender referat fra mødet i {} den {date_text}", b.name);
        super::set_recommendation(&mut doc, at, &lead, &[clause], None)?;
        let item = super::item(&mut doc, at)?;
        item.insert("refs", value(Array::from_iter([prev.id.to_string()])));
        if let Some(r) = recommender {
            super::sub_table(item, "recommendation")?.insert("by", value(r.id.as_str()));
        }
    }
    for f in include {
        super::followup::add_answering_item(&mut doc, &f.what, &f.id, f.origin.as_ref())?;
    }
    append_item(&mut doc, "Orienteringer", ItemKind::Announcements)?;
    append_item(&mut doc, "Eventuelt", ItemKind::AnyOtherBusiness)?;
    let at = append_item(&mut doc, "Næste møde", ItemKind::NextMeeting)?;
    if let Some(n) = next {
        let mut text = format!("Næste møde afholdes {}", lang.long_date(n.date));
        if let Some(s) = start {
            text.push(' ');
            text.push_str(&lang.time(s));
        }
        text.push('.');
        let item = super::item(&mut doc, at)?;
        item.insert("background", value(text));
        item.insert("refs", value(Array::from_iter([n.id.to_string()])));
    }

    if b.running_numbers {
        // Numbers run on from the body's last numbered item earlier in the year.
        let last = archive
            .meetings
            .iter()
            .filter(|m| m.id.body == *body && m.date() < date && m.date().year() == date.year())
            .flat_map(|m| m.items.iter().map(|i| i.number.main()))
            .max();
        if let Some(last) = last {
            super::renumber_from(&mut doc, i64::from(last) + 1)?;
        }
    }

    Ok(Draft {
        rel: PathBuf::from(date.format("%Y").to_string()).join(format!("{id}.toml")),
        id,
        text: doc.to_string(),
    })
}

/// Adds an item at the end, numbered after the last; returns its index.
fn append_item(doc: &mut DocumentMut, title: &str, kind: ItemKind) -> Result<usize, Said> {
    let at = super::items(doc)?.len();
    super::add_item(doc, at, title, kind)?;
    Ok(at)
}

fn title(body: &str, date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Møde i {body} den {}", lang.date(date)),
        Lang::En => format!("Meeting of {body} on {}", lang.date(date)),
    }
}
