//! An imported meeting written as a meeting file: the format's fields, the doubts as
//! comments where they are, and an unclear decision kept as text for staff to give its
//! outcomes.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::model::{ImportedItem, ImportedMeeting};
use crate::model::ClauseStyle;

/// Why a meeting could not be written: what the page did not say.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    #[error("the page names no body that forum.toml knows (\"{0}\"); give it with --body")]
    Body(String),
    #[error("the page gives no date for the meeting")]
    Date,
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
/// `known` tells whether the archive holds a meeting (a reference to one it does not hold
/// is an error in the file, so it is left out, with a comment).
pub fn meeting_file(
    m: &ImportedMeeting,
    source: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<String, Missing> {
    let id = meeting_id(m)?;
    let body = m.body.clone().expect("checked by meeting_id");
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# {}\n# Imported by dagsorden from {}. Check what is marked \"check\".\n\n",
        one_line(&m.title),
        one_line(source)
    ));
    doc["body"] = value(body.as_str());
    doc["title"] = value(m.title.as_str());
    doc["date"] = value(crate::edit::toml_date(
        m.date.expect("checked by meeting_id"),
    ));
    if let Some(start) = m.start {
        doc["start"] = value(toml_time(start));
    }
    if let Some(end) = m.end {
        doc["end"] = value(toml_time(end));
    }
    if !m.place.is_empty() {
        doc["place"] = value(m.place.as_str());
    }
    if let Some(published) = m.published {
        doc["published"] = value(crate::edit::toml_date(published));
    }
    // Published minutes; their approval at the next meeting is another page.
    doc["status"] = value("minutes-draft");
    let mut items = ArrayOfTables::new();
    for it in &m.items {
        items.push(item_table(it, &id, &body, known));
    }
    if !items.is_empty() {
        doc.insert("items", Item::ArrayOfTables(items));
    }
    Ok(doc.to_string())
}

fn one_line(s: &str) -> String {
    crate::text::one_line(s)
}

fn toml_time(t: chrono::NaiveTime) -> toml_edit::Datetime {
    use chrono::Timelike;
    toml_edit::Datetime {
        date: None,
        time: Some(toml_edit::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: Some(0),
            nanosecond: None,
        }),
        offset: None,
    }
}

/// A text value, multi-line ones with a final newline so `"""` closes on its own line.
fn text(s: &str) -> Item {
    value(crate::edit::normalise_newlines(s))
}

fn item_table(it: &ImportedItem, id: &str, body: &str, known: &dyn Fn(&str) -> bool) -> Table {
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
        if known(&approved) {
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
    if !it.absent.is_empty() {
        let mut a = Table::new();
        let mut absent = toml_edit::Array::new();
        for who in &it.absent {
            absent.push(person(who));
        }
        a["absent"] = value(absent);
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
    if !it.decision.is_empty() || !it.remarks.is_empty() {
        let mut d = Table::new();
        if let Some(heading) = &it.decision_heading {
            d["heading"] = value(heading.as_str());
        }
        if decided.len() == it.decision.len() {
            let mut clauses = ArrayOfTables::new();
            for c in &it.decision {
                let mut ct = Table::new();
                ct["outcome"] = value(c.outcome.expect("all decided").key());
                ct["text"] = text(&c.text);
                clauses.push(ct);
            }
            if !clauses.is_empty() {
                d.insert("clauses", Item::ArrayOfTables(clauses));
            }
        } else {
            // Not clear from the text: kept whole, for staff to give each clause its outcome.
            let whole: Vec<&str> = it.decision.iter().map(|c| c.text.as_str()).collect();
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
    t
}

/// A member as printed ("Søren Østergaard (V)"): the name, and the party letters or
/// organisation in brackets.
fn person(printed: &str) -> toml_edit::InlineTable {
    let mut p = toml_edit::InlineTable::new();
    match printed
        .trim()
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
    {
        Some((name, org)) => {
            p.insert("name", name.trim().into());
            p.insert("organisation", org.trim().into());
        }
        None => {
            p.insert("name", printed.trim().into());
        }
    }
    p
}
