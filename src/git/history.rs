//! Who changed what: the versions of a meeting, or of one item's title, recommendation and
//! decision, from git's history of its file, newest first, each with its author, date and
//! commit message.

use std::path::Path;

use toml::{Table, Value};

use super::Repo;
use crate::lang::{Lang, Said};
use crate::model::Outcome;

/// One version of what was asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub commit: String,
    pub author: String,
    /// ISO 8601, as git gives it.
    pub date: String,
    pub message: String,
    /// The fields as they were after this commit, as a reader writes them (a decision's
    /// clauses one to a line with their outcome; absent: none).
    pub fields: Vec<(String, Option<String>)>,
    /// The fields this commit changed.
    pub changed: Vec<String>,
}

/// The fields of an item that its history shows.
pub const ITEM_FIELDS: [&str; 3] = ["title", "recommendation", "decision"];
/// The fields of a meeting that its history shows.
pub const MEETING_FIELDS: [&str; 5] = ["title", "status", "place", "start", "attendance"];

/// The versions of the meeting file `rel` (followed through renames), or of its item
/// `item`, where they changed; newest first. Outcomes are named in `lang`.
pub fn history(
    repo: &Repo,
    rel: &Path,
    item: Option<&str>,
    lang: Lang,
) -> Result<Vec<Version>, Said> {
    let path = rel.display().to_string();
    let log = repo.run(&[
        "log",
        "--follow",
        "--format=%x1e%H%x1f%an%x1f%aI%x1f%s%x1f",
        "--name-only",
        "--",
        &path,
    ])?;
    let mut all: Vec<Version> = Vec::new();
    for record in log.split('\u{1e}') {
        let mut parts = record.trim_start_matches('\n').split('\u{1f}');
        let (Some(commit), Some(author), Some(date), Some(message), Some(names)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            continue;
        };
        if commit.trim().is_empty() {
            continue;
        }
        // The file's name in that commit (it may have been moved since).
        let name = names
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(&path);
        let text = repo
            .run(&["show", &format!("{}:{name}", commit.trim())])
            .unwrap_or_default();
        let table: Table = text.parse().unwrap_or_default();
        let fields = fields_of(&table, item, lang);
        all.push(Version {
            commit: commit.trim().to_owned(),
            author: crate::text::sanitize(author).into_owned(),
            date: date.to_owned(),
            message: crate::text::sanitize(message).into_owned(),
            fields,
            changed: Vec::new(),
        });
    }
    // Oldest first, to see what each commit changed; kept where something did.
    all.reverse();
    let mut kept: Vec<Version> = Vec::new();
    let mut previous: Option<Vec<(String, Option<String>)>> = None;
    for mut v in all {
        let changed: Vec<String> = v
            .fields
            .iter()
            .filter(|(k, val)| {
                previous
                    .as_ref()
                    .is_none_or(|p| p.iter().find(|(pk, _)| pk == k).map(|(_, pv)| pv) != Some(val))
            })
            .map(|(k, _)| k.clone())
            .collect();
        let first = previous.is_none();
        previous = Some(v.fields.clone());
        let present = v.fields.iter().any(|(_, val)| val.is_some());
        if changed.is_empty() || (first && !present) {
            continue;
        }
        v.changed = changed;
        kept.push(v);
    }
    kept.reverse();
    Ok(kept)
}

fn fields_of(table: &Table, item: Option<&str>, lang: Lang) -> Vec<(String, Option<String>)> {
    let (source, names): (Option<&Table>, &[&str]) = match item {
        None => (Some(table), &MEETING_FIELDS),
        Some(n) => (
            table
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_table)
                .find(|t| match t.get("number") {
                    Some(Value::String(s)) => s == n,
                    Some(other) => other.to_string() == n,
                    None => false,
                }),
            &ITEM_FIELDS,
        ),
    };
    names
        .iter()
        .map(|k| {
            let value = source.and_then(|t| t.get(*k)).map(|v| readable(v, lang));
            ((*k).to_owned(), value)
        })
        .collect()
}

/// A field's name as the screens and `log` say it ("beslutning").
pub fn field_word(key: &str, lang: Lang) -> &str {
    let (da, en) = match key {
        "title" => ("titel", "title"),
        "recommendation" => ("indstilling", "recommendation"),
        "decision" => ("beslutning", "decision"),
        "status" => ("status", "status"),
        "place" => ("sted", "place"),
        "start" => ("begynder", "starts"),
        "attendance" => ("fremmøde", "attendance"),
        other => (other, other),
    };
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// A field's value as the minutes would say it: a text as it is; a recommendation's lead
/// and its clauses, one to a line; a decision's text or its clauses with their outcomes.
/// Anything else stays TOML.
pub fn readable(value: &Value, lang: Lang) -> String {
    let Value::Table(t) = value else {
        return match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    };
    let outcome = |t: &Table| {
        t.get("outcome")
            .and_then(Value::as_str)
            .and_then(Outcome::from_key)
            .map(|o| lang.outcome(o))
    };
    let mut lines: Vec<String> = Vec::new();
    if let Some(lead) = t.get("lead").and_then(Value::as_str) {
        lines.push(lead.to_owned());
    }
    if let Some(text) = t.get("text").and_then(Value::as_str) {
        lines.push(match outcome(t) {
            Some(o) => format!("{o}: {text}"),
            None => text.to_owned(),
        });
    } else if let Some(o) = outcome(t) {
        lines.push(o.to_owned());
    }
    for (n, clause) in t
        .get("clauses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let line = match clause {
            Value::String(s) => format!("– {s}"),
            Value::Table(c) => {
                let text = c.get("text").and_then(Value::as_str).unwrap_or("");
                match outcome(c) {
                    Some(o) if text.is_empty() => format!("{}. {o}", n + 1),
                    Some(o) => format!("{}. {o}: {text}", n + 1),
                    None => format!("{}. {text}", n + 1),
                }
            }
            other => format!("– {other}"),
        };
        lines.push(line);
    }
    if lines.is_empty() {
        return value.to_string();
    }
    lines.join("\n")
}
