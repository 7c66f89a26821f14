//! What the archive's format says about its lists: which arrays of tables are matched by a
//! key (items by number, follow-ups by id, plan entries by body and date) and which plain
//! lists are sets, where the order carries no meaning and each side's additions and
//! removals can all be kept.

use toml_edit::{Item, Table, Value};

use super::canon::value_canon;

/// How the tables of an array are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// By the values of these keys.
    Keys(&'static [&'static str]),
    /// By place: the decision's clauses answer the recommendation's in order.
    Position,
}

/// The identity of the tables in the array at `key` (its parent's path given for context).
pub fn identity(key: &str) -> Identity {
    match key {
        "items" => Identity::Keys(&["number"]),
        "followups" | "deadlines" | "events" | "bodies" => Identity::Keys(&["id"]),
        "attachments" => Identity::Keys(&["path"]),
        "meetings" => Identity::Keys(&["body", "date"]),
        "moves" | "removed" => Identity::Keys(&["meeting"]),
        "external" => Identity::Keys(&["title", "date"]),
        "conflicts" => Identity::Keys(&["field"]),
        _ => Identity::Position,
    }
}

/// The identity of one table: "7", "sdf 2018-02-09"; `None` when a key is missing.
pub fn key_of(table: &Table, keys: &[&str]) -> Option<String> {
    let parts: Option<Vec<String>> = keys
        .iter()
        .map(|k| {
            table.get(k).and_then(Item::as_value).map(|v| match v {
                Value::String(s) => s.value().clone(),
                other => value_canon(other),
            })
        })
        .collect();
    parts.map(|p| p.join(" "))
}

/// Plain lists whose order means nothing: tags, references, people, logged runs, ….
pub fn is_set(key: &str) -> bool {
    matches!(
        key,
        "tags"
            | "refs"
            | "answers"
            | "runs"
            | "instances"
            | "rescheduled"
            | "participants"
            | "apologies"
            | "guests"
            | "guest_apologies"
            | "absent"
            | "members"
            | "with"
            | "avoid_months"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_told_apart_by_number_and_plan_meetings_by_body_and_date() {
        let doc: toml_edit::DocumentMut =
            "[[items]]\nnumber = 7\n[[meetings]]\nbody = \"sdf\"\ndate = 2018-02-09\n"
                .parse()
                .unwrap();
        let item = &doc["items"].as_array_of_tables().unwrap().get(0).unwrap();
        let Identity::Keys(keys) = identity("items") else {
            panic!()
        };
        assert_eq!(key_of(item, keys).as_deref(), Some("7"));
        let m = &doc["meetings"]
            .as_array_of_tables()
            .unwrap()
            .get(0)
            .unwrap();
        let Identity::Keys(keys) = identity("meetings") else {
            panic!()
        };
        assert_eq!(key_of(m, keys).as_deref(), Some("sdf 2018-02-09"));
        assert_eq!(identity("clauses"), Identity::Position);
    }
}
