//! A page imported again over a meeting the archive holds: the differences field by field
//! (the file may have been corrected by hand since), and, when asked, the page's values
//! written into the file through the same field-by-field edits the screens make (comments,
//! layout and every field the page does not give stay as they are).
//!
//! Compared are the fields a page gives. What only the file has (tags, references, the
//! meeting's status, follow-ups staff accepted or discarded, an item added by hand) is the
//! secretariat's own and is never a difference.

use toml_edit::{DocumentMut, Item, Table};

use crate::lang::Said;
use crate::said;

/// One field that differs between the file and the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The item's number as printed, or `None` for the meeting's own fields.
    pub item: Option<String>,
    /// The field as the format names it (`title`, `recommendation.lead`), or `None` for an
    /// item the file does not have.
    pub key: Option<String>,
    /// The value in the file (`None`: the file does not give it).
    pub file: Option<String>,
    /// The value on the page.
    pub page: String,
}

const MEETING_KEYS: &[&str] = &[
    "title",
    "start",
    "end",
    "place",
    "published",
    "attendance.participants",
    "attendance.apologies",
    "attendance.guests",
    "attendance.guest_apologies",
];

const ITEM_KEYS: &[&str] = &[
    "title",
    "kind",
    "closed",
    "presenter",
    "summary",
    "background",
    "case.number",
    "case.officer",
    "case.type",
    "case.authority",
    "case.route",
    "attendance.absent",
    "attendance.guests",
    "recommendation.by",
    "recommendation.lead",
    "recommendation.style",
    "recommendation.clauses",
    "decision.heading",
    "decision.text",
    "decision.clauses",
    "decision.remarks",
];

/// The differences between the meeting file `file` and the file the page gives (`page`,
/// as the importer writes it).
pub fn differences(file: &str, page: &str) -> Result<Vec<Difference>, Said> {
    let read = |text: &str| -> Result<toml::Table, Said> {
        toml::from_str(text).map_err(|e| crate::archive::toml_said(e.message()))
    };
    let (file, page) = (read(file)?, read(page)?);
    let mut out = Vec::new();
    compare(&file, &page, MEETING_KEYS, None, &mut out);
    let file_items = items(&file);
    for page_item in items(&page) {
        let number = number_of(page_item);
        match file_items.iter().find(|i| number_of(i) == number) {
            None => out.push(Difference {
                item: Some(number.clone()),
                key: None,
                file: None,
                page: page_item.get("title").map_or_else(String::new, shown),
            }),
            Some(file_item) => {
                compare(file_item, page_item, ITEM_KEYS, Some(&number), &mut out);
                let paths = |t: &toml::Table| -> Vec<String> {
                    t.get("attachments")
                        .and_then(toml::Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|a| a.get("path")?.as_str().map(str::to_owned))
                        .collect()
                };
                let have = paths(file_item);
                for path in paths(page_item).into_iter().filter(|p| !have.contains(p)) {
                    out.push(Difference {
                        item: Some(number.clone()),
                        key: Some("attachments".to_owned()),
                        file: None,
                        page: path,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The two values where they start to differ, `width` characters each: a long background
/// that differs in its fifth paragraph is shown there, not from its start.
pub fn excerpts(file: &str, page: &str, width: usize) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (file.chars().collect(), page.chars().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let from = common.saturating_sub(width / 4);
    let cut = |chars: &[char]| -> String {
        let end = (from + width).min(chars.len());
        let mut s: String = chars[from.min(end)..end].iter().collect();
        if from > 0 {
            s.insert(0, '…');
        }
        if end < chars.len() {
            s.push('…');
        }
        s
    };
    (cut(&a), cut(&b))
}

fn items(t: &toml::Table) -> Vec<&toml::Table> {
    t.get("items")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .collect()
}

/// An item's number as printed, whether written `3` or `"3a"`.
fn number_of(t: &toml::Table) -> String {
    match t.get("number") {
        Some(toml::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

fn get<'a>(t: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut parts = path.split('.');
    let mut v = t.get(parts.next()?)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    Some(v)
}

fn compare(
    file: &toml::Table,
    page: &toml::Table,
    keys: &[&str],
    item: Option<&str>,
    out: &mut Vec<Difference>,
) {
    for key in keys {
        let Some(p) = get(page, key) else { continue };
        let f = get(file, key);
        if f.is_none_or(|f| !same(f, p)) {
            out.push(Difference {
                item: item.map(str::to_owned),
                key: Some((*key).to_owned()),
                file: f.map(shown),
                page: shown(p),
            });
        }
    }
}

/// Equal as the reader sees them: text whatever its line breaks and spacing.
fn same(a: &toml::Value, b: &toml::Value) -> bool {
    match (a, b) {
        (toml::Value::String(a), toml::Value::String(b)) => flat(a) == flat(b),
        (toml::Value::Array(a), toml::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (toml::Value::Table(a), toml::Value::Table(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value in one short line: text as it reads, a person as "Name (Organisation)", a
/// decision clause as "outcome: text".
fn shown(v: &toml::Value) -> String {
    let s = match v {
        toml::Value::String(s) => flat(s),
        toml::Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join("; "),
        toml::Value::Table(t) => match (t.get("name"), t.get("outcome"), t.get("text")) {
            (Some(name), _, _) => match t.get("organisation") {
                Some(org) => format!("{} ({})", shown(name), shown(org)),
                None => shown(name),
            },
            (None, Some(o), Some(text)) => format!("{}: {}", shown(o), shown(text)),
            _ => v.to_string(),
        },
        other => other.to_string(),
    };
    crate::text::one_line(&s)
}

/// Writes the page's values of `differences` into the file's document. `page` is the file
/// the page gives, as the importer writes it.
pub fn apply(doc: &mut DocumentMut, page: &str, differences: &[Difference]) -> Result<(), Said> {
    let page: DocumentMut = page
        .parse()
        .map_err(|e: toml_edit::TomlError| crate::archive::toml_said(e.message()))?;
    for d in differences {
        match (&d.item, &d.key) {
            (None, Some(key)) => {
                let value = page_item(page.as_table(), key)?;
                put(doc.as_table_mut(), key, value)?;
            }
            (Some(number), None) => {
                let table = page_items(&page)
                    .find(|t| table_number(t) == *number)
                    .ok_or_else(|| page_has_no_item(number))?
                    .clone();
                // A file without items yet gets its first [[items]].
                crate::edit::items(doc)?.push(table);
            }
            (Some(number), Some(key)) => {
                let from = page_items(&page)
                    .find(|t| table_number(t) == *number)
                    .ok_or_else(|| page_has_no_item(number))?;
                let to = crate::edit::items(doc)?
                    .iter_mut()
                    .find(|t| table_number(t) == *number)
                    .ok_or_else(
                        || said!("filen har intet punkt {number}"; "the file has no item {number}"),
                    )?;
                if key == "attachments" {
                    add_attachment(to, from, &d.page)?;
                } else {
                    put(to, key, page_item(from, key)?)?;
                }
            }
            (None, None) => {}
        }
    }
    crate::edit::reorder_items(doc);
    Ok(())
}

fn page_items(page: &DocumentMut) -> impl Iterator<Item = &Table> {
    page.get("items")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|a| a.iter())
}

fn table_number(t: &Table) -> String {
    crate::edit::item_no_of(t).map_or_else(String::new, |n| n.to_string())
}

/// The page's item at `path` (`recommendation.lead`).
fn page_item<'a>(t: &'a Table, path: &str) -> Result<&'a Item, Said> {
    let gives_none = || said!("siden giver ingen `{path}`"; "the page gives no `{path}`");
    let mut parts = path.split('.').peekable();
    let mut table = t;
    while let Some(p) = parts.next() {
        let item = table.get(p).ok_or_else(gives_none)?;
        if parts.peek().is_none() {
            return Ok(item);
        }
        table = item.as_table().ok_or_else(|| {
            said!(
                "`{path}` er ikke en tabel på siden";
                "`{path}` is not a table on the page"
            )
        })?;
    }
    Err(gives_none())
}

fn page_has_no_item(number: &str) -> Said {
    said!("siden har intet punkt {number}"; "the page has no item {number}")
}

/// Sets `path` in `table` to the page's `item`: a value in place (its comments kept), a
/// list of tables (decision clauses) as a whole.
fn put(table: &mut Table, path: &str, item: &Item) -> Result<(), Said> {
    let (parents, key) = match path.rsplit_once('.') {
        Some((parents, key)) => (Some(parents), key),
        None => (None, path),
    };
    let mut at = table;
    for p in parents.into_iter().flat_map(|p| p.split('.')) {
        at = crate::edit::sub_table(at, p)?;
    }
    match item {
        Item::Value(toml_edit::Value::String(s)) => crate::edit::set_text(at, key, s.value()),
        Item::Value(v) => crate::edit::set(at, key, v.clone()),
        other => {
            at.insert(key, other.clone());
        }
    }
    Ok(())
}

fn add_attachment(to: &mut Table, from: &Table, path: &str) -> Result<(), Said> {
    let attachment = from
        .get("attachments")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| {
            a.iter()
                .find(|t| t.get("path").and_then(Item::as_str) == Some(path))
        })
        .ok_or_else(|| said!("siden har intet bilag {path}"; "the page has no attachment {path}"))?
        .clone();
    if to.get("attachments").is_none() {
        to.insert(
            "attachments",
            Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    to.get_mut("attachments")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| {
            said!(
                "filens bilag er skrevet på én linje; tilføj det i en editor";
                "the file's attachments are written inline; add it in an editor"
            )
        })?
        .push(attachment);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Corrected by hand.
body = "sdf"
title = "Møde i SDF"
date = 2019-02-08
tags = ["staff"]

[[items]]
number = 1
title = "Godkendelse af dagsorden"   # as staff wrote it
kind = "agenda-approval"

# The second item.
[[items]]
number = 2
title = "Takster"
kind = "decision"
background = """
Taksterne stiger.
"""

[[items.decision.clauses]]
outcome = "approved"
text = "Godkendt."
"#;

    const PAGE: &str = r#"body = "sdf"
title = "Møde i SDF"
date = 2019-02-08
place = "Fredericia"

[[items]]
number = 1
title = "Godkendelse af dagsordenen"
kind = "agenda-approval"

[[items]]
number = 2
title = "Takster"
kind = "decision"
background = "Taksterne\nstiger."

[[items.decision.clauses]]
outcome = "approved-with-changes"
text = "Godkendt med en ændring."

[[items.attachments]]
path = "2019-02-08-sdf/takster.pdf"

[[items]]
number = 3
title = "Eventuelt"
kind = "any-other-business"
"#;

    #[test]
    fn the_page_s_fields_are_compared_and_only_differences_named() {
        let d = differences(FILE, PAGE).unwrap();
        let named: Vec<String> = d
            .iter()
            .map(|d| {
                format!(
                    "{} {} {:?} → {}",
                    d.item.as_deref().unwrap_or("-"),
                    d.key.as_deref().unwrap_or("(item)"),
                    d.file,
                    d.page
                )
            })
            .collect();
        assert_eq!(
            named,
            [
                "- place None → Fredericia",
                "1 title Some(\"Godkendelse af dagsorden\") → Godkendelse af dagsordenen",
                "2 decision.clauses Some(\"approved: Godkendt.\") → approved-with-changes: Godkendt med en ændring.",
                "2 attachments None → 2019-02-08-sdf/takster.pdf",
                "3 (item) None → Eventuelt",
            ]
        );
        assert!(differences(PAGE, PAGE).unwrap().is_empty());
    }

    #[test]
    fn excerpts_start_where_the_values_part() {
        let file = format!("{} slutter her.", "Samme tekst ".repeat(10));
        let page = format!("{} slutter der.", "Samme tekst ".repeat(10));
        assert_eq!(
            excerpts(&file, &page, 20),
            ("…tter her.".to_owned(), "…tter der.".to_owned())
        );
        assert_eq!(
            excerpts("kort", "kortere", 20),
            ("kort".to_owned(), "kortere".to_owned())
        );
    }

    #[test]
    fn applying_them_keeps_the_file_s_comments_and_its_own_fields() {
        let d = differences(FILE, PAGE).unwrap();
        let mut doc: DocumentMut = FILE.parse().unwrap();
        apply(&mut doc, PAGE, &d).unwrap();
        let text = doc.to_string();
        assert!(text.starts_with("# Corrected by hand.\n"), "{text}");
        assert!(text.contains("tags = [\"staff\"]"), "{text}");
        assert!(
            text.contains("title = \"Godkendelse af dagsordenen\"   # as staff wrote it"),
            "{text}"
        );
        assert!(text.contains("# The second item."), "{text}");
        assert!(text.contains("place = \"Fredericia\""), "{text}");
        assert!(
            text.contains("outcome = \"approved-with-changes\""),
            "{text}"
        );
        assert!(
            text.contains("path = \"2019-02-08-sdf/takster.pdf\""),
            "{text}"
        );
        assert!(text.contains("title = \"Eventuelt\""), "{text}");
        assert!(differences(&text, PAGE).unwrap().is_empty(), "{text}");
    }
}
