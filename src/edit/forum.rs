//! Edits to forum.toml: a body's members (the roster the attendance window marks), kept
//! one inline table per member as staff write them; comments and layout stay.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::{EditResult, person_value};
use crate::lang::Said;
use crate::model::{BodyId, Person};
use crate::said;

fn body_table<'d>(doc: &'d mut DocumentMut, body: &BodyId) -> Result<&'d mut Table, Said> {
    doc.get_mut("bodies")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|bodies| {
            bodies
                .iter_mut()
                .find(|t| t.get("id").and_then(Item::as_str) == Some(body.as_str()))
        })
        .ok_or_else(|| {
            said!(
                "forum.toml har ingen [[bodies]] med id = \"{body}\"";
                "forum.toml has no [[bodies]] with id = \"{body}\""
            )
        })
}

fn members<'d>(doc: &'d mut DocumentMut, body: &BodyId) -> Result<&'d mut Array, Said> {
    let table = body_table(doc, body)?;
    if table.get("members").is_none() {
        table.insert("members", toml_edit::value(Array::new()));
    }
    table
        .get_mut("members")
        .and_then(Item::as_array_mut)
        .ok_or_else(|| {
            said!(
                "`members` er ikke en liste; ret forum.toml i en editor";
                "`members` is not a list; edit forum.toml in an editor"
            )
        })
}

fn name_of(v: &Value) -> Option<&str> {
    v.as_inline_table()
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str)
}

/// Adds `person` to the body's members, one per line at the end of the list.
pub fn add_member(doc: &mut DocumentMut, body: &BodyId, person: &Person) -> EditResult {
    let name = person.name.trim();
    if name.is_empty() {
        return Err(said!("et medlem skal have et navn"; "a member needs a name"));
    }
    let list = members(doc, body)?;
    if list
        .iter()
        .any(|v| name_of(v).is_some_and(|n| n.trim() == name))
    {
        return Err(said!("{name} er allerede medlem"; "{name} is already a member"));
    }
    // What stood after the last member (a comment on its line) stays on that line.
    let trailing = list.trailing().as_str().unwrap_or("").to_owned();
    let prefix = if trailing.ends_with('\n') {
        format!("{trailing}  ")
    } else {
        format!("{trailing}\n  ")
    };
    let mut value = person_value(person);
    value.decor_mut().set_prefix(prefix);
    list.push_formatted(value);
    list.set_trailing("\n");
    list.set_trailing_comma(true);
    Ok(())
}

/// Puts `person` in place of the member named `old`, keeping the line's place.
pub fn replace_member(
    doc: &mut DocumentMut,
    body: &BodyId,
    old: &str,
    person: &Person,
) -> EditResult {
    if person.name.trim().is_empty() {
        return Err(said!("et medlem skal have et navn"; "a member needs a name"));
    }
    let list = members(doc, body)?;
    let at = list
        .iter()
        .position(|v| name_of(v).is_some_and(|n| n.trim() == old.trim()))
        .ok_or_else(|| said!("{old} er ikke medlem"; "{old} is not a member"))?;
    let decor = list.get(at).map(|v| v.decor().clone()).unwrap_or_default();
    let mut value = person_value(person);
    *value.decor_mut() = decor;
    list.replace_formatted(at, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORUM: &str = r#"name = "Fjordby"

[[bodies]]
id = "bu"        # Børn og Unge
name = "Udvalget for Børn og Unge"
members = [
  { name = "Hanne Kjærgaard", organisation = "A" },  # formand
]

[[bodies]]
id = "øk"
name = "Økonomiudvalget"
"#;

    fn person(name: &str, org: Option<&str>) -> Person {
        Person {
            name: name.into(),
            organisation: org.map(Into::into),
        }
    }

    #[test]
    fn members_are_added_and_corrected_with_comments_kept() {
        let mut doc: DocumentMut = FORUM.parse().unwrap();
        let bu: BodyId = "bu".parse().unwrap();
        add_member(&mut doc, &bu, &person("Søren Østergaard", Some("V"))).unwrap();
        replace_member(
            &mut doc,
            &bu,
            "Hanne Kjærgaard",
            &person("Hanne Kjærgård", Some("A")),
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains("id = \"bu\"        # Børn og Unge"), "{text}");
        assert!(
            text.contains("  { name = \"Hanne Kjærgård\", organisation = \"A\" },  # formand\n"),
            "{text}"
        );
        assert!(
            text.contains("  { name = \"Søren Østergaard\", organisation = \"V\" },\n]"),
            "{text}"
        );
        // A body with no members yet gets its first.
        let øk: BodyId = "øk".parse().unwrap();
        add_member(&mut doc, &øk, &person("Mette Aagaard", None)).unwrap();
        let reread: toml::Table = toml::from_str(&doc.to_string()).unwrap();
        let bodies = reread["bodies"].as_array().unwrap();
        assert_eq!(
            bodies[1]["members"][0]["name"].as_str(),
            Some("Mette Aagaard")
        );
        assert!(add_member(&mut doc, &bu, &person("Søren Østergaard", None)).is_err());
        assert!(replace_member(&mut doc, &bu, "Ingen", &person("X", None)).is_err());
    }
}
