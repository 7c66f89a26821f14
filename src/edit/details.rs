//! The fields that published minutes carry beside the main texts, edited as one short form
//! of `Label: value` lines: an item's case data, summary, recommending party, decision
//! heading and attendance; a meeting's publication dates, source page, order of items and
//! joint bodies. The form is written and read in the screen's language, and either
//! language's labels are understood.

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::{EditResult, item, normalise_newlines, person_value, positions, set, set_text};
use crate::lang::{Lang, Said};
use crate::model::{Forum, Item as MeetingItem, ItemNo, Meeting, Party, Person};
use crate::said;

/// One field of a form: its key in the form's parse, and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    CaseNumber,
    CaseOfficer,
    CaseType,
    Authority,
    Route,
    RecommendedBy,
    Presenter,
    Tags,
    DecisionHeading,
    Absent,
    Guests,
    Summary,
    Title,
    Place,
    Start,
    End,
    AgendaPublished,
    MinutesPublished,
    Source,
    Order,
    JointWith,
    Cancelled,
    Note,
    Theme,
    AgendaApproval,
    RunningNumbers,
}

impl Field {
    const ITEM: [Field; 13] = [
        Field::Number,
        Field::CaseNumber,
        Field::CaseOfficer,
        Field::CaseType,
        Field::Authority,
        Field::Route,
        Field::RecommendedBy,
        Field::Presenter,
        Field::Tags,
        Field::DecisionHeading,
        Field::Absent,
        Field::Guests,
        Field::Summary,
    ];

    const PLANNED: [Field; 3] = [Field::Cancelled, Field::JointWith, Field::Note];

    const EVENT: [Field; 2] = [Field::Theme, Field::Note];

    const BODY: [Field; 2] = [Field::AgendaApproval, Field::RunningNumbers];

    const MEETING: [Field; 9] = [
        Field::Title,
        Field::Place,
        Field::Start,
        Field::End,
        Field::AgendaPublished,
        Field::MinutesPublished,
        Field::Source,
        Field::Order,
        Field::JointWith,
    ];

    fn label(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Field::Number => ("Nummer", "Number"),
            Field::CaseNumber => ("Sagsnr.", "Case no."),
            Field::CaseOfficer => ("Sagsbehandler", "Case officer"),
            Field::CaseType => ("Sagstype", "Case type"),
            Field::Authority => ("Beslutningskompetence", "Decided by"),
            Field::Route => ("Sagsgang", "Case route"),
            Field::RecommendedBy => ("Indstillet af", "Recommended by"),
            Field::Presenter => ("Fremlægges af", "Presented by"),
            Field::Tags => ("Emner", "Tags"),
            Field::Title => ("Titel", "Title"),
            Field::Place => ("Sted", "Place"),
            Field::Start => ("Begynder", "Starts"),
            Field::End => ("Slutter", "Ends"),
            Field::DecisionHeading => ("Beslutningens overskrift", "Decision heading"),
            Field::Absent => ("Fraværende", "Absent"),
            Field::Guests => ("Deltog under punktet", "Attended for this item"),
            Field::Summary => ("Resume", "Summary"),
            Field::AgendaPublished => ("Dagsorden udgivet", "Agenda published"),
            Field::MinutesPublished => ("Referat udgivet", "Minutes published"),
            Field::Source => ("Kilde", "Source"),
            Field::Order => ("Rækkefølge", "Order taken"),
            Field::JointWith => ("Fælles møde med", "Joint meeting with"),
            Field::Cancelled => ("Aflyst", "Cancelled"),
            Field::Note => ("Bemærkning", "Note"),
            Field::Theme => ("Tema", "Theme"),
            Field::AgendaApproval => (
                "Nye møder begynder med godkendelse af dagsorden",
                "New meetings begin with approval of the agenda",
            ),
            Field::RunningNumbers => (
                "Punktnumre løber videre gennem året",
                "Item numbers run on through the year",
            ),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// Splits a form into its fields. A line that starts with a known label (either
/// language, any case) begins that field; any other line continues the field before it,
/// so a summary may run over several lines. Text before the first label is refused.
fn parse_form(text: &str, fields: &[Field]) -> Result<Vec<(Field, String)>, Said> {
    let mut out: Vec<(Field, String)> = Vec::new();
    for line in text.lines() {
        let started = fields.iter().find_map(|f| {
            [Lang::Da, Lang::En].into_iter().find_map(|lang| {
                let label = f.label(lang);
                let head = line.get(..label.len())?;
                let rest = line[label.len()..].strip_prefix(':')?;
                head.eq_ignore_ascii_case(label)
                    .then(|| (*f, rest.trim().to_owned()))
            })
        });
        match (started, out.last_mut()) {
            (Some((field, value)), _) => {
                if out.iter().any(|(f, _)| *f == field) {
                    return Err(said!(
                        "«{}» står to gange", field.label(Lang::Da);
                        "\"{}\" is there twice", field.label(Lang::En)
                    ));
                }
                out.push((field, value));
            }
            (None, Some((_, value))) => {
                if !value.is_empty() || !line.trim().is_empty() {
                    value.push('\n');
                    value.push_str(line.trim_end());
                }
            }
            (None, None) if line.trim().is_empty() => {}
            (None, None) => {
                let line = line.trim();
                return Err(said!(
                    "«{line}» hører ikke til et felt: begynd linjen med fx «{}:»", fields[0].label(Lang::Da);
                    "\"{line}\" belongs to no field: begin the line with e.g. \"{}:\"", fields[0].label(Lang::En)
                ));
            }
        }
    }
    for (_, value) in &mut out {
        *value = value.trim().to_owned();
    }
    Ok(out)
}

fn value_of(fields: &[(Field, String)], field: Field) -> Option<&str> {
    fields
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, v)| v.as_str())
}

/// "Name, Organisation; Name" → people.
fn people(text: &str) -> Vec<Person> {
    text.split(';')
        .filter_map(|p| {
            let (name, org) = match p.split_once(',') {
                Some((n, o)) => (n.trim(), Some(o.trim()).filter(|o| !o.is_empty())),
                None => (p.trim(), None),
            };
            (!name.is_empty()).then(|| Person {
                name: name.to_owned(),
                organisation: org.map(str::to_owned),
            })
        })
        .collect()
}

fn people_text(people: &[Person]) -> String {
    people
        .iter()
        .map(Person::line)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A party as the form writes it: a body of the archive by its id, anyone else by name.
fn party_text(p: &Party) -> String {
    p.as_written().to_owned()
}

/// A typed party: a body's id or name (either gives its id), else a name outside the
/// archive. A lowercase word that is no body's id is refused: it is likely a typo.
fn party(forum: &Forum, text: &str) -> Result<String, Said> {
    let text = text.trim();
    if let Some(b) = forum
        .bodies
        .iter()
        .find(|b| b.id.as_str() == text || b.name.eq_ignore_ascii_case(text) || b.short == text)
    {
        return Ok(b.id.to_string());
    }
    if text.parse::<crate::model::BodyId>().is_ok() {
        let ids = forum.body_ids().join(", ");
        return Err(said!(
            "«{text}» er ikke et organ i forum.toml ({ids}); skriv et navn uden for arkivet med stort, fx «Kommunalbestyrelsen»";
            "\"{text}\" is not a body in forum.toml ({ids}); write a name outside the archive with a capital, e.g. \"Kommunalbestyrelsen\""
        ));
    }
    Ok(text.to_owned())
}

fn parties(forum: &Forum, text: &str) -> Result<Vec<String>, Said> {
    text.split(['→', '>', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| party(forum, s))
        .collect()
}

fn string_list(values: &[String]) -> Array {
    let mut a = Array::new();
    for v in values {
        a.push(v.as_str());
    }
    a
}

fn people_list(people: &[Person]) -> Array {
    let mut a = Array::new();
    for p in people {
        a.push_formatted(person_value(p));
    }
    a.fmt();
    a
}

/// Sets or removes `key`: a text, or (for `Some(list)`) an array.
fn set_or_remove(table: &mut Table, key: &str, value: Option<Value>) {
    match value {
        Some(v) => set(table, key, v),
        None => {
            table.remove(key);
        }
    }
}

/// A sub-table (`case`, `attendance`) with its values set; removed when left empty.
fn sub_with(table: &mut Table, key: &str, values: Vec<(&str, Option<Value>)>) -> EditResult {
    if values.iter().all(|(_, v)| v.is_none()) && table.get(key).is_none() {
        return Ok(());
    }
    let sub = super::sub_table(table, key)?;
    for (k, v) in values {
        set_or_remove(sub, k, v);
    }
    if sub.is_empty() {
        table.remove(key);
    }
    Ok(())
}

fn text_value(text: Option<&str>) -> Option<Value> {
    text.filter(|t| !t.is_empty())
        .map(|t| Value::from(normalise_newlines(t)))
}

// ---- an item -------------------------------------------------------------------------------

/// The item's form, filled in.
pub fn item_form(item: &MeetingItem, lang: Lang) -> String {
    let c = &item.case;
    let route: Vec<String> = c.route.iter().map(party_text).collect();
    let values = [
        (Field::Number, item.number.to_string()),
        (Field::CaseNumber, c.number.clone().unwrap_or_default()),
        (Field::CaseOfficer, c.officer.clone().unwrap_or_default()),
        (Field::CaseType, c.case_type.clone().unwrap_or_default()),
        (Field::Authority, c.authority.clone().unwrap_or_default()),
        (Field::Route, route.join(" → ")),
        (
            Field::RecommendedBy,
            item.recommendation
                .as_ref()
                .and_then(|r| r.by.as_ref())
                .map(party_text)
                .unwrap_or_default(),
        ),
        (Field::Presenter, item.presenter.clone().unwrap_or_default()),
        (Field::Tags, item.tags.join(", ")),
        (
            Field::DecisionHeading,
            item.decision
                .as_ref()
                .and_then(|d| d.heading.clone())
                .unwrap_or_default(),
        ),
        (Field::Absent, people_text(&item.attendance.absent)),
        (Field::Guests, people_text(&item.attendance.guests)),
        (Field::Summary, item.summary.trim().to_owned()),
    ];
    form_text(&values, lang)
}

fn form_text(values: &[(Field, String)], lang: Lang) -> String {
    let mut out = String::new();
    for (field, value) in values {
        let label = field.label(lang);
        if value.is_empty() {
            out.push_str(&format!("{label}: \n"));
        } else {
            out.push_str(&format!("{label}: {value}\n"));
        }
    }
    out
}

/// Writes the item's form to the item at `index`; fields left empty are removed. `others`
/// are the numbers of the meeting's other items: a new number must differ from them.
pub fn set_item_form(
    doc: &mut DocumentMut,
    index: usize,
    forum: &Forum,
    others: &[ItemNo],
    text: &str,
) -> EditResult {
    let fields = parse_form(text, &Field::ITEM)?;
    let v = |f| value_of(&fields, f);
    let number = match v(Field::Number).filter(|n| !n.is_empty()) {
        None => None,
        Some(n) => {
            let n: ItemNo = n.parse().map_err(|_| {
                said!(
                    "«{n}» er ikke et punktnummer; skriv fx 3, 3a eller 3.1";
                    "\"{n}\" is not an item number; write e.g. 3, 3a or 3.1"
                )
            })?;
            if others.contains(&n) {
                return Err(said!(
                    "mødet har allerede et punkt {n}";
                    "the meeting has an item {n} already"
                ));
            }
            Some(n)
        }
    };
    let route = v(Field::Route).map(|r| parties(forum, r)).transpose()?;
    let by = v(Field::RecommendedBy)
        .filter(|b| !b.is_empty())
        .map(|b| party(forum, b))
        .transpose()?;
    let table = item(doc, index)?;
    sub_with(
        table,
        "case",
        vec![
            ("number", text_value(v(Field::CaseNumber))),
            ("officer", text_value(v(Field::CaseOfficer))),
            ("type", text_value(v(Field::CaseType))),
            ("authority", text_value(v(Field::Authority))),
            (
                "route",
                route
                    .filter(|r| !r.is_empty())
                    .map(|r| Value::Array(string_list(&r))),
            ),
        ],
    )?;
    match (&by, table.get("recommendation").is_some()) {
        (_, true) => {
            let rec = super::sub_table(table, "recommendation")?;
            set_or_remove(rec, "by", by.clone().map(Value::from));
        }
        (Some(_), false) => {
            return Err(said!(
                "skriv indstillingen først (i); så kan den, der indstiller, sættes";
                "write the recommendation first (i); then who recommends it can be set"
            ));
        }
        (None, false) => {}
    }
    let heading = text_value(v(Field::DecisionHeading));
    if heading.is_some() || table.get("decision").is_some() {
        let decision = super::sub_table(table, "decision")?;
        set_or_remove(decision, "heading", heading);
        if decision.is_empty() {
            table.remove("decision");
        }
    }
    let list = |f| {
        v(f).map(people)
            .filter(|p| !p.is_empty())
            .map(|p| Value::Array(people_list(&p)))
    };
    sub_with(
        table,
        "attendance",
        vec![
            ("absent", list(Field::Absent)),
            ("guests", list(Field::Guests)),
        ],
    )?;
    set_text(table, "summary", v(Field::Summary).unwrap_or(""));
    // Presenter and tags change only where the form has their lines.
    if v(Field::Presenter).is_some() {
        set_or_remove(table, "presenter", text_value(v(Field::Presenter)));
    }
    if let Some(tags) = v(Field::Tags) {
        let tags: Vec<String> = tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        set_or_remove(
            table,
            "tags",
            (!tags.is_empty()).then(|| Value::Array(string_list(&tags))),
        );
    }
    if let Some(new) = number {
        let old = super::item_no_of(table);
        if old.as_ref() != Some(&new) {
            super::set_number(table, &new);
            // The order taken names the item by its number: it follows.
            if let (Some(old), Some(order)) =
                (old, doc.get_mut("order").and_then(Item::as_array_mut))
            {
                for v in order.iter_mut() {
                    let named = match v {
                        Value::Integer(i) => old == u32::try_from(*i.value()).unwrap_or(0),
                        Value::String(s) => s.value().parse::<ItemNo>().ok().as_ref() == Some(&old),
                        _ => false,
                    };
                    if named {
                        let decor = v.decor().clone();
                        *v = if new.is_sub() {
                            Value::from(new.to_string())
                        } else {
                            Value::from(i64::from(new.main()))
                        };
                        *v.decor_mut() = decor;
                    }
                }
            }
        }
    }
    positions::reorder_items(doc);
    Ok(())
}

// ---- a meeting -----------------------------------------------------------------------------

/// The meeting's form, filled in.
pub fn meeting_form(meeting: &Meeting, lang: Lang) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let order: Vec<String> = meeting.order.iter().map(ToString::to_string).collect();
    let with: Vec<String> = meeting.with.iter().map(party_text).collect();
    let time = |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H.%M").to_string());
    let values = [
        (Field::Title, meeting.title.clone()),
        (Field::Place, meeting.place.clone()),
        (Field::Start, time(meeting.start).unwrap_or_default()),
        (Field::End, time(meeting.end).unwrap_or_default()),
        (
            Field::AgendaPublished,
            date(meeting.agenda_published).unwrap_or_default(),
        ),
        (
            Field::MinutesPublished,
            date(meeting.published).unwrap_or_default(),
        ),
        (Field::Source, meeting.source.clone().unwrap_or_default()),
        (Field::Order, order.join(", ")),
        (Field::JointWith, with.join(", ")),
    ];
    form_text(&values, lang)
}

/// A date as staff type it (`2021-03-05`, `5/3-2021`, `5. marts 2021`), read as every
/// prompt reads it.
fn typed_date(text: &str) -> Result<NaiveDate, Said> {
    crate::model::typed_date::read(text).map_err(|e| e.said())
}

/// A time of day as staff type it: `09.00`, `9:00`, `kl. 9`.
fn typed_time(text: &str) -> Result<chrono::NaiveTime, Said> {
    let t = text.trim().trim_start_matches("kl.").trim();
    let (h, m) = t.split_once(['.', ':']).unwrap_or((t, "0"));
    match (h.trim().parse(), m.trim().parse()) {
        (Ok(h), Ok(m)) => chrono::NaiveTime::from_hms_opt(h, m, 0),
        _ => None,
    }
    .ok_or_else(|| {
        said!(
            "«{t}» er ikke et klokkeslæt; skriv fx 09.00";
            "\"{t}\" is not a time of day; write e.g. 09:00"
        )
    })
}

/// Writes the meeting's form; fields left empty are removed. `numbers` are the meeting's
/// item numbers, which `Rækkefølge` must name each once.
pub fn set_meeting_form(
    doc: &mut DocumentMut,
    forum: &Forum,
    numbers: &[ItemNo],
    text: &str,
) -> EditResult {
    let fields = parse_form(text, &Field::MEETING)?;
    let v = |f| value_of(&fields, f).filter(|t| !t.is_empty());
    let date_value = |f| -> Result<Option<Value>, Said> {
        v(f).map(|t| typed_date(t).map(|d| Value::from(super::toml_date(d))))
            .transpose()
    };
    let agenda = date_value(Field::AgendaPublished)?;
    let minutes = date_value(Field::MinutesPublished)?;
    let source = v(Field::Source).map(str::to_owned);
    if let Some(s) = &source
        && !(s.starts_with("https://") || s.starts_with("http://"))
    {
        return Err(said!(
            "«{s}» er ikke en webadresse; skriv den som https://…";
            "\"{s}\" is not a web address; write it as https://…"
        ));
    }
    let order = match v(Field::Order) {
        None => None,
        Some(t) => {
            let mut seen = Vec::new();
            for part in t.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
                let n: ItemNo = part.trim().parse().map_err(|_| {
                    said!(
                        "«{part}» er ikke et punktnummer";
                        "\"{part}\" is not an item number"
                    )
                })?;
                if !numbers.contains(&n) {
                    return Err(said!("mødet har intet punkt {n}"; "the meeting has no item {n}"));
                }
                if seen.contains(&n) {
                    return Err(said!(
                        "punkt {n} står to gange i rækkefølgen";
                        "item {n} is in the order twice"
                    ));
                }
                seen.push(n);
            }
            Some(seen)
        }
    };
    let with = v(Field::JointWith).map(|w| parties(forum, w)).transpose()?;
    // Title, place and times are changed only where the form has their lines (a form
    // written before they were in it leaves them as they are).
    let given = |f| value_of(&fields, f);
    if given(Field::Title).is_some_and(str::is_empty) {
        return Err(said!(
            "mødet skal have en titel, fx «Møde i Socialdirektørforum»";
            "the meeting needs a title, e.g. \"Møde i Socialdirektørforum\""
        ));
    }
    let start = v(Field::Start).map(typed_time).transpose()?;
    let end = v(Field::End).map(typed_time).transpose()?;
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        return Err(said!(
            "mødet slutter kl. {} men begynder kl. {}: slut skal være efter begyndelse", e.format("%H.%M"), s.format("%H.%M");
            "the meeting ends at {} but begins at {}: the end must be after the beginning", e.format("%H:%M"), s.format("%H:%M")
        ));
    }
    let time_value = |t: Option<chrono::NaiveTime>| t.map(|t| Value::from(super::toml_time(t)));
    let root = doc.as_table_mut();
    if let Some(title) = given(Field::Title) {
        set(root, "title", normalise_newlines(title).replace('\n', " "));
    }
    if given(Field::Place).is_some() {
        set_or_remove(root, "place", v(Field::Place).map(Value::from));
    }
    if given(Field::Start).is_some() {
        set_or_remove(root, "start", time_value(start));
    }
    if given(Field::End).is_some() {
        set_or_remove(root, "end", time_value(end));
    }
    set_or_remove(root, "agenda_published", agenda);
    set_or_remove(root, "published", minutes);
    set_or_remove(root, "source", source.map(Value::from));
    set_or_remove(
        root,
        "order",
        order.filter(|o| !o.is_empty()).map(|o| {
            let mut a = Array::new();
            for n in o {
                match n.is_sub() {
                    false => a.push(i64::from(n.main())),
                    true => a.push(n.to_string()),
                };
            }
            Value::Array(a)
        }),
    );
    set_or_remove(
        root,
        "with",
        with.filter(|w| !w.is_empty())
            .map(|w| Value::Array(string_list(&w))),
    );
    Ok(())
}

// ---- the year plan --------------------------------------------------------------------------

fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (lang, value) {
        (Lang::Da, true) => "ja",
        (Lang::Da, false) => "nej",
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    }
}

fn typed_yes_no(text: &str) -> Result<bool, Said> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" => Ok(true),
        "nej" | "n" | "no" | "false" | "" => Ok(false),
        other => Err(said!(
            "«{other}» er hverken ja eller nej";
            "\"{other}\" is neither yes nor no"
        )),
    }
}

/// A planned meeting's form: cancelled, joint with whom, the plan's note.
pub fn planned_form(planned: &crate::model::PlannedMeeting, lang: Lang) -> String {
    let with: Vec<String> = planned.with.iter().map(party_text).collect();
    form_text(
        &[
            (Field::Cancelled, yes_no(planned.cancelled, lang).to_owned()),
            (Field::JointWith, with.join(", ")),
            (Field::Note, planned.note.trim().to_owned()),
        ],
        lang,
    )
}

/// An event's form: its theme and note (an alternative date, say).
pub fn event_form(event: &crate::model::CalendarEvent, lang: Lang) -> String {
    form_text(
        &[
            (Field::Theme, event.theme.trim().to_owned()),
            (Field::Note, event.note.trim().to_owned()),
        ],
        lang,
    )
}

fn plan_table<'d>(
    doc: &'d mut DocumentMut,
    key: &str,
    matches: impl Fn(&Table) -> bool,
) -> Result<&'d mut Table, Said> {
    doc.get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.iter_mut().find(|t| matches(t)))
        .ok_or_else(|| said!("det står ikke i årets plan"; "it is not in this year's plan"))
}

/// Writes a planned meeting's form to its `[[meetings]]` entry.
pub fn set_planned_form(
    doc: &mut DocumentMut,
    meeting: &crate::model::MeetingId,
    forum: &Forum,
    text: &str,
) -> EditResult {
    let fields = parse_form(text, &Field::PLANNED)?;
    let v = |f| value_of(&fields, f).filter(|t| !t.is_empty());
    let cancelled = typed_yes_no(v(Field::Cancelled).unwrap_or(""))?;
    let with = v(Field::JointWith).map(|w| parties(forum, w)).transpose()?;
    let date = meeting.date.format("%Y-%m-%d").to_string();
    let table = plan_table(doc, "meetings", |t| {
        t.get("body").and_then(Item::as_str) == Some(meeting.body.as_str())
            && t.get("date")
                .and_then(Item::as_datetime)
                .map(ToString::to_string)
                == Some(date.clone())
    })?;
    set_or_remove(table, "cancelled", cancelled.then(|| Value::from(true)));
    set_or_remove(
        table,
        "with",
        with.filter(|w| !w.is_empty())
            .map(|w| Value::Array(string_list(&w))),
    );
    set_text(table, "note", v(Field::Note).unwrap_or(""));
    Ok(())
}

/// Writes an event's form to its `[[events]]` entry.
pub fn set_event_form(doc: &mut DocumentMut, id: &str, text: &str) -> EditResult {
    let fields = parse_form(text, &Field::EVENT)?;
    let v = |f| value_of(&fields, f).unwrap_or("");
    let table = plan_table(doc, "events", |t| {
        t.get("id").and_then(Item::as_str) == Some(id)
    })?;
    set_text(table, "theme", v(Field::Theme));
    set_text(table, "note", v(Field::Note));
    Ok(())
}

/// A body's settings for new meetings, as a form.
pub fn body_form(body: &crate::model::Body, lang: Lang) -> String {
    form_text(
        &[
            (
                Field::AgendaApproval,
                yes_no(body.agenda_approval, lang).to_owned(),
            ),
            (
                Field::RunningNumbers,
                yes_no(body.running_numbers, lang).to_owned(),
            ),
        ],
        lang,
    )
}

/// Writes a body's settings form to its `[[bodies]]` table in forum.toml; a setting that is
/// off is taken out (off is the default).
pub fn set_body_form(doc: &mut DocumentMut, body: &crate::model::BodyId, text: &str) -> EditResult {
    let fields = parse_form(text, &Field::BODY)?;
    let flag = |f| typed_yes_no(value_of(&fields, f).unwrap_or(""));
    let agenda = flag(Field::AgendaApproval)?;
    let running = flag(Field::RunningNumbers)?;
    let table = plan_table(doc, "bodies", |t| {
        t.get("id").and_then(Item::as_str) == Some(body.as_str())
    })
    .map_err(|_| {
        said!(
            "forum.toml har ingen [[bodies]] med id = \"{body}\"";
            "forum.toml has no [[bodies]] with id = \"{body}\""
        )
    })?;
    set_or_remove(table, "agenda_approval", agenda.then(|| Value::from(true)));
    set_or_remove(table, "running_numbers", running.then(|| Value::from(true)));
    Ok(())
}

/// Whether the root table has `key` (for tests and callers that report what changed).
pub fn has_key(doc: &DocumentMut, key: &str) -> bool {
    doc.as_table()
        .get(key)
        .is_some_and(|i| !matches!(i, Item::None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forum() -> Forum {
        let text = "name = \"F\"\n[[bodies]]\nid = \"børn-og-unge\"\nname = \"Udvalget for Børn og Unge\"\nshort = \"BU\"\n";
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("forum.toml"), text).unwrap();
        crate::archive::Archive::load(dir.path()).unwrap().forum
    }

    const MEETING: &str = r#"body = "børn-og-unge"
title = "Referat"
date = 2021-03-12
status = "held"   # kept

[[items]]
number = 113
title = "Budget"
kind = "decision"

[items.recommendation]
lead = "Administrationen indstiller, at"
clauses = ["budgettet godkendes"]
"#;

    #[test]
    fn an_items_form_round_trips_into_the_file() {
        let forum = forum();
        let mut doc: DocumentMut = MEETING.parse().unwrap();
        set_item_form(
            &mut doc,
            0,
            &forum,
            &[],
            "Sagsnr.: 21/1234\nSagsbehandler: Lise Holm\nSagstype: Beslutningssag\nBeslutningskompetence: Kommunalbestyrelsen\nSagsgang: BU → Økonomiudvalget → Kommunalbestyrelsen\nIndstillet af: Administrationen\nBeslutningens overskrift: Beslutning i Udvalget for Børn og Unge den 12-03-2021\nFraværende: Søren Østergaard, V\nDeltog under punktet: Jens Bro, Skolechef\nResume: Merforbrug på 4,2 mio. kr.\nfordelt på to områder.\n",
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains("status = \"held\"   # kept"), "{text}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("forum.toml"), "name = \"F\"\n[[bodies]]\nid = \"børn-og-unge\"\nname = \"Udvalget for Børn og Unge\"\nshort = \"BU\"\n").unwrap();
        std::fs::create_dir_all(dir.path().join("2021")).unwrap();
        std::fs::write(dir.path().join("2021/2021-03-12-børn-og-unge.toml"), &text).unwrap();
        let archive = crate::archive::Archive::load(dir.path()).unwrap();
        assert!(
            archive.diagnostics.is_empty(),
            "{:?}\n{text}",
            archive.diagnostics
        );
        let item = &archive.meetings[0].items[0];
        assert_eq!(item.case.number.as_deref(), Some("21/1234"));
        assert_eq!(
            item.case.route,
            [
                Party::Body("børn-og-unge".parse().unwrap()),
                Party::Outside("Økonomiudvalget".into()),
                Party::Outside("Kommunalbestyrelsen".into())
            ]
        );
        assert_eq!(
            item.recommendation.as_ref().unwrap().by,
            Some(Party::Outside("Administrationen".into()))
        );
        assert_eq!(item.attendance.absent[0].name, "Søren Østergaard");
        assert_eq!(
            item.summary,
            "Merforbrug på 4,2 mio. kr.\nfordelt på to områder.\n"
        );
        // Shown again, it reads the same, and empty fields take the keys away.
        let form = item_form(item, Lang::Da);
        assert!(
            form.contains("Sagsgang: børn-og-unge → Økonomiudvalget → Kommunalbestyrelsen\n"),
            "{form}"
        );
        let cleared = form
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, _)| format!("{k}:")))
            .collect::<Vec<_>>()
            .join("\n");
        set_item_form(&mut doc, 0, &forum, &[], &cleared).unwrap();
        let text = doc.to_string();
        assert!(
            !text.contains("[items.case]") && !text.contains("summary"),
            "{text}"
        );
        assert!(
            !text.contains("[items.attendance]") && !text.contains("by ="),
            "{text}"
        );
    }

    #[test]
    fn a_form_refuses_what_it_cannot_read_and_says_why() {
        let forum = forum();
        let mut doc: DocumentMut = MEETING.parse().unwrap();
        let err = set_item_form(&mut doc, 0, &forum, &[], "Sagsgang: kb").unwrap_err();
        assert!(err.contains("ikke et organ"), "{err:?}");
        let err = set_item_form(&mut doc, 0, &forum, &[], "hej\nSagsnr.: 1").unwrap_err();
        assert!(err.contains("hører ikke til et felt"), "{err:?}");
        // English labels are read too.
        set_item_form(&mut doc, 0, &forum, &[], "Case no.: 7\n").unwrap();
        assert!(doc.to_string().contains("number = \"7\""));
        let err =
            set_meeting_form(&mut doc, &forum, &[113.into()], "Rækkefølge: 113, 114").unwrap_err();
        assert!(err.contains("intet punkt 114"), "{err:?}");
        let err =
            set_meeting_form(&mut doc, &forum, &[113.into()], "Kilde: fjordby.dk").unwrap_err();
        assert!(err.contains("webadresse"), "{err:?}");
    }

    #[test]
    fn a_planned_meeting_is_cancelled_and_noted_and_an_event_gets_its_theme() {
        let forum = forum();
        let mut doc: DocumentMut = "year = 2021\n\n[[meetings]]\nbody = \"børn-og-unge\"\ndate = 2021-05-21   # fredag\n\n[[events]]\nid = \"temadag\"\nkind = \"theme-day\"\ntitle = \"Temadag\"\ndate = 2021-06-04\n".parse().unwrap();
        let id: crate::model::MeetingId = "2021-05-21-børn-og-unge".parse().unwrap();
        set_planned_form(
            &mut doc,
            &id,
            &forum,
            "Aflyst: ja\nFælles møde med: KKR Syddanmark\nBemærkning: Ingen sager\n",
        )
        .unwrap();
        set_event_form(
            &mut doc,
            "temadag",
            "Tema: Inklusion\nBemærkning: Alternativ dato 11. juni\n",
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains("date = 2021-05-21   # fredag\ncancelled = true\nwith = [\"KKR Syddanmark\"]\nnote = \"Ingen sager\""), "{text}");
        assert!(
            text.contains("theme = \"Inklusion\"\nnote = \"Alternativ dato 11. juni\""),
            "{text}"
        );
        set_planned_form(&mut doc, &id, &forum, "Aflyst: nej\n").unwrap();
        let text = doc.to_string();
        assert!(
            !text.contains("cancelled") && !text.contains("with ="),
            "{text}"
        );
        assert!(set_planned_form(&mut doc, &id, &forum, "Aflyst: måske").is_err());
    }

    #[test]
    fn a_bodys_settings_are_set_and_cleared_in_forum_toml() {
        let mut doc: DocumentMut =
            "name = \"F\"\n\n[[bodies]]\nid = \"bu\"   # Børn og Unge\nname = \"BU\"\n"
                .parse()
                .unwrap();
        let bu: crate::model::BodyId = "bu".parse().unwrap();
        let form = "Nye møder begynder med godkendelse af dagsorden: ja\nPunktnumre løber videre gennem året: ja\n";
        set_body_form(&mut doc, &bu, form).unwrap();
        let text = doc.to_string();
        assert!(text.contains("id = \"bu\"   # Børn og Unge\nname = \"BU\"\nagenda_approval = true\nrunning_numbers = true"), "{text}");
        set_body_form(&mut doc, &bu, "Punktnumre løber videre gennem året: nej\n").unwrap();
        assert!(!doc.to_string().contains("true"), "{doc}");
    }

    #[test]
    fn a_meetings_form_sets_dates_source_order_and_joint_bodies() {
        let forum = forum();
        let mut doc: DocumentMut = MEETING.parse().unwrap();
        set_meeting_form(
            &mut doc,
            &forum,
            &[113.into()],
            "Dagsorden udgivet: 5-3-2021\nReferat udgivet: 2021-03-15\nKilde: https://fjordby.dk/r\nRækkefølge: 113\nFælles møde med: Ældreudvalget\n",
        )
        .unwrap();
        let text = doc.to_string();
        assert!(text.contains("agenda_published = 2021-03-05"), "{text}");
        assert!(text.contains("published = 2021-03-15"), "{text}");
        assert!(text.contains("source = \"https://fjordby.dk/r\""), "{text}");
        assert!(text.contains("order = [113]"), "{text}");
        assert!(text.contains("with = [\"Ældreudvalget\"]"), "{text}");
        assert!(has_key(&doc, "with"));
        set_meeting_form(&mut doc, &forum, &[113.into()], "Fælles møde med:\n").unwrap();
        assert!(!has_key(&doc, "with"));
    }

    #[test]
    fn a_meetings_form_sets_title_place_and_times_and_refuses_what_cannot_be() {
        let forum = forum();
        let mut doc: DocumentMut = MEETING.parse().unwrap();
        let form = "Titel: Møde i Børne- og Ungeudvalget\nSted: Rådhuset, lokale 2\nBegynder: 9.00\nSlutter: kl. 11.30\n";
        set_meeting_form(&mut doc, &forum, &[113.into()], form).unwrap();
        let text = doc.to_string();
        assert!(
            text.contains("title = \"Møde i Børne- og Ungeudvalget\""),
            "{text}"
        );
        assert!(text.contains("place = \"Rådhuset, lokale 2\""), "{text}");
        assert!(
            text.contains("start = 09:00:00") && text.contains("end = 11:30:00"),
            "{text}"
        );
        assert!(text.contains("status = \"held\"   # kept"), "{text}");
        for (bad, why) in [
            ("Titel: \n", "titel"),
            ("Begynder: ni\n", "klokkeslæt"),
            ("Begynder: 12.00\nSlutter: 11.00\n", "slut skal være efter"),
        ] {
            let mut doc: DocumentMut = MEETING.parse().unwrap();
            let err = set_meeting_form(&mut doc, &forum, &[113.into()], bad).unwrap_err();
            assert!(err.contains(why), "{bad:?}: {err:?}");
        }
    }

    #[test]
    fn an_items_form_sets_presenter_and_tags_and_leaves_them_where_not_given() {
        let forum = forum();
        let mut doc: DocumentMut = MEETING.parse().unwrap();
        set_item_form(
            &mut doc,
            0,
            &forum,
            &[],
            "Fremlægges af: Anne Hansen, Fagchef\nEmner: budget, dagtilbud\n",
        )
        .unwrap();
        let text = doc.to_string();
        assert!(
            text.contains("presenter = \"Anne Hansen, Fagchef\""),
            "{text}"
        );
        assert!(
            text.contains("tags = [\"budget\", \"dagtilbud\"]"),
            "{text}"
        );
        set_item_form(&mut doc, 0, &forum, &[], "Sagsnr.: 27.00.00\n").unwrap();
        let text = doc.to_string();
        assert!(
            text.contains("presenter") && text.contains("tags"),
            "{text}"
        );
        set_item_form(&mut doc, 0, &forum, &[], "Emner: \nFremlægges af:\n").unwrap();
        let text = doc.to_string();
        assert!(
            !text.contains("presenter") && !text.contains("tags"),
            "{text}"
        );
    }
}
