//! An imported meeting written as a meeting file: the format's fields, the doubts as
//! comments where they are, and an unclear decision kept as text for staff to give its
//! outcomes.

use std::collections::HashSet;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use super::model::{ImportedItem, ImportedMeeting};
use super::suggest::{SuggestedDue, SuggestedFollowup};
use crate::model::{ClauseStyle, Offset};

/// What the archive holds that an imported file may refer to: a reference to anything
/// else is an error in the file, so it is left out (or said another way), with a comment.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Meeting ids (`2017-11-16-sdf`): files and planned meetings.
    pub meetings: HashSet<String>,
    /// Calendar events: first day, last day, id.
    pub events: Vec<(NaiveDate, NaiveDate, String)>,
}

impl Known {
    /// What `archive` holds: its meetings, planned or with a file, and its events.
    pub fn of(archive: &crate::archive::Archive) -> Known {
        Known {
            meetings: crate::calendar::schedule(archive)
                .iter()
                .map(|s| s.id.to_string())
                .chain(archive.meetings.iter().map(|m| m.id.to_string()))
                .collect(),
            events: archive
                .plans
                .iter()
                .flat_map(|p| &p.events)
                .map(|e| (e.start_date, e.end_date, e.id.clone()))
                .collect(),
        }
    }

    fn meeting(&self, id: &str) -> bool {
        self.meetings.contains(id)
    }

    /// The event that takes place on `date`, if exactly one does.
    fn event_on(&self, date: NaiveDate) -> Option<&str> {
        let mut on = self
            .events
            .iter()
            .filter(|(from, to, _)| *from <= date && date <= *to);
        match (on.next(), on.next()) {
            (Some((_, _, id)), None) => Some(id),
            _ => None,
        }
    }
}

/// Why a meeting could not be written: what the page did not say.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    #[error("the page names no body that forum.toml knows (\"{0}\"); give it with --body")]
    Body(String),
    #[error("the page gives no date for the meeting")]
    Date,
}

impl Missing {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (Missing::Body(name), crate::lang::Lang::Da) => format!(
                "siden nævner intet udvalg, som forum.toml kender (\"{name}\"); angiv det med --body"
            ),
            (Missing::Date, crate::lang::Lang::Da) => {
                "siden angiver ingen dato for mødet".to_owned()
            }
            (m, crate::lang::Lang::En) => m.to_string(),
        }
    }
}

/// The meeting's id (`2017-09-08-sdf`), as its file is named.
pub fn meeting_id(m: &ImportedMeeting) -> Result<String, Missing> {
    let body = m
        .body
        .as_ref()
        .ok_or_else(|| Missing::Body(m.body_name.clone()))?;
    let date = m.date.ok_or(Missing::Date)?;
    Ok(format!("{date}-{body}"))
}

/// The meeting file's text. `source` names the input, for the file's first comment;
/// `known` is what the archive holds for the file to refer to.
pub fn meeting_file(m: &ImportedMeeting, source: &str, known: &Known) -> Result<String, Missing> {
    let id = meeting_id(m)?;
    let body = m.body.clone().expect("checked by meeting_id");
    let mut doc = DocumentMut::new();
    let mut notes = String::new();
    for line in &m.unplaced {
        notes.push_str(&format!("# check, not placed: {}\n", one_line(line)));
    }
    doc.decor_mut().set_prefix(format!(
        "# {}\n# Imported by dagsorden from {}. Check what is marked \"check\".\n{notes}\n",
        one_line(&m.title),
        one_line(source)
    ));
    doc["body"] = value(body.as_str());
    doc["title"] = value(m.title.as_str());
    doc["date"] = value(crate::edit::toml_date(
        m.date.expect("checked by meeting_id"),
    ));
    if let Some(start) = m.start {
        doc["start"] = value(crate::edit::toml_time(start));
    }
    if let Some(end) = m.end {
        doc["end"] = value(crate::edit::toml_time(end));
    }
    if !m.place.is_empty() {
        doc["place"] = value(m.place.as_str());
    }
    if let Some(published) = m.published {
        doc["published"] = value(crate::edit::toml_date(published));
    }
    if let Some(source) = &m.source {
        doc["source"] = value(source.as_str());
    }
    // Published minutes; their approval at the next meeting is another page.
    doc["status"] = value("minutes-draft");
    // The items in the order the list gives them, where that is not by number.
    let numbers: Vec<&crate::model::ItemNo> = m.items.iter().map(|i| &i.number).collect();
    if numbers.windows(2).any(|w| w[0] > w[1]) {
        let mut order = toml_edit::Array::new();
        for n in numbers {
            if n.is_sub() {
                order.push(n.to_string());
            } else {
                order.push(i64::from(n.main()));
            }
        }
        doc["order"] = value(order);
    }
    let a = &m.attendance;
    if !a.is_empty() {
        let mut t = Table::new();
        for (key, list) in [
            ("participants", &a.participants),
            ("apologies", &a.apologies),
            ("guests", &a.guests),
            ("guest_apologies", &a.guest_apologies),
        ] {
            if !list.is_empty() {
                t[key] = value(people(list));
            }
        }
        doc.insert("attendance", Item::Table(t));
    }
    let mut items = ArrayOfTables::new();
    for it in &m.items {
        items.push(item_table(it, &id, &body, known));
    }
    if !items.is_empty() {
        doc.insert("items", Item::ArrayOfTables(items));
    }
    Ok(doc.to_string())
}

/// Text for a comment: one line, made safe (a comment may hold no control character).
fn one_line(s: &str) -> String {
    crate::text::one_line(s)
}

/// Text for a value: runs of whitespace as one space, the characters as the page has them
/// (TOML escapes what it must; the screens and exports make it safe for their medium).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text value, multi-line ones with a final newline so `"""` closes on its own line.
fn text(s: &str) -> Item {
    let s = crate::edit::normalise_newlines(s);
    // A line of text that starts like a merge-conflict marker ("=======") would read as
    // one in the file: such a text is written on one line, its line breaks escaped.
    let marker = s.lines().any(|l| {
        ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| l.starts_with(m))
    });
    if marker && let Ok(v) = one_line_string(&s).parse::<toml_edit::Value>() {
        return Item::Value(v);
    }
    value(s)
}

/// `s` as a TOML basic string on one line.
fn one_line_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn item_table(it: &ImportedItem, id: &str, body: &str, known: &Known) -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    if it.number.is_sub() {
        t["number"] = value(it.number.to_string());
    } else {
        t["number"] = value(i64::from(it.number.main()));
    }
    if !it.title.is_empty() {
        t["title"] = value(it.title.as_str());
    }
    t["kind"] = value(it.kind.key());
    if it.closed {
        t["closed"] = value(true);
    }
    if let Some(date) = it.approves {
        let approved = format!("{date}-{body}");
        if known.meeting(&approved) {
            let mut refs = toml_edit::Array::new();
            refs.push(approved);
            t["refs"] = value(refs);
        } else {
            t.key_mut("kind").expect("set above").leaf_decor_mut().set_prefix(format!(
                "# check: approves the minutes of {approved}, which the archive does not hold; add refs = [\"{approved}\"] once it does\n"
            ));
        }
    }
    if !it.summary.trim().is_empty() {
        t["summary"] = text(&it.summary);
    }
    if !it.background.trim().is_empty() {
        t["background"] = text(&it.background);
    }
    if !it.case.is_empty() {
        let mut c = Table::new();
        let fields = [
            ("number", &it.case.number),
            ("officer", &it.case.officer),
            ("type", &it.case.case_type),
            ("authority", &it.case.authority),
        ];
        for (key, v) in fields {
            if let Some(v) = v {
                c[key] = value(v.as_str());
            }
        }
        if !it.case.route.is_empty() {
            let mut route = toml_edit::Array::new();
            for r in &it.case.route {
                route.push(r.as_written());
            }
            c["route"] = value(route);
        }
        t.insert("case", Item::Table(c));
    }
    if let Some(p) = &it.presenter {
        t["presenter"] = value(p.as_str());
    }
    if !it.absent.is_empty() || !it.guests.is_empty() {
        let mut a = Table::new();
        if !it.absent.is_empty() {
            a["absent"] = value(people(&it.absent));
        }
        if !it.guests.is_empty() {
            a["guests"] = value(people(&it.guests));
        }
        t.insert("attendance", Item::Table(a));
    }
    if let Some(rec) = &it.recommendation {
        let mut r = Table::new();
        if let Some(by) = rec.by.as_deref().or(rec.by_name.as_deref()) {
            r["by"] = value(by);
        }
        r["lead"] = value(rec.lead.as_str());
        if rec.style != ClauseStyle::Sentence {
            r["style"] = value(rec.style.key());
        }
        if !rec.clauses.is_empty() {
            let mut clauses = toml_edit::Array::new();
            for c in &rec.clauses {
                clauses.push(c.as_str());
            }
            r["clauses"] = value(clauses);
        }
        t.insert("recommendation", Item::Table(r));
    }
    let decided: Vec<_> = it.decision.iter().filter(|c| c.outcome.is_some()).collect();
    if !it.decision.is_empty() || !it.remarks.is_empty() || !it.decision_text.is_empty() {
        let mut d = Table::new();
        if let Some(heading) = &it.decision_heading {
            d["heading"] = value(heading.as_str());
        }
        if decided.len() == it.decision.len() {
            if !it.decision_text.is_empty() {
                d["text"] = text(&it.decision_text);
            }
            let mut clauses = ArrayOfTables::new();
            for c in &it.decision {
                let mut ct = Table::new();
                ct["outcome"] = value(c.outcome.expect("all decided").key());
                if !c.text.is_empty() {
                    ct["text"] = text(&c.text);
                }
                clauses.push(ct);
            }
            if !clauses.is_empty() {
                d.insert("clauses", Item::ArrayOfTables(clauses));
            }
        } else {
            // Not clear from the text: kept whole, for staff to give each clause its outcome.
            let whole: Vec<&str> = std::iter::once(it.decision_text.as_str())
                .filter(|t| !t.is_empty())
                .chain(it.decision.iter().map(|c| c.text.as_str()))
                .collect();
            d["text"] = text(&whole.join("\n\n"));
            d.key_mut("text")
                .expect("just set")
                .leaf_decor_mut()
                .set_prefix("# check: the outcome is not clear from the text; set it per clause\n");
        }
        if !it.remarks.is_empty() {
            d["remarks"] = text(&it.remarks);
        }
        if d.iter().all(|(k, _)| k == "clauses") {
            d.set_implicit(true);
        }
        t.insert("decision", Item::Table(d));
    }
    if !it.attachments.is_empty() {
        let mut list = ArrayOfTables::new();
        for a in &it.attachments {
            let mut at = Table::new();
            at["path"] = value(format!("{id}/{a}"));
            list.push(at);
        }
        t.insert("attachments", Item::ArrayOfTables(list));
    }
    if !it.followups.is_empty() {
        let mut list = ArrayOfTables::new();
        for (n, s) in it.followups.iter().enumerate() {
            list.push(suggestion(
                s,
                &format!("{id}-{}-{}", it.number, n + 1),
                body,
                known,
            ));
        }
        t.insert("followups", Item::ArrayOfTables(list));
    }
    t
}

/// A follow-up read from the wording, written as a suggestion (`suggested = true`) with the
/// sentence it came from: staff accept or discard it on the Opfølgning screen.
fn suggestion(s: &SuggestedFollowup, id: &str, body: &str, known: &Known) -> Table {
    let mut t = Table::new();
    t["id"] = value(id);
    t["what"] = value(flat(&s.quote));
    if let Some(to) = &s.reports_to {
        t["reports_to"] = value(to.as_str());
    }
    let mut due = InlineTable::new();
    let mut comment = None;
    let date = |due: &mut InlineTable, d: NaiveDate| {
        due.insert("kind", "date".into());
        due.insert("date", crate::edit::toml_date(d).into());
    };
    match &s.due {
        SuggestedDue::Date(d) => date(&mut due, *d),
        SuggestedDue::Period(p) => {
            due.insert("kind", "period".into());
            due.insert("period", p.to_string().into());
        }
        SuggestedDue::Meeting { date: d, body: b } => {
            let meeting = format!("{d}-{}", b.as_deref().unwrap_or(body));
            if known.meeting(&meeting) {
                due.insert("kind", "meeting".into());
                due.insert("meeting", meeting.as_str().into());
            } else {
                date(&mut due, *d);
                comment = Some(format!(
                    "# check: the meeting {meeting} is not in the archive; due = {{ kind = \"meeting\", meeting = \"{meeting}\" }} once it is\n"
                ));
            }
        }
        SuggestedDue::Count { count, unit } => {
            due.insert("kind", "count".into());
            due.insert("count", i64::from(*count).into());
            due.insert("unit", unit.as_str().into());
        }
        SuggestedDue::Relative(offset) => {
            due.insert("kind", "relative".into());
            let (key, n) = match offset {
                Offset::Days(n) => ("days", n),
                Offset::Weeks(n) => ("weeks", n),
                Offset::Months(n) => ("months", n),
            };
            due.insert(key, i64::from(*n).into());
        }
        SuggestedDue::AtEvent(d) => match known.event_on(*d) {
            Some(event) => {
                due.insert("kind", "event".into());
                due.insert("event", event.into());
            }
            None => date(&mut due, *d),
        },
        SuggestedDue::ReportBack => {
            due.insert("kind", "report-back".into());
        }
    }
    t["due"] = value(due);
    if let Some(c) = comment {
        t.key_mut("due")
            .expect("just set")
            .leaf_decor_mut()
            .set_prefix(c);
    }
    t["suggested"] = value(true);
    t["quote"] = value(flat(&s.quote));
    t
}

/// People as printed ("Søren Østergaard (V)"), each its name and, in brackets, its party
/// letters or organisation; one per line when there are several.
fn people(printed: &[String]) -> toml_edit::Array {
    let mut list = toml_edit::Array::new();
    for who in printed {
        let (name, org) = super::attendance::split_person(who);
        let mut p = toml_edit::InlineTable::new();
        p.insert("name", name.into());
        if let Some(org) = org {
            p.insert("organisation", org.into());
        }
        list.push(p);
    }
    if list.len() > 1 {
        for v in list.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
        }
        list.set_trailing_comma(true);
        list.set_trailing("\n");
    }
    list
}
