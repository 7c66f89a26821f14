//! The tool's own minutes (`dagsorden export minutes`), read back: a secretariat that keeps
//! minutes exported from another archive, or sent by a colleague, imports them like any
//! published page. The Markdown is read with pulldown-cmark and said again in the shared
//! page form (the header block, PUNKTER, the item sections), so the shared reader does the
//! rest: this module only knows how the export lays a meeting out, in Danish or English.
//!
//! What the minutes do not print is not read back: a clause's outcome is read from its
//! wording as on any page, and tags, references and the follow-ups' details are the
//! archive's own.

use chrono::{NaiveDate, NaiveTime};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::ImportedMeeting;
use super::normalise::Line;
use super::sections::{self, Layout, Section};
use crate::lang::{Labels, Lang};

const LANGS: [Lang; 2] = [Lang::Da, Lang::En];

fn heading(line: &str) -> Option<Section> {
    let t = line.trim();
    let lower = t.to_lowercase();
    for lang in LANGS {
        let l = lang.labels();
        if t == l.summary {
            return Some(Section::Summary);
        }
        if t == l.background {
            return Some(Section::Background);
        }
        if t == l.recommendation {
            return Some(Section::Recommendation);
        }
        if t == l.decision || (lower.starts_with("beslutning i ") && lower.contains(" den ")) {
            return Some(Section::Decision);
        }
        if t == l.attachments {
            return Some(Section::Attachments);
        }
    }
    None
}

pub const LAYOUT: Layout = Layout { heading };

/// The labels the export used, told by the meeting's facts list ("**Udvalg:**").
fn labels_of(text: &str) -> Option<&'static Labels> {
    LANGS
        .iter()
        .map(|l| l.labels())
        .find(|l| text.contains(&format!("- **{}:** ", l.body)))
}

/// Whether `text` is minutes or an agenda the tool exported: a title, then the facts list.
pub fn recognises_text(text: &str) -> bool {
    text.trim_start().starts_with("# ") && labels_of(text).is_some()
}

/// The export puts its facts list right under the title, so the page's head tells: every
/// page imported is asked, and a 50 KB page need not be copied whole to answer.
const HEAD_LINES: usize = 40;

pub fn recognises(lines: &[Line]) -> bool {
    recognises_text(&joined(&lines[..lines.len().min(HEAD_LINES)]))
}

fn joined(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn read(lines: &[Line], party_id: &dyn Fn(&str) -> Option<String>) -> ImportedMeeting {
    let text = joined(lines);
    let page = page_form(&text);
    let mut m = sections::read(&LAYOUT, &page, party_id);
    m.source = source(&text);
    m
}

/// A block of the document: a heading, a paragraph or a list item, with its text and the
/// line it starts on.
#[derive(Debug)]
enum Block {
    Heading(HeadingLevel, String),
    Paragraph(String),
    /// A list item: its number in an ordered list.
    Item(Option<u64>, String),
    /// A table, as the lines of a Markdown table.
    Table(Vec<String>),
}

fn blocks(text: &str) -> Vec<(usize, Block)> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    // Ordered lists' next numbers, innermost last; `None` for a bullet list.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item_number: Option<Option<u64>> = None;
    // The items an item is nested in, innermost last.
    let mut outer_items: Vec<Option<Option<u64>>> = Vec::new();
    let mut heading = None;
    let mut in_item_paragraph = false;
    let mut table: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                table.clear();
                start = range.start;
            }
            Event::Start(Tag::TableCell) => current.clear(),
            Event::End(TagEnd::TableCell) => row.push(current.trim().replace('|', "\\|")),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                table.push(format!("| {} |", row.join(" | ")));
                if matches!(event, Event::End(TagEnd::TableHead)) {
                    table.push(format!("|{}|", vec!["---"; row.len()].join("|")));
                }
                row.clear();
                current.clear();
            }
            Event::End(TagEnd::Table) => {
                out.push((line_of(start), Block::Table(std::mem::take(&mut table))));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                current.clear();
                start = range.start;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(level) = heading.take() {
                    out.push((
                        line_of(start),
                        Block::Heading(level, current.trim().to_owned()),
                    ));
                }
                current.clear();
            }
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                // An item inside an item: the outer one's text so far is a line of its own,
                // not lost to the inner one.
                if let Some(outer) = item_number
                    && !current.trim().is_empty()
                {
                    out.push((
                        line_of(start),
                        Block::Item(outer, current.trim().to_owned()),
                    ));
                }
                let n = lists.last_mut().and_then(|l| {
                    let n = *l;
                    *l = l.map(|v| v + 1);
                    n
                });
                outer_items.push(item_number);
                item_number = Some(n);
                current.clear();
                start = range.start;
            }
            Event::End(TagEnd::Item) => {
                if let Some(n) = item_number
                    && !current.trim().is_empty()
                {
                    out.push((line_of(start), Block::Item(n, current.trim().to_owned())));
                }
                item_number = outer_items.pop().flatten();
                current.clear();
            }
            Event::Start(Tag::Paragraph) => {
                if item_number.is_some() {
                    in_item_paragraph = true;
                    if !current.is_empty() {
                        current.push(' ');
                    }
                } else {
                    current.clear();
                    start = range.start;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if in_item_paragraph {
                    in_item_paragraph = false;
                } else {
                    out.push((line_of(start), Block::Paragraph(current.trim().to_owned())));
                    current.clear();
                }
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    out
}

/// The document said in the shared page form: lines with the Markdown's line numbers.
fn page_form(text: &str) -> Vec<Line> {
    let Some(l) = labels_of(text) else {
        return Vec::new();
    };
    let mut page: Vec<Line> = Vec::new();
    let label = |t: &str, key: &str| -> Option<String> {
        t.strip_prefix(&format!("{key}: "))
            .map(|v| v.trim().to_owned())
    };
    // Where the document is: the header, the attendance, the item list, the items.
    #[derive(PartialEq)]
    enum Part {
        Header,
        Attendance,
        List,
        Items,
        After,
    }
    let mut part = Part::Header;
    let mut skip_no_decision = false;
    let blocks = blocks(text);
    for (i, (no, block)) in blocks.iter().enumerate() {
        let no = *no;
        match block {
            Block::Heading(HeadingLevel::H1, title) => {
                put(&mut page, no, title);
                put(&mut page, no, "MØDE");
                put(&mut page, no, title);
            }
            Block::Heading(HeadingLevel::H2, t) if t == l.attendance => part = Part::Attendance,
            Block::Heading(HeadingLevel::H2, t) if t == l.items => {
                part = Part::List;
                put(&mut page, no, "PUNKTER");
            }
            Block::Heading(HeadingLevel::H2, t) if part != Part::Header && item_heading(t) => {
                part = Part::Items;
                // A closed item says so in the paragraph under its heading.
                let closed = matches!(
                    blocks.get(i + 1),
                    Some((_, Block::Paragraph(p))) if p == l.closed_item
                );
                if closed
                    && t.split_once(". ")
                        .is_some_and(|(_, title)| title != l.closed_item)
                {
                    put(&mut page, no, &format!("{t} – Lukket punkt"));
                } else {
                    put(&mut page, no, t);
                }
            }
            Block::Heading(HeadingLevel::H2, _) if part == Part::Items => part = Part::After,
            Block::Heading(HeadingLevel::H3, t) if part == Part::Attendance => {
                let header = if t == l.participants {
                    "DELTAGERE"
                } else if t == l.apologies {
                    "AFBUD"
                } else if t == l.guest_apologies {
                    "GÆSTER MED AFBUD"
                } else if t == l.guests {
                    "GÆSTER"
                } else {
                    continue;
                };
                put(&mut page, no, header);
            }
            Block::Item(_, person) if part == Part::Attendance => {
                // The names of a list stand line under line, its end a blank line.
                if page.last().is_some_and(|l| l.text.is_empty()) {
                    page.pop();
                }
                put(&mut page, no, person);
            }
            Block::Paragraph(p) if part == Part::Header => {
                if let Some(date) = p
                    .split_once(&format!(" · {} ", l.published))
                    .and_then(|(_, d)| any_date(d))
                {
                    put(
                        &mut page,
                        no,
                        &format!("Udgivet {}", date.format("%d.%m.%Y")),
                    );
                }
            }
            Block::Item(_, fact) if part == Part::Header => {
                let fact = fact.as_str();
                if let Some(v) = label(fact, l.body) {
                    put(&mut page, no, "UDVALG");
                    put(&mut page, no, &v);
                } else if let Some(v) = label(fact, l.place) {
                    put(&mut page, no, "STED");
                    put(&mut page, no, &v);
                } else if let Some(v) = label(fact, l.time)
                    && let Some(date) = any_date(&v)
                {
                    let (start, end) = times(&v);
                    if let Some(start) = start {
                        put(&mut page, no, "STARTTIDSPUNKT");
                        put(&mut page, no, &format!("{date} {}", start.format("%H:%M")));
                    } else {
                        put(&mut page, no, "DATO");
                        put(&mut page, no, &date.to_string());
                    }
                    if let Some(end) = end {
                        put(&mut page, no, "SLUTTIDSPUNKT");
                        put(&mut page, no, &format!("{date} {}", end.format("%H:%M")));
                    }
                }
            }
            Block::Item(Some(n), title) if part == Part::List => {
                let title = closed_in_list(title, l);
                put_list_line(&mut page, no, &format!("{n}. {title}"));
            }
            Block::Paragraph(p) if part == Part::List => {
                put_list_line(&mut page, no, &closed_in_list(p, l))
            }
            Block::Heading(_, t) if part == Part::Items => {
                skip_no_decision = heading(t) == Some(Section::Decision)
                    && matches!(blocks.get(i + 1), Some((_, Block::Paragraph(p))) if p == l.no_decision);
                if !skip_no_decision {
                    put(&mut page, no, t);
                }
            }
            Block::Table(rows) if part == Part::Items => {
                for (k, row) in rows.iter().enumerate() {
                    page.push(Line {
                        no: no + k,
                        text: row.clone(),
                    });
                }
                page.push(Line {
                    no,
                    text: String::new(),
                });
            }
            Block::Paragraph(p) if part == Part::Items => {
                if (skip_no_decision && p == l.no_decision) || p == l.closed_item {
                    skip_no_decision = false;
                    continue;
                }
                put(&mut page, no, &case_line(p, l));
            }
            Block::Item(n, t) if part == Part::Items => {
                let line = match (n, labelled(t, l)) {
                    (Some(n), _) => format!("{n}. {t}"),
                    (None, Some(line)) => line,
                    (None, None) => format!("• {t}"),
                };
                // A list's items stand line under line; another list is another paragraph.
                let same_list = i > 0
                    && matches!(&blocks[i - 1].1, Block::Item(m, _) if m.is_some() == n.is_some());
                if same_list && page.last().is_some_and(|l| l.text.is_empty()) {
                    page.pop();
                }
                put(&mut page, no, &line);
            }
            _ => {}
        }
    }
    page
}

/// A line, and the blank line that ends its paragraph.
fn put(page: &mut Vec<Line>, no: usize, t: &str) {
    page.push(Line {
        no,
        text: t.to_owned(),
    });
    page.push(Line {
        no,
        text: String::new(),
    });
}

/// A labelled line of an item ("Sagsnr.: 21/1234", "Fremlægges af: …") as the shared
/// reader takes it; anything else as it is.
fn case_line(p: &str, l: &Labels) -> String {
    labelled(p, l).unwrap_or_else(|| p.to_owned())
}

/// The line as the shared reader takes it, if it is one of an item's labelled lines. The
/// minutes list people as "Name, Organisation; Name, …", the reader as "Name (Organisation),
/// Name …".
fn labelled(p: &str, l: &Labels) -> Option<String> {
    for (label, as_read) in [
        (l.case_number, "Sagsnr."),
        (l.case_officer, "Sagsbehandler"),
        (l.case_type, "Sagstype"),
        (l.case_authority, "Beslutningskompetence"),
        (l.case_route, "Sagsgang"),
        (l.presented_by, "Fremlægges af"),
        (l.absent, "Fraværende"),
        (l.item_guests, "Deltog under punktet"),
    ] {
        if let Some(v) = p.strip_prefix(&format!("{label}: ")) {
            if label == l.absent || label == l.item_guests {
                let people: Vec<String> = v
                    .split("; ")
                    .map(|who| match who.split_once(", ") {
                        Some((name, org)) => format!("{name} ({org})"),
                        None => who.to_owned(),
                    })
                    .collect();
                return Some(format!("{as_read}: {}", people.join(", ")));
            }
            return Some(format!("{as_read}: {v}"));
        }
    }
    None
}

/// An entry of the item list, line under line with the one before.
fn put_list_line(page: &mut Vec<Line>, no: usize, t: &str) {
    if page.last().is_some_and(|l| l.text.is_empty()) {
        page.pop();
    }
    put(page, no, t);
}

/// "Personalesag (lukket punkt)" in the list, as the shared reader knows a closed item
/// ("Personalesag – Lukket punkt").
fn closed_in_list(title: &str, l: &Labels) -> String {
    match title.strip_suffix(&format!(" ({})", l.closed_item.to_lowercase())) {
        Some(t) => format!("{t} – Lukket punkt"),
        None => title.to_owned(),
    }
}

/// "12. Eventuelt", "3a. Tillæg": an item's heading.
fn item_heading(t: &str) -> bool {
    t.split_once(". ")
        .is_some_and(|(n, _)| n.parse::<crate::model::ItemNo>().is_ok())
}

/// "fredag den 8. september 2017", "8. september 2017", "Friday 8 September 2017".
fn any_date(text: &str) -> Option<NaiveDate> {
    sections::danish_date(text).or_else(|| {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(3).find_map(|w| {
            NaiveDate::parse_from_str(&format!("{} {} {}", w[0], w[1], w[2]), "%d %B %Y").ok()
        })
    })
}

/// "kl. 09.00–12.00", "09:00–12:00", "kl. 09.00": the start and end.
fn times(text: &str) -> (Option<NaiveTime>, Option<NaiveTime>) {
    let found: Vec<NaiveTime> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .filter_map(|w| {
            let w = w.trim_matches('.');
            let (h, m) = w.split_once(['.', ':'])?;
            (h.len() <= 2 && m.len() == 2)
                .then(|| NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0))
                .flatten()
        })
        .collect();
    (found.first().copied(), found.get(1).copied())
}

/// The page the meeting was taken from ("**Kilde:** https://…").
fn source(text: &str) -> Option<String> {
    LANGS.iter().find_map(|lang| {
        let key = format!("- **{}:** ", lang.labels().source_page);
        text.lines()
            .find_map(|line| line.strip_prefix(&key))
            .map(|s| s.trim().trim_matches(['<', '>']).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_list_keeps_the_outer_item_s_text() {
        let texts: Vec<String> = blocks("- ydre punkt\n  - indre punkt\n- næste\n")
            .into_iter()
            .filter_map(|(_, b)| match b {
                Block::Item(_, t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["ydre punkt", "indre punkt", "næste"]);
    }
}
