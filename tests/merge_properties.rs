//! Properties of the merge driver (`dagsorden::merge`): for random edits of disjoint fields
//! of a random meeting, the merge equals applying both edits; for any edits, the merged
//! file parses and keeps every field both sides kept, and every field one side changed.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use dagsorden::lang::Lang;
use dagsorden::merge::merge;

#[derive(Debug, Clone, PartialEq)]
struct Item {
    number: u32,
    title: String,
    presenter: Option<String>,
    tags: BTreeSet<String>,
    decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Meeting {
    title: String,
    place: Option<String>,
    items: Vec<Item>,
}

fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// The meeting as a file, with comments and blank lines as people write them.
fn render(m: &Meeting) -> String {
    let mut out = String::from("# A meeting file.\nbody = \"sdf\"\n");
    out.push_str(&format!(
        "title = {}\ndate = 2017-09-08\nstatus = \"held\"\n",
        quoted(&m.title)
    ));
    if let Some(p) = &m.place {
        out.push_str(&format!("place = {}  # where\n", quoted(p)));
    }
    for i in &m.items {
        out.push_str(&format!(
            "\n# --- item {}\n[[items]]\nnumber = {}\ntitle = {}\n",
            i.number,
            i.number,
            quoted(&i.title)
        ));
        if let Some(p) = &i.presenter {
            out.push_str(&format!("presenter = {}\n", quoted(p)));
        }
        if !i.tags.is_empty() {
            let tags: Vec<String> = i.tags.iter().map(|t| quoted(t)).collect();
            out.push_str(&format!("tags = [{}]\n", tags.join(", ")));
        }
        if let Some(d) = &i.decision {
            out.push_str(&format!(
                "\n[[items.decision.clauses]]\noutcome = \"approved\"\ntext = {}\n",
                quoted(d)
            ));
        }
    }
    out
}

/// One change to one field.
#[derive(Debug, Clone)]
enum Edit {
    Title(String),
    Place(Option<String>),
    ItemTitle(usize, String),
    Presenter(usize, Option<String>),
    AddTag(usize, String),
    RemoveTag(usize),
    Decision(usize, String),
    AddItem(u32, String),
    RemoveItem(usize),
}

impl Edit {
    /// The field it changes: edits of different fields are disjoint.
    fn field(&self) -> String {
        match self {
            Edit::Title(_) => "title".into(),
            Edit::Place(_) => "place".into(),
            Edit::ItemTitle(i, _) => format!("{i}.title"),
            Edit::Presenter(i, _) => format!("{i}.presenter"),
            Edit::AddTag(i, _) | Edit::RemoveTag(i) => format!("{i}.tags"),
            Edit::Decision(i, _) => format!("{i}.decision"),
            Edit::AddItem(n, _) => format!("new {n}"),
            Edit::RemoveItem(i) => format!("{i}"),
        }
    }

    /// Applies the edit; items are named by number, as the file names them.
    fn apply(&self, m: &mut Meeting) {
        let at =
            |m: &Meeting, number: usize| m.items.iter().position(|i| i.number as usize == number);
        let item = |m: &Meeting, number: &usize| at(m, *number);
        match self {
            Edit::Title(t) => m.title = t.clone(),
            Edit::Place(p) => m.place = p.clone(),
            Edit::ItemTitle(n, t) => {
                if let Some(i) = item(m, n) {
                    m.items[i].title = t.clone();
                }
            }
            Edit::Presenter(n, p) => {
                if let Some(i) = item(m, n) {
                    m.items[i].presenter = p.clone();
                }
            }
            Edit::AddTag(n, t) => {
                if let Some(i) = item(m, n) {
                    m.items[i].tags.insert(t.clone());
                }
            }
            Edit::RemoveTag(n) => {
                if let Some(i) = item(m, n) {
                    let first = m.items[i].tags.iter().next().cloned();
                    if let Some(t) = first {
                        m.items[i].tags.remove(&t);
                    }
                }
            }
            Edit::Decision(n, d) => {
                if let Some(i) = item(m, n) {
                    m.items[i].decision = Some(d.clone());
                }
            }
            Edit::AddItem(number, title) if !m.items.iter().any(|i| i.number == *number) => {
                m.items.push(Item {
                    number: *number,
                    title: title.clone(),
                    presenter: None,
                    tags: BTreeSet::new(),
                    decision: None,
                })
            }
            Edit::RemoveItem(n) => {
                if let Some(i) = item(m, n) {
                    m.items.remove(i);
                }
            }
            Edit::AddItem(..) => {}
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    // Danish letters, quotes, backslashes and line breaks: what real text has.
    "[a-zæøåA-Z0-9 \"\\\\.,\n-]{1,24}"
}

fn word() -> impl Strategy<Value = String> {
    "[a-zæøå]{1,8}"
}

fn meeting() -> impl Strategy<Value = Meeting> {
    let item = (
        text(),
        proptest::option::of(text()),
        proptest::collection::btree_set(word(), 0..3),
        proptest::option::of(text()),
    );
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(item, 1..5),
    )
        .prop_map(|(title, place, items)| Meeting {
            title,
            place,
            items: items
                .into_iter()
                .enumerate()
                .map(|(i, (title, presenter, tags, decision))| Item {
                    number: i as u32 + 1,
                    title,
                    presenter,
                    tags,
                    decision,
                })
                .collect(),
        })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        text().prop_map(Edit::Title),
        proptest::option::of(text()).prop_map(Edit::Place),
        (1..6usize, text()).prop_map(|(i, t)| Edit::ItemTitle(i, t)),
        (1..6usize, proptest::option::of(text())).prop_map(|(i, p)| Edit::Presenter(i, p)),
        (1..6usize, word()).prop_map(|(i, t)| Edit::AddTag(i, t)),
        (1..6usize).prop_map(Edit::RemoveTag),
        (1..6usize, text()).prop_map(|(i, d)| Edit::Decision(i, d)),
        (10..14u32, text()).prop_map(|(n, t)| Edit::AddItem(n, t)),
        (1..6usize).prop_map(Edit::RemoveItem),
    ]
}

fn apply_all(m: &Meeting, edits: &[Edit]) -> Meeting {
    let mut m = m.clone();
    for e in edits {
        e.apply(&mut m);
    }
    m
}

fn parsed(text: &str) -> toml::Table {
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Every field of the file, by a path that names items by number.
fn fields(t: &toml::Table) -> BTreeMap<String, toml::Value> {
    let mut out = BTreeMap::new();
    for (k, v) in t {
        if k == "items" {
            for item in v.as_array().into_iter().flatten() {
                let n = item["number"].to_string();
                for (ik, iv) in item.as_table().unwrap() {
                    out.insert(format!("items[{n}].{ik}"), iv.clone());
                }
            }
        } else if k != "conflicts" {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn disjoint_edits_merge_to_both_applied(
        base in meeting(),
        ours in proptest::collection::vec(edit(), 0..4),
        theirs in proptest::collection::vec(edit(), 0..4),
    ) {
        // Disjoint: no field, and no item, touched by both sides; no removals (a removal
        // touches all of an item's fields).
        let touched = |edits: &[Edit]| -> BTreeSet<String> {
            edits.iter().map(|e| e.field().split('.').next().unwrap().to_owned()).collect()
        };
        prop_assume!(!ours.iter().chain(&theirs).any(|e| matches!(e, Edit::RemoveItem(_))));
        prop_assume!(touched(&ours).is_disjoint(&touched(&theirs)));
        let top_level = |e: &Edit| matches!(e, Edit::Title(_) | Edit::Place(_));
        prop_assume!(!(ours.iter().any(top_level) && theirs.iter().any(top_level)
            && ours.iter().filter(|e| top_level(e)).map(Edit::field).collect::<BTreeSet<_>>()
                .intersection(&theirs.iter().filter(|e| top_level(e)).map(Edit::field).collect())
                .next().is_some()));
        let o = apply_all(&base, &ours);
        let t = apply_all(&base, &theirs);
        let both = apply_all(&o, &theirs);
        let merged = merge(&render(&base), &render(&o), &render(&t), Lang::Da).unwrap();
        prop_assert!(merged.conflicts.is_empty(), "{:?}\n{}", merged.conflicts, merged.text);
        prop_assert_eq!(fields(&parsed(&merged.text)), fields(&parsed(&render(&both))));
        // Our comments stay.
        prop_assert!(merged.text.starts_with("# A meeting file.\n"));
    }

    #[test]
    fn any_edits_give_a_file_that_parses_and_keeps_what_either_side_kept(
        base in meeting(),
        ours in proptest::collection::vec(edit(), 0..5),
        theirs in proptest::collection::vec(edit(), 0..5),
    ) {
        let (b, o, t) = (
            render(&base),
            render(&apply_all(&base, &ours)),
            render(&apply_all(&base, &theirs)),
        );
        let merged = merge(&b, &o, &t, Lang::Da).unwrap();
        let m = fields(&parsed(&merged.text));
        let (fb, fo, ft) = (fields(&parsed(&b)), fields(&parsed(&o)), fields(&parsed(&t)));
        for (path, value) in fo.iter().chain(&ft) {
            let in_both = fo.contains_key(path) && ft.contains_key(path);
            let changed = fb.get(path) != Some(value);
            if in_both || changed {
                prop_assert!(m.contains_key(path), "{path} dropped\n{}", merged.text);
            }
        }
        // Every conflict names a field and keeps both versions readable.
        let table = parsed(&merged.text);
        for c in table.get("conflicts").and_then(|c| c.as_array()).into_iter().flatten() {
            prop_assert!(c.get("field").and_then(|f| f.as_str()).is_some());
        }
    }
}
