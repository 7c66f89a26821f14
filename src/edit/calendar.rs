//! Changes to a year plan (`calendar/YYYY.toml`): moving a meeting, adding or removing a
//! meeting, seminar or theme day. Like every edit, on the file as the user wrote it.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use toml_edit::{DocumentMut, Item, Table, Value};

use super::{EditResult, set, tables, toml_date};
use crate::archive::Archive;
use crate::calendar::propose::Proposal;
use crate::lang::{Lang, Said};
use crate::said;

fn say_why() -> Said {
    said!("skriv, hvorfor mødet flyttes"; "say why the meeting moves")
}

/// "file: message" in both languages.
fn at_file(file: &Path, message: &Said) -> Said {
    let file = file.display();
    said!("{file}: {}", message.da; "{file}: {}", message.en)
}
use crate::model::{BodyId, EventKind, MeetingId};

/// The text of a year plan that does not exist yet.
pub fn new_plan_text(year: i32) -> String {
    format!("# Mødeplan {year}.\nyear = {year}\n")
}

fn str_of<'t>(t: &'t Table, key: &str) -> Option<&'t str> {
    t.get(key).and_then(Item::as_str)
}

/// A drafted year as a new plan file, each meeting written as `add_meeting` writes it, for
/// the user to adjust and adopt.
pub fn proposed_plan_text(proposal: &Proposal, lang: Lang, today: NaiveDate) -> String {
    let header = match lang {
        Lang::Da => format!(
            "# Udkast til mødeplan {}, foreslået af dagsorden {} ud fra reglerne i forum.toml.\n\
             # Tilpas datoerne, og skriv decided_by = \"ÅÅÅÅ-MM-DD-organ#punkt\", når planen er vedtaget.\n",
            proposal.year,
            lang.date(today)
        ),
        Lang::En => format!(
            "# Draft meeting plan {}, proposed by dagsorden on {} from the rules in forum.toml.\n\
             # Adjust the dates, and add decided_by = \"YYYY-MM-DD-body#item\" once it is adopted.\n",
            proposal.year,
            lang.date(today)
        ),
    };
    let mut doc: DocumentMut = format!("{header}year = {}\n", proposal.year)
        .parse()
        .expect("a plan's first line parses");
    for m in &proposal.meetings {
        add_meeting(&mut doc, &m.body, m.date, m.prepares.as_ref(), lang)
            .expect("a draft has each meeting once, on a day of its year");
    }
    doc.to_string()
}

/// Records that `meeting` moves to `to`, with the reason and the deciding item. A move
/// decided earlier without a new date (pending) gets its date; its reason and decision stay,
/// and a reason given now is added to it.
pub fn move_meeting(
    doc: &mut DocumentMut,
    meeting: &MeetingId,
    to: NaiveDate,
    reason: &str,
    decided_by: Option<&str>,
) -> EditResult {
    if to == meeting.date {
        return Err(said!("mødet har allerede den dato"; "the meeting already has that date"));
    }
    let id = meeting.to_string();
    let moves = tables(doc.as_table_mut(), "moves")?;
    let pending = moves
        .iter_mut()
        .find(|t| str_of(t, "meeting") == Some(id.as_str()) && t.get("to").is_none());
    if let Some(t) = pending {
        set(t, "to", Value::from(toml_date(to)));
        let reason = reason.trim();
        if !reason.is_empty() {
            let joined = match str_of(t, "reason").map(str::trim) {
                Some(old) if !old.is_empty() && old != reason => format!("{old} {reason}"),
                _ => reason.to_owned(),
            };
            set(t, "reason", joined);
        }
        if let Some(d) = decided_by.filter(|d| !d.trim().is_empty())
            && t.get("decided_by").is_none()
        {
            set(t, "decided_by", d.trim());
        }
        return Ok(());
    }
    if reason.trim().is_empty() {
        return Err(say_why());
    }
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t.insert("meeting", toml_edit::value(id));
    t.insert("to", toml_edit::value(toml_date(to)));
    t.insert("reason", toml_edit::value(reason.trim()));
    if let Some(d) = decided_by.filter(|d| !d.trim().is_empty()) {
        t.insert("decided_by", toml_edit::value(d.trim()));
    }
    moves.push(t);
    Ok(())
}

/// The file changes that move `meeting` to `to`: the move recorded in the year plan of
/// its planned date (created if missing) and, when the meeting has a file, the file renamed
/// to the new date with its date and weekday written anew. In the order they are best written: the
/// meeting file first, the plan last. `read` gives a file's current text.
pub fn move_files(
    archive: &Archive,
    meeting: &MeetingId,
    to: NaiveDate,
    reason: &str,
    decided_by: Option<&str>,
    mut read: impl FnMut(&Path) -> std::io::Result<String>,
) -> Result<Vec<(PathBuf, Option<String>)>, Said> {
    let lang = archive.forum.language;
    let year = meeting.date.year();
    let plan_rel = PathBuf::from(format!("calendar/{year}.toml"));
    let plan_text = match read(&plan_rel) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => new_plan_text(year),
        Err(e) => return Err(at_file(&plan_rel, &said!("{e}"; "{e}"))),
    };
    let mut plan: DocumentMut = plan_text.parse().map_err(|e: toml_edit::TomlError| {
        at_file(&plan_rel, &crate::archive::toml_said(e.message()))
    })?;
    move_meeting(&mut plan, meeting, to, reason, decided_by)?;
    let mut files = Vec::new();
    if let Some(m) = archive.meeting(meeting) {
        let new_id = MeetingId::new(to, meeting.body.clone());
        let new_rel = PathBuf::from(format!("{}/{new_id}.toml", to.year()));
        if new_rel != m.file {
            let folder_changes = new_rel.parent() != m.file.parent();
            if folder_changes && m.items.iter().any(|i| !i.attachments.is_empty()) {
                let (file, folder) = (
                    m.file.display(),
                    m.file.parent().unwrap_or(Path::new("")).display(),
                );
                return Err(said!(
                    "{file} har bilag ved siden af sig i {folder}; en flytning til et andet år gøres i hånden";
                    "{file} has attachments beside it in {folder}; a move into another year is done by hand"
                ));
            }
            if read(&new_rel).is_ok() {
                let (file, short) = (new_rel.display(), archive.forum.body_short(&meeting.body));
                return Err(said!(
                    "{file} findes allerede: der er et andet {short}-møde den dag";
                    "{file} exists already: another {short} meeting is on that day"
                ));
            }
            let text = read(&m.file).map_err(|e| at_file(&m.file, &said!("{e}"; "{e}")))?;
            let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
                at_file(&m.file, &crate::archive::toml_said(e.message()))
            })?;
            follow_move(&mut doc, to, lang)?;
            files.push((m.file.clone(), None));
            files.push((new_rel, Some(doc.to_string())));
        }
    }
    files.push((plan_rel, Some(plan.to_string())));
    Ok(files)
}

/// Adds a meeting of `body` on `date`, with its weekday written out.
pub fn add_meeting(
    doc: &mut DocumentMut,
    body: &BodyId,
    date: NaiveDate,
    prepares: Option<&MeetingId>,
    lang: Lang,
) -> EditResult {
    check_year(doc, date)?;
    let meetings = tables(doc.as_table_mut(), "meetings")?;
    let same = |t: &Table| {
        str_of(t, "body") == Some(body.as_str())
            && t.get("date")
                .and_then(Item::as_datetime)
                .map(ToString::to_string)
                == Some(date.format("%Y-%m-%d").to_string())
    };
    if meetings.iter().any(same) {
        return Err(said!(
            "{body} har allerede et møde den {date} i planen";
            "{body} has a meeting on {date} in the plan already"
        ));
    }
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t.insert("body", toml_edit::value(body.as_str()));
    t.insert("date", toml_edit::value(toml_date(date)));
    t.insert("weekday", toml_edit::value(lang.weekday(date.weekday())));
    if let Some(p) = prepares {
        t.insert("prepares", toml_edit::value(p.to_string()));
    }
    meetings.push(t);
    Ok(())
}

/// Takes a planned meeting out of the plan, with the moves recorded for it; meetings that
/// said they prepare it no longer do.
pub fn remove_meeting(doc: &mut DocumentMut, meeting: &MeetingId) -> EditResult {
    let id = meeting.to_string();
    let date = meeting.date.format("%Y-%m-%d").to_string();
    let meetings = tables(doc.as_table_mut(), "meetings")?;
    let before = meetings.len();
    meetings.retain(|t| {
        !(str_of(t, "body") == Some(meeting.body.as_str())
            && t.get("date")
                .and_then(Item::as_datetime)
                .map(ToString::to_string)
                == Some(date.clone()))
    });
    if meetings.len() == before {
        return Err(said!("{id} står ikke i denne plan"; "{id} is not in this plan"));
    }
    for t in meetings.iter_mut() {
        if str_of(t, "prepares") == Some(id.as_str()) {
            t.remove("prepares");
        }
    }
    let mut decided_moves = 0;
    if let Some(moves) = doc.get_mut("moves").and_then(Item::as_array_of_tables_mut) {
        decided_moves = moves
            .iter()
            .filter(|t| str_of(t, "meeting") == Some(id.as_str()) && t.contains_key("to"))
            .count();
        moves.retain(|t| str_of(t, "meeting") != Some(id.as_str()));
        if moves.is_empty() {
            doc.remove("moves");
        }
    }
    // Calendar programs that imported the meeting are told it is cancelled, with a
    // sequence above the last one they saw (one per decided move).
    let removed = tables(doc.as_table_mut(), "removed")?;
    if !removed
        .iter()
        .any(|t| str_of(t, "meeting") == Some(id.as_str()))
    {
        let mut t = Table::new();
        t.insert("meeting", toml_edit::value(id.as_str()));
        t.insert("sequence", toml_edit::value(decided_moves as i64 + 1));
        t.decor_mut().set_prefix("\n");
        removed.push(t);
    }
    Ok(())
}

/// A seminar or theme day to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub body: Option<BodyId>,
}

/// Adds an event; returns the id it was given (kind and date, made unique in the plan).
pub fn add_event(doc: &mut DocumentMut, event: &NewEvent) -> Result<String, Said> {
    if event.title.trim().is_empty() {
        return Err(said!("giv begivenheden en titel"; "give the event a title"));
    }
    if event.end < event.start {
        return Err(said!(
            "begivenheden slutter, før den begynder";
            "the event ends before it begins"
        ));
    }
    check_year(doc, event.start)?;
    let events = tables(doc.as_table_mut(), "events")?;
    let base = format!("{}-{}", event.kind.key(), event.start.format("%Y-%m-%d"));
    let taken = |id: &str| events.iter().any(|t| str_of(t, "id") == Some(id));
    let id = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .expect("some id is free");
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t.insert("id", toml_edit::value(id.as_str()));
    t.insert("kind", toml_edit::value(event.kind.key()));
    t.insert("title", toml_edit::value(event.title.trim()));
    if let Some(b) = &event.body {
        t.insert("body", toml_edit::value(b.as_str()));
    }
    t.insert("date", toml_edit::value(toml_date(event.start)));
    if event.end != event.start {
        t.insert("end_date", toml_edit::value(toml_date(event.end)));
    }
    events.push(t);
    Ok(id)
}

/// Takes an event out of the plan; refused while a meeting of the plan is part of it.
pub fn remove_event(doc: &mut DocumentMut, id: &str) -> EditResult {
    let used = doc
        .get("meetings")
        .and_then(Item::as_array_of_tables)
        .is_some_and(|ms| ms.iter().any(|t| str_of(t, "event") == Some(id)));
    if used {
        return Err(said!(
            "et møde holdes som en del af `{id}`; fjern først mødet eller dets `event`";
            "a meeting is held as part of `{id}`; remove the meeting or its `event` first"
        ));
    }
    let events = tables(doc.as_table_mut(), "events")?;
    let before = events.len();
    events.retain(|t| str_of(t, "id") != Some(id));
    if events.len() == before {
        return Err(said!(
            "der er ingen begivenhed `{id}` i denne plan";
            "no event `{id}` in this plan"
        ));
    }
    if events.is_empty() {
        doc.remove("events");
    }
    Ok(())
}

/// Writes the date and weekday of a meeting file that moved to `date`, where it states
/// them.
pub fn follow_move(doc: &mut DocumentMut, date: NaiveDate, lang: Lang) -> EditResult {
    if doc.get("date").is_some() {
        set(doc.as_table_mut(), "date", Value::from(toml_date(date)));
    }
    if doc.get("weekday").is_some() {
        set(doc.as_table_mut(), "weekday", lang.weekday(date.weekday()));
    }
    Ok(())
}

fn check_year(doc: &DocumentMut, date: NaiveDate) -> EditResult {
    match doc.get("year").and_then(Item::as_integer) {
        Some(y) if y != i64::from(date.year()) => {
            let year = date.year();
            Err(said!(
                "{date} ligger ikke i {y}; den hører til i calendar/{year}.toml";
                "{date} is not in {y}; it belongs in calendar/{year}.toml"
            ))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const PLAN: &str = r#"# Mødeplan 2018
year = 2018

[[meetings]]
body = "fu"
date = 2018-01-24
weekday = "onsdag"
prepares = "2018-02-09-sdf"

[[meetings]]
body = "sdf"   # the first
date = 2018-02-09
weekday = "fredag"

# Pending: no date yet.
[[moves]]
meeting = "2018-02-09-sdf"
reason = "Nye datoer findes."
decided_by = "2017-09-08-sdf#9"
"#;

    fn doc() -> DocumentMut {
        PLAN.parse().unwrap()
    }

    #[test]
    fn a_pending_move_gets_its_date_and_keeps_its_reason_and_comments() {
        let mut doc = doc();
        let id: MeetingId = "2018-02-09-sdf".parse().unwrap();
        move_meeting(&mut doc, &id, d(2018, 3, 2), "", None).unwrap();
        let text = doc.to_string();
        assert!(text.contains("# Pending: no date yet."));
        assert!(text.contains("body = \"sdf\"   # the first"));
        assert!(text.contains("to = 2018-03-02"), "{text}");
        assert!(text.contains("reason = \"Nye datoer findes.\""));
        assert_eq!(text.matches("[[moves]]").count(), 1);
    }

    #[test]
    fn a_second_move_is_recorded_after_the_first() {
        let mut doc = doc();
        let id: MeetingId = "2018-02-09-sdf".parse().unwrap();
        move_meeting(&mut doc, &id, d(2018, 3, 2), "KKR flyttede", None).unwrap();
        assert!(
            doc.to_string()
                .contains("reason = \"Nye datoer findes. KKR flyttede\"")
        );
        assert_eq!(
            move_meeting(&mut doc, &id, d(2018, 3, 9), " ", None),
            Err(say_why())
        );
        move_meeting(
            &mut doc,
            &id,
            d(2018, 3, 9),
            "Lokalet er optaget",
            Some("2018-01-24-fu#3"),
        )
        .unwrap();
        let text = doc.to_string();
        assert_eq!(text.matches("[[moves]]").count(), 2);
        assert!(text.contains("to = 2018-03-09"));
        assert!(text.contains("decided_by = \"2018-01-24-fu#3\""));
    }

    #[test]
    fn meetings_are_added_with_their_weekday_and_removed_with_their_moves() {
        let mut doc = doc();
        let sdf: BodyId = "sdf".parse().unwrap();
        add_meeting(&mut doc, &sdf, d(2018, 5, 2), None, Lang::Da).unwrap();
        assert!(
            doc.to_string()
                .contains("date = 2018-05-02\nweekday = \"onsdag\"")
        );
        assert!(add_meeting(&mut doc, &sdf, d(2018, 5, 2), None, Lang::Da).is_err());
        assert!(add_meeting(&mut doc, &sdf, d(2019, 5, 3), None, Lang::Da).is_err());
        let id: MeetingId = "2018-02-09-sdf".parse().unwrap();
        remove_meeting(&mut doc, &id).unwrap();
        let text = doc.to_string();
        assert!(!text.contains("date = 2018-02-09"), "{text}");
        assert!(!text.contains("[[moves]]"));
        assert!(text.contains("2018-01-24"));
        // Kept as removed, for calendar programs that imported it.
        assert!(
            text.contains("[[removed]]\nmeeting = \"2018-02-09-sdf\"\nsequence = 1\n"),
            "{text}"
        );
        assert!(remove_meeting(&mut doc, &id).is_err());
    }

    #[test]
    fn events_get_unique_ids_and_cannot_be_removed_while_used() {
        let mut doc = doc();
        let seminar = NewEvent {
            kind: EventKind::Seminar,
            title: "Døgnseminar".into(),
            start: d(2018, 11, 15),
            end: d(2018, 11, 16),
            body: None,
        };
        assert_eq!(add_event(&mut doc, &seminar).unwrap(), "seminar-2018-11-15");
        assert_eq!(
            add_event(&mut doc, &seminar).unwrap(),
            "seminar-2018-11-15-2"
        );
        let text = doc.to_string();
        assert!(text.contains("end_date = 2018-11-16"));
        remove_event(&mut doc, "seminar-2018-11-15-2").unwrap();
        let t = tables(doc.as_table_mut(), "meetings").unwrap();
        t.get_mut(0)
            .unwrap()
            .insert("event", toml_edit::value("seminar-2018-11-15"));
        assert!(remove_event(&mut doc, "seminar-2018-11-15").is_err());
        let theme = NewEvent {
            kind: EventKind::ThemeDay,
            title: " ".into(),
            start: d(2018, 3, 1),
            end: d(2018, 3, 1),
            body: None,
        };
        assert!(add_event(&mut doc, &theme).is_err());
    }
}
