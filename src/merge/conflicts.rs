//! A field changed two ways, kept in the file so that it still loads: ours stays in the
//! field, and a `[[conflicts]]` table records the field and both versions as TOML text.
//! Resolving writes the version chosen into the field and removes the record.
//!
//! A field is named by its path, with the identity of list entries in brackets:
//! `title`, `items[7].title`, `items[4].decision.clauses[1].text`, `meetings[sdf 2018-02-09].note`.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::Conflict;
use super::shape::{Identity, identity, key_of};
use crate::lang::{Lang, Said};
use crate::said;

/// Which version a conflict is resolved with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
}

/// Records the conflicts at the end of the document.
pub(super) fn record(doc: &mut DocumentMut, found: Vec<Conflict>, lang: Lang) {
    if found.is_empty() {
        return;
    }
    if doc.get("conflicts").is_none() {
        doc.insert("conflicts", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(list) = doc
        .get_mut("conflicts")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    for c in found {
        let mut t = Table::new();
        t.insert("field", toml_edit::value(c.field.clone()));
        if let Some(mine) = &c.mine {
            t.insert("mine", toml_edit::value(text_of(mine)));
        }
        if let Some(theirs) = &c.theirs {
            t.insert("theirs", toml_edit::value(text_of(theirs)));
        }
        let note = match lang {
            Lang::Da => {
                "# Sammenfletningskonflikt: feltet blev ændret to steder. mine er din udgave, \
                 theirs den andens: ret feltet, og slet denne tabel."
            }
            Lang::En => {
                "# Merge conflict: the field was changed in two places. mine is your version, \
                 theirs the other's: fix the field and delete this table."
            }
        };
        t.decor_mut().set_prefix(format!("\n{note}\n"));
        // A field in conflict again replaces its earlier record.
        let old = list
            .iter()
            .position(|x| x.get("field").and_then(Item::as_str) == Some(c.field.as_str()));
        match old {
            Some(i) => {
                if let Some(slot) = list.get_mut(i) {
                    *slot = t;
                }
            }
            None => list.push(t),
        }
    }
}

/// An item as TOML text that reads back as the same value.
fn text_of(item: &Item) -> String {
    let value = match item.clone() {
        Item::Value(v) => v,
        Item::Table(t) => Value::InlineTable(t.into_inline_table()),
        Item::ArrayOfTables(a) => Value::Array(a.into_array()),
        Item::None => return String::new(),
    };
    let mut value = value;
    value.decor_mut().clear();
    value.to_string()
}

/// A conflict as the file records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub field: String,
    /// Each version as TOML text; `None` where that side removed the field.
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

impl Recorded {
    /// A version as a reader sees it: a text without its quotes, else its TOML.
    pub fn shown(version: Option<&str>) -> Option<String> {
        let text = version?;
        let value = format!("v = {text}").parse::<toml::Table>().ok();
        Some(match value.as_ref().and_then(|t| t.get("v")) {
            Some(toml::Value::String(s)) => s.clone(),
            _ => text.to_owned(),
        })
    }

    /// Whether my version is a text (edited as text; anything else is edited as TOML).
    pub fn is_text(&self) -> bool {
        let text = self
            .mine
            .as_deref()
            .or(self.theirs.as_deref())
            .unwrap_or("");
        format!("v = {text}")
            .parse::<toml::Table>()
            .is_ok_and(|t| matches!(t.get("v"), Some(toml::Value::String(_))))
    }
}

/// The conflicts a file's text records, in the order they stand.
pub fn recorded(text: &str) -> Vec<Recorded> {
    let Ok(doc) = crate::store::shape::plain(text).parse::<DocumentMut>() else {
        return Vec::new();
    };
    doc.get("conflicts")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|list| list.iter())
        .filter_map(|t| {
            Some(Recorded {
                field: t.get("field")?.as_str()?.to_owned(),
                mine: t.get("mine").and_then(Item::as_str).map(str::to_owned),
                theirs: t.get("theirs").and_then(Item::as_str).map(str::to_owned),
            })
        })
        .collect()
}

/// What a conflict is resolved with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Chosen(Choice),
    /// A value written by the user, as TOML text (`"…"` for a text).
    Written(String),
}

/// Resolves the conflict on `field` in a file's text with the version chosen: the field gets
/// it (or is removed, when that version removed it) and the record goes.
pub fn resolve(text: &str, field: &str, choice: Choice) -> Result<String, Said> {
    let plain = crate::store::shape::plain(text);
    let mut doc: DocumentMut = plain
        .parse()
        .map_err(|e: toml_edit::TomlError| crate::archive::toml_said(e.message()))?;
    resolve_in(&mut doc, field, &Resolution::Chosen(choice))?;
    Ok(crate::store::shape::splice(text, &doc.to_string()))
}

/// [`resolve`] on a parsed document (as the store's edits are made).
pub fn resolve_in(doc: &mut DocumentMut, field: &str, how: &Resolution) -> Result<(), Said> {
    let list = doc
        .get("conflicts")
        .and_then(Item::as_array_of_tables)
        .ok_or_else(|| no_conflict(field))?;
    let at = list
        .iter()
        .position(|t| t.get("field").and_then(Item::as_str) == Some(field))
        .ok_or_else(|| no_conflict(field))?;
    let record = list.get(at).expect("found");
    let text = match how {
        Resolution::Chosen(Choice::Mine) => record.get("mine").and_then(Item::as_str),
        Resolution::Chosen(Choice::Theirs) => record.get("theirs").and_then(Item::as_str),
        Resolution::Written(text) => Some(text.as_str()),
    };
    let chosen = match text {
        Some(text) => Some(
            format!("v = {text}")
                .parse::<DocumentMut>()
                .map_err(|_| unreadable(field))?
                .remove("v")
                .ok_or_else(|| unreadable(field))?,
        ),
        None => None,
    };
    set_at(doc.as_table_mut(), &segments(field), chosen).ok_or_else(|| unreadable(field))?;
    if let Some(list) = doc
        .get_mut("conflicts")
        .and_then(Item::as_array_of_tables_mut)
    {
        list.remove(at);
        if list.is_empty() {
            doc.remove("conflicts");
        }
    }
    Ok(())
}

fn no_conflict(field: &str) -> Said {
    said!("der er ingen konflikt om `{field}`"; "there is no conflict on `{field}`")
}

fn unreadable(field: &str) -> Said {
    said!(
        "konflikten om `{field}` kan ikke løses her; ret filen i en editor";
        "the conflict on `{field}` cannot be resolved here; mend the file in an editor"
    )
}

/// One step of a field's path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    /// An entry of a list: its identity, or its place (1-based) in a list matched by place.
    Entry(String),
}

fn segments(field: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = field;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            out.push(Segment::Entry(inner[..end].to_owned()));
            rest = inner.get(end + 1..).unwrap_or("");
            rest = rest.strip_prefix('.').unwrap_or(rest);
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Segment::Key(rest[..end].to_owned()));
            rest = &rest[end..];
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
    }
    out
}

/// Sets (or removes, for `None`) the item at `path` below `table`.
fn set_at(table: &mut Table, path: &[Segment], value: Option<Item>) -> Option<()> {
    match path {
        [Segment::Key(k)] => {
            match value {
                Some(v) => {
                    let v = shaped_like(table.get(k), v);
                    match table.get_mut(k) {
                        Some(Item::Value(old)) => {
                            let decor = old.decor().clone();
                            let mut v = v;
                            if let Item::Value(new) = &mut v {
                                *new.decor_mut() = decor;
                            }
                            table.insert(k, v);
                        }
                        _ => {
                            table.insert(k, v);
                        }
                    }
                }
                None => {
                    table.remove(k);
                }
            }
            Some(())
        }
        [Segment::Key(k), Segment::Entry(e), rest @ ..] => {
            let list = table.get_mut(k)?.as_array_of_tables_mut()?;
            let index = entry_index(list, k, e)?;
            if rest.is_empty() {
                match value {
                    Some(v) => {
                        let t = shaped_like(Some(&Item::Table(Table::new())), v);
                        *list.get_mut(index)? = t.into_table().ok()?;
                    }
                    None => {
                        list.remove(index);
                    }
                }
                return Some(());
            }
            set_at(list.get_mut(index)?, rest, value)
        }
        [Segment::Key(k), rest @ ..] => set_at(table.get_mut(k)?.as_table_mut()?, rest, value),
        _ => None,
    }
}

fn entry_index(list: &ArrayOfTables, key: &str, entry: &str) -> Option<usize> {
    match identity(key) {
        Identity::Position => entry.parse::<usize>().ok()?.checked_sub(1),
        Identity::Keys(keys) => list
            .iter()
            .position(|t| key_of(t, keys).as_deref() == Some(entry)),
    }
}

/// A value read back from its text, in the shape the field has in the file (a table stays a
/// table, an array of tables stays one).
fn shaped_like(current: Option<&Item>, value: Item) -> Item {
    match current {
        Some(Item::Table(_)) => match value.clone().into_table() {
            Ok(t) => Item::Table(t),
            Err(_) => value,
        },
        Some(Item::ArrayOfTables(_)) => value
            .clone()
            .into_array_of_tables()
            .map_or(value, Item::ArrayOfTables),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_list_entries_by_identity() {
        assert_eq!(
            segments("items[7].decision.clauses[1].text"),
            vec![
                Segment::Key("items".into()),
                Segment::Entry("7".into()),
                Segment::Key("decision".into()),
                Segment::Key("clauses".into()),
                Segment::Entry("1".into()),
                Segment::Key("text".into()),
            ]
        );
        assert_eq!(segments("title"), vec![Segment::Key("title".into())]);
        assert_eq!(
            segments("meetings[sdf 2018-02-09].note"),
            vec![
                Segment::Key("meetings".into()),
                Segment::Entry("sdf 2018-02-09".into()),
                Segment::Key("note".into()),
            ]
        );
    }
}
