//! The commit message for a step written to the archive, in the forum's language, said from
//! what changed in the files ("Beslutning registreret: SDF 9. februar 2018, punkt 4 (b)";
//! "Møde flyttet: SDF 9. februar 2018 → 16. februar 2018"), so that the history reads as the
//! secretariat's record whichever screen or command made the change.

use std::path::Path;

use toml::{Table, Value};

use crate::lang::Lang;
use crate::model::{Forum, MeetingId};
use crate::store::Written;

/// One thing that changed, in both languages, and where in the meeting.
struct What {
    da: &'static str,
    en: &'static str,
    item: Option<String>,
}

/// The message for a written step.
pub fn message(written: &Written, forum: &Forum, lang: Lang) -> String {
    let created: Vec<MeetingId> = written
        .changes
        .iter()
        .filter(|c| c.before().is_none() && c.after().is_some())
        .filter_map(|c| meeting_id(&c.rel))
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for change in &written.changes {
        let rel = change.rel.as_path();
        let line = match (meeting_id(rel), change.before(), change.after()) {
            (Some(id), None, Some(_)) => {
                // Created by a move when a file of the same body went in the same step.
                let moved = written.changes.iter().any(|c| {
                    c.after().is_none() && meeting_id(&c.rel).is_some_and(|m| m.body == id.body)
                });
                if moved {
                    continue;
                }
                said(
                    lang,
                    "Møde oprettet",
                    "Meeting created",
                    &place(forum, &id, lang),
                )
            }
            (Some(id), Some(_), None) => match created.iter().find(|n| n.body == id.body) {
                Some(to) => said(
                    lang,
                    "Møde flyttet",
                    "Meeting moved",
                    &format!("{} → {}", place(forum, &id, lang), lang.date(to.date)),
                ),
                None => said(
                    lang,
                    "Mødefil slettet",
                    "Meeting file removed",
                    &place(forum, &id, lang),
                ),
            },
            (Some(id), Some(before), Some(after)) => {
                meeting_change(forum, &id, before, after, lang)
            }
            (None, _, _) => other_file(rel, change.before(), change.after(), lang),
            (Some(_), None, None) => continue,
        };
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let mut text = lines.join("; ");
    if text.is_empty() {
        text = match lang {
            Lang::Da => "Arkivet ændret".to_owned(),
            Lang::En => "Archive changed".to_owned(),
        };
    }
    if written.undone {
        let undone = match lang {
            Lang::Da => "Fortrudt",
            Lang::En => "Undone",
        };
        text = format!("{undone}: {text}");
    }
    // Names come from the archive's files (a body's `short`): the message is one clean
    // line, as git and every terminal that shows `git log` expect.
    crate::text::one_line(&text)
}

fn meeting_id(rel: &Path) -> Option<MeetingId> {
    rel.file_stem()?.to_str()?.parse().ok()
}

/// "SDF 9. februar 2018".
fn place(forum: &Forum, id: &MeetingId, lang: Lang) -> String {
    format!("{} {}", forum.body_short(&id.body), lang.date(id.date))
}

fn said(lang: Lang, da: &str, en: &str, rest: &str) -> String {
    match lang {
        Lang::Da => format!("{da}: {rest}"),
        Lang::En => format!("{en}: {rest}"),
    }
}

fn parse(text: &str) -> Table {
    text.parse().unwrap_or_default()
}

/// A meeting file changed: which fields, said from the most telling one.
fn meeting_change(forum: &Forum, id: &MeetingId, before: &str, after: &str, lang: Lang) -> String {
    let (b, a) = (parse(before), parse(after));
    // A conflict resolved: the field's new value is the resolution, said as such.
    let recorded = |t: &Table| -> Vec<String> {
        t.get("conflicts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| Some(c.get("field")?.as_str()?.to_owned()))
            .collect()
    };
    let still = recorded(&a);
    let resolved: Vec<What> = recorded(&b)
        .into_iter()
        .filter(|f| !still.contains(f))
        .map(|f| What {
            da: "Sammenfletningskonflikt løst",
            en: "Merge conflict resolved",
            item: f
                .strip_prefix("items[")
                .and_then(|r| r.split(']').next())
                .map(str::to_owned),
        })
        .collect();
    if !resolved.is_empty() {
        return finish(forum, id, &resolved, lang);
    }
    let mut whats: Vec<What> = Vec::new();
    for key in keys(&b, &a) {
        if key == "items" || b.get(&key) == a.get(&key) {
            continue;
        }
        let (da, en) = match key.as_str() {
            "status" => ("Mødets status ændret", "Meeting status changed"),
            "attendance" => ("Fremmøde registreret", "Attendance recorded"),
            "order" => ("Rækkefølgen ændret", "Order of items changed"),
            "conflicts" => ("Sammenfletningskonflikt løst", "Merge conflict resolved"),
            _ => ("Mødets oplysninger ændret", "Meeting details changed"),
        };
        whats.push(What { da, en, item: None });
    }
    let items = |t: &Table| -> Vec<(String, Table)> {
        t.get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|i| {
                let t = i.as_table()?.clone();
                let n = match t.get("number")? {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Some((n, t))
            })
            .collect()
    };
    let (bi, ai) = (items(&b), items(&a));
    // Item changes say more than the meeting's (a decision sets the status too): first.
    let meeting_level = std::mem::take(&mut whats);
    // One item put in among the others renumbers those after it: said as the one added.
    let titles = |l: &[(String, Table)]| -> Vec<Option<Value>> {
        l.iter().map(|(_, t)| t.get("title").cloned()).collect()
    };
    let (bt, at_) = (titles(&bi), titles(&ai));
    if at_.len() == bt.len() + 1
        && let Some(i) = (0..at_.len()).find(|&i| {
            let mut without = at_.clone();
            without.remove(i);
            without == bt
        })
    {
        whats.push(What {
            da: "Punkt tilføjet",
            en: "Item added",
            item: Some(ai[i].0.clone()),
        });
        whats.extend(meeting_level);
        return finish(forum, id, &whats, lang);
    }
    for (n, at) in &ai {
        match bi.iter().find(|(m, _)| m == n) {
            None => whats.push(What {
                da: "Punkt tilføjet",
                en: "Item added",
                item: Some(n.clone()),
            }),
            Some((_, bt)) if bt != at => item_change(bt, at, n, &mut whats),
            Some(_) => {}
        }
    }
    for (n, _) in &bi {
        if !ai.iter().any(|(m, _)| m == n) {
            whats.push(What {
                da: "Punkt slettet",
                en: "Item deleted",
                item: Some(n.clone()),
            });
        }
    }
    // The status a decision moves on is part of recording it, not another change.
    let items_changed = !whats.is_empty();
    whats.extend(
        meeting_level
            .into_iter()
            .filter(|w| !(items_changed && w.en == "Meeting status changed")),
    );
    finish(forum, id, &whats, lang)
}

/// The message from what changed, the first named.
fn finish(forum: &Forum, id: &MeetingId, whats: &[What], lang: Lang) -> String {
    let Some(first) = whats.first() else {
        return said(
            lang,
            "Mødefil ændret",
            "Meeting file changed",
            &place(forum, id, lang),
        );
    };
    let mut what = match lang {
        Lang::Da => first.da.to_owned(),
        Lang::En => first.en.to_owned(),
    };
    if whats.len() > 1 {
        what.push_str(match lang {
            Lang::Da => " m.m.",
            Lang::En => " etc.",
        });
    }
    let mut rest = place(forum, id, lang);
    let mut numbers: Vec<&str> = Vec::new();
    for w in whats {
        if let Some(n) = &w.item
            && !numbers.contains(&n.as_str())
        {
            numbers.push(n);
        }
    }
    if !numbers.is_empty() {
        let word = lang.labels().item;
        let and = match lang {
            Lang::Da => " og ",
            Lang::En => " and ",
        };
        rest.push_str(&format!(", {word} {}", numbers.join(and)));
    }
    format!("{what}: {rest}")
}

/// What changed in one item; a decision changed in one clause names the clause ("4 (b)").
fn item_change(before: &Table, after: &Table, number: &str, whats: &mut Vec<What>) {
    for key in keys(before, after) {
        if before.get(&key) == after.get(&key) {
            continue;
        }
        let mut item = Some(number.to_owned());
        let (da, en) = match key.as_str() {
            "decision" => {
                let clauses = |t: &Table| -> Vec<Value> {
                    t.get("decision")
                        .and_then(|d| d.get("clauses"))
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                };
                let (bc, ac) = (clauses(before), clauses(after));
                let changed: Vec<usize> = (0..bc.len().max(ac.len()))
                    .filter(|i| bc.get(*i) != ac.get(*i))
                    .collect();
                let several = after
                    .get("recommendation")
                    .and_then(|r| r.get("clauses"))
                    .and_then(Value::as_array)
                    .is_some_and(|c| c.len() > 1);
                if let ([i], true) = (changed.as_slice(), several) {
                    let letter = char::from(b'a' + (*i as u8 % 26));
                    item = Some(format!("{number} ({letter})"));
                }
                if before.get("decision").is_none() || bc.len() < ac.len() {
                    ("Beslutning registreret", "Decision recorded")
                } else {
                    ("Beslutning ændret", "Decision changed")
                }
            }
            "recommendation" => ("Indstilling ændret", "Recommendation changed"),
            "title" => ("Titel ændret", "Title changed"),
            "background" | "summary" => ("Baggrund ændret", "Background changed"),
            "attachments" => ("Bilag ændret", "Attachments changed"),
            "followups" => {
                // A new follow-up, or a run logged on one: recorded; anything else: changed.
                let list = |t: &Table| -> Vec<Value> {
                    t.get("followups")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                };
                let runs = |l: &[Value]| -> usize {
                    l.iter()
                        .filter_map(|f| f.get("runs").and_then(Value::as_array))
                        .map(Vec::len)
                        .sum()
                };
                let (bl, al) = (list(before), list(after));
                if al.len() > bl.len() || runs(&al) > runs(&bl) {
                    ("Opfølgning registreret", "Follow-up recorded")
                } else {
                    ("Opfølgning ændret", "Follow-up changed")
                }
            }
            "tags" => ("Emner ændret", "Tags changed"),
            "presenter" => ("Fremlægger ændret", "Presenter changed"),
            "case" => ("Sagsoplysninger ændret", "Case details changed"),
            "attendance" => (
                "Fremmøde ved punktet ændret",
                "Attendance at the item changed",
            ),
            "number" => {
                item = None;
                ("Punkter omnummereret", "Items renumbered")
            }
            _ => ("Punkt ændret", "Item changed"),
        };
        whats.push(What { da, en, item });
    }
}

fn keys(a: &Table, b: &Table) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().cloned().collect();
    for k in b.keys() {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// A year plan or forum.toml.
fn other_file(rel: &Path, before: Option<&str>, after: Option<&str>, lang: Lang) -> String {
    let name = rel.display().to_string();
    if rel == Path::new("forum.toml") {
        let members = |t: Option<&str>| -> Option<Value> {
            let t = parse(t?);
            Some(Value::Array(
                t.get("bodies")?
                    .as_array()?
                    .iter()
                    .filter_map(|b| b.get("members").cloned())
                    .collect(),
            ))
        };
        return if members(before) != members(after) {
            said(lang, "Medlemmer ændret", "Members changed", "forum.toml")
        } else {
            said(
                lang,
                "Forummets indstillinger ændret",
                "Forum settings changed",
                "forum.toml",
            )
        };
    }
    let year = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|_| rel.starts_with("calendar"));
    let Some(year) = year else {
        return said(lang, "Fil ændret", "File changed", &name);
    };
    let (b, a) = (parse(before.unwrap_or("")), parse(after.unwrap_or("")));
    let (da, en) = if b.get("moves") != a.get("moves") {
        ("Møde flyttet i mødeplanen", "Meeting moved in the plan")
    } else if b.get("meetings") != a.get("meetings") {
        ("Mødeplanen ændret", "Meeting plan changed")
    } else if b.get("events") != a.get("events") {
        ("Begivenhed ændret", "Event changed")
    } else if b.get("deadlines") != a.get("deadlines") {
        ("Frist ændret", "Deadline changed")
    } else {
        ("Mødeplanen ændret", "Meeting plan changed")
    };
    let plan = match lang {
        Lang::Da => format!("mødeplan {year}"),
        Lang::En => format!("meeting plan {year}"),
    };
    said(lang, da, en, &plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const MEETING: &str = "body = \"sdf\"\ntitle = \"Møde\"\ndate = 2018-02-09\nstatus = \"held\"\n\n[[items]]\nnumber = 4\ntitle = \"Mødeplan\"\n\n[items.recommendation]\nclauses = [\"a\", \"b\"]\n\n[[items.decision.clauses]]\noutcome = \"approved\"\ntext = \"A.\"\n";

    fn forum() -> Forum {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("forum.toml"),
            "name = \"F\"\n[[bodies]]\nid = \"sdf\"\nname = \"Socialdirektørforum\"\nshort = \"SDF\"\n",
        )
        .unwrap();
        crate::archive::Archive::load(dir.path()).unwrap().forum
    }

    fn written(before: &str, after: &str) -> Written {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("2018")).unwrap();
        let rel = Path::new("2018/2018-02-09-sdf.toml");
        std::fs::write(dir.path().join(rel), before).unwrap();
        let mut store = Store::open(dir.path(), |_, _| Ok(()));
        store.record_writes();
        store
            .apply("x", vec![(rel.to_path_buf(), Some(after.to_owned()))])
            .unwrap();
        store.take_written().remove(0)
    }

    #[test]
    fn a_decision_in_one_clause_names_the_item_and_the_clause() {
        let after = format!(
            "{MEETING}\n[[items.decision.clauses]]\noutcome = \"rejected\"\ntext = \"Nej.\"\n"
        );
        let w = written(MEETING, &after);
        assert_eq!(
            message(&w, &forum(), Lang::Da),
            "Beslutning registreret: SDF 9. februar 2018, punkt 4 (b)"
        );
        assert_eq!(
            message(&w, &forum(), Lang::En),
            "Decision recorded: SDF 9 February 2018, item 4 (b)"
        );
    }

    #[test]
    fn a_hostile_body_name_gives_one_clean_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("forum.toml"),
            "name = \"F\"\n[[bodies]]\nid = \"sdf\"\nname = \"S\"\nshort = \"S\\u001b]0;pwn\\u0007\\nDF\"\n",
        )
        .unwrap();
        let forum = crate::archive::Archive::load(dir.path()).unwrap().forum;
        assert!(forum.body_short(&"sdf".parse().unwrap()).contains('\u{1b}'));
        let after = MEETING.replace("title = \"Mødeplan\"", "title = \"Mødeplan 2018\"");
        let m = message(&written(MEETING, &after), &forum, Lang::Da);
        assert!(!m.chars().any(char::is_control), "{m:?}");
        assert!(m.starts_with("Titel ændret: S"), "{m:?}");
    }

    #[test]
    fn a_title_and_an_undo_are_said_so() {
        let after = MEETING.replace("title = \"Mødeplan\"", "title = \"Mødeplan 2018\"");
        let mut w = written(MEETING, &after);
        assert_eq!(
            message(&w, &forum(), Lang::Da),
            "Titel ændret: SDF 9. februar 2018, punkt 4"
        );
        w.undone = true;
        assert_eq!(
            message(&w, &forum(), Lang::Da),
            "Fortrudt: Titel ændret: SDF 9. februar 2018, punkt 4"
        );
    }
}
