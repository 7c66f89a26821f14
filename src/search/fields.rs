//! What is searched: the texts of an item and of a meeting, each under its field. The index
//! and the snippets read the same fields, so a hit always has a snippet.

use std::borrow::Cow;

use crate::lang::Lang;
use crate::model::{Item, Meeting, Person};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Tags,
    Background,
    Recommendation,
    Decision,
    Remarks,
    Attachments,
    Followups,
    Participants,
    Apologies,
    Guests,
    Absent,
    Summary,
    Case,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Tags => "tags",
            Field::Background => "background",
            Field::Recommendation => "recommendation",
            Field::Decision => "decision",
            Field::Remarks => "remarks",
            Field::Attachments => "attachments",
            Field::Followups => "followups",
            Field::Participants => "participants",
            Field::Apologies => "apologies",
            Field::Guests => "guests",
            Field::Absent => "absent",
            Field::Summary => "summary",
            Field::Case => "case",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Field::Title => ("Titel", "Title"),
            Field::Tags => ("Emner", "Tags"),
            Field::Background => ("Baggrund", "Background"),
            Field::Recommendation => ("Indstilling", "Recommendation"),
            Field::Decision => ("Beslutning", "Decision"),
            Field::Remarks => ("Bemærkninger", "Remarks"),
            Field::Attachments => ("Bilag", "Attachments"),
            Field::Followups => ("Opfølgning", "Follow-up"),
            Field::Participants => ("Deltagere", "Participants"),
            Field::Apologies => ("Afbud", "Apologies"),
            Field::Guests => ("Gæster", "Guests"),
            Field::Absent => ("Fraværende", "Absent"),
            Field::Summary => ("Resume", "Summary"),
            Field::Case => ("Sag", "Case"),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// An item's searchable texts, in the order a snippet is looked for.
pub fn item_fields(item: &Item) -> Vec<(Field, Cow<'_, str>)> {
    let mut out = vec![(Field::Title, Cow::Borrowed(item.title.as_str()))];
    if !item.tags.is_empty() {
        out.push((Field::Tags, Cow::Owned(item.tags.join(" · "))));
    }
    if let Some(decision) = &item.decision {
        let mut text = decision.text.clone();
        for clause in &decision.clauses {
            push_line(&mut text, &clause.text);
        }
        out.push((Field::Decision, Cow::Owned(text)));
        if !decision.remarks.is_empty() {
            out.push((Field::Remarks, Cow::Borrowed(decision.remarks.as_str())));
        }
    }
    if let Some(rec) = &item.recommendation {
        let mut text = rec.lead.clone();
        for clause in &rec.clauses {
            push_line(&mut text, clause);
        }
        out.push((Field::Recommendation, Cow::Owned(text)));
    }
    if !item.followups.is_empty() {
        let mut text = String::new();
        for f in &item.followups {
            push_line(&mut text, &f.what);
            if let Some(owner) = &f.owner {
                push_line(&mut text, owner);
            }
        }
        out.push((Field::Followups, Cow::Owned(text)));
    }
    if !item.attachments.is_empty() {
        let mut text = String::new();
        for a in &item.attachments {
            push_line(&mut text, &a.title);
            if let Some(name) = a.path.file_name() {
                push_line(&mut text, &name.to_string_lossy());
            }
        }
        out.push((Field::Attachments, Cow::Owned(text)));
    }
    if let Some(presenter) = &item.presenter {
        out.push((Field::Participants, Cow::Borrowed(presenter.as_str())));
    }
    for (field, people) in [
        (Field::Guests, &item.attendance.guests),
        (Field::Absent, &item.attendance.absent),
    ] {
        if !people.is_empty() {
            out.push((field, Cow::Owned(people_line(people))));
        }
    }
    let c = &item.case;
    if !c.is_empty() {
        let mut text = String::new();
        for value in [&c.number, &c.officer, &c.case_type, &c.authority]
            .into_iter()
            .flatten()
        {
            push_line(&mut text, value);
        }
        for step in &c.route {
            push_line(&mut text, step.as_written());
        }
        out.push((Field::Case, Cow::Owned(text)));
    }
    if !item.summary.is_empty() {
        out.push((Field::Summary, Cow::Borrowed(item.summary.as_str())));
    }
    // Away only when its file could not be read again (the search thread reads it first).
    if let Some(background) = item.background.text() {
        out.push((Field::Background, Cow::Borrowed(background)));
    }
    out
}

/// A meeting's own searchable texts: its title and place, and who took part, each name
/// under its role (an *afbud* is not a *deltager*).
pub fn meeting_fields(meeting: &Meeting) -> Vec<(Field, Cow<'_, str>)> {
    let a = &meeting.attendance;
    let mut title = meeting.title.clone();
    push_line(&mut title, &meeting.place);
    let mut out = vec![(Field::Title, Cow::Owned(title))];
    // A guest who sent apologies did not take part either.
    let apologies: Vec<Person> = a
        .apologies
        .iter()
        .chain(&a.guest_apologies)
        .cloned()
        .collect();
    for (field, people) in [
        (Field::Participants, &a.participants),
        (Field::Apologies, &apologies),
        (Field::Guests, &a.guests),
    ] {
        if !people.is_empty() {
            out.push((field, Cow::Owned(people_line(people))));
        }
    }
    out
}

fn people_line(people: &[Person]) -> String {
    people
        .iter()
        .map(Person::line)
        .collect::<Vec<_>>()
        .join("; ")
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}
