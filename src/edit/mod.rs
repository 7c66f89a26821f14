//! Changes to a meeting file, made field by field on the file as the user wrote it
//! (toml_edit): comments, blank lines, key order and quoting elsewhere stay as they were.
//! Each function is one change; `crate::store::Store::edit` runs it and saves the result.
//! Nothing here reads the clock or touches the disk.

pub mod calendar;
pub mod details;
pub mod followup;
pub mod forum;
pub mod new_meeting;
pub mod past_tense;
mod positions;

pub(crate) use positions::reorder_items;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::lang::Said;
use crate::model::{ItemKind, ItemNo, MeetingStatus, Outcome, Person};
use crate::said;

pub type EditResult = Result<(), Said>;

fn no_item_at(index: usize) -> Said {
    let n = index + 1;
    said!("der er intet punkt på plads {n}"; "there is no item at position {n}")
}

/// A field written as an inline table or array, which these edits do not rewrite.
pub(crate) fn written_inline(key: &str) -> Said {
    said!(
        "`{key}` er skrevet på én linje; ret det i en editor";
        "`{key}` is written inline; edit it in an editor"
    )
}

/// Sets `key` in `table` to `value`, keeping the comments above the key and the decor
/// (spacing, trailing comment) of the value it replaces.
pub(crate) fn set(table: &mut Table, key: &str, value: impl Into<Value>) {
    let mut value = value.into();
    match table.get_mut(key) {
        // Replaced in place: the key, with the comment lines above it, stays.
        Some(old) => {
            if let Some(old_value) = old.as_value() {
                *value.decor_mut() = old_value.decor().clone();
            }
            *old = Item::Value(value);
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Sets a text field, or removes it when the text is empty.
pub(crate) fn set_text(table: &mut Table, key: &str, text: &str) {
    if text.trim().is_empty() {
        table.remove(key);
    } else {
        set(table, key, normalise_newlines(text));
    }
}

/// Multi-line text is written with a final newline, so that `"""` closes on its own line.
pub fn normalise_newlines(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let trimmed = text.trim_end();
    if trimmed.contains('\n') {
        format!("{trimmed}\n")
    } else {
        trimmed.to_owned()
    }
}

/// A date as TOML writes it: `2018-02-09`, no quotes.
pub fn toml_date(date: chrono::NaiveDate) -> toml_edit::Datetime {
    use chrono::Datelike;
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// A time of day as TOML writes it (`09:00:00`).
pub fn toml_time(time: chrono::NaiveTime) -> toml_edit::Datetime {
    use chrono::Timelike;
    toml_edit::Datetime {
        date: None,
        time: Some(toml_edit::Time {
            hour: time.hour() as u8,
            minute: time.minute() as u8,
            second: Some(time.second() as u8),
            nanosecond: None,
        }),
        offset: None,
    }
}

pub fn set_status(doc: &mut DocumentMut, status: MeetingStatus) -> EditResult {
    set(doc.as_table_mut(), "status", status.key());
    Ok(())
}

pub(crate) fn items(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables, Said> {
    if doc.get("items").is_none() {
        doc.insert("items", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc.get_mut("items")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| {
            said!(
                "`items` er ikke skrevet som [[items]]-tabeller; ret det i en editor";
                "`items` is not written as [[items]] tables; edit it in an editor"
            )
        })
}

pub(crate) fn item(doc: &mut DocumentMut, index: usize) -> Result<&mut Table, Said> {
    items(doc)?.get_mut(index).ok_or_else(|| no_item_at(index))
}

/// The main number of an item (3 for `3`, `"3a"` and `"3.1"`).
fn number_of(table: &Table) -> Option<i64> {
    item_no_of(table).map(|n| i64::from(n.main()))
}

/// The item's number as written: `number = 3`, or a sub-item `number = "3a"`.
pub(crate) fn item_no_of(table: &Table) -> Option<ItemNo> {
    match table.get("number")?.as_value()? {
        Value::Integer(n) => u32::try_from(*n.value()).ok().map(ItemNo::from),
        Value::String(s) => s.value().parse().ok(),
        _ => None,
    }
}

/// Writes a number as the file writes it: a main item as a number, a sub-item in quotes.
pub(crate) fn set_number(table: &mut Table, number: &ItemNo) {
    if number.is_sub() {
        set(table, "number", number.to_string());
    } else {
        set(table, "number", i64::from(number.main()));
    }
}

/// The longest title an item may be given: a title names the item in lists and headings;
/// a page of text belongs in its background.
pub const MAX_TITLE_CHARS: usize = 1_000;

fn check_title(title: &str) -> EditResult {
    let n = title.chars().count();
    if n > MAX_TITLE_CHARS {
        return Err(said!(
            "en titel er højst {MAX_TITLE_CHARS} tegn (denne er {n}); skriv resten i baggrunden";
            "a title is at most {MAX_TITLE_CHARS} characters (this one is {n}); put the rest in the background"
        ));
    }
    Ok(())
}

/// Sets the title. Only a closed item may have none: its content is not published, and
/// the minutes show it as "Lukket punkt".
pub fn set_item_title(doc: &mut DocumentMut, index: usize, title: &str) -> EditResult {
    let title = title.trim();
    check_title(title)?;
    let table = item(doc, index)?;
    if title.is_empty() {
        let closed = table.get("closed").and_then(Item::as_bool) == Some(true);
        if !closed {
            return Err(said!(
                "et punkt skal have en titel; kun et lukket punkt må være uden";
                "an item needs a title; only a closed item may leave it out"
            ));
        }
        table.remove("title");
        return Ok(());
    }
    set(table, "title", title);
    Ok(())
}

pub fn set_item_kind(doc: &mut DocumentMut, index: usize, kind: ItemKind) -> EditResult {
    set(item(doc, index)?, "kind", kind.key());
    Ok(())
}

/// Marks an item closed (*lukket punkt*), or open again by removing the key.
pub fn set_item_closed(doc: &mut DocumentMut, index: usize, closed: bool) -> EditResult {
    let table = item(doc, index)?;
    if closed {
        set(table, "closed", true);
    } else {
        let titled = table
            .get("title")
            .and_then(Item::as_str)
            .is_some_and(|t| !t.trim().is_empty());
        if !titled {
            return Err(said!(
                "giv først punktet en titel (r): et åbent punkt skal have en";
                "give the item its title first (r): an open item needs one"
            ));
        }
        table.remove("closed");
    }
    Ok(())
}

/// Sets `background` or `presenter`.
pub fn set_item_text(doc: &mut DocumentMut, index: usize, key: &str, text: &str) -> EditResult {
    set_text(item(doc, index)?, key, text);
    Ok(())
}

/// A fresh item table. It gets the separator comment of the item before it when that is
/// only a rule (such as `# -----`), so new items look like the rest of the file.
fn new_item_table(number: i64, title: &str, kind: ItemKind, like: Option<&Table>) -> Table {
    let mut table = Table::new();
    table.insert("number", toml_edit::value(number));
    table.insert("title", toml_edit::value(title.trim()));
    table.insert("kind", toml_edit::value(kind.key()));
    let prefix = like
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| is_rule_only(p))
        .map_or_else(|| "\n".to_owned(), str::to_owned);
    table.decor_mut().set_prefix(prefix);
    table
}

fn is_rule_only(prefix: &str) -> bool {
    prefix.lines().all(|line| {
        let line = line.trim();
        line.is_empty()
            || line
                .strip_prefix('#')
                .is_some_and(|rest| rest.trim().chars().all(|c| "-=*#~_ ".contains(c)))
    })
}

/// Adds an item at `at` (0 = first). It takes the number after the item before it, and the
/// items after it move up a number where they would otherwise collide.
pub fn add_item(
    doc: &mut DocumentMut,
    at: usize,
    title: &str,
    kind: ItemKind,
) -> Result<i64, Said> {
    if title.trim().is_empty() {
        return Err(said!("et punkt skal have en titel"; "an item needs a title"));
    }
    check_title(title.trim())?;
    let items = items(doc)?;
    let at = at.min(items.len());
    // First in a meeting whose numbers run on from earlier meetings (112, 113 …), a new
    // item takes the first number and the others move up.
    let number = match at {
        0 => items.get(0).and_then(number_of).unwrap_or(1),
        _ => items.get(at - 1).and_then(number_of).unwrap_or(at as i64) + 1,
    };
    let table = new_item_table(number, title, kind, items.get(at.saturating_sub(1)));
    items.insert(at, table);
    let mut previous = number;
    for i in at + 1..items.len() {
        let table = items.get_mut(i).expect("index within len");
        match item_no_of(table) {
            Some(n) if i64::from(n.main()) > previous => break,
            // A sub-item moves up with its main item.
            Some(n) if n.is_sub() => {
                set_number(table, &n.with_main(u32::try_from(previous).unwrap_or(0)));
            }
            _ => {
                previous += 1;
                set(table, "number", previous);
            }
        }
    }
    positions::reorder_items(doc);
    Ok(number)
}

pub fn delete_item(doc: &mut DocumentMut, index: usize) -> EditResult {
    let items = items(doc)?;
    if index >= items.len() {
        return Err(no_item_at(index));
    }
    items.remove(index);
    Ok(())
}

/// Moves an item one place up or down. The numbers stay with the places, so the moved item
/// takes its neighbour's number and the neighbour takes its.
pub fn move_item(doc: &mut DocumentMut, index: usize, up: bool) -> Result<usize, Said> {
    let items = items(doc)?;
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    let Some(other) = other.filter(|o| *o < items.len() && index < items.len()) else {
        return Err(said!("punktet kan ikke flyttes længere"; "the item cannot move further"));
    };
    let (low, high) = (index.min(other), index.max(other));
    let mut a = items.remove(high);
    let mut b = items.remove(low);
    let (na, nb) = (item_no_of(&a), item_no_of(&b));
    if let (Some(na), Some(nb)) = (na, nb) {
        set_number(&mut a, &nb);
        set_number(&mut b, &na);
    }
    // The separator comments belong to the places too.
    let (da, db) = (a.decor().clone(), b.decor().clone());
    *a.decor_mut() = db;
    *b.decor_mut() = da;
    items.insert(low, a);
    items.insert(high, b);
    positions::reorder_items(doc);
    Ok(other)
}

/// Numbers the items one after another from the first item's number: 1, 2, 3 … in a
/// meeting that starts at 1, 112, 113 … where a committee numbers its items through the year.
pub fn renumber(doc: &mut DocumentMut) -> EditResult {
    let first = items(doc)?.get(0).and_then(number_of).unwrap_or(1);
    renumber_from(doc, first)
}

/// Numbers the items one after another from `first`; a sub-item (3a, 3.1) keeps its style
/// under the number its main item gets.
pub fn renumber_from(doc: &mut DocumentMut, first: i64) -> EditResult {
    let mut next = u32::try_from(first).unwrap_or(1);
    let mut current: Option<u32> = None;
    for table in items(doc)?.iter_mut() {
        let old = item_no_of(table);
        let new = match &old {
            Some(n) if n.is_sub() => n.with_main(current.unwrap_or(next)),
            _ => {
                current = Some(next);
                next += 1;
                ItemNo::from(current.unwrap_or(next))
            }
        };
        if old.as_ref() != Some(&new) {
            set_number(table, &new);
        }
    }
    Ok(())
}

/// A sub-table of an item (`recommendation`, `decision`), created when missing.
pub(crate) fn sub_table<'a>(table: &'a mut Table, key: &str) -> Result<&'a mut Table, Said> {
    if table.get(key).is_none() {
        let mut sub = Table::new();
        sub.set_implicit(false);
        table.insert(key, Item::Table(sub));
    }
    table
        .get_mut(key)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| written_inline(key))
}

fn string_array(lines: &[String]) -> Array {
    let mut array = Array::new();
    for line in lines {
        let mut v = Value::from(normalise_newlines(line));
        v.decor_mut().set_prefix("\n  ");
        array.push_formatted(v);
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    array
}

/// Sets the recommendation's lead-in and clauses.
/// `style`: the clause markers the user typed; `None` keeps the file's (or none).
pub fn set_recommendation(
    doc: &mut DocumentMut,
    index: usize,
    lead: &str,
    clauses: &[String],
    style: Option<crate::model::ClauseStyle>,
) -> EditResult {
    let table = item(doc, index)?;
    if lead.trim().is_empty() && clauses.is_empty() {
        table.remove("recommendation");
        return Ok(());
    }
    let rec = sub_table(table, "recommendation")?;
    set_text(rec, "lead", lead);
    if let Some(style) = style {
        set(rec, "style", style.key());
    }
    if clauses.is_empty() {
        rec.remove("clauses");
    } else {
        let mut array = string_array(clauses);
        if let Some(old) = rec.get("clauses").and_then(Item::as_value) {
            *array.decor_mut() = old.decor().clone();
        }
        rec.insert("clauses", Item::Value(Value::Array(array)));
    }
    Ok(())
}

fn decision_clauses(table: &mut Table) -> Result<&mut ArrayOfTables, Said> {
    if table.get("decision").is_none() {
        // Only `[[items.decision.clauses]]` is written, without an empty `[items.decision]`.
        let mut decision = Table::new();
        decision.set_implicit(true);
        table.insert("decision", Item::Table(decision));
    }
    tables(sub_table(table, "decision")?, "clauses")
}

/// Records the decision on recommendation clause `clause` (0-based). A decision clause
/// answers the recommendation clause at the same position, so the clauses before it must
/// be decided first.
pub fn set_decision_clause(
    doc: &mut DocumentMut,
    index: usize,
    clause: usize,
    outcome: Outcome,
    text: &str,
) -> EditResult {
    let table = item(doc, index)?;
    let clauses = decision_clauses(table)?;
    if clause > clauses.len() {
        let letter = clause_letter(clauses.len());
        return Err(said!(
            "led {letter} er ikke besluttet endnu; beslut leddene i rækkefølge";
            "clause {letter} is not decided yet; decide the clauses in order"
        ));
    }
    if clause == clauses.len() {
        let mut t = Table::new();
        t.insert("outcome", toml_edit::value(outcome.key()));
        t.insert("text", toml_edit::value(normalise_newlines(text)));
        t.decor_mut().set_prefix("\n");
        clauses.push(t);
    } else {
        let t = clauses.get_mut(clause).expect("checked above");
        set(t, "outcome", outcome.key());
        set_text(t, "text", text);
    }
    positions::reorder_items(doc);
    Ok(())
}

pub use crate::model::meeting::clause_letter;

/// Sets the decision's overall text (for an item decided without clauses) or its remarks.
pub fn set_decision_text(doc: &mut DocumentMut, index: usize, key: &str, text: &str) -> EditResult {
    let table = item(doc, index)?;
    if text.trim().is_empty() && table.get("decision").is_none() {
        return Ok(());
    }
    let decision = sub_table(table, "decision")?;
    set_text(decision, key, text);
    if decision.is_empty() {
        table.remove("decision");
    }
    positions::reorder_items(doc);
    Ok(())
}

/// What a follow-up created from a decision holds.
#[derive(Debug, Clone)]
pub struct NewFollowup {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub reports_to: Option<String>,
    /// The due as written in the file: e.g. `{ kind = "date", date = 2018-02-09 }`.
    pub due: InlineTable,
}

/// An array of tables in `table` (`[[items.followups]]`, …), created when missing.
fn tables<'a>(table: &'a mut Table, key: &str) -> Result<&'a mut ArrayOfTables, Said> {
    if table.get(key).is_none() {
        table.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    table
        .get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| written_inline(key))
}

pub fn add_followup(doc: &mut DocumentMut, index: usize, followup: NewFollowup) -> EditResult {
    let list = tables(item(doc, index)?, "followups")?;
    let mut t = Table::new();
    t.insert("id", toml_edit::value(followup.id));
    t.insert("what", toml_edit::value(followup.what.trim()));
    if !followup.owner.trim().is_empty() {
        t.insert("owner", toml_edit::value(followup.owner.trim()));
    }
    if let Some(body) = followup.reports_to {
        t.insert("reports_to", toml_edit::value(body));
    }
    t.insert("due", toml_edit::value(followup.due));
    t.decor_mut().set_prefix("\n");
    list.push(t);
    positions::reorder_items(doc);
    Ok(())
}

pub fn add_attachment(doc: &mut DocumentMut, index: usize, title: &str, path: &str) -> EditResult {
    let list = tables(item(doc, index)?, "attachments")?;
    let mut t = Table::new();
    if !title.trim().is_empty() {
        t.insert("title", toml_edit::value(title.trim()));
    }
    t.insert("path", toml_edit::value(path));
    t.decor_mut().set_prefix("\n");
    list.push(t);
    positions::reorder_items(doc);
    Ok(())
}

/// Which attendance list a person is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceList {
    Participants,
    Apologies,
    Guests,
    GuestApologies,
}

impl AttendanceList {
    pub const ALL: [AttendanceList; 4] = [
        AttendanceList::Participants,
        AttendanceList::Apologies,
        AttendanceList::Guests,
        AttendanceList::GuestApologies,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AttendanceList::Participants => "participants",
            AttendanceList::Apologies => "apologies",
            AttendanceList::Guests => "guests",
            AttendanceList::GuestApologies => "guest_apologies",
        }
    }
}

pub(crate) fn person_value(person: &Person) -> Value {
    let mut t = InlineTable::new();
    t.insert("name", person.name.trim().into());
    if let Some(org) = person
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        t.insert("organisation", org.trim().into());
    }
    Value::InlineTable(t)
}

/// Puts `person` on `list` and off the other lists of the same kind (a member is either
/// present or has sent apologies; `None` takes them off both).
pub fn set_attendance(
    doc: &mut DocumentMut,
    person: &Person,
    list: Option<AttendanceList>,
    guest: bool,
) -> EditResult {
    if doc.get("attendance").is_none() {
        let mut t = Table::new();
        t.set_position(Some(0));
        t.decor_mut().set_prefix("\n");
        doc.insert("attendance", Item::Table(t));
    }
    let attendance = doc
        .get_mut("attendance")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| written_inline("attendance"))?;
    let pair = if guest {
        [AttendanceList::Guests, AttendanceList::GuestApologies]
    } else {
        [AttendanceList::Participants, AttendanceList::Apologies]
    };
    for l in pair {
        let Some(array) = attendance.get_mut(l.key()).and_then(Item::as_array_mut) else {
            continue;
        };
        array.retain(|v| {
            v.as_inline_table()
                .and_then(|t| t.get("name"))
                .and_then(Value::as_str)
                .is_none_or(|n| n.trim() != person.name.trim())
        });
    }
    if let Some(list) = list {
        if attendance.get(list.key()).is_none() {
            attendance.insert(list.key(), toml_edit::value(Array::new()));
        }
        let array = attendance
            .get_mut(list.key())
            .and_then(Item::as_array_mut)
            .ok_or_else(|| {
                let key = list.key();
                said!(
                    "`{key}` er ikke en liste; ret det i en editor";
                    "`{key}` is not a list; edit it in an editor"
                )
            })?;
        array.push_formatted(person_value(person));
        array.fmt();
    }
    for l in pair {
        if attendance
            .get(l.key())
            .and_then(Item::as_array)
            .is_some_and(Array::is_empty)
        {
            attendance.remove(l.key());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
