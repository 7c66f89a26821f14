//! Changes to a follow-up where it is written: under an item of a meeting file
//! (`[[items.followups]]`) or among a year plan's `[[deadlines]]`. A follow-up is found by
//! its id, so the same functions serve both files. History is kept in the file: runs,
//! earlier dues with the reason they changed, and each year of a yearly deadline.

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use super::{EditResult, set, set_text, toml_date};
use crate::lang::Said;
use crate::model::{FollowupStatus, ItemKind, ItemRef, MeetingId, VaguePeriod};
use crate::said;

/// A follow-up's due as typed: a date (2018-02-09, 9/2-2018, …), a meeting id, a vague
/// period, or nothing (reported back later).
pub fn parse_due(text: &str) -> Option<toml_edit::InlineTable> {
    let mut t = toml_edit::InlineTable::new();
    if text.is_empty() {
        t.insert("kind", "report-back".into());
    } else if let Ok(date) = crate::model::typed_date::read(text) {
        t.insert("kind", "date".into());
        t.insert("date", date_value(date));
    } else if let Ok(id) = text.parse::<MeetingId>() {
        t.insert("kind", "meeting".into());
        t.insert("meeting", id.to_string().into());
    } else if text.parse::<VaguePeriod>().is_ok() {
        t.insert("kind", "period".into());
        t.insert("period", text.to_lowercase().into());
    } else {
        return None;
    }
    Some(t)
}

/// Where the follow-up `id` is in a file.
enum Place {
    Deadline(usize),
    Item(usize, usize),
}

fn has_id(t: &Table, id: &str) -> bool {
    t.get("id").and_then(Item::as_str).map(str::trim) == Some(id)
}

fn locate(doc: &DocumentMut, id: &str) -> Result<Place, Said> {
    if let Some(list) = doc.get("deadlines").and_then(Item::as_array_of_tables)
        && let Some(at) = list.iter().position(|t| has_id(t, id))
    {
        return Ok(Place::Deadline(at));
    }
    let items = doc.get("items").and_then(Item::as_array_of_tables);
    for (i, item) in items.into_iter().flat_map(|list| list.iter()).enumerate() {
        match item.get("followups") {
            Some(Item::ArrayOfTables(list)) => {
                if let Some(k) = list.iter().position(|t| has_id(t, id)) {
                    return Ok(Place::Item(i, k));
                }
            }
            Some(Item::Value(Value::Array(list))) => {
                let inline = list.iter().any(|v| {
                    v.as_inline_table()
                        .and_then(|t| t.get("id"))
                        .and_then(Value::as_str)
                        == Some(id)
                });
                if inline {
                    return Err(said!(
                        "opfølgningen `{id}` er skrevet på én linje; skriv den som [[items.followups]] eller ret den i en editor";
                        "the follow-up `{id}` is written inline; write it as [[items.followups]] or edit it in an editor"
                    ));
                }
            }
            _ => {}
        }
    }
    Err(no_followup(id))
}

fn no_followup(id: &str) -> Said {
    said!("der er ingen opfølgning `{id}` i filen"; "no follow-up `{id}` in the file")
}

fn not_a_suggestion(id: &str) -> Said {
    said!("opfølgningen `{id}` er ikke et forslag"; "the follow-up `{id}` is not a suggestion")
}

/// The follow-up `id` in a meeting file or a year plan.
fn find<'a>(doc: &'a mut DocumentMut, id: &str) -> Result<&'a mut Table, Said> {
    let place = locate(doc, id)?;
    let missing = || no_followup(id);
    match place {
        Place::Deadline(at) => doc
            .get_mut("deadlines")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|l| l.get_mut(at))
            .ok_or_else(missing),
        Place::Item(i, k) => super::item(doc, i)?
            .get_mut("followups")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|l| l.get_mut(k))
            .ok_or_else(missing),
    }
}

/// The inline array `key` of `table`, created when missing.
fn inline_list<'a>(table: &'a mut Table, key: &str) -> Result<&'a mut Array, Said> {
    if table.get(key).is_none() {
        table.insert(key, toml_edit::value(Array::new()));
    }
    table
        .get_mut(key)
        .and_then(Item::as_array_mut)
        .ok_or_else(|| {
            said!(
                "`{key}` er ikke en liste; ret det i en editor";
                "`{key}` is not a list; edit it in an editor"
            )
        })
}

/// One entry per line, so a long history stays readable and diffs show one line each.
fn one_per_line(list: &mut Array) {
    for v in list.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
    }
    list.set_trailing_comma(true);
    list.set_trailing("\n");
}

fn push_line(table: &mut Table, key: &str, entry: InlineTable) -> EditResult {
    let list = inline_list(table, key)?;
    list.push(Value::InlineTable(entry));
    one_per_line(list);
    Ok(())
}

/// The record of `year` among a yearly follow-up's instances, added when missing.
fn instance(table: &mut Table, year: i32) -> Result<&mut InlineTable, Said> {
    let list = inline_list(table, "instances")?;
    let is_year = |v: &Value| {
        v.as_inline_table()
            .and_then(|t| t.get("year"))
            .and_then(Value::as_integer)
            == Some(i64::from(year))
    };
    let found = list.iter().position(is_year);
    let at = match found {
        Some(at) => at,
        None => {
            let mut t = InlineTable::new();
            t.insert("year", i64::from(year).into());
            list.push(Value::InlineTable(t));
            // Years in order, whatever order they were closed in.
            let mut values: Vec<Value> = list.iter().cloned().collect();
            values.sort_by_key(|v| {
                v.as_inline_table()
                    .and_then(|t| t.get("year"))
                    .and_then(Value::as_integer)
            });
            list.clear();
            list.extend(values);
            one_per_line(list);
            list.iter().position(is_year).expect("just added")
        }
    };
    list.get_mut(at)
        .and_then(Value::as_inline_table_mut)
        .ok_or_else(|| {
            said!(
                "gangen for {year} er ikke en tabel; ret den i en editor";
                "the instance of {year} is not a table; edit it in an editor"
            )
        })
}

fn date_value(date: NaiveDate) -> Value {
    Value::from(toml_date(date))
}

/// How a follow-up was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub status: FollowupStatus,
    pub on: NaiveDate,
    /// The meeting item that closed it.
    pub by: Option<ItemRef>,
    /// Why it was cancelled.
    pub reason: String,
}

/// Closes follow-up `id` (done or cancelled), or one `year` of a yearly one.
pub fn close(doc: &mut DocumentMut, id: &str, year: Option<i32>, closing: &Closing) -> EditResult {
    if closing.status == FollowupStatus::Open {
        return Err(said!(
            "en opfølgning lukkes som udført eller annulleret";
            "a follow-up is closed as done or cancelled"
        ));
    }
    if closing.status == FollowupStatus::Cancelled && closing.reason.trim().is_empty() {
        return Err(said!("skriv, hvorfor den annulleres"; "say why it is cancelled"));
    }
    let table = find(doc, id)?;
    match year {
        Some(year) => {
            let t = instance(table, year)?;
            t.insert("status", closing.status.key().into());
            t.insert("closed_on", date_value(closing.on));
            match &closing.by {
                Some(by) => {
                    t.insert("closed_by", by.to_string().into());
                }
                None => {
                    t.remove("closed_by");
                }
            }
            if !closing.reason.trim().is_empty() {
                t.insert("reason", closing.reason.trim().into());
            }
        }
        None => {
            set(table, "status", closing.status.key());
            match &closing.by {
                Some(by) => set(table, "closed_by", by.to_string()),
                None => {
                    table.remove("closed_by");
                }
            }
            set(table, "closed_on", toml_date(closing.on));
            set_text(table, "reason", &closing.reason);
        }
    }
    Ok(())
}

/// Whether the follow-up table is a suggestion not yet accepted.
fn is_suggestion(table: &Table) -> bool {
    table.get("suggested").and_then(Item::as_bool) == Some(true)
}

/// Accepts the suggested follow-up `id`: from now on it is an open follow-up like any other
/// (the sentence it was read from stays as its `quote`).
pub fn accept_suggestion(doc: &mut DocumentMut, id: &str) -> EditResult {
    let table = find(doc, id)?;
    if !is_suggestion(table) {
        return Err(not_a_suggestion(id));
    }
    table.remove("suggested");
    Ok(())
}

/// Discards the suggested follow-up `id`: its table leaves the file. Only a suggestion is
/// discarded so; a follow-up staff made is cancelled, with a reason.
pub fn discard_suggestion(doc: &mut DocumentMut, id: &str) -> EditResult {
    if !is_suggestion(find(doc, id)?) {
        return Err(not_a_suggestion(id));
    }
    let Place::Item(i, k) = locate(doc, id)? else {
        return Err(not_a_suggestion(id));
    };
    let item = super::item(doc, i)?;
    let list = item
        .get_mut("followups")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| no_followup(id))?;
    list.remove(k);
    if list.is_empty() {
        item.remove("followups");
    }
    Ok(())
}

/// Sets who is responsible for follow-up `id` (a name, an organisation); empty removes it.
pub fn set_owner(doc: &mut DocumentMut, id: &str, owner: &str) -> EditResult {
    let table = find(doc, id)?;
    let owner = owner.trim();
    if owner.is_empty() {
        table.remove("owner");
    } else {
        super::set(table, "owner", owner);
    }
    Ok(())
}

/// Logs one run of a count trigger: its date and a note.
pub fn log_run(doc: &mut DocumentMut, id: &str, date: NaiveDate, note: &str) -> EditResult {
    let table = find(doc, id)?;
    let mut run = InlineTable::new();
    run.insert("date", date_value(date));
    if !note.trim().is_empty() {
        run.insert("note", note.trim().into());
    }
    push_line(table, "runs", run)
}

/// Gives follow-up `id` a new due, keeping the old one and the reason under `rescheduled`.
/// `on` is the day the change is recorded.
pub fn reschedule(
    doc: &mut DocumentMut,
    id: &str,
    due: InlineTable,
    reason: &str,
    on: NaiveDate,
) -> EditResult {
    if reason.trim().is_empty() {
        return Err(said!("skriv, hvorfor fristen ændres"; "say why the due changes"));
    }
    let table = find(doc, id)?;
    let was = table
        .get("due")
        .and_then(|d| match d {
            Item::Value(Value::InlineTable(t)) => Some(t.clone()),
            Item::Table(t) => Some(t.clone().into_inline_table()),
            _ => None,
        })
        .ok_or_else(|| {
            said!(
                "opfølgningen `{id}` har ingen frist, der kan læses";
                "the follow-up `{id}` has no readable due"
            )
        })?;
    let mut was = was;
    // The copy goes inside a list: without the comment that followed the old line.
    was.decor_mut().clear();
    was.fmt();
    let mut entry = InlineTable::new();
    entry.insert("on", date_value(on));
    entry.insert("was", Value::InlineTable(was));
    entry.insert("reason", reason.trim().into());
    push_line(table, "rescheduled", entry)?;
    set(table, "due", due);
    Ok(())
}

/// Moves one year of a yearly follow-up to another date, with the reason.
pub fn move_instance(
    doc: &mut DocumentMut,
    id: &str,
    year: i32,
    date: NaiveDate,
    reason: &str,
) -> EditResult {
    if reason.trim().is_empty() {
        return Err(said!("skriv, hvorfor datoen ændres"; "say why the date changes"));
    }
    let t = instance(find(doc, id)?, year)?;
    t.insert("due", date_value(date));
    t.insert("reason", reason.trim().into());
    Ok(())
}

/// Adds an item that answers follow-up `id` to a meeting's agenda, before the standing
/// items at the end (Orienteringer, Eventuelt, Næste møde), referring to the decision that
/// set the follow-up. Returns the new item's number.
pub fn add_answering_item(
    doc: &mut DocumentMut,
    title: &str,
    id: &str,
    origin: Option<&ItemRef>,
) -> Result<i64, Said> {
    let items = super::items(doc)?;
    let standing = |t: &Table| {
        let kind = t
            .get("kind")
            .and_then(Item::as_str)
            .and_then(ItemKind::from_key);
        matches!(
            kind,
            Some(ItemKind::Announcements | ItemKind::AnyOtherBusiness | ItemKind::NextMeeting)
        )
    };
    let at = items.iter().position(standing).unwrap_or(items.len());
    let number = super::add_item(doc, at, title, ItemKind::Discussion)?;
    let item = super::item(doc, at)?;
    if let Some(origin) = origin {
        item.insert(
            "refs",
            toml_edit::value(Array::from_iter([origin.to_string()])),
        );
    }
    item.insert("answers", toml_edit::value(Array::from_iter([id])));
    super::positions::reorder_items(doc);
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const MEETING: &str = r#"body = "sdf"

[[items]]
number = 2
title = "Kompetenceudvikling"
kind = "decision"

# The evaluation comes back to SDF.
[[items.followups]]
id = "evaluering"
what = "Oplægget evalueres efter to forløb."
due = { kind = "count", count = 2, unit = "forløb" }

[[items]]
number = 3
title = "Spiseforstyrrelser"

[[items.followups]]
id = "status"
what = "Status til Socialstyrelsen."
due = { kind = "date", date = 2017-09-18 } # as the minutes say

[[items]]
number = 12
title = "Eventuelt"
kind = "any-other-business"
"#;

    const PLAN: &str = r#"year = 2018

# Rammeaftale 2018
[[deadlines]]
id = "belaegning-1-maj"
what = "Belægningsprocenter."
due = { kind = "yearly", month = 5, day = 1, from_year = 2018 }
"#;

    fn doc(text: &str) -> DocumentMut {
        text.parse().unwrap()
    }

    const SUGGESTED: &str = r#"body = "sdf"

[[items]]
number = 4
title = "Analyse"

# Read from the minutes.
[[items.followups]]
id = "2017-09-08-sdf-4-1"
what = "Analysen skal forelægge medio 2018."
due = { kind = "period", period = "medio 2018" }
suggested = true
quote = "Analysen skal forelægge medio 2018."

[[items.followups]]
id = "egen"
what = "Egen opfølgning."
due = { kind = "report-back" }

# The next item keeps its comment.
[[items]]
number = 5
title = "Eventuelt"
"#;

    #[test]
    fn an_accepted_suggestion_is_an_open_follow_up_with_its_quote() {
        let mut d = doc(SUGGESTED);
        accept_suggestion(&mut d, "2017-09-08-sdf-4-1").unwrap();
        let want = SUGGESTED.replace("suggested = true\n", "");
        assert_eq!(d.to_string(), want);
        assert!(accept_suggestion(&mut d, "2017-09-08-sdf-4-1").is_err());
    }

    #[test]
    fn a_discarded_suggestion_leaves_the_file_and_only_a_suggestion_can() {
        let mut d = doc(SUGGESTED);
        assert!(discard_suggestion(&mut d, "egen").is_err());
        discard_suggestion(&mut d, "2017-09-08-sdf-4-1").unwrap();
        let text = d.to_string();
        assert!(!text.contains("2017-09-08-sdf-4-1"), "{text}");
        assert!(text.contains("id = \"egen\""), "{text}");
        assert!(
            text.contains("# The next item keeps its comment."),
            "{text}"
        );
        discard_suggestion(&mut doc(&text), "egen").unwrap_err();
    }

    #[test]
    fn dues_as_typed() {
        assert_eq!(
            parse_due("").unwrap().to_string(),
            r#"{ kind = "report-back" }"#
        );
        assert_eq!(
            parse_due("2018-03-01").unwrap().to_string(),
            r#"{ kind = "date", date = 2018-03-01 }"#
        );
        assert_eq!(
            parse_due("2018-05-02-sdf").unwrap().to_string(),
            r#"{ kind = "meeting", meeting = "2018-05-02-sdf" }"#
        );
        assert_eq!(
            parse_due("Medio 2018").unwrap().to_string(),
            r#"{ kind = "period", period = "medio 2018" }"#
        );
        assert!(parse_due("snart").is_none());
    }

    #[test]
    fn runs_are_logged_one_per_line_keeping_comments() {
        let mut doc = doc(MEETING);
        log_run(&mut doc, "evaluering", d(2017, 11, 1), "Forløb 1, Vejle").unwrap();
        log_run(&mut doc, "evaluering", d(2018, 1, 15), "").unwrap();
        let text = doc.to_string();
        assert!(text.contains(
            "runs = [\n  { date = 2017-11-01, note = \"Forløb 1, Vejle\" },\n  { date = 2018-01-15 },\n]"
        ));
        assert!(text.contains("# The evaluation comes back to SDF."));
        assert!(text.contains("# as the minutes say"));
    }

    #[test]
    fn closing_records_how_and_when() {
        let mut doc = doc(MEETING);
        let done = Closing {
            status: FollowupStatus::Done,
            on: d(2017, 9, 15),
            by: Some("2017-09-08-sdf#3".parse().unwrap()),
            reason: String::new(),
        };
        close(&mut doc, "status", None, &done).unwrap();
        let text = doc.to_string();
        assert!(text.contains(
            "status = \"done\"\nclosed_by = \"2017-09-08-sdf#3\"\nclosed_on = 2017-09-15\n"
        ));
        let cancel = Closing {
            status: FollowupStatus::Cancelled,
            on: d(2017, 9, 20),
            by: None,
            reason: "  ".into(),
        };
        assert!(close(&mut doc, "evaluering", None, &cancel).is_err());
        let cancel = Closing {
            reason: "Forløbet blev aflyst".into(),
            ..cancel
        };
        close(&mut doc, "evaluering", None, &cancel).unwrap();
        assert!(
            doc.to_string()
                .contains("reason = \"Forløbet blev aflyst\"")
        );
        assert!(close(&mut doc, "nowhere", None, &cancel).is_err());
    }

    #[test]
    fn a_new_due_keeps_the_old_one_and_why() {
        let mut doc = doc(MEETING);
        let mut due = InlineTable::new();
        due.insert("kind", "date".into());
        due.insert("date", date_value(d(2017, 9, 25)));
        reschedule(
            &mut doc,
            "status",
            due,
            "En uges udsættelse",
            d(2017, 9, 14),
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains(
            "rescheduled = [\n  { on = 2017-09-14, was = { kind = \"date\", date = 2017-09-18 }, reason = \"En uges udsættelse\" },\n]"
        ), "{text}");
        assert!(text.contains("due = { kind = \"date\", date = 2017-09-25 } # as the minutes say"));
        assert!(reschedule(&mut doc, "status", InlineTable::new(), "", d(2017, 9, 14)).is_err());
    }

    #[test]
    fn each_year_of_a_deadline_is_closed_and_moved_on_its_own() {
        let mut doc = doc(PLAN);
        let done = Closing {
            status: FollowupStatus::Done,
            on: d(2019, 4, 29),
            by: None,
            reason: String::new(),
        };
        close(&mut doc, "belaegning-1-maj", Some(2019), &done).unwrap();
        move_instance(
            &mut doc,
            "belaegning-1-maj",
            2018,
            d(2018, 5, 8),
            "Forlænget",
        )
        .unwrap();
        close(
            &mut doc,
            "belaegning-1-maj",
            Some(2018),
            &Closing {
                on: d(2018, 5, 7),
                ..done
            },
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains(
            "instances = [\n  { year = 2018, due = 2018-05-08, reason = \"Forlænget\", status = \"done\", closed_on = 2018-05-07 },\n  { year = 2019, status = \"done\", closed_on = 2019-04-29 },\n]"
        ), "{text}");
        assert!(text.contains("# Rammeaftale 2018"));
    }

    #[test]
    fn an_answering_item_goes_before_the_standing_items() {
        let mut doc = doc(MEETING);
        let origin: ItemRef = "2017-09-08-sdf#2".parse().unwrap();
        let number = add_answering_item(
            &mut doc,
            "Evaluering af forløbet",
            "evaluering",
            Some(&origin),
        )
        .unwrap();
        assert_eq!(number, 4);
        let text = doc.to_string();
        let new = text.find("title = \"Evaluering af forløbet\"").unwrap();
        assert!(new < text.find("title = \"Eventuelt\"").unwrap());
        assert!(text.contains("answers = [\"evaluering\"]"));
        assert!(text.contains("refs = [\"2017-09-08-sdf#2\"]"));
    }
}
