//! What a TOML value says, whatever way it is written: two values are the same change when
//! their canonical forms are equal (quoting, spacing, comments, inline or not, key order).

use std::fmt::Write;

use toml_edit::{Item, Table, Value};

/// The canonical form of an item (`None` for a key that is not there).
pub fn canon(item: Option<&Item>) -> String {
    let mut out = String::new();
    if let Some(item) = item {
        item_into(item, &mut out);
    }
    out
}

pub fn same(a: Option<&Item>, b: Option<&Item>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => canon(Some(a)) == canon(Some(b)),
        _ => false,
    }
}

pub fn value_canon(value: &Value) -> String {
    let mut out = String::new();
    value_into(value, &mut out);
    out
}

fn item_into(item: &Item, out: &mut String) {
    match item {
        Item::None => {}
        Item::Value(v) => value_into(v, out),
        Item::Table(t) => table_into(t, out),
        Item::ArrayOfTables(a) => {
            out.push('[');
            for t in a.iter() {
                table_into(t, out);
                out.push(',');
            }
            out.push(']');
        }
    }
}

fn table_into(table: &Table, out: &mut String) {
    let mut keys: Vec<(&str, &Item)> = table.iter().collect();
    keys.sort_by_key(|(k, _)| *k);
    out.push('{');
    for (k, v) in keys {
        let _ = write!(out, "{k:?}=");
        item_into(v, out);
        out.push(',');
    }
    out.push('}');
}

fn value_into(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            let _ = write!(out, "{:?}", s.value());
        }
        Value::Integer(i) => {
            let _ = write!(out, "{}", i.value());
        }
        Value::Float(f) => {
            let _ = write!(out, "{:?}", f.value());
        }
        Value::Boolean(b) => {
            let _ = write!(out, "{}", b.value());
        }
        Value::Datetime(d) => {
            let _ = write!(out, "{}", d.value());
        }
        Value::Array(a) => {
            out.push('[');
            for v in a.iter() {
                value_into(v, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::InlineTable(t) => {
            let mut keys: Vec<(&str, &Value)> = t.iter().collect();
            keys.sort_by_key(|(k, _)| *k);
            out.push('{');
            for (k, v) in keys {
                let _ = write!(out, "{k:?}=");
                value_into(v, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    fn item<'d>(doc: &'d DocumentMut, key: &str) -> Option<&'d Item> {
        doc.get(key)
    }

    #[test]
    fn the_way_a_value_is_written_does_not_make_it_another() {
        let a: DocumentMut = "t = \"x\"  # a comment\n[att]\nb = [1, 2]\nc = 3\n"
            .parse()
            .unwrap();
        let b: DocumentMut = "t = 'x'\natt = { c = 3, b = [ 1,2 ] }\n".parse().unwrap();
        assert!(same(item(&a, "t"), item(&b, "t")));
        assert!(same(item(&a, "att"), item(&b, "att")));
        let c: DocumentMut = "t = \"y\"\n".parse().unwrap();
        assert!(!same(item(&a, "t"), item(&c, "t")));
        assert!(!same(item(&a, "t"), None));
    }
}
