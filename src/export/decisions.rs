//! The decision list as documents: text for the terminal, CSV for spreadsheets, JSON for
//! programs and a Markdown table for a report. One row per decision, or per departing clause
//! in the deviations view.

use serde_json::json;

use super::sanitize_md::{table, to_markdown};
use crate::history::{ClausePair, DecisionRow, clause_pairs};
use crate::lang::Lang;
use crate::model::{Forum, Item, Meeting};
use crate::text::one_line;

/// What one row says, flattened for the formats.
struct Flat<'a> {
    meeting: &'a Meeting,
    item: &'a Item,
    body: String,
    /// All clauses, or the one of a deviation row.
    clauses: Vec<ClausePair<'a>>,
}

fn flatten<'a>(forum: &Forum, meetings: &'a [Meeting], rows: &[DecisionRow]) -> Vec<Flat<'a>> {
    rows.iter()
        .map(|r| {
            let meeting = &meetings[r.meeting];
            let item = &meeting.items[r.item];
            let mut clauses = clause_pairs(item);
            if let Some(c) = r.clause {
                clauses.retain(|p| p.index == c);
            }
            Flat {
                meeting,
                item,
                body: forum.body_short(meeting.body()),
                clauses,
            }
        })
        .collect()
}

/// `a`, `b`, …: a clause in data formats.
fn clause_key(index: usize) -> String {
    crate::edit::clause_letter(index)
        .trim_matches(['(', ')'])
        .to_owned()
}

/// "(a) Godkendt  (b) Ikke godkendt", each clause named as the item's recommendation
/// names it (nothing before the outcome of a one-sentence recommendation).
fn outcomes(lang: Lang, item: &Item, clauses: &[ClausePair]) -> String {
    clauses
        .iter()
        .map(|c| labelled(item, c.index, lang.outcome(c.outcome)))
        .collect::<Vec<_>>()
        .join("  ")
}

fn labelled(item: &Item, index: usize, text: &str) -> String {
    let label = item.clause_label(index);
    if label.is_empty() {
        text.to_owned()
    } else {
        format!("{label} {text}")
    }
}

/// Plain text, one decision (or deviation) per block.
pub fn decisions_text(
    forum: &Forum,
    meetings: &[Meeting],
    rows: &[DecisionRow],
    deviations: bool,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let mut out = String::new();
    for f in flatten(forum, meetings, rows) {
        out.push_str(&format!(
            "{}  {:<4} {:>3}  {}\n",
            f.meeting.date(),
            f.body,
            f.item.number,
            one_line(f.item.shown_title(l.closed_item))
        ));
        if deviations {
            for c in &f.clauses {
                out.push_str(&format!(
                    "     {}\n",
                    labelled(f.item, c.index, lang.outcome(c.outcome))
                ));
                if let Some(rec) = c.recommendation {
                    out.push_str(&format!("       {}: {}\n", l.recommendation, one_line(rec)));
                }
                out.push_str(&format!(
                    "       {}: {}\n",
                    l.decision,
                    one_line(c.decision)
                ));
            }
        } else if f.clauses.is_empty() {
            let text = f.item.decision.as_ref().map_or("", |d| d.text.as_str());
            out.push_str(&format!("     {}\n", one_line(text)));
        } else {
            out.push_str(&format!("     {}\n", outcomes(lang, f.item, &f.clauses)));
        }
    }
    // Every text from the archive (the forum's names too) as the terminal may show it.
    crate::text::sanitize_multiline(&out).into_owned()
}

/// A text cell for a spreadsheet: control characters shown as placeholders, and a leading
/// `=`, `+`, `-` or `@` (which a spreadsheet would run as a formula) quoted with `'`.
fn csv_cell(text: &str) -> String {
    let text = crate::text::sanitize_multiline(text);
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// One CSV record per clause (a decision without clauses gets one record with its text).
pub fn decisions_csv(
    forum: &Forum,
    meetings: &[Meeting],
    rows: &[DecisionRow],
) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "date",
        "body",
        "meeting",
        "item",
        "title",
        "clause",
        "outcome",
        "departs",
        "recommendation",
        "decision",
    ])?;
    for f in flatten(forum, meetings, rows) {
        let base = [
            f.meeting.date().to_string(),
            f.meeting.body().to_string(),
            f.meeting.id.to_string(),
            f.item.number.to_string(),
            csv_cell(&f.item.title),
        ];
        if f.clauses.is_empty() {
            let text = csv_cell(f.item.decision.as_ref().map_or("", |d| d.text.as_str()));
            w.write_record(
                base.iter()
                    .map(String::as_str)
                    .chain(["", "", "", "", &text]),
            )?;
        }
        for c in &f.clauses {
            let departs = if c.outcome.departs_from_recommendation() {
                "yes"
            } else {
                "no"
            };
            let letter = clause_key(c.index);
            let (recommendation, decision) = (
                csv_cell(c.recommendation.unwrap_or("")),
                csv_cell(c.decision),
            );
            w.write_record(base.iter().map(String::as_str).chain([
                letter.as_str(),
                c.outcome.key(),
                departs,
                &recommendation,
                &decision,
            ]))?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A JSON array, one object per decision with its clauses.
pub fn decisions_json(
    forum: &Forum,
    meetings: &[Meeting],
    rows: &[DecisionRow],
) -> serde_json::Value {
    let list: Vec<_> = flatten(forum, meetings, rows)
        .iter()
        .map(|f| {
            json!({
                "meeting": f.meeting.id.to_string(),
                "date": f.meeting.date().to_string(),
                "body": f.meeting.body().as_str(),
                "item": f.item.number,
                "title": f.item.title,
                "tags": f.item.tags,
                "text": f.item.decision.as_ref().map(|d| d.text.as_str()).filter(|t| !t.is_empty()),
                "clauses": f.clauses.iter().map(|c| json!({
                    "clause": clause_key(c.index),
                    "marker": f.item.clause_marker(c.index),
                    "outcome": c.outcome.key(),
                    "departs": c.outcome.departs_from_recommendation(),
                    "recommendation": c.recommendation,
                    "decision": c.decision,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

/// A Markdown table; in the deviations view with the recommendation and the decision side
/// by side. Every text from the archive is escaped.
pub fn decisions_markdown(
    forum: &Forum,
    meetings: &[Meeting],
    rows: &[DecisionRow],
    deviations: bool,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let heads: Vec<&str> = if deviations {
        vec![
            l.date_label,
            l.body_label,
            l.item_label,
            l.outcome_label,
            l.recommendation,
            l.decision,
        ]
    } else {
        vec![l.date_label, l.body_label, l.item_label, l.outcome_label]
    };
    let mut cells: Vec<Vec<String>> = Vec::new();
    for f in flatten(forum, meetings, rows) {
        let item = format!(
            "{}. {}",
            f.item.number,
            one_line(f.item.shown_title(l.closed_item))
        );
        let date = lang.date(f.meeting.date());
        if deviations {
            for c in &f.clauses {
                cells.push(vec![
                    date.clone(),
                    f.body.clone(),
                    format!("{item} {}", f.item.clause_label(c.index))
                        .trim_end()
                        .to_owned(),
                    lang.outcome(c.outcome).to_owned(),
                    one_line(c.recommendation.unwrap_or("")),
                    one_line(c.decision),
                ]);
            }
        } else {
            cells.push(vec![
                date,
                f.body.clone(),
                item,
                outcomes(lang, f.item, &f.clauses),
            ]);
        }
    }
    to_markdown(&table(&heads, cells))
}

/// One item's decision as plain text, for the clipboard: the item, each clause's marker,
/// outcome and text, the overall text and the remarks.
pub fn decision_text(
    item: &crate::model::Item,
    decision: &crate::model::Decision,
    lang: Lang,
) -> String {
    let l = lang.labels();
    let mut out = format!("{}. {}\n{}\n", item.number, item.title, l.decision);
    for (i, clause) in decision.clauses.iter().enumerate() {
        let marker = item.clause_marker(i);
        let text = clause.text.trim();
        let outcome = lang.outcome(clause.outcome);
        match (marker.is_empty(), text.is_empty()) {
            (true, true) => out.push_str(&format!("[{outcome}]\n")),
            (true, false) => out.push_str(&format!("[{outcome}] {text}\n")),
            (false, true) => out.push_str(&format!("{marker} [{outcome}]\n")),
            (false, false) => out.push_str(&format!("{marker} [{outcome}] {text}\n")),
        }
    }
    if !decision.text.trim().is_empty() {
        out.push_str(decision.text.trim());
        out.push('\n');
    }
    if !decision.remarks.trim().is_empty() {
        out.push_str(&format!("{}: {}\n", l.remarks, decision.remarks.trim()));
    }
    out
}
