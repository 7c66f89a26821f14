//! Minutes (*referat*) and agendas (*dagsorden*) as CommonMark.
//!
//! The document is built as Markdown events and written by pulldown-cmark-to-cmark, so every
//! piece of user text is escaped by the writer: a title holding `<script>`, `#` or
//! `[x](javascript:…)` comes out as literal text. Backgrounds and decision texts are Markdown by
//! design and pass through `sanitize_md`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::sanitize_md::{parser_options, safe_events, text};
use crate::archive::Archive;
use crate::followup::followup_due_phrase;
use crate::lang::Lang;
use crate::model::{
    ClauseDecision, ClauseStyle, Decision, Followup, Forum, Item, ItemKind, Meeting, Person,
    Recommendation,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Before the meeting: no decisions.
    Agenda,
    /// After the meeting: with decisions and the follow-ups they created.
    Minutes,
}

#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub kind: DocKind,
    /// Leave closed items out, keeping the other items' numbers.
    pub public: bool,
    pub lang: Lang,
}

/// Headings inside user text go below the item's own section headings (level 3).
const USER_TOP_HEADING: usize = 4;

/// An event list with the few block shapes the documents use.
#[derive(Default)]
struct Doc {
    events: Vec<Event<'static>>,
}

impl Doc {
    fn heading(&mut self, level: HeadingLevel, title: &str) {
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: None,
            classes: vec![],
            attrs: vec![],
        }));
        self.events.push(text(title));
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    fn paragraph(&mut self, content: &str) {
        self.events.push(Event::Start(Tag::Paragraph));
        self.events.push(text(content));
        self.events.push(Event::End(TagEnd::Paragraph));
    }

    fn emphasis_paragraph(&mut self, content: &str) {
        self.events.push(Event::Start(Tag::Paragraph));
        self.events.push(Event::Start(Tag::Emphasis));
        self.events.push(text(content));
        self.events.push(Event::End(TagEnd::Emphasis));
        self.events.push(Event::End(TagEnd::Paragraph));
    }

    /// "**Label:** value" as the content of the current block.
    fn labelled(&mut self, label: &str, value: &str) {
        self.events.push(Event::Start(Tag::Strong));
        self.events.push(text(&format!("{label}:")));
        self.events.push(Event::End(TagEnd::Strong));
        self.events.push(text(&format!(" {value}")));
    }

    fn start_list(&mut self, start: Option<u64>) {
        self.events.push(Event::Start(Tag::List(start)));
    }

    fn end_list(&mut self, ordered: bool) {
        self.events.push(Event::End(TagEnd::List(ordered)));
    }

    fn item<F: FnOnce(&mut Doc)>(&mut self, content: F) {
        self.events.push(Event::Start(Tag::Item));
        content(self);
        self.events.push(Event::End(TagEnd::Item));
    }

    fn bullets<'s>(&mut self, lines: impl IntoIterator<Item = &'s str>) {
        self.start_list(None);
        for line in lines {
            self.item(|d| d.events.push(text(line)));
        }
        self.end_list(false);
    }

    /// User Markdown, made safe.
    fn markdown(&mut self, source: &str) {
        self.events.extend(safe_events(source, USER_TOP_HEADING));
    }

    fn finish(self) -> String {
        let mut out = String::new();
        let options = pulldown_cmark_to_cmark::Options {
            list_token: '-',
            // Show each item's real number in the text, not "1." throughout.
            increment_ordered_list_bullets: true,
            ..Default::default()
        };
        // Writing to a String cannot fail.
        let _ = pulldown_cmark_to_cmark::cmark_with_options(
            self.events.iter(),
            &mut out,
            parser_options(),
            options,
        );
        out.push('\n');
        out
    }
}

/// The agenda or minutes of `meeting` as CommonMark.
pub fn meeting_markdown(archive: &Archive, meeting: &Meeting, opts: &MarkdownOptions) -> String {
    let lang = opts.lang;
    let l = lang.labels();
    let items: Vec<&Item> = meeting
        .items
        .iter()
        .filter(|i| !(opts.public && i.closed))
        .collect();
    let mut doc = Doc::default();

    doc.heading(HeadingLevel::H1, &meeting.title);
    // Each document says when it was published: the agenda never borrows the minutes' date.
    let (doc_label, published) = match opts.kind {
        DocKind::Agenda => (l.agenda, meeting.agenda_published),
        DocKind::Minutes => (l.minutes, meeting.published),
    };
    match published {
        Some(p) => doc.paragraph(&format!("{doc_label} · {} {}", l.published, lang.date(p))),
        None => doc.paragraph(doc_label),
    }
    doc.start_list(None);
    doc.item(|d| d.labelled(l.body, &archive.forum.body_name(meeting.body())));
    let with = crate::calendar::joint_with(archive, &meeting.id);
    if !with.is_empty() {
        let names: Vec<String> = with.iter().map(|p| archive.forum.party_name(p)).collect();
        doc.item(|d| d.labelled(l.joint_meeting, &names.join(", ")));
    }
    if !meeting.place.is_empty() {
        doc.item(|d| d.labelled(l.place, &meeting.place));
    }
    let mut when = lang.long_date(meeting.date());
    if let Some(start) = meeting.start {
        when = format!("{when}, {}", lang.time_range(start, meeting.end));
    }
    doc.item(|d| d.labelled(l.time, &when));
    if let Some(source) = &meeting.source {
        doc.item(|d| d.labelled(l.source_page, source));
    }
    doc.end_list(false);

    attendance(&mut doc, meeting, lang);

    doc.heading(HeadingLevel::H2, l.items);
    item_list(&mut doc, &items, opts);

    for item in &items {
        item_section(&mut doc, &archive.forum, item, opts);
    }

    if opts.kind == DocKind::Minutes {
        // A suggestion from an import is no follow-up until staff accept it.
        let followups: Vec<&Followup> = items
            .iter()
            .flat_map(|i| i.followups.iter())
            .filter(|f| !f.suggested)
            .collect();
        if !followups.is_empty() {
            doc.heading(HeadingLevel::H2, l.followups);
            doc.start_list(None);
            for f in followups {
                followup_entry(&mut doc, archive, f, lang);
            }
            doc.end_list(false);
        }
    }
    doc.finish()
}

fn attendance(doc: &mut Doc, meeting: &Meeting, lang: Lang) {
    let a = &meeting.attendance;
    if a.is_empty() {
        return;
    }
    let l = lang.labels();
    doc.heading(HeadingLevel::H2, l.attendance);
    for (label, people) in [
        (l.participants, &a.participants),
        (l.apologies, &a.apologies),
        (l.guests, &a.guests),
        (l.guest_apologies, &a.guest_apologies),
    ] {
        if people.is_empty() {
            continue;
        }
        doc.heading(HeadingLevel::H3, label);
        let lines: Vec<String> = people.iter().map(Person::line).collect();
        doc.bullets(lines.iter().map(String::as_str));
    }
}

/// The numbered list of items, in the order they were taken. CommonMark numbers a list
/// from its first number on, so each run of consecutive numbers is its own list: a gap (14,
/// 16) or a change of order (1, 4, 6, 2) keeps the real numbers.
fn item_list(doc: &mut Doc, items: &[&Item], opts: &MarkdownOptions) {
    let closed = opts.lang.labels().closed_item;
    let mut previous: Option<u32> = None;
    for item in items {
        let title = if item.title.is_empty() {
            closed.to_owned()
        } else if item.closed && !opts.public {
            format!("{} ({})", item.title, closed.to_lowercase())
        } else {
            item.title.clone()
        };
        // A sub-item (3a, 3.1) has no place in a numbered list: its number is written out.
        if item.number.is_sub() {
            if previous.take().is_some() {
                doc.end_list(true);
            }
            doc.paragraph(&format!("{}. {title}", item.number));
            continue;
        }
        let main = item.number.main();
        let continues = previous.is_some_and(|p| p + 1 == main);
        if !continues {
            if previous.is_some() {
                doc.end_list(true);
            }
            doc.start_list(Some(main.into()));
        }
        doc.item(|d| d.events.push(text(&title)));
        previous = Some(main);
    }
    if previous.is_some() {
        doc.end_list(true);
    }
}

fn item_section(doc: &mut Doc, forum: &Forum, item: &Item, opts: &MarkdownOptions) {
    let l = opts.lang.labels();
    doc.heading(
        HeadingLevel::H2,
        &format!("{}. {}", item.number, item.shown_title(l.closed_item)),
    );
    if item.closed && !item.title.is_empty() {
        doc.emphasis_paragraph(l.closed_item);
    }
    case_data(doc, forum, item, opts);
    if !item.summary.trim().is_empty() {
        doc.heading(HeadingLevel::H3, l.summary);
        doc.markdown(&item.summary);
    }
    // The screens read an item's text from its file before they export it; a text still
    // away here would be a bug, and is told in the document rather than left out unseen.
    debug_assert!(
        item.background.is_held(),
        "exported with its background away"
    );
    let background = item.background.text().unwrap_or(l.text_not_read);
    if !background.trim().is_empty() {
        // Standing items ("Eventuelt", "Næste møde") read as plain text, without a heading,
        // unless a summary stands above it (the text would read as the summary's).
        if !matches!(
            item.kind,
            ItemKind::AnyOtherBusiness | ItemKind::NextMeeting
        ) || !item.summary.trim().is_empty()
        {
            doc.heading(HeadingLevel::H3, l.background);
        }
        doc.markdown(background);
    }
    if let Some(presenter) = &item.presenter {
        doc.events.push(Event::Start(Tag::Paragraph));
        doc.labelled(l.presented_by, presenter);
        doc.events.push(Event::End(TagEnd::Paragraph));
    }
    if let Some(rec) = &item.recommendation {
        doc.heading(HeadingLevel::H3, l.recommendation);
        recommendation(doc, rec);
    }
    if opts.kind == DocKind::Minutes {
        match &item.decision {
            Some(decision) if !decision.is_empty() => {
                doc.heading(
                    HeadingLevel::H3,
                    decision.heading.as_deref().unwrap_or(l.decision),
                );
                self::decision(doc, item, decision, opts.lang);
            }
            _ if item.recommendation.is_some() => {
                doc.heading(HeadingLevel::H3, l.decision);
                doc.emphasis_paragraph(l.no_decision);
            }
            _ => {}
        }
        item_attendance(doc, item, opts);
    }
    if !item.attachments.is_empty() {
        doc.heading(HeadingLevel::H3, l.attachments);
        doc.bullets(item.attachments.iter().map(|a| a.title.as_str()));
    }
}

/// *Sagsnr.*, *Sagsbehandler*, … as a labelled list under the item's heading.
fn case_data(doc: &mut Doc, forum: &Forum, item: &Item, opts: &MarkdownOptions) {
    let rows = forum.case_rows(&item.case, opts.lang);
    if rows.is_empty() {
        return;
    }
    doc.start_list(None);
    for (label, value) in rows {
        doc.item(|d| d.labelled(label, &value));
    }
    doc.end_list(false);
}

/// Guests who came for this item and members absent during it.
fn item_attendance(doc: &mut Doc, item: &Item, opts: &MarkdownOptions) {
    let a = &item.attendance;
    if a.is_empty() {
        return;
    }
    let l = opts.lang.labels();
    for (label, people) in [(l.absent, &a.absent), (l.item_guests, &a.guests)] {
        if people.is_empty() {
            continue;
        }
        let names: Vec<String> = people.iter().map(Person::line).collect();
        doc.events.push(Event::Start(Tag::Paragraph));
        doc.labelled(label, &names.join("; "));
        doc.events.push(Event::End(TagEnd::Paragraph));
    }
}

/// The recommendation as written: one sentence, or the lead and each clause with the
/// source's marker — `(a)` and `–` as text, `1.` as a numbered list, `•` as a bullet list.
fn recommendation(doc: &mut Doc, rec: &Recommendation) {
    if rec.is_sentence() {
        match rec.clauses.first() {
            // A lead that ends in a colon introduces the clause rather than beginning it.
            Some(only) if rec.lead.trim_end().ends_with(':') => {
                doc.paragraph(rec.lead.trim());
                doc.paragraph(only.trim());
            }
            Some(only) => doc.paragraph(&join_words(&rec.lead, only)),
            None if !rec.lead.trim().is_empty() => doc.paragraph(rec.lead.trim()),
            None => {}
        }
        return;
    }
    if !rec.lead.trim().is_empty() {
        doc.paragraph(rec.lead.trim());
    }
    match rec.style {
        ClauseStyle::Numbers => {
            doc.start_list(Some(1));
            for c in &rec.clauses {
                doc.item(|d| d.events.push(text(c.trim())));
            }
            doc.end_list(true);
        }
        ClauseStyle::Bullets => doc.bullets(rec.clauses.iter().map(|c| c.trim())),
        _ => {
            for (i, c) in rec.clauses.iter().enumerate() {
                doc.paragraph(&join_words(&rec.marker(i), c));
            }
        }
    }
}

fn join_words(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        ("", b) => b.to_owned(),
        (a, "") => a.to_owned(),
        (a, b) => format!("{a} {b}"),
    }
}

/// One decision clause's text (its outcome where no text was written), with `marker`
/// put before its first paragraph.
fn clause_text(doc: &mut Doc, c: &ClauseDecision, marker: &str, lang: Lang) {
    let mut events = if c.text.trim().is_empty() {
        vec![
            Event::Start(Tag::Paragraph),
            text(&format!("{}.", lang.outcome(c.outcome))),
            Event::End(TagEnd::Paragraph),
        ]
    } else {
        let mut events = safe_events(&c.text, USER_TOP_HEADING);
        // Where the decision departs from the recommendation the minutes say how, as the
        // screen does: "*Godkendt med ændringer:* …".
        if c.outcome.departs_from_recommendation()
            && matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        {
            let label = [
                Event::Start(Tag::Emphasis),
                text(&format!("{}:", lang.outcome(c.outcome))),
                Event::End(TagEnd::Emphasis),
                text(" "),
            ];
            events.splice(1..1, label);
        }
        events
    };
    if !marker.is_empty() {
        match events.first() {
            Some(Event::Start(Tag::Paragraph)) => events.insert(1, text(&format!("{marker} "))),
            _ => {
                doc.paragraph(marker);
            }
        }
    }
    doc.events.extend(events);
}

/// The decision, clause by clause with the recommendation's markers, so the minutes read
/// "(a) … (b) …" or "– … – …" as the recommendation above them does.
fn decision(doc: &mut Doc, item: &Item, decision: &Decision, lang: Lang) {
    if !decision.text.trim().is_empty() {
        doc.markdown(&decision.text);
    }
    let style = item
        .recommendation
        .as_ref()
        .filter(|r| !r.is_sentence())
        .map(|r| r.style);
    match (decision.clauses.as_slice(), style) {
        ([], _) => {}
        ([only], None) => clause_text(doc, only, "", lang),
        (clauses, Some(ClauseStyle::Numbers)) => {
            doc.start_list(Some(1));
            for c in clauses {
                doc.item(|d| clause_text(d, c, "", lang));
            }
            doc.end_list(true);
        }
        (clauses, Some(ClauseStyle::Bullets)) => {
            doc.start_list(None);
            for c in clauses {
                doc.item(|d| clause_text(d, c, "", lang));
            }
            doc.end_list(false);
        }
        // "at …" starts a recommended clause, not its decision: decided clauses are lettered.
        (clauses, Some(ClauseStyle::AtLines)) => {
            for (i, c) in clauses.iter().enumerate() {
                clause_text(doc, c, &crate::model::meeting::clause_letter(i), lang);
            }
        }
        (clauses, _) => {
            for (i, c) in clauses.iter().enumerate() {
                clause_text(doc, c, &item.clause_marker(i), lang);
            }
        }
    }
    if !decision.remarks.trim().is_empty() {
        doc.markdown(&decision.remarks);
    }
}

fn followup_entry(doc: &mut Doc, archive: &Archive, f: &Followup, lang: Lang) {
    let l = lang.labels();
    let due = followup_due_phrase(archive, f, lang);
    doc.item(|d| {
        d.events.push(Event::Start(Tag::Paragraph));
        d.events.push(text(&f.what));
        d.events.push(Event::HardBreak);
        d.labelled(l.followup_due, &due);
        if let Some(body) = &f.reports_to {
            d.events.push(Event::Text(CowStr::Borrowed(" · ")));
            d.labelled(l.followup_reports_to, &archive.forum.body_name(body));
        }
        if let Some(owner) = &f.owner {
            d.events.push(Event::Text(CowStr::Borrowed(" · ")));
            d.labelled(l.followup_owner, owner);
        }
        if let Some(origin) = &f.origin
            && let Some(n) = &origin.item
        {
            let from = format!(" ({} {n})", l.item);
            d.events.push(text(&from));
        }
        d.events.push(Event::End(TagEnd::Paragraph));
    });
}
