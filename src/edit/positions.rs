//! Keeping the order of `[[items]]` in the file when items move. toml_edit writes tables in
//! the order of their recorded positions, and an array of tables is read back in the order
//! its headers appear; so after the array is reordered, the positions of the items' tables
//! (each item with its `[items.recommendation]`, `[[items.decision.clauses]]`, …) are dealt
//! out again in the new order. Every other table keeps its place.

use toml_edit::{DocumentMut, Item, Table};

/// Reassigns table positions so that the file shows the `items` array in its current order.
pub fn reorder_items(doc: &mut DocumentMut) {
    // Pass 1: every table in the order toml_edit visits them, with its effective position
    // (a table without one follows the table before it, as toml_edit writes it) and the
    // index of the item it belongs to.
    let mut seen: Vec<(isize, Option<usize>)> = Vec::new();
    let mut last = 0;
    visit(doc.as_table(), true, None, &mut |table, item| {
        if let Some(pos) = table.position() {
            last = pos;
        }
        seen.push((last, item));
    });

    // The order the file shows now, with the item tables' slots dealt out again in the
    // order of the array, each item's own tables keeping their order.
    let mut shown: Vec<usize> = (0..seen.len()).collect();
    // The root table (visited first) is always written first.
    shown.sort_by_key(|&i| (i != 0, seen[i].0));
    let slots: Vec<usize> = shown
        .iter()
        .enumerate()
        .filter(|(_, t)| seen[**t].1.is_some())
        .map(|(slot, _)| slot)
        .collect();
    let mut item_tables: Vec<usize> = shown
        .iter()
        .copied()
        .filter(|t| seen[*t].1.is_some())
        .collect();
    item_tables.sort_by_key(|t| seen[*t].1); // stable: keeps each item's inner order
    for (slot, table) in slots.into_iter().zip(item_tables) {
        shown[slot] = table;
    }
    let mut new_position = vec![0isize; seen.len()];
    for (rank, table) in shown.into_iter().enumerate() {
        new_position[table] = rank as isize;
    }

    // Pass 2: the same walk, setting positions.
    let mut n = 0;
    visit_mut(doc.as_table_mut(), &mut |table| {
        table.set_position(Some(new_position[n]));
        n += 1;
    });
}

/// Visits every non-dotted table in toml_edit's order, telling which item each belongs to.
fn visit<'t>(
    table: &'t Table,
    root: bool,
    item: Option<usize>,
    f: &mut impl FnMut(&'t Table, Option<usize>),
) {
    if !table.is_dotted() {
        f(table, item);
    }
    for (key, value) in table.iter() {
        let at_root_items = root && key == "items";
        match value {
            Item::Table(t) => visit(t, false, item, f),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    visit(t, false, if at_root_items { Some(i) } else { item }, f);
                }
            }
            _ => {}
        }
    }
}

fn visit_mut(table: &mut Table, f: &mut impl FnMut(&mut Table)) {
    if !table.is_dotted() {
        f(table);
    }
    for (_, value) in table.iter_mut() {
        match value {
            Item::Table(t) => visit_mut(t, f),
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    visit_mut(t, f);
                }
            }
            _ => {}
        }
    }
}
