//! Three-way merge of the archive's files at the level of their format, for git's merge
//! driver (`dagsorden merge-file`): two people who change different fields of the same
//! meeting both keep their change.
//!
//! The merge works on our version of the file (toml_edit, so its comments and layout stay)
//! and brings in every field the other side changed and we did not. Items are matched by
//! number, follow-ups and events by id, plan meetings by body and date, attachments by path,
//! decision clauses by place; tags, references, people and logged runs are sets, so both
//! sides' additions and removals are kept. Only one field changed two ways is a conflict:
//! ours stays in the field, so the file still loads, and both versions are recorded in a
//! `[[conflicts]]` table that `check` and the screens report until it is resolved.

mod canon;
mod conflicts;
mod shape;

pub use conflicts::{Choice, Recorded, Resolution, recorded, resolve, resolve_in};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::lang::{Lang, Said};
use canon::same;
use shape::{Identity, identity, is_set, key_of};

/// A merge that was made: the file's new text and the fields changed two ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<String>,
}

/// Why the files could not be merged field by field (git's own line merge takes over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmergeable(pub Said);

/// One field changed two ways: its path, and each side's version (`None`: removed).
#[derive(Debug, Clone)]
struct Conflict {
    field: String,
    mine: Option<Item>,
    theirs: Option<Item>,
}

/// Merges `theirs` into `ours`, both descended from `base`. `lang` is the language of the
/// comment that marks a conflict in the file.
pub fn merge(base: &str, ours: &str, theirs: &str, lang: Lang) -> Result<Merged, Unmergeable> {
    let parse = |text: &str, da: &str, en: &str| {
        crate::store::shape::plain(text)
            .parse::<DocumentMut>()
            .map_err(|_| Unmergeable(Said::new(da, en)))
    };
    let base_doc = parse(
        base,
        "den fælles udgave kan ikke læses som TOML",
        "the common version does not parse as TOML",
    )?;
    let theirs_doc = parse(
        theirs,
        "den anden udgave kan ikke læses som TOML",
        "the other version does not parse as TOML",
    )?;
    let mut doc = parse(
        ours,
        "vores udgave kan ikke læses som TOML",
        "our version does not parse as TOML",
    )?;
    let mut found = Vec::new();
    merge_table(
        Some(base_doc.as_table()),
        doc.as_table_mut(),
        theirs_doc.as_table(),
        "",
        &mut found,
    );
    let fields: Vec<String> = found.iter().map(|c| c.field.clone()).collect();
    conflicts::record(&mut doc, found, lang);
    let text = crate::store::shape::splice(ours, &doc.to_string());
    if text.parse::<toml::Table>().is_err() {
        return Err(Unmergeable(Said::new(
            "den sammenflettede fil kunne ikke læses",
            "the merged file would not parse",
        )));
    }
    Ok(Merged {
        text,
        conflicts: fields,
    })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The keys of three tables: ours in order, then theirs' new ones.
fn keys(ours: &Table, theirs: &Table) -> Vec<String> {
    let mut keys: Vec<String> = ours.iter().map(|(k, _)| k.to_owned()).collect();
    for (k, _) in theirs.iter() {
        if !keys.iter().any(|o| o == k) {
            keys.push(k.to_owned());
        }
    }
    keys
}

fn merge_table(
    base: Option<&Table>,
    ours: &mut Table,
    theirs: &Table,
    path: &str,
    out: &mut Vec<Conflict>,
) {
    for k in keys(ours, theirs) {
        let b = base.and_then(|t| t.get(&k));
        let t = theirs.get(&k);
        let o = ours.get(&k).cloned();
        if same(t, b) || same(o.as_ref(), t) {
            continue;
        }
        if same(o.as_ref(), b) {
            match t {
                None => {
                    ours.remove(&k);
                }
                Some(t) => put(ours, &k, t),
            }
            continue;
        }
        let field = join(path, &k);
        match (ours.get_mut(&k), t) {
            (Some(Item::Table(ot)), Some(Item::Table(tt))) => {
                merge_table(b.and_then(Item::as_table), ot, tt, &field, out);
            }
            (Some(Item::ArrayOfTables(oa)), Some(Item::ArrayOfTables(ta))) => {
                let ba = b.and_then(Item::as_array_of_tables);
                merge_tables(ba, oa, ta, &k, &field, out);
            }
            (Some(Item::Value(Value::Array(oa))), Some(Item::Value(Value::Array(ta))))
                if is_set(&k) =>
            {
                let ba = b.and_then(Item::as_array);
                merge_set(ba, oa, ta);
            }
            _ => {
                // Changed two ways: ours stays (a field one side removed and the other
                // changed is kept), and both are recorded.
                if o.is_none()
                    && let Some(t) = t
                {
                    put(ours, &k, t);
                }
                out.push(Conflict {
                    field,
                    mine: o,
                    theirs: t.cloned(),
                });
            }
        }
    }
}

/// Sets `key` to their item, keeping our decor for a value (its comment and spacing) and
/// our place in the file for a table.
fn put(ours: &mut Table, key: &str, theirs: &Item) {
    let mut new = theirs.clone();
    match (ours.get(key), &mut new) {
        (Some(Item::Value(old)), Item::Value(v)) => *v.decor_mut() = old.decor().clone(),
        (Some(Item::Table(old)), Item::Table(t)) => {
            let position = old.position();
            adopt(t, position);
        }
        (_, Item::Table(t)) => adopt(t, None),
        (_, Item::ArrayOfTables(a)) => {
            for t in a.iter_mut() {
                adopt(t, None);
            }
        }
        _ => {}
    }
    ours.insert(key, new);
}

/// A table brought over from their file: placed at `position` (or after the table before
/// it), its own tables following it.
fn adopt(table: &mut Table, position: Option<isize>) {
    table.set_position(position);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => adopt(t, None),
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    adopt(t, None);
                }
            }
            _ => {}
        }
    }
}

/// Merges an array of tables, matching its tables by their identity.
fn merge_tables(
    base: Option<&ArrayOfTables>,
    ours: &mut ArrayOfTables,
    theirs: &ArrayOfTables,
    key: &str,
    field: &str,
    out: &mut Vec<Conflict>,
) {
    let Identity::Keys(id_keys) = identity(key) else {
        return merge_by_place(base, ours, theirs, field, out);
    };
    let ids = |a: &ArrayOfTables| -> Option<Vec<(String, Table)>> {
        let list: Option<Vec<(String, Table)>> = a
            .iter()
            .map(|t| key_of(t, id_keys).map(|k| (k, t.clone())))
            .collect();
        let list = list?;
        let mut seen = std::collections::HashSet::new();
        list.iter()
            .all(|(k, _)| seen.insert(k.clone()))
            .then_some(list)
    };
    let empty = ArrayOfTables::new();
    let (Some(b), Some(o), Some(t)) = (ids(base.unwrap_or(&empty)), ids(ours), ids(theirs)) else {
        // Tables without their key, or a key twice: the list is one value.
        return whole_list_conflict(ours, theirs, field, out);
    };
    let find = |list: &[(String, Table)], k: &str| -> Option<Table> {
        list.iter().find(|(x, _)| x == k).map(|(_, t)| t.clone())
    };
    let mut result: Vec<(String, Table)> = Vec::new();
    for (k, ot) in &o {
        let sub = format!("{field}[{k}]");
        match (find(&b, k), find(&t, k)) {
            (bt, Some(tt)) => {
                let mut merged = ot.clone();
                merge_table(bt.as_ref(), &mut merged, &tt, &sub, out);
                result.push((k.clone(), merged));
            }
            (Some(bt), None) => {
                // They removed it: gone, unless we changed it.
                if !same_table(ot, &bt) {
                    out.push(Conflict {
                        field: sub,
                        mine: Some(Item::Table(ot.clone())),
                        theirs: None,
                    });
                    result.push((k.clone(), ot.clone()));
                }
            }
            (None, None) => result.push((k.clone(), ot.clone())),
        }
    }
    for (i, (k, tt)) in t.iter().enumerate() {
        if o.iter().any(|(x, _)| x == k) {
            continue;
        }
        let mut table = tt.clone();
        adopt(&mut table, None);
        match find(&b, k) {
            // We removed it, they did not change it: stays removed.
            Some(bt) if same_table(tt, &bt) => continue,
            Some(_) => out.push(Conflict {
                field: format!("{field}[{k}]"),
                mine: None,
                theirs: Some(Item::Table(tt.clone())),
            }),
            None => {}
        }
        // After the table that comes before it in their file.
        let after = t[..i]
            .iter()
            .rev()
            .find_map(|(p, _)| result.iter().position(|(x, _)| x == p));
        let at = after.map_or(0, |p| p + 1);
        result.insert(at, (k.clone(), table));
    }
    ours.clear();
    for (_, table) in result {
        ours.push(table);
    }
}

fn same_table(a: &Table, b: &Table) -> bool {
    same(Some(&Item::Table(a.clone())), Some(&Item::Table(b.clone())))
}

/// The decision's clauses, matched by place: appends and edits of different clauses both
/// stay; a removal on one side with any change on the other is one conflict.
fn merge_by_place(
    base: Option<&ArrayOfTables>,
    ours: &mut ArrayOfTables,
    theirs: &ArrayOfTables,
    field: &str,
    out: &mut Vec<Conflict>,
) {
    let b_len = base.map_or(0, ArrayOfTables::len);
    if ours.len() < b_len || theirs.len() < b_len {
        return whole_list_conflict(ours, theirs, field, out);
    }
    let n = ours.len().max(theirs.len());
    let mut result = Vec::with_capacity(n);
    for i in 0..n {
        let bt = base.and_then(|a| a.get(i));
        let sub = format!("{field}[{}]", i + 1);
        match (ours.get(i), theirs.get(i)) {
            (Some(ot), Some(tt)) => {
                let mut merged = ot.clone();
                merge_table(bt, &mut merged, tt, &sub, out);
                result.push(merged);
            }
            (Some(ot), None) => result.push(ot.clone()),
            (None, Some(tt)) => {
                let mut table = tt.clone();
                adopt(&mut table, None);
                result.push(table);
            }
            (None, None) => {}
        }
    }
    ours.clear();
    for t in result {
        ours.push(t);
    }
}

fn whole_list_conflict(
    ours: &ArrayOfTables,
    theirs: &ArrayOfTables,
    field: &str,
    out: &mut Vec<Conflict>,
) {
    out.push(Conflict {
        field: field.to_owned(),
        mine: Some(Item::ArrayOfTables(ours.clone())),
        theirs: Some(Item::ArrayOfTables(theirs.clone())),
    });
}

/// A list whose order means nothing: what they added is added, what they removed is
/// removed, ours kept as it is written otherwise.
fn merge_set(base: Option<&Array>, ours: &mut Array, theirs: &Array) {
    use canon::value_canon;
    let in_base =
        |v: &Value| base.is_some_and(|b| b.iter().any(|x| value_canon(x) == value_canon(v)));
    let in_theirs = |v: &Value| theirs.iter().any(|x| value_canon(x) == value_canon(v));
    // Removed by them: in the base, no longer in theirs.
    let mut i = 0;
    while i < ours.len() {
        let v = ours.get(i).expect("in range");
        if in_base(v) && !in_theirs(v) {
            ours.remove(i);
        } else {
            i += 1;
        }
    }
    // Added by them: in theirs, not in the base, not in ours.
    let decor = ours.iter().last().map(|v| v.decor().clone());
    for v in theirs.iter() {
        let present = ours.iter().any(|x| value_canon(x) == value_canon(v));
        if !in_base(v) && !present {
            let mut v = v.clone();
            if let Some(d) = &decor {
                *v.decor_mut() = d.clone();
            }
            ours.push_formatted(v);
        }
    }
}

#[cfg(test)]
mod tests;
